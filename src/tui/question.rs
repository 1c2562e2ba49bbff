//! The question screen's state: the highlighted row, ticked options, the
//! typed answer, the note being written, the explanation panel; and what
//! its keys do.

use std::ops::Range;

use aiact_core::model::{NOT_SURE, Question, QuestionKind};
use aiact_core::{Answer, AnswerValue, Assessment, Command};
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;

use super::action::Action;
use super::effect::Effect;
use super::input::TextField;
use super::layout::{Memo, Recorded};
use super::open::Go;
use super::question_rows::{self, Row};
use crate::strings::{self, tui as say};

/// Wide enough to show the explanation beside the question rather than below.
pub const SIDE_BY_SIDE: u16 = 100;

/// The question screen's own state; made afresh when the question changes.
#[derive(Debug, Default)]
pub struct QuestionState {
    /// The highlighted row.
    pub cursor: usize,
    /// Ticked options of a multiple-choice question, by id.
    pub ticked: Vec<String>,
    /// The typed answer of a number or text question.
    pub field: TextField,
    /// Whether keys type into the field (else they are commands).
    pub typing: bool,
    /// The note being written, while the note editor is open.
    pub note_editor: Option<TextField>,
    pub explanation_open: bool,
    /// May run past the end while the panel's length is not known yet;
    /// drawing and scrolling clamp it.
    pub explanation_scroll: u16,
    /// Opened from the review to change its answer: once answered, back
    /// to the review (unless the new answer opens questions that were not
    /// open before).
    pub from_review: bool,
    pub layout: Recorded<QuestionLayout>,
    /// The explanation panel's lines, wrapped once per question,
    /// highlighted row and width, not on every key typed into the answer.
    pub explanation: Memo<ExplanationKey, Vec<Line<'static>>>,
}

/// What the explanation panel's lines depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExplanationKey {
    pub question: usize,
    pub cursor: usize,
    pub width: u16,
}

/// Where the question screen was drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionLayout {
    /// The options, below the question.
    pub document: Rect,
    /// The first line of the options drawn.
    pub offset: usize,
    /// The lines of each option row, counted from the first option.
    pub rows: Vec<Range<usize>>,
    /// The explanation panel, if open.
    pub explanation: Option<Rect>,
    /// How far the explanation scrolls before its last line shows at the
    /// bottom.
    pub explanation_max: u16,
    /// Lines a page of the explanation scrolls.
    pub page: u16,
}

impl QuestionState {
    /// The state for a question, showing its current answer.
    pub fn for_question(
        question: &Question,
        answer: Option<&Answer>,
        explanation_open: bool,
    ) -> Self {
        let rows = question_rows::rows(question);
        let row_of = |id: &str| rows.iter().position(|row| row.id() == Some(id));
        let mut state = Self {
            explanation_open,
            typing: true,
            ..Self::default()
        };
        match answer {
            Some(Answer::Choice(id)) => state.cursor = row_of(id).unwrap_or(0),
            Some(Answer::Choices(ids)) => {
                state.ticked.clone_from(ids);
                state.cursor = ids.first().and_then(|id| row_of(id)).unwrap_or(0);
            }
            Some(Answer::NotSure) => state.cursor = row_of(NOT_SURE).unwrap_or(0),
            Some(Answer::Number(number)) => {
                state.field = TextField::with_text(&aiact_core::answer::format_number(*number));
            }
            Some(Answer::Text(text)) => state.field = TextField::with_text(text),
            None => {}
        }
        state
    }

    /// Whether keys type into the answer field now.
    pub fn is_typing(&self, question: &Question) -> bool {
        self.typing && question_rows::rows(question).get(self.cursor) == Some(&Row::Field)
    }

    /// The option row under a mouse position, as last drawn.
    fn row_at(&self, column: u16, row: u16) -> Option<usize> {
        self.layout.read(|layout| {
            if !layout.document.contains(Position::new(column, row)) {
                return None;
            }
            let line = layout.offset + usize::from(row - layout.document.y);
            layout.rows.iter().position(|range| range.contains(&line))
        })
    }

    fn scroll_explanation(&mut self, down: bool, by: u16) {
        let max = self.layout.read(|layout| layout.explanation_max);
        let scroll = self.explanation_scroll.min(max);
        self.explanation_scroll = if down {
            scroll.saturating_add(by).min(max)
        } else {
            scroll.saturating_sub(by)
        };
    }

    pub fn update(
        &mut self,
        action: Action,
        assessment: &Assessment,
        read_only: bool,
    ) -> Vec<Effect> {
        if self.note_editor.is_some() {
            return self.update_note(action, assessment);
        }
        let Some(question) = assessment.current() else {
            // Past the last question: the verdict.
            return vec![Effect::Go(Go::Verdict)];
        };
        let rows = question_rows::rows(question);
        let last = rows.len().saturating_sub(1);
        if matches!(
            action,
            Action::Previous | Action::Next | Action::Review | Action::Verdict | Action::Back
        ) {
            self.from_review = false;
        }
        let multi = question.kind == QuestionKind::MultiChoice;
        match action {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(last),
            Action::Top => self.cursor = 0,
            Action::Bottom => self.cursor = last,
            Action::Pick(number) => {
                let row = usize::from(number) - 1;
                if row > last {
                    return vec![Effect::info(say::no_option(number, rows.len()))];
                }
                self.cursor = row;
                if multi {
                    self.toggle(question, &rows);
                }
            }
            Action::Toggle if multi => self.toggle(question, &rows),
            Action::Toggle | Action::Confirm => return self.answer(question),
            Action::ToggleExplanation => {
                self.explanation_open = !self.explanation_open;
                self.explanation_scroll = 0;
            }
            Action::PageUp | Action::PageDown => {
                let page = self.layout.read(|layout| layout.page).max(1);
                if self.explanation_open {
                    self.scroll_explanation(action == Action::PageDown, page);
                } else {
                    // Its length shows once it is drawn: drawing clamps.
                    self.explanation_open = true;
                    if action == Action::PageDown {
                        self.explanation_scroll = self.explanation_scroll.saturating_add(page);
                    } else {
                        self.scroll_explanation(false, page);
                    }
                }
            }
            Action::ScrollUp { column, row } | Action::ScrollDown { column, row } => {
                let down = matches!(action, Action::ScrollDown { .. });
                let over_explanation = self.layout.read(|layout| {
                    layout
                        .explanation
                        .is_some_and(|panel| panel.contains(Position::new(column, row)))
                });
                if over_explanation {
                    self.scroll_explanation(down, 3);
                } else if down {
                    self.cursor = (self.cursor + 1).min(last);
                } else {
                    self.cursor = self.cursor.saturating_sub(1);
                }
            }
            Action::Click { column, row } => {
                if let Some(clicked) = self.row_at(column, row) {
                    self.cursor = clicked;
                    if multi {
                        self.toggle(question, &rows);
                    }
                }
            }
            Action::EditField if rows.contains(&Row::Field) => {
                self.cursor = rows.iter().position(|row| *row == Row::Field).unwrap_or(0);
                self.typing = true;
            }
            Action::StopTyping => self.typing = false,
            Action::EditNote if read_only => {
                return vec![Effect::error(say::NOTES_READ_ONLY)];
            }
            Action::EditNote => {
                let note = assessment.note(&question.id).unwrap_or_default();
                self.note_editor = Some(TextField::with_text(note));
            }
            Action::Previous => return vec![Effect::Apply(Command::Back)],
            Action::Next => return vec![Effect::Apply(Command::Forward)],
            Action::Skip if question.optional => return vec![Effect::Apply(Command::Skip)],
            Action::Skip => {
                return vec![Effect::info(say::ONLY_OPTIONAL_SKIPPED)];
            }
            Action::Review => {
                let select = assessment.current_position().unwrap_or(0);
                return vec![Effect::Go(Go::Review { select })];
            }
            Action::Verdict => return vec![Effect::Go(Go::Verdict)],
            Action::Back => return vec![Effect::GoHome],
            Action::Insert(_)
            | Action::DeleteBack
            | Action::DeleteForward
            | Action::CursorLeft
            | Action::CursorRight
            | Action::CursorHome
            | Action::CursorEnd
            | Action::ClearField => {
                self.field.edit(action);
            }
            _ => {}
        }
        Vec::new()
    }

    fn update_note(&mut self, action: Action, assessment: &Assessment) -> Vec<Effect> {
        let Some(editor) = &mut self.note_editor else {
            return Vec::new();
        };
        match action {
            Action::Back => self.note_editor = None,
            Action::Confirm => {
                if let Some(question) = assessment.current_id() {
                    return vec![Effect::Apply(Command::Note {
                        question: question.to_owned(),
                        text: editor.value().map(str::to_owned),
                    })];
                }
            }
            other => {
                editor.edit(other);
            }
        }
        Vec::new()
    }

    /// Answers the question with what the screen shows chosen; Enter on an
    /// empty optional field leaves it unanswered.
    fn answer(&self, question: &Question) -> Vec<Effect> {
        if question.optional && !question.kind.is_choice() && self.field.value().is_none() {
            return vec![Effect::Apply(Command::Skip)];
        }
        match answer_value(question, self) {
            Ok(value) => vec![Effect::Apply(Command::Answer {
                question: question.id.clone(),
                value,
            })],
            // An answer that is not one yet is the user's to fix: say why.
            Err(problem) => vec![Effect::info(problem)],
        }
    }

    /// Ticks or unticks the highlighted option of a multiple-choice
    /// question, keeping exclusive options ("none of these", "not sure")
    /// alone.
    fn toggle(&mut self, question: &Question, rows: &[Row<'_>]) {
        let Some(id) = rows.get(self.cursor).and_then(Row::id) else {
            return;
        };
        if let Some(at) = self.ticked.iter().position(|ticked| ticked == id) {
            self.ticked.remove(at);
            return;
        }
        let exclusive =
            |id: &str| id == NOT_SURE || question.option(id).is_some_and(|o| o.exclusive);
        if exclusive(id) {
            self.ticked.clear();
        } else {
            self.ticked.retain(|ticked| !exclusive(ticked));
        }
        self.ticked.push(id.to_owned());
    }
}

/// The answer the screen shows chosen, or why there is none yet.
fn answer_value(question: &Question, state: &QuestionState) -> Result<AnswerValue, String> {
    let rows = question_rows::rows(question);
    let highlighted = rows.get(state.cursor).copied();
    match (question.kind, highlighted) {
        (_, Some(Row::NotSure)) if question.kind != QuestionKind::MultiChoice => {
            Ok(AnswerValue::Text(NOT_SURE.to_owned()))
        }
        (QuestionKind::MultiChoice, _) => {
            if state.ticked.iter().any(|id| id == NOT_SURE) {
                return Ok(AnswerValue::Text(NOT_SURE.to_owned()));
            }
            if !state.ticked.is_empty() {
                return Ok(AnswerValue::List(state.ticked.clone()));
            }
            // Nothing ticked: Enter does not guess. On "Not sure" it means that.
            match highlighted {
                Some(Row::NotSure) => Ok(AnswerValue::Text(NOT_SURE.to_owned())),
                _ => Err(say::NOTHING_TICKED.to_owned()),
            }
        }
        (_, Some(Row::Option { id, .. })) => Ok(AnswerValue::Text(id.to_owned())),
        (QuestionKind::Number, _) => aiact_core::answer::parse_number(state.field.text())
            .map(AnswerValue::Number)
            .map_err(|problem| strings::sentence(&problem.to_string())),
        (QuestionKind::Text, _) => state
            .field
            .value()
            .map(|text| AnswerValue::Text(text.to_owned()))
            .ok_or_else(|| say::TYPE_ANSWER.to_owned()),
        _ => Err(say::CHOOSE_FIRST.to_owned()),
    }
}
