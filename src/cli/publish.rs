//! Commands that turn saved assessments into something to read or hand
//! out: `show`, `export`, `summary`. Assessments are opened read-only:
//! these commands never write them, and work while one is open elsewhere.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Result;
use jiff::civil::Date;
use jiff::{RoundMode, Timestamp, TimestampRound, Unit};

use crate::catalog;
use crate::report::escape::terminal_text;
use crate::report::format::absolute;
use crate::report::model::Report;
use crate::report::summary::Spreadsheet;
use crate::report::{ExportFormat, summary, text, write_report};
use crate::storage::{Mode, Store};
use crate::{out, outln};

/// Formats of `aiact summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SummaryFormat {
    /// A Markdown table.
    Md,
    /// Comma-separated values (UTF-8) for scripts and spreadsheets; for
    /// Excel, see --excel.
    Csv,
    /// A printable handout: one self-contained page, A4 landscape.
    Html,
}

/// Why `--excel` is not written to a terminal.
const EXCEL_TO_A_FILE: &str = "--excel writes UTF-16 for Excel, not text for a terminal: redirect it to a file (aiact summary --excel > workshop.csv)";

fn report(store: &Store, name: &str, today: Date) -> Result<Report> {
    // Looking a name up among many assessments and loading the questionnaire
    // (which opening needs) take milliseconds each: side by side.
    let path = std::thread::scope(|scope| {
        let looking_up = scope.spawn(|| store.resolve(name));
        let _ = store.questionnaires().shared(catalog::DEFAULT_ID);
        looking_up
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    let opened = store.open(&path, Mode::ReadOnly)?;
    Ok(Report::build(&opened, today))
}

/// `aiact show`: the report as text, made safe for the terminal.
pub fn show(store: &Store, name: &str, today: Date) -> Result<()> {
    let report = report(store, name, today)?;
    out!("{}", terminal_text(&text::render_report(&report)))?;
    Ok(())
}

/// `aiact export`: to standard output, or to a file (never over an
/// assessment).
pub fn export(
    store: &Store,
    name: &str,
    format: ExportFormat,
    output: Option<&Path>,
    today: Date,
) -> Result<()> {
    let report = report(store, name, today)?;
    let content = format.render(&report)?;
    match output {
        None => out!("{content}")?,
        Some(path) => {
            let replaced = path.exists();
            write_report(path, &content)?;
            let verb = if replaced { "Replaced" } else { "Wrote" };
            outln!("{verb} {}", absolute(path).display())?;
        }
    }
    Ok(())
}

/// `aiact summary`: one row per assessment in the data directory; with
/// `excel`, the CSV columns as Excel reads them.
pub fn summary(store: &Store, format: SummaryFormat, excel: bool, today: Date) -> Result<()> {
    if excel && std::io::stdout().is_terminal() {
        anyhow::bail!(EXCEL_TO_A_FILE);
    }
    let mut rows = summary::rows(store, today);
    for row in &rows {
        if let summary::RowContent::Unreadable { reason } = &row.content {
            // A listed file's reason leaves out the path, an opened one's
            // does not: name the file once.
            let path = store
                .assessments_dir()
                .join(format!("{}.json", row.name))
                .display()
                .to_string();
            let line = if reason.starts_with(&path) {
                reason.clone()
            } else {
                format!("{path}: {reason}")
            };
            eprintln!("aiact: {}", terminal_text(&line));
        }
    }
    let spreadsheet = match (excel, format) {
        (true, _) => Spreadsheet::Excel,
        (false, SummaryFormat::Csv) => Spreadsheet::Csv,
        (false, SummaryFormat::Md) => return Ok(out!("{}", summary::markdown(&rows, today))?),
        (false, SummaryFormat::Html) => return Ok(out!("{}", summary::html(&rows, today))?),
    };
    // Whole seconds: `2026-11-23T14:40:12Z`, which spreadsheets read.
    for row in &mut rows {
        if let summary::RowContent::Assessment(assessment) = &mut row.content {
            assessment.updated = to_seconds(assessment.updated);
        }
    }
    crate::output::write_bytes(&summary::spreadsheet(&rows, spreadsheet)?)?;
    Ok(())
}

/// The second the time falls in (no fraction).
fn to_seconds(time: Timestamp) -> Timestamp {
    let seconds = TimestampRound::new()
        .smallest(Unit::Second)
        .mode(RoundMode::Trunc);
    time.round(seconds).unwrap_or(time)
}
