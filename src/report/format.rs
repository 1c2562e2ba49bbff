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

    /// The extension a file in this format is given (without the dot).
    pub fn extension(self) -> &'static str {
        <Self as FileFormat>::extension(self)
    }

    /// The format of an export: the one asked for, else the one the output
    /// file's extension names, else Markdown (see [`choose`]).
    pub fn choose(asked: Option<Self>, output: Option<&Path>) -> Result<Self> {
        choose(asked, output, Self::Md)
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

impl FileFormat for ExportFormat {
    const EXTENSIONS: &[(Self, &[&str])] = &[
        (Self::Md, &["md", "markdown"]),
        (Self::Html, &["html", "htm"]),
        (Self::Json, &["json"]),
    ];
}

/// A format of a command that writes to standard output or to `-o FILE`
/// (`export`, `summary`, `compare`): one the file's extension can name.
pub trait FileFormat: Copy + Eq + 'static {
    /// Every format with the extensions that name it (in any case), the
    /// one a file is written with first.
    const EXTENSIONS: &[(Self, &[&str])];

    /// The extension a file in this format is given (without the dot).
    fn extension(self) -> &'static str {
        (Self::EXTENSIONS.iter())
            .find(|(format, _)| *format == self)
            .and_then(|(_, names)| names.first())
            .copied()
            .unwrap_or_default()
    }

    /// The format a file name's extension names, in any case.
    fn of_path(path: &Path) -> Option<Self> {
        let extension = lower_extension(path)?;
        (Self::EXTENSIONS.iter())
            .find(|(_, names)| names.contains(&extension.as_str()))
            .map(|(format, _)| *format)
    }
}

/// The format to write: the one asked for, else the one the output file's
/// extension names, else `fallback`. An extension that names another format
/// than the one asked for is refused: a file called `x.html` holding
/// Markdown would open as a garbled page.
pub fn choose<F: FileFormat>(asked: Option<F>, output: Option<&Path>, fallback: F) -> Result<F> {
    let named = output.and_then(|path| Some((path, F::of_path(path)?)));
    match (asked, named) {
        (Some(asked), Some((path, named))) if asked != named => bail!(
            "{}: not written: the file name says {} but --format {} was given; \
             drop --format (the extension decides) or name the file .{}",
            path.display(),
            named.extension(),
            asked.extension(),
            asked.extension()
        ),
        (Some(asked), _) => Ok(asked),
        (None, Some((_, named))) => Ok(named),
        (None, None) => Ok(fallback),
    }
}

/// The extension of `path` in lower case, if it has one.
pub fn lower_extension(path: &Path) -> Option<String> {
    Some(path.extension()?.to_str()?.to_ascii_lowercase())
}

/// Writes a report to a file, never over an assessment; atomically, so an
/// interrupted export never leaves half a report.
pub fn write_report(path: &Path, content: &str) -> Result<()> {
    write_report_bytes(path, content.as_bytes())
}

/// [`write_report`] for content that is not UTF-8 (the summary for Excel).
pub fn write_report_bytes(path: &Path, content: &[u8]) -> Result<()> {
    refuse_to_overwrite_an_assessment(path)?;
    storage::write_file_atomically(path, content)
        .with_context(|| format!("{}: cannot write the report", path.display()))
}

/// Writes `content` to standard output, or to `output` saying so (never
/// over an assessment or a special file).
pub fn write_output(output: Option<&Path>, content: &[u8]) -> Result<()> {
    match output {
        None => crate::output::write_bytes(content)?,
        Some(path) => {
            let replaced = path.exists();
            write_report_bytes(path, content)?;
            let verb = if replaced { "Replaced" } else { "Wrote" };
            crate::outln!("{verb} {}", absolute(path).display())?;
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_decides_unless_a_format_is_asked_for() {
        let html = Some(Path::new("Report.HTML"));
        assert_eq!(
            ExportFormat::choose(None, html).ok(),
            Some(ExportFormat::Html)
        );
        assert_eq!(
            ExportFormat::choose(Some(ExportFormat::Html), html).ok(),
            Some(ExportFormat::Html)
        );
        assert_eq!(
            ExportFormat::choose(None, Some(Path::new("x.json"))).ok(),
            Some(ExportFormat::Json)
        );
        // No extension, an unknown one or standard output: as asked, else Markdown.
        assert_eq!(
            ExportFormat::choose(None, Some(Path::new("report.txt"))).ok(),
            Some(ExportFormat::Md)
        );
        assert_eq!(
            ExportFormat::choose(Some(ExportFormat::Json), Some(Path::new("report"))).ok(),
            Some(ExportFormat::Json)
        );
        assert_eq!(
            ExportFormat::choose(None, None).ok(),
            Some(ExportFormat::Md)
        );
    }

    #[test]
    fn every_format_has_an_extension_that_names_it() {
        for format in ExportFormat::ALL {
            let file = format!("report.{}", format.extension());
            assert_eq!(ExportFormat::of_path(Path::new(&file)), Some(format));
        }
    }

    #[test]
    fn a_format_the_extension_contradicts_is_refused() {
        let refused = ExportFormat::choose(Some(ExportFormat::Md), Some(Path::new("x.html")))
            .expect_err("md into x.html");
        assert_eq!(
            refused.to_string(),
            "x.html: not written: the file name says html but --format md was given; \
             drop --format (the extension decides) or name the file .md"
        );
    }
}
