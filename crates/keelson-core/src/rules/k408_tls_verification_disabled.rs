//! K408 tls-verification-disabled: a build step or a setting turns off TLS certificate
//! verification for downloads (`curl -k`, `wget --no-check-certificate`, `pip --trusted-host`,
//! `npm config set strict-ssl false`, `git config http.sslVerify false`, yum/dnf
//! `sslverify=0`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `GIT_SSL_NO_VERIFY`,
//! `PIP_TRUSTED_HOST`, …).
//!
//! Commands are found with `crate::commands`; variables are read from `ENV`, `ARG` defaults,
//! `VAR=x cmd` / `export VAR=x` / `env VAR=x` in `RUN`, and compose `environment`.
//! Variables come from the shared [`crate::commands::env_settings`]. See `rules/K408-tls-verification-disabled/README.md`.

use keelson_syntax::Span;

use crate::commands::{contains_ignore_case, run_commands, run_steps, Command, Word};
use crate::commands::env_settings;
use crate::context::{ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, BOTH};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: BOTH,
    peers: &[
        peer("checkov", "CKV2_DOCKER_2"),
        peer("checkov", "CKV2_DOCKER_3"),
        peer("checkov", "CKV2_DOCKER_4"),
        peer("checkov", "CKV2_DOCKER_5"),
        peer("checkov", "CKV2_DOCKER_6"),
        peer("checkov", "CKV2_DOCKER_12"),
        peer("checkov", "CKV2_DOCKER_13"),
        peer("checkov", "CKV2_DOCKER_14"),
        peer("checkov", "CKV2_DOCKER_15"),
        peer("checkov", "CKV2_DOCKER_16"),
    ],
    fixable: false,
};

pub(crate) struct TlsVerificationDisabled;
pub(crate) static RULE: TlsVerificationDisabled = TlsVerificationDisabled;

const WHY: &str = "anyone on the network path (a proxy, a hijacked DNS answer, a hostile Wi-Fi) \
     can then serve their own packages or scripts, and the build installs them into the image";
const HELP: &str = "keep certificate verification on; if a private registry or a proxy uses \
     its own CA, add that CA to the image's trust store (`COPY ca.crt \
     /usr/local/share/ca-certificates/` and `update-ca-certificates`) or point the tool at it \
     (`--cacert`, `PIP_CERT`, `NODE_EXTRA_CA_CERTS`, `http.sslCAInfo`)";

impl Check for TlsVerificationDisabled {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                if let Some((span, what)) = insecure_command(cmd) {
                    out.report(span, format!("{what}: {WHY}")).help(HELP);
                }
            }
        }
        for setting in env_settings(cx).iter() {
            if let Some(what) = insecure_variable(&setting.name, &setting.value) {
                out.report(setting.span, format!("{what}: {WHY}"))
                    .help(HELP);
            }
        }
    }

    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            for kv in &service.environment {
                let Some(value) = &kv.value else {
                    continue;
                };
                if let Some(what) = insecure_variable(&kv.key, &value.value) {
                    let (file, span) = cx.at(value.loc);
                    out.report_in(
                        file,
                        span,
                        format!(
                            "service `{}`: {what}: the service then accepts any certificate, so \
                             anyone on the network path can read and change its HTTPS traffic",
                            service.name
                        ),
                    )
                    .help(HELP);
                }
            }
        }
    }
}

/// What setting `name` to `value` turns off, if it disables TLS verification.
fn insecure_variable(name: &str, value: &str) -> Option<String> {
    let off = matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "0" | "false" | "no" | "off"
    );
    let what = match name {
        "NODE_TLS_REJECT_UNAUTHORIZED" if value.trim() == "0" => {
            "`NODE_TLS_REJECT_UNAUTHORIZED=0` makes Node.js (and npm) accept any TLS certificate"
        }
        "PYTHONHTTPSVERIFY" if value.trim() == "0" => {
            "`PYTHONHTTPSVERIFY=0` makes Python's standard HTTPS client skip certificate checks"
        }
        // Git only checks that the variable is set, whatever its value.
        "GIT_SSL_NO_VERIFY" => {
            "`GIT_SSL_NO_VERIFY` (set to any value) makes git skip certificate checks"
        }
        "PIP_TRUSTED_HOST" if !value.trim().is_empty() => {
            "`PIP_TRUSTED_HOST` makes pip accept that host over plain HTTP or with any certificate"
        }
        _ if name.eq_ignore_ascii_case("NPM_CONFIG_STRICT_SSL") && off => {
            "`NPM_CONFIG_STRICT_SSL=false` makes npm accept any registry certificate"
        }
        "YARN_ENABLE_STRICT_SSL" if off => {
            "`YARN_ENABLE_STRICT_SSL=false` makes Yarn accept any registry certificate"
        }
        "CONDA_SSL_VERIFY" if off => {
            "`CONDA_SSL_VERIFY=false` makes conda accept any channel certificate"
        }
        "GOINSECURE" if !value.trim().is_empty() => {
            "`GOINSECURE` makes the go command fetch those modules without TLS verification"
        }
        _ => return None,
    };
    Some(what.to_owned())
}

/// curl's short options that take a value (so the letters after them are not options).
const CURL_VALUE_LETTERS: &str = "oudHXAeEFKmTwxyYzbcCDrQtUP";

/// The word that turns verification off in `cmd`, and what it does.
fn insecure_command(cmd: &Command) -> Option<(Span, String)> {
    let name = cmd.name();
    let found = |w: &Word, what: &str| Some((w.value_span(), what.to_owned()));
    match name {
        "curl" => {
            let w = cmd
                .has_option(&["--insecure", "-k"])
                .or_else(|| cmd.has_short('k', CURL_VALUE_LETTERS))?;
            found(w, "`curl -k` accepts any server certificate")
        }
        "wget" => {
            let w = cmd.has_option(&["--no-check-certificate"])?;
            found(
                w,
                "`wget --no-check-certificate` accepts any server certificate",
            )
        }
        "git" => git_insecure(cmd),
        "npm" | "yarn" | "pnpm" => {
            if let Some(w) = cmd.has_option(&["--no-strict-ssl"]) {
                return found(
                    w,
                    "`--no-strict-ssl` makes the package manager accept any certificate",
                );
            }
            if let Some(w) = cmd.args.iter().find(|w| {
                w.literal
                    .as_deref()
                    .is_some_and(|l| l.strip_prefix("--strict-ssl=").is_some_and(is_false))
            }) {
                return found(
                    w,
                    "`--strict-ssl=false` makes the package manager accept any certificate",
                );
            }
            config_set(cmd, &["strict-ssl", "enableStrictSsl"], is_false).and_then(|w| {
                found(w, "setting `strict-ssl` to false makes the package manager accept any registry certificate")
            })
        }
        "conda" | "mamba" | "micromamba" => {
            config_set(cmd, &["ssl_verify"], is_false).and_then(|w| {
                found(
                    w,
                    "`conda config --set ssl_verify false` accepts any channel certificate",
                )
            })
        }
        "composer" => {
            let w = config_set(cmd, &["secure-http"], is_false)
                .or_else(|| config_set(cmd, &["disable-tls"], |v| v == "true"))?;
            found(
                w,
                "this composer setting lets packages be downloaded without TLS verification",
            )
        }
        "apt-get" | "apt" | "aptitude" => {
            let w = cmd.args.iter().find(|w| {
                w.literal.as_deref().is_some_and(|l| {
                    let l = l.to_ascii_lowercase();
                    (l.contains("acquire::https::verify-peer")
                        || l.contains("acquire::https::verify-host"))
                        && l.split('=')
                            .nth(1)
                            .is_some_and(|v| is_false(v.trim_matches('"')))
                })
            })?;
            found(
                w,
                "`Acquire::https::Verify-Peer=false` makes apt accept any repository certificate",
            )
        }
        "yum" | "dnf" | "microdnf" | "tdnf" | "yum-config-manager" | "dnf-config-manager" => {
            let w = cmd
                .args
                .iter()
                .find(|w| w.literal.as_deref().is_some_and(sets_sslverify_off))?;
            found(
                w,
                "`sslverify=0` makes the package manager accept any repository certificate",
            )
        }
        "echo" | "printf" | "sed" => {
            let w = cmd
                .args
                .iter()
                .find(|w| written_text(cmd, w).is_some_and(sets_sslverify_off))?;
            found(w, "writing `sslverify=0` into a repository configuration makes yum/dnf accept any certificate")
        }
        _ if is_pip(cmd) => {
            if let Some((w, _)) = cmd.option_value("--trusted-host", None) {
                return found(w, "`pip --trusted-host` accepts that host over plain HTTP or with any certificate");
            }
            config_set(cmd, &["global.trusted-host", "install.trusted-host"], |_| true)
                .and_then(|w| found(w, "setting pip's `trusted-host` accepts that host over plain HTTP or with any certificate"))
        }
        _ => None,
    }
}

/// The text a word of `echo`/`printf`/`tee` writes, or the replacement of a `sed` `s`
/// command (`s/sslverify=0/sslverify=1/` writes `sslverify=1`; `/x/d` writes nothing).
pub(super) fn written_text<'w>(cmd: &Command, w: &'w Word) -> Option<&'w str> {
    let text = w.literal.as_deref()?;
    if cmd.name() != "sed" {
        return Some(text);
    }
    let mut chars = text.chars();
    let delimiter = match (chars.next(), chars.next()) {
        (Some('s'), Some(d)) if !d.is_ascii_alphanumeric() && !d.is_whitespace() => d,
        _ => return None,
    };
    text.get(2..)?.split(delimiter).nth(1)
}

/// `pip`, `pip3`, `pip3.12`, or `python -m pip`.
fn is_pip(cmd: &Command) -> bool {
    let name = cmd.name();
    if name
        .strip_prefix("pip")
        .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
    {
        return true;
    }
    name.starts_with("python")
        && cmd.args.first().is_some_and(|w| w.is("-m"))
        && cmd.args.get(1).is_some_and(|w| w.is("pip"))
}

fn is_false(v: &str) -> bool {
    matches!(
        v.to_ascii_lowercase().as_str(),
        "false" | "0" | "no" | "off"
    )
}

/// `sslverify=0` (any case, also `false`/`no`), alone or in a `--setopt=` or a config line.
fn sets_sslverify_off(text: &str) -> bool {
    sets_key_off(text, "sslverify", |c| c.is_ascii_alphanumeric() || c == '_')
}

/// Whether `text` sets `key` (lower case) to an off value (`0`, `false`, `no`, `off`, any
/// case) as `key=value`, spaces allowed around `=`. An occurrence right after a character for
/// which `in_name` holds is the tail of a longer name and does not count, unless a `\n`
/// written in a `printf` format puts it at the start of a line.
pub(super) fn sets_key_off(text: &str, key: &str, in_name: fn(char) -> bool) -> bool {
    if !contains_ignore_case(text, key) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower.get(from..).and_then(|r| r.find(key)) {
        let at = from + pos;
        from = at + key.len();
        let before = lower.get(..at).and_then(|b| b.chars().last());
        let new_line = lower.get(..at).is_some_and(|b| b.ends_with("\\n"));
        if !new_line && before.is_some_and(in_name) {
            continue;
        }
        let rest = lower.get(from..).unwrap_or("").trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            continue;
        };
        let value: String = value
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if is_false(&value) {
            return true;
        }
    }
    false
}

/// `tool config set KEY VALUE` / `tool set KEY VALUE` / `config set KEY=VALUE` /
/// `config --set KEY VALUE` (`conda`) / `config -g KEY VALUE` (`composer`), for a key in
/// `keys` and a value `accept` says yes to: the key word.
fn config_set<'c>(cmd: &'c Command, keys: &[&str], accept: fn(&str) -> bool) -> Option<&'c Word> {
    let args = &cmd.args;
    let start = args.iter().position(|w| w.is("config") || w.is("set"))?;
    let rest = args.get(start + 1..)?;
    let mut words = rest.iter().filter(|w| {
        !w.literal.as_deref().is_some_and(|l| {
            matches!(
                l,
                "set"
                    | "--set"
                    | "-g"
                    | "--global"
                    | "--location=global"
                    | "--location=user"
                    | "--"
            )
        })
    });
    let key = words.next()?;
    let k = key.literal.as_deref()?;
    if let Some((k, v)) = k.split_once('=') {
        return (keys.iter().any(|x| x.eq_ignore_ascii_case(k)) && accept(v)).then_some(key);
    }
    if !keys.iter().any(|x| x.eq_ignore_ascii_case(k)) {
        return None;
    }
    let value = words.next()?.literal.as_deref()?;
    accept(value).then_some(key)
}

/// `git config [--global] http[.<url>].sslVerify false` or `git -c http.sslVerify=false …`.
fn git_insecure(cmd: &Command) -> Option<(Span, String)> {
    let is_key = |k: &str| {
        let k = k.to_ascii_lowercase();
        k.starts_with("http.") && k.ends_with(".sslverify")
    };
    let msg = "turning off git's `http.sslVerify` makes it accept any server certificate";
    // `git -c http.sslVerify=false clone …`.
    let mut words = cmd.args.iter();
    while let Some(w) = words.next() {
        if w.is("-c") {
            if let Some(v) = words.next() {
                if let Some((k, val)) = v.literal.as_deref().and_then(|l| l.split_once('=')) {
                    if is_key(k) && is_false(val) {
                        return Some((v.value_span(), msg.to_owned()));
                    }
                }
            }
            continue;
        }
        if w.is("config") {
            let rest: Vec<&Word> = words
                .by_ref()
                .filter(|w| !w.literal.as_deref().is_some_and(|l| l.starts_with('-')))
                .collect();
            let (key, value) = (rest.first()?, rest.get(1)?);
            if key.literal.as_deref().is_some_and(is_key)
                && value.literal.as_deref().is_some_and(is_false)
            {
                return Some((key.value_span(), msg.to_owned()));
            }
            return None;
        }
        if !w.literal.as_deref().is_some_and(|l| l.starts_with('-')) {
            return None;
        }
    }
    None
}
