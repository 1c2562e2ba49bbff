//! What a verdict turns on: the answers given that, changed alone, would
//! change the result (issue 12). A founder often makes one hard call alone
//! ("does it profile people?"); the verdict shows which calls it rests on.
//!
//! For every answered question on the path, each other admissible answer is
//! tried: the other options of a yes/no or single choice; one option ticked
//! or unticked at a time for a multiple choice; values on the other side of
//! each threshold the conditions compare a number with; "not sure" where
//! offered. Questions an alternative would newly open have no answer, so
//! the engine reads them as unknown: the alternative result then "could
//! become" something, depending on questions not yet asked.
//!
//! What counts as a change is read from the data, in one place
//! ([`Profile::aspect_of`]): the headline tier; the banned practices
//! (findings with a tier and an Article 5 reference); the high-risk basis
//! (the Annex I and Annex III points a tier rests on); the Article 6(3)
//! exemption; where the headline's duties start (the findings that time
//! its tier: a hold, a deadline, a change the user makes); the Article 50
//! findings; the GPAI findings (Articles 51 to 55, Article 3(63)); the
//! user's roles; the duties and their dates (a date that might apply
//! instead included).
//!
//! What is worth checking is decided here too, for every surface: whose
//! call the answer is ([`Call`]: not sure, a hard call its authors mark,
//! or a fact), whether another answer would ask more or less of the user
//! ([`Burden`]), and so which other answers a report lists
//! ([`DecisiveAnswer::to_check`]) and in which order the answers come.
//!
//! Cheap enough to run once per change of answers: answers that the
//! conditions cannot tell apart are evaluated once (or not at all, when
//! they read like the answer given), and each alternative is compared on a
//! small outcome (tier, finding and role truths, duty dates) rather than a
//! whole verdict.

use std::borrow::Borrow;
use std::cmp::Ordering;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::answer::{Answer, AnswerValue, Answers};
use crate::compiled::Cond;
use crate::engine::{Evaluation, Truth, answer_truth, possibly};
use crate::model::{ObligationKind, QualifierKind, Question, QuestionKind};
use crate::outcome::DutyState;
use crate::questionnaire::Questionnaire;
use crate::refs::{ParsedRef, RefKind};
use crate::verdict::{QuestionInfo, RoleResult, Status};

/// What an alternative answer would change. The order ranks them: a change
/// of tier matters most, then a ban or the basis of high risk, then duties
/// and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aspect {
    /// The headline tier.
    Tier,
    /// Which banned practices (Article 5 points) hold.
    Prohibition,
    /// The Annex I or Annex III points the high-risk tier rests on.
    HighRiskBasis,
    /// Whether the Article 6(3) exemption holds.
    HighRiskExemption,
    /// Where the headline's duties stand, as its qualifiers say: on hold,
    /// from a change the user makes, by a deadline, or (none of these)
    /// from their dates.
    DutyState,
    /// The general-purpose AI model findings (Articles 51 to 55).
    Gpai,
    /// The user's roles.
    Roles,
    /// The Article 50 findings: transparency duties on this user.
    Transparency,
    /// Which duties the user has.
    Duties,
    /// From when the duties apply (dates that have all come by the
    /// verdict's date are alike: the duty applies now either way).
    Dates,
}

/// How definite the result of an alternative answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outlook {
    /// The tier would be this (provisional only where other answers are
    /// "not sure"), whatever the questions it opens: what else depends on
    /// those only might hold.
    Would,
    /// The alternative opens questions not yet answered and its tier
    /// depends on them: the result could become this.
    CouldBecome,
}

/// How an alternative answer differs from the answer given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    /// Another answer (yes/no, single choice, number).
    Answer,
    /// "Not sure".
    NotSure,
    /// One more option ticked.
    Tick,
    /// One option no longer ticked.
    Untick,
    /// Only this option ticked: an exclusive option ("None of these"), or
    /// any option in place of an exclusive one.
    Only,
    /// This option ticked in place of the only one ticked.
    Instead,
}

/// Whose call the answer is: what makes it worth checking first.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Call {
    /// The answer given was "not sure": the point is open.
    NotSure,
    /// The questionnaire's authors mark the question as a hard call that
    /// founders get wrong (it has an `if_decisive` hint).
    HardCall,
    /// A fact of the product or the business (also what a verdict saved
    /// before this field existed reads as).
    #[default]
    Fact,
}

/// Whether the result would ask more or less of the user with the other
/// answer: a wrong answer that hides a more demanding result leaves duties
/// unmet, so those are the ones to check.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Burden {
    /// A more demanding tier, or the same tier with more, earlier or surer
    /// duties, another ban or another high-risk basis, and nothing less.
    Heavier,
    /// More in one respect and less in another (a role for another role);
    /// also what a verdict saved before this field existed reads as.
    #[default]
    Mixed,
    /// Neither more nor less: the same duties, only the roles or findings
    /// they come from differ.
    Neutral,
    /// A less demanding tier (or a chance of an exempting one), or the same
    /// tier with fewer, later or less certain duties, and nothing more.
    Lighter,
}

/// An answered question whose answer the result turns on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisiveAnswer {
    pub question: String,
    pub question_text: String,
    pub answer: AnswerValue,
    pub answer_label: String,
    /// For a multiple choice, the label of each option ticked, in order:
    /// an option's label may itself hold "; ", so the whole label cannot
    /// be split back into options.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer_options: Vec<String>,
    /// The answer given was "not sure" (it is an open point as well).
    pub not_sure: bool,
    /// Whose call it is: an open point, a hard call, or a fact.
    #[serde(default)]
    pub call: Call,
    /// The most important thing another answer would change.
    pub impact: Aspect,
    /// Why the call is hard and how to check it (the question's
    /// `if_decisive`, else its `if_not_sure`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The other answers that change the result, most important first;
    /// answers with the same result are grouped.
    pub alternatives: Vec<Alternative>,
}

/// Other answers to one question, and what the result would then be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alternative {
    /// The answers that lead to this result (at least one).
    pub answers: Vec<OtherAnswer>,
    pub outlook: Outlook,
    /// Questions the answer would open that have no answer yet.
    pub opens: Vec<QuestionInfo>,
    /// Some of them are in other sections than the question's own: not its
    /// follow-ups, but other parts of the questionnaire, where every tier
    /// is possible until they are answered.
    #[serde(default)]
    pub opens_elsewhere: bool,
    /// What would differ from the verdict, most important first.
    pub changes: Vec<Aspect>,
    /// The headline tier it would have.
    pub tier: TierName,
    /// Provisional when that tier would rest on "not sure" answers or on
    /// questions not yet answered.
    pub tier_status: Status,
    /// Exempting tiers ahead of that headline that it might have instead,
    /// as a verdict's `possible_tiers` ("could be not an AI system").
    #[serde(default)]
    pub possible_tiers: Vec<TierName>,
    /// Whether it asks more or less of the user than the result given.
    #[serde(default)]
    pub burden: Burden,
    /// The provisions that tier would rest on: the Article 5 points of a
    /// ban, the Annex points of a high-risk basis (holding or provisional).
    pub grounds: Vec<Point>,
    /// Findings of the aspects above that would hold (or might) and do not
    /// now. Where the alternative opens questions, the Article 6(3), Article
    /// 50 and GPAI findings that only might hold are left out: depending on
    /// the questions to come, they are many and exclude each other.
    pub gained: Vec<Point>,
    /// Findings of those aspects that hold (or might) now and would not.
    pub lost: Vec<Point>,
    /// The roles the user would hold.
    pub roles: Vec<RoleResult>,
    /// The duties it would bring, by the date they apply from.
    pub duties: Vec<DutyDate>,
    /// Where the headline's duties would start when not simply from their
    /// dates: `on_hold`, `on_change` (from a change the user makes, not
    /// before their date), `by_deadline`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duty_state: Option<DutyState>,
}

/// An alternative answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OtherAnswer {
    pub answer: AnswerValue,
    /// The whole answer as the user would see it.
    pub answer_label: String,
    pub edit: Edit,
    /// The option ticked, unticked or ticked alone (multiple choice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option_label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierName {
    pub id: String,
    pub label: String,
}

/// A finding that an alternative adds or removes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Point {
    pub id: String,
    pub title: String,
    pub aspect: Aspect,
    /// Provisional where it would only might hold: after a "not sure", or
    /// depending on questions not yet asked.
    pub status: Status,
    /// The provision in short, for banned practices ("Article 5(1)(h)") and
    /// the high-risk basis ("Annex III, point 4(a)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// How many duties apply from one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DutyDate {
    pub date: Date,
    pub count: usize,
    /// The date has come (on or before the verdict's date).
    pub now: bool,
    /// Dates that might apply instead, depending on "not sure" answers or
    /// questions not yet answered (as an obligation's `other_possible_dates`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_possible_dates: Vec<Date>,
    /// How many of them only might apply (provisional).
    #[serde(default)]
    pub provisional: usize,
}

/// The decisive answers on an evaluation, most important first, as of
/// `today` (which says which duties apply already). A pure function of the
/// questionnaire, the answers and the date.
pub fn decisive_answers(base: &Evaluation, today: Date) -> Vec<DecisiveAnswer> {
    let questionnaire = base.questionnaire();
    let profile = Profile::new(questionnaire, today);
    let base_outcome = profile.outcome(base);
    let base_pending = pending(base);
    // Only the answers on the path: an alternative must not revive an old
    // answer to a question it opens (that question counts as unknown).
    let mut on_path = Answers::new();
    for position in base.path() {
        if let Some(answer) = base.effective_answer(position) {
            let id = &questionnaire.questions()[position].id;
            // Answers that count were checked when they were given.
            let _ = on_path.set(questionnaire, id, &answer.to_value());
        }
    }
    let context = Context {
        questionnaire,
        profile: &profile,
        base: &base_outcome,
        base_pending: &base_pending,
        on_path: &on_path,
        evaluation: base,
        today,
    };
    // One copy of the answers for every alternative in turn, each put back
    // to the answer given once tried.
    let mut answers = on_path.clone();
    let mut decisive: Vec<(usize, DecisiveAnswer)> = base
        .path()
        .filter_map(|position| {
            let answer = base.effective_answer(position)?;
            context
                .question(position, answer, &mut answers)
                .map(|item| (position, item))
        })
        .collect();
    // The answers whose truth the user should check first: open points;
    // then, by how near the other result is (see `reach`: definite, then
    // decided by the answer's own follow-ups, then by other parts of the
    // questionnaire), the calls the authors mark as hard before other
    // facts; last those with nothing worth checking (see
    // `DecisiveAnswer::to_check`). Within each, by impact, then where
    // another answer brings a more demanding tier, then in asking order.
    let base_tier = &questionnaire.tiers()[base_outcome.tier];
    let base_tier_id = base_tier.id.as_str();
    let raises = |item: &DecisiveAnswer| {
        item.alternatives.iter().any(|a| {
            let rank = questionnaire.tier_rank(&a.tier.id).unwrap_or(usize::MAX);
            let tier = questionnaire.tiers().get(rank);
            tier.is_some_and(|tier| !tier.exempts)
                && (base_tier.exempts || rank < base_outcome.tier)
        })
    };
    decisive.sort_by_cached_key(|(position, item)| {
        let reach = |a: &Alternative| reach(a, base_tier_id, base_tier.exempts);
        let weight = item
            .to_check()
            .map(|a| (reach(a), a.changes.first().copied()))
            .min();
        let group = match (item.call, weight) {
            (_, None) => 7,
            (Call::NotSure, _) => 0,
            (call, Some((reach, _))) => 1 + 2 * reach + usize::from(call == Call::Fact),
        };
        (group, weight, !raises(item), *position)
    });
    decisive.into_iter().map(|(_, item)| item).collect()
}

impl DecisiveAnswer {
    /// The other answers worth checking, as the reports list them: for a
    /// "not sure", every definite answer (each would settle the point); for
    /// an answer given for sure, those that would ask more of the user
    /// ([`Burden::Heavier`] or [`Burden::Mixed`]): a wrong answer there
    /// leaves duties unmet, except another option in place of the only one
    /// ticked that only opens more questions (another product, rather than
    /// another fact about this one). "Not sure" as the other answer says
    /// nothing about the facts. The others stay in the list, for scripts.
    pub fn to_check(&self) -> impl Iterator<Item = &Alternative> {
        self.alternatives
            .iter()
            .filter(|alternative| alternative.worth_checking(self.call))
    }
}

impl Alternative {
    /// One option ticked alone in place of an exclusive one ("None of
    /// these") that opens its follow-ups: what a screening list's other
    /// answers are. Reports say in one line that more questions would
    /// follow, rather than what each would already change.
    pub fn screening(&self) -> bool {
        !self.opens.is_empty() && self.answers.iter().all(|a| a.edit == Edit::Only)
    }

    /// See [`DecisiveAnswer::to_check`].
    pub fn worth_checking(&self, call: Call) -> bool {
        let about_facts = self.answers.iter().any(|a| a.edit != Edit::NotSure);
        // Another option in place of the only one ticked describes another
        // product; where it only opens more questions, there is nothing in
        // it to check.
        let another_product = self.outlook == Outlook::CouldBecome
            && self.answers.iter().all(|a| a.edit == Edit::Instead);
        // Where the duties start is what the headline says after the tier
        // ("duties on hold", "duties from your design change"): another
        // answer that only moves it is worth checking either way.
        let moves_the_start =
            self.opens.is_empty() && self.changes.first() == Some(&Aspect::DutyState);
        about_facts
            && (call == Call::NotSure
                || moves_the_start
                || (matches!(self.burden, Burden::Heavier | Burden::Mixed) && !another_product))
    }
}

/// What stays the same for every alternative of one analysis.
struct Context<'a> {
    questionnaire: &'a Questionnaire,
    profile: &'a Profile<'a>,
    base: &'a Outcome,
    base_pending: &'a [usize],
    on_path: &'a Answers,
    /// The evaluation of the answers given.
    evaluation: &'a Evaluation<'a>,
    today: Date,
}

/// An alternative answer before it is evaluated.
struct Candidate {
    answer: Answer,
    edit: Edit,
    option: Option<String>,
}

impl Context<'_> {
    /// The question's decisive alternatives, if any.
    /// `answers` are those on the path, as they are again on return.
    fn question(
        &self,
        position: usize,
        given: &Answer,
        answers: &mut Answers,
    ) -> Option<DecisiveAnswer> {
        let question = &self.questionnaire.questions()[position];
        let probes = &self.profile.shape.probes[position];
        if probes.is_empty() {
            return None;
        }
        let given_reading = reading(probes, given);
        // Answers the conditions read alike give the same result: one
        // evaluation per reading, none for the reading of the answer given.
        let mut classes: Vec<(Reading, Vec<Candidate>)> = Vec::new();
        for candidate in candidates(question, given, probes) {
            let reading = reading(probes, &candidate.answer);
            if reading == given_reading {
                continue;
            }
            match classes.iter_mut().find(|(known, _)| *known == reading) {
                Some((_, members)) => members.push(candidate),
                None => classes.push((reading, vec![candidate])),
            }
        }
        // Numbers that read alike: the one nearest the answer given says it
        // best ("1000", not "1000 or 10000").
        if question.kind == QuestionKind::Number {
            let given = match given {
                Answer::Number(number) => *number,
                _ => 0.0,
            };
            for (_, members) in &mut classes {
                let distance = |c: &Candidate| match c.answer {
                    Answer::Number(number) => (number - given).abs(),
                    _ => f64::INFINITY,
                };
                members.sort_by(|a, b| distance(a).total_cmp(&distance(b)));
                members.truncate(1);
            }
        }
        // "Not sure" is tried only if no definite answer changes anything:
        // otherwise it only says "provisionally" what they say for sure.
        let (unsure, definite): (Vec<_>, Vec<_>) = classes
            .into_iter()
            .partition(|(_, members)| members.iter().any(|c| c.edit == Edit::NotSure));
        let mut alternatives: Vec<Alternative> = Vec::new();
        // The questions not needed whatever the answer to this one, worked
        // out once for all its alternatives: those before it (decided on
        // the answers before them), and those after it that no answer to
        // it makes needed. The others after it are read as they come: one
        // that an alternative would leave out reads the same either way
        // (that is what not needed means), so the alternative's result is
        // the one the decisions would give.
        let not_needed = self.evaluation.not_needed_whatever(position);
        let mut try_classes = |classes: Vec<(Reading, Vec<Candidate>)>, found: &mut Vec<_>| {
            for (_, members) in classes {
                self.try_class(answers, &not_needed, position, question, members, found);
            }
        };
        try_classes(definite, &mut alternatives);
        if alternatives.is_empty() {
            try_classes(unsure, &mut alternatives);
        }
        drop_redundant_swaps(&mut alternatives);
        let impact = alternatives
            .iter()
            .filter_map(|a| a.changes.first().copied())
            .min()?;
        let call = if given.is_not_sure() {
            Call::NotSure
        } else if question.if_decisive.is_some() {
            Call::HardCall
        } else {
            Call::Fact
        };
        // Those worth checking first; then by how near the other result is
        // (see `reach`), by impact, the more demanding first.
        let base_tier = &self.questionnaire.tiers()[self.base.tier];
        alternatives.sort_by_key(|a| {
            (
                !a.worth_checking(call),
                reach(a, &base_tier.id, base_tier.exempts),
                a.changes.first().copied(),
                a.burden,
            )
        });
        Some(DecisiveAnswer {
            question: question.id.clone(),
            question_text: question.text.clone(),
            answer: given.to_value(),
            answer_label: given.label(question),
            answer_options: match given {
                Answer::Choices(ids) => ids
                    .iter()
                    .map(|id| question.option_label(id).to_owned())
                    .collect(),
                _ => Vec::new(),
            },
            not_sure: given.is_not_sure(),
            call,
            impact,
            hint: question
                .if_decisive
                .clone()
                .or_else(|| question.if_not_sure.clone()),
            alternatives,
        })
    }

    /// Evaluates one class of equivalent answers; records it if it changes
    /// the result, with the answers of an earlier class of the same result.
    fn try_class(
        &self,
        answers: &mut Answers,
        not_needed: &[bool],
        position: usize,
        question: &Question,
        members: Vec<Candidate>,
        alternatives: &mut Vec<Alternative>,
    ) {
        let Some(first) = members.first() else {
            return;
        };
        if answers
            .set(self.questionnaire, &question.id, &first.answer.to_value())
            .is_err()
        {
            return; // not admissible after all: nothing to say about it
        }
        let (mut outcome, newly_pending) = {
            let evaluation =
                Evaluation::alternative(self.evaluation, answers, not_needed.to_vec(), position);
            let newly_pending: Vec<usize> = pending(&evaluation)
                .into_iter()
                .filter(|position| !self.base_pending.contains(position))
                .collect();
            (self.profile.outcome(&evaluation), newly_pending)
        };
        // An exempting tier that questions in other parts of the
        // questionnaire might still bring says nothing about this answer
        // (opening the scope questions makes every exemption possible);
        // one that its own follow-ups decide ("simple statistics", then
        // the definition's check) does.
        let questions = self.questionnaire.questions();
        let opens_elsewhere = newly_pending
            .iter()
            .any(|&position| questions[position].section != question.section);
        if opens_elsewhere {
            let base = &self.base.exempt_possible;
            outcome.exempt_possible.retain(|rank| base.contains(rank));
        }
        if let Some(given) = self.on_path.get(&question.id) {
            // Back to the answer given, which was accepted before.
            let _ = answers.set(self.questionnaire, &question.id, &given.to_value());
        }
        let strict = members.iter().all(|c| c.edit != Edit::NotSure);
        let changes = self.profile.changes(self.base, &outcome, strict);
        if changes.is_empty() {
            return;
        }
        let opens: Vec<QuestionInfo> = newly_pending
            .into_iter()
            .map(|position| question_info(&self.questionnaire.questions()[position]))
            .collect();
        let others: Vec<OtherAnswer> = members
            .into_iter()
            .map(|candidate| other_answer(question, candidate))
            .collect();
        let mut alternative = self
            .profile
            .describe(self.base, &outcome, changes, opens, others, self.today);
        alternative.opens_elsewhere = opens_elsewhere;
        match alternatives
            .iter_mut()
            .find(|known| same_result(known, &alternative))
        {
            Some(known) => known.answers.extend(alternative.answers),
            None => alternatives.push(alternative),
        }
    }
}

/// An option in place of the only one ticked matters for what ticking it
/// as well does not ("simple statistics" instead of "learned from data"),
/// or where it changes more; where it changes the same, it is left out.
fn drop_redundant_swaps(alternatives: &mut Vec<Alternative>) {
    let ticks: Vec<(String, Vec<Aspect>)> = alternatives
        .iter()
        .flat_map(|a| {
            a.answers
                .iter()
                .filter(|answer| answer.edit == Edit::Tick)
                .filter_map(|answer| Some((answer.option.clone()?, a.changes.clone())))
        })
        .collect();
    for alternative in alternatives.iter_mut() {
        let changes = alternative.changes.clone();
        alternative.answers.retain(|answer| {
            answer.edit != Edit::Instead
                || !ticks.iter().any(|(option, tick)| {
                    answer.option.as_ref() == Some(option) && *tick == changes
                })
        });
    }
    alternatives.retain(|alternative| !alternative.answers.is_empty());
}

/// Two alternatives say the same about the result.
fn same_result(a: &Alternative, b: &Alternative) -> bool {
    a.outlook == b.outlook
        && a.opens_elsewhere == b.opens_elsewhere
        && a.changes == b.changes
        && a.tier == b.tier
        && a.tier_status == b.tier_status
        && a.grounds == b.grounds
        && a.gained == b.gained
        && a.lost == b.lost
        && a.roles == b.roles
        && a.duties == b.duties
        && a.duty_state == b.duty_state
}

fn other_answer(question: &Question, candidate: Candidate) -> OtherAnswer {
    OtherAnswer {
        answer: candidate.answer.to_value(),
        answer_label: candidate.answer.label(question),
        edit: candidate.edit,
        option_label: candidate
            .option
            .as_deref()
            .map(|id| question.option_label(id).to_owned()),
        option: candidate.option,
    }
}

fn question_info(question: &Question) -> QuestionInfo {
    QuestionInfo {
        id: question.id.clone(),
        section: question.section.clone(),
        text: question.text.clone(),
    }
}

/// Required questions on the path without an answer yet.
fn pending(evaluation: &Evaluation) -> Vec<usize> {
    let questions = evaluation.questionnaire().questions();
    evaluation
        .path()
        .filter(|&p| evaluation.effective_answer(p).is_none() && !questions[p].optional)
        .collect()
}

/// Every other admissible answer to a question, in the order of its options.
fn candidates(question: &Question, given: &Answer, probes: &[Cond]) -> Vec<Candidate> {
    let answer = |answer: Answer, edit: Edit, option: Option<&str>| Candidate {
        answer,
        edit,
        option: option.map(str::to_owned),
    };
    let mut found = Vec::new();
    match (question.kind, given) {
        (QuestionKind::Text, _) => return found,
        (QuestionKind::YesNo | QuestionKind::SingleChoice, _) => {
            for id in question.option_ids() {
                if !matches!(given, Answer::Choice(chosen) if chosen == id) {
                    found.push(answer(Answer::Choice(id.to_owned()), Edit::Answer, None));
                }
            }
        }
        (QuestionKind::MultiChoice, Answer::Choices(ticked)) => {
            let exclusive_ticked = ticked
                .iter()
                .any(|id| question.option(id).is_some_and(|o| o.exclusive));
            for option in &question.options {
                let id = option.id.as_str();
                if ticked.iter().any(|t| t == id) {
                    let rest: Vec<String> = ticked.iter().filter(|t| *t != id).cloned().collect();
                    if !rest.is_empty() {
                        found.push(answer(Answer::Choices(rest), Edit::Untick, Some(id)));
                    }
                } else if option.exclusive || exclusive_ticked {
                    found.push(answer(
                        Answer::Choices(vec![id.to_owned()]),
                        Edit::Only,
                        Some(id),
                    ));
                } else {
                    // With one option ticked, another in its place is one
                    // change too ("only simple statistics" for "learned
                    // from data"): unticking it alone leaves no answer.
                    if let [_] = ticked.as_slice() {
                        let instead = Answer::Choices(vec![id.to_owned()]);
                        found.push(answer(instead, Edit::Instead, Some(id)));
                    }
                    // In the questionnaire's order, as a saved answer is.
                    let with: Vec<String> = question
                        .options
                        .iter()
                        .filter(|o| o.id == id || ticked.contains(&o.id))
                        .map(|o| o.id.clone())
                        .collect();
                    found.push(answer(Answer::Choices(with), Edit::Tick, Some(id)));
                }
            }
        }
        (QuestionKind::MultiChoice, _) => {
            for option in &question.options {
                let only = Answer::Choices(vec![option.id.clone()]);
                found.push(answer(only, Edit::Only, Some(&option.id)));
            }
        }
        (QuestionKind::Number, _) => {
            let given_number = match given {
                Answer::Number(number) => Some(*number),
                _ => None,
            };
            for number in threshold_values(question, probes) {
                if Some(number) != given_number {
                    found.push(answer(Answer::Number(number), Edit::Answer, None));
                }
            }
        }
    }
    if question.allow_not_sure && !given.is_not_sure() {
        found.push(answer(Answer::NotSure, Edit::NotSure, None));
    }
    found
}

/// Numbers on every side of every threshold the conditions compare the
/// question with: each threshold, a tenth and ten times it (numbers such as
/// FLOP span orders of magnitude, and round values read best), and a value
/// between two thresholds, within the question's bounds.
pub(crate) fn threshold_values(question: &Question, probes: &[impl Borrow<Cond>]) -> Vec<f64> {
    let mut thresholds = Vec::new();
    for probe in probes {
        visit(probe.borrow(), &mut |cond| {
            if let Cond::Compare { value, .. } = cond {
                thresholds.push(*value);
            }
        });
    }
    thresholds.sort_by(f64::total_cmp);
    thresholds.dedup();
    let mut values = Vec::new();
    for &threshold in &thresholds {
        if threshold > 0.0 {
            values.extend([threshold / 10.0, threshold, threshold * 10.0]);
        } else {
            values.extend([threshold - 1.0, threshold, threshold + 1.0]);
        }
    }
    values.extend(thresholds.windows(2).map(|pair| (pair[0] + pair[1]) / 2.0));
    values.retain(|&number| {
        question.min.is_none_or(|min| number >= min) && question.max.is_none_or(|max| number <= max)
    });
    values.sort_by(f64::total_cmp);
    values.dedup();
    values
}

fn visit<'c>(cond: &'c Cond, f: &mut impl FnMut(&'c Cond)) {
    f(cond);
    match cond {
        Cond::All(children) | Cond::Any(children) => {
            for child in children {
                visit(child, f);
            }
        }
        Cond::Not(inner) | Cond::Possibly(inner) => visit(inner, f),
        _ => {}
    }
}

/// How the conditions read an answer: each probe's truth when the question
/// is on the path for sure, and when it only may be.
type Reading = Vec<(Truth, Truth)>;

fn reading(probes: &[Cond], answer: &Answer) -> Reading {
    probes
        .iter()
        .map(|probe| {
            (
                probe_truth(probe, answer, false),
                probe_truth(probe, answer, true),
            )
        })
        .collect()
}

/// A probe reads one question only; `may_apply` as the engine reads an
/// answer to a question that may not be on the path.
fn probe_truth(cond: &Cond, answer: &Answer, may_apply: bool) -> Truth {
    match cond {
        Cond::All(children) => children.iter().fold(Truth::True, |acc, child| {
            acc.and(probe_truth(child, answer, may_apply))
        }),
        Cond::Any(children) => children.iter().fold(Truth::False, |acc, child| {
            acc.or(probe_truth(child, answer, may_apply))
        }),
        Cond::Not(inner) => !probe_truth(inner, answer, may_apply),
        Cond::Possibly(inner) => possibly(probe_truth(inner, answer, may_apply)),
        Cond::Finding(_) | Cond::Role(_) | Cond::Never => Truth::False,
        literal => match answer_truth(literal, answer) {
            Truth::False => Truth::False,
            _ if may_apply => Truth::Unknown,
            truth => truth,
        },
    }
}

/// Which questions a condition reads, directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Nothing,
    One(usize),
    /// Several questions, or findings or roles.
    Mixed,
}

impl Scope {
    fn join(self, other: Self) -> Self {
        match (self, other) {
            (Self::Nothing, other) | (other, Self::Nothing) => other,
            (Self::One(a), Self::One(b)) if a == b => self,
            _ => Self::Mixed,
        }
    }
}

/// Collects the largest parts of a condition that read one question only.
fn collect_probes(cond: &Cond, probes: &mut [Vec<Cond>]) -> Scope {
    let scope = scope_of(cond, probes);
    if let Scope::One(position) = scope {
        add_probe(probes, position, cond);
    }
    scope
}

fn scope_of(cond: &Cond, probes: &mut [Vec<Cond>]) -> Scope {
    match cond {
        Cond::All(children) | Cond::Any(children) => {
            let scopes: Vec<Scope> = children.iter().map(|c| scope_of(c, probes)).collect();
            let scope = scopes.iter().fold(Scope::Nothing, |acc, s| acc.join(*s));
            if scope == Scope::Mixed {
                for (child, child_scope) in children.iter().zip(scopes) {
                    if let Scope::One(position) = child_scope {
                        add_probe(probes, position, child);
                    }
                }
            }
            scope
        }
        Cond::Not(inner) | Cond::Possibly(inner) => scope_of(inner, probes),
        Cond::Equals { question, .. }
        | Cond::Includes { question, .. }
        | Cond::Compare { question, .. }
        | Cond::Answered(question) => Scope::One(*question),
        Cond::Finding(_) | Cond::Role(_) => Scope::Mixed,
        Cond::Never => Scope::Nothing,
    }
}

fn add_probe(probes: &mut [Vec<Cond>], position: usize, cond: &Cond) {
    if let Some(list) = probes.get_mut(position)
        && !list.contains(cond)
    {
        list.push(cond.clone());
    }
}

/// What an analysis needs to know about a questionnaire and a date.
struct Profile<'q> {
    questionnaire: &'q Questionnaire,
    /// The verdict's date: dates on or before it have come, and one past
    /// date for another changes nothing today.
    today: Date,
    shape: &'q Shape,
}

/// What an analysis needs to know about a questionnaire, read from its
/// data once per questionnaire ([`Shape::of`]): every analysis of every
/// assessment reads the same.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    /// Per question: the parts of conditions that read it alone.
    probes: Vec<Vec<Cond>>,
    /// Per finding: the aspect it belongs to, if any, with its short label.
    aspects: Vec<Option<(Aspect, Option<String>)>>,
    /// Findings with a tier: position and tier rank.
    tiered: Vec<(usize, usize)>,
    /// Findings that time a tier's duties (a hold, a deadline, a change):
    /// position, kind, and the rank of the tier they time (any, if none).
    timers: Vec<(usize, QualifierKind, Option<usize>)>,
    /// Per finding with a tier (as in `tiered`): the findings with a short
    /// label (a ban, an Annex point) it is or rests on.
    grounds: Vec<Vec<usize>>,
    /// Duties (not context): position, findings, roles.
    duties: Vec<Duty>,
}

#[derive(Debug, Clone)]
struct Duty {
    position: usize,
    findings: Vec<usize>,
    roles: Vec<usize>,
    /// The milestone of each of its date rules.
    milestones: Vec<Option<usize>>,
}

/// The result of one set of answers, as far as [`Aspect`]s go: what is not
/// ruled out (holds, or might), as the verdict of a finished assessment
/// reads it.
#[derive(Debug, Clone, PartialEq)]
struct Outcome {
    tier: usize,
    tier_holds: bool,
    /// Exempting tiers ahead of the headline that might hold (ranks).
    exempt_possible: Vec<usize>,
    /// Per finding (only those of an aspect are compared).
    findings: Vec<Truth>,
    /// Per role: true, false, or unknown.
    roles: Vec<Truth>,
    /// Per duty of the profile: from when it would apply, if it is not
    /// ruled out.
    duties: Vec<Option<Timing>>,
    /// Per duty: it holds for sure.
    duties_sure: Vec<bool>,
}

/// From when a duty applies, as the verdict dates it: the milestone of the
/// first date rule that holds, and those of earlier rules that might.
#[derive(Debug, Clone, PartialEq)]
struct Timing {
    from: usize,
    or: Vec<usize>,
}

impl Shape {
    /// The questionnaire's, worked out on first use.
    fn of(questionnaire: &Questionnaire) -> &Self {
        (questionnaire.compiled().turns_on).get_or_init(|| Self::new(questionnaire))
    }

    fn new(questionnaire: &Questionnaire) -> Self {
        let compiled = questionnaire.compiled();
        let mut probes: Vec<Vec<Cond>> = vec![Vec::new(); questionnaire.questions().len()];
        let conditions = compiled
            .questions
            .iter()
            .flatten()
            .chain(&compiled.findings)
            .chain(&compiled.roles)
            .chain(
                compiled
                    .obligations
                    .iter()
                    .flat_map(|o| o.when.iter().chain(o.dates.iter().flatten())),
            );
        for condition in conditions {
            collect_probes(condition, &mut probes);
        }
        let findings = questionnaire.findings();
        let tiered: Vec<(usize, usize)> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.internal)
            .filter_map(|(i, f)| Some((i, questionnaire.tier_rank(f.tier.as_deref()?)?)))
            .collect();
        // The high-risk basis: findings a tier rests on (reached from a
        // finding with a tier through `all`, `any` and `possibly`, never
        // through `not`) that cite an Annex I or Annex III point.
        let rests_on: Vec<Vec<bool>> = tiered
            .iter()
            .map(|&(position, _)| {
                let mut marked = vec![false; findings.len()];
                marked[position] = true;
                mark_supports(
                    &compiled.findings[position],
                    &compiled.findings,
                    &mut marked,
                );
                marked
            })
            .collect();
        let aspects: Vec<Option<(Aspect, Option<String>)>> = findings
            .iter()
            .enumerate()
            .map(|(i, finding)| {
                let refs: Vec<ParsedRef> =
                    finding.refs.iter().filter_map(|r| r.parse().ok()).collect();
                let supports_a_tier = rests_on.iter().any(|marked| marked[i]);
                if !finding.internal && timer(finding.qualifies.as_ref()).is_some() {
                    return Some((Aspect::DutyState, None));
                }
                Profile::aspect_of(
                    finding.internal,
                    finding.tier.is_some(),
                    supports_a_tier,
                    &refs,
                )
            })
            .collect();
        let timers = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.internal)
            .filter_map(|(i, f)| {
                let spec = f.qualifies.as_ref()?;
                let kind = timer(Some(spec))?;
                let tier = spec
                    .tier
                    .as_deref()
                    .and_then(|id| questionnaire.tier_rank(id));
                Some((i, kind, tier))
            })
            .collect();
        let grounds = rests_on
            .iter()
            .map(|marked| {
                (0..findings.len())
                    .filter(|&i| marked[i] && aspects[i].as_ref().is_some_and(|a| a.1.is_some()))
                    .collect()
            })
            .collect();
        let duties = questionnaire
            .obligations()
            .iter()
            .enumerate()
            .filter(|(_, o)| o.kind == ObligationKind::Duty)
            .map(|(position, o)| Duty {
                position,
                findings: o
                    .findings
                    .iter()
                    .filter_map(|id| questionnaire.finding_position(id))
                    .collect(),
                roles: o
                    .roles
                    .iter()
                    .filter_map(|id| questionnaire.role_position(id))
                    .collect(),
                milestones: o
                    .applies_from
                    .iter()
                    .map(|rule| {
                        let milestones = questionnaire.milestones();
                        milestones.iter().position(|m| m.id == rule.milestone)
                    })
                    .collect(),
            })
            .collect();
        Self {
            probes,
            aspects,
            tiered,
            timers,
            grounds,
            duties,
        }
    }
}

impl<'q> Profile<'q> {
    fn new(questionnaire: &'q Questionnaire, today: Date) -> Self {
        Self {
            questionnaire,
            today,
            shape: Shape::of(questionnaire),
        }
    }

    /// The one place that says which findings matter for what a verdict
    /// turns on, from their references: banned practices carry a tier and
    /// cite Article 5; the high-risk basis is what a tier rests on and
    /// cites an Annex I or III point; then Article 6(3), Article 50, and
    /// the GPAI articles (51 to 55, and 3(63), the definition). Internal
    /// steps are never shown, so never compared.
    fn aspect_of(
        internal: bool,
        has_tier: bool,
        supports_a_tier: bool,
        refs: &[ParsedRef],
    ) -> Option<(Aspect, Option<String>)> {
        if internal {
            return None;
        }
        let article = |number: &str, first: Option<&str>| {
            refs.iter().find(|r| {
                r.kind == RefKind::Article
                    && r.number == number
                    && first.is_none_or(|part| r.parts.first().is_some_and(|p| p == part))
            })
        };
        let article5 = article("5", None);
        if has_tier && let Some(reference) = article5 {
            // The most precise Article 5 reference: "Article 5(1)(h)".
            let point = refs
                .iter()
                .filter(|r| r.kind == RefKind::Article && r.number == "5")
                .fold(reference, |best, r| {
                    if r.parts.len() > best.parts.len() {
                        r
                    } else {
                        best
                    }
                });
            return Some((Aspect::Prohibition, Some(point.label())));
        }
        let annex_point = refs.iter().find(|r| {
            r.kind == RefKind::Annex
                && (r.number == "I" || r.number == "III")
                && !r.parts.is_empty()
        });
        if supports_a_tier
            && article5.is_none()
            && let Some(point) = annex_point
        {
            return Some((Aspect::HighRiskBasis, Some(point.label())));
        }
        if article("6", Some("3")).is_some() {
            return Some((Aspect::HighRiskExemption, None));
        }
        if article("50", None).is_some() {
            return Some((Aspect::Transparency, None));
        }
        let gpai = refs.iter().any(|r| {
            r.kind == RefKind::Article
                && (matches!(r.number.as_str(), "51" | "52" | "53" | "54" | "55")
                    || (r.number == "3" && r.parts.first().is_some_and(|p| p == "63")))
        });
        gpai.then_some((Aspect::Gpai, None))
    }

    fn outcome(&self, evaluation: &Evaluation) -> Outcome {
        let q = self.questionnaire;
        let findings: Vec<Truth> = (0..q.findings().len())
            .map(|i| evaluation.finding_truth(i))
            .collect();
        // The headline as a finished verdict reads it: the highest tier not
        // ruled out, an exempting tier only when it holds for sure.
        let mut tier = None;
        let mut tier_holds = false;
        for &(position, rank) in &self.shape.tiered {
            let truth = evaluation.finding_truth(position);
            let counts =
                truth == Truth::True || (truth == Truth::Unknown && !q.tiers()[rank].exempts);
            if !counts {
                continue;
            }
            match tier {
                Some(best) if best < rank => {}
                Some(best) if best == rank => tier_holds |= truth == Truth::True,
                _ => {
                    tier = Some(rank);
                    tier_holds = truth == Truth::True;
                }
            }
        }
        let default_rank = q.tier_rank(&q.default_tier().id).unwrap_or(0);
        let headline = tier.unwrap_or(default_rank);
        let mut exempt_possible: Vec<usize> = self
            .shape
            .tiered
            .iter()
            .filter(|&&(position, rank)| {
                rank < headline
                    && q.tiers()[rank].exempts
                    && evaluation.finding_truth(position) == Truth::Unknown
            })
            .map(|&(_, rank)| rank)
            .collect();
        exempt_possible.sort_unstable();
        exempt_possible.dedup();
        let roles: Vec<Truth> = (0..q.roles().len())
            .map(|i| evaluation.role_truth(i))
            .collect();
        let compiled = q.compiled();
        // Any of a list, as an obligation reads it: an empty list always holds.
        let any_of = |truths: &mut dyn ExactSizeIterator<Item = Truth>| {
            if truths.len() == 0 {
                Truth::True
            } else {
                truths.fold(Truth::False, Truth::or)
            }
        };
        let mut duties_sure = Vec::with_capacity(self.shape.duties.len());
        let duties = self
            .shape
            .duties
            .iter()
            .map(|duty| {
                let conditions = &compiled.obligations[duty.position];
                let truth = any_of(&mut duty.findings.iter().map(|&i| evaluation.finding_truth(i)))
                    .and(any_of(
                        &mut duty.roles.iter().map(|&i| evaluation.role_truth(i)),
                    ));
                // Most duties end here: nothing of them holds.
                let truth = match (truth, &conditions.when) {
                    (Truth::False, _) | (_, None) => truth,
                    (_, Some(when)) => truth.and(evaluation.truth_compiled(when)),
                };
                duties_sure.push(truth == Truth::True);
                if truth == Truth::False {
                    return None;
                }
                // As the verdict dates it: the first rule that holds, and
                // the earlier ones that might.
                let mut or = Vec::new();
                for (milestone, condition) in duty.milestones.iter().zip(&conditions.dates) {
                    let Some(milestone) = *milestone else {
                        continue;
                    };
                    let truth = condition
                        .as_ref()
                        .map_or(Truth::True, |c| evaluation.truth_compiled(c));
                    if truth == Truth::False {
                        continue;
                    }
                    if truth == Truth::True {
                        return Some(Timing {
                            from: milestone,
                            or,
                        });
                    }
                    or.push(milestone);
                }
                None
            })
            .collect();
        Outcome {
            tier: headline,
            tier_holds: tier.is_none() || tier_holds,
            exempt_possible,
            findings,
            roles,
            duties,
            duties_sure,
        }
    }

    /// What differs between two outcomes, most important first. `strict`
    /// for a definite answer: a duty that would only might apply (depending
    /// on questions it opens) has changed too. Not for "not sure", which
    /// makes everything it touches uncertain and is compared on what it
    /// adds or rules out.
    fn changes(&self, base: &Outcome, other: &Outcome, strict: bool) -> Vec<Aspect> {
        let mut changes: Vec<Aspect> = Vec::new();
        // "Could be not an AI system" is a change of tier too.
        if base.tier != other.tier || base.exempt_possible != other.exempt_possible {
            changes.push(Aspect::Tier);
        }
        // Compared as the verdict lists them: what holds or might hold.
        let present = |truth: Truth| truth != Truth::False;
        if self.timed_by(base) != self.timed_by(other) {
            changes.push(Aspect::DutyState);
        }
        for (i, aspect) in self.shape.aspects.iter().enumerate() {
            // Where the duties start is compared on the headline's tier
            // (above), not on a finding that times another tier.
            if let Some((aspect, _)) = aspect
                && *aspect != Aspect::DutyState
                && present(base.findings[i]) != present(other.findings[i])
                && !changes.contains(aspect)
            {
                changes.push(*aspect);
            }
        }
        if base
            .roles
            .iter()
            .zip(&other.roles)
            .any(|(a, b)| present(*a) != present(*b))
        {
            changes.push(Aspect::Roles);
        }
        let duty_set = |o: &Outcome| o.duties.iter().map(Option::is_some).collect::<Vec<_>>();
        if duty_set(base) != duty_set(other) || (strict && base.duties_sure != other.duties_sure) {
            changes.push(Aspect::Duties);
        } else if base
            .duties
            .iter()
            .zip(&other.duties)
            .any(|(a, b)| !self.same_timing(a.as_ref(), b.as_ref()))
        {
            changes.push(Aspect::Dates);
        }
        changes.sort();
        changes
    }

    /// Where the headline's duties stand, as the verdict reads its
    /// qualifiers (a hold first, then a deadline, then a change), from the
    /// findings that time the headline's tier and hold or might; `None`:
    /// from their dates.
    fn duty_state(&self, outcome: &Outcome) -> Option<DutyState> {
        let timers = self.timed_by(outcome);
        let timing = |kind: QualifierKind| timers.iter().any(|&(_, k)| k == kind);
        [
            (QualifierKind::Hold, DutyState::OnHold),
            (QualifierKind::Deadline, DutyState::ByDeadline),
            (QualifierKind::FromChange, DutyState::OnChange),
        ]
        .into_iter()
        .find_map(|(kind, state)| timing(kind).then_some(state))
    }

    /// The findings that time the headline tier's duties and hold or might
    /// (position and kind): "duties from your design change", and "... by
    /// 2 August 2030 at the latest" is another.
    fn timed_by(&self, outcome: &Outcome) -> Vec<(usize, QualifierKind)> {
        self.shape
            .timers
            .iter()
            .filter(|&&(i, _, tier)| {
                tier.is_none_or(|t| t == outcome.tier) && outcome.findings[i] != Truth::False
            })
            .map(|&(i, kind, _)| (i, kind))
            .collect()
    }

    /// Two timings say the same today: equal, or every date either might
    /// apply from has come (a launch date that only moves a past date
    /// changes nothing).
    fn same_timing(&self, a: Option<&Timing>, b: Option<&Timing>) -> bool {
        let milestones = self.questionnaire.milestones();
        let come = |t: &Timing| {
            t.or.iter()
                .chain([&t.from])
                .all(|&m| milestones[m].date <= self.today)
        };
        match (a, b) {
            (Some(a), Some(b)) => a == b || (come(a) && come(b)),
            (a, b) => a == b,
        }
    }

    /// Whether `other` asks more or less of the user than `base`, judged on
    /// the first of these that differs: the tier (an exempting tier asks
    /// least, then in the order of precedence); a chance of an exempting
    /// tier; the duties, each weighing more when it holds for sure than
    /// when it only might; from when they apply; where they start (from
    /// their dates, by a deadline, from a change, on hold); the banned
    /// practices and high-risk bases. Else only roles or findings differ, not what is
    /// asked.
    fn burden(&self, base: &Outcome, other: &Outcome) -> Burden {
        let tiers = self.questionnaire.tiers();
        let demand = |o: &Outcome| {
            if tiers[o.tier].exempts {
                0
            } else {
                tiers.len() - o.tier
            }
        };
        match demand(other).cmp(&demand(base)) {
            Ordering::Greater => return Burden::Heavier,
            Ordering::Less => return Burden::Lighter,
            Ordering::Equal => {}
        }
        let new_in = |from: &[usize], to: &[usize]| to.iter().any(|rank| !from.contains(rank));
        let exempt_gained = new_in(&base.exempt_possible, &other.exempt_possible);
        let exempt_lost = new_in(&other.exempt_possible, &base.exempt_possible);
        if let Some(burden) = weigh(exempt_lost, exempt_gained) {
            return burden;
        }
        // Each duty weighs 2 if it holds for sure, 1 if it might apply, 0
        // if it is ruled out: a duty that questions still to come might
        // bring counts, and so does one they make uncertain.
        let weight = |o: &Outcome, i: usize| match (&o.duties[i], o.duties_sure[i]) {
            (None, _) => 0,
            (Some(_), true) => 2,
            (Some(_), false) => 1,
        };
        let (mut up, mut down) = (0, 0);
        for i in 0..base.duties.len() {
            match weight(other, i).cmp(&weight(base, i)) {
                Ordering::Greater => up += weight(other, i) - weight(base, i),
                Ordering::Less => down += weight(base, i) - weight(other, i),
                Ordering::Equal => {}
            }
        }
        match up.cmp(&down) {
            Ordering::Greater => return Burden::Heavier,
            Ordering::Less => return Burden::Lighter,
            Ordering::Equal if up > 0 => return Burden::Mixed,
            Ordering::Equal => {}
        }
        let pairs = || base.duties.iter().zip(&other.duties);
        let milestones = self.questionnaire.milestones();
        // The earliest and the latest date a duty might apply from.
        let span = |t: &Timing| {
            let dates = t.or.iter().chain([&t.from]).map(|&m| milestones[m].date);
            (dates.clone().min(), dates.max())
        };
        let timed = || {
            pairs()
                .filter(|(a, b)| !self.same_timing(a.as_ref(), b.as_ref()))
                .filter_map(|(a, b)| Some((span(a.as_ref()?), span(b.as_ref()?))))
        };
        let earlier = timed().any(|(a, b)| b.0 < a.0 || b.1 < a.1);
        let later = timed().any(|(a, b)| b.0 > a.0 || b.1 > a.1);
        if let Some(burden) = weigh(earlier, later) {
            return burden;
        }
        // The same duties from the same dates: from those dates asks more
        // than by a deadline, than from a change the user makes, than on
        // hold.
        let start = |o: &Outcome| match self.duty_state(o) {
            Some(DutyState::OnHold) => 0,
            Some(DutyState::OnChange) => 1,
            Some(_) => 2,
            None => 3,
        };
        match start(other).cmp(&start(base)) {
            Ordering::Greater => return Burden::Heavier,
            Ordering::Less => return Burden::Lighter,
            Ordering::Equal => {}
        }
        let present = |truth: Truth| truth != Truth::False;
        let points = || {
            self.shape.aspects.iter().enumerate().filter(|(_, aspect)| {
                matches!(
                    aspect,
                    Some((Aspect::Prohibition | Aspect::HighRiskBasis, _))
                )
            })
        };
        let gained =
            points().any(|(i, _)| present(other.findings[i]) && !present(base.findings[i]));
        let lost = points().any(|(i, _)| present(base.findings[i]) && !present(other.findings[i]));
        weigh(gained, lost).unwrap_or(Burden::Neutral)
    }

    fn describe(
        &self,
        base: &Outcome,
        outcome: &Outcome,
        changes: Vec<Aspect>,
        opens: Vec<QuestionInfo>,
        answers: Vec<OtherAnswer>,
        today: Date,
    ) -> Alternative {
        let q = self.questionnaire;
        // A tier that the questions to come may still change, or an
        // exempting one they may still bring, could become; else would.
        let outlook =
            if opens.is_empty() || (outcome.tier_holds && outcome.exempt_possible.is_empty()) {
                Outlook::Would
            } else {
                Outlook::CouldBecome
            };
        let opens_questions = !opens.is_empty();
        let point = |i: usize, truth: Truth| -> Option<Point> {
            let (aspect, label) = self.shape.aspects[i].as_ref()?;
            let finding = &q.findings()[i];
            // Where the duties start, as the headline says it.
            let title = match (aspect, &finding.qualifies) {
                (Aspect::DutyState, Some(spec)) => spec.title.clone(),
                _ => finding.title.clone(),
            };
            Some(Point {
                id: finding.id.clone(),
                title,
                aspect: *aspect,
                status: status_of(truth),
                label: label.clone(),
            })
        };
        let points = |from: &Outcome, without: &Outcome, gained: bool| -> Vec<Point> {
            (0..self.shape.aspects.len())
                .filter(|&i| {
                    from.findings[i] != Truth::False && without.findings[i] == Truth::False
                })
                .filter(|&i| {
                    // Only the points of a ban or a basis are worth naming
                    // while the questions they hang on are still to come.
                    let unlabelled = self.shape.aspects[i]
                        .as_ref()
                        .is_some_and(|a| a.1.is_none());
                    !(gained && opens_questions && from.findings[i] == Truth::Unknown && unlabelled)
                })
                .filter(|&i| {
                    // A hold, a deadline or a change of another tier's
                    // duties is not where these duties start.
                    self.shape
                        .timers
                        .iter()
                        .all(|&(t, _, tier)| t != i || tier.is_none_or(|r| r == from.tier))
                })
                .filter_map(|i| point(i, from.findings[i]))
                .collect()
        };
        let mut grounded: Vec<usize> = self
            .shape
            .tiered
            .iter()
            .zip(&self.shape.grounds)
            .filter(|((position, rank), _)| {
                *rank == outcome.tier && outcome.findings[*position] != Truth::False
            })
            .flat_map(|(_, grounds)| grounds.iter().copied())
            .filter(|&i| outcome.findings[i] != Truth::False)
            .collect();
        grounded.sort_unstable();
        grounded.dedup();
        let grounds = grounded
            .into_iter()
            .filter_map(|i| point(i, outcome.findings[i]))
            .collect();
        let roles = q
            .roles()
            .iter()
            .zip(&outcome.roles)
            .filter(|(_, truth)| **truth != Truth::False)
            .map(|(role, truth)| RoleResult {
                id: role.id.clone(),
                label: role.label.clone(),
                status: status_of(*truth),
            })
            .collect();
        let mut duties: Vec<DutyDate> = Vec::new();
        for (timing, sure) in outcome
            .duties
            .iter()
            .zip(&outcome.duties_sure)
            .filter_map(|(timing, sure)| Some((timing.as_ref()?, *sure)))
        {
            let date = q.milestones()[timing.from].date;
            let mut others: Vec<Date> = timing
                .or
                .iter()
                .map(|&m| q.milestones()[m].date)
                .filter(|&other| other != date)
                .collect();
            others.sort_unstable();
            others.dedup();
            match duties
                .iter_mut()
                .find(|d| d.date == date && d.other_possible_dates == others)
            {
                Some(known) => {
                    known.count += 1;
                    known.provisional += usize::from(!sure);
                }
                None => duties.push(DutyDate {
                    date,
                    count: 1,
                    now: date <= today,
                    other_possible_dates: others,
                    provisional: usize::from(!sure),
                }),
            }
        }
        duties.sort_by(|a, b| {
            (a.date, &a.other_possible_dates).cmp(&(b.date, &b.other_possible_dates))
        });
        let tier_name = |rank: usize| TierName {
            id: q.tiers()[rank].id.clone(),
            label: q.tiers()[rank].label.clone(),
        };
        Alternative {
            answers,
            outlook,
            opens,
            opens_elsewhere: false,
            changes,
            tier: tier_name(outcome.tier),
            tier_status: if outcome.tier_holds {
                Status::Holds
            } else {
                Status::Provisional
            },
            possible_tiers: outcome
                .exempt_possible
                .iter()
                .map(|&r| tier_name(r))
                .collect(),
            burden: self.burden(base, outcome),
            grounds,
            gained: points(outcome, base, true),
            lost: points(base, outcome, false),
            roles,
            duties,
            duty_state: self.duty_state(outcome),
        }
    }
}

fn status_of(truth: Truth) -> Status {
    if truth == Truth::True {
        Status::Holds
    } else {
        Status::Provisional
    }
}

/// How near an alternative's result is: 0 definite ("would"); 1 it depends
/// only on the answer's own follow-ups, or the exemption given would be
/// lost for sure whatever follows; 2 it opens other parts of the
/// questionnaire, where anything may follow. One option of a screening list
/// ticked in place of "None of these" that opens its follow-ups is read as
/// depending on them, whatever it would already change.
fn reach(alternative: &Alternative, base_tier: &str, base_exempts: bool) -> usize {
    let exemption_lost = base_exempts
        && alternative.tier.id != base_tier
        && alternative.possible_tiers.iter().all(|t| t.id != base_tier);
    if alternative.outlook == Outlook::Would && !alternative.screening() {
        0
    } else if !alternative.opens_elsewhere || exemption_lost {
        1
    } else {
        2
    }
}

/// The kind of a qualifier that times a tier's duties (a hold, a
/// deadline, a change), not one that lifts or narrows them.
fn timer(spec: Option<&crate::model::QualifierSpec>) -> Option<QualifierKind> {
    let kind = spec?.kind;
    matches!(
        kind,
        QualifierKind::Hold | QualifierKind::Deadline | QualifierKind::FromChange
    )
    .then_some(kind)
}

/// More, less, both, or (`None`) neither.
fn weigh(more: bool, less: bool) -> Option<Burden> {
    match (more, less) {
        (true, false) => Some(Burden::Heavier),
        (false, true) => Some(Burden::Lighter),
        (true, true) => Some(Burden::Mixed),
        (false, false) => None,
    }
}

/// Marks the findings a condition rests on: reached through `all`, `any`
/// and `possibly`, not through `not` (an exception is not a basis).
pub(crate) fn mark_supports(condition: &Cond, findings: &[Cond], marked: &mut [bool]) {
    match condition {
        Cond::All(children) | Cond::Any(children) => {
            for child in children {
                mark_supports(child, findings, marked);
            }
        }
        Cond::Possibly(inner) => mark_supports(inner, findings, marked),
        Cond::Finding(i) => {
            if let Some(seen) = marked.get_mut(*i)
                && !*seen
            {
                *seen = true;
                if let Some(inner) = findings.get(*i) {
                    mark_supports(inner, findings, marked);
                }
            }
        }
        _ => {}
    }
}
