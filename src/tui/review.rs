//! The review's state: which question is selected; and what its keys do.
//! Which questions it lists is the core's decision
//! ([`aiact_core::Snapshot::review`]).

use std::ops::Range;

use aiact_core::{Assessment, Command};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::effect::Effect;
use super::layout::Recorded;
use super::open::Go;

#[derive(Debug, Default)]
pub struct ReviewState {
    /// The selected question, by position in the questionnaire.
    pub selected: usize,
    pub layout: Recorded<ReviewLayout>,
}

/// Where the review was drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewLayout {
    pub list: Rect,
    /// The first line drawn.
    pub offset: usize,
    /// Each question's position and its lines.
    pub rows: Vec<(usize, Range<usize>)>,
}

impl ReviewState {
    /// The question under a mouse position, as last drawn.
    fn question_at(&self, column: u16, row: u16) -> Option<usize> {
        self.layout.read(|layout| {
            if !layout.list.contains(Position::new(column, row)) {
                return None;
            }
            let line = layout.offset + usize::from(row - layout.list.y);
            layout
                .rows
                .iter()
                .find(|(_, range)| range.contains(&line))
                .map(|(position, _)| *position)
        })
    }

    pub fn update(&mut self, action: Action, assessment: &Assessment) -> Vec<Effect> {
        let rows = assessment.snapshot().review();
        let index = rows
            .iter()
            .position(|row| row.position == self.selected)
            .unwrap_or(0);
        // A page leaves a few lines of the last one in sight.
        let page = self
            .layout
            .read(|layout| usize::from(layout.list.height.saturating_sub(3)))
            .max(1);
        let mut select = |i: usize| {
            if let Some(row) = rows.get(i.min(rows.len().saturating_sub(1))) {
                self.selected = row.position;
            }
        };
        match action {
            Action::Up | Action::ScrollUp { .. } => select(index.saturating_sub(1)),
            Action::Down | Action::ScrollDown { .. } => select(index + 1),
            Action::PageUp => select(index.saturating_sub(page)),
            Action::PageDown => select(index + page),
            Action::Top => select(0),
            Action::Bottom => select(usize::MAX),
            Action::Click { column, row } => match self.question_at(column, row) {
                Some(position) if position == self.selected => {
                    return self.update(Action::Confirm, assessment);
                }
                Some(position) => self.selected = position,
                None => {}
            },
            Action::Confirm => {
                let questions = assessment.questionnaire().questions();
                if let Some(question) = questions.get(self.selected) {
                    return vec![Effect::Apply(Command::GoTo(question.id.clone()))];
                }
            }
            Action::Verdict => return vec![Effect::Go(Go::Verdict)],
            Action::Back => return vec![Effect::Go(Go::Question)],
            _ => {}
        }
        Vec::new()
    }
}
