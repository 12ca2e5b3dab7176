//! K955 service-keys-order: the keys of a compose service are not in the conventional order
//! (what runs first, then how it starts, its environment, data, network, limits, security and
//! metadata). Off by default (style). See `rules/K955-service-keys-order/README.md`.

use keelson_model::compose::Loc;

use super::k954_services_not_sorted::each_services_mapping;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: COMPOSE,
    peers: &[peer("dclint", "service-keys-order")],
    fixable: false,
};

pub(crate) struct ServiceKeysOrder;
pub(crate) static RULE: ServiceKeysOrder = ServiceKeysOrder;

/// The groups of the conventional order, first to last, with the keys in each. Keys in no
/// group may go anywhere.
const GROUPS: &[(&str, &[&str])] = &[
    (
        "what runs",
        &[
            "extends",
            "image",
            "build",
            "platform",
            "pull_policy",
            "container_name",
            "hostname",
            "profiles",
        ],
    ),
    ("start-up", &["depends_on", "restart", "init"]),
    (
        "process",
        &[
            "entrypoint",
            "command",
            "working_dir",
            "user",
            "stop_signal",
            "stop_grace_period",
        ],
    ),
    ("environment", &["env_file", "environment"]),
    (
        "data",
        &["volumes", "volumes_from", "tmpfs", "configs", "secrets"],
    ),
    (
        "network",
        &[
            "network_mode",
            "networks",
            "ports",
            "expose",
            "extra_hosts",
            "dns",
        ],
    ),
    (
        "health and limits",
        &[
            "healthcheck",
            "deploy",
            "mem_limit",
            "cpus",
            "pids_limit",
            "ulimits",
        ],
    ),
    (
        "security",
        &[
            "privileged",
            "read_only",
            "cap_add",
            "cap_drop",
            "security_opt",
        ],
    ),
    ("metadata", &["logging", "labels"]),
];

/// The group index of a key.
fn group(key: &str) -> Option<usize> {
    GROUPS.iter().position(|(_, keys)| keys.contains(&key))
}

impl Check for ServiceKeysOrder {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        each_services_mapping(cx, |yaml, file, services| {
            for service in services.iter().filter(|e| !yaml.is_merge_key(e.key)) {
                let Some(entries) = yaml.as_mapping(service.value) else {
                    continue;
                };
                let name = yaml.as_str(service.key).unwrap_or_default();
                // The furthest group seen so far, with its key.
                let mut furthest: Option<(usize, &str)> = None;
                for entry in entries.iter().filter(|e| !yaml.is_merge_key(e.key)) {
                    let Some(key) = yaml.as_str(entry.key) else {
                        continue;
                    };
                    let Some(g) = group(key) else {
                        continue;
                    };
                    match furthest {
                        Some((f, previous)) if g < f => {
                            let (fid, span) = cx.at(Loc::new(file, yaml.span(entry.key)));
                            let group_name = GROUPS.get(g).map_or("", |(n, _)| *n);
                            let finding = out.report_in(
                                fid,
                                span,
                                format!(
                                    "in service `{name}`, `{key}` ({group_name}) comes after \
                                     `{previous}`: services whose keys follow one order are \
                                     quicker to read and compare"
                                ),
                            );
                            finding.help(format!("move `{key}` above `{previous}`"));
                            // One finding per service: moving one key often fixes the rest.
                            break;
                        }
                        Some((f, _)) if f >= g => {}
                        _ => furthest = Some((g, key)),
                    }
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{group, GROUPS};

    #[test]
    fn every_key_is_in_one_group() {
        let mut seen = std::collections::HashSet::new();
        for (_, keys) in GROUPS {
            for key in *keys {
                assert!(seen.insert(*key), "{key} is in two groups");
            }
        }
        assert_eq!(group("image"), Some(0));
        assert_eq!(group("labels"), Some(GROUPS.len() - 1));
        assert_eq!(group("x-custom"), None);
    }
}
