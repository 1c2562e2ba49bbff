//! A one-line text field: the text and a cursor, edited by actions.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use textwrap::core::display_width;

use super::action::Action;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
}

impl TextField {
    pub fn with_text(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            cursor: text.chars().count(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text without surrounding blanks, `None` if nothing is left.
    pub fn value(&self) -> Option<&str> {
        Some(self.text.trim()).filter(|text| !text.is_empty())
    }

    /// Applies an editing action; returns false if the action is not one.
    pub fn edit(&mut self, action: Action) -> bool {
        let length = self.text.chars().count();
        match action {
            Action::Insert(c) if !c.is_control() => {
                let at = self.byte_index(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            Action::DeleteBack if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_index(self.cursor);
                self.text.remove(at);
            }
            Action::DeleteForward if self.cursor < length => {
                let at = self.byte_index(self.cursor);
                self.text.remove(at);
            }
            Action::CursorLeft => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorRight => self.cursor = (self.cursor + 1).min(length),
            Action::CursorHome => self.cursor = 0,
            Action::CursorEnd => self.cursor = length,
            Action::ClearField => {
                self.text.clear();
                self.cursor = 0;
            }
            Action::Insert(_) | Action::DeleteBack | Action::DeleteForward => {}
            _ => return false,
        }
        true
    }

    fn byte_index(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// The field as one line of `width` columns, scrolled so that the
    /// cursor stays in view. The cursor is drawn as a cell in `cursor_style`
    /// (not the terminal's cursor, so that snapshots show it too); `None`
    /// draws the field without it.
    pub fn line(&self, width: u16, style: Style, cursor_style: Option<Style>) -> Line<'static> {
        let width = usize::from(width);
        let chars: Vec<char> = self.text.chars().collect();
        let cursor = self.cursor.min(chars.len());
        let cursor_cell = usize::from(cursor_style.is_some());
        // Drop characters from the left until the text before the cursor,
        // and the cursor cell, fit.
        let mut start = 0;
        while start < cursor
            && display_width(&chars[start..cursor].iter().collect::<String>()) + cursor_cell > width
        {
            start += 1;
        }
        let before: String = chars[start..cursor].iter().collect();
        let mut spans = vec![Span::styled(before, style)];
        match cursor_style {
            Some(cursor_style) => {
                let under = chars.get(cursor).map_or(" ".to_owned(), char::to_string);
                spans.push(Span::styled(under, cursor_style));
                let after: String = chars.iter().skip(cursor + 1).collect();
                spans.push(Span::styled(after, style));
            }
            None => spans.push(Span::styled(
                chars[cursor..].iter().collect::<String>(),
                style,
            )),
        }
        Line::from(spans)
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    use super::*;

    fn typed(text: &str) -> TextField {
        let mut field = TextField::default();
        for c in text.chars() {
            field.edit(Action::Insert(c));
        }
        field
    }

    #[test]
    fn edits_at_the_cursor_with_multibyte_characters() {
        let mut field = typed("Zürich");
        field.edit(Action::CursorLeft);
        field.edit(Action::CursorLeft);
        field.edit(Action::DeleteBack);
        assert_eq!(field.text(), "Zürch");
        field.edit(Action::CursorHome);
        field.edit(Action::DeleteForward);
        field.edit(Action::Insert('z'));
        assert_eq!(field.text(), "zürch");
        field.edit(Action::CursorEnd);
        field.edit(Action::DeleteForward);
        assert_eq!(field.text(), "zürch");
    }

    #[test]
    fn blank_text_has_no_value() {
        assert_eq!(typed("   ").value(), None);
        assert_eq!(typed(" Acme ").value(), Some("Acme"));
    }

    #[test]
    fn a_long_text_scrolls_to_keep_the_cursor_visible() {
        let field = typed("abcdefghij");
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        field
            .line(5, Style::new(), Some(Style::new()))
            .render(buf.area, &mut buf);
        assert_eq!(buf, Buffer::with_lines(["ghij "]));
    }
}
