//! The interactive assessment: a full-screen terminal UI.
//!
//! `keymap` turns keys into actions (the one key table); each screen's
//! state (`home`, `question`, `review`, `verdict` of an `open` assessment,
//! `form`, `overlay`) turns actions into `effect`s by changing only itself;
//! `app` carries the effects out through `workspace`, everything that
//! persists, and runs the loop; `ui` draws, recording in the state
//! (`layout`) what it drew for the next update.

pub mod action;
pub mod app;
pub mod effect;
pub mod events;
pub mod export;
pub mod form;
pub mod home;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod open;
pub mod overlay;
pub mod question;
pub mod question_rows;
pub mod refresh;
pub mod review;
pub mod theme;
pub mod ui;
pub mod verdict;
pub mod workspace;

use std::io::{BufWriter, IsTerminal, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use jiff::civil::Date;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::layout::Rect;

use app::App;

use crate::start::Start;
use theme::Theme;
use workspace::Workspace;

/// Runs the interactive assessment until the user quits.
pub fn run(workspace: Workspace, today: Date, start: Start) -> Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "the full-screen assessment needs a terminal; without one, answer line by line with `aiact ask NAME` (or add --plain), or get the verdict for an answers file with `aiact evaluate FILE`"
        );
    }
    // SIGTERM and SIGHUP end the loop like Ctrl-C does, so that the terminal
    // is restored and nothing is lost.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .context("setting up signal handling")?;
    }
    let finished = Arc::new(AtomicBool::new(false));
    let mut terminal = init_terminal().context("setting up the terminal")?;
    let result = execute!(std::io::stdout(), EnableMouseCapture)
        .context("enabling the mouse")
        .and_then(|()| {
            let size = terminal.size().context("reading the terminal size")?;
            let area = Rect::new(0, 0, size.width, size.height);
            let mut app = App::new(workspace, today, Theme::from_env(), area);
            app.start(start);
            app.run(&mut terminal, &stop, || {
                watch_for_a_lost_terminal(Arc::clone(&stop), Arc::clone(&finished));
            })
        });
    finished.store(true, Ordering::Relaxed);
    put_the_terminal_back().context("restoring the terminal")?;
    let _ = std::io::stdout().flush();
    result
}

/// The terminal the interface draws on: stdout through a buffer that
/// holds a whole frame, so that each frame is written at once (stdout
/// writes it a kilobyte at a time: eight writes for the home list, each
/// waking the terminal).
pub type Tty = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Enough for a frame of a large window.
const FRAME_BUFFER: usize = 64 * 1024;

/// What `ratatui::try_init` does, drawing through a frame-sized buffer:
/// raw mode, the alternate screen, and a panic hook that puts the
/// terminal back (the mouse and the cursor too) before the panic is
/// reported. Set up halfway, the terminal is put back too.
fn init_terminal() -> std::io::Result<Tty> {
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = put_the_terminal_back();
        previous_hook(info);
    }));
    enable_raw_mode()?;
    let output = BufWriter::with_capacity(FRAME_BUFFER, std::io::stdout());
    let terminal = execute!(std::io::stdout(), EnterAlternateScreen)
        .and_then(|()| Terminal::new(CrosstermBackend::new(output)));
    if terminal.is_err() {
        let _ = put_the_terminal_back();
    }
    terminal
}

/// The terminal as it was: the mouse released, the cursor shown, raw mode
/// and the alternate screen left. On leaving, and where the loop cannot (a
/// panic, the process ended from outside it; the release build aborts on
/// a panic, so no drop does it).
fn put_the_terminal_back() -> std::io::Result<()> {
    let _ = execute!(std::io::stdout(), DisableMouseCapture, Show);
    ratatui::try_restore()
}

/// How long the loop has to end on its own after a signal.
const GRACE: Duration = Duration::from_secs(2);

/// 128 + SIGHUP, as a shell reports a hang-up.
const EXIT_TERMINAL_LOST: i32 = 129;

/// Ends the process if the terminal goes away (its window closed) or a
/// signal is not acted on in time. Both are needed because crossterm spins
/// on a hung-up terminal, reading nothing forever, and the loop never gets
/// control back to see the signal. Every answer and note is already on
/// disk; the lock left behind names a dead process, which the next opening
/// takes over.
fn watch_for_a_lost_terminal(stop: Arc<AtomicBool>, finished: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let mut stopping_since: Option<Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(250));
            if finished.load(Ordering::Relaxed) {
                return;
            }
            if terminal_is_gone() {
                std::process::exit(EXIT_TERMINAL_LOST);
            }
            if stop.load(Ordering::Relaxed) {
                let since = *stopping_since.get_or_insert_with(Instant::now);
                if since.elapsed() > GRACE {
                    let _ = put_the_terminal_back();
                    std::process::exit(EXIT_TERMINAL_LOST);
                }
            }
        }
    });
}

/// The terminal device was removed (Linux shows it as deleted once its
/// window is gone). Elsewhere this never fires and the signal path applies.
fn terminal_is_gone() -> bool {
    std::fs::read_link("/proc/self/fd/0")
        .is_ok_and(|target| target.to_string_lossy().ends_with(" (deleted)"))
}
