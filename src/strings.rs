//! The sentences the full-screen UI and `ask` say to the user, in one
//! place (as gitui's `strings.rs`): wording is reviewed here, and both say
//! the same thing the same way. Key names and key descriptions come from
//! the key table (`tui::keymap`); the wording the verdict shares with the
//! reports is in `report::wording`.

use std::fmt::Display;

// ---- both ----

pub const NOTE_SAVED: &str = "Note saved.";
pub const NOTE_REMOVED: &str = "Note removed.";
pub const FIRST_QUESTION: &str = "This is the first question.";

/// "below the minimum of 0" → "Below the minimum of 0."
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let capitalised: String = chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    });
    format!("{capitalised}.")
}

/// The explanation of a question (the TUI's panel, `ask`'s `?`).
pub mod explanation {
    use std::fmt::Display;

    pub const COUNTS: &str = "Counts, for example:";
    pub const DOES_NOT_COUNT: &str = "Does not count:";
    pub const IF_NOT_SURE: &str = "If you are not sure:";
    pub const CAUTION: &str = "Caution:";
    pub const IN_THE_LAW: &str = "In the law:";
    pub const NOTHING_MORE: &str = "No further explanation for this question.";

    /// The heading of an option's own explanation.
    pub fn option(label: impl Display) -> String {
        format!("\"{label}\"")
    }

    pub fn about_section(title: impl Display) -> String {
        format!("About \"{title}\":")
    }

    /// A caution that applies to one option, under its heading.
    pub fn option_caution(caveat: impl Display) -> String {
        format!("{CAUTION} {caveat}")
    }
}

// ---- the full-screen UI ----

pub mod tui {
    use super::Display;
    use aiact_core::verdict::Section;

    /// The verdict's sections that Tab goes through, as the key help names
    /// them, in the order the screen shows them: the core's [`Section`]
    /// order, which every surface follows.
    pub fn tab_sections() -> String {
        let mut sections = [
            Section::Result,
            Section::Plan,
            Section::TurnsOn,
            Section::OpenPoints,
            Section::Findings,
            Section::Others,
        ];
        sections.sort();
        let names: Vec<&str> = sections
            .iter()
            .filter_map(|section| match section {
                // Above the details (or beside the pyramid): no Tab stop.
                Section::Result => None,
                Section::Plan => Some("what you must do"),
                Section::TurnsOn => Some("what the result turns on"),
                Section::OpenPoints => Some("open points"),
                Section::Findings => Some("findings"),
                Section::Others => Some("duties of others"),
            })
            .collect();
        names.join(", ")
    }

    pub const HOME_TITLE: &str = "your assessments";
    pub const HOME_INTRO: &str = "Where does your AI product stand under the EU AI Act? Answer a few questions in plain language and get the risk tier, the duties that follow for you with their dates, and what to check with counsel.";
    pub const NEW_ASSESSMENT_ROW: &str = "+ New assessment";
    /// Below the "new" row for the moment the list takes to read.
    pub const READING_LIST: &str = "  Reading your saved assessments…";
    /// The list's column headings.
    pub const COLUMNS: [&str; 4] = ["  Assessment", "Result", "Progress", "Changed"];
    pub const PROVISIONAL_LEGEND: &str = "? = provisional (you were not sure).  ";
    pub const OPEN_ELSEWHERE: &str = "open elsewhere";
    pub const QUESTIONS_UPDATED: &str = "questions updated";
    pub const NO_ANSWERS_YET: &str = "no answers yet";
    pub const NOT_STARTED: &str = "not started";
    pub const NOT_FINISHED: &str = "not finished";
    pub const JUST_NOW: &str = "just now";
    pub const YESTERDAY: &str = "yesterday";

    pub fn done(answers: usize) -> String {
        format!("done, {answers} answers")
    }

    pub fn answered_of(answered: usize, on_path: usize) -> String {
        format!("{answered} of {on_path} answered")
    }

    pub fn minutes_ago(minutes: i64) -> String {
        format!("{minutes} min ago")
    }

    pub fn hours_ago(hours: i64) -> String {
        format!("{hours} h ago")
    }

    pub fn saved_in(legend: &str, dir: impl Display) -> String {
        format!("{legend}Saved as you go, in {dir}")
    }

    pub fn cannot_read(file: impl Display, reason: impl Display) -> String {
        format!("cannot read {file}: {reason}")
    }

    pub const SELECT_FIRST: &str = "Select an assessment first (↓).";
    pub const ONLY_DELETE: &str = "This file cannot be read: it can only be deleted.";
    pub const CANNOT_OPEN_TITLE: &str = " Cannot open this file ";

    pub fn left_alone(delete_keys: impl Display) -> String {
        format!(
            "aiact leaves the file as it is. If you do not need it, {delete_keys} on the list deletes it (after asking)."
        )
    }

    pub fn deleted(name: impl Display) -> String {
        format!("Deleted \"{name}\".")
    }

    pub fn not_deleted(name: impl Display, error: impl Display) -> String {
        format!("Could not delete \"{name}\": {error}")
    }

    pub fn renamed(name: impl Display) -> String {
        format!("Renamed to \"{name}\".")
    }

    pub const CANNOT_COMPARE: &str = "This file cannot be read: it cannot be compared.";
    /// Before the name of the assessment marked to compare, in the list.
    pub const MARKED: &str = "[A] ";
    pub const COMPARE_TITLE: &str = " Compare ";
    pub const COMPARE_CLOSE: &str = " Esc closes ";

    /// Short enough for the message line at 60 columns: the list shows
    /// which one is A.
    pub fn marked_to_compare(key: &str) -> String {
        format!("Marked as A: press {key} on another assessment to compare.")
    }

    pub fn unmarked(name: impl Display) -> String {
        format!("\"{name}\" is no longer marked to compare.")
    }

    pub fn copied(name: impl Display) -> String {
        format!("Copied as \"{name}\".")
    }

    pub fn delete_question(name: impl Display) -> String {
        format!("Delete \"{name}\"?")
    }

    pub const DELETE_TITLE: &str = " Delete ";
    pub const DELETE_WARNING: &str = "Its answers and notes will be gone; this cannot be undone.";

    // Forms.
    pub const FORM_NEW: &str = "New assessment";
    pub const FORM_OPEN: &str = "Open a file";
    pub const FORM_RENAME: &str = "Rename";
    pub const FORM_DUPLICATE: &str = "Duplicate";
    pub const FIELD_SYSTEM_NAME: &str = "Name of the AI system";
    pub const FIELD_ORGANISATION: &str = "Organisation (optional)";
    pub const FIELD_ASSESSOR: &str = "Assessor (optional)";
    pub const FIELD_PATH: &str = "Path of the assessment file";
    pub const FIELD_NEW_NAME: &str = "New name";
    pub const FIELD_COPY_NAME: &str = "Name of the copy";
    pub const NEED_PATH: &str = "Type the path of a file.";
    pub const NEED_NAME: &str = "Give the AI system a name, for instance the product's name.";

    // The question screen.
    pub fn no_option(number: impl Display, options: usize) -> String {
        format!("There is no option {number}: this question has {options} options.")
    }

    pub const NOTES_READ_ONLY: &str =
        "Read-only: notes cannot be changed (another aiact has this assessment open).";
    pub const ONLY_OPTIONAL_SKIPPED: &str =
        "This question needs an answer for the verdict; only optional questions can be skipped.";
    pub const NOTHING_TICKED: &str =
        "Nothing is ticked yet: tick the options that apply with Space, then press Enter.";
    pub const TYPE_ANSWER: &str = "Type your answer, then press Enter.";
    pub const CHOOSE_FIRST: &str = "Choose an answer first.";
    pub const HINT_ONE_OF_MANY: &str =
        "Choose one: ↑↓, the number of one of the first nine, or End for the last; then Enter.";
    pub const HINT_ONE: &str = "Choose one: ↑↓ or its number, then Enter.";
    pub const HINT_TICK_MANY: &str =
        "Tick all that apply with Space (move with ↑↓, 1-9 or End), then Enter.";
    pub const HINT_TICK: &str = "Tick all that apply with Space (or their numbers), then Enter.";
    pub const HINT_OPTIONAL_FIELD: &str =
        "Optional: type your answer and press Enter, or press Enter to leave it empty.";
    pub const HINT_NUMBER: &str = "Type a number, then Enter.";
    pub const HINT_TEXT: &str = "Type your answer, then Enter.";
    pub const YOUR_ANSWER: &str = "Your answer: ";
    pub const NOTE: &str = "Note: ";
    pub const NO_NOTE: &str = "none";

    pub fn no_note_yet(keys: impl Display) -> String {
        format!("none yet ({keys} writes one: your reasoning, your evidence)")
    }

    pub fn section_of(number: usize, sections: usize) -> String {
        format!("Section {number} of {sections}: ")
    }

    pub const EXPLANATION_TITLE: &str = " Explanation ";

    pub fn explanation_keys(hide: impl Display, up: impl Display, down: impl Display) -> String {
        format!(" {hide} hides · {up}/{down} scroll ")
    }

    /// "3 answered · about 12–16 questions": the total is not known until
    /// the end, since later answers can open further questions, so the
    /// range they can still take (`aiact_core::path_length`).
    pub fn answered(count: usize, fewest: usize, most: usize, complete: bool) -> String {
        if complete {
            format!("all {count} answered ")
        } else {
            format!(
                "{count} answered · about {} ",
                super::questions(fewest, most)
            )
        }
    }

    /// The progress label on a question for the launch of a system still
    /// in development.
    pub fn launch_question(number: usize) -> String {
        format!("question {number} for when you launch ")
    }

    // Answers and notes.
    pub fn answers_read_only(what: &str) -> String {
        format!("This assessment is open read-only: {what} cannot change.")
    }

    pub fn not_saved_yet(error: impl Display) -> String {
        format!("Not saved to disk yet: {error}")
    }

    pub fn not_saved_on_leaving(error: impl Display) -> String {
        format!("Your last changes could not be saved: {error}")
    }

    pub const NO_LONGER_APPLIES: &str =
        "This question no longer applies, because of other answers; its old answer does not count.";

    // The review.
    pub const REVIEW_TITLE: &str = "Your answers";

    pub fn review_count(answered: usize, on_path: usize) -> String {
        format!("  {answered} of {on_path} questions on your path answered")
    }

    /// An answer for when a system still in development launches: off
    /// today's path, but it counts for the launch's result.
    pub fn for_launch(answer: impl Display) -> String {
        format!("{answer} (for when you launch)")
    }

    pub fn off_the_path(answer: impl Display) -> String {
        format!("{answer} (no longer applies: other answers took it off your path)")
    }

    /// An answer to a question left out because, on the answers before it,
    /// every answer to it gives the same result (issue 14).
    pub fn not_needed(answer: impl Display) -> String {
        format!("{answer} (not needed: every answer gives the same result)")
    }

    pub const SKIPPED: &str = "skipped (optional)";
    pub const NOT_ANSWERED_YET: &str = "not answered yet";

    // Exports.
    pub const EXPORTED_TO: &str = "Exported to";
    pub const REPLACED_IN: &str = "Replaced existing files in";

    pub fn export_failed(error: impl Display) -> String {
        format!("Export failed: {error}")
    }

    // Notices on opening.
    pub const READ_ONLY_TITLE: &str = " Open read-only ";
    pub const UPDATED_TITLE: &str = " The questionnaire was updated ";

    pub fn open_read_only(back_keys: impl Display) -> String {
        format!(
            "Another aiact has this assessment open for editing, so it is open here read-only: you can look at everything, but answers and notes cannot change. To edit it here: close the other one, then go back to the list ({back_keys}) and open it again."
        )
    }

    pub fn other_process(pid: u32) -> String {
        format!("(The other one is process {pid}.)")
    }

    pub fn questionnaire_changed(versions: impl Display) -> String {
        format!(
            "The questionnaire changed since this assessment was last saved: {versions}. Your answers that still fit are kept; the verdict is worked out again."
        )
    }

    pub fn changed_in_content(version: impl Display) -> String {
        format!("version {version} changed in content")
    }

    pub fn new_version(from: impl Display, to: impl Display) -> String {
        format!("version {from} is now version {to}")
    }

    pub fn set_aside(count: usize) -> String {
        format!("{count} answer(s) no longer fit and were set aside (they stay in the file):")
    }

    pub fn set_aside_answer(
        question: impl Display,
        problem: impl Display,
        note: Option<&str>,
    ) -> String {
        let note = note.map_or_else(String::new, |note| format!(" Your note: {note}"));
        format!("• {question}: {problem}.{note}")
    }

    pub fn result_before(tier: impl Display) -> String {
        format!(
            "Before the change the result was: {tier}. The verdict screen shows the new one beside it."
        )
    }

    // Elsewhere.
    pub fn too_small(width: u16, height: u16, min_width: u16, min_height: u16) -> String {
        format!(
            "The terminal is too small ({width}×{height}). aiact needs at least {min_width}×{min_height}: make the window larger; nothing is lost meanwhile. Ctrl-C quits."
        )
    }

    pub const MOUSE: &str =
        "The mouse works too: click an option to select it, scroll long text with the wheel.";

    /// The verdict screen (what it shares with the reports is in
    /// `report::wording`).
    pub mod verdict {
        use super::Display;

        /// "Result: HIGH-RISK", "Result so far: NOT DECIDED YET".
        pub fn result(label: &str, title: &str) -> String {
            format!("{label}: {}", title.to_uppercase())
        }

        pub fn provisional(why: impl Display) -> String {
            format!("Provisional: {why}")
        }

        pub fn before_update(tier: &str, changed: bool) -> String {
            let changed = if changed { "changed" } else { "unchanged" };
            format!(
                "Before the questionnaire update: {} ({changed}).",
                tier.to_uppercase()
            )
        }

        pub fn may_turn_out(tier: &str) -> String {
            format!(
                "It may turn out to be {} instead, depending on answers you were not sure of.",
                tier.to_uppercase()
            )
        }

        /// "7 findings; 2 open points (...). Tab jumps to the next
        /// section." (The result's sentence counts the duties.)
        pub fn counts(findings: usize, unsure: usize, next_keys: impl Display) -> String {
            let findings = match findings {
                0 => "no findings".to_owned(),
                1 => "1 finding".to_owned(),
                n => format!("{n} findings"),
            };
            let unsure = match unsure {
                0 => "no open points".to_owned(),
                1 => "1 open point (an answer you were not sure of)".to_owned(),
                n => format!("{n} open points (answers you were not sure of)"),
            };
            format!("{findings}; {unsure}. {next_keys} jumps to the next section.")
        }

        /// Under the offer of the questions for the launch.
        pub fn launch_keys(keys: impl Display) -> String {
            format!("Press {keys} to go on with the questions for when you launch.")
        }

        pub fn your_role(roles: impl Display) -> String {
            format!("Your role: {roles}")
        }

        pub fn not_finished(back_keys: impl Display) -> String {
            format!(
                "NOT FINISHED: there are questions left to answer; this is only what the answers so far show. Press {back_keys} to go back to them."
            )
        }

        pub const FINDINGS: &str = "FINDINGS";
        pub const OPEN_POINTS: &str = "OPEN POINTS";
        pub const EXPORTED: &str = "EXPORTED";
        pub const DETAILS: &str = " Details ";
        pub const OBLIGATION_PROVISIONAL: &str = " (provisional)";
        pub const FOR_CONTEXT: &str = "  For context";
        pub const CAUTION: &str = "Caution: ";
        pub const SELF_ASSESSMENT: &str = "Self-assessment.";
        pub const NOT_LEGAL_ADVICE: &str = "Self-assessment, not legal advice.";
        pub const OFFICIAL_TEXT: &str = "Official text: ";

        pub fn about(disclaimer: &str, act: impl Display, as_of: impl Display) -> String {
            format!("{disclaimer} {act} as of {as_of}.")
        }

        /// Under "What this result turns on": how to change one of them.
        pub fn turns_on_keys(next: impl Display, change: impl Display) -> String {
            format!("{next} moves to an answer (marked ›), {change} changes it.")
        }
    }
}

/// "12–16 questions", "14 questions", "1 question": how long the path
/// can still get.
pub fn questions(fewest: usize, most: usize) -> String {
    let noun = if most == 1 { "question" } else { "questions" };
    if fewest == most {
        format!("{most} {noun}")
    } else {
        format!("{fewest}–{most} {noun}")
    }
}

// ---- ask ----

pub mod ask {
    use super::Display;

    pub const COMMANDS: &str = "Commands: ? for help on this question, note TEXT to add a note (note - removes it), back, skip (optional questions), quit. Your answers are saved as you go.";
    pub const ALL_ANSWERED: &str = "Every question is answered. Press Enter for the verdict, or type back to change the last answers.";
    pub const ALL_ANSWERED_BUT_LAUNCH: &str = "Every question for today is answered; questions for when you launch are left. Press Enter for the verdict and the choice to go on with them, or type back to change the last answers.";
    pub const GO_ON_TO_LAUNCH: &str = "Go on with the questions for when you launch? (y/n) ";
    pub const YES_OR_NO: &str =
        "Type y to go on with the questions for when you launch, or n to finish here.";
    pub const SYSTEM_NAME: &str = "System name (the product or feature you assess)";
    pub const NEW_OR_SAVED: &str = "New assessment, or the name of a saved one to continue.";
    pub const ORGANISATION: &str = "Organisation (Enter to leave out)";
    pub const ASSESSOR: &str = "Your name, as the assessor (Enter to leave out)";
    pub const NAME_NEEDED: &str = "A name is needed.";
    pub const NEEDS_ANSWER_NOT_SURE: &str =
        "This question needs an answer. If you do not know, answer: not sure";
    pub const NEEDS_ANSWER: &str = "This question needs an answer.";
    pub const TYPE_ANSWER: &str = "Type an answer, or ? for help.";
    pub const NO_NOTE: &str = "No note on this question. Add one with: note TEXT";
    pub const ANSWER_NOT_SURE: &str = "If you do not know, answer: not sure";
    pub const NOT_SURE_NOT_OFFERED: &str = "This question does not offer \"not sure\": pick the answer closest to the truth, and add a note.";
    pub const NOT_SURE_ALONE: &str = "\"Not sure\" cannot be combined with other options.";
    pub const ANSWER_KEPT: &str = "The answer is kept and saved with the next one.";
    pub const NOTE_KEPT: &str = "The note is kept and saved with the next change.";
    pub const NOT_SAVED_ON_LEAVING: &str = "your last answers are not saved";

    pub fn your_note(note: impl Display) -> String {
        format!("Your note: {note}\n(note - removes it)")
    }

    pub fn not_accepted(problem: impl Display) -> String {
        format!("Not accepted: {problem}.")
    }

    pub fn not_saved(error: impl Display, kept: &str) -> String {
        format!("Not saved: {error}. {kept}")
    }

    pub fn questionnaire_changed(then: impl Display, now: impl Display) -> String {
        format!(
            "The questionnaire changed since this assessment was saved (version {then} then, {now} now)."
        )
    }

    pub fn no_longer_counts(question: impl Display, problem: impl Display) -> String {
        format!("The answer to `{question}` no longer counts: {problem}. It is kept in the file.")
    }

    pub fn finished(path: impl Display, name: impl Display) -> String {
        format!("Saved in {path}.\nFor a report to share: aiact export {name} -o report.html")
    }

    pub fn stopped(path: impl Display, name: impl Display) -> String {
        format!(
            "Stopped before the verdict. Your answers are saved in {path}.\nTo continue: aiact ask {name}"
        )
    }

    pub fn stopped_for_launch(path: impl Display, name: impl Display) -> String {
        format!(
            "Stopped before the last question for when you launch. Your answers are saved in {path}.\nTo go on with them: aiact ask {name}"
        )
    }

    pub fn continuing(name: impl Display, path: impl Display) -> String {
        format!("Continuing \"{name}\" ({path}).")
    }

    pub fn created(name: impl Display, path: impl Display) -> String {
        format!("New assessment \"{name}\", saved in {path}.")
    }

    /// How a question's heading counts it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Count {
        /// On today's path, which will have from `.0` to `.1` questions.
        Path(usize, usize),
        /// A question for when a system still in development launches: off
        /// today's path, and how many there will be is not known before the
        /// launch's path is.
        Launch,
    }

    /// "Question 3 (of about 12–16), in section 2 of 11, "Title":";
    /// "Question 2 for when you launch, in section 4 of 11, "Title":".
    pub fn question_heading(
        number: usize,
        count: Count,
        section: usize,
        sections: usize,
        title: impl Display,
        optional: bool,
    ) -> String {
        let optional = if optional { " (optional)" } else { "" };
        let of = match count {
            Count::Path(fewest, most) if fewest == most && most == number => {
                format!(" (the last of {most})")
            }
            Count::Path(fewest, most) => format!(" (of about {})", super::questions(fewest, most)),
            Count::Launch => " for when you launch".to_owned(),
        };
        format!("Question {number}{of}, in section {section} of {sections}, \"{title}\"{optional}:")
    }

    pub fn your_answer(answer: impl Display) -> String {
        format!("Your answer: {answer} (Enter keeps it)")
    }

    pub fn note_line(note: impl Display) -> String {
        format!("Your note: {note}")
    }

    pub fn no_such_option(number: usize, options: usize) -> String {
        format!("There is no option {number}: type a number from 1 to {options}.")
    }

    pub fn not_an_option(typed: impl Display, how: impl Display) -> String {
        format!("Not an option: {typed}. {how}.")
    }

    pub fn not_a_number(problem: impl Display, how: impl Display) -> String {
        format!("Not a number: {problem}. {how}.")
    }

    pub const HOW_YES_NO: &str = "Type 1 or y for yes, 2 or n for no; ? for help";
    pub const HOW_ONE: &str = "Type the number of one option; ? for help";
    pub const HOW_MANY: &str =
        "Type the numbers of all that apply, separated by spaces or commas; ? for help";
    pub const HOW_TEXT: &str = "Type your answer on one line; ? for help";

    pub fn how_number(unit: impl Display, bounds: impl Display, not_sure: &str) -> String {
        format!("Type a number{unit}{bounds}{not_sure}; ? for help")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_length_of_the_path_is_said_as_a_range_until_it_is_known() {
        assert_eq!(questions(12, 16), "12–16 questions");
        assert_eq!(questions(14, 14), "14 questions");
        assert_eq!(questions(1, 1), "1 question");
        assert_eq!(
            tui::answered(6, 12, 16, false),
            "6 answered · about 12–16 questions "
        );
        assert_eq!(tui::answered(14, 14, 14, true), "all 14 answered ");
        assert_eq!(
            ask::question_heading(
                3,
                ask::Count::Path(12, 16),
                2,
                11,
                "Banned practices",
                false
            ),
            "Question 3 (of about 12–16 questions), in section 2 of 11, \"Banned practices\":"
        );
        assert_eq!(
            ask::question_heading(14, ask::Count::Path(14, 14), 11, 11, "Value chain", true),
            "Question 14 (the last of 14), in section 11 of 11, \"Value chain\" (optional):"
        );
    }
}
