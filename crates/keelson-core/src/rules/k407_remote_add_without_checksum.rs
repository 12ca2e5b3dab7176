//! K407 remote-add-without-checksum: `ADD` downloads a URL without `--checksum`, or a git
//! repository at a branch or tag rather than a commit.
//!
//! Sources are expanded with the model as BuildKit would. See
//! `rules/K407-remote-add-without-checksum/README.md`.

use keelson_syntax::dockerfile::{Instruction, InstructionArgs, InstructionKind};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    // hadolint DL3020, Trivy DS-0005 and Checkov CKV_DOCKER_4 (COPY instead of ADD) are a
    // different check.
    peers: &[],
    fixable: false,
};

pub(crate) struct RemoteAddWithoutChecksum;
pub(crate) static RULE: RemoteAddWithoutChecksum = RemoteAddWithoutChecksum;

impl Check for RemoteAddWithoutChecksum {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            let add = match ins.kind {
                InstructionKind::Add => ins,
                InstructionKind::Onbuild => match ins.onbuild_inner() {
                    Some(inner) if inner.kind == InstructionKind::Add => inner,
                    _ => continue,
                },
                _ => continue,
            };
            check_add(cx, ins, add, out);
        }
    }
}

fn check_add(
    cx: &DockerfileContext<'_>,
    outer: &Instruction,
    add: &Instruction,
    out: &mut Reporter<'_>,
) {
    let InstructionArgs::Add(args) = &add.view else {
        return;
    };
    if add
        .flag("checksum")
        .is_some_and(|f| f.value.as_deref().is_some_and(|v| !v.is_empty()))
    {
        return;
    }
    let id = cx.model.id_of(outer);
    for source in &args.sources {
        let value = match id {
            Some(id) => cx.model.expand_at(id, &source.raw).value,
            None => source.raw.clone(),
        };
        let value = value.trim_matches(['"', '\'']);
        if is_git(value) {
            let reference = value
                .split_once('#')
                .map(|(_, r)| r.split(':').next().unwrap_or(r));
            if reference.is_some_and(is_commit) {
                continue;
            }
            let at = match reference {
                Some(r) if !r.is_empty() => format!("at `{r}`, a ref that can move"),
                _ => "at its default branch".to_owned(),
            };
            out.report(
                source.span,
                format!(
                    "`ADD` clones a git repository {at}: each build can get different code, \
                     and nothing checks that it is the code you reviewed"
                ),
            )
            .help("pin the full commit hash (`repo.git#<40-hex commit>`), or add `--checksum=<commit>`");
        } else if is_url(value) {
            out.report(
                source.span,
                "`ADD` downloads a URL without `--checksum`: the image gets whatever the server \
                 returns at build time, so a compromised server, a replaced release asset or an \
                 attacker on the network path changes the image unnoticed",
            )
            .help(
                "add `--checksum=sha256:<digest>` with the digest of a download you have \
                 verified; BuildKit then fails the build when the content changes",
            );
        }
    }
}

fn is_url(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A source BuildKit clones with git: `git@…`, `git://…`, `ssh://…`, `github.com/…`, or an
/// HTTP(S) URL whose path ends in `.git`.
fn is_git(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    if lower.starts_with("git@")
        || lower.starts_with("git://")
        || lower.starts_with("ssh://")
        || lower.starts_with("github.com/")
    {
        return true;
    }
    let path = lower.split('#').next().unwrap_or(&lower);
    is_url(&lower) && (path.ends_with(".git") || path.ends_with(".git/"))
}

/// A full commit hash (SHA-1 or SHA-256).
fn is_commit(reference: &str) -> bool {
    matches!(reference.len(), 40 | 64) && reference.bytes().all(|b| b.is_ascii_hexdigit())
}
