//! Exporting from the verdict screen: the report as Markdown, HTML and
//! JSON, exactly as `aiact export` writes them (the same renderers, from
//! the same report model).

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::report::format::{ExportFormat, absolute, write_report};
use crate::report::model::Report;
use crate::storage::stem_for;

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub paths: Vec<PathBuf>,
    /// Some of the files were there already (an earlier export): they
    /// were replaced.
    pub replaced: bool,
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
