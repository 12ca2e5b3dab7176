//! K305 private-key-generated-in-image: a `RUN` in a stage that ends up in the final image
//! generates a private key (`ssh-keygen`, `openssl genrsa`/`genpkey`/`req -newkey`, `gpg
//! --gen-key`, `keytool -genkeypair`, `wg genkey`, `dropbearkey`), so every container started
//! from the image shares that key, and anyone who can pull the image can read it.
//!
//! Builder stages are fine (their files only reach the image if copied, which K301 follows),
//! and so is a key deleted again later in the same `RUN`.
//! See `rules/K305-private-key-generated-in-image/README.md`.

use keelson_syntax::Span;

use crate::commands::{run_commands, run_steps, Command};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Credentials,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    // No peer checks this.
    peers: &[],
    fixable: false,
};

pub(crate) struct PrivateKeyGeneratedInImage;
pub(crate) static RULE: PrivateKeyGeneratedInImage = PrivateKeyGeneratedInImage;

const HELP: &str = "generate the key when the container starts (in the entrypoint, into a \
     volume) or mount it at run time as a secret; if the build itself needs a key, create it \
     in a builder stage and copy only the public part or the signed result";

/// `ssh-keygen` options that select a mode other than generating a key.
const SSH_KEYGEN_OTHER_MODES: &[char] = &[
    'y', 'l', 'R', 'F', 'e', 'i', 'D', 'p', 'c', 'B', 'Y', 'Q', 'k', 's', 'L', 'H', 'T', 'G', 'M',
];

impl Check for PrivateKeyGeneratedInImage {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let lineage = cx.model.final_lineage();
        for step in run_steps(cx) {
            let shipped =
                step.is_onbuild() || step.stage.is_some_and(|s| lineage.contains(&s.index));
            if !shipped {
                continue;
            }
            let commands = run_commands(cx, step.instruction);
            for (i, cmd) in commands.iter().enumerate() {
                let Some((span, what, path)) = generates_key(cmd) else {
                    continue;
                };
                if path.is_some_and(|p| removed_later(&commands[i + 1..], &p)) {
                    continue;
                }
                let place = if step.is_onbuild() {
                    "an `ONBUILD` step (it runs in every image built from this one)"
                } else {
                    "a stage of the final image"
                };
                out.report(
                    span,
                    format!(
                        "{what} in {place}: the private key is stored in an image layer, so \
                         every container started from the image has the same key and anyone \
                         who can pull the image can read it"
                    ),
                )
                .help(HELP);
            }
        }
    }
}

/// Whether `cmd` generates a private key: the span to report, what it does, and the file it
/// writes (when known).
fn generates_key(cmd: &Command) -> Option<(Span, String, Option<String>)> {
    let name = cmd.name();
    let first = cmd.args.first();
    let sub_span = |w: Option<&crate::commands::Word>| match w {
        Some(w) => cmd.name_word.span.cover(w.span),
        None => cmd.name_word.span,
    };
    let path_of = |long: &str, short: Option<char>| {
        cmd.option_value(long, short)
            .and_then(|(_, v)| v.literal.clone())
    };
    match name {
        "ssh-keygen" => {
            let other = SSH_KEYGEN_OTHER_MODES.iter().any(|c| {
                cmd.has_option(&[format!("-{c}").as_str()]).is_some()
                    || cmd.has_short(*c, "bCfNtnOIIzrPVZaEmJjKSwWYQ").is_some()
            });
            if other {
                return None;
            }
            let what = if cmd.has_option(&["-A"]).is_some() {
                "`ssh-keygen -A` generates the SSH host keys".to_owned()
            } else {
                "`ssh-keygen` generates an SSH key pair".to_owned()
            };
            Some((cmd.name_word.span, what, path_of("-f", Some('f'))))
        }
        "openssl" => {
            let sub = first?.literal.as_deref()?;
            let path = path_of("-out", None);
            match sub {
                "genrsa" | "genpkey" | "gendsa" => Some((
                    sub_span(first),
                    format!("`openssl {sub}` generates a private key"),
                    path,
                )),
                "ecparam" if cmd.has_option(&["-genkey"]).is_some() => Some((
                    sub_span(first),
                    "`openssl ecparam -genkey` generates a private key".to_owned(),
                    path,
                )),
                "req"
                    if cmd.has_option(&["-newkey"]).is_some()
                        || (cmd.has_option(&["-new"]).is_some()
                            && cmd.has_option(&["-keyout"]).is_some()) =>
                {
                    Some((
                        sub_span(first),
                        "`openssl req -newkey` generates a private key (and a certificate)"
                            .to_owned(),
                        path_of("-keyout", None),
                    ))
                }
                _ => None,
            }
        }
        "gpg" | "gpg2" => {
            let w = cmd.has_option(&[
                "--gen-key",
                "--generate-key",
                "--full-gen-key",
                "--full-generate-key",
                "--quick-gen-key",
                "--quick-generate-key",
            ])?;
            Some((
                cmd.name_word.span.cover(w.span),
                "`gpg` generates a secret key".to_owned(),
                None,
            ))
        }
        "keytool" => {
            let w = cmd.has_option(&["-genkeypair", "-genkey", "-genseckey"])?;
            Some((
                cmd.name_word.span.cover(w.span),
                "`keytool` generates a private key in a keystore".to_owned(),
                path_of("-keystore", None),
            ))
        }
        "wg" if first.is_some_and(|w| w.is("genkey")) => Some((
            sub_span(first),
            "`wg genkey` generates a WireGuard private key".to_owned(),
            None,
        )),
        "dropbearkey" => Some((
            cmd.name_word.span,
            "`dropbearkey` generates an SSH host key".to_owned(),
            path_of("-f", Some('f')),
        )),
        _ => None,
    }
}

/// Whether a later command removes `path` (or a directory holding it): `rm -f /tmp/key`,
/// `rm -rf /tmp/keys`.
fn removed_later(later: &[Command], path: &str) -> bool {
    let path = path.trim_end_matches('/');
    later
        .iter()
        .filter(|c| matches!(c.name(), "rm" | "shred"))
        .any(|c| {
            c.operands(&[]).iter().any(|w| {
                w.literal.as_deref().is_some_and(|l| {
                    let l = l.trim_end_matches('/');
                    !l.is_empty()
                        && (l == path
                        || path.strip_prefix(l).is_some_and(|r| r.starts_with('/'))
                        // `ssh-keygen -f k` writes `k` and `k.pub`: `rm k*` / `rm k k.pub`.
                        || l.strip_suffix('*').is_some_and(|p| path.starts_with(p)))
                })
            })
        })
}
