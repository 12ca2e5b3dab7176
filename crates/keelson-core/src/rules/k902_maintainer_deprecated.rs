//! K902 maintainer-deprecated: the deprecated `MAINTAINER` instruction. See
//! `rules/K902-maintainer-deprecated/README.md`.

use keelson_syntax::dockerfile::{InstructionArgs, InstructionKind};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL4000"),
        peer("trivy", "DS-0022"),
        peer("kics", "MAINTAINER Instruction Being Used"),
        peer("buildkit", "MaintainerDeprecated"),
    ],
    fixable: true,
};

pub(crate) struct MaintainerDeprecated;
pub(crate) static RULE: MaintainerDeprecated = MaintainerDeprecated;

impl Check for MaintainerDeprecated {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            if ins.kind != InstructionKind::Maintainer {
                continue;
            }
            let finding = out.report(
                ins.keyword_span,
                "`MAINTAINER` is deprecated: its value is only stored in a legacy image field that \
                 most tools no longer show",
            );
            finding.help("use `LABEL org.opencontainers.image.authors=\"…\"` instead");
            let InstructionArgs::Maintainer(arg) = &ins.view else {
                continue;
            };
            let Some(value) = &arg.value else {
                continue;
            };
            // The whole header on one line, so the replacement covers exactly the instruction.
            if ins.header_span != ins.span || ins.header_span.text(cx.source).contains('\n') {
                continue;
            }
            let text = value.raw.trim();
            let unquoted = text
                .strip_prefix('"')
                .and_then(|t| t.strip_suffix('"'))
                .unwrap_or(text);
            let quoted = serde_json::to_string(unquoted).unwrap_or_default();
            if quoted.is_empty() || unquoted.contains(['\\', '$', '"']) {
                continue;
            }
            finding.fix(Fix::safe(
                "replace with an `org.opencontainers.image.authors` label",
                vec![Edit::replace(
                    ins.header_span,
                    format!("LABEL org.opencontainers.image.authors={quoted}"),
                )],
            ));
        }
    }
}
