//! The wording the legal review of questionnaire 1.4.1 found wrong or
//! imprecise (issue 16), and what founders tripped over in the trials of
//! 2.0.0, checked on the shipped questionnaire. Each check must pass on the
//! shipped file and fail on the 1.4.1 copy kept as a fixture, so that it
//! proves the correction rather than passing anyway.

use std::path::PathBuf;

use aiact_core::Questionnaire;
use aiact_core::model::{Obligation, ObligationKind, QuestionKind};
use serde_json::Value;

fn load(path: &str) -> Questionnaire {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    Questionnaire::load(&path).unwrap_or_else(|e| panic!("{e}"))
}

type Check = fn(&Questionnaire) -> Result<(), String>;

fn obligation<'q>(q: &'q Questionnaire, id: &str) -> Result<&'q Obligation, String> {
    q.obligations()
        .iter()
        .find(|o| o.id == id)
        .ok_or_else(|| format!("no obligation `{id}`"))
}

fn obligation_text(q: &Questionnaire, id: &str) -> Result<String, String> {
    let o = obligation(q, id)?;
    Ok(format!("{} {}", o.title, o.summary))
}

fn obligation_caveat<'q>(q: &'q Questionnaire, id: &str) -> Result<&'q str, String> {
    Ok(obligation(q, id)?.caveat.as_deref().unwrap_or_default())
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
        let caveat = obligation_caveat(q, id)?;
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

/// The options of any question that cite `reference`, with their labels.
fn labels_citing<'q>(q: &'q Questionnaire, reference: &str) -> Vec<&'q str> {
    q.questions()
        .iter()
        .flat_map(|question| &question.options)
        .filter(|o| o.refs.iter().any(|r| r.as_str() == reference))
        .map(|o| o.label.as_str())
        .collect()
}

/// Whether the options citing `reference` whose label mentions `topic`
/// exist, and every one of them says all of `words`.
fn every_label_says(q: &Questionnaire, reference: &str, topic: &str, words: &[&str]) -> bool {
    let labels: Vec<&str> = labels_citing(q, reference)
        .into_iter()
        .filter(|l| l.contains(topic))
        .collect();
    !labels.is_empty() && labels.iter().all(|l| words.iter().all(|w| l.contains(w)))
}

/// Founder trials of 2.0.0, item 2: screening tenants or customers of
/// energy and phone contracts on whether they will pay is named where a
/// founder answers, in the area and in the credit-score use (recital 58).
fn tenant_screening_is_named_with_credit_scores(q: &Questionnaire) -> Result<(), String> {
    let area = labels_citing(q, "annex:III(5)");
    let credit = labels_citing(q, "annex:III(5)(b)");
    ensure(
        area.iter().any(|l| l.contains("tenant"))
            && credit
                .iter()
                .any(|l| l.contains("rent a home") && l.contains("payment history")),
        "neither the essential-services area nor the credit-score use names tenant screening",
    )
}

/// Founder trials of 2.0.0, item 11: the fraud exclusion of Annex III,
/// point 5(b) is fraud in financial services; checking entitlement to
/// public benefits is point 5(a), even when it is called fraud detection.
fn benefit_fraud_checks_are_not_the_fraud_exclusion(q: &Questionnaire) -> Result<(), String> {
    let benefits = labels_citing(q, "annex:III(5)(a)");
    ensure(
        every_label_says(
            q,
            "annex:III(5)(b)",
            "fraud",
            &["financial services", "public benefits"],
        ) && benefits.iter().any(|l| l.contains("fraud")),
        "the fraud option does not send benefit-fraud checks to the public-benefits use",
    )
}

/// Founder trials of 2.0.0, item 3: the pressure option of Article 5(1)(a)
/// describes the covert element and says, in the option itself, that
/// openly presented support people chose is not meant.
fn pressure_is_covert_and_not_consented_nudges(q: &Questionnaire) -> Result<(), String> {
    ensure(
        every_label_says(
            q,
            "art:5(1)(a)",
            "pressure",
            &["without people knowing", "switch off"],
        ),
        "the pressure option reads on openly presented, consented nudges",
    )
}

/// Founder trials of 2.0.0, item 4: realistic content of people or scenes
/// that do not exist is asked apart from deep fakes of existing ones, and
/// the option says that the law on it is not settled.
fn invented_people_are_asked_apart_and_flagged(q: &Questionnaire) -> Result<(), String> {
    let flagged = q
        .questions()
        .iter()
        .flat_map(|question| &question.options)
        .filter(|o| o.refs.iter().any(|r| r.as_str() == "art:3(60)"))
        .any(|o| {
            o.label.contains("do not exist")
                && o.caveat
                    .as_deref()
                    .is_some_and(|c| c.contains("not settled"))
        });
    ensure(
        flagged,
        "realistic but invented people are decided silently with the deep fakes",
    )
}

/// Founder trials of 2.0.0, item 5: the caveat on the registration date
/// is calm and actionable: what most sources say, why the early date
/// hardly bites, and what to do to be safe.
fn registration_caveats_say_what_to_do(q: &Questionnaire) -> Result<(), String> {
    for id in ["hr_registration", "hr_deployer_registration"] {
        let caveat = obligation_caveat(q, id)?;
        if !(caveat.contains("Most sources") && caveat.contains("To be safe")) {
            return Err(format!(
                "`{id}`: the registration caveat alarms without saying what to do"
            ));
        }
    }
    Ok(())
}

/// Founder trials of 2.0.0, item 6: the definition questions draw one line
/// for simple regressions. No hint may say that any fitted parameter makes
/// software AI while the options leave out a simple trend fitted to past
/// figures; the basic-statistics option and the trained-step option both
/// name the simple regression, on opposite sides.
fn the_definition_draws_one_line_for_regressions(q: &Questionnaire) -> Result<(), String> {
    for question in q.questions() {
        let hints = [
            question.if_decisive.as_deref(),
            question.if_not_sure.as_deref(),
            Some(question.help.explanation.as_str()),
        ];
        if hints
            .iter()
            .flatten()
            .any(|text| text.contains("any parameter was fitted"))
        {
            return Err(format!(
                "`{}` says any fitted parameter makes it AI",
                question.id
            ));
        }
    }
    let labels: Vec<&str> = q
        .questions()
        .iter()
        .flat_map(|question| &question.options)
        .map(|o| o.label.as_str())
        .collect();
    ensure(
        labels
            .iter()
            .any(|l| l.contains("basic statistics") && l.contains("simple regression"))
            && labels
                .iter()
                .any(|l| l.contains("trained on example data") && l.contains("simple regression")),
        "the definition options do not place the simple regression",
    )
}

/// Founder trials of 2.0.0, item 7: the first question does not take for
/// granted that the product uses AI.
fn the_first_question_does_not_presuppose_ai(q: &Questionnaire) -> Result<(), String> {
    let first = q.questions().first().ok_or("no questions")?;
    ensure(
        first
            .options
            .first()
            .is_some_and(|o| !o.label.contains("that uses AI") && o.label.contains("call it AI")),
        "the first option presupposes that the product uses AI",
    )
}

/// Founder trials of 2.0.0, item 8: the role option for a model of one's
/// own says first that it is about a general-purpose model, and that a
/// model trained for one narrow task is not meant.
fn the_model_role_starts_with_general_purpose(q: &Questionnaire) -> Result<(), String> {
    let labels = labels_citing(q, "recital:97");
    ensure(
        labels.iter().any(|l| {
            let general = l.find("general-purpose");
            let trained = l.find("trained");
            matches!((general, trained), (Some(g), Some(t)) if g < t) && l.contains("narrow task")
        }),
        "the model role does not put 'general-purpose' before 'trained'",
    )
}

/// Founder trials of 2.0.0, item 9: the regulated-products option says
/// in its label that software meant to diagnose or treat can itself be a
/// medical device, and that wellness apps and admin tools usually are not.
fn medical_software_is_named_in_the_product_option(q: &Questionnaire) -> Result<(), String> {
    let labels = labels_citing(q, "annex:I");
    ensure(
        labels.iter().any(|l| {
            l.contains("diagnose") && l.contains("medical device") && l.contains("wellness")
        }),
        "the product option does not say when software is a medical device",
    )
}

/// Founder trials of 2.0.0, item 13: the text options name transcripts,
/// and the marking exception says how to answer for speech-to-text and
/// that the point is not settled.
fn transcripts_are_placed_for_marking(q: &Questionnaire) -> Result<(), String> {
    let named = labels_citing(q, "art:50(2)")
        .iter()
        .any(|l| l.contains("transcripts"));
    let placed = q.questions().iter().any(|question| {
        question.refs.iter().any(|r| r.as_str() == "art:50(2)")
            && question.text.contains("word for word")
            && question
                .caveat
                .as_deref()
                .is_some_and(|c| c.contains("transcript") && c.contains("not settled"))
    });
    ensure(
        named && placed,
        "speech-to-text is not named, or the marking exception does not say how to answer for it",
    )
}

/// Founder trials of 2.0.0, item 10: learners at driving schools are named
/// where founders say whose emotions are read, and the medical or safety
/// exception is asked as facts (what the readings are used for), never as
/// one self-declared yes.
fn emotion_exception_is_asked_as_facts(q: &Questionnaire) -> Result<(), String> {
    let about_the_ban = || {
        q.questions()
            .iter()
            .filter(|question| question.refs.iter().any(|r| r.as_str() == "art:5(1)(f)"))
    };
    if let Some(question) = about_the_ban().find(|question| {
        question.kind == QuestionKind::YesNo && question.text.contains("medical or safety")
    }) {
        return Err(format!(
            "`{}` lifts the ban on one self-declared answer",
            question.id
        ));
    }
    ensure(
        about_the_ban().any(|question| {
            question
                .options
                .iter()
                .any(|o| o.label.contains("driving schools"))
        }),
        "no option places learners at driving schools",
    )
}

/// Founder trials of 2.0.0, item 12: a developer who builds a system to a
/// client's order, for the client to use under its own name, has a role
/// option of its own (the client is the provider, Article 3(3)).
fn building_to_order_has_a_role(q: &Questionnaire) -> Result<(), String> {
    let labels = labels_citing(q, "art:25(4)");
    ensure(
        labels
            .iter()
            .any(|l| l.contains("to order") && l.contains("client's own name")),
        "no role option for a system built to a client's order",
    )
}

/// Founder trials of 2.0.0: the marking duty warned every generator that
/// "the later date for systems already on the market" was unverified, also
/// one launched after the cut-off, to which that date never applies. The
/// later date is a milestone marked as reported, so the plan marks it (†)
/// exactly where it is the duty's date.
fn the_later_marking_date_is_marked_only_where_it_applies(q: &Questionnaire) -> Result<(), String> {
    let caveat = obligation_caveat(q, "t_mark_synthetic_content")?;
    ensure(
        !caveat.contains("2 December 2026"),
        "the marking duty cautions every generator about the later date",
    )?;
    let later = q.milestone("art50_legacy_marking");
    ensure(
        later.is_some_and(|m| m.status == aiact_core::model::Certainty::Reported),
        "the later marking date is not marked as reported",
    )
}

/// Founder trial of 7 December 2026: a proctoring start-up selling to
/// universities could not tell from the question whether a public
/// university is a public authority (Article 111(2)); the help said so,
/// the question did not.
fn public_bodies_are_named_in_the_question(q: &Questionnaire) -> Result<(), String> {
    let question = (q.questions().iter())
        .find(|question| question.id == "hr_public_authority_use")
        .ok_or("no question on use by public authorities")?;
    ensure(
        ["public hospitals", "state schools", "public universities"]
            .iter()
            .all(|body| question.text.contains(body)),
        "the public-authority question does not name public bodies a founder sells to",
    )
}

/// Founder trial G of 7 December 2026: a provider selling a listed system
/// to municipalities was never asked who its customers are, so their impact
/// assessment (Article 27(1)) and registration (Articles 26(8), 49(3)) went
/// unnamed. The question names, in its options, the customers a founder
/// knows by name on each side of the line, and the finding tells the
/// provider what its instructions for use (Article 13) do for them.
fn public_customers_are_named_by_kind(q: &Questionnaire) -> Result<(), String> {
    let question = (q.questions().iter())
        .find(|question| question.id == "public_customers")
        .ok_or("no question on the provider's public-sector customers")?;
    let label = |id: &str| {
        (question.options.iter())
            .find(|option| option.id == id)
            .map(|option| option.label.as_str())
            .unwrap_or_default()
    };
    ensure(
        [
            "municipalities",
            "public hospitals",
            "state schools",
            "public universities",
        ]
        .iter()
        .all(|body| label("public_body").contains(body)),
        "the public-body option does not name the bodies a founder sells to",
    )?;
    ensure(
        label("on_behalf").contains("under a contract"),
        "the option for companies working for a public body does not say how to recognise them",
    )?;
    ensure(
        ["private hospitals", "care homes", "private schools"]
            .iter()
            .all(|kind| label("public_service").contains(kind)),
        "the public-service option does not name private organisations providing a public service",
    )?;
    let finding = (q.findings().iter())
        .find(|finding| finding.id == "public_sector_customers")
        .ok_or("no finding naming the public-sector customers' duties")?;
    ensure(
        finding.explanation.contains("instructions for use")
            && finding.mentions.iter().any(|id| id == "hr_deployer_fria")
            && finding
                .mentions
                .iter()
                .any(|id| id == "hr_deployer_registration"),
        "the finding does not name the customers' duties or what the provider's instructions do for them",
    )
}

/// Founder trial of 7 December 2026 (G-3): "what it turns on" quotes an
/// option up to its first bracket, and "It runs on a general-purpose model"
/// read as describing every product built on a model's API. The words that
/// decide the tick come before the bracket.
fn the_model_option_says_changed_before_its_bracket(q: &Questionnaire) -> Result<(), String> {
    let role = (q.questions().iter())
        .find(|question| question.id == "role")
        .ok_or("no role question")?;
    let option = (role.options.iter())
        .find(|option| option.id == "own_gp_model")
        .ok_or("no option for a general-purpose model of one's own")?;
    let before_bracket = option.label.split('(').next().unwrap_or_default();
    ensure(
        before_bracket.contains("fine-tuned"),
        "the general-purpose model option says what counts only inside its bracket",
    )
}

/// Every string of a questionnaire file: texts, help, options, caveats,
/// findings, duties and the comments for reviewers alike.
fn every_string(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| every_string(item, out)),
        Value::Object(fields) => fields.values().for_each(|item| every_string(item, out)),
        _ => {}
    }
}

fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '?', '!', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn words(sentence: &str) -> Vec<String> {
    sentence
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Founder trials of 2.0.0, item 1 (critical): no text may ever suggest
/// trying, testing or prompting a system for sexual content involving
/// children, not even as a safety check. No sentence that names children
/// or minors may also speak of trying, testing, prompting or red-teaming.
fn no_text_suggests_testing_with_children(file: &Value) -> Result<(), String> {
    const YOUNG: &[&str] = &[
        "child",
        "children",
        "minor",
        "minors",
        "underage",
        "under-age",
        "kid",
        "kids",
        "teen",
        "teens",
        "teenager",
        "teenagers",
    ];
    const TRYING: &[&str] = &[
        "try", "tri", "test", "prompt", "attempt", "probe", "red-team",
    ];
    let mut texts = Vec::new();
    every_string(file, &mut texts);
    for text in &texts {
        for sentence in sentences(text) {
            let words = words(sentence);
            let young = words.iter().any(|w| YOUNG.contains(&w.as_str()));
            let trying = words
                .iter()
                .any(|w| TRYING.iter().any(|t| w.starts_with(t)) || w == "red");
            if young && trying {
                return Err(format!(
                    "a sentence names children or minors next to trying or testing: \"{sentence}\""
                ));
            }
        }
    }
    Ok(())
}

type RawCheck = fn(&Value) -> Result<(), String>;

/// Checks on the file's text as a whole, wherever the text sits.
const RAW_CHECKS: &[(&str, RawCheck)] = &[(
    "no_text_suggests_testing_with_children",
    no_text_suggests_testing_with_children,
)];

fn load_raw(path: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Article 27(1): deployers of credit-scoring and insurance-pricing systems
/// assess the impact on fundamental rights, whoever they are; a provider's
/// verdict lists it among its customers' duties (a trial found it missing).
fn credit_and_insurance_uses_name_the_deployers_impact_assessment(
    q: &Questionnaire,
) -> Result<(), String> {
    for id in ["annex_iii_5b", "annex_iii_5c"] {
        let finding = q
            .findings()
            .iter()
            .find(|f| f.id == id)
            .ok_or_else(|| format!("no finding `{id}`"))?;
        ensure(
            finding.mentions.iter().any(|m| m == "hr_deployer_fria"),
            &format!("`{id}` does not name the deployers' impact assessment"),
        )?;
    }
    Ok(())
}

const CHECKS: &[(&str, Check)] = &[
    (
        "credit_and_insurance_uses_name_the_deployers_impact_assessment",
        credit_and_insurance_uses_name_the_deployers_impact_assessment,
    ),
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
    (
        "tenant_screening_is_named_with_credit_scores",
        tenant_screening_is_named_with_credit_scores,
    ),
    (
        "benefit_fraud_checks_are_not_the_fraud_exclusion",
        benefit_fraud_checks_are_not_the_fraud_exclusion,
    ),
    (
        "pressure_is_covert_and_not_consented_nudges",
        pressure_is_covert_and_not_consented_nudges,
    ),
    (
        "invented_people_are_asked_apart_and_flagged",
        invented_people_are_asked_apart_and_flagged,
    ),
    (
        "registration_caveats_say_what_to_do",
        registration_caveats_say_what_to_do,
    ),
    (
        "the_definition_draws_one_line_for_regressions",
        the_definition_draws_one_line_for_regressions,
    ),
    (
        "the_first_question_does_not_presuppose_ai",
        the_first_question_does_not_presuppose_ai,
    ),
    (
        "the_model_role_starts_with_general_purpose",
        the_model_role_starts_with_general_purpose,
    ),
    (
        "medical_software_is_named_in_the_product_option",
        medical_software_is_named_in_the_product_option,
    ),
    (
        "transcripts_are_placed_for_marking",
        transcripts_are_placed_for_marking,
    ),
    (
        "emotion_exception_is_asked_as_facts",
        emotion_exception_is_asked_as_facts,
    ),
    ("building_to_order_has_a_role", building_to_order_has_a_role),
    (
        "the_later_marking_date_is_marked_only_where_it_applies",
        the_later_marking_date_is_marked_only_where_it_applies,
    ),
    (
        "public_bodies_are_named_in_the_question",
        public_bodies_are_named_in_the_question,
    ),
    (
        "the_model_option_says_changed_before_its_bracket",
        the_model_option_says_changed_before_its_bracket,
    ),
    (
        "public_customers_are_named_by_kind",
        public_customers_are_named_by_kind,
    ),
];

#[test]
fn the_shipped_wording_follows_the_law() {
    let q = load("questionnaires/eu-ai-act.json");
    let raw = load_raw("questionnaires/eu-ai-act.json");
    let problems: Vec<String> = CHECKS
        .iter()
        .filter_map(|(name, check)| check(&q).err().map(|p| format!("{name}: {p}")))
        .chain(
            RAW_CHECKS
                .iter()
                .filter_map(|(name, check)| check(&raw).err().map(|p| format!("{name}: {p}"))),
        )
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Each check catches what was wrong in 1.4.1.
#[test]
fn every_check_fails_on_questionnaire_1_4_1() {
    let old = load("tests/fixtures/eu-ai-act-1.4.1.json");
    let old_raw = load_raw("tests/fixtures/eu-ai-act-1.4.1.json");
    let passing: Vec<&str> = CHECKS
        .iter()
        .filter(|(_, check)| check(&old).is_ok())
        .map(|(name, _)| *name)
        .chain(
            RAW_CHECKS
                .iter()
                .filter(|(_, check)| check(&old_raw).is_ok())
                .map(|(name, _)| *name),
        )
        .collect();
    assert!(
        passing.is_empty(),
        "these checks pass on 1.4.1 too, so they prove nothing: {passing:?}"
    );
}
