//! The built binary, run as a user runs it: its arguments, what it reads on
//! standard input, its output and its exit status. The data directory of
//! the environment the tests run in never leaks in: a test names its own.
#![allow(dead_code)] // each test binary uses a different part

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

/// The binary, without the environment's `AIACT_DATA_DIR`.
pub fn aiact() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_aiact"));
    command.env_remove("AIACT_DATA_DIR");
    command
}

/// The binary on the data directory `data_dir` (`--data-dir`).
pub fn aiact_in(data_dir: &Path) -> Command {
    let mut command = aiact();
    command.arg("--data-dir").arg(data_dir);
    command
}

/// Runs `command` with nothing on standard input.
pub fn run(command: &mut Command) -> Output {
    command
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

/// Starts `command` with `input` on standard input, closed after it.
pub fn spawn_with_input(command: &mut Command, input: &str) -> Child {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    // A command that refuses early closes its input: not an error here.
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    child
}

/// Runs `command` with `input` on standard input.
pub fn run_with_input(command: &mut Command, input: &str) -> Output {
    spawn_with_input(command, input)
        .wait_with_output()
        .expect("output")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The small questionnaire most command-line tests run on.
pub fn toy_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toy.json")
}

/// The command succeeded; the message shows what it said on standard error.
#[track_caller]
pub fn assert_success(output: &Output) {
    assert!(output.status.success(), "{}", stderr(output));
}

/// The command was refused (exit status 1) with a message that says
/// `expected`.
#[track_caller]
pub fn assert_refused(output: &Output, expected: &str) {
    assert_refused_in(output, expected, "");
}

/// The same for one case of several, named by `context` in the message.
#[track_caller]
pub fn assert_refused_in(output: &Output, expected: &str, context: impl std::fmt::Debug) {
    let message = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{context:?}: {message}");
    assert!(
        message.contains(expected),
        "{context:?}: `{expected}` not in: {message}"
    );
}

/// The command was refused (exit status 1) with `message` and nothing else.
#[track_caller]
pub fn assert_refused_saying_only(output: &Output, message: &str) {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    assert_eq!(stderr(output).trim(), message);
}
