//! `keelson-pre-commit`: the keelson command under the name pre-commit's `language: rust` hooks
//! call (see `.pre-commit-hooks.yaml` and the root `Cargo.toml`). It is `keelson`, nothing more.

use std::process::ExitCode;

fn main() -> ExitCode {
    keelson_cli::run()
}
