//! The report as Markdown that reads well on GitHub and in note-taking
//! tools: `aiact export --format md` and the export from the verdict
//! screen. Every piece of text is escaped ([`md`]), so that a system called
//! `*Acme*` stays literally that, and a note cannot add a link, an image or
//! HTML. No code spans: escapes do not work inside them.

use std::fmt::Write;

use aiact_core::verdict::{ObligationResult, RefInfo, Status};

use super::escape::markdown as md;
use super::model::{Report, TimelineEntry, TimelineItem, certainty_note, value_text};
use super::text::{long_date, timestamp};
use super::turns_on;
use super::wording::{
    BECAUSE, DEPENDS_ON_IT, HOW_TO_FIND_OUT, NO_FINDINGS, NO_OPEN_POINTS, NOT_FINISHED,
    NOT_SURE_OF, POSSIBLE_TIER_AFTER, POSSIBLE_TIER_BEFORE, PROVISIONAL_TIER, UNDECIDED,
    UNDECIDED_SUMMARY, open_point_line, other_possible_date,
};

pub fn render(report: &Report) -> String {
    let mut out = String::with_capacity(32 * 1024);
    // Writing to a String cannot fail.
    let _ = write_report(&mut out, report);
    out
}

fn write_report(out: &mut String, report: &Report) -> std::fmt::Result {
    let details = &report.assessment;
    let v = &report.verdict;
    let basis = &v.questionnaire.legal_basis;
    writeln!(out, "# EU AI Act assessment: {}", md(&details.system_name))?;
    writeln!(out)?;
    if let Some(organisation) = &details.organisation {
        writeln!(out, "- **Organisation:** {}", md(organisation))?;
    }
    if let Some(assessor) = &details.assessor {
        writeln!(out, "- **Assessor:** {}", md(assessor))?;
    }
    writeln!(
        out,
        "- **Assessment:** created {}, last changed {}",
        timestamp(details.created),
        timestamp(details.updated)
    )?;
    writeln!(out, "- **Verdict of:** {}", long_date(v.evaluated_on))?;
    writeln!(
        out,
        "- **Questionnaire:** {} ({}, version {})",
        md(&v.questionnaire.title),
        md(&v.questionnaire.id),
        md(&v.questionnaire.version)
    )?;
    write!(out, "- **Legal basis:** {}", md(&basis.act))?;
    for amendment in &basis.amended_by {
        write!(out, ", as amended by {}", md(&amendment.act))?;
        if let Some(note) = certainty_note(amendment.status) {
            write!(out, " (*{note}*)")?;
        }
    }
    writeln!(out, "; content checked as of {}", long_date(basis.as_of))?;
    writeln!(out)?;
    writeln!(
        out,
        "> **Not legal advice.** {}",
        md(report.not_legal_advice)
    )?;
    writeln!(out)?;

    if let Some(migration) = &report.migration {
        write!(
            out,
            "> **The questionnaire was updated.** The answers were saved with version {}; this report uses version {}",
            md(&migration.from_version),
            md(&migration.to_version)
        )?;
        if migration.same_version_other_content {
            write!(out, " (same number, other content)")?;
        }
        write!(out, ". The verdict is recomputed")?;
        if let Some(previous) = &migration.previous_tier {
            write!(out, "; the saved one was **{}**", md(&previous.label))?;
        }
        writeln!(out, ".")?;
        for retired in &migration.retired {
            write!(out, ">\n> - {}", md(&retired.question))?;
            if let Some(value) = &retired.value {
                write!(out, " (answer: {})", md(&value_text(value)))?;
            }
            write!(out, " no longer counts: {}", md(&retired.reason))?;
            if let Some(note) = &retired.note {
                write!(out, ". Note: {}", md(note))?;
            }
            writeln!(out)?;
        }
        writeln!(out)?;
    }

    if !v.complete {
        writeln!(out, "> **Not finished.** {NOT_FINISHED}")?;
        writeln!(out, ">")?;
        for question in &v.missing {
            writeln!(out, "> - {}", md(&question.text))?;
        }
        writeln!(out)?;
    }

    write_result(out, report)?;
    write_turns_on(out, report)?;
    write_findings(out, report)?;
    write_timeline(out, report)?;
    let groups = report.obligations();
    write_obligations(out, "Obligations that apply now", &groups.now)?;
    write_obligations(
        out,
        "Obligations that apply from a later date",
        &groups.later,
    )?;
    if !groups.context.is_empty() {
        write_obligations(out, "For context", &groups.context)?;
    }
    write_open_points(out, report)?;
    write_answers(out, report)?;

    writeln!(out, "## About this report")?;
    writeln!(out)?;
    for note in &basis.notes {
        writeln!(out, "{}", md(note))?;
        writeln!(out)?;
    }
    for amendment in &basis.amended_by {
        if let Some(note) = &amendment.note {
            writeln!(out, "{}: {}", md(&amendment.act), md(note))?;
            writeln!(out)?;
        }
    }
    writeln!(
        out,
        "Official text: {}",
        link(&basis.official_text_url, &basis.official_text_url)
    )?;
    writeln!(out)?;
    writeln!(out, "*Not legal advice.*")
}

fn write_result(out: &mut String, report: &Report) -> std::fmt::Result {
    let v = &report.verdict;
    let (label, summary) = v
        .decided_tier()
        .map_or((UNDECIDED, UNDECIDED_SUMMARY), |tier| {
            (tier.label.as_str(), tier.summary.as_str())
        });
    writeln!(out, "## Result: {}", md(label))?;
    writeln!(out)?;
    // Unfinished, the not-finished notice says why the result is not final.
    if v.tier_status == Status::Provisional && v.complete {
        writeln!(out, "**Provisional:** {PROVISIONAL_TIER}")?;
        writeln!(out)?;
    }
    writeln!(out, "{}", md(summary))?;
    writeln!(out)?;
    for possible in &v.possible_tiers {
        writeln!(
            out,
            "{POSSIBLE_TIER_BEFORE} **{}** {POSSIBLE_TIER_AFTER}",
            md(&possible.tier.label)
        )?;
        writeln!(out)?;
    }
    if !v.roles.is_empty() {
        let roles: Vec<String> = v
            .roles
            .iter()
            .map(|role| match role.status {
                Status::Holds => md(&role.label),
                Status::Provisional => format!("{} (provisional)", md(&role.label)),
            })
            .collect();
        writeln!(out, "**Your role:** {}", roles.join(", "))?;
        writeln!(out)?;
    }
    let levels: Vec<_> = report.pyramid().collect();
    if !levels.is_empty() {
        writeln!(out, "Risk pyramid, most demanding first:")?;
        writeln!(out)?;
        let result = v.decided_tier().map(|tier| tier.id.as_str());
        for tier in &levels {
            if Some(tier.id.as_str()) == result {
                writeln!(out, "- **{} ◀ your result**", md(&tier.label))?;
            } else if report.is_possible_tier(&tier.id) {
                writeln!(out, "- {} (possible)", md(&tier.label))?;
            } else {
                writeln!(out, "- {}", md(&tier.label))?;
            }
        }
        if result.is_some() && !levels.iter().any(|tier| Some(tier.id.as_str()) == result) {
            writeln!(out)?;
            writeln!(
                out,
                "Your result, **{}**, is outside the pyramid.",
                md(&v.tier.label)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// The answers the result turns on, right after the result.
fn write_turns_on(out: &mut String, report: &Report) -> std::fmt::Result {
    let Some(section) = turns_on::section(&report.verdict) else {
        return Ok(());
    };
    writeln!(out, "## {}", turns_on::TITLE)?;
    writeln!(out)?;
    if section.is_empty() {
        writeln!(out, "{}", turns_on::NOTHING)?;
        return writeln!(out);
    }
    writeln!(out, "{}", turns_on::INTRO)?;
    writeln!(out)?;
    for item in &section.items {
        writeln!(out, "### {}", md(item.question_text))?;
        writeln!(out)?;
        writeln!(
            out,
            "{} **{}**{}",
            turns_on::YOU_ANSWERED,
            md(&item.answer),
            item.call_note()
        )?;
        writeln!(out)?;
        for alternative in &item.alternatives {
            writeln!(out, "- {}", md(alternative))?;
        }
        if let Some(more) = &item.more {
            writeln!(out, "- {more}")?;
        }
        writeln!(out)?;
        if let Some(hint) = item.hint {
            writeln!(out, "**{}** {}", turns_on::HOW_TO_CHECK, md(hint))?;
            writeln!(out)?;
        }
    }
    if !section.also.is_empty() {
        writeln!(out, "{}", turns_on::ALSO)?;
        writeln!(out)?;
        for also in &section.also {
            writeln!(
                out,
                "- {} → **{}**. {}",
                md(also.question_text),
                md(&also.answer),
                md(&also.alternative)
            )?;
        }
        writeln!(out)?;
    }
    if !section.further.is_empty() {
        writeln!(out, "{}", turns_on::FURTHER)?;
        writeln!(out)?;
        for item in &section.further {
            writeln!(
                out,
                "- {} → **{}**",
                md(item.question_text),
                md(&item.answer)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_findings(out: &mut String, report: &Report) -> std::fmt::Result {
    let v = &report.verdict;
    writeln!(out, "## Findings")?;
    writeln!(out)?;
    if v.findings.is_empty() {
        writeln!(out, "{NO_FINDINGS}")?;
        writeln!(out)?;
    }
    for finding in &v.findings {
        writeln!(out, "### {}{}", md(&finding.title), status(finding.status))?;
        writeln!(out)?;
        writeln!(out, "{}", md(&finding.explanation))?;
        writeln!(out)?;
        if !finding.because.is_empty() {
            writeln!(out, "{BECAUSE}")?;
            writeln!(out)?;
            for reason in &finding.because {
                writeln!(
                    out,
                    "- {} → **{}**",
                    md(&reason.question_text),
                    md(&reason.answer_label)
                )?;
            }
            writeln!(out)?;
        }
        write_refs_and_caveat(out, &finding.refs, finding.caveat.as_deref())?;
    }
    Ok(())
}

fn write_timeline(out: &mut String, report: &Report) -> std::fmt::Result {
    let items = report.timeline_with_today();
    if items.is_empty() {
        return Ok(());
    }
    writeln!(out, "## When your obligations apply")?;
    writeln!(out)?;
    for item in &items {
        match item {
            TimelineItem::Date(entry) => write_timeline_entry(out, entry)?,
            TimelineItem::Today(today) => {
                writeln!(out, "- **{}**: the date of this verdict", long_date(*today))?;
            }
        }
    }
    writeln!(out)
}

fn write_timeline_entry(out: &mut String, entry: &TimelineEntry<'_>) -> std::fmt::Result {
    let milestone = entry.milestone;
    let when = if entry.passed { "in force" } else { "upcoming" };
    write!(
        out,
        "- **{}**, {when}: {} (",
        long_date(milestone.date),
        md(&milestone.title)
    )?;
    if let Some(note) = certainty_note(milestone.status) {
        write!(out, "date {note}; ")?;
    }
    let count = entry.duties.len();
    writeln!(
        out,
        "{count} {})",
        if count == 1 { "duty" } else { "duties" }
    )
}

fn write_obligations(
    out: &mut String,
    title: &str,
    obligations: &[&ObligationResult],
) -> std::fmt::Result {
    writeln!(out, "## {title}")?;
    writeln!(out)?;
    if obligations.is_empty() {
        writeln!(out, "None.")?;
        writeln!(out)?;
    }
    for o in obligations {
        writeln!(out, "### {}{}", md(&o.title), status(o.status))?;
        writeln!(out)?;
        writeln!(out, "{}", md(&o.summary))?;
        writeln!(out)?;
        let milestone = &o.applies.milestone;
        let when = if o.applies.now {
            "Applies since"
        } else {
            "Applies from"
        };
        write!(
            out,
            "{when} **{}**: {}",
            long_date(milestone.date),
            md(&milestone.source)
        )?;
        if let Some(note) = certainty_note(milestone.status) {
            write!(out, " (*{note}*)")?;
        }
        writeln!(out)?;
        for other in &o.other_possible_dates {
            writeln!(out)?;
            writeln!(out, "{}", md(&other_possible_date(other)))?;
        }
        writeln!(out)?;
        write_refs_and_caveat(out, &o.refs, o.caveat.as_deref())?;
    }
    Ok(())
}

fn write_open_points(out: &mut String, report: &Report) -> std::fmt::Result {
    let v = &report.verdict;
    writeln!(out, "## Open points")?;
    writeln!(out)?;
    if v.open_points.is_empty() {
        writeln!(out, "{NO_OPEN_POINTS}")?;
        writeln!(out)?;
    }
    for question in v.open_questions() {
        writeln!(
            out,
            "### {NOT_SURE_OF} {}",
            md(&question.answer.question_text)
        )?;
        writeln!(out)?;
        if let Some(advice) = &question.answer.if_not_sure {
            writeln!(out, "**{HOW_TO_FIND_OUT}** {}", md(advice))?;
            writeln!(out)?;
        }
        writeln!(out, "{DEPENDS_ON_IT}")?;
        writeln!(out)?;
        for mention in &question.points {
            writeln!(out, "- {}", md(&open_point_line(mention)))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_answers(out: &mut String, report: &Report) -> std::fmt::Result {
    writeln!(out, "## Your answers")?;
    writeln!(out)?;
    for (section, lines) in report.answers_by_section() {
        writeln!(out, "### {}", md(section))?;
        writeln!(out)?;
        for line in lines {
            let answer = match (&line.answer_label, line.optional) {
                (Some(label), _) => format!("**{}**", md(label)),
                (None, true) => "*left out (optional)*".to_owned(),
                (None, false) => "*not answered yet*".to_owned(),
            };
            let provisional = if line.provisional {
                " (asked because of a \"not sure\")"
            } else {
                ""
            };
            writeln!(out, "- {} → {answer}{provisional}", md(&line.question_text))?;
            if let Some(note) = &line.note {
                writeln!(out, "  - Note: {}", md(note))?;
            }
        }
        writeln!(out)?;
    }
    if !report.other_notes.is_empty() {
        writeln!(out, "### Other notes")?;
        writeln!(out)?;
        writeln!(out, "On questions that are not on your path (any more):")?;
        writeln!(out)?;
        for other in &report.other_notes {
            let question = match &other.question_text {
                Some(text) => md(text),
                None => format!("{} (no longer in the questionnaire)", md(&other.question)),
            };
            writeln!(out, "- {question}: {}", md(&other.note))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn status(status: Status) -> &'static str {
    match status {
        Status::Holds => "",
        Status::Provisional => " (provisional)",
    }
}

fn write_refs_and_caveat(
    out: &mut String,
    refs: &[RefInfo],
    caveat: Option<&str>,
) -> std::fmt::Result {
    if !refs.is_empty() {
        let links: Vec<String> = refs.iter().map(|r| link(&r.label, &r.url)).collect();
        writeln!(out, "See: {}", links.join(", "))?;
        writeln!(out)?;
    }
    if let Some(caveat) = caveat {
        writeln!(out, "> **Caution:** {}", md(caveat))?;
        writeln!(out)?;
    }
    Ok(())
}

/// `[label](url)` for a web address; the escaped label alone otherwise.
fn link(label: &str, url: &str) -> String {
    let lower = url.trim_start().to_ascii_lowercase();
    let web = lower.starts_with("https://") || lower.starts_with("http://");
    if web && !url.contains(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>')) {
        format!("[{}]({})", md(label), url.trim())
    } else {
        md(label)
    }
}
