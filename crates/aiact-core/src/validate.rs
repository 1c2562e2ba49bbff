//! Load-time checks. Every problem is collected (not just the first), and
//! each names the item it was found on and what is wrong.

use std::collections::{HashMap, HashSet};
use std::fmt;

use thiserror::Error;

use crate::answer::Answer;
use crate::compiled::Compiled;
use crate::model::{
    AnswerEdit, Condition, DateRule, FORMAT_VERSION, LegalBasis, NOT_SURE, QualifierKind, Question,
    QuestionKind, QuestionnaireDoc, Reference,
};
use crate::outcome::{PLACEHOLDERS, placeholders};
use crate::questionnaire::Index;
use crate::reach::Reachability;
use crate::refs::{LegalRef, RefError};

/// One problem in a questionnaire.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{item}: {problem}")]
pub struct ValidationError {
    pub item: Item,
    pub problem: Problem,
}

/// The part of the questionnaire a problem was found on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Questionnaire,
    Tier(String),
    Role(String),
    Section(String),
    Question(String),
    Option {
        question: String,
        option: String,
    },
    Finding(String),
    Milestone(String),
    Obligation(String),
    /// A named condition.
    Condition(String),
    Schedule(String),
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Questionnaire => f.write_str("questionnaire"),
            Self::Tier(id) => write!(f, "tier `{id}`"),
            Self::Role(id) => write!(f, "role `{id}`"),
            Self::Section(id) => write!(f, "section `{id}`"),
            Self::Question(id) => write!(f, "question `{id}`"),
            Self::Option { question, option } => {
                write!(f, "option `{option}` of question `{question}`")
            }
            Self::Finding(id) => write!(f, "finding `{id}`"),
            Self::Milestone(id) => write!(f, "milestone `{id}`"),
            Self::Obligation(id) => write!(f, "obligation `{id}`"),
            Self::Condition(id) => write!(f, "condition `{id}`"),
            Self::Schedule(id) => write!(f, "schedule `{id}`"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum Problem {
    #[error("format {0} is not supported; this program reads format {FORMAT_VERSION}")]
    Format(u32),
    #[error("`{field}` is empty")]
    Empty { field: &'static str },
    #[error("id `{0}` may only use letters, digits, `_`, `-` and `.`")]
    BadId(String),
    #[error("duplicate id: another {kind} is also called `{id}`")]
    DuplicateId { kind: &'static str, id: String },
    #[error("`{0}` is reserved for the \"not sure\" answer")]
    ReservedId(String),
    #[error("malformed legal reference `{reference}`: {reason}")]
    BadReference { reference: String, reason: RefError },
    #[error("{count} tiers are marked as the default; exactly one must be")]
    DefaultTierCount { count: usize },
    #[error("unknown section `{0}`")]
    UnknownSection(String),
    #[error("unknown tier `{0}`")]
    UnknownTier(String),
    #[error("unknown milestone `{0}`")]
    UnknownMilestone(String),
    #[error("condition refers to unknown question `{0}`")]
    UnknownQuestion(String),
    #[error("condition refers to unknown finding `{0}`")]
    UnknownFinding(String),
    #[error("condition refers to unknown role `{0}`")]
    UnknownRole(String),
    #[error("condition refers to unknown named condition `{0}`")]
    UnknownCondition(String),
    #[error("refers to unknown schedule `{0}`")]
    UnknownSchedule(String),
    #[error(
        "never used: no question, finding, role, obligation or schedule refers to it, directly or through other named conditions"
    )]
    UnusedCondition,
    #[error("never used: no obligation names it as its `schedule`")]
    UnusedSchedule,
    #[error("refers to unknown finding `{0}`")]
    UnknownFindingRef(String),
    #[error("refers to unknown role `{0}`")]
    UnknownRoleRef(String),
    #[error("condition refers to unknown option `{option}` of question `{question}`")]
    UnknownOption { question: String, option: String },
    #[error("condition uses `{operator}` on `{question}`, a {kind} question; {hint}")]
    WrongOperator {
        operator: &'static str,
        question: String,
        kind: &'static str,
        hint: &'static str,
    },
    #[error("condition tests `{question}` for \"not sure\", but that question does not offer it")]
    NotSureNotOffered { question: String },
    #[error("`{0}` with no conditions inside")]
    EmptyCombinator(&'static str),
    #[error(
        "condition depends on question `{question}`, which is not asked before this one (conditions may only look back)"
    )]
    LaterQuestion { question: String },
    #[error("circular reference: {0}")]
    Cycle(String),
    #[error("a {kind} question needs at least two options")]
    TooFewOptions { kind: &'static str },
    #[error("`{field}` does not apply to a {kind} question")]
    FieldNotForKind {
        field: &'static str,
        kind: &'static str,
    },
    #[error("a text question cannot offer \"not sure\"")]
    NotSureOnText,
    #[error("\"not sure\" help is given but the question does not offer \"not sure\"")]
    NotSureHelpWithoutNotSure,
    #[error("`{field}` must be one short line: no line break, at most {max} characters")]
    NotOneLine { field: &'static str, max: usize },
    #[error("`exclusive` only makes sense in a multi_choice question")]
    ExclusiveOutsideMulti,
    #[error("minimum {min} is above maximum {max}")]
    BadBounds { min: f64, max: f64 },
    #[error(
        "`applies_from` is empty and no `schedule` is named: say from when the obligation applies"
    )]
    NoDate,
    #[error(
        "the last entry of `applies_from` has a condition; the last entry must have none, so that every obligation has a date"
    )]
    LastDateConditional,
    #[error(
        "entry {position} of `applies_from` has no condition, so the entries after it (and any `schedule`) are never read"
    )]
    DatesAfterUnconditional { position: usize },
    #[error("can never be asked: its condition cannot hold for any definite answers")]
    NeverAsked,
    #[error("can never hold: its condition cannot hold for any definite answers")]
    NeverHolds,
    #[error("an internal finding cannot give a tier: the verdict does not show it")]
    InternalWithTier,
    #[error("an internal finding cannot have `{field}`: the verdict does not show it")]
    InternalShown { field: &'static str },
    #[error("a gate finding cannot give a tier: every verdict within the Act passes through it")]
    GateWithTier,
    #[error(
        "`basis.ref` `{0}` is not a provision that puts a system in a tier (Article 5, 6(3), 50, 51 to 55, 3(63), 2, 3(1), Annex I or III)"
    )]
    NotABasis(String),
    #[error("`qualifies.{field}` does not apply to a `{kind}` qualifier")]
    FieldNotForQualifier {
        field: &'static str,
        kind: &'static str,
    },
    #[error("an `exemption` qualifier must name the tier it lifts (`qualifies.tier`)")]
    ExemptionWithoutTier,
    #[error(
        "unknown placeholder `{{{0}}}`; known: {{date}}, {{count}}, {{now}}, {{held}}, {{duties}}, {{held_duties}}, {{basis}}, {{use}}, {{condition}}"
    )]
    UnknownPlaceholder(String),
    #[error(
        "the last entry of `summaries` has a condition; the last entry must have none, so that some sentence always fits"
    )]
    LastSummaryConditional,
    #[error("`mentions` names unknown obligation `{0}`")]
    UnknownObligation(String),
    #[error(
        "`mentions` names obligation `{0}`, which falls on every role: a duty of others needs `roles`"
    )]
    MentionWithoutRoles(String),
    #[error("edit of `{question}`: {reason}")]
    BadEdit { question: String, reason: String },
    #[error(
        "`skip_if_not_needed`, but no finding, role or obligation depends on its answer (nor on the questions it opens): it would never be asked"
    )]
    NeverNeeded,
}

/// Longest `if_decisive` hint, in characters: one line of a report.
pub const MAX_HINT_LENGTH: usize = 300;

/// Checks a questionnaire's structure (ids, references, kinds, names,
/// order, cycles: everything but reachability) and builds its lookup tables.
pub(crate) fn validate(doc: &QuestionnaireDoc) -> Result<Index, Vec<ValidationError>> {
    let mut check = Checker::default();
    check.identity(doc);
    let index = check.index(doc);
    let names = check.names(doc);
    check.references(doc);
    check.tiers(doc);
    check.questions(doc, &index);
    check.conditions(doc, &index, &names);
    check.links(doc, &index, &names);
    check.annotations(doc, &index);
    if check.errors.is_empty() {
        Ok(index)
    } else {
        Err(check.errors)
    }
}

/// Questions that can never be asked and findings that can never hold. It
/// reasons over resolved references, so it runs only on a questionnaire
/// whose structure is sound, with its names written out.
pub(crate) fn reachability(doc: &QuestionnaireDoc, index: &Index) -> Vec<ValidationError> {
    let mut check = Checker::default();
    let reach = Reachability::compute(doc, index);
    for (question, askable) in doc.questions.iter().zip(&reach.askable) {
        if !askable {
            check.push(Item::Question(question.id.clone()), Problem::NeverAsked);
        }
    }
    for finding in &doc.findings {
        if !reach.satisfiable(&finding.when) {
            check.push(Item::Finding(finding.id.clone()), Problem::NeverHolds);
        }
    }
    check.errors
}

/// Questions marked `skip_if_not_needed` that nothing in a result reads:
/// never needed, so never asked. Works on the compiled conditions, so it
/// runs once a questionnaire's structure is sound.
pub(crate) fn never_needed(doc: &QuestionnaireDoc, compiled: &Compiled) -> Vec<ValidationError> {
    compiled
        .needed
        .never_needed()
        .filter_map(|position| doc.questions.get(position))
        .map(|question| ValidationError {
            item: Item::Question(question.id.clone()),
            problem: Problem::NeverNeeded,
        })
        .collect()
}

/// Positions of the named conditions and schedules by id. Only validation
/// needs them: a loaded questionnaire has its names written out.
#[derive(Default)]
struct NameIndex {
    conditions: HashMap<String, usize>,
    schedules: HashMap<String, usize>,
}

#[derive(Default)]
struct Checker {
    errors: Vec<ValidationError>,
}

impl Checker {
    fn push(&mut self, item: Item, problem: Problem) {
        self.errors.push(ValidationError { item, problem });
    }

    fn identity(&mut self, doc: &QuestionnaireDoc) {
        if doc.format != FORMAT_VERSION {
            self.push(Item::Questionnaire, Problem::Format(doc.format));
        }
        for (field, value) in [
            ("id", &doc.id),
            ("version", &doc.version),
            ("title", &doc.title),
        ] {
            if value.trim().is_empty() {
                self.push(Item::Questionnaire, Problem::Empty { field });
            }
        }
        let LegalBasis {
            act,
            official_text_url,
            ..
        } = &doc.legal_basis;
        if act.trim().is_empty() {
            self.push(
                Item::Questionnaire,
                Problem::Empty {
                    field: "legal_basis.act",
                },
            );
        }
        if official_text_url.trim().is_empty() {
            self.push(
                Item::Questionnaire,
                Problem::Empty {
                    field: "legal_basis.official_text_url",
                },
            );
        }
        if doc.tiers.is_empty() {
            self.push(Item::Questionnaire, Problem::Empty { field: "tiers" });
        }
        if doc.questions.is_empty() {
            self.push(Item::Questionnaire, Problem::Empty { field: "questions" });
        }
    }

    /// Positions by id, reporting malformed and duplicated ids.
    fn index(&mut self, doc: &QuestionnaireDoc) -> Index {
        let mut index = Index {
            tiers: self.ids("tier", doc.tiers.iter().map(|t| t.id.as_str()), Item::Tier),
            roles: self.ids("role", doc.roles.iter().map(|r| r.id.as_str()), Item::Role),
            sections: self.ids(
                "section",
                doc.sections.iter().map(|s| s.id.as_str()),
                Item::Section,
            ),
            questions: self.ids(
                "question",
                doc.questions.iter().map(|q| q.id.as_str()),
                Item::Question,
            ),
            findings: self.ids(
                "finding",
                doc.findings.iter().map(|f| f.id.as_str()),
                Item::Finding,
            ),
            milestones: self.ids(
                "milestone",
                doc.milestones.iter().map(|m| m.id.as_str()),
                Item::Milestone,
            ),
            default_tier: 0,
        };
        self.ids(
            "obligation",
            doc.obligations.iter().map(|o| o.id.as_str()),
            Item::Obligation,
        );
        for question in &doc.questions {
            let mut seen = HashSet::new();
            for option in &question.options {
                let item = || Item::Option {
                    question: question.id.clone(),
                    option: option.id.clone(),
                };
                if !is_valid_id(&option.id) {
                    self.push(item(), Problem::BadId(option.id.clone()));
                } else if option.id == NOT_SURE {
                    self.push(item(), Problem::ReservedId(option.id.clone()));
                } else if !seen.insert(option.id.as_str()) {
                    self.push(
                        item(),
                        Problem::DuplicateId {
                            kind: "option of this question",
                            id: option.id.clone(),
                        },
                    );
                }
                if option.label.trim().is_empty() {
                    self.push(item(), Problem::Empty { field: "label" });
                }
            }
        }
        if let Some(position) = doc.tiers.iter().position(|tier| tier.default) {
            index.default_tier = position;
        }
        index
    }

    fn names(&mut self, doc: &QuestionnaireDoc) -> NameIndex {
        NameIndex {
            conditions: self.ids(
                "named condition",
                doc.conditions.iter().map(|c| c.id.as_str()),
                Item::Condition,
            ),
            schedules: self.ids(
                "schedule",
                doc.schedules.iter().map(|s| s.id.as_str()),
                Item::Schedule,
            ),
        }
    }

    fn ids<'a>(
        &mut self,
        kind: &'static str,
        ids: impl Iterator<Item = &'a str>,
        item: fn(String) -> Item,
    ) -> HashMap<String, usize> {
        let mut positions = HashMap::new();
        for (position, id) in ids.enumerate() {
            if !is_valid_id(id) {
                self.push(item(id.to_owned()), Problem::BadId(id.to_owned()));
            } else if positions.contains_key(id) {
                // The first of two duplicates stays the one conditions resolve to.
                self.push(
                    item(id.to_owned()),
                    Problem::DuplicateId {
                        kind,
                        id: id.to_owned(),
                    },
                );
            } else {
                positions.insert(id.to_owned(), position);
            }
        }
        positions
    }

    fn references(&mut self, doc: &QuestionnaireDoc) {
        let mut check = |item: Item, refs: &[LegalRef]| {
            for reference in refs {
                if let Err(reason) = reference.parse() {
                    self.push(
                        item.clone(),
                        Problem::BadReference {
                            reference: reference.as_str().to_owned(),
                            reason,
                        },
                    );
                }
            }
        };
        for role in &doc.roles {
            check(Item::Role(role.id.clone()), &role.refs);
        }
        for question in &doc.questions {
            check(Item::Question(question.id.clone()), &question.refs);
            for option in &question.options {
                check(
                    Item::Option {
                        question: question.id.clone(),
                        option: option.id.clone(),
                    },
                    &option.refs,
                );
            }
        }
        for finding in &doc.findings {
            check(Item::Finding(finding.id.clone()), &finding.refs);
        }
        for milestone in &doc.milestones {
            check(Item::Milestone(milestone.id.clone()), &milestone.refs);
        }
        for obligation in &doc.obligations {
            check(Item::Obligation(obligation.id.clone()), &obligation.refs);
        }
    }

    fn tiers(&mut self, doc: &QuestionnaireDoc) {
        let defaults = doc.tiers.iter().filter(|tier| tier.default).count();
        if defaults != 1 && !doc.tiers.is_empty() {
            self.push(
                Item::Questionnaire,
                Problem::DefaultTierCount { count: defaults },
            );
        }
        for tier in &doc.tiers {
            if tier.label.trim().is_empty() {
                self.push(
                    Item::Tier(tier.id.clone()),
                    Problem::Empty { field: "label" },
                );
            }
        }
    }

    /// Each question's own fields fit its kind.
    fn questions(&mut self, doc: &QuestionnaireDoc, index: &Index) {
        for question in &doc.questions {
            let item = || Item::Question(question.id.clone());
            let kind = question.kind.name();
            if question.text.trim().is_empty() {
                self.push(item(), Problem::Empty { field: "text" });
            }
            if !index.sections.contains_key(&question.section) {
                self.push(item(), Problem::UnknownSection(question.section.clone()));
            }
            match question.kind {
                QuestionKind::SingleChoice | QuestionKind::MultiChoice
                    if question.options.len() < 2 =>
                {
                    self.push(item(), Problem::TooFewOptions { kind });
                }
                QuestionKind::SingleChoice | QuestionKind::MultiChoice => {}
                _ if !question.options.is_empty() => {
                    self.push(
                        item(),
                        Problem::FieldNotForKind {
                            field: "options",
                            kind,
                        },
                    );
                }
                _ => {}
            }
            if question.kind != QuestionKind::MultiChoice
                && question.options.iter().any(|option| option.exclusive)
            {
                self.push(item(), Problem::ExclusiveOutsideMulti);
            }
            if question.kind != QuestionKind::Number {
                for (field, present) in [
                    ("min", question.min.is_some()),
                    ("max", question.max.is_some()),
                    ("unit", question.unit.is_some()),
                ] {
                    if present {
                        self.push(item(), Problem::FieldNotForKind { field, kind });
                    }
                }
            }
            if let (Some(min), Some(max)) = (question.min, question.max)
                && min > max
            {
                self.push(item(), Problem::BadBounds { min, max });
            }
            if question.kind != QuestionKind::Text && question.max_length.is_some() {
                self.push(
                    item(),
                    Problem::FieldNotForKind {
                        field: "max_length",
                        kind,
                    },
                );
            }
            if question.kind == QuestionKind::Text && question.allow_not_sure {
                self.push(item(), Problem::NotSureOnText);
            }
            if question.if_not_sure.is_some() && !question.allow_not_sure {
                self.push(item(), Problem::NotSureHelpWithoutNotSure);
            }
            if let Some(hint) = &question.if_decisive {
                self.decisive_hint(item(), question.kind, hint);
            }
        }
    }

    /// The one-line hint of "What this result turns on": a text answer has
    /// no alternatives, so a text question never needs one.
    fn decisive_hint(&mut self, item: Item, kind: QuestionKind, hint: &str) {
        const FIELD: &str = "if_decisive";
        if kind == QuestionKind::Text {
            self.push(
                item.clone(),
                Problem::FieldNotForKind {
                    field: FIELD,
                    kind: kind.name(),
                },
            );
        }
        if hint.trim().is_empty() {
            self.push(item, Problem::Empty { field: FIELD });
        } else if hint.contains(['\n', '\r']) || hint.chars().count() > MAX_HINT_LENGTH {
            self.push(
                item,
                Problem::NotOneLine {
                    field: FIELD,
                    max: MAX_HINT_LENGTH,
                },
            );
        }
    }

    /// Every condition's references resolve, fit the kind of question they
    /// test, look back only; findings, roles and named conditions do not go
    /// round in circles, and every named condition is used.
    fn conditions(&mut self, doc: &QuestionnaireDoc, index: &Index, names: &NameIndex) {
        let context = Context { doc, index, names };
        for named in &doc.conditions {
            for problem in context.check(&named.when) {
                self.push(Item::Condition(named.id.clone()), problem);
            }
        }
        for schedule in &doc.schedules {
            for rule in &schedule.applies_from {
                for problem in rule.when.iter().flat_map(|when| context.check(when)) {
                    self.push(Item::Schedule(schedule.id.clone()), problem);
                }
            }
        }
        for role in &doc.roles {
            for problem in context.check(&role.when) {
                self.push(Item::Role(role.id.clone()), problem);
            }
        }
        for finding in &doc.findings {
            for problem in context.check(&finding.when) {
                self.push(Item::Finding(finding.id.clone()), problem);
            }
        }
        for milestone in &doc.milestones {
            for special in &milestone.notes_when {
                for problem in context.check(&special.when) {
                    self.push(Item::Milestone(milestone.id.clone()), problem);
                }
            }
        }
        for obligation in &doc.obligations {
            let item = || Item::Obligation(obligation.id.clone());
            let conditions = obligation.when.iter().chain(
                obligation
                    .applies_from
                    .iter()
                    .filter_map(|rule| rule.when.as_ref()),
            );
            for condition in conditions {
                for problem in context.check(condition) {
                    self.push(item(), problem);
                }
            }
        }
        for (position, (named, used)) in doc.conditions.iter().zip(context.used_names()).enumerate()
        {
            // A duplicate is reported as such; only the first definition counts.
            let first = names.conditions.get(&named.id) == Some(&position);
            if first && !used {
                self.push(Item::Condition(named.id.clone()), Problem::UnusedCondition);
            }
        }
        let mut cycles_found = false;
        for cycle in context.cycles() {
            cycles_found = true;
            self.push(cycle.0, Problem::Cycle(cycle.1));
        }
        for (position, question) in doc.questions.iter().enumerate() {
            let Some(condition) = &question.when else {
                continue;
            };
            let problems = context.check(condition);
            let sound = problems.is_empty();
            for problem in problems {
                self.push(Item::Question(question.id.clone()), problem);
            }
            if sound && !cycles_found {
                let mut seen = HashSet::new();
                let mut later = Vec::new();
                context.questions_behind(condition, &mut seen, &mut |id, at| {
                    if at >= position && !later.contains(&id) {
                        later.push(id);
                    }
                });
                for id in later {
                    self.push(
                        Item::Question(question.id.clone()),
                        Problem::LaterQuestion {
                            question: id.to_owned(),
                        },
                    );
                }
            }
        }
    }

    /// Links by id outside conditions: finding tiers, obligation findings,
    /// roles, milestones and schedules.
    fn links(&mut self, doc: &QuestionnaireDoc, index: &Index, names: &NameIndex) {
        for finding in &doc.findings {
            let item = || Item::Finding(finding.id.clone());
            if let Some(tier) = &finding.tier {
                if !index.tiers.contains_key(tier) {
                    self.push(item(), Problem::UnknownTier(tier.clone()));
                }
                if finding.internal {
                    self.push(item(), Problem::InternalWithTier);
                }
            }
        }
        for obligation in &doc.obligations {
            let item = || Item::Obligation(obligation.id.clone());
            for finding in &obligation.findings {
                if !index.findings.contains_key(finding) {
                    self.push(item(), Problem::UnknownFindingRef(finding.clone()));
                }
            }
            for role in &obligation.roles {
                if !index.roles.contains_key(role) {
                    self.push(item(), Problem::UnknownRoleRef(role.clone()));
                }
            }
            let scheduled = obligation.schedule.is_some();
            self.dates(item(), &obligation.applies_from, scheduled, index);
            match (&obligation.schedule, obligation.applies_from.last()) {
                (Some(schedule), _) => {
                    if !names.schedules.contains_key(schedule) {
                        self.push(item(), Problem::UnknownSchedule(schedule.clone()));
                    }
                }
                (None, None) => self.push(item(), Problem::NoDate),
                (None, Some(last)) if last.when.is_some() => {
                    self.push(item(), Problem::LastDateConditional)
                }
                (None, Some(_)) => {}
            }
        }
        for schedule in &doc.schedules {
            let item = || Item::Schedule(schedule.id.clone());
            self.dates(item(), &schedule.applies_from, false, index);
            match schedule.applies_from.last() {
                None => self.push(
                    item(),
                    Problem::Empty {
                        field: "applies_from",
                    },
                ),
                Some(last) if last.when.is_some() => {
                    self.push(item(), Problem::LastDateConditional)
                }
                Some(_) => {}
            }
            let named = |id: &Option<String>| id.as_deref() == Some(schedule.id.as_str());
            if !doc.obligations.iter().any(|o| named(&o.schedule)) {
                self.push(item(), Problem::UnusedSchedule);
            }
        }
    }

    /// The verdict annotations of findings and tiers (issue 13): what they
    /// name exists, their placeholders are known, edits fit their questions.
    fn annotations(&mut self, doc: &QuestionnaireDoc, index: &Index) {
        for finding in &doc.findings {
            let item = || Item::Finding(finding.id.clone());
            if finding.gate && finding.tier.is_some() {
                self.push(item(), Problem::GateWithTier);
            }
            if finding.internal {
                for (field, present) in [
                    ("gate", finding.gate),
                    ("qualifies", finding.qualifies.is_some()),
                    ("mentions", !finding.mentions.is_empty()),
                ] {
                    if present {
                        self.push(item(), Problem::InternalShown { field });
                    }
                }
            }
            if let Some(basis) = &finding.basis {
                match basis.reference.parse() {
                    Err(reason) => self.push(
                        item(),
                        Problem::BadReference {
                            reference: basis.reference.as_str().to_owned(),
                            reason,
                        },
                    ),
                    Ok(parsed) if parsed.basis_kind().is_none() => self.push(
                        item(),
                        Problem::NotABasis(basis.reference.as_str().to_owned()),
                    ),
                    Ok(_) => {}
                }
                self.known_tier(item(), basis.tier.as_deref(), index);
            }
            if let Some(spec) = &finding.qualifies {
                let kind = qualifier_name(spec.kind);
                self.known_tier(item(), spec.tier.as_deref(), index);
                if spec.kind == QualifierKind::Exemption && spec.tier.is_none() {
                    self.push(item(), Problem::ExemptionWithoutTier);
                }
                if spec.title.trim().is_empty() {
                    self.push(
                        item(),
                        Problem::Empty {
                            field: "qualifies.title",
                        },
                    );
                }
                for (field, misplaced) in [
                    (
                        "lifted_by",
                        !spec.lifted_by.is_empty() && spec.kind != QualifierKind::Hold,
                    ),
                    (
                        "look_ahead",
                        spec.look_ahead.is_some() && spec.kind != QualifierKind::ForNow,
                    ),
                ] {
                    if misplaced {
                        self.push(item(), Problem::FieldNotForQualifier { field, kind });
                    }
                }
                self.placeholders(item(), spec.summary.as_deref().unwrap_or(""));
                self.placeholders(item(), spec.provisional_summary.as_deref().unwrap_or(""));
                let edits = spec
                    .lifted_by
                    .iter()
                    .chain(spec.look_ahead.iter().flat_map(|look| &look.assume));
                for edit in edits {
                    self.edit(item(), edit, doc, index);
                }
            }
            for mentioned in &finding.mentions {
                match doc.obligations.iter().find(|o| &o.id == mentioned) {
                    None => self.push(item(), Problem::UnknownObligation(mentioned.clone())),
                    Some(obligation) if obligation.roles.is_empty() => {
                        self.push(item(), Problem::MentionWithoutRoles(mentioned.clone()))
                    }
                    Some(_) => {}
                }
            }
        }
        for tier in &doc.tiers {
            let item = || Item::Tier(tier.id.clone());
            for summary in &tier.summaries {
                self.placeholders(item(), &summary.text);
            }
            if tier
                .summaries
                .last()
                .is_some_and(|last| last.duties.is_some() || last.basis.is_some())
            {
                self.push(item(), Problem::LastSummaryConditional);
            }
        }
    }

    fn known_tier(&mut self, item: Item, tier: Option<&str>, index: &Index) {
        if let Some(tier) = tier
            && !index.tiers.contains_key(tier)
        {
            self.push(item, Problem::UnknownTier(tier.to_owned()));
        }
    }

    fn placeholders(&mut self, item: Item, text: &str) {
        for name in placeholders(text) {
            if !PLACEHOLDERS.contains(&name) {
                self.push(item.clone(), Problem::UnknownPlaceholder(name.to_owned()));
            }
        }
    }

    /// An answer edit names a question and options it has, and a value
    /// that fits it.
    fn edit(&mut self, item: Item, edit: &AnswerEdit, doc: &QuestionnaireDoc, index: &Index) {
        let question_id = match edit {
            AnswerEdit::Untick { question, .. } | AnswerEdit::Set { question, .. } => question,
        };
        let Some(question) = index.questions.get(question_id).map(|&i| &doc.questions[i]) else {
            self.push(item, Problem::UnknownQuestion(question_id.clone()));
            return;
        };
        let reason = match edit {
            AnswerEdit::Untick { .. } if question.kind != QuestionKind::MultiChoice => {
                Some("`untick` needs a multi_choice question".to_owned())
            }
            AnswerEdit::Untick { option, .. } if question.option(option).is_none() => {
                Some(format!("unknown option `{option}`"))
            }
            AnswerEdit::Untick { .. } => None,
            AnswerEdit::Set { value, .. } => Answer::checked(question, value)
                .err()
                .map(|problem| problem.to_string()),
        };
        if let Some(reason) = reason {
            self.push(
                item,
                Problem::BadEdit {
                    question: question_id.clone(),
                    reason,
                },
            );
        }
    }

    /// Date rules name known milestones, and no rule without a condition
    /// hides the ones after it (those of a schedule that follows, too).
    fn dates(&mut self, item: Item, rules: &[DateRule], scheduled: bool, index: &Index) {
        for rule in rules {
            if !index.milestones.contains_key(&rule.milestone) {
                self.push(
                    item.clone(),
                    Problem::UnknownMilestone(rule.milestone.clone()),
                );
            }
        }
        let read_after = if scheduled {
            rules.len()
        } else {
            rules.len().saturating_sub(1)
        };
        if let Some(position) = rules.iter().position(|rule| rule.when.is_none())
            && position < read_after
        {
            self.push(
                item,
                Problem::DatesAfterUnconditional {
                    position: position + 1,
                },
            );
        }
    }
}

fn qualifier_name(kind: QualifierKind) -> &'static str {
    match kind {
        QualifierKind::Exemption => "exemption",
        QualifierKind::Hold => "hold",
        QualifierKind::Deadline => "deadline",
        QualifierKind::FromChange => "from_change",
        QualifierKind::ForNow => "for_now",
        QualifierKind::Partial => "partial",
    }
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Looks things up while checking conditions.
struct Context<'a> {
    doc: &'a QuestionnaireDoc,
    index: &'a Index,
    names: &'a NameIndex,
}

/// A node in the graph of findings, roles and named conditions that refer
/// to each other.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Derived {
    Finding(usize),
    Role(usize),
    Condition(usize),
}

impl<'a> Context<'a> {
    fn question(&self, id: &str) -> Option<&'a Question> {
        self.index
            .questions
            .get(id)
            .map(|&i| &self.doc.questions[i])
    }

    /// Problems with one condition, on its own.
    fn check(&self, condition: &Condition) -> Vec<Problem> {
        let mut problems = Vec::new();
        self.check_into(condition, &mut problems);
        problems
    }

    fn check_into(&self, condition: &Condition, problems: &mut Vec<Problem>) {
        let wrong = |operator, question: &Question, hint| Problem::WrongOperator {
            operator,
            question: question.id.clone(),
            kind: question.kind.name(),
            hint,
        };
        match condition {
            Condition::All(children) | Condition::Any(children) => {
                if children.is_empty() {
                    let name = if matches!(condition, Condition::All(_)) {
                        "all"
                    } else {
                        "any"
                    };
                    problems.push(Problem::EmptyCombinator(name));
                }
                for child in children {
                    self.check_into(child, problems);
                }
            }
            Condition::Not(inner) | Condition::Possibly(inner) => self.check_into(inner, problems),
            Condition::Equals { question, value } => {
                let Some(target) = self.question(question) else {
                    problems.push(Problem::UnknownQuestion(question.clone()));
                    return;
                };
                if value == NOT_SURE {
                    if !target.allow_not_sure {
                        problems.push(Problem::NotSureNotOffered {
                            question: question.clone(),
                        });
                    }
                    return;
                }
                match target.kind {
                    QuestionKind::YesNo | QuestionKind::SingleChoice => {
                        if !target.option_ids().any(|id| id == value) {
                            problems.push(Problem::UnknownOption {
                                question: question.clone(),
                                option: value.clone(),
                            });
                        }
                    }
                    QuestionKind::Text => {}
                    QuestionKind::MultiChoice => problems.push(wrong(
                        "equals",
                        target,
                        "use `includes` (or `equals` with \"not_sure\")",
                    )),
                    QuestionKind::Number => {
                        problems.push(wrong("equals", target, "use `compare` with op \"eq\""))
                    }
                }
            }
            Condition::Includes { question, option } => {
                let Some(target) = self.question(question) else {
                    problems.push(Problem::UnknownQuestion(question.clone()));
                    return;
                };
                if target.kind != QuestionKind::MultiChoice {
                    problems.push(wrong("includes", target, "use `equals`"));
                } else if target.option(option).is_none() {
                    problems.push(Problem::UnknownOption {
                        question: question.clone(),
                        option: option.clone(),
                    });
                }
            }
            Condition::Answered(question) => {
                if self.question(question).is_none() {
                    problems.push(Problem::UnknownQuestion(question.clone()));
                }
            }
            Condition::Compare { question, .. } => {
                let Some(target) = self.question(question) else {
                    problems.push(Problem::UnknownQuestion(question.clone()));
                    return;
                };
                if target.kind != QuestionKind::Number {
                    problems.push(wrong(
                        "compare",
                        target,
                        "`compare` works on number questions only",
                    ));
                }
            }
            Condition::Finding(id) => {
                if !self.index.findings.contains_key(id) {
                    problems.push(Problem::UnknownFinding(id.clone()));
                }
            }
            Condition::Role(id) => {
                if !self.index.roles.contains_key(id) {
                    problems.push(Problem::UnknownRole(id.clone()));
                }
            }
            Condition::Named(id) => {
                if !self.names.conditions.contains_key(id) {
                    problems.push(Problem::UnknownCondition(id.clone()));
                }
            }
        }
    }

    /// Per named condition: whether anything in the questionnaire uses it,
    /// directly or through other named conditions.
    fn used_names(&self) -> Vec<bool> {
        let doc = self.doc;
        let mut used = vec![false; doc.conditions.len()];
        let mut pending: Vec<&Condition> = doc.item_conditions().collect();
        while let Some(condition) = pending.pop() {
            condition.visit_references(&mut |reference| {
                if let Reference::Condition(id) = reference
                    && let Some(&i) = self.names.conditions.get(id)
                    && !used[i]
                {
                    used[i] = true;
                    pending.push(&doc.conditions[i].when);
                }
            });
        }
        used
    }

    fn derived_condition(&self, node: Derived) -> &'a Condition {
        match node {
            Derived::Finding(i) => &self.doc.findings[i].when,
            Derived::Role(i) => &self.doc.roles[i].when,
            Derived::Condition(i) => &self.doc.conditions[i].when,
        }
    }

    fn derived_item(&self, node: Derived) -> (Item, String) {
        match node {
            Derived::Finding(i) => {
                let id = &self.doc.findings[i].id;
                (Item::Finding(id.clone()), format!("finding `{id}`"))
            }
            Derived::Role(i) => {
                let id = &self.doc.roles[i].id;
                (Item::Role(id.clone()), format!("role `{id}`"))
            }
            Derived::Condition(i) => {
                let id = &self.doc.conditions[i].id;
                (Item::Condition(id.clone()), format!("condition `{id}`"))
            }
        }
    }

    /// The finding, role or named condition a reference names, if any.
    fn derived(&self, reference: Reference) -> Option<Derived> {
        match reference {
            Reference::Finding(id) => self.index.findings.get(id).map(|&i| Derived::Finding(i)),
            Reference::Role(id) => self.index.roles.get(id).map(|&i| Derived::Role(i)),
            Reference::Condition(id) => self
                .names
                .conditions
                .get(id)
                .map(|&i| Derived::Condition(i)),
            Reference::Question(_) => None,
        }
    }

    /// The findings, roles and named conditions a condition refers to directly.
    fn derived_in(&self, condition: &Condition, out: &mut Vec<Derived>) {
        condition.visit_references(&mut |reference| out.extend(self.derived(reference)));
    }

    /// Each cycle among findings, roles and named conditions, once, as
    /// (where it was found, the path).
    fn cycles(&self) -> Vec<(Item, String)> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        let nodes: Vec<Derived> = (0..self.doc.findings.len())
            .map(Derived::Finding)
            .chain((0..self.doc.roles.len()).map(Derived::Role))
            .chain((0..self.doc.conditions.len()).map(Derived::Condition))
            .collect();
        let mut marks: HashMap<Derived, Mark> = nodes.iter().map(|&n| (n, Mark::New)).collect();
        let mut cycles = Vec::new();
        for &start in &nodes {
            if marks[&start] != Mark::New {
                continue;
            }
            // Iterative depth-first search keeping the open path, so that a
            // cycle can be reported as the path that closes it.
            let mut path: Vec<(Derived, Vec<Derived>)> = Vec::new();
            let mut next = Vec::new();
            self.derived_in(self.derived_condition(start), &mut next);
            marks.insert(start, Mark::Open);
            path.push((start, next));
            while let Some((node, pending)) = path.last_mut() {
                let node = *node;
                match pending.pop() {
                    Some(child) => match marks[&child] {
                        Mark::New => {
                            let mut children = Vec::new();
                            self.derived_in(self.derived_condition(child), &mut children);
                            marks.insert(child, Mark::Open);
                            path.push((child, children));
                        }
                        Mark::Open => {
                            let from = path.iter().position(|(n, _)| *n == child).unwrap_or(0);
                            let mut names: Vec<String> = path[from..]
                                .iter()
                                .map(|(n, _)| self.derived_item(*n).1)
                                .collect();
                            names.push(self.derived_item(child).1);
                            cycles.push((self.derived_item(child).0, names.join(" → ")));
                        }
                        Mark::Done => {}
                    },
                    None => {
                        marks.insert(node, Mark::Done);
                        path.pop();
                    }
                }
            }
        }
        cycles
    }

    /// Calls `found(id, position)` for every question a condition depends
    /// on, through the findings, roles and named conditions it refers to.
    fn questions_behind(
        &self,
        condition: &'a Condition,
        seen: &mut HashSet<Derived>,
        found: &mut impl FnMut(&'a str, usize),
    ) {
        let mut derived = Vec::new();
        condition.visit_references(&mut |reference| match reference {
            Reference::Question(id) => {
                if let Some(&i) = self.index.questions.get(id) {
                    found(id, i);
                }
            }
            other => derived.extend(self.derived(other)),
        });
        for node in derived {
            if seen.insert(node) {
                self.questions_behind(self.derived_condition(node), seen, found);
            }
        }
    }
}
