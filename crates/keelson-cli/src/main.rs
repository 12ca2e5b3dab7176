//! The `keelson` binary; the command itself is the `keelson_cli` library.

use std::process::ExitCode;

fn main() -> ExitCode {
    keelson_cli::run()
}
