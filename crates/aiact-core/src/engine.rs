//! The engine: which questions apply to the answers so far, which comes
//! next, and whether each role and finding holds.
//!
//! Conditions are three-valued. "Not sure" makes a test *unknown*, never
//! false; a question whose condition is unknown is still asked (the user
//! should learn what would follow), and anything that depends on its answer
//! stays unknown: a finding that is unknown is provisional.

use std::cell::OnceCell;

use serde::{Deserialize, Serialize};

use crate::answer::{Answer, Answers};
use crate::compiled::{Compiled, Cond, Named};
use crate::model::{Condition, NOT_SURE, Question};
use crate::questionnaire::Questionnaire;

/// Kleene's three-valued logic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    False,
    Unknown,
    True,
}

impl Truth {
    fn from_bool(value: bool) -> Self {
        if value { Self::True } else { Self::False }
    }

    pub fn and(self, other: Self) -> Self {
        self.min(other)
    }

    pub fn or(self, other: Self) -> Self {
        self.max(other)
    }

    fn rank(self) -> u8 {
        match self {
            Self::False => 0,
            Self::Unknown => 1,
            Self::True => 2,
        }
    }

    fn min(self, other: Self) -> Self {
        if self.rank() <= other.rank() {
            self
        } else {
            other
        }
    }

    fn max(self, other: Self) -> Self {
        if self.rank() >= other.rank() {
            self
        } else {
            other
        }
    }
}

impl std::ops::Not for Truth {
    type Output = Self;

    fn not(self) -> Self {
        match self {
            Self::False => Self::True,
            Self::Unknown => Self::Unknown,
            Self::True => Self::False,
        }
    }
}

/// Whether a question is part of the user's path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    /// Its condition does not hold: not asked, any earlier answer ignored.
    NotApplicable,
    /// Its condition holds (or might), but it is not needed: on the answers
    /// before it, every answer to it gives the same result (see
    /// [`crate::needed`]). Not asked, any earlier answer ignored, and read
    /// by conditions as if not applicable.
    NotNeeded,
    /// Its condition depends on a "not sure": asked, but its answer counts
    /// only provisionally.
    MayApply,
    Applies,
}

impl Applicability {
    pub fn is_asked(self) -> bool {
        matches!(self, Self::MayApply | Self::Applies)
    }
}

/// Where the user stands in a questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Questions on the path that have an answer.
    pub answered: usize,
    /// Questions on the path, answered or not, as far as the answers so far
    /// tell (later answers can open further questions).
    pub on_path: usize,
}

/// Why a condition came out as it did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Explanation {
    /// Positions of the answered questions that decided it, in asking order.
    pub answered: Vec<usize>,
    /// Positions of the "not sure" answers that leave it unknown.
    pub unsure: Vec<usize>,
    /// Of `answered`, those not reached only through a `gate` finding
    /// ("it is an AI system"): the answers that decided this beyond the
    /// steps every verdict passes through.
    pub beyond_gates: Vec<usize>,
}

/// The answers evaluated against a questionnaire: applicability of every
/// question, truth of every role and finding.
#[derive(Debug, Clone)]
pub struct Evaluation<'a> {
    questionnaire: &'a Questionnaire,
    answers: &'a Answers,
    /// The answer given to each question, by position, whether it counts or not.
    given: Vec<Option<&'a Answer>>,
    /// Which questions are asked, in what order: the user's path.
    applicability: Vec<Applicability>,
    /// The same, for drawing conclusions: while required questions on the
    /// path are unanswered, they and what they would open may apply.
    concluding: Vec<Applicability>,
    /// How conclusions read unanswered questions (see [`Reading`]).
    reading: Reading,
    roles: Vec<Truth>,
    findings: Vec<Truth>,
    /// Explanations, worked out on first use: findings name each other, and
    /// a verdict explains every one of them. Made on the first: most
    /// evaluations (alternatives, settlements) explain nothing.
    explanations: OnceCell<Explanations>,
}

/// Per finding, role and question: its explanation, once worked out.
#[derive(Debug, Clone)]
struct Explanations {
    findings: Vec<OnceCell<Explanation>>,
    roles: Vec<OnceCell<Explanation>>,
    gates: Vec<OnceCell<Explanation>>,
}

/// The first questions' applicability, known before an evaluation, in
/// each pass (see [`Evaluation::alternative`]).
#[derive(Clone, Copy)]
struct Settled<'s> {
    asking: &'s [Applicability],
    concluding: &'s [Applicability],
}

impl Settled<'_> {
    const NONE: Self = Self {
        asking: &[],
        concluding: &[],
    };
}

/// How a test on a question without an answer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// As false: a question is asked once the answers before it open it.
    Asking,
    /// As unknown if the question is on the path and required: a
    /// conclusion must not rest on an answer still to come.
    Concluding,
}

/// Builds an [`Evaluation`], computing roles and findings on first use.
struct Builder<'a> {
    compiled: &'a Compiled,
    given: Vec<Option<&'a Answer>>,
    /// Per position: the question is not needed (empty: none is).
    not_needed: Vec<bool>,
    applicability: Vec<Applicability>,
    reading: Reading,
    roles: Vec<Option<Truth>>,
    findings: Vec<Option<Truth>>,
}

impl<'a> Evaluation<'a> {
    /// The answers evaluated: which questions are asked (those not needed
    /// left out), and what holds. Every verdict is drawn from one.
    pub fn new(questionnaire: &'a Questionnaire, answers: &'a Answers) -> Self {
        crate::work::count_evaluation();
        Self::uncounted(questionnaire, answers)
    }

    /// An evaluation of answers the user did not give (a "not sure"
    /// settled, a look-ahead), counted apart from the user's own.
    pub(crate) fn hypothetical(questionnaire: &'a Questionnaire, answers: &'a Answers) -> Self {
        crate::work::count_hypothetical();
        Self::uncounted(questionnaire, answers)
    }

    fn uncounted(questionnaire: &'a Questionnaire, answers: &'a Answers) -> Self {
        let given = given(questionnaire, answers);
        let not_needed = crate::needed::not_needed(questionnaire.compiled(), &given);
        Self::build(questionnaire, answers, given, not_needed, Settled::NONE)
    }

    /// The answers on `base`'s path with another answer to the question at
    /// `changed` (`answers`), evaluated with the questions not needed given
    /// rather than worked out (by position; empty: none): for what a result
    /// turns on, where the decisions on the questions before the one
    /// changed still hold. So do the questions before it: their conditions
    /// look back only, at the same answers, so they are taken from `base`
    /// (in the pass that draws conclusions too, when `base` needed none:
    /// with questions pending before `changed`, that pass reads questions
    /// `not_needed` may decide otherwise).
    pub(crate) fn alternative(
        base: &Evaluation<'a>,
        answers: &'a Answers,
        not_needed: Vec<bool>,
        changed: usize,
    ) -> Self {
        crate::work::count_evaluation();
        let questionnaire = base.questionnaire;
        let asking = base.applicability.get(..changed).unwrap_or_default();
        let settled = Settled {
            asking,
            concluding: if base.reading == Reading::Asking {
                asking
            } else {
                &[]
            },
        };
        Self::build(
            questionnaire,
            answers,
            given(questionnaire, answers),
            not_needed,
            settled,
        )
    }

    fn build(
        questionnaire: &'a Questionnaire,
        answers: &'a Answers,
        given: Vec<Option<&'a Answer>>,
        not_needed: Vec<bool>,
        settled: Settled,
    ) -> Self {
        let count = questionnaire.questions().len();
        let compiled = questionnaire.compiled();
        let mut builder = Builder {
            compiled,
            given,
            not_needed,
            applicability: Vec::with_capacity(count),
            reading: Reading::Asking,
            roles: vec![None; questionnaire.roles().len()],
            findings: vec![None; questionnaire.findings().len()],
        };
        let asking = builder.settle(Reading::Asking, settled.asking);
        // With answers still to come, conclusions are drawn on a second pass
        // that reads those questions (and the ones they would open) as
        // unknown: "not an AI system" must not follow from a question nobody
        // has answered yet.
        let pending = (0..count).any(|p| pending(compiled, &asking, &builder.given, p));
        let concluding = if pending {
            builder.settle(Reading::Concluding, settled.concluding)
        } else {
            asking.clone()
        };
        let roles = (0..builder.roles.len())
            .map(|i| builder.named(Named::Role(i)))
            .collect();
        let findings = (0..builder.findings.len())
            .map(|i| builder.named(Named::Finding(i)))
            .collect();
        Self {
            questionnaire,
            answers,
            given: builder.given,
            applicability: asking,
            concluding,
            reading: builder.reading,
            explanations: OnceCell::new(),
            roles,
            findings,
        }
    }

    fn explanations(&self) -> &Explanations {
        self.explanations.get_or_init(|| {
            let q = self.questionnaire;
            Explanations {
                findings: vec![OnceCell::new(); q.findings().len()],
                roles: vec![OnceCell::new(); q.roles().len()],
                gates: vec![OnceCell::new(); q.questions().len()],
            }
        })
    }

    /// Why a finding holds, might hold or does not.
    pub fn finding_explanation(&self, position: usize) -> &Explanation {
        self.explanations().findings[position].get_or_init(|| {
            self.explain_compiled(&self.questionnaire.compiled().findings[position])
                .1
        })
    }

    /// Why the user holds a role, might hold it or does not.
    pub fn role_explanation(&self, position: usize) -> &Explanation {
        self.explanations().roles[position].get_or_init(|| {
            self.explain_compiled(&self.questionnaire.compiled().roles[position])
                .1
        })
    }

    /// Why a question is asked (or not): the explanation of its condition.
    fn gate_explanation(&self, position: usize) -> Option<&Explanation> {
        let condition = self.questionnaire.compiled().questions[position].as_ref()?;
        Some(self.explanations().gates[position].get_or_init(|| self.explain_compiled(condition).1))
    }

    pub fn questionnaire(&self) -> &'a Questionnaire {
        self.questionnaire
    }

    pub fn answers(&self) -> &'a Answers {
        self.answers
    }

    pub fn applicability(&self, position: usize) -> Applicability {
        self.applicability
            .get(position)
            .copied()
            .unwrap_or(Applicability::NotApplicable)
    }

    /// Per position: the question is not needed whatever the answer to
    /// the question at `changed` (see [`crate::needed::not_needed_whatever`]):
    /// the decisions for the alternatives of that answer.
    pub(crate) fn not_needed_whatever(&self, changed: usize) -> Vec<bool> {
        let decided: Vec<bool> = self
            .applicability
            .iter()
            .map(|a| *a == Applicability::NotNeeded)
            .collect();
        // Decided again only where a later question is not needed now: one
        // needed now is needed for some answer to `changed`.
        if !decided
            .iter()
            .skip(changed + 1)
            .any(|&not_needed| not_needed)
        {
            return decided
                .iter()
                .enumerate()
                .map(|(p, &not_needed)| not_needed && p < changed)
                .collect();
        }
        crate::needed::not_needed_whatever(
            self.questionnaire.compiled(),
            &self.given,
            &decided,
            changed,
        )
    }

    /// The answer that counts for a question: none if the question is not
    /// on the path, even if the user answered it before.
    pub fn effective_answer(&self, position: usize) -> Option<&'a Answer> {
        if self.applicability(position).is_asked() {
            self.given.get(position).copied().flatten()
        } else {
            None
        }
    }

    /// Positions of the questions on the path, in asking order.
    pub fn path(&self) -> impl Iterator<Item = usize> + '_ {
        asked(&self.applicability)
    }

    /// The first question on the path that has no answer yet.
    pub fn next_unanswered(&self) -> Option<&'a Question> {
        self.next_unanswered_after(None)
    }

    /// The first unanswered question on the path after `position` (from the
    /// start for `None`).
    pub fn next_unanswered_after(&self, position: Option<usize>) -> Option<&'a Question> {
        let from = position.map_or(0, |p| p + 1);
        self.path()
            .filter(|&p| p >= from)
            .find(|&p| self.effective_answer(p).is_none())
            .map(|p| &self.questionnaire.questions()[p])
    }

    /// Unanswered questions on the path that a verdict needs (optional ones
    /// excluded).
    pub fn missing(&self) -> Vec<&'a Question> {
        self.path()
            .filter(|&p| self.effective_answer(p).is_none())
            .map(|p| &self.questionnaire.questions()[p])
            .filter(|question| !question.optional)
            .collect()
    }

    pub fn is_complete(&self) -> bool {
        self.missing().is_empty()
    }

    /// How far through the questionnaire's sections the first unanswered
    /// question is, from 0 to 1 (1 when nothing on the path is left). A
    /// steadier measure than answered / on the path, which later answers
    /// keep changing: one answer out of "at least two" is not half way.
    pub fn section_ratio(&self) -> f64 {
        let sections = self.questionnaire.sections();
        match self.next_unanswered() {
            None => 1.0,
            Some(next) => {
                let done = sections
                    .iter()
                    .position(|section| section.id == next.section)
                    .unwrap_or(0);
                done as f64 / sections.len().max(1) as f64
            }
        }
    }

    pub fn progress(&self) -> Progress {
        let mut progress = Progress {
            answered: 0,
            on_path: 0,
        };
        for position in self.path() {
            progress.on_path += 1;
            if self.effective_answer(position).is_some() {
                progress.answered += 1;
            }
        }
        progress
    }

    pub fn role_truth(&self, position: usize) -> Truth {
        self.roles.get(position).copied().unwrap_or(Truth::False)
    }

    pub fn finding_truth(&self, position: usize) -> Truth {
        self.findings.get(position).copied().unwrap_or(Truth::False)
    }

    /// Truth of any condition over the settled answers, roles and findings.
    pub fn truth(&self, condition: &Condition) -> Truth {
        self.explain(condition).0
    }

    /// Truth of a condition with the answers that decided it.
    pub fn explain(&self, condition: &Condition) -> (Truth, Explanation) {
        self.explain_compiled(&self.questionnaire.compile(condition))
    }

    pub(crate) fn explain_compiled(&self, condition: &Cond) -> (Truth, Explanation) {
        let mut explanation = Explanation::default();
        let truth = self.explain_into(condition, &mut explanation, true);
        explanation.answered.sort_unstable();
        explanation.answered.dedup();
        explanation.unsure.sort_unstable();
        explanation.unsure.dedup();
        explanation.beyond_gates.sort_unstable();
        explanation.beyond_gates.dedup();
        (truth, explanation)
    }

    /// Truth of a compiled condition, without the explanation.
    pub(crate) fn truth_compiled(&self, condition: &Cond) -> Truth {
        match condition {
            Cond::All(children) => all(children, |child| self.truth_compiled(child)),
            Cond::Any(children) => any(children, |child| self.truth_compiled(child)),
            Cond::Not(inner) => !self.truth_compiled(inner),
            Cond::Possibly(inner) => possibly(self.truth_compiled(inner)),
            Cond::Finding(i) => self.finding_truth(*i),
            Cond::Role(i) => self.role_truth(*i),
            literal => self.literal(literal),
        }
    }

    fn literal(&self, literal: &Cond) -> Truth {
        literal_truth(
            literal,
            self.questionnaire.compiled(),
            &self.concluding,
            &self.given,
            self.reading,
        )
    }

    /// The answer a conclusion reads for a question (see `concluding`).
    pub(crate) fn concluding_answer(&self, position: usize) -> Option<&'a Answer> {
        if self.concluding.get(position).is_some_and(|a| a.is_asked()) {
            self.given.get(position).copied().flatten()
        } else {
            None
        }
    }

    /// Adds to `out` the answers that decided `condition`, and, if
    /// `keep_unsure`, the "not sure" answers that leave it unknown; returns
    /// its truth. `keep_unsure` is false below a part whose own truth is
    /// not unknown: its uncertainty did not decide anything.
    fn explain_into(&self, condition: &Cond, out: &mut Explanation, keep_unsure: bool) -> Truth {
        match condition {
            Cond::All(children) | Cond::Any(children) => {
                let is_all = matches!(condition, Cond::All(_));
                // The truths first (no allocation), then the explanations
                // of the children that decided the result only.
                let truth = if is_all {
                    all(children, |child| self.truth_compiled(child))
                } else {
                    any(children, |child| self.truth_compiled(child))
                };
                // The children that decided the result: every child of a true
                // `all` or a false `any`; the true and unknown children of an
                // unknown `all`; otherwise the children that agree with it.
                let decisive = |child: Truth| match (is_all, truth) {
                    (true, Truth::True) | (false, Truth::False) => true,
                    (true, Truth::Unknown) => child != Truth::False,
                    _ => child == truth,
                };
                for child in children {
                    let child_truth = self.truth_compiled(child);
                    if decisive(child_truth) {
                        let keep = keep_unsure && child_truth == Truth::Unknown;
                        self.explain_into(child, out, keep);
                    }
                }
                truth
            }
            Cond::Not(inner) => !self.explain_into(inner, out, keep_unsure),
            // Settled either way: the uncertainty stops here.
            Cond::Possibly(inner) => possibly(self.explain_into(inner, out, false)),
            Cond::Finding(i) => {
                let truth = self.finding_truth(*i);
                let explanation = self.finding_explanation(*i);
                out.answered.extend(&explanation.answered);
                if !self.questionnaire.findings()[*i].gate {
                    out.beyond_gates.extend(&explanation.beyond_gates);
                }
                if keep_unsure && truth == Truth::Unknown {
                    out.unsure.extend(&explanation.unsure);
                }
                truth
            }
            Cond::Role(i) => {
                let truth = self.role_truth(*i);
                let explanation = self.role_explanation(*i);
                out.answered.extend(&explanation.answered);
                out.beyond_gates.extend(&explanation.beyond_gates);
                if keep_unsure && truth == Truth::Unknown {
                    out.unsure.extend(&explanation.unsure);
                }
                truth
            }
            literal => {
                let truth = self.literal(literal);
                let Some(position) = literal_question(literal) else {
                    return truth;
                };
                if let Some(answer) = self.concluding_answer(position) {
                    out.answered.push(position);
                    out.beyond_gates.push(position);
                    if keep_unsure && truth == Truth::Unknown {
                        if answer.is_not_sure() {
                            out.unsure.push(position);
                        }
                        if self.concluding[position] == Applicability::MayApply
                            && let Some(gate) = self.gate_explanation(position)
                        {
                            out.unsure.extend(&gate.unsure);
                        }
                    }
                }
                truth
            }
        }
    }
}

impl Builder<'_> {
    /// Works out every question's applicability in asking order, reading
    /// unanswered questions as `reading` says, from the first not
    /// `settled` already; roles and findings are then worked out on first
    /// use under the same reading.
    fn settle(&mut self, reading: Reading, settled: &[Applicability]) -> Vec<Applicability> {
        self.reading = reading;
        self.applicability.clear();
        self.roles.fill(None);
        self.findings.fill(None);
        let compiled = self.compiled;
        // A question's condition only looks back, at questions already
        // settled (validation makes sure of it), and the findings and roles
        // it uses depend only on those.
        self.applicability.extend_from_slice(settled);
        for (position, gate) in compiled.questions.iter().enumerate().skip(settled.len()) {
            let applicability = match gate {
                None => Applicability::Applies,
                Some(condition) => match self.truth(condition) {
                    Truth::True => Applicability::Applies,
                    Truth::Unknown => Applicability::MayApply,
                    Truth::False => Applicability::NotApplicable,
                },
            };
            let not_needed = self.not_needed.get(position).copied().unwrap_or(false);
            self.applicability
                .push(if not_needed && applicability.is_asked() {
                    Applicability::NotNeeded
                } else {
                    applicability
                });
        }
        self.applicability.clone()
    }

    fn truth(&mut self, condition: &Cond) -> Truth {
        match condition {
            // A finding or role left unread here is worked out when first
            // needed, to the same truth: what a question's condition reads
            // looks back only, at questions already settled.
            Cond::All(children) => all(children, |child| self.truth(child)),
            Cond::Any(children) => any(children, |child| self.truth(child)),
            Cond::Not(inner) => !self.truth(inner),
            Cond::Possibly(inner) => possibly(self.truth(inner)),
            Cond::Finding(i) => self.named(Named::Finding(*i)),
            Cond::Role(i) => self.named(Named::Role(*i)),
            // Only questions before the one being settled are read here:
            // later ones have no applicability yet and count as unanswered.
            literal => literal_truth(
                literal,
                self.compiled,
                &self.applicability,
                &self.given,
                self.reading,
            ),
        }
    }

    /// A finding's or a role's truth, worked out once.
    fn named(&mut self, named: Named) -> Truth {
        if let Some(truth) = *self.known(named) {
            return truth;
        }
        let compiled = self.compiled;
        let truth = self.truth(compiled.named(named));
        *self.known(named) = Some(truth);
        truth
    }

    fn known(&mut self, named: Named) -> &mut Option<Truth> {
        match named {
            Named::Finding(i) => &mut self.findings[i],
            Named::Role(i) => &mut self.roles[i],
        }
    }
}

/// Which questions are asked for answers given by position, as
/// [`Evaluation::new`] works it out (questions not needed left out), and
/// nothing more: no conclusions, and only the roles and findings that
/// questions' conditions use. Cheap enough to try many answers in a row
/// ([`crate::path_length`]).
pub(crate) fn path_for(
    questionnaire: &Questionnaire,
    given: Vec<Option<&Answer>>,
) -> Vec<Applicability> {
    let not_needed = crate::needed::not_needed(questionnaire.compiled(), &given);
    let mut builder = Builder {
        compiled: questionnaire.compiled(),
        applicability: Vec::with_capacity(given.len()),
        not_needed,
        given,
        reading: Reading::Asking,
        roles: vec![None; questionnaire.roles().len()],
        findings: vec![None; questionnaire.findings().len()],
    };
    builder.settle(Reading::Asking, &[])
}

/// Positions of the questions that are asked, in asking order: the path.
pub(crate) fn asked(applicability: &[Applicability]) -> impl Iterator<Item = usize> + '_ {
    applicability
        .iter()
        .enumerate()
        .filter(|(_, applicability)| applicability.is_asked())
        .map(|(position, _)| position)
}

/// Kleene's `and` of the children's truths, read in order up to the
/// first false: the others cannot change it.
fn all(children: &[Cond], truth_of: impl FnMut(&Cond) -> Truth) -> Truth {
    fold_until(children, Truth::True, Truth::False, Truth::and, truth_of)
}

/// Kleene's `or` of the children's truths, read in order up to the first
/// true.
fn any(children: &[Cond], truth_of: impl FnMut(&Cond) -> Truth) -> Truth {
    fold_until(children, Truth::False, Truth::True, Truth::or, truth_of)
}

/// The children's truths joined from `start`, up to the first join that
/// gives `decided`.
fn fold_until(
    children: &[Cond],
    start: Truth,
    decided: Truth,
    join: fn(Truth, Truth) -> Truth,
    mut truth_of: impl FnMut(&Cond) -> Truth,
) -> Truth {
    let mut truth = start;
    for child in children {
        truth = join(truth, truth_of(child));
        if truth == decided {
            break;
        }
    }
    truth
}

pub(crate) fn possibly(truth: Truth) -> Truth {
    match truth {
        Truth::False => Truth::False,
        Truth::Unknown | Truth::True => Truth::True,
    }
}

fn literal_question(literal: &Cond) -> Option<usize> {
    match literal {
        Cond::Equals { question, .. }
        | Cond::Includes { question, .. }
        | Cond::Compare { question, .. }
        | Cond::Answered(question) => Some(*question),
        _ => None,
    }
}

/// A required question on the path without an answer yet.
fn pending(
    compiled: &Compiled,
    applicability: &[Applicability],
    given: &[Option<&Answer>],
    position: usize,
) -> bool {
    applicability
        .get(position)
        .is_some_and(|applicability| applicability.is_asked())
        && given.get(position).copied().flatten().is_none()
        && compiled.required.get(position).copied().unwrap_or(false)
}

/// A test on one answer. For a question that may or may not be on the path,
/// the test is unknown unless it comes out the same either way.
fn literal_truth(
    literal: &Cond,
    compiled: &Compiled,
    applicability: &[Applicability],
    given: &[Option<&Answer>],
    reading: Reading,
) -> Truth {
    let Some(position) = literal_question(literal) else {
        return Truth::False;
    };
    let Some(answer) = given.get(position).copied().flatten() else {
        return if reading == Reading::Concluding
            && pending(compiled, applicability, given, position)
        {
            Truth::Unknown
        } else {
            Truth::False
        };
    };
    let applicability = applicability
        .get(position)
        .copied()
        .unwrap_or(Applicability::NotApplicable);
    let if_asked = answer_truth(literal, answer);
    match applicability {
        Applicability::Applies => if_asked,
        Applicability::MayApply if if_asked == Truth::False => Truth::False,
        Applicability::MayApply => Truth::Unknown,
        Applicability::NotApplicable | Applicability::NotNeeded => Truth::False,
    }
}

/// The answer given to each question, by position: one lookup per answer
/// given rather than a search per question (an evaluation runs on every
/// keypress).
fn given<'a>(questionnaire: &Questionnaire, answers: &'a Answers) -> Vec<Option<&'a Answer>> {
    let mut given = vec![None; questionnaire.questions().len()];
    for (id, answer) in answers.iter() {
        if let Some(position) = questionnaire.question_position(id) {
            given[position] = Some(answer);
        }
    }
    given
}

pub(crate) fn answer_truth(literal: &Cond, answer: &Answer) -> Truth {
    match (literal, answer) {
        (Cond::Answered(_), _) => Truth::True,
        (Cond::Equals { value, .. }, Answer::NotSure) => {
            if value == NOT_SURE {
                Truth::True
            } else {
                Truth::Unknown
            }
        }
        (_, Answer::NotSure) => Truth::Unknown,
        (Cond::Equals { value, .. }, Answer::Choice(chosen) | Answer::Text(chosen)) => {
            Truth::from_bool(chosen == value)
        }
        (Cond::Includes { option, .. }, Answer::Choices(chosen)) => {
            Truth::from_bool(chosen.contains(option))
        }
        (Cond::Compare { op, value, .. }, Answer::Number(number)) => {
            Truth::from_bool(op.holds(*number, *value))
        }
        _ => Truth::False,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::AnswerValue;
    use crate::model::QuestionKind;

    fn shipped() -> Questionnaire {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../questionnaires/eu-ai-act.json"
        );
        Questionnaire::load(std::path::Path::new(path)).expect("shipped questionnaire")
    }

    /// The `pick`th answer a question admits (options in turn, "not sure"
    /// among them where offered).
    fn value(question: &Question, pick: usize) -> AnswerValue {
        let mut options: Vec<&str> = question.option_ids().collect();
        if question.allow_not_sure {
            options.push(NOT_SURE);
        }
        match question.kind {
            QuestionKind::YesNo | QuestionKind::SingleChoice => {
                AnswerValue::Text(options[pick % options.len()].to_owned())
            }
            QuestionKind::MultiChoice => {
                AnswerValue::List(vec![options[pick % options.len()].to_owned()])
            }
            QuestionKind::Number => {
                let numbers: [f64; 6] = [0.0, 1.0, 15.0, 1e6, 1e24, 1e26];
                let number = numbers[pick % numbers.len()];
                let number = question.min.map_or(number, |min| number.max(min));
                AnswerValue::Number(question.max.map_or(number, |max| number.min(max)))
            }
            QuestionKind::Text => AnswerValue::Text("a text".to_owned()),
        }
    }

    /// Answers walked through the questionnaire, the `seed` choosing each.
    fn walk(q: &Questionnaire, seed: usize, stop_after: usize) -> Answers {
        let mut answers = Answers::new();
        for step in 0..stop_after {
            let next = Evaluation::new(q, &answers)
                .next_unanswered()
                .map(|question| question.id.clone());
            let Some(question) = next.and_then(|id| q.question(&id)) else {
                break;
            };
            let pick = seed.wrapping_mul(7).wrapping_add(step * (seed % 5 + 1)) / 3;
            let _ = answers.set(q, &question.id, &value(question, pick));
        }
        answers
    }

    /// An evaluation of another answer takes the questions before the one
    /// changed from the answers given: the same as working them all out.
    #[test]
    fn an_alternative_reads_the_first_questions_as_working_them_out_does() {
        let q = shipped();
        let (mut compared, mut with_pending) = (0, 0);
        for seed in 0..60 {
            let mut answers = walk(&q, seed, if seed % 4 == 0 { 12 } else { 200 });
            // A question left unanswered before later answers: pending.
            if seed % 3 == 0 {
                let first_on_path = Evaluation::new(&q, &answers).path().nth(2);
                if let Some(position) = first_on_path {
                    answers.remove(&q.questions()[position].id);
                }
            }
            let base = Evaluation::new(&q, &answers);
            with_pending += usize::from(base.reading == Reading::Concluding);
            let mut on_path = Answers::new();
            for position in base.path() {
                if let Some(answer) = base.effective_answer(position) {
                    on_path.put(&q.questions()[position].id, answer.clone());
                }
            }
            for changed in base.path() {
                if base.effective_answer(changed).is_none() {
                    continue;
                }
                let question = &q.questions()[changed];
                for pick in 0..4 {
                    let mut other = on_path.clone();
                    if other.set(&q, &question.id, &value(question, pick)).is_err() {
                        continue;
                    }
                    let not_needed = base.not_needed_whatever(changed);
                    let fast = Evaluation::alternative(&base, &other, not_needed.clone(), changed);
                    let full =
                        Evaluation::build(&q, &other, given(&q, &other), not_needed, Settled::NONE);
                    assert_eq!(fast.applicability, full.applicability, "{seed} {changed}");
                    assert_eq!(fast.concluding, full.concluding, "{seed} {changed}");
                    assert_eq!(fast.findings, full.findings, "{seed} {changed}");
                    assert_eq!(fast.roles, full.roles, "{seed} {changed}");
                    compared += 1;
                }
            }
        }
        assert!(
            compared > 1000 && with_pending > 5,
            "{compared}, {with_pending}"
        );
    }
}
