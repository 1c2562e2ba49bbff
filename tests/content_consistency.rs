//! Random-walk contradiction check for the shipped questionnaire.
//!
//! Walks the questionnaire a few hundred times with seeded random answers
//! (including "not sure"), like a user would, and checks that each verdict
//! does not contradict itself: the headline agrees with the findings, duties
//! fall on roles the user holds, and provisional findings do not state as a
//! fact what is only possible. Deterministic: a failure names its seed.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use aiact_core::model::{ObligationKind, QuestionKind};
use aiact_core::verdict::Status;
use aiact_core::{AnswerValue, Assessment, Command, Questionnaire, Verdict};
use jiff::civil::date;

const WALKS: u64 = 1000;

/// Findings that only a deployer can have: Art. 50(3) and 50(4) duties and
/// their exceptions.
const DEPLOYER_ONLY: &[&str] = &[
    "transparency_emotion_biometric",
    "transparency_deep_fake",
    "deep_fake_invented_unsettled",
    "transparency_public_interest_text",
    "deep_fake_artistic_limited",
    "editorial_control_exception",
];

/// Findings that carry a provider's duty, or say the user is a provider.
const PROVIDER_ONLY: &[&str] = &[
    "transparency_interaction",
    "transparency_synthetic_content",
    "rebrand_provider",
    "product_manufacturer_own_name",
    "general_purpose_system_offered",
    "high_risk_use_excluded",
];

/// Openings that state a fact about the user's system: wrong in a finding
/// shown as provisional. State the rule in `explanation`; "on your answers"
/// goes into `if_holds`, which a provisional finding does not show.
const ASSERTIVE_OPENINGS: &[&str] = &[
    "The system ",
    "Your system ",
    "The AI system ",
    "The AI is ",
    "The model ",
    "Your model ",
    "Your modification ",
    "Your score ",
    "You are ",
    "You place ",
    "You use ",
    "It is ",
    "The product ",
    "Because the ",
];

/// Model duties of every provider of a general-purpose model (Article 53):
/// they do not depend on systemic risk, so an unsure answer about that
/// must not make them provisional.
const MODEL_BASE_DUTIES: &[&str] = &[
    "gpai_technical_documentation",
    "gpai_downstream_information",
    "gpai_copyright_policy",
    "gpai_training_summary",
];

/// Sentences that tie a rule to the user's answers: they repeat by design.
const FORMULAS: &[&str] = &["On your answers", "This is a duty of"];

/// A tiny xorshift generator: enough for reproducible walks.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn random_answer(question: &aiact_core::model::Question, rng: &mut Rng) -> AnswerValue {
    if question.allow_not_sure && rng.chance(15) {
        return AnswerValue::Text("not_sure".to_owned());
    }
    match question.kind {
        QuestionKind::YesNo => {
            AnswerValue::Text(if rng.chance(50) { "yes" } else { "no" }.to_owned())
        }
        QuestionKind::SingleChoice => {
            let option = &question.options[rng.below(question.options.len())];
            AnswerValue::Text(option.id.clone())
        }
        QuestionKind::MultiChoice => {
            let exclusive: Vec<_> = question.options.iter().filter(|o| o.exclusive).collect();
            let others: Vec<_> = question.options.iter().filter(|o| !o.exclusive).collect();
            if !exclusive.is_empty() && rng.chance(35) {
                return AnswerValue::List(vec![exclusive[rng.below(exclusive.len())].id.clone()]);
            }
            let mut chosen: Vec<String> = others
                .iter()
                .filter(|_| rng.chance(30))
                .map(|o| o.id.clone())
                .collect();
            if chosen.is_empty() {
                chosen.push(others[rng.below(others.len())].id.clone());
            }
            AnswerValue::List(chosen)
        }
        QuestionKind::Number => {
            const VALUES: [f64; 7] = [1e20, 1e22, 1e23, 5e23, 1e25, 2e25, 1e26];
            let mut value = VALUES[rng.below(VALUES.len())];
            if let Some(min) = question.min {
                value = value.max(min);
            }
            if let Some(max) = question.max {
                value = value.min(max);
            }
            AnswerValue::Number(value)
        }
        QuestionKind::Text => AnswerValue::Text("Notes.".to_owned()),
    }
}

fn walk(q: &Questionnaire, seed: u64) -> Assessment {
    let mut rng = Rng::new(seed);
    let mut session = Assessment::start(Arc::new(q.clone()), date(2026, 11, 23));
    for _ in 0..=q.questions().len() {
        let Some(question) = session.current() else {
            break;
        };
        let question = question.clone();
        let command = if question.optional && rng.chance(50) {
            Command::Skip
        } else {
            Command::Answer {
                question: question.id.clone(),
                value: random_answer(&question, &mut rng),
            }
        };
        session
            .apply(command)
            .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
    }
    session
}

fn check(q: &Questionnaire, verdict: &Verdict) -> Vec<String> {
    let mut problems = Vec::new();
    let has_finding_citing = |prefix: &str| {
        verdict.findings.iter().any(|f| {
            f.tier.as_deref() == Some(verdict.tier.id.as_str())
                && f.refs.iter().any(|r| r.reference.starts_with(prefix))
        })
    };
    let duties: Vec<_> = verdict
        .obligations
        .iter()
        .filter(|o| o.kind == ObligationKind::Duty)
        .collect();

    match verdict.tier.id.as_str() {
        "prohibited" if !has_finding_citing("art:5") => {
            problems.push("prohibited headline without an Article 5 finding".to_owned());
        }
        "high_risk" if !has_finding_citing("art:6") => {
            problems.push("high-risk headline without an Article 6 finding".to_owned());
        }
        "transparency" if !has_finding_citing("art:50") => {
            problems.push("transparency headline without an Article 50 finding".to_owned());
        }
        "not_ai_system" | "out_of_scope" if !duties.is_empty() => {
            let ids: Vec<&str> = duties.iter().map(|o| o.id.as_str()).collect();
            problems.push(format!("{} headline with duties {ids:?}", verdict.tier.id));
        }
        _ => {}
    }

    // A firm transparency headline means the user has an Article 50 duty.
    if verdict.tier.id == "transparency"
        && verdict.tier_status == Status::Holds
        && !duties.iter().any(|o| o.id.starts_with("t_"))
    {
        problems.push("transparency headline without an Article 50 duty of the user's".to_owned());
    }
    // Fines context only for duties the user has.
    if verdict.obligation("penalties_transparency").is_some()
        && !duties.iter().any(|o| o.id.starts_with("t_"))
    {
        problems.push("transparency fines shown without an Article 50 duty".to_owned());
    }
    if verdict.obligation("penalties_high_risk").is_some()
        && !duties.iter().any(|o| o.id.starts_with("hr_"))
    {
        problems.push("high-risk fines shown without a high-risk duty".to_owned());
    }
    // A high-risk headline says that requirements apply: either some do,
    // or the timeline says from when they would (Article 111(2)), or that
    // they come through the sector's own approval rules (Article 2(2)).
    if verdict.tier.id == "high_risk"
        && !duties.iter().any(|o| o.id.starts_with("hr_"))
        && verdict.obligation("hr_legacy_design_change").is_none()
        && verdict.obligation("sector_rules_annex_i_b").is_none()
    {
        problems.push("high-risk headline, no high-risk duty, and no word on when".to_owned());
    }
    // The transitional status of Article 111(2) is no surer than the
    // high-risk classification it qualifies.
    let firm_high_risk = verdict.findings.iter().any(|f| {
        matches!(f.id.as_str(), "high_risk_annex_iii" | "high_risk_annex_i")
            && f.status == Status::Holds
    });
    for id in ["legacy_high_risk_exempt", "legacy_public_authority"] {
        if verdict
            .finding(id)
            .is_some_and(|f| f.status == Status::Holds)
            && !firm_high_risk
        {
            problems.push(format!(
                "`{id}` holds for sure, the high-risk classification does not"
            ));
        }
    }

    // Duties and the roles they fall on.
    let user_roles: Vec<&str> = verdict.roles.iter().map(|r| r.id.as_str()).collect();
    for o in &verdict.obligations {
        let Some(def) = q.obligations().iter().find(|d| d.id == o.id) else {
            problems.push(format!("obligation `{}` unknown", o.id));
            continue;
        };
        if !def.roles.is_empty() && !def.roles.iter().any(|r| user_roles.contains(&r.as_str())) {
            problems.push(format!(
                "obligation `{}` for {:?}, user holds {user_roles:?}",
                o.id, def.roles
            ));
        }
        if !def.findings.is_empty() && o.findings.is_empty() {
            problems.push(format!("obligation `{}` without a finding", o.id));
        }
        for f in &o.findings {
            let shown = verdict.finding(f).is_some();
            let internal = q.finding(f).is_some_and(|d| d.internal);
            if !shown && !internal {
                problems.push(format!(
                    "obligation `{}` rests on absent finding `{f}`",
                    o.id
                ));
            }
        }
    }

    // A certain model provider, certainly within the Act, has the basic
    // model duties for sure (except those an open-source release may lift),
    // once the model is on the market: one still in training owes only the
    // notification of Article 52(1).
    let open_source_may_lift = verdict.finding("gpai_open_source_exempt").is_some();
    if verdict
        .roles
        .iter()
        .any(|r| r.id == "model_provider" && r.status == Status::Holds)
        && verdict.finding("gpai_sr_in_training").is_none()
        && !verdict
            .findings
            .iter()
            .any(|f| matches!(f.tier.as_deref(), Some("out_of_scope" | "not_ai_system")))
    {
        for id in MODEL_BASE_DUTIES {
            let lifted_by_open_source = matches!(
                *id,
                "gpai_technical_documentation" | "gpai_downstream_information"
            );
            if lifted_by_open_source && open_source_may_lift {
                continue;
            }
            match verdict.obligation(id) {
                Some(o) if o.status == Status::Holds => {}
                Some(_) => problems.push(format!(
                    "model duty `{id}` provisional for a certain model provider"
                )),
                None => problems.push(format!("model duty `{id}` missing for a model provider")),
            }
        }
    }

    // Deployer-only findings for someone who is not a deployer, and the
    // reverse for provider duties.
    let firm_role = |id: &str| {
        verdict
            .roles
            .iter()
            .any(|r| r.id == id && r.status == Status::Holds)
    };
    let may_hold_role = |id: &str| verdict.has_role(id);
    for id in DEPLOYER_ONLY {
        if verdict.finding(id).is_some() && !may_hold_role("deployer") {
            problems.push(format!("deployer-only finding `{id}` for a non-deployer"));
        }
        if verdict
            .finding(id)
            .is_some_and(|f| f.status == Status::Holds)
            && !firm_role("deployer")
        {
            problems.push(format!(
                "deployer-only finding `{id}` holds, deployer role does not"
            ));
        }
    }
    for id in PROVIDER_ONLY {
        if verdict.finding(id).is_some() && !may_hold_role("provider") {
            problems.push(format!("provider-only finding `{id}` for a non-provider"));
        }
    }

    // Provisional findings state the rule, not a fact about the system.
    for f in &verdict.findings {
        if f.status == Status::Provisional
            && (ASSERTIVE_OPENINGS
                .iter()
                .any(|o| f.explanation.starts_with(o))
                || f.explanation.contains("will not change")
                || f.explanation.to_lowercase().contains("on your answers"))
        {
            problems.push(format!(
                "provisional finding `{}` states as a fact: \"{}\"",
                f.id,
                f.explanation.chars().take(80).collect::<String>()
            ));
        }
    }

    // The same hedge or caveat sentence once per verdict.
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let texts = verdict
        .findings
        .iter()
        .flat_map(|f| {
            [Some(&f.explanation), f.caveat.as_ref()]
                .into_iter()
                .flatten()
                .map(move |t| (f.id.clone(), t))
        })
        .chain(verdict.obligations.iter().flat_map(|o| {
            // Fines caveats differ only in part and may sit side by side.
            std::iter::once((o.id.clone(), &o.summary))
        }));
    for (owner, text) in texts {
        for sentence in sentences(text) {
            if sentence.len() < 40 || FORMULAS.iter().any(|f| sentence.starts_with(f)) {
                continue;
            }
            if let Some(first) = seen.get(&sentence) {
                if *first != owner {
                    problems.push(format!(
                        "`{owner}` repeats a sentence of `{first}`: \"{sentence}\""
                    ));
                }
            } else {
                seen.insert(sentence, owner.clone());
            }
        }
    }
    problems
}

fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()) {
            out.push(current.trim().to_owned());
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_owned());
    }
    out
}

#[test]
fn random_walks_give_verdicts_that_do_not_contradict_themselves() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires/eu-ai-act.json");
    let q = Questionnaire::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut failures: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for seed in 1..=WALKS {
        let session = walk(&q, seed);
        let verdict = Verdict::compute(&q, session.answers(), date(2026, 11, 23));
        for problem in check(&q, &verdict) {
            failures.entry(problem).or_default().push(seed);
        }
    }
    let report: Vec<String> = failures
        .iter()
        .map(|(problem, seeds)| {
            let shown: Vec<String> = seeds.iter().take(5).map(u64::to_string).collect();
            format!("{problem} (seeds {})", shown.join(", "))
        })
        .collect();
    assert!(
        report.is_empty(),
        "{} kind(s) of contradiction:\n{}",
        report.len(),
        report.join("\n")
    );
}

/// Bracketed codes such as "[A]" or "[B; ...]" in what a founder reads.
fn section_code(text: &str) -> Option<&str> {
    let start = text.find('[')?;
    let rest = &text[start + 1..];
    let end = rest.find(']')?;
    let inner = &rest[..end];
    let code = inner.split([';', ',']).next().unwrap_or(inner).trim();
    (code.len() <= 3
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
    .then_some(&text[start..=start + 1 + end])
}

#[test]
fn question_and_option_texts_carry_no_bracketed_codes() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires/eu-ai-act.json");
    let q = Questionnaire::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut problems = Vec::new();
    for question in q.questions() {
        let texts = std::iter::once(("text", &question.text))
            .chain(question.options.iter().map(|o| ("option", &o.label)));
        for (what, text) in texts {
            if let Some(code) = section_code(text) {
                problems.push(format!(
                    "question `{}`: {what} uses the code {code}: say it in words",
                    question.id
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
#[ignore]
fn dump_seed() {
    let seed: u64 = std::env::var("SEED").unwrap().parse().unwrap();
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires/eu-ai-act.json");
    let q = Questionnaire::load(&path).unwrap();
    let session = walk(&q, seed);
    let verdict = Verdict::compute(&q, session.answers(), date(2026, 11, 23));
    println!("{}", serde_json::to_string(&verdict).unwrap());
}
