//! Tests of the YAML tree: exact spans, merge keys, duplicates, budget, errors.

#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.

use super::*;
use crate::span::{LineIndex, Span};

use proptest::prelude::*;

/// A one-line-per-node rendering: indentation by depth, kind, span and the span's text.
fn dump(file: &YamlFile, src: &str) -> String {
    let mut out = String::new();
    for doc in &file.documents {
        out.push_str(&format!(
            "doc {:?} explicit={}\n",
            doc.span, doc.explicit_start
        ));
        dump_node(file, src, doc.root, 1, "", &mut out);
    }
    for c in &file.comments {
        out.push_str(&format!(
            "comment {:?} {:?} {:?}\n",
            c.span, c.placement, c.text
        ));
    }
    for e in &file.errors {
        out.push_str(&format!("error {:?} {:?} {}\n", e.span, e.kind, e.message));
    }
    out
}

fn dump_node(file: &YamlFile, src: &str, id: NodeId, depth: usize, prefix: &str, out: &mut String) {
    let node = file.node(id);
    let mut line = format!("{}{}", "  ".repeat(depth), prefix);
    let text = node.span.text(src);
    match &node.kind {
        NodeKind::Scalar { value, style } => {
            line.push_str(&format!("{style:?} {value:?} {:?} {text:?}", node.span))
        }
        NodeKind::Mapping(_) => line.push_str(&format!("Mapping {:?}", node.span)),
        NodeKind::Sequence(_) => line.push_str(&format!("Sequence {:?}", node.span)),
        NodeKind::Alias { name, target } => line.push_str(&format!(
            "Alias {name} -> {:?} {:?} {text:?}",
            target.map(|t| t.0),
            node.span
        )),
        NodeKind::Empty => line.push_str(&format!("Empty {:?}", node.span)),
    }
    if let Some(a) = &node.anchor {
        line.push_str(&format!(" &{}@{:?}", a.name, a.span));
    }
    if let Some(t) = &node.tag {
        line.push_str(&format!(" tag {}={}@{:?}", t.name, t.resolved, t.span));
    }
    line.push_str(&format!(" #{}", id.0));
    out.push_str(&line);
    out.push('\n');
    match &node.kind {
        NodeKind::Mapping(entries) => {
            for e in entries {
                dump_node(file, src, e.key, depth + 1, "k: ", out);
                dump_node(file, src, e.value, depth + 2, "v: ", out);
            }
        }
        NodeKind::Sequence(items) => {
            for i in items {
                dump_node(file, src, *i, depth + 1, "- ", out);
            }
        }
        _ => {}
    }
}

/// Byte span of the `n`th (0-based) occurrence of `needle` in `src`.
fn find(src: &str, needle: &str, n: usize) -> Span {
    let start = src
        .match_indices(needle)
        .nth(n)
        .map(|(i, _)| i)
        .unwrap_or_else(|| panic!("{needle:?} #{n} not in source"));
    Span::new(start, start + needle.len())
}

fn text(file: &YamlFile, src: &str, id: NodeId) -> String {
    file.span(id).text(src).to_owned()
}

/// The root mapping of the first document.
fn root(file: &YamlFile) -> NodeId {
    file.root().expect("a document")
}

/// The key node of `key` in `mapping` (written entries only).
fn key_node(file: &YamlFile, mapping: NodeId, key: &str) -> NodeId {
    file.as_mapping(mapping)
        .and_then(|entries| entries.iter().find(|e| file.as_str(e.key) == Some(key)))
        .map(|e| e.key)
        .unwrap_or_else(|| panic!("no key {key}"))
}

/// Follows a path of mapping keys (merge keys applied) from the root.
fn path(file: &YamlFile, keys: &[&str]) -> NodeId {
    let mut node = root(file);
    for key in keys {
        node = file.get(node, key).unwrap_or_else(|| panic!("no {key}"));
    }
    node
}

#[test]
fn keys_and_values_have_exact_byte_spans_with_multibyte_text() {
    let src = "services:\n  wéb:\n    image: nginx:1.25 \n    名前: \"値\"\n";
    let file = parse(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let services = path(&file, &["services"]);
    let web_key = key_node(&file, services, "wéb");
    assert_eq!(file.span(web_key), find(src, "wéb", 0));
    assert_eq!(file.span(web_key), Span::new(12, 16), "é is two bytes");
    let web = path(&file, &["services", "wéb"]);
    let image = file.get(web, "image").unwrap();
    assert_eq!(
        file.span(image),
        find(src, "nginx:1.25", 0),
        "trailing space excluded"
    );
    let name_key = key_node(&file, web, "名前");
    assert_eq!(file.span(name_key), find(src, "名前", 0));
    let name = file.get(web, "名前").unwrap();
    assert_eq!(text(&file, src, name), "\"値\"");
    assert_eq!(file.as_str(name), Some("値"));
    // Collections: a block mapping covers its first key to its last value.
    assert_eq!(file.span(web), Span::new(22, src.len() - 1));
    assert_eq!(file.span(services), Span::new(12, src.len() - 1));
    assert_eq!(file.span(root(&file)), Span::new(0, src.len() - 1));
    assert_eq!(file.documents[0].span, Span::new(0, src.len() - 1));
    assert_eq!(file.key_of(image), Some(key_node(&file, web, "image")));
}

#[test]
fn quoted_scalars_include_their_quotes_and_keep_their_style() {
    let src = "a: 'it''s'\nb: \"tab\\there\"\nc: \"multi\n  line\"\nd: plain words\n";
    let file = parse(src);
    let r = root(&file);
    let a = file.get(r, "a").unwrap();
    assert_eq!(file.span(a), find(src, "'it''s'", 0));
    assert_eq!(file.scalar(a), Some(("it's", ScalarStyle::SingleQuoted)));
    let b = file.get(r, "b").unwrap();
    assert_eq!(text(&file, src, b), "\"tab\\there\"");
    assert_eq!(
        file.scalar(b),
        Some(("tab\there", ScalarStyle::DoubleQuoted))
    );
    let c = file.get(r, "c").unwrap();
    assert_eq!(text(&file, src, c), "\"multi\n  line\"");
    assert_eq!(file.as_str(c), Some("multi line"));
    let d = file.get(r, "d").unwrap();
    assert_eq!(file.scalar(d), Some(("plain words", ScalarStyle::Plain)));
    assert_eq!(file.span(d), find(src, "plain words", 0));
}

#[test]
fn block_scalars_span_from_indicator_to_last_content_character() {
    let src = "lit: |\n  line one\n  line two\n\nfold: >-  # note\n  a\n  b\n\n\nkeep: |+\n  k\n\nempty: |\nlast: |2\n   x\n";
    let file = parse(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let r = root(&file);
    let lit = file.get(r, "lit").unwrap();
    assert_eq!(text(&file, src, lit), "|\n  line one\n  line two");
    assert_eq!(
        file.scalar(lit),
        Some(("line one\nline two\n", ScalarStyle::Literal))
    );
    let fold = file.get(r, "fold").unwrap();
    assert_eq!(text(&file, src, fold), ">-  # note\n  a\n  b");
    assert_eq!(file.scalar(fold), Some(("a b", ScalarStyle::Folded)));
    let keep = file.get(r, "keep").unwrap();
    assert_eq!(text(&file, src, keep), "|+\n  k");
    assert_eq!(file.as_str(keep), Some("k\n\n"));
    let empty = file.get(r, "empty").unwrap();
    assert_eq!(file.span(empty), find(src, "|", 2));
    assert_eq!(file.as_str(empty), Some(""));
    let last = file.get(r, "last").unwrap();
    assert_eq!(text(&file, src, last), "|2\n   x");
    assert_eq!(file.as_str(last), Some(" x\n"));
    assert_eq!(file.comments.len(), 1);
    assert_eq!(file.comments[0].span, find(src, "# note", 0));
}

#[test]
fn block_scalar_after_anchor_and_tag() {
    let src = "a: &x !t |\n  body\nb: *x\n";
    let file = parse(src);
    let a = file.get(root(&file), "a").unwrap();
    let node = file.node(a);
    assert_eq!(text(&file, src, a), "|\n  body");
    assert_eq!(node.anchor.as_ref().unwrap().span, find(src, "&x", 0));
    assert_eq!(node.tag.as_ref().unwrap().span, find(src, "!t", 0));
    assert_eq!(file.full_span(a), Span::new(3, src.find("\nb").unwrap()));
}

#[test]
fn flow_collections_span_their_brackets() {
    let src = "m: {a: 1, b: [x, y], c: }\ns: [a, {k: v}, [ ], p: q]\n";
    let file = parse(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let r = root(&file);
    let m = file.get(r, "m").unwrap();
    assert_eq!(text(&file, src, m), "{a: 1, b: [x, y], c: }");
    let b = file.get(m, "b").unwrap();
    assert_eq!(text(&file, src, b), "[x, y]");
    let c = file.get(m, "c").unwrap();
    assert_eq!(file.kind(c), &NodeKind::Empty);
    assert_eq!(
        file.span(c),
        Span::empty(find(src, "c:", 0).end()),
        "just after the colon"
    );
    let s = file.get(r, "s").unwrap();
    assert_eq!(text(&file, src, s), "[a, {k: v}, [ ], p: q]");
    let items = file.as_sequence(s).unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(text(&file, src, items[1]), "{k: v}");
    assert_eq!(text(&file, src, items[2]), "[ ]");
    assert_eq!(file.as_sequence(items[2]), Some(&[][..]));
    // A single-pair mapping inside a flow sequence has no brackets.
    assert_eq!(text(&file, src, items[3]), "p: q");
    assert_eq!(file.as_str(file.get(items[3], "p").unwrap()), Some("q"));
}

#[test]
fn block_sequences_start_at_their_first_dash() {
    let src =
        "a:\n  - x\n  -\n  - y\nb:\n- p\n- - q\n  - r\nc:\n  - # why\n    z\n  - &n\n    - w\n";
    let file = parse(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let r = root(&file);
    let a = file.get(r, "a").unwrap();
    assert_eq!(text(&file, src, a), "- x\n  -\n  - y");
    let items = file.as_sequence(a).unwrap();
    assert_eq!(file.kind(items[1]), &NodeKind::Empty);
    assert_eq!(
        file.span(items[1]),
        Span::empty(find(src, "  -\n", 0).start() + 3)
    );
    let b = file.get(r, "b").unwrap();
    assert_eq!(
        text(&file, src, b),
        "- p\n- - q\n  - r",
        "indentless sequence"
    );
    let inner = file.as_sequence(b).unwrap()[1];
    assert_eq!(text(&file, src, inner), "- q\n  - r");
    let c = file.get(r, "c").unwrap();
    assert_eq!(text(&file, src, c), "- # why\n    z\n  - &n\n    - w");
    let nested = file.as_sequence(c).unwrap()[1];
    assert_eq!(text(&file, src, nested), "- w");
    assert_eq!(file.full_span(nested).text(src), "&n\n    - w");
}

#[test]
fn empty_values_are_explicit_with_a_span_after_the_colon() {
    let src = "a:\nb:   # c\nc: !reset\nd: &e\ne: ~\nf: null\n";
    let file = parse(src);
    let r = root(&file);
    let a = file.get(r, "a").unwrap();
    assert_eq!(file.kind(a), &NodeKind::Empty);
    assert_eq!(file.span(a), Span::empty(2));
    assert!(file.is_null(a));
    assert_eq!(file.as_str(a), None);
    let b = file.get(r, "b").unwrap();
    assert_eq!(file.span(b), Span::empty(find(src, "b:", 0).end()));
    let c = file.get(r, "c").unwrap();
    assert_eq!(file.kind(c), &NodeKind::Empty);
    let tag = file.node(c).tag.as_ref().unwrap();
    assert_eq!(
        (tag.name.as_str(), tag.resolved.as_str()),
        ("!reset", "!reset")
    );
    assert_eq!(tag.span, find(src, "!reset", 0));
    assert_eq!(file.span(c), Span::empty(find(src, "!reset", 0).end()));
    let d = file.get(r, "d").unwrap();
    assert_eq!(file.node(d).anchor.as_ref().unwrap().name, "e");
    let e = file.get(r, "e").unwrap();
    assert_eq!(file.scalar(e), Some(("~", ScalarStyle::Plain)));
    assert!(file.is_null(e));
    assert!(file.is_null(file.get(r, "f").unwrap()));
}

#[test]
fn tags_are_kept_with_spans() {
    let src = "services:\n  web:\n    ports: !override\n      - 80:80\n    env: !reset {}\n    n: !!str 1\n    v: !<tag:x> y\n";
    let file = parse(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let web = path(&file, &["services", "web"]);
    let ports = file.get(web, "ports").unwrap();
    let tag = file.node(ports).tag.clone().unwrap();
    assert_eq!(tag.name, "!override");
    assert_eq!(tag.span, find(src, "!override", 0));
    assert_eq!(text(&file, src, ports), "- 80:80");
    let env = file.get(web, "env").unwrap();
    assert_eq!(file.node(env).tag.as_ref().unwrap().name, "!reset");
    assert_eq!(text(&file, src, env), "{}");
    let n = file.get(web, "n").unwrap();
    let tag = file.node(n).tag.clone().unwrap();
    assert_eq!(
        (tag.name.as_str(), tag.resolved.as_str()),
        ("!!str", "tag:yaml.org,2002:str")
    );
    assert_eq!(file.to_value(n), Ok(Value::String("1".into())));
    let v = file.get(web, "v").unwrap();
    assert_eq!(file.node(v).tag.as_ref().unwrap().resolved, "tag:x");
}

#[test]
fn aliases_point_at_their_anchor_and_are_not_expanded() {
    let src =
        "x-base: &base\n  image: a\nsvc: *base\nlist: [&s one, *s]\nagain: &base b\nlater: *base\n";
    let file = parse(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let r = root(&file);
    let base = file.get(r, "x-base").unwrap();
    let anchor = file.node(base).anchor.clone().unwrap();
    assert_eq!(anchor.name, "base");
    assert_eq!(anchor.span, find(src, "&base", 0));
    assert_eq!(text(&file, src, base), "image: a", "anchor not in the span");
    let svc = file.get(r, "svc").unwrap();
    assert_eq!(
        file.kind(svc),
        &NodeKind::Alias {
            name: "base".into(),
            target: Some(base)
        }
    );
    assert_eq!(file.span(svc), find(src, "*base", 0));
    assert_eq!(file.resolve(svc), base);
    assert_eq!(file.as_str(file.get(svc, "image").unwrap()), Some("a"));
    let list = file.as_sequence(file.get(r, "list").unwrap()).unwrap();
    assert_eq!(file.resolve(list[1]), list[0]);
    assert_eq!(file.as_str(list[1]), Some("one"));
    // A redefined anchor: later aliases refer to the latest definition.
    let later = file.get(r, "later").unwrap();
    assert_eq!(file.resolve(later), file.get(r, "again").unwrap());
}

#[test]
fn unknown_alias_is_an_error_but_parsing_continues() {
    let src = "a: *nope\nb: 2\n";
    let file = parse(src);
    assert_eq!(file.errors.len(), 1);
    assert_eq!(file.errors[0].kind, YamlErrorKind::UnknownAlias);
    assert_eq!(file.errors[0].span, find(src, "*nope", 0));
    let a = file.get(root(&file), "a").unwrap();
    assert_eq!(file.resolve(a), a);
    assert_eq!(file.as_str(file.get(root(&file), "b").unwrap()), Some("2"));
}

#[test]
fn crlf_and_bom_offsets_are_bytes_of_the_original_text() {
    let src = "\u{feff}services:\r\n  web:\r\n    image: x\r\n    cmd: |\r\n      run\r\n";
    let file = parse(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    assert!(file.has_bom);
    let services_key = key_node(&file, root(&file), "services");
    assert_eq!(file.span(services_key), Span::new(3, 11));
    let web = path(&file, &["services", "web"]);
    let image = file.get(web, "image").unwrap();
    let x = find(src, "image: x", 0).end() - 1;
    assert_eq!(file.span(image), Span::new(x, x + 1), "CR not included");
    let cmd = file.get(web, "cmd").unwrap();
    assert_eq!(text(&file, src, cmd), "|\r\n      run");
    assert_eq!(file.as_str(cmd), Some("run\n"));
    assert_eq!(file.documents[0].span.start(), 3);
    let index = LineIndex::new(src);
    let image_key = key_node(&file, web, "image");
    let at = index.line_col(src, file.span(image_key).start());
    assert_eq!((at.line, at.column), (3, 5));
}

#[test]
fn merge_keys_explicit_wins_and_earlier_sources_win() {
    let src = "\
x-a: &a
  image: a
  user: root
  only_a: 1
x-b: &b
  image: b
  only_b: 2
  user: b
svc:
  <<: [*a, *b]
  image: own
";
    let file = parse(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let svc = path(&file, &["svc"]);
    assert_eq!(file.as_str(file.get(svc, "image").unwrap()), Some("own"));
    assert_eq!(file.as_str(file.get(svc, "user").unwrap()), Some("root"));
    assert_eq!(file.as_str(file.get(svc, "only_b").unwrap()), Some("2"));
    assert_eq!(file.get(svc, "missing"), None);
    let user = file.get_entry(svc, "user").unwrap();
    assert!(user.is_merged());
    assert_eq!(file.span(user.merged_via.unwrap()), find(src, "*a", 0));
    assert_eq!(
        file.span(user.key),
        find(src, "user", 0),
        "key of the merged mapping"
    );
    let image = file.get_entry(svc, "image").unwrap();
    assert_eq!(image.merged_via, None);

    let entries = file.entries(svc).unwrap();
    let rendered: Vec<(String, String, bool)> = entries
        .iter()
        .map(|e| {
            (
                file.as_str(e.key).unwrap().to_owned(),
                file.as_str(e.value).unwrap().to_owned(),
                e.is_merged(),
            )
        })
        .collect();
    let expected = [
        ("image", "own", false),
        ("user", "root", true),
        ("only_a", "1", true),
        ("only_b", "2", true),
    ];
    let expected: Vec<(String, String, bool)> = expected
        .iter()
        .map(|(k, v, m)| (k.to_string(), v.to_string(), *m))
        .collect();
    assert_eq!(rendered, expected);
}

#[test]
fn merge_of_single_alias_inline_mapping_and_nested_merges() {
    let src = "\
base: &base {a: 1, b: 1}
mid: &mid
  <<: *base
  b: 2
top:
  <<: *mid
  <<: {c: 3, a: 9}
  d: 4
";
    let file = parse(src);
    let top = path(&file, &["top"]);
    let get = |k| file.get(top, k).and_then(|v| file.as_str(v));
    assert_eq!(get("a"), Some("1"), "first <<, then its own merge");
    assert_eq!(get("b"), Some("2"), "mid's own key beats mid's merge");
    assert_eq!(get("c"), Some("3"));
    assert_eq!(get("d"), Some("4"));
    let a = file.get_entry(top, "a").unwrap();
    assert_eq!(
        file.span(a.merged_via.unwrap()),
        find(src, "*mid", 0),
        "outermost site"
    );
    let value = file.to_value(top).unwrap();
    assert_eq!(value.get("a"), Some(&Value::Int(1)));
    assert_eq!(value.get("c"), Some(&Value::Int(3)));
    let Value::Mapping(entries) = &value else {
        panic!()
    };
    let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["d", "b", "a", "c"]);
}

#[test]
fn merge_ignores_non_mappings_and_reports_them() {
    let src = "\
x-env: &env
  - A=1
x-map: &map {k: v}
s1:
  <<: *env
  own: 1
s2:
  <<: [*map, plain]
s3:
  <<:
";
    let file = parse(src);
    let s1 = path(&file, &["s1"]);
    assert_eq!(file.entries(s1).unwrap().len(), 1);
    let s2 = path(&file, &["s2"]);
    assert_eq!(file.as_str(file.get(s2, "k").unwrap()), Some("v"));
    let invalid: Vec<String> = file
        .invalid_merges()
        .into_iter()
        .map(|id| text(&file, src, id))
        .collect();
    assert_eq!(invalid, ["*env", "plain"]);
}

#[test]
fn self_referencing_merge_does_not_loop() {
    let src = "a: &a\n  x: 1\n  <<: *a\nb:\n  <<: *a\n";
    let file = parse(src);
    let a = path(&file, &["a"]);
    assert_eq!(file.get(a, "nope"), None);
    assert_eq!(file.entries(a).unwrap().len(), 1);
    let b = path(&file, &["b"]);
    assert_eq!(file.as_str(file.get(b, "x").unwrap()), Some("1"));
}

#[test]
fn duplicate_keys_are_kept_and_reported() {
    let src =
        "services:\n  web:\n    image: a\n    'image': b\n  db: {}\n  web: {}\n  \"web\": {}\n";
    let file = parse(src);
    assert!(file.errors.is_empty(), "{:?}", file.errors);
    let dups = file.duplicate_keys();
    let found: Vec<(Span, Span, &str)> = dups
        .iter()
        .map(|d| (d.first_span, d.duplicate_span, d.key.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (find(src, "image", 0), find(src, "'image'", 0), "image"),
            (find(src, "web", 0), find(src, "web", 1), "web"),
            (find(src, "web", 0), find(src, "\"web\"", 0), "web"),
        ]
    );
    // Both entries are kept in the tree; lookups take the last.
    let services = path(&file, &["services"]);
    assert_eq!(file.as_mapping(services).unwrap().len(), 4);
    let web = file.get(services, "web").unwrap();
    assert_eq!(file.span(web), find(src, "{}", 2));
    let first_web = path(&file, &["services", "web"]);
    assert_eq!(first_web, web);
    let web_entries = file
        .as_mapping(file.as_mapping(services).unwrap()[0].value)
        .unwrap();
    assert_eq!(web_entries.len(), 2);
}

fn laughs(depth: usize) -> String {
    let mut src = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..=depth {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        src.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    src
}

#[test]
fn billion_laughs_hits_the_budget_quickly() {
    let src = laughs(9);
    let started = std::time::Instant::now();
    let file = parse(&src);
    assert!(file.errors.is_empty());
    assert!(file.nodes.len() < 300, "aliases are not expanded");
    let top = file.get(root(&file), "a9").unwrap();
    let err = file.to_value(top).unwrap_err();
    assert_eq!(err.limit, ExpansionLimit::Nodes(Budget::DEFAULT_LIMIT));
    assert!(err.to_string().contains("100000"));
    let whole = file.to_value(root(&file));
    assert!(whole.is_err());
    // Small levels expand fine.
    let a1 = file.get(root(&file), "a1").unwrap();
    let Ok(Value::Sequence(items)) = file.to_value(a1) else {
        panic!()
    };
    assert_eq!(items.len(), 10);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn merge_bomb_hits_the_budget_quickly() {
    let mut src = String::from("m0: &m0 {k0: 0}\n");
    for i in 1..=12 {
        let refs = vec![format!("*m{}", i - 1); 10].join(", ");
        src.push_str(&format!("m{i}: &m{i}\n  <<: [{refs}]\n  k{i}: {i}\n"));
    }
    let started = std::time::Instant::now();
    let file = parse(&src);
    let top = file.get(root(&file), "m12").unwrap();
    assert!(file.entries(top).is_err());
    let mut budget = Budget::new(1_000);
    let err = file.get_with(top, "missing", &mut budget).unwrap_err();
    assert_eq!(err.limit, ExpansionLimit::Nodes(1_000));
    assert_eq!(file.get(top, "missing"), None);
    // A key found early is still found.
    assert_eq!(file.as_str(file.get(top, "k12").unwrap()), Some("12"));
    assert_eq!(file.as_str(file.get(top, "k0").unwrap()), Some("0"));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn self_referencing_alias_hits_the_depth_limit() {
    let src = "a: &a [1, *a]\n";
    let file = parse(src);
    let err = file.to_value(root(&file)).unwrap_err();
    assert_eq!(err.limit, ExpansionLimit::Depth(Budget::DEFAULT_MAX_DEPTH));
}

#[test]
fn syntax_error_has_exact_position_and_keeps_partial_tree() {
    let src = "services:\n  web:\n    image: a\n    ports: [80, 443\n  db:\n    image: b\n";
    let file = parse(src);
    let syntax: Vec<&YamlError> = file
        .errors
        .iter()
        .filter(|e| e.kind == YamlErrorKind::Syntax)
        .collect();
    assert_eq!(syntax.len(), 1);
    let index = LineIndex::new(src);
    let at = index.line_col(src, syntax[0].span.start());
    assert_eq!((at.line, at.column), (5, 5), "{:?}", syntax[0]);
    assert_eq!(syntax[0].span, find(src, ":", 4));
    assert!(!syntax[0].message.is_empty());
    // What came before is there, with collections closed.
    let web = path(&file, &["services", "web"]);
    assert_eq!(file.as_str(file.get(web, "image").unwrap()), Some("a"));
    let ports = file.get(web, "ports").unwrap();
    assert_eq!(file.as_str(file.as_sequence(ports).unwrap()[0]), Some("80"));
    assert_eq!(file.documents.len(), 1);
}

#[test]
fn bad_indentation_error_and_recovery_at_next_document() {
    let src = "a:\n  b: 1\n c: 2\n---\nok: true\n";
    let file = parse(src);
    assert_eq!(file.errors.len(), 1);
    assert_eq!(file.errors[0].span.start(), find(src, "c", 0).start());
    assert_eq!(file.documents.len(), 2);
    let first = file.documents[0].root;
    assert_eq!(
        file.as_str(file.get(file.get(first, "a").unwrap(), "b").unwrap()),
        Some("1")
    );
    let second = file.documents[1].root;
    assert_eq!(file.as_bool(file.get(second, "ok").unwrap()), Some(true));
}

#[test]
fn error_inside_a_key_without_value_gets_an_empty_value() {
    let src = "a: 1\nb: \"unterminated\n";
    let file = parse(src);
    assert_eq!(file.errors.len(), 1);
    let r = root(&file);
    assert_eq!(file.as_str(file.get(r, "a").unwrap()), Some("1"));
    let b = file.get(r, "b").unwrap();
    assert_eq!(file.kind(b), &NodeKind::Empty);
    assert_eq!(file.errors[0].span, find(src, "\"", 0));
}

#[test]
fn comments_are_recorded_and_related_to_nodes() {
    let src = "\
# header

services:
  web:
    # keelson-ignore: K501
    # second line
    privileged: true  # keelson-ignore: K502
    image: x
";
    let file = parse(src);
    let spans: Vec<(Span, CommentPlacement)> = file
        .comments
        .iter()
        .map(|c| (c.span, c.placement))
        .collect();
    assert_eq!(
        spans,
        [
            (find(src, "# header", 0), CommentPlacement::Free),
            (
                find(src, "# keelson-ignore: K501", 0),
                CommentPlacement::Above
            ),
            (find(src, "# second line", 0), CommentPlacement::Above),
            (
                find(src, "# keelson-ignore: K502", 0),
                CommentPlacement::Right
            ),
        ]
    );
    assert_eq!(file.comments[1].text, " keelson-ignore: K501");
    let web = path(&file, &["services", "web"]);
    let privileged = file.get(web, "privileged").unwrap();
    let index = LineIndex::new(src);
    let texts: Vec<&str> = file
        .comments_for(privileged, &index)
        .iter()
        .map(|c| c.text.trim())
        .collect();
    assert_eq!(
        texts,
        [
            "keelson-ignore: K501",
            "second line",
            "keelson-ignore: K502"
        ]
    );
    let image = file.get(web, "image").unwrap();
    assert!(file.comments_for(image, &index).is_empty());
    let after = file.next_node_after(file.comments[2].span.end()).unwrap();
    assert_eq!(text(&file, src, after), "privileged");
    assert_eq!(file.key_of(privileged), Some(after));
}

#[test]
fn node_at_finds_the_innermost_node() {
    let src = "services:\n  web:\n    ports: [\"80:80\"]\n";
    let file = parse(src);
    let at = |needle: &str| {
        file.node_at(find(src, needle, 0).start())
            .map(|id| text(&file, src, id))
    };
    assert_eq!(at("web").as_deref(), Some("web"));
    assert_eq!(at("80:80").as_deref(), Some("\"80:80\""));
    assert_eq!(at("[").as_deref(), Some("[\"80:80\"]"));
    assert_eq!(file.node_at(src.len() + 10), None);
}

#[test]
fn multiple_documents_are_all_kept() {
    let src = "a: 1\n---\nb: 2\n...\n---\n";
    let file = parse(src);
    assert_eq!(file.documents.len(), 3);
    assert!(!file.documents[0].explicit_start);
    assert!(file.documents[1].explicit_start);
    assert_eq!(
        file.documents[1].span,
        Span::new(5, find(src, "...", 0).end())
    );
    let last = &file.documents[2];
    assert_eq!(file.kind(last.root), &NodeKind::Empty);
    assert!(parse("").documents.is_empty());
    assert!(parse("# only a comment\n").documents.is_empty());
    assert_eq!(parse("# only a comment\n").comments.len(), 1);
}

#[test]
fn compose_booleans_use_the_compose_table() {
    let src = "a: yes\nb: 'on'\nc: FALSE\nd: 1\ne: true\n";
    let file = parse(src);
    let r = root(&file);
    let get = |k| file.as_bool(file.get(r, k).unwrap());
    assert_eq!(get("a"), Some(true));
    assert_eq!(get("b"), Some(true));
    assert_eq!(get("c"), Some(false));
    assert_eq!(get("d"), None);
    assert_eq!(get("e"), Some(true));
    assert_eq!(truthy("Off"), Some(false));
}

#[test]
fn to_value_types_scalars_with_the_core_schema() {
    let src = "a: 1\nb: '1'\nc: yes\nd: ~\ne:\nf: [1.5, true]\n";
    let file = parse(src);
    let v = file.to_value(root(&file)).unwrap();
    assert_eq!(v.get("a"), Some(&Value::Int(1)));
    assert_eq!(v.get("b"), Some(&Value::String("1".into())));
    assert_eq!(v.get("c").and_then(Value::as_str), Some("yes"));
    assert_eq!(v.get("d"), Some(&Value::Null));
    assert_eq!(v.get("e"), Some(&Value::Null));
    assert_eq!(
        v.get("f"),
        Some(&Value::Sequence(vec![Value::Float(1.5), Value::Bool(true)]))
    );
}

#[test]
fn foreign_node_ids_do_not_panic() {
    let file = parse("a: 1\n");
    let bogus = NodeId(9_999);
    assert_eq!(file.kind(bogus), &NodeKind::Empty);
    assert_eq!(file.get(bogus, "a"), None);
    assert_eq!(file.get_node(bogus), None);
    assert!(file.to_value(bogus).is_ok());
}

/// Structural invariants that hold for any input.
fn check_invariants(src: &str) {
    let file = parse(src);
    for id in file.node_ids() {
        let node = file.node(id);
        assert!(node.span.start <= node.span.end);
        assert!(
            src.get(node.span.start()..node.span.end()).is_some(),
            "{src:?}: {id:?} {:?}",
            node.span
        );
        if let Some(parent) = node.parent {
            let p = file.span(parent);
            assert!(
                p.start <= node.span.start && node.span.end <= p.end,
                "{src:?}: {id:?} {:?} outside parent {:?}",
                node.span,
                p
            );
        }
    }
    for c in &file.comments {
        assert!(c.span.text(src).starts_with('#'), "{src:?}: {c:?}");
    }
    for e in &file.errors {
        assert!(src.get(e.span.start()..e.span.end()).is_some());
    }
    let _ = file.duplicate_keys();
    let _ = file.invalid_merges();
    for doc in &file.documents {
        let _ = file.to_value(doc.root);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_yamlish_text_parses_without_panics(
        src in "([ \\-:?,#&*!|>'\"\\[\\]{}\\n\\r\\t]|[a-cé<]|\u{feff}|---|\\.\\.\\.){0,80}"
    ) {
        check_invariants(&src);
    }

    #[test]
    fn any_text_parses_without_panics(src in "\\PC{0,60}") {
        check_invariants(&src);
    }
}

#[test]
fn dump_of_a_small_compose_file() {
    let src = "x-a: &a\n  k: v\ns:\n  <<: *a\n  t: !reset []\n  # tail\n";
    let expected = r#"doc 0..41 explicit=false
  Mapping 0..41 #0
    k: Plain "x-a" 0..3 "x-a" #1
      v: Mapping 10..14 &a@5..7 #2
        k: Plain "k" 10..11 "k" #3
          v: Plain "v" 13..14 "v" #4
    k: Plain "s" 15..16 "s" #5
      v: Mapping 20..41 #6
        k: Plain "<<" 20..22 "<<" #7
          v: Alias a -> Some(2) 24..26 "*a" #8
        k: Plain "t" 29..30 "t" #9
          v: Sequence 39..41 tag !reset=!reset@32..38 #10
comment 44..50 Above " tail"
"#;
    assert_eq!(dump(&parse(src), src), expected);
    let src = "a: 1\nb: \"unterminated\n";
    let expected = r#"doc 0..6 explicit=false
  Mapping 0..6 #0
    k: Plain "a" 0..1 "a" #1
      v: Plain "1" 3..4 "1" #2
    k: Plain "b" 5..6 "b" #3
      v: Empty 6..6 #4
error 8..9 Syntax unclosed quote
"#;
    assert_eq!(dump(&parse(src), src), expected);
}

#[test]
fn multi_line_plain_scalars_and_explicit_keys() {
    let src = "x:\n  ? a\n  : b\n  c: foo\n    bar\n";
    let file = parse(src);
    let x = path(&file, &["x"]);
    assert_eq!(text(&file, src, x), "? a\n  : b\n  c: foo\n    bar");
    let c = file.get(x, "c").unwrap();
    assert_eq!(text(&file, src, c), "foo\n    bar");
    assert_eq!(file.as_str(c), Some("foo bar"));
    assert_eq!(file.as_str(file.get(x, "a").unwrap()), Some("b"));
}

#[test]
fn json_pointers_and_dotted_paths() {
    let src = "x-b: &b {user: root}\nservices:\n  web:\n    <<: *b\n    ports: [\"80:80\", 443]\n  a/b~c: {}\n";
    let file = parse(src);
    let r = root(&file);
    let port = file.pointer(r, "/services/web/ports/1").unwrap();
    assert_eq!(text(&file, src, port), "443");
    assert_eq!(file.dotted_path(port), "services.web.ports[1]");
    let user = file.pointer(r, "/services/web/user").unwrap();
    assert_eq!(
        file.dotted_path(user),
        "x-b.user",
        "merged values keep their own path"
    );
    assert!(file.pointer(r, "/services/a~1b~0c").is_some());
    assert_eq!(file.pointer(r, ""), Some(r));
    assert_eq!(file.pointer(r, "/services/web/ports/9"), None);
    assert_eq!(file.pointer(r, "services"), None);
    let web_key = key_node(&file, path(&file, &["services"]), "web");
    assert_eq!(
        file.path_of(web_key),
        [
            PathSegment::Key("services".into()),
            PathSegment::KeyItself("web".into())
        ]
    );
}
