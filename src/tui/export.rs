//! Exporting from the verdict screen: the report as Markdown, HTML and
//! JSON, exactly as `aiact export` writes them (the same renderers, from
//! the same report model).

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::publish::{self, ExportFormat};
use crate::report::model::Report;

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
    let stem = format!("{}-report", file_stem(&report.assessment.system_name));
    let mut exported = Exported {
        paths: Vec::new(),
        replaced: false,
    };
    for format in ExportFormat::ALL {
        let path = dir.join(format!("{stem}.{}", format.extension()));
        exported.replaced |= path.exists();
        publish::write_report(&path, &format.render(report)?)?;
        exported.paths.push(publish::absolute(&path));
    }
    Ok(exported)
}

/// A file name from a system name: lower case letters, digits and dashes.
fn file_stem(name: &str) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            stem.extend(c.to_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "assessment".to_owned()
    } else {
        stem.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_the_system_name() {
        assert_eq!(file_stem("Acme Chatbot v2!"), "acme-chatbot-v2");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("***"), "assessment");
        assert_eq!(file_stem("Zürich Bot"), "zürich-bot");
    }
}
