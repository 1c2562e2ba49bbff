//! The report as Markdown that reads well on GitHub and in note-taking
//! tools: `aiact export --format md` and the export from the verdict
//! screen. Every piece of text is escaped ([`md`]), so that a system called
//! `*Acme*` stays literally that, and a note cannot add a link, an image or
//! HTML. No code spans: escapes do not work inside them.

use std::fmt::Write;

use aiact_core::verdict::{ObligationResult, RefInfo, Section, Status};

use super::escape::markdown as md;
use super::model::{AnswerLine, Report, certainty_note, value_text};
use super::outline::{self, Headline, Launch, Plan};
use super::text::long_date;
use super::turns_on;
use super::wording::{
    self, BECAUSE, DEPENDS_ON_IT, HOW_TO_FIND_OUT, NOT_FINISHED, NOT_SURE_OF, POSSIBLE_TIER_AFTER,
    POSSIBLE_TIER_BEFORE, PROVISIONAL_TIER, open_point_line,
};

pub fn render(report: &Report) -> String {
    super::written(32 * 1024, |out| write_report(out, report))
}

fn write_report(out: &mut String, report: &Report) -> std::fmt::Result {
    let details = &report.assessment.metadata;
    let v = &report.verdict;
    let basis = &v.questionnaire.legal_basis;
    writeln!(out, "# EU AI Act assessment: {}", md(&details.system_name))?;
    writeln!(out)?;
    for (label, value) in report.assessment.people() {
        writeln!(out, "- **{label}:** {}", md(value))?;
    }
    writeln!(
        out,
        "- **Assessment:** {}",
        report.assessment.created_and_changed()
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
        let sentence = wording::questionnaire_updated(migration, md, ["**", "**"]);
        writeln!(out, "> **The questionnaire was updated.** {sentence}")?;
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

    for section in v.sections() {
        match section {
            Section::Result => write_result(out, report)?,
            Section::Plan => write_plan(out, &outline::plan(v), wording::PLAN)?,
            Section::TurnsOn => write_turns_on(out, report)?,
            Section::OpenPoints => write_open_points(out, report)?,
            Section::Findings => write_findings(out, report)?,
            Section::Others => write_others(out, report)?,
        }
    }
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
    let launch = outline::launch(v);
    write_headline(out, "##", &outline::headline(v))?;
    write_pyramid(out, report, outline::launch_tier(v))?;
    match launch {
        None => Ok(()),
        Some(Launch::Offer { text, .. }) => {
            writeln!(out, "{}", md(&text))?;
            writeln!(out)
        }
        Some(Launch::Result {
            headline,
            missing,
            plan,
        }) => {
            write_headline(out, "##", &headline)?;
            if let Some(missing) = missing {
                writeln!(out, "{missing}")?;
                writeln!(out)?;
            }
            match plan {
                Some(plan) => write_plan(out, &plan, wording::PREPARE_FOR_LAUNCH),
                None => Ok(()),
            }
        }
    }
}

fn write_headline(out: &mut String, level: &str, headline: &Headline<'_>) -> std::fmt::Result {
    writeln!(
        out,
        "{level} {}: {}",
        md(&headline.label),
        md(&headline.title)
    )?;
    writeln!(out)?;
    if headline.provisional {
        writeln!(out, "**Provisional:** {PROVISIONAL_TIER}")?;
        writeln!(out)?;
    }
    if let Some(basis) = &headline.basis {
        writeln!(out, "**{}** {}", wording::BASIS, md(basis))?;
        writeln!(out)?;
    }
    writeln!(out, "{}", md(headline.summary))?;
    writeln!(out)?;
    for sentence in headline.sentences() {
        writeln!(out, "{}", md(sentence))?;
        writeln!(out)?;
    }
    for possible in &headline.possible {
        writeln!(
            out,
            "{POSSIBLE_TIER_BEFORE} **{}** {POSSIBLE_TIER_AFTER}",
            md(possible)
        )?;
        writeln!(out)?;
    }
    if !headline.roles.is_empty() {
        let roles: Vec<String> = headline.roles.iter().map(|role| md(role)).collect();
        writeln!(out, "**{}** {}", wording::ROLE, roles.join(", "))?;
        writeln!(out)?;
    }
    Ok(())
}

/// The pyramid as a list, the result marked in words; the launch's tier
/// too, as not applying yet.
fn write_pyramid(out: &mut String, report: &Report, launch: Option<&str>) -> std::fmt::Result {
    let v = &report.verdict;
    let levels: Vec<_> = report.pyramid().collect();
    if levels.is_empty() {
        return Ok(());
    }
    writeln!(out, "Risk pyramid, most demanding first:")?;
    writeln!(out)?;
    let result = v.decided_tier().map(|tier| tier.id.as_str());
    for tier in &levels {
        if Some(tier.id.as_str()) == result {
            writeln!(out, "- **{} ◀ your result**", md(&tier.label))?;
        } else if Some(tier.id.as_str()) == launch {
            writeln!(out, "- {} ◇ {}", md(&tier.label), wording::LAUNCH_MARK)?;
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
    writeln!(out)
}

/// "What you must do, by when": each step's duties with what they ask,
/// the context items, then each date once.
fn write_plan(out: &mut String, plan: &Plan<'_>, title: &str) -> std::fmt::Result {
    writeln!(out, "## {}", md(title))?;
    writeln!(out)?;
    for step in &plan.steps {
        writeln!(out, "### {}", md(&step.heading()))?;
        writeln!(out)?;
        if let Some(condition) = &step.condition {
            writeln!(out, "{}", md(condition))?;
            writeln!(out)?;
        }
        for duty in &step.duties {
            write_duty(out, duty, step.duty_status(duty))?;
        }
        writeln!(out)?;
    }
    if !plan.context.is_empty() {
        writeln!(out, "**{}**", wording::CONTEXT_ITEMS)?;
        writeln!(out)?;
        for item in &plan.context {
            write_duty(out, item, item.status)?;
        }
        writeln!(out)?;
    }
    if !plan.dates.is_empty() {
        writeln!(out, "**{}**", wording::DATES)?;
        writeln!(out)?;
        for milestone in &plan.dates {
            writeln!(out, "- {}", md(&outline::date_note(milestone)))?;
        }
        if outline::any_reported(plan) {
            writeln!(out, "- {}", md(wording::REPORTED_LEGEND))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// A duty in a list item: its title and articles, what it asks, a caution.
/// A duty: title and articles, `status`'s mark, what it asks, a caution.
fn write_duty(out: &mut String, duty: &ObligationResult, status: Status) -> std::fmt::Result {
    write!(out, "- **{}**", md(&duty.title))?;
    if !duty.refs.is_empty() {
        write!(out, " ({})", links(&duty.refs))?;
    }
    writeln!(out, "{}", status_mark(status))?;
    writeln!(out, "  {}", md(&duty.summary))?;
    if let Some(caveat) = &duty.caveat {
        writeln!(out, "  *Caution:* {}", md(caveat))?;
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
    for (title, lines) in section.lists() {
        writeln!(out, "{title}")?;
        writeln!(out)?;
        for line in lines {
            write!(out, "{}", answer_item(line.question_text, line.answer))?;
            if let Some(alternative) = line.alternative {
                write!(out, ". {}", md(alternative))?;
            }
            writeln!(out)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_findings(out: &mut String, report: &Report) -> std::fmt::Result {
    let findings = outline::findings(&report.verdict);
    writeln!(out, "## {}", wording::FINDINGS)?;
    writeln!(out)?;
    if let Some(gates) = &findings.gates {
        writeln!(out, "{}", md(gates))?;
        writeln!(out)?;
    }
    for finding in findings.shown {
        writeln!(out, "### {}", md(&outline::finding_title(finding)))?;
        writeln!(out)?;
        writeln!(out, "{}", md(&finding.explanation))?;
        writeln!(out)?;
        let because = outline::because(finding);
        if !because.is_empty() {
            writeln!(out, "{BECAUSE}")?;
            writeln!(out)?;
            for reason in because {
                writeln!(
                    out,
                    "{}",
                    answer_item(&reason.question_text, &reason.answer_label)
                )?;
            }
            writeln!(out)?;
        }
        write_refs_and_caveat(out, &finding.refs, finding.caveat.as_deref())?;
    }
    Ok(())
}

fn write_others(out: &mut String, report: &Report) -> std::fmt::Result {
    writeln!(out, "## {}", wording::OTHERS)?;
    writeln!(out)?;
    for group in outline::others(&report.verdict) {
        writeln!(out, "**{}**", md(group.actor))?;
        writeln!(out)?;
        for duty in group.duties {
            writeln!(out, "- {}", md(&outline::others_line(duty)))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn write_open_points(out: &mut String, report: &Report) -> std::fmt::Result {
    writeln!(out, "## {}", wording::OPEN_POINTS)?;
    writeln!(out)?;
    for question in report.verdict.open_questions() {
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
    writeln!(out, "## {}", wording::ANSWERS)?;
    writeln!(out)?;
    write_answer_lines(out, &report.answers_by_section())?;
    if let Some(title) = report.look_ahead_title() {
        writeln!(out, "## {}", md(&title))?;
        writeln!(out)?;
        write_answer_lines(out, &report.look_ahead_by_section())?;
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

/// Answers by section, each with its note.
fn write_answer_lines(out: &mut String, sections: &[(&str, Vec<&AnswerLine>)]) -> std::fmt::Result {
    for (section, lines) in sections {
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
    Ok(())
}

/// A list item of a question and its answer: "- Question → **Answer**".
fn answer_item(question: &str, answer: &str) -> String {
    format!("- {} → **{}**", md(question), md(answer))
}

fn status_mark(status: Status) -> &'static str {
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
        writeln!(out, "See: {}", links(refs))?;
        writeln!(out)?;
    }
    if let Some(caveat) = caveat {
        writeln!(out, "> **Caution:** {}", md(caveat))?;
        writeln!(out)?;
    }
    Ok(())
}

/// The references as links, comma-separated.
fn links(refs: &[RefInfo]) -> String {
    let links: Vec<String> = refs.iter().map(|r| link(&r.label, &r.url)).collect();
    links.join(", ")
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
