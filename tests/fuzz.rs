//! A bounded mutation fuzz test: thousands of damaged assessments, answers
//! files and questionnaires through the loaders, the listing and
//! `evaluate`'s verdict. None may panic; every refusal names the file and
//! says what is wrong without the program's own type names.
//!
//! The mutations come from a seed (fixed, so that a run in CI is the same
//! run); `AIACT_FUZZ_SEED=<n>` tries another, `AIACT_FUZZ_CASES=<n>` runs
//! that many cases of each kind. A failure prints the seed, the case and
//! the file. The figures are in `docs/safety.md`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

use aiact::cli::evaluate::verdict_for_file;
use aiact::storage::{Listing, Mode, NewAssessment, Questionnaires, Store};
use aiact_core::{AnswerValue, Questionnaire};
use jiff::civil::{Date, date};
use serde_json::{Value, json};

#[path = "support/random.rs"]
mod random;
use random::Random;

const TODAY: Date = date(2026, 11, 23);
const DEFAULT_SEED: u64 = 0x5eed_a1ac_7000_0010;
/// Cases by default: 2,000 files, a few seconds in a debug build.
const DEFAULT_CASES: [(&str, usize); 3] = [
    ("assessment", 500),
    ("answers", 700),
    ("questionnaire", 800),
];
/// Opening for editing differs from reading only by the lock: every fifth
/// assessment is also opened for editing.
const EDIT_EVERY: usize = 5;

/// Draws from what a mutation may do.
trait Draw {
    fn index(&mut self, len: usize) -> usize;
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T;
}

impl Draw for Random {
    fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64)).unwrap_or(0)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|text| text.parse().ok())
}

fn toy_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toy.json")
}

fn toy() -> Questionnaire {
    Questionnaire::load(&toy_path()).expect("toy")
}

/// Bytes that break JSON, or carry hostile text, when put anywhere.
const NASTY: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b",",
    b":",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"null",
    b"-",
    b"1e999",
    b"\x00",
    b"\x1b[2J",
    b"\x7f",
    b"\xc2\x9b",
    b"\xe2\x80\xae",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\n",
    b"\r",
];

/// JSON values to put in place of a node.
fn nasty_value(random: &mut Random) -> Value {
    match random.index(12) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(-1),
        3 => json!(1e308),
        4 => json!(u64::MAX),
        5 => json!(""),
        6 => json!("\u{1b}[2J\u{202e}\u{7f}\u{9b}"),
        7 => json!([]),
        8 => json!({}),
        9 => json!(["yes", 1, null]),
        10 => json!({"value": "yes"}),
        _ => json!("x".repeat(random.index(5_000))),
    }
}

/// Every node of a JSON value, as paths of keys and indexes.
fn nodes(value: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    out.push(path.clone());
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                path.push(json!(key));
                nodes(child, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                path.push(json!(index));
                nodes(child, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn node_mut<'a>(value: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |node, step| match step {
        Value::String(key) => node.get_mut(key.as_str()),
        Value::Number(index) => node.get_mut(usize::try_from(index.as_u64()?).ok()?),
        _ => None,
    })
}

/// Every timestamp set to one time.
fn fix_times(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if matches!(key.as_str(), "created" | "updated" | "at" | "retired") {
                    *child = json!("2026-11-23T10:00:00Z");
                } else {
                    fix_times(child);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(fix_times),
        _ => {}
    }
}

/// One mutation of a valid file: on its bytes or on its JSON structure.
fn mutate(original: &[u8], random: &mut Random) -> Vec<u8> {
    let mut bytes = original.to_vec();
    let rounds = 1 + random.index(3);
    for _ in 0..rounds {
        let at = random.index(bytes.len() + 1);
        match random.index(9) {
            0 => bytes.truncate(at),
            1 => {
                if let Some(byte) = bytes.get_mut(at) {
                    *byte ^= 1 << random.index(8);
                }
            }
            2 => {
                let nasty = random.pick(NASTY);
                bytes.splice(at..at, nasty.iter().copied());
            }
            3 => {
                let end = (at + random.index(200)).min(bytes.len());
                bytes.drain(at..end);
            }
            4 => {
                let end = (at + random.index(200)).min(bytes.len());
                let copy = bytes[at..end].to_vec();
                bytes.splice(end..end, copy);
            }
            _ => {
                // Structural: replace, remove or double a node.
                let Ok(mut value) = serde_json::from_slice::<Value>(&bytes) else {
                    continue;
                };
                let mut all = Vec::new();
                nodes(&value, &mut Vec::new(), &mut all);
                let path = random.pick(&all).clone();
                let replacement = nasty_value(random);
                match (random.index(3), path.split_last()) {
                    (0, Some((Value::String(key), parent))) => {
                        if let Some(Value::Object(map)) = node_mut(&mut value, parent) {
                            map.remove(key);
                        }
                    }
                    (1, Some((Value::String(key), _))) => {
                        // A key given twice, textually.
                        let text = serde_json::to_string(&value).unwrap_or_default();
                        let needle = format!("{}:", json!(key));
                        bytes = text
                            .replacen(&needle, &format!("{needle}null,{needle}"), 1)
                            .into_bytes();
                        continue;
                    }
                    _ => {
                        if let Some(node) = node_mut(&mut value, &path) {
                            *node = replacement;
                        }
                    }
                }
                bytes = serde_json::to_vec(&value).unwrap_or_default();
            }
        }
    }
    bytes
}

/// The program's own type names, which no message may show.
const TYPE_NAMES: &[&str] = &[
    "expected struct",
    "expected enum",
    "tagged enum",
    "untagged enum",
    " elements",
    "QuestionnaireDoc",
    "TierInfo",
    "AnswerFile",
    "AnswerValue",
    "ListedAssessment",
    "Verdict",
];

/// Runs one case, turning a panic or an unclear error into a failure.
fn check<T>(
    what: &str,
    case: usize,
    seed: u64,
    file: &Path,
    run: impl FnOnce() -> Result<T, String>,
) -> Result<bool, String> {
    let outcome = catch_unwind(AssertUnwindSafe(run));
    let describe = || {
        let bytes = std::fs::read(file).unwrap_or_default();
        format!(
            "{what}, case {case} (seed {seed}): {} bytes: {}",
            bytes.len(),
            String::from_utf8_lossy(&bytes[..bytes.len().min(600)])
        )
    };
    match outcome {
        Err(_) => Err(format!("panicked: {}", describe())),
        Ok(Ok(_)) => Ok(true),
        Ok(Err(message)) => {
            let shown = file.display().to_string();
            if !message.starts_with(&shown) {
                return Err(format!("does not name the file: {message}\n{}", describe()));
            }
            if let Some(name) = TYPE_NAMES.iter().find(|name| message.contains(*name)) {
                return Err(format!("shows `{name}`: {message}\n{}", describe()));
            }
            if message.len() <= shown.len() + 10 {
                return Err(format!("says nothing: {message}\n{}", describe()));
            }
            Ok(false)
        }
    }
}

struct Tally {
    cases: usize,
    accepted: usize,
    started: Instant,
}

#[test]
fn mutated_files_never_panic_and_are_refused_clearly() {
    let seed = env_number("AIACT_FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let cases_of = |kind: &str| {
        env_number("AIACT_FUZZ_CASES").map_or_else(
            || {
                DEFAULT_CASES
                    .iter()
                    .find(|(known, _)| *known == kind)
                    .map_or(0, |(_, n)| *n)
            },
            |n| n as usize,
        )
    };
    // xorshift needs a state other than zero.
    let mut random = Random(seed.max(1));
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::at(dir.path()).with_questionnaires(Questionnaires::built_in().with(toy()));
    let toy_file = toy_path();

    // The valid originals: a finished assessment with notes, its answers
    // as an answers file, and the questionnaire.
    let mut opened = store
        .create(
            NewAssessment {
                system_name: "Fuzz Bot".into(),
                organisation: Some("Acme".into()),
                assessor: None,
            },
            &toy(),
        )
        .expect("create");
    for (question, value) in [
        ("is_ai", AnswerValue::Text("yes".into())),
        ("role", AnswerValue::List(vec!["provider".into()])),
        ("use_area", AnswerValue::Text("chat".into())),
        ("chatbot", AnswerValue::Text("yes".into())),
    ] {
        opened.set_answer(question, &value, TODAY).expect("answer");
        opened
            .set_note(question, Some("because \"we\" said so"), TODAY)
            .expect("note");
    }
    let template = opened.path.clone();
    drop(opened);
    // The same bytes on every run: fixed id and times.
    let mut value: Value =
        serde_json::from_slice(&std::fs::read(&template).expect("read")).expect("json");
    fix_times(&mut value);
    value["id"] = json!("00000000-0000-4000-8000-000000000000");
    let assessment = serde_json::to_vec_pretty(&value).expect("json");
    std::fs::remove_file(&template).expect("remove");
    let answers = serde_json::to_vec_pretty(&json!({
        "questionnaire": "toy",
        "answers": {"is_ai": "yes", "role": ["provider"], "use_area": "chat", "chatbot": "yes"}
    }))
    .expect("json");
    let questionnaire = std::fs::read(&toy_file).expect("toy");

    let mut failures = Vec::new();
    let mut tallies = Vec::new();
    let assessments_dir = store.assessments_dir();
    let outside = dir.path().join("outside");
    std::fs::create_dir_all(&outside).expect("dir");
    for (kind, original) in [
        ("assessment", &assessment),
        ("answers", &answers),
        ("questionnaire", &questionnaire),
    ] {
        let cases = cases_of(kind);
        let mut tally = Tally {
            cases,
            accepted: 0,
            started: Instant::now(),
        };
        for case in 0..cases {
            let bytes = mutate(original, &mut random);
            let (file, results): (PathBuf, Vec<Result<bool, String>>) = match kind {
                "assessment" => {
                    let file = assessments_dir.join("fuzz.json");
                    std::fs::write(&file, &bytes).expect("write");
                    let mut results = vec![
                        check(kind, case, seed, &file, || {
                            store.open(&file, Mode::ReadOnly).map_err(|e| e.to_string())
                        }),
                        check(kind, case, seed, &file, || {
                            verdict_for_file(&file, Some(&toy_file), TODAY)
                                .map_err(|e| format!("{e:#}"))
                        }),
                        check(kind, case, seed, &file, || match store.list().as_slice() {
                            [Listing::Readable(_)] => Ok(()),
                            [Listing::Unreadable { path, reason }] => {
                                Err(format!("{}: {reason}", path.display()))
                            }
                            other => panic!("one file, listed as {other:?}"),
                        }),
                    ];
                    if case % EDIT_EVERY == 0 {
                        results.push(check(kind, case, seed, &file, || {
                            store.open(&file, Mode::Edit).map_err(|e| e.to_string())
                        }));
                    }
                    // What cannot be opened is left as it was.
                    if results.iter().any(|result| matches!(result, Ok(false)))
                        && std::fs::read(&file).expect("read") != bytes
                    {
                        failures.push(format!("{kind}, case {case}: a refused file was changed"));
                    }
                    (file, results)
                }
                "answers" => {
                    let file = outside.join("answers.json");
                    std::fs::write(&file, &bytes).expect("write");
                    let results = vec![check(kind, case, seed, &file, || {
                        verdict_for_file(&file, Some(&toy_file), TODAY)
                            .map_err(|e| format!("{e:#}"))
                    })];
                    (file, results)
                }
                _ => {
                    let file = outside.join("questionnaire.json");
                    std::fs::write(&file, &bytes).expect("write");
                    let results = vec![check(kind, case, seed, &file, || {
                        aiact::catalog::load_file(&file).map_err(|e| e.to_string())
                    })];
                    (file, results)
                }
            };
            let _ = file;
            for result in results {
                match result {
                    Ok(true) => tally.accepted += 1,
                    Ok(false) => {}
                    Err(failure) => failures.push(failure),
                }
            }
        }
        tallies.push((kind, tally.started.elapsed(), tally));
    }
    let elapsed = started.elapsed();
    for (kind, elapsed, tally) in &tallies {
        eprintln!(
            "{kind}: {} mutated files in {elapsed:?}, {} checks passed the file as valid",
            tally.cases, tally.accepted
        );
    }
    eprintln!("in {elapsed:?} (seed {seed})");
    assert!(
        failures.is_empty(),
        "{} failures; the first:\n{}",
        failures.len(),
        failures.first().map_or("", String::as_str)
    );
}
