//! The app: the screen that shows, the overlay over it, the message line,
//! and the loop. Keys become actions in [`super::keymap`]; the screen or
//! overlay that has the keys turns an action into [`Effect`]s by changing
//! only its own state; the app carries the effects out (a command to the
//! open assessment, an export, a file to open). Drawing, in
//! [`super::ui`], reads all of it and never changes it; what it drew is
//! recorded for the next update ([`super::layout`]).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use aiact_core::Command;
use anyhow::{Context as _, Result};
use jiff::civil::Date;
use ratatui::crossterm::event::{Event, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use super::action::Action;
use super::effect::{Effect, Message};
use super::events::{self, Incoming};
use super::export;
use super::form::{Form, FormKind};
use super::home::{self, Home};
use super::keymap::{self, Context};
use super::layout::{Memo, Recorded, too_small};
use super::open::{Open, View};
use super::overlay::Overlay;
use super::refresh::{Listings, Refresh};
use super::theme::Theme;
use super::workspace::{Document, Workspace};
use crate::start::Start;
use crate::storage::{NewAssessment, StorageError};
use crate::strings::tui as say;

/// How long the start may keep the terminal unread while the list is read:
/// keys typed meanwhile wait, and come once it is on screen or this has
/// passed.
const QUIET_START: Duration = Duration::from_millis(50);

pub struct App {
    workspace: Workspace,
    /// The date verdicts are given as of.
    today: Date,
    theme: Theme,
    screen: Screen,
    overlay: Option<Overlay>,
    message: Option<Message>,
    running: bool,
    /// The terminal's size: keys do nothing while it is too small.
    area: Rect,
    /// Where exports go.
    export_dir: PathBuf,
    /// The home list, read and kept up to date on a thread of its own.
    refresh: Refresh,
    /// The list last read, while an assessment is open: home shows it at
    /// once on coming back, until the list read then comes.
    kept: Listings,
    /// The assessment marked as A on the home list, while another is
    /// open: it stays marked (to compare it with the one opened, say).
    kept_mark: Option<PathBuf>,
    /// How far the text of the overlay drawn last can scroll.
    overlay_scroll: Recorded<u16>,
}

pub enum Screen {
    Home(Home),
    Open(Box<Open>),
}

impl App {
    /// The home screen; its list is being read on another thread, and
    /// comes after the first frame ([`Self::take_listings`]).
    pub fn new(workspace: Workspace, today: Date, theme: Theme, area: Rect) -> Self {
        let refresh = workspace.follow_list();
        Self {
            workspace,
            today,
            theme,
            screen: Screen::Home(Home::reading()),
            overlay: None,
            message: None,
            running: true,
            area,
            export_dir: PathBuf::from("."),
            refresh,
            kept: Listings::default(),
            kept_mark: None,
            overlay_scroll: Recorded::default(),
        }
    }

    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The open assessment, if one is open.
    pub fn open(&self) -> Option<&Open> {
        match &self.screen {
            Screen::Open(open) => Some(open),
            Screen::Home(_) => None,
        }
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// Written by drawing: how far the overlay's text can scroll.
    pub(crate) fn overlay_scroll(&self) -> &Recorded<u16> {
        &self.overlay_scroll
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    /// The terminal changed size.
    pub fn resize(&mut self, area: Rect) {
        self.area = area;
    }

    /// Whether the loop goes on.
    pub fn is_running(&self) -> bool {
        self.running
    }

    pub fn export_dir(&self) -> &Path {
        &self.export_dir
    }

    pub fn set_export_dir(&mut self, dir: PathBuf) {
        self.export_dir = dir;
    }

    /// Opens on what the command line asked for: the home screen, a new
    /// assessment (with its name, or the form to give one), or a file.
    pub fn start(&mut self, start: Start) {
        let effect = match start {
            Start::Home => return,
            Start::New(None) => Effect::Show(Overlay::Form(Form::new(FormKind::New, ""))),
            Start::New(Some(name)) => Effect::Create(NewAssessment {
                system_name: name,
                ..Default::default()
            }),
            Start::Open(path) => Effect::Open(path),
        };
        self.perform(vec![effect]);
    }

    /// Runs until the user quits or `stop` is set (by a signal). Answers are
    /// saved as they are given, so leaving at any point loses nothing.
    ///
    /// The first frame is drawn before anything it does not need starts.
    /// The thread that lists the assessments starts then; the threads that
    /// read the terminal and forward signals, and `once_started`,
    /// once the list is on screen (or [`QUIET_START`] has passed, if the
    /// list takes longer): keys typed meanwhile wait in the terminal, and
    /// a signal is seen when the loop wakes. The questionnaire new
    /// assessments use is loaded once the list is on screen (opening or
    /// creating one before then loads it).
    ///
    /// The loop sleeps until something comes (a key, the mouse, a new
    /// listing, a signal, the clock), handles everything that has come,
    /// and draws.
    pub fn run(
        mut self,
        terminal: &mut super::Tty,
        stop: &AtomicBool,
        once_started: impl FnOnce(),
    ) -> Result<()> {
        let (send, incoming) = mpsc::channel();
        let started = Instant::now();
        let mut listing_to_start = Some(send.clone());
        let mut input_to_start = Some((send, once_started));
        while self.running {
            terminal
                .draw(|frame| frame.render_widget(&self, frame.area()))
                .context("drawing the screen")?;
            // On two cores, a list read meanwhile slowed the first frame
            // down.
            if let Some(send) = listing_to_start.take() {
                self.refresh.set_waker(move || {
                    let _ = send.send(Incoming::Listed);
                });
                self.refresh.begin();
            }
            let on_screen = !self.refresh.is_listing();
            // On two cores, anything done while the list is read and drawn
            // holds it back.
            if (on_screen || started.elapsed() >= QUIET_START)
                && let Some((send, once_started)) = input_to_start.take()
            {
                events::read_terminal(send.clone()).context("reading the terminal")?;
                events::forward_signals(send).context("setting up signal handling")?;
                once_started();
            }
            if on_screen && self.refresh.on_screen() {
                self.workspace.load_in_background();
            }
            let (wait, clock) = match input_to_start {
                Some(_) => (QUIET_START.saturating_sub(started.elapsed()), false),
                None => (home::CLOCK, true),
            };
            let mut next = match incoming.recv_timeout(wait) {
                Ok(first) => Some(first),
                Err(RecvTimeoutError::Timeout) => {
                    if clock {
                        self.tick();
                    }
                    None
                }
                Err(RecvTimeoutError::Disconnected) => None,
            };
            while let Some(incoming) = next.take().or_else(|| incoming.try_recv().ok()) {
                match incoming {
                    Incoming::Terminal(event) => {
                        if let Some(action) = self.action_for_event(&event) {
                            self.update(action);
                        }
                    }
                    Incoming::Listed => {
                        self.take_listings();
                    }
                    Incoming::Stop => self.update(Action::Quit),
                    Incoming::Lost(error) => {
                        self.update(Action::Quit);
                        return Err(error).context("reading the terminal");
                    }
                }
            }
            if stop.load(Ordering::Relaxed) {
                self.update(Action::Quit);
            }
        }
        Ok(())
    }

    /// The clock moved on: the home list's "5 min ago" is brought up to
    /// date.
    pub fn tick(&mut self) {
        if let Screen::Home(home) = &mut self.screen {
            home.tick();
        }
    }

    /// Takes the newest listing read on the listing thread, if one came;
    /// whether one did.
    pub fn take_listings(&mut self) -> bool {
        match self.refresh.take() {
            Some(listings) => {
                self.listed(listings);
                true
            }
            None => false,
        }
    }

    /// Waits up to `timeout` for a listing and takes it (for callers
    /// without the loop: tests, benchmarks), as if drawn at once; whether
    /// one came.
    pub fn wait_for_listing(&mut self, timeout: Duration) -> bool {
        match self.refresh.wait(timeout) {
            Some(listings) => {
                self.listed(listings);
                let _ = self.refresh.on_screen();
                true
            }
            None => false,
        }
    }

    /// Whether a listing asked for (at the start, on coming home, after a
    /// change made here) has not come yet.
    pub fn is_listing(&self) -> bool {
        self.refresh.is_listing()
    }

    fn listed(&mut self, listings: Listings) {
        match &mut self.screen {
            Screen::Home(home) => home.refresh(listings),
            Screen::Open(_) => self.kept = listings,
        }
    }

    /// Where the keys go now.
    pub fn context(&self) -> Context {
        // Keys must not act on a screen that is not drawn.
        if too_small(self.area) {
            return Context::TooSmall;
        }
        match &self.overlay {
            Some(Overlay::KeyHelp { .. }) => return Context::KeyHelp,
            Some(Overlay::Form(form)) if form.fields.len() == 1 => return Context::Field,
            Some(Overlay::Form(_)) => return Context::Form,
            Some(Overlay::ConfirmDelete { .. }) => return Context::Confirm,
            Some(Overlay::Notice { .. }) => return Context::Notice,
            Some(Overlay::Comparison { .. }) => return Context::Comparison,
            None => {}
        }
        let Screen::Open(open) = &self.screen else {
            return Context::Home;
        };
        match open.view {
            View::Review => Context::Review,
            View::Verdict => Context::Verdict,
            View::Question if open.question.note_editor.is_some() => Context::Note,
            View::Question => {
                let current = open.document.assessment().current();
                if current.is_some_and(|question| open.question.is_typing(question)) {
                    Context::Entry
                } else {
                    Context::Question
                }
            }
        }
    }

    /// What the open assessment allows, for the keys offered only where
    /// they apply (the footer, the key help).
    pub fn offered(&self) -> keymap::Offered {
        self.open().map_or_else(keymap::Offered::default, |open| {
            let assessment = open.document.assessment();
            keymap::Offered {
                read_only: open.document.read_only(),
                launch_questions: assessment.launch_question().is_some(),
            }
        })
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
        if too_small(self.area) {
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

    /// Hands the action to whatever has the keys, then carries out what
    /// it asked for.
    pub fn update(&mut self, action: Action) {
        // A message stays until the next thing the user does.
        if !matches!(
            action,
            Action::ScrollUp { .. } | Action::ScrollDown { .. } | Action::Click { .. }
        ) {
            self.message = None;
        }
        let effects = if action == Action::Quit {
            // A note being written is saved first.
            let mut effects = match &mut self.screen {
                Screen::Open(open) => open.before_leaving(),
                Screen::Home(_) => Vec::new(),
            };
            effects.extend([Effect::GoHome, Effect::Quit]);
            effects
        } else if action == Action::KeyHelp {
            // Only screens and the comparison offer the help; over the
            // comparison it comes back when the help closes.
            let context = self.context();
            vec![Effect::Show(Overlay::KeyHelp {
                context,
                scroll: 0,
                under: self.overlay.take().map(Box::new),
            })]
        } else if let Some(overlay) = &mut self.overlay {
            overlay.update(action, self.overlay_scroll.get())
        } else {
            match &mut self.screen {
                Screen::Home(home) => home.update(action),
                Screen::Open(open) => open.update(action),
            }
        };
        self.perform(effects);
    }

    /// Carries out effects in order; what an effect leads to comes next.
    fn perform(&mut self, effects: Vec<Effect>) {
        let mut queue = VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            for next in self.perform_one(effect).into_iter().rev() {
                queue.push_front(next);
            }
        }
    }

    fn perform_one(&mut self, effect: Effect) -> Vec<Effect> {
        match effect {
            Effect::Apply(command) => return self.apply(command),
            Effect::Export => self.export(),
            Effect::Open(path) => match self.workspace.open(&path, self.today) {
                Ok(document) => self.show_document(document),
                Err(error) => self.failed(error.to_string()),
            },
            Effect::OpenTyped(typed) => {
                let opened = self
                    .workspace
                    .resolve(&typed)
                    .and_then(|path| self.workspace.open(&path, self.today));
                self.form_done(opened);
            }
            Effect::Create(new) => {
                let created = self.workspace.create(new, self.today);
                self.form_done(created);
            }
            Effect::Rename { path, name } => match self.workspace.rename(&path, &name) {
                Ok(renamed) => {
                    self.overlay = None;
                    self.show_home(Some(&renamed));
                    self.message = Some(Message::info(say::renamed(&name)));
                }
                Err(error) => self.failed(error.to_string()),
            },
            Effect::Duplicate { path, name } => match self.workspace.duplicate(&path, &name) {
                Ok(copy) => {
                    self.overlay = None;
                    self.show_home(Some(&copy));
                    self.message = Some(Message::info(say::copied(&name)));
                }
                Err(error) => self.failed(error.to_string()),
            },
            Effect::Delete { path, name } => self.delete(&path, &name),
            Effect::Compare { a, b } => match self.workspace.compare(&a, &b, self.today) {
                Ok(compared) => {
                    self.overlay = Some(Overlay::Comparison {
                        compared: Box::new(compared),
                        lines: Memo::default(),
                        scroll: 0,
                    });
                }
                Err(error) => self.failed(error.to_string()),
            },
            Effect::Go(go) => {
                if let Screen::Open(open) = &mut self.screen {
                    open.go(go);
                }
            }
            Effect::GoHome => self.go_home(),
            Effect::Quit => self.running = false,
            Effect::Show(overlay) => self.overlay = Some(overlay),
            Effect::CloseOverlay => self.overlay = None,
            Effect::Say(message) => self.message = Some(message),
        }
        Vec::new()
    }

    /// Gives a command to the open assessment, which saves what changed,
    /// and tells the screen how it went.
    fn apply(&mut self, command: Command) -> Vec<Effect> {
        let Screen::Open(open) = &mut self.screen else {
            return Vec::new();
        };
        let outcome = open.document.apply(command.clone());
        open.applied(&command, outcome)
    }

    /// An assessment opened or created from a form: the form closes; or it
    /// stays, saying what is wrong.
    fn form_done(&mut self, result: Result<Document, StorageError>) {
        match result {
            Ok(document) => {
                self.overlay = None;
                self.show_document(document);
            }
            Err(error) => self.failed(error.to_string()),
        }
    }

    /// Says what failed: in the form, if one is open, else on the message
    /// line.
    fn failed(&mut self, text: String) {
        match &mut self.overlay {
            Some(Overlay::Form(form)) => form.fail(text),
            _ => self.message = Some(Message::error(text)),
        }
    }

    fn show_document(&mut self, document: Document) {
        let open = Open::new(document, self.area.width);
        self.overlay = open.notice();
        let previous = std::mem::replace(&mut self.screen, Screen::Open(Box::new(open)));
        if let Screen::Home(home) = previous {
            self.kept = home.entries;
            self.kept_mark = home.marked;
        }
        self.refresh.pause();
    }

    /// The home screen, the given assessment selected, with the list as
    /// last read until a fresh one comes (asked for here).
    fn show_home(&mut self, select: Option<&Path>) {
        let (entries, marked) = match &mut self.screen {
            Screen::Home(home) => (std::mem::take(&mut home.entries), home.marked.take()),
            Screen::Open(_) => (std::mem::take(&mut self.kept), self.kept_mark.take()),
        };
        let mut home = Home::new(entries, select);
        home.marked = marked;
        self.screen = Screen::Home(home);
        self.refresh.list();
    }

    /// Closes the open assessment, which releases its lock, and shows the
    /// list with it selected. A change an earlier save could not write is
    /// written first.
    fn go_home(&mut self) {
        let left = match &mut self.screen {
            Screen::Open(open) => {
                if let Err(error) = open.document.save_before_leaving() {
                    self.message = Some(Message::error(say::not_saved_on_leaving(error)));
                }
                Some(open.document.path().to_owned())
            }
            Screen::Home(_) => return,
        };
        // The document closes (its lock released) before the list is read.
        self.show_home(left.as_deref());
    }

    fn delete(&mut self, path: &Path, name: &str) {
        let row = match &self.screen {
            Screen::Home(home) => home.selected,
            Screen::Open(_) => 0,
        };
        match self.workspace.delete(path) {
            Ok(()) => {
                if let Screen::Home(home) = &mut self.screen {
                    home.remove(path);
                }
                self.show_home(None);
                if let Screen::Home(home) = &mut self.screen {
                    home.select_near(row);
                }
                self.message = Some(Message::info(say::deleted(name)));
            }
            Err(error) => {
                self.message = Some(Message::error(say::not_deleted(name, error)));
            }
        }
    }

    fn export(&mut self) {
        let Screen::Open(open) = &mut self.screen else {
            return;
        };
        match export::write(&self.export_dir, &open.document.report()) {
            Ok(exported) => {
                self.message = Some(exported.message());
                open.verdict.exported = exported.paths;
            }
            Err(error) => {
                self.message = Some(Message::error(say::export_failed(format!("{error:#}"))))
            }
        }
    }
}
