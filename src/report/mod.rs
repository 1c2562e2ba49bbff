//! Readable renderings of a verdict and of the questionnaire.

pub mod escape;
pub mod graph;
pub mod html;
pub mod markdown;
pub mod model;
pub mod summary;
pub mod text;
pub mod wording;
