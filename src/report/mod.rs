//! Readable renderings of a verdict.

pub mod markdown;
pub mod text;
