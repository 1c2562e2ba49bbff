//! `aiact compare A B`: two assessments side by side, the "what if" of a
//! workshop (duplicate an assessment, change an answer, compare). Each of A
//! and B is a saved assessment (by name or path) or an answers file, read
//! as `aiact evaluate` reads it; nothing is written.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use aiact_core::Verdict;
use aiact_core::compare::{Comparison, Side};
use anyhow::{Result, bail};
use jiff::civil::Date;
use serde::Serialize;

use super::evaluate::{self, Loaded};
use crate::report::compare::{Names, render_markdown, render_text};
use crate::report::escape::{self, terminal_line, terminal_text};
use crate::storage::Store;
use crate::{out, outln};

/// Text piped elsewhere is this wide; on a terminal, the terminal's width.
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

pub fn compare(
    store: Option<&Store>,
    files: [PathBuf; 2],
    format: CompareFormat,
    questionnaire_file: Option<&Path>,
    today: Date,
) -> Result<()> {
    let [a, b] = files.map(|file| -> Result<(PathBuf, Loaded)> {
        let source = evaluate::saved_or_file(file, store)?;
        let loaded = evaluate::load(&source, questionnaire_file)?;
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
    let verdict_a = Verdict::compute_with_turns_on(&a.questionnaire, &a.answers, today);
    let verdict_b = Verdict::compute_with_turns_on(&b.questionnaire, &b.answers, today);
    let comparison = Comparison::of(
        &a.questionnaire,
        Side {
            answers: &a.answers,
            verdict: &verdict_a,
        },
        Side {
            answers: &b.answers,
            verdict: &verdict_b,
        },
    );
    let names = Names {
        a: name(&a, &path_a),
        b: name(&b, &path_b),
    };
    match format {
        CompareFormat::Json => {
            let output = Output {
                format: COMPARISON_FORMAT,
                a: SideOutput {
                    name: &names.a,
                    file: path_a.display().to_string(),
                    verdict: &verdict_a,
                },
                b: SideOutput {
                    name: &names.b,
                    file: path_b.display().to_string(),
                    verdict: &verdict_b,
                },
                comparison: &comparison,
            };
            outln!("{}", escape::json(&serde_json::to_string_pretty(&output)?))?;
        }
        CompareFormat::Md => {
            let text = render_markdown(&names, &comparison, &verdict_a, &verdict_b);
            out!("{text}")?;
        }
        CompareFormat::Text => {
            let stdout = std::io::stdout();
            let width = stdout
                .is_terminal()
                .then(|| ratatui::crossterm::terminal::size().ok())
                .flatten()
                .map_or(PIPED_WIDTH, |(columns, _)| {
                    usize::from(columns).min(MAX_WIDTH)
                });
            let text = render_text(&names, &comparison, &verdict_a, &verdict_b, width);
            out!("{}", terminal_text(&text))?;
        }
    }
    Ok(())
}

/// "Credit model 2024 (credit-model-2024.json)"; an answers file by its
/// name.
fn name(loaded: &Loaded, path: &Path) -> String {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    match &loaded.system_name {
        Some(system) => format!("{system} ({file})"),
        None => file,
    }
}
