//! What a verdict turns on (issue 12), on the toy fixture: which answers,
//! changed alone, would change the result, and what it would then be.

mod common;

use aiact_core::turns_on::{
    Alternative, Aspect, Burden, Call, DecisiveAnswer, Edit, Outlook, decisive_answers,
};
use aiact_core::verdict::Status;
use aiact_core::{AnswerValue, Evaluation, Questionnaire, Verdict};
use common::{answers, each, fixture_json, today, toy};
use serde_json::{Value, json};

fn turns_on(q: &Questionnaire, values: Value) -> Vec<DecisiveAnswer> {
    let answers = answers(q, values);
    decisive_answers(&Evaluation::new(q, &answers), today())
}

fn item<'a>(items: &'a [DecisiveAnswer], question: &str) -> Option<&'a DecisiveAnswer> {
    items.iter().find(|item| item.question == question)
}

/// Answers to the toy fixture: a hiring tool its maker also uses itself:
/// high-risk for both roles.
fn high_risk_provider_and_deployer() -> Value {
    common::merged(
        common::high_risk_provider(),
        json!({"role": ["provider", "deployer"]}),
    )
}

/// The alternative of a choice question that answers `option` instead.
fn alternative<'a>(item: &'a DecisiveAnswer, option: &str) -> Option<&'a Alternative> {
    item.alternatives
        .iter()
        .find(|a| a.answers[0].answer == AnswerValue::Text(option.into()))
}

/// Every other answer tried for a question that changes the result.
fn other_answers(item: &DecisiveAnswer) -> Vec<&AnswerValue> {
    item.alternatives
        .iter()
        .flat_map(|a| &a.answers)
        .map(|a| &a.answer)
        .collect()
}

/// The toy with a duty for a large user base and an author's hint on the
/// use question, to test numbers and hints.
fn toy_with_extras() -> Questionnaire {
    let mut doc = fixture_json("toy.json");
    doc["obligations"]
        .as_array_mut()
        .expect("obligations")
        .push(json!({
            "id": "monitor_use", "title": "Monitor use", "summary": "Many users.",
            "findings": ["large_user_base"], "applies_from": [{ "milestone": "transparency" }]
        }));
    doc["questions"][2]["if_decisive"] =
        json!("Whether screening counts as hiring is a judgment call: read the contract.");
    Questionnaire::from_json(&doc.to_string(), "toy with extras").expect("valid")
}

/// As [`common::high_risk_provider`], not sure whether it was on the market.
const UNSURE_ON_MARKET: fn() -> Value = || json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "no", "on_market": "not_sure"});

#[test]
fn an_answer_that_flips_the_tier_is_decisive_and_says_what_the_tier_would_be() {
    let items = turns_on(&toy(), common::high_risk_provider());
    let is_ai = item(&items, "is_ai").expect("is_ai is decisive");
    assert_eq!(is_ai.answer_label, "Yes");
    assert_eq!(is_ai.impact, Aspect::Tier);
    let no = &is_ai.alternatives[0];
    assert_eq!(no.answers[0].answer, AnswerValue::Text("no".into()));
    assert_eq!(no.answers[0].edit, Edit::Answer);
    assert_eq!(no.outlook, Outlook::Would);
    assert_eq!(no.tier.id, "not_ai_system");
    assert_eq!(no.tier_status, Status::Holds);
    assert_eq!(no.changes[0], Aspect::Tier);
    assert!(no.changes.contains(&Aspect::Roles), "{:?}", no.changes);
    assert!(no.duties.is_empty(), "not an AI system: no duties");
    assert_eq!(
        is_ai.hint.as_deref(),
        Some("Ask your engineers whether the system learns or infers."),
        "without `if_decisive`, the `if_not_sure` advice"
    );
}

#[test]
fn answers_worth_checking_come_first_open_points_then_by_impact() {
    let q = toy();
    let items = turns_on(&q, common::high_risk_provider());
    // Those with another answer worth checking first, then the others.
    let to_check: Vec<bool> = items
        .iter()
        .map(|i| i.to_check().next().is_some())
        .collect();
    let mut sorted = to_check.clone();
    sorted.sort_by_key(|checked| !checked);
    assert_eq!(to_check, sorted, "{items:#?}");
    // A more demanding tier (social scoring is banned) before roles.
    let questions: Vec<&str> = items.iter().map(|i| i.question.as_str()).collect();
    assert_eq!(questions[..2], ["use_area", "role"], "{questions:?}");
    assert_eq!(items[0].impact, Aspect::Tier);
    // Whether it was on the market only moves the date of a duty.
    let on_market = item(&items, "on_market").expect("on_market moves a date");
    assert_eq!(on_market.impact, Aspect::Dates);
    let yes = &on_market.alternatives[0];
    assert_eq!(yes.changes, [Aspect::Dates]);
    assert_eq!(yes.tier.id, "high_risk");
    assert_eq!(yes.duties.len(), 1);
    assert_eq!(yes.duties[0].date, jiff::civil::date(2030, 8, 2));

    // An open point comes first, whatever it changes.
    let unsure = turns_on(&q, UNSURE_ON_MARKET());
    assert_eq!(unsure[0].question, "on_market");
    assert_eq!(unsure[0].call, Call::NotSure);
    assert_eq!(unsure[0].impact, Aspect::Dates);
}

#[test]
fn a_sure_answer_is_checked_against_the_other_answers_that_ask_more() {
    let q = toy();
    let items = turns_on(&q, common::high_risk_provider());
    // Not an AI system after all would ask less: decisive, not to check.
    let is_ai = item(&items, "is_ai").expect("is_ai is decisive");
    assert_eq!(is_ai.call, Call::Fact);
    assert_eq!(is_ai.alternatives[0].burden, Burden::Lighter);
    assert_eq!(is_ai.to_check().count(), 0);
    // Social scoring would be banned: more demanding, to check.
    let use_area = item(&items, "use_area").expect("use_area is decisive");
    let checked: Vec<&AnswerValue> = use_area
        .to_check()
        .flat_map(|a| &a.answers)
        .map(|a| &a.answer)
        .collect();
    assert_eq!(checked, [&AnswerValue::Text("scoring".into())]);
    assert_eq!(use_area.alternatives[0].burden, Burden::Heavier);

    // A "not sure" is settled either way: every definite answer counts.
    let unsure = turns_on(&q, UNSURE_ON_MARKET());
    let on_market = item(&unsure, "on_market").expect("on_market is open");
    let burdens: Vec<Burden> = on_market.to_check().map(|a| a.burden).collect();
    assert_eq!(
        burdens,
        [Burden::Heavier, Burden::Lighter],
        "{on_market:#?}"
    );
}

#[test]
fn a_date_that_might_apply_instead_is_part_of_the_result() {
    // Not sure whether it was on the market: the duty applies from 2
    // December 2027, or from 2 August 2030. "No" rules the later date out:
    // it changes the dates although the first date stays.
    let items = turns_on(&toy(), UNSURE_ON_MARKET());
    let on_market = item(&items, "on_market").expect("on_market is open");
    let no = alternative(on_market, "no").expect("answering no changes the dates");
    assert_eq!(no.changes, [Aspect::Dates]);
    assert_eq!(no.burden, Burden::Heavier);
    assert_eq!(no.duties[0].date, jiff::civil::date(2027, 12, 2));
    assert!(no.duties[0].other_possible_dates.is_empty(), "{no:#?}");
}

#[test]
fn a_date_that_has_come_either_way_changes_nothing() {
    // Whether it was on the market moves the duty between 2 December 2027
    // and 2 August 2030; once both have come, it applies now either way.
    let q = toy();
    let later = jiff::civil::date(2031, 1, 1);
    for values in [common::high_risk_provider(), UNSURE_ON_MARKET()] {
        let answers = answers(&q, values);
        let evaluation = Evaluation::new(&q, &answers);
        let before = decisive_answers(&evaluation, today());
        assert!(item(&before, "on_market").is_some(), "{before:#?}");
        let after = decisive_answers(&evaluation, later);
        assert!(item(&after, "on_market").is_none(), "{after:#?}");
    }
}

#[test]
fn a_chance_of_an_exempting_tier_is_a_change_of_tier() {
    // Not sure it is an AI system: high-risk, or maybe not an AI system.
    let items = turns_on(
        &toy(),
        json!({"is_ai": "not_sure", "role": ["provider"], "use_area": "hiring", "narrow_task": "no", "on_market": "no"}),
    );
    let is_ai = item(&items, "is_ai").expect("is_ai is open");
    let yes = alternative(is_ai, "yes").expect("answering yes rules the exemption out");
    assert_eq!(yes.tier.id, "high_risk");
    assert!(yes.possible_tiers.is_empty());
    assert_eq!(yes.changes[0], Aspect::Tier);
    assert_eq!(yes.burden, Burden::Heavier);
}

#[test]
fn an_answer_whose_alternatives_change_nothing_is_not_listed() {
    let q = toy();
    // The number of users only decides an informational finding.
    let items = turns_on(
        &q,
        json!({"is_ai": "yes", "role": ["deployer"], "use_area": "other", "chatbot": "no", "users": 50}),
    );
    assert!(item(&items, "users").is_none(), "{items:#?}");
    assert!(item(&items, "is_ai").is_some());
}

#[test]
fn numbers_are_tried_on_the_other_side_of_each_threshold() {
    let q = toy_with_extras();
    let values = json!({"is_ai": "yes", "role": ["deployer"], "use_area": "other", "chatbot": "no", "users": 50});
    let items = turns_on(&q, values);
    let users = item(&items, "users").expect("a duty hangs on the number now");
    assert_eq!(other_answers(users), [&AnswerValue::Number(1000.0)]);
    assert_eq!(users.alternatives[0].answers[0].answer_label, "1000 people");
    assert_eq!(users.alternatives[0].changes, [Aspect::Duties]);

    let above = turns_on(
        &q,
        json!({"is_ai": "yes", "role": ["deployer"], "use_area": "other", "chatbot": "no", "users": 5000}),
    );
    let users = item(&above, "users").expect("decisive from above too");
    assert_eq!(other_answers(users), [&AnswerValue::Number(100.0)]);
}

#[test]
fn multiple_choice_alternatives_tick_or_untick_one_option_at_a_time() {
    let items = turns_on(&toy(), high_risk_provider_and_deployer());
    let role = item(&items, "role").expect("roles change duties");
    let mut tried: Vec<(Edit, Option<&str>, &AnswerValue)> = role
        .alternatives
        .iter()
        .flat_map(|a| &a.answers)
        .map(|a| (a.edit, a.option.as_deref(), &a.answer))
        .collect();
    tried.sort_by_key(|(_, option, _)| *option);
    let list = |ids: &[&str]| AnswerValue::List(ids.iter().map(|id| id.to_string()).collect());
    assert_eq!(
        tried,
        [
            (Edit::Untick, Some("deployer"), &list(&["provider"])),
            (Edit::Only, Some("none"), &list(&["none"])),
            (Edit::Untick, Some("provider"), &list(&["deployer"])),
        ]
    );
    let untick_provider = role
        .alternatives
        .iter()
        .find(|a| {
            a.answers
                .iter()
                .any(|o| o.option.as_deref() == Some("provider"))
        })
        .expect("unticking provider");
    assert_eq!(
        each(&untick_provider.roles, |r| r.id.as_str()),
        ["deployer"]
    );
}

#[test]
fn a_single_tick_can_also_be_swapped_where_that_changes_more_than_ticking_both() {
    let q = toy();
    let edits = |values: Value| -> Vec<(Edit, Option<String>)> {
        let items = turns_on(&q, values);
        item(&items, "role")
            .expect("roles change duties")
            .alternatives
            .iter()
            .flat_map(|a| &a.answers)
            .map(|a| (a.edit, a.option.clone()))
            .collect()
    };
    let deployer = Some("deployer".to_owned());
    // A chatbot's provider: deploying it as well adds a role; deploying it
    // instead also drops the provider's duty to disclose the AI.
    let chatbot = edits(common::chatbot_provider());
    assert!(
        chatbot.contains(&(Edit::Tick, deployer.clone())),
        "{chatbot:?}"
    );
    assert!(
        chatbot.contains(&(Edit::Instead, deployer.clone())),
        "{chatbot:?}"
    );
    assert!(
        chatbot.contains(&(Edit::Only, Some("none".to_owned()))),
        "{chatbot:?}"
    );
    // Unticking the only option would leave no answer: not admissible.
    assert!(
        !chatbot.iter().any(|(edit, _)| *edit == Edit::Untick),
        "{chatbot:?}"
    );
    // High-risk: either way the deployer's duties come and the provider's
    // stay or go alike, so the swap says nothing the tick does not.
    let high_risk = edits(common::high_risk_provider());
    assert!(
        high_risk.contains(&(Edit::Tick, deployer.clone())),
        "{high_risk:?}"
    );
    assert!(
        !high_risk.contains(&(Edit::Instead, deployer)),
        "{high_risk:?}"
    );
}

#[test]
fn an_alternative_that_opens_unanswered_questions_could_become_something() {
    let items = turns_on(&toy(), common::high_risk_provider());
    let narrow = item(&items, "narrow_task").expect("the narrow task is decisive");
    let yes = alternative(narrow, "yes").expect("answering yes changes the result");
    assert_eq!(yes.outlook, Outlook::CouldBecome);
    let opened: Vec<&str> = yes.opens.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(opened, ["profiling"]);
    // The exemption might hold, depending on the profiling question.
    assert!(
        yes.changes.contains(&Aspect::HighRiskExemption),
        "{:?}",
        yes.changes
    );
    assert_eq!(yes.tier.id, "high_risk");
    assert_eq!(yes.tier_status, Status::Provisional);
}

#[test]
fn not_sure_is_listed_only_when_no_definite_answer_changes_anything() {
    let items = turns_on(&toy(), common::high_risk_provider());
    for item in &items {
        let unsure: Vec<&str> = item
            .alternatives
            .iter()
            .flat_map(|a| &a.answers)
            .filter(|a| a.edit == Edit::NotSure)
            .map(|_| item.question.as_str())
            .collect();
        assert!(unsure.is_empty(), "{unsure:?}");
    }
}

#[test]
fn the_authors_hint_comes_first_and_marks_a_hard_call() {
    let q = toy_with_extras();
    let items = turns_on(&q, common::high_risk_provider());
    let use_area = item(&items, "use_area").expect("the use decides the tier");
    assert_eq!(
        use_area.hint.as_deref(),
        Some("Whether screening counts as hiring is a judgment call: read the contract.")
    );
    // A hard call; among the answers to check, it comes first.
    assert_eq!(use_area.call, Call::HardCall);
    assert_eq!(items[0].question, "use_area");
}

#[test]
fn the_result_does_not_depend_on_the_order_of_the_answers_or_on_stale_ones() {
    let q = toy();
    let first = turns_on(&q, high_risk_provider_and_deployer());
    let reordered = turns_on(
        &q,
        json!({"on_market": "no", "narrow_task": "no", "use_area": "hiring", "role": ["deployer", "provider"], "is_ai": "yes"}),
    );
    assert_eq!(first, reordered);
    // An answer kept from an earlier path (chatbot is not asked for hiring)
    // changes nothing: the questions an alternative opens count as unknown.
    let with_stale = turns_on(
        &q,
        common::merged(
            high_risk_provider_and_deployer(),
            json!({"chatbot": "yes", "profiling": "no"}),
        ),
    );
    assert_eq!(first, with_stale);
}

#[test]
fn the_verdict_carries_what_it_turns_on_only_when_asked_for() {
    let q = toy();
    let answers = answers(&q, common::high_risk_provider());
    let evaluation = Evaluation::new(&q, &answers);
    let plain = Verdict::from_evaluation(&evaluation, today());
    assert!(plain.turns_on.is_none());
    let json = serde_json::to_value(&plain).expect("serialises");
    assert!(
        json.get("turns_on").is_none(),
        "omitted when not worked out"
    );

    let full = Verdict::from_evaluation(&evaluation, today()).with_turns_on(&evaluation);
    let items = full.turns_on.as_deref().expect("worked out");
    assert_eq!(items, decisive_answers(&evaluation, today()).as_slice());
    let json = serde_json::to_value(&full).expect("serialises");
    assert_eq!(json["turns_on"][0]["alternatives"][0]["outlook"], "would");
    let back: Verdict = serde_json::from_value(json).expect("reads back");
    assert_eq!(back, full);
}

#[test]
fn nothing_is_decisive_when_no_answer_is_read_by_a_condition_that_matters() {
    // A questionnaire whose only question decides nothing that is shown.
    let mut doc = fixture_json("toy.json");
    doc["questions"] =
        json!([{ "id": "q", "section": "basics", "kind": "yes_no", "text": "Anything?" }]);
    doc["findings"] = json!([{
        "id": "note", "title": "A note", "explanation": "Information only.",
        "when": { "equals": { "question": "q", "value": "yes" } }
    }]);
    doc["roles"] = json!([]);
    doc["obligations"] = json!([]);
    let q = Questionnaire::from_json(&doc.to_string(), "one question").expect("valid");
    assert!(turns_on(&q, json!({"q": "yes"})).is_empty());
}

#[test]
fn a_verdict_saved_before_the_new_fields_still_reads() {
    // What a verdict's JSON held before `call`, `burden`, `possible_tiers`
    // and `opens_elsewhere` were added: it reads, as a fact whose other
    // answers are all worth checking.
    let q = toy();
    let answers = answers(&q, common::high_risk_provider());
    let evaluation = Evaluation::new(&q, &answers);
    let full = Verdict::from_evaluation(&evaluation, today()).with_turns_on(&evaluation);
    let mut json = serde_json::to_value(&full).expect("serialises");
    for item in json["turns_on"].as_array_mut().expect("a list") {
        let item = item.as_object_mut().expect("an item");
        item.remove("call");
        for alternative in item["alternatives"].as_array_mut().expect("a list") {
            let alternative = alternative.as_object_mut().expect("an alternative");
            for field in ["burden", "possible_tiers", "opens_elsewhere"] {
                alternative.remove(field);
            }
        }
    }
    let old: Verdict = serde_json::from_value(json).expect("reads");
    let items = old.turns_on.expect("kept");
    assert!(items.iter().all(|item| item.call == Call::Fact));
    assert!(
        items
            .iter()
            .all(|item| item.to_check().count() == item.alternatives.len())
    );
}
