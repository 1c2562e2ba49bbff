//! Drawing. Everything here reads the state and draws it; what it drew
//! (where lists and rows are, how far text scrolls) is recorded in the
//! state's [`crate::tui::layout::Recorded`] slots for the next update.
//! The state never calls in here.

pub mod home;
pub mod question;
pub mod review;
pub mod verdict;

mod overlay;
mod pyramid;
pub(crate) mod text;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Screen};
use super::effect::{MessageBody, MessageKind};
use super::keymap;
use super::layout::{Band, split_right, stack};
pub use super::layout::{MIN_HEIGHT, MIN_WIDTH, too_small};
use super::open::View;
use crate::strings::tui as say;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if too_small(area) {
            render_too_small(self, area, buf);
            return;
        }
        let [header, body, message, footer] = frame_layout(area);
        render_header(self, header, buf);
        match self.screen() {
            Screen::Home(home) => home::render(self, home, body, buf),
            Screen::Open(open) => match open.view {
                View::Question => question::render(self, open, body, buf),
                View::Review => review::render(self, open, body, buf),
                View::Verdict => verdict::render(self, open, body, buf),
            },
        }
        render_message(self, message, buf);
        render_footer(self, footer, buf);
        if let Some(overlay) = self.overlay() {
            overlay::render(self, overlay, body, buf);
        }
    }
}

/// Header, body, message line, footer.
pub fn frame_layout(area: Rect) -> [Rect; 4] {
    stack(
        area,
        [Band::Rows(1), Band::Rest, Band::Rows(1), Band::Rows(1)],
    )
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let mut title = say::HOME_TITLE;
    if let Some(open) = app.open() {
        title = open.document.questionnaire().title();
    }
    let left = Line::from(vec![
        Span::styled(" aiact ", theme.selected),
        Span::raw(" "),
        Span::styled(
            text::truncate(title, area.width.saturating_sub(8)),
            theme.heading,
        ),
    ]);
    let left_width = u16::try_from(left.width()).unwrap_or(u16::MAX);
    let mut right: Vec<Span<'_>> = Vec::new();
    if let Some(open) = app.open() {
        // The title keeps its place; a long system name is cut to what is left.
        let read_only = open.document.read_only();
        let marker = if read_only { "  READ-ONLY" } else { "" };
        let marker_width = u16::try_from(marker.len()).unwrap_or(0);
        let room = area.width.saturating_sub(left_width + 2 + marker_width + 1);
        if room > 1 {
            right.push(Span::styled(
                text::truncate(open.document.system_name(), room),
                theme.title,
            ));
        }
        if read_only {
            right.push(Span::styled(marker, theme.error));
        }
        right.push(Span::raw(" "));
    }
    let right = Line::from(right).right_aligned();
    let right_width = u16::try_from(right.width()).unwrap_or(u16::MAX);
    let [left_area, right_area] = split_right(area, right_width);
    left.render(left_area, buf);
    right.render(right_area, buf);
}

fn render_message(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(message) = app.message() else {
        return;
    };
    let style = match message.kind {
        MessageKind::Info => app.theme().info,
        MessageKind::Error => app.theme().error,
    };
    let marker = match message.kind {
        MessageKind::Info => " ",
        MessageKind::Error => " ! ",
    };
    // Too long for the line: the middle goes, so that the end (often a
    // file name or the reason of an error) stays readable.
    let room = area
        .width
        .saturating_sub(u16::try_from(marker.len()).unwrap_or(u16::MAX));
    let text = match &message.body {
        MessageBody::Text(text) => text.clone(),
        MessageBody::Files { lead, dir, names } => files_message(lead, dir, names, room),
    };
    Line::from(vec![
        Span::styled(marker, style),
        Span::styled(text::shorten_middle(&text, room), style),
    ])
    .render(area, buf);
}

/// "Exported to DIR: name.md, .html, .json" in at most `width` columns: the
/// directory is shortened in its middle, so that the file names stay.
fn files_message(lead: &str, dir: &str, names: &str, width: u16) -> String {
    let fixed = format!("{lead} : {names}").chars().count();
    let room = u16::try_from(usize::from(width).saturating_sub(fixed))
        .unwrap_or(u16::MAX)
        .max(8);
    format!("{lead} {}: {names}", text::shorten_middle(dir, room))
}

/// The footer: key hints from the key table, as many as fit (the table
/// says which go first).
fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let hints = keymap::footer_within(app.context(), app.offered(), usize::from(area.width));
    let spans: Vec<Span<'_>> = hints
        .iter()
        .flat_map(|(keys, hint)| {
            [
                Span::styled(format!(" {keys}"), theme.key),
                Span::styled(format!(" {hint} "), theme.dim),
            ]
        })
        .collect();
    Line::from(spans).render(area, buf);
}

fn render_too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let text = say::too_small(area.width, area.height, MIN_WIDTH, MIN_HEIGHT);
    let height = text::wrap(&text, area.width, app.theme().text).len();
    let height = u16::try_from(height).unwrap_or(u16::MAX).min(area.height);
    let [_, middle, _] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ]));
    Paragraph::new(text)
        .style(app.theme().error)
        .centered()
        .wrap(Wrap { trim: true })
        .render(middle, buf);
}
