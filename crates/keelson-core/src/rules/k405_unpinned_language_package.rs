//! K405 unpinned-language-package: `pip install`, `npm install -g`, `yarn add`, `gem install`,
//! `go install`, `cargo install` name a package without a version.
//!
//! Packages are the operands after the install subcommand (`crate::commands`); a version held
//! in a variable counts as a pin; requirement and constraint files (`pip install -r`), lockfile
//! installs (`npm ci`, `npm install` with no package), local paths and archives are not
//! reported. `pip`, `setuptools` and `wheel` (the installer's own tools) are exempt. One
//! finding per command. See `rules/K405-unpinned-language-package/README.md`.

use crate::commands::{run_commands, run_steps, Command, Word};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

use super::k404_unpinned_os_package::name_list;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3013"),
        peer("hadolint", "DL3016"),
        peer("hadolint", "DL3028"),
        peer("hadolint", "DL3062"),
    ],
    fixable: false,
};

pub(crate) struct UnpinnedLanguagePackage;
pub(crate) static RULE: UnpinnedLanguagePackage = UnpinnedLanguagePackage;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tool {
    Pip,
    Npm,
    Gem,
    Go,
    Cargo,
}

impl Check for UnpinnedLanguagePackage {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                let Some((tool, packages)) = install_of(cmd) else {
                    continue;
                };
                let unpinned: Vec<&Word> = packages
                    .into_iter()
                    .filter(|w| judged(w) && !pinned(w, tool))
                    .collect();
                let (Some(first), Some(last)) = (unpinned.first(), unpinned.last()) else {
                    continue;
                };
                let span = if first.exact && last.exact {
                    first.span.cover(last.span)
                } else {
                    first.span
                };
                let names = name_list(&unpinned);
                let (how, example) = match tool {
                    Tool::Pip => ("`name==version`, or install from a requirements file with pinned versions (ideally with `--require-hashes`)", "`flask==3.0.3`"),
                    Tool::Npm => ("`name@version`, or install from a lockfile with `npm ci`", "`typescript@5.4.5`"),
                    Tool::Gem => ("`-v version` or `name:version`", "`gem install bundler -v 2.5.11`"),
                    Tool::Go => ("`module@version` (not `@latest`)", "`golang.org/x/tools/gopls@v0.16.1`"),
                    Tool::Cargo => ("`--version` (or `name@version`) and `--locked`", "`cargo install ripgrep@14.1.0 --locked`"),
                };
                out.report(
                    span,
                    format!(
                        "{names} installed without a version: each build takes the newest release, \
                         so a new (or hijacked) release of the package changes the image without \
                         any change here"
                    ),
                )
                .help(format!("pin it with {how}, for example {example}"));
            }
        }
    }
}

/// The tool and package words of an install command.
fn install_of(cmd: &Command) -> Option<(Tool, Vec<&Word>)> {
    let name = cmd.name();
    if is_pip(name) {
        return pip_packages(cmd, 0).map(|p| (Tool::Pip, p));
    }
    // `python -m pip install`, `uv pip install`.
    if (name.starts_with("python")
        && cmd.args.first().is_some_and(|w| w.is("-m"))
        && cmd.args.get(1).is_some_and(|w| w.is("pip")))
        || (name == "uv" && cmd.args.first().is_some_and(|w| w.is("pip")))
    {
        let skip = if name == "uv" { 1 } else { 2 };
        return pip_packages(cmd, skip).map(|p| (Tool::Pip, p));
    }
    match name {
        "pipx" => {
            let ops = cmd.operands(&["--python", "--index-url", "--pip-args", "--suffix"]);
            let (sub, rest) = ops.split_first()?;
            sub.is("install").then(|| (Tool::Pip, rest.to_vec()))
        }
        "npm" | "pnpm" | "yarn" => {
            let ops = cmd.operands(&[
                "--prefix",
                "--registry",
                "--cache",
                "--loglevel",
                "-w",
                "--workspace",
                "--tag",
                "--omit",
                "--include",
                "--userconfig",
                "-C",
                "--dir",
                "--filter",
                "--cwd",
            ]);
            let mut ops = ops.as_slice();
            // `yarn global add x`.
            if name == "yarn" && ops.first().is_some_and(|w| w.is("global")) {
                ops = ops.get(1..).unwrap_or(&[]);
            }
            let (sub, rest) = ops.split_first()?;
            let install = matches!(sub.text(), "install" | "i" | "add" | "isntall" | "in");
            // `npm install` with no package installs the lockfile; so does `yarn install`.
            // The package managers themselves (`npm i -g npm@latest`) are exempt, like pip.
            let packages = rest
                .iter()
                .copied()
                .filter(|w| {
                    let n = w.text().split('@').next().unwrap_or("");
                    !matches!(n, "npm" | "yarn" | "pnpm" | "corepack")
                })
                .collect();
            (install && !(name == "yarn" && sub.is("install"))).then_some((Tool::Npm, packages))
        }
        "gem" => {
            let ops = cmd.operands(&[
                "-v",
                "--version",
                "-i",
                "--install-dir",
                "-n",
                "--bindir",
                "--source",
                "-s",
                "-P",
                "--trust-policy",
                "--platform",
                "--build-root",
            ]);
            let (sub, rest) = ops.split_first()?;
            if !sub.is("install") || cmd.has_option(&["-v", "--version"]).is_some() {
                return None;
            }
            Some((Tool::Gem, rest.to_vec()))
        }
        "go" => {
            let ops = cmd.operands(&[
                "-o", "-C", "-p", "-tags", "-ldflags", "-gcflags", "-modfile", "-mod", "-pkgdir",
            ]);
            let (sub, rest) = ops.split_first()?;
            if !(sub.is("install") || sub.is("get")) {
                return None;
            }
            // Remote module paths only: `./cmd/...` and `std` packages build local code.
            let remote = rest
                .iter()
                .copied()
                .filter(|w| {
                    w.text()
                        .split('/')
                        .next()
                        .is_some_and(|host| host.contains('.'))
                })
                .collect();
            Some((Tool::Go, remote))
        }
        "cargo" => {
            let ops = cmd.operands(&[
                "--version",
                "--vers",
                "--git",
                "--branch",
                "--tag",
                "--rev",
                "--path",
                "--root",
                "--index",
                "--registry",
                "--target",
                "--features",
                "-F",
                "--profile",
                "-j",
                "--jobs",
                "--bin",
                "--example",
                "--target-dir",
                "--config",
                "-Z",
            ]);
            let (sub, rest) = ops.split_first()?;
            if !sub.is("install")
                || cmd
                    .has_option(&["--version", "--vers", "--path", "--rev", "--tag"])
                    .is_some()
            {
                return None;
            }
            Some((Tool::Cargo, rest.to_vec()))
        }
        _ => None,
    }
}

fn is_pip(name: &str) -> bool {
    name.strip_prefix("pip")
        .is_some_and(|v| v.chars().all(|c| c.is_ascii_digit() || c == '.'))
}

/// The package words of `pip install` (after `skip` leading words such as `-m pip`); `None`
/// when the command is not an install or installs from a requirement or constraint file.
fn pip_packages(cmd: &Command, skip: usize) -> Option<Vec<&Word>> {
    const VALUE_OPTIONS: &[&str] = &[
        "-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "--target",
        "-t",
        "--prefix",
        "--root",
        "--platform",
        "--python-version",
        "--implementation",
        "--abi",
        "--trusted-host",
        "--cache-dir",
        "--src",
        "--upgrade-strategy",
        "--progress-bar",
        "--log",
        "--proxy",
        "--retries",
        "--timeout",
        "--cert",
        "--client-cert",
        "--global-option",
        "--config-settings",
        "-C",
        "--no-binary",
        "--only-binary",
        "--exists-action",
        "--python",
        "--report",
        "--root-user-action",
        "-m",
    ];
    let ops = cmd.operands(VALUE_OPTIONS);
    let ops: Vec<&Word> = if skip > 0 {
        // `python -m pip install`: `-m` took `pip` as its value; `uv pip install`: skip `pip`.
        ops.into_iter().skip_while(|w| w.is("pip")).collect()
    } else {
        ops
    };
    let (sub, rest) = ops.split_first()?;
    if !sub.is("install") {
        return None;
    }
    // A constraint file pins what the command line names.
    if cmd.has_option(&["-c", "--constraint"]).is_some() {
        return None;
    }
    Some(
        rest.iter()
            .copied()
            .filter(|w| !matches!(base_name(w.text()).as_str(), "pip" | "setuptools" | "wheel"))
            .collect(),
    )
}

/// The package name of a requirement (`Flask[async]>=2` → `flask`).
fn base_name(spec: &str) -> String {
    spec.split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether a word can be judged: not only a variable, not a local path, archive or URL.
fn judged(w: &Word) -> bool {
    let t = w.text();
    if w.literal.is_none() && t.starts_with('$') && !t.contains(['=', '@', ':']) {
        return false;
    }
    !(t.is_empty()
        || t.starts_with('.')
        || t.starts_with('/')
        || t.starts_with('~')
        || t.starts_with("file:")
        || t.contains("://")
        || [".whl", ".tar.gz", ".tgz", ".zip", ".gem", ".crate"]
            .iter()
            .any(|ext| t.ends_with(ext)))
}

/// Whether a package word carries a version (or a fixed source such as a git commit).
fn pinned(w: &Word, tool: Tool) -> bool {
    let t = w.text();
    match tool {
        // `==`, `===`, `~=`, an upper bound, or a direct reference (`name @ url`).
        Tool::Pip => t.contains("==") || t.contains("~=") || t.contains('<') || t.contains('@'),
        Tool::Npm => {
            // `@scope/name@version`: the version is after the last `@` past the scope.
            let body = t
                .strip_prefix('@')
                .map_or(t, |r| r.split_once('/').map_or(r, |(_, n)| n));
            match body.rsplit_once('@') {
                Some((_, v)) => !v.is_empty() && !matches!(v, "latest" | "next" | "*" | "x"),
                // `github:user/repo#commit`, `user/repo#ref`.
                None => body.contains('#'),
            }
        }
        Tool::Gem => t.contains(':'),
        Tool::Go => t.rsplit_once('@').is_some_and(|(_, v)| {
            !matches!(
                v,
                "latest" | "master" | "main" | "HEAD" | "upgrade" | "patch" | ""
            )
        }),
        Tool::Cargo => t.contains('@'),
    }
}
