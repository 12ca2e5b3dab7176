//! The `keelson` command line: a thin front-end over `keelson-core`. It finds files, reads
//! them, lints them in parallel, renders the findings and sets the exit code. It holds no lint
//! logic.
//!
//! The command is a library so that more than one binary can start it: `keelson` (this
//! package's `src/main.rs`) and `keelson-pre-commit`, the binary the workspace root package
//! builds for pre-commit's `language: rust` hooks (see `.pre-commit-hooks.yaml`).

mod args;
mod baseline;
mod check;
mod discover;
mod fingerprint;
mod fix_cmd;
mod generate;
mod init;
mod output;
mod rules_cmd;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

/// Exit code: no findings at or above the threshold.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: findings at or above the threshold.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: a usage, configuration or I/O error.
pub const EXIT_ERROR: u8 = 2;

/// Parses the process's arguments, runs the command they name and returns its exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules(args) => rules_cmd::list(&args),
        Command::Explain(args) => rules_cmd::explain(&args),
        Command::Lsp(_) => u8::try_from(keelson_lsp::run_stdio()).unwrap_or(EXIT_ERROR),
        Command::Init(args) => init::run(&args.dir, args.force),
        Command::Completions(args) => generate::completions(args.shell),
        Command::Man => generate::man(),
    };
    ExitCode::from(code)
}
