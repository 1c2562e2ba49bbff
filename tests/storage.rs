//! Saving and re-opening assessments: round trip, migration to a new
//! questionnaire version, bad files (each left untouched), permissions,
//! names, locks, and managing (duplicate, rename, delete).

use std::path::{Path, PathBuf};

use aiact::storage::{
    Listing, LockState, Mode, NewAssessment, Opened, Questionnaires, StorageError, Store, format,
};
use aiact_core::answer::AnswerProblem;
use aiact_core::{AnswerValue, Questionnaire, Verdict};
use jiff::civil::{Date, date};
use serde_json::{Value, json};

#[path = "support/answered.rs"]
mod answered;

const TODAY: Date = date(2026, 11, 23);

fn toy_doc() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toy.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json")
}

fn questionnaire(doc: &Value) -> Questionnaire {
    Questionnaire::from_json(&doc.to_string(), "test").unwrap_or_else(|e| panic!("{e}"))
}

fn toy() -> Questionnaire {
    questionnaire(&toy_doc())
}

fn store_with(dir: &Path, questionnaire: Questionnaire) -> Store {
    Store::at(dir).with_questionnaires(Questionnaires::built_in().with(questionnaire))
}

/// A new data directory on the toy questionnaire.
fn toy_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with(dir.path(), toy());
    (dir, store)
}

fn new(name: &str) -> NewAssessment {
    NewAssessment {
        system_name: name.to_owned(),
        organisation: Some("Acme GmbH".to_owned()),
        assessor: Some("Jo".to_owned()),
    }
}

fn text(value: &str) -> AnswerValue {
    AnswerValue::Text(value.to_owned())
}

/// A chatbot built and sold by the user: transparency duties.
fn answer_chatbot(opened: &mut Opened) {
    answered::answer_all(
        opened,
        &json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat", "chatbot": "yes"}),
        TODAY,
    );
}

fn file_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("json")
}

fn lock_file(path: &Path) -> PathBuf {
    let name = path.file_name().expect("name").to_string_lossy();
    path.with_file_name(format!(".{name}.lock"))
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_large_number_comes_back_exactly_as_given() {
    // Training compute is compared with 10^25: it must not come back as
    // 2.4999999999999997e24 or 1.0000000000000002e25.
    let (_dir, store) = toy_store();
    let mut opened = store.create(new("Counter"), &toy()).expect("create");
    let path = opened.path.clone();
    answered::answer_all(
        &mut opened,
        &json!({"is_ai": "yes", "role": ["deployer"]}),
        TODAY,
    );
    for number in [2.5e24, 1e25, 3e25, 0.1] {
        opened
            .set_answer("users", &AnswerValue::Number(number), TODAY)
            .expect("users");
        let reopened = store.open(&path, Mode::ReadOnly).expect("reopen");
        assert_eq!(
            reopened.answers().get("users"),
            Some(&aiact_core::Answer::Number(number)),
            "{number:e}"
        );
    }
}

#[test]
fn the_list_gives_an_unfinished_assessment_a_tier_only_once_something_decides_it() {
    let (_dir, store) = toy_store();
    let mut undecided = store.create(new("Undecided"), &toy()).expect("create");
    undecided
        .set_answer("is_ai", &text("yes"), TODAY)
        .expect("is_ai");
    let mut banned = store.create(new("Banned"), &toy()).expect("create");
    answered::answer_all(
        &mut banned,
        &json!({"is_ai": "yes", "use_area": "scoring"}),
        TODAY,
    );
    drop((undecided, banned));
    let tiers: Vec<(String, Option<String>, bool)> = store
        .list()
        .into_iter()
        .filter_map(|listing| match listing {
            Listing::Readable(summary) => Some((
                summary.system_name,
                summary.tier.map(|tier| tier.id),
                summary.complete,
            )),
            Listing::Unreadable { .. } => None,
        })
        .collect();
    assert!(
        tiers.contains(&("Undecided".into(), None, false)),
        "the default tier is a placeholder: {tiers:?}"
    );
    assert!(
        tiers.contains(&("Banned".into(), Some("prohibited".into()), false)),
        "{tiers:?}"
    );
}

#[test]
fn an_assessment_round_trips_through_its_file() {
    let (_dir, store) = toy_store();
    let mut opened = store.create(new("Shop Chatbot"), &toy()).expect("create");
    let path = opened.path.clone();
    assert_eq!(path, store.assessments_dir().join("shop-chatbot.json"));
    answer_chatbot(&mut opened);
    opened
        .set_note("chatbot", Some("Widget on every page"), TODAY)
        .expect("note");
    opened
        .set_note("narrow_task", Some("Ask the CTO"), TODAY)
        .expect("note on an unanswered question");
    let id = opened.file().id.clone();
    let expected = Verdict::compute(&toy(), opened.answers(), TODAY);
    assert_eq!(opened.verdict(), Some(&expected));
    drop(opened);

    let reopened = store.open(&path, Mode::Edit).expect("reopen");
    assert!(reopened.migration.is_none());
    assert!(!reopened.read_only);
    assert_eq!(reopened.file().id, id);
    assert_eq!(reopened.file().metadata.system_name, "Shop Chatbot");
    assert_eq!(
        reopened.file().metadata.organisation.as_deref(),
        Some("Acme GmbH")
    );
    assert_eq!(reopened.file().metadata.assessor.as_deref(), Some("Jo"));
    assert_eq!(reopened.answers(), &expected_answers());
    assert_eq!(reopened.note("chatbot"), Some("Widget on every page"));
    assert_eq!(reopened.note("narrow_task"), Some("Ask the CTO"));
    assert_eq!(reopened.verdict(), Some(&expected));
    assert_eq!(expected.tier.id, "transparency");
    assert!(expected.complete);
    assert_eq!(reopened.file().progress.answered, 4);
    assert!(reopened.file().metadata.updated >= reopened.file().metadata.created);
    // The history records each change of the headline tier.
    let saved = reopened.file();
    let history: Vec<(Option<&str>, &str)> = saved
        .history
        .iter()
        .map(|change| {
            (
                change.from.as_ref().map(|t| t.id.as_str()),
                change.to.id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        history,
        [(None, "minimal"), (Some("minimal"), "transparency")]
    );
    assert!(reopened.file().history[1].complete);
}

fn expected_answers() -> aiact_core::Answers {
    let mut answers = aiact_core::Answers::new();
    let q = toy();
    answers.set(&q, "is_ai", &text("yes")).expect("fits");
    answers
        .set(&q, "role", &AnswerValue::List(vec!["provider".into()]))
        .expect("fits");
    answers.set(&q, "use_area", &text("chat")).expect("fits");
    answers.set(&q, "chatbot", &text("yes")).expect("fits");
    answers
}

#[test]
fn every_answer_and_note_is_on_disk_as_soon_as_it_is_given() {
    let (_dir, store) = toy_store();
    let mut opened = store.create(new("Autosave"), &toy()).expect("create");
    let path = opened.path.clone();
    assert_eq!(file_json(&path)["answers"], json!({}));
    assert_eq!(file_json(&path)["verdict"], Value::Null);
    opened
        .set_answer("is_ai", &text("no"), TODAY)
        .expect("answer");
    assert_eq!(file_json(&path)["answers"]["is_ai"]["value"], "no");
    assert_eq!(file_json(&path)["verdict"]["tier"]["id"], "not_ai_system");
    opened
        .set_note("is_ai", Some("rule-based"), TODAY)
        .expect("note");
    assert_eq!(file_json(&path)["answers"]["is_ai"]["note"], "rule-based");
    opened.set_note("is_ai", None, TODAY).expect("clear note");
    assert_eq!(
        file_json(&path)["answers"]["is_ai"].get("note"),
        None,
        "the note is gone, the answer stays"
    );
    assert_eq!(file_json(&path)["answers"]["is_ai"]["value"], "no");
    // No temporary files are left behind.
    assert_eq!(
        entries(&store.assessments_dir()),
        [".autosave.json.lock", "autosave.json"]
    );
}

/// The evaluations `summary::rows` makes on this thread for `store` (one
/// assessment: the calling thread works out its row), with the row's
/// "turns on" column; the rows kept by an earlier run are dropped first.
fn summary_work(store: &Store) -> (u64, Option<String>) {
    let _ = std::fs::remove_file(store.assessments_dir().join(".summary.json"));
    let before = aiact_core::Work::so_far();
    let rows = aiact::report::summary::rows(store, TODAY);
    let work = aiact_core::Work::since(before).evaluations;
    let [row] = rows.as_slice() else {
        panic!("one row: {}", rows.len());
    };
    match &row.content {
        aiact::report::summary::RowContent::Assessment(row) => (work, row.turns_on.clone()),
        aiact::report::summary::RowContent::Unreadable { reason } => panic!("{reason}"),
    }
}

/// Saves on every answer leave out what the verdict turns on (a few dozen
/// evaluations, too many for each key); leaving writes it, as the reports
/// work it out, and the workshop table then reuses it instead of working
/// it out again. Opening and leaving without a change writes nothing.
#[test]
fn leaving_saves_what_the_verdict_turns_on_and_the_table_reuses_it() {
    let (_dir, store) = toy_store();
    let mut opened = store.create(new("Chatbot"), &toy()).expect("create");
    answer_chatbot(&mut opened);
    let path = opened.path.clone();
    assert_eq!(file_json(&path)["verdict"].get("turns_on"), None);
    let (without, column) = summary_work(&store);

    opened.save_before_leaving(TODAY).expect("leave");
    let saved: Verdict =
        serde_json::from_value(file_json(&path)["verdict"].clone()).expect("a verdict");
    let expected = Verdict::compute_with_turns_on(&toy(), opened.answers(), TODAY);
    assert!(saved.turns_on.as_ref().is_some_and(|on| !on.is_empty()));
    assert_eq!(saved, expected);
    let (with, reused) = summary_work(&store);
    assert_eq!(reused, column);
    assert!(
        with < without && with <= 2,
        "with it saved {with} evaluations, without {without}"
    );

    let bytes = std::fs::read(&path).expect("read");
    opened.save_before_leaving(TODAY).expect("leave again");
    drop(opened);
    let mut opened = store.open(&path, Mode::Edit).expect("open");
    opened.save_before_leaving(TODAY).expect("leave unchanged");
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
}

#[test]
fn an_answer_that_does_not_fit_is_refused_and_nothing_changes() {
    let (_dir, store) = toy_store();
    let mut opened = store.create(new("Strict"), &toy()).expect("create");
    let before = std::fs::read(&opened.path).expect("read");
    let error = opened
        .set_answer("is_ai", &text("maybe"), TODAY)
        .expect_err("not an option");
    assert!(matches!(
        &error,
        StorageError::Answer { error, .. } if error.problem == AnswerProblem::UnknownOption("maybe".into())
    ));
    let error = opened
        .set_note("no_such_question", Some("x"), TODAY)
        .expect_err("unknown question");
    assert!(error.to_string().contains("no_such_question"), "{error}");
    assert_eq!(std::fs::read(&opened.path).expect("read"), before);
    assert!(opened.answers().is_empty());
}

/// Version 2 of the toy questionnaire: `comment` removed, the `credit`
/// option of `use_area` removed, a new question `vendor` added.
fn toy_v2() -> Questionnaire {
    let mut doc = toy_doc();
    doc["version"] = json!("2.0.0");
    let questions = doc["questions"].as_array_mut().expect("questions");
    questions.retain(|q| q["id"] != "comment");
    for question in questions.iter_mut() {
        if question["id"] == "use_area" {
            let options = question["options"].as_array_mut().expect("options");
            options.retain(|o| o["id"] != "credit");
        }
        if question["id"] == "narrow_task" {
            question["when"] = json!({ "equals": { "question": "use_area", "value": "hiring" } });
        }
    }
    questions.insert(
        1,
        json!({ "id": "vendor", "section": "basics", "kind": "yes_no", "text": "Do you buy it from a vendor?" }),
    );
    for finding in doc["findings"].as_array_mut().expect("findings") {
        if finding["id"] == "high_risk" {
            finding["when"] = json!({ "all": [
                { "equals": { "question": "use_area", "value": "hiring" } },
                { "not": { "finding": "exception" } }
            ] });
        }
    }
    questionnaire(&doc)
}

#[test]
fn reopening_with_a_new_questionnaire_version_keeps_what_fits_and_retires_the_rest() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut opened = store_with(dir.path(), toy())
        .create(new("Credit scorer"), &toy())
        .expect("create");
    let path = opened.path.clone();
    answered::answer_all(
        &mut opened,
        &json!({"is_ai": "yes", "use_area": "credit"}),
        TODAY,
    );
    opened
        .set_note("use_area", Some("B2B only"), TODAY)
        .expect("note");
    // Without it the exception would be open, and high-risk not concluded.
    answered::answer_all(
        &mut opened,
        &json!({"narrow_task": "no", "comment": "Pilot with two banks"}),
        TODAY,
    );
    opened
        .set_note("comment", Some("from the CEO"), TODAY)
        .expect("note");
    let old_verdict = opened.verdict().cloned().expect("saved verdict");
    assert_eq!(old_verdict.tier.id, "high_risk");
    drop(opened);
    let saved_bytes = std::fs::read(&path).expect("read");

    let store = store_with(dir.path(), toy_v2());
    let listed = store.list();
    let [Listing::Readable(summary)] = listed.as_slice() else {
        panic!("{listed:?}");
    };
    assert!(summary.questionnaire_changed);
    assert_eq!(
        summary.tier.as_ref().map(|t| t.id.as_str()),
        Some("high_risk")
    );

    let mut reopened = store.open(&path, Mode::Edit).expect("reopen");
    let migration = reopened.migration.clone().expect("a migration");
    assert_eq!(
        (
            migration.from_version.as_str(),
            migration.to_version.as_str()
        ),
        ("1.0.0", "2.0.0")
    );
    assert!(!migration.same_version_other_content);
    assert_eq!(migration.previous_verdict.as_ref(), Some(&old_verdict));
    let dropped: Vec<(&str, &AnswerProblem)> = migration
        .dropped
        .iter()
        .map(|d| (d.question.as_str(), &d.problem))
        .collect();
    assert_eq!(
        dropped,
        [
            ("comment", &AnswerProblem::UnknownQuestion),
            ("use_area", &AnswerProblem::UnknownOption("credit".into())),
        ]
    );
    // What still fits is kept; the note on a question that still exists
    // stays with it.
    let answers = reopened.answers();
    let kept: Vec<&str> = answers.iter().map(|(id, _)| id).collect();
    assert_eq!(kept, ["is_ai", "narrow_task"]);
    assert_eq!(reopened.note("use_area"), Some("B2B only"));
    // Opening wrote nothing.
    assert_eq!(std::fs::read(&path).expect("read"), saved_bytes);
    // The new question is asked: the assessment resumes at it.
    assert_eq!(reopened.assessment().current_id(), Some("vendor"));

    reopened.save(TODAY).expect("save the migration");
    let file = file_json(&path);
    assert_eq!(file["questionnaire"]["version"], "2.0.0");
    let retired = file["retired_answers"].as_array().expect("retired answers");
    assert_eq!(retired.len(), 2);
    assert_eq!(retired[0]["question"], "comment");
    assert_eq!(retired[0]["value"], "Pilot with two banks");
    assert_eq!(retired[0]["note"], "from the CEO");
    assert_eq!(retired[0]["questionnaire_version"], "1.0.0");
    assert_eq!(
        retired[0]["reason"],
        "the question was removed from the questionnaire"
    );
    assert_eq!(retired[1]["question"], "use_area");
    assert_eq!(retired[1]["value"], "credit");
    assert!(
        retired[1]["reason"]
            .as_str()
            .expect("reason")
            .contains("`credit` is not one of"),
        "{}",
        retired[1]
    );
    let last = file["history"]
        .as_array()
        .expect("history")
        .last()
        .cloned()
        .expect("entry");
    assert_eq!(last["from"]["id"], "high_risk");
    assert_eq!(last["to"]["id"], "minimal");
    assert_eq!(last["questionnaire_version"], "2.0.0");
    drop(reopened);
    // Once saved, it opens without a migration.
    assert!(
        store
            .open(&path, Mode::Edit)
            .expect("open")
            .migration
            .is_none()
    );
}

#[test]
fn a_questionnaire_edited_without_a_version_bump_counts_as_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut opened = store_with(dir.path(), toy())
        .create(new("Quiet edit"), &toy())
        .expect("create");
    let path = opened.path.clone();
    opened
        .set_answer("use_area", &text("credit"), TODAY)
        .expect("answer");
    drop(opened);
    let mut edited = toy_v2().doc().clone();
    edited.version = "1.0.0".to_owned();
    let edited = Questionnaire::from_doc(edited).expect("valid");
    let reopened = store_with(dir.path(), edited)
        .open(&path, Mode::ReadOnly)
        .expect("open");
    let migration = reopened.migration.expect("a migration");
    assert!(migration.same_version_other_content);
    assert_eq!(migration.dropped.len(), 1);
    assert_eq!(migration.dropped[0].question, "use_area");
}

/// A valid saved assessment's JSON, for making bad ones.
fn saved_assessment(dir: &Path) -> Value {
    let store = store_with(dir, toy());
    let mut opened = store.create(new("Template"), &toy()).expect("create");
    answer_chatbot(&mut opened);
    let path = opened.path.clone();
    drop(opened);
    let value = file_json(&path);
    std::fs::remove_file(&path).expect("remove");
    value
}

fn assert_bad_file(name: &str, bytes: &[u8], expected: &str) {
    let (_dir, store) = toy_store();
    let folder = store.assessments_dir();
    std::fs::create_dir_all(&folder).expect("dir");
    let path = folder.join(name);
    std::fs::write(&path, bytes).expect("write");
    let listing_before = entries(&folder);
    for mode in [Mode::Edit, Mode::ReadOnly] {
        let error = store.open(&path, mode).expect_err("a bad file");
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("{}: ", path.display())),
            "names the file: {message}"
        );
        assert!(
            message.contains(expected),
            "{name}: expected `{expected}` in: {message}"
        );
    }
    assert_eq!(
        std::fs::read(&path).expect("read"),
        bytes,
        "{name} is untouched"
    );
    assert_eq!(
        entries(&folder),
        listing_before,
        "no lock or temp file is left"
    );
    let listed = store.list();
    match listed.as_slice() {
        [
            Listing::Unreadable {
                path: listed_path,
                reason,
            },
        ] => {
            assert_eq!(listed_path, &path);
            assert!(reason.contains(expected), "{reason}");
        }
        other => panic!("{name} must be listed as unreadable: {other:?}"),
    }
    assert_eq!(
        std::fs::read(&path).expect("read"),
        bytes,
        "{name} is untouched"
    );
}

#[test]
fn a_file_that_is_not_json_is_reported_and_untouched() {
    assert_bad_file(
        "notes.json",
        b"Meeting notes: ask about Annex III",
        "not JSON",
    );
}

#[test]
fn an_empty_file_is_reported_and_untouched() {
    assert_bad_file("empty.json", b"", "the file is empty");
}

#[test]
fn a_truncated_file_is_reported_and_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = serde_json::to_string_pretty(&saved_assessment(dir.path())).expect("json");
    for cut in [1, text.len() / 3, text.len() / 2, text.len() - 2] {
        assert_bad_file("cut.json", &text.as_bytes()[..cut], "the file is truncated");
    }
}

#[test]
fn a_file_from_a_newer_program_is_reported_and_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = saved_assessment(dir.path());
    value["format"] = json!("aiact-assessment/2");
    value["something_new"] = json!({"a": 1});
    assert_bad_file(
        "future.json",
        value.to_string().as_bytes(),
        "saved by a newer aiact (assessment format 2); this program reads format 1",
    );
}

#[test]
fn a_file_with_an_unknown_questionnaire_is_reported_and_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = saved_assessment(dir.path());
    value["questionnaire"]["id"] = json!("uk-ai-bill");
    assert_bad_file(
        "foreign-law.json",
        value.to_string().as_bytes(),
        "uses questionnaire `uk-ai-bill`, which this program does not know (it knows: eu-ai-act, toy)",
    );
}

#[test]
fn answers_that_do_not_fit_their_questionnaire_are_reported_and_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = saved_assessment(dir.path());
    value["answers"]["is_ai"]["value"] = json!("perhaps");
    value["answers"]["ghost"] = json!({"value": "yes", "updated": "2026-11-23T10:00:00Z"});
    assert_bad_file(
        "edited.json",
        value.to_string().as_bytes(),
        "2 saved answer(s) do not fit questionnaire `toy` version 1.0.0, the one they were saved with:\n  \
         answer to `ghost`: there is no such question in this questionnaire\n  \
         answer to `is_ai`: `perhaps` is not one of this question's options",
    );
}

#[test]
fn an_answers_file_for_evaluate_is_recognised_as_such() {
    let answers = json!({"questionnaire": "toy", "answers": {"is_ai": "yes"}});
    assert_bad_file(
        "answers.json",
        answers.to_string().as_bytes(),
        "not an aiact assessment: no `format` field; it looks like an answers file for `aiact evaluate`",
    );
}

#[test]
fn a_damaged_assessment_names_the_problem() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut value = saved_assessment(dir.path());
    value["metadata"]
        .as_object_mut()
        .expect("metadata")
        .remove("system_name");
    assert_bad_file(
        "damaged.json",
        value.to_string().as_bytes(),
        "damaged assessment: missing field `system_name`",
    );
    let mut value = saved_assessment(dir.path());
    value["progress"] = json!("half");
    assert_bad_file(
        "damaged.json",
        value.to_string().as_bytes(),
        "damaged assessment: invalid type",
    );
}

#[test]
fn json_of_another_kind_is_not_an_assessment() {
    assert_bad_file(
        "list.json",
        b"[1, 2, 3]",
        "not an aiact assessment: the file holds JSON, but not an object",
    );
    assert_bad_file(
        "other.json",
        br#"{"format": "something-else/1"}"#,
        "not an aiact assessment: its format is `something-else/1`, not `aiact-assessment/1`",
    );
}

#[cfg(unix)]
#[test]
fn files_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with(&dir.path().join("data"), toy());
    let mut opened = store.create(new("Secret"), &toy()).expect("create");
    let mode = |path: &Path| {
        std::fs::metadata(path)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode(&store.assessments_dir()), 0o700);
    assert_eq!(mode(store.data_dir()), 0o700);
    assert_eq!(mode(&opened.path), 0o600);
    // A save replaces the file; the new one is private too, even if the
    // user had loosened the old one.
    std::fs::set_permissions(&opened.path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    opened
        .set_answer("is_ai", &text("yes"), TODAY)
        .expect("answer");
    assert_eq!(mode(&opened.path), 0o600);
    assert_eq!(mode(&lock_file(&opened.path)), 0o600);
    let copy = store
        .duplicate(&opened.path, "Secret copy")
        .expect("duplicate");
    assert_eq!(mode(&copy), 0o600);
}

#[test]
fn hostile_names_become_safe_unique_file_names() {
    let (_dir, store) = toy_store();
    let hostile = [
        "../../etc/passwd",
        "..",
        ".",
        "/",
        "a/b\\c",
        "C:\\Windows\\system32",
        "name\0with\0nul",
        "line\nbreak\r\ttab\u{7f}",
        "\u{1b}[31mred\u{1b}[0m",
        "right\u{202e}txt.exe",
        "CON",
        "nul.txt",
        ".hidden",
        "   ",
        "~",
        "$(rm -rf ~)",
        "😀",
        &"x".repeat(10_000),
        &"名".repeat(300),
    ];
    let folder = store.assessments_dir();
    let mut paths = Vec::new();
    for name in hostile {
        let result = store.create(
            NewAssessment {
                system_name: name.to_owned(),
                ..NewAssessment::default()
            },
            &toy(),
        );
        let opened = match result {
            Ok(opened) => opened,
            // No letter or digit: it would get a file name all such names
            // share, and could not be found by name.
            Err(StorageError::EmptyName { .. }) if !name.chars().any(char::is_alphanumeric) => {
                continue;
            }
            Err(error) => panic!("{name:?}: {error}"),
        };
        let path = opened.path.clone();
        assert_eq!(
            path.parent(),
            Some(folder.as_path()),
            "{name:?} stays in the folder"
        );
        let file_name = path.file_name().expect("name").to_str().expect("utf-8");
        assert!(!file_name.starts_with('.'), "{file_name:?} is not hidden");
        assert!(!file_name.contains(".."), "{file_name:?}");
        assert!(
            !file_name.contains(['/', '\\', ':', '$', '~']),
            "{file_name:?}"
        );
        assert!(!file_name.chars().any(char::is_control), "{file_name:?}");
        assert!(!file_name.contains('\u{202e}'), "{file_name:?}");
        assert!(file_name.len() <= 210, "{} bytes", file_name.len());
        assert_eq!(
            opened.file().metadata.system_name,
            name.trim(),
            "the name itself is kept"
        );
        assert!(!paths.contains(&path), "{path:?} is unique");
        paths.push(path);
    }
    // The same name again is refused; another name with the same file
    // name gets a new file, not an overwrite.
    assert!(matches!(
        store.create(new("../../etc/passwd"), &toy()),
        Err(StorageError::NameTaken { .. })
    ));
    let again = store.create(new("../etc/passwd"), &toy()).expect("create");
    assert!(!paths.contains(&again.path));
    assert_eq!(again.path, folder.join("etc-passwd-2.json"));
    let readable = store
        .list()
        .iter()
        .filter(|l| matches!(l, Listing::Readable(_)))
        .count();
    assert_eq!(readable, paths.len() + 1);
}

#[test]
fn a_second_editor_is_told_the_assessment_is_open_and_may_read_it() {
    let (_dir, store) = toy_store();
    let mut first = store.create(new("Shared"), &toy()).expect("create");
    first
        .set_answer("is_ai", &text("yes"), TODAY)
        .expect("answer");
    let path = first.path.clone();
    assert_eq!(first.lock_path(), Some(lock_file(&path).as_path()));
    let lock_text = std::fs::read_to_string(lock_file(&path)).expect("lock file");
    assert_eq!(lock_text.trim(), std::process::id().to_string());

    let error = store.open(&path, Mode::Edit).expect_err("locked");
    assert!(
        matches!(&error, StorageError::Locked { pid: Some(pid), .. } if *pid == std::process::id()),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!(
            "{}: open in another aiact (process {}): close it there first; `aiact show` prints it meanwhile",
            path.display(),
            std::process::id()
        )
    );
    let listed = store.list();
    let [Listing::Readable(summary)] = listed.as_slice() else {
        panic!("{listed:?}")
    };
    assert_eq!(
        summary.lock,
        LockState::Held {
            pid: Some(std::process::id())
        }
    );
    // Renaming or deleting it under the editor's feet is refused too, with
    // advice that fits.
    let error = store.rename(&path, "Other").expect_err("locked");
    assert!(
        matches!(error, StorageError::Locked { .. })
            && error
                .to_string()
                .ends_with(": close it there before renaming it"),
        "{error}"
    );
    let error = store.delete(&path).expect_err("locked");
    assert!(
        matches!(error, StorageError::Locked { .. })
            && error
                .to_string()
                .ends_with(": close it there before deleting it"),
        "{error}"
    );

    let mut reader = store.open(&path, Mode::ReadOnly).expect("read-only");
    assert!(reader.read_only);
    assert_eq!(reader.answers().len(), 1);
    let error = reader
        .set_answer("is_ai", &text("no"), TODAY)
        .expect_err("read-only");
    assert!(matches!(error, StorageError::ReadOnly { .. }));
    assert!(error.to_string().contains("opened read-only"), "{error}");

    // The editor carries on; nothing is lost.
    first
        .set_answer("use_area", &text("chat"), TODAY)
        .expect("answer");
    drop(first);
    assert!(!lock_file(&path).exists(), "the lock is released on drop");
    let second = store.open(&path, Mode::Edit).expect("free now");
    assert_eq!(second.answers().len(), 2);
    drop(reader);
}

#[test]
fn a_stale_lock_left_by_a_crash_is_taken_over() {
    let (_dir, store) = toy_store();
    let path = store
        .create(new("Crashed"), &toy())
        .expect("create")
        .path
        .clone();
    // The lock file of a process that died: a pid that is no longer alive,
    // and nobody holding the lock.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_aiact"))
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let dead_pid = child.id();
    child.wait().expect("wait");
    std::fs::write(lock_file(&path), format!("{dead_pid}\n")).expect("stale lock");
    let listed = store.list();
    let [Listing::Readable(summary)] = listed.as_slice() else {
        panic!("{listed:?}")
    };
    assert_eq!(
        summary.lock,
        LockState::Free,
        "a stale lock is not shown as open elsewhere"
    );

    let opened = store
        .open(&path, Mode::Edit)
        .expect("takes over the stale lock");
    let lock_text = std::fs::read_to_string(lock_file(&path)).expect("lock file");
    assert_eq!(lock_text.trim(), std::process::id().to_string());
    drop(opened);
    assert!(!lock_file(&path).exists());
}

#[test]
fn duplicate_rename_and_delete() {
    let (_dir, store) = toy_store();
    let mut original = store.create(new("HR Screener"), &toy()).expect("create");
    original
        .set_answer("is_ai", &text("yes"), TODAY)
        .expect("answer");
    let path = original.path.clone();
    let id = original.file().id.clone();
    drop(original);

    let copy = store
        .duplicate(&path, "HR Screener (what if)")
        .expect("duplicate");
    assert_eq!(
        copy,
        store.assessments_dir().join("hr-screener-what-if.json")
    );
    let copied = store.open(&copy, Mode::ReadOnly).expect("open copy");
    assert_ne!(copied.file().id, id);
    assert_eq!(copied.file().metadata.system_name, "HR Screener (what if)");
    assert_eq!(copied.answers().len(), 1);

    let renamed = store.rename(&path, "Recruiting Assistant").expect("rename");
    assert_eq!(
        renamed,
        store.assessments_dir().join("recruiting-assistant.json")
    );
    assert!(!path.exists());
    let reopened = store.open(&renamed, Mode::ReadOnly).expect("open renamed");
    assert_eq!(reopened.file().id, id, "a rename keeps the id");
    assert_eq!(reopened.file().metadata.system_name, "Recruiting Assistant");
    assert_eq!(reopened.answers().len(), 1);
    // Changing only the case keeps the file name.
    assert_eq!(
        store
            .rename(&renamed, "RECRUITING assistant")
            .expect("rename"),
        renamed
    );
    // Renaming onto a system name another assessment has is refused: the
    // two could no longer be told apart by name.
    let error = store
        .rename(&renamed, "hr screener (WHAT IF)")
        .expect_err("the name is taken");
    assert!(
        matches!(error, StorageError::NameTaken { ref other, .. } if *other == copy),
        "{error}"
    );
    assert!(renamed.exists());
    let error = store
        .duplicate(&renamed, "HR Screener (what if)")
        .expect_err("the name is taken");
    assert!(error.to_string().contains("already called"), "{error}");
    let before = store.list().len();
    let error = store
        .create(new("Recruiting Assistant"), &toy())
        .expect_err("a new assessment cannot take a name in use either");
    assert!(
        matches!(error, StorageError::NameTaken { ref other, .. } if *other == renamed),
        "{error}"
    );
    assert_eq!(store.list().len(), before, "nothing was written");
    // A name of its own whose file name is taken gets a free file name.
    let onto_copy = store
        .rename(&renamed, "HR Screener: what if")
        .expect("rename");
    assert_eq!(
        onto_copy,
        store.assessments_dir().join("hr-screener-what-if-2.json")
    );
    assert!(
        store.rename(&onto_copy, "  ").is_err(),
        "an empty name is refused"
    );

    store.delete(&onto_copy).expect("delete");
    assert!(!onto_copy.exists());
    assert_eq!(store.list().len(), 1);
    assert!(matches!(
        store.delete(&onto_copy),
        Err(StorageError::Io { .. })
    ));
}

#[test]
fn delete_refuses_a_file_outside_the_data_directory_that_is_not_an_assessment() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store_with(&dir.path().join("data"), toy());
    let precious = dir.path().join("thesis.json");
    std::fs::write(&precious, b"{\"chapters\": 12}").expect("write");
    let error = store.delete(&precious).expect_err("refused");
    assert!(error.to_string().contains("refusing to delete"), "{error}");
    assert!(precious.exists());
    // A bad file inside the assessments directory can be deleted.
    std::fs::create_dir_all(store.assessments_dir()).expect("dir");
    let broken = store.assessments_dir().join("broken.json");
    std::fs::write(&broken, b"{\"form").expect("write");
    store.delete(&broken).expect("delete a broken assessment");
    assert!(!broken.exists());
}

#[test]
fn names_resolve_to_files() {
    let (_dir, store) = toy_store();
    let a = store
        .create(new("Shop Chatbot"), &toy())
        .expect("create")
        .path
        .clone();
    // aiact refuses a second "shop chatbot"; a copied file brings one in.
    let b = store.assessments_dir().join("shop-chatbot-2.json");
    std::fs::copy(&a, &b).expect("copy");
    let c = store
        .create(new("Credit Scorer!"), &toy())
        .expect("create")
        .path
        .clone();
    assert_eq!(store.resolve("shop-chatbot").expect("stem"), a);
    assert_eq!(store.resolve("shop-chatbot-2").expect("stem"), b);
    assert_eq!(store.resolve("Credit Scorer!").expect("system name"), c);
    assert_eq!(store.resolve(c.to_str().expect("utf-8")).expect("path"), c);
    let error = store.resolve("nothing here").expect_err("unknown");
    assert!(
        error
            .to_string()
            .contains("no assessment called `nothing here`"),
        "{error}"
    );
    let error = store.resolve("missing.json").expect_err("no such path");
    assert!(matches!(error, StorageError::NotFound { .. }));
    // Two assessments with this system name: the user must pick a file,
    // whether or not one file is named after it.
    for name in ["SHOP CHATBOT", "Shop Chatbot", "shop  chatbot!"] {
        let error = store.resolve(name).expect_err("ambiguous");
        assert!(
            matches!(error, StorageError::Ambiguous { ref candidates, .. } if candidates.len() == 2),
            "{name}: {error}"
        );
        assert!(error.to_string().contains("shop-chatbot-2.json"), "{error}");
    }
    std::fs::rename(&a, store.assessments_dir().join("first.json")).expect("rename");
    let error = store.resolve("SHOP CHATBOT").expect_err("ambiguous");
    assert!(
        matches!(error, StorageError::Ambiguous { ref candidates, .. } if candidates.len() == 2),
        "{error}"
    );
    assert_eq!(
        store.resolve("first").expect("by its file"),
        store.assessments_dir().join("first.json")
    );
}

#[test]
fn the_list_shows_every_file_most_recent_first_and_skips_other_files() {
    let (_dir, store) = toy_store();
    assert!(store.list().is_empty(), "no directory yet: an empty list");
    let mut older = store.create(new("Older"), &toy()).expect("create");
    answer_chatbot(&mut older);
    let older_path = older.path.clone();
    drop(older);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let newer = store
        .create(new("Newer"), &toy())
        .expect("create")
        .path
        .clone();
    let folder = store.assessments_dir();
    std::fs::write(folder.join("README.txt"), b"not listed").expect("write");
    std::fs::write(folder.join(".hidden.json"), b"not listed").expect("write");
    let listed = store.list();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert_eq!(listed[0].path(), newer);
    let Listing::Readable(summary) = &listed[1] else {
        panic!("{listed:?}")
    };
    assert_eq!(summary.path, older_path);
    assert_eq!(summary.system_name, "Older");
    assert_eq!(summary.organisation.as_deref(), Some("Acme GmbH"));
    assert_eq!(
        summary.tier.as_ref().map(|t| t.label.as_str()),
        Some("Transparency duties")
    );
    assert_eq!((summary.progress.answered, summary.complete), (4, true));
    assert!(!summary.questionnaire_changed);
    assert_eq!(summary.lock, LockState::Free);
    let Listing::Readable(fresh) = &listed[0] else {
        panic!("{listed:?}")
    };
    assert_eq!((fresh.tier.as_ref(), fresh.complete), (None, false));

    // Something else under an assessment's name is listed, never hidden.
    std::fs::create_dir(folder.join("sub.json")).expect("dir");
    let listed = store.list();
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert!(
        matches!(&listed[0], Listing::Unreadable { path, reason }
            if *path == folder.join("sub.json") && reason == "not a file aiact can read: it is a directory"),
        "{listed:?}"
    );
}

#[test]
fn opening_read_only_after_a_questionnaire_change_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut opened = store_with(dir.path(), toy())
        .create(new("Look only"), &toy())
        .expect("create");
    opened
        .set_answer("use_area", &text("credit"), TODAY)
        .expect("answer");
    let path = opened.path.clone();
    drop(opened);
    let before = std::fs::read(&path).expect("read");
    let mut reader = store_with(dir.path(), toy_v2())
        .open(&path, Mode::ReadOnly)
        .expect("open");
    assert!(reader.migration.is_some());
    assert!(matches!(
        reader.save(TODAY),
        Err(StorageError::ReadOnly { .. })
    ));
    drop(reader);
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

fn schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/assessment.schema.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn schema_errors(schema: &jsonschema::Validator, value: &Value) -> Vec<String> {
    schema
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

#[test]
fn the_json_schema_accepts_what_the_program_writes_and_flags_what_it_refuses() {
    let schema = schema();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut opened = store_with(dir.path(), toy())
        .create(new("Schema"), &toy())
        .expect("create");
    let path = opened.path.clone();
    assert_eq!(
        schema_errors(&schema, &file_json(&path)),
        Vec::<String>::new(),
        "a new file"
    );
    answer_chatbot(&mut opened);
    opened
        .set_note("narrow_task", Some("note only"), TODAY)
        .expect("note");
    opened
        .set_answer("comment", &text("to be retired"), TODAY)
        .expect("answer");
    drop(opened);
    let mut migrated = store_with(dir.path(), toy_v2())
        .open(&path, Mode::Edit)
        .expect("open");
    migrated.save(TODAY).expect("save");
    drop(migrated);
    let full = file_json(&path);
    assert!(!full["retired_answers"].as_array().expect("list").is_empty());
    assert_eq!(
        schema_errors(&schema, &full),
        Vec::<String>::new(),
        "{full:#}"
    );

    for (field, bad) in [
        ("format", json!("aiact-assessment/2")),
        ("surprise", json!(1)),
        ("answers", json!({"is_ai": {"value": "yes"}})),
        ("progress", json!({"answered": -1, "on_path": 0})),
    ] {
        let mut value = full.clone();
        value[field] = bad;
        assert!(
            !schema_errors(&schema, &value).is_empty(),
            "{field} must be flagged"
        );
        let error = format::parse(&path, value.to_string().as_bytes());
        assert!(error.is_err(), "the program refuses it too: {field}");
    }
}

/// An assessment saved with the shipped questionnaire under an older
/// version number re-opens with the current one: answers that still fit
/// are kept, and the version change is noticed. (Answers saved with the
/// real 1.4.1, whose questions changed, are carried over by the migration
/// rules: tests/migration.rs.)
#[test]
fn an_assessment_saved_with_questionnaire_1_1_0_opens_with_the_current_one() {
    let current = aiact::catalog::built_in("eu-ai-act").expect("built in");
    assert_ne!(current.version(), "1.1.0");
    let mut old = current.doc().clone();
    old.version = "1.1.0".to_owned();
    let old = Questionnaire::from_doc(old).expect("valid");

    let dir = tempfile::tempdir().expect("temp dir");
    let mut opened = store_with(dir.path(), old.clone())
        .create(new("Shop chatbot"), &old)
        .expect("create");
    let path = opened.path.clone();
    let list = |ids: &[&str]| AnswerValue::List(ids.iter().map(|&s| s.to_owned()).collect());
    let answers = [
        ("subject", text("system")),
        ("how_it_works", list(&["learned"])),
        ("eu_reach", text("eu_based")),
        ("exclusions", list(&["none"])),
        ("role", list(&["deployer"])),
        ("what_it_does", list(&["converses"])),
        ("used_for", list(&["none"])),
    ];
    for (id, value) in &answers {
        opened.set_answer(id, value, TODAY).expect(id);
    }
    drop(opened);

    let reopened = Store::at(dir.path())
        .open(&path, Mode::Edit)
        .expect("reopen");
    let migration = reopened.migration.clone().expect("a migration");
    assert_eq!(migration.from_version, "1.1.0");
    assert_eq!(migration.to_version, current.version());
    assert!(migration.dropped.is_empty(), "{:?}", migration.dropped);
    assert_eq!(reopened.answers().iter().count(), answers.len());
}

/// Rename and duplicate read through the same checks as opening: a file
/// `show` refuses is neither rewritten nor copied.
#[test]
fn rename_and_duplicate_refuse_what_opening_refuses() {
    let (dir, store) = toy_store();
    let folder = store.assessments_dir();
    let mut misfit = saved_assessment(dir.path());
    misfit["answers"]["is_ai"]["value"] = json!("perhaps");
    let mut unknown_question = saved_assessment(dir.path());
    unknown_question["answers"]["ghost"] =
        json!({"value": "yes", "updated": "2026-11-23T10:00:00Z"});
    let mut foreign = saved_assessment(dir.path());
    foreign["questionnaire"]["id"] = json!("uk-ai-bill");
    let mut wrong_type = saved_assessment(dir.path());
    wrong_type["answers"]["is_ai"]["value"] = json!(42);
    let twice = saved_assessment(dir.path()).to_string().replacen(
        "\"answers\":{",
        "\"answers\":{\"is_ai\":{\"value\":\"no\",\"updated\":\"2026-11-23T10:00:00Z\"},",
        1,
    );
    let cases = [
        ("misfit", misfit.to_string(), "do not fit"),
        ("ghost", unknown_question.to_string(), "no such question"),
        (
            "foreign",
            foreign.to_string(),
            "which this program does not know",
        ),
        ("typed", wrong_type.to_string(), "do not fit"),
        ("twice", twice, "`answers` has `is_ai` twice"),
    ];
    for (name, text, expected) in cases {
        let path = folder.join(format!("{name}.json"));
        std::fs::write(&path, &text).expect("write");
        let before = entries(&folder);
        let opened = store
            .open(&path, Mode::ReadOnly)
            .expect_err("open refuses it");
        assert!(opened.to_string().contains(expected), "{name}: {opened}");
        let renamed = store
            .rename(&path, "Renamed")
            .expect_err("rename refuses it");
        assert_eq!(renamed.to_string(), opened.to_string(), "{name}");
        let copied = store
            .duplicate(&path, "Copy")
            .expect_err("duplicate refuses it");
        assert_eq!(copied.to_string(), opened.to_string(), "{name}");
        assert_eq!(
            std::fs::read_to_string(&path).expect("read"),
            text,
            "{name} untouched"
        );
        assert_eq!(entries(&folder), before, "{name}: nothing added");
        std::fs::remove_file(&path).expect("remove");
    }
}

/// A rename killed between giving the file its new name and removing the
/// old one leaves one file under two names: the next listing shows it once
/// and removes the old name.
#[cfg(unix)]
#[test]
fn a_half_done_rename_is_finished_by_the_next_listing() {
    let (_dir, store) = toy_store();
    let mut opened = store.create(new("Old Name"), &toy()).expect("create");
    answer_chatbot(&mut opened);
    let old = opened.path.clone();
    drop(opened);
    // The state a kill leaves: the new name inside, two names outside.
    let mut value = file_json(&old);
    value["metadata"]["system_name"] = json!("New Name");
    std::fs::write(&old, serde_json::to_vec_pretty(&value).expect("json")).expect("write");
    let new_path = store.assessments_dir().join("new-name.json");
    std::fs::hard_link(&old, &new_path).expect("link");
    let bytes = std::fs::read(&new_path).expect("read");

    let listed = store.list();
    assert!(
        matches!(listed.as_slice(), [Listing::Readable(summary)] if summary.path == new_path && summary.system_name == "New Name"),
        "{listed:?}"
    );
    assert_eq!(entries(&store.assessments_dir()), ["new-name.json"]);
    assert_eq!(std::fs::read(&new_path).expect("read"), bytes, "untouched");
    // A copy made on purpose (another file, not another name) stays.
    let copy = store.assessments_dir().join("backup.json");
    std::fs::copy(&new_path, &copy).expect("copy");
    assert_eq!(store.list().len(), 2);
    assert!(copy.exists());
}

/// Temporary files of writers that died are removed by the next listing
/// and by opening for editing; one a live writer holds is left alone, as
/// are files that only look alike; a lock file whose assessment is gone
/// goes too.
#[test]
fn the_leftovers_of_dead_writers_are_removed_by_the_next_listing() {
    let (_dir, store) = toy_store();
    let path = store
        .create(new("Tidy"), &toy())
        .expect("create")
        .path
        .clone();
    let folder = store.assessments_dir();
    for leftover in [
        ".tidy.json.4242.7.tmp",
        ".copy.json.4242.8.tmp",
        ".gone.json.lock",
        ".tidy.json.lock",
    ] {
        std::fs::write(folder.join(leftover), b"{\"half").expect("leftover");
    }
    std::fs::write(folder.join(".tidy.json.other.tmp"), b"not ours").expect("other");
    let alive = folder.join(".report.json.4243.1.tmp");
    let held = std::fs::File::create(&alive).expect("create");
    held.lock().expect("a live writer holds it");
    assert_eq!(store.list().len(), 1);
    assert_eq!(
        entries(&folder),
        [
            ".report.json.4243.1.tmp",
            ".tidy.json.lock",
            ".tidy.json.other.tmp",
            "tidy.json"
        ]
    );
    drop(held);
    store.list();
    assert!(!alive.exists(), "removed once its writer is gone");
    // Opening for editing tidies up its own, without a listing.
    std::fs::write(folder.join(".tidy.json.4242.9.tmp"), b"{\"half").expect("leftover");
    let opened = store.open(&path, Mode::Edit).expect("open");
    assert_eq!(
        entries(&folder),
        [".tidy.json.lock", ".tidy.json.other.tmp", "tidy.json"]
    );
    drop(opened);
}

/// Saving never writes through a link, nor over a pipe or a directory,
/// at the assessment's place.
#[cfg(unix)]
#[test]
fn a_save_never_replaces_anything_but_a_regular_file() {
    let (dir, store) = toy_store();
    let mut opened = store.create(new("Swapped"), &toy()).expect("create");
    let path = opened.path.clone();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").expect("victim");
    std::fs::remove_file(&path).expect("remove");
    std::os::unix::fs::symlink(&victim, &path).expect("plant a link");
    let error = opened
        .set_answer("is_ai", &text("yes"), TODAY)
        .expect_err("not saved over a link");
    assert!(
        error
            .to_string()
            .contains("it is a symbolic link, not a regular file"),
        "{error}"
    );
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious");
    assert!(
        std::fs::symlink_metadata(&path)
            .expect("there")
            .file_type()
            .is_symlink()
    );
}

/// The assessments directory is aiact's own: a link planted in its place
/// is not followed.
#[cfg(unix)]
#[test]
fn a_linked_assessments_directory_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("dir");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("dir");
    std::os::unix::fs::symlink(&elsewhere, data.join("assessments")).expect("link");
    let store = store_with(&data, toy());
    let error = store.create(new("Planted"), &toy()).expect_err("refused");
    assert!(
        error.to_string().contains("a symbolic link (to "),
        "{error}"
    );
    assert!(matches!(
        store.list().as_slice(),
        [Listing::Unreadable { .. }]
    ));
    assert_eq!(std::fs::read_dir(&elsewhere).expect("dir").count(), 0);
}
