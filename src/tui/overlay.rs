//! What is drawn over a screen and takes the keys while it is open: the
//! key help, a form, a confirmation, a notice.

use std::path::PathBuf;

use super::action::Action;
use super::effect::Effect;
use super::form::Form;
use super::keymap::Context;
use crate::report::compare::Compared;

/// Lines a page key scrolls.
const PAGE: u16 = 10;

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    KeyHelp {
        context: Context,
        scroll: u16,
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
        scroll: u16,
    },
}

impl Overlay {
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match self {
            Self::KeyHelp { scroll, .. } => match action {
                Action::Back => return vec![Effect::CloseOverlay],
                Action::Up | Action::ScrollUp { .. } => *scroll = scroll.saturating_sub(1),
                Action::Down | Action::ScrollDown { .. } => *scroll = scroll.saturating_add(1),
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::PageDown => *scroll = scroll.saturating_add(10),
                _ => {}
            },
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
                Action::Up | Action::ScrollUp { .. } => *scroll = scroll.saturating_sub(1),
                Action::Down | Action::ScrollDown { .. } => *scroll = scroll.saturating_add(1),
                _ => {}
            },
            Self::Comparison { scroll, .. } => match action {
                Action::Back => return vec![Effect::CloseOverlay],
                Action::Up | Action::ScrollUp { .. } => *scroll = scroll.saturating_sub(1),
                Action::Down | Action::ScrollDown { .. } => *scroll = scroll.saturating_add(1),
                Action::PageUp => *scroll = scroll.saturating_sub(PAGE),
                Action::PageDown => *scroll = scroll.saturating_add(PAGE),
                _ => {}
            },
            Self::Form(form) => return form.update(action),
        }
        Vec::new()
    }
}
