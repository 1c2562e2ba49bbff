//! Each load-time check, triggered by a small change to the toy fixture.

mod common;

use aiact_core::{Checks, Item, LoadError, Problem, Questionnaire};
use common::fixture_json;
use serde_json::{Value, json};

/// Validates a modified copy of the toy fixture and returns its problems.
fn problems(change: impl FnOnce(&mut Value)) -> Vec<(Item, Problem)> {
    problems_in(fixture_json("toy.json"), change)
}

/// The same, on the toy fixture written with names (`named_toy_json`).
fn named_problems(change: impl FnOnce(&mut Value)) -> Vec<(Item, Problem)> {
    problems_in(common::named_toy_json(), change)
}

fn problems_in(mut doc: Value, change: impl FnOnce(&mut Value)) -> Vec<(Item, Problem)> {
    change(&mut doc);
    match Questionnaire::from_json(&doc.to_string(), "toy.json") {
        Ok(_) => Vec::new(),
        Err(LoadError::Invalid { errors, .. }) => {
            errors.into_iter().map(|e| (e.item, e.problem)).collect()
        }
        Err(other) => panic!("expected validation errors, got {other}"),
    }
}

/// The entry of the list `doc[list]` called `id`.
fn entry<'a>(doc: &'a mut Value, list: &str, id: &str) -> &'a mut Value {
    doc[list]
        .as_array_mut()
        .and_then(|entries| entries.iter_mut().find(|entry| entry["id"] == id))
        .unwrap_or_else(|| panic!("no {list} entry `{id}` in the fixture"))
}

fn question<'a>(doc: &'a mut Value, id: &str) -> &'a mut Value {
    entry(doc, "questions", id)
}

/// The problems of the toy fixture with `when` as the condition of
/// `chatbot` (asked last).
fn chatbot_condition(when: Value) -> Vec<(Item, Problem)> {
    problems(|doc| question(doc, "chatbot")["when"] = when)
}

fn q(id: &str) -> Item {
    Item::Question(id.to_owned())
}

#[test]
fn the_toy_fixture_is_valid() {
    assert_eq!(problems(|_| {}), vec![]);
}

#[test]
fn duplicate_question_id_is_named() {
    let found = problems(|doc| {
        let copy = question(doc, "chatbot").clone();
        doc["questions"].as_array_mut().unwrap().push(copy);
    });
    assert_eq!(
        found,
        vec![(
            q("chatbot"),
            Problem::DuplicateId {
                kind: "question",
                id: "chatbot".into()
            }
        )]
    );
}

#[test]
fn duplicate_option_and_reserved_option_ids() {
    let found = problems(|doc| {
        let options = question(doc, "use_area")["options"].as_array_mut().unwrap();
        options.push(json!({"id": "chat", "label": "Again"}));
        options.push(json!({"id": "not_sure", "label": "Dunno"}));
    });
    let option = |id: &str| Item::Option {
        question: "use_area".into(),
        option: id.into(),
    };
    assert!(found.contains(&(
        option("chat"),
        Problem::DuplicateId {
            kind: "option of this question",
            id: "chat".into()
        }
    )));
    assert!(found.contains(&(option("not_sure"), Problem::ReservedId("not_sure".into()))));
}

#[test]
fn condition_naming_an_unknown_question() {
    let found = chatbot_condition(json!({"equals": {"question": "nope", "value": "yes"}}));
    assert_eq!(
        found,
        vec![(q("chatbot"), Problem::UnknownQuestion("nope".into()))]
    );
}

#[test]
fn a_milestone_note_for_particular_systems_names_known_questions() {
    let found = problems(|doc| {
        doc["milestones"][2]["notes_when"] = json!([{
            "when": {"equals": {"question": "nope", "value": "yes"}},
            "note": "Only for some."
        }]);
    });
    assert_eq!(
        found,
        vec![(
            Item::Milestone("annex_iii".into()),
            Problem::UnknownQuestion("nope".into())
        )]
    );
}

#[test]
fn condition_naming_an_unknown_option() {
    let found = chatbot_condition(json!({"equals": {"question": "use_area", "value": "cooking"}}));
    assert_eq!(
        found,
        vec![(
            q("chatbot"),
            Problem::UnknownOption {
                question: "use_area".into(),
                option: "cooking".into()
            }
        )]
    );
}

#[test]
fn condition_using_the_wrong_operator_for_the_kind() {
    let found = chatbot_condition(json!({"includes": {"question": "use_area", "option": "chat"}}));
    assert!(matches!(
        found.as_slice(),
        [(
            _,
            Problem::WrongOperator {
                operator: "includes",
                ..
            }
        )]
    ));
}

#[test]
fn testing_for_not_sure_where_it_is_not_offered() {
    let found = chatbot_condition(json!({"equals": {"question": "role", "value": "not_sure"}}));
    assert_eq!(
        found,
        vec![(
            q("chatbot"),
            Problem::NotSureNotOffered {
                question: "role".into()
            }
        )]
    );
}

#[test]
fn condition_on_a_later_question_is_a_cycle() {
    let found = problems(|doc| {
        question(doc, "role")["when"] = json!({"equals": {"question": "chatbot", "value": "yes"}});
    });
    assert!(found.contains(&(
        q("role"),
        Problem::LaterQuestion {
            question: "chatbot".into()
        }
    )));
}

#[test]
fn condition_on_the_question_itself_is_a_cycle() {
    let found = chatbot_condition(json!({"answered": "chatbot"}));
    assert_eq!(
        found,
        vec![(
            q("chatbot"),
            Problem::LaterQuestion {
                question: "chatbot".into()
            }
        )]
    );
}

#[test]
fn a_later_question_reached_through_a_finding_is_a_cycle() {
    // `on_market` is asked when `high_risk` holds; make that finding look at
    // `chatbot`, which comes after `on_market`.
    let found = problems(|doc| {
        doc["findings"][3]["when"] = json!({"equals": {"question": "chatbot", "value": "yes"}});
    });
    assert!(found.contains(&(
        q("on_market"),
        Problem::LaterQuestion {
            question: "chatbot".into()
        }
    )));
}

#[test]
fn findings_that_refer_to_each_other_in_a_circle() {
    let found = problems(|doc| {
        doc["findings"][2]["when"] = json!({"finding": "high_risk"});
    });
    assert!(found.iter().any(|(_, problem)| matches!(
        problem,
        Problem::Cycle(path) if path.contains("finding `high_risk`") && path.contains("finding `exception`")
    )));
}

/// `chatbot`, asked only `when`, which cannot hold, is named as never
/// asked; and the finding that needs it answered as never holding.
fn assert_chatbot_never_asked(when: Value) {
    let found = chatbot_condition(when);
    assert_eq!(
        found,
        vec![
            (q("chatbot"), Problem::NeverAsked),
            (Item::Finding("chatbot_duty".into()), Problem::NeverHolds)
        ]
    );
}

#[test]
fn a_question_that_can_never_be_asked() {
    assert_chatbot_never_asked(json!({"all": [
        {"equals": {"question": "use_area", "value": "chat"}},
        {"equals": {"question": "use_area", "value": "credit"}}
    ]}));
}

#[test]
fn a_question_behind_an_impossible_chain_can_never_be_asked() {
    // `profiling` needs narrow_task = yes, which needs use_area hiring or
    // credit; asking it for chat answers is impossible two steps back.
    assert_chatbot_never_asked(json!({"all": [
        {"equals": {"question": "use_area", "value": "chat"}},
        {"equals": {"question": "profiling", "value": "yes"}}
    ]}));
}

#[test]
fn an_impossible_number_range_can_never_be_asked() {
    let found = problems(|doc| {
        question(doc, "comment")["when"] = json!({"all": [
            {"compare": {"question": "users", "op": "gt", "value": 10}},
            {"compare": {"question": "users", "op": "lt", "value": 5}}
        ]});
    });
    assert_eq!(found, vec![(q("comment"), Problem::NeverAsked)]);
}

#[test]
fn a_possible_number_range_is_accepted() {
    let found = problems(|doc| {
        question(doc, "comment")["when"] = json!({"all": [
            {"compare": {"question": "users", "op": "gt", "value": 3}},
            {"not": {"compare": {"question": "users", "op": "gte", "value": 5}}}
        ]});
    });
    assert_eq!(found, vec![]);
}

#[test]
fn an_exclusive_option_cannot_combine() {
    let found = problems(|doc| {
        question(doc, "comment")["when"] = json!({"all": [
            {"includes": {"question": "role", "option": "none"}},
            {"includes": {"question": "role", "option": "provider"}}
        ]});
    });
    assert_eq!(found, vec![(q("comment"), Problem::NeverAsked)]);
}

#[test]
fn a_finding_that_can_never_hold() {
    let found = problems(|doc| {
        doc["findings"][5]["when"] = json!({"all": [
            {"role": "provider"},
            {"includes": {"question": "role", "option": "none"}}
        ]});
    });
    assert_eq!(
        found,
        vec![(Item::Finding("large_user_base".into()), Problem::NeverHolds)]
    );
}

#[test]
fn a_malformed_legal_reference_is_named_with_its_item() {
    let found = problems(|doc| {
        question(doc, "chatbot")["refs"] = json!(["art:50(1", "annex:XIV"]);
    });
    assert_eq!(found.len(), 2);
    assert!(
        found.iter().all(|(item, problem)| *item == q("chatbot")
            && matches!(problem, Problem::BadReference { .. }))
    );
    let shown = found[0].1.to_string();
    assert!(shown.contains("art:50(1"), "{shown}");
}

#[test]
fn obligation_referring_to_missing_things() {
    let found = problems(|doc| {
        let obligation = &mut doc["obligations"][1];
        obligation["findings"] = json!(["high_risk", "ghost"]);
        obligation["roles"] = json!(["importer"]);
        obligation["applies_from"] =
            json!([{"milestone": "someday", "when": {"finding": "high_risk"}}]);
        obligation["schedule"] = json!("whenever");
    });
    let item = Item::Obligation("hr_provider".into());
    assert!(found.contains(&(item.clone(), Problem::UnknownFindingRef("ghost".into()))));
    assert!(found.contains(&(item.clone(), Problem::UnknownRoleRef("importer".into()))));
    assert!(found.contains(&(item.clone(), Problem::UnknownMilestone("someday".into()))));
    assert!(found.contains(&(item, Problem::UnknownSchedule("whenever".into()))));
}

#[test]
fn obligation_without_an_unconditional_last_date() {
    let found = problems(|doc| {
        doc["obligations"][2]["applies_from"] = json!([
            {"milestone": "legacy", "when": {"equals": {"question": "on_market", "value": "yes"}}}
        ]);
    });
    assert_eq!(
        found,
        vec![(
            Item::Obligation("hr_deployer".into()),
            Problem::LastDateConditional
        )]
    );
}

#[test]
fn finding_with_an_unknown_tier_and_unknown_section() {
    let found = problems(|doc| {
        doc["findings"][0]["tier"] = json!("catastrophic");
        question(doc, "chatbot")["section"] = json!("elsewhere");
    });
    assert!(found.contains(&(
        Item::Finding("not_ai".into()),
        Problem::UnknownTier("catastrophic".into())
    )));
    assert!(found.contains(&(q("chatbot"), Problem::UnknownSection("elsewhere".into()))));
}

#[test]
fn kind_specific_fields_must_fit_the_kind() {
    let found = problems(|doc| {
        question(doc, "chatbot")["unit"] = json!("people");
        question(doc, "comment")["allow_not_sure"] = json!(true);
        question(doc, "users")["max"] = json!(-1);
    });
    assert!(found.contains(&(
        q("chatbot"),
        Problem::FieldNotForKind {
            field: "unit",
            kind: "yes_no"
        }
    )));
    assert!(found.contains(&(q("comment"), Problem::NotSureOnText)));
    assert!(found.contains(&(
        q("users"),
        Problem::BadBounds {
            min: 0.0,
            max: -1.0
        }
    )));
}

#[test]
fn exactly_one_default_tier() {
    let found = problems(|doc| {
        doc["tiers"][0]["default"] = json!(true);
    });
    assert_eq!(
        found,
        vec![(Item::Questionnaire, Problem::DefaultTierCount { count: 2 })]
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let found = problems(|doc| {
        question(doc, "chatbot")["refs"] = json!(["art:999"]);
        question(doc, "users")["when"] = json!({"role": "owner"});
        doc["findings"][0]["tier"] = json!("nope");
    });
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn unknown_fields_are_rejected_with_their_name_and_position() {
    let mut doc = fixture_json("toy.json");
    question(&mut doc, "chatbot")["helptext"] = json!("typo");
    let error = Questionnaire::from_json(&serde_json::to_string_pretty(&doc).unwrap(), "toy.json")
        .expect_err("unknown field");
    let shown = error.to_string();
    assert!(shown.starts_with("toy.json: "), "{shown}");
    assert!(
        shown.contains("helptext") && shown.contains("line"),
        "{shown}"
    );
}

#[test]
fn a_newer_format_is_reported_as_such() {
    let mut doc = fixture_json("toy.json");
    doc["format"] = json!(2);
    doc["something_new"] = json!(true);
    let error = Questionnaire::from_json(&doc.to_string(), "toy.json").expect_err("format 2");
    assert!(
        matches!(error, LoadError::UnsupportedFormat { found: 2, .. }),
        "{error}"
    );
}

#[test]
fn not_json_at_all() {
    let error = Questionnaire::from_json("{ this is not json", "broken.json").expect_err("broken");
    assert!(
        error
            .to_string()
            .starts_with("broken.json: not a valid questionnaire file")
    );
}

#[test]
fn error_lines_name_the_file_the_item_and_the_problem() {
    let mut doc = fixture_json("toy.json");
    question(&mut doc, "chatbot")["when"] = json!({"answered": "nope"});
    let error = Questionnaire::from_json(&doc.to_string(), "q/toy.json").expect_err("invalid");
    assert_eq!(
        error.lines(),
        vec!["q/toy.json: question `chatbot`: condition refers to unknown question `nope`"]
    );
}

#[test]
fn an_internal_finding_cannot_give_a_tier() {
    let found = problems(|doc| {
        doc["findings"][0]["internal"] = json!(true);
    });
    assert_eq!(
        found,
        vec![(Item::Finding("not_ai".into()), Problem::InternalWithTier)]
    );
}

#[test]
fn possibly_can_hold_through_a_not_sure_answer_alone() {
    // `yes` and `no` at once is impossible, but "not sure" leaves both open.
    let found = chatbot_condition(json!({"all": [
        {"equals": {"question": "use_area", "value": "chat"}},
        {"possibly": {"all": [
            {"equals": {"question": "is_ai", "value": "yes"}},
            {"equals": {"question": "is_ai", "value": "no"}}
        ]}}
    ]}));
    assert_eq!(found, vec![]);
}

#[test]
fn possibly_of_something_impossible_without_not_sure_is_caught() {
    let found = problems(|doc| {
        question(doc, "comment")["when"] = json!({"possibly": {"all": [
            {"includes": {"question": "role", "option": "none"}},
            {"includes": {"question": "role", "option": "provider"}}
        ]}});
    });
    assert_eq!(found, vec![(q("comment"), Problem::NeverAsked)]);
}

// Named conditions, schedules and comments.

/// Adds a named condition to the fixture.
fn define(doc: &mut Value, id: &str, when: Value) {
    doc["conditions"]
        .as_array_mut()
        .expect("the fixture names conditions")
        .push(json!({"id": id, "comment": "Test.", "when": when}));
}

fn named(id: &str) -> Item {
    Item::Condition(id.to_owned())
}

fn named_toy() -> Questionnaire {
    Questionnaire::from_json(&common::named_toy_json().to_string(), "named toy")
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn names_and_comments_are_a_way_of_writing_not_content() {
    let named = named_toy();
    assert_eq!(named.doc(), common::toy().doc());
    assert_eq!(named.named_conditions().len(), 1);
    assert_eq!(named.schedules().len(), 1);
}

#[test]
fn a_named_condition_reads_like_its_definition_from_outside_too() {
    let toy = named_toy();
    for is_ai in ["yes", "no", "not_sure"] {
        let answers = common::answers(&toy, json!({"is_ai": is_ai}));
        let evaluation = aiact_core::Evaluation::new(&toy, &answers);
        let by_name = serde_json::from_value(json!({"condition": "may_be_ai"})).expect("condition");
        let written = serde_json::from_value(
            json!({"not": {"equals": {"question": "is_ai", "value": "no"}}}),
        )
        .expect("condition");
        assert_eq!(
            evaluation.truth(&by_name),
            evaluation.truth(&written),
            "{is_ai}"
        );
    }
}

#[test]
fn an_unknown_named_condition_is_named() {
    let found = named_problems(|doc| {
        question(doc, "chatbot")["when"] = json!({"condition": "is_chat"});
    });
    assert_eq!(
        found,
        vec![(q("chatbot"), Problem::UnknownCondition("is_chat".into()))]
    );
}

#[test]
fn a_problem_inside_a_named_condition_is_reported_once_on_the_name() {
    let found = named_problems(|doc| {
        doc["conditions"][0]["when"] = json!({"equals": {"question": "is_ai", "value": "maybe"}});
    });
    assert_eq!(
        found,
        vec![(
            named("may_be_ai"),
            Problem::UnknownOption {
                question: "is_ai".into(),
                option: "maybe".into()
            }
        )]
    );
}

/// Defines `chat`, and `chat_or_other`, which uses it.
fn define_chat_or_other(doc: &mut Value) {
    let chat = json!({"equals": {"question": "use_area", "value": "chat"}});
    define(doc, "chat", chat);
    let other = json!({"equals": {"question": "use_area", "value": "other"}});
    define(
        doc,
        "chat_or_other",
        json!({"any": [{"condition": "chat"}, other]}),
    );
}

#[test]
fn an_unused_named_condition_is_reported_with_those_only_it_uses() {
    let found = named_problems(|doc| {
        define_chat_or_other(doc);
    });
    assert_eq!(
        found,
        vec![
            (named("chat"), Problem::UnusedCondition),
            (named("chat_or_other"), Problem::UnusedCondition)
        ]
    );
}

#[test]
fn a_named_condition_used_by_another_in_use_is_used() {
    let found = named_problems(|doc| {
        define_chat_or_other(doc);
        question(doc, "chatbot")["when"] = json!({"condition": "chat_or_other"});
    });
    assert_eq!(found, vec![]);
}

#[test]
fn named_conditions_that_refer_to_each_other_in_a_circle() {
    let found = named_problems(|doc| {
        define(
            doc,
            "chat",
            json!({"all": [
                {"condition": "chat_or_other"},
                {"equals": {"question": "use_area", "value": "chat"}}
            ]}),
        );
        define(
            doc,
            "chat_or_other",
            json!({"any": [
                {"condition": "chat"},
                {"equals": {"question": "use_area", "value": "other"}}
            ]}),
        );
        question(doc, "chatbot")["when"] = json!({"condition": "chat_or_other"});
    });
    assert_eq!(
        found,
        vec![(
            named("chat"),
            Problem::Cycle(
                "condition `chat` → condition `chat_or_other` → condition `chat`".into()
            )
        )]
    );
}

#[test]
fn a_named_condition_that_names_itself_is_a_cycle() {
    let found = named_problems(|doc| {
        doc["conditions"][0]["when"] = json!({"not": {"condition": "may_be_ai"}});
    });
    assert_eq!(
        found,
        vec![(
            named("may_be_ai"),
            Problem::Cycle("condition `may_be_ai` → condition `may_be_ai`".into())
        )]
    );
}

#[test]
fn a_finding_that_refers_to_itself_through_a_named_condition_is_a_cycle() {
    // `high_risk` needs `exception` not to hold; make `exception` need
    // `high_risk` through a name.
    let found = named_problems(|doc| {
        define(doc, "is_high_risk", json!({"finding": "high_risk"}));
        doc["findings"][2]["when"] = json!({"condition": "is_high_risk"});
    });
    assert!(
        found.iter().any(|(_, problem)| matches!(
            problem,
            Problem::Cycle(path) if path.contains("condition `is_high_risk`")
                && path.contains("finding `high_risk`")
                && path.contains("finding `exception`")
        )),
        "{found:?}"
    );
}

#[test]
fn a_later_question_reached_through_a_named_condition_is_a_cycle() {
    let found = named_problems(|doc| {
        doc["conditions"][0]["when"] =
            json!({"not": {"equals": {"question": "chatbot", "value": "no"}}});
    });
    for user in ["role", "use_area"] {
        assert!(
            found.contains(&(
                q(user),
                Problem::LaterQuestion {
                    question: "chatbot".into()
                }
            )),
            "{found:?}"
        );
    }
}

#[test]
fn duplicate_named_conditions_and_schedules() {
    let found = named_problems(|doc| {
        let definition = doc["conditions"][0].clone();
        doc["conditions"]
            .as_array_mut()
            .expect("conditions")
            .push(definition);
        let schedule = doc["schedules"][0].clone();
        doc["schedules"]
            .as_array_mut()
            .expect("schedules")
            .push(schedule);
    });
    assert_eq!(
        found,
        vec![
            (
                named("may_be_ai"),
                Problem::DuplicateId {
                    kind: "named condition",
                    id: "may_be_ai".into()
                }
            ),
            (
                Item::Schedule("high_risk_dates".into()),
                Problem::DuplicateId {
                    kind: "schedule",
                    id: "high_risk_dates".into()
                }
            )
        ]
    );
}

#[test]
fn an_unused_schedule_is_reported() {
    let found = named_problems(|doc| {
        let obligation = doc["obligations"][1].as_object_mut().expect("obligation");
        obligation.remove("schedule");
        obligation.insert("applies_from".into(), json!([{"milestone": "annex_iii"}]));
    });
    assert_eq!(
        found,
        vec![(
            Item::Schedule("high_risk_dates".into()),
            Problem::UnusedSchedule
        )]
    );
}

#[test]
fn a_schedule_must_give_every_obligation_a_date() {
    let found = named_problems(|doc| {
        doc["schedules"][0]["applies_from"] = json!([
            {"milestone": "legacy", "when": {"equals": {"question": "on_market", "value": "yes"}}},
            {"milestone": "someday", "when": {"finding": "exception"}}
        ]);
    });
    let schedule = Item::Schedule("high_risk_dates".into());
    assert_eq!(
        found,
        vec![
            (
                schedule.clone(),
                Problem::UnknownMilestone("someday".into())
            ),
            (schedule, Problem::LastDateConditional)
        ]
    );
    let empty = named_problems(|doc| doc["schedules"][0]["applies_from"] = json!([]));
    assert_eq!(
        empty,
        vec![(
            Item::Schedule("high_risk_dates".into()),
            Problem::Empty {
                field: "applies_from"
            }
        )]
    );
}

#[test]
fn an_obligation_may_put_its_own_dates_before_its_schedule() {
    let found = named_problems(|doc| {
        doc["obligations"][1]["applies_from"] =
            json!([{"milestone": "transparency", "when": {"role": "deployer"}}]);
    });
    assert_eq!(found, vec![]);
}

#[test]
fn a_date_without_a_condition_hides_those_after_it() {
    let found = named_problems(|doc| {
        doc["obligations"][1]["applies_from"] = json!([{"milestone": "transparency"}]);
        doc["obligations"][0]["applies_from"] = json!([
            {"milestone": "prohibitions"},
            {"milestone": "transparency"}
        ]);
    });
    assert_eq!(
        found,
        vec![
            (
                Item::Obligation("stop".into()),
                Problem::DatesAfterUnconditional { position: 1 }
            ),
            (
                Item::Obligation("hr_provider".into()),
                Problem::DatesAfterUnconditional { position: 1 }
            )
        ]
    );
}

#[test]
fn comments_are_accepted_on_every_item() {
    let found = named_problems(|doc| {
        doc["tiers"][0]["comment"] = json!("Why this tier comes first.");
        doc["roles"][0]["comment"] = json!("Art. 3(3).");
        doc["sections"][0]["comment"] = json!("Order agreed with counsel.");
        question(doc, "use_area")["comment"] = json!("Reviewed.");
        question(doc, "use_area")["options"][0]["comment"] = json!("Annex III(4)(a).");
        doc["findings"][0]["comment"] = json!("Art. 3(1).");
        doc["milestones"][0]["comment"] = json!("Art. 113(a).");
        doc["obligations"][0]["comment"] = json!("Art. 5.");
        doc["obligations"][0]["applies_from"][0]["comment"] = json!("No legacy period.");
    });
    assert_eq!(found, vec![]);
}

#[test]
fn a_comment_must_be_text() {
    let mut doc = fixture_json("toy.json");
    doc["findings"][0]["comment"] = json!(["two", "lines"]);
    let error = Questionnaire::from_json(&doc.to_string(), "toy.json").expect_err("refused");
    assert!(matches!(error, LoadError::Parse { .. }), "{error}");
}

#[test]
fn structure_only_leaves_reachability_to_the_full_check() {
    // `chatbot` can never be asked: its structure is sound, though.
    let mut doc = fixture_json("toy.json");
    question(&mut doc, "chatbot")["when"] = json!({"all": [
        {"equals": {"question": "use_area", "value": "chat"}},
        {"equals": {"question": "use_area", "value": "credit"}}
    ]});
    let text = doc.to_string();
    assert!(Questionnaire::from_json_with(&text, "toy.json", Checks::Structure).is_ok());
    assert!(Questionnaire::from_json_with(&text, "toy.json", Checks::Full).is_err());
    // Structural problems are found either way.
    question(&mut doc, "chatbot")["when"] = json!({"condition": "is_chat"});
    assert!(
        Questionnaire::from_json_with(&doc.to_string(), "toy.json", Checks::Structure).is_err()
    );
}

#[test]
fn problems_with_names_read_like_the_others() {
    let mut doc = common::named_toy_json();
    define(&mut doc, "orphan", json!({"answered": "comment"}));
    doc["conditions"][0]["when"] = json!({"not": {"condition": "may_be_ai"}});
    doc["obligations"][1]["schedule"] = json!("high_risk_timetable");
    let error = Questionnaire::from_json(&doc.to_string(), "q/toy.json").expect_err("invalid");
    assert_eq!(
        error.lines(),
        vec![
            "q/toy.json: condition `orphan`: never used: no question, finding, role, obligation or schedule refers to it, directly or through other named conditions",
            "q/toy.json: condition `may_be_ai`: circular reference: condition `may_be_ai` → condition `may_be_ai`",
            "q/toy.json: obligation `hr_provider`: refers to unknown schedule `high_risk_timetable`",
            "q/toy.json: schedule `high_risk_dates`: never used: no obligation names it as its `schedule`",
        ]
    );
}

#[test]
fn the_decisive_hint_is_one_short_line_on_a_question_with_alternatives() {
    assert_eq!(
        problems(|doc| {
            question(doc, "is_ai")["if_decisive"] = json!("Ask who trained it.");
        }),
        vec![]
    );
    let found = problems(|doc| {
        question(doc, "is_ai")["if_decisive"] = json!("  ");
        question(doc, "use_area")["if_decisive"] = json!("First line.\nSecond line.");
        question(doc, "chatbot")["if_decisive"] = json!("x".repeat(301));
        question(doc, "comment")["if_decisive"] = json!("A text has no other answers.");
    });
    let one_line = Problem::NotOneLine {
        field: "if_decisive",
        max: 300,
    };
    assert_eq!(
        found,
        vec![
            (
                q("is_ai"),
                Problem::Empty {
                    field: "if_decisive"
                }
            ),
            (q("use_area"), one_line.clone()),
            (q("chatbot"), one_line),
            (
                q("comment"),
                Problem::FieldNotForKind {
                    field: "if_decisive",
                    kind: "text"
                }
            ),
        ]
    );
}

/// Validates a modified copy of the outcome fixture (every verdict
/// annotation) and returns its problems.
fn outcome_problems(change: impl FnOnce(&mut Value)) -> Vec<(Item, Problem)> {
    problems_in(fixture_json("outcome.json"), change)
}

fn finding<'a>(doc: &'a mut Value, id: &str) -> &'a mut Value {
    entry(doc, "findings", id)
}

fn f(id: &str) -> Item {
    Item::Finding(id.to_owned())
}

#[test]
fn the_outcome_fixture_is_valid() {
    assert_eq!(outcome_problems(|_| {}), vec![]);
}

#[test]
fn verdict_annotations_name_what_exists() {
    let found = outcome_problems(|doc| {
        finding(doc, "hiring_use")["basis"] = json!({"ref": "art:6(2)", "tier": "severe"});
        finding(doc, "exemption")["qualifies"]["tier"] = json!(null);
        finding(doc, "exemption")["mentions"] = json!(["nope", "stop"]);
        finding(doc, "legacy_change")["qualifies"]["lifted_by"] =
            json!([{"set": {"question": "design_change", "value": "maybe"}}]);
        finding(doc, "pre_market")["qualifies"]["look_ahead"]["assume"] = json!([{"untick": {"question": "is_ai", "option": "yes"}},
                   {"untick": {"question": "exclusions", "option": "civil"}}]);
        finding(doc, "in_scope")["tier"] = json!("minimal");
    });
    let expected = [
        (f("hiring_use"), Problem::NotABasis("art:6(2)".into())),
        (f("hiring_use"), Problem::UnknownTier("severe".into())),
        (f("exemption"), Problem::ExemptionWithoutTier),
        (f("exemption"), Problem::UnknownObligation("nope".into())),
        (f("exemption"), Problem::MentionWithoutRoles("stop".into())),
        (
            f("legacy_change"),
            Problem::FieldNotForQualifier {
                field: "lifted_by",
                kind: "from_change",
            },
        ),
        (
            f("legacy_change"),
            Problem::BadEdit {
                question: "design_change".into(),
                reason: "`maybe` is not one of this question's options".into(),
            },
        ),
        (
            f("pre_market"),
            Problem::BadEdit {
                question: "is_ai".into(),
                reason: "`untick` needs a multi_choice question".into(),
            },
        ),
        (
            f("pre_market"),
            Problem::BadEdit {
                question: "exclusions".into(),
                reason: "unknown option `civil`".into(),
            },
        ),
        (f("in_scope"), Problem::GateWithTier),
    ];
    for problem in &expected {
        assert!(found.contains(problem), "{problem:?} not in {found:#?}");
    }
    assert_eq!(found.len(), expected.len(), "{found:#?}");
}

#[test]
fn summaries_use_known_placeholders_and_end_unconditional() {
    let found = outcome_problems(|doc| {
        doc["tiers"][5]["summaries"] = json!([
            {"duties": "none", "text": "Nothing {beyond}."},
            {"duties": "now", "text": "{count} now."}
        ]);
        finding(doc, "exemption")["qualifies"]["summary"] = json!("Listed in {annex}.");
    });
    let tier = Item::Tier("minimal".into());
    assert_eq!(
        found,
        vec![
            (f("exemption"), Problem::UnknownPlaceholder("annex".into())),
            (tier.clone(), Problem::UnknownPlaceholder("beyond".into())),
            (tier, Problem::LastSummaryConditional),
        ]
    );
}

#[test]
fn an_internal_finding_is_not_shown_so_carries_nothing_to_show() {
    let found = outcome_problems(|doc| {
        finding(doc, "narrow_condition")["mentions"] = json!(["document_exemption"]);
    });
    assert_eq!(
        found,
        vec![(
            f("narrow_condition"),
            Problem::InternalShown { field: "mentions" }
        )]
    );
}

/// An exclusive option ("None of these") that a finding needs twice, once
/// directly and once through another finding, is one tick: it can hold.
#[test]
fn an_exclusive_option_needed_twice_can_hold() {
    let found = problems(|doc| {
        let findings = doc["findings"].as_array_mut().unwrap();
        findings.push(json!({
            "id": "no_role", "title": "No role", "explanation": "x",
            "when": {"includes": {"question": "role", "option": "none"}}
        }));
        findings.push(json!({
            "id": "still_no_role", "title": "Still no role", "explanation": "x",
            "when": {"all": [{"finding": "no_role"}, {"includes": {"question": "role", "option": "none"}}]}
        }));
    });
    assert_eq!(found, vec![]);
}
