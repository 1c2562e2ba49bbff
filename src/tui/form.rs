//! Forms over the home screen: a new assessment, a file to open, a new
//! name, the name of a copy.

use std::path::PathBuf;

use super::action::Action;
use super::effect::Effect;
use super::input::TextField;
use crate::storage::NewAssessment;
use crate::strings::tui as say;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormKind {
    New,
    OpenPath,
    Rename { path: PathBuf },
    Duplicate { path: PathBuf },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Form {
    pub kind: FormKind,
    pub fields: Vec<(&'static str, TextField)>,
    pub focus: usize,
    pub error: Option<String>,
}

impl Form {
    pub fn new(kind: FormKind, first_value: &str) -> Self {
        let labels: &[&'static str] = match kind {
            FormKind::New => &[
                say::FIELD_SYSTEM_NAME,
                say::FIELD_ORGANISATION,
                say::FIELD_ASSESSOR,
            ],
            FormKind::OpenPath => &[say::FIELD_PATH],
            FormKind::Rename { .. } => &[say::FIELD_NEW_NAME],
            FormKind::Duplicate { .. } => &[say::FIELD_COPY_NAME],
        };
        let fields = labels
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let text = if i == 0 { first_value } else { "" };
                (*label, TextField::with_text(text))
            })
            .collect();
        Self {
            kind,
            fields,
            focus: 0,
            error: None,
        }
    }

    pub fn title(&self) -> &'static str {
        match self.kind {
            FormKind::New => say::FORM_NEW,
            FormKind::OpenPath => say::FORM_OPEN,
            FormKind::Rename { .. } => say::FORM_RENAME,
            FormKind::Duplicate { .. } => say::FORM_DUPLICATE,
        }
    }

    fn value(&self, i: usize) -> Option<String> {
        self.fields
            .get(i)
            .and_then(|(_, field)| field.value())
            .map(str::to_owned)
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Back => return vec![Effect::CloseOverlay],
            Action::NextField => self.focus = (self.focus + 1) % self.fields.len(),
            Action::PreviousField => {
                self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
            }
            Action::Confirm => return self.submit(),
            other => {
                if let Some((_, field)) = self.fields.get_mut(self.focus) {
                    field.edit(other);
                }
                self.error = None;
            }
        }
        Vec::new()
    }

    /// What the form asks for; the form stays open until it is done.
    fn submit(&mut self) -> Vec<Effect> {
        let Some(first) = self.value(0) else {
            self.fail(match self.kind {
                FormKind::OpenPath => say::NEED_PATH.to_owned(),
                _ => say::NEED_NAME.to_owned(),
            });
            return Vec::new();
        };
        vec![match &self.kind {
            FormKind::New => Effect::Create(NewAssessment {
                system_name: first,
                organisation: self.value(1),
                assessor: self.value(2),
            }),
            FormKind::OpenPath => Effect::OpenTyped(first),
            FormKind::Rename { path } => Effect::Rename {
                path: path.clone(),
                name: first,
            },
            FormKind::Duplicate { path } => Effect::Duplicate {
                path: path.clone(),
                name: first,
            },
        }]
    }

    /// What went wrong, shown in the form. Every form error is about the
    /// first field (the name or the path): back to it, ready to correct.
    pub fn fail(&mut self, error: String) {
        self.error = Some(error);
        self.focus = 0;
    }
}
