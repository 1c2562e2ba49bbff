//! Two assessments side by side: the answers that differ and how the
//! verdict differs (issue 13). This is the "what if" a workshop
//! facilitator runs: duplicate an assessment, change an answer, compare.
//!
//! Pure: it reads two sets of answers of one questionnaire and the verdict
//! of each (as shown: settled, with what it turns on, where the caller has
//! them), and words nothing. Lists keep the order of the side they come
//! from (questionnaire order, or the verdict's).

use jiff::civil::Date;
use serde::Serialize;

use crate::answer::{Answer, AnswerValue, Answers};
use crate::engine::Evaluation;
use crate::outcome::{DutyOutlook, DutyState, When};
use crate::questionnaire::Questionnaire;
use crate::verdict::{Status, Verdict};

/// One assessment to compare: its answers and their verdict.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub answers: &'a Answers,
    pub verdict: &'a Verdict,
}

/// Something of side A and of side B.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sides<T> {
    pub a: T,
    pub b: T,
}

/// What one side has and the other has not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Delta<T> {
    pub only_a: Vec<T>,
    pub only_b: Vec<T>,
}

impl<T> Default for Delta<T> {
    fn default() -> Self {
        Self {
            only_a: Vec::new(),
            only_b: Vec::new(),
        }
    }
}

impl<T> Delta<T> {
    pub fn is_empty(&self) -> bool {
        self.only_a.is_empty() && self.only_b.is_empty()
    }

    /// The items of `a` not in `b` and of `b` not in `a`, by `key`.
    fn of<K: PartialEq>(a: Vec<T>, b: Vec<T>, key: impl Fn(&T) -> K) -> Self {
        let in_other = |item: &T, other: &[T]| other.iter().any(|o| key(o) == key(item));
        let keep_a: Vec<bool> = a.iter().map(|item| !in_other(item, &b)).collect();
        let keep_b: Vec<bool> = b.iter().map(|item| !in_other(item, &a)).collect();
        Self {
            only_a: a
                .into_iter()
                .zip(keep_a)
                .filter_map(|(item, keep)| keep.then_some(item))
                .collect(),
            only_b: b
                .into_iter()
                .zip(keep_b)
                .filter_map(|(item, keep)| keep.then_some(item))
                .collect(),
        }
    }
}

/// A duty of another actor in the chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OthersDuty {
    pub obligation: String,
    /// Who ("Deployers (your customers)").
    pub actor_label: String,
    pub title: String,
    pub status: Status,
    /// As [`crate::outcome::OthersDuty::after_unsure`].
    pub after_unsure: bool,
}

/// A thing the verdict names: its id and what it says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    pub id: String,
    pub text: String,
    pub status: Status,
}

/// A question whose answer differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnswerDiff {
    pub question: String,
    pub question_text: String,
    pub section: String,
    pub a: Given,
    pub b: Given,
}

/// What one side has for a question.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Given {
    /// Answered, on the path (or among the questions asked for a launch).
    Answered {
        answer: AnswerValue,
        answer_label: String,
        not_sure: bool,
    },
    /// On the path, no answer yet.
    Unanswered,
    /// Not on this side's path: its answers do not lead there (an answer
    /// given there before no longer counts).
    NotAsked,
}

/// The headline of one side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    pub tier: String,
    pub title: String,
    pub status: Status,
    pub complete: bool,
}

/// When a duty starts on one side: the plan steps that name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Start {
    pub when: When,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The "not sure" questions it depends on (settled answers), if any.
    pub if_questions: Vec<String>,
}

/// One of the user's duties, with when it starts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duty {
    pub id: String,
    pub title: String,
    pub starts: Vec<Start>,
}

/// A duty both sides have, starting differently.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateChange {
    pub id: String,
    pub title: String,
    pub starts: Sides<Vec<Start>>,
}

/// Where the duties under the result stand, as far as it tells sides apart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    pub state: DutyState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    pub count: usize,
    /// Of `count`, how many apply already.
    pub now: usize,
    pub held: usize,
}

impl From<&DutyOutlook> for Standing {
    fn from(outlook: &DutyOutlook) -> Self {
        Self {
            state: outlook.state,
            date: outlook.date,
            count: outlook.count,
            now: outlook.now,
            held: outlook.held,
        }
    }
}

/// How two assessments differ. Empty lists and `None`: no difference there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Questions whose answer differs, in questionnaire order.
    pub answers: Vec<AnswerDiff>,
    /// The headlines, when they differ (tier, title, status, finished).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<Sides<Headline>>,
    /// The provisions the headline rests on (short labels).
    pub basis: Delta<Named>,
    /// Exemptions, holds, deadlines, design changes, "for now".
    pub qualifiers: Delta<Named>,
    /// Where the duties under the result stand, when that differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub standing: Option<Sides<Standing>>,
    pub roles: Delta<Named>,
    /// The user's duties one side has (every plan step, holds included).
    pub duties: Delta<Duty>,
    /// Duties of both sides that start differently.
    pub dates_changed: Vec<DateChange>,
    /// The findings shown (with their status).
    pub findings: Delta<Named>,
    /// The questions to settle ("not sure" answers the open points rest on).
    pub questions_to_settle: Delta<Named>,
    /// The questions the result turns on, those the reports list (where
    /// both verdicts say).
    pub turns_on: Delta<Named>,
    /// Duties of others in the chain.
    pub others: Delta<OthersDuty>,
    /// The verdict for a launch (a system still in development), when it
    /// differs: `None` on a side without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub look_ahead: Option<Sides<Option<Headline>>>,
}

impl Comparison {
    /// How `b` differs from `a`. Both sides' answers are of `questionnaire`.
    pub fn of(questionnaire: &Questionnaire, a: Side<'_>, b: Side<'_>) -> Self {
        let (va, vb) = (a.verdict, b.verdict);
        let differ = |x: Headline, y: Headline| (x != y).then_some(Sides { a: x, b: y });
        let standing = Sides {
            a: Standing::from(&va.outcome.duties),
            b: Standing::from(&vb.outcome.duties),
        };
        let duties = Delta::of(duties(va), duties(vb), |duty| duty.id.clone());
        Self {
            answers: answer_diffs(questionnaire, a, b),
            result: differ(headline(va), headline(vb)),
            basis: Delta::of(basis(va), basis(vb), key),
            qualifiers: Delta::of(qualifiers(va), qualifiers(vb), key),
            standing: (standing.a != standing.b).then_some(standing),
            roles: Delta::of(roles(va), roles(vb), key),
            dates_changed: dates_changed(va, vb),
            duties,
            findings: Delta::of(findings(va), findings(vb), key),
            questions_to_settle: Delta::of(to_settle(va), to_settle(vb), key),
            turns_on: match (&va.turns_on, &vb.turns_on) {
                (Some(_), Some(_)) => Delta::of(turns_on(va), turns_on(vb), key),
                // Not worked out for one side: nothing to tell apart.
                _ => Delta::default(),
            },
            others: Delta::of(others(va), others(vb), |duty| {
                (duty.obligation.clone(), duty.status)
            }),
            look_ahead: {
                let (la, lb) = (look_ahead(va), look_ahead(vb));
                (la != lb).then_some(Sides { a: la, b: lb })
            },
        }
    }

    /// Nothing differs: the same answers, the same verdict as far as it
    /// compares them.
    pub fn is_same(&self) -> bool {
        self.answers.is_empty() && !self.verdict_differs()
    }

    /// Something of the verdict differs.
    pub fn verdict_differs(&self) -> bool {
        self.result.is_some()
            || !self.basis.is_empty()
            || !self.qualifiers.is_empty()
            || self.standing.is_some()
            || !self.roles.is_empty()
            || !self.duties.is_empty()
            || !self.dates_changed.is_empty()
            || !self.findings.is_empty()
            || !self.questions_to_settle.is_empty()
            || !self.turns_on.is_empty()
            || !self.others.is_empty()
            || self.look_ahead.is_some()
    }
}

/// Items are the same when their id and status are.
fn key(item: &Named) -> (String, Status) {
    (item.id.clone(), item.status)
}

fn headline(verdict: &Verdict) -> Headline {
    Headline {
        tier: verdict.outcome.tier.clone(),
        title: verdict.outcome.title.clone(),
        status: verdict.outcome.status,
        complete: verdict.complete,
    }
}

fn named(id: &str, text: &str, status: Status) -> Named {
    Named {
        id: id.to_owned(),
        text: text.to_owned(),
        status,
    }
}

fn basis(verdict: &Verdict) -> Vec<Named> {
    (verdict.outcome.basis.iter())
        .map(|basis| named(&basis.reference, &basis.label, basis.status))
        .collect()
}

fn qualifiers(verdict: &Verdict) -> Vec<Named> {
    (verdict.outcome.qualifiers.iter())
        .map(|qualifier| named(&qualifier.finding, &qualifier.title, qualifier.status))
        .collect()
}

fn roles(verdict: &Verdict) -> Vec<Named> {
    (verdict.roles.iter())
        .map(|role| named(&role.id, &role.label, role.status))
        .collect()
}

fn findings(verdict: &Verdict) -> Vec<Named> {
    (verdict.findings.iter())
        .map(|finding| named(&finding.id, &finding.title, finding.status))
        .collect()
}

fn to_settle(verdict: &Verdict) -> Vec<Named> {
    (verdict.open_questions().iter())
        .map(|open| {
            named(
                &open.answer.question,
                &open.answer.question_text,
                Status::Provisional,
            )
        })
        .collect()
}

/// The answers the reports list under what the result turns on: those with
/// another answer worth checking
/// ([`DecisiveAnswer::to_check`](crate::turns_on::DecisiveAnswer::to_check)).
fn turns_on(verdict: &Verdict) -> Vec<Named> {
    (verdict.turns_on.iter().flatten())
        .filter(|item| item.to_check().next().is_some())
        .map(|item| named(&item.question, &item.question_text, Status::Holds))
        .collect()
}

fn others(verdict: &Verdict) -> Vec<OthersDuty> {
    (verdict.others.iter())
        .map(|duty| OthersDuty {
            obligation: duty.obligation.clone(),
            actor_label: duty.actor_label.clone(),
            title: duty.title.clone(),
            status: duty.status,
            after_unsure: duty.after_unsure,
        })
        .collect()
}

fn look_ahead(verdict: &Verdict) -> Option<Headline> {
    let ahead = verdict.look_ahead.as_ref()?.verdict.as_deref()?;
    Some(headline(ahead))
}

/// The user's duties in the order the plan first names them, each with
/// every step that names it.
fn duties(verdict: &Verdict) -> Vec<Duty> {
    let mut duties: Vec<Duty> = Vec::new();
    for step in &verdict.plan {
        let start = Start {
            when: step.when,
            date: step.date,
            if_questions: (step.if_answers.iter())
                .map(|answer| answer.question.clone())
                .collect(),
        };
        for id in &step.duties {
            match duties.iter_mut().find(|duty| &duty.id == id) {
                Some(duty) => duty.starts.push(start.clone()),
                None => duties.push(Duty {
                    id: id.clone(),
                    title: (verdict.plan_duty(id))
                        .map_or_else(|| id.clone(), |duty| duty.title.clone()),
                    starts: vec![start.clone()],
                }),
            }
        }
    }
    duties
}

fn dates_changed(a: &Verdict, b: &Verdict) -> Vec<DateChange> {
    let b_duties = duties(b);
    duties(a)
        .into_iter()
        .filter_map(|duty| {
            let other = b_duties.iter().find(|other| other.id == duty.id)?;
            (other.starts != duty.starts).then(|| DateChange {
                id: duty.id,
                title: duty.title,
                starts: Sides {
                    a: duty.starts,
                    b: other.starts.clone(),
                },
            })
        })
        .collect()
}

/// Every question either side asks (today, or for a launch), where the
/// sides differ, in questionnaire order.
fn answer_diffs(questionnaire: &Questionnaire, a: Side<'_>, b: Side<'_>) -> Vec<AnswerDiff> {
    let (ea, eb) = (
        Evaluation::new(questionnaire, a.answers),
        Evaluation::new(questionnaire, b.answers),
    );
    (questionnaire.questions().iter().enumerate())
        .filter_map(|(position, question)| {
            let given_a = given(&ea, a, position);
            let given_b = given(&eb, b, position);
            (given_a != given_b).then(|| AnswerDiff {
                question: question.id.clone(),
                question_text: question.text.clone(),
                section: question.section.clone(),
                a: given_a,
                b: given_b,
            })
        })
        .collect()
}

fn given(evaluation: &Evaluation<'_>, side: Side<'_>, position: usize) -> Given {
    let question = &evaluation.questionnaire().questions()[position];
    let for_launch = (side.verdict.look_ahead.iter())
        .flat_map(|ahead| &ahead.questions)
        .any(|asked| asked.id == question.id);
    let answer: Option<&Answer> = if evaluation.applicability(position).is_asked() {
        evaluation.effective_answer(position)
    } else if for_launch {
        side.answers.get(&question.id)
    } else {
        return Given::NotAsked;
    };
    match answer {
        Some(answer) => Given::Answered {
            answer: answer.to_value(),
            answer_label: answer.label(question),
            not_sure: answer.is_not_sure(),
        },
        None => Given::Unanswered,
    }
}
