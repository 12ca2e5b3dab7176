//! K822 memory-reservation-exceeds-limit: a service reserves more memory (or CPU) than its
//! limit allows. The engine refuses a memory reservation above the memory limit, and a
//! reservation that the limit can never grant means nothing. See
//! `rules/K822-memory-reservation-exceeds-limit/README.md`.

use keelson_model::compose::{ComposeService, Text};

use super::k203_privileged_container::note_via;
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

pub(crate) struct MemoryReservationExceedsLimit;
pub(crate) static RULE: MemoryReservationExceedsLimit = MemoryReservationExceedsLimit;

/// A byte size as Compose reads it (go-units `RAMInBytes`): a decimal number with an optional
/// unit `b`, `k`, `m`, `g`, `t`, `p`, optionally followed by `b` or `ib`, any case; units are
/// powers of 1024.
pub(crate) fn parse_bytes(text: &str) -> Option<f64> {
    let t = text.trim().to_ascii_lowercase();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number.parse().ok()?;
    let unit = unit.trim();
    let unit = unit
        .strip_suffix("ib")
        .or_else(|| unit.strip_suffix('b'))
        .unwrap_or(unit);
    let power = match unit {
        "" => 0,
        "k" => 1,
        "m" => 2,
        "g" => 3,
        "t" => 4,
        "p" => 5,
        _ => return None,
    };
    Some(number * 1024f64.powi(power))
}

/// A CPU count (`0.5`, `2`).
fn parse_cpus(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A located, resolved value of the service.
fn value_at(service: &ComposeService, path: &[&str]) -> Option<Text> {
    service
        .value
        .path(path)
        .and_then(Text::from_value)
        .filter(|t| t.is_determined() && !t.value.trim().is_empty())
}

/// A reservation and the limit it is compared with.
type Pair = (Option<Text>, Option<Text>);

/// A parser of the values of a [`Pair`].
type Parse = fn(&str) -> Option<f64>;

/// The effective (reservation, limit) pair for memory: `deploy.resources` wins over the legacy
/// keys, as in Compose.
fn memory_pair(service: &ComposeService) -> Pair {
    let reservation = value_at(service, &["deploy", "resources", "reservations", "memory"])
        .or_else(|| value_at(service, &["mem_reservation"]));
    let limit = value_at(service, &["deploy", "resources", "limits", "memory"])
        .or_else(|| value_at(service, &["mem_limit"]));
    (reservation, limit)
}

fn cpu_pair(service: &ComposeService) -> Pair {
    let reservation = value_at(service, &["deploy", "resources", "reservations", "cpus"]);
    let limit = value_at(service, &["deploy", "resources", "limits", "cpus"])
        .or_else(|| value_at(service, &["cpus"]));
    (reservation, limit)
}

impl Check for MemoryReservationExceedsLimit {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for service in &cx.project.services {
            let checks: [(&str, Pair, Parse); 2] = [
                ("memory", memory_pair(service), parse_bytes),
                ("CPU", cpu_pair(service), parse_cpus),
            ];
            for (what, pair, parse) in checks {
                let (Some(reservation), Some(limit)) = pair else {
                    continue;
                };
                let (Some(r), Some(l)) = (parse(&reservation.value), parse(&limit.value)) else {
                    continue;
                };
                // 0 means "no limit".
                if l <= 0.0 || r <= l {
                    continue;
                }
                let consequence = if what == "memory" {
                    "the engine refuses to create the container (\"Minimum memory limit can not \
                     be less than memory reservation limit\")"
                } else {
                    "the container can never use what it reserves, and Swarm refuses the service"
                };
                let (file, span) = cx.at(reservation.loc);
                let finding = out.report_in(
                    file,
                    span,
                    format!(
                        "service `{}` reserves `{}` of {what} but its {what} limit is `{}`: \
                         {consequence}",
                        service.name,
                        reservation.value.trim(),
                        limit.value.trim()
                    ),
                );
                finding.help(format!(
                    "lower the {what} reservation to at most the limit, or raise the limit"
                ));
                let (lfile, lspan) = cx.at(limit.loc);
                finding.related(lfile, lspan, format!("the {what} limit"));
                note_via(cx, finding, reservation.via, service);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_bytes;

    #[test]
    fn byte_units_follow_compose() {
        assert_eq!(parse_bytes("512"), Some(512.0));
        assert_eq!(parse_bytes("1k"), Some(1024.0));
        assert_eq!(parse_bytes("1KB"), Some(1024.0));
        assert_eq!(parse_bytes("2m"), Some(2.0 * 1024.0 * 1024.0));
        assert_eq!(parse_bytes("1.5G"), Some(1.5 * 1024.0 * 1024.0 * 1024.0));
        assert_eq!(parse_bytes("1gib"), Some(1024.0 * 1024.0 * 1024.0));
        assert_eq!(parse_bytes("3b"), Some(3.0));
        assert_eq!(parse_bytes("lots"), None);
        assert_eq!(parse_bytes("1x"), None);
    }
}
