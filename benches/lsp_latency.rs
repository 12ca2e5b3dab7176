//! Latency and memory of `keelson lsp`, measured by a small client over stdio (not a test).
//!
//! `cargo bench -p keelson-cli --bench lsp_latency` (or run the built bench binary). For a
//! 1,000-line Dockerfile and a 500-line compose file it sends 1,000 incremental `didChange`
//! edits, one at a time, and measures the time from writing each edit to reading the
//! `publishDiagnostics` for that version (p50/p99); then it reads the server's RSS
//! (`/proc/<pid>/status` VmRSS) before and after 10,000 more edits. When `docker-langserver` is
//! installed (`DOCKER_LANGSERVER`, or the peers' install under `~/.cache/peer-linters`), the same
//! Dockerfile edits are replayed against it for comparison.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Server {
    child: Child,
    stdin: ChildStdin,
    rx: mpsc::Receiver<Value>,
    /// keelson's own account of each push (`KEELSON_LSP_TIMING`): (version, server time).
    timings: Option<mpsc::Receiver<(i64, Duration)>>,
    next_id: i64,
}

/// Parses a `keelson-lsp: timing: URI version V published N us after the edit` line.
fn parse_timing(line: &str) -> Option<(i64, Duration)> {
    let rest = line.strip_prefix("keelson-lsp: timing: ")?;
    let mut words = rest.split_whitespace();
    let version = words
        .find(|w| *w == "version")
        .and(words.next())?
        .parse()
        .ok()?;
    let micros = words
        .find(|w| *w == "published")
        .and(words.next())?
        .parse()
        .ok()?;
    Some((version, Duration::from_micros(micros)))
}

fn read_frame(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            if len.is_some() {
                break;
            }
            continue;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Server {
    /// Starts a server; with `timed`, asks keelson to report its server time on stderr.
    fn start(program: &str, args: &[&str], timed: bool) -> Option<Server> {
        let mut command = Command::new(program);
        command
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(if timed { Stdio::piped() } else { Stdio::null() });
        if timed {
            command.env("KEELSON_LSP_TIMING", "1");
        }
        let mut child = command.spawn().ok()?;
        let timings = match child.stderr.take() {
            Some(stderr) => {
                let (tx, rx) = mpsc::channel();
                std::thread::spawn(move || {
                    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                        if let Some(t) = parse_timing(&line) {
                            if tx.send(t).is_err() {
                                return;
                            }
                        }
                    }
                });
                Some(rx)
            }
            None => None,
        };
        let stdout = child.stdout.take()?;
        let stdin = child.stdin.take()?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_frame(&mut r) {
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Some(Server {
            child,
            stdin,
            rx,
            timings,
            next_id: 1,
        })
    }

    fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        let _ = write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body);
        let _ = self.stdin.flush();
    }

    /// The next message matching `pred`, answering server-to-client requests with null.
    fn wait(&mut self, pred: impl Fn(&Value) -> bool) -> Option<Value> {
        loop {
            let m = self.rx.recv_timeout(Duration::from_secs(60)).ok()?;
            if m.get("id").is_some() && m.get("method").is_some() {
                let id = m["id"].clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
                continue;
            }
            if pred(&m) {
                return Some(m);
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Option<Value> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m.get("id") == Some(&json!(id)))
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn rss_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))?
            .split_whitespace()
            .next()?
            .parse()
            .ok()
    }

    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        std::thread::sleep(Duration::from_millis(100));
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A 1,000-line Dockerfile: stages of ordinary instructions with a few findings.
fn dockerfile() -> String {
    let mut out = String::from("# syntax=docker/dockerfile:1\nARG BASE=alpine:3.20\n");
    let mut stage = 0;
    while out.lines().count() < 1000 {
        out.push_str(&format!("FROM ${{BASE}} AS stage{stage}\n"));
        out.push_str("ENV APP_HOME=/srv/app LANG=C.UTF-8\nWORKDIR /srv/app\n");
        for i in 0..12 {
            out.push_str(&format!(
                "RUN apk add --no-cache curl-{i} && \\\n    echo step {i} > /tmp/step{i}\n"
            ));
        }
        out.push_str(&format!(
            "COPY --from=stage{} /srv/app /srv/app\nUSER 10001\nCMD [\"/srv/app/run\", \"--port\", \"80{stage:02}\"]\n",
            stage.max(1) - 1
        ));
        stage += 1;
    }
    out.lines().take(1000).collect::<Vec<_>>().join("\n") + "\n"
}

/// A 500-line compose file: 50 services of 10 lines.
fn compose() -> String {
    let mut out = String::from("services:\n");
    let mut i = 0;
    while out.lines().count() < 500 {
        out.push_str(&format!(
            "  svc{i}:\n    image: registry.example.com/team/app{i}:1.{i}\n    read_only: true\n    user: \"10001\"\n    ports:\n      - \"127.0.0.1:{}:80\"\n    environment:\n      LOG_LEVEL: info\n    mem_limit: 256m\n",
            9000 + i
        ));
        i += 1;
    }
    out.lines().take(500).collect::<Vec<_>>().join("\n") + "\n"
}

struct Run {
    latencies: Vec<Duration>,
    /// The server's own time for the same edits, when it reports it (sorted).
    server: Vec<Duration>,
    rss_before: Option<u64>,
    rss_after: Option<u64>,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// A document to edit: its path, language id and text, and where the edited digit is.
struct Case<'a> {
    path: String,
    language_id: &'a str,
    text: &'a str,
    line: u32,
    col: u32,
}

/// Opens the case's text, then sends `edits` single-character edits (cycling the digit at
/// `line`:`col`), waiting for each version's diagnostics; then `soak` more edits for RSS.
fn drive(
    server: &mut Server,
    case: &Case<'_>,
    edits: usize,
    soak: usize,
    versioned: bool,
) -> Option<Run> {
    let (path, language_id, text, line, col) =
        (&case.path, case.language_id, case.text, case.line, case.col);
    let uri = format!("file://{path}");
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": true}}}}),
    )?;
    server.notify("initialized", json!({}));
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": language_id, "version": 1, "text": text}}),
    );
    server.wait(|m| m["method"] == "textDocument/publishDiagnostics")?;
    let mut version = 1;
    let edit = |server: &mut Server, version: i64| -> Option<Duration> {
        let digit = (version % 10).to_string();
        let start = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}}, "text": digit}],
            }),
        );
        server.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == json!(uri)
                && (!versioned || m["params"]["version"] == json!(version))
        })?;
        Some(start.elapsed())
    };
    let mut latencies = Vec::with_capacity(edits);
    for _ in 0..edits {
        version += 1;
        latencies.push(edit(server, version)?);
    }
    let rss_before = server.rss_kib();
    for _ in 0..soak {
        version += 1;
        edit(server, version)?;
    }
    let rss_after = server.rss_kib();
    latencies.sort();
    // The server's account of the measured edits (versions 2..=edits+1), not of the soak.
    let mut server_times: Vec<Duration> = server
        .timings
        .as_ref()
        .map(|rx| {
            rx.try_iter()
                .filter(|(v, _)| (2..=edits as i64 + 1).contains(v))
                .map(|(_, d)| d)
                .collect()
        })
        .unwrap_or_default();
    server_times.sort();
    Some(Run {
        latencies,
        server: server_times,
        rss_before,
        rss_after,
    })
}

fn report(name: &str, run: &Run, soak: usize) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name}: {} edits, didChange -> publishDiagnostics p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        run.latencies.len(),
        ms(percentile(&run.latencies, 0.50)),
        ms(percentile(&run.latencies, 0.99)),
        ms(percentile(&run.latencies, 1.0)),
    );
    if !run.server.is_empty() {
        println!(
            "{name}: server time (edit applied -> diagnostics sent, {} edits) p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
            run.server.len(),
            ms(percentile(&run.server, 0.50)),
            ms(percentile(&run.server, 0.99)),
            ms(percentile(&run.server, 1.0)),
        );
    }
    if soak > 0 {
        let kib =
            |v: Option<u64>| v.map_or("?".to_string(), |k| format!("{:.1} MiB", k as f64 / 1024.0));
        println!(
            "{name}: RSS before {} -> after {soak} more edits {}",
            kib(run.rss_before),
            kib(run.rss_after)
        );
    }
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let edits: usize = std::env::var("LSP_BENCH_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let soak: usize = std::env::var("LSP_BENCH_SOAK")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = std::env::temp_dir().join(format!("keelson-lsp-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let df_path = dir.join("Dockerfile");
    let compose_path = dir.join("compose.yaml");
    let df = dockerfile();
    let cf = compose();
    let _ = std::fs::write(&df_path, &df);
    let _ = std::fs::write(&compose_path, &cf);
    let keelson = env!("CARGO_BIN_EXE_keelson");
    // The edited digit: the `0` of `stage0` on line 2 of the Dockerfile, the tag of svc0 in compose.
    let dockerfile_case = Case {
        path: df_path.display().to_string(),
        language_id: "dockerfile",
        text: &df,
        line: 2,
        col: 21,
    };
    let compose_case = Case {
        path: compose_path.display().to_string(),
        language_id: "yaml",
        text: &cf,
        line: 2,
        col: 44,
    };
    let cases = [
        ("keelson Dockerfile (1,000 lines)", &dockerfile_case),
        ("keelson compose (500 lines)", &compose_case),
    ];
    for (name, case) in cases {
        let Some(mut server) = Server::start(keelson, &["lsp"], true) else {
            eprintln!("cannot start {keelson} lsp");
            return;
        };
        match drive(&mut server, case, edits, soak, true) {
            Some(run) => report(name, &run, soak),
            None => eprintln!("{name}: the server stopped answering"),
        }
        server.stop();
    }
    let peer = std::env::var("DOCKER_LANGSERVER")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default())
                .join(".cache/peer-linters/node/node_modules/.bin/docker-langserver")
        });
    if peer.exists() {
        if let Some(mut server) = Server::start(&peer.display().to_string(), &["--stdio"], false) {
            let name = "docker-langserver Dockerfile (1,000 lines)";
            match drive(&mut server, &dockerfile_case, edits, 0, false) {
                Some(run) => report(name, &run, 0),
                None => eprintln!("{name}: the server stopped answering"),
            }
            server.stop();
        }
    } else {
        println!(
            "docker-langserver not found ({}); no comparison",
            peer.display()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
