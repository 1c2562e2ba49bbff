//! Styles. With `NO_COLOR` set, no colour at all: only bold, reverse,
//! underline and dim, so that nothing is told by colour alone.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub heading: Style,
    pub text: Style,
    pub dim: Style,
    /// The selected row of a list.
    pub selected: Style,
    /// The tier of the verdict in the pyramid.
    pub tier: Style,
    /// The other tiers of the pyramid.
    pub other_tier: Style,
    pub provisional: Style,
    pub error: Style,
    pub info: Style,
    pub key: Style,
    pub cursor: Style,
    pub link: Style,
    pub border: Style,
}

impl Theme {
    pub fn new(color: bool) -> Self {
        let paint = |style: Style, color_: Color| {
            if color { style.fg(color_) } else { style }
        };
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Self {
            title: paint(bold, Color::Cyan),
            heading: paint(bold, Color::Blue),
            text: Style::new(),
            dim: Style::new().add_modifier(Modifier::DIM),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            tier: paint(bold.add_modifier(Modifier::REVERSED), Color::Yellow),
            other_tier: Style::new(),
            provisional: paint(Style::new().add_modifier(Modifier::ITALIC), Color::Yellow),
            error: paint(bold, Color::Red),
            info: paint(Style::new(), Color::Green),
            key: paint(bold, Color::Cyan),
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            link: paint(Style::new().add_modifier(Modifier::UNDERLINED), Color::Blue),
            border: paint(Style::new(), Color::DarkGray),
        }
    }

    /// Colour unless `NO_COLOR` is set to anything but the empty string
    /// (<https://no-color.org>).
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        Self::new(!no_color)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_means_no_colour_in_any_style() {
        let theme = Theme::new(false);
        let styles = [
            theme.title,
            theme.heading,
            theme.text,
            theme.dim,
            theme.selected,
            theme.tier,
            theme.other_tier,
            theme.provisional,
            theme.error,
            theme.info,
            theme.key,
            theme.cursor,
            theme.link,
            theme.border,
        ];
        for style in styles {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        // The verdict's tier still stands out without colour.
        assert!(theme.tier.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(Theme::new(true).tier.fg, None);
    }
}
