//! The report as one self-contained HTML page: inline CSS, the risk pyramid
//! as inline SVG and the obligations timeline in CSS, no script and no
//! external resource (a Content-Security-Policy forbids loading any), a
//! print stylesheet for "Save as PDF". Every piece of text is escaped.

use std::fmt::Write;

use aiact_core::model::Certainty;
use aiact_core::verdict::{ObligationResult, RefInfo, Status};

use super::escape::{html as e, html_url};
use super::model::{Report, TimelineEntry, TimelineItem, certainty_note, value_text};
use super::text::{long_date, timestamp};
use super::turns_on;
use super::wording::{
    BECAUSE, DEPENDS_ON_IT, HOW_TO_FIND_OUT, NO_FINDINGS, NO_OPEN_POINTS, NOT_FINISHED,
    NOT_SURE_OF, POSSIBLE_TIER_AFTER, POSSIBLE_TIER_BEFORE, PROVISIONAL_TIER, UNDECIDED,
    UNDECIDED_SUMMARY, open_point_line, other_possible_date,
};

const STYLE: &str = include_str!("report.css");

/// Fill colours of the pyramid's levels, top (most demanding) first.
const LEVEL_COLOURS: &[&str] = &["#b3261e", "#e8710a", "#f2c230", "#3c8d40"];

pub fn render(report: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024);
    // Writing to a String cannot fail.
    let _ = write_page(&mut out, report);
    out
}

fn write_page(out: &mut String, report: &Report) -> std::fmt::Result {
    let details = &report.assessment;
    let v = &report.verdict;
    let basis = &v.questionnaire.legal_basis;
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    // Nothing may be loaded from anywhere: no script, no font, no image.
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    )?;
    writeln!(out, "<meta name=\"generator\" content=\"aiact\">")?;
    writeln!(
        out,
        "<title>EU AI Act assessment: {}</title>",
        e(&details.system_name)
    )?;
    writeln!(out, "<style>\n{STYLE}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;

    writeln!(out, "<header>")?;
    writeln!(out, "<p class=\"kicker\">{}</p>", e(&v.questionnaire.title))?;
    writeln!(out, "<h1>{}</h1>", e(&details.system_name))?;
    writeln!(out, "<dl class=\"meta\">")?;
    if let Some(organisation) = &details.organisation {
        meta_row(out, "Organisation", &e(organisation))?;
    }
    if let Some(assessor) = &details.assessor {
        meta_row(out, "Assessor", &e(assessor))?;
    }
    meta_row(
        out,
        "Assessment",
        &format!(
            "created {}, last changed {}",
            e(&timestamp(details.created)),
            e(&timestamp(details.updated))
        ),
    )?;
    meta_row(out, "Verdict of", &e(&long_date(v.evaluated_on)))?;
    meta_row(
        out,
        "Questionnaire",
        &format!(
            "{} (<code>{}</code>, version {})",
            e(&v.questionnaire.title),
            e(&v.questionnaire.id),
            e(&v.questionnaire.version)
        ),
    )?;
    let mut legal = e(&basis.act);
    for amendment in &basis.amended_by {
        let _ = write!(legal, ", as amended by {}", e(&amendment.act));
        if let Some(note) = certainty_note(amendment.status) {
            let _ = write!(legal, " <span class=\"badge reported\">{note}</span>");
        }
    }
    let _ = write!(
        legal,
        "; content checked as of {}",
        e(&long_date(basis.as_of))
    );
    meta_row(out, "Legal basis", &legal)?;
    writeln!(out, "</dl>")?;
    writeln!(
        out,
        "<p class=\"disclaimer\" role=\"note\"><strong>Not legal advice.</strong> {}</p>",
        e(report.not_legal_advice)
    )?;
    writeln!(out, "</header>")?;

    writeln!(out, "<main>")?;
    write_migration(out, report)?;
    if !v.complete {
        writeln!(
            out,
            "<section class=\"notice\" id=\"not-finished\"><h2>Not finished</h2>"
        )?;
        writeln!(out, "<p>{NOT_FINISHED}</p><ul>")?;
        for question in &v.missing {
            writeln!(out, "<li>{}</li>", e(&question.text))?;
        }
        writeln!(out, "</ul></section>")?;
    }
    write_result(out, report)?;
    write_turns_on(out, report)?;
    write_findings(out, report)?;
    write_timeline(out, report)?;
    let groups = report.obligations();
    write_obligations(
        out,
        "obligations-now",
        "Obligations that apply now",
        &groups.now,
        "None.",
    )?;
    write_obligations(
        out,
        "obligations-later",
        "Obligations that apply from a later date",
        &groups.later,
        "None.",
    )?;
    if !groups.context.is_empty() {
        write_obligations(
            out,
            "context",
            "For context",
            &groups.context,
            "Nothing to add.",
        )?;
    }
    write_open_points(out, report)?;
    write_answers(out, report)?;

    writeln!(
        out,
        "<section id=\"legal-basis\"><h2>About this report</h2>"
    )?;
    for note in &basis.notes {
        writeln!(out, "<p>{}</p>", e(note))?;
    }
    for amendment in &basis.amended_by {
        if let Some(note) = &amendment.note {
            writeln!(out, "<p>{}: {}</p>", e(&amendment.act), e(note))?;
        }
    }
    match html_url(&basis.official_text_url) {
        Some(url) => writeln!(
            out,
            "<p>Official text: <a href=\"{url}\">{}</a></p>",
            e(&basis.official_text_url)
        )?,
        None => writeln!(out, "<p>Official text: {}</p>", e(&basis.official_text_url))?,
    }
    writeln!(out, "</section>")?;
    writeln!(out, "</main>")?;
    writeln!(
        out,
        "<footer><p><strong>Not legal advice.</strong> {} &middot; {} version {}</p></footer>",
        e(&details.system_name),
        e(&v.questionnaire.id),
        e(&v.questionnaire.version)
    )?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// `value` is HTML already.
fn meta_row(out: &mut String, label: &str, value: &str) -> std::fmt::Result {
    writeln!(out, "<div><dt>{label}</dt><dd>{value}</dd></div>")
}

fn write_migration(out: &mut String, report: &Report) -> std::fmt::Result {
    let Some(migration) = &report.migration else {
        return Ok(());
    };
    writeln!(
        out,
        "<section class=\"notice\" id=\"questionnaire-updated\"><h2>The questionnaire was updated</h2>"
    )?;
    write!(
        out,
        "<p>The answers were saved with version {}; this report uses version {}",
        e(&migration.from_version),
        e(&migration.to_version)
    )?;
    if migration.same_version_other_content {
        write!(out, " (same number, other content)")?;
    }
    write!(out, ". The verdict is recomputed")?;
    if let Some(previous) = &migration.previous_tier {
        write!(
            out,
            "; the saved one was <strong>{}</strong>",
            e(&previous.label)
        )?;
    }
    writeln!(out, ".</p>")?;
    if !migration.retired.is_empty() {
        writeln!(out, "<p>These answers no longer count:</p><ul>")?;
        for retired in &migration.retired {
            write!(out, "<li><code>{}</code>", e(&retired.question))?;
            if let Some(value) = &retired.value {
                write!(out, " (answer: {})", e(&value_text(value)))?;
            }
            write!(out, ": {}", e(&retired.reason))?;
            if let Some(note) = &retired.note {
                write!(out, "<br><span class=\"note\">Note: {}</span>", e(note))?;
            }
            writeln!(out, "</li>")?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</section>")
}

fn write_result(out: &mut String, report: &Report) -> std::fmt::Result {
    let v = &report.verdict;
    writeln!(out, "<section id=\"result\"><h2>Result</h2>")?;
    writeln!(out, "<div class=\"result\">")?;
    write_pyramid(out, report)?;
    writeln!(out, "<div class=\"result-text\">")?;
    let (label, summary) = v
        .decided_tier()
        .map_or((UNDECIDED, UNDECIDED_SUMMARY), |tier| {
            (tier.label.as_str(), tier.summary.as_str())
        });
    writeln!(out, "<p class=\"tier\">{}</p>", e(label))?;
    // Unfinished, the not-finished notice says why the result is not final.
    if v.tier_status == Status::Provisional && v.complete {
        writeln!(
            out,
            "<p><span class=\"badge provisional\">Provisional:</span> {PROVISIONAL_TIER}</p>"
        )?;
    }
    writeln!(out, "<p>{}</p>", e(summary))?;
    for possible in &v.possible_tiers {
        writeln!(
            out,
            "<p>{POSSIBLE_TIER_BEFORE} <strong>{}</strong> {POSSIBLE_TIER_AFTER}</p>",
            e(&possible.tier.label)
        )?;
    }
    if !v.roles.is_empty() {
        let roles: Vec<String> = v
            .roles
            .iter()
            .map(|role| match role.status {
                Status::Holds => e(&role.label),
                Status::Provisional => format!("{} (provisional)", e(&role.label)),
            })
            .collect();
        writeln!(
            out,
            "<p><strong>Your role:</strong> {}</p>",
            roles.join(", ")
        )?;
    }
    writeln!(out, "</div></div></section>")
}

/// The pyramid, top level most demanding. The verdict's level is filled in
/// full colour, outlined and pointed at with a written marker; the others
/// are pale. A level the system may turn out to be is dashed and says so.
fn write_pyramid(out: &mut String, report: &Report) -> std::fmt::Result {
    let levels: Vec<_> = report.pyramid().collect();
    if levels.is_empty() {
        return Ok(());
    }
    let v = &report.verdict;
    const LEVEL_HEIGHT: usize = 56;
    const BASE: f64 = 240.0;
    const LABEL_X: usize = 262;
    let height = levels.len() * LEVEL_HEIGHT;
    let total = height as f64;
    let half_width = |y: f64| y / total * BASE / 2.0;
    let centre = BASE / 2.0 + 4.0;
    let result = v.decided_tier();
    let is_result = |id: &str| result.is_some_and(|tier| tier.id == id);
    let headline_in_pyramid = levels.iter().any(|tier| is_result(&tier.id));
    let result_label = result.map_or(UNDECIDED, |tier| tier.label.as_str());
    let description = if headline_in_pyramid || result.is_none() {
        format!(
            "Risk pyramid, from most to least demanding: {}. Your result: {}.",
            levels
                .iter()
                .map(|tier| tier.label.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            result_label
        )
    } else {
        format!(
            "Risk pyramid: {}. Your result, {}, is outside the pyramid.",
            levels
                .iter()
                .map(|tier| tier.label.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            result_label
        )
    };
    writeln!(out, "<figure class=\"pyramid\">")?;
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 520 {}\" role=\"img\" aria-labelledby=\"pyramid-title\">",
        height + 8
    )?;
    writeln!(
        out,
        "<title id=\"pyramid-title\">{}</title>",
        e(&description)
    )?;
    for (i, tier) in levels.iter().enumerate() {
        let top = (i * LEVEL_HEIGHT) as f64 + 4.0;
        let bottom = top + LEVEL_HEIGHT as f64;
        let (top_half, bottom_half) = (half_width(top - 4.0), half_width(bottom - 4.0));
        let colour = LEVEL_COLOURS[(i * (LEVEL_COLOURS.len() - 1)) / (levels.len() - 1).max(1)];
        let is_headline = is_result(&tier.id);
        let possible = report.is_possible_tier(&tier.id);
        let class = match (is_headline, possible) {
            (true, _) => "level headline",
            (false, true) => "level possible",
            (false, false) => "level",
        };
        writeln!(
            out,
            "<polygon class=\"{class}\" fill=\"{colour}\" points=\"{:.1},{top:.1} {:.1},{top:.1} {:.1},{bottom:.1} {:.1},{bottom:.1}\"/>",
            centre - top_half,
            centre + top_half,
            centre + bottom_half,
            centre - bottom_half,
        )?;
        let middle = top + LEVEL_HEIGHT as f64 / 2.0 + 5.0;
        let (label, label_class) = match (is_headline, possible) {
            (true, _) => (
                format!("\u{25c0} YOUR RESULT: {}", tier.label),
                "label headline",
            ),
            (false, true) => (format!("possible: {}", tier.label), "label possible"),
            (false, false) => (tier.label.clone(), "label"),
        };
        writeln!(
            out,
            "<text class=\"{label_class}\" x=\"{LABEL_X}\" y=\"{middle:.1}\">{}</text>",
            e(&label)
        )?;
    }
    writeln!(out, "</svg>")?;
    if let Some(tier) = result.filter(|_| !headline_in_pyramid) {
        writeln!(
            out,
            "<figcaption>Your result, <strong>{}</strong>, is outside the pyramid.</figcaption>",
            e(&tier.label)
        )?;
    }
    writeln!(out, "</figure>")
}

/// The answers the result turns on, right after the result.
fn write_turns_on(out: &mut String, report: &Report) -> std::fmt::Result {
    let Some(section) = turns_on::section(&report.verdict) else {
        return Ok(());
    };
    writeln!(out, "<section id=\"turns-on\"><h2>{}</h2>", turns_on::TITLE)?;
    if section.is_empty() {
        return writeln!(out, "<p>{}</p></section>", turns_on::NOTHING);
    }
    writeln!(out, "<p>{}</p>", turns_on::INTRO)?;
    for item in &section.items {
        writeln!(out, "<article class=\"decisive {}\">", item.css_class())?;
        writeln!(out, "<h3>{}</h3>", e(item.question_text))?;
        writeln!(
            out,
            "<p>{} <strong>{}</strong>{}</p><ul>",
            turns_on::YOU_ANSWERED,
            e(&item.answer),
            item.call_note()
        )?;
        for alternative in &item.alternatives {
            writeln!(out, "<li>{}</li>", e(alternative))?;
        }
        if let Some(more) = &item.more {
            writeln!(out, "<li>{more}</li>")?;
        }
        writeln!(out, "</ul>")?;
        if let Some(hint) = item.hint {
            writeln!(
                out,
                "<p class=\"hint\"><strong>{}</strong> {}</p>",
                turns_on::HOW_TO_CHECK,
                e(hint)
            )?;
        }
        writeln!(out, "</article>")?;
    }
    if !section.also.is_empty() {
        writeln!(out, "<p>{}</p><ul>", turns_on::ALSO)?;
        for also in &section.also {
            writeln!(
                out,
                "<li>{} &rarr; <strong>{}</strong>. {}</li>",
                e(also.question_text),
                e(&also.answer),
                e(&also.alternative)
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    if !section.further.is_empty() {
        writeln!(out, "<p>{}</p><ul>", turns_on::FURTHER)?;
        for item in &section.further {
            writeln!(
                out,
                "<li>{} &rarr; <strong>{}</strong></li>",
                e(item.question_text),
                e(&item.answer)
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</section>")
}

fn write_findings(out: &mut String, report: &Report) -> std::fmt::Result {
    let v = &report.verdict;
    writeln!(out, "<section id=\"findings\"><h2>Findings</h2>")?;
    if v.findings.is_empty() {
        writeln!(out, "<p>{NO_FINDINGS}</p>")?;
    }
    for finding in &v.findings {
        writeln!(out, "<article class=\"finding\">")?;
        writeln!(
            out,
            "<h3>{}{}</h3>",
            e(&finding.title),
            status_badge(finding.status)
        )?;
        writeln!(out, "<p>{}</p>", e(&finding.explanation))?;
        if !finding.because.is_empty() {
            writeln!(out, "<p class=\"because\">{BECAUSE}</p><ul>")?;
            for reason in &finding.because {
                writeln!(
                    out,
                    "<li>{} &rarr; <strong>{}</strong></li>",
                    e(&reason.question_text),
                    e(&reason.answer_label)
                )?;
            }
            writeln!(out, "</ul>")?;
        }
        write_refs_and_caveat(out, &finding.refs, finding.caveat.as_deref())?;
        writeln!(out, "</article>")?;
    }
    writeln!(out, "</section>")
}

/// The dates the duties start, with the verdict's date among them. Each
/// entry says in words whether it has passed: the marker shape is extra.
fn write_timeline(out: &mut String, report: &Report) -> std::fmt::Result {
    let items = report.timeline_with_today();
    writeln!(
        out,
        "<section id=\"timeline\"><h2>When your obligations apply</h2>"
    )?;
    if items.is_empty() {
        writeln!(out, "<p>No dated obligations.</p></section>")?;
        return Ok(());
    }
    writeln!(out, "<ol class=\"timeline\">")?;
    for item in &items {
        match item {
            TimelineItem::Date(entry) => write_timeline_entry(out, entry)?,
            TimelineItem::Today(today) => write_today(out, *today)?,
        }
    }
    writeln!(out, "</ol></section>")
}

fn write_today(out: &mut String, today: jiff::civil::Date) -> std::fmt::Result {
    writeln!(
        out,
        "<li class=\"today\"><time datetime=\"{today}\">{}</time> <strong>Date of this verdict</strong></li>",
        e(&long_date(today))
    )
}

fn write_timeline_entry(out: &mut String, entry: &TimelineEntry<'_>) -> std::fmt::Result {
    let milestone = entry.milestone;
    let (class, when) = if entry.passed {
        ("passed", "In force since")
    } else {
        ("upcoming", "From")
    };
    write!(
        out,
        "<li class=\"{class}\"><time datetime=\"{}\">{when} {}</time> {}",
        milestone.date,
        e(&long_date(milestone.date)),
        e(&milestone.title)
    )?;
    if let Some(note) = certainty_note(milestone.status) {
        write!(out, " <span class=\"badge reported\">date {note}</span>")?;
    }
    writeln!(
        out,
        "<br><span class=\"source\">{}</span>",
        e(&milestone.source)
    )?;
    let count = entry.duties.len();
    let titles: Vec<String> = entry.duties.iter().map(|duty| e(&duty.title)).collect();
    writeln!(
        out,
        "<p class=\"duties\"><strong>{count} {}:</strong> {}</p></li>",
        if count == 1 { "duty" } else { "duties" },
        titles.join(" &middot; ")
    )
}

fn write_obligations(
    out: &mut String,
    id: &str,
    title: &str,
    obligations: &[&ObligationResult],
    none: &str,
) -> std::fmt::Result {
    writeln!(out, "<section id=\"{id}\"><h2>{title}</h2>")?;
    if obligations.is_empty() {
        writeln!(out, "<p>{none}</p>")?;
    }
    for o in obligations {
        writeln!(out, "<article class=\"obligation\">")?;
        writeln!(out, "<h3>{}{}</h3>", e(&o.title), status_badge(o.status))?;
        writeln!(out, "<p>{}</p>", e(&o.summary))?;
        let milestone = &o.applies.milestone;
        let when = if o.applies.now {
            "Applies since"
        } else {
            "Applies from"
        };
        write!(
            out,
            "<p class=\"date\">{when} <strong>{}</strong>: {}",
            e(&long_date(milestone.date)),
            e(&milestone.source)
        )?;
        if milestone.status == Certainty::Reported {
            write!(
                out,
                " <span class=\"badge reported\">reported, not verified</span>"
            )?;
        }
        writeln!(out, "</p>")?;
        for other in &o.other_possible_dates {
            writeln!(
                out,
                "<p class=\"date\">{}</p>",
                e(&other_possible_date(other))
            )?;
        }
        write_refs_and_caveat(out, &o.refs, o.caveat.as_deref())?;
        writeln!(out, "</article>")?;
    }
    writeln!(out, "</section>")
}

fn write_open_points(out: &mut String, report: &Report) -> std::fmt::Result {
    let v = &report.verdict;
    writeln!(out, "<section id=\"open-points\"><h2>Open points</h2>")?;
    if v.open_points.is_empty() {
        writeln!(out, "<p>{NO_OPEN_POINTS}</p>")?;
    }
    for question in v.open_questions() {
        writeln!(out, "<article class=\"open-point\">")?;
        writeln!(
            out,
            "<h3>{NOT_SURE_OF} {}</h3>",
            e(&question.answer.question_text)
        )?;
        if let Some(advice) = &question.answer.if_not_sure {
            writeln!(
                out,
                "<p><strong>{HOW_TO_FIND_OUT}</strong> {}</p>",
                e(advice)
            )?;
        }
        writeln!(out, "<p>{DEPENDS_ON_IT}</p>")?;
        writeln!(out, "<ul>")?;
        for mention in &question.points {
            writeln!(out, "<li>{}</li>", e(&open_point_line(mention)))?;
        }
        writeln!(out, "</ul>")?;
        writeln!(out, "</article>")?;
    }
    writeln!(out, "</section>")
}

fn write_answers(out: &mut String, report: &Report) -> std::fmt::Result {
    writeln!(out, "<section id=\"answers\"><h2>Your answers</h2>")?;
    for (section, lines) in report.answers_by_section() {
        writeln!(out, "<h3>{}</h3>", e(section))?;
        writeln!(
            out,
            "<table class=\"answers\"><colgroup><col class=\"question\"><col class=\"answer\"><col class=\"note\"></colgroup><thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Answer</th><th scope=\"col\">Note</th></tr></thead><tbody>"
        )?;
        for line in lines {
            let answer = match (&line.answer_label, line.optional) {
                (Some(label), _) => e(label),
                (None, true) => "<em>left out (optional)</em>".to_owned(),
                (None, false) => "<em>not answered yet</em>".to_owned(),
            };
            let provisional = if line.provisional {
                " <span class=\"badge provisional\">asked because of a &ldquo;not sure&rdquo;</span>"
            } else {
                ""
            };
            let note = line.note.as_deref().map(e).unwrap_or_default();
            writeln!(
                out,
                "<tr><td>{}</td><td>{answer}{provisional}</td><td class=\"note\">{note}</td></tr>",
                e(&line.question_text)
            )?;
        }
        writeln!(out, "</tbody></table>")?;
    }
    if !report.other_notes.is_empty() {
        writeln!(out, "<h3>Other notes</h3>")?;
        writeln!(
            out,
            "<p>On questions that are not on your path (any more):</p><ul>"
        )?;
        for other in &report.other_notes {
            let question = match &other.question_text {
                Some(text) => e(text),
                None => format!(
                    "<code>{}</code> (no longer in the questionnaire)",
                    e(&other.question)
                ),
            };
            writeln!(
                out,
                "<li>{question}: <span class=\"note\">{}</span></li>",
                e(&other.note)
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</section>")
}

fn status_badge(status: Status) -> &'static str {
    match status {
        Status::Holds => "",
        Status::Provisional => " <span class=\"badge provisional\">provisional</span>",
    }
}

fn write_refs_and_caveat(
    out: &mut String,
    refs: &[RefInfo],
    caveat: Option<&str>,
) -> std::fmt::Result {
    if !refs.is_empty() {
        write_refs(out, refs)?;
    }
    if let Some(caveat) = caveat {
        writeln!(
            out,
            "<p class=\"caveat\"><strong>Caution:</strong> {}</p>",
            e(caveat)
        )?;
    }
    Ok(())
}

fn write_refs(out: &mut String, refs: &[RefInfo]) -> std::fmt::Result {
    let links: Vec<String> = refs
        .iter()
        .map(|r| match html_url(&r.url) {
            Some(url) => format!("<a href=\"{url}\">{}</a>", e(&r.label)),
            None => e(&r.label),
        })
        .collect();
    writeln!(out, "<p class=\"refs\">See: {}</p>", links.join(", "))
}
