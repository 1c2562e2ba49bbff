//! The index of the assessments directory: `.index.bin` beside the
//! assessments, holding what the list shows of each file together with the
//! file's stamp (size, modification and change times, device and inode),
//! so that listing a thousand assessments reads one small file and looks
//! at the others' directory entries only. It is binary (postcard): a
//! thousand entries read in a third of the time JSON takes, which is most
//! of the time to the list on screen.
//!
//! It is a cache, never a source of truth:
//! - an entry is used only while the file's stamp is the one it was made
//!   from, and only once the file has been left alone for [`SETTLE`] (a
//!   file changed again within one tick of its file system's clock could
//!   keep its stamp); any other file is read, and its entry made anew;
//! - the whole index is used only by the program build that wrote it
//!   (what is read from a file, and how, may change with the program),
//!   and it holds nothing that a listing does not check;
//! - files that cannot be read are never in it: they are looked at again
//!   on every listing, and listed with the reason;
//! - anything else in its place (missing, empty, cut short, garbage, from
//!   another program, a link, a pipe, a directory, too large) is not used,
//!   and is replaced by a fresh index if it is a regular file, left alone
//!   otherwise. Deleting it loses nothing.
//!
//! It is written like every other file (a temporary file created anew,
//! owner-only, moved over the old one; never through a link nor over
//! anything but a regular file), without flushing to disk: a power loss
//! may cost the cache, never an assessment.

use std::cmp::Reverse;
use std::fs;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::atomic;
use super::format::QuestionnaireRef;
use super::input::{self, Links};
use super::listing::Listed;
use super::questionnaires::{Identity, Questionnaires};
use crate::catalog::CatalogError;

/// The index's file name in the assessments directory: hidden, as aiact's
/// own files there are.
pub const FILE_NAME: &str = ".index.bin";

/// Where earlier builds kept the index (as JSON): removed, if it is a
/// regular file, when the index is written.
const EARLIER_FILE_NAME: &str = ".index.json";

/// Bumped whenever what an entry holds, or how, changes meaning.
const FORMAT: &str = "aiact-index/4";

/// How long a file must be left alone before its entry is kept: longer
/// than the coarsest clock of common file systems (FAT: 2 seconds).
pub const SETTLE: Duration = Duration::from_millis(2100);

/// Where a file comes in the list: the most recently changed first, by
/// name where the times are the same (all in one directory, no two files
/// come in the same place). The index keeps its entries in this order,
/// so that a listing, going through the files in it, finds each one's
/// entry in a single pass.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place<'a> {
    newest_first: Reverse<(i64, u32)>,
    name: &'a str,
}

impl<'a> Place<'a> {
    /// The place of a file whose time is not known (it vanished): last.
    pub fn last(name: &'a str) -> Self {
        Self {
            newest_first: Reverse((i64::MIN, 0)),
            name,
        }
    }
}

/// One version of a file, told without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stamp {
    size: u64,
    /// Seconds and nanoseconds since 1970.
    modified: (i64, u32),
    /// The inode's change time on unix (which no program can set back);
    /// the creation time elsewhere.
    changed: (i64, u32),
    /// Device and inode on unix (a file replaced by a rename gets another);
    /// zero elsewhere.
    file: (u64, u64),
}

impl Stamp {
    #[cfg(unix)]
    pub fn of(metadata: &fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        let nanos = |n: i64| u32::try_from(n).unwrap_or(0);
        Self {
            size: metadata.size(),
            modified: (metadata.mtime(), nanos(metadata.mtime_nsec())),
            changed: (metadata.ctime(), nanos(metadata.ctime_nsec())),
            file: (metadata.dev(), metadata.ino()),
        }
    }

    #[cfg(not(unix))]
    pub fn of(metadata: &fs::Metadata) -> Self {
        Self {
            size: metadata.len(),
            modified: since_1970(metadata.modified()),
            changed: since_1970(metadata.created()),
            file: (0, 0),
        }
    }

    /// Where the file of this name and stamp comes in the list.
    pub fn place<'a>(&self, name: &'a str) -> Place<'a> {
        Place {
            newest_first: Reverse(self.modified),
            name,
        }
    }

    /// Device and inode: the file whatever its names.
    #[cfg(unix)]
    pub fn file_id(&self) -> Option<(u64, u64)> {
        Some(self.file)
    }

    /// Without inode numbers a half-done move is not recognised: it is
    /// listed twice, and `delete` removes the extra name.
    #[cfg(not(unix))]
    pub fn file_id(&self) -> Option<(u64, u64)> {
        None
    }

    /// Left alone for [`SETTLE`] by `now`: any later change gives it
    /// another stamp.
    fn settled(&self, now: SystemTime) -> bool {
        let latest = self.modified.max(self.changed);
        let Ok(seconds) = u64::try_from(latest.0) else {
            return true;
        };
        let at = SystemTime::UNIX_EPOCH + Duration::new(seconds, latest.1);
        now.duration_since(at).is_ok_and(|age| age >= SETTLE)
    }
}

#[cfg(not(unix))]
fn since_1970(time: std::io::Result<SystemTime>) -> (i64, u32) {
    time.ok()
        .and_then(|time| time.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or((0, 0), |since| {
            (
                i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
                since.subsec_nanos(),
            )
        })
}

/// What the index file starts with: read and checked before the rest, so
/// that nothing else (another format, another build's index, garbage) is
/// decoded further.
#[derive(Serialize, Deserialize)]
struct Header<S> {
    format: S,
    program: S,
}

/// The rest of the index file: `Q` a questionnaire, `T` an entry's view.
#[derive(Serialize, Deserialize)]
struct Body<Q, T> {
    /// The built-in questionnaires of that program, so that a listing
    /// knows whether a file is up to date without loading them.
    questionnaires: Vec<Identity>,
    /// The questionnaires the files were saved with, each once: most
    /// files name the same one.
    saved_with: Vec<Q>,
    entries: Vec<Entry<T>>,
}

#[derive(Serialize, Deserialize)]
struct Entry<T> {
    /// The file name in the assessments directory.
    name: String,
    stamp: Stamp,
    /// Its place in `saved_with`.
    saved_with: usize,
    /// What the list shows of it ([`Listed`]).
    listed: T,
}

impl<T> Entry<T> {
    /// The same entry, what the list shows of it taken as `view` makes it.
    fn map<U>(self, view: impl FnOnce(T) -> U) -> Entry<U> {
        Entry {
            name: self.name,
            stamp: self.stamp,
            saved_with: self.saved_with,
            listed: view(self.listed),
        }
    }

    fn place(&self) -> Place<'_> {
        self.stamp.place(&self.name)
    }
}

/// The index as read at the start of a listing, its entries read as `T`.
pub struct Index<T> {
    /// In the list's order ([`Place`]; an index that is not is sorted on
    /// reading), each entry's view taken at most once.
    entries: Vec<Entry<Option<T>>>,
    /// The entries before this one were passed by ([`Index::take`]).
    next: usize,
    saved_with: Vec<Arc<QuestionnaireRef>>,
    questionnaires: Vec<Identity>,
}

impl<T> Default for Index<T> {
    fn default() -> Self {
        Self {
            entries: Vec::new(),
            next: 0,
            saved_with: Vec::new(),
            questionnaires: Vec::new(),
        }
    }
}

impl<T> Index<T> {
    /// The index of `dir` if it is one this program wrote and can read,
    /// each entry taken as `view` makes it; else an empty one.
    pub fn load(dir: &Path, view: impl Fn(Listed) -> T) -> Self {
        let Some(program) = program() else {
            return Self::default();
        };
        let Ok(bytes) = input::read(&dir.join(FILE_NAME), Links::Refuse) else {
            return Self::default();
        };
        let body = match header::<&str>(&bytes) {
            Some((header, rest)) if header.format == FORMAT && header.program == program => {
                body(rest)
            }
            _ => None,
        };
        let Some(body) = body else {
            return Self::default();
        };
        if (body.entries.iter()).any(|entry| entry.saved_with >= body.saved_with.len()) {
            return Self::default();
        }
        let entries = (body.entries.into_iter()).map(|entry| entry.map(&view));
        let saved_with = body.saved_with.into_iter().map(Arc::new).collect();
        Self::of(entries, saved_with, body.questionnaires)
    }

    fn of(
        entries: impl Iterator<Item = Entry<T>>,
        saved_with: Vec<Arc<QuestionnaireRef>>,
        questionnaires: Vec<Identity>,
    ) -> Self {
        let mut entries: Vec<Entry<Option<T>>> = entries.map(|entry| entry.map(Some)).collect();
        // In one pass when they are in order already, as written.
        entries.sort_unstable_by(|a, b| a.place().cmp(&b.place()));
        Self {
            entries,
            next: 0,
            saved_with,
            questionnaires,
        }
    }

    /// Takes out what the index holds for the file of this name, if it
    /// was made from this stamp, with the place in [`Index::saved_with`]
    /// of the questionnaire the file was saved with. Asked for the files
    /// in the list's order ([`Place`]), it goes through its entries once:
    /// an entry passed by (its file changed or gone) answers for nothing
    /// after, nor does one of another stamp.
    pub fn take(&mut self, name: &str, stamp: &Stamp) -> Option<(usize, T)> {
        let place = stamp.place(name);
        while (self.entries.get(self.next)).is_some_and(|entry| entry.place() < place) {
            self.next += 1;
        }
        let entry = self.entries.get_mut(self.next)?;
        if entry.place() != place {
            return None;
        }
        self.next += 1;
        let view = entry.listed.take()?;
        (entry.stamp == *stamp).then_some((entry.saved_with, view))
    }

    /// The questionnaires the files were saved with, each once.
    pub fn saved_with(&self) -> &[Arc<QuestionnaireRef>] {
        &self.saved_with
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The built-in questionnaires' identities it remembers.
    pub fn questionnaires(&self) -> &[Identity] {
        &self.questionnaires
    }
}

/// Writes the index of `dir`: the entries given, those of files that have
/// settled only. Failing to write it (a read-only directory, a link or a
/// directory in its place) costs only speed.
pub fn save<'a>(
    dir: &Path,
    entries: impl IntoIterator<Item = (&'a str, Stamp, &'a Listed)>,
    questionnaires: Vec<Identity>,
) {
    let Some(program) = program() else {
        return;
    };
    let now = SystemTime::now();
    let mut saved_with: Vec<&QuestionnaireRef> = Vec::new();
    let mut entries: Vec<Entry<&Listed>> = entries
        .into_iter()
        .filter(|(_, stamp, _)| stamp.settled(now))
        .map(|(name, stamp, listed)| {
            let place = match saved_with
                .iter()
                .position(|known| **known == *listed.questionnaire)
            {
                Some(place) => place,
                None => {
                    saved_with.push(&listed.questionnaire);
                    saved_with.len() - 1
                }
            };
            Entry {
                name: name.to_owned(),
                stamp,
                saved_with: place,
                listed,
            }
        })
        .collect();
    // In the list's order, as they are looked up ([`Index::take`]); the
    // listing gives them so (a sorted list is checked in one pass).
    entries.sort_unstable_by(|a, b| a.place().cmp(&b.place()));
    let header = Header {
        format: FORMAT,
        program,
    };
    let body = Body {
        questionnaires,
        saved_with,
        entries,
    };
    let Some(bytes) = encode(&header, &body) else {
        return;
    };
    if atomic::replace_cache(&dir.join(FILE_NAME), &bytes).is_ok() {
        remove_earlier_index(dir);
    }
}

/// The index file's bytes: the header, then the rest.
fn encode<S: Serialize, Q: Serialize, T: Serialize>(
    header: &Header<S>,
    body: &Body<Q, T>,
) -> Option<Vec<u8>> {
    let header = postcard::to_stdvec(header).ok()?;
    postcard::to_extend(body, header).ok()
}

/// An index file's header, and the bytes of the rest; `None` if it does
/// not start with one.
fn header<'a, S: Deserialize<'a>>(bytes: &'a [u8]) -> Option<(Header<S>, &'a [u8])> {
    postcard::take_from_bytes(bytes).ok()
}

/// The rest of an index file. Invalid UTF-8 in a string fails the
/// decoding: no separate pass.
fn body(bytes: &[u8]) -> Option<Body<QuestionnaireRef, Listed>> {
    postcard::from_bytes(bytes).ok()
}

/// The index file as JSON, and JSON as an index file: for tests that look
/// into the index, or plant one, without depending on its encoding.
#[doc(hidden)]
pub mod as_json {
    use serde::{Deserialize, Serialize};

    use super::{Body, Header, Listed, QuestionnaireRef, body, encode as encode_file, header};

    #[derive(Serialize, Deserialize)]
    struct Whole {
        #[serde(flatten)]
        header: Header<String>,
        #[serde(flatten)]
        body: Body<QuestionnaireRef, Listed>,
    }

    /// The index file's content as JSON (`format`, `program`,
    /// `questionnaires`, `saved_with`, `entries`); `None` if it is not
    /// one.
    pub fn decode(bytes: &[u8]) -> Option<serde_json::Value> {
        let (header, rest) = header::<String>(bytes)?;
        let body = body(rest)?;
        serde_json::to_value(Whole { header, body }).ok()
    }

    /// The index file of that JSON; `None` if it does not have the shape
    /// [`decode`] gives.
    pub fn encode(value: &serde_json::Value) -> Option<Vec<u8>> {
        let whole = Whole::deserialize(value).ok()?;
        encode_file(&whole.header, &whole.body)
    }
}

/// The JSON index of earlier builds, if it is a regular file: a cache
/// nothing reads any more.
fn remove_earlier_index(dir: &Path) {
    let earlier = dir.join(EARLIER_FILE_NAME);
    if fs::symlink_metadata(&earlier).is_ok_and(|entry| entry.is_file()) {
        let _ = fs::remove_file(earlier);
    }
}

/// Whether an entry made now from a file of this stamp would be kept.
pub fn keeps(stamp: &Stamp) -> bool {
    stamp.settled(SystemTime::now())
}

/// The running program's build: its version and its executable's stamp.
/// `None` when it cannot be told: then no index is used.
pub(super) fn program() -> Option<&'static str> {
    static PROGRAM: OnceLock<Option<String>> = OnceLock::new();
    PROGRAM
        .get_or_init(|| {
            let exe = std::env::current_exe().ok()?;
            let stamp = Stamp::of(&fs::metadata(exe).ok()?);
            let (seconds, nanos) = stamp.modified;
            Some(format!(
                "aiact {} {} {seconds}.{nanos:09} {}:{}",
                env!("CARGO_PKG_VERSION"),
                stamp.size,
                stamp.file.0,
                stamp.file.1
            ))
        })
        .as_deref()
}

/// The questionnaires in use, as a listing compares files with them: the
/// built-in ones' identities from the index when it has them (loading and
/// hashing one takes milliseconds), else worked out once.
pub struct Current<'a> {
    questionnaires: &'a Questionnaires,
    remembered: Vec<Identity>,
    learned: Mutex<Vec<Identity>>,
}

impl<'a> Current<'a> {
    pub fn new(questionnaires: &'a Questionnaires, remembered: &[Identity]) -> Self {
        Self {
            questionnaires,
            remembered: remembered.to_vec(),
            learned: Mutex::new(Vec::new()),
        }
    }

    pub fn questionnaires(&self) -> &'a Questionnaires {
        self.questionnaires
    }

    /// The identity of the questionnaire with this id now.
    pub fn identity(&self, id: &str) -> Result<Identity, CatalogError> {
        let built_in = self.questionnaires.is_built_in(id);
        if built_in && let Some(known) = self.remembered.iter().find(|known| known.id == id) {
            return Ok(known.clone());
        }
        let identity = self.questionnaires.identity(id)?;
        if built_in {
            let mut learned = self.learned.lock().unwrap_or_else(PoisonError::into_inner);
            if !learned.contains(&identity) {
                learned.push(identity.clone());
            }
        }
        Ok(identity)
    }

    /// Whether this listing learned an identity the index did not have.
    pub fn learned_any(&self) -> bool {
        !self
            .learned
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_empty()
    }

    /// The built-in identities to remember in the index.
    pub fn into_remembered(self) -> Vec<Identity> {
        let mut all = self.remembered;
        for identity in self
            .learned
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
        {
            if !all.iter().any(|known| known.id == identity.id) {
                all.push(identity);
            }
        }
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(size: u64) -> Stamp {
        changed_at(1_700_000_000, size)
    }

    fn changed_at(seconds: i64, size: u64) -> Stamp {
        Stamp {
            size,
            modified: (seconds, 0),
            changed: (seconds, 0),
            file: (1, 2),
        }
    }

    fn index_of(entries: &[(&str, Stamp)]) -> Index<&'static str> {
        let entries = entries.iter().map(|&(name, stamp)| Entry {
            name: name.to_owned(),
            stamp,
            saved_with: 0,
            listed: "listed",
        });
        Index::of(entries, Vec::new(), Vec::new())
    }

    #[test]
    fn an_index_in_any_order_answers_for_the_files_in_the_lists_order() {
        let files = [
            ("m.json", changed_at(30, 1)),
            ("b.json", changed_at(10, 1)),
            ("z.json", changed_at(30, 1)),
            ("a.json", changed_at(20, 1)),
            ("k.json", changed_at(10, 1)),
        ];
        let mut index = index_of(&files);
        assert_eq!(index.len(), files.len());
        // Newest first, by name where the times are the same.
        let mut in_list_order = files.to_vec();
        in_list_order.sort_by(|a, b| a.1.place(a.0).cmp(&b.1.place(b.0)));
        let names: Vec<&str> = in_list_order.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["m.json", "z.json", "a.json", "b.json", "k.json"]);
        for (name, stamp) in in_list_order {
            assert_eq!(index.take(name, &stamp), Some((0, "listed")), "{name}");
            if name == "m.json" {
                // A file the index does not know, between the others.
                assert_eq!(index.take("n.json", &changed_at(30, 1)), None, "new");
            }
        }
    }

    #[test]
    fn an_entry_answers_only_for_the_stamp_it_was_made_from_and_only_once() {
        let mut index = index_of(&[("a.json", stamp(10))]);
        assert_eq!(index.take("0.json", &stamp(10)), None, "another file");
        assert_eq!(index.take("a.json", &stamp(10)), Some((0, "listed")));
        assert_eq!(index.take("a.json", &stamp(10)), None, "taken already");

        let mut index = index_of(&[("a.json", stamp(10))]);
        assert_eq!(index.take("a.json", &stamp(11)), None, "the file changed");
        assert_eq!(
            index.take("a.json", &stamp(10)),
            None,
            "an entry that missed once answers for nothing after"
        );
    }

    #[test]
    fn an_entry_passed_by_answers_for_nothing_and_the_next_still_does() {
        // x.json changed since (it now comes first), y.json did not.
        let mut index = index_of(&[
            ("x.json", changed_at(100, 1)),
            ("y.json", changed_at(90, 1)),
        ]);
        assert_eq!(index.take("x.json", &changed_at(120, 2)), None, "changed");
        assert_eq!(
            index.take("y.json", &changed_at(90, 1)),
            Some((0, "listed"))
        );
        assert_eq!(index.take("x.json", &changed_at(100, 1)), None, "passed by");
    }
}
