//! The questionnaires that ship inside the binary, so that `aiact` works
//! from any directory. Each is the JSON file under `questionnaires/`,
//! compiled in: edit the file and rebuild to change the content.
//!
//! Opening one checks its structure only (ids, references, kinds, names,
//! order, cycles). That every question can be asked and every finding can
//! hold is proven once, by the tests below, rather than on every start.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use aiact_core::migration::MigrationRules;
use aiact_core::{Checks, LoadError, Questionnaire};
use thiserror::Error;

use crate::report::escape::path_line;
use crate::storage::format::{FileKind, JsonProblem, kind_of};
use crate::storage::input::{self, Links, ReadError};

/// (id, path in the repository, content)
const BUILT_IN: &[(&str, &str, &str)] = &[(
    "eu-ai-act",
    "questionnaires/eu-ai-act.json",
    include_str!("../questionnaires/eu-ai-act.json"),
)];

/// (questionnaire id, migration rules): how answers saved with older
/// versions are carried over to the current questions.
const MIGRATIONS: &[(&str, &str)] = &[("eu-ai-act", include_str!("../migrations/eu-ai-act.json"))];

/// The migration rules of a built-in questionnaire (a test proves that
/// they parse and fit both versions they join).
pub fn migration_rules(id: &str) -> Vec<MigrationRules> {
    MIGRATIONS
        .iter()
        .filter(|(known, _)| *known == id)
        .filter_map(|(_, text)| MigrationRules::parse(text).ok())
        .collect()
}

/// The questionnaire a new assessment uses unless told otherwise.
pub const DEFAULT_ID: &str = "eu-ai-act";

#[derive(Debug, Error)]
pub enum CatalogError {
    #[error("unknown questionnaire `{id}`; this program knows: {known}")]
    Unknown { id: String, known: String },
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Not a file that can be read (missing, a pipe, too large, ...).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// Another kind of aiact file.
    #[error("{origin}: not a questionnaire: {reason}")]
    NotAQuestionnaire { origin: String, reason: String },
    /// Not JSON, cut short, or JSON of the wrong shape.
    #[error("{origin}: not a valid questionnaire file: {problem}")]
    NotValid {
        origin: String,
        problem: JsonProblem,
    },
}

impl CatalogError {
    /// Every problem on its own line, each prefixed with where it was found.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Self::Load(error) => error.lines(),
            other => vec![other.to_string()],
        }
    }
}

/// Ids of the built-in questionnaires.
pub fn ids() -> impl Iterator<Item = &'static str> {
    BUILT_IN.iter().map(|(id, _, _)| *id)
}

/// Built-in questionnaires already parsed and validated in this process,
/// shared: a listing, a summary or a batch `evaluate` reads many
/// assessments of the same one.
static PARSED: Mutex<Vec<Arc<Questionnaire>>> = Mutex::new(Vec::new());

/// Loads a built-in questionnaire by id (parsed once per process).
pub fn built_in(id: &str) -> Result<Questionnaire, CatalogError> {
    shared(id).map(|questionnaire| (*questionnaire).clone())
}

/// A built-in questionnaire by id, parsed and validated once per process
/// and shared by every caller (threads included: the first one loads it
/// while the others wait).
pub fn shared(id: &str) -> Result<Arc<Questionnaire>, CatalogError> {
    let mut parsed = PARSED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(questionnaire) = parsed.iter().find(|q| q.id() == id) {
        return Ok(Arc::clone(questionnaire));
    }
    let (_, path, text) = BUILT_IN
        .iter()
        .find(|(known, _, _)| *known == id)
        .ok_or_else(|| CatalogError::Unknown {
            id: id.to_owned(),
            known: ids().collect::<Vec<_>>().join(", "),
        })?;
    let origin = format!("built-in {path}");
    let questionnaire = Questionnaire::from_json_with(text, &origin, Checks::Structure)?;
    let questionnaire = Arc::new(questionnaire);
    parsed.push(Arc::clone(&questionnaire));
    Ok(questionnaire)
}

/// The default questionnaire.
pub fn default_questionnaire() -> Result<Questionnaire, CatalogError> {
    built_in(DEFAULT_ID)
}

/// A questionnaire from a file, if given, else the built-in one with `id`.
pub fn resolve(id: &str, file: Option<&Path>) -> Result<Questionnaire, CatalogError> {
    match file {
        Some(path) => load_file(path),
        None => built_in(id),
    }
}

/// Reads and validates a questionnaire file through the one reader of
/// input files (no pipe, device or huge file), telling another kind of
/// aiact file by what it is.
pub fn load_file(path: &Path) -> Result<Questionnaire, CatalogError> {
    let origin = path_line(path);
    let bytes = input::read(path, Links::Follow)?;
    let not_one = |reason: &str| CatalogError::NotAQuestionnaire {
        origin: origin.clone(),
        reason: reason.to_owned(),
    };
    match kind_of(&bytes) {
        FileKind::Assessment => {
            return Err(not_one(
                "this is an aiact assessment; `aiact show` prints its report",
            ));
        }
        FileKind::Report => {
            return Err(not_one(
                "this is an exported report; open the assessment it was made from",
            ));
        }
        FileKind::Answers => {
            return Err(not_one(
                "this is an answers file; `aiact evaluate` gives its verdict",
            ));
        }
        FileKind::Questionnaire | FileKind::Unknown => {}
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| not_one("the file is not UTF-8 text"))?;
    Questionnaire::from_json(text, &origin).map_err(|error| match error {
        // serde's message names the program's types; say it in the
        // user's terms.
        LoadError::Parse { error, .. } => CatalogError::NotValid {
            origin: origin.clone(),
            problem: JsonProblem::of(&bytes, error),
        },
        other => CatalogError::Load(other),
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use aiact_core::model::{Condition, QuestionnaireDoc};

    use super::*;

    #[test]
    fn every_built_in_questionnaire_loads_and_validates() {
        for id in ids() {
            let questionnaire = built_in(id).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                questionnaire.id(),
                id,
                "the id in the file matches the catalog"
            );
        }
    }

    /// What the program no longer checks when it starts.
    #[test]
    fn every_built_in_questionnaire_passes_every_check_reachability_included() {
        for (_, path, text) in BUILT_IN {
            if let Err(error) = Questionnaire::from_json_with(text, path, Checks::Full) {
                panic!("{}", error.lines().join("\n"));
            }
        }
    }

    /// Each non-leaf condition (`all`, `any`, `not`, `possibly`) written 3 or
    /// more times, with its count: a guard that should have a name.
    fn copied_guards(doc: &QuestionnaireDoc) -> Vec<(String, usize)> {
        fn count(condition: &Condition, counts: &mut HashMap<String, usize>) {
            let children: Vec<&Condition> = match condition {
                Condition::All(children) | Condition::Any(children) => children.iter().collect(),
                Condition::Not(inner) | Condition::Possibly(inner) => vec![inner],
                _ => return,
            };
            let written = serde_json::to_string(condition).unwrap_or_default();
            *counts.entry(written).or_default() += 1;
            for child in children {
                count(child, counts);
            }
        }
        let mut counts = HashMap::new();
        let named = doc.conditions.iter().map(|named| &named.when);
        for condition in doc.item_conditions().chain(named) {
            count(condition, &mut counts);
        }
        let mut copied: Vec<(String, usize)> =
            counts.into_iter().filter(|(_, n)| *n >= 3).collect();
        copied.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        copied
    }

    /// Date rules with a condition that 3 or more obligations repeat: a
    /// timetable that should be a schedule.
    fn copied_timetables(doc: &QuestionnaireDoc) -> Vec<(String, usize)> {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for obligation in &doc.obligations {
            if obligation
                .applies_from
                .iter()
                .any(|rule| rule.when.is_some())
            {
                let written = serde_json::to_string(&obligation.applies_from).unwrap_or_default();
                *counts.entry(written).or_default() += 1;
            }
        }
        counts.into_iter().filter(|(_, n)| *n >= 3).collect()
    }

    #[test]
    fn no_built_in_questionnaire_copies_a_guard_or_a_timetable() {
        for (_, path, text) in BUILT_IN {
            let doc: QuestionnaireDoc =
                serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
            let guards = copied_guards(&doc);
            assert!(
                guards.is_empty(),
                "{path}: name these in `conditions` (condition, times written):\n{guards:#?}"
            );
            let timetables = copied_timetables(&doc);
            assert!(
                timetables.is_empty(),
                "{path}: make these a schedule (rules, times written):\n{timetables:#?}"
            );
        }
    }

    #[test]
    fn the_copies_would_be_found() {
        // The content as the program reads it has every name written out.
        let questionnaire = default_questionnaire().unwrap_or_else(|e| panic!("{e}"));
        let guards = copied_guards(questionnaire.doc());
        let not_excluded = r#"{"not":{"finding":"excluded"}}"#;
        assert!(
            guards
                .iter()
                .any(|(guard, n)| guard == not_excluded && *n >= 3),
            "{guards:?}"
        );
        assert!(!copied_timetables(questionnaire.doc()).is_empty());
    }

    #[test]
    fn an_unknown_id_names_the_known_ones() {
        let error = built_in("us-ai-bill").expect_err("unknown");
        assert_eq!(
            error.to_string(),
            "unknown questionnaire `us-ai-bill`; this program knows: eu-ai-act"
        );
    }
}
