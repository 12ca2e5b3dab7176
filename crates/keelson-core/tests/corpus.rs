//! keelson over the shared corpus of real Dockerfiles and compose files (`../shared/corpus`,
//! skipped when absent): no file makes it panic, and files Docker accepts get no parse or load
//! error (K801 invalid-dockerfile, K802 invalid-compose). The few corpus files that Docker itself
//! rejects are listed with the reason. The other `correctness` rules (relative WORKDIR, a
//! superseded CMD, `FROM $ARG` without a default…) report mistakes in files Docker does build,
//! so they are counted by the corpus runs in the issue notes, not asserted to be zero here.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use keelson_core::{Category, Config, FileKind, LintOptions, LintRequest, Linter, OsFileSource};

/// The rules that report a file keelson (and Docker) cannot parse or load.
const PARSE_RULES: &[&str] = &["K801", "K802"];

/// Corpus files Docker (BuildKit or Compose) rejects as written, and why.
const KNOWN_INVALID: &[(&str, &str)] = &[
    ("dockerfile/containers__buildah/tests__bud__add-checksum__Containerfile.bad", "buildah negative test: flag without value"),
    ("dockerfile/containers__buildah/tests__bud__add-chmod__Dockerfile.bad", "buildah negative test: flag without value"),
    ("dockerfile/containers__buildah/tests__bud__add-chown__Dockerfile.bad", "buildah negative test: flag without value"),
    ("dockerfile/containers__buildah/tests__bud__copy-chmod__Dockerfile.bad", "buildah negative test: flag without value"),
    ("dockerfile/containers__buildah/tests__bud__copy-chown__Dockerfile.bad", "buildah negative test: flag without value"),
    ("dockerfile/containers__buildah/tests__bud__copy-from__Dockerfile.bad", "buildah negative test: flag without value"),
    ("dockerfile/containers__buildah/tests__bud__copy-multistage-paths__Dockerfile.invalid_from", "buildah negative test: --from without value"),
    ("dockerfile/containers__buildah/tests__bud__base-with-arg__Containerfile", "stage name with `/` (BuildKit rejects it)"),
    ("dockerfile/containers__buildah/tests__bud__save-stages__Dockerfile.arg-build-stages-and-chained-build-stages", "stage names with `${…}` (BuildKit rejects them)"),
    ("dockerfile/containers__buildah/tests__bud__unrecognized__Dockerfile", "buildah negative test: BOGUS instruction"),
    ("dockerfile/docker__compose/pkg__e2e__fixtures__wrong-composefile__service1__Dockerfile", "compose negative fixture: WRONG instruction"),
    ("dockerfile/fedora-cloud__Fedora-Dockerfiles/haskell__Dockerfile", "a missing `\\` turns a package name into an instruction"),
    ("dockerfile/haskell__docker-haskell/template__Dockerfile.ncl", "a Nickel template, not a Dockerfile"),
    ("dockerfile/vimagick__dockerfiles/obs-web-arm__Dockerfile", "`COPY --from build` without `=`"),
    ("compose/confluentinc__demo-scene/gcp-pipeline__docker-compose-ccloud.yml", "duplicate key and bad indentation"),
    ("compose/confluentinc__demo-scene/gen-test-data__datagen__docker-compose.yml", "text after a closing quote"),
    ("compose/confluentinc__demo-scene/gen-test-data__voluble__docker-compose.yml", "text after a closing quote"),
    ("compose/confluentinc__demo-scene/industry-themes__insurance_fraud_graphing__docker-compose.yml", "duplicate key"),
    ("compose/confluentinc__demo-scene/multi-cluster-connect-and-ksql__docker-compose.yml", "duplicate key"),
    ("compose/confluentinc__demo-scene/pipeline-to-the-cloud__docker-compose_auto-provision.yml", "duplicate key"),
    ("compose/coollabsio__coolify/templates__compose__dify.yaml", "coolify template syntax `${[A-Za-z_]…}` is invalid interpolation"),
    ("compose/coollabsio__coolify/templates__compose__signoz.yaml", "coolify template syntax `${env:…}` is invalid interpolation"),
    ("compose/coollabsio__coolify/templates__compose__forgejo-with-runner.yaml", "environment is neither a mapping nor a list"),
    ("compose/coollabsio__coolify/templates__compose__gramps-web.yaml", "volumes is not a list"),
    ("compose/runtipi__runtipi-appstore/apps__homepage__docker-compose.yml", "environment list item is not KEY=VALUE"),
    ("compose/vimagick__dockerfiles/calendso__docker-compose.yml", "`******` is read as an alias"),
    ("compose/vimagick__dockerfiles/openldap__docker-compose.yml", "`restart:` written under `services:`"),
];

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

fn files_of(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for owner in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(owner.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            out.push(f.path());
        }
    }
    out.sort();
    out
}

#[test]
fn corpus_never_panics_and_valid_files_get_no_correctness_findings() {
    let root = corpus_root();
    if !root.join("dockerfile").is_dir() {
        eprintln!("skipped: no corpus at {}", root.display());
        return;
    }
    let linter = Linter::new();
    let config = Config::default();
    let mut panics = Vec::new();
    let mut noise = Vec::new();
    let mut linted = 0;
    for (sub, kind) in [
        ("dockerfile", FileKind::Dockerfile),
        ("compose", FileKind::Compose),
    ] {
        for path in files_of(&root.join(sub)) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let rel = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .to_string_lossy()
                .to_string();
            let result = catch_unwind(AssertUnwindSafe(|| {
                linter.lint(&LintRequest {
                    path: &path,
                    text: &text,
                    kind,
                    config: &config,
                    extra: None,
                    files: &OsFileSource,
                    options: &LintOptions::default(),
                })
            }));
            linted += 1;
            let Ok(output) = result else {
                panics.push(rel);
                continue;
            };
            if KNOWN_INVALID.iter().any(|(p, _)| *p == rel) {
                continue;
            }
            for d in output
                .diagnostics
                .iter()
                .filter(|d| d.category == Category::Correctness)
                .filter(|d| PARSE_RULES.contains(&d.code))
            {
                // The corpus is flattened: files named by `extends.file` / `include` were not
                // copied, so "cannot read" is a fact about the copy, not about the file.
                if d.message.starts_with("cannot read") {
                    continue;
                }
                noise.push(format!(
                    "{rel}:{}:{} {} {}",
                    d.start.line, d.start.column, d.code, d.message
                ));
            }
        }
    }
    assert!(linted > 7000, "only {linted} corpus files were linted");
    assert!(panics.is_empty(), "panicked on:\n{}", panics.join("\n"));
    assert!(
        noise.is_empty(),
        "correctness findings on files Docker accepts:\n{}",
        noise.join("\n")
    );
}
