//! The outcome in a few words, for a table cell or a side of a comparison
//! (`aiact summary`, `aiact compare` and the app's comparison): the
//! result, what it rests on, an exemption or a hold, the next deadline,
//! when a duty starts. Everything is read from the verdict's `outcome` and
//! `plan` (worked out once, in the core); this only words it, in short.
//! Text is returned unescaped: each rendering escapes for itself.

use aiact_core::Verdict;
use aiact_core::compare::Start;
use aiact_core::outcome::{DutyOutlook, DutyState, OutlookAlternative, PlanStep, When};
use aiact_core::verdict::{AnswerReason, Status};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::text::long_date;
use super::wording::{PROVISIONAL, UNDECIDED, duties};

pub const SO_FAR: &str = " so far";
pub const NOTHING: &str = "none";

fn marked(text: &str, status: Status) -> String {
    match status {
        Status::Holds => text.to_owned(),
        Status::Provisional => format!("{text}{PROVISIONAL}"),
    }
}

/// The headline: "High-risk — duties on hold (provisional)"; "so far" while
/// questions remain; [`UNDECIDED`] while nothing decides it.
pub fn headline(verdict: &Verdict) -> String {
    if verdict.decided_tier().is_none() {
        return UNDECIDED.to_owned();
    }
    let title = &verdict.outcome.title;
    if !verdict.complete {
        format!("{title}{SO_FAR}")
    } else {
        marked(title, verdict.outcome.status)
    }
}

/// The other tiers that bring duties too: "Transparency duties".
pub fn also(verdict: &Verdict) -> Vec<String> {
    (verdict.outcome.also.iter())
        .map(|also| also.label.clone())
        .collect()
}

/// For a system outside the rules only for now: "When you launch:
/// High-risk", once the questions for the launch have an answer.
pub fn look_ahead(verdict: &Verdict) -> Option<String> {
    let ahead = verdict.look_ahead.as_ref()?;
    let launched = ahead.verdict.as_deref()?;
    Some(format!("{}: {}", ahead.label, headline(launched)))
}

/// The result in one cell: the headline, the other tiers with duties, the
/// look-ahead.
pub fn result(verdict: &Verdict) -> String {
    let mut result = headline(verdict);
    let also = also(verdict);
    if !also.is_empty() {
        result.push_str(&format!("; also {}", also.join(", ")));
    }
    if let Some(ahead) = look_ahead(verdict) {
        result.push_str(&format!(". {ahead}"));
    }
    result
}

/// The provisions the result rests on: "Annex III 4(a)".
pub fn basis(verdict: &Verdict) -> Vec<String> {
    (verdict.outcome.basis.iter())
        .map(|basis| marked(&basis.label, basis.status))
        .collect()
}

/// The exemptions, holds, deadlines: their titles, then where the duties
/// would stand with a "not sure" answer settled: "duties on hold; or by 2
/// August 2030 if “Do public authorities use it?” is Yes".
pub fn exemption_or_hold(verdict: &Verdict) -> Vec<String> {
    let outcome = &verdict.outcome;
    let mut cells: Vec<String> = (outcome.qualifiers.iter())
        .map(|qualifier| marked(&qualifier.title, qualifier.status))
        .collect();
    if !cells.is_empty() {
        let today = verdict.evaluated_on;
        cells.extend((outcome.duties.alternatives.iter()).map(|other| alternative(other, today)));
    }
    cells
}

/// "or by 2 August 2030 (16 duties) if “…” is Yes", the question named
/// briefly where it is long (the questions to settle spell it out).
fn alternative(alternative: &OutlookAlternative, today: Date) -> String {
    let outlook = DutyOutlook {
        state: alternative.state,
        date: alternative.date,
        count: alternative.count,
        held: alternative.count,
        ..DutyOutlook::default()
    };
    format!(
        "or {}{}",
        standing(&outlook, today),
        if_settled_briefly(&alternative.if_answers)
    )
}

/// [`if_settled`], each question named by [`question_reference`] where
/// spelling them out would run past [`SPELLED_OUT`].
fn if_settled_briefly(answers: &[AnswerReason]) -> String {
    let spelled_out = if_settled(answers);
    if spelled_out.chars().count() <= SPELLED_OUT {
        return spelled_out;
    }
    let each: Vec<String> = (answers.iter())
        .map(|answer| {
            format!(
                "{} is {}",
                question_reference(&answer.question_text),
                answer.answer_label
            )
        })
        .collect();
    format!(" if {}", each.join(" and "))
}

/// Words of a question a cell keeps when it refers to it; a question at
/// most [`UNCUT_WORDS`] words long is kept whole.
const REFERENCE_WORDS: usize = 7;
const UNCUT_WORDS: usize = 10;

/// A question named in a few words, for a cell beside the one that spells
/// it out (the questions to settle): “From the day the high-risk rules
/// apply…”. Its first sentence, without what is in parentheses. Quoted
/// and cut by words: a pointer to the question, where `turns_on`'s
/// `short_question` states the question itself.
pub fn question_reference(question_text: &str) -> String {
    let mut depth = 0usize;
    let mut words: Vec<&str> = Vec::new();
    for word in question_text.split_whitespace() {
        let inside = depth > 0 || word.starts_with('(');
        depth += word.matches('(').count();
        depth = depth.saturating_sub(word.matches(')').count());
        if inside {
            continue;
        }
        words.push(word);
        if word.ends_with('?') {
            break;
        }
    }
    if words.len() <= UNCUT_WORDS {
        return format!("“{}”", words.join(" "));
    }
    let kept = words[..REFERENCE_WORDS].join(" ");
    format!("“{}…”", kept.trim_end_matches([',', ':', ';']))
}

/// " if “Q” is A and “Q2” is B": the settled answers a step or an
/// alternative holds under.
fn if_settled(answers: &[AnswerReason]) -> String {
    if answers.is_empty() {
        return String::new();
    }
    let each: Vec<String> = (answers.iter())
        .map(|answer| format!("“{}” is {}", answer.question_text, answer.answer_label))
        .collect();
    format!(" if {}", each.join(" and "))
}

/// Where the duties under a result stand, in short: "16 duties from 2
/// December 2027", "on hold (16 duties)", "stop now" (as of `today`).
/// A cell's words; the report's sentence ("16 duties, from …") is
/// `outline::outlook`'s, which differs in every state but one.
pub fn standing(outlook: &DutyOutlook, today: Date) -> String {
    let date = outlook.date.map(long_date).unwrap_or_default();
    let count = duties(outlook.count);
    match outlook.state {
        DutyState::None => "no duties under this result".to_owned(),
        DutyState::Now => format!("{count}, all apply now"),
        DutyState::From => format!("{count} from {date}"),
        DutyState::Mixed => format!("{count}: {} now, the others from {date}", outlook.now),
        DutyState::OnHold => format!("on hold ({})", duties(outlook.held)),
        DutyState::OnChange => format!("{count} from the change, not before {date}"),
        DutyState::ByDeadline => format!("{count} by {date}"),
        DutyState::Stop if outlook.date.is_some_and(|d| d > today) => format!("stop from {date}"),
        DutyState::Stop => "stop now".to_owned(),
        DutyState::NotYet => "none for now".to_owned(),
    }
}

/// Where the user's duties stand, with AI literacy (the duty every verdict
/// within the Act has, which [`standing`] counts apart) named, so that the
/// cell agrees with the plan and the next deadline: "16 duties from 2
/// December 2027; and AI literacy", "AI literacy only (no duties under
/// this result)".
pub fn your_duties(verdict: &Verdict) -> String {
    let outlook = &verdict.outcome.duties;
    let standing = standing(outlook, verdict.evaluated_on);
    match (outlook.baseline, outlook.state) {
        (0, _) => standing,
        (_, DutyState::None) => format!("{AI_LITERACY} only ({standing})"),
        _ => format!("{standing}; and {AI_LITERACY}"),
    }
}

/// The duty every verdict within the Act brings (`baseline` of the outlook).
const AI_LITERACY: &str = "AI literacy";

/// The next date a duty starts, in a cell ("2 December 2027: 16 duties"),
/// with the date for sorting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// `None` where it is not a date (on hold, stop now, at launch).
    pub date: Option<Date>,
    /// How many duties start then (on the first of its steps).
    pub duties: usize,
    pub text: String,
}

/// The first dated step of the plan still to come: "2 December 2027: 16
/// duties"; "stop now" for a ban; "on hold" when all that is left is
/// kept back; "all apply now" when every duty applies already; the
/// launch's for a system still in development; `None` without duties.
pub fn next_deadline(verdict: &Verdict) -> Option<Deadline> {
    let outcome = &verdict.outcome;
    match outcome.duties.state {
        DutyState::Stop => {
            let date = (outcome.duties.date).filter(|&date| date > verdict.evaluated_on);
            // The duties the plan lists then, as show lists them: the stop
            // and AI literacy beside it.
            let duties = (verdict.plan.iter())
                .filter(|step| match date {
                    Some(date) => step.date == Some(date),
                    None => step.when == When::Now,
                })
                .map(|step| step.duties.len())
                .sum();
            return Some(Deadline {
                date,
                duties,
                text: standing(&outcome.duties, verdict.evaluated_on),
            });
        }
        DutyState::NotYet => {
            let ahead = verdict.look_ahead.as_ref()?;
            let launched = ahead.verdict.as_deref()?;
            let count: usize = (launched.plan.iter())
                .filter(|step| step.when != When::OnHold)
                .map(|step| step.duties.len())
                .sum();
            return Some(Deadline {
                date: None,
                duties: count,
                text: format!("{}: {}", ahead.label, duties(count)),
            });
        }
        _ => {}
    }
    let dated = |step: &&PlanStep| {
        matches!(step.when, When::From | When::ByDeadline | When::OnChange) && step.date.is_some()
    };
    let first = verdict
        .plan
        .iter()
        .filter(dated)
        .map(|step| step.date)
        .min();
    if let Some(date) = first {
        let steps: Vec<&PlanStep> = (verdict.plan.iter())
            .filter(dated)
            .filter(|step| step.date == date)
            .collect();
        // Steps on one date that differ only by the answer they depend on
        // start the same number of duties then, whatever the answer.
        let same = steps.windows(2).all(|pair| {
            pair[0].when == pair[1].when && pair[0].duties.len() == pair[1].duties.len()
        });
        let text = match steps.as_slice() {
            [first, _, ..] if same => format!(
                "{}: {}",
                when(first.when, first.date),
                duties(first.duties.len())
            ),
            _ => (steps.iter().map(|step| step_in_short(step)))
                .collect::<Vec<_>>()
                .join("; or "),
        };
        return Some(Deadline {
            date,
            duties: steps.first().map_or(0, |step| step.duties.len()),
            text,
        });
    }
    let held: usize = (verdict.plan.iter())
        .filter(|step| step.when == When::OnHold)
        .map(|step| step.duties.len())
        .sum();
    if held > 0 {
        return Some(Deadline {
            date: None,
            duties: held,
            text: format!("on hold ({})", duties(held)),
        });
    }
    let now: usize = (verdict.plan.iter())
        .filter(|step| step.when == When::Now)
        .map(|step| step.duties.len())
        .sum();
    (now > 0).then(|| Deadline {
        date: None,
        duties: now,
        text: format!("{ALL_NOW} ({})", duties(now)),
    })
}

/// Said of the next deadline when every duty applies already.
pub const ALL_NOW: &str = "all apply now";

/// "2 December 2027: 16 duties", "by 2 August 2030: 16 duties if “…” is
/// Yes", "from the change, not before 2 December 2027: 16 duties". The
/// answer a step depends on is spelled out when it is short; a long one
/// would fill the cell, and the questions to settle name it anyway.
fn step_in_short(step: &PlanStep) -> String {
    let when = when(step.when, step.date);
    let spelled_out = if_settled(&step.if_answers);
    let condition = if spelled_out.chars().count() <= SPELLED_OUT {
        spelled_out
    } else {
        DEPENDS_ON_NOT_SURE.to_owned()
    };
    format!("{when}: {}{condition}", duties(step.duties.len()))
}

/// The longest condition a next deadline spells out.
const SPELLED_OUT: usize = 80;
/// Said of a next deadline that depends on a long "not sure" question.
pub const DEPENDS_ON_NOT_SURE: &str = ", depending on an answer that is “not sure”";

/// When duties start: "now", "2 December 2027", "by 2 August 2030", "from
/// the change, not before 2 December 2027", "on hold", "at launch".
/// A cell's words, in lower case; the report's plan heading says more
/// ("By … at the latest", a hold's date): `outline::when`.
pub fn when(when: When, date: Option<Date>) -> String {
    let date = date.map(long_date);
    match (when, date) {
        (When::Now, _) => "now".to_owned(),
        (When::AtLaunch, _) => "at launch".to_owned(),
        (When::From, Some(date)) => date,
        (When::ByDeadline, Some(date)) => format!("by {date}"),
        (When::OnChange, Some(date)) => format!("from the change, not before {date}"),
        (When::OnChange, None) => "from the change".to_owned(),
        (When::OnHold, _) => "on hold".to_owned(),
        (When::From | When::ByDeadline, None) => "later".to_owned(),
    }
}

/// When a duty starts, on one side of a comparison: "2 December 2027, or
/// by 2 August 2030 (depends on a “not sure”)".
pub fn starts(starts: &[Start]) -> String {
    let each: Vec<String> = (starts.iter())
        .map(|start| {
            let when = match (start.when, start.date) {
                (When::From, Some(date)) => format!("from {}", long_date(date)),
                (kind, date) => when(kind, date),
            };
            if start.if_questions.is_empty() {
                when
            } else {
                format!("{when} (depending on a “not sure”)")
            }
        })
        .collect();
    each.join(", or ")
}

/// The questions to settle: the "not sure" answers the open points rest on.
pub fn questions_to_settle(verdict: &Verdict) -> Vec<String> {
    (verdict.open_questions().iter())
        .map(|open| open.answer.question_text.clone())
        .collect()
}

/// A list in a cell: "a; b", or [`NOTHING`].
pub fn listed(items: &[String]) -> String {
    if items.is_empty() {
        NOTHING.to_owned()
    } else {
        items.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use aiact_core::Verdict;
    use jiff::civil::date;

    use super::*;
    use crate::report::scenarios::scenarios;

    /// On every shipped scenario: the next deadline is the first dated
    /// step of the plan still to come, with its duties counted; a ban says
    /// stop; a date is never in the past; a cell never lists a "not sure"
    /// condition too long to read in a table.
    #[test]
    fn the_next_deadline_is_the_first_dated_step_to_come() {
        let questionnaire = crate::catalog::default_questionnaire().expect("built-in");
        let today = date(2026, 12, 6);
        let mut dated = 0;
        for answers in scenarios(&questionnaire) {
            let verdict = Verdict::compute(&questionnaire, &answers, today);
            let Some(deadline) = next_deadline(&verdict) else {
                assert!(verdict.plan.is_empty(), "no deadline, no plan");
                continue;
            };
            if verdict.outcome.duties.state == DutyState::Stop {
                assert!(deadline.text.starts_with("stop"), "{}", deadline.text);
                continue;
            }
            if let Some(date) = deadline.date {
                dated += 1;
                assert!(date > today, "{date}");
                let first = (verdict.plan.iter())
                    .filter(|step| {
                        matches!(step.when, When::From | When::ByDeadline | When::OnChange)
                    })
                    .filter_map(|step| step.date)
                    .min();
                assert_eq!(Some(date), first);
                let step = (verdict.plan.iter())
                    .find(|step| step.date == Some(date))
                    .expect("a step on that date");
                assert_eq!(deadline.duties, step.duties.len());
                assert!(deadline.text.contains(&duties(step.duties.len())));
            }
            for part in deadline.text.split("; or ") {
                assert!(
                    part.chars().count() <= 60 + SPELLED_OUT,
                    "too long for a cell: {part}"
                );
            }
        }
        assert!(dated > 20, "scenarios with a dated deadline: {dated}");
    }

    #[test]
    fn a_list_in_a_cell_says_none_when_empty() {
        assert_eq!(listed(&[]), NOTHING);
        assert_eq!(listed(&["a".to_owned(), "b".to_owned()]), "a; b");
        assert_eq!(duties(1), "1 duty");
        assert_eq!(duties(0), "0 duties");
    }

    #[test]
    fn a_question_is_referred_to_in_a_few_words() {
        assert_eq!(
            question_reference(
                "From the day the high-risk rules apply to it (2 December 2027 for listed uses), is a significant change planned?"
            ),
            "“From the day the high-risk rules apply…”"
        );
        assert_eq!(
            question_reference("Does it only do a narrow procedural task? Tick one."),
            "“Does it only do a narrow procedural task?”"
        );
    }
}
