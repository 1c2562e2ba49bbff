//! A saved assessment whose result rests on a "not sure" though its tier
//! does not: high-risk, its duties on hold unless a design change nobody
//! is sure of is planned (scenario 124, that answer "not sure").

use std::path::{Path, PathBuf};

use aiact::storage::{NewAssessment, Store};
use aiact_core::AnswerValue;
use jiff::civil::date;

pub fn cv_ranker_on_hold(data_dir: &Path) -> PathBuf {
    let questionnaire = aiact::catalog::default_questionnaire().expect("built-in");
    let mut opened = Store::at(data_dir)
        .create(
            NewAssessment {
                system_name: "CV ranker".to_owned(),
                ..NewAssessment::default()
            },
            &questionnaire,
        )
        .expect("create");
    let text = |value: &str| AnswerValue::Text(value.to_owned());
    let list = |value: &str| AnswerValue::List(vec![value.to_owned()]);
    let answers = [
        ("subject", text("system")),
        ("how_it_works", list("learned")),
        ("eu_reach", text("eu_based")),
        ("exclusions", list("none")),
        ("role", list("provider")),
        ("what_it_does", list("none")),
        ("used_for", list("employment")),
        ("use_work", list("a")),
        ("first_placed", text("before_dec_2027")),
        ("hr_design_changed", text("not_sure")),
        ("public_customers", list("none")),
    ];
    for (question, value) in &answers {
        opened
            .set_answer(question, value, date(2026, 12, 7))
            .unwrap_or_else(|error| panic!("{question}: {error}"));
    }
    opened.path.clone()
}
