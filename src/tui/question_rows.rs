//! The rows of the question screen: the options of a choice question, or
//! the answer field of a number or text question, plus "Not sure" where
//! the question offers it.

use aiact_core::model::{NO, NOT_SURE, Question, QuestionKind, YES};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row<'q> {
    /// An option: its id and label.
    Option {
        id: &'q str,
        label: &'q str,
    },
    NotSure,
    /// The field where a number or a text is typed.
    Field,
}

impl Row<'_> {
    pub fn id(&self) -> Option<&str> {
        match self {
            Self::Option { id, .. } => Some(id),
            Self::NotSure => Some(NOT_SURE),
            Self::Field => None,
        }
    }
}

pub fn rows(question: &Question) -> Vec<Row<'_>> {
    let mut rows: Vec<Row<'_>> = match question.kind {
        QuestionKind::YesNo => vec![
            Row::Option {
                id: YES,
                label: "Yes",
            },
            Row::Option {
                id: NO,
                label: "No",
            },
        ],
        QuestionKind::SingleChoice | QuestionKind::MultiChoice => question
            .options
            .iter()
            .map(|option| Row::Option {
                id: &option.id,
                label: &option.label,
            })
            .collect(),
        QuestionKind::Number | QuestionKind::Text => vec![Row::Field],
    };
    if question.allow_not_sure && question.kind != QuestionKind::Text {
        rows.push(Row::NotSure);
    }
    rows
}
