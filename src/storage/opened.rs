//! An assessment open in this process: its content, the questionnaire it
//! is answered against, and, when open for editing, its lock. Every change
//! is saved at once, atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use aiact_core::answer::AnswerProblem;
use aiact_core::{Answer, AnswerError, AnswerValue, Answers, Evaluation, Questionnaire, Verdict};
use jiff::Timestamp;
use jiff::civil::Date;

use super::atomic;
use super::error::{LockPurpose, StorageError};
use super::format::{
    self, Assessment, Entry, RetiredAnswer, SavedProgress, TierRef, VerdictChange,
};
use super::input::{self, Links};
use super::lock::Lock;
use super::questionnaires::{Questionnaires, content_hash};

/// How to open an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Take the lock; fails with [`StorageError::Locked`] if another
    /// process has it open for editing.
    Edit,
    /// No lock, no saving: to look at an assessment open elsewhere.
    ReadOnly,
}

/// The questionnaire changed since the assessment was last saved (a new
/// version, or the same version with other content).
#[derive(Debug, Clone, PartialEq)]
pub struct Migration {
    pub from_version: String,
    pub to_version: String,
    /// Same version number, different content: the questionnaire was
    /// edited without a version bump.
    pub same_version_other_content: bool,
    /// Answers that no longer count, with the reason. They are kept in the
    /// file's `retired_answers` from the next save on.
    pub dropped: Vec<DroppedAnswer>,
    /// The verdict saved with the previous questionnaire, to show beside
    /// the new one.
    pub previous_verdict: Option<Verdict>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DroppedAnswer {
    pub question: String,
    pub value: Option<AnswerValue>,
    pub note: Option<String>,
    pub problem: AnswerProblem,
}

/// An assessment open in this process. Read the fields; change the
/// assessment through the methods, which save.
#[derive(Debug)]
pub struct Opened {
    pub path: PathBuf,
    /// The current version, from the catalog, by the file's questionnaire id.
    pub questionnaire: Questionnaire,
    /// The file's content, brought up to the current questionnaire.
    pub assessment: Assessment,
    pub migration: Option<Migration>,
    /// Opened read-only: the methods that change it refuse.
    pub read_only: bool,
    content_hash: String,
    lock: Option<Lock>,
    /// A change is in memory that the last save could not write: the next
    /// save, or `save_pending`, writes it.
    unsaved: bool,
}

impl Opened {
    /// Opens with the built-in questionnaires.
    pub fn open(path: &Path, mode: Mode) -> Result<Self, StorageError> {
        Self::open_with(path, mode, &Questionnaires::built_in())
    }

    /// Opens an assessment file. A bad file is reported, naming the file and
    /// the problem, and left untouched. Opening never writes the file: a
    /// migration is saved with the next change (or [`Opened::save`]).
    pub fn open_with(
        path: &Path,
        mode: Mode,
        questionnaires: &Questionnaires,
    ) -> Result<Self, StorageError> {
        // Checked first so that a mistyped path, or a pipe or a link in
        // its place, leaves no lock file behind.
        input::check(path, Links::Refuse)?;
        let lock = match mode {
            Mode::Edit => Some(Lock::acquire(path, LockPurpose::Editing)?),
            Mode::ReadOnly => None,
        };
        // Read under the lock, so this is the latest saved content.
        let (assessment, questionnaire) = read(path, questionnaires)?;
        if lock.is_some() {
            atomic::remove_dead_temps(atomic::parent(path), Some(path));
        }
        let mut opened = Self {
            path: path.to_owned(),
            content_hash: content_hash(&questionnaire),
            questionnaire,
            assessment,
            migration: None,
            read_only: lock.is_none(),
            lock,
            unsaved: false,
        };
        opened.bring_up_to_date()?;
        Ok(opened)
    }

    /// Answers that fit the current questionnaire (all of them, after
    /// opening), typed, for `Session::resume`.
    pub fn answers(&self) -> Answers {
        let values: BTreeMap<String, AnswerValue> = self
            .assessment
            .answers
            .iter()
            .filter_map(|(id, entry)| Some((id.clone(), entry.value.clone()?)))
            .collect();
        Answers::from_values_lenient(&self.questionnaire, &values).0
    }

    /// Records an answer (keeping its note), recomputes the verdict and
    /// saves. An answer that does not fit its question is refused and
    /// nothing changes.
    pub fn set_answer(
        &mut self,
        question: &str,
        value: &AnswerValue,
        today: Date,
    ) -> Result<(), StorageError> {
        self.check_writable()?;
        let answer = self
            .questionnaire
            .question(question)
            .ok_or(AnswerProblem::UnknownQuestion)
            .and_then(|target| Answer::from_value(target, value))
            .map_err(|problem| self.answer_error(question, problem))?;
        let now = Timestamp::now();
        let entry = self
            .assessment
            .answers
            .entry(question.to_owned())
            .or_insert_with(|| Entry {
                value: None,
                note: None,
                updated: now,
            });
        entry.value = Some(answer.to_value());
        entry.updated = now;
        self.save(today)
    }

    /// Removes an answer (keeping its note) and saves.
    pub fn clear_answer(&mut self, question: &str, today: Date) -> Result<(), StorageError> {
        self.check_writable()?;
        let Some(entry) = self.assessment.answers.get_mut(question) else {
            return Ok(());
        };
        if entry.value.take().is_none() {
            return Ok(());
        }
        entry.updated = Timestamp::now();
        if entry.note.is_none() {
            self.assessment.answers.remove(question);
        }
        self.save(today)
    }

    /// Records the note on a question, answered or not, and saves. An empty
    /// note clears it.
    pub fn set_note(
        &mut self,
        question: &str,
        note: Option<&str>,
        today: Date,
    ) -> Result<(), StorageError> {
        self.check_writable()?;
        if self.questionnaire.question(question).is_none() {
            return Err(self.answer_error(question, AnswerProblem::UnknownQuestion));
        }
        let note = note.filter(|text| !text.trim().is_empty());
        let current = self
            .assessment
            .answers
            .get(question)
            .and_then(|entry| entry.note.as_deref());
        if current == note {
            return Ok(());
        }
        let now = Timestamp::now();
        let entry = self
            .assessment
            .answers
            .entry(question.to_owned())
            .or_insert_with(|| Entry {
                value: None,
                note: None,
                updated: now,
            });
        entry.note = note.map(str::to_owned);
        entry.updated = now;
        if entry.value.is_none() && entry.note.is_none() {
            self.assessment.answers.remove(question);
        }
        self.save(today)
    }

    pub fn note(&self, question: &str) -> Option<&str> {
        self.assessment.answers.get(question)?.note.as_deref()
    }

    /// The verdict as of the last save (`None` before the first answer).
    pub fn verdict(&self) -> Option<&Verdict> {
        self.assessment.verdict.as_ref()
    }

    /// Recomputes the verdict, records a change of tier in the history and
    /// writes the file atomically. On failure the change stays in memory
    /// (nothing typed is lost) and is written by the next save.
    pub fn save(&mut self, today: Date) -> Result<(), StorageError> {
        self.check_writable()?;
        let answers = self.answers();
        // One evaluation for both: this runs on every answer.
        let evaluation = Evaluation::new(&self.questionnaire, &answers);
        let verdict = Verdict::from_evaluation(&evaluation, today);
        let progress = evaluation.progress();
        let now = Timestamp::now();
        let assessment = &mut self.assessment;
        let previous = assessment.verdict.as_ref().map(|v| TierRef::from(&v.tier));
        if previous.as_ref().map(|tier| &tier.id) != Some(&verdict.tier.id) {
            assessment.history.push(VerdictChange {
                at: now,
                from: previous,
                to: TierRef::from(&verdict.tier),
                complete: verdict.complete,
                questionnaire_version: self.questionnaire.version().to_owned(),
            });
        }
        assessment.progress = SavedProgress {
            answered: progress.answered,
            on_path: progress.on_path,
        };
        assessment.verdict = Some(verdict);
        assessment.metadata.updated = now;
        let written = write(&self.path, assessment);
        self.unsaved = written.is_err();
        written
    }

    /// Writes what an earlier failed save left in memory, if anything:
    /// before leaving, so that no answer is lost.
    pub fn save_pending(&mut self, today: Date) -> Result<(), StorageError> {
        if self.unsaved {
            self.save(today)
        } else {
            Ok(())
        }
    }

    /// The lock file, while open for editing.
    pub fn lock_path(&self) -> Option<&Path> {
        self.lock.as_ref().map(Lock::path)
    }

    fn check_writable(&self) -> Result<(), StorageError> {
        if self.read_only {
            Err(StorageError::ReadOnly {
                path: self.path.clone(),
            })
        } else {
            Ok(())
        }
    }

    fn answer_error(&self, question: &str, problem: AnswerProblem) -> StorageError {
        StorageError::Answer {
            path: self.path.clone(),
            error: AnswerError {
                question: question.to_owned(),
                problem,
            },
        }
    }

    /// Checks the saved answers against the current questionnaire. Saved
    /// with this very questionnaire, every answer must fit (else the file
    /// is damaged). Saved with another version or other content, answers
    /// that no longer fit are retired and listed in the migration.
    fn bring_up_to_date(&mut self) -> Result<(), StorageError> {
        let Some(problems) = answers_to_retire(
            &self.path,
            &self.assessment,
            &self.questionnaire,
            &self.content_hash,
        )?
        else {
            return Ok(());
        };
        let saved = &self.assessment.questionnaire;
        let from_version = saved.version.clone();
        let now = Timestamp::now();
        let mut dropped = Vec::new();
        for AnswerError { question, problem } in problems {
            let Some(entry) = self.assessment.answers.remove(&question) else {
                continue;
            };
            // A note on a question that still exists stays with it.
            let keeps_note = problem != AnswerProblem::UnknownQuestion;
            let (note, kept_note) = if keeps_note {
                (None, entry.note.clone())
            } else {
                (entry.note.clone(), None)
            };
            if let Some(note) = kept_note {
                self.assessment.answers.insert(
                    question.clone(),
                    Entry {
                        value: None,
                        note: Some(note),
                        updated: entry.updated,
                    },
                );
            }
            self.assessment.retired_answers.push(RetiredAnswer {
                question: question.clone(),
                value: entry.value.clone(),
                note: note.clone(),
                updated: entry.updated,
                reason: reason(&problem),
                questionnaire_version: from_version.clone(),
                retired: now,
            });
            dropped.push(DroppedAnswer {
                question,
                value: entry.value,
                note,
                problem,
            });
        }
        self.migration = Some(Migration {
            same_version_other_content: from_version == self.questionnaire.version(),
            from_version,
            to_version: self.questionnaire.version().to_owned(),
            dropped,
            previous_verdict: self.assessment.verdict.clone(),
        });
        self.assessment.questionnaire = format::QuestionnaireRef {
            id: self.questionnaire.id().to_owned(),
            version: self.questionnaire.version().to_owned(),
            content_hash: self.content_hash.clone(),
        };
        Ok(())
    }
}

/// The saved answers that no longer fit the questionnaire, to retire; `None`
/// when it is the very questionnaire they were saved with (same version
/// and content), where an answer that does not fit means a damaged file:
/// an error.
fn answers_to_retire(
    path: &Path,
    assessment: &Assessment,
    questionnaire: &Questionnaire,
    content_hash: &str,
) -> Result<Option<Vec<AnswerError>>, StorageError> {
    let saved = &assessment.questionnaire;
    let unchanged = saved.version == questionnaire.version() && saved.content_hash == content_hash;
    let entries = assessment.answers.iter();
    let problems = misfits(
        questionnaire,
        entries.map(|(id, entry)| (id.as_str(), entry.value.as_ref())),
    );
    match (unchanged, problems.is_empty()) {
        (true, true) => Ok(None),
        (true, false) => Err(StorageError::AnswersDoNotFit {
            path: path.to_owned(),
            questionnaire: saved.id.clone(),
            version: saved.version.clone(),
            errors: problems,
        }),
        (false, _) => Ok(Some(problems)),
    }
}

/// Saved entries that do not fit a questionnaire: an answer or a note to
/// a question it does not have, or an answer that does not fit its question.
pub(crate) fn misfits<'a>(
    questionnaire: &Questionnaire,
    answers: impl IntoIterator<Item = (&'a str, Option<&'a AnswerValue>)>,
) -> Vec<AnswerError> {
    answers
        .into_iter()
        .filter_map(|(id, value)| {
            let problem = match (questionnaire.question(id), value) {
                (None, _) => AnswerProblem::UnknownQuestion,
                (Some(question), Some(value)) => Answer::from_value(question, value).err()?,
                (Some(_), None) => return None,
            };
            Some(AnswerError {
                question: id.to_owned(),
                problem,
            })
        })
        .collect()
}

/// Why an answer was retired, in words for the file and the user.
pub(crate) fn reason(problem: &AnswerProblem) -> String {
    match problem {
        AnswerProblem::UnknownQuestion => {
            "the question was removed from the questionnaire".to_owned()
        }
        other => format!("the answer no longer fits the question: {other}"),
    }
}

/// Reads and checks an assessment file and finds its questionnaire.
pub(crate) fn read(
    path: &Path,
    questionnaires: &Questionnaires,
) -> Result<(Assessment, Questionnaire), StorageError> {
    let bytes = input::read(path, Links::Refuse)?;
    let assessment = format::parse(path, &bytes)?;
    let questionnaire = find_questionnaire(path, &assessment.questionnaire.id, questionnaires)?;
    Ok((assessment, questionnaire))
}

/// Reads an assessment file with every check opening it makes (its
/// questionnaire known, its answers fitting it), as it is on disk: for
/// copying or renaming it, which must refuse what opening refuses.
pub(crate) fn read_checked(
    path: &Path,
    questionnaires: &Questionnaires,
) -> Result<Assessment, StorageError> {
    let (assessment, questionnaire) = read(path, questionnaires)?;
    answers_to_retire(
        path,
        &assessment,
        &questionnaire,
        &content_hash(&questionnaire),
    )?;
    Ok(assessment)
}

pub(crate) fn find_questionnaire(
    path: &Path,
    id: &str,
    questionnaires: &Questionnaires,
) -> Result<Questionnaire, StorageError> {
    questionnaires
        .get(id)
        .map_err(|error| StorageError::questionnaire(path, error))
}

/// Writes an assessment over its file, atomically.
pub(crate) fn write(path: &Path, assessment: &Assessment) -> Result<(), StorageError> {
    let bytes = format::to_bytes(assessment).map_err(|source| StorageError::Io {
        path: path.to_owned(),
        action: "cannot encode the assessment",
        error: source.into(),
    })?;
    atomic::replace(path, &bytes).map_err(StorageError::io(path, "cannot save the file"))
}
