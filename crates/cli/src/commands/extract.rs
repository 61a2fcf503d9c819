//! `rasid extract`: one article to stdout, or a JSON Lines corpus to one
//! JSON file per article.
//!
//! Corpus mode is a small pipeline with bounded channels, so memory stays
//! bounded whatever the input size: this thread reads lines (at most
//! `--max-article-bytes` each), N workers parse and extract, and one writer
//! thread writes the files, reports problems and keeps the counts. The writer
//! is the only one that touches the output directory, which is what makes
//! "the last of several lines with one id wins" exact even though workers
//! finish out of order.

use rasid_extract::{Article, Extractor};
use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Instant;

use super::{extract_guarded, load_extractor, per_second};
use crate::cli::{ExtractArgs, GlobalArgs};
use crate::output;
use crate::report::Reporter;
use crate::{Fatal, Status};
use rasid_ingest::jsonl::{self, Line, LineProblem, LineReader};
use rasid_ingest::text::{self as input, ReadError, TooLarge};

pub fn run(args: &ExtractArgs, global: &GlobalArgs, reporter: &Reporter) -> Result<Status, Fatal> {
    match (&args.jsonl, &args.out, &args.file) {
        (Some(jsonl), Some(out), _) => run_corpus(jsonl, out, args, global, reporter),
        (None, _, Some(file)) => run_single(file, args, global, reporter),
        // clap enforces one of the two forms; this is for callers of the library.
        _ => Err(Fatal("give an article FILE, or --jsonl PATH --out DIR".to_string())),
    }
}

/// How an input is named in messages: its path, or `stdin` for `-`.
fn input_name(path: &Path) -> String {
    if path.as_os_str() == "-" { "stdin".to_string() } else { path.display().to_string() }
}

fn run_single(
    file: &Path,
    args: &ExtractArgs,
    global: &GlobalArgs,
    reporter: &Reporter,
) -> Result<Status, Fatal> {
    let limit = args.limits.max_article_bytes;
    let from_stdin = file.as_os_str() == "-";
    let name = input_name(file);
    let read = if from_stdin {
        input::read_article(io::stdin().lock(), limit)
    } else {
        input::read_article_file(file, limit)
    };
    let text = match read {
        Ok(text) => text,
        Err(ReadError::Unreadable(why)) => return Err(Fatal(format!("{name}: {why}"))),
        Err(ReadError::Rejected(problem)) => {
            reporter.error(format_args!("{name}: {problem}"));
            return Ok(Status::SomeFailed);
        }
    };
    let id = match (&args.id, from_stdin) {
        (Some(id), _) => id.clone(),
        (None, true) => "stdin".to_string(),
        (None, false) => {
            file.file_stem().map_or_else(|| "article".to_string(), |s| s.to_string_lossy().into_owned())
        }
    };
    let article = Article {
        id,
        text,
        published: args.published.clone(),
        outlet: args.outlet.clone(),
        title: args.title.clone(),
        url: None,
    };
    let (extractor, _) = load_extractor(global, reporter)?;
    let json = match extract_guarded(&extractor, &article).and_then(|x| to_json(&x)) {
        Ok(json) => json,
        Err(why) => {
            reporter.error(format_args!("{name}: {why}"));
            return Ok(Status::SomeFailed);
        }
    };
    let mut stdout = io::stdout().lock();
    match stdout.write_all(&json).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(Status::Success),
        // The reader went away (`| head`): nothing left to tell anyone.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Status::Success),
        Err(e) => Err(Fatal(format!("cannot write to stdout: {e}"))),
    }
}

/// Pretty JSON (Arabic as is, not `\u` escapes), ending in a newline.
fn to_json(extraction: &rasid_model::Extraction) -> Result<Vec<u8>, String> {
    let mut json = serde_json::to_vec_pretty(extraction).map_err(|e| format!("cannot serialise: {e}"))?;
    json.push(b'\n');
    Ok(json)
}

/// A line for the workers.
struct Job {
    line: u64,
    bytes: Vec<u8>,
}

/// What became of one line, for the writer.
enum Done {
    Extracted { line: u64, id: String, json: Vec<u8>, warnings: Vec<String> },
    Failed { line: u64, reason: String },
}

/// Counts kept by the writer.
#[derive(Debug, Default)]
struct Tally {
    /// Non-blank lines seen (extracted + failed).
    articles: u64,
    failed: u64,
    duplicates: u64,
}

/// Everything the writer needs besides the results.
struct Sink<'a> {
    name: &'a str,
    out_dir: &'a Path,
    reporter: &'a Reporter,
    consumed: &'a AtomicU64,
}

fn run_corpus(
    path: &Path,
    out_dir: &Path,
    args: &ExtractArgs,
    global: &GlobalArgs,
    reporter: &Reporter,
) -> Result<Status, Fatal> {
    let name = input_name(path);
    let input = jsonl::open(path).map_err(|why| Fatal(format!("{name}: {why}")))?;
    prepare_out_dir(out_dir)?;
    let (extractor, _) = load_extractor(global, reporter)?;
    let threads = args.threads.or_else(|| thread::available_parallelism().ok()).map_or(1, NonZeroUsize::get);
    let limit = args.limits.max_article_bytes;

    reporter.start_progress(input.total);
    let started = Instant::now();
    let consumed = Arc::clone(&input.consumed);
    let sink = Sink { name: &name, out_dir, reporter, consumed: &consumed };
    let (read_ok, tally) = thread::scope(|scope| {
        let (jobs_in, jobs_out) = sync_channel::<Job>(2 * threads);
        let (done_in, done_out) = sync_channel::<Done>(2 * threads);
        // Each worker owns a handle on the job queue, so that if every worker
        // were gone (a panic) the queue closes and the reader stops instead
        // of waiting forever on a full channel.
        let jobs_out = Arc::new(Mutex::new(jobs_out));
        for _ in 0..threads {
            let (jobs_out, done_in, extractor) = (Arc::clone(&jobs_out), done_in.clone(), &extractor);
            scope.spawn(move || work(&jobs_out, &done_in, extractor));
        }
        drop(jobs_out);
        let writer = scope.spawn(|| write_results(done_out, &sink));
        let read_ok = read_lines(input.reader, limit, jobs_in, done_in, &sink, input.gzip);
        let tally = writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (read_ok, tally)
    });
    reporter.finish_progress();

    let elapsed = started.elapsed();
    let mut summary = format!(
        "{} articles, {} failed, {:.1} s, {:.0} articles/s",
        tally.articles,
        tally.failed,
        elapsed.as_secs_f64(),
        per_second(tally.articles as f64, elapsed)
    );
    if tally.duplicates > 0 {
        summary.push_str(&format!(", {} duplicate ids (the last line of each was kept)", tally.duplicates));
    }
    reporter.note(summary);
    Ok(if !read_ok {
        Status::Fatal
    } else if tally.failed > 0 {
        Status::SomeFailed
    } else {
        Status::Success
    })
}

fn prepare_out_dir(out_dir: &Path) -> Result<(), Fatal> {
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(Fatal(format!(
            "{}: the output must be a directory, and this is a file",
            out_dir.display()
        )));
    }
    std::fs::create_dir_all(out_dir).map_err(|e| {
        Fatal(format!("cannot create the output directory {}: {}", out_dir.display(), input::describe_io(&e)))
    })
}

/// Read lines and hand them to the workers (over-long lines go straight to
/// the writer as failures). Returns false when the input broke off, after
/// saying so: the lines before are still processed and written.
fn read_lines(
    reader: Box<dyn BufRead + Send>,
    limit: u64,
    jobs: SyncSender<Job>,
    done: SyncSender<Done>,
    sink: &Sink<'_>,
    gzip: bool,
) -> bool {
    let mut lines = LineReader::new(reader, limit);
    let mut buf = Vec::new();
    loop {
        let sent = match lines.next_line(&mut buf) {
            Ok(None) => return true,
            Ok(Some((line, Line::TooLong { bytes }))) => {
                let reason = LineProblem::TooLong(TooLarge { size: Some(bytes), limit }).to_string();
                done.send(Done::Failed { line, reason }).is_ok()
            }
            Ok(Some((_, Line::Complete))) if buf.iter().all(u8::is_ascii_whitespace) => true,
            Ok(Some((line, Line::Complete))) => {
                jobs.send(Job { line, bytes: std::mem::take(&mut buf) }).is_ok()
            }
            Err(e) => {
                let hint = if gzip { " (the gzip data is truncated or corrupt)" } else { "" };
                sink.reporter.error(format_args!(
                    "{}: cannot read past line {}: {}{hint}; the lines before it are processed and written",
                    sink.name,
                    lines.line_number(),
                    input::describe_io(&e),
                ));
                return false;
            }
        };
        if !sent {
            // Workers or writer are gone: only after a panic, which scope re-raises.
            return true;
        }
    }
}

/// A worker: parse, extract, serialise, until the jobs run out.
fn work(jobs: &Mutex<Receiver<Job>>, done: &SyncSender<Done>, extractor: &Extractor) {
    loop {
        let job = match jobs.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        let Ok(Job { line, bytes }) = job else { return };
        let outcome = match jsonl::parse_line(&bytes) {
            Err(problem) => Done::Failed { line, reason: problem.to_string() },
            Ok(parsed) => {
                drop(bytes);
                match extract_guarded(extractor, &parsed.article).and_then(|x| to_json(&x)) {
                    Ok(json) => {
                        Done::Extracted { line, id: parsed.article.id, json, warnings: parsed.warnings }
                    }
                    Err(reason) => Done::Failed { line, reason },
                }
            }
        };
        if done.send(outcome).is_err() {
            return;
        }
    }
}

/// The writer: write each extraction atomically to `DIR/<stem>.json`, keep
/// the last line of each id, report failures, keep the counts.
fn write_results(done: Receiver<Done>, sink: &Sink<'_>) -> Tally {
    let mut tally = Tally::default();
    // File stem -> line whose extraction is in that file. Grows with the
    // number of distinct ids (about 100 bytes each).
    let mut written: HashMap<String, u64> = HashMap::new();
    for outcome in done {
        tally.articles += 1;
        match outcome {
            Done::Failed { line, reason } => {
                tally.failed += 1;
                sink.reporter.error(format_args!("{}:{line}: {reason}", sink.name));
            }
            Done::Extracted { line, id, json, warnings } => {
                for warning in warnings {
                    sink.reporter.warning(format_args!("{}:{line}: {warning}", sink.name));
                }
                let stem = output::file_stem(&id);
                let file = format!("{stem}.json");
                let keep = match written.get(&stem) {
                    None => true,
                    Some(&earlier) => {
                        tally.duplicates += 1;
                        sink.reporter.warning(format_args!(
                            "{}:{line}: duplicate id {id:?} (also on line {earlier}): keeping line {}",
                            sink.name,
                            line.max(earlier)
                        ));
                        line > earlier
                    }
                };
                if keep {
                    match output::write_atomically(sink.out_dir, &file, &json) {
                        Ok(()) => {
                            written.insert(stem, line);
                        }
                        Err(e) => {
                            tally.failed += 1;
                            sink.reporter.error(format_args!(
                                "{}:{line}: cannot write {}: {}",
                                sink.name,
                                sink.out_dir.join(&file).display(),
                                input::describe_io(&e)
                            ));
                        }
                    }
                }
            }
        }
        sink.reporter.progress(sink.consumed.load(Ordering::Relaxed), || {
            format!("{} articles, {} failed", tally.articles, tally.failed)
        });
    }
    tally
}
