//! How long the path can still get (issue 13: "about 12–16 questions"
//! rather than "2 of 3"), and what the assessment works out once per change
//! only when asked for: the path's length and what the verdict turns on.

mod common;
#[path = "../../../tests/support/random.rs"]
mod random;
// Only its walks are used here.
#[allow(dead_code)]
#[path = "../../../tests/support/walk.rs"]
mod walk;

use std::sync::Arc;

use aiact_core::path_length::path_length;
use aiact_core::{AnswerValue, Assessment, Command, PathLength, Questionnaire, Verdict, Work};
use common::{answers, today, toy};
use serde_json::json;

fn text(value: &str) -> AnswerValue {
    AnswerValue::Text(value.into())
}

fn answer(assessment: &mut Assessment, value: AnswerValue) {
    let question = assessment.current_id().expect("a question").to_owned();
    assessment
        .apply(Command::Answer { question, value })
        .expect("the answer fits");
}

#[test]
fn a_fresh_assessment_can_end_at_once_or_go_through_every_follow_up() {
    let q = toy();
    // "Not an AI system" ends it after one question; the longest way asks
    // about hiring (the narrow task, profiling, the market date), the
    // number of users (a deployer) and the optional comment.
    assert_eq!(
        path_length(&q, &answers(&q, json!({}))),
        PathLength { fewest: 1, most: 8 }
    );
    let is_ai = answers(&q, json!({"is_ai": "yes"}));
    assert_eq!(
        path_length(&q, &is_ai),
        PathLength { fewest: 4, most: 8 },
        "the shortest way now is social scoring, which opens only the comment"
    );
}

#[test]
fn the_range_narrows_as_answers_come_and_holds_the_final_length() {
    let mut a = Assessment::start(Arc::new(toy()), today());
    let mut ranges = Vec::new();
    for value in [
        text("yes"),
        AnswerValue::List(vec!["provider".into()]),
        text("hiring"),
        text("yes"),
        text("no"),
    ] {
        ranges.push(a.path_length());
        answer(&mut a, value);
    }
    assert_eq!(a.current_id(), Some("comment"));
    a.apply(Command::Skip).expect("optional");
    assert!(a.is_finished());
    let done = a.path_length();
    let on_path = a.snapshot().progress().on_path;
    assert_eq!(done, PathLength { fewest: 6, most: 6 });
    assert!(done.is_exact());
    assert_eq!(
        on_path, 6,
        "is_ai, role, use_area, narrow_task, profiling, comment"
    );
    for (step, range) in ranges.iter().enumerate() {
        assert!(
            range.fewest <= on_path && on_path <= range.most,
            "step {step}: {range:?}"
        );
    }
    let widths: Vec<usize> = ranges.iter().map(|r| r.most - r.fewest).collect();
    assert!(
        widths.windows(2).all(|pair| pair[1] <= pair[0]),
        "never wider after an answer on this path: {widths:?}"
    );
}

#[test]
fn a_number_is_tried_on_both_sides_of_a_threshold() {
    // The comment asked only of a deployer with 1000 users or more.
    let mut doc = common::fixture_json("toy.json");
    let questions = doc["questions"].as_array_mut().expect("questions");
    let comment = questions
        .iter_mut()
        .find(|question| question["id"] == "comment")
        .expect("comment");
    comment["when"] = json!({"compare": {"question": "users", "op": "gte", "value": 1000}});
    let q = Questionnaire::from_json(&doc.to_string(), "toy").expect("valid");
    let given = answers(
        &q,
        json!({"is_ai": "yes", "role": ["deployer"], "use_area": "chat", "chatbot": "yes"}),
    );
    assert_eq!(path_length(&q, &given), PathLength { fewest: 5, most: 6 });
}

#[test]
fn what_the_verdict_turns_on_and_the_length_are_worked_out_once_per_change() {
    let mut a = Assessment::start(Arc::new(toy()), today());
    for value in [
        text("yes"),
        AnswerValue::List(vec!["provider".into()]),
        text("hiring"),
        text("yes"),
    ] {
        answer(&mut a, value);
    }
    let before = Work::so_far();
    let first = a.turns_on().as_ptr();
    let cost = Work::since(before);
    assert!(cost.evaluations > 1, "{cost:?}");
    let before = Work::so_far();
    assert_eq!(a.turns_on().as_ptr(), first, "kept, not worked out again");
    a.path_length();
    a.path_length();
    assert_eq!(
        Work::since(before),
        Work::default(),
        "nothing evaluated again"
    );

    // The same as the reports compute it.
    let direct = Verdict::compute_with_turns_on(a.questionnaire(), a.answers(), today());
    assert_eq!(a.verdict_with_turns_on(), direct);
    assert!(
        a.turns_on()
            .iter()
            .any(|item| item.question == "narrow_task"),
        "{:?}",
        a.turns_on()
    );

    // A change of answers: worked out again, on the new answers.
    answer(&mut a, text("yes"));
    assert!(
        a.turns_on().iter().any(|item| item.question == "profiling"),
        "{:?}",
        a.turns_on()
    );
    assert_eq!(
        a.verdict_with_turns_on(),
        Verdict::compute_with_turns_on(a.questionnaire(), a.answers(), today())
    );
}

/// Questions not needed (issue 14) are off the path: the walks read the
/// path as the evaluation does, so the range counts them out, and is the
/// path's length once every question is answered.
#[test]
fn questions_not_needed_are_not_counted() {
    let q = common::needed();
    let mut random = random::Random(0x5eed_1234);
    let mut checked = 0;
    for _ in 0..200 {
        let (_, given) = walk::walk(&q, aiact_core::Answers::new(), |question| {
            walk::random_answer(question, &mut random)
        });
        let evaluation = aiact_core::Evaluation::new(&q, &given);
        if !evaluation.is_complete() {
            continue;
        }
        let length = evaluation.path().count();
        assert_eq!(
            path_length(&q, &given),
            PathLength {
                fewest: length,
                most: length
            },
            "{given:?}"
        );
        checked += 1;
    }
    assert!(checked > 100, "{checked} complete walks");
}
