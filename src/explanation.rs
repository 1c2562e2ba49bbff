//! What the explanation of a question says: one list of parts, which the
//! full-screen UI draws in its panel and `ask` prints for `?`. (Two copies
//! of this had drifted apart: different headings, option cautions only in
//! `ask`, the section's introduction only in the panel.)

use aiact_core::Questionnaire;
use aiact_core::model::{ChoiceOption, Question};

use crate::strings::explanation::{
    CAUTION, COUNTS, DOES_NOT_COUNT, IF_NOT_SURE, IN_THE_LAW, about_section, option, option_caution,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'q> {
    /// Starts a block (after a blank line, unless it comes first).
    Heading(String),
    Text(&'q str),
    /// An example of what counts (`counts`) or does not.
    Example {
        counts: bool,
        text: &'q str,
    },
    /// Where the law is unsettled or only reported: said as a warning.
    Caution(String),
    /// A provision of the law, with its link.
    Reference {
        label: String,
        url: String,
    },
}

/// The explanation of `question`, with the own explanation of `options`
/// (the highlighted one on the screen, all of them in `ask`) and, if
/// asked, the introduction of its section.
pub fn parts<'q>(
    questionnaire: &'q Questionnaire,
    question: &'q Question,
    options: impl IntoIterator<Item = &'q ChoiceOption>,
    section_intro: bool,
) -> Vec<Part<'q>> {
    let base = &questionnaire.doc().legal_basis.official_text_url;
    let references = |refs: &'q [aiact_core::LegalRef]| {
        refs.iter().map(|reference| Part::Reference {
            label: reference.label(),
            url: reference.url(base),
        })
    };
    let mut parts = Vec::new();
    let help = &question.help;
    if !help.explanation.is_empty() {
        parts.push(Part::Text(&help.explanation));
    }
    if !help.examples_in.is_empty() {
        parts.push(Part::Heading(COUNTS.to_owned()));
        parts.extend(
            help.examples_in
                .iter()
                .map(|text| Part::Example { counts: true, text }),
        );
    }
    if !help.examples_out.is_empty() {
        parts.push(Part::Heading(DOES_NOT_COUNT.to_owned()));
        parts.extend(help.examples_out.iter().map(|text| Part::Example {
            counts: false,
            text,
        }));
    }
    for choice in options {
        if choice.help.is_none() && choice.refs.is_empty() && choice.caveat.is_none() {
            continue;
        }
        parts.push(Part::Heading(option(&choice.label)));
        if let Some(help) = &choice.help {
            parts.push(Part::Text(help));
        }
        if let Some(caveat) = &choice.caveat {
            parts.push(Part::Caution(option_caution(caveat)));
        }
        parts.extend(references(&choice.refs));
    }
    if question.allow_not_sure
        && let Some(hint) = &question.if_not_sure
    {
        parts.push(Part::Heading(IF_NOT_SURE.to_owned()));
        parts.push(Part::Text(hint));
    }
    if let Some(caveat) = &question.caveat {
        parts.push(Part::Heading(CAUTION.to_owned()));
        parts.push(Part::Caution(caveat.clone()));
    }
    if !question.refs.is_empty() {
        parts.push(Part::Heading(IN_THE_LAW.to_owned()));
        parts.extend(references(&question.refs));
    }
    if section_intro
        && let Some(section) = questionnaire.section(&question.section)
        && !section.intro.is_empty()
    {
        parts.push(Part::Heading(about_section(&section.title)));
        parts.push(Part::Text(&section.intro));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The panel showed an option's help and articles but never its
    /// caution (where the law is unsettled); only `ask` did.
    #[test]
    fn an_option_s_caution_is_part_of_its_explanation() {
        let q = crate::catalog::default_questionnaire().expect("built-in");
        let (question, choice) = q
            .questions()
            .iter()
            .find_map(|question| {
                let choice = question.options.iter().find(|o| o.caveat.is_some())?;
                Some((question, choice))
            })
            .expect("an option with a caution");
        let parts = parts(&q, question, [choice], true);
        let heading = parts
            .iter()
            .position(|part| *part == Part::Heading(option(&choice.label)))
            .expect("the option's heading");
        let caveat = choice.caveat.as_deref().unwrap_or_default();
        assert!(
            parts[heading..].contains(&Part::Caution(format!("Caution: {caveat}"))),
            "{parts:?}"
        );
    }
}
