//! `extends` (`05-services.md#extends`): `extends: base`, `{service: base}` and
//! `{service: base, file: other.yml}` (relative to the extending file), resolved recursively
//! with the compose merge rules; the base comes first and the extending service wins.
//!
//! Like compose-go, `extends` is resolved per file before the file is merged with its override,
//! a file named by `extends.file` is interpolated with the extending project's variables, and
//! the base's own `extends` is resolved first. Cycles, missing services and missing files are
//! issues; the extending service is then kept as written.

use super::issue::{ComposeIssue, IssueKind};
use super::loc::{FileIdx, Loc};
use super::merge::merge;
use super::project::{parent_dir, FileRole, Loader};
use super::service::read_extends;
use super::value::{MapEntry, Value, ValueKind};
use crate::fs::normalize_path;

impl Loader<'_> {
    /// Resolves `extends` in every service of `doc` (a document of `file`).
    pub(crate) fn apply_extends(&mut self, doc: &mut Value, file: FileIdx, env_id: usize) {
        let Some(services) = doc.get("services") else {
            return;
        };
        let Some(entries) = services.as_mapping() else {
            return;
        };
        if !entries.iter().any(|e| e.value.get("extends").is_some()) {
            return;
        }
        let snapshot = services.clone();
        let mut resolved: Vec<(usize, Value)> = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            if e.value.get("extends").is_none() {
                continue;
            }
            let mut chain = vec![(file, e.key.clone())];
            let v = self.extend(e.value.clone(), &e.key, &snapshot, file, env_id, &mut chain);
            resolved.push((i, v));
        }
        let Some(ValueKind::Mapping(entries)) = doc_services_mut(doc) else {
            return;
        };
        for (i, v) in resolved {
            if let Some(e) = entries.get_mut(i) {
                e.value = v;
            }
        }
    }

    /// `svc` (named `name`, in `services` of `file`) with its `extends` applied.
    fn extend(
        &mut self,
        svc: Value,
        name: &str,
        services: &Value,
        file: FileIdx,
        env_id: usize,
        chain: &mut Vec<(FileIdx, String)>,
    ) -> Value {
        let Some(ext_entry) = svc.entry("extends") else {
            return svc;
        };
        let ext_key_loc = ext_entry.key_loc;
        let ext = read_extends(&ext_entry.value);
        let ext_loc = ext.loc;
        let Some(base_name) = ext.service.as_ref().map(|t| t.value.clone()) else {
            self.issues.push(ComposeIssue::new(
                IssueKind::ExtendsInvalid,
                ext_loc,
                format!("service `{name}`: `extends` needs a `service`"),
            ));
            return svc;
        };

        // The file and services the base is looked up in.
        let (base_file, base_services) = match &ext.file {
            Some(f) => {
                let dir = self
                    .files
                    .get(file.index())
                    .map(|sf| parent_dir(&sf.path))
                    .unwrap_or_default();
                let path = normalize_path(&dir.join(&f.value));
                let Some(idx) = self.read_file(&path, FileRole::Extends, f.loc) else {
                    return svc;
                };
                let docs = self.documents(idx, env_id);
                let services = docs
                    .first()
                    .and_then(|d| d.get("services"))
                    .cloned()
                    .unwrap_or_else(|| Value::null(Loc::default()));
                (idx, services)
            }
            None => (file, services.clone()),
        };

        if chain
            .iter()
            .any(|(f, n)| *f == base_file && *n == base_name)
        {
            let path: Vec<&str> = chain.iter().map(|(_, n)| n.as_str()).collect();
            self.issues.push(ComposeIssue::new(
                IssueKind::ExtendsCycle,
                ext_loc,
                format!("`extends` cycle: {} -> {base_name}", path.join(" -> ")),
            ));
            return svc;
        }
        let Some(base_entry) = base_services.entry(&base_name) else {
            let where_ = match &ext.file {
                Some(f) => format!("in `{}`", f.value),
                None => "in this file".to_string(),
            };
            self.issues.push(ComposeIssue::new(
                IssueKind::ExtendsMissingService,
                ext.service.as_ref().map_or(ext_loc, |t| t.loc),
                format!("service `{name}` extends `{base_name}`, which is not defined {where_}"),
            ));
            return svc;
        };
        let base_key_loc = base_entry.key_loc;
        let base_value = match &base_entry.value.kind {
            ValueKind::Mapping(_) => base_entry.value.clone(),
            ValueKind::Null => Value {
                kind: ValueKind::Mapping(Vec::new()),
                ..base_entry.value.clone()
            },
            _ => {
                self.issues.push(ComposeIssue::new(
                    IssueKind::ExtendsInvalid,
                    base_entry.value.loc,
                    format!("service `{base_name}` is not a mapping and cannot be extended"),
                ));
                return svc;
            }
        };
        chain.push((base_file, base_name.clone()));
        let mut base = self.extend(
            base_value,
            &base_name,
            &base_services,
            base_file,
            env_id,
            chain,
        );
        chain.pop();
        self.extends_resolved
            .insert(ext_loc, (base_key_loc, base_file));

        if let ValueKind::Mapping(entries) = &mut base.kind {
            entries.retain(|e| e.key != "extends");
        }
        base.set_via(ext_key_loc);
        let loc = svc.loc;
        let mut path = vec!["services".to_string(), name.to_string()];
        let mut merged = merge(base, svc.clone(), &mut path, &mut self.issues)
            .unwrap_or_else(|| Value::null(loc));
        // The merged service is the extending one: keep its location.
        merged.loc = svc.loc;
        merged.via = svc.via;
        merged.node = svc.node;
        merged
    }
}

fn doc_services_mut(doc: &mut Value) -> Option<&mut ValueKind> {
    let ValueKind::Mapping(entries) = &mut doc.kind else {
        return None;
    };
    entries
        .iter_mut()
        .find(|e: &&mut MapEntry| e.key == "services")
        .map(|e| &mut e.value.kind)
}
