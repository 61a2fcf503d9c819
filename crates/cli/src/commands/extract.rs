//! `rasid extract`: one article to stdout, or a JSON Lines corpus to one
//! JSON file per article.
//!
//! Corpus mode is a small pipeline with bounded channels, so memory stays
//! bounded whatever the input size: this thread reads lines (at most
//! `--max-article-bytes` each) and hands them out in chunks, N workers parse,
//! extract and write each article's file, and one reporter thread prints
//! problems and keeps the counts. Chunks rather than single lines, and files
//! written by the workers rather than by one writer thread, because on two
//! cores the per-line hand-offs and a single file-creating thread cost as
//! much as the extraction (measured: 6.8 s for ANT's 31.5k articles against
//! 3.1 s of extraction). Each file is written without a name (or under a
//! temporary one, see `output::AtomicDir`) and named in place under one lock
//! that also records which line each file holds: that keeps "the last of
//! several lines with one id wins" exact although workers finish out of
//! order.

use rasid_extract::{Article, Extractor, LastExtraction};
use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::num::NonZeroUsize;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
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

/// Pretty JSON (Arabic as is, not `\u` escapes), ending in a newline: one
/// article on stdout is read by people.
fn to_json(extraction: &rasid_model::Extraction) -> Result<Vec<u8>, String> {
    let mut json = serde_json::to_vec_pretty(extraction).map_err(|e| format!("cannot serialise: {e}"))?;
    json.push(b'\n');
    Ok(json)
}

/// Compact JSON on one line, ending in a newline: a corpus's files are read
/// by programs, and pretty printing doubles their size (182 MB against 90 MB
/// for ANT) and the time to write them.
fn to_compact_json(extraction: &rasid_model::Extraction) -> Result<Vec<u8>, String> {
    let mut json = serde_json::to_vec(extraction).map_err(|e| format!("cannot serialise: {e}"))?;
    json.push(b'\n');
    Ok(json)
}

/// Lines per chunk handed to a worker, at most…
const CHUNK_LINES: usize = 64;
/// …and input bytes per chunk, at most (past one line): keeps a chunk's
/// memory bounded however long the lines.
const CHUNK_BYTES: usize = 512 * 1024;

/// A line for the workers.
struct Job {
    line: u64,
    bytes: Vec<u8>,
}

/// What became of one line, for the reporter.
enum Done {
    /// Extracted; `file` says whether its file was written.
    Extracted {
        line: u64,
        id: String,
        warnings: Vec<String>,
        file: Filed,
    },
    Failed {
        line: u64,
        reason: String,
    },
}

/// What became of an extracted article's file.
enum Filed {
    Written,
    /// Another line has the same id; the file holds the later of the two.
    Duplicate {
        other: u64,
        kept: u64,
    },
    Unwritable {
        path: String,
        reason: String,
    },
}

/// Counts kept by the reporter thread.
#[derive(Debug, Default)]
struct Tally {
    /// Non-blank lines seen (extracted + failed).
    articles: u64,
    failed: u64,
    duplicates: u64,
}

/// Everything the reporter needs besides the results.
struct Sink<'a> {
    name: &'a str,
    reporter: &'a Reporter,
    consumed: &'a AtomicU64,
}

/// The output directory as the workers share it.
struct OutDir<'a> {
    dir: &'a Path,
    files: output::AtomicDir,
    /// File stem -> line whose extraction is in that file. Grows with the
    /// number of distinct ids (about 100 bytes each). Held while a file is
    /// renamed into place, so that two lines with one id are settled in line
    /// order whichever worker finishes first.
    written: Mutex<HashMap<String, u64>>,
}

impl OutDir<'_> {
    /// Write the extraction of `line` (id `id`) to `DIR/<stem>.json`, unless
    /// a later line with the same id is already there.
    fn write(&self, line: u64, id: &str, json: &[u8]) -> Filed {
        let stem = output::file_stem(id);
        let file = format!("{stem}.json");
        let unwritable = |e: &io::Error| Filed::Unwritable {
            path: self.dir.join(&file).display().to_string(),
            reason: input::describe_io(e),
        };
        // The slow part (create and fill a file) outside the lock.
        let staged = match self.files.stage(json) {
            Ok(staged) => staged,
            Err(e) => return unwritable(&e),
        };
        let mut written = self.written.lock().unwrap_or_else(PoisonError::into_inner);
        let earlier = written.get(&stem).copied();
        if let Some(earlier) = earlier
            && earlier > line
        {
            // `staged` is dropped: its temporary file is removed.
            return Filed::Duplicate { other: earlier, kept: earlier };
        }
        match self.files.commit(staged, &file) {
            Ok(()) => {
                written.insert(stem, line);
                match earlier {
                    Some(earlier) => Filed::Duplicate { other: earlier, kept: line },
                    None => Filed::Written,
                }
            }
            Err(e) => unwritable(&e),
        }
    }
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
    crate::allocator::keep_freed_memory();
    let threads = args.threads.or_else(|| thread::available_parallelism().ok()).map_or(1, NonZeroUsize::get);
    let limit = args.limits.max_article_bytes;

    reporter.start_progress(input.total);
    let started = Instant::now();
    let consumed = Arc::clone(&input.consumed);
    let sink = Sink { name: &name, reporter, consumed: &consumed };
    let out =
        OutDir { dir: out_dir, files: output::AtomicDir::new(out_dir), written: Mutex::new(HashMap::new()) };
    let (read_ok, tally) = thread::scope(|scope| {
        let (jobs_in, jobs_out) = sync_channel::<Vec<Job>>(2 * threads);
        let (done_in, done_out) = sync_channel::<Vec<Done>>(4 * threads);
        // Each worker owns a handle on the job queue, so that if every worker
        // were gone (a panic) the queue closes and the reader stops instead
        // of waiting forever on a full channel.
        let jobs_out = Arc::new(Mutex::new(jobs_out));
        for _ in 0..threads {
            let (jobs_out, done_in, extractor, out) =
                (Arc::clone(&jobs_out), done_in.clone(), &extractor, &out);
            scope.spawn(move || work(&jobs_out, &done_in, extractor, out));
        }
        drop(jobs_out);
        let writer = scope.spawn(|| report_results(done_out, &sink));
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

/// Read lines and hand them to the workers in chunks (over-long lines go
/// straight to the reporter as failures). Returns false when the input broke
/// off, after saying so: the lines before are still processed and written.
fn read_lines(
    reader: Box<dyn BufRead + Send>,
    limit: u64,
    jobs: SyncSender<Vec<Job>>,
    done: SyncSender<Vec<Done>>,
    sink: &Sink<'_>,
    gzip: bool,
) -> bool {
    let mut lines = LineReader::new(reader, limit);
    let mut buf = Vec::new();
    let mut chunk: Vec<Job> = Vec::with_capacity(CHUNK_LINES);
    let mut chunk_bytes = 0;
    loop {
        let sent = match lines.next_line(&mut buf) {
            Ok(None) => {
                if !chunk.is_empty() {
                    // A failed send means the workers are gone (a panic, re-raised by the scope).
                    let _ = jobs.send(chunk);
                }
                return true;
            }
            Ok(Some((line, Line::TooLong { bytes }))) => {
                let reason = LineProblem::TooLong(TooLarge { size: Some(bytes), limit }).to_string();
                done.send(vec![Done::Failed { line, reason }]).is_ok()
            }
            Ok(Some((_, Line::Complete))) if buf.iter().all(u8::is_ascii_whitespace) => true,
            Ok(Some((line, Line::Complete))) => {
                chunk_bytes += buf.len();
                chunk.push(Job { line, bytes: std::mem::take(&mut buf) });
                if chunk.len() < CHUNK_LINES && chunk_bytes < CHUNK_BYTES {
                    true
                } else {
                    chunk_bytes = 0;
                    jobs.send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_LINES))).is_ok()
                }
            }
            Err(e) => {
                let hint = if gzip { " (the gzip data is truncated or corrupt)" } else { "" };
                sink.reporter.error(format_args!(
                    "{}: cannot read past line {}: {}{hint}; the lines before it are processed and written",
                    sink.name,
                    lines.line_number(),
                    input::describe_io(&e),
                ));
                if !chunk.is_empty() {
                    let _ = jobs.send(chunk);
                }
                return false;
            }
        };
        if !sent {
            // Workers or reporter are gone: only after a panic, which scope re-raises.
            return true;
        }
    }
}

/// A worker: parse, extract, serialise and write, until the jobs run out.
fn work(
    jobs: &Mutex<Receiver<Vec<Job>>>,
    done: &SyncSender<Vec<Done>>,
    extractor: &Extractor,
    out: &OutDir<'_>,
) {
    // a line repeating the line before (same outlet, date and text) is not
    // read again; the lines of a chunk come to one worker in order
    let mut last = LastExtraction::default();
    loop {
        let chunk = match jobs.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        let Ok(chunk) = chunk else { return };
        let mut outcomes = Vec::with_capacity(chunk.len());
        for Job { line, bytes } in chunk {
            outcomes.push(match jsonl::parse_line(&bytes) {
                Err(problem) => Done::Failed { line, reason: problem.to_string() },
                Ok(parsed) => {
                    drop(bytes);
                    let extraction = match last.recall(&parsed.article) {
                        Some(repeat) => Ok(repeat),
                        None => extract_guarded(extractor, &parsed.article),
                    };
                    let json = extraction.and_then(|x| {
                        let json = to_compact_json(&x);
                        last.keep(&parsed.article, x);
                        json
                    });
                    match json {
                        Ok(json) => {
                            let file = out.write(line, &parsed.article.id, &json);
                            Done::Extracted { line, id: parsed.article.id, warnings: parsed.warnings, file }
                        }
                        Err(reason) => Done::Failed { line, reason },
                    }
                }
            });
        }
        if done.send(outcomes).is_err() {
            return;
        }
    }
}

/// The reporter: report what became of each line and keep the counts.
fn report_results(done: Receiver<Vec<Done>>, sink: &Sink<'_>) -> Tally {
    let mut tally = Tally::default();
    for outcome in done.into_iter().flatten() {
        tally.articles += 1;
        match outcome {
            Done::Failed { line, reason } => {
                tally.failed += 1;
                sink.reporter.error(format_args!("{}:{line}: {reason}", sink.name));
            }
            Done::Extracted { line, id, warnings, file } => {
                for warning in warnings {
                    sink.reporter.warning(format_args!("{}:{line}: {warning}", sink.name));
                }
                match file {
                    Filed::Written => {}
                    Filed::Duplicate { other, kept } => {
                        tally.duplicates += 1;
                        sink.reporter.warning(format_args!(
                            "{}:{line}: duplicate id {id:?} (also on line {other}): keeping line {kept}",
                            sink.name
                        ));
                    }
                    Filed::Unwritable { path, reason } => {
                        tally.failed += 1;
                        sink.reporter
                            .error(format_args!("{}:{line}: cannot write {path}: {reason}", sink.name));
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
