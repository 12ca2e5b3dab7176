//! K406 remote-script-executed: a `RUN` step runs code straight from the network:
//! `curl … | sh`, `wget -qO- … | python3`, `sh -c "$(curl …)"`, `bash <(curl …)`.
//!
//! A download is found with the command analysis (`crate::commands`): `curl` writing to
//! standard output, or `wget` with `-O -`. It is reported when its output reaches an
//! interpreter that runs it as code: a later command of the same pipeline that reads its
//! program from standard input, the script argument of `sh -c` / `eval`, or a process
//! substitution read by an interpreter. See `rules/K406-remote-script-executed/README.md`.

use crate::commands::{run_commands, run_steps, Command, Origin};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    // No peer checks this (hadolint DL4006 only asks for `pipefail` before a pipe).
    peers: &[],
    fixable: false,
};

pub(crate) struct RemoteScriptExecuted;
pub(crate) static RULE: RemoteScriptExecuted = RemoteScriptExecuted;

/// curl's short options that take a value (so the letters after them are not options).
const CURL_VALUE_LETTERS: &str = "oudHXAeEFKmTwxyYzbcCDrQtUP";

const HELP: &str = "download the script to a file, check it against a pinned SHA-256 \
     (`echo \"<sha256>  install.sh\" | sha256sum -c -`) or its signature, then run the file; or \
     fetch it with `ADD --checksum=sha256:<digest> <url> /tmp/install.sh`";

impl Check for RemoteScriptExecuted {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            let commands = run_commands(cx, step.instruction);
            for (i, cmd) in commands.iter().enumerate() {
                let Some(tool) = downloader(cmd) else {
                    continue;
                };
                let Some((runner, how)) = runner_of(&commands, i) else {
                    continue;
                };
                let name = runner.name();
                let span = if runner.name_word.span.start() >= cmd.name_word.span.start() {
                    cmd.name_word.span.cover(runner.name_word.span)
                } else {
                    runner.name_word.span.cover(cmd.span)
                };
                out.report(
                    span,
                    format!(
                        "`{tool}` output is {how} `{name}`: the build runs whatever the server \
                         returns at that moment, unreviewed and unverified, so a changed or \
                         compromised script (or a truncated download) runs with the build's \
                         privileges and lands in the image"
                    ),
                )
                .help(HELP);
            }
        }
    }
}

/// `curl` or `wget` writing what it downloads to standard output.
fn downloader(cmd: &Command) -> Option<&'static str> {
    match cmd.name() {
        "curl" => {
            let to_file = cmd
                .option_value("--output", Some('o'))
                .is_some_and(|(_, v)| !v.is("-"))
                || cmd
                    .has_option(&["-O", "--remote-name", "--remote-name-all"])
                    .is_some()
                || cmd.has_short('O', CURL_VALUE_LETTERS).is_some();
            (!to_file).then_some("curl")
        }
        "wget" => wget_to_stdout(cmd).then_some("wget"),
        _ => None,
    }
}

/// Whether `wget` writes the document to standard output (`-O -`, `-qO-`,
/// `--output-document=-`).
fn wget_to_stdout(cmd: &Command) -> bool {
    let mut words = cmd.args.iter().take_while(|w| !w.is("--"));
    while let Some(w) = words.next() {
        let Some(a) = w.literal.as_deref() else {
            continue;
        };
        if let Some(v) = a.strip_prefix("--output-document=") {
            return v == "-" || v == "/dev/stdout";
        }
        if a == "--output-document" {
            return words
                .next()
                .is_some_and(|v| v.is("-") || v.is("/dev/stdout"));
        }
        if a.starts_with('-') && !a.starts_with("--") {
            if let Some(pos) = a.find('O') {
                let rest = a.get(pos + 1..).unwrap_or("");
                return if rest.is_empty() {
                    words
                        .next()
                        .is_some_and(|v| v.is("-") || v.is("/dev/stdout"))
                } else {
                    rest == "-" || rest == "/dev/stdout"
                };
            }
        }
    }
    false
}

/// The command that runs the download at `commands[i]` as code, and how it gets it.
fn runner_of(commands: &[Command], i: usize) -> Option<(&Command, &'static str)> {
    let cmd = commands.get(i)?;
    // A later command of the same pipeline that reads its program from standard input.
    if cmd.pipes_to_next() {
        let rest = commands.get(i + 1..).unwrap_or(&[]);
        for next in rest
            .iter()
            .filter(|c| c.origin == cmd.origin && c.parent == cmd.parent)
        {
            if interpreter(next) && runs_stdin(next) {
                return Some((next, "piped into"));
            }
            if !next.pipes_to_next() {
                break;
            }
        }
    }
    let parent = commands.get(cmd.parent?)?;
    match cmd.origin {
        // `sh -c "$(curl …)"`, `eval "$(curl …)"`, `python3 -c "$(curl …)"`.
        Origin::Substitution => {
            let program = program_word(parent)?;
            (interpreter(parent) && Some(program) == cmd.in_word)
                .then_some((parent, "run as the program of"))
        }
        // `bash <(curl …)`, `source <(curl …)`.
        Origin::ProcessSubstitution => {
            interpreter(parent).then_some((parent, "run as a script by"))
        }
        _ => None,
    }
}

/// Whether the command runs code it is given: a shell, `eval`/`source`, or a language runtime.
fn interpreter(cmd: &Command) -> bool {
    let name = cmd.name();
    crate::commands::SHELLS.contains(&name)
        || matches!(
            name,
            "eval" | "source" | "." | "perl" | "ruby" | "node" | "php"
        )
        || is_python(name)
}

fn is_python(name: &str) -> bool {
    name.strip_prefix("python")
        .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// Whether an interpreter reading a pipe runs it as its program: no `-c`/`-e` script and no
/// script file operand (`-` and `-s` mean standard input).
fn runs_stdin(cmd: &Command) -> bool {
    let name = cmd.name();
    if matches!(name, "eval" | "source" | ".") {
        return false;
    }
    let script_flags: &[&str] = match name {
        "perl" | "ruby" | "node" => &["-e", "-E", "-p", "--eval", "--print"],
        "php" => &["-r", "-f"],
        _ if is_python(name) => &["-c", "-m"],
        _ => &[],
    };
    if crate::commands::SHELLS.contains(&name) {
        if cmd.has_short('s', "oO").is_some() {
            return true;
        }
        if cmd.has_short('c', "oO").is_some() {
            return false;
        }
    } else if cmd.has_option(script_flags).is_some()
        || script_flags
            .iter()
            .filter_map(|f| f.strip_prefix('-').and_then(|l| l.chars().next()))
            .filter(|_| name != "php")
            .any(|l| cmd.has_short(l, "").is_some())
    {
        return false;
    }
    cmd.operands(&["-o", "-O", "-W", "-X"])
        .first()
        .is_none_or(|w| w.is("-"))
}

/// The word an interpreter runs as its program: the script after `-c` (shells, python),
/// `-e` (perl, ruby, node), or the first operand of `eval`.
fn program_word(cmd: &Command) -> Option<keelson_syntax::Span> {
    let name = cmd.name();
    if name == "eval" {
        return cmd.args.first().map(|w| w.span);
    }
    let flag = if crate::commands::SHELLS.contains(&name) || is_python(name) {
        'c'
    } else if matches!(name, "perl" | "ruby" | "node") {
        'e'
    } else {
        return None;
    };
    // The program is the first word after the option cluster holding the flag.
    let at = cmd.args.iter().position(|w| {
        w.literal
            .as_deref()
            .is_some_and(|a| a.starts_with('-') && !a.starts_with("--") && a.contains(flag))
    })?;
    cmd.args.get(at + 1).map(|w| w.span)
}
