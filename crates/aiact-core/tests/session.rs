//! Walking the toy questionnaire: answering, going back, changing an
//! earlier answer, skipping an optional question.

mod common;

use aiact_core::{AnswerValue, Session};
use common::{answers, toy};
use serde_json::json;

fn text(value: &str) -> AnswerValue {
    AnswerValue::Text(value.into())
}

#[test]
fn answering_moves_to_the_next_question_on_the_path() {
    let q = toy();
    let mut session = Session::new(&q);
    assert_eq!(session.current_id(), Some("is_ai"));
    session.answer(&q, &text("yes")).expect("valid");
    assert_eq!(session.current_id(), Some("role"));
    session
        .answer(&q, &AnswerValue::List(vec!["provider".into()]))
        .expect("valid");
    session.answer(&q, &text("chat")).expect("valid");
    assert_eq!(
        session.current_id(),
        Some("chatbot"),
        "narrow_task is skipped for chat"
    );
    session.answer(&q, &text("yes")).expect("valid");
    assert_eq!(session.current_id(), Some("comment"));
    session.skip(&q);
    assert!(
        session.is_finished(),
        "the optional comment is not required"
    );
}

#[test]
fn a_refused_answer_leaves_the_session_unchanged() {
    let q = toy();
    let mut session = Session::new(&q);
    let before = session.clone();
    assert!(session.answer(&q, &text("maybe")).is_err());
    assert_eq!(session, before);
}

#[test]
fn back_goes_to_the_previous_question_on_the_path() {
    let q = toy();
    let given = answers(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat"}),
    );
    let mut session = Session::resume(&q, given);
    assert_eq!(session.current_id(), Some("chatbot"));
    session.back(&q);
    assert_eq!(session.current_id(), Some("use_area"));
    session.back(&q);
    session.back(&q);
    assert_eq!(session.current_id(), Some("is_ai"));
    session.back(&q);
    assert_eq!(
        session.current_id(),
        Some("is_ai"),
        "nothing before the first question"
    );
}

#[test]
fn back_from_the_verdict_goes_to_the_last_question() {
    let q = toy();
    let given = answers(&q, json!({"is_ai": "no"}));
    let mut session = Session::resume(&q, given);
    assert!(session.is_finished());
    session.back(&q);
    assert_eq!(session.current_id(), Some("is_ai"));
}

#[test]
fn back_then_the_same_answer_returns_to_where_you_were() {
    let q = toy();
    let given = answers(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat"}),
    );
    let mut session = Session::resume(&q, given);
    session.back(&q);
    session.back(&q);
    assert_eq!(session.current_id(), Some("role"));
    session
        .answer(&q, &AnswerValue::List(vec!["provider".into()]))
        .expect("valid");
    assert_eq!(
        session.current_id(),
        Some("chatbot"),
        "answered questions are not asked again"
    );
}

#[test]
fn changing_an_earlier_answer_continues_from_there() {
    let q = toy();
    let given = answers(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat", "chatbot": "yes", "comment": "ok"}),
    );
    let mut session = Session::resume(&q, given);
    assert!(session.is_finished());
    assert!(session.go_to(&q, "use_area"));
    session.answer(&q, &text("hiring")).expect("valid");
    assert_eq!(
        session.current_id(),
        Some("narrow_task"),
        "the new branch is asked"
    );
    // The chatbot answer is kept for if the user changes their mind back.
    assert!(session.answers().get("chatbot").is_some());
}

#[test]
fn go_to_refuses_a_question_off_the_path() {
    let q = toy();
    let given = answers(&q, json!({"is_ai": "no"}));
    let mut session = Session::resume(&q, given);
    assert!(!session.go_to(&q, "chatbot"));
    assert!(session.is_finished());
}

#[test]
fn forward_steps_through_answered_questions_without_changing_them() {
    let q = toy();
    let given = answers(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat"}),
    );
    let mut session = Session::resume(&q, given.clone());
    session.go_to(&q, "is_ai");
    session.forward(&q);
    assert_eq!(session.current_id(), Some("role"));
    session.forward(&q);
    session.forward(&q);
    assert_eq!(session.current_id(), Some("chatbot"));
    assert_eq!(session.answers(), &given);
}

#[test]
fn resume_picks_up_at_the_first_unanswered_question() {
    let q = toy();
    let given = answers(&q, json!({"is_ai": "yes", "use_area": "chat"}));
    let session = Session::resume(&q, given);
    assert_eq!(session.current_id(), Some("role"));
}
