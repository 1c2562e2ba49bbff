//! Names are a way of writing a questionnaire, not part of what it says.
//! Once a questionnaire has passed validation, every `{"condition": id}` is
//! replaced by the condition it names, every obligation's `schedule` by the
//! schedule's date rules, and comments are left out. The engine, the
//! verdict and every tool read this written-out content: names cost nothing
//! when answers are evaluated, and a file rewritten to use names has the
//! same content (and content hash) as before.

use std::collections::HashMap;

use crate::model::{Condition, DateRule, NamedCondition, QuestionnaireDoc, Schedule};

/// The names a questionnaire defined, kept for authors' tools once they are
/// written out; each definition is itself written out.
#[derive(Debug, Clone, Default)]
pub(crate) struct Names {
    pub conditions: Vec<NamedCondition>,
    pub schedules: Vec<Schedule>,
}

/// The content of a validated questionnaire, and the names it used.
pub(crate) fn write_out(mut doc: QuestionnaireDoc) -> (QuestionnaireDoc, Names) {
    let mut conditions = std::mem::take(&mut doc.conditions);
    let mut writer = Writer::default();
    for named in &conditions {
        // Validation refuses duplicates; the first definition is the one
        // that counts, as for every other kind of id.
        writer
            .definitions
            .entry(named.id.clone())
            .or_insert_with(|| named.when.clone());
    }
    for named in &mut conditions {
        writer.write_out(&mut named.when);
    }
    let mut schedules = std::mem::take(&mut doc.schedules);
    let mut timetables: HashMap<String, Vec<DateRule>> = HashMap::new();
    for schedule in &mut schedules {
        for rule in &mut schedule.applies_from {
            writer.rule(rule);
        }
        timetables
            .entry(schedule.id.clone())
            .or_insert_with(|| schedule.applies_from.clone());
    }

    doc.comment = None;
    for tier in &mut doc.tiers {
        tier.comment = None;
    }
    for section in &mut doc.sections {
        section.comment = None;
    }
    for milestone in &mut doc.milestones {
        milestone.comment = None;
    }
    for role in &mut doc.roles {
        role.comment = None;
        writer.write_out(&mut role.when);
    }
    for question in &mut doc.questions {
        question.comment = None;
        for option in &mut question.options {
            option.comment = None;
        }
        if let Some(when) = &mut question.when {
            writer.write_out(when);
        }
    }
    for finding in &mut doc.findings {
        finding.comment = None;
        writer.write_out(&mut finding.when);
    }
    for obligation in &mut doc.obligations {
        obligation.comment = None;
        if let Some(when) = &mut obligation.when {
            writer.write_out(when);
        }
        for rule in &mut obligation.applies_from {
            writer.rule(rule);
        }
        if let Some(rules) = obligation
            .schedule
            .take()
            .and_then(|id| timetables.get(&id))
        {
            obligation.applies_from.extend(rules.iter().cloned());
        }
    }
    (
        doc,
        Names {
            conditions,
            schedules,
        },
    )
}

/// A condition from outside the file, with the names it uses written out
/// (`names` are written out already).
pub(crate) fn written_out(condition: &Condition, names: &[NamedCondition]) -> Condition {
    let mut writer = Writer::default();
    for named in names {
        writer
            .done
            .entry(named.id.clone())
            .or_insert_with(|| named.when.clone());
    }
    let mut condition = condition.clone();
    writer.write_out(&mut condition);
    condition
}

#[derive(Default)]
struct Writer {
    /// Each name's condition, as written.
    definitions: HashMap<String, Condition>,
    /// Each name's condition, written out (worked out on first use).
    done: HashMap<String, Condition>,
    /// The names being written out, to stop at a cycle (which validation
    /// reports) rather than loop.
    open: Vec<String>,
}

impl Writer {
    fn write_out(&mut self, condition: &mut Condition) {
        match condition {
            Condition::All(children) | Condition::Any(children) => {
                for child in children {
                    self.write_out(child);
                }
            }
            Condition::Not(inner) | Condition::Possibly(inner) => self.write_out(inner),
            Condition::Named(id) => {
                // An unknown name stays as it is: it refers to nothing.
                if let Some(definition) = self.resolve(&id.clone()) {
                    *condition = definition;
                }
            }
            Condition::Equals { .. }
            | Condition::Includes { .. }
            | Condition::Answered(_)
            | Condition::Compare { .. }
            | Condition::Finding(_)
            | Condition::Role(_) => {}
        }
    }

    fn rule(&mut self, rule: &mut DateRule) {
        rule.comment = None;
        if let Some(when) = &mut rule.when {
            self.write_out(when);
        }
    }

    fn resolve(&mut self, id: &str) -> Option<Condition> {
        if let Some(done) = self.done.get(id) {
            return Some(done.clone());
        }
        if self.open.iter().any(|open| open == id) {
            return None;
        }
        let mut condition = self.definitions.get(id)?.clone();
        self.open.push(id.to_owned());
        self.write_out(&mut condition);
        self.open.pop();
        self.done.insert(id.to_owned(), condition.clone());
        Some(condition)
    }
}
