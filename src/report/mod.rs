//! Readable renderings of a verdict.

pub mod text;
