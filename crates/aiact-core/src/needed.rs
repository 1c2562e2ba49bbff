//! Questions that are not needed (issue 14): a question marked
//! `skip_if_not_needed` is not asked when, on the answers before it, no
//! answer to it can change the result, whatever the answers after it.
//!
//! "The result" is what a founder sees: every finding the verdict shows
//! (and so the headline tier, which follows from them) with its status,
//! the roles, and every obligation with its status, the findings and roles
//! it hangs off, and its dates. Question `i` is decided as if the questions
//! were asked in order: the answers before it count (those not needed are
//! read as not applicable), the answers after it are set aside, and every
//! question not answered yet, `i` and the questions it would open included,
//! may still get any answer or none. So the decision does not depend on the
//! order the user answered in, and changing an earlier answer can make a
//! question needed again.
//!
//! The decision is a proof, not a comparison of a few outcomes: every
//! condition is read over the truths it may still take (a subset of false,
//! unknown and true), with a mark saying whether they can move with the
//! answer to `i`. A part of a condition that is settled (an `all` with a
//! part that is false whatever comes) stops the mark; anything else passes
//! it on. The question is not needed when no part of the result carries the
//! mark. Two outcomes that are both "unknown" for now are not taken as the
//! same: they may differ once later questions are answered, so in doubt
//! the question is asked. The reading covers every answer, "not sure", no
//! answer and the question read as not applicable alike, which is how a
//! question not needed is read: the verdict is the same as with any answer,
//! and it is complete without one.
//!
//! Cheap enough for every change of answers: the parts of the result each
//! question can reach are listed once, when the questionnaire is loaded,
//! nearest first, and the proof for a question that is needed stops at the
//! first part that moves with it.

use std::collections::{HashMap, VecDeque};

use crate::answer::Answer;
use crate::compiled::{Compiled, Cond, Named, Read};
use crate::engine::{Truth, answer_truth, possibly};
use crate::model::QuestionnaireDoc;
use crate::questionnaire::Index;

/// What the decisions need to know about a questionnaire, worked out once
/// when it is loaded. Empty when no question is marked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Plan {
    /// The questions marked `skip_if_not_needed`, in asking order, each with
    /// the parts of the result that read its answer, directly or through
    /// findings, roles and the questions it opens: nearest first.
    questions: Vec<(usize, Vec<Part>)>,
    /// Per obligation: the positions of the findings and roles it hangs off.
    obligations: Vec<(Vec<usize>, Vec<usize>)>,
    /// The latest question each question's condition, finding and role
    /// reads, directly or through others.
    latest: Latest,
}

/// Per question's condition, finding and role: the latest question it
/// reads (`None`: none). Read before the question being decided, it reads
/// the same for that decision and every later one.
#[derive(Debug, Clone, Default)]
struct Latest {
    gates: Vec<Option<usize>>,
    findings: Vec<Option<usize>>,
    roles: Vec<Option<usize>>,
}

impl Latest {
    fn new(compiled: &Compiled) -> Self {
        let mut work = LatestWork {
            compiled,
            known: [Kind::Gate, Kind::Finding, Kind::Role]
                .map(|kind| vec![None; count(compiled, kind)]),
        };
        let mut all = |kind| {
            (0..count(compiled, kind))
                .map(|i| work.item(kind, i))
                .collect()
        };
        Self {
            gates: all(Kind::Gate),
            findings: all(Kind::Finding),
            roles: all(Kind::Role),
        }
    }

    fn of(&self, kind: Kind) -> &[Option<usize>] {
        match kind {
            Kind::Gate => &self.gates,
            Kind::Finding => &self.findings,
            Kind::Role => &self.roles,
        }
    }
}

/// Works out [`Latest`], each item once (validation rules out circles).
struct LatestWork<'a> {
    compiled: &'a Compiled,
    /// Per kind (gates, findings, roles), per item: worked out yet?
    known: [Vec<Option<Option<usize>>>; 3],
}

impl LatestWork<'_> {
    fn condition(&mut self, condition: &Cond) -> Option<usize> {
        match condition {
            Cond::All(children) | Cond::Any(children) => {
                children.iter().filter_map(|c| self.condition(c)).max()
            }
            Cond::Not(inner) | Cond::Possibly(inner) => self.condition(inner),
            Cond::Equals { question, .. }
            | Cond::Includes { question, .. }
            | Cond::Compare { question, .. }
            | Cond::Answered(question) => Some(*question),
            Cond::Finding(i) => self.item(Kind::Finding, *i),
            Cond::Role(i) => self.item(Kind::Role, *i),
            Cond::Never => None,
        }
    }

    fn item(&mut self, kind: Kind, i: usize) -> Option<usize> {
        if let Some(known) = self.known[kind as usize][i] {
            return known;
        }
        let latest = condition_of(self.compiled, kind, i).and_then(|c| self.condition(c));
        self.known[kind as usize][i] = Some(latest);
        latest
    }
}

/// The condition of a question, a finding or a role (a question may have none).
fn condition_of(compiled: &Compiled, kind: Kind, i: usize) -> Option<&Cond> {
    match kind {
        Kind::Gate => compiled.questions[i].as_ref(),
        Kind::Finding => compiled.findings.get(i),
        Kind::Role => compiled.roles.get(i),
    }
}

fn count(compiled: &Compiled, kind: Kind) -> usize {
    match kind {
        Kind::Gate => compiled.questions.len(),
        Kind::Finding => compiled.findings.len(),
        Kind::Role => compiled.roles.len(),
    }
}

/// A part of the result a founder sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// A finding the verdict shows (not internal).
    Finding(usize),
    Role(usize),
    Obligation(usize),
}

/// A node of the graph of what reads what.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Node {
    /// A test on a question's answer: reads the answer and the question's
    /// own condition (whether it is on the path).
    Answer(usize),
    /// A question's condition.
    Gate(usize),
    Finding(usize),
    Role(usize),
    Obligation(usize),
}

impl Plan {
    /// The plan of a questionnaire whose structure is valid, from its
    /// compiled conditions.
    pub fn new(doc: &QuestionnaireDoc, index: &Index, compiled: &Compiled) -> Self {
        let marked: Vec<usize> = doc
            .questions
            .iter()
            .enumerate()
            .filter(|(_, question)| question.skip_if_not_needed)
            .map(|(position, _)| position)
            .collect();
        if marked.is_empty() {
            return Self::default();
        }
        let positions = |ids: &[String], table: &HashMap<String, usize>| {
            ids.iter()
                .filter_map(|id| table.get(id).copied())
                .collect::<Vec<usize>>()
        };
        let hangs_off: Vec<(Vec<usize>, Vec<usize>)> = doc
            .obligations
            .iter()
            .map(|o| {
                (
                    positions(&o.findings, &index.findings),
                    positions(&o.roles, &index.roles),
                )
            })
            .collect();
        let graph = Graph::new(compiled, &hangs_off);
        let shown: Vec<bool> = doc.findings.iter().map(|f| !f.internal).collect();
        let questions = marked
            .into_iter()
            .map(|position| (position, graph.parts_reading(position, &shown)))
            .collect();
        Self {
            questions,
            obligations: hangs_off,
            latest: Latest::new(compiled),
        }
    }

    /// The marked questions that no part of the result reads, whatever the
    /// answers: they would never be asked.
    pub fn never_needed(&self) -> impl Iterator<Item = usize> + '_ {
        self.questions
            .iter()
            .filter(|(_, parts)| parts.is_empty())
            .map(|(position, _)| *position)
    }
}

/// Who reads whom, by node number: answers, then gates, findings, roles
/// and obligations.
struct Graph {
    questions: usize,
    findings: usize,
    roles: usize,
    /// Per node, the nodes that read it directly.
    readers: Vec<Vec<usize>>,
}

impl Graph {
    fn new(compiled: &Compiled, hangs_off: &[(Vec<usize>, Vec<usize>)]) -> Self {
        let Compiled {
            questions: gates,
            findings,
            roles,
            obligations,
            ..
        } = compiled;
        let nodes = 2 * gates.len() + findings.len() + roles.len() + obligations.len();
        let mut graph = Self {
            questions: gates.len(),
            findings: findings.len(),
            roles: roles.len(),
            readers: vec![Vec::new(); nodes],
        };
        for (position, gate) in gates.iter().enumerate() {
            let reader = graph.number(Node::Answer(position));
            graph.add(reader, Node::Gate(position));
            if let Some(gate) = gate {
                graph.add_condition(graph.number(Node::Gate(position)), gate);
            }
        }
        for (position, condition) in findings.iter().enumerate() {
            graph.add_condition(graph.number(Node::Finding(position)), condition);
        }
        for (position, condition) in roles.iter().enumerate() {
            graph.add_condition(graph.number(Node::Role(position)), condition);
        }
        for (position, (conditions, (on_findings, on_roles))) in
            obligations.iter().zip(hangs_off).enumerate()
        {
            let reader = graph.number(Node::Obligation(position));
            for &finding in on_findings {
                graph.add(reader, Node::Finding(finding));
            }
            for &role in on_roles {
                graph.add(reader, Node::Role(role));
            }
            for condition in conditions
                .when
                .iter()
                .chain(conditions.dates.iter().flatten())
            {
                graph.add_condition(reader, condition);
            }
        }
        graph
    }

    fn number(&self, node: Node) -> usize {
        let (q, f, r) = (self.questions, self.findings, self.roles);
        match node {
            Node::Answer(i) => i,
            Node::Gate(i) => q + i,
            Node::Finding(i) => 2 * q + i,
            Node::Role(i) => 2 * q + f + i,
            Node::Obligation(i) => 2 * q + f + r + i,
        }
    }

    fn node(&self, number: usize) -> Node {
        let (q, f, r) = (self.questions, self.findings, self.roles);
        match number {
            n if n < q => Node::Answer(n),
            n if n < 2 * q => Node::Gate(n - q),
            n if n < 2 * q + f => Node::Finding(n - 2 * q),
            n if n < 2 * q + f + r => Node::Role(n - 2 * q - f),
            n => Node::Obligation(n - 2 * q - f - r),
        }
    }

    /// Records that `reader` reads `read`.
    fn add(&mut self, reader: usize, read: Node) {
        let read = self.number(read);
        if let Some(readers) = self.readers.get_mut(read)
            && !readers.contains(&reader)
        {
            readers.push(reader);
        }
    }

    fn add_condition(&mut self, reader: usize, condition: &Cond) {
        condition.visit_reads(&mut |read| {
            let read = match read {
                Read::Answer(question) => Node::Answer(question),
                Read::Named(Named::Finding(i)) => Node::Finding(i),
                Read::Named(Named::Role(i)) => Node::Role(i),
            };
            self.add(reader, read);
        });
    }

    /// The parts of the result that read a question's answer, nearest first
    /// (breadth first from the answer through its readers).
    fn parts_reading(&self, question: usize, shown: &[bool]) -> Vec<Part> {
        let mut seen = vec![false; self.readers.len()];
        let mut queue = VecDeque::from([self.number(Node::Answer(question))]);
        let mut parts = Vec::new();
        while let Some(number) = queue.pop_front() {
            if std::mem::replace(&mut seen[number], true) {
                continue;
            }
            match self.node(number) {
                Node::Finding(i) if shown.get(i).copied().unwrap_or(false) => {
                    parts.push(Part::Finding(i));
                }
                Node::Role(i) => parts.push(Part::Role(i)),
                Node::Obligation(i) => parts.push(Part::Obligation(i)),
                _ => {}
            }
            queue.extend(self.readers[number].iter().filter(|&&n| !seen[n]));
        }
        parts
    }
}

/// Which questions are not needed on the answers given (by position), in
/// the compiled questionnaire's order. Empty when the plan is: no question
/// can be left out.
pub(crate) fn not_needed(compiled: &Compiled, given: &[Option<&Answer>]) -> Vec<bool> {
    if compiled.needed.questions.is_empty() {
        return Vec::new();
    }
    decide(
        compiled,
        given,
        vec![false; compiled.questions.len()],
        |_| true,
    )
}

/// The questions not needed whatever the answer to `changed`, for the
/// alternatives of that answer (what a result turns on): the decisions on
/// the questions before it are those on the answers given (`decided`),
/// which do not read it; the questions after it that are not needed on the
/// answers given are decided again with its answer set aside. One not
/// needed so is not needed for any answer to `changed`. (One needed on the
/// answers given is needed for one answer at least, that given: it is
/// taken as needed, which is always safe.)
pub(crate) fn not_needed_whatever(
    compiled: &Compiled,
    given: &[Option<&Answer>],
    decided: &[bool],
    changed: usize,
) -> Vec<bool> {
    let mut given = given.to_vec();
    if let Some(answer) = given.get_mut(changed) {
        *answer = None;
    }
    let before = (0..compiled.questions.len())
        .map(|p| p < changed && decided.get(p).copied().unwrap_or(false))
        .collect();
    let again = |p: usize| p > changed && decided.get(p).copied().unwrap_or(false);
    decide(compiled, &given, before, again)
}

/// Decides the marked questions `which` picks, in asking order, starting
/// from the decisions `not_needed` (the others keep theirs).
fn decide(
    compiled: &Compiled,
    given: &[Option<&Answer>],
    not_needed: Vec<bool>,
    which: impl Fn(usize) -> bool,
) -> Vec<bool> {
    let mut reader = Reader {
        compiled,
        given,
        not_needed,
        deciding: 0,
        round: 0,
        memos: [Kind::Gate, Kind::Finding, Kind::Role]
            .map(|kind| vec![Memo::default(); count(compiled, kind)]),
    };
    for (position, parts) in compiled.needed.questions.iter().filter(|(p, _)| which(*p)) {
        reader.decide(*position);
        // A question that is not on the path whatever comes needs no decision.
        if reader.gate(*position).truths == FALSE {
            continue;
        }
        if parts.iter().all(|&part| !reader.moves(part)) {
            reader.not_needed[*position] = true;
        }
    }
    reader.not_needed
}

/// The truths a condition may still take, as a set (bits for false,
/// unknown, true), and whether they may move with the answer to the
/// question being decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reading {
    truths: u8,
    moves: bool,
}

const FALSE: u8 = 1;
const UNKNOWN: u8 = 2;
const TRUE: u8 = 4;
const ANY: u8 = FALSE | UNKNOWN | TRUE;

impl Reading {
    /// A reading that moves only if it is not settled: a condition that can
    /// take one truth only moves with nothing.
    fn new(truths: u8, moves: bool) -> Self {
        Self {
            truths,
            moves: moves && truths.count_ones() > 1,
        }
    }

    fn settled(truth: Truth) -> Self {
        Self::new(bit(truth), false)
    }

    fn and(self, other: Self) -> Self {
        Self::new(
            combine(self.truths, other.truths, Truth::and),
            self.moves || other.moves,
        )
    }

    fn or(self, other: Self) -> Self {
        Self::new(
            combine(self.truths, other.truths, Truth::or),
            self.moves || other.moves,
        )
    }

    fn map(self, f: impl Fn(Truth) -> Truth) -> Self {
        Self::new(
            truths(self.truths).fold(0, |acc, t| acc | bit(f(t))),
            self.moves,
        )
    }
}

fn bit(truth: Truth) -> u8 {
    match truth {
        Truth::False => FALSE,
        Truth::Unknown => UNKNOWN,
        Truth::True => TRUE,
    }
}

fn truths(set: u8) -> impl Iterator<Item = Truth> {
    [Truth::False, Truth::Unknown, Truth::True]
        .into_iter()
        .filter(move |&t| set & bit(t) != 0)
}

fn combine(a: u8, b: u8, op: fn(Truth, Truth) -> Truth) -> u8 {
    truths(a).fold(0, |acc, x| {
        truths(b).fold(acc, |acc, y| acc | bit(op(x, y)))
    })
}

/// A reading worked out for the question being decided (`round`), or for
/// every decision from then on (round [`EVERY_ROUND`]).
#[derive(Debug, Clone, Copy, Default)]
struct Memo {
    round: u32,
    reading: Option<Reading>,
}

const EVERY_ROUND: u32 = 0;

/// What a reading or a latest question is kept for; in this order, as
/// indexes of the arrays that keep them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Gate,
    Finding,
    Role,
}

/// Reads conditions for the decision on one question at a time.
struct Reader<'a> {
    compiled: &'a Compiled,
    given: &'a [Option<&'a Answer>],
    /// The decisions so far (for the questions before `deciding`).
    not_needed: Vec<bool>,
    /// The question being decided.
    deciding: usize,
    /// Numbers the decisions, so that the memos need no clearing.
    round: u32,
    /// Per kind (questions' conditions, findings, roles), per item.
    memos: [Vec<Memo>; 3],
}

impl Reader<'_> {
    fn decide(&mut self, position: usize) {
        self.deciding = position;
        self.round += 1;
    }

    /// Whether a part of the result may move with the answer to the
    /// question being decided.
    fn moves(&mut self, part: Part) -> bool {
        match part {
            Part::Finding(i) => self.finding(i).moves,
            Part::Role(i) => self.role(i).moves,
            Part::Obligation(i) => self.obligation_moves(i),
        }
    }

    /// An obligation as the verdict reads it: whether it holds (any of its
    /// findings, any of its roles, its own condition), the findings and
    /// roles it lists, and its date (the first rule that holds, and the
    /// rules before it that might).
    fn obligation_moves(&mut self, position: usize) -> bool {
        let compiled = self.compiled;
        let (findings, roles) = &compiled.needed.obligations[position];
        let conditions = &compiled.obligations[position];
        let any_of = |reader: &mut Self, list: &[usize], read: fn(&mut Self, usize) -> Reading| {
            if list.is_empty() {
                Reading::settled(Truth::True)
            } else {
                list.iter().fold(Reading::settled(Truth::False), |acc, &i| {
                    acc.or(read(reader, i))
                })
            }
        };
        let holds = any_of(self, findings, Self::finding)
            .and(any_of(self, roles, Self::role))
            .and(self.optional(conditions.when.as_ref()));
        if holds.moves {
            return true;
        }
        if holds.truths == FALSE {
            return false;
        }
        if findings.iter().any(|&i| self.finding(i).moves)
            || roles.iter().any(|&i| self.role(i).moves)
        {
            return true;
        }
        for rule in &conditions.dates {
            let reading = self.optional(rule.as_ref());
            if reading.moves {
                return true;
            }
            if reading.truths == TRUE {
                break;
            }
        }
        false
    }

    /// An `all` (from true, with `and`) or an `any` (from false, with
    /// `or`): read until a part settles it the other way.
    fn fold(
        &mut self,
        children: &[Cond],
        start: Truth,
        op: fn(Reading, Reading) -> Reading,
    ) -> Reading {
        let mut acc = Reading::settled(start);
        for child in children {
            acc = op(acc, self.read(child));
            if acc.truths == bit(!start) {
                break;
            }
        }
        acc
    }

    fn optional(&mut self, condition: Option<&Cond>) -> Reading {
        condition.map_or(Reading::settled(Truth::True), |c| self.read(c))
    }

    fn read(&mut self, condition: &Cond) -> Reading {
        match condition {
            Cond::All(children) => self.fold(children, Truth::True, Reading::and),
            Cond::Any(children) => self.fold(children, Truth::False, Reading::or),
            Cond::Not(inner) => self.read(inner).map(|t| !t),
            Cond::Possibly(inner) => self.read(inner).map(possibly),
            Cond::Finding(i) => self.finding(*i),
            Cond::Role(i) => self.role(*i),
            Cond::Never => Reading::settled(Truth::False),
            Cond::Equals { question, .. }
            | Cond::Includes { question, .. }
            | Cond::Compare { question, .. }
            | Cond::Answered(question) => self.literal(condition, *question),
        }
    }

    /// A test on one answer, as the engine reads it when it draws
    /// conclusions: an answer that counts is read against whether its
    /// question is on the path; a question still open may get any answer,
    /// or none.
    fn literal(&mut self, literal: &Cond, position: usize) -> Reading {
        let gate = self.gate(position);
        if gate.truths == FALSE {
            return Reading::settled(Truth::False); // never on the path
        }
        if position < self.deciding {
            if self.not_needed[position] {
                return Reading::settled(Truth::False); // read as not applicable
            }
            if let Some(answer) = self.given.get(position).copied().flatten() {
                let if_asked = answer_truth(literal, answer);
                let mut read = 0;
                for applicability in truths(gate.truths) {
                    read |= match applicability {
                        Truth::True => bit(if_asked),
                        Truth::Unknown if if_asked == Truth::False => FALSE,
                        Truth::Unknown => UNKNOWN,
                        Truth::False => FALSE,
                    };
                }
                return Reading::new(read, gate.moves);
            }
        }
        Reading::new(ANY, position == self.deciding || gate.moves)
    }

    fn gate(&mut self, position: usize) -> Reading {
        self.memoised(Kind::Gate, position)
    }

    fn finding(&mut self, position: usize) -> Reading {
        self.memoised(Kind::Finding, position)
    }

    fn role(&mut self, position: usize) -> Reading {
        self.memoised(Kind::Role, position)
    }

    /// A question's condition, a finding or a role read once per decision;
    /// once for all the decisions to come if it reads only questions before
    /// the one being decided (they are settled, or still open, for good).
    fn memoised(&mut self, kind: Kind, position: usize) -> Reading {
        let memo = self.memos[kind as usize][position];
        if let Some(reading) = memo.reading
            && (memo.round == self.round || memo.round == EVERY_ROUND)
        {
            return reading;
        }
        let compiled = self.compiled;
        let reading = self.optional(condition_of(compiled, kind, position));
        let latest = compiled.needed.latest.of(kind)[position];
        let settled = latest.is_none_or(|latest| latest < self.deciding);
        self.memos[kind as usize][position] = Memo {
            round: if settled { EVERY_ROUND } else { self.round },
            reading: Some(reading),
        };
        reading
    }
}
