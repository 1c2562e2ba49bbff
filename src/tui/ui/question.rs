//! The question screen: where you are, the question, its options, your
//! note, and the explanation panel.

use std::ops::Range;

use aiact_core::model::{Question, QuestionKind};
use aiact_core::{Answer, Progress};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, LineGauge, Widget};

use super::text;
use crate::explanation::{self, Part};
use crate::strings::{self, tui as say};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{self, Context};
use crate::tui::open::Open;
use crate::tui::question::{ExplanationKey, QuestionLayout, QuestionState, SIDE_BY_SIDE};
use crate::tui::question_rows::{self, Row};
use crate::tui::theme::Theme;

struct Areas {
    location: Rect,
    progress: Rect,
    document: Rect,
    note: Rect,
    explanation: Option<Rect>,
}

/// Lines of the question screen around the question and its options:
/// location, progress, a blank line and the note.
const CHROME_LINES: u16 = 5;
/// The explanation below the question keeps at least this many lines
/// (border included), so that opening it always shows something.
const MIN_PANEL_LINES: u16 = 7;

/// `document_lines` is how many lines the question and its options take at
/// a width: below the question, the explanation gets what they leave, so
/// that on a small screen the options stay in sight.
fn layout(explanation_open: bool, body: Rect, document_lines: impl FnOnce(u16) -> usize) -> Areas {
    let inner = body.inner(Margin::new(1, 0));
    let (main, explanation) = match (explanation_open, body.width >= SIDE_BY_SIDE) {
        (false, _) => (inner, None),
        (true, true) => {
            let [main, panel] = inner
                .layout(&Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).spacing(1));
            (main, Some(panel))
        }
        (true, false) => {
            let wanted = u16::try_from(document_lines(inner.width))
                .unwrap_or(u16::MAX)
                .saturating_add(CHROME_LINES);
            let main_height = wanted.min(inner.height.saturating_sub(MIN_PANEL_LINES));
            let [main, panel] = inner.layout(&Layout::vertical([
                Constraint::Length(main_height),
                Constraint::Fill(1),
            ]));
            (main, Some(panel))
        }
    };
    let [location, progress, _, document, note] = main.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(2),
    ]));
    Areas {
        location,
        progress,
        document,
        note,
        explanation,
    }
}

/// The option rows keep at least this many lines below the question,
/// however long it is.
const MIN_OPTION_LINES: u16 = 3;

/// The question and the hint, which stay in place, and the option rows,
/// which scroll below them, as lines.
struct Document {
    question: Vec<Line<'static>>,
    hint: Vec<Line<'static>>,
    /// The option rows' lines.
    lines: Vec<Line<'static>>,
    /// The lines of each option row.
    rows: Vec<Range<usize>>,
    cursor: usize,
}

impl Document {
    fn new(theme: &Theme, open: &Open, question: &Question, width: u16) -> Self {
        let state = &open.question;
        let width = width.saturating_sub(2); // room for the scrollbar
        let answer = open.document.assessment().answers().get(&question.id);
        let mut lines = Vec::new();
        let mut rows = Vec::new();
        for (i, row) in question_rows::rows(question).iter().enumerate() {
            let start = lines.len();
            lines.extend(row_lines(theme, question, state, answer, i, *row, width));
            rows.push(start..lines.len());
        }
        Self {
            question: text::wrap(&question.text, width, theme.title),
            hint: text::wrap(hint(question), width, theme.dim),
            lines,
            rows,
            cursor: state.cursor,
        }
    }

    /// Every line, as tall as the document would like to be.
    fn len(&self) -> usize {
        self.question.len() + self.hint.len() + 1 + self.lines.len()
    }

    /// What stays above the options in `height` lines: the question, a
    /// blank line and the hint, as much of it as leaves the options
    /// [`MIN_OPTION_LINES`]; the hint goes first, then the blank line, then
    /// the question's last lines, the last one shown ending in "…".
    fn stem(&self, theme: &Theme, height: u16, width: u16) -> Vec<Line<'static>> {
        let room = usize::from(height.saturating_sub(MIN_OPTION_LINES));
        let mut stem = self.question.clone();
        if stem.len() + 1 + self.hint.len() <= room {
            stem.extend(self.hint.iter().cloned());
            stem.push(Line::default());
        } else if stem.len() < room {
            stem.push(Line::default());
        } else if stem.len() > room {
            stem.truncate(room.max(1));
            if let Some(last) = stem.last_mut() {
                let cut = text::truncate(&format!("{last} …"), width.saturating_sub(2));
                *last = Line::styled(cut, theme.title);
            }
        }
        stem
    }

    /// The first option line drawn in `height` lines: the highlighted row
    /// stays in view.
    fn offset(&self, height: u16) -> usize {
        let end = self.rows.get(self.cursor).map_or(0, |range| range.end);
        end.saturating_sub(usize::from(height))
    }
}

fn hint(question: &Question) -> &'static str {
    // More than nine rows: the later ones have no number key.
    let many = question_rows::rows(question).len() > 9;
    match (question.kind, question.optional) {
        (QuestionKind::YesNo | QuestionKind::SingleChoice, _) if many => say::HINT_ONE_OF_MANY,
        (QuestionKind::YesNo | QuestionKind::SingleChoice, _) => say::HINT_ONE,
        (QuestionKind::MultiChoice, _) if many => say::HINT_TICK_MANY,
        (QuestionKind::MultiChoice, _) => say::HINT_TICK,
        (QuestionKind::Number | QuestionKind::Text, true) => say::HINT_OPTIONAL_FIELD,
        (QuestionKind::Number, false) => say::HINT_NUMBER,
        (QuestionKind::Text, false) => say::HINT_TEXT,
    }
}

fn row_lines(
    theme: &Theme,
    question: &Question,
    state: &QuestionState,
    answer: Option<&Answer>,
    index: usize,
    row: Row<'_>,
    width: u16,
) -> Vec<Line<'static>> {
    let highlighted = index == state.cursor;
    let pointer = if highlighted { "› " } else { "  " };
    // In number and text questions digits type into the answer, so no row
    // has a number key there.
    let typed = matches!(question.kind, QuestionKind::Number | QuestionKind::Text);
    let number = match (typed, index < 9) {
        (true, _) => String::new(),
        (false, true) => format!("{}. ", index + 1),
        (false, false) => "   ".to_owned(),
    };
    let style = if highlighted {
        theme.selected
    } else {
        theme.text
    };
    let chosen = |id: &str| match answer {
        Some(Answer::Choice(chosen)) => chosen == id,
        Some(Answer::NotSure) => id == aiact_core::model::NOT_SURE,
        _ => false,
    };
    let mut lines = match row {
        Row::Field => {
            let label = say::YOUR_ANSWER;
            let unit = question
                .unit
                .as_deref()
                .map(|unit| format!(" {unit}"))
                .unwrap_or_default();
            let prefix = format!("{pointer}{label}");
            let field_width = width
                .saturating_sub(
                    u16::try_from(prefix.chars().count() + unit.chars().count()).unwrap_or(0),
                )
                .max(1);
            let cursor = (highlighted && state.typing).then_some(theme.cursor);
            let mut line = state.field.line(field_width, Style::new(), cursor);
            line.spans.insert(0, Span::raw(prefix));
            line.spans.push(Span::styled(unit, theme.dim));
            vec![line]
        }
        Row::Option { .. } | Row::NotSure => {
            let id = row.id().unwrap_or_default();
            let label = match row {
                Row::Option { label, .. } => label,
                _ => "Not sure",
            };
            let marker = if question.kind == QuestionKind::MultiChoice {
                if state.ticked.iter().any(|ticked| ticked == id) {
                    "[x] "
                } else {
                    "[ ] "
                }
            } else if chosen(id) {
                "(•) "
            } else {
                "( ) "
            };
            text::prefixed(
                Span::raw(format!("{pointer}{number}{marker}")),
                label,
                width,
                Style::new(),
            )
        }
    };
    for line in &mut lines {
        line.style = style;
    }
    lines
}

pub fn render(app: &App, open: &Open, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let state = &open.question;
    let Some(question) = open.document.assessment().current() else {
        return;
    };
    // Below-the-question layouts measure the document first: keep it, so
    // that a frame builds it once.
    let mut measured = None;
    let areas = layout(state.explanation_open, area, |width| {
        let document = Document::new(theme, open, question, width);
        let lines = document.len();
        measured = Some((width, document));
        lines
    });
    render_location(theme, open, question, &areas, buf);

    let document = match measured {
        Some((width, document)) if width == areas.document.width => document,
        _ => Document::new(theme, open, question, areas.document.width),
    };
    // The question stays in sight; only the options scroll.
    let stem = document.stem(theme, areas.document.height, areas.document.width);
    let [stem_area, options] = areas.document.layout(&Layout::vertical([
        Constraint::Length(text::height(&stem)),
        Constraint::Fill(1),
    ]));
    text::render_lines(&stem, 0, stem_area, buf);
    let offset = document.offset(options.height);
    text::render_lines(&document.lines, offset, options, buf);
    text::render_scrollbar(document.lines.len(), offset, options, buf);

    render_note(theme, open, question, areas.note, buf);
    let explanation_max = match areas.explanation {
        Some(panel) => render_explanation(theme, open, question, panel, buf),
        None => 0,
    };
    state.layout.record(QuestionLayout {
        document: options,
        offset,
        rows: document.rows,
        explanation: areas.explanation,
        explanation_max,
        page: (area.height / 3).max(1),
    });
}

fn render_location(
    theme: &Theme,
    open: &Open,
    question: &Question,
    areas: &Areas,
    buf: &mut Buffer,
) {
    let assessment = open.document.assessment();
    let questionnaire = assessment.questionnaire();
    let sections = questionnaire.sections();
    let section_number = questionnaire.section_number(&question.section);
    let section_title = questionnaire.section_title(question);
    let snapshot = assessment.snapshot();
    let progress: Progress = snapshot.progress();
    // Worked out once per change of answers, not per frame.
    let length = assessment.path_length();
    let bar_width = areas.progress.width.min(60);
    let (left, right) = (
        areas.location,
        Rect {
            width: bar_width,
            ..areas.progress
        },
    );
    // A title cut short could say something else ("Annex II" for "Annex
    // III"): it ends in "…" when it does not fit.
    let prefix = say::section_of(section_number, sections.len());
    let room = left
        .width
        .saturating_sub(u16::try_from(prefix.chars().count()).unwrap_or(u16::MAX));
    Line::from(vec![
        Span::styled(prefix, theme.dim),
        Span::styled(text::truncate(section_title, room), theme.heading),
    ])
    .render(left, buf);
    // The bar follows the sections, the label counts answers and says how
    // many questions there can still be: later answers open more. The
    // launch's questions are off today's path (done, so full): the bar
    // follows them instead.
    let launch = assessment.launch_number();
    let ratio = match launch {
        Some(number) => (number - 1) as f64 / snapshot.look_ahead().len().max(1) as f64,
        None => snapshot.section_ratio(),
    };
    LineGauge::default()
        .ratio(ratio.clamp(0.0, 1.0))
        .label(match launch {
            // Off today's path: today's count would not include it.
            Some(number) => say::launch_question(number),
            None => say::answered(
                progress.answered,
                length.fewest,
                length.most,
                snapshot.is_complete(),
            ),
        })
        .filled_symbol("█")
        .unfilled_symbol("░")
        .filled_style(theme.heading)
        .unfilled_style(theme.dim)
        .render(right, buf);
}

fn render_note(theme: &Theme, open: &Open, question: &Question, area: Rect, buf: &mut Buffer) {
    let [rule, line] = area.layout(&Layout::vertical([Constraint::Length(1); 2]));
    Block::new()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .render(rule, buf);
    let label = Span::styled(say::NOTE, theme.heading);
    let content = match &open.question.note_editor {
        Some(editor) => {
            let width = line.width.saturating_sub(6);
            let mut field = editor.line(width, Style::new(), Some(theme.cursor));
            field.spans.insert(0, label);
            field
        }
        None => match open.document.note(&question.id) {
            Some(note) => Line::from(vec![
                label,
                Span::raw(text::truncate(note, line.width.saturating_sub(6))),
            ]),
            None if open.document.read_only() => {
                Line::from(vec![label, Span::styled(say::NO_NOTE, theme.dim)])
            }
            None => Line::from(vec![
                label,
                Span::styled(
                    text::truncate(
                        &say::no_note_yet(keymap::keys_for(Action::EditNote, Context::Question)),
                        line.width.saturating_sub(6),
                    ),
                    theme.dim,
                ),
            ]),
        },
    };
    content.render(line, buf);
}

/// What the explanation panel says about a question and the highlighted
/// option.
fn explanation_lines(
    theme: &Theme,
    open: &Open,
    question: &Question,
    width: u16,
) -> Vec<Line<'static>> {
    let rows = question_rows::rows(question);
    let highlighted = match rows.get(open.question.cursor) {
        Some(Row::Option { id, .. }) => question.option(id),
        _ => None,
    };
    let parts = explanation::parts(open.document.questionnaire(), question, highlighted, true);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for part in parts {
        match part {
            Part::Heading(title) => {
                if !lines.is_empty() {
                    lines.push(Line::default());
                }
                lines.extend(text::wrap(&title, width, theme.heading));
            }
            Part::Text(paragraph) => lines.extend(text::wrap(paragraph, width, theme.text)),
            Part::Example {
                counts,
                text: example,
            } => {
                let marker = if counts { "✓ " } else { "✗ " };
                lines.extend(text::prefixed(
                    Span::raw(marker),
                    example,
                    width,
                    theme.text,
                ));
            }
            Part::Caution(caution) => lines.extend(text::wrap(&caution, width, theme.provisional)),
            Part::Reference { label, url } => {
                lines.extend(text::prefixed(Span::raw("§ "), &label, width, theme.text));
                lines.push(text::link("  ", &url, width, theme.link));
            }
        }
    }
    if lines.is_empty() {
        lines.extend(text::wrap(
            strings::explanation::NOTHING_MORE,
            width,
            theme.dim,
        ));
    }
    lines
}

/// Draws the explanation panel; returns how far it can scroll.
fn render_explanation(
    theme: &Theme,
    open: &Open,
    question: &Question,
    area: Rect,
    buf: &mut Buffer,
) -> u16 {
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(say::EXPLANATION_TITLE, theme.heading))
        .title_bottom(
            Line::from(say::explanation_keys(
                keymap::keys_for(Action::ToggleExplanation, Context::Question),
                keymap::keys_for(Action::PageUp, Context::Question),
                keymap::keys_for(Action::PageDown, Context::Question),
            ))
            .right_aligned(),
        );
    let inner = block.inner(area);
    block.render(area, buf);
    let content = inner.inner(Margin::new(1, 0));
    let width = content.width.saturating_sub(1);
    let key = ExplanationKey {
        question: open.document.assessment().current_position().unwrap_or(0),
        cursor: open.question.cursor,
        width,
    };
    let lines = open
        .question
        .explanation
        .get(key, || explanation_lines(theme, open, question, width));
    let max = lines.len().saturating_sub(usize::from(content.height));
    let offset = usize::from(open.question.explanation_scroll).min(max);
    text::render_lines(&lines, offset, content, buf);
    text::render_scrollbar(lines.len(), offset, inner, buf);
    u16::try_from(max).unwrap_or(u16::MAX)
}
