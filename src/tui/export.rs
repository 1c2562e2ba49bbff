//! Exporting the verdict from the verdict screen: the JSON that
//! `aiact evaluate --json` prints, and the Markdown report.

use std::path::{Path, PathBuf};

use aiact_core::Verdict;
use anyhow::{Context, Result};

use crate::report::markdown::{self, AssessmentInfo};

/// Writes `<name>-verdict.json` and `<name>-verdict.md` into `dir` and
/// returns their paths.
pub fn write(dir: &Path, info: &AssessmentInfo, verdict: &Verdict) -> Result<Vec<PathBuf>> {
    let stem = format!("{}-verdict", file_stem(&info.system_name));
    let json_path = dir.join(format!("{stem}.json"));
    let markdown_path = dir.join(format!("{stem}.md"));
    let json = serde_json::to_string_pretty(verdict).context("writing the verdict as JSON")?;
    std::fs::write(&json_path, json + "\n")
        .with_context(|| format!("{}: cannot write", json_path.display()))?;
    std::fs::write(&markdown_path, markdown::render(info, verdict))
        .with_context(|| format!("{}: cannot write", markdown_path.display()))?;
    Ok(vec![absolute(json_path), absolute(markdown_path)])
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

fn absolute(path: PathBuf) -> PathBuf {
    std::path::absolute(&path).unwrap_or(path)
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
