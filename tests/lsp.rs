//! End-to-end tests of `keelson lsp`: the real binary driven over stdio as an editor drives it.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

/// How long to wait for any one message before declaring the server stuck (a hang guard, not
/// a timing assertion).
const STUCK: Duration = Duration::from_secs(60);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: mpsc::Receiver<Value>,
    backlog: VecDeque<Value>,
    next_id: i64,
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
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_keelson"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start keelson lsp: {e}"));
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(v) = read_frame(&mut r) {
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            rx,
            backlog: VecDeque::new(),
            next_id: 1,
        }
    }

    fn send_raw(&mut self, body: &str) {
        let stdin = self
            .stdin
            .as_mut()
            .unwrap_or_else(|| panic!("stdin closed"));
        write!(stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body)
            .and_then(|()| stdin.flush())
            .unwrap_or_else(|e| panic!("cannot write to the server: {e}"));
    }

    fn send(&mut self, msg: &Value) {
        self.send_raw(&msg.to_string());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request_id(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The next message matching `pred`; others are kept for later waits.
    fn wait(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            if let Some(v) = self.backlog.remove(i) {
                return v;
            }
        }
        loop {
            let v = self
                .rx
                .recv_timeout(STUCK)
                .unwrap_or_else(|_| panic!("no {what} from the server"));
            if pred(&v) {
                return v;
            }
            self.backlog.push_back(v);
        }
    }

    fn response(&mut self, id: i64) -> Value {
        self.wait(&format!("response {id}"), |v| {
            v.get("id") == Some(&json!(id)) && v.get("method").is_none()
        })
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_id(method, params);
        let r = self.response(id);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    fn initialize(&mut self, root: &Path, options: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": {},
                "initializationOptions": options,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, path: &Path, language_id: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": language_id, "version": 1, "text": text}}),
        );
    }

    /// Sends `didChange` for `path` at `version` with `changes` (a list of content changes).
    fn change(&mut self, path: &Path, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(path), "version": version}, "contentChanges": changes}),
        );
    }

    /// The code actions offered for `range` of `path`, given `diagnostics` as context.
    fn code_actions(&mut self, path: &Path, range: &Value, diagnostics: Value) -> Value {
        self.request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri(path)}, "range": range, "context": {"diagnostics": diagnostics}}),
        )
    }

    /// The diagnostics published for `path` at `version`.
    fn diagnostics(&mut self, path: &Path, version: i64) -> Vec<Value> {
        let u = uri(path);
        let v = self.wait(&format!("diagnostics for {u} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == json!(u)
                && m["params"]["version"] == json!(version)
        });
        v["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn shutdown(mut self) -> Option<i32> {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.stdin = None;
        self.child.wait().ok().and_then(|s| s.code())
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("no temp dir: {e}"))
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// Canonical temp dir (macOS-style symlinked temp dirs would change the URIs).
fn root(dir: &tempfile::TempDir) -> PathBuf {
    dir.path()
        .canonicalize()
        .unwrap_or_else(|_| dir.path().to_path_buf())
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
}

fn find<'a>(diags: &'a [Value], code: &str) -> &'a Value {
    diags
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diags:?}"))
}

fn range(l0: u64, c0: u64, l1: u64, c1: u64) -> Value {
    json!({"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}})
}

/// Applies the LSP text edits of `edit` (a WorkspaceEdit) for `u` to `text`.
fn apply(text: &str, edit: &Value, u: &str) -> String {
    let edits = edit["changes"][u]
        .as_array()
        .cloned()
        .unwrap_or_else(|| panic!("no edits for {u} in {edit}"));
    let offset = |pos: &Value| -> usize {
        let line = pos["line"].as_u64().unwrap_or(0) as usize;
        let col = pos["character"].as_u64().unwrap_or(0) as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let rest = &text[start..];
        let mut units = 0;
        for (i, ch) in rest.char_indices() {
            if units >= col || ch == '\n' {
                return start + i;
            }
            units += ch.len_utf16();
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}

fn action<'a>(actions: &'a Value, title_start: &str) -> &'a Value {
    actions
        .as_array()
        .and_then(|a| {
            a.iter().find(|x| {
                x["title"]
                    .as_str()
                    .is_some_and(|t| t.starts_with(title_start))
            })
        })
        .unwrap_or_else(|| panic!("no action starting with {title_start:?} in {actions}"))
}

const SINGLE_QUOTES: &str = "FROM alpine:3.20\nUSER app\nCMD ['😀é', 'x']\n";

#[test]
fn initialize_advertises_incremental_sync_hover_code_actions_and_pull_diagnostics() {
    let dir = tempdir();
    let mut c = Client::start();
    let result = c.initialize(&root(&dir), json!({}));
    let caps = &result["capabilities"];
    assert_eq!(caps["textDocumentSync"]["change"], json!(2));
    assert_eq!(caps["textDocumentSync"]["openClose"], json!(true));
    assert_eq!(caps["hoverProvider"], json!(true));
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    assert_eq!(
        caps["diagnosticProvider"]["interFileDependencies"],
        json!(true)
    );
    assert_eq!(result["serverInfo"]["name"], json!("keelson"));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn did_open_publishes_diagnostics_with_utf16_ranges_code_links_and_severity() {
    let dir = tempdir();
    let path = root(&dir).join("Dockerfile");
    let mut c = Client::start();
    c.initialize(&root(&dir), json!({}));
    c.open(&path, "dockerfile", SINGLE_QUOTES);
    let diags = c.diagnostics(&path, 1);
    let d = find(&diags, "K811");
    // `CMD ['😀é', 'x']`: the array starts at column 4; the emoji is 2 UTF-16 units, so the
    // array's 11 characters are 12 units.
    assert_eq!(d["range"], range(2, 4, 2, 16));
    assert_eq!(d["source"], json!("keelson"));
    assert_eq!(d["severity"], json!(1));
    assert_eq!(
        d["codeDescription"]["href"],
        json!("https://github.com/keelson-lint/keelson/blob/main/rules/K811-exec-form-single-quotes/README.md")
    );
    assert!(d["message"]
        .as_str()
        .is_some_and(|m| m.contains("single quotes")));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn incremental_did_change_relints_the_edited_text() {
    let dir = tempdir();
    let path = root(&dir).join("Dockerfile");
    let mut c = Client::start();
    c.initialize(&root(&dir), json!({}));
    c.open(&path, "dockerfile", SINGLE_QUOTES);
    assert!(codes(&c.diagnostics(&path, 1)).contains(&"K811".to_string()));
    // Replace `['😀é', 'x']` (UTF-16 columns 4..16 of line 2) with an exec form that is JSON.
    c.change(
        &path,
        2,
        json!([{"range": range(2, 4, 2, 16), "text": "[\"😀é\", \"x\"]"}]),
    );
    let diags = c.diagnostics(&path, 2);
    assert!(!codes(&diags).contains(&"K811".to_string()), "{diags:?}");
    // A second incremental edit on the new text: the user is dropped, so K201 appears.
    c.change(&path, 3, json!([{"range": range(1, 0, 2, 0), "text": ""}]));
    let diags = c.diagnostics(&path, 3);
    assert!(codes(&diags).contains(&"K201".to_string()), "{diags:?}");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn code_action_fix_yields_the_fixed_text() {
    let dir = tempdir();
    let path = root(&dir).join("Dockerfile");
    let mut c = Client::start();
    c.initialize(&root(&dir), json!({}));
    c.open(&path, "dockerfile", SINGLE_QUOTES);
    let diags = c.diagnostics(&path, 1);
    let d = find(&diags, "K811").clone();
    let actions = c.code_actions(&path, &d["range"], json!([d]));
    let fix = actions
        .as_array()
        .and_then(|a| {
            a.iter()
                .find(|x| x["diagnostics"][0]["code"] == json!("K811"))
        })
        .unwrap_or_else(|| panic!("no K811 action in {actions}"));
    assert_eq!(fix["kind"], json!("quickfix"));
    assert_eq!(fix["isPreferred"], json!(true));
    let fixed = apply(SINGLE_QUOTES, &fix["edit"], &uri(&path));
    assert_eq!(fixed, "FROM alpine:3.20\nUSER app\nCMD [\"😀é\", \"x\"]\n");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn compose_fix_inserts_read_only_and_keeps_the_comments() {
    let dir = tempdir();
    let path = root(&dir).join("compose.yaml");
    let text = "services:\n  # the web tier\n  web:\n    image: nginx:1.27  # pinned\n";
    let mut c = Client::start();
    c.initialize(&root(&dir), json!({}));
    c.open(&path, "yaml", text);
    let diags = c.diagnostics(&path, 1);
    let d = find(&diags, "K501").clone();
    let actions = c.code_actions(&path, &d["range"], json!([d]));
    let fix = actions
        .as_array()
        .and_then(|a| {
            a.iter().find(|x| {
                x["isPreferred"] == json!(true) && x["diagnostics"][0]["code"] == json!("K501")
            })
        })
        .unwrap_or_else(|| panic!("no preferred K501 fix in {actions}"));
    let fixed = apply(text, &fix["edit"], &uri(&path));
    assert!(
        fixed.contains("# the web tier") && fixed.contains("# pinned"),
        "{fixed}"
    );
    assert!(fixed.contains("\n    read_only: true"), "{fixed}");
    assert_eq!(c.shutdown(), Some(0));
}

/// The lint on each edit leaves fixes out (K204 checks its fix by loading the edited file
/// again); a code action lints again with them.
#[test]
fn compose_fix_checked_by_reloading_is_offered_by_code_action() {
    let dir = tempdir();
    let path = root(&dir).join("compose.yaml");
    let text = "services:\n  web:\n    image: nginx:1.27\n    read_only: true\n";
    let mut c = Client::start();
    c.initialize(&root(&dir), json!({}));
    c.open(&path, "yaml", text);
    let diags = c.diagnostics(&path, 1);
    let d = find(&diags, "K204").clone();
    let actions = c.code_actions(&path, &d["range"], json!([d]));
    let fix = action(&actions, "add `no-new-privileges:true`");
    assert_eq!(fix["isPreferred"], json!(true));
    let fixed = apply(text, &fix["edit"], &uri(&path));
    assert_eq!(
        fixed,
        "services:\n  web:\n    image: nginx:1.27\n    security_opt: [\"no-new-privileges:true\"]\n    read_only: true\n"
    );
    assert_eq!(c.shutdown(), Some(0));
}

/// The diagnostics published for `path`, which is not open (no version), that match `pred`.
fn unversioned(c: &mut Client, path: &Path, pred: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let u = uri(path);
    let v = c.wait(&format!("diagnostics for {u}"), |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == json!(u)
            && m["params"]["version"].is_null()
            && pred(
                m["params"]["diagnostics"]
                    .as_array()
                    .map_or(&[], |a| a.as_slice()),
            )
    });
    v["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// A compose file's finding about a service it takes from an `extends` base is located in the
/// base file: it is published there (the base is not even open), and withdrawn when the compose
/// file stops extending it.
#[test]
fn finding_located_in_an_extends_base_is_published_to_the_base_file() {
    let dir = tempdir();
    let base = root(&dir).join("base.yaml");
    write(
        &base,
        "services:\n  base:\n    image: nginx:1.27\n    privileged: true\n",
    );
    let path = root(&dir).join("compose.yaml");
    let text = "services:\n  web:\n    extends:\n      file: base.yaml\n      service: base\n    read_only: true\n";
    let mut c = Client::start();
    c.initialize(&root(&dir), json!({}));
    c.open(&path, "yaml", text);
    let own = c.diagnostics(&path, 1);
    assert!(!codes(&own).contains(&"K203".to_string()), "{own:?}");
    let shown = unversioned(&mut c, &base, |d| !d.is_empty());
    let d = find(&shown, "K203");
    assert_eq!(d["range"], range(3, 16, 3, 20));
    assert!(
        d["message"]
            .as_str()
            .is_some_and(|m| m.contains("service `web`")),
        "{d}"
    );
    c.change(
        &path,
        2,
        json!([{"text": "services:\n  web:\n    image: nginx:1.27\n    read_only: true\n"}]),
    );
    c.diagnostics(&path, 2);
    let cleared = unversioned(&mut c, &base, |d| d.is_empty());
    assert!(cleared.is_empty());
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn ignore_here_inserts_an_indented_comment_that_silences_the_rule() {
    let dir = tempdir();
    let path = root(&dir).join("compose.yaml");
    let text =
        "services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    privileged: true\n";
    let mut c = Client::start();
    c.initialize(&root(&dir), json!({}));
    c.open(&path, "dockercompose", text);
    let diags = c.diagnostics(&path, 1);
    let d = find(&diags, "K203").clone();
    let actions = c.code_actions(&path, &d["range"], json!([d]));
    let ignore = action(&actions, "Ignore K203 (privileged-container) here");
    let edited = apply(text, &ignore["edit"], &uri(&path));
    assert_eq!(
        edited,
        "services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    # keelson-ignore: K203\n    privileged: true\n"
    );
    c.change(&path, 2, json!([{"text": edited}]));
    let diags = c.diagnostics(&path, 2);
    assert!(!codes(&diags).contains(&"K203".to_string()), "{diags:?}");
    assert!(!codes(&diags).contains(&"K901".to_string()), "{diags:?}");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn ignore_in_file_goes_after_the_parser_directives() {
    let dir = tempdir();
    let path = root(&dir).join("app.Dockerfile");
    let text = "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nUSER app\n  CMD ['a']\n";
    let mut c = Client::start();
    c.initialize(&root(&dir), json!({}));
    c.open(&path, "dockerfile", text);
    let diags = c.diagnostics(&path, 1);
    let d = find(&diags, "K811").clone();
    let actions = c.code_actions(&path, &d["range"], json!([]));
    let here = apply(
        text,
        &action(&actions, "Ignore K811 (exec-form-single-quotes) here")["edit"],
        &uri(&path),
    );
    assert_eq!(
        here,
        "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nUSER app\n  # keelson-ignore: K811\n  CMD ['a']\n"
    );
    let file = apply(
        text,
        &action(
            &actions,
            "Ignore K811 (exec-form-single-quotes) in this file",
        )["edit"],
        &uri(&path),
    );
    assert_eq!(
        file,
        "# syntax=docker/dockerfile:1\n# keelson-ignore-file: K811\nFROM alpine:3.20\nUSER app\n  CMD ['a']\n"
    );
    c.change(&path, 2, json!([{"text": file}]));
    let diags = c.diagnostics(&path, 2);
    assert!(!codes(&diags).contains(&"K811".to_string()), "{diags:?}");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn hover_on_a_diagnostic_shows_the_rule_docs() {
    let dir = tempdir();
    let path = root(&dir).join("Dockerfile");
    let mut c = Client::start();
    c.initialize(&root(&dir), json!({}));
    c.open(&path, "dockerfile", SINGLE_QUOTES);
    c.diagnostics(&path, 1);
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&path)}, "position": {"line": 2, "character": 6}}),
    );
    let value = hover["contents"]["value"].as_str().unwrap_or_default();
    assert_eq!(hover["contents"]["kind"], json!("markdown"));
    assert!(
        value.contains("K811") && value.contains("exec-form-single-quotes"),
        "{value}"
    );
    assert_eq!(hover["range"], range(2, 4, 2, 16));
    let nothing = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri(&path)}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(nothing, Value::Null);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn pull_diagnostics_match_the_pushed_ones_and_report_unchanged() {
    let dir = tempdir();
    let path = root(&dir).join("Dockerfile");
    let mut c = Client::start();
    c.initialize(&root(&dir), json!({}));
    c.open(&path, "dockerfile", SINGLE_QUOTES);
    let pushed = c.diagnostics(&path, 1);
    let pulled = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri(&path)}}),
    );
    assert_eq!(pulled["kind"], json!("full"));
    assert_eq!(pulled["items"], json!(pushed));
    let again = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri(&path)}, "previousResultId": pulled["resultId"]}),
    );
    assert_eq!(again["kind"], json!("unchanged"));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn push_can_be_turned_off_and_pull_still_works() {
    let dir = tempdir();
    let path = root(&dir).join("Dockerfile");
    let mut c = Client::start();
    c.initialize(&root(&dir), json!({"pushDiagnostics": false}));
    c.open(&path, "dockerfile", SINGLE_QUOTES);
    let pulled = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri(&path)}}),
    );
    assert!(codes(pulled["items"].as_array().map_or(&[][..], |v| v)).contains(&"K811".to_string()));
    assert!(
        !c.backlog
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "diagnostics were pushed"
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn malformed_and_out_of_order_messages_get_errors_and_the_server_keeps_serving() {
    let dir = tempdir();
    let path = root(&dir).join("Dockerfile");
    let mut c = Client::start();
    // A request before initialize.
    let early = c.request_id("textDocument/hover", json!({}));
    assert_eq!(c.response(early)["error"]["code"], json!(-32002));
    c.initialize(&root(&dir), json!({}));
    // Broken JSON: answered with a parse error (id null).
    c.send_raw("{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ");
    let err = c.wait("parse error", |v| v["error"]["code"] == json!(-32700));
    assert_eq!(err["id"], Value::Null);
    // Bad params and an unknown method.
    let bad = c.request_id("textDocument/hover", json!({"position": "nowhere"}));
    assert_eq!(c.response(bad)["error"]["code"], json!(-32602));
    let unknown = c.request_id("keelson/nothing", json!({}));
    assert_eq!(c.response(unknown)["error"]["code"], json!(-32601));
    // A change to a document that is not open, then one with an old version: ignored.
    c.change(&path, 5, json!([{"text": "FROM x\n"}]));
    c.open(&path, "dockerfile", SINGLE_QUOTES);
    assert!(codes(&c.diagnostics(&path, 1)).contains(&"K811".to_string()));
    c.change(&path, 1, json!([{"text": "FROM x\n"}]));
    // Still serving, with the text it had.
    let pulled = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri(&path)}}),
    );
    assert!(codes(pulled["items"].as_array().map_or(&[][..], |v| v)).contains(&"K811".to_string()));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_with_status_one() {
    let dir = tempdir();
    let mut c = Client::start();
    c.initialize(&root(&dir), json!({}));
    c.notify("exit", Value::Null);
    c.stdin = None;
    assert_eq!(c.child.wait().ok().and_then(|s| s.code()), Some(1));
}

#[test]
fn compose_file_sees_the_unsaved_text_of_an_open_dockerfile() {
    let dir = tempdir();
    let r = root(&dir);
    write(&r.join("Dockerfile"), "FROM alpine:3.20\nUSER app\n");
    let compose = r.join("compose.yaml");
    let text = "services:\n  app:\n    build: .\n    read_only: true\n";
    let mut c = Client::start();
    c.initialize(&r, json!({}));
    c.open(&compose, "yaml", text);
    assert!(!codes(&c.diagnostics(&compose, 1)).contains(&"K201".to_string()));
    // The editor drops USER from the Dockerfile without saving: the compose file's service
    // now runs as root.
    let dockerfile = r.join("Dockerfile");
    c.open(&dockerfile, "dockerfile", "FROM alpine:3.20\n");
    let diags = c.wait("compose re-lint", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == json!(uri(&compose))
            && codes(m["params"]["diagnostics"].as_array().map_or(&[][..], |v| v))
                .contains(&"K201".to_string())
    });
    assert_eq!(diags["params"]["version"], json!(1));
    // The finding on the service points at the Dockerfile's (unsaved) stage.
    let k201 = diags["params"]["diagnostics"]
        .as_array()
        .and_then(|a| a.iter().find(|d| d["code"] == "K201"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        k201["relatedInformation"][0]["location"]["uri"],
        json!(uri(&dockerfile)),
        "{k201}"
    );
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn keelson_toml_is_found_and_reread_when_it_changes() {
    let dir = tempdir();
    let r = root(&dir);
    let config = r.join("keelson.toml");
    write(&config, "ignore = [\"K811\"]\n");
    let path = r.join("Dockerfile");
    let mut c = Client::start();
    c.initialize(&r, json!({}));
    c.open(&path, "dockerfile", SINGLE_QUOTES);
    assert!(!codes(&c.diagnostics(&path, 1)).contains(&"K811".to_string()));
    write(&config, "ignore = []\n");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 2}]}),
    );
    let d = c.wait("diagnostics after the config change", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && codes(m["params"]["diagnostics"].as_array().map_or(&[][..], |v| v))
                .contains(&"K811".to_string())
    });
    assert_eq!(d["params"]["uri"], json!(uri(&path)));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn config_path_from_initialization_options_is_used() {
    let dir = tempdir();
    let r = root(&dir);
    write(&r.join("strict.toml"), "ignore = [\"K811\"]\n");
    let path = r.join("Dockerfile");
    let mut c = Client::start();
    c.initialize(&r, json!({"configPath": "strict.toml"}));
    c.open(&path, "dockerfile", SINGLE_QUOTES);
    let diags = c.diagnostics(&path, 1);
    assert!(!codes(&diags).contains(&"K811".to_string()), "{diags:?}");
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn yaml_that_is_not_a_compose_file_gets_no_diagnostics() {
    let dir = tempdir();
    let r = root(&dir);
    let values = r.join("values.yaml");
    let mut c = Client::start();
    c.initialize(&r, json!({}));
    c.open(&values, "yaml", "services:\n  web:\n    privileged: true\n");
    let pulled = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri(&values)}}),
    );
    assert_eq!(pulled["items"], json!([]));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn related_information_points_at_the_other_place() {
    let dir = tempdir();
    let r = root(&dir);
    let path = r.join("compose.yaml");
    let text = "services:\n  a:\n    image: nginx:1.27\n    ports:\n      - \"127.0.0.1:8080:80\"\n  b:\n    image: nginx:1.27\n    ports:\n      - \"127.0.0.1:8080:80\"\n";
    let mut c = Client::start();
    c.initialize(&r, json!({}));
    c.open(&path, "yaml", text);
    let diags = c.diagnostics(&path, 1);
    let d = find(&diags, "K605");
    assert_eq!(d["range"]["start"]["line"], json!(8), "{d}");
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], json!(uri(&path)), "{d}");
    assert_eq!(
        related["location"]["range"]["start"]["line"],
        json!(4),
        "{d}"
    );
    assert!(related["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_burst_of_edits_publishes_in_version_order_and_ends_with_the_last_text() {
    let dir = tempdir();
    let path = root(&dir).join("Dockerfile");
    let mut c = Client::start();
    c.initialize(&root(&dir), json!({}));
    c.open(&path, "dockerfile", SINGLE_QUOTES);
    c.diagnostics(&path, 1);
    // 50 edits without waiting: each toggles line 1 between `USER app` and `USER root`.
    for version in 2..=51 {
        let user = if version % 2 == 0 { "root" } else { "app!" };
        c.change(
            &path,
            version,
            json!([{"range": range(1, 5, 1, 9), "text": user}]),
        );
    }
    let last = c.diagnostics(&path, 51);
    // Version 51 is odd: `USER app!`, an unprivileged user, so no K201.
    assert!(!codes(&last).contains(&"K201".to_string()), "{last:?}");
    let published: Vec<i64> = c
        .backlog
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert!(
        published.windows(2).all(|w| w[0] < w[1]),
        "published out of order: {published:?}"
    );
    assert!(published.iter().all(|v| *v < 51), "{published:?}");
    let pulled = c.request(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri(&path)}}),
    );
    assert_eq!(pulled["items"], json!(last));
    assert_eq!(c.shutdown(), Some(0));
}
