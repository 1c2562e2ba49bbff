//! Where an interactive assessment opens, as the command line asks: the
//! same for the full-screen UI and for `ask`.

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// The list of assessments (in `ask`: a prompt for a name, which
    /// continues a saved assessment or starts a new one).
    Home,
    /// A new assessment, with this system name (asked for if `None`).
    New(Option<String>),
    /// A saved assessment.
    Open(PathBuf),
}
