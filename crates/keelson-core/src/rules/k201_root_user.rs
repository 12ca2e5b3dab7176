//! K201 root-user: the image a Dockerfile builds, or a compose service, runs as root.
//!
//! Only the user containers actually run as matters: the end of the final stage (the
//! `--target`, else the last), following `FROM <stage>` inheritance and `ARG`/`ENV` values,
//! and for compose the service's `user:`, else the final stage of the Dockerfile it builds.
//! A root user in a builder stage is not reported. See `rules/K201-root-user/README.md`.

use keelson_model::compose::{ComposeService, Loc};
use keelson_model::dockerfile::{
    Base, DefaultUser, DockerfileModel, EffectiveUser, RootStatus, Stage, UserSetting, VarKind,
};
use keelson_model::image::ImageRef;
use keelson_syntax::dockerfile::{Dockerfile, Instruction, InstructionArgs, InstructionKind};
use keelson_syntax::Span;

use crate::context::{ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, BOTH};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Privilege,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: BOTH,
    peers: &[
        peer("hadolint", "DL3002"),
        peer("trivy", "DS-0002"),
        peer("kics", "Last User Is 'root'"),
        peer("kics", "Missing User Instruction"),
        peer("checkov", "CKV_DOCKER_3"),
        peer("checkov", "CKV_DOCKER_8"),
        peer("semgrep", "last-user-is-root"),
        peer("semgrep", "missing-user"),
        peer("compose-lint", "CL-0018"),
    ],
    fixable: true,
};

pub(crate) struct RootUser;
pub(crate) static RULE: RootUser = RootUser;

/// The numeric user the fixes and help suggest: the `nonroot` user of distroless images, free
/// in every common base image.
const SUGGESTED_USER: &str = "65532:65532";

impl Check for RootUser {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let allowed = &cx.config.options.allowed_users;
        let Some(verdict) = final_user(cx.model, cx.syntax, allowed) else {
            return;
        };
        let file = cx.file;
        match &verdict {
            Verdict::Explicit { setting, stage } => {
                let finding = out
                    .report(setting.value_span, explicit_message(cx.model, setting, stage))
                    .help(format!(
                        "switch to an unprivileged user at the end of the final stage (`USER app`, or a \
                         numeric `USER {SUGGESTED_USER}`); do the steps that need root before that line"
                    ));
                for (span, why) in explicit_related(cx.model, cx.syntax, setting, stage) {
                    finding.related(file, span, why);
                }
            }
            Verdict::Implicit {
                stage,
                origin,
                scratch,
            } => {
                let span = from_image_span(cx.model, cx.syntax, stage);
                let finding = out.report(span, implicit_message(stage, origin, *scratch));
                finding.help(implicit_help(origin, *scratch));
                if !*scratch {
                    finding.severity(Severity::Warning);
                }
                if origin.index != stage.index {
                    finding.related(
                        file,
                        from_image_span(cx.model, cx.syntax, origin),
                        format!(
                            "the final stage is built from stage `{}`, which starts here",
                            origin.display_name()
                        ),
                    );
                }
                if let Some(fix) = insert_user_fix(cx.model, cx.syntax, cx.source, stage) {
                    finding.fix(fix);
                }
            }
        }
    }

    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        let allowed = &cx.config.options.allowed_users;
        // Root `user:` values by where they are written: an anchor or `extends` base shared by
        // several services is reported once.
        let mut explicit: Vec<SharedUser<'_>> = Vec::new();
        for (index, service) in cx.project.services.iter().enumerate() {
            match &service.user {
                Some(user) if !user.value.trim().is_empty() => {
                    // An unresolved `${UID}` could be anything; a non-root value overrides
                    // whatever the image says.
                    if !user.is_determined()
                        || !is_root_user_value(&user.value)
                        || is_allowed(&user.value, allowed)
                    {
                        continue;
                    }
                    let entry = (service.name.as_str(), user.via);
                    match explicit.iter_mut().find(|(loc, _, _)| *loc == user.loc) {
                        Some((_, _, services)) => services.push(entry),
                        None => explicit.push((user.loc, user.value.as_str(), vec![entry])),
                    }
                }
                _ => compose_build(cx, index, service, allowed, out),
            }
        }
        for (loc, value, services) in explicit {
            let names: Vec<String> = services.iter().map(|(n, _)| format!("`{n}`")).collect();
            let who = match names.as_slice() {
                [one] => format!("service {one} runs"),
                many => format!("services {} run", many.join(", ")),
            };
            let (file, span) = cx.at(loc);
            let finding = out
                .report_in(
                    file,
                    span,
                    format!(
                        "{who} as root (`user: {value}`): a compromised process has full control of the \
                         container and an easier path to the host"
                    ),
                )
                .help(format!(
                    "set `user:` to an unprivileged user, for example `\"{SUGGESTED_USER}\"`, and give that \
                     user the files and ports it needs"
                ));
            for (name, via) in services {
                if let Some(via) = via {
                    let (vfile, vspan) = cx.at(via);
                    finding.related(
                        vfile,
                        vspan,
                        format!("service `{name}` takes its `user:` from here"),
                    );
                }
            }
        }
    }
}

/// A root `user:` value, where it is written, and the services (with the alias or `extends`
/// that brought it to each) that use it.
type SharedUser<'p> = (Loc, &'p str, Vec<(&'p str, Option<Loc>)>);

/// A service without `user:` that builds a Dockerfile: what that Dockerfile's final stage says.
fn compose_build(
    cx: &ComposeContext<'_>,
    index: usize,
    service: &ComposeService,
    allowed: &[String],
    out: &mut Reporter<'_>,
) {
    let Some(build) = cx.build_of(index) else {
        return;
    };
    // A target keelson cannot resolve leaves the final stage unknown.
    let target_unknown = service
        .build
        .as_ref()
        .and_then(|b| b.target.as_ref())
        .is_some_and(|t| !t.is_determined());
    if target_unknown {
        return;
    }
    let Some(verdict) = final_user(&build.model, &build.syntax, allowed) else {
        return;
    };
    // The Dockerfile's path as seen from the compose file's folder.
    let dockerfile = cx
        .files
        .get(build.file)
        .map(|f| {
            let dir = cx.path.parent().unwrap_or(std::path::Path::new(""));
            f.path
                .strip_prefix(dir)
                .unwrap_or(&f.path)
                .display()
                .to_string()
        })
        .unwrap_or_else(|| "Dockerfile".to_owned());
    let (file, span) = cx.at(service.key_loc);
    let in_stage = match verdict.stage().name.as_deref() {
        Some(name) => format!("stage `{name}` of {dockerfile}"),
        None => dockerfile,
    };
    let (message, related_span, related_why, severity) = match &verdict {
        Verdict::Explicit { setting, .. } => (
            format!(
                "service `{}` sets no `user:`, and the image it builds runs as root ({} in {in_stage})",
                service.name,
                describe_setting(setting)
            ),
            setting.value_span,
            "this `USER` makes the image run as root".to_owned(),
            Severity::Error,
        ),
        Verdict::Implicit { stage, origin, scratch } => (
            format!(
                "service `{}` sets no `user:`, and the image it builds never sets `USER` ({in_stage}), so it \
                 runs as {}",
                service.name,
                if *scratch {
                    "uid 0 (root), like every `scratch` image without `USER`".to_owned()
                } else {
                    format!(
                        "the default user of `{}`, which is root unless that image sets another one",
                        origin_name(origin)
                    )
                }
            ),
            from_image_span(&build.model, &build.syntax, stage),
            "the final stage starts here and never sets `USER`".to_owned(),
            if *scratch {
                Severity::Error
            } else {
                Severity::Warning
            },
        ),
    };
    let finding = out.report_in(file, span, message);
    finding.severity(severity)
        .help(format!(
            "add `user: \"{SUGGESTED_USER}\"` (or another unprivileged user) to the service, or a `USER` line \
             at the end of the Dockerfile's final stage"
        ))
        .related(build.file, related_span, related_why);
    // A `build.args` entry that feeds the root `USER`.
    if let Verdict::Explicit { setting, .. } = &verdict {
        for r in &setting.expansion.refs {
            if r.origin.map(|o| o.kind) != Some(VarKind::BuildArg) {
                continue;
            }
            let arg = service
                .build
                .iter()
                .flat_map(|b| b.args.iter())
                .find(|kv| kv.key == r.name);
            if let Some(arg) = arg {
                let loc = arg.value.as_ref().map_or(arg.loc, |v| v.loc);
                let (afile, aspan) = cx.at(loc);
                finding.related(
                    afile,
                    aspan,
                    format!("the build argument `{}` is set here", r.name),
                );
            }
        }
    }
}

/// Why the final stage runs as root.
enum Verdict<'m> {
    /// A `USER` instruction (in the final stage or a stage it is built from) sets root.
    Explicit {
        setting: &'m UserSetting,
        stage: &'m Stage,
    },
    /// No `USER` applies: the default user of the image (or scratch) the stage chain starts from.
    Implicit {
        stage: &'m Stage,
        /// The first stage of the `FROM <stage>` chain (the one built from an image or scratch).
        origin: &'m Stage,
        scratch: bool,
    },
}

impl<'m> Verdict<'m> {
    /// The final stage.
    fn stage(&self) -> &'m Stage {
        match self {
            Verdict::Explicit { stage, .. } | Verdict::Implicit { stage, .. } => stage,
        }
    }
}

/// Whether (and why) the final stage of `model` runs as root, after the policy on base images,
/// Windows and `allowed-users`. `None`: not root, unknown, or accepted.
fn final_user<'m>(
    model: &'m DockerfileModel,
    syntax: &Dockerfile,
    allowed: &[String],
) -> Option<Verdict<'m>> {
    // A `--target` naming no stage leaves the final stage unknown.
    if model.missing_target.is_some() {
        return None;
    }
    let stage = model.final_stage()?;
    match stage.user_at_end.as_ref() {
        EffectiveUser::Set(setting) => {
            if setting.root_status() != RootStatus::Root {
                return None;
            }
            let value = setting.expansion.value.as_str();
            let user = setting.user.as_deref().unwrap_or("");
            if is_allowed(value, allowed) || is_allowed(user, allowed) {
                return None;
            }
            Some(Verdict::Explicit { setting, stage })
        }
        EffectiveUser::Default(default) => {
            if allowed.iter().any(|a| a == "root" || a == "0") {
                return None;
            }
            let origin = chain_origin(model, stage)?;
            match default {
                DefaultUser::Scratch => {
                    // A scratch stage without CMD or ENTRYPOINT is an artifact export
                    // (`--output`), not something that runs.
                    if !chain_has_command(model, syntax, stage) {
                        return None;
                    }
                    Some(Verdict::Implicit {
                        stage,
                        origin,
                        scratch: true,
                    })
                }
                DefaultUser::Image => {
                    // An image keelson cannot name (an unresolved `FROM $BASE`, or an invalid
                    // reference another rule reports) has a user nobody can tell.
                    let image = origin.base.image_base()?.image.as_ref()?;
                    if image_runs_as_non_root(image)
                        || is_windows_image(image)
                        || is_windows_shell(stage)
                    {
                        return None;
                    }
                    // `sudo` in the steps of a stage without `USER` means its author knows the
                    // base image runs as an unprivileged user (K202 reports the sudo).
                    if chain_uses_sudo(model, syntax, stage) {
                        return None;
                    }
                    Some(Verdict::Implicit {
                        stage,
                        origin,
                        scratch: false,
                    })
                }
            }
        }
    }
}

/// The first stage of the `FROM <stage>` chain that ends at `stage`.
fn chain_origin<'m>(model: &'m DockerfileModel, stage: &'m Stage) -> Option<&'m Stage> {
    let mut current = stage;
    // Bases always point at earlier stages; the bound only guards against a malformed model.
    for _ in 0..=model.stages.len() {
        match current.base {
            Base::Stage(parent) if parent < current.index => current = model.stage(parent)?,
            Base::Stage(_) => return None,
            _ => return Some(current),
        }
    }
    None
}

/// Whether `stage` or a stage it is built from has a `CMD` or `ENTRYPOINT`.
fn chain_has_command(model: &DockerfileModel, syntax: &Dockerfile, stage: &Stage) -> bool {
    chain_any(model, syntax, stage, |i| {
        matches!(i.kind, InstructionKind::Cmd | InstructionKind::Entrypoint)
    })
}

/// Whether a `RUN` of `stage` or of a stage it is built from calls `sudo` (or `doas`).
fn chain_uses_sudo(model: &DockerfileModel, syntax: &Dockerfile, stage: &Stage) -> bool {
    chain_any(model, syntax, stage, |i| {
        i.kind == InstructionKind::Run && super::k202_sudo_in_run::calls_sudo(i)
    })
}

/// Whether an instruction of `stage`, or of a stage it is built from (`FROM <stage>`, followed
/// back at most once per stage so that a malformed chain cannot loop), satisfies `pred`.
fn chain_any(
    model: &DockerfileModel,
    syntax: &Dockerfile,
    stage: &Stage,
    pred: impl Fn(&Instruction) -> bool,
) -> bool {
    let mut current = Some(stage);
    let mut steps = 0;
    while let Some(s) = current {
        if model.stage_instructions(syntax, s).any(|(_, i)| pred(i)) {
            return true;
        }
        steps += 1;
        current = match s.base {
            Base::Stage(parent) if parent < s.index && steps <= model.stages.len() => {
                model.stage(parent)
            }
            _ => None,
        };
    }
    false
}

/// Well-known images whose Dockerfiles end with an unprivileged `USER`, as (registry,
/// repository); a repository ending in `/` covers a whole namespace.
const NON_ROOT_IMAGES: &[(&str, &str)] = &[
    // Jupyter docker-stacks (`jovyan`).
    ("docker.io", "jupyter/"),
    ("quay.io", "jupyter/"),
    // Jenkins controller and agents (`jenkins`).
    ("docker.io", "jenkins/jenkins"),
    ("docker.io", "jenkins/agent"),
    ("docker.io", "jenkins/inbound-agent"),
    // Elastic Stack (uid 1000).
    ("docker.elastic.co", "elasticsearch/"),
    ("docker.elastic.co", "kibana/"),
    ("docker.elastic.co", "logstash/"),
    ("docker.io", "library/elasticsearch"),
    ("docker.io", "library/kibana"),
    ("docker.io", "library/logstash"),
    // Grafana (uid 472).
    ("docker.io", "grafana/grafana"),
    ("docker.io", "grafana/grafana-oss"),
    ("docker.io", "grafana/grafana-enterprise"),
    // Prometheus (`nobody`).
    ("docker.io", "prom/prometheus"),
    ("docker.io", "prom/alertmanager"),
    ("docker.io", "prom/node-exporter"),
    ("docker.io", "prom/pushgateway"),
    ("quay.io", "prometheus/prometheus"),
    ("quay.io", "prometheus/alertmanager"),
    ("quay.io", "prometheus/node-exporter"),
    // Keycloak (uid 1000) and SonarQube (`sonarqube`).
    ("quay.io", "keycloak/keycloak"),
    ("docker.io", "library/sonarqube"),
];

/// Whether the image's name says it runs as an unprivileged user by default: a `nonroot`,
/// `non-root` or `rootless` tag or repository name (distroless `:nonroot`, `docker:dind-rootless`),
/// a Chainguard image other than `wolfi-base` and the `-dev` variants, an image of
/// [`NON_ROOT_IMAGES`], or a chiseled or distroless .NET image.
fn image_runs_as_non_root(image: &ImageRef) -> bool {
    let repo = image.normalized_repository().to_ascii_lowercase();
    let name = repo.rsplit('/').next().unwrap_or(&repo);
    let tag = image.tag.as_deref().unwrap_or("").to_ascii_lowercase();
    if says_non_root(name) || says_non_root(&tag) {
        return true;
    }
    let chainguard = match image.registry.as_deref() {
        Some("cgr.dev") => repo.starts_with("chainguard/"),
        _ => image.is_docker_hub() && repo.starts_with("chainguard/"),
    };
    if chainguard && name != "wolfi-base" && !tokens(&tag).any(|t| t == "dev") {
        return true;
    }
    let registry = image.registry_or_default();
    if NON_ROOT_IMAGES.iter().any(|(r, prefix)| {
        *r == registry
            && match prefix.strip_suffix('/') {
                Some(namespace) => repo
                    .strip_prefix(namespace)
                    .is_some_and(|rest| rest.starts_with('/')),
                None => repo == *prefix,
            }
    }) {
        return true;
    }
    // .NET's chiseled and distroless images set `USER app`.
    image.registry.as_deref() == Some("mcr.microsoft.com")
        && repo.starts_with("dotnet/")
        && tokens(&tag).any(|t| t == "chiseled" || t == "distroless")
}

/// Whether a name or tag holds the word `nonroot`, `non-root` or `rootless`.
fn says_non_root(text: &str) -> bool {
    let words: Vec<&str> = tokens(text).collect();
    words.iter().any(|w| *w == "nonroot" || *w == "rootless")
        || words
            .windows(2)
            .any(|p| p.first() == Some(&"non") && p.get(1) == Some(&"root"))
}

fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(['-', '_', '.']).filter(|t| !t.is_empty())
}

/// Windows base images (their users are `ContainerAdministrator` / `ContainerUser`, not root).
fn is_windows_image(image: &ImageRef) -> bool {
    let repo = image.repository.to_ascii_lowercase();
    let tag = image.tag.as_deref().unwrap_or("").to_ascii_lowercase();
    let windows_word = |t: &str| {
        matches!(
            t,
            "nanoserver" | "servercore" | "windowsservercore" | "windows"
        )
    };
    repo.split('/').any(|c| tokens(c).any(windows_word))
        || tokens(&tag).any(|t| windows_word(t) || t.starts_with("ltsc"))
        || (image.registry.as_deref() == Some("mcr.microsoft.com")
            && repo.starts_with("dotnet/framework"))
}

/// Whether the final stage's `SHELL` is `cmd` or Windows PowerShell (a Windows image).
fn is_windows_shell(stage: &Stage) -> bool {
    matches!(
        stage.shell_at_end.program().as_deref(),
        Some("cmd" | "powershell")
    )
}

/// `root`, `0`, `root:…`, `0:…` (an all-zero uid counts as 0).
fn is_root_user_value(value: &str) -> bool {
    let user = value.trim().split(':').next().unwrap_or("");
    user == "root" || (!user.is_empty() && user.bytes().all(|b| b == b'0'))
}

/// Whether `options.allowed-users` accepts `value` (the whole `user:group`, or its user part).
fn is_allowed(value: &str, allowed: &[String]) -> bool {
    let value = value.trim();
    let user = value.split(':').next().unwrap_or(value);
    allowed.iter().any(|a| a == value || a == user)
}

fn explicit_message(model: &DockerfileModel, setting: &UserSetting, stage: &Stage) -> String {
    let how = if setting.stage == stage.index {
        "runs as root".to_owned()
    } else {
        let from = model
            .stage(setting.stage)
            .map(|s| format!("stage `{}`", s.display_name()))
            .unwrap_or_else(|| "an earlier stage".to_owned());
        format!("inherits root from {from}")
    };
    format!(
        "{} {how} ({}): a compromised process has full control of the container and an easier path \
         to the host",
        stage_label(stage),
        describe_setting(setting)
    )
}

/// `USER root`, or `USER $U`, which expands to `root`.
fn describe_setting(setting: &UserSetting) -> String {
    let resolved = setting.expansion.value.as_str();
    if resolved.is_empty() {
        format!(
            "`USER {}` expands to an empty user, which means root",
            setting.raw
        )
    } else if setting.expansion.has_refs() {
        format!("`USER {}` expands to `{resolved}`", setting.raw)
    } else {
        format!("`USER {}`", setting.raw)
    }
}

/// "the final stage `name`", or "the final stage" when it has no name.
fn stage_label(stage: &Stage) -> String {
    match &stage.name {
        Some(name) => format!("the final stage `{name}`"),
        None => "the final stage".to_owned(),
    }
}

/// Related places of an explicit root `USER`: where its variables got their values, and the
/// `FROM` through which the final stage inherits it.
fn explicit_related(
    model: &DockerfileModel,
    syntax: &Dockerfile,
    setting: &UserSetting,
    stage: &Stage,
) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    for r in &setting.expansion.refs {
        let Some(span) = r.origin.and_then(|o| o.span) else {
            continue;
        };
        if !out.iter().any(|(s, _)| *s == span) {
            out.push((span, format!("`{}` gets its value here", r.name)));
        }
    }
    if setting.stage != stage.index {
        let from = model
            .stage(setting.stage)
            .map(|s| s.display_name())
            .unwrap_or_else(|| "an earlier stage".to_owned());
        out.push((
            from_image_span(model, syntax, stage),
            format!("the final stage inherits the user of `{from}` here"),
        ));
    }
    out
}

fn implicit_message(stage: &Stage, origin: &Stage, scratch: bool) -> String {
    let label = stage_label(stage);
    if scratch {
        format!(
            "{label} is built from `scratch` and never sets `USER`; scratch has no default user, so its \
             process runs as uid 0 (root)"
        )
    } else {
        format!(
            "{label} never sets `USER`, so containers run as the default user of `{}`, which is root \
             unless that image sets another one",
            origin_name(origin)
        )
    }
}

fn implicit_help(origin: &Stage, scratch: bool) -> String {
    if scratch {
        format!(
            "add `USER {SUGGESTED_USER}` to the final stage: a numeric uid works without /etc/passwd, \
             which scratch does not have"
        )
    } else {
        format!(
            "add `USER <unprivileged user>` at the end of the final stage (a numeric `USER {SUGGESTED_USER}` \
             needs no /etc/passwd entry); if `{}` already runs as a non-root user, repeat it with `USER` so \
             that it is visible here",
            origin_name(origin)
        )
    }
}

/// The base image of a chain's first stage, as written.
fn origin_name(origin: &Stage) -> String {
    match &origin.base {
        Base::Image(image) => image
            .image
            .as_ref()
            .map(|i| i.familiar_string())
            .or_else(|| image.resolved.clone())
            .unwrap_or_else(|| image.raw.clone()),
        Base::Scratch => "scratch".to_owned(),
        _ => "the base image".to_owned(),
    }
}

/// The image word of a stage's `FROM` (the whole instruction if it has none).
fn from_image_span(model: &DockerfileModel, syntax: &Dockerfile, stage: &Stage) -> Span {
    model
        .instruction(syntax, stage.from)
        .and_then(|i| match &i.view {
            InstructionArgs::From(f) => f.image.as_ref().map(|w| w.span),
            _ => None,
        })
        .unwrap_or(stage.from_span)
}

/// Inserts `USER 65532:65532` after the last instruction of the final stage (unsafe: the
/// application may need files or ports that user cannot reach).
fn insert_user_fix(
    model: &DockerfileModel,
    syntax: &Dockerfile,
    source: &str,
    stage: &Stage,
) -> Option<Fix> {
    let (_, last) = model.stage_instructions(syntax, stage).last()?;
    let end = last.span.end();
    let newline = if source
        .get(end..)
        .is_some_and(|rest| rest.starts_with("\r\n"))
    {
        "\r\n"
    } else {
        "\n"
    };
    Some(Fix::unsafe_(
        format!("append `USER {SUGGESTED_USER}` to the final stage"),
        vec![Edit::insert(end, format!("{newline}USER {SUGGESTED_USER}"))],
    ))
}
