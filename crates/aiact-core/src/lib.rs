//! The domain core of aiact: the questionnaire model and its validation,
//! the engine that walks it, the verdict, and the assessment being worked
//! on ([`Assessment`]: the one owner of answers and notes, changed only
//! through [`Assessment::apply`]). No terminal code lives here, so all of
//! it is tested without one.

pub mod answer;
pub mod assessment;
pub mod compare;
mod compiled;
pub mod engine;
pub mod migration;
pub mod model;
mod names;
mod needed;
pub mod outcome;
pub mod path_length;
pub mod questionnaire;
mod reach;
pub mod refs;
mod settle;
pub mod turns_on;
pub mod validate;
pub mod verdict;
pub mod work;

pub use answer::{Answer, AnswerError, AnswerProblem, AnswerValue, Answers};
pub use assessment::{Assessment, Change, Command, Snapshot};
pub use engine::{Applicability, Evaluation, Progress, Truth};
pub use path_length::PathLength;
pub use questionnaire::{Checks, LoadError, Questionnaire};
pub use refs::LegalRef;
pub use turns_on::DecisiveAnswer;
pub use validate::{Item, Problem, ValidationError};
pub use verdict::Verdict;
pub use work::Work;

/// Today's date in the local time zone, for verdicts.
pub fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}
