//! K910 add-instead-of-copy: `ADD` of local files or directories that are not archives, where
//! `COPY` does the same without `ADD`'s surprises. See `rules/K910-add-instead-of-copy/README.md`.

use keelson_syntax::dockerfile::{InstructionArgs, InstructionKind};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3020"),
        peer("trivy", "DS-0005"),
        peer("kics", "Add Instead of Copy"),
        peer("checkov", "CKV_DOCKER_4"),
        peer("semgrep", "prefer-copy-over-add"),
    ],
    fixable: true,
};

pub(crate) struct AddInsteadOfCopy;
pub(crate) static RULE: AddInsteadOfCopy = AddInsteadOfCopy;

/// File names that `ADD` unpacks (local tar archives, possibly compressed).
const ARCHIVE_SUFFIXES: &[&str] = &[
    ".tar",
    ".tar.gz",
    ".tgz",
    ".tar.bz2",
    ".tbz2",
    ".tbz",
    ".tar.xz",
    ".txz",
    ".tar.zst",
    ".tzst",
    ".tar.lz",
    ".tar.lzma",
    ".tlz",
    ".gz",
    ".bz2",
    ".xz",
    ".zst",
    ".lz4",
    ".lzma",
];

/// Flags only `ADD` understands: with them, `COPY` is not a replacement.
const ADD_ONLY_FLAGS: &[&str] = &["checksum", "keep-git-dir", "unpack"];

impl Check for AddInsteadOfCopy {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            if ins.kind != InstructionKind::Add {
                continue;
            }
            let InstructionArgs::Add(args) = &ins.view else {
                continue;
            };
            if args.sources.is_empty()
                || ins
                    .flags
                    .iter()
                    .any(|f| ADD_ONLY_FLAGS.contains(&f.name.as_str()))
            {
                continue;
            }
            let Some(id) = cx.model.id_of(ins) else {
                continue;
            };
            let mut all_local = true;
            for (i, src) in args.sources.iter().enumerate() {
                if args.heredoc_sources.get(i).copied().flatten().is_some() {
                    continue;
                }
                let expansion = cx.model.expand_at(id, &src.raw);
                let Some(value) = expansion.resolved() else {
                    all_local = false;
                    break;
                };
                let lower = value.to_ascii_lowercase();
                let remote = lower.contains("://") || lower.starts_with("git@");
                let archive = ARCHIVE_SUFFIXES.iter().any(|s| lower.ends_with(s))
                    || lower.contains('*')
                    || lower.contains('?')
                    || lower.contains('[');
                if remote || archive {
                    all_local = false;
                    break;
                }
            }
            if !all_local {
                continue;
            }
            out.report(
                ins.keyword_span,
                "`ADD` copies only local files and directories here: `COPY` does the same, while `ADD` \
                 would also unpack a file that turns out to be an archive and can fetch URLs, so \
                 readers cannot tell what it is for",
            )
            .help("use `COPY`; keep `ADD` for unpacking a local tar archive or fetching a URL with `--checksum`")
            .fix(Fix::safe(
                "replace `ADD` with `COPY`",
                vec![Edit::replace(
                    ins.keyword_span,
                    if ins.keyword.bytes().any(|b| b.is_ascii_lowercase()) {
                        "copy"
                    } else {
                        "COPY"
                    },
                )],
            ));
        }
    }
}
