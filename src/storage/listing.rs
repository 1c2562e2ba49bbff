//! Listing the assessments directory: what the list shows of each file,
//! read through the index ([`super::index`]) so that only files changed
//! since the last listing are read, and a cheap check of whether anything
//! changed since ([`Store::changed_since`]), for a screen that keeps the
//! list up to date.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use aiact_core::verdict::{Status, tier_is_decided};
use aiact_core::{AnswerValue, Questionnaire};
use jiff::Timestamp;
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};

use super::error::{LockPurpose, StorageError};
use super::format::{self, HasFormat, Metadata, QuestionnaireRef, SavedProgress, TierRef};
use super::index::{self, Current, Index, Place, Stamp};
use super::input::{self, Links};
use super::lock::{Lock, LockState};
use super::questionnaires::Identity;
use super::{Store, atomic, has_stem, names, opened, stem_for};
use crate::catalog::CatalogError;
use crate::parallel;

/// Listing uses up to this many threads, each for at least this many files.
const MAX_LIST_THREADS: usize = 4;
const FILES_PER_THREAD: usize = 64;

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
    /// The saved verdict's headline once complete, as the verdict and the
    /// summary word it ("High-risk — duties on hold"); `None` before, and
    /// in files saved without one.
    pub headline: Option<String>,
    /// The headline rests on answers the user was not sure of: the tier,
    /// or what qualifies it (duties on hold).
    pub headline_provisional: bool,
    pub progress: SavedProgress,
    /// Every question on the path answered, at the last save.
    pub complete: bool,
    pub updated: Timestamp,
    /// Shared by every entry saved with the same questionnaire.
    pub questionnaire: Arc<QuestionnaireRef>,
    /// The questionnaire changed since the last save: opening it will
    /// bring it up to date.
    pub questionnaire_changed: bool,
    /// Whether another process has it open for editing.
    pub lock: LockState,
    /// The file's stamp when it was listed (before it was read), for what
    /// reports keep of it ([`Store::derived`]); `None` for anything but a
    /// regular file.
    pub(super) stamp: Option<Stamp>,
}

/// What the list shows of a readable assessment, as read from its file:
/// what the index keeps. What depends on the moment (whether the
/// questionnaire changed since, whether it is open elsewhere) is worked
/// out on every listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listed {
    id: String,
    system_name: String,
    organisation: Option<String>,
    assessor: Option<String>,
    tier: Option<TierRef>,
    tier_provisional: bool,
    headline: Option<String>,
    headline_provisional: bool,
    progress: SavedProgress,
    complete: bool,
    /// As numbers: a thousand of them parsed from text took a tenth of
    /// the time to read the index.
    #[serde(with = "seconds_and_nanoseconds")]
    updated: Timestamp,
    /// Kept once per questionnaire in the index ([`index`]).
    #[serde(skip, default = "no_questionnaire")]
    pub(super) questionnaire: Arc<QuestionnaireRef>,
    /// Its answers were checked, and fit, the questionnaire it names: it
    /// was the one in use when the file was read. Unchecked, an entry is
    /// used only while that questionnaire is not the one in use.
    answers_fit: bool,
}

/// A time in the index: seconds and nanoseconds since 1970.
mod seconds_and_nanoseconds {
    use jiff::Timestamp;
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(time: &Timestamp, to: S) -> Result<S::Ok, S::Error> {
        (time.as_second(), time.subsec_nanosecond()).serialize(to)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Timestamp, D::Error> {
        let (seconds, nanoseconds) = <(i64, i32)>::deserialize(from)?;
        Timestamp::new(seconds, nanoseconds).map_err(D::Error::custom)
    }
}

/// What a reading of the directory takes of each file: all the list shows
/// ([`Listed`]), or what looking a name up needs ([`Named`]).
trait View: Send {
    /// Only a reading of all the list shows writes the index.
    const KEEPS: bool;

    /// From a file read whole.
    fn read(listed: Listed) -> Self;

    /// From the index, with the questionnaire the file was saved with.
    fn found(self, saved_with: &Arc<QuestionnaireRef>) -> Self;

    /// Its system name, and whether its answers were checked against the
    /// questionnaire it was saved with ([`Listed`]'s `answers_fit`).
    fn name_and_check(&self) -> (&str, bool);

    /// What the index keeps of it.
    fn kept(&self) -> Option<&Listed>;
}

impl View for Listed {
    const KEEPS: bool = true;

    fn read(listed: Listed) -> Self {
        listed
    }

    fn found(mut self, saved_with: &Arc<QuestionnaireRef>) -> Self {
        self.questionnaire = Arc::clone(saved_with);
        self
    }

    fn name_and_check(&self) -> (&str, bool) {
        (&self.system_name, self.answers_fit)
    }

    fn kept(&self) -> Option<&Listed> {
        Some(self)
    }
}

/// What looking a name up needs of a readable assessment.
struct Named {
    system_name: String,
    answers_fit: bool,
}

impl View for Named {
    const KEEPS: bool = false;

    fn read(listed: Listed) -> Self {
        Self {
            system_name: listed.system_name,
            answers_fit: listed.answers_fit,
        }
    }

    fn found(self, _: &Arc<QuestionnaireRef>) -> Self {
        self
    }

    fn name_and_check(&self) -> (&str, bool) {
        (&self.system_name, self.answers_fit)
    }

    fn kept(&self) -> Option<&Listed> {
        None
    }
}

impl Listed {
    fn summary(
        self,
        path: PathBuf,
        stamp: Option<Stamp>,
        questionnaire_changed: bool,
        lock: LockState,
    ) -> Summary {
        Summary {
            stamp,
            questionnaire_changed,
            path,
            id: self.id,
            system_name: self.system_name,
            organisation: self.organisation,
            assessor: self.assessor,
            tier: self.tier,
            tier_provisional: self.tier_provisional,
            headline: self.headline,
            headline_provisional: self.headline_provisional,
            progress: self.progress,
            complete: self.complete,
            updated: self.updated,
            questionnaire: self.questionnaire,
            lock,
        }
    }
}

/// Whether a file saved with `saved` is up to date with the questionnaire
/// in use, `now`; if it is, its answers must fit that questionnaire, as
/// opening checks (one that does not means a damaged file: an error).
pub(super) fn check_answers<'a>(
    path: &Path,
    saved: &QuestionnaireRef,
    now: &Identity,
    questionnaire: impl FnOnce() -> Result<Arc<Questionnaire>, CatalogError>,
    answers: impl IntoIterator<Item = (&'a str, Option<&'a AnswerValue>)>,
) -> Result<bool, StorageError> {
    if !is_current(saved, now) {
        return Ok(false);
    }
    let questionnaire =
        questionnaire().map_err(|error| StorageError::questionnaire(path, error))?;
    let errors = opened::misfits(&questionnaire, answers);
    if errors.is_empty() {
        return Ok(true);
    }
    Err(StorageError::AnswersDoNotFit {
        path: path.to_owned(),
        questionnaire: saved.id.clone(),
        version: saved.version.clone(),
        errors,
    })
}

/// What an entry names before the index fills it in: one placeholder for
/// all, not an allocation for each of a thousand entries.
fn no_questionnaire() -> Arc<QuestionnaireRef> {
    static NONE: LazyLock<Arc<QuestionnaireRef>> = LazyLock::new(|| {
        Arc::new(QuestionnaireRef {
            id: String::new(),
            version: String::new(),
            content_hash: String::new(),
        })
    });
    Arc::clone(&NONE)
}

/// Whether a file saved with `saved` is up to date with the questionnaire
/// in use.
fn is_current(saved: &QuestionnaireRef, now: &Identity) -> bool {
    saved.version == now.version && saved.content_hash == now.content_hash
}

/// The state of the assessments directory as a listing sees it: every
/// assessment file's name and stamp, and which are open for editing.
/// Another stamp means the list may have changed; the same stamp, that it
/// has not (see [`Store::changed_since`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirStamp(u64);

/// A listing, with the state of the directory it was read from.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Taken before the files were read: a change while they were read
    /// shows as a change since.
    pub stamp: DirStamp,
    pub listings: Vec<Listing>,
}

impl Snapshot {
    /// Whether an assessment shown open elsewhere no longer is (or is
    /// held by another process): an editor that died leaves its lock
    /// file behind, which changes nothing in the directory (nor its
    /// stamp), so a screen that keeps the list asks this on a slow tick.
    /// Only those rows are probed.
    pub fn locks_changed(listings: &[Listing]) -> bool {
        listings.iter().any(|listing| match listing {
            Listing::Readable(summary) if summary.lock != LockState::Free => {
                Lock::probe(&summary.path) != summary.lock
            }
            _ => false,
        })
    }
}

/// What a look at the directory found.
struct Scan {
    files: Vec<Found>,
    /// Lock files (`.<file name>.lock`) there.
    locks: HashSet<String>,
}

/// An assessment file (by its name) in the directory.
#[derive(Clone, Default)]
struct Found {
    name: String,
    path: PathBuf,
    /// A look at the entry itself (a link is not followed); `None` if it
    /// vanished.
    look: Option<Look>,
}

/// What a look at a directory entry tells: what it is, and (whatever it
/// is) its stamp.
#[derive(Clone, Copy)]
struct Look {
    file_type: fs::FileType,
    stamp: Stamp,
}

impl Look {
    fn of(metadata: &fs::Metadata) -> Self {
        Self {
            file_type: metadata.file_type(),
            stamp: Stamp::of(metadata),
        }
    }
}

impl Found {
    /// Its stamp, if it is a regular file (anything else is never indexed).
    fn stamp(&self) -> Option<Stamp> {
        self.look
            .filter(|look| look.file_type.is_file())
            .map(|look| look.stamp)
    }

    /// Device and inode: the file whatever its names.
    fn id(&self) -> Option<(u64, u64)> {
        self.look.and_then(|look| look.stamp.file_id())
    }

    /// Where it comes in the list; one that vanished comes last.
    fn place(&self) -> Place<'_> {
        match &self.look {
            Some(look) => look.stamp.place(&self.name),
            None => Place::last(&self.name),
        }
    }
}

/// One file while listing.
struct Row<T> {
    name: String,
    path: PathBuf,
    /// Its stamp before it was read, if it is a regular file.
    stamp: Option<Stamp>,
    /// What is taken of it, and whether the questionnaire changed since;
    /// or why it cannot be read.
    read: Result<(T, bool), String>,
}

impl<T: View> Row<T> {
    fn new(found: Found, stamp: Option<Stamp>, read: Result<(T, bool), String>) -> Self {
        Self {
            name: found.name,
            path: found.path,
            stamp,
            read,
        }
    }

    /// What the index keeps of it.
    fn entry(&self) -> Option<(&str, Stamp, &Listed)> {
        match (&self.read, self.stamp) {
            (Ok((view, _)), Some(stamp)) => Some((&self.name, stamp, view.kept()?)),
            _ => None,
        }
    }
}

impl Row<Listed> {
    fn into_listing(self, locks: &HashSet<String>) -> Listing {
        match self.read {
            Ok((listed, changed)) => {
                let lock = lock_state(locks, &self.path);
                Listing::Readable(listed.summary(self.path, self.stamp, changed, lock))
            }
            Err(reason) => Listing::Unreadable {
                path: self.path,
                reason,
            },
        }
    }
}

impl Store {
    /// Every `*.json` file in the assessments directory, most recently
    /// changed first. Files that cannot be read are listed with the reason.
    /// An assessments directory that does not exist yet lists as empty.
    pub fn list(&self) -> Vec<Listing> {
        self.snapshot().listings
    }

    /// [`Store::list`], with the state of the directory it was read from:
    /// for a screen that shows the list and reads it again only when
    /// [`Store::changed_since`] says so. Only files changed since the last
    /// listing are read (through the index); the rest costs a look at the
    /// directory and one small file.
    pub fn snapshot(&self) -> Snapshot {
        match self.read_dir::<Listed>() {
            Ok(reading) => Snapshot {
                stamp: reading.stamp,
                listings: (reading.rows.into_iter())
                    .map(|row| row.into_listing(&reading.locks))
                    .collect(),
            },
            Err(None) => Snapshot {
                stamp: DirStamp(0),
                listings: Vec::new(),
            },
            Err(Some((path, reason))) => Snapshot {
                stamp: DirStamp(1),
                listings: vec![Listing::Unreadable { path, reason }],
            },
        }
    }

    /// Every assessment file with its system name, or why it cannot be
    /// read, in the list's order: what looking a name up needs, for a
    /// fraction of what listing costs (names only from the index, no lock
    /// looked at). It tidies and finishes moves as listing does.
    pub(super) fn names(&self) -> Vec<(PathBuf, Result<String, String>)> {
        let reading = match self.read_dir::<Named>() {
            // The index needs bringing up to date, which only a listing
            // does (its entries are what a listing shows): list instead.
            Ok(reading) if reading.stale => {
                return match self.read_dir::<Listed>() {
                    Ok(reading) => names_of(reading),
                    Err(unread) => names_of_unread(unread),
                };
            }
            Ok(reading) => reading,
            Err(unread) => return names_of_unread(unread),
        };
        names_of(reading)
    }

    /// Reads the assessments directory through the index: every file, most
    /// recently changed first. `Err(None)` when there is no directory yet,
    /// `Err(Some(..))` when it cannot be read, with the reason.
    fn read_dir<T: View>(&self) -> Result<Reading<T>, Option<(PathBuf, String)>> {
        let dir = self
            .own_assessments_dir()
            .map_err(|error| Some((self.assessments_dir(), error.reason())))?;
        // The index is read while the directory is looked at: each takes
        // about as long at a thousand assessments.
        let (scan, mut index) = std::thread::scope(|threads| {
            let loading =
                std::thread::Builder::new().spawn_scoped(threads, || Index::load(&dir, T::read));
            let scan = scan(&dir, Tidy::Yes);
            let index = match loading {
                Ok(loading) => loading
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(_) => Index::load(&dir, T::read),
            };
            (scan, index)
        });
        let scan = match scan {
            Ok(scan) => scan,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Err(None),
            Err(source) => {
                let error = StorageError::io(&dir, "cannot list the directory")(source);
                return Err(Some((dir, error.reason())));
            }
        };
        let indexed = index.len();
        let current = Current::new(&self.questionnaires, index.questionnaires());
        // For each questionnaire files were saved with: whether it is the
        // one in use, if it is known.
        let up_to_date: Vec<Option<bool>> = (index.saved_with().iter())
            .map(|saved| {
                let now = current.identity(&saved.id).ok()?;
                Some(is_current(saved, &now))
            })
            .collect();
        // Only a listing for the screen needs it.
        let stamp = if T::KEEPS { scan.stamp() } else { DirStamp(2) };
        let Scan { files, locks } = scan;
        // The list's order, in which the index is read too.
        let files = in_list_order(files);
        // One file under several names: a move to finish (see below).
        let moved = shared_ids(&files);
        let mut names_by_file: HashMap<(u64, u64), Vec<PathBuf>> = HashMap::new();
        // In order, each file's row, or where the row of a file read is to go.
        let mut rows = Vec::with_capacity(files.len());
        let mut misses = Vec::new();
        for found in files {
            if let Some(id) = found.id().filter(|id| moved.binary_search(id).is_ok()) {
                names_by_file
                    .entry(id)
                    .or_default()
                    .push(found.path.clone());
            }
            let stamp = found.stamp();
            match stamp.and_then(|stamp| hit(&mut index, &up_to_date, &found.name, &stamp)) {
                Some(read) => rows.push(Some(Row::new(found, stamp, Ok(read)))),
                None => {
                    misses.push((rows.len(), found));
                    rows.push(None);
                }
            }
        }
        let hits = rows.len() - misses.len();
        let (places, misses): (Vec<usize>, Vec<Found>) = misses.into_iter().unzip();
        let read = read_all(misses, &current);
        debug_assert_eq!(read.len(), places.len(), "a row for every file read");
        let read_and_kept = read.iter().any(|row| {
            row.entry()
                .is_some_and(|(_, stamp, _)| index::keeps(&stamp))
        });
        for (place, row) in places.into_iter().zip(read) {
            if let Some(slot) = rows.get_mut(place) {
                *slot = Some(row);
            }
        }
        #[expect(
            clippy::filter_map_identity,
            reason = "flatten() copies the rows into a new vector; filter_map reuses this one"
        )]
        let mut rows: Vec<Row<T>> = rows.into_iter().filter_map(|row| row).collect();
        for names in names_by_file.into_values() {
            finish_move(&mut rows, &names);
        }
        let out_of_date = read_and_kept || hits != indexed || current.learned_any();
        if T::KEEPS && out_of_date {
            let entries = rows.iter().filter_map(Row::entry);
            index::save(&dir, entries, current.into_remembered());
        }
        Ok(Reading {
            stamp,
            rows,
            locks,
            stale: out_of_date && !T::KEEPS,
        })
    }

    /// The state of the assessments directory now, from its entries alone
    /// (nothing is read): about a millisecond for a thousand assessments.
    pub fn dir_stamp(&self) -> DirStamp {
        match self.own_assessments_dir().map(|dir| scan(&dir, Tidy::No)) {
            Ok(Ok(scan)) => scan.stamp(),
            Ok(Err(error)) if error.kind() == io::ErrorKind::NotFound => DirStamp(0),
            _ => DirStamp(1),
        }
    }

    /// Whether the list may have changed since the snapshot of this stamp:
    /// an assessment added, removed, renamed or changed (by any program),
    /// opened or closed for editing elsewhere.
    pub fn changed_since(&self, stamp: &DirStamp) -> bool {
        self.dir_stamp() != *stamp
    }
}

/// What a reading of the directory found.
struct Reading<T> {
    stamp: DirStamp,
    rows: Vec<Row<T>>,
    locks: HashSet<String>,
    /// The index was out of date and this reading could not write it.
    stale: bool,
}

/// Every file's path and system name, or why it cannot be read.
fn names_of<T: View>(reading: Reading<T>) -> Vec<(PathBuf, Result<String, String>)> {
    (reading.rows.into_iter())
        .map(|row| {
            let name = (row.read).map(|(view, _)| view.name_and_check().0.to_owned());
            (row.path, name)
        })
        .collect()
}

/// The directory missing (nothing), or unreadable (it, with the reason).
fn names_of_unread(unread: Option<(PathBuf, String)>) -> Vec<(PathBuf, Result<String, String>)> {
    unread
        .map(|(path, reason)| (path, Err(reason)))
        .into_iter()
        .collect()
}

/// Whether a look at the directory removes what dead writers left.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tidy {
    Yes,
    No,
}

/// The assessment files (and lock files) in `dir`, with the stamp of it
/// all. Tidying, it removes what killed writers left (temporary files,
/// lock files of files that are gone): every command that names an
/// assessment lists first, and so tidies up.
///
/// Each file's entry is looked at as the directory is read, on this
/// thread: shared out over two threads, the looks at a thousand files
/// took longer, not shorter (they contend in the kernel; benchmarks in
/// docs/benchmarks.md, "Workshop scale").
fn scan(dir: &Path, tidy: Tidy) -> io::Result<Scan> {
    let mut files = Vec::new();
    let mut locks = HashSet::new();
    for entry in fs::read_dir(dir)?.flatten() {
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        if is_assessment_name(Path::new(&name)) {
            let look = entry.metadata().ok().as_ref().map(Look::of);
            files.push(Found {
                name,
                path: entry.path(),
                look,
            });
            continue;
        }
        if !name.starts_with('.') || tidy == Tidy::Yes && atomic::remove_if_dead(dir, &name) {
            continue;
        }
        if name.ends_with(".lock") {
            locks.insert(name);
        }
    }
    Ok(Scan { files, locks })
}

impl Scan {
    /// Each entry hashed on its own and the hashes added up: the same
    /// whatever order the directory gives them in.
    fn stamp(&self) -> DirStamp {
        let hash_of = |item: &dyn Fn(&mut DefaultHasher)| {
            let mut hasher = DefaultHasher::new();
            item(&mut hasher);
            hasher.finish()
        };
        let mut sum: u64 = 0;
        for found in &self.files {
            sum = sum.wrapping_add(hash_of(&|hasher| {
                found.name.hash(hasher);
                match &found.look {
                    Some(look) if look.file_type.is_file() => look.stamp.hash(hasher),
                    Some(look) => input::describe(look.file_type).hash(hasher),
                    None => "vanished".hash(hasher),
                }
            }));
        }
        for lock in &self.locks {
            sum = sum.wrapping_add(hash_of(&|hasher| ("lock", lock).hash(hasher)));
        }
        // 0 and 1 stand for a missing and an unreadable directory.
        DirStamp(sum.max(2))
    }
}

/// What the index knows of the file of this name at this stamp, if it
/// still holds with the questionnaires in use (`up_to_date`, by the
/// index's place of the questionnaire the file was saved with); and
/// whether the questionnaire changed since.
fn hit<T: View>(
    index: &mut Index<T>,
    up_to_date: &[Option<bool>],
    name: &str,
    stamp: &Stamp,
) -> Option<(T, bool)> {
    let (saved_with, view) = index.take(name, stamp)?;
    let up_to_date = (*up_to_date.get(saved_with)?)?;
    if up_to_date && !view.name_and_check().1 {
        return None;
    }
    let saved_with = index.saved_with().get(saved_with)?;
    Some((view.found(saved_with), !up_to_date))
}

/// Reads the files the index could not answer for; a thousand files is
/// CPU work (parsing), shared out over threads.
fn read_all<T: View>(files: Vec<Found>, current: &Current) -> Vec<Row<T>> {
    parallel::map(&files, FILES_PER_THREAD, MAX_LIST_THREADS, |found| {
        read_one(found.clone(), current)
    })
}

fn read_one<T: View>(found: Found, current: &Current) -> Row<T> {
    // The stamp was taken before reading: a change while it is read gives
    // the file another stamp than the entry's, and it is read again.
    let read = summarise(&found.path, current)
        .map(|(listed, changed)| (T::read(listed), changed))
        .map_err(|error| error.reason());
    let stamp = found.stamp();
    Row::new(found, stamp, read)
}

/// Whether another process has the file open for editing: only files
/// with a lock file beside them are probed.
fn lock_state(locks: &HashSet<String>, path: &Path) -> LockState {
    if locks.is_empty() {
        return LockState::Free;
    }
    let name = path.file_name().map(|name| name.to_string_lossy());
    match name {
        Some(name) if locks.contains(&format!(".{name}.lock")) => Lock::probe(path),
        _ => LockState::Free,
    }
}

/// The files in the list's order ([`Place`]). Their places are sorted,
/// and each file moved once.
fn in_list_order(mut files: Vec<Found>) -> Vec<Found> {
    let mut order: Vec<(Place<'_>, usize)> = (files.iter().enumerate())
        .map(|(at, found)| (found.place(), at))
        .collect();
    order.sort_unstable();
    let order: Vec<usize> = order.into_iter().map(|(_, at)| at).collect();
    (order.into_iter())
        .filter_map(|at| files.get_mut(at).map(std::mem::take))
        .collect()
}

/// The files (device and inode) found under more than one name, sorted.
fn shared_ids(files: &[Found]) -> Vec<(u64, u64)> {
    let mut ids: Vec<(u64, u64)> = files.iter().filter_map(Found::id).collect();
    ids.sort_unstable();
    let mut shared: Vec<(u64, u64)> = (ids.windows(2))
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| pair[0])
        .collect();
    shared.dedup();
    shared
}

/// One assessment file under several names in the directory: a rename
/// killed between giving the file its new name and removing the old one
/// (see [`Store::rename`]). The names that do not go with its system name
/// are dropped from the listing and, unless someone holds them (a rename
/// still under way), removed: the file stays under its new name.
fn finish_move<T: View>(rows: &mut Vec<Row<T>>, names: &[PathBuf]) {
    let system_name = rows.iter().find_map(|row| match &row.read {
        Ok((view, _)) if names.contains(&row.path) => Some(view.name_and_check().0.to_owned()),
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
        let id = |path: &Path| {
            let look = fs::symlink_metadata(path).ok();
            look.and_then(|metadata| Stamp::of(&metadata).file_id())
        };
        if let Ok(_lock) = Lock::acquire(old, LockPurpose::Renaming)
            && id(old).is_some()
            && id(old) == id(new)
        {
            let _ = atomic::remove(old);
        }
        rows.retain(|row| row.path != *old);
    }
}

/// `*.json`, not hidden: whatever it is (a pipe, a directory, a link), it
/// is listed, so that it is never hidden nor shadowed by a new file.
pub(super) fn is_assessment_name(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or(".");
    !name.starts_with('.') && path.extension().and_then(|e| e.to_str()) == Some(names::EXTENSION)
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
    value: Option<AnswerValue>,
}

#[derive(Deserialize)]
struct ListedVerdict {
    tier: ListedTier,
    #[serde(default)]
    tier_status: Option<Status>,
    complete: bool,
    #[serde(default)]
    findings: Vec<ListedFinding>,
    #[serde(default)]
    outcome: Option<ListedOutcome>,
}

/// The headline as the verdict worded it when it was saved.
#[derive(Deserialize)]
struct ListedOutcome {
    title: String,
    status: Status,
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

/// Reads what the list shows of a file, checking its answers against its
/// questionnaire when that is the one in use (as opening does); and
/// whether the questionnaire changed since.
fn summarise(path: &Path, current: &Current) -> Result<(Listed, bool), StorageError> {
    let bytes = input::read(path, Links::Refuse)?;
    let listed: ListedAssessment = format::parse_as(path, &bytes)?;
    let id = &listed.questionnaire.id;
    let now = current
        .identity(id)
        .map_err(|error| StorageError::questionnaire(path, error))?;
    let answers = listed.answers.iter();
    let up_to_date = check_answers(
        path,
        &listed.questionnaire,
        &now,
        || current.questionnaires().shared(id),
        answers.map(|(id, entry)| (id.as_str(), entry.value.as_ref())),
    )?;
    let (tier, tier_provisional, complete) = match &listed.verdict {
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
    // Only a finished, decided verdict has a headline to show.
    let outcome = (listed.verdict.as_ref())
        .filter(|verdict| verdict.complete && verdict.decided())
        .and_then(|verdict| verdict.outcome.as_ref());
    let headline = outcome.map(|outcome| outcome.title.clone());
    let headline_provisional = outcome.is_some_and(|outcome| outcome.status == Status::Provisional);
    let listed = Listed {
        id: listed.id,
        system_name: listed.metadata.system_name,
        organisation: listed.metadata.organisation,
        assessor: listed.metadata.assessor,
        tier,
        tier_provisional,
        headline,
        headline_provisional,
        progress: listed.progress,
        complete,
        updated: listed.metadata.updated,
        questionnaire: Arc::new(listed.questionnaire),
        answers_fit: up_to_date,
    };
    Ok((listed, !up_to_date))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A screen lists and checks for changes on a thread of its own.
    #[test]
    fn a_store_lists_on_another_thread_and_its_stamp_comes_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::at(dir.path());
        let lister = store.clone();
        let snapshot = std::thread::spawn(move || lister.snapshot())
            .join()
            .expect("listed");
        assert!(snapshot.listings.is_empty());
        assert!(!store.changed_since(&snapshot.stamp));
        fs::create_dir_all(store.assessments_dir()).expect("directory");
        fs::write(store.assessments_dir().join("new.json"), b"{}").expect("file");
        assert!(store.changed_since(&snapshot.stamp));
    }
}
