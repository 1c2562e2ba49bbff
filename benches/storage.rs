//! Storage benchmarks: one autosave (answer → verdict → atomic write with
//! fsync), and listing a data directory of 1,000 assessments. Targets and
//! figures: docs/benchmarks.md.

use std::hint::black_box;
use std::path::Path;

use aiact::storage::{Mode, NewAssessment, Opened, Questionnaires, Store};
use aiact_core::{AnswerValue, Questionnaire};
use criterion::{Criterion, criterion_group, criterion_main};
use jiff::civil::date;

#[path = "support/synthetic.rs"]
mod synthetic;

const SHIPPED: &str = include_str!("../questionnaires/eu-ai-act.json");

fn store(dir: &Path, questionnaire: &Questionnaire) -> Store {
    Store::at(dir).with_questionnaires(Questionnaires::built_in().with(questionnaire.clone()))
}

/// A new assessment answered to the end with the first option of every
/// question ("yes" where there is one), which opens many findings.
fn answered(store: &Store, questionnaire: &Questionnaire, name: &str) -> Opened {
    let mut opened = store
        .create(
            NewAssessment {
                system_name: name.to_owned(),
                organisation: Some("Bench GmbH".to_owned()),
                assessor: Some("Bench".to_owned()),
            },
            questionnaire,
        )
        .expect("create");
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

/// 1,000 assessments, copies of one saved file under different names.
fn thousand(dir: &Path, questionnaire: &Questionnaire) -> Store {
    let store = store(dir, questionnaire);
    let template = answered(&store, questionnaire, "template");
    let path = template.path.clone();
    drop(template);
    let text = std::fs::read_to_string(&path).expect("read");
    eprintln!(
        "list: files of {} KiB ({} questions)",
        text.len() / 1024,
        questionnaire.questions().len()
    );
    std::fs::remove_file(&path).expect("remove");
    for i in 0..1_000 {
        let renamed = text.replacen("\"template\"", &format!("\"System {i}\""), 1);
        std::fs::write(
            store.assessments_dir().join(format!("system-{i}.json")),
            renamed,
        )
        .expect("write");
    }
    assert_eq!(store.list().len(), 1_000);
    assert!(
        store
            .list()
            .iter()
            .all(|l| matches!(l, aiact::storage::Listing::Readable(_)))
    );
    store
}

fn list(c: &mut Criterion) {
    let mut group = c.benchmark_group("list_1000");
    group.sample_size(20);
    let shipped = Questionnaire::from_json(SHIPPED, "shipped").expect("valid");
    let generated =
        Questionnaire::from_json(&synthetic::questionnaire(200).to_string(), "generated")
            .expect("valid");
    for (name, questionnaire) in [("shipped", &shipped), ("generated_200", &generated)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = thousand(dir.path(), questionnaire);
        group.bench_function(name, |b| b.iter(|| black_box(store.list())));
    }
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
