//! Everything that can go wrong while saving, opening or managing
//! assessments. Every variant names the file (or directory) concerned.
//!
//! An underlying error (I/O, JSON) is part of the message and is not also
//! exposed as [`std::error::Error::source`]: the command line prints the
//! whole chain (`{:#}`), and would otherwise say it twice. Hence the field
//! name `error`, which thiserror does not take for a source.

use std::fmt;
use std::io;
use std::path::PathBuf;

use aiact_core::AnswerError;
use thiserror::Error;

use super::format::FORMAT_VERSION;
use crate::report::escape::{path_line, terminal_line};

#[derive(Debug, Error)]
pub enum StorageError {
    /// The one error without a path: there is none to name.
    #[error(
        "no data directory could be determined (no home directory?); pass --data-dir or set AIACT_DATA_DIR"
    )]
    NoDataDir,

    /// The file could not be read as a file: missing, not a regular file,
    /// a link, too large.
    #[error(transparent)]
    Read(#[from] super::input::ReadError),

    #[error("{}: {action}: {error}", path_line(.path))]
    Io {
        path: PathBuf,
        /// What was being done, as a phrase: "cannot read the file".
        action: &'static str,
        error: io::Error,
    },

    #[error("{}: not an aiact assessment: the file is empty", path_line(.path))]
    Empty { path: PathBuf },

    #[error("{}: not an aiact assessment: not JSON ({error})", path_line(.path))]
    NotJson {
        path: PathBuf,
        error: serde_json::Error,
    },

    #[error(
        "{}: the file is truncated: it ends in the middle of the data ({error})",
        path_line(.path)
    )]
    Truncated {
        path: PathBuf,
        error: serde_json::Error,
    },

    #[error("{}: not an aiact assessment: {}", path_line(.path), terminal_line(.reason))]
    NotAnAssessment { path: PathBuf, reason: String },

    #[error(
        "{}: this is an exported report, not an assessment: open the assessment it was made from",
        path_line(.path)
    )]
    ExportedReport { path: PathBuf },

    #[error(
        "{}: saved by a newer aiact (assessment format {found}); this program reads format {FORMAT_VERSION}: update aiact to open it",
        path_line(.path)
    )]
    NewerFormat { path: PathBuf, found: u64 },

    #[error("{}: damaged assessment: {}", path_line(.path), terminal_line(.reason))]
    Invalid { path: PathBuf, reason: String },

    #[error(
        "{}: uses questionnaire `{}`, which this program does not know (it knows: {known})",
        path_line(.path), terminal_line(.id)
    )]
    UnknownQuestionnaire {
        path: PathBuf,
        id: String,
        known: String,
    },

    #[error("{}: cannot load its questionnaire: {error}", path_line(.path))]
    Questionnaire {
        path: PathBuf,
        error: crate::catalog::CatalogError,
    },

    #[error(
        "{}: {} saved answer(s) do not fit questionnaire `{}` version {}, the one they were saved with:{}",
        path_line(.path), .errors.len(), terminal_line(.questionnaire), terminal_line(.version), AnswerList(.errors)
    )]
    AnswersDoNotFit {
        path: PathBuf,
        questionnaire: String,
        version: String,
        errors: Vec<AnswerError>,
    },

    #[error(
        "{}: open in another aiact ({}): {}",
        path_line(.path), Holder(*.pid), .purpose.advice()
    )]
    Locked {
        path: PathBuf,
        /// The process holding it, when the lock file tells.
        pid: Option<u32>,
        /// What the lock was wanted for: the advice depends on it.
        purpose: LockPurpose,
    },

    /// The assessments directory is a link.
    #[error(
        "{}: a symbolic link (to {}), not a directory: aiact keeps assessments in a directory of its own; pass --data-dir with the place it points to",
        path_line(.path), path_line(.target)
    )]
    LinkedDirectory { path: PathBuf, target: PathBuf },

    /// `path` is the lock file.
    #[error(
        "{}: the lock file is {what}, not one aiact made: it was left as it is; remove it, then try again",
        path_line(.path)
    )]
    BadLockFile { path: PathBuf, what: &'static str },

    #[error("{}: opened read-only: nothing can be changed", path_line(.path))]
    ReadOnly { path: PathBuf },

    #[error("{}: {}", path_line(.path), terminal_line(&.error.to_string()))]
    Answer { path: PathBuf, error: AnswerError },

    /// No letter or digit in it (empty, spaces, "???", "🤖").
    #[error(
        "{}: a system name needs a letter or a digit, and `{}` has none",
        path_line(.path), terminal_line(.name)
    )]
    EmptyName { path: PathBuf, name: String },

    /// Nothing by that name: `path` is the assessments directory; or, for
    /// a name that looks like a path, the file that does not exist, with
    /// the directory also searched for the name in `searched`.
    #[error("{}", NotFoundText { path, name, searched: searched.as_deref() })]
    NotFound {
        path: PathBuf,
        name: String,
        searched: Option<PathBuf>,
    },

    #[error(
        "{}: several assessments are called `{}`: {}; name one by its file",
        path_line(.path), terminal_line(.name), terminal_line(&.candidates.join(", "))
    )]
    Ambiguous {
        path: PathBuf,
        name: String,
        candidates: Vec<String>,
    },

    /// `path` is the file the name would be saved in.
    #[error(
        "{}: a file of that name is there but cannot be read ({}); a new file beside it would hide it: delete or move it first, or choose another name",
        path_line(.path), terminal_line(.reason)
    )]
    NameShadowed { path: PathBuf, reason: String },

    #[error(
        "another assessment is already called `{}` ({}); choose another name",
        terminal_line(.name), path_line(.other)
    )]
    NameTaken { name: String, other: PathBuf },
}

impl StorageError {
    /// The file or directory the error is about, if any.
    pub fn path(&self) -> Option<&std::path::Path> {
        match self {
            Self::NoDataDir => None,
            Self::Read(error) => Some(error.path()),
            Self::NameTaken { other, .. } => Some(other),
            Self::Io { path, .. }
            | Self::Empty { path }
            | Self::NotJson { path, .. }
            | Self::Truncated { path, .. }
            | Self::NotAnAssessment { path, .. }
            | Self::ExportedReport { path }
            | Self::NewerFormat { path, .. }
            | Self::Invalid { path, .. }
            | Self::UnknownQuestionnaire { path, .. }
            | Self::Questionnaire { path, .. }
            | Self::AnswersDoNotFit { path, .. }
            | Self::Locked { path, .. }
            | Self::LinkedDirectory { path, .. }
            | Self::NameShadowed { path, .. }
            | Self::BadLockFile { path, .. }
            | Self::ReadOnly { path }
            | Self::Answer { path, .. }
            | Self::EmptyName { path, .. }
            | Self::NotFound { path, .. }
            | Self::Ambiguous { path, .. } => Some(path),
        }
    }

    /// The message without the leading path, for where the path is shown
    /// already (a row of the list of assessments).
    pub fn reason(&self) -> String {
        let message = self.to_string();
        match self.path() {
            Some(path) => {
                let prefix = format!("{}: ", path_line(path));
                match message.strip_prefix(&prefix) {
                    Some(reason) => reason.to_owned(),
                    None => message,
                }
            }
            None => message,
        }
    }

    /// The questionnaire an assessment names cannot be had: unknown to
    /// this program, or failing to load.
    pub(crate) fn questionnaire(
        path: &std::path::Path,
        error: crate::catalog::CatalogError,
    ) -> Self {
        match error {
            crate::catalog::CatalogError::Unknown { id, known } => Self::UnknownQuestionnaire {
                path: path.to_owned(),
                id,
                known,
            },
            error => Self::Questionnaire {
                path: path.to_owned(),
                error,
            },
        }
    }

    pub(crate) fn io(
        path: impl Into<PathBuf>,
        action: &'static str,
    ) -> impl FnOnce(io::Error) -> Self {
        let path = path.into();
        move |error| Self::Io {
            path,
            action,
            error,
        }
    }
}

struct AnswerList<'a>(&'a [AnswerError]);

impl fmt::Display for AnswerList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for error in self.0 {
            write!(f, "\n  {}", terminal_line(&error.to_string()))?;
        }
        Ok(())
    }
}

struct NotFoundText<'a> {
    path: &'a std::path::Path,
    name: &'a str,
    searched: Option<&'a std::path::Path>,
}

impl fmt::Display for NotFoundText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = path_line(self.path);
        match self.searched {
            None => write!(
                f,
                "{path}: no assessment called `{}` here",
                terminal_line(self.name)
            ),
            Some(dir) => write!(
                f,
                "{path}: the file does not exist, and no assessment in {} has that name",
                path_line(dir)
            ),
        }
    }
}

/// What an assessment is locked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockPurpose {
    Editing,
    Renaming,
    Deleting,
}

impl LockPurpose {
    /// What to do about it; only editing has a read-only alternative.
    fn advice(self) -> &'static str {
        match self {
            Self::Editing => "close it there first; `aiact show` prints it meanwhile",
            Self::Renaming => "close it there before renaming it",
            Self::Deleting => "close it there before deleting it",
        }
    }
}

struct Holder(Option<u32>);

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(pid) => write!(f, "process {pid}"),
            None => write!(f, "another process"),
        }
    }
}
