//! Tools for questionnaire authors: the decision tree as a diagram. The
//! checks themselves live in `aiact-core` (`Questionnaire::load`).

pub mod graph;
