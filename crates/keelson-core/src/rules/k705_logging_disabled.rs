//! K705 logging-disabled: a compose service throws its logs away (`logging: {driver: none}`).
//! See `rules/K705-logging-disabled/README.md`.

use keelson_model::compose::Text;

use super::k203_privileged_container::note_via;
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Resources,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[peer("compose-lint", "CL-0014")],
    fixable: false,
};

pub(crate) struct LoggingDisabled;
pub(crate) static RULE: LoggingDisabled = LoggingDisabled;

impl Check for LoggingDisabled {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            let Some(driver) = service.logging.as_ref().and_then(|l| l.driver.as_ref()) else {
                continue;
            };
            if !driver.is_determined() || !driver.value.trim().eq_ignore_ascii_case("none") {
                continue;
            }
            report(cx, out, service, driver);
        }
    }
}

fn report(
    cx: &ComposeContext<'_>,
    out: &mut Reporter<'_>,
    service: &keelson_model::compose::ComposeService,
    driver: &Text,
) {
    let (file, span) = cx.at(driver.loc);
    let finding = out.report_in(
        file,
        span,
        format!(
            "service `{}` uses the `none` logging driver: everything it writes to stdout and \
             stderr is thrown away, so there is no record to investigate an incident or a crash \
             with",
            service.name
        ),
    );
    finding.help(
        "remove the `logging` driver (the engine's default keeps logs), or send them to a \
         collector (`syslog`, `fluentd`, `journald`, …); to limit disk use, set `max-size` and \
         `max-file` options on the `local` or `json-file` driver",
    );
    note_via(cx, finding, driver.via, service);
}
