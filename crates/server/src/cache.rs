//! A small cache of rendered answers (JSON and pages), so that the same
//! search or story asked again costs a hash lookup instead of an index query
//! and a ledger.
//!
//! Entries are exact, never stale: each is stamped with the corpus's largest
//! stored `seq` when it was made, and is used only while that is still the
//! largest `seq` — any article stored since (by this server or by an ingest
//! in another process) makes every older entry a miss. The cache is bounded
//! in bytes; when full, the oldest entries go first.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// One cached answer.
#[derive(Debug, Clone)]
pub struct Entry {
    pub stamp: i64,
    pub body: axum::body::Bytes,
}

#[derive(Debug, Default)]
struct Inner {
    map: HashMap<String, Entry>,
    order: VecDeque<String>,
    bytes: usize,
}

#[derive(Debug)]
pub struct Cache {
    max_bytes: usize,
    inner: Mutex<Inner>,
}

impl Cache {
    /// A cache of at most `max_bytes` of bodies (0 disables it).
    pub fn new(max_bytes: usize) -> Cache {
        Cache { max_bytes, inner: Mutex::new(Inner::default()) }
    }

    pub fn enabled(&self) -> bool {
        self.max_bytes > 0
    }

    /// The entry for `key`, if it was made at corpus state `stamp`.
    pub fn get(&self, key: &str, stamp: i64) -> Option<Entry> {
        if !self.enabled() {
            return None;
        }
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        inner.map.get(key).filter(|e| e.stamp == stamp).cloned()
    }

    pub fn put(&self, key: String, entry: Entry) {
        let size = entry.body.len() + key.len();
        if !self.enabled() || size > self.max_bytes / 8 {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(old) = inner.map.remove(&key) {
            inner.bytes -= old.body.len() + key.len();
            inner.order.retain(|k| k != &key);
        }
        while inner.bytes + size > self.max_bytes {
            let Some(oldest) = inner.order.pop_front() else { break };
            if let Some(old) = inner.map.remove(&oldest) {
                inner.bytes -= old.body.len() + oldest.len();
            }
        }
        inner.bytes += size;
        inner.order.push_back(key.clone());
        inner.map.insert(key, entry);
    }
}

/// Run `make` on the blocking pool unless the answer for `key` is cached
/// for the corpus as it is now; cache what it makes.
pub async fn through(
    app: &std::sync::Arc<crate::App>,
    key: String,
    make: impl FnOnce(&crate::App) -> Result<Vec<u8>, crate::failure::Failure> + Send + 'static,
) -> Result<axum::body::Bytes, crate::failure::Failure> {
    crate::failure::blocking(app, move |app| {
        if !app.cache.enabled() {
            return make(app).map(axum::body::Bytes::from);
        }
        let stamp = app.corpus.store().max_seq().map_err(crate::failure::internal)?;
        if let Some(hit) = app.cache.get(&key, stamp) {
            return Ok(hit.body);
        }
        let body = axum::body::Bytes::from(make(app)?);
        app.cache.put(key, Entry { stamp, body: body.clone() });
        Ok(body)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(stamp: i64, body: &str) -> Entry {
        Entry { stamp, body: body.to_string().into() }
    }

    #[test]
    fn entries_expire_with_the_corpus_state_and_fit_the_budget() {
        let c = Cache::new(800);
        c.put("a".into(), entry(5, "{\"x\":1}"));
        assert!(c.get("a", 5).is_some());
        assert!(c.get("a", 6).is_none(), "an article was stored since");
        for i in 0..100 {
            c.put(format!("k{i}"), entry(5, "0123456789012345678901234567890123456789"));
        }
        let inner = c.inner.lock().unwrap();
        assert!(inner.bytes <= 800);
        assert!(inner.map.contains_key("k99") && !inner.map.contains_key("k0"));
        drop(inner);
        let off = Cache::new(0);
        off.put("a".into(), entry(1, "x"));
        assert!(off.get("a", 1).is_none());
    }
}
