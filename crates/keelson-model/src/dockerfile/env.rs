//! Variables as the model knows them: a value (or none) and where it came from.
//!
//! Nothing here reads the process environment: every value comes from the Dockerfile itself
//! (`ARG` defaults, `ENV`), from the caller's build arguments, or from BuildKit's predefined
//! arguments.

use std::collections::{BTreeMap, HashMap};

use keelson_syntax::Span;

use super::InstructionId;

/// What kind of definition gave a variable its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VarKind {
    /// An `ARG` instruction: its default, or no value when it has none and no build argument was
    /// given. A bare `ARG NAME` inside a stage that re-declares a meta `ARG` takes the meta
    /// default; its origin then points at the meta `ARG`.
    Arg,
    /// A build argument supplied by the caller ([`super::BuildOptions::build_args`]) for a
    /// declared `ARG` (or a predefined one).
    BuildArg,
    /// An `ENV` instruction (possibly in an earlier stage this one is built `FROM`).
    Env,
    /// One of BuildKit's predefined arguments (`TARGETPLATFORM`, `HTTP_PROXY`, …) with no value
    /// given by the caller.
    Predefined,
}

/// Where a variable's value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct VarOrigin {
    /// The kind of definition.
    pub kind: VarKind,
    /// The instruction that defined the value: the `ARG` whose default is used, the `ARG` that
    /// declared a build argument, or the `ENV`. `None` for predefined arguments.
    pub instruction: Option<InstructionId>,
    /// The span of the `NAME=value` pair (or bare `NAME`) in that instruction.
    pub span: Option<Span>,
}

/// A variable in scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Var {
    /// The value after expansion; `None` when the variable is declared but has no value (an `ARG`
    /// without default and without build argument, or a predefined argument the caller did not
    /// supply). BuildKit treats such a variable as unset.
    pub value: Option<String>,
    /// Where the value came from.
    pub origin: VarOrigin,
    /// Whether the value was computed from a variable the model could not resolve (for example
    /// `ENV PATH=$PATH:/x` with `PATH` from the base image).
    pub tainted: bool,
}

/// A read-only set of variables for [`super::expand()`]. Implemented for maps and for
/// [`super::VarsView`]; tests can use a plain `BTreeMap<String, Var>`.
pub trait Env {
    /// The variable `name` (compared case-sensitively, as BuildKit does on Linux).
    fn get(&self, name: &str) -> Option<&Var>;
}

impl Env for BTreeMap<String, Var> {
    fn get(&self, name: &str) -> Option<&Var> {
        BTreeMap::get(self, name)
    }
}

impl Env for HashMap<String, Var> {
    fn get(&self, name: &str) -> Option<&Var> {
        HashMap::get(self, name)
    }
}

/// An environment with no variables at all.
#[derive(Clone, Copy, Debug, Default)]
pub struct EmptyEnv;

impl Env for EmptyEnv {
    fn get(&self, _name: &str) -> Option<&Var> {
        None
    }
}

impl<E: Env + ?Sized> Env for &E {
    fn get(&self, name: &str) -> Option<&Var> {
        (**self).get(name)
    }
}

/// BuildKit's platform arguments, defined in the global scope (usable in `FROM`, and inside a
/// stage after a bare `ARG NAME`).
pub const PLATFORM_ARGS: [&str; 8] = [
    "TARGETPLATFORM",
    "TARGETOS",
    "TARGETARCH",
    "TARGETVARIANT",
    "BUILDPLATFORM",
    "BUILDOS",
    "BUILDARCH",
    "BUILDVARIANT",
];

/// BuildKit's proxy arguments: usable in every stage without an `ARG` when passed as build
/// arguments.
pub const PROXY_ARGS: [&str; 10] = [
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "FTP_PROXY",
    "ftp_proxy",
    "NO_PROXY",
    "no_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// Whether `name` is one of BuildKit's predefined arguments ([`PLATFORM_ARGS`] or
/// [`PROXY_ARGS`]).
pub fn is_predefined_arg(name: &str) -> bool {
    PLATFORM_ARGS.contains(&name) || PROXY_ARGS.contains(&name)
}

impl Var {
    /// A variable with a value, for tests and callers building their own environment.
    pub fn new(value: impl Into<String>, kind: VarKind) -> Var {
        Var {
            value: Some(value.into()),
            origin: VarOrigin {
                kind,
                instruction: None,
                span: None,
            },
            tainted: false,
        }
    }

    /// A declared variable without a value.
    pub fn declared(kind: VarKind) -> Var {
        Var {
            value: None,
            origin: VarOrigin {
                kind,
                instruction: None,
                span: None,
            },
            tainted: false,
        }
    }
}
