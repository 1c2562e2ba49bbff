//! Assessments made through the store, as the app makes them: created,
//! then answered question by question.
#![allow(dead_code)] // each test binary uses a different part

use aiact::storage::{NewAssessment, Opened, Store};
use aiact_core::{AnswerValue, Questionnaire};
use jiff::civil::Date;
use serde_json::Value;

/// Saves each of `answers` (a JSON object by question id) on `opened`, as
/// given on `on`.
pub fn answer_all(opened: &mut Opened, answers: &Value, on: Date) {
    for (question, value) in answers.as_object().expect("answers by question") {
        let value: AnswerValue = serde_json::from_value(value.clone()).expect("answer value");
        opened
            .set_answer(question, &value, on)
            .unwrap_or_else(|error| panic!("{question}: {error}"));
    }
}

/// A new assessment in `store` with `answers`, given on `on`.
pub fn created(
    store: &Store,
    questionnaire: &Questionnaire,
    details: NewAssessment,
    answers: &Value,
    on: Date,
) -> Opened {
    let mut opened = store.create(details, questionnaire).expect("create");
    answer_all(&mut opened, answers, on);
    opened
}
