//! The verdict as plain text, for `aiact evaluate` and `aiact show`.

use std::fmt::Write;

use aiact_core::Verdict;
use aiact_core::model::Certainty;
use aiact_core::verdict::{ObligationResult, RefInfo, Section, Status};
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::escape::terminal_line;
use super::model::{AnswerLine, Report, value_text};
use super::outline::{self, Headline, Launch, Plan};
use super::turns_on;
use super::wording::{
    self, BECAUSE, DEPENDS_ON_IT, HOW_TO_FIND_OUT, NOT_SURE_OF, POSSIBLE_TIER_AFTER,
    POSSIBLE_TIER_BEFORE, PROVISIONAL_TIER, open_point_line,
};

/// "2 December 2027".
pub fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// The whole verdict, for reading in a terminal or a text file.
pub fn render(verdict: &Verdict) -> String {
    super::written(0, |out| write_verdict(out, verdict))
}

/// "2026-11-23 14:40 UTC": reports are handed around, so they say UTC
/// rather than the time zone of whoever made them.
pub fn timestamp(at: jiff::Timestamp) -> String {
    at.to_zoned(TimeZone::UTC)
        .strftime("%Y-%m-%d %H:%M UTC")
        .to_string()
}

/// The whole report of a saved assessment, for `aiact show`: who and what,
/// the verdict, every answer with its note. Text from the file is made safe
/// for a terminal.
pub fn render_report(report: &Report) -> String {
    super::written(0, |out| write_report(out, report))
}

fn write_report(out: &mut String, report: &Report) -> std::fmt::Result {
    let details = &report.assessment.metadata;
    writeln!(out, "{}", terminal_line(&details.system_name))?;
    for (label, value) in report.assessment.people() {
        writeln!(out, "{label}: {}", terminal_line(value))?;
    }
    writeln!(
        out,
        "Created {}, last changed {}.",
        timestamp(details.created),
        timestamp(details.updated)
    )?;
    writeln!(out, "{}", report.not_legal_advice)?;
    writeln!(out)?;
    if let Some(migration) = &report.migration {
        writeln!(
            out,
            "QUESTIONNAIRE UPDATED: the answers were saved with version {}; this is version {}{}.",
            migration.from_version,
            migration.to_version,
            if migration.same_version_other_content {
                " (same number, other content)"
            } else {
                ""
            }
        )?;
        if let Some(previous) = &migration.previous_tier {
            writeln!(
                out,
                "  The verdict below is recomputed; the saved one was: {}.",
                previous.label
            )?;
        }
        for retired in &migration.retired {
            let value = retired.value.as_ref().map_or_else(String::new, |value| {
                format!(" (answer: {})", value_text(value))
            });
            writeln!(
                out,
                "  The answer to `{}`{} no longer counts: {}",
                terminal_line(&retired.question),
                terminal_line(&value),
                retired.reason
            )?;
            if let Some(note) = &retired.note {
                write_note(out, "    ", note)?;
            }
        }
        writeln!(out)?;
    }
    write_verdict(out, &report.verdict)?;
    writeln!(out)?;
    writeln!(out, "{}", wording::ANSWERS.to_uppercase())?;
    write_answer_lines(out, &report.answers_by_section())?;
    if let Some(title) = report.look_ahead_title() {
        writeln!(out)?;
        writeln!(out, "{}", title.to_uppercase())?;
        write_answer_lines(out, &report.look_ahead_by_section())?;
    }
    if !report.other_notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "OTHER NOTES (on questions not on your path)")?;
        for other in &report.other_notes {
            match &other.question_text {
                Some(text) => writeln!(out, "  {text}")?,
                None => writeln!(
                    out,
                    "  `{}` (no longer in the questionnaire)",
                    terminal_line(&other.question)
                )?,
            }
            write_note(out, "    ", &other.note)?;
        }
    }
    Ok(())
}

/// Answers by section, each with its note.
fn write_answer_lines(out: &mut String, sections: &[(&str, Vec<&AnswerLine>)]) -> std::fmt::Result {
    for (section, lines) in sections {
        writeln!(out, "  {section}")?;
        for line in lines {
            writeln!(out, "    {}", line.question_text)?;
            let answer = match (&line.answer_label, line.optional) {
                (Some(label), _) => terminal_line(label).into_owned(),
                (None, true) => "(left out: optional)".to_owned(),
                (None, false) => "(not answered yet)".to_owned(),
            };
            let provisional = if line.provisional {
                "  (asked because of a \"not sure\": counts provisionally)"
            } else {
                ""
            };
            writeln!(out, "      -> {answer}{provisional}")?;
            if let Some(note) = &line.note {
                write_note(out, "      ", note)?;
            }
        }
    }
    Ok(())
}

/// A note of one or more lines, each made safe and indented.
fn write_note(out: &mut String, indent: &str, note: &str) -> std::fmt::Result {
    for (i, line) in note.lines().enumerate() {
        let label = if i == 0 { "Note: " } else { "      " };
        writeln!(out, "{indent}{label}{}", terminal_line(line))?;
    }
    Ok(())
}

fn write_verdict(out: &mut String, v: &Verdict) -> std::fmt::Result {
    let basis = &v.questionnaire.legal_basis;
    writeln!(
        out,
        "{} (version {})",
        v.questionnaire.title, v.questionnaire.version
    )?;
    write!(out, "Legal basis: {}", basis.act)?;
    for amendment in &basis.amended_by {
        write!(out, ", as amended by {}", amendment.act)?;
        if amendment.status == Certainty::Reported {
            write!(out, " (reported, not verified)")?;
        }
    }
    writeln!(out, "; content as of {}.", long_date(basis.as_of))?;
    writeln!(out, "Verdict of {}.", long_date(v.evaluated_on))?;
    writeln!(out)?;

    if !v.complete {
        writeln!(out, "NOT FINISHED: these questions still need an answer:")?;
        for question in &v.missing {
            writeln!(out, "  - {} [{}]", question.text, question.id)?;
        }
        writeln!(out, "What follows is only what the answers so far show.")?;
        writeln!(out)?;
    }

    for (n, section) in v.sections().into_iter().enumerate() {
        // What the result turns on starts with its own blank line.
        if n > 0 && section != Section::TurnsOn {
            writeln!(out)?;
        }
        match section {
            Section::Result => write_result(out, v)?,
            Section::Plan => write_plan(out, &outline::plan(v), &wording::PLAN.to_uppercase())?,
            Section::TurnsOn => write_turns_on(out, v)?,
            Section::OpenPoints => write_open_points(out, v)?,
            Section::Findings => write_findings(out, v)?,
            Section::Others => write_others(out, v)?,
        }
    }

    writeln!(out)?;
    for note in &basis.notes {
        writeln!(out, "{note}")?;
    }
    writeln!(out, "Official text: {}", basis.official_text_url)?;
    Ok(())
}

/// The result, and a system in development's result for its launch.
fn write_result(out: &mut String, v: &Verdict) -> std::fmt::Result {
    write_headline(out, &outline::headline(v))?;
    match outline::launch(v) {
        None => Ok(()),
        Some(Launch::Offer { text, .. }) => writeln!(out, "  {text}"),
        Some(Launch::Result {
            headline,
            missing,
            plan,
        }) => {
            writeln!(out)?;
            write_headline(out, &headline)?;
            if let Some(missing) = missing {
                writeln!(out, "  {missing}")?;
            }
            if let Some(plan) = plan {
                writeln!(out)?;
                write_plan(out, &plan, &wording::PREPARE_FOR_LAUNCH.to_uppercase())?;
            }
            Ok(())
        }
    }
}

fn write_headline(out: &mut String, headline: &Headline<'_>) -> std::fmt::Result {
    let provisional = if headline.provisional {
        " (PROVISIONAL)"
    } else {
        ""
    };
    writeln!(
        out,
        "{}: {}{provisional}",
        headline.label.to_uppercase(),
        headline.title.to_uppercase()
    )?;
    if let Some(basis) = &headline.basis {
        writeln!(out, "  {} {basis}", wording::BASIS)?;
    }
    writeln!(out, "  {}", headline.summary)?;
    if headline.provisional {
        writeln!(out, "  Provisional: {PROVISIONAL_TIER}")?;
    }
    for sentence in headline.sentences() {
        writeln!(out, "  {sentence}")?;
    }
    for possible in &headline.possible {
        writeln!(
            out,
            "  {POSSIBLE_TIER_BEFORE} {} {POSSIBLE_TIER_AFTER}",
            possible.to_uppercase()
        )?;
    }
    if !headline.roles.is_empty() {
        writeln!(out, "  {} {}", wording::ROLE, headline.roles.join(", "))?;
    }
    Ok(())
}

/// "What you must do, by when": each step's duties with what they ask,
/// the context items, then each date once with its source.
fn write_plan(out: &mut String, plan: &Plan<'_>, title: &str) -> std::fmt::Result {
    writeln!(out, "{title}")?;
    for step in &plan.steps {
        writeln!(out, "  {}", step.heading())?;
        if let Some(condition) = &step.condition {
            writeln!(out, "    {}", terminal_line(condition))?;
        }
        for duty in &step.duties {
            write_duty(out, duty, step.duty_status(duty))?;
        }
    }
    if !plan.context.is_empty() {
        writeln!(out, "  {}", wording::CONTEXT_ITEMS)?;
        for item in &plan.context {
            write_duty(out, item, item.status)?;
        }
    }
    if !plan.dates.is_empty() {
        writeln!(out, "  {}", wording::DATES)?;
        for milestone in &plan.dates {
            writeln!(out, "    {}", outline::date_note(milestone))?;
        }
        if outline::any_reported(plan) {
            writeln!(out, "    {}", wording::REPORTED_LEGEND)?;
        }
    }
    Ok(())
}

/// A duty of the plan: its line, what it asks, its caution.
fn write_duty(out: &mut String, duty: &ObligationResult, status: Status) -> std::fmt::Result {
    writeln!(out, "    - {}", outline::duty_line(duty, status))?;
    writeln!(out, "      {}", duty.summary)?;
    if let Some(caveat) = &duty.caveat {
        writeln!(out, "      Caution: {caveat}")?;
    }
    Ok(())
}

fn write_open_points(out: &mut String, v: &Verdict) -> std::fmt::Result {
    writeln!(out, "{}", wording::OPEN_POINTS.to_uppercase())?;
    for question in v.open_questions() {
        writeln!(out, "  ? {NOT_SURE_OF} {}", question.answer.question_text)?;
        if let Some(advice) = &question.answer.if_not_sure {
            writeln!(out, "    {HOW_TO_FIND_OUT} {advice}")?;
        }
        writeln!(out, "    {DEPENDS_ON_IT}")?;
        for mention in &question.points {
            writeln!(out, "      - {}", open_point_line(mention))?;
        }
    }
    Ok(())
}

fn write_findings(out: &mut String, v: &Verdict) -> std::fmt::Result {
    let findings = outline::findings(v);
    writeln!(out, "{}", wording::FINDINGS.to_uppercase())?;
    if let Some(gates) = &findings.gates {
        writeln!(out, "  {gates}")?;
    }
    for finding in findings.shown {
        let marker = match finding.status {
            Status::Holds => "*",
            Status::Provisional => "?",
        };
        writeln!(out, "  {marker} {}", outline::finding_title(finding))?;
        writeln!(out, "    {}", finding.explanation)?;
        let because = outline::because(finding);
        if !because.is_empty() {
            writeln!(out, "    {BECAUSE}")?;
            for reason in because {
                writeln!(
                    out,
                    "      - {} -> {}",
                    reason.question_text,
                    terminal_line(&reason.answer_label)
                )?;
            }
        }
        write_refs(out, "    ", &finding.refs)?;
        if let Some(caveat) = &finding.caveat {
            writeln!(out, "    Caution: {caveat}")?;
        }
    }
    Ok(())
}

fn write_others(out: &mut String, v: &Verdict) -> std::fmt::Result {
    writeln!(out, "{}", wording::OTHERS.to_uppercase())?;
    for group in outline::others(v) {
        writeln!(out, "  {}:", group.actor)?;
        for duty in group.duties {
            writeln!(out, "    - {}", outline::others_line(duty))?;
        }
    }
    Ok(())
}

/// The answers the result turns on, right after the headline (when the
/// verdict was computed with them).
fn write_turns_on(out: &mut String, v: &Verdict) -> std::fmt::Result {
    let Some(section) = turns_on::section(v) else {
        return Ok(());
    };
    writeln!(out)?;
    writeln!(out, "{}", turns_on::TITLE.to_uppercase())?;
    if section.is_empty() {
        return writeln!(out, "  {}", turns_on::NOTHING);
    }
    writeln!(out, "  {}", turns_on::INTRO)?;
    for item in &section.items {
        writeln!(out, "  {} {}", item.mark(), item.question_text)?;
        writeln!(
            out,
            "    {} {}{}",
            turns_on::YOU_ANSWERED,
            terminal_line(&item.answer),
            item.call_note()
        )?;
        for alternative in &item.alternatives {
            writeln!(out, "    - {}", terminal_line(alternative))?;
        }
        if let Some(more) = &item.more {
            writeln!(out, "    - {more}")?;
        }
        if let Some(hint) = item.hint {
            writeln!(out, "    {} {hint}", turns_on::HOW_TO_CHECK)?;
        }
    }
    for (title, lines) in section.lists() {
        writeln!(out, "  {title}")?;
        for line in lines {
            let answer = terminal_line(line.answer);
            writeln!(out, "    - {} -> {answer}", line.question_text)?;
            if let Some(alternative) = line.alternative {
                writeln!(out, "      {}", terminal_line(alternative))?;
            }
        }
    }
    Ok(())
}

fn write_refs(out: &mut String, indent: &str, refs: &[RefInfo]) -> std::fmt::Result {
    if refs.is_empty() {
        return Ok(());
    }
    let labels: Vec<&str> = refs.iter().map(|r| r.label.as_str()).collect();
    writeln!(out, "{indent}See: {}", labels.join(", "))
}
