//! Saving and re-opening assessments. No terminal code.
//!
//! - [`Store`]: the data directory (`--data-dir` > `AIACT_DATA_DIR` > the
//!   platform data directory, on Linux `~/.local/share/aiact`), with the
//!   assessments in `<data dir>/assessments/`: list, create, resolve a name,
//!   duplicate, rename, delete.
//! - [`Opened`]: one assessment open in this process. Every answer and note
//!   is saved at once ([`Opened::set_answer`], [`Opened::set_note`]),
//!   atomically: a crash leaves the old file or the new one, never a torn
//!   one. Opening for editing takes a lock; a second editor gets
//!   [`StorageError::Locked`] and may open read-only.
//! - Re-opening after the questionnaire changed keeps the answers that still
//!   fit, retires the others (listed in [`Migration`], kept in the file) and
//!   keeps the previous verdict for comparison.
//!
//! The file format is documented in `docs/assessment-format.md`.

mod atomic;
mod carry_over;
mod derived;
mod error;
pub mod format;
mod index;
pub mod input;
mod listing;
mod lock;
mod names;
mod opened;
mod questionnaires;
mod watch;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aiact_core::{Answers, Evaluation, Questionnaire};
use jiff::Timestamp;

pub use error::{LockPurpose, StorageError};

/// Writes a file other than an assessment (a report) the way assessments
/// are written: atomically, readable by its owner only, never through a
/// link nor over anything but a regular file. What a killed earlier write
/// of it left is removed first.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    atomic::remove_dead_temps(atomic::parent(path), Some(path));
    atomic::replace(path, bytes)
}
pub use format::{Assessment, Metadata, QuestionnaireRef, SavedProgress, TierRef};
#[doc(hidden)]
pub use index::as_json as index_as_json;
pub use index::{FILE_NAME as INDEX_FILE_NAME, SETTLE as INDEX_SETTLE};
pub use listing::{DirStamp, Listing, Snapshot, Summary};
pub use lock::LockState;
pub use names::stem_for;
pub(crate) use opened::reason as retired_reason;
pub use opened::{Applied, DroppedAnswer, Migration, Mode, Opened};
pub use questionnaires::{Identity, Questionnaires, content_hash};
pub use watch::DirWatch;

use input::Links;
use lock::Lock;

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "AIACT_DATA_DIR";

/// Where assessments live, and the questionnaires they are opened with.
#[derive(Debug, Clone)]
pub struct Store {
    data_dir: PathBuf,
    questionnaires: Questionnaires,
}

/// An assessment as read for a report ([`Store::read`]).
#[derive(Debug)]
pub struct Saved {
    pub path: PathBuf,
    /// The file's content, brought up to date with the questionnaire in
    /// use as opening does (its verdict is the one saved).
    pub assessment: Assessment,
    /// The questionnaire in use with the file's id.
    pub questionnaire: Arc<Questionnaire>,
    /// The saved answers that fit it.
    pub answers: Answers,
    /// Saved with that very questionnaire (same version and content): the
    /// saved verdict was worked out with it, and every answer fits.
    pub up_to_date: bool,
}

/// What a new assessment starts with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewAssessment {
    pub system_name: String,
    pub organisation: Option<String>,
    pub assessor: Option<String>,
}

impl Store {
    /// `--data-dir` if given, else `AIACT_DATA_DIR` if set, else the
    /// platform data directory (Linux: `~/.local/share/aiact`).
    pub fn locate(data_dir_flag: Option<&Path>) -> Result<Self, StorageError> {
        if let Some(dir) = data_dir_flag {
            return Ok(Self::at(dir));
        }
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|dir| !dir.is_empty()) {
            return Ok(Self::at(dir));
        }
        directories::ProjectDirs::from("", "", "aiact")
            .map(|dirs| Self::at(dirs.data_dir()))
            .ok_or(StorageError::NoDataDir)
    }

    pub fn at(data_dir: impl Into<PathBuf>) -> Self {
        Self {
            data_dir: data_dir.into(),
            questionnaires: Questionnaires::built_in(),
        }
    }

    /// Opens assessments with these questionnaires (by default the built-in
    /// ones).
    pub fn with_questionnaires(mut self, questionnaires: Questionnaires) -> Self {
        self.questionnaires = questionnaires;
        self
    }

    pub fn questionnaires(&self) -> &Questionnaires {
        &self.questionnaires
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn assessments_dir(&self) -> PathBuf {
        self.data_dir.join("assessments")
    }

    /// The assessments directory, refused if it is a symbolic link: aiact
    /// creates it, so a link there was planted, and would have assessments
    /// written wherever it points.
    fn own_assessments_dir(&self) -> Result<PathBuf, StorageError> {
        let dir = self.assessments_dir();
        match fs::symlink_metadata(&dir) {
            Ok(entry) if entry.file_type().is_symlink() => Err(StorageError::LinkedDirectory {
                target: fs::read_link(&dir).unwrap_or_default(),
                path: dir,
            }),
            _ => Ok(dir),
        }
    }

    /// Opens an assessment with this store's questionnaires.
    pub fn open(&self, path: &Path, mode: Mode) -> Result<Opened, StorageError> {
        Opened::open_with(path, mode, &self.questionnaires)
    }

    /// Reads an assessment for a report without opening it: no lock, no
    /// copy of the questionnaire (it is shared), nothing brought up to
    /// date. Refuses what opening refuses, with the same reasons.
    pub fn read(&self, path: &Path) -> Result<Saved, StorageError> {
        let bytes = input::read(path, Links::Refuse)?;
        let mut assessment = format::parse(path, &bytes)?;
        let id = assessment.questionnaire.id.clone();
        let in_use = |error| StorageError::questionnaire(path, error);
        let now = self.questionnaires.identity(&id).map_err(in_use)?;
        let questionnaire = self.questionnaires.shared(&id).map_err(in_use)?;
        // As opening brings it up to date, in memory only.
        let (answers, migration) =
            opened::bring_up_to_date(path, &mut assessment, &questionnaire, &now.content_hash)?;
        Ok(Saved {
            path: path.to_owned(),
            assessment,
            questionnaire,
            answers,
            up_to_date: migration.is_none(),
        })
    }

    /// A new assessment, named after the system (a safe, unique file name),
    /// written at once and open for editing.
    pub fn create(
        &self,
        new: NewAssessment,
        questionnaire: &Questionnaire,
    ) -> Result<Opened, StorageError> {
        let dir = self.own_assessments_dir()?;
        let system_name = checked_name(&dir, &new.system_name)?;
        // Two of the same name could not be told apart by `aiact open NAME`.
        self.check_name_free(&system_name, None)?;
        let now = Timestamp::now();
        let answers = Answers::new();
        let progress = Evaluation::new(questionnaire, &answers).progress();
        let assessment = Assessment {
            schema: None,
            format: format::format_tag(),
            id: new_id(),
            metadata: Metadata {
                system_name: system_name.clone(),
                organisation: optional_text(new.organisation),
                assessor: optional_text(new.assessor),
                created: now,
                updated: now,
            },
            questionnaire: QuestionnaireRef {
                id: questionnaire.id().to_owned(),
                version: questionnaire.version().to_owned(),
                content_hash: content_hash(questionnaire),
            },
            answers: BTreeMap::new(),
            retired_answers: Vec::new(),
            progress: SavedProgress {
                answered: progress.answered,
                on_path: progress.on_path,
            },
            history: Vec::new(),
            verdict: None,
        };
        let path = write_unique(&dir, &stem_for(&system_name), &assessment)?;
        let questionnaires = self.questionnaires.clone().with(questionnaire.clone());
        Opened::open_with(&path, Mode::Edit, &questionnaires)
    }

    /// An assessment by path to any file, or by file stem or system name in
    /// the assessments directory. A name that looks like a path (with a
    /// path separator, or ending in `.json`) is a path if that file exists,
    /// else a name like any other: system names may hold a `/`.
    pub fn resolve(&self, name_or_path: &str) -> Result<PathBuf, StorageError> {
        let dir = self.assessments_dir();
        let as_path = Path::new(name_or_path);
        let looks_like_path = looks_like_path(name_or_path);
        // Whatever is there (a pipe, a link) is opened and refused with its
        // reason, not reported missing.
        if looks_like_path && is_there(as_path) {
            return Ok(as_path.to_owned());
        }
        // Every file the name could mean: its file name as typed, or its
        // system name (any case). More than one is an error that lists them,
        // never a silent pick.
        let names = self.names();
        let readable =
            || (names.iter()).filter_map(|(path, name)| Some((path, name.as_ref().ok()?)));
        let wanted = name_or_path.trim().to_lowercase();
        let mut matching: Vec<PathBuf> = Vec::new();
        if !looks_like_path {
            let literal = dir.join(names::candidate(name_or_path, 1));
            if is_there(&literal) {
                matching.push(literal);
            }
        }
        for (path, system_name) in readable() {
            if system_name.trim().to_lowercase() == wanted && !matching.contains(path) {
                matching.push(path.clone());
            }
        }
        // Nothing exact: names that differ only in punctuation and spaces
        // ("credit scorer" for "Credit Scorer!"), and the file named after
        // it; never for a name without a letter or a digit, whose stem
        // would be the fallback that such names share.
        if matching.is_empty() && names::is_usable(name_or_path) {
            let stem = stem_for(name_or_path);
            let derived = dir.join(names::candidate(&stem, 1));
            if is_there(&derived) {
                matching.push(derived);
            }
            for (path, system_name) in readable() {
                if names::is_usable(system_name)
                    && stem_for(system_name) == stem
                    && !matching.contains(path)
                {
                    matching.push(path.clone());
                }
            }
        }
        match matching.as_slice() {
            [single] => Ok(single.clone()),
            [] if looks_like_path => Err(StorageError::NotFound {
                path: as_path.to_owned(),
                name: name_or_path.to_owned(),
                searched: Some(dir),
            }),
            [] => Err(StorageError::NotFound {
                path: dir,
                name: name_or_path.to_owned(),
                searched: None,
            }),
            several => Err(StorageError::Ambiguous {
                path: dir,
                name: name_or_path.to_owned(),
                candidates: several
                    .iter()
                    .map(|path| path.display().to_string())
                    .collect(),
            }),
        }
    }

    /// Refuses a system name that another assessment in the assessments
    /// directory already has (any case): two of the same name could not be
    /// told apart by name. Refuses it too while the file named after it
    /// cannot be read: a new `<name>-2.json` beside it would hide it.
    fn check_name_free(&self, name: &str, except: Option<&Path>) -> Result<(), StorageError> {
        let wanted = name.trim().to_lowercase();
        let own_file = self
            .assessments_dir()
            .join(names::candidate(&stem_for(name), 1));
        for (path, read) in self.names() {
            match read {
                Ok(system_name)
                    if system_name.trim().to_lowercase() == wanted
                        && except.is_none_or(|except| !same_file(except, &path)) =>
                {
                    // The name as the other assessment spells it: "CV
                    // Ranker", not the "cv ranker" just typed.
                    return Err(StorageError::NameTaken {
                        name: system_name,
                        other: path,
                    });
                }
                Err(reason) if path == own_file => {
                    return Err(StorageError::NameShadowed { path, reason });
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A copy under a new system name, in the assessments directory, with
    /// its own id: for "what if" variants. The original may be open
    /// elsewhere; its last saved state is copied.
    pub fn duplicate(&self, path: &Path, new_system_name: &str) -> Result<PathBuf, StorageError> {
        let dir = self.own_assessments_dir()?;
        let system_name = checked_name(&dir, new_system_name)?;
        self.check_name_free(&system_name, None)?;
        // What `show` refuses is not copied either.
        let mut assessment = opened::read_checked(path, &self.questionnaires)?;
        let now = Timestamp::now();
        assessment.id = new_id();
        assessment.metadata.system_name = system_name.clone();
        assessment.metadata.created = now;
        assessment.metadata.updated = now;
        write_unique(&dir, &stem_for(&system_name), &assessment)
    }

    /// Gives an assessment a new system name and the file name that goes
    /// with it, in the same directory. Refused while it is open elsewhere,
    /// and for a file `show` refuses.
    ///
    /// The new name is written into the file first, then the file moves:
    /// it gets its new file name as a second name of the same file (never
    /// over another file), then loses the old one. A crash between the two
    /// leaves one file under two names, which the next listing sees and
    /// finishes ([`Store::list`]).
    pub fn rename(&self, path: &Path, new_system_name: &str) -> Result<PathBuf, StorageError> {
        let dir = atomic::parent(path).to_owned();
        let system_name = checked_name(&dir, new_system_name)?;
        self.check_name_free(&system_name, Some(path))?;
        let _lock = Lock::acquire(path, LockPurpose::Renaming)?;
        let mut assessment = opened::read_checked(path, &self.questionnaires)?;
        assessment.metadata.system_name = system_name.clone();
        assessment.metadata.updated = Timestamp::now();
        opened::write(path, &assessment)?;
        let stem = stem_for(&system_name);
        if has_stem(path, &stem) {
            return Ok(path.to_owned());
        }
        let new_path = claim_unique(&dir, &stem, |new| atomic::add_name(path, new))?;
        match atomic::remove(path) {
            // A listing finished the move for us.
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(new_path),
            removed => removed
                .map(|()| new_path)
                .map_err(StorageError::io(path, "cannot remove the old file name")),
        }
    }

    /// Deletes an assessment file (callers confirm first). Refused while it
    /// is open elsewhere, and for a file outside the assessments directory
    /// that is not an assessment.
    pub fn delete(&self, path: &Path) -> Result<(), StorageError> {
        let _lock = Lock::acquire(path, LockPurpose::Deleting)?;
        if !self.is_in_assessments_dir(path) {
            let bytes = input::read(path, Links::Refuse)?;
            if !format::declares_assessment(&bytes) {
                return Err(StorageError::NotAnAssessment {
                    path: path.to_owned(),
                    reason: "refusing to delete a file outside the assessments directory that is not an aiact assessment".to_owned(),
                });
            }
        }
        atomic::remove(path).map_err(StorageError::io(path, "cannot delete the file"))
    }

    fn is_in_assessments_dir(&self, path: &Path) -> bool {
        let parent = fs::canonicalize(atomic::parent(path));
        let dir = fs::canonicalize(self.assessments_dir());
        matches!((parent, dir), (Ok(parent), Ok(dir)) if parent == dir)
    }
}

/// Random, so that duplicates and assessments from different machines
/// never share one.
fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The name, trimmed, if it can be a system name ([`names::is_usable`]).
fn checked_name(dir: &Path, name: &str) -> Result<String, StorageError> {
    let trimmed = name.trim();
    if !names::is_usable(trimmed) {
        return Err(StorageError::EmptyName {
            path: dir.to_owned(),
            name: name.to_owned(),
        });
    }
    Ok(trimmed.to_owned())
}

fn optional_text(text: Option<String>) -> Option<String> {
    text.map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

/// Writes a new file `<stem>.json`, or `<stem>-2.json`, ... if taken.
fn write_unique(dir: &Path, stem: &str, assessment: &Assessment) -> Result<PathBuf, StorageError> {
    let bytes = encode(dir, assessment)?;
    claim_unique(dir, stem, |path| atomic::create_new(path, &bytes))
}

fn encode(dir: &Path, assessment: &Assessment) -> Result<Vec<u8>, StorageError> {
    format::to_bytes(assessment).map_err(|source| StorageError::Io {
        path: dir.to_owned(),
        action: "cannot encode the assessment",
        error: source.into(),
    })
}

/// Puts a file at `<stem>.json`, or `<stem>-2.json`, ... with `put`, which
/// fails with [`io::ErrorKind::AlreadyExists`] when the name is taken.
fn claim_unique(
    dir: &Path,
    stem: &str,
    mut put: impl FnMut(&Path) -> io::Result<()>,
) -> Result<PathBuf, StorageError> {
    atomic::ensure_private_dir(dir)
        .map_err(StorageError::io(dir, "cannot create the directory"))?;
    let mut n = 1;
    loop {
        let path = dir.join(names::candidate(stem, n));
        match put(&path) {
            Ok(()) => return Ok(path),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => n += 1,
            Err(source) => return Err(StorageError::io(&path, "cannot create the file")(source)),
        }
    }
}

/// A path separator, or `.json` at the end: a path if that file exists.
fn looks_like_path(name: &str) -> bool {
    name.contains(['/', std::path::MAIN_SEPARATOR])
        || name.ends_with(&format!(".{}", names::EXTENSION))
}

/// Whether two paths name the same file (however they are written).
fn same_file(a: &Path, b: &Path) -> bool {
    a == b
        || match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
}

/// Whether the file is `<stem>.json` or `<stem>-<n>.json`.
fn has_stem(path: &Path, stem: &str) -> bool {
    let Some(file_stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return false;
    };
    file_stem == stem
        || file_stem
            .strip_prefix(stem)
            .and_then(|rest| rest.strip_prefix('-'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether there is anything under this name (a dangling link too).
fn is_there(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}
