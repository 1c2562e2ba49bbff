//! The one place the TUI keeps assessments: listing, creating, opening,
//! recording answers and notes, through [`crate::storage`]. Every answer and
//! note is saved to disk as it is given.

use std::path::{Path, PathBuf};

use aiact_core::{AnswerValue, Answers, Questionnaire, Verdict};
use jiff::civil::Date;
use thiserror::Error;

use crate::report::model::Report;
use crate::storage::{Listing, Migration, Mode, NewAssessment, Opened, StorageError, Store};

#[derive(Debug, Error)]
pub enum WorkspaceError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error("the questionnaire cannot be used: {0}")]
    Questionnaire(String),
}

/// Where assessments are kept, and the questionnaire new ones use.
#[derive(Debug)]
pub struct Workspace {
    store: Store,
    questionnaire: Source,
}

/// The questionnaire new assessments use: validating the full content takes
/// longer than the first frame may, so it can load while the home screen shows.
#[derive(Debug)]
enum Source {
    Ready(Box<Questionnaire>),
    Loading(std::thread::JoinHandle<Result<Questionnaire, String>>),
    Failed(String),
    /// Only while taking the loading thread's result.
    Taken,
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
    /// New assessments use `questionnaire`.
    pub fn new(store: Store, questionnaire: Questionnaire) -> Self {
        let mut workspace = Self {
            store,
            questionnaire: Source::Taken,
        };
        workspace.adopt(questionnaire);
        workspace
    }

    /// Uses a loaded questionnaire for new assessments, and lends it to the
    /// store, which would otherwise load and validate it again for every
    /// listing.
    fn adopt(&mut self, questionnaire: Questionnaire) {
        let questionnaires = self
            .store
            .questionnaires()
            .clone()
            .with(questionnaire.clone());
        self.store = self.store.clone().with_questionnaires(questionnaires);
        self.questionnaire = Source::Ready(Box::new(questionnaire));
    }

    /// Whether the questionnaire is still loading (the home list waits for
    /// it, since listing checks saved answers against it).
    pub fn is_loading(&self) -> bool {
        matches!(&self.questionnaire, Source::Loading(handle) if !handle.is_finished())
    }

    /// Like [`Self::new`], loading the questionnaire on another thread until
    /// it is first needed.
    pub fn loading(
        store: Store,
        load: impl FnOnce() -> Result<Questionnaire, String> + Send + 'static,
    ) -> Self {
        Self {
            store,
            questionnaire: Source::Loading(std::thread::spawn(load)),
        }
    }

    /// Where assessments are saved.
    pub fn assessments_dir(&self) -> PathBuf {
        self.store.assessments_dir()
    }

    /// The questionnaire, waiting for it if it is still loading.
    fn questionnaire_now(&mut self) -> Result<&Questionnaire, WorkspaceError> {
        if matches!(self.questionnaire, Source::Loading(_))
            && let Source::Loading(handle) =
                std::mem::replace(&mut self.questionnaire, Source::Taken)
        {
            match handle.join() {
                Ok(Ok(questionnaire)) => self.adopt(questionnaire),
                Ok(Err(error)) => self.questionnaire = Source::Failed(error),
                Err(_) => self.questionnaire = Source::Failed("loading it failed".to_owned()),
            }
        }
        match &self.questionnaire {
            Source::Ready(questionnaire) => Ok(questionnaire),
            Source::Failed(error) => Err(WorkspaceError::Questionnaire(error.clone())),
            Source::Loading(_) | Source::Taken => {
                Err(WorkspaceError::Questionnaire("it is not loaded".to_owned()))
            }
        }
    }

    /// Every assessment, most recently changed first; unreadable files too.
    /// Waits for the questionnaire if it is still loading.
    pub fn list(&mut self) -> Vec<Listing> {
        // A questionnaire that failed to load is reported on creating; the
        // store lists with its own copy meanwhile.
        let _ = self.questionnaire_now();
        self.store.list()
    }

    /// Creates, saves and opens a new assessment.
    pub fn create(&mut self, new: NewAssessment) -> Result<Document, WorkspaceError> {
        let questionnaire = self.questionnaire_now()?.clone();
        let opened = self.store.create(new, &questionnaire)?;
        Ok(Document {
            opened,
            locked_by: None,
        })
    }

    /// Opens an assessment for editing; if another aiact has it open, for
    /// reading only (the document says by whom).
    pub fn open(&self, path: &Path) -> Result<Document, WorkspaceError> {
        match self.store.open(path, Mode::Edit) {
            Ok(opened) => Ok(Document {
                opened,
                locked_by: None,
            }),
            Err(StorageError::Locked { pid, .. }) => Ok(Document {
                opened: self.store.open(path, Mode::ReadOnly)?,
                locked_by: Some(pid),
            }),
            Err(error) => Err(error.into()),
        }
    }

    /// A name in the data directory or a path to any file.
    pub fn resolve(&self, name_or_path: &str) -> Result<PathBuf, WorkspaceError> {
        Ok(self.store.resolve(name_or_path)?)
    }

    pub fn duplicate(&self, path: &Path, system_name: &str) -> Result<PathBuf, WorkspaceError> {
        Ok(self.store.duplicate(path, system_name)?)
    }

    pub fn rename(&self, path: &Path, system_name: &str) -> Result<PathBuf, WorkspaceError> {
        Ok(self.store.rename(path, system_name)?)
    }

    pub fn delete(&self, path: &Path) -> Result<(), WorkspaceError> {
        Ok(self.store.delete(path)?)
    }
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

    /// The answers to resume the walk with.
    pub fn answers(&self) -> Answers {
        self.opened.answers().clone()
    }

    /// Records an answer and saves. If only the saving failed, the answer
    /// is kept in memory and saved with the next change.
    pub fn set_answer(
        &mut self,
        question: &str,
        value: &AnswerValue,
        today: Date,
    ) -> Result<(), StorageError> {
        self.opened.set_answer(question, value, today)
    }

    pub fn set_note(
        &mut self,
        question: &str,
        note: Option<&str>,
        today: Date,
    ) -> Result<(), StorageError> {
        self.opened.set_note(question, note, today)
    }

    pub fn note(&self, question: &str) -> Option<&str> {
        self.opened.note(question)
    }

    /// The verdict saved before the questionnaire changed, for comparison.
    pub fn previous_verdict(&self) -> Option<&Verdict> {
        self.migration()?.previous_verdict.as_ref()
    }

    /// The report of this assessment with this verdict: what every export
    /// writes.
    pub fn report(&self, verdict: &Verdict) -> Report {
        Report::from_parts(
            &self.opened.file(),
            self.questionnaire(),
            self.migration(),
            verdict.clone(),
        )
    }
}
