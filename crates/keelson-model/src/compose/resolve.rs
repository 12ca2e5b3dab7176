//! From a YAML tree to [`Value`]s: aliases expanded, `<<` merge keys applied, duplicate keys
//! reported, scalar values interpolated (keys are not), all within a node budget.

use keelson_syntax::yaml::{Budget, ExpansionLimit, NodeId, NodeKind, YamlErrorKind, YamlFile};
use keelson_syntax::Span;

use super::env::VarLookup;
use super::interpolate::{interpolate, needs_interpolation, InterpolationErrorKind};
use super::issue::{ComposeIssue, IssueKind};
use super::loc::{FileIdx, Loc};
use super::value::{MapEntry, MergeTag, Scalar, Value, ValueKind};

/// Limits for one file's expansion.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Nodes that may be built through aliases and merge keys.
    pub nodes: usize,
    /// Alias nesting depth.
    pub depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            nodes: Budget::DEFAULT_LIMIT,
            depth: Budget::DEFAULT_MAX_DEPTH,
        }
    }
}

/// Reports the YAML layer's errors and duplicate keys of `yaml` as issues.
pub(crate) fn yaml_issues(yaml: &YamlFile, file: FileIdx, issues: &mut Vec<ComposeIssue>) {
    for err in &yaml.errors {
        let kind = if err.kind == YamlErrorKind::UnknownAlias {
            IssueKind::UnknownAlias
        } else {
            IssueKind::YamlSyntax
        };
        issues.push(ComposeIssue::new(
            kind,
            Loc::new(file, err.span),
            err.message.clone(),
        ));
    }
    for dup in yaml.duplicate_keys() {
        if dup.key == "<<" {
            continue;
        }
        issues.push(
            ComposeIssue::new(
                IssueKind::DuplicateKey,
                Loc::new(file, dup.duplicate_span),
                format!("duplicate key `{}`: the file defines it twice", dup.key),
            )
            .with_related(Loc::new(file, dup.first_span)),
        );
    }
}

/// Builds [`Value`]s from one file's YAML tree.
pub(crate) struct Resolver<'a> {
    yaml: &'a YamlFile,
    src: &'a str,
    file: FileIdx,
    env: &'a dyn VarLookup,
    limits: Limits,
    expanded: usize,
    active: Vec<NodeId>,
    exhausted: bool,
    /// Issues found while building.
    pub issues: Vec<ComposeIssue>,
}

impl<'a> Resolver<'a> {
    /// A resolver for `yaml` (parsed from `src`), interpolating with `env`.
    pub fn new(
        yaml: &'a YamlFile,
        src: &'a str,
        file: FileIdx,
        env: &'a dyn VarLookup,
        limits: Limits,
    ) -> Self {
        Resolver {
            yaml,
            src,
            file,
            env,
            limits,
            expanded: 0,
            active: Vec::new(),
            exhausted: false,
            issues: Vec::new(),
        }
    }

    fn loc(&self, span: Span) -> Loc {
        Loc::new(self.file, span)
    }

    fn budget_issue(&mut self, span: Span, message: String) {
        if !self.exhausted {
            self.exhausted = true;
            self.issues.push(ComposeIssue::new(
                IssueKind::AliasBudget,
                self.loc(span),
                message,
            ));
        }
    }

    /// Builds the value of node `id`.
    pub fn build(&mut self, id: NodeId) -> Value {
        self.value(id, None)
    }

    fn value(&mut self, id: NodeId, via: Option<Loc>) -> Value {
        let node = self.yaml.node(id);
        let span = node.span;
        if !self.active.is_empty() {
            self.expanded += 1;
            if self.expanded > self.limits.nodes {
                self.budget_issue(
                    span,
                    format!(
                        "expanding aliases and merge keys builds more than {} nodes (alias bomb?); the rest is ignored",
                        self.limits.nodes
                    ),
                );
                return Value::null(self.loc(span));
            }
        }
        let tag = node
            .tag
            .as_ref()
            .and_then(|t| match (t.name.as_str(), t.resolved.as_str()) {
                ("!reset", _) | (_, "!reset") => Some(MergeTag::Reset),
                ("!override", _) | (_, "!override") => Some(MergeTag::Override),
                _ => None,
            });
        let kind = match &node.kind {
            NodeKind::Alias { target, .. } => {
                let Some(target) = *target else {
                    // Reported by the YAML layer as an unknown alias.
                    return Value::null(self.loc(span));
                };
                if self.exhausted {
                    return Value::null(self.loc(span));
                }
                if self.active.contains(&target) {
                    self.budget_issue(
                        span,
                        format!(
                            "alias `{}` refers to a node that contains it",
                            self.src_text(span)
                        ),
                    );
                    return Value::null(self.loc(span));
                }
                if self.active.len() >= self.limits.depth {
                    self.budget_issue(
                        span,
                        format!(
                            "aliases are nested more than {} levels deep",
                            self.limits.depth
                        ),
                    );
                    return Value::null(self.loc(span));
                }
                self.active.push(target);
                let v = self.value(target, via.or(Some(self.loc(span))));
                self.active.pop();
                // A tag on the alias itself (`!reset *x`) still applies.
                let mut v = v;
                if tag.is_some() {
                    v.tag = tag;
                }
                return v;
            }
            NodeKind::Empty => ValueKind::Null,
            NodeKind::Scalar { value, style } => {
                let is_null_tag = node
                    .tag
                    .as_ref()
                    .is_some_and(|t| t.resolved == "tag:yaml.org,2002:null");
                if is_null_tag || self.yaml.is_null(id) {
                    ValueKind::Null
                } else {
                    ValueKind::Scalar(Box::new(self.scalar(value, *style, span)))
                }
            }
            NodeKind::Sequence(items) => {
                let items = items.clone();
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.value(item, via));
                }
                ValueKind::Sequence(out)
            }
            NodeKind::Mapping(_) => ValueKind::Mapping(self.mapping(id, via)),
        };
        Value {
            kind,
            loc: self.loc(span),
            via,
            node: Some(id),
            tag,
        }
    }

    fn src_text(&self, span: Span) -> String {
        span.text(self.src).to_string()
    }

    fn scalar(
        &mut self,
        raw: &str,
        style: keelson_syntax::yaml::ScalarStyle,
        span: Span,
    ) -> Scalar {
        let written = span.text(self.src);
        let raw_offset = if !style.is_block() && written == raw {
            Some(span.start)
        } else if style.is_quoted()
            && written.len() >= 2
            && written.get(1..written.len() - 1) == Some(raw)
        {
            Some(span.start + 1)
        } else {
            None
        };
        let mut scalar = Scalar {
            raw: raw.to_string(),
            value: raw.to_string(),
            style,
            raw_offset,
            interpolation: None,
        };
        if needs_interpolation(raw) {
            let interp = interpolate(raw, self.env);
            for err in &interp.errors {
                let at = scalar
                    .raw_span(err.span)
                    .map_or_else(|| self.loc(span), |s| self.loc(s));
                let kind = match err.kind {
                    InterpolationErrorKind::RequiredVariable => IssueKind::RequiredVariable,
                    InterpolationErrorKind::Unterminated
                    | InterpolationErrorKind::InvalidSubstitution => {
                        IssueKind::InvalidInterpolation
                    }
                };
                self.issues
                    .push(ComposeIssue::new(kind, at, err.message.clone()));
            }
            scalar.value = interp.value.clone();
            scalar.interpolation = Some(Box::new(interp));
        }
        scalar
    }

    fn mapping(&mut self, id: NodeId, via: Option<Loc>) -> Vec<MapEntry> {
        // A fresh budget per mapping: the YAML layer charges every key it visits, so one budget
        // for the whole file would trip on large files. Expansion as a whole is bounded by
        // `expanded`.
        let mut budget = Budget::new(self.limits.nodes).with_max_depth(self.limits.depth);
        let merged = match self.yaml.entries_with(id, &mut budget) {
            Ok(entries) => entries,
            Err(err) => {
                let message = match err.limit {
                    ExpansionLimit::Nodes(n) => format!(
                        "merge keys expand to more than {n} nodes (merge bomb?); this mapping is ignored"
                    ),
                    ExpansionLimit::Depth(n) => format!(
                        "merge keys are nested more than {n} levels deep (or refer to themselves)"
                    ),
                };
                self.budget_issue(err.span, message);
                return Vec::new();
            }
        };
        let mut out: Vec<MapEntry> = Vec::with_capacity(merged.len());
        for entry in merged {
            let key_node = self.yaml.node(entry.key);
            let key_span = key_node.span;
            let Some(key) = self.yaml.as_str(entry.key) else {
                if !matches!(key_node.kind, NodeKind::Empty) || !self.yaml.is_null(entry.value) {
                    self.issues.push(ComposeIssue::new(
                        IssueKind::InvalidKey,
                        self.loc(key_span),
                        "mapping keys must be strings",
                    ));
                }
                continue;
            };
            let key = key.to_string();
            let entry_via = match entry.merged_via {
                Some(src) => via.or(Some(self.loc(self.yaml.span(src)))),
                None => via,
            };
            // Merged entries are an expansion: count them against the budget.
            let merged_in = entry.merged_via.is_some();
            if merged_in {
                if let Some(target) = entry.merged_via.map(|s| self.yaml.resolve(s)) {
                    if self.active.contains(&target) {
                        continue;
                    }
                    self.active.push(target);
                    let value = self.value(entry.value, entry_via);
                    self.active.pop();
                    out.push(MapEntry {
                        key,
                        key_loc: self.loc(key_span),
                        key_node: Some(entry.key),
                        value,
                    });
                    continue;
                }
            }
            let value = self.value(entry.value, entry_via);
            out.push(MapEntry {
                key,
                key_loc: self.loc(key_span),
                key_node: Some(entry.key),
                value,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::env::{Environment, NoVars};
    use keelson_syntax::yaml::parse;

    fn build(src: &str) -> (Value, Vec<ComposeIssue>) {
        let yaml = parse(src);
        let mut issues = Vec::new();
        yaml_issues(&yaml, FileIdx(0), &mut issues);
        let mut r = Resolver::new(&yaml, src, FileIdx(0), &NoVars, Limits::default());
        let root = yaml.root().map(|root| r.build(root));
        issues.extend(r.issues);
        (root.unwrap_or_else(|| Value::null(Loc::default())), issues)
    }

    #[test]
    fn anchors_and_merge_keys_with_precedence() {
        let src =
            "x-base: &base\n  privileged: true\n  user: root\nweb:\n  <<: *base\n  user: app\n";
        let (root, issues) = build(src);
        assert!(issues.is_empty(), "{issues:?}");
        let web = root.get("web").expect("web");
        assert_eq!(web.get("user").and_then(Value::as_str), Some("app"));
        let p = web.get("privileged").expect("privileged");
        assert_eq!(p.as_str(), Some("true"));
        assert_eq!(p.loc.span.text(src), "true");
        let via = p.via.expect("via");
        assert_eq!(via.span.text(src), "*base");
        assert!(web.get("user").and_then(|u| u.via).is_none());
    }

    #[test]
    fn merge_list_earlier_wins() {
        let src = "a: &a {k: 1}\nb: &b {k: 2, j: 3}\nc:\n  <<: [*a, *b]\n";
        let (root, _) = build(src);
        let c = root.get("c").expect("c");
        assert_eq!(c.get("k").and_then(Value::as_str), Some("1"));
        assert_eq!(c.get("j").and_then(Value::as_str), Some("3"));
    }

    #[test]
    fn duplicates_are_reported_with_both_locations() {
        let src = "a: 1\nb: 2\na: 3\n";
        let (root, issues) = build(src);
        assert_eq!(root.get("a").and_then(Value::as_str), Some("3"));
        let dup = issues
            .iter()
            .find(|i| i.kind == IssueKind::DuplicateKey)
            .expect("duplicate issue");
        assert_eq!(dup.loc.span, Span::new(10, 11));
        assert_eq!(dup.related.map(|l| l.span), Some(Span::new(0, 1)));
    }

    #[test]
    fn billion_laughs_gives_an_issue() {
        let mut src = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
        let mut prev = "a";
        for n in names {
            src.push_str(&format!(
                "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
            prev = n;
        }
        let (_, issues) = build(&src);
        assert!(
            issues.iter().any(|i| i.kind == IssueKind::AliasBudget),
            "{issues:?}"
        );
    }

    #[test]
    fn interpolates_values_not_keys() {
        let src = "$KEY: ${V:-d}\n";
        let yaml = parse(src);
        let env: Environment = [("KEY", "k"), ("V", "v")].into_iter().collect();
        let mut r = Resolver::new(&yaml, src, FileIdx(0), &env, Limits::default());
        let root = r.build(yaml.root().expect("root"));
        let e = &root.as_mapping().expect("mapping")[0];
        assert_eq!(e.key, "$KEY");
        assert_eq!(e.value.as_str(), Some("v"));
        let s = e.value.as_scalar().expect("scalar");
        assert_eq!(s.raw, "${V:-d}");
        assert_eq!(s.raw_offset, Some(6));
    }

    #[test]
    fn required_variable_issue_points_at_the_reference() {
        let src = "image: \"app:${TAG:?set TAG}\"\n";
        let (_, issues) = build(src);
        let i = issues
            .iter()
            .find(|i| i.kind == IssueKind::RequiredVariable)
            .expect("issue");
        assert_eq!(i.loc.span.text(src), "${TAG:?set TAG}");
    }

    #[test]
    fn tags_and_nulls() {
        let src = "a: !reset []\nb: !override {x: 1}\nc:\nd: ~\ne: 'null'\n";
        let (root, _) = build(src);
        assert_eq!(root.get("a").and_then(|v| v.tag), Some(MergeTag::Reset));
        assert_eq!(root.get("b").and_then(|v| v.tag), Some(MergeTag::Override));
        assert!(root.get("c").is_some_and(Value::is_null));
        assert!(root.get("d").is_some_and(Value::is_null));
        assert_eq!(root.get("e").and_then(Value::as_str), Some("null"));
    }

    #[test]
    fn self_referencing_alias_is_bounded() {
        let src = "a: &a\n  b: *a\n";
        let (_, issues) = build(src);
        let _ = issues;
    }
}
