//! Scenario tests for the shipped questionnaire: realistic products with
//! their answers and the verdict the law gives them (`tests/scenarios/*.json`).
//!
//! Each scenario is walked like a user would: from the first question, taking
//! the scenario's answer to each question asked. A question asked but not
//! answered, or an answer to a question never asked, fails the scenario: the
//! scenario then describes a path the questionnaire does not take.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aiact_core::turns_on::{Burden, Call, DecisiveAnswer, Outlook, decisive_answers};
use aiact_core::verdict::Status;
use aiact_core::{AnswerValue, Assessment, Command, Evaluation, Questionnaire, Verdict};
use jiff::civil::{Date, date};
use serde::Deserialize;

#[path = "support/median.rs"]
mod median;

use median::median;

/// The issue asks for at least 60 scenarios; an emptied folder must fail.
const MIN_SCENARIOS: usize = 60;
/// Issue 12 asks for at least 10 that say what their result turns on.
const MIN_DECISIVE_SCENARIOS: usize = 10;
/// Issue 16: each wrong verdict and wrong or missing duty of 1.4.1 (twelve
/// of them; the three wording items are checked in tests/content_wording.rs)
/// has a scenario that fails on 1.4.1.
const MIN_WRONG_IN_1_4_1: usize = 12;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    name: String,
    description: String,
    source: String,
    today: Option<Date>,
    answers: BTreeMap<String, AnswerValue>,
    expect: Expect,
    /// A verdict questionnaire 1.4.1 got wrong (issue 16): the same product
    /// answered with the questions of 1.4.1 must contradict `expect` there.
    wrong_in_1_4_1: Option<WrongIn141>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WrongIn141 {
    /// What 1.4.1 got wrong, in a sentence.
    why: String,
    answers: BTreeMap<String, AnswerValue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    tier: String,
    tier_status: Option<Status>,
    #[serde(default = "complete_by_default")]
    complete: bool,
    #[serde(default)]
    findings: Vec<String>,
    #[serde(default)]
    provisional: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    obligations: Vec<String>,
    #[serde(default)]
    absent_obligations: Vec<String>,
    /// Duties of others the verdict lists (obligation ids), and some it
    /// must not list.
    #[serde(default)]
    others: Vec<String>,
    #[serde(default)]
    absent_others: Vec<String>,
    possible_tiers: Option<Vec<String>>,
    max_questions: Option<usize>,
    /// Obligation id → the milestone its date must come from.
    #[serde(default)]
    obligation_dates: BTreeMap<String, String>,
    /// Answers the result turns on (issue 12), with what another answer
    /// would make it.
    #[serde(default)]
    decisive: Vec<ExpectDecisive>,
    /// Answered questions the result does not turn on.
    #[serde(default)]
    not_decisive: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectDecisive {
    question: String,
    /// Another answer that changes the result ...
    #[serde(rename = "if")]
    other: Option<AnswerValue>,
    /// ... to this tier ...
    tier: Option<String>,
    /// ... for sure (`would`) or depending on questions it opens ...
    outlook: Option<Outlook>,
    /// ... asking more or less of the user ...
    burden: Option<Burden>,
    /// ... and the reports list it as an answer to check (those that ask
    /// more, or settle a "not sure"), or not.
    checked: Option<bool>,
    /// Whose call the answer given is: `not_sure`, `hard_call` or `fact`.
    call: Option<Call>,
}

fn complete_by_default() -> bool {
    true
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scenario_files() -> Vec<PathBuf> {
    let dir = root().join("tests/scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Walks the questionnaire with the given answers; returns the ids of the
/// questions asked, and the assessment at the end.
fn walk(
    q: &Arc<Questionnaire>,
    answers: &BTreeMap<String, AnswerValue>,
    complete: bool,
    today: Date,
    problems: &mut Vec<String>,
) -> (Vec<String>, Assessment) {
    let mut assessment = Assessment::start(Arc::clone(q), today);
    let mut asked = Vec::new();
    // Every step answers or skips a question further down the list, so the
    // walk ends; the bound only guards against a bug in the assessment.
    for _ in 0..=q.questions().len() {
        let Some(question) = assessment.current().cloned() else {
            break;
        };
        if asked.contains(&question.id) {
            problems.push(format!("question `{}` asked twice", question.id));
            break;
        }
        asked.push(question.id.clone());
        let command = match answers.get(&question.id) {
            Some(value) => Command::Answer {
                question: question.id.clone(),
                value: value.clone(),
            },
            None if question.optional => Command::Skip,
            None if !complete => {
                asked.pop();
                break;
            }
            None => {
                problems.push(format!(
                    "question `{}` is asked but the scenario has no answer for it: \"{}\"",
                    question.id, question.text
                ));
                break;
            }
        };
        if let Err(problem) = assessment.apply(command) {
            problems.push(format!("answer to `{}`: {problem}", question.id));
            break;
        }
    }
    for id in answers.keys() {
        if !asked.contains(id) {
            problems.push(format!(
                "the answer to `{id}` is never asked for on this path"
            ));
        }
    }
    (asked, assessment)
}

fn check(q: &Arc<Questionnaire>, scenario: &Scenario) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let expect = &scenario.expect;
    let today = scenario.today.unwrap_or(date(2026, 11, 23));
    let (asked, assessment) = walk(q, &scenario.answers, expect.complete, today, &mut problems);
    problems.extend(compare(q, assessment.verdict(), expect));
    if !expect.decisive.is_empty() || !expect.not_decisive.is_empty() {
        let evaluation = Evaluation::new(q, assessment.answers());
        check_decisive(&decisive_answers(&evaluation, today), expect, &mut problems);
    }
    if let Some(max) = expect.max_questions
        && asked.len() > max
    {
        problems.push(format!(
            "{} questions asked, at most {max} expected",
            asked.len()
        ));
    }
    (problems, asked.len())
}

/// Where a verdict differs from what the scenario expects.
fn compare(q: &Questionnaire, verdict: &Verdict, expect: &Expect) -> Vec<String> {
    let mut problems = Vec::new();
    // Expectations must name things that exist, or they pass vacuously.
    let unknown = |kind: &str, ids: &[String], exists: &dyn Fn(&str) -> bool| -> Vec<String> {
        ids.iter()
            .filter(|id| !exists(id))
            .map(|id| format!("expectation names unknown {kind} `{id}`"))
            .collect()
    };
    // Internal findings never show in a verdict: expecting one proves nothing.
    let finding_exists = |id: &str| q.finding(id).is_some_and(|f| !f.internal);
    let obligation_exists = |id: &str| q.obligations().iter().any(|o| o.id == id);
    problems.extend(unknown("tier", std::slice::from_ref(&expect.tier), &|id| {
        q.tier(id).is_some()
    }));
    for list in [&expect.findings, &expect.provisional, &expect.absent] {
        problems.extend(unknown("finding", list, &finding_exists));
    }
    problems.extend(unknown("role", &expect.roles, &|id| q.role(id).is_some()));
    let dated: Vec<String> = expect.obligation_dates.keys().cloned().collect();
    for list in [
        &expect.obligations,
        &expect.absent_obligations,
        &dated,
        &expect.others,
        &expect.absent_others,
    ] {
        problems.extend(unknown("obligation", list, &obligation_exists));
    }
    let milestones: Vec<String> = expect.obligation_dates.values().cloned().collect();
    problems.extend(unknown("milestone", &milestones, &|id| {
        q.milestone(id).is_some()
    }));

    if verdict.tier.id != expect.tier {
        problems.push(format!(
            "tier is `{}`, expected `{}`",
            verdict.tier.id, expect.tier
        ));
    }
    if let Some(status) = expect.tier_status
        && verdict.tier_status != status
    {
        problems.push(format!(
            "tier status is {:?}, expected {status:?}",
            verdict.tier_status
        ));
    }
    if verdict.complete != expect.complete {
        let missing: Vec<&str> = verdict.missing.iter().map(|m| m.id.as_str()).collect();
        problems.push(format!(
            "complete is {}, expected {} (missing: {missing:?})",
            verdict.complete, expect.complete
        ));
    }
    let status_of = |id: &str| verdict.finding(id).map(|f| f.status);
    for id in &expect.findings {
        if status_of(id) != Some(Status::Holds) {
            problems.push(format!(
                "finding `{id}` should hold, is {:?}",
                status_of(id)
            ));
        }
    }
    for id in &expect.provisional {
        if status_of(id) != Some(Status::Provisional) {
            problems.push(format!(
                "finding `{id}` should be provisional, is {:?}",
                status_of(id)
            ));
        }
    }
    for id in &expect.absent {
        if let Some(status) = status_of(id) {
            problems.push(format!("finding `{id}` should be absent, is {status:?}"));
        }
    }
    for id in &expect.roles {
        if !verdict.has_role(id) {
            problems.push(format!("role `{id}` should hold"));
        }
    }
    for id in &expect.obligations {
        if verdict.obligation(id).is_none() {
            problems.push(format!("obligation `{id}` should be in the verdict"));
        }
    }
    for id in &expect.absent_obligations {
        if verdict.obligation(id).is_some() {
            problems.push(format!("obligation `{id}` should not be in the verdict"));
        }
    }
    let listed_for_others = |id: &str| verdict.others.iter().any(|duty| duty.obligation == id);
    for id in &expect.others {
        if !listed_for_others(id) {
            problems.push(format!("duty of others `{id}` should be listed"));
        }
    }
    for id in &expect.absent_others {
        if listed_for_others(id) {
            problems.push(format!("duty of others `{id}` should not be listed"));
        }
    }
    for (id, milestone) in &expect.obligation_dates {
        match verdict.obligation(id) {
            None => problems.push(format!(
                "obligation `{id}` should be dated, but is not in the verdict"
            )),
            Some(o) if o.applies.milestone.id != *milestone => problems.push(format!(
                "obligation `{id}` applies from `{}` ({}), expected `{milestone}`",
                o.applies.milestone.id, o.applies.milestone.date
            )),
            Some(_) => {}
        }
    }
    if let Some(expected) = &expect.possible_tiers {
        let actual: Vec<&str> = verdict
            .possible_tiers
            .iter()
            .map(|p| p.tier.id.as_str())
            .collect();
        if actual != *expected {
            problems.push(format!(
                "possible tiers are {actual:?}, expected {expected:?}"
            ));
        }
    }
    problems
}

/// The same product answered with the questions of 1.4.1: the walk must
/// be a real 1.4.1 path, and its verdict must contradict the expectation
/// (a finding or duty 1.4.1 has no id for counts as missing there; one the
/// scenario expects absent and 1.4.1 does not know, as absent).
fn check_wrong_in_1_4_1(old: &Arc<Questionnaire>, scenario: &Scenario) -> Vec<String> {
    let Some(wrong) = &scenario.wrong_in_1_4_1 else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    if wrong.why.trim().is_empty() {
        problems.push("`wrong_in_1_4_1.why` is empty".to_owned());
    }
    let today = scenario.today.unwrap_or(date(2026, 11, 23));
    let (_, assessment) = walk(old, &wrong.answers, true, today, &mut problems);
    if !problems.is_empty() {
        return problems
            .into_iter()
            .map(|p| format!("1.4.1 answers: {p}"))
            .collect();
    }
    let verdict = assessment.verdict();
    let known_finding = |id: &String| old.finding(id).is_some();
    let known_obligation = |id: &String| old.obligations().iter().any(|o| o.id == *id);
    let expect = &scenario.expect;
    let in_old = Expect {
        tier: expect.tier.clone(),
        tier_status: expect.tier_status,
        complete: expect.complete,
        findings: expect.findings.clone(),
        provisional: expect.provisional.clone(),
        absent: expect
            .absent
            .iter()
            .filter(|id| known_finding(id))
            .cloned()
            .collect(),
        roles: expect.roles.clone(),
        obligations: expect.obligations.clone(),
        absent_obligations: expect
            .absent_obligations
            .iter()
            .filter(|id| known_obligation(id))
            .cloned()
            .collect(),
        others: Vec::new(),
        absent_others: Vec::new(),
        possible_tiers: expect.possible_tiers.clone(),
        max_questions: None,
        obligation_dates: expect.obligation_dates.clone(),
        decisive: Vec::new(),
        not_decisive: Vec::new(),
    };
    if compare(old, verdict, &in_old).is_empty() {
        vec![format!(
            "gets the expected verdict with the 1.4.1 answers too: `wrong_in_1_4_1` proves nothing ({})",
            wrong.why
        )]
    } else {
        Vec::new()
    }
}

fn check_decisive(items: &[DecisiveAnswer], expect: &Expect, problems: &mut Vec<String>) {
    let listed: Vec<&str> = items.iter().map(|item| item.question.as_str()).collect();
    for id in &expect.not_decisive {
        if listed.contains(&id.as_str()) {
            problems.push(format!("the result should not turn on `{id}`"));
        }
    }
    for wanted in &expect.decisive {
        let Some(item) = items.iter().find(|item| item.question == wanted.question) else {
            problems.push(format!(
                "the result should turn on `{}`; it turns on {listed:?}",
                wanted.question
            ));
            continue;
        };
        if let Some(call) = wanted.call
            && item.call != call
        {
            problems.push(format!(
                "`{}`: the answer given is a {:?}, expected {call:?}",
                wanted.question, item.call
            ));
        }
        let Some(other) = &wanted.other else {
            continue;
        };
        let Some(alternative) = item
            .alternatives
            .iter()
            .find(|a| a.answers.iter().any(|answer| answer.answer == *other))
        else {
            problems.push(format!(
                "`{}`: answering {other:?} should change the result; the answers that do: {:?}",
                wanted.question,
                item.alternatives
                    .iter()
                    .flat_map(|a| a.answers.iter().map(|answer| &answer.answer))
                    .collect::<Vec<_>>()
            ));
            continue;
        };
        if let Some(tier) = &wanted.tier
            && alternative.tier.id != *tier
        {
            problems.push(format!(
                "`{}` = {other:?}: the tier would be `{}`, expected `{tier}`",
                wanted.question, alternative.tier.id
            ));
        }
        if let Some(outlook) = wanted.outlook
            && alternative.outlook != outlook
        {
            problems.push(format!(
                "`{}` = {other:?}: {:?}, expected {outlook:?}",
                wanted.question, alternative.outlook
            ));
        }
        if let Some(burden) = wanted.burden
            && alternative.burden != burden
        {
            problems.push(format!(
                "`{}` = {other:?}: asks {:?}, expected {burden:?}",
                wanted.question, alternative.burden
            ));
        }
        let checked = alternative.worth_checking(item.call);
        if let Some(wanted_checked) = wanted.checked
            && checked != wanted_checked
        {
            problems.push(format!(
                "`{}` = {other:?}: {} the reports' answers to check, expected {}",
                wanted.question,
                if checked { "among" } else { "not among" },
                if wanted_checked { "among" } else { "not" }
            ));
        }
    }
}

fn load(path: &Path) -> Result<Scenario, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let scenario: Scenario = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    for (field, value) in [
        ("name", &scenario.name),
        ("description", &scenario.description),
        ("source", &scenario.source),
    ] {
        if value.trim().is_empty() {
            return Err(format!("`{field}` is empty"));
        }
    }
    Ok(scenario)
}

fn shipped() -> Arc<Questionnaire> {
    let questionnaire_path = root().join("questionnaires/eu-ai-act.json");
    Arc::new(Questionnaire::load(&questionnaire_path).unwrap_or_else(|e| panic!("{e}")))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// Questions asked on a scenario's path, with what the figures of issue 14
/// need to know about it.
struct Count {
    asked: usize,
    tier: String,
    not_sure: bool,
}

#[test]
fn every_scenario_gets_the_verdict_the_law_gives_it() {
    let q = shipped();
    let old = Arc::new(
        Questionnaire::load(&root().join("tests/fixtures/eu-ai-act-1.4.1.json"))
            .unwrap_or_else(|e| panic!("{e}")),
    );
    let files = scenario_files();
    assert!(
        files.len() >= MIN_SCENARIOS,
        "{} scenarios, at least {MIN_SCENARIOS} expected",
        files.len()
    );
    let mut failures = Vec::new();
    let mut with_decisive = 0;
    let mut wrong_before = 0;
    let mut counts = Vec::new();
    for file in &files {
        let name = file_name(file);
        match load(file) {
            Err(error) => failures.push(format!("{name}: {error}")),
            Ok(scenario) => {
                if !scenario.expect.decisive.is_empty() {
                    with_decisive += 1;
                }
                let (mut problems, asked) = check(&q, &scenario);
                if scenario.wrong_in_1_4_1.is_some() {
                    wrong_before += 1;
                    problems.extend(check_wrong_in_1_4_1(&old, &scenario));
                }
                println!(
                    "{name}: {asked} questions, {}",
                    if problems.is_empty() { "ok" } else { "FAILED" }
                );
                failures.extend(problems.into_iter().map(|p| format!("{name}: {p}")));
                if scenario.expect.complete {
                    counts.push(Count {
                        asked,
                        tier: scenario.expect.tier.clone(),
                        not_sure: scenario
                            .answers
                            .values()
                            .any(|v| matches!(v, AnswerValue::Text(t) if t == "not_sure")),
                    });
                }
            }
        }
    }
    assert!(
        with_decisive >= MIN_DECISIVE_SCENARIOS,
        "{with_decisive} scenarios say what their result turns on, at least {MIN_DECISIVE_SCENARIOS} expected"
    );
    assert!(
        wrong_before >= MIN_WRONG_IN_1_4_1,
        "{wrong_before} scenarios show a verdict 1.4.1 got wrong, at least {MIN_WRONG_IN_1_4_1} expected"
    );
    failures.extend(question_count_targets(&counts));
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The question counts of issue 14 over the finished scenarios: median at
/// most 11, never more than 18, and a minimal-risk product whose founder
/// answers every question at most 12. A "not sure" on a screening question
/// opens its follow-ups on purpose; those paths are printed apart.
fn question_count_targets(counts: &[Count]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut all: Vec<usize> = counts.iter().map(|c| c.asked).collect();
    let max = all.iter().copied().max().unwrap_or(0);
    let median_all = median(&mut all);
    let minimal = |not_sure: bool| -> Vec<usize> {
        counts
            .iter()
            .filter(|c| c.tier == "minimal_risk" && c.not_sure == not_sure)
            .map(|c| c.asked)
            .collect()
    };
    let minimal_sure = minimal(false).into_iter().max().unwrap_or(0);
    let minimal_unsure = minimal(true).into_iter().max().unwrap_or(0);
    println!(
        "question counts over {} finished scenarios: median {median_all}, at most {max}; minimal risk at most {minimal_sure} ({minimal_unsure} with a \"not sure\" answer)",
        counts.len()
    );
    let mut tiers: Vec<&str> = counts.iter().map(|c| c.tier.as_str()).collect();
    tiers.sort_unstable();
    tiers.dedup();
    for tier in tiers {
        let mut of_tier: Vec<usize> = counts
            .iter()
            .filter(|c| c.tier == tier)
            .map(|c| c.asked)
            .collect();
        let most = of_tier.iter().copied().max().unwrap_or(0);
        println!(
            "  {tier}: {} scenarios, median {}, at most {most}",
            of_tier.len(),
            median(&mut of_tier)
        );
    }
    if median_all > 11.0 {
        problems.push(format!(
            "median {median_all} questions, at most 11 expected"
        ));
    }
    if max > 18 {
        problems.push(format!("{max} questions on one path, at most 18 expected"));
    }
    if minimal_sure > 12 {
        problems.push(format!(
            "a minimal-risk product asks {minimal_sure} questions, at most 12 expected"
        ));
    }
    problems
}

/// Issue 14: every finding the verdict can show and every obligation is
/// asserted by at least one scenario (as holding, provisional, in the
/// verdict, or with its date), so none can change unnoticed.
#[test]
fn every_finding_and_obligation_is_asserted_by_a_scenario() {
    let q = shipped();
    let mut asserted = std::collections::BTreeSet::new();
    for file in scenario_files() {
        let scenario = load(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let e = scenario.expect;
        asserted.extend(e.findings);
        asserted.extend(e.provisional);
        asserted.extend(e.obligations);
        asserted.extend(e.obligation_dates.into_keys());
    }
    let missing: Vec<String> = q
        .findings()
        .iter()
        .filter(|f| !f.internal && !asserted.contains(&f.id))
        .map(|f| format!("finding `{}`", f.id))
        .chain(
            q.obligations()
                .iter()
                .filter(|o| !asserted.contains(&o.id))
                .map(|o| format!("obligation `{}`", o.id)),
        )
        .collect();
    assert!(
        missing.is_empty(),
        "no scenario asserts:\n{}",
        missing.join("\n")
    );
}
