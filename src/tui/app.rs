//! The state of the interactive assessment and its transitions. Keys become
//! actions in [`super::keymap`]; [`App::update`] applies them; the screens
//! in [`super::ui`] draw the state and never change it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use aiact_core::model::{NOT_SURE, Question, QuestionKind};
use aiact_core::{Answer, AnswerValue, Questionnaire, Session, Verdict};
use anyhow::{Context as _, Result};
use jiff::civil::Date;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::export;
use super::input::TextField;
use super::keymap::{self, Context};
use super::question_rows::{self, Row};
use super::theme::Theme;
use super::ui;
use super::workspace::{Document, Workspace};
use crate::storage::{Listing, NewAssessment, StorageError};

/// Where the program opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    Home,
    /// A new assessment, with this system name if given.
    New(Option<String>),
    Open(PathBuf),
}

/// Whether the loop goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunState {
    Running,
    Quit,
}

pub struct App {
    pub workspace: Workspace,
    pub today: Date,
    pub theme: Theme,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub message: Option<Message>,
    pub state: RunState,
    /// The terminal's size, for hit-testing clicks and sizing pages.
    pub area: Rect,
    /// Where exports go.
    pub export_dir: PathBuf,
    /// The time the home list is measured against ("5 min ago").
    pub now: jiff::Timestamp,
    /// When the home list was last read: it is read again every
    /// [`HOME_REFRESH`], since another aiact may have changed it.
    pub listed_at: Instant,
}

/// How often the home list is read again while it shows.
pub const HOME_REFRESH: Duration = Duration::from_secs(2);

pub enum Screen {
    Home(Home),
    Assessment(Box<Assessment>),
}

/// The list of assessments. Row 0 is "new assessment"; the entries follow.
pub struct Home {
    pub entries: Vec<Listing>,
    pub selected: usize,
    /// The list is not read yet (the questionnaire is still loading).
    pub loading: bool,
}

impl Home {
    /// The entry under the selection (`None` on the "new" row).
    pub fn selected_entry(&self) -> Option<usize> {
        self.selected.checked_sub(1)
    }

    pub fn rows(&self) -> usize {
        self.entries.len() + 1
    }
}

/// Something drawn over the screen that takes the keys while it is open.
pub enum Overlay {
    KeyHelp {
        context: Context,
        scroll: u16,
    },
    Form(Form),
    ConfirmDelete {
        path: PathBuf,
        name: String,
    },
    /// Something to read before going on: an assessment opened read-only,
    /// or brought up to a new questionnaire.
    Notice {
        title: String,
        lines: Vec<String>,
        scroll: u16,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    New,
    OpenPath,
    Rename { path: PathBuf },
    Duplicate { path: PathBuf },
}

pub struct Form {
    pub kind: FormKind,
    pub fields: Vec<(&'static str, TextField)>,
    pub focus: usize,
    pub error: Option<String>,
}

impl Form {
    fn new(kind: FormKind, first_value: &str) -> Self {
        let labels: &[&'static str] = match kind {
            FormKind::New => &[
                "Name of the AI system",
                "Organisation (optional)",
                "Assessor (optional)",
            ],
            FormKind::OpenPath => &["Path of the assessment file"],
            FormKind::Rename { .. } => &["New name"],
            FormKind::Duplicate { .. } => &["Name of the copy"],
        };
        let fields = labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let text = if i == 0 { first_value } else { "" };
                (*label, TextField::with_text(text))
            })
            .collect();
        Self {
            kind,
            fields,
            focus: 0,
            error: None,
        }
    }

    pub fn title(&self) -> &'static str {
        match self.kind {
            FormKind::New => "New assessment",
            FormKind::OpenPath => "Open a file",
            FormKind::Rename { .. } => "Rename",
            FormKind::Duplicate { .. } => "Duplicate",
        }
    }

    fn value(&self, i: usize) -> Option<String> {
        self.fields
            .get(i)
            .and_then(|(_, field)| field.value())
            .map(str::to_owned)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub kind: MessageKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Error,
}

/// Which screen of an open assessment shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Question,
    Review,
    Verdict,
}

pub struct Assessment {
    pub document: Document,
    pub session: Session,
    pub view: View,
    pub question: QuestionState,
    /// The selected question of the review, by position in the questionnaire.
    pub review_selected: usize,
    /// The verdict, computed when the verdict screen opens.
    pub verdict: Option<Verdict>,
    pub verdict_scroll: u16,
    /// Files written by the last export.
    pub exported: Vec<PathBuf>,
    /// The current question was opened from the review to change its
    /// answer: once answered, back to the review (unless the new answer
    /// opens questions that were not open before).
    pub return_to_review: bool,
}

/// The question screen's own state; reset when the question changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuestionState {
    /// The highlighted row.
    pub cursor: usize,
    /// Ticked options of a multiple-choice question, by id.
    pub ticked: Vec<String>,
    /// The typed answer of a number or text question.
    pub field: TextField,
    /// Whether keys type into the field (else they are commands).
    pub typing: bool,
    /// The note being written, while the note editor is open.
    pub note_editor: Option<TextField>,
    pub explanation_open: bool,
    pub explanation_scroll: u16,
}

impl QuestionState {
    /// The state for a question, showing its current answer.
    fn for_question(question: &Question, answer: Option<&Answer>, explanation_open: bool) -> Self {
        let rows = question_rows::rows(question);
        let row_of = |id: &str| rows.iter().position(|row| row.id() == Some(id));
        let mut state = Self {
            explanation_open,
            typing: true,
            ..Self::default()
        };
        match answer {
            Some(Answer::Choice(id)) => state.cursor = row_of(id).unwrap_or(0),
            Some(Answer::Choices(ids)) => {
                state.ticked.clone_from(ids);
                state.cursor = ids.first().and_then(|id| row_of(id)).unwrap_or(0);
            }
            Some(Answer::NotSure) => state.cursor = row_of(NOT_SURE).unwrap_or(0),
            Some(Answer::Number(number)) => {
                state.field = TextField::with_text(&aiact_core::answer::format_number(*number));
            }
            Some(Answer::Text(text)) => state.field = TextField::with_text(text),
            None => {}
        }
        state
    }
}

impl Assessment {
    pub fn questionnaire(&self) -> &Questionnaire {
        self.document.questionnaire()
    }

    pub fn current(&self) -> Option<&Question> {
        self.session.current(self.document.questionnaire())
    }

    fn reset_question_state(&mut self) {
        let open = self.question.explanation_open;
        let questionnaire = self.document.questionnaire();
        self.question = match self.session.current(questionnaire) {
            Some(question) => QuestionState::for_question(
                question,
                self.session.answers().get(&question.id),
                open,
            ),
            None => QuestionState {
                explanation_open: open,
                ..QuestionState::default()
            },
        };
    }

    /// The questions the verdict still needs, by id.
    fn missing(&self) -> Vec<String> {
        self.session
            .evaluate(self.document.questionnaire())
            .missing()
            .iter()
            .map(|question| question.id.clone())
            .collect()
    }

    /// After `question` was answered or skipped: back to the review if it
    /// was opened from there and nothing new is open; else on to the next
    /// question, or the verdict after the last one.
    fn after_answer(&mut self, question: &str, missing_before: &[String], today: Date) {
        let back_to_review = std::mem::take(&mut self.return_to_review)
            && self.missing().iter().all(|id| missing_before.contains(id));
        if back_to_review {
            let questionnaire = self.document.questionnaire();
            if let Some(position) = questionnaire.question_position(question) {
                self.review_selected = position;
            }
            self.reset_question_state();
            self.view = View::Review;
            return;
        }
        self.reset_question_state();
        if self.session.is_finished() {
            self.show_verdict(today);
        }
    }

    fn show_verdict(&mut self, today: Date) {
        self.verdict = Some(Verdict::compute(
            self.document.questionnaire(),
            self.session.answers(),
            today,
        ));
        self.verdict_scroll = 0;
        self.view = View::Verdict;
    }
}

impl App {
    pub fn new(mut workspace: Workspace, today: Date, theme: Theme, area: Rect) -> Self {
        // The first frame does not wait for the questionnaire: the list
        // follows when it has loaded (see `tick`).
        let loading = workspace.is_loading();
        let entries = if loading {
            Vec::new()
        } else {
            workspace.list()
        };
        Self {
            workspace,
            today,
            theme,
            screen: Screen::Home(Home {
                entries,
                selected: 0,
                loading,
            }),
            overlay: None,
            message: None,
            state: RunState::Running,
            area,
            export_dir: PathBuf::from("."),
            now: jiff::Timestamp::now(),
            listed_at: Instant::now(),
        }
    }

    /// Background work that finished: the home list once the questionnaire
    /// has loaded. Returns whether the screen changed.
    /// Also reads the home list again every [`HOME_REFRESH`], for changes
    /// made by another aiact or the command line.
    pub fn tick(&mut self) -> bool {
        let Screen::Home(home) = &self.screen else {
            return false;
        };
        if home.loading {
            if self.workspace.is_loading() {
                return false;
            }
        } else if self.listed_at.elapsed() < HOME_REFRESH {
            return false;
        }
        self.refresh_home();
        true
    }

    /// Reads the home list again, keeping the selected assessment selected.
    pub fn refresh_home(&mut self) {
        let entries = self.workspace.list();
        self.now = jiff::Timestamp::now();
        self.listed_at = Instant::now();
        if let Screen::Home(home) = &mut self.screen {
            let selected_path = home
                .selected_entry()
                .and_then(|i| home.entries.get(i))
                .map(|entry| entry.path().to_owned());
            let found = selected_path.and_then(|path| {
                entries
                    .iter()
                    .position(|entry| entry.path() == path)
                    .map(|i| i + 1)
            });
            home.entries = entries;
            home.loading = false;
            home.selected = found.unwrap_or(home.selected).min(home.entries.len());
        }
    }

    /// Opens on what the command line asked for: the home screen, a new
    /// assessment (with its name, or the form to give one), or a file.
    pub fn start(&mut self, start: Start) {
        match start {
            Start::Home => {}
            Start::New(None) => self.overlay = Some(Overlay::Form(Form::new(FormKind::New, ""))),
            Start::New(Some(name)) => {
                let new = NewAssessment {
                    system_name: name,
                    ..NewAssessment::default()
                };
                match self.workspace.create(new) {
                    Ok(document) => self.open_document(document),
                    Err(error) => self.error(error.to_string()),
                }
            }
            Start::Open(path) => match self.workspace.open(&path) {
                Ok(document) => self.open_document(document),
                Err(error) => self.error(error.to_string()),
            },
        }
    }

    /// Runs until the user quits or `stop` is set (by a signal). Answers are
    /// saved as they are given, so leaving at any point loses nothing.
    pub fn run(mut self, terminal: &mut DefaultTerminal, stop: &AtomicBool) -> Result<()> {
        let size = terminal.size().context("reading the terminal size")?;
        self.area = Rect::new(0, 0, size.width, size.height);
        while self.state == RunState::Running {
            terminal
                .draw(|frame| frame.render_widget(&self, frame.area()))
                .context("drawing the screen")?;
            loop {
                if stop.load(Ordering::Relaxed) {
                    self.update(Action::Quit);
                    break;
                }
                if self.tick() {
                    break;
                }
                if event::poll(Duration::from_millis(50)).context("reading the terminal")? {
                    let event = event::read().context("reading the terminal")?;
                    if let Some(action) = self.action_for_event(&event) {
                        self.update(action);
                    }
                    break;
                }
            }
        }
        Ok(())
    }

    /// Where the keys go now.
    pub fn context(&self) -> Context {
        // Keys must not act on a screen that is not drawn.
        if ui::too_small(self.area) {
            return Context::TooSmall;
        }
        match &self.overlay {
            Some(Overlay::KeyHelp { .. }) => return Context::KeyHelp,
            Some(Overlay::Form(form)) if form.fields.len() == 1 => return Context::Field,
            Some(Overlay::Form(_)) => return Context::Form,
            Some(Overlay::ConfirmDelete { .. }) => return Context::Confirm,
            Some(Overlay::Notice { .. }) => return Context::Notice,
            None => {}
        }
        match &self.screen {
            Screen::Home(_) => Context::Home,
            Screen::Assessment(assessment) => match assessment.view {
                View::Review => Context::Review,
                View::Verdict => Context::Verdict,
                View::Question if assessment.question.note_editor.is_some() => Context::Note,
                View::Question => {
                    let on_field = assessment.current().is_some_and(|question| {
                        question_rows::rows(question).get(assessment.question.cursor)
                            == Some(&Row::Field)
                    });
                    if on_field && assessment.question.typing {
                        Context::Entry
                    } else {
                        Context::Question
                    }
                }
            },
        }
    }

    /// Terminal events to actions: keys through the key table, the mouse
    /// by position, a resize by remembering the size.
    pub fn action_for_event(&mut self, event: &Event) -> Option<Action> {
        if let Some(key) = event.as_key_press_event() {
            return keymap::action_for(&key, self.context());
        }
        if let Some((width, height)) = event.as_resize_event() {
            self.area = Rect::new(0, 0, width, height);
            return None;
        }
        if ui::too_small(self.area) {
            return None;
        }
        let mouse = event.as_mouse_event()?;
        let (column, row) = (mouse.column, mouse.row);
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
            MouseEventKind::ScrollUp => Some(Action::ScrollUp { column, row }),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown { column, row }),
            _ => None,
        }
    }

    pub fn update(&mut self, action: Action) {
        // A message stays until the next thing the user does.
        if !matches!(
            action,
            Action::ScrollUp { .. } | Action::ScrollDown { .. } | Action::Click { .. }
        ) {
            self.message = None;
        }
        if action == Action::Quit {
            self.quit();
            return;
        }
        if self.overlay.is_some() {
            self.update_overlay(action);
            return;
        }
        if action == Action::KeyHelp {
            self.overlay = Some(Overlay::KeyHelp {
                context: self.context(),
                scroll: 0,
            });
            return;
        }
        match &mut self.screen {
            Screen::Home(_) => self.update_home(action),
            Screen::Assessment(_) => self.update_assessment(action),
        }
    }

    fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            kind: MessageKind::Info,
        });
    }

    fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            kind: MessageKind::Error,
        });
    }

    /// Saves what is being written and stops the loop.
    fn quit(&mut self) {
        if let Screen::Assessment(assessment) = &mut self.screen
            && assessment.question.note_editor.is_some()
        {
            self.update_assessment(Action::Confirm);
        }
        self.go_home();
        self.state = RunState::Quit;
    }

    fn go_home(&mut self) {
        let previous = std::mem::replace(
            &mut self.screen,
            Screen::Home(Home {
                entries: Vec::new(),
                selected: 0,
                loading: false,
            }),
        );
        // Closing the document releases its lock; its answers are on disk.
        let left = match previous {
            Screen::Assessment(assessment) => Some(assessment.document.path().to_owned()),
            Screen::Home(_) => None,
        };
        self.show_home(left.as_deref());
    }

    /// The home screen with a fresh list, the given assessment selected.
    fn show_home(&mut self, select: Option<&std::path::Path>) {
        let entries = self.workspace.list();
        self.now = jiff::Timestamp::now();
        self.listed_at = Instant::now();
        let selected = select
            .and_then(|path| entries.iter().position(|entry| entry.path() == path))
            .map_or(0, |i| i + 1);
        self.screen = Screen::Home(Home {
            entries,
            selected,
            loading: false,
        });
    }

    fn open_document(&mut self, document: Document) {
        let session = Session::resume(document.questionnaire(), document.answers());
        self.overlay = notice(&document);
        let mut assessment = Box::new(Assessment {
            document,
            session,
            view: View::Question,
            question: QuestionState {
                // Open from the start where it fits beside the question.
                explanation_open: self.area.width >= ui::question::SIDE_BY_SIDE,
                ..QuestionState::default()
            },
            review_selected: 0,
            verdict: None,
            verdict_scroll: 0,
            exported: Vec::new(),
            return_to_review: false,
        });
        assessment.reset_question_state();
        if assessment.session.is_finished() {
            assessment.show_verdict(self.today);
        }
        self.screen = Screen::Assessment(assessment);
    }

    // ---- overlays ----

    fn update_overlay(&mut self, action: Action) {
        let Some(overlay) = &mut self.overlay else {
            return;
        };
        match overlay {
            Overlay::KeyHelp { scroll, .. } => match action {
                Action::Back => self.overlay = None,
                Action::Up | Action::ScrollUp { .. } => *scroll = scroll.saturating_sub(1),
                Action::Down | Action::ScrollDown { .. } => *scroll = scroll.saturating_add(1),
                Action::PageUp => *scroll = scroll.saturating_sub(10),
                Action::PageDown => *scroll = scroll.saturating_add(10),
                _ => {}
            },
            Overlay::ConfirmDelete { path, name } => match action {
                Action::Yes => {
                    let (path, name) = (path.clone(), name.clone());
                    self.overlay = None;
                    let row = match &self.screen {
                        Screen::Home(home) => home.selected,
                        _ => 0,
                    };
                    match self.workspace.delete(&path) {
                        Ok(()) => {
                            self.show_home(None);
                            // The entry that took its place is selected, as
                            // in a file manager; the last one if it was last.
                            if let Screen::Home(home) = &mut self.screen {
                                home.selected = row.min(home.rows() - 1);
                            }
                            self.info(format!("Deleted \"{name}\"."));
                        }
                        Err(error) => self.error(format!("Could not delete \"{name}\": {error}")),
                    }
                }
                Action::Back => self.overlay = None,
                _ => {}
            },
            Overlay::Notice { scroll, .. } => match action {
                Action::Back | Action::Confirm => self.overlay = None,
                Action::Up | Action::ScrollUp { .. } => *scroll = scroll.saturating_sub(1),
                Action::Down | Action::ScrollDown { .. } => *scroll = scroll.saturating_add(1),
                _ => {}
            },
            Overlay::Form(form) => match action {
                Action::Back => self.overlay = None,
                Action::NextField => form.focus = (form.focus + 1) % form.fields.len(),
                Action::PreviousField => {
                    form.focus = (form.focus + form.fields.len() - 1) % form.fields.len();
                }
                Action::Confirm => self.submit_form(),
                other => {
                    if let Some((_, field)) = form.fields.get_mut(form.focus) {
                        field.edit(other);
                    }
                    form.error = None;
                }
            },
        }
    }

    fn submit_form(&mut self) {
        let Some(Overlay::Form(form)) = &mut self.overlay else {
            return;
        };
        let Some(first) = form.value(0) else {
            form.error = Some(match form.kind {
                FormKind::OpenPath => "Type the path of a file.".to_owned(),
                _ => "Give the AI system a name, for instance the product's name.".to_owned(),
            });
            form.focus = 0;
            return;
        };
        let kind = form.kind.clone();
        let result = match kind {
            FormKind::New => {
                let new = NewAssessment {
                    system_name: first,
                    organisation: form.value(1),
                    assessor: form.value(2),
                };
                self.workspace
                    .create(new)
                    .map(|document| self.open_document(document))
            }
            FormKind::OpenPath => self
                .workspace
                .resolve(&first)
                .and_then(|path| self.workspace.open(&path))
                .map(|document| self.open_document(document)),
            FormKind::Rename { path } => self.workspace.rename(&path, &first).map(|renamed| {
                self.show_home(Some(&renamed));
                self.info(format!("Renamed to \"{first}\"."));
            }),
            FormKind::Duplicate { path } => self.workspace.duplicate(&path, &first).map(|copy| {
                self.show_home(Some(&copy));
                self.info(format!("Copied as \"{first}\"."));
            }),
        };
        match result {
            Ok(()) => {
                if let Some(Overlay::Form(_)) = self.overlay {
                    self.overlay = None;
                }
            }
            Err(error) => {
                if let Some(Overlay::Form(form)) = &mut self.overlay {
                    form.error = Some(error.to_string());
                    // Every form error is about the first field (the name or
                    // the path): back to it, ready to correct.
                    form.focus = 0;
                }
            }
        }
    }

    // ---- home ----

    fn update_home(&mut self, action: Action) {
        let Screen::Home(home) = &mut self.screen else {
            return;
        };
        let last = home.rows() - 1;
        match action {
            Action::Up => home.selected = home.selected.saturating_sub(1),
            Action::Down => home.selected = (home.selected + 1).min(last),
            Action::Top => home.selected = 0,
            Action::Bottom => home.selected = last,
            Action::ScrollUp { .. } => home.selected = home.selected.saturating_sub(1),
            Action::ScrollDown { .. } => home.selected = (home.selected + 1).min(last),
            Action::Click { column, row } => {
                if let Some(clicked) = ui::home::row_at(home, self.area, column, row) {
                    if clicked == home.selected {
                        self.update_home(Action::Confirm);
                    } else {
                        home.selected = clicked;
                    }
                }
            }
            Action::NewAssessment => {
                self.overlay = Some(Overlay::Form(Form::new(FormKind::New, "")))
            }
            Action::OpenPath => {
                self.overlay = Some(Overlay::Form(Form::new(FormKind::OpenPath, "")));
            }
            Action::Confirm => match home.selected_entry() {
                None => self.overlay = Some(Overlay::Form(Form::new(FormKind::New, ""))),
                Some(entry) => match home.entries.get(entry) {
                    Some(Listing::Unreadable { path, reason }) => {
                        // The whole reason, wrapped: a status line would cut it.
                        let delete = keymap::keys_for(Action::Delete, Context::Home);
                        self.overlay = Some(Overlay::Notice {
                            title: " Cannot open this file ".to_owned(),
                            lines: vec![
                                path.display().to_string(),
                                reason.clone(),
                                format!(
                                    "aiact leaves the file as it is. If you do not need it, {delete} on the list deletes it (after asking)."
                                ),
                            ],
                            scroll: 0,
                        });
                    }
                    Some(Listing::Readable(summary)) => {
                        let path = summary.path.clone();
                        match self.workspace.open(&path) {
                            Ok(document) => self.open_document(document),
                            Err(error) => self.error(error.to_string()),
                        }
                    }
                    None => {}
                },
            },
            Action::Rename | Action::Duplicate | Action::Delete => {
                let Some(entry) = home.selected_entry() else {
                    self.info("Select an assessment first (↓).");
                    return;
                };
                let summary = match home.entries.get(entry) {
                    Some(Listing::Readable(summary)) => summary,
                    // A bad file can be cleaned up, never changed.
                    Some(Listing::Unreadable { path, .. }) if action == Action::Delete => {
                        let name = path.file_name().map_or_else(
                            || path.display().to_string(),
                            |name| name.to_string_lossy().into_owned(),
                        );
                        let path = path.clone();
                        self.overlay = Some(Overlay::ConfirmDelete { path, name });
                        return;
                    }
                    _ => {
                        self.error("This file cannot be read: it can only be deleted.");
                        return;
                    }
                };
                let name = summary.system_name.clone();
                let path = summary.path.clone();
                let copy_name = free_copy_name(&name, &home.entries);
                self.overlay = Some(match action {
                    Action::Rename => Overlay::Form(Form::new(FormKind::Rename { path }, &name)),
                    Action::Duplicate => {
                        Overlay::Form(Form::new(FormKind::Duplicate { path }, &copy_name))
                    }
                    _ => Overlay::ConfirmDelete { path, name },
                });
            }
            Action::Back => self.state = RunState::Quit,
            _ => {}
        }
    }

    // ---- an open assessment ----

    fn update_assessment(&mut self, action: Action) {
        let Screen::Assessment(assessment) = &mut self.screen else {
            return;
        };
        match assessment.view {
            View::Question => self.update_question(action),
            View::Review => self.update_review(action),
            View::Verdict => self.update_verdict(action),
        }
    }

    fn assessment(&mut self) -> Option<&mut Assessment> {
        match &mut self.screen {
            Screen::Assessment(assessment) => Some(assessment),
            Screen::Home(_) => None,
        }
    }

    fn update_question(&mut self, action: Action) {
        let today = self.today;
        let area = self.area;
        let Some(assessment) = self.assessment() else {
            return;
        };
        if assessment.question.note_editor.is_some() {
            self.update_note(action);
            return;
        }
        let Some(question) = assessment.current().cloned() else {
            // Past the last question: the verdict.
            assessment.show_verdict(today);
            return;
        };
        let rows = question_rows::rows(&question);
        let last = rows.len().saturating_sub(1);
        let page = ui::question::explanation_page(area);
        let max_scroll = ui::question::explanation_max_scroll(self, area);
        let Some(assessment) = self.assessment() else {
            return;
        };
        if matches!(
            action,
            Action::Previous | Action::Next | Action::Review | Action::Verdict | Action::Back
        ) {
            assessment.return_to_review = false;
        }
        let state = &mut assessment.question;
        match action {
            Action::Up => state.cursor = state.cursor.saturating_sub(1),
            Action::Down => state.cursor = (state.cursor + 1).min(last),
            Action::Top => state.cursor = 0,
            Action::Bottom => state.cursor = last,
            Action::Pick(number) => {
                let row = usize::from(number) - 1;
                if row <= last {
                    state.cursor = row;
                    if question.kind == QuestionKind::MultiChoice {
                        toggle(state, &question, &rows);
                    }
                } else {
                    let text = format!(
                        "There is no option {number}: this question has {} options.",
                        rows.len()
                    );
                    self.info(text);
                }
            }
            Action::Toggle => {
                if question.kind == QuestionKind::MultiChoice {
                    toggle(state, &question, &rows);
                } else {
                    self.answer_current();
                }
            }
            Action::Confirm => self.answer_current(),
            Action::ToggleExplanation => {
                state.explanation_open = !state.explanation_open;
                state.explanation_scroll = 0;
            }
            Action::PageUp => {
                state.explanation_open = true;
                state.explanation_scroll = state.explanation_scroll.saturating_sub(page);
            }
            Action::PageDown => {
                state.explanation_open = true;
                state.explanation_scroll = state
                    .explanation_scroll
                    .saturating_add(page)
                    .min(max_scroll);
            }
            Action::ScrollUp { column, row } | Action::ScrollDown { column, row } => {
                let down = matches!(action, Action::ScrollDown { .. });
                let over_explanation = ui::question::explanation_area(self, area)
                    .is_some_and(|panel| panel.contains((column, row).into()));
                let Some(assessment) = self.assessment() else {
                    return;
                };
                let state = &mut assessment.question;
                if over_explanation {
                    state.explanation_scroll = if down {
                        state.explanation_scroll.saturating_add(3).min(max_scroll)
                    } else {
                        state.explanation_scroll.saturating_sub(3)
                    };
                } else if down {
                    state.cursor = (state.cursor + 1).min(last);
                } else {
                    state.cursor = state.cursor.saturating_sub(1);
                }
            }
            Action::Click { column, row } => {
                if let Some(clicked) = ui::question::row_at(self, area, column, row)
                    && let Some(assessment) = self.assessment()
                {
                    let state = &mut assessment.question;
                    state.cursor = clicked;
                    if question.kind == QuestionKind::MultiChoice {
                        toggle(state, &question, &rows);
                    }
                }
            }
            Action::EditField if rows.contains(&Row::Field) => {
                state.cursor = rows.iter().position(|row| *row == Row::Field).unwrap_or(0);
                state.typing = true;
            }
            Action::StopTyping => state.typing = false,
            Action::EditNote if assessment.document.read_only() => {
                self.error(
                    "Read-only: notes cannot be changed (another aiact has this assessment open).",
                );
            }
            Action::EditNote => {
                let note = assessment.document.note(&question.id).unwrap_or_default();
                assessment.question.note_editor = Some(TextField::with_text(note));
            }
            Action::Previous => {
                let before = assessment.session.current_id().map(str::to_owned);
                assessment.session.back(assessment.document.questionnaire());
                if assessment.session.current_id().map(str::to_owned) == before {
                    self.info("This is the first question.");
                } else {
                    assessment.reset_question_state();
                }
            }
            Action::Next => {
                assessment
                    .session
                    .forward(assessment.document.questionnaire());
                assessment.reset_question_state();
                if assessment.session.is_finished() {
                    assessment.show_verdict(today);
                }
            }
            Action::Skip => {
                if question.optional {
                    let missing_before = assessment.missing();
                    assessment.session.skip(assessment.document.questionnaire());
                    assessment.after_answer(&question.id, &missing_before, today);
                } else {
                    self.info("This question needs an answer for the verdict; only optional questions can be skipped.");
                }
            }
            Action::Review => {
                assessment.review_selected = assessment
                    .document
                    .questionnaire()
                    .question_position(&question.id)
                    .unwrap_or(0);
                assessment.view = View::Review;
            }
            Action::Verdict => assessment.show_verdict(today),
            Action::Back => self.go_home(),
            Action::Insert(_)
            | Action::DeleteBack
            | Action::DeleteForward
            | Action::CursorLeft
            | Action::CursorRight
            | Action::CursorHome
            | Action::CursorEnd
            | Action::ClearField => {
                state.field.edit(action);
            }
            _ => {}
        }
    }

    fn update_note(&mut self, action: Action) {
        let today = self.today;
        let Some(assessment) = self.assessment() else {
            return;
        };
        let Some(editor) = &mut assessment.question.note_editor else {
            return;
        };
        match action {
            Action::Back => assessment.question.note_editor = None,
            Action::Confirm => {
                let note = editor.value().map(str::to_owned);
                let Some(id) = assessment.session.current_id().map(str::to_owned) else {
                    return;
                };
                match assessment.document.set_note(&id, note.as_deref(), today) {
                    Ok(()) => {
                        assessment.question.note_editor = None;
                        self.info(if note.is_some() {
                            "Note saved."
                        } else {
                            "Note removed."
                        });
                    }
                    Err(StorageError::ReadOnly { .. }) => {
                        self.error("This assessment is open read-only: notes cannot change.");
                    }
                    Err(error) => self.error(format!("The note was not saved: {error}")),
                }
            }
            other => {
                editor.edit(other);
            }
        }
    }

    /// Answers the current question with what the screen shows chosen.
    fn answer_current(&mut self) {
        let today = self.today;
        let Some(assessment) = self.assessment() else {
            return;
        };
        let Some(question) = assessment.current().cloned() else {
            return;
        };
        // Enter on an empty optional field leaves the question unanswered.
        let missing_before = assessment.missing();
        if question.optional
            && !question.kind.is_choice()
            && assessment.question.field.value().is_none()
        {
            assessment.session.skip(assessment.document.questionnaire());
            assessment.after_answer(&question.id, &missing_before, today);
            return;
        }
        let value = match answer_value(&question, &assessment.question) {
            Ok(value) => value,
            Err(problem) => {
                self.info(problem);
                return;
            }
        };
        // An answer that does not fit is the user's to fix: say why, change nothing.
        if let Err(problem) = Answer::from_value(&question, &value) {
            self.info(format!("{}.", capitalised(&problem.to_string())));
            return;
        }
        let saved = assessment.document.set_answer(&question.id, &value, today);
        if let Err(StorageError::ReadOnly { .. }) = saved {
            self.error("This assessment is open read-only: answers cannot change.");
            return;
        }
        if let Err(error) = assessment
            .session
            .answer(assessment.document.questionnaire(), &value)
        {
            let text = error.problem.to_string();
            self.error(format!("The answer was not recorded: {text}"));
            return;
        }
        if let Err(error) = saved {
            // The answer is kept in memory and saved with the next change.
            self.error(format!("Not saved to disk yet: {error}"));
        }
        let Some(assessment) = self.assessment() else {
            return;
        };
        assessment.after_answer(&question.id, &missing_before, today);
    }

    fn update_review(&mut self, action: Action) {
        let today = self.today;
        let area = self.area;
        let clicked = match action {
            Action::Click { column, row } => ui::review::question_at(self, area, column, row),
            _ => None,
        };
        let Some(assessment) = self.assessment() else {
            return;
        };
        let rows = ui::review::question_rows(assessment);
        let index = rows
            .iter()
            .position(|&p| p == assessment.review_selected)
            .unwrap_or(0);
        let page = usize::from(area.height.saturating_sub(8)).max(1);
        let select = |assessment: &mut Assessment, i: usize| {
            if let Some(&position) = rows.get(i.min(rows.len().saturating_sub(1))) {
                assessment.review_selected = position;
            }
        };
        match action {
            Action::Up | Action::ScrollUp { .. } => select(assessment, index.saturating_sub(1)),
            Action::Down | Action::ScrollDown { .. } => select(assessment, index + 1),
            Action::PageUp => select(assessment, index.saturating_sub(page)),
            Action::PageDown => select(assessment, index + page),
            Action::Top => select(assessment, 0),
            Action::Bottom => select(assessment, usize::MAX),
            Action::Click { .. } => {
                if let Some(position) = clicked {
                    if position == assessment.review_selected {
                        self.update_review(Action::Confirm);
                    } else {
                        assessment.review_selected = position;
                    }
                }
            }
            Action::Confirm => {
                let questionnaire = assessment.document.questionnaire();
                let Some(question) = questionnaire.questions().get(assessment.review_selected)
                else {
                    return;
                };
                let id = question.id.clone();
                if assessment.session.go_to(questionnaire, &id) {
                    assessment.reset_question_state();
                    assessment.return_to_review = true;
                    assessment.view = View::Question;
                } else {
                    self.info("This question no longer applies, because of other answers; its old answer does not count.");
                }
            }
            Action::Verdict => assessment.show_verdict(today),
            Action::Back => {
                assessment.reset_question_state();
                if assessment.session.is_finished() {
                    assessment.show_verdict(today);
                } else {
                    assessment.view = View::Question;
                }
            }
            _ => {}
        }
    }

    fn update_verdict(&mut self, action: Action) {
        match action {
            Action::Export => return self.export(),
            Action::Back => return self.go_home(),
            _ => {}
        }
        let page = ui::verdict::page(self.area);
        let max = ui::verdict::max_scroll(self, self.area);
        let sections = ui::verdict::section_starts(self, self.area);
        let Some(assessment) = self.assessment() else {
            return;
        };
        let scroll = &mut assessment.verdict_scroll;
        match action {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll = scroll.saturating_add(1).min(max),
            Action::ScrollUp { .. } => *scroll = scroll.saturating_sub(3),
            Action::ScrollDown { .. } => *scroll = scroll.saturating_add(3).min(max),
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::PageDown => *scroll = scroll.saturating_add(page).min(max),
            Action::Top => *scroll = 0,
            Action::Bottom => *scroll = max,
            Action::NextSection => {
                if let Some(&next) = sections.iter().find(|&&start| start > *scroll) {
                    *scroll = next.min(max);
                }
            }
            Action::PreviousSection => {
                *scroll = sections
                    .iter()
                    .rev()
                    .find(|&&start| start < *scroll)
                    .copied()
                    .unwrap_or(0);
            }
            Action::Review => {
                assessment.review_selected = 0;
                assessment.view = View::Review;
            }
            Action::Previous => {
                // Unfinished, back means on to what is still open: the first
                // question the verdict needs; finished, the last question.
                let questionnaire = assessment.document.questionnaire();
                let first_missing = assessment
                    .session
                    .evaluate(questionnaire)
                    .missing()
                    .first()
                    .map(|question| question.id.clone());
                let moved =
                    first_missing.is_some_and(|id| assessment.session.go_to(questionnaire, &id));
                if !moved {
                    assessment.session.back(questionnaire);
                }
                assessment.reset_question_state();
                assessment.view = View::Question;
            }
            _ => {}
        }
    }

    fn export(&mut self) {
        let export_dir = self.export_dir.clone();
        let width = self.area.width.saturating_sub(1);
        let Some(assessment) = self.assessment() else {
            return;
        };
        let Some(verdict) = &assessment.verdict else {
            return;
        };
        match export::write(&export_dir, &assessment.document.report(verdict)) {
            Ok(exported) => {
                let text = exported_message(&exported.paths, exported.replaced, width);
                assessment.exported = exported.paths;
                self.info(text);
            }
            Err(error) => self.error(format!("Export failed: {error:#}")),
        }
    }
}

/// "Exported to DIR: name.md, .html, .json" in at most `width` columns: the
/// directory is shortened in its middle, so that the file names stay. Says
/// so when files of an earlier export were replaced.
fn exported_message(paths: &[PathBuf], replaced: bool, width: u16) -> String {
    let dir = paths
        .first()
        .and_then(|path| path.parent())
        .map(|dir| dir.display().to_string())
        .unwrap_or_default();
    let names: Vec<String> = paths
        .iter()
        .enumerate()
        .filter_map(|(i, path)| {
            let shown = if i == 0 {
                path.file_name()?.to_string_lossy().into_owned()
            } else {
                format!(".{}", path.extension()?.to_string_lossy())
            };
            Some(shown)
        })
        .collect();
    let names = names.join(", ");
    let lead = if replaced {
        "Replaced existing files in"
    } else {
        "Exported to"
    };
    let fixed = format!("{lead} : {names}").chars().count();
    let room = u16::try_from(usize::from(width).saturating_sub(fixed))
        .unwrap_or(u16::MAX)
        .max(8);
    format!("{lead} {}: {names}", ui::text::shorten_middle(&dir, room))
}

/// What to read on opening a document, if anything.
fn notice(document: &Document) -> Option<Overlay> {
    let mut lines = Vec::new();
    if let Some(holder) = document.locked_by {
        lines.push(format!(
            "Another aiact has this assessment open for editing, so it is open here read-only: you can look at everything, but answers and notes cannot change. To edit it here: close the other one, then go back to the list ({}) and open it again.",
            keymap::keys_for(Action::Back, Context::Question)
        ));
        if let Some(pid) = holder {
            lines.push(format!("(The other one is process {pid}.)"));
        }
    }
    if let Some(migration) = document.migration() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        let versions = if migration.same_version_other_content {
            format!("version {} changed in content", migration.to_version)
        } else {
            format!(
                "version {} is now version {}",
                migration.from_version, migration.to_version
            )
        };
        lines.push(format!(
            "The questionnaire changed since this assessment was last saved: {versions}. Your answers that still fit are kept; the verdict is worked out again."
        ));
        if !migration.dropped.is_empty() {
            lines.push(String::new());
            lines.push(format!(
                "{} answer(s) no longer fit and were set aside (they stay in the file):",
                migration.dropped.len()
            ));
            for dropped in &migration.dropped {
                let note = dropped
                    .note
                    .as_deref()
                    .map_or_else(String::new, |note| format!(" Your note: {note}"));
                let question = document
                    .questionnaire()
                    .question(&dropped.question)
                    .map_or(dropped.question.as_str(), |q| q.text.as_str());
                lines.push(format!("• {question}: {}.{note}", dropped.problem));
            }
        }
        if let Some(previous) = &migration.previous_verdict {
            lines.push(String::new());
            lines.push(format!(
                "Before the change the result was: {}. The verdict screen shows the new one beside it.",
                previous.tier.label
            ));
        }
    }
    (!lines.is_empty()).then(|| Overlay::Notice {
        title: if document.locked_by.is_some() {
            " Open read-only ".to_owned()
        } else {
            " The questionnaire was updated ".to_owned()
        },
        lines,
        scroll: 0,
    })
}

/// "Name (copy)", or "Name (copy 2)", ... : the first no assessment has yet
/// (two of the same name are refused).
fn free_copy_name(name: &str, entries: &[Listing]) -> String {
    let taken = |candidate: &str| {
        entries.iter().any(|entry| {
            matches!(entry, Listing::Readable(summary)
                if summary.system_name.trim().eq_ignore_ascii_case(candidate))
        })
    };
    (1..)
        .map(|n| {
            if n == 1 {
                format!("{name} (copy)")
            } else {
                format!("{name} (copy {n})")
            }
        })
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| format!("{name} (copy)"))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Ticks or unticks the highlighted option of a multiple-choice question,
/// keeping exclusive options ("none of these", "not sure") alone.
fn toggle(state: &mut QuestionState, question: &Question, rows: &[Row<'_>]) {
    let Some(id) = rows.get(state.cursor).and_then(Row::id) else {
        return;
    };
    if let Some(at) = state.ticked.iter().position(|ticked| ticked == id) {
        state.ticked.remove(at);
        return;
    }
    let exclusive = |id: &str| id == NOT_SURE || question.option(id).is_some_and(|o| o.exclusive);
    if exclusive(id) {
        state.ticked.clear();
    } else {
        state.ticked.retain(|ticked| !exclusive(ticked));
    }
    state.ticked.push(id.to_owned());
}

/// The answer the screen shows chosen, or why there is none yet.
fn answer_value(question: &Question, state: &QuestionState) -> Result<AnswerValue, String> {
    let rows = question_rows::rows(question);
    let highlighted = rows.get(state.cursor).copied();
    match (question.kind, highlighted) {
        (_, Some(Row::NotSure)) if question.kind != QuestionKind::MultiChoice => {
            Ok(AnswerValue::Text(NOT_SURE.to_owned()))
        }
        (QuestionKind::MultiChoice, _) => {
            if state.ticked.iter().any(|id| id == NOT_SURE) {
                return Ok(AnswerValue::Text(NOT_SURE.to_owned()));
            }
            if !state.ticked.is_empty() {
                return Ok(AnswerValue::List(state.ticked.clone()));
            }
            // Nothing ticked: Enter does not guess. On "Not sure" it means that.
            match highlighted {
                Some(Row::NotSure) => Ok(AnswerValue::Text(NOT_SURE.to_owned())),
                _ => Err(
                    "Nothing is ticked yet: tick the options that apply with Space, then press Enter."
                        .to_owned(),
                ),
            }
        }
        (_, Some(Row::Option { id, .. })) => Ok(AnswerValue::Text(id.to_owned())),
        (QuestionKind::Number, _) => aiact_core::answer::parse_number(state.field.text())
            .map(AnswerValue::Number)
            .map_err(|problem| format!("{}.", capitalised(&problem.to_string()))),
        (QuestionKind::Text, _) => state
            .field
            .value()
            .map(|text| AnswerValue::Text(text.to_owned()))
            .ok_or_else(|| "Type your answer, then press Enter.".to_owned()),
        _ => Err("Choose an answer first.".to_owned()),
    }
}
