//! The reading and workshop commands, run as a user runs them: `ask` (and
//! `--plain`) with piped input, `show`, `export`, `summary`, `list --json`;
//! their exit status and their errors on bad input; and hostile names,
//! which must never reach the terminal as escape sequences.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use aiact::storage::{Mode, NewAssessment, Questionnaires, Store};
use aiact_core::Questionnaire;
use jiff::civil::date;
use serde_json::{Value, json};

#[path = "support/answered.rs"]
mod answered;
#[path = "support/contains.rs"]
mod contains;
#[path = "support/run.rs"]
mod run;

use contains::assert_contains;
use run::{assert_refused, assert_success, stderr, stdout, toy_path};

/// aiact on the toy questionnaire in `data_dir`, as of 2026-11-23, in UTC.
fn toy_aiact(data_dir: &Path) -> Command {
    let mut command = run::aiact_in(data_dir);
    command
        .arg("--questionnaire")
        .arg(toy_path())
        .args(["--today", "2026-11-23"])
        .env("TZ", "UTC");
    command
}

/// Runs aiact on the toy questionnaire in `data_dir` with `input` on
/// standard input.
fn aiact_with_input(data_dir: &Path, args: &[&str], input: &str) -> Output {
    run::run_with_input(toy_aiact(data_dir).args(args), input)
}

fn aiact(data_dir: &Path, args: &[&str]) -> Output {
    aiact_with_input(data_dir, args, "")
}

fn toy() -> Questionnaire {
    Questionnaire::load(&toy_path()).expect("toy")
}

fn store(dir: &Path) -> Store {
    Store::at(dir).with_questionnaires(Questionnaires::built_in().with(toy()))
}

/// A saved assessment of the toy questionnaire with these answers and notes.
fn saved(dir: &Path, name: &str, answers: &Value, notes: &[(&str, &str)]) -> PathBuf {
    let details = NewAssessment {
        system_name: name.to_owned(),
        organisation: Some("Acme GmbH".to_owned()),
        assessor: None,
    };
    let today = date(2026, 11, 23);
    let mut opened = answered::created(&store(dir), &toy(), details, answers, today);
    for (question, note) in notes {
        opened.set_note(question, Some(note), today).expect("note");
    }
    opened.path.clone()
}

fn chat_answers() -> Value {
    json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat", "chatbot": "yes"})
}

fn read_json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read")).expect("json")
}

#[test]
fn ask_takes_a_whole_assessment_from_a_pipe_saves_it_and_prints_the_verdict() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = [
        "Chat Widget",               // system name
        "Acme GmbH",                 // organisation
        "",                          // assessor: left out
        "?",                         // help on the first question
        "y",                         // is_ai
        "provider deployer",         // role, by option ids
        "note Widget on every page", // a note on use_area
        "4",                         // use_area: the 4th option, chat
        "yes",                       // chatbot
        "1_500",                     // users
        "",                          // comment: optional, left out
    ]
    .map(|line| format!("{line}\n"))
    .concat();
    let output = aiact_with_input(dir.path(), &["ask"], &input);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}\n{}", stderr(&output));

    assert_contains(
        &text,
        "Question 1 (of about 1–8 questions), in section 1 of 3, \"Basics\":",
    );
    assert_contains(&text, "  1. Yes\n  2. No\n  3. Not sure\n");
    assert!(text.contains("Counts, for example:"), "help: {text}");
    assert!(
        text.contains("Article 3(1): https://eur-lex.europa.eu/eli/reg/2024/1689/oj/eng#art_3"),
        "the law, with its link: {text}"
    );
    assert_contains(&text, "Note saved.");
    assert_contains(&text, "Your note: Widget on every page");
    assert_contains(&text, "(optional)");
    assert_contains(&text, "RESULT: TRANSPARENCY DUTIES");
    // The end of `ask` in the order `show` has: result, plan, what it
    // turns on, findings.
    let result = text.find("RESULT: TRANSPARENCY DUTIES").unwrap_or_default();
    let plan = text.find("WHAT YOU MUST DO, BY WHEN");
    let turns_on = text.find("WHAT THIS RESULT TURNS ON");
    let findings = text.find("FINDINGS");
    let (Some(plan), Some(turns_on), Some(findings)) = (plan, turns_on, findings) else {
        panic!("no section: {text}");
    };
    assert!(
        result < plan && plan < turns_on && turns_on < findings,
        "{text}"
    );
    assert!(
        text[turns_on..findings].contains("What is it used for?"),
        "{text}"
    );
    assert_contains(&text, "aiact export chat-widget -o report.html");
    assert!(!text.contains('\u{1b}'), "no colours, no cursor movement");

    let saved = read_json(&dir.path().join("assessments/chat-widget.json"));
    assert_eq!(saved["metadata"]["system_name"], "Chat Widget");
    assert_eq!(saved["metadata"]["organisation"], "Acme GmbH");
    assert!(saved["metadata"].get("assessor").is_none());
    let answers = &saved["answers"];
    assert_eq!(answers["is_ai"]["value"], "yes");
    assert_eq!(answers["role"]["value"], json!(["provider", "deployer"]));
    assert_eq!(answers["use_area"]["value"], "chat");
    assert_eq!(answers["use_area"]["note"], "Widget on every page");
    assert_eq!(answers["users"]["value"], 1500.0);
    assert!(answers.get("comment").is_none());
    assert_eq!(saved["verdict"]["tier"]["id"], "transparency");
    assert_eq!(saved["verdict"]["complete"], true);
}

#[test]
fn ask_stopped_early_keeps_the_answers_and_resumes_where_it_stopped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = aiact_with_input(dir.path(), &["ask", "Support Bot"], "\n\ny\n");
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let text = stdout(&output);
    assert_contains(
        &text,
        "Stopped before the verdict. Your answers are saved in",
    );
    assert_contains(&text, "To continue: aiact ask support-bot");
    let path = dir.path().join("assessments/support-bot.json");
    assert_eq!(read_json(&path)["answers"]["is_ai"]["value"], "yes");

    // Resume: at the second question; back to the first shows the answer,
    // Enter keeps it, then quit.
    let output = aiact_with_input(dir.path(), &["ask", "support-bot"], "back\n\nquit\n");
    assert_eq!(output.status.code(), Some(3));
    let text = stdout(&output);
    assert_contains(&text, "Continuing \"Support Bot\"");
    let second = text
        .find("Question 2 (of about")
        .expect("resumes at question 2");
    let first = text
        .find("Question 1 (of about")
        .expect("back to question 1");
    assert!(second < first, "{text}");
    assert_contains(&text, "Your answer: Yes (Enter keeps it)");
    assert_eq!(
        text.matches("Question 2 (of about").count(),
        2,
        "Enter moves on: {text}"
    );
}

#[test]
fn ask_explains_a_bad_answer_and_asks_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = "Bot\n\n\n7\nmaybe\nnot sure\nback\nback\nskip\nquit\n";
    let output = aiact_with_input(dir.path(), &["ask"], input);
    assert_eq!(output.status.code(), Some(3));
    let text = stdout(&output);
    assert!(
        text.contains("> 7\nThere is no option 7: type a number from 1 to 3."),
        "piped input is echoed after its prompt: {text}"
    );
    assert_contains(&text, "Not an option: maybe.");
    assert_contains(&text, "This is the first question.");
    assert_contains(&text, "This question needs an answer.");
    let saved = read_json(&dir.path().join("assessments/bot.json"));
    assert_eq!(saved["answers"]["is_ai"]["value"], "not_sure");
}

#[test]
fn plain_without_a_command_is_ask() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = aiact_with_input(dir.path(), &["--plain"], "Plain Bot\n\n\nn\n");
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert_contains(&stdout(&output), "RESULT: NOT AN AI SYSTEM");
    assert!(dir.path().join("assessments/plain-bot.json").is_file());
}

#[test]
fn new_and_open_with_plain_ask_line_by_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    saved(dir.path(), "Chat Widget", &chat_answers(), &[]);
    // A name in use is refused: `open NAME` could not tell the two apart.
    let output = aiact_with_input(dir.path(), &["new", "--plain", "chat widget"], "\n\nn\n");
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert_contains(&stderr(&output), "already called `Chat Widget`");
    let output = aiact_with_input(dir.path(), &["new", "--plain", "Chat Widget v2"], "\n\nn\n");
    assert_success(&output);
    assert!(stdout(&output).contains("New assessment \"Chat Widget v2\""));
    assert!(dir.path().join("assessments/chat-widget-v2.json").is_file());

    let output = aiact_with_input(dir.path(), &["--plain", "open", "chat-widget"], "quit\n");
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert_contains(&stdout(&output), "Continuing \"Chat Widget\"");

    let output = aiact(dir.path(), &["open", "--plain", "nobody"]);
    assert_refused(&output, "no assessment called `nobody`");
}

#[test]
fn ask_on_an_assessment_open_elsewhere_is_refused_and_a_missing_path_is_not_created() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved(dir.path(), "Busy", &chat_answers(), &[]);
    let before = std::fs::read(&path).expect("read");
    let _open = store(dir.path()).open(&path, Mode::Edit).expect("open");
    let output = aiact_with_input(dir.path(), &["ask", "busy"], "y\n");
    assert_refused(&output, "open in another aiact");
    assert_eq!(std::fs::read(&path).expect("read"), before);

    let missing = dir.path().join("elsewhere/missing.json");
    let output = aiact(dir.path(), &["ask", missing.to_str().expect("utf-8")]);
    assert_refused(&output, "missing.json");
    assert!(!missing.exists());
}

#[test]
fn show_prints_the_report_with_answers_and_notes() {
    let dir = tempfile::tempdir().expect("temp dir");
    saved(
        dir.path(),
        "Chat Widget",
        &chat_answers(),
        &[("chatbot", "On every page.\nAlso in the app.")],
    );
    let output = aiact(dir.path(), &["show", "Chat Widget"]);
    assert_success(&output);
    let text = stdout(&output);
    for needle in [
        "Chat Widget\nOrganisation: Acme GmbH\n",
        "not legal advice",
        "RESULT: TRANSPARENCY DUTIES",
        "YOUR ANSWERS",
        "    Does it talk to people directly?\n      -> Yes\n      Note: On every page.\n            Also in the app.\n",
        "Verdict of 23 November 2026.",
        "WHAT THIS RESULT TURNS ON\n",
        "  - What is it used for?\n    You answered: Chatting with customers\n    - If the true answer is “Social scoring”: PROHIBITED (Article 5(1)(c)); ",
    ] {
        assert!(text.contains(needle), "{needle:?} in\n{text}");
    }
}

#[test]
fn evaluate_json_and_the_json_export_say_what_the_result_turns_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved(dir.path(), "Chat Widget", &chat_answers(), &[]);
    let path = path.to_str().expect("utf-8");
    let verdict: Value =
        serde_json::from_str(&stdout(&aiact(dir.path(), &["evaluate", path, "--json"])))
            .expect("JSON");
    let exported: Value = serde_json::from_str(&stdout(&aiact(
        dir.path(),
        &["export", "Chat Widget", "--format", "json"],
    )))
    .expect("JSON");
    for turns_on in [&verdict["turns_on"], &exported["verdict"]["turns_on"]] {
        let chatbot = turns_on
            .as_array()
            .expect("a list")
            .iter()
            .find(|item| item["question"] == "chatbot")
            .expect("the chatbot answer decides the tier");
        assert_eq!(chatbot["answer"], "yes");
        assert_eq!(chatbot["impact"], "tier");
        assert_eq!(chatbot["alternatives"][0]["answers"][0]["answer"], "no");
        assert_eq!(chatbot["alternatives"][0]["tier"]["id"], "minimal");
        assert_eq!(chatbot["alternatives"][0]["outlook"], "would");
    }
    // The text of `evaluate` says it right after the result.
    let text = stdout(&aiact(dir.path(), &["evaluate", path]));
    let result = text.find("RESULT: TRANSPARENCY DUTIES").expect("result");
    let section = text.find("WHAT THIS RESULT TURNS ON").expect("section");
    let findings = text.find("FINDINGS").expect("findings");
    assert!(result < section && section < findings, "{text}");
}

#[test]
fn show_and_export_name_what_they_cannot_find() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = aiact(dir.path(), &["show", "nobody"]);
    assert_refused(&output, "no assessment called `nobody`");
    let missing = dir.path().join("missing.json");
    let output = aiact(
        dir.path(),
        &[
            "export",
            missing.to_str().expect("utf-8"),
            "--format",
            "html",
        ],
    );
    assert_refused(&output, "missing.json");
    assert!(stdout(&output).is_empty());

    let not_json = dir.path().join("notes.json");
    std::fs::write(&not_json, "hello").expect("write");
    let output = aiact(dir.path(), &["show", not_json.to_str().expect("utf-8")]);
    assert_refused(&output, "not an aiact assessment: not JSON");
    assert_eq!(std::fs::read_to_string(&not_json).expect("read"), "hello");
}

fn export_html(dir: &Path, name: &str, to: &Path) -> Output {
    let to = to.to_str().expect("utf-8");
    aiact(dir, &["export", name, "--format", "html", "-o", to])
}

#[test]
fn export_writes_html_and_json_and_refuses_a_bad_format() {
    let dir = tempfile::tempdir().expect("temp dir");
    let assessment = saved(dir.path(), "Chat Widget", &chat_answers(), &[]);
    let html_file = dir.path().join("report.html");
    let output = export_html(dir.path(), "chat-widget", &html_file);
    assert_success(&output);
    assert!(stdout(&output).starts_with("Wrote "), "{}", stdout(&output));
    let again = export_html(dir.path(), "chat-widget", &html_file);
    assert!(
        stdout(&again).starts_with("Replaced "),
        "exporting again says the file was replaced: {}",
        stdout(&again)
    );
    let page = std::fs::read_to_string(&html_file).expect("written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<h1>Chat Widget</h1>"));
    assert!(!page.contains("<script"));
    assert!(!page.contains("src=\"http"), "no external resource");

    let output = aiact(dir.path(), &["export", "chat-widget"]);
    assert_success(&output);
    let markdown = stdout(&output);
    assert!(
        markdown.starts_with("# EU AI Act assessment: Chat Widget\n"),
        "Markdown is the default: {markdown}"
    );
    assert_contains(&markdown, "## Result: Transparency duties");

    let output = aiact(dir.path(), &["export", "chat-widget", "--format", "json"]);
    assert_success(&output);
    let report: Value = serde_json::from_str(&stdout(&output)).expect("json");
    assert_eq!(report["format"], "aiact-report/1");
    assert_eq!(report["assessment"]["system_name"], "Chat Widget");
    assert_eq!(report["verdict"]["tier"]["id"], "transparency");
    assert_eq!(report["answers"][0]["question"], "is_ai");

    let output = aiact(dir.path(), &["export", "chat-widget", "--format", "pdf"]);
    assert_eq!(output.status.code(), Some(2));
    assert_contains(&stderr(&output), "invalid value 'pdf'");

    // An export never lands on an assessment (its .json asks for JSON).
    let before = std::fs::read(&assessment).expect("read");
    let output = aiact(
        dir.path(),
        &[
            "export",
            "chat-widget",
            "-o",
            assessment.to_str().expect("utf-8"),
        ],
    );
    assert_refused(&output, "not written: the file is an aiact assessment");
    assert_eq!(std::fs::read(&assessment).expect("read"), before);

    let nowhere = dir.path().join("no/such/dir/report.html");
    let output = export_html(dir.path(), "chat-widget", &nowhere);
    assert_refused(&output, "cannot write the report");
}

#[test]
fn export_takes_the_format_from_the_file_name_and_refuses_a_contradiction() {
    let dir = tempfile::tempdir().expect("temp dir");
    saved(dir.path(), "Chat Widget", &chat_answers(), &[]);
    let export = |to: &Path, format: &[&str]| {
        let mut args = vec!["export", "chat-widget", "-o", to.to_str().expect("utf-8")];
        args.extend_from_slice(format);
        aiact(dir.path(), &args)
    };

    let page = dir.path().join("report.html");
    let output = export(&page, &[]);
    assert_success(&output);
    let written = std::fs::read_to_string(&page).expect("written");
    assert!(written.starts_with("<!DOCTYPE html>"), "{written}");

    let data = dir.path().join("report.JSON");
    assert_eq!(export(&data, &[]).status.code(), Some(0));
    let report: Value = read_json(&data);
    assert_eq!(report["format"], "aiact-report/1");

    let other = dir.path().join("x.html");
    let output = export(&other, &["--format", "md"]);
    assert_refused(
        &output,
        "x.html: not written: the file name says html but --format md was given",
    );
    assert!(!other.exists(), "nothing written");

    // An extension that names no format: as asked, else Markdown.
    let notes = dir.path().join("report.txt");
    assert_eq!(export(&notes, &[]).status.code(), Some(0));
    let markdown = std::fs::read_to_string(&notes).expect("written");
    assert!(markdown.starts_with("# EU AI Act assessment"), "{markdown}");
}

/// `summary` and `compare` take `-o FILE` as `export` does: the extension
/// decides the format, a contradiction is refused, and neither an
/// assessment nor a special file is written over.
#[test]
fn summary_and_compare_write_to_a_file_as_export_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let assessment = saved(dir.path(), "Chat Widget", &chat_answers(), &[]);
    saved(
        dir.path(),
        "CV Ranker",
        &json!({"is_ai": "yes", "role": ["deployer"], "use_area": "hiring", "narrow_task": "no", "profiling": "no", "on_market": "no", "users": 12}),
        &[],
    );
    let to = |name: &str| dir.path().join(name);
    let run = |args: &[&str]| aiact(dir.path(), args);
    let path = |path: &Path| path.to_str().expect("utf-8").to_owned();

    let handout = to("workshop.html");
    let output = run(&["summary", "-o", &path(&handout)]);
    assert_success(&output);
    assert!(stdout(&output).starts_with("Wrote "), "{}", stdout(&output));
    let written = std::fs::read_to_string(&handout).expect("written");
    assert!(written.starts_with("<!DOCTYPE html>"), "{written}");
    assert_contains(&written, "Chat Widget");

    let table = to("workshop.csv");
    assert_eq!(
        run(&["summary", "--output", &path(&table)]).status.code(),
        Some(0)
    );
    let csv = std::fs::read_to_string(&table).expect("written");
    assert!(csv.starts_with("file,system,"), "{csv}");

    let excel = to("excel.csv");
    let output = run(&["summary", "--excel", "-o", &path(&excel)]);
    assert_success(&output);
    let bytes = std::fs::read(&excel).expect("written");
    assert_eq!(
        bytes.get(..2),
        Some(&[0xFF, 0xFE][..]),
        "UTF-16LE with a BOM"
    );

    let refused = to("x.html");
    let output = run(&["summary", "--format", "csv", "-o", &path(&refused)]);
    assert_refused(
        &output,
        "x.html: not written: the file name says html but --format csv was given",
    );
    let output = run(&["summary", "--excel", "-o", &path(&refused)]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(!refused.exists(), "nothing written");

    let before = std::fs::read(&assessment).expect("read");
    let output = run(&["summary", "--format", "md", "-o", &path(&assessment)]);
    assert_refused(&output, "the file is an aiact assessment");
    assert_eq!(std::fs::read(&assessment).expect("read"), before);
    let output = run(&["summary", "-o", &path(dir.path())]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "a directory is not written over"
    );

    let compare_to = |file: &Path| {
        let output = run(&["compare", "Chat Widget", "CV Ranker", "-o", &path(file)]);
        assert_success(&output);
    };
    let compared = to("compare.md");
    compare_to(&compared);
    let markdown = std::fs::read_to_string(&compared).expect("written");
    assert!(
        markdown.starts_with("# Two assessments compared\n"),
        "{markdown}"
    );
    let compared = to("compare.json");
    compare_to(&compared);
    assert_eq!(read_json(&compared)["format"], "aiact-comparison/1");
    let output = run(&[
        "compare",
        "Chat Widget",
        "CV Ranker",
        "--format",
        "text",
        "-o",
        &path(&to("c.json")),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}

#[test]
fn summary_has_a_row_per_assessment_in_markdown_and_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    saved(dir.path(), "Chat Widget", &chat_answers(), &[]);
    saved(
        dir.path(),
        "CV Ranker",
        &json!({"is_ai": "yes", "role": ["deployer"], "use_area": "hiring", "narrow_task": "not_sure", "profiling": "no", "on_market": "no", "users": 12}),
        &[],
    );
    saved(dir.path(), "Empty One", &json!({}), &[]);
    std::fs::write(dir.path().join("assessments/broken.json"), "{").expect("write");

    let output = aiact(dir.path(), &["summary"]);
    assert_success(&output);
    let table = stdout(&output);
    let rows: Vec<&str> = table
        .lines()
        .filter(|line| line.starts_with("| "))
        .collect();
    assert_eq!(rows.len(), 5, "a header and four rows: {table}");
    assert!(rows[0].starts_with(
        "| System | Organisation | Result | Basis | Role | Exemption or hold | Next deadline | Turns on | Questions to settle | Status | Last change | File |"
    ), "{table}");
    assert!(rows[1].starts_with("| broken |"), "{table}");
    assert!(rows[1].contains("unreadable: "), "{table}");
    assert!(rows[2].starts_with("| Chat Widget | Acme GmbH | Transparency duties | Art 50(1) | Provider | none | all apply now (1 duty) | What is it used for? If the true answer is “Social scoring”: PROHIBITED (Article 5(1)(c)) | none | complete |"), "{table}");
    // An open point is named as the question to settle; the next deadline
    // says which answer it depends on; the top item of what it turns on is
    // the one to check first: the answer not sure of.
    assert!(rows[3].starts_with("| CV Ranker | Acme GmbH | High-risk (provisional) | none | Deployer | none | 2 December 2027: 1 duty if “Does it only do a narrow procedural task?” is No | “Does it only do a narrow procedural task?” (not sure) If the true answer is “Yes”: MINIMAL RISK | Does it only do a narrow procedural task? | complete |"), "{table}");
    assert!(
        rows[4].starts_with("| Empty One | Acme GmbH |  | none | none | none | none | none | none | no answers yet |"),
        "{table}"
    );
    assert_contains(&stderr(&output), "broken.json");

    let output = aiact(dir.path(), &["summary", "--format", "csv"]);
    assert_eq!(output.status.code(), Some(0));
    let mut reader = csv_rows(&stdout(&output));
    let header = reader.remove(0);
    assert_eq!(
        header[..5],
        ["file", "system", "organisation", "assessor", "tier"]
    );
    let chat = reader
        .iter()
        .find(|row| row[1] == "Chat Widget")
        .expect("chat row");
    assert_eq!(chat[4], "Transparency duties");
    assert_eq!(chat[6], "complete");
    let turns_on = header
        .iter()
        .position(|name| name == "turns_on")
        .expect("a turns_on column");
    assert_eq!(
        chat[turns_on],
        "What is it used for? If the true answer is “Social scoring”: PROHIBITED (Article 5(1)(c))"
    );
    // Usability test: the time had nanoseconds.
    let updated = chat
        .iter()
        .find(|cell| cell.starts_with("20"))
        .expect("a time");
    assert!(
        updated.len() == "2026-11-23T14:40:12Z".len() && updated.ends_with('Z'),
        "whole seconds, RFC 3339: {updated}"
    );
    assert!(updated.parse::<jiff::Timestamp>().is_ok(), "{updated}");
    let broken = reader
        .iter()
        .find(|row| row[0] == "broken")
        .expect("broken row");
    assert_eq!(broken[6], "unreadable");

    let output = aiact(dir.path(), &["summary", "--format", "xlsx"]);
    assert_eq!(output.status.code(), Some(2));
}

/// The columns issue 13 adds, in CSV after the old ones; `--excel` writes
/// the same columns as UTF-16LE with a byte order mark, tab-separated.
#[test]
fn summary_csv_adds_the_outcome_columns_and_excel_gets_utf16_with_tabs() {
    let dir = tempfile::tempdir().expect("temp dir");
    saved(
        dir.path(),
        "CV Ränker =1+1",
        &json!({"is_ai": "yes", "role": ["deployer"], "use_area": "hiring", "narrow_task": "not_sure", "profiling": "no", "on_market": "no", "users": 12}),
        &[],
    );
    let output = aiact(dir.path(), &["summary", "--format", "csv"]);
    assert_success(&output);
    assert!(
        !output.stdout.starts_with(&[0xEF, 0xBB, 0xBF]),
        "no BOM for scripts"
    );
    let rows = csv_rows(&stdout(&output));
    let header = &rows[0];
    assert_eq!(header[0], "file", "the old columns stay in place");
    assert_eq!(header[13], "problem");
    let column = |name: &str| -> &str {
        let at = header.iter().position(|h| h == name).expect(name);
        &rows[1][at]
    };
    assert_eq!(column("system"), "CV Ränker =1+1");
    assert_eq!(column("result"), "High-risk (provisional)");
    assert_eq!(column("role"), "Deployer");
    assert_eq!(column("next_deadline_date"), "2027-12-02");
    assert_eq!(column("next_deadline_duties"), "1");
    assert_eq!(
        column("questions_to_settle"),
        "Does it only do a narrow procedural task?"
    );

    // Excel on a terminal would be noise: refused with a hint (not tested
    // here, stdout is a pipe); to a pipe, UTF-16LE after `FF FE`.
    let output = aiact(dir.path(), &["summary", "--excel"]);
    assert_success(&output);
    let bytes = &output.stdout;
    assert_eq!(bytes[..2], [0xFF, 0xFE], "a UTF-16LE byte order mark");
    assert_eq!(bytes.len() % 2, 0);
    let units: Vec<u16> = bytes[2..]
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    let text = String::from_utf16(&units).expect("UTF-16");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "a header and one row: {text}");
    assert!(
        lines[0].starts_with("file\tsystem\torganisation\t"),
        "{text}"
    );
    assert!(lines[1].contains("\tCV Ränker =1+1\t"), "{text}");
    assert_eq!(
        lines[0].split('\t').count(),
        lines[1].split('\t').count(),
        "{text}"
    );

    let output = aiact(dir.path(), &["summary", "--excel", "--format", "md"]);
    assert_eq!(output.status.code(), Some(2), "--excel is a CSV for Excel");
}

/// `aiact compare A B` by name: the answers that differ and how the
/// verdict differs, as text, Markdown and JSON; an assessment compared
/// with itself differs in nothing.
#[test]
fn compare_shows_the_answers_and_the_verdict_that_differ() {
    let dir = tempfile::tempdir().expect("temp dir");
    saved(dir.path(), "Chat Widget", &chat_answers(), &[]);
    saved(
        dir.path(),
        "CV Ranker",
        &json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "no", "on_market": "no"}),
        &[],
    );

    let output = aiact(dir.path(), &["compare", "Chat Widget", "cv-ranker"]);
    assert_success(&output);
    let text = stdout(&output);
    assert_contains(&text, "A: Chat Widget (chat-widget.json)");
    assert_contains(&text, "B: CV Ranker (cv-ranker.json)");
    assert_contains(&text, "ANSWERS THAT DIFFER (4)");
    assert_contains(&text, "    A: Chatting with customers");
    assert_contains(&text, "    B: Screening job applicants");
    assert_contains(&text, "HOW THE VERDICT DIFFERS\n  Result\n");
    assert_contains(&text, "B: High-risk");
    assert_contains(&text, "Duties only in B (1)");
    assert_contains(&text, "    A: (not asked)\n    B: No");
    assert!(
        text.lines().all(|line| line.chars().count() <= 80),
        "{text}"
    );

    let output = aiact(
        dir.path(),
        &["compare", "Chat Widget", "CV Ranker", "--format", "md"],
    );
    assert_success(&output);
    let markdown = stdout(&output);
    assert!(
        markdown.starts_with("# Two assessments compared\n"),
        "{markdown}"
    );
    assert_contains(&markdown, "| Result | Transparency duties | High-risk |");
    assert_contains(&markdown, "## Answers that differ (4)");

    let output = aiact(
        dir.path(),
        &["compare", "Chat Widget", "CV Ranker", "--format", "json"],
    );
    assert_success(&output);
    let json: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(json["format"], "aiact-comparison/1");
    assert_eq!(json["a"]["name"], "Chat Widget (chat-widget.json)");
    assert_eq!(json["b"]["verdict"]["tier"]["id"], "high_risk");
    let questions: Vec<&str> = (json["comparison"]["answers"].as_array().expect("answers"))
        .iter()
        .filter_map(|diff| diff["question"].as_str())
        .collect();
    assert!(questions.contains(&"use_area"), "{questions:?}");

    let output = aiact(dir.path(), &["compare", "chat-widget", "Chat Widget"]);
    assert_success(&output);
    let text = stdout(&output);
    assert_contains(&text, "ANSWERS THAT DIFFER (0)");
    assert_contains(&text, "Nothing: the verdicts are the same.");

    let output = aiact(dir.path(), &["compare", "Chat Widget", "no-such-thing"]);
    assert_refused(&output, "no-such-thing");
}

/// A small CSV reader for the test: quoted fields with doubled quotes.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

#[test]
fn list_json_gives_tier_progress_and_last_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    saved(dir.path(), "Chat Widget", &chat_answers(), &[]);
    std::fs::write(dir.path().join("assessments/broken.json"), "").expect("write");
    let output = aiact(dir.path(), &["list", "--json"]);
    assert_success(&output);
    let list: Value = serde_json::from_str(&stdout(&output)).expect("json");
    let entries = list.as_array().expect("array");
    assert_eq!(entries.len(), 2);
    let chat = entries
        .iter()
        .find(|entry| entry["name"] == "chat-widget")
        .expect("chat");
    assert_eq!(chat["system_name"], "Chat Widget");
    assert_eq!(chat["tier"]["id"], "transparency");
    assert_eq!(chat["complete"], true);
    assert_eq!(chat["progress"]["answered"], 4);
    assert!(
        chat["updated"]
            .as_str()
            .expect("timestamp")
            .starts_with("20")
    );
    assert_eq!(chat["open_elsewhere"], false);
    let broken = entries
        .iter()
        .find(|entry| entry["name"] == "broken")
        .expect("broken");
    assert!(
        broken["unreadable"]
            .as_str()
            .expect("reason")
            .contains("the file is empty")
    );
}

const HOSTILE: &str = "Evil\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\rBot\u{202e}";

#[test]
fn terminal_escapes_in_names_and_notes_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved(
        dir.path(),
        HOSTILE,
        &json!({"is_ai": "yes", "role": ["provider"], "use_area": "other", "chatbot": "no", "comment": HOSTILE}),
        &[("is_ai", HOSTILE)],
    );
    let name = path
        .file_stem()
        .expect("stem")
        .to_str()
        .expect("utf-8")
        .to_owned();
    let raw = |output: &Output| {
        let bytes = [output.stdout.as_slice(), output.stderr.as_slice()].concat();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        text.chars()
            .any(|c| (c.is_control() && c != '\n') || c == '\u{202e}')
    };
    for args in [
        vec!["list"],
        vec!["show", name.as_str()],
        vec!["summary"],
        vec!["summary", "--format", "csv"],
        vec!["show", HOSTILE],
    ] {
        let output = aiact(dir.path(), &args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert!(
            !raw(&output),
            "{args:?} printed a control character:\n{}",
            stdout(&output)
        );
    }
    let list = stdout(&aiact(dir.path(), &["list"]));
    assert!(list.contains("Evil\\u{1b}[2J"), "made visible: {list}");

    // ask echoes names and notes back.
    let output = aiact_with_input(dir.path(), &["ask", name.as_str()], "back\nnote\nquit\n");
    assert!(
        !raw(&output),
        "ask printed a control character:\n{}",
        stdout(&output)
    );

    // An error that names the assessment.
    let output = aiact(dir.path(), &["show", &format!("{HOSTILE}-nope")]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!raw(&output), "{}", stderr(&output));
}

#[test]
fn every_command_has_help_and_the_exit_codes_are_documented() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = aiact(dir.path(), &["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let help = stdout(&output);
    assert!(help.contains("Exit status: 0 done; 1 error"), "{help}");
    for command in [
        "evaluate",
        "list",
        "show",
        "export",
        "summary",
        "ask",
        "duplicate",
        "rename",
        "delete",
        "completions",
        "questionnaire",
    ] {
        assert!(
            help.contains(&format!("  {command}")),
            "{command} listed: {help}"
        );
        let output = aiact(dir.path(), &[command, "--help"]);
        assert_eq!(output.status.code(), Some(0), "{command} --help");
        assert!(stdout(&output).contains("Usage: aiact"), "{command}");
    }
    let output = aiact(dir.path(), &["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn ask_on_a_finished_assessment_shows_the_verdict_or_goes_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut answers = chat_answers();
    answers["comment"] = json!("Nothing else.");
    saved(dir.path(), "Chat Widget", &answers, &[]);
    let output = aiact_with_input(dir.path(), &["ask", "chat-widget"], "\n");
    assert_success(&output);
    let text = stdout(&output);
    assert_contains(&text, "Every question is answered.");
    assert_contains(&text, "RESULT: TRANSPARENCY DUTIES");

    let output = aiact_with_input(dir.path(), &["ask", "chat-widget"], "back\nquit\n");
    assert_eq!(output.status.code(), Some(3));
    let text = stdout(&output);
    assert!(
        text.contains("Anything else we should know?"),
        "the last question: {text}"
    );
    assert!(!text.contains("RESULT:"), "{text}");
}

#[test]
fn summary_and_list_of_an_empty_data_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = aiact(dir.path(), &["summary"]);
    assert_success(&output);
    assert!(stdout(&output).contains("0 assessments, verdicts as of 23 November 2026."));
    assert!(stdout(&output).contains("| no assessments |"));
    let output = aiact(dir.path(), &["summary", "--format", "csv"]);
    assert_eq!(csv_rows(&stdout(&output)).len(), 1, "the header only");
    let output = aiact(dir.path(), &["list", "--json"]);
    assert_eq!(stdout(&output).trim(), "[]");
}

/// Usability test: "HR/Recruiting bot", made in the full-screen UI, was
/// taken for a path by every command.
#[test]
fn a_system_name_with_a_slash_works_on_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved(dir.path(), "HR/Recruiting bot", &chat_answers(), &[]);

    let output = aiact(dir.path(), &["show", "HR/Recruiting bot"]);
    assert_success(&output);
    assert!(stdout(&output).contains("HR/Recruiting bot"));

    let output = aiact_with_input(dir.path(), &["ask", "hr/recruiting bot"], "quit\n");
    assert!(
        stdout(&output).contains("Continuing \"HR/Recruiting bot\""),
        "{}\n{}",
        stdout(&output),
        stderr(&output)
    );

    let output = aiact(
        dir.path(),
        &["rename", "HR/Recruiting bot", "HR/Hiring bot"],
    );
    assert_success(&output);
    assert!(!path.exists());
    assert!(dir.path().join("assessments/hr-hiring-bot.json").is_file());

    // A new name with a slash starts a new assessment...
    let output = aiact_with_input(dir.path(), &["ask", "Sales/Lead scorer"], "\n\nquit\n");
    assert!(
        stdout(&output).contains("New assessment \"Sales/Lead scorer\""),
        "{}\n{}",
        stdout(&output),
        stderr(&output)
    );
    assert!(
        dir.path()
            .join("assessments/sales-lead-scorer.json")
            .is_file()
    );
    // ...but one that can only be a path is an error that says so.
    for missing in ["./nowhere/x.json", "/no/such/dir/assessment"] {
        let output = aiact_with_input(dir.path(), &["ask", missing], "\n\nquit\n");
        assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
        assert_contains(
            &stderr(&output),
            &format!("{missing}: the file does not exist"),
        );
    }
    assert_eq!(
        std::fs::read_dir(dir.path().join("assessments"))
            .expect("dir")
            .count(),
        2,
        "nothing created"
    );
    let output = aiact(dir.path(), &["show", "/tmp/nope/nope.json"]);
    assert_eq!(
        stderr(&output).trim(),
        format!(
            "aiact: /tmp/nope/nope.json: the file does not exist, and no assessment in {} has that name",
            dir.path().join("assessments").display()
        )
    );
}

/// Usability test: `aiact show x | head` printed "Broken pipe (os error 32)".
#[test]
fn a_reader_that_goes_away_ends_printing_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    saved(dir.path(), "Chat Widget", &chat_answers(), &[]);
    let commands: [&[&str]; 6] = [
        &["show", "chat-widget"],
        &["export", "chat-widget"],
        &["list"],
        &["summary"],
        &["questionnaire", "graph"],
        &["completions", "bash"],
    ];
    for args in commands {
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader); // gone before the first line is written
        let output = run::aiact_in(dir.path())
            .arg("--questionnaire")
            .arg(toy_path())
            .args(args)
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .expect("the binary runs");
        assert_eq!(stderr(&output), "", "{args:?}");
        assert_eq!(output.status.code(), Some(0), "{args:?}");
    }
}

/// Usability test: `aiact list` gave times without a time zone.
#[test]
fn list_times_name_their_time_zone() {
    let dir = tempfile::tempdir().expect("temp dir");
    saved(dir.path(), "Chat Widget", &chat_answers(), &[]);
    let text = stdout(&aiact(dir.path(), &["list"]));
    let line = text
        .lines()
        .find(|line| line.contains("Chat Widget"))
        .expect("listed");
    let (_, saved) = line.split_once(", saved ").expect("a time");
    assert!(saved.ends_with(" UTC"), "TZ=UTC: {line}");
}

/// Usability test: an answer that does not fit ("None of these" with
/// another option) reprinted the whole question.
#[test]
fn ask_explains_a_combination_that_does_not_fit_in_one_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = ["Combo", "", "", "y", "1 3", "none of these", "quit"]
        .map(|line| format!("{line}\n"))
        .concat();
    let output = aiact_with_input(dir.path(), &["ask"], &input);
    let text = stdout(&output);
    assert_contains(
        &text,
        "> 1 3\nNot accepted: \"None of these\" cannot be combined with other options.\n> none of these\n",
    );
    assert_eq!(
        text.matches("We build it and sell it").count(),
        1,
        "the question is not shown again: {text}"
    );
    let saved = read_json(&dir.path().join("assessments/combo.json"));
    assert_eq!(saved["answers"]["role"]["value"], json!(["none"]));
}

/// Usability test: opening an exported report gave format jargon.
#[test]
fn an_exported_report_is_named_as_such() {
    let dir = tempfile::tempdir().expect("temp dir");
    saved(dir.path(), "Chat Widget", &chat_answers(), &[]);
    let report = dir.path().join("report.json");
    let output = aiact(
        dir.path(),
        &[
            "export",
            "chat-widget",
            "--format",
            "json",
            "-o",
            report.to_str().expect("utf-8"),
        ],
    );
    assert_success(&output);
    for command in ["show", "evaluate", "ask"] {
        let output = aiact(dir.path(), &[command, report.to_str().expect("utf-8")]);
        assert_eq!(output.status.code(), Some(1), "{command}");
        assert_eq!(
            stderr(&output).trim(),
            format!(
                "aiact: {}: this is an exported report, not an assessment: open the assessment it was made from",
                report.display()
            ),
            "{command}"
        );
    }
}

#[test]
fn list_says_when_a_result_is_provisional() {
    let dir = tempfile::tempdir().expect("temp dir");
    saved(
        dir.path(),
        "Unsure Screener",
        &json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "not_sure", "profiling": "no", "on_market": "no"}),
        &[],
    );
    saved(dir.path(), "Chat Widget", &chat_answers(), &[]);
    let text = stdout(&aiact(dir.path(), &["list"]));
    assert_contains(&text, "High-risk (provisional)");
    assert!(!text.contains("duties (provisional)"), "{text}");
    let json: Value =
        serde_json::from_str(&stdout(&aiact(dir.path(), &["list", "--json"]))).expect("json");
    let provisional: Vec<(&str, bool)> = json
        .as_array()
        .expect("array")
        .iter()
        .map(|entry| {
            (
                entry["system_name"].as_str().unwrap_or_default(),
                entry["tier_provisional"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    assert!(provisional.contains(&("Unsure Screener", true)), "{json}");
    assert!(provisional.contains(&("Chat Widget", false)), "{json}");
}
