//! Builds a [`DockerfileModel`] from the syntax tree in one pass over the instructions.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;

use keelson_syntax::dockerfile::{
    CommandForm, Dockerfile, FromArgs, Instruction, InstructionArgs, InstructionKind, ItemKind,
    KeyValue,
};

use super::config::{ExposedPort, Healthcheck, Shell, Workdir};
use super::env::{Var, VarKind, VarOrigin, PLATFORM_ARGS, PROXY_ARGS};
use super::expand::{expand, matching_candidates};
use super::scope::{Scope, VarsView};
use super::stage::{Base, EdgeKind, EdgeTarget, ImageBase, Platform, Stage, StageEdge};
use super::user::{raw_user_part, DefaultUser, EffectiveUser, UserSetting};
use super::{BuildOptions, DockerfileModel, InstructionId, InstructionInfo};
use crate::image::ImageRef;

/// Walks the instructions once and records everything the model holds.
pub(super) fn build(ast: &Dockerfile, options: &BuildOptions) -> DockerfileModel {
    let escape = if ast.escape == '`' { '`' } else { '\\' };
    let instructions: Vec<(usize, &Instruction)> = ast
        .items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| match &item.kind {
            ItemKind::Instruction(ins) => Some((i, ins)),
            _ => None,
        })
        .collect();

    let mut b = Builder {
        escape,
        options,
        infos: Vec::with_capacity(instructions.len()),
        stages: Vec::new(),
        global: Arc::new(global_scope(options)),
    };

    let first_from = instructions
        .iter()
        .position(|(_, i)| i.kind == InstructionKind::From)
        .unwrap_or(instructions.len());

    // Meta ARGs: the global scope.
    for (pos, &(item_index, ins)) in instructions.iter().enumerate().take(first_from) {
        let id = InstructionId(pos as u32);
        b.infos.push(InstructionInfo {
            id,
            item_index,
            kind: ins.kind,
            span: ins.span,
            stage: None,
            scope: b.global.clone(),
            user: None,
            workdir: None,
            shell: None,
        });
        if let InstructionArgs::Arg(arg) = &ins.view {
            let scope = b.apply_arg(&b.global, None, id, &arg.args);
            b.global = Arc::new(scope);
        }
    }

    // Stages: from each FROM to the next.
    let mut start = first_from;
    while start < instructions.len() {
        let end = instructions
            .iter()
            .enumerate()
            .skip(start + 1)
            .find(|(_, (_, i))| i.kind == InstructionKind::From)
            .map_or(instructions.len(), |(p, _)| p);
        let slice = instructions.get(start..end).unwrap_or_default();
        b.build_stage(start, slice);
        start = end;
    }

    b.resolve_edges();
    let (final_stage, missing_target) = final_stage(&b.stages, options);
    mark_reachable(&mut b.stages, final_stage);

    DockerfileModel {
        escape,
        instructions: b.infos,
        stages: b.stages,
        final_stage,
        missing_target,
        global: b.global,
    }
}

/// The platform and proxy arguments, with values only when the caller gives them as build
/// arguments.
fn global_scope(options: &BuildOptions) -> Scope {
    let mut scope = Scope::default();
    for name in PLATFORM_ARGS.iter().chain(PROXY_ARGS.iter()) {
        let var = match options.build_args.get(*name) {
            Some(v) => Var {
                value: Some(v.clone()),
                origin: VarOrigin {
                    kind: VarKind::BuildArg,
                    instruction: None,
                    span: None,
                },
                tainted: false,
            },
            None => Var::declared(VarKind::Predefined),
        };
        scope.args.insert((*name).to_owned(), var);
    }
    scope
}

/// The `ARG`s every stage starts with: the proxy arguments the caller gives as build arguments
/// (BuildKit passes them to every stage without an `ARG` instruction).
fn stage_args(options: &BuildOptions) -> BTreeMap<String, Var> {
    PROXY_ARGS
        .iter()
        .filter_map(|name| {
            let value = options.build_args.get(*name)?;
            let var = Var {
                value: Some(value.clone()),
                origin: VarOrigin {
                    kind: VarKind::BuildArg,
                    instruction: None,
                    span: None,
                },
                tainted: false,
            };
            Some(((*name).to_owned(), var))
        })
        .collect()
}

struct Builder<'o> {
    escape: char,
    options: &'o BuildOptions,
    infos: Vec<InstructionInfo>,
    stages: Vec<Stage>,
    global: Arc<Scope>,
}

/// The image settings while walking a stage.
struct State {
    scope: Arc<Scope>,
    user: Arc<EffectiveUser>,
    workdir: Arc<Workdir>,
    shell: Arc<Shell>,
    healthcheck: Option<Healthcheck>,
}

impl Builder<'_> {
    fn view(&self, scope: &Arc<Scope>) -> VarsView {
        VarsView::new(scope.clone(), self.escape)
    }

    /// Expands an `ENV` name; keeps it as written when it does not resolve to a non-empty name.
    fn key_name(&self, view: &VarsView, raw: &str) -> String {
        if !raw.contains(['$', '\'', '"', self.escape]) {
            return raw.to_owned();
        }
        let e = view.expand(raw);
        if e.is_resolved() && !e.value.is_empty() {
            e.value
        } else {
            raw.to_owned()
        }
    }

    /// The scope after an `ARG` instruction. `stage` is `None` in the global scope. Each pair
    /// sees the pairs before it (`ARG A=1 B=$A` gives `B=1`); names are not expanded.
    fn apply_arg(
        &self,
        scope: &Arc<Scope>,
        stage: Option<usize>,
        id: InstructionId,
        pairs: &[KeyValue],
    ) -> Scope {
        let mut next = (**scope).clone();
        for kv in pairs {
            let name = kv.key.raw.clone();
            let origin = |kind| VarOrigin {
                kind,
                instruction: Some(id),
                span: Some(kv.span),
            };
            let var = if let Some(v) = self.options.build_args.get(&name) {
                Var {
                    value: Some(v.clone()),
                    origin: origin(VarKind::BuildArg),
                    tainted: false,
                }
            } else if let Some(word) = &kv.value {
                let e = expand(&word.raw, &next, self.escape);
                Var {
                    tainted: !e.is_resolved(),
                    value: Some(e.value),
                    origin: origin(VarKind::Arg),
                }
            } else if let Some(meta) = stage.and(self.global.args.get(&name)) {
                meta.clone()
            } else {
                Var {
                    value: None,
                    origin: origin(VarKind::Arg),
                    tainted: false,
                }
            };
            next.args.insert(name, var);
        }
        next
    }

    /// The scope after an `ENV` instruction: every value is expanded with the variables from
    /// before the instruction.
    fn apply_env(&self, scope: &Arc<Scope>, id: InstructionId, pairs: &[KeyValue]) -> Scope {
        let view = self.view(scope);
        let mut next = (**scope).clone();
        for kv in pairs {
            let name = self.key_name(&view, &kv.key.raw);
            let e = kv
                .value
                .as_ref()
                .map(|w| view.expand(&w.raw))
                .unwrap_or_default();
            next.env.insert(
                name,
                Var {
                    tainted: !e.is_resolved(),
                    value: Some(e.value),
                    origin: VarOrigin {
                        kind: VarKind::Env,
                        instruction: Some(id),
                        span: Some(kv.span),
                    },
                },
            );
        }
        next
    }

    /// What the `FROM` starts from.
    fn resolve_base(&self, from: &FromArgs) -> Base {
        let Some(word) = &from.image else {
            return Base::Missing;
        };
        let expansion = self.view(&self.global).expand(&word.raw);
        let resolved = expansion.is_resolved().then(|| expansion.value.clone());
        if let Some(name) = &resolved {
            if name.eq_ignore_ascii_case("scratch") {
                return Base::Scratch;
            }
            if let Some(stage) = self.stages.iter().find(|s| s.is_named(name)) {
                return Base::Stage(stage.index);
            }
        }
        let candidate_stages = if resolved.is_none() {
            let names: Vec<Option<&str>> = self.stages.iter().map(|s| s.name.as_deref()).collect();
            matching_candidates(&word.raw, &self.view(&self.global), self.escape, &names)
        } else {
            Vec::new()
        };
        let (image, image_error) = match resolved.as_deref().map(ImageRef::parse) {
            Some(Ok(r)) => (Some(r), None),
            Some(Err(e)) => (None, Some(e)),
            None => (None, None),
        };
        Base::Image(Box::new(ImageBase {
            raw: word.raw.clone(),
            raw_span: word.span,
            resolved,
            image,
            image_error,
            unresolved_vars: expansion.unresolved_names(),
            candidate_stages,
            expansion,
        }))
    }

    fn build_stage(&mut self, first: usize, instructions: &[(usize, &Instruction)]) {
        let index = self.stages.len();
        let Some(&(from_item, from_ins)) = instructions.first() else {
            return;
        };
        let from_id = InstructionId(first as u32);
        let default_from = FromArgs::default();
        let from = match &from_ins.view {
            InstructionArgs::From(f) => f,
            _ => &default_from,
        };
        let base = self.resolve_base(from);
        let platform = from.platform.as_ref().map(|flag| {
            let raw = flag.value.clone().unwrap_or_default();
            Platform {
                expansion: self.view(&self.global).expand(&raw),
                raw,
                span: flag.value_span,
            }
        });

        let mut state = match &base {
            Base::Stage(parent) => match self.stages.get(*parent) {
                Some(p) => State {
                    scope: Arc::new(Scope {
                        args: stage_args(self.options),
                        env: p.scope_at_end.env.clone(),
                    }),
                    user: p.user_at_end.clone(),
                    workdir: p.workdir_at_end.clone(),
                    shell: p.shell_at_end.clone(),
                    healthcheck: p.healthcheck,
                },
                None => initial_state(false, self.options),
            },
            Base::Scratch => initial_state(true, self.options),
            Base::Image(_) | Base::Missing => initial_state(false, self.options),
        };

        // The FROM itself is expanded in the global scope.
        self.infos.push(InstructionInfo {
            id: from_id,
            item_index: from_item,
            kind: from_ins.kind,
            span: from_ins.span,
            stage: Some(index),
            scope: self.global.clone(),
            user: Some(state.user.clone()),
            workdir: Some(state.workdir.clone()),
            shell: Some(state.shell.clone()),
        });

        let mut edges = Vec::new();
        let mut exposed_ports = Vec::new();
        for (offset, &(item_index, ins)) in instructions.iter().enumerate().skip(1) {
            let id = InstructionId((first + offset) as u32);
            self.infos.push(InstructionInfo {
                id,
                item_index,
                kind: ins.kind,
                span: ins.span,
                stage: Some(index),
                scope: state.scope.clone(),
                user: Some(state.user.clone()),
                workdir: Some(state.workdir.clone()),
                shell: Some(state.shell.clone()),
            });
            self.apply(ins, id, index, &mut state, &mut edges, &mut exposed_ports);
        }

        let end = InstructionId((first + instructions.len()) as u32);
        self.stages.push(Stage {
            index,
            name: from.stage_name.as_ref().map(|w| w.raw.clone()),
            name_span: from.stage_name.as_ref().map(|w| w.span),
            from: from_id,
            from_span: from_ins.span,
            instructions: from_id..end,
            base,
            platform,
            edges,
            is_final: false,
            reachable: false,
            user_at_end: state.user,
            workdir_at_end: state.workdir,
            shell_at_end: state.shell,
            healthcheck: state.healthcheck,
            exposed_ports,
            scope_at_end: state.scope,
        });
    }

    /// Applies one instruction's effect on the stage state.
    fn apply(
        &self,
        ins: &Instruction,
        id: InstructionId,
        stage: usize,
        state: &mut State,
        edges: &mut Vec<StageEdge>,
        exposed_ports: &mut Vec<ExposedPort>,
    ) {
        match &ins.view {
            InstructionArgs::Arg(arg) => {
                state.scope = Arc::new(self.apply_arg(&state.scope, Some(stage), id, &arg.args));
            }
            InstructionArgs::Env(env) => {
                state.scope = Arc::new(self.apply_env(&state.scope, id, &env.pairs));
            }
            InstructionArgs::User(user) => {
                if let Some(word) = &user.value {
                    let view = self.view(&state.scope);
                    let expansion = view.expand(&word.raw);
                    let user_only = raw_user_part(&word.raw, self.escape).map(|p| view.expand(p));
                    state.user = Arc::new(EffectiveUser::Set(UserSetting::new(
                        id,
                        stage,
                        ins.span,
                        word.span,
                        word.raw.clone(),
                        expansion,
                        user_only,
                    )));
                }
            }
            InstructionArgs::Workdir(dir) => {
                if let Some(word) = &dir.value {
                    let expansion = self.view(&state.scope).expand(&word.raw);
                    state.workdir = Arc::new(state.workdir.apply(id, &expansion));
                }
            }
            InstructionArgs::Shell(cmd) => {
                if let Some(CommandForm::Exec(exec)) = &cmd.command {
                    if !exec.args.is_empty() {
                        state.shell = Arc::new(Shell {
                            instruction: Some(id),
                            args: exec.args.iter().map(|w| w.raw.clone()).collect(),
                        });
                    }
                }
            }
            InstructionArgs::Expose(list) => {
                let view = self.view(&state.scope);
                for word in &list.words {
                    let expansion = view.expand(&word.raw);
                    if expansion.fields.len() > 1 {
                        for field in &expansion.fields {
                            let mut one = expansion.clone();
                            one.value = field.clone();
                            one.fields = vec![field.clone()];
                            exposed_ports.push(ExposedPort::new(
                                id,
                                word.raw.clone(),
                                word.span,
                                one,
                            ));
                        }
                    } else {
                        exposed_ports.push(ExposedPort::new(
                            id,
                            word.raw.clone(),
                            word.span,
                            expansion,
                        ));
                    }
                }
            }
            InstructionArgs::Healthcheck(h) => {
                state.healthcheck = Some(Healthcheck {
                    instruction: id,
                    stage,
                    disabled: h.is_none(),
                });
            }
            InstructionArgs::Copy(_) => {
                for flag in ins.flags_named("from") {
                    let raw = flag.value.clone().unwrap_or_default();
                    edges.push(StageEdge {
                        kind: EdgeKind::CopyFrom,
                        instruction: id,
                        span: flag.value_span.unwrap_or(flag.span),
                        raw,
                        target: EdgeTarget::Variable,
                    });
                }
            }
            InstructionArgs::Run(run) => {
                for mount in &run.mounts {
                    for field in mount.fields.iter().filter(|f| f.key == "from") {
                        let raw = field.value.clone().unwrap_or_default();
                        edges.push(StageEdge {
                            kind: EdgeKind::MountFrom,
                            instruction: id,
                            span: field.value_span.unwrap_or(field.key_span),
                            raw,
                            target: EdgeTarget::Variable,
                        });
                    }
                }
            }
            _ => {}
        }
    }

    /// Resolves every `--from` once all stage names are known (`COPY --from` may name a later
    /// stage).
    fn resolve_edges(&mut self) {
        let names: Vec<Option<String>> = self
            .stages
            .iter()
            .map(|s| s.name.as_ref().map(|n| n.to_ascii_lowercase()))
            .collect();
        let count = self.stages.len();
        for stage in &mut self.stages {
            for edge in &mut stage.edges {
                edge.target = resolve_edge_target(&edge.raw, &names, count);
            }
        }
    }
}

/// The state of a stage that starts from `scratch` or from an image.
fn initial_state(scratch: bool, options: &BuildOptions) -> State {
    State {
        scope: Arc::new(Scope {
            args: stage_args(options),
            env: BTreeMap::new(),
        }),
        user: Arc::new(EffectiveUser::Default(if scratch {
            DefaultUser::Scratch
        } else {
            DefaultUser::Image
        })),
        workdir: Arc::new(Workdir::default_for(scratch)),
        shell: Arc::new(Shell::default()),
        healthcheck: None,
    }
}

/// What a `--from` value names: a stage by name, a stage by index, or an image.
fn resolve_edge_target(raw: &str, names: &[Option<String>], count: usize) -> EdgeTarget {
    if raw.contains('$') {
        return EdgeTarget::Variable;
    }
    let lower = raw.to_ascii_lowercase();
    if let Some(i) = names.iter().position(|n| n.as_deref() == Some(&lower)) {
        return EdgeTarget::Stage(i);
    }
    if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = raw.parse::<usize>() {
            if i < count {
                return EdgeTarget::Stage(i);
            }
        }
    }
    match ImageRef::parse(raw) {
        Ok(r) => EdgeTarget::Image(r),
        Err(e) => EdgeTarget::Invalid(e),
    }
}

/// The `--target` stage (case-insensitively), else the last one.
fn final_stage(stages: &[Stage], options: &BuildOptions) -> (Option<usize>, Option<String>) {
    let last = stages.len().checked_sub(1);
    match &options.target {
        None => (last, None),
        Some(target) => match stages.iter().find(|s| s.is_named(target)) {
            Some(s) => (Some(s.index), None),
            None => (last, Some(target.clone())),
        },
    }
}

/// Marks the final stage and every stage it needs.
fn mark_reachable(stages: &mut [Stage], final_stage: Option<usize>) {
    let Some(start) = final_stage else {
        return;
    };
    if let Some(s) = stages.get_mut(start) {
        s.is_final = true;
    }
    let mut queue = VecDeque::from([start]);
    while let Some(i) = queue.pop_front() {
        let Some(stage) = stages.get_mut(i) else {
            continue;
        };
        if stage.reachable {
            continue;
        }
        stage.reachable = true;
        let candidates = stage
            .base
            .image_base()
            .map(|i| i.candidate_stages.as_slice())
            .unwrap_or_default();
        let deps: Vec<usize> = stage
            .base
            .stage()
            .into_iter()
            .chain(candidates.iter().copied())
            .chain(stage.edges.iter().filter_map(|e| e.target.stage()))
            .collect();
        queue.extend(deps);
    }
}
