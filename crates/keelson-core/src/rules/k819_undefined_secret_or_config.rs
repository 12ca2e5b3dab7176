//! K819 undefined-secret-or-config: a service (or its `build`) uses a secret or config that the
//! project does not declare at the top level, or a top-level secret or config says nowhere where
//! its content comes from (no `file`, `environment`, `content` or `external`). Compose refuses
//! both. See `rules/K819-undefined-secret-or-config/README.md`.

use keelson_model::compose::{FileRef, Value};

use super::k203_privileged_container::note_via;
use super::k816_undefined_service_reference::{
    declared, determined_name, did_you_mean, should_report,
};
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[],
    fixable: false,
};

pub(crate) struct UndefinedSecretOrConfig;
pub(crate) static RULE: UndefinedSecretOrConfig = UndefinedSecretOrConfig;

/// The keys that tell Compose where a secret's or config's content comes from.
const SOURCES: [&str; 5] = ["file", "environment", "content", "external", "driver"];

impl Check for UndefinedSecretOrConfig {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for (section, singular) in [("secrets", "secret"), ("configs", "config")] {
            check_declarations(cx, out, section, singular);
        }
        let secrets = declared(cx, "secrets");
        let configs = declared(cx, "configs");
        for service in &cx.project.services {
            let build_secrets = service.build.as_ref().map_or(&[][..], |b| &b.secrets[..]);
            let uses: [(&[FileRef], &[String], &str, &str); 3] = [
                (&service.secrets, &secrets, "secret", "secrets"),
                (build_secrets, &secrets, "secret", "build.secrets"),
                (&service.configs, &configs, "config", "configs"),
            ];
            for (refs, known, singular, attribute) in uses {
                for r in refs {
                    let Some(name) = r.source.as_ref().and_then(determined_name) else {
                        continue;
                    };
                    let section = cx.project.top_level(&format!("{singular}s")).is_some();
                    if known.contains(&name) || !should_report(cx, &name, known, section)
                    {
                        continue;
                    }
                    let (file, span) = cx.at(r.loc);
                    let finding = out.report_in(
                        file,
                        span,
                        format!(
                            "service `{}` uses the {singular} `{name}` in `{attribute}`, but the \
                             project declares no such {singular} under the top-level `{}s:`: \
                             Compose refuses to load the project",
                            service.name, singular
                        ),
                    );
                    finding.help(format!(
                        "correct the name{}, or declare `{name}` under the top-level `{singular}s:` \
                         with a `file:` or `environment:` source",
                        did_you_mean(&name, known)
                    ));
                    note_via(cx, finding, r.via, service);
                }
            }
        }
    }
}

/// Top-level secrets or configs that give no source for their content.
fn check_declarations(
    cx: &ComposeContext<'_>,
    out: &mut Reporter<'_>,
    section: &str,
    singular: &str,
) {
    let Some(entries) = cx.project.top_level(section).and_then(Value::as_mapping) else {
        return;
    };
    for entry in entries {
        // A null or non-mapping value is a type error (K802) or a fragment; only mappings that
        // were written out are judged.
        let Some(fields) = entry.value.as_mapping() else {
            continue;
        };
        if fields.iter().any(|f| SOURCES.contains(&f.key.as_str())) {
            continue;
        }
        let what = if section == "configs" {
            "`file`, `environment`, `content` or `external: true`"
        } else {
            "`file`, `environment` or `external: true`"
        };
        let (file, span) = cx.at(entry.key_loc);
        out.report_in(
            file,
            span,
            format!(
                "the {singular} `{}` does not say where its content comes from: without {what} \
                 Compose cannot create it and refuses the project",
                entry.key
            ),
        )
        .help(format!(
            "add `file: ./path` (or {what}) under `{section}.{}`",
            entry.key
        ));
    }
}
