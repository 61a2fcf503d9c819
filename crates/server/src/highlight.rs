//! An article's text as HTML with every extracted item marked.
//!
//! Items overlap in every way: a repeated passage holds figures and places, a
//! figure's span holds its place, a date may straddle two items. HTML needs
//! proper nesting, so marks are laid out as a tree: sorted by start (longer
//! first), each mark opens inside the innermost open one; a mark that would
//! cross the end of its parent is cut there and continues after it as a
//! *continuation* piece (same class, no id, no tooltip). The text between
//! tags goes through [`crate::html::escape_body_into`], so whatever the
//! article contains it stays text.
//!
//! Spans are character offsets into the text (the rasid contract); marks
//! whose span is empty or out of range are dropped, never a panic.

use crate::html::{escape_body_into, escape_into};
use rasid_model::Span;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// What a mark is; also its CSS class and its nesting rank (outer first when
/// two marks have the same span).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Sentence,
    Repeat,
    Figure,
    Date,
    Place,
    Actor,
    Person,
    Repair,
}

impl Kind {
    pub fn class(self) -> &'static str {
        match self {
            Kind::Sentence => "sent",
            Kind::Repeat => "repeat",
            Kind::Figure => "fig",
            Kind::Date => "date",
            Kind::Place => "place",
            Kind::Actor => "actor",
            Kind::Person => "person",
            Kind::Repair => "repair",
        }
    }
}

/// One highlighted item.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub span: Span,
    pub kind: Kind,
    /// The element id (`fig-3`): the target of links to this item.
    pub anchor: Option<String>,
    /// Tooltip: a title, then `(label, value)` rows. Empty: no tooltip and
    /// not focusable (sentences).
    pub title: String,
    pub rows: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Piece {
    start: usize,
    /// Ends later first, so an enclosing mark opens before the ones inside it.
    end_rev: Reverse<usize>,
    kind: Kind,
    mark: usize,
    continuation: bool,
}

impl Piece {
    fn end(&self) -> usize {
        self.end_rev.0
    }
}

/// Render `text` with `marks` as HTML (element content; the caller wraps it).
pub fn render(text: &str, marks: &[Mark]) -> String {
    // Byte offset of every character, plus the end: spans are characters.
    let mut at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    at.push(text.len());
    let n_chars = at.len() - 1;

    let mut heap: BinaryHeap<Reverse<Piece>> = marks
        .iter()
        .enumerate()
        .filter(|(_, m)| m.span.start < m.span.end && m.span.end <= n_chars)
        .map(|(i, m)| {
            Reverse(Piece {
                start: m.span.start,
                end_rev: Reverse(m.span.end),
                kind: m.kind,
                mark: i,
                continuation: false,
            })
        })
        .collect();

    let mut out = String::with_capacity(text.len() * 2);
    let mut stack: Vec<Piece> = Vec::new();
    let mut pos = 0usize; // characters written so far
    let write_text = |out: &mut String, from: usize, to: usize| {
        if from < to {
            escape_body_into(out, &text[at[from]..at[to]]);
        }
    };

    while let Some(Reverse(mut piece)) = heap.pop() {
        // Close every open mark that ends before this piece starts.
        while let Some(top) = stack.last().copied() {
            if top.end() > piece.start {
                break;
            }
            write_text(&mut out, pos, top.end());
            pos = top.end();
            close(&mut out, &marks[top.mark], top.continuation);
            stack.pop();
        }
        write_text(&mut out, pos, piece.start);
        pos = pos.max(piece.start);
        // Cut at the parent's end; the rest continues after the parent.
        if let Some(parent) = stack.last()
            && piece.end() > parent.end()
        {
            heap.push(Reverse(Piece {
                start: parent.end(),
                end_rev: piece.end_rev,
                kind: piece.kind,
                mark: piece.mark,
                continuation: true,
            }));
            piece.end_rev = Reverse(parent.end());
        }
        if piece.start >= piece.end() {
            continue;
        }
        open(&mut out, &marks[piece.mark], piece.continuation);
        stack.push(piece);
    }
    while let Some(top) = stack.pop() {
        write_text(&mut out, pos, top.end());
        pos = top.end();
        close(&mut out, &marks[top.mark], top.continuation);
    }
    write_text(&mut out, pos, n_chars);
    out
}

/// Whether `s` has a right-to-left letter (Arabic, Hebrew, Syriac, Thaana…).
pub fn has_rtl(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

fn has_tip(mark: &Mark) -> bool {
    !mark.title.is_empty() || !mark.rows.is_empty()
}

fn open(out: &mut String, mark: &Mark, continuation: bool) {
    if mark.kind == Kind::Sentence {
        out.push_str("<span class=\"sent\"");
    } else {
        out.push_str("<span class=\"hl ");
        out.push_str(mark.kind.class());
        if continuation {
            out.push_str(" cont");
        }
        out.push('"');
    }
    if !continuation {
        if let Some(anchor) = &mark.anchor {
            out.push_str(" id=\"");
            escape_into(out, anchor);
            out.push('"');
        }
        if has_tip(mark) {
            out.push_str(" tabindex=\"0\"");
        }
    }
    out.push('>');
}

fn close(out: &mut String, mark: &Mark, continuation: bool) {
    if !continuation && has_tip(mark) {
        out.push_str("<span class=\"tip\" role=\"tooltip\"><span class=\"tip-title\">");
        escape_into(out, &mark.title);
        out.push_str("</span>");
        for (label, value) in &mark.rows {
            out.push_str("<span class=\"tip-row\"><span class=\"k\">");
            escape_into(out, label);
            // Dates and numbers have no strong direction: in an Arabic
            // page "2019-03-09" would read backwards unless set LTR.
            out.push_str(if has_rtl(value) {
                "</span> <bdi class=\"v\">"
            } else {
                "</span> <bdi class=\"v\" dir=\"ltr\">"
            });
            escape_into(out, value);
            out.push_str("</bdi></span>");
        }
        out.push_str("</span>");
    }
    out.push_str("</span>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn mark(start: usize, end: usize, kind: Kind, anchor: &str) -> Mark {
        Mark {
            span: Span::new(start, end),
            kind,
            anchor: (!anchor.is_empty()).then(|| anchor.to_string()),
            title: if kind == Kind::Sentence { String::new() } else { format!("{kind:?}") },
            rows: vec![],
        }
    }

    /// The text content of rendered HTML: tags and tooltips dropped, entities decoded.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut depth_tip = 0usize;
        let mut rest = html;
        let mut stack: Vec<bool> = Vec::new();
        while let Some(lt) = rest.find('<') {
            if depth_tip == 0 {
                out.push_str(&rest[..lt]);
            }
            let gt = rest[lt..].find('>').map(|g| lt + g).unwrap_or(rest.len() - 1);
            let tag = &rest[lt..=gt];
            if tag.starts_with("</") {
                if stack.pop() == Some(true) {
                    depth_tip -= 1;
                }
            } else {
                let is_tip = tag.contains("class=\"tip\"");
                if is_tip {
                    depth_tip += 1;
                }
                stack.push(is_tip);
            }
            rest = &rest[gt + 1..];
        }
        out.push_str(rest);
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn nested_and_crossing_marks_render_as_a_tree() {
        let text = "قتل 23 مدنيا في سراقب.";
        let marks = vec![
            mark(0, 22, Kind::Sentence, "s-0"),
            mark(4, 12, Kind::Figure, "fig-0"),
            mark(16, 21, Kind::Place, "place-0"),
            // a date that crosses the end of the figure
            mark(10, 16, Kind::Date, "date-0"),
        ];
        let html = render(text, &marks);
        assert_eq!(text_of(&html), text);
        assert_eq!(html.matches("<span").count(), html.matches("</span>").count());
        assert_eq!(html.matches("id=\"date-0\"").count(), 1);
        assert!(html.contains("hl date cont"), "{html}");
        assert!(html.starts_with("<span class=\"sent\" id=\"s-0\">"));
    }

    #[test]
    fn hostile_text_stays_text() {
        let text = "<script>alert(1)</script> \u{202E}abc";
        let html = render(text, &[mark(0, 8, Kind::Place, "place-0")]);
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("⟦RLO⟧"));
        assert!(!html.contains('\u{202E}'));
    }

    #[test]
    fn bad_spans_are_dropped() {
        let html = render("abc", &[mark(2, 9, Kind::Figure, "f"), mark(2, 2, Kind::Date, "d")]);
        assert_eq!(html, "abc");
    }

    proptest! {
        #[test]
        fn any_marks_keep_the_text_and_balance(
            text in "[a-z\u{0621}-\u{064A} <>&\u{202E}\n]{0,40}",
            raw in proptest::collection::vec((0usize..45, 0usize..45, 0usize..8), 0..12),
        ) {
            let kinds = [Kind::Sentence, Kind::Repeat, Kind::Figure, Kind::Date, Kind::Place, Kind::Actor, Kind::Person, Kind::Repair];
            let marks: Vec<Mark> = raw.iter().enumerate()
                .map(|(i, &(a, b, k))| mark(a.min(b), a.max(b), kinds[k], &format!("m-{i}")))
                .collect();
            let html = render(&text, &marks);
            let expected = text.replace('\u{202E}', "⟦RLO⟧");
            prop_assert_eq!(text_of(&html), expected);
            prop_assert_eq!(html.matches("<span").count(), html.matches("</span>").count());
            let n = text.chars().count();
            for (i, m) in marks.iter().enumerate() {
                let shown = m.span.start < m.span.end && m.span.end <= n;
                let count = html.matches(&format!("id=\"m-{i}\"")).count();
                prop_assert_eq!(count, usize::from(shown));
            }
        }
    }
}
