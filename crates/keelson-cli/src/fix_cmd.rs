//! `check --fix` and `check --diff`: the file-system half of fixing. The fixes themselves are
//! computed by `keelson_core::fix`; this module only writes files and renders diffs.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use crate::rules_cmd::write_stdout;
use crate::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};

/// A file whose fixed text differs from what is on disk.
pub struct FixedFile {
    /// The file as named on the command line (or found by discovery).
    pub path: PathBuf,
    /// The text before fixing.
    pub original: String,
    /// The text after fixing.
    pub fixed: String,
    /// How many fixes were applied.
    pub applied: usize,
}

/// Replaces the contents of `path` with `text` atomically: the text goes to a new file in the
/// same directory, is flushed to disk, gets the original file's permissions and is renamed over
/// the original, so a reader sees the old or the new file, never half of one. A symbolic link
/// is followed and its target replaced, so the link stays a link.
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let target = fs::canonicalize(path)?;
    let dir = target
        .parent()
        .ok_or_else(|| io::Error::other("the file has no parent directory"))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let permissions = fs::metadata(&target)?.permissions();
    let mut attempt = 0u32;
    let (tmp_path, mut tmp) = loop {
        let candidate = dir.join(format!(
            ".{name}.keelson-{}-{attempt}.tmp",
            std::process::id()
        ));
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(f) => break (candidate, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    let result = (|| {
        tmp.write_all(text.as_bytes())?;
        tmp.sync_all()?;
        fs::set_permissions(&tmp_path, permissions)?;
        drop(tmp);
        fs::rename(&tmp_path, &target)?;
        // Make the rename itself durable (best effort: not every platform can open a directory).
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp_path);
    }
    result
}

/// `--diff`: prints a unified diff of every fixed file and a summary on standard error.
/// Returns the exit code: 1 when there is a diff, 0 when not, 2 on any error.
pub fn print_diffs(fixed: &[FixedFile], errors: &[(PathBuf, String)]) -> u8 {
    let mut sorted: Vec<&FixedFile> = fixed.iter().collect();
    sorted.sort_by(|a, b| a.path.cmp(&b.path));
    let mut out = String::new();
    for f in &sorted {
        out.push_str(&unified_diff(&f.path, &f.original, &f.fixed));
    }
    for (path, message) in errors {
        eprintln!("keelson: {}: {message}", path.display());
    }
    let applied: usize = fixed.iter().map(|f| f.applied).sum();
    eprintln!(
        "keelson: {applied} fix{} would change {} file{}",
        if applied == 1 { "" } else { "es" },
        fixed.len(),
        if fixed.len() == 1 { "" } else { "s" }
    );
    let code = write_stdout(&out);
    if code != EXIT_CLEAN || !errors.is_empty() {
        EXIT_ERROR
    } else if fixed.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    }
}

/// `--fix`: writes every fixed file and prints a summary on standard error. Returns the
/// files that could not be written, with why.
pub fn write_fixes(fixed: &[FixedFile]) -> Vec<(PathBuf, String)> {
    let mut errors = Vec::new();
    let mut applied = 0;
    let mut files = 0;
    for f in fixed {
        match write_atomically(&f.path, &f.fixed) {
            Ok(()) => {
                applied += f.applied;
                files += 1;
            }
            Err(e) => errors.push((f.path.clone(), format!("cannot write the fixes: {e}"))),
        }
    }
    if applied > 0 {
        eprintln!(
            "keelson: applied {applied} fix{} in {files} file{}",
            if applied == 1 { "" } else { "es" },
            if files == 1 { "" } else { "s" }
        );
    }
    errors
}

/// A unified diff (`--- a/path`, `+++ b/path`, three lines of context) from `old` to `new`.
pub fn unified_diff(path: &Path, old: &str, new: &str) -> String {
    let name = path.display().to_string();
    let name = name.strip_prefix("./").unwrap_or(&name);
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .missing_newline_hint(true)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_has_headers_and_only_the_changed_hunk() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\n";
        let new = "a\nb\nc\nd\ne\nf\ng\nH\ni\n";
        let d = unified_diff(Path::new("./x/Dockerfile"), old, new);
        assert!(
            d.starts_with("--- a/x/Dockerfile\n+++ b/x/Dockerfile\n"),
            "{d}"
        );
        assert!(
            d.contains("@@ -5,5 +5,5 @@\n e\n f\n g\n-h\n+H\n i\n"),
            "{d}"
        );
        assert!(!d.contains(" a\n"), "{d}");
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_keeps_permissions_and_leaves_no_temp_file() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("Dockerfile");
        fs::write(&path, "old\n").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        write_atomically(&path, "new\n").expect("atomic write");
        assert_eq!(fs::read_to_string(&path).expect("read"), "new\n");
        let mode = fs::metadata(&path).expect("stat").permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("ls")
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("Dockerfile")]);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_through_a_symlink_keeps_the_link() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.Dockerfile");
        let link = dir.path().join("Dockerfile");
        fs::write(&real, "old\n").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        write_atomically(&link, "new\n").expect("atomic write");
        assert!(fs::symlink_metadata(&link)
            .expect("lstat")
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&real).expect("read"), "new\n");
    }
}
