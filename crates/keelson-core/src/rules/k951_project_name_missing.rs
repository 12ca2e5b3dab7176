//! K951 project-name-missing: a compose file has no top-level `name:`, so the project name
//! (and every container, network and volume name derived from it) depends on the directory the
//! file is in. Off by default. See `rules/K951-project-name-missing/README.md`.

use keelson_model::compose::{FileIdx, FileRole, Loc};

use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: false,
    file_kinds: COMPOSE,
    peers: &[peer("dclint", "require-project-name-field")],
    fixable: false,
};

pub(crate) struct ProjectNameMissing;
pub(crate) static RULE: ProjectNameMissing = ProjectNameMissing;

impl Check for ProjectNameMissing {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        if cx.project.services.is_empty() || cx.project.root.get("name").is_some() {
            return;
        }
        let Some((index, file)) = cx
            .project
            .files
            .iter()
            .enumerate()
            .find(|(_, f)| f.role == FileRole::Compose)
        else {
            return;
        };
        // An override file is merged into a file that carries the name.
        let file_name = file
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if file_name.contains(".override.") {
            return;
        }
        let Some(yaml) = file.yaml.as_ref() else {
            return;
        };
        let Some(entries) = yaml.root().and_then(|r| yaml.as_mapping(r)) else {
            return;
        };
        let Some(entry) = entries
            .iter()
            .find(|e| yaml.as_str(e.key) == Some("services"))
            .or_else(|| entries.first())
        else {
            return;
        };
        let Ok(idx) = u32::try_from(index) else {
            return;
        };
        let (fid, span) = cx.at(Loc::new(FileIdx(idx), yaml.span(entry.key)));
        let finding = out.report_in(
            fid,
            span,
            "the file sets no top-level `name:`, so the project is named after the directory it \
             is in: containers, networks and volumes get different names in another checkout \
             or directory, and two checkouts with the same directory name share (and \
             overwrite) each other's containers and volumes",
        );
        finding.help("add a top-level `name:` with the project's name (`name: shop`)");
    }
}
