//! Crash safety, with real processes: a child saves answers in a loop and
//! is killed with SIGKILL at random moments; after every kill the file must
//! parse and hold exactly a prefix of the answers given, including every
//! answer the child had reported saved. Also: the lock between two
//! processes, and its take-over once the holder is killed; and children
//! that create, duplicate and rename assessments, killed at random moments:
//! every file left reads, no temporary file outlives the next listing, and
//! a renamed assessment is there once, never twice or not at all.
//!
//! The child is this test binary run again (the ignored test `child`, with
//! the `AIACT_CRASH_CHILD` environment variable). The kill points are drawn
//! from a seed printed on failure; `AIACT_CRASH_SEED=<seed>` replays them.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aiact::storage::{
    Listing, LockState, Mode, NewAssessment, Opened, Questionnaires, StorageError, Store,
};
use aiact_core::{AnswerValue, Questionnaire};
use jiff::civil::date;
use serde_json::json;

#[path = "support/random.rs"]
mod random;
use random::Random;

const CHILD_ENV: &str = "AIACT_CRASH_CHILD";
const SEED_ENV: &str = "AIACT_CRASH_SEED";
const QUESTIONS: u64 = 40;
const KILLS: u32 = 220;

/// A questionnaire of free-text questions, so that any sequence of answers
/// fits.
fn questionnaire() -> Questionnaire {
    let toy = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toy.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(toy).expect("fixture")).expect("json");
    doc["id"] = json!("crash");
    doc["sections"] = json!([{ "id": "s", "title": "Section" }]);
    doc["questions"] = (0..QUESTIONS)
        .map(|i| json!({ "id": format!("q{i:02}"), "section": "s", "kind": "text", "text": format!("Question {i}?") }))
        .collect();
    for key in ["roles", "findings", "milestones", "obligations"] {
        doc[key] = json!([]);
    }
    Questionnaire::from_json(&doc.to_string(), "crash").unwrap_or_else(|e| panic!("{e}"))
}

fn store(dir: &Path) -> Store {
    Store::at(dir).with_questionnaires(Questionnaires::built_in().with(questionnaire()))
}

/// A new assessment of that name, closed again: its path.
fn created(store: &Store, name: &str) -> PathBuf {
    let new = NewAssessment {
        system_name: name.to_owned(),
        ..Default::default()
    };
    store
        .create(new, &questionnaire())
        .expect("create")
        .path
        .clone()
}

/// Event `m` of the endless sequence the child performs: every fifth
/// event sets a note, the others an answer, cycling through the questions.
enum Event {
    Answer(String, String),
    Note(String, String),
}

fn event(m: u64) -> Event {
    let question = format!("q{:02}", m % QUESTIONS);
    if m % 5 == 4 {
        Event::Note(question, format!("n{m}"))
    } else {
        Event::Answer(question, format!("v{m}"))
    }
}

type State = BTreeMap<String, (Option<String>, Option<String>)>;

/// The answers and notes after the first `m` events.
fn replay(m: u64) -> State {
    let mut state = State::new();
    for k in 0..m {
        match event(k) {
            Event::Answer(question, value) => state.entry(question).or_default().0 = Some(value),
            Event::Note(question, note) => state.entry(question).or_default().1 = Some(note),
        }
    }
    state
}

fn state_of(opened: &Opened) -> State {
    opened
        .file()
        .answers
        .iter()
        .map(|(id, entry)| {
            let value = match &entry.value {
                Some(AnswerValue::Text(text)) => Some(text.clone()),
                None => None,
                Some(other) => panic!("unexpected value {other:?}"),
            };
            (id.clone(), (value, entry.note.clone()))
        })
        .collect()
}

/// How many events the saved state holds, checking that it is exactly
/// the state after that many events.
fn events_in(state: &State) -> Result<u64, String> {
    let number = |text: &str| text[1..].parse::<u64>().map_err(|e| format!("{text}: {e}"));
    let mut last = None;
    for (value, note) in state.values() {
        for text in value.iter().chain(note) {
            let k = number(text)?;
            last = last.max(Some(k));
        }
    }
    let m = last.map_or(0, |k| k + 1);
    if replay(m) == *state {
        Ok(m)
    } else {
        Err(format!(
            "the saved state is not the state after {m} events: {state:?}"
        ))
    }
}

/// Run as a child process: `save` answers forever from where the file
/// stands, printing each event number once saved; `hold` takes the lock
/// and waits to be killed.
#[test]
#[ignore = "run by the other tests in this file as their child process"]
fn child() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        panic!("only run as a child process, with {CHILD_ENV} set");
    };
    let (mode, path) = spec.split_once(':').expect("mode:path");
    let path = Path::new(path);
    let dir = path.parent().and_then(Path::parent).expect("data dir");
    let mut out = std::io::stdout().lock();
    if let Some(write) = Write_::from(mode) {
        write.run(&store(dir), path, &mut out);
        return;
    }
    let mut opened = store(dir)
        .open(path, Mode::Edit)
        .expect("child opens the assessment");
    if mode == "hold" {
        writeln!(out, "\n@locked").expect("stdout");
        out.flush().expect("stdout");
        std::thread::sleep(Duration::from_secs(60));
        return;
    }
    let start = events_in(&state_of(&opened)).expect("consistent at start");
    let today = date(2026, 11, 23);
    for m in start..start + 100_000 {
        match event(m) {
            Event::Answer(question, value) => {
                opened.set_answer(&question, &AnswerValue::Text(value), today)
            }
            Event::Note(question, note) => opened.set_note(&question, Some(&note), today),
        }
        .expect("save");
        writeln!(out, "\n@saved {m}").expect("stdout");
        out.flush().expect("stdout");
    }
}

/// Children that write whole files: each operation succeeds or is killed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Write_ {
    Create,
    Duplicate,
    Rename,
}

impl Write_ {
    const ALL: [Self; 3] = [Self::Create, Self::Duplicate, Self::Rename];

    /// Kills: a rename has the most steps to land between.
    fn rounds(self) -> u32 {
        match self {
            Self::Create | Self::Duplicate => 40,
            Self::Rename => 120,
        }
    }

    fn from(mode: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|write| write.mode() == mode)
    }

    fn mode(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Duplicate => "duplicate",
            Self::Rename => "rename",
        }
    }

    /// Forever: creates `New <pid> <n>`, copies `path` as `Copy <pid> <n>`,
    /// or renames `path` to Ping, Pong, Ping... printing each once done.
    fn run(self, store: &Store, path: &Path, out: &mut impl Write) {
        let pid = std::process::id();
        let mut current = path.to_owned();
        for n in 0..100_000 {
            match self {
                Self::Create => {
                    created(store, &format!("New {pid} {n}"));
                }
                Self::Duplicate => {
                    store
                        .duplicate(path, &format!("Copy {pid} {n}"))
                        .expect("duplicate");
                }
                Self::Rename => {
                    let name = if n % 2 == 0 { "Ping" } else { "Pong" };
                    current = store.rename(&current, name).expect("rename");
                }
            }
            writeln!(out, "\n@saved {n}").expect("stdout");
            out.flush().expect("stdout");
        }
    }
}

fn spawn_child(mode: &str, path: &Path) -> Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, format!("{mode}:{}", path.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the child")
}

/// A run's seed, from `AIACT_CRASH_SEED` or the clock; every failure names
/// it so that the run can be replayed.
struct Replay {
    seed: u64,
}

impl Replay {
    fn new() -> Self {
        let seed = match std::env::var(SEED_ENV) {
            Ok(seed) => seed.parse().expect("AIACT_CRASH_SEED is a number"),
            Err(_) => {
                let nanos = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .expect("clock")
                    .as_nanos();
                (nanos as u64) | 1
            }
        };
        Self { seed }
    }

    fn fail(&self, message: String) -> ! {
        panic!("{message}\nreplay with {SEED_ENV}={}", self.seed);
    }
}

/// The event number in a line the child printed once it saved it.
fn saved_event(line: &str) -> Option<u64> {
    line.strip_prefix("@saved ")?.parse().ok()
}

#[test]
fn killed_while_saving_the_file_always_holds_a_prefix_of_the_answers() {
    let replay = Replay::new();
    let seed = replay.seed;
    let mut random = Random(seed);
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store(dir.path());
    let path = created(&store, "Crash");
    let started = Instant::now();
    let mut saved = 0;
    let mut killed_mid_run = 0;
    for round in 0..KILLS {
        let mut child = spawn_child("save", &path);
        let mut output = BufReader::new(child.stdout.take().expect("stdout"));
        // A quarter of the kills land during start-up; the others after
        // the child reports its first, second or third save, a moment into
        // the next one.
        let saves_to_see = random.below(4);
        let mut reported = None;
        if saves_to_see == 0 {
            std::thread::sleep(Duration::from_micros(random.below(30_000)));
        } else {
            let mut seen = 0;
            for line in output.by_ref().lines().map_while(Result::ok) {
                if let Some(m) = saved_event(&line) {
                    reported = Some(m);
                    seen += 1;
                    if seen == saves_to_see {
                        break;
                    }
                }
            }
            std::thread::sleep(Duration::from_micros(random.below(8_000)));
        }
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("wait");
        let reported = output
            .lines()
            .map_while(Result::ok)
            .filter_map(|line| saved_event(&line))
            .chain(reported)
            .max();
        let delay = saves_to_see;
        if status.success() {
            replay.fail(format!("round {round}: the child ended by itself"));
        }
        let opened = match store.open(&path, Mode::ReadOnly) {
            Ok(opened) => opened,
            Err(error) => replay.fail(format!("round {round}, killed after save {delay}: {error}")),
        };
        let m = events_in(&state_of(&opened))
            .unwrap_or_else(|e| replay.fail(format!("round {round}: {e}")));
        if let Some(reported) = reported {
            killed_mid_run += 1;
            // Every save the child reported is on disk; at most the one in
            // flight besides.
            if m < reported + 1 || m > reported + 2 {
                replay.fail(format!(
                    "round {round}: the child reported event {reported} saved, the file holds {m} events"
                ));
            }
        }
        if reported.is_none() && m > saved + 1 {
            replay.fail(format!(
                "round {round}: nothing reported, yet {} events were added",
                m - saved
            ));
        }
        if m < saved {
            replay.fail(format!(
                "round {round}: the file went back from {saved} to {m} events"
            ));
        }
        saved = m;
        // Every file in the directory reads, whatever the kill left.
        for listing in store.list() {
            if let Listing::Unreadable { path, reason } = listing {
                replay.fail(format!(
                    "round {round}: {} is unreadable: {reason}",
                    path.display()
                ));
            }
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{KILLS} kills in {elapsed:?}: {saved} events saved, {killed_mid_run} kills after the child's first save (seed {seed})"
    );
    if killed_mid_run < KILLS / 2 || saved < u64::from(KILLS) {
        replay.fail(format!(
            "too few kills landed while saving ({killed_mid_run} of {KILLS}, {saved} events): the test proves little"
        ));
    }
}

#[test]
fn a_lock_held_by_another_process_is_reported_then_taken_over_once_it_dies() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = store(dir.path());
    let path = created(&store, "Held");
    let mut child = spawn_child("hold", &path);
    // Wait for the child to say it holds the lock (or to end).
    let locked = BufReader::new(child.stdout.take().expect("stdout"))
        .lines()
        .map_while(Result::ok)
        .any(|line| line == "@locked");
    if !locked {
        let mut stderr = String::new();
        let _ = child
            .stderr
            .take()
            .map(|mut e| e.read_to_string(&mut stderr));
        panic!("the child did not take the lock:\n{stderr}");
    }
    let error = store
        .open(&path, Mode::Edit)
        .expect_err("held by the child");
    assert!(
        matches!(error, StorageError::Locked { pid: Some(pid), .. } if pid == child.id()),
        "{error:?}"
    );
    let listed = store.list();
    assert!(
        matches!(listed.as_slice(), [Listing::Readable(s)] if s.lock == LockState::Held { pid: Some(child.id()) }),
        "{listed:?}"
    );
    assert!(
        store.open(&path, Mode::ReadOnly).is_ok(),
        "read-only still works"
    );

    child.kill().expect("SIGKILL");
    child.wait().expect("wait");
    let name = path
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let lock_path = path.with_file_name(format!(".{name}.lock"));
    assert!(
        lock_path.exists(),
        "a killed process leaves its lock file behind"
    );
    let opened = store
        .open(&path, Mode::Edit)
        .expect("the stale lock is taken over");
    assert_eq!(
        std::fs::read_to_string(&lock_path).expect("lock").trim(),
        std::process::id().to_string()
    );
    drop(opened);
}

/// Creating, copying and renaming killed at random moments: every file
/// left reads, what a killed writer left is gone after the next listing,
/// every reported file is there, and a renamed assessment is listed once.
#[test]
fn killed_while_creating_copying_or_renaming_every_file_reads_and_none_is_doubled() {
    let replay = Replay::new();
    let seed = replay.seed;
    let mut random = Random(seed);
    let started = Instant::now();
    let mut completed = 0;
    for write in Write_::ALL {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = store(dir.path());
        let original = created(&store, "Original");
        let id = store
            .open(&original, Mode::ReadOnly)
            .expect("open")
            .file()
            .id;
        let mut current = original.clone();
        let mut files = 1;
        for round in 0..write.rounds() {
            let mut child = spawn_child(write.mode(), &current);
            let mut output = BufReader::new(child.stdout.take().expect("stdout"));
            // Wait for the child to be under way (one to three operations
            // done), then kill it a moment into the next.
            let wanted = 1 + random.below(3);
            let mut reported = 0;
            for line in output.by_ref().lines().map_while(Result::ok) {
                if saved_event(&line).is_some() {
                    reported += 1;
                    if reported == wanted {
                        break;
                    }
                }
            }
            std::thread::sleep(Duration::from_micros(random.below(3_000)));
            child.kill().expect("SIGKILL");
            child.wait().expect("wait");
            reported += output
                .lines()
                .map_while(Result::ok)
                .filter(|line| saved_event(line).is_some())
                .count() as u64;
            if reported < wanted {
                let mut stderr = String::new();
                let _ = child
                    .stderr
                    .take()
                    .map(|mut e| e.read_to_string(&mut stderr));
                replay.fail(format!(
                    "{write:?}, round {round}: the child failed:\n{stderr}"
                ));
            }
            completed += reported;
            let listed = store.list();
            for listing in &listed {
                if let Listing::Unreadable { path, reason } = listing {
                    replay.fail(format!(
                        "{write:?}, round {round}: {} is unreadable: {reason}",
                        path.display()
                    ));
                }
            }
            let temps: Vec<String> = std::fs::read_dir(store.assessments_dir())
                .expect("dir")
                .flatten()
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".tmp"))
                .collect();
            if !temps.is_empty() {
                replay.fail(format!(
                    "{write:?}, round {round}: left after listing: {temps:?}"
                ));
            }
            let with_id: Vec<&Listing> = listed
                .iter()
                .filter(|listing| matches!(listing, Listing::Readable(summary) if summary.id == id))
                .collect();
            let [Listing::Readable(renamed)] = with_id.as_slice() else {
                replay.fail(format!(
                    "{write:?}, round {round}: the original is listed {} times",
                    with_id.len()
                ));
            };
            current = renamed.path.clone();
            if write == Write_::Rename {
                if listed.len() != 1 {
                    replay.fail(format!(
                        "{write:?}, round {round}: {} files for one assessment",
                        listed.len()
                    ));
                }
            } else {
                // Every reported file is there; at most the one in flight
                // besides.
                let added = listed.len() - files;
                if added < reported as usize || added > reported as usize + 1 {
                    replay.fail(format!(
                        "{write:?}, round {round}: {reported} reported, {added} files added"
                    ));
                }
                files = listed.len();
            }
        }
    }
    eprintln!(
        "{} kills in {:?} while creating, copying and renaming: {completed} operations completed (seed {seed})",
        Write_::ALL.map(Write_::rounds).iter().sum::<u32>(),
        started.elapsed()
    );
}
