//! Legal references: one grammar everywhere in the data.
//!
//! ```text
//! art:5(1)(a)   art:50(4)   art:5(1)(ba)   annex:III(4)(a)   annex:III(2)
//! annex:I(A)    annex:I(A)(11)   annex:XIII(a)   recital:53
//! ```
//!
//! A reference is stored as written (so it round-trips byte for byte) and
//! parsed on demand; the questionnaire validator rejects malformed ones at
//! load time, naming the item that carries them.

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Highest article number in Regulation (EU) 2024/1689.
const LAST_ARTICLE: u32 = 113;
/// Highest annex number (Annex XIII).
const LAST_ANNEX: u32 = 13;
/// Highest recital number.
const LAST_RECITAL: u32 = 180;

/// A legal reference as written in the questionnaire, e.g. `art:5(1)(a)`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LegalRef(String);

/// What a reference points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Article,
    Annex,
    Recital,
}

/// The kind of provision a verdict's headline rests on, read from its
/// legal reference (one place: [`ParsedRef::basis_kind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BasisKind {
    /// A banned practice: `art:5(...)`.
    Article5,
    /// A listed high-risk use: `annex:III(...)`.
    AnnexIii,
    /// A product under the Annex I, Section A laws: `annex:I(A...)`.
    #[serde(rename = "annex_i_a")]
    AnnexIA,
    /// A product under the Annex I, Section B laws: `annex:I(B...)`.
    #[serde(rename = "annex_i_b")]
    AnnexIB,
    /// A condition of the Article 6(3) exemption: `art:6(3)(...)`.
    #[serde(rename = "article6_3")]
    Article6Exemption,
    /// A transparency duty: `art:50(...)`.
    Article50,
    /// A general-purpose AI model: `art:3(63)`, `art:53`, `art:54`.
    Gpai,
    /// A model with systemic risk: `art:51`, `art:52`, `art:55`.
    GpaiSystemic,
    /// An exclusion from the Act: `art:2(...)`.
    Exclusion,
    /// The definition of an AI system: `art:3(1)`.
    Definition,
}

/// A reference taken apart: `annex:III(4)(a)` is `Annex`, `"III"`, `["4", "a"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedRef {
    pub kind: RefKind,
    pub number: String,
    pub parts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RefError {
    #[error("expected `art:`, `annex:` or `recital:` before the number")]
    UnknownKind,
    #[error("missing the article, annex or recital number")]
    MissingNumber,
    #[error("`{0}` is not an article number (1 to {LAST_ARTICLE})")]
    BadArticle(String),
    #[error("`{0}` is not an annex number (Roman numerals I to XIII)")]
    BadAnnex(String),
    #[error("`{0}` is not a recital number (1 to {LAST_RECITAL})")]
    BadRecital(String),
    #[error("a recital has no paragraphs or points")]
    RecitalWithParts,
    #[error("unbalanced brackets")]
    Brackets,
    #[error(
        "`({0})` is not a paragraph, point or section (digits, lower-case letters, or one capital for an Annex I section)"
    )]
    BadPart(String),
}

impl LegalRef {
    pub fn new(text: impl Into<String>) -> Self {
        Self(text.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn parse(&self) -> Result<ParsedRef, RefError> {
        parse(&self.0)
    }

    /// Human label: "Article 5(1)(a)", "Annex III, point 4(a)", "Recital 53".
    /// Falls back to the raw text for a reference that does not parse, which
    /// only happens on data that has not been through validation.
    pub fn label(&self) -> String {
        self.parse()
            .map(|parsed| parsed.label())
            .unwrap_or_else(|_| self.0.clone())
    }

    /// Link to the provision in the official text at `base` (an EUR-Lex page
    /// whose anchors follow the Official Journal: `art_5`, `anx_III`, `rct_53`).
    pub fn url(&self, base: &str) -> String {
        match self.parse() {
            Ok(parsed) => format!("{base}#{}", parsed.anchor()),
            Err(_) => base.to_owned(),
        }
    }
}

impl fmt::Display for LegalRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// "(4)(a)": each part in brackets.
fn brackets(parts: &[String]) -> String {
    parts.iter().map(|part| format!("({part})")).collect()
}

impl ParsedRef {
    pub fn label(&self) -> String {
        match self.kind {
            RefKind::Article => format!("Article {}{}", self.number, brackets(&self.parts)),
            RefKind::Recital => format!("Recital {}", self.number),
            RefKind::Annex => {
                let mut label = format!("Annex {}", self.number);
                let mut parts = self.parts.as_slice();
                if let Some((section, rest)) = parts.split_first()
                    && is_section(section)
                {
                    label.push_str(&format!(", Section {section}"));
                    parts = rest;
                }
                match parts.split_first() {
                    None => {}
                    // "point 4(a)": a numbered point is written bare, its sub-points in brackets.
                    Some((point, rest)) if point.starts_with(|c: char| c.is_ascii_digit()) => {
                        label.push_str(&format!(", point {point}{}", brackets(rest)));
                    }
                    // "point (a)": a lettered point is written in brackets.
                    Some(_) => label.push_str(&format!(", point {}", brackets(parts))),
                }
                label
            }
        }
    }

    /// Short label for a headline: "Art 5(1)(f)", "Annex III 4(a)",
    /// "Annex I(A)", "Recital 53".
    pub fn short_label(&self) -> String {
        match self.kind {
            RefKind::Article => format!("Art {}{}", self.number, brackets(&self.parts)),
            RefKind::Recital => format!("Recital {}", self.number),
            RefKind::Annex => match self.parts.split_first() {
                None => format!("Annex {}", self.number),
                Some((section, _)) if is_section(section) => {
                    format!("Annex {}{}", self.number, brackets(&self.parts))
                }
                Some((point, rest)) if point.starts_with(|c: char| c.is_ascii_digit()) => {
                    format!("Annex {} {point}{}", self.number, brackets(rest))
                }
                Some(_) => format!("Annex {} {}", self.number, brackets(&self.parts)),
            },
        }
    }

    /// What kind of provision puts a system in a tier, if this reference
    /// is one (see [`BasisKind`]).
    pub fn basis_kind(&self) -> Option<BasisKind> {
        let first = self.parts.first().map(String::as_str);
        match (self.kind, self.number.as_str(), first) {
            (RefKind::Article, "5", _) => Some(BasisKind::Article5),
            (RefKind::Article, "6", Some("3")) => Some(BasisKind::Article6Exemption),
            (RefKind::Article, "50", _) => Some(BasisKind::Article50),
            (RefKind::Article, "51" | "52" | "55", _) => Some(BasisKind::GpaiSystemic),
            (RefKind::Article, "53" | "54", _) | (RefKind::Article, "3", Some("63")) => {
                Some(BasisKind::Gpai)
            }
            (RefKind::Article, "2", _) => Some(BasisKind::Exclusion),
            (RefKind::Article, "3", Some("1")) => Some(BasisKind::Definition),
            (RefKind::Annex, "III", _) => Some(BasisKind::AnnexIii),
            (RefKind::Annex, "I", Some("A")) => Some(BasisKind::AnnexIA),
            (RefKind::Annex, "I", Some("B")) => Some(BasisKind::AnnexIB),
            _ => None,
        }
    }

    fn anchor(&self) -> String {
        match self.kind {
            RefKind::Article => format!("art_{}", self.number),
            RefKind::Annex => format!("anx_{}", self.number),
            RefKind::Recital => format!("rct_{}", self.number),
        }
    }
}

fn is_section(part: &str) -> bool {
    part.len() == 1 && part.chars().all(|c| c.is_ascii_uppercase())
}

fn parse(text: &str) -> Result<ParsedRef, RefError> {
    let (kind, rest) = if let Some(rest) = text.strip_prefix("art:") {
        (RefKind::Article, rest)
    } else if let Some(rest) = text.strip_prefix("annex:") {
        (RefKind::Annex, rest)
    } else if let Some(rest) = text.strip_prefix("recital:") {
        (RefKind::Recital, rest)
    } else {
        return Err(RefError::UnknownKind);
    };
    let head_end = rest.find(['(', ')']).unwrap_or(rest.len());
    let (number, mut tail) = rest.split_at(head_end);
    if number.is_empty() {
        return Err(RefError::MissingNumber);
    }
    match kind {
        RefKind::Article => check_arabic(number, LAST_ARTICLE, true)
            .ok_or_else(|| RefError::BadArticle(number.to_owned()))?,
        RefKind::Recital => check_arabic(number, LAST_RECITAL, false)
            .ok_or_else(|| RefError::BadRecital(number.to_owned()))?,
        RefKind::Annex => match roman_value(number) {
            Some(value) if (1..=LAST_ANNEX).contains(&value) => {}
            _ => return Err(RefError::BadAnnex(number.to_owned())),
        },
    }
    let mut parts = Vec::new();
    while !tail.is_empty() {
        let inner = tail.strip_prefix('(').ok_or(RefError::Brackets)?;
        let close = inner.find(')').ok_or(RefError::Brackets)?;
        let part = &inner[..close];
        if part.contains('(') {
            return Err(RefError::Brackets);
        }
        if !is_valid_part(part, kind, parts.is_empty()) {
            return Err(RefError::BadPart(part.to_owned()));
        }
        parts.push(part.to_owned());
        tail = &inner[close + 1..];
    }
    if kind == RefKind::Recital && !parts.is_empty() {
        return Err(RefError::RecitalWithParts);
    }
    Ok(ParsedRef {
        kind,
        number: number.to_owned(),
        parts,
    })
}

/// `5`, `113`, and for articles a letter suffix such as `5a` (inserted articles).
fn check_arabic(number: &str, last: u32, letter_suffix: bool) -> Option<()> {
    let digits_end = number
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(number.len());
    let (digits, suffix) = number.split_at(digits_end);
    let value: u32 = digits.parse().ok()?;
    let suffix_ok = suffix.is_empty()
        || (letter_suffix && suffix.len() <= 2 && suffix.chars().all(|c| c.is_ascii_lowercase()));
    ((1..=last).contains(&value) && suffix_ok && !digits.starts_with('0')).then_some(())
}

/// Paragraphs `1`, `1a`; points `a`, `ba`, `iii`; and, first in an annex, a section `A`.
fn is_valid_part(part: &str, kind: RefKind, first: bool) -> bool {
    if part.is_empty() || part.len() > 6 {
        return false;
    }
    if kind == RefKind::Annex && first && is_section(part) {
        return true;
    }
    let digits_end = part
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(part.len());
    let (digits, letters) = part.split_at(digits_end);
    !digits.starts_with('0') && letters.chars().all(|c| c.is_ascii_lowercase())
}

fn roman_value(numeral: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let values: Vec<u32> = numeral.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, value) in values.iter().enumerate() {
        match values.get(i + 1) {
            Some(next) if next > value => total -= *value as i64,
            _ => total += *value as i64,
        }
    }
    let total = u32::try_from(total).ok()?;
    // Only the canonical spelling: "IIII" or "IIV" are not annex numbers.
    (to_roman(total) == numeral).then_some(total)
}

fn to_roman(mut value: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (amount, letters) in TABLE {
        while value >= amount {
            out.push_str(letters);
            value -= amount;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(text: &str) -> String {
        LegalRef::new(text)
            .parse()
            .map(|p| p.label())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn renders_the_labels_the_app_shows() {
        let cases = [
            ("art:5(1)(a)", "Article 5(1)(a)"),
            ("art:6(3)(d)", "Article 6(3)(d)"),
            ("art:50(4)", "Article 50(4)"),
            ("art:5(1)(h)(iii)", "Article 5(1)(h)(iii)"),
            ("art:5(1)(ba)", "Article 5(1)(ba)"),
            ("art:113", "Article 113"),
            ("annex:III(4)(a)", "Annex III, point 4(a)"),
            ("annex:III(2)", "Annex III, point 2"),
            ("annex:III", "Annex III"),
            ("annex:I(A)", "Annex I, Section A"),
            ("annex:I(B)(13)", "Annex I, Section B, point 13"),
            ("annex:XIII(a)", "Annex XIII, point (a)"),
            ("recital:53", "Recital 53"),
        ];
        for (text, expected) in cases {
            assert_eq!(label(text), expected, "{text}");
        }
    }

    #[test]
    fn short_labels_and_basis_kinds() {
        let short = |text: &str| {
            LegalRef::new(text)
                .parse()
                .map(|p| (p.short_label(), p.basis_kind()))
        };
        let both = [
            ("art:5(1)(f)", "Art 5(1)(f)", Some(BasisKind::Article5)),
            (
                "annex:III(4)(a)",
                "Annex III 4(a)",
                Some(BasisKind::AnnexIii),
            ),
            ("annex:I(B)(13)", "Annex I(B)(13)", Some(BasisKind::AnnexIB)),
            ("annex:I(A)", "Annex I(A)", Some(BasisKind::AnnexIA)),
            (
                "art:6(3)(a)",
                "Art 6(3)(a)",
                Some(BasisKind::Article6Exemption),
            ),
            ("art:50(1)", "Art 50(1)", Some(BasisKind::Article50)),
            ("recital:53", "Recital 53", None),
        ];
        for (text, label, kind) in both {
            assert_eq!(short(text), Ok((label.into(), kind)), "{text}");
        }
        let kinds = [
            ("art:3(63)", Some(BasisKind::Gpai)),
            ("art:51(1)(a)", Some(BasisKind::GpaiSystemic)),
            ("art:2(8)", Some(BasisKind::Exclusion)),
            ("art:3(1)", Some(BasisKind::Definition)),
            ("art:6(2)", None),
        ];
        for (text, kind) in kinds {
            assert_eq!(short(text).map(|s| s.1), Ok(kind), "{text}");
        }
        assert_eq!(
            short("annex:XIII(a)").map(|s| s.0),
            Ok("Annex XIII (a)".into())
        );
    }

    #[test]
    fn links_point_at_the_provision_in_the_official_text() {
        let base = "https://eur-lex.europa.eu/eli/reg/2024/1689/oj/eng";
        assert_eq!(
            LegalRef::new("art:5(1)(a)").url(base),
            format!("{base}#art_5")
        );
        assert_eq!(
            LegalRef::new("annex:III(4)(a)").url(base),
            format!("{base}#anx_III")
        );
        assert_eq!(
            LegalRef::new("recital:53").url(base),
            format!("{base}#rct_53")
        );
    }

    #[test]
    fn rejects_malformed_references_with_a_reason() {
        let cases = [
            ("article:5", RefError::UnknownKind),
            ("art:", RefError::MissingNumber),
            ("art:0", RefError::BadArticle("0".into())),
            ("art:114", RefError::BadArticle("114".into())),
            ("art:5(1", RefError::Brackets),
            ("art:5(1))", RefError::Brackets),
            ("art:5 (1)", RefError::BadArticle("5 ".into())),
            ("art:5(A)", RefError::BadPart("A".into())),
            ("art:5()", RefError::BadPart("".into())),
            ("annex:IIII", RefError::BadAnnex("IIII".into())),
            ("annex:XIV", RefError::BadAnnex("XIV".into())),
            ("annex:3", RefError::BadAnnex("3".into())),
            ("recital:53(a)", RefError::RecitalWithParts),
            ("recital:181", RefError::BadRecital("181".into())),
        ];
        for (text, reason) in cases {
            assert_eq!(LegalRef::new(text).parse().err(), Some(reason), "{text}");
        }
    }

    #[test]
    fn an_unparsed_reference_still_has_a_label() {
        assert_eq!(LegalRef::new("nonsense").label(), "nonsense");
    }
}
