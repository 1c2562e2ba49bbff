//! The questionnaire as it is written in JSON (see `docs/questionnaire-format.md`).
//!
//! These types are plain data. [`crate::Questionnaire`] wraps them once they
//! have passed validation, and only a validated questionnaire reaches the engine.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::answer::AnswerValue;
use crate::outcome::DutyState;
use crate::refs::{BasisKind, LegalRef};

/// The reserved answer value for "not sure". No option may use this id.
pub const NOT_SURE: &str = "not_sure";
/// The options every yes/no question has.
pub const YES: &str = "yes";
pub const NO: &str = "no";

/// The questionnaire format version this program reads.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireDoc {
    /// Editors use this to find the JSON Schema; the program ignores it.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// A note for authors and reviewers; the program never shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub format: u32,
    pub id: String,
    pub version: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub legal_basis: LegalBasis,
    /// Headline tiers, highest precedence first.
    pub tiers: Vec<Tier>,
    #[serde(default)]
    pub roles: Vec<Role>,
    pub sections: Vec<Section>,
    /// Conditions written once and used by name (`{"condition": "id"}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<NamedCondition>,
    pub questions: Vec<Question>,
    pub findings: Vec<Finding>,
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// Timetables written once and used by name (an obligation's `schedule`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schedules: Vec<Schedule>,
    #[serde(default)]
    pub obligations: Vec<Obligation>,
}

impl QuestionnaireDoc {
    /// The conditions written on questions, findings, roles, obligations
    /// (their date rules included) and schedules: every place a named
    /// condition can be used from, the named conditions' own excepted.
    pub fn item_conditions(&self) -> impl Iterator<Item = &Condition> {
        let rules = self
            .obligations
            .iter()
            .flat_map(|o| &o.applies_from)
            .chain(self.schedules.iter().flat_map(|s| &s.applies_from));
        self.questions
            .iter()
            .filter_map(|q| q.when.as_ref())
            .chain(self.findings.iter().map(|f| &f.when))
            .chain(self.roles.iter().map(|r| &r.when))
            .chain(self.obligations.iter().filter_map(|o| o.when.as_ref()))
            .chain(rules.filter_map(|rule| rule.when.as_ref()))
    }
}

/// Which law the questionnaire reflects, and as of when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// E.g. "Regulation (EU) 2024/1689 (Artificial Intelligence Act)".
    pub act: String,
    #[serde(default)]
    pub amended_by: Vec<Amendment>,
    /// The date the content was last checked against the law.
    pub as_of: Date,
    /// The official text; legal references link to anchors on this page.
    pub official_text_url: String,
    /// Caveats about the legal basis that every report must repeat.
    #[serde(default)]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    pub act: String,
    #[serde(default)]
    pub status: Certainty,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Whether a piece of legal content was checked against the official text
/// or only reported by secondary sources. The app shows the difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    #[default]
    Verified,
    Reported,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub id: String,
    /// A note for authors and reviewers; the program never shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub label: String,
    pub summary: String,
    /// The tier given when no finding with a tier holds (exactly one tier has it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub default: bool,
    /// Whether the tier is a level of the risk pyramid (prohibited, high,
    /// transparency, minimal) rather than an outcome outside it (not an AI
    /// system, out of scope).
    #[serde(default, skip_serializing_if = "is_false")]
    pub in_pyramid: bool,
    /// The tier lifts duties rather than adding them (not an AI system, out
    /// of scope). Such a tier becomes the headline only when it holds for
    /// sure: a provisional exemption cannot be relied on.
    #[serde(default, skip_serializing_if = "is_false")]
    pub exempts: bool,
    /// The headline's sentence about the user's duties under this tier,
    /// by where they stand: read in order, the first that fits is said
    /// (the last fits always). Without it, `summary` or a sentence of the
    /// program's (see `docs/questionnaire-format.md`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub summaries: Vec<TierSummary>,
    /// Said, as the headline tier, of findings of other tiers that bring no
    /// duty under it (a listed high-risk use beside a ban).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context_sentence: Option<String>,
}

/// One sentence of a tier's `summaries`, said when its conditions fit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierSummary {
    /// Only when the user's duties under the result stand so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duties: Option<DutyState>,
    /// Only when the result rests on a provision of this kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<BasisKind>,
    /// The sentence, with placeholders (`{count}`, `{date}`, ...).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub id: String,
    /// A note for authors and reviewers; the program never shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default)]
    pub refs: Vec<LegalRef>,
    /// The role holds when this holds.
    pub when: Condition,
    /// Who holds the role, named for a user who does not ("Deployers (your
    /// customers)"), over the duties of others in the chain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_other: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    /// A note for authors and reviewers; the program never shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub intro: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// A note for authors and reviewers; the program never shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub section: String,
    pub kind: QuestionKind,
    pub text: String,
    #[serde(default)]
    pub help: Help,
    #[serde(default)]
    pub refs: Vec<LegalRef>,
    /// The options of a single- or multiple-choice question. Yes/no
    /// questions have the implicit options `yes` and `no`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<ChoiceOption>,
    /// Bounds and unit of a number question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Longest accepted answer to a text question, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// Asked only when this holds (or might hold, after a "not sure").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// Offer "not sure" as an answer (choice and number questions).
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_not_sure: bool,
    /// What to check when the user answers "not sure".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub if_not_sure: Option<String>,
    /// One line for "What this result turns on", shown when another answer
    /// to this question would change the result: why the call is hard and
    /// how to check it. Without it, `if_not_sure` is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub if_decisive: Option<String>,
    /// A verdict can be given without an answer (free-text context, say).
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// Not asked when it is not needed: when, on the answers before it, no
    /// answer to it (nor what it would open) can change the result. See
    /// `docs/questionnaire-format.md#questions-not-needed`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub skip_if_not_needed: bool,
    /// Where the law behind this question is unsettled or only reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
}

impl Question {
    /// The option ids a choice answer may take, `yes`/`no` included for
    /// yes/no questions; `not_sure` is not among them.
    pub fn option_ids(&self) -> impl Iterator<Item = &str> {
        let implicit: &[&str] = match self.kind {
            QuestionKind::YesNo => &[YES, NO],
            _ => &[],
        };
        implicit
            .iter()
            .copied()
            .chain(self.options.iter().map(|option| option.id.as_str()))
    }

    pub fn option(&self, id: &str) -> Option<&ChoiceOption> {
        self.options.iter().find(|option| option.id == id)
    }

    /// The label the user saw for an option id (`yes` is "Yes").
    pub fn option_label<'a>(&'a self, id: &'a str) -> &'a str {
        match (self.kind, id) {
            (_, NOT_SURE) => "Not sure",
            (QuestionKind::YesNo, YES) => "Yes",
            (QuestionKind::YesNo, NO) => "No",
            _ => self.option(id).map_or(id, |option| option.label.as_str()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    YesNo,
    SingleChoice,
    /// Several options at once; an option marked `exclusive` ("none of
    /// these") cannot be combined with the others.
    MultiChoice,
    Number,
    Text,
}

impl QuestionKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::YesNo => "yes_no",
            Self::SingleChoice => "single_choice",
            Self::MultiChoice => "multi_choice",
            Self::Number => "number",
            Self::Text => "text",
        }
    }

    pub fn is_choice(self) -> bool {
        matches!(self, Self::YesNo | Self::SingleChoice | Self::MultiChoice)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub id: String,
    /// A note for authors and reviewers; the program never shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<LegalRef>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub exclusive: bool,
    /// Where the law behind this option is unsettled or only reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
}

/// A plain explanation, with examples on each side of the line the law draws.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Help {
    #[serde(default)]
    pub explanation: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples_in: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples_out: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    pub id: String,
    /// A note for authors and reviewers; the program never shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub title: String,
    /// The rule, in plain words: true whether or not the finding holds.
    pub explanation: String,
    /// What it means for this user, said after the explanation only when
    /// the finding holds for sure ("On your answers your system ...").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub if_holds: Option<String>,
    #[serde(default)]
    pub refs: Vec<LegalRef>,
    /// The headline tier this finding puts the system in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    pub when: Condition,
    /// What to check if the finding is provisional because of a "not sure".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_check: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
    /// A step towards other findings, named in their conditions but not
    /// shown in the verdict itself.
    #[serde(default, skip_serializing_if = "is_false")]
    pub internal: bool,
    /// A step every verdict within the Act passes through ("it is an AI
    /// system", "the Act applies"): shown folded, and its answers are not
    /// repeated as reasons of the findings that rest on it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub gate: bool,
    /// The provision by which this finding puts the system in a tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<BasisSpec>,
    /// How this finding changes what the tier means for the user: an
    /// exemption, a hold, a deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifies: Option<QualifierSpec>,
    /// Duties of other actors in the chain that the finding's text names:
    /// listed as theirs when the user does not hold them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentions: Vec<String>,
}

/// The provision a finding puts the system in a tier by.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasisSpec {
    /// `annex:III(4)(a)`; its kind ([`BasisKind`]) is read from it.
    #[serde(rename = "ref")]
    pub reference: LegalRef,
    /// The tier it supports; the finding's own tier if left out. Neither:
    /// a condition shown with the qualifier that rests on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// A short title for the headline ("recruitment and selection"); the
    /// finding's title if left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// How a finding changes what the headline tier means for the user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualifierSpec {
    pub kind: QualifierKind,
    /// For an exemption, the tier it lifts; for a hold, a deadline or a
    /// change, the tier whose duties it times. Left out: any tier that
    /// brings duties.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// Added to the headline's title: "duties on hold".
    pub title: String,
    /// Opens the headline's sentence; placeholders as in tier summaries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Said instead of `summary` when the finding rests on an answer the
    /// user was not sure of: the same facts as conditions, never as facts.
    /// Left out: the program puts the summary under a condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisional_summary: Option<String>,
    /// For a hold: the answers under which it ends, so that the verdict can
    /// say which duties it keeps back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lifted_by: Vec<AnswerEdit>,
    /// For "for now": the verdict for when it no longer holds (a launch).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub look_ahead: Option<LookAheadSpec>,
}

/// What a qualifier does to the headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QualifierKind {
    /// Lifts a tier (Article 6(3)): its basis stays the subject.
    Exemption,
    /// The tier's duties wait until something happens (Article 111(2)).
    Hold,
    /// The tier's duties must be met by a date (Article 111(2), 111(3)).
    Deadline,
    /// The tier's duties start with a change the user makes.
    FromChange,
    /// Outside the Act only for now (Article 2(8)).
    ForNow,
    /// Part of the duties lifted (an open-source release).
    Partial,
}

/// The verdict for when a "for now" finding no longer holds, from the
/// same answers with a few edited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LookAheadSpec {
    /// Its heading: "When you launch".
    pub label: String,
    /// What it assumes: "once the system is placed on the market".
    pub assumes: String,
    /// The edits that make the "for now" finding no longer hold.
    pub assume: Vec<AnswerEdit>,
    /// What the app offers before any answer for it: "Go on with the risk
    /// questions for when you launch?"
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offer: Option<String>,
}

/// A change to a copy of the answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum AnswerEdit {
    /// Removes an option from a multiple-choice answer; an answer left
    /// empty becomes the question's one exclusive option ("None of
    /// these"), or no answer if it has none.
    Untick { question: String, option: String },
    /// Sets an answer.
    Set {
        question: String,
        value: AnswerValue,
    },
}

/// A dated step of the timeline (Art. 113, Art. 111), shared by obligations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub id: String,
    /// A note for authors and reviewers; the program never shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub date: Date,
    pub title: String,
    /// Where the date comes from, in words ("Art. 113(b) as amended by ...").
    pub source: String,
    #[serde(default)]
    pub refs: Vec<LegalRef>,
    #[serde(default)]
    pub status: Certainty,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Notes for particular systems: the first whose `when` may hold
    /// (true, or resting on a "not sure") is shown instead of `note`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes_when: Vec<MilestoneNote>,
}

/// A milestone's note for the systems a condition picks out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneNote {
    pub when: Condition,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    pub id: String,
    /// A note for authors and reviewers; the program never shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub refs: Vec<LegalRef>,
    /// Arises when any of these findings holds (empty: regardless of findings).
    #[serde(default)]
    pub findings: Vec<String>,
    /// Falls on whoever holds any of these roles (empty: on every role).
    #[serde(default)]
    pub roles: Vec<String>,
    /// A further condition, if the findings and roles do not say it all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// When it applies: the first entry whose condition holds wins. Read
    /// before the `schedule`'s entries, if it names one.
    #[serde(default)]
    pub applies_from: Vec<DateRule>,
    /// A named timetable whose entries follow `applies_from`'s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
    #[serde(default, skip_serializing_if = "ObligationKind::is_duty")]
    pub kind: ObligationKind,
}

/// A duty the user must meet, or context that comes with duties (the
/// penalties that back them, say), shown apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObligationKind {
    #[default]
    Duty,
    Context,
}

impl ObligationKind {
    fn is_duty(&self) -> bool {
        *self == Self::Duty
    }
}

/// A condition with a name, written once and used in other conditions as
/// `{"condition": "id"}`, so that a guard is neither copied nor changed in
/// one place only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedCondition {
    pub id: String,
    /// A note for authors and reviewers; the program never shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    pub when: Condition,
}

/// A timetable with a name: date rules shared by the obligations that name it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub id: String,
    /// A note for authors and reviewers; the program never shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Read in order: the first entry whose condition holds wins; the last
    /// has no condition.
    pub applies_from: Vec<DateRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateRule {
    pub milestone: String,
    /// A note for authors and reviewers; the program never shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
}

/// A condition on answers, roles and findings. Structured, so that no
/// expression parser is needed and every reference can be checked on load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// The condition holds or might hold: true when it is true or unknown
    /// (after a "not sure"). For asking follow-up questions for sure.
    Possibly(Box<Condition>),
    /// A yes/no or single-choice answer is this option (or `not_sure`), or a
    /// text answer is this text.
    Equals {
        question: String,
        value: String,
    },
    /// A multiple-choice answer includes this option.
    Includes {
        question: String,
        option: String,
    },
    /// The question has been answered (a "not sure" counts).
    Answered(String),
    /// A number answer compares to a value.
    Compare {
        question: String,
        op: CompareOp,
        value: f64,
    },
    /// Another finding holds.
    Finding(String),
    /// The user holds this role.
    Role(String),
    /// A named condition holds (see [`NamedCondition`]).
    #[serde(rename = "condition")]
    Named(String),
}

/// Something a condition refers to by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reference<'a> {
    Question(&'a str),
    Finding(&'a str),
    Role(&'a str),
    /// A named condition. A loaded questionnaire has these written out.
    Condition(&'a str),
}

impl Condition {
    /// Calls `visit` for every question, finding, role and named condition
    /// this condition names directly (not through the ones it names).
    pub fn visit_references<'a>(&'a self, visit: &mut impl FnMut(Reference<'a>)) {
        match self {
            Self::All(children) | Self::Any(children) => {
                for child in children {
                    child.visit_references(visit);
                }
            }
            Self::Not(inner) | Self::Possibly(inner) => inner.visit_references(visit),
            Self::Equals { question, .. }
            | Self::Includes { question, .. }
            | Self::Compare { question, .. }
            | Self::Answered(question) => visit(Reference::Question(question)),
            Self::Finding(id) => visit(Reference::Finding(id)),
            Self::Role(id) => visit(Reference::Role(id)),
            Self::Named(id) => visit(Reference::Condition(id)),
        }
    }

    /// The references, each once, in the order they first appear.
    pub fn references(&self) -> Vec<Reference<'_>> {
        let mut found = Vec::new();
        self.visit_references(&mut |reference| {
            if !found.contains(&reference) {
                found.push(reference);
            }
        });
        found
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompareOp {
    Lt,
    Lte,
    Gt,
    Gte,
    Eq,
}

impl CompareOp {
    pub fn holds(self, left: f64, right: f64) -> bool {
        match self {
            Self::Lt => left < right,
            Self::Lte => left <= right,
            Self::Gt => left > right,
            Self::Gte => left >= right,
            Self::Eq => left == right,
        }
    }
}

fn is_false(value: &bool) -> bool {
    !value
}
