//! K806 copy-from-undefined-stage: `COPY --from` / `RUN --mount=from=` names its own stage, a
//! later stage, a stage index that does not exist, or a bare name that is not a stage (which
//! BuildKit then pulls as an image). See `rules/K806-copy-from-undefined-stage/README.md`.

use keelson_model::dockerfile::{EdgeKind, EdgeTarget, Stage, StageEdge};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3022"),
        peer("hadolint", "DL3023"),
        peer("trivy", "DS-0006"),
        peer("kics", "COPY '--from' References Current FROM Alias"),
    ],
    fixable: false,
};

pub(crate) struct CopyFromUndefinedStage;
pub(crate) static RULE: CopyFromUndefinedStage = CopyFromUndefinedStage;

impl Check for CopyFromUndefinedStage {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let stages = &cx.model.stages;
        for stage in stages {
            for edge in &stage.edges {
                let what = construct(edge);
                match &edge.target {
                    EdgeTarget::Stage(target) if *target == stage.index => {
                        out.report(
                            edge.span,
                            format!(
                                "{what} `{}` names the stage it is in: a stage cannot read its own \
                                 result, and BuildKit stops with a circular-dependency error",
                                edge.raw
                            ),
                        )
                        .help("name the earlier stage that builds these files");
                    }
                    EdgeTarget::Stage(target) if *target > stage.index => {
                        let later = stages.get(*target);
                        let finding = out.report(
                            edge.span,
                            format!(
                                "{what} `{}` names a later stage ({}): a stage can only use stages \
                                 defined before it, and BuildKit refuses the build",
                                edge.raw,
                                later.map(Stage::display_name).unwrap_or_default()
                            ),
                        );
                        finding.help("move the stage that builds these files above this one");
                        if let Some(span) = later.and_then(|s| s.name_span) {
                            finding.related(cx.file, span, "the stage is defined here");
                        }
                    }
                    EdgeTarget::Image(_) | EdgeTarget::Invalid(_) if is_index(&edge.raw) => {
                        out.report(
                            edge.span,
                            format!(
                                "{what} `{}` is a stage index, but the file has only {} stage(s) \
                                 (indexes start at 0)",
                                edge.raw,
                                stages.len()
                            ),
                        )
                        .help("use the index of an earlier stage, or better, its name (`FROM … AS name`)");
                    }
                    EdgeTarget::Image(_)
                        if is_bare_name(&edge.raw)
                            && !COMMON_IMAGES.contains(&edge.raw.as_str()) =>
                    {
                        let finding = out.report(
                            edge.span,
                            format!(
                                "{what} `{}` names no stage of this file, so BuildKit pulls the image \
                                 `docker.io/library/{}:latest` instead, which is almost never meant",
                                edge.raw,
                                edge.raw.to_ascii_lowercase()
                            ),
                        );
                        finding.severity(Severity::Warning);
                        match similar_stage(stages, &edge.raw) {
                            Some(s) => {
                                finding.help(format!(
                                    "did you mean the stage `{}`?",
                                    s.display_name()
                                ));
                            }
                            None => {
                                finding.help(
                                    "name the stage that builds these files (`FROM … AS name`), or \
                                     write the image with a tag (`name:tag`) if an image is meant",
                                );
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

/// Official images that are copied from by name on purpose (`COPY --from=busybox /bin/sh …`).
const COMMON_IMAGES: &[&str] = &[
    "alpine",
    "busybox",
    "debian",
    "ubuntu",
    "centos",
    "fedora",
    "nginx",
    "golang",
    "node",
    "python",
    "docker",
    "registry",
    "hello-world",
];

fn construct(edge: &StageEdge) -> &'static str {
    match edge.kind {
        EdgeKind::CopyFrom => "`COPY --from`",
        EdgeKind::MountFrom => "`RUN --mount=from=`",
    }
}

fn is_index(raw: &str) -> bool {
    !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit())
}

/// A single-component name without tag, digest or registry: `builder`, `build-env`.
fn is_bare_name(raw: &str) -> bool {
    !raw.is_empty() && !raw.contains(['/', ':', '@']) && !is_index(raw)
}

/// A stage whose name is within two edits of `raw` (case-insensitive).
fn similar_stage<'a>(stages: &'a [Stage], raw: &str) -> Option<&'a Stage> {
    let raw = raw.to_ascii_lowercase();
    stages.iter().find(|s| {
        s.name_lowercase()
            .is_some_and(|n| edit_distance(&n, &raw) <= 2)
    })
}

/// Levenshtein distance (bytes; stage names are ASCII).
pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let a = a.as_bytes();
    let b = b.as_bytes();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        if let Some(first) = cur.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(c) = cur.get_mut(j + 1) {
                *c = sub.min(del).min(ins);
            }
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.get(b.len()).copied().unwrap_or(0)
}
