//! The generated rule docs (`docs/rules/*.md`) and the README's rules table match the rule
//! metadata. Regenerate them with `UPDATE_DOCS=1 cargo test -p keelson-core --test docs`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use keelson_core::docs::{page_file_name, rule_page, rules_table, splice_table, REGENERATE};
use keelson_core::Registry;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every generated file and the text it should have.
fn expected() -> BTreeMap<PathBuf, String> {
    let root = workspace();
    let registry = Registry::builtin();
    let mut files = BTreeMap::new();
    for rule in registry.iter() {
        let meta = rule.meta();
        files.insert(
            root.join("docs/rules").join(page_file_name(meta)),
            rule_page(meta),
        );
    }
    let readme_path = root.join("README.md");
    let readme = fs::read_to_string(&readme_path).unwrap_or_default();
    let spliced = splice_table(&readme, &rules_table(&registry)).unwrap_or_else(|| {
        panic!("README.md lacks the <!-- rules-table --> … <!-- /rules-table --> markers")
    });
    files.insert(readme_path, spliced);
    files
}

#[test]
fn generated_docs_match_the_rule_metadata() {
    let expected = expected();
    let docs_dir = workspace().join("docs/rules");
    let stale: Vec<PathBuf> = fs::read_dir(&docs_dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .filter(|p| !expected.contains_key(p))
                .collect()
        })
        .unwrap_or_default();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        fs::create_dir_all(&docs_dir).unwrap_or_else(|e| panic!("mkdir docs/rules: {e}"));
        for (path, text) in &expected {
            if fs::read_to_string(path).ok().as_deref() != Some(text.as_str()) {
                fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            }
        }
        for path in &stale {
            fs::remove_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
        return;
    }
    let mut drift: Vec<String> = expected
        .iter()
        .filter(|(path, text)| fs::read_to_string(path).ok().as_deref() != Some(text.as_str()))
        .map(|(path, _)| format!("out of date: {}", path.display()))
        .collect();
    drift.extend(
        stale
            .iter()
            .map(|p| format!("no rule has this page: {}", p.display())),
    );
    assert!(
        drift.is_empty(),
        "the generated rule docs do not match the rule metadata:\n  {}\nRegenerate them with:\n  {REGENERATE}\nand commit the result.",
        drift.join("\n  ")
    );
}
