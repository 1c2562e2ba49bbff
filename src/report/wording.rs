//! Sentences every rendering of a verdict says the same way (text,
//! Markdown, HTML), kept in one place.

pub const NO_FINDINGS: &str = "None: no specific rule of the Act was triggered by your answers.";
pub const NO_OPEN_POINTS: &str = "None: you were sure of every answer that matters.";
/// Under an open point whose "not sure" was already explained above it.
pub const SEE_ABOVE: &str = "What to check about it is said above.";
/// The result of an unfinished assessment whose answers decide nothing yet.
pub const UNDECIDED: &str = "Not decided yet";
pub const UNDECIDED_SUMMARY: &str =
    "Nothing in your answers so far decides the risk tier: answer the remaining questions.";
pub const BECAUSE: &str = "Because you answered:";
/// After "Provisional:".
pub const PROVISIONAL_TIER: &str =
    "it rests on answers you were not sure of (see the open points).";
/// "It may turn out to be <tier> instead, ..."
pub const POSSIBLE_TIER_BEFORE: &str = "It may turn out to be";
pub const POSSIBLE_TIER_AFTER: &str =
    "instead, depending on answers you were not sure of (see the open points).";
/// After "Not finished.", before the list of questions.
pub const NOT_FINISHED: &str =
    "These questions still need an answer; what follows is only what the answers so far show:";
