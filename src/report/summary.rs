//! The workshop table (`aiact summary`): one row per assessment in the data
//! directory, as Markdown or CSV.

use std::collections::HashMap;
use std::fmt::Write;
use std::path::Path;

use aiact_core::verdict::Status;
use aiact_core::{Evaluation, Questionnaire, Verdict};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::brief::{self, Deadline};
use super::html::{Images, write_head};
use super::outline::finding_title;
use super::text::{long_date, timestamp};
use super::wording::role_labels;
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
    /// Findings that set a tier, marked as show marks them (provisional,
    /// for context).
    pub key_findings: Vec<String>,
    pub open_points: Vec<String>,
    /// What the result turns on most: the first answer of "What this
    /// result turns on", with what another answer would make it.
    pub turns_on: Option<String>,
    pub updated: Timestamp,
    /// The outcome's headline, the other tiers with duties and the
    /// look-ahead ([`brief::result`]).
    pub result: String,
    /// For a system still in development: the result for its launch.
    pub look_ahead: Option<String>,
    /// The provisions the result rests on, in short.
    pub basis: Vec<String>,
    /// The user's roles, provisional ones marked.
    pub roles: Vec<String>,
    /// Exemptions, holds, deadlines, with where the duties would stand
    /// once a "not sure" is settled.
    pub exemption_or_hold: Vec<String>,
    pub next_deadline: Option<Deadline>,
    /// The open points as the questions to settle.
    pub questions_to_settle: Vec<String>,
    /// The result's level in the pyramid (0 the top), for the handout's
    /// marker; `None` for a tier outside it.
    pub level: Option<usize>,
}

impl AssessmentRow {
    pub(super) fn from_verdict(
        questionnaire: &Questionnaire,
        metadata: &crate::storage::Metadata,
        verdict: &Verdict,
        answered: usize,
        on_path: usize,
    ) -> Self {
        let decided = verdict.decided_tier();
        Self {
            system_name: metadata.system_name.clone(),
            organisation: metadata.organisation.clone(),
            assessor: metadata.assessor.clone(),
            // Unfinished with nothing deciding the tier yet, the headline is
            // only the default tier: no result to show.
            tier: decided.map(|tier| tier.label.clone()),
            tier_status: verdict.tier_status,
            complete: verdict.complete,
            answered,
            on_path,
            key_findings: verdict
                .findings
                .iter()
                .filter(|finding| finding.tier.is_some())
                .map(finding_title)
                .collect(),
            open_points: verdict
                .open_points
                .iter()
                .map(|point| point.title.clone())
                .collect(),
            turns_on: turns_on::top_line(verdict),
            updated: metadata.updated,
            result: brief::result(verdict),
            look_ahead: brief::look_ahead(verdict),
            basis: brief::basis(verdict),
            roles: role_labels(&verdict.roles),
            exemption_or_hold: brief::exemption_or_hold(verdict),
            next_deadline: brief::next_deadline(verdict),
            questions_to_settle: brief::questions_to_settle(verdict),
            level: decided.and_then(|decided| {
                (questionnaire.tiers().iter())
                    .filter(|tier| tier.in_pyramid)
                    .position(|tier| tier.id == decided.id)
            }),
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
        &saved.questionnaire,
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

/// The table's title.
pub const TITLE: &str = "EU AI Act assessments";

/// "3 assessments, verdicts as of 7 December 2026. A self-assessment, not
/// legal advice."
fn heading_line(rows: &[Row], today: Date) -> String {
    format!(
        "{} assessment{}, verdicts as of {}. A self-assessment, not legal advice.",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" },
        long_date(today)
    )
}

/// Said in the Status column of a file that cannot be read, before why.
const UNREADABLE: &str = "unreadable: ";
/// Said in an empty table.
const NO_ASSESSMENTS: &str = "no assessments";

/// The columns of the Markdown table, and their cells.
const MARKDOWN_COLUMNS: [&str; 12] = [
    "System",
    "Organisation",
    "Result",
    "Basis",
    "Role",
    "Exemption or hold",
    "Next deadline",
    "Turns on",
    "Questions to settle",
    "Status",
    "Last change",
    "File",
];

impl AssessmentRow {
    /// The result; nothing before the first answer.
    pub fn result_text(&self) -> &str {
        if self.answered == 0 { "" } else { &self.result }
    }

    pub fn next_deadline_text(&self) -> &str {
        (self.next_deadline.as_ref()).map_or(brief::NOTHING, |deadline| deadline.text.as_str())
    }

    pub fn turns_on_text(&self) -> &str {
        self.turns_on.as_deref().unwrap_or(brief::NOTHING)
    }

    /// The Markdown table's cells, unescaped.
    fn markdown_cells(&self, name: &str) -> [String; 12] {
        [
            self.system_name.clone(),
            self.organisation.clone().unwrap_or_default(),
            self.result_text().to_owned(),
            brief::listed(&self.basis),
            brief::listed(&self.roles),
            brief::listed(&self.exemption_or_hold),
            self.next_deadline_text().to_owned(),
            self.turns_on_text().to_owned(),
            brief::listed(&self.questions_to_settle),
            self.state(),
            timestamp(self.updated),
            name.to_owned(),
        ]
    }
}

/// A Markdown table, with a heading that says as of when.
pub fn markdown(rows: &[Row], today: Date) -> String {
    let mut out = String::new();
    let _ = write_markdown(&mut out, rows, today);
    out
}

fn write_markdown(out: &mut String, rows: &[Row], today: Date) -> std::fmt::Result {
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|cell| escape::markdown(cell)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let blank_except = |at: usize, text: String| {
        let mut cells = vec![String::new(); MARKDOWN_COLUMNS.len()];
        cells[at] = text;
        cells
    };
    let status = MARKDOWN_COLUMNS.len() - 3;
    writeln!(out, "# {TITLE}")?;
    writeln!(out)?;
    writeln!(out, "{}", heading_line(rows, today))?;
    writeln!(out)?;
    writeln!(out, "| {} |", MARKDOWN_COLUMNS.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(MARKDOWN_COLUMNS.len()))?;
    for row in rows {
        let cells = match &row.content {
            RowContent::Assessment(a) => a.markdown_cells(&row.name).to_vec(),
            RowContent::Unreadable { reason } => {
                let mut cells = blank_except(status, format!("{UNREADABLE}{reason}"));
                cells[0] = row.name.clone();
                cells[MARKDOWN_COLUMNS.len() - 1] = row.name.clone();
                cells
            }
        };
        writeln!(out, "{}", line(&cells))?;
    }
    if rows.is_empty() {
        writeln!(
            out,
            "{}",
            line(&blank_except(status, NO_ASSESSMENTS.to_owned()))
        )?;
    }
    Ok(())
}

/// The printable handout: one self-contained page (inline CSS, nothing
/// loaded from anywhere), A4 landscape, the table's header repeated on
/// every page, a footer of its own with the page number in place of the
/// browser's header and footer. Every piece of text is escaped.
pub fn html(rows: &[Row], today: Date) -> String {
    let mut out = String::with_capacity(4096 + rows.len() * 2048);
    let _ = write_html(&mut out, rows, today);
    out
}

const HANDOUT_STYLE: &str = include_str!("summary.css");
/// The page footer's type.
const MARGIN_FONT: &str = "font: 8pt system-ui, sans-serif; color: #55525c;";

/// The handout's columns: the Markdown table's, but for those the system
/// cell holds (the organisation and the file) and the status cell (the
/// last change).
fn html_columns() -> impl Iterator<Item = &'static str> {
    (MARKDOWN_COLUMNS.into_iter())
        .filter(|column| !matches!(*column, "Organisation" | "Last change" | "File"))
}

fn write_html(out: &mut String, rows: &[Row], today: Date) -> std::fmt::Result {
    use escape::html as e;
    let as_of = long_date(today);
    // The page's own footer, and an empty header, in the page margin: a
    // browser that draws margin boxes (Chromium from 131, Safari from
    // 18.2) prints no header or footer of its own there (no file path, no
    // date); each edge needs a box of the page's for that.
    let footer = format!("{TITLE}, verdicts as of {as_of}. Not legal advice.");
    write_head(
        out,
        &format!("{TITLE}, verdicts as of {}", e(&as_of)),
        Images::None,
        &format!(
            "{HANDOUT_STYLE}@page {{\n  @top-left {{ content: \"\"; }}\n  @top-center {{ content: \"\"; }}\n  @top-right {{ content: \"\"; }}\n  @bottom-left {{ content: \"{}\"; {MARGIN_FONT} }}\n  @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); {MARGIN_FONT} }}\n}}\n",
            css_string(&footer)
        ),
    )?;
    writeln!(out, "<header>")?;
    writeln!(out, "<h1>{TITLE}</h1>")?;
    writeln!(out, "<p>{}</p>", e(&heading_line(rows, today)))?;
    writeln!(out, "</header>")?;
    writeln!(out, "<main>")?;
    writeln!(out, "<table>")?;
    writeln!(out, "<thead><tr>")?;
    for column in html_columns() {
        writeln!(out, "<th scope=\"col\">{column}</th>")?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    for row in rows {
        write_html_row(out, row)?;
    }
    if rows.is_empty() {
        writeln!(
            out,
            "<tr><td colspan=\"{}\">{NO_ASSESSMENTS}</td></tr>",
            html_columns().count()
        )?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    writeln!(out, "</main>")?;
    writeln!(
        out,
        "<footer><p><strong>Not legal advice.</strong> {}</p></footer>",
        e(super::model::NOT_LEGAL_ADVICE)
    )?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

fn write_html_row(out: &mut String, row: &Row) -> std::fmt::Result {
    use escape::html as e;
    let list = |items: &[String]| -> String {
        match items {
            [] => brief::NOTHING.to_owned(),
            [one] => e(one),
            many => format!(
                "<ul>{}</ul>",
                many.iter()
                    .map(|item| format!("<li>{}</li>", e(item)))
                    .collect::<String>()
            ),
        }
    };
    let a = match &row.content {
        RowContent::Assessment(a) => a,
        RowContent::Unreadable { reason } => {
            return writeln!(
                out,
                "<tr class=\"unreadable\"><th scope=\"row\">{name}<span class=\"file\">{name}</span></th><td colspan=\"{}\"><strong>{UNREADABLE}</strong>{}</td></tr>",
                html_columns().count() - 1,
                e(reason),
                name = e(&row.name),
            );
        }
    };
    writeln!(out, "<tr>")?;
    write!(out, "<th scope=\"row\">{}", e(&a.system_name))?;
    if let Some(organisation) = &a.organisation {
        write!(
            out,
            "<span class=\"organisation\">{}</span>",
            e(organisation)
        )?;
    }
    writeln!(out, "<span class=\"file\">{}</span></th>", e(&row.name))?;
    let marker = match a.level {
        Some(level) if a.answered > 0 => {
            format!(
                "<span class=\"marker level-{}\" aria-hidden=\"true\"></span>",
                level.min(3)
            )
        }
        _ => String::new(),
    };
    writeln!(
        out,
        "<td class=\"result\">{marker}{}</td>",
        e(a.result_text())
    )?;
    writeln!(out, "<td>{}</td>", list(&a.basis))?;
    writeln!(out, "<td>{}</td>", list(&a.roles))?;
    writeln!(out, "<td>{}</td>", list(&a.exemption_or_hold))?;
    writeln!(out, "<td>{}</td>", e(a.next_deadline_text()))?;
    writeln!(out, "<td class=\"turns-on\">{}</td>", e(a.turns_on_text()))?;
    writeln!(
        out,
        "<td class=\"to-settle\">{}</td>",
        list(&a.questions_to_settle)
    )?;
    writeln!(
        out,
        "<td>{}<span class=\"changed\">{}</span></td>",
        e(&a.state()),
        e(&timestamp(a.updated))
    )?;
    writeln!(out, "</tr>")
}

/// Text for a quoted CSS string: no quote, backslash or line break can
/// end it early (the date and title are the program's, but a CSS string
/// is one more place to get escaping wrong).
fn css_string(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '"' | '\\' | '<' | '>' => format!("\\{:x} ", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

pub const CSV_HEADER: [&str; 23] = [
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
    // Added with the outcome (issue 13); the columns above stay in place.
    "result",
    "basis",
    "role",
    "exemption_or_hold",
    "next_deadline",
    "next_deadline_date",
    "next_deadline_duties",
    "questions_to_settle",
    "look_ahead_result",
];

/// Where a column is.
fn csv_column(name: &str) -> usize {
    CSV_HEADER
        .iter()
        .position(|column| *column == name)
        .unwrap_or(0)
}

/// How the table is written for a spreadsheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spreadsheet {
    /// RFC 4180: UTF-8 without a byte order mark, comma-separated (for
    /// scripts, and spreadsheets that ask how to read a file).
    Csv,
    /// What Excel opens correctly on a double click in every locale:
    /// UTF-16LE with a byte order mark, tab-separated. A UTF-8 byte order
    /// mark alone would fix the characters, but not the separator where
    /// Excel's list separator is `;` (German, French, ...).
    Excel,
}

/// The table for a spreadsheet: one header row, then one row per
/// assessment. Lists are joined with "; ". Cells a spreadsheet would run
/// as formulas are made text.
pub fn spreadsheet(rows: &[Row], kind: Spreadsheet) -> Result<Vec<u8>, csv::Error> {
    let delimiter = match kind {
        Spreadsheet::Csv => b',',
        Spreadsheet::Excel => b'\t',
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    let cell = |text: &str| escape::spreadsheet_cell(text);
    let list = |items: &[String]| cell(&items.join("; "));
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
                list(&a.key_findings),
                list(&a.open_points),
                cell(a.turns_on.as_deref().unwrap_or("")),
                a.updated.to_string(),
                String::new(),
                cell(a.result_text()),
                list(&a.basis),
                list(&a.roles),
                list(&a.exemption_or_hold),
                cell(a.next_deadline.as_ref().map_or("", |d| d.text.as_str())),
                (a.next_deadline.as_ref())
                    .and_then(|deadline| deadline.date)
                    .map(|date| date.to_string())
                    .unwrap_or_default(),
                (a.next_deadline.as_ref())
                    .map(|deadline| deadline.duties.to_string())
                    .unwrap_or_default(),
                list(&a.questions_to_settle),
                cell(a.look_ahead.as_deref().unwrap_or("")),
            ],
            RowContent::Unreadable { reason } => {
                let mut record = vec![String::new(); CSV_HEADER.len()];
                record[csv_column("file")] = cell(&row.name);
                record[csv_column("status")] = "unreadable".to_owned();
                record[csv_column("problem")] = cell(reason);
                record
            }
        };
        writer.write_record(&record)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))?;
    Ok(match kind {
        Spreadsheet::Csv => bytes,
        Spreadsheet::Excel => utf16le_with_bom(&String::from_utf8_lossy(&bytes)),
    })
}

/// Text as UTF-16, little-endian, after a byte order mark (`FF FE`).
fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(2 + text.len() * 2);
    bytes.extend_from_slice(&[0xFF, 0xFE]);
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

#[cfg(test)]
mod tests {
    use aiact_core::outcome::{DutyState, FindingRole, When};
    use jiff::civil::date;

    use super::*;
    use crate::report::scenarios::scenarios;
    use crate::storage::Metadata;

    fn metadata() -> Metadata {
        Metadata {
            system_name: "System".to_owned(),
            organisation: None,
            assessor: None,
            created: Timestamp::UNIX_EPOCH,
            updated: Timestamp::UNIX_EPOCH,
        }
    }

    fn answers(questionnaire: &Questionnaire, values: serde_json::Value) -> aiact_core::Answers {
        let values: std::collections::BTreeMap<String, aiact_core::AnswerValue> =
            serde_json::from_value(values).expect("answers");
        aiact_core::Answers::from_values(questionnaire, &values).expect("valid")
    }

    /// Facilitator trial 3 (an emotion camera at work): the row's "turns
    /// on" was about a finding shown only for context, its key findings
    /// listed those without the mark show gives them, and the next
    /// deadline counted 1 duty where the plan lists two now (AI literacy,
    /// stop).
    #[test]
    fn a_row_says_what_show_says() {
        let questionnaire = crate::catalog::default_questionnaire().expect("built-in");
        let today = date(2026, 12, 7);
        let metadata = metadata();
        // The trial's camera: a deployer's, at work.
        let camera = answers(
            &questionnaire,
            serde_json::json!({
                "subject": "system", "how_it_works": ["learned"], "eu_reach": "eu_based",
                "exclusions": ["none"], "role": ["deployer"], "what_it_does": ["biometrics"],
                "biometric_uses": ["emotion"], "emotion_setting": ["workplace"],
                "emotion_purpose": ["other_uses"]
            }),
        );
        let (mut bans, mut with_context) = (0, 0);
        for answers in scenarios(&questionnaire).into_iter().chain([camera]) {
            let verdict = Verdict::compute_with_turns_on(&questionnaire, &answers, today);
            let row = AssessmentRow::from_verdict(&questionnaire, &metadata, &verdict, 1, 1);
            let context = (verdict.findings.iter())
                .filter(|finding| finding.tier.is_some() && finding.role == FindingRole::Context);
            for finding in context {
                with_context += 1;
                assert!(
                    row.key_findings
                        .iter()
                        .any(|key| key.starts_with(&finding.title) && key.contains("for context")),
                    "{:?}",
                    row.key_findings
                );
                let turns_on = row.turns_on.as_deref().unwrap_or_default();
                assert!(
                    !turns_on.contains(&format!(": no longer: {}", finding.title)),
                    "{turns_on}"
                );
            }
            let deadline = row.next_deadline.as_ref();
            if verdict.outcome.duties.state == DutyState::Stop
                && deadline.is_some_and(|d| d.date.is_none())
            {
                bans += 1;
                let now: usize = (verdict.plan.iter())
                    .filter(|step| step.when == When::Now)
                    .map(|step| step.duties.len())
                    .sum();
                assert!(now >= 2, "the stop and AI literacy");
                assert_eq!(deadline.map(|d| d.duties), Some(now));
            }
        }
        assert!(bans > 3 && with_context > 3, "{bans} bans, {with_context}");
    }

    /// Facilitator trial 3: a row with a "not sure" ran to ~30 lines in the
    /// handout, the question spelled out under "Exemption or hold", again
    /// under "Questions to settle" and paraphrased under "Turns on". Named
    /// in full once; elsewhere in a few words.
    #[test]
    fn a_question_to_settle_is_spelled_out_once_in_a_row() {
        let questionnaire = crate::catalog::default_questionnaire().expect("built-in");
        let metadata = metadata();
        let ranker = answers(
            &questionnaire,
            serde_json::json!({
                "subject": "system", "how_it_works": ["learned"], "eu_reach": "eu_based",
                "exclusions": ["none"], "role": ["provider"], "what_it_does": ["none"],
                "used_for": ["employment"], "use_work": ["a"], "first_placed": "before_dec_2027",
                "hr_design_changed": "not_sure", "public_customers": ["none"]
            }),
        );
        let verdict = Verdict::compute_with_turns_on(&questionnaire, &ranker, date(2026, 12, 7));
        let row = AssessmentRow::from_verdict(&questionnaire, &metadata, &verdict, 1, 1);
        let [question] = row.questions_to_settle.as_slice() else {
            panic!("one question to settle: {:?}", row.questions_to_settle);
        };
        let opening = "From the day the high-risk rules apply to it";
        assert!(question.starts_with(opening), "{question}");
        let html = html(
            &[Row {
                name: "cv-ranker".to_owned(),
                content: RowContent::Assessment(Box::new(row.clone())),
            }],
            date(2026, 12, 7),
        );
        assert_eq!(html.matches(&escape::html(question)).count(), 1);
        for cell in row.exemption_or_hold.iter().chain(&row.turns_on) {
            assert!(!cell.contains(opening), "spelled out again: {cell}");
            assert!(cell.chars().count() < 150, "too long for a cell: {cell}");
        }
        assert!(
            (row.turns_on.as_deref().unwrap_or_default())
                .starts_with("“From the day the high-risk rules apply…” (not sure)"),
            "{:?}",
            row.turns_on
        );
    }
}
