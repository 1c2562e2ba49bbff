//! What a verdict means for the user (issue 13), in one reading that every
//! surface shows first: the headline tier, the provisions it rests on,
//! where the user's duties stand (now, from a date, on hold, by a
//! deadline, ...), one sentence that names an exemption or a hold; the
//! dated plan; the duties of others in the chain.
//!
//! One rule ([`Reading::of`]), read from the questionnaire's data: the
//! findings' `gate`, `basis`, `qualifies` and `mentions`, the tiers'
//! `summaries`, the obligations' findings. Nothing in it is specific to the
//! EU AI Act, and a questionnaire without these annotations still gets a
//! coherent outcome: bases are then read from the findings' references,
//! and the sentence from the duties (see `docs/questionnaire-format.md`).

use std::collections::HashMap;
use std::sync::Arc;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::compiled::Cond;
use crate::model::{QualifierKind, QuestionnaireDoc, Tier};
use crate::questionnaire::{Index, Questionnaire};
use crate::refs::BasisKind;
use crate::turns_on::mark_supports;
use crate::verdict::{AnswerReason, MilestoneInfo, QuestionInfo, RefInfo, Status, Timing, Verdict};

/// Where the user's duties under the headline stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DutyState {
    /// No duty under this result beyond the baseline every verdict has.
    #[default]
    None,
    /// All apply already.
    Now,
    /// None applies yet; the first from `date`.
    From,
    /// Some apply now, the next from `date`.
    Mixed,
    /// Kept back until something happens (a significant design change).
    OnHold,
    /// From a change the user makes, not before `date`.
    OnChange,
    /// To be met by `date` at the latest.
    ByDeadline,
    /// A ban: stop (from `date`, if it starts later).
    Stop,
    /// Outside the rules for now; see the verdict's `look_ahead`.
    NotYet,
}

/// How a finding takes part in the headline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingRole {
    /// A step every verdict within the Act passes through: folded.
    Gate,
    /// Changes what the tier means: an exemption, a hold, a deadline.
    Qualifier,
    /// What the headline tier rests on.
    Basis,
    /// Another tier that brings the user duties as well.
    Also,
    /// Another tier that brings no duty under this result (a listed use
    /// beside a ban): shown with its rule only.
    Context,
    /// Everything else: near misses, exceptions that do not apply.
    #[default]
    Detail,
}

/// What the verdict means for the user. See the module documentation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The headline tier's id (the verdict's `tier`).
    pub tier: String,
    /// The tier's label, then the qualifiers' titles.
    pub title: String,
    /// Provisional when the tier is, or when the Act may not apply at all.
    pub status: Status,
    /// The provisions that put the system in this tier.
    pub basis: Vec<Basis>,
    /// Exemption, hold, deadline, change, "for now".
    pub qualifiers: Vec<Qualifier>,
    /// Where the user's duties under this result stand.
    pub duties: DutyOutlook,
    /// Other tiers that bring the user duties as well.
    pub also: Vec<AlsoApplies>,
    /// The headline tier's word on findings of other tiers that bring no
    /// duty under it (those with role `context`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_sentence: Option<String>,
    /// One or two sentences; they name the exemption or the hold.
    pub summary: String,
}

/// A provision a tier rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Basis {
    pub kind: BasisKind,
    /// As written in the data: `annex:III(4)(a)`.
    pub reference: String,
    /// In short: "Annex III 4(a)".
    pub label: String,
    pub title: String,
    pub finding: String,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Qualifier {
    pub kind: QualifierKind,
    pub finding: String,
    pub title: String,
    pub refs: Arc<[RefInfo]>,
    pub status: Status,
}

/// Where a set of duties stands.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DutyOutlook {
    pub state: DutyState,
    /// The date the state names: since (`now`), from, by (`by_deadline`),
    /// not before (`on_change`, `on_hold`), from (a ban that starts later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The milestone of `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<String>,
    /// The user's duties under this result, the baseline apart.
    pub count: usize,
    /// Of those, how many apply already.
    pub now: usize,
    /// Duties that rest only on `gate` findings (AI literacy): every
    /// verdict within the Act has them.
    pub baseline: usize,
    /// For `on_hold`: how many duties the hold keeps back (the verdict's
    /// `on_hold`).
    pub held: usize,
    pub status: Status,
    /// Where the duties would stand once a "not sure" answer is settled,
    /// where that differs.
    pub alternatives: Vec<OutlookAlternative>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutlookAlternative {
    pub state: DutyState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    pub count: usize,
    /// The settled answers that lead there.
    pub if_answers: Vec<AnswerReason>,
}

/// Another tier that brings the user duties beside the headline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlsoApplies {
    pub tier: String,
    pub label: String,
    pub basis: Vec<Basis>,
    pub duties: DutyOutlook,
}

/// When the duties of a plan step start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// They apply already.
    Now,
    /// In a look-ahead: from the launch (their date has passed).
    AtLaunch,
    /// From `date`.
    From,
    /// By `date` at the latest.
    ByDeadline,
    /// From a change the user makes, not before `date`.
    OnChange,
    /// Kept back by a hold (the verdict's `on_hold`).
    OnHold,
}

/// The user's duties that start together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanStep {
    pub when: When,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<MilestoneInfo>,
    /// Only under these settled answers (the user was not sure of them).
    pub if_answers: Vec<AnswerReason>,
    /// Obligation ids, in questionnaire order ([`Verdict::plan_duty`]).
    pub duties: Vec<String>,
    /// Provisional when one of its duties is.
    pub status: Status,
}

/// A duty of another actor in the chain that a finding's text names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OthersDuty {
    pub obligation: String,
    /// The role ids it falls on.
    pub actors: Vec<String>,
    /// Who that is, for this user (the roles' `as_other`, else labels).
    pub actor_label: String,
    pub title: String,
    pub summary: String,
    pub refs: Arc<[RefInfo]>,
    pub applies: Timing,
    /// The shown findings whose text names it.
    pub mentioned_by: Vec<String>,
    /// `holds`: theirs on your answers; `provisional`: theirs where the
    /// facts of their use make it so (the finding's text says when), or
    /// depending on a "not sure".
    pub status: Status,
    /// Provisional, and the user answered "not sure" somewhere: that answer
    /// may be why. Without one, only the facts of their use decide.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub after_unsure: bool,
    /// Kept back by the result's hold, as the user's duties are: from the
    /// change that ends it, not before `applies` (a hold the user was not
    /// sure of covers the other actors too).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub on_hold: bool,
    /// Dated as the user's duties are under a change the user makes
    /// (`on_change`: from the change, not before `applies`) or a deadline
    /// (`by_deadline`: by `applies` at the latest): the same rule of
    /// Article 111(2) binds providers and deployers of a system already on
    /// the market.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub on_change: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_deadline: bool,
}

/// For a system outside the rules only for now: what applies once the
/// "for now" finding no longer holds (a launch), from the same answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LookAhead {
    /// "When you launch".
    pub label: String,
    /// "once the system is placed on the market or put into service".
    pub assumes: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<String>,
    /// The "for now" finding it looks past.
    pub finding: String,
    /// The questions asked for it (on its path, not on today's), in order.
    pub questions: Vec<QuestionInfo>,
    /// Its verdict, once one of those questions has an answer; never with
    /// a look-ahead itself. Labelled as not applying yet on every surface.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Box<Verdict>>,
}

impl LookAhead {
    /// The question to go on with for the launch (an id): its first
    /// question before any has an answer, then the first its verdict still
    /// needs; `None` once every one it needs is answered.
    pub fn next_question(&self) -> Option<&str> {
        match &self.verdict {
            None => self.questions.first(),
            Some(launched) => launched.missing.first(),
        }
        .map(|question| question.id.as_str())
    }
}

/// A provision read from the data: annotated, or derived from references.
#[derive(Debug, Clone)]
pub(crate) struct BasisRef {
    pub kind: BasisKind,
    pub reference: String,
    pub label: String,
    pub title: Option<String>,
    pub annotated: bool,
}

/// What the rule reads from a questionnaire, worked out once when it is
/// loaded.
#[derive(Debug, Clone, Default)]
pub(crate) struct Profile {
    /// Per finding: its own tier (rank), if it has one and is shown.
    pub tier: Vec<Option<usize>>,
    /// The default tier's rank.
    pub default_tier: usize,
    /// Per finding: the tier (rank) its basis supports.
    pub basis_tier: Vec<Option<usize>>,
    /// Per finding: the provision it puts the system in a tier by.
    pub basis: Vec<Option<BasisRef>>,
    /// Per finding: the findings its condition rests on (through `all`,
    /// `any` and `possibly`).
    pub rests_on: Vec<Vec<usize>>,
    /// Per finding with a qualifier: the tier (rank) it names.
    pub qualifier_tier: Vec<Option<usize>>,
    /// Per obligation: its findings' positions.
    pub obligation_findings: Vec<Vec<usize>>,
}

impl Profile {
    pub(crate) fn new(doc: &QuestionnaireDoc, index: &Index, findings: &[Cond]) -> Self {
        let count = doc.findings.len();
        let rests_on: Vec<Vec<usize>> = (0..count)
            .map(|i| {
                let mut marked = vec![false; count];
                mark_supports(&findings[i], findings, &mut marked);
                marked[i] = false;
                (0..count).filter(|&j| marked[j]).collect()
            })
            .collect();
        let tier_rank = |id: &str| index.tiers.get(id).copied();
        let mut basis_tier: Vec<Option<usize>> = vec![None; count];
        let mut basis: Vec<Option<BasisRef>> = vec![None; count];
        for (i, finding) in doc.findings.iter().enumerate() {
            if let Some(spec) = &finding.basis {
                let parsed = spec.reference.parse().ok();
                basis[i] = parsed.as_ref().and_then(|p| {
                    Some(BasisRef {
                        kind: p.basis_kind()?,
                        reference: spec.reference.as_str().to_owned(),
                        label: p.short_label(),
                        title: spec.title.clone(),
                        annotated: true,
                    })
                });
                basis_tier[i] = spec
                    .tier
                    .as_deref()
                    .or(finding.tier.as_deref())
                    .and_then(tier_rank);
                continue;
            }
            if finding.internal {
                continue;
            }
            if let Some(rank) = finding.tier.as_deref().and_then(tier_rank) {
                basis_tier[i] = Some(rank);
                let exempts = doc.tiers[rank].exempts;
                basis[i] = derived_basis(finding, |kind| {
                    matches!(kind, BasisKind::Exclusion | BasisKind::Definition) == exempts
                        && kind != BasisKind::Article6Exemption
                });
            }
        }
        // A point of an annex that a finding with a tier rests on is a
        // basis of that tier (Annex III 4(a) of "high-risk: listed use").
        for (i, finding) in doc.findings.iter().enumerate() {
            if finding.internal || finding.basis.is_some() || finding.tier.is_some() {
                continue;
            }
            let Some(point) = derived_basis(finding, |kind| {
                matches!(
                    kind,
                    BasisKind::AnnexIii | BasisKind::AnnexIA | BasisKind::AnnexIB
                )
            }) else {
                continue;
            };
            let supported = doc
                .findings
                .iter()
                .enumerate()
                .filter(|(t, tiered)| !tiered.internal && rests_on[*t].contains(&i))
                .filter_map(|(_, tiered)| tiered.tier.as_deref().and_then(tier_rank))
                .filter(|&rank| !doc.tiers[rank].exempts)
                .min();
            if let Some(rank) = supported {
                basis_tier[i] = Some(rank);
                basis[i] = Some(point);
            }
        }
        let qualifier_tier = doc
            .findings
            .iter()
            .map(|f| f.qualifies.as_ref()?.tier.as_deref().and_then(tier_rank))
            .collect();
        let obligation_findings = doc
            .obligations
            .iter()
            .map(|o| {
                o.findings
                    .iter()
                    .filter_map(|id| index.findings.get(id).copied())
                    .collect()
            })
            .collect();
        let tier = doc
            .findings
            .iter()
            .map(|f| {
                let rank = tier_rank(f.tier.as_deref()?)?;
                (!f.internal).then_some(rank)
            })
            .collect();
        Self {
            tier,
            default_tier: index.default_tier,
            basis_tier,
            basis,
            rests_on,
            qualifier_tier,
            obligation_findings,
        }
    }
}

/// The first reference of a finding whose kind `fits`, with a point
/// (not a whole article or annex).
fn derived_basis(
    finding: &crate::model::Finding,
    fits: impl Fn(BasisKind) -> bool,
) -> Option<BasisRef> {
    finding.refs.iter().find_map(|reference| {
        let parsed = reference.parse().ok()?;
        let kind = parsed.basis_kind()?;
        (fits(kind) && !parsed.parts.is_empty()).then(|| BasisRef {
            kind,
            reference: reference.as_str().to_owned(),
            label: parsed.short_label(),
            title: None,
            annotated: false,
        })
    })
}

/// One of the user's duties, as the rule reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DutyFact {
    pub obligation: usize,
    pub status: Status,
    pub date: Date,
    pub milestone: usize,
}

/// A set of answers as the rule reads it: the headline tier, what is shown
/// of each finding, and the user's duties (obligations of kind `duty`).
pub(crate) struct Standing<'s> {
    pub tier: usize,
    pub tier_status: Status,
    /// Per finding (internal ones too): holds, provisional, or not shown.
    pub findings: &'s [Option<Status>],
    pub duties: &'s [DutyFact],
}

/// Which part of the outcome a duty counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    /// Rests only on gate findings: every verdict within the Act has it.
    Baseline,
    /// Under the headline.
    Regime,
    /// Under another tier (its rank).
    Also(usize),
}

/// The rule's reading of a standing.
pub(crate) struct Reading {
    /// Every shown qualifier finding relevant to the headline.
    pub relevant: Vec<usize>,
    /// Shown qualifier findings relevant to the headline, in the order
    /// they name the duties' state; of a hold, a deadline and a change,
    /// only the first.
    pub qualifiers: Vec<usize>,
    /// The tier an exemption qualifier lifts, whose basis stays the subject.
    pub lifted: Option<usize>,
    /// Per duty of the standing.
    pub groups: Vec<Group>,
    /// The headline is a ban.
    pub stop: bool,
}

/// The order in which qualifiers are named, and give the duties' state.
const QUALIFIER_ORDER: [QualifierKind; 6] = [
    QualifierKind::Exemption,
    QualifierKind::Hold,
    QualifierKind::Deadline,
    QualifierKind::FromChange,
    QualifierKind::ForNow,
    QualifierKind::Partial,
];

impl Reading {
    pub(crate) fn of(q: &Questionnaire, standing: &Standing) -> Self {
        let profile = &q.compiled().outcome;
        let tiers = q.tiers();
        let headline = standing.tier;
        let exempt = tiers.get(headline).is_some_and(|t| t.exempts);
        let shown = |i: usize| standing.findings.get(i).copied().flatten().is_some();
        // "For now" only when nothing else, for good, puts it outside.
        let only_for_now = (0..q.findings().len()).all(|i| {
            standing.findings[i] != Some(Status::Holds)
                || !profile.tier[i].is_some_and(|rank| tiers[rank].exempts)
                || q.findings()[i]
                    .qualifies
                    .as_ref()
                    .is_some_and(|spec| spec.kind == QualifierKind::ForNow)
        });
        let stop = !exempt
            && (0..q.findings().len()).any(|i| {
                shown(i)
                    && profile.basis_tier[i] == Some(headline)
                    && profile.basis[i]
                        .as_ref()
                        .is_some_and(|b| b.kind == BasisKind::Article5)
            });
        let mut qualifiers: Vec<usize> = (0..q.findings().len())
            .filter(|&i| shown(i))
            .filter(|&i| {
                q.findings()[i].qualifies.as_ref().is_some_and(|spec| {
                    let named = profile.qualifier_tier[i];
                    match spec.kind {
                        QualifierKind::Exemption => {
                            !exempt && named.is_none_or(|lifted| headline > lifted)
                        }
                        QualifierKind::Partial => !exempt,
                        QualifierKind::Hold
                        | QualifierKind::Deadline
                        | QualifierKind::FromChange => {
                            !exempt && !stop && named.is_none_or(|t| t == headline)
                        }
                        QualifierKind::ForNow => exempt && only_for_now,
                    }
                })
            })
            .collect();
        let kind_rank = |i: &usize| {
            q.findings()[*i]
                .qualifies
                .as_ref()
                .and_then(|spec| QUALIFIER_ORDER.iter().position(|k| *k == spec.kind))
        };
        qualifiers.sort_by_key(kind_rank);
        // A hold, a deadline and a change exclude each other: when "not
        // sure" leaves several open, the first names the duties' state and
        // the others are among the settlings' alternatives.
        let timing = |i: &usize| {
            q.findings()[*i].qualifies.as_ref().is_some_and(|spec| {
                matches!(
                    spec.kind,
                    QualifierKind::Hold | QualifierKind::Deadline | QualifierKind::FromChange
                )
            })
        };
        let relevant = qualifiers.clone();
        if let Some(first) = qualifiers.iter().position(timing) {
            let mut n = 0;
            qualifiers.retain(|i| {
                n += 1;
                n - 1 <= first || !timing(i)
            });
        }
        let lifted = qualifiers.iter().find_map(|&i| {
            let spec = q.findings()[i].qualifies.as_ref()?;
            (spec.kind == QualifierKind::Exemption)
                .then_some(profile.qualifier_tier[i])
                .flatten()
        });
        let groups = standing
            .duties
            .iter()
            .map(|duty| {
                let findings: Vec<usize> = profile.obligation_findings[duty.obligation]
                    .iter()
                    .copied()
                    .filter(|&f| shown(f))
                    .collect();
                if profile.obligation_findings[duty.obligation].is_empty()
                    || (!findings.is_empty() && findings.iter().all(|&f| q.findings()[f].gate))
                {
                    return Group::Baseline;
                }
                let under_headline = findings.iter().any(|&f| {
                    let tier = profile.basis_tier[f];
                    tier == Some(headline)
                        || (tier.is_some() && tier == lifted)
                        || relevant.contains(&f)
                });
                if under_headline {
                    return Group::Regime;
                }
                findings
                    .iter()
                    .filter_map(|&f| profile.basis_tier[f])
                    .filter(|&rank| rank != headline && !tiers[rank].exempts)
                    .min()
                    .map_or(Group::Regime, Group::Also)
            })
            .collect();
        Self {
            relevant,
            qualifiers,
            lifted,
            groups,
            stop,
        }
    }

    /// How a shown finding takes part in the headline.
    pub(crate) fn role(&self, q: &Questionnaire, standing: &Standing, i: usize) -> FindingRole {
        let profile = &q.compiled().outcome;
        let finding = &q.findings()[i];
        if finding.gate {
            return FindingRole::Gate;
        }
        if self.relevant.contains(&i) {
            return FindingRole::Qualifier;
        }
        match profile.basis_tier[i] {
            Some(tier) if tier == standing.tier || Some(tier) == self.lifted => FindingRole::Basis,
            Some(tier) if q.tiers()[tier].exempts => FindingRole::Detail,
            Some(tier) if self.groups.contains(&Group::Also(tier)) => FindingRole::Also,
            Some(_) => FindingRole::Context,
            None if self.is_condition(q, i) => FindingRole::Basis,
            None => FindingRole::Detail,
        }
    }

    /// An annotated basis without a tier that a relevant qualifier is or
    /// rests on: the provision of an exemption (Article 6(3)), or one of
    /// its conditions (Article 6(3)(a)).
    fn is_condition(&self, q: &Questionnaire, i: usize) -> bool {
        let profile = &q.compiled().outcome;
        profile.basis[i].as_ref().is_some_and(|b| b.annotated)
            && profile.basis_tier[i].is_none()
            && self
                .relevant
                .iter()
                .any(|&qualifier| qualifier == i || profile.rests_on[qualifier].contains(&i))
    }

    /// The findings that go into the outcome's basis: with a provision,
    /// supporting the headline (or the tier an exemption lifts), and the
    /// conditions of its qualifiers last.
    fn basis_findings(&self, q: &Questionnaire, standing: &Standing) -> Vec<usize> {
        let profile = &q.compiled().outcome;
        let shown = |i: &usize| standing.findings.get(*i).copied().flatten().is_some();
        let supports = |i: &usize| {
            profile.basis_tier[*i]
                .is_some_and(|tier| tier == standing.tier || Some(tier) == self.lifted)
        };
        let with_basis = |i: &usize| profile.basis[*i].is_some();
        let all = 0..q.findings().len();
        let mut found: Vec<usize> = all
            .clone()
            .filter(shown)
            .filter(with_basis)
            .filter(supports)
            .collect();
        let conditions: Vec<usize> = all
            .filter(shown)
            .filter(|i| self.is_condition(q, *i) && !found.contains(i))
            .collect();
        found.extend(conditions);
        found
    }

    /// Where the duties of `group` stand, as far as the duties and the
    /// qualifiers say (not the held duties, which need another evaluation).
    pub(crate) fn outlook(
        &self,
        q: &Questionnaire,
        standing: &Standing,
        group: Group,
        today: Date,
    ) -> DutyOutlook {
        let duties: Vec<&DutyFact> = standing
            .duties
            .iter()
            .zip(&self.groups)
            .filter(|(_, g)| **g == group)
            .map(|(d, _)| d)
            .collect();
        let baseline = self
            .groups
            .iter()
            .filter(|g| **g == Group::Baseline)
            .count();
        let now = duties.iter().filter(|d| d.date <= today).count();
        let earliest = duties.iter().min_by_key(|d| d.date).copied();
        let next = duties
            .iter()
            .filter(|d| d.date > today)
            .min_by_key(|d| d.date)
            .copied();
        let headline = group == Group::Regime;
        let exempt = q.tiers().get(standing.tier).is_some_and(|t| t.exempts);
        let state_of = |kind: QualifierKind| {
            self.qualifiers.iter().copied().find(|&i| {
                q.findings()[i]
                    .qualifies
                    .as_ref()
                    .is_some_and(|spec| spec.kind == kind)
            })
        };
        let (state, qualifier, dated) = if !headline {
            timing(&duties, now, earliest, next)
        } else if exempt {
            match state_of(QualifierKind::ForNow) {
                Some(i) => (DutyState::NotYet, Some(i), None),
                None => (DutyState::None, None, None),
            }
        } else if self.stop {
            (DutyState::Stop, None, earliest)
        } else if let Some(i) = state_of(QualifierKind::Hold) {
            (DutyState::OnHold, Some(i), None)
        // A deadline or a change dates the duties still to come; one that
        // applies already (testing in real conditions) is not dated by it.
        } else if let Some(i) = state_of(QualifierKind::Deadline).filter(|_| next.is_some()) {
            (DutyState::ByDeadline, Some(i), next)
        } else if let Some(i) = state_of(QualifierKind::FromChange).filter(|_| next.is_some()) {
            (DutyState::OnChange, Some(i), next)
        } else {
            timing(&duties, now, earliest, next)
        };
        let provisional = (headline && standing.tier_status == Status::Provisional)
            || qualifier.is_some_and(|i| standing.findings[i] == Some(Status::Provisional))
            || (!duties.is_empty() && duties.iter().all(|d| d.status == Status::Provisional));
        DutyOutlook {
            state,
            date: dated.map(|d| d.date),
            milestone: dated.map(|d| q.milestones()[d.milestone].id.clone()),
            count: duties.len(),
            now,
            baseline: if headline { baseline } else { 0 },
            held: 0,
            status: if provisional {
                Status::Provisional
            } else {
                Status::Holds
            },
            alternatives: Vec::new(),
        }
    }
}

/// Now, from a date, or some now and the rest later.
fn timing<'d>(
    duties: &[&'d DutyFact],
    now: usize,
    earliest: Option<&'d DutyFact>,
    next: Option<&'d DutyFact>,
) -> (DutyState, Option<usize>, Option<&'d DutyFact>) {
    if duties.is_empty() {
        (DutyState::None, None, None)
    } else if now == duties.len() {
        (DutyState::Now, None, earliest)
    } else if now == 0 {
        (DutyState::From, None, earliest)
    } else {
        (DutyState::Mixed, None, next)
    }
}

/// Two outlooks say the same for the headline (an alternative differs in
/// one of these).
pub(crate) fn same_outlook(a: &DutyOutlook, b: &DutyOutlook) -> bool {
    a.state == b.state && (a.state == DutyState::OnHold || (a.count == b.count && a.date == b.date))
}

/// Builds the outcome of a verdict's standing.
pub(crate) struct OutcomeBuilder<'a> {
    pub questionnaire: &'a Questionnaire,
    pub standing: &'a Standing<'a>,
    pub reading: &'a Reading,
    pub today: Date,
    /// Exempting tiers only provisional findings point to.
    pub possibly_exempt: bool,
    /// The outcome of a look-ahead: duties whose date has come apply from
    /// the launch, not now.
    pub at_launch: bool,
}

impl OutcomeBuilder<'_> {
    pub(crate) fn build(&self, mut duties: DutyOutlook, held: &[DutyFact]) -> Outcome {
        let q = self.questionnaire;
        let standing = self.standing;
        let tier = &q.tiers()[standing.tier];
        if duties.state == DutyState::OnHold {
            duties.held = held.len();
            if let Some(first) = held.iter().min_by_key(|d| d.date) {
                duties.date = Some(first.date);
                duties.milestone = Some(q.milestones()[first.milestone].id.clone());
            }
        }
        let basis = self.basis(self.reading.basis_findings(q, standing));
        let qualifiers: Vec<Qualifier> = self
            .reading
            .qualifiers
            .iter()
            .filter_map(|&i| {
                let finding = &q.findings()[i];
                let spec = finding.qualifies.as_ref()?;
                Some(Qualifier {
                    kind: spec.kind,
                    finding: finding.id.clone(),
                    title: spec.title.clone(),
                    refs: q.compiled().finding_refs[i].clone(),
                    status: standing.findings[i].unwrap_or(Status::Provisional),
                })
            })
            .collect();
        let mut others: Vec<usize> = self
            .reading
            .groups
            .iter()
            .filter_map(|g| match g {
                Group::Also(rank) => Some(*rank),
                _ => None,
            })
            .collect();
        others.sort_unstable();
        others.dedup();
        let also = others
            .into_iter()
            .map(|rank| {
                let other = &q.tiers()[rank];
                let findings: Vec<usize> = (0..q.findings().len())
                    .filter(|&i| standing.findings[i].is_some())
                    .filter(|&i| {
                        let profile = &q.compiled().outcome;
                        profile.basis_tier[i] == Some(rank) && profile.basis[i].is_some()
                    })
                    .collect();
                AlsoApplies {
                    tier: other.id.clone(),
                    label: other.label.clone(),
                    basis: self.basis(findings),
                    duties: self
                        .reading
                        .outlook(q, standing, Group::Also(rank), self.today),
                }
            })
            .collect();
        let gate_unsure = (0..q.findings().len())
            .any(|i| q.findings()[i].gate && standing.findings[i] == Some(Status::Provisional));
        let status = if standing.tier_status == Status::Provisional
            || qualifiers.iter().any(|q| q.status == Status::Provisional)
            || (!tier.exempts && (self.possibly_exempt || gate_unsure))
        {
            Status::Provisional
        } else {
            Status::Holds
        };
        let title = std::iter::once(tier.label.clone())
            .chain(qualifiers.iter().map(|qualifier| qualifier.title.clone()))
            .collect::<Vec<_>>()
            .join(" — ");
        // The baseline (AI literacy) is counted apart, so the sentence
        // names it: "2 duties (besides AI literacy)" beside a plan of three.
        let baseline: Vec<&str> = standing
            .duties
            .iter()
            .zip(&self.reading.groups)
            .filter(|(_, group)| **group == Group::Baseline)
            .map(|(duty, _)| short_title(&q.obligations()[duty.obligation].title))
            .collect();
        let summary = Summary {
            tier,
            duties: &duties,
            basis: &basis,
            baseline: &baseline,
            today: self.today,
            at_launch: self.at_launch,
        }
        .sentences(self.reading.qualifiers.iter().filter_map(|&i| {
            let spec = q.findings()[i].qualifies.as_ref()?;
            let certain = spec
                .summary
                .clone()
                .unwrap_or_else(|| sentence_of(&spec.title));
            Some(match standing.findings[i] {
                Some(Status::Holds) => certain,
                _ => spec
                    .provisional_summary
                    .clone()
                    .unwrap_or_else(|| under_condition(&certain)),
            })
        }));
        let context_sentence = tier.context_sentence.clone().filter(|_| {
            (0..q.findings().len()).any(|i| {
                standing.findings[i].is_some()
                    && !q.findings()[i].internal
                    && self.reading.role(q, standing, i) == FindingRole::Context
            })
        });
        Outcome {
            tier: tier.id.clone(),
            title,
            status,
            basis,
            qualifiers,
            duties,
            also,
            context_sentence,
            summary,
        }
    }

    fn basis(&self, findings: Vec<usize>) -> Vec<Basis> {
        let q = self.questionnaire;
        let profile = &q.compiled().outcome;
        findings
            .into_iter()
            .filter_map(|i| {
                let basis = profile.basis[i].as_ref()?;
                let finding = &q.findings()[i];
                Some(Basis {
                    kind: basis.kind,
                    reference: basis.reference.clone(),
                    label: basis.label.clone(),
                    title: basis.title.clone().unwrap_or_else(|| finding.title.clone()),
                    finding: finding.id.clone(),
                    status: self.standing.findings[i].unwrap_or(Status::Provisional),
                })
            })
            .collect()
    }
}

/// A qualifier's title as a sentence of its own.
fn sentence_of(title: &str) -> String {
    let mut chars = title.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// A qualifier's sentence, resting on an answer the user was not sure of,
/// put under a condition so that it does not read as a fact.
fn under_condition(sentence: &str) -> String {
    let mut chars = sentence.chars();
    let opening = match (chars.next(), chars.clone().next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => {
            format!("{}{}", first.to_lowercase(), chars.as_str())
        }
        _ => sentence.to_owned(),
    };
    format!("{UNSURE_CONDITION} {opening}")
}

/// Opens a qualifier's sentence that rests on an answer the user was not
/// sure of, and that has no provisional wording of its own.
const UNSURE_CONDITION: &str = "If the answers you were not sure of are confirmed:";

/// The headline's sentence about the duties, when the tier's `summaries`
/// has none that fits: the program's own, by state.
const FALLBACK: &[(DutyState, &str)] = &[
    (
        DutyState::None,
        "On your answers, none of the duties of this result falls on you.",
    ),
    (
        DutyState::Now,
        "{duties}{besides} for you under this result, all {applying}.",
    ),
    (
        DutyState::From,
        "{duties}{besides} for you under this result, from {date}.",
    ),
    (
        DutyState::Mixed,
        "{duties}{besides} for you under this result: {now} {applying}, the others from {date}.",
    ),
    (DutyState::OnHold, "On hold: {held_duties} of this result."),
    (
        DutyState::OnChange,
        "{duties}{besides} for you under this result{now_first} from the change, not before {date}.",
    ),
    (
        DutyState::ByDeadline,
        "{duties}{besides} for you under this result{now_first} by {date} at the latest.",
    ),
];

/// Said after the tier's summary of a ban that starts later.
const STOP_LATER: &str = "The ban applies from {date}.";

/// The placeholders a summary may use (checked when a questionnaire loads).
pub const PLACEHOLDERS: &[&str] = &[
    "date",
    "count",
    "now",
    "applying",
    "held",
    "duties",
    "held_duties",
    "besides",
    "now_first",
    "basis",
    "use",
    "condition",
];

struct Summary<'a> {
    tier: &'a Tier,
    duties: &'a DutyOutlook,
    basis: &'a [Basis],
    /// The short titles of the baseline duties, counted apart.
    baseline: &'a [&'a str],
    today: Date,
    at_launch: bool,
}

impl Summary<'_> {
    /// The qualifiers' sentences, then the tier's on the duties.
    fn sentences(&self, qualifiers: impl Iterator<Item = String>) -> String {
        let state = self.duties.state;
        let chosen = self.tier.summaries.iter().find(|s| {
            s.duties.is_none_or(|d| d == state)
                && s.basis
                    .is_none_or(|k| self.basis.iter().any(|b| b.kind == k))
        });
        let own = match chosen {
            Some(summary) => summary.text.clone(),
            None => self.fallback(),
        };
        qualifiers
            .chain(std::iter::once(own))
            .map(|text| self.fill(&text))
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn fallback(&self) -> String {
        let state = self.duties.state;
        match state {
            DutyState::NotYet => self.tier.summary.clone(),
            DutyState::None if self.tier.exempts || self.tier.default => self.tier.summary.clone(),
            DutyState::Stop => match self.duties.date {
                Some(date) if date > self.today => {
                    format!("{} {STOP_LATER}", self.tier.summary)
                }
                _ => self.tier.summary.clone(),
            },
            _ => FALLBACK
                .iter()
                .find(|(s, _)| *s == state)
                .map(|(_, text)| (*text).to_owned())
                .unwrap_or_default(),
        }
    }

    fn fill(&self, text: &str) -> String {
        let duties = self.duties;
        let conditions = |condition: bool| -> Vec<&Basis> {
            self.basis
                .iter()
                .filter(|b| (b.kind == BasisKind::Article6Exemption) == condition)
                .collect()
        };
        let applying = if self.at_launch {
            "applying from your launch"
        } else {
            "applying now"
        };
        let values: HashMap<&str, String> = HashMap::from([
            ("date", duties.date.map(long_date).unwrap_or_default()),
            ("count", duties.count.to_string()),
            ("now", duties.now.to_string()),
            ("applying", applying.to_owned()),
            ("held", duties.held.to_string()),
            (
                "now_first",
                // Before a date still to come: the duties that apply
                // already are said first.
                if duties.now > 0 && duties.now < duties.count {
                    format!(": {} {applying}, the others", duties.now)
                } else {
                    ",".to_owned()
                },
            ),
            ("duties", self.duty_count()),
            ("held_duties", counted(duties.held, "duty", "duties")),
            (
                "besides",
                if self.baseline.is_empty() {
                    String::new()
                } else {
                    format!(" (besides {})", join(self.baseline.iter().copied()))
                },
            ),
            (
                "basis",
                join(conditions(false).iter().map(|b| b.label.as_str())),
            ),
            (
                "use",
                join(conditions(false).iter().map(|b| b.title.as_str())),
            ),
            (
                "condition",
                join(conditions(true).iter().map(|b| b.title.as_str())),
            ),
        ]);
        capitalised(fill_placeholders(text, |name| values.get(name).cloned()))
    }

    /// "18 duties"; but no count when the "not sure" answers, settled,
    /// give only other counts: the duties shown then belong to answers
    /// that exclude each other, and their sum is not what any settling
    /// brings (the plan groups them by the answer they rest on).
    fn duty_count(&self) -> String {
        let duties = self.duties;
        let counts_differ = !duties.alternatives.is_empty()
            && duties.alternatives.iter().all(|a| a.count != duties.count);
        if counts_differ {
            "duties".to_owned()
        } else {
            counted(duties.count, "duty", "duties")
        }
    }
}

/// A sentence that starts with a placeholder's words starts with a capital.
fn capitalised(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text,
    }
}

/// Replaces every `{name}` that `value` knows; the rest stays as written.
fn fill_placeholders(text: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| {
            let name = &after[..close];
            value(name).map(|v| (v, close))
        }) {
            Some((filled, close)) => {
                out.push_str(&filled);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholders a text uses (`{name}`), for validation.
pub(crate) fn placeholders(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        found.push(&after[..close]);
        rest = &after[close + 1..];
    }
    found
}

/// A duty's title up to its colon: "AI literacy".
fn short_title(title: &str) -> &str {
    title
        .split_once(':')
        .map_or(title, |(short, _)| short)
        .trim()
}

fn join<'s>(parts: impl Iterator<Item = &'s str>) -> String {
    parts.collect::<Vec<_>>().join(", ")
}

fn counted(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// "2 December 2027".
pub(crate) fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let filled = fill_placeholders("{count} duties from {date}; {x} {", |name| match name {
            "count" => Some("2".into()),
            "date" => Some("2 December 2027".into()),
            _ => None,
        });
        assert_eq!(filled, "2 duties from 2 December 2027; {x} {");
        assert_eq!(placeholders("a {b} c {d}"), ["b", "d"]);
    }

    #[test]
    fn counts_read_as_words() {
        assert_eq!(counted(1, "duty", "duties"), "1 duty");
        assert_eq!(counted(15, "duty", "duties"), "15 duties");
        assert_eq!(sentence_of("duties on hold"), "Duties on hold.");
        assert_eq!(long_date(jiff::civil::date(2027, 12, 2)), "2 December 2027");
    }
}
