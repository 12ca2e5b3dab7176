//! Secret detection: the engine behind keelson's hardcoded-secret rules.
//!
//! A pure library: no I/O, no printing, no configuration. Everything works on `&str` and returns
//! byte [`Span`]s into the text it was given.
//!
//! - [`scan_text`]: provider-format secrets (AWS, GitHub, GitLab, Slack, Stripe, npm, PyPI,
//!   private keys, JWTs, credentials in URLs, `.npmrc` credentials, random-looking values assigned
//!   to secret-named variables, …) anywhere in a text: a Dockerfile `ENV`/`ARG`/`LABEL` value, a
//!   `RUN` body or heredoc, a compose value. See [`PROVIDER_KINDS`].
//! - [`is_secret_name`]: whether a variable/key/flag name says it holds a secret.
//! - [`classify_value`]: whether a value assigned to such a name is a literal secret, a reference,
//!   a path, a flag, a placeholder…; [`literal_defaults`] pulls the literal defaults out of
//!   `${VAR:-default}`.
//! - [`randomness`] / [`looks_random`]: entropy and a ripsecrets-style "looks random" test for
//!   generic high-entropy values.
//! - [`scan_shell_words`]: secrets passed on command lines (`docker login -p`, `curl -u`,
//!   `Authorization:` headers, `--password=`, `mysql -p…`, `sshpass -p`, `htpasswd -b`, …).
//!
//! Precision is preferred over recall: well-known example values (`AKIAIOSFODNN7EXAMPLE`,
//! anything containing `EXAMPLE`, `xxxx` runs, repeated characters, sequential runs) are never
//! reported.

mod entropy;
mod names;
mod providers;
mod shell_args;
mod values;

pub use entropy::{
    alphabet, looks_random, p_random, randomness, shannon_entropy, Alphabet, Randomness,
};
pub use names::{is_secret_name, split_words, KEY_QUALIFIERS};
pub use providers::{scan_text, ProviderKind, PROVIDER_KINDS};
pub use shell_args::{scan_shell_words, ShellWord, SHELL_KINDS};
pub use values::{
    classify_value, is_placeholder, is_reference, literal_defaults, LiteralDefault, ValueClass,
};

pub use keelson_syntax::Span;

/// How sure the detector is that a match is a real secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// Plausible but weakly structured (for example a dictionary-word password in a URL).
    Low,
    /// Structured match whose value could still be a test value (a JWT, a password in a URL, a
    /// 32-hex-digit key with a short prefix).
    Medium,
    /// A distinctive provider format (fixed prefix, length and alphabet), or a value that looks
    /// random.
    High,
}

/// One secret found in a text or a command line.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SecretMatch {
    /// Stable kebab-case identifier of the format, for example `github-token`. The full lists
    /// are [`PROVIDER_KINDS`] and [`SHELL_KINDS`].
    pub kind: &'static str,
    /// Short human description, for example "GitHub personal access token".
    pub description: &'static str,
    /// Byte span of the secret value itself (not the whole line or key) in the scanned text.
    pub span: Span,
    /// How sure the detector is.
    pub confidence: Confidence,
}

#[cfg(test)]
mod corpus_tests;

#[cfg(test)]
mod robustness {
    use super::*;

    /// Deterministic pseudo-random texts built from fragments that exercise every detector,
    /// mixed with multi-byte characters: nothing may panic and every span must be a valid slice.
    #[test]
    fn never_panics_and_spans_are_valid() {
        const PIECES: &[&str] = &[
            "ghp_",
            "AKIA",
            "://",
            "@",
            ":",
            "=",
            "${",
            "}",
            "$(",
            ")",
            "\"",
            "'",
            " ",
            "\n",
            "\\n",
            "é",
            "✓",
            "日本",
            "-----BEGIN RSA PRIVATE KEY-----",
            "-----END RSA PRIVATE KEY-----",
            "eyJ",
            ".",
            "_authToken",
            "PASSWORD",
            "key-",
            "sk-",
            "xox",
            "Q~",
            "%",
            "<",
            ">",
            "{{",
            "-p",
            "--password",
            "curl",
            "-u",
            "-H",
            "Authorization:",
            "|",
            "chpasswd",
            "echo",
            "Tq8vZ3mW1xK9rB2nL7pY",
            "0123",
            "abcdef",
            "AccountKey=",
            "sshpass",
            "htpasswd",
            "-b",
        ];
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3000 {
            let mut text = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x % 24) as usize;
            for _ in 0..n {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                text.push_str(PIECES[(x % PIECES.len() as u64) as usize]);
            }
            for m in scan_text(&text) {
                assert!(text.get(m.span.start()..m.span.end()).is_some(), "{text:?}");
            }
            let words: Vec<(&str, Span)> = text
                .split(' ')
                .scan(0usize, |pos, w| {
                    let start = *pos;
                    *pos += w.len() + 1;
                    Some((w, Span::new(start, start + w.len())))
                })
                .collect();
            for m in scan_shell_words(&text, &words) {
                assert!(text.get(m.span.start()..m.span.end()).is_some(), "{text:?}");
            }
            let _ = classify_value(&text);
            let _ = literal_defaults(&text);
            let _ = is_secret_name(&text);
            let _ = randomness(&text);
        }
    }
}
