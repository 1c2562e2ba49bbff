//! The real binary in a pseudo-terminal: keys in, screen out, with
//! portable-pty and vt100. No real terminal is needed, so this runs on CI. Timeouts are
//! tunable with `AIACT_E2E_TIMEOUT_MS` (default 20 s per wait).
//!
//! The walk answers the shipped questionnaire with whatever is highlighted
//! (ticked, on a multiple choice; "1" in answer fields), so it does not depend on question ids.

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "support/palette.rs"]
mod palette;
#[path = "../benches/support/pty.rs"]
mod pty;

use pty::{COLUMNS, ROWS};

fn timeout() -> Duration {
    let millis = std::env::var("AIACT_E2E_TIMEOUT_MS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(20_000);
    Duration::from_millis(millis)
}

/// The binary in a pseudo-terminal, on a data directory in `cwd`, as of
/// 2026-11-23.
struct Session {
    pty: pty::Session,
}

impl Session {
    /// The program on the shipped questionnaire, without colours.
    fn start(cwd: &Path) -> Self {
        Self::start_with(cwd, &[], &[("NO_COLOR", "1")])
    }

    /// The program with extra arguments (before the command) and
    /// environment.
    fn start_with(cwd: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::start_sized(cwd, args, env, (ROWS, COLUMNS))
    }

    /// The same in a terminal of `rows` and `columns`.
    fn start_sized(cwd: &Path, args: &[&str], env: &[(&str, &str)], size: (u16, u16)) -> Self {
        let args = [&["--today", "2026-11-23"], args].concat();
        let mut command = pty::command(env!("CARGO_BIN_EXE_aiact"), &args, env);
        command.cwd(cwd);
        command.env("AIACT_DATA_DIR", cwd.join("data"));
        Self {
            pty: pty::Session::spawn(command, size),
        }
    }

    fn screen(&self) -> String {
        self.pty.text()
    }

    fn send(&mut self, keys: &str) {
        self.pty.send(keys);
    }

    /// The screen once it has stopped changing for a moment.
    fn stable_frame(&self) -> String {
        let deadline = Instant::now() + timeout();
        let mut last = self.screen();
        let mut quiet_since = Instant::now();
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(15));
            let now = self.screen();
            if now != last {
                last = now;
                quiet_since = Instant::now();
            } else if quiet_since.elapsed() > Duration::from_millis(80) && !now.trim().is_empty() {
                return now;
            }
        }
        last
    }

    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + timeout();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return self.stable_frame();
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {text:?}; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(15));
        }
    }

    /// Sends keys and returns the next stable frame that differs from `before`.
    fn send_and_wait_change(&mut self, keys: &str, before: &str) -> String {
        self.send(keys);
        let deadline = Instant::now() + timeout();
        while self.screen() == before {
            assert!(
                Instant::now() < deadline,
                "the screen did not change after {keys:?}:\n{before}"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        self.stable_frame()
    }

    /// Answers with the highlighted option (ticked, on a multiple choice;
    /// "1" in an answer field) until the verdict shows; returns how many
    /// answers that took and the verdict's screen.
    fn answer_until_the_verdict(&mut self, mut screen: String) -> (usize, String) {
        let mut answered = 0;
        while !screen.contains("your result") {
            assert!(
                answered < 400,
                "no verdict after {answered} answers:\n{screen}"
            );
            let keys = if screen.contains("Your answer:") {
                "1\r"
            } else if screen.contains("[ ]") {
                " \r" // a multiple choice: tick the highlighted option
            } else {
                "\r"
            };
            screen = self.send_and_wait_change(keys, &screen);
            answered += 1;
        }
        (answered, screen)
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + timeout();
        loop {
            if let Some(status) = self.pty.try_wait() {
                // Let the reader drain the last bytes (the terminal restore).
                std::thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(Instant::now() < deadline, "the program did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn terminal_restored(&self) -> bool {
        self.pty.with_screen(|screen| {
            !screen.alternate_screen()
                && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None
        })
    }
}

#[test]
fn a_new_user_goes_from_nothing_to_an_exported_verdict_and_quits_cleanly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut session = Session::start(dir.path());
    let home = session.wait_for("New assessment");
    assert!(home.contains("EU AI Act"), "{home}");

    session.send("n");
    session.wait_for("Name of the AI system");
    session.send("Pty Bot\r");
    let screen = session.wait_for("Section 1 of");

    let (answered, screen) = session.answer_until_the_verdict(screen);
    assert!(screen.contains("Result:"), "{screen}");

    let screen = session.send_and_wait_change("e", &screen);
    assert!(screen.contains("Exported to "), "{screen}");
    session.send("\x03"); // Ctrl-C: quit, saving
    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(
        session.terminal_restored(),
        "the terminal was left in the TUI's modes"
    );

    let json = std::fs::read_to_string(dir.path().join("pty-bot-report.json"))
        .expect("the report was exported to the working directory");
    let report: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(report["format"], "aiact-report/1");
    let verdict = &report["verdict"];
    assert_eq!(verdict["format"], "aiact-verdict/1");
    assert_eq!(verdict["complete"], true, "{json}");
    let label = verdict["tier"]["label"].as_str().expect("a tier label");
    assert!(
        screen.to_uppercase().contains(&label.to_uppercase()),
        "the screen shows the exported tier {label}:\n{screen}"
    );
    assert!(dir.path().join("pty-bot-report.md").exists());
    assert!(dir.path().join("pty-bot-report.html").exists());

    // The assessment itself was saved as it went, with the same verdict.
    let saved_dir = dir.path().join("data/assessments");
    let files: Vec<_> = std::fs::read_dir(&saved_dir)
        .expect("the assessments directory exists")
        .map(|entry| entry.expect("entry").path())
        .collect();
    let saved: Vec<_> = files
        .iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    assert_eq!(saved.len(), 1, "{files:?}");
    assert!(
        !files
            .iter()
            .any(|path| path.to_string_lossy().ends_with(".lock")),
        "the lock is released on quitting: {files:?}"
    );
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(saved[0]).expect("read")).expect("json");
    assert_eq!(file["metadata"]["system_name"], "Pty Bot");
    assert_eq!(
        file["verdict"]["tier"], verdict["tier"],
        "saved and exported verdicts agree"
    );
    assert_eq!(
        file["progress"]["answered"], answered,
        "every answer was saved"
    );
}

/// The colours a cell shows on a palette, reverse video applied: its
/// foreground (the colour of a full block) and its background.
fn shown(cell: &vt100::Cell, palette: &palette::Palette) -> (palette::Rgb, palette::Rgb) {
    let resolve = |colour: vt100::Color, default: palette::Rgb| match colour {
        vt100::Color::Default => default,
        vt100::Color::Idx(index) => palette.indexed(index),
        vt100::Color::Rgb(r, g, b) => [r, g, b],
    };
    let fg = resolve(cell.fgcolor(), palette.fg);
    let bg = resolve(cell.bgcolor(), palette.bg);
    if cell.inverse() { (bg, fg) } else { (fg, bg) }
}

/// Issue 13: your tier's bar in the pyramid was a full block in reverse
/// video, which a terminal paints in its background colour: invisible in
/// xterm. Read back through a terminal emulator with its attributes, the
/// bar must stand out from the background, and its label be readable, on
/// xterm's light and dark palettes, with colours and with `NO_COLOR`.
#[test]
fn your_tier_in_the_pyramid_shows_on_light_and_dark_terminals() {
    use palette::assert_readable;
    let toy = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/toy.json");
    let colours: &[(&str, &str)] = &[];
    for env in [colours, &[("NO_COLOR", "1")]] {
        let dir = tempfile::tempdir().expect("tempdir");
        let args = ["--questionnaire", toy, "new", "Colour Bot"];
        let mut session = Session::start_with(dir.path(), &args, env);
        let screen = session.wait_for("Section 1 of");
        session.answer_until_the_verdict(screen);
        session.pty.with_screen(|grid| {
            let row = (0..ROWS)
                .find(|&row| {
                    grid.contents_between(row, 0, row, COLUMNS)
                        .contains("your result")
                })
                .expect("the pyramid marks your result");
            let cells: Vec<&vt100::Cell> =
                (0..COLUMNS).filter_map(|col| grid.cell(row, col)).collect();
            let bar: Vec<&&vt100::Cell> = cells.iter().filter(|c| c.contents() == "█").collect();
            assert!(bar.len() >= 5, "{env:?}: a bar of full blocks");
            // The label: from the marker up to the words "your result".
            let text: Vec<&str> = cells.iter().map(|cell| cell.contents()).collect();
            let marker = text.iter().position(|c| *c == "◀").expect("the marker");
            let words = text.concat().find("your result").expect("the words");
            let words = text.concat()[..words].chars().count();
            let label = &cells[marker..words];
            let label: Vec<&&vt100::Cell> = label
                .iter()
                .take(label.iter().rposition(|c| c.contents() != " ").unwrap_or(0) + 1)
                .collect();
            assert!(label.len() > 3, "{env:?}: {:?}", text.concat());
            for palette in palette::xterm() {
                for cell in &bar {
                    let (glyph, _) = shown(cell, palette);
                    let what = format!("{env:?} on {}: the bar on the background", palette.name);
                    assert_readable(glyph, palette.bg, what);
                }
                for cell in &label {
                    let (fg, bg) = shown(cell, palette);
                    assert_readable(fg, bg, format!("{env:?} on {}: label", palette.name));
                }
            }
        });
        session.send("\x03");
        assert!(session.wait_exit().success());
    }
}

/// Issue 13: line mode printed long lines for the terminal to break
/// wherever the width ran out, mid-word and off the list's indentation.
#[test]
fn ask_wraps_its_lines_to_the_terminal_width() {
    const WIDTH: u16 = 60;
    let toy = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/toy.json");
    let dir = tempfile::tempdir().expect("tempdir");
    let args = ["--questionnaire", toy, "ask", "Line Bot"];
    let env = [("NO_COLOR", "1")];
    let mut session = Session::start_sized(dir.path(), &args, &env, (ROWS, WIDTH));
    // Rows the terminal had to break (a link longer than the width may).
    let broken = |session: &Session| -> Vec<String> {
        session.pty.with_screen(|screen| {
            (0..ROWS)
                .filter(|&row| screen.row_wrapped(row))
                .map(|row| screen.contents_between(row, 0, row, WIDTH))
                .filter(|text| !text.contains("https://"))
                .collect()
        })
    };
    session.wait_for("Organisation");
    session.send("\r");
    session.wait_for("assessor");
    session.send("\r");
    let screen = session.wait_for("Question 1 ");
    assert!(
        broken(&session).is_empty(),
        "{:?}\n{screen}",
        broken(&session)
    );
    // Each answer once its question shows: typed ahead, the terminal's
    // echo would land among the program's lines.
    for (number, answer) in ["y", "provider", "4", "y"].iter().enumerate() {
        session.send(&format!("{answer}\r"));
        session.wait_for(&format!("Question {} ", number + 2));
    }
    session.send("\r");
    let screen = session.wait_for("For a report to share");
    assert!(
        screen.contains("RESULT: TRANSPARENCY DUTIES") || screen.contains("FINDINGS"),
        "{screen}"
    );
    assert!(
        broken(&session).is_empty(),
        "{:?}\n{screen}",
        broken(&session)
    );
    let long = screen
        .lines()
        .filter(|line| line.trim_end().chars().count() > usize::from(WIDTH));
    assert_eq!(long.count(), 0, "{screen}");
    assert!(session.wait_exit().success());
}

#[test]
fn sigterm_restores_the_terminal_and_exits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut session = Session::start(dir.path());
    session.wait_for("New assessment");
    let pid = session.pty.process_id().expect("pid");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(session.terminal_restored());
}

#[test]
fn without_a_terminal_it_says_what_to_use_instead() {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_aiact"))
        .env("AIACT_DATA_DIR", dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("aiact evaluate"), "{stderr}");
    // Usability test: `new` suggested only `evaluate`, not the line-by-line mode.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_aiact"))
        .args(["new", "Shop Bot"])
        .env("AIACT_DATA_DIR", dir.path())
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("`aiact ask NAME` (or add --plain)"),
        "{stderr}"
    );
}

#[test]
fn closing_the_terminal_window_ends_the_program_and_its_lock_can_be_taken_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A terminal of its own: the session's reader and writer would hold it
    // open after the window closes.
    let pty = pty::open(ROWS, COLUMNS);
    let mut command = pty::command(env!("CARGO_BIN_EXE_aiact"), &["new", "Window Test"], &[]);
    command.env("AIACT_DATA_DIR", dir.path());
    let mut child = pty.slave.spawn_command(command).expect("the binary starts");
    drop(pty.slave);
    // Wait until the assessment exists (and is locked), then close the window.
    let saved = dir.path().join("assessments/window-test.json");
    let deadline = Instant::now() + timeout();
    while !saved.exists() {
        assert!(
            Instant::now() < deadline,
            "the assessment was never created"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    drop(pty.master);
    let deadline = Instant::now() + timeout();
    loop {
        if child.try_wait().expect("child status").is_some() {
            break;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            panic!("the program kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let store = aiact::storage::Store::at(dir.path());
    let opened = store
        .open(&saved, aiact::storage::Mode::Edit)
        .expect("the lock of the dead process is taken over");
    assert!(!opened.read_only);
}
