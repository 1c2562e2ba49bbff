//! Exporting from the verdict screen: the report as Markdown, HTML and
//! JSON, exactly as `aiact export` writes them (the same renderers, from
//! the same report model).

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::effect::{Message, MessageBody, MessageKind};
use crate::report::format::{ExportFormat, absolute, write_report};
use crate::report::model::Report;
use crate::storage::stem_for;
use crate::strings::tui as say;

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub paths: Vec<PathBuf>,
    /// Some of the files were there already (an earlier export): they
    /// were replaced.
    pub replaced: bool,
}

impl Exported {
    /// "Exported to DIR: name.md, .html, .json"; says so when files of an
    /// earlier export were replaced.
    pub fn message(&self) -> Message {
        let dir = self
            .paths
            .first()
            .and_then(|path| path.parent())
            .map(|dir| dir.display().to_string())
            .unwrap_or_default();
        let names: Vec<String> = self
            .paths
            .iter()
            .enumerate()
            .filter_map(|(i, path)| {
                let shown = if i == 0 {
                    path.file_name()?.to_string_lossy().into_owned()
                } else {
                    format!(".{}", path.extension()?.to_string_lossy())
                };
                Some(shown)
            })
            .collect();
        let lead = if self.replaced {
            say::REPLACED_IN
        } else {
            say::EXPORTED_TO
        };
        Message {
            kind: MessageKind::Info,
            body: MessageBody::Files {
                lead,
                dir,
                names: names.join(", "),
            },
        }
    }
}

/// Writes `<name>-report.md`, `.html` and `.json` into `dir`, replacing
/// files of those names.
pub fn write(dir: &Path, report: &Report) -> Result<Exported> {
    // The same safe stem as the assessment's own file name.
    let stem = format!(
        "{}-report",
        stem_for(&report.assessment.metadata.system_name)
    );
    let mut exported = Exported {
        paths: Vec::new(),
        replaced: false,
    };
    for format in ExportFormat::ALL {
        let path = dir.join(format!("{stem}.{}", format.extension()));
        exported.replaced |= path.exists();
        write_report(&path, &format.render(report)?)?;
        exported.paths.push(absolute(&path));
    }
    Ok(exported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_the_system_name() {
        assert_eq!(stem_for("Acme Chatbot v2!"), "acme-chatbot-v2");
        assert_eq!(stem_for("../../etc/passwd"), "etc-passwd");
        assert_eq!(stem_for("***"), "assessment");
        assert_eq!(stem_for("Zürich Bot"), "zürich-bot");
    }
}
