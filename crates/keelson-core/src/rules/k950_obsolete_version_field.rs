//! K950 obsolete-version-field: a compose file has a top-level `version:`, which Compose
//! ignores (and warns about). See `rules/K950-obsolete-version-field/README.md`.

use keelson_model::compose::{FileRole, Loc};

use crate::context::ComposeContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[peer("dclint", "no-version-field")],
    fixable: true,
};

pub(crate) struct ObsoleteVersionField;
pub(crate) static RULE: ObsoleteVersionField = ObsoleteVersionField;

impl Check for ObsoleteVersionField {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for (index, file) in cx.project.files.iter().enumerate() {
            // Other files are linted on their own (or are not compose files).
            if !matches!(file.role, FileRole::Compose | FileRole::Override) {
                continue;
            }
            let Some(yaml) = file.yaml.as_ref() else {
                continue;
            };
            let Some(entries) = yaml.root().and_then(|r| yaml.as_mapping(r)) else {
                continue;
            };
            let Some(entry) = entries
                .iter()
                .find(|e| yaml.as_str(e.key) == Some("version"))
            else {
                continue;
            };
            let key = yaml.span(entry.key);
            let value = yaml
                .as_str(entry.value)
                .map(|v| format!(" `{v}`"))
                .unwrap_or_default();
            let Ok(idx) = u32::try_from(index) else {
                continue;
            };
            let loc = Loc::new(keelson_model::compose::FileIdx(idx), key);
            let (fid, span) = cx.at(loc);
            let finding = out.report_in(
                fid,
                span,
                format!(
                    "the top-level `version`{value} is obsolete: Compose ignores it, always \
                     reads the file with the current Compose Specification, and prints a \
                     warning each time it runs"
                ),
            );
            finding.help("remove the `version:` line");
            if let Some(edit) =
                delete_line(&file.text, key.start(), yaml.full_span(entry.value).end())
            {
                finding.fix(Fix::safe("remove the obsolete `version:` line", vec![edit]));
            }
        }
    }
}

/// Deletes the whole line(s) from `start` to `end` when nothing else is on them but a comment.
fn delete_line(text: &str, start: usize, end: usize) -> Option<Edit> {
    let line_start = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    if !text.get(line_start..start)?.trim().is_empty() {
        return None;
    }
    let rest = text.get(end..)?;
    let line_end = rest.find('\n').map_or(text.len(), |i| end + i + 1);
    let tail = text.get(end..line_end)?.trim();
    if !(tail.is_empty() || tail.starts_with('#')) {
        return None;
    }
    Some(Edit::delete(keelson_syntax::Span::new(
        line_start, line_end,
    )))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::delete_line;
    use crate::config::Config;
    use crate::{FileKind, Linter};

    #[test]
    fn fix_removes_the_line_with_its_comment_and_is_idempotent() {
        let src = "# stack\nversion: '3.8'  # old\nservices:\n  web:\n    image: nginx\n";
        let diags: Vec<_> = Linter::new()
            .lint_str(
                src,
                Path::new("compose.yaml"),
                FileKind::Compose,
                &Config::default(),
            )
            .into_iter()
            .filter(|d| d.code == "K950")
            .collect();
        assert_eq!(diags.len(), 1, "{diags:?}");
        let edit = &diags[0].fix.as_ref().expect("a fix").edits[0];
        let mut out = src.to_string();
        out.replace_range(edit.span.start()..edit.span.end(), &edit.replacement);
        assert_eq!(out, "# stack\nservices:\n  web:\n    image: nginx\n");
        assert!(Linter::new()
            .lint_str(
                &out,
                Path::new("compose.yaml"),
                FileKind::Compose,
                &Config::default()
            )
            .iter()
            .all(|d| d.code != "K950"));
    }

    #[test]
    fn no_fix_when_the_key_shares_its_line() {
        let src = "{version: '3', services: {}}\n";
        assert!(delete_line(src, 1, 13).is_none());
    }
}
