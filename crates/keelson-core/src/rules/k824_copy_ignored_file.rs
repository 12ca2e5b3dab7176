//! K824 copy-ignored-file: a `COPY`/`ADD` source from the build context is excluded by the
//! context's `.dockerignore`, so the build fails (the file is not sent to the builder) or
//! copies nothing.
//!
//! Needs file access: the ignore file is `<Dockerfile>.dockerignore` or the context's
//! `.dockerignore` (see `crate::dockerignore`); a Dockerfile linted as a lone string has none,
//! so the rule is silent there. Compose services are checked with their `build.context`.
//! See `rules/K824-copy-ignored-file/README.md`.

use std::path::Path;

use keelson_model::dockerfile::DockerfileModel;
use keelson_syntax::dockerfile::{Dockerfile, InstructionArgs, InstructionKind};

use crate::context::{BuildContext, ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::dockerignore;
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, BOTH};
use crate::source::FileId;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: BOTH,
    peers: &[peer("buildkit", "CopyIgnoredFile")],
    fixable: false,
};

pub(crate) struct CopyIgnoredFile;
pub(crate) static RULE: CopyIgnoredFile = CopyIgnoredFile;

impl Check for CopyIgnoredFile {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        check(cx.syntax, cx.model, &cx.build_context, cx.file, None, out);
    }

    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        dockerignore::for_each_compose_build(cx, |syntax, model, build, file, via| {
            check(syntax, model, build, file, via, out);
        });
    }
}

fn check(
    syntax: &Dockerfile,
    model: &DockerfileModel,
    build: &BuildContext<'_>,
    file: FileId,
    via: Option<&dockerignore::Via>,
    out: &mut Reporter<'_>,
) {
    let Some((ignore_path, ignore)) = dockerignore::load(build) else {
        return;
    };
    if ignore.is_empty() {
        return;
    }
    for ins in syntax.instructions() {
        if !matches!(ins.kind, InstructionKind::Copy | InstructionKind::Add)
            || ins.flag("from").is_some()
        {
            continue;
        }
        let (InstructionArgs::Copy(args) | InstructionArgs::Add(args)) = &ins.view else {
            continue;
        };
        let Some(id) = model.id_of(ins) else {
            continue;
        };
        for (i, word) in args.sources.iter().enumerate() {
            if matches!(args.heredoc_sources.get(i), Some(Some(_)))
                || word.raw.contains("://")
                || word.raw.starts_with("git@")
            {
                continue;
            }
            let Some(value) = model.expand_at(id, &word.raw).resolved().map(str::to_owned) else {
                continue;
            };
            // For a glob, the directories before its first wildcard.
            let literal: Vec<&str> = value
                .split('/')
                .take_while(|c| !c.contains(['*', '?', '[', '\\']))
                .collect();
            let glob = literal.len() < value.split('/').count();
            let checked = literal.join("/");
            let Some(pattern) = ignore.excluding_pattern(&checked) else {
                continue;
            };
            let what = if glob {
                format!("everything `{value}` can match is below `{checked}`, which")
            } else {
                format!("`{value}`")
            };
            let finding = out.report_in(
                file,
                word.span,
                format!(
                    "{what} is excluded from the build context by the pattern `{pattern}` in \
                     `{}`: the builder never receives it, so this `{}` fails with \"not found\" \
                     (or copies nothing)",
                    display(&ignore_path),
                    ins.kind.name()
                ),
            );
            if let Some(v) = via {
                finding.related(v.file, v.span, v.message.clone());
            }
            finding.help(format!(
                "add an exception (`!{checked}`) to the ignore file, or stop copying it"
            ));
        }
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
