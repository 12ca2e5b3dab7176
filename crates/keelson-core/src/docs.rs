//! Rule documentation generated from rule metadata: one Markdown page per rule
//! (`docs/rules/<code>-<name>.md`) and the rules table of the README. The text of each page is
//! the rule's README (`rules/<code>-<name>/README.md`) under a table of its metadata, so the
//! docs are written once and cannot drift from the code.
//!
//! The files in the repository are regenerated with
//! `UPDATE_DOCS=1 cargo test -p keelson-core --test docs`; without `UPDATE_DOCS` that test fails
//! when they differ from what this module renders.

use crate::registry::Registry;
use crate::rule::{FileKind, RuleMeta};

/// The command that regenerates the docs (named in every generated file and in failures).
pub const REGENERATE: &str = "UPDATE_DOCS=1 cargo test -p keelson-core --test docs";

/// The marker lines around the generated table in the README.
pub const TABLE_MARKERS: (&str, &str) = ("<!-- rules-table -->", "<!-- /rules-table -->");

/// The file name of a rule's page: `K201-root-user.md`.
pub fn page_file_name(meta: &RuleMeta) -> String {
    format!("{}-{}.md", meta.code, meta.name)
}

/// The Markdown page of one rule: a metadata table, then the rule's documentation.
pub fn rule_page(meta: &RuleMeta) -> String {
    let mut out = format!(
        "<!-- Generated from the rule's metadata and rules/{code}-{name}/README.md; do not edit.\n     Regenerate with: {REGENERATE} -->\n\n# {code} {name}\n\n",
        code = meta.code,
        name = meta.name,
    );
    let kinds: Vec<&str> = meta
        .file_kinds
        .iter()
        .map(|k| match k {
            FileKind::Dockerfile => "Dockerfile",
            FileKind::Compose => "compose",
        })
        .collect();
    let peers: Vec<String> = meta
        .peers
        .iter()
        .map(|p| format!("{} `{}`", p.tool, p.id))
        .collect();
    let rows = [
        ("Code", format!("`{}`", meta.code)),
        ("Name", format!("`{}`", meta.name)),
        ("Category", meta.category.as_str().to_string()),
        (
            "Default severity",
            meta.default_severity.as_str().to_string(),
        ),
        (
            "Enabled by default",
            yes_no(meta.enabled_by_default).to_string(),
        ),
        ("Files", kinds.join(", ")),
        ("Fixable", yes_no(meta.fixable).to_string()),
        (
            "Covers",
            if peers.is_empty() {
                "—".to_string()
            } else {
                peers.join(", ")
            },
        ),
    ];
    out.push_str("| | |\n|---|---|\n");
    for (key, value) in rows {
        out.push_str(&format!("| {key} | {} |\n", cell(&value)));
    }
    out.push('\n');
    // The README's own title is the page title already.
    let body = match meta.docs.split_once('\n') {
        Some((first, rest)) if first.starts_with("# ") => rest,
        _ => meta.docs,
    };
    out.push_str(body.trim_matches('\n'));
    out.push('\n');
    out
}

/// The rules table for the README (without the markers): one row per rule, linking its page.
pub fn rules_table(registry: &Registry) -> String {
    let mut out = String::from(
        "| Code | Name | Category | Severity | On by default | Fix | What it finds |\n|---|---|---|---|---|---|---|\n",
    );
    for rule in registry.iter() {
        let m = rule.meta();
        out.push_str(&format!(
            "| [{code}](docs/rules/{file}) | `{name}` | {cat} | {sev} | {on} | {fix} | {summary} |\n",
            code = m.code,
            file = page_file_name(m),
            name = m.name,
            cat = m.category.as_str(),
            sev = m.default_severity.as_str(),
            on = yes_no(m.enabled_by_default),
            fix = if m.fixable { "yes" } else { "" },
            summary = cell(m.summary),
        ));
    }
    out.push_str(&format!(
        "\nGenerated from the rule metadata by `{REGENERATE}`; `keelson explain <code>` prints a rule's page.\n"
    ));
    out
}

/// `readme` with the text between the table markers replaced by `table`; `None` when the
/// markers are missing or out of order.
pub fn splice_table(readme: &str, table: &str) -> Option<String> {
    let (open, close) = TABLE_MARKERS;
    let start = readme.find(open)? + open.len();
    let end = start + readme.get(start..)?.find(close)?;
    let mut out = String::with_capacity(readme.len() + table.len());
    out.push_str(readme.get(..start)?);
    out.push('\n');
    out.push_str(table);
    out.push_str(readme.get(end..)?);
    Some(out)
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_has_metadata_table_and_body_without_a_second_title() {
        let registry = Registry::builtin();
        let rule = registry
            .get(registry.find("K201").expect("K201"))
            .expect("rule");
        let page = rule_page(rule.meta());
        assert!(page.contains("\n# K201 root-user\n"), "{page}");
        assert_eq!(page.matches("# K201 root-user").count(), 1, "{page}");
        assert!(page.contains("| Category | privilege |"), "{page}");
        assert!(page.contains("hadolint `DL3002`"), "{page}");
        assert!(page.contains("## Why"), "{page}");
        assert!(page.contains(REGENERATE));
    }

    #[test]
    fn splicing_replaces_only_between_the_markers() {
        let readme = "a\n<!-- rules-table -->\nold\n<!-- /rules-table -->\nb\n";
        assert_eq!(
            splice_table(readme, "new\n").as_deref(),
            Some("a\n<!-- rules-table -->\nnew\n<!-- /rules-table -->\nb\n")
        );
        assert_eq!(splice_table("no markers", "x"), None);
    }

    #[test]
    fn table_cells_escape_pipes() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
