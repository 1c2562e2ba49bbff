//! The verdict on the toy fixture: headline tier and its precedence,
//! findings with their reasons, obligations by role and date, open points.

mod common;

use std::sync::Arc;

use aiact_core::verdict::{Status, Subject};
use aiact_core::{Assessment, Command, Questionnaire, Verdict};
use common::{answers, each, fixture_json, today, toy};
use jiff::civil::date;
use serde_json::json;

fn verdict(q: &Questionnaire, values: serde_json::Value) -> Verdict {
    Verdict::compute(q, &answers(q, values), today())
}

fn finding_ids(verdict: &Verdict) -> Vec<&str> {
    verdict.findings.iter().map(|f| f.id.as_str()).collect()
}

fn obligation_ids(verdict: &Verdict) -> Vec<&str> {
    verdict.obligations.iter().map(|o| o.id.as_str()).collect()
}

#[test]
fn not_an_ai_system() {
    let v = verdict(&toy(), json!({"is_ai": "no"}));
    assert!(v.complete);
    assert_eq!(v.tier.id, "not_ai_system");
    assert_eq!(finding_ids(&v), ["not_ai"]);
    assert!(v.obligations.is_empty());
    assert!(v.roles.is_empty());
}

#[test]
fn no_finding_with_a_tier_gives_the_default_tier() {
    let v = verdict(
        &toy(),
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "other", "chatbot": "no"}),
    );
    assert!(v.complete);
    assert_eq!(v.tier.id, "minimal");
    assert!(v.findings.is_empty());
}

#[test]
fn a_finding_carries_the_answers_that_made_it_hold_and_its_references() {
    let v = verdict(&toy(), common::high_risk_provider());
    assert_eq!(v.tier.id, "high_risk");
    let finding = v.finding("high_risk").expect("high-risk finding");
    assert_eq!(finding.status, Status::Holds);
    assert_eq!(
        each(&finding.because, |r| (
            r.question.as_str(),
            r.answer_label.as_str()
        )),
        [
            ("use_area", "Screening job applicants"),
            ("narrow_task", "No")
        ]
    );
    let labels: Vec<&str> = finding.refs.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Article 6(2)", "Annex III"]);
    assert_eq!(
        finding.refs[0].url,
        "https://eur-lex.europa.eu/eli/reg/2024/1689/oj/eng#art_6"
    );
}

#[test]
fn the_highest_tier_wins_and_the_other_findings_stay() {
    // Let `chatbot` be asked for any use, so that high-risk and transparency
    // can hold together.
    let mut doc = fixture_json("toy.json");
    doc["questions"][6]["when"] = json!({"answered": "use_area"});
    let q = Questionnaire::from_json(&doc.to_string(), "toy.json").expect("valid");
    let v = verdict(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "no", "on_market": "no", "chatbot": "yes"}),
    );
    assert_eq!(v.tier.id, "high_risk");
    assert_eq!(finding_ids(&v), ["high_risk", "chatbot_duty"]);
    assert_eq!(obligation_ids(&v), ["hr_provider", "disclose"]);
}

#[test]
fn prohibited_outranks_everything_in_the_pyramid() {
    let v = verdict(&toy(), common::social_scoring_provider());
    assert_eq!(v.tier.id, "prohibited");
    assert!(v.tier.in_pyramid);
    let stop = v.obligation("stop").expect("stop obligation");
    assert!(stop.applies.now, "prohibitions apply since 2 February 2025");
    assert_eq!(stop.roles, Vec::<String>::new(), "falls on every role");
}

#[test]
fn obligations_follow_the_users_roles() {
    let base =
        json!({"is_ai": "yes", "use_area": "hiring", "narrow_task": "no", "on_market": "no"});
    let with_roles = |roles: serde_json::Value| {
        let mut values = base.clone();
        values["role"] = roles;
        if values["role"]
            .as_array()
            .is_some_and(|r| r.contains(&json!("deployer")))
        {
            values["users"] = json!(10);
        }
        verdict(&toy(), values)
    };
    assert_eq!(
        obligation_ids(&with_roles(json!(["provider"]))),
        ["hr_provider"]
    );
    assert_eq!(
        obligation_ids(&with_roles(json!(["deployer"]))),
        ["hr_deployer"]
    );
    assert_eq!(
        obligation_ids(&with_roles(json!(["provider", "deployer"]))),
        ["hr_provider", "hr_deployer"]
    );
    assert!(obligation_ids(&with_roles(json!(["none"]))).is_empty());
}

#[test]
fn obligations_are_dated_against_today() {
    let q = toy();
    let values = common::chatbot_provider();
    let disclose = |on: jiff::civil::Date| {
        Verdict::compute(&q, &answers(&q, values.clone()), on)
            .obligation("disclose")
            .expect("disclose")
            .applies
            .clone()
    };
    let before = disclose(date(2026, 8, 1));
    assert!(!before.now);
    assert_eq!(before.milestone.date, date(2026, 8, 2));
    assert!(disclose(date(2026, 8, 2)).now, "applies on the day itself");
    assert!(disclose(today()).now);
}

#[test]
fn the_first_date_rule_that_holds_gives_the_date() {
    let q = toy();
    let base =
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "no"});
    let date_for = |on_market: &str| {
        let mut values = base.clone();
        values["on_market"] = json!(on_market);
        let v = verdict(&q, values);
        let obligation = v.obligation("hr_provider").expect("hr_provider").clone();
        (
            obligation.applies.milestone.id,
            obligation
                .other_possible_dates
                .into_iter()
                .map(|m| m.id)
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(date_for("yes"), ("legacy".to_owned(), vec![]));
    assert_eq!(date_for("no"), ("annex_iii".to_owned(), vec![]));
    assert_eq!(
        date_for("not_sure"),
        ("annex_iii".to_owned(), vec!["legacy".to_owned()])
    );
}

#[test]
fn reported_dates_say_so() {
    let v = verdict(&toy(), common::high_risk_provider());
    let milestone = &v.obligation("hr_provider").expect("hr").applies.milestone;
    assert_eq!(milestone.status, aiact_core::model::Certainty::Reported);
    assert!(milestone.note.is_some());
}

#[test]
fn not_sure_makes_findings_provisional_and_lists_open_points() {
    let v = verdict(&toy(), common::unsure_narrow_task());
    assert!(v.complete);
    let high_risk = v.finding("high_risk").expect("listed");
    assert_eq!(high_risk.status, Status::Provisional);
    // The most demanding tier not ruled out is the headline, marked provisional.
    assert_eq!(v.tier.id, "high_risk");
    assert_eq!(v.tier_status, Status::Provisional);
    assert!(v.possible_tiers.is_empty());
    let point = v
        .open_points
        .iter()
        .find(|p| p.id == "high_risk")
        .expect("open point");
    assert_eq!(point.subject, Subject::Finding);
    assert_eq!(
        point.to_check.as_deref(),
        Some("Whether the Art. 6(3) exception applies.")
    );
    assert_eq!(
        each(&point.unsure_answers, |u| u.question.as_str()),
        ["narrow_task"]
    );
    assert_eq!(
        point.unsure_answers[0].if_not_sure.as_deref(),
        Some("Compare with the examples in recital 53.")
    );
    assert_eq!(
        each(&high_risk.because, |r| r.question.as_str()),
        ["use_area", "narrow_task", "profiling"],
        "definite parts are reasons too"
    );
    let obligation = v.obligation("hr_provider").expect("provisional obligation");
    assert_eq!(obligation.status, Status::Provisional);
}

#[test]
fn what_a_finding_means_for_the_user_is_said_only_when_it_holds_for_sure() {
    let sure = verdict(&toy(), common::high_risk_provider());
    let finding = sure.finding("high_risk").expect("holds");
    assert_eq!(finding.status, Status::Holds);
    assert_eq!(finding.explanation, "Listed use-case. Yours is one.");

    let unsure = verdict(&toy(), common::unsure_narrow_task());
    let finding = unsure.finding("high_risk").expect("provisional");
    assert_eq!(finding.status, Status::Provisional);
    assert_eq!(
        finding.explanation, "Listed use-case.",
        "a provisional finding never claims to apply"
    );
}

#[test]
fn open_points_group_by_the_answer_to_settle() {
    // Two open points rest on the same "not sure".
    let v = verdict(&toy(), common::unsure_narrow_task());
    assert_eq!(v.open_points.len(), 2);
    let questions = v.open_questions();
    assert_eq!(questions.len(), 1, "one answer to settle");
    assert_eq!(questions[0].answer.question, "narrow_task");
    let points: Vec<(&str, bool)> = questions[0]
        .points
        .iter()
        .map(|m| (m.point.id.as_str(), m.first))
        .collect();
    assert_eq!(points.len(), 2);
    assert!(points.iter().all(|(_, first)| *first));

    // A point resting on two answers is described under the first only.
    let v = verdict(
        &toy(),
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "not_sure", "narrow_task": "not_sure", "profiling": "no", "on_market": "no", "chatbot": "no"}),
    );
    let questions = v.open_questions();
    let mentions = |question: &str| -> Vec<(String, bool)> {
        questions
            .iter()
            .find(|q| q.answer.question == question)
            .map(|q| {
                q.points
                    .iter()
                    .map(|m| (m.point.id.clone(), m.first))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(
        mentions("use_area").contains(&("high_risk".to_owned(), true)),
        "{questions:?}"
    );
    assert!(
        mentions("narrow_task").contains(&("high_risk".to_owned(), false)),
        "{questions:?}"
    );
}

#[test]
fn a_provisional_exemption_is_never_the_headline() {
    // Not sure it is an AI system at all: the duties it would have stay the
    // headline, provisionally, and the exemption is shown as possible.
    let v = verdict(
        &toy(),
        json!({"is_ai": "not_sure", "role": ["provider"], "use_area": "hiring", "narrow_task": "no", "on_market": "no"}),
    );
    assert_eq!(v.tier.id, "high_risk");
    assert_eq!(v.tier_status, Status::Provisional);
    assert_eq!(
        each(&v.possible_tiers, |p| p.tier.id.as_str()),
        ["not_ai_system"]
    );
    assert!(v.possible_tiers[0].tier.exempts);
}

#[test]
fn a_sure_exemption_is_the_headline() {
    let v = verdict(&toy(), json!({"is_ai": "no"}));
    assert_eq!(
        (v.tier.id.as_str(), v.tier_status),
        ("not_ai_system", Status::Holds)
    );
}

#[test]
fn a_definite_headline_has_status_holds() {
    let v = verdict(&toy(), common::social_scoring_provider());
    assert_eq!(v.tier_status, Status::Holds);
}

#[test]
fn internal_findings_work_in_conditions_but_stay_out_of_the_verdict() {
    let mut doc = fixture_json("toy.json");
    doc["findings"][2]["internal"] = json!(true); // `exception`, used by `high_risk`
    let q = Questionnaire::from_json(&doc.to_string(), "toy.json").expect("valid");
    let excepted = verdict(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "yes", "profiling": "no"}),
    );
    assert!(excepted.finding("exception").is_none());
    assert!(
        excepted.finding("high_risk").is_none(),
        "the condition still sees it"
    );
    assert!(
        excepted.obligation("register_exception").is_some(),
        "obligations still hang off it"
    );
    let unsure = verdict(&q, common::unsure_narrow_task());
    assert!(unsure.open_points.iter().all(|p| p.id != "exception"));
    assert!(unsure.open_points.iter().any(|p| p.id == "high_risk"));
}

#[test]
fn context_items_are_marked_as_such() {
    let mut doc = fixture_json("toy.json");
    doc["obligations"][0]["kind"] = json!("context");
    let q = Questionnaire::from_json(&doc.to_string(), "toy.json").expect("valid");
    let v = verdict(&q, common::social_scoring_provider());
    assert_eq!(
        v.obligation("stop").map(|o| o.kind),
        Some(aiact_core::model::ObligationKind::Context)
    );
    let json = serde_json::to_value(&v).expect("json");
    assert_eq!(json["obligations"][0]["kind"], "context");
}

#[test]
fn a_provisional_lower_tier_does_not_show_as_possible() {
    // Not sure whether it talks to people, but it is definitely prohibited.
    let mut doc = fixture_json("toy.json");
    doc["questions"][6]["when"] = json!({"answered": "use_area"});
    doc["questions"][6]["allow_not_sure"] = json!(true);
    let q = Questionnaire::from_json(&doc.to_string(), "toy.json").expect("valid");
    let v = verdict(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "scoring", "chatbot": "not_sure"}),
    );
    assert_eq!(v.tier.id, "prohibited");
    assert!(v.possible_tiers.is_empty());
    assert_eq!(
        v.finding("chatbot_duty").map(|f| f.status),
        Some(Status::Provisional)
    );
}

#[test]
fn an_unsure_role_is_an_open_point() {
    let mut doc = fixture_json("toy.json");
    doc["questions"][1]["allow_not_sure"] = json!(true);
    let q = Questionnaire::from_json(&doc.to_string(), "toy.json").expect("valid");
    let v = verdict(
        &q,
        json!({"is_ai": "yes", "role": "not_sure", "use_area": "chat", "chatbot": "yes", "users": 5}),
    );
    assert!(
        v.open_points
            .iter()
            .any(|p| p.subject == Subject::Role && p.id == "provider")
    );
    assert_eq!(
        v.obligation("disclose").map(|o| o.status),
        Some(Status::Provisional)
    );
}

#[test]
fn incomplete_answers_list_the_questions_still_needed() {
    let v = verdict(&toy(), json!({"is_ai": "yes"}));
    assert!(!v.complete);
    let missing: Vec<&str> = v.missing.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(missing, ["role", "use_area"]);
}

#[test]
fn the_verdict_round_trips_through_json() {
    let v = verdict(
        &toy(),
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "not_sure", "profiling": "no", "on_market": "not_sure"}),
    );
    let text = serde_json::to_string_pretty(&v).expect("serialise");
    let back: Verdict = serde_json::from_str(&text).expect("deserialise");
    assert_eq!(back, v);
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(value["format"], "aiact-verdict/1");
    assert_eq!(value["evaluated_on"], "2026-11-23");
    assert_eq!(value["findings"][0]["status"], "provisional");
}

/// Nothing but the questionnaire, the answers and the date goes into a
/// verdict: not the system clock, not the way the answers came about (their
/// order, answers changed on the way), not which copy of the questionnaire
/// (its lookup tables are seeded per copy), not what was worked out before.
#[test]
fn the_verdict_depends_only_on_its_inputs() {
    let values = json!({"is_ai": "yes", "role": ["provider", "deployer"], "use_area": "credit", "narrow_task": "no", "on_market": "yes", "users": 4000});
    let mut by_day = Vec::new();
    // Far from today's clock, either side of the toy's milestones.
    for day in [date(2024, 1, 1), date(2031, 1, 1)] {
        let q = toy();
        let direct = Verdict::compute(&q, &answers(&q, values.clone()), day);
        assert_eq!(direct.evaluated_on, day);
        assert!(!direct.obligations.is_empty());
        for obligation in &direct.obligations {
            assert_eq!(
                obligation.applies.now,
                obligation.applies.milestone.date <= day,
                "{}: applies now by the given date, not the clock",
                obligation.id
            );
        }
        // Another copy of the questionnaire, after another verdict, and
        // the same answers reached another way: backwards, with detours.
        let other = Arc::new(toy());
        let _ = Verdict::compute(&other, &answers(&other, json!({"is_ai": "no"})), today());
        let mut assessment = Assessment::start(Arc::clone(&other), day);
        let steps = [
            ("users", json!(10)),
            ("use_area", json!("scoring")),
            ("on_market", json!("yes")),
            ("narrow_task", json!("no")),
            ("use_area", json!("credit")),
            ("role", json!(["deployer", "provider"])),
            ("users", json!(4000)),
            ("is_ai", json!("yes")),
        ];
        for (question, value) in steps {
            let command = Command::Answer {
                question: question.to_owned(),
                value: serde_json::from_value(value).expect("an answer value"),
            };
            assessment.apply(command).expect("fits");
        }
        assert_eq!(assessment.verdict(), &direct, "{day}");
        by_day.push(direct);
    }
    assert_ne!(by_day[0], by_day[1], "the date is an input");
}

#[test]
fn an_unfinished_verdict_claims_only_what_already_holds() {
    // Answering that it is an AI system used for hiring says nothing yet
    // about the Art. 6(3) exception: high-risk is open, not concluded.
    let v = verdict(
        &toy(),
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring"}),
    );
    assert!(!v.complete);
    assert!(
        v.finding("high_risk").is_none(),
        "not a result yet, and no 'not sure' behind it"
    );
    assert!(v.obligation("hr_provider").is_none());
    assert_eq!(
        (v.tier.id.as_str(), v.tier_status),
        ("minimal", Status::Provisional)
    );
    assert_eq!(
        v.decided_tier(),
        None,
        "the default tier is a placeholder, not a result"
    );
    assert!(v.possible_tiers.is_empty());
    assert!(
        v.open_points.is_empty(),
        "questions still to answer are not open points"
    );
}

#[test]
fn an_unfinished_verdict_keeps_what_holds_whatever_comes() {
    let v = verdict(&toy(), common::social_scoring_provider());
    assert!(v.complete);
    let unfinished = verdict(&toy(), json!({"is_ai": "yes", "use_area": "scoring"}));
    assert!(!unfinished.complete, "the role is still to answer");
    assert_eq!(
        unfinished.finding("social_scoring").map(|f| f.status),
        Some(Status::Holds)
    );
    assert_eq!(
        (unfinished.tier.id.as_str(), unfinished.tier_status),
        ("prohibited", Status::Provisional)
    );
    assert_eq!(
        unfinished.decided_tier().map(|tier| tier.id.as_str()),
        Some("prohibited"),
        "a finding that holds decides the tier so far"
    );
    assert_eq!(
        v.decided_tier().map(|tier| tier.id.as_str()),
        Some(v.tier.id.as_str())
    );
}

#[test]
fn an_unfinished_verdict_keeps_what_rests_on_a_not_sure() {
    // Unsure about the narrow task, with the rest of the path still open:
    // high-risk may hold because of that answer, so it is shown provisional.
    let v = verdict(
        &toy(),
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "not_sure", "profiling": "no"}),
    );
    assert!(!v.complete, "on_market is still to answer");
    assert_eq!(
        v.finding("high_risk").map(|f| f.status),
        Some(Status::Provisional)
    );
    assert!(v.open_points.iter().any(|p| p.id == "high_risk"));
}
