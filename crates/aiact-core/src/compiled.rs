//! Conditions with their references resolved to positions, once, when a
//! questionnaire is loaded: evaluating them then needs no lookup by name.

use std::sync::{Arc, OnceLock};

use crate::model::{CompareOp, Condition, QuestionnaireDoc};
use crate::needed::Plan;
use crate::outcome::Profile;
use crate::questionnaire::Index;
use crate::refs::LegalRef;
use crate::settle::Dependencies;
use crate::turns_on::Shape;
use crate::verdict::RefInfo;

/// A [`Condition`] whose questions, findings and roles are positions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Possibly(Box<Cond>),
    Equals {
        question: usize,
        value: String,
    },
    Includes {
        question: usize,
        option: String,
    },
    Answered(usize),
    Compare {
        question: usize,
        op: CompareOp,
        value: f64,
    },
    Finding(usize),
    Role(usize),
    /// A reference that does not resolve; validation rules it out, so it
    /// only appears when evaluating a condition from outside the file.
    Never,
}

/// What a condition reads: a question's answer, a finding or a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Read {
    Answer(usize),
    Named(Named),
}

impl Cond {
    /// Calls `read` with each answer, finding and role the condition
    /// reads, in the order written (repeats included): the compiled
    /// form's [`Condition::visit_references`].
    pub fn visit_reads(&self, read: &mut impl FnMut(Read)) {
        match self {
            Cond::All(children) | Cond::Any(children) => {
                for child in children {
                    child.visit_reads(read);
                }
            }
            Cond::Not(inner) | Cond::Possibly(inner) => inner.visit_reads(read),
            Cond::Equals { question, .. }
            | Cond::Includes { question, .. }
            | Cond::Compare { question, .. }
            | Cond::Answered(question) => read(Read::Answer(*question)),
            Cond::Finding(i) => read(Read::Named(Named::Finding(*i))),
            Cond::Role(i) => read(Read::Named(Named::Role(*i))),
            Cond::Never => {}
        }
    }
}

/// A condition that other conditions name: a finding's or a role's, by
/// position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Named {
    Finding(usize),
    Role(usize),
}

/// Every condition of a questionnaire, compiled.
#[derive(Debug, Clone, Default)]
pub(crate) struct Compiled {
    pub questions: Vec<Option<Cond>>,
    /// Per question: a verdict needs its answer (it is not optional).
    pub required: Vec<bool>,
    pub findings: Vec<Cond>,
    pub roles: Vec<Cond>,
    /// Per obligation: its own condition, then each date rule's.
    pub obligations: Vec<ObligationConds>,
    /// Legal references with their labels and links, as verdicts show them.
    pub finding_refs: Vec<Arc<[RefInfo]>>,
    pub obligation_refs: Vec<Arc<[RefInfo]>>,
    /// What the headline rule reads from the data (see [`Profile`]).
    pub outcome: Profile,
    /// Per obligation: its roles' positions.
    pub obligation_roles: Vec<Vec<usize>>,
    /// The questions each finding and obligation depends on.
    pub depends: Dependencies,
    /// Which parts of the result each question marked `skip_if_not_needed`
    /// can reach (see [`crate::needed`]).
    pub needed: Plan,
    /// What the analysis of what a verdict turns on reads from the data,
    /// worked out on first use (see [`Shape`]).
    pub turns_on: OnceLock<Shape>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct ObligationConds {
    pub when: Option<Cond>,
    pub dates: Vec<Option<Cond>>,
    /// Per date rule: its milestone's position.
    pub milestones: Vec<usize>,
}

impl Compiled {
    pub fn new(doc: &QuestionnaireDoc, index: &Index) -> Self {
        let compile = |condition: &Condition| compile(condition, index);
        let base = &doc.legal_basis.official_text_url;
        let refs = |refs: &[LegalRef]| -> Arc<[RefInfo]> {
            refs.iter()
                .map(|reference| RefInfo {
                    reference: reference.as_str().to_owned(),
                    label: reference.label(),
                    url: reference.url(base),
                })
                .collect()
        };
        let findings: Vec<Cond> = doc.findings.iter().map(|f| compile(&f.when)).collect();
        let outcome = Profile::new(doc, index, &findings);
        let mut compiled = Self {
            questions: doc
                .questions
                .iter()
                .map(|q| q.when.as_ref().map(compile))
                .collect(),
            required: doc.questions.iter().map(|q| !q.optional).collect(),
            findings,
            roles: doc.roles.iter().map(|r| compile(&r.when)).collect(),
            obligations: doc
                .obligations
                .iter()
                .map(|o| ObligationConds {
                    when: o.when.as_ref().map(compile),
                    dates: o
                        .applies_from
                        .iter()
                        .map(|rule| rule.when.as_ref().map(compile))
                        .collect(),
                    // Validation makes every milestone resolve.
                    milestones: o
                        .applies_from
                        .iter()
                        .map(|rule| index.milestones.get(&rule.milestone).copied().unwrap_or(0))
                        .collect(),
                })
                .collect(),
            finding_refs: doc.findings.iter().map(|f| refs(&f.refs)).collect(),
            obligation_refs: doc.obligations.iter().map(|o| refs(&o.refs)).collect(),
            outcome,
            obligation_roles: doc
                .obligations
                .iter()
                .map(|o| {
                    o.roles
                        .iter()
                        .filter_map(|id| index.roles.get(id).copied())
                        .collect()
                })
                .collect(),
            depends: Dependencies::default(),
            needed: Plan::default(),
            turns_on: OnceLock::new(),
        };
        compiled.depends = Dependencies::new(&compiled);
        compiled.needed = Plan::new(doc, index, &compiled);
        compiled
    }
}

impl Compiled {
    /// The condition of a finding or a role.
    pub fn named(&self, named: Named) -> &Cond {
        match named {
            Named::Finding(i) => &self.findings[i],
            Named::Role(i) => &self.roles[i],
        }
    }

    /// Every condition of the questionnaire: of questions, findings,
    /// roles, obligations and their date rules.
    pub fn conditions(&self) -> impl Iterator<Item = &Cond> {
        self.questions
            .iter()
            .flatten()
            .chain(&self.findings)
            .chain(&self.roles)
            .chain(
                self.obligations
                    .iter()
                    .flat_map(|o| o.when.iter().chain(o.dates.iter().flatten())),
            )
    }
}

pub(crate) fn compile(condition: &Condition, index: &Index) -> Cond {
    let question = |id: &str| index.questions.get(id).copied();
    let all = |children: &[Condition]| children.iter().map(|c| compile(c, index)).collect();
    match condition {
        Condition::All(children) => Cond::All(all(children)),
        Condition::Any(children) => Cond::Any(all(children)),
        Condition::Not(inner) => Cond::Not(Box::new(compile(inner, index))),
        Condition::Possibly(inner) => Cond::Possibly(Box::new(compile(inner, index))),
        Condition::Equals {
            question: id,
            value,
        } => question(id).map_or(Cond::Never, |question| Cond::Equals {
            question,
            value: value.clone(),
        }),
        Condition::Includes {
            question: id,
            option,
        } => question(id).map_or(Cond::Never, |question| Cond::Includes {
            question,
            option: option.clone(),
        }),
        Condition::Answered(id) => question(id).map_or(Cond::Never, Cond::Answered),
        Condition::Compare {
            question: id,
            op,
            value,
        } => question(id).map_or(Cond::Never, |question| Cond::Compare {
            question,
            op: *op,
            value: *value,
        }),
        Condition::Finding(id) => index
            .findings
            .get(id)
            .map_or(Cond::Never, |&i| Cond::Finding(i)),
        Condition::Role(id) => index.roles.get(id).map_or(Cond::Never, |&i| Cond::Role(i)),
        // Names are written out before conditions are compiled: what is left
        // is a name that refers to nothing.
        Condition::Named(_) => Cond::Never,
    }
}
