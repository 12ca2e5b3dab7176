//! Project-level tests over in-memory file trees.

use std::path::Path;

use super::*;
use crate::fs::{MemoryFileSource, NoFiles};

fn load(src: &str) -> ComposeProject {
    ComposeProject::load(
        Path::new("/p/compose.yaml"),
        src,
        &NoFiles,
        &ComposeOptions::default(),
    )
}

fn load_tree(main: &str, files: &[(&str, &str)]) -> ComposeProject {
    let mut fs = MemoryFileSource::new();
    for (p, t) in files {
        fs.insert(*p, *t);
    }
    let text = fs
        .read_to_string_for_test(main)
        .unwrap_or_else(|| panic!("no {main}"));
    ComposeProject::load(Path::new(main), &text, &fs, &ComposeOptions::default())
}

trait ReadForTest {
    fn read_to_string_for_test(&self, p: &str) -> Option<String>;
}

impl ReadForTest for MemoryFileSource {
    fn read_to_string_for_test(&self, p: &str) -> Option<String> {
        use crate::fs::FileSource;
        self.read_to_string(Path::new(p))
            .ok()
            .map(|s| s.to_string())
    }
}

fn kinds(p: &ComposeProject) -> Vec<IssueKind> {
    p.issues.iter().map(|i| i.kind).collect()
}

fn svc<'a>(p: &'a ComposeProject, name: &str) -> &'a ComposeService {
    p.service(name)
        .unwrap_or_else(|| panic!("no service {name}; issues: {:?}", p.issues))
}

#[test]
fn privileged_yes_is_true_and_locations_are_exact() {
    let src = "services:\n  web:\n    image: nginx\n    privileged: yes\n";
    let p = load(src);
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    let web = svc(&p, "web");
    assert_eq!(p.text(web.key_loc), "web");
    let flag = web.privileged.as_ref().expect("privileged");
    assert_eq!(flag.value, Truth::True);
    assert_eq!(p.text(flag.loc), "yes");
    assert_eq!(
        p.line_col(flag.loc).map(|lc| (lc.line, lc.column)),
        Some((4, 17))
    );
    assert_eq!(web.image.as_ref().map(Text::as_str), Some("nginx"));
    assert!(web.read_only.is_none());
}

#[test]
fn read_only_string_true_and_unresolved_variable_is_unknown() {
    let src = "services:\n  a:\n    read_only: \"true\"\n    privileged: ${PRIV}\n  b:\n    privileged: ${PRIV:-false}\n";
    let p = load(src);
    let a = svc(&p, "a");
    assert_eq!(a.read_only.as_ref().map(|f| f.value), Some(Truth::True));
    let pa = a.privileged.as_ref().expect("privileged");
    assert_eq!(pa.value, Truth::Unknown);
    let text = pa.text.as_ref().expect("text");
    assert_eq!(text.refs()[0].name, "PRIV");
    assert_eq!(p.text(text.loc_of(text.refs()[0].span)), "${PRIV}");
    let b = svc(&p, "b");
    assert_eq!(b.privileged.as_ref().map(|f| f.value), Some(Truth::False));
    // Unresolved variables are records, not issues.
    assert!(p.issues.is_empty(), "{:?}", p.issues);
}

#[test]
fn read_only_from_an_anchor_points_at_the_anchor_and_the_merge() {
    let src = "x-base: &base\n  read_only: true\n  privileged: true\nservices:\n  web:\n    <<: *base\n    image: app\n";
    let p = load(src);
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    let web = svc(&p, "web");
    let ro = web.read_only.as_ref().expect("read_only");
    assert!(ro.is_true());
    assert_eq!(p.line_col(ro.loc).map(|l| l.line), Some(2));
    let via = ro.via.expect("via");
    assert_eq!(p.text(via), "*base");
    assert_eq!(p.line_col(via).map(|l| l.line), Some(6));
    assert_eq!(p.line_col(web.key_loc).map(|l| l.line), Some(5));
    // x- fields are not services.
    assert_eq!(p.services.len(), 1);
    assert!(p.top_level("x-base").is_some());
}

#[test]
fn interpolation_with_dotenv_and_explicit_environment() {
    let mut fs = MemoryFileSource::new();
    fs.insert("/p/.env", "TAG=1.2\nTOKEN=from-dotenv\n");
    let src = "services:\n  app:\n    image: \"app:${TAG}\"\n    environment:\n      TOKEN: ${TOKEN:-ghp_default}\n      OTHER: $$LITERAL\n";
    let mut options = ComposeOptions::default();
    options.environment.insert("TOKEN", "from-env");
    let p = ComposeProject::load(Path::new("/p/compose.yaml"), src, &fs, &options);
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    let app = svc(&p, "app");
    let image = app.image.as_ref().expect("image");
    assert_eq!(image.value, "app:1.2");
    assert_eq!(image.raw, "app:${TAG}");
    match image.refs()[0].origin {
        Some(VarOrigin::EnvFile(loc)) => assert_eq!(p.text(loc), "TAG=1.2"),
        other => panic!("origin {other:?}"),
    }
    let token = app
        .env("TOKEN")
        .and_then(|kv| kv.value.as_ref())
        .expect("TOKEN");
    assert_eq!(token.value, "from-env");
    let arg = token.refs()[0].argument.as_ref().expect("default");
    assert_eq!(arg.raw, "ghp_default");
    assert_eq!(p.text(token.loc_of(arg.span)), "ghp_default");
    assert_eq!(
        app.env("OTHER")
            .and_then(|kv| kv.value.as_ref())
            .map(Text::as_str),
        Some("$LITERAL")
    );
    assert_eq!(p.files.len(), 2);
    assert_eq!(p.files[1].role, FileRole::EnvFile);
}

#[test]
fn required_variable_is_an_issue() {
    let p = load("services:\n  a:\n    image: ${IMAGE:?IMAGE must be set}\n");
    assert_eq!(kinds(&p), [IssueKind::RequiredVariable]);
    assert_eq!(p.text(p.issues[0].loc), "${IMAGE:?IMAGE must be set}");
}

#[test]
fn environment_labels_and_args_in_both_syntaxes() {
    let src = "services:\n  a:\n    environment:\n      - A=1\n      - FROM_ENV\n    labels:\n      com.x: \"y\"\n    build:\n      context: .\n      args:\n        - VERSION=3\n";
    let p = load(src);
    let a = svc(&p, "a");
    assert_eq!(a.environment.len(), 2);
    assert_eq!(p.text(a.environment[0].key_loc), "A");
    assert_eq!(
        a.environment[0].value.as_ref().map(|v| p.text(v.loc)),
        Some("1")
    );
    assert!(a.environment[1].value.is_none());
    assert_eq!(a.labels[0].key, "com.x");
    let build = a.build.as_ref().expect("build");
    assert_eq!(build.args[0].key, "VERSION");
    assert_eq!(build.context.as_ref().map(Text::as_str), Some("."));
}

#[test]
fn ports_both_syntaxes() {
    let src = "services:\n  a:\n    ports:\n      - \"127.0.0.1:8080:80/tcp\"\n      - 3000-3001:3000-3001\n      - \"[::1]:53:53/udp\"\n      - 9000\n      - target: 443\n        published: \"8443\"\n        host_ip: 0.0.0.0\n        mode: host\n";
    let p = load(src);
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    let ports = &svc(&p, "a").ports;
    assert_eq!(ports.len(), 5);
    assert_eq!(ports[0].host_ip.as_deref(), Some("127.0.0.1"));
    assert_eq!(ports[0].published.as_deref(), Some("8080"));
    assert_eq!(ports[0].protocol.as_deref(), Some("tcp"));
    assert!(!ports[0].binds_all_interfaces());
    assert_eq!(p.text(ports[0].loc), "\"127.0.0.1:8080:80/tcp\"");
    assert_eq!(
        ports[1].published_range,
        Some(PortRange {
            start: 3000,
            end: 3001
        })
    );
    assert_eq!(ports[2].host_ip.as_deref(), Some("::1"));
    assert_eq!(ports[3].target.as_deref(), Some("9000"));
    assert!(ports[3].published.is_none());
    assert_eq!(ports[4].target.as_deref(), Some("443"));
    assert_eq!(ports[4].mode.as_deref(), Some("host"));
    assert!(ports[4].binds_all_interfaces());
    assert_eq!(p.line_col(ports[4].loc).map(|l| l.line), Some(8));
}

#[test]
fn ports_as_a_string_is_a_wrong_type() {
    let p = load("services:\n  a:\n    ports: \"80:80\"\n");
    assert_eq!(kinds(&p), [IssueKind::WrongType]);
    assert_eq!(p.text(p.issues[0].loc), "\"80:80\"");
}

#[test]
fn volumes_both_syntaxes() {
    let src = "services:\n  a:\n    volumes:\n      - ./src:/app:ro,z\n      - data:/var/lib/data\n      - ~/.ssh:/root/.ssh\n      - /var/run/docker.sock:/var/run/docker.sock\n      - /anon\n      - type: bind\n        source: /etc\n        target: /host-etc\n        read_only: true\n        bind:\n          propagation: rshared\n      - type: tmpfs\n        target: /tmp\n        tmpfs:\n          mode: 1777\n";
    let p = load(src);
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    let v = &svc(&p, "a").volumes;
    assert_eq!(v.len(), 7);
    assert_eq!(v[0].kind, VolumeKind::Bind);
    assert_eq!(v[0].read_only, Truth::True);
    assert_eq!(v[0].selinux.as_deref(), Some("z"));
    assert_eq!(p.text(v[0].loc), "./src:/app:ro,z");
    assert_eq!(v[1].kind, VolumeKind::Volume);
    assert_eq!(v[2].kind, VolumeKind::Bind);
    assert_eq!(v[3].source.as_deref(), Some("/var/run/docker.sock"));
    assert!(v[3].is_writable());
    assert_eq!(
        (v[4].source.as_deref(), v[4].target.as_deref()),
        (None, Some("/anon"))
    );
    assert_eq!(v[5].kind, VolumeKind::Bind);
    assert_eq!(v[5].propagation.as_deref(), Some("rshared"));
    assert_eq!(v[5].read_only, Truth::True);
    assert_eq!(p.line_col(v[5].loc).map(|l| l.line), Some(9));
}

#[test]
fn secrets_configs_build_and_more() {
    let src = "services:\n  a:\n    build: ./dir\n    secrets:\n      - db_pw\n      - source: api\n        target: /run/api\n        mode: 0400\n    configs: [cfg]\n    cap_add: [NET_ADMIN]\n    cap_drop: [ALL]\n    security_opt: [\"no-new-privileges:true\"]\n    network_mode: host\n    pid: host\n    user: \"0:0\"\n    tmpfs: /run\n    command: [\"sh\", \"-c\", \"echo\"]\n    entrypoint: /bin/sh -c\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n      interval: 30s\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: \"0.5\"\n    pids_limit: 100\n    logging:\n      driver: json-file\n      options:\n        max-size: 10m\n    sysctls:\n      - net.core.somaxconn=1024\n    profiles: [debug]\n    devices: [\"/dev/ttyUSB0:/dev/ttyUSB0:rwm\"]\n    init: true\n    restart: always\n    networks:\n      front:\n        aliases: [web]\n    expose: [\"3000\"]\n    env_file:\n      - .env.local\n      - path: ./opt.env\n        required: false\n    stop_signal: SIGTERM\n";
    let p = load(src);
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    let a = svc(&p, "a");
    assert_eq!(
        a.build
            .as_ref()
            .and_then(|b| b.context.as_ref())
            .map(Text::as_str),
        Some("./dir")
    );
    assert_eq!(a.secrets.len(), 2);
    assert_eq!(
        a.secrets[1].target.as_ref().map(Text::as_str),
        Some("/run/api")
    );
    assert_eq!(a.configs.len(), 1);
    assert_eq!(a.cap_add[0].value, "NET_ADMIN");
    assert_eq!(a.cap_drop[0].value, "ALL");
    assert_eq!(a.security_opt[0].value, "no-new-privileges:true");
    assert_eq!(a.network_mode.as_ref().map(Text::as_str), Some("host"));
    assert_eq!(a.pid.as_ref().map(Text::as_str), Some("host"));
    assert_eq!(a.user.as_ref().map(Text::as_str), Some("0:0"));
    assert_eq!(a.tmpfs.len(), 1);
    let cmd = a.command.as_ref().expect("command");
    assert!(!cmd.shell_form);
    assert_eq!(cmd.args.len(), 3);
    assert!(a.entrypoint.as_ref().is_some_and(|e| e.shell_form));
    let hc = a.healthcheck.as_ref().expect("healthcheck");
    assert!(!hc.is_disabled());
    assert_eq!(a.memory_limit().map(Text::as_str), Some("512M"));
    assert_eq!(a.cpu_limit().map(Text::as_str), Some("0.5"));
    assert_eq!(a.pids_limit_value().map(Text::as_str), Some("100"));
    assert_eq!(
        a.logging
            .as_ref()
            .and_then(|l| l.driver.as_ref())
            .map(Text::as_str),
        Some("json-file")
    );
    assert_eq!(a.sysctls[0].key, "net.core.somaxconn");
    assert_eq!(a.profiles[0].value, "debug");
    assert_eq!(a.devices[0].permissions.as_deref(), Some("rwm"));
    assert!(a.init.as_ref().is_some_and(Flag::is_true));
    assert_eq!(a.networks[0].name, "front");
    assert_eq!(a.networks[0].aliases[0].value, "web");
    assert_eq!(a.env_file.len(), 2);
    assert_eq!(
        a.env_file[1].required.as_ref().map(|f| f.value),
        Some(Truth::False)
    );
    assert_eq!(
        a.raw("stop_signal").and_then(Value::as_str),
        Some("SIGTERM")
    );
    assert_eq!(
        a.key_of("stop_signal").map(|l| p.text(l)),
        Some("stop_signal")
    );
}

#[test]
fn extends_in_the_same_file() {
    let src = "services:\n  base:\n    image: busybox\n    user: root\n    cap_add: [NET_ADMIN]\n    environment:\n      TZ: utc\n      PORT: 80\n  common:\n    extends: base\n    cap_add: [SYS_TIME]\n  cli:\n    extends:\n      service: common\n    environment:\n      PORT: 8080\n";
    let p = load(src);
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    let cli = svc(&p, "cli");
    let user = cli.user.as_ref().expect("user from base");
    assert_eq!(user.value, "root");
    assert_eq!(p.line_col(user.loc).map(|l| l.line), Some(4));
    assert_eq!(user.via.map(|v| p.text(v)), Some("extends"));
    let caps: Vec<&str> = cli.cap_add.iter().map(Text::as_str).collect();
    assert_eq!(caps, ["NET_ADMIN", "SYS_TIME"]);
    assert_eq!(
        cli.env("PORT")
            .and_then(|e| e.value.as_ref())
            .map(Text::as_str),
        Some("8080")
    );
    assert_eq!(
        cli.env("TZ")
            .and_then(|e| e.value.as_ref())
            .map(Text::as_str),
        Some("utc")
    );
    let ext = cli.extends.as_ref().expect("extends");
    assert_eq!(ext.service.as_ref().map(Text::as_str), Some("common"));
    assert_eq!(ext.base_key_loc.map(|l| p.text(l)), Some("common"));
    assert_eq!(p.text(cli.key_loc), "cli");
}

#[test]
fn extends_another_file_relative_to_the_extending_file() {
    let p = load_tree(
        "/p/compose.yaml",
        &[
            (
                "/p/compose.yaml",
                "services:\n  web:\n    extends:\n      file: ./common/base.yml\n      service: app\n    image: web\n",
            ),
            (
                "/p/common/base.yml",
                "services:\n  app:\n    extends:\n      file: ../root.yml\n      service: root\n    read_only: true\n",
            ),
            ("/p/root.yml", "services:\n  root:\n    privileged: true\n"),
        ],
    );
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    let web = svc(&p, "web");
    let priv_ = web.privileged.as_ref().expect("privileged");
    assert!(priv_.is_true());
    let file = p.file(priv_.loc.file).expect("file");
    assert_eq!(file.path, Path::new("/p/root.yml"));
    assert_eq!(file.role, FileRole::Extends);
    assert!(web.read_only.as_ref().is_some_and(Flag::is_true));
    assert_eq!(web.image.as_ref().map(Text::as_str), Some("web"));
    assert_eq!(p.services.len(), 1);
}

#[test]
fn extends_errors() {
    let p = load(
        "services:\n  a:\n    extends: b\n  b:\n    extends: a\n  c:\n    extends: nope\n  d:\n    extends:\n      file: missing.yml\n      service: x\n",
    );
    let k = kinds(&p);
    assert!(k.contains(&IssueKind::ExtendsCycle), "{k:?}");
    assert!(k.contains(&IssueKind::ExtendsMissingService), "{k:?}");
    assert!(k.contains(&IssueKind::MissingFile), "{k:?}");
    assert_eq!(p.services.len(), 4);
}

#[test]
fn include_short_and_long_syntax_with_own_env() {
    let p = load_tree(
        "/p/compose.yaml",
        &[
            (
                "/p/compose.yaml",
                "include:\n  - ./db/compose.yaml\n  - path: ../shared/cache.yaml\n    env_file: ../shared/cache.env\nservices:\n  web:\n    image: web\n",
            ),
            (
                "/p/db/compose.yaml",
                "services:\n  db:\n    image: \"postgres:${PG_TAG}\"\nvolumes:\n  data: {}\n",
            ),
            ("/p/db/.env", "PG_TAG=16\n"),
            ("/shared/cache.yaml", "services:\n  cache:\n    image: \"redis:${R}\"\n"),
            ("/shared/cache.env", "R=7\n"),
        ],
    );
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    let names: Vec<&str> = p.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["web", "db", "cache"]);
    assert_eq!(
        svc(&p, "db").image.as_ref().map(Text::as_str),
        Some("postgres:16")
    );
    assert_eq!(
        svc(&p, "cache").image.as_ref().map(Text::as_str),
        Some("redis:7")
    );
    assert!(p.top_level("volumes").and_then(|v| v.get("data")).is_some());
    assert_eq!(p.included_files.len(), 2);
    let db_file = p.file(svc(&p, "db").key_loc.file).expect("file");
    assert_eq!(db_file.role, FileRole::Include);
}

#[test]
fn include_conflicts_and_cycles() {
    let p = load_tree(
        "/p/compose.yaml",
        &[
            (
                "/p/compose.yaml",
                "include:\n  - other.yaml\n  - missing.yaml\nservices:\n  web:\n    image: mine\n",
            ),
            (
                "/p/other.yaml",
                "include: [compose.yaml]\nservices:\n  web:\n    image: theirs\n",
            ),
        ],
    );
    let k = kinds(&p);
    assert!(k.contains(&IssueKind::IncludeConflict), "{k:?}");
    assert!(k.contains(&IssueKind::IncludeCycle), "{k:?}");
    assert!(k.contains(&IssueKind::MissingFile), "{k:?}");
    assert_eq!(
        svc(&p, "web").image.as_ref().map(Text::as_str),
        Some("mine")
    );
}

#[test]
fn override_file_is_merged_with_reset_and_override() {
    let p = load_tree(
        "/p/compose.yaml",
        &[
            (
                "/p/compose.yaml",
                "services:\n  app:\n    image: myapp\n    ports:\n      - \"8080:80\"\n    environment:\n      FOO: BAR\n      KEEP: yes\n    command: [\"a\", \"b\"]\n    cap_add: [NET_ADMIN]\n",
            ),
            (
                "/p/compose.override.yaml",
                "services:\n  app:\n    ports: !reset []\n    environment:\n      FOO: !reset null\n    command: [\"c\"]\n    cap_add: !override [CHOWN]\n    privileged: true\n  debug:\n    image: busybox\n",
            ),
        ],
    );
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    assert_eq!(p.merged_files.len(), 2);
    assert_eq!(p.files[p.merged_files[1].index()].role, FileRole::Override);
    let app = svc(&p, "app");
    assert!(app.ports.is_empty());
    assert!(app.env("FOO").is_none());
    assert!(app.env("KEEP").is_some());
    assert_eq!(app.command.as_ref().map(|c| c.args.len()), Some(1));
    assert_eq!(app.cap_add.len(), 1);
    assert_eq!(app.cap_add[0].value, "CHOWN");
    let pr = app.privileged.as_ref().expect("privileged");
    assert_eq!(pr.loc.file, p.merged_files[1]);
    assert_eq!(app.key_loc.file, p.merged_files[0]);
    assert_eq!(svc(&p, "debug").key_loc.file, p.merged_files[1]);
}

#[test]
fn override_is_only_for_default_names() {
    let mut fs = MemoryFileSource::new();
    fs.insert(
        "/p/compose.override.yaml",
        "services:\n  x:\n    image: y\n",
    );
    let p = ComposeProject::load(
        Path::new("/p/compose.prod.yaml"),
        "services:\n  a:\n    image: b\n",
        &fs,
        &ComposeOptions::default(),
    );
    assert_eq!(p.merged_files.len(), 1);
    assert_eq!(p.services.len(), 1);
}

#[test]
fn duplicates_syntax_errors_and_documents() {
    let p = load("services:\n  a:\n    image: x\n    image: y\n");
    assert_eq!(kinds(&p), [IssueKind::DuplicateKey]);
    assert_eq!(p.line_col(p.issues[0].loc).map(|l| l.line), Some(4));
    assert_eq!(
        p.issues[0]
            .related
            .and_then(|l| p.line_col(l))
            .map(|l| l.line),
        Some(3)
    );
    let p = load("services:\n  a:\n    image: [x\n  b: {}\n");
    assert!(kinds(&p).contains(&IssueKind::YamlSyntax), "{:?}", p.issues);
    let p = load("services:\n  a: {image: x}\n---\nservices:\n  a: {user: root}\n");
    assert_eq!(kinds(&p), [IssueKind::MultipleDocuments]);
    let a = svc(&p, "a");
    assert!(a.image.is_some() && a.user.is_some());
}

#[test]
fn billion_laughs_is_an_issue_not_an_oom() {
    let mut src = String::from(
        "x-a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let mut prev = "a".to_string();
    for i in 0..9 {
        let n = format!("n{i}");
        src.push_str(&format!(
            "x-{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    src.push_str(&format!("services:\n  a:\n    command: *{prev}\n"));
    let p = load(&src);
    assert!(
        kinds(&p).contains(&IssueKind::AliasBudget),
        "{:?}",
        p.issues
    );
}

#[test]
fn non_mapping_documents_and_services() {
    let p = load("- a\n- b\n");
    assert_eq!(kinds(&p), [IssueKind::NotAComposeFile]);
    let p = load("services:\n  a: [x]\n  b:\n");
    assert_eq!(kinds(&p), [IssueKind::WrongType]);
    assert_eq!(p.services.len(), 1);
    let p = load("");
    assert!(p.issues.is_empty());
    assert!(p.services.is_empty());
}

#[test]
fn profiles_are_kept() {
    let p = load("services:\n  a:\n    profiles: [debug, test]\n  b: {}\n");
    assert!(svc(&p, "a").has_profiles());
    assert!(!svc(&p, "b").has_profiles());
}

#[test]
fn merge_key_bomb_is_bounded() {
    let mut src = String::from("x-0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8}\n");
    for i in 1..12 {
        let p = i - 1;
        src.push_str(&format!(
            "x-{i}: &m{i} {{k1: *m{p}, k2: *m{p}, k3: *m{p}, k4: *m{p}, <<: *m{p}}}\n"
        ));
    }
    src.push_str("services:\n  a:\n    <<: *m11\n");
    let p = load(&src);
    assert!(
        kinds(&p).contains(&IssueKind::AliasBudget),
        "{:?}",
        p.issues
    );
}

#[test]
fn include_env_is_overridden_by_the_including_project() {
    let p = load_tree(
        "/p/compose.yaml",
        &[
            ("/p/compose.yaml", "include: [sub/compose.yaml]\n"),
            ("/p/.env", "TAG=parent\n"),
            (
                "/p/sub/compose.yaml",
                "services:\n  s:\n    image: \"x:${TAG}-${ONLY}\"\n",
            ),
            ("/p/sub/.env", "TAG=child\nONLY=sub\n"),
        ],
    );
    assert!(p.issues.is_empty(), "{:?}", p.issues);
    assert_eq!(
        svc(&p, "s").image.as_ref().map(Text::as_str),
        Some("x:parent-sub")
    );
}

#[test]
fn project_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<ComposeProject>();
}

#[test]
fn tmpfs_single_string_and_list() {
    let p = load("services:\n  a:\n    tmpfs: /run\n  b:\n    tmpfs: [/run, /tmp]\n");
    assert_eq!(svc(&p, "a").tmpfs.len(), 1);
    assert_eq!(svc(&p, "b").tmpfs.len(), 2);
}
