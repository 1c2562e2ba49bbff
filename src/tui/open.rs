//! An open assessment: its document and the state of its three views
//! (question, review, verdict). Keys go to the view that shows; commands
//! go to the document through the app ([`Effect::Apply`]), and come back
//! here as what they changed ([`Open::applied`]).

use aiact_core::{Change, Command};

use super::action::Action;
use super::effect::Effect;
use super::keymap::{self, Context};
use super::overlay::Overlay;
use super::question::{QuestionState, SIDE_BY_SIDE};
use super::review::ReviewState;
use super::verdict::VerdictState;
use super::workspace::Document;
use crate::storage::{Applied, StorageError};
use crate::strings::{self, tui as say};

/// Which view of an open assessment shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Question,
    Review,
    Verdict,
}

/// A move between the views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Go {
    /// The current question, or the verdict past the last.
    Question,
    /// The review, with this question (by position) selected.
    Review {
        select: usize,
    },
    Verdict,
}

pub struct Open {
    pub document: Document,
    pub view: View,
    pub question: QuestionState,
    pub review: ReviewState,
    pub verdict: VerdictState,
}

impl Open {
    /// At the first question still unanswered, or the verdict. The
    /// explanation is open from the start where it fits beside the
    /// question.
    pub fn new(document: Document, width: u16) -> Self {
        let mut open = Self {
            document,
            view: View::Question,
            question: QuestionState::default(),
            review: ReviewState::default(),
            verdict: VerdictState::default(),
        };
        open.question.explanation_open = width >= SIDE_BY_SIDE;
        open.go(Go::Question);
        open
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let assessment = self.document.assessment();
        match self.view {
            View::Question => {
                let read_only = self.document.read_only();
                self.question.update(action, assessment, read_only)
            }
            View::Review => self.review.update(action, assessment),
            View::Verdict => self.verdict.update(action, assessment),
        }
    }

    /// What to read on opening the document, if anything: it is open
    /// read-only, or the questionnaire changed under it.
    pub fn notice(&self) -> Option<Overlay> {
        let document = &self.document;
        let mut lines = Vec::new();
        if let Some(holder) = document.locked_by {
            let back = keymap::keys_for(Action::Back, Context::Question);
            lines.push(say::open_read_only(back));
            if let Some(pid) = holder {
                lines.push(say::other_process(pid));
            }
        }
        if let Some(migration) = document.migration() {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            let versions = if migration.same_version_other_content {
                say::changed_in_content(&migration.to_version)
            } else {
                say::new_version(&migration.from_version, &migration.to_version)
            };
            lines.push(say::questionnaire_changed(versions));
            if !migration.dropped.is_empty() {
                lines.push(String::new());
                lines.push(say::set_aside(migration.dropped.len()));
                for dropped in &migration.dropped {
                    let question = document
                        .questionnaire()
                        .question(&dropped.question)
                        .map_or(dropped.question.as_str(), |q| q.text.as_str());
                    lines.push(say::set_aside_answer(
                        question,
                        &dropped.problem,
                        dropped.note.as_deref(),
                    ));
                }
            }
            if let Some(previous) = &migration.previous_verdict {
                lines.push(String::new());
                lines.push(say::result_before(&previous.tier.label));
            }
        }
        (!lines.is_empty()).then(|| Overlay::Notice {
            title: if document.locked_by.is_some() {
                say::READ_ONLY_TITLE.to_owned()
            } else {
                say::UPDATED_TITLE.to_owned()
            },
            lines,
            scroll: 0,
        })
    }

    /// What leaving asks first: a note being written is saved.
    pub fn before_leaving(&mut self) -> Vec<Effect> {
        if self.view == View::Question && self.question.note_editor.is_some() {
            self.update(Action::Confirm)
        } else {
            Vec::new()
        }
    }

    pub fn go(&mut self, go: Go) {
        match go {
            Go::Question => {
                self.reset_question();
                self.view = if self.document.assessment().is_finished() {
                    self.verdict.from_the_top();
                    View::Verdict
                } else {
                    View::Question
                };
            }
            Go::Review { select } => {
                self.review.selected = select;
                self.view = View::Review;
            }
            Go::Verdict => {
                self.verdict.from_the_top();
                self.view = View::Verdict;
            }
        }
    }

    /// The question screen for the current question, showing its answer.
    fn reset_question(&mut self) {
        let explanation_open = self.question.explanation_open;
        let assessment = self.document.assessment();
        self.question = match assessment.current() {
            Some(question) => QuestionState::for_question(
                question,
                assessment.answers().get(&question.id),
                explanation_open,
            ),
            None => QuestionState {
                explanation_open,
                ..QuestionState::default()
            },
        };
    }

    /// How a command given by this screen went: where to go next, and
    /// what to say.
    pub fn applied(
        &mut self,
        command: &Command,
        outcome: Result<Applied, StorageError>,
    ) -> Vec<Effect> {
        let applied = match outcome {
            Ok(applied) => applied,
            Err(StorageError::ReadOnly { .. }) => {
                let what = match command {
                    Command::Note { .. } => "notes",
                    _ => "answers",
                };
                return vec![Effect::error(say::answers_read_only(what))];
            }
            Err(StorageError::Answer { error, .. }) => {
                return vec![Effect::info(match error.problem {
                    aiact_core::AnswerProblem::NotOnPath => say::NO_LONGER_APPLIES.to_owned(),
                    problem => strings::sentence(&problem.to_string()),
                })];
            }
            Err(error) => return vec![Effect::error(error.to_string())],
        };
        // The change stands, in memory, even when saving it failed.
        let mut effects = match applied.saved {
            Ok(()) => Vec::new(),
            Err(error) => vec![Effect::error(say::not_saved_yet(error))],
        };
        match (command, applied.change) {
            (Command::Note { text, .. }, _) => {
                self.question.note_editor = None;
                if effects.is_empty() {
                    effects.push(Effect::info(match text {
                        Some(_) => strings::NOTE_SAVED,
                        None => strings::NOTE_REMOVED,
                    }));
                }
            }
            (
                Command::Answer { .. },
                Change::Answered {
                    question,
                    opens_questions,
                },
            ) => {
                self.after_answer(question, opens_questions);
            }
            (
                Command::Skip,
                Change::Moved {
                    from: Some(skipped),
                    ..
                },
            ) => {
                self.after_answer(skipped, false);
            }
            (Command::Back, Change::Unchanged) if self.view == View::Question => {
                effects.push(Effect::info(strings::FIRST_QUESTION));
            }
            (Command::GoTo(_), _) if self.view == View::Review => {
                self.go(Go::Question);
                self.question.from_review = true;
            }
            (Command::Back | Command::Forward | Command::GoTo(_), _) => self.go(Go::Question),
            (Command::Answer { .. } | Command::Skip, _) => {}
        }
        effects
    }

    /// After the question at `position` was answered or skipped: back to
    /// the review if it was opened from there and nothing new is open;
    /// else on to the next question, or the verdict after the last.
    fn after_answer(&mut self, position: usize, opens_questions: bool) {
        if self.question.from_review && !opens_questions {
            self.reset_question();
            self.go(Go::Review { select: position });
        } else {
            self.go(Go::Question);
        }
    }
}
