//! Web pages: the article text without the page around it, and the page's
//! own metadata (title, publication time, outlet, URL).
//!
//! The text comes from [`dom_smoothie`], a port of Mozilla's Readability
//! (the algorithm behind Firefox's reader view): it scores blocks by text
//! density, commas and class/id hints and keeps the best one with its
//! siblings, which drops navigation, menus, footers, share buttons,
//! "related articles" lists and cookie banners on news pages without
//! per-site rules. Two safety nets follow it: when Readability finds nothing
//! (short pages, odd markup), the visible text of the body is taken with the
//! usual boilerplate elements (`nav`, `header`, `footer`, `aside`, forms,
//! scripts…) left out; and when even that is empty, the page is a problem,
//! never an empty article.
//!
//! HTML is parsed by html5ever (through dom_query), the HTML5 parsing
//! algorithm browsers use: unclosed tags, stray end tags and garbage bytes
//! all yield a tree, so broken pages still give their text.

use std::sync::OnceLock;

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability, TextMode};

use crate::published;

/// What a page gave.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HtmlArticle {
    /// The article text: paragraphs on their own lines, blank lines
    /// between blocks, runs of spaces collapsed.
    pub text: String,
    pub title: Option<String>,
    /// ISO 8601 when it could be read (see [`published::normalize`]).
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
}

/// The element lists of `data/html.toml` (see there for what each is).
#[derive(Debug, serde::Deserialize)]
struct Elements {
    never_text: Vec<String>,
    page_furniture: Vec<String>,
    boilerplate_class_words: Vec<String>,
    blocks: Vec<String>,
}

impl Elements {
    fn get() -> &'static Elements {
        static ELEMENTS: OnceLock<Elements> = OnceLock::new();
        ELEMENTS.get_or_init(|| match toml::from_str(include_str!("../data/html.toml")) {
            Ok(elements) => elements,
            // Compiled in and checked by the tests: a failure is a broken build.
            Err(e) => panic!("rasid-ingest: data/html.toml is invalid: {e}"),
        })
    }

    /// Whether a class or the id of the element names boilerplate: one of
    /// the words, as a whole hyphen- or underscore-separated part
    /// (`social-share`, `related_links`; not `commentary`).
    fn is_boilerplate_class(&self, node: &NodeRef<'_>) -> bool {
        let mut found = false;
        for attr in ["class", "id"] {
            let Some(value) = node.attr(attr) else { continue };
            for name in value.split_whitespace() {
                let padded = format!("-{}-", name.to_ascii_lowercase().replace('_', "-"));
                found |= self.boilerplate_class_words.iter().any(|w| padded.contains(&format!("-{w}-")));
            }
        }
        found
    }
}

/// Deepest element nesting read. html5ever and Readability both take time
/// quadratic in the nesting depth (20,000 nested `<div>`s: minutes) and
/// some tree walks recurse, so a page nested deeper than any real page is
/// refused before parsing. News pages nest a few dozen levels.
pub const MAX_NESTING: usize = 400;

/// Most elements Readability scores; bigger pages get the plain visible text.
const MAX_READABILITY_ELEMENTS: usize = 60_000;

/// Fewest letters for Readability's answer to be trusted over the fallback:
/// a real news article has at least a paragraph.
const MIN_READABLE_CHARS: usize = 80;

/// Extract the article of a page. `Err` gives the reason when there is no
/// text at all.
pub fn extract(html: &str) -> Result<HtmlArticle, String> {
    let depth = nesting_depth(html);
    if depth > MAX_NESTING {
        return Err(format!(
            "elements nested {depth} levels deep (more than {MAX_NESTING}): not a real page, not parsed"
        ));
    }
    let doc = Document::from(html);
    let own_meta = PageMeta::read(&doc);
    let config = Config {
        text_mode: TextMode::Formatted,
        max_elements_to_parse: MAX_READABILITY_ELEMENTS,
        ..Config::default()
    };
    let (readable_text, meta) = match Readability::with_document(doc, None, Some(config)) {
        Ok(mut readability) => {
            let meta = readability.get_article_metadata(readability.parse_json_ld());
            let text = readability.parse().map(|a| tidy(&a.text_content)).unwrap_or_default();
            (text, Some(meta))
        }
        Err(_) => (String::new(), None),
    };
    let text = if letters(&readable_text) >= MIN_READABLE_CHARS {
        readable_text
    } else {
        // Readability gave up or kept a scrap (on a page with no article
        // that scrap is the menu): take the visible body text without the
        // page furniture, which may well be empty.
        let fallback = Document::from(html);
        let body = fallback.body().unwrap_or_else(|| fallback.root());
        visible_text(&body, true)
    };
    if text.trim().is_empty() {
        return Err("no article text found in the page".to_string());
    }
    let title = meta.as_ref().map(|m| clean_line(&m.title)).filter(|t| !t.is_empty()).or(own_meta.h1.clone());
    let published = meta
        .as_ref()
        .and_then(|m| m.published_time.clone())
        .or(own_meta.time)
        .and_then(|p| published::normalize(&p));
    let outlet = meta
        .as_ref()
        .and_then(|m| m.site_name.clone())
        .map(|s| clean_line(&s))
        .filter(|s| !s.is_empty())
        .or(own_meta.application_name);
    let url = own_meta.url.or_else(|| meta.as_ref().and_then(|m| m.url.clone()));
    Ok(HtmlArticle { text, title, published, outlet, url })
}

/// The text of an HTML fragment (a feed item's content or description);
/// empty when it nests deeper than [`MAX_NESTING`].
pub fn fragment_text(html: &str) -> String {
    if nesting_depth(html) > MAX_NESTING {
        return String::new();
    }
    let doc = Document::fragment(html);
    visible_text(&doc.root(), false)
}

/// Elements that never contain others.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    "param", "keygen", "frame",
];

/// Elements the parser closes by itself when a sibling starts (`<p>` and
/// `<li>` are often left open): they do not deepen the tree.
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup",
    "rb", "rt", "rtc", "rp",
];

/// Elements whose content is raw text, not markup.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"];

/// An upper estimate of how deep a page nests its elements, in one linear
/// pass over the markup (start tags open, end tags close; void elements,
/// self-closed tags and auto-closed siblings do not count).
pub fn nesting_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    let find = |from: usize, needle: &[u8]| -> Option<usize> {
        b.get(from..)?.windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle)).map(|p| from + p)
    };
    while let Some(lt) = memchr::memchr(b'<', b.get(i..).unwrap_or_default()).map(|p| i + p) {
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = find(lt + 4, b"-->").map_or(b.len(), |p| p + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len =
            b[name_start..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'-').count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            // `<!doctype`, `<?xml`, a lone `<`: not an element.
            i = lt + 1;
            continue;
        }
        let name = html.get(name_start..name_start + name_len).unwrap_or_default().to_ascii_lowercase();
        let tag_end = memchr::memchr(b'>', &b[name_start..]).map_or(b.len(), |p| name_start + p);
        i = (tag_end + 1).min(b.len());
        if VOID.contains(&name.as_str()) || SELF_CLOSING_SIBLINGS.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if tag_end > 0 && b.get(tag_end - 1) == Some(&b'/') {
            continue;
        }
        depth += 1;
        deepest = deepest.max(depth);
        if RAW_TEXT.contains(&name.as_str()) {
            let end_tag = format!("</{name}");
            i = find(i, end_tag.as_bytes()).unwrap_or(b.len());
        }
    }
    deepest
}

/// Metadata Readability does not look at.
#[derive(Debug, Default)]
struct PageMeta {
    /// `<time datetime>` or `itemprop="datePublished"`.
    time: Option<String>,
    /// `<link rel="canonical">` or `og:url`.
    url: Option<String>,
    /// First `<h1>`, for pages without a `<title>` or `og:title`.
    h1: Option<String>,
    application_name: Option<String>,
}

impl PageMeta {
    fn read(doc: &Document) -> PageMeta {
        let attr = |selector: &str, name: &str| {
            doc.select(selector)
                .nodes()
                .iter()
                .filter_map(|n| n.attr(name))
                .map(|v| v.trim().to_string())
                .find(|v| !v.is_empty())
        };
        let time = attr("[itemprop=\"datePublished\"]", "content")
            .or_else(|| attr("[itemprop=\"datePublished\"]", "datetime"))
            .or_else(|| attr("article time[datetime]", "datetime"))
            .or_else(|| attr("time[datetime]", "datetime"));
        let url =
            attr("link[rel=\"canonical\"]", "href").or_else(|| attr("meta[property=\"og:url\"]", "content"));
        let h1 = doc.select("h1").nodes().iter().map(|n| clean_line(&n.text())).find(|t| !t.is_empty());
        let application_name = attr("meta[name=\"application-name\"]", "content");
        PageMeta { time, url, h1, application_name }
    }
}

/// The visible text under `root`, block by block, without recursion (a page
/// of 100,000 nested `<div>`s must not exhaust the stack).
fn visible_text(root: &NodeRef<'_>, skip_furniture: bool) -> String {
    let elements = Elements::get();
    enum Step<'a> {
        Enter(NodeRef<'a>),
        Leave(bool),
    }
    let mut out = String::new();
    let mut stack: Vec<Step<'_>> = root.children_it(true).map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(block) => {
                if block {
                    out.push('\n');
                }
            }
            Step::Enter(node) => {
                if node.is_text() {
                    push_collapsed(&mut out, &node.text());
                    continue;
                }
                if !node.is_element() {
                    continue;
                }
                let name = node.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
                if elements.never_text.contains(&name)
                    || (skip_furniture && elements.page_furniture.contains(&name))
                    || elements.is_boilerplate_class(&node)
                    || node.attr("hidden").is_some()
                    || node.attr("aria-hidden").is_some_and(|v| v.trim() == "true")
                {
                    continue;
                }
                if name == "br" {
                    out.push('\n');
                    continue;
                }
                let block = elements.blocks.contains(&name);
                if block {
                    out.push('\n');
                }
                stack.push(Step::Leave(block));
                stack.extend(node.children_it(true).map(Step::Enter));
            }
        }
    }
    tidy(&out)
}

/// Text node content as a browser shows it: every run of whitespace,
/// line breaks included, is one space (lines come from the elements).
fn push_collapsed(out: &mut String, text: &str) {
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.ends_with([' ', '\n']) && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    if space && !out.ends_with([' ', '\n']) && !out.is_empty() {
        out.push(' ');
    }
}

/// Whitespace as people expect it in an article: spaces (also no-break
/// spaces and tabs) collapsed inside lines, lines trimmed, at most one blank
/// line between blocks, none at the ends.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_pending = false;
    for line in text.lines() {
        let line = clean_line(line);
        if line.is_empty() {
            blank_pending = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if blank_pending {
                out.push('\n');
            }
        }
        blank_pending = false;
        out.push_str(&line);
    }
    out
}

/// One line with its runs of whitespace made single spaces, trimmed.
fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tidies_whitespace() {
        assert_eq!(tidy("  a \u{a0} b \n\n\n\n c\t\n"), "a b\n\nc");
        assert_eq!(tidy("a\nb"), "a\nb");
        assert_eq!(tidy(" \n "), "");
    }

    #[test]
    fn fragments_lose_their_markup() {
        let text = fragment_text("<p>قتل <b>5</b> مدنيين</p><script>var x=1;</script><p>في&nbsp;قصف</p>");
        assert_eq!(text, "قتل 5 مدنيين\n\nفي قصف");
        assert_eq!(fragment_text("نص بلا وسوم"), "نص بلا وسوم");
        assert_eq!(fragment_text(""), "");
    }

    #[test]
    fn broken_markup_still_gives_text() {
        let page =
            "<html><body><div><p>أفاد ناشطون بمقتل ثلاثة مدنيين <b>في قصف على بلدة <i>كفرنبل</p><p>وجرح آخرون";
        let article = extract(page).unwrap_or_default();
        assert!(article.text.contains("كفرنبل"), "{article:?}");
        assert!(article.text.contains("وجرح آخرون"), "{article:?}");
        assert!(extract("<html><body><nav>الرئيسية</nav></body></html>").is_err());
        assert!(extract("").is_err());
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let mut page = String::from("<html><body>");
        page.push_str(&"<div>".repeat(50_000));
        page.push_str("نص في العمق");
        let started = std::time::Instant::now();
        assert!(extract(&page).is_err_and(|e| e.contains("nested")));
        assert!(fragment_text(&"<span>".repeat(50_000)).is_empty());
        assert!(started.elapsed().as_secs() < 5);
        let mut page = String::from("<html><body>");
        page.push_str(&"<div>".repeat(MAX_NESTING - 10));
        page.push_str("نص في العمق يكفي ليكون مقالا قصيرا عن قصف استهدف بلدة في الريف");
        assert!(extract(&page).is_ok_and(|a| a.text.contains("نص في العمق")));
    }

    #[test]
    fn estimates_nesting() {
        assert_eq!(nesting_depth("<div><p>a<p>b<br><img src=x></div>"), 1);
        assert_eq!(nesting_depth("<div><div><span/></div></div>"), 2);
        assert_eq!(nesting_depth("<!-- <div><div><div> --><script>if (a<b) {}</script>"), 1);
        assert_eq!(nesting_depth("a < b <"), 0);
        assert_eq!(nesting_depth("<ul><li><ul><li>x</ul></ul>"), 2);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_markup_never_panics(s in "(<[a-z/!]{0,6}[^<>]{0,10}>?|[^<]{0,12}){0,30}") {
            if let Ok(a) = extract(&s) {
                prop_assert!(!a.text.trim().is_empty());
            }
            let _ = fragment_text(&s);
            let _ = nesting_depth(&s);
        }
    }
}
