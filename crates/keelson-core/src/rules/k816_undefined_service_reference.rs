//! K816 undefined-service-reference: `depends_on`, `links`, `volumes_from` or a
//! `service:NAME` mode (`network_mode`, `pid`, `ipc`) names a service the merged project does
//! not define; `docker compose` refuses the project. Also holds the helpers the other
//! reference rules (K817-K819, K821) share. See
//! `rules/K816-undefined-service-reference/README.md`.

use keelson_model::compose::names::DEFAULT_FILE_NAMES;
use keelson_model::compose::volumes::is_host_path;
use keelson_model::compose::{
    is_compose_file_name, ComposeService, IssueKind, Loc, Text, Value, ValueKind, VolumeKind,
};

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[],
    fixable: false,
};

pub(crate) struct UndefinedServiceReference;
pub(crate) static RULE: UndefinedServiceReference = UndefinedServiceReference;

/// One reference from a service to another service.
pub(super) struct ServiceRef {
    /// The referenced service name.
    pub name: String,
    /// The attribute that holds it (`depends_on`, `links`, …).
    pub attribute: &'static str,
    /// Where the name is written.
    pub loc: Loc,
    /// The alias, merge key or `extends` that brought it in, if any.
    pub via: Option<Loc>,
    /// `depends_on.<name>.required: false`: Compose ignores the dependency if it is missing.
    pub optional: bool,
}

/// Whether the linted file is a whole project whose references can be checked: everything it
/// includes or extends was read, the YAML parsed, it is not an override file linted alone, and
/// every service can run (a service with neither `image` nor `build` marks a fragment meant to be
/// merged onto another file).
pub(super) fn references_checkable(cx: &ComposeContext<'_>) -> bool {
    let broken = cx.project.issues.iter().any(|i| {
        matches!(
            i.kind,
            IssueKind::MissingFile
                | IssueKind::YamlSyntax
                | IssueKind::UnknownAlias
                | IssueKind::AliasBudget
                | IssueKind::IncludeInvalid
                | IssueKind::IncludeCycle
                | IssueKind::ExtendsMissingService
                | IssueKind::ExtendsInvalid
                | IssueKind::NotAComposeFile
        )
    });
    let name = cx
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let override_file = name.contains("override");
    let fragment = cx
        .project
        .services
        .iter()
        .any(|s| s.image.is_none() && s.build.is_none());
    !broken && !override_file && !fragment
}

/// Whether the linted file has a variant compose name (`compose.prod.yaml`,
/// `docker-compose.monitoring.yml`): such files are often add-ons given with `-f` after the
/// main file, whose services, networks and volumes they use.
fn is_variant_file(cx: &ComposeContext<'_>) -> bool {
    let name = cx
        .path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    is_compose_file_name(name) && !DEFAULT_FILE_NAMES.contains(&name)
}

/// The name of `known` that `name` looks like a misspelling of: equal once case, `-` and `_`
/// are ignored, or one edit away (two for names of eight characters or more; none under four).
pub(super) fn near_miss<'a>(name: &str, known: &'a [String]) -> Option<&'a str> {
    let norm = |s: &str| s.to_ascii_lowercase().replace('_', "-");
    let n = norm(name);
    known
        .iter()
        .find(|k| {
            let k = norm(k);
            let shorter = n.chars().count().min(k.chars().count());
            let allowed = match shorter {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            };
            k == n || edit_distance(&n, &k) <= allowed
        })
        .map(String::as_str)
}

/// A help sentence naming the likely intended name, or an empty string.
pub(super) fn did_you_mean(name: &str, known: &[String]) -> String {
    near_miss(name, known).map_or_else(String::new, |k| format!(" (did you mean `{k}`?)"))
}

/// Levenshtein distance.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row.first().copied().unwrap_or_default();
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let above = row.get(j + 1).copied().unwrap_or_default();
            let left = row.get(j).copied().unwrap_or_default();
            let value = (prev + cost).min(above + 1).min(left + 1);
            prev = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or_default()
}

/// Whether a reference to `name`, which none of `known` matches, should be reported. A likely
/// misspelling of a known name is reported whenever the project can be seen whole. Otherwise the
/// file must be self-contained: not a variant file (`compose.prod.yaml`, often an add-on), and
/// `declares_section` true (a project that uses networks or volumes without any top-level
/// section is a template for a tool that declares them, or a piece of a larger project).
pub(super) fn should_report(
    cx: &ComposeContext<'_>,
    name: &str,
    known: &[String],
    declares_section: bool,
) -> bool {
    if !references_checkable(cx) {
        return false;
    }
    near_miss(name, known).is_some() || (!is_variant_file(cx) && declares_section)
}

/// Whether every network and named volume the services use is declared: a project that
/// leaves some undeclared is a piece of a larger one, whose other services it may name.
fn resources_complete(cx: &ComposeContext<'_>) -> bool {
    let networks = declared(cx, "networks");
    let volumes = declared(cx, "volumes");
    cx.project.services.iter().all(|s| {
        s.networks
            .iter()
            .all(|n| n.name == "default" || n.name.contains('$') || networks.contains(&n.name))
            && s.volumes.iter().all(|v| {
                v.kind != VolumeKind::Volume
                    || !v.determined
                    || v.source.as_ref().is_none_or(|src| {
                        src.contains('$') || is_host_path(src) || volumes.contains(src)
                    })
            })
    })
}

/// The names declared under top-level `key` (`networks`, `volumes`, `secrets`, `configs`).
pub(super) fn declared(cx: &ComposeContext<'_>, key: &str) -> Vec<String> {
    cx.project
        .top_level(key)
        .and_then(Value::as_mapping)
        .map(|m| m.iter().map(|e| e.key.clone()).collect())
        .unwrap_or_default()
}

/// A resolved, non-empty name from a text, or `None` when a variable leaves it unknown.
pub(super) fn determined_name(text: &Text) -> Option<String> {
    let name = text.value.trim();
    (text.is_determined() && !name.is_empty()).then(|| name.to_string())
}

/// The references of `service` to other services: `depends_on` (both syntaxes), `links`,
/// `volumes_from` (`container:` entries excluded) and `service:NAME` in `network_mode`, `pid` and
/// `ipc`. Values a variable leaves unknown are skipped.
pub(super) fn service_refs(service: &ComposeService) -> Vec<ServiceRef> {
    let mut out = Vec::new();
    if let Some(deps) = service.raw("depends_on") {
        match &deps.kind {
            ValueKind::Sequence(items) => {
                for item in items {
                    if let Some(name) = Text::from_value(item).as_ref().and_then(determined_name) {
                        out.push(ServiceRef {
                            name,
                            attribute: "depends_on",
                            loc: item.loc,
                            via: item.via,
                            optional: false,
                        });
                    }
                }
            }
            ValueKind::Mapping(entries) => {
                for e in entries {
                    let optional = e
                        .value
                        .get("required")
                        .is_some_and(|r| r.truth().as_bool() != Some(true));
                    out.push(ServiceRef {
                        name: e.key.clone(),
                        attribute: "depends_on",
                        loc: e.key_loc,
                        via: e.value.via,
                        optional,
                    });
                }
            }
            _ => {}
        }
    }
    for (attribute, strip_alias) in [("links", true), ("volumes_from", false)] {
        let Some(items) = service.raw(attribute).and_then(Value::as_sequence) else {
            continue;
        };
        for item in items {
            let Some(text) = Text::from_value(item) else {
                continue;
            };
            let Some(value) = determined_name(&text) else {
                continue;
            };
            let name = if strip_alias {
                value.split(':').next().unwrap_or_default()
            } else {
                if value.starts_with("container:") {
                    continue;
                }
                // `service`, `service:ro`, `service:rw`
                value.split(':').next().unwrap_or_default()
            };
            if name.is_empty() {
                continue;
            }
            out.push(ServiceRef {
                name: name.to_string(),
                attribute,
                loc: item.loc,
                via: item.via,
                optional: false,
            });
        }
    }
    for (attribute, text) in [
        ("network_mode", &service.network_mode),
        ("pid", &service.pid),
        ("ipc", &service.ipc),
    ] {
        let Some(text) = text else { continue };
        let Some(value) = determined_name(text) else {
            continue;
        };
        if let Some(name) = value.strip_prefix("service:") {
            if !name.is_empty() {
                out.push(ServiceRef {
                    name: name.to_string(),
                    attribute,
                    loc: text.loc,
                    via: text.via,
                    optional: false,
                });
            }
        }
    }
    out
}

impl Check for UndefinedServiceReference {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        let all: Vec<String> = cx.project.services.iter().map(|s| s.name.clone()).collect();
        // A file with one service that names others, or that uses networks or volumes it does
        // not declare, is a piece of a larger project (laradock-style per-service files).
        let complete = resources_complete(cx) && cx.project.services.len() > 1;
        for service in &cx.project.services {
            // A service does not mean itself when it names another.
            let names: Vec<String> = all.iter().filter(|n| **n != service.name).cloned().collect();
            for r in service_refs(service) {
                if r.optional
                    || cx.project.service(&r.name).is_some()
                    || !should_report(cx, &r.name, &names, complete)
                {
                    continue;
                }
                let (file, span) = cx.at(r.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` names service `{}` in `{}`, but the project defines no \
                         such service: `docker compose` refuses to load the project",
                        service.name, r.name, r.attribute
                    ),
                );
                finding.help(format!(
                    "correct the name to one of the project's services{}, or define `{}` under \
                     `services:`{}",
                    did_you_mean(&r.name, &names),
                    r.name,
                    if r.attribute == "volumes_from" {
                        " (for a container outside the project, write `container:NAME`)"
                    } else {
                        ""
                    }
                ));
                note_via(cx, finding, r.via, service);
            }
        }
    }
}
