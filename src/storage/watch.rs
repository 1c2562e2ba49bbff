//! Being told when the assessments directory changes, rather than looking
//! at it again and again: a watch through the operating system (inotify on
//! Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), by the
//! `notify` crate. Where there is none (another system, a network file
//! system that reports nothing, the directory not there yet), the caller
//! looks at the directory's entries on a tick instead
//! ([`Store::changed_since`]).
//!
//! Only what the list shows wakes the caller: assessment files (`*.json`,
//! not hidden) and lock files (another aiact opening or closing one).
//! aiact's own caches beside them (the index, the summary's rows) and
//! temporary files do not: a listing writes the index, and would otherwise
//! wake itself.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use notify::event::EventKind;
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::Store;
use super::listing::is_assessment_name;

/// A watch on the assessments directory; it ends when dropped.
pub struct DirWatch {
    dir: PathBuf,
    /// The directory watched, as device and inode (its path elsewhere).
    watched: Option<(u64, u64)>,
    /// The directory itself was removed or moved away (its inode may be
    /// reused at once by a new one of the same name).
    lost: Arc<AtomicBool>,
    _watcher: RecommendedWatcher,
}

impl Store {
    /// Calls `changed` (on a thread of the watch's own) whenever what the
    /// list shows may have changed in the assessments directory: an
    /// assessment added, removed, renamed or written, opened or closed for
    /// editing elsewhere; and when the watch itself could not tell (events
    /// lost, an error). `None` when there is no directory to watch yet, or
    /// the platform cannot watch it: then look with
    /// [`Store::changed_since`] on a tick.
    pub fn watch(&self, changed: impl Fn() + Send + 'static) -> Option<DirWatch> {
        let dir = self.own_assessments_dir().ok()?;
        let watched = dir_id(&dir)?;
        let inside = dir.clone();
        let lost = Arc::new(AtomicBool::new(false));
        let lose = Arc::clone(&lost);
        let handle = move |event: notify::Result<notify::Event>| {
            if let Ok(event) = &event {
                if !matters(event, &inside) {
                    return;
                }
                if event.paths.contains(&inside) {
                    lose.store(true, Ordering::Relaxed);
                }
            }
            changed();
        };
        let mut watcher = notify::recommended_watcher(handle).ok()?;
        watcher.watch(&dir, RecursiveMode::NonRecursive).ok()?;
        Some(DirWatch {
            dir,
            watched: Some(watched),
            lost,
            _watcher: watcher,
        })
    }
}

impl DirWatch {
    /// Whether the directory watched is still the assessments directory:
    /// one removed, or replaced by another, is no longer watched (watch it
    /// again).
    pub fn holds(&self) -> bool {
        !self.lost.load(Ordering::Relaxed) && dir_id(&self.dir) == self.watched
    }
}

/// Whether an event may change the list. An event without a path (the
/// system dropped events) may change anything.
fn matters(event: &notify::Event, dir: &Path) -> bool {
    // Opening or reading a file (a listing probing a lock does) changes
    // nothing.
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.need_rescan()
        || event.paths.is_empty()
        || event.paths.iter().any(|path| is_listed(path, dir))
}

/// An assessment, a lock file, or the directory itself (removed, moved).
fn is_listed(path: &Path, dir: &Path) -> bool {
    if path == dir {
        return true;
    }
    // A name that is not UTF-8 is never listed.
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    is_assessment_name(path) || name.starts_with('.') && name.ends_with(".lock")
}

/// Device and inode of a directory (not through a link).
#[cfg(unix)]
fn dir_id(dir: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let metadata = fs::symlink_metadata(dir)
        .ok()
        .filter(fs::Metadata::is_dir)?;
    Some((metadata.dev(), metadata.ino()))
}

/// Without inode numbers, a directory replaced under the same name is not
/// noticed by the watch; the tick's look at the entries still is.
#[cfg(not(unix))]
fn dir_id(dir: &Path) -> Option<(u64, u64)> {
    fs::symlink_metadata(dir)
        .ok()
        .filter(fs::Metadata::is_dir)
        .map(|_| (0, 0))
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    fn event(kind: EventKind, path: &Path) -> notify::Event {
        notify::Event::new(kind).add_path(path.to_owned())
    }

    #[test]
    fn only_what_the_list_shows_matters() {
        let dir = Path::new("/data/assessments");
        let create = EventKind::Create(notify::event::CreateKind::File);
        let access = EventKind::Access(notify::event::AccessKind::Any);
        for name in ["team-1.json", ".team-1.json.lock"] {
            assert!(matters(&event(create, &dir.join(name)), dir), "{name}");
            assert!(!matters(&event(access, &dir.join(name)), dir), "{name}");
        }
        for name in [
            crate::storage::INDEX_FILE_NAME,
            ".summary.json",
            ".team-1.json.42.7.tmp",
            "notes.txt",
        ] {
            assert!(!matters(&event(create, &dir.join(name)), dir), "{name}");
        }
        assert!(matters(
            &event(EventKind::Remove(notify::event::RemoveKind::Any), dir),
            dir
        ));
        assert!(matters(&notify::Event::new(EventKind::Any), dir));
    }

    /// Where the platform watches (Linux here): a file written into the
    /// directory wakes the watcher; the index written beside it does not.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_new_assessment_wakes_the_watch_and_the_index_does_not() {
        let temp = tempfile::tempdir().expect("temp dir");
        let store = Store::at(temp.path());
        fs::create_dir_all(store.assessments_dir()).expect("directory");
        let (woken, wakes) = mpsc::channel();
        let watch = store
            .watch(move || {
                let _ = woken.send(());
            })
            .expect("a watch on Linux");
        assert!(watch.holds());
        fs::write(
            store
                .assessments_dir()
                .join(crate::storage::INDEX_FILE_NAME),
            b"{}",
        )
        .expect("index");
        assert!(wakes.recv_timeout(Duration::from_millis(300)).is_err());
        fs::write(store.assessments_dir().join("a.json"), b"{}").expect("file");
        assert!(wakes.recv_timeout(Duration::from_secs(5)).is_ok());
        fs::remove_dir_all(store.assessments_dir()).expect("removed");
        fs::create_dir_all(store.assessments_dir()).expect("again");
        while wakes.recv_timeout(Duration::from_millis(300)).is_ok() {}
        assert!(!watch.holds(), "another directory now");
    }
}
