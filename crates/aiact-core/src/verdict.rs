//! The verdict: a pure function of (questionnaire, answers, today's date).
//!
//! Its JSON form is a published interface (`docs/verdict-format.md`):
//! scripts read it, and saved assessments keep the last one. Add fields
//! rather than change them, and bump [`VERDICT_FORMAT`] if you must.

use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::answer::{AnswerValue, Answers};
use crate::compiled::ObligationConds;
use crate::engine::{Evaluation, Explanation, Truth};
use crate::model::{Certainty, Finding, LegalBasis, Milestone, Obligation, ObligationKind, Tier};
use crate::questionnaire::Questionnaire;
use crate::turns_on::{DecisiveAnswer, decisive_answers};

pub const VERDICT_FORMAT: &str = "aiact-verdict/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub format: String,
    pub questionnaire: QuestionnaireInfo,
    pub evaluated_on: Date,
    /// False while questions on the path are unanswered: the tier and
    /// findings are then only what the answers so far show.
    pub complete: bool,
    pub missing: Vec<QuestionInfo>,
    /// The headline: the most demanding tier that the answers do not rule
    /// out (see `docs/verdict-format.md`).
    pub tier: TierInfo,
    /// Provisional when the headline rests on a "not sure" answer.
    pub tier_status: Status,
    /// Higher tiers that provisional findings point to and that cannot be
    /// the headline for that reason: exemptions ("may not be an AI system").
    pub possible_tiers: Vec<PossibleTier>,
    pub roles: Vec<RoleResult>,
    pub findings: Vec<FindingResult>,
    pub obligations: Vec<ObligationResult>,
    pub open_points: Vec<OpenPoint>,
    /// What the result turns on: the answers that, changed alone, would
    /// change it (see [`crate::turns_on`]). `None` where it was not worked
    /// out (see [`Verdict::with_turns_on`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turns_on: Option<Vec<DecisiveAnswer>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionnaireInfo {
    pub id: String,
    pub version: String,
    pub title: String,
    pub legal_basis: LegalBasis,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionInfo {
    pub id: String,
    pub section: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TierInfo {
    pub id: String,
    pub label: String,
    pub summary: String,
    pub in_pyramid: bool,
    pub exempts: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PossibleTier {
    pub tier: TierInfo,
    /// The provisional findings that point to it.
    pub findings: Vec<String>,
}

/// Whether something holds on the answers given, or only might, because of
/// a "not sure".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Holds,
    Provisional,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleResult {
    pub id: String,
    pub label: String,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefInfo {
    /// As written in the data: `art:5(1)(a)`.
    pub reference: String,
    /// As shown to people: "Article 5(1)(a)".
    pub label: String,
    pub url: String,
}

/// "Because you answered ..."
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerReason {
    pub question: String,
    pub question_text: String,
    pub answer: AnswerValue,
    pub answer_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingResult {
    pub id: String,
    pub title: String,
    pub explanation: String,
    pub tier: Option<String>,
    pub status: Status,
    pub refs: Arc<[RefInfo]>,
    pub because: Vec<AnswerReason>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MilestoneInfo {
    pub id: String,
    pub date: Date,
    pub title: String,
    pub source: String,
    pub status: Certainty,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// From when an obligation applies, against the verdict's date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timing {
    /// True if the date has come: the obligation applies already.
    pub now: bool,
    pub milestone: MilestoneInfo,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObligationResult {
    pub id: String,
    /// A duty, or context that comes with duties (penalties).
    pub kind: ObligationKind,
    pub title: String,
    pub summary: String,
    pub status: Status,
    pub refs: Arc<[RefInfo]>,
    /// The findings (among those it hangs off) that hold or may hold.
    pub findings: Vec<String>,
    /// The user's roles it falls on; empty if it falls on every role.
    pub roles: Vec<String>,
    pub applies: Timing,
    /// Dates that would apply instead, depending on a "not sure".
    pub other_possible_dates: Vec<MilestoneInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Finding,
    Role,
}

/// Something the verdict cannot settle because the user was not sure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenPoint {
    pub subject: Subject,
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_check: Option<String>,
    pub unsure_answers: Vec<UnsureAnswer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnsureAnswer {
    pub question: String,
    pub question_text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub if_not_sure: Option<String>,
}

/// An answer the user was not sure of, and what turns on it: the open
/// points grouped by the question to settle, which is how a user works
/// through them.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenQuestion<'a> {
    pub answer: &'a UnsureAnswer,
    pub points: Vec<PointMention<'a>>,
}

/// An open point under one of the answers it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointMention<'a> {
    pub point: &'a OpenPoint,
    /// False where an earlier answer already listed the point with what to
    /// check: say its title only.
    pub first: bool,
}

impl Verdict {
    /// The open points by the "not sure" answers they rest on, in the order
    /// the answers first come up; each point is described in full under
    /// the first of its answers.
    pub fn open_questions(&self) -> Vec<OpenQuestion<'_>> {
        let mut questions: Vec<OpenQuestion<'_>> = Vec::new();
        for point in &self.open_points {
            for (n, answer) in point.unsure_answers.iter().enumerate() {
                let mention = PointMention {
                    point,
                    first: n == 0,
                };
                match questions
                    .iter_mut()
                    .find(|q| q.answer.question == answer.question)
                {
                    Some(question) => question.points.push(mention),
                    None => questions.push(OpenQuestion {
                        answer,
                        points: vec![mention],
                    }),
                }
            }
        }
        questions
    }

    /// The headline tier, unless the assessment is unfinished and nothing
    /// so far decides the tier: the headline is then only the default tier,
    /// a placeholder that must not be shown as a result.
    pub fn decided_tier(&self) -> Option<&TierInfo> {
        let findings = self
            .findings
            .iter()
            .map(|finding| (finding.status, finding.tier.as_deref()));
        tier_is_decided(self.complete, &self.tier.id, findings).then_some(&self.tier)
    }

    pub fn compute(questionnaire: &Questionnaire, answers: &Answers, today: Date) -> Self {
        Self::from_evaluation(&Evaluation::new(questionnaire, answers), today)
    }

    /// The verdict with what it turns on, for showing it (see
    /// [`Verdict::with_turns_on`]).
    pub fn compute_with_turns_on(
        questionnaire: &Questionnaire,
        answers: &Answers,
        today: Date,
    ) -> Self {
        let evaluation = Evaluation::new(questionnaire, answers);
        Self::from_evaluation(&evaluation, today).with_turns_on(&evaluation)
    }

    /// The verdict on answers already evaluated (for the next question, say).
    pub fn from_evaluation(evaluation: &Evaluation, today: Date) -> Self {
        Builder {
            evaluation,
            questionnaire: evaluation.questionnaire(),
            today,
            complete: evaluation.is_complete(),
        }
        .build()
    }

    /// The verdict with what it turns on worked out: a few dozen further
    /// evaluations, so for showing a verdict, once per change of answers,
    /// not on every keypress. `evaluation` must be the one the verdict was
    /// computed from.
    pub fn with_turns_on(mut self, evaluation: &Evaluation) -> Self {
        self.turns_on = Some(decisive_answers(evaluation, self.evaluated_on));
        self
    }

    /// A holding or provisional finding by id.
    pub fn finding(&self, id: &str) -> Option<&FindingResult> {
        self.findings.iter().find(|finding| finding.id == id)
    }

    pub fn obligation(&self, id: &str) -> Option<&ObligationResult> {
        self.obligations
            .iter()
            .find(|obligation| obligation.id == id)
    }

    pub fn has_role(&self, id: &str) -> bool {
        self.roles.iter().any(|role| role.id == id)
    }
}

struct Builder<'a> {
    evaluation: &'a Evaluation<'a>,
    questionnaire: &'a Questionnaire,
    today: Date,
    complete: bool,
}

impl Builder<'_> {
    fn build(self) -> Verdict {
        let q = self.questionnaire;
        let missing: Vec<QuestionInfo> = self
            .evaluation
            .missing()
            .into_iter()
            .map(|question| QuestionInfo {
                id: question.id.clone(),
                section: question.section.clone(),
                text: question.text.clone(),
            })
            .collect();
        let roles = q
            .roles()
            .iter()
            .enumerate()
            .filter_map(|(i, role)| {
                let truth = self.evaluation.role_truth(i);
                let unsure =
                    truth != Truth::False && !self.evaluation.role_explanation(i).unsure.is_empty();
                self.shown(truth, unsure).map(|status| RoleResult {
                    id: role.id.clone(),
                    label: role.label.clone(),
                    status,
                })
            })
            .collect();
        let findings: Vec<FindingResult> = q
            .findings()
            .iter()
            .enumerate()
            .filter(|(_, finding)| !finding.internal)
            .filter_map(|(i, finding)| {
                let truth = self.evaluation.finding_truth(i);
                // Most findings are false: no explanation is needed for them.
                if truth == Truth::False {
                    return None;
                }
                let explanation = self.evaluation.finding_explanation(i);
                let status = self.shown(truth, !explanation.unsure.is_empty())?;
                Some(FindingResult {
                    id: finding.id.clone(),
                    title: finding.title.clone(),
                    explanation: applied_explanation(finding, status),
                    tier: finding.tier.clone(),
                    status,
                    refs: q.compiled().finding_refs[i].clone(),
                    because: self.reasons(explanation),
                    caveat: finding.caveat.clone(),
                })
            })
            .collect();
        let (tier, tier_status, possible_tiers) = self.tiers(&findings, missing.is_empty());
        Verdict {
            format: VERDICT_FORMAT.to_owned(),
            questionnaire: QuestionnaireInfo {
                id: q.id().to_owned(),
                version: q.version().to_owned(),
                title: q.title().to_owned(),
                legal_basis: q.doc().legal_basis.clone(),
            },
            evaluated_on: self.today,
            complete: missing.is_empty(),
            missing,
            tier,
            tier_status,
            possible_tiers,
            roles,
            obligations: self.obligations(),
            open_points: self.open_points(),
            findings,
            turns_on: None,
        }
    }

    /// The headline: the highest tier among findings that hold or might
    /// hold, except that an exempting tier counts only when it holds for
    /// sure; else the default tier. Then the higher tiers left aside.
    fn tiers(
        &self,
        findings: &[FindingResult],
        complete: bool,
    ) -> (TierInfo, Status, Vec<PossibleTier>) {
        let q = self.questionnaire;
        let rank_of =
            |finding: &FindingResult| finding.tier.as_deref().and_then(|tier| q.tier_rank(tier));
        // Unfinished, most findings are open only because questions remain:
        // the headline is then what holds so far, and provisional.
        let counts = |finding: &FindingResult| {
            finding.status == Status::Holds
                || (complete && rank_of(finding).is_some_and(|rank| !q.tiers()[rank].exempts))
        };
        let headline_rank = findings
            .iter()
            .filter(|f| counts(f))
            .filter_map(rank_of)
            .min();
        let (headline, tier_status) = match headline_rank {
            Some(rank) => {
                let sure = complete
                    && findings
                        .iter()
                        .any(|f| f.status == Status::Holds && rank_of(f) == Some(rank));
                let status = if sure {
                    Status::Holds
                } else {
                    Status::Provisional
                };
                (&q.tiers()[rank], status)
            }
            None if complete => (q.default_tier(), Status::Holds),
            None => (q.default_tier(), Status::Provisional),
        };
        let headline_rank = headline_rank.or_else(|| q.tier_rank(&headline.id));
        let mut possible: Vec<PossibleTier> = Vec::new();
        for (rank, tier) in q.tiers().iter().enumerate().filter(|_| complete) {
            if headline_rank.is_some_and(|headline| rank >= headline) {
                break;
            }
            let pointing: Vec<String> = findings
                .iter()
                .filter(|f| f.status == Status::Provisional && rank_of(f) == Some(rank))
                .map(|f| f.id.clone())
                .collect();
            if !pointing.is_empty() {
                possible.push(PossibleTier {
                    tier: tier_info(tier),
                    findings: pointing,
                });
            }
        }
        (tier_info(headline), tier_status, possible)
    }

    fn obligations(&self) -> Vec<ObligationResult> {
        let q = self.questionnaire;
        // Whether any of them holds; true for none (it falls on everyone).
        let any_of = |ids: &[String], truth_of: &dyn Fn(&str) -> Truth| {
            if ids.is_empty() {
                Truth::True
            } else {
                ids.iter()
                    .fold(Truth::False, |acc, id| acc.or(truth_of(id)))
            }
        };
        let finding_truth = |id: &str| self.finding_truth(id);
        let role_truth = |id: &str| self.role_truth(id);
        // The ones that hold or may hold, named in the result.
        let holding = |ids: &[String], truth_of: &dyn Fn(&str) -> Truth| -> Vec<String> {
            ids.iter()
                .filter(|id| truth_of(id) != Truth::False)
                .cloned()
                .collect()
        };
        let mut results = Vec::new();
        let compiled = q.compiled();
        for (i, (obligation, conditions)) in q
            .obligations()
            .iter()
            .zip(&compiled.obligations)
            .enumerate()
        {
            let truth = any_of(&obligation.findings, &finding_truth)
                .and(any_of(&obligation.roles, &role_truth));
            // Most obligations end here: nothing of them holds.
            if truth == Truth::False {
                continue;
            }
            let extra = conditions.when.as_ref().map_or(Truth::True, |condition| {
                self.evaluation.truth_compiled(condition)
            });
            let truth = truth.and(extra);
            let unsure =
                truth == Truth::Unknown && self.obligation_rests_on_unsure(obligation, conditions);
            let Some(status) = self.shown(truth, unsure) else {
                continue;
            };
            let mut other_possible_dates = Vec::new();
            let mut chosen = None;
            for (rule, condition) in obligation.applies_from.iter().zip(&conditions.dates) {
                let rule_truth = condition.as_ref().map_or(Truth::True, |condition| {
                    self.evaluation.truth_compiled(condition)
                });
                let Some(milestone) = q.milestone(&rule.milestone) else {
                    continue;
                };
                match rule_truth {
                    Truth::True => {
                        chosen = Some(milestone);
                        break;
                    }
                    Truth::Unknown => other_possible_dates.push(milestone_info(milestone)),
                    Truth::False => {}
                }
            }
            // Validation makes the last rule unconditional, so one is chosen.
            let Some(milestone) = chosen else {
                continue;
            };
            results.push(ObligationResult {
                id: obligation.id.clone(),
                kind: obligation.kind,
                title: obligation.title.clone(),
                summary: obligation.summary.clone(),
                status,
                refs: compiled.obligation_refs[i].clone(),
                findings: holding(&obligation.findings, &finding_truth),
                roles: holding(&obligation.roles, &role_truth),
                applies: Timing {
                    now: milestone.date <= self.today,
                    milestone: milestone_info(milestone),
                },
                other_possible_dates,
                caveat: obligation.caveat.clone(),
            });
        }
        results
    }

    fn open_points(&self) -> Vec<OpenPoint> {
        let q = self.questionnaire;
        let mut points = Vec::new();
        for (i, role) in q.roles().iter().enumerate() {
            if self.evaluation.role_truth(i) == Truth::Unknown {
                let explanation = self.evaluation.role_explanation(i);
                if explanation.unsure.is_empty() {
                    continue; // open only because questions remain
                }
                points.push(OpenPoint {
                    subject: Subject::Role,
                    id: role.id.clone(),
                    title: format!("Whether you are a {}", role.label.to_lowercase()),
                    to_check: None,
                    unsure_answers: self.unsure(explanation),
                });
            }
        }
        for (i, finding) in q.findings().iter().enumerate() {
            if !finding.internal && self.evaluation.finding_truth(i) == Truth::Unknown {
                let explanation = self.evaluation.finding_explanation(i);
                if explanation.unsure.is_empty() {
                    continue; // open only because questions remain
                }
                points.push(OpenPoint {
                    subject: Subject::Finding,
                    id: finding.id.clone(),
                    title: finding.title.clone(),
                    to_check: finding.to_check.clone(),
                    unsure_answers: self.unsure(explanation),
                });
            }
        }
        points
    }

    /// Whether something is in the verdict, and how: what holds, and what
    /// might hold because of a "not sure". While questions remain, what is
    /// open only because of them is left out: it is not a result yet.
    fn shown(&self, truth: Truth, rests_on_unsure: bool) -> Option<Status> {
        match truth {
            Truth::True => Some(Status::Holds),
            Truth::Unknown if self.complete || rests_on_unsure => Some(Status::Provisional),
            Truth::Unknown | Truth::False => None,
        }
    }

    fn obligation_rests_on_unsure(
        &self,
        obligation: &Obligation,
        conditions: &ObligationConds,
    ) -> bool {
        let q = self.questionnaire;
        let unsure_finding = obligation.findings.iter().any(|id| {
            q.finding_position(id).is_some_and(|i| {
                self.evaluation.finding_truth(i) == Truth::Unknown
                    && !self.evaluation.finding_explanation(i).unsure.is_empty()
            })
        });
        let unsure_role = obligation.roles.iter().any(|id| {
            q.role_position(id).is_some_and(|i| {
                self.evaluation.role_truth(i) == Truth::Unknown
                    && !self.evaluation.role_explanation(i).unsure.is_empty()
            })
        });
        let unsure_when = conditions
            .when
            .as_ref()
            .is_some_and(|when| !self.evaluation.explain_compiled(when).1.unsure.is_empty());
        unsure_finding || unsure_role || unsure_when
    }

    fn finding_truth(&self, id: &str) -> Truth {
        self.questionnaire
            .finding_position(id)
            .map_or(Truth::False, |i| self.evaluation.finding_truth(i))
    }

    fn role_truth(&self, id: &str) -> Truth {
        self.questionnaire
            .role_position(id)
            .map_or(Truth::False, |i| self.evaluation.role_truth(i))
    }

    fn reasons(&self, explanation: &Explanation) -> Vec<AnswerReason> {
        explanation
            .answered
            .iter()
            .filter_map(|&position| {
                let question = self.questionnaire.questions().get(position)?;
                let answer = self.evaluation.concluding_answer(position)?;
                Some(AnswerReason {
                    question: question.id.clone(),
                    question_text: question.text.clone(),
                    answer: answer.to_value(),
                    answer_label: answer.label(question),
                })
            })
            .collect()
    }

    fn unsure(&self, explanation: &Explanation) -> Vec<UnsureAnswer> {
        explanation
            .unsure
            .iter()
            .filter_map(|&position| self.questionnaire.questions().get(position))
            .map(|question| UnsureAnswer {
                question: question.id.clone(),
                question_text: question.text.clone(),
                if_not_sure: question.if_not_sure.clone(),
            })
            .collect()
    }
}

/// Whether a headline tier is a result: always once the answers are
/// complete; before, only if a finding that holds sets it. For code that
/// reads a saved verdict without building a whole `Verdict` (the list).
pub fn tier_is_decided<'a>(
    complete: bool,
    tier: &str,
    findings: impl IntoIterator<Item = (Status, Option<&'a str>)>,
) -> bool {
    complete
        || findings
            .into_iter()
            .any(|(status, finding_tier)| status == Status::Holds && finding_tier == Some(tier))
}

/// The rule, then, when the finding holds for sure, what it means for the
/// user. A provisional finding never claims to apply: its status says that
/// it turns on answers the user was not sure of.
fn applied_explanation(finding: &Finding, status: Status) -> String {
    match (&finding.if_holds, status) {
        (Some(applies), Status::Holds) => format!("{} {applies}", finding.explanation),
        _ => finding.explanation.clone(),
    }
}

fn tier_info(tier: &Tier) -> TierInfo {
    TierInfo {
        id: tier.id.clone(),
        label: tier.label.clone(),
        summary: tier.summary.clone(),
        in_pyramid: tier.in_pyramid,
        exempts: tier.exempts,
    }
}

fn milestone_info(milestone: &Milestone) -> MilestoneInfo {
    MilestoneInfo {
        id: milestone.id.clone(),
        date: milestone.date,
        title: milestone.title.clone(),
        source: milestone.source.clone(),
        status: milestone.status,
        note: milestone.note.clone(),
    }
}
