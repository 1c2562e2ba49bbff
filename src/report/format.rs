//! The formats a report is exported in, and writing one to a file.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::report::model::Report;
use crate::report::{escape, html, markdown};
use crate::storage::input::{self, Links};
use crate::storage::{self, format};

/// Formats of `aiact export` and of the export from the verdict screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Markdown that reads well on GitHub and in note-taking tools.
    Md,
    /// One self-contained page, printable to PDF from a browser.
    Html,
    /// The report's data (docs/report-format.md).
    Json,
}

impl ExportFormat {
    pub const ALL: [Self; 3] = [Self::Md, Self::Html, Self::Json];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Md => "md",
            Self::Html => "html",
            Self::Json => "json",
        }
    }

    /// The report in this format.
    pub fn render(self, report: &Report) -> Result<String> {
        Ok(match self {
            Self::Md => markdown::render(report),
            Self::Html => html::render(report),
            // Safe to print: controls written as `\u` escapes.
            Self::Json => escape::json(&serde_json::to_string_pretty(report)?).into_owned() + "\n",
        })
    }
}

/// Writes a report to a file, never over an assessment; atomically, so an
/// interrupted export never leaves half a report.
pub fn write_report(path: &Path, content: &str) -> Result<()> {
    refuse_to_overwrite_an_assessment(path)?;
    storage::write_file_atomically(path, content.as_bytes())
        .with_context(|| format!("{}: cannot write the report", path.display()))
}

/// An export written by mistake over an assessment would destroy it. (A
/// pipe or a link there is refused by the writing itself.)
fn refuse_to_overwrite_an_assessment(path: &Path) -> Result<()> {
    match input::read(path, Links::Refuse) {
        Ok(bytes) if format::declares_assessment(&bytes) => bail!(
            "{}: not written: the file is an aiact assessment; choose another file for the report",
            path.display()
        ),
        _ => Ok(()),
    }
}

pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}
