//! One assessment being worked on: the questionnaire, the answers and notes,
//! the question the user is on, and what follows from them (a
//! [`Snapshot`], worked out once per change).
//!
//! It is the one owner of the answers. Every change is a [`Command`] given
//! to [`Assessment::apply`], which checks it once, evaluates once and says
//! what changed ([`Change`]); storage saves that change, the screens and the
//! line mode show it. So they cannot disagree about an answer. Pure: no I/O.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use jiff::civil::Date;

use crate::answer::{AnswerProblem, AnswerValue, Answers};
use crate::engine::{self, Applicability, Evaluation, Progress};
use crate::model::Question;
use crate::path_length::{PathLength, path_length};
use crate::questionnaire::Questionnaire;
use crate::turns_on::{DecisiveAnswer, decisive_answers};
use crate::verdict::{SettlingCheck, Verdict};

/// What the user asks of an assessment.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Records an answer. Given to the current question, it moves on to the
    /// next question that needs an answer (the verdict after the last).
    Answer {
        question: String,
        value: AnswerValue,
    },
    /// Leaves the current question unanswered and moves on; only an
    /// optional question can be skipped.
    Skip,
    /// Back to the previous question on the path; from the verdict, to the
    /// last question.
    Back,
    /// On to the next question on the path, answered or not, changing
    /// nothing; past the last one, to the first question still unanswered,
    /// or the verdict.
    Forward,
    /// To a question on the path (from the review), to change its answer.
    GoTo(String),
    /// The note on a question, answered or not; `None` or blank removes it.
    Note {
        question: String,
        text: Option<String>,
    },
}

/// What a command changed. Storage saves [`Change::Answered`] and
/// [`Change::Noted`]; the rest only moves the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// An answer was recorded for the question at this position.
    Answered {
        question: usize,
        /// The answer put questions on the path that need an answer and
        /// did not before: the walk goes on to them.
        opens_questions: bool,
    },
    /// The note on the question at this position changed.
    Noted { question: usize },
    /// The user is on another question (`None`: the verdict).
    Moved {
        from: Option<usize>,
        to: Option<usize>,
    },
    /// Nothing changed: back at the first question, a note as it was.
    Unchanged,
}

/// A question the review lists: on the path, or answered before and no
/// longer on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewRow {
    /// Its position in the questionnaire.
    pub position: usize,
    /// On the path: its answer counts.
    pub applies: bool,
}

/// What follows from the answers, worked out once per change: which
/// questions apply, how far the user is, what is missing, what the review
/// lists, and the verdict. What the verdict turns on and how long the path
/// can still get cost many evaluations each: they are worked out when
/// first asked for, at most once per change ([`Assessment::turns_on`],
/// [`Assessment::path_length`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    applicability: Vec<Applicability>,
    /// Per position: the question is on the path and answered.
    answered: Vec<bool>,
    /// Positions of the unanswered required questions on the path.
    missing: Vec<usize>,
    progress: Progress,
    section_ratio: f64,
    review: Vec<ReviewRow>,
    verdict: Verdict,
    /// Positions of the look-ahead's questions (for when a system still in
    /// development launches: not on today's path), in asking order.
    look_ahead: Vec<usize>,
    turns_on: OnceLock<Vec<DecisiveAnswer>>,
    path_length: OnceLock<PathLength>,
    /// The verdict to show, "not sure" answers settled (worked out when
    /// first asked for: [`Assessment::settled_verdict`]).
    settled: OnceLock<Verdict>,
}

impl Snapshot {
    fn of(questionnaire: &Questionnaire, answers: &Answers, today: Date) -> Self {
        let evaluation = Evaluation::new(questionnaire, answers);
        let questions = questionnaire.questions();
        let applicability: Vec<Applicability> = (0..questions.len())
            .map(|position| evaluation.applicability(position))
            .collect();
        let answered: Vec<bool> = (0..questions.len())
            .map(|position| evaluation.effective_answer(position).is_some())
            .collect();
        let missing = (0..questions.len())
            .filter(|&p| applicability[p].is_asked() && !answered[p] && !questions[p].optional)
            .collect();
        let review = questions
            .iter()
            .enumerate()
            .filter(|(position, question)| {
                applicability[*position].is_asked() || answers.get(&question.id).is_some()
            })
            .map(|(position, _)| ReviewRow {
                position,
                applies: applicability[position].is_asked(),
            })
            .collect();
        let verdict = Verdict::from_evaluation(&evaluation, today);
        let look_ahead = verdict
            .look_ahead
            .iter()
            .flat_map(|look| &look.questions)
            .filter_map(|info| questionnaire.question_position(&info.id))
            .collect();
        Self {
            progress: evaluation.progress(),
            section_ratio: evaluation.section_ratio(),
            verdict,
            look_ahead,
            applicability,
            answered,
            missing,
            review,
            turns_on: OnceLock::new(),
            path_length: OnceLock::new(),
            settled: OnceLock::new(),
        }
    }

    pub fn applicability(&self, position: usize) -> Applicability {
        self.applicability
            .get(position)
            .copied()
            .unwrap_or(Applicability::NotApplicable)
    }

    /// Positions of the questions on the path, in asking order.
    pub fn path(&self) -> impl Iterator<Item = usize> + '_ {
        engine::asked(&self.applicability)
    }

    /// Whether the question at `position` is on the path and answered.
    pub fn is_answered(&self, position: usize) -> bool {
        self.answered.get(position).copied().unwrap_or(false)
    }

    /// Positions of the questions the verdict still needs, in asking order.
    pub fn missing(&self) -> &[usize] {
        &self.missing
    }

    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }

    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// How far through the sections the first unanswered question is, from
    /// 0 to 1 (see [`Evaluation::section_ratio`]).
    pub fn section_ratio(&self) -> f64 {
        self.section_ratio
    }

    /// The questions the review lists, in asking order.
    pub fn review(&self) -> &[ReviewRow] {
        &self.review
    }

    /// The verdict on the answers so far.
    pub fn verdict(&self) -> &Verdict {
        &self.verdict
    }

    /// Positions of the questions asked for the look-ahead (a system still
    /// in development, for when it launches), in asking order; empty when
    /// the verdict offers none. They are not on today's path.
    pub fn look_ahead(&self) -> &[usize] {
        &self.look_ahead
    }

    /// The first unanswered question on the path after `position` (from the
    /// start for `None`).
    fn next_unanswered_after(&self, position: Option<usize>) -> Option<usize> {
        let from = position.map_or(0, |p| p + 1);
        self.path()
            .filter(|&p| p >= from)
            .find(|&p| !self.is_answered(p))
    }
}

/// An assessment being worked on. See the module documentation.
#[derive(Debug, Clone)]
pub struct Assessment {
    questionnaire: Arc<Questionnaire>,
    answers: Answers,
    notes: BTreeMap<String, String>,
    /// The question the user is on; `None`: past the last, at the verdict.
    current: Option<usize>,
    /// The date verdicts are given as of.
    today: Date,
    snapshot: Snapshot,
    /// Counts the snapshots: what is drawn from one can be kept until the
    /// next.
    revision: u64,
}

impl Assessment {
    /// Picks up answers and notes at the first question still unanswered
    /// (at the verdict if there is none).
    pub fn new(
        questionnaire: Arc<Questionnaire>,
        answers: Answers,
        notes: BTreeMap<String, String>,
        today: Date,
    ) -> Self {
        let snapshot = Snapshot::of(&questionnaire, &answers, today);
        let current = snapshot.next_unanswered_after(None);
        Self {
            questionnaire,
            answers,
            notes,
            current,
            today,
            snapshot,
            revision: 0,
        }
    }

    /// A fresh assessment, at its first question.
    pub fn start(questionnaire: Arc<Questionnaire>, today: Date) -> Self {
        Self::new(questionnaire, Answers::new(), BTreeMap::new(), today)
    }

    pub fn questionnaire(&self) -> &Questionnaire {
        &self.questionnaire
    }

    /// Every answer given, on the path or not.
    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    pub fn note(&self, question: &str) -> Option<&str> {
        self.notes.get(question).map(String::as_str)
    }

    /// Every note, by question id.
    pub fn notes(&self) -> &BTreeMap<String, String> {
        &self.notes
    }

    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// The verdict on the answers so far (the snapshot's).
    pub fn verdict(&self) -> &Verdict {
        &self.snapshot.verdict
    }

    /// What the verdict turns on: the answers that, changed alone, would
    /// change it ([`crate::turns_on`]). A few dozen evaluations, so worked
    /// out when first asked for and kept until the answers change.
    pub fn turns_on(&self) -> &[DecisiveAnswer] {
        self.snapshot.turns_on.get_or_init(|| {
            let evaluation = Evaluation::new(&self.questionnaire, &self.answers);
            decisive_answers(&evaluation, self.today)
        })
    }

    /// What the verdict turns on if it was worked out already (by
    /// [`Assessment::turns_on`]) since the answers last changed; never
    /// works it out.
    pub fn known_turns_on(&self) -> Option<&[DecisiveAnswer]> {
        self.snapshot.turns_on.get().map(Vec::as_slice)
    }

    /// The verdict to show: the snapshot's verdict is the engine's reading,
    /// worked out on every answer; this one also settles the "not sure"
    /// answers of a finished assessment (only the dates, provisional
    /// duties and findings some settling reaches: see
    /// [`Verdict::settled_from_evaluation`]). The same as the snapshot's
    /// when there is nothing to settle; else a few further evaluations,
    /// worked out when first asked for and kept until the answers change.
    pub fn settled_verdict(&self) -> &Verdict {
        if !self.needs_settling() {
            return &self.snapshot.verdict;
        }
        self.snapshot.settled.get_or_init(|| {
            let evaluation = Evaluation::new(&self.questionnaire, &self.answers);
            Verdict::settled_from_evaluation(&evaluation, self.today)
        })
    }

    /// The snapshot's verdict has "not sure" answers to settle.
    fn needs_settling(&self) -> bool {
        let verdict = &self.snapshot.verdict;
        verdict.complete && verdict.settled == SettlingCheck::NotChecked
    }

    /// The verdict with what it turns on, as the reports show it: the same
    /// as [`Verdict::compute_with_turns_on`] on these answers.
    pub fn verdict_with_turns_on(&self) -> Verdict {
        // Neither worked out yet: both from one evaluation.
        let settled = &self.snapshot.settled;
        if self.snapshot.turns_on.get().is_none()
            && self.needs_settling()
            && settled.get().is_none()
        {
            let evaluation = Evaluation::new(&self.questionnaire, &self.answers);
            let _ = settled.set(Verdict::settled_from_evaluation(&evaluation, self.today));
            let _ = (self.snapshot.turns_on).set(decisive_answers(&evaluation, self.today));
        }
        let mut verdict = self.settled_verdict().clone();
        verdict.turns_on = Some(self.turns_on().to_vec());
        verdict
    }

    /// How many questions the path will have in all, as a range
    /// ([`crate::path_length`]); worked out when first asked for and kept
    /// until the answers change.
    pub fn path_length(&self) -> PathLength {
        *self
            .snapshot
            .path_length
            .get_or_init(|| path_length(&self.questionnaire, &self.answers))
    }

    /// Changes with every new snapshot.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn today(&self) -> Date {
        self.today
    }

    /// Gives verdicts as of another date (the snapshot is worked out again).
    pub fn set_today(&mut self, today: Date) {
        if today != self.today {
            self.today = today;
            self.refresh();
        }
    }

    /// The position of the current question; `None` at the verdict.
    pub fn current_position(&self) -> Option<usize> {
        self.current
    }

    pub fn current(&self) -> Option<&Question> {
        self.current
            .and_then(|position| self.questionnaire.questions().get(position))
    }

    pub fn current_id(&self) -> Option<&str> {
        self.current().map(|question| question.id.as_str())
    }

    /// The question to go on with for when a system still in development
    /// launches (an id), while its verdict offers questions for the launch
    /// and one of them needs an answer ([`crate::outcome::LookAhead::next_question`]).
    pub fn launch_question(&self) -> Option<&str> {
        self.verdict().look_ahead.as_ref()?.next_question()
    }

    /// The current question's number among the questions for the launch
    /// (1 for the first), when it is one of them: they are off today's
    /// path and counted apart.
    pub fn launch_number(&self) -> Option<usize> {
        let current = self.current?;
        let look_ahead = &self.snapshot.look_ahead;
        look_ahead.iter().position(|&p| p == current).map(|i| i + 1)
    }

    /// Past the last question: the verdict shows.
    pub fn is_finished(&self) -> bool {
        self.current.is_none()
    }

    /// Carries out a command. A command that does not fit (an answer its
    /// question does not take, a skip of a required question, a question
    /// off the path) is refused and nothing changes.
    pub fn apply(&mut self, command: Command) -> Result<Change, AnswerProblem> {
        match command {
            Command::Answer { question, value } => self.answer(&question, &value),
            Command::Skip => self.skip(),
            Command::Back => Ok(self.back()),
            Command::Forward => Ok(self.forward()),
            Command::GoTo(question) => self.go_to(&question),
            Command::Note { question, text } => self.set_note(question, text),
        }
    }

    fn position(&self, question: &str) -> Result<usize, AnswerProblem> {
        self.questionnaire
            .question_position(question)
            .ok_or(AnswerProblem::UnknownQuestion)
    }

    fn refresh(&mut self) {
        self.snapshot = Snapshot::of(&self.questionnaire, &self.answers, self.today);
        self.revision += 1;
    }

    fn answer(&mut self, question: &str, value: &AnswerValue) -> Result<Change, AnswerProblem> {
        let position = self.position(question)?;
        self.answers
            .set(&self.questionnaire, question, value)
            .map_err(|error| error.problem)?;
        let missing_before = std::mem::take(&mut self.snapshot.missing);
        self.refresh();
        let opens_questions = self
            .snapshot
            .missing
            .iter()
            .any(|missing| !missing_before.contains(missing));
        if self.current == Some(position) {
            self.current = self.next_needing_answer(position);
        }
        Ok(Change::Answered {
            question: position,
            opens_questions,
        })
    }

    fn skip(&mut self) -> Result<Change, AnswerProblem> {
        let Some(question) = self.current() else {
            return Ok(Change::Unchanged);
        };
        if !question.optional {
            return Err(AnswerProblem::Required);
        }
        let from = self.current;
        self.current = from.and_then(|position| self.next_needing_answer(position));
        Ok(self.moved_from(from))
    }

    fn back(&mut self) -> Change {
        let from = self.current;
        let limit = from.unwrap_or(self.questionnaire.questions().len());
        let look_ahead = &self.snapshot.look_ahead;
        // In the look-ahead: its previous question; from its first, the
        // last question on today's path.
        let previous = match from.filter(|at| look_ahead.contains(at)) {
            Some(at) => (look_ahead.iter().copied().rfind(|&p| p < at))
                .or_else(|| self.snapshot.path().last()),
            None => self.snapshot.path().filter(|&p| p < limit).last(),
        };
        if let Some(previous) = previous {
            self.current = Some(previous);
        }
        self.moved_from(from)
    }

    fn forward(&mut self) -> Change {
        let Some(from) = self.current else {
            return Change::Unchanged;
        };
        self.current = if self.snapshot.look_ahead.contains(&from) {
            // In the look-ahead: its next question, else the verdict.
            self.snapshot.look_ahead.iter().copied().find(|&p| p > from)
        } else {
            self.snapshot
                .path()
                .find(|&p| p > from)
                .or_else(|| self.snapshot.next_unanswered_after(None))
        };
        self.moved_from(Some(from))
    }

    fn go_to(&mut self, question: &str) -> Result<Change, AnswerProblem> {
        let position = self.position(question)?;
        let asked = self.snapshot.applicability(position).is_asked()
            || self.snapshot.look_ahead.contains(&position);
        if !asked {
            return Err(AnswerProblem::NotOnPath);
        }
        let from = self.current;
        self.current = Some(position);
        Ok(self.moved_from(from))
    }

    fn set_note(
        &mut self,
        question: String,
        text: Option<String>,
    ) -> Result<Change, AnswerProblem> {
        let position = self.position(&question)?;
        let text = text.filter(|text| !text.trim().is_empty());
        if self.notes.get(&question) == text.as_ref() {
            return Ok(Change::Unchanged);
        }
        match text {
            Some(text) => self.notes.insert(question, text),
            None => self.notes.remove(&question),
        };
        Ok(Change::Noted { question: position })
    }

    fn moved_from(&self, from: Option<usize>) -> Change {
        if from == self.current {
            Change::Unchanged
        } else {
            Change::Moved {
                from,
                to: self.current,
            }
        }
    }

    /// After answering or skipping the question at `after`: the next
    /// unanswered question on the path after it, else the first required
    /// one still unanswered anywhere, else none (the verdict). Skipped
    /// optional questions are not forced again.
    fn next_needing_answer(&self, after: usize) -> Option<usize> {
        // In the look-ahead: its next question without an answer, then the
        // verdict.
        if self.snapshot.look_ahead.contains(&after) {
            let questions = self.questionnaire.questions();
            return self
                .snapshot
                .look_ahead
                .iter()
                .copied()
                .filter(|&p| p > after)
                .find(|&p| self.answers.get(&questions[p].id).is_none());
        }
        self.snapshot
            .next_unanswered_after(Some(after))
            .or_else(|| self.snapshot.missing.first().copied())
    }
}
