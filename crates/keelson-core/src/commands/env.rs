//! The variables a Dockerfile sets for its build steps, read once per lint.

use std::rc::Rc;

use keelson_syntax::dockerfile::InstructionArgs;
use keelson_syntax::Span;

use super::{run_commands, run_steps};
use crate::context::DockerfileContext;

/// An environment variable set in a Dockerfile, with its value as the build sees it.
pub(crate) struct EnvSetting {
    /// The variable name.
    pub(crate) name: String,
    /// The value (expanded where the model can; as written otherwise).
    pub(crate) value: String,
    /// Where it is set (the `KEY=value` pair or word).
    pub(crate) span: Span,
}

/// Every variable a Dockerfile sets for its build steps: `ENV` and `ARG` defaults, and in `RUN`
/// `VAR=x cmd`, `env VAR=x cmd` and `export VAR=x`. Computed once per lint and shared by the
/// rules that read variables (K408, K410, K413, K414, K416).
pub(crate) fn env_settings(cx: &DockerfileContext<'_>) -> Rc<[EnvSetting]> {
    Rc::clone(cx.env_cache.get_or_init(|| collect(cx).into()))
}

/// The cache behind [`env_settings`], held by the Dockerfile context.
pub(crate) type EnvCache = std::cell::OnceCell<Rc<[EnvSetting]>>;

fn collect(cx: &DockerfileContext<'_>) -> Vec<EnvSetting> {
    let mut out = Vec::new();
    for ins in cx.syntax.instructions() {
        let pairs = match &ins.view {
            InstructionArgs::Env(kv) => &kv.pairs,
            InstructionArgs::Arg(a) => &a.args,
            _ => continue,
        };
        let id = cx.model.id_of(ins);
        for pair in pairs {
            let Some(value) = &pair.value else {
                continue;
            };
            let value = match id {
                Some(id) => cx.model.expand_at(id, &value.raw).value,
                None => value.raw.clone(),
            };
            out.push(EnvSetting {
                name: pair.key.raw.clone(),
                value,
                span: pair.span,
            });
        }
    }
    for step in run_steps(cx) {
        for cmd in run_commands(cx, step.instruction).iter() {
            let env_options = cmd
                .wrappers
                .iter()
                .filter(|w| w.name() == "env")
                .flat_map(|w| w.options.iter());
            let exported = (cmd.name() == "export")
                .then_some(cmd.args.iter())
                .into_iter()
                .flatten();
            for word in cmd.assignments.iter().chain(env_options).chain(exported) {
                if let Some((name, value)) = word.literal.as_deref().and_then(|l| l.split_once('='))
                {
                    out.push(EnvSetting {
                        name: name.to_owned(),
                        value: value.to_owned(),
                        span: word.span,
                    });
                }
            }
        }
    }
    out
}
