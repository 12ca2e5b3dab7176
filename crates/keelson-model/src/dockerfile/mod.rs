//! What a Dockerfile means: stages, `ARG`/`ENV` scoping, base images, the effective `USER`.
//!
//! [`DockerfileModel::build`] walks the parser's syntax tree once, the way BuildKit would with
//! the given [`BuildOptions`], and records for every instruction the variables, user, working
//! directory and shell in force. The model never reads files or the process environment.
//!
//! Instructions are named by [`InstructionId`]: their position among the file's top-level
//! instructions (`ONBUILD` triggers are not counted), the same order as
//! `Dockerfile::instructions()`.
//!
//! ```
//! use keelson_model::dockerfile::{BuildOptions, DockerfileModel, RootStatus};
//! use keelson_syntax::dockerfile::parse;
//!
//! let src = "ARG BASE=alpine:3.20\nFROM ${BASE} AS build\nARG U=root\nUSER $U\n";
//! let ast = parse(src);
//! let model = DockerfileModel::build(&ast, src, &BuildOptions::default());
//! let stage = model.final_stage().expect("one stage");
//! let image = stage.base.image().expect("an image");
//! assert_eq!(image.tag.as_deref(), Some("3.20"));
//! assert_eq!(stage.user_at_end.root_status(), RootStatus::Root);
//! ```

mod builder;
pub mod config;
pub mod env;
pub mod expand;
mod pattern;
pub mod scope;
pub mod stage;
pub mod user;

use std::collections::BTreeMap;
use std::sync::Arc;

use keelson_syntax::dockerfile::{Dockerfile, Instruction, InstructionKind};
use keelson_syntax::Span;

pub use config::{ExposedPort, Healthcheck, Shell, Workdir};
pub use env::{Env, Var, VarKind, VarOrigin};
pub use expand::{expand, ExpandError, ExpandErrorKind, Expansion, VarRef};
pub use scope::VarsView;
pub use stage::{Base, EdgeKind, EdgeTarget, ImageBase, Platform, Stage, StageEdge};
pub use user::{DefaultUser, EffectiveUser, RootStatus, UserSetting};

use scope::Scope;

/// The position of an instruction among the file's top-level instructions (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InstructionId(pub u32);

impl InstructionId {
    /// The id as an index.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// How the build is invoked: what `docker build --build-arg … --target …` would say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildOptions {
    /// `--build-arg NAME=value`. They override the defaults of declared `ARG`s (and give values
    /// to BuildKit's predefined arguments such as `TARGETARCH`); undeclared names are ignored.
    pub build_args: BTreeMap<String, String>,
    /// `--target`: the stage to build (compared case-insensitively). The last stage when `None`.
    pub target: Option<String>,
}

/// What the model knows about one instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstructionInfo {
    /// The instruction's id.
    pub id: InstructionId,
    /// The index of the instruction's item in `Dockerfile::items`.
    pub item_index: usize,
    /// The instruction kind.
    pub kind: InstructionKind,
    /// The instruction's span.
    pub span: Span,
    /// The stage that holds it; `None` for instructions before the first `FROM`.
    pub stage: Option<usize>,
    scope: Arc<Scope>,
    user: Option<Arc<EffectiveUser>>,
    workdir: Option<Arc<Workdir>>,
    shell: Option<Arc<Shell>>,
}

/// The semantic model of one Dockerfile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DockerfileModel {
    /// The escape character (`\` or `` ` ``).
    pub escape: char,
    /// Every top-level instruction, indexed by [`InstructionId`].
    pub instructions: Vec<InstructionInfo>,
    /// The stages, in order.
    pub stages: Vec<Stage>,
    /// The stage the build produces: the `--target` stage, else the last one. `None` when the
    /// file has no `FROM`.
    pub final_stage: Option<usize>,
    /// The `--target` that names no stage (the last stage is then taken as final).
    pub missing_target: Option<String>,
    global: Arc<Scope>,
}

impl DockerfileModel {
    /// Builds the model of `ast` (parsed from `source`) for a build invoked with `options`.
    /// Never panics, whatever the tree holds. `source` is not needed today (every value comes
    /// from the tree); it is part of the signature so the model can read source text later
    /// without an API change.
    pub fn build(ast: &Dockerfile, source: &str, options: &BuildOptions) -> DockerfileModel {
        let _ = source;
        builder::build(ast, options)
    }

    /// The final stage (see [`DockerfileModel::final_stage`]).
    pub fn final_stage(&self) -> Option<&Stage> {
        self.final_stage.and_then(|i| self.stages.get(i))
    }

    /// The indices of the stages whose file system ends up in the image: the final stage, then
    /// the stage it is built `FROM`, and so on (a stage's base is always an earlier stage, so
    /// the walk ends; it also stops at a repeat). Empty when there is no final stage.
    pub fn final_lineage(&self) -> Vec<usize> {
        let mut lineage = Vec::new();
        let mut next = self.final_stage;
        while let Some(index) = next {
            if lineage.contains(&index) {
                break;
            }
            lineage.push(index);
            next = self.stage(index).and_then(|s| s.base.stage());
        }
        lineage
    }

    /// The stage at `index`.
    pub fn stage(&self, index: usize) -> Option<&Stage> {
        self.stages.get(index)
    }

    /// The first stage named `name` (case-insensitively, as BuildKit compares stage names).
    pub fn stage_by_name(&self, name: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.is_named(name))
    }

    /// The stages the final stage needs (itself included), in file order.
    pub fn reachable_stages(&self) -> impl Iterator<Item = &Stage> + '_ {
        self.stages.iter().filter(|s| s.reachable)
    }

    /// What the model knows about instruction `id`.
    pub fn info(&self, id: InstructionId) -> Option<&InstructionInfo> {
        self.instructions.get(id.index())
    }

    /// The id of `instruction`, a top-level instruction of the tree the model was built from.
    pub fn id_of(&self, instruction: &Instruction) -> Option<InstructionId> {
        self.id_at(instruction.span.start())
    }

    /// The id of the top-level instruction whose span starts at byte `offset`.
    pub fn id_at(&self, offset: usize) -> Option<InstructionId> {
        let i = self
            .instructions
            .binary_search_by_key(&offset, |info| info.span.start())
            .ok()?;
        self.instructions.get(i).map(|info| info.id)
    }

    /// Instruction `id` in `ast` (the tree the model was built from).
    pub fn instruction<'a>(
        &self,
        ast: &'a Dockerfile,
        id: InstructionId,
    ) -> Option<&'a Instruction> {
        let info = self.info(id)?;
        match &ast.items.get(info.item_index)?.kind {
            keelson_syntax::dockerfile::ItemKind::Instruction(i) => Some(i),
            _ => None,
        }
    }

    /// The instructions of `stage` in `ast`, `FROM` included, with their ids.
    pub fn stage_instructions<'a>(
        &'a self,
        ast: &'a Dockerfile,
        stage: &Stage,
    ) -> impl Iterator<Item = (InstructionId, &'a Instruction)> + 'a {
        stage
            .instruction_ids()
            .filter_map(move |id| self.instruction(ast, id).map(|i| (id, i)))
    }

    /// The stage that holds instruction `id`.
    pub fn stage_of(&self, id: InstructionId) -> Option<&Stage> {
        self.info(id)
            .and_then(|i| i.stage)
            .and_then(|s| self.stages.get(s))
    }

    /// The variables in scope where instruction `id`'s words are expanded (before the
    /// instruction's own effect): the global scope for `FROM` and meta `ARG`s, the stage's
    /// `ARG`s and `ENV` otherwise. `None` for an unknown id.
    pub fn vars_at(&self, id: InstructionId) -> Option<VarsView> {
        self.info(id)
            .map(|info| VarsView::new(info.scope.clone(), self.escape))
    }

    /// The global scope (meta `ARG`s and platform arguments), as `FROM` lines see it.
    pub fn global_vars(&self) -> VarsView {
        VarsView::new(self.global.clone(), self.escape)
    }

    /// The variables at the end of `stage` (what a `RUN` appended at the end would see).
    pub fn vars_at_end(&self, stage: &Stage) -> VarsView {
        VarsView::new(stage.scope_at_end.clone(), self.escape)
    }

    /// The user in force while instruction `id` runs (for a `USER` instruction, the user before
    /// it). `None` before the first `FROM`.
    pub fn user_at(&self, id: InstructionId) -> Option<&EffectiveUser> {
        self.info(id).and_then(|i| i.user.as_deref())
    }

    /// The working directory while instruction `id` runs. `None` before the first `FROM`.
    pub fn workdir_at(&self, id: InstructionId) -> Option<&Workdir> {
        self.info(id).and_then(|i| i.workdir.as_deref())
    }

    /// The `SHELL` in force for instruction `id`. `None` before the first `FROM`.
    pub fn shell_at(&self, id: InstructionId) -> Option<&Shell> {
        self.info(id).and_then(|i| i.shell.as_deref())
    }

    /// Expands `word` as BuildKit would at instruction `id` (see [`DockerfileModel::vars_at`]).
    pub fn expand_at(&self, id: InstructionId, word: &str) -> Expansion {
        match self.vars_at(id) {
            Some(view) => view.expand(word),
            None => expand(word, &env::EmptyEnv, self.escape),
        }
    }
}

#[cfg(test)]
mod tests;
