//! The risk pyramid with the verdict's tier marked. The tier is told by the
//! bar's fill (a full block in the foreground colour, against light shade
//! for the others), a marker and the words "your result", not by colour
//! alone.

use aiact_core::model::Tier;
use ratatui::text::{Line, Span};

use crate::tui::theme::Theme;

/// Widest line for a result outside the pyramid, label and marker together.
const ONE_LINE: usize = 64;

/// The pyramid's lines: one bar per tier in the pyramid, highest on top;
/// and a line for a result outside the pyramid ("not an AI system").
pub fn lines(
    tiers: &[Tier],
    result: &str,
    provisional: bool,
    possible: &[&str],
    theme: &Theme,
) -> Vec<Line<'static>> {
    let yours = if provisional {
        "  your result, provisional"
    } else {
        "  your result"
    };
    let levels: Vec<&Tier> = tiers.iter().filter(|tier| tier.in_pyramid).collect();
    let widest = 5 + 4 * levels.len().saturating_sub(1);
    let mut lines = Vec::new();
    for (i, tier) in levels.iter().enumerate() {
        let width = 5 + 4 * i;
        let pad = (widest - width) / 2;
        let is_result = tier.id == result;
        let is_possible = possible.contains(&tier.id.as_str());
        let (fill, style) = if is_result {
            ('█', theme.tier_bar)
        } else {
            ('░', theme.other_tier)
        };
        let mut spans = vec![
            Span::raw(" ".repeat(pad + 1)),
            Span::styled(fill.to_string().repeat(width), style),
            Span::raw(" ".repeat(widest - width - pad + 2)),
        ];
        if is_result {
            spans.push(Span::styled(format!("◀ {}", tier.label), theme.tier));
            spans.push(Span::styled(yours, theme.title));
        } else if is_possible {
            spans.push(Span::styled(format!("? {}", tier.label), theme.provisional));
            spans.push(Span::styled(
                "  possible: you were not sure",
                theme.provisional,
            ));
        } else {
            spans.push(Span::styled(format!("  {}", tier.label), theme.dim));
        }
        lines.push(Line::from(spans));
    }
    for outside in tiers.iter().filter(|tier| !tier.in_pyramid) {
        if outside.id == result {
            let label = Span::styled(format!(" ▶ {} ", outside.label), theme.tier);
            let marker = format!("{yours}: outside the risk pyramid");
            // A long label ("General-purpose AI model with systemic risk")
            // and the marker would not fit one line: two lines then.
            if label.width() + marker.len() <= ONE_LINE {
                lines.push(Line::from(vec![label, Span::styled(marker, theme.title)]));
            } else {
                lines.push(Line::from(label));
                lines.push(Line::from(Span::styled(
                    format!("   {}", marker.trim_start()),
                    theme.title,
                )));
            }
        } else if possible.contains(&outside.id.as_str()) {
            lines.push(Line::from(vec![
                Span::styled(format!(" ? {}", outside.label), theme.provisional),
                Span::styled(
                    "  possible, outside the pyramid: you were not sure",
                    theme.provisional,
                ),
            ]));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tier(id: &str, in_pyramid: bool) -> Tier {
        Tier {
            id: id.into(),
            label: id.to_uppercase(),
            summary: String::new(),
            default: false,
            in_pyramid,
            exempts: !in_pyramid,
            comment: None,
            summaries: Vec::new(),
            context_sentence: None,
        }
    }

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(|line| line.to_string()).collect()
    }

    #[test]
    fn the_result_is_marked_by_fill_and_words_without_colour() {
        let tiers = [
            tier("out", false),
            tier("top", true),
            tier("mid", true),
            tier("low", true),
        ];
        let drawn = plain(&lines(&tiers, "mid", false, &["top"], &Theme::new(false)));
        assert_eq!(
            drawn,
            [
                "     ░░░░░      ? TOP  possible: you were not sure",
                "   █████████    ◀ MID  your result",
                " ░░░░░░░░░░░░░    LOW",
            ]
        );
        let outside = plain(&lines(&tiers, "out", true, &[], &Theme::new(false)));
        assert_eq!(outside.len(), 4);
        assert!(outside[3].contains("▶ OUT"));
        assert!(outside[3].contains("your result, provisional: outside the risk pyramid"));
        assert!(outside.iter().take(3).all(|line| !line.contains('█')));

        // A long label goes on a line of its own, the marker below it.
        let mut long = tier("out", false);
        long.label = "General-purpose AI model with systemic risk".into();
        let drawn = plain(&lines(
            &[long, tier("low", true)],
            "out",
            true,
            &[],
            &Theme::new(false),
        ));
        assert_eq!(drawn.len(), 3, "{drawn:?}");
        assert!(drawn[1].contains("▶ General-purpose AI model with systemic risk"));
        assert!(drawn[2].contains("your result, provisional: outside the risk pyramid"));
    }
}
