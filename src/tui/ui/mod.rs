//! Drawing. Everything here reads the state and draws it; nothing changes
//! the state. Hit-testing for the mouse uses the same layout functions.

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

use super::app::{App, MessageKind, Screen, View};
use super::keymap;

/// Below this the screens cannot be drawn sensibly: a message says so.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

/// Whether `area` is too small for the screens (a message shows instead).
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if too_small(area) {
            render_too_small(self, area, buf);
            return;
        }
        let [header, body, message, footer] = frame_layout(area);
        render_header(self, header, buf);
        match &self.screen {
            Screen::Home(home) => home::render(self, home, body, buf),
            Screen::Assessment(assessment) => match assessment.view {
                View::Question => question::render(self, assessment, body, buf),
                View::Review => review::render(self, assessment, body, buf),
                View::Verdict => verdict::render(self, assessment, body, buf),
            },
        }
        render_message(self, message, buf);
        render_footer(self, footer, buf);
        if let Some(overlay) = &self.overlay {
            overlay::render(self, overlay, body, buf);
        }
    }
}

/// Header, body, message line, footer.
pub fn frame_layout(area: Rect) -> [Rect; 4] {
    area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ]))
}

/// The body of the screen, where each screen draws.
pub fn body(area: Rect) -> Rect {
    frame_layout(area)[1]
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let mut title = "your assessments";
    if let Screen::Assessment(assessment) = &app.screen {
        title = assessment.questionnaire().title();
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
    if let Screen::Assessment(assessment) = &app.screen {
        // The title keeps its place; a long system name is cut to what is left.
        let read_only = assessment.document.read_only();
        let marker = if read_only { "  READ-ONLY" } else { "" };
        let marker_width = u16::try_from(marker.len()).unwrap_or(0);
        let room = area.width.saturating_sub(left_width + 2 + marker_width + 1);
        if room > 1 {
            right.push(Span::styled(
                text::truncate(assessment.document.system_name(), room),
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
    let [left_area, right_area] = area.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(right_width),
    ]));
    left.render(left_area, buf);
    right.render(right_area, buf);
}

fn render_message(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(message) = &app.message else {
        return;
    };
    let style = match message.kind {
        MessageKind::Info => app.theme.info,
        MessageKind::Error => app.theme.error,
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
    Line::from(vec![
        Span::styled(marker, style),
        Span::styled(text::shorten_middle(&message.text, room), style),
    ])
    .render(area, buf);
}

/// The footer: key hints from the key table, as many as fit, "? keys" always.
fn render_footer(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.theme;
    let read_only = match &app.screen {
        Screen::Assessment(assessment) => assessment.document.read_only(),
        _ => false,
    };
    let hints = keymap::footer_hints(app.context(), read_only);
    let span_pairs: Vec<[Span<'_>; 2]> = hints
        .iter()
        .map(|(keys, hint)| {
            [
                Span::styled(format!(" {keys}"), theme.key),
                Span::styled(format!(" {hint} "), theme.dim),
            ]
        })
        .collect();
    let width = |pair: &[Span<'_>; 2]| pair[0].width() + pair[1].width();
    let last = span_pairs.last().map_or(0, width);
    let mut used = last;
    let mut spans: Vec<Span<'_>> = Vec::new();
    for pair in span_pairs.iter().take(span_pairs.len().saturating_sub(1)) {
        // A hint that does not fit is left out; shorter ones after it may fit.
        if used + width(pair) > usize::from(area.width) {
            continue;
        }
        used += width(pair);
        spans.extend(pair.iter().cloned());
    }
    if let Some(pair) = span_pairs.last() {
        spans.extend(pair.iter().cloned());
    }
    Line::from(spans).render(area, buf);
}

fn render_too_small(app: &App, area: Rect, buf: &mut Buffer) {
    let text = format!(
        "The terminal is too small ({}×{}). aiact needs at least {MIN_WIDTH}×{MIN_HEIGHT}: make the window larger; nothing is lost meanwhile. Ctrl-C quits.",
        area.width, area.height
    );
    let height = text::wrap(&text, area.width, app.theme.text).len();
    let height = u16::try_from(height).unwrap_or(u16::MAX).min(area.height);
    let [_, middle, _] = area.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ]));
    Paragraph::new(text)
        .style(app.theme.error)
        .centered()
        .wrap(Wrap { trim: true })
        .render(middle, buf);
}
