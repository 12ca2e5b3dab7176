//! Service `ports`: short syntax (`"127.0.0.1:8080:80/tcp"`, ranges, `[::1]:80:80`) and long
//! syntax (`target`, `published`, `host_ip`, `protocol`, `mode`), normalised to [`PortMapping`].

use super::issue::{ComposeIssue, IssueKind};
use super::loc::Loc;
use super::text::Text;
use super::value::{Value, ValueKind};

/// A port or an inclusive range of ports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PortRange {
    /// First port.
    pub start: u32,
    /// Last port (equal to `start` for a single port).
    pub end: u32,
}

impl PortRange {
    /// Parses `80` or `8000-8010`. Ports above 65535 are kept (a rule reports them).
    pub fn parse(text: &str) -> Option<PortRange> {
        let text = text.trim();
        let (a, b) = match text.split_once('-') {
            Some((a, b)) => (a, b),
            None => (text, text),
        };
        let start = parse_u32(a)?;
        let end = parse_u32(b)?;
        (start <= end).then_some(PortRange { start, end })
    }

    /// Whether `port` is in the range.
    pub fn contains(&self, port: u32) -> bool {
        self.start <= port && port <= self.end
    }
}

fn parse_u32(s: &str) -> Option<u32> {
    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// One published or exposed port of a service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PortMapping {
    /// The host address the port is bound to (`127.0.0.1`, `::1` without brackets); `None`
    /// binds every interface.
    pub host_ip: Option<String>,
    /// The host port or range as written (after interpolation); `None` when not given (the
    /// engine picks a random host port).
    pub published: Option<String>,
    /// The container port or range.
    pub target: Option<String>,
    /// `tcp`, `udp`, … (`None`: tcp).
    pub protocol: Option<String>,
    /// Long syntax `mode` (`host` or `ingress`).
    pub mode: Option<String>,
    /// Long syntax `name`.
    pub name: Option<String>,
    /// `published` parsed.
    pub published_range: Option<PortRange>,
    /// `target` parsed.
    pub target_range: Option<PortRange>,
    /// The whole item (the string, or the long-syntax mapping).
    pub loc: Loc,
    /// The alias, merge key or `extends` that brought the item in, if any.
    pub via: Option<Loc>,
    /// The short-syntax string, when the short syntax was used.
    pub text: Option<Text>,
    /// Whether every variable the item depends on was resolved.
    pub determined: bool,
}

impl PortMapping {
    /// Whether the port listens on every host interface: no `host_ip`, or `0.0.0.0` / `::`.
    /// (Every `ports` entry is published; without a host port the engine picks a random one.)
    pub fn binds_all_interfaces(&self) -> bool {
        match self.host_ip.as_deref() {
            None => true,
            Some(ip) => matches!(ip, "" | "0.0.0.0" | "::" | "[::]"),
        }
    }

    /// The merge key Compose uses for `ports`: `{ip, target, published, protocol}`.
    pub fn merge_key(&self) -> String {
        format!(
            "{}|{}|{}|{}",
            self.host_ip.as_deref().unwrap_or(""),
            self.target.as_deref().unwrap_or(""),
            self.published.as_deref().unwrap_or(""),
            self.protocol.as_deref().unwrap_or("tcp"),
        )
    }
}

/// The parts of a short-syntax port.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShortPort {
    /// Host IP, without IPv6 brackets.
    pub host_ip: Option<String>,
    /// Host port or range (`None` when absent or empty, as in `127.0.0.1::80`).
    pub published: Option<String>,
    /// Container port or range.
    pub target: String,
    /// Protocol after `/`.
    pub protocol: Option<String>,
}

/// Parses the short syntax `[[IP:](HOST|):]CONTAINER[/PROTOCOL]`.
pub fn parse_short_port(spec: &str) -> Result<ShortPort, String> {
    let spec = spec.trim();
    if spec.is_empty() {
        return Err("empty port".to_string());
    }
    let (rest, protocol) = match spec.rsplit_once('/') {
        Some((r, p)) => (r, Some(p.to_string())),
        None => (spec, None),
    };
    let mut out = ShortPort {
        protocol,
        ..ShortPort::default()
    };
    let (ip, published, target) = if let Some(bracketed) = rest.strip_prefix('[') {
        let (ip, after) = bracketed
            .split_once(']')
            .ok_or_else(|| format!("`{spec}`: `[` without `]`"))?;
        let after = after
            .strip_prefix(':')
            .ok_or_else(|| format!("`{spec}`: expected `:` after the IPv6 address"))?;
        let (p, t) = after
            .rsplit_once(':')
            .ok_or_else(|| format!("`{spec}`: expected `HOST:CONTAINER` after the address"))?;
        (Some(ip), Some(p), t)
    } else {
        let parts: Vec<&str> = rest.rsplitn(3, ':').collect();
        match parts.as_slice() {
            [t] => (None, None, *t),
            [t, p] => (None, Some(*p), *t),
            [t, p, ip] => (Some(*ip), Some(*p), *t),
            _ => return Err(format!("`{spec}` is not a port")),
        }
    };
    if PortRange::parse(target).is_none() {
        return Err(format!(
            "`{spec}`: `{target}` is not a container port or range"
        ));
    }
    if let Some(p) = published {
        if !p.is_empty() && PortRange::parse(p).is_none() {
            return Err(format!("`{spec}`: `{p}` is not a host port or range"));
        }
        out.published = (!p.is_empty()).then(|| p.to_string());
    }
    out.host_ip = ip.map(str::to_string);
    out.target = target.to_string();
    Ok(out)
}

/// Reads one item of `ports`.
pub(crate) fn port_mapping(item: &Value, issues: &mut Vec<ComposeIssue>) -> Option<PortMapping> {
    match &item.kind {
        ValueKind::Scalar(s) => {
            let text = Text::from_value(item);
            let determined = s.is_determined();
            match parse_short_port(&s.value) {
                Ok(p) => Some(PortMapping {
                    published_range: p.published.as_deref().and_then(PortRange::parse),
                    target_range: PortRange::parse(&p.target),
                    host_ip: p.host_ip,
                    published: p.published,
                    target: Some(p.target),
                    protocol: p.protocol,
                    mode: None,
                    name: None,
                    loc: item.loc,
                    via: item.via,
                    text,
                    determined,
                }),
                Err(message) => {
                    // A port controlled by an unresolved variable is not the user's mistake.
                    if determined {
                        issues.push(ComposeIssue::new(
                            IssueKind::WrongType,
                            item.loc,
                            format!("invalid port {message}"),
                        ));
                    }
                    None
                }
            }
        }
        ValueKind::Mapping(_) => {
            let field = |k: &str| item.get(k).and_then(Text::from_value);
            let target = field("target");
            let published = field("published");
            let host_ip = field("host_ip");
            let determined = [&target, &published, &host_ip]
                .iter()
                .all(|t| t.as_ref().is_none_or(Text::is_determined));
            let target_s = target.map(|t| t.value);
            let published_s = published.map(|t| t.value).filter(|p| !p.is_empty());
            Some(PortMapping {
                published_range: published_s.as_deref().and_then(PortRange::parse),
                target_range: target_s.as_deref().and_then(PortRange::parse),
                host_ip: host_ip
                    .map(|t| {
                        t.value
                            .trim_start_matches('[')
                            .trim_end_matches(']')
                            .to_string()
                    })
                    .filter(|s| !s.is_empty()),
                published: published_s,
                target: target_s,
                protocol: field("protocol").map(|t| t.value),
                mode: field("mode").map(|t| t.value),
                name: field("name").map(|t| t.value),
                loc: item.loc,
                via: item.via,
                text: None,
                determined,
            })
        }
        ValueKind::Null => None,
        ValueKind::Sequence(_) => {
            issues.push(ComposeIssue::new(
                IssueKind::WrongType,
                item.loc,
                "a port must be a string, a number or a mapping, not a sequence",
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_syntax_table() {
        let ok = |s: &str| parse_short_port(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        let p = ok("3000");
        assert_eq!(
            (p.host_ip, p.published, p.target.as_str()),
            (None, None, "3000")
        );
        let p = ok("3000-3005");
        assert_eq!(p.target, "3000-3005");
        let p = ok("8000:80");
        assert_eq!(p.published.as_deref(), Some("8000"));
        let p = ok("127.0.0.1:8001:8001");
        assert_eq!(p.host_ip.as_deref(), Some("127.0.0.1"));
        let p = ok("127.0.0.1:5000-5010:5000-5010");
        assert_eq!(p.published.as_deref(), Some("5000-5010"));
        let p = ok("::1:6000:6000");
        assert_eq!(p.host_ip.as_deref(), Some("::1"));
        assert_eq!(p.published.as_deref(), Some("6000"));
        let p = ok("[::1]:6001:6001");
        assert_eq!(p.host_ip.as_deref(), Some("::1"));
        let p = ok("6060:6060/udp");
        assert_eq!(p.protocol.as_deref(), Some("udp"));
        let p = ok("127.0.0.1::80");
        assert_eq!(
            (p.host_ip.as_deref(), p.published),
            (Some("127.0.0.1"), None)
        );
        assert!(parse_short_port("").is_err());
        assert!(parse_short_port("abc").is_err());
        assert!(parse_short_port("1.2.3.4:80").is_err());
        assert!(parse_short_port("[::1:80:80").is_err());
    }

    #[test]
    fn ranges() {
        assert_eq!(
            PortRange::parse("80"),
            Some(PortRange { start: 80, end: 80 })
        );
        assert_eq!(
            PortRange::parse("8000-8010"),
            Some(PortRange {
                start: 8000,
                end: 8010
            })
        );
        assert_eq!(PortRange::parse("9-1"), None);
        assert_eq!(PortRange::parse(""), None);
    }
}
