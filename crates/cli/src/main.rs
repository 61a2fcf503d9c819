//! The `rasid` binary: everything lives in the library (`rasid_cli`) so that
//! it can be tested without spawning processes.

fn main() -> std::process::ExitCode {
    rasid_cli::main()
}
