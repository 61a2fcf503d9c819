//! The `rasid` binary: everything lives in the library (`rasid_cli`) so that
//! it can be tested without spawning processes.

// Extraction and ingest allocate many short-lived strings and vectors per
// article on every worker thread; mimalloc's per-thread heaps make that
// markedly cheaper than glibc's malloc (see the closing notes of the speed
// issues for the measurements).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    rasid_cli::main()
}
