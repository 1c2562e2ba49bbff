//! A questionnaire with `skip_if_not_needed` (issue 14) on chosen
//! questions: to measure what the mark saves and costs before the content
//! adopts it (`tests/question_counts.rs`, `benches/engine.rs`).

use aiact_core::validate::{Item, Problem};
use aiact_core::{LoadError, Questionnaire};
use serde_json::Value;

/// The questionnaire `doc` with `skip_if_not_needed` on the questions
/// `mark` picks, and on no other.
pub fn marked(mut doc: Value, mark: impl Fn(&Value) -> bool) -> Value {
    if let Some(questions) = doc["questions"].as_array_mut() {
        for question in questions {
            let on = mark(question);
            if let Some(fields) = question.as_object_mut() {
                if on {
                    fields.insert("skip_if_not_needed".into(), true.into());
                } else {
                    fields.remove("skip_if_not_needed");
                }
            }
        }
    }
    doc
}

/// The questionnaire `doc` with the mark on every question that may carry
/// it: all but those nothing in a result reads, which validation refuses.
pub fn everywhere(doc: Value) -> Result<Questionnaire, LoadError> {
    let origin = "the questionnaire marked everywhere";
    let all = marked(doc.clone(), |_| true);
    let never_needed: Vec<String> = match Questionnaire::from_json(&all.to_string(), origin) {
        Ok(questionnaire) => return Ok(questionnaire),
        Err(LoadError::Invalid { errors, .. })
            if errors.iter().all(|e| e.problem == Problem::NeverNeeded) =>
        {
            errors
                .into_iter()
                .filter_map(|error| match error.item {
                    Item::Question(id) => Some(id),
                    _ => None,
                })
                .collect()
        }
        Err(other) => return Err(other),
    };
    let some = marked(doc, |q| {
        !never_needed.iter().any(|id| q["id"] == id.as_str())
    });
    Questionnaire::from_json(&some.to_string(), origin)
}
