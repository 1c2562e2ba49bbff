//! Storage benchmarks: one autosave (answer → verdict → atomic write with
//! fsync), listing a workshop's data directory of 1,000 assessments with
//! and without its index, the check for changes and a lookup by name among
//! them, opening one. Targets and figures: docs/benchmarks.md.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use aiact::storage::{INDEX_FILE_NAME, INDEX_SETTLE, Listing, Mode, Opened, Questionnaires, Store};
use aiact_core::{AnswerValue, Questionnaire};
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;

#[path = "support/created.rs"]
mod created;
#[path = "support/synthetic.rs"]
mod synthetic;
#[path = "support/workshop.rs"]
mod workshop;

const SHIPPED: &str = include_str!("../questionnaires/eu-ai-act.json");

fn store(dir: &Path, questionnaire: &Questionnaire) -> Store {
    Store::at(dir).with_questionnaires(Questionnaires::built_in().with(questionnaire.clone()))
}

/// A new assessment answered to the end with the first option of every
/// question ("yes" where there is one), which opens many findings.
fn answered(store: &Store, questionnaire: &Questionnaire, name: &str) -> Opened {
    let mut opened = created::assessment(store, questionnaire, name);
    while let Some(question) = opened.assessment().current().cloned() {
        let first = question.option_ids().next().unwrap_or("x").to_owned();
        let value = match question.kind {
            aiact_core::model::QuestionKind::MultiChoice => AnswerValue::List(vec![first]),
            aiact_core::model::QuestionKind::Number => {
                AnswerValue::Number(question.min.unwrap_or(0.0))
            }
            _ => AnswerValue::Text(first),
        };
        if opened
            .set_answer(&question.id, &value, date(2026, 11, 23))
            .is_err()
        {
            break;
        }
    }
    opened
}

fn autosave(c: &mut Criterion) {
    let mut group = c.benchmark_group("autosave");
    group.sample_size(30);
    let shipped = Questionnaire::from_json(SHIPPED, "shipped").expect("valid");
    let generated =
        Questionnaire::from_json(&synthetic::questionnaire(200).to_string(), "generated")
            .expect("valid");
    for (name, questionnaire) in [("shipped", &shipped), ("generated_200", &generated)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut opened = answered(&store(dir.path(), questionnaire), questionnaire, name);
        let first = questionnaire.questions()[0].clone();
        let options: Vec<String> = first.option_ids().map(str::to_owned).collect();
        let size = std::fs::metadata(&opened.path).expect("file").len();
        eprintln!("autosave/{name}: file of {} KiB", size / 1024);
        let mut turn = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                turn += 1;
                let value = AnswerValue::Text(options[turn % options.len()].clone());
                opened
                    .set_answer(&first.id, &value, date(2026, 11, 23))
                    .expect("save");
            })
        });
    }
    group.finish();
}

/// A workshop's data directory (`support/workshop.rs`): 1,000 complete
/// assessments of 15 to 51 KiB, left alone long enough for the index to
/// keep them.
fn workshop_store(dir: &Path) -> (Store, Vec<PathBuf>) {
    let store = Store::at(dir);
    let questionnaire = aiact::catalog::default_questionnaire().expect("built-in");
    let paths = workshop::fill(
        &store,
        &questionnaire,
        1_000,
        date(2026, 11, 23),
        workshop::TurnsOn::Saved,
    );
    std::thread::sleep(INDEX_SETTLE + Duration::from_millis(100));
    let listed = store.list();
    assert_eq!(listed.len(), 1_000);
    assert!(listed.iter().all(|l| matches!(l, Listing::Readable(_))));
    (store, paths)
}

/// Listing 1,000 assessments: through the index (`warm`: only the
/// directory entries and the index are read), and without it (`cold`:
/// the index deleted first, every file read, the index written again).
fn list(c: &mut Criterion) {
    let mut group = c.benchmark_group("list_1000");
    group.sample_size(20);
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _) = workshop_store(dir.path());
    let index = store.assessments_dir().join(INDEX_FILE_NAME);
    group.bench_function("warm", |b| b.iter(|| black_box(store.list())));
    group.bench_function("cold", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(&index);
            black_box(store.list())
        })
    });
    // What a screen showing the list does to see whether it changed.
    let stamp = store.snapshot().stamp;
    group.bench_function("changed_since", |b| {
        b.iter(|| assert!(!store.changed_since(black_box(&stamp))))
    });
    // A name looked up among them (`export NAME`, `open NAME`), and a path.
    let name = "Team 500: ".to_owned();
    let wanted = store
        .list()
        .into_iter()
        .find_map(|listing| match listing {
            Listing::Readable(summary) if summary.system_name.starts_with(&name) => {
                Some(summary.system_name)
            }
            _ => None,
        })
        .expect("team 500");
    group.bench_function("resolve_name", |b| {
        b.iter(|| black_box(store.resolve(&wanted).expect("found")))
    });
    group.finish();
}

/// Opening one saved assessment (lock, read, check, release): what the
/// home screen does on Enter.
fn open(c: &mut Criterion) {
    let generated =
        Questionnaire::from_json(&synthetic::questionnaire(200).to_string(), "generated")
            .expect("valid");
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store(dir.path(), &generated);
    let path = answered(&store, &generated, "open").path.clone();
    c.bench_function("open/generated_200", |b| {
        b.iter(|| black_box(store.open(&path, Mode::Edit).expect("open")))
    });
}

criterion_group!(benches, autosave, list, open);
criterion_main!(benches);
