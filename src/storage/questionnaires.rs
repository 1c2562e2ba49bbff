//! Which questionnaires assessments can be opened with, and the content
//! hash that tells whether a questionnaire changed under saved answers.

use std::fmt::Write;

use aiact_core::Questionnaire;
use sha2::{Digest, Sha256};

use crate::catalog::{self, CatalogError};

/// The built-in questionnaires, plus any given ones (a `--questionnaire`
/// file, test fixtures), which take precedence by id.
#[derive(Debug, Clone, Default)]
pub struct Questionnaires {
    extra: Vec<Questionnaire>,
}

impl Questionnaires {
    pub fn built_in() -> Self {
        Self::default()
    }

    /// Adds a questionnaire, replacing a built-in one with the same id.
    pub fn with(mut self, questionnaire: Questionnaire) -> Self {
        self.extra.retain(|known| known.id() != questionnaire.id());
        self.extra.push(questionnaire);
        self
    }

    pub fn get(&self, id: &str) -> Result<Questionnaire, CatalogError> {
        match self.extra.iter().find(|known| known.id() == id) {
            Some(questionnaire) => Ok(questionnaire.clone()),
            None => catalog::built_in(id).map_err(|error| match error {
                CatalogError::Unknown { id, .. } => CatalogError::Unknown {
                    id,
                    known: self.known(),
                },
                other => other,
            }),
        }
    }

    fn known(&self) -> String {
        let mut ids: Vec<&str> = catalog::ids().collect();
        ids.extend(self.extra.iter().map(Questionnaire::id));
        ids.sort_unstable();
        ids.dedup();
        ids.join(", ")
    }
}

/// `sha256:<hex>` of the questionnaire's content as parsed, so that
/// reformatting the file does not count as a change but any edit of its
/// content does (the `$schema` hint for editors is left out).
pub fn content_hash(questionnaire: &Questionnaire) -> String {
    let mut doc = questionnaire.doc().clone();
    doc.schema = None;
    let mut hasher = Sha256::new();
    // Serialising the parsed model cannot fail: it has string keys only.
    if let Ok(bytes) = serde_json::to_vec(&doc) {
        hasher.update(&bytes);
    }
    let mut hash = String::from("sha256:");
    for byte in hasher.finalize() {
        let _ = write!(hash, "{byte:02x}");
    }
    hash
}
