//! Can a condition ever hold? Used to reject questions that can never be
//! asked and findings that can never hold.
//!
//! The search looks for one set of definite answers (each question
//! unanswered, `not_sure`, or a value) under which the condition holds. A
//! question's answer requires its own condition to hold too, which is
//! followed a few levels back. The check is conservative: past its step
//! budget or depth it assumes the condition can hold, so it reports only
//! what it has shown to be impossible.
//!
//! It reads a questionnaire's content, with named conditions written out.

use crate::model::{
    CompareOp, Condition, NOT_SURE, Question, QuestionKind, QuestionnaireDoc, Reference,
};
use crate::questionnaire::Index;

/// How far back a question's own condition is followed.
const MAX_GATE_DEPTH: usize = 3;
/// Steps one check may take before it gives up and assumes "possible". On
/// the shipped content every check that settles does so within 250 steps;
/// the few that do not (conditions that negate several large findings, such
/// as the open-source question's) branch on and on: at 20,000 steps they
/// cost a validation 25 ms of its 28. Loading runs on every start.
const STEP_BUDGET: usize = 500;

pub(crate) struct Reachability<'a> {
    doc: &'a QuestionnaireDoc,
    index: &'a Index,
    /// Per question, in order: can it ever be asked?
    pub askable: Vec<bool>,
}

impl<'a> Reachability<'a> {
    pub fn compute(doc: &'a QuestionnaireDoc, index: &'a Index) -> Self {
        let mut reach = Self {
            doc,
            index,
            askable: Vec::with_capacity(doc.questions.len()),
        };
        // In order: a question's condition only looks back, at questions
        // whose askability is already known.
        for question in &doc.questions {
            let askable = question
                .when
                .as_ref()
                .is_none_or(|condition| reach.satisfiable(condition));
            reach.askable.push(askable);
        }
        reach
    }

    /// The condition the finding with this id holds under, if there is one.
    fn finding_when(&self, id: &str) -> Option<&'a Condition> {
        (self.index.findings.get(id)).map(|&i| &self.doc.findings[i].when)
    }

    /// The condition the role with this id holds under, if there is one.
    fn role_when(&self, id: &str) -> Option<&'a Condition> {
        (self.index.roles.get(id)).map(|&i| &self.doc.roles[i].when)
    }

    pub fn satisfiable(&self, condition: &Condition) -> bool {
        let mut search = Search {
            reach: self,
            steps: 0,
        };
        search.holds_somehow(
            vec![Goal {
                condition,
                negated: false,
                depth: 0,
            }],
            State::default(),
        )
    }
}

#[derive(Clone, Copy)]
struct Goal<'c> {
    condition: &'c Condition,
    negated: bool,
    depth: usize,
}

/// A test on one question's answer.
#[derive(Clone, Copy, Debug)]
enum Test<'a> {
    Equals(&'a str),
    Includes(&'a str),
    Answered,
    Compare(CompareOp, f64),
}

/// What the goals so far require of the answers, as a flat list of tests
/// (each on one question, to pass or to fail): cloning it at a branch is a
/// single copy.
#[derive(Clone, Default)]
struct State<'a> {
    tests: Vec<Requirement<'a>>,
    /// Questions whose own condition has been added to the goals.
    gated: Vec<usize>,
}

#[derive(Clone, Copy)]
struct Requirement<'a> {
    question: usize,
    test: Test<'a>,
    /// The test must fail rather than pass.
    negated: bool,
}

/// One possible answer to a question.
enum Candidate<'v> {
    Unanswered,
    NotSure,
    Choice(&'v str),
    Choices(Vec<&'v str>),
    Number(f64),
    Text(Option<&'v str>),
}

struct Search<'r, 'a> {
    reach: &'r Reachability<'a>,
    steps: usize,
}

impl<'a> Search<'_, 'a> {
    fn holds_somehow(&mut self, mut goals: Vec<Goal<'a>>, mut state: State<'a>) -> bool {
        while let Some(goal) = goals.pop() {
            self.steps += 1;
            if self.steps > STEP_BUDGET {
                return true;
            }
            let Goal {
                condition,
                negated,
                depth,
            } = goal;
            match (condition, negated) {
                (Condition::All(children), false) | (Condition::Any(children), true) => {
                    goals.extend(children.iter().map(|condition| Goal {
                        condition,
                        negated,
                        depth,
                    }));
                }
                (Condition::Any(children), false) | (Condition::All(children), true) => {
                    return children.iter().any(|condition| {
                        let mut branch = goals.clone();
                        branch.push(Goal {
                            condition,
                            negated,
                            depth,
                        });
                        self.holds_somehow(branch, state.clone())
                    });
                }
                (Condition::Not(inner), _) => goals.push(Goal {
                    condition: inner,
                    negated: !negated,
                    depth,
                }),
                (Condition::Finding(id), _) => {
                    goals.extend(self.reach.finding_when(id).map(|condition| Goal {
                        condition,
                        negated,
                        depth,
                    }));
                }
                (Condition::Role(id), _) => {
                    goals.extend(self.reach.role_when(id).map(|condition| Goal {
                        condition,
                        negated,
                        depth,
                    }));
                }
                (Condition::Possibly(inner), true) => goals.push(Goal {
                    condition: inner,
                    negated: true,
                    depth,
                }),
                (Condition::Possibly(inner), false) => {
                    // It holds if the inner condition can, or can be left
                    // unknown by a "not sure" to one of the questions in it.
                    let mut branch = goals.clone();
                    branch.push(Goal {
                        condition: inner,
                        negated: false,
                        depth,
                    });
                    if self.holds_somehow(branch, state.clone()) {
                        return true;
                    }
                    return self.unsure_questions(inner).into_iter().any(|position| {
                        let mut state = state.clone();
                        let mut goals = goals.clone();
                        self.require(
                            &mut goals,
                            &mut state,
                            position,
                            Test::Equals(NOT_SURE),
                            false,
                            depth,
                        ) && self.holds_somehow(goals, state)
                    });
                }
                (literal, _) => {
                    let Some((position, test)) = self.test(literal) else {
                        continue;
                    };
                    if !self.require(&mut goals, &mut state, position, test, negated, depth) {
                        return false;
                    }
                }
            }
        }
        true
    }

    /// Adds a test on one answer; false if no answer can meet the tests so far.
    fn require(
        &self,
        goals: &mut Vec<Goal<'a>>,
        state: &mut State<'a>,
        position: usize,
        test: Test<'a>,
        negated: bool,
        depth: usize,
    ) -> bool {
        if !negated && !self.reach.askable.get(position).copied().unwrap_or(true) {
            return false;
        }
        state.tests.push(Requirement {
            question: position,
            test,
            negated,
        });
        let question = &self.reach.doc.questions[position];
        let on_this_question = state.tests.iter().filter(|r| r.question == position);
        if !possible(question, on_this_question) {
            return false;
        }
        // An answer means the question was asked, so its own condition
        // held as well.
        if !negated
            && depth < MAX_GATE_DEPTH
            && !state.gated.contains(&position)
            && let Some(gate) = &question.when
        {
            state.gated.push(position);
            goals.push(Goal {
                condition: gate,
                negated: false,
                depth: depth + 1,
            });
        }
        true
    }

    /// The questions offering "not sure" that a condition depends on,
    /// directly or through the findings and roles it names.
    fn unsure_questions(&self, condition: &'a Condition) -> Vec<usize> {
        let mut questions = Vec::new();
        let mut pending = vec![condition];
        let mut seen_derived: Vec<Reference> = Vec::new();
        while let Some(condition) = pending.pop() {
            condition.visit_references(&mut |reference| match reference {
                Reference::Question(id) => {
                    if let Some(&position) = self.reach.index.questions.get(id)
                        && self.reach.doc.questions[position].allow_not_sure
                        && !questions.contains(&position)
                    {
                        questions.push(position);
                    }
                }
                derived if seen_derived.contains(&derived) => {}
                Reference::Finding(id) => {
                    seen_derived.push(reference);
                    pending.extend(self.reach.finding_when(id));
                }
                Reference::Role(id) => {
                    seen_derived.push(reference);
                    pending.extend(self.reach.role_when(id));
                }
                // The search runs on content with its names written out.
                Reference::Condition(_) => {}
            });
        }
        questions
    }

    fn test(&self, literal: &'a Condition) -> Option<(usize, Test<'a>)> {
        let (question, test) = match literal {
            Condition::Equals { question, value } => (question, Test::Equals(value)),
            Condition::Includes { question, option } => (question, Test::Includes(option)),
            Condition::Answered(question) => (question, Test::Answered),
            Condition::Compare {
                question,
                op,
                value,
            } => (question, Test::Compare(*op, *value)),
            _ => return None,
        };
        self.reach
            .index
            .questions
            .get(question)
            .map(|&position| (position, test))
    }
}

/// Is there an answer to `question` that passes every test required to
/// pass and fails every test required to fail? Tries every option, the
/// values the tests mention and the numbers just either side of them.
fn possible<'r, 'a: 'r>(
    question: &Question,
    requirements: impl Iterator<Item = &'r Requirement<'a>> + Clone,
) -> bool {
    let fits = |candidate: &Candidate| {
        requirements
            .clone()
            .all(|r| passes(candidate, &r.test) != r.negated)
    };
    let tests = || requirements.clone().map(|r| r.test);
    if fits(&Candidate::Unanswered) || (question.allow_not_sure && fits(&Candidate::NotSure)) {
        return true;
    }
    match question.kind {
        QuestionKind::YesNo | QuestionKind::SingleChoice => {
            question.option_ids().any(|id| fits(&Candidate::Choice(id)))
        }
        QuestionKind::MultiChoice => {
            let mut required: Vec<&str> = requirements
                .clone()
                .filter(|r| !r.negated)
                .filter_map(|r| match r.test {
                    Test::Includes(option) => Some(option),
                    _ => None,
                })
                .collect();
            // The same option required twice (through two paths) is one
            // tick: an exclusive option stays alone.
            required.sort_unstable();
            required.dedup();
            if required.is_empty() {
                question
                    .options
                    .iter()
                    .any(|o| fits(&Candidate::Choices(vec![o.id.as_str()])))
            } else {
                let exclusive = required
                    .iter()
                    .any(|id| question.option(id).is_some_and(|o| o.exclusive));
                (required.len() == 1 || !exclusive) && fits(&Candidate::Choices(required))
            }
        }
        QuestionKind::Number => {
            let within = |n: f64| {
                question.min.is_none_or(|min| n >= min) && question.max.is_none_or(|max| n <= max)
            };
            tests()
                .filter_map(|test| match test {
                    Test::Compare(_, value) => Some(value),
                    _ => None,
                })
                .chain(question.min)
                .chain(question.max)
                .chain([0.0])
                .flat_map(|point| [point.next_down(), point, point.next_up()])
                .any(|n| within(n) && fits(&Candidate::Number(n)))
        }
        QuestionKind::Text => {
            fits(&Candidate::Text(None))
                || tests().any(|test| match test {
                    Test::Equals(value) => fits(&Candidate::Text(Some(value))),
                    _ => false,
                })
        }
    }
}

fn passes(candidate: &Candidate, test: &Test) -> bool {
    match (candidate, test) {
        (Candidate::Unanswered, _) => false,
        (_, Test::Answered) => true,
        (Candidate::NotSure, Test::Equals(value)) => *value == NOT_SURE,
        (Candidate::NotSure, _) => false,
        (Candidate::Choice(id), Test::Equals(value)) => id == value,
        (Candidate::Choices(ids), Test::Includes(option)) => ids.contains(option),
        (Candidate::Number(n), Test::Compare(op, value)) => op.holds(*n, *value),
        // `None` stands for any text other than the ones the tests name.
        (Candidate::Text(text), Test::Equals(value)) => *text == Some(*value),
        _ => false,
    }
}
