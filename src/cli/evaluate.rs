//! `aiact evaluate`: the verdict for answer files and saved assessments,
//! without the interactive screens.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use aiact_core::{AnswerValue, Answers, Questionnaire, Verdict};
use anyhow::{Result, bail};
use jiff::civil::Date;
use serde::Deserialize;

use super::{EXIT_INCOMPLETE, Given, Stores};
use crate::catalog;
use crate::report;
use crate::report::escape::path_line;
use crate::report::escape::{self, terminal_line, terminal_text};
use crate::storage::format::{self, FileKind, JsonProblem};
use crate::storage::input::{self, Links};
use crate::storage::{self, Mode, Opened, Questionnaires};
use crate::{out, outln};

/// What `aiact evaluate` reads.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerFile {
    questionnaire: String,
    #[serde(deserialize_with = "format::unique_keys")]
    answers: BTreeMap<String, AnswerValue>,
}

/// A file to evaluate: as given, or a saved assessment found by its name.
pub(super) struct Source {
    path: PathBuf,
    /// Found in the data directory by name: an assessment, read as `show`
    /// reads it (not through a link).
    saved: bool,
}

impl Source {
    pub(super) fn path(&self) -> &Path {
        &self.path
    }
}

/// A file as given if there is one; else a saved assessment of that name.
/// A name that matches nothing stays as given, so that the error says the
/// file cannot be read; a name that matches several is an error.
/// The data directory is located only then.
pub(super) fn saved_or_file(file: PathBuf, stores: &mut Stores) -> Result<Source> {
    let given = |path| Ok(Source { path, saved: false });
    // Whatever is there (a pipe, a dangling link) is read and refused
    // with its reason.
    if std::fs::symlink_metadata(&file).is_ok() {
        return given(file);
    }
    let Some(name) = file.to_str() else {
        return given(file);
    };
    match stores.get()?.resolve(name) {
        Ok(path) => Ok(Source { path, saved: true }),
        Err(storage::StorageError::NotFound {
            path,
            searched: None,
            ..
        }) => bail!(
            "{}: no such file, and no saved assessment of that name in {}",
            terminal_line(name),
            path_line(&path)
        ),
        Err(error) => Err(error.into()),
    }
}

pub(super) fn evaluate(
    files: &[Source],
    json: bool,
    given: Option<&Given>,
    today: Date,
) -> Result<ExitCode> {
    let mut verdicts = Vec::new();
    let mut incomplete = false;
    for file in files {
        let verdict = evaluate_file(file, given, today)?;
        incomplete |= !verdict.complete;
        verdicts.push((&file.path, verdict));
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
        outln!("{}", escape::json(&serde_json::to_string_pretty(&value)?))?;
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
                    path_line(file.as_path()),
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

/// The verdict for a file as `aiact evaluate FILE` gives it (an answers
/// file, or a saved assessment read-only), or why it cannot be given.
pub fn verdict_for_file(
    file: &Path,
    questionnaire_file: Option<&Path>,
    today: Date,
) -> Result<Verdict> {
    let source = Source {
        path: file.to_owned(),
        saved: false,
    };
    let given = Stores::new(None, questionnaire_file).given()?;
    evaluate_file(&source, given.as_ref(), today)
}

fn evaluate_file(source: &Source, given: Option<&Given>, today: Date) -> Result<Verdict> {
    let loaded = load(source, given)?;
    Ok(Verdict::compute_with_turns_on(
        &loaded.questionnaire,
        &loaded.answers,
        today,
    ))
}

/// Answers read from an answers file or a saved assessment, with the
/// questionnaire they are read with.
pub(super) struct Loaded {
    pub questionnaire: Arc<Questionnaire>,
    pub answers: Answers,
    /// A saved assessment's system name; `None` for an answers file.
    pub system_name: Option<String>,
}

/// The answers of a file as `aiact evaluate FILE` reads them, or why they
/// cannot be read; read with the `--questionnaire` file's questionnaire
/// if `given`.
pub(super) fn load(source: &Source, given: Option<&Given>) -> Result<Loaded> {
    let file = source.path.as_path();
    let links = if source.saved {
        Links::Refuse
    } else {
        Links::Follow
    };
    let bytes = input::read(file, links)?;
    let shown = path_line(file);
    match format::kind_of(&bytes) {
        // Read as `show` reads it, with the same reasons when it is bad.
        FileKind::Assessment => return load_assessment(file, given),
        FileKind::Report => {
            return Err(storage::StorageError::ExportedReport {
                path: file.to_owned(),
            }
            .into());
        }
        FileKind::Questionnaire => bail!(
            "{shown}: this is a questionnaire file, not answers: `aiact evaluate` reads answers files and saved assessments (`aiact questionnaire validate` checks a questionnaire)"
        ),
        FileKind::Answers | FileKind::Unknown => {}
    }
    let input: AnswerFile = serde_json::from_slice(&bytes).map_err(|error| {
        anyhow::anyhow!(
            "{shown}: not a valid answers file: {}",
            JsonProblem::of(&bytes, error)
        )
    })?;
    let questionnaire = match given {
        Some(given) => Arc::clone(&given.questionnaire),
        None => catalog::shared(&input.questionnaire)?,
    };
    if questionnaire.id() != input.questionnaire {
        bail!(
            "{shown}: the answers are for questionnaire `{}`, but {} is `{}`",
            terminal_line(&input.questionnaire),
            given.map_or_else(String::new, |given| path_line(given.path)),
            terminal_line(questionnaire.id())
        );
    }
    let answers = Answers::from_values(&questionnaire, &input.answers).map_err(|errors| {
        // One line each, whatever the ids in the file hold.
        let lines: Vec<String> = errors
            .iter()
            .map(|error| terminal_line(&error.to_string()).into_owned())
            .collect();
        anyhow::anyhow!(
            "{shown}: {} answer(s) do not fit questionnaire `{}` version {}:\n  {}",
            errors.len(),
            questionnaire.id(),
            questionnaire.version(),
            lines.join("\n  ")
        )
    })?;
    Ok(Loaded {
        questionnaire,
        answers,
        system_name: None,
    })
}

/// A saved assessment, read-only: its answers against the current
/// questionnaire. Answers that no longer fit are named on stderr.
fn load_assessment(file: &Path, given: Option<&Given>) -> Result<Loaded> {
    let questionnaires = match given {
        Some(given) => Questionnaires::built_in().with_shared(Arc::clone(&given.questionnaire)),
        None => Questionnaires::built_in(),
    };
    let opened = Opened::open_with(file, Mode::ReadOnly, &questionnaires)?;
    if let Some(given) = given
        && given.questionnaire.id() != opened.questionnaire.id()
    {
        bail!(
            "{}: the assessment is for questionnaire `{}`, but {} is `{}`",
            path_line(file),
            terminal_line(opened.questionnaire.id()),
            path_line(given.path),
            terminal_line(given.questionnaire.id())
        );
    }
    if let Some(migration) = &opened.migration {
        for dropped in &migration.dropped {
            // The question ids and versions come from the file.
            let line = format!(
                "{}: saved with questionnaire version {}, now {}: the answer to `{}` no longer counts: {}",
                file.display(),
                migration.from_version,
                migration.to_version,
                dropped.question,
                dropped.problem
            );
            eprintln!("aiact: {}", terminal_line(&line));
        }
    }
    Ok(Loaded {
        questionnaire: Arc::clone(&opened.questionnaire),
        answers: opened.answers().clone(),
        system_name: Some(opened.metadata().system_name.clone()),
    })
}
