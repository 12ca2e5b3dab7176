//! K501 writable-root-filesystem: a compose service whose root file system is writable, because
//! it never sets `read_only: true` or sets it to false.
//!
//! The merged model decides (anchors, `<<`, `extends`, override files and `include` applied). A
//! false value is reported where it is written, with the alias, merge key or `extends` that
//! brings it in as a related location; a missing key is reported at the service's name. Values
//! that depend on an unresolved variable, and services with neither `image` nor `build`, are not
//! reported.

use keelson_model::compose::{
    ComposeProject, ComposeService, Flag, Loc, Truth, VarOrigin, VolumeKind,
};
use keelson_model::dockerfile::Base;
use keelson_model::image::ImageRef;
use keelson_syntax::yaml::{parse, NodeKind, YamlFile};
use keelson_syntax::Span;

use crate::context::ComposeContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use super::k204_no_new_privileges_missing::{after_one_line_entry, apply, line_start};
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Immutability,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[
        peer("semgrep", "writable-filesystem-service"),
        peer("compose-lint", "CL-0007"),
        peer("checkov", "CKV_K8S_22"),
    ],
    fixable: true,
};

pub(crate) struct WritableRootFilesystem;
pub(crate) static RULE: WritableRootFilesystem = WritableRootFilesystem;

/// What a compromised process can do with a writable root file system (shared by messages).
const RISK: &str = "anyone who gets code execution in the container can change its programs and \
                    configuration and leave tools behind";

/// Files larger than this are not re-parsed to check a fix (the fix is then not offered).
const MAX_FIX_CHECK_BYTES: usize = 2 * 1024 * 1024;

impl Check for WritableRootFilesystem {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for (index, service) in cx.project.services.iter().enumerate() {
            // Compose refuses a service with neither; it is usually a fragment for `extends`.
            if service.image.is_none() && service.build.is_none() {
                continue;
            }
            match &service.read_only {
                None => report_missing(cx, index, service, out),
                Some(flag) => match flag.value {
                    Truth::False => report_false(cx, index, service, flag, out),
                    // True is the goal; unknown depends on a variable keelson cannot see;
                    // invalid values are K802's business.
                    Truth::True | Truth::Unknown | Truth::Invalid => {}
                },
            }
        }
    }
}

/// A service without any `read_only`: reported at its name, with a safe fix inserting the key.
fn report_missing(
    cx: &ComposeContext<'_>,
    index: usize,
    service: &ComposeService,
    out: &mut Reporter<'_>,
) {
    let (file, span) = cx.at(service.key_loc);
    let finding = out
        .report_in(
            file,
            span,
            format!(
                "service `{}` does not set `read_only: true`, so its root file system is writable: {RISK}",
                service.name
            ),
        )
        .help(help(cx, index, service, "add `read_only: true` to the service"));
    if let Some(edit) = insert_read_only(cx, service) {
        finding.fix(Fix::safe(
            "add `read_only: true` to the service",
            vec![edit],
        ));
    }
}

/// A service whose `read_only` is false: reported where the value is written.
fn report_false(
    cx: &ComposeContext<'_>,
    index: usize,
    service: &ComposeService,
    flag: &Flag,
    out: &mut Reporter<'_>,
) {
    // A null value (`read_only:`) has an empty span: point at its key instead.
    let at = match &flag.text {
        Some(_) => flag.loc,
        None => service.key_of("read_only").unwrap_or(flag.loc),
    };
    let setting = match &flag.text {
        Some(t) if t.is_interpolated() => {
            format!("`read_only: {}` (which is `{}`)", t.raw, t.value)
        }
        Some(t) => format!("`read_only: {}`", t.raw),
        None => "`read_only` with no value (which Compose reads as false)".to_string(),
    };
    let via = flag.via.map(|via| (via, via_kind(cx, via)));
    let how = match via {
        Some((_, Via::Merge(Some(alias)))) => format!(" merged in from `{alias}`"),
        Some((_, Via::Merge(None))) => " through a `<<` merge key".to_string(),
        Some((_, Via::Alias(alias))) => format!(" through the alias `{alias}`"),
        Some((_, Via::Extends)) => {
            match service.extends.as_ref().and_then(|e| e.service.as_ref()) {
                Some(base) => format!(" from service `{}` through `extends`", base.value),
                None => " through `extends`".to_string(),
            }
        }
        Some((_, Via::Other)) | None => String::new(),
    };
    let (file, span) = cx.at(at);
    let vars: Vec<String> = flag
        .text
        .iter()
        .flat_map(|t| t.refs())
        .filter(|r| r.live)
        .map(|r| format!("`{}`", r.name))
        .collect();
    let first_step = if vars.is_empty() {
        "change it to `read_only: true`".to_string()
    } else {
        format!(
            "write `read_only: true`, or make {} true (in `.env` or as the default: `${{{}:-true}}`)",
            vars.join(", "),
            vars.first().map_or("", |v| v.trim_matches('`'))
        )
    };
    let finding = out
        .report_in(
            file,
            span,
            format!(
                "service `{}` {} {setting}{how}, so its root file system is writable: {RISK}",
                service.name,
                if via.is_some() { "gets" } else { "sets" },
            ),
        )
        .help(help(cx, index, service, &first_step));
    if let Some((vloc, kind)) = via {
        let (vfile, vspan) = cx.at(vloc);
        let note = match kind {
            Via::Extends => format!(
                "service `{}` inherits the false `read_only` through this `extends`",
                service.name
            ),
            _ => format!(
                "this brings the false `read_only` into service `{}`",
                service.name
            ),
        };
        finding.related(vfile, vspan, note);
    }
    if let Some(replaced) = replaced_true(cx, service, flag) {
        let (tfile, tspan) = cx.at(replaced);
        finding.related(
            tfile,
            tspan,
            "this `read_only: true` is replaced by the override file",
        );
    }
    if let Some(text) = &flag.text {
        for r in text.refs().iter().filter(|r| r.live) {
            if let Some(VarOrigin::EnvFile(loc)) = r.origin {
                let (efile, espan) = cx.at(loc);
                finding.related(efile, espan, format!("`{}` is set here", r.name));
            }
        }
    }
    if let Some(edit) = replace_with_true(cx, flag, at) {
        finding.fix(Fix::unsafe_(
            "set `read_only: true` (the service can then write only to its volumes and tmpfs mounts)",
            vec![edit],
        ));
    }
}

/// How a value reached the service.
#[derive(Clone, Copy)]
enum Via<'a> {
    /// A `<<` merge key; with the alias text when it merges `*name`.
    Merge(Option<&'a str>),
    /// An alias `*name` elsewhere (the text).
    Alias(&'a str),
    /// The `extends` key of the service.
    Extends,
    /// Anything else.
    Other,
}

/// How a value reached the service, from the YAML at its `via` location.
fn via_kind<'a>(cx: &ComposeContext<'a>, via: Loc) -> Via<'a> {
    let project: &'a ComposeProject = cx.project;
    let text = project.text(via);
    if text == "extends" {
        return Via::Extends;
    }
    let alias = text.starts_with('*').then_some(text);
    let merged = project
        .file(via.file)
        .and_then(|f| f.yaml.as_ref())
        .is_some_and(|yaml| is_merge_value(yaml, via.span));
    match (merged, alias) {
        (true, alias) => Via::Merge(alias),
        (false, Some(alias)) => Via::Alias(alias),
        (false, None) => Via::Other,
    }
}

/// Whether the node at `span` is the value of a `<<` key, or an item of a list that is.
fn is_merge_value(yaml: &YamlFile, span: Span) -> bool {
    let Some(id) = yaml.node_ids().find(|&id| yaml.span(id) == span) else {
        return false;
    };
    let holder = match yaml.node(id).parent {
        Some(parent) if matches!(yaml.kind(parent), NodeKind::Sequence(_)) => parent,
        _ => id,
    };
    yaml.key_of(holder).is_some_and(|k| yaml.is_merge_key(k))
}

/// For a false `read_only` written in an override file: the `read_only: true` of the same
/// service in the compose file it overrides, if that file sets one.
fn replaced_true(cx: &ComposeContext<'_>, service: &ComposeService, flag: &Flag) -> Option<Loc> {
    if flag.via.is_some() {
        return None;
    }
    let position = cx
        .project
        .merged_files
        .iter()
        .position(|f| *f == flag.loc.file)?;
    cx.project
        .merged_files
        .get(..position)?
        .iter()
        .rev()
        .find_map(|&idx| {
            let yaml = cx.project.file(idx)?.yaml.as_ref()?;
            let root = yaml.root()?;
            let svc = yaml.get(yaml.get(root, "services")?, &service.name)?;
            let value = yaml.get(svc, "read_only")?;
            (yaml.as_bool(value) == Some(true)).then(|| Loc::new(idx, yaml.span(value)))
        })
}

/// The help line: `first_step`, then the `tmpfs:` paths to add and the mounts already writable.
fn help(
    cx: &ComposeContext<'_>,
    index: usize,
    service: &ComposeService,
    first_step: &str,
) -> String {
    let mounted = writable_mounts(service);
    let covered = |path: &str| mounted.iter().any(|m| is_under(path, m));
    let mut paths: Vec<&str> = vec!["/tmp"];
    for p in known_writable_paths(cx, index, service) {
        if !paths.contains(p) {
            paths.push(p);
        }
    }
    let needed: Vec<String> = paths
        .into_iter()
        .filter(|p| !covered(p))
        .map(|p| format!("`{p}`"))
        .collect();
    let mut help = first_step.to_string();
    if !needed.is_empty() {
        help.push_str(&format!(
            ", then add a `tmpfs:` entry for each path the service writes to, such as {}",
            needed.join(", ")
        ));
    }
    if !mounted.is_empty() {
        let shown: Vec<String> = mounted.iter().take(4).map(|m| format!("`{m}`")).collect();
        let more = if mounted.len() > 4 { ", …" } else { "" };
        let verb = if mounted.len() == 1 { "stays" } else { "stay" };
        help.push_str(&format!(
            "; {}{more} {verb} writable through the service's mounts",
            shown.join(", ")
        ));
    }
    help
}

/// Container paths the service already mounts writable: `tmpfs:` entries and volumes that are
/// not read-only (only values keelson could resolve).
fn writable_mounts(service: &ComposeService) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |p: &str| {
        let p = p.trim();
        if p.starts_with('/') && !out.iter().any(|o| o == p) {
            out.push(p.to_string());
        }
    };
    for t in service.tmpfs.iter().filter(|t| t.is_determined()) {
        // `/run:size=64m,mode=1777`
        add(t.value.split(':').next().unwrap_or(""));
    }
    for v in &service.volumes {
        if !v.determined
            || !v.is_writable()
            || matches!(v.kind, VolumeKind::Npipe | VolumeKind::Image)
        {
            continue;
        }
        if let Some(target) = &v.target {
            add(target);
        }
    }
    // A mount inside another one adds nothing to the list.
    let all = out.clone();
    out.retain(|p| !all.iter().any(|o| o != p && is_under(p, o)));
    out
}

/// Whether `path` is `dir` or inside it.
fn is_under(path: &str, dir: &str) -> bool {
    let dir = dir.trim_end_matches('/');
    path == dir
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Paths that well-known official images write to outside their `VOLUME`s, for the image the
/// service runs (or the base image of the Dockerfile it builds).
fn known_writable_paths(
    cx: &ComposeContext<'_>,
    index: usize,
    service: &ComposeService,
) -> &'static [&'static str] {
    let image = match cx.build_of(index) {
        Some(build) => final_base_image(build),
        None if service.build.is_none() => service
            .image
            .as_ref()
            .filter(|t| t.is_determined())
            .and_then(|t| ImageRef::parse(t.value.trim()).ok()),
        None => None,
    };
    let Some(image) = image.filter(ImageRef::is_official) else {
        return &[];
    };
    match image.familiar_name().as_str() {
        // Documented on the official image's page: `/var/cache/nginx` and `/var/run`.
        "nginx" => &["/var/cache/nginx", "/var/run"],
        // The default `PidFile` is `logs/httpd.pid` under the server root.
        "httpd" => &["/usr/local/apache2/logs"],
        // The Unix socket directory; the data directory is a `VOLUME`.
        "postgres" => &["/var/run/postgresql"],
        // The socket and PID file directory; the data directory is a `VOLUME`.
        "mysql" | "mariadb" => &["/var/run/mysqld"],
        _ => &[],
    }
}

/// The image the final stage of a service's Dockerfile starts from, through `FROM <stage>`.
fn final_base_image(build: &crate::context::ServiceBuild) -> Option<ImageRef> {
    let mut stage = build.model.final_stage()?;
    for _ in 0..build.model.stages.len() {
        match &stage.base {
            Base::Stage(i) => stage = build.model.stage(*i)?,
            other => return other.image().cloned(),
        }
    }
    None
}

/// The edit that turns a written false value into `true`, when the value is literal text in
/// the file of the finding (`false`, `"no"`, `~`, or nothing after `read_only:`).
fn replace_with_true(cx: &ComposeContext<'_>, flag: &Flag, at: Loc) -> Option<Edit> {
    let file = cx.project.file(flag.loc.file)?;
    let text: &str = &file.text;
    match &flag.text {
        Some(t) if t.is_interpolated() || t.raw.contains('$') => None,
        Some(t) => {
            let span = flag.loc.span;
            let written = text.get(span.start()..span.end())?;
            // Only a one-line scalar whose source is exactly the value (quoted or not).
            let inner = written.trim_matches(|c| c == '"' || c == '\'');
            (inner == t.raw && !written.contains('\n')).then(|| Edit::replace(span, "true"))
        }
        None if !flag.loc.span.is_empty() => {
            // `~` or `null`.
            let written = text.get(flag.loc.span.start()..flag.loc.span.end())?;
            matches!(written, "~" | "null" | "Null" | "NULL")
                .then(|| Edit::replace(flag.loc.span, "true"))
        }
        None => {
            // `read_only:` with nothing after it: write ` true` after the colon.
            if at.file != flag.loc.file {
                return None;
            }
            let after_key = text.get(at.span.end()..)?;
            let colon = after_key.find(|c: char| c != ' ')?;
            if !after_key[colon..].starts_with(':') {
                return None;
            }
            let rest_of_line = after_key[colon + 1..].split('\n').next().unwrap_or("");
            let rest = rest_of_line.trim();
            if !(rest.is_empty() || rest.starts_with('#')) {
                return None;
            }
            Some(Edit::insert(at.span.end() + colon + 1, " true"))
        }
    }
}

/// The edit inserting `read_only: true` into the service's mapping, in the file that defines
/// the service: after its `image:` (or `build:`) line when that entry is on one line, else as
/// its first key. `None` when the service is not a block mapping written in place, or when the
/// edited file would not parse to the service with `read_only: true`.
fn insert_read_only(cx: &ComposeContext<'_>, service: &ComposeService) -> Option<Edit> {
    let value = &service.value;
    if value.via.is_some() || value.loc.file != service.key_loc.file {
        return None;
    }
    let file = cx.project.file(value.loc.file)?;
    let yaml = file.yaml.as_ref()?;
    if !yaml.errors.is_empty() {
        return None;
    }
    let text: &str = &file.text;
    let id = value.node?;
    let node = yaml.get_node(id)?;
    let NodeKind::Mapping(entries) = &node.kind else {
        return None;
    };
    // A flow mapping `{…}` is left alone: a new key there changes its layout.
    if text.as_bytes().get(node.span.start()) == Some(&b'{') {
        return None;
    }
    // The mapping must be the value of the service's own key.
    let key = yaml.key_of(id)?;
    if yaml.span(key) != service.key_loc.span {
        return None;
    }
    let first = entries.first()?;
    let first_start = yaml.full_span(first.key).start();
    let first_line = line_start(text, first_start);
    let indent = text.get(first_line..first_start)?;
    if indent.is_empty() || !indent.bytes().all(|b| b == b' ') || first_line <= yaml.span(key).end()
    {
        return None;
    }
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let line = format!("{indent}read_only: true");

    let edit = after_one_line_entry(yaml, text, entries, "image")
        .or_else(|| after_one_line_entry(yaml, text, entries, "build"))
        .map(|offset| match offset {
            Some(offset) => Edit::insert(offset, format!("{line}{nl}")),
            None => Edit::insert(text.len(), format!("{nl}{line}")),
        })
        .unwrap_or_else(|| {
            // As the first key, above any comment lines that describe the first key.
            let mut at = first_line;
            while at > 0 {
                let prev = line_start(text, at - 1);
                if prev <= yaml.span(key).end() {
                    break;
                }
                let content = text.get(prev..at).unwrap_or("").trim();
                if !content.starts_with('#') {
                    break;
                }
                at = prev;
            }
            Edit::insert(at, format!("{line}{nl}"))
        });
    fix_is_valid(text, &edit, &service.name).then_some(edit)
}

/// Whether applying `edit` to `text` gives YAML without errors in which service `name` has
/// `read_only: true` written in its own mapping.
fn fix_is_valid(text: &str, edit: &Edit, name: &str) -> bool {
    if text.len() > MAX_FIX_CHECK_BYTES {
        return false;
    }
    let Some(fixed) = apply(text, edit) else {
        return false;
    };
    let yaml = parse(&fixed);
    if !yaml.errors.is_empty() {
        return false;
    }
    let key_at = edit.span.start() + edit.replacement.find("read_only").unwrap_or(0);
    service_has_read_only_true(&yaml, &fixed, key_at, name)
}

/// Whether the key at `key_at` in `yaml` is `read_only: true` in the mapping of a key `name`
/// under `services`.
fn service_has_read_only_true(yaml: &YamlFile, text: &str, key_at: usize, name: &str) -> bool {
    let Some(key) = yaml.node_at(key_at) else {
        return false;
    };
    if yaml.as_str(key) != Some("read_only") || yaml.span(key).text(text) != "read_only" {
        return false;
    }
    let Some((mapping, entry)) = yaml.entry_of(key) else {
        return false;
    };
    if entry.key != key || yaml.as_bool(entry.value) != Some(true) {
        return false;
    }
    let Some(service_key) = yaml.key_of(mapping) else {
        return false;
    };
    if yaml.as_str(service_key) != Some(name) {
        return false;
    }
    let Some(services) = yaml.node(service_key).parent else {
        return false;
    };
    yaml.key_of(services).and_then(|k| yaml.as_str(k)) == Some("services")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use keelson_syntax::yaml::parse;

    use super::apply;
    use crate::config::Config;
    use crate::diagnostic::{Applicability, Diagnostic};
    use crate::{FileKind, Linter, MemoryFileSource};
    use crate::{LintOptions, LintRequest, SelectionLayer};

    fn lint(src: &str) -> Vec<Diagnostic> {
        Linter::new()
            .lint_str(
                src,
                Path::new("compose.yaml"),
                FileKind::Compose,
                &Config::default(),
            )
            .into_iter()
            .filter(|d| d.code == "K501")
            .collect()
    }

    /// Applies every edit of `d`'s fix (from the end, so offsets stay valid).
    fn fixed(src: &str, d: &Diagnostic) -> String {
        let fix = d.fix.as_ref().expect("a fix");
        let mut edits = fix.edits.clone();
        edits.sort_by_key(|e| std::cmp::Reverse(e.span.start()));
        let mut out = src.to_string();
        for e in &edits {
            out = apply(&out, e).expect("edit in range");
        }
        out
    }

    /// `read_only` of service `name` in `src`, read from a fresh parse that must have no errors.
    fn read_only_of(src: &str, name: &str) -> Option<bool> {
        let yaml = parse(src);
        assert!(yaml.errors.is_empty(), "{:?}\n{src}", yaml.errors);
        let root = yaml.root()?;
        let services = yaml.get(root, "services")?;
        let service = yaml.get(services, name)?;
        let ro = yaml.get(service, "read_only")?;
        yaml.as_bool(ro)
    }

    fn check_safe_fix(src: &str, name: &str) -> String {
        let diags = lint(src);
        let d = diags
            .iter()
            .find(|d| d.message.contains(&format!("`{name}`")))
            .unwrap_or_else(|| panic!("no finding for {name}: {diags:?}"));
        assert_eq!(
            d.fix.as_ref().map(|f| f.applicability),
            Some(Applicability::Safe)
        );
        let out = fixed(src, d);
        assert_eq!(read_only_of(&out, name), Some(true), "{out}");
        assert!(
            lint(&out)
                .iter()
                .all(|d| !d.message.contains(&format!("`{name}`"))),
            "{out}"
        );
        out
    }

    #[test]
    fn inserts_after_the_image_line() {
        let src =
            "services:\n  web:\n    image: nginx:1.27 # pinned\n    ports:\n      - \"80:80\"\n";
        let out = check_safe_fix(src, "web");
        assert_eq!(
            out,
            "services:\n  web:\n    image: nginx:1.27 # pinned\n    read_only: true\n    ports:\n      - \"80:80\"\n"
        );
    }

    #[test]
    fn inserts_after_a_one_line_build() {
        let src = "services:\n   api:\n      build: ./api\n      environment:\n         A: b\n";
        let out = check_safe_fix(src, "api");
        assert!(
            out.contains("      build: ./api\n      read_only: true\n      environment:"),
            "{out}"
        );
    }

    #[test]
    fn inserts_first_key_above_its_comment_when_build_is_a_mapping() {
        let src = "services:\n  api:\n    # how to build\n    build:\n      context: .\n      dockerfile: Dockerfile\n";
        let out = check_safe_fix(src, "api");
        assert_eq!(
            out,
            "services:\n  api:\n    read_only: true\n    # how to build\n    build:\n      context: .\n      dockerfile: Dockerfile\n"
        );
    }

    #[test]
    fn inserts_at_the_end_of_a_file_without_final_newline() {
        let src = "services:\n  web:\n    image: nginx";
        let out = check_safe_fix(src, "web");
        assert_eq!(
            out,
            "services:\n  web:\n    image: nginx\n    read_only: true"
        );
    }

    #[test]
    fn keeps_crlf_line_breaks() {
        let src = "services:\r\n  web:\r\n    image: nginx\r\n    restart: always\r\n";
        let out = check_safe_fix(src, "web");
        assert_eq!(out, "services:\r\n  web:\r\n    image: nginx\r\n    read_only: true\r\n    restart: always\r\n");
    }

    #[test]
    fn inserts_into_a_service_with_an_anchor_and_a_merge_key() {
        let src = "x-base: &base\n  restart: always\nservices:\n  web: &web\n    <<: *base\n    image: nginx\n  worker:\n    <<: *web\n    command: work\n";
        check_safe_fix(src, "web");
        check_safe_fix(src, "worker");
    }

    #[test]
    fn inserts_in_a_document_with_tabs_free_deep_indentation_and_quoted_names() {
        let src = "version: \"3.8\"\nservices:\n        \"my-app\":\n                image: 'acme/app:1'\n";
        check_safe_fix(src, "my-app");
    }

    #[test]
    fn no_safe_fix_for_flow_or_alias_services() {
        let src = "x-svc: &svc\n  image: nginx\nservices:\n  a: {image: nginx}\n  b: *svc\n";
        let diags = lint(src);
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(diags.iter().all(|d| d.fix.is_none()), "{diags:?}");
    }

    #[test]
    fn false_gets_an_unsafe_fix_to_true() {
        for value in ["false", "no", "\"false\"", "'off'", "False", "~"] {
            let src = format!("services:\n  web:\n    image: nginx\n    read_only: {value}\n");
            let diags = lint(&src);
            assert_eq!(diags.len(), 1, "{value}: {diags:?}");
            let d = &diags[0];
            assert_eq!(
                d.fix.as_ref().map(|f| f.applicability),
                Some(Applicability::Unsafe)
            );
            let out = fixed(&src, d);
            assert_eq!(read_only_of(&out, "web"), Some(true), "{out}");
            assert!(lint(&out).is_empty(), "{out}");
        }
    }

    #[test]
    fn empty_value_is_false_and_fixed_after_the_colon() {
        let src =
            "services:\n  web:\n    image: nginx\n    read_only:   # todo\n    restart: always\n";
        let diags = lint(src);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].start.line, 4);
        let out = fixed(src, &diags[0]);
        assert_eq!(read_only_of(&out, "web"), Some(true), "{out}");
    }

    #[test]
    fn interpolated_false_has_no_fix_and_unresolved_is_not_reported() {
        let diags = lint("services:\n  web:\n    image: nginx\n    read_only: ${RO:-false}\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(diags[0].fix.is_none());
        assert!(lint("services:\n  web:\n    image: nginx\n    read_only: ${RO}\n").is_empty());
        assert!(
            lint("services:\n  web:\n    image: nginx\n    read_only: ${RO:-true}\n").is_empty()
        );
    }

    #[test]
    fn help_names_tmpfs_paths_and_existing_mounts() {
        let src = "services:\n  web:\n    image: nginx:1.27-alpine\n    volumes:\n      - cache:/var/cache/nginx\n      - ./site:/usr/share/nginx/html:ro\n";
        let diags = lint(src);
        let help = diags
            .first()
            .and_then(|d| d.help.clone())
            .unwrap_or_default();
        assert!(help.contains("`/tmp`, `/var/run`"), "{help}");
        assert!(!help.contains("`/var/cache/nginx`,"), "{help}");
        assert!(help.contains("`/var/cache/nginx` stays writable"), "{help}");
        assert!(!help.contains("/usr/share/nginx/html"), "{help}");
    }

    #[test]
    fn service_without_image_or_build_is_skipped() {
        assert!(lint("services:\n  broken:\n    restart: always\n").is_empty());
    }

    #[test]
    fn fix_lands_in_the_file_that_defines_the_service() {
        let mut files = MemoryFileSource::new();
        let main = "services:\n  web:\n    image: nginx\n";
        let over = "services:\n  web:\n    restart: always\n";
        files.insert("compose.yaml", main);
        files.insert("compose.override.yaml", over);
        let linter = Linter::new();
        let only = SelectionLayer::from_cli(linter.registry(), &["K501".to_string()], &[], &[])
            .expect("selector");
        let out = linter.lint(&LintRequest {
            path: Path::new("compose.yaml"),
            text: main,
            kind: FileKind::Compose,
            config: &Config::default(),
            extra: Some(&only),
            files: &files,
            options: &LintOptions::default(),
        });
        let d: Vec<_> = out
            .diagnostics
            .iter()
            .filter(|d| d.code == "K501")
            .collect();
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].file.ends_with("compose.yaml"));
        let fixed = fixed(main, d[0]);
        assert_eq!(read_only_of(&fixed, "web"), Some(true));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for src in [
            "services:\n  web:\n    image:\n",
            "services:\n  web:\n    image: [a, b]\n",
            "services:\n  web:\n    read_only: [x]\n    image: a\n",
            "services:\n  - web\n",
            "services:\n  web:\n    image: a\n    read_only: false\n    read_only: true\n",
            "services:\n  web: !reset\n",
            "services:\n  web:\n    ? image\n    : nginx\n",
            "services:\n  web:\n    image: \"a\n",
            "services: {web: {image: a, read_only: no}}\n",
        ] {
            let _ = lint(src);
        }
    }
}
