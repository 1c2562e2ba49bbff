//! The one place the TUI keeps assessments: listing, creating, opening,
//! recording answers and notes, through [`crate::storage`]. Every answer and
//! note is saved to disk as it is given.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use aiact_core::{Assessment, Command, Questionnaire, Verdict};
use jiff::civil::Date;

use super::refresh::Refresh;
use crate::catalog;
use crate::report::compare::{Compared, name_of};
use crate::report::model::Report;
use crate::storage::{
    Applied, Listing, Migration, Mode, NewAssessment, Opened, StorageError, Store,
};

/// Where assessments are kept, and the questionnaire new ones use.
#[derive(Debug)]
pub struct Workspace {
    store: Store,
    for_new: ForNew,
}

/// The questionnaire new assessments use.
#[derive(Debug)]
enum ForNew {
    /// Given (a `--questionnaire` file, a test's): the store has it too.
    Given(Arc<Questionnaire>),
    /// A built-in one, by id, loaded once per process
    /// ([`catalog::shared`]).
    BuiltIn(&'static str),
}

/// An assessment open for work: the storage's open file, and what to tell
/// the user about it once.
#[derive(Debug)]
pub struct Document {
    opened: Opened,
    /// Opened read-only because another aiact has it open: who.
    pub locked_by: Option<Option<u32>>,
}

impl Workspace {
    /// New assessments use `questionnaire`, which the store also opens
    /// assessments with (rather than loading and validating it again for
    /// every listing).
    pub fn new(store: Store, questionnaire: Questionnaire) -> Self {
        Self::given(store, Arc::new(questionnaire))
    }

    /// [`Self::new`] with a questionnaire already shared.
    pub fn given(store: Store, questionnaire: Arc<Questionnaire>) -> Self {
        let questionnaires =
            (store.questionnaires().clone()).with_shared(Arc::clone(&questionnaire));
        Self {
            store: store.with_questionnaires(questionnaires),
            for_new: ForNew::Given(questionnaire),
        }
    }

    /// New assessments use the built-in questionnaire `id`, loaded when
    /// first needed or ahead of that ([`Self::load_in_background`]).
    pub fn built_in(store: Store, id: &'static str) -> Self {
        Self {
            store,
            for_new: ForNew::BuiltIn(id),
        }
    }

    /// Starts loading the built-in questionnaire on a thread of its own (a
    /// few milliseconds to parse and check); the interface calls it once
    /// its list is on screen. Only creating or opening an assessment waits
    /// for it.
    pub fn load_in_background(&self) {
        if let ForNew::BuiltIn(id) = self.for_new {
            let _ = std::thread::Builder::new()
                .name("questionnaire".to_owned())
                .spawn(move || {
                    // Kept for the process; an error is met again, and
                    // told, when the questionnaire is needed.
                    let _ = catalog::shared(id);
                });
        }
    }

    /// Where assessments are saved.
    pub fn assessments_dir(&self) -> PathBuf {
        self.store.assessments_dir()
    }

    /// Every assessment, most recently changed first; unreadable files too.
    /// (The home screen reads the list on a thread: [`Self::follow_list`].)
    pub fn list(&self) -> Vec<Listing> {
        self.store.list()
    }

    /// The list read, and kept up to date, on a thread of its own (started
    /// by [`Refresh::begin`]).
    pub fn follow_list(&self) -> Refresh {
        Refresh::new(self.store.clone())
    }

    /// The questionnaire new assessments use (waiting for it to load).
    fn questionnaire(&self) -> Result<Arc<Questionnaire>, StorageError> {
        match &self.for_new {
            ForNew::Given(questionnaire) => Ok(Arc::clone(questionnaire)),
            // The loading thread holds the catalog while it loads: this
            // waits for it, and then finds it loaded.
            ForNew::BuiltIn(id) => catalog::shared(id)
                .map_err(|error| StorageError::questionnaire(&self.assessments_dir(), error)),
        }
    }

    /// Creates, saves and opens a new assessment, its verdicts as of `today`.
    pub fn create(&self, new: NewAssessment, today: Date) -> Result<Document, StorageError> {
        let questionnaire = self.questionnaire()?;
        let mut opened = self.store.create(new, &questionnaire)?;
        opened.set_today(today);
        Ok(Document {
            opened,
            locked_by: None,
        })
    }

    /// Opens an assessment for editing; if another aiact has it open, for
    /// reading only (the document says by whom).
    pub fn open(&self, path: &Path, today: Date) -> Result<Document, StorageError> {
        let mut document = match self.store.open(path, Mode::Edit) {
            Ok(opened) => Document {
                opened,
                locked_by: None,
            },
            Err(StorageError::Locked { pid, .. }) => Document {
                opened: self.store.open(path, Mode::ReadOnly)?,
                locked_by: Some(pid),
            },
            Err(error) => return Err(error),
        };
        document.opened.set_today(today);
        Ok(document)
    }

    /// A name in the data directory or a path to any file.
    pub fn resolve(&self, name_or_path: &str) -> Result<PathBuf, StorageError> {
        self.store.resolve(name_or_path)
    }

    pub fn duplicate(&self, path: &Path, system_name: &str) -> Result<PathBuf, StorageError> {
        self.store.duplicate(path, system_name)
    }

    pub fn rename(&self, path: &Path, system_name: &str) -> Result<PathBuf, StorageError> {
        self.store.rename(path, system_name)
    }

    pub fn delete(&self, path: &Path) -> Result<(), StorageError> {
        self.store.delete(path)
    }

    /// Two saved assessments compared, each read-only (one open in another
    /// aiact compares too), as of `today`.
    pub fn compare(&self, a: &Path, b: &Path, today: Date) -> Result<Compared, CompareError> {
        let a = self.store.open(a, Mode::ReadOnly)?;
        let b = self.store.open(b, Mode::ReadOnly)?;
        let name = |opened: &Opened| name_of(Some(&opened.metadata().system_name), &opened.path);
        if a.questionnaire.id() != b.questionnaire.id() {
            return Err(CompareError::Questionnaires {
                a: name(&a),
                b: name(&b),
            });
        }
        Ok(Compared::of(
            &a.questionnaire,
            [(name(&a), a.answers()), (name(&b), b.answers())],
            today,
        ))
    }
}

/// Why two assessments cannot be compared.
#[derive(Debug, thiserror::Error)]
pub enum CompareError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("{a} and {b} are assessments of different questionnaires: they cannot be compared")]
    Questionnaires { a: String, b: String },
}

impl Document {
    pub fn questionnaire(&self) -> &Questionnaire {
        &self.opened.questionnaire
    }

    pub fn path(&self) -> &Path {
        &self.opened.path
    }

    pub fn system_name(&self) -> &str {
        &self.opened.metadata().system_name
    }

    pub fn read_only(&self) -> bool {
        self.opened.read_only
    }

    /// Set when the questionnaire changed since the last save.
    pub fn migration(&self) -> Option<&Migration> {
        self.opened.migration.as_ref()
    }

    /// The answers, notes, the current question and what follows from them.
    pub fn assessment(&self) -> &Assessment {
        self.opened.assessment()
    }

    pub fn note(&self, question: &str) -> Option<&str> {
        self.opened.note(question)
    }

    /// Carries out a command and saves what it changed (see
    /// [`Opened::apply`]).
    pub fn apply(&mut self, command: Command) -> Result<Applied, StorageError> {
        self.opened.apply(command)
    }

    /// Before the document is closed: writes a change an earlier save
    /// could not, and what the verdict turns on ([`Opened::save_before_leaving`]).
    pub fn save_before_leaving(&mut self) -> Result<(), StorageError> {
        let today = self.assessment().today();
        self.opened.save_before_leaving(today)
    }

    /// The verdict saved before the questionnaire changed, for comparison.
    pub fn previous_verdict(&self) -> Option<&Verdict> {
        self.migration()?.previous_verdict.as_ref()
    }

    /// The report of this assessment with its verdict and what it turns
    /// on: what every export writes, the same as `aiact export`.
    pub fn report(&self) -> Report {
        Report::from_parts(
            &self.opened.file(),
            self.questionnaire(),
            self.migration(),
            self.assessment().verdict_with_turns_on(),
        )
    }
}
