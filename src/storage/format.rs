//! The assessment file: its types, and reading it with a precise reason
//! for every way a file can be bad. Documented in
//! `docs/assessment-format.md`, with a JSON Schema in
//! `schemas/assessment.schema.json`.

use std::collections::BTreeMap;
use std::path::Path;

use aiact_core::verdict::TierInfo;
use aiact_core::{AnswerValue, Verdict};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::error::StorageError;

/// The assessment format this program writes and reads. Any change to the
/// shape of the file, even an added field, bumps it: files are read with
/// unknown fields refused, so that re-saving never drops what a newer
/// program wrote.
pub const FORMAT_VERSION: u64 = 1;
pub const FORMAT_PREFIX: &str = "aiact-assessment/";
/// The format of a report exported as JSON (`docs/report-format.md`): a
/// file people may take for an assessment.
pub const REPORT_FORMAT_PREFIX: &str = "aiact-report/";

/// `aiact-assessment/1`
pub fn format_tag() -> String {
    format!("{FORMAT_PREFIX}{FORMAT_VERSION}")
}

/// One saved assessment: the whole content of its file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// For editors: the JSON Schema of this file. Ignored by the program.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// `aiact-assessment/<n>`.
    pub format: String,
    /// Stays the same across renames; a duplicate gets a new one.
    pub id: String,
    pub metadata: Metadata,
    /// The questionnaire the answers were last saved against.
    pub questionnaire: QuestionnaireRef,
    /// Answers and notes by question id.
    pub answers: BTreeMap<String, Entry>,
    /// Answers set aside when the questionnaire changed under them: their
    /// question was removed, or the answer no longer fits it.
    #[serde(default)]
    pub retired_answers: Vec<RetiredAnswer>,
    /// Progress at the last save, for the list of assessments.
    pub progress: SavedProgress,
    /// Every change of the headline tier, oldest first.
    #[serde(default)]
    pub history: Vec<VerdictChange>,
    /// The verdict as computed at the last save; `null` before the first
    /// answer.
    pub verdict: Option<Verdict>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    pub system_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessor: Option<String>,
    pub created: Timestamp,
    pub updated: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: String,
    /// `sha256:<hex>` of the questionnaire's content: detects a
    /// questionnaire edited without a version bump.
    pub content_hash: String,
}

/// An answer, a note, or both, to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<AnswerValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When the answer or the note last changed.
    pub updated: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetiredAnswer {
    pub question: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<AnswerValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When it was last changed, before it was retired.
    pub updated: Timestamp,
    /// Why it no longer counts, in words.
    pub reason: String,
    /// The questionnaire version it was given under.
    pub questionnaire_version: String,
    pub retired: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedProgress {
    /// Questions on the path that have an answer.
    pub answered: usize,
    /// Questions on the path, as far as the answers so far tell.
    pub on_path: usize,
}

/// The headline tier went from one tier to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerdictChange {
    pub at: Timestamp,
    /// `null` for the first verdict.
    pub from: Option<TierRef>,
    pub to: TierRef,
    /// Whether the verdict was complete (every question on the path
    /// answered) after the change.
    pub complete: bool,
    pub questionnaire_version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierRef {
    pub id: String,
    pub label: String,
}

impl From<&TierInfo> for TierRef {
    fn from(tier: &TierInfo) -> Self {
        Self {
            id: tier.id.clone(),
            label: tier.label.clone(),
        }
    }
}

/// Reads an assessment file's content, naming the problem precisely.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Assessment, StorageError> {
    parse_as(path, bytes)
}

/// Reads any shape that has the assessment's `format` field, with the same
/// classification of problems as [`parse`].
pub fn parse_as<T: serde::de::DeserializeOwned + HasFormat>(
    path: &Path,
    bytes: &[u8],
) -> Result<T, StorageError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(StorageError::Empty {
            path: path.to_owned(),
        });
    }
    match serde_json::from_slice::<T>(bytes) {
        Ok(doc) => {
            check_format(path, Some(doc.format()))?;
            Ok(doc)
        }
        Err(source) => Err(classify(path, bytes, source)),
    }
}

/// The types read from an assessment file all carry its format tag.
pub trait HasFormat {
    fn format(&self) -> &str;
}

impl HasFormat for Assessment {
    fn format(&self) -> &str {
        &self.format
    }
}

/// A file that does not read as an assessment: say whether it is not JSON,
/// cut short, from a newer program, something else, or damaged.
fn classify(path: &Path, bytes: &[u8], source: serde_json::Error) -> StorageError {
    use serde_json::error::Category;
    let path = path.to_owned();
    match source.classify() {
        Category::Eof => StorageError::Truncated {
            path,
            error: source,
        },
        Category::Syntax | Category::Io => StorageError::NotJson {
            path,
            error: source,
        },
        Category::Data => {
            // Valid JSON of the wrong shape: the format tag tells whose it is.
            // Some shapes fail on the data before the JSON syntax: check
            // the syntax on its own first.
            let value: serde_json::Value = match serde_json::from_slice(bytes) {
                Ok(value) => value,
                Err(source) if source.classify() == Category::Eof => {
                    return StorageError::Truncated {
                        path,
                        error: source,
                    };
                }
                Err(source) => {
                    return StorageError::NotJson {
                        path,
                        error: source,
                    };
                }
            };
            let format = value.get("format");
            let Some(serde_json::Value::String(format)) = format else {
                let reason =
                    if value.get("answers").is_some() && value.get("questionnaire").is_some() {
                        "no `format` field; it looks like an answers file for `aiact evaluate`"
                            .to_owned()
                    } else if value.is_object() {
                        "no `format` field naming it as one".to_owned()
                    } else {
                        "the file holds JSON, but not an object".to_owned()
                    };
                return StorageError::NotAnAssessment { path, reason };
            };
            if let Err(error) = check_format(&path, Some(format)) {
                return error;
            }
            StorageError::Invalid {
                path,
                reason: source.to_string(),
            }
        }
    }
}

fn check_format(path: &Path, format: Option<&str>) -> Result<(), StorageError> {
    let format = format.unwrap_or_default();
    let version = format
        .strip_prefix(FORMAT_PREFIX)
        .and_then(|number| number.parse::<u64>().ok());
    if format.starts_with(REPORT_FORMAT_PREFIX) {
        return Err(StorageError::ExportedReport {
            path: path.to_owned(),
        });
    }
    match version {
        Some(FORMAT_VERSION) => Ok(()),
        Some(found) if found > FORMAT_VERSION => Err(StorageError::NewerFormat {
            path: path.to_owned(),
            found,
        }),
        _ => Err(StorageError::NotAnAssessment {
            path: path.to_owned(),
            reason: format!("its format is `{format}`, not `{}`", format_tag()),
        }),
    }
}

/// Whether JSON text declares itself an assessment (of any format version),
/// as opposed to an answers file for `aiact evaluate`.
pub fn declares_assessment(bytes: &[u8]) -> bool {
    declared_format(bytes).is_some_and(|format| format.starts_with(FORMAT_PREFIX))
}

/// Whether JSON text declares itself an exported report.
pub fn declares_report(bytes: &[u8]) -> bool {
    declared_format(bytes).is_some_and(|format| format.starts_with(REPORT_FORMAT_PREFIX))
}

/// The `format` field of a JSON object, if it has a text one.
fn declared_format(bytes: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct FormatOnly {
        format: Option<serde_json::Value>,
    }
    match serde_json::from_slice::<FormatOnly>(bytes) {
        Ok(FormatOnly {
            format: Some(serde_json::Value::String(format)),
        }) => Some(format),
        _ => None,
    }
}

/// The file's text: pretty, so that people can read and compare files.
pub fn to_bytes(assessment: &Assessment) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(assessment)?;
    bytes.push(b'\n');
    Ok(bytes)
}
