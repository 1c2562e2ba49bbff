//! One model of a report, built from a saved assessment, and rendered as
//! text (`aiact show`), Markdown and HTML (`aiact export`). Its JSON form
//! is `aiact export --format json` (documented in `docs/report-format.md`).

use aiact_core::model::{Certainty, ObligationKind};
use aiact_core::verdict::{MilestoneInfo, ObligationResult, TierInfo};
use aiact_core::{AnswerValue, Applicability, Evaluation, Questionnaire, Verdict};
use jiff::civil::Date;
use serde::Serialize;

use super::text::timestamp;
use crate::storage::format::Metadata;
use crate::storage::{Assessment, Migration, Opened, TierRef};

pub const REPORT_FORMAT: &str = "aiact-report/1";

/// Said by every report, whatever the questionnaire's own notes say.
pub const NOT_LEGAL_ADVICE: &str = "This report is a self-assessment made with aiact. It is not legal advice: where it says that a point depends on facts or on unsettled law, check with counsel before relying on it.";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub format: &'static str,
    pub assessment: AssessmentDetails,
    /// Every question on the path, in asking order, with its answer (if
    /// any) and note (if any).
    pub answers: Vec<AnswerLine>,
    /// For a system in development whose launch the user looked ahead to:
    /// the questions asked for the launch, off today's path, in asking
    /// order (see the verdict's `look_ahead`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub look_ahead_answers: Vec<AnswerLine>,
    /// Notes on questions that are not on the path (any more): kept, since
    /// the user wrote them.
    pub other_notes: Vec<OtherNote>,
    /// The questionnaire changed since the assessment was last saved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub migration: Option<MigrationNotice>,
    /// Every tier of the questionnaire, highest precedence first (the
    /// pyramid is those `in_pyramid`).
    pub tiers: Vec<TierInfo>,
    pub verdict: Verdict,
    pub not_legal_advice: &'static str,
}

/// The assessment's id and what its file says of it, as saved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentDetails {
    pub id: String,
    #[serde(flatten)]
    pub metadata: Metadata,
}

impl AssessmentDetails {
    /// Who the assessment names, labelled, for a report's header: the
    /// organisation and the assessor, each where given.
    pub fn people(&self) -> impl Iterator<Item = (&'static str, &str)> {
        let Metadata {
            organisation,
            assessor,
            ..
        } = &self.metadata;
        [(ORGANISATION, organisation), (ASSESSOR, assessor)]
            .into_iter()
            .filter_map(|(label, value)| Some((label, value.as_deref()?)))
    }

    /// "created 2026-11-23 14:40 UTC, last changed …", for a report's
    /// header.
    pub fn created_and_changed(&self) -> String {
        format!(
            "created {}, last changed {}",
            timestamp(self.metadata.created),
            timestamp(self.metadata.updated)
        )
    }
}

const ORGANISATION: &str = "Organisation";
const ASSESSOR: &str = "Assessor";

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerLine {
    pub section: String,
    pub section_title: String,
    pub question: String,
    pub question_text: String,
    /// `None` while unanswered (or left out, if optional).
    pub answer: Option<AnswerValue>,
    /// The answer as the user saw it: option labels, the number with its
    /// unit, the text, or "Not sure".
    pub answer_label: Option<String>,
    pub not_sure: bool,
    /// Asked because of an earlier "not sure": the answer counts only
    /// provisionally.
    pub provisional: bool,
    pub optional: bool,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherNote {
    pub question: String,
    /// `None` if the questionnaire no longer has the question.
    pub question_text: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MigrationNotice {
    pub from_version: String,
    pub to_version: String,
    pub same_version_other_content: bool,
    /// Answers that no longer count, with the reason.
    pub retired: Vec<RetiredLine>,
    /// The headline tier of the verdict saved with the previous version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_tier: Option<TierRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RetiredLine {
    pub question: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<AnswerValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub reason: String,
}

/// Obligations as every report groups them.
#[derive(Debug, Clone, PartialEq)]
pub struct Obligations<'a> {
    /// Duties whose date has come.
    pub now: Vec<&'a ObligationResult>,
    /// Duties from a later date, soonest first.
    pub later: Vec<&'a ObligationResult>,
    /// Context that comes with duties (penalties), apart.
    pub context: Vec<&'a ObligationResult>,
}

impl<'a> Obligations<'a> {
    pub fn of(verdict: &'a Verdict) -> Self {
        let (duties, context): (Vec<&ObligationResult>, Vec<&ObligationResult>) = verdict
            .obligations
            .iter()
            .partition(|o| o.kind == ObligationKind::Duty);
        let (now, mut later): (Vec<&ObligationResult>, Vec<&ObligationResult>) =
            duties.into_iter().partition(|o| o.applies.now);
        later.sort_by_key(|o| o.applies.milestone.date);
        Self {
            now,
            later,
            context,
        }
    }
}

/// A date of the timeline: the obligations that start then.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry<'a> {
    pub milestone: &'a MilestoneInfo,
    /// On or before the verdict's date.
    pub passed: bool,
    pub duties: Vec<&'a ObligationResult>,
}

/// An item of the timeline: a date duties start from, or the verdict's date.
#[derive(Debug, Clone, PartialEq)]
pub enum TimelineItem<'a> {
    Date(TimelineEntry<'a>),
    Today(Date),
}

impl Report {
    /// The report of an opened assessment, its verdict computed as of
    /// `today` with the current questionnaire.
    pub fn build(opened: &Opened, today: Date) -> Self {
        let verdict =
            Verdict::compute_with_turns_on(&opened.questionnaire, opened.answers(), today);
        Self::from_parts(
            &opened.file(),
            &opened.questionnaire,
            opened.migration.as_ref(),
            verdict,
        )
    }

    pub fn from_parts(
        assessment: &Assessment,
        questionnaire: &Questionnaire,
        migration: Option<&Migration>,
        verdict: Verdict,
    ) -> Self {
        let metadata = &assessment.metadata;
        let values = assessment
            .answers
            .iter()
            .filter_map(|(id, entry)| Some((id.clone(), entry.value.clone()?)))
            .collect();
        let answers = aiact_core::Answers::from_values_lenient(questionnaire, &values).0;
        let evaluation = Evaluation::new(questionnaire, &answers);
        let note = |id: &str| {
            assessment
                .answers
                .get(id)
                .and_then(|entry| entry.note.clone())
        };
        let line = |question: &aiact_core::model::Question,
                    answer: Option<&aiact_core::Answer>,
                    provisional: bool| AnswerLine {
            section: question.section.clone(),
            section_title: questionnaire.section_title(question).to_owned(),
            question: question.id.clone(),
            question_text: question.text.clone(),
            answer: answer.map(aiact_core::Answer::to_value),
            answer_label: answer.map(|answer| answer.label(question)),
            not_sure: answer.is_some_and(aiact_core::Answer::is_not_sure),
            provisional,
            optional: question.optional,
            note: note(&question.id),
        };
        let mut lines = Vec::new();
        for (position, question) in questionnaire.questions().iter().enumerate() {
            let applicability = evaluation.applicability(position);
            if applicability.is_asked() {
                lines.push(line(
                    question,
                    evaluation.effective_answer(position),
                    applicability == Applicability::MayApply,
                ));
            }
        }
        let look_ahead_answers: Vec<AnswerLine> = verdict
            .look_ahead
            .as_ref()
            .filter(|look_ahead| look_ahead.verdict.is_some())
            .into_iter()
            .flat_map(|look_ahead| &look_ahead.questions)
            .filter_map(|info| questionnaire.question(&info.id))
            .map(|question| line(question, answers.get(&question.id), false))
            .collect();
        let other_notes = assessment
            .answers
            .iter()
            .filter(|(id, _)| {
                !lines
                    .iter()
                    .chain(&look_ahead_answers)
                    .any(|line| &line.question == *id)
            })
            .filter_map(|(id, entry)| {
                Some(OtherNote {
                    question: id.clone(),
                    question_text: questionnaire.question(id).map(|q| q.text.clone()),
                    note: entry.note.clone()?,
                })
            })
            .collect();
        Self {
            format: REPORT_FORMAT,
            assessment: AssessmentDetails {
                id: assessment.id.clone(),
                metadata: metadata.clone(),
            },
            answers: lines,
            look_ahead_answers,
            other_notes,
            migration: migration.map(|migration| MigrationNotice {
                from_version: migration.from_version.clone(),
                to_version: migration.to_version.clone(),
                same_version_other_content: migration.same_version_other_content,
                retired: migration
                    .dropped
                    .iter()
                    .map(|dropped| RetiredLine {
                        question: dropped.question.clone(),
                        value: dropped.value.clone(),
                        note: dropped.note.clone(),
                        reason: crate::storage::retired_reason(&dropped.problem),
                    })
                    .collect(),
                previous_tier: migration
                    .previous_verdict
                    .as_ref()
                    .map(|verdict| TierRef::from(&verdict.tier)),
            }),
            tiers: questionnaire
                .tiers()
                .iter()
                .map(|tier| TierInfo {
                    id: tier.id.clone(),
                    label: tier.label.clone(),
                    summary: tier.summary.clone(),
                    in_pyramid: tier.in_pyramid,
                    exempts: tier.exempts,
                })
                .collect(),
            verdict,
            not_legal_advice: NOT_LEGAL_ADVICE,
        }
    }

    /// The obligations grouped: duties now, duties later, context.
    pub fn obligations(&self) -> Obligations<'_> {
        Obligations::of(&self.verdict)
    }

    /// The dates from which the duties apply, earliest first.
    pub fn timeline(&self) -> Vec<TimelineEntry<'_>> {
        let mut entries: Vec<TimelineEntry<'_>> = Vec::new();
        let duties = self
            .verdict
            .obligations
            .iter()
            .filter(|o| o.kind == ObligationKind::Duty);
        for duty in duties {
            let milestone = &duty.applies.milestone;
            match entries
                .iter_mut()
                .find(|entry| entry.milestone.id == milestone.id)
            {
                Some(entry) => entry.duties.push(duty),
                None => entries.push(TimelineEntry {
                    milestone,
                    passed: duty.applies.now,
                    duties: vec![duty],
                }),
            }
        }
        entries.sort_by_key(|entry| entry.milestone.date);
        entries
    }

    /// The timeline with the verdict's date in its place among the dates
    /// (after those that have passed); empty if no duty has a date.
    pub fn timeline_with_today(&self) -> Vec<TimelineItem<'_>> {
        let entries = self.timeline();
        if entries.is_empty() {
            return Vec::new();
        }
        let (passed, upcoming): (Vec<_>, Vec<_>) =
            entries.into_iter().partition(|entry| entry.passed);
        let mut items: Vec<TimelineItem<'_>> = passed.into_iter().map(TimelineItem::Date).collect();
        items.push(TimelineItem::Today(self.verdict.evaluated_on));
        items.extend(upcoming.into_iter().map(TimelineItem::Date));
        items
    }

    /// The levels of the risk pyramid, top (most demanding) first.
    pub fn pyramid(&self) -> impl Iterator<Item = &TierInfo> {
        self.tiers.iter().filter(|tier| tier.in_pyramid)
    }

    /// Whether a tier is one the verdict says the system may turn out to be.
    pub fn is_possible_tier(&self, id: &str) -> bool {
        self.verdict
            .possible_tiers
            .iter()
            .any(|possible| possible.tier.id == id)
    }

    /// Answers on the path, grouped by section in asking order.
    pub fn answers_by_section(&self) -> Vec<(&str, Vec<&AnswerLine>)> {
        by_section(&self.answers)
    }

    /// The answers for the launch, grouped by section in asking order.
    pub fn look_ahead_by_section(&self) -> Vec<(&str, Vec<&AnswerLine>)> {
        by_section(&self.look_ahead_answers)
    }

    /// The heading of the answers for the launch: "When you launch (not
    /// applying yet)".
    pub fn look_ahead_title(&self) -> Option<String> {
        let look_ahead = self.verdict.look_ahead.as_ref()?;
        (!self.look_ahead_answers.is_empty())
            .then(|| super::wording::not_applying_yet(&look_ahead.label))
    }
}

/// Answers grouped by section, in asking order.
fn by_section(answers: &[AnswerLine]) -> Vec<(&str, Vec<&AnswerLine>)> {
    let mut sections: Vec<(&str, Vec<&AnswerLine>)> = Vec::new();
    for line in answers {
        match sections.last_mut() {
            Some((title, lines)) if *title == line.section_title => lines.push(line),
            _ => sections.push((&line.section_title, vec![line])),
        }
    }
    sections
}

/// "reported, not verified" for reported content, nothing for verified.
pub fn certainty_note(certainty: Certainty) -> Option<&'static str> {
    match certainty {
        Certainty::Verified => None,
        Certainty::Reported => Some("reported, not verified"),
    }
}

/// How a raw answer value reads when its question is gone.
pub fn value_text(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Number(number) => aiact_core::answer::format_number(*number),
        AnswerValue::List(items) => items.join(", "),
        AnswerValue::Text(text) => text.clone(),
        AnswerValue::Other(other) => other.to_string(),
    }
}
