//! A facilitator's data directory after a season of workshops: complete
//! assessments of 15 to 51 KiB, as people leave them. Each takes the
//! answers of one of the scenarios in `tests/scenarios/` (the ones that end
//! in a verdict), with a note on every answer, three answers retired by an
//! earlier questionnaire version, a history of tier changes and the verdict
//! saved at the last save (with what it turns on, as aiact saves it on
//! leaving).
//! Files are written directly (no `fsync`): this is test data, made in
//! well under a second per thousand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aiact::storage::format::{
    self, Assessment, Entry, Metadata, QuestionnaireRef, RetiredAnswer, SavedProgress, TierRef,
    VerdictChange,
};
use aiact::storage::{Store, content_hash};
use aiact_core::{AnswerValue, Answers, Evaluation, Questionnaire, Verdict};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Deserialize;

/// The sizes asked for by issue 15: files below are padded with longer
/// notes; none of the scenarios comes out larger.
pub const MIN_BYTES: usize = 15 * 1024;
pub const MAX_BYTES: usize = 51 * 1024;

#[derive(Deserialize)]
struct Scenario {
    name: String,
    answers: BTreeMap<String, AnswerValue>,
}

/// A scenario's answers with the verdict they lead to (as of `today`).
pub struct Case {
    pub name: String,
    pub answers: BTreeMap<String, AnswerValue>,
    verdict: Verdict,
    progress: SavedProgress,
}

/// Whether the saved verdicts carry what they turn on, as aiact saves
/// them; tests leave it out (working it out takes a few dozen evaluations
/// per scenario, seconds in a debug build) and do not look at it.
#[derive(Clone, Copy, PartialEq, Eq)]
#[allow(dead_code, reason = "each user of this module takes one of them")]
pub enum TurnsOn {
    Saved,
    Left,
}

/// The scenarios whose answers fit the questionnaire and are complete.
pub fn cases(
    questionnaire: &Questionnaire,
    today: Date,
    turns_on: TurnsOn,
) -> impl Iterator<Item = Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("scenarios")
        .map(|entry| entry.expect("entry").path())
        .collect();
    paths.sort();
    paths.into_iter().filter_map(move |path| {
        let text = std::fs::read_to_string(path).expect("read scenario");
        let scenario: Scenario = serde_json::from_str(&text).expect("scenario");
        let answers = Answers::from_values(questionnaire, &scenario.answers).ok()?;
        let evaluation = Evaluation::new(questionnaire, &answers);
        let progress = evaluation.progress();
        let verdict = match turns_on {
            TurnsOn::Saved => {
                Verdict::from_evaluation(&evaluation, today).with_turns_on(&evaluation)
            }
            TurnsOn::Left => Verdict::from_evaluation(&evaluation, today),
        };
        verdict.complete.then_some(Case {
            name: scenario.name,
            answers: scenario.answers,
            verdict,
            progress: SavedProgress {
                answered: progress.answered,
                on_path: progress.on_path,
            },
        })
    })
}

/// `count` assessments in the store's assessments directory, named
/// `team-<n>.json`, cycling through the cases; their paths.
pub fn fill(
    store: &Store,
    questionnaire: &Questionnaire,
    count: usize,
    today: Date,
    turns_on: TurnsOn,
) -> Vec<PathBuf> {
    let hash = content_hash(questionnaire);
    // The longest verdicts make files over the range even with short notes.
    let cases: Vec<Case> = cases(questionnaire, today, turns_on)
        .filter(|case| {
            let bare = format::to_bytes(&assessment(questionnaire, &hash, case, 0, 0));
            bare.expect("encode").len() < MAX_BYTES - 2048
        })
        .take(count)
        .collect();
    assert!(!cases.is_empty(), "no complete scenario");
    let dir = store.assessments_dir();
    std::fs::create_dir_all(&dir).expect("assessments directory");
    (0..count)
        .map(|n| {
            let case = &cases[n % cases.len()];
            // Spread the sizes over the whole range, deterministically.
            let target = MIN_BYTES + (n * 7919) % (MAX_BYTES - MIN_BYTES - 2048);
            let bytes = file_of_size(questionnaire, &hash, case, n, target);
            let path = dir.join(format!("team-{n}.json"));
            std::fs::write(&path, bytes).expect("write assessment");
            path
        })
        .collect()
}

/// The file of case `case` for team `n`, its notes as long as it takes to
/// come close to `target` bytes.
fn file_of_size(
    questionnaire: &Questionnaire,
    hash: &str,
    case: &Case,
    n: usize,
    target: usize,
) -> Vec<u8> {
    let bare = format::to_bytes(&assessment(questionnaire, hash, case, n, 0)).expect("encode");
    let notes = case.answers.len() + RETIRED.len();
    let per_note = target.saturating_sub(bare.len()) / notes.max(1);
    let bytes =
        format::to_bytes(&assessment(questionnaire, hash, case, n, per_note)).expect("encode");
    assert!(
        (MIN_BYTES - 1024..=MAX_BYTES).contains(&bytes.len()),
        "team {n}: {} bytes",
        bytes.len()
    );
    bytes
}

/// Answers an earlier questionnaire version had, retired since.
const RETIRED: [(&str, &str); 3] = [
    ("use_area", "credit"),
    ("gpai_model", "yes"),
    ("deployer_public", "no"),
];

const WORDS: &[&str] = &[
    "checked",
    "with",
    "the",
    "product",
    "team",
    "on",
    "Tuesday",
    "our",
    "CTO",
    "says",
    "the",
    "model",
    "is",
    "retrained",
    "monthly",
    "counsel",
    "to",
    "confirm",
    "see",
    "the",
    "data",
    "sheet",
    "v3",
    "customers",
    "in",
    "Germany",
    "and",
    "Austria",
    "only",
    "no",
    "biometric",
    "input",
];

/// A note of about `length` bytes, different for every team and question.
fn note(seed: usize, length: usize) -> String {
    let mut text = String::with_capacity(length + 16);
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    while text.len() < length.max(12) {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(WORDS[(state >> 33) % WORDS.len()]);
    }
    text.push('.');
    text
}

fn assessment(
    questionnaire: &Questionnaire,
    hash: &str,
    case: &Case,
    n: usize,
    note_length: usize,
) -> Assessment {
    let created: Timestamp = "2026-09-01T08:00:00Z".parse().expect("timestamp");
    let at = |minutes: i64| {
        created
            .checked_add(jiff::SignedDuration::from_mins(minutes + n as i64))
            .expect("in range")
    };
    let answers = case
        .answers
        .iter()
        .enumerate()
        .map(|(i, (id, value))| {
            let entry = Entry {
                value: Some(value.clone()),
                note: Some(note(n * 101 + i, note_length)),
                updated: at(i as i64),
            };
            (id.clone(), entry)
        })
        .collect();
    let retired = RETIRED
        .iter()
        .enumerate()
        .map(|(i, (question, value))| RetiredAnswer {
            question: (*question).to_owned(),
            value: Some(AnswerValue::Text((*value).to_owned())),
            note: Some(note(n * 103 + i, note_length)),
            updated: at(-60),
            reason: "the question was removed from the questionnaire".to_owned(),
            questionnaire_version: "1.2.0".to_owned(),
            retired: at(-30),
        })
        .collect();
    let minimal = TierRef {
        id: "minimal".to_owned(),
        label: "Minimal risk".to_owned(),
    };
    let last = TierRef::from(&case.verdict.tier);
    let mut history = vec![VerdictChange {
        at: at(-60),
        from: None,
        to: minimal.clone(),
        complete: false,
        questionnaire_version: "1.2.0".to_owned(),
    }];
    if last != minimal {
        history.push(VerdictChange {
            at: at(5),
            from: Some(minimal),
            to: last,
            complete: true,
            questionnaire_version: questionnaire.version().to_owned(),
        });
    }
    Assessment {
        schema: None,
        format: format::format_tag(),
        id: format!("00000000-0000-4000-8000-{n:012}"),
        metadata: Metadata {
            system_name: format!("Team {n}: {}", case.name),
            organisation: Some(format!("Workshop {} GmbH", n % 7)),
            assessor: Some(format!("Assessor {}", n % 13)),
            created,
            updated: at(case.answers.len() as i64 + 1),
        },
        questionnaire: QuestionnaireRef {
            id: questionnaire.id().to_owned(),
            version: questionnaire.version().to_owned(),
            content_hash: hash.to_owned(),
        },
        answers,
        retired_answers: retired,
        progress: case.progress,
        history,
        verdict: Some(case.verdict.clone()),
    }
}
