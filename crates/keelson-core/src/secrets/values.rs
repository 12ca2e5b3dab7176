//! Classification of values assigned to secret-named keys.
//!
//! [`classify_value`] answers "is this a hardcoded secret, or something harmless (a reference, a
//! path, a flag, a placeholder)?". [`literal_defaults`] extracts the literal defaults hidden in
//! `${VAR:-default}` expansions so that callers can classify them separately.
//!
//! # Placeholder list
//!
//! A value is a [`ValueClass::Placeholder`] when, compared case-insensitively:
//!
//! - it is a template or format hole: contains `{{ … }}` or `{% … %}`, contains `%(name)s` / `%s` /
//!   `%d`, or is entirely `<…>`, `{…}`, `[NAME]`, `@NAME@`, `__NAME__` or `#{…}`;
//! - it is one of the generic words `changeme`, `changeit`, `secret`, `secrets`, `password`,
//!   `passwd`, `pass`, `pwd`, `token`, `key`, `apikey`, `api_key`, `api-key`, `secret_key`,
//!   `secretkey`, `example`, `dummy`, `test`, `testing`, `sample`, `placeholder`, `none`, `null`,
//!   `nil`, `undefined`, `unset`, `empty`, `n/a`, `na`, `todo`, `tbd`, `fixme`, `redacted`,
//!   `hidden`, `masked`, `foo`, `bar`, `foobar`, `baz`, `value`, `string`, `required`, `optional`;
//! - it contains a fill-me-in marker: `changeme`/`change_me`/`change-me`, `changethis`,
//!   `change_this`, `change-this`, `please_change`, `replaceme`/`replace_me`/`replace-me`,
//!   `replace_with`/`replace-with`, `setme`/`set_me`/`set-me`, `fillme`/`fill_me`/`fill-in`,
//!   `not_set`/`notset`/`not-set`, `to_be_changed`, `example`, `placeholder`, `dummy`, `redacted`,
//!   `fixme`, `insert_`/`insert-`, `enter_`/`enter-`, `your` (as in `your-token-here`),
//!   `some_password`/`some-secret`/`some_token`-style fillers, `set_this`/`set-this`, `fake`,
//!   `user_provided`, or ends in
//!   `here` (`token_here`, `key-goes-here`);
//! - it contains a run of three or more `x`/`X` (`xxx`, `XXXXXXXX`), `***`, `•••`, `...` or `…`;
//! - after removing the separators `-_.:/ `, it is one character repeated (`aaaa`,
//!   `00000000-0000-0000-0000-000000000000`), or it has a run of eight equal or consecutive
//!   characters (`1x0000000000000000000000000000000AA`, `base64:1234567890abcdef…`);
//! - it is an `UPPER_SNAKE_CASE` variable name instead of a value (`GEMINI_API_KEY`);
//! - it is `random`, `generate`, `generated` or `auto`.
//!
//! Weak but real passwords such as `postgres`, `admin`, `supersecret` or `mysecretpassword` are
//! **not** placeholders: they are hardcoded credentials and are reported as [`ValueClass::Literal`].

use std::ops::Range;

/// What a value assigned to a secret-named key is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueClass {
    /// Nothing, or only whitespace/quotes.
    Empty,
    /// Filled in from elsewhere: a parameter expansion (`$VAR`, `${VAR}`, `${VAR:-x}`), command
    /// substitution (`$(cmd)`, backticks), a Windows `%VAR%` reference, or an external secret
    /// reference (`op://…`, `vault:…`, `arn:aws:secretsmanager:…`, `arn:aws:ssm:…`, `ENC[…]`).
    /// Literal text next to the expansion is not examined; use [`literal_defaults`] for the
    /// defaults of `${VAR:-default}`.
    Reference,
    /// Public key material, not a secret: an SSH public key (`ssh-ed25519 AAAA…`), a PEM
    /// `PUBLIC KEY`/`CERTIFICATE`/`PGP PUBLIC KEY BLOCK`, an age recipient (`age1…`), or an
    /// OpenPGP fingerprint / long key ID (16, 40 or 64 **uppercase** hex digits, optionally
    /// grouped by spaces).
    Public,
    /// A file path (`/run/secrets/db`, `./secret.txt`, `~/.aws/credentials`, `C:\keys\a.pem`,
    /// `service-account.json`, `file:///x`).
    Path,
    /// A URL without being a secret itself (`https://vault.example.org`). Credentials inside URLs
    /// are found by [`scan_text`](super::scan_text)'s `url-credentials` detector.
    Url,
    /// `true`/`false`/`yes`/`no`/`on`/`off`/`0`/`1`/`enabled`/`disabled`/`y`/`n`.
    Boolean,
    /// A number, optionally with a unit suffix (`3600`, `1.5`, `30s`, `10mb`).
    Number,
    /// A placeholder or template hole; see the [module docs](self) for the list.
    Placeholder,
    /// Anything else: a hardcoded secret.
    Literal,
}

impl ValueClass {
    /// Whether the value is a hardcoded literal secret.
    pub fn is_literal(self) -> bool {
        self == ValueClass::Literal
    }
}

/// A literal default inside a `${VAR:-default}`, `${VAR-default}`, `${VAR:=default}` or
/// `${VAR=default}` expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiteralDefault<'a> {
    /// The name of the variable whose default this is.
    pub name: &'a str,
    /// The default text, exactly as written.
    pub text: &'a str,
    /// Byte range of `text` in the string given to [`literal_defaults`].
    pub range: Range<usize>,
}

/// Classifies `value`, the value assigned to a secret-named key. Surrounding whitespace and one
/// pair of matching quotes are ignored.
///
/// The checks run in this order: empty (also `[]` and `{}`), reference, public key material,
/// template placeholder, path, URL, boolean, number, placeholder word, literal.
pub fn classify_value(value: &str) -> ValueClass {
    let v = unquote(value);
    if v.is_empty() || v == "[]" || v == "{}" {
        return ValueClass::Empty;
    }
    if is_reference(v) {
        return ValueClass::Reference;
    }
    if is_public_material(v) {
        return ValueClass::Public;
    }
    if is_template_hole(v) {
        return ValueClass::Placeholder;
    }
    if is_path(v) {
        return ValueClass::Path;
    }
    if is_url(v) {
        return ValueClass::Url;
    }
    if is_boolean(v) {
        return ValueClass::Boolean;
    }
    if is_number(v) {
        return ValueClass::Number;
    }
    if is_placeholder_text(v) {
        return ValueClass::Placeholder;
    }
    ValueClass::Literal
}

/// Whether `value` is a placeholder or template hole (see the [module docs](self)).
pub fn is_placeholder(value: &str) -> bool {
    let v = unquote(value);
    !v.is_empty() && (is_template_hole(v) || is_placeholder_text(v))
}

/// Whether `value` contains a shell/compose parameter expansion, command substitution or
/// external secret reference (see [`ValueClass::Reference`]).
pub fn is_reference(value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    if lower.starts_with("op://")
        || lower.starts_with("vault:")
        || lower.starts_with("arn:aws:secretsmanager:")
        || lower.starts_with("arn:aws:ssm:")
        || lower.starts_with("enc[")
        || lower.starts_with("secretref:")
        || lower.starts_with("@microsoft.keyvault(")
    {
        return true;
    }
    has_expansion(value) || has_windows_reference(value)
}

/// Literal defaults of `${VAR:-default}`-style expansions in `value`, innermost first for nested
/// expansions (`${A:-${B:-x}}` yields `x`; the outer default is not literal). Defaults that are
/// empty or contain an expansion themselves are skipped.
///
/// Ranges index `value` as given (no trimming or unquoting).
pub fn literal_defaults(value: &str) -> Vec<LiteralDefault<'_>> {
    let mut out = Vec::new();
    collect_defaults(value, 0, value.len(), &mut out);
    out
}

fn collect_defaults<'a>(value: &'a str, from: usize, to: usize, out: &mut Vec<LiteralDefault<'a>>) {
    let bytes = value.as_bytes();
    let mut i = from;
    while i + 1 < to {
        if bytes[i] == b'$' && bytes[i + 1] == b'$' {
            i += 2;
            continue;
        }
        if bytes[i] == b'$' && bytes[i + 1] == b'{' {
            let Some(close) = matching_brace(bytes, i + 1, to) else {
                return;
            };
            let inner_start = i + 2;
            // Variable name.
            let mut j = inner_start;
            while j < close && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_') {
                j += 1;
            }
            let name = &value[inner_start..j];
            let op_len = if value[j..close].starts_with(":-") || value[j..close].starts_with(":=") {
                2
            } else if value[j..close].starts_with('-') || value[j..close].starts_with('=') {
                1
            } else {
                0
            };
            if !name.is_empty() && op_len > 0 {
                let d_start = j + op_len;
                let text = &value[d_start..close];
                if text.contains('$') {
                    collect_defaults(value, d_start, close, out);
                } else if !text.is_empty() {
                    out.push(LiteralDefault {
                        name,
                        text,
                        range: d_start..close,
                    });
                }
            }
            i = close + 1;
            continue;
        }
        i += 1;
    }
}

/// Index of the `}` matching the `{` at `open`, within `..to`.
fn matching_brace(bytes: &[u8], open: usize, to: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, &b) in bytes.iter().enumerate().take(to).skip(open) {
        match b {
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// SSH public keys, PEM public keys and certificates, age recipients, OpenPGP key fingerprints.
fn is_public_material(v: &str) -> bool {
    // OpenPGP fingerprints and long key IDs are written in uppercase hex (`GPG_KEY`,
    // `SWIFT_SIGNING_KEY`), optionally in groups of four; generated secrets are lowercase.
    let compact: String = v.chars().filter(|c| *c != ' ').collect();
    if matches!(compact.len(), 16 | 40 | 64)
        && compact
            .bytes()
            .all(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(&c))
        && compact.bytes().any(|c| c.is_ascii_alphabetic())
    {
        return true;
    }
    const SSH: &[&str] = &[
        "ssh-rsa ",
        "ssh-ed25519 ",
        "ssh-dss ",
        "ecdsa-sha2-",
        "sk-ssh-ed25519@openssh.com ",
        "sk-ecdsa-sha2-",
    ];
    if SSH.iter().any(|p| v.starts_with(p)) {
        return true;
    }
    if v.contains("PRIVATE KEY") {
        return false;
    }
    if v.contains("-----BEGIN") {
        return ["PUBLIC KEY", "CERTIFICATE", "PGP PUBLIC KEY BLOCK"]
            .iter()
            .any(|k| v.contains(&format!("-----BEGIN {k}")) || v.contains(&format!(" {k}-----")));
    }
    v.len() == 62
        && v.starts_with("age1")
        && v.bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// Strips surrounding whitespace and one pair of matching quotes.
pub(crate) fn unquote(value: &str) -> &str {
    let v = value.trim();
    let b = v.as_bytes();
    if b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0] {
        v[1..v.len() - 1].trim()
    } else {
        v
    }
}

/// Whether `value` contains `$NAME`, `${…}`, `$(…)`, `$1`/`$@`-style specials or backticks.
/// `$$` (compose's escaped dollar) is not an expansion.
pub(crate) fn has_expansion(value: &str) -> bool {
    let b = value.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'`' => return true,
            b'$' => {
                let Some(&next) = b.get(i + 1) else {
                    return false;
                };
                if next == b'$' {
                    i += 2;
                    continue;
                }
                if next == b'{' || next == b'(' || next == b'_' || next.is_ascii_alphanumeric() {
                    return true;
                }
                if matches!(next, b'@' | b'*' | b'#' | b'?' | b'!') {
                    return true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

fn has_windows_reference(value: &str) -> bool {
    // %NAME% with a plausible variable name (also Symfony's `%kernel.project_dir%`).
    let b = value.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let mut j = i + 1;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'.') {
                j += 1;
            }
            if j > i + 1 && j < b.len() && b[j] == b'%' && b[i + 1].is_ascii_alphabetic() {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// Template and format holes: `{{ }}`, `{% %}`, `%(x)s`, `%s`, and values that are entirely
/// `<…>`, `{…}`, `[NAME]`, `@NAME@`, `__NAME__` or `#{…}`.
fn is_template_hole(v: &str) -> bool {
    if (v.contains("{{") && v.contains("}}")) || (v.contains("{%") && v.contains("%}")) {
        return true;
    }
    if has_printf_hole(v) {
        return true;
    }
    let b = v.as_bytes();
    let n = b.len();
    if n >= 2 {
        let (first, last) = (b[0], b[n - 1]);
        // Only ASCII delimiters are looked at, so slicing inside them is on char boundaries.
        let inner = if first.is_ascii() && last.is_ascii() {
            &v[1..n - 1]
        } else {
            ""
        };
        if first == b'<' && last == b'>' {
            return true;
        }
        if first == b'{' && last == b'}' && !inner.contains('{') {
            return true;
        }
        if first == b'[' && last == b']' && is_name_like(inner) {
            return true;
        }
        if first == b'@' && last == b'@' && is_name_like(inner) {
            return true;
        }
    }
    if n >= 5 && v.starts_with("__") && v.ends_with("__") && is_name_like(&v[2..n - 2]) {
        return true;
    }
    v.starts_with("#{") && v.ends_with('}')
}

fn has_printf_hole(v: &str) -> bool {
    let b = v.as_bytes();
    for i in 0..b.len() {
        if b[i] != b'%' {
            continue;
        }
        match b.get(i + 1) {
            // `%s` at the end or followed by a non-alphanumeric character.
            Some(b's') | Some(b'd') if b.get(i + 2).is_none_or(|c| !c.is_ascii_alphanumeric()) => {
                return true;
            }
            Some(b'(') => {
                let rest = &v[i + 2..];
                if let Some(close) = rest.find(')') {
                    if rest[close + 1..].starts_with('s') || rest[close + 1..].starts_with('d') {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

fn is_name_like(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b' ')
        && s.bytes().any(|c| c.is_ascii_alphabetic())
}

const FILE_EXTENSIONS: &[&str] = &[
    "pem",
    "key",
    "json",
    "txt",
    "crt",
    "cer",
    "p12",
    "pfx",
    "jks",
    "keystore",
    "env",
    "gpg",
    "asc",
    "der",
    "pub",
    "conf",
    "yaml",
    "yml",
    "ini",
    "properties",
    "secret",
    "secrets",
    "p8",
    "kdbx",
    "cfg",
    "toml",
    "xml",
];

fn is_path(v: &str) -> bool {
    if v.contains(char::is_whitespace) {
        return false;
    }
    if v.starts_with("./")
        || v.starts_with("../")
        || v.starts_with("~/")
        || v.starts_with(".\\")
        || v.starts_with("file://")
    {
        return true;
    }
    let b = v.as_bytes();
    if b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && (b[2] == b'\\' || b[2] == b'/')
    {
        return true;
    }
    let path_chars = |s: &str| {
        s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || b"._-/@+".contains(&c))
    };
    if let Some(rest) = v.strip_prefix('/') {
        // `/run/secrets/db`, `/etc/ssl/key.pem`, `/token.txt`.
        return path_chars(v) && (rest.contains('/') || has_file_extension(rest));
    }
    // A bare file name with a secret-file extension: `service-account.json`, `id_rsa.pub`.
    path_chars(v) && !v.contains('/') && has_file_extension(v) && !v.starts_with('.')
        || (v.contains('/') && path_chars(v) && has_file_extension(v) && !v.contains("//"))
}

fn has_file_extension(v: &str) -> bool {
    match v.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => {
            FILE_EXTENSIONS.iter().any(|e| ext.eq_ignore_ascii_case(e))
        }
        _ => false,
    }
}

fn is_url(v: &str) -> bool {
    let Some(idx) = v.find("://") else {
        return false;
    };
    let scheme = &v[..idx];
    !scheme.is_empty()
        && scheme.as_bytes()[0].is_ascii_alphabetic()
        && scheme
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'+' || c == b'.' || c == b'-')
        && !v.contains(char::is_whitespace)
}

fn is_boolean(v: &str) -> bool {
    const WORDS: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "0", "1", "y", "n", "enabled", "disabled",
        "enable", "disable",
    ];
    WORDS.iter().any(|w| v.eq_ignore_ascii_case(w))
}

fn is_number(v: &str) -> bool {
    let v = v.strip_prefix(['+', '-']).unwrap_or(v);
    let digits_end = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let (num, unit) = v.split_at(digits_end);
    if num.is_empty() || !num.as_bytes()[0].is_ascii_digit() || num.matches('.').count() > 1 {
        return false;
    }
    if num.ends_with('.') {
        return false;
    }
    const UNITS: &[&str] = &[
        "", "ms", "s", "m", "h", "d", "w", "y", "k", "kb", "mb", "gb", "tb", "ki", "mi", "gi",
    ];
    UNITS.iter().any(|u| unit.eq_ignore_ascii_case(u))
}

const PLACEHOLDER_WORDS: &[&str] = &[
    "changeme",
    "changeit",
    "secret",
    "secrets",
    "password",
    "passwd",
    "pass",
    "pwd",
    "token",
    "key",
    "apikey",
    "api_key",
    "api-key",
    "secret_key",
    "secretkey",
    "example",
    "dummy",
    "test",
    "testing",
    "sample",
    "placeholder",
    "none",
    "null",
    "nil",
    "undefined",
    "unset",
    "empty",
    "n/a",
    "na",
    "todo",
    "tbd",
    "fixme",
    "redacted",
    "hidden",
    "masked",
    "foo",
    "bar",
    "foobar",
    "baz",
    "value",
    "string",
    "required",
    "optional",
    "random",
    "generate",
    "generated",
    "auto",
];

const PLACEHOLDER_MARKERS: &[&str] = &[
    "changeme",
    "change_me",
    "change-me",
    "changethis",
    "change_this",
    "change-this",
    "please_change",
    "please-change",
    "replaceme",
    "replace_me",
    "replace-me",
    "replace_with",
    "replace-with",
    "setme",
    "set_me",
    "set-me",
    "fillme",
    "fill_me",
    "fill-me",
    "fill-in",
    "fill_in",
    "not_set",
    "notset",
    "not-set",
    "to_be_changed",
    "example",
    "placeholder",
    "dummy",
    "redacted",
    "fixme",
    "insert_",
    "insert-",
    "enter_",
    "enter-",
    "your",
    "some_pass",
    "some-pass",
    "somepass",
    "some_secret",
    "some-secret",
    "some_token",
    "some-token",
    "fake",
    "user_provided",
    "user-provided",
    "set_this",
    "set-this",
    "setthis",
    "***",
    "•••",
    "...",
    "…",
];

/// Placeholder words, markers, x-runs and repeated characters (not template holes).
pub(crate) fn is_placeholder_text(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    if PLACEHOLDER_WORDS.contains(&lower.as_str()) {
        return true;
    }
    if PLACEHOLDER_MARKERS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    if lower.len() > 4 && lower.ends_with("here") {
        return true;
    }
    if lower.contains("xxx") {
        return true;
    }
    // The name of a variable instead of its value (`GEMINI_API_KEY`, `SECRET_KEY_BASE`).
    if v.contains('_')
        && v.bytes().next().is_some_and(|c| c.is_ascii_uppercase())
        && v.bytes()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == b'_')
    {
        return true;
    }
    is_repeated_char(v) || has_long_run(v)
}

/// Eight or more equal or consecutive characters (`00000000`, `12345678`, `abcdefgh`).
fn has_long_run(v: &str) -> bool {
    let (mut same, mut up) = (1, 1);
    for w in v.as_bytes().windows(2) {
        same = if w[1] == w[0] { same + 1 } else { 1 };
        up = if w[0].is_ascii_alphanumeric() && w[1] == w[0].wrapping_add(1) {
            up + 1
        } else {
            1
        };
        if same >= 8 || up >= 8 {
            return true;
        }
    }
    false
}

/// One character repeated, ignoring the separators `-_.:/ ` (`aaaa`, `0000-0000`).
pub(crate) fn is_repeated_char(v: &str) -> bool {
    let mut chars = v.chars().filter(|c| !"-_.:/ ".contains(*c));
    let Some(first) = chars.next() else {
        return true;
    };
    let mut count = 1;
    for c in chars {
        if c != first {
            return false;
        }
        count += 1;
    }
    count >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use ValueClass::*;

    #[test]
    fn classify_table() {
        let cases: &[(&str, ValueClass)] = &[
            ("", Empty),
            ("   ", Empty),
            ("\"\"", Empty),
            ("''", Empty),
            ("'[]'", Empty),
            ("A62AE125BBBFBB96A6E042EC925CC1CCED3D1561", Public),
            ("A62A E125 BBBF BB96 A6E0  42EC 925C C1CC ED3D 1561", Public),
            ("FAKE_TO_GENERATE_WARNING_OUTPUT", Placeholder),
            ("user_provided", Placeholder),
            ("GEMINI_API_KEY", Placeholder),
            ("1x0000000000000000000000000000000AA", Placeholder),
            ("base64:1234567890abcdefghijklmnopqrstuvwxyz", Placeholder),
            ("%kernel.project_dir%/config/jwt/private.pem", Reference),
            ("ROOTPW", Literal),
            ("password123456", Literal),
            ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host", Public),
            ("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----", Public),
            ("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", Public),
            ("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----", Literal),
            ("Bearer SET_THIS_TO_SOME_RANDOM_TEXT", Placeholder),
            ("$DB_PASSWORD", Reference),
            ("${DB_PASSWORD}", Reference),
            ("${DB_PASSWORD:-}", Reference),
            ("${TOKEN:-ghp_real}", Reference),
            ("${SERVICE_PASSWORD_POSTGRES}", Reference),
            ("\"${PASS}\"", Reference),
            ("$(cat /run/secrets/db)", Reference),
            ("`cat token`", Reference),
            ("%DB_PASSWORD%", Reference),
            ("$env:API_KEY", Reference),
            ("op://vault/item/password", Reference),
            ("arn:aws:secretsmanager:us-east-1:123:secret:x", Reference),
            ("vault:secret/data/db#password", Reference),
            ("ENC[AES256_GCM,data:abc,iv:def]", Reference),
            ("prefix-${SUFFIX}", Reference),
            ("/run/secrets/db_password", Path),
            ("./secret.txt", Path),
            ("../keys/id_rsa", Path),
            ("~/.aws/credentials", Path),
            ("C:\\keys\\a.pem", Path),
            ("/token.txt", Path),
            ("service-account.json", Path),
            ("assets/client/tls/ngrokroot.key", Path),
            ("file:///run/secrets/x", Path),
            ("https://vault.example.org/v1", Url),
            ("redis://cache:6379/0", Url),
            ("true", Boolean),
            ("False", Boolean),
            ("yes", Boolean),
            ("off", Boolean),
            ("0", Boolean),
            ("1", Boolean),
            ("3600", Number),
            ("1.5", Number),
            ("30s", Number),
            ("10mb", Number),
            ("123456", Number),
            ("changeme", Placeholder),
            ("change_me", Placeholder),
            ("CHANGE-ME", Placeholder),
            ("changeme123", Placeholder),
            ("<password>", Placeholder),
            ("<your-token>", Placeholder),
            ("your-password-here", Placeholder),
            ("YOUR_API_KEY", Placeholder),
            ("xxx", Placeholder),
            ("XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", Placeholder),
            ("***", Placeholder),
            ("********", Placeholder),
            ("secret", Placeholder),
            ("password", Placeholder),
            ("Password", Placeholder),
            ("example", Placeholder),
            ("my-example-key", Placeholder),
            ("dummy", Placeholder),
            ("test", Placeholder),
            ("none", Placeholder),
            ("null", Placeholder),
            ("{{ .Values.password }}", Placeholder),
            ("{{password}}", Placeholder),
            ("{% raw %}x{% endraw %}", Placeholder),
            ("%(password)s", Placeholder),
            ("%s", Placeholder),
            ("{password}", Placeholder),
            ("[PASSWORD]", Placeholder),
            ("@DB_PASSWORD@", Placeholder),
            ("__DB_PASSWORD__", Placeholder),
            ("#{DbPassword}", Placeholder),
            ("token_here", Placeholder),
            ("some_password", Placeholder),
            ("put-your-key-here", Placeholder),
            ("REPLACE_ME", Placeholder),
            ("aaaaaaaa", Placeholder),
            ("00000000-0000-0000-0000-000000000000", Placeholder),
            ("...", Placeholder),
            ("postgres", Literal),
            ("admin", Literal),
            ("supersecret", Literal),
            ("mysecretpassword", Literal),
            ("hunter2", Literal),
            ("lgNvGyhnUKpa5PJi", Literal),
            ("'s3cr3t!'", Literal),
            ("neo4j/password", Literal),
            (
                "f34be427ebb29de8d88c107a71546019685ed8b241d8f2ed00c3df97ad2566f0",
                Literal,
            ),
            ("pa$$word", Literal),
            ("p@ss%w0rd", Literal),
            ("latest", Literal),
        ];
        for (value, want) in cases {
            assert_eq!(classify_value(value), *want, "value {value:?}");
        }
    }

    #[test]
    fn literal_defaults_table() {
        type Expected<'a> = &'a [(&'a str, &'a str, Range<usize>)];
        let cases: &[(&str, Expected)] = &[
            ("${TOKEN:-ghp_real}", &[("TOKEN", "ghp_real", 9..17)]),
            ("${TOKEN-abc}", &[("TOKEN", "abc", 8..11)]),
            ("${TOKEN:=abc}", &[("TOKEN", "abc", 9..12)]),
            ("${TOKEN:-}", &[]),
            ("${TOKEN}", &[]),
            ("${TOKEN:?required}", &[]),
            ("${TOKEN:+set}", &[]),
            ("$TOKEN", &[]),
            ("${A:-${B:-x}}", &[("B", "x", 10..11)]),
            ("${A:-$B}", &[]),
            (
                "postgres://${U:-app}:${P:-s3cret}@db/app",
                &[("U", "app", 16..19), ("P", "s3cret", 26..32)],
            ),
            ("$${NOT:-expanded}", &[]),
            ("${UNCLOSED:-x", &[]),
        ];
        for (value, want) in cases {
            let got: Vec<(&str, &str, Range<usize>)> = literal_defaults(value)
                .into_iter()
                .map(|d| (d.name, d.text, d.range))
                .collect();
            assert_eq!(&got, want, "value {value:?}");
            for d in literal_defaults(value) {
                assert_eq!(&value[d.range.clone()], d.text);
            }
        }
    }

    #[test]
    fn placeholder_helper() {
        assert!(is_placeholder("changeme"));
        assert!(is_placeholder("{{ x }}"));
        assert!(!is_placeholder(""));
        assert!(!is_placeholder("hunter2"));
        assert!(is_repeated_char("0000-0000"));
        assert!(!is_repeated_char("a"));
        assert!(!is_repeated_char("ab"));
    }
}
