//! K909 expose-protocol-casing: `EXPOSE 80/TCP`: protocols are lower case. See
//! `rules/K909-expose-protocol-casing/README.md`.

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
    peers: &[peer("buildkit", "ExposeProtoCasing")],
    fixable: true,
};

pub(crate) struct ExposeProtocolCasing;
pub(crate) static RULE: ExposeProtocolCasing = ExposeProtocolCasing;

impl Check for ExposeProtocolCasing {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            let InstructionArgs::Expose(list) = &ins.view else {
                continue;
            };
            for word in &list.words {
                let Some((_, proto)) = word.raw.split_once('/') else {
                    continue;
                };
                if !proto.bytes().any(|b| b.is_ascii_uppercase()) || proto.contains('$') {
                    continue;
                }
                let lower = proto.to_ascii_lowercase();
                let finding = out.report(
                    word.span,
                    format!(
                        "protocol `{proto}` should be written `{lower}`: Docker's documentation and tools \
                         use lower case, and some tools compare it case-sensitively"
                    ),
                );
                finding.help(format!("write `{lower}`"));
                if word.span.text(cx.source) == word.raw && !word.raw.contains('$') {
                    let fixed = word.raw.to_ascii_lowercase();
                    finding.fix(Fix::safe(
                        format!("write `{fixed}`"),
                        vec![Edit::replace(word.span, fixed.clone())],
                    ));
                }
            }
        }
    }
}
