//! A terminal program in a pseudo-terminal, timed as a person meets it:
//! when what it draws shows, and how long the screen takes to change
//! after a key. A thread reads the program's output as it comes, feeds it
//! to a terminal emulator (vt100) and notes the time of every change of
//! the screen, so a time is that of the output that made the change, not
//! of a later look.
//!
//! The end-to-end tests (`tests/e2e_pty.rs`) drive the binary through the
//! same session.
#![allow(dead_code)] // the benchmarks and the tests each use a part

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{
    Child, CommandBuilder, ExitStatus, MasterPty, PtyPair, PtySize, native_pty_system,
};

pub const ROWS: u16 = 30;
pub const COLUMNS: u16 = 100;

struct Screen {
    parser: vt100::Parser,
    /// Every change of the screen's text since the last [`Session::forget`]:
    /// when, and the text then.
    changes: Vec<(Instant, String)>,
    text: String,
}

pub struct Session {
    screen: Arc<(Mutex<Screen>, Condvar)>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    pub started: Instant,
}

/// A pseudo-terminal of `rows` and `columns`.
pub fn open(rows: u16, columns: u16) -> PtyPair {
    native_pty_system()
        .openpty(PtySize {
            rows,
            cols: columns,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal")
}

/// `program` with `args` on an xterm that shows colours, then the
/// environment variables `env`.
pub fn command<S: AsRef<OsStr>>(program: &str, args: &[S], env: &[(&str, &str)]) -> CommandBuilder {
    let mut command = CommandBuilder::new(program);
    command.args(args);
    command.env("TERM", "xterm-256color");
    command.env_remove("NO_COLOR");
    for (name, value) in env {
        command.env(name, value);
    }
    command
}

impl Session {
    /// Starts `program` with `args` and the environment variables `env`.
    pub fn start(program: &str, args: &[String], env: &[(&str, &str)]) -> Self {
        Self::spawn(command(program, args, env), (ROWS, COLUMNS))
    }

    /// Starts `command` in a pseudo-terminal of `rows` and `columns`.
    pub fn spawn(command: CommandBuilder, (rows, columns): (u16, u16)) -> Self {
        let pty = open(rows, columns);
        let screen = Arc::new((
            Mutex::new(Screen {
                parser: vt100::Parser::new(
                    NonZeroU16::new(rows).expect("rows"),
                    NonZeroU16::new(columns).expect("columns"),
                    0,
                ),
                changes: Vec::new(),
                text: String::new(),
            }),
            Condvar::new(),
        ));
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 16384];
            while let Ok(read) = reader.read(&mut buffer) {
                if read == 0 {
                    break;
                }
                let at = Instant::now();
                let (lock, changed) = &*feed;
                let mut screen = lock.lock().expect("screen");
                screen.parser.process(&buffer[..read]);
                let text = screen.parser.screen().contents();
                if text != screen.text {
                    screen.changes.push((at, text.clone()));
                    screen.text = text;
                    changed.notify_all();
                }
            }
        });
        let started = Instant::now();
        let child = pty
            .slave
            .spawn_command(command)
            .expect("the program starts");
        drop(pty.slave);
        let writer = pty.master.take_writer().expect("writer");
        Self {
            screen,
            writer,
            child,
            _master: pty.master,
            started,
        }
    }

    /// When the screen first showed `text` (since the last `forget`), as
    /// time from `since`; `None` if it did not within `timeout`.
    pub fn shows(&self, text: &str, since: Instant, timeout: Duration) -> Option<Duration> {
        let (lock, changed) = &*self.screen;
        let deadline = Instant::now() + timeout;
        let mut screen = lock.lock().expect("screen");
        loop {
            if let Some((at, _)) = screen
                .changes
                .iter()
                .find(|(_, shown)| shown.contains(text))
            {
                return Some(at.saturating_duration_since(since));
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            screen = changed.wait_timeout(screen, left).expect("screen").0;
        }
    }

    /// Forgets the changes seen so far.
    pub fn forget(&self) {
        self.screen.0.lock().expect("screen").changes.clear();
    }

    /// The screen's text now.
    pub fn text(&self) -> String {
        self.screen.0.lock().expect("screen").text.clone()
    }

    /// Reads the screen now: its cells, colours and modes.
    pub fn with_screen<T>(&self, read: impl FnOnce(&vt100::Screen) -> T) -> T {
        read(self.screen.0.lock().expect("screen").parser.screen())
    }

    pub fn process_id(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// How the program ended, if it has.
    pub fn try_wait(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().expect("child status")
    }

    /// Sends `keys` and waits for the screen to change: the time from
    /// sending to the first change; `None` if none came within `timeout`.
    pub fn key_to_change(&mut self, keys: &str, timeout: Duration) -> Option<Duration> {
        self.forget();
        let sent = Instant::now();
        self.send(keys);
        let (lock, changed) = &*self.screen;
        let deadline = sent + timeout;
        let mut screen = lock.lock().expect("screen");
        loop {
            if let Some((at, _)) = screen.changes.first() {
                return Some(at.saturating_duration_since(sent));
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            screen = changed.wait_timeout(screen, left).expect("screen").0;
        }
    }

    /// Waits until the screen has not changed for `quiet`.
    pub fn settle(&self, quiet: Duration) {
        loop {
            self.forget();
            std::thread::sleep(quiet);
            if self.screen.0.lock().expect("screen").changes.is_empty() {
                return;
            }
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("keys sent");
        self.writer.flush().expect("keys sent");
    }

    /// The peak resident memory of the program so far, in KiB (Linux).
    pub fn peak_rss_kib(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// Sends `keys` (what quits the program) and waits for it to end.
    pub fn quit(mut self, keys: &str) {
        self.send(keys);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = self.child.kill();
        panic!("the program did not quit:\n{}", self.text());
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The value at `fraction` (0.5: the median, 0.99) of `values`.
pub fn percentile(values: &[Duration], fraction: f64) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    let at = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted.get(at).copied().unwrap_or_default()
}
