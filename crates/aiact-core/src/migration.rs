//! Carrying answers saved with an older version of a questionnaire over to
//! the questions of a newer one, where a question was merged, split or
//! renamed. The rules are data (`migrations/<id>.json`); this
//! module reads them and applies them to saved answers, purely: no files,
//! no questionnaire evaluation. Answers whose question still exists and
//! still fits need no rule; the storage layer keeps them as they are.
//!
//! A rule names a question of the new version and a list of cases, read in
//! order: the first case whose test holds on the old answers decides. It
//! gives a fixed value, or maps an old answer's options to new ones (options
//! not in the map are dropped), and may add options when a test holds; or it
//! skips, so that the question is asked again. A result that is empty, or
//! that does not fit the new question, is never produced: the question is
//! then asked again too.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use thiserror::Error;

use crate::answer::{Answer, AnswerValue};
use crate::model::{Question, QuestionKind};
use crate::questionnaire::Questionnaire;

/// The migration rules of one questionnaire, from some older versions to
/// one newer version.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MigrationRules {
    /// A note for authors and reviewers; never shown.
    #[serde(default)]
    pub comment: Option<String>,
    /// The questionnaire id.
    pub questionnaire: String,
    /// The versions whose saved answers these rules read.
    pub from_versions: Vec<String>,
    /// The version whose questions they answer.
    pub to_version: String,
    pub rules: Vec<Rule>,
}

/// How one question of the new version is answered from the old answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    #[serde(default)]
    pub comment: Option<String>,
    pub question: String,
    pub cases: Vec<Case>,
}

/// One case of a rule: when `when` holds (or always, without it), the rule
/// gives `value`, or the mapped answer of `map`, plus the options of `add`
/// whose test holds; `skip` gives nothing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    #[serde(default)]
    pub when: Option<Test>,
    #[serde(default)]
    pub skip: bool,
    #[serde(default)]
    pub value: Option<AnswerValue>,
    #[serde(default)]
    pub map: Option<OptionMap>,
    #[serde(default)]
    pub add: Vec<AddOption>,
}

/// An old answer with its options renamed: `{"question": "def_technique",
/// "options": {"ml": "learned"}}`. Options it does not name are dropped.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionMap {
    pub question: String,
    pub options: BTreeMap<String, String>,
}

/// An option added to a multiple-choice answer when `when` holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddOption {
    pub option: String,
    pub when: Test,
}

/// A test on the old answers, in the shape of the questionnaire's
/// conditions. A question without an answer makes `equals` and `includes`
/// false: there is no "not sure" here, only what was saved.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Test {
    All(Vec<Test>),
    Any(Vec<Test>),
    Not(Box<Test>),
    Equals { question: String, value: String },
    Includes { question: String, option: String },
    Answered(String),
}

/// An answer a rule gives, and the old question it was mapped from (whose
/// note may follow it).
#[derive(Debug, Clone, PartialEq)]
pub struct Migrated {
    pub question: String,
    pub value: AnswerValue,
    pub from: Option<String>,
}

#[derive(Debug, Error)]
#[error("migration rules: {0}")]
pub struct RulesError(String);

impl MigrationRules {
    /// Reads rules from their JSON text.
    pub fn parse(text: &str) -> Result<Self, RulesError> {
        serde_json::from_str(text).map_err(|e| RulesError(e.to_string()))
    }

    /// Whether these rules read answers saved with `version` of
    /// questionnaire `id`.
    pub fn applies_to(&self, id: &str, version: &str) -> bool {
        self.questionnaire == id && self.from_versions.iter().any(|v| v == version)
    }

    /// The answers the rules give for the old answers, each checked to fit
    /// `to`, the new questionnaire (one that does not fit is left out).
    pub fn migrate(
        &self,
        to: &Questionnaire,
        old: &BTreeMap<String, AnswerValue>,
    ) -> Vec<Migrated> {
        self.rules
            .iter()
            .filter_map(|rule| {
                let migrated = rule.apply(old)?;
                let question = to.question(&rule.question)?;
                Answer::from_value(question, &migrated.value).ok()?;
                Some(migrated)
            })
            .collect()
    }

    /// Problems with the rules against the versions they join: every
    /// question and option they read exists in `from`, every question and
    /// option they give exists in `to`, every fixed value fits. Empty when
    /// the rules are sound.
    pub fn check(&self, from: &Questionnaire, to: &Questionnaire) -> Vec<String> {
        let mut problems = Vec::new();
        if !self.from_versions.iter().any(|v| v == from.version()) {
            problems.push(format!(
                "version {} is not among from_versions {:?}",
                from.version(),
                self.from_versions
            ));
        }
        if self.to_version != to.version() {
            problems.push(format!(
                "to_version {} but the new questionnaire is {}",
                self.to_version,
                to.version()
            ));
        }
        let mut targets = BTreeSet::new();
        for rule in &self.rules {
            let at = |what: String| format!("rule for `{}`: {what}", rule.question);
            if !targets.insert(rule.question.as_str()) {
                problems.push(at("a second rule for the same question".to_owned()));
            }
            let Some(target) = to.question(&rule.question) else {
                problems.push(at("no such question in the new version".to_owned()));
                continue;
            };
            let new_option = |id: &str| has_option(target, id);
            for case in &rule.cases {
                if let Some(test) = &case.when {
                    test.check(from, &mut |p| problems.push(at(p)));
                }
                if let Some(value) = &case.value
                    && let Err(problem) = Answer::from_value(target, value)
                {
                    problems.push(at(format!("value {value:?} does not fit: {problem}")));
                }
                if let Some(map) = &case.map {
                    match from.question(&map.question) {
                        None => problems.push(at(format!(
                            "maps `{}`, no such question in the old version",
                            map.question
                        ))),
                        Some(source) => {
                            for (old, new) in &map.options {
                                if !has_option(source, old) {
                                    problems.push(at(format!(
                                        "maps unknown option `{old}` of `{}`",
                                        map.question
                                    )));
                                }
                                if !new_option(new) {
                                    problems.push(at(format!("maps to unknown option `{new}`")));
                                }
                            }
                        }
                    }
                }
                for add in &case.add {
                    if target.kind != QuestionKind::MultiChoice || !new_option(&add.option) {
                        problems.push(at(format!(
                            "adds option `{}`, which it has not",
                            add.option
                        )));
                    }
                    add.when.check(from, &mut |p| problems.push(at(p)));
                }
                let gives = usize::from(case.skip)
                    + usize::from(case.value.is_some())
                    + usize::from(case.map.is_some());
                let only_adds = gives == 0 && !case.add.is_empty();
                if gives != 1 && !only_adds {
                    problems.push(at(
                        "a case gives exactly one of skip, value or map (or only adds)".to_owned(),
                    ));
                }
            }
        }
        problems
    }
}

/// Whether `id` is an answer option of `question`: one of its options,
/// yes or no for a yes/no question, or "not sure" where it is offered.
fn has_option(question: &Question, id: &str) -> bool {
    question.options.iter().any(|o| o.id == id)
        || (question.kind == QuestionKind::YesNo && matches!(id, "yes" | "no"))
        || (question.allow_not_sure && id == "not_sure")
}

impl Rule {
    fn apply(&self, old: &BTreeMap<String, AnswerValue>) -> Option<Migrated> {
        let case = self
            .cases
            .iter()
            .find(|case| case.when.as_ref().is_none_or(|test| test.holds(old)))?;
        if case.skip {
            return None;
        }
        let mut from = None;
        let mut value = match (&case.value, &case.map) {
            (Some(value), _) => Some(value.clone()),
            (None, Some(map)) => {
                from = Some(map.question.clone());
                map.apply(old.get(&map.question)?)
            }
            (None, None) => None,
        };
        let added: Vec<&str> = case
            .add
            .iter()
            .filter(|add| add.when.holds(old))
            .map(|add| add.option.as_str())
            .collect();
        if !added.is_empty() {
            let mut list = match value {
                Some(AnswerValue::List(list)) => list,
                None => Vec::new(),
                // Options are only added to a list of options.
                Some(_) => return None,
            };
            for option in added {
                if !list.iter().any(|o| o == option) {
                    list.push(option.to_owned());
                }
            }
            value = Some(AnswerValue::List(list));
        }
        match value? {
            AnswerValue::List(list) if list.is_empty() => None,
            value => Some(Migrated {
                question: self.question.clone(),
                value,
                from,
            }),
        }
    }
}

impl OptionMap {
    fn apply(&self, value: &AnswerValue) -> Option<AnswerValue> {
        match value {
            AnswerValue::Text(option) => self.options.get(option).cloned().map(AnswerValue::Text),
            AnswerValue::List(options) => {
                let mut mapped: Vec<String> = Vec::new();
                for new in options.iter().filter_map(|o| self.options.get(o)) {
                    if !mapped.contains(new) {
                        mapped.push(new.clone());
                    }
                }
                Some(AnswerValue::List(mapped))
            }
            _ => None,
        }
    }
}

impl Test {
    fn holds(&self, old: &BTreeMap<String, AnswerValue>) -> bool {
        match self {
            Test::All(tests) => tests.iter().all(|t| t.holds(old)),
            Test::Any(tests) => tests.iter().any(|t| t.holds(old)),
            Test::Not(test) => !test.holds(old),
            Test::Equals { question, value } => {
                matches!(old.get(question), Some(AnswerValue::Text(v)) if v == value)
            }
            Test::Includes { question, option } => {
                matches!(old.get(question), Some(AnswerValue::List(l)) if l.contains(option))
            }
            Test::Answered(question) => old.contains_key(question),
        }
    }

    fn check(&self, from: &Questionnaire, report: &mut dyn FnMut(String)) {
        let option_exists = |question: &str, option: &str| {
            from.question(question)
                .is_some_and(|q| has_option(q, option))
        };
        match self {
            Test::All(tests) | Test::Any(tests) => {
                for test in tests {
                    test.check(from, report);
                }
            }
            Test::Not(test) => test.check(from, report),
            Test::Equals {
                question,
                value: option,
            }
            | Test::Includes { question, option } => {
                if !option_exists(question, option) {
                    report(format!(
                        "tests `{question}` for `{option}`, which the old version has not"
                    ));
                }
            }
            Test::Answered(question) => {
                if from.question(question).is_none() {
                    report(format!("tests `{question}`, which the old version has not"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(json: serde_json::Value) -> Rule {
        serde_json::from_value(json).expect("a rule")
    }

    fn answers(json: serde_json::Value) -> BTreeMap<String, AnswerValue> {
        serde_json::from_value(json).expect("answers")
    }

    fn list(ids: &[&str]) -> AnswerValue {
        AnswerValue::List(ids.iter().map(|&s| s.to_owned()).collect())
    }

    #[test]
    fn the_first_case_that_holds_decides() {
        let r = rule(serde_json::json!({"question": "new", "cases": [
            {"when": {"equals": {"question": "a", "value": "not_sure"}}, "skip": true},
            {"when": {"equals": {"question": "a", "value": "yes"}}, "value": "first"},
            {"value": "fallback"}
        ]}));
        let value = |old| r.apply(&answers(old)).map(|m| m.value);
        assert_eq!(value(serde_json::json!({"a": "not_sure"})), None);
        assert_eq!(
            value(serde_json::json!({"a": "yes"})),
            Some(AnswerValue::Text("first".into()))
        );
        assert_eq!(
            value(serde_json::json!({})),
            Some(AnswerValue::Text("fallback".into()))
        );
    }

    #[test]
    fn a_map_renames_drops_and_adds_options() {
        let r = rule(serde_json::json!({"question": "new", "cases": [
            {"map": {"question": "old", "options": {"ml": "learned", "rules": "fixed"}},
             "add": [{"option": "manual", "when": {"equals": {"question": "auto", "value": "no"}}}]}
        ]}));
        let got = r
            .apply(&answers(
                serde_json::json!({"old": ["ml", "other"], "auto": "no"}),
            ))
            .expect("an answer");
        assert_eq!(got.value, list(&["learned", "manual"]));
        assert_eq!(got.from.as_deref(), Some("old"));
        // Nothing maps and nothing is added: no answer, the question is asked.
        assert_eq!(
            r.apply(&answers(
                serde_json::json!({"old": ["other"], "auto": "yes"})
            )),
            None
        );
        // No old answer to map.
        assert_eq!(r.apply(&answers(serde_json::json!({"auto": "yes"}))), None);
    }

    #[test]
    fn options_are_added_to_lists_only() {
        let r = rule(serde_json::json!({"question": "new", "cases": [
            {"value": "yes", "add": [{"option": "x", "when": {"answered": "a"}}]}
        ]}));
        assert_eq!(r.apply(&answers(serde_json::json!({"a": "no"}))), None);
        let r = rule(serde_json::json!({"question": "new", "cases": [
            {"add": [{"option": "x", "when": {"includes": {"question": "a", "option": "p"}}},
                     {"option": "y", "when": {"not": {"answered": "b"}}}]}
        ]}));
        assert_eq!(
            r.apply(&answers(serde_json::json!({"a": ["p"]})))
                .map(|m| m.value),
            Some(list(&["x", "y"]))
        );
    }
}
