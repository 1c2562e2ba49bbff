//! Engine benchmarks: load + validate, and one answer → next question +
//! verdict through the command API, on the shipped questionnaire and on
//! generated ones. Targets and figures: docs/benchmarks.md.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::Arc;

use aiact_core::{AnswerValue, Answers, Assessment, Command, Questionnaire, Work};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use jiff::civil::{Date, date};

#[path = "support/synthetic.rs"]
mod synthetic;

const SHIPPED: &str = include_str!("../questionnaires/eu-ai-act.json");
const HEAVY_SCENARIO: &str =
    include_str!("../tests/scenarios/083-unsure-profiling-document-sorter.json");

const TODAY: Date = date(2026, 11, 23);

/// Answers a questionnaire to the end with a fixed policy ("no", the first
/// option, the last multi-choice option, the minimum), like a quick user.
fn walk_to_the_end(q: &Arc<Questionnaire>) -> Assessment {
    let mut assessment = Assessment::start(Arc::clone(q), TODAY);
    while let Some(question) = assessment.current() {
        let options: Vec<&str> = question.option_ids().collect();
        let value = match question.kind {
            aiact_core::model::QuestionKind::YesNo => AnswerValue::Text("no".into()),
            aiact_core::model::QuestionKind::SingleChoice => AnswerValue::Text(options[0].into()),
            aiact_core::model::QuestionKind::MultiChoice => {
                AnswerValue::List(vec![options[options.len() - 1].into()])
            }
            aiact_core::model::QuestionKind::Number => {
                AnswerValue::Number(question.min.unwrap_or(0.0))
            }
            aiact_core::model::QuestionKind::Text => AnswerValue::Text("x".into()),
        };
        let command = Command::Answer {
            question: question.id.clone(),
            value,
        };
        if assessment.apply(command).is_err() {
            break;
        }
    }
    assessment
}

/// One answer given through the command API: checked once, evaluated once
/// (the path, the next question, the verdict, the review): what happens on
/// every Enter that answers a question.
fn answer_next_verdict(
    c: &mut Criterion,
    name: &str,
    assessment: &Assessment,
    question: &str,
    value: &AnswerValue,
) {
    let command = Command::Answer {
        question: question.to_owned(),
        value: value.clone(),
    };
    // What the figure stands for: one check, one evaluation.
    let before = Work::so_far();
    let _ = assessment.clone().apply(command.clone());
    assert_eq!(
        Work::since(before),
        Work {
            evaluations: 1,
            answer_checks: 1
        }
    );
    c.bench_function(name, |b| {
        b.iter_batched(
            || assessment.clone(),
            |mut assessment| {
                black_box(assessment.apply(black_box(command.clone())).ok());
                assessment
            },
            BatchSize::SmallInput,
        )
    });
}

fn shipped(c: &mut Criterion) {
    c.bench_function("load_validate/shipped", |b| {
        b.iter(|| Questionnaire::from_json(black_box(SHIPPED), "shipped"))
    });
    let q = Arc::new(
        Questionnaire::from_json(SHIPPED, "shipped").expect("shipped questionnaire is valid"),
    );
    let walked = walk_to_the_end(&q);
    let first = q.questions()[0].id.clone();
    let value = walked
        .answers()
        .get(&first)
        .map(|a| a.to_value())
        .unwrap_or(AnswerValue::Text("yes".into()));
    answer_next_verdict(c, "answer_next_verdict/shipped", &walked, &first, &value);
    // A long path with many findings and obligations, some provisional: a
    // high-risk product with "not sure" answers (scenario 083).
    let scenario: serde_json::Value = serde_json::from_str(HEAVY_SCENARIO).expect("scenario JSON");
    let values = serde_json::from_value(scenario["answers"].clone()).expect("answers");
    let heavy = Answers::from_values(&q, &values).expect("scenario answers fit");
    let last = heavy
        .iter()
        .last()
        .map(|(id, answer)| (id.to_owned(), answer.to_value()));
    let heavy = Assessment::new(Arc::clone(&q), heavy, BTreeMap::new(), TODAY);
    if let Some((question, value)) = last {
        answer_next_verdict(
            c,
            "answer_next_verdict/shipped_high_risk_unsure",
            &heavy,
            &question,
            &value,
        );
    }
}

fn generated(c: &mut Criterion) {
    let mut group = c.benchmark_group("load_validate/generated");
    group.sample_size(20);
    for size in [1_000, 5_000, 10_000] {
        let text = synthetic::questionnaire(size).to_string();
        group.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, text| {
            b.iter(|| Questionnaire::from_json(black_box(text), "generated").expect("valid"))
        });
    }
    group.finish();
    let q = Arc::new(
        Questionnaire::from_json(&synthetic::questionnaire(10_000).to_string(), "generated")
            .expect("valid"),
    );
    let walked = walk_to_the_end(&q);
    answer_next_verdict(
        c,
        "answer_next_verdict/generated_10000",
        &walked,
        "s0_q0",
        &AnswerValue::Text("yes".into()),
    );
}

criterion_group!(benches, shipped, generated);
criterion_main!(benches);
