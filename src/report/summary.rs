//! The workshop table (`aiact summary`): one row per assessment in the data
//! directory, as Markdown or CSV.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

use aiact_core::verdict::Status;
use aiact_core::{Evaluation, Verdict};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::text::{long_date, timestamp};
use super::{escape, reuse, turns_on};
use crate::storage::{Listing, Store, Summary};

/// One assessment, as the table shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The file name without `.json`: what other commands take as NAME.
    pub name: String,
    pub content: RowContent,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RowContent {
    Assessment(Box<AssessmentRow>),
    /// Shown, not hidden: the facilitator must see that a team's file is bad.
    Unreadable {
        reason: String,
    },
}

/// Kept between runs beside the index ([`Store::derived`]): working one
/// out reads the file and works out what its verdict turns on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentRow {
    pub system_name: String,
    pub organisation: Option<String>,
    pub assessor: Option<String>,
    /// `None` before the first answer.
    pub tier: Option<String>,
    pub tier_status: Status,
    pub complete: bool,
    pub answered: usize,
    pub on_path: usize,
    /// Findings that set a tier, provisional ones marked.
    pub key_findings: Vec<String>,
    pub open_points: Vec<String>,
    /// What the result turns on most: the first answer of "What this
    /// result turns on", with what another answer would make it.
    pub turns_on: Option<String>,
    pub updated: Timestamp,
}

impl AssessmentRow {
    pub(super) fn from_verdict(
        metadata: &crate::storage::Metadata,
        verdict: &Verdict,
        answered: usize,
        on_path: usize,
    ) -> Self {
        Self {
            system_name: metadata.system_name.clone(),
            organisation: metadata.organisation.clone(),
            assessor: metadata.assessor.clone(),
            // Unfinished with nothing deciding the tier yet, the headline is
            // only the default tier: no result to show.
            tier: verdict.decided_tier().map(|tier| tier.label.clone()),
            tier_status: verdict.tier_status,
            complete: verdict.complete,
            answered,
            on_path,
            key_findings: verdict
                .findings
                .iter()
                .filter(|finding| finding.tier.is_some())
                .map(|finding| match finding.status {
                    Status::Holds => finding.title.clone(),
                    Status::Provisional => format!("{} (provisional)", finding.title),
                })
                .collect(),
            open_points: verdict
                .open_points
                .iter()
                .map(|point| point.title.clone())
                .collect(),
            turns_on: turns_on::top_line(verdict),
            updated: metadata.updated,
        }
    }

    /// "complete", "7 of at least 12 answered", "no answers yet".
    pub fn state(&self) -> String {
        if self.answered == 0 {
            "no answers yet".to_owned()
        } else if self.complete {
            "complete".to_owned()
        } else {
            format!(
                "not finished: {} of at least {} answered",
                self.answered, self.on_path
            )
        }
    }

    /// The tier label, "(provisional)" added when it rests on a "not sure";
    /// "so far" while questions remain.
    pub fn tier_text(&self) -> String {
        match (&self.tier, self.tier_status) {
            (None, _) => String::new(),
            (Some(tier), _) if !self.complete => format!("{tier} so far"),
            (Some(tier), Status::Holds) => tier.clone(),
            (Some(tier), Status::Provisional) => format!("{tier} (provisional)"),
        }
    }
}

/// Every assessment in the store, its verdict as of `today` (read-only:
/// nothing is written, assessments open elsewhere included), sorted by
/// system name. A row worked out before for the same file, the same
/// questionnaire and a day whose duties' dates have come alike is kept
/// (`.summary.json` beside the index); the others are worked out on every
/// core, all with the one questionnaire loaded, each from its saved verdict
/// when that still holds ([`super::reuse`]).
pub fn rows(store: &Store, today: Date) -> Vec<Row> {
    let listings = store.list();
    let mut rows: Vec<Row> = Vec::with_capacity(listings.len());
    let mut readable: Vec<&Summary> = Vec::with_capacity(listings.len());
    for listing in &listings {
        match listing {
            Listing::Readable(summary) => readable.push(summary),
            Listing::Unreadable { path, reason } => rows.push(Row {
                name: file_stem(path),
                content: RowContent::Unreadable {
                    reason: reason.clone(),
                },
            }),
        }
    }
    let keys = RowKeys::new(store, &readable, today);
    let worked_out = store.derived(
        KEPT,
        &readable,
        |summary| keys.of(summary),
        |summary| assessment_row(store, &summary.path, today),
    );
    for (summary, row) in readable.iter().zip(worked_out) {
        rows.push(Row {
            name: file_stem(&summary.path),
            content: match row {
                Ok(row) => RowContent::Assessment(Box::new(row)),
                Err(reason) => RowContent::Unreadable { reason },
            },
        });
    }
    rows.sort_by_cached_key(|row| {
        let name = match &row.content {
            RowContent::Assessment(row) => row.system_name.to_lowercase(),
            RowContent::Unreadable { .. } => String::new(),
        };
        (name, row.name.clone())
    });
    rows
}

/// The name of what the table keeps between runs.
const KEPT: &str = "summary";

/// What a row depends on besides its file: the questionnaire in use for
/// it (version and content), and which duties' dates have come by today.
struct RowKeys(HashMap<String, String>);

impl RowKeys {
    fn new(store: &Store, summaries: &[&Summary], today: Date) -> Self {
        let mut keys = HashMap::new();
        for summary in summaries {
            let id = &summary.questionnaire.id;
            if keys.contains_key(id) {
                continue;
            }
            let questionnaires = store.questionnaires();
            let key = match (questionnaires.identity(id), questionnaires.shared(id)) {
                (Ok(identity), Ok(questionnaire)) => {
                    let passed = (questionnaire.milestones().iter())
                        .filter(|milestone| milestone.date <= today)
                        .count();
                    format!("{} {} {passed}", identity.version, identity.content_hash)
                }
                // Not kept: the row says why it cannot be read.
                _ => String::new(),
            };
            keys.insert(id.clone(), key);
        }
        Self(keys)
    }

    fn of(&self, summary: &Summary) -> String {
        self.0
            .get(&summary.questionnaire.id)
            .cloned()
            .unwrap_or_default()
    }
}

/// The row of a readable assessment, or why it cannot be read after all.
fn assessment_row(store: &Store, path: &Path, today: Date) -> Result<AssessmentRow, String> {
    let saved = store.read(path).map_err(|error| error.to_string())?;
    let evaluation = Evaluation::new(&saved.questionnaire, &saved.answers);
    let verdict = reuse::verdict_for_table(
        saved.assessment.verdict,
        saved.up_to_date,
        &evaluation,
        today,
    );
    let progress = evaluation.progress();
    Ok(AssessmentRow::from_verdict(
        &saved.assessment.metadata,
        &verdict,
        progress.answered,
        progress.on_path,
    ))
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A Markdown table, with a heading that says as of when.
pub fn markdown(rows: &[Row], today: Date) -> String {
    let mut out = String::new();
    let _ = write_markdown(&mut out, rows, today);
    out
}

fn write_markdown(out: &mut String, rows: &[Row], today: Date) -> std::fmt::Result {
    let md = |text: &str| escape::markdown(text);
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_owned()
        } else {
            items
                .iter()
                .map(|item| md(item))
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    writeln!(out, "# EU AI Act assessments")?;
    writeln!(out)?;
    writeln!(
        out,
        "{} assessment{}, verdicts as of {}. A self-assessment, not legal advice.",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        long_date(today)
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "| System | Organisation | Tier | Status | Key findings | Open points | Turns on | Last change | File |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|---|---|")?;
    for row in rows {
        match &row.content {
            RowContent::Assessment(a) => writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                md(&a.system_name),
                md(a.organisation.as_deref().unwrap_or("")),
                md(&a.tier_text()),
                md(&a.state()),
                list(&a.key_findings),
                list(&a.open_points),
                md(a.turns_on.as_deref().unwrap_or("none")),
                md(&timestamp(a.updated)),
                md(&row.name)
            )?,
            RowContent::Unreadable { reason } => writeln!(
                out,
                "| {} |  |  | unreadable: {} |  |  |  |  | {} |",
                md(&row.name),
                md(reason),
                md(&row.name)
            )?,
        }
    }
    if rows.is_empty() {
        writeln!(out, "|  |  |  | no assessments |  |  |  |  |  |")?;
    }
    Ok(())
}

pub const CSV_HEADER: [&str; 14] = [
    "file",
    "system",
    "organisation",
    "assessor",
    "tier",
    "tier_status",
    "status",
    "answered",
    "on_path",
    "key_findings",
    "open_points",
    "turns_on",
    "last_change",
    "problem",
];

/// CSV for a spreadsheet: one header row, then one row per assessment. Lists
/// are joined with "; ". Cells a spreadsheet would run as formulas are
/// made text.
pub fn csv(rows: &[Row]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    let cell = |text: &str| escape::spreadsheet_cell(text);
    for row in rows {
        let record: Vec<String> = match &row.content {
            RowContent::Assessment(a) => vec![
                cell(&row.name),
                cell(&a.system_name),
                cell(a.organisation.as_deref().unwrap_or("")),
                cell(a.assessor.as_deref().unwrap_or("")),
                cell(a.tier.as_deref().unwrap_or("")),
                match (&a.tier, a.tier_status) {
                    (None, _) => String::new(),
                    (Some(_), Status::Holds) => "holds".to_owned(),
                    (Some(_), Status::Provisional) => "provisional".to_owned(),
                },
                cell(&a.state()),
                a.answered.to_string(),
                a.on_path.to_string(),
                cell(&a.key_findings.join("; ")),
                cell(&a.open_points.join("; ")),
                cell(a.turns_on.as_deref().unwrap_or("")),
                a.updated.to_string(),
                String::new(),
            ],
            RowContent::Unreadable { reason } => {
                let mut record = vec![String::new(); CSV_HEADER.len()];
                record[0] = cell(&row.name);
                record[6] = "unreadable".to_owned();
                record[CSV_HEADER.len() - 1] = cell(reason);
                record
            }
        };
        writer.write_record(&record)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
