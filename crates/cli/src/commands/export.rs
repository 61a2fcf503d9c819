//! `rasid export --format F`: the corpus for other tools.

use std::io::Write;

use super::corpus::{days, fatal, open_read};
use crate::cli::{ExportArgs, GlobalArgs};
use crate::report::Reporter;
use crate::{Fatal, Status};

pub fn run(args: &ExportArgs, global: &GlobalArgs, reporter: &Reporter) -> Result<Status, Fatal> {
    let corpus = open_read(global, reporter)?;
    let range = days(&args.days);
    let format = args.format.name();
    let n = match &args.output {
        Some(path) => {
            // Written beside the target, then renamed: a failed export never
            // leaves half a file where the last good one was.
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => std::path::PathBuf::from("."),
            };
            let name = path.display().to_string();
            let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| Fatal(format!("{name}: {e}")))?;
            let n = {
                let mut out = std::io::BufWriter::new(tmp.as_file_mut());
                let n = corpus.export(format, &range, &mut out).map_err(fatal)?;
                out.flush().map_err(|e| Fatal(format!("{name}: {e}")))?;
                n
            };
            tmp.persist(path).map_err(|e| Fatal(format!("{name}: {}", e.error)))?;
            n
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let n = corpus.export(format, &range, &mut out).map_err(fatal)?;
            out.flush().map_err(|e| Fatal(format!("cannot write to standard output: {e}")))?;
            n
        }
    };
    reporter.note(format_args!("exported {n} articles as {format}"));
    Ok(Status::Success)
}
