//! Answers saved with questionnaire `eu-ai-act` 1.4.1 (or 1.4.2) and the
//! migration to 2.0.0 (issue 14): the rules fit both versions; on each of
//! the 136 scenarios as written for 1.4.1 they carry over exactly what the
//! scenario rewritten for 2.0.0 answers; and an assessment saved with 1.4.1
//! opens with 2.0.0, keeps what maps, asks the rest again, loses nothing,
//! and gets the scenario's verdict once the rest is answered.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use aiact::storage::{Mode, Opened};
use aiact_core::migration::MigrationRules;
use aiact_core::verdict::Status;
use aiact_core::{Answer, AnswerValue, Answers, Questionnaire, Verdict};
use jiff::civil::date;
use serde::Deserialize;
use serde_json::json;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &str) -> Questionnaire {
    Questionnaire::load(&root().join(path)).unwrap_or_else(|e| panic!("{e}"))
}

fn old_questionnaire() -> Questionnaire {
    load("tests/fixtures/eu-ai-act-1.4.1.json")
}

fn current() -> Questionnaire {
    load("questionnaires/eu-ai-act.json")
}

fn rules() -> MigrationRules {
    let rules = aiact::catalog::migration_rules("eu-ai-act");
    assert_eq!(rules.len(), 1, "one set of built-in migration rules");
    rules.into_iter().next().expect("one")
}

#[derive(Deserialize)]
struct OldAnswers {
    questionnaire_version: String,
    scenarios: BTreeMap<String, BTreeMap<String, AnswerValue>>,
}

fn old_answers() -> OldAnswers {
    let text = std::fs::read_to_string(root().join("tests/fixtures/scenario-answers-1.4.1.json"))
        .expect("fixture");
    serde_json::from_str(&text).expect("json")
}

#[derive(Deserialize)]
struct Scenario {
    answers: BTreeMap<String, AnswerValue>,
    expect: Expect,
}

#[derive(Deserialize)]
struct Expect {
    tier: String,
    #[serde(default)]
    findings: Vec<String>,
}

fn scenario(file: &str) -> Scenario {
    let text = std::fs::read_to_string(root().join("tests/scenarios").join(file)).expect(file);
    serde_json::from_str(&text).expect(file)
}

/// Answers compared as answers: the order of ticked options does not matter.
fn same(q: &Questionnaire, id: &str, a: &AnswerValue, b: &AnswerValue) -> bool {
    let Some(question) = q.question(id) else {
        return false;
    };
    let normal = |v: &AnswerValue| match v {
        AnswerValue::List(list) => AnswerValue::List(
            list.iter()
                .cloned()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        ),
        other => other.clone(),
    };
    Answer::from_value(question, &normal(a)).ok() == Answer::from_value(question, &normal(b)).ok()
}

#[test]
fn the_rules_fit_both_versions_they_join() {
    let rules = rules();
    let old = old_questionnaire();
    let new = current();
    assert!(rules.applies_to("eu-ai-act", "1.4.1"));
    assert!(rules.applies_to("eu-ai-act", "1.4.2"));
    assert!(!rules.applies_to("eu-ai-act", new.version()));
    let problems = rules.check(&old, &new);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The check finds what it promises to find.
#[test]
fn the_check_refuses_rules_that_name_what_does_not_exist() {
    let bad = MigrationRules::parse(
        &json!({
            "questionnaire": "eu-ai-act", "from_versions": ["1.4.1"], "to_version": "2.0.0",
            "rules": [
                {"question": "how_it_works", "cases": [
                    {"when": {"equals": {"question": "def_technique", "value": "perhaps"}}, "value": ["learned"]},
                    {"map": {"question": "gone", "options": {"ml": "learned"}}},
                    {"map": {"question": "def_technique", "options": {"ml": "deep"}}},
                    {"value": "yes"},
                    {"add": [{"option": "ghost", "when": {"answered": "role"}}]}
                ]},
                {"question": "no_such_question", "cases": [{"value": "yes"}]}
            ]
        })
        .to_string(),
    )
    .expect("parses");
    let problems = bad.check(&old_questionnaire(), &current()).join("\n");
    for expected in [
        "tests `def_technique` for `perhaps`",
        "maps `gone`",
        "maps to unknown option `deep`",
        "value Text(\"yes\") does not fit",
        "adds option `ghost`",
        "rule for `no_such_question`: no such question",
    ] {
        assert!(problems.contains(expected), "{expected} in:\n{problems}");
    }
}

/// Scenario answers changed on purpose when rewritten for 2.0.0, where the
/// old answer carried over gives the same verdict another way.
const REWRITTEN_ON_PURPOSE: &[(&str, &str)] = &[
    // The founder calls the tool preparatory; 1.4.1 recorded the listed use
    // with profiling, 2.0.0 the side-task claim with profiling: high-risk
    // either way (the scenario asserts the profiling override).
    ("082-loan-prescreen-profiling-override.json", "use_services"),
];

#[test]
fn every_1_4_1_scenario_carries_over_what_its_2_0_0_rewrite_answers() {
    let rules = rules();
    let new = current();
    let fixture = old_answers();
    assert_eq!(fixture.questionnaire_version, "1.4.1");
    assert!(fixture.scenarios.len() >= 136, "the 136 scenarios of 1.4.1");
    let mut problems = Vec::new();
    let (mut kept, mut carried, mut asked) = (0, 0, 0);
    for (file, old) in &fixture.scenarios {
        let rewritten = scenario(file).answers;
        let mut given: BTreeMap<String, AnswerValue> = old
            .iter()
            .filter(|(id, value)| {
                new.question(id)
                    .is_some_and(|q| Answer::from_value(q, value).is_ok())
            })
            .map(|(id, value)| (id.clone(), value.clone()))
            .collect();
        let kept_ids: BTreeSet<String> = given.keys().cloned().collect();
        let migrated = rules.migrate(&new, old);
        for m in &migrated {
            given.insert(m.question.clone(), m.value.clone());
        }
        for (id, value) in &given {
            match rewritten.get(id) {
                Some(expected)
                    if !same(&new, id, value, expected)
                        && !REWRITTEN_ON_PURPOSE.contains(&(file.as_str(), id.as_str())) =>
                {
                    problems.push(format!(
                        "{file}: `{id}` carried over as {value:?}, the scenario answers {expected:?}"
                    ));
                }
                _ => {}
            }
        }
        for id in rewritten.keys() {
            if kept_ids.contains(id) {
                kept += 1;
            } else if given.contains_key(id) {
                carried += 1;
            } else {
                asked += 1;
            }
        }
    }
    println!(
        "136 scenarios saved with 1.4.1, the answers on their 2.0.0 paths: {kept} kept as they were, {carried} carried over by the rules, {asked} asked again"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Most of what a founder said is kept: re-asking everything would be
    // the fallback the rules exist to avoid.
    assert!(
        asked * 3 < kept + carried,
        "{asked} re-asked of {}",
        kept + carried + asked
    );
}

/// Writes an assessment file as aiact 1.4.1 saved it.
fn saved_with_1_4_1(dir: &Path, answers: &BTreeMap<String, AnswerValue>) -> PathBuf {
    let entries: serde_json::Map<String, serde_json::Value> = answers
        .iter()
        .map(|(id, value)| {
            let note = (id == "def_technique").then_some("Vendor sheet says gradient boosting.");
            let mut entry = json!({"value": value, "updated": "2026-11-20T09:00:00Z"});
            if let Some(note) = note {
                entry["note"] = json!(note);
            }
            (id.clone(), entry)
        })
        .collect();
    let file = json!({
        "format": "aiact-assessment/1",
        "id": "b9c1d2e3-0000-4000-8000-000000000119",
        "metadata": {"system_name": "Benefits tool", "created": "2026-11-20T09:00:00Z", "updated": "2026-11-20T09:00:00Z"},
        "questionnaire": {"id": "eu-ai-act", "version": "1.4.1", "content_hash": "sha256:0000"},
        "answers": entries,
        "progress": {"answered": answers.len(), "on_path": answers.len()},
        "verdict": null
    });
    let path = dir.join("benefits-tool.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&file).expect("json")).expect("write");
    path
}

#[test]
fn an_assessment_saved_with_1_4_1_opens_with_2_0_0_keeps_what_maps_and_asks_the_rest() {
    // A municipality's benefits-eligibility tool, on the market since 2025,
    // for public authorities: high-risk, duties by 2 August 2030.
    let file = "119-legacy-benefits-tool.json";
    let fixture = old_answers();
    let old = &fixture.scenarios[file];
    let rewritten = scenario(file);
    let new = current();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved_with_1_4_1(dir.path(), old);

    let opened = Opened::open(&path, Mode::ReadOnly).expect("opens with 2.0.0");
    let migration = opened
        .migration
        .clone()
        .expect("the version change is noticed");
    assert_eq!(migration.from_version, "1.4.1");
    assert_eq!(migration.to_version, new.version());

    let answers: BTreeMap<String, AnswerValue> = opened
        .answers()
        .iter()
        .map(|(id, answer)| (id.to_owned(), answer.to_value()))
        .collect();
    // What maps is there, and as the 2.0.0 scenario answers it.
    for id in [
        "how_it_works",
        "eu_reach",
        "what_it_does",
        "used_for",
        "use_services",
        "first_placed",
    ] {
        let value = answers
            .get(id)
            .unwrap_or_else(|| panic!("`{id}` carried over"));
        assert!(
            same(&new, id, value, &rewritten.answers[id]),
            "{id}: {value:?}"
        );
    }
    for (id, value) in &answers {
        if let Some(expected) = rewritten.answers.get(id) {
            assert!(
                same(&new, id, value, expected),
                "{id}: {value:?} vs {expected:?}"
            );
        }
    }
    // Nothing silently disappears: every old answer is kept, or listed as
    // set aside (and kept in the file as a retired answer).
    let dropped: BTreeSet<&str> = migration
        .dropped
        .iter()
        .map(|d| d.question.as_str())
        .collect();
    for id in old.keys() {
        assert!(
            answers.contains_key(id) || dropped.contains(id.as_str()),
            "`{id}` neither kept nor set aside"
        );
    }
    assert!(dropped.contains("def_technique") && dropped.contains("hr_placed_on_market"));
    // The rest is asked again: the questions of the 2.0.0 path with no
    // answer yet.
    let reasked: Vec<&String> = rewritten
        .answers
        .keys()
        .filter(|id| !answers.contains_key(*id))
        .collect();
    assert!(
        reasked.len() < rewritten.answers.len() / 2,
        "most answers kept: asked again {reasked:?}"
    );
    let values_now = Answers::from_values(&new, &answers).expect("fit");
    let unfinished = Verdict::compute(&new, &values_now, date(2026, 11, 23));
    for id in &reasked {
        assert!(
            unfinished.missing.iter().any(|m| m.id == **id) || !unfinished.complete,
            "`{id}` is asked again"
        );
    }

    // Once those are answered as the founder would, the verdict is right.
    let mut all = answers.clone();
    for id in reasked {
        all.insert(id.clone(), rewritten.answers[id].clone());
    }
    let verdict = Verdict::compute(
        &new,
        &Answers::from_values(&new, &all).expect("fit"),
        date(2026, 11, 23),
    );
    assert!(verdict.complete, "missing {:?}", verdict.missing);
    assert_eq!(verdict.tier.id, rewritten.expect.tier);
    for id in &rewritten.expect.findings {
        assert_eq!(
            verdict.finding(id).map(|f| f.status),
            Some(Status::Holds),
            "{id}"
        );
    }
    // The note of an answer that was carried over follows it.
    assert_eq!(
        opened.note("how_it_works"),
        Some("Vendor sheet says gradient boosting.")
    );
}
