//! The verdict: a pure function of (questionnaire, answers, today's date).
//!
//! Its JSON form is a published interface (`docs/verdict-format.md`):
//! scripts read it, and saved assessments keep the last one. Add fields
//! rather than change them, and bump [`VERDICT_FORMAT`] if you must.

use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::answer::{Answer, AnswerValue, Answers};
use crate::compiled::ObligationConds;
use crate::engine::{Evaluation, Explanation, Truth};
use crate::model::{
    Certainty, Finding, LegalBasis, Milestone, Obligation, ObligationKind, QualifierKind, Question,
    Tier,
};
use crate::outcome::{
    DutyFact, DutyOutlook, DutyState, FindingRole, Group, LookAhead, OthersDuty, Outcome,
    OutcomeBuilder, OutlookAlternative, PlanStep, Reading, Standing, When, same_outlook,
};
use crate::questionnaire::Questionnaire;
use crate::settle::{Goal, Settlements, settle, unsure_answers};
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
    /// What the verdict means for the user, read once (issue 13): the
    /// headline every surface shows first.
    #[serde(default)]
    pub outcome: Outcome,
    /// The user's duties grouped by when they start, now first.
    #[serde(default)]
    pub plan: Vec<PlanStep>,
    /// The duties a hold keeps back (the outcome's `on_hold` state), with
    /// the dates they would have once it ends.
    #[serde(default)]
    pub on_hold: Vec<ObligationResult>,
    /// Duties of other actors in the chain that the findings mention.
    #[serde(default)]
    pub others: Vec<OthersDuty>,
    /// Whether the dates and provisional duties shown were checked against
    /// every settling of the "not sure" answers.
    #[serde(default)]
    pub settled: SettlingCheck,
    /// For a system outside the rules only for now: what applies once it
    /// is launched, from the same answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub look_ahead: Option<LookAhead>,
}

/// Whether a verdict's dates and provisional duties were checked against
/// the settlings of its "not sure" answers (see `crate::settle`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SettlingCheck {
    /// Not checked: the assessment is unfinished (or the verdict older).
    #[default]
    NotChecked,
    /// No "not sure" answer: nothing to check.
    NothingOpen,
    /// Every settling examined: what is shown, some settling reaches.
    Checked,
    /// Too many settlings: the engine's reading is shown as it is.
    TooMany,
}

/// A date an obligation may apply from, and the settled answers that lead
/// to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateIf {
    pub milestone: MilestoneInfo,
    /// The settled answers every settling with this date has in common.
    pub if_answers: Vec<AnswerReason>,
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
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
    /// How it takes part in the headline (issue 13).
    #[serde(default)]
    pub role: FindingRole,
    /// The questions (ids, among `because`) whose answers decided it
    /// beyond the steps every verdict passes through (`gate` findings):
    /// what "because you answered" shows ([`FindingResult::decided`]).
    #[serde(default)]
    pub decided_by: Vec<String>,
}

impl FindingResult {
    /// "Because you answered ...": the answers that decided the finding
    /// (those of `because` named in `decided_by`).
    pub fn decided(&self) -> impl Iterator<Item = &AnswerReason> {
        self.because
            .iter()
            .filter(|reason| self.decided_by.contains(&reason.question))
    }
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
    /// Dates that would apply instead, depending on a "not sure"; only
    /// dates some settling of those answers reaches.
    pub other_possible_dates: Vec<MilestoneInfo>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
    /// The dates it may apply from, each with the settled answers that
    /// lead to it; empty when no "not sure" answer decides its date.
    #[serde(default)]
    pub dates_if: Vec<DateIf>,
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

    /// The verdict to show, its "not sure" answers settled (see
    /// [`Verdict::settled_from_evaluation`]).
    pub fn compute(questionnaire: &Questionnaire, answers: &Answers, today: Date) -> Self {
        Self::settled_from_evaluation(&Evaluation::new(questionnaire, answers), today)
    }

    /// The verdict to show, with what it turns on (see
    /// [`Verdict::with_turns_on`]).
    pub fn compute_with_turns_on(
        questionnaire: &Questionnaire,
        answers: &Answers,
        today: Date,
    ) -> Self {
        let evaluation = Evaluation::new(questionnaire, answers);
        Self::settled_from_evaluation(&evaluation, today).with_turns_on(&evaluation)
    }

    /// The verdict on answers already evaluated, as the engine reads them,
    /// for every answer (the snapshot, the saved copy): without the
    /// settlements of the "not sure" answers (`settled` is `not_checked`
    /// where some remain), so a provisional date or duty may be one no
    /// settling reaches. What is shown uses
    /// [`Verdict::settled_from_evaluation`].
    pub fn from_evaluation(evaluation: &Evaluation, today: Date) -> Self {
        Builder::new(evaluation, today, false).build()
    }

    /// The verdict on answers already evaluated, with only the dates,
    /// provisional duties and provisional findings that some settling of
    /// the "not sure" answers reaches (see `docs/verdict-format.md`). A
    /// few further evaluations when "not sure" answers remain: for showing
    /// a verdict, once per change of answers, like what it turns on.
    pub fn settled_from_evaluation(evaluation: &Evaluation, today: Date) -> Self {
        Builder::new(evaluation, today, true).build()
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

    /// A duty a plan step names: one of the obligations, or one a hold
    /// keeps back.
    pub fn plan_duty(&self, id: &str) -> Option<&ObligationResult> {
        self.obligation(id)
            .or_else(|| self.on_hold.iter().find(|obligation| obligation.id == id))
    }

    /// The findings in the order a verdict shows them: the gates (folded
    /// into one line), the qualifiers, the basis, the other tiers with
    /// duties, context, the rest; questionnaire order within each.
    pub fn findings_in_order(&self) -> Vec<&FindingResult> {
        let mut ordered: Vec<&FindingResult> = self.findings.iter().collect();
        ordered.sort_by_key(|finding| finding.role);
        ordered
    }

    /// The sections of a verdict in the order every surface shows them
    /// (issue 13), with those that have nothing to show left out: the
    /// result always; what it turns on once worked out (a verdict nothing
    /// turns on says so); the plan, the open points, the findings and the
    /// duties of others when there are some. Reports add the answers
    /// after these.
    pub fn sections(&self) -> Vec<Section> {
        let present = [
            (Section::Result, true),
            (Section::Plan, !self.plan.is_empty()),
            // Once worked out, even when nothing turns on one answer:
            // that the result stands firm is worth a line.
            (Section::TurnsOn, self.turns_on.is_some()),
            (Section::OpenPoints, !self.open_points.is_empty()),
            (Section::Findings, !self.findings.is_empty()),
            (Section::Others, !self.others.is_empty()),
        ];
        present
            .into_iter()
            .filter(|(_, shown)| *shown)
            .map(|(section, _)| section)
            .collect()
    }
}

/// A part of a verdict as every surface shows it, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// The outcome (and the look-ahead's, labelled as not applying yet).
    Result,
    /// What you must do, by when.
    Plan,
    /// What the result turns on.
    TurnsOn,
    /// Open points, by the question to settle.
    OpenPoints,
    /// The findings, gates folded ([`Verdict::findings_in_order`]).
    Findings,
    /// Duties of others in the chain.
    Others,
}

struct Builder<'a> {
    evaluation: &'a Evaluation<'a>,
    questionnaire: &'a Questionnaire,
    today: Date,
    complete: bool,
    /// A look-ahead's verdict: its plan reads from the launch, and it has
    /// no look-ahead of its own.
    look_ahead: bool,
    /// Settle the "not sure" answers (see [`Verdict::settled_from_evaluation`]).
    settle: bool,
}

/// An obligation in the verdict, with where it stands in the questionnaire.
struct Shown {
    position: usize,
    /// The milestone of its date, by position.
    milestone: usize,
    /// The date rules (by index) that give or may give its date: those
    /// that might hold before the one that does, and that one.
    rules: Vec<usize>,
    result: ObligationResult,
}

/// What the headline rule reads, worked out from an evaluation.
struct Core {
    statuses: Vec<Option<Status>>,
    tier: usize,
    tier_status: Status,
    /// Higher exempting tiers only provisional findings point to.
    possible: Vec<(usize, Vec<usize>)>,
    obligations: Vec<Shown>,
    /// The dates some settling of the "not sure" answers reaches.
    reached_dates: Vec<Date>,
    /// Where the duties stand with the first question settled in each way.
    first_settled: Vec<(AnswerReason, DutyOutlook)>,
}

impl Core {
    fn duties(&self, q: &Questionnaire) -> Vec<DutyFact> {
        duty_facts(q, &self.obligations)
    }

    /// What the headline rule reads, with these duties (from
    /// [`Core::duties`]).
    fn standing<'s>(&'s self, duties: &'s [DutyFact]) -> Standing<'s> {
        Standing {
            tier: self.tier,
            tier_status: self.tier_status,
            findings: &self.statuses,
            duties,
        }
    }
}

/// The duties (obligations of kind `duty`) among shown obligations, as
/// the headline rule reads them.
fn duty_facts(q: &Questionnaire, obligations: &[Shown]) -> Vec<DutyFact> {
    obligations
        .iter()
        .filter(|o| q.obligations()[o.position].kind == ObligationKind::Duty)
        .map(|o| DutyFact {
            obligation: o.position,
            status: o.result.status,
            date: o.result.applies.milestone.date,
            milestone: o.milestone,
        })
        .collect()
}

impl<'a> Builder<'a> {
    fn new(evaluation: &'a Evaluation<'a>, today: Date, settle: bool) -> Self {
        Self {
            evaluation,
            questionnaire: evaluation.questionnaire(),
            today,
            complete: evaluation.is_complete(),
            look_ahead: false,
            settle,
        }
    }

    fn build(self) -> Verdict {
        let q = self.questionnaire;
        let missing: Vec<QuestionInfo> = self
            .evaluation
            .missing()
            .into_iter()
            .map(question_info)
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
        let (core, settled) = self.settled_core();
        let duties = core.duties(q);
        let standing = core.standing(&duties);
        let reading = Reading::of(q, &standing);
        let findings: Vec<(usize, FindingResult)> = q
            .findings()
            .iter()
            .enumerate()
            .filter(|(i, finding)| !finding.internal && core.statuses[*i].is_some())
            .filter_map(|(i, finding)| {
                let status = core.statuses[i]?;
                let role = reading.role(q, &standing, i);
                let explanation = self.evaluation.finding_explanation(i);
                // A finding of another tier that brings no duty here is
                // said as the rule only, never "this applies to you".
                let applied = match role {
                    FindingRole::Context => finding.explanation.clone(),
                    _ => applied_explanation(finding, status),
                };
                Some((
                    i,
                    FindingResult {
                        id: finding.id.clone(),
                        title: finding.title.clone(),
                        explanation: applied,
                        tier: finding.tier.clone(),
                        status,
                        refs: q.compiled().finding_refs[i].clone(),
                        because: self.reasons(&explanation.answered),
                        caveat: finding.caveat.clone(),
                        role,
                        decided_by: explanation
                            .beyond_gates
                            .iter()
                            .filter(|&&p| self.evaluation.concluding_answer(p).is_some())
                            .map(|&p| q.questions()[p].id.clone())
                            .collect(),
                    },
                ))
            })
            .collect();
        let mut outlook = reading.outlook(q, &standing, Group::Regime, self.today);
        if settled == SettlingCheck::Checked {
            outlook.alternatives = alternatives(&core, &outlook);
        }
        let held = if outlook.state == DutyState::OnHold {
            self.held(&reading)
        } else {
            Vec::new()
        };
        let held_facts = duty_facts(q, &held);
        let outcome = OutcomeBuilder {
            questionnaire: q,
            standing: &standing,
            reading: &reading,
            today: self.today,
            possibly_exempt: !core.possible.is_empty(),
            at_launch: self.look_ahead,
        }
        .build(outlook, &held_facts);
        let plan = self.plan(&core, &reading, &outcome, &held);
        let others = self.others(&findings, &core, &outcome);
        let look_ahead = if self.look_ahead {
            None
        } else {
            self.look_ahead_of(&reading, &core)
        };
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
            tier: tier_info(&q.tiers()[core.tier]),
            tier_status: core.tier_status,
            possible_tiers: core
                .possible
                .iter()
                .map(|(rank, pointing)| PossibleTier {
                    tier: tier_info(&q.tiers()[*rank]),
                    findings: pointing
                        .iter()
                        .map(|&i| q.findings()[i].id.clone())
                        .collect(),
                })
                .collect(),
            roles,
            obligations: core.obligations.into_iter().map(|o| o.result).collect(),
            open_points: self.open_points(&core.statuses),
            findings: findings.into_iter().map(|(_, f)| f).collect(),
            turns_on: None,
            outcome,
            plan,
            on_hold: held.into_iter().map(|o| o.result).collect(),
            others,
            settled,
            look_ahead,
        }
    }

    /// What the headline rule reads: what is shown of each finding, the
    /// headline, and the obligations; for a finished assessment with "not
    /// sure" answers, checked against their settlements.
    fn settled_core(&self) -> (Core, SettlingCheck) {
        let mut statuses = finding_statuses(self.evaluation, self.complete);
        let mut obligations = self.obligations();
        let mut reached_dates = Vec::new();
        let mut first_settled = Vec::new();
        let check = if !self.complete {
            SettlingCheck::NotChecked
        } else if unsure_answers(self.evaluation).is_empty() {
            SettlingCheck::NothingOpen
        } else if !self.settle {
            SettlingCheck::NotChecked
        } else {
            let goals = settlement_goals(&statuses, &obligations);
            let q = self.questionnaire;
            let today = self.today;
            let duties: Vec<usize> = obligations
                .iter()
                .filter(|o| q.obligations()[o.position].kind == ObligationKind::Duty)
                .map(|o| o.position)
                .collect();
            let mut record = |evaluation: &Evaluation, position: usize, answer: &Answer| {
                let reason = answer_reason(&q.questions()[position], answer);
                first_settled.push((reason, outlook_of(evaluation, &duties, today)));
            };
            let found = settle(self.evaluation, &goals, &mut record);
            reached_dates = self.apply_settlements(&goals, &found, &mut statuses, &mut obligations);
            if found.complete {
                SettlingCheck::Checked
            } else {
                SettlingCheck::TooMany
            }
        };
        let (tier, tier_status, possible) = headline(self.questionnaire, &statuses, self.complete);
        let core = Core {
            statuses,
            tier,
            tier_status,
            possible,
            obligations,
            reached_dates,
            first_settled,
        };
        (core, check)
    }

    /// The core on this evaluation as it stands (a hold lifted, say).
    fn core(&self) -> Core {
        let statuses = finding_statuses(self.evaluation, self.complete);
        let (tier, tier_status, possible) = headline(self.questionnaire, &statuses, self.complete);
        Core {
            statuses,
            tier,
            tier_status,
            possible,
            obligations: self.obligations(),
            reached_dates: Vec::new(),
            first_settled: Vec::new(),
        }
    }

    /// Keeps a provisional finding or obligation only if some settling
    /// makes it hold, and an obligation's dates only those some settling
    /// reaches, each with the settled answers that lead to it. With the
    /// settlements not all examined, only what was reached is known: the
    /// engine's reading stays. Returns the dates reached.
    fn apply_settlements(
        &self,
        goals: &[Goal],
        found: &Settlements,
        statuses: &mut [Option<Status>],
        obligations: &mut Vec<Shown>,
    ) -> Vec<Date> {
        let q = self.questionnaire;
        let reached = |goal: Goal| {
            goals
                .iter()
                .position(|g| *g == goal)
                .and_then(|g| found.reached[g].as_ref())
        };
        let mut dates = Vec::new();
        for shown in obligations.iter() {
            for &rule in &shown.rules {
                let goal = Goal::Date {
                    obligation: shown.position,
                    rule,
                };
                let settled = shown.result.status == Status::Holds && shown.rules.len() == 1;
                if settled || reached(goal).is_some() {
                    let milestone = q.compiled().obligations[shown.position].milestones[rule];
                    dates.push(q.milestones()[milestone].date);
                }
            }
        }
        if !found.complete {
            return dates;
        }
        for (i, status) in statuses.iter_mut().enumerate() {
            if *status == Some(Status::Provisional) && reached(Goal::Finding(i)).is_none() {
                *status = None;
            }
        }
        // An obligation names only the findings still shown.
        for shown in obligations.iter_mut() {
            shown.result.findings.retain(|id| {
                q.finding_position(id)
                    .is_some_and(|i| statuses[i].is_some() || q.findings()[i].internal)
            });
        }
        obligations.retain_mut(|shown| {
            // A sure obligation with a sure date was not searched for.
            if shown.result.status == Status::Holds && shown.rules.len() == 1 {
                return true;
            }
            let milestones = &q.compiled().obligations[shown.position].milestones;
            let mut dated: Vec<(usize, &Vec<(usize, Answer)>)> = shown
                .rules
                .iter()
                .filter_map(|&rule| {
                    let witness = reached(Goal::Date {
                        obligation: shown.position,
                        rule,
                    })?;
                    Some((milestones[rule], witness))
                })
                .collect();
            if dated.is_empty() {
                return false;
            }
            let date_of = |m: usize| q.milestones()[m].date;
            dated.sort_by_key(|(m, _)| (date_of(*m), *m));
            dated.dedup_by_key(|(m, _)| *m);
            let primary = if dated.iter().any(|(m, _)| *m == shown.milestone) {
                shown.milestone
            } else {
                dated[0].0
            };
            dated.sort_by_key(|(m, _)| (*m != primary, date_of(*m), *m));
            let milestone = &q.milestones()[primary];
            shown.milestone = primary;
            shown.result.applies = Timing {
                now: milestone.date <= self.today,
                milestone: self.milestone_info(milestone),
            };
            shown.result.other_possible_dates = dated
                .iter()
                .skip(1)
                .map(|(m, _)| self.milestone_info(&q.milestones()[*m]))
                .collect();
            let dates_if: Vec<DateIf> = dated
                .iter()
                .map(|(m, witness)| DateIf {
                    milestone: self.milestone_info(&q.milestones()[*m]),
                    if_answers: witness
                        .iter()
                        .map(|(position, answer)| answer_reason(&q.questions()[*position], answer))
                        .collect(),
                })
                .collect();
            if dates_if.iter().any(|d| !d.if_answers.is_empty()) {
                shown.result.dates_if = dates_if;
            }
            true
        });
        dates
    }

    /// The duties a hold keeps back: those under the headline once the
    /// hold's `lifted_by` edits are made to the answers.
    fn held(&self, reading: &Reading) -> Vec<Shown> {
        let q = self.questionnaire;
        let edits = reading.qualifiers.iter().find_map(|&i| {
            let spec = q.findings()[i].qualifies.as_ref()?;
            (spec.kind == QualifierKind::Hold).then_some(&spec.lifted_by)
        });
        let answers = self
            .evaluation
            .answers()
            .with_edits(q, edits.map_or(&[][..], Vec::as_slice));
        let lifted = Evaluation::hypothetical(q, &answers);
        let builder = Builder {
            evaluation: &lifted,
            questionnaire: q,
            today: self.today,
            complete: lifted.is_complete(),
            look_ahead: self.look_ahead,
            settle: false,
        };
        let mut core = builder.core();
        let duties = core.duties(q);
        let lifted_reading = Reading::of(q, &core.standing(&duties));
        let regime: Vec<usize> = duties
            .iter()
            .zip(&lifted_reading.groups)
            .filter(|(_, group)| **group == Group::Regime)
            .map(|(duty, _)| duty.obligation)
            .collect();
        // Still held if the edits do not lift it: then nothing is known.
        if lifted_reading.qualifiers.iter().any(|&i| {
            q.findings()[i]
                .qualifies
                .as_ref()
                .is_some_and(|spec| spec.kind == QualifierKind::Hold)
        }) {
            core.obligations.clear();
        }
        core.obligations.retain(|o| regime.contains(&o.position));
        core.obligations
    }

    fn obligations(&self) -> Vec<Shown> {
        let q = self.questionnaire;
        let compiled = q.compiled();
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
        for (i, obligation) in q.obligations().iter().enumerate() {
            // Most obligations end here: nothing of them holds.
            let Some(standing) = obligation_truth(self.evaluation, i, true) else {
                continue;
            };
            let unsure = standing.truth == Truth::Unknown
                && self.obligation_rests_on_unsure(obligation, &compiled.obligations[i]);
            let Some(status) = self.shown(standing.truth, unsure) else {
                continue;
            };
            let milestone = &q.milestones()[standing.milestone];
            let mut rules = standing.unknown_rules.clone();
            rules.push(standing.rule);
            results.push(Shown {
                position: i,
                milestone: standing.milestone,
                rules,
                result: ObligationResult {
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
                        milestone: self.milestone_info(milestone),
                    },
                    other_possible_dates: standing
                        .unknown_rules
                        .iter()
                        .map(|&r| {
                            self.milestone_info(
                                &q.milestones()[compiled.obligations[i].milestones[r]],
                            )
                        })
                        .collect(),
                    caveat: obligation.caveat.clone(),
                    dates_if: Vec::new(),
                },
            });
        }
        results
    }

    /// The user's duties grouped by when they start: now first, then by
    /// date, what a hold keeps back last.
    fn plan(
        &self,
        core: &Core,
        reading: &Reading,
        outcome: &Outcome,
        held: &[Shown],
    ) -> Vec<PlanStep> {
        let q = self.questionnaire;
        let state = outcome.duties.state;
        let mut steps: Vec<(PlanStep, Option<String>)> = Vec::new();
        let duties = core
            .obligations
            .iter()
            .filter(|o| q.obligations()[o.position].kind == ObligationKind::Duty);
        for (shown, group) in duties.zip(&reading.groups) {
            let result = &shown.result;
            let date = result.applies.milestone.date;
            let if_answers = result
                .dates_if
                .iter()
                .find(|d| d.milestone.id == result.applies.milestone.id)
                .map(|d| d.if_answers.clone())
                .unwrap_or_default();
            // A step that rests on settling a "not sure" answer starts as
            // the result does under that settling: from a design change,
            // not on its date, where the change brings the duties.
            let settled_state = outcome
                .duties
                .alternatives
                .iter()
                .find(|a| !if_answers.is_empty() && a.if_answers == if_answers)
                .map_or(state, |a| a.state);
            let when = if date <= self.today {
                if self.look_ahead {
                    When::AtLaunch
                } else {
                    When::Now
                }
            } else {
                match (group, settled_state) {
                    (Group::Regime, DutyState::OnChange) => When::OnChange,
                    (Group::Regime, DutyState::ByDeadline) => When::ByDeadline,
                    _ => When::From,
                }
            };
            let dated = !matches!(when, When::Now | When::AtLaunch);
            let key = dated.then(|| result.applies.milestone.id.clone());
            match steps
                .iter_mut()
                .find(|(step, k)| step.when == when && *k == key && step.if_answers == if_answers)
            {
                Some((step, _)) => {
                    step.duties.push(result.id.clone());
                    if result.status == Status::Provisional {
                        step.status = Status::Provisional;
                    }
                }
                None => steps.push((
                    PlanStep {
                        when,
                        date: dated.then_some(date),
                        milestone: dated.then(|| result.applies.milestone.clone()),
                        if_answers,
                        duties: vec![result.id.clone()],
                        status: result.status,
                    },
                    key,
                )),
            }
        }
        let mut steps: Vec<PlanStep> = steps.into_iter().map(|(step, _)| step).collect();
        let kept_back: Vec<String> = held
            .iter()
            .filter(|o| q.obligations()[o.position].kind == ObligationKind::Duty)
            .map(|o| o.result.id.clone())
            .collect();
        if !kept_back.is_empty() {
            steps.push(PlanStep {
                when: When::OnHold,
                date: outcome.duties.date,
                milestone: None,
                if_answers: Vec::new(),
                duties: kept_back,
                status: outcome.duties.status,
            });
        }
        steps.sort_by_key(|step| {
            let band = match step.when {
                When::Now | When::AtLaunch => 0,
                When::OnHold => 2,
                _ => 1,
            };
            (band, step.date, step.when)
        });
        steps
    }

    /// The duties of other actors that shown findings mention: those that
    /// hold (or may) as far as findings and conditions go, on roles the
    /// user does not hold.
    fn others(
        &self,
        findings: &[(usize, FindingResult)],
        core: &Core,
        outcome: &Outcome,
    ) -> Vec<OthersDuty> {
        let q = self.questionnaire;
        if q.tier(&outcome.tier).is_some_and(|tier| tier.exempts) {
            return Vec::new();
        }
        // A hold of the result covers the other actors too (Article 111(2)
        // speaks of operators): their duties wait with the user's.
        let hold_edits = (outcome.duties.state == DutyState::OnHold)
            .then(|| {
                outcome.qualifiers.iter().find_map(|qualifier| {
                    let spec = q.finding(&qualifier.finding)?.qualifies.as_ref()?;
                    (spec.kind == QualifierKind::Hold).then_some(&spec.lifted_by)
                })
            })
            .flatten();
        let lifted_answers = hold_edits.map(|edits| self.evaluation.answers().with_edits(q, edits));
        let lifted = lifted_answers
            .as_ref()
            .map(|answers| Evaluation::hypothetical(q, answers));
        let unsure_given =
            (self.evaluation.answers().iter()).any(|(_, answer)| answer.is_not_sure());
        let mut others: Vec<OthersDuty> = Vec::new();
        for (i, finding) in findings {
            if finding.role == FindingRole::Context {
                continue;
            }
            for id in &q.findings()[*i].mentions {
                let Some(position) = q.obligations().iter().position(|o| &o.id == id) else {
                    continue;
                };
                if let Some(known) = others.iter_mut().find(|o| &o.obligation == id) {
                    known.mentioned_by.push(finding.id.clone());
                    continue;
                }
                let obligation = &q.obligations()[position];
                let mine = core.obligations.iter().any(|o| o.position == position)
                    || obligation
                        .roles
                        .iter()
                        .any(|role| self.role_truth(role) != Truth::False);
                if mine || obligation.roles.is_empty() {
                    continue;
                }
                // Their duty may rest on facts of their use the user was
                // not asked about (what customers publish): only its own
                // condition can rule it out (a hold, a ban); it holds for
                // sure when its findings do too.
                let conditions = &q.compiled().obligations[position];
                let guard = conditions
                    .when
                    .as_ref()
                    .map_or(Truth::True, |c| self.evaluation.truth_compiled(c));
                if guard == Truth::False {
                    continue;
                }
                let findings = q.compiled().outcome.obligation_findings[position]
                    .iter()
                    .fold(Truth::False, |acc, &i| {
                        acc.or(self.evaluation.finding_truth(i))
                    });
                let status = if guard == Truth::True && findings == Truth::True {
                    Status::Holds
                } else {
                    Status::Provisional
                };
                let on_hold = guard != Truth::True
                    && lifted
                        .as_ref()
                        .zip(conditions.when.as_ref())
                        .is_some_and(|(lifted, when)| lifted.truth_compiled(when) == Truth::True);
                let Some(rule) = (0..conditions.milestones.len())
                    .find(|&r| rule_truth(self.evaluation, position, r) == Truth::True)
                else {
                    continue;
                };
                let milestone = &q.milestones()[conditions.milestones[rule]];
                // Dated by the milestone that dates the user's duties
                // under a change or a deadline: dated the same way.
                let as_yours = (outcome.duties.milestone.as_deref() == Some(&milestone.id))
                    .then_some(outcome.duties.state);
                let actors: Vec<&crate::model::Role> = obligation
                    .roles
                    .iter()
                    .filter_map(|role| q.role(role))
                    .collect();
                others.push(OthersDuty {
                    obligation: obligation.id.clone(),
                    actors: actors.iter().map(|role| role.id.clone()).collect(),
                    actor_label: actors
                        .iter()
                        .map(|role| role.as_other.clone().unwrap_or_else(|| role.label.clone()))
                        .collect::<Vec<_>>()
                        .join(" or "),
                    title: obligation.title.clone(),
                    summary: obligation.summary.clone(),
                    refs: q.compiled().obligation_refs[position].clone(),
                    applies: Timing {
                        now: milestone.date <= self.today,
                        milestone: self.milestone_info(milestone),
                    },
                    mentioned_by: vec![finding.id.clone()],
                    status,
                    after_unsure: status == Status::Provisional && unsure_given,
                    on_hold,
                    on_change: !on_hold && as_yours == Some(DutyState::OnChange),
                    by_deadline: !on_hold && as_yours == Some(DutyState::ByDeadline),
                });
            }
        }
        others
    }

    /// For a system outside the rules only for now (a "for now" qualifier
    /// with a `look_ahead` holds): the verdict on the same answers with
    /// the look-ahead's edits, once one of its questions has an answer.
    fn look_ahead_of(&self, reading: &Reading, core: &Core) -> Option<LookAhead> {
        let q = self.questionnaire;
        let (finding, spec) = reading.qualifiers.iter().find_map(|&i| {
            let qualifier = q.findings()[i].qualifies.as_ref()?;
            let holds = core.statuses[i] == Some(Status::Holds);
            (qualifier.kind == QualifierKind::ForNow && holds)
                .then_some((i, qualifier.look_ahead.as_ref()?))
        })?;
        let answers = self.evaluation.answers().with_edits(q, &spec.assume);
        let launch = Evaluation::hypothetical(q, &answers);
        // Edits that do not lift the finding look at nothing new.
        if launch.finding_truth(finding) != Truth::False {
            return None;
        }
        let questions: Vec<usize> = launch
            .path()
            .filter(|&p| !self.evaluation.applicability(p).is_asked())
            .collect();
        if questions.is_empty() {
            return None;
        }
        let started = questions
            .iter()
            .any(|&p| launch.effective_answer(p).is_some());
        let verdict = started.then(|| {
            Box::new(
                Builder {
                    evaluation: &launch,
                    questionnaire: q,
                    today: self.today,
                    complete: launch.is_complete(),
                    look_ahead: true,
                    settle: self.settle,
                }
                .build(),
            )
        });
        Some(LookAhead {
            label: spec.label.clone(),
            assumes: spec.assumes.clone(),
            offer: spec.offer.clone(),
            finding: q.findings()[finding].id.clone(),
            questions: questions
                .into_iter()
                .map(|p| question_info(&q.questions()[p]))
                .collect(),
            verdict,
        })
    }

    /// The provisional roles and findings that rest on "not sure"
    /// answers (a finding only while `statuses` shows it).
    fn open_points(&self, statuses: &[Option<Status>]) -> Vec<OpenPoint> {
        let q = self.questionnaire;
        let mut points = Vec::new();
        for (i, role) in q.roles().iter().enumerate() {
            if self.evaluation.role_truth(i) != Truth::Unknown {
                continue;
            }
            if let Some(unsure_answers) = self.keeping_open(self.evaluation.role_explanation(i)) {
                points.push(OpenPoint {
                    subject: Subject::Role,
                    id: role.id.clone(),
                    title: format!("Whether you are a {}", role.label.to_lowercase()),
                    to_check: None,
                    unsure_answers,
                });
            }
        }
        for (i, finding) in q.findings().iter().enumerate() {
            if finding.internal
                || self.evaluation.finding_truth(i) != Truth::Unknown
                || statuses[i].is_none()
            {
                continue;
            }
            if let Some(unsure_answers) = self.keeping_open(self.evaluation.finding_explanation(i))
            {
                points.push(OpenPoint {
                    subject: Subject::Finding,
                    id: finding.id.clone(),
                    title: finding.title.clone(),
                    to_check: finding.to_check.clone(),
                    unsure_answers,
                });
            }
        }
        points
    }

    /// The "not sure" answers that keep something open; none where only
    /// questions still to answer do (that is no open point).
    fn keeping_open(&self, explanation: &Explanation) -> Option<Vec<UnsureAnswer>> {
        (!explanation.unsure.is_empty()).then(|| self.unsure(explanation))
    }

    /// Whether something is in the verdict, and how (see [`shown`]).
    /// A milestone as the verdict shows it: with the first of its
    /// `notes_when` that may hold for this system, else its own note.
    fn milestone_info(&self, milestone: &Milestone) -> MilestoneInfo {
        let mut info = milestone_info(milestone);
        if let Some(special) = milestone
            .notes_when
            .iter()
            .find(|special| self.evaluation.truth(&special.when) != Truth::False)
        {
            info.note = Some(special.note.clone());
        }
        info
    }

    fn shown(&self, truth: Truth, rests_on_unsure: bool) -> Option<Status> {
        shown(truth, self.complete, rests_on_unsure)
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

    /// "Because you answered ...": the answers at these positions.
    fn reasons(&self, positions: &[usize]) -> Vec<AnswerReason> {
        positions
            .iter()
            .filter_map(|&position| {
                let question = self.questionnaire.questions().get(position)?;
                let answer = self.evaluation.concluding_answer(position)?;
                Some(answer_reason(question, answer))
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

/// Whether something is in the verdict, and how: what holds, and what
/// might hold because of a "not sure". While questions remain (not
/// `complete`), what is open only because of them is left out: it is not a
/// result yet.
fn shown(truth: Truth, complete: bool, rests_on_unsure: bool) -> Option<Status> {
    match truth {
        Truth::True => Some(Status::Holds),
        Truth::Unknown if complete || rests_on_unsure => Some(Status::Provisional),
        Truth::Unknown | Truth::False => None,
    }
}

/// What is shown of every finding, internal ones included.
pub(crate) fn finding_statuses(evaluation: &Evaluation, complete: bool) -> Vec<Option<Status>> {
    (0..evaluation.questionnaire().findings().len())
        .map(|i| {
            let truth = evaluation.finding_truth(i);
            // Most findings are false: no explanation is needed for them.
            let unsure = truth == Truth::Unknown
                && !complete
                && !evaluation.finding_explanation(i).unsure.is_empty();
            shown(truth, complete, unsure)
        })
        .collect()
}

/// The headline: the highest tier among findings that hold or might hold,
/// except that an exempting tier counts only when it holds for sure; else
/// the default tier. Then the higher exempting tiers left aside, with the
/// provisional findings that point to them. By rank and position.
pub(crate) fn headline(
    q: &Questionnaire,
    statuses: &[Option<Status>],
    complete: bool,
) -> (usize, Status, Vec<(usize, Vec<usize>)>) {
    let ranks = &q.compiled().outcome.tier;
    let tiered: Vec<(usize, usize, Status)> = ranks
        .iter()
        .enumerate()
        .filter_map(|(i, rank)| Some((i, (*rank)?, statuses.get(i).copied().flatten()?)))
        .collect();
    // Unfinished, most findings are open only because questions remain:
    // the headline is then what holds so far, and provisional.
    let counts = |rank: usize, status: Status| {
        status == Status::Holds || (complete && !q.tiers()[rank].exempts)
    };
    let best = tiered
        .iter()
        .filter(|(_, rank, status)| counts(*rank, *status))
        .map(|(_, rank, _)| *rank)
        .min();
    let default = q.compiled().outcome.default_tier;
    let (rank, status) = match best {
        Some(rank) => {
            let sure = complete
                && tiered
                    .iter()
                    .any(|(_, r, status)| *r == rank && *status == Status::Holds);
            (
                rank,
                if sure {
                    Status::Holds
                } else {
                    Status::Provisional
                },
            )
        }
        None if complete => (default, Status::Holds),
        None => (default, Status::Provisional),
    };
    let mut possible: Vec<(usize, Vec<usize>)> = Vec::new();
    if complete {
        for higher in 0..rank {
            let pointing: Vec<usize> = tiered
                .iter()
                .filter(|(_, r, status)| *r == higher && *status == Status::Provisional)
                .map(|(i, _, _)| *i)
                .collect();
            if !pointing.is_empty() {
                possible.push((higher, pointing));
            }
        }
    }
    (rank, status, possible)
}

/// Whether an obligation holds on an evaluation, and from when.
pub(crate) struct ObligationTruth {
    pub truth: Truth,
    /// The first date rule that holds (by index), and its milestone.
    pub rule: usize,
    pub milestone: usize,
    /// The rules before it that might hold.
    pub unknown_rules: Vec<usize>,
}

/// Where the duties stand on an evaluation, as far as the headline rule
/// reads them without the settlements (for the alternatives). Only the
/// `duties` given can hold: those of the answers before a "not sure" was
/// settled.
fn outlook_of(evaluation: &Evaluation, duties: &[usize], today: Date) -> DutyOutlook {
    let q = evaluation.questionnaire();
    let statuses = finding_statuses(evaluation, true);
    let (tier, tier_status, _) = headline(q, &statuses, true);
    let duties: Vec<DutyFact> = duties
        .iter()
        .copied()
        .filter_map(|i| {
            let standing = obligation_truth(evaluation, i, true)?;
            Some(DutyFact {
                obligation: i,
                status: if standing.truth == Truth::True {
                    Status::Holds
                } else {
                    Status::Provisional
                },
                date: q.milestones()[standing.milestone].date,
                milestone: standing.milestone,
            })
        })
        .collect();
    let standing = Standing {
        tier,
        tier_status,
        findings: &statuses,
        duties: &duties,
    };
    Reading::of(q, &standing).outlook(q, &standing, Group::Regime, today)
}

/// The outlooks the first question settled leads to that differ from
/// `primary`, where a settling reaches their date, grouped by outlook.
fn alternatives(core: &Core, primary: &DutyOutlook) -> Vec<OutlookAlternative> {
    let mut found: Vec<OutlookAlternative> = Vec::new();
    for (reason, outlook) in &core.first_settled {
        let reachable = outlook.state == DutyState::OnHold
            || outlook
                .date
                .is_none_or(|date| core.reached_dates.contains(&date));
        if same_outlook(outlook, primary) || !reachable {
            continue;
        }
        match found.iter_mut().find(|known| {
            known.state == outlook.state
                && known.date == outlook.date
                && known.count == outlook.count
        }) {
            Some(known) => known.if_answers.push(reason.clone()),
            None => found.push(OutlookAlternative {
                state: outlook.state,
                date: outlook.date,
                count: outlook.count,
                if_answers: vec![reason.clone()],
            }),
        }
    }
    found
}

/// What a verdict's settlements look for: that each provisional finding
/// can hold, and each date a provisional obligation, or one whose date
/// depends on a "not sure", shows or might show.
fn settlement_goals(statuses: &[Option<Status>], obligations: &[Shown]) -> Vec<Goal> {
    let findings = statuses
        .iter()
        .enumerate()
        .filter(|(_, status)| **status == Some(Status::Provisional))
        .map(|(i, _)| Goal::Finding(i));
    let dates = obligations
        .iter()
        .filter(|o| o.result.status == Status::Provisional || o.rules.len() > 1)
        .flat_map(|o| {
            o.rules.iter().map(|&rule| Goal::Date {
                obligation: o.position,
                rule,
            })
        });
    findings.chain(dates).collect()
}

/// An obligation's own truth: any of its findings, any of its roles
/// (unless `roles` is false: for the duties of others), its condition.
pub(crate) fn obligation_condition(evaluation: &Evaluation, position: usize, roles: bool) -> Truth {
    let q = evaluation.questionnaire();
    let profile = &q.compiled().outcome;
    let obligation = &q.obligations()[position];
    let any_of = |truths: &mut dyn Iterator<Item = Truth>, empty: bool| {
        if empty {
            Truth::True
        } else {
            truths.fold(Truth::False, Truth::or)
        }
    };
    let findings = any_of(
        &mut profile.obligation_findings[position]
            .iter()
            .map(|&i| evaluation.finding_truth(i)),
        obligation.findings.is_empty(),
    );
    let role_truth = if roles {
        any_of(
            &mut q.compiled().obligation_roles[position]
                .iter()
                .map(|&i| evaluation.role_truth(i)),
            obligation.roles.is_empty(),
        )
    } else {
        Truth::True
    };
    let truth = findings.and(role_truth);
    // Most obligations end here: nothing of them holds.
    if truth == Truth::False {
        return truth;
    }
    truth.and(
        q.compiled().obligations[position]
            .when
            .as_ref()
            .map_or(Truth::True, |c| evaluation.truth_compiled(c)),
    )
}

/// The truth of an obligation's date rule (by index).
pub(crate) fn rule_truth(evaluation: &Evaluation, position: usize, rule: usize) -> Truth {
    evaluation.questionnaire().compiled().obligations[position]
        .dates
        .get(rule)
        .map_or(Truth::False, |condition| {
            condition
                .as_ref()
                .map_or(Truth::True, |c| evaluation.truth_compiled(c))
        })
}

/// An obligation's truth and date; `None` when it does not hold.
pub(crate) fn obligation_truth(
    evaluation: &Evaluation,
    position: usize,
    roles: bool,
) -> Option<ObligationTruth> {
    let truth = obligation_condition(evaluation, position, roles);
    if truth == Truth::False {
        return None;
    }
    let conditions = &evaluation.questionnaire().compiled().obligations[position];
    let mut unknown_rules = Vec::new();
    for (rule, &milestone) in conditions.milestones.iter().enumerate() {
        match rule_truth(evaluation, position, rule) {
            Truth::True => {
                return Some(ObligationTruth {
                    truth,
                    rule,
                    milestone,
                    unknown_rules,
                });
            }
            Truth::Unknown => unknown_rules.push(rule),
            Truth::False => {}
        }
    }
    // Validation makes the last rule unconditional: not reached.
    None
}

fn answer_reason(question: &Question, answer: &Answer) -> AnswerReason {
    AnswerReason {
        question: question.id.clone(),
        question_text: question.text.clone(),
        answer: answer.to_value(),
        answer_label: answer.label(question),
    }
}

fn question_info(question: &Question) -> QuestionInfo {
    QuestionInfo {
        id: question.id.clone(),
        section: question.section.clone(),
        text: question.text.clone(),
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
