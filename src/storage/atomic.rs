//! Writing files so that a crash or a power loss leaves either the old
//! content or the new one, never a torn file: write a temporary file in the
//! same directory, flush it to disk, move it into place in one step, then
//! flush the directory so the move itself survives a power loss.
//!
//! Files are created readable and writable by their owner only (0600 on
//! unix), directories 0700: assessments hold confidential business
//! information.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Replaces `path` with `bytes`, atomically.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, bytes)?;
    if let Err(error) = fs::rename(&temp, path) {
        let _ = fs::remove_file(&temp);
        return Err(error);
    }
    sync_dir(parent(path))
}

/// Creates `path` with `bytes`, atomically, failing with
/// [`io::ErrorKind::AlreadyExists`] if it exists: never overwrites.
pub fn create_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, bytes)?;
    // A hard link appears with its whole content and fails if the name is
    // taken: both properties at once.
    let linked = match fs::hard_link(&temp, path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
        // File systems without hard links (FAT): reserve the name, then
        // move the content over it. A crash in between leaves an empty file,
        // which the list shows as unreadable.
        Err(_) => OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|_| fs::rename(&temp, path)),
    };
    let _ = fs::remove_file(&temp);
    linked?;
    sync_dir(parent(path))
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

/// Temporary files are hidden and named after their target:
/// `.<file name>.<pid>.<n>.tmp`.
fn write_temp(target: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = file_name(target)?;
    let pid = std::process::id();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = parent(target).join(format!(".{name}.{pid}.{n}.tmp"));
        let mut file = match private_options().create_new(true).open(&temp) {
            Ok(file) => file,
            // Left behind by a crashed process that had the same pid.
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        };
        let written = file.write_all(bytes).and_then(|()| file.sync_all());
        if let Err(error) = written {
            drop(file);
            let _ = fs::remove_file(&temp);
            return Err(error);
        }
        return Ok(temp);
    }
}

/// Removes the temporary files a crashed writer left next to `target`.
/// Call only while holding the target's lock, so no live writer is using
/// them.
pub fn remove_leftover_temps(target: &Path) {
    let Ok(name) = file_name(target) else {
        return;
    };
    let prefix = format!(".{name}.");
    let Ok(entries) = fs::read_dir(parent(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let is_temp = rest.strip_suffix(".tmp").is_some_and(|middle| {
            middle
                .split_once('.')
                .is_some_and(|(pid, n)| is_number(pid) && is_number(n))
        });
        if is_temp {
            let _ = fs::remove_file(entry.path());
        }
    }
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
