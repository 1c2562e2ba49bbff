//! The questionnaires that ship inside the binary, so that `aiact` works
//! from any directory. Each is the JSON file under `questionnaires/`,
//! compiled in: edit the file and rebuild to change the content.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use aiact_core::{LoadError, Questionnaire};
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
    let questionnaire = Questionnaire::from_json(text, &format!("built-in {path}"))?;
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

    #[test]
    fn an_unknown_id_names_the_known_ones() {
        let error = built_in("us-ai-bill").expect_err("unknown");
        assert_eq!(
            error.to_string(),
            "unknown questionnaire `us-ai-bill`; this program knows: eu-ai-act"
        );
    }
}
