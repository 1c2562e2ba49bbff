//! Styles. With `NO_COLOR` set, no colour at all: only bold, reverse,
//! underline and dim, so that nothing is told by colour alone.
//!
//! Colours must read on dark and light terminals alike (issue 13). The 16
//! basic colours are the user's palette: blue is unreadable on a black
//! background in xterm, cyan and yellow on a white one. So the theme uses
//! colours of the 256-colour cube, whose values terminals do not theme,
//! and only for short bold text, chosen to stay at 3:1 or more against
//! black, white and common dark and light backgrounds (Tango, GNOME,
//! Solarized, VS Code: see `tests/tui.rs`); long text (questions,
//! links, open points) keeps the terminal's own foreground.
//!
//! Your tier's bar in the pyramid is a full block in the foreground colour,
//! never in reverse video: a reversed full block is drawn in the
//! background colour, and vanishes.

use ratatui::style::{Color, Modifier, Style};

/// #0087d7, blue: headings and key names.
const ACCENT: Color = Color::Indexed(32);
/// #ff0000: errors.
const ALARM: Color = Color::Indexed(196);
/// #808080: borders.
const RULE: Color = Color::Indexed(244);
/// #000000 on #ffd700: your tier's label, the same on every background.
const BADGE_TEXT: Color = Color::Indexed(16);
const BADGE: Color = Color::Indexed(220);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub heading: Style,
    pub text: Style,
    pub dim: Style,
    /// The selected row of a list.
    pub selected: Style,
    /// The label of the verdict's tier in the pyramid.
    pub tier: Style,
    /// The bar of the verdict's tier: a full block in this style.
    pub tier_bar: Style,
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
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        Self {
            title: bold,
            heading: paint(bold, ACCENT),
            text: Style::new(),
            dim: Style::new().add_modifier(Modifier::DIM),
            selected: reversed,
            tier: if color {
                bold.fg(BADGE_TEXT).bg(BADGE)
            } else {
                bold.add_modifier(Modifier::REVERSED)
            },
            tier_bar: bold,
            other_tier: Style::new(),
            provisional: Style::new().add_modifier(Modifier::ITALIC),
            error: paint(bold, ALARM),
            info: Style::new(),
            key: paint(bold, ACCENT),
            cursor: reversed,
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            border: paint(Style::new(), RULE),
        }
    }

    /// Every style, for checks that must hold for all of them.
    pub fn styles(&self) -> [Style; 15] {
        [
            self.title,
            self.heading,
            self.text,
            self.dim,
            self.selected,
            self.tier,
            self.tier_bar,
            self.other_tier,
            self.provisional,
            self.error,
            self.info,
            self.key,
            self.cursor,
            self.link,
            self.border,
        ]
    }

    /// Colour unless `NO_COLOR` is set to anything but the empty string
    /// (<https://no-color.org>) or the terminal is `dumb`. (Terminals with
    /// 16 colours only, such as the Linux console, show the nearest.)
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        let dumb = std::env::var_os("TERM").is_some_and(|term| term == "dumb");
        Self::new(!no_color && !dumb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_means_no_colour_in_any_style() {
        for style in Theme::new(false).styles() {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        // The verdict's tier still stands out without colour.
        let theme = Theme::new(false);
        assert!(theme.tier.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(Theme::new(true).tier.bg, None);
    }

    /// Issue 13: reverse video on a full block paints it in the background
    /// colour, so the tier marked in the pyramid was invisible.
    #[test]
    fn the_bar_of_your_tier_is_never_reversed() {
        for color in [false, true] {
            let bar = Theme::new(color).tier_bar;
            assert!(!bar.add_modifier.contains(Modifier::REVERSED), "{bar:?}");
            assert_eq!(bar.bg, None);
        }
    }
}
