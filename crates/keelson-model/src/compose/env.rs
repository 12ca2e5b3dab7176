//! Variables available to interpolation: the caller's explicit environment and `.env` files.
//!
//! The model never reads the process environment itself. A caller that wants Compose's real
//! behaviour passes the variables it wants visible in an [`Environment`]; everything else comes
//! from the `.env` file beside the compose file.

use std::collections::BTreeMap;

use super::loc::Loc;

/// Variables passed explicitly by the caller (for example a copy of the process environment, or
/// `--env KEY=VALUE` flags). Empty by default: nothing is read from `std::env`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    vars: BTreeMap<String, String>,
}

impl Environment {
    /// An empty environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name` to `value`, replacing any earlier value.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.vars.insert(name.into(), value.into());
    }

    /// The value of `name`, if set (possibly empty).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// Whether no variable is set.
    pub fn is_empty(&self) -> bool {
        self.vars.is_empty()
    }

    /// All variables, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.vars.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Environment {
    fn from_iter<T: IntoIterator<Item = (K, V)>>(iter: T) -> Self {
        let mut env = Environment::new();
        for (k, v) in iter {
            env.insert(k, v);
        }
        env
    }
}

/// Where the value of a variable came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VarOrigin {
    /// The caller's explicit [`Environment`].
    Environment,
    /// A `KEY=VALUE` statement of a `.env` file; the location covers the statement.
    EnvFile(Loc),
}

/// Something interpolation can look variables up in.
pub trait VarLookup {
    /// The value of `name` and where it came from, or `None` when the variable is unset.
    fn lookup(&self, name: &str) -> Option<(&str, VarOrigin)>;
}

/// No variables at all.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoVars;

impl VarLookup for NoVars {
    fn lookup(&self, _name: &str) -> Option<(&str, VarOrigin)> {
        None
    }
}

impl VarLookup for Environment {
    fn lookup(&self, name: &str) -> Option<(&str, VarOrigin)> {
        self.get(name).map(|v| (v, VarOrigin::Environment))
    }
}

/// One variable of a [`ProjectEnv`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvValue {
    /// The value.
    pub value: String,
    /// Where it came from.
    pub origin: VarOrigin,
}

/// The variables a compose file is interpolated with: `.env` values, overridden by the caller's
/// explicit environment (Compose gives the shell environment precedence over `.env`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectEnv {
    vars: BTreeMap<String, EnvValue>,
}

impl ProjectEnv {
    /// An empty set of variables.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name`, replacing any earlier value.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<String>, origin: VarOrigin) {
        self.vars.insert(
            name.into(),
            EnvValue {
                value: value.into(),
                origin,
            },
        );
    }

    /// Sets every variable of `env` (which wins over what is already there).
    pub fn overlay_environment(&mut self, env: &Environment) {
        for (k, v) in env.iter() {
            self.set(k, v, VarOrigin::Environment);
        }
    }

    /// Sets every variable of `other` (which wins over what is already there).
    pub fn overlay(&mut self, other: &ProjectEnv) {
        for (k, v) in &other.vars {
            self.vars.insert(k.clone(), v.clone());
        }
    }

    /// The variable `name`, if set.
    pub fn get(&self, name: &str) -> Option<&EnvValue> {
        self.vars.get(name)
    }

    /// All variables, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &EnvValue)> {
        self.vars.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Number of variables.
    pub fn len(&self) -> usize {
        self.vars.len()
    }

    /// Whether no variable is set.
    pub fn is_empty(&self) -> bool {
        self.vars.is_empty()
    }
}

impl VarLookup for ProjectEnv {
    fn lookup(&self, name: &str) -> Option<(&str, VarOrigin)> {
        self.vars.get(name).map(|v| (v.value.as_str(), v.origin))
    }
}
