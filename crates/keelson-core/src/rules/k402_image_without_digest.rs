//! K402 image-without-digest: an image pinned by tag only. A tag can be moved to other content;
//! a digest cannot. Info by default, an error with `options.require-digest = true`.
//!
//! Images with no tag or `latest` are K401's; with `require-digest` this rule reports them too,
//! so that a build gate on errors sees every image without a digest.

use super::k401_unpinned_image::images::{self, ImageUse, Pending};
use crate::context::{ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, BOTH};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::SupplyChain,
    severity: Severity::Info,
    enabled_by_default: true,
    file_kinds: BOTH,
    peers: &[
        peer("semgrep", "dockerfile-source-not-pinned"),
        peer("compose-lint", "CL-0019"),
    ],
    fixable: false,
};

pub(crate) struct ImageWithoutDigest;
pub(crate) static RULE: ImageWithoutDigest = ImageWithoutDigest;

impl Check for ImageWithoutDigest {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let require = cx.config.options.require_digest;
        images::check_dockerfile(cx, out, |u| judge(u, require));
    }

    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        let require = cx.config.options.require_digest;
        images::check_compose(cx, out, |u| judge(u, require));
    }
}

fn judge(u: &ImageUse, require_digest: bool) -> Option<Pending> {
    let image = &u.image;
    if image.digest.is_some() {
        return None;
    }
    let floating = matches!(image.tag.as_deref(), None | Some("latest"));
    if floating && !require_digest {
        return None;
    }
    let place = u.end.clone();
    let message = format!(
        "{} is not pinned by digest: its publisher, or anyone who takes over the publisher's \
         account, can point the tag at other content at any time, and the next pull silently \
         gets it",
        u.subject(&place)
    );
    let with_tag = match &image.tag {
        Some(tag) if !floating => format!("{}:{tag}", images::name_as_written(image)),
        _ => format!("{}:<version>", images::name_as_written(image)),
    };
    let help = format!(
        "append the digest of the image you reviewed, as in `{with_tag}@sha256:<digest>` \
         (`docker buildx imagetools inspect {with_tag}` prints it); the pull then gets exactly \
         that image, and the tag stays as documentation"
    );
    let mut pending = Pending::new(place, message, help);
    if require_digest {
        pending.severity = Some(Severity::Error);
    }
    Some(pending)
}
