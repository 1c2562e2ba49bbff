//! The verdict: the tier in the risk pyramid, then its sections in the
//! order every surface shows them (issue 13, [`outline`]): the result,
//! what you must do by when, what the result turns on, the open points,
//! the findings and why, the duties of others in the chain.

use aiact_core::Verdict;
use aiact_core::verdict::{ObligationResult, RefInfo, Section, Status};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::{pyramid, text};
use crate::report::outline::{self, Launch, Plan};
use crate::report::text::long_date;
use crate::report::turns_on;
use crate::report::wording::{
    self, BECAUSE, DEPENDS_ON_IT, HOW_TO_FIND_OUT, NOT_SURE_OF, PROVISIONAL_TIER, open_point_line,
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
    let worded = outline::headline(verdict);
    let mut lines = text::wrap(
        &say::result(&worded.label, &worded.title),
        width,
        theme.title,
    );
    // Unfinished, the not-finished notice says why the result is not final.
    if worded.provisional {
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
    if let Some(basis) = &worded.basis {
        lines.extend(text::wrap(
            &format!("{} {basis}", wording::BASIS),
            width,
            theme.text,
        ));
    }
    lines.extend(text::wrap(worded.summary, width, theme.text));
    for sentence in worded
        .context
        .iter()
        .copied()
        .chain(worded.also.iter().map(String::as_str))
    {
        lines.extend(text::wrap(sentence, width, theme.text));
    }
    for possible in &worded.possible {
        lines.extend(text::wrap(
            &say::may_turn_out(possible),
            width,
            theme.provisional,
        ));
    }
    lines.extend(text::wrap(
        &say::counts(
            verdict.findings.len(),
            verdict.open_questions().len(),
            keymap::keys_for(Action::NextSection, Context::Verdict),
        ),
        width,
        theme.text,
    ));
    if !worded.roles.is_empty() {
        lines.extend(text::wrap(
            &format!("{} {}", wording::ROLE, worded.roles.join(", ")),
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

    let mut items = Vec::new();
    for part in verdict.sections() {
        match part {
            // The headline is above the details or beside the pyramid;
            // a look-ahead to the launch opens the details.
            Section::Result => launch_lines(verdict, theme, width, &mut lines),
            Section::Plan => {
                section(&mut lines, &mut sections, &wording::PLAN.to_uppercase());
                plan_lines(&mut lines, &outline::plan(verdict), theme, width);
            }
            Section::TurnsOn => {
                items = turns_on_lines(open, verdict, theme, width, &mut lines, &mut sections);
            }
            Section::OpenPoints => {
                section(&mut lines, &mut sections, say::OPEN_POINTS);
                open_points_lines(&mut lines, verdict, theme, width);
            }
            Section::Findings => {
                section(&mut lines, &mut sections, say::FINDINGS);
                findings_lines(&mut lines, verdict, theme, width);
            }
            Section::Others => {
                section(&mut lines, &mut sections, &wording::OTHERS.to_uppercase());
                others_lines(&mut lines, verdict, theme, width);
            }
        }
    }

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

/// A system in development: the offer to look ahead to its launch, or the
/// launch's result and what to prepare, labelled as not applying yet.
fn launch_lines(verdict: &Verdict, theme: &Theme, width: u16, lines: &mut Vec<Line<'static>>) {
    match outline::launch(verdict) {
        None => {}
        Some(Launch::Offer { text: offer, .. }) => {
            lines.extend(text::wrap(&offer, width, theme.text));
            let keys = keymap::keys_for(Action::LaunchQuestions, Context::Verdict);
            lines.extend(text::wrap(&say::launch_keys(keys), width, theme.dim));
            lines.push(Line::default());
        }
        Some(Launch::Result {
            headline,
            missing,
            plan,
        }) => {
            lines.extend(text::wrap(
                &say::result(&headline.label, &headline.title),
                width,
                theme.title,
            ));
            lines.extend(text::wrap(headline.summary, width, theme.text));
            if let Some(missing) = missing {
                lines.extend(text::wrap(&missing, width, theme.provisional));
            }
            lines.push(Line::default());
            if let Some(plan) = plan {
                let heading = wording::PREPARE_FOR_LAUNCH.to_uppercase();
                lines.push(Line::styled(heading, theme.heading));
                plan_lines(lines, &plan, theme, width);
            }
        }
    }
}

/// "What you must do, by when": each step's duties on a timeline, a line
/// each (what they ask is in the reports), the context items, then each
/// date once with its source.
fn plan_lines(lines: &mut Vec<Line<'static>>, plan: &Plan<'_>, theme: &Theme, width: u16) {
    for step in &plan.steps {
        lines.extend(text::prefixed(
            Span::styled("  ○ ", theme.title),
            &step.heading(),
            width,
            theme.title,
        ));
        if let Some(condition) = &step.condition {
            lines.extend(text::hanging(
                Span::raw(GUTTER),
                GUTTER,
                condition,
                width,
                theme.provisional,
            ));
        }
        for duty in &step.duties {
            duty_lines(lines, duty, step.duty_status(duty), theme, width);
        }
    }
    if !plan.context.is_empty() {
        lines.push(Line::styled(say::FOR_CONTEXT, theme.title));
        for item in &plan.context {
            duty_lines(lines, item, item.status, theme, width);
        }
    }
    if !plan.dates.is_empty() {
        lines.extend(text::wrap(
            &format!("  {}", wording::DATES),
            width,
            theme.dim,
        ));
        for milestone in &plan.dates {
            lines.extend(text::prefixed(
                Span::raw("    "),
                &outline::date_note(milestone),
                width,
                theme.dim,
            ));
        }
        if outline::any_reported(plan) {
            lines.extend(text::prefixed(
                Span::raw("    "),
                wording::REPORTED_LEGEND,
                width,
                theme.dim,
            ));
        }
    }
    lines.push(Line::default());
}

fn open_points_lines(lines: &mut Vec<Line<'static>>, verdict: &Verdict, theme: &Theme, width: u16) {
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
}

/// The findings: the steps every verdict passes through in one line, then
/// the others with the answers that decided them.
fn findings_lines(lines: &mut Vec<Line<'static>>, verdict: &Verdict, theme: &Theme, width: u16) {
    let findings = outline::findings(verdict);
    if let Some(gates) = &findings.gates {
        lines.extend(text::prefixed(
            Span::styled("  ✔ ", theme.title),
            gates,
            width,
            theme.dim,
        ));
    }
    for finding in findings.shown {
        let (marker, style) = match finding.status {
            Status::Holds => ("✔ ", theme.title),
            Status::Provisional => ("? ", theme.provisional),
        };
        lines.extend(text::prefixed(
            Span::styled(format!("  {marker}"), style),
            &outline::finding_title(finding),
            width,
            style,
        ));
        lines.extend(text::prefixed(
            Span::raw("    "),
            &finding.explanation,
            width,
            theme.text,
        ));
        let because = outline::because(finding);
        if !because.is_empty() {
            lines.push(Line::styled(format!("    {BECAUSE}"), theme.dim));
            for reason in because {
                lines.extend(text::prefixed(
                    Span::raw("    • "),
                    &format!("{} → {}", reason.question_text, reason.answer_label),
                    width,
                    theme.text,
                ));
            }
        }
        refs(lines, &finding.refs, theme, width);
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
}

fn others_lines(lines: &mut Vec<Line<'static>>, verdict: &Verdict, theme: &Theme, width: u16) {
    for group in outline::others(verdict) {
        lines.extend(text::wrap(
            &format!("  {}:", group.actor),
            width,
            theme.title,
        ));
        for duty in group.duties {
            lines.extend(text::prefixed(
                Span::raw("    • "),
                &outline::others_line(duty),
                width,
                theme.text,
            ));
        }
    }
    lines.push(Line::default());
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

/// A duty on the plan's timeline, in a line: its title and articles.
fn duty_lines(
    lines: &mut Vec<Line<'static>>,
    duty: &ObligationResult,
    status: Status,
    theme: &Theme,
    width: u16,
) {
    lines.extend(text::hanging(
        Span::raw(GUTTER),
        DETAIL_GUTTER,
        &outline::duty_line(duty, status),
        width,
        theme.text,
    ));
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
