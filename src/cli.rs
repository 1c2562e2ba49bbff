//! The command line. Parsing with clap; each command returns its exit code.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use aiact_core::{AnswerValue, Answers, Questionnaire, Verdict};
use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use jiff::civil::Date;
use serde::Deserialize;

use crate::report::graph::GraphFormat;
use crate::{catalog, report};

/// Exit status when the answers stop before a verdict can be given.
const EXIT_INCOMPLETE: u8 = 3;

/// Where does your AI product stand under the EU AI Act?
///
/// A self-assessment against Regulation (EU) 2024/1689 as amended. Not legal
/// advice.
#[derive(Debug, Parser)]
#[command(name = "aiact", version, about, long_about)]
pub struct Cli {
    /// Evaluate as of this date (YYYY-MM-DD) instead of today, to see which
    /// obligations apply by then.
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<Date>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Give the verdict for answers in a file, without the interactive screens.
    ///
    /// FILE holds {"questionnaire": "<id>", "answers": {"<question id>": <value>, ...}}.
    /// Exits with 3, listing the questions still needed, if the answers stop
    /// before a verdict can be given.
    Evaluate {
        /// Answer files; several are evaluated one after another.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Print the verdict as JSON (format documented in docs/verdict-format.md).
        #[arg(long)]
        json: bool,
        /// Use this questionnaire file instead of the built-in one.
        #[arg(long, value_name = "PATH")]
        questionnaire: Option<PathBuf>,
    },
    /// Work with questionnaire files.
    #[command(subcommand)]
    Questionnaire(QuestionnaireCommand),
    /// Print a shell completion script.
    ///
    /// bash: `aiact completions bash > ~/.local/share/bash-completion/completions/aiact`;
    /// zsh: `aiact completions zsh > ~/.zfunc/_aiact` (with ~/.zfunc in fpath);
    /// fish: `aiact completions fish > ~/.config/fish/completions/aiact.fish`.
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
}

/// Shells with completion scripts.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Subcommand)]
pub enum QuestionnaireCommand {
    /// Check a questionnaire file and print every problem found.
    Validate {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Print the decision tree as a diagram: which question depends on which
    /// answer, which answers lead to which finding and tier.
    Graph {
        /// The questionnaire file; the built-in one if omitted.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "dot")]
        format: GraphFormat,
    },
}

/// Parses the arguments, runs the command and reports errors on stderr.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("aiact: {error:#}");
            ExitCode::FAILURE
        }
    }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let today = cli.today.unwrap_or_else(aiact_core::today);
    match cli.command {
        None => {
            // The questionnaire loads while the home screen shows.
            let workspace = crate::tui::workspace::Workspace::loading(|| {
                catalog::default_questionnaire().map_err(|error| error.to_string())
            });
            crate::tui::run(workspace, today)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Questionnaire(QuestionnaireCommand::Validate { file })) => {
            Ok(validate(&file))
        }
        Some(Command::Questionnaire(QuestionnaireCommand::Graph { file, format })) => {
            let questionnaire = catalog::resolve(catalog::DEFAULT_ID, file.as_deref())?;
            print!("{}", report::graph::render(&questionnaire, format));
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            let shell = match shell {
                Shell::Bash => clap_complete::Shell::Bash,
                Shell::Zsh => clap_complete::Shell::Zsh,
                Shell::Fish => clap_complete::Shell::Fish,
            };
            clap_complete::generate(shell, &mut Cli::command(), "aiact", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Evaluate {
            files,
            json,
            questionnaire,
        }) => evaluate(&files, json, questionnaire.as_deref(), today),
    }
}

fn validate(file: &Path) -> ExitCode {
    match Questionnaire::load(file) {
        Ok(questionnaire) => {
            let doc = questionnaire.doc();
            println!(
                "{}: valid questionnaire `{}` version {}: {} sections, {} questions, {} findings, {} roles, {} obligations, {} milestones, {} tiers",
                file.display(),
                doc.id,
                doc.version,
                doc.sections.len(),
                doc.questions.len(),
                doc.findings.len(),
                doc.roles.len(),
                doc.obligations.len(),
                doc.milestones.len(),
                doc.tiers.len(),
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            for line in error.lines() {
                eprintln!("{line}");
            }
            ExitCode::FAILURE
        }
    }
}

/// What `aiact evaluate` reads.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerFile {
    questionnaire: String,
    answers: BTreeMap<String, AnswerValue>,
}

fn evaluate(
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
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        for (i, (file, verdict)) in verdicts.iter().enumerate() {
            if verdicts.len() > 1 {
                if i > 0 {
                    println!();
                }
                println!("=== {} ===", file.display());
            }
            print!("{}", report::text::render(verdict));
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
