//! Questions not needed (issue 14), on `tests/fixtures/needed.json`: a
//! question marked `skip_if_not_needed` is left out when, on the answers
//! before it, no answer to it can change the result.

mod common;
#[path = "../../../tests/support/random.rs"]
mod random;
#[path = "../../../tests/support/walk.rs"]
mod walk;

use aiact_core::turns_on::decisive_answers;
use aiact_core::validate::{Item, Problem};
use aiact_core::verdict::Status;
use std::sync::Arc;

use aiact_core::{
    AnswerValue, Answers, Applicability, Assessment, Command, Evaluation, LoadError, Questionnaire,
    Verdict,
};
use common::{answers, applicability, fixture_json, merged, needed, next_id, path_ids, today};
use serde_json::{Value, json};

fn position(q: &Questionnaire, id: &str) -> usize {
    q.question_position(id).expect("question exists")
}

/// How a question reads on the answers `values`.
fn applicability_on(q: &Questionnaire, values: Value, id: &str) -> Applicability {
    let answers = answers(q, values);
    applicability(&Evaluation::new(q, &answers), id)
}

fn not_needed(q: &Questionnaire, values: Value) -> Vec<String> {
    let answers = answers(q, values);
    let evaluation = Evaluation::new(q, &answers);
    q.questions()
        .iter()
        .enumerate()
        .filter(|(p, _)| evaluation.applicability(*p) == Applicability::NotNeeded)
        .map(|(_, question)| question.id.clone())
        .collect()
}

/// The ban is certain once `unrelated` is yes.
fn banned() -> Value {
    json!({"role": ["provider"], "bans": ["scoring"], "unrelated": "yes"})
}

#[test]
fn a_question_every_answer_of_which_gives_the_same_result_is_not_asked() {
    let q = needed();
    let answers = answers(&q, banned());
    let evaluation = Evaluation::new(&q, &answers);
    // The ban holds whatever `disproportionate` says; and with it, no
    // high-risk or transparency finding can hold (they give way to the
    // ban), so the questions that lead only to them are not needed either.
    assert_eq!(
        applicability(&evaluation, "disproportionate"),
        Applicability::NotNeeded
    );
    for id in ["use", "narrow", "on_market", "people", "obvious"] {
        assert!(!applicability(&evaluation, id).is_asked(), "{id}");
    }
    assert_eq!(
        path_ids(&evaluation),
        ["role", "bans", "unrelated", "pair_a", "pair_b", "note"]
    );
    assert_eq!(next_id(&evaluation), Some("pair_a"));
}

#[test]
fn a_question_whose_answer_opens_one_that_could_matter_is_asked() {
    let q = needed();
    // No finding reads `people`; but "yes" opens `obvious`, on which the
    // duty to disclose turns.
    let values = json!({"role": ["provider"], "bans": ["none"], "use": "other"});
    let given = answers(&q, values);
    let evaluation = Evaluation::new(&q, &given);
    assert_eq!(applicability(&evaluation, "people"), Applicability::Applies);
    assert_eq!(next_id(&evaluation), Some("people"));
    // Once the ban is certain, what it would open cannot matter.
    assert!(not_needed(&q, banned()).contains(&"people".to_owned()));
}

#[test]
fn a_question_whose_answer_can_still_change_the_result_is_asked() {
    let q = needed();
    let cases = [
        (
            // Before `pair_b` is answered, either answer to `pair_a` leaves
            // `same_answers` open; `pair_b` then tells them apart.
            "answers that leave the result open alike are not taken as the same result",
            json!({"role": ["provider"], "bans": ["none"], "use": "other", "people": "no"}),
            "pair_a",
        ),
        (
            "a question that changes only a date",
            json!({"role": ["provider"], "bans": ["none"], "use": "hiring", "narrow": "no"}),
            "on_market",
        ),
    ];
    for (case, values, question) in cases {
        assert_eq!(
            applicability_on(&q, values, question),
            Applicability::Applies,
            "{case}: {question}"
        );
    }
}

#[test]
fn whether_a_question_is_needed_does_not_depend_on_the_order_of_the_answers() {
    let q = needed();
    let values = [
        ("pair_b", "no"),
        ("disproportionate", "yes"),
        ("use", "hiring"),
        ("unrelated", "yes"),
        ("pair_a", "no"),
    ];
    let set = |order: &[(&str, &str)]| {
        let mut answers = common::answers(&q, json!({"role": ["provider"], "bans": ["scoring"]}));
        for (id, value) in order {
            answers
                .set(&q, id, &AnswerValue::Text((*value).into()))
                .expect("fits");
        }
        answers
    };
    let forwards = set(&values);
    let mut reversed = values;
    reversed.reverse();
    let backwards = set(&reversed);
    let read = |answers: &Answers| {
        let evaluation = Evaluation::new(&q, answers);
        let applicability: Vec<Applicability> = (0..q.questions().len())
            .map(|p| evaluation.applicability(p))
            .collect();
        (
            applicability,
            Verdict::from_evaluation(&evaluation, today()),
        )
    };
    assert_eq!(read(&forwards), read(&backwards));
    // Of two answers that each make the ban certain, the later question is
    // the one not needed, whichever was answered first: a question is
    // decided on the answers before it.
    let evaluation = Evaluation::new(&q, &forwards);
    assert_eq!(
        ["unrelated", "disproportionate"].map(|id| applicability(&evaluation, id)),
        [Applicability::Applies, Applicability::NotNeeded]
    );
}

#[test]
fn a_question_left_out_leaves_the_verdict_complete_and_not_provisional() {
    let q = needed();
    let values = merged(banned(), json!({"pair_a": "yes", "pair_b": "yes"}));
    let verdict = Verdict::compute(&q, &answers(&q, values), today());
    assert!(verdict.complete, "missing: {:?}", verdict.missing);
    assert_eq!(verdict.tier.id, "prohibited");
    assert_eq!(verdict.tier_status, Status::Holds);
    assert!(
        verdict.findings.iter().all(|f| f.status == Status::Holds),
        "{:?}",
        verdict.findings
    );
    assert!(verdict.open_points.is_empty());
    assert!(
        verdict.obligation("stop").is_some() && verdict.obligation("hr_duties").is_none(),
        "{:?}",
        verdict.obligations
    );
}

#[test]
fn walking_the_questionnaire_skips_what_is_not_needed() {
    let mut assessment = Assessment::start(Arc::new(needed()), today());
    let script = [
        ("role", json!(["provider"])),
        ("bans", json!(["scoring"])),
        ("unrelated", json!("yes")),
        ("pair_a", json!("no")),
        ("pair_b", json!("no")),
    ];
    for (id, value) in script {
        assert_eq!(assessment.current_id(), Some(id));
        let value: AnswerValue = serde_json::from_value(value).expect("answer");
        let command = Command::Answer {
            question: id.to_owned(),
            value,
        };
        assessment.apply(command).expect("fits");
    }
    assert_eq!(assessment.current_id(), Some("note"));
    assessment
        .apply(Command::Skip)
        .expect("the note is optional");
    assert!(assessment.is_finished());
    let snapshot = assessment.snapshot();
    assert!(snapshot.is_complete());
    let disproportionate = position(assessment.questionnaire(), "disproportionate");
    assert_eq!(
        snapshot.applicability(disproportionate),
        Applicability::NotNeeded
    );
}

#[test]
fn changing_an_earlier_answer_makes_a_question_needed_again() {
    let q = needed();
    // Answered before the ban was certain: kept, but it does not count.
    let values = merged(banned(), json!({"disproportionate": "no"}));
    let mut given = answers(&q, values);
    {
        let evaluation = Evaluation::new(&q, &given);
        assert_eq!(
            applicability(&evaluation, "disproportionate"),
            Applicability::NotNeeded
        );
        assert_eq!(
            evaluation.effective_answer(position(&q, "disproportionate")),
            None
        );
    }
    given
        .set(&q, "unrelated", &AnswerValue::Text("no".into()))
        .expect("fits");
    let evaluation = Evaluation::new(&q, &given);
    assert_eq!(
        applicability(&evaluation, "disproportionate"),
        Applicability::Applies
    );
    assert!(
        evaluation
            .effective_answer(position(&q, "disproportionate"))
            .is_some(),
        "the answer kept counts again"
    );
    let verdict = Verdict::from_evaluation(&evaluation, today());
    assert!(verdict.finding("banned_scoring").is_none());
}

#[test]
fn an_answer_to_a_question_not_needed_is_kept_and_not_quoted() {
    let q = needed();
    let values = merged(banned(), json!({"disproportionate": "yes"}));
    let given = answers(&q, values);
    assert!(given.get("disproportionate").is_some());
    let verdict = Verdict::compute(&q, &given, today());
    let ban = verdict.finding("banned_scoring").expect("the ban holds");
    let quoted: Vec<&str> = ban.because.iter().map(|r| r.question.as_str()).collect();
    assert_eq!(quoted, ["unrelated"]);
}

#[test]
fn a_not_sure_answer_that_leaves_the_ban_open_keeps_the_next_question_needed() {
    let q = needed();
    let values = json!({"role": ["provider"], "bans": ["scoring"], "unrelated": "not_sure"});
    assert!(!not_needed(&q, values).contains(&"disproportionate".to_owned()));
    // "Not sure" whether it scores at all: the follow-ups are asked for
    // sure, and a definite yes settles the ban all the same.
    let values = json!({"role": ["provider"], "bans": "not_sure", "unrelated": "yes"});
    assert!(not_needed(&q, values).contains(&"disproportionate".to_owned()));
}

#[test]
fn a_question_not_needed_is_never_what_a_result_turns_on() {
    let q = needed();
    let values = merged(
        banned(),
        json!({"disproportionate": "yes", "pair_a": "no", "pair_b": "no"}),
    );
    let given = answers(&q, values.clone());
    let items = decisive_answers(&Evaluation::new(&q, &given), today());
    let listed: Vec<&str> = items.iter().map(|i| i.question.as_str()).collect();
    assert!(!listed.contains(&"disproportionate"), "{listed:?}");
    // Another answer to `unrelated` makes it needed again: that
    // alternative opens it, as a question without an answer.
    let unrelated = items
        .iter()
        .find(|i| i.question == "unrelated")
        .expect("the ban turns on it");
    let opened: Vec<&str> = unrelated
        .alternatives
        .iter()
        .flat_map(|a| &a.opens)
        .map(|o| o.id.as_str())
        .collect();
    assert!(opened.contains(&"disproportionate"), "{opened:?}");
    // Another role changes the roles only: the questions left out stay
    // left out whatever the role, and that alternative opens none of them.
    let role = items
        .iter()
        .find(|i| i.question == "role")
        .expect("the roles turn on it");
    for alternative in &role.alternatives {
        assert!(alternative.opens.is_empty(), "{:?}", alternative.opens);
    }

    // The two analyses agree: without the marks, with every answer
    // counting, no question the marks leave out is what the result turns on.
    let unmarked = unmarked();
    for extra in [
        json!({}),
        json!({"use": "hiring", "narrow": "no", "people": "yes", "obvious": "no"}),
    ] {
        let mut all = values.clone();
        for (id, value) in extra.as_object().expect("object") {
            all[id] = value.clone();
        }
        let left_out = not_needed(&q, all.clone());
        let answers = answers(&unmarked, all);
        let items = decisive_answers(&Evaluation::new(&unmarked, &answers), today());
        for item in items {
            assert!(
                !left_out.contains(&item.question),
                "{} is decisive but left out",
                item.question
            );
        }
    }
}

fn unmarked() -> Questionnaire {
    let mut doc = fixture_json("needed.json");
    for question in doc["questions"].as_array_mut().expect("questions") {
        question
            .as_object_mut()
            .expect("object")
            .remove("skip_if_not_needed");
    }
    Questionnaire::from_json(&doc.to_string(), "needed.json without marks").expect("valid")
}

#[test]
fn without_the_mark_every_question_on_the_path_is_asked() {
    let q = unmarked();
    assert!(not_needed(&q, banned()).is_empty());
    assert_eq!(
        applicability_on(&q, banned(), "disproportionate"),
        Applicability::Applies
    );
}

#[test]
fn a_marked_question_that_nothing_reads_is_refused() {
    let mut doc = fixture_json("needed.json");
    let note = doc["questions"]
        .as_array_mut()
        .expect("questions")
        .iter_mut()
        .find(|question| question["id"] == "note")
        .expect("note");
    note["skip_if_not_needed"] = json!(true);
    match Questionnaire::from_json(&doc.to_string(), "needed.json") {
        Err(LoadError::Invalid { errors, .. }) => {
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].item, Item::Question("note".into()));
            assert_eq!(errors[0].problem, Problem::NeverNeeded);
            assert!(errors[0].to_string().contains("would never be asked"));
        }
        other => panic!("expected the note to be refused, got {other:?}"),
    }
}

#[test]
fn answering_the_questions_left_out_any_way_changes_nothing() {
    let (left_out, problems) = walk::answer_what_was_left_out(&needed(), &unmarked(), 500);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(left_out >= 100, "only {left_out} walks left a question out");
}
