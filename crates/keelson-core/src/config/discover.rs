//! Finding the `keelson.toml` that applies to a file, by walking up from it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::registry::Registry;

use super::{Config, ConfigError};

/// The file names keelson reads configuration from, in order of preference.
pub const CONFIG_FILE_NAMES: [&str; 2] = ["keelson.toml", ".keelson.toml"];

/// The nearest config file at or above `dir`.
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    start.ancestors().find_map(|d| {
        CONFIG_FILE_NAMES
            .iter()
            .map(|n| d.join(n))
            .find(|p| p.is_file())
    })
}

/// The nearest `.hadolint.yaml`/`.hadolint.yml` at or above `dir`: read (mapping hadolint
/// codes to keelson rules) when no keelson config applies.
pub fn find_hadolint_config_file(dir: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    start.ancestors().find_map(|d| {
        super::HADOLINT_CONFIG_NAMES
            .iter()
            .map(|n| d.join(n))
            .find(|p| p.is_file())
    })
}

/// Whether `path` is a hadolint config file (by name).
fn is_hadolint_config(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| super::HADOLINT_CONFIG_NAMES.contains(&n))
}

/// Caches parsed configs by directory, so linting many files parses each config once.
#[derive(Debug, Default)]
pub struct ConfigCache {
    by_dir: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    by_file: Mutex<HashMap<PathBuf, Result<Arc<Config>, ConfigError>>>,
}

impl ConfigCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The config that applies to `file`: the nearest `keelson.toml`, else the nearest
    /// `.hadolint.yaml`, else the default config.
    pub fn config_for(&self, file: &Path, registry: &Registry) -> Result<Arc<Config>, ConfigError> {
        let dir = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let found = {
            let mut by_dir = self.by_dir.lock().unwrap_or_else(|e| e.into_inner());
            by_dir
                .entry(dir.to_path_buf())
                .or_insert_with(|| find_config_file(dir).or_else(|| find_hadolint_config_file(dir)))
                .clone()
        };
        let Some(path) = found else {
            return Ok(Arc::new(Config::default()));
        };
        let mut by_file = self.by_file.lock().unwrap_or_else(|e| e.into_inner());
        by_file
            .entry(path.clone())
            .or_insert_with(|| {
                if is_hadolint_config(&path) {
                    Config::load_hadolint(&path, registry).map(Arc::new)
                } else {
                    Config::load(&path, registry).map(Arc::new)
                }
            })
            .clone()
    }

    /// Forgets everything (the LSP calls this when a config file changes).
    pub fn clear(&self) {
        self.by_dir
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.by_file
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}
