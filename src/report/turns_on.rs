//! "What this result turns on" as every rendering says it: the section's
//! items in plain sentences, for the text, Markdown and HTML reports (and
//! for any other view of a verdict: each item names its question, so a
//! screen can open it). The analysis is `aiact_core::turns_on`; this only
//! words it. Text is returned unescaped: each renderer escapes for itself.

use aiact_core::Verdict;
use aiact_core::turns_on::{Alternative, Aspect, DecisiveAnswer, Edit, Outlook, Point};
use aiact_core::verdict::Status;

use super::text::long_date;
use super::wording::role_labels;

pub const TITLE: &str = "What this result turns on";
pub const INTRO: &str = "Each answer below decides part of the result: another answer, alone, would change it. Check these first.";
/// Said when no single answer would change the result.
pub const NOTHING: &str = "No single answer would change this result.";
pub const YOU_ANSWERED: &str = "You answered:";
pub const HOW_TO_CHECK: &str = "How to check:";
/// After a "not sure" answer, which the open points list as well.
pub const ALSO_OPEN: &str = " (an open point: see below)";

/// Alternatives shown for one answer; the others are counted.
const MAX_ALTERNATIVES: usize = 4;
/// Options named for one alternative; the others are counted.
const MAX_OPTIONS: usize = 3;
/// Provisions named after a tier; more than this (an alternative that opens
/// the whole questionnaire) says nothing useful, so none are named.
const MAX_PROVISIONS: usize = 8;
/// Answers a report words in full; the others are named in a line each.
pub const REPORT_ITEMS: usize = 6;

/// One answer the result turns on, worded.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<'a> {
    /// The question's id: a screen can open it to change the answer.
    pub question: &'a str,
    pub question_text: &'a str,
    /// The answer given, shortened where its label runs on.
    pub answer: String,
    pub not_sure: bool,
    /// "If you answered Yes: HIGH-RISK (Annex III, point 4(a)); 17 duties
    /// from 2 December 2027."
    pub alternatives: Vec<String>,
    /// "2 more answers would change it too." when some are not shown.
    pub more: Option<String>,
    pub hint: Option<&'a str>,
}

/// Another answer the result turns on, named only (see [`Section`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Also<'a> {
    pub question: &'a str,
    pub question_text: &'a str,
    pub answer: String,
}

/// The section as a report prints it: the most important answers in full,
/// the others by name.
#[derive(Debug, Clone, PartialEq)]
pub struct Section<'a> {
    pub items: Vec<Item<'a>>,
    pub also: Vec<Also<'a>>,
}

pub const ALSO: &str = "It also turns on these answers:";

/// Every item in full, most important first (for a screen that scrolls);
/// `None` when the verdict was computed without them, an empty list when
/// nothing turns on one answer (say [`NOTHING`]).
pub fn items(verdict: &Verdict) -> Option<Vec<Item<'_>>> {
    let decisive = verdict.turns_on.as_ref()?;
    Some(decisive.iter().map(worded).collect())
}

/// The section for a report: [`REPORT_ITEMS`] items in full, the rest named.
pub fn section(verdict: &Verdict) -> Option<Section<'_>> {
    let decisive = verdict.turns_on.as_ref()?;
    let (full, named) = decisive.split_at(decisive.len().min(REPORT_ITEMS));
    Some(Section {
        items: full.iter().map(worded).collect(),
        also: named
            .iter()
            .map(|item| Also {
                question: &item.question,
                question_text: &item.question_text,
                answer: short_answer(&item.answer_label),
            })
            .collect(),
    })
}

/// The most important item in one line, for a table cell: "Does the
/// system profile people? If you answered Yes: HIGH-RISK".
pub fn top_line(verdict: &Verdict) -> Option<String> {
    let item = verdict.turns_on.as_ref()?.first()?;
    let alternative = item.alternatives.first()?;
    Some(format!(
        "{} {}: {}",
        short_question(&item.question_text),
        condition(alternative),
        tier_clause(alternative)
    ))
}

impl Item<'_> {
    /// Said after the answer given when it was "not sure" (an open point).
    pub fn open_note(&self) -> &'static str {
        if self.not_sure { ALSO_OPEN } else { "" }
    }
}

fn worded(item: &DecisiveAnswer) -> Item<'_> {
    let shown = item.alternatives.len().min(MAX_ALTERNATIVES);
    let hidden = item.alternatives.len() - shown;
    Item {
        question: &item.question,
        question_text: &item.question_text,
        answer: short_answer(&item.answer_label),
        not_sure: item.not_sure,
        alternatives: item.alternatives[..shown].iter().map(sentence).collect(),
        more: (hidden > 0).then(|| match hidden {
            1 => "1 more answer would change it too.".to_owned(),
            n => format!("{n} more answers would change it too."),
        }),
        hint: item.hint.as_deref(),
    }
}

/// "If you answered Yes: HIGH-RISK (...); ...; 17 duties from 2 December 2027."
fn sentence(alternative: &Alternative) -> String {
    let tier_changed = alternative.changes.contains(&Aspect::Tier);
    let mut clauses = vec![tier_clause(alternative)];
    if !tier_changed {
        if let Some(gained) = provisions(&alternative.gained) {
            clauses.push(format!("also under {gained}"));
        }
        if let Some(lost) = provisions(&alternative.lost) {
            clauses.push(format!("no longer under {lost}"));
        }
    }
    for point in titled(&alternative.gained) {
        clauses.push(match point.status {
            Status::Holds => point.title.clone(),
            Status::Provisional => format!("{} (provisional)", point.title),
        });
    }
    // Where nothing applies any more (not an AI system, say), what no
    // longer holds goes without saying.
    if !tier_changed || !alternative.duties.is_empty() {
        for point in titled(&alternative.lost) {
            clauses.push(format!("no longer: {}", point.title));
        }
    }
    if alternative.changes.contains(&Aspect::Roles) && alternative.roles.is_empty() && !tier_changed
    {
        clauses.push("no role".to_owned());
    }
    if alternative.changes.contains(&Aspect::Roles) && !alternative.roles.is_empty() {
        let roles = role_labels(&alternative.roles);
        let noun = if roles.len() == 1 { "role" } else { "roles" };
        clauses.push(format!("your {noun}: {}", roles.join(", ")));
    }
    if !tier_changed
        && clauses.len() == 1
        && let Some(aspect) = alternative.changes.iter().find(|c| {
            !matches!(
                c,
                Aspect::Tier | Aspect::Roles | Aspect::Duties | Aspect::Dates
            )
        })
    {
        // Nothing precise to name (only might hold, or too many): say what.
        let verb = if alternative.opens.is_empty() {
            "would"
        } else {
            "could"
        };
        clauses.push(format!("{} {verb} change", aspect_words(*aspect)));
    }
    if alternative
        .changes
        .iter()
        .any(|c| matches!(c, Aspect::Tier | Aspect::Duties | Aspect::Dates))
    {
        clauses.push(duties_clause(alternative));
    }
    let depending = match alternative.opens.len() {
        0 => String::new(),
        1 => ", depending on a question not yet asked".to_owned(),
        n => format!(", depending on {n} questions not yet asked"),
    };
    format!(
        "{}: {}{depending}.",
        condition(alternative),
        clauses.join("; ")
    )
}

/// "HIGH-RISK (Annex III, point 4(a))", "could become PROHIBITED (...)",
/// "still HIGH-RISK".
fn tier_clause(alternative: &Alternative) -> String {
    let label = alternative.tier.label.to_uppercase();
    let tier_changed = alternative.changes.contains(&Aspect::Tier);
    // "Could become" says already that it might not hold.
    let provisional =
        alternative.tier_status == Status::Provisional && alternative.outlook == Outlook::Would;
    let mut clause = match (tier_changed, alternative.outlook) {
        (false, _) => format!("still {label}"),
        (true, Outlook::Would) => label,
        (true, Outlook::CouldBecome) => format!("could become {label}"),
    };
    if provisional {
        clause.push_str(" (provisional)");
    }
    if tier_changed && let Some(grounds) = provisions(&alternative.grounds) {
        clause.push_str(&format!(" ({grounds})"));
    }
    clause
}

/// The provisions of the bans and the high-risk basis among `points`, each
/// once, grouped: "Annex III, points 4(a), 4(b)"; `None` when there are too
/// many to be worth naming.
fn provisions(points: &[Point]) -> Option<String> {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut count = 0;
    for label in points.iter().filter_map(|point| point.label.as_deref()) {
        // "Annex III, point 4(a)" is "Annex III, point" and "4(a)".
        let (head, tail) = label.rsplit_once(' ').unwrap_or(("", label));
        match groups.iter_mut().find(|(known, _)| *known == head) {
            Some((_, tails)) if tails.contains(&tail) => continue,
            Some((_, tails)) => tails.push(tail),
            None => groups.push((head, vec![tail])),
        }
        count += 1;
    }
    if count == 0 || count > MAX_PROVISIONS {
        return None;
    }
    let named: Vec<String> = groups
        .into_iter()
        .map(|(head, tails)| {
            let plural = if tails.len() > 1 { "s" } else { "" };
            format!("{head}{plural} {}", tails.join(", "))
        })
        .collect();
    Some(named.join("; "))
}

/// What changes, said in general where nothing more precise is shown.
fn aspect_words(aspect: Aspect) -> &'static str {
    match aspect {
        Aspect::Tier => "the risk tier",
        Aspect::Prohibition => "the banned practices (Article 5)",
        Aspect::HighRiskBasis => "the high-risk basis",
        Aspect::HighRiskExemption => "the Article 6(3) exemption",
        Aspect::Gpai => "the general-purpose AI model rules",
        Aspect::Roles => "your roles",
        Aspect::Transparency => "the transparency duties (Article 50)",
        Aspect::Duties => "your duties",
        Aspect::Dates => "the dates of your duties",
    }
}

/// Points said by their titles (the Article 6(3), Article 50 and GPAI findings).
fn titled(points: &[Point]) -> impl Iterator<Item = &Point> {
    points.iter().filter(|point| point.label.is_none())
}

/// "17 duties: 1 applies now, 16 from 2 December 2027"; "up to 19 duties"
/// while questions are to come; "no duties".
fn duties_clause(alternative: &Alternative) -> String {
    let total: usize = alternative.duties.iter().map(|d| d.count).sum();
    let noun = |n: usize| if n == 1 { "duty" } else { "duties" };
    if total == 0 {
        return "no duties".to_owned();
    }
    if !alternative.opens.is_empty() {
        return format!("up to {total} {}", noun(total));
    }
    let now: usize = alternative
        .duties
        .iter()
        .filter(|d| d.now)
        .map(|d| d.count)
        .sum();
    let mut parts: Vec<String> = Vec::new();
    if now > 0 {
        parts.push(format!(
            "{now} {} now",
            if now == 1 { "applies" } else { "apply" }
        ));
    }
    for later in alternative.duties.iter().filter(|d| !d.now) {
        parts.push(format!("{} from {}", later.count, long_date(later.date)));
    }
    match parts.as_slice() {
        [_] if now == total => format!(
            "{total} {} that {} now",
            noun(total),
            if total == 1 { "applies" } else { "apply" }
        ),
        [_] => format!(
            "{total} {} from {}",
            noun(total),
            alternative
                .duties
                .last()
                .map(|d| long_date(d.date))
                .unwrap_or_default()
        ),
        _ => format!("{total} {}: {}", noun(total), parts.join(", ")),
    }
}

/// "If you answered No", "If you also ticked “X”", "If you had ticked only
/// “X” or only “Y”", for every answer that leads to the same result.
fn condition(alternative: &Alternative) -> String {
    let mut phrases: Vec<String> = Vec::new();
    for edit in [
        Edit::Answer,
        Edit::NotSure,
        Edit::Tick,
        Edit::Untick,
        Edit::Instead,
        Edit::Only,
    ] {
        let labels: Vec<String> = alternative
            .answers
            .iter()
            .filter(|answer| answer.edit == edit)
            .map(|answer| match (&answer.option_label, edit) {
                (Some(option), Edit::Tick | Edit::Untick | Edit::Instead | Edit::Only) => {
                    format!("“{}”", short(option))
                }
                _ => short(&answer.answer_label),
            })
            .collect();
        if labels.is_empty() {
            continue;
        }
        let listed = listing(&labels);
        phrases.push(match edit {
            Edit::Answer | Edit::NotSure => format!("answered {listed}"),
            Edit::Tick => format!("also ticked {listed}"),
            Edit::Untick => format!("had not ticked {listed}"),
            Edit::Instead if labels.len() == 1 => format!("had ticked {listed} instead"),
            Edit::Instead => format!("had ticked one of {listed} instead"),
            Edit::Only if labels.len() == 1 => format!("had ticked only {listed}"),
            Edit::Only => format!("had ticked only one of {listed}"),
        });
    }
    format!("If you {}", phrases.join(", or "))
}

/// "A", "A or B", "A, B or C", "A, B, C or 2 others".
fn listing(labels: &[String]) -> String {
    match labels {
        [] => String::new(),
        [only] => only.clone(),
        _ if labels.len() > MAX_OPTIONS => {
            let others = labels.len() - MAX_OPTIONS;
            format!(
                "{} or {others} {}",
                labels[..MAX_OPTIONS].join(", "),
                if others == 1 { "other" } else { "others" }
            )
        }
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A label up to its first explanation: "It learned from data: machine
/// learning of any kind (...)" is "It learned from data".
fn short(label: &str) -> String {
    let cut = [": ", " ("]
        .iter()
        .filter_map(|mark| label.find(mark))
        .min()
        .filter(|&at| label[..at].contains(' '));
    match cut {
        Some(at) => label[..at].trim_end_matches([',', ';']).to_owned(),
        None => label.to_owned(),
    }
}

/// An answer as the user gave it, each option shortened.
fn short_answer(label: &str) -> String {
    label.split("; ").map(short).collect::<Vec<_>>().join("; ")
}

/// A question up to its first explanation, still a question.
fn short_question(text: &str) -> String {
    let cut = short(text);
    if cut.len() < text.len() && !cut.ends_with('?') {
        format!("{cut}?")
    } else {
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_shortened_at_their_first_explanation() {
        assert_eq!(
            short("It learned from data: machine learning of any kind (neural networks)"),
            "It learned from data"
        );
        assert_eq!(
            short("In places open to the public (streets, stations), whoever owns them"),
            "In places open to the public"
        );
        assert_eq!(short("Yes"), "Yes");
        assert_eq!(
            short("Employment: hiring"),
            "Employment: hiring",
            "one word stays whole"
        );
        assert_eq!(
            short_question("In that use, does the system profile people: evaluate them?"),
            "In that use, does the system profile people?"
        );
    }

    #[test]
    fn lists_name_a_few_and_count_the_rest() {
        let labels: Vec<String> = ["A", "B", "C", "D", "E"].map(String::from).to_vec();
        assert_eq!(listing(&labels[..1]), "A");
        assert_eq!(listing(&labels[..2]), "A or B");
        assert_eq!(listing(&labels[..3]), "A, B or C");
        assert_eq!(listing(&labels), "A, B, C or 2 others");
    }
}
