//! Walking a questionnaire as a user does, with given or random answers:
//! for the tests of questions not needed (issue 14), on the shipped
//! questionnaire (`tests/question_counts.rs`) and on the core's fixture
//! (`crates/aiact-core/tests/needed.rs`).

use aiact_core::model::{Question, QuestionKind};
use aiact_core::verdict::Status;
use aiact_core::{AnswerValue, Answers, Applicability, Evaluation, Questionnaire, Verdict};
use jiff::civil::{Date, date};

use crate::random::Random;

/// Walks a questionnaire as a user does, in asking order: each question
/// asked gets its answer from `answer` (`None`: an optional question left
/// out, or, for a required one, the walk stops there). Returns the
/// questions asked and the answers given.
pub fn walk(
    q: &Questionnaire,
    mut answers: Answers,
    mut answer: impl FnMut(&Question) -> Option<AnswerValue>,
) -> (Vec<String>, Answers) {
    let mut asked: Vec<String> = Vec::new();
    let mut after = None;
    loop {
        let next = {
            let evaluation = Evaluation::new(q, &answers);
            evaluation
                .next_unanswered_after(after)
                .or_else(|| evaluation.missing().first().copied())
                .cloned()
        };
        let Some(question) = next else { break };
        if asked.contains(&question.id) {
            break; // the walk ends where a user would go round
        }
        asked.push(question.id.clone());
        match answer(&question) {
            Some(value) => answers
                .set(q, &question.id, &value)
                .unwrap_or_else(|e| panic!("{e}")),
            None if question.optional => {}
            None => break,
        }
        after = q.question_position(&question.id);
    }
    (asked, answers)
}

fn pick<'a>(random: &mut Random, from: &[&'a str]) -> &'a str {
    from[random.below(from.len() as u64) as usize]
}

/// A random admissible answer, "not sure" now and then.
pub fn random_answer(question: &Question, random: &mut Random) -> Option<AnswerValue> {
    let text = |s: &str| Some(AnswerValue::Text(s.to_owned()));
    if question.allow_not_sure && random.below(6) == 0 {
        return text("not_sure");
    }
    let options: Vec<&str> = question.option_ids().collect();
    match question.kind {
        QuestionKind::YesNo | QuestionKind::SingleChoice => text(pick(random, &options)),
        QuestionKind::MultiChoice => {
            let option = pick(random, &options);
            let exclusive = |id: &str| question.option(id).is_some_and(|o| o.exclusive);
            let mut ticked = vec![option.to_owned()];
            if !exclusive(option) {
                let more: Vec<&str> = options.iter().copied().filter(|&o| !exclusive(o)).collect();
                ticked.push(pick(random, &more).to_owned());
                ticked.sort();
                ticked.dedup();
            }
            Some(AnswerValue::List(ticked))
        }
        QuestionKind::Number => {
            // Powers of ten across the thresholds a number is compared with.
            let exponent = random.below(28) as i32;
            let mut value = 10f64.powi(exponent);
            if let Some(min) = question.min {
                value = value.max(min);
            }
            if let Some(max) = question.max {
                value = value.min(max);
            }
            Some(AnswerValue::Number(value))
        }
        QuestionKind::Text => None,
    }
}

/// What a founder sees of a verdict: the headline, the findings, roles and
/// obligations with their status, what each obligation hangs off, and its
/// dates. (The answers quoted as reasons are left out: an answer that does
/// not count is not quoted.)
#[derive(Debug, PartialEq)]
pub struct Seen {
    pub complete: bool,
    pub tier: String,
    tier_status: Status,
    possible_tiers: Vec<String>,
    findings: Vec<(String, Status)>,
    roles: Vec<(String, Status)>,
    obligations: Vec<SeenObligation>,
}

/// An obligation as a founder sees it: its status, the findings and roles
/// it hangs off, the milestone it applies from and the dates that might
/// apply instead.
#[derive(Debug, PartialEq)]
struct SeenObligation {
    id: String,
    status: Status,
    findings: Vec<String>,
    roles: Vec<String>,
    applies: String,
    other_possible_dates: Vec<String>,
}

pub fn seen(q: &Questionnaire, answers: &Answers, today: Date) -> Seen {
    let verdict = Verdict::compute(q, answers, today);
    Seen {
        complete: verdict.complete,
        tier: verdict.tier.id,
        tier_status: verdict.tier_status,
        possible_tiers: verdict
            .possible_tiers
            .into_iter()
            .map(|p| p.tier.id)
            .collect(),
        findings: verdict
            .findings
            .into_iter()
            .map(|f| (f.id, f.status))
            .collect(),
        roles: verdict
            .roles
            .into_iter()
            .map(|r| (r.id, r.status))
            .collect(),
        obligations: verdict
            .obligations
            .into_iter()
            .map(|o| SeenObligation {
                id: o.id,
                status: o.status,
                findings: o.findings,
                roles: o.roles,
                applies: o.applies.milestone.id,
                other_possible_dates: o.other_possible_dates.into_iter().map(|m| m.id).collect(),
            })
            .collect(),
    }
}

/// Random walks through `marked` (questions marked `skip_if_not_needed`),
/// each then completed in `unmarked` (the same content without the marks):
/// the questions left out are answered at random, and what they open. The
/// verdict must be the one the walk had, and the answers to the questions
/// left out must not count in `marked`. Returns how many walks left a
/// question out, and the problems found.
pub fn answer_what_was_left_out(
    marked: &Questionnaire,
    unmarked: &Questionnaire,
    walks: u64,
) -> (u64, Vec<String>) {
    let today = date(2026, 11, 23);
    let mut left_out = 0;
    let mut problems = Vec::new();
    for seed in 1..=walks {
        let mut random = Random(seed * 0x9E37_79B9 + 1);
        let (_, answers) = walk(marked, Answers::new(), |question| {
            random_answer(question, &mut random)
        });
        let result = seen(marked, &answers, today);
        let evaluation = Evaluation::new(marked, &answers);
        let questions = marked.questions().len();
        if (0..questions).any(|p| evaluation.applicability(p) == Applicability::NotNeeded) {
            left_out += 1;
        }
        let (asked, completed) = walk(unmarked, answers.clone(), |question| {
            random_answer(question, &mut random)
        });
        if result.complete && seen(unmarked, &completed, today) != result {
            problems.push(format!(
                "seed {seed}: answering {asked:?} changes the verdict"
            ));
        }
        if seen(marked, &completed, today) != result {
            problems.push(format!(
                "seed {seed}: the answers to {asked:?}, not needed, count"
            ));
        }
    }
    (left_out, problems)
}
