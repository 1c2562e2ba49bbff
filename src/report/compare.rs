//! Two assessments side by side, worded (`aiact compare` and the app's
//! comparison): the headlines next to each other, the answers that differ,
//! and how the verdict differs. The comparison itself is
//! `aiact_core::compare`; this only words it, in lines each view lays out.
//! Text is returned unescaped: each rendering escapes for itself.

use std::fmt::{Display, Write};
use std::path::Path;

use aiact_core::compare::{
    Comparison, Delta, Given, Headline, Named, OthersDuty, Side, Sides, Standing, Start,
};
use aiact_core::outcome::DutyOutlook;
use aiact_core::verdict::Status;
use aiact_core::{Answers, Questionnaire, Verdict};
use jiff::civil::Date;

use super::brief;
use super::text::long_date;
use super::turns_on;
use super::wording::{self, depending_on_their_use, role_labels};

pub const ANSWERS_HEADING: &str = "Answers that differ";
pub const VERDICT_HEADING: &str = "How the verdict differs";
pub const SAME_ANSWERS: &str = "None: the answers that count are the same.";
pub const SAME_VERDICT: &str = "Nothing: the verdicts are the same.";
pub const NOT_ASKED: &str = "(not asked)";
pub const UNANSWERED: &str = "(not answered yet)";
/// Titles named in one line before the rest are counted.
const NAMED: usize = 5;

/// Two assessments compared: their names, verdicts and how they differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Compared {
    pub names: Names,
    pub a: Verdict,
    pub b: Verdict,
    pub comparison: Comparison,
}

impl Compared {
    /// Two sets of answers of `questionnaire`, each with its name, as of
    /// `today`: each verdict as `show` gives it (settled, with what it
    /// turns on), then how they differ.
    pub fn of(
        questionnaire: &Questionnaire,
        [(name_a, answers_a), (name_b, answers_b)]: [(String, &Answers); 2],
        today: Date,
    ) -> Self {
        let a = Verdict::compute_with_turns_on(questionnaire, answers_a, today);
        let b = Verdict::compute_with_turns_on(questionnaire, answers_b, today);
        let comparison = Comparison::of(
            questionnaire,
            Side {
                answers: answers_a,
                verdict: &a,
            },
            Side {
                answers: answers_b,
                verdict: &b,
            },
        );
        Self {
            names: Names {
                a: name_a,
                b: name_b,
            },
            a,
            b,
            comparison,
        }
    }

    pub fn text(&self, width: usize) -> String {
        render_text(&self.names, &self.comparison, &self.a, &self.b, width)
    }

    pub fn markdown(&self) -> String {
        render_markdown(&self.names, &self.comparison, &self.a, &self.b)
    }
}

/// "Credit model 2024 (credit-model-2024.json)": a saved assessment by its
/// system name and file; an answers file (no system name) by its file.
pub fn name_of(system_name: Option<&str>, path: &Path) -> String {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    match system_name {
        Some(system) => format!("{system} ({file})"),
        None => file,
    }
}

/// The two assessments' names, as the user knows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Names {
    pub a: String,
    pub b: String,
}

/// A row of the side-by-side overview: what it is, then each side.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: &'static str,
    pub a: String,
    pub b: String,
}

/// A cell of the overview: what a verdict says there.
type Cell = fn(&Verdict) -> String;

/// The headlines side by side: result, basis, exemption or hold, where the
/// duties stand, next deadline, role, what it turns on most, questions to
/// settle.
pub fn overview(a: &Verdict, b: &Verdict) -> Vec<Row> {
    let cells: [(&'static str, Cell); 8] = [
        ("Result", brief::result),
        ("Basis", |v| brief::listed(&brief::basis(v))),
        ("Exemption or hold", |v| {
            brief::listed(&brief::exemption_or_hold(v))
        }),
        ("Your duties", brief::your_duties),
        ("Next deadline", |v| {
            brief::next_deadline(v).map_or_else(|| brief::NOTHING.to_owned(), |d| d.text)
        }),
        ("Role", |v| brief::listed(&role_labels(&v.roles))),
        ("Turns on", |v| {
            turns_on::top_line(v).unwrap_or_else(|| brief::NOTHING.to_owned())
        }),
        ("Questions to settle", |v| {
            brief::listed(&brief::questions_to_settle(v))
        }),
    ];
    cells
        .into_iter()
        .map(|(label, cell)| Row {
            label,
            a: cell(a),
            b: cell(b),
        })
        .collect()
}

/// A question whose answer differs, each side's answer worded.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerLine {
    pub question: String,
    pub question_text: String,
    pub a: String,
    pub b: String,
}

pub fn answers(comparison: &Comparison) -> Vec<AnswerLine> {
    (comparison.answers.iter())
        .map(|diff| AnswerLine {
            question: diff.question.clone(),
            question_text: diff.question_text.clone(),
            a: given(&diff.a),
            b: given(&diff.b),
        })
        .collect()
}

fn given(given: &Given) -> String {
    match given {
        Given::Answered { answer_label, .. } => answer_label.clone(),
        Given::Unanswered => UNANSWERED.to_owned(),
        Given::NotAsked => NOT_ASKED.to_owned(),
    }
}

/// One way the verdicts differ: "Duties only in B (16)" and the items.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    pub heading: String,
    pub items: Vec<String>,
}

/// "A: …" and "B: …": one thing on each side.
fn a_and_b(a: impl Display, b: impl Display) -> [String; 2] {
    [format!("A: {a}"), format!("B: {b}")]
}

/// How the verdict differs, most telling first: the result, its basis,
/// exemption or hold, where the duties stand, roles, duties added and
/// removed, duties that start differently, questions to settle, what the
/// result turns on, duties of others, findings. Empty when the verdicts
/// are the same.
pub fn differences(comparison: &Comparison, today: Date) -> Vec<Difference> {
    let mut out = Vec::new();
    if let Some(result) = &comparison.result {
        out.push(Difference {
            heading: "Result".to_owned(),
            items: a_and_b(headline(&result.a), headline(&result.b)).into(),
        });
    }
    delta(&mut out, "Basis", &comparison.basis);
    delta(&mut out, "Exemption or hold", &comparison.qualifiers);
    if let Some(standing) = &comparison.standing {
        out.push(Difference {
            heading: "Your duties".to_owned(),
            items: a_and_b(
                standing_text(&standing.a, today),
                standing_text(&standing.b, today),
            )
            .into(),
        });
    }
    delta(&mut out, "Role", &comparison.roles);
    for (side, duties) in [
        ("A", &comparison.duties.only_a),
        ("B", &comparison.duties.only_b),
    ] {
        if duties.is_empty() {
            continue;
        }
        let titles: Vec<String> = duties.iter().map(|duty| duty.title.clone()).collect();
        out.push(Difference {
            heading: format!("Duties only in {side} ({})", duties.len()),
            items: vec![named_list(&titles)],
        });
    }
    if !comparison.dates_changed.is_empty() {
        out.push(Difference {
            heading: format!(
                "Duties that start differently ({})",
                comparison.dates_changed.len()
            ),
            items: dates_changed(comparison),
        });
    }
    delta(
        &mut out,
        "Questions to settle",
        &comparison.questions_to_settle,
    );
    delta(&mut out, "The result turns on", &comparison.turns_on);
    others(&mut out, &comparison.others);
    delta(&mut out, "Findings", &comparison.findings);
    if let Some(ahead) = &comparison.look_ahead {
        let side = |h: &Option<Headline>| h.as_ref().map_or(brief::NOTHING.to_owned(), headline);
        out.push(Difference {
            heading: "When it launches".to_owned(),
            items: a_and_b(side(&ahead.a), side(&ahead.b)).into(),
        });
    }
    out
}

fn headline(headline: &Headline) -> String {
    let mut text = headline.title.clone();
    if !headline.complete {
        text.push_str(brief::SO_FAR);
    } else if headline.status == Status::Provisional {
        text.push_str(wording::PROVISIONAL);
    }
    text
}

fn standing_text(standing: &Standing, today: Date) -> String {
    let outlook = DutyOutlook {
        state: standing.state,
        date: standing.date,
        count: standing.count,
        now: standing.now,
        held: standing.held,
        ..Default::default()
    };
    brief::standing(&outlook, today)
}

/// "Only in A: …", "Only in B: …" under a heading, where there are any:
/// short items in one line, long ones (questions) one a line.
fn delta(out: &mut Vec<Difference>, heading: &str, delta: &Delta<Named>) {
    let texts = |named: &[Named]| -> Vec<String> {
        (named.iter())
            .map(|item| match item.status {
                // A question to settle is provisional by nature.
                Status::Provisional if !item.text.ends_with('?') => {
                    format!("{}{}", item.text, wording::PROVISIONAL)
                }
                _ => item.text.clone(),
            })
            .collect()
    };
    sides(out, heading, [texts(&delta.only_a), texts(&delta.only_b)]);
}

/// Items of A and of B under a heading, where there are any.
fn sides(out: &mut Vec<Difference>, heading: &str, [a, b]: [Vec<String>; 2]) {
    if a.is_empty() && b.is_empty() {
        return;
    }
    let mut items = Vec::new();
    for (side, texts) in [("A", a), ("B", b)] {
        if texts.is_empty() {
            continue;
        }
        if texts.iter().all(|text| text.chars().count() <= SHORT) {
            items.push(format!("Only in {side}: {}", texts.join("; ")));
        } else {
            items.push(format!("Only in {side}:"));
            items.extend(texts.into_iter().map(|text| format!("{BULLET}{text}")));
        }
    }
    out.push(Difference {
        heading: heading.to_owned(),
        items,
    });
}

/// Items this long or shorter share a line.
const SHORT: usize = 40;
/// Before an item on a line of its own.
pub const BULLET: &str = "- ";

/// Duties of others, by whose they are: "Deployers (your customers): Use
/// the system as instructed; Assign human oversight".
fn others(out: &mut Vec<Difference>, delta: &Delta<OthersDuty>) {
    let by_actor = |duties: &[OthersDuty]| -> Vec<String> {
        let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
        for duty in duties {
            // Marked as the reports mark it: whether it is theirs turns on
            // their use, not on an answer of yours.
            let title = match duty.status {
                Status::Holds => duty.title.clone(),
                Status::Provisional => format!(
                    "{}{}",
                    duty.title,
                    depending_on_their_use(duty.after_unsure)
                ),
            };
            match groups
                .iter_mut()
                .find(|(actor, _)| *actor == duty.actor_label)
            {
                Some((_, titles)) => titles.push(title),
                None => groups.push((&duty.actor_label, vec![title])),
            }
        }
        (groups.into_iter())
            .map(|(actor, titles)| format!("{actor}: {}", titles.join("; ")))
            .collect()
    };
    sides(
        out,
        "Duties of others",
        [by_actor(&delta.only_a), by_actor(&delta.only_b)],
    );
}

/// Duties that start differently, grouped by how: "A: on hold; B: from 2
/// December 2027:", then the duties ("Risk management; … and 11 more").
fn dates_changed(comparison: &Comparison) -> Vec<String> {
    let mut groups: Vec<(&Sides<Vec<Start>>, Vec<String>)> = Vec::new();
    for change in &comparison.dates_changed {
        match groups
            .iter_mut()
            .find(|(starts, _)| **starts == change.starts)
        {
            Some((_, titles)) => titles.push(change.title.clone()),
            None => groups.push((&change.starts, vec![change.title.clone()])),
        }
    }
    groups
        .into_iter()
        .flat_map(|(starts, titles)| {
            [
                format!(
                    "A: {}; B: {}:",
                    brief::starts(&starts.a),
                    brief::starts(&starts.b)
                ),
                format!("{BULLET}{}", named_list(&titles)),
            ]
        })
        .collect()
}

/// "a; b; c; d; e and 11 more".
fn named_list(titles: &[String]) -> String {
    if titles.len() <= NAMED + 1 {
        return titles.join("; ");
    }
    format!(
        "{} and {} more",
        titles[..NAMED].join("; "),
        titles.len() - NAMED
    )
}

/// The comparison as text, `width` columns wide: who is compared, the
/// headlines side by side, the answers that differ, how the verdict
/// differs.
pub fn render_text(
    names: &Names,
    comparison: &Comparison,
    a: &Verdict,
    b: &Verdict,
    width: usize,
) -> String {
    super::written(0, |out| {
        write_text(out, names, comparison, a, b, width.max(MIN_WIDTH))
    })
}

const MIN_WIDTH: usize = 50;
/// The overview's label column.
const LABEL: usize = 21;

fn write_text(
    out: &mut String,
    names: &Names,
    comparison: &Comparison,
    a: &Verdict,
    b: &Verdict,
    width: usize,
) -> std::fmt::Result {
    writeln!(
        out,
        "{}",
        wrap(&intro(a.evaluated_on), width, "").join("\n")
    )?;
    writeln!(out)?;
    for side in a_and_b(&names.a, &names.b) {
        writeln!(out, "{}", wrap(&side, width, "   ").join("\n"))?;
    }
    writeln!(out)?;
    let column = (width - LABEL - 2) / 2;
    writeln!(out, "{:LABEL$}{:column$}  B", "", "A")?;
    for row in overview(a, b) {
        let left = wrap(&row.a, column, "");
        let right = wrap(&row.b, column, "");
        for i in 0..left.len().max(right.len()) {
            let label = if i == 0 { row.label } else { "" };
            let line = format!(
                "{label:LABEL$}{:column$}  {}",
                left.get(i).map_or("", String::as_str),
                right.get(i).map_or("", String::as_str)
            );
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "{} ({})",
        ANSWERS_HEADING.to_uppercase(),
        comparison.answers.len()
    )?;
    if comparison.answers.is_empty() {
        writeln!(out, "  {SAME_ANSWERS}")?;
    }
    for line in answers(comparison) {
        writeln!(out, "{}", wrap(&line.question_text, width, "  ").join("\n"))?;
        for side in a_and_b(&line.a, &line.b) {
            writeln!(out, "{}", wrap(&side, width, "    ").join("\n"))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", VERDICT_HEADING.to_uppercase())?;
    let differences = differences(comparison, a.evaluated_on);
    if differences.is_empty() {
        writeln!(out, "  {SAME_VERDICT}")?;
    }
    for difference in differences {
        writeln!(out, "  {}", difference.heading)?;
        for item in &difference.items {
            let indent = if item.starts_with(BULLET) {
                "      "
            } else {
                "    "
            };
            writeln!(out, "{}", wrap(item, width, indent).join("\n"))?;
        }
    }
    Ok(())
}

/// The comparison as Markdown: who is compared, the headlines in a table,
/// the answers that differ, how the verdict differs. Every piece of text
/// is escaped.
pub fn render_markdown(names: &Names, comparison: &Comparison, a: &Verdict, b: &Verdict) -> String {
    super::written(0, |out| write_markdown(out, names, comparison, a, b))
}

fn write_markdown(
    out: &mut String,
    names: &Names,
    comparison: &Comparison,
    a: &Verdict,
    b: &Verdict,
) -> std::fmt::Result {
    use super::escape::markdown as md;
    writeln!(out, "# {TITLE}")?;
    writeln!(out)?;
    writeln!(out, "{}", md(&intro(a.evaluated_on)))?;
    writeln!(out)?;
    writeln!(out, "- **A:** {}", md(&names.a))?;
    writeln!(out, "- **B:** {}", md(&names.b))?;
    writeln!(out)?;
    writeln!(out, "|  | A | B |")?;
    writeln!(out, "|---|---|---|")?;
    for row in overview(a, b) {
        writeln!(out, "| {} | {} | {} |", row.label, md(&row.a), md(&row.b))?;
    }
    writeln!(out)?;
    writeln!(out, "## {ANSWERS_HEADING} ({})", comparison.answers.len())?;
    writeln!(out)?;
    if comparison.answers.is_empty() {
        writeln!(out, "{}", md(SAME_ANSWERS))?;
    }
    for line in answers(comparison) {
        writeln!(out, "- {}", md(&line.question_text))?;
        for side in a_and_b(md(&line.a), md(&line.b)) {
            writeln!(out, "  - {side}")?;
        }
    }
    writeln!(out)?;
    writeln!(out, "## {VERDICT_HEADING}")?;
    writeln!(out)?;
    let differences = differences(comparison, a.evaluated_on);
    if differences.is_empty() {
        writeln!(out, "{}", md(SAME_VERDICT))?;
    }
    for difference in differences {
        writeln!(out, "- **{}**", md(&difference.heading))?;
        for item in &difference.items {
            match item.strip_prefix(BULLET) {
                Some(sub) => writeln!(out, "    - {}", md(sub))?,
                None => writeln!(out, "  - {}", md(item))?,
            }
        }
    }
    Ok(())
}

/// The Markdown comparison's title.
pub const TITLE: &str = "Two assessments compared";

/// "Comparing two assessments, verdicts as of 6 December 2026. A
/// self-assessment, not legal advice."
pub fn intro(as_of: Date) -> String {
    format!(
        "Comparing two assessments, verdicts as of {}. A self-assessment, not legal advice.",
        long_date(as_of)
    )
}

/// `text` in lines of `width` columns, each starting with `indent` (the
/// lines after the first indented two more, to hang under it).
fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let hang = format!("{indent}  ");
    let options = textwrap::Options::new(width.max(indent.len() + 10))
        .initial_indent(indent)
        .subsequent_indent(if indent.is_empty() { "" } else { &hang });
    let lines: Vec<String> = textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::report::scenarios::built_in;

    /// An assessment compared with itself differs in nothing; compared
    /// with another, every answer that differs and every difference of the
    /// verdict is worded, and the text keeps to its width.
    #[test]
    fn the_same_answers_differ_in_nothing_and_others_are_worded() {
        let (questionnaire, all) = built_in();
        let today = date(2026, 12, 6);
        let mut worded = 0;
        for pair in all.windows(2).step_by(7) {
            let [a, b] = [&pair[0], &pair[1]];
            let same = Compared::of(
                &questionnaire,
                [("A".to_owned(), a), ("A too".to_owned(), a)],
                today,
            );
            assert!(same.comparison.answers.is_empty());
            assert!(differences(&same.comparison, today).is_empty());
            assert!(same.text(80).contains(SAME_VERDICT));

            let other = Compared::of(
                &questionnaire,
                [("A".to_owned(), a), ("B".to_owned(), b)],
                today,
            );
            assert_eq!(
                answers(&other.comparison).len(),
                other.comparison.answers.len()
            );
            let text = other.text(80);
            for line in text.lines() {
                assert!(line.chars().count() <= 80, "wider than 80: {line}");
            }
            if other.comparison.result.is_some() {
                worded += 1;
                assert!(
                    text.contains("HOW THE VERDICT DIFFERS\n  Result\n"),
                    "{text}"
                );
            }
            let markdown = other.markdown();
            assert!(markdown.contains(&format!(
                "## {ANSWERS_HEADING} ({})",
                other.comparison.answers.len()
            )));
        }
        assert!(worded > 3, "pairs with another result: {worded}");
    }

    /// Facilitator trial 3: the overview said "no duties under this result"
    /// beside "all apply now (1 duty)" (AI literacy counted in one row
    /// only); duties of others were marked "(provisional)" on assessments
    /// without a "not sure" answer; "turns on" listed answers that `show`
    /// leaves out.
    #[test]
    fn the_overview_agrees_with_itself_and_with_show() {
        let (questionnaire, all) = built_in();
        let today = date(2026, 12, 7);
        let mut with_literacy_only = 0;
        for pair in all.windows(2) {
            let compared = Compared::of(
                &questionnaire,
                [("A".to_owned(), &pair[0]), ("B".to_owned(), &pair[1])],
                today,
            );
            for (verdict, only) in [
                (&compared.a, &compared.comparison.turns_on.only_a),
                (&compared.b, &compared.comparison.turns_on.only_b),
            ] {
                let rows = overview(verdict, verdict);
                let cell = |label: &str| {
                    rows.iter()
                        .find(|row| row.label == label)
                        .map(|row| row.a.clone())
                        .expect("a row")
                };
                let deadline = brief::next_deadline(verdict);
                if deadline.as_ref().is_some_and(|d| d.duties > 0) {
                    assert_ne!(
                        cell("Your duties"),
                        "no duties under this result",
                        "beside next deadline {:?}",
                        deadline.map(|d| d.text)
                    );
                }
                if cell("Your duties").starts_with("AI literacy only") {
                    with_literacy_only += 1;
                }
                let shown: Vec<&str> = turns_on::items(verdict)
                    .unwrap_or_default()
                    .iter()
                    .map(|item| item.question)
                    .collect();
                for item in only {
                    assert!(
                        shown.contains(&item.id.as_str()),
                        "{} is not in show's list {shown:?}",
                        item.id
                    );
                }
            }
            let text = compared.text(100);
            if let Some(others) = text.split("  Duties of others\n").nth(1) {
                let others = others.split("\n  F").next().unwrap_or_default();
                assert!(!others.contains(wording::PROVISIONAL), "{others}");
            }
        }
        assert!(with_literacy_only > 3, "{with_literacy_only}");
    }
}
