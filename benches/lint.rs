//! Criterion benchmarks of the whole lint pipeline (parse, model, every default rule).
//!
//! `cargo bench -p keelson-core --bench lint`. Synthetic inputs always run; with
//! `../shared/corpus` beside the repository, the whole corpus is linted too.

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use keelson_core::{Config, FileKind, Linter};

/// A 1,000-line multi-stage Dockerfile exercising ARG/ENV, RUN, COPY, heredocs and USER.
fn big_dockerfile() -> String {
    let mut s = String::from("# syntax=docker/dockerfile:1\nARG BASE=debian:12-slim\n");
    let mut stage = 0;
    while s.lines().count() < 990 {
        let _ = writeln!(s, "FROM ${{BASE}} AS stage{stage}");
        let _ = writeln!(
            s,
            "ARG VERSION_{stage}=1.{stage}.0\nENV APP_HOME=/opt/app{stage} LOG_LEVEL=info"
        );
        let _ = writeln!(s, "RUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl=7.88.1-10 ca-certificates \\\n    && rm -rf /var/lib/apt/lists/*");
        let _ = writeln!(s, "COPY --chown=app:app src/ $APP_HOME/\nWORKDIR $APP_HOME");
        let _ = writeln!(s, "RUN <<EOF\nset -eu\necho building {stage}\nEOF");
        let _ = writeln!(s, "USER app\n");
        stage += 1;
    }
    s.push_str("CMD [\"/opt/app0/run\"]\n");
    s
}

/// A 500-line compose file with anchors, merge keys and both syntaxes.
fn big_compose() -> String {
    let mut s = String::from("x-base: &base\n  restart: unless-stopped\n  read_only: true\n  environment:\n    LOG_LEVEL: info\n\nservices:\n");
    let mut i = 0;
    while s.lines().count() < 495 {
        let _ = writeln!(
            s,
            "  svc{i}:\n    <<: *base\n    image: ghcr.io/acme/svc{i}:1.{i}.0\n    user: \"1000:1000\"\n    ports:\n      - \"127.0.0.1:{}:80\"\n    environment:\n      - DB_URL=postgres://db:5432/app\n      - API_TOKEN_FILE=/run/secrets/token\n    volumes:\n      - data{i}:/var/lib/svc\n    tmpfs:\n      - /tmp",
            8000 + i
        );
        i += 1;
    }
    s
}

fn corpus_files() -> Vec<(PathBuf, String, FileKind)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    let mut out = Vec::new();
    for (dir, kind) in [
        ("dockerfile", FileKind::Dockerfile),
        ("compose", FileKind::Compose),
    ] {
        let Ok(owners) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for owner in owners.flatten() {
            for f in std::fs::read_dir(owner.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                if let Ok(text) = std::fs::read_to_string(f.path()) {
                    out.push((f.path(), text, kind));
                }
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let linter = Linter::new();
    let config = Config::default();

    let dockerfile = big_dockerfile();
    let mut g = c.benchmark_group("lint");
    g.throughput(Throughput::Bytes(dockerfile.len() as u64));
    g.bench_function("dockerfile_1000_lines", |b| {
        b.iter(|| {
            linter.lint_str(
                black_box(&dockerfile),
                Path::new("Dockerfile"),
                FileKind::Dockerfile,
                &config,
            )
        })
    });
    let compose = big_compose();
    g.throughput(Throughput::Bytes(compose.len() as u64));
    g.bench_function("compose_500_lines", |b| {
        b.iter(|| {
            linter.lint_str(
                black_box(&compose),
                Path::new("compose.yaml"),
                FileKind::Compose,
                &config,
            )
        })
    });
    g.finish();

    let corpus = corpus_files();
    if !corpus.is_empty() {
        let bytes: usize = corpus.iter().map(|(_, t, _)| t.len()).sum();
        let mut g = c.benchmark_group("corpus");
        g.sample_size(10);
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function("all_files_one_thread", |b| {
            b.iter(|| {
                let mut n = 0;
                for (path, text, kind) in &corpus {
                    n += linter.lint_str(text, path, *kind, &config).len();
                }
                n
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
