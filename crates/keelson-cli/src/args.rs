//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// The version `--version` prints: the package version and the git commit it was built from.
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("KEELSON_COMMIT"), ")");

/// keelson: finds what makes a container unsafe before it is built or started.
#[derive(Debug, Parser)]
#[command(name = "keelson", version = VERSION, about, long_about = None)]
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
    /// Run the language server over stdin/stdout (for editors).
    Lsp(LspArgs),
    /// Write a commented keelson.toml into a directory (the current one by default).
    Init(InitArgs),
    /// Print a shell completion script (e.g. `keelson completions bash > /etc/bash_completion.d/keelson`).
    Completions(CompletionsArgs),
    /// Print the man page (roff) to standard output (e.g. `keelson man > keelson.1`).
    Man,
}

/// `keelson init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The directory to write keelson.toml into.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Replace an existing keelson.toml.
    #[arg(long)]
    pub force: bool,
}

/// `keelson completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
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
    /// One line per finding: `path:line:col: CODE [severity] message`.
    Concise,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// Checkstyle XML (Jenkins Warnings NG, reviewdog, SonarQube).
    Checkstyle,
    /// JUnit XML (CI test-report views): a test suite per file, a failing test per finding.
    Junit,
    /// GitLab Code Quality JSON (`artifacts:reports:codequality`).
    Codeclimate,
    /// GitLab SAST report JSON, schema 15.x (`artifacts:reports:sast`).
    Gitlab,
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
    /// Lowest severity that makes the exit code 1 (lower findings are still shown). Default:
    /// info, or the `failure-threshold` of a `.hadolint.yaml` in use.
    #[arg(long, value_enum)]
    pub severity: Option<SeverityArg>,
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
    /// Apply the safe fixes to the files (atomically), then report what is left.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the fixes as a unified diff instead of writing them (exit 1 when there is one).
    #[arg(long)]
    pub diff: bool,
    /// With --fix or --diff, also apply the fixes that change behaviour (marked unsafe).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Exit 0 even when there are findings (errors reading or parsing still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Print how many findings each rule produced instead of the findings (JSON with
    /// `--format json`).
    #[arg(long)]
    pub statistics: bool,
    /// Report only findings not recorded in this baseline file (see `--write-baseline`).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in the `--baseline` file (replacing it) and exit 0.
    #[arg(long, requires = "baseline")]
    pub write_baseline: bool,
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

/// `keelson lsp`.
#[derive(Debug, clap::Args)]
pub struct LspArgs {
    /// Talk over stdin/stdout (the only transport; accepted because many clients pass it).
    #[arg(long)]
    pub stdio: bool,
}
