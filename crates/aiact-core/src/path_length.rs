//! How many questions the path will have in all, as a range: "about 12–16
//! questions" rather than "2 of 3", which counts only the questions the
//! answers so far have opened (issue 13).
//!
//! The range comes from the engine, not from a guess: two walks go on from
//! the answers given to the end of the path, answering each question still
//! open with one single answer (one option, one tick, a number at either
//! end of its range; never "not sure"). One walk always takes the answer
//! that leaves the path shortest so far, the other the one that makes it
//! longest. Greedy, so "about": a combination of ticks can open more than
//! any single tick, and a short-sighted choice can miss a longer way. The
//! walks read only which questions are asked ([`crate::engine::path_for`]),
//! so both together are cheap enough to run once per change of answers
//! (figures in docs/benchmarks.md).

use crate::answer::{Answer, Answers};
use crate::engine::{Applicability, asked, path_for};
use crate::model::{Question, QuestionKind};
use crate::questionnaire::Questionnaire;

/// The number of questions on the path once every question is answered:
/// the shortest and the longest way the walks found. Both count the
/// questions answered already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathLength {
    pub fewest: usize,
    pub most: usize,
}

impl PathLength {
    /// Whether the length is known: no answer still to give can change it.
    pub fn is_exact(self) -> bool {
        self.fewest == self.most
    }
}

/// The range of lengths the path can still take, from these answers.
pub fn path_length(questionnaire: &Questionnaire, answers: &Answers) -> PathLength {
    let given: Vec<Option<Answer>> = questionnaire
        .questions()
        .iter()
        .map(|question| answers.get(&question.id).cloned())
        .collect();
    let fewest = walk(questionnaire, given.clone(), Aim::Fewest);
    let most = walk(questionnaire, given, Aim::Most);
    PathLength {
        fewest: fewest.min(most),
        most: most.max(fewest),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aim {
    Fewest,
    Most,
}

/// The length of the path once every open question has the answer that
/// suits `aim` best at the time it is asked.
fn walk(questionnaire: &Questionnaire, mut given: Vec<Option<Answer>>, aim: Aim) -> usize {
    let questions = questionnaire.questions();
    let mut path = path_for(questionnaire, borrowed(&given));
    let mut walked: Option<usize> = None;
    // Conditions look back only: an answer changes only what comes after
    // its question, so one pass in asking order reaches the end.
    loop {
        let next = asked(&path)
            .filter(|&p| walked.is_none_or(|w| p > w))
            .find(|&p| given[p].is_none());
        let Some(position) = next else {
            return asked(&path).count();
        };
        walked = Some(position);
        let question = &questions[position];
        // An optional question left out counts where it is asked, and
        // opens nothing.
        if question.optional {
            continue;
        }
        let mut best: Option<(usize, Vec<Applicability>, Answer)> = None;
        for candidate in single_answers(question) {
            given[position] = Some(candidate);
            let tried = path_for(questionnaire, borrowed(&given));
            let length = asked(&tried).count();
            let better = best.as_ref().is_none_or(|(known, ..)| match aim {
                Aim::Fewest => length < *known,
                Aim::Most => length > *known,
            });
            let candidate = given[position].take();
            if better && let Some(candidate) = candidate {
                best = Some((length, tried, candidate));
            }
        }
        if let Some((_, tried, answer)) = best {
            path = tried;
            given[position] = Some(answer);
        }
    }
}

fn borrowed(given: &[Option<Answer>]) -> Vec<Option<&Answer>> {
    given.iter().map(Option::as_ref).collect()
}

/// Each answer a walk tries: every option alone; for a number, the ends
/// of its range (so that a threshold falls between them); some text.
fn single_answers(question: &Question) -> Vec<Answer> {
    match question.kind {
        QuestionKind::YesNo | QuestionKind::SingleChoice => question
            .option_ids()
            .map(|id| Answer::Choice(id.to_owned()))
            .collect(),
        QuestionKind::MultiChoice => question
            .option_ids()
            .map(|id| Answer::Choices(vec![id.to_owned()]))
            .collect(),
        QuestionKind::Number => vec![
            Answer::Number(question.min.unwrap_or(0.0)),
            Answer::Number(question.max.unwrap_or(f64::MAX)),
        ],
        QuestionKind::Text => vec![Answer::Text(String::new())],
    }
}
