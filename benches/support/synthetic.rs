//! Generated questionnaires of any size, shaped like the real one: sections
//! that open with a gate question, follow-ups that depend on earlier
//! answers, a finding per section and an obligation per finding.

use serde_json::{Value, json};

const SECTION_SIZE: usize = 20;

pub fn questionnaire(questions: usize) -> Value {
    let sections = questions.div_ceil(SECTION_SIZE);
    let mut qs = Vec::with_capacity(questions);
    let mut findings = Vec::with_capacity(sections);
    let mut obligations = Vec::with_capacity(sections);
    for s in 0..sections {
        let gate = format!("s{s}_q0");
        for i in 0..SECTION_SIZE.min(questions - s * SECTION_SIZE) {
            let id = format!("s{s}_q{i}");
            let mut question = if i % 3 == 2 {
                json!({
                    "id": id, "section": format!("s{s}"), "kind": "single_choice",
                    "text": format!("Question {i} of section {s}?"),
                    "options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}],
                    "allow_not_sure": true, "refs": ["art:6(3)(a)"]
                })
            } else {
                json!({
                    "id": id, "section": format!("s{s}"), "kind": "yes_no",
                    "text": format!("Question {i} of section {s}?"),
                    "help": {"explanation": "Help.", "examples_in": ["In."], "examples_out": ["Out."]},
                    "allow_not_sure": true, "refs": ["annex:III(4)(a)"]
                })
            };
            let when = match i {
                0 if s > 0 => Some(json!({"not": {"finding": format!("f{}", s - 1)}})),
                0 => None,
                1 => Some(json!({"equals": {"question": gate, "value": "yes"}})),
                _ => Some(json!({"any": [
                    {"equals": {
                        "question": format!("s{s}_q{}", i - 1),
                        "value": if (i - 1) % 3 == 2 { "a" } else { "yes" }
                    }},
                    {"all": [
                        {"equals": {"question": gate, "value": "yes"}},
                        {"not": {"equals": {"question": format!("s{s}_q1"), "value": "no"}}}
                    ]}
                ]})),
            };
            if let Some(when) = when {
                question["when"] = when;
            }
            qs.push(question);
        }
        findings.push(json!({
            "id": format!("f{s}"), "title": format!("Finding {s}"), "explanation": "Explained.",
            "refs": ["art:6(2)"], "tier": if s % 2 == 0 { "high" } else { "low" },
            "when": {"all": [
                {"equals": {"question": gate, "value": "yes"}},
                {"equals": {"question": format!("s{s}_q1"), "value": "yes"}}
            ]}
        }));
        obligations.push(json!({
            "id": format!("o{s}"), "title": "Do it", "summary": "Do it well.",
            "findings": [format!("f{s}")], "roles": ["provider"],
            "applies_from": [{"milestone": "m"}]
        }));
    }
    json!({
        "format": 1, "id": "synthetic", "version": "1", "title": "Synthetic",
        "legal_basis": {"act": "Test", "as_of": "2026-11-23", "official_text_url": "https://example.org"},
        "tiers": [
            {"id": "high", "label": "High", "summary": "."},
            {"id": "low", "label": "Low", "summary": "."},
            {"id": "none", "label": "None", "summary": ".", "default": true}
        ],
        "roles": [{"id": "provider", "label": "Provider", "when": {"equals": {"question": "s0_q0", "value": "yes"}}}],
        "sections": (0..sections).map(|s| json!({"id": format!("s{s}"), "title": format!("Section {s}")})).collect::<Vec<_>>(),
        "questions": qs,
        "findings": findings,
        "milestones": [{"id": "m", "date": "2027-12-02", "title": "M", "source": "Art. 113"}],
        "obligations": obligations
    })
}
