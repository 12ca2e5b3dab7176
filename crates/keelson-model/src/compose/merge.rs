//! Compose merge rules (`13-merge.md`, compose-go `override/merge.go`), used for override files,
//! multiple documents and `extends`.
//!
//! - Mappings merge key by key; sequences append; scalars are replaced.
//! - `command`, `entrypoint` and `healthcheck.test` are replaced, not appended.
//! - `environment`, `labels`, `annotations`, `sysctls`, `extra_hosts`, `build.args`,
//!   `build.labels`, `build.extra_hosts` and `deploy.labels` merge by key whichever syntax
//!   (mapping or `KEY=VALUE` list) each side uses.
//! - `ports` merge by `{ip, target, published, protocol}`; `volumes`, `secrets` and `configs` by
//!   target: an entry with the same key replaces the earlier one, others are appended.
//! - `networks` and `depends_on` lists are read as mappings; a string `build` as
//!   `{context: …}`; `logging` is replaced when both sides name different drivers.
//! - `cap_add`, `cap_drop`, `security_opt`, `expose`, `devices`, … drop duplicates after
//!   appending; `dns`, `dns_search`, `env_file`, `tmpfs` accept a single string.
//! - `!reset` removes the earlier value; `!override` replaces it; `x-*` keys are replaced.

use super::issue::{ComposeIssue, IssueKind};
use super::keyvalue;
use super::ports::port_mapping;
use super::value::{MapEntry, MergeTag, Value, ValueKind};
use super::volumes::volume_target;

/// Merges `over` onto `base` at `path` (the keys from the document root). Returns `None` when
/// `over` resets the value.
pub(crate) fn merge(
    base: Value,
    over: Value,
    path: &mut Vec<String>,
    issues: &mut Vec<ComposeIssue>,
) -> Option<Value> {
    match over.tag {
        Some(MergeTag::Reset) => return None,
        Some(MergeTag::Override) => {
            let mut over = over;
            over.tag = None;
            return Some(over);
        }
        None => {}
    }
    if over.is_null() && matches!(base.kind, ValueKind::Mapping(_) | ValueKind::Sequence(_)) {
        return Some(base);
    }
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    match p.as_slice() {
        ["services", _, "command" | "entrypoint"] | ["services", _, "healthcheck", "test"] => {
            Some(over)
        }
        ["services", _, "environment" | "labels" | "annotations" | "sysctls" | "storage_opt"]
        | ["services", _, "build", "args" | "labels"]
        | ["services", _, "deploy", "labels"] => Some(merge_key_values(base, over, &['='])),
        ["services", _, "extra_hosts"] | ["services", _, "build", "extra_hosts"] => {
            Some(merge_key_values(base, over, &['=', ':']))
        }
        ["services", _, "ports"] => Some(merge_unique(base, over, path, issues, |v| {
            port_mapping(v, &mut Vec::new()).map(|p| p.merge_key())
        })),
        ["services", _, "volumes"] => Some(merge_unique(base, over, path, issues, volume_target)),
        ["services", _, "secrets" | "configs"] => {
            Some(merge_unique(base, over, path, issues, file_ref_target))
        }
        ["services", _, "networks" | "depends_on"] => {
            let base = names_to_mapping(base);
            let over = names_to_mapping(over);
            Some(generic(base, over, path, issues))
        }
        ["services", _, "build"] => {
            let base = context_to_mapping(base);
            let over = context_to_mapping(over);
            Some(generic(base, over, path, issues))
        }
        ["services", _, "logging"] => {
            let driver = |v: &Value| v.get("driver").and_then(Value::as_str).map(str::to_string);
            match (driver(&base), driver(&over)) {
                (Some(a), Some(b)) if a != b => Some(over),
                _ => Some(generic(base, over, path, issues)),
            }
        }
        ["services", _, "cap_add"
        | "cap_drop"
        | "security_opt"
        | "expose"
        | "external_links"
        | "profiles"
        | "devices"
        | "device_cgroup_rules"
        | "links"
        | "group_add"
        | "volumes_from"] => {
            let merged = generic(to_sequence(base), to_sequence(over), path, issues);
            Some(dedup(merged))
        }
        ["services", _, "dns" | "dns_search" | "dns_opt" | "env_file" | "tmpfs"] => {
            Some(generic(to_sequence(base), to_sequence(over), path, issues))
        }
        _ => Some(generic(base, over, path, issues)),
    }
}

/// Mapping merge, sequence append, scalar replace.
fn generic(
    base: Value,
    over: Value,
    path: &mut Vec<String>,
    issues: &mut Vec<ComposeIssue>,
) -> Value {
    match (base.kind, over.kind) {
        (ValueKind::Mapping(b), ValueKind::Mapping(o)) => Value {
            kind: ValueKind::Mapping(merge_entries(b, o, path, issues)),
            loc: base.loc,
            via: base.via,
            node: base.node,
            tag: None,
        },
        (ValueKind::Sequence(mut b), ValueKind::Sequence(o)) => {
            b.extend(o);
            Value {
                kind: ValueKind::Sequence(b),
                loc: base.loc,
                via: base.via,
                node: base.node,
                tag: None,
            }
        }
        (bk, ok) => {
            let base_is_scalar = matches!(bk, ValueKind::Scalar(_) | ValueKind::Null);
            let over_is_scalar = matches!(ok, ValueKind::Scalar(_) | ValueKind::Null);
            if !base_is_scalar && !over_is_scalar
                || (base_is_scalar != over_is_scalar && !matches!(bk, ValueKind::Null))
            {
                issues.push(
                    ComposeIssue::new(
                        IssueKind::MergeConflict,
                        over.loc,
                        format!(
                            "`{}` cannot be merged: one file gives {}, the other {}; the later one replaces the earlier",
                            path.join("."),
                            kind_name(&bk),
                            kind_name(&ok)
                        ),
                    )
                    .with_related(base.loc),
                );
            }
            Value {
                kind: ok,
                loc: over.loc,
                via: over.via,
                node: over.node,
                tag: None,
            }
        }
    }
}

fn kind_name(k: &ValueKind) -> &'static str {
    match k {
        ValueKind::Null => "null",
        ValueKind::Scalar(_) => "a string",
        ValueKind::Mapping(_) => "a mapping",
        ValueKind::Sequence(_) => "a sequence",
    }
}

/// Merges the entries of two mappings.
pub(crate) fn merge_entries(
    mut base: Vec<MapEntry>,
    over: Vec<MapEntry>,
    path: &mut Vec<String>,
    issues: &mut Vec<ComposeIssue>,
) -> Vec<MapEntry> {
    for oe in over {
        let Some(i) = base.iter().position(|be| be.key == oe.key) else {
            if oe.value.tag != Some(MergeTag::Reset) {
                base.push(oe);
            }
            continue;
        };
        if oe.key.starts_with("x-") {
            if oe.value.tag == Some(MergeTag::Reset) {
                base.remove(i);
            } else if let Some(slot) = base.get_mut(i) {
                *slot = oe;
            }
            continue;
        }
        let be = base.remove(i);
        path.push(oe.key.clone());
        let over_loc = (oe.value.loc, oe.value.node);
        let merged = merge(be.value, oe.value, path, issues);
        path.pop();
        if let Some(v) = merged {
            let replaced = (v.loc, v.node) == over_loc;
            let (key_loc, key_node) = if replaced {
                (oe.key_loc, oe.key_node)
            } else {
                (be.key_loc, be.key_node)
            };
            base.insert(
                i,
                MapEntry {
                    key: oe.key,
                    key_loc,
                    key_node,
                    value: v,
                },
            );
        }
    }
    base
}

/// `environment`-like attributes: merge by key, whichever syntax each side uses.
fn merge_key_values(base: Value, over: Value, seps: &[char]) -> Value {
    let mut scratch = Vec::new();
    let (Some(b), Some(o)) = (
        keyvalue::normalize(&base, "", seps, &mut scratch),
        keyvalue::normalize(&over, "", seps, &mut scratch),
    ) else {
        return over;
    };
    let mut out = b;
    for oe in o {
        let reset = oe.value.tag == Some(MergeTag::Reset);
        match out.iter().position(|e| e.key == oe.key) {
            Some(i) if reset => {
                out.remove(i);
            }
            Some(i) => {
                if let Some(slot) = out.get_mut(i) {
                    *slot = oe;
                }
            }
            None if reset => {}
            None => out.push(oe),
        }
    }
    Value {
        kind: ValueKind::Mapping(out),
        loc: base.loc,
        via: base.via,
        node: base.node,
        tag: None,
    }
}

/// Sequences whose items have a unique key: items of `over` replace items of `base` with the
/// same key, the others are appended.
fn merge_unique(
    base: Value,
    over: Value,
    path: &mut Vec<String>,
    issues: &mut Vec<ComposeIssue>,
    key: impl Fn(&Value) -> Option<String>,
) -> Value {
    if !matches!(
        (&base.kind, &over.kind),
        (ValueKind::Sequence(_), ValueKind::Sequence(_))
    ) {
        return generic(base, over, path, issues);
    }
    let (ValueKind::Sequence(mut items), ValueKind::Sequence(new)) = (base.kind, over.kind) else {
        return Value::null(base.loc);
    };
    let mut keys: Vec<Option<String>> = items.iter().map(&key).collect();
    for item in new {
        let k = key(&item);
        let reset = item.tag == Some(MergeTag::Reset);
        match k
            .as_ref()
            .and_then(|k| keys.iter().position(|x| x.as_ref() == Some(k)))
        {
            Some(i) => {
                if reset {
                    items.remove(i);
                    keys.remove(i);
                } else if let Some(slot) = items.get_mut(i) {
                    *slot = item;
                }
            }
            None if reset => {}
            None => {
                items.push(item);
                keys.push(k);
            }
        }
    }
    Value {
        kind: ValueKind::Sequence(items),
        loc: base.loc,
        via: base.via,
        node: base.node,
        tag: None,
    }
}

/// The target a `secrets`/`configs` item is mounted at (its merge key).
fn file_ref_target(v: &Value) -> Option<String> {
    match &v.kind {
        ValueKind::Scalar(s) => Some(s.value.clone()),
        ValueKind::Mapping(_) => v
            .get("target")
            .or_else(|| v.get("source"))
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    }
}

/// A list of names (`networks: [a, b]`) as a mapping with null values.
pub(crate) fn names_to_mapping(v: Value) -> Value {
    let ValueKind::Sequence(items) = v.kind else {
        return v;
    };
    let entries = items
        .into_iter()
        .filter_map(|item| {
            let key = item.as_str()?.to_string();
            let mut null = Value::null(item.loc);
            null.via = item.via;
            Some(MapEntry {
                key,
                key_loc: item.loc,
                key_node: item.node,
                value: null,
            })
        })
        .collect();
    Value {
        kind: ValueKind::Mapping(entries),
        loc: v.loc,
        via: v.via,
        node: v.node,
        tag: v.tag,
    }
}

/// A string `build: ./dir` as `{context: ./dir}`.
pub(crate) fn context_to_mapping(v: Value) -> Value {
    if !matches!(v.kind, ValueKind::Scalar(_)) {
        return v;
    }
    let (loc, via, node, tag) = (v.loc, v.via, v.node, v.tag);
    let mut inner = v;
    inner.tag = None;
    Value {
        kind: ValueKind::Mapping(vec![MapEntry {
            key: "context".to_string(),
            key_loc: loc,
            key_node: node,
            value: inner,
        }]),
        loc,
        via,
        node,
        tag,
    }
}

/// A single string as a one-item sequence.
fn to_sequence(v: Value) -> Value {
    if !matches!(v.kind, ValueKind::Scalar(_)) {
        return v;
    }
    let (loc, via, node, tag) = (v.loc, v.via, v.node, v.tag);
    let mut item = v;
    item.tag = None;
    Value {
        kind: ValueKind::Sequence(vec![item]),
        loc,
        via,
        node,
        tag,
    }
}

/// Drops scalar items equal to an earlier item.
fn dedup(mut v: Value) -> Value {
    if let ValueKind::Sequence(items) = &mut v.kind {
        let mut seen: Vec<String> = Vec::new();
        items.retain(|item| match item.as_str() {
            Some(s) if seen.iter().any(|x| x == s) => false,
            Some(s) => {
                seen.push(s.to_string());
                true
            }
            None => true,
        });
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::env::NoVars;
    use crate::compose::loc::FileIdx;
    use crate::compose::resolve::{Limits, Resolver};
    use keelson_syntax::yaml::parse;

    fn value(src: &str, file: u32) -> Value {
        let yaml = parse(src);
        let mut r = Resolver::new(&yaml, src, FileIdx(file), &NoVars, Limits::default());
        r.build(yaml.root().expect("root"))
    }

    fn merged(a: &str, b: &str) -> (Value, Vec<ComposeIssue>) {
        let mut issues = Vec::new();
        let mut v =
            merge(value(a, 0), value(b, 1), &mut Vec::new(), &mut issues).expect("merged value");
        v.strip_merge_tags();
        (v, issues)
    }

    fn strs(v: Option<&Value>) -> Vec<String> {
        v.and_then(Value::as_sequence)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    #[test]
    fn mappings_merge_sequences_append_scalars_replace() {
        let (v, issues) = merged(
            "services:\n  s:\n    image: a\n    dns: [1.1.1.1]\n    user: root\n",
            "services:\n  s:\n    image: b\n    dns: [8.8.8.8]\n",
        );
        assert!(issues.is_empty());
        let s = v.path(&["services", "s"]).expect("s");
        assert_eq!(s.get("image").and_then(Value::as_str), Some("b"));
        assert_eq!(s.get("image").map(|v| v.loc.file), Some(FileIdx(1)));
        assert_eq!(s.get("user").and_then(Value::as_str), Some("root"));
        assert_eq!(strs(s.get("dns")), ["1.1.1.1", "8.8.8.8"]);
        assert_eq!(
            v.path(&["services"])
                .and_then(|s| s.entry("s"))
                .map(|e| e.key_loc.file),
            Some(FileIdx(0))
        );
    }

    #[test]
    fn command_is_replaced_and_unique_keys_merge() {
        let (v, _) = merged(
            "services:\n  s:\n    command: [a, b]\n    volumes: [foo:/work, /keep]\n    ports: ['8080:80', '443']\n",
            "services:\n  s:\n    command: [c]\n    volumes: [bar:/work]\n    ports: ['8080:80', '9000:90']\n",
        );
        let s = v.path(&["services", "s"]).expect("s");
        assert_eq!(strs(s.get("command")), ["c"]);
        assert_eq!(strs(s.get("volumes")), ["bar:/work", "/keep"]);
        assert_eq!(strs(s.get("ports")), ["8080:80", "443", "9000:90"]);
    }

    #[test]
    fn environment_merges_by_key_across_syntaxes() {
        let (v, _) = merged(
            "services:\n  s:\n    environment:\n      - A=1\n      - B=2\n",
            "services:\n  s:\n    environment:\n      B: 3\n      C: 4\n",
        );
        let env = v.path(&["services", "s", "environment"]).expect("env");
        let pairs: Vec<(String, String)> = env
            .as_mapping()
            .expect("mapping")
            .iter()
            .map(|e| (e.key.clone(), e.value.as_str().unwrap_or("").to_string()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("A".to_string(), "1".to_string()),
                ("B".to_string(), "3".to_string()),
                ("C".to_string(), "4".to_string())
            ]
        );
    }

    #[test]
    fn reset_and_override_tags() {
        let (v, _) = merged(
            "services:\n  s:\n    image: a\n    ports: ['8080:80']\n    environment:\n      FOO: bar\n      KEEP: x\n    cap_add: [NET_ADMIN]\n",
            "services:\n  s:\n    ports: !reset []\n    environment:\n      FOO: !reset null\n    cap_add: !override [CHOWN]\n",
        );
        let s = v.path(&["services", "s"]).expect("s");
        assert!(s.get("ports").is_none());
        let env = s.get("environment").expect("env");
        assert!(env.get("FOO").is_none());
        assert!(env.get("KEEP").is_some());
        assert_eq!(strs(s.get("cap_add")), ["CHOWN"]);
    }

    #[test]
    fn build_string_and_logging_driver() {
        let (v, _) = merged(
            "services:\n  s:\n    build: ./app\n    logging:\n      driver: json-file\n      options: {max-size: 1m}\n",
            "services:\n  s:\n    build:\n      dockerfile: Dockerfile.dev\n    logging:\n      driver: syslog\n",
        );
        let s = v.path(&["services", "s"]).expect("s");
        assert_eq!(
            s.path(&["build", "context"]).and_then(Value::as_str),
            Some("./app")
        );
        assert_eq!(
            s.path(&["build", "dockerfile"]).and_then(Value::as_str),
            Some("Dockerfile.dev")
        );
        assert!(s.path(&["logging", "options"]).is_none());
    }

    #[test]
    fn type_conflicts_are_reported() {
        let (_, issues) = merged(
            "services:\n  s:\n    deploy: {replicas: 1}\n",
            "services:\n  s:\n    deploy: [x]\n",
        );
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].kind, IssueKind::MergeConflict);
    }
}
