//! The command line's side of saved assessments: the data directory
//! (flag and environment variable), list, duplicate, rename, delete, and
//! `evaluate` on a saved assessment.

use std::path::{Path, PathBuf};
use std::process::Output;

use aiact::storage::{Mode, NewAssessment, Questionnaires, Store};
use aiact_core::{AnswerValue, Questionnaire};
use jiff::civil::date;
use serde_json::{Value, json};

#[path = "support/answered.rs"]
mod answered;
#[path = "support/contains.rs"]
mod contains;
#[path = "support/run.rs"]
mod run;

use contains::assert_contains;
use run::{assert_refused, assert_refused_saying_only, assert_success, stderr, stdout, toy_path};

/// Runs aiact with `AIACT_DATA_DIR` set to `data_dir`, if there is one.
fn aiact(data_dir: Option<&Path>, args: &[&str]) -> Output {
    let mut command = run::aiact();
    command.args(args);
    if let Some(dir) = data_dir {
        command.env("AIACT_DATA_DIR", dir);
    }
    run::run(&mut command)
}

/// An assessment of the shipped questionnaire, its first question answered
/// with its first option (no question id of the shipped content is
/// written down here: it changes).
fn shipped_assessment(data_dir: &Path, name: &str) -> PathBuf {
    let questionnaire = aiact::catalog::default_questionnaire().expect("built-in");
    let mut opened = Store::at(data_dir)
        .create(
            NewAssessment {
                system_name: name.to_owned(),
                ..NewAssessment::default()
            },
            &questionnaire,
        )
        .expect("create");
    let first = opened
        .assessment()
        .current()
        .cloned()
        .expect("a first question");
    let option = first.option_ids().next().expect("an option").to_owned();
    opened
        .set_answer(&first.id, &AnswerValue::Text(option), date(2026, 11, 23))
        .expect("answer");
    opened.path.clone()
}

/// A new data directory holding one such assessment, named `name`.
fn directory_with(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = shipped_assessment(dir.path(), name);
    (dir, path)
}

#[test]
fn list_reads_the_data_directory_from_the_environment_and_the_flag() {
    let env_dir = tempfile::tempdir().expect("temp dir");
    let flag_dir = tempfile::tempdir().expect("temp dir");
    let output = aiact(Some(env_dir.path()), &["list"]);
    assert_success(&output);
    assert!(
        stdout(&output).starts_with("No assessments in "),
        "{}",
        stdout(&output)
    );

    shipped_assessment(env_dir.path(), "Bakery Chatbot");
    shipped_assessment(flag_dir.path(), "Flag Only");
    std::fs::write(env_dir.path().join("assessments/broken.json"), b"{").expect("write");

    let text = stdout(&aiact(Some(env_dir.path()), &["list"]));
    assert_contains(&text, "bakery-chatbot  \"Bakery Chatbot\"");
    assert!(text.contains("1/"), "progress is shown: {text}");
    assert_contains(&text, "broken  UNREADABLE: ");
    assert_contains(&text, "the file is truncated");
    assert!(!text.contains("Flag Only"), "{text}");

    let flag = flag_dir.path().to_str().expect("utf-8");
    let text = stdout(&aiact(Some(env_dir.path()), &["--data-dir", flag, "list"]));
    assert!(
        text.contains("\"Flag Only\""),
        "the flag wins over the environment: {text}"
    );
    assert!(!text.contains("Bakery"), "{text}");
}

#[test]
fn duplicate_and_rename_by_name() {
    let (dir, original) = directory_with("HR Screener");
    let output = aiact(
        Some(dir.path()),
        &["duplicate", "hr-screener", "HR Screener (no profiling)"],
    );
    assert_success(&output);
    let copy = dir.path().join("assessments/hr-screener-no-profiling.json");
    assert!(copy.is_file(), "{}", stdout(&output));
    assert!(original.is_file());

    // By system name this time.
    let output = aiact(
        Some(dir.path()),
        &["rename", "HR Screener", "Recruiting Assistant"],
    );
    assert_success(&output);
    assert!(!original.exists());
    let renamed = dir.path().join("assessments/recruiting-assistant.json");
    let value: Value =
        serde_json::from_slice(&std::fs::read(&renamed).expect("read")).expect("json");
    assert_eq!(value["metadata"]["system_name"], "Recruiting Assistant");

    let output = aiact(Some(dir.path()), &["rename", "no-such-thing", "X"]);
    assert_refused(&output, "no assessment called `no-such-thing`");
}

#[test]
fn delete_needs_a_confirmation_or_yes() {
    let (dir, path) = directory_with("Doomed");
    // No terminal to ask on (stdin is not one): refused.
    let output = aiact(Some(dir.path()), &["delete", "doomed"]);
    assert_refused(&output, "not deleted: confirm on a terminal, or pass --yes");
    assert!(path.exists());
    let output = aiact(Some(dir.path()), &["delete", "doomed", "--yes"]);
    assert_success(&output);
    assert!(!path.exists());
}

#[test]
fn a_manage_command_on_an_assessment_open_elsewhere_is_refused() {
    let (dir, path) = directory_with("Busy");
    let _open = Store::at(dir.path()).open(&path, Mode::Edit).expect("open");
    let output = aiact(Some(dir.path()), &["delete", "busy", "--yes"]);
    assert_refused(
        &output,
        &format!("open in another aiact (process {})", std::process::id()),
    );
    assert!(path.exists());
}

fn evaluate_json(file: &Path) -> Value {
    let toy = toy_path();
    let output = aiact(
        None,
        &[
            "--today",
            "2026-11-23",
            "evaluate",
            file.to_str().expect("utf-8"),
            "--questionnaire",
            toy.to_str().expect("utf-8"),
            "--json",
        ],
    );
    assert_success(&output);
    serde_json::from_str(&stdout(&output)).expect("json")
}

#[test]
fn evaluate_gives_a_saved_assessment_the_same_verdict_as_its_answers_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let toy = Questionnaire::load(&toy_path()).expect("toy");
    let store =
        Store::at(dir.path()).with_questionnaires(Questionnaires::built_in().with(toy.clone()));
    let mut opened = store
        .create(
            NewAssessment {
                system_name: "Chat".into(),
                ..Default::default()
            },
            &toy,
        )
        .expect("create");
    let answers =
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat", "chatbot": "yes"});
    // Saved on another day: evaluate recomputes for its own date.
    answered::answer_all(&mut opened, &answers, date(2026, 1, 1));
    opened
        .set_note("chatbot", Some("on the website"), date(2026, 1, 1))
        .expect("note");
    let answers_file = dir.path().join("answers.json");
    std::fs::write(
        &answers_file,
        json!({"questionnaire": "toy", "answers": answers}).to_string(),
    )
    .expect("write");
    let from_assessment = evaluate_json(&opened.path);
    assert_eq!(from_assessment, evaluate_json(&answers_file));
    assert_eq!(from_assessment["tier"]["id"], "transparency");
    assert_eq!(from_assessment["evaluated_on"], "2026-11-23");
}

#[test]
fn evaluate_reports_a_bad_assessment_file_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("future.json");
    let text = json!({"format": "aiact-assessment/9", "id": "x"}).to_string();
    std::fs::write(&file, &text).expect("write");
    let output = aiact(None, &["evaluate", file.to_str().expect("utf-8")]);
    assert_refused_saying_only(
        &output,
        &format!(
            "aiact: {}: saved by a newer aiact (assessment format 9); this program reads format 1: update aiact to open it",
            file.display()
        ),
    );
    assert_eq!(std::fs::read_to_string(&file).expect("read"), text);
}

#[test]
fn an_ambiguous_name_is_an_error_listing_the_files_and_a_taken_name_is_refused() {
    let (dir, first) = directory_with("Shop Bot");
    // aiact refuses to create a second one of that name; a copied file can
    // still bring one in.
    let second = dir.path().join("assessments/shop-bot-2.json");
    std::fs::copy(&first, &second).expect("copy");
    for command in [
        vec!["show", "Shop Bot"],
        vec!["rename", "Shop Bot", "Other"],
        vec!["delete", "--yes", "shop bot"],
    ] {
        let output = aiact(Some(dir.path()), &command);
        assert_eq!(output.status.code(), Some(1), "{command:?}");
        let text = stderr(&output);
        assert!(text.contains("several assessments"), "{command:?}: {text}");
        for path in [&first, &second] {
            let name = path.file_name().expect("name").to_string_lossy();
            assert!(text.contains(name.as_ref()), "{command:?}: {text}");
        }
    }
    assert!(first.is_file() && second.is_file(), "nothing changed");
    // By its file it is clear which one is meant; a taken name is refused.
    let _ = shipped_assessment(dir.path(), "Kiosk");
    let output = aiact(Some(dir.path()), &["rename", "shop-bot-2", "KIOSK"]);
    assert_refused(&output, "already called `Kiosk`");
    assert!(second.is_file());
    let output = aiact(Some(dir.path()), &["rename", "shop-bot-2", "Shop Bot 2"]);
    assert_success(&output);
}

#[test]
fn evaluate_takes_a_saved_assessment_by_name_like_show() {
    let (dir, path) = directory_with("Bakery Chatbot");
    let by_path = aiact(
        Some(dir.path()),
        &["evaluate", path.to_str().expect("utf-8"), "--json"],
    );
    for name in ["Bakery Chatbot", "bakery-chatbot"] {
        let by_name = aiact(Some(dir.path()), &["evaluate", name, "--json"]);
        assert_eq!(
            by_name.status.code(),
            by_path.status.code(),
            "{}",
            stderr(&by_name)
        );
        assert_eq!(stdout(&by_name), stdout(&by_path), "{name}");
        assert_contains(&stdout(&by_name), "\"tier\"");
    }
    let output = aiact(Some(dir.path()), &["evaluate", "no such thing"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).starts_with(
            "aiact: no such thing: no such file, and no saved assessment of that name in"
        ),
        "{}",
        stderr(&output)
    );
}

/// A file called `name` among the assessments of `data_dir` that holds
/// `text`, which is not an assessment.
fn unreadable(data_dir: &Path, name: &str, text: &str) -> PathBuf {
    let folder = data_dir.join("assessments");
    std::fs::create_dir_all(&folder).expect("dir");
    let path = folder.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// Usability test: the JSON detail was printed twice (once in the message,
/// once as its source), and the list row named the file twice.
#[test]
fn an_error_says_each_detail_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let truncated = unreadable(dir.path(), "cut.json", "{\n");
    let garbage = unreadable(dir.path(), "junk.json", "not json at all");

    for (file, detail) in [(&truncated, "EOF while parsing"), (&garbage, "expected")] {
        let output = aiact(Some(dir.path()), &["show", file.to_str().expect("utf-8")]);
        assert_eq!(output.status.code(), Some(1));
        let text = stderr(&output);
        assert_eq!(text.matches(detail).count(), 1, "{text}");
        assert_eq!(
            text.matches(&*file.display().to_string()).count(),
            1,
            "{text}"
        );
    }

    let output = aiact(
        Some(dir.path()),
        &["evaluate", "--questionnaire", "/no/such/q.json", "x"],
    );
    let text = stderr(&output);
    assert_eq!(text.matches("No such file").count(), 1, "{text}");

    let text = stdout(&aiact(Some(dir.path()), &["list"]));
    assert_contains(&text, "cut  UNREADABLE: the file is truncated");
    assert!(
        !text.contains(&format!("{}/", dir.path().join("assessments").display())),
        "the row names the file once: {text}"
    );
    let json: Value =
        serde_json::from_slice(&aiact(Some(dir.path()), &["list", "--json"]).stdout).expect("json");
    let reasons: Vec<&str> = json
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|entry| entry["unreadable"].as_str())
        .collect();
    assert_eq!(reasons.len(), 2, "{json}");
    assert!(
        reasons
            .iter()
            .all(|reason| !reason.contains("assessments/")),
        "{json}"
    );
}

/// Usability test: a file that cannot be read can be cleaned up by its file
/// name, and is never changed otherwise.
#[test]
fn an_unreadable_file_can_be_deleted_by_its_file_name_and_not_renamed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = unreadable(dir.path(), "old-notes.json", "{\"format\": ");
    let output = aiact(Some(dir.path()), &["rename", "old-notes", "New notes"]);
    assert_refused(&output, "truncated");
    assert_eq!(std::fs::read(&broken).expect("read"), b"{\"format\": ");
    let output = aiact(Some(dir.path()), &["delete", "old-notes"]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "no terminal: confirmation needed"
    );
    assert!(broken.exists());
    let output = aiact(Some(dir.path()), &["delete", "old-notes", "--yes"]);
    assert_success(&output);
    assert!(!broken.exists());
}

#[path = "support/on_hold.rs"]
mod on_hold;

/// The list shows the saved headline, marked provisional as `summary`
/// marks it, though the tier itself holds (no re-evaluation: it is read).
#[test]
fn the_list_marks_a_headline_that_rests_on_a_not_sure_as_summary_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    on_hold::cv_ranker_on_hold(dir.path());
    let text = stdout(&aiact(Some(dir.path()), &["--today", "2026-12-07", "list"]));
    assert_contains(
        &text,
        "\"CV ranker\"  High-risk — duties on hold (provisional), complete",
    );
    let summary = stdout(&aiact(
        Some(dir.path()),
        &["--today", "2026-12-07", "summary"],
    ));
    assert_contains(&summary, "High-risk — duties on hold (provisional)");
    let json: Value =
        serde_json::from_str(&stdout(&aiact(Some(dir.path()), &["list", "--json"]))).expect("json");
    assert_eq!(json[0]["tier_provisional"], json!(false), "{json}");
    assert_eq!(
        json[0]["headline"],
        json!("High-risk — duties on hold"),
        "{json}"
    );
    assert_eq!(json[0]["headline_provisional"], json!(true), "{json}");
}
