//! The verdict as Markdown, for the export from the verdict screen (and
//! later `aiact export`). Text the user typed is escaped, so that a system
//! called `*Acme*` stays literally that.

use std::fmt::Write;

use aiact_core::Verdict;
use aiact_core::model::Certainty;
use aiact_core::verdict::{ObligationResult, RefInfo, Status, Subject};

use super::text::long_date;

/// What the report says about the assessment besides the verdict.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssessmentInfo {
    pub system_name: String,
    pub organisation: Option<String>,
    pub assessor: Option<String>,
    /// The user's notes: question text, note.
    pub notes: Vec<(String, String)>,
}

/// Escapes the characters Markdown would read as formatting.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '('
                | ')'
                | '#'
                | '+'
                | '-'
                | '.'
                | '!'
                | '|'
                | '<'
                | '>'
                | '~'
        ) {
            out.push('\\');
        }
        // A line break inside user text would end the list item or heading.
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

pub fn render(info: &AssessmentInfo, verdict: &Verdict) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_report(&mut out, info, verdict);
    out
}

fn write_report(out: &mut String, info: &AssessmentInfo, v: &Verdict) -> std::fmt::Result {
    writeln!(out, "# EU AI Act assessment: {}", escape(&info.system_name))?;
    writeln!(out)?;
    if let Some(organisation) = &info.organisation {
        writeln!(out, "- Organisation: {}", escape(organisation))?;
    }
    if let Some(assessor) = &info.assessor {
        writeln!(out, "- Assessor: {}", escape(assessor))?;
    }
    writeln!(out, "- Verdict of {}", long_date(v.evaluated_on))?;
    let basis = &v.questionnaire.legal_basis;
    write!(
        out,
        "- Questionnaire: {} (version {}), content as of {}",
        v.questionnaire.title,
        v.questionnaire.version,
        long_date(basis.as_of)
    )?;
    writeln!(out)?;
    write!(out, "- Legal basis: {}", basis.act)?;
    for amendment in &basis.amended_by {
        write!(out, ", as amended by {}", amendment.act)?;
        if amendment.status == Certainty::Reported {
            write!(out, " (reported, not verified)")?;
        }
    }
    writeln!(out)?;
    writeln!(out)?;
    writeln!(out, "> This is a self-assessment, not legal advice.")?;
    writeln!(out)?;

    if !v.complete {
        writeln!(
            out,
            "**Not finished.** These questions still need an answer; what follows is only what the answers so far show:"
        )?;
        writeln!(out)?;
        for question in &v.missing {
            writeln!(out, "- {}", question.text)?;
        }
        writeln!(out)?;
    }

    writeln!(out, "## Result: {}", v.tier.label)?;
    writeln!(out)?;
    if v.tier_status == Status::Provisional {
        writeln!(
            out,
            "**Provisional**: it rests on answers you were not sure of (see the open points)."
        )?;
        writeln!(out)?;
    }
    writeln!(out, "{}", v.tier.summary)?;
    for possible in &v.possible_tiers {
        writeln!(out)?;
        writeln!(
            out,
            "It may turn out to be **{}** instead, depending on answers you were not sure of (see the open points).",
            possible.tier.label
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
        writeln!(out)?;
        writeln!(out, "Your role: {}", roles.join(", "))?;
    }

    writeln!(out)?;
    writeln!(out, "## Findings")?;
    writeln!(out)?;
    if v.findings.is_empty() {
        writeln!(
            out,
            "None: no specific rule of the Act was triggered by your answers."
        )?;
    }
    for finding in &v.findings {
        let status = match finding.status {
            Status::Holds => "",
            Status::Provisional => " (provisional)",
        };
        writeln!(out, "### {}{status}", finding.title)?;
        writeln!(out)?;
        writeln!(out, "{}", finding.explanation)?;
        if !finding.because.is_empty() {
            writeln!(out)?;
            writeln!(out, "Because you answered:")?;
            writeln!(out)?;
            for reason in &finding.because {
                writeln!(
                    out,
                    "- {}: **{}**",
                    reason.question_text,
                    escape(&reason.answer_label)
                )?;
            }
        }
        write_refs(out, &finding.refs)?;
        if let Some(caveat) = &finding.caveat {
            writeln!(out)?;
            writeln!(out, "Caution: {caveat}")?;
        }
        writeln!(out)?;
    }

    let (now, mut later): (Vec<&ObligationResult>, Vec<&ObligationResult>) =
        v.obligations.iter().partition(|o| o.applies.now);
    later.sort_by_key(|o| o.applies.milestone.date);
    writeln!(out, "## Obligations that apply now")?;
    writeln!(out)?;
    if now.is_empty() {
        writeln!(out, "None.")?;
        writeln!(out)?;
    }
    for obligation in now {
        write_obligation(out, obligation)?;
    }
    writeln!(out, "## Obligations that apply from a later date")?;
    writeln!(out)?;
    if later.is_empty() {
        writeln!(out, "None.")?;
        writeln!(out)?;
    }
    for obligation in later {
        write_obligation(out, obligation)?;
    }

    writeln!(out, "## Open points")?;
    writeln!(out)?;
    if v.open_points.is_empty() {
        writeln!(out, "None: you were sure of every answer that matters.")?;
        writeln!(out)?;
    }
    for point in &v.open_points {
        let kind = match point.subject {
            Subject::Finding => "",
            Subject::Role => "Role: ",
        };
        writeln!(out, "### {kind}{}", point.title)?;
        writeln!(out)?;
        if let Some(check) = &point.to_check {
            writeln!(out, "To check: {check}")?;
            writeln!(out)?;
        }
        for unsure in &point.unsure_answers {
            write!(
                out,
                "- You answered \"not sure\" to: {}",
                unsure.question_text
            )?;
            if let Some(hint) = &unsure.if_not_sure {
                write!(out, " ({hint})")?;
            }
            writeln!(out)?;
        }
        writeln!(out)?;
    }

    if !info.notes.is_empty() {
        writeln!(out, "## Your notes")?;
        writeln!(out)?;
        for (question, note) in &info.notes {
            writeln!(out, "- {question}: {}", escape(note))?;
        }
        writeln!(out)?;
    }

    for note in &basis.notes {
        writeln!(out, "{note}")?;
        writeln!(out)?;
    }
    writeln!(out, "Official text: <{}>", basis.official_text_url)?;
    Ok(())
}

fn write_obligation(out: &mut String, o: &ObligationResult) -> std::fmt::Result {
    let status = match o.status {
        Status::Holds => "",
        Status::Provisional => " (provisional)",
    };
    writeln!(out, "### {}{status}", o.title)?;
    writeln!(out)?;
    writeln!(out, "{}", o.summary)?;
    writeln!(out)?;
    let milestone = &o.applies.milestone;
    let when = if o.applies.now {
        "Applies since"
    } else {
        "Applies from"
    };
    let reported = match milestone.status {
        Certainty::Verified => "",
        Certainty::Reported => " (reported, not verified)",
    };
    writeln!(
        out,
        "{when} **{}**: {}{reported}",
        long_date(milestone.date),
        milestone.source
    )?;
    for other in &o.other_possible_dates {
        writeln!(
            out,
            "Or from {} if it turns out that: {}",
            long_date(other.date),
            other.title
        )?;
    }
    write_refs(out, &o.refs)?;
    if let Some(caveat) = &o.caveat {
        writeln!(out)?;
        writeln!(out, "Caution: {caveat}")?;
    }
    writeln!(out)?;
    Ok(())
}

fn write_refs(out: &mut String, refs: &[RefInfo]) -> std::fmt::Result {
    if refs.is_empty() {
        return Ok(());
    }
    let links: Vec<String> = refs
        .iter()
        .map(|r| format!("[{}]({})", r.label, r.url))
        .collect();
    writeln!(out)?;
    writeln!(out, "See: {}", links.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_inject_formatting() {
        assert_eq!(escape("*Acme* [v2](x)"), "\\*Acme\\* \\[v2\\]\\(x\\)");
        assert_eq!(escape("# one\nline"), "\\# one line");
    }
}
