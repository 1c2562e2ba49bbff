//! Sentences every rendering of a verdict says the same way (text,
//! Markdown, HTML), kept in one place.

use aiact_core::verdict::{MilestoneInfo, PointMention, RoleResult, Status, Subject};

use super::text::long_date;

pub const NO_FINDINGS: &str = "None: no specific rule of the Act was triggered by your answers.";
/// Also where some answers were "not sure": later answers settled them, or
/// they change nothing (it must not say the user was sure of them).
pub const NO_OPEN_POINTS: &str =
    "None: nothing in this result waits on an answer you were not sure of.";
/// An answer the user was not sure of, heading its open points.
pub const NOT_SURE_OF: &str = "You were not sure:";
pub const HOW_TO_FIND_OUT: &str = "How to find out:";
pub const DEPENDS_ON_IT: &str = "What depends on it:";

/// One open point under an answer it rests on: in full where first listed,
/// by its title where an earlier answer already listed it.
pub fn open_point_line(mention: &PointMention<'_>) -> String {
    let point = mention.point;
    let kind = match point.subject {
        Subject::Finding => "",
        Subject::Role => "Role: ",
    };
    match (&point.to_check, mention.first) {
        (Some(check), true) => format!("{kind}{}. To check: {check}", point.title),
        (None, true) => format!("{kind}{}", point.title),
        (_, false) => format!("{kind}{} (see above)", point.title),
    }
}
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

/// A date an obligation may apply from instead, depending on answers.
pub fn other_possible_date(other: &MilestoneInfo) -> String {
    format!(
        "Or from {} instead, depending on your answers ({})",
        long_date(other.date),
        other.title
    )
}

/// Role labels, "(provisional)" added where a role rests on a "not sure".
pub fn role_labels(roles: &[RoleResult]) -> Vec<String> {
    roles
        .iter()
        .map(|role| match role.status {
            Status::Holds => role.label.clone(),
            Status::Provisional => format!("{} (provisional)", role.label),
        })
        .collect()
}
