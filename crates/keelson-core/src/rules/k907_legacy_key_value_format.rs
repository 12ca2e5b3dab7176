//! K907 legacy-key-value-format: `ENV key value` / `LABEL key value` without `=`. See
//! `rules/K907-legacy-key-value-format/README.md`.

use keelson_syntax::dockerfile::{Instruction, InstructionArgs};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("buildkit", "LegacyKeyValueFormat")],
    fixable: true,
};

pub(crate) struct LegacyKeyValueFormat;
pub(crate) static RULE: LegacyKeyValueFormat = LegacyKeyValueFormat;

impl Check for LegacyKeyValueFormat {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            check(cx, ins, out);
            if let Some(inner) = ins.onbuild_inner() {
                check(cx, inner, out);
            }
        }
    }
}

fn check(cx: &DockerfileContext<'_>, ins: &Instruction, out: &mut Reporter<'_>) {
    let (InstructionArgs::Env(kv) | InstructionArgs::Label(kv)) = &ins.view else {
        return;
    };
    if !kv.legacy {
        return;
    }
    let Some(pair) = kv.pairs.first() else {
        return;
    };
    let keyword = ins.kind.name();
    let key = &pair.key.raw;
    let finding = out.report(
        ins.args.span(),
        format!(
            "`{keyword} {key} <value>` is the legacy form: everything after the first space is the \
             value, so `{keyword} A 1 B 2` sets one variable `A` to `1 B 2`; BuildKit warns about it"
        ),
    );
    finding.help(format!(
        "write `{keyword} {key}=<value>`, quoting the value if it has spaces"
    ));
    let Some(value) = &pair.value else {
        return;
    };
    let args_span = ins.args.span();
    let verbatim = args_span.text(cx.source) == ins.args.as_str();
    let raw = value.raw.as_str();
    if !verbatim || raw.contains(['"', '\'', '\\', '`']) {
        return;
    }
    let new_value = if raw.chars().any(char::is_whitespace) || raw.is_empty() {
        format!("\"{raw}\"")
    } else {
        raw.to_owned()
    };
    finding.fix(Fix::safe(
        format!("rewrite as `{key}=…`"),
        vec![Edit::replace(args_span, format!("{key}={new_value}"))],
    ));
}
