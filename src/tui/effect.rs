//! What a screen's `update` asks of the app. A screen changes only its own
//! state; everything else is an [`Effect`] that [`super::app::App`]
//! carries out: a command given to the open assessment (which saves what
//! it changed), an export, opening or managing files, leaving, and the
//! message or overlay to show.

use std::path::PathBuf;

use aiact_core::Command;

use super::open::Go;
use super::overlay::Overlay;
use crate::storage::NewAssessment;

#[derive(Debug)]
pub enum Effect {
    /// Give a command to the open assessment; it saves what changed, and
    /// the screen hears how it went.
    Apply(Command),
    /// Write the report as Markdown, HTML and JSON.
    Export,
    /// Open an assessment file.
    Open(PathBuf),
    /// Open what was typed: a name in the data directory, or a path.
    OpenTyped(String),
    Create(NewAssessment),
    Rename {
        path: PathBuf,
        name: String,
    },
    Duplicate {
        path: PathBuf,
        name: String,
    },
    Delete {
        path: PathBuf,
        name: String,
    },
    /// Compare two saved assessments, A and B.
    Compare {
        a: PathBuf,
        b: PathBuf,
    },
    /// Another view of the open assessment.
    Go(Go),
    /// Close the assessment (it was saved as it went) and show the list.
    GoHome,
    /// Leave the program.
    Quit,
    Show(Overlay),
    CloseOverlay,
    Say(Message),
}

impl Effect {
    pub fn info(text: impl Into<String>) -> Self {
        Self::Say(Message::info(text))
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self::Say(Message::error(text))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Error,
}

/// The line under the screen, until the next thing the user does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub kind: MessageKind,
    pub body: MessageBody,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MessageBody {
    Text(String),
    /// Files written into a directory: drawn with the directory shortened
    /// in its middle if the line is too narrow, so that the names stay.
    Files {
        lead: &'static str,
        dir: String,
        names: String,
    },
}

impl Message {
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            kind: MessageKind::Info,
            body: MessageBody::Text(text.into()),
        }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self {
            kind: MessageKind::Error,
            body: MessageBody::Text(text.into()),
        }
    }

    /// The whole message, as it reads on a line wide enough.
    pub fn text(&self) -> String {
        match &self.body {
            MessageBody::Text(text) => text.clone(),
            MessageBody::Files { lead, dir, names } => format!("{lead} {dir}: {names}"),
        }
    }
}
