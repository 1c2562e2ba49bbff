//! The verdict as plain text, for `aiact evaluate` and `aiact show`.

use std::fmt::Write;

use aiact_core::Verdict;
use aiact_core::model::{Certainty, ObligationKind};
use aiact_core::verdict::{MilestoneInfo, ObligationResult, RefInfo, Status, Subject};
use jiff::civil::Date;

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

    match v.tier_status {
        Status::Holds => writeln!(out, "RESULT: {}", v.tier.label.to_uppercase())?,
        Status::Provisional => writeln!(
            out,
            "RESULT: {} (PROVISIONAL: it rests on answers you were not sure of; see the open points)",
            v.tier.label.to_uppercase()
        )?,
    }
    writeln!(out, "  {}", v.tier.summary)?;
    for possible in &v.possible_tiers {
        writeln!(
            out,
            "  It may turn out to be {} instead, depending on answers you were not sure of (see the open points).",
            possible.tier.label.to_uppercase()
        )?;
    }
    if !v.roles.is_empty() {
        let roles: Vec<String> = v
            .roles
            .iter()
            .map(|role| match role.status {
                Status::Holds => role.label.clone(),
                Status::Provisional => format!("{} (provisional)", role.label),
            })
            .collect();
        writeln!(out, "  Your role: {}", roles.join(", "))?;
    }

    writeln!(out)?;
    writeln!(out, "FINDINGS")?;
    if v.findings.is_empty() {
        writeln!(
            out,
            "  None: no specific rule of the Act was triggered by your answers."
        )?;
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
            writeln!(out, "    Because you answered:")?;
            for reason in &finding.because {
                writeln!(
                    out,
                    "      - {} -> {}",
                    reason.question_text, reason.answer_label
                )?;
            }
        }
        write_refs(out, "    ", &finding.refs)?;
        if let Some(caveat) = &finding.caveat {
            writeln!(out, "    Caution: {caveat}")?;
        }
    }

    let (duties, context): (Vec<&ObligationResult>, Vec<&ObligationResult>) = v
        .obligations
        .iter()
        .partition(|o| o.kind == ObligationKind::Duty);
    let (now, later): (Vec<&ObligationResult>, Vec<&ObligationResult>) =
        duties.into_iter().partition(|o| o.applies.now);
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
    let mut later = later;
    later.sort_by_key(|o| o.applies.milestone.date);
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
        writeln!(out, "  None: you were sure of every answer that matters.")?;
    }
    for point in &v.open_points {
        let kind = match point.subject {
            Subject::Finding => "",
            Subject::Role => "Role: ",
        };
        writeln!(out, "  ? {kind}{}", point.title)?;
        if let Some(check) = &point.to_check {
            writeln!(out, "    To check: {check}")?;
        }
        for unsure in &point.unsure_answers {
            writeln!(
                out,
                "    You answered \"not sure\" to: {}",
                unsure.question_text
            )?;
            if let Some(hint) = &unsure.if_not_sure {
                writeln!(out, "      {hint}")?;
            }
        }
    }

    writeln!(out)?;
    for note in &basis.notes {
        writeln!(out, "{note}")?;
    }
    writeln!(out, "Official text: {}", basis.official_text_url)?;
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
        writeln!(
            out,
            "    Or from {} if it turns out that: {}",
            long_date(other.date),
            other.title
        )?;
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
        Certainty::Reported => format!("{} (REPORTED, not verified)", milestone.source),
    }
}

fn write_refs(out: &mut String, indent: &str, refs: &[RefInfo]) -> std::fmt::Result {
    if refs.is_empty() {
        return Ok(());
    }
    let labels: Vec<&str> = refs.iter().map(|r| r.label.as_str()).collect();
    writeln!(out, "{indent}See: {}", labels.join(", "))
}
