//! The questionnaires that ship inside the binary, so that `aiact` works
//! from any directory. Each is the JSON file under `questionnaires/`,
//! compiled in: edit the file and rebuild to change the content.

use std::path::Path;
use std::sync::Mutex;

use aiact_core::{LoadError, Questionnaire};
use thiserror::Error;

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
}

/// Ids of the built-in questionnaires.
pub fn ids() -> impl Iterator<Item = &'static str> {
    BUILT_IN.iter().map(|(id, _, _)| *id)
}

/// Built-in questionnaires already parsed and validated in this process:
/// a batch `evaluate` or a listing opens many assessments of the same one.
static PARSED: Mutex<Vec<Questionnaire>> = Mutex::new(Vec::new());

/// Loads a built-in questionnaire by id (parsed once per process).
pub fn built_in(id: &str) -> Result<Questionnaire, CatalogError> {
    if let Ok(parsed) = PARSED.lock()
        && let Some(questionnaire) = parsed.iter().find(|q| q.id() == id)
    {
        return Ok(questionnaire.clone());
    }
    let (_, path, text) = BUILT_IN
        .iter()
        .find(|(known, _, _)| *known == id)
        .ok_or_else(|| CatalogError::Unknown {
            id: id.to_owned(),
            known: ids().collect::<Vec<_>>().join(", "),
        })?;
    let questionnaire = Questionnaire::from_json(text, &format!("built-in {path}"))?;
    if let Ok(mut parsed) = PARSED.lock() {
        parsed.push(questionnaire.clone());
    }
    Ok(questionnaire)
}

/// The default questionnaire.
pub fn default_questionnaire() -> Result<Questionnaire, CatalogError> {
    built_in(DEFAULT_ID)
}

/// A questionnaire from a file, if given, else the built-in one with `id`.
pub fn resolve(id: &str, file: Option<&Path>) -> Result<Questionnaire, CatalogError> {
    match file {
        Some(path) => Ok(Questionnaire::load(path)?),
        None => built_in(id),
    }
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
