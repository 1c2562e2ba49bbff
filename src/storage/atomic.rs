//! Writing files so that a crash or a power loss leaves either the old
//! content or the new one, never a torn file: write a temporary file in the
//! same directory, flush it to disk, move it into place in one step, then
//! flush the directory so the move itself survives a power loss.
//!
//! Files are created readable and writable by their owner only (0600 on
//! unix), directories 0700: assessments hold confidential business
//! information.
//!
//! Only a regular file is ever replaced: a symbolic link, a directory or a
//! pipe where the file should be is refused and left as it is (a link is
//! neither followed nor replaced). Temporary files are created anew (never
//! through a link) and locked by their writer while it lives, so that the
//! ones a killed writer left behind are told apart and removed
//! ([`remove_dead_temps`]).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::input::{self, Links};

/// Replaces `path` with `bytes`, atomically. Refuses when something other
/// than a regular file is at `path`.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    refuse_special(path)?;
    let temp = write_temp(path, bytes)?;
    if let Err(error) = fs::rename(&temp.path, path) {
        temp.discard();
        return Err(error);
    }
    drop(temp);
    sync_dir(parent(path))
}

/// Replaces `path` with `bytes` like [`replace`], without flushing to
/// disk: for a cache, which a power loss may leave empty or stale (its
/// readers check it) but which readers never see half written.
pub fn replace_cache(path: &Path, bytes: &[u8]) -> io::Result<()> {
    refuse_special(path)?;
    let temp = write_temp_as(path, bytes, Flush::No)?;
    if let Err(error) = fs::rename(&temp.path, path) {
        temp.discard();
        return Err(error);
    }
    Ok(())
}

/// An error when `path` exists and is not a regular file.
fn refuse_special(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(entry) if !entry.is_file() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "it is {}, not a regular file: it was left as it is",
                input::describe(entry.file_type())
            ),
        )),
        _ => Ok(()),
    }
}

/// Creates `path` with `bytes`, atomically, failing with
/// [`io::ErrorKind::AlreadyExists`] if it exists: never overwrites.
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, bytes)?;
    // A hard link appears with its whole content and fails if the name is
    // taken: both properties at once.
    let linked = match fs::hard_link(&temp.path, path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
        // File systems without hard links (FAT): reserve the name, then
        // move the content over it. A crash in between leaves an empty file,
        // which the list shows as unreadable.
        Err(_) => OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|_| fs::rename(&temp.path, path)),
    };
    temp.discard();
    linked?;
    sync_dir(parent(path))
}

/// Gives the file at `existing` a second name, `new`, failing with
/// [`io::ErrorKind::AlreadyExists`] if that is taken: a hard link, so that
/// both names are the same file at every moment; on a file system without
/// hard links, a copy written as [`create_new`] writes.
pub fn add_name(existing: &Path, new: &Path) -> io::Result<()> {
    match fs::hard_link(existing, new) {
        Ok(()) => sync_dir(parent(new)),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
        Err(_) => {
            let bytes = input::read(existing, Links::Refuse)
                .map_err(|error| io::Error::other(error.to_string()))?;
            create_new(new, &bytes)
        }
    }
}

/// Removes a file and makes the removal durable.
pub fn remove(path: &Path) -> io::Result<()> {
    fs::remove_file(path)?;
    sync_dir(parent(path))
}

/// Creates a directory (and its parents) readable by the owner only, if it
/// does not exist yet. An existing directory keeps its permissions.
pub fn ensure_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Opens a file for writing with owner-only permissions when it is created.
pub fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// The directory a file lives in (`.` for a bare file name).
pub fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// A temporary file, locked by this process until it is dropped.
struct Temp {
    path: PathBuf,
    /// Holds the lock that tells cleaners this writer is alive.
    _file: File,
}

impl Temp {
    /// Removes the file (if it is still there) and releases it.
    fn discard(self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether a temporary file is flushed to disk before it is moved into place.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flush {
    Yes,
    No,
}

/// Temporary files are hidden and named after their target:
/// `.<file name>.<pid>.<n>.tmp`.
fn write_temp(target: &Path, bytes: &[u8]) -> io::Result<Temp> {
    write_temp_as(target, bytes, Flush::Yes)
}

fn write_temp_as(target: &Path, bytes: &[u8], flush: Flush) -> io::Result<Temp> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = file_name(target)?;
    let pid = std::process::id();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = parent(target).join(format!(".{name}.{pid}.{n}.tmp"));
        // `create_new` never follows a link planted under the name.
        let mut file = match private_options().create_new(true).open(&temp) {
            Ok(file) => file,
            // Left behind by a crashed process that had the same pid.
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        };
        match file.try_lock() {
            Ok(()) if names_this_file(&temp, &file) => {}
            // A cleaner took it between its creation and our locking it,
            // and removes it (or has removed it): use another name.
            Ok(()) | Err(fs::TryLockError::WouldBlock) => continue,
            // No locks on this file system: no cleaner can lock it either,
            // so none removes it.
            Err(fs::TryLockError::Error(_)) => {}
        }
        let written = file.write_all(bytes).and_then(|()| match flush {
            Flush::Yes => file.sync_all(),
            Flush::No => Ok(()),
        });
        let temp = Temp {
            path: temp,
            _file: file,
        };
        if let Err(error) = written {
            temp.discard();
            return Err(error);
        }
        return Ok(temp);
    }
}

/// Removes what dead writers left in `dir`: temporary files
/// (`.<name>.<pid>.<n>.tmp`) that no live process holds, and lock files
/// (`.<name>.lock`) of files that are gone, that nobody holds. With
/// `target`, only those of that file.
pub fn remove_dead_temps(dir: &Path, target: Option<&Path>) {
    let prefix = match target.map(file_name) {
        Some(Ok(name)) => format!(".{name}."),
        Some(Err(_)) => return,
        None => ".".to_owned(),
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        if let Some(name) = file_name.to_str().filter(|n| n.starts_with(&prefix)) {
            remove_if_dead(dir, name);
        }
    }
}

/// Removes the hidden file `name` in `dir` if a dead writer left it (see
/// [`remove_dead_temps`]); whether it did.
pub fn remove_if_dead(dir: &Path, name: &str) -> bool {
    let orphan_lock = name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(".lock"))
        .is_some_and(|locked| fs::symlink_metadata(dir.join(locked)).is_err());
    (is_temp_name(name) || orphan_lock) && remove_if_unheld(&dir.join(name))
}

/// `.<target>.<pid>.<n>.tmp`
fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let mut parts = rest.rsplitn(3, '.');
    let (Some(n), Some(pid), Some(target)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    is_number(n) && is_number(pid) && !target.is_empty()
}

/// Removes a regular file that no process holds a lock on (its writer or
/// editor is dead), checking that the name still means the file locked;
/// whether it did.
fn remove_if_unheld(path: &Path) -> bool {
    let mut options = OpenOptions::new();
    options.read(true);
    input::guarded(&mut options, Links::Refuse);
    let Ok(file) = options.open(path) else {
        return false;
    };
    if !file.metadata().is_ok_and(|metadata| metadata.is_file()) {
        return false;
    }
    file.try_lock().is_ok() && names_this_file(path, &file) && fs::remove_file(path).is_ok()
}

/// Whether `path` still names the open `file` (it was not removed or
/// replaced since it was opened).
#[cfg(unix)]
pub fn names_this_file(path: &Path, file: &File) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::symlink_metadata(path), file.metadata()) {
        (Ok(named), Ok(open)) => named.dev() == open.dev() && named.ino() == open.ino(),
        _ => false,
    }
}

/// Without inode numbers, only check that the name still exists.
#[cfg(not(unix))]
pub fn names_this_file(path: &Path, _file: &File) -> bool {
    path.exists()
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn file_name(path: &Path) -> io::Result<&str> {
    path.file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name in UTF-8"))
}

/// Flushes a directory's entries, so that a rename or a new file in it
/// survives a power loss. Windows has no such call; there the rename is
/// as durable as the file system makes it.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}
