//! What the user sees on stderr: errors, warnings, notices, and a progress
//! bar that never garbles them.
//!
//! stdout carries results only (the JSON document, the benchmark table), so it
//! can be piped; everything else goes through a [`Reporter`].

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fmt::Display;
use std::io::IsTerminal;

/// Prints messages on stderr and owns the (optional) progress bar. Shared by
/// reference between threads: `ProgressBar` is internally synchronised.
#[derive(Debug)]
pub struct Reporter {
    quiet: bool,
    bar: ProgressBar,
}

impl Reporter {
    pub fn new(quiet: bool) -> Reporter {
        Reporter { quiet, bar: ProgressBar::hidden() }
    }

    /// Something failed (an article, or the whole command).
    pub fn error(&self, message: impl Display) {
        self.bar.suspend(|| eprintln!("rasid: error: {message}"));
    }

    /// Something the user should know about, though the work went on.
    pub fn warning(&self, message: impl Display) {
        self.bar.suspend(|| eprintln!("rasid: warning: {message}"));
    }

    /// Information (extractor notices, summaries); silenced by `--quiet`.
    pub fn note(&self, message: impl Display) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("{message}"));
        }
    }

    /// Show a progress bar over `total` input bytes (a spinner when the total
    /// is unknown), unless `--quiet` or stderr is not a terminal (a log file
    /// or CI should not fill with redraws).
    pub fn start_progress(&self, total: Option<u64>) {
        if self.quiet || !std::io::stderr().is_terminal() {
            return;
        }
        let style = match total {
            Some(total) => {
                self.bar.set_length(total);
                ProgressStyle::with_template("{elapsed_precise} [{wide_bar}] {bytes}/{total_bytes} {msg}")
            }
            None => ProgressStyle::with_template("{spinner} {elapsed_precise} {bytes} {msg}"),
        };
        if let Ok(style) = style {
            self.bar.set_style(style.progress_chars("=> "));
        }
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
    }

    /// Move the bar to `position` input bytes, with a short status message.
    pub fn progress(&self, position: u64, message: impl FnOnce() -> String) {
        if !self.bar.is_hidden() {
            self.bar.set_position(position);
            self.bar.set_message(message());
        }
    }

    pub fn finish_progress(&self) {
        self.bar.finish_and_clear();
    }
}
