//! The one HTML escaper every piece of untrusted text goes through.
//!
//! Article text, titles, outlet names and ids come from whoever fed the
//! corpus. Besides the five HTML specials, the escaper neutralises the bidi
//! *embedding, override and isolate* controls (U+202A–U+202E, U+2066–U+2069):
//! left in, an unbalanced RIGHT-TO-LEFT OVERRIDE can reorder what a reader
//! sees after it ("Trojan Source"). They are replaced by a visible marker
//! naming the control, which is plain text and so safe in any context
//! (element content or a quoted attribute). The marks LRM, RLM and ALM only
//! state a direction, cannot reorder text outside their run, and are kept.

use std::fmt::Write;

/// The short name of a bidi embedding/override/isolate control.
pub fn bidi_control_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "LRE",
        '\u{202B}' => "RLE",
        '\u{202C}' => "PDF",
        '\u{202D}' => "LRO",
        '\u{202E}' => "RLO",
        '\u{2066}' => "LRI",
        '\u{2067}' => "RLI",
        '\u{2068}' => "FSI",
        '\u{2069}' => "PDI",
        _ => return None,
    })
}

/// The visible stand-in for a bidi control: `⟦RLO⟧`.
pub fn bidi_marker(name: &str) -> String {
    format!("\u{27E6}{name}\u{27E7}")
}

/// Append `s` escaped for HTML element content or a double- or
/// single-quoted attribute value.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // NUL and other C0 controls except tab/newline/CR have no business in HTML.
            '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}' => out.push('\u{FFFD}'),
            c => match bidi_control_name(c) {
                Some(name) => out.push_str(&bidi_marker(name)),
                None => out.push(c),
            },
        }
    }
}

/// `s` escaped (see [`escape_into`]).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    escape_into(&mut out, s);
    out
}

/// Like [`escape_into`], but a bidi control becomes a styled element
/// (`<span class="bidi" title="U+202E RLO">⟦RLO⟧</span>`) so it stands out in
/// an article body. Only for element content.
pub fn escape_body_into(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if let Some(name) = bidi_control_name(c) {
            escape_into(out, &s[start..i]);
            let _ = write!(out, "<span class=\"bidi\" title=\"U+{:04X} {name}\">", c as u32);
            out.push_str(&bidi_marker(name));
            out.push_str("</span>");
            start = i + c.len_utf8();
        }
    }
    escape_into(out, &s[start..]);
}

/// Percent-encode a value for one URL path segment or one query value:
/// everything but ASCII letters, digits and `-._~` is encoded (UTF-8 bytes),
/// so an id can never add a segment, a query or a scheme to a link.
pub fn url_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A link to show for an article's original URL: only `http(s)` URLs are
/// kept (no `javascript:`, `data:` or relative tricks).
pub fn safe_external_url(url: &str) -> Option<&str> {
    let trimmed = url.trim();
    let lower = trimmed.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    let ok = lower.starts_with("https://") || lower.starts_with("http://");
    (ok && !trimmed.chars().any(|c| c.is_control() || c.is_whitespace() || bidi_control_name(c).is_some()))
        .then_some(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assert_eq!(escape("a \"b\" & c"), "a &quot;b&quot; &amp; c");
    }

    #[test]
    fn bidi_overrides_become_visible_markers() {
        let s = escape("\u{202E}نص\u{202C}");
        assert_eq!(s, "⟦RLO⟧نص⟦PDF⟧");
        let mut body = String::new();
        escape_body_into(&mut body, "a\u{2067}b");
        assert_eq!(body, "a<span class=\"bidi\" title=\"U+2067 RLI\">⟦RLI⟧</span>b");
    }

    #[test]
    fn url_components_cannot_escape_their_slot() {
        assert_eq!(url_component("../a b?c#d"), "..%2Fa%20b%3Fc%23d");
        assert_eq!(url_component("rasid-001"), "rasid-001");
        assert_eq!(url_component("سراقب"), "%D8%B3%D8%B1%D8%A7%D9%82%D8%A8");
    }

    #[test]
    fn only_http_urls_are_linked() {
        assert_eq!(safe_external_url("https://example.org/a"), Some("https://example.org/a"));
        assert_eq!(safe_external_url("javascript:alert(1)"), None);
        assert_eq!(safe_external_url("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_external_url("data:text/html,x"), None);
        assert_eq!(safe_external_url("http://a b"), None);
        assert_eq!(safe_external_url("/relative"), None);
    }

    proptest! {
        #[test]
        fn escaped_text_has_no_markup_or_bidi_controls(s in any::<String>()) {
            for out in [escape(&s), { let mut b = String::new(); escape_body_into(&mut b, &s); b }] {
                let text_only = out.replace("<span class=\"bidi\" title=\"", "").replace("\">", "").replace("</span>", "");
                prop_assert!(!text_only.contains('<'));
                prop_assert!(!out.chars().any(|c| bidi_control_name(c).is_some()));
            }
            prop_assert!(!escape(&s).contains('"'));
        }

        #[test]
        fn url_components_are_plain_ascii(s in any::<String>()) {
            let u = url_component(&s);
            prop_assert!(u.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
        }
    }
}
