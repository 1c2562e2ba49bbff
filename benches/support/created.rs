//! A new assessment of the benchmarks' organisation, saved in a store.

use aiact::storage::{NewAssessment, Opened, Store};
use aiact_core::Questionnaire;

/// A new, unanswered assessment named `name`.
pub fn assessment(store: &Store, questionnaire: &Questionnaire, name: &str) -> Opened {
    store
        .create(
            NewAssessment {
                system_name: name.to_owned(),
                organisation: Some("Bench GmbH".to_owned()),
                assessor: Some("Bench".to_owned()),
            },
            questionnaire,
        )
        .expect("create")
}
