//! The review: every answer on the current path, by section; answers that
//! no longer apply, or are not needed, are shown as such.

use std::ops::Range;

use aiact_core::Applicability;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::text;
use crate::strings::tui as say;
use crate::tui::app::App;
use crate::tui::open::Open;
use crate::tui::review::ReviewLayout;
use crate::tui::theme::Theme;

struct Document {
    lines: Vec<Line<'static>>,
    /// Question position and its lines.
    rows: Vec<(usize, Range<usize>)>,
}

impl Document {
    fn new(theme: &Theme, open: &Open, width: u16) -> Self {
        let assessment = open.document.assessment();
        let questionnaire = assessment.questionnaire();
        let width = text::scrolled_width(width);
        let mut lines: Vec<Line<'static>> = Vec::new();
        let mut rows = Vec::new();
        let mut section = None;
        for row in assessment.snapshot().review() {
            let position = row.position;
            let question = &questionnaire.questions()[position];
            if section != Some(&question.section) {
                section = Some(&question.section);
                if !lines.is_empty() {
                    lines.push(Line::default());
                }
                let title = questionnaire.section_title(question);
                lines.extend(text::wrap(title, width, theme.heading));
            }
            let selected = position == open.review.selected;
            let applies = row.applies;
            let pointer = if selected { "› " } else { "  " };
            let start = lines.len();
            let text_style = if applies { theme.text } else { theme.dim };
            lines.extend(text::prefixed(
                Span::raw(pointer),
                &question.text,
                width,
                text_style,
            ));
            let answer = assessment.answers().get(&question.id);
            let (label, style) = match (answer, applies) {
                (Some(answer), true) if answer.is_not_sure() => {
                    (answer.label(question), theme.provisional)
                }
                (Some(answer), true) => (answer.label(question), theme.text),
                (Some(answer), false)
                    if assessment.snapshot().applicability(position)
                        == Applicability::NotNeeded =>
                {
                    (say::not_needed(answer.label(question)), theme.dim)
                }
                (Some(answer), false) if assessment.snapshot().look_ahead().contains(&position) => {
                    (say::for_launch(answer.label(question)), theme.text)
                }
                (Some(answer), false) => (say::off_the_path(answer.label(question)), theme.dim),
                (None, _) if question.optional => (say::SKIPPED.to_owned(), theme.dim),
                (None, _) => (say::NOT_ANSWERED_YET.to_owned(), theme.provisional),
            };
            lines.extend(text::prefixed(Span::raw("    → "), &label, width, style));
            if let Some(note) = assessment.note(&question.id) {
                lines.extend(text::prefixed(Span::raw("    ✎ "), note, width, theme.dim));
            }
            if selected {
                for line in &mut lines[start..] {
                    line.style = theme.selected;
                }
            }
            rows.push((position, start..lines.len()));
        }
        Self { lines, rows }
    }

    fn offset(&self, selected: usize, height: u16) -> usize {
        let end = self
            .rows
            .iter()
            .find(|(position, _)| *position == selected)
            .map_or(0, |(_, range)| range.end);
        end.saturating_sub(usize::from(height))
    }
}

fn layout(body: Rect) -> [Rect; 2] {
    body.inner(Margin::new(1, 0)).layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
    ]))
}

pub fn render(app: &App, open: &Open, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let [heading, list] = layout(area);
    let progress = open.document.assessment().snapshot().progress();
    let title = say::REVIEW_TITLE;
    let count = say::review_count(progress.answered, progress.on_path);
    let room = heading
        .width
        .saturating_sub(u16::try_from(title.len()).unwrap_or(u16::MAX));
    Line::from(vec![
        Span::styled(title, theme.title),
        Span::styled(text::truncate(&count, room), theme.dim),
    ])
    .render(heading, buf);
    let document = Document::new(theme, open, list.width);
    let offset = document.offset(open.review.selected, list.height);
    text::render_scrolled(&document.lines, offset, list, buf);
    open.review.layout.record(ReviewLayout {
        list,
        offset,
        rows: document.rows,
    });
}
