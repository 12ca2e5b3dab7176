//! K102 secret-token: a provider-format secret ([`secrets::scan_text`]: AWS keys, GitHub/GitLab/
//! Slack/Stripe/npm/… tokens, private key blocks, JWTs, passwords in URLs) anywhere in a
//! Dockerfile (instructions, heredocs, comments) or in the YAML files of a compose project.
//!
//! Passwords in URLs and `.npmrc` lines that sit on a command line are left to K103, and values
//! of secret-named variables that hold a token are reported here instead of by K101, so each
//! secret is reported once. See `rules/K102-secret-token/README.md`.

use keelson_syntax::dockerfile::{Instruction, InstructionKind, ItemKind};
use keelson_syntax::Span;

use super::k101_secret_in_variable::{
    compose_findings, dockerfile_findings, has_escaped_reference, names_a_secret, overlaps, redact,
    redact_with,
};
use super::k103_secret_in_command::{compose_regions, dockerfile_regions, is_generic_kind};
use crate::context::{ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, BOTH};
use crate::secrets::{Confidence, SecretMatch};
use crate::source::FileId;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Secrets,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: BOTH,
    peers: &[
        peer("kics", "Passwords And Secrets"),
        peer("checkov", "secrets"),
    ],
    fixable: false,
};

pub(crate) struct SecretToken;
pub(crate) static RULE: SecretToken = SecretToken;

impl Check for SecretToken {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let matches = cx.secret_tokens();
        if matches.is_empty() {
            return;
        }
        let commands = dockerfile_regions(cx.syntax);
        let variables: Vec<Span> = dockerfile_findings(cx).into_iter().map(|f| f.span).collect();
        for m in matches.iter() {
            if is_generic_kind(m.kind)
                && (inside_any(m.span, &commands) || variables.iter().any(|v| overlaps(*v, m.span)))
            {
                continue; // K103's or K101's
            }
            let secret = m.span.text(cx.source);
            if cx.secret_allowed(secret) || (is_generic_kind(m.kind) && names_a_secret(secret)) {
                continue;
            }
            let (place, why, comment) = dockerfile_place(cx, m.span);
            if comment && is_generic_kind(m.kind) {
                continue; // `# e.g. postgres://user:pass@host`: documentation, not a token
            }
            let message = format!("{} {place}: {why}", subject(m, secret));
            out.report(m.span, message)
                .severity(severity(m))
                .help(help(m.kind));
        }
    }

    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        let commands = compose_regions(cx.project);
        let variables: Vec<(FileId, Span)> =
            compose_findings(cx).into_iter().map(|f| (f.file, f.span)).collect();
        for (index, file) in cx.project.files.iter().enumerate() {
            // Compose YAML files only: `.env` files are where secrets are meant to be kept.
            if file.yaml.is_none() {
                continue;
            }
            let text: &str = &file.text;
            for m in cx.secret_tokens(keelson_model::compose::FileIdx(index as u32)).iter() {
                let in_command = commands
                    .iter()
                    .any(|l| l.file.index() == index && inside(m.span, l.span));
                let in_variable = variables
                    .iter()
                    .any(|(f, v)| f.0 as usize == index && overlaps(*v, m.span));
                if is_generic_kind(m.kind) && (in_command || in_variable) {
                    continue; // K103's or K101's
                }
                let secret = m.span.text(text);
                if has_escaped_reference(secret)
                    || cx.secret_allowed(secret)
                    || (is_generic_kind(m.kind) && names_a_secret(secret))
                {
                    continue;
                }
                if is_generic_kind(m.kind) && in_yaml_comment(text, m.span.start()) {
                    continue; // `# e.g. postgres://user:pass@host`: documentation, not a token
                }
                let message = format!(
                    "{} in a compose file: anyone who can read the file or its repository history \
                     can use it",
                    subject(m, secret)
                );
                out.report_in(FileId(index as u32), m.span, message)
                    .severity(severity(m))
                    .help(help(m.kind));
            }
        }
    }
}

fn inside(span: Span, region: Span) -> bool {
    region.start() <= span.start() && span.end() <= region.end()
}

fn inside_any(span: Span, regions: &[Span]) -> bool {
    regions.iter().any(|r| inside(span, *r))
}

/// A default credential (`postgres://postgres:postgres@…`, weakly structured) is a warning.
fn severity(m: &SecretMatch) -> Severity {
    if m.confidence == Confidence::Low {
        Severity::Warning
    } else {
        Severity::Error
    }
}

/// "hardcoded GitHub personal access token (classic) `ghp_…`"; a private key is named by its
/// header only, and a webhook by its host.
fn subject(m: &SecretMatch, secret: &str) -> String {
    match m.kind {
        "private-key" => format!("hardcoded {}", m.description),
        "url-credentials" => format!("password `{}` written into a URL", redact(secret)),
        "generic-secret-assignment" => {
            format!("random-looking secret `{}` assigned to a secret-named variable", redact(secret))
        }
        "slack-webhook" => format!("hardcoded {} `https://hooks.slack.com/…`", m.description),
        kind => format!(
            "hardcoded {} `{}`",
            m.description,
            redact_with(secret, !is_generic_kind(kind))
        ),
    }
}

/// Where in a Dockerfile a match is, and why that matters.
fn dockerfile_place(cx: &DockerfileContext<'_>, span: Span) -> (String, &'static str, bool) {
    const COMMITTED: &str = "anyone who can read the Dockerfile or its repository history can use it";
    let start = span.start();
    for item in &cx.syntax.items {
        if !item.span.contains(start) {
            continue;
        }
        return match &item.kind {
            ItemKind::Comment(_) | ItemKind::Directive(_) => (
                "in a comment".to_string(),
                IN_COMMENT,
                true,
            ),
            ItemKind::Instruction(i) => {
                let (place, why) = instruction_place(i, start, false);
                let comment = why == IN_COMMENT;
                (place, why, comment)
            }
            _ => ("in the Dockerfile".to_string(), COMMITTED, false),
        };
    }
    ("in the Dockerfile".to_string(), COMMITTED, false)
}

const IN_COMMENT: &str =
    "it is not in the image, but anyone who can read the Dockerfile or its repository history \
     can use it";

/// Whether byte `offset` of a YAML text is inside a comment (`#` at the start of a line or after
/// whitespace, outside quotes).
fn in_yaml_comment(text: &str, offset: usize) -> bool {
    let line_start = text.get(..offset).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    let Some(line) = text.get(line_start..offset) else {
        return false;
    };
    let (mut single, mut double) = (false, false);
    let mut prev = ' ';
    for c in line.chars() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && prev.is_whitespace() => return true,
            _ => {}
        }
        prev = c;
    }
    false
}

fn instruction_place(i: &Instruction, start: usize, onbuild: bool) -> (String, &'static str) {
    if i.embedded_comments.iter().any(|c| c.span.contains(start)) {
        return ("in a comment".to_string(), IN_COMMENT);
    }
    if let Some(inner) = i.onbuild_inner() {
        if inner.span.contains(start) {
            return instruction_place(inner, start, true);
        }
    }
    let keyword = if onbuild {
        format!("`ONBUILD {}`", i.kind.name())
    } else {
        format!("`{}`", i.kind.name())
    };
    if i.heredocs.iter().any(|h| h.body_span.contains(start)) {
        return match i.kind {
            InstructionKind::Copy | InstructionKind::Add => (
                format!("in a heredoc of {keyword}"),
                "the file is written into an image layer, where anyone who can pull the image \
                 reads it, and it is committed with the Dockerfile",
            ),
            _ => (
                format!("in a heredoc of {keyword}"),
                "it is committed with the Dockerfile and ends up in the build cache and, if the \
                 script writes it, in an image layer",
            ),
        };
    }
    let why = match i.kind {
        InstructionKind::Run => {
            "BuildKit records the command line in the image history (`docker history`), and it is \
             committed with the Dockerfile"
        }
        InstructionKind::Env | InstructionKind::Label => {
            "it is stored in the image configuration, where anyone who can pull the image reads it \
             with `docker inspect`, and it is committed with the Dockerfile"
        }
        InstructionKind::Arg => {
            "it is committed with the Dockerfile, and every `RUN` that uses the argument records \
             it in the image history"
        }
        InstructionKind::Cmd | InstructionKind::Entrypoint | InstructionKind::Healthcheck => {
            "it is stored in the image configuration (`docker inspect`) and committed with the \
             Dockerfile"
        }
        _ => "anyone who can read the Dockerfile or its repository history can use it",
    };
    (format!("in {keyword}"), why)
}

fn help(kind: &str) -> &'static str {
    match kind {
        "private-key" => {
            "replace the key pair (the private key is compromised), then give the new key to the \
             build with `RUN --mount=type=ssh` or `RUN --mount=type=secret,id=<id>`, or to the \
             container with compose `secrets:`"
        }
        "url-credentials" => {
            "change the password, then build the URL from a reference filled at run time \
             (`postgres://app:${DB_PASSWORD}@db/app`, the value in compose `secrets:` or an `.env` \
             file that is not committed)"
        }
        _ => {
            "revoke the token at its provider now (it is in the repository history), then give the \
             new one to the build as a secret (`RUN --mount=type=secret,id=<id>`) or to the \
             container at run time (compose `secrets:`, or an `.env` file that is not committed)"
        }
    }
}
