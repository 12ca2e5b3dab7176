//! `keelson.toml`: rule selection, severities, per-path overrides and rule options.
//!
//! ```toml
//! # Which rules run. Selectors are codes (`K201`), code prefixes (`K2`), rule names
//! # (`root-user`), categories (`privilege`) or `all`.
//! select = ["all"]          # replaces the default set
//! extend-select = ["K402"]  # adds to it
//! ignore = ["K901"]         # removes from it
//!
//! [severity]                # per-rule or per-category severity
//! K402 = "error"
//! best-practice = "info"
//!
//! [options]
//! trusted-registries = ["docker.io", "ghcr.io/acme"]
//! allowed-users = []
//! secret-allowlist = ["^dev-only-"]
//! require-digest = false
//! required-labels = { "org.opencontainers.image.source" = "url" }
//!
//! [[overrides]]             # later entries win; paths are globs relative to this file
//! files = ["legacy/**"]
//! ignore = ["K201"]
//! severity = { K401 = "info" }
//! ```

mod discover;
mod hadolint;
#[cfg(feature = "schema")]
mod schema;
mod select;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::registry::Registry;

pub use discover::{find_config_file, find_hadolint_config_file, ConfigCache, CONFIG_FILE_NAMES};
pub use hadolint::{rules_for_hadolint_code, HADOLINT_CONFIG_NAMES};
#[cfg(feature = "schema")]
pub use schema::json_schema;
pub use select::{RuleSelection, Selector};

/// An error in a configuration file or in selectors given on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file the error is in, when it came from a file.
    pub path: Option<PathBuf>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.path {
            Some(p) => write!(f, "{}: {}", p.display(), self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Options that rules read.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub struct RuleOptions {
    /// Registries (or `registry/namespace` prefixes) images may come from. Empty: any registry.
    pub trusted_registries: Vec<String>,
    /// Users a final stage or service may run as without a root-user finding, even when they
    /// are root (for images that must start as root and drop privileges themselves).
    pub allowed_users: Vec<String>,
    /// Regular expressions; a secret value or name matching one is not reported.
    pub secret_allowlist: Vec<String>,
    /// Whether an image tag without a digest is an error (otherwise it is info).
    pub require_digest: bool,
    /// Labels the final image must have, each with the format its value must have (rule K930).
    pub required_labels: BTreeMap<String, LabelFormat>,
}

/// The format a required label's value must have (`options.required-labels`).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum LabelFormat {
    /// Any non-empty text.
    Text,
    /// A URL with a scheme (`https://…`).
    Url,
    /// An RFC 3339 date and time (`2026-01-31T12:00:00Z`).
    Rfc3339,
    /// A Semantic Versioning 2.0 version (`1.2.3`).
    Semver,
    /// An SPDX license expression (`Apache-2.0 OR MIT`).
    Spdx,
    /// A git commit hash (7 to 40 hexadecimal digits, or 64).
    Hash,
    /// An e-mail address (`ops@example.com` or `Ops <ops@example.com>`).
    Email,
}

/// One `[[overrides]]` entry: a selection change for the files matching `files`.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct OverrideToml {
    /// Globs, relative to the config file's directory (a pattern without `/` matches at any
    /// depth).
    files: Vec<String>,
    /// Rules to run for these files instead of the inherited set.
    #[serde(default)]
    select: Option<Vec<String>>,
    /// Rules to run in addition.
    #[serde(default)]
    extend_select: Vec<String>,
    /// Rules not to run.
    #[serde(default)]
    ignore: Vec<String>,
    /// Severity per rule code, name, code prefix or category.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<String, schema::SeverityName>")
    )]
    severity: BTreeMap<String, String>,
}

/// The file format of `keelson.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct ConfigToml {
    /// Rules to run instead of the default set: codes (`K201`), code prefixes (`K2`), rule
    /// names (`root-user`), categories (`privilege`) or `all`.
    #[serde(default)]
    select: Option<Vec<String>>,
    /// Rules to run in addition to the selected set.
    #[serde(default)]
    extend_select: Vec<String>,
    /// Rules not to run.
    #[serde(default)]
    ignore: Vec<String>,
    /// Severity per rule code, name, code prefix or category.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "BTreeMap<String, schema::SeverityName>")
    )]
    severity: BTreeMap<String, String>,
    /// Options the rules read.
    #[serde(default)]
    options: RuleOptions,
    /// Per-path selection changes; later entries win.
    #[serde(default)]
    overrides: Vec<OverrideToml>,
}

/// A selection change: the `select`/`extend-select`/`ignore`/`severity` keys of one table.
#[derive(Clone, Debug, Default)]
pub struct SelectionLayer {
    /// Replaces the enabled set when present.
    pub select: Option<Vec<Selector>>,
    /// Adds to the enabled set.
    pub extend_select: Vec<Selector>,
    /// Removes from the enabled set.
    pub ignore: Vec<Selector>,
    /// Severity overrides, applied in order.
    pub severity: Vec<(Selector, Severity)>,
}

impl SelectionLayer {
    fn parse(
        registry: &Registry,
        select: Option<&[String]>,
        extend: &[String],
        ignore: &[String],
        severity: &BTreeMap<String, String>,
    ) -> Result<Self, String> {
        let parse_all = |list: &[String]| -> Result<Vec<Selector>, String> {
            list.iter().map(|s| Selector::parse(s, registry)).collect()
        };
        let mut sev = Vec::new();
        for (key, value) in severity {
            let selector = Selector::parse(key, registry)?;
            let level: Severity = value.parse()?;
            sev.push((selector, level));
        }
        // More specific selectors win: categories/prefixes first, then names and codes.
        sev.sort_by_key(|(s, _)| s.specificity());
        Ok(SelectionLayer {
            select: select.map(parse_all).transpose()?,
            extend_select: parse_all(extend)?,
            ignore: parse_all(ignore)?,
            severity: sev,
        })
    }

    /// A layer from command-line `--select`/`--extend-select`/`--ignore` values.
    pub fn from_cli(
        registry: &Registry,
        select: &[String],
        extend: &[String],
        ignore: &[String],
    ) -> Result<Self, ConfigError> {
        let select = (!select.is_empty()).then_some(select);
        Self::parse(registry, select, extend, ignore, &BTreeMap::new()).map_err(|message| {
            ConfigError {
                path: None,
                message,
            }
        })
    }
}

/// A path override: a selection layer that applies to files matching globs.
#[derive(Clone, Debug)]
struct PathOverride {
    matcher: globset::GlobSet,
    layer: SelectionLayer,
}

/// A parsed configuration, ready to resolve the rule selection for any file.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The file it was read from, if any.
    pub path: Option<PathBuf>,
    base: SelectionLayer,
    overrides: Vec<PathOverride>,
    /// Options rules read.
    pub options: RuleOptions,
    /// Compiled `secret-allowlist`.
    pub secret_allowlist: Vec<regex::Regex>,
    /// When findings fail a run, if the config file says (hadolint's `failure-threshold`);
    /// `None`: the command line decides.
    pub failure_threshold: Option<FailureThreshold>,
    /// Whether `# hadolint ignore=…` comments are not honoured (hadolint's
    /// `disable-ignore-pragma`).
    pub ignore_hadolint_comments: bool,
}

/// Which findings make a run fail, as a config file says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureThreshold {
    /// Findings of this severity or above.
    AtLeast(Severity),
    /// None: the run never fails on findings.
    Never,
}

impl Config {
    /// Parses the text of a `keelson.toml`. `path` is used for messages and to anchor override
    /// globs (relative to the file's directory).
    pub fn parse(
        text: &str,
        path: Option<&Path>,
        registry: &Registry,
    ) -> Result<Config, ConfigError> {
        let err = |message: String| ConfigError {
            path: path.map(Path::to_path_buf),
            message,
        };
        let raw: ConfigToml = toml::from_str(text).map_err(|e| err(e.to_string()))?;
        let base = SelectionLayer::parse(
            registry,
            raw.select.as_deref(),
            &raw.extend_select,
            &raw.ignore,
            &raw.severity,
        )
        .map_err(err)?;
        let mut overrides = Vec::new();
        for o in &raw.overrides {
            let mut builder = globset::GlobSetBuilder::new();
            for pattern in &o.files {
                let glob = globset::GlobBuilder::new(pattern)
                    .literal_separator(true)
                    .build()
                    .map_err(|e| err(format!("overrides: bad glob `{pattern}`: {e}")))?;
                builder.add(glob);
                if !pattern.starts_with("**/") && !pattern.starts_with('/') {
                    // `Dockerfile` should match `sub/Dockerfile` as in .gitignore-style tools
                    // only when the pattern has no slash.
                    if !pattern.contains('/') {
                        if let Ok(g) = globset::GlobBuilder::new(&format!("**/{pattern}"))
                            .literal_separator(true)
                            .build()
                        {
                            builder.add(g);
                        }
                    }
                }
            }
            let matcher = builder
                .build()
                .map_err(|e| err(format!("overrides: {e}")))?;
            let layer = SelectionLayer::parse(
                registry,
                o.select.as_deref(),
                &o.extend_select,
                &o.ignore,
                &o.severity,
            )
            .map_err(err)?;
            overrides.push(PathOverride { matcher, layer });
        }
        let mut secret_allowlist = Vec::new();
        for pattern in &raw.options.secret_allowlist {
            secret_allowlist.push(regex::Regex::new(pattern).map_err(|e| {
                err(format!(
                    "options.secret-allowlist: bad regex `{pattern}`: {e}"
                ))
            })?);
        }
        Ok(Config {
            path: path.map(Path::to_path_buf),
            base,
            overrides,
            options: raw.options,
            secret_allowlist,
            failure_threshold: None,
            ignore_hadolint_comments: false,
        })
    }

    /// Reads and parses a config file.
    pub fn load(path: &Path, registry: &Registry) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            path: Some(path.to_path_buf()),
            message: format!("cannot read config: {e}"),
        })?;
        Config::parse(&text, Some(path), registry)
    }

    /// The rule selection for `file`, with `extra` (command-line selectors) applied last.
    pub fn selection_for(
        &self,
        file: &Path,
        registry: &Registry,
        extra: Option<&SelectionLayer>,
    ) -> RuleSelection {
        let mut selection = RuleSelection::defaults(registry);
        selection.apply(&self.base, registry);
        if !self.overrides.is_empty() {
            let relative = self
                .path
                .as_deref()
                .and_then(Path::parent)
                .and_then(|dir| relative_to(file, dir))
                .unwrap_or_else(|| file.to_path_buf());
            for o in &self.overrides {
                if o.matcher.is_match(&relative) {
                    selection.apply(&o.layer, registry);
                }
            }
        }
        if let Some(extra) = extra {
            selection.apply(extra, registry);
        }
        selection
    }
}

/// `file` relative to `dir`, comparing absolute forms when needed.
fn relative_to(file: &Path, dir: &Path) -> Option<PathBuf> {
    if let Ok(rel) = file.strip_prefix(dir) {
        return Some(rel.to_path_buf());
    }
    let abs_file = std::path::absolute(file).ok()?;
    let abs_dir = std::path::absolute(dir).ok()?;
    abs_file.strip_prefix(abs_dir).ok().map(Path::to_path_buf)
}

#[cfg(test)]
mod tests;
