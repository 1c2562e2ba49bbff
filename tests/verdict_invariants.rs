//! The invariants of issue 13 ("one coherent verdict a founder can act
//! on") over seeded random answer paths, on the outcome fixture (a small
//! made-up act with every verdict annotation) and on the shipped
//! questionnaire:
//!
//! - I1: the headline never says "no requirements beyond AI literacy"
//!   while another duty holds; every duty is counted once (baseline,
//!   under the result, or under another tier);
//! - I2: no verdict with a certain ban lists or promises high-risk duties;
//! - I3: every date shown is reached by some settling of the "not sure"
//!   answers (the test's own enumeration, not the verdict's), and so is
//!   every provisional duty;
//! - I4: every duty a shown finding's text gives another actor is listed;
//! - I5: a firm headline is firm (no exemption possible, every gate holds);
//! - I6: no orphan promise (another tier is listed only with duties, a
//!   context finding never says "this applies to you", the headline
//!   names no count of duties that no settling of the "not sure" gives);
//! - I7: a look-ahead looks past "for now" only, once;
//! - I8: the headline's sentence never states as fact a qualifier that
//!   rests on an answer the user was not sure of;
//! - I9: a duty the plan lists under a settling of a "not sure" answer is
//!   not listed again under the hold;
//! - I10: a date the headline gives for duties to come (from it, by it at
//!   the latest, not before it) has not passed.
//!
//! Seeds are deterministic; a failure names its seed and prints the answers
//! as a file for `aiact evaluate`. `AIACT_WALKS` sets the number of walks.
//!
//! The invariants run three times: on the fixture, every one; on the
//! shipped questionnaire (2.0.0, which carries its verdict annotations),
//! every one, with the content lint (no text promises duties "below", a
//! text that gives another actor a duty names it in `mentions`) and the
//! coverage of qualifiers, gates and the look-ahead; and on the shipped
//! questionnaire with its annotations taken out, those that hold by the
//! rule's fallbacks (I1, I2 on what is listed and what context findings
//! say, I3, I5, I6: I2's texts and I4 need `mentions`), so that a
//! questionnaire without annotations stays coherent too. No content point
//! of the shipped file is left aside.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use aiact_core::model::{
    Condition, Obligation, ObligationKind, QualifierKind, Question, QuestionKind,
};
use aiact_core::outcome::{DutyState, FindingRole};
use aiact_core::verdict::{SettlingCheck, Status};
use aiact_core::{Answer, AnswerValue, Answers, Evaluation, Questionnaire, Truth, Verdict};
use jiff::civil::{Date, date};

#[path = "support/random.rs"]
mod random;

use random::Random;

/// Walks per questionnaire by default.
const WALKS: u64 = 4000;

/// The verdict dates, in turn: before the ban of 2 December 2026, today
/// in the notes, after the listed-use date, after 2 August 2030.
const DATES: [Date; 4] = [
    date(2026, 11, 1),
    date(2026, 12, 6),
    date(2027, 12, 3),
    date(2030, 8, 3),
];

/// Settled answers tried at most to tell whether one date is reachable.
const MAX_SETTLINGS: usize = 4096;

const HIGH_RISK: &str = "high_risk";

/// Every kind of qualifier, as the JSON spells it.
const QUALIFIER_KINDS: &[&str] = &[
    "exemption",
    "hold",
    "deadline",
    "from_change",
    "for_now",
    "partial",
];

/// Texts that tell the user more is listed below.
const PROMISES_BELOW: &[&str] = &["set out below", "shown below", "duties below"];

/// Texts that give a duty to another actor in the chain.
const OTHERS_DUTY_PHRASES: &[&str] = &[
    "must be informed",
    "their duty",
    "provider's duty",
    "deployer's duty",
    "your customers",
    "your provider",
    "the provider must",
    "deployers must",
    "As provider you must",
];

fn walks() -> u64 {
    std::env::var("AIACT_WALKS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(WALKS)
}

fn load(relative: &str) -> Questionnaire {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    Questionnaire::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// An answer to a question: uniform walks like a careless user,
/// focused ones towards the answers that open questions (and so reach the
/// rare paths: an exemption, a transition, a look-ahead).
fn pick(question: &Question, rng: &mut Random, focused: bool) -> AnswerValue {
    let chance = |rng: &mut Random, percent: u64| rng.below(100) < percent;
    let unsure = if focused { 8 } else { 15 };
    if question.allow_not_sure && chance(rng, unsure) {
        return AnswerValue::Text("not_sure".to_owned());
    }
    match question.kind {
        QuestionKind::YesNo => {
            let yes = if focused { 65 } else { 50 };
            AnswerValue::Text(if chance(rng, yes) { "yes" } else { "no" }.to_owned())
        }
        QuestionKind::SingleChoice => {
            let option = &question.options[rng.below(question.options.len() as u64) as usize];
            AnswerValue::Text(option.id.clone())
        }
        QuestionKind::MultiChoice => {
            let (exclusive, others): (Vec<_>, Vec<_>) =
                question.options.iter().partition(|o| o.exclusive);
            let alone = if focused { 30 } else { 35 };
            if !exclusive.is_empty() && (others.is_empty() || chance(rng, alone)) {
                let option = exclusive[rng.below(exclusive.len() as u64) as usize];
                return AnswerValue::List(vec![option.id.clone()]);
            }
            let tick = if focused { 20 } else { 30 };
            let mut chosen: Vec<String> = others
                .iter()
                .filter(|_| chance(rng, tick))
                .map(|o| o.id.clone())
                .collect();
            if chosen.is_empty() {
                chosen.push(others[rng.below(others.len() as u64) as usize].id.clone());
            }
            AnswerValue::List(chosen)
        }
        QuestionKind::Number => {
            let values = numbers(question);
            AnswerValue::Number(values[rng.below(values.len() as u64) as usize])
        }
        QuestionKind::Text => AnswerValue::Text("Notes.".to_owned()),
    }
}

/// Numbers a walk and a completion try: orders of magnitude around the
/// thresholds of training compute, within the question's bounds.
fn numbers(question: &Question) -> Vec<f64> {
    let mut values: Vec<f64> = [0.0, 1e20, 1e22, 1e23, 5e23, 1e24, 5e24, 1e25, 2e25, 1e26]
        .into_iter()
        .map(|n: f64| {
            let n = question.min.map_or(n, |min| n.max(min));
            question.max.map_or(n, |max| n.min(max))
        })
        .collect();
    values.dedup();
    values
}

/// A walk from the first question to a verdict; a focused walk then goes
/// on through a look-ahead's questions when one is offered.
fn walk(q: &Questionnaire, seed: u64) -> Answers {
    let mut rng = Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let focused = seed.is_multiple_of(2);
    let mut answers = Answers::new();
    let mut after: Option<usize> = None;
    for _ in 0..=q.questions().len() {
        let evaluation = Evaluation::new(q, &answers);
        let Some(question) = evaluation.next_unanswered_after(after).cloned() else {
            break;
        };
        let position = q.question_position(&question.id);
        if question.optional && rng.below(2) == 0 {
            after = position;
            continue;
        }
        let value = pick(&question, &mut rng, focused);
        answers
            .set(q, &question.id, &value)
            .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
    }
    if focused {
        for _ in 0..q.questions().len() {
            let verdict = Verdict::compute(q, &answers, DATES[0]);
            let Some(look_ahead) = verdict.look_ahead else {
                break;
            };
            let next = look_ahead
                .questions
                .iter()
                .find(|info| answers.get(&info.id).is_none());
            let Some(question) = next.and_then(|info| q.question(&info.id)) else {
                break;
            };
            let value = pick(question, &mut rng, true);
            answers
                .set(q, &question.id, &value)
                .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        }
    }
    answers
}

/// The answers on the path: what a settling starts from (an old answer to
/// a question off the path does not come back with it).
fn on_path(q: &Questionnaire, answers: &Answers) -> Answers {
    let evaluation = Evaluation::new(q, answers);
    let mut found = Answers::new();
    for position in evaluation.path() {
        if let Some(answer) = evaluation.effective_answer(position) {
            let id = &q.questions()[position].id;
            found
                .set(q, id, &answer.to_value())
                .expect("an answer that counts fits");
        }
    }
    found
}

/// The test's own answers to settle a question with: both of a yes/no,
/// every option of a single choice, every combination of up to three
/// options of a multiple choice (all of them for a short list) and each
/// exclusive option alone, the walk's numbers.
fn settling_values(question: &Question) -> Vec<AnswerValue> {
    let text = |id: &str| AnswerValue::Text(id.to_owned());
    match question.kind {
        QuestionKind::YesNo | QuestionKind::SingleChoice => {
            question.option_ids().map(text).collect()
        }
        QuestionKind::MultiChoice => {
            let (exclusive, others): (Vec<_>, Vec<_>) =
                question.options.iter().partition(|o| o.exclusive);
            let most = if others.len() <= 6 { others.len() } else { 3 };
            let mut values: Vec<AnswerValue> = (1u32..(1 << others.len().min(20)))
                .filter(|mask| mask.count_ones() as usize <= most)
                .map(|mask| {
                    let ticked = others
                        .iter()
                        .enumerate()
                        .filter(|(bit, _)| mask & (1 << bit) != 0)
                        .map(|(_, o)| o.id.clone())
                        .collect();
                    AnswerValue::List(ticked)
                })
                .collect();
            values.extend(
                exclusive
                    .iter()
                    .map(|o| AnswerValue::List(vec![o.id.clone()])),
            );
            values
        }
        QuestionKind::Number => numbers(question)
            .into_iter()
            .map(AnswerValue::Number)
            .collect(),
        QuestionKind::Text => vec![text("Notes.")],
    }
}

/// Whether some settling of the "not sure" answers (answering the
/// questions that opens the same way) makes `goal` true: searched with the
/// engine's three-valued truth (what is true or false with answers unknown
/// stays so once they are known), `None` if `budget` evaluations do not
/// tell.
fn reachable(
    q: &Questionnaire,
    answers: &Answers,
    goal: &dyn Fn(&Evaluation) -> Truth,
    budget: &mut usize,
) -> Option<bool> {
    let evaluation = Evaluation::new(q, answers);
    match goal(&evaluation) {
        Truth::True => return Some(true),
        Truth::False => return Some(false),
        Truth::Unknown => {}
    }
    let open = evaluation
        .path()
        .find(|&p| match evaluation.effective_answer(p) {
            Some(answer) => answer.is_not_sure(),
            None => !q.questions()[p].optional,
        });
    let question = &q.questions()[open?];
    let mut unknown = false;
    for value in settling_values(question) {
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        let mut next = answers.clone();
        if next.set(q, &question.id, &value).is_err() {
            continue;
        }
        match reachable(q, &next, goal, budget) {
            Some(true) => return Some(true),
            Some(false) => {}
            None => unknown = true,
        }
    }
    if unknown { None } else { Some(false) }
}

/// An obligation holds from a date, by the rules of the data: any of its
/// findings, any of its roles, its condition, and the first of its date
/// rules that holds gives that date.
fn obligation_from(evaluation: &Evaluation, obligation: &Obligation, date: Date) -> Truth {
    let q = evaluation.questionnaire();
    let any_of = |conditions: Vec<Condition>| {
        if conditions.is_empty() {
            Truth::True
        } else {
            conditions
                .iter()
                .fold(Truth::False, |acc, c| acc.or(evaluation.truth(c)))
        }
    };
    let mut truth = any_of(
        obligation
            .findings
            .iter()
            .cloned()
            .map(Condition::Finding)
            .collect(),
    )
    .and(any_of(
        obligation
            .roles
            .iter()
            .cloned()
            .map(Condition::Role)
            .collect(),
    ));
    if let Some(when) = &obligation.when {
        truth = truth.and(evaluation.truth(when));
    }
    let mut earlier_fail = Truth::True;
    let mut dated = Truth::False;
    for rule in &obligation.applies_from {
        let holds = rule
            .when
            .as_ref()
            .map_or(Truth::True, |c| evaluation.truth(c));
        let milestone_date = q.milestone(&rule.milestone).map(|m| m.date);
        if milestone_date == Some(date) {
            dated = dated.or(earlier_fail.and(holds));
        }
        earlier_fail = earlier_fail.and(!holds);
    }
    truth.and(dated)
}

/// What one walk's verdict looked like, for the coverage assertion.
#[derive(Default)]
struct Seen {
    states: BTreeMap<String, usize>,
    qualifiers: BTreeMap<String, usize>,
    roles: BTreeMap<String, usize>,
    look_aheads: usize,
    unsure_walks: usize,
    /// Walks whose reachability could not be told (by the verdict or the
    /// test), of which the verdict's own.
    too_many: usize,
    unsettled: usize,
}

impl Seen {
    fn add(&mut self, v: &Verdict) {
        *self
            .states
            .entry(name(&v.outcome.duties.state))
            .or_default() += 1;
        for qualifier in &v.outcome.qualifiers {
            *self.qualifiers.entry(name(&qualifier.kind)).or_default() += 1;
        }
        for finding in &v.findings {
            *self.roles.entry(name(&finding.role)).or_default() += 1;
        }
        if v.look_ahead.as_ref().is_some_and(|l| l.verdict.is_some()) {
            self.look_aheads += 1;
        }
    }
}

/// The name of a value as the JSON spells it ("on_hold").
fn name(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Which invariants a run checks.
#[derive(Clone, Copy)]
struct Strict {
    /// I2's texts and I4: they need the verdict annotations.
    annotated: bool,
}

fn duties(v: &Verdict) -> impl Iterator<Item = &aiact_core::verdict::ObligationResult> {
    v.obligations
        .iter()
        .filter(|o| o.kind == ObligationKind::Duty)
}

/// The tier a finding puts the system in or supports: its own, its
/// annotated basis's, or (without annotations) the tiered findings it is
/// a point of are not known to the test; their duties are checked instead.
fn supported_tier<'q>(q: &'q Questionnaire, finding: &str) -> Option<&'q str> {
    let finding = q.finding(finding)?;
    finding
        .basis
        .as_ref()
        .and_then(|basis| basis.tier.as_deref())
        .or(finding.tier.as_deref())
}

/// The sentence a headline says of a result without duties, in the
/// default tier's words.
fn nothing_to_do(q: &Questionnaire) -> String {
    let tier = q.default_tier();
    tier.summaries
        .iter()
        .find(|s| s.duties.is_none_or(|d| d == DutyState::None) && s.basis.is_none())
        .map_or_else(|| tier.summary.clone(), |s| s.text.clone())
}

/// Whether an obligation is due on the same answers for a user who
/// holds `roles` instead (the `role` question answered with them).
fn holds_in_their_place(
    q: &Questionnaire,
    answers: &Answers,
    today: Date,
    roles: &[String],
    obligation: &str,
) -> bool {
    let mut swapped = answers.clone();
    let value = AnswerValue::List(roles.to_vec());
    if swapped.set(q, "role", &value).is_err() {
        return false;
    }
    let verdict = Verdict::compute(q, &swapped, today);
    // In their place more may be asked (what they use it for); a duty that
    // rests only on those questions is not due on the user's answers.
    verdict
        .obligation(obligation)
        .is_some_and(|duty| duty.status == Status::Holds || verdict.complete)
}

fn check(
    q: &Questionnaire,
    answers: &Answers,
    v: &Verdict,
    strict: Strict,
    nested: bool,
) -> Vec<String> {
    let mut problems = Vec::new();
    let o = &v.outcome;
    let tier = q.tier(&o.tier);
    let exempt = tier.is_some_and(|t| t.exempts);
    let mine: Vec<_> = duties(v).collect();

    // I1: every duty counted once; "nothing to do" only without duties.
    let also: usize = o.also.iter().map(|a| a.duties.count).sum();
    if mine.len() != o.duties.count + o.duties.baseline + also {
        problems.push(format!(
            "I1: {} duties, outcome counts {} + baseline {} + also {also}",
            mine.len(),
            o.duties.count,
            o.duties.baseline
        ));
    }
    if o.duties.state == DutyState::None && o.duties.count > 0 {
        problems.push("I1: state none with duties under the result".to_owned());
    }
    if o.duties.count == 0
        && !matches!(
            o.duties.state,
            DutyState::None | DutyState::OnHold | DutyState::NotYet | DutyState::Stop
        )
    {
        problems.push(format!("I1: state {:?} without duties", o.duties.state));
    }
    let nothing = nothing_to_do(q);
    let says_nothing = o.summary.contains(&nothing) || o.summary.contains("beyond AI literacy");
    if says_nothing && (o.duties.count > 0 || also > 0) {
        problems.push(format!(
            "I1: \"{}\" with {} duties under the result and {also} under other tiers",
            o.summary, o.duties.count
        ));
    }

    // I2: a certain ban lists and promises no high-risk duty.
    let banned = o.duties.state == DutyState::Stop;
    let ban_sure = banned && o.basis.iter().any(|b| b.status == Status::Holds);
    let high_risk_duty = |duty: &&&aiact_core::verdict::ObligationResult| {
        duty.findings
            .iter()
            .any(|f| supported_tier(q, f) == Some(HIGH_RISK))
    };
    if banned {
        for duty in mine.iter().filter(high_risk_duty) {
            if ban_sure {
                problems.push(format!(
                    "I2: certain ban lists high-risk duty `{}`",
                    duty.id
                ));
            } else if duty.status != Status::Provisional
                || (v.settled == SettlingCheck::Checked && duty.dates_if.is_empty())
            {
                problems.push(format!(
                    "I2: provisional ban beside high-risk duty `{}` not tied to the ban's answer",
                    duty.id
                ));
            }
        }
        for finding in v
            .findings
            .iter()
            .filter(|f| supported_tier(q, &f.id) == Some(HIGH_RISK))
        {
            if ban_sure && finding.role != FindingRole::Context {
                problems.push(format!(
                    "I2: high-risk finding `{}` under a certain ban as {:?}",
                    finding.id, finding.role
                ));
            }
            if strict.annotated
                && PROMISES_BELOW
                    .iter()
                    .any(|p| finding.explanation.contains(p))
            {
                problems.push(format!("I2: `{}` promises duties below", finding.id));
            }
        }
    }

    // I4: the duties a shown finding gives others are listed.
    if strict.annotated && !exempt {
        let listed: BTreeSet<&str> = v
            .obligations
            .iter()
            .map(|o| o.id.as_str())
            .chain(v.others.iter().map(|o| o.obligation.as_str()))
            .collect();
        for finding in v.findings.iter().filter(|f| f.role != FindingRole::Context) {
            for mentioned in q.finding(&finding.id).map_or(&[][..], |f| &f.mentions) {
                if listed.contains(mentioned.as_str()) {
                    continue;
                }
                let Some(obligation) = q.obligations().iter().find(|o| &o.id == mentioned) else {
                    continue;
                };
                // The user's own duty, not due on these answers.
                if obligation.roles.iter().any(|r| v.has_role(r)) {
                    continue;
                }
                // Another actor's: due for them if it is due for the user
                // in their place.
                if holds_in_their_place(q, answers, v.evaluated_on, &obligation.roles, mentioned) {
                    problems.push(format!(
                        "I4: `{}` mentions `{mentioned}`, not listed",
                        finding.id
                    ));
                }
            }
        }
    }

    // I5: a firm headline is firm.
    if o.status == Status::Holds && !exempt {
        if !v.possible_tiers.is_empty() {
            problems.push("I5: firm headline with a possible exemption".to_owned());
        }
        for finding in &v.findings {
            if finding.role == FindingRole::Gate && finding.status != Status::Holds {
                problems.push(format!(
                    "I5: firm headline, gate `{}` provisional",
                    finding.id
                ));
            }
        }
    }

    // I6: no orphan promise.
    for other in &o.also {
        if other.duties.count == 0 {
            problems.push(format!(
                "I6: `{}` listed as also applying, without duties",
                other.tier
            ));
        }
    }
    for finding in v.findings.iter().filter(|f| f.role == FindingRole::Context) {
        if let Some(applies) = q.finding(&finding.id).and_then(|f| f.if_holds.as_ref())
            && finding.explanation.contains(applies.as_str())
        {
            problems.push(format!(
                "I6: context finding `{}` says it applies",
                finding.id
            ));
        }
    }
    if o.summary.contains("{") || o.summary.contains(" .") || o.summary.contains("from .") {
        problems.push(format!(
            "I6: summary with an unfilled placeholder: \"{}\"",
            o.summary
        ));
    }

    // I6: no count that no settling gives. Where every settled "not sure"
    // gives another count, the duties listed rest on answers that exclude
    // each other: their sum is not a count to state.
    let outlook = &o.duties;
    let counted = [
        format!("{} duty", outlook.count),
        format!("{} duties", outlook.count),
    ];
    // (A hold names the duties it holds back, counted apart.)
    if outlook.state != DutyState::OnHold
        && !outlook.alternatives.is_empty()
        && outlook
            .alternatives
            .iter()
            .all(|a| a.count != outlook.count)
        && counted
            .iter()
            .any(|words| o.summary.contains(words.as_str()))
    {
        problems.push(format!(
            "I6: summary counts {} duties, which no settling gives: \"{}\"",
            outlook.count, o.summary
        ));
    }

    // I8: the summary never states as fact a qualifier that rests on an
    // answer the user was not sure of (its certain sentence, up to its first
    // placeholder, is not said as it stands).
    for qualifier in o
        .qualifiers
        .iter()
        .filter(|q| q.status == Status::Provisional)
    {
        let certain = q
            .finding(&qualifier.finding)
            .and_then(|f| f.qualifies.as_ref())
            .and_then(|spec| spec.summary.as_deref())
            .map(|text| text.split('{').next().unwrap_or_default().trim())
            .unwrap_or_default();
        if certain.len() > 20 && o.summary.contains(certain) {
            problems.push(format!(
                "I8: provisional `{}` stated as fact: \"{}\"",
                qualifier.finding, o.summary
            ));
        }
    }

    // I9: a duty the plan a surface shows under a settling of a "not sure"
    // answer is not listed again under the hold (which says they are the
    // same duties).
    let plan = aiact::report::outline::plan(v);
    let settled: BTreeSet<&str> = plan
        .steps
        .iter()
        .filter(|step| step.condition_short.is_some())
        .flat_map(|step| step.duties.iter().map(|duty| duty.id.as_str()))
        .collect();
    for step in plan
        .steps
        .iter()
        .filter(|step| step.condition_short.is_none())
    {
        for duty in step
            .duties
            .iter()
            .filter(|d| settled.contains(d.id.as_str()))
        {
            problems.push(format!(
                "I9: `{}` listed under a settling and again under `{}`",
                duty.id, step.when
            ));
        }
    }

    // I10: the headline's date for duties still to come has not passed
    // (founder trial J read "by 2 August 2026 at the latest" in December
    // 2026, a duty that applied already dating the 2030 deadline).
    if matches!(
        o.duties.state,
        DutyState::From | DutyState::ByDeadline | DutyState::OnChange
    ) && o.duties.date.is_none_or(|date| date <= v.evaluated_on)
    {
        problems.push(format!(
            "I10: {:?} dated {:?} on {}: \"{}\"",
            o.duties.state, o.duties.date, v.evaluated_on, o.summary
        ));
    }

    // I6: a count that leaves the baseline out says so, beside a plan
    // that lists it ("2 duties (besides AI literacy)", not "2" beside 3).
    if outlook.state != DutyState::OnHold
        && outlook.baseline > 0
        && counted
            .iter()
            .any(|words| o.summary.contains(words.as_str()))
        && !o.summary.contains("besides")
    {
        problems.push(format!(
            "I6: summary counts duties without the baseline it leaves out: \"{}\"",
            o.summary
        ));
    }

    // I7: a look-ahead looks past "for now", once.
    if let Some(look_ahead) = &v.look_ahead {
        if nested {
            problems.push("I7: a look-ahead inside a look-ahead".to_owned());
        }
        if !mine.is_empty() {
            problems.push("I7: duties today beside a look-ahead".to_owned());
        }
        if let Some(launch) = &look_ahead.verdict {
            if launch.outcome.duties.state == DutyState::NotYet {
                problems.push("I7: the look-ahead is still 'for now'".to_owned());
            }
            problems.extend(
                check(q, answers, launch, strict, true)
                    .into_iter()
                    .map(|p| format!("look-ahead: {p}")),
            );
        }
    }
    if v.look_ahead.is_some() && !o.qualifiers.iter().any(|q| q.kind == QualifierKind::ForNow) {
        problems.push("I7: a look-ahead without a 'for now' result".to_owned());
    }
    problems
}

/// I3: every date shown, and every provisional duty, is reached by some
/// settling of the "not sure" answers; so is a provisional headline tier.
fn check_reachable(
    q: &Questionnaire,
    answers: &Answers,
    v: &Verdict,
    seen: &mut Seen,
) -> Vec<String> {
    let unsure = answers.iter().any(|(_, a)| a.is_not_sure());
    let mut shown: BTreeSet<(String, Date)> = BTreeSet::new();
    for obligation in &v.obligations {
        shown.insert((obligation.id.clone(), obligation.applies.milestone.date));
        for other in &obligation.other_possible_dates {
            shown.insert((obligation.id.clone(), other.date));
        }
        for date_if in &obligation.dates_if {
            shown.insert((obligation.id.clone(), date_if.milestone.date));
        }
    }
    if !unsure {
        return v
            .obligations
            .iter()
            .filter(|o| !o.other_possible_dates.is_empty())
            .map(|o| format!("I3: `{}` shows other dates with no \"not sure\"", o.id))
            .collect();
    }
    seen.unsure_walks += 1;
    if v.settled == SettlingCheck::TooMany {
        seen.too_many += 1;
        seen.unsettled += 1;
        return Vec::new();
    }
    let start = on_path(q, answers);
    let mut problems = Vec::new();
    let mut reached_dates: BTreeSet<Date> = BTreeSet::new();
    let mut undecided = false;
    for (id, date) in &shown {
        let Some(obligation) = q.obligations().iter().find(|o| &o.id == id) else {
            continue;
        };
        let goal = |evaluation: &Evaluation| obligation_from(evaluation, obligation, *date);
        let mut budget = MAX_SETTLINGS;
        match reachable(q, &start, &goal, &mut budget) {
            Some(true) => {
                reached_dates.insert(*date);
            }
            Some(false) => problems.push(format!("I3: `{id}` from {date}: no settling reaches it")),
            None => undecided = true,
        }
    }
    if v.tier_status == Status::Provisional {
        let tiered: Vec<Condition> = q
            .findings()
            .iter()
            .filter(|f| f.tier.as_deref() == Some(v.tier.id.as_str()) && !f.internal)
            .map(|f| Condition::Finding(f.id.clone()))
            .collect();
        let goal = |evaluation: &Evaluation| {
            tiered
                .iter()
                .fold(Truth::False, |acc, c| acc.or(evaluation.truth(c)))
        };
        let mut budget = MAX_SETTLINGS;
        match reachable(q, &start, &goal, &mut budget) {
            Some(false) => problems.push(format!(
                "I3: headline `{}`: no settling reaches it",
                v.tier.id
            )),
            Some(true) => {}
            None => undecided = true,
        }
    }
    for alternative in &v.outcome.duties.alternatives {
        if let Some(date) = alternative.date
            && !reached_dates.contains(&date)
            && !undecided
        {
            problems.push(format!(
                "I3: outlook alternative from {date}: no settling reaches it"
            ));
        }
    }
    if undecided && problems.is_empty() {
        seen.too_many += 1;
    }
    problems
}

/// Runs the walks, returns the problems by kind with their seeds.
fn run(q: &Questionnaire, strict: Strict, seen: &mut Seen) -> BTreeMap<String, Vec<u64>> {
    let mut failures: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for seed in 1..=walks() {
        let answers = walk(q, seed);
        let today = DATES[(seed % DATES.len() as u64) as usize];
        let verdict = Verdict::compute(q, &answers, today);
        assert!(
            verdict.complete,
            "seed {seed}: the walk ends with a verdict"
        );
        seen.add(&verdict);
        let mut problems = check(q, &answers, &verdict, strict, false);
        problems.extend(check_reachable(q, &answers, &verdict, seen));
        for problem in problems {
            let key = problem.split(':').next().unwrap_or("").to_owned();
            let entry = failures.entry(problem).or_default();
            if entry.is_empty() {
                eprintln!(
                    "{key} seed {seed} ({today}): {}",
                    serde_json::json!({"questionnaire": q.id(), "answers": answers})
                );
            }
            entry.push(seed);
        }
    }
    failures
}

/// What a run covered, printed with `--nocapture`.
fn summary(q: &Questionnaire, seen: &Seen) {
    eprintln!(
        "{}: {} walks, {} with \"not sure\": {} not told (the verdict: {}); states {:?}; qualifiers {:?}; roles {:?}; look-ahead verdicts {}",
        q.id(),
        walks(),
        seen.unsure_walks,
        seen.too_many,
        seen.unsettled,
        seen.states,
        seen.qualifiers,
        seen.roles,
        seen.look_aheads
    );
}

/// Runs the walks, asserts that no invariant failed and that the
/// reachability of at most one verdict in 20 with "not sure" answers
/// could not be told; returns what the walks covered.
fn assert_invariants(q: &Questionnaire, strict: Strict) -> Seen {
    let mut seen = Seen::default();
    let failures = run(q, strict, &mut seen);
    summary(q, &seen);
    assert!(failures.is_empty(), "{}", report(&failures));
    if let Some(problem) = over_settling_budget(&seen) {
        panic!("{problem}");
    }
    seen
}

/// More than one walk in 20 with "not sure" answers whose reachability
/// could not be told.
fn over_settling_budget(seen: &Seen) -> Option<String> {
    (seen.too_many * 20 > seen.unsure_walks.max(1)).then(|| {
        format!(
            "{} of {} walks with \"not sure\" had too many settlings to check",
            seen.too_many, seen.unsure_walks
        )
    })
}

fn report(failures: &BTreeMap<String, Vec<u64>>) -> String {
    failures
        .iter()
        .map(|(problem, seeds)| {
            let shown: Vec<String> = seeds.iter().take(5).map(u64::to_string).collect();
            format!(
                "{problem} ({} walks; seeds {})",
                seeds.len(),
                shown.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_invariant_holds_on_the_annotated_fixture() {
    let strict = Strict { annotated: true };
    let seen = assert_invariants(&load("tests/fixtures/outcome.json"), strict);
    // Every state, qualifier and role is exercised often enough that the
    // invariants are tested on it: a change to the fixture or the walks
    // must not starve one.
    let n = walks() as usize;
    let enough = (n / 200).max(3);
    const STATES: &[&str] = &[
        "none",
        "now",
        "from",
        "mixed",
        "on_hold",
        "on_change",
        "by_deadline",
        "stop",
        "not_yet",
    ];
    const ROLES: &[&str] = &["gate", "qualifier", "basis", "also", "context", "detail"];
    let mut starved = Vec::new();
    for (what, names, counts) in [
        ("state", STATES, &seen.states),
        ("qualifier", QUALIFIER_KINDS, &seen.qualifiers),
        ("role", ROLES, &seen.roles),
    ] {
        for name in names {
            let count = counts.get(*name).copied().unwrap_or(0);
            if count < enough {
                starved.push(format!("{what} {name}: {count}"));
            }
        }
    }
    if seen.look_aheads < enough {
        starved.push(format!("look-ahead verdicts: {}", seen.look_aheads));
    }
    assert!(starved.is_empty(), "too rare in {n} walks: {starved:?}");
}

/// The verdict annotations of a questionnaire, by kind of item and field.
const ANNOTATIONS: &[(&str, &[&str])] = &[
    ("findings", &["gate", "basis", "qualifies", "mentions"]),
    ("tiers", &["summaries", "context_sentence"]),
    ("roles", &["as_other"]),
];

/// The shipped questionnaire with every verdict annotation taken out: the
/// outcome then rests on the rule's fallbacks alone.
fn shipped_without_annotations() -> Questionnaire {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires/eu-ai-act.json");
    let text = std::fs::read_to_string(path).expect("readable");
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let mut removed = 0;
    for (kind, fields) in ANNOTATIONS {
        for item in doc[*kind].as_array_mut().expect("a list").iter_mut() {
            let item = item.as_object_mut().expect("an object");
            removed += fields.iter().filter(|f| item.remove(**f).is_some()).count();
        }
    }
    assert!(
        removed > 0,
        "the shipped questionnaire carries no annotation"
    );
    Questionnaire::from_json(&doc.to_string(), "eu-ai-act.json without annotations")
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_invariants_that_need_no_annotation_hold_on_the_shipped_questionnaire_without_them() {
    let seen = assert_invariants(&shipped_without_annotations(), Strict { annotated: false });
    for state in ["none", "now", "from", "mixed", "stop"] {
        assert!(
            seen.states.get(state).copied().unwrap_or(0) > 0,
            "state {state} never reached: {:?}",
            seen.states
        );
    }
}

/// The content lint of I2 and I4: no text promises duties "below", and a
/// text that gives another actor a duty names it in `mentions`.
fn content_lint(q: &Questionnaire) -> Vec<String> {
    let mut problems = Vec::new();
    for finding in q.findings().iter().filter(|f| !f.internal) {
        let texts = [Some(&finding.explanation), finding.if_holds.as_ref()];
        for text in texts.into_iter().flatten() {
            if let Some(phrase) = PROMISES_BELOW.iter().find(|p| text.contains(*p)) {
                problems.push(format!("finding `{}` promises \"{phrase}\"", finding.id));
            }
            if finding.mentions.is_empty()
                && let Some(phrase) = OTHERS_DUTY_PHRASES.iter().find(|p| text.contains(*p))
            {
                problems.push(format!(
                    "finding `{}` says \"{phrase}\" without `mentions`",
                    finding.id
                ));
            }
        }
    }
    problems
}

#[test]
fn the_fixture_texts_keep_their_promises() {
    let q = load("tests/fixtures/outcome.json");
    assert_eq!(content_lint(&q), Vec::<String>::new());
}

/// Every invariant and the content lint on the shipped file, with no
/// exception, and every qualifier kind of the Act's content reached.
#[test]
fn every_invariant_holds_on_the_shipped_questionnaire() {
    let q = load("questionnaires/eu-ai-act.json");
    let mut problems = content_lint(&q);
    let mut seen = Seen::default();
    let strict = Strict { annotated: true };
    let failures = run(&q, strict, &mut seen);
    summary(&q, &seen);
    problems.extend(report(&failures).lines().map(str::to_owned));
    problems.extend(over_settling_budget(&seen));
    for kind in QUALIFIER_KINDS {
        if !seen.qualifiers.contains_key(*kind) {
            problems.push(format!("qualifier {kind} never reached"));
        }
    }
    if !seen.roles.contains_key("gate") {
        problems.push("no gate finding".to_owned());
    }
    if seen.look_aheads == 0 {
        problems.push("no look-ahead verdict".to_owned());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_search_reaches_what_a_settling_reaches_and_nothing_else() {
    // Public authorities "not sure": a legacy credit scorer's duties apply
    // by 2030 (if they use it) or not at all (on hold): never from 2027.
    let q = load("tests/fixtures/outcome.json");
    let mut answers = Answers::new();
    for (id, value) in [
        ("is_ai", "yes"),
        ("use_area", "credit"),
        ("narrow_task", "no"),
        ("on_market", "yes"),
        ("design_change", "no"),
        ("public", "not_sure"),
        ("open_source", "no"),
    ] {
        answers
            .set(&q, id, &AnswerValue::Text(value.to_owned()))
            .expect("fits");
    }
    for (id, value) in [
        ("exclusions", "none"),
        ("role", "provider"),
        ("practices", "none"),
    ] {
        answers
            .set(&q, id, &AnswerValue::List(vec![value.to_owned()]))
            .expect("fits");
    }
    let duty = q
        .obligations()
        .iter()
        .find(|o| o.id == "hr_provider")
        .expect("duty");
    let from = |day: Date| {
        let mut budget = MAX_SETTLINGS;
        let goal = |evaluation: &Evaluation| obligation_from(evaluation, duty, day);
        reachable(&q, &on_path(&q, &answers), &goal, &mut budget)
    };
    assert_eq!(from(date(2030, 8, 2)), Some(true));
    assert_eq!(from(date(2027, 12, 2)), Some(false));
    assert!(matches!(answers.get("public"), Some(Answer::NotSure)));
}
