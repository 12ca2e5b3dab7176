//! K810 copy-to-file-with-many-sources: `COPY`/`ADD` with several sources whose destination
//! does not end with `/`. See `rules/K810-copy-to-file-with-many-sources/README.md`.

use keelson_syntax::dockerfile::{Instruction, InstructionArgs};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3021"),
        peer("trivy", "DS-0011"),
        peer(
            "kics",
            "Copy With More Than Two Arguments Not Ending With Slash",
        ),
    ],
    fixable: true,
};

pub(crate) struct CopyToFileWithManySources;
pub(crate) static RULE: CopyToFileWithManySources = CopyToFileWithManySources;

impl Check for CopyToFileWithManySources {
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
    let (InstructionArgs::Copy(c) | InstructionArgs::Add(c)) = &ins.view else {
        return;
    };
    // `COPY --from builder a b` (a flag without `=value`) is a parse error, reported by K801;
    // its value would be counted as a source here.
    if c.sources.len() < 2 || ins.flags.iter().any(|f| f.value.is_none()) {
        return;
    }
    let Some(dest) = &c.destination else {
        return;
    };
    let value = match cx.model.id_of(ins) {
        Some(id) => {
            let e = cx.model.expand_at(id, &dest.raw);
            match e.resolved() {
                Some(v) => v.to_owned(),
                None => return,
            }
        }
        // ONBUILD triggers are expanded in the child build: only literal text is checked.
        None if !dest.raw.contains('$') => dest.raw.clone(),
        None => return,
    };
    if value.ends_with('/') || value.ends_with('\\') || value == "." {
        return;
    }
    let keyword = ins.kind.name();
    let finding = out.report(
        dest.span,
        format!(
            "`{keyword}` has {} sources but its destination `{value}` does not end with `/`: with \
             several sources the destination must be a directory, and BuildKit refuses the step",
            c.sources.len()
        ),
    );
    finding.help(format!("end the destination with `/` (`{value}/`)"));
    let raw_in_source = dest.span.text(cx.source);
    if raw_in_source == dest.raw && !c.exec_form {
        finding.fix(Fix::safe(
            "add `/` to the destination",
            vec![Edit::insert(dest.span.end(), "/")],
        ));
    }
}
