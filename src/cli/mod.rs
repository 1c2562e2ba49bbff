//! The command line. Parsing with clap; each command returns its exit code.

pub mod ask;
pub mod compare;
pub mod evaluate;
pub mod manage;
pub mod publish;
mod questionnaire;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use aiact_core::Questionnaire;
use anyhow::Result;
use clap::{Parser, Subcommand};
use jiff::civil::Date;

use crate::authoring::graph::GraphFormat;
use crate::catalog;
use crate::out;
use crate::report::ExportFormat;
use crate::report::escape::terminal_text;
use crate::start::Start;
use crate::storage::{Questionnaires, Store};
use crate::tui::workspace::Workspace;
use publish::SummaryFormat;

/// Exit status when the answers stop before a verdict can be given.
pub(crate) const EXIT_INCOMPLETE: u8 = 3;

/// Where does your AI product stand under the EU AI Act?
///
/// A self-assessment against Regulation (EU) 2024/1689 as amended. Not legal
/// advice. Without a command, opens the interactive assessment.
#[derive(Debug, Default, Parser)]
#[command(
    name = "aiact",
    version,
    about,
    long_about,
    after_help = "Exit status: 0 done; 1 error (a file that cannot be read, an unknown assessment, ...); 2 usage error (unknown command or option, bad value); 3 no verdict yet (evaluate: answers missing; ask: stopped before the end)."
)]
pub struct Cli {
    /// Evaluate as of this date (YYYY-MM-DD) instead of today, to see which
    /// obligations apply by then.
    #[arg(long, global = true, value_name = "DATE")]
    pub today: Option<Date>,

    /// Keep assessments in DIR/assessments instead of the platform data
    /// directory (Linux: ~/.local/share/aiact). Also set by AIACT_DATA_DIR.
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Use this questionnaire file instead of the built-in one with the same
    /// id (for questionnaire authors), and for new assessments.
    #[arg(long, global = true, value_name = "PATH")]
    pub questionnaire: Option<PathBuf>,

    /// Ask the questions line by line (as `aiact ask`) instead of opening
    /// the full-screen interface: without a command, and with `new` and
    /// `open`.
    #[arg(long, global = true)]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Give the verdict for answers in a file, without the interactive screens.
    ///
    /// FILE holds {"questionnaire": "<id>", "answers": {"<question id>": <value>, ...}},
    /// or is a saved assessment (its verdict is recomputed with the current
    /// questionnaire). Exits with 3, listing the questions still needed, if the answers stop
    /// before a verdict can be given.
    Evaluate {
        /// Answer files or saved assessments (by path, file name without
        /// .json, or system name); several are evaluated one after another.
        #[arg(required = true, value_name = "FILE|NAME")]
        files: Vec<PathBuf>,
        /// Print the verdict as JSON (format documented in docs/verdict-format.md).
        #[arg(long)]
        json: bool,
    },
    /// Start a new assessment in the interactive screens (with --plain:
    /// line by line, as `aiact ask`).
    New {
        /// The AI system's name (asked for if not given).
        name: Option<String>,
    },
    /// Open a saved assessment in the interactive screens (with --plain:
    /// line by line, as `aiact ask`).
    Open {
        /// Its file name without .json, its system name, or a path to the file.
        #[arg(value_name = "NAME|PATH")]
        name: String,
    },
    /// Work with questionnaire files.
    #[command(subcommand)]
    Questionnaire(QuestionnaireCommand),
    /// List the saved assessments, most recently changed first: tier,
    /// progress, last change.
    List {
        /// Print the list as JSON (one object per assessment; unreadable
        /// files have `unreadable` with the reason).
        #[arg(long)]
        json: bool,
    },
    /// Print a saved assessment's report as text: the verdict, recomputed
    /// as of today, with every answer and note.
    Show {
        /// The assessment: its file name without .json, its system name, or a path.
        name: String,
    },
    /// Write a saved assessment's report to share: the verdict with its
    /// reasons, obligations and dates, every answer and note.
    Export {
        /// The assessment: its file name without .json, its system name, or a path.
        name: String,
        /// The format; without it, the extension of FILE (.md, .html,
        /// .json) decides, else Markdown. A format the extension
        /// contradicts is refused.
        #[arg(long, value_enum)]
        format: Option<ExportFormatArg>,
        /// Write to FILE instead of standard output (never over an assessment).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// One row per assessment in the data directory (system, organisation,
    /// result, basis, role, exemption or hold, next deadline, what it turns
    /// on, questions to settle, status, last change): the table that closes
    /// a workshop.
    Summary {
        /// The format; without it, the extension of FILE (.md, .csv,
        /// .html) decides, else Markdown. A format the extension
        /// contradicts is refused.
        #[arg(long, value_enum)]
        format: Option<SummaryFormat>,
        /// The CSV columns as Excel opens them on a double click, in any
        /// locale: UTF-16 with a byte order mark, tab-separated. Written
        /// to a file: `aiact summary --excel -o workshop.csv`.
        #[arg(long, conflicts_with = "format")]
        excel: bool,
        /// Write to FILE instead of standard output (never over an assessment).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Two assessments side by side: the answers that differ, and how the
    /// verdict differs (result, basis, exemption or hold, duties added or
    /// removed, dates changed, what it turns on). The "what if" of a
    /// workshop: duplicate an assessment, change an answer, compare.
    Compare {
        /// The first: a saved assessment (file name without .json, system
        /// name, or path) or an answers file, as `evaluate` reads them.
        #[arg(value_name = "A")]
        a: PathBuf,
        /// The second, likewise.
        #[arg(value_name = "B")]
        b: PathBuf,
        /// text on a terminal; md for a document; json (both verdicts and
        /// the comparison, documented in docs/verdict-format.md). Without
        /// it, the extension of FILE (.txt, .md, .json) decides, else text.
        #[arg(long, value_enum)]
        format: Option<compare::CompareFormat>,
        /// Write to FILE instead of standard output (never over an assessment).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Answer the questions line by line, without the full-screen
    /// interface: for screen readers, simple terminals and piped input.
    ///
    /// Continues the assessment NAME if there is one, else starts a new
    /// one called NAME (asked for if omitted). Answer by number or option
    /// id; `?` shows help and the law, `note TEXT` adds a note, `back`
    /// goes back, `not sure` where offered, `quit` stops. Every answer is
    /// saved at once. Exits with 3 if stopped before the verdict.
    Ask {
        /// The assessment: its file name without .json, its system name, or a path.
        name: Option<String>,
    },
    /// Copy a saved assessment under a new name, for a "what if" variant.
    Duplicate {
        /// The assessment: its file name without .json, its system name, or a path.
        name: String,
        /// The system name of the copy.
        new_name: String,
    },
    /// Give a saved assessment a new system name (and file name).
    Rename {
        /// The assessment: its file name without .json, its system name, or a path.
        name: String,
        /// The new system name.
        new_name: String,
    },
    /// Delete a saved assessment, after confirming on the terminal.
    Delete {
        /// The assessment: its file name without .json, its system name, or a path.
        name: String,
        /// Do not ask (for scripts). Without a terminal, deleting needs it.
        #[arg(long)]
        yes: bool,
    },
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
        format: GraphFormatArg,
    },
}

/// `--format` of `aiact export` (the report layer knows no clap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormatArg {
    /// Markdown that reads well on GitHub and in note-taking tools.
    Md,
    /// One self-contained page, printable to PDF from a browser.
    Html,
    /// The report's data (docs/report-format.md).
    Json,
}

impl From<ExportFormatArg> for ExportFormat {
    fn from(format: ExportFormatArg) -> Self {
        match format {
            ExportFormatArg::Md => Self::Md,
            ExportFormatArg::Html => Self::Html,
            ExportFormatArg::Json => Self::Json,
        }
    }
}

/// `--format` of `aiact questionnaire graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormatArg {
    /// Graphviz: `dot -Tsvg tree.dot -o tree.svg`
    Dot,
    /// Mermaid: paste into a Markdown file on GitHub, or mermaid.live
    Mermaid,
}

impl From<GraphFormatArg> for GraphFormat {
    fn from(format: GraphFormatArg) -> Self {
        match format {
            GraphFormatArg::Dot => Self::Dot,
            GraphFormatArg::Mermaid => Self::Mermaid,
        }
    }
}

/// Parses the arguments, runs the command and reports errors on stderr.
pub fn main() -> ExitCode {
    // `aiact` without arguments, as a founder starts it (the home screen),
    // is what clap makes of none (a test says so), without clap building
    // its description of every command first: a fifth of a millisecond,
    // a tenth of the time to the first frame.
    let parsed = if std::env::args_os().len() <= 1 {
        Ok(Cli::default())
    } else {
        Cli::try_parse()
    };
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => return parse_error(&error),
    };
    match run(cli) {
        Ok(code) => code,
        // The reader went away (`aiact show x | head`): nothing more to say.
        Err(error) if crate::output::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            // Errors name files and assessments, which may hold anything.
            eprintln!("aiact: {}", terminal_text(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    }
}

/// clap's help and version as clap prints them; its errors echo what was
/// typed, which may hold anything: shown escaped, without colour.
fn parse_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let code = u8::try_from(error.exit_code()).unwrap_or(2);
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        let _ = error.print();
    } else {
        eprint!("{}", terminal_text(&error.render().to_string()));
    }
    ExitCode::from(code)
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let today = cli.today.unwrap_or_else(aiact_core::today);
    let questionnaire = cli.questionnaire.as_deref();
    let plain = cli.plain;
    let mut stores = Stores::new(cli.data_dir, questionnaire);
    match cli.command {
        None => assessment(&mut stores, Start::Home, today, plain),
        Some(Command::New { name }) => assessment(&mut stores, Start::New(name), today, plain),
        Some(Command::Open { name }) => {
            // A name that matches nothing is an error here, before the screens open.
            let path = stores.get()?.resolve(&name)?;
            assessment(&mut stores, Start::Open(path), today, plain)
        }
        Some(Command::Questionnaire(QuestionnaireCommand::Validate { file })) => {
            questionnaire::validate(&file)
        }
        Some(Command::Questionnaire(QuestionnaireCommand::Graph { file, format })) => {
            questionnaire::graph(file.as_deref().or(questionnaire), format.into())
        }
        Some(Command::Completions { shell }) => {
            use clap::CommandFactory;
            let shell = match shell {
                Shell::Bash => clap_complete::Shell::Bash,
                Shell::Zsh => clap_complete::Shell::Zsh,
                Shell::Fish => clap_complete::Shell::Fish,
            };
            // Into a buffer: `generate` panics on a closed pipe.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "aiact", &mut script);
            out!("{}", String::from_utf8_lossy(&script))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Evaluate { files, json }) => {
            let given = stores.given()?;
            let files = files
                .into_iter()
                .map(|file| evaluate::saved_or_file(file, &mut stores))
                .collect::<Result<Vec<_>>>()?;
            evaluate::evaluate(&files, json, given.as_ref(), today)
        }
        Some(Command::List { json }) => {
            manage::list(stores.get()?, json).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Show { name }) => {
            publish::show(stores.get()?, &name, today).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Export {
            name,
            format,
            output,
        }) => {
            let format = ExportFormat::choose(format.map(ExportFormat::from), output.as_deref())?;
            publish::export(stores.get()?, &name, format, output.as_deref(), today)
                .map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Summary {
            format,
            excel,
            output,
        }) => {
            let format = SummaryFormat::choose(format, excel, output.as_deref())?;
            publish::summary(stores.get()?, format, excel, output.as_deref(), today)
                .map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Compare {
            a,
            b,
            format,
            output,
        }) => {
            let format = crate::report::format::choose(
                format,
                output.as_deref(),
                compare::CompareFormat::Text,
            )?;
            let to = compare::Destination {
                output: output.as_deref(),
                format,
            };
            compare::compare(&mut stores, [a, b], to, today).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Ask { name }) => {
            let start = match name {
                None => Start::Home,
                Some(name) => ask::start_for(stores.get()?, &name)?,
            };
            assessment(&mut stores, start, today, true)
        }
        Some(Command::Duplicate { name, new_name }) => {
            manage::duplicate(stores.get()?, &name, &new_name).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Rename { name, new_name }) => {
            manage::rename(stores.get()?, &name, &new_name).map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Delete { name, yes }) => {
            manage::delete(stores.get()?, &name, yes).map(|()| ExitCode::SUCCESS)
        }
    }
}

/// The data directory of this run, and the questionnaires it opens
/// assessments with: the built-in ones and the `--questionnaire` file, if
/// given. Each is located or read once, when a command first needs it
/// (never for `questionnaire validate`, `graph` or `completions`).
pub(crate) struct Stores<'a> {
    data_dir: Option<PathBuf>,
    questionnaire_file: Option<&'a Path>,
    /// The `--questionnaire` file's questionnaire, once read (`None`
    /// inside when the flag is not given).
    given: Option<Option<Arc<Questionnaire>>>,
    store: Option<Store>,
}

impl<'a> Stores<'a> {
    pub(crate) fn new(data_dir: Option<PathBuf>, questionnaire_file: Option<&'a Path>) -> Self {
        Self {
            data_dir,
            questionnaire_file,
            given: None,
            store: None,
        }
    }

    /// The `--questionnaire` file, read and checked once; `None` without
    /// the flag.
    pub(crate) fn given(&mut self) -> Result<Option<Given<'a>>> {
        let questionnaire = match &self.given {
            Some(read) => read.clone(),
            None => {
                let read = (self.questionnaire_file)
                    .map(catalog::load_file)
                    .transpose()?
                    .map(Arc::new);
                self.given.insert(read).clone()
            }
        };
        Ok(self
            .questionnaire_file
            .zip(questionnaire)
            .map(|(path, questionnaire)| Given {
                path,
                questionnaire,
            }))
    }

    /// The data directory, opening assessments with the `--questionnaire`
    /// file's questionnaire in place of the built-in one of its id.
    pub(crate) fn get(&mut self) -> Result<&Store> {
        if self.store.is_none() {
            let store = Store::locate(self.data_dir.as_deref())?;
            let store = match self.given()? {
                Some(given) => store.with_questionnaires(
                    Questionnaires::built_in().with_shared(given.questionnaire),
                ),
                None => store,
            };
            self.store = Some(store);
        }
        self.store
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("the data directory is not located"))
    }

    /// The questionnaire new assessments use: the `--questionnaire` file,
    /// else the built-in one.
    fn for_new_assessments(&mut self) -> Result<Questionnaire> {
        match self.given()? {
            Some(given) => Ok((*given.questionnaire).clone()),
            None => Ok(catalog::default_questionnaire()?),
        }
    }

    /// The full-screen interface's workspace: new assessments use the
    /// `--questionnaire` file, else the built-in one, which loads while
    /// the first frame is drawn.
    fn workspace(&mut self) -> Result<Workspace> {
        let given = self.given()?;
        let store = self.get()?.clone();
        Ok(match given {
            Some(given) => Workspace::given(store, given.questionnaire),
            None => Workspace::built_in(store, catalog::DEFAULT_ID),
        })
    }
}

/// The `--questionnaire` file, read once: assessments and answers files of
/// its id are read with it instead of the built-in questionnaire.
#[derive(Clone)]
pub(crate) struct Given<'a> {
    pub path: &'a Path,
    pub questionnaire: Arc<Questionnaire>,
}

/// An assessment, in the full-screen interface or line by line (`ask`,
/// `--plain`). The questionnaire new assessments use is loaded (a few
/// milliseconds) once: before the first prompt, or while the first frame
/// is drawn; the store opens saved assessments with it too.
fn assessment(stores: &mut Stores, start: Start, today: Date, plain: bool) -> Result<ExitCode> {
    if !plain {
        crate::tui::run(stores.workspace()?, today, start)?;
        return Ok(ExitCode::SUCCESS);
    }
    let questionnaire = stores.for_new_assessments()?;
    let store = stores.get()?.clone();
    match ask::run_stdio(&store, &questionnaire, start, today)? {
        ask::Outcome::Finished => Ok(ExitCode::SUCCESS),
        ask::Outcome::Stopped => Ok(ExitCode::from(EXIT_INCOMPLETE)),
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::Cli;

    #[test]
    fn no_arguments_are_what_clap_makes_of_none() {
        let parsed = Cli::try_parse_from(["aiact"]).expect("no arguments parse");
        assert_eq!(format!("{parsed:?}"), format!("{:?}", Cli::default()));
    }
}
