//! The assessment file: its types, and reading it with a precise reason
//! for every way a file can be bad. Documented in
//! `docs/assessment-format.md`, with a JSON Schema in
//! `schemas/assessment.schema.json`.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::path::Path;

use aiact_core::verdict::TierInfo;
use aiact_core::{AnswerValue, Verdict};
use jiff::Timestamp;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::error::StorageError;
use crate::report::escape::terminal_line;

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
    #[serde(deserialize_with = "unique_keys")]
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
    // Text checked as UTF-8 in one pass reads faster than string by string.
    let read = match std::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str::<T>(text),
        Err(_) => serde_json::from_slice::<T>(bytes),
    };
    match read {
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

/// A file that does not read as an assessment: say whether it is another
/// kind of aiact file, empty, cut short, not JSON, from a newer program,
/// or damaged.
fn classify(path: &Path, bytes: &[u8], source: serde_json::Error) -> StorageError {
    let path = path.to_owned();
    let sniffed = Sniffed::from(bytes);
    match sniffed.kind() {
        FileKind::Report => return StorageError::ExportedReport { path },
        FileKind::Questionnaire => {
            return StorageError::NotAnAssessment {
                path,
                reason:
                    "this is a questionnaire file (check it with `aiact questionnaire validate`)"
                        .to_owned(),
            };
        }
        FileKind::Answers => {
            return StorageError::NotAnAssessment {
                path,
                reason: "no `format` field; it looks like an answers file for `aiact evaluate`"
                    .to_owned(),
            };
        }
        FileKind::Assessment | FileKind::Unknown => {}
    }
    match JsonProblem::of(bytes, source) {
        JsonProblem::Empty => StorageError::Empty { path },
        JsonProblem::Truncated(error) => StorageError::Truncated { path, error },
        JsonProblem::NotJson(error) => StorageError::NotJson { path, error },
        JsonProblem::NotAnObject => StorageError::NotAnAssessment {
            path,
            reason: "the file holds JSON, but not an object".to_owned(),
        },
        JsonProblem::Data(reason) => {
            // Valid JSON of the wrong shape: the format tag tells whose it is.
            let format = match sniffed.format {
                None => {
                    return StorageError::NotAnAssessment {
                        path,
                        reason: "no `format` field naming it as one".to_owned(),
                    };
                }
                Some(serde_json::Value::String(format)) => format,
                Some(other) => {
                    return StorageError::NotAnAssessment {
                        path,
                        reason: format!(
                            "its `format` is `{}`, not `{}`",
                            terminal_line(&other.to_string()),
                            format_tag()
                        ),
                    };
                }
            };
            match check_format(&path, Some(&format)) {
                Err(error) => error,
                Ok(()) => StorageError::Invalid { path, reason },
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
            reason: format!(
                "its format is `{}`, not `{}`",
                terminal_line(format),
                format_tag()
            ),
        }),
    }
}

/// Whether JSON text declares itself an assessment (of any format version),
/// as opposed to an answers file for `aiact evaluate`; also when the file
/// is cut short after its `format`.
pub fn declares_assessment(bytes: &[u8]) -> bool {
    kind_of(bytes) == FileKind::Assessment
}

/// Whether JSON text declares itself an exported report.
pub fn declares_report(bytes: &[u8]) -> bool {
    kind_of(bytes) == FileKind::Report
}

/// The kinds of file aiact reads, told apart by their content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `"format": "aiact-assessment/<n>"`
    Assessment,
    /// `"format": "aiact-report/<n>"` (`aiact export --format json`)
    Report,
    /// A numeric `format`, or `questions`: a questionnaire file.
    Questionnaire,
    /// `questionnaire` and `answers` and no `format`: for `aiact evaluate`.
    Answers,
    Unknown,
}

/// What a file is, from its first fields: read as far as the JSON goes,
/// so that a truncated file is still told by its kind.
pub fn kind_of(bytes: &[u8]) -> FileKind {
    Sniffed::from(bytes).kind()
}

/// The top-level fields that tell the kinds apart.
#[derive(Debug, Default)]
struct Sniffed {
    format: Option<serde_json::Value>,
    has_questions: bool,
    has_answers: bool,
    has_questionnaire: bool,
}

impl Sniffed {
    fn from(bytes: &[u8]) -> Self {
        let mut sniffed = Self::default();
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        // The fields seen before an error are what counts.
        let _ = de::Deserializer::deserialize_any(&mut deserializer, &mut sniffed);
        sniffed
    }

    fn kind(&self) -> FileKind {
        match &self.format {
            Some(serde_json::Value::String(format)) if format.starts_with(FORMAT_PREFIX) => {
                FileKind::Assessment
            }
            Some(serde_json::Value::String(format)) if format.starts_with(REPORT_FORMAT_PREFIX) => {
                FileKind::Report
            }
            Some(serde_json::Value::Number(_)) => FileKind::Questionnaire,
            Some(_) => FileKind::Unknown,
            None if self.has_questions => FileKind::Questionnaire,
            None if self.has_answers && self.has_questionnaire => FileKind::Answers,
            None => FileKind::Unknown,
        }
    }
}

impl<'de> Visitor<'de> for &mut Sniffed {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" if self.format.is_none() => self.format = Some(map.next_value()?),
                other => {
                    match other {
                        "questions" => self.has_questions = true,
                        "answers" => self.has_answers = true,
                        "questionnaire" => self.has_questionnaire = true,
                        _ => {}
                    }
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Why JSON text does not read as the expected shape, in the user's terms.
#[derive(Debug)]
pub enum JsonProblem {
    Empty,
    /// Cut short: it ends in the middle of the data.
    Truncated(serde_json::Error),
    NotJson(serde_json::Error),
    /// Valid JSON, but an array, a string, a number...
    NotAnObject,
    /// Valid JSON of the wrong shape: what is wrong, in plain words.
    Data(String),
}

impl JsonProblem {
    /// Classifies the error of reading `bytes` as some shape.
    pub fn of(bytes: &[u8], error: serde_json::Error) -> Self {
        use serde_json::error::Category;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Self::Empty;
        }
        match error.classify() {
            Category::Eof => return Self::Truncated(error),
            Category::Syntax | Category::Io => return Self::NotJson(error),
            Category::Data => {}
        }
        // Some shapes fail on the data before the JSON syntax: check the
        // syntax on its own first.
        match serde_json::from_slice::<IgnoredAny>(bytes) {
            Err(syntax) if syntax.classify() == Category::Eof => Self::Truncated(syntax),
            Err(syntax) => Self::NotJson(syntax),
            Ok(_) if first_byte(bytes) != Some(b'{') => Self::NotAnObject,
            Ok(_) => Self::Data(plain_json_error(&error)),
        }
    }
}

impl fmt::Display for JsonProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the file is empty"),
            Self::Truncated(error) => write!(
                f,
                "the file is truncated: it ends in the middle of the data ({error})"
            ),
            Self::NotJson(error) => write!(f, "not JSON ({error})"),
            Self::NotAnObject => f.write_str("the file holds JSON, but not an object"),
            Self::Data(reason) => f.write_str(reason),
        }
    }
}

fn first_byte(bytes: &[u8]) -> Option<u8> {
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    text.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// A JSON reading error without the program's own type names: "expected
/// struct TierInfo" becomes "expected an object", a list given for an
/// object says so instead of counting "elements".
pub fn plain_json_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let at = |text: &str| match error.line() {
        0 => text.to_owned(),
        line => format!("{text} at line {line} column {}", error.column()),
    };
    if message.starts_with("invalid length") && message.contains("expected struct ") {
        return at("a list where an object was expected");
    }
    if message.starts_with("data did not match any variant of untagged enum") {
        return at("a value of none of the accepted kinds");
    }
    let mut plain = message;
    for (program, user) in [
        ("invalid type: map", "invalid type: an object"),
        ("invalid type: sequence", "invalid type: a list"),
        ("expected a map", "expected an object"),
        ("expected a sequence", "expected a list"),
    ] {
        plain = plain.replace(program, user);
    }
    for (kind, user) in [
        ("struct ", "an object"),
        ("tuple struct ", "a list"),
        ("internally tagged enum ", "one of the accepted forms"),
        ("adjacently tagged enum ", "one of the accepted forms"),
        ("enum ", "one of the accepted values"),
    ] {
        plain = without_type_names(
            &plain,
            &format!("expected {kind}"),
            &format!("expected {user}"),
        );
    }
    plain
}

/// Replaces `marker` and the type name after it (with a following
/// " with 3 elements") by `user`.
fn without_type_names(text: &str, marker: &str, user: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = rest.find(marker) {
        out.push_str(&rest[..found]);
        out.push_str(user);
        let after = &rest[found + marker.len()..];
        let name_end = after
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | ':' | '<' | '>')))
            .unwrap_or(after.len());
        rest = &after[name_end..];
        if let Some(count) = rest.strip_prefix(" with ") {
            let digits = count
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(count.len());
            let unit = &count[digits..];
            if digits > 0 {
                for word in [" elements", " element"] {
                    if let Some(after_unit) = unit.strip_prefix(word) {
                        rest = after_unit;
                        break;
                    }
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// A map of answers by question id that refuses a key given twice (serde
/// would keep the last one silently).
pub fn unique_keys<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct UniqueKeys<V>(PhantomData<V>);

    impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueKeys<V> {
        type Value = BTreeMap<String, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object of answers by question id")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut values = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if values.contains_key(&key) {
                    return Err(de::Error::custom(format!(
                        "`answers` has `{}` twice; keep one",
                        terminal_line(&key)
                    )));
                }
                let value = map.next_value()?;
                values.insert(key, value);
            }
            Ok(values)
        }
    }

    deserializer.deserialize_map(UniqueKeys(PhantomData))
}

/// The file's text: pretty, so that people can read and compare files.
pub fn to_bytes(assessment: &Assessment) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(assessment)?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of<T: serde::de::DeserializeOwned + fmt::Debug>(json: &str) -> String {
        let error = serde_json::from_str::<T>(json).expect_err("a bad shape");
        plain_json_error(&error)
    }

    #[test]
    fn reading_errors_never_name_the_programs_types() {
        assert_eq!(
            error_of::<Metadata>("[]"),
            "a list where an object was expected at line 1 column 2"
        );
        assert_eq!(
            error_of::<Metadata>("5"),
            "invalid type: integer `5`, expected an object at line 1 column 1"
        );
        assert_eq!(
            error_of::<Vec<u8>>("{}"),
            "invalid type: an object, expected a list at line 1 column 0"
        );
        #[derive(Debug, Deserialize)]
        #[serde(untagged)]
        #[expect(dead_code, reason = "only the error is looked at")]
        enum TextOrNumber {
            Text(String),
            Number(f64),
        }
        assert_eq!(
            error_of::<TextOrNumber>("true"),
            "a value of none of the accepted kinds"
        );
        assert_eq!(
            without_type_names(
                "x, expected struct QuestionnaireDoc with 14 elements at line 1",
                "expected struct ",
                "expected an object"
            ),
            "x, expected an object at line 1"
        );
    }

    #[test]
    fn duplicate_answers_are_refused() {
        #[derive(Debug, Deserialize)]
        struct Answers {
            #[serde(deserialize_with = "unique_keys")]
            #[expect(dead_code, reason = "only the error is looked at")]
            answers: BTreeMap<String, String>,
        }
        let error = serde_json::from_str::<Answers>(r#"{"answers": {"a": "x", "a": "y"}}"#)
            .expect_err("twice");
        assert_eq!(
            error.to_string(),
            "`answers` has `a` twice; keep one at line 1 column 26"
        );
    }

    #[test]
    fn files_are_told_apart_even_when_cut_short() {
        let cases = [
            (
                r#"{"format": "aiact-assessment/1", "id": "#,
                FileKind::Assessment,
            ),
            (r#"{"format": "aiact-report/1"}"#, FileKind::Report),
            (r#"{"format": 1, "id": "eu"#, FileKind::Questionnaire),
            (r#"{"id": "x", "questions": []}"#, FileKind::Questionnaire),
            (
                r#"{"questionnaire": "eu-ai-act", "answers": {"a": "#,
                FileKind::Answers,
            ),
            (r#"{"format": "other/1"}"#, FileKind::Unknown),
            ("[1, 2]", FileKind::Unknown),
            ("", FileKind::Unknown),
        ];
        for (text, kind) in cases {
            assert_eq!(kind_of(text.as_bytes()), kind, "{text}");
        }
    }
}
