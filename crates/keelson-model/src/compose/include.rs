//! Top-level `include` (`14-include.md`): short syntax (a list of paths) and long syntax
//! (`path` as a string or list, `project_directory`, `env_file` as a string or list).
//!
//! Each entry is loaded as a project of its own: paths relative to the including file, its own
//! `.env` (from `project_directory`, by default the included file's directory, or the given
//! `env_file`s) overridden by the including project's variables, its own `include`s and
//! `extends`. Its services, networks, volumes, secrets and configs are then added to the
//! including document; a name both define is an issue and the including definition is kept.

use std::path::PathBuf;

use super::issue::{ComposeIssue, IssueKind};
use super::loc::{FileIdx, Loc};
use super::project::{parent_dir, FileRole, Loader};
use super::text::Text;
use super::value::{MapEntry, Value, ValueKind};
use crate::fs::normalize_path;

/// One `include` entry.
struct IncludeSpec {
    paths: Vec<Text>,
    project_directory: Option<Text>,
    env_files: Vec<Text>,
    loc: Loc,
}

const SECTIONS: [&str; 5] = ["services", "networks", "volumes", "secrets", "configs"];

impl Loader<'_> {
    /// Loads the `include`s of `doc` (a document of `file`) and adds their resources to it.
    pub(crate) fn apply_includes(
        &mut self,
        doc: &mut Value,
        file: FileIdx,
        env_id: usize,
        stack: &mut Vec<FileIdx>,
    ) {
        let Some(include) = doc.get("include") else {
            return;
        };
        let specs = self.include_specs(include);
        let dir = self
            .files
            .get(file.index())
            .map(|f| parent_dir(&f.path))
            .unwrap_or_default();
        for spec in specs {
            let mut layers = Vec::new();
            for p in &spec.paths {
                let path = normalize_path(&dir.join(&p.value));
                if let Some(idx) = self.read_file(&path, FileRole::Include, p.loc) {
                    layers.push((idx, p.loc, path));
                }
            }
            if layers.len() != spec.paths.len() || layers.is_empty() {
                continue;
            }
            if let Some((idx, at, path)) = layers.iter().find(|(idx, _, _)| stack.contains(idx)) {
                let _ = idx;
                self.issues.push(ComposeIssue::new(
                    IssueKind::IncludeCycle,
                    *at,
                    format!(
                        "`{}` is already being loaded: include cycle",
                        path.display()
                    ),
                ));
                continue;
            }
            let project_dir = match &spec.project_directory {
                Some(d) => normalize_path(&dir.join(&d.value)),
                None => layers
                    .first()
                    .map(|(_, _, p)| parent_dir(p))
                    .unwrap_or_default(),
            };
            let env_files: Option<Vec<(PathBuf, Loc)>> = (!spec.env_files.is_empty()).then(|| {
                spec.env_files
                    .iter()
                    .map(|t| (normalize_path(&dir.join(&t.value)), t.loc))
                    .collect()
            });
            let mut env = self.dotenv_env(&project_dir, env_files);
            // The including project's variables win over the included project's `.env`.
            env.overlay(&self.env(env_id));
            let child_env = self.add_env(env);
            let idxs: Vec<FileIdx> = layers.iter().map(|(i, _, _)| *i).collect();
            for &i in &idxs {
                if !self.included.contains(&i) {
                    self.included.push(i);
                }
            }
            let included = self.load_layers(&idxs, child_env, stack);
            self.add_included(doc, &included, spec.loc);
        }
    }

    fn include_specs(&mut self, include: &Value) -> Vec<IncludeSpec> {
        let items: Vec<&Value> = match &include.kind {
            ValueKind::Sequence(items) => items.iter().collect(),
            ValueKind::Null => Vec::new(),
            _ => {
                self.issues.push(ComposeIssue::new(
                    IssueKind::IncludeInvalid,
                    include.loc,
                    format!("`include` must be a list, not {}", include.type_name()),
                ));
                Vec::new()
            }
        };
        let mut out = Vec::new();
        for item in items {
            match &item.kind {
                ValueKind::Scalar(_) => out.extend(Text::from_value(item).map(|t| IncludeSpec {
                    paths: vec![t],
                    project_directory: None,
                    env_files: Vec::new(),
                    loc: item.loc,
                })),
                ValueKind::Mapping(_) => {
                    let paths = strings(item.get("path"));
                    if paths.is_empty() {
                        self.issues.push(ComposeIssue::new(
                            IssueKind::IncludeInvalid,
                            item.loc,
                            "an `include` entry needs a `path`",
                        ));
                        continue;
                    }
                    out.push(IncludeSpec {
                        paths,
                        project_directory: item.get("project_directory").and_then(Text::from_value),
                        env_files: strings(item.get("env_file")),
                        loc: item.loc,
                    });
                }
                ValueKind::Null => {}
                ValueKind::Sequence(_) => self.issues.push(ComposeIssue::new(
                    IssueKind::IncludeInvalid,
                    item.loc,
                    "an `include` entry must be a path or a mapping",
                )),
            }
        }
        out
    }

    /// Adds the resources of an included project to `doc`.
    fn add_included(&mut self, doc: &mut Value, included: &Value, at: Loc) {
        let ValueKind::Mapping(doc_entries) = &mut doc.kind else {
            return;
        };
        for section in SECTIONS {
            let Some(inc) = included.get(section).and_then(Value::as_mapping) else {
                continue;
            };
            if inc.is_empty() {
                continue;
            }
            let pos = match doc_entries.iter().position(|e| e.key == section) {
                Some(p) => p,
                None => {
                    doc_entries.push(MapEntry {
                        key: section.to_string(),
                        key_loc: at,
                        key_node: None,
                        value: Value {
                            kind: ValueKind::Mapping(Vec::new()),
                            loc: at,
                            via: None,
                            node: None,
                            tag: None,
                        },
                    });
                    doc_entries.len() - 1
                }
            };
            let Some(target) = doc_entries.get_mut(pos) else {
                continue;
            };
            if target.value.is_null() {
                target.value.kind = ValueKind::Mapping(Vec::new());
            }
            let ValueKind::Mapping(existing) = &mut target.value.kind else {
                continue;
            };
            for e in inc {
                if let Some(mine) = existing.iter().find(|m| m.key == e.key) {
                    self.issues.push(
                        ComposeIssue::new(
                            IssueKind::IncludeConflict,
                            mine.key_loc,
                            format!(
                                "{section} `{}` is also defined by an included project; Compose rejects the conflict",
                                e.key
                            ),
                        )
                        .with_related(e.key_loc),
                    );
                } else {
                    existing.push(e.clone());
                }
            }
        }
    }
}

/// A string or a list of strings.
fn strings(v: Option<&Value>) -> Vec<Text> {
    match v {
        Some(v) => match &v.kind {
            ValueKind::Scalar(_) => Text::from_value(v).into_iter().collect(),
            ValueKind::Sequence(items) => items.iter().filter_map(Text::from_value).collect(),
            _ => Vec::new(),
        },
        None => Vec::new(),
    }
}
