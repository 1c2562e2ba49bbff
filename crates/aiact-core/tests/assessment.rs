//! Walking the toy questionnaire through the one command API: answering,
//! going back, changing an earlier answer, skipping an optional question,
//! notes; and what one change costs.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;

use aiact_core::{Answer, AnswerProblem, AnswerValue, Assessment, Change, Command, Work};
use common::{answers, today, toy};
use serde_json::{Value, json};

fn text(value: &str) -> AnswerValue {
    AnswerValue::Text(value.into())
}

fn start() -> Assessment {
    Assessment::start(Arc::new(toy()), today())
}

/// The toy questionnaire resumed with the answers `values`.
fn resumed(values: Value) -> Assessment {
    let q = toy();
    let given = answers(&q, values);
    Assessment::new(Arc::new(q), given, BTreeMap::new(), today())
}

/// Answers the current question.
fn answer(assessment: &mut Assessment, value: AnswerValue) -> Result<Change, AnswerProblem> {
    let question = assessment
        .current_id()
        .expect("a current question")
        .to_owned();
    assessment.apply(Command::Answer { question, value })
}

fn position(assessment: &Assessment, id: &str) -> usize {
    assessment
        .questionnaire()
        .question_position(id)
        .expect("known question")
}

#[test]
fn answering_moves_to_the_next_question_on_the_path() {
    let mut a = start();
    assert_eq!(a.current_id(), Some("is_ai"));
    answer(&mut a, text("yes")).expect("valid");
    assert_eq!(a.current_id(), Some("role"));
    answer(&mut a, AnswerValue::List(vec!["provider".into()])).expect("valid");
    answer(&mut a, text("chat")).expect("valid");
    assert_eq!(
        a.current_id(),
        Some("chatbot"),
        "narrow_task is skipped for chat"
    );
    answer(&mut a, text("yes")).expect("valid");
    assert_eq!(a.current_id(), Some("comment"));
    assert!(matches!(
        a.apply(Command::Skip),
        Ok(Change::Moved { to: None, .. })
    ));
    assert!(a.is_finished(), "the optional comment is not required");
    assert!(a.verdict().complete);
}

#[test]
fn a_refused_command_changes_nothing() {
    let mut a = start();
    let revision = a.revision();
    assert!(matches!(
        answer(&mut a, text("maybe")),
        Err(AnswerProblem::UnknownOption(_))
    ));
    assert_eq!(a.current_id(), Some("is_ai"));
    assert!(a.answers().is_empty());
    assert_eq!(a.revision(), revision, "no new snapshot");
    assert_eq!(
        a.apply(Command::Skip),
        Err(AnswerProblem::Required),
        "is_ai is not optional"
    );
    assert_eq!(a.current_id(), Some("is_ai"));
    assert_eq!(
        a.apply(Command::Note {
            question: "nope".into(),
            text: Some("x".into())
        }),
        Err(AnswerProblem::UnknownQuestion)
    );
}

#[test]
fn one_answer_costs_one_check_and_one_evaluation() {
    let mut a = start();
    for value in [
        text("yes"),
        AnswerValue::List(vec!["provider".into()]),
        text("hiring"),
        text("not_sure"),
    ] {
        let before = Work::so_far();
        answer(&mut a, value).expect("valid");
        assert_eq!(
            Work::since(before),
            Work {
                evaluations: 1,
                answer_checks: 1
            }
        );
    }
    // Moving and notes neither check nor evaluate.
    let before = Work::so_far();
    a.apply(Command::Back).expect("back");
    a.apply(Command::Forward).expect("forward");
    a.apply(Command::Note {
        question: "is_ai".into(),
        text: Some("classifier".into()),
    })
    .expect("note");
    assert_eq!(Work::since(before), Work::default());
}

#[test]
fn back_goes_to_the_previous_question_on_the_path() {
    let mut a = resumed(json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat"}));
    assert_eq!(a.current_id(), Some("chatbot"));
    a.apply(Command::Back).expect("back");
    assert_eq!(a.current_id(), Some("use_area"));
    a.apply(Command::Back).expect("back");
    a.apply(Command::Back).expect("back");
    assert_eq!(a.current_id(), Some("is_ai"));
    assert_eq!(
        a.apply(Command::Back),
        Ok(Change::Unchanged),
        "nothing before the first question"
    );
    assert_eq!(a.current_id(), Some("is_ai"));
}

#[test]
fn back_from_the_verdict_goes_to_the_last_question() {
    let mut a = resumed(json!({"is_ai": "no"}));
    assert!(a.is_finished());
    let is_ai = position(&a, "is_ai");
    assert_eq!(
        a.apply(Command::Back),
        Ok(Change::Moved {
            from: None,
            to: Some(is_ai)
        })
    );
}

#[test]
fn back_then_the_same_answer_returns_to_where_you_were() {
    let mut a = resumed(json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat"}));
    a.apply(Command::Back).expect("back");
    a.apply(Command::Back).expect("back");
    assert_eq!(a.current_id(), Some("role"));
    let change = answer(&mut a, AnswerValue::List(vec!["provider".into()])).expect("valid");
    assert_eq!(
        change,
        Change::Answered {
            question: position(&a, "role"),
            opens_questions: false
        }
    );
    assert_eq!(
        a.current_id(),
        Some("chatbot"),
        "answered questions are not asked again"
    );
}

#[test]
fn changing_an_earlier_answer_continues_from_there() {
    let mut a = resumed(
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat", "chatbot": "yes", "comment": "ok"}),
    );
    assert!(a.is_finished());
    a.apply(Command::GoTo("use_area".into()))
        .expect("on the path");
    let change = answer(&mut a, text("hiring")).expect("valid");
    assert!(
        matches!(
            change,
            Change::Answered {
                opens_questions: true,
                ..
            }
        ),
        "{change:?}"
    );
    assert_eq!(
        a.current_id(),
        Some("narrow_task"),
        "the new branch is asked"
    );
    // The chatbot answer is kept for if the user changes their mind back,
    // and the review lists it as no longer applying.
    assert!(a.answers().get("chatbot").is_some());
    let chatbot = position(&a, "chatbot");
    let row = a
        .snapshot()
        .review()
        .iter()
        .find(|row| row.position == chatbot)
        .expect("listed");
    assert!(!row.applies);
}

#[test]
fn go_to_refuses_a_question_off_the_path() {
    let mut a = resumed(json!({"is_ai": "no"}));
    assert_eq!(
        a.apply(Command::GoTo("chatbot".into())),
        Err(AnswerProblem::NotOnPath)
    );
    assert!(a.is_finished());
}

#[test]
fn forward_steps_through_answered_questions_without_changing_them() {
    let mut a = resumed(json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat"}));
    let given = a.answers().clone();
    a.apply(Command::GoTo("is_ai".into())).expect("on the path");
    a.apply(Command::Forward).expect("forward");
    assert_eq!(a.current_id(), Some("role"));
    a.apply(Command::Forward).expect("forward");
    a.apply(Command::Forward).expect("forward");
    assert_eq!(a.current_id(), Some("chatbot"));
    assert_eq!(a.answers(), &given);
}

#[test]
fn resuming_picks_up_at_the_first_unanswered_question() {
    let a = resumed(json!({"is_ai": "yes", "use_area": "chat"}));
    assert_eq!(a.current_id(), Some("role"));
}

#[test]
fn notes_are_kept_per_question_and_a_blank_one_removes_it() {
    let mut a = start();
    let is_ai = position(&a, "is_ai");
    let note = |text: &str| Command::Note {
        question: "is_ai".into(),
        text: Some(text.into()),
    };
    assert_eq!(
        a.apply(note("our reasoning")),
        Ok(Change::Noted { question: is_ai })
    );
    assert_eq!(a.note("is_ai"), Some("our reasoning"));
    assert_eq!(a.apply(note("our reasoning")), Ok(Change::Unchanged));
    assert_eq!(a.apply(note("   ")), Ok(Change::Noted { question: is_ai }));
    assert_eq!(a.note("is_ai"), None);
}

#[test]
fn the_snapshot_follows_every_answer() {
    let mut a = start();
    assert_eq!(a.snapshot().progress().answered, 0);
    answer(&mut a, text("yes")).expect("valid");
    answer(&mut a, AnswerValue::List(vec!["provider".into()])).expect("valid");
    let snapshot = a.snapshot();
    assert_eq!(snapshot.progress().answered, 2);
    assert_eq!(
        snapshot.missing().first().copied(),
        a.current_position(),
        "the next question is the first the verdict needs"
    );
    assert!(!snapshot.verdict().complete);
    assert_eq!(
        a.answers().get("role"),
        Some(&Answer::Choices(vec!["provider".into()]))
    );
}

/// A system still in development: after today's questions, the look-ahead's
/// questions (for when it launches) are answered through the same commands,
/// one after the other, and the verdict then holds the launch's verdict.
#[test]
fn the_look_ahead_is_answered_through_the_same_commands() {
    let q = common::outcome_fixture();
    let mut a = Assessment::start(Arc::new(q), today());
    answer(&mut a, text("yes")).expect("is AI");
    answer(&mut a, AnswerValue::List(vec!["pre_market".into()])).expect("exclusions");
    assert!(a.is_finished(), "today's path ends at the exclusion");
    let launch = a.snapshot().look_ahead().to_vec();
    assert_eq!(launch, [position(&a, "role")]);
    // Off today's path, but offered: it can be gone to and answered.
    assert_eq!(a.launch_number(), None, "at the verdict");
    a.apply(Command::GoTo("role".into()))
        .expect("a launch question");
    assert_eq!(a.launch_number(), Some(1));
    let before = Work::so_far();
    answer(&mut a, AnswerValue::List(vec!["provider".into()])).expect("role");
    assert_eq!(
        Work::since(before),
        Work {
            evaluations: 1,
            answer_checks: 1
        }
    );
    assert_eq!(
        a.current_id(),
        Some("practices"),
        "on to the next launch question"
    );
    // Back and forward stay within the launch's questions.
    a.apply(Command::Back).expect("back");
    assert_eq!(a.current_id(), Some("role"));
    a.apply(Command::Back).expect("back");
    assert_eq!(a.current_id(), Some("exclusions"), "today's last question");
    a.apply(Command::GoTo("role".into())).expect("role");
    a.apply(Command::Forward).expect("forward");
    assert_eq!(a.current_id(), Some("practices"));
    for value in [
        AnswerValue::List(vec!["none".into()]),
        text("hiring"),
        text("no"),
        text("no"),
        text("no"),
    ] {
        answer(&mut a, value).expect("launch answer");
    }
    assert!(a.is_finished());
    let verdict = a.verdict();
    assert_eq!(verdict.tier.id, "out_of_scope", "today is unchanged");
    let launch = verdict.look_ahead.as_ref().and_then(|l| l.verdict.as_ref());
    assert_eq!(launch.map(|v| v.tier.id.as_str()), Some("high_risk"));
    assert!(launch.is_some_and(|v| v.complete));
    // A question neither on today's path nor in the look-ahead stays refused.
    assert_eq!(
        a.apply(Command::GoTo("design_change".into())),
        Err(AnswerProblem::NotOnPath)
    );
}
