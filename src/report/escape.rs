//! Making text safe for where it is shown. Everything a user typed (names,
//! notes, text answers) and everything read from a file passes through one
//! of these before it reaches a terminal, an HTML page, a Markdown file or a
//! spreadsheet.

use std::borrow::Cow;
use std::fmt::Write;
use std::path::Path;

/// Text for a terminal, on one line: control characters (escape sequences,
/// line breaks, tabs, C1 controls) and the invisible characters that reorder
/// text (bidirectional overrides) are shown as `\u{1b}`, `\n`, ... instead
/// of acting on the terminal or faking another line.
pub fn terminal_line(text: &str) -> Cow<'_, str> {
    clean(text, false)
}

/// A path for a message, on one line: a file name may hold anything a
/// name may, line breaks included.
pub fn path_line(path: &Path) -> String {
    terminal_line(&path.display().to_string()).into_owned()
}

/// Like [`terminal_line`], but keeps line breaks: for messages and reports
/// of several lines. A lone carriage return is still shown, since it could
/// overwrite what came before on the line.
pub fn terminal_text(text: &str) -> Cow<'_, str> {
    clean(text, true)
}

/// JSON for a terminal: what serde_json leaves raw inside strings (DEL,
/// the C1 controls, the characters that reorder text) written as `\u`
/// escapes. The JSON means the same; only its spelling changes. (serde_json
/// escapes the C0 controls itself; a line break outside a string is the
/// layout of pretty JSON, and kept.)
pub fn json(text: &str) -> Cow<'_, str> {
    let raw = |c: char| c != '\n' && needs_escape(c);
    if !text.chars().any(raw) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if raw(c) {
            // All of them are in the basic plane: one `\uXXXX` each.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn clean(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let acts_on_terminal = |c: char| !(keep_newlines && c == '\n') && needs_escape(c);
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if acts_on_terminal(c) {
            match c {
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                other => {
                    let _ = write!(out, "\\u{{{:x}}}", u32::from(other));
                }
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Control characters (C0, DEL, C1) and the format characters that change
/// the direction or order in which text is displayed.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// Text for HTML content or a quoted attribute value.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Invisible in a page anyway; dropping them keeps the file clean.
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// A link target for HTML: only web addresses; anything else (a
/// `javascript:` URL from a hand-made questionnaire) gives no link.
pub fn html_url(url: &str) -> Option<String> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| html(url.trim()))
}

/// Text for Markdown, on one line: every character Markdown could read as
/// formatting, a link or HTML is backslash-escaped (and those that only
/// matter at the start of a line, such as `#`, `-` or `1.`, when they come
/// first), and line breaks become spaces (a line break would end the list
/// item, table row or heading). Control characters are dropped.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at_start = true;
    let mut only_digits = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // "1. " or "1) " at the start would make an ordered list.
        let ends_list_number = matches!(chars.peek(), None | Some(' ' | '\t'));
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => true,
            '#' | '-' | '+' | '=' => at_start,
            '.' | ')' => only_digits && !at_start && ends_list_number,
            _ => false,
        };
        match c {
            _ if escape => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if needs_escape(c) => {}
            c => out.push(c),
        }
        only_digits &= c.is_ascii_digit() || (at_start && c.is_whitespace());
        at_start &= c.is_whitespace();
    }
    out
}

/// A cell for a CSV file opened in a spreadsheet: on one line, control
/// characters shown, and text that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `-`, `@`) prefixed with `'` so that it stays
/// text. Quoting is the CSV writer's job.
pub fn spreadsheet_cell(text: &str) -> String {
    let line = terminal_line(text);
    if line.starts_with(['=', '+', '-', '@']) {
        format!("'{line}")
    } else {
        line.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each case's text escaped as expected; a failure names the text.
    fn assert_escapes(escape: fn(&str) -> String, cases: &[(&str, &str)]) {
        for (text, escaped) in cases {
            assert_eq!(escape(text), *escaped, "{text:?}");
        }
    }

    #[test]
    fn terminal_text_shows_escape_sequences_instead_of_sending_them() {
        assert_eq!(
            terminal_line("a\u{1b}[2Jb\u{7}\u{9b}31m"),
            "a\\u{1b}[2Jb\\u{7}\\u{9b}31m"
        );
        assert_eq!(terminal_line("one\ntwo\r\tx"), "one\\ntwo\\r\\tx");
        assert_eq!(terminal_text("one\ntwo\r"), "one\ntwo\\r");
        assert_eq!(terminal_line("abc\u{202e}cba"), "abc\\u{202e}cba");
        assert!(matches!(terminal_line("Zürich — café"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_for_a_terminal_means_the_same_json() {
        let value = serde_json::json!({"name": "a\u{7f}b\u{9b}c\u{202e}d\u{1b}e\nf"});
        let text = serde_json::to_string_pretty(&value).expect("json");
        let shown = json(&text);
        assert!(
            !shown.chars().any(|c| c != '\n' && needs_escape(c)),
            "{shown}"
        );
        assert!(
            shown.contains(r"a\u007fb\u009bc\u202ed\u001be\nf"),
            "{shown}"
        );
        let back: serde_json::Value = serde_json::from_str(&shown).expect("still JSON");
        assert_eq!(back, value);
        assert!(matches!(json("{\"a\": \"Zürich\"}"), Cow::Borrowed(_)));
    }

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            html(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(html("a\u{1b}[31mb"), "a[31mb");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            html_url("https://eur-lex.europa.eu/x?a=1&b=2").as_deref(),
            Some("https://eur-lex.europa.eu/x?a=1&amp;b=2")
        );
        assert_eq!(html_url("javascript:alert(1)"), None);
        assert_eq!(html_url(" JavaScript:alert(1)"), None);
        assert_eq!(html_url("data:text/html,<b>"), None);
    }

    #[test]
    fn markdown_cannot_be_injected() {
        assert_escapes(
            markdown,
            &[
                (
                    "*Acme* [v2](javascript:x)",
                    "\\*Acme\\* \\[v2\\](javascript:x)",
                ),
                ("# one\nline", "\\# one line"),
                ("- item", "\\- item"),
                ("1. first", "1\\. first"),
                ("2)", "2\\)"),
                ("1.1.0", "1.1.0"),
                ("Acme-Bot 2.0 (beta)", "Acme-Bot 2.0 (beta)"),
                ("== x", "\\== x"),
                ("<img src=x>", "\\<img src=x\\>"),
                ("a | b", "a \\| b"),
                ("x\u{1b}[31m", "x\\[31m"),
            ],
        );
    }

    #[test]
    fn spreadsheet_formulas_stay_text() {
        assert_escapes(
            spreadsheet_cell,
            &[
                ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
                ("-1+2", "'-1+2"),
                ("@SUM(A1)", "'@SUM(A1)"),
                ("Acme\nGmbH", "Acme\\nGmbH"),
                ("Acme", "Acme"),
            ],
        );
    }
}
