//! The command line, run as a user runs it: the built binary, its output
//! and its exit status.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::{Value, json};

#[path = "support/contains.rs"]
mod contains;
#[path = "support/run.rs"]
mod run;

use contains::assert_contains;
use run::{assert_refused, assert_refused_saying_only, assert_success, stderr, stdout, toy_path};

fn aiact(args: &[&str]) -> Output {
    run::run(run::aiact().args(args))
}

fn toy() -> Value {
    let text = std::fs::read_to_string(toy_path()).expect("fixture");
    serde_json::from_str(&text).expect("json")
}

fn write(dir: &Path, name: &str, value: &Value) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(value).expect("json")).expect("write");
    path
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

#[test]
fn validate_prints_a_one_line_summary_for_a_valid_file() {
    let output = aiact(&["questionnaire", "validate", path_str(&toy_path())]);
    assert_success(&output);
    let text = stdout(&output);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert_contains(
        &text,
        "valid questionnaire `toy` version 1.0.0: 3 sections, 9 questions, 6 findings",
    );
}

#[test]
fn validate_rejects_a_duplicated_question_id_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut doc = toy();
    let copy = doc["questions"][6].clone();
    doc["questions"]
        .as_array_mut()
        .expect("questions")
        .push(copy);
    let file = write(dir.path(), "dup.json", &doc);
    let output = aiact(&["questionnaire", "validate", path_str(&file)]);
    assert_refused_saying_only(
        &output,
        &format!(
            "{}: question `chatbot`: duplicate id: another question is also called `chatbot`",
            file.display()
        ),
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn validate_prints_every_error_on_its_own_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut doc = toy();
    doc["questions"][6]["refs"] = json!(["art:50(1"]);
    doc["questions"][7]["when"] = json!({"role": "owner"});
    let file = write(dir.path(), "bad.json", &doc);
    let output = aiact(&["questionnaire", "validate", path_str(&file)]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert_eq!(errors.lines().count(), 2, "{errors}");
    assert!(
        errors
            .lines()
            .all(|line| line.starts_with(&file.display().to_string()))
    );
}

#[test]
fn validate_reports_a_missing_file() {
    let output = aiact(&["questionnaire", "validate", "no/such/file.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with("no/such/file.json: cannot read the file"));
}

fn evaluate(dir: &Path, answers: Value, extra: &[&str]) -> Output {
    let file = write(
        dir,
        "answers.json",
        &json!({"questionnaire": "toy", "answers": answers}),
    );
    let toy = toy_path();
    let mut args = vec![
        "--today",
        "2026-11-23",
        "evaluate",
        path_str(&file),
        "--questionnaire",
        path_str(&toy),
    ];
    args.extend_from_slice(extra);
    aiact(&args)
}

#[test]
fn evaluate_prints_a_readable_verdict() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = evaluate(
        dir.path(),
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat", "chatbot": "yes"}),
        &[],
    );
    assert_success(&output);
    let text = stdout(&output);
    assert_contains(&text, "RESULT: TRANSPARENCY DUTIES");
    assert_contains(
        &text,
        "Because you answered:\n      - Does it talk to people directly? -> Yes",
    );
    assert_contains(
        &text,
        "WHAT YOU MUST DO, BY WHEN\n  Now\n    - Disclose the AI (Article 50(1))",
    );
    // The order every surface shows (issue 13).
    let positions: Vec<usize> = [
        "RESULT:",
        "WHAT YOU MUST DO",
        "WHAT THIS RESULT TURNS ON",
        "FINDINGS",
    ]
    .iter()
    .map(|heading| text.find(heading).unwrap_or(usize::MAX))
    .collect();
    assert!(positions.is_sorted(), "{positions:?}\n{text}");
}

#[test]
fn evaluate_json_is_the_documented_verdict() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = evaluate(
        dir.path(),
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "scoring"}),
        &["--json"],
    );
    assert_success(&output);
    let verdict: Value = serde_json::from_str(&stdout(&output)).expect("JSON on stdout");
    assert_eq!(verdict["format"], "aiact-verdict/1");
    assert_eq!(verdict["tier"]["id"], "prohibited");
    assert_eq!(verdict["complete"], true);
    assert_eq!(verdict["obligations"][0]["applies"]["now"], true);
}

#[test]
fn evaluate_lists_the_questions_still_needed_and_exits_3() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = evaluate(dir.path(), json!({"is_ai": "yes"}), &[]);
    assert_eq!(output.status.code(), Some(3));
    assert!(stdout(&output).contains("NOT FINISHED"));
    assert!(
        stdout(&output).contains("RESULT SO FAR: NOT DECIDED YET"),
        "nothing decides the tier yet, so no placeholder tier is shown: {}",
        stdout(&output)
    );
    assert!(!stdout(&output).contains("MINIMAL RISK"));
    assert_contains(
        &stderr(&output),
        "2 question(s) still need an answer: role, use_area",
    );
}

#[test]
fn evaluate_names_answers_that_do_not_fit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = evaluate(dir.path(), json!({"is_ai": true, "ghost": "yes"}), &[]);
    assert_eq!(output.status.code(), Some(1));
    let errors = stderr(&output);
    assert_contains(
        &errors,
        "answer to `is_ai`: a yes_no question needs one option id as a string",
    );
    assert_contains(&errors, "answer to `ghost`: there is no such question");
}

#[test]
fn evaluate_reports_a_file_that_is_not_json_with_its_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("broken.json");
    std::fs::write(&file, "{\"questionnaire\": ").expect("write");
    let output = aiact(&["evaluate", path_str(&file)]);
    assert_refused(
        &output,
        &format!("{}: not a valid answers file", file.display()),
    );
}

#[test]
fn evaluate_refuses_an_unknown_questionnaire() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(
        dir.path(),
        "a.json",
        &json!({"questionnaire": "us-ai-bill", "answers": {}}),
    );
    let output = aiact(&["evaluate", path_str(&file)]);
    assert_refused(&output, "unknown questionnaire `us-ai-bill`");
}

#[test]
fn a_bad_date_is_a_usage_error() {
    let output = aiact(&["--today", "tomorrow", "evaluate", "x.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--today"));
}

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

#[test]
fn the_generated_benchmark_questionnaire_is_valid() {
    // The benchmark measures a questionnaire the program accepts.
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(dir.path(), "synthetic.json", &synthetic::questionnaire(200));
    let output = aiact(&["questionnaire", "validate", path_str(&file)]);
    assert_success(&output);
    assert!(stdout(&output).contains("200 questions, 10 findings"));
}

#[test]
fn graph_prints_the_built_in_tree_as_dot_by_default() {
    let output = aiact(&["questionnaire", "graph"]);
    assert_success(&output);
    let dot = stdout(&output);
    assert!(dot.contains("digraph questionnaire {") && dot.trim_end().ends_with('}'));
}

#[test]
fn graph_of_a_file_as_mermaid() {
    let output = aiact(&[
        "questionnaire",
        "graph",
        path_str(&toy_path()),
        "--format",
        "mermaid",
    ]);
    assert_success(&output);
    assert!(stdout(&output).contains("flowchart LR"));
}

#[test]
fn graph_refuses_an_unknown_format() {
    let output = aiact(&["questionnaire", "graph", "--format", "png"]);
    assert_eq!(output.status.code(), Some(2));
    assert_contains(&stderr(&output), "possible values: dot, mermaid");
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef aiact"),
        ("fish", "complete -c aiact"),
    ] {
        let output = aiact(&["completions", shell]);
        assert!(output.status.success(), "{shell}: {}", stderr(&output));
        assert!(stdout(&output).contains(marker), "{shell}");
        assert!(
            stdout(&output).contains("evaluate"),
            "{shell}: subcommands are completed"
        );
    }
}
