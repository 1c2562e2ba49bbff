//! The verdict: the tier in the risk pyramid, what the result turns on,
//! the findings and why, the obligations on a timeline, the open points.

use aiact_core::Verdict;
use aiact_core::model::Certainty;
use aiact_core::verdict::{ObligationResult, RefInfo, Status};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{pyramid, text};
use crate::report::model::Obligations;
use crate::report::text::long_date;
use crate::report::turns_on;
use crate::report::wording::{
    BECAUSE, DEPENDS_ON_IT, HOW_TO_FIND_OUT, NO_FINDINGS, NO_OPEN_POINTS, NOT_SURE_OF,
    PROVISIONAL_TIER, UNDECIDED, UNDECIDED_SUMMARY, open_point_line, other_possible_date,
};
use crate::strings::tui::verdict as say;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::{self, Context};
use crate::tui::open::Open;
use crate::tui::theme::Theme;
use crate::tui::verdict::{ItemLines, VerdictKey, VerdictLayout, VerdictLines};

/// Wide enough for the headline beside the pyramid.
const SIDE_BY_SIDE: u16 = 100;

struct Areas {
    pyramid: Rect,
    /// Beside the pyramid on wide screens; else the headline opens the details.
    headline: Option<Rect>,
    document: Rect,
}

/// The screen's lines at a body width: what is built once per verdict.
fn build(theme: &Theme, open: &Open, width: u16) -> VerdictLines {
    // What it turns on is worked out once per change of answers, here
    // when the verdict first shows (see `Assessment::turns_on`).
    let verdict = &open.document.assessment().verdict_with_turns_on();
    let inner_width = width.saturating_sub(2);
    let pyramid = pyramid_lines(open, verdict, theme);
    let wide = inner_width >= SIDE_BY_SIDE;
    let headline = if wide {
        let headline_width = inner_width.saturating_sub(pyramid_width(&pyramid) + 1);
        headline(open, verdict, theme, headline_width)
    } else {
        Vec::new()
    };
    let Document {
        lines,
        sections,
        items,
    } = document(open, verdict, theme, inner_width, !wide);
    VerdictLines {
        pyramid,
        headline,
        details: lines,
        sections,
        items,
    }
}

/// The pyramid's width with a margin.
fn pyramid_width(pyramid: &[Line<'_>]) -> u16 {
    let width = pyramid.iter().map(Line::width).max().unwrap_or(0);
    u16::try_from(width + 2).unwrap_or(u16::MAX)
}

fn layout(lines: &VerdictLines, body: Rect) -> Areas {
    let inner = body.inner(Margin::new(1, 0));
    let wide = inner.width >= SIDE_BY_SIDE;
    let top_height = text::height(&lines.pyramid)
        .max(text::height(&lines.headline))
        .min(inner.height / 2);
    let [top, _, document] = inner.layout(&Layout::vertical([
        Constraint::Length(top_height),
        Constraint::Length(1),
        Constraint::Fill(1),
    ]));
    if wide {
        let [pyramid, headline] = top.layout(
            &Layout::horizontal([
                Constraint::Length(pyramid_width(&lines.pyramid)),
                Constraint::Fill(1),
            ])
            .spacing(1),
        );
        Areas {
            pyramid,
            headline: Some(headline),
            document,
        }
    } else {
        Areas {
            pyramid: top,
            headline: None,
            document,
        }
    }
}

fn pyramid_lines(open: &Open, verdict: &Verdict, theme: &Theme) -> Vec<Line<'static>> {
    let possible: Vec<&str> = verdict
        .possible_tiers
        .iter()
        .map(|possible| possible.tier.id.as_str())
        .collect();
    pyramid::lines(
        open.document.questionnaire().tiers(),
        verdict.decided_tier().map_or("", |tier| tier.id.as_str()),
        verdict.tier_status == Status::Provisional,
        &possible,
        theme,
    )
}

fn headline(open: &Open, verdict: &Verdict, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let (label, summary) = verdict
        .decided_tier()
        .map_or((UNDECIDED, UNDECIDED_SUMMARY), |tier| {
            (tier.label.as_str(), tier.summary.as_str())
        });
    let mut lines = text::wrap(&say::result(label), width, theme.title);
    // Unfinished, the not-finished notice says why the result is not final.
    if verdict.tier_status == Status::Provisional && verdict.complete {
        lines.extend(text::wrap(
            &say::provisional(PROVISIONAL_TIER),
            width,
            theme.provisional,
        ));
    }
    if let Some(previous) = open.document.previous_verdict() {
        let changed = previous.tier.id != verdict.tier.id;
        lines.extend(text::wrap(
            &say::before_update(&previous.tier.label, changed),
            width,
            theme.provisional,
        ));
    }
    lines.extend(text::wrap(summary, width, theme.text));
    for possible in &verdict.possible_tiers {
        lines.extend(text::wrap(
            &say::may_turn_out(&possible.tier.label),
            width,
            theme.provisional,
        ));
    }
    let duties = Obligations::of(verdict);
    let unsure = verdict.open_questions().len();
    lines.extend(text::wrap(
        &say::counts(
            verdict.findings.len(),
            duties.now.len(),
            duties.later.len(),
            unsure,
            keymap::keys_for(Action::NextSection, Context::Verdict),
        ),
        width,
        theme.text,
    ));
    if !verdict.roles.is_empty() {
        let roles: Vec<String> = verdict
            .roles
            .iter()
            .map(|role| match role.status {
                Status::Holds => role.label.clone(),
                Status::Provisional => say::provisional_role(&role.label),
            })
            .collect();
        lines.extend(text::wrap(
            &say::your_role(roles.join(", ")),
            width,
            theme.text,
        ));
    }
    if !verdict.complete {
        lines.extend(text::wrap(
            &say::not_finished(keymap::keys_for(Action::Previous, Context::Verdict)),
            width,
            theme.error,
        ));
    }
    lines
}

/// Each reference: its label, then its link on a line of its own (never
/// broken across lines).
fn refs(lines: &mut Vec<Line<'static>>, refs: &[RefInfo], theme: &Theme, width: u16) {
    refs_after(lines, "    ", refs, theme, width);
}

/// The timeline's line, continued down wrapped text.
const GUTTER: &str = "  │ ";
const DETAIL_GUTTER: &str = "  │   ";

fn refs_after(
    lines: &mut Vec<Line<'static>>,
    indent: &str,
    refs: &[RefInfo],
    theme: &Theme,
    width: u16,
) {
    for reference in refs {
        lines.extend(text::prefixed(
            Span::raw(format!("{indent}§ ")),
            &reference.label,
            width,
            theme.text,
        ));
        lines.push(text::link(
            &format!("{indent}  "),
            &reference.url,
            width,
            theme.link,
        ));
    }
}

/// The scrolling part of the verdict.
fn document(
    open: &Open,
    verdict: &Verdict,
    theme: &Theme,
    width: u16,
    with_headline: bool,
) -> Document {
    let width = width.saturating_sub(2);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut sections = Vec::new();
    if with_headline {
        lines.extend(headline(open, verdict, theme, width));
        lines.push(Line::default());
    }
    let section = |lines: &mut Vec<Line<'static>>, sections: &mut Vec<usize>, title: &str| {
        sections.push(lines.len());
        lines.push(Line::styled(title.to_owned(), theme.heading));
    };

    let items = turns_on_lines(open, verdict, theme, width, &mut lines, &mut sections);

    section(&mut lines, &mut sections, say::FINDINGS);
    if verdict.findings.is_empty() {
        lines.extend(text::wrap(&format!("  {NO_FINDINGS}"), width, theme.text));
    }
    for finding in &verdict.findings {
        let (marker, status, style) = match finding.status {
            Status::Holds => ("✔ ", "", theme.title),
            Status::Provisional => ("? ", say::FINDING_PROVISIONAL, theme.provisional),
        };
        lines.extend(text::prefixed(
            Span::styled(format!("  {marker}"), style),
            &format!("{}{status}", finding.title),
            width,
            style,
        ));
        lines.extend(text::prefixed(
            Span::raw("    "),
            &finding.explanation,
            width,
            theme.text,
        ));
        if !finding.because.is_empty() {
            lines.push(Line::styled(format!("    {BECAUSE}"), theme.dim));
            for reason in &finding.because {
                lines.extend(text::prefixed(
                    Span::raw("    • "),
                    &format!("{} → {}", reason.question_text, reason.answer_label),
                    width,
                    theme.text,
                ));
            }
        }
        refs(&mut lines, &finding.refs, theme, width);
        if let Some(caveat) = &finding.caveat {
            lines.extend(text::prefixed(
                Span::raw(format!("    {}", say::CAUTION)),
                caveat,
                width,
                theme.provisional,
            ));
        }
        lines.push(Line::default());
    }

    section(&mut lines, &mut sections, say::OBLIGATIONS);
    if verdict.obligations.is_empty() {
        lines.extend(text::wrap(say::NO_OBLIGATIONS, width, theme.text));
    }
    // The same grouping as the reports: duties by date, then what only
    // gives context (the fines that back them).
    let Obligations {
        now,
        later,
        context,
    } = Obligations::of(verdict);
    if !now.is_empty() {
        lines.push(Line::styled(say::APPLIES_NOW, theme.title));
        for obligation in now {
            obligation_lines(&mut lines, obligation, theme, width);
        }
    }
    let mut date = None;
    for obligation in later {
        let milestone = &obligation.applies.milestone;
        if date != Some(milestone.date) {
            date = Some(milestone.date);
            let reported = match milestone.status {
                Certainty::Verified => String::new(),
                Certainty::Reported => say::DATE_REPORTED.to_owned(),
            };
            lines.push(Line::styled(
                say::applies_from(long_date(milestone.date), &reported),
                theme.title,
            ));
        }
        obligation_lines(&mut lines, obligation, theme, width);
    }
    if !context.is_empty() {
        lines.push(Line::styled(say::FOR_CONTEXT, theme.title));
        for obligation in context {
            obligation_lines(&mut lines, obligation, theme, width);
        }
    }
    lines.push(Line::default());

    section(&mut lines, &mut sections, say::OPEN_POINTS);
    if verdict.open_points.is_empty() {
        lines.extend(text::wrap(
            &format!("  {NO_OPEN_POINTS}"),
            width,
            theme.text,
        ));
    }
    for question in verdict.open_questions() {
        lines.extend(text::prefixed(
            Span::styled("  ? ", theme.provisional),
            &format!("{NOT_SURE_OF} {}", question.answer.question_text),
            width,
            theme.provisional,
        ));
        if let Some(advice) = &question.answer.if_not_sure {
            lines.extend(text::prefixed(
                Span::raw("    "),
                &format!("{HOW_TO_FIND_OUT} {advice}"),
                width,
                theme.text,
            ));
        }
        lines.extend(text::prefixed(
            Span::raw("    "),
            DEPENDS_ON_IT,
            width,
            theme.text,
        ));
        for mention in &question.points {
            lines.extend(text::prefixed(
                Span::raw("    • "),
                &open_point_line(mention),
                width,
                theme.dim,
            ));
        }
    }
    lines.push(Line::default());

    if !open.verdict.exported.is_empty() {
        section(&mut lines, &mut sections, say::EXPORTED);
        for path in &open.verdict.exported {
            lines.extend(text::prefixed(
                Span::raw("  "),
                &path.display().to_string(),
                width,
                theme.text,
            ));
        }
        lines.push(Line::default());
    }
    let basis = &verdict.questionnaire.legal_basis;
    // Said once: the questionnaire's own notes usually say it already.
    let disclaimer = if basis
        .notes
        .iter()
        .any(|note| note.to_lowercase().contains("not legal advice"))
    {
        say::SELF_ASSESSMENT
    } else {
        say::NOT_LEGAL_ADVICE
    };
    let mut about = say::about(disclaimer, &basis.act, long_date(basis.as_of));
    for note in &basis.notes {
        about.push(' ');
        about.push_str(note);
    }
    lines.extend(text::wrap(&about, width, theme.dim));
    let label = say::OFFICIAL_TEXT;
    let url = &basis.official_text_url;
    if label.chars().count() + url.chars().count() <= usize::from(width) {
        lines.push(text::link(label, url, width, theme.link));
    } else {
        lines.extend(text::wrap(label.trim_end(), width, theme.dim));
        lines.push(text::link("", url, width, theme.link));
    }
    Document {
        lines,
        sections,
        items,
    }
}

/// The scrolling part of the verdict, where its sections start and where
/// the answers the result turns on are.
struct Document {
    lines: Vec<Line<'static>>,
    sections: Vec<usize>,
    items: Vec<ItemLines>,
}

/// "What this result turns on" (issue 12), worded as the reports word it,
/// every answer in full; Enter on one opens its question to change it.
fn turns_on_lines(
    open: &Open,
    verdict: &Verdict,
    theme: &Theme,
    width: u16,
    lines: &mut Vec<Line<'static>>,
    sections: &mut Vec<usize>,
) -> Vec<ItemLines> {
    let Some(worded) = turns_on::items(verdict) else {
        return Vec::new();
    };
    sections.push(lines.len());
    lines.push(Line::styled(turns_on::TITLE.to_uppercase(), theme.heading));
    if worded.is_empty() {
        lines.extend(text::wrap(
            &format!("  {}", turns_on::NOTHING),
            width,
            theme.text,
        ));
        lines.push(Line::default());
        return Vec::new();
    }
    let keys = say::turns_on_keys(
        keymap::keys_for(Action::NextSection, Context::Verdict),
        keymap::keys_for(Action::Confirm, Context::Verdict),
    );
    lines.extend(text::prefixed(
        Span::raw("  "),
        &format!("{} {keys}", turns_on::INTRO),
        width,
        theme.dim,
    ));
    let questionnaire = open.document.questionnaire();
    let mut items = Vec::new();
    for (i, item) in worded.iter().enumerate() {
        let Some(question) = questionnaire.question_position(item.question) else {
            continue;
        };
        let start = lines.len();
        let number = format!("  {}. ", i + 1);
        let indent = " ".repeat(number.len());
        lines.extend(text::prefixed(
            Span::styled(number, theme.title),
            item.question_text,
            width,
            theme.title,
        ));
        let heading = start..lines.len();
        let style = if item.not_sure {
            theme.provisional
        } else {
            theme.text
        };
        lines.extend(text::prefixed(
            Span::raw(indent.clone()),
            &format!(
                "{} {}{}",
                turns_on::YOU_ANSWERED,
                item.answer,
                item.call_note()
            ),
            width,
            style,
        ));
        for alternative in &item.alternatives {
            lines.extend(text::prefixed(
                Span::raw(format!("{indent}• ")),
                alternative,
                width,
                style,
            ));
        }
        if let Some(more) = &item.more {
            lines.extend(text::prefixed(
                Span::raw(format!("{indent}  ")),
                more,
                width,
                theme.dim,
            ));
        }
        if let Some(hint) = item.hint {
            lines.extend(text::prefixed(
                Span::raw(indent.clone()),
                &format!("{} {hint}", turns_on::HOW_TO_CHECK),
                width,
                theme.dim,
            ));
        }
        items.push(ItemLines {
            question,
            lines: start..lines.len(),
            heading,
        });
    }
    lines.push(Line::default());
    items
}

fn obligation_lines(
    lines: &mut Vec<Line<'static>>,
    obligation: &ObligationResult,
    theme: &Theme,
    width: u16,
) {
    let status = match obligation.status {
        Status::Holds => "",
        Status::Provisional => say::OBLIGATION_PROVISIONAL,
    };
    lines.extend(text::hanging(
        Span::raw("  │ "),
        GUTTER,
        &format!("{}{status}", obligation.title),
        width,
        theme.heading,
    ));
    lines.extend(text::hanging(
        Span::raw("  │   "),
        DETAIL_GUTTER,
        &obligation.summary,
        width,
        theme.text,
    ));
    let milestone = &obligation.applies.milestone;
    lines.extend(text::hanging(
        Span::raw("  │   "),
        DETAIL_GUTTER,
        &say::date(long_date(milestone.date), &milestone.source),
        width,
        theme.dim,
    ));
    for other in &obligation.other_possible_dates {
        lines.extend(text::hanging(
            Span::raw("  │   "),
            DETAIL_GUTTER,
            &other_possible_date(other),
            width,
            theme.provisional,
        ));
    }
    refs_after(lines, "  │   ", &obligation.refs, theme, width);
    if let Some(caveat) = &obligation.caveat {
        lines.extend(text::hanging(
            Span::raw(format!("  │   {}", say::CAUTION)),
            "  │            ",
            caveat,
            width,
            theme.provisional,
        ));
    }
}

pub fn render(app: &App, open: &Open, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let assessment = open.document.assessment();
    let key = VerdictKey {
        width: area.width,
        revision: assessment.revision(),
        exported: open.verdict.exported.len(),
    };
    let lines = open
        .verdict
        .lines
        .get(key, || build(theme, open, area.width));
    let areas = layout(&lines, area);
    text::render_lines(&lines.pyramid, 0, areas.pyramid, buf);
    if let Some(headline_area) = areas.headline {
        text::render_lines(&lines.headline, 0, headline_area, buf);
    }
    let rule = Rect::new(
        areas.document.x,
        areas.document.y.saturating_sub(1),
        areas.document.width,
        1,
    );
    Block::new()
        .borders(Borders::TOP)
        .border_style(theme.border)
        .title(Span::styled(say::DETAILS, theme.dim))
        .render(rule, buf);
    let details = &lines.details;
    let max = details
        .len()
        .saturating_sub(usize::from(areas.document.height));
    let offset = usize::from(open.verdict.scroll).min(max);
    text::render_lines(details, offset, areas.document, buf);
    let last = lines.items.len().saturating_sub(1);
    if let Some(item) = lines.items.get(open.verdict.selected.min(last)) {
        mark_selected(theme, item, offset, areas.document, buf);
    }
    text::render_scrollbar(details.len(), offset, areas.document, buf);
    open.verdict.layout.record(VerdictLayout {
        page: area.height.saturating_sub(10).max(1),
        max_scroll: u16::try_from(max).unwrap_or(u16::MAX),
        sections: lines
            .sections
            .iter()
            .filter_map(|&start| u16::try_from(start).ok())
            .collect(),
        details: areas.document,
        offset,
        items: lines.items.clone(),
    });
}

/// The selected answer of "What this result turns on": a pointer before
/// its question, which shows in the selection's style.
fn mark_selected(theme: &Theme, item: &ItemLines, offset: usize, area: Rect, buf: &mut Buffer) {
    for line in item.heading.clone() {
        let Some(row) = line
            .checked_sub(offset)
            .and_then(|row| u16::try_from(row).ok())
            .filter(|&row| row < area.height)
        else {
            continue;
        };
        let y = area.y + row;
        // The scrollbar's column is left alone.
        buf.set_style(
            Rect::new(area.x, y, area.width.saturating_sub(1), 1),
            theme.selected,
        );
        if line == item.heading.start {
            buf.set_string(area.x, y, "›", theme.selected);
        }
    }
}
