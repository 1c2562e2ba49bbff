//! The JSON Schema editors use (`schemas/questionnaire.schema.json`) agrees
//! with the program: it accepts the questionnaires the program accepts, and
//! flags the structural mistakes the program rejects.

mod common;

use std::path::PathBuf;

use aiact_core::Questionnaire;
use serde_json::{Value, json};

fn schema() -> jsonschema::Validator {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas/questionnaire.schema.json");
    let text = std::fs::read_to_string(path).expect("schema readable");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema is a valid JSON Schema")
}

#[test]
fn the_fixture_and_every_shipped_questionnaire_conform() {
    let schema = schema();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = vec![
        root.join("tests/fixtures/toy.json"),
        root.join("tests/fixtures/outcome.json"),
        root.join("tests/fixtures/needed.json"),
    ];
    for entry in std::fs::read_dir(root.join("questionnaires")).expect("questionnaires/") {
        files.push(entry.expect("entry").path());
    }
    let mut docs: Vec<(String, Value)> = files
        .iter()
        .map(|file| {
            let text = std::fs::read_to_string(file).expect("readable");
            let doc = serde_json::from_str(&text).expect("JSON");
            (file.display().to_string(), doc)
        })
        .collect();
    docs.push((
        "the toy written with names".into(),
        common::named_toy_json(),
    ));
    for (origin, doc) in docs {
        let errors: Vec<String> = schema
            .iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{origin}: {errors:#?}");
        Questionnaire::from_json(&doc.to_string(), &origin).expect("the program accepts it too");
    }
}

/// A change to the fixture that makes it invalid.
type Mistake = Box<dyn Fn(&mut Value)>;

#[test]
fn structural_mistakes_are_flagged_by_both() {
    let schema = schema();
    let mistakes: Vec<(&str, Mistake)> = vec![
        (
            "unknown field",
            Box::new(|d| d["questions"][0]["helptext"] = json!("x")),
        ),
        (
            "unknown kind",
            Box::new(|d| d["questions"][0]["kind"] = json!("slider")),
        ),
        (
            "malformed reference",
            Box::new(|d| d["questions"][0]["refs"] = json!(["art:5(1"])),
        ),
        (
            "article instead of art",
            Box::new(|d| d["findings"][0]["refs"] = json!(["article:5"])),
        ),
        (
            "choice without options",
            Box::new(|d| {
                d["questions"][2]
                    .as_object_mut()
                    .expect("object")
                    .remove("options");
            }),
        ),
        (
            "options on yes/no",
            Box::new(|d| {
                d["questions"][0]["options"] =
                    json!([{"id": "a", "label": "A"}, {"id": "b", "label": "B"}])
            }),
        ),
        (
            "not sure on text",
            Box::new(|d| d["questions"][8]["allow_not_sure"] = json!(true)),
        ),
        (
            "reserved option id",
            Box::new(|d| d["questions"][2]["options"][0]["id"] = json!("not_sure")),
        ),
        (
            "two operators in one condition",
            Box::new(|d| {
                d["questions"][1]["when"] = json!({"answered": "is_ai", "role": "provider"})
            }),
        ),
        (
            "unknown operator",
            Box::new(|d| d["questions"][1]["when"] = json!({"greater": {"question": "is_ai"}})),
        ),
        (
            "bad compare op",
            Box::new(|d| d["findings"][5]["when"]["compare"]["op"] = json!(">=")),
        ),
        (
            "empty any",
            Box::new(|d| d["questions"][1]["when"] = json!({"any": []})),
        ),
        (
            "bad date",
            Box::new(|d| d["milestones"][0]["date"] = json!("2 Feb 2025")),
        ),
        ("newer format", Box::new(|d| d["format"] = json!(2))),
        (
            "obligation without a date",
            Box::new(|d| {
                let obligation = d["obligations"][1].as_object_mut().expect("object");
                obligation.remove("schedule");
            }),
        ),
        (
            "empty dates without a schedule",
            Box::new(|d| d["obligations"][0]["applies_from"] = json!([])),
        ),
        (
            "named condition without its condition",
            Box::new(|d| {
                let named = d["conditions"][0].as_object_mut().expect("object");
                named.remove("when");
            }),
        ),
        (
            "malformed name in a condition",
            Box::new(|d| d["questions"][1]["when"] = json!({"condition": "may be ai"})),
        ),
        (
            "comment that is not text",
            Box::new(|d| d["schedules"][0]["comment"] = json!(["a", "b"])),
        ),
        (
            "schedule without dates",
            Box::new(|d| d["schedules"][0]["applies_from"] = json!([])),
        ),
        (
            "bad id",
            Box::new(|d| d["sections"][0]["id"] = json!("has space")),
        ),
    ];
    for (name, mistake) in mistakes {
        // The toy with names has every kind of item.
        let mut doc = common::named_toy_json();
        mistake(&mut doc);
        assert!(!schema.is_valid(&doc), "the schema misses: {name}");
        assert!(
            Questionnaire::from_json(&doc.to_string(), "toy.json").is_err(),
            "the program misses: {name}"
        );
    }
}
