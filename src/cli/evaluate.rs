//! `aiact evaluate`: the verdict for answer files and saved assessments,
//! without the interactive screens.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use aiact_core::{AnswerValue, Answers, Questionnaire, Verdict};
use anyhow::{Context, Result, bail};
use jiff::civil::Date;
use serde::Deserialize;

use super::{EXIT_INCOMPLETE, store};
use crate::catalog;
use crate::report;
use crate::report::escape::terminal_text;
use crate::storage::{self, Mode, Opened, Questionnaires};
use crate::{out, outln};

/// What `aiact evaluate` reads.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerFile {
    questionnaire: String,
    answers: BTreeMap<String, AnswerValue>,
}

/// A file as given if there is one; else a saved assessment of that name.
/// A name that matches nothing stays as given, so that the error says the
/// file cannot be read; a name that matches several is an error.
pub(super) fn saved_or_file(
    file: PathBuf,
    data_dir: Option<&Path>,
    questionnaire: Option<&Path>,
) -> Result<PathBuf> {
    if file.exists() {
        return Ok(file);
    }
    let Some(name) = file.to_str() else {
        return Ok(file);
    };
    let Ok(store) = store(data_dir.map(Path::to_path_buf), questionnaire) else {
        return Ok(file);
    };
    match store.resolve(name) {
        Ok(path) => Ok(path),
        Err(storage::StorageError::NotFound {
            path,
            searched: None,
            ..
        }) => bail!(
            "{name}: no such file, and no saved assessment of that name in {}",
            path.display()
        ),
        Err(error) => Err(error.into()),
    }
}

pub(super) fn evaluate(
    files: &[PathBuf],
    json: bool,
    questionnaire_file: Option<&Path>,
    today: Date,
) -> Result<ExitCode> {
    let mut verdicts = Vec::new();
    let mut incomplete = false;
    for file in files {
        let verdict = evaluate_file(file, questionnaire_file, today)?;
        incomplete |= !verdict.complete;
        verdicts.push((file, verdict));
    }
    if json {
        let value = match verdicts.as_slice() {
            [(_, verdict)] => serde_json::to_value(verdict)?,
            several => serde_json::Value::Array(
                several
                    .iter()
                    .map(|(file, verdict)| {
                        serde_json::json!({"file": file.display().to_string(), "verdict": verdict})
                    })
                    .collect(),
            ),
        };
        outln!("{}", serde_json::to_string_pretty(&value)?)?;
    } else {
        for (i, (file, verdict)) in verdicts.iter().enumerate() {
            if verdicts.len() > 1 {
                if i > 0 {
                    outln!()?;
                }
                outln!("=== {} ===", terminal_text(&file.display().to_string()))?;
            }
            out!("{}", terminal_text(&report::text::render(verdict)))?;
        }
    }
    if incomplete {
        for (file, verdict) in &verdicts {
            if !verdict.complete {
                eprintln!(
                    "aiact: {}: no verdict yet: {} question(s) still need an answer: {}",
                    file.display(),
                    verdict.missing.len(),
                    verdict
                        .missing
                        .iter()
                        .map(|q| q.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
        return Ok(ExitCode::from(EXIT_INCOMPLETE));
    }
    Ok(ExitCode::SUCCESS)
}

fn evaluate_file(file: &Path, questionnaire_file: Option<&Path>, today: Date) -> Result<Verdict> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("{}: cannot read the file", file.display()))?;
    if storage::format::declares_assessment(text.as_bytes()) {
        return evaluate_assessment(file, questionnaire_file, today);
    }
    if storage::format::declares_report(text.as_bytes()) {
        return Err(storage::StorageError::ExportedReport {
            path: file.to_owned(),
        }
        .into());
    }
    let input: AnswerFile = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a valid answers file", file.display()))?;
    let questionnaire = catalog::resolve(&input.questionnaire, questionnaire_file)?;
    if questionnaire.id() != input.questionnaire {
        bail!(
            "{}: the answers are for questionnaire `{}`, but {} is `{}`",
            file.display(),
            input.questionnaire,
            questionnaire_file.map_or_else(String::new, |p| p.display().to_string()),
            questionnaire.id()
        );
    }
    let answers = Answers::from_values(&questionnaire, &input.answers).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        anyhow::anyhow!(
            "{}: {} answer(s) do not fit questionnaire `{}` version {}:\n  {}",
            file.display(),
            errors.len(),
            questionnaire.id(),
            questionnaire.version(),
            lines.join("\n  ")
        )
    })?;
    Ok(Verdict::compute(&questionnaire, &answers, today))
}

/// A saved assessment, read-only: its answers against the current
/// questionnaire. Answers that no longer fit are named on stderr.
fn evaluate_assessment(
    file: &Path,
    questionnaire_file: Option<&Path>,
    today: Date,
) -> Result<Verdict> {
    let custom = questionnaire_file.map(Questionnaire::load).transpose()?;
    let questionnaires = match &custom {
        Some(questionnaire) => Questionnaires::built_in().with(questionnaire.clone()),
        None => Questionnaires::built_in(),
    };
    let opened = Opened::open_with(file, Mode::ReadOnly, &questionnaires)?;
    if let (Some(custom), Some(path)) = (&custom, questionnaire_file)
        && custom.id() != opened.questionnaire.id()
    {
        bail!(
            "{}: the assessment is for questionnaire `{}`, but {} is `{}`",
            file.display(),
            opened.questionnaire.id(),
            path.display(),
            custom.id()
        );
    }
    if let Some(migration) = &opened.migration {
        for dropped in &migration.dropped {
            eprintln!(
                "aiact: {}: saved with questionnaire version {}, now {}: the answer to `{}` no longer counts: {}",
                file.display(),
                migration.from_version,
                migration.to_version,
                dropped.question,
                dropped.problem
            );
        }
    }
    Ok(Verdict::compute(
        &opened.questionnaire,
        opened.answers(),
        today,
    ))
}
