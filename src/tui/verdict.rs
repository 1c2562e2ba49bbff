//! The verdict screen's state: how far the details are scrolled, which
//! answer of "What this result turns on" is selected, what was exported;
//! and what its keys do. The verdict itself is the snapshot's.

use std::ops::Range;
use std::path::PathBuf;

use aiact_core::{Assessment, Command};
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;

use super::action::Action;
use super::effect::Effect;
use super::layout::{Memo, Recorded};
use super::open::Go;

#[derive(Debug, Default)]
pub struct VerdictState {
    /// May run past the end while the length is not known yet; drawing
    /// and scrolling clamp it.
    pub scroll: u16,
    /// The answer of "What this result turns on" that Enter changes (an
    /// index into its items; drawing clamps it).
    pub selected: usize,
    /// The line Tab last stopped at (a section or an answer), for the next
    /// Tab: near the end the details cannot scroll that far.
    pub stop: Option<usize>,
    /// Files written by the last export.
    pub exported: Vec<PathBuf>,
    pub layout: Recorded<VerdictLayout>,
    /// The screen's lines, built once per verdict and width, not on every
    /// key that scrolls them.
    pub lines: Memo<VerdictKey, VerdictLines>,
}

/// What the verdict screen's lines depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerdictKey {
    /// The width of the screen's body.
    pub width: u16,
    /// The revision of the answers the verdict is from.
    pub revision: u64,
    /// How many files the last export wrote.
    pub exported: usize,
}

/// The verdict screen, as lines.
#[derive(Debug, Default)]
pub struct VerdictLines {
    pub pyramid: Vec<Line<'static>>,
    /// Beside the pyramid on wide screens; empty when it opens the details.
    pub headline: Vec<Line<'static>>,
    /// The details that scroll.
    pub details: Vec<Line<'static>>,
    /// Where the sections of the details start.
    pub sections: Vec<usize>,
    /// The answers the result turns on, in the details.
    pub items: Vec<ItemLines>,
}

/// An answer of "What this result turns on", as drawn in the details.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemLines {
    /// The question's position in the questionnaire.
    pub question: usize,
    /// All its lines.
    pub lines: Range<usize>,
    /// The lines of the question itself, which the selection marks.
    pub heading: Range<usize>,
}

/// Where the verdict was drawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerdictLayout {
    /// Lines a page scrolls.
    pub page: u16,
    /// How far the details scroll before their last line shows.
    pub max_scroll: u16,
    /// Where the sections start (findings, obligations, open points...),
    /// as scroll positions.
    pub sections: Vec<u16>,
    /// The details' area and the first line drawn in it.
    pub details: Rect,
    pub offset: usize,
    pub items: Vec<ItemLines>,
}

impl VerdictLayout {
    /// Whether the first line of an item shows.
    fn shows(&self, item: &ItemLines) -> bool {
        let end = self.offset + usize::from(self.details.height);
        (self.offset..end).contains(&item.lines.start)
    }

    /// The item under a mouse position.
    fn item_at(&self, column: u16, row: u16) -> Option<usize> {
        if !self.details.contains(Position::new(column, row)) {
            return None;
        }
        let line = self.offset + usize::from(row - self.details.y);
        self.items
            .iter()
            .position(|item| item.lines.contains(&line))
    }

    /// Where Tab stops, in order: section headings (`None`) and answers
    /// the result turns on (their index).
    fn stops(&self) -> Vec<(usize, Option<usize>)> {
        let mut stops: Vec<(usize, Option<usize>)> = self
            .sections
            .iter()
            .map(|&start| (usize::from(start), None))
            .chain(
                self.items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| (item.lines.start, Some(i))),
            )
            .collect();
        stops.sort_unstable();
        stops
    }
}

impl VerdictState {
    /// The details from the top, the first answer selected.
    pub fn from_the_top(&mut self) {
        self.scroll = 0;
        self.selected = 0;
        self.stop = None;
    }

    pub fn update(&mut self, action: Action, assessment: &Assessment) -> Vec<Effect> {
        let layout = self.layout.get();
        let max = layout.max_scroll;
        let page = layout.page.max(1);
        let scroll = self.scroll.min(max);
        let to_line = |line: usize| u16::try_from(line).unwrap_or(u16::MAX).min(max);
        // As drawn: the answers may be fewer since the last change.
        let selected = self.selected.min(layout.items.len().saturating_sub(1));
        // Where Tab goes on from: the stop it last reached, while it shows.
        let here = self
            .stop
            .filter(|&line| {
                let end = usize::from(scroll) + usize::from(layout.details.height);
                (usize::from(scroll)..end.max(usize::from(scroll) + 1)).contains(&line)
            })
            .unwrap_or(usize::from(scroll));
        if !matches!(
            action,
            Action::NextSection | Action::PreviousSection | Action::Confirm | Action::Click { .. }
        ) {
            self.stop = None;
        }
        self.scroll = match action {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll.saturating_add(1).min(max),
            Action::ScrollUp { .. } => scroll.saturating_sub(3),
            Action::ScrollDown { .. } => scroll.saturating_add(3).min(max),
            Action::PageUp => scroll.saturating_sub(page),
            Action::PageDown => scroll.saturating_add(page).min(max),
            Action::Top => 0,
            Action::Bottom => max,
            Action::NextSection => match layout.stops().into_iter().find(|&(at, _)| at > here) {
                Some((at, item)) => self.stop_at(at, item, to_line(at)),
                None => scroll,
            },
            Action::PreviousSection => {
                match layout.stops().into_iter().rev().find(|&(at, _)| at < here) {
                    Some((at, item)) => self.stop_at(at, item, to_line(at)),
                    None => 0,
                }
            }
            Action::Confirm => {
                let Some(item) = layout.items.get(selected) else {
                    return Vec::new();
                };
                if layout.shows(item) {
                    return change(item.question, assessment);
                }
                // Out of sight: Enter shows it first.
                self.stop = Some(item.lines.start);
                to_line(item.lines.start)
            }
            Action::Click { column, row } => {
                if let Some(clicked) = layout.item_at(column, row) {
                    if clicked == selected {
                        return change(layout.items[clicked].question, assessment);
                    }
                    self.selected = clicked;
                }
                scroll
            }
            Action::Export => return vec![Effect::Export],
            Action::LaunchQuestions => {
                return (assessment.launch_question())
                    .map(|question| Effect::Apply(Command::GoTo(question.to_owned())))
                    .into_iter()
                    .collect();
            }
            Action::Back => return vec![Effect::GoHome],
            Action::Review => return vec![Effect::Go(Go::Review { select: 0 })],
            Action::Previous => {
                // Unfinished, back means on to what is still open: the
                // first question the verdict needs; finished, the last
                // question.
                let first_missing = assessment
                    .snapshot()
                    .missing()
                    .first()
                    .and_then(|&position| assessment.questionnaire().questions().get(position));
                let command = match first_missing {
                    Some(question) => Command::GoTo(question.id.clone()),
                    None => Command::Back,
                };
                return vec![Effect::Apply(command)];
            }
            _ => self.scroll,
        };
        Vec::new()
    }

    /// Tab reached a stop: an answer there is selected.
    fn stop_at(&mut self, line: usize, item: Option<usize>, scroll: u16) -> u16 {
        self.stop = Some(line);
        if let Some(item) = item {
            self.selected = item;
        }
        scroll
    }
}

/// Opens a question to change its answer as the review does: once
/// answered, the review shows again with it selected.
fn change(position: usize, assessment: &Assessment) -> Vec<Effect> {
    match assessment.questionnaire().questions().get(position) {
        Some(question) => vec![
            Effect::Go(Go::Review { select: position }),
            Effect::Apply(Command::GoTo(question.id.clone())),
        ],
        None => Vec::new(),
    }
}
