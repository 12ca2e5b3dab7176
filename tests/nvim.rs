//! A real editor as the client: headless Neovim opens a Dockerfile and a compose file with
//! keelson's language server attached and reports `vim.diagnostic.get()` (see
//! `tests/nvim/init.lua`). Skips, saying why, when Neovim is absent or older than 0.7.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

/// Parses `NVIM v0.7.2` into (0, 7).
fn nvim_version() -> Option<(u32, u32)> {
    let out = Command::new("nvim").arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let v = text
        .lines()
        .next()?
        .split_whitespace()
        .nth(1)?
        .trim_start_matches('v');
    let mut parts = v.split('.');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

fn lines_of(result: &Value, kind: &str, code: &str) -> Vec<u64> {
    result["diagnostics"][kind]
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|d| d["code"] == code)
                .filter_map(|d| d["lnum"].as_u64())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn headless_neovim_shows_keelson_diagnostics_for_a_dockerfile_and_a_compose_file() {
    match nvim_version() {
        None => {
            eprintln!("skipping: `nvim` is not installed (apt-get install neovim)");
            return;
        }
        Some(v) if v < (0, 7) => {
            eprintln!("skipping: Neovim {}.{} is older than 0.7", v.0, v.1);
            return;
        }
        Some(_) => {}
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"));
    let root = dir.path();
    let dockerfile = root.join("Dockerfile");
    let compose = root.join("compose.yaml");
    let out = root.join("result.json");
    let write = |p: &Path, t: &str| {
        std::fs::write(p, t).unwrap_or_else(|e| panic!("cannot write {}: {e}", p.display()))
    };
    write(&dockerfile, "FROM alpine:3.20\nRUN echo hi\nCMD ['sh']\n");
    write(
        &compose,
        "services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    privileged: true\n",
    );
    let init = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/nvim/init.lua");
    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-n", "-u"])
        .arg(&init)
        .env("KEELSON_BIN", env!("CARGO_BIN_EXE_keelson"))
        .env("KEELSON_OUT", &out)
        .env("KEELSON_DOCKERFILE", &dockerfile)
        .env("KEELSON_COMPOSE", &compose)
        .env("XDG_STATE_HOME", root)
        .env("XDG_DATA_HOME", root)
        .current_dir(root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start nvim: {e}"));
    // A hang guard (init.lua gives up after 60 s of waiting), not a timing assertion.
    let mut waited = Duration::ZERO;
    while matches!(child.try_wait(), Ok(None)) && waited < Duration::from_secs(180) {
        std::thread::sleep(Duration::from_millis(100));
        waited += Duration::from_millis(100);
    }
    if matches!(child.try_wait(), Ok(None)) {
        let _ = child.kill();
        let _ = child.wait();
        panic!("nvim did not finish");
    }
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| {
        panic!(
            "nvim wrote no result ({e}); stderr: {:?}",
            child
                .wait_with_output()
                .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        )
    });
    let result: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad result {text}: {e}"));
    assert_eq!(
        result["ok"],
        Value::Bool(true),
        "no diagnostics arrived: {result}"
    );
    assert_eq!(result["filetypes"]["dockerfile"], "dockerfile", "{result}");
    assert_eq!(result["filetypes"]["compose"], "yaml", "{result}");
    // 0-based lines: no USER (K201) is reported at the final stage's FROM; CMD's single quotes
    // (K811) on line 2. In the compose file, `privileged: true` (K203) is line 4.
    assert_eq!(lines_of(&result, "dockerfile", "K811"), vec![2], "{result}");
    assert!(
        !lines_of(&result, "dockerfile", "K201").is_empty(),
        "{result}"
    );
    assert_eq!(lines_of(&result, "compose", "K203"), vec![4], "{result}");
    assert!(
        result["diagnostics"]["compose"]
            .as_array()
            .is_some_and(|a| a.iter().all(|d| d["source"] == "keelson")),
        "{result}"
    );
}
