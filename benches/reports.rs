//! Report benchmarks: the HTML report of a real-sized assessment (build the
//! report model with its verdict, render the page), and the workshop
//! summary over 50 and over 1,000 assessments. Figures: docs/benchmarks.md.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;

use aiact::report::model::Report;
use aiact::report::{html, summary, text};
use aiact::storage::{Mode, Store};
use aiact_core::{AnswerValue, Answers, Questionnaire, Verdict};
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;
use serde::Deserialize;

#[path = "support/created.rs"]
mod created;
#[path = "support/workshop.rs"]
mod workshop;

#[derive(Deserialize)]
struct Scenario {
    answers: BTreeMap<String, AnswerValue>,
}

/// The answers of the scenario (`tests/scenarios/`) with the most
/// obligations: the longest report.
fn longest_scenario(questionnaire: &Questionnaire) -> BTreeMap<String, AnswerValue> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut best = (0, BTreeMap::new());
    for entry in std::fs::read_dir(dir).expect("scenarios") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        let scenario: Scenario = serde_json::from_str(&text).expect("scenario");
        let Ok(answers) = Answers::from_values(questionnaire, &scenario.answers) else {
            continue;
        };
        let obligations = Verdict::compute(questionnaire, &answers, date(2026, 11, 23))
            .obligations
            .len();
        if obligations > best.0 {
            best = (obligations, scenario.answers);
        }
    }
    best.1
}

/// Answers saved as an assessment, with a note on every answer.
fn saved(
    store: &Store,
    questionnaire: &Questionnaire,
    answers: &BTreeMap<String, AnswerValue>,
    name: &str,
) -> std::path::PathBuf {
    let mut opened = created::assessment(store, questionnaire, name);
    let today = date(2026, 11, 23);
    for (question, value) in answers {
        opened.set_answer(question, value, today).expect("answer");
        opened
            .set_note(question, Some("Checked with the team <b>&</b>."), today)
            .expect("note");
    }
    opened.path.clone()
}

fn report(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::at(dir.path());
    let questionnaire = aiact::catalog::default_questionnaire().expect("built-in");
    let answers = longest_scenario(&questionnaire);
    let path = saved(&store, &questionnaire, &answers, "Longest report");
    let opened = store.open(&path, Mode::ReadOnly).expect("open");
    let today = date(2026, 11, 23);
    let built = Report::build(&opened, today);
    eprintln!(
        "report: {} answers, {} findings, {} obligations; HTML of {} KiB",
        built.answers.len(),
        built.verdict.findings.len(),
        built.verdict.obligations.len(),
        html::render(&built).len() / 1024
    );
    let mut group = c.benchmark_group("report");
    group.bench_function("build", |b| {
        b.iter(|| black_box(Report::build(&opened, today)))
    });
    group.bench_function("html", |b| b.iter(|| black_box(html::render(&built))));
    group.bench_function("text", |b| {
        b.iter(|| black_box(text::render_report(&built)))
    });
    group.finish();
}

/// A workshop's data directory: 50 assessments (opened read-only, verdicts
/// recomputed), as a Markdown table.
fn workshop_summary(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::at(dir.path());
    let questionnaire = aiact::catalog::default_questionnaire().expect("built-in");
    let answers = longest_scenario(&questionnaire);
    for team in 0..50 {
        saved(&store, &questionnaire, &answers, &format!("Team {team}"));
    }
    let today = date(2026, 11, 23);
    let mut group = c.benchmark_group("summary");
    group.sample_size(20);
    group.bench_function("50_assessments_md", |b| {
        b.iter(|| black_box(summary::markdown(&summary::rows(&store, today), today)))
    });
    group.finish();
}

/// The table of a season of workshops: 1,000 complete assessments of 15
/// to 51 KiB (`support/workshop.rs`). `kept`: reading the rows the run
/// before kept. `new`: every row worked out (the kept rows removed first)
/// on the day the verdicts were saved (each saved verdict used), and
/// `new_other_day` past a milestone (every verdict worked out too). Most
/// of a new row is working out what its verdict turns on.
fn season_summary(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::at(dir.path());
    let questionnaire = aiact::catalog::default_questionnaire().expect("built-in");
    let saved_on = date(2026, 11, 23);
    workshop::fill(
        &store,
        &questionnaire,
        1_000,
        saved_on,
        workshop::TurnsOn::Saved,
    );
    std::thread::sleep(aiact::storage::INDEX_SETTLE + std::time::Duration::from_millis(100));
    assert_eq!(summary::rows(&store, saved_on).len(), 1_000);
    let kept = store.assessments_dir().join(".summary.json");
    let mut group = c.benchmark_group("summary_1000");
    group.sample_size(10);
    group.bench_function("kept", |b| {
        b.iter(|| {
            black_box(summary::markdown(
                &summary::rows(&store, saved_on),
                saved_on,
            ))
        })
    });
    for (name, today) in [("new", saved_on), ("new_other_day", date(2027, 12, 3))] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let _ = std::fs::remove_file(&kept);
                black_box(summary::markdown(&summary::rows(&store, today), today))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, report, workshop_summary, season_summary);
criterion_main!(benches);
