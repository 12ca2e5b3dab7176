//! K301 copied-credentials: `COPY`/`ADD` writes a credential file (an SSH or TLS private key, a
//! `.env` file, registry or cloud credentials) into an image layer, where it stays readable by
//! anyone who can pull the image even if a later instruction deletes it.
//!
//! Each source is expanded with the `ARG`/`ENV` values in force, normalised, and its final path
//! components are matched against a catalogue of credential files (globs are tried against it
//! too). The destination is used only when it is a file credential tools read (`~/.ssh/id_rsa`,
//! `~/.aws/credentials`, …). Findings are graded by the kind of file and by whether the stage ends
//! up in the final image. See `rules/K301-copied-credentials/README.md`.

use keelson_model::dockerfile::{DockerfileModel, EdgeKind, EdgeTarget, InstructionId};
use keelson_syntax::dockerfile::{CopyArgs, Instruction, InstructionArgs, InstructionKind, Word};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Credentials,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("trivy", "DS-0031")],
    fixable: false,
};

pub(crate) struct CopiedCredentials;
pub(crate) static RULE: CopiedCredentials = CopiedCredentials;

impl Check for CopiedCredentials {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        let shipped = cx.model.final_lineage();
        for ins in cx.syntax.instructions() {
            if let Some(inner) = ins.onbuild_inner() {
                check_onbuild(inner, out);
                continue;
            }
            let Some(args) = copy_args(ins) else {
                continue;
            };
            let Some(id) = cx.model.id_of(ins) else {
                continue;
            };
            let Some(stage) = cx.model.stage_of(id) else {
                continue;
            };
            let in_image = shipped.contains(&stage.index);
            let origin = match ins.flag("from") {
                None => Origin::Context {
                    in_image,
                    stage: stage.display_name(),
                },
                Some(_) => {
                    // Only a file carried from another stage into the shipped image matters; an
                    // external image's files are that image's business.
                    let from_stage = stage
                        .edges
                        .iter()
                        .find(|e| e.instruction == id && e.kind == EdgeKind::CopyFrom)
                        .and_then(|e| match &e.target {
                            EdgeTarget::Stage(i) => cx.model.stage(*i),
                            _ => None,
                        });
                    match from_stage {
                        Some(s) if in_image => Origin::Stage(s.display_name()),
                        _ => continue,
                    }
                }
            };
            let expand = |raw: &str| expand_word(cx.model, id, raw);
            check_copy(ins, args, &origin, &expand, out);
        }
    }
}

/// Where a `COPY`/`ADD` takes its files from, and what that means for the finding.
enum Origin {
    /// The build context, in a stage that is (or is not) part of the final image.
    Context { in_image: bool, stage: String },
    /// Another stage (`COPY --from=<stage>`), into a stage of the final image.
    Stage(String),
    /// An `ONBUILD` trigger: the context of every build that starts `FROM` this image.
    Onbuild,
}

fn copy_args(ins: &Instruction) -> Option<&CopyArgs> {
    match (&ins.kind, &ins.view) {
        (
            InstructionKind::Copy | InstructionKind::Add,
            InstructionArgs::Copy(a) | InstructionArgs::Add(a),
        ) => Some(a),
        _ => None,
    }
}

fn check_onbuild(inner: &Instruction, out: &mut Reporter<'_>) {
    let Some(args) = copy_args(inner) else {
        return;
    };
    if inner.flag("from").is_some() {
        return;
    }
    // The trigger runs in another build; only literal words can be read here.
    let literal = |raw: &str| (!raw.contains('$')).then(|| raw.to_string());
    check_copy(inner, args, &Origin::Onbuild, &literal, out);
}

/// A word after `ARG`/`ENV` expansion, when at least its final path component is known.
fn expand_word(model: &DockerfileModel, id: InstructionId, raw: &str) -> Option<String> {
    let expansion = model.expand_at(id, raw);
    if expansion.is_resolved() {
        return Some(expansion.value);
    }
    let last = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    (!last.contains('$') && expansion.errors.is_empty()).then_some(expansion.value)
}

fn check_copy(
    ins: &Instruction,
    args: &CopyArgs,
    origin: &Origin,
    expand: &dyn Fn(&str) -> Option<String>,
    out: &mut Reporter<'_>,
) {
    let keyword = ins.kind.name();
    let excludes: Vec<String> = ins
        .flags_named("exclude")
        .filter_map(|f| f.value.as_deref())
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().to_ascii_lowercase())
        .filter(|v| !v.is_empty())
        .collect();
    let dest = args
        .destination
        .as_ref()
        .and_then(|d| expand(&d.raw).map(|v| (d.raw.as_str(), v)));
    let several = args.sources.len() > 1;
    for (i, word) in args.sources.iter().enumerate() {
        if matches!(args.heredoc_sources.get(i), Some(Some(_))) || is_remote(&word.raw) {
            continue;
        }
        let Some(value) = expand(&word.raw) else {
            continue;
        };
        let comps = components(&value);
        if comps.is_empty() {
            continue;
        }
        let target = dest
            .as_ref()
            .map(|(draw, dval)| Target::new(draw, dval, &word.raw, &value, &comps, several));
        if target.as_ref().is_some_and(Target::is_public) {
            continue;
        }
        let found = match match_source(&comps) {
            Some(m) => Some(m),
            None => target.as_ref().and_then(|t| match_target(t, &comps)),
        };
        let Some(found) = found else {
            continue;
        };
        if excludes.iter().any(|x| found.excluded_by(x)) {
            continue;
        }
        report(out, word, &value, keyword, origin, &found);
    }
}

/// `ADD https://…`, `ADD git@…`: not from the build context.
fn is_remote(raw: &str) -> bool {
    raw.contains("://") || raw.starts_with("git@")
}

/// A path split into lower-case components, `.` dropped and `..` applied.
fn components(path: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            p => out.push(p.to_ascii_lowercase()),
        }
    }
    out
}

/// Where a copied file lands, as far as the destination says.
struct Target {
    /// The destination path's components.
    dest: Vec<String>,
    /// The path of the copied file itself, when the destination names it (a file destination,
    /// or a directory destination plus the source's name).
    file: Option<Vec<String>>,
    /// Whether the destination is a directory.
    dest_is_dir: bool,
    /// The destination as it reads after expansion, for messages.
    shown: String,
}

impl Target {
    fn new(
        dest_raw: &str,
        dest_value: &str,
        src_raw: &str,
        src_value: &str,
        src: &[String],
        several: bool,
    ) -> Target {
        let dest = components(dest_value);
        let src_is_dir = src_raw.ends_with('/') || src_raw.ends_with("/.") || src_raw == ".";
        let dest_is_dir =
            several || src_is_dir || dest_raw.ends_with('/') || dest_raw.ends_with("/.");
        let file = if src_is_dir || is_glob(src_raw) {
            None
        } else if dest_is_dir {
            src.last().map(|name| {
                let mut f = dest.clone();
                f.push(name.clone());
                f
            })
        } else {
            Some(dest.clone())
        };
        let mut shown = dest_value.to_string();
        if let (true, false, Some(name)) = (
            dest_is_dir,
            src_is_dir || is_glob(src_raw),
            src_value.rsplit(['/', '\\']).next(),
        ) {
            if !shown.ends_with('/') {
                shown.push('/');
            }
            shown.push_str(name);
        }
        Target {
            dest,
            file,
            dest_is_dir,
            shown,
        }
    }

    /// Whether the destination says the file is public (`key.pub`, `ca.crt`).
    fn is_public(&self) -> bool {
        self.file
            .as_ref()
            .and_then(|f| f.last())
            .is_some_and(|name| is_public_name(name))
    }
}

/// A credential match.
struct Found {
    kind: Kind,
    /// How the match was made.
    how: How,
    /// The matched path (or the sample file name, for a glob), for `--exclude`.
    name: String,
}

enum How {
    /// The source is the credential file.
    Source,
    /// The source is a glob that matches credential files such as `sample`.
    Glob { sample: &'static str },
    /// The destination is where tools read this credential from.
    Installed { dest: String },
    /// The source is poured into an `.ssh` directory.
    IntoSshDir { dest: String },
}

impl Found {
    fn excluded_by(&self, pattern: &str) -> bool {
        let base = pattern.rsplit('/').next().unwrap_or(pattern);
        glob_match(base, &self.name) || glob_match(pattern, &self.name)
    }
}

fn match_source(comps: &[String]) -> Option<Found> {
    let name = comps.last()?;
    if !is_glob(name) {
        return classify(comps).map(|kind| Found {
            kind,
            how: How::Source,
            name: name.clone(),
        });
    }
    let parents = comps.get(..comps.len() - 1).unwrap_or(&[]);
    let in_credential_dir = parents.iter().any(|p| is_credential_dir(p));
    // A glob that also matches ordinary files (`*`, `*.json`, `config.*`) says nothing about
    // what the context holds; only a glob that can match nothing but credential files does.
    if !in_credential_dir && ORDINARY_FILES.iter().any(|f| probe_matches(name, f)) {
        return None;
    }
    // The first sample that matches decides: neutral names come before telling ones, so `*.pem`
    // is judged as `server.pem`, and `*key.pem` as `privkey.pem`.
    CREDENTIAL_SAMPLES.iter().find_map(|sample| {
        if !probe_matches(name, sample) {
            return None;
        }
        let mut path = parents.to_vec();
        path.push((*sample).to_string());
        classify(&path).map(|kind| Found {
            kind,
            how: How::Glob { sample },
            name: (*sample).to_string(),
        })
    })
}

/// Whether glob `pattern` matches file `name`. A wildcard does not match a leading dot, so
/// `*.env` is not evidence of a `.env` file.
fn probe_matches(pattern: &str, name: &str) -> bool {
    (pattern.starts_with('.') || !name.starts_with('.')) && glob_match(pattern, name)
}

fn match_target(target: &Target, src: &[String]) -> Option<Found> {
    let src_name = src.last()?;
    if is_public_name(src_name) || is_glob(src_name) {
        return None;
    }
    if let Some(file) = &target.file {
        if let Some(kind) = installed_kind(file) {
            return Some(Found {
                kind,
                how: How::Installed {
                    dest: target.shown.clone(),
                },
                name: src_name.clone(),
            });
        }
    }
    // `COPY keys/ /root/.ssh/`: a directory of keys poured into `.ssh`.
    let into_ssh = target.dest_is_dir && target.dest.last().is_some_and(|d| d == ".ssh");
    let harmless = matches!(
        src_name.as_str(),
        "config" | "known_hosts" | "authorized_keys" | "environment" | "rc"
    );
    let keyish = tokens(src_name).any(|t| matches!(t, "key" | "keys" | "ssh" | "id"));
    if into_ssh && !harmless && (target.file.is_none() || keyish) {
        return Some(Found {
            kind: INTO_SSH_DIR,
            how: How::IntoSshDir {
                dest: target.shown.clone(),
            },
            name: src_name.clone(),
        });
    }
    None
}

fn report(
    out: &mut Reporter<'_>,
    word: &Word,
    value: &str,
    keyword: &str,
    origin: &Origin,
    found: &Found,
) {
    let kind = found.kind;
    let shown = if value == word.raw.as_str() || !word.raw.contains('$') {
        format!("`{}`", word.raw)
    } else {
        format!("`{}` (`{value}` after expansion)", word.raw)
    };
    let what = match &found.how {
        How::Source => format!("{shown} is {}", kind.what),
        How::Glob { sample } => format!("{shown} matches files such as `{sample}`, {}", kind.what),
        How::Installed { dest } => format!("{shown} is installed as `{dest}`, {}", kind.what),
        How::IntoSshDir { dest } => format!("{shown} is copied into `{dest}`, {}", kind.what),
    };
    let (message, severity) = match origin {
        Origin::Context { in_image: true, .. } => (
            format!(
                "{what}; {keyword} bakes it into an image layer, where anyone who can pull the image can \
                 read it, even if a later instruction deletes it"
            ),
            kind.severity,
        ),
        Origin::Context { in_image: false, stage } => (
            format!(
                "{what}; stage `{stage}` is not part of the final image, but its layers keep the file in \
                 the build cache and in any image or cache exported from that stage"
            ),
            downgrade(kind.severity),
        ),
        Origin::Stage(from) => (
            format!(
                "{what}, and `{keyword} --from={from}` carries it into the final image, where anyone \
                 who can pull the image can read it"
            ),
            downgrade(kind.severity),
        ),
        Origin::Onbuild => (
            format!(
                "{what}; this ONBUILD trigger bakes it into an image layer of every image built FROM \
                 this one"
            ),
            kind.severity,
        ),
    };
    let help = if kind.ssh {
        "do not copy SSH keys: forward your agent to the one step that needs it with \
         `RUN --mount=type=ssh` (`docker build --ssh default`, or `build.ssh` in compose), and list \
         the key in .dockerignore"
    } else {
        "mount it only for the step that needs it with `RUN --mount=type=secret,id=<id>,target=<path>` \
         (`docker build --secret id=<id>,src=<file>`, or `build.secrets` in compose); if the container \
         needs it at run time, provide it when it starts (compose `secrets:`, `env_file:`); and list \
         it in .dockerignore"
    };
    out.report(word.span, message).severity(severity).help(help);
}

fn downgrade(s: Severity) -> Severity {
    match s {
        Severity::Error => Severity::Warning,
        Severity::Warning | Severity::Info => Severity::Info,
    }
}

// ---------------------------------------------------------------------------------------------
// The catalogue of credential files.

/// What a credential file is, and how sure the name makes keelson.
#[derive(Clone, Copy, Debug)]
struct Kind {
    /// A noun phrase for messages: "an SSH private key".
    what: &'static str,
    /// Error when the name alone makes it a credential; warning when such files often, but not
    /// always, hold one.
    severity: Severity,
    /// SSH material (the help suggests `--mount=type=ssh`).
    ssh: bool,
}

const fn kind(what: &'static str, severity: Severity) -> Kind {
    Kind {
        what,
        severity,
        ssh: false,
    }
}

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

const SSH_KEY: Kind = Kind {
    what: "an SSH private key",
    severity: E,
    ssh: true,
};
const SSH_DIR: Kind = Kind {
    what: "an SSH directory, where private keys live",
    severity: E,
    ssh: true,
};
const INTO_SSH_DIR: Kind = Kind {
    what: "where SSH looks for private keys",
    severity: W,
    ssh: true,
};
const PRIVATE_KEY: Kind = kind("a private key", E);
const PEM_KEY: Kind = kind("a PEM private key", E);
const PEM_MAYBE: Kind = kind("a PEM file, which often holds a private key", W);
const PKCS12: Kind = kind("a PKCS #12 bundle (a certificate with its private key)", E);
const KEYSTORE: Kind = kind("a Java keystore, which usually holds private keys", W);
const DOTENV: Kind = kind("an environment file, where projects keep their secrets", E);
const ENVRC: Kind = kind("a direnv file, which often exports secrets", W);
const NPMRC: Kind = kind(
    "an npm config file, which usually holds a registry token",
    W,
);
const PYPIRC: Kind = kind("a PyPI config file with upload credentials", E);
const NETRC: Kind = kind("a .netrc file with login passwords", E);
const GIT_CREDENTIALS: Kind = kind("a Git credential store with plain-text tokens", E);
const PGPASS: Kind = kind("a PostgreSQL password file", E);
const MYCNF: Kind = kind("a MySQL client config, which often holds a password", W);
const AWS_DIR: Kind = kind("an AWS CLI directory with access keys", E);
const AWS_CREDENTIALS: Kind = kind("an AWS credentials file", E);
const AWS_CONFIG: Kind = kind("an AWS CLI config file, which can hold credentials", W);
/// Often only settings (`psFormat`, `credsStore`); the name alone does not prove `auths`.
const DOCKER_CONFIG: Kind = kind(
    "a Docker client config, where registry passwords are stored",
    W,
);
const DOCKERCFG: Kind = kind("a legacy Docker registry credential file", E);
const KUBECONFIG: Kind = kind("a kubeconfig with cluster credentials", E);
const KUBECONFIG_INSTALLED: Kind = kind("the kubeconfig, where cluster credentials are kept", W);
const KUBE_DIR: Kind = kind("a .kube directory with cluster credentials", E);
const GNUPG: Kind = kind("a GnuPG keyring with private keys", E);
const GCLOUD_DIR: Kind = kind("a gcloud directory with Google Cloud credentials", E);
const GCP_SERVICE_ACCOUNT: Kind = kind("a Google Cloud service-account key", E);
const GCP_ADC: Kind = kind("a file of Google application-default credentials", E);
const OAUTH_CLIENT: Kind = kind("an OAuth client secret", E);
const CREDENTIALS_JSON: Kind = kind(
    "a credentials file (often a Google client secret or service-account key)",
    W,
);
const AZURE_DIR: Kind = kind("an Azure CLI directory with access tokens", E);
const S3CFG: Kind = kind("an s3cmd config with AWS keys", E);
const BOTO: Kind = kind("a boto config with cloud keys", E);
const VAULT_TOKEN: Kind = kind("a HashiCorp Vault token", E);
const HTPASSWD: Kind = kind("an htpasswd file of password hashes", W);
const SECRETS_FILE: Kind = kind("a secrets file", W);
const TFVARS: Kind = kind("a Terraform variables file, which usually holds secrets", W);
const TFSTATE: Kind = kind(
    "a Terraform state file, which stores secrets in plain text",
    W,
);
const VPN_SECRETS: Kind = kind("a VPN secrets file (pre-shared keys and passwords)", W);
const PASSWORD_FILE: Kind = kind("a password file", W);

const SSH_KEY_NAMES: &[&str] = &[
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    "id_ecdsa_sk",
    "id_ed25519_sk",
    "identity",
];
const SSH_KEY_SUFFIXES: &[&str] = &["_rsa", "_dsa", "_ecdsa", "_ed25519"];

/// Words in a file name that say it is an example (never a finding).
const TEMPLATE_WORDS: &[&str] = &[
    "example",
    "examples",
    "sample",
    "samples",
    "template",
    "templates",
    "tpl",
    "dist",
];
/// Words in a file name that say the secret is not a real one (one level less severe).
const DUMMY_WORDS: &[&str] = &[
    "dummy", "fake", "mock", "test", "tests", "testing", "insecure", "snakeoil", "debug",
];

/// File names a glob is tried against to find out whether it can match a credential, in the
/// order they are tried.
const CREDENTIAL_SAMPLES: &[&str] = &[
    "id_rsa",
    "id_ed25519",
    "deploy_rsa",
    "key.ppk",
    "server.key",
    "server.pem",
    "privkey.pem",
    "cert.p12",
    "cert.pfx",
    "keystore.jks",
    ".env",
    ".env.local",
    ".env.production",
    ".npmrc",
    ".pypirc",
    ".netrc",
    ".git-credentials",
    ".pgpass",
    ".htpasswd",
    "credentials",
    "config",
    "config.json",
    "kubeconfig",
    "cluster.kubeconfig",
    "service-account.json",
    "terraform.tfvars",
    "terraform.tfstate",
];

/// Ordinary file names: a glob that matches one of them is too broad to be evidence.
const ORDINARY_FILES: &[&str] = &[
    "app.py",
    "main.go",
    "index.js",
    "package.json",
    "readme.md",
    "dockerfile",
    "config.yaml",
    "entrypoint.sh",
    "app.jar",
    "requirements.txt",
    "settings.xml",
    "nginx.conf",
    "server.crt",
    "index.html",
    "data.csv",
    "app.rb",
    "main.c",
    "style.css",
    "go.sum",
    "app.war",
    "lib.so",
    "notes.txt",
];

/// Directories whose whole content is credentials.
fn is_credential_dir(name: &str) -> bool {
    matches!(name, ".ssh" | ".aws" | ".kube" | ".gnupg" | ".azure")
}

fn is_glob(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

/// Alphanumeric runs of a file name.
fn tokens(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
}

/// Files that are public by name: public keys, certificates, host lists.
fn is_public_name(name: &str) -> bool {
    const PUBLIC_EXT: &[&str] = &[".pub", ".crt", ".cer", ".csr", ".asc", ".gpg", ".sig"];
    PUBLIC_EXT.iter().any(|e| name.ends_with(e))
        || matches!(
            name,
            "known_hosts"
                | "known_hosts.old"
                | "authorized_keys"
                | "authorized_keys2"
                | "ca-certificates"
        )
}

fn is_ssh_key_name(name: &str) -> bool {
    SSH_KEY_NAMES.contains(&name)
        || SSH_KEY_SUFFIXES
            .iter()
            .any(|s| name.len() > s.len() && name.ends_with(s))
        || (name.starts_with("ssh_host_") && name.ends_with("_key"))
}

/// The credential a path names, if any.
fn classify(comps: &[String]) -> Option<Kind> {
    let name = comps.last()?.as_str();
    let parent = comps
        .len()
        .checked_sub(2)
        .and_then(|i| comps.get(i))
        .map(String::as_str);
    if is_public_name(name) || tokens(name).any(|t| TEMPLATE_WORDS.contains(&t)) {
        return None;
    }
    let kind = classify_name(name, parent)?;
    if tokens(name).any(|t| DUMMY_WORDS.contains(&t)) {
        Some(Kind {
            severity: downgrade(kind.severity),
            ..kind
        })
    } else {
        Some(kind)
    }
}

fn classify_name(name: &str, parent: Option<&str>) -> Option<Kind> {
    let by_name = match (parent, name) {
        (_, ".ssh") => Some(SSH_DIR),
        (_, ".aws") => Some(AWS_DIR),
        (_, ".kube") => Some(KUBE_DIR),
        (_, ".gnupg" | "private-keys-v1.d" | "secring.gpg" | "secring.kbx") => Some(GNUPG),
        (_, ".azure") => Some(AZURE_DIR),
        (Some(".config"), "gcloud") => Some(GCLOUD_DIR),
        (_, ".env") => Some(DOTENV),
        (_, ".envrc") => Some(ENVRC),
        (_, ".npmrc") => Some(NPMRC),
        (_, ".pypirc") => Some(PYPIRC),
        (_, ".netrc" | "_netrc") => Some(NETRC),
        (_, ".git-credentials") => Some(GIT_CREDENTIALS),
        (_, ".pgpass") => Some(PGPASS),
        (_, ".my.cnf") => Some(MYCNF),
        (_, ".s3cfg") => Some(S3CFG),
        (_, ".boto") => Some(BOTO),
        (_, ".vault-token") => Some(VAULT_TOKEN),
        (_, ".dockercfg") => Some(DOCKERCFG),
        (_, ".htpasswd" | "htpasswd") => Some(HTPASSWD),
        (_, "ipsec.secrets" | "chap-secrets") => Some(VPN_SECRETS),
        (Some(".aws"), "credentials") => Some(AWS_CREDENTIALS),
        (Some(".aws"), "config") => Some(AWS_CONFIG),
        (Some(".kube"), "config") => Some(KUBECONFIG),
        (Some(".docker"), "config.json") => Some(DOCKER_CONFIG),
        (_, "kubeconfig" | "kubeconfig.yaml" | "kubeconfig.yml") => Some(KUBECONFIG),
        (_, "application_default_credentials.json") => Some(GCP_ADC),
        (_, "credentials.json") => Some(CREDENTIALS_JSON),
        (_, "terraform.tfvars") => Some(TFVARS),
        (_, "password.txt" | "passwords.txt") => Some(PASSWORD_FILE),
        _ => None,
    };
    if by_name.is_some() {
        return by_name;
    }
    if let Some(rest) = name.strip_prefix(".env.") {
        // `.env.example`, `.env.defaults`: templates committed on purpose.
        let template = tokens(rest).any(|t| matches!(t, "default" | "defaults" | "schema" | "ci"));
        return (!template).then_some(DOTENV);
    }
    if is_ssh_key_name(name) {
        return Some(SSH_KEY);
    }
    let (stem, ext) = name.rsplit_once('.')?;
    if stem.is_empty() {
        return None;
    }
    match ext {
        "ppk" => Some(SSH_KEY),
        "pem" => pem_kind(stem),
        "key" => key_kind(stem),
        "p12" | "pfx" => Some(PKCS12),
        "jks" | "keystore" | "bks" => {
            let trust = tokens(stem).any(|t| t.contains("trust") || t == "cacerts");
            (!trust).then_some(KEYSTORE)
        }
        "kubeconfig" => Some(KUBECONFIG),
        "tfvars" => Some(TFVARS),
        "tfstate" => Some(TFSTATE),
        "password" | "pass" => Some(PASSWORD_FILE),
        "json"
            if ["service-account", "service_account", "serviceaccount"]
                .iter()
                .any(|s| stem.contains(s)) =>
        {
            Some(GCP_SERVICE_ACCOUNT)
        }
        "json" if stem.starts_with("client_secret") => Some(OAUTH_CLIENT),
        "yaml" | "yml" | "json" | "toml" if matches!(stem, "secrets" | "secret") => {
            Some(SECRETS_FILE)
        }
        _ => None,
    }
}

/// `.pem` holds certificates as often as keys: the name decides.
fn pem_kind(stem: &str) -> Option<Kind> {
    let keyish = tokens(stem).any(|t| t.ends_with("key") || matches!(t, "private" | "priv"));
    if keyish {
        return Some(PEM_KEY);
    }
    const PUBLIC: &[&str] = &[
        "ca",
        "root",
        "chain",
        "bundle",
        "intermediate",
        "trust",
        "truststore",
        "pub",
        "public",
        "dh",
        "dhparam",
        "dhparams",
        "crt",
        "rds",
        "x509",
        "fullchain",
    ];
    let public = tokens(stem).any(|t| {
        PUBLIC.contains(&t) || t.contains("cert") || t.contains("chain") || t.starts_with("ffdhe")
    });
    (!public).then_some(PEM_MAYBE)
}

/// `.key` is a private key unless the name says it is a package-signing (public) key.
fn key_kind(stem: &str) -> Option<Kind> {
    const PUBLIC: &[&str] = &[
        "signing",
        "release",
        "apt",
        "repo",
        "repository",
        "archive",
        "keyring",
        "pub",
        "public",
        "dh",
    ];
    let public =
        tokens(stem).any(|t| PUBLIC.contains(&t) || t.contains("gpg") || t.contains("pgp"));
    (!public).then_some(PRIVATE_KEY)
}

/// The credential a destination file is, when it is where a tool reads credentials from.
fn installed_kind(file: &[String]) -> Option<Kind> {
    let name = file.last()?.as_str();
    let parent = file
        .len()
        .checked_sub(2)
        .and_then(|i| file.get(i))
        .map(String::as_str);
    match (parent, name) {
        (Some(".ssh"), n) if is_ssh_key_name(n) => Some(SSH_KEY),
        (Some(".aws"), "credentials") => Some(AWS_CREDENTIALS),
        // A kubeconfig may authenticate through an exec plugin rather than embedded keys.
        (Some(".kube"), "config") => Some(KUBECONFIG_INSTALLED),
        (Some("gcloud"), "application_default_credentials.json") => Some(GCP_ADC),
        (_, ".netrc" | "_netrc") => Some(NETRC),
        (_, ".git-credentials") => Some(GIT_CREDENTIALS),
        (_, ".pypirc") => Some(PYPIRC),
        (_, ".pgpass") => Some(PGPASS),
        (_, ".npmrc") => Some(NPMRC),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Glob matching (`*`, `?`, `[…]`, `[!…]`, `\` escapes), as BuildKit matches COPY sources within
// one path component.

fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = name.chars().collect();
    let (mut pi, mut si) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while let Some(&c) = s.get(si) {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, si));
                pi += 1;
                continue;
            }
            Some(_) => {
                if let Some(next) = match_one(&p, pi, c) {
                    pi = next;
                    si += 1;
                    continue;
                }
            }
            None => {}
        }
        match star {
            Some((sp, ss)) => {
                pi = sp + 1;
                si = ss + 1;
                star = Some((sp, ss + 1));
            }
            None => return false,
        }
    }
    while p.get(pi) == Some(&'*') {
        pi += 1;
    }
    pi >= p.len()
}

/// Matches one pattern element at `pi` against `c`; the index after the element when it matches.
fn match_one(p: &[char], pi: usize, c: char) -> Option<usize> {
    match p.get(pi)? {
        '?' => Some(pi + 1),
        '\\' => match p.get(pi + 1) {
            Some(&e) => (e == c).then_some(pi + 2),
            None => (c == '\\').then_some(pi + 1),
        },
        '[' => match class_end(p, pi) {
            Some(end) => class_matches(p.get(pi + 1..end).unwrap_or(&[]), c).then_some(end + 1),
            None => (c == '[').then_some(pi + 1),
        },
        &l => (l == c).then_some(pi + 1),
    }
}

/// The index of the `]` closing the class that opens at `pi`.
fn class_end(p: &[char], pi: usize) -> Option<usize> {
    let mut i = pi + 1;
    if matches!(p.get(i), Some('!' | '^')) {
        i += 1;
    }
    if p.get(i) == Some(&']') {
        i += 1;
    }
    while let Some(&c) = p.get(i) {
        if c == ']' {
            return Some(i);
        }
        i += if c == '\\' { 2 } else { 1 };
    }
    None
}

fn class_matches(class: &[char], c: char) -> bool {
    let (negated, body) = match class.first() {
        Some('!' | '^') => (true, class.get(1..).unwrap_or(&[])),
        _ => (false, class),
    };
    let mut i = 0;
    let mut hit = false;
    while let Some(&first) = body.get(i) {
        let (lo, next) = if first == '\\' {
            (body.get(i + 1).copied().unwrap_or('\\'), i + 2)
        } else {
            (first, i + 1)
        };
        if body.get(next) == Some(&'-') && body.get(next + 1).is_some() {
            let hi = body.get(next + 1).copied().unwrap_or(lo);
            hit |= lo <= c && c <= hi;
            i = next + 2;
        } else {
            hit |= lo == c;
            i = next;
        }
    }
    hit != negated
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(path: &str) -> Option<Severity> {
        classify(&components(path)).map(|k| k.severity)
    }

    #[test]
    fn catalogue() {
        assert_eq!(class("id_rsa"), Some(E));
        assert_eq!(class("/home/me/.ssh/id_ed25519"), Some(E));
        assert_eq!(class("id_rsa.pub"), None);
        assert_eq!(class("deploy_rsa"), Some(E));
        assert_eq!(class("keys/server.key"), Some(E));
        assert_eq!(class("nginx_signing.key"), None);
        assert_eq!(class("privkey.pem"), Some(E));
        assert_eq!(class("cert.pem"), None);
        assert_eq!(class("rds-combined-ca-bundle.pem"), None);
        assert_eq!(class("ffdhe4096.pem"), None);
        assert_eq!(class("server.pem"), Some(W));
        assert_eq!(class(".env"), Some(E));
        assert_eq!(class(".env.production"), Some(E));
        assert_eq!(class(".env.example"), None);
        assert_eq!(class(".env.defaults"), None);
        assert_eq!(class("app.env"), None);
        assert_eq!(class(".aws/credentials"), Some(E));
        assert_eq!(class("credentials"), None);
        assert_eq!(class("config/config.json"), None);
        assert_eq!(class(".docker/config.json"), Some(W));
        assert_eq!(class("insecure_id_rsa"), Some(W));
        assert_eq!(class("truststore.jks"), None);
        assert_eq!(class("my-service-account.json"), Some(E));
        assert_eq!(class("passwd"), None);
    }

    #[test]
    fn globs() {
        assert!(glob_match("*.pem", "server.pem"));
        assert!(glob_match("id_*", "id_rsa"));
        assert!(glob_match("[a-c]?x", "bzx"));
        assert!(!glob_match("[!a-c]?x", "bzx"));
        assert!(glob_match("a\\*", "a*"));
        assert!(!glob_match("*.pem", "pem"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("[", "a"));
        assert!(!probe_matches("*.env", ".env"));
        assert!(probe_matches(".env*", ".env"));
        let m = |p: &str| match_source(&components(p)).map(|f| f.kind.severity);
        assert_eq!(m("*.pem"), Some(W));
        assert_eq!(m("certs/*.key"), Some(E));
        assert_eq!(m("*"), None);
        assert_eq!(m("*.json"), None);
        assert_eq!(m("library-scripts/*.env"), None);
        assert_eq!(m(".ssh/*"), Some(E));
        assert_eq!(m(".ssh/*.pub"), None);
        assert_eq!(m("package*.json"), None);
    }
}
