//! The VS Code extension builds and packages with the npm tools, as `editors/vscode/README.md`
//! says: a clean copy of its files (what git tracks or would track: no `node_modules`, no
//! `out/`) goes through `npm ci` and `vsce package`, and the `.vsix` is checked. Skips, saying
//! why, when `npm` is absent or Node.js is older than `@vscode/vsce` needs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// The oldest Node.js major version `@vscode/vsce` 3 runs on (its `engines.node`).
const VSCE_MIN_NODE: u32 = 20;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Whether `program version_flag` runs and succeeds.
fn found(program: &str, version_flag: &str) -> bool {
    Command::new(program)
        .arg(version_flag)
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `v20.11.1` -> 20.
fn node_major() -> Option<u32> {
    let out = Command::new("node").arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.trim()
        .trim_start_matches('v')
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// Runs `program args` in `dir`; panics with the command's output when it fails.
fn run(program: &str, args: &[&str], dir: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("npm_config_update_notifier", "false")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{program}`: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "`{program} {}` failed ({}) in {}\n--- stdout\n{stdout}\n--- stderr\n{}",
        args.join(" "),
        out.status,
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The files of `editors/vscode` a fresh clone would have (tracked, or new and not ignored),
/// relative to that folder; a walk that skips the build products when git cannot say.
fn extension_files(src: &Path) -> Vec<PathBuf> {
    let listed = Command::new("git")
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
            ".",
        ])
        .current_dir(src)
        .output();
    if let Ok(out) = listed {
        if out.status.success() && !out.stdout.is_empty() {
            return String::from_utf8_lossy(&out.stdout)
                .split('\0')
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
                .filter(|p| src.join(p).is_file())
                .collect();
        }
    }
    let mut files = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let entries = std::fs::read_dir(src.join(&rel))
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", src.join(&rel).display()));
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let path = rel.join(&*name);
            if entry.path().is_dir() {
                if name != "node_modules" && name != "out" {
                    stack.push(path);
                }
            } else if !name.ends_with(".vsix") {
                files.push(path);
            }
        }
    }
    files
}

/// Extracts `zip` into `dest` with `unzip` or Python's `zipfile`; false when neither exists.
fn extract(zip: &Path, dest: &Path) -> bool {
    let zip = zip.to_string_lossy();
    let dest_s = dest.to_string_lossy();
    if found("unzip", "-v") {
        run("unzip", &["-q", &zip, "-d", &dest_s], dest);
        true
    } else if found("python3", "--version") {
        run("python3", &["-m", "zipfile", "-e", &zip, &dest_s], dest);
        true
    } else {
        false
    }
}

/// Every file under `root`, as `/`-separated paths relative to it.
fn files_under(root: &Path) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(root) {
                let parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                names.insert(parts.join("/"));
            }
        }
    }
    names
}

/// The module names a script loads with `require("…")` / `require('…')`.
fn required_modules(script: &str) -> BTreeSet<String> {
    let mut modules = BTreeSet::new();
    for quote in ['"', '\''] {
        let opener = format!("require({quote}");
        let mut rest = script;
        while let Some(at) = rest.find(&opener) {
            rest = &rest[at + opener.len()..];
            if let Some(end) = rest.find(quote) {
                modules.insert(rest[..end].to_string());
            }
        }
    }
    modules
}

/// Checks the bundle: it loads only `vscode` and Node.js built-ins at run time, and the language
/// client (with its protocol library) is inlined in it.
fn assert_self_contained_bundle(bundle: &Path, dir: &Path) {
    let script = std::fs::read_to_string(bundle)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", bundle.display()));
    let builtins: BTreeSet<String> = run(
        "node",
        &["-p", "require('module').builtinModules.join('\\n')"],
        dir,
    )
    .lines()
    .map(|l| l.trim().to_string())
    .filter(|l| !l.is_empty())
    .collect();
    let foreign: Vec<String> = required_modules(&script)
        .into_iter()
        .filter(|m| {
            let m = m.strip_prefix("node:").unwrap_or(m);
            m != "vscode" && !builtins.contains(m)
        })
        .collect();
    assert!(
        foreign.is_empty(),
        "{} loads packages at run time that the .vsix does not ship (not bundled): {foreign:?}",
        bundle.display()
    );
    assert!(
        required_modules(&script).contains("vscode"),
        "{} never loads the `vscode` module (kept external)",
        bundle.display()
    );
    // A method name of the language server protocol: present only when
    // vscode-languageclient's code (and vscode-languageserver-protocol's) is inlined.
    assert!(
        script.contains("textDocument/didOpen"),
        "{} does not contain vscode-languageclient's code",
        bundle.display()
    );
}

#[test]
fn npm_ci_and_vsce_package_make_a_vsix_of_the_manifest_with_its_settings_and_one_self_contained_bundle(
) {
    if !found("npm", "--version") {
        eprintln!("skipping: `npm` is not on PATH (apt-get install nodejs npm)");
        return;
    }
    match node_major() {
        None => {
            eprintln!("skipping: `node --version` did not run");
            return;
        }
        Some(v) if v < VSCE_MIN_NODE => {
            eprintln!(
                "skipping: Node.js {v} is older than {VSCE_MIN_NODE}, which @vscode/vsce needs"
            );
            return;
        }
        Some(_) => {}
    }
    let src = workspace().join("editors/vscode");
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"));
    let ext = tmp.path().join("vscode");
    let files = extension_files(&src);
    for must in ["package.json", "package-lock.json", "src/extension.ts"] {
        assert!(
            files.iter().any(|f| f == Path::new(must)),
            "editors/vscode/{must} is not among the extension's files: {files:?}"
        );
    }
    for rel in &files {
        let to = ext.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
        }
        std::fs::copy(src.join(rel), &to)
            .unwrap_or_else(|e| panic!("cannot copy {}: {e}", rel.display()));
    }

    run("npm", &["ci", "--no-audit", "--no-fund"], &ext);
    run(
        "npx",
        &["--no-install", "vsce", "package", "--out", "keelson.vsix"],
        &ext,
    );
    let vsix = ext.join("keelson.vsix");
    assert!(vsix.is_file(), "vsce package wrote no {}", vsix.display());

    let unpacked = tmp.path().join("unpacked");
    std::fs::create_dir_all(&unpacked).unwrap_or_else(|e| panic!("cannot create dir: {e}"));
    if !extract(&vsix, &unpacked) {
        eprintln!(
            "note: neither `unzip` nor `python3` is installed: the .vsix contents are not \
             checked, only the bundle vsce packaged from"
        );
        assert_self_contained_bundle(&ext.join("out/extension.js"), &ext);
        return;
    }
    let names = files_under(&unpacked);
    for must in ["extension/package.json", "extension/out/extension.js"] {
        assert!(names.contains(must), "the .vsix has no {must}: {names:?}");
    }
    let unwanted: Vec<&String> = names
        .iter()
        .filter(|n| {
            n.starts_with("extension/node_modules/")
                || n.starts_with("extension/src/")
                || n.ends_with(".ts")
                || n.ends_with(".map")
        })
        .collect();
    assert!(
        unwanted.is_empty(),
        "the .vsix ships files the bundle replaces (node_modules, sources, maps): {unwanted:?}"
    );
    let js: Vec<&String> = names.iter().filter(|n| n.ends_with(".js")).collect();
    assert_eq!(
        js,
        vec!["extension/out/extension.js"],
        "the .vsix holds JavaScript besides the bundle"
    );

    let manifest_path = unpacked.join("extension/package.json");
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(&manifest_path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", manifest_path.display())),
    )
    .unwrap_or_else(|e| panic!("the packaged package.json is not JSON: {e}"));
    assert_eq!(manifest["main"], "./out/extension.js");
    let properties = &manifest["contributes"]["configuration"]["properties"];
    for setting in ["keelson.path", "keelson.enable", "keelson.configPath"] {
        assert!(
            properties.get(setting).is_some(),
            "the packaged settings schema has no {setting}: {properties}"
        );
    }

    assert_self_contained_bundle(&unpacked.join("extension/out/extension.js"), &ext);
}
