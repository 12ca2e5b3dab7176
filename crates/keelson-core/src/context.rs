//! What a rule sees: the parsed file, its model and the options, for one lint run.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use keelson_model::compose::{ComposeProject, Loc};
use keelson_model::dockerfile::DockerfileModel;
use keelson_model::fs::FileSource;
use keelson_syntax::dockerfile::Dockerfile;
use keelson_syntax::Span;

use crate::config::Config;
use crate::memo::IndexMemo;
use crate::secrets::{self, SecretMatch};
use crate::source::{FileId, SourceFiles};

/// A Dockerfile under analysis.
pub struct DockerfileContext<'a> {
    /// The path of the Dockerfile (a hint only when linting a string).
    pub path: &'a Path,
    /// Its full text.
    pub source: &'a str,
    /// Its id in [`DockerfileContext::files`].
    pub file: FileId,
    /// The syntax tree.
    pub syntax: &'a Dockerfile,
    /// The semantic model (stages, scopes, users, images).
    pub model: &'a DockerfileModel,
    /// The configuration in force for this file.
    pub config: &'a Config,
    /// The build context (for a lone Dockerfile, its directory) and read access to it.
    pub build_context: BuildContext<'a>,
    /// The commands of each `RUN`, lexed once and shared by the rules.
    pub(crate) run_cache: crate::commands::RunCache<'a>,
    /// The variables the file sets, read once and shared by the rules.
    pub(crate) env_cache: crate::commands::EnvCache,
    /// Whether findings should carry machine fixes (see [`crate::LintOptions::without_fixes`]).
    pub(crate) fixes: bool,
    /// The secret-token scan of the file, shared by the secret rules.
    pub(crate) tokens: TokenCache,
}

/// Secret-token scans ([`secrets::scan_text`]) of a lint's files by file index, each done once
/// and shared by the rules that need them (K101, K102 and K103 all read the whole file's tokens).
#[derive(Default)]
pub(crate) struct TokenCache(IndexMemo<[SecretMatch]>);

impl TokenCache {
    /// The tokens of file `index`, whose text is `text`.
    fn get(&self, index: usize, text: &str) -> Rc<[SecretMatch]> {
        self.0
            .get_or_compute(index, || secrets::scan_text(text).into())
    }
}

/// Where a Dockerfile's build context is, and how to read files in it.
#[derive(Clone, Copy)]
pub struct BuildContext<'a> {
    /// The context directory (as given: it may be relative to the working directory).
    pub dir: &'a Path,
    /// The Dockerfile's path.
    pub dockerfile: &'a Path,
    /// Reads files; [`keelson_model::fs::NoFiles`] when a string is linted without files.
    pub files: &'a dyn FileSource,
}

impl DockerfileContext<'_> {
    /// The secret tokens of the whole file ([`secrets::scan_text`]), scanned once per lint.
    pub(crate) fn secret_tokens(&self) -> Rc<[SecretMatch]> {
        self.tokens.get(0, self.source)
    }

    /// Whether the caller wants machine fixes: a rule whose fix is costly to build or to check
    /// skips that work when not.
    pub fn wants_fixes(&self) -> bool {
        self.fixes
    }

    /// Whether a secret-looking value or name is allowed by `options.secret-allowlist`.
    pub fn secret_allowed(&self, text: &str) -> bool {
        self.config
            .secret_allowlist
            .iter()
            .any(|r| r.is_match(text))
    }
}

/// The Dockerfile a compose service builds, parsed and modelled with the service's build args
/// and target.
pub struct ServiceBuild {
    /// Index of the service in [`ComposeProject::services`].
    pub service: usize,
    /// The Dockerfile's id in the run's files.
    pub file: FileId,
    /// Its syntax tree.
    pub syntax: Dockerfile,
    /// Its model, built with the service's `build.args` and `build.target`.
    pub model: DockerfileModel,
    /// The Dockerfile's path.
    pub path: PathBuf,
    /// The service's build context directory.
    pub context_dir: PathBuf,
}

/// A compose project under analysis.
pub struct ComposeContext<'a> {
    /// The path of the compose file that was linted.
    pub path: &'a Path,
    /// The merged project.
    pub project: &'a ComposeProject,
    /// The Dockerfiles the project's services build (those that could be read).
    pub builds: &'a [ServiceBuild],
    /// Every file of the run (project files first, with the same indices, then Dockerfiles).
    pub files: &'a SourceFiles,
    /// The configuration in force for the linted file.
    pub config: &'a Config,
    /// Reads files around the project (build contexts).
    pub file_source: &'a dyn FileSource,
    /// Whether findings should carry machine fixes (see [`crate::LintOptions::without_fixes`]).
    pub(crate) fixes: bool,
    /// The secret-token scans of the project's files, shared by the secret rules.
    pub(crate) tokens: TokenCache,
}

impl<'a> ComposeContext<'a> {
    /// The secret tokens of project file `file` ([`secrets::scan_text`]), scanned once per
    /// lint; empty for an unknown file.
    pub(crate) fn secret_tokens(&self, file: keelson_model::compose::FileIdx) -> Rc<[SecretMatch]> {
        match self.project.file(file) {
            Some(f) => self.tokens.get(file.index(), &f.text),
            None => Rc::from(Vec::new()),
        }
    }

    /// Whether the caller wants machine fixes: a rule whose fix is costly to build or to check
    /// (K204 and K205 load the edited file again) skips that work when not.
    pub fn wants_fixes(&self) -> bool {
        self.fixes
    }

    /// The build context of a service's Dockerfile.
    pub fn build_context(&self, build: &'a ServiceBuild) -> BuildContext<'a> {
        BuildContext {
            dir: &build.context_dir,
            dockerfile: &build.path,
            files: self.file_source,
        }
    }

    /// The run's file id and span of a model location.
    pub fn at(&self, loc: Loc) -> (FileId, Span) {
        (FileId(loc.file.0), loc.span)
    }

    /// The Dockerfile built by service `index`, if it was read.
    pub fn build_of(&self, index: usize) -> Option<&ServiceBuild> {
        self.builds.iter().find(|b| b.service == index)
    }

    /// Whether a secret-looking value or name is allowed by `options.secret-allowlist`.
    pub fn secret_allowed(&self, text: &str) -> bool {
        self.config
            .secret_allowlist
            .iter()
            .any(|r| r.is_match(text))
    }
}
