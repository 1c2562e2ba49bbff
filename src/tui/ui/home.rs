//! The home screen: new assessment, the saved ones, open a file.

use std::borrow::Cow;

use jiff::Timestamp;
use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::text;
use crate::storage::{Listing, LockState, Summary};
use crate::strings::tui as say;
use crate::tui::app::App;
use crate::tui::home::{Home, ListKey, ListLayout};
use crate::tui::layout::{Band, stack};

/// Intro (`intro` rows of it), list heading, list, and a line about where
/// assessments are kept.
fn layout(inner: Rect, intro: u16) -> [Rect; 4] {
    stack(
        inner,
        [
            Band::Rows(intro + 1),
            Band::Rows(1),
            Band::Rest,
            Band::Rows(1),
        ],
    )
}

/// The first list row drawn: the selection stays in view.
fn first_visible(home: &Home, list: Rect) -> usize {
    let height = usize::from(list.height).max(1);
    (home.selected + 1).saturating_sub(height)
}

pub fn render(app: &App, home: &Home, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let inner = area.inner(Margin::new(2, 1));
    let intro_lines = text::wrap(say::HOME_INTRO, inner.width, theme.text);
    let [intro, heading, list, footnote] = layout(inner, text::height(&intro_lines));
    let first = first_visible(home, list);
    home.layout.record(ListLayout { list, first });
    for (i, line) in intro_lines.into_iter().enumerate() {
        let y = intro.y + u16::try_from(i).unwrap_or(u16::MAX);
        if y < intro.bottom() {
            line.render(Rect::new(intro.x, y, intro.width, 1), buf);
        }
    }
    let result_width = *home.result_width.get(ListKey::of(&home.entries), || {
        (home.entries.iter())
            .filter_map(|entry| match entry {
                Listing::Readable(summary) => Some(text::display_width(&result_text(summary))),
                Listing::Unreadable { .. } => None,
            })
            .max()
            .unwrap_or(0)
    });
    let [name_col, result_col, progress_col, changed_col] = columns(list, result_width);
    let columns = [name_col, result_col, progress_col, changed_col];
    for (label, col) in say::COLUMNS.into_iter().zip(columns) {
        cell_text(
            label,
            Rect::new(col.x, heading.y, col.width, 1),
            theme.dim,
            buf,
        );
    }

    for (offset, index) in (first..home.rows()).enumerate() {
        let Ok(offset) = u16::try_from(offset) else {
            break;
        };
        if offset >= list.height {
            break;
        }
        let y = list.y + offset;
        let selected = index == home.selected;
        let style = if selected { theme.selected } else { theme.text };
        buf.set_style(Rect::new(list.x, y, list.width, 1), style);
        let marker = if selected { "› " } else { "  " };
        let cell = |rect: Rect| Rect::new(rect.x, y, rect.width, 1);
        match index.checked_sub(1).and_then(|i| home.entries.get(i)) {
            None => {
                cell_text(
                    &format!("{marker}{}", say::NEW_ASSESSMENT_ROW),
                    cell(name_col),
                    style,
                    buf,
                );
            }
            Some(Listing::Readable(summary)) => {
                let mut name = if home.marked.as_ref() == Some(&summary.path) {
                    format!("{}{}", say::MARKED, summary.system_name)
                } else {
                    summary.system_name.clone()
                };
                if let Some(organisation) = &summary.organisation {
                    name.push_str(&format!(" ({organisation})"));
                }
                cell_text(&format!("{marker}{name}"), cell(name_col), style, buf);
                cell_text(&result_text(summary), cell(result_col), style, buf);
                // The column is narrow: what the user must know before
                // opening comes first and replaces the count.
                let progress = if summary.lock != LockState::Free {
                    say::OPEN_ELSEWHERE.to_owned()
                } else if summary.questionnaire_changed {
                    say::QUESTIONS_UPDATED.to_owned()
                } else if summary.progress.answered == 0 {
                    say::NO_ANSWERS_YET.to_owned()
                } else if summary.complete {
                    say::done(summary.progress.answered)
                } else {
                    say::answered_of(summary.progress.answered, summary.progress.on_path)
                };
                cell_text(&progress, cell(progress_col), style, buf);
                cell_text(
                    &ago(summary.updated, home.now),
                    cell(changed_col),
                    style,
                    buf,
                );
            }
            Some(Listing::Unreadable { path, reason }) => {
                // The folder is in the footnote: the file name is enough.
                let file = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |name| name.to_string_lossy().into_owned(),
                );
                let line = format!("{marker}{}", say::cannot_read(file, reason));
                let style = if selected { style } else { theme.error };
                cell_text(&line, Rect::new(list.x, y, list.width, 1), style, buf);
            }
        }
    }
    if !home.listed && list.height > 1 {
        let y = list.y + 1;
        cell_text(
            say::READING_LIST,
            Rect::new(list.x, y, list.width, 1),
            theme.dim,
            buf,
        );
    }
    let legend = if home.entries.iter().any(|entry| {
        matches!(entry, Listing::Readable(summary) if summary.complete
            && (summary.tier_provisional || summary.headline_provisional))
    }) {
        say::PROVISIONAL_LEGEND
    } else {
        ""
    };
    let note = say::saved_in(legend, app.workspace().assessments_dir().display());
    Line::from(Span::styled(
        text::truncate(&note, footnote.width),
        theme.dim,
    ))
    .render(footnote, buf);
}

/// Name, result, progress, changed: with a fixed gap between them, so that
/// a long entry never runs into the next column.
/// The result column is as wide as its longest entry, within limits; the
/// name takes the rest. Narrow, the name and the result keep their room
/// first: "Changed" goes, then progress shrinks, then the result.
fn columns(list: Rect, result_width: usize) -> [Rect; 4] {
    let mut result = u16::try_from(result_width)
        .unwrap_or(u16::MAX)
        .clamp(MIN_RESULT_WIDTH, MAX_RESULT_WIDTH);
    let with_changed = MIN_NAME_WIDTH + result + PROGRESS_WIDTH + CHANGED_WIDTH + 3 * COLUMN_GAP;
    let (progress, changed) = if list.width >= with_changed {
        (PROGRESS_WIDTH, CHANGED_WIDTH)
    } else {
        // Without "Changed": what is left after the name and the result
        // goes to progress, down to a few columns, and then the result gives.
        let left = list
            .width
            .saturating_sub(MIN_NAME_WIDTH + result + 2 * COLUMN_GAP);
        let progress = left.clamp(MIN_PROGRESS_WIDTH, PROGRESS_WIDTH);
        let over = (MIN_NAME_WIDTH + result + progress + 2 * COLUMN_GAP).saturating_sub(list.width);
        result = result.saturating_sub(over).max(MIN_RESULT_WIDTH);
        (progress, 0)
    };
    // Side by side, a gap between two; without "Changed", its gap goes to
    // the name too. (Worked out here rather than by a `Layout`, whose
    // solver took a tenth of a millisecond of the first list on screen.)
    let gaps = if changed == 0 { 2 } else { 3 } * COLUMN_GAP;
    let name = list
        .width
        .saturating_sub(result + progress + changed + gaps)
        .max(MIN_NAME_WIDTH.min(list.width));
    let mut x = list.x;
    [name, result, progress, changed].map(|width| {
        let column = Rect::new(x, list.y, width, list.height).intersection(list);
        x = x.saturating_add(width + COLUMN_GAP);
        column
    })
}

/// "Result" and "not finished" fit; up to "? General-purpose AI model with
/// systemic risk" where the width allows.
const MIN_RESULT_WIDTH: u16 = 12;
const MAX_RESULT_WIDTH: u16 = 45;
/// Names keep at least this much of a narrow list.
const MIN_NAME_WIDTH: u16 = 16;
/// "12 of 30 answered": longer ones are cut.
const PROGRESS_WIDTH: u16 = 17;
/// "3 of 6 ans…" at the narrowest.
const MIN_PROGRESS_WIDTH: u16 = 10;
/// "23 Nov 2026".
const CHANGED_WIDTH: u16 = 11;

/// The result as the list shows it.
fn result_text(summary: &Summary) -> Cow<'_, str> {
    // Unfinished, a tier could rest on questions still to answer.
    match (&summary.tier, summary.complete) {
        (Some(tier), true) => {
            // The headline as the verdict and the summary word it; "?"
            // marks what rests on a "not sure", as on the verdict.
            let headline = summary.headline.as_deref().unwrap_or(&tier.label);
            if summary.tier_provisional || summary.headline_provisional {
                Cow::Owned(format!("? {headline}"))
            } else {
                Cow::Borrowed(headline)
            }
        }
        _ if summary.progress.answered == 0 => Cow::Borrowed(say::NOT_STARTED),
        _ => Cow::Borrowed(say::NOT_FINISHED),
    }
}

/// Blank columns between two columns of the list.
const COLUMN_GAP: u16 = 2;

/// One cell of the list: cut with "…" when it does not fit its column.
fn cell_text(content: &str, area: Rect, style: Style, buf: &mut Buffer) {
    Span::styled(text::truncate(content, area.width), style).render(area, buf);
}

/// When an assessment last changed, as people say it.
fn ago(then: Timestamp, now: Timestamp) -> String {
    let seconds = now.as_second().saturating_sub(then.as_second()).max(0);
    match seconds {
        0..60 => say::JUST_NOW.to_owned(),
        60..3_600 => say::minutes_ago(seconds / 60),
        3_600..86_400 => say::hours_ago(seconds / 3_600),
        86_400..172_800 => say::YESTERDAY.to_owned(),
        _ => then
            .to_zoned(aiact_core::local_time_zone())
            .strftime("%-d %b %Y")
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::{Constraint, Layout};

    use super::*;

    /// The columns of these widths as a `Layout` of a `Min` and
    /// `Length`s with gaps between them gives them; without "Changed",
    /// without its gap.
    fn by_layout(list: Rect, result_width: usize) -> [Rect; 4] {
        let [_, result, progress, changed] = columns(list, result_width);
        let mut constraints = vec![
            Constraint::Min(MIN_NAME_WIDTH),
            Constraint::Length(result.width),
            Constraint::Length(progress.width),
        ];
        if changed.width > 0 {
            constraints.push(Constraint::Length(changed.width));
        }
        let solved = Layout::horizontal(constraints)
            .spacing(COLUMN_GAP)
            .split(list);
        let at = |i: usize| solved.get(i).copied().unwrap_or(changed);
        [at(0), at(1), at(2), at(3)]
    }

    #[test]
    fn the_columns_are_what_a_layout_gives_and_fill_the_list() {
        for width in 56..=160 {
            let list = Rect::new(3, 5, width, 20);
            for result_width in [0, 5, 12, 20, 33, 45, 80] {
                let columns = columns(list, result_width);
                assert_eq!(
                    columns,
                    by_layout(list, result_width),
                    "{width}, {result_width}"
                );
                let [name, result, progress, changed] = columns;
                assert!(name.width >= MIN_NAME_WIDTH, "{width}: {name:?}");
                let last = if changed.width > 0 { changed } else { progress };
                assert_eq!(last.right(), list.right(), "{width}, {result_width}");
                assert!(result.width >= MIN_RESULT_WIDTH);
            }
        }
    }
}
