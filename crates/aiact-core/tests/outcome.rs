//! What a verdict means for the user (issue 13), on the outcome fixture
//! (a small made-up act with every annotation) and on the toy fixture
//! (none): one headline rule, reachable dates, the plan, the duties of
//! others, the look-ahead.

mod common;

use aiact_core::outcome::{DutyState, FindingRole, When};
use aiact_core::refs::BasisKind;
use aiact_core::verdict::{Section, SettlingCheck, Status};
use aiact_core::{Questionnaire, Verdict};
use common::{answers, credit_model, each, fixture_json, outcome_fixture, provider, toy};
use jiff::civil::{Date, date};
use serde_json::{Value, json};

const TODAY: Date = date(2026, 12, 6);

fn verdict(q: &Questionnaire, values: Value) -> Verdict {
    Verdict::compute(q, &answers(q, values), TODAY)
}

/// A provider's verdict on the outcome fixture (`more`: see [`provider`]).
fn provider_verdict(more: Value) -> Verdict {
    verdict(&outcome_fixture(), provider(more))
}

/// The verdict for a provider of emotion recognition at work, not on the
/// market before, with the answers of `more`.
fn emotion_at_work(more: Value) -> Verdict {
    let practice = json!({"practices": ["emotion_work"], "on_market": "no"});
    provider_verdict(common::merged(practice, more))
}

fn role_of(v: &Verdict, id: &str) -> Option<FindingRole> {
    v.finding(id).map(|f| f.role)
}

fn duty_ids(v: &Verdict) -> Vec<&str> {
    v.obligations
        .iter()
        .filter(|o| o.kind == aiact_core::model::ObligationKind::Duty)
        .map(|o| o.id.as_str())
        .collect()
}

#[test]
fn an_exemption_is_a_headline_of_its_own_and_names_its_duties() {
    let v = provider_verdict(json!({"use_area": "hiring", "narrow_task": "yes"}));
    let o = &v.outcome;
    assert_eq!(o.tier, "minimal");
    assert_eq!(
        o.title,
        "Minimal risk — not high-risk thanks to the exemption"
    );
    assert!(
        o.summary
            .starts_with("Its use is listed (Annex III 4(a): recruitment), but it only does a narrow procedural task"),
        "{}",
        o.summary
    );
    // Never "no requirements" beside a duty of the exemption.
    assert!(
        !o.summary.contains("No specific requirements"),
        "{}",
        o.summary
    );
    let basis: Vec<(&str, BasisKind)> =
        o.basis.iter().map(|b| (b.label.as_str(), b.kind)).collect();
    assert_eq!(
        basis,
        [
            ("Annex III 4(a)", BasisKind::AnnexIii),
            ("Art 6(3)(a)", BasisKind::Article6Exemption)
        ]
    );
    assert_eq!(o.duties.state, DutyState::From);
    assert_eq!(o.duties.date, Some(date(2027, 12, 2)));
    assert_eq!((o.duties.count, o.duties.baseline), (1, 1));
    assert_eq!(role_of(&v, "exemption"), Some(FindingRole::Qualifier));
    assert_eq!(role_of(&v, "hiring_use"), Some(FindingRole::Basis));
    assert_eq!(role_of(&v, "in_scope"), Some(FindingRole::Gate));
}

#[test]
fn minimal_risk_says_no_requirements_only_without_duties() {
    let v = provider_verdict(json!({"use_area": "other", "chatbot": "no"}));
    assert_eq!(v.outcome.duties.state, DutyState::None);
    assert_eq!(v.outcome.duties.baseline, 1, "AI literacy is the baseline");
    assert_eq!(
        v.outcome.summary,
        "No specific requirements beyond AI literacy."
    );
}

#[test]
fn a_ban_shows_the_listed_use_as_context_and_promises_no_high_risk_duty() {
    let v = emotion_at_work(json!({"medical": "no", "use_area": "other", "chatbot": "no"}));
    assert_eq!(v.outcome.tier, "prohibited");
    assert_eq!(v.outcome.duties.state, DutyState::Stop);
    assert_eq!(
        v.outcome.summary,
        "Banned from 2 February 2025: stop offering or using the system for this."
    );
    assert_eq!(role_of(&v, "emotion_listed"), Some(FindingRole::Context));
    assert_eq!(role_of(&v, "high_risk"), Some(FindingRole::Context));
    let listed = v.finding("high_risk").expect("shown as context");
    assert!(
        !listed.explanation.contains("On your answers"),
        "{}",
        listed.explanation
    );
    assert!(v.outcome.context_sentence.is_some());
    assert!(
        duty_ids(&v).iter().all(|id| !id.starts_with("hr_")),
        "{:?}",
        duty_ids(&v)
    );
    assert!(
        v.plan
            .iter()
            .flat_map(|s| &s.duties)
            .all(|id| !id.starts_with("hr_"))
    );
}

#[test]
fn a_date_no_settling_reaches_is_not_shown() {
    // Public authorities "not sure": on hold (no) or by 2030 (yes); the
    // listed-use date of 2027 is reached by neither.
    let v = verdict(
        &outcome_fixture(),
        credit_model(json!({"public": "not_sure"})),
    );
    assert_eq!(v.settled, SettlingCheck::Checked);
    let duty = v.obligation("hr_provider").expect("provisional duty");
    assert_eq!(duty.status, Status::Provisional);
    assert_eq!(duty.applies.milestone.date, date(2030, 8, 2));
    assert!(duty.other_possible_dates.is_empty());
    assert_eq!(
        each(&duty.dates_if[0].if_answers, |a| (
            a.question.as_str(),
            a.answer_label.as_str()
        )),
        [("public", "Yes")]
    );
    // The headline: on hold, provisional, with the deadline as what the
    // other answer brings.
    let duties = &v.outcome.duties;
    assert_eq!(
        (duties.state, duties.status),
        (DutyState::OnHold, Status::Provisional)
    );
    assert_eq!(v.outcome.status, Status::Provisional);
    assert_eq!(v.outcome.title, "High-risk — duties on hold");
    assert_eq!(
        each(&duties.alternatives, |a| (a.state, a.date)),
        [(DutyState::ByDeadline, Some(date(2030, 8, 2)))]
    );
    assert_eq!(duties.alternatives[0].if_answers[0].question, "public");
    // The plan says the same: by 2030 at the latest if public authorities
    // use it (as the result would say under that answer), or on hold.
    assert_eq!(
        each(&v.plan, |s| (s.when, s.date, s.if_answers.len())),
        [
            (When::Now, None, 0),
            (When::ByDeadline, Some(date(2030, 8, 2)), 1),
            (When::OnHold, Some(date(2027, 12, 2)), 0)
        ]
    );
}

#[test]
fn a_provisional_duty_no_settling_makes_hold_is_left_out() {
    // An obligation that needs two answers to one question at once.
    let mut doc = fixture_json("outcome.json");
    doc["obligations"]
        .as_array_mut()
        .expect("obligations")
        .push(json!({
            "id": "never", "title": "Never", "summary": "Cannot hold.", "findings": ["high_risk"],
            "when": { "all": [ { "equals": { "question": "public", "value": "yes" } },
                               { "equals": { "question": "public", "value": "no" } } ] },
            "applies_from": [ { "milestone": "annex_iii" } ]
        }));
    let q = Questionnaire::from_json(&doc.to_string(), "test").expect("valid");
    let values = credit_model(json!({"public": "not_sure"}));
    let v = verdict(&q, values.clone());
    assert!(v.obligation("never").is_none());
    // Without a "not sure" the engine's reading is all there is.
    let mut sure = values;
    sure["public"] = json!("yes");
    assert_eq!(verdict(&q, sure).settled, SettlingCheck::NothingOpen);
}

#[test]
fn a_hold_names_the_duties_it_keeps_back() {
    let v = verdict(&outcome_fixture(), credit_model(json!({})));
    let duties = &v.outcome.duties;
    assert_eq!(
        (duties.state, duties.status),
        (DutyState::OnHold, Status::Holds)
    );
    assert_eq!((duties.count, duties.held), (0, 1));
    assert_eq!(
        duties.date,
        Some(date(2027, 12, 2)),
        "not before the listed-use date"
    );
    assert!(v.obligation("hr_provider").is_none());
    assert_eq!(
        v.on_hold.iter().map(|o| o.id.as_str()).collect::<Vec<_>>(),
        ["hr_provider"]
    );
    assert!(v.plan_duty("hr_provider").is_some());
    assert!(
        v.outcome.summary.contains("design stays the same"),
        "{}",
        v.outcome.summary
    );
    assert!(!v.outcome.summary.contains("Strict requirements"));
    let last = v.plan.last().expect("steps");
    assert_eq!(
        (last.when, last.duties.as_slice()),
        (When::OnHold, &["hr_provider".to_owned()][..])
    );
}

#[test]
fn a_planned_design_change_dates_the_duties_from_it_and_others_see_their_side() {
    let mut values = credit_model(json!({"design_change": "yes"}));
    values["role"] = json!(["deployer"]);
    let v = verdict(&outcome_fixture(), values);
    assert_eq!(v.outcome.duties.state, DutyState::OnChange);
    assert_eq!(
        v.outcome.title,
        "High-risk — duties from your design change"
    );
    assert!(
        v.plan
            .iter()
            .any(|s| s.when == When::OnChange && s.duties == ["hr_deployer"])
    );
    assert_eq!(
        each(&v.others, |o| (
            o.obligation.as_str(),
            o.actor_label.as_str()
        )),
        [(
            "hr_provider",
            "The provider (who offers the system under its name)"
        )]
    );
}

#[test]
fn a_duty_the_text_gives_to_others_is_listed_as_theirs() {
    let v = emotion_at_work(json!({"medical": "yes", "use_area": "chat", "chatbot": "yes"}));
    let inform = v.others.iter().find(|o| o.obligation == "inform_exposed");
    let inform = inform.expect("the deployers' duty the finding names");
    assert_eq!(inform.actor_label, "Deployers (your customers)");
    assert_eq!(inform.mentioned_by, ["emotion_medical"]);
    // The transparency duty beside the high-risk headline is "also".
    assert_eq!(v.outcome.also.len(), 1);
    assert_eq!(v.outcome.also[0].tier, "transparency");
    assert_eq!(role_of(&v, "chatbot_duty"), Some(FindingRole::Also));
}

#[test]
fn a_system_in_development_gets_the_verdict_for_its_launch() {
    let q = outcome_fixture();
    let today = verdict(&q, json!({"is_ai": "yes", "exclusions": ["pre_market"]}));
    assert_eq!(today.outcome.duties.state, DutyState::NotYet);
    assert_eq!(
        today.outcome.title,
        "Outside the Act — for now: still in development"
    );
    let offer = today.look_ahead.as_ref().expect("offered");
    assert!(offer.verdict.is_none(), "no launch answer yet");
    assert_eq!(offer.questions[0].id, "role");
    assert_eq!(offer.next_question(), Some("role"));
    // Half-way through the launch's questions: the first it still needs.
    let started = verdict(
        &q,
        json!({"is_ai": "yes", "exclusions": ["pre_market"], "role": ["provider"]}),
    );
    let started = started.look_ahead.as_ref().expect("look-ahead");
    assert!(started.verdict.is_some());
    assert_eq!(started.next_question(), Some("practices"));

    let v = verdict(
        &q,
        json!({
            "is_ai": "yes", "exclusions": ["pre_market"], "role": ["provider"],
            "practices": ["none"], "use_area": "hiring", "narrow_task": "no", "on_market": "no",
            "open_source": "no"
        }),
    );
    assert!(v.obligations.is_empty(), "nothing applies today");
    let launch = v.look_ahead.as_ref().expect("look-ahead");
    assert_eq!(launch.label, "When you launch");
    assert_eq!(
        launch.next_question(),
        None,
        "every launch question answered"
    );
    let launch = launch.verdict.as_ref().expect("launch verdict");
    assert!(launch.complete);
    assert!(launch.look_ahead.is_none());
    assert_eq!(launch.outcome.tier, "high_risk");
    assert_eq!(launch.outcome.basis[0].label, "Annex III 4(a)");
    let steps: Vec<When> = launch.plan.iter().map(|s| s.when).collect();
    assert_eq!(steps, [When::AtLaunch, When::From]);
}

#[test]
fn because_lists_the_answers_beyond_the_gates() {
    let v = provider_verdict(json!({"use_area": "other", "chatbot": "no"}));
    let minimal = v.finding("minimal_risk").expect("minimal risk");
    let decided: Vec<&str> = minimal.decided().map(|a| a.question.as_str()).collect();
    let because = each(&minimal.because, |a| a.question.as_str());
    assert!(because.contains(&"is_ai") && because.contains(&"exclusions"));
    assert!(
        !decided.contains(&"is_ai") && !decided.contains(&"exclusions"),
        "{decided:?}"
    );
    assert!(decided.contains(&"chatbot"), "{decided:?}");
    // The gate's own reasons stay with it.
    let gate = v.finding("in_scope").expect("gate");
    assert!(gate.decided().any(|a| a.question == "exclusions"));
}

#[test]
fn without_annotations_the_outcome_falls_back_on_the_data() {
    // The toy fixture has no annotation: its exception is a plain finding.
    let q = toy();
    let v = verdict(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring",
               "narrow_task": "yes", "profiling": "no"}),
    );
    assert_eq!(v.outcome.tier, "minimal");
    assert_eq!(v.outcome.title, "Minimal risk");
    assert_eq!(v.outcome.duties.state, DutyState::From);
    // The tier's "No specific duties." is not said beside a duty.
    assert_eq!(
        v.outcome.summary,
        "1 duty for you under this result, from 2 December 2027."
    );
    let banned = verdict(&q, common::social_scoring_provider());
    assert_eq!(banned.outcome.duties.state, DutyState::Stop);
    assert_eq!(banned.outcome.basis[0].label, "Art 5(1)(c)");
}

#[test]
fn the_sections_come_in_one_order() {
    let v = verdict(
        &outcome_fixture(),
        credit_model(json!({"public": "not_sure"})),
    );
    assert_eq!(
        v.sections(),
        [
            Section::Result,
            Section::Plan,
            Section::OpenPoints,
            Section::Findings,
            Section::Others
        ]
    );
    let roles: Vec<FindingRole> = v.findings_in_order().iter().map(|f| f.role).collect();
    let mut sorted = roles.clone();
    sorted.sort();
    assert_eq!(roles, sorted);
    assert_eq!(roles.first(), Some(&FindingRole::Gate));
}

#[test]
fn a_verdict_saved_before_the_outcome_still_reads() {
    let v = provider_verdict(json!({"use_area": "hiring", "narrow_task": "yes"}));
    let mut saved = serde_json::to_value(&v).expect("JSON");
    for field in [
        "outcome",
        "plan",
        "on_hold",
        "others",
        "settled",
        "look_ahead",
    ] {
        saved.as_object_mut().expect("object").remove(field);
    }
    for finding in saved["findings"].as_array_mut().expect("findings") {
        let finding = finding.as_object_mut().expect("finding");
        finding.remove("role");
        finding.remove("decided_by");
    }
    for obligation in saved["obligations"].as_array_mut().expect("obligations") {
        obligation
            .as_object_mut()
            .expect("obligation")
            .remove("dates_if");
    }
    let old: Verdict = serde_json::from_value(saved).expect("an older verdict reads");
    assert_eq!(old.tier, v.tier);
    assert_eq!(old.settled, SettlingCheck::NotChecked);
}

/// A duty of others that turns on their use is "provisional"; only where
/// the user answered "not sure" may that answer be the reason, and only
/// then may the reports say so (a founder trial of 2.0.0 was told it
/// rested on an answer they were not sure of, having given none).
#[test]
fn a_duty_of_others_rests_on_a_not_sure_only_where_there_is_one() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let q = Questionnaire::load(&root.join("questionnaires/eu-ai-act.json")).expect("shipped");
    let provisional_others = |scenario: &str| {
        let text =
            std::fs::read_to_string(root.join("tests/scenarios").join(scenario)).expect("scenario");
        let scenario: Value = serde_json::from_str(&text).expect("scenario json");
        let v = verdict(&q, scenario["answers"].clone());
        let others: Vec<(String, bool)> = (v.others.iter())
            .filter(|duty| duty.status == Status::Provisional)
            .map(|duty| (duty.obligation.clone(), duty.after_unsure))
            .collect();
        assert!(
            !others.is_empty(),
            "{scenario}: no provisional duty of others"
        );
        others
    };
    // An image generator, every answer definite.
    let certain = provisional_others("039-safeguarded-image-generator.json");
    assert!(
        certain.iter().all(|(_, after_unsure)| !after_unsure),
        "{certain:?}"
    );
    // A copywriter whose maker was not sure what the system does.
    let unsure = provisional_others("129-unsure-screen-legacy-copywriter.json");
    assert!(
        unsure.iter().all(|(_, after_unsure)| *after_unsure),
        "{unsure:?}"
    );
}

/// The result for when a system in development launches says its duties
/// apply from the launch: "all applying now" beside "not applying yet" was
/// a contradiction a tester read on the screen and in the report.
#[test]
fn a_launch_result_says_its_duties_apply_from_the_launch() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let q = Questionnaire::load(&root.join("questionnaires/eu-ai-act.json")).expect("shipped");
    let v = verdict(
        &q,
        json!({
            "subject": "system", "how_it_works": ["learned"], "eu_reach": "eu_based",
            "exclusions": ["pre_market"], "real_world_testing": "no", "role": ["provider"],
            "what_it_does": ["generates_media", "realistic_people"],
            "intimate_output": "cannot_produce", "standard_editing": "no",
            "used_for": ["none"], "first_placed": "before_dec_2027"
        }),
    );
    assert!(
        !v.outcome.summary.contains("applying"),
        "{}",
        v.outcome.summary
    );
    let launched = (v.look_ahead.as_ref())
        .and_then(|ahead| ahead.verdict.as_deref())
        .expect("the launch result");
    assert_eq!(launched.outcome.duties.state, DutyState::Now);
    let summary = &launched.outcome.summary;
    assert!(
        summary.contains("all applying from your launch"),
        "{summary}"
    );
    assert!(!summary.contains("applying now"), "{summary}");
}

#[test]
fn a_deadline_dates_the_duties_still_to_come_and_says_those_that_apply_already() {
    // Founder trial J: a provider testing in real conditions (a duty that
    // applies already) read "18 duties ..., by 2 August 2026 at the
    // latest", under a headline of 2030.
    let mut doc = fixture_json("outcome.json");
    doc["obligations"]
        .as_array_mut()
        .expect("obligations")
        .push(json!({
            "id": "testing", "title": "Test under a plan", "summary": "Before testing.",
            "findings": ["high_risk"], "when": { "condition": "duties_not_barred" },
            "applies_from": [ { "milestone": "transparency" } ]
        }));
    let q = Questionnaire::from_json(&doc.to_string(), "test").expect("valid");
    let v = verdict(&q, credit_model(json!({"public": "yes"})));
    let duties = &v.outcome.duties;
    assert_eq!(
        (duties.state, duties.date, duties.now, duties.count),
        (DutyState::ByDeadline, Some(date(2030, 8, 2)), 1, 2)
    );
    assert!(
        v.outcome
            .summary
            .contains("2 duties (besides AI literacy) for you: 1 applying now, the others by 2 August 2030 at the latest."),
        "{}",
        v.outcome.summary
    );
    // Without a duty that applies already, the sentence is as before.
    let v = verdict(&outcome_fixture(), credit_model(json!({"public": "yes"})));
    assert!(
        v.outcome
            .summary
            .contains("for you, by 2 August 2030 at the latest."),
        "{}",
        v.outcome.summary
    );
}
