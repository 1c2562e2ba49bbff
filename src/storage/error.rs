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
use crate::report::escape::terminal_line;

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

    #[error("{}: {action}: {error}", .path.display())]
    Io {
        path: PathBuf,
        /// What was being done, as a phrase: "cannot read the file".
        action: &'static str,
        error: io::Error,
    },

    #[error("{}: not an aiact assessment: the file is empty", .path.display())]
    Empty { path: PathBuf },

    #[error("{}: not an aiact assessment: not JSON ({error})", .path.display())]
    NotJson {
        path: PathBuf,
        error: serde_json::Error,
    },

    #[error(
        "{}: the file is truncated: it ends in the middle of the data ({error})",
        .path.display()
    )]
    Truncated {
        path: PathBuf,
        error: serde_json::Error,
    },

    #[error("{}: not an aiact assessment: {reason}", .path.display())]
    NotAnAssessment { path: PathBuf, reason: String },

    #[error(
        "{}: this is an exported report, not an assessment: open the assessment it was made from",
        .path.display()
    )]
    ExportedReport { path: PathBuf },

    #[error(
        "{}: saved by a newer aiact (assessment format {found}); this program reads format {FORMAT_VERSION}: update aiact to open it",
        .path.display()
    )]
    NewerFormat { path: PathBuf, found: u64 },

    #[error("{}: damaged assessment: {reason}", .path.display())]
    Invalid { path: PathBuf, reason: String },

    #[error(
        "{}: uses questionnaire `{id}`, which this program does not know (it knows: {known})",
        .path.display()
    )]
    UnknownQuestionnaire {
        path: PathBuf,
        id: String,
        known: String,
    },

    #[error("{}: cannot load its questionnaire: {error}", .path.display())]
    Questionnaire {
        path: PathBuf,
        error: crate::catalog::CatalogError,
    },

    #[error(
        "{}: {} saved answer(s) do not fit questionnaire `{questionnaire}` version {version}, the one they were saved with:{}",
        .path.display(), .errors.len(), AnswerList(.errors)
    )]
    AnswersDoNotFit {
        path: PathBuf,
        questionnaire: String,
        version: String,
        errors: Vec<AnswerError>,
    },

    #[error(
        "{}: open in another aiact ({}); open it read-only, or close the other one first",
        .path.display(), Holder(*.pid)
    )]
    Locked {
        path: PathBuf,
        /// The process holding it, when the lock file tells.
        pid: Option<u32>,
    },

    /// The assessments directory is a link.
    #[error(
        "{}: a symbolic link (to {}), not a directory: aiact keeps assessments in a directory of its own; pass --data-dir with the place it points to",
        .path.display(), .target.display()
    )]
    LinkedDirectory { path: PathBuf, target: PathBuf },

    /// `path` is the lock file.
    #[error(
        "{}: the lock file is {what}, not one aiact made: it was left as it is; remove it, then try again",
        .path.display()
    )]
    BadLockFile { path: PathBuf, what: &'static str },

    #[error("{}: opened read-only: nothing can be changed", .path.display())]
    ReadOnly { path: PathBuf },

    #[error("{}: {error}", .path.display())]
    Answer { path: PathBuf, error: AnswerError },

    /// No letter or digit in it (empty, spaces, "???", "🤖").
    #[error(
        "{}: a system name needs a letter or a digit, and `{}` has none",
        .path.display(), terminal_line(.name)
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
        "{}: several assessments are called `{name}`: {}; name one by its file",
        .path.display(), .candidates.join(", ")
    )]
    Ambiguous {
        path: PathBuf,
        name: String,
        candidates: Vec<String>,
    },

    /// `path` is the file the name would be saved in.
    #[error(
        "{}: a file of that name is there but cannot be read ({reason}); a new file beside it would hide it: delete or move it first, or choose another name",
        .path.display()
    )]
    NameShadowed { path: PathBuf, reason: String },

    #[error(
        "another assessment is already called `{name}` ({}); choose another name",
        .other.display()
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
                let prefix = format!("{}: ", path.display());
                match message.strip_prefix(&prefix) {
                    Some(reason) => reason.to_owned(),
                    None => message,
                }
            }
            None => message,
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
            write!(f, "\n  {error}")?;
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
        let path = self.path.display();
        match self.searched {
            None => write!(f, "{path}: no assessment called `{}` here", self.name),
            Some(dir) => write!(
                f,
                "{path}: the file does not exist, and no assessment in {} has that name",
                dir.display()
            ),
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
