//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// keelson: finds what makes a container unsafe before it is built or started.
#[derive(Debug, Parser)]
#[command(name = "keelson", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint Dockerfiles and compose files.
    Check(CheckArgs),
    /// List the rules.
    Rules(RulesArgs),
    /// Show a rule's documentation.
    Explain(ExplainArgs),
}

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Human-readable, with the source line and a caret under the finding.
    Pretty,
    /// The versioned JSON contract (see the README).
    Json,
    /// SARIF 2.1.0.
    Sarif,
}

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Severity threshold for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    /// Fail on anything.
    Info,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on errors only.
    Error,
}

/// `keelson check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to lint (directories are searched recursively, honouring
    /// .gitignore); `-` reads standard input. Defaults to the current directory.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Pretty)]
    pub format: Format,
    /// Lowest severity that makes the exit code 1 (lower findings are still shown).
    #[arg(long, value_enum, default_value_t = SeverityArg::Info)]
    pub severity: SeverityArg,
    /// Run only these rules (codes, code prefixes, names, categories, or `all`); comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Also run these rules.
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Do not run these rules.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Use this config file instead of looking for keelson.toml beside each file.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ignore every keelson.toml.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// The file name to lint standard input as (with `-`).
    #[arg(long)]
    pub stdin_filename: Option<PathBuf>,
    /// When to use colour (NO_COLOR is honoured with `auto`).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// A build argument for Dockerfiles (`NAME=value`), as `docker build --build-arg`.
    #[arg(long = "build-arg", value_name = "NAME=VALUE")]
    pub build_args: Vec<String>,
    /// The build target stage (`docker build --target`): the stage treated as final.
    #[arg(long)]
    pub target: Option<String>,
    /// Let compose interpolation read the process environment (otherwise only `.env` files).
    #[arg(long)]
    pub env_from_process: bool,
}

/// Output formats of `rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// A table.
    Text,
    /// JSON, one object per rule.
    Json,
}

/// `keelson rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    pub format: RulesFormat,
}

/// `keelson explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A rule code (`K201`) or name (`root-user`).
    pub rule: String,
}
