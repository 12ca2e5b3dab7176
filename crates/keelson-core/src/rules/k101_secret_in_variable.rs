//! K101 secret-in-variable: a secret-named variable, build argument or label is given a literal
//! value (Dockerfile `ENV`, `ARG` defaults, `LABEL`; compose `environment`, `build.args`,
//! `labels`), including the literal default of `${VAR:-default}`.
//!
//! Names are judged by [`secrets::is_secret_name`], values by [`secrets::classify_value`]
//! (references, paths, flags, numbers and placeholders are not secrets). A value holding a
//! provider-format token is left to K102, which names the provider. Dockerfile findings in a stage
//! the final image is not built `FROM` are warnings. See `rules/K101-secret-in-variable/README.md`.
//!
//! This file also holds the helpers K102 and K103 share: redaction and stage grading.

use std::collections::{HashMap, HashSet};

use keelson_model::compose::interpolate::Operator;
use keelson_model::compose::{FileIdx, KeyValue, Loc, Text};
use keelson_model::dockerfile::env::EmptyEnv;
use keelson_model::dockerfile::{expand, DockerfileModel, Expansion, InstructionId};
use keelson_syntax::dockerfile::{Instruction, InstructionArgs, KeyValue as PairSyntax, Word};
use keelson_syntax::Span;

use crate::context::{ComposeContext, DockerfileContext};
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, BOTH};
use super::k103_secret_in_command::is_generic_kind;
use crate::secrets::{self, SecretMatch, ValueClass};
use crate::source::FileId;

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Secrets,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: BOTH,
    peers: &[
        peer("hadolint", "DL3064"),
        peer("trivy", "DS-0031"),
        peer("kics", "Secrets Stored In Dockerfile"),
        peer("semgrep", "secret-in-build-arg"),
        peer("buildkit", "SecretsUsedInArgOrEnv"),
        peer("compose-lint", "CL-0020"),
    ],
    fixable: false,
};

pub(crate) struct SecretInVariable;
pub(crate) static RULE: SecretInVariable = SecretInVariable;

impl Check for SecretInVariable {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for f in dockerfile_findings(cx) {
            f.report(out);
        }
    }

    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for f in compose_findings(cx) {
            f.report(out);
        }
    }
}

/// A K101 finding before it is reported (K102 reads the locations to avoid reporting the same
/// value twice).
pub(super) struct VariableFinding {
    /// The file of the run the value is written in.
    pub(super) file: FileId,
    /// The value (or the literal default) itself.
    pub(super) span: Span,
    message: String,
    help: String,
    severity: Option<Severity>,
    related: Option<(FileId, Span)>,
}

impl VariableFinding {
    fn report(self, out: &mut Reporter<'_>) {
        let finding = out.report_in(self.file, self.span, self.message);
        finding.help(self.help);
        if let Some(severity) = self.severity {
            finding.severity(severity);
        }
        if let Some((file, span)) = self.related {
            finding.related(file, span, "brought into the service here");
        }
    }
}

/// Every secret-named `ENV`, `ARG` default and `LABEL` of a Dockerfile with a literal value.
pub(super) fn dockerfile_findings(cx: &DockerfileContext<'_>) -> Vec<VariableFinding> {
    // Values holding a provider-format token are K102's.
    let tokens: Vec<SecretMatch> = cx
        .secret_tokens()
        .iter()
        .filter(|t| !is_generic_kind(t.kind))
        .cloned()
        .collect();
    let lineage = cx.model.final_lineage();
    let mut keys: Vec<Vec<String>> = Vec::new();
    for instruction in cx.syntax.instructions() {
        for i in std::iter::once(instruction).chain(instruction.onbuild_inner()) {
            keys.extend(pairs_of(i).0.iter().map(|p| secrets::split_words(&p.key.raw)));
        }
    }
    let mut found = Vec::new();
    for instruction in cx.syntax.instructions() {
        let id = cx.model.id_of(instruction);
        let place = id.map_or(Place::Final, |id| place_of(cx.model, id, &lineage));
        let scope = Scope { tokens: &tokens, keys: &keys };
        check_instruction(cx, instruction, id, place, &scope, &mut found);
        if let Some(inner) = instruction.onbuild_inner() {
            check_instruction(cx, inner, None, Place::Onbuild, &scope, &mut found);
        }
    }
    found
}

/// Every secret-named compose `environment`, `build.args` and `labels` entry with a literal
/// value (or literal default), once per place it is written.
pub(super) fn compose_findings(cx: &ComposeContext<'_>) -> Vec<VariableFinding> {
    let mut tokens: HashMap<FileIdx, Vec<SecretMatch>> = HashMap::new();
    let mut seen: HashSet<Loc> = HashSet::new();
    let mut found = Vec::new();
    for service in &cx.project.services {
        let mut groups: Vec<(&[KeyValue], ComposeWhat)> = vec![
            (&service.environment, ComposeWhat::Environment),
            (&service.labels, ComposeWhat::Label),
        ];
        if let Some(build) = &service.build {
            groups.push((&build.args, ComposeWhat::BuildArg));
            groups.push((&build.labels, ComposeWhat::Label));
        }
        for (entries, what) in groups {
            let keys: Vec<Vec<String>> = entries.iter().map(|kv| secrets::split_words(&kv.key)).collect();
            for kv in entries {
                if is_public_half(&kv.key, &keys) {
                    continue;
                }
                check_compose_entry(cx, kv, what, &mut tokens, &mut seen, &mut found);
            }
        }
    }
    found
}

// ---------------------------------------------------------------------------------------------
// Dockerfile

/// Where a Dockerfile instruction sits, for grading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Place {
    /// The final stage, a stage it is built `FROM`, or the global scope.
    Final,
    /// A stage the final image is not built `FROM` (its display name).
    Builder(String),
    /// An `ONBUILD` trigger.
    Onbuild,
}

impl Place {
    /// The severity of a finding here.
    pub(super) fn severity(&self) -> Severity {
        match self {
            Place::Builder(_) => Severity::Warning,
            Place::Final | Place::Onbuild => Severity::Error,
        }
    }

    /// ` in build stage `x``, ` in an `ONBUILD` trigger` or nothing.
    pub(super) fn phrase(&self) -> String {
        match self {
            Place::Final => String::new(),
            Place::Builder(name) => format!(" in build stage `{name}`"),
            Place::Onbuild => " in an `ONBUILD` trigger".to_string(),
        }
    }
}

/// Where instruction `id` sits (global `ARG`s count as final: every stage can use them).
pub(super) fn place_of(model: &DockerfileModel, id: InstructionId, lineage: &[usize]) -> Place {
    match model.stage_of(id) {
        Some(stage) if !lineage.contains(&stage.index) && model.final_stage.is_some() => {
            Place::Builder(stage.display_name())
        }
        _ => Place::Final,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DockerfileWhat {
    Env,
    Arg,
    Label,
}

fn check_instruction(
    cx: &DockerfileContext<'_>,
    instruction: &Instruction,
    id: Option<InstructionId>,
    place: Place,
    scope: &Scope<'_>,
    found: &mut Vec<VariableFinding>,
) {
    let (pairs, what) = pairs_of(instruction);
    for pair in pairs {
        let Some(word) = &pair.value else {
            continue;
        };
        let key = secrets_unquote(&pair.key.raw);
        if key.contains('$')
            || !secrets::is_secret_name(key)
            || is_public_half(key, scope.keys)
            || cx.secret_allowed(key)
        {
            continue;
        }
        let expansion: Expansion = match id {
            Some(id) => cx.model.expand_at(id, &word.raw),
            None => expand(&word.raw, &EmptyEnv, cx.model.escape),
        };
        for candidate in dockerfile_candidates(word, &expansion) {
            if !is_literal_secret(key, &candidate.value) || cx.secret_allowed(&candidate.value) {
                continue;
            }
            if scope.tokens.iter().any(|t| overlaps(t.span, candidate.span)) {
                continue;
            }
            found.push(VariableFinding {
                file: cx.file,
                span: candidate.span,
                message: dockerfile_message(key, what, &place, &candidate),
                help: dockerfile_help(key),
                severity: Some(place.severity()),
                related: None,
            });
        }
    }
}

/// What a Dockerfile value is judged against: the provider tokens of the file (K102's) and the
/// names of every variable and label the file sets.
struct Scope<'a> {
    tokens: &'a [SecretMatch],
    keys: &'a [Vec<String>],
}

/// The `key=value` pairs of an `ENV`, `ARG` or `LABEL` (none for other instructions).
fn pairs_of(instruction: &Instruction) -> (&[PairSyntax], DockerfileWhat) {
    match &instruction.view {
        InstructionArgs::Env(kv) => (&kv.pairs, DockerfileWhat::Env),
        InstructionArgs::Label(kv) => (&kv.pairs, DockerfileWhat::Label),
        InstructionArgs::Arg(a) => (&a.args, DockerfileWhat::Arg),
        _ => (&[], DockerfileWhat::Env),
    }
}

/// A value (or a literal default inside one) to judge, with where it is written.
struct Candidate {
    value: String,
    span: Span,
    /// The variable whose default this is, for `${NAME:-default}`.
    default_of: Option<String>,
}

fn dockerfile_candidates(word: &Word, expansion: &Expansion) -> Vec<Candidate> {
    if expansion.refs.is_empty() {
        return vec![Candidate {
            value: expansion.value.clone(),
            span: value_span(word),
            default_of: None,
        }];
    }
    // A reference: only literal defaults can be secrets.
    let verbatim = word.raw.len() == word.span.len();
    secrets::literal_defaults(&word.raw)
        .into_iter()
        .map(|d| Candidate {
            value: d.text.to_string(),
            span: if verbatim {
                Span::new(word.span.start() + d.range.start, word.span.start() + d.range.end)
            } else {
                word.span
            },
            default_of: Some(d.name.to_string()),
        })
        .collect()
}

/// The span of a value word without its surrounding quotes, when they can be located.
fn value_span(word: &Word) -> Span {
    let raw = word.raw.as_bytes();
    let quoted = raw.len() >= 2
        && (raw[0] == b'"' || raw[0] == b'\'')
        && raw[raw.len() - 1] == raw[0]
        && word.raw.len() == word.span.len();
    if quoted {
        Span::new(word.span.start() + 1, word.span.end() - 1)
    } else {
        word.span
    }
}

fn dockerfile_message(key: &str, what: DockerfileWhat, place: &Place, c: &Candidate) -> String {
    let shown = redact(&c.value);
    let subject = match (what, &c.default_of) {
        (DockerfileWhat::Env, None) => format!("`{key}` is set to a hardcoded secret (`{shown}`)"),
        (DockerfileWhat::Arg, None) => {
            format!("build argument `{key}` defaults to a hardcoded secret (`{shown}`)")
        }
        (DockerfileWhat::Label, None) => format!("label `{key}` holds a hardcoded secret (`{shown}`)"),
        (DockerfileWhat::Env, Some(var)) => {
            format!("`{key}` falls back to a hardcoded secret (`{shown}`) when `${{{var}}}` is unset")
        }
        (DockerfileWhat::Arg, Some(var)) => format!(
            "build argument `{key}` falls back to a hardcoded secret (`{shown}`) when `${{{var}}}` is unset"
        ),
        (DockerfileWhat::Label, Some(var)) => format!(
            "label `{key}` falls back to a hardcoded secret (`{shown}`) when `${{{var}}}` is unset"
        ),
    };
    let why = match (place, what) {
        (Place::Builder(_), _) => {
            "that stage does not ship, but the value is committed with the Dockerfile and kept in \
             the build cache and the stage's history"
        }
        (Place::Onbuild, _) => "every image built `FROM` this one gets it",
        (Place::Final, DockerfileWhat::Env) => {
            "`ENV` values are stored in the image configuration, where anyone who can pull the \
             image reads them with `docker inspect`"
        }
        (Place::Final, DockerfileWhat::Arg) => {
            "the default is committed with the Dockerfile, and every `RUN` that uses it records \
             the value in the image history"
        }
        (Place::Final, DockerfileWhat::Label) => {
            "labels are image metadata that anyone who can pull the image reads with \
             `docker inspect`"
        }
    };
    format!("{subject}{}: {why}", place.phrase())
}

fn dockerfile_help(key: &str) -> String {
    let id = key.to_ascii_lowercase();
    format!(
        "remove the value: give a build-time secret only to the step that needs it with \
         `RUN --mount=type=secret,id={id},env={key}` (`docker build --secret id={id},env={key}`), \
         and set run-time secrets when the container starts (compose `secrets:`, read through a \
         `{key}_FILE=/run/secrets/{id}` variable where the image supports one); then change the \
         secret, it is in the repository history"
    )
}

// ---------------------------------------------------------------------------------------------
// Compose

#[derive(Clone, Copy, PartialEq, Eq)]
enum ComposeWhat {
    Environment,
    BuildArg,
    Label,
}

fn check_compose_entry(
    cx: &ComposeContext<'_>,
    kv: &KeyValue,
    what: ComposeWhat,
    tokens: &mut HashMap<FileIdx, Vec<SecretMatch>>,
    seen: &mut HashSet<Loc>,
    found: &mut Vec<VariableFinding>,
) {
    let Some(text) = &kv.value else {
        return;
    };
    let key = kv.key.as_str();
    if key.contains('$') || !secrets::is_secret_name(key) || cx.secret_allowed(key) {
        return;
    }
    for (value, loc, default_of) in compose_candidates(text) {
        if !is_literal_secret(key, &value) || cx.secret_allowed(&value) {
            continue;
        }
        let file_tokens = tokens.entry(loc.file).or_insert_with(|| {
            if cx.project.file(loc.file).is_some_and(|f| f.yaml.is_some()) {
                cx.secret_tokens(loc.file)
                    .iter()
                    .filter(|t| !is_generic_kind(t.kind))
                    .cloned()
                    .collect()
            } else {
                Vec::new()
            }
        });
        if file_tokens.iter().any(|t| overlaps(t.span, loc.span)) {
            continue;
        }
        if !seen.insert(loc) {
            continue;
        }
        let shown = redact(&value);
        let subject = match (what, &default_of) {
            (ComposeWhat::Environment, None) => {
                format!("`{key}` is set to a hardcoded secret (`{shown}`)")
            }
            (ComposeWhat::BuildArg, None) => {
                format!("build argument `{key}` is a hardcoded secret (`{shown}`)")
            }
            (ComposeWhat::Label, None) => format!("label `{key}` holds a hardcoded secret (`{shown}`)"),
            (_, Some(var)) => {
                format!("`{key}` falls back to a hardcoded secret (`{shown}`) when `${{{var}}}` is unset")
            }
        };
        let why = match what {
            ComposeWhat::Environment => {
                "it is committed with the compose file, and anyone who can run `docker inspect` \
                 on the container reads it"
            }
            ComposeWhat::BuildArg => {
                "it is committed with the compose file, and every `RUN` that uses the argument \
                 records it in the image history"
            }
            ComposeWhat::Label => {
                "it is committed with the compose file, and labels are metadata anyone who can \
                 run `docker inspect` reads"
            }
        };
        let id = key.to_ascii_lowercase();
        let help = match what {
            ComposeWhat::Environment => format!(
                "use compose `secrets:` and point a `{key}_FILE` variable at `/run/secrets/{id}` \
                 where the image supports one, or write `${{{key}}}` here and keep the value in an \
                 `.env` file that is not committed; then change the secret"
            ),
            ComposeWhat::BuildArg => format!(
                "pass it as a build secret (`build.secrets: [{id}]`) and read it in the Dockerfile \
                 with `RUN --mount=type=secret,id={id}`; then change the secret"
            ),
            ComposeWhat::Label => {
                "do not put secrets in labels: give them to the container with compose `secrets:`; \
                 then change the secret"
                    .to_string()
            }
        };
        let (file, span) = cx.at(loc);
        found.push(VariableFinding {
            file,
            span,
            message: format!("{subject}: {why}"),
            help,
            severity: None,
            related: kv.via.or(text.via).map(|via| cx.at(via)),
        });
    }
}

/// The value of a compose entry, or the literal defaults of its `${VAR:-default}` references,
/// each with where it is written.
fn compose_candidates(text: &Text) -> Vec<(String, Loc, Option<String>)> {
    if !text.is_interpolated() {
        let loc = text.loc_of(Span::new(0, text.raw.len()));
        return vec![(text.value.clone(), loc, None)];
    }
    text.refs()
        .iter()
        .filter(|r| r.operator.is_some_and(Operator::is_default))
        .filter_map(|r| {
            let arg = r.argument.as_ref()?;
            if arg.raw.contains('$') {
                // Nested references are listed on their own.
                return None;
            }
            Some((arg.raw.clone(), text.loc_of(arg.span), Some(r.name.clone())))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Shared helpers (also used by K102 and K103)

/// Whether `value`, assigned to the secret-named `name`, is a literal secret: a literal, or a
/// number of four digits or more given to a password name (`MYSQL_ROOT_PASSWORD: 123456`).
fn is_literal_secret(name: &str, value: &str) -> bool {
    match secrets::classify_value(value) {
        ValueClass::Literal => !names_a_secret(value) && !placeholder_password(value),
        ValueClass::Number => {
            let digits = secrets_unquote(value);
            digits.len() >= 4 && digits.bytes().all(|b| b.is_ascii_digit()) && is_password_name(name)
        }
        _ => false,
    }
}

/// Whether `value` only names a secret instead of being one: two or more words without digits,
/// the last a secret noun (`chrome_token`, `db-password`, `SomeSecretPassword`,
/// `object_storage_root_password`). Such values are placeholders a user is meant to replace.
pub(super) fn names_a_secret(value: &str) -> bool {
    const NOUNS: &[&str] = &[
        "secret", "secrets", "password", "passwd", "pwd", "pass", "token", "passphrase",
        "credential", "credentials", "key", "apikey",
    ];
    let v = secrets_unquote(value);
    if v.bytes().any(|b| b.is_ascii_digit())
        || !v.bytes().all(|b| b.is_ascii_alphabetic() || matches!(b, b'_' | b'-' | b'.'))
    {
        return false;
    }
    let words = secrets::split_words(v);
    words.len() >= 2 && words.last().is_some_and(|w| NOUNS.contains(&w.as_str()))
}

/// Whether a `user:password` or `user/password` value has a placeholder as its password
/// (`neo4j/password`, `username:password`, `admin:changeme`).
pub(super) fn placeholder_password(value: &str) -> bool {
    let v = secrets_unquote(value);
    if v.contains(char::is_whitespace) || v.contains("://") || v.matches(['/', ':']).count() != 1 {
        return false;
    }
    match v.rsplit_once(['/', ':']) {
        Some((user, pass)) if !user.is_empty() => {
            secrets::classify_value(pass) != ValueClass::Literal && !pass.is_empty()
        }
        _ => false,
    }
}

/// Whether a `*_ACCESS_KEY`, `*_APP_KEY` or `*_CLIENT_KEY` is the public half of a pair whose
/// secret half is set beside it (`MINIO_ACCESS_KEY` with `MINIO_SECRET_KEY`, `PUSHER_APP_KEY`
/// with `PUSHER_APP_SECRET`): then it is an identifier, like `AWS_ACCESS_KEY_ID`.
fn is_public_half(name: &str, siblings: &[Vec<String>]) -> bool {
    let words = secrets::split_words(name);
    let n = words.len();
    let (Some(last), Some(prev)) = (words.last(), n.checked_sub(2).and_then(|i| words.get(i)))
    else {
        return false;
    };
    if last != "key" || !matches!(prev.as_str(), "access" | "app" | "client") {
        return false;
    }
    let base = &words[..n - 2];
    let with = |tail: &[&str]| -> Vec<String> {
        base.iter()
            .cloned()
            .chain(tail.iter().map(|t| t.to_string()))
            .collect()
    };
    let halves = [
        with(&["secret", "key"]),
        with(&["secret", prev, "key"]),
        with(&[prev, "secret"]),
        with(&["secret"]),
        with(&["secret", prev]),
    ];
    siblings.iter().any(|s| halves.contains(s))
}

/// Whether the last meaningful word of `name` is a password word (`password`, `pass`, `pwd`, …).
fn is_password_name(name: &str) -> bool {
    let words = secrets::split_words(name);
    words
        .iter()
        .rev()
        .find(|w| !w.bytes().all(|b| b.is_ascii_digit()))
        .is_some_and(|w| w.contains("pass") || w.ends_with("pwd"))
}

/// Strips surrounding whitespace and one pair of matching quotes.
pub(super) fn secrets_unquote(value: &str) -> &str {
    let v = value.trim();
    let b = v.as_bytes();
    if b.len() >= 2 && (b[0] == b'"' || b[0] == b'\'') && b[b.len() - 1] == b[0] {
        v.get(1..v.len() - 1).unwrap_or(v).trim()
    } else {
        v
    }
}

/// Whether a compose value holds `$$NAME`, `$${…}` or `$$(…)`: Compose turns `$$` into `$`, so
/// the container's shell expands a variable there. The text is a reference, not a literal.
pub(super) fn has_escaped_reference(s: &str) -> bool {
    s.match_indices("$$").any(|(i, _)| {
        s.as_bytes()
            .get(i + 2)
            .is_some_and(|&c| c == b'{' || c == b'(' || c == b'_' || c.is_ascii_alphabetic())
    })
}

/// Whether two spans share at least one byte.
pub(super) fn overlaps(a: Span, b: Span) -> bool {
    a.start() < b.end() && b.start() < a.end()
}

/// A secret shown in a message: a short prefix and `…`, never the whole value.
pub(super) fn redact(secret: &str) -> String {
    redact_with(secret, false)
}

/// [`redact`]; with `provider`, a token's format prefix (`ghp_`, `sk_live_`, `glpat-`) is shown
/// whole when the rest of the token is long (the prefix says which provider, not the secret).
pub(super) fn redact_with(secret: &str, provider: bool) -> String {
    let chars: Vec<char> = secrets_unquote(secret).chars().collect();
    let n = chars.len();
    let head = chars.iter().take(12).collect::<String>();
    let provider = head
        .rfind(['_', '-', '.'])
        .map(|i| head[..=i].chars().count())
        .filter(|&p| provider && p >= 3 && n >= p + 16);
    let keep = match provider {
        Some(p) => p,
        None if n >= 16 => 4,
        None if n >= 6 => 2,
        None => 0,
    };
    let mut shown: String = chars.iter().take(keep).collect();
    shown.push('…');
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_never_shows_the_secret() {
        assert_eq!(redact("hunter2"), "hu…");
        assert_eq!(redact("abc"), "…");
        assert_eq!(redact_with("ghp_R8mK2vX9qL4tN7wP3sZ6yB1cD5fH0jA2eG4i", true), "ghp_…");
        assert_eq!(redact_with("sk_live_R8mK2vX9qL4tN7wP3sZ6yB", true), "sk_live_…");
        assert_eq!(redact_with("AKIA2E0A8F3B244C9986", true), "AKIA…");
        assert_eq!(redact("correct-horse-battery-staple"), "corr…");
        assert_eq!(redact("\"mysecretpassword\""), "myse…");
        assert_eq!(redact("pässwörter-über-alles"), "päss…");
    }

    #[test]
    fn numbers_are_passwords_only_for_password_names() {
        assert!(is_literal_secret("MYSQL_ROOT_PASSWORD", "123456"));
        assert!(!is_literal_secret("MYSQL_ROOT_PASSWORD", "12"));
        assert!(!is_literal_secret("JWT_SECRET", "3600"));
        assert!(!is_literal_secret("DB_PASSWORD", "30s"));
        assert!(is_literal_secret("DB_PASSWORD", "hunter2"));
        assert!(!is_literal_secret("DB_PASSWORD", "changeme"));
        assert!(!is_literal_secret("NEO4J_AUTH", "neo4j/password"));
        assert!(is_literal_secret("NEO4J_AUTH", "neo4j/s3cr3t"));
        assert!(!is_literal_secret("TOKEN", "chrome_token"));
        assert!(!is_literal_secret("SEARCH_BACKEND_PASSWORD", "SomeSecretPassword"));
        assert!(is_literal_secret("POSTGRES_PASSWORD", "mysecretpassword"));
        assert!(is_literal_secret("POSTGRES_PASSWORD", "db_password_2024"));
    }

    #[test]
    fn public_halves_of_key_pairs() {
        let keys: Vec<Vec<String>> = ["MINIO_ACCESS_KEY", "MINIO_SECRET_KEY", "PUSHER_APP_KEY", "PUSHER_APP_SECRET"]
            .iter()
            .map(|k| secrets::split_words(k))
            .collect();
        assert!(is_public_half("MINIO_ACCESS_KEY", &keys));
        assert!(is_public_half("PUSHER_APP_KEY", &keys));
        assert!(!is_public_half("MINIO_SECRET_KEY", &keys));
        assert!(!is_public_half("APP_KEY", &keys));
        assert!(!is_public_half("AZURE_STORAGE_ACCESS_KEY", &keys));
    }
}
