//! The wording the legal review of questionnaire 1.4.1 found wrong or
//! imprecise (issue 16), checked on the shipped questionnaire. Each check
//! must pass on the shipped file and fail on the 1.4.1 copy kept as a
//! fixture, so that it proves the correction rather than passing anyway.

use std::path::PathBuf;

use aiact_core::Questionnaire;
use aiact_core::model::ObligationKind;

fn load(path: &str) -> Questionnaire {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    Questionnaire::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

type Check = fn(&Questionnaire) -> Result<(), String>;

fn obligation_text(q: &Questionnaire, id: &str) -> Result<String, String> {
    let o = q
        .obligations()
        .iter()
        .find(|o| o.id == id)
        .ok_or_else(|| format!("no obligation `{id}`"))?;
    Ok(format!("{} {}", o.title, o.summary))
}

fn ensure(ok: bool, problem: &str) -> Result<(), String> {
    if ok { Ok(()) } else { Err(problem.to_owned()) }
}

/// Article 5(2): in urgency only the registration may follow; the impact
/// assessment always comes first.
fn urgent_rbi_use_needs_the_impact_assessment_first(q: &Questionnaire) -> Result<(), String> {
    let text = obligation_text(q, "rbi_safeguards")?;
    ensure(
        !text.contains("register the system first (in urgent cases")
            && text.contains("impact assessment before any use")
            && text.contains("without undue delay"),
        "rbi_safeguards lets urgency delay the impact assessment, or not the registration only",
    )
}

/// Articles 102 to 109 give no operator duty yet: context, not a duty.
fn sector_rules_are_context(q: &Questionnaire) -> Result<(), String> {
    let o = q
        .obligations()
        .iter()
        .find(|o| o.id == "sector_rules_annex_i_b")
        .ok_or("no sector-rules item")?;
    ensure(
        o.kind == ObligationKind::Context,
        "sector_rules_annex_i_b is a duty that 'applies now'",
    )
}

/// Articles 72, 73 and 86 sit outside the deferred Chapter III sections:
/// their dates carry a caveat.
fn dates_outside_chapter_iii_carry_a_caveat(q: &Questionnaire) -> Result<(), String> {
    for id in [
        "hr_post_market_monitoring",
        "hr_serious_incidents",
        "hr_deployer_explain_decisions",
    ] {
        let o = q
            .obligations()
            .iter()
            .find(|o| o.id == id)
            .ok_or_else(|| format!("no obligation `{id}`"))?;
        let caveat = o.caveat.as_deref().unwrap_or_default();
        if !caveat.contains("outside") {
            return Err(format!("`{id}` has no caveat on its date"));
        }
    }
    Ok(())
}

/// Article 4 asks for measures, not for a record.
fn ai_literacy_asks_for_no_record(q: &Questionnaire) -> Result<(), String> {
    let text = obligation_text(q, "ai_literacy")?;
    ensure(
        !text.contains("keep a dated record") && text.contains("does not require a record"),
        "ai_literacy makes a record part of the duty",
    )
}

/// 10^23 FLOP is the Commission guidelines' criterion, not the Act's.
fn the_indicative_compute_is_the_commissions(q: &Questionnaire) -> Result<(), String> {
    for question in q.questions() {
        if question.help.explanation.contains("The Act's indicative") {
            return Err(format!("`{}` calls 10^23 FLOP the Act's", question.id));
        }
    }
    Ok(())
}

/// Professional drivers are at work (Article 5(1)(f)).
fn drivers_are_placed_by_whether_they_work(q: &Questionnaire) -> Result<(), String> {
    let question = q.question("emotion_setting").ok_or("no emotion_setting")?;
    for option in &question.options {
        let label = option.label.to_lowercase();
        if label.contains("drivers")
            && !label.contains("professional drivers")
            && !label.contains("private drivers")
        {
            return Err(format!(
                "option `{}` lists drivers without saying whether they work",
                option.id
            ));
        }
    }
    Ok(())
}

/// Article 5(1)(g) does not list ethnic origin.
fn ethnic_origin_is_not_a_banned_trait(q: &Questionnaire) -> Result<(), String> {
    let question = q.question("biometric_uses").ok_or("no biometric_uses")?;
    let banned = question
        .options
        .iter()
        .find(|o| o.refs.iter().any(|r| r.as_str() == "art:5(1)(g)"))
        .ok_or("no option for the banned traits")?;
    ensure(
        !banned.label.contains("ethnic"),
        "the banned biometric categorisation lists ethnic origin",
    )
}

/// Article 27(1) names public-law bodies; those acting on their behalf
/// are asked apart.
fn public_bodies_are_not_those_acting_for_them(q: &Questionnaire) -> Result<(), String> {
    let question = q.question("deployer_type").ok_or("no deployer_type")?;
    let public = question
        .options
        .iter()
        .find(|o| o.id == "public_body")
        .ok_or("no public_body option")?;
    ensure(
        !public.label.contains("on their behalf"),
        "public_body includes those acting on behalf of public bodies",
    )
}

/// Article 50(4), first subparagraph, has no publishing condition; Article
/// 50(5) times the disclosure at first exposure.
fn deep_fakes_are_disclosed_whether_published_or_not(q: &Questionnaire) -> Result<(), String> {
    let duty = obligation_text(q, "t_disclose_deep_fake")?;
    let finding = q
        .finding("transparency_deep_fake")
        .ok_or("no transparency_deep_fake")?;
    ensure(
        !duty.contains("publish")
            && !finding.explanation.contains("publish")
            && duty.contains("first see or hear"),
        "the deep-fake duty depends on publishing",
    )
}

/// The FAQ's 31 December 2030 is the Annex X date of Article 111(1).
fn the_2030_note_explains_the_faq_date(q: &Questionnaire) -> Result<(), String> {
    let note = q
        .milestone("legacy_public_authority")
        .and_then(|m| m.note.clone())
        .unwrap_or_default();
    ensure(
        note.contains("Annex X"),
        "the note on 2 August 2030 does not explain the FAQ's other date",
    )
}

/// Article 3(49)(b): serious and irreversible disruption.
fn serious_incidents_follow_the_definition(q: &Questionnaire) -> Result<(), String> {
    ensure(
        obligation_text(q, "hr_serious_incidents")?.contains("serious and irreversible disruption"),
        "hr_serious_incidents drops 'irreversible'",
    )
}

/// Article 63(1): certain elements, microenterprises without partners.
fn the_simplified_quality_system_is_narrow(q: &Questionnaire) -> Result<(), String> {
    let text = obligation_text(q, "hr_quality_management")?;
    ensure(
        text.contains("certain elements") && text.contains("partner or linked"),
        "hr_quality_management overstates the simplified form",
    )
}

/// Article 60(4): tacit approval only where national law provides it; the
/// representative and the deployers' information are required.
fn real_world_testing_lists_its_conditions(q: &Questionnaire) -> Result<(), String> {
    let text = obligation_text(q, "real_world_testing_conditions")?;
    ensure(
        text.contains("where national law provides for tacit approval")
            && text.contains("legal representative")
            && text.contains("inform them fully"),
        "real_world_testing_conditions misses conditions of Article 60(4)",
    )
}

/// Article 5(1)(b) needs no decision the person would not otherwise take.
fn exploitation_needs_no_changed_decision(q: &Questionnaire) -> Result<(), String> {
    let question = q.question("manip_harm").ok_or("no manip_harm")?;
    ensure(
        !question.text.contains("would not otherwise take")
            && question.help.explanation.contains("materially distorted"),
        "manip_harm asks both bans for a decision the person would not otherwise take",
    )
}

/// Article 26(10): stop, delete, and no decision solely on the output.
fn post_remote_identification_says_stop_delete_and_not_solely(
    q: &Questionnaire,
) -> Result<(), String> {
    let text = obligation_text(q, "hr_deployer_post_remote_rbi")?;
    ensure(
        text.contains("stop the use at once") && text.contains("delete") && text.contains("solely"),
        "hr_deployer_post_remote_rbi misses what a refused authorisation and a decision require",
    )
}

/// Recital 109: a modifier's duties cover the modification only.
fn a_modifiers_duties_cover_the_modification(q: &Questionnaire) -> Result<(), String> {
    let finding = q
        .finding("gpai_modifier_provider")
        .ok_or("no gpai_modifier_provider")?;
    ensure(
        finding.explanation.contains("cover the modification only"),
        "gpai_modifier_provider gives a modifier every model duty",
    )
}

/// Recital 97: internal use of one's own model is not placing it on the
/// market only where people's rights are not affected, and a model with
/// systemic risk is covered even then.
fn internal_model_use_has_both_limits(q: &Questionnaire) -> Result<(), String> {
    let question = q
        .questions()
        .iter()
        .find(|question| question.refs.iter().any(|r| r.as_str() == "art:2(1)"))
        .ok_or("no question on the EU link")?;
    let help = &question.help.explanation;
    ensure(
        help.contains("rights") && help.contains("systemic risk"),
        "the EU-link help on internal models omits recital 97's limits",
    )
}

/// Issue 13, item 15: duties of systems already on the market do not say
/// "before launch".
fn no_duty_says_before_launch(q: &Questionnaire) -> Result<(), String> {
    for o in q.obligations() {
        if format!("{} {}", o.title, o.summary).contains("before launch") {
            return Err(format!("`{}` says 'before launch'", o.id));
        }
    }
    Ok(())
}

const CHECKS: &[(&str, Check)] = &[
    (
        "urgent_rbi_use_needs_the_impact_assessment_first",
        urgent_rbi_use_needs_the_impact_assessment_first,
    ),
    ("sector_rules_are_context", sector_rules_are_context),
    (
        "dates_outside_chapter_iii_carry_a_caveat",
        dates_outside_chapter_iii_carry_a_caveat,
    ),
    (
        "ai_literacy_asks_for_no_record",
        ai_literacy_asks_for_no_record,
    ),
    (
        "the_indicative_compute_is_the_commissions",
        the_indicative_compute_is_the_commissions,
    ),
    (
        "drivers_are_placed_by_whether_they_work",
        drivers_are_placed_by_whether_they_work,
    ),
    (
        "ethnic_origin_is_not_a_banned_trait",
        ethnic_origin_is_not_a_banned_trait,
    ),
    (
        "public_bodies_are_not_those_acting_for_them",
        public_bodies_are_not_those_acting_for_them,
    ),
    (
        "deep_fakes_are_disclosed_whether_published_or_not",
        deep_fakes_are_disclosed_whether_published_or_not,
    ),
    (
        "the_2030_note_explains_the_faq_date",
        the_2030_note_explains_the_faq_date,
    ),
    (
        "serious_incidents_follow_the_definition",
        serious_incidents_follow_the_definition,
    ),
    (
        "the_simplified_quality_system_is_narrow",
        the_simplified_quality_system_is_narrow,
    ),
    (
        "real_world_testing_lists_its_conditions",
        real_world_testing_lists_its_conditions,
    ),
    (
        "exploitation_needs_no_changed_decision",
        exploitation_needs_no_changed_decision,
    ),
    (
        "post_remote_identification_says_stop_delete_and_not_solely",
        post_remote_identification_says_stop_delete_and_not_solely,
    ),
    (
        "a_modifiers_duties_cover_the_modification",
        a_modifiers_duties_cover_the_modification,
    ),
    (
        "internal_model_use_has_both_limits",
        internal_model_use_has_both_limits,
    ),
    ("no_duty_says_before_launch", no_duty_says_before_launch),
];

#[test]
fn the_shipped_wording_follows_the_law() {
    let q = load("questionnaires/eu-ai-act.json");
    let problems: Vec<String> = CHECKS
        .iter()
        .filter_map(|(name, check)| check(&q).err().map(|p| format!("{name}: {p}")))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each check catches what was wrong in 1.4.1.
#[test]
fn every_check_fails_on_questionnaire_1_4_1() {
    let old = load("tests/fixtures/eu-ai-act-1.4.1.json");
    let passing: Vec<&str> = CHECKS
        .iter()
        .filter(|(_, check)| check(&old).is_ok())
        .map(|(name, _)| *name)
        .collect();
    assert!(
        passing.is_empty(),
        "these checks pass on 1.4.1 too, so they prove nothing: {passing:?}"
    );
}
