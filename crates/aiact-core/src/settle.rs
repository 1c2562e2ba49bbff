//! Settlements (issue 13): what the "not sure" answers of a finished
//! assessment can still lead to once settled. Three-valued logic cannot
//! see that two unknowns go together ("the duties exist only if public
//! authorities use it, and then they apply from 2030"), so a verdict shows
//! a date, a provisional duty or a provisional finding only if some
//! settling of those answers reaches it.
//!
//! A settling replaces each "not sure" by a definite answer and answers
//! the questions that opens the same way. The search is driven by goals
//! (a finding holds; an obligation holds from a given date rule): it
//! settles the first open question in asking order, tries its definite
//! answers, and stops going down a branch as soon as every goal not yet
//! reached is false there (three-valued truth is sound: what is true or
//! false with some answers unknown stays so however they are settled).
//! Definite answers: both of a yes/no, every option of a single choice,
//! for a multiple choice every combination of the options the conditions
//! test and each exclusive option, for a number values on each side of
//! every threshold. At most [`MAX_EVALUATIONS`]; beyond, what is not
//! reached yet is not known to be unreachable, and the verdict keeps the
//! engine's reading.

use crate::answer::{Answer, Answers};
use crate::compiled::{Compiled, Cond, Named, Read};
use crate::engine::{Evaluation, Truth};
use crate::model::QuestionKind;
use crate::questionnaire::Questionnaire;
use crate::turns_on::threshold_values;
use crate::verdict::{obligation_condition, rule_truth};

/// Which questions each finding, role and obligation depends on (their
/// answers, and through a question's condition whether it is asked): the
/// search settles only questions a goal it has not reached depends on.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dependencies {
    findings: Vec<Questions>,
    obligations: Vec<Questions>,
}

/// A set of questions, by position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Questions(Vec<u64>);

impl Questions {
    fn with(count: usize) -> Self {
        Self(vec![0; count.div_ceil(64)])
    }

    fn insert(&mut self, position: usize) {
        if let Some(word) = self.0.get_mut(position / 64) {
            *word |= 1 << (position % 64);
        }
    }

    fn contains(&self, position: usize) -> bool {
        self.0
            .get(position / 64)
            .is_some_and(|word| word & (1 << (position % 64)) != 0)
    }

    fn extend(&mut self, other: &Self) {
        for (word, more) in self.0.iter_mut().zip(&other.0) {
            *word |= more;
        }
    }
}

impl Dependencies {
    fn on(&self, goal: Goal, question: usize) -> bool {
        match goal {
            Goal::Finding(i) => self.findings.get(i),
            Goal::Date { obligation, .. } => self.obligations.get(obligation),
        }
        .is_some_and(|found| found.contains(question))
    }

    pub(crate) fn new(compiled: &Compiled) -> Self {
        let mut work = Work {
            compiled,
            count: compiled.questions.len(),
            questions: vec![None; compiled.questions.len()],
            findings: vec![None; compiled.findings.len()],
            roles: vec![None; compiled.roles.len()],
        };
        let findings = (0..compiled.findings.len())
            .map(|i| work.named(Named::Finding(i)))
            .collect();
        let obligations = (0..compiled.obligations.len())
            .map(|o| {
                let conditions = &compiled.obligations[o];
                let mut found = Questions::with(work.count);
                for condition in conditions
                    .when
                    .iter()
                    .chain(conditions.dates.iter().flatten())
                {
                    work.condition(condition, &mut found);
                }
                for &i in &compiled.outcome.obligation_findings[o] {
                    found.extend(&work.named(Named::Finding(i)));
                }
                for &r in &compiled.obligation_roles[o] {
                    found.extend(&work.named(Named::Role(r)));
                }
                found
            })
            .collect();
        Self {
            findings,
            obligations,
        }
    }
}

/// Works the dependencies out once each (findings name findings).
struct Work<'c> {
    compiled: &'c Compiled,
    count: usize,
    questions: Vec<Option<Questions>>,
    findings: Vec<Option<Questions>>,
    roles: Vec<Option<Questions>>,
}

impl Work<'_> {
    fn question(&mut self, position: usize) -> Questions {
        if let Some(Some(known)) = self.questions.get(position) {
            return known.clone();
        }
        let mut found = Questions::with(self.count);
        found.insert(position);
        if let Some(Some(gate)) = self.compiled.questions.get(position) {
            self.condition(gate, &mut found);
        }
        if let Some(slot) = self.questions.get_mut(position) {
            *slot = Some(found.clone());
        }
        found
    }

    /// The questions a finding or a role depends on, worked out once.
    fn named(&mut self, named: Named) -> Questions {
        if let Some(known) = self.known(named) {
            return known.clone();
        }
        let mut found = Questions::with(self.count);
        // Validation rules out cycles; a placeholder stops one anyway.
        *self.known(named) = Some(found.clone());
        self.condition(self.compiled.named(named), &mut found);
        *self.known(named) = Some(found.clone());
        found
    }

    fn known(&mut self, named: Named) -> &mut Option<Questions> {
        match named {
            Named::Finding(i) => &mut self.findings[i],
            Named::Role(i) => &mut self.roles[i],
        }
    }

    fn condition(&mut self, condition: &Cond, found: &mut Questions) {
        condition.visit_reads(&mut |read| match read {
            Read::Answer(question) => found.extend(&self.question(question)),
            Read::Named(named) => found.extend(&self.named(named)),
        });
    }
}

/// Evaluations a verdict's settlements may take at most.
pub const MAX_EVALUATIONS: usize = 1024;

/// Answers of a multiple choice tried at most (see
/// `multi_choice_candidates`).
const MAX_CANDIDATES: usize = 64;

/// What a settling may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Goal {
    /// The finding (by position) holds.
    Finding(usize),
    /// The obligation holds, with its date from this rule (by index).
    Date { obligation: usize, rule: usize },
}

/// The outcome of the search.
pub(crate) struct Settlements {
    /// Per goal: the settled "not sure" answers that reach it (as few as
    /// the search found necessary), if some settling does.
    pub reached: Vec<Option<Vec<(usize, Answer)>>>,
    /// Every settling that could reach a goal not reached was examined:
    /// such a goal is unreachable.
    pub complete: bool,
}

/// The "not sure" answers on a finished evaluation's path, in asking order.
pub(crate) fn unsure_answers(evaluation: &Evaluation) -> Vec<usize> {
    evaluation
        .path()
        .filter(|&p| {
            evaluation
                .effective_answer(p)
                .is_some_and(Answer::is_not_sure)
        })
        .collect()
}

/// Searches the settlings of a finished evaluation's "not sure" answers
/// for the goals. `first` hears each settling of the first question
/// settled (one "not sure" answer settled, the others not yet): where the
/// result would stand then.
pub(crate) fn settle(
    evaluation: &Evaluation,
    goals: &[Goal],
    first: &mut dyn FnMut(&Evaluation, usize, &Answer),
) -> Settlements {
    let q = evaluation.questionnaire();
    let unsure = unsure_answers(evaluation);
    // Only the answers on the path: a settling must not revive an old
    // answer to a question it opens (that question is settled too).
    let mut answers = Answers::new();
    for position in evaluation.path() {
        if let Some(answer) = evaluation.effective_answer(position) {
            answers.put(&q.questions()[position].id, answer.clone());
        }
    }
    let mut search = Search {
        questionnaire: q,
        goals,
        unsure,
        reached: vec![None; goals.len()],
        evaluations: 0,
        complete: true,
        first,
    };
    // The answers given, evaluated already, are where the search starts.
    search.visit(evaluation, &mut answers, &mut Vec::new());
    // What was not examined matters only for goals not reached.
    let complete = search.complete || search.reached.iter().all(Option::is_some);
    Settlements {
        reached: search.reached,
        complete,
    }
}

struct Search<'q, 'g, 'f> {
    questionnaire: &'q Questionnaire,
    goals: &'g [Goal],
    unsure: Vec<usize>,
    reached: Vec<Option<Vec<(usize, Answer)>>>,
    evaluations: usize,
    complete: bool,
    first: &'f mut dyn FnMut(&Evaluation, usize, &Answer),
}

impl<'q> Search<'q, '_, '_> {
    fn evaluate<'a>(&mut self, answers: &'a Answers) -> Option<Evaluation<'a>>
    where
        'q: 'a,
    {
        if self.evaluations >= MAX_EVALUATIONS {
            self.complete = false;
            return None;
        }
        self.evaluations += 1;
        Some(Evaluation::hypothetical(self.questionnaire, answers))
    }

    /// Evaluates a settling and goes on from it. `settled`: the questions
    /// settled on the way here, by position.
    fn explore(&mut self, answers: &mut Answers, settled: &mut Vec<usize>) {
        let snapshot = answers.clone();
        let Some(evaluation) = self.evaluate(&snapshot) else {
            return;
        };
        if let [position] = settled[..]
            && self.unsure.contains(&position)
            && let Some(answer) = evaluation.effective_answer(position)
        {
            (self.first)(&evaluation, position, answer);
        }
        self.visit(&evaluation, answers, settled);
    }

    /// Records the goals `evaluation` reaches, then settles the first open
    /// question a goal not reached yet depends on, in every way.
    fn visit(&mut self, evaluation: &Evaluation, answers: &mut Answers, settled: &mut Vec<usize>) {
        let q = self.questionnaire;
        let mut newly = Vec::new();
        let mut live: Vec<Goal> = Vec::new();
        for (g, goal) in self.goals.iter().enumerate() {
            if self.reached[g].is_some() {
                continue;
            }
            match goal_truth(evaluation, *goal) {
                Truth::True => newly.push(g),
                Truth::Unknown => live.push(*goal),
                Truth::False => {}
            }
        }
        // Settling a question no live goal depends on changes nothing.
        let depends = &q.compiled().depends;
        let open = evaluation.path().find(|&p| {
            let open = match evaluation.effective_answer(p) {
                Some(answer) => answer.is_not_sure(),
                None => !q.questions()[p].optional,
            };
            open && live.iter().any(|goal| depends.on(*goal, p))
        });
        if !newly.is_empty() {
            for (g, witness) in self.witnesses(answers, settled, newly) {
                self.reached[g] = Some(witness);
            }
        }
        let Some(position) = open else {
            return;
        };
        let (candidates, all) = candidates(q, position);
        self.complete &= all;
        let id = &q.questions()[position].id;
        let previous = answers.remove(id);
        settled.push(position);
        for candidate in candidates {
            if self.reached.iter().all(Option::is_some) {
                break;
            }
            if self.evaluations >= MAX_EVALUATIONS {
                self.complete = false;
                break;
            }
            answers.put(id, candidate);
            self.explore(answers, settled);
        }
        settled.pop();
        match previous {
            Some(answer) => answers.put(id, answer),
            None => {
                answers.remove(id);
            }
        }
    }

    /// The settled "not sure" answers the goals just reached need: each is
    /// put back to "not sure" in turn and left so where the goal still
    /// holds (goals that agree so far share one evaluation). The last one
    /// settled is needed: before it, the goals were not reached.
    fn witnesses(
        &mut self,
        answers: &Answers,
        settled: &[usize],
        goals: Vec<usize>,
    ) -> Vec<(usize, Vec<(usize, Answer)>)> {
        let q = self.questionnaire;
        let unsure: Vec<usize> = settled
            .iter()
            .copied()
            .filter(|p| self.unsure.contains(p))
            .collect();
        let last = settled.last().copied();
        // Goals with the answers put back so far.
        let mut groups: Vec<(Vec<usize>, Vec<usize>)> = vec![(Vec::new(), goals)];
        for &position in unsure.iter().filter(|&&p| Some(p) != last) {
            let mut next = Vec::new();
            for (back, members) in groups {
                let mut kept = answers.clone();
                for &p in back.iter().chain(std::iter::once(&position)) {
                    kept.put(&q.questions()[p].id, Answer::NotSure);
                }
                let (holds, needs): (Vec<usize>, Vec<usize>) = match self.evaluate(&kept) {
                    Some(evaluation) => members
                        .into_iter()
                        .partition(|&g| goal_truth(&evaluation, self.goals[g]) == Truth::True),
                    None => (Vec::new(), members),
                };
                if !holds.is_empty() {
                    let mut more = back.clone();
                    more.push(position);
                    next.push((more, holds));
                }
                if !needs.is_empty() {
                    next.push((back, needs));
                }
            }
            groups = next;
        }
        groups
            .into_iter()
            .flat_map(|(back, members)| {
                let witness: Vec<(usize, Answer)> = unsure
                    .iter()
                    .filter(|p| !back.contains(p))
                    .filter_map(|&p| Some((p, answers.get(&q.questions()[p].id)?.clone())))
                    .collect();
                members.into_iter().map(move |g| (g, witness.clone()))
            })
            .collect()
    }
}

/// The truth of a goal on an evaluation.
fn goal_truth(evaluation: &Evaluation, goal: Goal) -> Truth {
    match goal {
        Goal::Finding(i) => evaluation.finding_truth(i),
        Goal::Date { obligation, rule } => {
            let mut truth = obligation_condition(evaluation, obligation, true);
            for earlier in 0..rule {
                truth = truth.and(!rule_truth(evaluation, obligation, earlier));
            }
            truth.and(rule_truth(evaluation, obligation, rule))
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
        QuestionKind::MultiChoice => multi_choice_candidates(q, position),
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

/// The answers of a multiple choice as the conditions can tell them
/// apart. Options tested in exactly the same places (the same `all` and
/// `any` nodes) are interchangeable, so only how many of such a class are
/// ticked matters: none, some (one), or all. The combinations of the
/// classes, then each exclusive option alone; beyond [`MAX_CANDIDATES`]
/// combinations, single ticks and pairs only (not all of them).
fn multi_choice_candidates(q: &Questionnaire, position: usize) -> (Vec<Answer>, bool) {
    let question = &q.questions()[position];
    // Per option: where the conditions test it (the enclosing node).
    let mut places: Vec<(&str, Vec<usize>)> = question
        .options
        .iter()
        .filter(|o| !o.exclusive)
        .map(|o| (o.id.as_str(), Vec::new()))
        .collect();
    for (parent, option) in tested_options(q, position) {
        if let Some((_, found)) = places.iter_mut().find(|(id, _)| *id == option) {
            found.push(parent);
        }
    }
    let mut classes: Vec<(Vec<usize>, Vec<&str>)> = Vec::new();
    for (option, mut found) in places {
        found.sort_unstable();
        match classes.iter_mut().find(|(known, _)| *known == found) {
            Some((_, members)) => members.push(option),
            None => classes.push((found, vec![option])),
        }
    }
    // Untested options read alike: one stands for them, ticked alone.
    let untested = classes
        .iter()
        .position(|(found, _)| found.is_empty())
        .map(|i| classes.remove(i).1[0]);
    // Per class: the tick counts that read differently (none, some, all).
    let counts: Vec<Vec<usize>> = classes
        .iter()
        .map(|(_, members)| {
            if members.len() > 1 {
                vec![0, 1, members.len()]
            } else {
                vec![0, 1]
            }
        })
        .collect();
    let combinations: usize = counts.iter().map(Vec::len).product();
    let mut found: Vec<Answer> = Vec::new();
    let all = combinations <= MAX_CANDIDATES;
    if all {
        for mut index in 0..combinations {
            let mut ticked: Vec<String> = Vec::new();
            for ((_, members), options) in classes.iter().zip(&counts) {
                let count = options[index % options.len()];
                index /= options.len();
                ticked.extend(members.iter().take(count).map(|m| (*m).to_owned()));
            }
            if !ticked.is_empty() {
                found.push(Answer::Choices(in_order(question, ticked)));
            }
        }
        // Few ticks first: they settle most goals soonest.
        found.sort_by_key(|answer| match answer {
            Answer::Choices(ticked) => ticked.len(),
            _ => 0,
        });
    } else {
        let plain: Vec<&str> = classes
            .iter()
            .flat_map(|(_, m)| m.iter().copied())
            .collect();
        for (n, first) in plain.iter().enumerate() {
            found.push(Answer::Choices(vec![(*first).to_owned()]));
            for second in &plain[n + 1..] {
                let pair = vec![(*first).to_owned(), (*second).to_owned()];
                found.push(Answer::Choices(in_order(question, pair)));
            }
        }
    }
    let alone = question
        .options
        .iter()
        .filter(|o| o.exclusive)
        .map(|o| o.id.as_str())
        .chain(untested);
    found.extend(alone.map(|id| Answer::Choices(vec![id.to_owned()])));
    (found, all)
}

/// Option ids in the question's order, as an answer keeps them.
fn in_order(question: &crate::model::Question, ticked: Vec<String>) -> Vec<String> {
    question
        .options
        .iter()
        .filter(|o| ticked.contains(&o.id))
        .map(|o| o.id.clone())
        .collect()
}

/// Where the conditions test the options of a multiple choice: the
/// enclosing `all` or `any` node (by address; the test itself when it
/// stands alone), with the option.
fn tested_options(q: &Questionnaire, position: usize) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    for condition in q.compiled().conditions() {
        places(condition, None, position, &mut found);
    }
    found
}

fn places<'c>(
    condition: &'c Cond,
    parent: Option<usize>,
    position: usize,
    found: &mut Vec<(usize, &'c str)>,
) {
    let address = |c: &Cond| std::ptr::from_ref(c) as usize;
    match condition {
        Cond::All(children) | Cond::Any(children) => {
            for child in children {
                places(child, Some(address(condition)), position, found);
            }
        }
        Cond::Not(inner) | Cond::Possibly(inner) => places(inner, None, position, found),
        Cond::Includes { question, option } if *question == position => {
            found.push((
                parent.unwrap_or_else(|| address(condition)),
                option.as_str(),
            ));
        }
        _ => {}
    }
}

/// Every test on one question in the questionnaire's conditions.
fn literals(q: &Questionnaire, position: usize) -> Vec<&Cond> {
    let mut found = Vec::new();
    for condition in q.compiled().conditions() {
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
