//! K905 from-as-casing: the `AS` of `FROM … AS name` is not in the case of its `FROM`. See
//! `rules/K905-from-as-casing/README.md`.

use keelson_syntax::dockerfile::InstructionArgs;

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("buildkit", "FromAsCasing")],
    fixable: true,
};

pub(crate) struct FromAsCasing;
pub(crate) static RULE: FromAsCasing = FromAsCasing;

impl Check for FromAsCasing {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            let InstructionArgs::From(from) = &ins.view else {
                continue;
            };
            let Some(as_word) = &from.as_keyword else {
                continue;
            };
            let from_upper = !ins.keyword.bytes().any(|b| b.is_ascii_lowercase());
            let from_lower = !ins.keyword.bytes().any(|b| b.is_ascii_uppercase());
            let wanted = if from_upper {
                "AS"
            } else if from_lower {
                "as"
            } else {
                continue;
            };
            if as_word.raw == wanted {
                continue;
            }
            let finding = out.report(
                as_word.span,
                format!(
                    "`{}` does not match the case of `{}`: keep the keywords of one line in one case",
                    as_word.raw, ins.keyword
                ),
            );
            finding.help(format!("write `{wanted}`"));
            if as_word.span.text(cx.source) == as_word.raw {
                finding.fix(Fix::safe(
                    format!("write `{wanted}`"),
                    vec![Edit::replace(as_word.span, wanted)],
                ));
            }
        }
    }
}
