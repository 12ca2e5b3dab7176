//! Image references: `[registry/]repository[:tag][@digest]`.
//!
//! [`ImageRef::parse`] follows the grammar of the `distribution/reference` package that Docker uses
//! (the "normalized" form that `docker pull` accepts):
//!
//! - the first `/`-separated component is the registry when it contains `.` or `:`, is
//!   `localhost`, or has an uppercase letter; otherwise the registry is `docker.io`;
//! - `index.docker.io` means `docker.io`, and a single-component repository on Docker Hub is an
//!   official image under `library/`;
//! - repository path components are lowercase: `[a-z0-9]+` joined by `.`, `_`, `__` or runs of
//!   `-`, the whole name at most 255 bytes;
//! - a tag is `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`;
//! - a digest is `algorithm:hex`; Docker knows `sha256` (64 hex), `sha384` (96) and `sha512`
//!   (128), lowercase hex only;
//! - a tag and a digest may both be given (`name:tag@digest`; the digest wins when pulling);
//! - a bare 64-hex string is an image id, not a reference, and is rejected.
//!
//! Every part keeps its byte range inside the parsed string so that a rule can point at the tag.

use std::fmt;

use keelson_syntax::Span;

/// The registry used when a reference names none.
pub const DEFAULT_REGISTRY: &str = "docker.io";

/// The namespace of official images on Docker Hub.
pub const OFFICIAL_NAMESPACE: &str = "library";

/// The tag Docker pulls when a reference has neither tag nor digest.
pub const DEFAULT_TAG: &str = "latest";

/// Longest allowed name (registry plus repository, with the `/` between them).
const NAME_MAX_LEN: usize = 255;

/// Longest allowed tag.
const TAG_MAX_LEN: usize = 128;

/// A parsed image reference.
///
/// All spans are byte ranges into the string given to [`ImageRef::parse`]; add the offset of that
/// string in the source file (see [`Span::shift`]) to point into a file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ImageRef {
    /// The registry as written (`ghcr.io`, `localhost:5000`, `index.docker.io`), or `None` when the
    /// reference names no registry (Docker Hub).
    pub registry: Option<String>,
    /// Where [`ImageRef::registry`] is in the parsed string.
    pub registry_span: Option<Span>,
    /// The repository path as written, without registry (`ubuntu`, `library/ubuntu`, `org/app`).
    pub repository: String,
    /// Where [`ImageRef::repository`] is in the parsed string.
    pub repository_span: Span,
    /// The tag, without the `:`.
    pub tag: Option<String>,
    /// Where [`ImageRef::tag`] is in the parsed string (without the `:`).
    pub tag_span: Option<Span>,
    /// The digest, `algorithm:hex`, without the `@`.
    pub digest: Option<String>,
    /// Where [`ImageRef::digest`] is in the parsed string (without the `@`).
    pub digest_span: Option<Span>,
}

/// Why a string is not an image reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageRefError {
    /// The string is empty.
    Empty,
    /// A bare 64-hex string: an image id, which Docker refuses as a repository name.
    ImageId,
    /// The registry part is not a host name with an optional port.
    InvalidRegistry,
    /// The repository path has uppercase letters.
    Uppercase,
    /// The repository path does not follow the component grammar.
    InvalidRepository,
    /// The tag does not follow the tag grammar or is longer than 128 characters.
    InvalidTag,
    /// The digest is not `algorithm:hex`, or the hex part has the wrong length for the algorithm.
    InvalidDigest,
    /// The digest algorithm is not one Docker supports (`sha256`, `sha384`, `sha512`).
    UnsupportedDigestAlgorithm(String),
    /// Registry plus repository is longer than 255 bytes.
    NameTooLong,
}

impl fmt::Display for ImageRefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImageRefError::Empty => f.write_str("empty image reference"),
            ImageRefError::ImageId => {
                f.write_str("a 64-character hexadecimal string is an image id, not a reference")
            }
            ImageRefError::InvalidRegistry => f.write_str("invalid registry host name"),
            ImageRefError::Uppercase => f.write_str("repository name must be lowercase"),
            ImageRefError::InvalidRepository => f.write_str("invalid repository name"),
            ImageRefError::InvalidTag => f.write_str("invalid tag"),
            ImageRefError::InvalidDigest => f.write_str("invalid digest"),
            ImageRefError::UnsupportedDigestAlgorithm(a) => {
                write!(f, "unsupported digest algorithm `{a}`")
            }
            ImageRefError::NameTooLong => f.write_str("repository name is longer than 255 bytes"),
        }
    }
}

impl std::error::Error for ImageRefError {}

impl ImageRef {
    /// Parses `s` as Docker would in `FROM s` or `docker pull s`.
    pub fn parse(s: &str) -> Result<ImageRef, ImageRefError> {
        if s.is_empty() {
            return Err(ImageRefError::Empty);
        }
        if s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
            return Err(ImageRefError::ImageId);
        }

        // Name, tag and digest: neither a name nor a tag may contain `@`.
        let (name_and_tag, digest_part) = match s.find('@') {
            Some(at) => (&s[..at], Some((at + 1, &s[at + 1..]))),
            None => (s, None),
        };

        // Registry: the first component when it looks like a host.
        let (registry, path_start) = match name_and_tag.find('/') {
            Some(slash) => {
                let first = &name_and_tag[..slash];
                let is_host = first.contains(['.', ':'])
                    || first == "localhost"
                    || first.bytes().any(|b| b.is_ascii_uppercase());
                if is_host {
                    (Some(first), slash + 1)
                } else {
                    (None, 0)
                }
            }
            None => (None, 0),
        };
        let rest = &name_and_tag[path_start..];

        // Tag: after the last `:` of the path part (a registry port sits before the first `/`).
        let (path, tag) = match rest.rfind(':') {
            Some(colon) if !rest[colon..].contains('/') => (
                &rest[..colon],
                Some((path_start + colon + 1, &rest[colon + 1..])),
            ),
            _ => (rest, None),
        };

        if let Some(reg) = registry {
            if !is_valid_host(reg) {
                return Err(ImageRefError::InvalidRegistry);
            }
        }
        if path.bytes().any(|b| b.is_ascii_uppercase()) {
            return Err(ImageRefError::Uppercase);
        }
        if !is_valid_path(path) {
            return Err(ImageRefError::InvalidRepository);
        }
        let name_len = registry.map_or(0, |r| r.len() + 1) + path.len();
        if name_len > NAME_MAX_LEN {
            return Err(ImageRefError::NameTooLong);
        }
        if let Some((_, t)) = tag {
            if !is_valid_tag(t) {
                return Err(ImageRefError::InvalidTag);
            }
        }
        if let Some((_, d)) = digest_part {
            validate_digest(d)?;
        }

        Ok(ImageRef {
            registry: registry.map(str::to_owned),
            registry_span: registry.map(|r| Span::new(0, r.len())),
            repository: path.to_owned(),
            repository_span: Span::new(path_start, path_start + path.len()),
            tag: tag.map(|(_, t)| t.to_owned()),
            tag_span: tag.map(|(start, t)| Span::new(start, start + t.len())),
            digest: digest_part.map(|(_, d)| d.to_owned()),
            digest_span: digest_part.map(|(start, d)| Span::new(start, start + d.len())),
        })
    }

    /// The registry with Docker's defaults applied: `docker.io` when none is written, and
    /// `index.docker.io` spelled `docker.io`.
    pub fn registry_or_default(&self) -> &str {
        match self.registry.as_deref() {
            None | Some("index.docker.io") => DEFAULT_REGISTRY,
            Some(r) => r,
        }
    }

    /// Whether the image lives on Docker Hub.
    pub fn is_docker_hub(&self) -> bool {
        self.registry_or_default() == DEFAULT_REGISTRY
    }

    /// The repository path as Docker normalises it: Docker Hub images with a single component get
    /// `library/` (`ubuntu` → `library/ubuntu`).
    pub fn normalized_repository(&self) -> String {
        if self.is_docker_hub() && !self.repository.contains('/') {
            format!("{OFFICIAL_NAMESPACE}/{}", self.repository)
        } else {
            self.repository.clone()
        }
    }

    /// Whether this is an official Docker Hub image (`ubuntu`, `library/ubuntu`).
    pub fn is_official(&self) -> bool {
        self.is_docker_hub() && self.normalized_repository().starts_with("library/")
    }

    /// Registry and normalised repository: `docker.io/library/ubuntu`.
    pub fn full_name(&self) -> String {
        format!(
            "{}/{}",
            self.registry_or_default(),
            self.normalized_repository()
        )
    }

    /// The short name Docker shows: `ubuntu`, `org/app`, `ghcr.io/org/app` (no tag or digest).
    pub fn familiar_name(&self) -> String {
        if self.is_docker_hub() {
            let repo = self.normalized_repository();
            match repo.strip_prefix("library/") {
                Some(short) if !short.contains('/') => short.to_owned(),
                _ => repo,
            }
        } else {
            format!("{}/{}", self.registry_or_default(), self.repository)
        }
    }

    /// The familiar name with tag and digest as written: `ubuntu:22.04`.
    pub fn familiar_string(&self) -> String {
        let mut s = self.familiar_name();
        if let Some(tag) = &self.tag {
            s.push(':');
            s.push_str(tag);
        }
        if let Some(digest) = &self.digest {
            s.push('@');
            s.push_str(digest);
        }
        s
    }

    /// The tag Docker pulls: the written tag, or `latest` when neither tag nor digest is written.
    /// `None` for a digest-only reference.
    pub fn effective_tag(&self) -> Option<&str> {
        match (&self.tag, &self.digest) {
            (Some(t), _) => Some(t),
            (None, None) => Some(DEFAULT_TAG),
            (None, Some(_)) => None,
        }
    }

    /// Whether Docker pulls the `latest` tag without a digest: `:latest` written, or neither tag
    /// nor digest written. A digest pins the image even when the tag says `latest`.
    pub fn is_latest(&self) -> bool {
        self.digest.is_none() && self.effective_tag() == Some(DEFAULT_TAG)
    }

    /// Whether neither a tag nor a digest is written (Docker then pulls `latest`).
    pub fn is_untagged(&self) -> bool {
        self.tag.is_none() && self.digest.is_none()
    }

    /// Whether the reference carries a digest, with or without a tag.
    pub fn is_pinned_by_digest(&self) -> bool {
        self.digest.is_some()
    }

    /// The digest algorithm (`sha256`), when a digest is written.
    pub fn digest_algorithm(&self) -> Option<&str> {
        self.digest
            .as_deref()
            .and_then(|d| d.split_once(':'))
            .map(|(a, _)| a)
    }

    /// Whether this is `scratch`, Docker's empty base (compared case-insensitively, bare name
    /// only).
    pub fn is_scratch(&self) -> bool {
        self.registry.is_none()
            && self.tag.is_none()
            && self.digest.is_none()
            && self.repository.eq_ignore_ascii_case("scratch")
    }
}

impl fmt::Display for ImageRef {
    /// The reference as written (registry only when written).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(r) = &self.registry {
            write!(f, "{r}/")?;
        }
        f.write_str(&self.repository)?;
        if let Some(t) = &self.tag {
            write!(f, ":{t}")?;
        }
        if let Some(d) = &self.digest {
            write!(f, "@{d}")?;
        }
        Ok(())
    }
}

/// `domain-component ('.' domain-component)* (':' port)?`, or a bracketed IPv6 address with an
/// optional port.
fn is_valid_host(host: &str) -> bool {
    let (name, port) = if let Some(inner) = host.strip_prefix('[') {
        let Some(close) = inner.find(']') else {
            return false;
        };
        let addr = &inner[..close];
        if addr.is_empty() || !addr.bytes().all(|b| b.is_ascii_hexdigit() || b == b':') {
            return false;
        }
        let after = &inner[close + 1..];
        if after.is_empty() {
            return true;
        }
        match after.strip_prefix(':') {
            Some(port) => return !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()),
            None => return false,
        }
    } else {
        match host.split_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        }
    };
    if let Some(port) = port {
        if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    !name.is_empty() && name.split('.').all(is_valid_domain_component)
}

/// `[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]`.
fn is_valid_domain_component(c: &str) -> bool {
    let b = c.as_bytes();
    match (b.first(), b.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && b.iter().all(|x| x.is_ascii_alphanumeric() || *x == b'-')
        }
        _ => false,
    }
}

/// `path-component ('/' path-component)*`.
fn is_valid_path(path: &str) -> bool {
    !path.is_empty() && path.split('/').all(is_valid_path_component)
}

/// `[a-z0-9]+ (([._]|__|-+) [a-z0-9]+)*`.
fn is_valid_path_component(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    let mut i = 0;
    let mut need_alnum = true;
    while i < b.len() {
        let x = b[i];
        if alnum(x) {
            need_alnum = false;
            i += 1;
            continue;
        }
        if need_alnum {
            return false;
        }
        // A separator: `.`, `_`, `__`, or any run of `-`.
        match x {
            b'.' => i += 1,
            b'_' => {
                i += 1;
                if b.get(i) == Some(&b'_') {
                    i += 1;
                }
            }
            b'-' => {
                while b.get(i) == Some(&b'-') {
                    i += 1;
                }
            }
            _ => return false,
        }
        need_alnum = true;
    }
    !need_alnum
}

/// `[\w][\w.-]{0,127}`.
fn is_valid_tag(tag: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let b = tag.as_bytes();
    match b.first() {
        Some(&first) if word(first) => {
            b.len() <= TAG_MAX_LEN && b.iter().all(|&x| word(x) || x == b'.' || x == b'-')
        }
        _ => false,
    }
}

/// `algorithm:hex`, with the algorithm grammar
/// `[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*` and the hex length Docker checks for the
/// algorithms it supports.
fn validate_digest(d: &str) -> Result<(), ImageRefError> {
    let Some((alg, hex)) = d.split_once(':') else {
        return Err(ImageRefError::InvalidDigest);
    };
    let alg_ok = !alg.is_empty()
        && alg.split(['-', '_', '+', '.']).all(|part| {
            let b = part.as_bytes();
            matches!(b.first(), Some(f) if f.is_ascii_alphabetic())
                && b.iter().all(u8::is_ascii_alphanumeric)
        });
    if !alg_ok || hex.len() < 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ImageRefError::InvalidDigest);
    }
    let expected_len = match alg {
        "sha256" => 64,
        "sha384" => 96,
        "sha512" => 128,
        other => return Err(ImageRefError::UnsupportedDigestAlgorithm(other.to_owned())),
    };
    if hex.len() != expected_len || hex.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(ImageRefError::InvalidDigest);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "sha256:2d7ec18e8ff8cd3da1f8a8a1f1b9b8f2e5c4b6a3d2e1f0a9b8c7d6e5f4a3b2c1";

    fn ok(s: &str) -> ImageRef {
        match ImageRef::parse(s) {
            Ok(r) => r,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    fn span_text(s: &str, span: Option<Span>) -> Option<&str> {
        span.map(|sp| sp.text(s))
    }

    #[test]
    fn docker_hub_official_image_is_normalised() {
        let r = ok("ubuntu");
        assert_eq!(r.registry, None);
        assert_eq!(r.registry_or_default(), "docker.io");
        assert_eq!(r.repository, "ubuntu");
        assert_eq!(r.normalized_repository(), "library/ubuntu");
        assert_eq!(r.full_name(), "docker.io/library/ubuntu");
        assert_eq!(r.familiar_name(), "ubuntu");
        assert!(r.is_official());
        assert!(r.is_untagged());
        assert!(r.is_latest());
        assert!(!r.is_pinned_by_digest());
        assert_eq!(r.effective_tag(), Some("latest"));
    }

    #[test]
    fn docker_hub_spellings_agree() {
        for s in [
            "ubuntu:22.04",
            "library/ubuntu:22.04",
            "docker.io/ubuntu:22.04",
            "docker.io/library/ubuntu:22.04",
            "index.docker.io/library/ubuntu:22.04",
        ] {
            let r = ok(s);
            assert_eq!(r.full_name(), "docker.io/library/ubuntu", "{s}");
            assert_eq!(r.familiar_name(), "ubuntu", "{s}");
            assert_eq!(r.tag.as_deref(), Some("22.04"), "{s}");
            assert_eq!(span_text(s, r.tag_span), Some("22.04"), "{s}");
        }
        let r = ok("docker.io/ubuntu");
        assert_eq!(r.registry.as_deref(), Some("docker.io"));
        assert_eq!(
            span_text("docker.io/ubuntu", r.registry_span),
            Some("docker.io")
        );
    }

    #[test]
    fn user_repository_on_docker_hub() {
        let r = ok("bitnami/redis:7.2");
        assert_eq!(r.registry, None);
        assert_eq!(r.full_name(), "docker.io/bitnami/redis");
        assert_eq!(r.familiar_name(), "bitnami/redis");
        assert!(!r.is_official());
    }

    #[test]
    fn localhost_with_port() {
        let s = "localhost:5000/x:y";
        let r = ok(s);
        assert_eq!(r.registry.as_deref(), Some("localhost:5000"));
        assert_eq!(r.repository, "x");
        assert_eq!(r.tag.as_deref(), Some("y"));
        assert_eq!(span_text(s, r.registry_span), Some("localhost:5000"));
        assert_eq!(r.repository_span.text(s), "x");
        assert_eq!(span_text(s, r.tag_span), Some("y"));
        assert_eq!(r.familiar_name(), "localhost:5000/x");
        // Without a `/`, `localhost:5000` is the repository `localhost` with tag `5000`.
        let r = ok("localhost:5000");
        assert_eq!(r.registry, None);
        assert_eq!(r.repository, "localhost");
        assert_eq!(r.tag.as_deref(), Some("5000"));
        let r = ok("localhost/x");
        assert_eq!(r.registry.as_deref(), Some("localhost"));
    }

    #[test]
    fn ghcr_with_digest() {
        let s = format!("ghcr.io/o/r@{SHA}");
        let r = ok(&s);
        assert_eq!(r.registry.as_deref(), Some("ghcr.io"));
        assert_eq!(r.repository, "o/r");
        assert_eq!(r.tag, None);
        assert_eq!(r.digest.as_deref(), Some(SHA));
        assert_eq!(span_text(&s, r.digest_span), Some(SHA));
        assert!(r.is_pinned_by_digest());
        assert!(!r.is_latest());
        assert!(!r.is_untagged());
        assert_eq!(r.effective_tag(), None);
        assert_eq!(r.digest_algorithm(), Some("sha256"));
        assert_eq!(r.familiar_name(), "ghcr.io/o/r");
        assert_eq!(r.to_string(), s);
    }

    #[test]
    fn port_namespace_tag_and_digest() {
        let s = format!("registry:5000/ns/x:1.0@{SHA}");
        let r = ok(&s);
        assert_eq!(r.registry.as_deref(), Some("registry:5000"));
        assert_eq!(r.repository, "ns/x");
        assert_eq!(r.tag.as_deref(), Some("1.0"));
        assert_eq!(r.digest.as_deref(), Some(SHA));
        assert_eq!(r.repository_span.text(&s), "ns/x");
        assert_eq!(span_text(&s, r.tag_span), Some("1.0"));
        assert_eq!(span_text(&s, r.digest_span), Some(SHA));
        assert!(r.is_pinned_by_digest());
        assert_eq!(r.familiar_string(), s);
    }

    #[test]
    fn latest_with_digest_is_pinned() {
        let r = ok(&format!("node:latest@{SHA}"));
        assert!(!r.is_latest());
        assert!(ok("node:latest").is_latest());
        assert!(!ok("node:latest").is_untagged());
        assert!(!ok("node:20").is_latest());
    }

    #[test]
    fn uppercase_is_rejected() {
        assert_eq!(ImageRef::parse("Ubuntu"), Err(ImageRefError::Uppercase));
        assert_eq!(
            ImageRef::parse("org/MyApp:1"),
            Err(ImageRefError::Uppercase)
        );
        // An uppercase first component is taken as a registry host, which allows uppercase.
        let r = ok("MyRegistry/app");
        assert_eq!(r.registry.as_deref(), Some("MyRegistry"));
        // Tags may be uppercase.
        assert_eq!(ok("ubuntu:Jammy").tag.as_deref(), Some("Jammy"));
    }

    #[test]
    fn scratch_is_an_ordinary_reference_flagged_as_scratch() {
        let r = ok("scratch");
        assert!(r.is_scratch());
        assert_eq!(r.full_name(), "docker.io/library/scratch");
        assert!(!ok("scratch:1").is_scratch());
        assert!(!ok("ubuntu").is_scratch());
    }

    #[test]
    fn invalid_references() {
        use ImageRefError::*;
        let cases: &[(&str, ImageRefError)] = &[
            ("", Empty),
            (
                "2d7ec18e8ff8cd3da1f8a8a1f1b9b8f2e5c4b6a3d2e1f0a9b8c7d6e5f4a3b2c1",
                ImageId,
            ),
            ("ubuntu:", InvalidTag),
            ("ubuntu:-x", InvalidTag),
            ("ubuntu:a/b", InvalidRegistry),
            ("-ubuntu", InvalidRepository),
            ("ubuntu-", InvalidRepository),
            ("ub..untu", InvalidRepository),
            ("ub___untu", InvalidRepository),
            ("a//b", InvalidRepository),
            ("ghcr.io/", InvalidRepository),
            ("ghcr.io:/x", InvalidRegistry),
            ("-ghcr.io/x", InvalidRegistry),
            ("ubuntu@sha256:abc", InvalidDigest),
            ("ubuntu@sha256", InvalidDigest),
            (
                "ubuntu@md5:0123456789abcdef0123456789abcdef",
                UnsupportedDigestAlgorithm("md5".into()),
            ),
            ("$BASE", Uppercase),
            ("$base", InvalidRepository),
            ("ubuntu:${TAG}", InvalidTag),
            ("ubuntu foo", InvalidRepository),
        ];
        for (s, want) in cases {
            assert_eq!(ImageRef::parse(s).as_ref(), Err(want), "{s:?}");
        }
        let long_tag = format!("x:{}", "a".repeat(129));
        assert_eq!(ImageRef::parse(&long_tag), Err(InvalidTag));
        assert!(ImageRef::parse(&format!("x:{}", "a".repeat(128))).is_ok());
        let long_name = "a/".repeat(128) + "a";
        assert_eq!(ImageRef::parse(&long_name), Err(NameTooLong));
        let upper_digest = format!("x@{}", SHA.to_uppercase().replace("SHA256", "sha256"));
        assert_eq!(ImageRef::parse(&upper_digest), Err(InvalidDigest));
    }

    #[test]
    fn separators() {
        for s in [
            "a.b",
            "a_b",
            "a__b",
            "a-b",
            "a---b",
            "a.b-c_d__e",
            "0",
            "a/b/c/d",
        ] {
            assert!(ImageRef::parse(s).is_ok(), "{s}");
        }
        assert!(ImageRef::parse("[::1]:5000/x").is_ok());
        assert!(ImageRef::parse("[::1]/x").is_ok());
        assert!(ImageRef::parse("[zz]/x").is_err());
    }

    #[test]
    fn random_strings_never_panic_and_spans_fit() {
        let alphabet: Vec<char> = "ab0:/@.-_[]Aé".chars().collect();
        let mut seed: u64 = 7;
        for _ in 0..50_000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (seed >> 59) as usize;
            let mut s = String::new();
            for _ in 0..len {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push(alphabet[(seed >> 33) as usize % alphabet.len()]);
            }
            if let Ok(r) = ImageRef::parse(&s) {
                assert_eq!(r.repository_span.text(&s), r.repository, "{s:?}");
                assert_eq!(span_text(&s, r.tag_span), r.tag.as_deref(), "{s:?}");
                assert_eq!(span_text(&s, r.digest_span), r.digest.as_deref(), "{s:?}");
                assert_eq!(
                    span_text(&s, r.registry_span),
                    r.registry.as_deref(),
                    "{s:?}"
                );
                assert_eq!(r.to_string(), s, "{s:?}");
            }
        }
    }

    #[test]
    fn never_panics_on_odd_bytes() {
        for s in [
            "@", ":", "/", "a@", "@b", "é", "a:é", "a/é", "[", "[/x", "é/x", ":@/", "x@:",
        ] {
            let _ = ImageRef::parse(s);
        }
    }
}
