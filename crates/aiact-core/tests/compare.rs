//! Two assessments side by side (issue 13's "what if"): the answers that
//! differ and how the verdict differs, on the outcome fixture (every
//! verdict annotation) and the toy fixture.

mod common;

use aiact_core::compare::{Comparison, Given, Side, Start};
use aiact_core::outcome::{DutyState, When};
use aiact_core::verdict::Status;
use aiact_core::{Answers, Evaluation, Questionnaire, Verdict};
use common::{answers, credit_model, each, outcome_fixture, toy};
use jiff::civil::{Date, date};
use serde_json::{Value, json};

const TODAY: Date = date(2026, 12, 6);

/// Answers and the verdict to show (settled, with what it turns on).
fn assessed(q: &Questionnaire, values: Value) -> (Answers, Verdict) {
    let answers = answers(q, values);
    let verdict = Verdict::compute_with_turns_on(q, &answers, TODAY);
    (answers, verdict)
}

fn compare(q: &Questionnaire, a: &(Answers, Verdict), b: &(Answers, Verdict)) -> Comparison {
    Comparison::of(
        q,
        Side {
            answers: &a.0,
            verdict: &a.1,
        },
        Side {
            answers: &b.0,
            verdict: &b.1,
        },
    )
}

/// The outcome fixture's credit model as it is (A) against the same with
/// the answers of `more` (B).
fn credit_model_against(more: Value) -> Comparison {
    let q = outcome_fixture();
    let as_is = assessed(&q, credit_model(json!({})));
    compare(&q, &as_is, &assessed(&q, credit_model(more)))
}

#[test]
fn an_assessment_compared_with_itself_is_the_same() {
    let q = outcome_fixture();
    let a = assessed(&q, credit_model(json!({})));
    let comparison = compare(&q, &a, &a);
    assert!(comparison.is_same(), "{comparison:#?}");
    assert!(!comparison.verdict_differs());
}

#[test]
fn a_design_change_takes_the_duties_off_hold_and_dates_them_from_the_change() {
    let comparison = credit_model_against(json!({"design_change": "yes"}));

    assert_eq!(
        each(&comparison.answers, |d| d.question.as_str()),
        ["design_change"],
        "{:#?}",
        comparison.answers
    );
    let diff = &comparison.answers[0];
    assert!(matches!(&diff.a, Given::Answered { answer_label, .. } if answer_label == "No"));
    assert!(matches!(&diff.b, Given::Answered { answer_label, .. } if answer_label == "Yes"));

    let result = comparison.result.as_ref().expect("the headline differs");
    assert_eq!(result.a.title, "High-risk — duties on hold");
    assert_eq!(result.b.title, "High-risk — duties from your design change");
    assert_eq!(
        (result.a.tier.as_str(), result.b.tier.as_str()),
        ("high_risk", "high_risk")
    );
    assert!(comparison.basis.is_empty(), "same listed use");
    assert_eq!(
        each(&comparison.qualifiers.only_a, |n| n.id.as_str()),
        ["legacy_hold"]
    );
    assert_eq!(
        each(&comparison.qualifiers.only_b, |n| n.id.as_str()),
        ["legacy_change"]
    );
    let standing = comparison
        .standing
        .as_ref()
        .expect("the duties stand apart");
    assert_eq!(
        (standing.a.state, standing.b.state),
        (DutyState::OnHold, DutyState::OnChange)
    );

    // The provider's duty is the same duty, kept back on one side and due
    // from the change on the other: a date change, not one added.
    assert!(comparison.duties.is_empty(), "{:#?}", comparison.duties);
    let changed = (comparison.dates_changed.iter())
        .find(|change| change.id == "hr_provider")
        .expect("hr_provider starts differently");
    assert_eq!(
        changed.starts.a,
        [Start {
            when: When::OnHold,
            date: Some(date(2027, 12, 2)),
            if_questions: vec![]
        }]
    );
    assert_eq!(changed.starts.b[0].when, When::OnChange);
}

#[test]
fn another_use_changes_the_tier_basis_duties_and_findings() {
    let q = outcome_fixture();
    let credit = assessed(&q, credit_model(json!({"on_market": "no"})));
    let chat = assessed(
        &q,
        json!({
            "is_ai": "yes", "exclusions": ["none"], "role": ["provider"], "practices": ["none"],
            "open_source": "no", "use_area": "chat", "chatbot": "yes"
        }),
    );
    let comparison = compare(&q, &credit, &chat);

    // The questions of the listed use are not asked for the chatbot, and
    // the chatbot's question not for the credit model.
    let answers: Vec<(&str, bool, bool)> = (comparison.answers.iter())
        .map(|d| {
            (
                d.question.as_str(),
                d.a == Given::NotAsked,
                d.b == Given::NotAsked,
            )
        })
        .collect();
    assert_eq!(
        answers,
        [
            ("use_area", false, false),
            ("narrow_task", false, true),
            ("on_market", false, true),
            ("chatbot", true, false),
        ]
    );
    let result = comparison.result.as_ref().expect("tier differs");
    assert_eq!(
        (result.a.tier.as_str(), result.b.tier.as_str()),
        ("high_risk", "transparency")
    );
    assert_eq!(
        each(&comparison.basis.only_a, |n| n.text.as_str()),
        credit
            .1
            .outcome
            .basis
            .iter()
            .map(|b| b.label.as_str())
            .collect::<Vec<_>>()
    );
    assert!(!comparison.basis.only_b.is_empty(), "Article 50's point");
    assert!(
        each(&comparison.duties.only_a, |d| d.id.as_str()).contains(&"hr_provider"),
        "{:#?}",
        comparison.duties
    );
    assert!(each(&comparison.duties.only_b, |d| d.id.as_str()).contains(&"disclose"));
    assert!(
        !each(&comparison.duties.only_a, |d| d.id.as_str()).contains(&"literacy"),
        "both have the baseline duty"
    );
    assert!(each(&comparison.findings.only_a, |n| n.id.as_str()).contains(&"high_risk"));
    assert!(each(&comparison.findings.only_b, |n| n.id.as_str()).contains(&"chatbot_duty"));
    assert!(
        !comparison.turns_on.is_empty(),
        "each result turns on other answers"
    );
}

#[test]
fn a_not_sure_answer_is_a_question_to_settle_on_one_side_only() {
    let comparison = credit_model_against(json!({"public": "not_sure"}));
    let diff = &comparison.answers[0];
    assert_eq!(diff.question, "public");
    assert!(matches!(diff.b, Given::Answered { not_sure: true, .. }));
    assert!(comparison.questions_to_settle.only_a.is_empty());
    assert_eq!(
        each(&comparison.questions_to_settle.only_b, |n| n.id.as_str()),
        ["public"]
    );
    assert_eq!(
        comparison.questions_to_settle.only_b[0].status,
        Status::Provisional
    );
}

#[test]
fn an_unfinished_side_shows_its_missing_questions_as_unanswered() {
    let q = toy();
    let finished = assessed(&q, common::high_risk_provider());
    let unfinished = assessed(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring"}),
    );
    let comparison = compare(&q, &finished, &unfinished);
    let missing: Vec<&str> = (comparison.answers.iter())
        .filter(|d| d.b == Given::Unanswered)
        .map(|d| d.question.as_str())
        .collect();
    let evaluation = Evaluation::new(&q, &unfinished.0);
    let expected: Vec<&str> = evaluation.missing().iter().map(|q| q.id.as_str()).collect();
    assert!(!expected.is_empty());
    assert!(
        expected.iter().all(|id| missing.contains(id)),
        "{missing:?} lists {expected:?}"
    );
    let result = comparison.result.as_ref().expect("finished differs");
    assert!(result.a.complete && !result.b.complete);
}

#[test]
fn an_answer_given_off_the_path_does_not_count_as_a_difference() {
    let q = toy();
    // `narrow_task` answered, then `use_area` changed so that it is no
    // longer asked: the stale answer is kept in the file but not compared.
    let chat = common::chatbot_provider();
    let mut stale = chat.clone();
    stale["narrow_task"] = json!("yes");
    let comparison = compare(&q, &assessed(&q, chat), &assessed(&q, stale));
    assert!(comparison.is_same(), "{comparison:#?}");
}

#[test]
fn the_comparison_is_symmetric() {
    let q = outcome_fixture();
    let a = assessed(&q, credit_model(json!({})));
    let b = assessed(
        &q,
        credit_model(json!({"design_change": "yes", "public": "not_sure"})),
    );
    let ab = compare(&q, &a, &b);
    let ba = compare(&q, &b, &a);
    assert_eq!(ab.answers.len(), ba.answers.len());
    for (x, y) in ab.answers.iter().zip(&ba.answers) {
        assert_eq!((&x.a, &x.b), (&y.b, &y.a));
    }
    assert_eq!(ab.qualifiers.only_a, ba.qualifiers.only_b);
    assert_eq!(ab.duties.only_a, ba.duties.only_b);
    assert_eq!(ab.findings.only_b, ba.findings.only_a);
    assert_eq!(ab.dates_changed.len(), ba.dates_changed.len());
}
