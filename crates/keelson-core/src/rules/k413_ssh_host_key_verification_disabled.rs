//! K413 ssh-host-key-verification-disabled: a build step turns off SSH host key checking
//! (`ssh -o StrictHostKeyChecking=no`, `UserKnownHostsFile=/dev/null`, a `GIT_SSH_COMMAND` or
//! `core.sshCommand` that does so, `StrictHostKeyChecking no` written into an SSH config), so a
//! git or ssh fetch during the build talks to whichever server answers.
//!
//! Commands come from `crate::commands`; variables from `ENV`, `ARG` defaults and `VAR=x` in
//! `RUN` (shared with K408). `ssh-keyscan host >> known_hosts` (trust on first use) is reported
//! at `info` severity. See `rules/K413-ssh-host-key-verification-disabled/README.md`.

use keelson_syntax::Span;

use super::k408_tls_verification_disabled::written_text;
use crate::commands::env_settings;
use crate::commands::{contains_ignore_case, run_commands, run_steps, Command, SHELLS};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    // No peer checks this.
    peers: &[],
    fixable: false,
};

pub(crate) struct SshHostKeyVerificationDisabled;
pub(crate) static RULE: SshHostKeyVerificationDisabled = SshHostKeyVerificationDisabled;

const WHY: &str = "ssh then accepts any host key, so whoever answers for that host during the \
     build (a hijacked DNS answer, a hostile network, a proxy) can serve their own repository \
     or files, and they go into the image";
const HELP: &str = "keep host key checking on and ship the host's public key: `COPY \
     known_hosts /root/.ssh/known_hosts` (from a key you checked), or add the published key \
     (`echo \"github.com ssh-ed25519 AAAA…\" >> ~/.ssh/known_hosts`); with `RUN --mount=type=ssh` \
     the host's known_hosts can also be mounted";
const TOFU: &str = "`StrictHostKeyChecking=accept-new` trusts whatever key a host presents \
     the first time, and in a fresh build container every time is the first: a host \
     impersonated during the build is trusted";
const KEYSCAN_HELP: &str = "compare the scanned key with the fingerprint the host publishes, \
     then commit that key (`COPY known_hosts /root/.ssh/known_hosts`) instead of scanning at \
     build time";

impl Check for SshHostKeyVerificationDisabled {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            let commands = run_commands(cx, step.instruction);
            for (i, cmd) in commands.iter().enumerate() {
                if let Some(span) = keyscan_into_known_hosts(&commands, i) {
                    out.report(
                        span,
                        "`ssh-keyscan` adds whatever key the host presents at build time to \
                         `known_hosts` (trust on first use): a host impersonated during this \
                         build is trusted from then on",
                    )
                    .severity(Severity::Info)
                    .help(KEYSCAN_HELP);
                    continue;
                }
                // A shell's `-c` script is analysed as commands of its own.
                let name = cmd.name();
                if matches!(
                    name,
                    "grep" | "egrep" | "fgrep" | "test" | "[" | "export" | "su"
                ) || SHELLS.contains(&name)
                {
                    continue;
                }
                for word in &cmd.args {
                    let Some(text) = written_text(cmd, word) else {
                        continue;
                    };
                    if let Some(what) = disabled_setting(text) {
                        out.report(word.value_span(), format!("{what}: {WHY}"))
                            .help(HELP);
                    } else if accepts_new(text) {
                        out.report(word.value_span(), TOFU)
                            .severity(Severity::Info)
                            .help(KEYSCAN_HELP);
                    }
                }
            }
        }
        for setting in env_settings(cx).iter() {
            if let Some(what) = disabled_setting(&setting.value) {
                out.report(
                    setting.span,
                    format!("`{}` sets {what}: {WHY}", setting.name),
                )
                .help(HELP);
            } else if accepts_new(&setting.value) {
                out.report(setting.span, TOFU)
                    .severity(Severity::Info)
                    .help(KEYSCAN_HELP);
            }
        }
    }
}

/// The setting in `text` that turns host key checking off, described.
fn disabled_setting(text: &str) -> Option<&'static str> {
    if !mentions_host_keys(text) {
        return None;
    }
    if let Some(value) = option_value(text, "stricthostkeychecking") {
        if matches!(value.as_str(), "no" | "off" | "false") {
            return Some("`StrictHostKeyChecking=no`");
        }
    }
    if option_value(text, "userknownhostsfile").is_some_and(|v| v == "/dev/null") {
        return Some("`UserKnownHostsFile=/dev/null`");
    }
    None
}

/// Whether `text` sets `StrictHostKeyChecking=accept-new` (trust on first use).
fn accepts_new(text: &str) -> bool {
    mentions_host_keys(text) && option_value(text, "stricthostkeychecking").is_some_and(|v| v == "accept-new")
}

/// Whether `text` names either option at all (in any case): most words do not, and they are
/// ruled out without lower-casing a copy of each.
fn mentions_host_keys(text: &str) -> bool {
    contains_ignore_case(text, "hostkeychecking") || contains_ignore_case(text, "knownhostsfile")
}

/// The value (lower case, quotes removed) given to the SSH option `key` (lower case) somewhere
/// in `text`: `Key=value`, `Key value`, `Key "value"`.
fn option_value(text: &str, key: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower.get(from..).and_then(|r| r.find(key)) {
        let at = from + pos;
        from = at + key.len();
        let head = lower.get(..at).unwrap_or("");
        // `-oStrictHostKeyChecking=no`, and `\tStrictHostKeyChecking no` in a `printf` format.
        let attached = ["-o", "\\t", "\\n"].iter().any(|p| head.ends_with(p));
        if !attached
            && head
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        let rest = lower.get(from..).unwrap_or("");
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let separated = trimmed.len() < rest.len();
        let value = match trimmed.strip_prefix('=') {
            Some(v) => v.trim_start_matches([' ', '\t']),
            None if separated => trimmed,
            None => continue,
        };
        let value: String = value
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '\\' | ';'))
            .collect();
        if !value.is_empty() {
            return Some(value);
        }
    }
    None
}

/// `ssh-keyscan … >> …known_hosts` or `ssh-keyscan … | tee -a …known_hosts`: the span of
/// `ssh-keyscan` and its target.
fn keyscan_into_known_hosts(commands: &[Command], i: usize) -> Option<Span> {
    let cmd = commands.get(i)?;
    if cmd.name() != "ssh-keyscan" {
        return None;
    }
    let is_known_hosts = |t: &str| t.contains("known_hosts");
    let redirected = cmd.redirects.iter().any(|r| {
        r.op.starts_with('>')
            && r.fd.is_none_or(|fd| fd == 1)
            && r.target.as_ref().is_some_and(|t| is_known_hosts(t.text()))
    });
    let teed = cmd.pipes_to_next()
        && commands.get(i + 1).is_some_and(|next| {
            next.name() == "tee" && next.args.iter().any(|w| is_known_hosts(w.text()))
        });
    (redirected || teed).then_some(cmd.name_word.span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_the_forms_of_the_setting() {
        for text in [
            "StrictHostKeyChecking=no",
            "-oStrictHostKeyChecking=no",
            "ssh -oStrictHostKeyChecking=no host",
            "Host *\\n\\tStrictHostKeyChecking no\\n",
            "StrictHostKeyChecking no",
            "Host *\n\tStrictHostKeyChecking no\n",
            "ssh -o 'StrictHostKeyChecking=no'",
            "stricthostkeychecking = off",
            "UserKnownHostsFile=/dev/null",
        ] {
            assert!(disabled_setting(text).is_some(), "{text}");
        }
        for text in [
            "StrictHostKeyChecking=yes",
            "StrictHostKeyChecking=accept-new",
            "StrictHostKeyChecking",
            "UserKnownHostsFile=/root/.ssh/known_hosts",
            "NoStrictHostKeyChecking=no",
            "sshStrictHostKeyChecking=no",
        ] {
            assert!(disabled_setting(text).is_none(), "{text}");
        }
    }
}
