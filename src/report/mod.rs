//! Readable renderings of a verdict: text, Markdown, HTML, JSON and the
//! workshop summary.

pub mod brief;
pub mod compare;
pub mod escape;
pub mod format;
pub mod html;
pub mod markdown;
pub mod model;
pub mod outline;
mod reuse;
#[cfg(test)]
mod scenarios;
pub mod summary;
pub mod text;
pub mod turns_on;
pub mod wording;

pub use format::{ExportFormat, write_report};

/// What `write` writes, as a string. The writers return a `fmt::Result`
/// to use `?`; writing to a `String` cannot fail, so it is dropped here.
pub(crate) fn written(
    capacity: usize,
    write: impl FnOnce(&mut String) -> std::fmt::Result,
) -> String {
    let mut out = String::with_capacity(capacity);
    let _ = write(&mut out);
    out
}
