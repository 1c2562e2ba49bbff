//! What wakes the loop: a terminal event (read on a thread of its own, so
//! that the loop can wait for other things too), a new listing of the
//! assessments, a signal to stop. The loop waits on one channel for all of
//! them: it draws as soon as any comes, and uses no CPU while none does.

use std::io;
use std::sync::mpsc::Sender;

use ratatui::crossterm::event::{self, Event};

pub enum Incoming {
    Terminal(Event),
    /// A listing is ready to take ([`super::refresh::Refresh::take`]).
    Listed,
    /// SIGTERM, SIGHUP or SIGINT: save and leave.
    Stop,
    /// The terminal cannot be read any more.
    Lost(io::Error),
}

/// Reads the terminal's events into `send` until the loop is gone.
pub fn read_terminal(send: Sender<Incoming>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("terminal".to_owned())
        .spawn(move || {
            loop {
                let incoming = match event::read() {
                    Ok(event) => Incoming::Terminal(event),
                    Err(error) => Incoming::Lost(error),
                };
                let lost = matches!(incoming, Incoming::Lost(_));
                if send.send(incoming).is_err() || lost {
                    return;
                }
            }
        })
        .map(drop)
}

/// Sends [`Incoming::Stop`] on SIGTERM, SIGHUP and SIGINT.
#[cfg(unix)]
pub fn forward_signals(send: Sender<Incoming>) -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new()
        .name("signals".to_owned())
        .spawn(move || {
            for _ in signals.forever() {
                if send.send(Incoming::Stop).is_err() {
                    return;
                }
            }
        })
        .map(drop)
}

/// Elsewhere Ctrl-C comes as a key, and the loop looks at the stop flag
/// whenever it wakes.
#[cfg(not(unix))]
pub fn forward_signals(_send: Sender<Incoming>) -> io::Result<()> {
    Ok(())
}
