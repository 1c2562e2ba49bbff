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
mod error;
pub mod format;
pub mod input;
mod lock;
mod names;
mod opened;
mod questionnaires;

use std::collections::hash_map::Entry as Entry_;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use aiact_core::verdict::{Status, tier_is_decided};
use aiact_core::{Answers, Evaluation, Questionnaire};
use jiff::Timestamp;
use serde::Deserialize;
use serde::de::IgnoredAny;

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
pub use lock::LockState;
pub use names::stem_for;
pub(crate) use opened::reason as retired_reason;
pub use opened::{Applied, DroppedAnswer, Migration, Mode, Opened};
pub use questionnaires::{Questionnaires, content_hash};

use aiact_core::AnswerValue;
use format::HasFormat;
use input::Links;
use lock::Lock;

/// Listing uses up to this many threads, each for at least this many files.
const MAX_LIST_THREADS: usize = 4;
const FILES_PER_THREAD: usize = 64;

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "AIACT_DATA_DIR";

/// Where assessments live, and the questionnaires they are opened with.
#[derive(Debug, Clone)]
pub struct Store {
    data_dir: PathBuf,
    questionnaires: Questionnaires,
}

/// What a new assessment starts with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewAssessment {
    pub system_name: String,
    pub organisation: Option<String>,
    pub assessor: Option<String>,
}

/// One entry of the list of assessments.
#[derive(Debug, Clone, PartialEq)]
#[expect(
    clippy::large_enum_variant,
    reason = "nearly every entry is readable: boxing would only add an allocation each"
)]
pub enum Listing {
    Readable(Summary),
    /// Shown, never hidden: the user must see that the file is there.
    Unreadable {
        path: PathBuf,
        /// Why, without the path (shown beside it).
        reason: String,
    },
}

impl Listing {
    pub fn path(&self) -> &Path {
        match self {
            Self::Readable(summary) => &summary.path,
            Self::Unreadable { path, .. } => path,
        }
    }
}

/// An assessment as the list shows it, read from its file as last saved
/// (nothing is re-evaluated).
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub path: PathBuf,
    pub id: String,
    pub system_name: String,
    pub organisation: Option<String>,
    pub assessor: Option<String>,
    /// The headline tier of the saved verdict; `None` before any answer,
    /// and while unfinished with nothing deciding the tier yet.
    pub tier: Option<TierRef>,
    /// The tier rests on answers the user was not sure of.
    pub tier_provisional: bool,
    pub progress: SavedProgress,
    /// Every question on the path answered, at the last save.
    pub complete: bool,
    pub updated: Timestamp,
    pub questionnaire: QuestionnaireRef,
    /// The questionnaire changed since the last save: opening it will
    /// bring it up to date.
    pub questionnaire_changed: bool,
    /// Whether another process has it open for editing.
    pub lock: LockState,
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

    /// Every `*.json` file in the assessments directory, most recently
    /// changed first. Files that cannot be read are listed with the reason.
    /// An assessments directory that does not exist yet lists as empty.
    pub fn list(&self) -> Vec<Listing> {
        let dir = match self.own_assessments_dir() {
            Ok(dir) => dir,
            Err(error) => {
                return vec![Listing::Unreadable {
                    reason: error.reason(),
                    path: self.assessments_dir(),
                }];
            }
        };
        // What killed writers left: every command that names an assessment
        // lists first, and so tidies up.
        atomic::remove_dead_temps(&dir, None);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Vec::new(),
            Err(source) => {
                return vec![Listing::Unreadable {
                    reason: StorageError::io(&dir, "cannot list the directory")(source).reason(),
                    path: dir,
                }];
            }
        };
        let mut names_by_file: HashMap<FileId, Vec<PathBuf>> = HashMap::new();
        let files: Vec<(SystemTime, PathBuf)> = entries
            .flatten()
            .filter(|entry| is_assessment_name(&entry.path()))
            .map(|entry| {
                let metadata = entry.metadata();
                if let Some(id) = metadata.as_ref().ok().and_then(file_id) {
                    names_by_file.entry(id).or_default().push(entry.path());
                }
                let modified = metadata
                    .and_then(|metadata| metadata.modified())
                    .unwrap_or(SystemTime::UNIX_EPOCH);
                (modified, entry.path())
            })
            .collect();
        // Reading and parsing a thousand files is CPU work: share it out.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, MAX_LIST_THREADS)
            .min(files.len().div_ceil(FILES_PER_THREAD))
            .max(1);
        let chunk = files.len().div_ceil(threads).max(1);
        let mut listed: Vec<(SystemTime, Listing)> = std::thread::scope(|scope| {
            let workers: Vec<_> = files
                .chunks(chunk)
                .map(|part| scope.spawn(move || self.list_part(part)))
                .collect();
            workers
                .into_iter()
                .flat_map(|worker| {
                    worker
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        names_by_file.retain(|_, names| names.len() > 1);
        for names in names_by_file.into_values() {
            finish_move(&mut listed, &names);
        }
        listed.sort_by(|(a_time, a), (b_time, b)| {
            b_time.cmp(a_time).then_with(|| a.path().cmp(b.path()))
        });
        listed.into_iter().map(|(_, listing)| listing).collect()
    }

    fn list_part(&self, files: &[(SystemTime, PathBuf)]) -> Vec<(SystemTime, Listing)> {
        let mut questionnaires = QuestionnaireCache::default();
        files
            .iter()
            .map(|(modified, path)| {
                let listing = match summarise(path, &self.questionnaires, &mut questionnaires) {
                    Ok(summary) => Listing::Readable(summary),
                    Err(error) => Listing::Unreadable {
                        reason: error.reason(),
                        path: path.clone(),
                    },
                };
                (*modified, listing)
            })
            .collect()
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
        let listings = self.list();
        let wanted = name_or_path.trim().to_lowercase();
        let mut matching: Vec<PathBuf> = Vec::new();
        if !looks_like_path {
            let literal = dir.join(names::candidate(name_or_path, 1));
            if is_there(&literal) {
                matching.push(literal);
            }
        }
        for listing in &listings {
            if let Listing::Readable(summary) = listing
                && summary.system_name.trim().to_lowercase() == wanted
                && !matching.contains(&summary.path)
            {
                matching.push(summary.path.clone());
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
            for listing in &listings {
                if let Listing::Readable(summary) = listing
                    && names::is_usable(&summary.system_name)
                    && stem_for(&summary.system_name) == stem
                    && !matching.contains(&summary.path)
                {
                    matching.push(summary.path.clone());
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
        for listing in self.list() {
            match listing {
                Listing::Readable(summary)
                    if summary.system_name.trim().to_lowercase() == wanted
                        && except.is_none_or(|except| !same_file(except, &summary.path)) =>
                {
                    // The name as the other assessment spells it: "CV
                    // Ranker", not the "cv ranker" just typed.
                    return Err(StorageError::NameTaken {
                        name: summary.system_name,
                        other: summary.path,
                    });
                }
                Listing::Unreadable { path, reason } if path == own_file => {
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

/// Identifies a file whatever its names: device and inode on unix.
type FileId = (u64, u64);

#[cfg(unix)]
fn file_id(metadata: &fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((metadata.dev(), metadata.ino()))
}

/// Without inode numbers a half-done move is not recognised: it is listed
/// twice, and `delete` removes the extra name.
#[cfg(not(unix))]
fn file_id(_metadata: &fs::Metadata) -> Option<FileId> {
    None
}

/// One assessment file under several names in the directory: a rename
/// killed between giving the file its new name and removing the old one
/// (see [`Store::rename`]). The names that do not go with its system name
/// are dropped from the listing and, unless someone holds them (a rename
/// still under way), removed: the file stays under its new name.
fn finish_move(listed: &mut Vec<(SystemTime, Listing)>, names: &[PathBuf]) {
    let system_name = listed.iter().find_map(|(_, listing)| match listing {
        Listing::Readable(summary) if names.contains(&summary.path) => {
            Some(summary.system_name.clone())
        }
        _ => None,
    });
    let Some(system_name) = system_name else {
        return;
    };
    let stem = stem_for(&system_name);
    let (new, old): (Vec<&PathBuf>, Vec<&PathBuf>) =
        names.iter().partition(|path| has_stem(path, &stem));
    let Some(new) = new.first() else {
        return;
    };
    for old in old {
        let id = |path: &Path| fs::symlink_metadata(path).ok().as_ref().and_then(file_id);
        if let Ok(_lock) = Lock::acquire(old, LockPurpose::Renaming)
            && id(old).is_some()
            && id(old) == id(new)
        {
            let _ = atomic::remove(old);
        }
        listed.retain(|(_, listing)| listing.path() != old.as_path());
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

/// `*.json`, not hidden: whatever it is (a pipe, a directory, a link), it
/// is listed, so that it is never hidden nor shadowed by a new file.
fn is_assessment_name(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or(".");
    !name.starts_with('.') && path.extension().and_then(|e| e.to_str()) == Some(names::EXTENSION)
}

/// Whether there is anything under this name (a dangling link too).
fn is_there(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// The part of a file the list needs: the format, metadata, questionnaire,
/// progress, the verdict's tier, and the answer values (to check they fit,
/// as opening does). The rest is skipped, not built, and checked only on
/// opening: listing a thousand files stays fast.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListedAssessment {
    #[serde(rename = "$schema", default)]
    _schema: Option<IgnoredAny>,
    format: String,
    id: String,
    metadata: Metadata,
    questionnaire: QuestionnaireRef,
    #[serde(deserialize_with = "format::unique_keys")]
    answers: BTreeMap<String, ListedEntry>,
    #[serde(default, rename = "retired_answers")]
    _retired_answers: Option<IgnoredAny>,
    progress: SavedProgress,
    #[serde(default, rename = "history")]
    _history: Option<IgnoredAny>,
    verdict: Option<ListedVerdict>,
}

impl HasFormat for ListedAssessment {
    fn format(&self) -> &str {
        &self.format
    }
}

#[derive(Deserialize)]
struct ListedEntry {
    #[serde(default)]
    value: Option<ListedValue>,
}

/// An answer value read straight from the JSON token, without the trial
/// and error of `AnswerValue`'s untagged reading (ten times faster on a
/// full file of answers), with the same result.
struct ListedValue(AnswerValue);

impl<'de> Deserialize<'de> for ListedValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ListedValueVisitor).map(Self)
    }
}

struct ListedValueVisitor;

impl<'de> serde::de::Visitor<'de> for ListedValueVisitor {
    type Value = AnswerValue;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an answer value")
    }

    fn visit_str<E>(self, text: &str) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Text(text.to_owned()))
    }

    fn visit_f64<E>(self, number: f64) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Number(number))
    }

    fn visit_i64<E>(self, number: i64) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Number(number as f64))
    }

    fn visit_u64<E>(self, number: u64) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Number(number as f64))
    }

    fn visit_bool<E>(self, value: bool) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Other(serde_json::Value::Bool(value)))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<AnswerValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<serde_json::Value>()? {
            items.push(item);
        }
        let texts: Option<Vec<String>> = items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect();
        Ok(match texts {
            Some(texts) => AnswerValue::List(texts),
            None => AnswerValue::Other(serde_json::Value::Array(items)),
        })
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<AnswerValue, A::Error> {
        let value =
            serde_json::Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(AnswerValue::Other(value))
    }
}

#[derive(Deserialize)]
struct ListedVerdict {
    tier: ListedTier,
    #[serde(default)]
    tier_status: Option<Status>,
    complete: bool,
    #[serde(default)]
    findings: Vec<ListedFinding>,
}

/// Enough of a finding to tell whether it decides the tier.
#[derive(Deserialize)]
struct ListedFinding {
    #[serde(default)]
    tier: Option<String>,
    status: Status,
}

impl ListedVerdict {
    /// Unfinished with no finding that holds setting the tier, the saved
    /// tier is only the default: a placeholder, not a result (see
    /// `Verdict::decided_tier`).
    fn decided(&self) -> bool {
        let findings = self
            .findings
            .iter()
            .map(|finding| (finding.status, finding.tier.as_deref()));
        tier_is_decided(self.complete, &self.tier.id, findings)
    }
}

#[derive(Deserialize)]
struct ListedTier {
    id: String,
    label: String,
}

/// Each questionnaire is loaded and hashed once per listing.
#[derive(Default)]
struct QuestionnaireCache(HashMap<String, (Questionnaire, String)>);

fn summarise(
    path: &Path,
    questionnaires: &Questionnaires,
    cache: &mut QuestionnaireCache,
) -> Result<Summary, StorageError> {
    let bytes = input::read(path, Links::Refuse)?;
    let listed: ListedAssessment = format::parse_as(path, &bytes)?;
    let (questionnaire, hash) = match cache.0.entry(listed.questionnaire.id.clone()) {
        Entry_::Occupied(known) => known.into_mut(),
        Entry_::Vacant(slot) => {
            let questionnaire = opened::find_questionnaire(path, slot.key(), questionnaires)?;
            let hash = content_hash(&questionnaire);
            slot.insert((questionnaire, hash))
        }
    };
    let questionnaire_changed = listed.questionnaire.version != questionnaire.version()
        || listed.questionnaire.content_hash != *hash;
    if !questionnaire_changed {
        let errors = opened::misfits(
            questionnaire,
            listed
                .answers
                .iter()
                .map(|(id, entry)| (id.as_str(), entry.value.as_ref().map(|value| &value.0))),
        );
        if !errors.is_empty() {
            return Err(StorageError::AnswersDoNotFit {
                path: path.to_owned(),
                questionnaire: listed.questionnaire.id,
                version: listed.questionnaire.version,
                errors,
            });
        }
    }
    let (tier, tier_provisional, complete) = match listed.verdict {
        Some(verdict) => (
            verdict.decided().then(|| TierRef {
                id: verdict.tier.id.clone(),
                label: verdict.tier.label.clone(),
            }),
            verdict.tier_status == Some(Status::Provisional),
            verdict.complete,
        ),
        None => (None, false, false),
    };
    Ok(Summary {
        path: path.to_owned(),
        id: listed.id,
        system_name: listed.metadata.system_name,
        organisation: listed.metadata.organisation,
        assessor: listed.metadata.assessor,
        tier,
        tier_provisional,
        progress: listed.progress,
        complete,
        updated: listed.metadata.updated,
        questionnaire: listed.questionnaire,
        questionnaire_changed,
        lock: Lock::probe(path),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_answer_reading_agrees_with_the_untagged_one() {
        let cases = [
            r#""yes""#,
            r#""""#,
            "12",
            "-3",
            "1.5e300",
            r#"["a", "b"]"#,
            "[]",
            r#"["a", 1]"#,
            "true",
            r#"{"x": [1, null]}"#,
        ];
        for case in cases {
            let slow: AnswerValue = serde_json::from_str(case).expect("untagged");
            let ListedValue(fast) = serde_json::from_str(case).expect("fast");
            assert_eq!(fast, slow, "{case}");
        }
    }
}
