//! Readable renderings of a verdict and of the questionnaire.

pub mod graph;
pub mod text;
