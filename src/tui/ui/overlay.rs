//! What is drawn over a screen: the key help, forms, confirmations.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::text;
use crate::strings::tui as say;
use crate::tui::app::App;
use crate::tui::form::Form;
use crate::tui::keymap::{self, Context};
use crate::tui::overlay::Overlay;

pub fn render(app: &App, overlay: &Overlay, body: Rect, buf: &mut Buffer) {
    match overlay {
        Overlay::KeyHelp {
            context,
            scroll,
            under,
        } => {
            if let Some(under) = under {
                render(app, under, body, buf);
            }
            render_key_help(app, *context, *scroll, body, buf);
        }
        Overlay::Form(form) => render_form(app, form, body, buf),
        Overlay::Notice {
            title,
            lines,
            scroll,
        } => {
            let width = 76u16.min(body.width);
            let inner_width = text::scrolled_width(width.saturating_sub(4));
            let mut wrapped = Vec::new();
            for line in lines {
                wrapped.extend(text::wrap(line, inner_width, app.theme().text));
            }
            let area = popup(body, width, text::height(&wrapped) + 2);
            let inner = render_frame(frame(app, title), area, buf);
            render_scrolled(app, &wrapped, *scroll, inner, buf);
        }
        Overlay::Comparison {
            compared,
            lines,
            scroll,
        } => {
            let block = frame(app, say::COMPARE_TITLE)
                .title_bottom(Line::from(say::COMPARE_CLOSE).right_aligned());
            let inner = render_frame(block, body, buf);
            // A column between the text and the scrollbar.
            let width = text::scrolled_width(inner.width).saturating_sub(1);
            // Worded again only when the width changes, not every frame.
            let lines = lines.get(width, || {
                (compared.text(usize::from(width)).lines())
                    .map(|line| Line::styled(line.to_owned(), app.theme().text))
                    .collect()
            });
            render_scrolled(app, &lines, *scroll, inner, buf);
        }
        Overlay::ConfirmDelete { name, .. } => {
            let width = 64u16.min(body.width);
            let inner_width = width.saturating_sub(4);
            let mut lines = text::wrap(&say::delete_question(name), inner_width, app.theme().text);
            lines.push(Line::default());
            lines.extend(text::wrap(
                say::DELETE_WARNING,
                inner_width,
                app.theme().text,
            ));
            let area = popup(body, width, text::height(&lines) + 2);
            let inner = render_frame(frame(app, say::DELETE_TITLE), area, buf);
            text::render_lines(&lines, 0, inner, buf);
        }
    }
}

/// Scrolled text of an overlay, recording how far it can scroll for the
/// keys that scroll it.
fn render_scrolled(app: &App, lines: &[Line<'_>], scroll: u16, inner: Rect, buf: &mut Buffer) {
    let max = lines.len().saturating_sub(usize::from(inner.height));
    app.overlay_scroll()
        .record(u16::try_from(max).unwrap_or(u16::MAX));
    text::render_scrolled(lines, usize::from(scroll).min(max), inner, buf);
}

/// A centred area of at most `width` × `height` inside `body`.
fn popup(body: Rect, width: u16, height: u16) -> Rect {
    body.centered(
        Constraint::Length(width.min(body.width)),
        Constraint::Length(height.min(body.height)),
    )
}

/// Clears `area` so that nothing of the screen below shows through, draws
/// the frame, and returns the area inside it (with a column of margin).
/// Every popup goes through here.
fn render_frame(block: Block<'_>, area: Rect, buf: &mut Buffer) -> Rect {
    let inner = block.inner(area).inner(Margin::new(1, 0));
    Clear.render(area, buf);
    block.render(area, buf);
    inner
}

fn frame<'a>(app: &App, title: &'a str) -> Block<'a> {
    Block::bordered()
        .border_style(app.theme().heading)
        .title(Span::styled(title, app.theme().title))
}

fn screen_name(context: Context) -> &'static str {
    match context {
        Context::Home => "home",
        Context::Form | Context::Field => "form",
        Context::Question | Context::Entry => "question",
        Context::Note => "note",
        Context::Review => "review",
        Context::Verdict => "verdict",
        Context::KeyHelp => "key help",
        Context::Confirm => "confirmation",
        Context::Notice => "notice",
        Context::Comparison => "comparison",
        Context::TooSmall => "terminal too small",
    }
}

fn render_key_help(app: &App, context: Context, scroll: u16, body: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let mut entries = keymap::help_entries(context, app.offered());
    // Ctrl-C is in every context; say it once, at the end.
    if let Some(at) = entries.iter().position(|(keys, _)| keys == "Ctrl-C") {
        let quit = entries.remove(at);
        entries.push(quit);
    }
    let key_width = entries
        .iter()
        .map(|(keys, _)| keys.chars().count())
        .max()
        .unwrap_or(0);
    let area = popup(body, 78, body.height);
    let title = format!(" Keys: {} ", screen_name(context));
    let block = frame(app, &title).title_bottom(Line::from(" Esc closes ").right_aligned());
    let inner = render_frame(block, area, buf);
    let text_width = text::scrolled_width(inner.width);
    let description_width = text_width.saturating_sub(u16::try_from(key_width + 2).unwrap_or(0));
    let mut lines = Vec::new();
    for (keys, description) in &entries {
        for (i, line) in text::wrap(description, description_width, theme.text)
            .into_iter()
            .enumerate()
        {
            let shown = if i == 0 { keys.as_str() } else { "" };
            let mut spans = vec![Span::styled(format!("{shown:<key_width$}  "), theme.key)];
            spans.extend(line.spans);
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::default());
    lines.extend(text::wrap(say::MOUSE, text_width, theme.dim));
    render_scrolled(app, &lines, scroll, inner, buf);
}

fn render_form(app: &App, form: &Form, body: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let width = 64u16.min(body.width);
    let inner_width = width.saturating_sub(4);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, (label, field)) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label_style = if focused { theme.title } else { theme.text };
        lines.push(Line::styled((*label).to_owned(), label_style));
        let cursor = focused.then_some(theme.cursor);
        let mut line = field.line(inner_width.saturating_sub(2), Style::new(), cursor);
        line.spans.insert(0, Span::styled("› ", theme.key));
        lines.push(line);
        lines.push(Line::default());
    }
    if let Some(error) = &form.error {
        lines.extend(text::wrap(error, inner_width, theme.error));
    }
    let area = popup(body, width, text::height(&lines) + 2);
    let title = format!(" {} ", form.title());
    let inner = render_frame(frame(app, &title), area, buf);
    text::render_lines(&lines, 0, inner, buf);
}
