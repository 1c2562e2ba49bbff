//! The reports of saved assessments: snapshots of the HTML (and JSON) for a
//! few assessments of the toy questionnaire, with fixed dates and
//! timestamps; and hostile names and notes, which must come out as text.

use std::collections::BTreeMap;
use std::path::Path;

use aiact::report::model::Report;
use aiact::report::{html, markdown, text, turns_on};
use aiact::storage::format::{Assessment, Entry, Metadata};
use aiact::storage::{DroppedAnswer, Migration};
use aiact_core::answer::AnswerProblem;
use aiact_core::{AnswerValue, Answers, Questionnaire, Verdict};
use jiff::civil::{Date, date};
use serde_json::{Value, json};

#[path = "support/saved.rs"]
mod saved;

use saved::at;

const TODAY: Date = date(2026, 11, 23);

/// The toy questionnaire, plus a context item (penalties) beside the duties.
fn questionnaire() -> Questionnaire {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toy.json");
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("fixture")).expect("json");
    doc["obligations"]
        .as_array_mut()
        .expect("obligations")
        .push(json!({
            "id": "fines_high_risk",
            "kind": "context",
            "title": "For context: fines",
            "summary": "Up to EUR 15 million.",
            "refs": ["art:99(4)"],
            "findings": ["high_risk"],
            "applies_from": [{"milestone": "transparency"}]
        }));
    Questionnaire::from_json(&doc.to_string(), "toy with context").unwrap_or_else(|e| panic!("{e}"))
}

/// A saved assessment with fixed timestamps: answers and notes by question.
fn assessment(
    questionnaire: &Questionnaire,
    system_name: &str,
    organisation: Option<&str>,
    entries: &[(&str, Option<Value>, Option<&str>)],
) -> Assessment {
    let answers = entries
        .iter()
        .map(|(id, value, note)| {
            (
                (*id).to_owned(),
                Entry {
                    value: value
                        .clone()
                        .map(|value| serde_json::from_value(value).expect("answer value")),
                    note: note.map(str::to_owned),
                    updated: at("2026-11-20T10:00:00Z"),
                },
            )
        })
        .collect();
    saved::assessment(
        questionnaire,
        "00000000-0000-4000-8000-000000000001".to_owned(),
        Metadata {
            system_name: system_name.to_owned(),
            organisation: organisation.map(str::to_owned),
            assessor: Some("Jo Example".to_owned()),
            created: at("2026-11-20T09:12:03Z"),
            updated: at("2026-11-21T14:40:51Z"),
        },
        answers,
    )
}

fn report(
    questionnaire: &Questionnaire,
    assessment: &Assessment,
    migration: Option<&Migration>,
) -> Report {
    let values: BTreeMap<String, AnswerValue> = assessment
        .answers
        .iter()
        .filter_map(|(id, entry)| Some((id.clone(), entry.value.clone()?)))
        .collect();
    let answers = Answers::from_values(questionnaire, &values).expect("answers fit");
    // As `aiact export` makes it: with what the result turns on.
    let verdict = Verdict::compute_with_turns_on(questionnaire, &answers, TODAY);
    Report::from_parts(assessment, questionnaire, migration, verdict)
}

/// The page without its style sheet, which would repeat in every snapshot.
fn page(report: &Report) -> String {
    let page = html::render(report);
    let start = page.find("<style>").expect("style") + "<style>".len();
    let end = page.find("</style>").expect("style end");
    format!("{}…{}", &page[..start], &page[end..])
}

/// High-risk, complete: duties from a later (reported) date, a context item
/// apart, notes.
/// The report of the assessment `make` writes of the questionnaire.
fn report_of(make: fn(&Questionnaire) -> Assessment) -> Report {
    let q = questionnaire();
    report(&q, &make(&q), None)
}

/// The report of an unfinished assessment after a questionnaire update.
fn report_after_update() -> Report {
    let q = questionnaire();
    let (assessment, migration) = unfinished_after_update(&q);
    report(&q, &assessment, Some(&migration))
}

fn high_risk(q: &Questionnaire) -> Assessment {
    assessment(
        q,
        "Hiring Helper",
        Some("Acme GmbH"),
        &[
            ("is_ai", Some(json!("yes")), None),
            ("role", Some(json!(["provider", "deployer"])), None),
            (
                "use_area",
                Some(json!("hiring")),
                Some("Ranks CVs for our recruiters.\nCustomers: 3 agencies."),
            ),
            ("narrow_task", Some(json!("no")), None),
            (
                "on_market",
                Some(json!("no")),
                Some("Launch planned for 2027."),
            ),
            ("users", Some(json!(2500)), None),
            ("comment", Some(json!("We also log every ranking.")), None),
        ],
    )
}

/// Not sure whether the Art. 6(3) exception applies: provisional.
fn provisional(q: &Questionnaire) -> Assessment {
    assessment(
        q,
        "Credit Scorer",
        None,
        &[
            ("is_ai", Some(json!("yes")), None),
            ("role", Some(json!(["deployer"])), None),
            ("use_area", Some(json!("credit")), None),
            (
                "narrow_task",
                Some(json!("not_sure")),
                Some("Ask the supplier."),
            ),
            ("profiling", Some(json!("no")), None),
            ("on_market", Some(json!("yes")), None),
            ("users", Some(json!(40)), None),
        ],
    )
}

/// Half done, after a questionnaire update that retired an answer; a note
/// on a question that is no longer on the path.
fn unfinished_after_update(q: &Questionnaire) -> (Assessment, Migration) {
    let assessment = assessment(
        q,
        "Support Bot",
        Some("Tiny Startup"),
        &[
            ("is_ai", Some(json!("yes")), None),
            ("role", Some(json!(["provider"])), None),
            ("use_area", Some(json!("chat")), None),
            (
                "narrow_task",
                None,
                Some("Written before we changed the use."),
            ),
        ],
    );
    let migration = Migration {
        from_version: "0.9.0".to_owned(),
        to_version: q.version().to_owned(),
        same_version_other_content: false,
        dropped: vec![DroppedAnswer {
            question: "channel".to_owned(),
            value: Some(AnswerValue::Text("email".to_owned())),
            note: Some("Only e-mail for now.".to_owned()),
            problem: AnswerProblem::UnknownQuestion,
        }],
        previous_verdict: Some(Verdict::compute(q, &Answers::new(), TODAY)),
    };
    (assessment, migration)
}

#[test]
fn html_report_of_a_complete_high_risk_assessment() {
    let report = report_of(high_risk);
    insta::assert_snapshot!("html_high_risk", page(&report));
}

#[test]
fn html_report_of_a_provisional_assessment() {
    let report = report_of(provisional);
    insta::assert_snapshot!("html_provisional", page(&report));
}

#[test]
fn html_report_of_an_unfinished_assessment_after_an_update() {
    let report = report_after_update();
    insta::assert_snapshot!("html_unfinished_after_update", page(&report));
}

#[test]
fn json_report_of_an_unfinished_assessment_after_an_update() {
    let report = report_after_update();
    let json = serde_json::to_value(&report).expect("json");
    assert_eq!(json["format"], "aiact-report/1");
    insta::assert_json_snapshot!("json_unfinished_after_update", json);
}

#[test]
fn every_report_states_what_the_issue_requires() {
    let report = report_of(high_risk);
    let page = html::render(&report);
    let shown = text::render_report(&report);
    let md = markdown::render(&report);
    for needle in [
        "Hiring Helper",
        "Acme GmbH",
        "Jo Example",
        "version 1.0.0",
        "Regulation (EU) 2024/1689",
        "1 November 2026",
        "Ranks CVs for our recruiters.",
        "High-risk (Annex III)",
        "Listed use-case.",
        "Annex III",
        "Risk management and conformity",
        "2 December 2027",
        "reported, not verified",
        "For context: fines",
        "not legal advice",
    ] {
        assert!(page.contains(needle), "HTML lacks {needle:?}");
        assert!(shown.contains(needle), "text lacks {needle:?}");
        assert!(md.contains(needle), "Markdown lacks {needle:?}");
    }
    assert!(page.contains("href=\"https://eur-lex.europa.eu/eli/reg/2024/1689/oj/eng#art_16\""));
    // Context items are apart from the duties, after them, in the plan.
    let plan = page.find("<section id=\"plan\">").expect("plan");
    let duty = plan + page[plan..].find("Use it as instructed").expect("a duty");
    let context = plan + page[plan..].find("<h3>For context</h3>").expect("context");
    assert!(duty < context);
    assert!(page[context..].contains("For context: fines"));
    // Each date once, its source given, "reported, not verified" explained
    // once in the legend and not on every duty.
    for rendered in [&page, &shown, &md] {
        assert_eq!(
            rendered
                .matches("Reported, not verified against the official text.")
                .count(),
            1,
            "{rendered}"
        );
        assert!(!rendered.contains("Applies from"), "{rendered}");
    }
}

#[test]
fn the_pyramid_marks_the_result_in_words_not_only_in_colour() {
    let q = questionnaire();
    let page = html::render(&report(&q, &high_risk(&q), None));
    assert!(page.contains("YOUR RESULT: High-risk"), "{page}");
    assert_eq!(page.matches("class=\"level headline\"").count(), 1);
    assert!(page.contains("<title id=\"pyramid-title\">Risk pyramid, from most to least demanding: Prohibited, High-risk, Transparency duties, Minimal risk. Your result: High-risk.</title>"));

    let outside = assessment(
        &q,
        "Calculator",
        None,
        &[("is_ai", Some(json!("no")), None)],
    );
    let page = html::render(&report(&q, &outside, None));
    assert!(!page.contains("class=\"level headline\""));
    assert!(page.contains("is outside the pyramid"));
}

/// Whether Markdown has `pattern` without a backslash before it.
fn unescaped(markdown: &str, pattern: &str) -> bool {
    markdown
        .match_indices(pattern)
        .any(|(at, _)| !markdown[..at].ends_with('\\'))
}

const HOSTILE: &str = "<script>alert('x')</script> \"quoted\" ' *bold* [link](javascript:alert(1)) <img src=x onerror=alert(1)> &amp; \u{1b}[2J\u{1b}]0;owned\u{7} | # heading";

#[test]
fn hostile_names_notes_and_answers_come_out_as_text() {
    let q = questionnaire();
    let hostile = assessment(
        &q,
        HOSTILE,
        Some(HOSTILE),
        &[
            ("is_ai", Some(json!("yes")), Some(HOSTILE)),
            ("role", Some(json!(["provider"])), None),
            ("use_area", Some(json!("other")), None),
            ("chatbot", Some(json!("no")), None),
            ("comment", Some(json!(HOSTILE)), Some(HOSTILE)),
        ],
    );
    let report = report(&q, &hostile, None);

    let page = html::render(&report);
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<img"));
    assert!(!page.contains("javascript:alert(1)\""));
    assert!(!page.contains('\u{1b}'));
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(page.contains("&amp;amp;"), "an entity typed stays literal");
    // Six places: title, heading, organisation, the answer, two notes, footer.
    assert!(page.matches("&lt;img src=x onerror=alert(1)&gt;").count() >= 6);

    let shown = text::render_report(&report);
    assert!(!shown.contains('\u{1b}'), "{shown}");
    assert!(!shown.contains('\u{7}'));
    assert!(shown.contains("\\u{1b}[2J"));

    let md = markdown::render(&report);
    assert!(!unescaped(&md, "<script"), "{md}");
    assert!(!unescaped(&md, "<img"));
    assert!(!unescaped(&md, "](javascript"), "no link from typed text");
    assert!(!md.contains('\u{1b}'));
    assert!(!md.contains("\n# heading"));
    assert!(md.contains("\\<script\\>"), "{md}");
    assert!(md.contains("\\*bold\\*"));
    assert!(md.contains("\\| \\# heading") || md.contains("\\| # heading"));

    let json = serde_json::to_string(&report).expect("json");
    assert!(!json.contains('\u{1b}'));
    let back: Value = serde_json::from_str(&json).expect("parses");
    assert_eq!(
        back["assessment"]["system_name"], HOSTILE,
        "JSON keeps the text exactly"
    );
}

#[test]
fn markdown_report_of_a_complete_high_risk_assessment() {
    let report = report_of(high_risk);
    insta::assert_snapshot!("md_high_risk", markdown::render(&report));
}

#[test]
fn markdown_report_of_a_provisional_assessment() {
    let report = report_of(provisional);
    insta::assert_snapshot!("md_provisional", markdown::render(&report));
}

#[test]
fn markdown_report_of_an_unfinished_assessment_after_an_update() {
    let report = report_after_update();
    insta::assert_snapshot!("md_unfinished_after_update", markdown::render(&report));
}

#[test]
fn text_report_of_a_complete_high_risk_assessment() {
    let report = report_of(high_risk);
    insta::assert_snapshot!("text_high_risk", text::render_report(&report));
}

/// Each mark is in `rendered`, in this order.
fn in_order(rendered: &str, marks: &[&str]) {
    let at: Vec<usize> = marks
        .iter()
        .map(|mark| {
            rendered
                .find(mark)
                .unwrap_or_else(|| panic!("{mark} in\n{rendered}"))
        })
        .collect();
    assert!(at.is_sorted(), "{marks:?} in\n{rendered}");
}

#[test]
fn every_report_shows_the_verdict_in_the_order_of_issue_13() {
    let report = report_of(high_risk);
    // The order of issue 13: result, plan, what it turns on, findings.
    in_order(
        &text::render_report(&report),
        &[
            "RESULT: HIGH-RISK",
            "WHAT YOU MUST DO, BY WHEN",
            "WHAT THIS RESULT TURNS ON",
            "FINDINGS",
        ],
    );
    in_order(
        &markdown::render(&report),
        &[
            "## Result",
            "## What you must do, by when",
            "## What this result turns on",
            "## Findings",
        ],
    );
    in_order(
        &html::render(&report),
        &[
            "<section id=\"result\"",
            "<section id=\"plan\">",
            "<section id=\"turns-on\">",
            "<section id=\"findings\">",
        ],
    );
    // Each item: the question, the answer given, the other answer (a fact,
    // not a choice) and the result it would give.
    let md = markdown::render(&report);
    for needle in [
        "### What is it used for?",
        "You answered: **Screening job applicants**",
        "- If the true answer is “Social scoring”: PROHIBITED (Article 5(1)(c)); 1 duty that applies now.",
    ] {
        assert!(md.contains(needle), "{needle:?} in\n{md}");
    }
    // An answer given for sure is checked against the answers that would
    // ask more: "not an AI system" would ask less, and is no loophole to
    // offer.
    assert!(!md.contains("NOT AN AI SYSTEM"), "{md}");
}

#[test]
fn an_answer_not_sure_of_comes_first_with_how_to_find_it_out() {
    let report = report_of(provisional);
    let md = markdown::render(&report);
    let unsure = md
        .find("### Does it only do a narrow procedural task?")
        .unwrap_or_else(|| panic!("{md}"));
    let use_area = md
        .find("### What is it used for?")
        .unwrap_or_else(|| panic!("{md}"));
    assert!(unsure < use_area, "{md}");
    for needle in [
        "You answered: **Not sure** (an open point: see below)",
        "- If the true answer is “Yes”: MINIMAL RISK; no duties.",
        "- If the true answer is “No”: still HIGH-RISK;",
        "**How to check:** Compare with the examples in recital 53.",
    ] {
        assert!(md.contains(needle), "{needle:?} in\n{md}");
    }
}

#[test]
fn a_result_no_single_answer_changes_says_so_in_one_line() {
    let mut report = report_of(high_risk);
    report.verdict.turns_on = Some(Vec::new());
    let nothing = "No single answer would change this result.";
    for rendered in [
        text::render_report(&report),
        markdown::render(&report),
        html::render(&report),
    ] {
        assert_eq!(rendered.matches(nothing).count(), 1, "{rendered}");
    }
    // Without the analysis (a verdict computed for something else), no section.
    report.verdict.turns_on = None;
    assert!(!markdown::render(&report).contains("What this result turns on"));
}

#[test]
fn an_unfinished_result_is_never_said_to_stay_a_tier_it_does_not_show() {
    // A driving-school webcam that reads learners' emotions, what the
    // readings are used for still to answer: the result so far shows what
    // already holds (high-risk), while each alternative is compared on all
    // that the open question leaves possible (a ban included). No line may
    // say "still PROHIBITED PRACTICE" under a result that does not say it.
    let q = Questionnaire::load(
        &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires/eu-ai-act.json"),
    )
    .expect("shipped questionnaire");
    let values: BTreeMap<String, AnswerValue> = serde_json::from_value(json!({
        "subject": "system", "how_it_works": ["learned"], "eu_reach": "eu_based",
        "exclusions": ["none"], "role": ["provider", "product_manufacturer"],
        "what_it_does": ["biometrics"], "biometric_uses": ["emotion"],
        "emotion_setting": ["education"], "used_for": ["product", "education"],
        "annex_i_product": ["radio"], "annex_i_component": "safety_component",
        "annex_i_third_party": "not_sure", "use_education": ["none"],
        "first_placed": "before_aug_2026", "hr_design_changed": "not_sure",
        "hr_public_authority_use": "no"
    }))
    .expect("answers");
    let answers = Answers::from_values(&q, &values).expect("answers fit");
    let verdict = Verdict::compute_with_turns_on(&q, &answers, TODAY);
    assert!(!verdict.complete, "{:?}", verdict.missing);
    let shown = verdict.tier.label.to_uppercase();
    let items = turns_on::items(&verdict).expect("worked out");
    assert!(!items.is_empty());
    for line in items.iter().flat_map(|item| &item.alternatives) {
        if let Some(at) = line.find("still ") {
            assert!(line[at + 6..].starts_with(&shown), "{line} under {shown}");
        }
    }
}

/// The outcome fixture: gate findings and a look-ahead for a system still
/// in development (the verdict annotations of docs/questionnaire-format.md).
fn outcome_questionnaire() -> Questionnaire {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outcome.json");
    Questionnaire::load(&path).expect("outcome fixture")
}

#[test]
fn a_system_in_development_shows_today_then_its_launch_in_every_report() {
    let q = outcome_questionnaire();
    let building = assessment(
        &q,
        "CV Ranker",
        None,
        &[
            ("is_ai", Some(json!("yes")), None),
            ("exclusions", Some(json!(["pre_market"])), None),
            ("role", Some(json!(["provider"])), None),
            ("practices", Some(json!(["none"])), None),
            (
                "use_area",
                Some(json!("hiring")),
                Some("For our recruiters."),
            ),
            ("narrow_task", Some(json!("no")), None),
            ("on_market", Some(json!("no")), None),
            ("open_source", Some(json!("no")), None),
        ],
    );
    let report = report(&q, &building, None);
    assert_eq!(
        report
            .look_ahead_answers
            .iter()
            .map(|line| line.question.as_str())
            .collect::<Vec<_>>(),
        [
            "role",
            "practices",
            "use_area",
            "narrow_task",
            "on_market",
            "open_source"
        ],
        "the answers for the launch, off today's path, kept apart"
    );
    let shown = text::render_report(&report);
    let marks = [
        "RESULT TODAY: OUTSIDE THE ACT — FOR NOW",
        "WHEN YOU LAUNCH (NOT APPLYING YET): HIGH-RISK",
        "WHAT TO PREPARE FOR LAUNCH (NOT APPLYING YET)",
        "FINDINGS",
        "YOUR ANSWERS",
        "WHEN YOU LAUNCH (NOT APPLYING YET)\n  ",
    ];
    in_order(&shown, &marks);
    // The steps every verdict passes through, in one line.
    assert_eq!(shown.matches("Within the AI Act:").count(), 1, "{shown}");
    assert!(shown.contains("For our recruiters."), "its note kept");

    let md = markdown::render(&report);
    assert!(md.contains("When you launch (not applying yet)"), "{md}");
    let page = html::render(&report);
    assert!(
        page.contains("<section id=\"launch\" class=\"launch\">"),
        "{page}"
    );
    assert!(page.contains("<h2 id=\"launch-answers\">When you launch (not applying yet)</h2>"));
    assert!(
        page.contains("when you launch (not applying yet)"),
        "marked in the pyramid"
    );
}

/// DermaScan of the founder trial of 7 December 2026: a class IIa
/// medical-device app on the market since 2025, a design change planned.
fn dermascan() -> Verdict {
    let q = Questionnaire::load(
        &std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires/eu-ai-act.json"),
    )
    .expect("shipped questionnaire");
    let values: BTreeMap<String, AnswerValue> = serde_json::from_value(json!({
        "subject": "system", "how_it_works": ["learned"], "eu_reach": "eu_based",
        "exclusions": ["none"], "role": ["provider"], "what_it_does": ["none"],
        "used_for": ["product"], "annex_i_product": ["medical_devices"],
        "annex_i_component": "is_product", "annex_i_third_party": "yes",
        "first_placed": "before_aug_2026", "hr_design_changed": "yes",
        "hr_public_authority_use": "no"
    }))
    .expect("answers");
    let answers = Answers::from_values(&q, &values).expect("answers fit");
    Verdict::compute_with_turns_on(&q, &answers, date(2026, 12, 7))
}

/// DermaScan's turns-on item for `question`: the answer as quoted, and its
/// other answers in one line.
fn dermascan_item(question: &str) -> (String, String) {
    let verdict = dermascan();
    let items = turns_on::items(&verdict).expect("worked out");
    let item = items
        .iter()
        .find(|item| item.question == question)
        .unwrap_or_else(|| panic!("the result turns on {question}: {items:#?}"));
    (item.answer.clone(), item.alternatives.join(" "))
}

#[test]
fn a_ticked_option_is_quoted_whole_even_when_its_label_holds_a_semicolon() {
    // The product option's label reads "... This includes software ...;
    // and machines, toys, ...": one option, not two.
    let (answer, _) = dermascan_item("used_for");
    assert_eq!(
        answer,
        "It is, or is part of, a product under EU product-safety law"
    );
}

#[test]
fn the_answers_that_decide_where_the_duties_start_are_shown() {
    // "Duties from your design change" rests on the design-change answer,
    // on the launch date and on the public-authority answer.
    let line = |question: &str| dermascan_item(question).1;
    assert!(line("hr_design_changed").contains("duties on hold"));
    assert!(line("first_placed").contains("no longer: duties from your design change"));
    assert!(line("hr_public_authority_use").contains("by 2 August 2030 at the latest"));
}

#[test]
fn duties_that_start_from_the_change_say_so_under_another_answer_too() {
    // Established outside the EU: one duty more, and the high-risk duties
    // still start from the design change, not on a date.
    let (_, line) = dermascan_item("eu_reach");
    assert!(
        line.contains("16 from the change you make, not before 2 August 2028"),
        "{line}"
    );
}
