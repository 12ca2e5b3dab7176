//! K924 wget-and-curl-both-used: one stage downloads with both `wget` and `curl`. See
//! `rules/K924-wget-and-curl-both-used/README.md`.

use crate::commands::{run_commands, run_steps, Word};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: DOCKERFILE,
    peers: &[peer("hadolint", "DL4001"), peer("trivy", "DS-0014")],
    fixable: false,
};

pub(crate) struct WgetAndCurlBothUsed;
pub(crate) static RULE: WgetAndCurlBothUsed = WgetAndCurlBothUsed;

impl Check for WgetAndCurlBothUsed {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        // Per stage (index; `None` before the first FROM): the first `curl` and `wget` word.
        let mut seen: Vec<(Option<usize>, Option<Word>, Option<Word>)> = Vec::new();
        for step in run_steps(cx) {
            // ONBUILD steps run in another image, whose tools this file does not choose.
            if step.is_onbuild() {
                continue;
            }
            let stage = step.stage.map(|s| s.index);
            let pos = match seen.iter().position(|(s, _, _)| *s == stage) {
                Some(p) => p,
                None => {
                    seen.push((stage, None, None));
                    seen.len() - 1
                }
            };
            let Some(entry) = seen.get_mut(pos) else {
                continue;
            };
            for cmd in run_commands(cx, step.instruction).iter() {
                match cmd.name() {
                    "curl" if entry.1.is_none() => entry.1 = Some(cmd.name_word.clone()),
                    "wget" if entry.2.is_none() => entry.2 = Some(cmd.name_word.clone()),
                    _ => {}
                }
            }
        }
        for (_, curl, wget) in seen {
            let (Some(curl), Some(wget)) = (curl, wget) else {
                continue;
            };
            let (later, earlier) = if curl.span.start() > wget.span.start() {
                (curl, wget)
            } else {
                (wget, curl)
            };
            let (tool, other) = (later.text(), earlier.text());
            out.report(
                later.span,
                format!(
                    "this stage already downloads with `{other}`; using `{tool}` as well means two \
                     tools with different options, defaults and TLS settings to install, keep \
                     patched and review"
                ),
            )
            .help(format!(
                "use one of them throughout the stage (here: `{other}`)"
            ))
            .related(cx.file, earlier.span, format!("`{other}` is used here"));
        }
    }
}
