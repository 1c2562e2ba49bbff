//! Sentences every rendering of a verdict says the same way (text,
//! Markdown, HTML), kept in one place.

use std::fmt::{Display, Write};

use aiact_core::verdict::{PointMention, RoleResult, Status, Subject};

use super::model::MigrationNotice;

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

// ---- the verdict's sections, in the order every surface shows them ----

/// Heading of the result of a finished assessment.
pub const RESULT: &str = "Result";
/// Heading of the result of an unfinished assessment.
pub const RESULT_SO_FAR: &str = "Result so far";
/// Heading of today's result beside a look-ahead to the launch.
pub const RESULT_TODAY: &str = "Result today";
pub const PLAN: &str = "What you must do, by when";
pub const OPEN_POINTS: &str = "Open points";
pub const FINDINGS: &str = "Findings";
pub const OTHERS: &str = "Duties of others in the chain";
pub const ANSWERS: &str = "Your answers";
/// After the result's heading (text) or as a badge.
pub const PROVISIONAL: &str = " (provisional)";
pub const BASIS: &str = "Basis:";
pub const ROLE: &str = "Your role:";

/// "1 duty", "15 duties".
pub fn duties(count: usize) -> String {
    match count {
        1 => "1 duty".to_owned(),
        n => format!("{n} duties"),
    }
}

pub const NO_DUTY: &str = "no duty for you";

/// Another tier that brings duties beside the result.
pub fn also_applies(tier: &str, basis: Option<&str>, outlook: &str) -> String {
    match basis {
        Some(basis) => format!("Also {tier} ({basis}): {outlook}."),
        None => format!("Also {tier}: {outlook}."),
    }
}

/// The offer to look ahead to the launch of a system in development.
pub fn look_ahead_offer(offer: Option<&str>, label: &str) -> String {
    let offer = offer.map_or_else(String::new, |offer| format!("{offer} "));
    format!(
        "{offer}The answers for “{label}” are kept with the assessment; they do not change today's result."
    )
}

/// "When you launch (not applying yet)".
pub fn not_applying_yet(label: &str) -> String {
    format!("{label} (not applying yet)")
}

pub const PREPARE_FOR_LAUNCH: &str = "What to prepare for launch (not applying yet)";
/// Questions for the launch still without an answer.
pub fn launch_missing(count: usize) -> String {
    match count {
        1 => "1 question for the launch is still open: this is only what the answers so far show."
            .to_owned(),
        n => format!(
            "{n} questions for the launch are still open: this is only what the answers so far show."
        ),
    }
}

pub const NOW: &str = "Now";
pub const AT_LAUNCH: &str = "At launch";
pub const LATER: &str = "Later";

pub fn from(date: &str) -> String {
    format!("From {date}")
}

/// In a look-ahead: a date may come before the launch.
pub fn from_or_launch(date: &str) -> String {
    format!("From {date}, or at launch if later")
}

pub fn since(date: &str) -> String {
    format!("since {date}")
}

/// "from 2 December 2027", within a sentence.
pub fn starting(date: &str) -> String {
    format!("from {date}")
}

pub fn by_deadline(date: &str) -> String {
    format!("By {date} at the latest")
}

/// A change the user makes brings the duties (see the result).
pub fn on_change(not_before: Option<&str>) -> String {
    match not_before {
        Some(date) => format!("From the change you make, not before {date}"),
        None => "From the change you make".to_owned(),
    }
}

/// A hold keeps the duties back (the result says until what).
pub fn on_hold(not_before: Option<&str>) -> String {
    match not_before {
        Some(date) => format!("On hold: only once the hold ends, not before {date}"),
        None => "On hold: only once the hold ends".to_owned(),
    }
}

/// A step that rests on settling "not sure" answers one way.
pub fn only_if(answers: &str) -> String {
    format!("Only if you answer {answers} (you were not sure):")
}

/// The same, in a few words (the at-a-glance table).
pub fn only_if_short(answers: &str) -> String {
    format!("Only if you answer {answers} (you were not sure)")
}

/// A hold that keeps back duties another settling of the answers brings:
/// listed once, under that settling's step; `more` when the hold keeps
/// back others as well, listed after this line.
pub fn same_duties_on_hold(count: usize, settled: &[String], more: bool) -> String {
    let under = settled
        .iter()
        .map(|heading| format!("“{heading}”"))
        .collect::<Vec<_>>()
        .join(" and ");
    let same = format!("the same {} as under {under}", duties(count));
    if more {
        format!("Otherwise, kept on hold until the hold ends: {same}, and these:")
    } else {
        format!("Otherwise: {same}, kept on hold until the hold ends.")
    }
}

/// Marks a date reported by secondary sources only; the legend says so once.
pub const REPORTED_MARK: &str = "†";
pub const DATES: &str = "About these dates:";
pub const REPORTED_LEGEND: &str = "† Reported, not verified against the official text.";
/// Before the items that come with the duties but are none (fines).
pub const CONTEXT_ITEMS: &str = "For context";
/// The steps every verdict within the Act passes through, in one line.
pub const GATES: &str = "Within the AI Act:";
/// After a finding that brings no duty under the result.
pub const FOR_CONTEXT: &str = " (for context: no duty follows from it here)";
/// After a duty of others that is theirs only where their use makes it so,
/// or, where the user answered "not sure" (`after_unsure`), perhaps only on
/// that answer.
pub fn depending_on_their_use(after_unsure: bool) -> &'static str {
    if after_unsure {
        " (depending on how they use it, or on an answer you were not sure of)"
    } else {
        " (depending on how they use it)"
    }
}

/// A duty of others kept back by the same hold as the user's.
pub fn on_hold_for_them(not_before: &str) -> String {
    format!("on hold as yours are: only once the hold ends, not before {not_before}")
}

/// A duty of others that the user's change brings, as it brings theirs.
pub fn on_change_for_them(not_before: &str) -> String {
    format!("as yours: from the change, not before {not_before}")
}

/// A duty of others due by the user's deadline.
pub fn by_deadline_for_them(date: &str) -> String {
    format!("as yours: by {date} at the latest")
}
/// Beside the launch's tier in a pyramid.
pub const LAUNCH_MARK: &str = "when you launch (not applying yet)";
pub const AT_A_GLANCE: &str = "At a glance";
/// Before the duties of a plan step that an earlier step describes.
pub const DESCRIBED_ABOVE: &str = "The same duties as described above:";

/// "Run a risk management system; Govern data; and 14 more".
pub fn first_of(titles: &[&str], shown: usize) -> String {
    match titles.len().checked_sub(shown) {
        Some(more) if more > 1 => format!("{}; and {more} more", titles[..shown].join("; ")),
        _ => titles.join("; "),
    }
}

/// "3 questions to settle (answers you were not sure of)".
pub fn questions_to_settle(count: usize) -> String {
    match count {
        1 => "1 question to settle (an answer you were not sure of): see below.".to_owned(),
        n => format!("{n} questions to settle (answers you were not sure of): see below."),
    }
}

/// How many answers the result turns on, the first shown here.
pub fn most_first(count: usize) -> String {
    match count {
        1 => "1 answer; below in full".to_owned(),
        n => format!("{n} answers, the most important first; below in full"),
    }
}

/// A report's notice that the questionnaire changed under the answers,
/// with the text from the file escaped for the format and the saved tier
/// set between `strong`'s two pieces of markup: "The answers were saved
/// with version 1.0; this report uses version 1.1 (same number, other
/// content). The verdict is recomputed; the saved one was **High-risk**."
pub fn questionnaire_updated<D: Display>(
    migration: &MigrationNotice,
    escape: impl Fn(&str) -> D,
    [open, close]: [&str; 2],
) -> String {
    let mut sentence = format!(
        "The answers were saved with version {}; this report uses version {}",
        escape(&migration.from_version),
        escape(&migration.to_version)
    );
    if migration.same_version_other_content {
        sentence.push_str(" (same number, other content)");
    }
    sentence.push_str(". The verdict is recomputed");
    if let Some(previous) = &migration.previous_tier {
        let _ = write!(
            sentence,
            "; the saved one was {open}{}{close}",
            escape(&previous.label)
        );
    }
    sentence.push('.');
    sentence
}
