//! The interactive assessment: a full-screen terminal UI.
//!
//! `app` holds the state and its transitions, `keymap` the one key table,
//! `ui` the drawing, `workspace` everything that persists.

pub mod action;
pub mod app;
pub mod export;
pub mod input;
pub mod keymap;
pub mod question_rows;
pub mod theme;
pub mod ui;
pub mod workspace;

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, Result, bail};
use jiff::civil::Date;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::layout::Rect;

use app::{App, Start};
use theme::Theme;
use workspace::Workspace;

/// Runs the interactive assessment until the user quits.
pub fn run(workspace: Workspace, today: Date, start: Start) -> Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(
            "the interactive assessment needs a terminal; without one, use `aiact evaluate FILE` (see `aiact --help`)"
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
    // Installed before ratatui's, which restores the terminal and then calls this one.
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous_hook(info);
    }));
    let mut terminal = ratatui::try_init().context("setting up the terminal")?;
    let result = execute!(std::io::stdout(), EnableMouseCapture)
        .context("enabling the mouse")
        .and_then(|()| {
            let size = terminal.size().context("reading the terminal size")?;
            let area = Rect::new(0, 0, size.width, size.height);
            let mut app = App::new(workspace, today, Theme::from_env(), area);
            app.start(start);
            app.run(&mut terminal, &stop)
        });
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::try_restore().context("restoring the terminal")?;
    let _ = std::io::stdout().flush();
    result
}
