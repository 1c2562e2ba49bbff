//! One editor per assessment: a lock file next to it,
//! `.<file name>.lock`, holding the editor's process id.
//!
//! Whether the lock is alive is not guessed from the pid (pids are reused,
//! and differ across containers): the editor holds an operating-system lock
//! on the lock file (`flock` on unix, `LockFileEx` on Windows), which the
//! system releases when the process ends, however it ends. A lock file
//! that nobody holds is stale, left by a crash, and is taken over. The pid
//! is there to tell the user which process has the assessment open.
//!
//! The lock file sits in a folder others may write to: it is opened
//! without following a symbolic link and without waiting on a named pipe,
//! and anything but a regular file with no other name (hard link) is
//! refused and left as it is, never truncated or written.

use std::fs::{self, File, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use super::atomic;
use super::error::{LockPurpose, StorageError};
use super::input::{self, Links};

/// Held while an assessment is open for editing; released on drop (and by
/// the system if the process dies).
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: File,
}

/// Whether someone is editing an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockState {
    Free,
    Held { pid: Option<u32> },
}

/// A lister probing a lock holds it for an instant: try a few times before
/// saying the assessment is open elsewhere.
const ATTEMPTS: u32 = 5;
const RETRY_PAUSE: Duration = Duration::from_millis(10);

impl Lock {
    /// `.<file name>.lock` next to the assessment.
    pub fn path_for(assessment: &Path) -> PathBuf {
        let name = assessment
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        atomic::parent(assessment).join(format!(".{name}.lock"))
    }

    /// Takes the lock for `assessment`, or says who holds it (and what to
    /// do, which depends on the `purpose`).
    pub fn acquire(assessment: &Path, purpose: LockPurpose) -> Result<Self, StorageError> {
        let path = Self::path_for(assessment);
        let io_error = |action| StorageError::io(&path, action);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut file = open_lock_file(&path)?;
            match file.try_lock() {
                // The holder may have removed the file between our opening
                // and locking it: then we locked a file that no longer has
                // a name, and must start again.
                Ok(()) if atomic::names_this_file(&path, &file) => {
                    file.set_len(0)
                        .and_then(|()| writeln!(file, "{}", std::process::id()))
                        .map_err(io_error("cannot write the lock file"))?;
                    return Ok(Self { path, file });
                }
                Ok(()) | Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(source)) => {
                    return Err(io_error("cannot lock the lock file")(source));
                }
            }
            if attempt >= ATTEMPTS {
                return Err(StorageError::Locked {
                    path: assessment.to_owned(),
                    pid: read_pid(&mut file),
                    purpose,
                });
            }
            thread::sleep(RETRY_PAUSE);
        }
    }

    /// Whether the assessment is being edited, without taking the lock
    /// (a shared lock held for an instant).
    /// A lock file that is not a regular file is no editor's: opening the
    /// assessment for editing says what it is.
    pub fn probe(assessment: &Path) -> LockState {
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        input::guarded(&mut options, Links::Refuse);
        let Ok(mut file) = options.open(Self::path_for(assessment)) else {
            return LockState::Free;
        };
        if !file.metadata().is_ok_and(|metadata| metadata.is_file()) {
            return LockState::Free;
        }
        match file.try_lock_shared() {
            Ok(()) => LockState::Free,
            Err(TryLockError::WouldBlock) => LockState::Held {
                pid: read_pid(&mut file),
            },
            Err(TryLockError::Error(_)) => LockState::Free,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so that nobody takes a lock on a file
        // about to vanish without noticing (see `names_this_file`); and only
        // if the name is still ours.
        if atomic::names_this_file(&self.path, &self.file) {
            let _ = fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

/// Opens (creating it if need be) the lock file, refusing anything but a
/// regular file of its own: a link planted in its place could otherwise
/// make aiact overwrite the file it points to with a pid.
fn open_lock_file(path: &Path) -> Result<File, StorageError> {
    let refused = |what: &'static str| StorageError::BadLockFile {
        path: path.to_owned(),
        what,
    };
    // Without O_NOFOLLOW, look at the entry first.
    #[cfg(not(unix))]
    if let Ok(entry) = fs::symlink_metadata(path)
        && !entry.is_file()
    {
        return Err(refused(input::describe(entry.file_type())));
    }
    // No truncation: the holder's pid must survive our opening it.
    let mut options = atomic::private_options();
    options.read(true).create(true).truncate(false);
    input::guarded(&mut options, Links::Refuse);
    let file = options
        .open(path)
        .map_err(|error| match fs::symlink_metadata(path) {
            Ok(entry) if !entry.is_file() => refused(input::describe(entry.file_type())),
            _ => StorageError::io(path, "cannot create the lock file")(error),
        })?;
    let metadata = file
        .metadata()
        .map_err(StorageError::io(path, "cannot read the lock file"))?;
    if !metadata.is_file() {
        return Err(refused(input::describe(metadata.file_type())));
    }
    if has_other_names(&metadata) {
        return Err(refused("a hard link to another file"));
    }
    Ok(file)
}

#[cfg(unix)]
fn has_other_names(metadata: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    metadata.nlink() > 1
}

#[cfg(not(unix))]
fn has_other_names(_metadata: &fs::Metadata) -> bool {
    false
}

fn read_pid(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}
