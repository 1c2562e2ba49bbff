//! What is drawn over a screen and takes the keys while it is open: the
//! key help, a form, a confirmation, a notice.

use std::path::PathBuf;

use ratatui::text::Line;

use super::action::Action;
use super::effect::Effect;
use super::form::Form;
use super::keymap::Context;
use super::layout::Memo;
use crate::report::compare::Compared;

/// Lines a page key scrolls.
const PAGE: u16 = 10;

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    KeyHelp {
        context: Context,
        scroll: u16,
        /// What it was opened over (the comparison), shown again on closing.
        under: Option<Box<Overlay>>,
    },
    Form(Form),
    ConfirmDelete {
        path: PathBuf,
        name: String,
    },
    /// Something to read before going on: an assessment opened read-only,
    /// or brought up to a new questionnaire.
    Notice {
        title: String,
        lines: Vec<String>,
        scroll: u16,
    },
    /// Two assessments compared, worded for the width it is drawn at.
    Comparison {
        compared: Box<Compared>,
        /// Its lines, as last worded for the width drawn at.
        lines: Memo<u16, Vec<Line<'static>>>,
        scroll: u16,
    },
}

impl Overlay {
    /// `max_scroll`: how far the text drawn last could scroll.
    pub fn update(&mut self, action: Action, max_scroll: u16) -> Vec<Effect> {
        match self {
            Self::KeyHelp { scroll, under, .. } => {
                if action == Action::Back {
                    // Back to what the help was opened over, if anything.
                    return vec![
                        under
                            .take()
                            .map_or(Effect::CloseOverlay, |under| Effect::Show(*under)),
                    ];
                }
                scroll_by(scroll, action, max_scroll);
            }
            Self::ConfirmDelete { path, name } => match action {
                Action::Yes => {
                    return vec![
                        Effect::CloseOverlay,
                        Effect::Delete {
                            path: path.clone(),
                            name: name.clone(),
                        },
                    ];
                }
                Action::Back => return vec![Effect::CloseOverlay],
                _ => {}
            },
            Self::Notice { scroll, .. } => match action {
                Action::Back | Action::Confirm => return vec![Effect::CloseOverlay],
                _ => scroll_by(scroll, action, max_scroll),
            },
            Self::Comparison { scroll, .. } => match action {
                Action::Back => return vec![Effect::CloseOverlay],
                _ => scroll_by(scroll, action, max_scroll),
            },
            Self::Form(form) => return form.update(action),
        }
        Vec::new()
    }
}

/// The scrolling keys of text drawn over the screen, as on the verdict:
/// a line, a page, the top, the bottom; never past the end, so that the
/// way back up starts at once.
fn scroll_by(scroll: &mut u16, action: Action, max_scroll: u16) {
    let wanted = match action {
        Action::Up | Action::ScrollUp { .. } => scroll.saturating_sub(1),
        Action::Down | Action::ScrollDown { .. } => scroll.saturating_add(1),
        Action::PageUp => scroll.saturating_sub(PAGE),
        Action::PageDown => scroll.saturating_add(PAGE),
        Action::Top => 0,
        Action::Bottom => max_scroll,
        _ => return,
    };
    *scroll = wanted.min(max_scroll);
}
