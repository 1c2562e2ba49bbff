//! `aiact compare A B`: two assessments side by side, the "what if" of a
//! workshop (duplicate an assessment, change an answer, compare). Each of A
//! and B is a saved assessment (by name or path) or an answers file, read
//! as `aiact evaluate` reads it; nothing is written.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use aiact_core::Verdict;
use aiact_core::compare::Comparison;
use anyhow::{Result, bail};
use jiff::civil::Date;
use serde::Serialize;

use super::Stores;
use super::evaluate::{self, Loaded};
use crate::report::compare::{Compared, name_of};
use crate::report::escape::{self, terminal_line, terminal_text};
use crate::report::format::{FileFormat, write_output};

/// Text piped elsewhere or written to a file is this wide; on a terminal, the terminal's width.
const PIPED_WIDTH: usize = 80;
const MAX_WIDTH: usize = 140;

/// What `--json` prints (documented in docs/verdict-format.md).
#[derive(Serialize)]
struct Output<'a> {
    format: &'static str,
    a: SideOutput<'a>,
    b: SideOutput<'a>,
    comparison: &'a Comparison,
}

#[derive(Serialize)]
struct SideOutput<'a> {
    name: &'a str,
    file: String,
    verdict: &'a Verdict,
}

pub const COMPARISON_FORMAT: &str = "aiact-comparison/1";

/// How `aiact compare` prints the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompareFormat {
    /// Plain text, as wide as the terminal.
    Text,
    /// Markdown, for a document or a ticket.
    Md,
    /// JSON: both verdicts and the comparison.
    Json,
}

impl FileFormat for CompareFormat {
    const EXTENSIONS: &[(Self, &[&str])] = &[
        (Self::Text, &["txt", "text"]),
        (Self::Md, &["md", "markdown"]),
        (Self::Json, &["json"]),
    ];
}

/// Where and how `aiact compare` writes: standard output or a file.
#[derive(Debug, Clone, Copy)]
pub struct Destination<'a> {
    pub output: Option<&'a Path>,
    pub format: CompareFormat,
}

pub(crate) fn compare(
    stores: &mut Stores,
    files: [PathBuf; 2],
    to: Destination<'_>,
    today: Date,
) -> Result<()> {
    let given = stores.given()?;
    let [a, b] = files.map(|file| -> Result<(PathBuf, Loaded)> {
        let source = evaluate::saved_or_file(file, stores)?;
        let loaded = evaluate::load(&source, given.as_ref())?;
        Ok((source.path().to_owned(), loaded))
    });
    let ((path_a, a), (path_b, b)) = (a?, b?);
    if a.questionnaire.id() != b.questionnaire.id() {
        bail!(
            "{} is an assessment of questionnaire `{}`, {} of `{}`: only assessments of one questionnaire compare",
            terminal_line(&path_a.display().to_string()),
            terminal_line(a.questionnaire.id()),
            terminal_line(&path_b.display().to_string()),
            terminal_line(b.questionnaire.id())
        );
    }
    let compared = Compared::of(
        &a.questionnaire,
        [
            (name_of(a.system_name.as_deref(), &path_a), &a.answers),
            (name_of(b.system_name.as_deref(), &path_b), &b.answers),
        ],
        today,
    );
    let content = match to.format {
        CompareFormat::Json => {
            let output = Output {
                format: COMPARISON_FORMAT,
                a: SideOutput {
                    name: &compared.names.a,
                    file: path_a.display().to_string(),
                    verdict: &compared.a,
                },
                b: SideOutput {
                    name: &compared.names.b,
                    file: path_b.display().to_string(),
                    verdict: &compared.b,
                },
                comparison: &compared.comparison,
            };
            escape::json(&serde_json::to_string_pretty(&output)?).into_owned() + "\n"
        }
        CompareFormat::Md => compared.markdown(),
        CompareFormat::Text => {
            let stdout = std::io::stdout();
            let width = (to.output.is_none() && stdout.is_terminal())
                .then(|| ratatui::crossterm::terminal::size().ok())
                .flatten()
                .map_or(PIPED_WIDTH, |(columns, _)| {
                    usize::from(columns).min(MAX_WIDTH)
                });
            terminal_text(&compared.text(width)).into_owned()
        }
    };
    write_output(to.output, content.as_bytes())
}
