//! The attacks of issue 10, each as its reproduction: the built binary run
//! against planted links, special files, huge files, colliding names and
//! hostile text. Every one must end in a clear refusal and leave every file
//! byte for byte as it was.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

#[path = "support/contains.rs"]
mod contains;
#[path = "support/run.rs"]
mod run;

use contains::assert_contains;
use run::{assert_refused_in, assert_success, stderr, stdout};

fn aiact_in(cwd: &Path, data_dir: &Path, args: &[&str], input: &str) -> Output {
    let child = run::spawn_with_input(run::aiact_in(data_dir).current_dir(cwd).args(args), input);
    wait_at_most(child, Duration::from_secs(20))
}

fn aiact(data_dir: &Path, args: &[&str], input: &str) -> Output {
    let cwd = data_dir
        .parent()
        .expect("the data directory is in a temp dir");
    aiact_in(cwd, data_dir, args, input)
}

/// A command that hangs (on a FIFO) fails the test instead of stalling it.
fn wait_at_most(mut child: std::process::Child, limit: Duration) -> Output {
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let output = child.wait_with_output().expect("output");
            panic!(
                "the command hung for {limit:?}; stderr: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("output")
}

/// Every file under `dir` (links as links, not followed) with its content,
/// or what kind of thing it is.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).expect("read dir").flatten() {
            let path = entry.path();
            // aiact's caches (the index, the summary's rows), which any
            // listing may write: hidden files, never assessments.
            let name = entry.file_name().to_string_lossy().into_owned();
            if name == aiact::storage::INDEX_FILE_NAME
                || name.starts_with('.') && name.ends_with(".json")
            {
                continue;
            }
            let kind = entry.file_type().expect("file type");
            let what = if kind.is_symlink() {
                format!(
                    "link to {}",
                    std::fs::read_link(&path).expect("link").display()
                )
            } else if kind.is_dir() {
                pending.push(path.clone());
                "directory".to_owned()
            } else if kind.is_file() {
                String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned()
            } else {
                "special file".to_owned()
            };
            files.insert(path, what);
        }
    }
    files
}

/// A temporary directory with a data directory in it, where `ask NAME`,
/// stopped at the first question, put an assessment on disk.
fn started(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let output = aiact(&data, &["ask", name], "\n\nquit\n");
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    (dir, data)
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

/// Plants something in place of a file: the victim and the place.
type Plant = fn(&Path, &Path);

#[test]
fn a_lock_file_planted_as_a_link_or_special_file_is_refused_and_left_alone() {
    let plants: [(&str, Plant); 4] = [
        ("a symbolic link", |victim, lock| {
            std::os::unix::fs::symlink(victim, lock).expect("symlink")
        }),
        ("a hard link to another file", |victim, lock| {
            std::fs::hard_link(victim, lock).expect("hard link")
        }),
        ("a named pipe (FIFO)", |_, lock| mkfifo(lock)),
        ("a directory", |_, lock| {
            std::fs::create_dir(lock).expect("dir")
        }),
    ];
    for (what, plant) in plants {
        let (dir, data) = started("X");
        let victim = data.join("victim");
        std::fs::write(&victim, "precious\n").expect("victim");
        plant(&victim, &data.join("assessments/.x.json.lock"));
        let before = snapshot(dir.path());
        for args in [
            &["ask", "x"][..],
            &["--plain", "open", "x"],
            &["rename", "x", "Y"],
            &["delete", "x", "--yes"],
        ] {
            let output = aiact(&data, args, "quit\n");
            let expected = format!(".x.json.lock: the lock file is {what}, not one aiact made");
            assert_refused_in(&output, &expected, (what, args));
            assert_eq!(
                snapshot(dir.path()),
                before,
                "{what}: {args:?} changed a file"
            );
        }
    }
}

/// A pipe, a directory and a dangling link where assessments live:
/// every command names what it is at once, `list` shows them, and `ask`
/// does not save a new `x-2.json` beside them.
#[test]
fn special_files_in_the_data_directory_are_refused_at_once_and_listed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let folder = data.join("assessments");
    std::fs::create_dir_all(&folder).expect("dir");
    mkfifo(&folder.join("pipe.json"));
    std::fs::create_dir(folder.join("folder.json")).expect("dir");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), folder.join("dangling.json"))
        .expect("link");
    std::fs::write(dir.path().join("elsewhere.json"), "{}").expect("write");
    std::os::unix::fs::symlink(
        dir.path().join("elsewhere.json"),
        folder.join("linked.json"),
    )
    .expect("link");
    let big = std::fs::File::create(folder.join("big.json")).expect("create");
    big.set_len(50 * 1024 * 1024).expect("a sparse 50 MB file");
    let cases = [
        ("pipe", "it is a named pipe (FIFO)"),
        ("folder", "it is a directory"),
        ("dangling", "a symbolic link (to "),
        ("linked", "a symbolic link (to "),
        (
            "big",
            "too large for an aiact file (50 MB; aiact reads files of up to 8 MB)",
        ),
    ];
    let before = snapshot(dir.path());
    for (name, what) in cases {
        let path = folder.join(format!("{name}.json"));
        let path = path.to_str().expect("utf-8");
        for args in [
            &["show", name][..],
            &["show", path],
            &["export", name, "--format", "html"],
            &["--plain", "open", name],
            &["ask", name],
            &["evaluate", name],
            &["rename", name, "Renamed"],
            &["duplicate", name, "Copy"],
        ] {
            let output = aiact(&data, args, "\n\nquit\n");
            assert_refused_in(&output, &format!("{name}.json: "), args);
            assert_refused_in(&output, what, args);
            assert!(!stderr(&output).contains("does not exist"), "{args:?}");
        }
        // A new assessment whose file name is taken by it is refused too.
        let output = aiact(&data, &["new", "--plain", name], "\n\nquit\n");
        assert_refused_in(
            &output,
            "a file of that name is there but cannot be read",
            name,
        );
    }
    let listed = aiact(&data, &["list"], "");
    assert!(listed.status.success(), "{}", stderr(&listed));
    for (name, what) in cases {
        assert!(
            stdout(&listed).contains(&format!("  {name}  UNREADABLE: ")),
            "{name}: {}",
            stdout(&listed)
        );
        assert_contains(&stdout(&listed), what);
    }
    assert_eq!(snapshot(dir.path()), before, "nothing was written");
}

#[test]
fn input_files_that_are_pipes_devices_or_huge_are_refused_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let pipe = dir.path().join("x.json");
    mkfifo(&pipe);
    std::fs::write(
        dir.path().join("answers.json"),
        r#"{"questionnaire": "eu-ai-act", "answers": {}}"#,
    )
    .expect("answers");
    let huge = dir.path().join("huge.json");
    let file = std::fs::File::create(&huge).expect("create");
    file.set_len(9 * 1024 * 1024).expect("sparse");
    let before = snapshot(dir.path());
    for (file, what) in [
        (
            "x.json",
            "x.json: not a file aiact can read: it is a named pipe (FIFO)",
        ),
        (
            "/dev/zero",
            "/dev/zero: not a file aiact can read: it is a device",
        ),
        (
            "huge.json",
            "huge.json: too large for an aiact file (9 MB; aiact reads files of up to 8 MB)",
        ),
    ] {
        for args in [
            &["evaluate", file][..],
            &["questionnaire", "validate", file],
            &["questionnaire", "graph", file],
            &["--questionnaire", file, "list"],
            &["--questionnaire", file, "evaluate", "answers.json"],
        ] {
            assert_refused_in(&aiact(&data, args, ""), what, args);
        }
    }
    assert_eq!(snapshot(dir.path()), before);
}

/// A name without a letter or a digit fell back to the file name
/// `assessment`, so `delete "🤖"` deleted another assessment.
#[test]
fn a_name_without_a_letter_or_digit_is_refused_and_never_finds_another() {
    let (dir, data) = started("Assessment");
    let before = snapshot(dir.path());
    for name in ["???", "🤖", ".", "   ", "\u{202e}"] {
        let ask = aiact(&data, &["ask", name], "\n\nquit\n");
        assert_refused_in(&ask, "a system name needs a letter or a digit", name);
        let delete = aiact(&data, &["delete", name, "--yes"], "");
        assert_refused_in(&delete, "no assessment called", name);
        let rename = aiact(&data, &["rename", "assessment", name], "");
        assert_refused_in(&rename, "a system name needs a letter or a digit", name);
        assert_eq!(snapshot(dir.path()), before, "{name:?}");
    }
}

/// Control characters (C0, DEL, C1) and the characters that reorder text,
/// anywhere in a name or a file.
const HOSTILE: &str = "Evil\u{1b}[2J\u{7f}\u{9b}31m\u{202e}txt\u{2066}\rBot";

/// Whether anything acting on a terminal is in the output: a control
/// character other than a line break, or a character that reorders text.
fn acts_on_terminal(output: &Output) -> Option<char> {
    let bytes = [output.stdout.as_slice(), output.stderr.as_slice()].concat();
    String::from_utf8_lossy(&bytes).chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

#[test]
fn every_printer_shows_hostile_text_escaped() {
    let (dir, data) = started(HOSTILE);
    let questionnaire = {
        let toy = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toy.json");
        let mut doc: serde_json::Value =
            serde_json::from_slice(&std::fs::read(toy).expect("toy")).expect("json");
        doc["questions"][0]["text"] = serde_json::json!(HOSTILE);
        doc["sections"][0]["title"] = serde_json::json!(HOSTILE);
        let path = dir.path().join("hostile-questionnaire.json");
        std::fs::write(&path, doc.to_string()).expect("write");
        path
    };
    let broken_questionnaire = dir.path().join("broken-questionnaire.json");
    std::fs::write(
        &broken_questionnaire,
        format!(
            r#"{{"format": 1, "id": "{}", "questions": 3}}"#,
            HOSTILE.replace('\u{1b}', "\\u001b").replace('\r', "\\r")
        ),
    )
    .expect("write");
    let answers = dir.path().join("answers.json");
    std::fs::write(
        &answers,
        serde_json::json!({"questionnaire": "eu-ai-act", "answers": {HOSTILE: "yes"}}).to_string(),
    )
    .expect("write");
    let line_break_name = "no such\nassessment";
    let cases: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--json"],
        vec!["show", "evil-2j-31m-txt-bot"],
        vec!["export", "evil-2j-31m-txt-bot", "--format", "json"],
        vec!["evaluate", "evil-2j-31m-txt-bot", "--json"],
        vec!["evaluate", answers.to_str().expect("utf-8")],
        vec!["show", line_break_name],
        vec!["duplicate", HOSTILE, HOSTILE],
        vec!["export", "x", "--format", "md\r\u{9b}"],
        vec![
            "questionnaire",
            "graph",
            questionnaire.to_str().expect("utf-8"),
        ],
        vec![
            "questionnaire",
            "graph",
            "--format",
            "mermaid",
            questionnaire.to_str().expect("utf-8"),
        ],
        vec![
            "questionnaire",
            "validate",
            broken_questionnaire.to_str().expect("utf-8"),
        ],
        vec!["rename", "evil-2j-31m-txt-bot", "???"],
    ];
    for args in cases {
        let output = aiact(&data, &args, "");
        assert_eq!(
            acts_on_terminal(&output),
            None,
            "{args:?} printed it raw:\n{}{}",
            stdout(&output),
            stderr(&output)
        );
    }
    // The unknown name's line break is shown, not made: one line.
    let output = aiact(&data, &["show", line_break_name], "");
    assert_eq!(stderr(&output).lines().count(), 1, "{}", stderr(&output));
    assert_contains(&stderr(&output), "`no such\\nassessment`");
    // list --json is still the same JSON, escaped differently.
    let output = aiact(&data, &["list", "--json"], "");
    let listed: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(listed[0]["system_name"], HOSTILE);
}

/// One message per situation, in the user's terms: a truncated assessment
/// is truncated for `evaluate` as for `show`; each kind of aiact file given
/// for another says what it is; no type names; a key given twice is
/// refused.
#[test]
fn each_bad_file_gets_the_message_for_what_it_is() {
    let (dir, data) = started("Cut");
    let saved = std::fs::read(data.join("assessments/cut.json")).expect("read");
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        path.to_str().expect("utf-8").to_owned()
    };
    let truncated = write("truncated.json", &saved[..saved.len() / 2]);
    let questionnaire = write("questionnaire.json", br#"{"format": 1, "id": "x"}"#);
    let toy = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toy.json");
    let toy = toy.to_str().expect("utf-8");
    let assessment = write("assessment.json", &saved);
    let list = write("list.json", b"[]");
    let twice = write(
        "twice.json",
        br#"{"questionnaire": "eu-ai-act", "answers": {"a": "yes", "a": "no"}}"#,
    );
    let before = snapshot(dir.path());
    let cases: [(&[&str], &str); 9] = [
        (
            &["show", &truncated],
            "truncated.json: the file is truncated: it ends in the middle of the data",
        ),
        (
            &["evaluate", &truncated],
            "truncated.json: the file is truncated: it ends in the middle of the data",
        ),
        (
            &["show", &questionnaire],
            "questionnaire.json: not an aiact assessment: this is a questionnaire file",
        ),
        (
            &["evaluate", &questionnaire],
            "questionnaire.json: this is a questionnaire file, not answers",
        ),
        (
            &["evaluate", toy],
            "toy.json: this is a questionnaire file, not answers",
        ),
        (
            &["questionnaire", "validate", &assessment],
            "assessment.json: not a questionnaire: this is an aiact assessment; `aiact show` prints its report",
        ),
        (
            &["questionnaire", "validate", &list],
            "list.json: not a valid questionnaire file: the file holds JSON, but not an object",
        ),
        (
            &["evaluate", &list],
            "list.json: not a valid answers file: the file holds JSON, but not an object",
        ),
        (
            &["evaluate", &twice],
            "twice.json: not a valid answers file: `answers` has `a` twice; keep one",
        ),
    ];
    for (args, expected) in cases {
        let output = aiact(&data, args, "");
        assert_refused_in(&output, expected, args);
        assert_eq!(
            stderr(&output).lines().count(),
            1,
            "{args:?}: {}",
            stderr(&output)
        );
    }
    assert_eq!(snapshot(dir.path()), before);
}

/// What a killed `export -o` left next to its file goes with the next
/// export there; a report is never written through a link or into a pipe.
#[test]
fn export_cleans_up_after_a_killed_export_and_writes_only_regular_files() {
    let (dir, data) = started("Bot");
    let leftover = dir.path().join(".report.md.4242.0.tmp");
    std::fs::write(&leftover, "half a report").expect("leftover");
    let report = dir.path().join("report.md");
    let output = aiact(
        &data,
        &["export", "bot", "-o", report.to_str().expect("utf-8")],
        "",
    );
    assert_success(&output);
    assert!(!leftover.exists(), "the dead writer's temp file is gone");
    assert!(report.is_file());

    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").expect("victim");
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink(&victim, &link).expect("link");
    let pipe = dir.path().join("pipe.md");
    mkfifo(&pipe);
    let before = snapshot(dir.path());
    for (target, what) in [(&link, "a symbolic link"), (&pipe, "a named pipe (FIFO)")] {
        let output = aiact(
            &data,
            &["export", "bot", "-o", target.to_str().expect("utf-8")],
            "",
        );
        let expected = format!("cannot write the report: it is {what}, not a regular file");
        assert_refused_in(&output, &expected, target);
    }
    assert_eq!(snapshot(dir.path()), before);
}
