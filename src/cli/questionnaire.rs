//! `aiact questionnaire`: tools for questionnaire authors (check a file,
//! draw the decision tree).

use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::authoring::graph::{self, GraphFormat};
use crate::catalog;
use crate::report::escape::{path_line, terminal_line, terminal_text};
use crate::{out, outln};

/// `aiact questionnaire graph`: the built-in questionnaire, or `file`.
pub(super) fn graph(file: Option<&Path>, format: GraphFormat) -> Result<ExitCode> {
    let questionnaire = catalog::resolve(catalog::DEFAULT_ID, file)?;
    // Texts of a questionnaire file may hold anything.
    out!("{}", terminal_text(&graph::render(&questionnaire, format)))?;
    Ok(ExitCode::SUCCESS)
}

/// `aiact questionnaire validate`: every problem found (reachability
/// included), or what the file holds.
pub(super) fn validate(file: &Path) -> Result<ExitCode> {
    match catalog::load_file(file) {
        Ok(questionnaire) => {
            let doc = questionnaire.doc();
            outln!(
                "{}: valid questionnaire `{}` version {}: {} sections, {} questions, {} findings, {} roles, {} obligations, {} milestones, {} tiers, {} named conditions, {} schedules",
                path_line(file),
                terminal_line(&doc.id),
                terminal_line(&doc.version),
                doc.sections.len(),
                doc.questions.len(),
                doc.findings.len(),
                doc.roles.len(),
                doc.obligations.len(),
                doc.milestones.len(),
                doc.tiers.len(),
                questionnaire.named_conditions().len(),
                questionnaire.schedules().len(),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            for line in error.lines() {
                eprintln!("{}", terminal_line(&line));
            }
            Ok(ExitCode::FAILURE)
        }
    }
}
