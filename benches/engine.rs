//! Engine benchmarks: load + validate, and one answer → next question +
//! verdict, on the shipped questionnaire and on generated ones. Targets and
//! figures: docs/benchmarks.md.

use std::hint::black_box;

use aiact_core::{AnswerValue, Answers, Checks, Evaluation, Questionnaire, Session, Verdict};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use jiff::civil::date;

#[path = "support/synthetic.rs"]
mod synthetic;

const SHIPPED: &str = include_str!("../questionnaires/eu-ai-act.json");
const HEAVY_SCENARIO: &str =
    include_str!("../tests/scenarios/083-unsure-profiling-document-sorter.json");

/// Answers a questionnaire to the end with a fixed policy ("no", the first
/// option, the last multi-choice option, the minimum), like a quick user.
fn walk_to_the_end(q: &Questionnaire) -> Answers {
    let mut session = Session::new(q);
    while let Some(question) = session.current(q) {
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
        if session.answer(q, &value).is_err() {
            break;
        }
    }
    session.answers().clone()
}

/// One answer changes, then the next question and the verdict are computed:
/// what happens on every keypress that answers a question.
fn answer_next_verdict(q: &Questionnaire, answers: &Answers, question: &str, value: &AnswerValue) {
    let mut answers = answers.clone();
    let _ = answers.set(q, question, value);
    let evaluation = Evaluation::new(q, &answers);
    black_box(evaluation.next_unanswered());
    black_box(Verdict::from_evaluation(&evaluation, date(2026, 11, 23)));
}

fn shipped(c: &mut Criterion) {
    c.bench_function("load_validate/shipped", |b| {
        b.iter(|| Questionnaire::from_json(black_box(SHIPPED), "shipped"))
    });
    // What the program does when it starts: structure only (the reachability
    // of the built-in questionnaires is proven by a test).
    c.bench_function("load_structure/shipped", |b| {
        b.iter(|| Questionnaire::from_json_with(black_box(SHIPPED), "shipped", Checks::Structure))
    });
    let q = Questionnaire::from_json(SHIPPED, "shipped").expect("shipped questionnaire is valid");
    let answers = walk_to_the_end(&q);
    let first = q.questions()[0].id.clone();
    let value = answers
        .get(&first)
        .map(|a| a.to_value())
        .unwrap_or(AnswerValue::Text("yes".into()));
    c.bench_function("answer_next_verdict/shipped", |b| {
        b.iter(|| answer_next_verdict(&q, &answers, &first, &value))
    });
    // A long path with many findings and obligations, some provisional: a
    // high-risk product with "not sure" answers (scenario 083).
    let scenario: serde_json::Value = serde_json::from_str(HEAVY_SCENARIO).expect("scenario JSON");
    let values = serde_json::from_value(scenario["answers"].clone()).expect("answers");
    let heavy = Answers::from_values(&q, &values).expect("scenario answers fit");
    let last = heavy
        .iter()
        .last()
        .map(|(id, answer)| (id.to_owned(), answer.to_value()));
    if let Some((question, value)) = last {
        c.bench_function("answer_next_verdict/shipped_high_risk_unsure", |b| {
            b.iter(|| answer_next_verdict(&q, &heavy, &question, &value))
        });
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
    let q = Questionnaire::from_json(&synthetic::questionnaire(10_000).to_string(), "generated")
        .expect("valid");
    let answers = walk_to_the_end(&q);
    c.bench_function("answer_next_verdict/generated_10000", |b| {
        b.iter(|| answer_next_verdict(&q, &answers, "s0_q0", &AnswerValue::Text("yes".into())))
    });
}

criterion_group!(benches, shipped, generated);
criterion_main!(benches);
