//! Development timing of the per-article parts of near-duplicate detection
//! and story features: `cargo run --release -p rasid-stories --example bench_parts`.

#[path = "support/mod.rs"]
mod support;

use std::time::Instant;

fn main() {
    let rows = support::read_jsonl(&support::data_dir().join("ant-multisource/syria.jsonl"));
    let texts: Vec<&str> = rows.iter().map(|r| r.article.text.as_str()).collect();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let n = texts.len() as f64;
    println!("{} texts, {:.0} chars on average", texts.len(), chars as f64 / n);
    let t = Instant::now();
    let folded: Vec<rasid_text::Folded> = texts.iter().map(|t| rasid_text::Folded::new(t)).collect();
    println!("Folded::new        {:7.1} µs/article", t.elapsed().as_secs_f64() * 1e6 / n);
    let t = Instant::now();
    let mut total = 0usize;
    for text in &texts {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                'أ' | 'إ' | 'آ' => out.push('ا'),
                'ى' => out.push('ي'),
                'ة' => out.push('ه'),
                '\u{064B}'..='\u{065F}' | '\u{0640}' => {}
                c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
                c => out.push(c),
            }
        }
        total += out.len();
    }
    println!("plain char fold    {:7.1} µs/article ({total})", t.elapsed().as_secs_f64() * 1e6 / n);
    let t = Instant::now();
    let mut count = 0usize;
    for f in &folded {
        count += rasid_stories::terms::words(f.as_str()).count();
    }
    println!(
        "words              {:7.1} µs/article ({} words)",
        t.elapsed().as_secs_f64() * 1e6 / n,
        count / texts.len()
    );
    let t = Instant::now();
    for f in &folded {
        count += rasid_stories::terms::words(f.as_str())
            .filter_map(|(w, k)| rasid_stories::terms::term_hash(w, k))
            .count();
    }
    println!("words + stems      {:7.1} µs/article", t.elapsed().as_secs_f64() * 1e6 / n);
    let t = Instant::now();
    for f in &folded {
        let fp =
            rasid_stories::Fingerprint::from_words(rasid_stories::terms::words(f.as_str()).map(|(w, _)| w));
        count += usize::from(fp.is_empty());
    }
    println!("words + minhash    {:7.1} µs/article", t.elapsed().as_secs_f64() * 1e6 / n);
    println!("{count}");
}
