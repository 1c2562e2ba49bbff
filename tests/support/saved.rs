//! A saved assessment written out field by field, as the program saves one,
//! for tests that need fixed ids and timestamps.

use std::collections::BTreeMap;

use aiact::storage::content_hash;
use aiact::storage::format::{Assessment, Entry, Metadata, QuestionnaireRef, SavedProgress};
use aiact_core::Questionnaire;
use jiff::Timestamp;

pub fn at(text: &str) -> Timestamp {
    text.parse().expect("timestamp")
}

/// An assessment of `questionnaire` with `answers` by question id, no
/// history and no saved verdict.
pub fn assessment(
    questionnaire: &Questionnaire,
    id: String,
    metadata: Metadata,
    answers: BTreeMap<String, Entry>,
) -> Assessment {
    Assessment {
        schema: None,
        format: aiact::storage::format::format_tag(),
        id,
        metadata,
        questionnaire: QuestionnaireRef {
            id: questionnaire.id().to_owned(),
            version: questionnaire.version().to_owned(),
            content_hash: content_hash(questionnaire),
        },
        answers,
        retired_answers: Vec::new(),
        progress: SavedProgress {
            answered: 0,
            on_path: 0,
        },
        history: Vec::new(),
        verdict: None,
    }
}
