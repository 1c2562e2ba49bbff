//! The report as one self-contained HTML page: inline CSS, the risk pyramid
//! as inline SVG and the obligations timeline in CSS, no script and no
//! external resource (a Content-Security-Policy forbids loading any), a
//! print stylesheet for "Save as PDF". Every piece of text is escaped.

use std::fmt::Write;

use aiact_core::Verdict;
use aiact_core::verdict::{ObligationResult, RefInfo, Section, Status};

use super::escape::{html as e, html_url};
use super::model::{AnswerLine, Report, certainty_note, value_text};
use super::outline::{self, Headline, Launch, Plan};
use super::text::long_date;
use super::turns_on;
use super::wording::{
    self, BECAUSE, DEPENDS_ON_IT, HOW_TO_FIND_OUT, NOT_FINISHED, NOT_SURE_OF, POSSIBLE_TIER_AFTER,
    POSSIBLE_TIER_BEFORE, PROVISIONAL_TIER, UNDECIDED, open_point_line,
};

/// What the report shares with the workshop handout: colours, printing.
const BASE_STYLE: &str = include_str!("base.css");
const STYLE: &str = include_str!("report.css");

/// Duties named in a step of the plan at a glance; the others are counted.
const GLANCE_TITLES: usize = 3;
/// Answers the result turns on shown at a glance.
const GLANCE_TURNS_ON: usize = 3;
/// A finding shorter than this (in characters) is kept on one page.
const SHORT_ARTICLE: usize = 600;

/// Fill colours of the pyramid's levels, top (most demanding) first.
const LEVEL_COLOURS: &[&str] = &["#b3261e", "#e8710a", "#f2c230", "#3c8d40"];

/// Which images a self-contained page may show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Images {
    /// Its own, written into the page (`data:` addresses).
    Inline,
    None,
}

/// A self-contained page up to its `<body>`: nothing may be loaded from
/// anywhere (no script, no font, no image but inline ones where `images`
/// allows them). `title` is HTML, already escaped; `style` follows the
/// [`BASE_STYLE`] every page shares.
pub(crate) fn write_head(
    out: &mut String,
    title: &str,
    images: Images,
    style: &str,
) -> std::fmt::Result {
    let images = match images {
        Images::Inline => "; img-src data:",
        Images::None => "",
    };
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'{images}\">"
    )?;
    writeln!(out, "<meta name=\"generator\" content=\"aiact\">")?;
    writeln!(out, "<title>{title}</title>")?;
    writeln!(out, "<style>\n{BASE_STYLE}{style}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")
}

pub fn render(report: &Report) -> String {
    super::written(64 * 1024, |out| write_page(out, report))
}

fn write_page(out: &mut String, report: &Report) -> std::fmt::Result {
    let details = &report.assessment.metadata;
    let v = &report.verdict;
    let basis = &v.questionnaire.legal_basis;
    write_head(
        out,
        &format!("EU AI Act assessment: {}", e(&details.system_name)),
        Images::Inline,
        STYLE,
    )?;

    writeln!(out, "<header>")?;
    writeln!(out, "<p class=\"kicker\">{}</p>", e(&v.questionnaire.title))?;
    writeln!(out, "<h1>{}</h1>", e(&details.system_name))?;
    writeln!(out, "<dl class=\"meta\">")?;
    for (label, value) in report.assessment.people() {
        meta_row(out, label, &e(value))?;
    }
    meta_row(
        out,
        "Assessment",
        &e(&report.assessment.created_and_changed()),
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
    for section in v.sections() {
        match section {
            Section::Result => write_result(out, report)?,
            Section::Plan => write_plan(out, "plan", &outline::plan(v), wording::PLAN)?,
            Section::TurnsOn => write_turns_on(out, report)?,
            Section::OpenPoints => write_open_points(out, report)?,
            Section::Findings => write_findings(out, report)?,
            Section::Others => write_others(out, report)?,
        }
    }
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
    let sentence = wording::questionnaire_updated(migration, e, ["<strong>", "</strong>"]);
    writeln!(out, "<p>{sentence}</p>")?;
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

/// The result, at a glance: the pyramid, the outcome, the plan in short,
/// what the result turns on most, the open points; then a look-ahead's
/// result and its plan.
fn write_result(out: &mut String, report: &Report) -> std::fmt::Result {
    let v = &report.verdict;
    let launch = outline::launch(v);
    writeln!(
        out,
        "<section id=\"result\" class=\"glance\"><h2>{}</h2>",
        wording::AT_A_GLANCE
    )?;
    writeln!(out, "<div class=\"result\">")?;
    write_pyramid(out, report, outline::launch_tier(v))?;
    writeln!(out, "<div class=\"result-text\">")?;
    write_headline(out, &outline::headline(v))?;
    writeln!(out, "</div></div>")?;
    let plan = outline::plan(v);
    if !plan.steps.is_empty() {
        write_plan_table(out, &plan)?;
    }
    write_glance_turns_on(out, v)?;
    let unsure = v.open_questions().len();
    if unsure > 0 {
        writeln!(
            out,
            "<p class=\"glance-open\"><strong>{}</strong> {}</p>",
            wording::OPEN_POINTS,
            e(&wording::questions_to_settle(unsure))
        )?;
    }
    if let Some(Launch::Offer { text, .. }) = &launch {
        writeln!(out, "<p class=\"offer\">{}</p>", e(text))?;
    }
    writeln!(out, "</section>")?;
    if let Some(Launch::Result {
        headline,
        missing,
        plan,
    }) = launch
    {
        writeln!(out, "<section id=\"launch\" class=\"launch\">")?;
        write_headline(out, &headline)?;
        if let Some(missing) = missing {
            writeln!(out, "<p>{}</p>", e(&missing))?;
        }
        writeln!(out, "</section>")?;
        if let Some(plan) = plan {
            write_plan(out, "launch-plan", &plan, wording::PREPARE_FOR_LAUNCH)?;
        }
    }
    Ok(())
}

fn write_headline(out: &mut String, headline: &Headline<'_>) -> std::fmt::Result {
    writeln!(
        out,
        "<p class=\"tier\"><span class=\"label\">{}:</span> {}{}</p>",
        e(&headline.label),
        e(&headline.title),
        if headline.provisional {
            status_badge(Status::Provisional)
        } else {
            ""
        }
    )?;
    if let Some(basis) = &headline.basis {
        writeln!(
            out,
            "<p class=\"basis\"><strong>{}</strong> {}</p>",
            wording::BASIS,
            e(basis)
        )?;
    }
    writeln!(out, "<p class=\"summary\">{}</p>", e(headline.summary))?;
    if headline.provisional {
        writeln!(
            out,
            "<p><span class=\"badge provisional\">Provisional:</span> {PROVISIONAL_TIER}</p>"
        )?;
    }
    for sentence in headline.sentences() {
        writeln!(out, "<p>{}</p>", e(sentence))?;
    }
    for possible in &headline.possible {
        writeln!(
            out,
            "<p>{POSSIBLE_TIER_BEFORE} <strong>{}</strong> {POSSIBLE_TIER_AFTER}</p>",
            e(possible)
        )?;
    }
    if !headline.roles.is_empty() {
        let roles: Vec<String> = headline.roles.iter().map(|role| e(role)).collect();
        writeln!(
            out,
            "<p><strong>{}</strong> {}</p>",
            wording::ROLE,
            roles.join(", ")
        )?;
    }
    Ok(())
}

/// The plan in short: when, how many, the first duties by name.
fn write_plan_table(out: &mut String, plan: &Plan<'_>) -> std::fmt::Result {
    writeln!(
        out,
        "<table class=\"plan-glance\"><caption>{}</caption><tbody>",
        wording::PLAN
    )?;
    for step in &plan.steps {
        let titles: Vec<&str> = step.duties.iter().map(|d| d.title.as_str()).collect();
        let cell = match (&step.condition_short, &step.condition) {
            (Some(only_if), _) => format!(
                "<em>{}:</em> <strong>{}:</strong> {}",
                e(only_if),
                e(&wording::duties(step.duties.len())),
                e(&wording::first_of(&titles, GLANCE_TITLES))
            ),
            // A hold whose duties are listed under the change.
            (None, Some(same)) if step.duties.is_empty() => e(same),
            _ => format!(
                "<strong>{}:</strong> {}",
                e(&wording::duties(step.duties.len())),
                e(&wording::first_of(&titles, GLANCE_TITLES))
            ),
        };
        writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{cell}</td></tr>",
            e(&step.heading()),
        )?;
    }
    writeln!(out, "</tbody></table>")
}

/// What the result turns on most, in a line each.
fn write_glance_turns_on(out: &mut String, v: &Verdict) -> std::fmt::Result {
    let Some(section) = turns_on::section(v) else {
        return Ok(());
    };
    if section.is_empty() {
        return writeln!(
            out,
            "<p class=\"glance-turns\"><strong>{}:</strong> {}</p>",
            turns_on::TITLE,
            turns_on::NOTHING
        );
    }
    let count = section.items.len() + section.also.len() + section.further.len();
    writeln!(
        out,
        "<p class=\"glance-turns\"><strong>{}</strong> ({})</p><ul class=\"glance-turns\">",
        turns_on::TITLE,
        e(&wording::most_first(count))
    )?;
    for item in section
        .items
        .iter()
        .chain(&section.further)
        .take(GLANCE_TURNS_ON)
    {
        let alternative = item.alternatives.first().map_or("", String::as_str);
        writeln!(
            out,
            "<li>{} <em>{} {}</em> {}</li>",
            e(item.question_text),
            turns_on::YOU_ANSWERED,
            e(&item.answer),
            e(alternative)
        )?;
    }
    writeln!(out, "</ul>")
}

/// The pyramid, top level most demanding. The verdict's level is filled in
/// full colour, outlined and pointed at with a written marker; the others
/// are pale. A level the system may turn out to be is dashed and says so;
/// so is the level of a look-ahead's result, "when you launch".
fn write_pyramid(out: &mut String, report: &Report, launch: Option<&str>) -> std::fmt::Result {
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
    let named = (levels.iter())
        .map(|tier| tier.label.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let description = if headline_in_pyramid || result.is_none() {
        format!("Risk pyramid, from most to least demanding: {named}. Your result: {result_label}.")
    } else {
        format!("Risk pyramid: {named}. Your result, {result_label}, is outside the pyramid.")
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
        let at_launch = launch == Some(tier.id.as_str());
        let possible = at_launch || report.is_possible_tier(&tier.id);
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
            (false, true) if at_launch => (
                format!("\u{25c7} {}: {}", tier.label, wording::LAUNCH_MARK),
                "label possible",
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
    // That nothing turns on one answer is said at a glance, once.
    let Some(section) = turns_on::section(&report.verdict).filter(|s| !s.is_empty()) else {
        return Ok(());
    };
    writeln!(out, "<section id=\"turns-on\"><h2>{}</h2>", turns_on::TITLE)?;
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
    for (title, lines) in section.lists() {
        writeln!(out, "<p>{title}</p><ul>")?;
        for line in lines {
            let (question, answer) = (e(line.question_text), e(line.answer));
            write!(out, "<li>{question} &rarr; <strong>{answer}</strong>")?;
            if let Some(alternative) = line.alternative {
                write!(out, ". {}", e(alternative))?;
            }
            writeln!(out, "</li>")?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</section>")
}

/// "What you must do, by when": each step's duties with what they ask,
/// the context items, then each date once with its source.
fn write_plan(out: &mut String, id: &str, plan: &Plan<'_>, title: &str) -> std::fmt::Result {
    writeln!(out, "<section id=\"{id}\"><h2>{}</h2>", e(title))?;
    // A duty that two steps name (one under a "not sure" answer, one on
    // hold) is described once: the second names it (pages of repeats
    // otherwise).
    let mut described: Vec<&str> = Vec::new();
    for step in &plan.steps {
        writeln!(out, "<h3>{}</h3>", e(&step.heading()))?;
        if let Some(condition) = &step.condition {
            writeln!(out, "<p class=\"condition\">{}</p>", e(condition))?;
        }
        let (again, new): (Vec<_>, Vec<_>) = (step.duties.iter())
            .map(|d| (*d, step.duty_status(d)))
            .partition(|(duty, _)| described.contains(&duty.id.as_str()));
        if !again.is_empty() {
            // A step marked provisional marks its duties: no badge each.
            let titles: Vec<String> = (again.iter())
                .map(|(duty, status)| match status {
                    Status::Provisional if !step.provisional => {
                        format!("{}{}", e(&duty.title), status_badge(*status))
                    }
                    _ => e(&duty.title),
                })
                .collect();
            writeln!(
                out,
                "<p class=\"again\"><strong>{}</strong> {}.</p>",
                wording::DESCRIBED_ABOVE,
                titles.join("; ")
            )?;
        }
        described.extend(new.iter().map(|(duty, _)| duty.id.as_str()));
        if !new.is_empty() {
            write_duties(out, new.into_iter())?;
        }
    }
    if !plan.context.is_empty() {
        writeln!(out, "<h3>{}</h3>", wording::CONTEXT_ITEMS)?;
        write_duties(out, plan.context.iter().map(|d| (*d, d.status)))?;
    }
    if !plan.dates.is_empty() {
        writeln!(
            out,
            "<div class=\"dates\"><p><strong>{}</strong></p><ul>",
            wording::DATES
        )?;
        for milestone in &plan.dates {
            writeln!(out, "<li>{}</li>", e(&outline::date_note(milestone)))?;
        }
        if outline::any_reported(plan) {
            writeln!(out, "<li>{}</li>", e(wording::REPORTED_LEGEND))?;
        }
        writeln!(out, "</ul></div>")?;
    }
    writeln!(out, "</section>")
}

/// Duties in a list: title and articles, what they ask, a caution.
fn write_duties<'a>(
    out: &mut String,
    duties: impl Iterator<Item = (&'a ObligationResult, Status)>,
) -> std::fmt::Result {
    writeln!(out, "<ul class=\"duties\">")?;
    for (duty, status) in duties {
        write!(
            out,
            "<li><strong>{}</strong>{}",
            e(&duty.title),
            status_badge(status)
        )?;
        if !duty.refs.is_empty() {
            write!(
                out,
                " <span class=\"refs\">{}</span>",
                ref_links(&duty.refs)
            )?;
        }
        write!(out, "<br>{}", e(&duty.summary))?;
        if let Some(caveat) = &duty.caveat {
            write!(
                out,
                "<br><span class=\"caveat\"><strong>Caution:</strong> {}</span>",
                e(caveat)
            )?;
        }
        writeln!(out, "</li>")?;
    }
    writeln!(out, "</ul>")
}

fn write_findings(out: &mut String, report: &Report) -> std::fmt::Result {
    let findings = outline::findings(&report.verdict);
    writeln!(
        out,
        "<section id=\"findings\"><h2>{}</h2>",
        wording::FINDINGS
    )?;
    if let Some(gates) = &findings.gates {
        writeln!(out, "<p class=\"gates\">{}</p>", e(gates))?;
    }
    for finding in findings.shown {
        let short = finding.explanation.len() + finding.caveat.as_ref().map_or(0, String::len)
            < SHORT_ARTICLE;
        writeln!(
            out,
            "<article class=\"finding{}\">",
            if short { " short" } else { "" }
        )?;
        writeln!(out, "<h3>{}</h3>", e(&outline::finding_title(finding)))?;
        writeln!(out, "<p>{}</p>", e(&finding.explanation))?;
        let because = outline::because(finding);
        if !because.is_empty() {
            writeln!(out, "<p class=\"because\">{BECAUSE}</p><ul>")?;
            for reason in because {
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

fn write_others(out: &mut String, report: &Report) -> std::fmt::Result {
    writeln!(out, "<section id=\"others\"><h2>{}</h2>", wording::OTHERS)?;
    for group in outline::others(&report.verdict) {
        writeln!(out, "<h3>{}</h3><ul>", e(group.actor))?;
        for duty in group.duties {
            writeln!(out, "<li>{}</li>", e(&outline::others_line(duty)))?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</section>")
}

fn write_open_points(out: &mut String, report: &Report) -> std::fmt::Result {
    writeln!(
        out,
        "<section id=\"open-points\"><h2>{}</h2>",
        wording::OPEN_POINTS
    )?;
    for question in report.verdict.open_questions() {
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
    writeln!(out, "<section id=\"answers\"><h2>{}</h2>", wording::ANSWERS)?;
    write_answer_table(out, &report.answers_by_section())?;
    if let Some(title) = report.look_ahead_title() {
        writeln!(out, "<h2 id=\"launch-answers\">{}</h2>", e(&title))?;
        write_answer_table(out, &report.look_ahead_by_section())?;
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

/// Answers in one table, sections as row groups, each note under its
/// answer.
fn write_answer_table(out: &mut String, sections: &[(&str, Vec<&AnswerLine>)]) -> std::fmt::Result {
    writeln!(
        out,
        "<table class=\"answers\"><colgroup><col class=\"question\"><col class=\"answer\"></colgroup><thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Your answer</th></tr></thead>"
    )?;
    for (section, lines) in sections {
        writeln!(
            out,
            "<tbody><tr class=\"group\"><th scope=\"rowgroup\" colspan=\"2\">{}</th></tr>",
            e(section)
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
            let note = line.note.as_deref().map_or_else(String::new, |note| {
                format!("<span class=\"note\">Note: {}</span>", e(note))
            });
            writeln!(
                out,
                "<tr><td>{}</td><td>{answer}{provisional}{note}</td></tr>",
                e(&line.question_text)
            )?;
        }
        writeln!(out, "</tbody>")?;
    }
    writeln!(out, "</table>")
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
    writeln!(out, "<p class=\"refs\">See: {}</p>", ref_links(refs))
}

/// The references as links to the official text, comma-separated.
fn ref_links(refs: &[RefInfo]) -> String {
    let links: Vec<String> = refs
        .iter()
        .map(|r| match html_url(&r.url) {
            Some(url) => format!("<a href=\"{url}\">{}</a>", e(&r.label)),
            None => e(&r.label),
        })
        .collect();
    links.join(", ")
}
