//! The workshop commands on realistic assessments of the shipped
//! questionnaire (answers from `tests/scenarios/`), with fixed dates and
//! timestamps: snapshots of `aiact summary` (Markdown) and `aiact compare`
//! (text, Markdown); and the summary reads the same whether the files
//! keep their verdicts or not.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use aiact::storage::format::{Assessment, Entry, Metadata};
use aiact_core::{AnswerValue, Answers, Questionnaire, Verdict};
use jiff::civil::date;
use serde_json::Value;

#[path = "support/run.rs"]
mod run;
#[path = "support/saved.rs"]
mod saved;

use saved::at;

const TODAY: &str = "2026-12-06";

/// The assessments of the workshop: file name, system name, scenario.
const WORKSHOP: [(&str, &str, &str); 6] = [
    ("cv-tool", "CV tool", "124-cv-tool-launched-2026-unchanged"),
    (
        "cv-tool-redesign",
        "CV tool (redesign 2028)",
        "125-cv-tool-launched-2026-retrained-2028",
    ),
    ("credit-model", "Credit model", "118-legacy-credit-model"),
    (
        "unsure-cv-ranker",
        "Unsure CV ranker",
        "008-unsure-definition-cv-ranker",
    ),
    ("prototype", "Prototype", "013-prototype-in-development"),
    (
        "mood-monitor",
        "Mood monitor",
        "196-call-centre-agent-mood-monitor-stops",
    ),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn questionnaire() -> Questionnaire {
    Questionnaire::load(&root().join("questionnaires/eu-ai-act.json")).expect("questionnaire")
}

fn scenario_answers(scenario: &str) -> BTreeMap<String, AnswerValue> {
    let path = root().join(format!("tests/scenarios/{scenario}.json"));
    let doc: Value = serde_json::from_slice(&std::fs::read(path).expect("scenario")).expect("JSON");
    serde_json::from_value(doc["answers"].clone()).expect("answers")
}

/// The workshop's files in `dir/assessments`; with `verdicts`, each keeps
/// the verdict worked out for it, as the app saves it.
fn write_workshop(dir: &Path, questionnaire: &Questionnaire, verdicts: bool) {
    let folder = dir.join("assessments");
    std::fs::create_dir_all(&folder).expect("folder");
    for (file, system, scenario) in WORKSHOP {
        let values = scenario_answers(scenario);
        let answers = Answers::from_values(questionnaire, &values).expect("answers fit");
        let verdict = verdicts
            .then(|| Verdict::compute_with_turns_on(questionnaire, &answers, date(2026, 12, 6)));
        let answers = values
            .into_iter()
            .map(|(id, value)| {
                let entry = Entry {
                    value: Some(value),
                    note: None,
                    updated: at("2026-12-05T16:30:00Z"),
                };
                (id, entry)
            })
            .collect();
        let metadata = Metadata {
            system_name: system.to_owned(),
            organisation: Some("Acme GmbH".to_owned()),
            assessor: None,
            created: at("2026-12-01T09:00:00Z"),
            updated: at("2026-12-05T16:30:00Z"),
        };
        let id = format!("00000000-0000-4000-8000-{:012}", file.len());
        let assessment = Assessment {
            verdict,
            ..saved::assessment(questionnaire, id, metadata, answers)
        };
        let bytes = aiact::storage::format::to_bytes(&assessment).expect("serialise");
        std::fs::write(folder.join(format!("{file}.json")), bytes).expect("write");
    }
}

fn aiact(dir: &Path, args: &[&str]) -> Output {
    let output = run::run(
        run::aiact_in(dir)
            .args(["--today", TODAY])
            .args(args)
            .env("TZ", "UTC"),
    );
    run::assert_success(&output);
    output
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

#[test]
fn summary_of_a_workshop_in_markdown() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_workshop(dir.path(), &questionnaire(), false);
    insta::assert_snapshot!("summary_md", stdout(&aiact(dir.path(), &["summary"])));
}

/// The saved verdicts are reused (issue 15) and give the same table, in
/// every format, as working each verdict out again.
#[test]
fn summary_reads_the_same_with_saved_verdicts_as_without() {
    let questionnaire = questionnaire();
    let [without, with] = [false, true].map(|verdicts| {
        let dir = tempfile::tempdir().expect("temp dir");
        write_workshop(dir.path(), &questionnaire, verdicts);
        let formats: Vec<Vec<u8>> = [
            ["--format", "md"],
            ["--format", "csv"],
            ["--format", "html"],
        ]
        .iter()
        .map(|args| aiact(dir.path(), &[&["summary"][..], args].concat()).stdout)
        .collect();
        formats
    });
    for (a, b) in without.iter().zip(&with) {
        assert_eq!(String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    }
}

#[test]
fn compare_a_design_change_as_text_and_markdown() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_workshop(dir.path(), &questionnaire(), false);
    let text = stdout(&aiact(
        dir.path(),
        &["compare", "CV tool", "cv-tool-redesign"],
    ));
    insta::assert_snapshot!("compare_text", text);
    let markdown = stdout(&aiact(
        dir.path(),
        &["compare", "cv-tool", "cv-tool-redesign", "--format", "md"],
    ));
    insta::assert_snapshot!("compare_md", markdown);
}
