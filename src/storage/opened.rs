//! An assessment open in this process: the file's content, the
//! questionnaire it is answered against, and, when open for editing, its
//! lock. The answers and notes live in one place, the core's
//! [`aiact_core::Assessment`]; every change goes through [`Opened::apply`],
//! which saves what it changed at once, atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use aiact_core::answer::AnswerProblem;
use aiact_core::assessment::Assessment as Document;
use aiact_core::{
    Answer, AnswerError, AnswerValue, Answers, Change, Command, Questionnaire, Verdict,
};
use jiff::Timestamp;
use jiff::civil::Date;

use super::atomic;
use super::carry_over::carry_over;
use super::error::{LockPurpose, StorageError};
use super::format::{
    self, Assessment, Entry, Metadata, RetiredAnswer, SavedProgress, TierRef, VerdictChange,
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

/// What [`Opened::apply`] did.
#[derive(Debug)]
#[must_use]
pub struct Applied {
    pub change: Change,
    /// Whether the change reached the disk. If writing failed, the change
    /// is kept in memory (nothing typed is lost) and written by the next
    /// save, or by [`Opened::save_before_leaving`].
    pub saved: Result<(), StorageError>,
}

/// An assessment open in this process. Read it through the accessors;
/// change it with [`Opened::apply`], which saves.
#[derive(Debug)]
pub struct Opened {
    pub path: PathBuf,
    /// The current version, from the catalog, by the file's questionnaire id.
    pub questionnaire: Arc<Questionnaire>,
    pub migration: Option<Migration>,
    /// Opened read-only: commands that would change it are refused.
    pub read_only: bool,
    /// The answers, the notes and where the user is: the one copy.
    document: Document,
    /// The rest of the file, brought up to the current questionnaire. Its
    /// `answers` are empty: they are written from `document`.
    file: Assessment,
    /// When each answer or note last changed, by question.
    changed: BTreeMap<String, Timestamp>,
    lock: Option<Lock>,
    /// A change is in memory that the last save could not write: the next
    /// save, or `save_before_leaving`, writes it.
    unsaved: bool,
    /// A save since opening wrote the file.
    saved_here: bool,
}

impl Opened {
    /// Opens with the built-in questionnaires.
    pub fn open(path: &Path, mode: Mode) -> Result<Self, StorageError> {
        Self::open_with(path, mode, &Questionnaires::built_in())
    }

    /// Opens an assessment file. A bad file is reported, naming the file and
    /// the problem, and left untouched. Opening never writes the file: a
    /// migration is saved with the next change (or [`Opened::save`]).
    /// Verdicts are as of today until [`Opened::set_today`] says otherwise.
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
        let (mut file, questionnaire) = read(path, questionnaires)?;
        if lock.is_some() {
            atomic::remove_dead_temps(atomic::parent(path), Some(path));
        }
        let questionnaire = Arc::new(questionnaire);
        let content_hash = content_hash(&questionnaire);
        let (answers, migration) =
            bring_up_to_date(path, &mut file, &questionnaire, &content_hash)?;
        let mut notes = BTreeMap::new();
        let mut changed = BTreeMap::new();
        for (question, entry) in std::mem::take(&mut file.answers) {
            if let Some(note) = entry.note {
                notes.insert(question.clone(), note);
            }
            changed.insert(question, entry.updated);
        }
        Ok(Self {
            path: path.to_owned(),
            document: Document::new(
                Arc::clone(&questionnaire),
                answers,
                notes,
                aiact_core::today(),
            ),
            questionnaire,
            file,
            changed,
            migration,
            read_only: lock.is_none(),
            lock,
            unsaved: false,
            saved_here: false,
        })
    }

    /// The answers, the notes, the current question and what follows from
    /// them.
    pub fn assessment(&self) -> &Document {
        &self.document
    }

    /// The answers that fit the current questionnaire (all of them, after
    /// opening).
    pub fn answers(&self) -> &Answers {
        self.document.answers()
    }

    pub fn note(&self, question: &str) -> Option<&str> {
        self.document.note(question)
    }

    pub fn metadata(&self) -> &Metadata {
        &self.file.metadata
    }

    /// The file's content as it is saved: what the next save writes.
    pub fn file(&self) -> Assessment {
        let mut file = self.file.clone();
        file.answers = self.entries();
        file
    }

    /// The verdict as of the last save (`None` before the first answer).
    pub fn verdict(&self) -> Option<&Verdict> {
        self.file.verdict.as_ref()
    }

    /// Gives verdicts as of `today`.
    pub fn set_today(&mut self, today: Date) {
        self.document.set_today(today);
    }

    /// Carries out a command and saves what it changed. Refused, changing
    /// nothing: an answer or note on an assessment open read-only
    /// ([`StorageError::ReadOnly`]), a command that does not fit
    /// ([`StorageError::Answer`]).
    pub fn apply(&mut self, command: Command) -> Result<Applied, StorageError> {
        if matches!(command, Command::Answer { .. } | Command::Note { .. }) {
            self.check_writable()?;
        }
        let subject = match &command {
            Command::Answer { question, .. }
            | Command::Note { question, .. }
            | Command::GoTo(question) => question.clone(),
            Command::Skip | Command::Back | Command::Forward => {
                self.document.current_id().unwrap_or_default().to_owned()
            }
        };
        let change = self
            .document
            .apply(command)
            .map_err(|problem| self.answer_error(&subject, problem))?;
        let saved = match change {
            Change::Answered { question, .. } | Change::Noted { question } => {
                self.touch(question);
                self.write()
            }
            Change::Moved { .. } | Change::Unchanged => Ok(()),
        };
        Ok(Applied { change, saved })
    }

    /// Records an answer (keeping its note) and saves, as of `today`. An
    /// answer that does not fit its question is refused and nothing changes.
    pub fn set_answer(
        &mut self,
        question: &str,
        value: &AnswerValue,
        today: Date,
    ) -> Result<(), StorageError> {
        self.set_today(today);
        self.apply(Command::Answer {
            question: question.to_owned(),
            value: value.clone(),
        })?
        .saved
    }

    /// Records the note on a question, answered or not, and saves. An empty
    /// note clears it.
    pub fn set_note(
        &mut self,
        question: &str,
        note: Option<&str>,
        today: Date,
    ) -> Result<(), StorageError> {
        self.set_today(today);
        let applied = self.apply(Command::Note {
            question: question.to_owned(),
            text: note.map(str::to_owned),
        })?;
        applied.saved
    }

    /// Writes the file as of `today`: the verdict, a change of tier in the
    /// history, the answers and notes. On failure the change stays in
    /// memory (nothing typed is lost) and is written by the next save.
    pub fn save(&mut self, today: Date) -> Result<(), StorageError> {
        self.check_writable()?;
        self.set_today(today);
        self.write()
    }

    /// Before leaving: writes what an earlier failed save left in memory,
    /// if anything, so that no answer is lost; and what the verdict turns
    /// on, if a save here wrote the verdict without it, so that the
    /// workshop table reuses it. Saves on every answer leave it out: it
    /// takes a few dozen evaluations, too many for each key.
    pub fn save_before_leaving(&mut self, today: Date) -> Result<(), StorageError> {
        if self.unsaved {
            self.save(today)?;
        }
        let lacks_turns_on = (self.file.verdict.as_ref()).is_some_and(|verdict| {
            verdict.turns_on.is_none() && verdict.evaluated_on == self.document.today()
        });
        if self.saved_here && !self.read_only && lacks_turns_on {
            self.document.turns_on();
            self.write()?;
        }
        Ok(())
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

    /// The answer or note on the question at `position` changed now.
    fn touch(&mut self, position: usize) {
        let Some(question) = self.questionnaire.questions().get(position) else {
            return;
        };
        let id = &question.id;
        if self.document.answers().get(id).is_some() || self.document.note(id).is_some() {
            self.changed.insert(id.clone(), Timestamp::now());
        } else {
            self.changed.remove(id);
        }
    }

    /// Every answer and note, as the file keeps them.
    fn entries(&self) -> BTreeMap<String, Entry> {
        let answers = self.document.answers();
        let notes = self.document.notes();
        let mut entries = BTreeMap::new();
        let ids = answers
            .iter()
            .map(|(id, _)| id)
            .chain(notes.keys().map(String::as_str));
        for id in ids {
            if entries.contains_key(id) {
                continue;
            }
            entries.insert(
                id.to_owned(),
                Entry {
                    value: answers.get(id).map(Answer::to_value),
                    note: notes.get(id).cloned(),
                    updated: self.changed.get(id).copied().unwrap_or_else(Timestamp::now),
                },
            );
        }
        entries
    }

    /// Writes the file with the snapshot's verdict and progress, recording
    /// a change of tier in the history. The answers are written from the
    /// document and not kept in `file`.
    fn write(&mut self) -> Result<(), StorageError> {
        let snapshot = self.document.snapshot();
        let verdict = snapshot.verdict();
        let progress = snapshot.progress();
        let now = Timestamp::now();
        let file = &mut self.file;
        let previous = file.verdict.as_ref().map(|v| TierRef::from(&v.tier));
        if previous.as_ref().map(|tier| &tier.id) != Some(&verdict.tier.id) {
            file.history.push(VerdictChange {
                at: now,
                from: previous,
                to: TierRef::from(&verdict.tier),
                complete: verdict.complete,
                questionnaire_version: self.questionnaire.version().to_owned(),
            });
        }
        file.progress = SavedProgress {
            answered: progress.answered,
            on_path: progress.on_path,
        };
        file.verdict = Some(Verdict {
            turns_on: self.document.known_turns_on().map(<[_]>::to_vec),
            ..verdict.clone()
        });
        file.metadata.updated = now;
        self.file.answers = self.entries();
        let written = write(&self.path, &self.file);
        self.file.answers.clear();
        self.unsaved = written.is_err();
        self.saved_here |= written.is_ok();
        written
    }
}

/// Checks the saved answers against the current questionnaire, each once,
/// and returns those that fit. Saved with this very questionnaire, every
/// answer must fit (else the file is damaged). Saved with another version
/// or other content, answers that no longer fit are retired and listed in
/// the migration.
pub(crate) fn bring_up_to_date(
    path: &Path,
    file: &mut Assessment,
    questionnaire: &Questionnaire,
    content_hash: &str,
) -> Result<(Answers, Option<Migration>), StorageError> {
    carry_over(file, questionnaire);
    let saved = &file.questionnaire;
    let unchanged = saved.version == questionnaire.version() && saved.content_hash == content_hash;
    let values: BTreeMap<String, AnswerValue> = file
        .answers
        .iter()
        .filter_map(|(id, entry)| Some((id.clone(), entry.value.clone()?)))
        .collect();
    let (answers, mut problems) = Answers::from_values_lenient(questionnaire, &values);
    // A note on a question the questionnaire does not have fits nowhere either.
    for (id, entry) in &file.answers {
        if entry.value.is_none() && questionnaire.question(id).is_none() {
            problems.push(AnswerError {
                question: id.clone(),
                problem: AnswerProblem::UnknownQuestion,
            });
        }
    }
    problems.sort_by(|a, b| a.question.cmp(&b.question));
    if unchanged {
        return if problems.is_empty() {
            Ok((answers, None))
        } else {
            Err(StorageError::AnswersDoNotFit {
                path: path.to_owned(),
                questionnaire: saved.id.clone(),
                version: saved.version.clone(),
                errors: problems,
            })
        };
    }
    let from_version = saved.version.clone();
    let now = Timestamp::now();
    let mut dropped = Vec::new();
    for AnswerError { question, problem } in problems {
        let Some(entry) = file.answers.remove(&question) else {
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
            file.answers.insert(
                question.clone(),
                Entry {
                    value: None,
                    note: Some(note),
                    updated: entry.updated,
                },
            );
        }
        file.retired_answers.push(RetiredAnswer {
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
    let migration = Migration {
        same_version_other_content: from_version == questionnaire.version(),
        from_version,
        to_version: questionnaire.version().to_owned(),
        dropped,
        previous_verdict: file.verdict.clone(),
    };
    file.questionnaire = format::QuestionnaireRef {
        id: questionnaire.id().to_owned(),
        version: questionnaire.version().to_owned(),
        content_hash: content_hash.to_owned(),
    };
    Ok((answers, Some(migration)))
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
    let mut checked = assessment.clone();
    bring_up_to_date(
        path,
        &mut checked,
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
