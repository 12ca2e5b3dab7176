//! [`ComposeProject::load`]: reads a compose file with everything Compose would merge into it
//! (override file, `.env`, `extends`, `include`) and builds the service model.
//!
//! The order follows compose-go's loader: for each file (the compose file, then its override),
//! and each YAML document in it: anchors are resolved and values interpolated with the project's
//! variables, `include`d projects are loaded and their resources added, `extends` is resolved,
//! and the result is merged onto the files before it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;

use keelson_syntax::yaml::{parse, Budget, YamlFile};
use keelson_syntax::{LineCol, LineIndex, Span};

use crate::fs::FileSource;

use super::dotenv::parse_dotenv;
use super::env::{Environment, ProjectEnv};
use super::issue::{ComposeIssue, IssueKind};
use super::loc::{FileIdx, Loc};
use super::merge::merge;
use super::names::override_candidates;
use super::resolve::{yaml_issues, Limits, Resolver};
use super::service::{read_extends, read_service, ComposeService};
use super::text::Text;
use super::value::{Value, ValueKind};
use crate::fs::normalize_path;

/// How to load a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComposeOptions {
    /// Variables visible to interpolation besides the `.env` file (they win over it, as the
    /// shell environment does in Compose). Empty by default: the process environment is never
    /// read by the model.
    pub environment: Environment,
    /// Read the `.env` file beside the compose file (default `true`).
    pub load_dotenv: bool,
    /// Merge the `*.override.y(a)ml` file beside a default-named compose file (default `true`).
    pub load_override: bool,
    /// Resolve `extends`, reading other files when `extends.file` says so (default `true`).
    pub follow_extends: bool,
    /// Load `include`d projects (default `true`).
    pub follow_includes: bool,
    /// How many nodes alias and merge-key expansion may build per file (default
    /// [`Budget::DEFAULT_LIMIT`]).
    pub max_alias_nodes: usize,
}

impl Default for ComposeOptions {
    fn default() -> Self {
        ComposeOptions {
            environment: Environment::new(),
            load_dotenv: true,
            load_override: true,
            follow_extends: true,
            follow_includes: true,
            max_alias_nodes: Budget::DEFAULT_LIMIT,
        }
    }
}

/// Why a file was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileRole {
    /// The compose file being loaded.
    Compose,
    /// Its override file.
    Override,
    /// A file named by `extends.file`.
    Extends,
    /// A file named by `include`.
    Include,
    /// A `.env` file (or an `include.env_file`).
    EnvFile,
}

/// A file the project read.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path (as given, or joined onto the directory of the file that named it).
    pub path: PathBuf,
    /// The text.
    pub text: Arc<str>,
    /// Line starts of `text`.
    pub line_index: LineIndex,
    /// Why it was read (the first reason, if several).
    pub role: FileRole,
    /// The YAML tree, for compose files (`None` for `.env` files).
    pub yaml: Option<YamlFile>,
}

impl SourceFile {
    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: usize) -> LineCol {
        self.line_index.line_col(&self.text, offset)
    }
}

/// A loaded compose project: every file read, the merged services, and the problems found.
#[derive(Clone, Debug)]
pub struct ComposeProject {
    /// Every file read, the compose file first; [`Loc::file`] indexes this.
    pub files: Vec<SourceFile>,
    /// The compose files merged into the project model, in merge order (the compose file, then
    /// its override file if one was found).
    pub merged_files: Vec<FileIdx>,
    /// Files read for `include`, in the order they were loaded.
    pub included_files: Vec<FileIdx>,
    /// The merged top-level mapping (with included resources added, merge tags applied).
    pub root: Value,
    /// The services, in file order (override-only services, then included ones, after).
    pub services: Vec<ComposeService>,
    /// Problems found while loading.
    pub issues: Vec<ComposeIssue>,
    /// The variables the compose file was interpolated with (`.env` and the explicit
    /// environment).
    pub env: ProjectEnv,
}

impl ComposeProject {
    /// Loads the compose file at `path` whose text is `source`. Other files (`.env`, the
    /// override file, `extends.file`, `include`) are read through `files`. Never fails and
    /// never panics: problems become [`issues`](Self::issues) and the rest is still built.
    pub fn load(
        path: &Path,
        source: &str,
        files: &dyn FileSource,
        options: &ComposeOptions,
    ) -> ComposeProject {
        let mut loader = Loader::new(files, options);
        let main = loader.add_file(path, Arc::from(source), FileRole::Compose);
        let mut layers = vec![main];
        if options.load_override {
            for candidate in override_candidates(path) {
                if let Ok(text) = files.read_to_string(&candidate) {
                    layers.push(loader.add_file(&candidate, text, FileRole::Override));
                    break;
                }
            }
        }
        let dir = parent_dir(path);
        let env = loader.dotenv_env(&dir, None);
        let env_id = loader.add_env(env);
        let mut stack = Vec::new();
        let root = loader.load_layers(&layers, env_id, &mut stack);
        let services = loader.read_services(&root);
        let env = loader
            .envs
            .first()
            .map(|e| (**e).clone())
            .unwrap_or_default();
        ComposeProject {
            files: loader.files,
            merged_files: layers,
            included_files: loader.included,
            root,
            services,
            issues: loader.issues,
            env,
        }
    }

    /// The service `name`.
    pub fn service(&self, name: &str) -> Option<&ComposeService> {
        self.services.iter().find(|s| s.name == name)
    }

    /// The file `idx`.
    pub fn file(&self, idx: FileIdx) -> Option<&SourceFile> {
        self.files.get(idx.index())
    }

    /// The text at `loc`.
    pub fn text(&self, loc: Loc) -> &str {
        self.file(loc.file).map_or("", |f| loc.span.text(&f.text))
    }

    /// 1-based line and column where `loc` starts.
    pub fn line_col(&self, loc: Loc) -> Option<LineCol> {
        self.file(loc.file).map(|f| f.line_col(loc.span.start()))
    }

    /// A top-level section of the merged model (`networks`, `volumes`, `secrets`, `configs`,
    /// `name`, `x-…`).
    pub fn top_level(&self, key: &str) -> Option<&Value> {
        self.root.get(key)
    }

    /// The project `name`, if set.
    pub fn name(&self) -> Option<Text> {
        self.root.get("name").and_then(Text::from_value)
    }
}

/// The directory of `path` (empty for a bare file name).
pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Loading state shared by the main project, its includes and `extends` files.
pub(crate) struct Loader<'a> {
    pub(crate) fs: &'a dyn FileSource,
    pub(crate) options: &'a ComposeOptions,
    pub(crate) files: Vec<SourceFile>,
    pub(crate) issues: Vec<ComposeIssue>,
    pub(crate) envs: Vec<Rc<ProjectEnv>>,
    pub(crate) included: Vec<FileIdx>,
    by_path: HashMap<PathBuf, FileIdx>,
    docs: HashMap<(FileIdx, usize), Rc<Vec<Value>>>,
    /// For each `extends` value (by location): the base service key and its file.
    pub(crate) extends_resolved: HashMap<Loc, (Loc, FileIdx)>,
}

impl<'a> Loader<'a> {
    fn new(fs: &'a dyn FileSource, options: &'a ComposeOptions) -> Self {
        Loader {
            fs,
            options,
            files: Vec::new(),
            issues: Vec::new(),
            envs: Vec::new(),
            included: Vec::new(),
            by_path: HashMap::new(),
            docs: HashMap::new(),
            extends_resolved: HashMap::new(),
        }
    }

    pub(crate) fn add_env(&mut self, env: ProjectEnv) -> usize {
        self.envs.push(Rc::new(env));
        self.envs.len() - 1
    }

    pub(crate) fn env(&self, id: usize) -> Rc<ProjectEnv> {
        self.envs.get(id).cloned().unwrap_or_default()
    }

    /// Registers a file (once per normalised path). Compose files are parsed and their YAML
    /// problems recorded.
    pub(crate) fn add_file(&mut self, path: &Path, text: Arc<str>, role: FileRole) -> FileIdx {
        let key = normalize_path(path);
        if let Some(&idx) = self.by_path.get(&key) {
            return idx;
        }
        let idx = FileIdx(self.files.len() as u32);
        let yaml = (role != FileRole::EnvFile).then(|| parse(&text));
        if let Some(y) = &yaml {
            yaml_issues(y, idx, &mut self.issues);
            if let Some(second) = y.documents.get(1) {
                self.issues.push(ComposeIssue::new(
                    IssueKind::MultipleDocuments,
                    Loc::new(idx, Span::empty(second.span.start())),
                    format!(
                        "the file has {} YAML documents; Compose merges them in order",
                        y.documents.len()
                    ),
                ));
            }
        }
        self.files.push(SourceFile {
            path: path.to_path_buf(),
            line_index: LineIndex::new(&text),
            text,
            role,
            yaml,
        });
        self.by_path.insert(key, idx);
        idx
    }

    /// Reads and registers `path`; a missing file is an issue at `at`.
    pub(crate) fn read_file(&mut self, path: &Path, role: FileRole, at: Loc) -> Option<FileIdx> {
        if let Some(&idx) = self.by_path.get(&normalize_path(path)) {
            return Some(idx);
        }
        match self.fs.read_to_string(path) {
            Ok(text) => Some(self.add_file(path, text, role)),
            Err(err) => {
                self.issues.push(ComposeIssue::new(
                    IssueKind::MissingFile,
                    at,
                    format!("cannot read `{}`: {err}", path.display()),
                ));
                None
            }
        }
    }

    /// The variables of `.env` in `dir` (or of the given env files), with the explicit
    /// environment on top.
    pub(crate) fn dotenv_env(
        &mut self,
        dir: &Path,
        env_files: Option<Vec<(PathBuf, Loc)>>,
    ) -> ProjectEnv {
        let mut env = ProjectEnv::new();
        let explicit = self.options.environment.clone();
        let candidates: Vec<(PathBuf, Option<Loc>)> = match env_files {
            Some(list) => list.into_iter().map(|(p, l)| (p, Some(l))).collect(),
            None if self.options.load_dotenv => vec![(dir.join(".env"), None)],
            None => Vec::new(),
        };
        for (path, at) in candidates {
            let idx = match at {
                Some(at) => self.read_file(&path, FileRole::EnvFile, at),
                None => match self.fs.read_to_string(&path) {
                    Ok(text) => Some(self.add_file(&path, text, FileRole::EnvFile)),
                    Err(_) => None,
                },
            };
            let Some(idx) = idx else { continue };
            let text = match self.files.get(idx.index()) {
                Some(f) => f.text.clone(),
                None => continue,
            };
            let parsed = parse_dotenv(&text, idx, &explicit);
            for err in &parsed.errors {
                self.issues.push(ComposeIssue::new(
                    IssueKind::DotEnv,
                    Loc::new(idx, err.span),
                    err.message.clone(),
                ));
            }
            env.overlay(&parsed.to_project_env(idx));
        }
        env.overlay_environment(&explicit);
        env
    }

    /// The documents of compose file `file`, resolved and interpolated with env `env_id`.
    pub(crate) fn documents(&mut self, file: FileIdx, env_id: usize) -> Rc<Vec<Value>> {
        if let Some(docs) = self.docs.get(&(file, env_id)) {
            return docs.clone();
        }
        let env = self.env(env_id);
        let limits = Limits {
            nodes: self.options.max_alias_nodes,
            ..Limits::default()
        };
        let mut out = Vec::new();
        let mut issues = Vec::new();
        if let Some(f) = self.files.get(file.index()) {
            if let Some(yaml) = &f.yaml {
                for doc in &yaml.documents {
                    let mut r = Resolver::new(yaml, &f.text, file, env.as_ref(), limits);
                    out.push(r.build(doc.root));
                    issues.append(&mut r.issues);
                }
            }
        }
        self.issues.append(&mut issues);
        let docs = Rc::new(out);
        self.docs.insert((file, env_id), docs.clone());
        docs
    }

    /// Loads `layers` (a compose file and its overrides) as one project and returns the merged
    /// top-level mapping. `stack` holds the files being loaded (for include cycles).
    pub(crate) fn load_layers(
        &mut self,
        layers: &[FileIdx],
        env_id: usize,
        stack: &mut Vec<FileIdx>,
    ) -> Value {
        let mut acc: Option<Value> = None;
        for &file in layers {
            stack.push(file);
            let docs = self.documents(file, env_id);
            for doc in docs.iter() {
                let mut doc = doc.clone();
                match &doc.kind {
                    ValueKind::Mapping(_) => {}
                    ValueKind::Null => continue,
                    _ => {
                        self.issues.push(ComposeIssue::new(
                            IssueKind::NotAComposeFile,
                            doc.loc,
                            format!("the top level must be a mapping, not {}", doc.type_name()),
                        ));
                        continue;
                    }
                }
                self.check_sections(&doc);
                if self.options.follow_includes {
                    self.apply_includes(&mut doc, file, env_id, stack);
                }
                if self.options.follow_extends {
                    self.apply_extends(&mut doc, file, env_id);
                }
                acc = Some(match acc.take() {
                    None => doc,
                    Some(base) => {
                        let loc = base.loc;
                        merge(base, doc, &mut Vec::new(), &mut self.issues)
                            .unwrap_or_else(|| Value::null(loc))
                    }
                });
            }
            stack.pop();
        }
        let loc = layers
            .first()
            .map(|f| Loc::new(*f, Span::empty(0)))
            .unwrap_or_default();
        let mut root = acc.unwrap_or(Value {
            kind: ValueKind::Mapping(Vec::new()),
            loc,
            via: None,
            node: None,
            tag: None,
        });
        root.strip_merge_tags();
        root
    }

    /// Type checks of the top-level sections.
    fn check_sections(&mut self, doc: &Value) {
        for key in ["services", "networks", "volumes", "secrets", "configs"] {
            if let Some(v) = doc.get(key) {
                if !matches!(v.kind, ValueKind::Mapping(_) | ValueKind::Null) {
                    self.issues.push(ComposeIssue::new(
                        IssueKind::WrongType,
                        v.loc,
                        format!("`{key}` must be a mapping, not {}", v.type_name()),
                    ));
                }
            }
        }
    }

    /// The typed services of a merged root.
    fn read_services(&mut self, root: &Value) -> Vec<ComposeService> {
        let Some(entries) = root.get("services").and_then(Value::as_mapping) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(entries.len());
        for e in entries {
            let value = match &e.value.kind {
                ValueKind::Mapping(_) => e.value.clone(),
                ValueKind::Null => Value {
                    kind: ValueKind::Mapping(Vec::new()),
                    ..e.value.clone()
                },
                _ => {
                    self.issues.push(ComposeIssue::new(
                        IssueKind::WrongType,
                        e.value.loc,
                        format!(
                            "service `{}` must be a mapping, not {}",
                            e.key,
                            e.value.type_name()
                        ),
                    ));
                    continue;
                }
            };
            let extends = value.get("extends").map(|v| {
                let mut r = read_extends(v);
                if let Some((key_loc, file)) = self.extends_resolved.get(&v.loc) {
                    r.base_key_loc = Some(*key_loc);
                    r.base_file = Some(*file);
                }
                r
            });
            out.push(read_service(
                &e.key,
                e.key_loc,
                value,
                extends,
                &mut self.issues,
            ));
        }
        out
    }
}
