//! Which questionnaires assessments can be opened with, and the content
//! hash that tells whether a questionnaire changed under saved answers.
//!
//! Each questionnaire is loaded and hashed once per process and shared
//! ([`Arc`]): listing and summarising read a thousand assessments of the
//! same one, on several threads.

use std::fmt::Write;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use aiact_core::Questionnaire;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::catalog::{self, CatalogError};

/// The built-in questionnaires, plus any given ones (a `--questionnaire`
/// file, test fixtures), which take precedence by id.
#[derive(Debug, Clone, Default)]
pub struct Questionnaires {
    extra: Vec<Arc<Given>>,
}

/// A given questionnaire, with its content hash once worked out.
#[derive(Debug)]
struct Given {
    questionnaire: Arc<Questionnaire>,
    hash: OnceLock<String>,
}

/// What an assessment records of the questionnaire it was saved with, and
/// what tells whether that is the one in use now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    pub id: String,
    pub version: String,
    /// [`content_hash`]
    pub content_hash: String,
}

/// Content hashes of the built-in questionnaires, by id: their content is
/// compiled in, so one hash per id holds for the whole process.
static BUILT_IN_HASHES: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

impl Questionnaires {
    pub fn built_in() -> Self {
        Self::default()
    }

    /// Adds a questionnaire, replacing a built-in one with the same id.
    pub fn with(self, questionnaire: Questionnaire) -> Self {
        self.with_shared(Arc::new(questionnaire))
    }

    /// Adds a shared questionnaire, replacing a built-in one with the same id.
    pub fn with_shared(mut self, questionnaire: Arc<Questionnaire>) -> Self {
        self.extra
            .retain(|known| known.questionnaire.id() != questionnaire.id());
        self.extra.push(Arc::new(Given {
            questionnaire,
            hash: OnceLock::new(),
        }));
        self
    }

    /// A copy of the questionnaire with this id.
    pub fn get(&self, id: &str) -> Result<Questionnaire, CatalogError> {
        self.shared(id)
            .map(|questionnaire| (*questionnaire).clone())
    }

    /// The questionnaire with this id, shared: loaded once per process.
    pub fn shared(&self, id: &str) -> Result<Arc<Questionnaire>, CatalogError> {
        match self.given(id) {
            Some(given) => Ok(Arc::clone(&given.questionnaire)),
            None => catalog::shared(id).map_err(|error| self.unknown(error)),
        }
    }

    /// The id, version and content hash of the questionnaire with this id,
    /// each hashed once per process.
    pub fn identity(&self, id: &str) -> Result<Identity, CatalogError> {
        let questionnaire = self.shared(id)?;
        let content_hash = match self.given(id) {
            Some(given) => given
                .hash
                .get_or_init(|| content_hash(&given.questionnaire))
                .clone(),
            None => {
                let mut hashes = BUILT_IN_HASHES
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                match hashes.iter().find(|(known, _)| known == id) {
                    Some((_, hash)) => hash.clone(),
                    None => {
                        let hash = content_hash(&questionnaire);
                        hashes.push((id.to_owned(), hash.clone()));
                        hash
                    }
                }
            }
        };
        Ok(Identity {
            id: id.to_owned(),
            version: questionnaire.version().to_owned(),
            content_hash,
        })
    }

    /// Whether the questionnaire with this id is a built-in one (not
    /// replaced by a given one): its content then comes with the program.
    pub fn is_built_in(&self, id: &str) -> bool {
        self.given(id).is_none() && catalog::ids().any(|known| known == id)
    }

    /// Whether any questionnaire was given (a `--questionnaire` file):
    /// without one, every assessment that opens is of a built-in one.
    pub fn any_given(&self) -> bool {
        !self.extra.is_empty()
    }

    /// Whether there is a questionnaire with this id, without loading it.
    pub fn knows(&self, id: &str) -> bool {
        self.given(id).is_some() || catalog::ids().any(|known| known == id)
    }

    fn given(&self, id: &str) -> Option<&Given> {
        self.extra
            .iter()
            .find(|known| known.questionnaire.id() == id)
            .map(Arc::as_ref)
    }

    /// An unknown id names every known one, given ones included.
    fn unknown(&self, error: CatalogError) -> CatalogError {
        match error {
            CatalogError::Unknown { id, .. } => CatalogError::Unknown {
                id,
                known: self.known(),
            },
            other => other,
        }
    }

    fn known(&self) -> String {
        let mut ids: Vec<&str> = catalog::ids().collect();
        ids.extend(self.extra.iter().map(|given| given.questionnaire.id()));
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
