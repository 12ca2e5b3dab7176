//! `ARG` and `ENV` scoping as BuildKit applies it, and the read-only [`VarsView`] rules use to
//! expand words.
//!
//! - `ARG`s before the first `FROM` (meta `ARG`s) and BuildKit's predefined arguments (platform
//!   and proxy) form the global scope, which only `FROM` lines see.
//! - Proxy arguments (`HTTP_PROXY`, …) given as build arguments are also visible in every stage
//!   without an `ARG`.
//! - Inside a stage, an `ARG` is visible from its declaration to the end of the stage (within one
//!   `ARG` instruction, a pair sees the pairs before it). A bare
//!   `ARG NAME` that re-declares a meta `ARG` (or a platform argument) takes its value.
//! - Build arguments override the default of declared `ARG`s only.
//! - `ENV` is visible from the next instruction on (the pairs of one `ENV` all see the values
//!   from before it) and always wins over an `ARG` of the same name. A stage built `FROM <stage>` starts with that stage's `ENV`, not its `ARG`s.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::env::{Env, Var};
use super::expand::{expand, Expansion};

/// The variables visible at one point.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Scope {
    /// Declared `ARG`s (in the global scope: meta `ARG`s and platform arguments).
    pub(crate) args: BTreeMap<String, Var>,
    /// `ENV` variables set by this Dockerfile (inherited ones included).
    pub(crate) env: BTreeMap<String, Var>,
}

impl Env for Scope {
    /// `ENV` first, then `ARG`.
    fn get(&self, name: &str) -> Option<&Var> {
        self.env.get(name).or_else(|| self.args.get(name))
    }
}

/// A read-only view of the variables visible where an instruction's words are expanded (before
/// the instruction's own effect), as BuildKit would see them.
///
/// Variables the base image defines (`PATH`, `HOME`, …) are invisible to the model: they are
/// reported as unset, and expansions using them as unresolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarsView {
    scope: Arc<Scope>,
    escape: char,
}

impl VarsView {
    pub(crate) fn new(scope: Arc<Scope>, escape: char) -> VarsView {
        VarsView { scope, escape }
    }

    /// Expands `word` (raw text, quotes and escapes kept, as in `Word::raw`) as BuildKit would
    /// here.
    pub fn expand(&self, word: &str) -> Expansion {
        expand(word, self, self.escape)
    }

    /// The variable `name`: `ENV` first, then `ARG`.
    pub fn var(&self, name: &str) -> Option<&Var> {
        self.scope
            .env
            .get(name)
            .or_else(|| self.scope.args.get(name))
    }

    /// The value of `name`, when it is set.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.var(name).and_then(|v| v.value.as_deref())
    }

    /// Every visible variable, sorted by name (`ENV` hides an `ARG` of the same name).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Var)> + '_ {
        let env = &self.scope.env;
        let args = self
            .scope
            .args
            .iter()
            .filter(move |(k, _)| !env.contains_key(*k));
        let mut all: Vec<(&str, &Var)> = env
            .iter()
            .chain(args)
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all.into_iter()
    }

    /// The `ENV` variables (set by this Dockerfile), sorted by name.
    pub fn env_vars(&self) -> impl Iterator<Item = (&str, &Var)> + '_ {
        self.scope.env.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The declared `ARG`s, sorted by name (including those an `ENV` hides).
    pub fn args(&self) -> impl Iterator<Item = (&str, &Var)> + '_ {
        self.scope.args.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The escape character used for expansion.
    pub fn escape(&self) -> char {
        self.escape
    }
}

impl Env for VarsView {
    fn get(&self, name: &str) -> Option<&Var> {
        self.var(name)
    }
}
