//! Commands that turn saved assessments into something to read or hand
//! out: `show`, `export`, `summary`. Assessments are opened read-only:
//! these commands never write them, and work while one is open elsewhere.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Result;
use jiff::civil::Date;
use jiff::{RoundMode, Timestamp, TimestampRound, Unit};

use crate::catalog;
use crate::out;
use crate::report::escape::terminal_text;
use crate::report::format::{self, FileFormat, write_output};
use crate::report::model::Report;
use crate::report::summary::Spreadsheet;
use crate::report::{ExportFormat, summary, text};
use crate::storage::{Mode, Store};

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

impl FileFormat for SummaryFormat {
    const EXTENSIONS: &[(Self, &[&str])] = &[
        (Self::Md, &["md", "markdown"]),
        (Self::Csv, &["csv"]),
        (Self::Html, &["html", "htm"]),
    ];
}

impl SummaryFormat {
    /// The format of `aiact summary`: as asked, else the extension of
    /// `output`, else Markdown; `--excel` is CSV, so any other extension
    /// is refused with it.
    pub fn choose(asked: Option<Self>, excel: bool, output: Option<&Path>) -> Result<Self> {
        if excel {
            if let Some((path, named)) = output.and_then(|path| Some((path, Self::of_path(path)?)))
                && named != Self::Csv
            {
                anyhow::bail!(
                    "{}: not written: the file name says {} but --excel (tab-separated values) was given; \
                     name the file .csv",
                    path.display(),
                    named.extension()
                );
            }
            return Ok(Self::Csv);
        }
        format::choose(asked, output, Self::Md)
    }
}

/// Why `--excel` is not written to a terminal.
const EXCEL_TO_A_FILE: &str = "--excel writes UTF-16 for Excel, not text for a terminal: write it to a file (aiact summary --excel -o workshop.csv)";

fn report(store: &Store, name: &str, today: Date) -> Result<Report> {
    // Looking a name up among many assessments and loading the questionnaire
    // (which opening needs) take milliseconds each: side by side, when the
    // questionnaire is known before the file is read. A given one
    // (`--questionnaire`) is loaded already, and the assessment may be of
    // it: nothing is loaded ahead then.
    let path = if store.questionnaires().any_given() {
        store.resolve(name)
    } else {
        std::thread::scope(|scope| {
            let looking_up = scope.spawn(|| store.resolve(name));
            let _ = store.questionnaires().shared(catalog::DEFAULT_ID);
            looking_up
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }?;
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
    write_output(output, format.render(&report)?.as_bytes())
}

/// `aiact summary`: one row per assessment in the data directory, to
/// standard output or to `output`; with `excel`, the CSV columns as Excel
/// reads them.
pub fn summary(
    store: &Store,
    format: SummaryFormat,
    excel: bool,
    output: Option<&Path>,
    today: Date,
) -> Result<()> {
    if excel && output.is_none() && std::io::stdout().is_terminal() {
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
        (false, SummaryFormat::Md) => {
            return write_output(output, summary::markdown(&rows, today).as_bytes());
        }
        (false, SummaryFormat::Html) => {
            return write_output(output, summary::html(&rows, today).as_bytes());
        }
    };
    // Whole seconds: `2026-11-23T14:40:12Z`, which spreadsheets read.
    for row in &mut rows {
        if let summary::RowContent::Assessment(assessment) = &mut row.content {
            assessment.updated = to_seconds(assessment.updated);
        }
    }
    write_output(output, &summary::spreadsheet(&rows, spreadsheet)?)
}

/// The second the time falls in (no fraction).
fn to_seconds(time: Timestamp) -> Timestamp {
    let seconds = TimestampRound::new()
        .smallest(Unit::Second)
        .mode(RoundMode::Trunc);
    time.round(seconds).unwrap_or(time)
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use super::*;
    use crate::cli::compare::CompareFormat;

    fn each_extension_names_its_format<F: FileFormat + ValueEnum + std::fmt::Debug>() {
        for &format in F::value_variants() {
            let file = format!("out.{}", format.extension());
            assert_eq!(F::of_path(Path::new(&file)), Some(format), "{file}");
        }
    }

    #[test]
    fn every_format_has_an_extension_that_names_it() {
        each_extension_names_its_format::<SummaryFormat>();
        each_extension_names_its_format::<CompareFormat>();
    }
}
