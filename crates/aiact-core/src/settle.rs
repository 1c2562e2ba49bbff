//! Settlements (issue 13): the ways of replacing the "not sure" answers of
//! a finished assessment by definite answers, answering the questions that
//! opens the same way. Three-valued logic cannot see that two unknowns go
//! together ("the duties exist only if public authorities use it, and then
//! they apply from 2030"): a verdict shows a date or a provisional duty
//! only if some settling reaches it.
//!
//! Definite answers: both of a yes/no, every option of a single choice;
//! for a multiple choice every combination of the options the conditions
//! test (at most five; beyond, single ticks and pairs, and the settlings
//! are then not all examined), each exclusive option, and an untested
//! option; for a number, values on each side of every threshold. At most
//! [`MAX_SETTLINGS`]; beyond, the verdict keeps the engine's reading.

use std::collections::BTreeSet;

use crate::answer::{Answer, Answers};
use crate::compiled::Cond;
use crate::engine::Evaluation;
use crate::model::{ObligationKind, QuestionKind};
use crate::outcome::DutyFact;
use crate::questionnaire::Questionnaire;
use crate::turns_on::threshold_values;
use crate::verdict::{Status, finding_statuses, headline, obligation_truth};

/// Settlings examined at most for one verdict.
pub const MAX_SETTLINGS: usize = 64;

/// Options of a multiple choice combined in every way at most.
const MAX_COMBINED_OPTIONS: usize = 5;

/// The settlings of a verdict's "not sure" answers.
pub(crate) struct Settlings {
    /// Positions of the questions answered "not sure", in asking order.
    pub unsure: Vec<usize>,
    pub leaves: Vec<Leaf>,
    /// Every settling was examined.
    pub complete: bool,
}

/// One settling, evaluated.
pub(crate) struct Leaf {
    /// Per question of `unsure`: the answer it was settled to, `None` if
    /// other settled answers took it off the path.
    pub answers: Vec<Option<Answer>>,
    pub tier: usize,
    pub findings: Vec<Option<Status>>,
    /// Per obligation: the milestone it applies from, if it holds.
    pub obligations: Vec<Option<usize>>,
    /// The user's duties (obligations of kind `duty` that hold).
    pub duties: Vec<DutyFact>,
}

/// The settlings of a finished evaluation with "not sure" answers on its
/// path; `None` when it has none (or is not finished).
pub(crate) fn settle(evaluation: &Evaluation) -> Option<Settlings> {
    let q = evaluation.questionnaire();
    let unsure: Vec<usize> = evaluation
        .path()
        .filter(|&p| {
            evaluation
                .effective_answer(p)
                .is_some_and(Answer::is_not_sure)
        })
        .collect();
    if unsure.is_empty() || !evaluation.is_complete() {
        return None;
    }
    // Only the answers on the path: a settling must not revive an old
    // answer to a question it opens (that question is settled too).
    let mut answers = Answers::new();
    for position in evaluation.path() {
        if let Some(answer) = evaluation.effective_answer(position) {
            answers.put(&q.questions()[position].id, answer.clone());
        }
    }
    let mut explorer = Explorer {
        questionnaire: q,
        unsure,
        leaves: Vec::new(),
        complete: true,
    };
    explorer.explore(&mut answers);
    Some(Settlings {
        unsure: explorer.unsure,
        leaves: explorer.leaves,
        complete: explorer.complete,
    })
}

struct Explorer<'q> {
    questionnaire: &'q Questionnaire,
    unsure: Vec<usize>,
    leaves: Vec<Leaf>,
    complete: bool,
}

impl Explorer<'_> {
    fn explore(&mut self, answers: &mut Answers) {
        if self.leaves.len() >= MAX_SETTLINGS {
            self.complete = false;
            return;
        }
        let q = self.questionnaire;
        let open = {
            let evaluation = Evaluation::hypothetical(q, answers);
            let open = evaluation
                .path()
                .find(|&p| match evaluation.effective_answer(p) {
                    Some(answer) => answer.is_not_sure(),
                    None => !q.questions()[p].optional,
                });
            if open.is_none() {
                let leaf = self.leaf(&evaluation);
                self.leaves.push(leaf);
            }
            open
        };
        let Some(position) = open else {
            return;
        };
        let (candidates, all) = candidates(q, position);
        self.complete &= all;
        let id = &q.questions()[position].id;
        let previous = answers.remove(id);
        for candidate in candidates {
            answers.put(id, candidate);
            self.explore(answers);
            if !self.complete && self.leaves.len() >= MAX_SETTLINGS {
                break;
            }
        }
        match previous {
            Some(answer) => answers.put(id, answer),
            None => {
                answers.remove(id);
            }
        }
    }

    fn leaf(&self, evaluation: &Evaluation) -> Leaf {
        let q = self.questionnaire;
        let findings = finding_statuses(evaluation, true);
        let (tier, _, _) = headline(q, &findings, true);
        let obligations: Vec<Option<usize>> = (0..q.obligations().len())
            .map(|i| obligation_truth(evaluation, i, true).map(|o| o.milestone))
            .collect();
        let duties = obligations
            .iter()
            .enumerate()
            .filter(|(i, _)| q.obligations()[*i].kind == ObligationKind::Duty)
            .filter_map(|(i, milestone)| {
                let milestone = (*milestone)?;
                Some(DutyFact {
                    obligation: i,
                    status: Status::Holds,
                    date: q.milestones()[milestone].date,
                    milestone,
                })
            })
            .collect();
        Leaf {
            answers: self
                .unsure
                .iter()
                .map(|&p| evaluation.effective_answer(p).cloned())
                .collect(),
            tier,
            findings,
            obligations,
            duties,
        }
    }
}

/// The definite answers a question is settled to, and whether they are
/// all its answers as the conditions read them.
fn candidates(q: &Questionnaire, position: usize) -> (Vec<Answer>, bool) {
    let question = &q.questions()[position];
    let choice = |id: &str| Answer::Choice(id.to_owned());
    match question.kind {
        QuestionKind::YesNo | QuestionKind::SingleChoice => {
            (question.option_ids().map(choice).collect(), true)
        }
        QuestionKind::MultiChoice => {
            let tested = tested_options(q, position);
            let (exclusive, plain): (Vec<_>, Vec<_>) =
                question.options.iter().partition(|o| o.exclusive);
            let (tested, untested): (Vec<_>, Vec<_>) = plain
                .into_iter()
                .partition(|o| tested.contains(o.id.as_str()));
            let all = tested.len() <= MAX_COMBINED_OPTIONS;
            let mut found: Vec<Answer> = Vec::new();
            if all {
                for mask in 1..(1u32 << tested.len()) {
                    let ticked = tested
                        .iter()
                        .enumerate()
                        .filter(|(bit, _)| mask & (1 << bit) != 0)
                        .map(|(_, o)| o.id.clone())
                        .collect();
                    found.push(Answer::Choices(ticked));
                }
            } else {
                for (n, first) in tested.iter().enumerate() {
                    found.push(Answer::Choices(vec![first.id.clone()]));
                    for second in &tested[n + 1..] {
                        found.push(Answer::Choices(vec![first.id.clone(), second.id.clone()]));
                    }
                }
            }
            found.extend(
                exclusive
                    .iter()
                    .chain(untested.first())
                    .map(|o| Answer::Choices(vec![o.id.clone()])),
            );
            (found, all)
        }
        QuestionKind::Number => {
            let compares = literals(q, position);
            let mut values = threshold_values(question, &compares);
            if values.is_empty() {
                values.push(question.min.unwrap_or(0.0));
            }
            (values.into_iter().map(Answer::Number).collect(), true)
        }
        // Never "not sure"; a required text question opened by a settling
        // reads the same whatever it says, unless a condition tests it.
        QuestionKind::Text => (vec![Answer::Text("-".to_owned())], true),
    }
}

/// The options of a multiple-choice question some condition tests.
fn tested_options(q: &Questionnaire, position: usize) -> BTreeSet<&str> {
    literals(q, position)
        .into_iter()
        .filter_map(|literal| match literal {
            Cond::Includes { option, .. } => Some(option.as_str()),
            _ => None,
        })
        .collect()
}

/// Every test on one question in the questionnaire's conditions.
fn literals(q: &Questionnaire, position: usize) -> Vec<&Cond> {
    let compiled = q.compiled();
    let conditions = compiled
        .questions
        .iter()
        .flatten()
        .chain(&compiled.findings)
        .chain(&compiled.roles)
        .chain(
            compiled
                .obligations
                .iter()
                .flat_map(|o| o.when.iter().chain(o.dates.iter().flatten())),
        );
    let mut found = Vec::new();
    for condition in conditions {
        collect(condition, position, &mut found);
    }
    found
}

fn collect<'c>(condition: &'c Cond, position: usize, found: &mut Vec<&'c Cond>) {
    match condition {
        Cond::All(children) | Cond::Any(children) => {
            for child in children {
                collect(child, position, found);
            }
        }
        Cond::Not(inner) | Cond::Possibly(inner) => collect(inner, position, found),
        Cond::Equals { question, .. }
        | Cond::Includes { question, .. }
        | Cond::Compare { question, .. }
            if *question == position =>
        {
            found.push(condition);
        }
        _ => {}
    }
}
