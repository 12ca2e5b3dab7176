//! Attributes written either as a mapping or as a `KEY=VALUE` list: `environment`, `labels`,
//! `build.args`, `sysctls`, `annotations`, `extra_hosts`, …

use super::issue::{ComposeIssue, IssueKind};
use super::loc::Loc;
use super::text::Text;
use super::value::{MapEntry, Value, ValueKind};

/// One `KEY: VALUE` entry or `KEY=VALUE` list item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    /// The key (never interpolated in the mapping form; the list form is interpolated as a
    /// whole, like Compose does).
    pub key: String,
    /// Where the key is written.
    pub key_loc: Loc,
    /// The value; `None` when there is none (`KEY` alone in a list, `KEY:` with nothing after
    /// it), which for `environment` and `build.args` means "take it from the environment".
    pub value: Option<Text>,
    /// The whole entry or item.
    pub loc: Loc,
    /// The alias, merge key or `extends` that brought the entry in, if any.
    pub via: Option<Loc>,
}

/// The entries of a key/value attribute as mapping entries, from either form: list items
/// `KEY=VALUE` become `KEY: VALUE` with the value located after the `=`, and `KEY` becomes
/// `KEY:` (null). `sep` is the list separator (`=`; `extra_hosts` also accepts `:`).
/// Returns `None` (and records an issue) for other types.
pub(crate) fn normalize(
    v: &Value,
    what: &str,
    seps: &[char],
    issues: &mut Vec<ComposeIssue>,
) -> Option<Vec<MapEntry>> {
    match &v.kind {
        ValueKind::Null => Some(Vec::new()),
        ValueKind::Mapping(entries) => {
            let mut out = Vec::with_capacity(entries.len());
            for e in entries {
                match &e.value.kind {
                    ValueKind::Null | ValueKind::Scalar(_) => out.push(e.clone()),
                    _ => issues.push(ComposeIssue::new(
                        IssueKind::WrongType,
                        e.value.loc,
                        format!(
                            "`{what}.{}` must be a string, number, boolean or null, not {}",
                            e.key,
                            e.value.type_name()
                        ),
                    )),
                }
            }
            Some(out)
        }
        ValueKind::Sequence(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                let sep = item
                    .as_str()
                    .and_then(|s| seps.iter().copied().find(|c| s.contains(*c)))
                    .unwrap_or('=');
                match item.split_scalar(sep) {
                    Some((key, key_loc, value)) => out.push(MapEntry {
                        key,
                        key_loc,
                        key_node: item.node,
                        value: value.unwrap_or_else(|| {
                            let mut n = Value::null(item.loc);
                            n.via = item.via;
                            n
                        }),
                    }),
                    None if item.is_null() => {}
                    None => issues.push(ComposeIssue::new(
                        IssueKind::WrongType,
                        item.loc,
                        format!(
                            "items of `{what}` must be `KEY=VALUE` strings, not {}",
                            item.type_name()
                        ),
                    )),
                }
            }
            Some(out)
        }
        ValueKind::Scalar(_) => {
            issues.push(ComposeIssue::new(
                IssueKind::WrongType,
                v.loc,
                format!("`{what}` must be a mapping or a list, not a string"),
            ));
            None
        }
    }
}

/// The typed entries of a key/value attribute (later duplicates win, as in Compose).
pub(crate) fn key_values(
    v: &Value,
    what: &str,
    seps: &[char],
    issues: &mut Vec<ComposeIssue>,
) -> Vec<KeyValue> {
    let Some(entries) = normalize(v, what, seps, issues) else {
        return Vec::new();
    };
    let mut out: Vec<KeyValue> = Vec::with_capacity(entries.len());
    for e in entries {
        let value = Text::from_value(&e.value);
        let loc = match &value {
            Some(t) => e.key_loc.cover(t.loc),
            None => e.key_loc,
        };
        let kv = KeyValue {
            key: e.key,
            key_loc: e.key_loc,
            value,
            loc,
            via: e.value.via,
        };
        if let Some(existing) = out.iter_mut().find(|k| k.key == kv.key) {
            *existing = kv;
        } else {
            out.push(kv);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::env::NoVars;
    use crate::compose::loc::FileIdx;
    use crate::compose::resolve::{Limits, Resolver};
    use keelson_syntax::yaml::parse;

    fn kvs(src: &str) -> Vec<KeyValue> {
        let yaml = parse(src);
        let mut r = Resolver::new(&yaml, src, FileIdx(0), &NoVars, Limits::default());
        let root = r.build(yaml.root().expect("root"));
        let mut issues = Vec::new();
        key_values(root.get("e").expect("e"), "e", &['='], &mut issues)
    }

    #[test]
    fn both_syntaxes_with_locations() {
        let src = "e:\n  - A=1\n  - B\n  - C=x=y\n";
        let got = kvs(src);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].key, "A");
        assert_eq!(got[0].key_loc.span.text(src), "A");
        assert_eq!(
            got[0].value.as_ref().map(|t| t.loc.span.text(src)),
            Some("1")
        );
        assert_eq!(got[0].loc.span.text(src), "A=1");
        assert!(got[1].value.is_none());
        assert_eq!(got[2].value.as_ref().map(Text::as_str), Some("x=y"));
        let src = "e:\n  A: 1\n  B:\n";
        let got = kvs(src);
        assert_eq!(
            got[0].value.as_ref().map(|t| t.loc.span.text(src)),
            Some("1")
        );
        assert!(got[1].value.is_none());
    }
}
