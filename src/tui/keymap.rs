//! The one key table. It dispatches keys ([`action_for`]), draws the footer
//! ([`footer_within`]) and the key help ([`help_entries`]), so that what the
//! screen says is always what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use textwrap::core::display_width;

use super::action::Action;

/// Where the keyboard focus is: which part of the table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The list of assessments.
    Home,
    /// Typing into a form of several fields (new assessment).
    Form,
    /// Typing into a form of one field (rename, duplicate, a path): no
    /// other field to move to.
    Field,
    /// A choice question.
    Question,
    /// A number or text question: keys type into the answer.
    Entry,
    /// Writing the note of a question.
    Note,
    Review,
    Verdict,
    /// The key help is open.
    KeyHelp,
    /// A yes/no confirmation (delete).
    Confirm,
    /// A notice to read (opened read-only, questionnaire updated).
    Notice,
    /// Two assessments compared.
    Comparison,
    /// The terminal is too small to draw the screens: only quitting works,
    /// so that no key acts on a screen nobody can see.
    TooSmall,
}

/// A key, as the table matches and shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Plain(KeyCode),
    Ctrl(char),
    /// Any of 1 to 9.
    Digit,
    /// Any printable character (text entry).
    Char,
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        // Shift is part of the character itself ('?', 'R'); other modifiers are not.
        let modifiers = event.modifiers - KeyModifiers::SHIFT;
        match (self, event.code) {
            (Self::Ctrl(c), KeyCode::Char(typed)) => {
                modifiers == KeyModifiers::CONTROL && typed.eq_ignore_ascii_case(&c)
            }
            (Self::Digit, KeyCode::Char(typed)) => {
                modifiers.is_empty() && matches!(typed, '1'..='9')
            }
            (Self::Char, KeyCode::Char(_)) => modifiers.is_empty(),
            (Self::Plain(code), typed) => modifiers.is_empty() && code == typed,
            _ => false,
        }
    }

    /// How the key is written in the footer and the help.
    pub fn label(self) -> String {
        match self {
            Self::Plain(code) => match code {
                KeyCode::Up => "↑".into(),
                KeyCode::Down => "↓".into(),
                KeyCode::Left => "←".into(),
                KeyCode::Right => "→".into(),
                KeyCode::Enter => "Enter".into(),
                KeyCode::Esc => "Esc".into(),
                KeyCode::Tab => "Tab".into(),
                KeyCode::BackTab => "Shift-Tab".into(),
                KeyCode::Backspace => "Backspace".into(),
                KeyCode::Delete => "Del".into(),
                KeyCode::Home => "Home".into(),
                KeyCode::End => "End".into(),
                KeyCode::PageUp => "PgUp".into(),
                KeyCode::PageDown => "PgDn".into(),
                KeyCode::Char(' ') => "Space".into(),
                KeyCode::Char(c) => c.to_string(),
                other => other.to_string(),
            },
            Self::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Self::Digit => "1-9".into(),
            Self::Char => "letters".into(),
        }
    }
}

/// One line of the table.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// Short, for the footer.
    pub hint: &'static str,
    /// Longer, for the key help.
    pub description: &'static str,
    pub contexts: &'static [Context],
    /// Whether the footer shows it (the help shows every binding).
    pub footer: Footer,
}

/// Whether and how surely the footer shows a binding. A narrow footer
/// keeps the hints marked [`Footer::Always`] first, then the others in
/// table order while they fit: the table's order is their priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Footer {
    Hidden,
    /// Shown at every width: the way out of what is drawn over a screen,
    /// quitting, home from the verdict, the key help. (On a question, Esc
    /// goes home too; its footer gives the room to answering and moving.)
    Always,
    /// Shown while there is room.
    IfRoom,
}

/// What the open assessment allows, for the keys that the footer and the
/// key help offer only where they apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Offered {
    /// Open read-only: keys that would change it are not offered.
    pub read_only: bool,
    /// Its verdict offers questions for when a system still in
    /// development launches, and one needs an answer.
    pub launch_questions: bool,
}

impl Binding {
    /// Whether the binding writes to the open assessment: an answer, a note.
    fn changes_the_assessment(&self, context: Context) -> bool {
        match self.action {
            Action::EditNote | Action::Skip | Action::Toggle | Action::EditField => true,
            Action::Confirm => matches!(context, Context::Question | Context::Entry),
            _ => false,
        }
    }

    /// Whether the footer and the key help offer the binding.
    fn is_offered(&self, context: Context, offered: Offered) -> bool {
        let changes = offered.read_only && self.changes_the_assessment(context);
        let launch = self.action == Action::LaunchQuestions && !offered.launch_questions;
        !changes && !launch
    }

    /// The keys as the footer writes them: "↑/k".
    pub fn keys_label(&self) -> String {
        self.keys
            .iter()
            .map(|key| key.label())
            .collect::<Vec<_>>()
            .join("/")
    }
}

use Context::*;
use KeyCode::{
    BackTab, Backspace, Char, Delete, Down, End, Enter, Esc, Home as HomeKey, Left, PageDown,
    PageUp, Right, Tab, Up,
};

const fn key(code: KeyCode) -> Key {
    Key::Plain(code)
}

const EVERYWHERE: &[Context] = &[
    Home, Form, Field, Question, Entry, Note, Review, Verdict, KeyHelp, Confirm, Notice,
    Comparison, TooSmall,
];
const LISTS: &[Context] = &[Home, Question, Review];
const TYPING: &[Context] = &[Form, Field, Entry, Note];

/// Earlier lines win when two could match in the same context.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[Key::Ctrl('c')],
        action: Action::Quit,
        hint: "quit",
        description: "Quit the program (your answers are saved)",
        contexts: EVERYWHERE,
        footer: Footer::Hidden,
    },
    // Key help first, so that `?` opens it while a list has the focus.
    Binding {
        keys: &[key(Char('?'))],
        action: Action::KeyHelp,
        hint: "keys",
        description: "Show the keys of this screen",
        contexts: &[Home, Question, Review, Verdict, Comparison],
        footer: Footer::Always,
    },
    Binding {
        keys: &[key(Char('y'))],
        action: Action::Yes,
        hint: "yes",
        description: "Yes, do it",
        contexts: &[Confirm],
        footer: Footer::Always,
    },
    Binding {
        keys: &[key(Esc), key(Char('n'))],
        action: Action::Back,
        hint: "no",
        description: "No, keep it",
        contexts: &[Confirm],
        footer: Footer::Always,
    },
    Binding {
        keys: &[key(Esc), key(Char('?')), key(Char('q'))],
        action: Action::Back,
        hint: "close",
        description: "Close the key help",
        contexts: &[KeyHelp],
        footer: Footer::Always,
    },
    Binding {
        keys: &[key(Enter), key(Esc)],
        action: Action::Back,
        hint: "continue",
        description: "Close the notice and go on",
        contexts: &[Notice],
        footer: Footer::Always,
    },
    Binding {
        keys: &[key(Up), key(Char('k'))],
        action: Action::Up,
        hint: "move",
        description: "Move up",
        contexts: LISTS,
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Down), key(Char('j'))],
        action: Action::Down,
        hint: "move",
        description: "Move down",
        contexts: LISTS,
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Up), key(Char('k'))],
        action: Action::Up,
        hint: "scroll",
        description: "Scroll up",
        contexts: &[Verdict, KeyHelp, Notice, Comparison],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Down), key(Char('j'))],
        action: Action::Down,
        hint: "scroll",
        description: "Scroll down",
        contexts: &[Verdict, KeyHelp, Notice],
        footer: Footer::Hidden,
    },
    // The comparison opens at its top: the footer says it goes on below.
    Binding {
        keys: &[key(Down), key(Char('j'))],
        action: Action::Down,
        hint: "scroll",
        description: "Scroll down",
        contexts: &[Comparison],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Up)],
        action: Action::Up,
        hint: "move",
        description: "Move to the answer field or \"Not sure\"",
        contexts: &[Entry],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Down)],
        action: Action::Down,
        hint: "move",
        description: "Move to the answer field or \"Not sure\"",
        contexts: &[Entry],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Tab)],
        action: Action::NextField,
        hint: "next field",
        description: "Next field",
        contexts: &[Form],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(BackTab), key(Up)],
        action: Action::PreviousField,
        hint: "previous field",
        description: "Previous field",
        contexts: &[Form],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Down)],
        action: Action::NextField,
        hint: "next field",
        description: "Next field",
        contexts: &[Form],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[Key::Digit],
        action: Action::Pick(1),
        hint: "pick",
        description: "Go to the option with this number (ticks it on a multiple choice); options after the ninth: ↓/j or End",
        contexts: &[Question],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Enter)],
        action: Action::Confirm,
        hint: "open",
        description: "Open the selected assessment, or start a new one",
        contexts: &[Home],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Enter)],
        action: Action::Confirm,
        hint: "answer",
        description: "Give the selected answer (the ticked ones on a multiple choice) and go on",
        contexts: &[Question, Entry],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Char(' '))],
        action: Action::Toggle,
        hint: "tick",
        description: "Tick or untick an option (multiple choice)",
        contexts: &[Question],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Enter)],
        action: Action::Confirm,
        hint: "change this answer",
        description: "Go to the selected question to change its answer",
        contexts: &[Review],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Enter)],
        action: Action::Confirm,
        hint: "done",
        description: "Done: create, rename, open, or save the note",
        contexts: &[Form, Field, Note],
        footer: Footer::Always,
    },
    Binding {
        keys: &[key(Esc)],
        action: Action::Back,
        hint: "cancel",
        description: "Cancel",
        contexts: &[Form, Field, Note],
        footer: Footer::Always,
    },
    Binding {
        keys: &[key(Left), key(Backspace), key(Char('b'))],
        action: Action::Previous,
        hint: "back",
        description: "Back to the previous question",
        contexts: &[Question],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Right), key(Char('l'))],
        action: Action::Next,
        hint: "next",
        description: "Next question (without changing this answer)",
        contexts: &[Question],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Char('h'))],
        action: Action::ToggleExplanation,
        hint: "explain",
        description: "Show or hide the explanation, examples and articles",
        contexts: &[Question],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Char('n'))],
        action: Action::EditNote,
        hint: "note",
        description: "Write a note on this question (your reasoning, evidence)",
        contexts: &[Question],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Tab), key(Char('i'))],
        action: Action::EditField,
        hint: "type",
        description: "Type into the answer field",
        contexts: &[Question],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Esc), key(Tab)],
        action: Action::StopTyping,
        hint: "stop typing",
        description: "Stop typing, to use the other keys (back, explain, note, review)",
        contexts: &[Entry],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Char('s'))],
        action: Action::Skip,
        hint: "skip",
        description: "Skip an optional question",
        contexts: &[Question],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Char('r'))],
        action: Action::Review,
        hint: "review",
        description: "Review all your answers",
        contexts: &[Question, Verdict],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Char('v'))],
        action: Action::Verdict,
        hint: "verdict",
        description: "See the verdict (once every question on your path is answered)",
        contexts: &[Question, Review],
        footer: Footer::IfRoom,
    },
    // Before the other verdict keys: where it is offered, it is what to do next.
    Binding {
        keys: &[key(Char('l'))],
        action: Action::LaunchQuestions,
        hint: "launch questions",
        description: "Go on with the questions for when you launch (a system still in development; its result today does not change)",
        contexts: &[Verdict],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Tab)],
        action: Action::NextSection,
        hint: "next section",
        description: "Jump to the next section ({sections}) or to the next answer the result turns on",
        contexts: &[Verdict],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(BackTab)],
        action: Action::PreviousSection,
        hint: "previous section",
        description: "Jump to the previous section or answer",
        contexts: &[Verdict],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Enter)],
        action: Action::Confirm,
        hint: "change answer",
        description: "Change the answer marked › under \"What this result turns on\" (if it is out of sight, the first Enter scrolls to it); after the new answer the review opens",
        contexts: &[Verdict],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Char('e'))],
        action: Action::Export,
        hint: "export",
        description: "Export the report as Markdown, HTML and JSON",
        contexts: &[Verdict],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Char('b')), key(Left)],
        action: Action::Previous,
        hint: "questions",
        description: "Back to the questions: the first one still unanswered, or the last one if all are",
        contexts: &[Verdict],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(PageUp)],
        action: Action::PageUp,
        hint: "page",
        description: "Scroll the explanation up a page",
        contexts: &[Question, Entry],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(PageUp)],
        action: Action::PageUp,
        hint: "page",
        description: "Page up",
        contexts: &[Review, Verdict, KeyHelp, Notice, Comparison],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(PageDown)],
        action: Action::PageDown,
        hint: "page",
        description: "Scroll the explanation down a page",
        contexts: &[Question, Entry],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(PageDown)],
        action: Action::PageDown,
        hint: "page",
        description: "Page down",
        contexts: &[Review, Verdict, KeyHelp, Notice, Comparison],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(HomeKey), key(Char('g'))],
        action: Action::Top,
        hint: "top",
        description: "First option",
        contexts: &[Question],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(HomeKey), key(Char('g'))],
        action: Action::Top,
        hint: "top",
        description: "Go to the top",
        contexts: &[Home, Review, Verdict, KeyHelp, Notice, Comparison],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(End), key(Char('G'))],
        action: Action::Bottom,
        hint: "bottom",
        description: "Last option: \"Not sure\" where the question offers it",
        contexts: &[Question],
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(End), key(Char('G'))],
        action: Action::Bottom,
        hint: "bottom",
        description: "Go to the bottom",
        contexts: &[Home, Review, Verdict, KeyHelp, Notice, Comparison],
        footer: Footer::Hidden,
    },
    // Home, in order of priority for a narrow footer (after Enter, q and
    // ?): at 60 columns new, delete and compare fit, at 80 copy and rename
    // too; opening a file by its path is in the key help.
    Binding {
        keys: &[key(Char('n'))],
        action: Action::NewAssessment,
        hint: "new",
        description: "Start a new assessment",
        contexts: &[Home],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Delete), key(Char('x'))],
        action: Action::Delete,
        hint: "delete",
        description: "Delete the selected assessment (asks first)",
        contexts: &[Home],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Char('c'))],
        action: Action::Compare,
        hint: "compare",
        description: "Compare two assessments: press c on one to mark it as A, then on another to see how they differ (c on the marked one unmarks it)",
        contexts: &[Home],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Char('d'))],
        action: Action::Duplicate,
        hint: "copy",
        description: "Duplicate the selected assessment",
        contexts: &[Home],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Char('R'))],
        action: Action::Rename,
        hint: "rename",
        description: "Rename the selected assessment",
        contexts: &[Home],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Char('o'))],
        action: Action::OpenPath,
        hint: "open file",
        description: "Open an assessment file by its path",
        contexts: &[Home],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Esc), key(Char('q'))],
        action: Action::Back,
        hint: "close",
        description: "Close the comparison",
        contexts: &[Comparison],
        footer: Footer::Always,
    },
    // Not Esc: pressing Esc to go back should never end the program.
    Binding {
        keys: &[key(Char('q'))],
        action: Action::Back,
        hint: "quit",
        description: "Quit the program (everything is saved)",
        contexts: &[Home],
        footer: Footer::Always,
    },
    Binding {
        keys: &[key(Esc), key(Char('q'))],
        action: Action::Back,
        hint: "home",
        description: "Back to the list of assessments (your answers are saved)",
        contexts: &[Question],
        footer: Footer::IfRoom,
    },
    Binding {
        keys: &[key(Esc), key(Char('q'))],
        action: Action::Back,
        hint: "back",
        description: "Back to where you were: the question, or the verdict once every question is answered",
        contexts: &[Review],
        footer: Footer::Always,
    },
    Binding {
        keys: &[key(Esc), key(Char('q'))],
        action: Action::Back,
        hint: "home",
        description: "Back to the list of assessments",
        contexts: &[Verdict],
        footer: Footer::Always,
    },
    // Text entry: after every named key, so that Enter and Esc keep their meaning.
    Binding {
        keys: &[key(Backspace)],
        action: Action::DeleteBack,
        hint: "delete",
        description: "Delete the character before the cursor",
        contexts: TYPING,
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Delete)],
        action: Action::DeleteForward,
        hint: "delete",
        description: "Delete the character under the cursor",
        contexts: TYPING,
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[Key::Ctrl('u')],
        action: Action::ClearField,
        hint: "clear",
        description: "Clear what is typed (the field, the answer or the note)",
        contexts: TYPING,
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Left)],
        action: Action::CursorLeft,
        hint: "cursor",
        description: "Move the cursor",
        contexts: TYPING,
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(Right)],
        action: Action::CursorRight,
        hint: "cursor",
        description: "Move the cursor",
        contexts: TYPING,
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(HomeKey)],
        action: Action::CursorHome,
        hint: "start",
        description: "Cursor to the start",
        contexts: TYPING,
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[key(End)],
        action: Action::CursorEnd,
        hint: "end",
        description: "Cursor to the end",
        contexts: TYPING,
        footer: Footer::Hidden,
    },
    Binding {
        keys: &[Key::Char],
        action: Action::Insert(' '),
        hint: "type",
        description: "Type",
        contexts: TYPING,
        footer: Footer::Hidden,
    },
];

/// The action a key stands for in a context, if any. Pure: no state.
pub fn action_for(event: &KeyEvent, context: Context) -> Option<Action> {
    let binding = BINDINGS.iter().find(|binding| {
        binding.contexts.contains(&context) && binding.keys.iter().any(|key| key.matches(event))
    })?;
    // Keys that carry a value (a digit, a character) pass it on.
    Some(match (binding.action, event.code) {
        (Action::Pick(_), KeyCode::Char(c)) => {
            Action::Pick(c.to_digit(10).and_then(|d| u8::try_from(d).ok())?)
        }
        (Action::Insert(_), KeyCode::Char(c)) => Action::Insert(c),
        (action, _) => action,
    })
}

/// The footer: the hints of the context, in table order, one per hint
/// text, each with how surely it is shown; only the keys `offered` (on
/// an assessment open read-only, none that would change it).
fn all_footer_hints(context: Context, offered: Offered) -> Vec<(String, &'static str, Footer)> {
    let mut hints: Vec<(String, &'static str, Footer)> = Vec::new();
    for binding in BINDINGS.iter().filter(|b| {
        b.footer != Footer::Hidden
            && b.contexts.contains(&context)
            && b.is_offered(context, offered)
    }) {
        if !hints.iter().any(|(_, hint, _)| *hint == binding.hint) {
            hints.push((binding.keys_label(), binding.hint, binding.footer));
        }
    }
    // Ctrl-C is everywhere, so the key help mentions it and the footer does not;
    // the key help itself comes last, where people look for it.
    hints.sort_by_key(|(_, hint, _)| *hint == "keys");
    hints
}

/// The footer at any width: every hint of the context, in table order
/// (what the tests read).
#[cfg(test)]
fn footer_hints(context: Context, read_only: bool) -> Vec<(String, &'static str)> {
    let offered = Offered {
        read_only,
        ..Offered::default()
    };
    all_footer_hints(context, offered)
        .into_iter()
        .map(|(keys, hint, _)| (keys, hint))
        .collect()
}

/// Columns a hint takes in the footer: " keys hint ".
pub fn hint_width(keys: &str, hint: &str) -> usize {
    display_width(keys) + display_width(hint) + 3
}

/// The footer in `width` columns: the hints shown at every width first,
/// then the others in table order while they fit; drawn in table order.
pub fn footer_within(
    context: Context,
    offered: Offered,
    width: usize,
) -> Vec<(String, &'static str)> {
    let hints = all_footer_hints(context, offered);
    let mut used: usize = hints
        .iter()
        .filter(|(_, _, footer)| *footer == Footer::Always)
        .map(|(keys, hint, _)| hint_width(keys, hint))
        .sum();
    let mut shown = vec![false; hints.len()];
    for (i, (keys, hint, footer)) in hints.iter().enumerate() {
        if *footer == Footer::Always {
            shown[i] = true;
        } else if used + hint_width(keys, hint) <= width {
            // A hint that does not fit is left out; shorter ones after it may fit.
            used += hint_width(keys, hint);
            shown[i] = true;
        }
    }
    hints
        .into_iter()
        .zip(shown)
        .filter(|(_, shown)| *shown)
        .map(|((keys, hint, _), _)| (keys, hint))
        .collect()
}

/// The keys of an action in a context, as the footer writes them, for
/// texts that name a key ("press n to ...").
pub fn keys_for(action: Action, context: Context) -> String {
    BINDINGS
        .iter()
        .find(|binding| binding.action == action && binding.contexts.contains(&context))
        .map(Binding::keys_label)
        .unwrap_or_default()
}

/// The key help: every binding of the context offered there, keys and
/// description ("{sections}" in a description: the verdict's sections, in
/// the order the screen shows them). Keys that an assessment open
/// read-only would refuse are listed: the help says what they are for.
pub fn help_entries(context: Context, offered: Offered) -> Vec<(String, String)> {
    let offered = Offered {
        read_only: false,
        ..offered
    };
    BINDINGS
        .iter()
        .filter(|binding| {
            binding.contexts.contains(&context) && binding.is_offered(context, offered)
        })
        .map(|binding| {
            let description = binding
                .description
                .replace("{sections}", &crate::strings::tui::tab_sections());
            (binding.keys_label(), description)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn the_same_key_means_what_the_context_says() {
        assert_eq!(
            action_for(&press(Char('n')), Home),
            Some(Action::NewAssessment)
        );
        assert_eq!(
            action_for(&press(Char('n')), Question),
            Some(Action::EditNote)
        );
        assert_eq!(
            action_for(&press(Char('n')), Note),
            Some(Action::Insert('n'))
        );
        assert_eq!(
            action_for(&press(Char('j')), Entry),
            Some(Action::Insert('j'))
        );
        assert_eq!(action_for(&press(Char('j')), Question), Some(Action::Down));
        assert_eq!(
            action_for(&press(Char('3')), Question),
            Some(Action::Pick(3))
        );
        assert_eq!(action_for(&press(Char('0')), Question), None);
    }

    #[test]
    fn ctrl_c_quits_everywhere_even_while_typing() {
        let ctrl_c = KeyEvent::new(Char('c'), KeyModifiers::CONTROL);
        for &context in EVERYWHERE {
            assert_eq!(
                action_for(&ctrl_c, context),
                Some(Action::Quit),
                "{context:?}"
            );
        }
    }

    #[test]
    fn only_ctrl_c_works_while_the_terminal_is_too_small() {
        for binding in BINDINGS {
            if binding.contexts.contains(&TooSmall) {
                assert_eq!(binding.action, Action::Quit);
            }
        }
        assert_eq!(action_for(&press(Char('q')), TooSmall), None);
        assert_eq!(action_for(&press(Enter), TooSmall), None);
    }

    #[test]
    fn shifted_characters_match_their_binding() {
        let question_mark = KeyEvent::new(Char('?'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&question_mark, Question), Some(Action::KeyHelp));
        let capital_r = KeyEvent::new(Char('R'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&capital_r, Home), Some(Action::Rename));
        let alt_x = KeyEvent::new(Char('x'), KeyModifiers::ALT);
        assert_eq!(action_for(&alt_x, Note), None);
    }

    #[test]
    fn the_footer_shows_each_hint_once_and_the_key_help_last() {
        let footer = footer_hints(Question, false);
        assert!(footer.iter().any(|(k, h)| k == "h" && *h == "explain"));
        assert!(
            footer
                .iter()
                .any(|(k, h)| k == "←/Backspace/b" && *h == "back")
        );
        assert_eq!(footer.last().map(|(k, _)| k.as_str()), Some("?"));
        let hints: Vec<&str> = footer.iter().map(|(_, h)| *h).collect();
        let mut unique = hints.clone();
        unique.dedup();
        assert_eq!(hints, unique);
        // Every key help line belongs to a binding of that context.
        assert!(
            help_entries(Home, Offered::default())
                .iter()
                .any(|(k, d)| k == "Del/x" && d.contains("Delete"))
        );
        assert!(
            !help_entries(Home, Offered::default())
                .iter()
                .any(|(_, d)| d.contains("note"))
        );
        // The home footer names the keys that change the selected assessment.
        let home: Vec<(String, &str)> = footer_hints(Home, false);
        for (keys, hint) in [("d", "copy"), ("R", "rename"), ("Del/x", "delete")] {
            assert!(
                home.iter().any(|(k, h)| k == keys && *h == hint),
                "{home:?}"
            );
        }
    }

    /// Issue 12: Enter on an answer the result turns on changes it; the
    /// footer and the key help say so, from this one table.
    #[test]
    fn on_the_verdict_enter_changes_the_answer_marked_and_tab_moves_to_it() {
        assert_eq!(action_for(&press(Enter), Verdict), Some(Action::Confirm));
        assert!(
            footer_hints(Verdict, true)
                .iter()
                .any(|(keys, hint)| keys == "Enter" && *hint == "change answer"),
            "offered on a read-only assessment too: it only opens the question"
        );
        let help = help_entries(Verdict, Offered::default());
        assert!(
            help.iter()
                .any(|(k, d)| k == "Enter" && d.contains("What this result turns on"))
        );
        assert!(
            help.iter()
                .any(|(k, d)| k == "Tab" && d.contains("answer the result turns on"))
        );
    }

    #[test]
    fn a_narrow_footer_keeps_the_way_out_and_the_key_help_and_compare_at_80() {
        let shown = |context, width| -> Vec<&str> {
            footer_within(context, Offered::default(), width)
                .into_iter()
                .map(|(_, hint)| hint)
                .collect()
        };
        let home_80 = shown(Home, 80);
        for hint in ["open", "new", "delete", "compare", "quit", "keys"] {
            assert!(home_80.contains(&hint), "{home_80:?}");
        }
        let home_60 = shown(Home, 60);
        for hint in ["quit", "keys", "delete"] {
            assert!(home_60.contains(&hint), "{home_60:?}");
        }
        assert_eq!(home_60.last(), Some(&"keys"));
        let verdict_60 = shown(Verdict, 60);
        assert!(verdict_60.contains(&"home") && verdict_60.contains(&"keys"));
        // Whatever is shown at every width fits the narrowest terminal.
        for &context in EVERYWHERE {
            for read_only in [false, true] {
                let offered = Offered {
                    read_only,
                    launch_questions: true,
                };
                let hints = footer_within(context, offered, 60);
                let width: usize = hints.iter().map(|(k, h)| hint_width(k, h)).sum();
                assert!(width <= 60, "{context:?}: {hints:?}");
            }
        }
    }

    #[test]
    fn the_verdict_help_names_its_sections_in_the_order_of_the_screen() {
        let help = help_entries(Verdict, Offered::default());
        let tab = help
            .iter()
            .find(|(keys, _)| keys == "Tab")
            .map(|(_, description)| description.as_str())
            .unwrap_or_default();
        let at = |name: &str| tab.find(name).unwrap_or(usize::MAX);
        let order = [
            at("what you must do"),
            at("what the result turns on"),
            at("open points"),
            at("findings"),
            at("duties of others"),
        ];
        assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{tab}");
        assert!(!tab.contains('{'), "{tab}");
    }

    /// Founder trial F-2: the verdict of a system in development offered
    /// the questions for its launch, and no key went on to them.
    #[test]
    fn l_goes_on_to_the_launch_questions_and_is_shown_only_where_offered() {
        assert_eq!(
            action_for(&press(Char('l')), Verdict),
            Some(Action::LaunchQuestions)
        );
        let launch = Offered {
            launch_questions: true,
            ..Offered::default()
        };
        let shows = |offered| {
            let footer = footer_within(Verdict, offered, 200);
            let help = help_entries(Verdict, offered);
            (
                footer
                    .iter()
                    .any(|(k, h)| k == "l" && *h == "launch questions"),
                help.iter()
                    .any(|(k, d)| k == "l" && d.contains("when you launch")),
            )
        };
        assert_eq!(shows(launch), (true, true));
        assert_eq!(shows(Offered::default()), (false, false));
        let read_only = Offered {
            read_only: true,
            ..launch
        };
        assert_eq!(shows(read_only), (true, true), "it only opens a question");
    }

    #[test]
    fn a_read_only_assessment_offers_no_key_that_would_change_it() {
        let hints = |read_only| -> Vec<&str> {
            footer_hints(Question, read_only)
                .into_iter()
                .map(|(_, hint)| hint)
                .collect()
        };
        assert!(hints(false).contains(&"note") && hints(false).contains(&"answer"));
        assert!(!hints(true).contains(&"note"), "{:?}", hints(true));
        assert!(!hints(true).contains(&"answer"), "{:?}", hints(true));
        assert!(hints(true).contains(&"review"), "{:?}", hints(true));
    }
}
