//! Questions not needed (issue 14) on the shipped questionnaire: how many
//! questions each scenario of `tests/scenarios/` asks with
//! `skip_if_not_needed` as shipped, on no question and on every question
//! it may be set on, and that the three give the same verdicts. Random
//! walks check the promise itself: answering the questions left out, any
//! way, changes nothing.
//!
//! `cargo test --test question_counts -- --nocapture` prints the counts of
//! every scenario and the figures issue 14 sets targets for (median, most,
//! most for a minimal-risk product), for docs/legal-coverage.md.

#[path = "support/marks.rs"]
mod marks;
#[path = "support/median.rs"]
mod median;
#[path = "support/random.rs"]
mod random;
#[path = "support/walk.rs"]
mod walk;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aiact_core::turns_on::decisive_answers;
use aiact_core::{AnswerValue, Answers, Applicability, Evaluation, Questionnaire};
use jiff::civil::{Date, date};
use median::median;
use serde_json::Value;
use walk::{answer_what_was_left_out, seen, walk};

/// Issue 14's targets for the questions asked on realistic cases.
const TARGET_MEDIAN: usize = 11;
const TARGET_MOST: usize = 18;
const TARGET_MINIMAL_RISK: usize = 12;

const RANDOM_WALKS: u64 = 400;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shipped_json() -> Value {
    let text = std::fs::read_to_string(root().join("questionnaires/eu-ai-act.json"))
        .expect("shipped questionnaire readable");
    serde_json::from_str(&text).expect("shipped questionnaire is JSON")
}

/// The questionnaire as shipped, with the mark nowhere, and with it on
/// every question that may carry it (not on those nothing reads, which
/// validation refuses).
struct Variants {
    shipped: Questionnaire,
    nowhere: Questionnaire,
    everywhere: Questionnaire,
}

fn variants() -> Variants {
    let doc = shipped_json();
    let load = |doc: Value| {
        Questionnaire::from_json(&doc.to_string(), "eu-ai-act.json")
            .unwrap_or_else(|e| panic!("{e}"))
    };
    Variants {
        shipped: load(doc.clone()),
        nowhere: load(marks::marked(doc.clone(), |_| false)),
        everywhere: marks::everywhere(doc).unwrap_or_else(|e| panic!("{e}")),
    }
}

struct Scenario {
    name: String,
    today: Date,
    answers: BTreeMap<String, AnswerValue>,
    complete: bool,
}

fn scenarios() -> Vec<Scenario> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/scenarios"))
        .expect("scenarios folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files.iter().map(|path| scenario(path)).collect()
}

fn scenario(path: &Path) -> Scenario {
    let text = std::fs::read_to_string(path).expect("scenario readable");
    let json: Value = serde_json::from_str(&text).expect("scenario is JSON");
    Scenario {
        name: path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default(),
        today: serde_json::from_value(json["today"].clone()).unwrap_or(date(2026, 11, 23)),
        answers: serde_json::from_value(json["answers"].clone()).expect("scenario answers"),
        complete: json["expect"]["complete"].as_bool().unwrap_or(true),
    }
}

fn walk_scenario(q: &Questionnaire, scenario: &Scenario) -> (Vec<String>, Answers) {
    walk(q, Answers::new(), |question| {
        scenario.answers.get(&question.id).cloned()
    })
}

/// Median, most, and most for a minimal-risk product, over scenarios that
/// reach a verdict.
struct Figures {
    median: f64,
    most: usize,
    minimal_risk_most: usize,
}

fn figures(rows: &[(usize, bool)]) -> Figures {
    let mut counts: Vec<usize> = rows.iter().map(|(count, _)| *count).collect();
    Figures {
        median: median(&mut counts),
        most: counts.iter().copied().max().unwrap_or(0),
        minimal_risk_most: rows
            .iter()
            .filter(|(_, minimal)| *minimal)
            .map(|(count, _)| *count)
            .max()
            .unwrap_or(0),
    }
}

#[test]
fn scenarios_ask_fewer_questions_and_keep_their_verdicts() {
    let variants = variants();
    let minimal = variants.nowhere.default_tier().id.clone();
    let mut problems = Vec::new();
    let mut rows: [Vec<(usize, bool)>; 3] = Default::default();
    println!("scenario | tier | nowhere | as shipped | everywhere");
    for scenario in scenarios() {
        let (asked_nowhere, answers_nowhere) = walk_scenario(&variants.nowhere, &scenario);
        let before = seen(&variants.nowhere, &answers_nowhere, scenario.today);
        let mut counts = Vec::new();
        for q in [&variants.nowhere, &variants.shipped, &variants.everywhere] {
            let (asked, answers) = walk_scenario(q, &scenario);
            let after = seen(q, &answers, scenario.today);
            if before.complete && after != before {
                problems.push(format!(
                    "{} (version {}, {} questions): the verdict changed:\n  {before:?}\n  {after:?}",
                    scenario.name,
                    q.version(),
                    asked.len()
                ));
            }
            // The scenario's answers to questions left out are kept, and
            // do not count.
            let all =
                Answers::from_values(q, &scenario.answers).unwrap_or_else(|e| panic!("{e:?}"));
            if scenario.complete && seen(q, &all, scenario.today) != after {
                problems.push(format!(
                    "{}: answers to the questions left out count",
                    scenario.name
                ));
            }
            if asked.len() > asked_nowhere.len() {
                problems.push(format!(
                    "{}: {} questions asked, {} without the mark",
                    scenario.name,
                    asked.len(),
                    asked_nowhere.len()
                ));
            }
            counts.push(asked.len());
        }
        println!(
            "{} | {} | {} | {} | {}",
            scenario.name, before.tier, counts[0], counts[1], counts[2]
        );
        if before.complete {
            for (row, count) in rows.iter_mut().zip(&counts) {
                row.push((*count, before.tier == minimal));
            }
        }
    }
    for (name, row) in ["nowhere", "as shipped", "everywhere"].iter().zip(&rows) {
        let f = figures(row);
        println!(
            "{name}: {} scenarios with a verdict; median {} (target <= {TARGET_MEDIAN}), most {} (target <= {TARGET_MOST}), most for a minimal-risk product {} (target <= {TARGET_MINIMAL_RISK})",
            row.len(),
            f.median,
            f.most,
            f.minimal_risk_most
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        rows[0].len() >= 60,
        "fewer than 60 scenarios reach a verdict: the figures would say little"
    );
}

#[test]
fn no_question_left_out_is_what_a_result_turns_on() {
    // Two analyses, one answer: a question left out on the answers before
    // it cannot be decisive once every answer is in and counts.
    let variants = variants();
    let mut problems = Vec::new();
    for scenario in scenarios().iter().filter(|s| s.complete) {
        let answers =
            |q| Answers::from_values(q, &scenario.answers).unwrap_or_else(|e| panic!("{e:?}"));
        let marked = answers(&variants.everywhere);
        let evaluation = Evaluation::new(&variants.everywhere, &marked);
        let unmarked = answers(&variants.nowhere);
        let items = decisive_answers(
            &Evaluation::new(&variants.nowhere, &unmarked),
            scenario.today,
        );
        for item in items {
            let position = variants.everywhere.question_position(&item.question);
            if position.is_some_and(|p| evaluation.applicability(p) == Applicability::NotNeeded) {
                problems.push(format!(
                    "{}: `{}` is left out, yet the result turns on it",
                    scenario.name, item.question
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn answering_the_questions_left_out_any_way_changes_nothing() {
    let Variants {
        nowhere,
        everywhere,
        ..
    } = variants();
    let (left_out, problems) = answer_what_was_left_out(&everywhere, &nowhere, RANDOM_WALKS);
    println!("{left_out} of {RANDOM_WALKS} random walks left questions out");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        left_out > 0,
        "no walk left a question out: the check checks nothing"
    );
}
