//! Readable renderings of a verdict and of the questionnaire.

pub mod graph;
pub mod markdown;
pub mod text;
