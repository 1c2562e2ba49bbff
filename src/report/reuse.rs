//! When the verdict saved in an assessment is still the verdict of its
//! answers today, so that the workshop table need not work it out again.
//!
//! A saved verdict is used when:
//! 1. the file was saved with the questionnaire in use (same id, version
//!    and content hash) and every answer fits it (checked on reading);
//! 2. nothing between the day it was worked out and today changes it: a
//!    verdict reads the date only to say whether each duty's start date
//!    has come, so no milestone date may fall after one day and by the
//!    other;
//! 3. the answers, evaluated again (the cheap pass, without the texts),
//!    give what the table shows of it: complete or not, the questions
//!    still missing, every finding and role with its status, and the open
//!    points. This catches a file edited by hand, and a program that reads
//!    the same answers differently, wherever the table would show it; the
//!    obligations and the reasons given for the findings are not compared,
//!    so the next deadline (which duties start when, and how many) is as
//!    saved: from the same answers unless the file was edited by hand;
//! 4. it is the verdict to show: it has an outcome, and it is settled or
//!    has nothing to settle ([`shown_as_saved`]).
//!
//! The statuses follow `docs/verdict-format.md`: what holds is `holds`;
//! what might hold is `provisional` when the assessment is complete or it
//! rests on a "not sure" answer, and left out otherwise; an open point is
//! a role or finding that might hold because of a "not sure".

use aiact_core::verdict::{SettlingCheck, Status, Subject};
use aiact_core::{Evaluation, Truth, Verdict};
use jiff::civil::Date;

/// The verdict of the evaluated answers as of `today`, for the table, with
/// what it turns on: the saved one when it still holds (`up_to_date`, for
/// rule 1) and is the verdict to show ([`shown_as_saved`]), else worked
/// out again, settled as `show` settles it. What the table shows of the
/// tier, findings and open points is always what working it out again
/// gives; the rest (obligations, reasons, and what it turns on, when saved
/// with it) is as saved, from the same answers unless the file was edited
/// by hand.
pub fn verdict_for_table(
    saved: Option<Verdict>,
    up_to_date: bool,
    evaluation: &Evaluation,
    today: Date,
) -> Verdict {
    let verdict = match saved {
        Some(mut verdict)
            if up_to_date
                && shown_as_saved(&verdict)
                && still_holds(&verdict, evaluation, today) =>
        {
            verdict.evaluated_on = today;
            verdict
        }
        _ => Verdict::settled_from_evaluation(evaluation, today),
    };
    // A few dozen evaluations: only when the file did not keep it.
    match verdict.turns_on {
        Some(_) => verdict,
        None => verdict.with_turns_on(evaluation),
    }
}

/// Whether a saved verdict is the one to show, as far as the verdict
/// itself tells: it has an outcome (saved by a build that worked one out),
/// and it is settled, or has nothing to settle (a saved verdict is worked
/// out on every answer, without the settlements of "not sure" answers, so
/// one of a finished assessment with such answers is worked out again:
/// the table shows only dates some settling reaches, as `show` does).
fn shown_as_saved(saved: &Verdict) -> bool {
    saved.outcome.tier == saved.tier.id
        && (!saved.complete || saved.settled != SettlingCheck::NotChecked)
}

/// Rules 2 and 3.
fn still_holds(saved: &Verdict, evaluation: &Evaluation, today: Date) -> bool {
    let questionnaire = evaluation.questionnaire();
    if saved.questionnaire.id != questionnaire.id()
        || saved.questionnaire.version != questionnaire.version()
        || !same_dates(evaluation, saved.evaluated_on, today)
    {
        return false;
    }
    let complete = evaluation.is_complete();
    let missing = evaluation.missing();
    let missing_agree = saved
        .missing
        .iter()
        .map(|question| question.id.as_str())
        .eq(missing.iter().map(|question| question.id.as_str()));
    if saved.complete != complete || !missing_agree {
        return false;
    }
    let roles: Vec<Seen> = (questionnaire.roles().iter().enumerate())
        .map(|(i, role)| {
            Seen::new(&role.id, evaluation.role_truth(i), || {
                evaluation.role_explanation(i).unsure.is_empty()
            })
        })
        .collect();
    let findings: Vec<Seen> = (questionnaire.findings().iter().enumerate())
        .filter(|(_, finding)| !finding.internal)
        .map(|(i, finding)| {
            Seen::new(&finding.id, evaluation.finding_truth(i), || {
                evaluation.finding_explanation(i).unsure.is_empty()
            })
        })
        .collect();
    let saved_roles = saved
        .roles
        .iter()
        .map(|role| (role.id.as_str(), role.status));
    let saved_findings =
        (saved.findings.iter()).map(|finding| (finding.id.as_str(), finding.status));
    let open_points = (roles.iter().filter(|role| role.open()))
        .map(|role| (Subject::Role, role.id))
        .chain(
            (findings.iter().filter(|finding| finding.open()))
                .map(|finding| (Subject::Finding, finding.id)),
        );
    let saved_open_points =
        (saved.open_points.iter()).map(|point| (point.subject, point.id.as_str()));
    shown(&roles, complete).eq(saved_roles)
        && shown(&findings, complete).eq(saved_findings)
        && open_points.eq(saved_open_points)
}

/// The roles or findings a verdict shows, with their status.
fn shown<'a>(seen: &'a [Seen<'a>], complete: bool) -> impl Iterator<Item = (&'a str, Status)> {
    seen.iter()
        .filter_map(move |item| Some((item.id, item.status(complete)?)))
}

/// A role or finding as the evaluation sees it.
struct Seen<'a> {
    id: &'a str,
    truth: Truth,
    /// It might hold because of a "not sure" answer.
    unsure: bool,
}

impl<'a> Seen<'a> {
    /// Why it is unknown is worked out only for what is unknown.
    fn new(id: &'a str, truth: Truth, sure: impl FnOnce() -> bool) -> Self {
        Self {
            id,
            truth,
            unsure: truth == Truth::Unknown && !sure(),
        }
    }

    /// How the verdict shows it, if at all.
    fn status(&self, complete: bool) -> Option<Status> {
        match self.truth {
            Truth::True => Some(Status::Holds),
            Truth::Unknown if complete || self.unsure => Some(Status::Provisional),
            Truth::Unknown | Truth::False => None,
        }
    }

    /// An open point: it might hold because of a "not sure".
    fn open(&self) -> bool {
        self.unsure
    }
}

/// Whether a verdict reads the same on both days: no milestone date falls
/// after one and by the other.
fn same_dates(evaluation: &Evaluation, a: Date, b: Date) -> bool {
    evaluation
        .questionnaire()
        .milestones()
        .iter()
        .all(|milestone| (milestone.date <= a) == (milestone.date <= b))
}

#[cfg(test)]
mod tests {
    use aiact_core::Questionnaire;
    use jiff::civil::date;

    use super::*;
    use crate::report::scenarios::{built_in, scenarios};
    use crate::report::summary::AssessmentRow;
    use crate::storage::Metadata;

    fn row(questionnaire: &Questionnaire, verdict: &Verdict) -> AssessmentRow {
        let metadata = Metadata {
            system_name: "S".to_owned(),
            organisation: None,
            assessor: None,
            created: jiff::Timestamp::UNIX_EPOCH,
            updated: jiff::Timestamp::UNIX_EPOCH,
        };
        AssessmentRow::from_verdict(questionnaire, &metadata, verdict, 0, 0)
    }

    #[test]
    fn a_saved_verdict_is_used_only_on_days_that_read_it_the_same() {
        let questionnaire = crate::catalog::default_questionnaire().expect("built-in");
        let saved_on = date(2026, 11, 23);
        let mut days = vec![saved_on, date(2026, 11, 24), date(2027, 12, 31)];
        for milestone in questionnaire.milestones() {
            let day = milestone.date;
            days.extend([
                day.yesterday().expect("day"),
                day,
                day.tomorrow().expect("day"),
            ]);
        }
        days.sort();
        days.dedup();
        let (mut used, mut worked_out) = (0, 0);
        for answers in scenarios(&questionnaire).iter().step_by(45) {
            let evaluation = Evaluation::new(&questionnaire, answers);
            // As aiact saves it: with what it turns on.
            let mut saved =
                Verdict::from_evaluation(&evaluation, saved_on).with_turns_on(&evaluation);
            // Marks the saved verdict, to tell it from one worked out again.
            saved.questionnaire.title = "saved".to_owned();
            for &today in &days {
                let mut verdict = verdict_for_table(Some(saved.clone()), true, &evaluation, today);
                let expected =
                    Verdict::settled_from_evaluation(&evaluation, today).with_turns_on(&evaluation);
                if verdict.questionnaire.title == "saved" {
                    used += 1;
                    verdict.questionnaire.title = expected.questionnaire.title.clone();
                } else {
                    worked_out += 1;
                }
                assert_eq!(verdict, expected, "as of {today}");
                let outdated = verdict_for_table(Some(saved.clone()), false, &evaluation, today);
                assert_ne!(outdated.questionnaire.title, "saved", "saved with another");
            }
        }
        assert!(
            used > 0 && worked_out > 0,
            "{used} used, {worked_out} worked out"
        );
    }

    /// A saved verdict is worked out on every answer, without the
    /// settlements of "not sure" answers; one saved before the outcome
    /// existed has none. Neither is what `show` shows: worked out again.
    #[test]
    fn a_saved_verdict_unsettled_or_without_an_outcome_is_worked_out_again() {
        let (questionnaire, all) = built_in();
        let today = date(2026, 11, 23);
        let mut checked = (0, 0);
        for answers in &all {
            let evaluation = Evaluation::new(&questionnaire, answers);
            let mut saved = Verdict::from_evaluation(&evaluation, today);
            let unsettled = saved.complete && saved.settled == SettlingCheck::NotChecked;
            saved.questionnaire.title = "saved".to_owned();
            let verdict = verdict_for_table(Some(saved.clone()), true, &evaluation, today);
            if unsettled {
                checked.0 += 1;
                assert_ne!(verdict.questionnaire.title, "saved");
                assert_ne!(verdict.settled, SettlingCheck::NotChecked);
            } else {
                assert_eq!(verdict.questionnaire.title, "saved", "nothing to settle");
            }
            if checked.1 < 20 {
                checked.1 += 1;
                saved.outcome = Default::default();
                let verdict = verdict_for_table(Some(saved), true, &evaluation, today);
                assert_ne!(verdict.questionnaire.title, "saved", "no outcome");
                assert_eq!(verdict.outcome.tier, verdict.tier.id);
            }
        }
        assert!(
            checked.0 > 5,
            "scenarios with a \"not sure\": {}",
            checked.0
        );
    }

    /// The saved verdict of other answers (a file edited by hand) is used
    /// only where the table shows the same as for the answers themselves.
    #[test]
    fn a_saved_verdict_of_other_answers_is_used_only_where_the_table_is_the_same() {
        let (questionnaire, scenarios) = built_in();
        let today = date(2026, 11, 23);
        let evaluations: Vec<Evaluation> = scenarios
            .iter()
            .map(|answers| Evaluation::new(&questionnaire, answers))
            .collect();
        let verdicts: Vec<Verdict> = evaluations
            .iter()
            .map(|evaluation| Verdict::from_evaluation(evaluation, today))
            .collect();
        let mut used_for_others = 0;
        for (evaluation, own) in evaluations.iter().zip(&verdicts) {
            for saved in &verdicts {
                if saved != own && still_holds(saved, evaluation, today) {
                    used_for_others += 1;
                    // The duties' dates and counts are as saved (rule 3).
                    let [mut shown, mut expected] = [saved, own].map(|v| row(&questionnaire, v));
                    for row in [&mut shown, &mut expected] {
                        row.next_deadline = None;
                    }
                    assert_eq!(shown, expected);
                }
            }
            assert!(still_holds(own, evaluation, today), "its own verdict");
        }
        // Some scenarios differ only where the table does not look.
        assert!(used_for_others > 0);
    }
}
