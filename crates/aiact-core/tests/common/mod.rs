//! Shared helpers: the fixture questionnaires and answers written as JSON.
#![allow(dead_code)] // each test binary uses a different part

use std::collections::BTreeMap;
use std::path::PathBuf;

use aiact_core::{AnswerValue, Answers, Questionnaire};
use jiff::civil::{Date, date};
use serde_json::Value;

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

pub fn fixture_json(name: &str) -> Value {
    let text = std::fs::read_to_string(fixture_path(name)).expect("fixture readable");
    serde_json::from_str(&text).expect("fixture is JSON")
}

pub fn toy() -> Questionnaire {
    Questionnaire::load(&fixture_path("toy.json")).expect("toy fixture is valid")
}

/// Answers from `json!({"question": value, ...})`, checked against the questionnaire.
pub fn answers(questionnaire: &Questionnaire, values: Value) -> Answers {
    let values: BTreeMap<String, AnswerValue> =
        serde_json::from_value(values).expect("answer values");
    Answers::from_values(questionnaire, &values).expect("answers fit the questionnaire")
}

pub fn today() -> Date {
    date(2026, 11, 23)
}
