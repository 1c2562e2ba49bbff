//! The verdict as plain text, for `aiact evaluate` and `aiact show`.

use std::fmt::Write;

use aiact_core::Verdict;
use aiact_core::model::Certainty;
use aiact_core::verdict::{MilestoneInfo, ObligationResult, RefInfo, Status};
use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::escape::terminal_line;
use super::model::{Obligations, Report, value_text};
use super::turns_on;
use super::wording::{
    BECAUSE, DEPENDS_ON_IT, HOW_TO_FIND_OUT, NO_FINDINGS, NO_OPEN_POINTS, NOT_SURE_OF,
    POSSIBLE_TIER_AFTER, POSSIBLE_TIER_BEFORE, UNDECIDED, UNDECIDED_SUMMARY, open_point_line,
    other_possible_date, role_labels,
};

/// "2 December 2027".
pub fn long_date(date: Date) -> String {
    date.strftime("%-d %B %Y").to_string()
}

/// The whole verdict, for reading in a terminal or a text file.
pub fn render(verdict: &Verdict) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_verdict(&mut out, verdict);
    out
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
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_report(&mut out, report);
    out
}

fn write_report(out: &mut String, report: &Report) -> std::fmt::Result {
    let details = &report.assessment;
    writeln!(out, "{}", terminal_line(&details.system_name))?;
    if let Some(organisation) = &details.organisation {
        writeln!(out, "Organisation: {}", terminal_line(organisation))?;
    }
    if let Some(assessor) = &details.assessor {
        writeln!(out, "Assessor: {}", terminal_line(assessor))?;
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
    writeln!(out, "YOUR ANSWERS")?;
    for (section, lines) in report.answers_by_section() {
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

    // Unfinished, the notice above says why the result is not final.
    match (v.decided_tier(), v.tier_status, v.complete) {
        (None, _, _) => {
            writeln!(out, "RESULT SO FAR: {}", UNDECIDED.to_uppercase())?;
            writeln!(out, "  {UNDECIDED_SUMMARY}")?;
        }
        (Some(tier), Status::Holds, _) => {
            writeln!(out, "RESULT: {}", tier.label.to_uppercase())?;
            writeln!(out, "  {}", tier.summary)?;
        }
        (Some(tier), Status::Provisional, false) => {
            writeln!(out, "RESULT SO FAR: {}", tier.label.to_uppercase())?;
            writeln!(out, "  {}", tier.summary)?;
        }
        (Some(tier), Status::Provisional, true) => {
            writeln!(
                out,
                "RESULT: {} (PROVISIONAL: it rests on answers you were not sure of; see the open points)",
                tier.label.to_uppercase()
            )?;
            writeln!(out, "  {}", tier.summary)?;
        }
    }
    for possible in &v.possible_tiers {
        writeln!(
            out,
            "  {POSSIBLE_TIER_BEFORE} {} {POSSIBLE_TIER_AFTER}",
            possible.tier.label.to_uppercase()
        )?;
    }
    if !v.roles.is_empty() {
        writeln!(out, "  Your role: {}", role_labels(&v.roles).join(", "))?;
    }
    write_turns_on(out, v)?;

    writeln!(out)?;
    writeln!(out, "FINDINGS")?;
    if v.findings.is_empty() {
        writeln!(out, "  {NO_FINDINGS}")?;
    }
    for finding in &v.findings {
        let marker = match finding.status {
            Status::Holds => "*",
            Status::Provisional => "?",
        };
        let status = match finding.status {
            Status::Holds => "",
            Status::Provisional => " (provisional)",
        };
        writeln!(out, "  {marker} {}{status}", finding.title)?;
        writeln!(out, "    {}", finding.explanation)?;
        if !finding.because.is_empty() {
            writeln!(out, "    {BECAUSE}")?;
            for reason in &finding.because {
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

    let Obligations {
        now,
        later,
        context,
    } = Obligations::of(v);
    writeln!(out)?;
    writeln!(out, "OBLIGATIONS THAT APPLY NOW")?;
    if now.is_empty() {
        writeln!(out, "  None.")?;
    }
    for obligation in now {
        write_obligation(out, obligation)?;
    }
    writeln!(out)?;
    writeln!(out, "OBLIGATIONS THAT APPLY FROM A LATER DATE")?;
    if later.is_empty() {
        writeln!(out, "  None.")?;
    }
    for obligation in later {
        write_obligation(out, obligation)?;
    }
    if !context.is_empty() {
        writeln!(out)?;
        writeln!(out, "FOR CONTEXT")?;
        for item in context {
            write_obligation(out, item)?;
        }
    }

    writeln!(out)?;
    writeln!(out, "OPEN POINTS")?;
    if v.open_points.is_empty() {
        writeln!(out, "  {NO_OPEN_POINTS}")?;
    }
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

    writeln!(out)?;
    for note in &basis.notes {
        writeln!(out, "{note}")?;
    }
    writeln!(out, "Official text: {}", basis.official_text_url)?;
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
    if !section.also.is_empty() {
        writeln!(out, "  {}", turns_on::ALSO)?;
        for also in &section.also {
            writeln!(
                out,
                "    - {} -> {}",
                also.question_text,
                terminal_line(&also.answer)
            )?;
            writeln!(out, "      {}", terminal_line(&also.alternative))?;
        }
    }
    if !section.further.is_empty() {
        writeln!(out, "  {}", turns_on::FURTHER)?;
        for item in &section.further {
            writeln!(
                out,
                "    - {} -> {}",
                item.question_text,
                terminal_line(&item.answer)
            )?;
        }
    }
    Ok(())
}

fn write_obligation(out: &mut String, o: &ObligationResult) -> std::fmt::Result {
    let status = match o.status {
        Status::Holds => "",
        Status::Provisional => " (provisional)",
    };
    writeln!(out, "  - {}{status}", o.title)?;
    writeln!(out, "    {}", o.summary)?;
    let milestone = &o.applies.milestone;
    let when = if o.applies.now {
        "Applies since"
    } else {
        "Applies from"
    };
    writeln!(
        out,
        "    {when} {}: {}",
        long_date(milestone.date),
        date_source(milestone)
    )?;
    for other in &o.other_possible_dates {
        writeln!(out, "    {}", other_possible_date(other))?;
    }
    write_refs(out, "    ", &o.refs)?;
    if let Some(caveat) = &o.caveat {
        writeln!(out, "    Caution: {caveat}")?;
    }
    Ok(())
}

fn date_source(milestone: &MilestoneInfo) -> String {
    match milestone.status {
        Certainty::Verified => milestone.source.clone(),
        Certainty::Reported => format!("{} (reported, not verified)", milestone.source),
    }
}

fn write_refs(out: &mut String, indent: &str, refs: &[RefInfo]) -> std::fmt::Result {
    if refs.is_empty() {
        return Ok(());
    }
    let labels: Vec<&str> = refs.iter().map(|r| r.label.as_str()).collect();
    writeln!(out, "{indent}See: {}", labels.join(", "))
}
