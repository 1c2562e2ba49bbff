//! "What this result turns on" as every rendering says it: the section's
//! items in plain sentences, for the text, Markdown and HTML reports, the
//! verdict screen and the summary's column (each item names its question,
//! so a screen can open it). The analysis is `aiact_core::turns_on`; this
//! only words it. Text is returned unescaped: each renderer escapes for
//! itself.
//!
//! What is said, and in which order, is decided for every surface here and
//! in the core's order: the answers to check first (open points, hard
//! calls, then facts with a definite other result, then facts whose other
//! answers only open more questions); per answer only the other answers
//! worth checking ([`DecisiveAnswer::to_check`]); the other answers of a
//! multiple choice that say the same grouped in one line; and never a
//! count of duties that depends on questions not yet asked.

use std::cmp::Ordering;

use aiact_core::Verdict;
use aiact_core::model::ObligationKind;
use aiact_core::outcome::{DutyState, FindingRole};
use aiact_core::turns_on::{
    Alternative, Aspect, Call, DecisiveAnswer, DutyDate, Edit, OtherAnswer, Outlook, Point,
};
use aiact_core::verdict::Status;
use jiff::civil::Date;

use super::text::long_date;
use super::wording::{self, role_labels};

pub const TITLE: &str = "What this result turns on";
pub const INTRO: &str = "The result rests on these facts; each line says what it would be if one were otherwise. Check them, with counsel where it matters: they are not answers to choose. Answers you were not sure of come first, then judgment calls, then other facts.";
/// Said when no single answer would change this result.
pub const NOTHING: &str = "No single answer would change this result.";
pub const YOU_ANSWERED: &str = "You answered:";
pub const HOW_TO_CHECK: &str = "How to check:";
/// After a "not sure" answer, which the open points list as well.
pub const OPEN_POINT: &str = " (an open point: see below)";
/// After a "not sure" answer that later answers settled (no open point).
pub const NOT_SURE: &str = " (you were not sure)";
/// After the answer to a question its authors mark as a hard call.
pub const JUDGMENT_CALL: &str = " (a judgment call: check it)";
/// Before the facts named in a line each.
pub const ALSO: &str = "It also rests on these facts:";
/// Before the answers whose other answers would only open more questions.
pub const FURTHER: &str =
    "Other answers to these would open more questions, and the result could then change:";

/// Alternatives shown for one answer; the others are counted.
const MAX_ALTERNATIVES: usize = 4;
/// Options named for one alternative; the others are counted.
const MAX_OPTIONS: usize = 3;
/// Provisions named after a tier; more than this (an alternative that opens
/// the whole questionnaire) says nothing useful, so none are named.
const MAX_PROVISIONS: usize = 8;
/// Findings named by their titles while they only might hold; more than
/// this is a list of possibilities, not a result.
const MAX_PROVISIONAL_TITLES: usize = 2;
/// Answers a report words in full; the others are named in a line each.
pub const REPORT_ITEMS: usize = 6;

/// One answer the result turns on, worded.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<'a> {
    /// The question's id: a screen can open it to change the answer.
    pub question: &'a str,
    pub question_text: &'a str,
    /// The answer given, shortened where its label runs on.
    pub answer: String,
    pub not_sure: bool,
    /// An open point, a hard call or a fact.
    pub call: Call,
    /// The open points list it (a "not sure" that later answers did not
    /// settle).
    pub open_point: bool,
    /// "If the true answer is “Yes”: HIGH-RISK (Annex III, point 4(a)); 17
    /// duties: 1 applies now, 16 from 2 December 2027."
    pub alternatives: Vec<String>,
    /// "2 more answers would change it too." when some are not shown.
    pub more: Option<String>,
    /// How to check the call: for open points and hard calls (a fact needs
    /// no advice on how to find it out).
    pub hint: Option<&'a str>,
    /// Its other answers would only open other parts of the questionnaire:
    /// nothing definite to say about them (reports name it in a line).
    pub opens_more: bool,
}

/// A fact the result also rests on, in one line (see [`Section`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Also<'a> {
    pub question: &'a str,
    pub question_text: &'a str,
    pub answer: String,
    /// The most important other answer, as an item words it.
    pub alternative: String,
}

/// The section as a report prints it: the most important answers in full,
/// the others in a line each, and last, by name, those whose other answers
/// would only open more questions.
#[derive(Debug, Clone, PartialEq)]
pub struct Section<'a> {
    pub items: Vec<Item<'a>>,
    pub also: Vec<Also<'a>>,
    pub further: Vec<Item<'a>>,
}

impl Section<'_> {
    /// Nothing worth checking turns on one answer: say [`NOTHING`].
    pub fn is_empty(&self) -> bool {
        self.items.is_empty() && self.also.is_empty() && self.further.is_empty()
    }

    /// The lists after the items, each under its title and only where not
    /// empty: the facts the result also rests on ([`ALSO`]), then the
    /// answers that would only open more questions ([`FURTHER`]).
    pub fn lists(&self) -> Vec<(&'static str, Vec<Line<'_>>)> {
        let also = (self.also.iter())
            .map(|also| Line {
                question_text: also.question_text,
                answer: &also.answer,
                alternative: Some(&also.alternative),
            })
            .collect();
        let further = (self.further.iter())
            .map(|item| Line {
                question_text: item.question_text,
                answer: &item.answer,
                alternative: None,
            })
            .collect();
        [(ALSO, also), (FURTHER, further)]
            .into_iter()
            .filter(|(_, lines): &(_, Vec<Line>)| !lines.is_empty())
            .collect()
    }
}

/// An answer in one of a section's [`Section::lists`]: the question, the
/// answer given, and for a fact, the most important other answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line<'a> {
    pub question_text: &'a str,
    pub answer: &'a str,
    pub alternative: Option<&'a str>,
}

/// Every item in full, most important first (for a screen that scrolls);
/// `None` when the verdict was computed without them, an empty list when
/// nothing worth checking turns on one answer (say [`NOTHING`]).
pub fn items(verdict: &Verdict) -> Option<Vec<Item<'_>>> {
    let decisive = verdict.turns_on.as_ref()?;
    let words = Words::new(verdict);
    Some(
        decisive
            .iter()
            .filter_map(|item| words.item(item))
            .collect(),
    )
}

/// The section for a report: [`REPORT_ITEMS`] items in full, the rest in a
/// line each.
pub fn section(verdict: &Verdict) -> Option<Section<'_>> {
    let (further, mut items): (Vec<Item>, Vec<Item>) = items(verdict)?
        .into_iter()
        .partition(|item| item.opens_more);
    let rest = items.split_off(items.len().min(REPORT_ITEMS));
    Some(Section {
        further,
        items,
        also: rest
            .into_iter()
            .filter_map(|item| {
                Some(Also {
                    question: item.question,
                    question_text: item.question_text,
                    answer: item.answer,
                    alternative: item.alternatives.into_iter().next()?,
                })
            })
            .collect(),
    })
}

/// The most important item in one line, for a table cell: "Is a
/// significant change to its design planned? (not sure) If the true answer
/// is “Yes”: 17 duties for sure: ..." (where the tier stays, what changes
/// instead).
pub fn top_line(verdict: &Verdict) -> Option<String> {
    let decisive = verdict.turns_on.as_ref()?;
    let words = Words::new(verdict);
    decisive.iter().find_map(|item| {
        let group = words.groups(item).into_iter().next()?;
        let result = words.result(&group);
        // The tier; where it stays, what changes instead, other than a
        // finding shown only for context (under a ban, what the ban sets
        // aside): show says it, but it is not what the result rests on.
        let mut clauses = result.split("; ");
        let first = clauses.next().unwrap_or_default();
        let result = if first.starts_with("still ") {
            clauses
                .find(|clause| !about_context(verdict, clause))
                .unwrap_or(first)
        } else {
            first
        };
        let unsure = if item.not_sure { " (not sure)" } else { "" };
        // A question to settle is spelled out in a cell of its own.
        let to_settle =
            (verdict.open_questions().iter()).any(|open| open.answer.question == item.question);
        let question = if to_settle {
            super::brief::question_reference(&item.question_text)
        } else {
            short_question(&item.question_text)
        };
        Some(format!(
            "{question}{unsure} {}: {result}",
            condition(group.answers(), 1)
        ))
    })
}

/// "no longer: Transparency: …" where that finding is shown for context.
fn about_context(verdict: &Verdict, clause: &str) -> bool {
    clause.strip_prefix("no longer: ").is_some_and(|title| {
        (verdict.findings.iter())
            .any(|finding| finding.role == FindingRole::Context && finding.title == title)
    })
}

impl Item<'_> {
    /// Said after the answer given: that it is an open point, or a
    /// judgment call.
    pub fn call_note(&self) -> &'static str {
        match self.call {
            Call::NotSure if self.open_point => OPEN_POINT,
            Call::NotSure => NOT_SURE,
            Call::HardCall => JUDGMENT_CALL,
            Call::Fact => "",
        }
    }

    /// The class an HTML report gives it: a fact is marked less loudly
    /// than an open point or a judgment call.
    pub fn css_class(&self) -> &'static str {
        match self.call {
            Call::NotSure => "open",
            Call::HardCall => "judgment",
            Call::Fact => "fact",
        }
    }

    /// The mark a text report puts before the question: `?` an open point,
    /// `!` a judgment call, `-` a fact.
    pub fn mark(&self) -> char {
        match self.call {
            Call::NotSure => '?',
            Call::HardCall => '!',
            Call::Fact => '-',
        }
    }
}

/// Other answers worded in one line: one alternative, or several of a
/// multiple choice that say the same.
struct Group<'a> {
    alternatives: Vec<&'a Alternative>,
    kind: Kind,
}

impl<'a> Group<'a> {
    fn answers(&self) -> impl Iterator<Item = &'a OtherAnswer> + '_ {
        self.alternatives.iter().flat_map(|a| &a.answers)
    }

    /// The points of every alternative: their grounds, or what they gain.
    fn points(&self, of: impl Fn(&'a Alternative) -> &'a [Point]) -> Vec<Point> {
        self.alternatives
            .iter()
            .flat_map(|a| of(a).iter().cloned())
            .collect()
    }
}

/// What an other answer says, coarsely: alternatives of one multiple
/// choice that say the same are worded together.
#[derive(Debug, Clone, PartialEq)]
enum Kind {
    /// Definite, and the tier changes to this one (ticks to the same tier
    /// are grouped, their grounds named together).
    Becomes(String),
    /// Definite, the tier stays, and only its grounds (bans, high-risk
    /// basis, exemption), transparency duties, duties or dates change.
    Still(String),
    /// Definite, the tier stays, and only roles and their duties change.
    Roles(String),
    /// Definite, the tier stays, and something else changes (the model
    /// rules, roles along with other things): named each.
    Other,
    /// The tier depends on the answer's own follow-ups, not yet asked: it
    /// could become this tier (its id).
    CouldBecome(String),
    /// The result given is an exemption that would no longer hold, and
    /// questions elsewhere would decide what applies.
    NoLonger,
    /// Questions elsewhere in the questionnaire would decide what changes.
    MoreQuestions,
}

/// What the wording needs to know about the verdict itself.
struct Words<'v> {
    verdict: &'v Verdict,
    /// The dates the verdict's duties apply from, or might.
    dates: Vec<Date>,
    /// How many duties it has, and how many of them only might apply.
    duties: usize,
    provisional: usize,
    /// Its roles, as an alternative names them.
    roles: Vec<String>,
}

impl<'v> Words<'v> {
    fn new(verdict: &'v Verdict) -> Self {
        let mut dates: Vec<Date> = verdict
            .obligations
            .iter()
            .filter(|o| o.kind == ObligationKind::Duty)
            .flat_map(|o| {
                std::iter::once(o.applies.milestone.date)
                    .chain(o.other_possible_dates.iter().map(|m| m.date))
            })
            .collect();
        dates.sort_unstable();
        dates.dedup();
        let duties = || {
            verdict
                .obligations
                .iter()
                .filter(|o| o.kind == ObligationKind::Duty)
        };
        Self {
            verdict,
            dates,
            duties: duties().count(),
            provisional: duties().filter(|o| o.status == Status::Provisional).count(),
            roles: role_labels(&verdict.roles),
        }
    }

    fn item<'a>(&self, item: &'a DecisiveAnswer) -> Option<Item<'a>> {
        let groups = self.groups(item);
        if groups.is_empty() {
            return None;
        }
        let shown = groups.len().min(MAX_ALTERNATIVES);
        let hidden = groups.len() - shown;
        Some(Item {
            question: &item.question,
            question_text: &item.question_text,
            answer: short_answer(item),
            not_sure: item.not_sure,
            call: item.call,
            open_point: self.verdict.open_points.iter().any(|point| {
                point
                    .unsure_answers
                    .iter()
                    .any(|a| a.question == item.question)
            }),
            alternatives: groups[..shown]
                .iter()
                .map(|group| {
                    let condition = condition(group.answers(), MAX_OPTIONS);
                    format!("{condition}: {}.", self.result(group))
                })
                .collect(),
            more: (hidden > 0).then(|| match hidden {
                1 => "1 more answer would change it too.".to_owned(),
                n => format!("{n} more answers would change it too."),
            }),
            hint: match item.call {
                Call::Fact => None,
                Call::NotSure | Call::HardCall => item.hint.as_deref(),
            },
            opens_more: groups.iter().all(|group| group.kind == Kind::MoreQuestions),
        })
    }

    /// The alternatives worth checking, those of a multiple choice that say
    /// the same in one group.
    fn groups<'a>(&self, item: &'a DecisiveAnswer) -> Vec<Group<'a>> {
        let mut groups: Vec<Group<'a>> = Vec::new();
        for alternative in item.to_check() {
            let kind = self.kind(alternative);
            let ticks = alternative.answers.iter().all(|a| a.option.is_some());
            let groupable = match kind {
                Kind::Other => false,
                Kind::Becomes(_) | Kind::Still(_) | Kind::Roles(_) => ticks,
                Kind::CouldBecome(_) | Kind::NoLonger | Kind::MoreQuestions => true,
            };
            match groups
                .iter_mut()
                .find(|group| groupable && group.kind == kind && (!ticks || group_of_ticks(group)))
            {
                Some(group) => group.alternatives.push(alternative),
                None => groups.push(Group {
                    alternatives: vec![alternative],
                    kind,
                }),
            }
        }
        groups
    }

    fn kind(&self, alternative: &Alternative) -> Kind {
        let tier_changed = alternative.changes.contains(&Aspect::Tier);
        if alternative.outlook == Outlook::Would && !alternative.screening() {
            let only = |aspects: &[Aspect]| alternative.changes.iter().all(|c| aspects.contains(c));
            let tier = alternative.tier.id.clone();
            return if tier_changed {
                Kind::Becomes(tier)
            } else if only(&[
                Aspect::Prohibition,
                Aspect::HighRiskBasis,
                Aspect::HighRiskExemption,
                Aspect::DutyState,
                Aspect::Transparency,
                Aspect::Duties,
                Aspect::Dates,
            ]) {
                Kind::Still(tier)
            } else if only(&[Aspect::Roles, Aspect::Duties, Aspect::Dates]) {
                Kind::Roles(tier)
            } else {
                Kind::Other
            };
        }
        // Its own follow-ups decide: the tier they could bring is worth
        // naming. Questions in other parts make every tier possible, and
        // the most demanding of them says nothing about this answer.
        if !alternative.opens_elsewhere
            && let Some(tier) = could_become(alternative, self.verdict)
        {
            return Kind::CouldBecome(tier.to_owned());
        }
        if self.verdict.tier.exempts && alternative.tier.id != self.verdict.tier.id {
            Kind::NoLonger
        } else {
            Kind::MoreQuestions
        }
    }

    /// What the result would be, for a group of alternatives.
    fn result(&self, group: &Group) -> String {
        let [alternative] = group.alternatives.as_slice() else {
            return self.shared_result(group);
        };
        match &group.kind {
            Kind::CouldBecome(_) | Kind::NoLonger | Kind::MoreQuestions => {
                self.open_result(&group.kind, alternative)
            }
            Kind::Becomes(_) | Kind::Still(_) | Kind::Roles(_) | Kind::Other => {
                self.definite(alternative)
            }
        }
    }

    /// Several alternatives that say the same, coarsely.
    fn shared_result(&self, group: &Group) -> String {
        let first = group.alternatives[0];
        match &group.kind {
            Kind::Becomes(_) => {
                let grounds = group.points(|a| &a.grounds);
                let mut clause = changed_tier(first);
                if let Some(grounds) = provisions(&grounds) {
                    let single = changed_tier(&Alternative {
                        grounds: Vec::new(),
                        ..first.clone()
                    });
                    clause = format!("{single} ({grounds})");
                }
                // What all of them would no longer give.
                let lost: Vec<&Point> = titled(&first.lost)
                    .filter(|point| {
                        group
                            .alternatives
                            .iter()
                            .all(|a| a.lost.iter().any(|p| p.id == point.id))
                    })
                    .collect();
                let mut clauses = vec![clause];
                clauses.extend(lost.iter().map(|p| format!("no longer: {}", p.title)));
                clauses.join("; ")
            }
            Kind::Still(_) => {
                let gained = group.points(|a| &a.gained);
                let more_duties = group.alternatives.iter().any(|a| {
                    a.changes
                        .iter()
                        .any(|c| matches!(c, Aspect::Transparency | Aspect::Duties))
                });
                let duties = if more_duties {
                    ", with more duties"
                } else {
                    ""
                };
                let clause = match provisions(&gained) {
                    Some(grounds) => format!("also under {grounds}{duties}"),
                    None => format!("on further grounds{duties}"),
                };
                self.after_still(first, &clause)
            }
            Kind::Roles(_) => self.after_still(first, "with the duties of that role as well"),
            Kind::CouldBecome(_) => {
                let grounds = group.points(|a| &a.grounds);
                let tier = could_become(first, self.verdict).unwrap_or_default();
                let label = self.tier_label(tier, first);
                match provisions(&grounds) {
                    Some(grounds) => format!(
                        "could become {label} ({grounds}), depending on questions not yet asked"
                    ),
                    None => format!("could become {label}, depending on questions not yet asked"),
                }
            }
            kind => self.open_result(kind, first),
        }
    }

    /// An alternative that opens questions and whose tier depends on them.
    fn open_result(&self, kind: &Kind, alternative: &Alternative) -> String {
        match kind {
            Kind::CouldBecome(tier) => {
                let mut clause = format!("could become {}", self.tier_label(tier, alternative));
                if *tier == alternative.tier.id
                    && let Some(grounds) = provisions(&alternative.grounds)
                {
                    clause.push_str(&format!(" ({grounds})"));
                }
                format!("{clause}{}", depending(alternative))
            }
            Kind::NoLonger => format!(
                "it would no longer be {}, and more questions would decide what applies",
                self.verdict.tier.label.to_uppercase()
            ),
            _ => "more questions would follow, and the result could change".to_owned(),
        }
    }

    /// "HIGH-RISK (Annex III, point 4(a))" where the tier changes, "still
    /// HIGH-RISK" where it stays; nothing where the verdict shows another
    /// headline (an unfinished one shows only what already holds, while an
    /// alternative is compared on everything not ruled out).
    fn tier_clause(&self, alternative: &Alternative) -> Option<String> {
        if alternative.changes.contains(&Aspect::Tier) {
            return Some(changed_tier(alternative));
        }
        if alternative.tier.id != self.verdict.tier.id {
            return None;
        }
        let mut clause = format!("still {}", alternative.tier.label.to_uppercase());
        if alternative.tier_status == Status::Provisional {
            clause.push_str(" (provisional)");
        }
        Some(clause)
    }

    /// "still HIGH-RISK, {clause}", or the clause alone (see
    /// [`Words::tier_clause`]).
    fn after_still(&self, alternative: &Alternative, clause: &str) -> String {
        match self.tier_clause(alternative) {
            Some(still) if clause.starts_with("also") => format!("{still}; {clause}"),
            Some(still) => format!("{still}, {clause}"),
            None => clause.to_owned(),
        }
    }

    /// The label of a tier an alternative could become: its headline, or
    /// an exempting tier it might have instead.
    fn tier_label(&self, id: &str, alternative: &Alternative) -> String {
        std::iter::once(&alternative.tier)
            .chain(&alternative.possible_tiers)
            .find(|tier| tier.id == id)
            .map_or_else(|| id.to_owned(), |tier| tier.label.to_uppercase())
    }

    /// "HIGH-RISK (Annex III, point 4(a)); ...; 17 duties from 2 December
    /// 2027", for an alternative whose tier is definite.
    fn definite(&self, alternative: &Alternative) -> String {
        let tier_changed = alternative.changes.contains(&Aspect::Tier);
        let opens = !alternative.opens.is_empty();
        let mut clauses: Vec<String> = self.tier_clause(alternative).into_iter().collect();
        // Whether nothing but the tier has been said yet.
        let said = clauses.len();
        let tier_only = |clauses: &[String]| clauses.len() == said;
        if !tier_changed {
            if let Some(gained) = provisions(&alternative.gained) {
                clauses.push(format!("also under {gained}"));
            }
            if let Some(lost) = provisions(&alternative.lost) {
                clauses.push(format!("no longer under {lost}"));
            }
        }
        // What holds for sure; what only might is named when it is a few.
        let gained: Vec<&Point> = titled(&alternative.gained).collect();
        let provisional = gained
            .iter()
            .filter(|p| p.status == Status::Provisional)
            .count();
        for point in gained {
            match point.status {
                Status::Holds => clauses.push(point.title.clone()),
                Status::Provisional if !opens && provisional <= MAX_PROVISIONAL_TITLES => {
                    clauses.push(format!("{} (provisional)", point.title));
                }
                Status::Provisional => {}
            }
        }
        // Where nothing applies any more (not an AI system, say), what no
        // longer holds goes without saying.
        // Where the duties start instead, what it replaces goes without
        // saying too.
        let restarted = titled(&alternative.gained).any(|p| p.aspect == Aspect::DutyState);
        if !tier_changed || !alternative.duties.is_empty() {
            for point in titled(&alternative.lost) {
                if !(restarted && point.aspect == Aspect::DutyState) {
                    clauses.push(format!("no longer: {}", point.title));
                }
            }
        }
        if alternative.changes.contains(&Aspect::Roles) {
            // Roles that only might hold, depending on questions to come,
            // are not worth naming.
            let roles: Vec<_> = alternative
                .roles
                .iter()
                .filter(|role| !opens || role.status == Status::Holds)
                .cloned()
                .collect();
            let labels = role_labels(&roles);
            if roles.is_empty() && alternative.roles.is_empty() && !tier_changed {
                clauses.push("no role".to_owned());
            } else if !roles.is_empty() && labels != self.roles {
                let noun = if labels.len() == 1 { "role" } else { "roles" };
                clauses.push(format!("your {noun}: {}", labels.join(", ")));
            }
        }
        if !tier_changed
            && tier_only(&clauses)
            && let Some(aspect) = alternative.changes.iter().find(|c| {
                !matches!(
                    c,
                    Aspect::Tier | Aspect::Roles | Aspect::Duties | Aspect::Dates
                )
            })
        {
            // Nothing precise to name (only might hold, or too many): say what.
            clauses.push(if opens {
                format!(
                    "{} could change{}",
                    aspect_words(*aspect),
                    depending(alternative)
                )
            } else {
                format!("{} would change", aspect_words(*aspect))
            });
        }
        if opens {
            // How many duties depends on what is still to come: a count
            // would only be an upper bound.
            if tier_only(&clauses) && !tier_changed {
                clauses.push(format!(
                    "its duties would depend on {}",
                    questions_to_come(alternative)
                ));
            }
        } else if tier_changed
            || alternative.changes.contains(&Aspect::Duties)
            || alternative.changes.contains(&Aspect::DutyState)
        {
            clauses.push(self.duties_clause(alternative));
        } else if alternative.changes.contains(&Aspect::Dates) {
            clauses.push(self.dates_clause(alternative));
        }
        clauses.join("; ")
    }

    /// "its duties would apply from 2 December 2027, not possibly from 2
    /// August 2030": the dates that differ from the verdict's.
    fn dates_clause(&self, alternative: &Alternative) -> String {
        let mut dates: Vec<Date> = alternative
            .duties
            .iter()
            .flat_map(|d| std::iter::once(d.date).chain(d.other_possible_dates.iter().copied()))
            .collect();
        dates.sort_unstable();
        dates.dedup();
        let gained: Vec<String> = dates
            .iter()
            .filter(|d| !self.dates.contains(d))
            .map(|d| long_date(*d))
            .collect();
        let lost: Vec<String> = self
            .dates
            .iter()
            .filter(|d| !dates.contains(d))
            .map(|d| long_date(*d))
            .collect();
        let mut clause = self.duties_clause(alternative);
        if !lost.is_empty() && gained.is_empty() {
            clause.push_str(&format!(", no longer possibly from {}", or_list(&lost)));
        } else if !lost.is_empty() {
            clause.push_str(&format!(", not from {}", or_list(&lost)));
        }
        clause
    }

    /// "17 duties: 1 applies now, 16 from 2 December 2027"; "no duties";
    /// "1 duty that applies now (16 fewer)". A date that might apply
    /// instead follows its date: "16 from 2 December 2027 (or 2 August
    /// 2030)"; "for sure" where the verdict's duties only might apply.
    fn duties_clause(&self, alternative: &Alternative) -> String {
        let total: usize = alternative.duties.iter().map(|d| d.count).sum();
        let provisional: usize = alternative.duties.iter().map(|d| d.provisional).sum();
        let noun = |n: usize| if n == 1 { "duty" } else { "duties" };
        if total == 0 {
            return "no duties".to_owned();
        }
        // Against the verdict's duties, where the tier stays.
        let same_tier = !alternative.changes.contains(&Aspect::Tier);
        let sure = if same_tier && provisional == 0 && self.provisional > 0 {
            " for sure"
        } else {
            ""
        };
        let difference = match total.cmp(&self.duties) {
            _ if !same_tier => String::new(),
            Ordering::Greater => format!(" ({} more)", total - self.duties),
            Ordering::Less => format!(" ({} fewer)", self.duties - total),
            Ordering::Equal => String::new(),
        };
        let counted = format!("{total} {}{sure}{difference}", noun(total));
        let now: usize = alternative
            .duties
            .iter()
            .filter(|d| d.now && d.other_possible_dates.is_empty())
            .map(|d| d.count)
            .sum();
        let later: Vec<&DutyDate> = alternative
            .duties
            .iter()
            .filter(|d| !d.now || !d.other_possible_dates.is_empty())
            .collect();
        let from = |d: &DutyDate| {
            let mut date = long_date(d.date);
            if !d.other_possible_dates.is_empty() {
                let others: Vec<String> = d
                    .other_possible_dates
                    .iter()
                    .map(|o| long_date(*o))
                    .collect();
                date.push_str(&format!(" (or {})", or_list(&others)));
            }
            // Duties still to come start as the headline would say: from
            // a change the user makes, or by a deadline.
            match alternative.duty_state {
                Some(DutyState::OnChange) if !d.now => {
                    lower_first(&wording::on_change(Some(&date)))
                }
                Some(DutyState::ByDeadline) if !d.now => lower_first(&wording::by_deadline(&date)),
                _ => wording::starting(&date),
            }
        };
        let verb = |n: usize| if n == 1 { "applies" } else { "apply" };
        match (now, later.as_slice()) {
            (_, []) if sure.is_empty() && difference.is_empty() => {
                format!("{counted} that {} now", verb(total))
            }
            (_, []) => format!("{counted}, which {} now", verb(total)),
            (0, [only]) => format!("{counted} {}", from(only)),
            _ => {
                let mut parts: Vec<String> = Vec::new();
                if now > 0 {
                    parts.push(format!("{now} {} now", verb(now)));
                }
                parts.extend(later.iter().map(|d| format!("{} {}", d.count, from(d))));
                format!("{counted}: {}", parts.join(", "))
            }
        }
    }
}

/// Whether every alternative of a group ticks, unticks or swaps options.
fn group_of_ticks(group: &Group) -> bool {
    group
        .alternatives
        .iter()
        .all(|a| a.answers.iter().all(|answer| answer.option.is_some()))
}

/// The tier an alternative whose own follow-ups are still to come could
/// become: its headline when that changes, else an exempting tier it might
/// have instead.
fn could_become<'a>(alternative: &'a Alternative, verdict: &Verdict) -> Option<&'a str> {
    if alternative.changes.contains(&Aspect::Tier) && alternative.tier.id != verdict.tier.id {
        return Some(&alternative.tier.id);
    }
    alternative
        .possible_tiers
        .first()
        .map(|tier| tier.id.as_str())
}

/// ", depending on a question not yet asked".
fn depending(alternative: &Alternative) -> String {
    match alternative.opens.len() {
        0 => String::new(),
        _ => format!(", depending on {}", questions_to_come(alternative)),
    }
}

fn questions_to_come(alternative: &Alternative) -> String {
    match alternative.opens.len() {
        1 => "a question not yet asked".to_owned(),
        n => format!("{n} questions not yet asked"),
    }
}

/// "HIGH-RISK (Annex III, point 4(a))", "PROHIBITED PRACTICE
/// (provisional)": the tier an alternative changes to.
fn changed_tier(alternative: &Alternative) -> String {
    let mut clause = alternative.tier.label.to_uppercase();
    if alternative.tier_status == Status::Provisional {
        clause.push_str(" (provisional)");
    }
    if let Some(grounds) = provisions(&alternative.grounds) {
        clause.push_str(&format!(" ({grounds})"));
    }
    clause
}

/// The provisions of the bans and the high-risk basis among `points`, each
/// once, grouped: "Annex III, points 4(a), 4(b)"; `None` when there are too
/// many to be worth naming.
fn provisions(points: &[Point]) -> Option<String> {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut count = 0;
    for label in points.iter().filter_map(|point| point.label.as_deref()) {
        // "Annex III, point 4(a)" is "Annex III, point" and "4(a)".
        let (head, tail) = label.rsplit_once(' ').unwrap_or(("", label));
        match groups.iter_mut().find(|(known, _)| *known == head) {
            Some((_, tails)) if tails.contains(&tail) => continue,
            Some((_, tails)) => tails.push(tail),
            None => groups.push((head, vec![tail])),
        }
        count += 1;
    }
    if count == 0 || count > MAX_PROVISIONS {
        return None;
    }
    let named: Vec<String> = groups
        .into_iter()
        .map(|(head, tails)| {
            let plural = if tails.len() > 1 { "s" } else { "" };
            format!("{head}{plural} {}", tails.join(", "))
        })
        .collect();
    Some(named.join("; "))
}

/// What changes, said in general where nothing more precise is shown.
fn aspect_words(aspect: Aspect) -> &'static str {
    match aspect {
        Aspect::Tier => "the risk tier",
        Aspect::Prohibition => "the banned practices (Article 5)",
        Aspect::HighRiskBasis => "the high-risk basis",
        Aspect::HighRiskExemption => "the Article 6(3) exemption",
        Aspect::DutyState => "when your duties start",
        Aspect::Gpai => "the general-purpose AI model rules",
        Aspect::Roles => "your roles",
        Aspect::Transparency => "the transparency duties (Article 50)",
        Aspect::Duties => "your duties",
        Aspect::Dates => "the dates of your duties",
    }
}

/// Points said by their titles (the Article 6(3), Article 50 and GPAI findings).
fn titled(points: &[Point]) -> impl Iterator<Item = &Point> {
    points.iter().filter(|point| point.label.is_none())
}

/// "From the change you make" within a sentence.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "A", "A or B", "A, B or C".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// "If the true answer is “No”", "If “X” also applies", "If in fact only
/// “X” applies", for every answer that leads to the same result: facts, not
/// choices.
fn condition<'a>(answers: impl Iterator<Item = &'a OtherAnswer>, named: usize) -> String {
    let answers: Vec<&OtherAnswer> = answers.collect();
    let mut phrases: Vec<String> = Vec::new();
    for edit in [
        Edit::Answer,
        Edit::NotSure,
        Edit::Tick,
        Edit::Untick,
        Edit::Instead,
        Edit::Only,
    ] {
        let mut labels: Vec<String> = Vec::new();
        for answer in answers.iter().filter(|answer| answer.edit == edit) {
            let label = match (&answer.option_label, edit) {
                (Some(option), Edit::Tick | Edit::Untick | Edit::Instead | Edit::Only) => {
                    format!("“{}”", short(option))
                }
                _ => format!("“{}”", short(&answer.answer_label)),
            };
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
        if labels.is_empty() {
            continue;
        }
        let listed = listing(&labels, named);
        let several = labels.len() > 1;
        phrases.push(match edit {
            Edit::Answer => format!("the true answer is {listed}"),
            Edit::NotSure => "you were not sure of it".to_owned(),
            Edit::Tick if several => format!("any of {listed} also applies"),
            Edit::Tick => format!("{listed} also applies"),
            Edit::Untick => format!("{listed} does not in fact apply"),
            Edit::Instead if several => format!("one of {listed} applies instead"),
            Edit::Instead => format!("{listed} applies instead"),
            Edit::Only if several => format!("in fact only one of {listed} applies"),
            Edit::Only => format!("in fact only {listed} applies"),
        });
    }
    format!("If {}", phrases.join(", or if "))
}

/// "A", "A or B", "A, B or C", "A, B, C or 2 others": at most `named`
/// named.
fn listing(labels: &[String], named: usize) -> String {
    let named = named.max(1);
    match labels {
        [] => String::new(),
        [only] => only.clone(),
        _ if labels.len() > named => {
            let others = labels.len() - named;
            format!(
                "{} or {others} {}",
                labels[..named].join(", "),
                if others == 1 { "other" } else { "others" }
            )
        }
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A label up to its first explanation: "It learned from data: machine
/// learning of any kind (...)" is "It learned from data"; a label of
/// several sentences is its first.
fn short(label: &str) -> String {
    let cut = [": ", " (", ". "]
        .iter()
        .filter_map(|mark| label.find(mark))
        .min()
        .filter(|&at| label[..at].contains(' '));
    match cut {
        Some(at) => label[..at].trim_end_matches([',', ';']).to_owned(),
        None => label.to_owned(),
    }
}

/// An answer as the user gave it, each option ticked shortened and none
/// left out. A verdict saved before the options were recorded has only the
/// whole label, its options joined by "; ".
fn short_answer(item: &DecisiveAnswer) -> String {
    if item.answer_options.is_empty() {
        item.answer_label
            .split("; ")
            .map(short)
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        item.answer_options
            .iter()
            .map(|option| short(option))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The question itself, without what explains it: its asides in
/// brackets, the sentences after it, the examples after a colon.
fn short_question(text: &str) -> String {
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let plain = plain.replace(" ,", ",").replace("  ", " ");
    let sentence = match plain.find('?') {
        Some(at) => &plain[..=at],
        None => plain.as_str(),
    };
    let cut = short(sentence);
    let cut = cut.trim_end_matches('?');
    format!("{}?", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_shortened_at_their_first_explanation() {
        assert_eq!(
            short("It learned from data: machine learning of any kind (neural networks)"),
            "It learned from data"
        );
        assert_eq!(
            short("In places open to the public (streets, stations), whoever owns them"),
            "In places open to the public"
        );
        assert_eq!(short("Yes"), "Yes");
        assert_eq!(
            short("It is part of a regulated product. This includes medical software."),
            "It is part of a regulated product"
        );
        assert_eq!(
            short("Employment: hiring"),
            "Employment: hiring",
            "one word stays whole"
        );
        assert_eq!(
            short_question("In that use, does the system profile people: evaluate them?"),
            "In that use, does the system profile people?"
        );
        // Asides in brackets go, and so do the sentences after the question.
        assert_eq!(
            short_question(
                "From the day the rules apply to it (2 December 2027 for listed uses), is a change planned, by you or by its maker: such as a new model? Count every change."
            ),
            "From the day the rules apply to it, is a change planned, by you or by its maker?"
        );
    }

    #[test]
    fn lists_name_a_few_and_count_the_rest() {
        let labels: Vec<String> = ["A", "B", "C", "D", "E"].map(String::from).to_vec();
        assert_eq!(listing(&labels[..1], 3), "A");
        assert_eq!(listing(&labels[..2], 3), "A or B");
        assert_eq!(listing(&labels[..3], 3), "A, B or C");
        assert_eq!(listing(&labels, 3), "A, B, C or 2 others");
        assert_eq!(listing(&labels[..2], 1), "A or 1 other");
    }
}
