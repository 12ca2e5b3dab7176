//! K403 untrusted-registry: an image from a registry (or namespace) that
//! `options.trusted-registries` does not list. Reports nothing while the list is empty.
//!
//! Names are compared the way Docker normalises them: Docker Hub is `docker.io` (also when the
//! reference names no registry, or says `index.docker.io`), and official images live under
//! `docker.io/library`. An entry matches whole path components, so `ghcr.io/acme` covers
//! `ghcr.io/acme/app` but not `ghcr.io/acme-corp/app`.

use super::k401_unpinned_image::images::{self, ImageUse, Pending};
use crate::context::{ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, BOTH};
use keelson_model::image::ImageRef;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: BOTH,
    peers: &[peer("hadolint", "DL3026")],
    fixable: false,
};

pub(crate) struct UntrustedRegistry;
pub(crate) static RULE: UntrustedRegistry = UntrustedRegistry;

impl Check for UntrustedRegistry {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        if let Some(trusted) = Trusted::from_options(&cx.config.options.trusted_registries) {
            images::check_dockerfile(cx, out, |u| trusted.judge(u));
        }
    }

    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        if let Some(trusted) = Trusted::from_options(&cx.config.options.trusted_registries) {
            images::check_compose(cx, out, |u| trusted.judge(u));
        }
    }
}

/// The normalised `trusted-registries` entries.
struct Trusted {
    /// Each entry split into path components, the registry first.
    entries: Vec<Vec<String>>,
    /// The entries as written, for messages.
    listed: String,
}

impl Trusted {
    /// `None` when the list is empty (the rule is then off).
    fn from_options(list: &[String]) -> Option<Trusted> {
        let entries: Vec<Vec<String>> = list.iter().filter_map(|e| normalize_entry(e)).collect();
        if entries.is_empty() {
            return None;
        }
        let listed = list
            .iter()
            .filter(|e| !e.trim().is_empty())
            .map(|e| format!("`{}`", e.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        Some(Trusted { entries, listed })
    }

    fn covers(&self, image: &ImageRef) -> bool {
        let name = image_components(image);
        self.entries
            .iter()
            .any(|e| e.len() <= name.len() && e.iter().zip(&name).all(|(a, b)| a == b))
    }

    fn judge(&self, u: &ImageUse) -> Option<Pending> {
        if self.covers(&u.image) {
            return None;
        }
        let place = u.start.clone();
        let full = u.image.full_name();
        let message = format!(
            "{} comes from `{full}`, which no entry of `trusted-registries` covers ({}); an image \
             from a source nobody vetted runs whatever its publisher put in it",
            u.subject(&place),
            self.listed
        );
        let help = "pull the image from a trusted registry (mirror it there after review), or add \
                    its registry or `registry/namespace` to `trusted-registries` in keelson.toml";
        Some(Pending::new(place, message, help.to_string()))
    }
}

/// `docker.io/library/ubuntu` → `["docker.io", "library", "ubuntu"]` (registry lower-cased).
fn image_components(image: &ImageRef) -> Vec<String> {
    let registry = match image.registry_or_default().to_ascii_lowercase().as_str() {
        "index.docker.io" => "docker.io".to_string(),
        other => other.to_string(),
    };
    let mut parts = vec![registry];
    parts.extend(image.normalized_repository().split('/').map(str::to_string));
    parts
}

/// An entry as path components: a scheme and trailing `/` removed, the registry lower-cased,
/// `index.docker.io` spelled `docker.io`, and an entry that names no registry
/// (`bitnami`) read as a Docker Hub namespace, the way Docker reads image names.
fn normalize_entry(entry: &str) -> Option<Vec<String>> {
    let e = entry.trim();
    let e = e
        .strip_prefix("https://")
        .or_else(|| e.strip_prefix("http://"))
        .unwrap_or(e);
    let e = e.trim_matches('/');
    if e.is_empty() {
        return None;
    }
    let mut parts: Vec<String> = e.split('/').map(str::to_string).collect();
    let first = parts.first()?.to_ascii_lowercase();
    let is_host = first.contains(['.', ':']) || first == "localhost";
    if is_host {
        let host = match first.as_str() {
            "index.docker.io" => "docker.io".to_string(),
            _ => first,
        };
        if let Some(p) = parts.first_mut() {
            *p = host;
        }
    } else {
        parts.insert(0, "docker.io".to_string());
    }
    if parts.iter().any(String::is_empty) {
        return None;
    }
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trusted(list: &[&str]) -> Trusted {
        let list: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        match Trusted::from_options(&list) {
            Some(t) => t,
            None => panic!("empty list"),
        }
    }

    fn covered(list: &[&str], image: &str) -> bool {
        match ImageRef::parse(image) {
            Ok(r) => trusted(list).covers(&r),
            Err(e) => panic!("{image}: {e}"),
        }
    }

    #[test]
    fn docker_hub_spellings() {
        for image in [
            "nginx",
            "library/nginx:1",
            "docker.io/nginx",
            "index.docker.io/library/nginx",
        ] {
            assert!(covered(&["docker.io"], image), "{image}");
            assert!(covered(&["docker.io/library"], image), "{image}");
            assert!(covered(&["index.docker.io"], image), "{image}");
        }
        assert!(covered(&["docker.io"], "bitnami/redis:7"));
        assert!(!covered(&["docker.io/library"], "bitnami/redis:7"));
        assert!(covered(&["bitnami"], "bitnami/redis:7"));
        assert!(covered(&["https://docker.io/"], "bitnami/redis:7"));
    }

    #[test]
    fn whole_components_only() {
        assert!(covered(&["ghcr.io/acme"], "ghcr.io/acme/app:1"));
        assert!(!covered(&["ghcr.io/acme"], "ghcr.io/acme-corp/app:1"));
        assert!(covered(&["ghcr.io/acme"], "ghcr.io/acme"));
        assert!(covered(&["GHCR.io"], "ghcr.io/x/y"));
        assert!(!covered(&["ghcr.io"], "docker.io/ghcr.io"));
        assert!(!covered(&["docker.io"], "ghcr.io/library/nginx"));
    }

    #[test]
    fn ports_are_part_of_the_registry() {
        assert!(covered(&["localhost:5000"], "localhost:5000/app"));
        assert!(!covered(&["localhost"], "localhost:5000/app"));
        assert!(!covered(&["localhost:5000"], "localhost/app"));
    }

    #[test]
    fn blank_entries_are_ignored() {
        assert!(Trusted::from_options(&[" ".to_string(), "/".to_string()]).is_none());
        assert!(Trusted::from_options(&[]).is_none());
    }
}
