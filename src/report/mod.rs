//! Readable renderings of a verdict: text, Markdown, HTML, JSON and the
//! workshop summary.

pub mod escape;
pub mod format;
pub mod html;
pub mod markdown;
pub mod model;
pub mod outline;
mod reuse;
pub mod summary;
pub mod text;
pub mod turns_on;
pub mod wording;

pub use format::{ExportFormat, write_report};
