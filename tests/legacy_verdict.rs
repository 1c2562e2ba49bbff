//! High-risk systems already on the market (Article 111(2)) with a design
//! change the founder is not sure of: the trial of 7 December 2026
//! (ShiftPilot, the facilitators' CV ranker) found the verdict stating the
//! unsure answer as fact and listing the same duties twice (issue 13).

use std::collections::BTreeMap;

use aiact::catalog;
use aiact::report::{outline, text};
use aiact_core::outcome::When;
use aiact_core::{AnswerValue, Answers, Questionnaire, Verdict};
use jiff::civil::{Date, date};
use serde_json::json;

const TODAY: Date = date(2026, 12, 7);

fn shipped() -> Questionnaire {
    catalog::default_questionnaire().unwrap_or_else(|e| panic!("{e}"))
}

/// A recruitment ranker on the market, its design change "not sure".
fn ranker(first_placed: &str) -> Verdict {
    ranker_for(first_placed, "not_sure", "none")
}

/// A recruitment ranker on the market: its design change planned or not
/// (`changed`), its customers (`customers`, a `public_customers` option).
fn ranker_for(first_placed: &str, changed: &str, customers: &str) -> Verdict {
    let q = shipped();
    let values: BTreeMap<String, AnswerValue> = serde_json::from_value(json!({
        "eu_reach": "eu_based",
        "exclusions": ["none"],
        "first_placed": first_placed,
        "how_it_works": ["learned"],
        "hr_design_changed": changed,
        "public_customers": [customers],
        "role": ["provider"],
        "subject": "system",
        "use_work": ["a"],
        "used_for": ["employment"],
        "what_it_does": ["none"]
    }))
    .expect("answers");
    let answers = Answers::from_values(&q, &values).expect("answers fit");
    Verdict::compute_with_turns_on(&q, &answers, TODAY)
}

#[test]
fn an_unsure_design_change_is_not_stated_as_fact() {
    let verdict = ranker("before_aug_2026");
    let summary = &verdict.outcome.summary;
    assert!(
        !summary.contains("; no significant change to its design is planned"),
        "{summary}"
    );
    assert!(
        summary.contains("if no significant change to its design is planned"),
        "{summary}"
    );
}

#[test]
fn the_duties_a_change_brings_start_with_the_change_and_are_listed_once() {
    let verdict = ranker("before_aug_2026");
    let conditional: Vec<_> = verdict
        .plan
        .iter()
        .filter(|step| !step.if_answers.is_empty())
        .collect();
    assert!(!conditional.is_empty(), "{:#?}", verdict.plan);
    for step in &conditional {
        assert_eq!(step.when, When::OnChange, "{step:#?}");
    }
    let plan = outline::plan(&verdict);
    let change = plan
        .steps
        .iter()
        .find(|step| step.condition_short.is_some())
        .expect("the step of the change");
    assert!(
        change.when.starts_with("From the change"),
        "{}",
        change.when
    );
    assert_eq!(
        change.condition_short.as_deref(),
        Some("Only if you answer Yes (you were not sure)")
    );
    let held = plan
        .steps
        .iter()
        .find(|step| step.when.starts_with("On hold"))
        .expect("the hold's step");
    assert!(held.duties.is_empty(), "listed twice: {held:#?}");
    assert!(
        held.condition
            .as_deref()
            .is_some_and(|note| note.contains(&format!("the same {} duties", change.duties.len()))),
        "{held:#?}"
    );

    let rendered = text::render(&verdict);
    assert_eq!(
        rendered.matches("- Run a risk management system").count(),
        1,
        "{rendered}"
    );
}

#[test]
fn the_hold_keeps_the_deployers_duties_back_too() {
    let verdict = ranker("before_aug_2026");
    assert!(!verdict.others.is_empty(), "no duties of others");
    for duty in &verdict.others {
        assert!(duty.on_hold, "{duty:#?}");
        let line = outline::others_line(duty);
        assert!(line.contains("on hold as yours are"), "{line}");
        assert!(!line.contains("from 2 December 2027"), "{line}");
        assert!(!line.contains("where their use makes it theirs"), "{line}");
    }
}

/// Article 111(2) binds the deployers of a system already on the market as
/// it binds its provider: their duties are dated as the provider's, from
/// the change or by the 2030 deadline (founder trial H, 7 December 2026:
/// "from 2 December 2027" beside the provider's "from the change", and
/// "from 2 August 2030" for a deadline).
#[test]
fn the_deployers_duties_are_dated_as_the_providers_under_a_change_or_the_deadline() {
    let cases = [
        (
            "yes",
            "public_body",
            "as yours: from the change, not before 2 December 2027",
        ),
        (
            "no",
            "public_body",
            "as yours: by 2 August 2030 at the latest",
        ),
        (
            "not_sure",
            "public_body",
            "as yours: by 2 August 2030 at the latest",
        ),
    ];
    for (changed, customers, dated) in cases {
        let verdict = ranker_for("before_aug_2026", changed, customers);
        let fria = (verdict.others.iter())
            .find(|duty| duty.obligation == "hr_deployer_fria")
            .unwrap_or_else(|| {
                panic!(
                    "{changed}: no impact assessment among {:#?}",
                    verdict.others
                )
            });
        for duty in verdict
            .others
            .iter()
            .filter(|duty| duty.obligation.starts_with("hr_"))
        {
            let line = outline::others_line(duty);
            assert!(
                line.ends_with(dated) || line.contains(&format!("{dated} ")),
                "{changed}: {line}"
            );
        }
        assert!(fria.on_change == (changed == "yes"), "{changed}: {fria:#?}");
        assert!(
            fria.by_deadline == (changed != "yes"),
            "{changed}: {fria:#?}"
        );
    }
    // A system placed once the rules apply: dated as any other.
    let new = ranker_for("later", "no", "public_body");
    assert!(!new.others.is_empty(), "no duties of others");
    for duty in &new.others {
        assert!(!duty.on_change && !duty.by_deadline, "{duty:#?}");
    }
}

/// The dates' notes of a verdict's plan, as the legend shows them.
fn date_notes(verdict: &Verdict) -> String {
    outline::plan(verdict)
        .dates
        .iter()
        .map(|milestone| outline::date_note(milestone))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_original_date_is_not_said_to_apply_where_the_2024_text_holds_the_duties_too() {
    let before_august_2026 = date_notes(&ranker("before_aug_2026"));
    assert!(
        !before_august_2026.contains("the original date would already apply"),
        "{before_august_2026}"
    );
    assert!(
        before_august_2026.contains("the 2024 text too keeps the high-risk duties on hold"),
        "{before_august_2026}"
    );
    // Placed after 2 August 2026, the 2024 text would give no hold.
    let later = date_notes(&ranker("before_dec_2027"));
    assert!(
        later.contains("reported, not verified: if it were not in force as reported, the original date would already apply"),
        "{later}"
    );
}
