//! A questionnaire that has passed validation, with its lookup tables.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use thiserror::Error;

use crate::compiled::{self, Compiled, Cond};
use crate::model::{
    Condition, FORMAT_VERSION, Finding, Milestone, NamedCondition, Obligation, Question,
    QuestionnaireDoc, Reference, Role, Schedule, Section, Tier,
};
use crate::names::{self, Names};
use crate::validate::{self, ValidationError};

/// A validated questionnaire. The only way to get one is through
/// validation, so the engine can rely on every reference resolving.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    /// The content, with names written out and without comments.
    doc: QuestionnaireDoc,
    names: Names,
    index: Index,
    compiled: Compiled,
}

/// How much of the validation a questionnaire goes through when loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checks {
    /// Everything but reachability: ids, references, kinds, names, order,
    /// cycles. For the built-in questionnaires, whose reachability a test
    /// proves: the program starts without repeating that proof.
    Structure,
    /// Structure, and that every question can be asked and every finding
    /// can hold. For files from outside, and `questionnaire validate`.
    Full,
}

/// Positions of every item by id.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    pub questions: HashMap<String, usize>,
    pub findings: HashMap<String, usize>,
    pub roles: HashMap<String, usize>,
    pub tiers: HashMap<String, usize>,
    pub sections: HashMap<String, usize>,
    pub milestones: HashMap<String, usize>,
    pub default_tier: usize,
}

/// Why a questionnaire could not be loaded. Every variant names where the
/// questionnaire came from (a path, or the built-in copy).
#[derive(Debug, Error)]
pub enum LoadError {
    // The underlying error is in the message, so it is not also a
    // `source()` (named `error`, not `source`): printed as a chain, it
    // would appear twice.
    #[error("{origin}: cannot read the file: {error}")]
    Read {
        origin: String,
        error: std::io::Error,
    },
    #[error("{origin}: not a valid questionnaire file: {error}")]
    Parse {
        origin: String,
        error: serde_json::Error,
    },
    #[error(
        "{origin}: questionnaire format {found} is not supported; this program reads format {FORMAT_VERSION}"
    )]
    UnsupportedFormat { origin: String, found: u64 },
    #[error("{origin}: {}", ErrorList(.errors))]
    Invalid {
        origin: String,
        errors: Vec<ValidationError>,
    },
}

impl LoadError {
    /// Every problem on its own line, each prefixed with where it was found.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Self::Invalid { origin, errors } => errors
                .iter()
                .map(|error| format!("{origin}: {error}"))
                .collect(),
            other => vec![other.to_string()],
        }
    }
}

struct ErrorList<'a>(&'a [ValidationError]);

impl fmt::Display for ErrorList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [single] => write!(f, "{single}"),
            errors => {
                write!(f, "{} problems:", errors.len())?;
                for error in errors {
                    write!(f, "\n  {error}")?;
                }
                Ok(())
            }
        }
    }
}

impl Questionnaire {
    /// Reads and validates a questionnaire file.
    pub fn load(path: &Path) -> Result<Self, LoadError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| LoadError::Read {
            origin: origin.clone(),
            error,
        })?;
        Self::from_json(&text, &origin)
    }

    /// Parses and fully validates questionnaire JSON; `origin` names it in errors.
    pub fn from_json(text: &str, origin: &str) -> Result<Self, LoadError> {
        Self::from_json_with(text, origin, Checks::Full)
    }

    /// Parses questionnaire JSON and validates it as far as `checks` says.
    pub fn from_json_with(text: &str, origin: &str, checks: Checks) -> Result<Self, LoadError> {
        let doc: QuestionnaireDoc = serde_json::from_str(text).map_err(|source| {
            // A file written for a newer program is reported as such, not as
            // the unknown fields that come with it.
            #[derive(serde::Deserialize)]
            struct FormatOnly {
                format: Option<u64>,
            }
            match serde_json::from_str::<FormatOnly>(text) {
                Ok(FormatOnly {
                    format: Some(found),
                }) if found != u64::from(FORMAT_VERSION) => LoadError::UnsupportedFormat {
                    origin: origin.to_owned(),
                    found,
                },
                _ => LoadError::Parse {
                    origin: origin.to_owned(),
                    error: source,
                },
            }
        })?;
        Self::from_doc_with(doc, checks).map_err(|errors| LoadError::Invalid {
            origin: origin.to_owned(),
            errors,
        })
    }

    /// Fully validates a parsed questionnaire.
    pub fn from_doc(doc: QuestionnaireDoc) -> Result<Self, Vec<ValidationError>> {
        Self::from_doc_with(doc, Checks::Full)
    }

    /// Validates a parsed questionnaire as far as `checks` says.
    pub fn from_doc_with(
        doc: QuestionnaireDoc,
        checks: Checks,
    ) -> Result<Self, Vec<ValidationError>> {
        let index = validate::validate(&doc)?;
        let (doc, names) = names::write_out(doc);
        if checks == Checks::Full {
            let problems = validate::reachability(&doc, &index);
            if !problems.is_empty() {
                return Err(problems);
            }
        }
        let compiled = Compiled::new(&doc, &index);
        let problems = validate::never_needed(&doc, &compiled);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self {
            doc,
            names,
            index,
            compiled,
        })
    }

    /// The content as the program reads it: every named condition and
    /// schedule written out where it is used, comments left out (they are
    /// for authors). Two files that differ only in those have the same content.
    pub fn doc(&self) -> &QuestionnaireDoc {
        &self.doc
    }

    /// The named conditions the file defined, each written out.
    pub fn named_conditions(&self) -> &[NamedCondition] {
        &self.names.conditions
    }

    /// The schedules the file defined, each written out.
    pub fn schedules(&self) -> &[Schedule] {
        &self.names.schedules
    }

    pub fn id(&self) -> &str {
        &self.doc.id
    }

    pub fn version(&self) -> &str {
        &self.doc.version
    }

    pub fn title(&self) -> &str {
        &self.doc.title
    }

    pub fn questions(&self) -> &[Question] {
        &self.doc.questions
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_position(id).map(|i| &self.doc.questions[i])
    }

    /// Where a question stands in asking order.
    pub fn question_position(&self, id: &str) -> Option<usize> {
        self.index.questions.get(id).copied()
    }

    pub fn sections(&self) -> &[Section] {
        &self.doc.sections
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.index.sections.get(id).map(|&i| &self.doc.sections[i])
    }

    /// The number of the section with this id, counting from 1; 0 where
    /// there is none.
    pub fn section_number(&self, id: &str) -> usize {
        self.index.sections.get(id).map_or(0, |&i| i + 1)
    }

    /// The title of a question's section; its id where there is no such
    /// section.
    pub fn section_title<'a>(&'a self, question: &'a Question) -> &'a str {
        self.section(&question.section)
            .map_or(question.section.as_str(), |section| section.title.as_str())
    }

    pub fn findings(&self) -> &[Finding] {
        &self.doc.findings
    }

    pub fn finding(&self, id: &str) -> Option<&Finding> {
        self.index.findings.get(id).map(|&i| &self.doc.findings[i])
    }

    pub fn roles(&self) -> &[Role] {
        &self.doc.roles
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.index.roles.get(id).map(|&i| &self.doc.roles[i])
    }

    /// Tiers, highest precedence first.
    pub fn tiers(&self) -> &[Tier] {
        &self.doc.tiers
    }

    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.tier_rank(id).map(|i| &self.doc.tiers[i])
    }

    /// A tier's precedence: 0 is the highest.
    pub fn tier_rank(&self, id: &str) -> Option<usize> {
        self.index.tiers.get(id).copied()
    }

    pub fn default_tier(&self) -> &Tier {
        &self.doc.tiers[self.index.default_tier]
    }

    pub fn milestones(&self) -> &[Milestone] {
        &self.doc.milestones
    }

    pub fn milestone(&self, id: &str) -> Option<&Milestone> {
        self.index
            .milestones
            .get(id)
            .map(|&i| &self.doc.milestones[i])
    }

    pub fn obligations(&self) -> &[Obligation] {
        &self.doc.obligations
    }

    pub(crate) fn compiled(&self) -> &Compiled {
        &self.compiled
    }

    /// A condition from outside the file, resolved against this
    /// questionnaire (its named conditions included).
    pub(crate) fn compile(&self, condition: &Condition) -> Cond {
        let mut named = false;
        condition.visit_references(&mut |reference| {
            named |= matches!(reference, Reference::Condition(_));
        });
        if named {
            let condition = names::written_out(condition, &self.names.conditions);
            compiled::compile(&condition, &self.index)
        } else {
            compiled::compile(condition, &self.index)
        }
    }

    pub(crate) fn finding_position(&self, id: &str) -> Option<usize> {
        self.index.findings.get(id).copied()
    }

    pub(crate) fn role_position(&self, id: &str) -> Option<usize> {
        self.index.roles.get(id).copied()
    }
}
