//! What the user asked for, independent of the key that asked for it.

/// An action from a key, the mouse or the terminal. `update` applies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Ctrl-C or a signal: save and leave the program.
    Quit,
    /// Esc: close what is open, or go up one level (question → home).
    Back,
    /// `?`: the key help for the current screen.
    KeyHelp,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Enter: choose, confirm, open.
    Confirm,
    /// Space: tick an option of a multiple-choice question.
    Toggle,
    /// A number key: go to the option with this number (1-based).
    Pick(u8),
    /// Back to the previous question.
    Previous,
    /// On to the next question on the path (already answered ones too).
    Next,
    /// Show or hide the explanation panel of a question.
    ToggleExplanation,
    EditNote,
    /// Start typing into the answer field again.
    EditField,
    /// Stop typing: letter keys are commands again.
    StopTyping,
    Review,
    Verdict,
    /// Scroll the verdict to its next or previous section.
    NextSection,
    PreviousSection,
    /// Leave an optional question unanswered.
    Skip,
    /// Write the report as Markdown, HTML and JSON.
    Export,
    /// On to the questions for when a system still in development
    /// launches, from its verdict.
    LaunchQuestions,
    NewAssessment,
    OpenPath,
    Duplicate,
    /// Mark the selected assessment to compare, or compare the marked one
    /// with it.
    Compare,
    Rename,
    Delete,
    /// The answer "yes" to a confirmation.
    Yes,
    /// Text entry.
    Insert(char),
    DeleteBack,
    DeleteForward,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    /// Empty the text field.
    ClearField,
    NextField,
    PreviousField,
    /// Mouse.
    Click {
        column: u16,
        row: u16,
    },
    ScrollUp {
        column: u16,
        row: u16,
    },
    ScrollDown {
        column: u16,
        row: u16,
    },
}
