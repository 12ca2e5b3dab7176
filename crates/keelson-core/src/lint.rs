//! The lint pipeline: parse once, build the model once, run every enabled rule, then apply
//! suppressions, severities and positions in one place for every front-end.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use keelson_model::compose::env::Environment;
use keelson_model::compose::{ComposeOptions, ComposeProject, ComposeService};
use keelson_model::dockerfile::{BuildOptions, DockerfileModel};
use keelson_model::fs::{normalize_path, FileSource, NoFiles};
use keelson_syntax::Span;

use crate::config::{Config, RuleSelection, SelectionLayer};
use crate::context::{ComposeContext, DockerfileContext, ServiceBuild};
use crate::diagnostic::{Diagnostic, Related};
use crate::registry::Registry;
use crate::report::{Finding, Reporter};
use crate::rule::FileKind;
use crate::source::{FileId, SourceFile, SourceFiles};
use crate::suppress_targets::{dockerfile_suppressions, unused_suppressions, yaml_suppressions};

/// Inputs that change what a file means, beyond its text.
#[derive(Clone, Debug, Default)]
pub struct LintOptions {
    /// Dockerfile build arguments (`--build-arg NAME=VALUE`).
    pub build_args: BTreeMap<String, String>,
    /// The Dockerfile stage treated as final (`--target`).
    pub target: Option<String>,
    /// Variables for compose interpolation besides the `.env` file (`None`: `.env` only, so
    /// results never depend on the shell that runs keelson).
    pub environment: Option<BTreeMap<String, String>>,
    /// Leave machine fixes out of the diagnostics, and let rules skip the work of building and
    /// checking them. An editor needs fixes only when the user asks for code actions, so the
    /// language server lints without them on every keystroke.
    pub without_fixes: bool,
}

/// One file to lint.
pub struct LintRequest<'a> {
    /// The file's path (used for messages, config overrides and to find files beside it).
    pub path: &'a Path,
    /// The file's text.
    pub text: &'a str,
    /// Dockerfile or compose.
    pub kind: FileKind,
    /// The configuration in force.
    pub config: &'a Config,
    /// Selectors given outside the config file (the command line), applied last.
    pub extra: Option<&'a SelectionLayer>,
    /// Where other files (`.env`, `extends`, the Dockerfiles of services) are read from.
    pub files: &'a dyn FileSource,
    /// Build arguments, target and environment.
    pub options: &'a LintOptions,
}

/// What linting one file produced.
#[derive(Clone, Debug, Default)]
pub struct LintOutput {
    /// Findings, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Every file the run read, for rendering snippets (the linted file is `FileId(0)`).
    pub files: SourceFiles,
}

/// Runs rules over files. Cheap to share across threads.
#[derive(Clone, Debug, Default)]
pub struct Linter {
    registry: Registry,
}

impl Linter {
    /// A linter with the built-in rules.
    pub fn new() -> Self {
        Linter {
            registry: Registry::builtin(),
        }
    }

    /// A linter with a registry of your own (built-in rules plus custom ones, say).
    pub fn with_registry(registry: Registry) -> Self {
        Linter { registry }
    }

    /// The rules this linter runs.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Lints one file.
    pub fn lint(&self, req: &LintRequest<'_>) -> LintOutput {
        let selection = req
            .config
            .selection_for(req.path, &self.registry, req.extra);
        match req.kind {
            FileKind::Dockerfile => self.lint_dockerfile(req, &selection),
            FileKind::Compose => self.lint_compose(req, &selection),
        }
    }

    /// Lints a string as a file at `path` (the name decides the kind; pass `kind` to override)
    /// with no access to other files.
    pub fn lint_str(
        &self,
        text: &str,
        path: &Path,
        kind: FileKind,
        config: &Config,
    ) -> Vec<Diagnostic> {
        self.lint(&LintRequest {
            path,
            text,
            kind,
            config,
            extra: None,
            files: &NoFiles,
            options: &LintOptions::default(),
        })
        .diagnostics
    }

    fn enabled_for(&self, selection: &RuleSelection, kind: FileKind) -> Vec<usize> {
        self.registry
            .iter()
            .enumerate()
            .filter(|(i, r)| selection.is_enabled(*i) && r.meta().applies_to(kind))
            .map(|(i, _)| i)
            .collect()
    }

    fn lint_dockerfile(&self, req: &LintRequest<'_>, selection: &RuleSelection) -> LintOutput {
        let mut files = SourceFiles::new();
        let file = files.add(SourceFile::new(req.path.to_path_buf(), req.text));
        let syntax = keelson_syntax::dockerfile::parse(req.text);
        let model =
            DockerfileModel::build(&syntax, req.text, &build_options(req.options, None, None));
        let cx = DockerfileContext {
            path: req.path,
            source: req.text,
            file,
            syntax: &syntax,
            model: &model,
            config: req.config,
            build_context: crate::context::BuildContext {
                dir: req.path.parent().unwrap_or_else(|| Path::new("")),
                dockerfile: req.path,
                files: req.files,
            },
            run_cache: Default::default(),
            env_cache: Default::default(),
            fixes: !req.options.without_fixes,
            tokens: Default::default(),
        };
        let mut findings = Vec::new();
        for i in self.enabled_for(selection, FileKind::Dockerfile) {
            if let Some(rule) = self.registry.get(i) {
                rule.check_dockerfile(&cx, &mut Reporter::new(i, file, &mut findings));
            }
        }
        let mut suppressions = BTreeMap::new();
        suppressions.insert(
            file,
            dockerfile_suppressions(
                &syntax,
                req.text,
                &self.registry,
                !req.config.ignore_hadolint_comments,
            ),
        );
        self.finish(findings, suppressions, selection, files, req.options)
    }

    fn lint_compose(&self, req: &LintRequest<'_>, selection: &RuleSelection) -> LintOutput {
        let mut environment = Environment::new();
        for (k, v) in req.options.environment.iter().flatten() {
            environment.insert(k.clone(), v.clone());
        }
        let options = ComposeOptions {
            environment,
            ..ComposeOptions::default()
        };
        let project = ComposeProject::load(req.path, req.text, req.files, &options);
        let mut files = SourceFiles::new();
        for f in &project.files {
            files.add(SourceFile::new(f.path.clone(), f.text.clone()));
        }
        let builds = service_builds(&project, req, &mut files);
        let cx = ComposeContext {
            path: req.path,
            project: &project,
            builds: &builds,
            files: &files,
            config: req.config,
            file_source: req.files,
            fixes: !req.options.without_fixes,
            tokens: Default::default(),
        };
        let mut findings = Vec::new();
        for i in self.enabled_for(selection, FileKind::Compose) {
            if let Some(rule) = self.registry.get(i) {
                rule.check_compose(&cx, &mut Reporter::new(i, FileId(0), &mut findings));
            }
        }
        let mut suppressions = BTreeMap::new();
        for (i, f) in project.files.iter().enumerate() {
            if let Some(tree) = &f.yaml {
                if f.text.contains("keelson-ignore") {
                    suppressions.insert(
                        FileId(i as u32),
                        yaml_suppressions(tree, &f.text, &self.registry),
                    );
                }
            }
        }
        for b in &builds {
            if let Some(f) = files.get(b.file) {
                suppressions.entry(b.file).or_insert_with(|| {
                    dockerfile_suppressions(
                        &b.syntax,
                        &f.text,
                        &self.registry,
                        !req.config.ignore_hadolint_comments,
                    )
                });
            }
        }
        self.finish(findings, suppressions, selection, files, req.options)
    }

    /// Applies suppressions, reports unused ones, resolves severities and positions.
    fn finish(
        &self,
        findings: Vec<Finding>,
        mut suppressions: BTreeMap<FileId, Vec<crate::suppress::Suppression>>,
        selection: &RuleSelection,
        files: SourceFiles,
        options: &LintOptions,
    ) -> LintOutput {
        let mut used: BTreeMap<(FileId, usize), Vec<bool>> = BTreeMap::new();
        let mut kept = Vec::with_capacity(findings.len());
        for f in findings {
            let mut suppressed = false;
            if let Some(list) = suppressions.get(&f.file) {
                for (si, s) in list.iter().enumerate() {
                    if s.covers(f.rule, f.span.start()) {
                        suppressed = true;
                        let flags = used
                            .entry((f.file, si))
                            .or_insert_with(|| vec![false; s.rules.len().max(1)]);
                        match s.rules.iter().position(|r| r.rule == Some(f.rule)) {
                            Some(ri) => flags[ri] = true,
                            None => flags[0] = true,
                        }
                    }
                }
            }
            if !suppressed {
                kept.push(f);
            }
        }
        if options.without_fixes {
            for f in &mut kept {
                f.fix = None;
            }
        }
        if let Some(unused_rule) = self.registry.find("unused-suppression") {
            if selection.is_enabled(unused_rule) {
                for (file, list) in suppressions.iter_mut() {
                    kept.extend(unused_suppressions(
                        *file,
                        list,
                        &used,
                        unused_rule,
                        selection,
                        &self.registry,
                    ));
                }
            }
        }
        let mut diagnostics: Vec<Diagnostic> = kept
            .into_iter()
            .filter_map(|f| self.to_diagnostic(f, selection, &files))
            .collect();
        diagnostics.sort_by(|a, b| {
            (a.file.as_path(), a.span.start, a.code, a.span.end).cmp(&(
                b.file.as_path(),
                b.span.start,
                b.code,
                b.span.end,
            ))
        });
        diagnostics.dedup();
        LintOutput { diagnostics, files }
    }

    fn to_diagnostic(
        &self,
        f: Finding,
        selection: &RuleSelection,
        files: &SourceFiles,
    ) -> Option<Diagnostic> {
        let rule = self.registry.get(f.rule)?;
        let meta = rule.meta();
        let file = files.get(f.file)?;
        let span = clamp(f.span, &file.text);
        let (start, end) = file.positions(span);
        let severity = match f.severity {
            Some(s) if !selection.severity_is_configured(f.rule) => s,
            _ => selection.severity(f.rule),
        };
        let fix = f.fix.map(|mut fix| {
            for e in &mut fix.edits {
                e.span = clamp(e.span, &file.text);
                let (s, t) = file.positions(e.span);
                e.start = s;
                e.end = t;
            }
            fix
        });
        let related = f
            .related
            .into_iter()
            .filter_map(|(id, span, message)| {
                let rf = files.get(id)?;
                let span = clamp(span, &rf.text);
                let (start, end) = rf.positions(span);
                Some(Related {
                    file: rf.path.clone(),
                    span,
                    start,
                    end,
                    message,
                })
            })
            .collect();
        Some(Diagnostic {
            code: meta.code,
            name: meta.name,
            category: meta.category,
            severity,
            file: file.path.clone(),
            span,
            start,
            end,
            message: f.message,
            help: f.help,
            fix,
            related,
        })
    }
}

/// Keeps a rule's span inside the text and on character boundaries.
fn clamp(span: Span, text: &str) -> Span {
    let start = keelson_syntax::span::floor_char_boundary(text, span.start());
    let end = keelson_syntax::span::floor_char_boundary(text, span.end().max(start));
    Span::new(start, end)
}

fn build_options(
    options: &LintOptions,
    args: Option<&BTreeMap<String, String>>,
    target: Option<&str>,
) -> BuildOptions {
    let mut build_args = options.build_args.clone();
    if let Some(args) = args {
        for (k, v) in args {
            build_args.insert(k.clone(), v.clone());
        }
    }
    BuildOptions {
        build_args,
        target: target
            .map(str::to_string)
            .or_else(|| options.target.clone()),
    }
}

/// Reads, parses and models the Dockerfile of every service that has a `build` section.
fn service_builds(
    project: &ComposeProject,
    req: &LintRequest<'_>,
    files: &mut SourceFiles,
) -> Vec<ServiceBuild> {
    let mut builds = Vec::new();
    for (index, service) in project.services.iter().enumerate() {
        let Some((path, context_dir)) = dockerfile_path(project, service) else {
            continue;
        };
        let Ok(text) = req.files.read_to_string(&path) else {
            continue;
        };
        let syntax = keelson_syntax::dockerfile::parse(&text);
        let args = build_args(service);
        let target = service
            .build
            .as_ref()
            .and_then(|b| b.target.as_ref())
            .filter(|t| t.is_determined())
            .map(|t| t.value.as_str());
        let model = DockerfileModel::build(
            &syntax,
            &text,
            &build_options(req.options, Some(&args), target),
        );
        let file = files.add(SourceFile::new(PathBuf::from(&path), text));
        builds.push(ServiceBuild {
            service: index,
            file,
            syntax,
            model,
            path,
            context_dir,
        });
    }
    builds
}

/// Where the Dockerfile of a service with a `build` section is: `build.dockerfile` (default
/// `Dockerfile`) inside `build.context`, relative to the directory of the file that wrote it.
/// Also returns the context directory. `None` for remote contexts, inline Dockerfiles and
/// values that depend on unset variables.
fn dockerfile_path(
    project: &ComposeProject,
    service: &ComposeService,
) -> Option<(PathBuf, PathBuf)> {
    let build = service.build.as_ref()?;
    if build.dockerfile_inline.is_some() {
        return None;
    }
    let base_dir = project
        .file(build.loc.file)
        .and_then(|f| f.path.parent().map(Path::to_path_buf))
        .unwrap_or_default();
    let context = match &build.context {
        Some(c) if !c.is_determined() => return None,
        Some(c) => c.value.clone(),
        None => ".".to_string(),
    };
    if context.contains("://") || context.starts_with("git@") || context.ends_with(".git") {
        return None;
    }
    let context_dir = base_dir.join(&context);
    let dockerfile = match &build.dockerfile {
        Some(d) if !d.is_determined() => return None,
        Some(d) => d.value.clone(),
        None => "Dockerfile".to_string(),
    };
    Some((
        normalize_path(&context_dir.join(dockerfile)),
        normalize_path(&context_dir),
    ))
}

/// The service's `build.args` with values (an arg without a value is taken from the
/// environment by Compose; keelson leaves it to the Dockerfile's default).
fn build_args(service: &ComposeService) -> BTreeMap<String, String> {
    service
        .build
        .iter()
        .flat_map(|b| b.args.iter())
        .filter_map(|kv| {
            let v = kv.value.as_ref()?;
            v.is_determined().then(|| (kv.key.clone(), v.value.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::lint;

    #[test]
    fn without_fixes_keeps_every_finding_and_drops_only_the_fixes() {
        let cases = [
            (
                "compose.yaml",
                "services:\n  web:\n    image: nginx:1.27\n    read_only: true\n",
            ),
            ("Dockerfile", "FROM alpine:3.20\nUSER app\nCMD ['a', 'b']\n"),
        ];
        for (path, text) in cases {
            let with = lint(path, text, &LintOptions::default());
            let without = lint(
                path,
                text,
                &LintOptions {
                    without_fixes: true,
                    ..LintOptions::default()
                },
            );
            assert!(
                with.iter().any(|d| d.fix.is_some()),
                "{path}: no fix at all"
            );
            assert!(without.iter().all(|d| d.fix.is_none()), "{path}");
            let strip = |d: &Diagnostic| Diagnostic {
                fix: None,
                ..d.clone()
            };
            assert_eq!(
                with.iter().map(strip).collect::<Vec<_>>(),
                without,
                "{path}"
            );
        }
    }
}
