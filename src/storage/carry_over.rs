//! Answers saved with an older version of a built-in questionnaire, carried
//! over to the questions that replaced theirs, by the questionnaire's
//! migration rules (`aiact_core::migration`, `migrations/<id>.json`).
//! Runs on opening, before the answers are checked against the current
//! version: what a rule carries over counts as an answer, the old answers
//! whose question is gone are retired as usual, and what no rule decides is
//! asked again.

use std::collections::BTreeMap;

use aiact_core::{AnswerValue, Questionnaire};
use jiff::Timestamp;

use super::format::{Assessment, Entry};
use crate::catalog;

/// Adds to `assessment` the answers the migration rules give for its saved
/// answers, when it was saved with a version they read. A carried-over
/// answer takes the note and time of the old answer it came from.
pub(crate) fn carry_over(assessment: &mut Assessment, questionnaire: &Questionnaire) {
    let saved = &assessment.questionnaire;
    if saved.version == questionnaire.version() {
        return;
    }
    let old: BTreeMap<String, AnswerValue> = assessment
        .answers
        .iter()
        .filter_map(|(id, entry)| Some((id.clone(), entry.value.clone()?)))
        .collect();
    for rules in catalog::migration_rules(&saved.id) {
        if !rules.applies_to(&saved.id, &saved.version)
            || rules.to_version != questionnaire.version()
        {
            continue;
        }
        for migrated in rules.migrate(questionnaire, &old) {
            let source = migrated
                .from
                .as_ref()
                .and_then(|from| assessment.answers.get(from))
                .cloned();
            let existing = assessment.answers.get(&migrated.question).cloned();
            let note = existing
                .as_ref()
                .and_then(|entry| entry.note.clone())
                .or_else(|| source.as_ref().and_then(|entry| entry.note.clone()));
            let updated = source
                .or(existing)
                .map_or_else(Timestamp::now, |entry| entry.updated);
            assessment.answers.insert(
                migrated.question,
                Entry {
                    value: Some(migrated.value),
                    note,
                    updated,
                },
            );
        }
    }
}
