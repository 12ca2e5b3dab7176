//! K414 insecure-transport-url: a build step downloads over plain `http://` (`curl`, `wget`,
//! `ADD`, `git clone`, a pip index, an npm registry, a gem source), so anyone on the network
//! path can change what the build installs.
//!
//! URLs are taken from download commands only (an `http://` line written into an apt or yum
//! repository list is not reported: those packages are signature-checked), and from variables
//! the tools read (`PIP_INDEX_URL`, `NPM_CONFIG_REGISTRY`, …). Loopback, private (RFC 1918)
//! and single-label hosts are skipped, and so is a step that checks a checksum or signature.
//! See `rules/K414-insecure-transport-url/README.md`.

use keelson_syntax::dockerfile::{InstructionArgs, InstructionKind};
use keelson_syntax::Span;

use crate::commands::env_settings;
use crate::commands::{run_commands, run_steps, Command, Word};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    // No peer checks this.
    peers: &[],
    fixable: false,
};

pub(crate) struct InsecureTransportUrl;
pub(crate) static RULE: InsecureTransportUrl = InsecureTransportUrl;

const WHY: &str = "plain HTTP is neither encrypted nor authenticated, so anyone on the network \
     path (a proxy, a hijacked DNS answer, a hostile network) can replace what is downloaded, \
     and the build installs it";
const HELP: &str = "use `https://`; if the server only speaks HTTP, pin the download's SHA-256 \
     and check it (`ADD --checksum=sha256:<digest> <url> <dest>` or `sha256sum -c`)";

impl Check for InsecureTransportUrl {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            let ins = ins.onbuild_inner().unwrap_or(ins);
            if ins.kind != InstructionKind::Add {
                continue;
            }
            let InstructionArgs::Add(args) = &ins.view else {
                continue;
            };
            if ins.flag("checksum").is_some() {
                continue;
            }
            let id = cx.model.id_of(ins);
            for word in &args.sources {
                let value = match id {
                    Some(id) if word.raw.contains('$') => {
                        let e = cx.model.expand_at(id, &word.raw);
                        if !e.is_resolved() {
                            continue;
                        }
                        e.value
                    }
                    _ => word.raw.clone(),
                };
                if let Some(url) = insecure_url(&value) {
                    let span = narrow(cx.source, word.span, url);
                    out.report(
                        span,
                        format!("`ADD` downloads `{url}` over plain HTTP: {WHY}"),
                    )
                    .help(HELP);
                }
            }
        }
        for step in run_steps(cx) {
            let commands = run_commands(cx, step.instruction);
            if commands.iter().any(verifies_download) {
                continue;
            }
            for cmd in commands.iter() {
                for (word, what) in &download_urls(cmd) {
                    let value = match &word.literal {
                        Some(l) => l.clone(),
                        None => match step.id {
                            Some(id) => {
                                let e = cx.model.expand_at(id, &word.raw);
                                if !e.is_resolved() {
                                    continue;
                                }
                                e.value
                            }
                            None => continue,
                        },
                    };
                    let Some(url) = insecure_url(&value) else {
                        continue;
                    };
                    let span = narrow(cx.source, word.span, url);
                    out.report(span, format!("{what} `{url}` over plain HTTP: {WHY}"))
                        .help(HELP);
                }
            }
        }
        for setting in env_settings(cx).iter() {
            let Some(tool) = url_variable(&setting.name) else {
                continue;
            };
            for part in setting.value.split([' ', ',']) {
                if let Some(url) = insecure_url(part) {
                    let span = narrow(cx.source, setting.span, url);
                    out.report(
                        span,
                        format!(
                            "`{}` makes {tool} fetch from `{url}` over plain HTTP: {WHY}",
                            setting.name
                        ),
                    )
                    .help(HELP);
                }
            }
        }
    }
}

/// The tool that reads variable `name` as a package source URL.
fn url_variable(name: &str) -> Option<&'static str> {
    let upper = name.to_ascii_uppercase();
    Some(match upper.as_str() {
        "PIP_INDEX_URL" | "PIP_EXTRA_INDEX_URL" | "PIP_FIND_LINKS" => "pip",
        "UV_INDEX_URL" | "UV_EXTRA_INDEX_URL" | "UV_INDEX" | "UV_DEFAULT_INDEX" => "uv",
        "NPM_CONFIG_REGISTRY" => "npm",
        "YARN_REGISTRY" | "YARN_NPM_REGISTRY_SERVER" => "Yarn",
        "GOPROXY" => "the go command",
        _ => return None,
    })
}

/// `url` when it is a plain-HTTP URL to a public host.
fn insecure_url(text: &str) -> Option<&str> {
    let trimmed = text.trim_matches(|c| c == '"' || c == '\'');
    let start = trimmed.find("http://")?;
    // Only a word that is a URL (possibly after `name@`/`git+` prefixes), not prose.
    let prefix = trimmed.get(..start)?;
    if !(prefix.is_empty()
        || prefix.ends_with('+')
        || prefix.ends_with('@')
        || prefix.ends_with('='))
    {
        return None;
    }
    let url = trimmed.get(start..)?;
    let url = url.split_whitespace().next().unwrap_or(url);
    let host = host_of(url)?;
    (!is_local_host(host)).then_some(url)
}

/// The host of `http://…` (without user info and port).
fn host_of(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("http://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    if let Some(v6) = authority.strip_prefix('[') {
        return v6.split(']').next();
    }
    let host = authority.split(':').next().unwrap_or(authority);
    (!host.is_empty()).then_some(host)
}

/// Loopback, private-network (RFC 1918, link-local), single-label (`nexus`, a compose service)
/// and `.local`/`.internal`/`.localhost` hosts, and hosts that are still a variable.
fn is_local_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    if host.contains('$') || host == "::1" || !host.contains('.') {
        return true;
    }
    if [".local", ".internal", ".localhost", ".lan", ".home.arpa"]
        .iter()
        .any(|s| host.ends_with(s))
    {
        return true;
    }
    let octets: Vec<u8> = host.split('.').filter_map(|p| p.parse().ok()).collect();
    if octets.len() == 4 && host.split('.').count() == 4 {
        return match (octets[0], octets[1]) {
            (127 | 10 | 0, _) => true,
            (172, b) => (16..=31).contains(&b),
            (192, 168) | (169, 254) => true,
            _ => false,
        };
    }
    false
}

/// The span of `url` inside `span` of the source, when it is written there verbatim.
fn narrow(source: &str, span: Span, url: &str) -> Span {
    let start = span.start();
    match source.get(start..span.end()).and_then(|t| t.find(url)) {
        Some(at) => Span::new(start + at, start + at + url.len()),
        None => span,
    }
}

/// A command that checks what was downloaded (`sha256sum -c`, `gpg --verify`, `gpgv`).
fn verifies_download(cmd: &Command) -> bool {
    match cmd.name() {
        "sha256sum" | "sha384sum" | "sha512sum" | "sha1sum" | "shasum" | "md5sum" => {
            cmd.has_option(&["-c", "--check"]).is_some() || cmd.has_short('c', "a").is_some()
        }
        "gpg" | "gpg2" => cmd.has_option(&["--verify"]).is_some(),
        "gpgv" | "cosign" | "minisign" | "signify" => true,
        _ => false,
    }
}

/// The words of `cmd` that are URLs it downloads from, with what the command does.
fn download_urls(cmd: &Command) -> Vec<(Word, &'static str)> {
    let name = cmd.name();
    let mut out: Vec<(Word, &'static str)> = Vec::new();
    let mut value_of = |long: &str, short: Option<char>, what: &'static str| {
        if let Some((_, v)) = cmd.option_value(long, short) {
            out.push((v, what));
        }
    };
    match name {
        "npm" | "yarn" | "pnpm" | "npx" => {
            value_of("--registry", None, "the package manager uses the registry");
        }
        "gem" => {
            value_of("--source", Some('s'), "gem uses the source");
            value_of("--add", Some('a'), "gem uses the source");
        }
        _ if is_pip(cmd) => {
            value_of("--index-url", Some('i'), "pip uses the package index");
            value_of("--extra-index-url", None, "pip uses the package index");
            value_of("--find-links", Some('f'), "pip uses the package index");
        }
        _ => {}
    }
    let words = |ws: Vec<&Word>, what: &'static str| -> Vec<(Word, &'static str)> {
        ws.into_iter().map(|w| (w.clone(), what)).collect()
    };
    match name {
        "curl" | "wget" | "aria2c" | "axel" => {
            // Option values (a proxy, a referer, posted data, `wget -e http_proxy=…`) are not
            // downloads: only words that are a URL, or a variable that may hold one, are.
            let mut skip = false;
            for w in &cmd.args {
                if skip {
                    skip = false;
                    continue;
                }
                if let Some(l) = w.literal.as_deref() {
                    if l.starts_with('-') {
                        skip = VALUE_OPTIONS.contains(&l);
                        continue;
                    }
                }
                if is_url_word(w) {
                    out.push((w.clone(), "the step downloads"));
                }
            }
        }
        "git" => {
            let sub = cmd
                .operands(&["-c", "-C"])
                .first()
                .and_then(|w| w.literal.clone());
            if matches!(
                sub.as_deref(),
                Some("clone" | "fetch" | "pull" | "submodule" | "remote" | "ls-remote")
            ) {
                out.extend(words(
                    cmd.args.iter().filter(|w| is_url_word(w)).collect(),
                    "git fetches from",
                ));
            }
        }
        "npm" | "yarn" | "pnpm" | "npx" => {
            if let Some(i) = cmd.args.iter().position(|w| w.is("registry")) {
                if cmd
                    .args
                    .iter()
                    .take(i)
                    .any(|w| w.is("set") || w.is("config"))
                {
                    if let Some(v) = cmd.args.get(i + 1) {
                        out.push((v.clone(), "the package manager uses the registry"));
                    }
                }
            }
            if cmd
                .args
                .iter()
                .any(|w| w.is("install") || w.is("add") || w.is("i"))
            {
                out.extend(words(
                    cmd.operands(&["--registry"]),
                    "the package manager installs",
                ));
            }
        }
        _ if is_pip(cmd) => {
            if let Some(i) = cmd.args.iter().position(|w| {
                w.literal
                    .as_deref()
                    .is_some_and(|l| l.ends_with("index-url") || l.ends_with("find-links"))
            }) {
                if cmd.args.iter().take(i).any(|w| w.is("set")) {
                    if let Some(v) = cmd.args.get(i + 1) {
                        out.push((v.clone(), "pip uses the package index"));
                    }
                }
            }
            if cmd.args.iter().any(|w| w.is("install") || w.is("download")) {
                out.extend(words(cmd.operands(&PIP_VALUE_OPTIONS), "pip installs"));
            }
        }
        _ => {}
    }
    out
}

/// `curl`/`wget` options whose value is not a URL to download.
const VALUE_OPTIONS: &[&str] = &[
    "-x",
    "--proxy",
    "--preproxy",
    "-e",
    "--referer",
    "--execute",
    "-H",
    "--header",
    "-d",
    "--data",
    "--data-raw",
    "--data-binary",
    "--data-urlencode",
    "-F",
    "--form",
    "--post-data",
];

/// A word that is a URL, or holds a variable that may expand to one.
fn is_url_word(w: &Word) -> bool {
    match w.literal.as_deref() {
        Some(l) => l
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("http://")),
        None => true,
    }
}

/// pip options that take a value.
const PIP_VALUE_OPTIONS: [&str; 14] = [
    "-i",
    "--index-url",
    "--extra-index-url",
    "-f",
    "--find-links",
    "-r",
    "--requirement",
    "-c",
    "--constraint",
    "-e",
    "--trusted-host",
    "-t",
    "--target",
    "--prefix",
];

/// `pip`, `pip3`, `pip3.12`, `uv pip`, or `python -m pip`.
pub(super) fn is_pip(cmd: &Command) -> bool {
    let name = cmd.name();
    if name
        .strip_prefix("pip")
        .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
    {
        return true;
    }
    if name == "uv" && cmd.args.first().is_some_and(|w| w.is("pip")) {
        return true;
    }
    name.starts_with("python")
        && cmd.args.first().is_some_and(|w| w.is("-m"))
        && cmd.args.get(1).is_some_and(|w| w.is("pip"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_loopback_hosts_are_local() {
        for host in [
            "localhost",
            "127.0.0.1",
            "10.1.2.3",
            "172.20.0.5",
            "192.168.1.10",
            "nexus",
            "repo.internal",
            "::1",
            "${MIRROR}",
        ] {
            assert!(is_local_host(host), "{host}");
        }
        for host in ["example.com", "172.32.0.1", "8.8.8.8", "deb.debian.org"] {
            assert!(!is_local_host(host), "{host}");
        }
    }

    #[test]
    fn finds_the_url_in_a_word() {
        assert_eq!(
            insecure_url("http://example.com/a.tgz"),
            Some("http://example.com/a.tgz")
        );
        assert_eq!(
            insecure_url("--index-url=http://pypi.example.com/simple"),
            Some("http://pypi.example.com/simple")
        );
        assert_eq!(
            insecure_url("git+http://example.com/r.git"),
            Some("git+http://example.com/r.git").map(|s| &s[4..])
        );
        assert_eq!(insecure_url("https://example.com"), None);
        assert_eq!(insecure_url("see http://example.com"), None);
        assert_eq!(insecure_url("http://localhost:8080/x"), None);
    }
}
