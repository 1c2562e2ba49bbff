//! Walking a questionnaire: the current question, answering, going back,
//! jumping to an earlier question to change its answer. Pure state, no I/O.

use crate::answer::{AnswerError, AnswerValue, Answers};
use crate::engine::{Evaluation, Progress};
use crate::model::Question;
use crate::questionnaire::Questionnaire;

/// Answers plus the question the user is on. `current == None` means the
/// path is finished and the verdict is showing.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    answers: Answers,
    current: Option<String>,
}

impl Session {
    /// A fresh assessment, at its first question.
    pub fn new(questionnaire: &Questionnaire) -> Self {
        Self::resume(questionnaire, Answers::new())
    }

    /// Picks up saved answers at the first question still unanswered (at the
    /// verdict if there is none).
    pub fn resume(questionnaire: &Questionnaire, answers: Answers) -> Self {
        let current = Evaluation::new(questionnaire, &answers)
            .next_unanswered()
            .map(|question| question.id.clone());
        Self { answers, current }
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn current_id(&self) -> Option<&str> {
        self.current.as_deref()
    }

    pub fn current<'q>(&self, questionnaire: &'q Questionnaire) -> Option<&'q Question> {
        self.current
            .as_deref()
            .and_then(|id| questionnaire.question(id))
    }

    pub fn is_finished(&self) -> bool {
        self.current.is_none()
    }

    pub fn evaluate<'a>(&'a self, questionnaire: &'a Questionnaire) -> Evaluation<'a> {
        Evaluation::new(questionnaire, &self.answers)
    }

    pub fn progress(&self, questionnaire: &Questionnaire) -> Progress {
        self.evaluate(questionnaire).progress()
    }

    /// Answers the current question and moves on to the next question on
    /// the path that still needs an answer. An answer that does not fit is
    /// refused and nothing changes.
    pub fn answer(
        &mut self,
        questionnaire: &Questionnaire,
        value: &AnswerValue,
    ) -> Result<(), AnswerError> {
        let Some(current) = self.current.clone() else {
            return Ok(());
        };
        self.answers.set(questionnaire, &current, value)?;
        self.current = self.next_needing_answer(questionnaire, &current);
        Ok(())
    }

    /// Leaves an optional question unanswered and moves on.
    pub fn skip(&mut self, questionnaire: &Questionnaire) {
        if let Some(current) = self.current.clone() {
            self.current = self.next_needing_answer(questionnaire, &current);
        }
    }

    /// Clears the answer to the current question (it stays the current one).
    pub fn clear_current(&mut self) {
        if let Some(current) = &self.current {
            self.answers.remove(current);
        }
    }

    /// Back to the previous question on the path; from the verdict, to the
    /// last question. At the first question nothing changes.
    pub fn back(&mut self, questionnaire: &Questionnaire) {
        let evaluation = Evaluation::new(questionnaire, &self.answers);
        let limit = self
            .current
            .as_deref()
            .and_then(|id| questionnaire.question_position(id))
            .unwrap_or(questionnaire.questions().len());
        if let Some(previous) = evaluation.path().filter(|&p| p < limit).last() {
            self.current = Some(questionnaire.questions()[previous].id.clone());
        }
    }

    /// Forward to the next question on the path, answered or not, without
    /// changing anything; past the last one, to the verdict if it is complete.
    pub fn forward(&mut self, questionnaire: &Questionnaire) {
        let Some(current) = self.current.as_deref() else {
            return;
        };
        let evaluation = Evaluation::new(questionnaire, &self.answers);
        let position = questionnaire.question_position(current);
        let next = evaluation
            .path()
            .find(|&p| position.is_none_or(|current| p > current))
            .map(|p| questionnaire.questions()[p].id.clone());
        self.current = match next {
            Some(id) => Some(id),
            None => evaluation.next_unanswered().map(|q| q.id.clone()),
        };
    }

    /// Jumps to a question on the path (from the review), to change its
    /// answer. Returns false, changing nothing, if the question is not on the path.
    pub fn go_to(&mut self, questionnaire: &Questionnaire, id: &str) -> bool {
        let evaluation = Evaluation::new(questionnaire, &self.answers);
        match questionnaire.question_position(id) {
            Some(position) if evaluation.applicability(position).is_asked() => {
                self.current = Some(id.to_owned());
                true
            }
            _ => false,
        }
    }

    /// After answering `after`: the next unanswered question on the path
    /// after it, else the first required one still unanswered anywhere, else
    /// none (verdict). Skipped optional questions are not forced again.
    fn next_needing_answer(&self, questionnaire: &Questionnaire, after: &str) -> Option<String> {
        let evaluation = Evaluation::new(questionnaire, &self.answers);
        let position = questionnaire.question_position(after);
        evaluation
            .next_unanswered_after(position)
            .or_else(|| evaluation.missing().first().copied())
            .map(|question| question.id.clone())
    }
}
