//! K906 shell-form-command: `CMD` or `ENTRYPOINT` in shell form, so the container's main
//! process is `/bin/sh` and does not receive signals. See
//! `rules/K906-shell-form-command/README.md`.

use keelson_syntax::dockerfile::{CommandForm, InstructionKind};
use keelson_syntax::shell::parse_commands;

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3025"),
        peer("kics", "Not Using JSON In CMD And ENTRYPOINT Arguments"),
        peer("buildkit", "JSONArgsRecommended"),
    ],
    fixable: true,
};

pub(crate) struct ShellFormCommand;
pub(crate) static RULE: ShellFormCommand = ShellFormCommand;

impl Check for ShellFormCommand {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            if !matches!(ins.kind, InstructionKind::Cmd | InstructionKind::Entrypoint) {
                continue;
            }
            let Some(CommandForm::Shell(shell)) = ins.command() else {
                continue;
            };
            let text = shell.text.as_str();
            // K811 reports single-quoted arrays.
            if text.trim_start().starts_with('[') && text.trim_end().ends_with(']') {
                continue;
            }
            let Some(id) = cx.model.id_of(ins) else {
                continue;
            };
            // A custom SHELL (bash, cmd, PowerShell) is a deliberate choice of interpreter.
            if cx
                .model
                .shell_at(id)
                .is_some_and(|s| s.instruction.is_some())
            {
                continue;
            }
            let keyword = ins.kind.name();
            let extra = if ins.kind == InstructionKind::Entrypoint {
                ", and arguments given to `docker run` (or a `CMD`) are ignored"
            } else {
                ""
            };
            let finding = out.report(
                ins.keyword_span.cover(shell.text.span()),
                format!(
                    "`{keyword}` in shell form runs under `/bin/sh -c`: the shell becomes PID 1 and does \
                     not pass on SIGTERM, so `docker stop` waits and then kills the application without \
                     a clean shutdown{extra}"
                ),
            );
            finding.help(format!(
                "use the JSON form, `{keyword} [\"executable\", \"arg\"]`; if shell features are needed, start with `exec` so the application replaces the shell"
            ));
            if let Some(words) = plain_words(text) {
                let verbatim = shell.text.span().text(cx.source) == text;
                if verbatim {
                    if let Ok(json) = serde_json::to_string(&words) {
                        finding.fix(Fix::unsafe_(
                            "rewrite in JSON form",
                            vec![Edit::replace(
                                shell.text.span(),
                                json.replace("\",\"", "\", \""),
                            )],
                        ));
                    }
                }
            }
        }
    }
}

/// The words of `text` when it is one simple command of plain words: no operators,
/// redirections, variables, globs or substitutions, so the JSON form means the same.
fn plain_words(text: &str) -> Option<Vec<String>> {
    if text.contains([
        '$', '`', '*', '?', '~', '<', '>', '|', '&', ';', '(', ')', '\\', '\n', '#',
    ]) {
        return None;
    }
    let list = parse_commands(text);
    let [cmd] = list.commands.as_slice() else {
        return None;
    };
    let mut out = Vec::new();
    for w in &cmd.words {
        out.push(w.literal.clone()?);
    }
    (!out.is_empty() && out.first().is_some_and(|w| !w.contains('='))).then_some(out)
}
