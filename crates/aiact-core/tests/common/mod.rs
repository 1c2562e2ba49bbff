//! Shared helpers: the fixture questionnaires and answers written as JSON.
#![allow(dead_code)] // each test binary uses a different part

use std::collections::BTreeMap;
use std::path::PathBuf;

use aiact_core::{AnswerValue, Answers, Applicability, Evaluation, Questionnaire};
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

/// The toy fixture written with names: a named condition where two
/// questions share a condition, a schedule for one obligation's dates, and
/// comments. Its content is the toy fixture's.
pub fn named_toy_json() -> Value {
    let mut doc = fixture_json("toy.json");
    let shared = serde_json::json!({"not": {"equals": {"question": "is_ai", "value": "no"}}});
    doc["comment"] = "For authors and reviewers; the program never shows it.".into();
    doc["conditions"] = serde_json::json!([{
        "id": "may_be_ai",
        "comment": "Anything but a definite no to the definition.",
        "when": shared
    }]);
    let questions = doc["questions"].as_array_mut().expect("questions");
    for question in questions.iter_mut().filter(|q| q["when"] == shared) {
        question["when"] = serde_json::json!({"condition": "may_be_ai"});
        question["comment"] = "Asked unless the system is surely not AI.".into();
    }
    let dates = doc["obligations"][1]["applies_from"].take();
    doc["schedules"] = serde_json::json!([{
        "id": "high_risk_dates",
        "comment": "Already on the market: the later legacy date.",
        "applies_from": dates
    }]);
    let hr_provider = doc["obligations"][1].as_object_mut().expect("obligation");
    hr_provider.remove("applies_from");
    hr_provider.insert("schedule".into(), "high_risk_dates".into());
    doc
}

/// The fixture of questions not needed (issue 14): every question but two
/// is marked `skip_if_not_needed`.
pub fn needed() -> Questionnaire {
    Questionnaire::load(&fixture_path("needed.json")).expect("needed fixture is valid")
}

/// Answers to the toy fixture: a provider of a hiring tool that does more
/// than a narrow task, not on the market before: high-risk.
pub fn high_risk_provider() -> Value {
    serde_json::json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "no", "on_market": "no"})
}

/// Answers to the toy fixture: a provider of a hiring tool, not sure
/// whether it only does a narrow task: high-risk, provisionally.
pub fn unsure_narrow_task() -> Value {
    serde_json::json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "not_sure", "profiling": "no", "on_market": "no"})
}

/// Answers to the toy fixture: a provider of a chatbot: transparency duties.
pub fn chatbot_provider() -> Value {
    serde_json::json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat", "chatbot": "yes"})
}

/// Answers to the toy fixture: a provider of social scoring: banned.
pub fn social_scoring_provider() -> Value {
    serde_json::json!({"is_ai": "yes", "role": ["provider"], "use_area": "scoring"})
}

/// How the question `id` reads in `evaluation`.
pub fn applicability(evaluation: &Evaluation, id: &str) -> Applicability {
    let position = evaluation
        .questionnaire()
        .question_position(id)
        .expect("question exists");
    evaluation.applicability(position)
}

/// The ids of the questions on the path, in order.
pub fn path_ids<'a>(evaluation: &'a Evaluation) -> Vec<&'a str> {
    let questions = evaluation.questionnaire().questions();
    evaluation
        .path()
        .map(|p| questions[p].id.as_str())
        .collect()
}

/// The id of the question to ask next.
pub fn next_id<'a>(evaluation: &'a Evaluation) -> Option<&'a str> {
    evaluation.next_unanswered().map(|q| q.id.as_str())
}

/// The fixture with verdict annotations: outcomes, holds, settling.
pub fn outcome_fixture() -> Questionnaire {
    Questionnaire::load(&fixture_path("outcome.json")).expect("outcome fixture is valid")
}

/// `base` with the answers of `more` added or replaced.
pub fn merged(mut base: Value, more: Value) -> Value {
    if let (Some(base), Some(more)) = (base.as_object_mut(), more.as_object()) {
        base.extend(more.clone());
    }
    base
}

/// Answers to the outcome fixture: a provider's finished answers up to the
/// use, merged with `more`.
pub fn provider(more: Value) -> Value {
    let base = serde_json::json!({
        "is_ai": "yes", "exclusions": ["none"], "role": ["provider"], "practices": ["none"],
        "open_source": "no"
    });
    merged(base, more)
}

/// Answers to the outcome fixture: a provider's credit-scoring model already
/// on the market, no design change, no public authority; merged with `more`.
pub fn credit_model(more: Value) -> Value {
    let use_ = serde_json::json!({
        "use_area": "credit", "narrow_task": "no", "on_market": "yes",
        "design_change": "no", "public": "no"
    });
    provider(merged(use_, more))
}

/// What `part` takes from each of `items`, in order: a list to compare in
/// one assertion.
pub fn each<'a, T, U>(items: &'a [T], part: impl FnMut(&'a T) -> U) -> Vec<U> {
    items.iter().map(part).collect()
}
