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
    jiff::Timestamp::now().to_zoned(local_time_zone()).date()
}

/// The local time zone, for dates and times shown. `TimeZone::system`
/// finds the zone's name (`/etc/localtime` links to it) and looks it up in
/// the time-zone database, which first lists every zone file: about half a
/// millisecond at every start, for a name no date or time shown needs.
/// Where `TZ` is not set, `/etc/localtime` is read as it is instead; else,
/// or if it cannot be read, `TimeZone::system`.
pub fn local_time_zone() -> jiff::tz::TimeZone {
    static LOCAL: std::sync::OnceLock<jiff::tz::TimeZone> = std::sync::OnceLock::new();
    LOCAL
        .get_or_init(|| {
            let unnamed = || {
                let bytes = std::fs::read("/etc/localtime").ok()?;
                jiff::tz::TimeZone::tzif("localtime", &bytes).ok()
            };
            std::env::var_os("TZ")
                .is_none()
                .then(unnamed)
                .flatten()
                .unwrap_or_else(jiff::tz::TimeZone::system)
        })
        .clone()
}

#[cfg(test)]
mod tests {
    /// Read without its name, the local zone gives the times and
    /// abbreviations the named one does.
    #[test]
    fn the_local_time_zone_is_the_system_one() {
        let local = super::local_time_zone();
        let system = jiff::tz::TimeZone::system();
        for days in [0, 90, 180, 270] {
            let at = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(24 * days);
            assert_eq!(local.to_offset(at), system.to_offset(at), "{at}");
            assert_eq!(
                at.to_zoned(local.clone()).strftime("%Z").to_string(),
                at.to_zoned(system.clone()).strftime("%Z").to_string()
            );
        }
    }
}
