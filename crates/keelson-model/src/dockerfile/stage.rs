//! Build stages: what each `FROM` starts from, and how stages depend on each other.

use std::ops::Range;
use std::sync::Arc;

use keelson_syntax::Span;

use super::config::{Healthcheck, Shell, Workdir};
use super::expand::Expansion;
use super::scope::Scope;
use super::user::EffectiveUser;
use super::InstructionId;
use crate::image::{ImageRef, ImageRefError};

/// One build stage: a `FROM` and the instructions up to the next `FROM`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stage {
    /// Position among the stages (what `COPY --from=<index>` counts).
    pub index: usize,
    /// The name after `AS`, as written.
    pub name: Option<String>,
    /// The span of the name.
    pub name_span: Option<Span>,
    /// The `FROM` instruction.
    pub from: InstructionId,
    /// The span of the `FROM` instruction.
    pub from_span: Span,
    /// The stage's instructions, `FROM` included (ids are consecutive).
    pub instructions: Range<InstructionId>,
    /// What the stage starts from.
    pub base: Base,
    /// The `--platform` flag of the `FROM`.
    pub platform: Option<Platform>,
    /// Dependencies on other stages or images through `COPY --from` and `RUN --mount=from=`.
    pub edges: Vec<StageEdge>,
    /// Whether this is the stage the build produces (the `--target`, else the last).
    pub is_final: bool,
    /// Whether the final stage needs this stage (it is the final stage, or it is reached through
    /// `FROM <stage>`, `COPY --from` or `RUN --mount=from=`).
    pub reachable: bool,
    /// The user in force at the end of the stage (what containers of this image run as).
    pub user_at_end: Arc<EffectiveUser>,
    /// The working directory at the end of the stage.
    pub workdir_at_end: Arc<Workdir>,
    /// The `SHELL` at the end of the stage.
    pub shell_at_end: Arc<Shell>,
    /// The `HEALTHCHECK` in force at the end of the stage (the last one of the stage, else the
    /// one inherited through `FROM <stage>`); `None` when this Dockerfile sets none.
    pub healthcheck: Option<Healthcheck>,
    /// The ports `EXPOSE`d in this stage (not the inherited ones), in order.
    pub exposed_ports: Vec<super::config::ExposedPort>,
    pub(crate) scope_at_end: Arc<Scope>,
}

impl Stage {
    /// The name lower-cased, as BuildKit compares stage names.
    pub fn name_lowercase(&self) -> Option<String> {
        self.name.as_ref().map(|n| n.to_ascii_lowercase())
    }

    /// Whether `name` is this stage's name (case-insensitively).
    pub fn is_named(&self, name: &str) -> bool {
        self.name
            .as_deref()
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    }

    /// The ids of the stage's instructions, `FROM` included.
    pub fn instruction_ids(&self) -> impl Iterator<Item = InstructionId> {
        (self.instructions.start.0..self.instructions.end.0).map(InstructionId)
    }

    /// Whether `id` belongs to this stage.
    pub fn contains(&self, id: InstructionId) -> bool {
        self.instructions.contains(&id)
    }

    /// A label for messages: the name, or `stage-<index>` as BuildKit calls unnamed stages.
    pub fn display_name(&self) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| format!("stage-{}", self.index))
    }
}

/// What a stage starts from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    /// `FROM scratch` (any case): the empty image.
    Scratch,
    /// `FROM <earlier stage>`: the stage with this index.
    Stage(usize),
    /// An image from a registry (or a word that did not resolve to a stage or `scratch`).
    Image(Box<ImageBase>),
    /// The `FROM` has no image word (a parse error).
    Missing,
}

impl Base {
    /// The image, when the base is a resolved, valid image reference.
    pub fn image(&self) -> Option<&ImageRef> {
        match self {
            Base::Image(i) => i.image.as_ref(),
            _ => None,
        }
    }

    /// The image base, when the base is (or may be) an image.
    pub fn image_base(&self) -> Option<&ImageBase> {
        match self {
            Base::Image(i) => Some(i),
            _ => None,
        }
    }

    /// The stage index, when the base is an earlier stage.
    pub fn stage(&self) -> Option<usize> {
        match self {
            Base::Stage(i) => Some(*i),
            _ => None,
        }
    }
}

/// A `FROM` that names an image (or something that did not resolve to a stage or `scratch`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageBase {
    /// The image word as written (`${BASE}:1.2`).
    pub raw: String,
    /// Where the image word is in the source.
    pub raw_span: Span,
    /// The word after expansion with the meta `ARG` defaults and build arguments; `None` when it
    /// depends on a variable the model cannot resolve.
    pub resolved: Option<String>,
    /// The parsed reference, when `resolved` is a valid image reference.
    pub image: Option<ImageRef>,
    /// Why `resolved` is not a valid image reference.
    pub image_error: Option<ImageRefError>,
    /// The variables that could not be resolved, in order.
    pub unresolved_vars: Vec<String>,
    /// When the word does not resolve: the earlier stages it could name once the unresolved
    /// variables get values (`FROM base-$TARGETARCH` with stages `base-amd64` and `base-arm64`).
    /// Rules about registry images should skip a base with candidates; reachability follows
    /// all of them.
    pub candidate_stages: Vec<usize>,
    /// The full expansion (values, references, errors).
    pub expansion: Expansion,
}

impl ImageBase {
    /// Whether the word is literal in the source (no quotes, variables, escapes or line
    /// continuations), so that spans inside [`ImageBase::image`] map to the source by adding
    /// `raw_span.start`.
    pub fn is_literal(&self) -> bool {
        self.expansion.refs.is_empty()
            && self.resolved.as_deref() == Some(self.raw.as_str())
            && self.raw_span.len() == self.raw.len()
    }

    /// The source span of a part of [`ImageBase::image`] (for example its `tag_span`), when the
    /// word is literal; otherwise `None` (point at [`ImageBase::raw_span`] instead).
    pub fn source_span(&self, part: Span) -> Option<Span> {
        self.is_literal()
            .then(|| part.shift(self.raw_span.start()))
            .filter(|s| s.end <= self.raw_span.end)
    }
}

/// The `--platform` flag of a `FROM`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Platform {
    /// The value as written (quotes removed by the parser).
    pub raw: String,
    /// Where the value is in the source.
    pub span: Option<Span>,
    /// The value after expansion in the global scope.
    pub expansion: Expansion,
}

/// How one stage uses another stage or an image.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EdgeKind {
    /// `COPY --from=…`.
    CopyFrom,
    /// `RUN --mount=…,from=…`.
    MountFrom,
}

/// A `COPY --from` or `RUN --mount=from=` dependency.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StageEdge {
    /// Which construct.
    pub kind: EdgeKind,
    /// The instruction.
    pub instruction: InstructionId,
    /// The value as written (quotes removed).
    pub raw: String,
    /// Where the value is in the source.
    pub span: Span,
    /// What it names.
    pub target: EdgeTarget,
}

/// What a `--from` names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EdgeTarget {
    /// A stage, by name (case-insensitively) or by index.
    Stage(usize),
    /// An image from a registry.
    Image(ImageRef),
    /// A value with `$`: BuildKit does not expand variables in `--from` and rejects it.
    Variable,
    /// Neither a stage nor a valid image reference.
    Invalid(ImageRefError),
}

impl EdgeTarget {
    /// The stage index, when the target is a stage.
    pub fn stage(&self) -> Option<usize> {
        match self {
            EdgeTarget::Stage(i) => Some(*i),
            _ => None,
        }
    }
}
