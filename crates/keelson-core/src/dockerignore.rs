//! `.dockerignore` files, matched the way Docker and BuildKit match them.
//!
//! - One pattern per line; a line whose first character is `#` is a comment; surrounding
//!   whitespace is trimmed and empty lines are skipped.
//! - A leading `!` makes an exception (files it matches are kept after all).
//! - Patterns are cleaned like Go's `filepath.Clean` (`./a/../b/` is `b`) and a leading `/` is
//!   dropped: every pattern is relative to the context root.
//! - Go `filepath.Match` syntax: `*` (any run of characters but `/`), `?` (one character but
//!   `/`), `[a-z]` / `[^a-z]` classes, `\` escapes; plus `**`, any number of directories
//!   (`**/x`, `a/**`, `a/**/b`).
//! - A pattern also matches every path below a directory it matches (`node_modules` excludes
//!   `node_modules/x/y`).
//! - The last pattern that matches a path decides: excluded, or kept by an exception.

use std::path::{Path, PathBuf};

use regex::Regex;

use keelson_model::dockerfile::DockerfileModel;
use keelson_syntax::dockerfile::Dockerfile;

use crate::context::{BuildContext, ComposeContext, ServiceBuild};
use crate::source::FileId;

/// Whether a compose service builds its Dockerfile with a context other than the Dockerfile's
/// own directory. When they are the same, the lint of the Dockerfile itself sees the same
/// context and reports what is wrong there, so compose checks skip the build.
pub(crate) fn context_differs(build: &ServiceBuild) -> bool {
    build.path.parent().unwrap_or_else(|| Path::new("")) != build.context_dir.as_path()
}

/// Where a compose service builds a Dockerfile, for a note on a finding in that Dockerfile.
pub(crate) struct Via {
    /// The compose file with the service's `build`.
    pub(crate) file: FileId,
    /// The `build` key.
    pub(crate) span: keelson_syntax::Span,
    /// "service `x` builds this Dockerfile with the context `…`".
    pub(crate) message: String,
}

/// Calls `check` for every Dockerfile a compose service builds with a context other than the
/// Dockerfile's own directory (see [`context_differs`]), with the build's context and a note
/// naming the service.
pub(crate) fn for_each_compose_build(
    cx: &ComposeContext<'_>,
    mut check: impl FnMut(&Dockerfile, &DockerfileModel, &BuildContext<'_>, FileId, Option<&Via>),
) {
    for build in cx.builds.iter().filter(|b| context_differs(b)) {
        let via = cx.project.services.get(build.service).and_then(|service| {
            let b = service.build.as_ref()?;
            let (file, span) = cx.at(b.loc);
            let context = match build.context_dir.to_string_lossy().as_ref() {
                "" => ".".to_owned(),
                d => d.to_owned(),
            };
            Some(Via {
                file,
                span,
                message: format!(
                    "service `{}` builds this Dockerfile with the context `{context}`",
                    service.name
                ),
            })
        });
        check(
            &build.syntax,
            &build.model,
            &cx.build_context(build),
            build.file,
            via.as_ref(),
        );
    }
}

/// The ignore file that applies to a build, and its patterns: `<Dockerfile>.dockerignore`
/// beside the Dockerfile when it exists (BuildKit prefers it), else `.dockerignore` at the
/// context root. `None` when neither can be read.
pub(crate) fn load(build: &BuildContext<'_>) -> Option<(PathBuf, DockerIgnore)> {
    let mut specific = build.dockerfile.as_os_str().to_owned();
    specific.push(".dockerignore");
    let candidates = [PathBuf::from(specific), build.dir.join(".dockerignore")];
    candidates.into_iter().find_map(|path| {
        let text = build.files.read_to_string(&path).ok()?;
        Some((path, DockerIgnore::parse(&text)))
    })
}

/// `path` joined to the context directory, as a file reader expects it.
pub(crate) fn in_context(build: &BuildContext<'_>, path: &str) -> PathBuf {
    let rel = clean(path);
    let rel = rel.trim_start_matches('/');
    if rel.is_empty() || rel == "." {
        return build.dir.to_path_buf();
    }
    Path::new(build.dir).join(rel)
}

/// The parsed patterns of a `.dockerignore` file.
#[derive(Clone, Debug, Default)]
pub(crate) struct DockerIgnore {
    patterns: Vec<Pattern>,
}

#[derive(Clone, Debug)]
struct Pattern {
    /// The pattern as cleaned (without `!`).
    text: String,
    /// Whether it is an exception (`!pattern`).
    exception: bool,
    /// The number of path components of the pattern.
    dirs: usize,
    /// The compiled pattern; `None` when it is malformed (Docker then fails the build; here it
    /// simply matches nothing).
    regex: Option<Regex>,
}

impl DockerIgnore {
    /// Parses the text of a `.dockerignore` file.
    pub(crate) fn parse(text: &str) -> DockerIgnore {
        let mut patterns = Vec::new();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut pattern = line.trim();
            if pattern.is_empty() {
                continue;
            }
            let exception = pattern.starts_with('!');
            if exception {
                pattern = pattern[1..].trim();
                if pattern.is_empty() {
                    continue;
                }
            }
            let mut cleaned = clean(pattern);
            if cleaned.len() > 1 && cleaned.starts_with('/') {
                cleaned.remove(0);
            }
            let dirs = cleaned.split('/').count();
            let regex = compile(&cleaned);
            patterns.push(Pattern {
                text: cleaned,
                exception,
                dirs,
                regex,
            });
        }
        DockerIgnore { patterns }
    }

    /// Whether the file has no pattern at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Whether `path` (relative to the context root, `/`-separated) is excluded from the
    /// build context. A path below an excluded directory is excluded too.
    pub(crate) fn excludes(&self, path: &str) -> bool {
        self.matching_pattern(path).is_some_and(|p| !p.exception)
    }

    /// The last pattern that decides about `path` (as written after cleaning, without `!`),
    /// when it excludes the path.
    pub(crate) fn excluding_pattern(&self, path: &str) -> Option<&str> {
        self.matching_pattern(path)
            .filter(|p| !p.exception)
            .map(|p| p.text.as_str())
    }

    fn matching_pattern(&self, path: &str) -> Option<&Pattern> {
        let mut path = clean(path);
        if path.starts_with('/') {
            path.remove(0);
        }
        if path.is_empty() || path == "." {
            return None;
        }
        let parts: Vec<&str> = path.split('/').collect();
        let mut decided = None;
        for pattern in &self.patterns {
            let Some(regex) = &pattern.regex else {
                continue;
            };
            let mut matched = regex.is_match(&path);
            // A pattern that names a parent directory of the path matches the path too.
            if !matched && parts.len() > 1 && pattern.dirs < parts.len() {
                let parent = parts[..pattern.dirs].join("/");
                matched = regex.is_match(&parent);
            }
            if !matched && parts.len() > 1 {
                // `**` patterns can match any parent, whatever their own depth.
                matched = pattern.text.contains("**")
                    && (1..parts.len()).any(|n| regex.is_match(&parts[..n].join("/")));
            }
            if matched {
                decided = Some(pattern);
            }
        }
        decided
    }
}

/// Go's `filepath.Clean` for `/`-separated paths (`.` for an empty result).
fn clean(path: &str) -> String {
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            p => parts.push(p),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

/// Translates a pattern into an anchored regular expression.
fn compile(pattern: &str) -> Option<Regex> {
    let mut re = String::from("^");
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '*' if chars.get(i) == Some(&'*') => {
                i += 1;
                if chars.get(i) == Some(&'/') {
                    i += 1;
                }
                if i >= chars.len() {
                    re.push_str(".*");
                } else {
                    re.push_str("(?:.*/)?");
                }
            }
            '*' => re.push_str("[^/]*"),
            '?' => re.push_str("[^/]"),
            '\\' => {
                let next = chars.get(i)?;
                i += 1;
                re.push_str(&regex::escape(&next.to_string()));
            }
            '[' => {
                let mut class = String::from("[");
                if chars.get(i) == Some(&'^') {
                    class.push('^');
                    i += 1;
                }
                let mut closed = false;
                let mut first = true;
                while let Some(&k) = chars.get(i) {
                    i += 1;
                    if k == ']' && !first {
                        closed = true;
                        break;
                    }
                    first = false;
                    match k {
                        '\\' => {
                            let next = chars.get(i)?;
                            i += 1;
                            class.push_str(&regex::escape(&next.to_string()));
                        }
                        '-' => class.push('-'),
                        '[' | ']' | '&' | '~' | '^' => {
                            class.push('\\');
                            class.push(k);
                        }
                        k => class.push_str(&regex::escape(&k.to_string())),
                    }
                }
                if !closed {
                    return None;
                }
                class.push(']');
                re.push_str(&class);
            }
            c => re.push_str(&regex::escape(&c.to_string())),
        }
    }
    re.push('$');
    Regex::new(&re).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ignore(text: &str) -> DockerIgnore {
        DockerIgnore::parse(text)
    }

    #[test]
    fn comments_blank_lines_and_whitespace_are_skipped() {
        let d = ignore("# .env is kept\n\n   \n  node_modules  \n");
        assert!(!d.excludes(".env"));
        assert!(!d.excludes("# .env is kept"));
        assert!(d.excludes("node_modules"));
    }

    #[test]
    fn a_directory_pattern_excludes_what_is_below_it() {
        let d = ignore("node_modules\n.git/\n");
        assert!(d.excludes("node_modules/left-pad/index.js"));
        assert!(d.excludes(".git/config"));
        assert!(!d.excludes("src/node_modules"));
    }

    #[test]
    fn star_and_question_mark_stay_inside_one_component() {
        let d = ignore("*.pem\nsecret?.txt\n");
        assert!(d.excludes("server.pem"));
        assert!(!d.excludes("certs/server.pem"));
        assert!(d.excludes("secret1.txt"));
        assert!(!d.excludes("secret12.txt"));
    }

    #[test]
    fn double_star_crosses_directories() {
        let d = ignore("**/*.pem\nbuild/**\ndocs/**/draft\n");
        assert!(d.excludes("server.pem"));
        assert!(d.excludes("a/b/c/server.pem"));
        assert!(d.excludes("build/x/y"));
        assert!(d.excludes("docs/draft"));
        assert!(d.excludes("docs/a/b/draft"));
        assert!(!d.excludes("docs/a/b/final"));
    }

    #[test]
    fn the_last_matching_pattern_wins() {
        let d = ignore("*.md\n!README.md\n");
        assert!(d.excludes("CHANGELOG.md"));
        assert!(!d.excludes("README.md"));
        let d = ignore("!README.md\n*.md\n");
        assert!(d.excludes("README.md"));
    }

    #[test]
    fn everything_but_an_allowlist() {
        let d = ignore("*\n!src\n!package.json\n");
        assert!(d.excludes(".env"));
        assert!(d.excludes("id_rsa"));
        assert!(!d.excludes("src/index.js"));
        assert!(!d.excludes("package.json"));
    }

    #[test]
    fn patterns_and_paths_are_cleaned() {
        let d = ignore("/secrets/\n./tmp/../cache\n");
        assert!(d.excludes("secrets/key"));
        assert!(d.excludes("./cache"));
        assert!(d.excludes("/cache/x"));
        assert!(!d.excludes("tmp"));
    }

    #[test]
    fn classes_and_escapes() {
        let d = ignore("file[0-9].txt\nx[^a].log\nlit\\*eral\n");
        assert!(d.excludes("file3.txt"));
        assert!(!d.excludes("filea.txt"));
        assert!(d.excludes("xb.log"));
        assert!(!d.excludes("xa.log"));
        assert!(d.excludes("lit*eral"));
        assert!(!d.excludes("litteral"));
    }

    #[test]
    fn a_malformed_pattern_matches_nothing() {
        let d = ignore("[unclosed\n");
        assert!(!d.excludes("[unclosed"));
        assert!(!d.excludes("u"));
    }

    #[test]
    fn the_excluding_pattern_is_named() {
        let d = ignore("**/.env\n!keep/.env\n");
        assert_eq!(d.excluding_pattern("a/.env"), Some("**/.env"));
        assert_eq!(d.excluding_pattern("keep/.env"), None);
    }
}
