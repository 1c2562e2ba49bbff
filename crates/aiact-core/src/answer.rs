//! Answers: as written in JSON ([`AnswerValue`]) and as understood against
//! their question ([`Answer`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};
use thiserror::Error;

use crate::model::{AnswerEdit, NOT_SURE, Question, QuestionKind};
use crate::questionnaire::Questionnaire;

/// An answer as JSON holds it: `"yes"`, `"option_id"`, `"not_sure"`, free
/// text, a number, or a list of option ids.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum AnswerValue {
    Number(f64),
    /// Only texts: a list with anything else in it is [`AnswerValue::Other`].
    List(Vec<String>),
    Text(String),
    /// Any other JSON (`true`, `null`, an object): read so that it can be
    /// refused with a message naming its question, not as a parse error.
    Other(serde_json::Value),
}

/// Read straight from the JSON token, to what an untagged reading of the
/// variants in order gives, without its trial and error (which buffered
/// every value and wrote an error message for each variant that did not
/// fit: ten times slower on a file of answers, and saved verdicts hold
/// hundreds of answers).
impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerValueVisitor)
    }
}

struct AnswerValueVisitor;

impl<'de> serde::de::Visitor<'de> for AnswerValueVisitor {
    type Value = AnswerValue;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an answer value")
    }

    fn visit_str<E>(self, text: &str) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Text(text.to_owned()))
    }

    fn visit_string<E>(self, text: String) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Text(text))
    }

    fn visit_f64<E>(self, number: f64) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Number(number))
    }

    fn visit_i64<E>(self, number: i64) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Number(number as f64))
    }

    fn visit_u64<E>(self, number: u64) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Number(number as f64))
    }

    fn visit_bool<E>(self, value: bool) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Other(serde_json::Value::Bool(value)))
    }

    fn visit_unit<E>(self) -> Result<AnswerValue, E> {
        Ok(AnswerValue::Other(serde_json::Value::Null))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<AnswerValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<serde_json::Value>()? {
            items.push(item);
        }
        if items.iter().all(serde_json::Value::is_string) {
            let texts = items.into_iter().filter_map(|item| match item {
                serde_json::Value::String(text) => Some(text),
                _ => None,
            });
            return Ok(AnswerValue::List(texts.collect()));
        }
        Ok(AnswerValue::Other(serde_json::Value::Array(items)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<AnswerValue, A::Error> {
        let value =
            serde_json::Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(AnswerValue::Other(value))
    }
}

/// An answer that fits its question.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// The chosen option of a yes/no or single-choice question.
    Choice(String),
    /// The chosen options of a multiple-choice question, in the
    /// questionnaire's order.
    Choices(Vec<String>),
    Number(f64),
    Text(String),
    /// A real answer: the user does not know. Never read as "no".
    NotSure,
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum AnswerProblem {
    #[error("there is no such question in this questionnaire")]
    UnknownQuestion,
    #[error("`{0}` is not one of this question's options")]
    UnknownOption(String),
    #[error("this question does not offer \"not sure\"")]
    NotSureNotAllowed,
    #[error("a {kind} question needs {expected}")]
    WrongType {
        kind: &'static str,
        expected: &'static str,
    },
    #[error("pick at least one option")]
    NoOptionChosen,
    #[error("`{0}` is chosen twice")]
    RepeatedOption(String),
    #[error("\"{0}\" cannot be combined with other options")]
    ExclusiveCombined(String),
    #[error("{value} is below the minimum of {min}")]
    BelowMinimum { value: f64, min: f64 },
    #[error("{value} is above the maximum of {max}")]
    AboveMaximum { value: f64, max: f64 },
    #[error("not a finite number")]
    NotFinite,
    #[error("the text is empty")]
    EmptyText,
    #[error("the text is {length} characters long; at most {max} are allowed")]
    TooLong { length: usize, max: usize },
    /// Skipping a question that is not optional.
    #[error("this question needs an answer; only optional questions can be skipped")]
    Required,
    /// Going to a question that other answers took off the path.
    #[error("this question is not on the path: other answers took it off")]
    NotOnPath,
}

/// An answer that does not fit, with the question it was given for.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("answer to `{question}`: {problem}")]
pub struct AnswerError {
    pub question: String,
    pub problem: AnswerProblem,
}

impl Answer {
    /// Checks a JSON value against its question.
    pub fn from_value(question: &Question, value: &AnswerValue) -> Result<Self, AnswerProblem> {
        crate::work::count_answer_check();
        Self::checked(question, value)
    }

    /// As [`Answer::from_value`], for an answer the user did not give (an
    /// edit of the data): not counted as a check of the user's answers.
    pub(crate) fn checked(question: &Question, value: &AnswerValue) -> Result<Self, AnswerProblem> {
        let wrong_type = |expected| AnswerProblem::WrongType {
            kind: question.kind.name(),
            expected,
        };
        if let AnswerValue::Text(text) = value
            && text == NOT_SURE
            && question.kind != QuestionKind::Text
        {
            return if question.allow_not_sure {
                Ok(Self::NotSure)
            } else {
                Err(AnswerProblem::NotSureNotAllowed)
            };
        }
        match (question.kind, value) {
            (QuestionKind::YesNo | QuestionKind::SingleChoice, AnswerValue::Text(id)) => {
                if question.option_ids().any(|known| known == id) {
                    Ok(Self::Choice(id.clone()))
                } else {
                    Err(AnswerProblem::UnknownOption(id.clone()))
                }
            }
            (QuestionKind::YesNo | QuestionKind::SingleChoice, _) => {
                Err(wrong_type("one option id as a string"))
            }
            (QuestionKind::MultiChoice, AnswerValue::List(ids)) => {
                Self::choices(question, ids).map(Self::Choices)
            }
            (QuestionKind::MultiChoice, _) => Err(wrong_type("a list of option ids")),
            (QuestionKind::Number, AnswerValue::Number(number)) => {
                check_number(question, *number).map(Self::Number)
            }
            (QuestionKind::Number, _) => Err(wrong_type("a number")),
            (QuestionKind::Text, AnswerValue::Text(text)) => {
                check_text(question, text).map(|()| Self::Text(text.clone()))
            }
            (QuestionKind::Text, _) => Err(wrong_type("a string")),
        }
    }

    fn choices(question: &Question, ids: &[String]) -> Result<Vec<String>, AnswerProblem> {
        if ids.is_empty() {
            return Err(AnswerProblem::NoOptionChosen);
        }
        for (position, id) in ids.iter().enumerate() {
            let option = question
                .option(id)
                .ok_or_else(|| AnswerProblem::UnknownOption(id.clone()))?;
            if ids[..position].contains(id) {
                return Err(AnswerProblem::RepeatedOption(id.clone()));
            }
            if option.exclusive && ids.len() > 1 {
                return Err(AnswerProblem::ExclusiveCombined(option.label.clone()));
            }
        }
        // Questionnaire order, so that equal answers compare and save equal.
        Ok(question
            .options
            .iter()
            .filter(|option| ids.contains(&option.id))
            .map(|option| option.id.clone())
            .collect())
    }

    pub fn to_value(&self) -> AnswerValue {
        match self {
            Self::Choice(id) => AnswerValue::Text(id.clone()),
            Self::Choices(ids) => AnswerValue::List(ids.clone()),
            Self::Number(number) => AnswerValue::Number(*number),
            Self::Text(text) => AnswerValue::Text(text.clone()),
            Self::NotSure => AnswerValue::Text(NOT_SURE.to_owned()),
        }
    }

    pub fn is_not_sure(&self) -> bool {
        matches!(self, Self::NotSure)
    }

    /// The answer as the user saw it: option labels, the number with its
    /// unit, the text, or "Not sure".
    pub fn label(&self, question: &Question) -> String {
        match self {
            Self::Choice(id) => question.option_label(id).to_owned(),
            Self::Choices(ids) => ids
                .iter()
                .map(|id| question.option_label(id))
                .collect::<Vec<_>>()
                .join("; "),
            Self::Number(number) => match &question.unit {
                Some(unit) => format!("{} {unit}", format_number(*number)),
                None => format_number(*number),
            },
            Self::Text(text) => text.clone(),
            Self::NotSure => question.option_label(NOT_SURE).to_owned(),
        }
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

/// Why typed text is not a number (see [`parse_number`]).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NumberProblem {
    #[error("type a number, for instance 1500, 1,000,000, 1e25 or 10^25")]
    Empty,
    #[error("\"{0}\": commas separate thousands (1,000,000); write decimals with a point (1.5)")]
    Grouping(String),
    #[error("\"{0}\" is not a number; type digits, for instance 1500, 1,000,000, 1e25 or 10^25")]
    NotANumber(String),
}

/// A number as people type it: "1500", "1 500", "1_000", "1,000,000",
/// "1,500.5", "1e25", "1E25", "10^25", "2.5×10^24", "3*10^23". Spaces,
/// underscores and apostrophes between digits are ignored; a comma must
/// separate groups of three digits (a decimal comma is refused rather than
/// misread).
pub fn parse_number(text: &str) -> Result<f64, NumberProblem> {
    let trimmed = text.trim();
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '\'' | '’'))
        .collect();
    if cleaned.is_empty() {
        return Err(NumberProblem::Empty);
    }
    let not_a_number = || NumberProblem::NotANumber(trimmed.to_owned());
    // "10^25", "2.5×10^24", "10**25": a mantissa (1 if none) times a power of ten.
    let (mantissa, exponent) = match cleaned.split_once('^').or_else(|| cleaned.split_once("**")) {
        Some((base, exponent)) => {
            let mantissa = base.strip_suffix("10").ok_or_else(not_a_number)?;
            let mantissa = if mantissa.is_empty() {
                "1"
            } else {
                mantissa
                    .strip_suffix(['×', '*', 'x', 'X', '·'])
                    .ok_or_else(not_a_number)?
            };
            let exponent: i32 = exponent
                .strip_prefix('+')
                .unwrap_or(exponent)
                .parse()
                .map_err(|_| not_a_number())?;
            (mantissa.to_owned(), Some(exponent))
        }
        None => (cleaned, None),
    };
    let mantissa =
        ungrouped(&mantissa).ok_or_else(|| NumberProblem::Grouping(trimmed.to_owned()))?;
    // Only digits, a sign, a point and an exponent: no "inf", "nan", hex.
    if !mantissa
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        || !mantissa.chars().any(|c| c.is_ascii_digit())
    {
        return Err(not_a_number());
    }
    let full = match exponent {
        Some(_) if mantissa.contains(['e', 'E']) => return Err(not_a_number()),
        Some(exponent) => format!("{mantissa}e{exponent}"),
        None => mantissa,
    };
    full.parse::<f64>()
        .ok()
        .filter(|number| number.is_finite())
        .ok_or_else(not_a_number)
}

/// `text` without its thousands commas, if they are where they belong:
/// "1,000,000.5" → "1000000.5"; "1,5" → None.
fn ungrouped(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_owned());
    }
    let (integer, rest) = match text.find(['.', 'e', 'E']) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    let unsigned = integer.trim_start_matches(['-', '+']);
    let mut groups = unsigned.split(',');
    let first = groups.next()?;
    let digits = |group: &str| group.chars().all(|c| c.is_ascii_digit());
    if first.is_empty() || first.len() > 3 || !digits(first) {
        return None;
    }
    if !groups.all(|group| group.len() == 3 && digits(group)) || rest.contains(',') {
        return None;
    }
    Some(format!("{}{rest}", integer.replace(',', "")))
}

/// Large numbers (training compute in FLOP) read better in scientific notation.
pub fn format_number(number: f64) -> String {
    if number != 0.0 && (number.abs() >= 1e9 || number.abs() < 1e-3) {
        format!("{number:e}")
    } else {
        format!("{number}")
    }
}

fn check_number(question: &Question, number: f64) -> Result<f64, AnswerProblem> {
    if !number.is_finite() {
        return Err(AnswerProblem::NotFinite);
    }
    if let Some(min) = question.min
        && number < min
    {
        return Err(AnswerProblem::BelowMinimum { value: number, min });
    }
    if let Some(max) = question.max
        && number > max
    {
        return Err(AnswerProblem::AboveMaximum { value: number, max });
    }
    Ok(number)
}

fn check_text(question: &Question, text: &str) -> Result<(), AnswerProblem> {
    if text.trim().is_empty() {
        return Err(AnswerProblem::EmptyText);
    }
    let length = text.chars().count();
    match question.max_length {
        Some(max) if length > max => Err(AnswerProblem::TooLong { length, max }),
        _ => Ok(()),
    }
}

/// All answers given so far, by question id. Answers to questions that no
/// longer apply are kept: they count again if the question applies again.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Answers(BTreeMap<String, Answer>);

impl Answers {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads answers strictly: every value must fit its question.
    pub fn from_values(
        questionnaire: &Questionnaire,
        values: &BTreeMap<String, AnswerValue>,
    ) -> Result<Self, Vec<AnswerError>> {
        let (answers, errors) = Self::from_values_lenient(questionnaire, values);
        if errors.is_empty() {
            Ok(answers)
        } else {
            Err(errors)
        }
    }

    /// Reads the answers that fit and reports the others, for re-opening an
    /// assessment after the questionnaire changed.
    pub fn from_values_lenient(
        questionnaire: &Questionnaire,
        values: &BTreeMap<String, AnswerValue>,
    ) -> (Self, Vec<AnswerError>) {
        let mut answers = Self::new();
        let mut errors = Vec::new();
        for (id, value) in values {
            let checked = questionnaire
                .question(id)
                .ok_or(AnswerProblem::UnknownQuestion)
                .and_then(|question| Answer::from_value(question, value));
            match checked {
                Ok(answer) => {
                    answers.0.insert(id.clone(), answer);
                }
                Err(problem) => errors.push(AnswerError {
                    question: id.clone(),
                    problem,
                }),
            }
        }
        (answers, errors)
    }

    /// Records an answer after checking it against its question.
    pub fn set(
        &mut self,
        questionnaire: &Questionnaire,
        question: &str,
        value: &AnswerValue,
    ) -> Result<(), AnswerError> {
        let error = |problem| AnswerError {
            question: question.to_owned(),
            problem,
        };
        let target = questionnaire
            .question(question)
            .ok_or_else(|| error(AnswerProblem::UnknownQuestion))?;
        let answer = Answer::from_value(target, value).map_err(error)?;
        self.0.insert(question.to_owned(), answer);
        Ok(())
    }

    /// Puts an answer already known to fit its question.
    pub(crate) fn put(&mut self, question: &str, answer: Answer) {
        self.0.insert(question.to_owned(), answer);
    }

    pub(crate) fn remove(&mut self, question: &str) -> Option<Answer> {
        self.0.remove(question)
    }

    /// A copy with the edits applied in order (see [`AnswerEdit`]); an edit
    /// that does not fit its question (validation rules that out for the
    /// data's edits) is left out.
    pub fn with_edits(&self, questionnaire: &Questionnaire, edits: &[AnswerEdit]) -> Self {
        let mut edited = self.clone();
        for edit in edits {
            match edit {
                AnswerEdit::Set { question, value } => {
                    if let Some(target) = questionnaire.question(question)
                        && let Ok(answer) = Answer::checked(target, value)
                    {
                        edited.put(question, answer);
                    }
                }
                AnswerEdit::Untick { question, option } => {
                    let Some(Answer::Choices(ticked)) = edited.get(question) else {
                        continue;
                    };
                    let rest: Vec<String> =
                        ticked.iter().filter(|t| *t != option).cloned().collect();
                    let exclusive: Vec<&str> = questionnaire
                        .question(question)
                        .map(|q| {
                            q.options
                                .iter()
                                .filter(|o| o.exclusive)
                                .map(|o| o.id.as_str())
                                .collect()
                        })
                        .unwrap_or_default();
                    match (rest.is_empty(), exclusive.as_slice()) {
                        (false, _) => edited.put(question, Answer::Choices(rest)),
                        (true, [only]) => {
                            edited.put(question, Answer::Choices(vec![(*only).to_owned()]))
                        }
                        (true, _) => {
                            edited.remove(question);
                        }
                    }
                }
            }
        }
        edited
    }

    pub fn get(&self, question: &str) -> Option<&Answer> {
        self.0.get(question)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Answer)> {
        self.0.iter().map(|(id, answer)| (id.as_str(), answer))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How answers were read before [`AnswerValue`] read its own: the
    /// variants tried in order.
    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    enum Untagged {
        Number(f64),
        List(Vec<String>),
        Text(String),
        Other(serde_json::Value),
    }

    impl From<Untagged> for AnswerValue {
        fn from(value: Untagged) -> Self {
            match value {
                Untagged::Number(number) => Self::Number(number),
                Untagged::List(texts) => Self::List(texts),
                Untagged::Text(text) => Self::Text(text),
                Untagged::Other(other) => Self::Other(other),
            }
        }
    }

    #[test]
    fn an_answer_value_reads_as_the_variants_tried_in_order() {
        let cases = [
            r#""yes""#,
            r#""""#,
            r#""a \"quoted\" \u00e9""#,
            "12",
            "-3",
            "0.1",
            "1.5e300",
            "18446744073709551615",
            r#"["a", "b"]"#,
            "[]",
            r#"["a", 1]"#,
            r#"[["a"]]"#,
            "true",
            "null",
            r#"{"x": [1, null]}"#,
            "{}",
        ];
        for case in cases {
            let before: Untagged = serde_json::from_str(case).expect("untagged");
            let read: AnswerValue = serde_json::from_str(case).expect("read");
            assert_eq!(read, AnswerValue::from(before), "{case}");
            // In a saved file answers sit in lists and objects.
            let nested = format!("[{case}, {case}]");
            let before: Vec<Untagged> = serde_json::from_str(&nested).expect("untagged");
            let read: Vec<AnswerValue> = serde_json::from_str(&nested).expect("read");
            let before: Vec<AnswerValue> = before.into_iter().map(AnswerValue::from).collect();
            assert_eq!(read, before, "{nested}");
        }
        for broken in ["[1,", r#"{"x""#, "tru", "1e400", r#"["a", 1e400]"#] {
            let before = serde_json::from_str::<Untagged>(broken).map_err(|e| e.to_string());
            let read = serde_json::from_str::<AnswerValue>(broken).map_err(|e| e.to_string());
            assert_eq!(read.err(), before.err(), "{broken}");
        }
    }

    #[test]
    fn numbers_are_read_as_people_type_them() {
        for (typed, expected) in [
            ("1500", 1500.0),
            (" 1 500 ", 1500.0),
            ("1_000", 1000.0),
            ("1,000,000", 1_000_000.0),
            ("1,500.5", 1500.5),
            ("1'000", 1000.0),
            ("1e25", 1e25),
            ("1E25", 1e25),
            ("10^25", 1e25),
            ("10 ^ 25", 1e25),
            ("10**25", 1e25),
            ("2.5×10^24", 2.5e24),
            ("3*10^23", 3e23),
            ("3 x 10^-2", 0.03),
            ("-5", -5.0),
            ("0.5", 0.5),
        ] {
            assert_eq!(parse_number(typed), Ok(expected), "{typed}");
        }
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        assert_eq!(parse_number("  "), Err(NumberProblem::Empty));
        assert!(matches!(
            parse_number("1,5"),
            Err(NumberProblem::Grouping(_))
        ));
        assert!(matches!(
            parse_number("1,0000"),
            Err(NumberProblem::Grouping(_))
        ));
        for typed in [
            "many",
            "inf",
            "NaN",
            "0x10",
            "10^",
            "^25",
            "2^10",
            "1e25^3",
            "1e5×10^3",
            ".",
        ] {
            assert!(
                matches!(parse_number(typed), Err(NumberProblem::NotANumber(_))),
                "{typed}: {:?}",
                parse_number(typed)
            );
        }
        let message = parse_number("lots").expect_err("words").to_string();
        assert!(message.contains("10^25"), "{message}");
    }
}
