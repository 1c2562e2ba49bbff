//! From a name a user typed to a file name that is safe on every system:
//! letters and digits (any script) kept and lower-cased, everything else
//! (path separators, dots, control characters, spaces, punctuation) turned
//! into single dashes, at most 60 characters, never empty, never a name
//! Windows reserves.

/// The extension of assessment files.
pub const EXTENSION: &str = "json";

const MAX_CHARS: usize = 60;
/// Room left in the 255 bytes most file systems allow, for `-<n>.json` and
/// for the temporary and lock files named after it.
const MAX_BYTES: usize = 200;
const FALLBACK: &str = "assessment";

/// Names Windows refuses as file names, whatever the extension.
const RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Whether a name can be a system name, and be found by its file name: it
/// needs a letter or a digit (of any script). A name without one ("???",
/// "🤖") would get the fallback file name, shared by all such names.
pub fn is_usable(name: &str) -> bool {
    name.chars().any(char::is_alphanumeric)
}

/// The file stem (name without `.json`) for a user-given name; a name
/// without a letter or a digit (only in files made by hand) gets
/// `assessment`.
pub fn stem_for(name: &str) -> String {
    let mut stem = String::new();
    let mut pending_dash = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !stem.is_empty() {
                stem.push('-');
            }
            pending_dash = false;
            stem.extend(c.to_lowercase());
        } else {
            pending_dash = true;
        }
        if stem.len() >= MAX_BYTES || stem.chars().count() >= MAX_CHARS {
            break;
        }
    }
    let mut stem = truncate(&stem);
    while stem.ends_with('-') {
        stem.pop();
    }
    if stem.is_empty() {
        return FALLBACK.to_owned();
    }
    if RESERVED.contains(&stem.as_str()) {
        stem.push('-');
        stem.push_str(FALLBACK);
    }
    stem
}

fn truncate(stem: &str) -> String {
    let mut cut = String::new();
    for c in stem.chars().take(MAX_CHARS) {
        if cut.len() + c.len_utf8() > MAX_BYTES {
            break;
        }
        cut.push(c);
    }
    cut
}

/// The n-th candidate file name for a stem: `stem.json`, `stem-2.json`, ...
pub fn candidate(stem: &str, n: u32) -> String {
    if n <= 1 {
        format!("{stem}.{EXTENSION}")
    } else {
        format!("{stem}-{n}.{EXTENSION}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_letters_and_digits_of_any_script_and_dashes_the_rest() {
        assert_eq!(stem_for("Acme HR Screener v2"), "acme-hr-screener-v2");
        assert_eq!(
            stem_for("Bäckerei Müller – Chatbot"),
            "bäckerei-müller-chatbot"
        );
        assert_eq!(stem_for("  --Hello,   World!!  "), "hello-world");
    }

    #[test]
    fn a_name_with_nothing_usable_gets_a_fallback() {
        assert_eq!(stem_for(""), "assessment");
        assert_eq!(stem_for("../.."), "assessment");
        assert_eq!(stem_for("\u{0}\u{1b}[2J"), "2j");
    }

    #[test]
    fn a_usable_name_has_a_letter_or_a_digit() {
        assert!(is_usable("Bot 2"));
        assert!(is_usable("名"));
        assert!(is_usable("7"));
        for unusable in ["", "   ", "???", "🤖", ".", "-_-", "\u{202e}"] {
            assert!(!is_usable(unusable), "{unusable:?}");
        }
    }

    #[test]
    fn windows_device_names_are_avoided() {
        assert_eq!(stem_for("CON"), "con-assessment");
        assert_eq!(stem_for("nul."), "nul-assessment");
        assert_eq!(stem_for("console"), "console");
    }

    #[test]
    fn long_names_are_cut_without_a_trailing_dash() {
        let stem = stem_for(&format!("{} tail", "a".repeat(59)));
        assert_eq!(stem, "a".repeat(59));
        assert_eq!(stem_for(&"é".repeat(500)).chars().count(), 60);
        assert!(stem_for(&"𝔸".repeat(500)).len() <= 200);
    }

    #[test]
    fn candidates_count_from_two() {
        assert_eq!(candidate("x", 1), "x.json");
        assert_eq!(candidate("x", 2), "x-2.json");
    }
}
