//! K621 invalid-exposed-port: an `EXPOSE` value that is not a port, a port range or
//! `port/protocol` (out of range, a host mapping, an unknown protocol). See
//! `rules/K621-invalid-exposed-port/README.md`.

use keelson_syntax::dockerfile::InstructionArgs;

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Network,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[
        peer("hadolint", "DL3011"),
        peer("trivy", "DS-0008"),
        peer("kics", "UNIX Ports Out Of Range"),
        peer("buildkit", "ExposeInvalidFormat"),
    ],
    fixable: false,
};

pub(crate) struct InvalidExposedPort;
pub(crate) static RULE: InvalidExposedPort = InvalidExposedPort;

impl Check for InvalidExposedPort {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            let InstructionArgs::Expose(list) = &ins.view else {
                continue;
            };
            let Some(id) = cx.model.id_of(ins) else {
                continue;
            };
            for word in &list.words {
                let expansion = cx.model.expand_at(id, &word.raw);
                let Some(value) = expansion.resolved() else {
                    continue;
                };
                for field in value.split_whitespace() {
                    if let Some((problem, help)) = problem(field) {
                        out.report(word.span, format!("`EXPOSE {field}`: {problem}"))
                            .help(help);
                    }
                }
            }
        }
    }
}

/// What is wrong with one expanded `EXPOSE` value, and the help line.
fn problem(value: &str) -> Option<(String, &'static str)> {
    let (ports, proto) = match value.split_once('/') {
        Some((p, proto)) => (p, Some(proto)),
        None => (value, None),
    };
    if let Some(proto) = proto {
        if !matches!(proto.to_ascii_lowercase().as_str(), "tcp" | "udp" | "sctp") {
            return Some((
                format!(
                    "`{proto}` is not a protocol Docker knows (tcp, udp, sctp), so the build fails"
                ),
                "write the port as `PORT`, `PORT/tcp`, `PORT/udp` or `PORT/sctp`",
            ));
        }
    }
    if ports.contains(':') {
        return Some((
            "EXPOSE takes container ports only; an IP address or a host port (`8080:80`) is ignored \
             at best, because publishing is decided by `docker run -p` or compose `ports:`"
                .to_owned(),
            "keep only the container port (`EXPOSE 80`) and map it when running the container",
        ));
    }
    let (a, b) = match ports.split_once('-') {
        Some((a, b)) => (a, Some(b)),
        None => (ports, None),
    };
    let parse = |s: &str| -> Option<u64> {
        (!s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u64>().ok())
            .flatten()
    };
    let start = parse(a);
    let end = b.map(parse);
    let bad_port = |n: Option<u64>| n.is_none_or(|n| n == 0 || n > 65535);
    let invalid = match end {
        None => bad_port(start),
        Some(end) => bad_port(start) || bad_port(end) || start > end,
    };
    if !invalid {
        return None;
    }
    let why = if start.is_none() || end.is_some_and(|e| e.is_none()) {
        "it is not a port number, so the build fails".to_owned()
    } else if end.is_some() && start > end.flatten() && !bad_port(start) {
        "the range ends before it starts, so the build fails".to_owned()
    } else {
        "ports are numbered 1 to 65535, so this port cannot exist".to_owned()
    };
    Some((
        why,
        "use a port between 1 and 65535 (a range as `START-END`)",
    ))
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn accepts_ports_ranges_and_protocols() {
        for ok in ["80", "80/tcp", "53/UDP", "8000-8010", "1-65535/sctp"] {
            assert!(problem(ok).is_none(), "{ok}");
        }
    }

    #[test]
    fn rejects_what_docker_rejects() {
        for bad in [
            "0",
            "65536",
            "80/http",
            "8080:80",
            "abc",
            "90-80",
            "80-",
            "127.0.0.1:80",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}
