//! Secrets passed on shell command lines: [`scan_shell_words`].
//!
//! The input is an already-tokenized word list (quote removal done) with each word's span in the
//! source. Operator words (`&&`, `||`, `;`, `|`, `&`, `(`, `)`, `{`, `}`) split it into simple
//! commands, so either one command's argv or a whole `RUN` body's words can be passed. Leading
//! `sudo`, `env`, `exec`, `command`, `time`, `nohup`, `timeout`, `nice`, `then`, `do`, `!` and
//! `NAME=value` assignments are skipped to find the command name (`/usr/bin/curl` counts as
//! `curl`).
//!
//! Detected (see [`SHELL_KINDS`]):
//!
//! - `docker`/`podman`/`buildah`/`nerdctl`/`skopeo`/`oras`/`helm`/`crane`/`regctl`/`finch`
//!   `login -p X`, `-pX`, `--password X`, `--password=X` (never `--password-stdin`);
//! - `--env`/`-e` (container engines) and `--build-arg` (any command), `buildctl --opt
//!   build-arg:NAME=X`, when `NAME` is a secret name and `X` a literal;
//! - `curl -u user:pass`, `-uuser:pass`, `--user user:pass`, `--user=…`, `-U`/`--proxy-user`, and
//!   short-option clusters such as `-fsSLu user:pass`;
//! - `-H`/`--header` (curl, wget, …) `Authorization: Bearer X`/`Basic X`/`token X`, and headers
//!   whose name is a secret name (`PRIVATE-TOKEN: X`, `X-API-Key: X`); `curl --oauth2-bearer X`;
//! - `mysql`/`mysqldump`/`mysqladmin`/`mariadb`… `-pSECRET` and `--password=SECRET`
//!   (`-p SECRET` is a database name, `--password SECRET` prompts), `mysqladmin … password NEW`;
//! - `sshpass -p X` / `-pX`;
//! - `htpasswd -b[c|n|B…] [file] user pass`;
//! - `openssl … -pass pass:X` / `-passin` / `-passout` and `openssl enc -k X`;
//! - `echo 'user:pass' | chpasswd` and `echo pass | passwd --stdin user`;
//! - `npm`/`yarn`/`pnpm config set …:_authToken X` (or `=X`) and `aws configure set
//!   aws_secret_access_key X`;
//! - generic `--NAME=X` / `--NAME X` flags whose name is a secret name (`--password`, `--token`,
//!   `--api-key`, `--client-secret`, …; `-storepass`-style single-dash Java flags), except where
//!   the command gives the flag other semantics (`psql --password` is a boolean);
//! - `NAME=X` assignments before a command or after `export`/`declare`/`local`/`readonly`.
//!
//! A value counts only when [`classify_value`] says it is a literal (numbers also count for
//! password options): `$VAR`, `${VAR}`, `$(cat /run/secrets/x)`, paths and placeholders are never
//! reported. Spans cover the secret part only (the `pass` of `user:pass`, the token after
//! `Bearer `); they are exact when `source` holds the words' text, and fall back to the whole word
//! when the quoting cannot be aligned. Text-level formats (provider tokens, `.npmrc` lines, URL
//! credentials) are left to [`scan_text`](super::scan_text); callers run both and merge by span.

use std::ops::Range;

use super::entropy::looks_random;
use super::names::is_secret_name;
use super::providers::ProviderKind;
use super::values::{classify_value, ValueClass};
use super::{Confidence, SecretMatch, Span};

/// A shell word: its text after quote removal and the span of the whole word in the source.
pub trait ShellWord {
    /// The word after quote removal and escape processing (`"a b"` → `a b`).
    fn text(&self) -> &str;
    /// The span of the whole word, quotes included, in the source text.
    fn span(&self) -> Span;
}

impl ShellWord for (&str, Span) {
    fn text(&self) -> &str {
        self.0
    }
    fn span(&self) -> Span {
        self.1
    }
}

impl ShellWord for (String, Span) {
    fn text(&self) -> &str {
        &self.0
    }
    fn span(&self) -> Span {
        self.1
    }
}

const fn pk(kind: &'static str, description: &'static str) -> ProviderKind {
    ProviderKind { kind, description }
}

const DOCKER_LOGIN: ProviderKind = pk(
    "docker-login-password",
    "registry password passed to `login -p`/`--password`",
);
const CLI_ENV: ProviderKind = pk(
    "cli-secret-env",
    "literal secret passed as NAME=value to --env/--build-arg",
);
const CURL_CREDS: ProviderKind = pk("curl-credentials", "password passed to curl --user");
const AUTH_HEADER: ProviderKind = pk(
    "http-auth-header",
    "credential in an HTTP Authorization or API-key header",
);
const MYSQL: ProviderKind = pk(
    "mysql-password",
    "MySQL/MariaDB password on the command line",
);
const SSHPASS: ProviderKind = pk("sshpass-password", "password passed to sshpass -p");
const HTPASSWD: ProviderKind = pk("htpasswd-password", "password passed to htpasswd -b");
const OPENSSL: ProviderKind = pk(
    "openssl-password",
    "password passed to openssl (pass:…, -k)",
);
const CHPASSWD: ProviderKind = pk(
    "chpasswd-password",
    "password piped to chpasswd or passwd --stdin",
);
const NPM_CONFIG: ProviderKind = pk(
    "npmrc-auth-token",
    "npm registry credential set with `config set`",
);
const CONFIG_SET: ProviderKind = pk(
    "cli-config-secret",
    "literal secret stored with `aws configure set`",
);
const CLI_FLAG: ProviderKind = pk(
    "cli-secret-flag",
    "literal secret passed in a command-line flag",
);
const ASSIGNMENT: ProviderKind = pk(
    "shell-secret-assignment",
    "literal secret assigned to a secret-named shell variable",
);

/// Every kind [`scan_shell_words`] can report.
pub const SHELL_KINDS: &[ProviderKind] = &[
    DOCKER_LOGIN,
    CLI_ENV,
    CURL_CREDS,
    AUTH_HEADER,
    MYSQL,
    SSHPASS,
    HTPASSWD,
    OPENSSL,
    CHPASSWD,
    NPM_CONFIG,
    CONFIG_SET,
    CLI_FLAG,
    ASSIGNMENT,
];

const OPERATORS: &[&str] = &["&&", "||", ";", "|", "&", "|&", ";;", "(", ")", "{", "}"];

const LOGIN_COMMANDS: &[&str] = &[
    "docker", "podman", "buildah", "nerdctl", "skopeo", "oras", "helm", "crane", "regctl", "finch",
];
const ENV_FLAG_COMMANDS: &[&str] = &["docker", "podman", "nerdctl", "finch", "buildah"];
const MYSQL_COMMANDS: &[&str] = &[
    "mysql",
    "mysqladmin",
    "mysqldump",
    "mysqlimport",
    "mysqlcheck",
    "mysqlshow",
    "mysqlslap",
    "mysqlpump",
    "mysqlsh",
    "mysql_upgrade",
    "mysqlbinlog",
    "mariadb",
    "mariadb-dump",
    "mariadb-admin",
    "mariadb-import",
    "mariadb-check",
    "mariadb-show",
    "mariadb-upgrade",
];
const PSQL_COMMANDS: &[&str] = &[
    "psql",
    "pg_dump",
    "pg_dumpall",
    "pg_restore",
    "pg_basebackup",
    "createdb",
    "createuser",
    "dropdb",
    "dropuser",
    "vacuumdb",
    "reindexdb",
    "clusterdb",
    "pg_isready",
];
/// Single-dash long flags (Java `keytool` style) that take a secret.
const SINGLE_DASH_SECRET_FLAGS: &[&str] = &[
    "password",
    "passwd",
    "storepass",
    "keypass",
    "srcstorepass",
    "deststorepass",
    "srckeypass",
    "destkeypass",
    "token",
    "apikey",
];
/// curl short options that take an argument.
const CURL_ARG_SHORT: &[u8] = b"AbcCdDeEFHKmoOPQrtTuUwxXyYz";

/// Finds secrets passed on command lines in `words` (see the [module docs](self)). `source` is
/// the text the word spans point into; pass `""` when it is not available (spans then cover whole
/// words when a word was quoted).
pub fn scan_shell_words<W: ShellWord>(source: &str, words: &[W]) -> Vec<SecretMatch> {
    let mut scanner = Scanner {
        source,
        words,
        out: Vec::new(),
    };
    let mut start = 0;
    let mut prev: Option<Range<usize>> = None;
    let mut prev_op = "";
    for i in 0..=words.len() {
        let op = if i < words.len() {
            scanner.operator(i)
        } else {
            Some("")
        };
        let Some(op) = op else {
            continue;
        };
        let cmd = start..i;
        if !cmd.is_empty() {
            let piped_from = if prev_op == "|" { prev.clone() } else { None };
            scanner.command(cmd.clone(), piped_from);
        }
        prev = Some(cmd);
        prev_op = op;
        start = i + 1;
    }
    let mut out = scanner.out;
    out.sort_by_key(|m| (m.span.start, m.span.end));
    out
}

struct Scanner<'a, W> {
    source: &'a str,
    words: &'a [W],
    out: Vec<SecretMatch>,
}

impl<'a, W: ShellWord> Scanner<'a, W> {
    fn text(&self, i: usize) -> &'a str {
        self.words.get(i).map_or("", |w| w.text())
    }

    /// The operator text when word `i` is an unquoted operator.
    fn operator(&self, i: usize) -> Option<&'static str> {
        let w = self.words.get(i)?;
        let op = OPERATORS.iter().find(|op| **op == w.text())?;
        let raw = w.span().text(self.source);
        (self.source.is_empty() || raw == w.text()).then_some(*op)
    }

    /// Reports the byte range `range` of word `i`'s text.
    fn report(&mut self, i: usize, range: Range<usize>, kind: ProviderKind, password_like: bool) {
        let Some(w) = self.words.get(i) else {
            return;
        };
        let Some(value) = w.text().get(range.clone()) else {
            return;
        };
        if !is_literal(value, password_like) {
            return;
        }
        let span = map_span(self.source, w.text(), w.span(), range);
        if self
            .out
            .iter()
            .any(|m| m.span.start < span.end && span.start < m.span.end)
        {
            return;
        }
        self.out.push(SecretMatch {
            kind: kind.kind,
            description: kind.description,
            span,
            confidence: if looks_random(value) {
                Confidence::High
            } else {
                Confidence::Medium
            },
        });
    }

    /// Reports the whole text of word `i`.
    fn report_word(&mut self, i: usize, kind: ProviderKind, password_like: bool) {
        let len = self.text(i).len();
        self.report(i, 0..len, kind, password_like);
    }

    fn command(&mut self, cmd: Range<usize>, piped_from: Option<Range<usize>>) {
        let mut i = cmd.start;
        // Skip prefixes, checking assignments on the way.
        while i < cmd.end {
            let w = self.text(i);
            if let Some(eq) = assignment_eq(w) {
                self.assignment(i, eq);
                i += 1;
                continue;
            }
            match w {
                "then" | "do" | "else" | "elif" | "if" | "while" | "until" | "time" | "!"
                | "exec" | "command" | "nohup" | "builtin" => i += 1,
                "sudo" | "env" | "timeout" | "nice" => {
                    i += 1;
                    while i < cmd.end && self.text(i).starts_with('-') {
                        let takes_arg = matches!(
                            (w, self.text(i)),
                            (
                                "sudo",
                                "-u" | "-g" | "-h" | "-p" | "-C" | "-D" | "-R" | "-T" | "-U"
                            ) | ("env", "-u" | "-C" | "-S")
                                | ("timeout", "-s" | "-k")
                                | ("nice", "-n")
                        );
                        i += if takes_arg { 2 } else { 1 };
                    }
                    if w == "timeout" && i < cmd.end {
                        i += 1; // the duration
                    }
                }
                _ => break,
            }
        }
        if i >= cmd.end {
            return;
        }
        let name = self.text(i).rsplit('/').next().unwrap_or("");
        let args = i + 1..cmd.end;
        let mut generic_separate = true;
        let mut generic = true;
        match name {
            "export" | "declare" | "typeset" | "local" | "readonly" => {
                for k in args.clone() {
                    if let Some(eq) = assignment_eq(self.text(k)) {
                        self.assignment(k, eq);
                    }
                }
                return;
            }
            "curl" => self.curl(args.clone()),
            "wget" => self.headers(args.clone()),
            "sshpass" => self.sshpass(args.clone()),
            "htpasswd" => self.htpasswd(args.clone()),
            "openssl" => {
                self.openssl(args.clone());
                generic = false;
            }
            "chpasswd" => {
                if let Some(prev) = piped_from {
                    let encrypted = args
                        .clone()
                        .any(|k| matches!(self.text(k), "-e" | "--encrypted"));
                    if !encrypted {
                        self.echo_pipe(prev, true);
                    }
                }
            }
            "passwd" => {
                if let Some(prev) = piped_from {
                    if args.clone().any(|k| self.text(k) == "--stdin") {
                        self.echo_pipe(prev, false);
                    }
                }
            }
            "npm" | "yarn" | "pnpm" | "aws" => self.config_set(name, args.clone()),
            "buildctl" => self.buildctl(args.clone()),
            n if MYSQL_COMMANDS.contains(&n) => {
                self.mysql(n, args.clone());
                generic_separate = false;
            }
            n if PSQL_COMMANDS.contains(&n) => generic_separate = false,
            n if LOGIN_COMMANDS.contains(&n) => {
                let login = args.clone().take(3).find(|&k| self.text(k) == "login");
                if let Some(login) = login {
                    self.login(login + 1..args.end);
                }
                if ENV_FLAG_COMMANDS.contains(&n) {
                    self.env_flags(args.clone(), true);
                }
            }
            _ => {}
        }
        self.env_flags(args.clone(), false);
        if generic {
            self.generic_flags(args, generic_separate);
        }
    }

    fn assignment(&mut self, i: usize, eq: usize) {
        let w = self.text(i);
        if is_secret_name(&w[..eq]) && classify_value(&w[eq + 1..]) == ValueClass::Literal {
            self.report(i, eq + 1..w.len(), ASSIGNMENT, false);
        }
    }

    /// `-p X`, `-pX`, `--password X`, `--password=X` after `login`.
    fn login(&mut self, args: Range<usize>) {
        let mut k = args.start;
        while k < args.end {
            let w = self.text(k);
            if w == "-p" || w == "--password" {
                if k + 1 < args.end {
                    self.report_word(k + 1, DOCKER_LOGIN, true);
                }
                k += 2;
                continue;
            }
            if let Some(v) = w.strip_prefix("--password=") {
                let start = w.len() - v.len();
                self.report(k, start..w.len(), DOCKER_LOGIN, true);
            } else if w.starts_with("-p") && !w.starts_with("--") && w.len() > 2 {
                self.report(k, 2..w.len(), DOCKER_LOGIN, true);
            }
            k += 1;
        }
    }

    /// `--env NAME=X`, `--build-arg NAME=X` (and `-e NAME=X` for container engines).
    fn env_flags(&mut self, args: Range<usize>, container: bool) {
        let mut k = args.start;
        while k < args.end {
            let w = self.text(k);
            let is_flag = w == "--build-arg" || (container && (w == "--env" || w == "-e"));
            if is_flag {
                if k + 1 < args.end {
                    self.name_value(k + 1, 0);
                }
                k += 2;
                continue;
            }
            for prefix in ["--build-arg=", "--env="] {
                if w.starts_with(prefix) && (container || prefix == "--build-arg=") {
                    self.name_value(k, prefix.len());
                }
            }
            k += 1;
        }
    }

    /// `NAME=value` starting at byte `from` of word `i`.
    fn name_value(&mut self, i: usize, from: usize) {
        let w = self.text(i);
        let Some(rest) = w.get(from..) else {
            return;
        };
        let Some(eq) = rest.find('=') else {
            return;
        };
        let name = &rest[..eq];
        if is_identifier(name) && is_secret_name(name) {
            self.report(i, from + eq + 1..w.len(), CLI_ENV, false);
        }
    }

    fn buildctl(&mut self, args: Range<usize>) {
        let mut k = args.start;
        while k < args.end {
            let w = self.text(k);
            if w == "--opt" && k + 1 < args.end {
                if self.text(k + 1).starts_with("build-arg:") {
                    self.name_value(k + 1, "build-arg:".len());
                }
                k += 2;
                continue;
            }
            if let Some(v) = w.strip_prefix("--opt=") {
                if v.starts_with("build-arg:") {
                    self.name_value(k, "--opt=build-arg:".len());
                }
            }
            k += 1;
        }
    }

    fn curl(&mut self, args: Range<usize>) {
        let mut k = args.start;
        while k < args.end {
            let w = self.text(k);
            let mut consumed_next = false;
            if let Some(long) = w.strip_prefix("--") {
                let (name, inline) = match long.split_once('=') {
                    Some((n, _)) => (n, true),
                    None => (long, false),
                };
                let target = if inline {
                    Some((k, 2 + name.len() + 1))
                } else if k + 1 < args.end {
                    Some((k + 1, 0))
                } else {
                    None
                };
                match (name, target) {
                    ("user" | "proxy-user", Some((t, from))) => {
                        self.user_pass(t, from);
                        consumed_next = !inline;
                    }
                    ("header" | "proxy-header", Some((t, from))) => {
                        self.header(t, from);
                        consumed_next = !inline;
                    }
                    ("oauth2-bearer", Some((t, from))) => {
                        let len = self.text(t).len();
                        self.report(t, from..len, AUTH_HEADER, false);
                        consumed_next = !inline;
                    }
                    _ => {}
                }
            } else if w.len() > 1 && w.starts_with('-') {
                let b = w.as_bytes();
                for (pos, &c) in b.iter().enumerate().skip(1) {
                    if !CURL_ARG_SHORT.contains(&c) {
                        continue;
                    }
                    let (t, from) = if pos + 1 < b.len() {
                        (k, pos + 1)
                    } else if k + 1 < args.end {
                        consumed_next = true;
                        (k + 1, 0)
                    } else {
                        break;
                    };
                    match c {
                        b'u' | b'U' => self.user_pass(t, from),
                        b'H' => self.header(t, from),
                        _ => {}
                    }
                    break;
                }
            }
            k += if consumed_next { 2 } else { 1 };
        }
    }

    /// `user:password` starting at byte `from` of word `i`.
    fn user_pass(&mut self, i: usize, from: usize) {
        let w = self.text(i);
        let Some(rest) = w.get(from..) else {
            return;
        };
        if let Some(colon) = rest.find(':') {
            let start = from + colon + 1;
            if start < w.len() {
                self.report(i, start..w.len(), CURL_CREDS, true);
            }
        }
    }

    /// `-H`/`--header`/`--header=` values for commands other than curl.
    fn headers(&mut self, args: Range<usize>) {
        let mut k = args.start;
        while k < args.end {
            let w = self.text(k);
            if (w == "--header" || w == "-H") && k + 1 < args.end {
                self.header(k + 1, 0);
                k += 2;
                continue;
            }
            if w.starts_with("--header=") {
                self.header(k, "--header=".len());
            }
            k += 1;
        }
    }

    /// An HTTP header `Name: value` starting at byte `from` of word `i`.
    fn header(&mut self, i: usize, from: usize) {
        let w = self.text(i);
        let Some(rest) = w.get(from..) else {
            return;
        };
        let Some(colon) = rest.find(':') else {
            return;
        };
        let name = rest[..colon].trim();
        let value = &rest[colon + 1..];
        let value_start = from + colon + 1 + (value.len() - value.trim_start().len());
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let credential_offset = if name.eq_ignore_ascii_case("authorization")
            || name.eq_ignore_ascii_case("proxy-authorization")
        {
            // `Bearer X`, `Basic X`, `token X`, or a bare credential.
            match value.rfind(char::is_whitespace) {
                Some(ws) => ws + 1,
                None => 0,
            }
        } else if is_secret_name(name) {
            0
        } else {
            return;
        };
        let start = value_start + credential_offset;
        let end = value_start + value.len();
        if end - start >= 8 {
            self.report(i, start..end, AUTH_HEADER, false);
        }
    }

    fn mysql(&mut self, name: &str, args: Range<usize>) {
        let mut k = args.start;
        while k < args.end {
            let w = self.text(k);
            if let Some(v) = w.strip_prefix("--password=") {
                let start = w.len() - v.len();
                self.report(k, start..w.len(), MYSQL, true);
            } else if w.starts_with("-p") && w.len() > 2 {
                self.report(k, 2..w.len(), MYSQL, true);
            } else if w == "password" && name.ends_with("admin") && k + 1 < args.end {
                self.report_word(k + 1, MYSQL, true);
                k += 1;
            }
            k += 1;
        }
    }

    fn sshpass(&mut self, args: Range<usize>) {
        let mut k = args.start;
        while k < args.end {
            let w = self.text(k);
            if !w.starts_with('-') {
                break; // the wrapped command starts here
            }
            if w == "-p" {
                if k + 1 < args.end {
                    self.report_word(k + 1, SSHPASS, true);
                }
                k += 2;
                continue;
            }
            if w.starts_with("-p") {
                self.report(k, 2..w.len(), SSHPASS, true);
            }
            k += if matches!(w, "-f" | "-d" | "-P") {
                2
            } else {
                1
            };
        }
    }

    fn htpasswd(&mut self, args: Range<usize>) {
        let mut flags = String::new();
        let mut positionals = Vec::new();
        let mut k = args.start;
        while k < args.end {
            let w = self.text(k);
            if positionals.is_empty() && w.starts_with('-') && w.len() > 1 {
                flags.push_str(&w[1..]);
                if w.ends_with('C') || w.ends_with('r') {
                    k += 1; // cost / rounds argument
                }
            } else {
                positionals.push(k);
            }
            k += 1;
        }
        if !flags.contains('b') {
            return;
        }
        let need = if flags.contains('n') { 2 } else { 3 };
        if let Some(&p) = positionals.get(need - 1) {
            self.report_word(p, HTPASSWD, true);
        }
    }

    fn openssl(&mut self, args: Range<usize>) {
        let mut k = args.start;
        while k < args.end {
            let w = self.text(k);
            if matches!(w, "-pass" | "-passin" | "-passout" | "-password") && k + 1 < args.end {
                let v = self.text(k + 1);
                if v.starts_with("pass:") {
                    self.report(k + 1, 5..v.len(), OPENSSL, true);
                }
                k += 2;
                continue;
            }
            if w == "-k" && k + 1 < args.end {
                self.report_word(k + 1, OPENSSL, true);
                k += 2;
                continue;
            }
            k += 1;
        }
    }

    /// `echo 'user:pass' | chpasswd` (`with_user`) or `echo pass | passwd --stdin user`.
    fn echo_pipe(&mut self, prev: Range<usize>, with_user: bool) {
        let Some(first) = (prev.start < prev.end).then_some(prev.start) else {
            return;
        };
        if !matches!(self.text(first), "echo" | "printf") {
            return;
        }
        let args: Vec<usize> = (first + 1..prev.end)
            .filter(|&k| !self.text(k).starts_with('-'))
            .collect();
        for k in args {
            let w = self.text(k);
            if w.contains('%') {
                continue;
            }
            // Lines separated by real or escaped newlines.
            let mut offset = 0;
            for line in split_lines(w) {
                let line_start = offset;
                offset += line.len();
                let line = strip_line_end(line);
                if line.is_empty() {
                    continue;
                }
                if with_user {
                    if let Some(colon) = line.find(':') {
                        let start = line_start + colon + 1;
                        let end = line_start + line.len();
                        if start < end {
                            self.report(k, start..end, CHPASSWD, true);
                        }
                    }
                } else {
                    self.report(k, line_start..line_start + line.len(), CHPASSWD, true);
                    break;
                }
            }
        }
    }

    /// `npm config set KEY VALUE` / `KEY=VALUE` and `aws configure set NAME VALUE`.
    fn config_set(&mut self, tool: &str, args: Range<usize>) {
        let words: Vec<usize> = args.clone().collect();
        let set_at = words.iter().position(|&k| self.text(k) == "set");
        let Some(set_at) = set_at else {
            return;
        };
        let prefix_ok = if tool == "aws" {
            words[..set_at].iter().any(|&k| self.text(k) == "configure")
        } else {
            set_at == 0 || words[..set_at].iter().any(|&k| self.text(k) == "config")
        };
        if !prefix_ok {
            return;
        }
        let rest: Vec<usize> = words[set_at + 1..]
            .iter()
            .copied()
            .filter(|&k| !self.text(k).starts_with('-') || self.text(k).starts_with("--//"))
            .collect();
        let Some(&key_word) = rest.first() else {
            return;
        };
        let key_text = self.text(key_word);
        let is_secret_key = |key: &str| -> bool {
            if tool == "aws" {
                is_secret_name(key)
            } else {
                key.ends_with("_authToken")
                    || key.ends_with("_auth")
                    || key.ends_with("_password")
                    || key == "npmAuthToken"
                    || key == "npmAuthIdent"
            }
        };
        let kind = if tool == "aws" {
            CONFIG_SET
        } else {
            NPM_CONFIG
        };
        if let Some(eq) = key_text.find('=') {
            if is_secret_key(&key_text[..eq]) {
                self.report(key_word, eq + 1..key_text.len(), kind, false);
            }
        } else if is_secret_key(key_text) {
            if let Some(&v) = rest.get(1) {
                self.report_word(v, kind, false);
            }
        }
    }

    /// `--NAME=X`, `--NAME X` and `-storepass X` flags with secret names.
    fn generic_flags(&mut self, args: Range<usize>, separate: bool) {
        let mut k = args.start;
        while k < args.end {
            let w = self.text(k);
            let (name, dashes) = if let Some(n) = w.strip_prefix("--") {
                (n, 2)
            } else if let Some(n) = w.strip_prefix('-') {
                let bare = n.split('=').next().unwrap_or(n);
                if !SINGLE_DASH_SECRET_FLAGS.contains(&bare) {
                    k += 1;
                    continue;
                }
                (n, 1)
            } else {
                k += 1;
                continue;
            };
            if let Some((flag, _)) = name.split_once('=') {
                if is_secret_name(flag) {
                    self.report(k, dashes + flag.len() + 1..w.len(), CLI_FLAG, false);
                }
                k += 1;
                continue;
            }
            if separate && is_secret_name(name) && k + 1 < args.end {
                let next = self.text(k + 1);
                if !next.starts_with('-') {
                    self.report_word(k + 1, CLI_FLAG, false);
                    k += 2;
                    continue;
                }
            }
            k += 1;
        }
    }
}

/// Whether `value` is a literal secret; `password_like` values may also be numbers (`-p1234`).
fn is_literal(value: &str, password_like: bool) -> bool {
    match classify_value(value) {
        ValueClass::Literal => true,
        ValueClass::Number => password_like && value.len() >= 4,
        _ => false,
    }
}

/// Byte index of `=` in a `NAME=value` assignment word.
fn assignment_eq(w: &str) -> Option<usize> {
    let eq = w.find('=')?;
    is_identifier(&w[..eq]).then_some(eq)
}

fn is_identifier(s: &str) -> bool {
    let mut b = s.bytes();
    b.next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// Splits at real newlines and `\n` escapes, keeping the separators on each piece.
fn split_lines(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\n' {
            out.push(&s[start..=i]);
            start = i + 1;
        } else if b[i] == b'\\' && b.get(i + 1) == Some(&b'n') {
            out.push(&s[start..i + 2]);
            start = i + 2;
            i += 1;
        }
        i += 1;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// A line without its trailing separator.
fn strip_line_end(line: &str) -> &str {
    line.strip_suffix("\\n")
        .or_else(|| line.strip_suffix('\n'))
        .unwrap_or(line)
}

/// Maps a byte range of a word's unquoted text to a span in the source. Quote characters,
/// backslashes and `$` (of `$'…'`) in the raw word are skipped while aligning it with the text;
/// when the alignment fails, the whole word's span is returned.
fn map_span(source: &str, text: &str, span: Span, range: Range<usize>) -> Span {
    let raw = span.text(source);
    if raw.is_empty() && !text.is_empty() {
        return span;
    }
    if raw == text {
        return Span::new(span.start() + range.start, span.start() + range.end);
    }
    let (r, t) = (raw.as_bytes(), text.as_bytes());
    let mut map = vec![0usize; t.len() + 1];
    let (mut i, mut j) = (0, 0);
    while j < t.len() {
        if i >= r.len() {
            return span;
        }
        if r[i] == t[j] {
            map[j] = i;
            i += 1;
            j += 1;
        } else if matches!(r[i], b'"' | b'\'' | b'\\' | b'$') {
            i += 1;
        } else {
            return span;
        }
    }
    map[t.len()] = i;
    if range.is_empty() || range.end > t.len() {
        return span;
    }
    let start = map[range.start];
    let end = map[range.end - 1] + 1;
    Span::new(span.start() + start, span.start() + end)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A tiny test tokenizer: splits on unquoted whitespace and operators, removes quotes, and
    /// keeps the span of each word.
    pub(crate) fn tokenize(src: &str) -> Vec<(String, Span)> {
        let b = src.as_bytes();
        let mut words = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            if c == b'\\' && b.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            let two = src.get(i..i + 2).unwrap_or("");
            if ["&&", "||"].contains(&two) {
                words.push((two.to_string(), Span::new(i, i + 2)));
                i += 2;
                continue;
            }
            if b";|&()".contains(&c) {
                words.push(((c as char).to_string(), Span::new(i, i + 1)));
                i += 1;
                continue;
            }
            let start = i;
            let mut text = String::new();
            let mut quote = 0u8;
            while i < b.len() {
                let c = b[i];
                if quote == 0 {
                    if c.is_ascii_whitespace() || b";|&()".contains(&c) {
                        break;
                    }
                    if c == b'"' || c == b'\'' {
                        quote = c;
                        i += 1;
                        continue;
                    }
                    if c == b'$' && matches!(b.get(i + 1), Some(b'(') | Some(b'{')) {
                        let (open, close) = if b[i + 1] == b'(' {
                            (b'(', b')')
                        } else {
                            (b'{', b'}')
                        };
                        let mut depth = 0;
                        let s0 = i;
                        while i < b.len() {
                            if b[i] == open {
                                depth += 1;
                            } else if b[i] == close {
                                depth -= 1;
                                if depth == 0 {
                                    i += 1;
                                    break;
                                }
                            }
                            i += 1;
                        }
                        text.push_str(&src[s0..i]);
                        continue;
                    }
                    if c == b'\\' && i + 1 < b.len() {
                        if b[i + 1] == b'\n' {
                            i += 2;
                            continue;
                        }
                        text.push(b[i + 1] as char);
                        i += 2;
                        continue;
                    }
                } else if c == quote {
                    quote = 0;
                    i += 1;
                    continue;
                }
                let ch_len = src[i..].chars().next().map_or(1, char::len_utf8);
                text.push_str(&src[i..i + ch_len]);
                i += ch_len;
            }
            words.push((text, Span::new(start, i)));
        }
        words
    }

    fn run(src: &str) -> Vec<(&'static str, String)> {
        let words = tokenize(src);
        scan_shell_words(src, &words)
            .into_iter()
            .map(|m| (m.kind, m.span.text(src).to_string()))
            .collect()
    }

    #[test]
    fn positive_table() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "docker login -u bob -p Sup3rS3cret registry.example.org",
                &[("docker-login-password", "Sup3rS3cret")],
            ),
            (
                "docker login --password 'Sup3r S3cret' -u bob",
                &[("docker-login-password", "Sup3r S3cret")],
            ),
            (
                "docker login --password=Sup3rS3cret",
                &[("docker-login-password", "Sup3rS3cret")],
            ),
            (
                "podman login -pSup3rS3cret quay.io",
                &[("docker-login-password", "Sup3rS3cret")],
            ),
            (
                "sudo -u ci helm registry login -p Sup3rS3cret ghcr.io",
                &[("docker-login-password", "Sup3rS3cret")],
            ),
            (
                "docker build --build-arg NPM_TOKEN=npmT0kenValue1 .",
                &[("cli-secret-env", "npmT0kenValue1")],
            ),
            (
                "docker run -e DB_PASSWORD=hunter22 -e DEBUG=1 app",
                &[("cli-secret-env", "hunter22")],
            ),
            (
                "docker run --env=API_KEY=k3yV4lue99 app",
                &[("cli-secret-env", "k3yV4lue99")],
            ),
            (
                "buildctl build --opt build-arg:GITHUB_TOKEN=t0kenValue99",
                &[("cli-secret-env", "t0kenValue99")],
            ),
            (
                "curl -u admin:s3cr3tpw https://x.io",
                &[("curl-credentials", "s3cr3tpw")],
            ),
            (
                "curl -uadmin:s3cr3tpw https://x.io",
                &[("curl-credentials", "s3cr3tpw")],
            ),
            (
                "curl -fsSLu admin:s3cr3tpw https://x.io",
                &[("curl-credentials", "s3cr3tpw")],
            ),
            (
                "curl --user admin:s3cr3tpw https://x.io",
                &[("curl-credentials", "s3cr3tpw")],
            ),
            (
                "curl --user=admin:s3cr3tpw https://x.io",
                &[("curl-credentials", "s3cr3tpw")],
            ),
            (
                "curl -u \"admin:s3cr3tpw\" https://x.io",
                &[("curl-credentials", "s3cr3tpw")],
            ),
            (
                "curl -U proxy:pr0xypass https://x.io",
                &[("curl-credentials", "pr0xypass")],
            ),
            (
                "curl -H \"Authorization: Bearer abcdef123456\" https://api.x.io",
                &[("http-auth-header", "abcdef123456")],
            ),
            (
                "curl -sH 'Authorization: Basic YWRtaW46c2VjcmV0' https://api.x.io",
                &[("http-auth-header", "YWRtaW46c2VjcmV0")],
            ),
            (
                "curl --header \"PRIVATE-TOKEN: t0kenValue99\" https://gitlab.x.io",
                &[("http-auth-header", "t0kenValue99")],
            ),
            (
                "wget --header='X-API-Key: k3yV4lue99abc' https://x.io",
                &[("http-auth-header", "k3yV4lue99abc")],
            ),
            (
                "curl --oauth2-bearer t0kenValue99 https://x.io",
                &[("http-auth-header", "t0kenValue99")],
            ),
            (
                "mysql -uroot -pS3cretPw mydb",
                &[("mysql-password", "S3cretPw")],
            ),
            (
                "mysqldump --password=S3cretPw db",
                &[("mysql-password", "S3cretPw")],
            ),
            ("mysql -p123456 db", &[("mysql-password", "123456")]),
            (
                "mysqladmin -u root password N3wPassw0rd",
                &[("mysql-password", "N3wPassw0rd")],
            ),
            (
                "sshpass -p 'pa55word!' ssh host",
                &[("sshpass-password", "pa55word!")],
            ),
            (
                "sshpass -ppa55word ssh host",
                &[("sshpass-password", "pa55word")],
            ),
            (
                "htpasswd -cb /etc/nginx/.htpasswd admin Adm1nPass",
                &[("htpasswd-password", "Adm1nPass")],
            ),
            (
                "htpasswd -Bbn admin Adm1nPass",
                &[("htpasswd-password", "Adm1nPass")],
            ),
            (
                "htpasswd -b -C 10 -B pw.txt admin Adm1nPass",
                &[("htpasswd-password", "Adm1nPass")],
            ),
            (
                "openssl pkcs12 -export -passout pass:Exp0rtPw -out a.p12",
                &[("openssl-password", "Exp0rtPw")],
            ),
            (
                "openssl enc -aes-256-cbc -k EncKey99 -in a -out b",
                &[("openssl-password", "EncKey99")],
            ),
            (
                "echo 'root:R00tPw' | chpasswd",
                &[("chpasswd-password", "R00tPw")],
            ),
            (
                "echo \"app:AppPw123\" | sudo chpasswd",
                &[("chpasswd-password", "AppPw123")],
            ),
            (
                "echo -e 'a:Fir5tPw\\nb:Sec0ndPw' | chpasswd",
                &[
                    ("chpasswd-password", "Fir5tPw"),
                    ("chpasswd-password", "Sec0ndPw"),
                ],
            ),
            (
                "echo St0rePw99 | passwd --stdin app",
                &[("chpasswd-password", "St0rePw99")],
            ),
            (
                "npm config set //registry.npmjs.org/:_authToken T0kenValue99",
                &[("npmrc-auth-token", "T0kenValue99")],
            ),
            (
                "npm config set //npm.pkg.github.com/:_authToken=T0kenValue99",
                &[("npmrc-auth-token", "T0kenValue99")],
            ),
            (
                "yarn config set npmAuthToken T0kenValue99",
                &[("npmrc-auth-token", "T0kenValue99")],
            ),
            (
                "aws configure set aws_secret_access_key S3cretAccessValue99",
                &[("cli-config-secret", "S3cretAccessValue99")],
            ),
            (
                "vault login --token=hvT0kenValue99",
                &[("cli-secret-flag", "hvT0kenValue99")],
            ),
            (
                "kubeadm join 10.0.0.1:6443 --token x7k2qp.9f3c1a8e5b7d2f40",
                &[("cli-secret-flag", "x7k2qp.9f3c1a8e5b7d2f40")],
            ),
            (
                "some-cli --client-secret 'cl1entS3cret' --verbose",
                &[("cli-secret-flag", "cl1entS3cret")],
            ),
            (
                "keytool -importcert -keystore ks.jks -storepass St0rePw99 -noprompt",
                &[("cli-secret-flag", "St0rePw99")],
            ),
            (
                "wget --http-password=Htt9Pass x",
                &[("cli-secret-flag", "Htt9Pass")],
            ),
            (
                "export DB_PASSWORD=hunter22 && ./start",
                &[("shell-secret-assignment", "hunter22")],
            ),
            (
                "MYSQL_PWD=hunter22 mysql -uroot db",
                &[("shell-secret-assignment", "hunter22")],
            ),
            (
                "apt-get update && docker login -p Sup3rS3cret && echo ok",
                &[("docker-login-password", "Sup3rS3cret")],
            ),
        ];
        for (src, want) in cases {
            let want: Vec<(&str, String)> = want.iter().map(|(k, s)| (*k, s.to_string())).collect();
            assert_eq!(run(src), want, "source {src:?}");
        }
    }

    #[test]
    fn negative_table() {
        let cases = [
            "docker login -u bob --password-stdin registry.example.org",
            "echo \"$TOKEN\" | docker login -u bob --password-stdin",
            "docker login -p \"$DOCKER_PASSWORD\" -u bob",
            "docker login -p ${DOCKER_PASSWORD}",
            "docker login --password=$(cat /run/secrets/pw)",
            "docker run -p 8080:80 nginx",
            "docker run -e DB_PASSWORD -e DEBUG=1 app",
            "docker run -e DB_PASSWORD=$DB_PASSWORD app",
            "docker build --build-arg VERSION=1.2.3 .",
            "docker build --build-arg NPM_TOKEN .",
            "curl -u \"$USER:$PASS\" https://x.io",
            "curl -u admin https://x.io",
            "curl -u admin: https://x.io",
            "curl --negotiate -u : https://x.io",
            "curl -o out.tgz -u user:${PASSWORD} https://x.io",
            "curl -H \"Authorization: Bearer $TOKEN\" https://x.io",
            "curl -H 'Authorization: Bearer ${GITHUB_TOKEN}' https://x.io",
            "curl -H 'Authorization: token <your-token>' https://x.io",
            "curl -H 'Content-Type: application/json' https://x.io",
            "curl -H 'Accept: */*' -fsSL https://x.io -o /tmp/x",
            "curl -fsSL https://x.io/key.gpg -o /usr/share/keyrings/x.gpg",
            "mysql -p db",
            "mysql -p mydb -e 'select 1'",
            "mysql --password mydb",
            "mysql -uroot -p$MYSQL_ROOT_PASSWORD db",
            "psql --password -U postgres mydb",
            "sshpass -e ssh host",
            "sshpass -f /run/secrets/pw ssh host",
            "sshpass -p \"$SSHPASS\" ssh host",
            "htpasswd -c /etc/nginx/.htpasswd admin",
            "htpasswd -cb /etc/nginx/.htpasswd admin \"$PASS\"",
            "htpasswd -bn admin",
            "openssl req -passout env:PASS -new",
            "openssl rsa -passin file:/run/secrets/pw -in k",
            "openssl genrsa -out key.pem 2048",
            "echo 'root:$ROOT_PW' | chpasswd",
            "echo \"$USER:$PASS\" | chpasswd",
            "echo 'root:$6$salt$hash' | chpasswd -e",
            "echo root:x | passwd root",
            "npm config set //registry.npmjs.org/:_authToken ${NPM_TOKEN}",
            "npm config set registry https://registry.npmjs.org/",
            "aws configure set aws_access_key_id AKIDVALUE",
            "aws configure set region us-east-1",
            "vault login --token=$VAULT_TOKEN",
            "some-cli --token-file /run/secrets/t",
            "some-cli --password-file=/run/secrets/p",
            "some-cli --no-password --verbose",
            "some-cli --auth-type basic",
            "some-cli --token --verbose",
            "gh auth login --with-token < token.txt",
            "keytool -importcert -keystore ks.jks -storepass changeit -noprompt",
            "export PATH=/usr/local/bin:$PATH",
            "export DB_PASSWORD=\"$(cat /run/secrets/db)\"",
            "export DB_PASSWORD=changeme",
            "DB_PASSWORD_FILE=/run/secrets/db ./start",
            "echo hello world",
            "",
        ];
        for src in cases {
            assert_eq!(run(src), vec![], "source {src:?}");
        }
    }

    #[test]
    fn exact_spans() {
        let src = r#"RUN curl -H "Authorization: Bearer abcdef123456" https://x.io"#;
        let body = &src[4..];
        let words: Vec<(String, Span)> = tokenize(body)
            .into_iter()
            .map(|(t, s)| (t, s.shift(4)))
            .collect();
        let got = scan_shell_words(src, &words);
        assert_eq!(got.len(), 1);
        let start = src.find("abcdef").unwrap_or(0);
        assert_eq!(got[0].span, Span::new(start, start + 12));

        // Quotes in the middle of a word.
        let src = r#"docker login --password="Sup3r S3cret""#;
        let got = scan_shell_words(src, &tokenize(src));
        assert_eq!(got[0].span.text(src), "Sup3r S3cret");

        // Without the source, a quoted word's span is the whole word.
        let words = tokenize(src);
        let got = scan_shell_words("", &words);
        assert_eq!(got[0].span, words[2].1);

        // `&str` words work too.
        let words: Vec<(&str, Span)> = vec![
            ("sshpass", Span::new(0, 7)),
            ("-p", Span::new(8, 10)),
            ("pa55word", Span::new(11, 19)),
        ];
        let got = scan_shell_words("sshpass -p pa55word", &words);
        assert_eq!(got[0].span, Span::new(11, 19));
        assert_eq!(got[0].kind, "sshpass-password");
    }

    #[test]
    fn confidence_follows_randomness() {
        let src = "sshpass -p Tq8vZ3mW1xK9rB2nL7pY ssh host";
        let got = scan_shell_words(src, &tokenize(src));
        assert_eq!(got[0].confidence, Confidence::High);
        let src = "sshpass -p hunter22 ssh host";
        let got = scan_shell_words(src, &tokenize(src));
        assert_eq!(got[0].confidence, Confidence::Medium);
    }

    #[test]
    fn map_span_alignment() {
        let raw = r#"'a'"b"c"#;
        let span = Span::new(10, 10 + raw.len());
        let source = format!("{}{raw}", " ".repeat(10));
        assert_eq!(map_span(&source, "abc", span, 1..3), Span::new(14, 17));
        assert_eq!(map_span(&source, "xyz", span, 1..3), span);
    }
}
