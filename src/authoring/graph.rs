//! The decision tree as a diagram, for `aiact questionnaire graph`:
//! Graphviz DOT or Mermaid. An arrow from A to B means "B depends on A":
//! a question asked only after some answer, a finding drawn from answers, a
//! tier given by a finding.

use std::fmt::Write;

use aiact_core::Questionnaire;
use aiact_core::model::{Condition, Reference};

use crate::report::written;

/// Graph output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// Graphviz: `dot -Tsvg tree.dot -o tree.svg`
    Dot,
    /// Mermaid: paste into a Markdown file on GitHub, or mermaid.live
    Mermaid,
}

/// Longest line in a node label, in characters.
const WRAP: usize = 38;
/// Longest question text shown in a node, in characters.
const MAX_TEXT: usize = 110;

#[derive(Clone, Copy, PartialEq)]
enum NodeKind {
    Question,
    Finding,
    Role,
    Tier,
}

struct Node {
    id: String,
    kind: NodeKind,
    label: Vec<String>,
}

/// Nodes grouped by section (questions) plus the rest, and the edges.
struct Diagram {
    title: String,
    sections: Vec<(String, Vec<Node>)>,
    others: Vec<Node>,
    /// (from, to, kind of the target)
    edges: Vec<(String, String, NodeKind)>,
}

pub fn render(questionnaire: &Questionnaire, format: GraphFormat) -> String {
    let diagram = Diagram::build(questionnaire);
    written(0, |out| diagram.write(out, format))
}

impl Diagram {
    fn build(q: &Questionnaire) -> Self {
        let node_id = |reference: Reference| -> Option<String> {
            match reference {
                Reference::Question(id) => q.question_position(id).map(|i| format!("q{i}")),
                Reference::Finding(id) => q
                    .findings()
                    .iter()
                    .position(|f| f.id == id)
                    .map(|i| format!("f{i}")),
                Reference::Role(id) => q
                    .roles()
                    .iter()
                    .position(|r| r.id == id)
                    .map(|i| format!("r{i}")),
                // A loaded questionnaire has its named conditions written
                // out, so arrows come from the questions, findings and
                // roles a name stands for.
                Reference::Condition(_) => None,
            }
        };
        let mut edges = Vec::new();
        let mut depend = |target: String, kind: NodeKind, condition: &Condition| {
            for reference in condition.references() {
                if let Some(source) = node_id(reference) {
                    edges.push((source, target.clone(), kind));
                }
            }
        };

        let mut sections: Vec<(String, Vec<Node>)> = q
            .sections()
            .iter()
            .map(|section| (section.title.clone(), Vec::new()))
            .collect();
        for (i, question) in q.questions().iter().enumerate() {
            let mut label = vec![question.id.clone()];
            label.extend(wrap(&shorten(&question.text, MAX_TEXT), WRAP));
            let node = Node {
                id: format!("q{i}"),
                kind: NodeKind::Question,
                label,
            };
            if let Some(position) = q.sections().iter().position(|s| s.id == question.section) {
                sections[position].1.push(node);
            }
            if let Some(condition) = &question.when {
                depend(format!("q{i}"), NodeKind::Question, condition);
            }
        }

        let mut others = Vec::new();
        let mut tier_edges = Vec::new();
        for (i, role) in q.roles().iter().enumerate() {
            others.push(Node {
                id: format!("r{i}"),
                kind: NodeKind::Role,
                label: vec![format!("Role: {}", role.label)],
            });
            depend(format!("r{i}"), NodeKind::Role, &role.when);
        }
        for (i, finding) in q.findings().iter().enumerate() {
            others.push(Node {
                id: format!("f{i}"),
                kind: NodeKind::Finding,
                label: wrap(&finding.title, WRAP),
            });
            depend(format!("f{i}"), NodeKind::Finding, &finding.when);
            if let Some(rank) = finding.tier.as_deref().and_then(|tier| q.tier_rank(tier)) {
                tier_edges.push((format!("f{i}"), format!("t{rank}"), NodeKind::Tier));
            }
        }
        for (rank, tier) in q.tiers().iter().enumerate() {
            others.push(Node {
                id: format!("t{rank}"),
                kind: NodeKind::Tier,
                label: vec![tier.label.to_uppercase()],
            });
        }
        edges.extend(tier_edges);
        edges.dedup();
        Self {
            title: format!("{} (version {})", q.title(), q.version()),
            sections,
            others,
            edges,
        }
    }

    fn write(&self, out: &mut String, format: GraphFormat) -> std::fmt::Result {
        format.write_head(out, &self.title)?;
        for (i, (title, nodes)) in self.sections.iter().enumerate() {
            writeln!(out, "  {}", format.section_start(i, title))?;
            for node in nodes {
                writeln!(out, "    {}", format.node(node))?;
            }
            writeln!(out, "  {}", format.section_end())?;
        }
        for node in &self.others {
            writeln!(out, "  {}", format.node(node))?;
        }
        for (from, to, kind) in &self.edges {
            writeln!(out, "  {}", format.edge(from, to, *kind))?;
        }
        format.write_tail(out)
    }
}

/// What the two languages write differently; [`Diagram::write`] walks the
/// diagram once for both.
impl GraphFormat {
    fn write_head(self, out: &mut String, title: &str) -> std::fmt::Result {
        match self {
            Self::Dot => {
                writeln!(out, "// Decision tree of {title}.")?;
                writeln!(
                    out,
                    "// An arrow from A to B: B depends on A. Render: dot -Tsvg tree.dot -o tree.svg"
                )?;
                writeln!(out, "digraph questionnaire {{")?;
                writeln!(
                    out,
                    "  graph [rankdir=LR, fontname=\"Helvetica\", label=\"{}\", labelloc=t];",
                    dot_escape(title)
                )?;
                writeln!(out, "  node [fontname=\"Helvetica\", fontsize=10];")
            }
            Self::Mermaid => {
                writeln!(out, "---")?;
                writeln!(out, "title: \"Decision tree of {}\"", mermaid_escape(title))?;
                writeln!(out, "---")?;
                writeln!(out, "flowchart LR")
            }
        }
    }

    /// The opening of a section's group (its lines after the first
    /// indented as the group's).
    fn section_start(self, i: usize, title: &str) -> String {
        match self {
            Self::Dot => format!(
                "subgraph cluster_s{i} {{\n    label=\"{}\"; style=rounded;",
                dot_escape(title)
            ),
            Self::Mermaid => format!("subgraph s{i}[\"{}\"]", mermaid_escape(title)),
        }
    }

    fn section_end(self) -> &'static str {
        match self {
            Self::Dot => "}",
            Self::Mermaid => "end",
        }
    }

    fn node(self, node: &Node) -> String {
        match self {
            Self::Dot => dot_node(node),
            Self::Mermaid => mermaid_node(node),
        }
    }

    /// An arrow to a node of `kind`: to a finding or a role dashed, to a
    /// tier bold.
    fn edge(self, from: &str, to: &str, kind: NodeKind) -> String {
        match (self, kind) {
            (Self::Dot, NodeKind::Question) => format!("{from} -> {to};"),
            (Self::Dot, NodeKind::Finding | NodeKind::Role) => {
                format!("{from} -> {to} [style=dashed];")
            }
            (Self::Dot, NodeKind::Tier) => format!("{from} -> {to} [penwidth=2];"),
            (Self::Mermaid, NodeKind::Question) => format!("{from} --> {to}"),
            (Self::Mermaid, NodeKind::Finding | NodeKind::Role) => format!("{from} -.-> {to}"),
            (Self::Mermaid, NodeKind::Tier) => format!("{from} ==> {to}"),
        }
    }

    fn write_tail(self, out: &mut String) -> std::fmt::Result {
        match self {
            Self::Dot => writeln!(out, "}}"),
            Self::Mermaid => Ok(()),
        }
    }
}

fn dot_node(node: &Node) -> String {
    let shape = match node.kind {
        NodeKind::Question => "shape=box",
        NodeKind::Finding => "shape=ellipse, style=filled, fillcolor=\"#fff4d6\"",
        NodeKind::Role => "shape=hexagon",
        NodeKind::Tier => "shape=doubleoctagon, style=filled, fillcolor=\"#e8e8e8\"",
    };
    let label: Vec<String> = node.label.iter().map(|line| dot_escape(line)).collect();
    format!("{} [{shape}, label=\"{}\"];", node.id, label.join("\\n"))
}

fn mermaid_node(node: &Node) -> String {
    let label: Vec<String> = node.label.iter().map(|line| mermaid_escape(line)).collect();
    let label = label.join("<br/>");
    match node.kind {
        NodeKind::Question => format!("{}[\"{label}\"]", node.id),
        NodeKind::Finding => format!("{}([\"{label}\"])", node.id),
        NodeKind::Role => format!("{}{{{{\"{label}\"}}}}", node.id),
        NodeKind::Tier => format!("{}[[\"{label}\"]]", node.id),
    }
}

fn dot_escape(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            other => vec![other],
        })
        .collect()
}

/// Mermaid labels are quoted; quotes and angle brackets become entity codes.
fn mermaid_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().filter(|c| !c.is_control()) {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            other => out.push(other),
        }
    }
    out
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(max - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Greedy word wrap.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Questionnaire {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/toy.json");
        Questionnaire::load(&path).expect("toy fixture")
    }

    #[test]
    fn dot_has_a_cluster_per_section_and_an_edge_per_dependency() {
        let dot = render(&toy(), GraphFormat::Dot);
        assert!(dot.starts_with(
            "// Decision tree of Toy questionnaire for engine tests (version 1.0.0)."
        ));
        assert_eq!(dot.matches("subgraph cluster_").count(), 3);
        // role (q1) is asked depending on is_ai (q0).
        assert!(dot.contains("  q0 -> q1;\n"), "{dot}");
        // on_market (q5) is asked when the high_risk finding (f3) holds.
        assert!(dot.contains("  f3 -> q5;\n"), "{dot}");
        // the high_risk finding depends on the exception finding (f2), and gives tier 2.
        assert!(dot.contains("  f2 -> f3 [style=dashed];\n"), "{dot}");
        assert!(dot.contains("  f3 -> t2 [penwidth=2];\n"), "{dot}");
        assert!(dot.trim_end().ends_with('}'));
    }

    #[test]
    fn mermaid_uses_the_same_edges() {
        let mermaid = render(&toy(), GraphFormat::Mermaid);
        assert!(mermaid.contains("flowchart LR"));
        assert!(mermaid.contains("  q0 --> q1\n"));
        assert!(mermaid.contains("  f3 --> q5\n"));
        assert!(mermaid.contains("  f3 ==> t2\n"));
        assert_eq!(mermaid.matches("  subgraph ").count(), 3);
    }

    #[test]
    fn labels_cannot_break_out_of_their_quotes() {
        assert_eq!(dot_escape(r#"say "hi" \ bye"#), r#"say \"hi\" \\ bye"#);
        assert_eq!(
            mermaid_escape(r#"a "b" <c> #d"#),
            "a #quot;b#quot; #lt;c#gt; #35;d"
        );
        assert_eq!(dot_escape("line\nbreak\u{1b}[31m"), "linebreak[31m");
    }

    #[test]
    fn long_texts_are_wrapped_and_shortened() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(shorten("abcdef", 4), "abc…");
    }
}
