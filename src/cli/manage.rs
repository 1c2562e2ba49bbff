//! Managing saved assessments from the command line: list, duplicate,
//! rename, delete (with confirmation). The work is done by
//! [`crate::storage::Store`]; this module prints and asks.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;

use crate::{out, outln};
use anyhow::{Result, bail};
use jiff::Timestamp;
use serde::Serialize;

use crate::report::escape::{self, path_line, terminal_line};
use crate::storage::{Listing, LockState, SavedProgress, Store, Summary, TierRef};

/// Prints every assessment in the data directory, one per line (names and
/// reasons made safe for the terminal), or all of them as JSON.
pub fn list(store: &Store, json: bool) -> Result<()> {
    let listings = store.list();
    if json {
        // Straight from the listings, without a tree of JSON values: a
        // thousand entries would take megabytes.
        let entries: Vec<ListingJson> = listings.iter().map(ListingJson::from).collect();
        outln!("{}", escape::json(&serde_json::to_string_pretty(&entries)?))?;
        return Ok(());
    }
    let dir = store.assessments_dir();
    if listings.is_empty() {
        outln!("No assessments in {} yet.", path_line(&dir))?;
        return Ok(());
    }
    // One write for the whole list: a thousand flushed lines cost more
    // than reading the list.
    let mut text = format!("Assessments in {}:\n", path_line(&dir));
    for listing in &listings {
        let line = match listing {
            Listing::Readable(summary) => summary_line(summary),
            Listing::Unreadable { path, reason } => {
                format!("  {}  UNREADABLE: {reason}", file_stem(path))
            }
        };
        text.push_str(&terminal_line(&line));
        text.push('\n');
    }
    out!("{text}")?;
    Ok(())
}

/// One entry of `aiact list --json` (documented in the README), its keys
/// in alphabetical order.
#[derive(Serialize)]
#[serde(untagged)]
enum ListingJson<'a> {
    Readable {
        assessor: &'a Option<String>,
        complete: bool,
        name: String,
        open_elsewhere: bool,
        open_in_process: Option<u32>,
        organisation: &'a Option<String>,
        path: String,
        progress: &'a SavedProgress,
        questionnaire: QuestionnaireJson<'a>,
        questionnaire_changed: bool,
        system_name: &'a str,
        tier: &'a Option<TierRef>,
        tier_provisional: bool,
        headline: &'a Option<String>,
        headline_provisional: bool,
        updated: &'a Timestamp,
    },
    Unreadable {
        name: String,
        path: String,
        unreadable: &'a str,
    },
}

#[derive(Serialize)]
struct QuestionnaireJson<'a> {
    id: &'a str,
    version: &'a str,
}

impl<'a> From<&'a Listing> for ListingJson<'a> {
    fn from(listing: &'a Listing) -> Self {
        let path = listing.path();
        match listing {
            Listing::Readable(summary) => Self::Readable {
                assessor: &summary.assessor,
                complete: summary.complete,
                name: file_stem(path),
                open_elsewhere: matches!(summary.lock, LockState::Held { .. }),
                open_in_process: match summary.lock {
                    LockState::Held { pid } => pid,
                    LockState::Free => None,
                },
                organisation: &summary.organisation,
                path: path.display().to_string(),
                progress: &summary.progress,
                questionnaire: QuestionnaireJson {
                    id: &summary.questionnaire.id,
                    version: &summary.questionnaire.version,
                },
                questionnaire_changed: summary.questionnaire_changed,
                system_name: &summary.system_name,
                tier: &summary.tier,
                tier_provisional: summary.tier_provisional,
                headline: &summary.headline,
                headline_provisional: summary.headline_provisional,
                updated: &summary.updated,
            },
            Listing::Unreadable { reason, .. } => Self::Unreadable {
                name: file_stem(path),
                path: path.display().to_string(),
                unreadable: reason,
            },
        }
    }
}

fn summary_line(summary: &Summary) -> String {
    let (answered, on_path) = (summary.progress.answered, summary.progress.on_path);
    let result = match (&summary.tier, summary.complete) {
        _ if answered == 0 => "no answers yet".to_owned(),
        (Some(tier), true) => {
            // As the summary and the verdict word it: "High-risk — duties
            // on hold (provisional)".
            let headline = summary.headline.as_deref().unwrap_or(&tier.label);
            if summary.tier_provisional || summary.headline_provisional {
                format!("{headline} (provisional), complete")
            } else {
                format!("{headline}, complete")
            }
        }
        // Unfinished, a tier could rest on questions still to answer.
        (Some(tier), false) => format!("{} so far, {answered}/{on_path} answered", tier.label),
        (None, _) => format!("not finished, {answered}/{on_path} answered"),
    };
    let updated = summary
        .updated
        .to_zoned(aiact_core::local_time_zone())
        .strftime("%Y-%m-%d %H:%M %Z");
    let mut line = format!(
        "  {}  \"{}\"  {result}, saved {updated}",
        file_stem(&summary.path),
        summary.system_name
    );
    if let LockState::Held { pid } = summary.lock {
        line.push_str(&match pid {
            Some(pid) => format!("  [open in process {pid}]"),
            None => "  [open elsewhere]".to_owned(),
        });
    }
    if summary.questionnaire_changed {
        line.push_str("  [questionnaire updated since]");
    }
    line
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

pub fn duplicate(store: &Store, name: &str, new_name: &str) -> Result<()> {
    let path = store.resolve(name)?;
    let copy = store.duplicate(&path, new_name)?;
    outln!("Duplicated {} as {}", path_line(&path), path_line(&copy))?;
    Ok(())
}

pub fn rename(store: &Store, name: &str, new_name: &str) -> Result<()> {
    let path = store.resolve(name)?;
    let renamed = store.rename(&path, new_name)?;
    outln!("Renamed {} to {}", path_line(&path), path_line(&renamed))?;
    Ok(())
}

/// Deletes after asking on a terminal; `yes` skips the question (for
/// scripts). Without a terminal to ask on, refuses unless `yes`.
pub fn delete(store: &Store, name: &str, yes: bool) -> Result<()> {
    let path = store.resolve(name)?;
    if !yes {
        let stdin = io::stdin();
        if !stdin.is_terminal() {
            bail!(
                "{}: not deleted: confirm on a terminal, or pass --yes",
                path_line(&path)
            );
        }
        let question = format!("Delete {}? This cannot be undone.", path_line(&path));
        if !confirm(&question, &mut stdin.lock(), &mut io::stderr())? {
            eprintln!("Not deleted.");
            return Ok(());
        }
    }
    store.delete(&path)?;
    outln!("Deleted {}", path_line(&path))?;
    Ok(())
}

/// Asks a yes/no question; only "y" or "yes" (any case) is yes.
pub fn confirm(
    question: &str,
    input: &mut impl BufRead,
    output: &mut impl Write,
) -> io::Result<bool> {
    write!(output, "{question} [y/N] ")?;
    output.flush()?;
    let mut answer = String::new();
    input.read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(typed: &str) -> (bool, String) {
        let mut output = Vec::new();
        let yes = confirm("Delete x?", &mut typed.as_bytes(), &mut output).expect("io");
        (yes, String::from_utf8(output).expect("utf-8"))
    }

    #[test]
    fn only_yes_confirms() {
        assert_eq!(ask("y\n"), (true, "Delete x? [y/N] ".to_owned()));
        assert!(ask("YES\n").0);
        assert!(!ask("\n").0, "the default is no");
        assert!(!ask("").0, "end of input is no");
        assert!(!ask("yep\n").0);
        assert!(!ask("n\n").0);
    }
}
