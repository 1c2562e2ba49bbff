//! The verdict screen's state: how far the details are scrolled, what was
//! exported; and what its keys do. The verdict itself is the snapshot's.

use std::path::PathBuf;

use aiact_core::{Assessment, Command};
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
}

impl VerdictState {
    pub fn update(&mut self, action: Action, assessment: &Assessment) -> Vec<Effect> {
        let VerdictLayout {
            page,
            max_scroll: max,
            sections,
        } = self.layout.get();
        let page = page.max(1);
        let scroll = self.scroll.min(max);
        self.scroll = match action {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll.saturating_add(1).min(max),
            Action::ScrollUp { .. } => scroll.saturating_sub(3),
            Action::ScrollDown { .. } => scroll.saturating_add(3).min(max),
            Action::PageUp => scroll.saturating_sub(page),
            Action::PageDown => scroll.saturating_add(page).min(max),
            Action::Top => 0,
            Action::Bottom => max,
            Action::NextSection => sections
                .iter()
                .find(|&&start| start > scroll)
                .map_or(scroll, |&next| next.min(max)),
            Action::PreviousSection => sections
                .iter()
                .rev()
                .find(|&&start| start < scroll)
                .copied()
                .unwrap_or(0),
            Action::Export => return vec![Effect::Export],
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
}
