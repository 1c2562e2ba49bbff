//! The one reader for every file aiact is given: assessments, answers
//! files, questionnaires, and the file an export would replace.
//!
//! - A file that is not a regular file (a named pipe, a directory, a
//!   device, a socket) is refused at once, with what it is: it is opened
//!   without blocking and checked on the open handle, so a named pipe
//!   cannot make aiact wait and a device such as `/dev/zero` is not read.
//! - A file larger than [`MAX_BYTES`] is refused without reading it.
//! - Assessments are never read through a symbolic link ([`Links::Refuse`]):
//!   aiact writes them back and locks them by name, next to the link.
//!   Files it only reads may be links to a regular file ([`Links::Follow`]).
//!
//! What a file holds (an assessment, a questionnaire, an answers file, an
//! exported report) is told by [`super::format::kind_of`].

use std::fs::{self, File, FileType, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::report::escape::path_line;

/// The largest file aiact reads: the shipped questionnaire is about 0.4 MB
/// and an assessment with long notes on every question well under 1 MB,
/// so a larger file is not one of ours (documented in `docs/safety.md`).
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Whether a symbolic link may stand for the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// The file itself only: an assessment, which is written back and
    /// locked where it is named.
    Refuse,
    /// A link to a regular file is read: files that are only read.
    Follow,
}

/// Why a file could not be read; the content is not judged here.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{}: {action}: {error}", path_line(.path))]
    Io {
        path: PathBuf,
        /// What was being done, as a phrase: "cannot read the file".
        action: &'static str,
        error: io::Error,
    },

    #[error("{}: not a file aiact can read: it is {what}", path_line(.path))]
    NotRegular { path: PathBuf, what: &'static str },

    #[error(
        "{}: a symbolic link (to {}), not the file itself: aiact reads and writes assessments only as regular files; name the file it points to",
        path_line(.path), path_line(.target)
    )]
    Link { path: PathBuf, target: PathBuf },

    #[error(
        "{}: a symbolic link to {}, which does not exist",
        path_line(.path), path_line(.target)
    )]
    DanglingLink { path: PathBuf, target: PathBuf },

    #[error(
        "{}: too large for an aiact file ({}; aiact reads files of up to {})",
        path_line(.path), Size(*.size), Size(MAX_BYTES)
    )]
    TooLarge { path: PathBuf, size: u64 },
}

impl ReadError {
    pub fn path(&self) -> &Path {
        match self {
            Self::Io { path, .. }
            | Self::NotRegular { path, .. }
            | Self::Link { path, .. }
            | Self::DanglingLink { path, .. }
            | Self::TooLarge { path, .. } => path,
        }
    }

    /// The file is not there at all (not even as a link).
    pub fn is_missing(&self) -> bool {
        matches!(self, Self::Io { error, .. } if error.kind() == io::ErrorKind::NotFound)
    }
}

/// The whole content of a regular file of at most [`MAX_BYTES`].
pub fn read(path: &Path, links: Links) -> Result<Vec<u8>, ReadError> {
    let file = open(path, links)?;
    let metadata = file
        .metadata()
        .map_err(io_error(path, "cannot read the file"))?;
    if !metadata.is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_owned(),
            what: describe(metadata.file_type()),
        });
    }
    if metadata.len() > MAX_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_owned(),
            size: metadata.len(),
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // One byte more than allowed tells a file that grew while being read.
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error(path, "cannot read the file"))?;
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_owned(),
            size,
        });
    }
    Ok(bytes)
}

/// Whether `path` names a file [`read`] would read, judged from its
/// directory entry without opening it: to refuse before taking a lock.
pub fn check(path: &Path, links: Links) -> Result<(), ReadError> {
    let entry = fs::symlink_metadata(path).map_err(io_error(path, "cannot read the file"))?;
    let file_type = if entry.file_type().is_symlink() {
        let target = fs::read_link(path).unwrap_or_default();
        match (links, fs::metadata(path)) {
            (Links::Refuse, _) => {
                return Err(ReadError::Link {
                    path: path.to_owned(),
                    target,
                });
            }
            (Links::Follow, Ok(metadata)) => metadata.file_type(),
            (Links::Follow, Err(_)) => {
                return Err(ReadError::DanglingLink {
                    path: path.to_owned(),
                    target,
                });
            }
        }
    } else {
        entry.file_type()
    };
    if file_type.is_file() {
        Ok(())
    } else {
        Err(ReadError::NotRegular {
            path: path.to_owned(),
            what: describe(file_type),
        })
    }
}

/// Opens for reading without following a last link (with
/// [`Links::Refuse`]) and without waiting on a named pipe.
fn open(path: &Path, links: Links) -> Result<File, ReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    guarded(&mut options, links);
    #[cfg(not(unix))]
    check(path, links)?;
    options.open(path).map_err(|error| {
        // Say what is there rather than the system's word for it
        // ("too many levels of symbolic links" for a link not followed).
        match check(path, links) {
            Err(explained) if !explained.is_missing() => explained,
            _ => ReadError::Io {
                path: path.to_owned(),
                action: "cannot read the file",
                error,
            },
        }
    })
}

/// Open flags for a file that may have been planted: never wait for a
/// named pipe's other end, and (with [`Links::Refuse`]) fail on a symbolic
/// link instead of following it. Elsewhere than on unix, callers check
/// the entry first and the open handle after.
pub(crate) fn guarded(options: &mut OpenOptions, links: Links) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let no_follow = match links {
            Links::Refuse => libc::O_NOFOLLOW,
            Links::Follow => 0,
        };
        options.custom_flags(libc::O_NONBLOCK | no_follow);
    }
    #[cfg(not(unix))]
    let _ = (options, links);
}

/// What a file that is not a regular file is, in words.
pub fn describe(file_type: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_file() {
        "a regular file"
    } else {
        "not a regular file"
    }
}

fn io_error(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> ReadError {
    let path = path.to_owned();
    move |error| ReadError::Io {
        path,
        action,
        error,
    }
}

/// A size in bytes for people: `8 MB`, `1.5 GB`, `300 KB`.
struct Size(u64);

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const UNITS: [&str; 4] = ["bytes", "KB", "MB", "GB"];
        let mut value = self.0 as f64;
        let mut unit = 0;
        while value >= 1024.0 && unit + 1 < UNITS.len() {
            value /= 1024.0;
            unit += 1;
        }
        if unit == 0 || value.fract() < 0.05 {
            write!(f, "{value:.0} {}", UNITS[unit])
        } else {
            write!(f, "{value:.1} {}", UNITS[unit])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(Size(MAX_BYTES).to_string(), "8 MB");
        assert_eq!(Size(1536 * 1024 * 1024).to_string(), "1.5 GB");
        assert_eq!(Size(300 * 1024).to_string(), "300 KB");
        assert_eq!(Size(12).to_string(), "12 bytes");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading_it() {
        let error = read(Path::new("/dev/zero"), Links::Follow).expect_err("a device");
        assert!(
            matches!(
                error,
                ReadError::NotRegular {
                    what: "a device",
                    ..
                }
            ),
            "{error}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_read_only_when_allowed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("real.json");
        fs::write(&file, b"{}").expect("write");
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&file, &link).expect("link");
        assert_eq!(read(&link, Links::Follow).expect("followed"), b"{}");
        let error = read(&link, Links::Refuse).expect_err("not followed");
        assert!(matches!(error, ReadError::Link { .. }), "{error}");
        assert!(matches!(
            check(&link, Links::Refuse),
            Err(ReadError::Link { .. })
        ));
        fs::remove_file(&file).expect("remove");
        let error = read(&link, Links::Follow).expect_err("dangling");
        assert!(matches!(error, ReadError::DanglingLink { .. }), "{error}");
    }
}
