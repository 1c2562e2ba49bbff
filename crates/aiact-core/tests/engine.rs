//! The engine on the toy fixture: which questions apply, what comes next,
//! every condition operator, "not sure", and answers that stop applying.

mod common;

use aiact_core::{Answer, AnswerProblem, AnswerValue, Answers, Applicability, Evaluation, Truth};
use common::{answers, applicability, next_id, path_ids, toy};
use serde_json::json;

fn finding(evaluation: &Evaluation, id: &str) -> Truth {
    let position = evaluation
        .questionnaire()
        .findings()
        .iter()
        .position(|f| f.id == id)
        .expect("finding exists");
    evaluation.finding_truth(position)
}

#[test]
fn a_fresh_assessment_starts_at_the_first_question() {
    let q = toy();
    let none = Answers::new();
    let evaluation = Evaluation::new(&q, &none);
    assert_eq!(next_id(&evaluation), Some("is_ai"));
    // `role` and `use_area` are asked unless the answer is "no", so they are
    // on the path already; `comment` waits for `use_area`.
    assert_eq!(path_ids(&evaluation), ["is_ai", "role", "use_area"]);
    assert_eq!(evaluation.progress().answered, 0);
    assert_eq!(evaluation.progress().on_path, 3);
}

#[test]
fn section_progress_follows_the_first_unanswered_question() {
    let q = toy();
    // Toy sections: basics, risk, transparency.
    let ratio = |values| Evaluation::new(&q, &answers(&q, values)).section_ratio();
    assert_eq!(ratio(json!({})), 0.0);
    assert_eq!(
        ratio(json!({"is_ai": "yes"})),
        0.0,
        "role is still in basics"
    );
    let in_risk = ratio(json!({"is_ai": "yes", "role": ["provider"]}));
    assert!((in_risk - 1.0 / 3.0).abs() < 1e-9, "{in_risk}");
    assert_eq!(ratio(json!({"is_ai": "no"})), 1.0, "nothing left");
}

#[test]
fn equals_and_not_end_the_path_early() {
    let q = toy();
    let given = answers(&q, json!({"is_ai": "no"}));
    let evaluation = Evaluation::new(&q, &given);
    assert_eq!(path_ids(&evaluation), ["is_ai"]);
    assert!(evaluation.is_complete());
    assert_eq!(finding(&evaluation, "not_ai"), Truth::True);
}

#[test]
fn any_opens_a_question_for_either_option() {
    let q = toy();
    for area in ["hiring", "credit"] {
        let given = answers(
            &q,
            json!({"is_ai": "yes", "role": ["provider"], "use_area": area}),
        );
        let evaluation = Evaluation::new(&q, &given);
        assert_eq!(next_id(&evaluation), Some("narrow_task"));
    }
    let given = answers(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "chat"}),
    );
    let evaluation = Evaluation::new(&q, &given);
    assert_eq!(
        applicability(&evaluation, "narrow_task"),
        Applicability::NotApplicable
    );
    assert_eq!(next_id(&evaluation), Some("chatbot"));
}

#[test]
fn includes_through_a_role_opens_a_question() {
    let q = toy();
    let base = json!({"is_ai": "yes", "use_area": "other", "chatbot": "no"});
    let mut with_deployer = base.clone();
    with_deployer["role"] = json!(["provider", "deployer"]);
    let given = answers(&q, with_deployer);
    assert_eq!(
        applicability(&Evaluation::new(&q, &given), "users"),
        Applicability::Applies
    );
    let mut provider_only = base;
    provider_only["role"] = json!(["provider"]);
    let given = answers(&q, provider_only);
    assert_eq!(
        applicability(&Evaluation::new(&q, &given), "users"),
        Applicability::NotApplicable
    );
}

#[test]
fn answered_opens_a_question_once_the_other_is_answered() {
    let q = toy();
    let before = answers(&q, json!({"is_ai": "yes"}));
    assert_eq!(
        applicability(&Evaluation::new(&q, &before), "comment"),
        Applicability::NotApplicable
    );
    let after = answers(&q, json!({"is_ai": "yes", "use_area": "other"}));
    assert_eq!(
        applicability(&Evaluation::new(&q, &after), "comment"),
        Applicability::Applies
    );
}

#[test]
fn compare_on_a_number() {
    let q = toy();
    for (users, expected) in [
        (999.0, Truth::False),
        (1000.0, Truth::True),
        (5e6, Truth::True),
    ] {
        let given = answers(
            &q,
            json!({"is_ai": "yes", "role": ["deployer"], "use_area": "other", "chatbot": "no", "users": users}),
        );
        assert_eq!(
            finding(&Evaluation::new(&q, &given), "large_user_base"),
            expected,
            "{users}"
        );
    }
}

#[test]
fn a_finding_in_a_question_condition() {
    let q = toy();
    let high_risk = answers(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "no"}),
    );
    let evaluation = Evaluation::new(&q, &high_risk);
    assert_eq!(finding(&evaluation, "high_risk"), Truth::True);
    assert_eq!(next_id(&evaluation), Some("on_market"));

    let excepted = answers(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "yes", "profiling": "no"}),
    );
    let evaluation = Evaluation::new(&q, &excepted);
    assert_eq!(finding(&evaluation, "exception"), Truth::True);
    assert_eq!(finding(&evaluation, "high_risk"), Truth::False);
    assert_eq!(
        applicability(&evaluation, "on_market"),
        Applicability::NotApplicable
    );
}

#[test]
fn profiling_overrides_the_exception() {
    let q = toy();
    let given = answers(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "credit", "narrow_task": "yes", "profiling": "yes"}),
    );
    let evaluation = Evaluation::new(&q, &given);
    assert_eq!(finding(&evaluation, "exception"), Truth::False);
    assert_eq!(finding(&evaluation, "high_risk"), Truth::True);
}

#[test]
fn not_sure_is_never_read_as_no() {
    let q = toy();
    let given = answers(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring", "narrow_task": "not_sure", "profiling": "no"}),
    );
    let evaluation = Evaluation::new(&q, &given);
    // Read as "no", `profiling` would not be asked and high-risk would be
    // definite; read as "yes", the exception would hold.
    assert_eq!(finding(&evaluation, "exception"), Truth::Unknown);
    assert_eq!(finding(&evaluation, "high_risk"), Truth::Unknown);
    assert_eq!(
        applicability(&evaluation, "profiling"),
        Applicability::MayApply
    );
}

#[test]
fn not_sure_at_the_root_keeps_asking_provisionally() {
    let q = toy();
    let given = answers(
        &q,
        json!({"is_ai": "not_sure", "role": ["provider"], "use_area": "hiring"}),
    );
    let evaluation = Evaluation::new(&q, &given);
    assert_eq!(
        applicability(&evaluation, "use_area"),
        Applicability::MayApply
    );
    assert_eq!(finding(&evaluation, "not_ai"), Truth::Unknown);
    // A definite answer to a question that may not apply only counts provisionally.
    let narrow = answers(
        &q,
        json!({"is_ai": "not_sure", "role": ["provider"], "use_area": "hiring", "narrow_task": "no"}),
    );
    let evaluation = Evaluation::new(&q, &narrow);
    assert_eq!(finding(&evaluation, "high_risk"), Truth::Unknown);
    let (_, explanation) = evaluation.explain(&q.finding("high_risk").expect("finding").when);
    let unsure: Vec<&str> = explanation
        .unsure
        .iter()
        .map(|&p| q.questions()[p].id.as_str())
        .collect();
    assert_eq!(
        unsure,
        ["is_ai"],
        "the uncertainty is traced back to its source"
    );
}

#[test]
fn equals_not_sure_is_definite() {
    let q = toy();
    let given = answers(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "not_sure"}),
    );
    let evaluation = Evaluation::new(&q, &given);
    let condition =
        serde_json::from_value(json!({"equals": {"question": "use_area", "value": "not_sure"}}))
            .expect("condition");
    assert_eq!(evaluation.truth(&condition), Truth::True);
    // And the chat-or-other question may apply: its condition is unknown.
    assert_eq!(
        applicability(&evaluation, "chatbot"),
        Applicability::MayApply
    );
}

#[test]
fn answers_that_stop_applying_are_kept_but_ignored_and_count_again() {
    let q = toy();
    let mut given = answers(&q, common::chatbot_provider());
    assert_eq!(
        finding(&Evaluation::new(&q, &given), "chatbot_duty"),
        Truth::True
    );

    given
        .set(&q, "is_ai", &AnswerValue::Text("no".into()))
        .expect("valid");
    let evaluation = Evaluation::new(&q, &given);
    assert_eq!(finding(&evaluation, "chatbot_duty"), Truth::False);
    assert_eq!(
        evaluation.effective_answer(q.question_position("chatbot").unwrap()),
        None
    );
    assert_eq!(
        given.get("chatbot"),
        Some(&Answer::Choice("yes".into())),
        "kept"
    );

    given
        .set(&q, "is_ai", &AnswerValue::Text("yes".into()))
        .expect("valid");
    assert_eq!(
        finding(&Evaluation::new(&q, &given), "chatbot_duty"),
        Truth::True
    );
}

#[test]
fn answers_are_checked_against_their_question() {
    let q = toy();
    let mut given = Answers::new();
    let problem = |given: &mut Answers, id: &str, value: serde_json::Value| {
        let value: AnswerValue = serde_json::from_value(value).expect("value");
        given.set(&q, id, &value).err().map(|e| e.problem)
    };
    assert_eq!(
        problem(&mut given, "use_area", json!("cooking")),
        Some(AnswerProblem::UnknownOption("cooking".into()))
    );
    assert_eq!(
        problem(&mut given, "role", json!("not_sure")),
        Some(AnswerProblem::NotSureNotAllowed)
    );
    assert_eq!(
        problem(&mut given, "role", json!([])),
        Some(AnswerProblem::NoOptionChosen)
    );
    assert_eq!(
        problem(&mut given, "role", json!(["none", "provider"])),
        Some(AnswerProblem::ExclusiveCombined("None of these".into()))
    );
    assert_eq!(
        problem(&mut given, "role", json!(["provider", "provider"])),
        Some(AnswerProblem::RepeatedOption("provider".into()))
    );
    assert_eq!(
        problem(&mut given, "users", json!(-3)),
        Some(AnswerProblem::BelowMinimum {
            value: -3.0,
            min: 0.0
        })
    );
    assert_eq!(
        problem(&mut given, "is_ai", json!(true)).map(|p| p.to_string()),
        Some("a yes_no question needs one option id as a string".into())
    );
    assert_eq!(
        problem(&mut given, "comment", json!("x".repeat(201))),
        Some(AnswerProblem::TooLong {
            length: 201,
            max: 200
        })
    );
    assert_eq!(
        problem(&mut given, "comment", json!("   ")),
        Some(AnswerProblem::EmptyText)
    );
    assert_eq!(
        problem(&mut given, "ghost", json!("yes")),
        Some(AnswerProblem::UnknownQuestion)
    );
    assert!(given.is_empty(), "refused answers change nothing");
    // A text answer may be the words "not_sure": text questions have no such option.
    assert_eq!(problem(&mut given, "comment", json!("not_sure")), None);
    assert_eq!(given.get("comment"), Some(&Answer::Text("not_sure".into())));
}

#[test]
fn multiple_choice_answers_are_kept_in_questionnaire_order() {
    let q = toy();
    let given = answers(
        &q,
        json!({"is_ai": "yes", "role": ["deployer", "provider"]}),
    );
    assert_eq!(
        given.get("role"),
        Some(&Answer::Choices(vec!["provider".into(), "deployer".into()]))
    );
}

#[test]
fn possibly_is_true_when_true_or_unknown() {
    let q = toy();
    let condition: aiact_core::model::Condition = serde_json::from_value(
        json!({"possibly": {"equals": {"question": "is_ai", "value": "yes"}}}),
    )
    .expect("condition");
    for (answer, expected) in [
        ("yes", Truth::True),
        ("not_sure", Truth::True),
        ("no", Truth::False),
    ] {
        let given = answers(&q, json!({"is_ai": answer}));
        assert_eq!(
            Evaluation::new(&q, &given).truth(&condition),
            expected,
            "{answer}"
        );
    }
    // Unanswered, a conclusion cannot rule "yes" out.
    let none = Answers::new();
    assert_eq!(
        Evaluation::new(&q, &none).truth(&condition),
        Truth::True,
        "unanswered"
    );
}

#[test]
fn a_question_gated_by_possibly_is_asked_for_sure() {
    let mut doc = common::fixture_json("toy.json");
    doc["questions"][2]["when"] =
        json!({"possibly": {"equals": {"question": "is_ai", "value": "yes"}}});
    let q = aiact_core::Questionnaire::from_json(&doc.to_string(), "toy.json").expect("valid");
    let given = answers(
        &q,
        json!({"is_ai": "not_sure", "role": ["provider"], "use_area": "scoring"}),
    );
    let evaluation = Evaluation::new(&q, &given);
    assert_eq!(
        applicability(&evaluation, "use_area"),
        Applicability::Applies
    );
    assert_eq!(finding(&evaluation, "social_scoring"), Truth::True);
}

#[test]
fn a_conclusion_never_rests_on_a_question_still_to_answer() {
    // `high_risk` needs the Art. 6(3) exception ruled out; the exception
    // depends on `narrow_task`, and on `profiling`, which `narrow_task` opens.
    // Unanswered, neither may be read as "no".
    let q = toy();
    let given = answers(
        &q,
        json!({"is_ai": "yes", "role": ["provider"], "use_area": "hiring"}),
    );
    let evaluation = Evaluation::new(&q, &given);
    assert_eq!(finding(&evaluation, "high_risk"), Truth::Unknown);
    // The path itself is unchanged: `narrow_task` is next, `profiling` not yet on it.
    assert_eq!(next_id(&evaluation), Some("narrow_task"));
    assert_eq!(
        applicability(&evaluation, "profiling"),
        Applicability::NotApplicable
    );
}
