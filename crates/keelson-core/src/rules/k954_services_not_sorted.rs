//! K954 services-not-sorted: the services of a compose file are not in alphabetical order.
//! Off by default (style). See `rules/K954-services-not-sorted/README.md`.
//!
//! This file also holds the walk over the `services:` mappings written in the linted files,
//! shared with K955.

use keelson_model::compose::{FileIdx, FileRole, Loc};
use keelson_syntax::yaml::{Entry, YamlFile};

use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: COMPOSE,
    peers: &[peer("dclint", "services-alphabetical-order")],
    fixable: false,
};

pub(crate) struct ServicesNotSorted;
pub(crate) static RULE: ServicesNotSorted = ServicesNotSorted;

/// Calls `f` with the YAML tree, the file index and the entries of the `services:` mapping of
/// every compose and override file of the project (as written, before any merge).
pub(super) fn each_services_mapping(
    cx: &ComposeContext<'_>,
    mut f: impl FnMut(&YamlFile, FileIdx, &[Entry]),
) {
    for (index, file) in cx.project.files.iter().enumerate() {
        if !matches!(file.role, FileRole::Compose | FileRole::Override) {
            continue;
        }
        let Some(yaml) = file.yaml.as_ref() else {
            continue;
        };
        let Some(root) = yaml.root().and_then(|r| yaml.as_mapping(r)) else {
            continue;
        };
        let Some(services) = root
            .iter()
            .rev()
            .find(|e| yaml.as_str(e.key) == Some("services"))
            .and_then(|e| yaml.as_mapping(e.value))
        else {
            continue;
        };
        let Ok(idx) = u32::try_from(index) else {
            continue;
        };
        f(yaml, FileIdx(idx), services);
    }
}

impl Check for ServicesNotSorted {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        each_services_mapping(cx, |yaml, file, services| {
            let names: Vec<(String, &Entry)> = services
                .iter()
                .filter(|e| !yaml.is_merge_key(e.key))
                .filter_map(|e| yaml.as_str(e.key).map(|n| (n.to_lowercase(), e)))
                .collect();
            for pair in names.windows(2) {
                let [(before, _), (name, entry)] = pair else {
                    continue;
                };
                if name >= before {
                    continue;
                }
                let (fid, span) = cx.at(Loc::new(file, yaml.span(entry.key)));
                let shown = yaml.as_str(entry.key).unwrap_or_default();
                let previous = pair
                    .first()
                    .and_then(|(_, e)| yaml.as_str(e.key))
                    .unwrap_or_default();
                let finding = out.report_in(
                    fid,
                    span,
                    format!(
                        "service `{shown}` comes after `{previous}`, out of alphabetical order: \
                         in a long file, sorted services are easier to find and review"
                    ),
                );
                finding.help(format!(
                    "move the `{shown}` block (with its comments) before `{previous}`"
                ));
            }
        });
    }
}
