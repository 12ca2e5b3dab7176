//! K306 build-context-secret-copied: `COPY . .` (or another copy of a whole directory of the
//! build context) in a stage of the final image, while that directory holds a credential file
//! (`.env`, `.npmrc` with a token, `id_rsa`, `.aws/credentials`, …) that `.dockerignore` does
//! not exclude: the file is baked into the image.
//!
//! Needs file access: only files it can name are checked (no directory listing), and each is
//! read to confirm it holds a credential. Linting a lone string (no files), the rule is silent.
//! See `rules/K306-build-context-secret-copied/README.md`.

use keelson_model::dockerfile::DockerfileModel;
use keelson_syntax::dockerfile::{Dockerfile, InstructionArgs, InstructionKind};

use crate::context::{BuildContext, ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::dockerignore::{self, DockerIgnore};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, BOTH};
use crate::source::FileId;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Credentials,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: BOTH,
    // No peer checks this (BuildKit's CopyIgnoredFile is the opposite check).
    peers: &[],
    fixable: false,
};

pub(crate) struct BuildContextSecretCopied;
pub(crate) static RULE: BuildContextSecretCopied = BuildContextSecretCopied;

/// A credential file keelson looks for, and how to tell that it holds a credential.
struct Candidate {
    /// The path below the copied directory.
    path: &'static str,
    /// Whether the text holds a credential.
    holds: fn(&str) -> bool,
}

const CANDIDATES: &[Candidate] = &[
    Candidate {
        path: ".env",
        holds: has_assignment,
    },
    Candidate {
        path: ".env.local",
        holds: has_assignment,
    },
    Candidate {
        path: ".env.production",
        holds: has_assignment,
    },
    Candidate {
        path: ".npmrc",
        holds: npmrc_token,
    },
    Candidate {
        path: ".pypirc",
        holds: has_password,
    },
    Candidate {
        path: ".netrc",
        holds: has_password,
    },
    Candidate {
        path: ".git-credentials",
        holds: not_blank,
    },
    Candidate {
        path: "id_rsa",
        holds: private_key,
    },
    Candidate {
        path: "id_ecdsa",
        holds: private_key,
    },
    Candidate {
        path: "id_ed25519",
        holds: private_key,
    },
    Candidate {
        path: ".ssh/id_rsa",
        holds: private_key,
    },
    Candidate {
        path: ".ssh/id_ecdsa",
        holds: private_key,
    },
    Candidate {
        path: ".ssh/id_ed25519",
        holds: private_key,
    },
    Candidate {
        path: ".aws/credentials",
        holds: aws_secret,
    },
    Candidate {
        path: ".docker/config.json",
        holds: docker_auth,
    },
];

impl Check for BuildContextSecretCopied {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        check(cx.syntax, cx.model, &cx.build_context, cx.file, None, out);
    }

    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        dockerignore::for_each_compose_build(cx, |syntax, model, build, file, via| {
            check(syntax, model, build, file, via, out);
        });
    }
}

fn check(
    syntax: &Dockerfile,
    model: &DockerfileModel,
    build: &BuildContext<'_>,
    file: FileId,
    via: Option<&dockerignore::Via>,
    out: &mut Reporter<'_>,
) {
    let ignore = dockerignore::load(build)
        .map(|(_, d)| d)
        .unwrap_or_default();
    let lineage = model.final_lineage();
    for ins in syntax.instructions() {
        if !matches!(ins.kind, InstructionKind::Copy | InstructionKind::Add)
            || ins.flag("from").is_some()
        {
            continue;
        }
        let (InstructionArgs::Copy(args) | InstructionArgs::Add(args)) = &ins.view else {
            continue;
        };
        let Some(id) = model.id_of(ins) else {
            continue;
        };
        if !model
            .stage_of(id)
            .is_some_and(|s| lineage.contains(&s.index))
        {
            continue;
        }
        let excludes: Vec<DockerIgnore> = ins
            .flags_named("exclude")
            .filter_map(|f| f.value.as_deref())
            .map(DockerIgnore::parse)
            .collect();
        for (i, word) in args.sources.iter().enumerate() {
            if matches!(args.heredoc_sources.get(i), Some(Some(_)))
                || word.raw.contains("://")
                || word.raw.starts_with("git@")
            {
                continue;
            }
            let Some(value) = model.expand_at(id, &word.raw).resolved().map(str::to_owned) else {
                continue;
            };
            let Some(dir) = copied_directory(&value) else {
                continue;
            };
            let found: Vec<String> = CANDIDATES
                .iter()
                .filter_map(|c| {
                    let rel = if dir.is_empty() {
                        c.path.to_owned()
                    } else {
                        format!("{dir}/{}", c.path)
                    };
                    if ignore.excludes(&rel) || excludes.iter().any(|x| x.excludes(c.path)) {
                        return None;
                    }
                    let text = build
                        .files
                        .read_to_string(&dockerignore::in_context(build, &rel))
                        .ok()?;
                    (c.holds)(&text).then_some(rel)
                })
                .collect();
            if found.is_empty() {
                continue;
            }
            let names = found
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let shown = if dir.is_empty() {
                "the whole build context".to_owned()
            } else {
                format!("the context directory `{dir}`")
            };
            let finding = out.report_in(
                file,
                word.span,
                format!(
                    "`{} {}` copies {shown} into the final image, and it holds {names}, which \
                     `.dockerignore` does not exclude: the credentials are stored in an image \
                     layer that anyone who can pull the image can read",
                    ins.kind.name(),
                    word.raw
                ),
            );
            if let Some(v) = via {
                finding.related(v.file, v.span, v.message.clone());
            }
            finding.help(format!(
                "add {} to `.dockerignore` (or copy only what the image needs); pass \
                 credentials the build needs with `RUN --mount=type=secret`",
                found
                    .iter()
                    .map(|f| format!("`{f}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
}

/// The context directory a source copies as a whole (`""` for the context root): `.`, `./`,
/// `*`, `./*`, or a path without wildcards (a directory, or a file, whose candidates then do
/// not exist).
fn copied_directory(value: &str) -> Option<String> {
    let v = value.trim_start_matches("./").trim_end_matches('/');
    let v = v.strip_suffix("/*").unwrap_or(v);
    if v.is_empty() || v == "." || v == "*" {
        return Some(String::new());
    }
    if v.contains(['*', '?', '[', '\\', '$']) || v.starts_with('/') || v.starts_with("..") {
        return None;
    }
    Some(v.to_owned())
}

fn not_blank(text: &str) -> bool {
    !text.trim().is_empty()
}

/// A `KEY=value` line with a value (comments and empty assignments do not count).
fn has_assignment(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim();
        let l = l.strip_prefix("export ").unwrap_or(l);
        !l.starts_with('#')
            && l.split_once('=').is_some_and(|(k, v)| {
                let k = k.trim();
                !k.is_empty()
                    && !k.contains(char::is_whitespace)
                    && !v.trim().trim_matches(['"', '\'']).is_empty()
            })
    })
}

fn npmrc_token(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim();
        !l.starts_with('#')
            && !l.starts_with(';')
            && ["_authToken", "_auth", "_password"].iter().any(|k| {
                l.split_once('=').is_some_and(|(key, v)| {
                    key.trim().ends_with(k) && !v.trim().is_empty() && !v.contains("${")
                })
            })
    })
}

fn has_password(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim().to_ascii_lowercase();
        l.starts_with("password") || l.contains(" password ")
    })
}

fn private_key(text: &str) -> bool {
    text.contains("PRIVATE KEY-----")
}

fn aws_secret(text: &str) -> bool {
    text.to_ascii_lowercase().contains("aws_secret_access_key")
}

fn docker_auth(text: &str) -> bool {
    text.contains("\"auth\"") || text.contains("\"identitytoken\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_directory_sources() {
        assert_eq!(copied_directory("."), Some(String::new()));
        assert_eq!(copied_directory("./"), Some(String::new()));
        assert_eq!(copied_directory("*"), Some(String::new()));
        assert_eq!(copied_directory("./app/"), Some("app".to_owned()));
        assert_eq!(copied_directory("*.json"), None);
        assert_eq!(copied_directory("/etc"), None);
    }

    #[test]
    fn credential_contents() {
        assert!(has_assignment("# db\nDB_PASSWORD=hunter2\n"));
        assert!(!has_assignment("# DB_PASSWORD=\nDB_PASSWORD=\n"));
        assert!(npmrc_token("//registry.npmjs.org/:_authToken=npm_abc\n"));
        assert!(!npmrc_token("registry=https://registry.example.com/\n"));
        assert!(!npmrc_token(
            "//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n"
        ));
        assert!(has_password("machine example.com login u password p\n"));
        assert!(private_key("-----BEGIN OPENSSH PRIVATE KEY-----\n"));
        assert!(!private_key("ssh-ed25519 AAAA user@host\n"));
    }
}
