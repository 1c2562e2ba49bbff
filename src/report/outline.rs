//! The verdict in the order every surface shows it (issue 13): the result,
//! what you must do and by when, what the result turns on, the open
//! points, the findings (the steps every verdict passes through folded into
//! one line), the duties of others in the chain; reports add the answers.
//!
//! Worded once, here, from the verdict's outcome and plan, so that no
//! surface decides a tier's wording, a count or a date on its own: text
//! (`show`, `evaluate`, the end of `ask`), Markdown, HTML and the verdict
//! screen only lay these pieces out. Text is returned unescaped: each
//! renderer escapes for itself. What the result turns on is worded by
//! [`super::turns_on`].

use aiact_core::Verdict;
use aiact_core::model::{Certainty, ObligationKind};
use aiact_core::outcome::{Basis, DutyOutlook, DutyState, FindingRole, OthersDuty, PlanStep, When};
use aiact_core::verdict::{
    AnswerReason, FindingResult, MilestoneInfo, ObligationResult, RefInfo, Status,
};

pub use aiact_core::verdict::Section;

use super::text::long_date;
use super::wording::{self, role_labels};

/// A verdict's result as a surface shows it first.
#[derive(Debug, Clone, PartialEq)]
pub struct Headline<'a> {
    /// "Result", "Result so far", "Result today", "When you launch (not
    /// applying yet)".
    pub label: String,
    /// The outcome's title ("High-risk — duties on hold"), or "Not decided
    /// yet". Text upper-cases it.
    pub title: String,
    /// The result rests on answers the user was not sure of (a finished
    /// assessment: an unfinished one says why it is not final).
    pub provisional: bool,
    /// The provisions the result rests on: "Annex III 4(a) (recruitment
    /// and selection)".
    pub basis: Option<String>,
    /// The outcome's sentence.
    pub summary: &'a str,
    /// What the tier says of findings that bring no duty under it.
    pub context: Option<&'a str>,
    /// Other tiers that bring duties as well, each in a sentence.
    pub also: Vec<String>,
    /// Tiers the system may turn out to be instead (exemptions).
    pub possible: Vec<&'a str>,
    /// "Provider", "Deployer (provisional)".
    pub roles: Vec<String>,
}

impl Headline<'_> {
    /// The sentences after the summary: the tier's context, then each
    /// other tier that brings duties.
    pub fn sentences(&self) -> impl Iterator<Item = &str> {
        (self.context.iter().copied()).chain(self.also.iter().map(String::as_str))
    }
}

/// What a verdict says about the time a system in development launches
/// (Article 2(8)): an offer to answer the questions for it, or its result.
#[derive(Debug, Clone, PartialEq)]
pub enum Launch<'a> {
    /// Nothing answered for the launch yet.
    Offer {
        /// The questionnaire's offer ("Go on with the risk questions for
        /// when you launch?"), and what answering does.
        text: String,
    },
    /// The launch's result and plan, labelled as not applying yet.
    Result {
        /// Boxed: a headline is large beside an offer.
        headline: Box<Headline<'a>>,
        /// Said while questions for the launch are still without an
        /// answer ([`wording::launch_missing`]).
        missing: Option<String>,
        /// What to prepare, under [`wording::PREPARE_FOR_LAUNCH`]; `None`
        /// when the launch brings no step.
        plan: Option<Plan<'a>>,
    },
}

/// "What you must do, by when": the plan's steps, context items apart,
/// and a note for each date the steps give.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan<'a> {
    pub steps: Vec<Step<'a>>,
    /// Items shown with the duties that are not duties (the fines that
    /// back them).
    pub context: Vec<&'a ObligationResult>,
    /// The dates of the steps, each once, soonest first: where each comes
    /// from, whether it is only reported, its note.
    pub dates: Vec<&'a MilestoneInfo>,
}

/// The duties that start together.
#[derive(Debug, Clone, PartialEq)]
pub struct Step<'a> {
    /// "Now", "From 2 December 2027", "On hold: ...".
    pub when: String,
    /// Its date is reported by secondary sources only: marked with
    /// [`wording::REPORTED_MARK`], explained once in the dates' legend.
    pub reported: bool,
    /// The line under the heading: "Only if you answer: ..." when the step
    /// rests on settling a "not sure" answer one way; for a hold that keeps
    /// back the very duties of such a step, that they are the same (its
    /// `duties` are then empty, not listed twice).
    pub condition: Option<String>,
    /// The condition in a few words, for a row of the at-a-glance table:
    /// "Only if you answer Yes (you were not sure)".
    pub condition_short: Option<String>,
    pub provisional: bool,
    pub duties: Vec<&'a ObligationResult>,
}

impl Step<'_> {
    /// A duty's own "(provisional)" mark: left out where the step's
    /// condition already says which answer its duties rest on.
    pub fn duty_status(&self, duty: &ObligationResult) -> Status {
        match self.condition {
            Some(_) => Status::Holds,
            None => duty.status,
        }
    }

    /// The heading with its marks: "From 2 December 2027 †".
    pub fn heading(&self) -> String {
        let mut heading = self.when.clone();
        if self.reported {
            heading.push(' ');
            heading.push_str(wording::REPORTED_MARK);
        }
        if self.provisional {
            heading.push_str(wording::PROVISIONAL);
        }
        heading
    }
}

/// The findings in the order a verdict shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Findings<'a> {
    /// The steps every verdict within the Act passes through, in one line.
    pub gates: Option<String>,
    /// The others: qualifiers, basis, other tiers, context, the rest.
    pub shown: Vec<&'a FindingResult>,
}

/// The duties of one other actor in the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct OthersGroup<'a> {
    /// "Deployers (those who use the system in their work, such as your business customers; not private people using it for themselves)".
    pub actor: &'a str,
    pub duties: Vec<&'a OthersDuty>,
}

/// The result, as the verdict's outcome words it.
pub fn headline(verdict: &Verdict) -> Headline<'_> {
    let label = match (verdict.complete, verdict.look_ahead.is_some()) {
        (false, _) => wording::RESULT_SO_FAR,
        (true, true) => wording::RESULT_TODAY,
        (true, false) => wording::RESULT,
    };
    headline_labelled(verdict, label.to_owned())
}

fn headline_labelled(verdict: &Verdict, label: String) -> Headline<'_> {
    let outcome = &verdict.outcome;
    let Some(_) = verdict.decided_tier() else {
        return Headline {
            label,
            title: wording::UNDECIDED.to_owned(),
            provisional: false,
            basis: None,
            summary: wording::UNDECIDED_SUMMARY,
            context: None,
            also: Vec::new(),
            possible: Vec::new(),
            roles: role_labels(&verdict.roles),
        };
    };
    Headline {
        label,
        title: outcome.title.clone(),
        provisional: verdict.complete && outcome.status == Status::Provisional,
        basis: basis_line(&outcome.basis),
        summary: &outcome.summary,
        context: outcome.context_sentence.as_deref(),
        also: outcome
            .also
            .iter()
            .map(|also| {
                wording::also_applies(
                    &also.label,
                    basis_labels(&also.basis).as_deref(),
                    &outlook(&also.duties),
                )
            })
            .collect(),
        possible: verdict
            .possible_tiers
            .iter()
            .map(|possible| possible.tier.label.as_str())
            .collect(),
        roles: role_labels(&verdict.roles),
    }
}

/// "Annex III 4(a) (recruitment and selection); Art 6(3)(a) (a narrow
/// procedural task)".
fn basis_line(basis: &[Basis]) -> Option<String> {
    let parts: Vec<String> = basis
        .iter()
        .map(|b| {
            let mut part = if b.title.is_empty() || b.title == b.label {
                b.label.clone()
            } else {
                format!("{} ({})", b.label, b.title)
            };
            if b.status == Status::Provisional {
                part.push_str(wording::PROVISIONAL);
            }
            part
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// "Art 50(1)", "Art 50(1), Art 50(2)".
fn basis_labels(basis: &[Basis]) -> Option<String> {
    let labels: Vec<&str> = basis.iter().map(|b| b.label.as_str()).collect();
    (!labels.is_empty()).then(|| labels.join(", "))
}

/// Where a set of duties stands, in words: "1 duty, applying now".
fn outlook(duties: &DutyOutlook) -> String {
    let count = wording::duties(duties.count);
    let date = duties.date.map(long_date).unwrap_or_default();
    match duties.state {
        DutyState::None | DutyState::NotYet => wording::NO_DUTY.to_owned(),
        DutyState::Now => format!("{count}, applying now"),
        DutyState::From => format!("{count}, from {date}"),
        DutyState::Mixed => format!("{count}: {} now, the others from {date}", duties.now),
        DutyState::OnHold => format!("{}, on hold", wording::duties(duties.held)),
        DutyState::OnChange => format!("{count}, from your change (not before {date})"),
        DutyState::ByDeadline => format!("{count}, by {date} at the latest"),
        DutyState::Stop if duties.date.is_some() => format!("stop, from {date}"),
        DutyState::Stop => "stop".to_owned(),
    }
}

/// The tier of the look-ahead's result, which the pyramid marks as not
/// applying yet.
pub fn launch_tier(verdict: &Verdict) -> Option<&str> {
    let launched = verdict.look_ahead.as_ref()?.verdict.as_deref()?;
    launched.decided_tier().map(|tier| tier.id.as_str())
}

/// The look-ahead of a system in development, if the verdict has one.
pub fn launch(verdict: &Verdict) -> Option<Launch<'_>> {
    let look_ahead = verdict.look_ahead.as_ref()?;
    match look_ahead.verdict.as_deref() {
        // Where to go on is the assessment's (`Assessment::launch_question`).
        None if look_ahead.questions.is_empty() => None,
        None => Some(Launch::Offer {
            text: wording::look_ahead_offer(look_ahead.offer.as_deref(), &look_ahead.label),
        }),
        Some(launched) => Some(Launch::Result {
            headline: Box::new(headline_labelled(
                launched,
                wording::not_applying_yet(&look_ahead.label),
            )),
            missing: (!launched.missing.is_empty())
                .then(|| wording::launch_missing(launched.missing.len())),
            plan: Some(plan_of(launched, true)).filter(|plan| !plan.steps.is_empty()),
        }),
    }
}

/// The plan: the verdict's steps, now first, worded.
pub fn plan(verdict: &Verdict) -> Plan<'_> {
    plan_of(verdict, false)
}

/// A plan; a look-ahead's reads from the launch: "From 2 December 2027,
/// or at launch if later".
fn plan_of(verdict: &Verdict, launch: bool) -> Plan<'_> {
    let steps: Vec<Step<'_>> = verdict
        .plan
        .iter()
        .map(|step| {
            let duties: Vec<&ObligationResult> = step
                .duties
                .iter()
                .filter_map(|id| verdict.plan_duty(id))
                .collect();
            let mut shown = Step {
                when: when(step, launch),
                reported: step
                    .milestone
                    .as_ref()
                    .is_some_and(|m| m.status == Certainty::Reported),
                condition: (!step.if_answers.is_empty())
                    .then(|| wording::only_if(&answers_line(&step.if_answers))),
                condition_short: (!step.if_answers.is_empty())
                    .then(|| wording::only_if_short(&answer_labels(&step.if_answers))),
                provisional: step.status == Status::Provisional && step.if_answers.is_empty(),
                duties,
            };
            let settled = settled_steps_with_held_duties(verdict, step);
            if !settled.is_empty() {
                let listed = |id: &str| settled.iter().any(|s| s.duties.iter().any(|d| d == id));
                let before = shown.duties.len();
                shown.duties.retain(|duty| !listed(&duty.id));
                let headings: Vec<String> = settled.iter().map(|s| when(s, launch)).collect();
                shown.condition = Some(wording::same_duties_on_hold(
                    before - shown.duties.len(),
                    &headings,
                    !shown.duties.is_empty(),
                ));
            }
            shown
        })
        .filter(|step| !step.duties.is_empty() || step.condition.is_some())
        .collect();
    let mut dates: Vec<&MilestoneInfo> = Vec::new();
    for milestone in verdict.plan.iter().filter_map(|s| s.milestone.as_ref()) {
        if !dates.iter().any(|known| known.id == milestone.id) {
            dates.push(milestone);
        }
    }
    dates.sort_by_key(|milestone| milestone.date);
    Plan {
        steps,
        context: verdict
            .obligations
            .iter()
            .filter(|o| o.kind == ObligationKind::Context)
            .collect(),
        dates,
    }
}

/// For a hold's step: the steps that list some of its duties under another
/// settling of the "not sure" answers (from a change, by a deadline). Those
/// duties are listed once, there; the hold says so.
fn settled_steps_with_held_duties<'v>(verdict: &'v Verdict, held: &PlanStep) -> Vec<&'v PlanStep> {
    if held.when != When::OnHold {
        return Vec::new();
    }
    verdict
        .plan
        .iter()
        .filter(|step| {
            !step.if_answers.is_empty() && step.duties.iter().any(|d| held.duties.contains(d))
        })
        .collect()
}

/// When a step's duties start, in words.
fn when(step: &PlanStep, launch: bool) -> String {
    let date = step.date.map(long_date);
    match (step.when, date) {
        (When::Now, _) => wording::NOW.to_owned(),
        (When::AtLaunch, _) => wording::AT_LAUNCH.to_owned(),
        (When::From, Some(date)) if launch => wording::from_or_launch(&date),
        (When::From, Some(date)) => wording::from(&date),
        (When::ByDeadline, Some(date)) => wording::by_deadline(&date),
        (When::OnChange, Some(date)) => wording::on_change(Some(&date)),
        (When::OnChange, None) => wording::on_change(None),
        (When::OnHold, date) => wording::on_hold(date.as_deref()),
        (When::From | When::ByDeadline, None) => wording::LATER.to_owned(),
    }
}

/// "Is it used by public authorities? → Yes; ..."
fn answers_line(answers: &[AnswerReason]) -> String {
    answers
        .iter()
        .map(|a| format!("{} → {}", a.question_text, a.answer_label))
        .collect::<Vec<_>>()
        .join("; ")
}

/// "Yes; No": the answers a step rests on, without their questions.
fn answer_labels(answers: &[AnswerReason]) -> String {
    answers
        .iter()
        .map(|a| a.answer_label.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A date's line in the plan's legend: "2 December 2027 †: Art. 113 as
/// amended. Was 2 August 2026 in the 2024 text."
pub fn date_note(milestone: &MilestoneInfo) -> String {
    let mut line = long_date(milestone.date);
    if milestone.status == Certainty::Reported {
        line.push(' ');
        line.push_str(wording::REPORTED_MARK);
    }
    line.push_str(": ");
    line.push_str(&milestone.title);
    line.push_str(" (");
    line.push_str(&milestone.source);
    line.push(')');
    if let Some(note) = &milestone.note {
        line.push_str(". ");
        line.push_str(note);
    }
    line
}

/// Whether some date of the plan is only reported: the legend says what
/// the mark means.
pub fn any_reported(plan: &Plan<'_>) -> bool {
    plan.dates.iter().any(|m| m.status == Certainty::Reported)
}

/// A duty in one line: "Run a risk management system (Article 9,
/// Article 16)", "(provisional)" where `status` is.
pub fn duty_line(duty: &ObligationResult, status: Status) -> String {
    let mut line = duty.title.clone();
    if let Some(refs) = refs_line(&duty.refs) {
        line.push_str(&format!(" ({refs})"));
    }
    if status == Status::Provisional {
        line.push_str(wording::PROVISIONAL);
    }
    line
}

/// "Article 9, Article 16".
pub fn refs_line(refs: &[RefInfo]) -> Option<String> {
    let labels: Vec<&str> = refs.iter().map(|r| r.label.as_str()).collect();
    (!labels.is_empty()).then(|| labels.join(", "))
}

/// The findings: the gates in one line, the others in the verdict's order.
pub fn findings(verdict: &Verdict) -> Findings<'_> {
    let ordered = verdict.findings_in_order();
    let (gates, shown): (Vec<&FindingResult>, Vec<&FindingResult>) = ordered
        .into_iter()
        .partition(|finding| finding.role == FindingRole::Gate);
    let gates = (!gates.is_empty()).then(|| {
        let parts: Vec<String> = gates
            .iter()
            .map(|gate| {
                let mut part = gate.title.clone();
                if let Some(refs) = refs_line(&gate.refs) {
                    part.push_str(&format!(" ({refs})"));
                }
                if gate.status == Status::Provisional {
                    part.push_str(wording::PROVISIONAL);
                }
                part
            })
            .collect();
        format!("{} {}", wording::GATES, parts.join(" · "))
    });
    Findings { gates, shown }
}

/// A finding's title with its marks: "(provisional)", "(for context)".
pub fn finding_title(finding: &FindingResult) -> String {
    let mut title = finding.title.clone();
    if finding.status == Status::Provisional {
        title.push_str(wording::PROVISIONAL);
    }
    if finding.role == FindingRole::Context {
        title.push_str(wording::FOR_CONTEXT);
    }
    title
}

/// "Because you answered": the answers that decided the finding, not the
/// steps every verdict passes through.
pub fn because(finding: &FindingResult) -> Vec<&AnswerReason> {
    finding.decided().collect()
}

/// The duties of others, grouped by who they fall on, in the verdict's
/// order.
pub fn others(verdict: &Verdict) -> Vec<OthersGroup<'_>> {
    let mut groups: Vec<OthersGroup<'_>> = Vec::new();
    for duty in &verdict.others {
        match groups.iter_mut().find(|g| g.actor == duty.actor_label) {
            Some(group) => group.duties.push(duty),
            None => groups.push(OthersGroup {
                actor: &duty.actor_label,
                duties: vec![duty],
            }),
        }
    }
    groups
}

/// A duty of another actor in one line: "Use the system as its
/// instructions say (Article 26(1)); from 2 December 2027 †".
pub fn others_line(duty: &OthersDuty) -> String {
    let mut line = duty.title.clone();
    if let Some(refs) = refs_line(&duty.refs) {
        line.push_str(&format!(" ({refs})"));
    }
    let milestone = &duty.applies.milestone;
    let date = long_date(milestone.date);
    line.push_str("; ");
    line.push_str(&if duty.on_hold {
        wording::on_hold_for_them(&date)
    } else if duty.on_change {
        wording::on_change_for_them(&date)
    } else if duty.by_deadline {
        wording::by_deadline_for_them(&date)
    } else if duty.applies.now {
        wording::since(&date)
    } else {
        wording::starting(&date)
    });
    if milestone.status == Certainty::Reported {
        line.push(' ');
        line.push_str(wording::REPORTED_MARK);
    }
    // The hold says what it depends on.
    if duty.status == Status::Provisional && !duty.on_hold {
        line.push_str(wording::depending_on_their_use(duty.after_unsure));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use aiact_core::outcome::DutyOutlook;
    use jiff::civil::date;

    #[test]
    fn an_outlook_reads_as_a_count_and_a_date() {
        let mut duties = DutyOutlook {
            state: DutyState::Now,
            count: 1,
            now: 1,
            ..DutyOutlook::default()
        };
        assert_eq!(outlook(&duties), "1 duty, applying now");
        duties.state = DutyState::From;
        duties.count = 15;
        duties.date = Some(date(2027, 12, 2));
        assert_eq!(outlook(&duties), "15 duties, from 2 December 2027");
        duties.state = DutyState::OnHold;
        duties.held = 15;
        assert_eq!(outlook(&duties), "15 duties, on hold");
    }
}
