//! Provider-format secrets anywhere in a text: [`scan_text`].
//!
//! Each detector has literal keywords (token prefixes such as `ghp_`, `AKIA`, `-----BEGIN`). One
//! `aho-corasick` pass over the text (ASCII case-insensitive) finds which detectors can match at
//! all, so a text with none of the keywords costs that single pass. A detector's regex is compiled
//! the first time one of its keywords is seen (`OnceLock` per detector) with a generous size limit
//! (large bounded repetitions exceed `regex`'s 10 MB default).
//!
//! The patterns are written for keelson from the public token formats (prefix, length, alphabet);
//! no other project's rule file is vendored.

use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder};

use super::entropy::{distinct, looks_random};
use super::names::is_secret_name;
use super::values::{classify_value, is_repeated_char, ValueClass};
use super::{Confidence, SecretMatch, Span};

/// A provider-format kind reported by [`scan_text`], with its generic description (a match may
/// carry a more precise one, such as "GitHub OAuth access token").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProviderKind {
    /// Stable kebab-case id, as in [`SecretMatch::kind`].
    pub kind: &'static str,
    /// Generic human description.
    pub description: &'static str,
}

const fn pk(kind: &'static str, description: &'static str) -> ProviderKind {
    ProviderKind { kind, description }
}

/// Every kind [`scan_text`] can report.
pub const PROVIDER_KINDS: &[ProviderKind] = &[
    pk("aws-access-key-id", "AWS access key ID"),
    pk("aws-secret-access-key", "AWS secret access key"),
    pk("github-token", "GitHub token"),
    pk("gitlab-token", "GitLab token"),
    pk("slack-token", "Slack token"),
    pk("slack-webhook", "Slack incoming webhook URL"),
    pk("stripe-secret-key", "Stripe live secret or restricted key"),
    pk("npm-token", "npm access token"),
    pk(
        "npmrc-auth-token",
        "npm registry credential in .npmrc syntax",
    ),
    pk("pypi-token", "PyPI API token"),
    pk("private-key", "private key block"),
    pk("jwt", "JSON Web Token"),
    pk("url-credentials", "password in a URL"),
    pk("google-api-key", "Google API key"),
    pk("google-oauth-client-secret", "Google OAuth client secret"),
    pk("openai-key", "OpenAI API key"),
    pk("anthropic-key", "Anthropic API key"),
    pk("sendgrid-key", "SendGrid API key"),
    pk("twilio-key", "Twilio API key SID"),
    pk("digitalocean-token", "DigitalOcean token"),
    pk("huggingface-token", "Hugging Face access token"),
    pk("docker-hub-pat", "Docker Hub access token"),
    pk("azure-storage-key", "Azure storage account key"),
    pk("azure-shared-access-key", "Azure shared access key"),
    pk(
        "azure-ad-client-secret",
        "Microsoft Entra ID (Azure AD) client secret",
    ),
    pk("shopify-token", "Shopify access token or shared secret"),
    pk("mailgun-key", "Mailgun API key"),
    pk("age-secret-key", "age secret key"),
    pk("tailscale-key", "Tailscale auth or API key"),
    pk("grafana-token", "Grafana token"),
    pk("vault-token", "HashiCorp Vault token"),
    pk(
        "terraform-cloud-token",
        "HCP Terraform / Terraform Cloud API token",
    ),
    pk("atlassian-token", "Atlassian API token"),
    pk("postman-key", "Postman API key"),
    pk("sentry-token", "Sentry auth token"),
    pk("linear-key", "Linear API key"),
    pk("doppler-token", "Doppler token"),
    pk("databricks-token", "Databricks access token"),
    pk("pulumi-token", "Pulumi access token"),
    pk("newrelic-key", "New Relic user API key"),
    pk("supabase-key", "Supabase access token or secret key"),
    pk("groq-key", "Groq API key"),
    pk("replicate-token", "Replicate API token"),
    pk("perplexity-key", "Perplexity API key"),
    pk("xai-key", "xAI API key"),
    pk("square-token", "Square access token or OAuth secret"),
    pk("mapbox-secret-token", "Mapbox secret access token"),
    pk("buildkite-token", "Buildkite API access token"),
    pk("figma-token", "Figma personal access token"),
    pk("notion-token", "Notion integration token"),
    pk("circleci-token", "CircleCI personal API token"),
    pk("planetscale-token", "PlanetScale token or password"),
    pk(
        "generic-secret-assignment",
        "random-looking value assigned to a secret-named variable",
    ),
];

type Validate = fn(&str) -> bool;
type Describe = fn(&str) -> Option<&'static str>;
type Custom = fn(&str, &Rule, &mut Vec<SecretMatch>);

enum Detector {
    /// A regex; `group` selects the secret (0 = whole match). `validate` sees the secret text.
    Regex {
        pattern: &'static str,
        group: usize,
        validate: Validate,
    },
    /// Hand-written scanning.
    Custom(Custom),
}

struct Rule {
    kind: &'static str,
    description: &'static str,
    /// Lowercase literals; any of them (ASCII case-insensitively) enables the rule.
    keywords: &'static [&'static str],
    detector: Detector,
    confidence: Confidence,
    /// Overlapping matches keep the more specific rule (higher wins).
    specificity: u8,
    /// A more precise description derived from the secret, if any.
    describe: Describe,
}

fn no_describe(_: &str) -> Option<&'static str> {
    None
}

const PROVIDER: u8 = 2;

const fn regex_rule(
    kind: &'static str,
    description: &'static str,
    keywords: &'static [&'static str],
    pattern: &'static str,
    validate: Validate,
    confidence: Confidence,
) -> Rule {
    Rule {
        kind,
        description,
        keywords,
        detector: Detector::Regex {
            pattern,
            group: 1,
            validate,
        },
        confidence,
        specificity: PROVIDER,
        describe: no_describe,
    }
}

use Confidence::{High, Medium};

static RULES: &[Rule] = &[
    regex_rule(
        "aws-access-key-id",
        "AWS access key ID",
        &["akia", "asia", "abia", "acca", "a3t"],
        r"\b((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "aws-secret-access-key",
        "AWS secret access key",
        &[
            "aws_secret",
            "aws-secret",
            "secret_access",
            "secret-access",
            "secretaccess",
        ],
        r#"(?i:aws[_.\-]?secret(?:[_.\-]?access)?[_.\-]?key|secret[_.\-]?access[_.\-]?key)["']?(?:[ \t]*(?::=|=>|[:=])[ \t]*|[ \t]+)["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)"#,
        aws_secret_ok,
        High,
    ),
    Rule {
        describe: github_describe,
        ..regex_rule(
            "github-token",
            "GitHub token",
            &["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
            r"\b((?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{60,251}))\b",
            not_fake,
            High,
        )
    },
    Rule {
        describe: gitlab_describe,
        ..regex_rule(
            "gitlab-token",
            "GitLab token",
            &[
                "glpat-",
                "gldt-",
                "glrt-",
                "glptt-",
                "glcbt-",
                "gloas-",
                "gr1348941",
            ],
            r"\b((?:gl(?:pat|dt|rt|ptt|cbt|oas)-|GR1348941)[A-Za-z0-9_\-]{20,255}(?:\.[A-Za-z0-9_\-]{2,40}){0,3})",
            not_fake,
            High,
        )
    },
    Rule {
        describe: slack_describe,
        ..regex_rule(
            "slack-token",
            "Slack token",
            &["xox", "xapp-"],
            r"\b((?:xox[abposr]-[0-9]{1,30}-[A-Za-z0-9\-]{10,250}|xoxe(?:\.xox[bp])?-[0-9]-[A-Za-z0-9\-]{40,250}|xapp-[0-9]-[A-Z0-9]{8,}-[0-9]{6,}-[a-z0-9]{20,}))\b",
            slack_ok,
            High,
        )
    },
    regex_rule(
        "slack-webhook",
        "Slack incoming webhook URL",
        &["hooks.slack.com"],
        r"(https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9_]{6,}/[A-Za-z0-9_]{6,}/[A-Za-z0-9_/]{16,})",
        slack_webhook_ok,
        High,
    ),
    regex_rule(
        "stripe-secret-key",
        "Stripe live secret or restricted key",
        &["_live_"],
        r"\b((?:sk|rk)_live_[A-Za-z0-9]{20,247})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "npm-token",
        "npm access token",
        &["npm_"],
        r"\b(npm_[A-Za-z0-9]{36})\b",
        not_fake,
        High,
    ),
    Rule {
        kind: "npmrc-auth-token",
        description: "npm registry credential in .npmrc syntax",
        keywords: &["_auth", "_password"],
        detector: Detector::Custom(detect_npmrc),
        confidence: High,
        specificity: 1,
        describe: no_describe,
    },
    regex_rule(
        "pypi-token",
        "PyPI API token",
        &["pypi-age"],
        r"\b(pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\-]{50,})",
        not_fake,
        High,
    ),
    Rule {
        kind: "private-key",
        description: "private key block",
        keywords: &["-----begin"],
        detector: Detector::Custom(detect_private_keys),
        confidence: High,
        specificity: 3,
        describe: private_key_describe,
    },
    Rule {
        specificity: 1,
        ..regex_rule(
            "jwt",
            "JSON Web Token",
            &["eyj"],
            r"\b(eyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{16,})",
            jwt_ok,
            Medium,
        )
    },
    Rule {
        kind: "url-credentials",
        description: "password in a URL",
        keywords: &["://"],
        detector: Detector::Custom(detect_url_credentials),
        confidence: Medium,
        specificity: 0,
        describe: no_describe,
    },
    regex_rule(
        "google-api-key",
        "Google API key",
        &["aiza"],
        r"(?:^|[^A-Za-z0-9_\-])(AIza[A-Za-z0-9_\-]{35})(?:[^A-Za-z0-9_\-]|$)",
        not_fake,
        High,
    ),
    regex_rule(
        "google-oauth-client-secret",
        "Google OAuth client secret",
        &["gocspx-"],
        r"(?:^|[^A-Za-z0-9_\-])(GOCSPX-[A-Za-z0-9_\-]{28})(?:[^A-Za-z0-9_\-]|$)",
        not_fake,
        High,
    ),
    regex_rule(
        "openai-key",
        "OpenAI API key",
        &["t3blbkfj", "sk-"],
        r"(?:^|[^A-Za-z0-9_\-])(sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,}|sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{100,})(?:[^A-Za-z0-9_\-]|$)",
        not_fake,
        High,
    ),
    regex_rule(
        "anthropic-key",
        "Anthropic API key",
        &["sk-"],
        r"(?:^|[^A-Za-z0-9_\-])(sk-ant-(?:api|admin|oat|ort)[0-9]{2}-[A-Za-z0-9_\-]{80,})(?:[^A-Za-z0-9_\-]|$)",
        not_fake,
        High,
    ),
    regex_rule(
        "sendgrid-key",
        "SendGrid API key",
        &["sg."],
        r"(?:^|[^A-Za-z0-9_\-])(SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)",
        not_fake,
        High,
    ),
    regex_rule(
        "twilio-key",
        "Twilio API key SID",
        &["sk"],
        r"\b(SK[0-9a-f]{32})\b",
        hex_mix_ok,
        Medium,
    ),
    regex_rule(
        "digitalocean-token",
        "DigitalOcean token",
        &["_v1_"],
        r"\b(do[opr]_v1_[a-f0-9]{64})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "huggingface-token",
        "Hugging Face access token",
        &["hf_", "api_org_"],
        r"\b((?:hf_|api_org_)[A-Za-z0-9]{30,40})\b",
        mixed_case_ok,
        High,
    ),
    regex_rule(
        "docker-hub-pat",
        "Docker Hub access token",
        &["dckr_"],
        r"(?:^|[^A-Za-z0-9_\-])(dckr_(?:pat|oat)_[A-Za-z0-9_\-]{20,})(?:[^A-Za-z0-9_\-]|$)",
        not_fake,
        High,
    ),
    regex_rule(
        "azure-storage-key",
        "Azure storage account key",
        &["accountkey"],
        r"(?i:AccountKey)=([A-Za-z0-9+/]{86}==)",
        not_fake,
        High,
    ),
    regex_rule(
        "azure-shared-access-key",
        "Azure shared access key",
        &["accesskey"],
        r"(?i:SharedAccessKey)=([A-Za-z0-9+/]{42,44}=?)(?:[^A-Za-z0-9+/=]|$)",
        not_fake,
        High,
    ),
    regex_rule(
        "azure-ad-client-secret",
        "Microsoft Entra ID (Azure AD) client secret",
        &["q~"],
        r"(?:^|[^A-Za-z0-9_~.\-])([A-Za-z0-9_~.\-]{3}[0-9]Q~[A-Za-z0-9_~.\-]{31,34})(?:[^A-Za-z0-9_~.\-]|$)",
        not_fake,
        High,
    ),
    regex_rule(
        "shopify-token",
        "Shopify access token or shared secret",
        &["shp"],
        r"\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "mailgun-key",
        "Mailgun API key",
        &["key-"],
        r"\b(key-[0-9a-f]{32})\b",
        hex_mix_ok,
        Medium,
    ),
    regex_rule(
        "age-secret-key",
        "age secret key",
        &["age-secret-key-1"],
        r"\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "tailscale-key",
        "Tailscale auth or API key",
        &["tskey-"],
        r"\b(tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{20,})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "grafana-token",
        "Grafana token",
        &["glsa_", "glc_"],
        r"\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_eyJ[A-Za-z0-9+/=_\-]{60,})",
        not_fake,
        High,
    ),
    regex_rule(
        "vault-token",
        "HashiCorp Vault token",
        &["hvs.", "hvb."],
        r"\b(hv[sb]\.[A-Za-z0-9_\-]{24,})",
        not_fake,
        High,
    ),
    regex_rule(
        "terraform-cloud-token",
        "HCP Terraform / Terraform Cloud API token",
        &[".atlasv1."],
        r"\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_\-]{60,})",
        not_fake,
        High,
    ),
    regex_rule(
        "atlassian-token",
        "Atlassian API token",
        &["atatt3"],
        r"\b(ATATT3[A-Za-z0-9_\-=]{150,})",
        not_fake,
        High,
    ),
    regex_rule(
        "postman-key",
        "Postman API key",
        &["pmak-"],
        r"\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "sentry-token",
        "Sentry auth token",
        &["sntry"],
        r"\b(sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/=_]{50,})",
        not_fake,
        High,
    ),
    regex_rule(
        "linear-key",
        "Linear API key",
        &["lin_api_"],
        r"\b(lin_api_[A-Za-z0-9]{40})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "doppler-token",
        "Doppler token",
        &["dp."],
        r"\b(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "databricks-token",
        "Databricks access token",
        &["dapi"],
        r"\b(dapi[a-f0-9]{32}(?:-[0-9])?)\b",
        hex_mix_ok,
        Medium,
    ),
    regex_rule(
        "pulumi-token",
        "Pulumi access token",
        &["pul-"],
        r"\b(pul-[a-f0-9]{40})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "newrelic-key",
        "New Relic user API key",
        &["nrak-"],
        r"\b(NRAK-[A-Z0-9]{27})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "supabase-key",
        "Supabase access token or secret key",
        &["sbp_", "sb_secret_"],
        r"(?:^|[^A-Za-z0-9_\-])(sbp_[a-f0-9]{40}|sb_secret_[A-Za-z0-9_\-]{20,})(?:[^A-Za-z0-9_\-]|$)",
        not_fake,
        High,
    ),
    regex_rule(
        "groq-key",
        "Groq API key",
        &["gsk_"],
        r"\b(gsk_[A-Za-z0-9]{52})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "replicate-token",
        "Replicate API token",
        &["r8_"],
        r"\b(r8_[A-Za-z0-9]{37})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "perplexity-key",
        "Perplexity API key",
        &["pplx-"],
        r"\b(pplx-[A-Za-z0-9]{48})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "xai-key",
        "xAI API key",
        &["xai-"],
        r"\b(xai-[A-Za-z0-9]{80})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "square-token",
        "Square access token or OAuth secret",
        &["sq0"],
        r"(?:^|[^A-Za-z0-9_\-])(sq0atp-[A-Za-z0-9_\-]{22}|sq0csp-[A-Za-z0-9_\-]{43})(?:[^A-Za-z0-9_\-]|$)",
        not_fake,
        High,
    ),
    regex_rule(
        "mapbox-secret-token",
        "Mapbox secret access token",
        &["sk.eyj"],
        r"\b(sk\.eyJ[A-Za-z0-9_\-]{50,}\.[A-Za-z0-9_\-]{20,})",
        not_fake,
        High,
    ),
    regex_rule(
        "buildkite-token",
        "Buildkite API access token",
        &["bkua_"],
        r"\b(bkua_[a-f0-9]{40})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "figma-token",
        "Figma personal access token",
        &["figd_"],
        r"(?:^|[^A-Za-z0-9_\-])(figd_[A-Za-z0-9_\-]{38,})(?:[^A-Za-z0-9_\-]|$)",
        not_fake,
        High,
    ),
    regex_rule(
        "notion-token",
        "Notion integration token",
        &["ntn_"],
        r"\b(ntn_[0-9]{11}[A-Za-z0-9]{35})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "circleci-token",
        "CircleCI personal API token",
        &["ccipat_"],
        r"\b(CCIPAT_[A-Za-z0-9]{20,}_[a-f0-9]{40})\b",
        not_fake,
        High,
    ),
    regex_rule(
        "planetscale-token",
        "PlanetScale token or password",
        &["pscale_"],
        r"\b(pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_\-.]{32,64})",
        not_fake,
        High,
    ),
    Rule {
        kind: "generic-secret-assignment",
        description: "random-looking value assigned to a secret-named variable",
        keywords: &[
            "pass", "pwd", "secret", "token", "key", "auth", "cred", "salt",
        ],
        detector: Detector::Custom(detect_assignments),
        confidence: Medium,
        specificity: 0,
        describe: no_describe,
    },
];

struct Engine {
    prefilter: Option<AhoCorasick>,
    /// Prefilter pattern index → indexes of the rules that keyword enables.
    keyword_rules: Vec<Vec<usize>>,
    regexes: Vec<OnceLock<Option<Regex>>>,
}

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    // Keywords shared by several rules are searched for once. Fewer patterns keep the
    // aho-corasick prefilter on its fast (packed) path.
    let mut keywords: Vec<&str> = Vec::new();
    let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
    for (i, rule) in RULES.iter().enumerate() {
        for kw in rule.keywords {
            match keywords.iter().position(|k| k == kw) {
                Some(p) => keyword_rules[p].push(i),
                None => {
                    keywords.push(kw);
                    keyword_rules.push(vec![i]);
                }
            }
        }
    }
    let prefilter = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(&keywords)
        .ok();
    Engine {
        prefilter,
        keyword_rules,
        regexes: RULES.iter().map(|_| OnceLock::new()).collect(),
    }
});

/// Compiles `pattern` with ASCII word boundaries and a generous size limit.
pub(crate) fn compile(pattern: &str) -> Option<Regex> {
    let pattern = pattern.replace(r"\b", r"(?-u:\b)");
    RegexBuilder::new(&pattern)
        .size_limit(64 << 20)
        .dfa_size_limit(16 << 20)
        .build()
        .ok()
}

/// Finds provider-format secrets in `text` (see [`PROVIDER_KINDS`]). Spans are byte ranges of
/// the secret value in `text`, sorted by start; overlapping matches are resolved in favour of the
/// more specific format (a `ghp_` token inside a URL is reported as `github-token`, not
/// `url-credentials`).
///
/// Well-known example values (`AKIAIOSFODNN7EXAMPLE`, anything containing `EXAMPLE`/`example`,
/// `xxxx`, long runs of one character or of sequential characters, the Azurite development key,
/// the jwt.io and Supabase demo JWTs) are not reported.
///
/// `url-credentials` and `generic-secret-assignment` matches carry [`Confidence::Low`] or
/// [`Confidence::Medium`] unless the value looks random; callers that already apply name-based
/// rules to an `ENV` or compose value may drop a `generic-secret-assignment` whose span they
/// report themselves.
pub fn scan_text(text: &str) -> Vec<SecretMatch> {
    let engine = &*ENGINE;
    let mut enabled = vec![false; RULES.len()];
    match &engine.prefilter {
        Some(ac) => {
            let mut any = false;
            for m in ac.find_overlapping_iter(text) {
                if let Some(rules) = engine.keyword_rules.get(m.pattern().as_usize()) {
                    for &r in rules {
                        enabled[r] = true;
                    }
                    any = true;
                }
            }
            if !any {
                return Vec::new();
            }
        }
        None => enabled.iter_mut().for_each(|e| *e = true),
    }

    let mut found: Vec<(SecretMatch, u8)> = Vec::new();
    let mut buf = Vec::new();
    for (i, rule) in RULES.iter().enumerate() {
        if !enabled[i] {
            continue;
        }
        buf.clear();
        match &rule.detector {
            Detector::Regex {
                pattern,
                group,
                validate,
            } => {
                let Some(re) = engine.regexes[i].get_or_init(|| compile(pattern)) else {
                    continue;
                };
                for caps in re.captures_iter(text) {
                    let Some(m) = caps.get(*group) else {
                        continue;
                    };
                    let secret = m.as_str();
                    if !validate(secret) {
                        continue;
                    }
                    buf.push(make_match(rule, secret, m.range(), rule.confidence));
                }
            }
            Detector::Custom(f) => f(text, rule, &mut buf),
        }
        found.extend(buf.drain(..).map(|m| (m, rule.specificity)));
    }
    resolve_overlaps(found)
}

fn make_match(
    rule: &Rule,
    secret: &str,
    range: Range<usize>,
    confidence: Confidence,
) -> SecretMatch {
    SecretMatch {
        kind: rule.kind,
        description: (rule.describe)(secret).unwrap_or(rule.description),
        span: Span::new(range.start, range.end),
        confidence,
    }
}

fn resolve_overlaps(mut found: Vec<(SecretMatch, u8)>) -> Vec<SecretMatch> {
    found.sort_by(|(a, sa), (b, sb)| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
            .then(sb.cmp(sa))
    });
    let mut out: Vec<(SecretMatch, u8)> = Vec::with_capacity(found.len());
    for (m, spec) in found {
        if let Some((last, last_spec)) = out.last_mut() {
            if m.span.start < last.span.end {
                let better =
                    spec > *last_spec || (spec == *last_spec && m.confidence > last.confidence);
                if better {
                    *last = m;
                    *last_spec = spec;
                }
                continue;
            }
        }
        out.push((m, spec));
    }
    out.into_iter().map(|(m, _)| m).collect()
}

// ---------------------------------------------------------------------------------------------
// Validators
// ---------------------------------------------------------------------------------------------

/// Whether `secret` looks like a documentation or test value rather than a real one.
pub(crate) fn is_fake(secret: &str) -> bool {
    let lower = secret.to_ascii_lowercase();
    const MARKERS: &[&str] = &[
        "example",
        "xxxx",
        "placeholder",
        "dummy",
        "your",
        "sample",
        "fake",
        "redacted",
        "changeme",
        "****",
        "...",
    ];
    if MARKERS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    if WELL_KNOWN.iter().any(|w| secret.contains(w)) {
        return true;
    }
    let b = secret.as_bytes();
    // Runs of one character or of consecutive characters (`000000`, `abcdef`, `123456`).
    let (mut same, mut up, mut down) = (1, 1, 1);
    for w in b.windows(2) {
        same = if w[1] == w[0] { same + 1 } else { 1 };
        let alnum = w[0].is_ascii_alphanumeric() && w[1].is_ascii_alphanumeric();
        up = if alnum && w[1] == w[0].wrapping_add(1) {
            up + 1
        } else {
            1
        };
        down = if alnum && w[1] == w[0].wrapping_sub(1) {
            down + 1
        } else {
            1
        };
        if same >= 6 || up >= 6 || down >= 6 {
            return true;
        }
    }
    let n = b.len();
    let d = distinct(b);
    d < 4 || (n >= 16 && d < (n / 4).min(16))
}

fn not_fake(s: &str) -> bool {
    !is_fake(s)
}

fn hex_mix_ok(s: &str) -> bool {
    let body = s.rsplit(['-', '_']).next().unwrap_or(s);
    let body = body.strip_prefix("SK").unwrap_or(body);
    body.bytes().any(|b| b.is_ascii_digit())
        && body.bytes().any(|b| b.is_ascii_alphabetic())
        && not_fake(s)
}

fn mixed_case_ok(s: &str) -> bool {
    let body = s.rsplit('_').next().unwrap_or(s);
    body.bytes().any(|b| b.is_ascii_uppercase())
        && body.bytes().any(|b| b.is_ascii_lowercase())
        && not_fake(s)
}

fn aws_secret_ok(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_uppercase())
        && s.bytes().any(|b| b.is_ascii_lowercase())
        && s.bytes()
            .any(|b| b.is_ascii_digit() || b == b'/' || b == b'+')
        && looks_random(s)
        && not_fake(s)
}

fn slack_ok(s: &str) -> bool {
    not_fake(s) && s.bytes().filter(|b| b.is_ascii_alphabetic()).count() >= 6
}

fn slack_webhook_ok(s: &str) -> bool {
    let path = s.trim_start_matches("https://hooks.slack.com/");
    let last = path.rsplit('/').find(|p| !p.is_empty()).unwrap_or("");
    last.len() >= 16 && not_fake(path)
}

/// Published sample values: the Azurite storage emulator account key (Microsoft's
/// documentation) and the signature of jwt.io's sample token.
const WELL_KNOWN: &[&str] = &[
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq",
    "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
];

fn jwt_ok(s: &str) -> bool {
    let mut parts = s.split('.');
    let (Some(header), Some(payload), Some(signature)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let Some(header) = base64url_decode(header) else {
        return false;
    };
    let Ok(header) = std::str::from_utf8(&header) else {
        return false;
    };
    let header = header.trim_start();
    if !header.starts_with('{') || !header.contains("\"alg\"") {
        return false;
    }
    if let Some(payload) = base64url_decode(payload) {
        let payload = String::from_utf8_lossy(&payload);
        let compact: String = payload.chars().filter(|c| !c.is_whitespace()).collect();
        // jwt.io's sample token and the Supabase self-hosting demo keys.
        if compact.contains("\"name\":\"JohnDoe\"") || compact.contains("\"iss\":\"supabase-demo\"")
        {
            return false;
        }
    }
    !is_fake(signature)
}

/// Decodes base64url or standard base64, with or without padding.
pub(crate) fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// Descriptions
// ---------------------------------------------------------------------------------------------

fn github_describe(s: &str) -> Option<&'static str> {
    Some(match s.get(..4)? {
        "ghp_" => "GitHub personal access token (classic)",
        "gho_" => "GitHub OAuth access token",
        "ghu_" => "GitHub App user access token",
        "ghs_" => "GitHub App installation access token",
        "ghr_" => "GitHub refresh token",
        _ => "GitHub fine-grained personal access token",
    })
}

fn gitlab_describe(s: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("glpat-", "GitLab personal, project or group access token"),
        ("gldt-", "GitLab deploy token"),
        ("glrt-", "GitLab runner authentication token"),
        ("glptt-", "GitLab pipeline trigger token"),
        ("glcbt-", "GitLab CI/CD job token"),
        ("gloas-", "GitLab OAuth application secret"),
        ("GR1348941", "GitLab runner registration token"),
    ];
    TABLE
        .iter()
        .find(|(p, _)| s.starts_with(p))
        .map(|(_, d)| *d)
}

fn slack_describe(s: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("xoxb-", "Slack bot token"),
        ("xoxp-", "Slack user token"),
        ("xoxa-", "Slack workspace access token"),
        ("xoxo-", "Slack workspace owner token"),
        ("xoxs-", "Slack session token"),
        ("xoxr-", "Slack refresh token"),
        ("xoxe", "Slack configuration or refresh token"),
        ("xapp-", "Slack app-level token"),
    ];
    TABLE
        .iter()
        .find(|(p, _)| s.starts_with(p))
        .map(|(_, d)| *d)
}

fn private_key_describe(s: &str) -> Option<&'static str> {
    let header = s.get(..s.len().min(60))?;
    Some(if header.contains("OPENSSH") {
        "OpenSSH private key"
    } else if header.contains("RSA") {
        "RSA private key"
    } else if header.contains("EC PRIVATE") {
        "EC private key"
    } else if header.contains("DSA") {
        "DSA private key"
    } else if header.contains("PGP") {
        "PGP private key block"
    } else if header.contains("ENCRYPTED") {
        "encrypted private key"
    } else {
        "private key"
    })
}

// ---------------------------------------------------------------------------------------------
// .npmrc credentials
// ---------------------------------------------------------------------------------------------

/// `_authToken=X`, `_auth=X`, `_password=X` (also `:_authToken X` as `npm config set` writes it),
/// where the key starts a line/word or follows a registry URL's `:`.
fn detect_npmrc(text: &str, rule: &Rule, out: &mut Vec<SecretMatch>) {
    let bytes = text.as_bytes();
    for key in ["_authToken", "_auth", "_password"] {
        for (idx, _) in text.match_indices(key) {
            if idx > 0
                && !matches!(
                    bytes[idx - 1],
                    b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'\'' | b'/' | b':' | b';'
                )
            {
                continue;
            }
            let mut i = idx + key.len();
            // `_auth` must not be the start of `_authToken`.
            if bytes
                .get(i)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
            {
                continue;
            }
            let ws_start = i;
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                i += 1;
            }
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                    i += 1;
                }
            } else if i == ws_start {
                continue;
            }
            if matches!(bytes.get(i), Some(b'"') | Some(b'\'')) {
                i += 1;
            }
            let start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'"' | b'\'' | b'`' | b';')
            {
                i += 1;
            }
            let value = &text[start..i];
            if value.len() >= 8 && classify_value(value) == ValueClass::Literal && !is_fake(value) {
                out.push(make_match(rule, value, start..i, rule.confidence));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Generic assignments
// ---------------------------------------------------------------------------------------------

/// Words a secret name must contain (a cheap filter before [`is_secret_name`]).
const NAME_HINTS: &[&str] = &[
    "pass", "pwd", "secret", "token", "key", "auth", "cred", "salt",
];

/// `NAME=value`, `NAME: value`, `"NAME": "value"`, `NAME := value` anywhere in a text, where
/// `NAME` is a secret name ([`is_secret_name`]) and the value is a literal of at least 10
/// characters that [`looks_random`]. Catches generated secrets in `RUN` bodies, heredocs and
/// `echo … > file` lines that no provider format covers.
fn detect_assignments(text: &str, rule: &Rule, out: &mut Vec<SecretMatch>) {
    let b = text.as_bytes();
    for (idx, sep) in text.match_indices(['=', ':']) {
        if sep == ":" && b.get(idx + 1) == Some(&b'=') {
            continue; // handled at the `=`
        }
        // The name: identifier characters before optional quote/spaces/`:`.
        let mut e = idx;
        if sep == "=" && e > 0 && b[e - 1] == b':' {
            e -= 1;
        }
        while e > 0 && matches!(b[e - 1], b' ' | b'\t') {
            e -= 1;
        }
        if e > 0 && matches!(b[e - 1], b'"' | b'\'') {
            e -= 1;
        }
        let mut s = e;
        while s > 0 && (b[s - 1].is_ascii_alphanumeric() || matches!(b[s - 1], b'_' | b'.' | b'-'))
        {
            s -= 1;
        }
        let name = &text[s..e];
        // `${NAME:-default}` is an expansion, not an assignment.
        if s > 0 && b[s - 1] == b'{' {
            continue;
        }
        if name.len() < 3 || !name.as_bytes()[0].is_ascii_alphabetic() && name.as_bytes()[0] != b'_'
        {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        if !NAME_HINTS.iter().any(|h| lower.contains(h)) || !is_secret_name(name) {
            continue;
        }
        // The value.
        let mut i = idx + 1;
        while i < b.len() && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        if matches!(b.get(i), Some(b'"') | Some(b'\'')) {
            i += 1;
        }
        let start = i;
        while i < b.len()
            && !b[i].is_ascii_whitespace()
            && !matches!(
                b[i],
                b'"' | b'\'' | b'`' | b';' | b',' | b'&' | b'|' | b')' | b'<' | b'>' | b'\\'
            )
        {
            i += 1;
        }
        let value = &text[start..i];
        if value.len() >= 10
            && classify_value(value) == ValueClass::Literal
            && looks_random(value)
            && !is_fake(value)
        {
            out.push(make_match(rule, value, start..i, rule.confidence));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Private keys
// ---------------------------------------------------------------------------------------------

static BEGIN_PRIVATE_KEY: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(r"-----BEGIN[ ]((?:[A-Z0-9]+[ ]){0,4})PRIVATE[ ]KEY(?:[ ]BLOCK)?-----")
});

/// Minimum number of base64 characters of key material for a block to count.
const MIN_KEY_MATERIAL: usize = 64;

fn detect_private_keys(text: &str, rule: &Rule, out: &mut Vec<SecretMatch>) {
    let Some(re) = &*BEGIN_PRIVATE_KEY else {
        return;
    };
    let mut search_from = 0;
    while let Some(m) = re.find_at(text, search_from) {
        search_from = m.end();
        let marker = m.as_str();
        let label = &marker["-----BEGIN ".len()..marker.len() - "-----".len()];
        let end_marker = format!("-----END {label}-----");
        let after = m.end();
        if let Some(pos) = text[after..].find(&end_marker) {
            let body = &text[after..after + pos];
            let end = after + pos + end_marker.len();
            if key_material(body, false) >= MIN_KEY_MATERIAL && !is_fake(body) {
                out.push(make_match(rule, marker, m.start()..end, rule.confidence));
                search_from = end;
            }
        } else {
            let window_end = floor_boundary(text, (after + 400).min(text.len()));
            let body = &text[after..window_end];
            if key_material(body, true) >= MIN_KEY_MATERIAL && !is_fake(body) {
                out.push(make_match(rule, marker, m.range(), rule.confidence));
            }
        }
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Counts base64 key-material characters in a PEM body. Whitespace, quotes, `\n`/`\r` escapes
/// and line continuations are skipped, as are RFC 1421 header lines (`Proc-Type: …`). With
/// `prefix_only`, counting stops at the first character that cannot be part of the body;
/// otherwise such a character (`...`, `<key>`) means the body is not real key material (0).
fn key_material(body: &str, prefix_only: bool) -> usize {
    let normalized = body.replace("\\n", "\n").replace("\\r", "\n");
    let mut count = 0;
    for line in normalized.lines() {
        let line = line.trim().trim_end_matches('\\').trim();
        if line.contains(':') && !prefix_only {
            continue;
        }
        for c in line.bytes() {
            match c {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'+' | b'/' | b'=' => count += 1,
                b'"' | b'\'' | b' ' | b'\t' => {}
                _ => return if prefix_only { count } else { 0 },
            }
        }
    }
    count
}

// ---------------------------------------------------------------------------------------------
// Credentials in URLs
// ---------------------------------------------------------------------------------------------

fn detect_url_credentials(text: &str, rule: &Rule, out: &mut Vec<SecretMatch>) {
    let bytes = text.as_bytes();
    for (idx, _) in text.match_indices("://") {
        // Scheme: letters, digits, `+.-`, starting with a letter, at least two characters.
        let mut s = idx;
        while s > 0 && {
            let c = bytes[s - 1];
            c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-')
        } {
            s -= 1;
        }
        while s < idx && !bytes[s].is_ascii_alphabetic() {
            s += 1;
        }
        if idx - s < 2 {
            continue;
        }
        let auth_start = idx + 3;
        let mut auth_end = auth_start;
        while auth_end < bytes.len() && !is_authority_terminator(bytes[auth_end]) {
            auth_end += 1;
        }
        let authority = &text[auth_start..auth_end];
        let Some(at) = authority.rfind('@') else {
            continue;
        };
        let host = &authority[at + 1..];
        let host_ok = !host.is_empty() || bytes.get(auth_end) == Some(&b'[');
        if !host_ok {
            continue;
        }
        let userinfo = &authority[..at];
        let Some(colon) = top_level_colon(userinfo) else {
            continue;
        };
        let user = &userinfo[..colon];
        let password = &userinfo[colon + 1..];
        let Some(confidence) = url_password_confidence(user, password) else {
            continue;
        };
        let start = auth_start + colon + 1;
        out.push(make_match(
            rule,
            password,
            start..start + password.len(),
            confidence,
        ));
    }
}

fn is_authority_terminator(c: u8) -> bool {
    c.is_ascii_whitespace()
        || matches!(
            c,
            b'/' | b'?'
                | b'#'
                | b'"'
                | b'\''
                | b'`'
                | b'<'
                | b'>'
                | b'\\'
                | b'|'
                | b','
                | b';'
                | b'('
                | b')'
                | b'['
                | b']'
        )
}

/// The first `:` outside `${…}`.
fn top_level_colon(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.bytes().enumerate() {
        match c {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b':' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// `None` when the URL password is not a literal secret; otherwise how sure we are.
fn url_password_confidence(user: &str, password: &str) -> Option<Confidence> {
    if password.is_empty() || is_fake(password) && password.len() >= 16 {
        return None;
    }
    match classify_value(password) {
        ValueClass::Literal => {}
        // A port-like number after a host-like "user" (`https://host:443@…`) is not a password.
        ValueClass::Number
            if password.len() > 5 && password.bytes().all(|b| b.is_ascii_digit()) => {}
        _ => return None,
    }
    let lower = password.to_ascii_lowercase();
    if lower.contains("example") || lower.contains("xxx") || is_repeated_char(password) {
        return None;
    }
    if user.to_ascii_lowercase().contains("example") {
        return None;
    }
    Some(if looks_random(password) {
        Confidence::High
    } else if password.eq_ignore_ascii_case(user) {
        Confidence::Low
    } else {
        Confidence::Medium
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds test tokens at run time so that no complete token literal sits in the source.
    fn tok(prefix: &str, body: &str) -> String {
        format!("{prefix}{body}")
    }

    /// Deterministic pseudo-random alphanumeric text (xorshift), so no token literal is needed.
    pub(crate) fn rnd(n: usize, seed: u64) -> String {
        const ALPHA: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                ALPHA[(x % ALPHA.len() as u64) as usize] as char
            })
            .collect()
    }

    fn b36(n: usize) -> String {
        rnd(n, n as u64)
    }

    const HEX64: &str = "3f9a1c7e5b2d8f406a9c3e1b7d5f2a8c4e6b0d9f1a3c5e7b9d2f4a6c8e0b1d3f";

    fn find(text: &str) -> Vec<(&'static str, &str)> {
        scan_text(text)
            .into_iter()
            .map(|m| (m.kind, m.span.text(text)))
            .collect()
    }

    #[test]
    fn all_rules_compile() {
        for rule in RULES {
            if let Detector::Regex { pattern, .. } = &rule.detector {
                assert!(compile(pattern).is_some(), "{} does not compile", rule.kind);
            }
            assert!(
                PROVIDER_KINDS.iter().any(|k| k.kind == rule.kind),
                "{} missing from PROVIDER_KINDS",
                rule.kind
            );
            for kw in rule.keywords {
                assert_eq!(
                    kw.to_ascii_lowercase(),
                    *kw,
                    "keyword {kw} must be lowercase"
                );
            }
        }
        assert!(BEGIN_PRIVATE_KEY.is_some());
        assert!(ENGINE.prefilter.is_some());
    }

    #[test]
    fn provider_positive_table() {
        let ghp = tok("ghp_", &b36(36));
        let gh_pat = tok("github_pat_", &format!("{}_{}", b36(22), b36(59)));
        let glpat = tok("glpat-", &b36(20));
        let xoxb = tok("xoxb-", &format!("3917264058-7152938460-{}", b36(24)));
        let stripe = tok("sk_live_", &b36(24));
        let rk = tok("rk_live_", &b36(30));
        let npm = tok("npm_", &b36(36));
        let pypi = tok("pypi-AgEIcHlwaS5vcmc", &b36(70));
        let google = tok("AIza", &b36(35));
        let openai = tok("sk-proj-", &format!("{}T3BlbkFJ{}", b36(24), b36(24)));
        let anthropic = tok("sk-ant-api03-", &format!("{}AA", b36(93)));
        let sendgrid = tok("SG.", &format!("{}.{}", b36(22), b36(43)));
        let docker = tok("dckr_pat_", &b36(27));
        let hf = tok("hf_", &b36(34));
        let dop = tok("dop_v1_", HEX64);
        let age = tok(
            "AGE-SECRET-KEY-1",
            "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7LQPZRY9X8GF2TVDW0S3JN54KHCE",
        );
        let tskey = tok("tskey-auth-", &format!("kAbc12CNTRL-{}", b36(30)));
        let vault = tok("hvs.", &format!("CAESI{}", b36(40)));
        let groq = tok("gsk_", &b36(52));
        let shop = tok("shpat_", &HEX64[..32]);
        let mailgun = tok("key-", &HEX64[..32]);
        let twilio = tok("SK", &HEX64[..32]);
        let gocspx = tok("GOCSPX-", &b36(28));
        let cases: Vec<(String, &str, String)> = vec![
            (
                format!("ENV AWS_ACCESS_KEY_ID={}", tok("AKIA", "Q3EGRIW4N6ZKLM2T")),
                "aws-access-key-id",
                tok("AKIA", "Q3EGRIW4N6ZKLM2T"),
            ),
            (
                "aws configure set aws_secret_access_key kX2+vB9/qR7mN4pL8sT1wZ5yE3cH6jU0aB4dF7gH"
                    .into(),
                "aws-secret-access-key",
                "kX2+vB9/qR7mN4pL8sT1wZ5yE3cH6jU0aB4dF7gH".into(),
            ),
            (
                "AWS_SECRET_ACCESS_KEY: \"kX2+vB9/qR7mN4pL8sT1wZ5yE3cH6jU0aB4dF7gH\"".into(),
                "aws-secret-access-key",
                "kX2+vB9/qR7mN4pL8sT1wZ5yE3cH6jU0aB4dF7gH".into(),
            ),
            (format!("git clone https://{ghp}@github.com/o/r"), "github-token", ghp.clone()),
            (format!("token: {gh_pat}"), "github-token", gh_pat.clone()),
            (format!("PRIVATE-TOKEN: {glpat}"), "gitlab-token", glpat.clone()),
            (format!("SLACK={xoxb}"), "slack-token", xoxb.clone()),
            (
                format!("url=https://hooks.slack.com/services/T0A1B2C3D/B9Z8Y7X6W/{}", b36(24)),
                "slack-webhook",
                format!("https://hooks.slack.com/services/T0A1B2C3D/B9Z8Y7X6W/{}", b36(24)),
            ),
            (format!("STRIPE={stripe}"), "stripe-secret-key", stripe.clone()),
            (format!("STRIPE={rk}"), "stripe-secret-key", rk.clone()),
            (format!("NPM_TOKEN={npm}"), "npm-token", npm.clone()),
            (format!("password = {pypi}"), "pypi-token", pypi.clone()),
            (format!("key={google}&x=1"), "google-api-key", google.clone()),
            (format!("OPENAI_API_KEY={openai}"), "openai-key", openai.clone()),
            (format!("'{anthropic}'"), "anthropic-key", anthropic.clone()),
            (format!("SENDGRID={sendgrid}"), "sendgrid-key", sendgrid.clone()),
            (docker.clone(), "docker-hub-pat", docker.clone()),
            (format!("HF_TOKEN={hf}"), "huggingface-token", hf.clone()),
            (format!("DO={dop}"), "digitalocean-token", dop.clone()),
            (format!("# {age}"), "age-secret-key", age.clone()),
            (format!("TS_AUTHKEY={tskey}"), "tailscale-key", tskey.clone()),
            (format!("VAULT_TOKEN={vault}"), "vault-token", vault.clone()),
            (format!("GROQ={groq}"), "groq-key", groq.clone()),
            (format!("S={shop}"), "shopify-token", shop.clone()),
            (format!("MG={mailgun}"), "mailgun-key", mailgun.clone()),
            (format!("TW={twilio}"), "twilio-key", twilio.clone()),
            (format!("G={gocspx}"), "google-oauth-client-secret", gocspx.clone()),
            (
                format!(
                    "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={}==;EndpointSuffix=core.windows.net",
                    b36(86)
                ),
                "azure-storage-key",
                format!("{}==", b36(86)),
            ),
            (
                "//registry.npmjs.org/:_authToken=Tq8vZ3mW1xK9rB2nL7pY".into(),
                "npmrc-auth-token",
                "Tq8vZ3mW1xK9rB2nL7pY".into(),
            ),
            (
                "RUN echo \"//registry.npmjs.org/:_authToken=hunter2hunter\" > ~/.npmrc".into(),
                "npmrc-auth-token",
                "hunter2hunter".into(),
            ),
            (
                "_password = \"aHVudGVyMmh1bnRlcg==\"".into(),
                "npmrc-auth-token",
                "aHVudGVyMmh1bnRlcg==".into(),
            ),
            (
                "DATABASE_URL=postgres://app:Tq8vZ3mW1xK9rB2nL7pY@db:5432/app".into(),
                "url-credentials",
                "Tq8vZ3mW1xK9rB2nL7pY".into(),
            ),
            (
                "redis://:s3cretPass@cache:6379/0".into(),
                "url-credentials",
                "s3cretPass".into(),
            ),
            (
                "amqp://guest:guest@rabbitmq:5672/".into(),
                "url-credentials",
                "guest".into(),
            ),
            (
                "postgresql://${PG_USER:-app}:hunter2@db/app".into(),
                "url-credentials",
                "hunter2".into(),
            ),
            (
                "echo 'export CLIENT_SECRET=\"kdl0edMFGdGla2P1zacGjAQh\"' > /etc/env".into(),
                "generic-secret-assignment",
                "kdl0edMFGdGla2P1zacGjAQh".into(),
            ),
            (
                "{\"api_key\": \"Tq8vZ3mW1xK9rB2nL7pY\"}".into(),
                "generic-secret-assignment",
                "Tq8vZ3mW1xK9rB2nL7pY".into(),
            ),
            (
                "  SECRET_KEY_BASE: a7523c3d0ae56415046ad8abae168d71074a7953".into(),
                "generic-secret-assignment",
                "a7523c3d0ae56415046ad8abae168d71074a7953".into(),
            ),
            (
                "//npm.pkg.github.com/:_auth=dXNlcjpUcTh2WjNtVzF4SzlyQjJuTDdwWQ==".into(),
                "npmrc-auth-token",
                "dXNlcjpUcTh2WjNtVzF4SzlyQjJuTDdwWQ==".into(),
            ),
        ];
        for (text, kind, secret) in &cases {
            let got = find(text);
            assert_eq!(got, vec![(*kind, secret.as_str())], "text {text:?}");
        }
    }

    #[test]
    fn github_descriptions() {
        let m = scan_text(&tok("gho_", &b36(36)));
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].description, "GitHub OAuth access token");
        assert_eq!(m[0].confidence, Confidence::High);
        let m = scan_text(&tok("gldt-", &b36(20)));
        assert_eq!(m[0].description, "GitLab deploy token");
    }

    #[test]
    fn provider_negative_table() {
        let cases: Vec<String> = vec![
            // AWS documentation examples.
            tok("AKIA", "IOSFODNN7EXAMPLE"),
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            tok("AKIA", "XXXXXXXXXXXXXXXX"),
            // Wrong alphabet / length.
            tok("AKIA", "Q3EGRIW4N6ZKLM2"),
            tok("AKIA", "q3egriw4n6zklm2t"),
            // GitHub placeholders.
            tok("ghp_", &"x".repeat(36)),
            tok("ghp_", "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"),
            tok("ghp_", "YOUR_TOKEN_HERE"),
            tok("ghp_", "0000000000000000000000000000000000000"),
            // Slack placeholders seen in the corpus.
            "xoxb-xxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx".into(),
            "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX".into(),
            // Stripe test keys are not live secrets.
            tok("sk_test_", &b36(24)),
            // npm with the wrong length.
            tok("npm_", &b36(20)),
            // Not a JWT header.
            "eyJzdWIiOiIxMjM0NTY3ODkwIn0.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl".into(),
            // jwt.io's sample token.
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c".into(),
            // URL credentials that are references or placeholders.
            "postgres://user:${POSTGRES_PASSWORD}@db/app".into(),
            "postgres://postgres:$SERVICE_PASSWORD_POSTGRES@db/app".into(),
            "postgresql://${PG_USER:-l}:${PG_PASS:-linkwarden}@db/app".into(),
            "mysql://user:%s@host/db".into(),
            "mysql://user:password@host/db".into(),
            "mysql://user:pass@host/db".into(),
            "mysql://user:****@host/db".into(),
            "mysql://user:xxx@host/db".into(),
            "postgresql://example:example@teable-db:5432/teable-db".into(),
            "ENROLLMENT_URL=https://peer0.org1.example.com:peer0.org1.example.compw@ca.org1.example.com:7054".into(),
            "mitmdump --mode reverse:https://httpbin.org:443@8443".into(),
            "redis://:@redis:6379/0".into(),
            "smtp://:@mailpit:1025".into(),
            "https://user:$(cat /run/secrets/pw)@host/".into(),
            "https://{{ .User }}:{{ .Password }}@host/".into(),
            "https://<user>:<password>@host/".into(),
            "ssh://git@github.com/o/r.git".into(),
            "https://github.com/o/r".into(),
            // npmrc with references.
            "//registry.npmjs.org/:_authToken=${NPM_TOKEN}".into(),
            "//registry.npmjs.org/:_authToken=$NPM_TOKEN".into(),
            // Private key markers without key material.
            "grep -q -- '-----BEGIN RSA PRIVATE KEY-----' \"$f\"".into(),
            "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----".into(),
            "-----BEGIN RSA PRIVATE KEY-----\n<your key here>\n-----END RSA PRIVATE KEY-----".into(),
            "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----".into(),
            // Azurite's published development key.
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==".into(),
            // Hex without letters is not a Mailgun key.
            tok("key-", "12345678901234567890123456789012"),
            // Dify's short default key from the corpus.
            "sk-9f73s3ljTXVcMT3Blb3ljTqtsKiGHXVcMT3BlbkFJLK7U".into(),
            // Secret-named assignments with human values are left to the name-based rules.
            "export DB_PASSWORD=supersecretpassword".into(),
            "POSTGRES_PASSWORD: postgres".into(),
            "export API_TOKEN=$API_TOKEN".into(),
            "TOKEN_TTL=3600000000".into(),
            "GPG_KEY=0D96DF4D4110E5C43FBFB17F2D347EA6AA65421D".into(),
            // Ordinary Dockerfile text.
            "RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*".into(),
            "ENV GPG_KEY 0D96DF4D4110E5C43FBFB17F2D347EA6AA65421D".into(),
            "RUN echo sha256:3f9a1c7e5b2d8f406a9c3e1b7d5f2a8c4e6b0d9f1a3c5e7b9d2f4a6c8e0b1d3f".into(),
            String::new(),
        ];
        for text in &cases {
            assert_eq!(find(text), vec![], "text {text:?}");
        }
    }

    #[test]
    fn private_key_spans() {
        let body = format!("{}\n{}\n{}=\n", rnd(64, 1), rnd(64, 2), rnd(20, 3));
        let block = format!("-----BEGIN RSA PRIVATE KEY-----\n{body}-----END RSA PRIVATE KEY-----");
        let text = format!("RUN cat > /root/.ssh/id_rsa <<EOF\n{block}\nEOF\n");
        let got = scan_text(&text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].kind, "private-key");
        assert_eq!(got[0].span.text(&text), block);
        assert_eq!(got[0].description, "RSA private key");

        // Escaped newlines inside one quoted value.
        let one_line = format!(
            "\"-----BEGIN PRIVATE KEY-----\\n{}\\n{}\\n-----END PRIVATE KEY-----\"",
            rnd(64, 4),
            rnd(40, 5)
        );
        let got = scan_text(&one_line);
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].span.text(&one_line),
            &one_line[1..one_line.len() - 1]
        );

        // Without an END line: only the BEGIN marker is reported.
        let truncated = format!("-----BEGIN OPENSSH PRIVATE KEY-----\n{}", rnd(70, 6));
        let got = scan_text(&truncated);
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0].span.text(&truncated),
            "-----BEGIN OPENSSH PRIVATE KEY-----"
        );
        assert_eq!(got[0].description, "OpenSSH private key");
    }

    #[test]
    fn jwt_detection() {
        // {"alg":"HS256","typ":"JWT"} . {"sub":"svc","role":"service_role"} . signature
        let header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
        let payload = "eyJzdWIiOiJzdmMiLCJyb2xlIjoic2VydmljZV9yb2xlIn0";
        let jwt = format!("{header}.{payload}.Tq8vZ3mW1xK9rB2nL7pYc4Hd6Jf0");
        let text = format!("SERVICE_ROLE_KEY={jwt}");
        assert_eq!(find(&text), vec![("jwt", jwt.as_str())]);
        assert_eq!(scan_text(&text)[0].confidence, Confidence::Medium);
    }

    #[test]
    fn overlap_prefers_specific_kind() {
        let ghp = tok("ghp_", &b36(36));
        let text = format!("https://user:{ghp}@github.com/o/r");
        assert_eq!(find(&text), vec![("github-token", ghp.as_str())]);
        let npm = tok("npm_", &b36(36));
        let text = format!("//registry.npmjs.org/:_authToken={npm}");
        assert_eq!(find(&text), vec![("npm-token", npm.as_str())]);
    }

    #[test]
    fn multiple_matches_sorted() {
        let a = tok("AKIA", "Q3EGRIW4N6ZKLM2T");
        let g = tok("ghs_", &b36(36));
        let text = format!("A={a}\nB={g}\nC={a}");
        let got = scan_text(&text);
        let starts: Vec<u32> = got.iter().map(|m| m.span.start).collect();
        assert_eq!(got.len(), 3);
        assert!(starts.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn url_confidence() {
        let got = scan_text("amqp://guest:guest@rabbitmq:5672/");
        assert_eq!(got[0].confidence, Confidence::Low);
        let got = scan_text("postgres://app:hunter2@db/app");
        assert_eq!(got[0].confidence, Confidence::Medium);
        let got = scan_text("postgres://app:Tq8vZ3mW1xK9rB2nL7pY@db/app");
        assert_eq!(got[0].confidence, Confidence::High);
    }

    #[test]
    fn non_ascii_text_is_fine() {
        let ghp = tok("ghp_", &b36(36));
        let text = format!("é ✓ {ghp} ü");
        assert_eq!(find(&text), vec![("github-token", ghp.as_str())]);
        assert!(scan_text("üüü://ü:ü@ü").is_empty() || !scan_text("üüü://ü:ü@ü").is_empty());
    }

    #[test]
    fn base64_decoder() {
        assert_eq!(
            base64url_decode("eyJhIjoxfQ").as_deref(),
            Some(&b"{\"a\":1}"[..])
        );
        assert_eq!(base64url_decode("a$b"), None);
    }
}
