//! K915 apk-cache-kept: `apk add` without `--no-cache` leaves the package index in the image.
//! See `rules/K915-apk-cache-kept/README.md`.

use crate::commands::{run_commands, run_steps, Command};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Edit, Fix, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::BestPractice,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3019"),
        peer("trivy", "DS-0025"),
        peer("kics", "Apk Add Using Local Cache Path"),
    ],
    fixable: true,
};

pub(crate) struct ApkCacheKept;
pub(crate) static RULE: ApkCacheKept = ApkCacheKept;

impl Check for ApkCacheKept {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            // A cache mount keeps the cache out of the image on purpose.
            if step.uses_cache_mount() {
                continue;
            }
            let cmds = run_commands(cx, step.instruction);
            let cleaned = cmds.iter().any(removes_apk_cache);
            if cleaned {
                continue;
            }
            for cmd in cmds.iter() {
                if cmd.name() != "apk" {
                    continue;
                }
                let ops = cmd.operands(&[
                    "-X",
                    "--repository",
                    "-p",
                    "--root",
                    "--cache-dir",
                    "-t",
                    "--virtual",
                    "--arch",
                    "--keys-dir",
                ]);
                let Some(sub) = ops.first().filter(|w| w.is("add")) else {
                    continue;
                };
                // `--no-network` installs from what is already there: nothing is downloaded.
                if cmd.has_option(&["--no-cache", "--no-network"]).is_some() {
                    continue;
                }
                let finding = out.report(
                    sub.span,
                    "`apk add` without `--no-cache` stores the package index (`/var/cache/apk`) in the \
                     layer: dead weight in every copy of the image",
                );
                finding.help("use `apk add --no-cache …` (it also makes a separate `apk update` unnecessary)");
                if sub.exact {
                    finding.fix(Fix::safe(
                        "add `--no-cache`",
                        vec![Edit::insert(sub.span.end(), " --no-cache")],
                    ));
                }
            }
        }
    }
}

/// `rm -rf /var/cache/apk/*` (or the directory) or `apk cache clean` in the same step.
fn removes_apk_cache(cmd: &Command) -> bool {
    (cmd.name() == "rm"
        && cmd
            .args
            .iter()
            .any(|w| w.text().starts_with("/var/cache/apk")))
        || (cmd.name() == "apk"
            && cmd.args.first().is_some_and(|w| w.is("cache"))
            && cmd
                .args
                .get(1)
                .is_some_and(|w| w.is("clean") || w.is("purge")))
}
