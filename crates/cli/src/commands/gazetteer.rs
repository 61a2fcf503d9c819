//! `rasid gazetteer import PATH`: import a gazetteer into the data directory.

use super::corpus::home;
use crate::cli::{GazetteerArgs, GazetteerCommand, GlobalArgs};
use crate::report::Reporter;
use crate::{Fatal, Status};

/// How many left-out rows are listed one by one.
const SHOWN_SKIPPED: usize = 20;

pub fn run(args: &GazetteerArgs, global: &GlobalArgs, reporter: &Reporter) -> Result<Status, Fatal> {
    match &args.command {
        GazetteerCommand::Import(import) => {
            let home = home(global)?;
            let report = rasid_gazetteer::import(&import.path, &home).map_err(|e| Fatal(e.to_string()))?;
            for skipped in report.skipped.iter().take(SHOWN_SKIPPED) {
                reporter.warning(format_args!("left out: {skipped}"));
            }
            if report.skipped.len() > SHOWN_SKIPPED {
                reporter
                    .warning(format_args!("… and {} more left out", report.skipped.len() - SHOWN_SKIPPED));
            }
            reporter.note(format_args!(
                "imported {} places ({}) into {}; {} left out",
                report.places,
                report.format,
                home.join("gazetteer").display(),
                report.skipped.len()
            ));
            // Rows left out (no Arabic name, outside the country…) are normal in
            // public gazetteers: they are listed, not an error.
            Ok(Status::Success)
        }
    }
}
