//! For tests: the answers of the shipped scenarios.

use std::collections::BTreeMap;
use std::path::Path;

use aiact_core::{AnswerValue, Answers, Questionnaire};

/// The built-in questionnaire, with the answers of its scenarios.
pub fn built_in() -> (Questionnaire, Vec<Answers>) {
    let questionnaire = crate::catalog::default_questionnaire().expect("built-in");
    let answers = scenarios(&questionnaire);
    (questionnaire, answers)
}

/// The answers of every scenario of `tests/scenarios/` that fit.
pub fn scenarios(questionnaire: &Questionnaire) -> Vec<Answers> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("scenarios")
        .map(|entry| entry.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).expect("read");
            let scenario: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            let answers: BTreeMap<String, AnswerValue> =
                serde_json::from_value(scenario["answers"].clone()).expect("answers");
            Answers::from_values(questionnaire, &answers).ok()
        })
        .collect()
}
