//! The one place the TUI keeps assessments: listing, creating, opening,
//! recording answers and notes. Everything that persists goes through here.
//!
//! Until the storage layer is on main this keeps assessments in memory, for
//! the length of the run only; the home screen says so.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aiact_core::{AnswerValue, Answers, Evaluation, Progress, Questionnaire, Verdict};
use jiff::civil::Date;
use thiserror::Error;

use crate::report::markdown::AssessmentInfo;

/// What the user types to start an assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metadata {
    pub system_name: String,
    pub organisation: Option<String>,
    pub assessor: Option<String>,
}

#[derive(Debug, Error)]
pub enum WorkspaceError {
    #[error("{0}")]
    Unavailable(&'static str),
    #[error("the questionnaire cannot be used: {0}")]
    Questionnaire(String),
    #[error("{}", .0.problem)]
    Answer(#[from] aiact_core::AnswerError),
    #[error("there is no assessment number {0}")]
    NoSuchAssessment(usize),
}

/// One line of the home list.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Readable(Summary),
    Unreadable { path: PathBuf, reason: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub metadata: Metadata,
    /// Headline tier of the saved verdict, once there is one.
    pub tier: Option<String>,
    pub progress: Progress,
    pub complete: bool,
    /// Order of the last change; newest first in the list.
    pub changed: u64,
    /// Open in another instance: can only be read.
    pub locked: bool,
}

/// Where assessments are kept.
#[derive(Debug)]
pub struct Workspace {
    questionnaire: Source,
    kept: Vec<Stored>,
    clock: u64,
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

#[derive(Debug, Clone)]
struct Stored {
    metadata: Metadata,
    answers: Answers,
    notes: BTreeMap<String, String>,
    changed: u64,
}

/// An assessment open for work.
#[derive(Debug)]
pub struct Document {
    pub metadata: Metadata,
    pub questionnaire: Questionnaire,
    answers: Answers,
    notes: BTreeMap<String, String>,
    /// Where it lives on disk, once there is a disk.
    pub path: Option<PathBuf>,
    /// Open elsewhere: shown, but answers cannot change.
    pub read_only: bool,
    /// Shown once on opening (for instance: the questionnaire changed).
    pub notice: Option<String>,
    slot: usize,
}

impl Workspace {
    /// Keeps assessments in memory for this run.
    pub fn in_memory(questionnaire: Questionnaire) -> Self {
        Self {
            questionnaire: Source::Ready(Box::new(questionnaire)),
            kept: Vec::new(),
            clock: 0,
        }
    }

    /// Like [`Self::in_memory`], loading the questionnaire on another thread
    /// until it is first needed.
    pub fn loading(load: impl FnOnce() -> Result<Questionnaire, String> + Send + 'static) -> Self {
        Self {
            questionnaire: Source::Loading(std::thread::spawn(load)),
            kept: Vec::new(),
            clock: 0,
        }
    }

    /// The questionnaire, waiting for it if it is still loading.
    fn questionnaire_now(&mut self) -> Result<&Questionnaire, WorkspaceError> {
        if matches!(self.questionnaire, Source::Loading(_)) {
            let Source::Loading(handle) = std::mem::replace(&mut self.questionnaire, Source::Taken)
            else {
                unreachable!("checked just above")
            };
            self.questionnaire = match handle.join() {
                Ok(Ok(questionnaire)) => Source::Ready(Box::new(questionnaire)),
                Ok(Err(error)) => Source::Failed(error),
                Err(_) => Source::Failed("loading the questionnaire failed".to_owned()),
            };
        }
        match &self.questionnaire {
            Source::Ready(questionnaire) => Ok(questionnaire),
            Source::Failed(error) => Err(WorkspaceError::Questionnaire(error.clone())),
            Source::Loading(_) | Source::Taken => Err(WorkspaceError::Questionnaire(
                "the questionnaire is not loaded".to_owned(),
            )),
        }
    }

    /// Whether assessments outlive the program.
    pub fn is_persistent(&self) -> bool {
        false
    }

    /// Every assessment, most recently changed first.
    pub fn list(&self) -> Vec<Entry> {
        // Assessments exist only once the questionnaire has loaded.
        let Source::Ready(questionnaire) = &self.questionnaire else {
            return Vec::new();
        };
        let questionnaire: &Questionnaire = questionnaire;
        let mut entries: Vec<Summary> = self
            .kept
            .iter()
            .map(|stored| {
                let evaluation = Evaluation::new(questionnaire, &stored.answers);
                let complete = evaluation.is_complete();
                Summary {
                    metadata: stored.metadata.clone(),
                    tier: (!stored.answers.is_empty()).then(|| {
                        Verdict::compute(questionnaire, &stored.answers, Date::MIN)
                            .tier
                            .label
                    }),
                    progress: evaluation.progress(),
                    complete,
                    changed: stored.changed,
                    locked: false,
                }
            })
            .collect();
        entries.sort_by_key(|entry| std::cmp::Reverse(entry.changed));
        entries.into_iter().map(Entry::Readable).collect()
    }

    pub fn create(&mut self, metadata: Metadata) -> Result<Document, WorkspaceError> {
        self.questionnaire_now()?;
        self.clock += 1;
        self.kept.push(Stored {
            metadata,
            answers: Answers::new(),
            notes: BTreeMap::new(),
            changed: self.clock,
        });
        self.open(0)
    }

    /// Opens the assessment at this position of [`Self::list`].
    pub fn open(&mut self, index: usize) -> Result<Document, WorkspaceError> {
        let slot = self.slot_of(index)?;
        let questionnaire = self.questionnaire_now()?.clone();
        let stored = &self.kept[slot];
        Ok(Document {
            metadata: stored.metadata.clone(),
            questionnaire,
            answers: stored.answers.clone(),
            notes: stored.notes.clone(),
            path: None,
            read_only: false,
            notice: None,
            slot,
        })
    }

    pub fn open_path(&mut self, _path: &Path) -> Result<Document, WorkspaceError> {
        Err(WorkspaceError::Unavailable(
            "opening files needs the storage layer, which this build does not have yet",
        ))
    }

    /// Puts a document back after work on it; the next listing shows it first.
    pub fn close(&mut self, document: Document) {
        self.clock += 1;
        if let Some(stored) = self.kept.get_mut(document.slot) {
            stored.answers = document.answers;
            stored.notes = document.notes;
            stored.metadata = document.metadata;
            stored.changed = self.clock;
        }
    }

    pub fn duplicate(&mut self, index: usize, system_name: &str) -> Result<(), WorkspaceError> {
        let slot = self.slot_of(index)?;
        self.clock += 1;
        let mut copy = self.kept[slot].clone();
        copy.metadata.system_name = system_name.to_owned();
        copy.changed = self.clock;
        self.kept.push(copy);
        Ok(())
    }

    pub fn rename(&mut self, index: usize, system_name: &str) -> Result<(), WorkspaceError> {
        let slot = self.slot_of(index)?;
        system_name.clone_into(&mut self.kept[slot].metadata.system_name);
        Ok(())
    }

    pub fn delete(&mut self, index: usize) -> Result<(), WorkspaceError> {
        let slot = self.slot_of(index)?;
        self.kept.remove(slot);
        Ok(())
    }

    /// From a position in the newest-first listing to the place it is kept.
    fn slot_of(&self, index: usize) -> Result<usize, WorkspaceError> {
        let mut slots: Vec<usize> = (0..self.kept.len()).collect();
        slots.sort_by_key(|&slot| std::cmp::Reverse(self.kept[slot].changed));
        slots
            .get(index)
            .copied()
            .ok_or(WorkspaceError::NoSuchAssessment(index))
    }
}

impl Document {
    /// The answers to resume the walk with.
    pub fn answers(&self) -> Answers {
        self.answers.clone()
    }

    pub fn set_answer(
        &mut self,
        question: &str,
        value: &AnswerValue,
        _today: Date,
    ) -> Result<(), WorkspaceError> {
        self.answers
            .set(&self.questionnaire, question, value)
            .map_err(WorkspaceError::from)
    }

    pub fn set_note(
        &mut self,
        question: &str,
        note: Option<&str>,
        _today: Date,
    ) -> Result<(), WorkspaceError> {
        match note {
            Some(text) => self.notes.insert(question.to_owned(), text.to_owned()),
            None => self.notes.remove(question),
        };
        Ok(())
    }

    pub fn note(&self, question: &str) -> Option<&str> {
        self.notes.get(question).map(String::as_str)
    }

    /// What a report says about the assessment: its metadata and the notes,
    /// in questionnaire order.
    pub fn report_info(&self) -> AssessmentInfo {
        AssessmentInfo {
            system_name: self.metadata.system_name.clone(),
            organisation: self.metadata.organisation.clone(),
            assessor: self.metadata.assessor.clone(),
            notes: self
                .questionnaire
                .questions()
                .iter()
                .filter_map(|q| Some((q.text.clone(), self.note(&q.id)?.to_owned())))
                .collect(),
        }
    }
}
