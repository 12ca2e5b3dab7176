//! K204 no-new-privileges-missing: a compose service does not set `no-new-privileges` in its
//! `security_opt`, so a process in it can gain privileges by running a setuid or setcap
//! program.
//!
//! A missing option is reported at the service's name with a safe fix that adds
//! `security_opt: ["no-new-privileges:true"]` (or appends the item to the service's own list);
//! an explicit `no-new-privileges:false` is reported where it is written. See
//! `rules/K204-no-new-privileges-missing/README.md`.
//!
//! This file also holds the fix helper K205 uses: adding an item to a list attribute of a
//! service, keeping the file's comments and layout.

use std::ops::Range;
use std::path::Path;

use keelson_model::compose::{ComposeOptions, ComposeProject, ComposeService, Text};
use keelson_model::fs::MemoryFileSource;
use keelson_syntax::yaml::{Entry, NodeId, NodeKind, ScalarStyle, YamlFile};
use keelson_syntax::Span;

use super::k203_privileged_container::{is_runnable, note_via};
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Privilege,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[
        peer("kics", "No New Privileges Not Set"),
        peer("kics", "Security Opt Not Set"),
        peer("semgrep", "no-new-privileges"),
        peer("compose-lint", "CL-0003"),
    ],
    fixable: true,
};

pub(crate) struct NoNewPrivilegesMissing;
pub(crate) static RULE: NoNewPrivilegesMissing = NoNewPrivilegesMissing;

const RISK: &str = "a process in the container can gain privileges by running a setuid or \
                    setcap program (`su`, `sudo`, a planted binary)";
const ITEM: &str = "\"no-new-privileges:true\"";

/// What a `security_opt` item says about `no-new-privileges`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Setting {
    On,
    Off,
}

/// Reads `no-new-privileges`, `no-new-privileges:true`, `no-new-privileges=false`, … .
fn setting(item: &Text) -> Option<Setting> {
    let value = item.value.trim();
    let rest = value.strip_prefix("no-new-privileges")?;
    if rest.is_empty() {
        return Some(Setting::On);
    }
    let flag = rest.strip_prefix([':', '='])?;
    match keelson_syntax::yaml::truthy(flag.trim()) {
        Some(true) => Some(Setting::On),
        Some(false) => Some(Setting::Off),
        None => None,
    }
}

/// Whether the merged service sets `no-new-privileges`.
fn has_no_new_privileges(service: &ComposeService) -> bool {
    service
        .security_opt
        .iter()
        .any(|t| setting(t) == Some(Setting::On))
}

impl Check for NoNewPrivilegesMissing {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            if !is_runnable(service) || has_no_new_privileges(service) {
                continue;
            }
            // An option keelson cannot read may be the one.
            if service.security_opt.iter().any(|t| !t.is_determined()) {
                continue;
            }
            let off = service
                .security_opt
                .iter()
                .rev()
                .find(|t| setting(t) == Some(Setting::Off));
            if let Some(off) = off {
                let (file, span) = cx.at(off.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` turns `no-new-privileges` off (`{}`): {RISK}",
                        service.name, off.raw
                    ),
                );
                finding.help("write `no-new-privileges:true`");
                note_via(cx, finding, off.via, service);
                continue;
            }
            let (file, span) = cx.at(service.key_loc);
            let finding = out.report_in(
                file,
                span,
                format!(
                    "service `{}` does not set `no-new-privileges` in `security_opt`: {RISK}",
                    service.name
                ),
            );
            finding.help(
                "add `security_opt: [\"no-new-privileges:true\"]` to the service (or add the \
                 item to its `security_opt` list)",
            );
            if let Some(edit) =
                add_list_item(cx, service, "security_opt", ITEM, has_no_new_privileges)
            {
                finding.fix(Fix::safe(
                    "add `no-new-privileges:true` to the service's `security_opt`",
                    vec![edit],
                ));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Adding an item to a list attribute of a service (shared with K205).

/// Files larger than this are not re-parsed to check a fix (the fix is then not offered).
const MAX_FIX_CHECK_BYTES: usize = 512 * 1024;

/// The edit that adds `item` (YAML text) to the list attribute `key` of `service`, in the file
/// that defines the service: appended to the service's own block or flow list, or as a new
/// `key: [item]` line after the service's one-line `image:`/`build:` (else as its first key).
/// `None` when the service is not a block mapping written in place, when the list comes from a
/// `<<` merge (a new key would replace it), when the edited file would not load to a service
/// for which `holds` is true, or when the lint was asked for no fixes (checking one loads the
/// edited file again).
pub(super) fn add_list_item(
    cx: &ComposeContext<'_>,
    service: &ComposeService,
    key: &str,
    item: &str,
    holds: fn(&ComposeService) -> bool,
) -> Option<Edit> {
    if !cx.wants_fixes() {
        return None;
    }
    let value = &service.value;
    if value.via.is_some() || value.loc.file != service.key_loc.file {
        return None;
    }
    let file = cx.project.file(value.loc.file)?;
    let yaml = file.yaml.as_ref()?;
    if !yaml.errors.is_empty() || file.text.len() > MAX_FIX_CHECK_BYTES {
        return None;
    }
    let text: &str = &file.text;
    let id = value.node?;
    let NodeKind::Mapping(entries) = &yaml.get_node(id)?.kind else {
        return None;
    };
    if text.as_bytes().get(yaml.span(id).start()) == Some(&b'{') {
        return None;
    }
    let service_key = yaml.key_of(id)?;
    if yaml.span(service_key) != service.key_loc.span {
        return None;
    }
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let own = entries
        .iter()
        .find(|e| !yaml.is_merge_key(e.key) && yaml.as_str(e.key) == Some(key));
    let edit = match own {
        Some(entry) => append_to_list(yaml, text, entry.value, item, nl)?,
        None => {
            // A list merged in with `<<` would be replaced by a key of the service's own (one
            // inherited through `extends` is merged with it).
            if let Some(via) = value.get(key).and_then(|v| v.via) {
                if cx.project.text(via) != "extends" {
                    return None;
                }
            }
            insert_key(
                yaml,
                text,
                entries,
                service_key,
                &format!("{key}: [{item}]"),
                nl,
            )?
        }
    };
    let block = line_start(text, yaml.span(service_key).start())..yaml.span(id).end();
    fix_holds(file.path.as_path(), text, &edit, &service.name, holds, block).then_some(edit)
}

/// Appends `item` to the sequence `list`: a new `- item` line after the last item of a block
/// sequence (same indentation), or `, item` before the `]` of a flow sequence.
fn append_to_list(yaml: &YamlFile, text: &str, list: NodeId, item: &str, nl: &str) -> Option<Edit> {
    let NodeKind::Sequence(items) = &yaml.get_node(list)?.kind else {
        return None;
    };
    let span = yaml.span(list);
    match text.as_bytes().get(span.start()) {
        Some(b'[') => {
            let close = span.end().checked_sub(1)?;
            if text.as_bytes().get(close) != Some(&b']') {
                return None;
            }
            match items.last() {
                Some(&last) => Some(Edit::insert(
                    yaml.full_span(last).end(),
                    format!(", {item}"),
                )),
                None => Some(Edit::insert(close, item.to_string())),
            }
        }
        Some(b'-') => {
            let last = *items.last()?;
            // The `-` of the first item sets the indentation.
            let dash = span.start();
            let line = line_start(text, dash);
            let indent = text.get(line..dash)?;
            if !indent.bytes().all(|b| b == b' ') {
                return None;
            }
            let end = yaml.full_span(last).end();
            let at = match text.get(end..)?.find('\n') {
                Some(i) => end + i + 1,
                None => return Some(Edit::insert(text.len(), format!("{nl}{indent}- {item}"))),
            };
            Some(Edit::insert(at, format!("{indent}- {item}{nl}")))
        }
        _ => None,
    }
}

/// A new line `line` in the service mapping: after its one-line `image:` (or `build:`) entry,
/// else as its first key, above the comment lines that describe that key.
fn insert_key(
    yaml: &YamlFile,
    text: &str,
    entries: &[Entry],
    service_key: NodeId,
    line: &str,
    nl: &str,
) -> Option<Edit> {
    let first = entries.first()?;
    let first_start = yaml.full_span(first.key).start();
    let first_line = line_start(text, first_start);
    let indent = text.get(first_line..first_start)?;
    if indent.is_empty()
        || !indent.bytes().all(|b| b == b' ')
        || first_line <= yaml.span(service_key).end()
    {
        return None;
    }
    let line = format!("{indent}{line}");
    if let Some(offset) = after_one_line_entry(yaml, text, entries, "image")
        .or_else(|| after_one_line_entry(yaml, text, entries, "build"))
    {
        return Some(match offset {
            Some(offset) => Edit::insert(offset, format!("{line}{nl}")),
            None => Edit::insert(text.len(), format!("{nl}{line}")),
        });
    }
    let mut at = first_line;
    while at > 0 {
        let prev = line_start(text, at - 1);
        if prev <= yaml.span(service_key).end() {
            break;
        }
        if !text.get(prev..at).unwrap_or("").trim().starts_with('#') {
            break;
        }
        at = prev;
    }
    Some(Edit::insert(at, format!("{line}{nl}")))
}

/// For an entry `name` whose key and scalar value sit on one line: the offset of the next line
/// (`Some(None)` when it is the last line, without a line break).
pub(super) fn after_one_line_entry(
    yaml: &YamlFile,
    text: &str,
    entries: &[Entry],
    name: &str,
) -> Option<Option<usize>> {
    let entry = entries
        .iter()
        .rev()
        .find(|e| !yaml.is_merge_key(e.key) && yaml.as_str(e.key) == Some(name))?;
    match &yaml.node(entry.value).kind {
        NodeKind::Scalar { style, .. }
            if !matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) => {}
        NodeKind::Alias { .. } => {}
        _ => return None,
    }
    let start = yaml.full_span(entry.key).start();
    let end = yaml
        .full_span(entry.value)
        .end()
        .max(yaml.span(entry.key).end());
    if text.get(start..end)?.contains('\n') {
        return None;
    }
    Some(text.get(end..)?.find('\n').map(|i| end + i + 1))
}

/// The offset where the line holding `offset` starts.
pub(super) fn line_start(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1)
}

/// Whether the file with `edit` applied parses without errors and loads to a service `name`
/// for which `holds` is true. `block` is the service's own text, from the start of the line of
/// its key to the end of its mapping, which holds the edit.
///
/// Checking a candidate fix must not cost a reload of the whole file per finding (that made
/// linting a file of N services O(N × size)). The edit stays inside the service's block, and a
/// block mapping's entries end where the indentation does, so the service means the same in
/// `services:` + its block alone as in the file: that small document is checked first. Only when
/// it cannot stand alone (it uses an anchor defined elsewhere, or is not a plain block) is the
/// whole file reloaded.
fn fix_holds(
    path: &Path,
    text: &str,
    edit: &Edit,
    name: &str,
    holds: fn(&ComposeService) -> bool,
    block: Range<usize>,
) -> bool {
    let load = |text: &str| {
        let options = ComposeOptions {
            load_dotenv: false,
            load_override: false,
            follow_extends: false,
            follow_includes: false,
            ..ComposeOptions::default()
        };
        let project = ComposeProject::load(path, text, &MemoryFileSource::new(), &options);
        let parsed = project
            .files
            .first()
            .and_then(|f| f.yaml.as_ref())
            .is_some_and(|y| y.errors.is_empty());
        (parsed, project.service(name).is_some_and(holds))
    };
    if let Some(alone) = service_alone(text, edit, &block) {
        if let (true, verdict) = load(&alone) {
            return verdict;
        }
    }
    let Some(fixed) = apply(text, edit) else {
        return false;
    };
    let (parsed, verdict) = load(&fixed);
    parsed && verdict
}

/// `services:` followed by the service's block with `edit` applied, when the edit lies inside
/// the block (an insertion may sit at its very end) and the block is indented under a key.
fn service_alone(text: &str, edit: &Edit, block: &Range<usize>) -> Option<String> {
    let (start, end) = (edit.span.start(), edit.span.end());
    if start < block.start || end < start || end > text.len() {
        return None;
    }
    // The block runs to the end of the line holding its last byte or the edit, whichever is later.
    let last = block.end.max(end);
    let block_end = text
        .get(last..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |i| last + i + 1);
    let own = text.get(block.start..block_end)?;
    if !own.starts_with([' ', '\t']) {
        return None;
    }
    let local = Edit::replace(
        Span::new(start - block.start, end - block.start),
        edit.replacement.clone(),
    );
    let mut out = String::from("services:\n");
    out.push_str(&apply(own, &local)?);
    Some(out)
}

/// `text` with one edit applied.
pub(super) fn apply(text: &str, edit: &Edit) -> Option<String> {
    let span: Span = edit.span;
    let mut out = String::with_capacity(text.len() + edit.replacement.len());
    out.push_str(text.get(..span.start())?);
    out.push_str(&edit.replacement);
    out.push_str(text.get(span.end()..)?);
    Some(out)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::apply;
    use crate::config::Config;
    use crate::diagnostic::{Applicability, Diagnostic};
    use crate::{FileKind, Linter};

    fn lint(src: &str, code: &str) -> Vec<Diagnostic> {
        Linter::new()
            .lint_str(
                src,
                Path::new("compose.yaml"),
                FileKind::Compose,
                &Config::default(),
            )
            .into_iter()
            .filter(|d| d.code == code)
            .collect()
    }

    /// Applies the only finding's fix, checks the rule is then quiet, and returns the text.
    fn fixed(src: &str, code: &str) -> String {
        let diags = lint(src, code);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let fix = diags[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.edits.len(), 1);
        let out = apply(src, &fix.edits[0]).expect("edit applies");
        assert!(lint(&out, code).is_empty(), "fix is not idempotent:\n{out}");
        out
    }

    #[test]
    fn inserts_security_opt_after_the_image_line_keeping_comments() {
        let src =
            "services:\n  web:\n    image: nginx:1.27 # pinned\n    ports:\n      - \"80:80\"\n";
        assert_eq!(
            fixed(src, "K204"),
            "services:\n  web:\n    image: nginx:1.27 # pinned\n    security_opt: [\"no-new-privileges:true\"]\n    ports:\n      - \"80:80\"\n"
        );
    }

    #[test]
    fn appends_to_a_block_list_with_its_indentation_and_comment() {
        let src = "services:\n  api:\n    build: ./api\n    security_opt:\n        - apparmor:docker-default   # keep\n    restart: always\n";
        assert_eq!(
            fixed(src, "K204"),
            "services:\n  api:\n    build: ./api\n    security_opt:\n        - apparmor:docker-default   # keep\n        - \"no-new-privileges:true\"\n    restart: always\n"
        );
    }

    #[test]
    fn appends_to_flow_lists_and_fills_empty_ones() {
        let src = "services:\n  a:\n    image: x\n    security_opt: [label:disable]\n";
        assert!(fixed(src, "K204")
            .contains("security_opt: [label:disable, \"no-new-privileges:true\"]"));
        let src = "services:\n  a:\n    image: x\n    security_opt: []\n";
        assert!(fixed(src, "K204").contains("security_opt: [\"no-new-privileges:true\"]"));
    }

    #[test]
    fn keeps_crlf_and_a_missing_final_newline() {
        let src = "services:\r\n  web:\r\n    image: nginx\r\n    restart: always\r\n";
        assert_eq!(
            fixed(src, "K204"),
            "services:\r\n  web:\r\n    image: nginx\r\n    security_opt: [\"no-new-privileges:true\"]\r\n    restart: always\r\n"
        );
        let src = "services:\n  web:\n    image: nginx";
        assert_eq!(
            fixed(src, "K204"),
            "services:\n  web:\n    image: nginx\n    security_opt: [\"no-new-privileges:true\"]"
        );
    }

    #[test]
    fn no_fix_when_the_list_comes_from_a_merge_key() {
        let src =
            "x-s: &s\n  security_opt: [label:disable]\nservices:\n  a:\n    <<: *s\n    image: x\n";
        let diags = lint(src, "K204");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].fix.is_none());
    }

    #[test]
    fn fix_beside_a_list_inherited_through_extends() {
        let src = "services:\n  base:\n    image: x\n    security_opt: [label:disable]\n  app:\n    extends: base\n    image: y\n";
        let diags = lint(src, "K204");
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags.iter().all(|d| d.fix.is_some()), "{diags:?}");
    }

    #[test]
    fn no_fix_for_flow_services() {
        let diags = lint("services:\n  a: {image: x}\n", "K204");
        assert_eq!(diags.len(), 1);
        assert!(diags[0].fix.is_none());
    }

    #[test]
    fn cap_drop_fix_is_unsafe_and_appends_all() {
        let src = "services:\n  web:\n    image: nginx\n    cap_drop:\n      - NET_RAW\n";
        let diags = lint(src, "K205");
        assert_eq!(
            diags[0].fix.as_ref().map(|f| f.applicability),
            Some(Applicability::Unsafe)
        );
        assert_eq!(
            fixed(src, "K205"),
            "services:\n  web:\n    image: nginx\n    cap_drop:\n      - NET_RAW\n      - ALL\n"
        );
        let src =
            "services:\n  # the api\n  api:\n    # built here\n    build:\n      context: .\n";
        assert_eq!(
            fixed(src, "K205"),
            "services:\n  # the api\n  api:\n    cap_drop: [ALL]\n    # built here\n    build:\n      context: .\n"
        );
    }

    #[test]
    fn missing_option_fix_is_safe() {
        let diags = lint("services:\n  a:\n    image: x\n", "K204");
        assert_eq!(
            diags[0].fix.as_ref().map(|f| f.applicability),
            Some(Applicability::Safe)
        );
    }
}
