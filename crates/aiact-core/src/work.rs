//! How much work the engine has done on this thread: evaluations of the
//! answers and checks of an answer against its question. One change to an
//! assessment costs one of each; tests and benchmarks hold it to that
//! (one Enter used to check its answer three times and evaluate four).

use std::cell::Cell;

thread_local! {
    static EVALUATIONS: Cell<u64> = const { Cell::new(0) };
    static ANSWER_CHECKS: Cell<u64> = const { Cell::new(0) };
    static HYPOTHETICAL: Cell<u64> = const { Cell::new(0) };
}

/// Work counted on this thread since it started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// [`crate::Evaluation`]s built.
    pub evaluations: u64,
    /// Answers checked against their question ([`crate::Answer::from_value`]).
    pub answer_checks: u64,
}

impl Work {
    /// The work done on this thread so far.
    pub fn so_far() -> Self {
        Self {
            evaluations: EVALUATIONS.with(Cell::get),
            answer_checks: ANSWER_CHECKS.with(Cell::get),
        }
    }

    /// The work done on this thread since `earlier`.
    pub fn since(earlier: Self) -> Self {
        let now = Self::so_far();
        Self {
            evaluations: now.evaluations - earlier.evaluations,
            answer_checks: now.answer_checks - earlier.answer_checks,
        }
    }
}

/// Evaluations of answers the user did not give, on this thread so far:
/// "not sure" answers settled, a hold lifted, a look-ahead (issue 13). Not
/// in [`Work::evaluations`], which counts evaluations of the user's answers.
pub fn hypothetical_evaluations() -> u64 {
    HYPOTHETICAL.with(Cell::get)
}

pub(crate) fn count_hypothetical() {
    HYPOTHETICAL.with(|count| count.set(count.get() + 1));
}

pub(crate) fn count_evaluation() {
    EVALUATIONS.with(|count| count.set(count.get() + 1));
}

pub(crate) fn count_answer_check() {
    ANSWER_CHECKS.with(|count| count.set(count.get() + 1));
}
