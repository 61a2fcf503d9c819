//! RSS and Atom feeds (and JSON Feed): one article per item.
//!
//! Parsing is [`feed_rs`]'s, which reads RSS 0.9x/1.0/2.0, Atom and JSON
//! Feed alike. Per item: the text is the full content (`content:encoded`,
//! Atom `content`) or else the summary (`description`), with its HTML turned
//! into text; the title likewise; `published` from `pubDate`/`published`,
//! else `updated`; the outlet is the channel's title; the URL the item's
//! first link.
//!
//! Ids must be stable across fetches of the same feed (items reappear in
//! every fetch until they scroll off), so they come from the item itself: the
//! guid, or else the link, sanitized (see [`ids::sanitize`]); a guid that does
//! not look global (no `.` or `:` in it, e.g. `12345`) is prefixed with the
//! feed's own site, so two outlets' item 12345 stay apart. Items with neither
//! get a hash of title and text.

use feed_rs::model::{Entry, Feed, Text};
use rasid_model::Article;

use crate::{html, ids};

/// An item read from a feed: the article, or why it was skipped.
pub type FeedItem = Result<Article, String>;

/// Parse a whole feed. `Err` when the bytes are not a feed at all.
pub fn read_feed(bytes: &[u8], stem: &str) -> Result<Vec<FeedItem>, String> {
    // The id generator runs for items without a guid; an empty answer lets
    // us make our own, stable one (feed-rs would fall back to a random UUID).
    let parser =
        feed_rs::parser::Builder::new().id_generator(|_, _, _| String::new()).sanitize_content(false).build();
    let feed = parser.parse(bytes).map_err(|e| format!("not an RSS or Atom feed ({e})"))?;
    let outlet = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let site = site_of(&feed, stem);
    Ok(feed
        .entries
        .iter()
        .enumerate()
        .map(|(i, entry)| item(entry, i + 1, outlet.as_deref(), &site))
        .collect())
}

fn item(entry: &Entry, number: usize, outlet: Option<&str>, site: &str) -> FeedItem {
    let url = entry.links.first().map(|l| l.href.trim().to_string()).filter(|h| !h.is_empty());
    let content = entry
        .content
        .as_ref()
        .and_then(|c| {
            let body = c.body.as_deref()?;
            Some(if c.content_type.essence().to_string() == "text/plain" {
                html::tidy(body)
            } else {
                html::fragment_text(body)
            })
        })
        .filter(|t| !t.trim().is_empty());
    let text = content.or_else(|| entry.summary.as_ref().map(text_of)).filter(|t| !t.trim().is_empty());
    let title = entry.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let guid = entry.id.trim();
    let label = if guid.is_empty() { url.clone().unwrap_or_default() } else { guid.to_string() };
    let Some(text) = text else {
        let which = if label.is_empty() { String::new() } else { format!(" ({label})") };
        return Err(format!("item {number}{which}: no text (no content and no description)"));
    };
    let id = if !guid.is_empty() {
        let global = guid.contains('.') || guid.contains(':');
        let sanitized = ids::sanitize(guid);
        match sanitized {
            Some(s) if global => Some(s),
            Some(s) => Some(format!("{site}-{s}")),
            None => None,
        }
    } else {
        url.as_deref().and_then(ids::sanitize)
    };
    let id = id.unwrap_or_else(|| {
        let mut key = title.clone().unwrap_or_default();
        key.push('\n');
        key.push_str(&text);
        ids::derived(site, &key)
    });
    let published = entry.published.or(entry.updated).map(|t| t.to_rfc3339());
    Ok(Article { id, text, published, outlet: outlet.map(str::to_string), title, url })
}

/// A short name for the feed's site, for ids: the host of its link, else
/// its title, else the file stem.
fn site_of(feed: &Feed, stem: &str) -> String {
    let host = feed.links.iter().find_map(|l| {
        let rest = l.href.split_once("://").map_or(l.href.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        ids::sanitize(host)
    });
    host.or_else(|| feed.title.as_ref().and_then(|t| ids::sanitize(&text_of(t))))
        .unwrap_or_else(|| stem.to_string())
}

/// A feed text field as plain text: HTML unless it says it is plain.
fn text_of(t: &Text) -> String {
    if t.content_type.essence().to_string() == "text/plain" {
        html::tidy(&t.content)
    } else {
        html::fragment_text(&t.content)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>وكالة الأنباء التجريبية</title>
  <link>https://news.example.org/</link>
  <item>
    <title>قصف على بلدة في الريف</title>
    <link>https://news.example.org/a/1</link>
    <guid isPermaLink="false">1001</guid>
    <pubDate>Tue, 20 Mar 2018 07:33:24 +0200</pubDate>
    <description>ملخص قصير</description>
    <content:encoded><![CDATA[<p>قتل <b>4</b> مدنيين في قصف.</p><p>وأصيب آخرون.</p>]]></content:encoded>
  </item>
  <item>
    <title>بلا معرف</title>
    <link>https://news.example.org/a/2?x=1</link>
    <description>&lt;p&gt;نزوح عشرات العائلات&lt;/p&gt;</description>
  </item>
  <item><title>فارغ</title><guid>https://news.example.org/a/3</guid></item>
</channel>
</rss>"#;

    #[test]
    fn reads_rss_items() {
        let items = read_feed(RSS.as_bytes(), "feed").unwrap_or_default();
        assert_eq!(items.len(), 3);
        let first = items[0].clone().unwrap_or_default();
        assert_eq!(first.id, "news.example.org-1001");
        assert_eq!(first.text, "قتل 4 مدنيين في قصف.\n\nوأصيب آخرون.");
        assert_eq!(first.title.as_deref(), Some("قصف على بلدة في الريف"));
        assert_eq!(first.outlet.as_deref(), Some("وكالة الأنباء التجريبية"));
        assert_eq!(first.published.as_deref(), Some("2018-03-20T05:33:24+00:00"));
        assert_eq!(first.url.as_deref(), Some("https://news.example.org/a/1"));
        let second = items[1].clone().unwrap_or_default();
        assert_eq!(second.id, "news.example.org-a-2-x-1");
        assert_eq!(second.text, "نزوح عشرات العائلات");
        assert!(items[2].as_ref().is_err_and(|e| e.contains("item 3") && e.contains("no text")));
    }

    #[test]
    fn reads_atom_entries() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">موقع أخبار</title>
  <id>urn:example:feed</id>
  <updated>2018-04-08T10:00:00Z</updated>
  <entry>
    <title>هجوم بالغازات</title>
    <id>urn:example:entry:77</id>
    <updated>2018-04-08T09:00:00Z</updated>
    <content type="html">&lt;p&gt;مقتل 40 شخصا على الأقل&lt;/p&gt;</content>
  </entry>
</feed>"#;
        let items = read_feed(atom.as_bytes(), "f").unwrap_or_default();
        let a = items[0].clone().unwrap_or_default();
        assert_eq!(a.id, "urn-example-entry-77");
        assert_eq!(a.text, "مقتل 40 شخصا على الأقل");
        assert_eq!(a.published.as_deref(), Some("2018-04-08T09:00:00+00:00"));
        assert_eq!(a.outlet.as_deref(), Some("موقع أخبار"));
    }

    #[test]
    fn ids_are_stable_and_not_a_feed_is_a_problem() {
        let a = read_feed(RSS.as_bytes(), "feed").unwrap_or_default();
        let b = read_feed(RSS.as_bytes(), "feed").unwrap_or_default();
        assert_eq!(a, b);
        assert!(read_feed(b"<html><body>x</body></html>", "x").is_err());
        assert!(read_feed(b"", "x").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = read_feed(&bytes, "x");
        }

        #[test]
        fn near_feeds_never_panic(body in "(<item>|</item>|<title>|</title>|<guid>|</guid>|<description>|</description>|[^<>&]{0,8}){0,20}") {
            let xml = format!("<rss version=\"2.0\"><channel><title>t</title>{body}</channel></rss>");
            if let Ok(items) = read_feed(xml.as_bytes(), "x") {
                for item in items.into_iter().flatten() {
                    prop_assert!(!item.id.is_empty());
                    prop_assert!(!item.text.trim().is_empty());
                }
            }
        }
    }
}
