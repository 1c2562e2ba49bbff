//! `aiact ask` (also `aiact --plain`): the assessment line by line, for
//! screen readers, simple terminals and piped input. The same questions,
//! help, notes, autosave and verdict as the full-screen UI; no cursor
//! movement and no colour. Every prompt says where the user is.
//!
//! Reads lines from any `BufRead` and writes to any `Write`, so that tests
//! drive it with a string.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;

use aiact_core::model::{NO, NOT_SURE, Question, QuestionKind, YES};
use aiact_core::{AnswerValue, Change, Command, Questionnaire};
use anyhow::{Context, Result};
use jiff::civil::Date;

use crate::explanation::{self, Part};
use crate::report::escape::{terminal_line, terminal_text};
use crate::report::text;
use crate::start::Start;
use crate::storage::{Applied, Mode, NewAssessment, Opened, StorageError, Store};
use crate::strings::{self, ask};

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every question on the path answered; the verdict was printed.
    Finished,
    /// Stopped (quit, or the input ended) before the verdict; answers so
    /// far are saved.
    Stopped,
}

/// `aiact ask NAME`: the saved assessment NAME (a file, or a system name,
/// slashes and all), or else a new one called NAME. A NAME that can only
/// be a path (see [`is_surely_a_path`]) and leads nowhere is an error: a
/// mistyped path must not become a new assessment.
pub fn start_for(store: &Store, name: &str) -> Result<Start, StorageError> {
    match store.resolve(name) {
        Ok(path) => Ok(Start::Open(path)),
        Err(StorageError::NotFound { .. }) if !is_surely_a_path(name) => {
            Ok(Start::New(Some(name.to_owned())))
        }
        Err(error) => Err(error),
    }
}

/// What the user typed at a question.
#[derive(Debug, Clone, PartialEq)]
enum Input {
    Help,
    Back,
    Quit,
    Skip,
    /// Enter on its own: keep the current answer and go on.
    Keep,
    ShowNote,
    ClearNote,
    SetNote(String),
    Answer(AnswerValue),
}

pub struct Ask<'a, R, W> {
    store: &'a Store,
    /// The questionnaire for a new assessment.
    questionnaire: &'a Questionnaire,
    today: Date,
    input: R,
    output: W,
    /// Write each line read after its prompt, so that a transcript of piped
    /// input reads like a conversation (a terminal echoes by itself).
    echo: bool,
    /// Wrap what is said to this many columns (a terminal's width), with
    /// the indentation of lists kept; `None`: lines as they are (piped).
    width: Option<usize>,
}

impl<'a, R: BufRead, W: Write> Ask<'a, R, W> {
    pub fn new(
        store: &'a Store,
        questionnaire: &'a Questionnaire,
        today: Date,
        input: R,
        output: W,
    ) -> Self {
        Self {
            store,
            questionnaire,
            today,
            input,
            output,
            echo: false,
            width: None,
        }
    }

    /// Echo what is read (for input that is not a terminal).
    pub fn echo(mut self, echo: bool) -> Self {
        self.echo = echo;
        self
    }

    /// Wrap what is said to `width` columns.
    pub fn width(mut self, width: Option<usize>) -> Self {
        self.width = width;
        self
    }

    /// Opens or creates the assessment and asks its questions.
    pub fn run(mut self, start: Start) -> Result<Outcome> {
        let Some(mut opened) = self.open_or_create(start)? else {
            return Ok(Outcome::Stopped);
        };
        if let Some(migration) = &opened.migration {
            self.say(&ask::questionnaire_changed(
                &migration.from_version,
                &migration.to_version,
            ))?;
            for dropped in &migration.dropped {
                self.say(&ask::no_longer_counts(
                    terminal_line(&dropped.question),
                    &dropped.problem,
                ))?;
            }
        }
        self.say(ask::COMMANDS)?;
        opened.set_today(self.today);
        let outcome = self.ask_to_the_verdict(&mut opened)?;
        let name = file_name(&opened);
        match outcome {
            Outcome::Finished => {
                self.say(&ask::finished(opened.path.display(), name))?;
            }
            Outcome::Stopped => {
                self.say("")?;
                let stopped = if opened.assessment().launch_question().is_some() {
                    ask::stopped_for_launch(opened.path.display(), name)
                } else {
                    ask::stopped(opened.path.display(), name)
                };
                self.say(&stopped)?;
            }
        }
        Ok(outcome)
    }

    /// Asks the questions and prints the verdict. For a system still in
    /// development (Article 2(8)) it then offers the questions for when it
    /// launches; answered, the verdict is printed again with the launch's
    /// result.
    fn ask_to_the_verdict(&mut self, opened: &mut Opened) -> Result<Outcome> {
        loop {
            if self.ask_questions(opened)? == Outcome::Stopped {
                return Ok(Outcome::Stopped);
            }
            self.say("")?;
            // With what the result turns on, as `show` prints it.
            let verdict = opened.assessment().verdict_with_turns_on();
            self.say(&text::render(&verdict))?;
            let Some(next) = opened.assessment().launch_question().map(str::to_owned) else {
                return Ok(Outcome::Finished);
            };
            if !self.go_on_to_launch()? {
                return Ok(Outcome::Finished);
            }
            if self.apply(opened, Command::GoTo(next))?.is_none() {
                return Ok(Outcome::Finished);
            }
        }
    }

    /// Asks whether to go on with the questions for the launch: yes, or
    /// no (also Enter, quit and the end of the input).
    fn go_on_to_launch(&mut self) -> Result<bool> {
        self.say("")?;
        loop {
            let Some(line) = self.read_line(ask::GO_ON_TO_LAUNCH)? else {
                return Ok(false);
            };
            match line.trim().to_lowercase().as_str() {
                "y" | "yes" => return Ok(true),
                "" | "n" | "no" | "q" | "quit" | "exit" => return Ok(false),
                _ => self.say(ask::YES_OR_NO)?,
            }
        }
    }

    fn open_or_create(&mut self, start: Start) -> Result<Option<Opened>> {
        match start {
            Start::Open(path) => self.open(&path).map(Some),
            Start::New(Some(name)) => self.create(name).map(Some),
            Start::New(None) => match self.read_required(ask::SYSTEM_NAME)? {
                Some(name) => self.create(name).map(Some),
                None => Ok(None),
            },
            Start::Home => {
                self.say(ask::NEW_OR_SAVED)?;
                let Some(name) = self.read_required(ask::SYSTEM_NAME)? else {
                    return Ok(None);
                };
                // Typed at the prompt, it is a system name, slashes and all.
                match self.store.resolve(&name) {
                    Ok(path) => self.open(&path).map(Some),
                    Err(StorageError::NotFound { .. }) => self.create(name).map(Some),
                    Err(error) => Err(error.into()),
                }
            }
        }
    }

    fn open(&mut self, path: &Path) -> Result<Opened> {
        let opened = self.store.open(path, Mode::Edit)?;
        self.say(&ask::continuing(
            terminal_line(&opened.metadata().system_name),
            path.display(),
        ))?;
        Ok(opened)
    }

    fn create(&mut self, system_name: String) -> Result<Opened> {
        let organisation = self.read_optional(ask::ORGANISATION)?;
        let assessor = self.read_optional(ask::ASSESSOR)?;
        let opened = self.store.create(
            NewAssessment {
                system_name,
                organisation,
                assessor,
            },
            self.questionnaire,
        )?;
        self.say(&ask::created(
            terminal_line(&opened.metadata().system_name),
            opened.path.display(),
        ))?;
        Ok(opened)
    }

    fn ask_questions(&mut self, opened: &mut Opened) -> Result<Outcome> {
        if opened.assessment().is_finished() {
            self.say(match opened.assessment().launch_question() {
                Some(_) => ask::ALL_ANSWERED_BUT_LAUNCH,
                None => ask::ALL_ANSWERED,
            })?;
            if let Some(line) = self.read_line("> ")?
                && matches!(line.trim().to_lowercase().as_str(), "back" | "b")
            {
                self.apply(opened, Command::Back)?;
            }
        }
        let mut section_shown = None;
        while let Some(question) = opened.assessment().current().cloned() {
            if section_shown.as_deref() != Some(question.section.as_str()) {
                self.show_section(&opened.questionnaire, &question.section)?;
                section_shown = Some(question.section.clone());
            }
            self.show_question(opened, &question)?;
            let id = question.id.clone();
            // `None`: the line was an answer, and it was recorded.
            let input = loop {
                let Some(line) = self.read_line("> ")? else {
                    break Some(Input::Quit);
                };
                match parse(&question, &line) {
                    Ok(Input::Answer(value)) => {
                        let command = Command::Answer {
                            question: id.clone(),
                            value,
                        };
                        // An answer that does not fit ("none of these" with
                        // another option): the reason, and the prompt again.
                        if let Some(applied) = self.apply(opened, command)? {
                            self.report_save(applied, None)?;
                            break None;
                        }
                    }
                    Ok(input) => break Some(input),
                    Err(message) => self.say(&message)?,
                }
            };
            let Some(input) = input else {
                continue;
            };
            match input {
                // Recorded above.
                Input::Answer(_) => {}
                Input::Help => self.show_help(&opened.questionnaire, &question)?,
                Input::Back => {
                    if let Some(applied) = self.apply(opened, Command::Back)?
                        && applied.change == Change::Unchanged
                    {
                        self.say(strings::FIRST_QUESTION)?;
                    }
                }
                Input::Quit => {
                    opened
                        .save_before_leaving(self.today)
                        .context(ask::NOT_SAVED_ON_LEAVING)?;
                    return Ok(Outcome::Stopped);
                }
                Input::Skip if question.optional => {
                    self.apply(opened, Command::Skip)?;
                }
                Input::Skip => self.say(if question.allow_not_sure {
                    ask::NEEDS_ANSWER_NOT_SURE
                } else {
                    ask::NEEDS_ANSWER
                })?,
                Input::Keep => match opened.answers().get(&id) {
                    Some(_) => {
                        self.apply(opened, Command::Forward)?;
                    }
                    None if question.optional => {
                        self.apply(opened, Command::Skip)?;
                    }
                    None => self.say(ask::TYPE_ANSWER)?,
                },
                Input::ShowNote => match opened.note(&id) {
                    Some(note) => {
                        let note = terminal_text(note).into_owned();
                        self.say(&ask::your_note(note))?;
                    }
                    None => self.say(ask::NO_NOTE)?,
                },
                Input::ClearNote | Input::SetNote(_) => {
                    let text = match input {
                        Input::SetNote(note) => Some(note),
                        _ => None,
                    };
                    let removes = text.is_none();
                    let command = Command::Note {
                        question: id.clone(),
                        text,
                    };
                    if let Some(applied) = self.apply(opened, command)? {
                        let done = if removes {
                            strings::NOTE_REMOVED
                        } else {
                            strings::NOTE_SAVED
                        };
                        self.report_save(applied, Some(done))?;
                    }
                }
            }
        }
        opened
            .save_before_leaving(self.today)
            .context(ask::NOT_SAVED_ON_LEAVING)?;
        Ok(Outcome::Finished)
    }

    /// Carries out a command. A command that does not fit is explained
    /// (`None`: the user is asked again); other failures end the run.
    fn apply(&mut self, opened: &mut Opened, command: Command) -> Result<Option<Applied>> {
        match opened.apply(command) {
            Ok(applied) => Ok(Some(applied)),
            Err(StorageError::Answer { error, .. }) => {
                self.say(&ask::not_accepted(&error.problem))?;
                Ok(None)
            }
            Err(error) => Err(error.into()),
        }
    }

    /// One message for what became of a change: `done` once it is on disk
    /// (if there is something to say), else why it is not; it is kept and
    /// saved with the next change, or on leaving.
    fn report_save(&mut self, applied: Applied, done: Option<&str>) -> io::Result<()> {
        match (applied.saved, done) {
            (Err(error), _) => {
                let kept = match applied.change {
                    Change::Noted { .. } => ask::NOTE_KEPT,
                    _ => ask::ANSWER_KEPT,
                };
                self.say(&ask::not_saved(error, kept))
            }
            (Ok(()), Some(done)) => self.say(done),
            (Ok(()), None) => Ok(()),
        }
    }

    fn show_section(&mut self, questionnaire: &Questionnaire, id: &str) -> io::Result<()> {
        let Some(section) = questionnaire.section(id) else {
            return Ok(());
        };
        self.say("")?;
        self.say(&format!("== {} ==", section.title))?;
        if !section.intro.is_empty() {
            self.say(&section.intro)?;
        }
        Ok(())
    }

    fn show_question(&mut self, opened: &Opened, question: &Question) -> io::Result<()> {
        let assessment = opened.assessment();
        let questionnaire = assessment.questionnaire();
        let position = assessment.current_position();
        let number = assessment
            .snapshot()
            .path()
            .take_while(|&p| Some(p) != position)
            .count()
            + 1;
        let length = assessment.path_length();
        let sections = questionnaire.sections();
        let section_number = questionnaire.section_number(&question.section);
        let section = questionnaire.section_title(question);
        // The number of questions is not known until the end: later answers
        // can open more. So the range it can still take, and the section.
        // A question for the launch is off today's path: counted apart.
        let (number, count) = match assessment.launch_number() {
            Some(launch_number) => (launch_number, ask::Count::Launch),
            None => (number, ask::Count::Path(length.fewest, length.most)),
        };
        let mut lines = vec![
            String::new(),
            ask::question_heading(
                number,
                count,
                section_number,
                sections.len(),
                section,
                question.optional,
            ),
            question.text.clone(),
        ];
        for (i, (_, label)) in choices(question).iter().enumerate() {
            lines.push(format!("  {}. {label}", i + 1));
        }
        lines.push(format!("({})", how_to_answer(question)));
        if let Some(answer) = assessment.answers().get(&question.id) {
            lines.push(ask::your_answer(terminal_line(&answer.label(question))));
        }
        if let Some(note) = opened.note(&question.id) {
            lines.push(ask::note_line(terminal_text(note)));
        }
        self.say(&lines.join("\n"))
    }

    /// The question's explanation, as the full-screen UI's panel has it,
    /// with every option's own explanation.
    fn show_help(&mut self, questionnaire: &Questionnaire, question: &Question) -> io::Result<()> {
        let mut lines = Vec::new();
        for part in explanation::parts(questionnaire, question, &question.options, false) {
            lines.push(match part {
                Part::Heading(heading) => heading,
                Part::Text(text) => text.to_owned(),
                Part::Example { text, .. } => format!("  - {text}"),
                Part::Caution(caution) => caution,
                Part::Reference { label, url } => format!("  {label}: {url}"),
            });
        }
        if lines.is_empty() {
            lines.push(strings::explanation::NOTHING_MORE.to_owned());
        }
        if question.allow_not_sure && question.if_not_sure.is_none() {
            lines.push(strings::ask::ANSWER_NOT_SURE.to_owned());
        }
        lines.push(strings::ask::COMMANDS.to_owned());
        self.say(&lines.join("\n"))
    }

    /// Writes text and a line break, wrapped to the terminal's width;
    /// everything written passes through the terminal filter.
    fn say(&mut self, text: &str) -> io::Result<()> {
        let text = terminal_text(text);
        match self.width {
            Some(width) => writeln!(self.output, "{}", wrapped(&text, width))?,
            None => writeln!(self.output, "{text}")?,
        }
        self.output.flush()
    }

    /// A line of input without its line break; `None` at the end of input.
    /// Bytes that are not UTF-8 are replaced, not refused.
    fn read_line(&mut self, prompt: &str) -> io::Result<Option<String>> {
        write!(self.output, "{prompt}")?;
        self.output.flush()?;
        let mut bytes = Vec::new();
        if self.input.read_until(b'\n', &mut bytes)? == 0 {
            writeln!(self.output)?;
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&bytes);
        let line = line.trim_end_matches(['\n', '\r']).to_owned();
        if self.echo {
            writeln!(self.output, "{}", terminal_line(&line))?;
        }
        Ok(Some(line))
    }

    fn read_required(&mut self, label: &str) -> Result<Option<String>> {
        loop {
            let Some(line) = self.read_line(&format!("{label}: "))? else {
                return Ok(None);
            };
            if !line.trim().is_empty() {
                return Ok(Some(line.trim().to_owned()));
            }
            self.say(ask::NAME_NEEDED)?;
        }
    }

    fn read_optional(&mut self, label: &str) -> Result<Option<String>> {
        let line = self.read_line(&format!("{label}: "))?;
        Ok(line
            .map(|line| line.trim().to_owned())
            .filter(|line| !line.is_empty()))
    }
}

/// The options as numbered, "not sure" last where offered: (answer id, label).
fn choices(question: &Question) -> Vec<(&str, &str)> {
    if !question.kind.is_choice() {
        return Vec::new();
    }
    let mut choices: Vec<(&str, &str)> = question
        .option_ids()
        .map(|id| (id, question.option_label(id)))
        .collect();
    if question.allow_not_sure {
        choices.push((NOT_SURE, question.option_label(NOT_SURE)));
    }
    choices
}

fn how_to_answer(question: &Question) -> String {
    let not_sure = if question.allow_not_sure && !question.kind.is_choice() {
        ", or: not sure"
    } else {
        ""
    };
    match question.kind {
        QuestionKind::YesNo => ask::HOW_YES_NO.to_owned(),
        QuestionKind::SingleChoice => ask::HOW_ONE.to_owned(),
        QuestionKind::MultiChoice => ask::HOW_MANY.to_owned(),
        QuestionKind::Number => {
            let unit = question
                .unit
                .as_ref()
                .map_or_else(String::new, |unit| format!(" in {unit}"));
            let bounds = match (question.min, question.max) {
                (Some(min), Some(max)) => format!(" from {min} to {max}"),
                (Some(min), None) => format!(" of at least {min}"),
                (None, Some(max)) => format!(" of at most {max}"),
                (None, None) => String::new(),
            };
            ask::how_number(unit, bounds, not_sure)
        }
        QuestionKind::Text => ask::HOW_TEXT.to_owned(),
    }
}

/// Reads one line typed at a question. `Err` is a message for the user,
/// who is asked again.
fn parse(question: &Question, line: &str) -> Result<Input, String> {
    let trimmed = line.trim();
    let lower = trimmed.to_lowercase();
    // A one-letter command gives way to an option of that id: the points
    // of Annex III and of Article 6(3) are options `a`, `b`, `c`...
    let is_option = |typed: &str| {
        question
            .option_ids()
            .any(|id| id.eq_ignore_ascii_case(typed))
    };
    match lower.as_str() {
        "" => return Ok(Input::Keep),
        "?" | "help" => return Ok(Input::Help),
        "back" => return Ok(Input::Back),
        "quit" | "exit" => return Ok(Input::Quit),
        "h" if !is_option("h") => return Ok(Input::Help),
        "b" if !is_option("b") => return Ok(Input::Back),
        "q" if !is_option("q") => return Ok(Input::Quit),
        "skip" => return Ok(Input::Skip),
        "note" => return Ok(Input::ShowNote),
        "note -" => return Ok(Input::ClearNote),
        _ => {}
    }
    if let Some(note) = trimmed.strip_prefix("note ") {
        return Ok(Input::SetNote(note.trim().to_owned()));
    }
    let not_sure = matches!(
        lower.as_str(),
        "not sure" | "not_sure" | "notsure" | "unsure"
    );
    if not_sure && question.kind != QuestionKind::Text {
        return if question.allow_not_sure {
            Ok(Input::Answer(AnswerValue::Text(NOT_SURE.to_owned())))
        } else {
            Err(ask::NOT_SURE_NOT_OFFERED.to_owned())
        };
    }
    match question.kind {
        QuestionKind::YesNo | QuestionKind::SingleChoice => {
            let yes_no = match lower.as_str() {
                "y" | "yes" if question.kind == QuestionKind::YesNo => Some(YES),
                "n" | "no" if question.kind == QuestionKind::YesNo => Some(NO),
                _ => None,
            };
            let id = match yes_no {
                Some(id) => id.to_owned(),
                None => choice(question, trimmed)?,
            };
            Ok(Input::Answer(AnswerValue::Text(id)))
        }
        QuestionKind::MultiChoice => {
            let picked = choices_typed(question, trimmed)?;
            if let [only] = picked.as_slice()
                && only == NOT_SURE
            {
                return Ok(Input::Answer(AnswerValue::Text(NOT_SURE.to_owned())));
            }
            if picked.iter().any(|id| id == NOT_SURE) {
                return Err(ask::NOT_SURE_ALONE.to_owned());
            }
            Ok(Input::Answer(AnswerValue::List(picked)))
        }
        QuestionKind::Number => aiact_core::answer::parse_number(trimmed)
            .map(|number| Input::Answer(AnswerValue::Number(number)))
            .map_err(|problem| {
                ask::not_a_number(terminal_line(&problem.to_string()), how_to_answer(question))
            }),
        QuestionKind::Text => Ok(Input::Answer(AnswerValue::Text(trimmed.to_owned()))),
    }
}

/// The options of a "tick all that apply" answer. The whole line is tried
/// as one option first, so that a label with spaces ("none of these") is
/// not read word by word. Then commas (or semicolons) separate options of
/// any kind; spaces separate only numbers and option ids ("1 3",
/// "provider deployer"), never the words of a label.
fn choices_typed(question: &Question, typed: &str) -> Result<Vec<String>, String> {
    if let Ok(id) = choice(question, typed) {
        return Ok(vec![id]);
    }
    if typed.contains([',', ';']) {
        return typed
            .split([',', ';'])
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| choice(question, part))
            .collect();
    }
    let words: Vec<&str> = typed.split_whitespace().collect();
    let number_or_id = |word: &&str| {
        word.parse::<usize>().is_ok()
            || question
                .option_ids()
                .any(|id| id.eq_ignore_ascii_case(word))
    };
    if words.len() > 1 && words.iter().all(number_or_id) {
        return words.iter().map(|word| choice(question, word)).collect();
    }
    // The whole line's own message: "Not an option: none of thse."
    choice(question, typed).map(|id| vec![id])
}

/// A label typed this far is enough when no other label starts so.
const MIN_PREFIX_CHARS: usize = 3;

/// One option by its number, id or label (any case), or the start of one
/// label only (at least three letters).
fn choice(question: &Question, typed: &str) -> Result<String, String> {
    let choices = choices(question);
    if let Ok(number) = typed.parse::<usize>() {
        return match number.checked_sub(1).and_then(|i| choices.get(i)) {
            Some((id, _)) => Ok((*id).to_owned()),
            None => Err(ask::no_such_option(number, choices.len())),
        };
    }
    let lower = typed.trim().to_lowercase();
    if let Some((id, _)) = choices
        .iter()
        .find(|(id, label)| id.to_lowercase() == lower || label.to_lowercase() == lower)
    {
        return Ok((*id).to_owned());
    }
    let starting: Vec<&str> = choices
        .iter()
        .filter(|(_, label)| label.to_lowercase().starts_with(&lower))
        .map(|(id, _)| *id)
        .collect();
    match starting.as_slice() {
        [id] if lower.chars().count() >= MIN_PREFIX_CHARS => return Ok((*id).to_owned()),
        _ => {}
    }
    Err(ask::not_an_option(
        terminal_line(typed),
        how_to_answer(question),
    ))
}

/// Ends in `.json`, or starts as only a path does (`/`, `./`, `../`,
/// `~`). "HR/Recruiting bot" is a name; "./hr.json" and "/tmp/x" are not.
fn is_surely_a_path(name: &str) -> bool {
    let name = name.trim();
    name.ends_with(".json")
        || Path::new(name).is_absolute()
        || ["/", "./", "../", "~", ".\\", "..\\"]
            .iter()
            .any(|start| name.starts_with(start))
}

/// The name other commands know the assessment by: its file name without
/// `.json`, quoted for a shell if needed.
fn file_name(opened: &Opened) -> String {
    let stem = opened
        .path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        stem
    } else {
        format!("'{}'", stem.replace('\'', "'\\''"))
    }
}

/// Each line of `text` wrapped to `width` columns, first fit. A line's
/// continuation is indented under its text, past its indentation and a
/// list marker ("- ", "• ", "! ", "3. "), so that lists stay lists. Words
/// longer than the width (links) are not broken: they run on.
fn wrapped(text: &str, width: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        let marker = rest
            .split_once(' ')
            .map(|(word, _)| word)
            .filter(|word| {
                let numbered = word
                    .strip_suffix('.')
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
                numbered
                    || (word.chars().count() == 1
                        && word.chars().all(|c| !c.is_alphanumeric() && c != '('))
            })
            .map_or(0, |word| word.len() + 1);
        let (lead, content) = line.split_at(indent + marker);
        let hang = " ".repeat(textwrap::core::display_width(lead));
        let room = width.saturating_sub(hang.len()).max(MIN_WRAP);
        let options = textwrap::Options::new(room)
            .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(false);
        let pieces = textwrap::wrap(content, options);
        if pieces.is_empty() {
            out.push(line.to_owned());
        }
        for (i, piece) in pieces.iter().enumerate() {
            let start = if i == 0 { lead } else { hang.as_str() };
            out.push(format!("{start}{piece}"));
        }
    }
    out.join("\n")
}

/// Narrower than this, wrapping would leave a word or two a line.
const MIN_WRAP: usize = 20;

/// Runs `ask` on standard input and output.
pub fn run_stdio(
    store: &Store,
    questionnaire: &Questionnaire,
    start: Start,
    today: Date,
) -> Result<Outcome> {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let echo = !stdin.is_terminal();
    // Wrapped to the terminal's width; piped, lines as they are.
    let width = stdout
        .is_terminal()
        .then(|| ratatui::crossterm::terminal::size().ok())
        .flatten()
        .map(|(columns, _)| usize::from(columns));
    Ask::new(store, questionnaire, today, stdin.lock(), stdout.lock())
        .echo(echo)
        .width(width)
        .run(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Questionnaire {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/toy.json");
        Questionnaire::load(std::path::Path::new(path)).expect("toy")
    }

    /// What `parse` reads from an answer of one word or option.
    fn text(value: &str) -> Result<Input, String> {
        Ok(Input::Answer(AnswerValue::Text(value.to_owned())))
    }

    /// What `parse` reads from a multiple choice of the options `ids`.
    fn ticked(ids: &[&str]) -> Result<Input, String> {
        let ids = ids.iter().map(|id| (*id).to_owned()).collect();
        Ok(Input::Answer(AnswerValue::List(ids)))
    }

    fn number(value: f64) -> Result<Input, String> {
        Ok(Input::Answer(AnswerValue::Number(value)))
    }

    fn store_for(dir: &Path, questionnaire: Questionnaire) -> Store {
        Store::at(dir)
            .with_questionnaires(crate::storage::Questionnaires::built_in().with(questionnaire))
    }

    /// `ask` on `input`, as of 2026-11-23.
    fn ask<'a, W: Write>(
        store: &'a Store,
        questionnaire: &'a Questionnaire,
        input: &'a [u8],
        output: W,
    ) -> Ask<'a, &'a [u8], W> {
        Ask::new(
            store,
            questionnaire,
            jiff::civil::date(2026, 11, 23),
            input,
            output,
        )
    }

    /// Issue 10, item 7: a note that could not be saved was reported as
    /// "Not saved: ..." and then "Note saved.". One message per situation.
    #[test]
    fn a_failed_save_says_so_once_and_nothing_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = store_for(dir.path(), toy());
        let new = NewAssessment {
            system_name: "Unsaved".to_owned(),
            ..NewAssessment::default()
        };
        let mut opened = store.create(new, &toy()).expect("create");
        // Saving replaces the file; a directory in its place makes that fail.
        std::fs::remove_file(&opened.path).expect("remove");
        std::fs::create_dir_all(opened.path.join("in the way")).expect("dir");
        let questionnaire = toy();
        let mut output = Vec::new();
        let input: &[u8] = b"note we asked the vendor\n1\nquit\n";
        let outcome = ask(&store, &questionnaire, input, &mut output).ask_questions(&mut opened);
        let text = String::from_utf8_lossy(&output).into_owned();
        assert!(
            text.contains("Not saved: ")
                && text.contains("The note is kept and saved with the next change."),
            "{text}"
        );
        assert!(!text.contains("Note saved."), "{text}");
        assert!(
            text.contains("The answer is kept and saved with the next one."),
            "{text}"
        );
        // Leaving tries once more and says that the last answers are not saved.
        let error = outcome.expect_err("the pending change cannot be written");
        assert!(format!("{error:#}").contains("not saved"), "{error:#}");
        assert_eq!(
            opened.note("is_ai"),
            Some("we asked the vendor"),
            "kept in memory"
        );
    }

    /// The answer saved for `question` in the assessment called `name`.
    fn saved_answer(store: &Store, name: &str, question: &str) -> Option<AnswerValue> {
        let opened = store
            .open(&store.resolve(name).expect("saved"), Mode::ReadOnly)
            .expect("opens");
        opened.answers().get(question).map(|a| a.to_value())
    }

    /// The toy questionnaire with its option `other` called `b`, as the
    /// points of Annex III are.
    fn toy_with_option_b() -> Questionnaire {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/toy.json");
        let text = std::fs::read_to_string(path).expect("toy");
        Questionnaire::from_json(&text.replace("\"other\"", "\"b\""), "toy with b").expect("toy")
    }

    /// Bug: `b` was read as "back", so an option whose id is `b` (Annex
    /// III 3(b) to 8(b), Article 6(3)(b)) could not be picked by its id,
    /// and piped answers went back a question instead.
    #[test]
    fn typing_b_picked_back_instead_of_option_b() {
        let q = toy_with_option_b();
        let area = q.question("use_area").expect("use_area");
        let b = text("b");
        assert_eq!(parse(area, "b"), b);
        assert_eq!(parse(area, "B"), b);
        assert_eq!(parse(area, "back"), Ok(Input::Back), "back is always back");
        // Without an option `b`, it is still short for back.
        assert_eq!(
            parse(q.question("role").expect("role"), "b"),
            Ok(Input::Back)
        );
        assert_eq!(parse(area, "h"), Ok(Input::Help));
        assert_eq!(parse(area, "q"), Ok(Input::Quit));

        // Piped, as a script would answer: `b` is recorded as the answer.
        let dir = tempfile::tempdir().expect("tempdir");
        let store = store_for(dir.path(), q.clone());
        let mut output = Vec::new();
        let input: &[u8] = b"\n\nyes\nprovider\nb\nquit\n";
        let outcome = ask(&store, &q, input, &mut output)
            .run(Start::New(Some("Piped".to_owned())))
            .expect("runs");
        let text = String::from_utf8_lossy(&output).into_owned();
        assert_eq!(outcome, Outcome::Stopped, "{text}");
        assert_eq!(
            saved_answer(&store, "Piped", "use_area"),
            Some(AnswerValue::Text("b".to_owned())),
            "{text}"
        );
    }

    /// The outcome fixture: `exclusions` → `pre_market` is a system still
    /// in development, whose verdict offers the questions for its launch.
    fn in_development() -> Questionnaire {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/outcome.json");
        Questionnaire::load(std::path::Path::new(path)).expect("outcome fixture")
    }

    /// `ask` over `store` on `input`: how it ended and what it printed.
    fn asked(store: &Store, q: &Questionnaire, start: Start, input: &str) -> (Outcome, String) {
        let mut output = Vec::new();
        let outcome = ask(store, q, input.as_bytes(), &mut output)
            .run(start)
            .expect("runs");
        (outcome, String::from_utf8_lossy(&output).into_owned())
    }

    /// Founder trial F-2: a system in development got "Go on with the risk
    /// questions for when you launch?" and no way to go on.
    #[test]
    fn a_system_in_development_goes_on_to_the_questions_for_its_launch() {
        let q = in_development();
        let dir = tempfile::tempdir().expect("tempdir");
        let store = store_for(dir.path(), q.clone());
        let today = "\n\nyes\npre_market\n";
        let launch = "provider\nnone\nhiring\nno\nno\nno\n";
        let start = Start::New(Some("CV Ranker".to_owned()));
        let (outcome, text) = asked(&store, &q, start, &format!("{today}y\n{launch}"));
        assert_eq!(outcome, Outcome::Finished, "{text}");
        let offer = ask::GO_ON_TO_LAUNCH;
        let marks = [
            "RESULT TODAY: OUTSIDE THE ACT — FOR NOW",
            offer,
            "Question 1 for when you launch, in section",
            "Question 2 for when you launch, in section",
            "RESULT TODAY: OUTSIDE THE ACT — FOR NOW",
            "WHEN YOU LAUNCH (NOT APPLYING YET): HIGH-RISK",
            "WHAT TO PREPARE FOR LAUNCH (NOT APPLYING YET)",
            "For a report to share: aiact export cv-ranker",
        ];
        let mut rest = text.as_str();
        for mark in marks {
            let at = rest
                .find(mark)
                .unwrap_or_else(|| panic!("{mark:?} in order: {text}"));
            rest = &rest[at + mark.len()..];
        }
        assert_eq!(text.matches(offer).count(), 1, "not offered once answered");
        assert_eq!(
            saved_answer(&store, "CV Ranker", "use_area"),
            Some(AnswerValue::Text("hiring".to_owned())),
            "the launch's answers are saved"
        );
    }

    #[test]
    fn no_to_the_launch_finishes_as_before_and_asking_again_offers_it_again() {
        let q = in_development();
        let dir = tempfile::tempdir().expect("tempdir");
        let store = store_for(dir.path(), q.clone());
        let start = Start::New(Some("CV Ranker".to_owned()));
        let (outcome, text) = asked(&store, &q, start, "\n\nyes\npre_market\nmaybe\nn\n");
        assert_eq!(outcome, Outcome::Finished, "{text}");
        assert!(text.contains(ask::YES_OR_NO), "{text}");
        assert!(!text.contains("for when you launch, in section"), "{text}");
        assert!(!text.contains("WHEN YOU LAUNCH"), "{text}");
        let path = store.resolve("CV Ranker").expect("saved");

        // Again: the choice, not "every question is answered"; the end of
        // the input is a no.
        let (outcome, text) = asked(&store, &q, Start::Open(path.clone()), "\n");
        assert_eq!(outcome, Outcome::Finished, "{text}");
        assert!(text.contains(ask::ALL_ANSWERED_BUT_LAUNCH), "{text}");
        assert!(text.contains(ask::GO_ON_TO_LAUNCH), "{text}");

        // Yes, one answer, quit: stopped, and the next run goes on from
        // the launch's next question; back, help and notes work there.
        let (outcome, text) = asked(
            &store,
            &q,
            Start::Open(path.clone()),
            "\ny\nprovider\nquit\n",
        );
        assert_eq!(outcome, Outcome::Stopped, "{text}");
        assert!(
            text.contains("Stopped before the last question for when you launch"),
            "{text}"
        );
        let input = "\ny\nnote ask the team\n?\nback\n\nnone\nquit\n";
        let (outcome, text) = asked(&store, &q, Start::Open(path.clone()), input);
        assert_eq!(outcome, Outcome::Stopped, "{text}");
        assert!(text.contains("Question 2 for when you launch"), "{text}");
        assert!(text.contains("Note saved."), "{text}");
        let opened = store.open(&path, Mode::ReadOnly).expect("opens");
        assert_eq!(opened.note("practices"), Some("ask the team"));
        assert_eq!(
            opened.answers().get("practices").map(|a| a.to_value()),
            Some(AnswerValue::List(vec!["none".to_owned()])),
            "{text}"
        );
    }

    #[test]
    fn lines_wrap_to_the_width_and_lists_hang_under_their_text() {
        let text = "Question 3 (of about 12–16 questions), in section 2 of 11, \"Banned practices\":\n  1. Steering people's decisions with hidden techniques\n    - If you answered Yes: HIGH-RISK (Annex III, point 4(a))\n  Article 3(1): https://eur-lex.europa.eu/eli/reg/2024/1689/oj/eng#art_3";
        let out = wrapped(text, 40);
        assert_eq!(
            out,
            "Question 3 (of about 12–16 questions),\n\
             in section 2 of 11, \"Banned practices\":\n  \
             1. Steering people's decisions with\n     \
             hidden techniques\n    \
             - If you answered Yes: HIGH-RISK\n      \
             (Annex III, point 4(a))\n  \
             Article 3(1):\n  \
             https://eur-lex.europa.eu/eli/reg/2024/1689/oj/eng#art_3"
        );
        // Nothing but an unbreakable link is wider than the width.
        for line in out.lines().filter(|line| !line.contains("https://")) {
            assert!(line.chars().count() <= 40, "{line:?}");
        }
        assert_eq!(wrapped("", 40), "");
        assert_eq!(wrapped("a\n\nb", 40), "a\n\nb", "blank lines stay");
    }

    #[test]
    fn choices_are_read_by_number_id_or_label() {
        let q = toy();
        let area = q.question("use_area").expect("use_area");
        let answer = |typed: &str| parse(area, typed);
        let expected = text("chat");
        let number = choices(area)
            .iter()
            .position(|(id, _)| *id == "chat")
            .expect("chat")
            + 1;
        assert_eq!(answer(&number.to_string()), expected);
        assert_eq!(answer("chat"), expected);
        assert_eq!(answer(" CHAT "), expected);
        assert_eq!(answer("not sure"), text(NOT_SURE));
        assert!(answer("99").is_err_and(|message| message.contains("no option 99")));
        assert!(answer("banana").is_err_and(|message| message.contains("Not an option")));
    }

    #[test]
    fn yes_no_accepts_letters_and_refuses_not_sure_where_not_offered() {
        let q = toy();
        let profiling = q.question("profiling").expect("profiling");
        assert_eq!(parse(profiling, "y"), text(YES));
        assert_eq!(parse(profiling, "2"), text(NO));
        assert!(parse(profiling, "not sure").is_err());
    }

    #[test]
    fn commands_are_read_before_answers() {
        let q = toy();
        let comment = q.question("comment").expect("comment");
        assert_eq!(parse(comment, "?"), Ok(Input::Help));
        assert_eq!(parse(comment, "BACK"), Ok(Input::Back));
        assert_eq!(
            parse(comment, "note ask  the CTO "),
            Ok(Input::SetNote("ask  the CTO".to_owned()))
        );
        assert_eq!(parse(comment, "note -"), Ok(Input::ClearNote));
        assert_eq!(
            parse(comment, "not sure"),
            text("not sure"),
            "a text question takes the words as its answer"
        );
    }

    #[test]
    fn multiple_choice_takes_several_numbers() {
        let q = toy();
        let role = q.question("role").expect("role");
        assert_eq!(parse(role, "1, 2"), ticked(&["provider", "deployer"]));
        assert_eq!(
            parse(role, "deployer provider"),
            ticked(&["deployer", "provider"])
        );
    }

    /// Usability test: "none of these" was read word by word ("Not an
    /// option: of.").
    #[test]
    fn multiple_choice_takes_a_label_with_spaces_as_one_option() {
        let q = toy();
        let role = q.question("role").expect("role");
        assert_eq!(parse(role, "none of these"), ticked(&["none"]));
        assert_eq!(parse(role, "  None Of These "), ticked(&["none"]));
        assert_eq!(
            parse(role, "none of th"),
            ticked(&["none"]),
            "a unique start"
        );
        assert_eq!(parse(role, "we use"), ticked(&["deployer"]));
        assert_eq!(
            parse(role, "We use it in our business, we build it and sell it"),
            ticked(&["deployer", "provider"])
        );
        assert_eq!(parse(role, "1 3"), ticked(&["provider", "none"]));
        assert_eq!(parse(role, "1,2"), ticked(&["provider", "deployer"]));
        assert_eq!(
            parse(role, "provider deployer"),
            ticked(&["provider", "deployer"])
        );
        // Spaces do not split the words of labels.
        let error = parse(role, "we use it we build it").expect_err("not an option");
        assert!(
            error.starts_with("Not an option: we use it we build it."),
            "{error}"
        );
        assert!(parse(role, "1 9").is_err_and(|message| message.contains("no option 9")));
        assert!(parse(role, "we").is_err(), "too short to pick by its start");
    }

    #[test]
    fn numbers_allow_underscores_and_refuse_words() {
        let q = toy();
        let users = q.question("users").expect("users");
        assert_eq!(parse(users, "10_000"), number(10_000.0));
        assert!(parse(users, "many").is_err());
        assert_eq!(parse(users, "10^6"), number(1e6));
        assert!(
            parse(users, "1,5").is_err(),
            "a decimal comma is not misread"
        );
    }
}
