//! K401 unpinned-image: an image pulled with no tag or with `latest`, and no digest, so every
//! build may get a different image.
//!
//! This file also holds what K401, K402 and K403 share ([`images`]): every image a Dockerfile or
//! compose project pulls, resolved through `ARG` defaults, build arguments and interpolation,
//! with the place a user has to edit for each part of the reference.

use crate::context::{ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, BOTH};

use images::{ImageUse, Pending};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: BOTH,
    peers: &[
        peer("hadolint", "DL3006"),
        peer("hadolint", "DL3007"),
        peer("trivy", "DS-0001"),
        peer("kics", "Image Version Not Explicit"),
        peer("kics", "Image Version Using 'latest'"),
        peer("checkov", "CKV_DOCKER_7"),
        peer("semgrep", "missing-image-version"),
        peer("dclint", "service-image-require-explicit-tag"),
        peer("compose-lint", "CL-0004"),
    ],
    fixable: false,
};

pub(crate) struct UnpinnedImage;
pub(crate) static RULE: UnpinnedImage = UnpinnedImage;

impl Check for UnpinnedImage {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        images::check_dockerfile(cx, out, judge);
    }

    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        images::check_compose(cx, out, judge);
    }
}

/// An image is unpinned when it has no digest and its tag is missing or `latest`.
fn judge(u: &ImageUse) -> Option<Pending> {
    let image = &u.image;
    if image.digest.is_some() {
        return None;
    }
    let name = images::name_as_written(image);
    let puller = u.kind.puller();
    match image.tag.as_deref() {
        None => {
            let place = u.end.clone();
            let message = format!(
                "{} has no tag, so {puller} pulls `{name}:latest`, which points at whatever was \
                 pushed last: the image changes without any change to this file, and nobody \
                 reviews it",
                u.subject(&place)
            );
            let help = format!(
                "add the version you test with here, so that the image reads `{name}:<version>`; \
                 adding its digest as well (`@sha256:…`, see K402) makes every pull identical"
            );
            Some(Pending::new(place, message, help))
        }
        Some("latest") => {
            let place = u.tag.clone().unwrap_or_else(|| u.end.clone());
            let message = format!(
                "{} uses the `latest` tag, which points at whatever was pushed last: the image \
                 changes without any change to this file, and nobody reviews it",
                u.subject(&place)
            );
            let help = format!(
                "replace `latest` with the version you test with (`{name}:<version>`); adding its \
                 digest as well (`@sha256:…`, see K402) makes every pull identical"
            );
            Some(Pending::new(place, message, help))
        }
        Some(_) => None,
    }
}

/// What K401, K402 and K403 share: the images a file pulls and where each part is written.
pub(crate) mod images {
    use keelson_model::compose::{ComposeService, Outcome, Text, VarOrigin as ComposeVarOrigin};
    use keelson_model::dockerfile::{
        Base, BuildOptions, DockerfileModel, EdgeKind, EdgeTarget, ImageBase, VarKind,
    };
    use keelson_model::image::ImageRef;
    use keelson_syntax::dockerfile::{Dockerfile, InstructionArgs};
    use keelson_syntax::Span;

    use crate::context::{ComposeContext, DockerfileContext};
    use crate::diagnostic::Severity;
    use crate::report::Reporter;
    use crate::source::FileId;

    /// Where a part of an image reference is written: the place a user edits.
    #[derive(Clone, Debug)]
    pub(crate) struct Place {
        pub(crate) file: FileId,
        pub(crate) span: Span,
        /// How the text at this place reaches the image, when it is not the image word itself
        /// ("the default of ARG `BASE`").
        pub(crate) origin: Option<String>,
        /// Other locations that explain the finding.
        pub(crate) related: Vec<(FileId, Span, String)>,
    }

    impl Place {
        fn at(file: FileId, span: Span) -> Place {
            Place {
                file,
                span,
                origin: None,
                related: Vec::new(),
            }
        }
    }

    /// What pulls the image.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum Kind {
        /// A `FROM` line.
        From,
        /// `COPY --from=<image>`.
        CopyFrom,
        /// `RUN --mount=from=<image>`.
        MountFrom,
        /// A compose service's `image:`.
        Service,
    }

    impl Kind {
        /// Who pulls the image, for messages.
        pub(crate) fn puller(self) -> &'static str {
            match self {
                Kind::Service => "Compose",
                _ => "the build",
            }
        }
    }

    /// One image a file pulls.
    #[derive(Clone, Debug)]
    pub(crate) struct ImageUse {
        /// The resolved reference.
        pub(crate) image: ImageRef,
        /// What pulls it.
        pub(crate) kind: Kind,
        /// The written tag, exactly, when the reference is literal.
        pub(crate) tag: Option<Place>,
        /// Where text appended to the reference (a tag, a digest) would be written.
        pub(crate) end: Place,
        /// Where the registry part is written.
        pub(crate) start: Place,
    }

    impl ImageUse {
        /// "base image `python`", with how `place` reaches it when that is not obvious.
        pub(crate) fn subject(&self, place: &Place) -> String {
            let image = self.image.to_string();
            let what = match self.kind {
                Kind::From => format!("base image `{image}`"),
                Kind::CopyFrom => format!("image `{image}` in `COPY --from`"),
                Kind::MountFrom => format!("image `{image}` in `RUN --mount=from=`"),
                Kind::Service => format!("image `{image}`"),
            };
            match &place.origin {
                Some(origin) => format!("{what} (from {origin})"),
                None => what,
            }
        }
    }

    /// The registry and repository as written (no tag or digest): `python`, `ghcr.io/o/app`.
    pub(crate) fn name_as_written(image: &ImageRef) -> String {
        match &image.registry {
            Some(r) => format!("{r}/{}", image.repository),
            None => image.repository.clone(),
        }
    }

    /// A finding before it is reported: findings at the same place with the same message are
    /// reported once, with the related locations of all of them.
    #[derive(Clone, Debug)]
    pub(crate) struct Pending {
        pub(crate) place: Place,
        pub(crate) message: String,
        pub(crate) help: String,
        pub(crate) severity: Option<Severity>,
    }

    impl Pending {
        pub(crate) fn new(place: Place, message: String, help: String) -> Pending {
            Pending {
                place,
                message,
                help,
                severity: None,
            }
        }
    }

    /// Runs `judge` on every image the Dockerfile pulls and reports what it returns.
    pub(crate) fn check_dockerfile(
        cx: &DockerfileContext<'_>,
        out: &mut Reporter<'_>,
        judge: impl Fn(&ImageUse) -> Option<Pending>,
    ) {
        let uses = dockerfile_uses(
            cx.file,
            cx.syntax,
            cx.model,
            cx.source,
            &Scope {
                build: None,
                reachable_only: false,
                edges: true,
            },
        );
        emit(out, uses.iter().filter_map(judge).collect());
    }

    /// Runs `judge` on every image a compose project pulls: the `image:` of services that do
    /// not build, and the bases of the Dockerfiles services build where the compose file
    /// changes them (through `build.args`); other findings in those Dockerfiles belong to the
    /// Dockerfile's own lint.
    pub(crate) fn check_compose(
        cx: &ComposeContext<'_>,
        out: &mut Reporter<'_>,
        judge: impl Fn(&ImageUse) -> Option<Pending>,
    ) {
        let mut pending = Vec::new();
        for service in &cx.project.services {
            if let Some(u) = service_use(cx, service) {
                pending.extend(judge(&u));
            }
        }
        for build in cx.builds {
            let Some(service) = cx.project.services.get(build.service) else {
                continue;
            };
            let Some(source) = cx.files.get(build.file).map(|f| f.text.clone()) else {
                continue;
            };
            // What the Dockerfile's own lint reports (no build arguments, every stage).
            let alone = DockerfileModel::build(&build.syntax, &source, &BuildOptions::default());
            let reported_alone: Vec<Pending> = dockerfile_uses(
                build.file,
                &build.syntax,
                &alone,
                &source,
                &Scope {
                    build: None,
                    reachable_only: false,
                    edges: false,
                },
            )
            .iter()
            .filter_map(&judge)
            .collect();
            let uses = dockerfile_uses(
                build.file,
                &build.syntax,
                &build.model,
                &source,
                &Scope {
                    build: Some((cx, service)),
                    reachable_only: true,
                    edges: false,
                },
            );
            for mut p in uses.iter().filter_map(&judge) {
                let duplicate = reported_alone.iter().any(|a| {
                    a.place.file == p.place.file
                        && a.place.span == p.place.span
                        && a.message == p.message
                });
                if duplicate {
                    continue;
                }
                if let Some(b) = &service.build {
                    let (file, span) = cx.at(service.key_of("build").unwrap_or(b.loc));
                    p.place.related.push((
                        file,
                        span,
                        format!(
                            "service `{}` builds the Dockerfile with these build arguments",
                            service.name
                        ),
                    ));
                }
                pending.push(p);
            }
        }
        emit(out, pending);
    }

    /// Reports pending findings, once per place and message.
    fn emit(out: &mut Reporter<'_>, pending: Vec<Pending>) {
        let mut groups: Vec<Pending> = Vec::new();
        for p in pending {
            let same = groups.iter_mut().find(|g| {
                g.place.file == p.place.file
                    && g.place.span == p.place.span
                    && g.message == p.message
            });
            match same {
                Some(g) => {
                    for r in p.place.related {
                        if !g.place.related.contains(&r) {
                            g.place.related.push(r);
                        }
                    }
                }
                None => groups.push(p),
            }
        }
        for g in groups {
            let finding = out.report_in(g.place.file, g.place.span, g.message);
            finding.help(g.help);
            if let Some(s) = g.severity {
                finding.severity(s);
            }
            for (file, span, note) in g.place.related {
                finding.related(file, span, note);
            }
        }
    }

    /// Which images of a Dockerfile to list.
    struct Scope<'c, 'a> {
        /// The compose service that builds the Dockerfile (its `build.args` are places too).
        build: Option<(&'c ComposeContext<'a>, &'c ComposeService)>,
        /// Only the stages the final stage needs (what a compose build builds).
        reachable_only: bool,
        /// Also `COPY --from` and `RUN --mount=from=` images.
        edges: bool,
    }

    /// The images a Dockerfile pulls: `FROM` bases that are neither `scratch` nor a stage, and
    /// external images of `COPY --from` / `RUN --mount=from=`. Images that depend on a variable
    /// without a value are unknown and left out.
    fn dockerfile_uses(
        file: FileId,
        syntax: &Dockerfile,
        model: &DockerfileModel,
        source: &str,
        scope: &Scope<'_, '_>,
    ) -> Vec<ImageUse> {
        let names = stage_names(model);
        let mut uses = Vec::new();
        for stage in &model.stages {
            if scope.reachable_only && !stage.reachable {
                continue;
            }
            if let Base::Image(base) = &stage.base {
                if let Some(u) = base_use(file, syntax, model, base, &names, scope) {
                    uses.push(u);
                }
            }
            if !scope.edges {
                continue;
            }
            for edge in &stage.edges {
                let EdgeTarget::Image(image) = &edge.target else {
                    continue;
                };
                if !is_pulled(image, &edge.raw, &names) {
                    continue;
                }
                let word = Place::at(file, edge.span);
                let literal = edge.span.text(source) == edge.raw;
                let tag = image
                    .tag_span
                    .filter(|_| literal)
                    .map(|t| Place::at(file, t.shift(edge.span.start())))
                    .filter(|p| p.span.end <= edge.span.end);
                uses.push(ImageUse {
                    image: image.clone(),
                    kind: match edge.kind {
                        EdgeKind::CopyFrom => Kind::CopyFrom,
                        EdgeKind::MountFrom => Kind::MountFrom,
                    },
                    tag,
                    end: word.clone(),
                    start: word,
                });
            }
        }
        uses
    }

    /// The image a `FROM` pulls, when it is known.
    fn base_use(
        file: FileId,
        syntax: &Dockerfile,
        model: &DockerfileModel,
        base: &ImageBase,
        names: &[String],
        scope: &Scope<'_, '_>,
    ) -> Option<ImageUse> {
        let image = base.image.as_ref()?;
        if !is_pulled(image, base.resolved.as_deref().unwrap_or_default(), names) {
            return None;
        }
        let word = Place::at(file, base.raw_span);
        let tag = image
            .tag_span
            .and_then(|t| base.source_span(t))
            .map(|s| Place::at(file, s));
        let end = arg_place(file, syntax, model, base, true, scope).unwrap_or_else(|| word.clone());
        let start = arg_place(file, syntax, model, base, false, scope).unwrap_or(word);
        Some(ImageUse {
            image: image.clone(),
            kind: Kind::From,
            tag,
            end,
            start,
        })
    }

    /// The stage names of a Dockerfile, lower-cased, as written and (for names written with
    /// variables, which some builders expand) expanded with the meta `ARG`s.
    fn stage_names(model: &DockerfileModel) -> Vec<String> {
        let global = model.global_vars();
        let mut names = Vec::new();
        for name in model.stages.iter().filter_map(|s| s.name.as_deref()) {
            names.push(name.to_ascii_lowercase());
            if name.contains('$') {
                if let Some(v) = global.expand(name).resolved() {
                    names.push(v.to_ascii_lowercase());
                }
            }
        }
        names
    }

    /// Whether a reference written as `written` is an image a build pulls from a registry: not
    /// `scratch`, not a stage of this file (by name, even a later one, or by number), and not
    /// a bare name that no registry serves. Docker Hub keeps only its official images outside
    /// a namespace, so `FROM base` or `COPY --from=tools` with a name that is not an official
    /// image names a locally built image or a build context (`--build-context`, bake
    /// `contexts`), not a pull.
    pub(crate) fn is_pulled(image: &ImageRef, written: &str, stage_names: &[String]) -> bool {
        if image.is_scratch() || written.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        let lower = written.to_ascii_lowercase();
        if stage_names.contains(&lower) {
            return false;
        }
        !image.is_official() || is_official_image(&image.normalized_repository())
    }

    /// Whether `library/<name>` is (or was) an official Docker Hub image.
    fn is_official_image(repository: &str) -> bool {
        repository
            .strip_prefix("library/")
            .is_some_and(|name| OFFICIAL_IMAGES.split_whitespace().any(|n| n == name))
    }

    /// Docker Hub's official images (the `library/` namespace), current and deprecated ones
    /// that can still be pulled, separated by white space. A name missing here only means a
    /// missed finding.
    const OFFICIAL_IMAGES: &str = "\
        adminer adoptopenjdk aerospike almalinux alpine alt amazoncorretto amazonlinux \
        api-firewall arangodb archlinux backdrop bash bonita buildpack-deps busybox caddy \
        cassandra celery \
        centos chronograf cirros clearlinux clefos clickhouse clojure composer consul convertigo \
        couchbase couchdb crate crux dart debian django docker drupal eclipse-mosquitto \
        eclipse-temurin eggdrop elasticsearch elixir emqx erlang euleros express-gateway fedora \
        flink fluentd friendica fsharp gazebo gcc geonetwork ghost glassfish golang gradle groovy \
        haproxy haskell haxe hello-world hitch httpd hylang ibm-semeru-runtimes ibmjava influxdb \
        iojs irssi java jenkins jetty jobber joomla jruby julia kaazing-gateway kapacitor kibana \
        known kong krakend lightstreamer liquibase logstash mageia mariadb matomo maven mediawiki \
        memcached mongo mongo-express monica mono mysql nats nats-streaming neo4j neurodebian \
        nextcloud nginx node notary nuxeo odoo open-liberty openjdk opensuse oraclelinux orientdb \
        owncloud percona perl photon php php-zendserver phpmyadmin piwik plone postfixadmin \
        postgres pypy python r-base rabbitmq rails rakudo-star rapidoid redis redmine registry \
        rethinkdb rocket.chat rockylinux ros ruby rust sapmachine satosa sentry silverpeas sl solr \
        sonarqube sourcemage spark spiped storm swarm swift swipl teamspeak telegraf thrift tomcat \
        tomee traefik ubuntu ubuntu-debootstrap ubuntu-upstart unit varnish vault \
        websphere-liberty wordpress xwiki yourls znc zookeeper \
        ";

    /// Whether the reference at `span` of `raw` is the last (or first) thing in the word,
    /// quotes aside.
    fn touches(raw: &str, span: Span, at_end: bool) -> bool {
        let rest = if at_end {
            raw.get(span.end()..)
        } else {
            raw.get(..span.start())
        };
        rest.is_some_and(|r| r.chars().all(|c| c == '"' || c == '\''))
    }

    /// Where the end (or the start) of a `FROM` image is written when a variable supplies it:
    /// the default of the `ARG`, or the compose build argument. `None` when the word itself is
    /// the place.
    fn arg_place(
        file: FileId,
        syntax: &Dockerfile,
        model: &DockerfileModel,
        base: &ImageBase,
        at_end: bool,
        scope: &Scope<'_, '_>,
    ) -> Option<Place> {
        let raw = base.raw.as_str();
        let var = base
            .expansion
            .refs
            .iter()
            .filter(|r| touches(raw, r.span, at_end))
            .min_by_key(|r| r.span.start())?;
        if !var.set || var.fallback {
            return None;
        }
        let origin = var.origin?;
        let used_here = (file, base.raw_span, "the `FROM` that uses it".to_string());
        match origin.kind {
            VarKind::Arg => {
                let ins = model.instruction(syntax, origin.instruction?)?;
                let InstructionArgs::Arg(args) = &ins.view else {
                    return None;
                };
                let pair = origin.span?;
                let value = args
                    .args
                    .iter()
                    .find(|kv| kv.span == pair)?
                    .value
                    .as_ref()?;
                Some(Place {
                    file,
                    span: value.span,
                    origin: Some(format!("the default of ARG `{}`", var.name)),
                    related: vec![used_here],
                })
            }
            VarKind::BuildArg => {
                let compose_arg = scope.build.and_then(|(cx, service)| {
                    let arg = service
                        .build
                        .as_ref()?
                        .args
                        .iter()
                        .find(|kv| kv.key == var.name)?;
                    let text = arg.value.as_ref().filter(|t| t.is_determined())?;
                    Some((cx, service, text))
                });
                match compose_arg {
                    Some((cx, service, text)) => {
                        let mut place = text_place(cx, text, at_end);
                        let what = format!(
                            "build argument `{}` of service `{}`",
                            var.name, service.name
                        );
                        place.origin = Some(match place.origin {
                            Some(inner) => format!("{what}, {inner}"),
                            None => what,
                        });
                        place.related.push(used_here);
                        Some(place)
                    }
                    None => Some(Place {
                        file,
                        span: base.raw_span,
                        origin: Some(format!("build argument `{}`", var.name)),
                        related: Vec::new(),
                    }),
                }
            }
            _ => None,
        }
    }

    /// The image a compose service pulls: its `image:`, unless it builds (then `image:` names
    /// the image it builds) or the value depends on a variable without a value.
    fn service_use(cx: &ComposeContext<'_>, service: &ComposeService) -> Option<ImageUse> {
        if service.build.is_some() {
            return None;
        }
        let text = service.image.as_ref()?;
        if !text.is_determined() {
            return None;
        }
        let image = ImageRef::parse(text.as_str()).ok()?;
        if !is_pulled(&image, text.as_str(), &[]) || built_by_project(cx, &image) {
            return None;
        }
        let via = text.via.map(|v| {
            let (file, span) = cx.at(v);
            (
                file,
                span,
                format!("service `{}` takes its image from here", service.name),
            )
        });
        let with_via = |mut p: Place| {
            p.related.extend(via.clone());
            p
        };
        let tag = if text.is_interpolated() || text.as_str() != text.raw {
            None
        } else {
            image.tag_span.map(|t| {
                let (file, span) = cx.at(text.loc_of(t));
                with_via(Place::at(file, span))
            })
        };
        let mut end = text_place(cx, text, true);
        let mut start = text_place(cx, text, false);
        for p in [&mut end, &mut start] {
            if p.origin.is_some() {
                let (file, span) = cx.at(text.loc);
                p.related.push((
                    file,
                    span,
                    format!("the image of service `{}`", service.name),
                ));
            }
        }
        Some(ImageUse {
            image,
            kind: Kind::Service,
            tag,
            end: with_via(end),
            start: with_via(start),
        })
    }

    /// Whether a service of the project builds `image` (same name and tag): another service
    /// that names it runs that local build, it does not pull.
    fn built_by_project(cx: &ComposeContext<'_>, image: &ImageRef) -> bool {
        let key = |r: &ImageRef| (r.full_name(), r.effective_tag().map(str::to_owned));
        cx.project
            .services
            .iter()
            .filter(|s| s.build.is_some())
            .filter_map(|s| s.image.as_ref().filter(|t| t.is_determined()))
            .filter_map(|t| ImageRef::parse(t.as_str()).ok())
            .any(|built| built.digest.is_none() && key(&built) == key(image))
    }

    /// Where the end (or start) of an interpolated compose value is written: the default of a
    /// `${VAR:-default}`, the `.env` line that sets the variable, or the value itself.
    fn text_place(cx: &ComposeContext<'_>, text: &Text, at_end: bool) -> Place {
        let (file, span) = cx.at(text.loc);
        let word = Place::at(file, span);
        let raw = text.raw.as_str();
        let Some(var) = text
            .refs()
            .iter()
            .find(|r| r.depth == 0 && r.live && touches(raw, r.span, at_end))
        else {
            return word;
        };
        match var.outcome {
            Outcome::Default | Outcome::Replacement => match &var.argument {
                Some(arg) => {
                    let (file, span) = cx.at(text.loc_of(arg.span));
                    Place {
                        file,
                        span,
                        origin: Some(format!("the default of `${{{}}}`", var.name)),
                        related: Vec::new(),
                    }
                }
                None => word,
            },
            Outcome::Variable => match var.origin {
                Some(ComposeVarOrigin::EnvFile(loc)) => {
                    let (file, span) = cx.at(loc);
                    let span = cx
                        .files
                        .get(file)
                        .map_or(span, |f| dotenv_value(&f.text, span));
                    Place {
                        file,
                        span,
                        origin: Some(format!("variable `{}` of the `.env` file", var.name)),
                        related: Vec::new(),
                    }
                }
                Some(ComposeVarOrigin::Environment) => Place {
                    origin: Some(format!("variable `{}` of the environment", var.name)),
                    ..word
                },
                None => word,
            },
            _ => word,
        }
    }

    /// The value part of a `.env` statement (`KEY=value`), or the whole statement.
    fn dotenv_value(text: &str, statement: Span) -> Span {
        let line = statement.text(text);
        let Some(eq) = line.find('=') else {
            return statement;
        };
        let value = &line[eq + 1..];
        let lead = value.len() - value.trim_start().len();
        let trimmed = value.trim();
        if trimmed.is_empty() {
            return statement;
        }
        let start = statement.start() + eq + 1 + lead;
        Span::new(start, start + trimmed.len())
    }
}

#[cfg(test)]
mod tests {
    use super::images::is_pulled;
    use keelson_model::image::ImageRef;

    fn pulled(s: &str, stages: &[&str]) -> bool {
        let names: Vec<String> = stages.iter().map(|n| n.to_string()).collect();
        match ImageRef::parse(s) {
            Ok(r) => is_pulled(&r, s, &names),
            Err(e) => panic!("{s}: {e}"),
        }
    }

    #[test]
    fn bare_names_are_pulled_only_when_official() {
        assert!(pulled("alpine", &[]));
        assert!(pulled("library/eclipse-mosquitto:2", &[]));
        assert!(pulled("docker.io/websphere-liberty", &[]));
        assert!(!pulled("my-base", &[]));
        assert!(!pulled("library/my-base:1", &[]));
        assert!(pulled("acme/my-base", &[]));
        assert!(pulled("ghcr.io/my-base", &[]));
        assert!(pulled("localhost:5000/my-base", &[]));
    }

    #[test]
    fn stages_scratch_and_numbers_are_not_pulled() {
        assert!(!pulled("scratch", &[]));
        assert!(!pulled("0", &[]));
        assert!(!pulled("build", &["build"]));
        // `COPY --from=Build` names the stage `build`: stage names compare case-insensitively.
        let stage = ImageRef::parse("build").map(|r| is_pulled(&r, "Build", &["build".into()]));
        assert_eq!(stage, Ok(false));
        assert!(pulled("alpine", &["build"]));
    }
}
