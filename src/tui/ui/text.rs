//! Wrapping text into lines whose number is known before drawing, so that
//! scrolling and hit-testing agree with what is drawn.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};
pub use textwrap::core::display_width;

use crate::report::escape::{terminal_line, terminal_text};

/// `text` wrapped to `width` columns, one style.
pub fn wrap(text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    prefixed(Span::raw(""), text, width, style)
}

/// `text` wrapped after a prefix ("• ", "  3. "); continuation lines are
/// indented by the prefix's width.
pub fn prefixed(prefix: Span<'static>, text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    let indent = " ".repeat(display_width(&prefix.content));
    hanging(prefix, &indent, text, width, style)
}

/// Like [`prefixed`], but the lines after the first start with
/// `continuation` (as wide as the prefix): a timeline's "│" goes on down.
pub fn hanging(
    prefix: Span<'static>,
    continuation: &str,
    text: &str,
    width: u16,
    style: Style,
) -> Vec<Line<'static>> {
    let indent = display_width(&prefix.content);
    let available = usize::from(width).saturating_sub(indent).max(1);
    // Escape sequences and the characters that reorder text are shown, not
    // sent to the terminal (they would also shift the columns).
    let text = terminal_text(text);
    let mut lines = Vec::new();
    // First fit, as people expect of a terminal, and much cheaper per frame
    // than textwrap's default optimal fit.
    let options =
        textwrap::Options::new(available).wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    for (i, piece) in textwrap::wrap(&text, options).into_iter().enumerate() {
        let lead = if i == 0 {
            prefix.clone()
        } else {
            Span::raw(continuation.to_owned())
        };
        lines.push(Line::from(vec![
            lead,
            Span::styled(piece.into_owned(), style),
        ]));
    }
    if lines.is_empty() {
        lines.push(Line::from(prefix));
    }
    lines
}

/// Lines as a height for layouts.
pub fn height(lines: &[Line<'_>]) -> u16 {
    u16::try_from(lines.len()).unwrap_or(u16::MAX)
}

/// Draws `lines` from `offset` on, one per row of `area`.
pub fn render_lines(lines: &[Line<'_>], offset: usize, area: Rect, buf: &mut Buffer) {
    for (row, line) in lines
        .iter()
        .skip(offset)
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + u16::try_from(row).unwrap_or(u16::MAX);
        line.render(Rect::new(area.x, y, area.width, 1), buf);
    }
}

/// The columns text gets in a scrollable area `width` wide: all but the
/// last, which is the scrollbar's once the text is longer than the area.
/// Text is wrapped to this width whether or not the bar shows, so that
/// no word ever runs under it.
pub fn scrolled_width(width: u16) -> u16 {
    width.saturating_sub(1)
}

/// Draws `lines` from `offset` on in the columns left of the scrollbar
/// (see [`scrolled_width`]), and the scrollbar on the right edge of `area`
/// when they do not fit.
pub fn render_scrolled(lines: &[Line<'_>], offset: usize, area: Rect, buf: &mut Buffer) {
    let text_area = Rect {
        width: scrolled_width(area.width),
        ..area
    };
    render_lines(lines, offset, text_area, buf);
    render_scrollbar(lines.len(), offset, area, buf);
}

/// A scrollbar on the right edge of `area` when the lines do not fit.
pub fn render_scrollbar(total: usize, offset: usize, area: Rect, buf: &mut Buffer) {
    if total <= usize::from(area.height) {
        return;
    }
    let mut state =
        ScrollbarState::new(total.saturating_sub(usize::from(area.height))).position(offset);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .render(area, buf, &mut state);
}

/// `text` on one line: line breaks as spaces, control and reordering
/// characters shown escaped.
fn one_line(text: &str) -> String {
    terminal_line(&text.replace(['\n', '\r'], " ")).into_owned()
}

/// `text` on one line of at most `width` columns, with "…" if cut.
pub fn truncate(text: &str, width: u16) -> String {
    let width = usize::from(width);
    if width == 0 {
        return String::new();
    }
    // Most names and labels: a column a character, nothing to show
    // escaped, and cut anywhere (every row of the list, on every frame).
    if text
        .bytes()
        .all(|byte| byte == b' ' || byte.is_ascii_graphic())
    {
        return match text.get(..width - 1) {
            Some(head) if text.len() > width => format!("{head}…"),
            _ => text.to_owned(),
        };
    }
    truncate_any(text, width)
}

/// [`truncate`] of any text.
fn truncate_any(text: &str, width: usize) -> String {
    let flat = one_line(text);
    if display_width(&flat) <= width {
        return flat;
    }
    // Counted as it grows: measuring the whole prefix again for each
    // character made a long name cost its length squared, on every row
    // of every frame.
    let mut out = String::new();
    let mut used = 0;
    for c in flat.chars() {
        let w = char_width(c);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// The columns one character takes (`text` holds no escape sequences: they
/// are shown escaped).
fn char_width(c: char) -> usize {
    display_width(c.encode_utf8(&mut [0; 4]))
}

/// `text` on one line of at most `width` columns, its middle replaced by "…"
/// if it is too long: the end stays, where a path has its file name.
pub fn shorten_middle(text: &str, width: u16) -> String {
    let width = usize::from(width);
    let flat = one_line(text);
    if display_width(&flat) <= width {
        return flat;
    }
    if width == 0 {
        return String::new();
    }
    let chars: Vec<char> = flat.chars().collect();
    // A third for the start, the rest for the end.
    let budget = width - 1;
    let mut head_width = budget / 3;
    let mut head = String::new();
    for c in &chars {
        let w = char_width(*c);
        if w > head_width {
            break;
        }
        head_width -= w;
        head.push(*c);
    }
    let mut tail_width = budget - display_width(&head);
    let mut tail: Vec<char> = Vec::new();
    for c in chars.iter().rev() {
        let w = char_width(*c);
        if w > tail_width {
            break;
        }
        tail_width -= w;
        tail.push(*c);
    }
    tail.reverse();
    format!("{head}…{}", tail.into_iter().collect::<String>())
}

/// A link on a line of its own after `prefix`, never broken across lines
/// (a broken link cannot be followed or copied): if it does not fit, its
/// middle gives way to "…", keeping the anchor at its end.
pub fn link(prefix: &str, url: &str, width: u16, style: Style) -> Line<'static> {
    let room = usize::from(width).saturating_sub(display_width(prefix));
    Line::from(vec![
        Span::raw(prefix.to_owned()),
        Span::styled(shorten_link(&one_line(url), room), style),
    ])
}

/// A link in at most `room` columns: whole if it fits; else without its
/// scheme; else its host, "…", and as much of its end as fits.
fn shorten_link(url: &str, room: usize) -> String {
    if display_width(url) <= room {
        return url.to_owned();
    }
    let bare = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    if display_width(bare) <= room {
        return bare.to_owned();
    }
    let host = bare.split('/').next().unwrap_or_default();
    let tail_room = room.saturating_sub(display_width(host) + 2);
    if tail_room < 6 {
        return shorten_middle(bare, u16::try_from(room).unwrap_or(u16::MAX));
    }
    let chars: Vec<char> = bare.chars().collect();
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in chars.iter().rev() {
        let w = display_width(&c.to_string());
        if used + w > tail_room {
            break;
        }
        used += w;
        tail.push(*c);
    }
    tail.reverse();
    format!("{host}/…{}", tail.into_iter().collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reordering_and_control_characters_are_shown_not_sent() {
        let name = "Bot\u{202e}txt\u{2066}x\u{1b}[2J";
        assert_eq!(truncate(name, 80), "Bot\\u{202e}txt\\u{2066}x\\u{1b}[2J");
        assert_eq!(truncate("a\nb", 80), "a b");
        let wrapped = wrap("one\u{202e} two\nthree", 80, Style::new());
        let text: Vec<String> = wrapped.iter().map(ToString::to_string).collect();
        assert_eq!(text, ["one\\u{202e} two", "three"]);
    }

    #[test]
    fn hanging_text_continues_its_gutter_and_prefixed_text_indents() {
        let text = "Register the system in the EU database before launch";
        let lines = hanging(Span::raw("  │ "), "  │ ", text, 24, Style::new());
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|line| line.spans[0].content == "  │ "));
        let lines = prefixed(Span::raw("  • "), text, 24, Style::new());
        assert_eq!(lines[0].spans[0].content, "  • ");
        assert!(
            lines[1..]
                .iter()
                .all(|line| line.spans[0].content == "    ")
        );
    }

    #[test]
    fn shortening_in_the_middle_keeps_the_file_name() {
        let path = "Exported to /home/someone/projects/reports/2026/acme-bot-report.md";
        let short = shorten_middle(path, 40);
        assert_eq!(display_width(&short), 40, "{short}");
        assert!(short.starts_with("Exported to "), "{short}");
        assert!(short.ends_with("/acme-bot-report.md"), "{short}");
        assert!(short.contains('…'));
        assert_eq!(shorten_middle("short", 40), "short");
        assert_eq!(shorten_middle("abc", 0), "");
        assert_eq!(shorten_middle("abcdef", 1), "…");
    }

    #[test]
    fn a_link_too_long_keeps_its_host_and_its_end() {
        let url = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj/eng#art_50";
        assert_eq!(shorten_link(url, 80), url);
        assert_eq!(
            shorten_link(url, 50),
            "eur-lex.europa.eu/eli/reg/2024/1689/oj/eng#art_50"
        );
        let short = shorten_link(url, 36);
        assert_eq!(short, "eur-lex.europa.eu/…689/oj/eng#art_50");
        assert!(display_width(&short) <= 36);
    }

    #[test]
    fn truncating_ends_in_an_ellipsis_and_never_exceeds_the_width() {
        assert_eq!(truncate("Annex III", 8), "Annex I…");
        assert_eq!(truncate("Annex III", 9), "Annex III");
        assert_eq!(truncate("Annex III", 0), "");
    }

    #[test]
    fn plain_text_is_cut_as_any_text_is() {
        for text in [
            "",
            "a",
            "Annex III",
            "Team 12 - CV ranker (Acme)",
            "a  b ~!{}",
        ] {
            for width in 1..30 {
                let any = truncate_any(text, width);
                assert_eq!(truncate(text, width as u16), any, "{text:?} in {width}");
                assert!(display_width(&any) <= width);
            }
        }
    }
}
