//! Model tests: small Dockerfiles through the real parser.

use std::collections::BTreeMap;

use keelson_syntax::dockerfile::{parse, InstructionKind};

use super::*;

fn model_with(src: &str, options: &BuildOptions) -> (Dockerfile, DockerfileModel) {
    let ast = parse(src);
    let model = DockerfileModel::build(&ast, src, options);
    (ast, model)
}

fn model(src: &str) -> (Dockerfile, DockerfileModel) {
    model_with(src, &BuildOptions::default())
}

fn args(pairs: &[(&str, &str)]) -> BuildOptions {
    BuildOptions {
        build_args: pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<BTreeMap<_, _>>(),
        target: None,
    }
}

/// The id of the `n`-th instruction of `kind` (0-based).
fn nth(ast: &Dockerfile, m: &DockerfileModel, kind: InstructionKind, n: usize) -> InstructionId {
    let ins = ast
        .instructions()
        .filter(|i| i.kind == kind)
        .nth(n)
        .unwrap_or_else(|| panic!("no {kind:?} #{n}"));
    m.id_of(ins)
        .unwrap_or_else(|| panic!("no id for {kind:?} #{n}"))
}

fn expand_at(m: &DockerfileModel, id: InstructionId, word: &str) -> Expansion {
    m.vars_at(id).map(|v| v.expand(word)).unwrap_or_default()
}

fn final_stage(m: &DockerfileModel) -> &Stage {
    m.final_stage().unwrap_or_else(|| panic!("no final stage"))
}

fn stage(m: &DockerfileModel, i: usize) -> &Stage {
    m.stage(i).unwrap_or_else(|| panic!("no stage {i}"))
}

#[test]
fn meta_arg_is_not_visible_in_run_until_redeclared() {
    let src = "ARG V=1.2\nFROM alpine:$V\nRUN echo $V\nARG V\nRUN echo $V\n";
    let (ast, m) = model(src);
    let base = stage(&m, 0).base.image().map(|i| i.to_string());
    assert_eq!(base.as_deref(), Some("alpine:1.2"));

    let run1 = nth(&ast, &m, InstructionKind::Run, 0);
    let e = expand_at(&m, run1, "$V");
    assert_eq!(e.value, "");
    assert!(!e.is_resolved());

    let run2 = nth(&ast, &m, InstructionKind::Run, 1);
    let e = expand_at(&m, run2, "$V");
    assert_eq!(e.value, "1.2");
    assert!(e.is_resolved());
    // The value came from the meta ARG's default.
    let meta_arg = nth(&ast, &m, InstructionKind::Arg, 0);
    let origin = m.vars_at(run2).and_then(|v| v.var("V").map(|v| v.origin));
    assert_eq!(
        origin.map(|o| (o.kind, o.instruction)),
        Some((VarKind::Arg, Some(meta_arg)))
    );
}

#[test]
fn stage_arg_is_visible_after_declaration_only() {
    let src = "FROM alpine\nRUN echo $A\nARG A=x\nRUN echo $A\nFROM alpine\nRUN echo $A\n";
    let (ast, m) = model(src);
    let runs: Vec<Expansion> = (0..3)
        .map(|n| expand_at(&m, nth(&ast, &m, InstructionKind::Run, n), "$A"))
        .collect();
    assert!(!runs[0].is_resolved());
    assert_eq!(runs[1].value, "x");
    assert!(!runs[2].is_resolved(), "ARGs end with their stage");
}

#[test]
fn build_args_override_declared_args_only() {
    let src = "ARG TAG=1\nFROM node:$TAG\nARG MODE=dev\nARG EMPTY\nRUN echo $MODE $EMPTY $OTHER\n";
    let opts = args(&[
        ("TAG", "20"),
        ("MODE", "prod"),
        ("EMPTY", "e"),
        ("OTHER", "o"),
    ]);
    let (ast, m) = model_with(src, &opts);
    assert_eq!(
        stage(&m, 0)
            .base
            .image()
            .and_then(|i| i.tag.clone())
            .as_deref(),
        Some("20")
    );
    let run = nth(&ast, &m, InstructionKind::Run, 0);
    let e = expand_at(&m, run, "$MODE $EMPTY $OTHER");
    assert_eq!(e.value, "prod e ");
    assert_eq!(e.unresolved_names(), ["OTHER"]);
    let view = m.vars_at(run).unwrap_or_else(|| panic!("view"));
    assert_eq!(
        view.var("MODE").map(|v| v.origin.kind),
        Some(VarKind::BuildArg)
    );

    // Without build args, a declared ARG without default is unresolved.
    let (ast, m) = model(src);
    let run = nth(&ast, &m, InstructionKind::Run, 0);
    let e = expand_at(&m, run, "$MODE$EMPTY");
    assert_eq!(e.value, "dev");
    assert_eq!(e.unresolved_names(), ["EMPTY"]);
}

#[test]
fn from_resolved_from_meta_arg_defaults() {
    let src = "ARG REG=ghcr.io\nARG IMG=$REG/org/app\nARG VER\nFROM ${IMG}:1.0 AS a\nFROM ${IMG}:${VER} AS b\nFROM ${IMG}:${VER:-2.0} AS c\n";
    let (_, m) = model(src);
    let a = stage(&m, 0)
        .base
        .image_base()
        .unwrap_or_else(|| panic!("image"));
    assert_eq!(a.resolved.as_deref(), Some("ghcr.io/org/app:1.0"));
    assert_eq!(
        a.image.as_ref().and_then(|i| i.registry.as_deref()),
        Some("ghcr.io")
    );
    assert!(!a.is_literal());
    let b = stage(&m, 1)
        .base
        .image_base()
        .unwrap_or_else(|| panic!("image"));
    assert_eq!(b.resolved, None);
    assert_eq!(b.image, None);
    assert_eq!(b.unresolved_vars, ["VER"]);
    assert_eq!(b.raw, "${IMG}:${VER}");
    let c = stage(&m, 2).base.image().unwrap_or_else(|| panic!("image"));
    assert_eq!(c.tag.as_deref(), Some("2.0"));
}

#[test]
fn literal_from_maps_tag_span_to_source() {
    let src = "FROM  node:18-alpine AS build\n";
    let (_, m) = model(src);
    let base = stage(&m, 0)
        .base
        .image_base()
        .unwrap_or_else(|| panic!("image"));
    assert!(base.is_literal());
    let tag = base
        .image
        .as_ref()
        .and_then(|i| i.tag_span)
        .and_then(|s| base.source_span(s))
        .unwrap_or_else(|| panic!("tag span"));
    assert_eq!(tag.text(src), "18-alpine");
    assert_eq!(stage(&m, 0).name_span.map(|s| s.text(src)), Some("build"));
}

#[test]
fn stage_inherits_env_and_user_but_not_args() {
    let src = "FROM alpine AS base\nARG A=1\nENV E=2\nUSER app\nWORKDIR /srv\nFROM base AS next\nRUN echo $A $E\n";
    let (ast, m) = model(src);
    let next = stage(&m, 1);
    assert_eq!(next.base, Base::Stage(0));
    let run = nth(&ast, &m, InstructionKind::Run, 0);
    let e = expand_at(&m, run, "$A $E");
    assert_eq!(e.value, " 2");
    assert_eq!(e.unresolved_names(), ["A"]);
    let user = m.user_at(run).unwrap_or_else(|| panic!("user"));
    assert_eq!(user.setting().and_then(|s| s.user.as_deref()), Some("app"));
    assert_eq!(user.setting().map(|s| s.stage), Some(0));
    assert_eq!(user.root_status(), RootStatus::NotRoot);
    assert_eq!(next.user_at_end.root_status(), RootStatus::NotRoot);
    assert_eq!(
        m.workdir_at(run).and_then(|w| w.path.as_deref()),
        Some("/srv")
    );
}

#[test]
fn env_overrides_arg_and_env_pairs_see_old_values() {
    let src = "FROM alpine\nARG X=arg\nENV X=env\nRUN echo $X\nENV A=1\nENV A=2 B=$A\nRUN echo $B\nARG X=again\nRUN echo $X\n";
    let (ast, m) = model(src);
    let run0 = nth(&ast, &m, InstructionKind::Run, 0);
    assert_eq!(expand_at(&m, run0, "$X").value, "env");
    let run1 = nth(&ast, &m, InstructionKind::Run, 1);
    assert_eq!(expand_at(&m, run1, "$A$B").value, "21");
    let run2 = nth(&ast, &m, InstructionKind::Run, 2);
    assert_eq!(
        expand_at(&m, run2, "$X").value,
        "env",
        "ENV wins over a later ARG"
    );
}

#[test]
fn target_selects_final_stage_and_reachability() {
    let src = "\
FROM golang AS build\n\
FROM alpine AS tools\n\
FROM build AS test\n\
FROM debian AS unused\n\
FROM alpine AS Release\n\
COPY --from=build /app /app\n\
RUN --mount=type=bind,from=tools,target=/t true\n\
COPY --from=1 /x /x\n\
COPY --from=nginx:1.27 /etc/nginx /etc/nginx\n";
    let (_, m) = model(src);
    assert_eq!(m.final_stage, Some(4));
    let reach: Vec<usize> = m.reachable_stages().map(|s| s.index).collect();
    assert_eq!(reach, [0, 1, 4]);
    let release = stage(&m, 4);
    assert!(release.is_final);
    let targets: Vec<&EdgeTarget> = release.edges.iter().map(|e| &e.target).collect();
    assert_eq!(targets.len(), 4);
    assert_eq!(targets[0], &EdgeTarget::Stage(0));
    assert_eq!(targets[1], &EdgeTarget::Stage(1));
    assert_eq!(release.edges[1].kind, EdgeKind::MountFrom);
    assert_eq!(targets[2], &EdgeTarget::Stage(1));
    match targets[3] {
        EdgeTarget::Image(r) => assert_eq!(r.familiar_string(), "nginx:1.27"),
        other => panic!("{other:?}"),
    }
    assert_eq!(release.edges[0].span.text(src), "build");

    let opts = BuildOptions {
        target: Some("TEST".into()),
        ..BuildOptions::default()
    };
    let (_, m) = model_with(src, &opts);
    assert_eq!(m.final_stage, Some(2));
    let reach: Vec<usize> = m.reachable_stages().map(|s| s.index).collect();
    assert_eq!(reach, [0, 2]);

    let opts = BuildOptions {
        target: Some("nope".into()),
        ..BuildOptions::default()
    };
    let (_, m) = model_with(src, &opts);
    assert_eq!(m.final_stage, Some(4));
    assert_eq!(m.missing_target.as_deref(), Some("nope"));
}

#[test]
fn stage_aliases_compare_case_insensitively() {
    let src = "FROM alpine AS Builder\nFROM BUILDER\nCOPY --from=bUiLdEr /a /a\n";
    let (_, m) = model(src);
    assert_eq!(stage(&m, 1).base, Base::Stage(0));
    assert_eq!(stage(&m, 1).edges[0].target, EdgeTarget::Stage(0));
    assert!(m.stage_by_name("builder").is_some());
}

#[test]
fn from_can_only_name_earlier_stages() {
    let src = "FROM later\nFROM alpine AS later\n";
    let (_, m) = model(src);
    assert!(matches!(stage(&m, 0).base, Base::Image(_)));
}

#[test]
fn user_through_arg_and_env() {
    let src = "FROM alpine\nARG U=root\nUSER $U\nENV APP=app\nRUN id\nUSER ${APP}:${APP}\n";
    let (ast, m) = model(src);
    let run = nth(&ast, &m, InstructionKind::Run, 0);
    let u = m.user_at(run).unwrap_or_else(|| panic!("user"));
    assert!(u.is_root());
    let s = u.setting().unwrap_or_else(|| panic!("setting"));
    assert_eq!(s.raw, "$U");
    assert_eq!(s.user.as_deref(), Some("root"));
    assert_eq!(s.value_span.text(src), "$U");
    let end = &final_stage(&m).user_at_end;
    assert_eq!(end.root_status(), RootStatus::NotRoot);
    let s = end.setting().unwrap_or_else(|| panic!("setting"));
    assert_eq!(
        (s.user.as_deref(), s.group.as_deref()),
        (Some("app"), Some("app"))
    );
}

#[test]
fn numeric_root_and_group_forms() {
    for (user, status) in [
        ("0:0", RootStatus::Root),
        ("0", RootStatus::Root),
        ("root:wheel", RootStatus::Root),
        ("root:$GID", RootStatus::Root),
        ("1000:0", RootStatus::NotRoot),
        ("nobody", RootStatus::NotRoot),
        ("$UID", RootStatus::Unknown),
        ("$UID:0", RootStatus::Unknown),
        ("${UID:-0}", RootStatus::Root),
    ] {
        let src = format!("FROM alpine\nUSER {user}\n");
        let (_, m) = model(&src);
        assert_eq!(
            final_stage(&m).user_at_end.root_status(),
            status,
            "USER {user}"
        );
    }
    let (_, m) = model("FROM alpine\nARG U=\"\"\nUSER $U\n");
    assert_eq!(
        final_stage(&m).user_at_end.root_status(),
        RootStatus::Root,
        "empty after expansion"
    );
}

#[test]
fn default_user_depends_on_base() {
    let (_, m) = model("FROM scratch\nCOPY app /app\n");
    assert_eq!(final_stage(&m).base, Base::Scratch);
    assert!(final_stage(&m).user_at_end.is_root());
    assert_eq!(final_stage(&m).workdir_at_end.path.as_deref(), Some("/"));
    let (_, m) = model("FROM SCRATCH AS s\nFROM s\n");
    assert_eq!(final_stage(&m).base, Base::Stage(0));
    assert!(final_stage(&m).user_at_end.is_root());
    let (_, m) = model("FROM alpine\n");
    assert_eq!(
        final_stage(&m).user_at_end.root_status(),
        RootStatus::Unknown
    );
    assert!(final_stage(&m).user_at_end.is_default());
}

#[test]
fn from_scratch_through_arg() {
    let (_, m) = model("ARG BASE=scratch\nFROM $BASE\n");
    assert_eq!(final_stage(&m).base, Base::Scratch);
    let (_, m) = model("FROM alpine AS b\nARG X\nFROM b\n");
    assert_eq!(final_stage(&m).base, Base::Stage(0));
    // A FROM resolved from an ARG to a stage name.
    let (_, m) = model("ARG FROM_STAGE=b\nFROM alpine AS b\nFROM ${FROM_STAGE}\n");
    assert_eq!(final_stage(&m).base, Base::Stage(0));
}

#[test]
fn arg_pairs_see_earlier_pairs_of_the_same_instruction() {
    let src = "ARG R=docker.io I=$R/library/alpine\nFROM $I\nARG A=1 B=${A}2\nRUN echo $B\n";
    let (ast, m) = model(src);
    assert_eq!(
        stage(&m, 0).base.image().map(|i| i.full_name()).as_deref(),
        Some("docker.io/library/alpine")
    );
    let run = nth(&ast, &m, InstructionKind::Run, 0);
    assert_eq!(expand_at(&m, run, "$B").resolved(), Some("12"));
}

#[test]
fn quoted_and_legacy_env_values() {
    let src = "FROM alpine\nENV A=\"x y\" B='$A' C=a\\ b\nENV D legacy value $A\nRUN true\n";
    let (ast, m) = model(src);
    let run = nth(&ast, &m, InstructionKind::Run, 0);
    let view = m.vars_at(run).unwrap_or_else(|| panic!("view"));
    assert_eq!(view.value("A"), Some("x y"));
    assert_eq!(view.value("B"), Some("$A"));
    assert_eq!(view.value("C"), Some("a b"));
    assert_eq!(view.value("D"), Some("legacy value x y"));
    let env_ins = nth(&ast, &m, InstructionKind::Env, 0);
    let origin = view.var("A").map(|v| v.origin);
    assert_eq!(origin.and_then(|o| o.instruction), Some(env_ins));
    assert_eq!(
        origin.and_then(|o| o.span).map(|s| s.text(src)),
        Some("A=\"x y\"")
    );
}

#[test]
fn proxy_args_need_no_declaration() {
    let src = "FROM alpine\nRUN echo $HTTP_PROXY $FTP_PROXY\n";
    let (ast, m) = model_with(src, &args(&[("HTTP_PROXY", "http://p:3128")]));
    let run = nth(&ast, &m, InstructionKind::Run, 0);
    let e = expand_at(&m, run, "$HTTP_PROXY");
    assert_eq!(e.resolved(), Some("http://p:3128"));
    assert!(!expand_at(&m, run, "$FTP_PROXY").is_resolved());
}

#[test]
fn unresolved_from_lists_candidate_stages() {
    let src = "FROM alpine AS base-amd64\nFROM alpine AS base-arm64\nFROM debian AS other\nFROM base-$TARGETARCH\n";
    let (_, m) = model(src);
    let f = final_stage(&m);
    let base = f.base.image_base().unwrap_or_else(|| panic!("image base"));
    assert_eq!(base.resolved, None);
    assert_eq!(base.candidate_stages, [0, 1]);
    let reach: Vec<usize> = m.reachable_stages().map(|s| s.index).collect();
    assert_eq!(reach, [0, 1, 3]);
    // With the platform given, it resolves to one stage.
    let (_, m) = model_with(src, &args(&[("TARGETARCH", "arm64")]));
    assert_eq!(final_stage(&m).base, Base::Stage(1));
}

#[test]
fn platform_args_are_global() {
    let src = "FROM --platform=$BUILDPLATFORM golang AS build\nARG TARGETOS\nRUN echo $TARGETOS $TARGETARCH\n";
    let (ast, m) = model(src);
    let p = stage(&m, 0)
        .platform
        .as_ref()
        .unwrap_or_else(|| panic!("platform"));
    assert_eq!(p.raw, "$BUILDPLATFORM");
    assert_eq!(p.expansion.unresolved_names(), ["BUILDPLATFORM"]);
    let run = nth(&ast, &m, InstructionKind::Run, 0);
    let view = m.vars_at(run).unwrap_or_else(|| panic!("view"));
    assert_eq!(
        view.var("TARGETOS").map(|v| v.origin.kind),
        Some(VarKind::Predefined)
    );
    assert!(
        view.var("TARGETARCH").is_none(),
        "not declared in the stage"
    );

    let opts = args(&[("TARGETOS", "linux"), ("BUILDPLATFORM", "linux/amd64")]);
    let (ast, m) = model_with(src, &opts);
    let run = nth(&ast, &m, InstructionKind::Run, 0);
    assert_eq!(expand_at(&m, run, "$TARGETOS").value, "linux");
    let p = stage(&m, 0)
        .platform
        .as_ref()
        .unwrap_or_else(|| panic!("platform"));
    assert_eq!(p.expansion.resolved(), Some("linux/amd64"));
}

#[test]
fn workdir_shell_expose_healthcheck() {
    let src = "\
FROM alpine AS a\n\
WORKDIR /app\n\
WORKDIR sub/../src\n\
ENV P=8080\n\
EXPOSE 80 $P/udp 9000-9010\n\
SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n\
HEALTHCHECK CMD true\n\
RUN true\n\
FROM a\n\
HEALTHCHECK NONE\n";
    let (ast, m) = model(src);
    let run = nth(&ast, &m, InstructionKind::Run, 0);
    assert_eq!(
        m.workdir_at(run).and_then(|w| w.path.as_deref()),
        Some("/app/src")
    );
    let shell = m.shell_at(run).unwrap_or_else(|| panic!("shell"));
    assert_eq!(shell.program().as_deref(), Some("bash"));
    let a = stage(&m, 0);
    let ports: Vec<(Option<u16>, Option<u16>, &str)> = a
        .exposed_ports
        .iter()
        .map(|p| (p.port, p.end_port, p.protocol.as_str()))
        .collect();
    assert_eq!(
        ports,
        [
            (Some(80), Some(80), "tcp"),
            (Some(8080), Some(8080), "udp"),
            (Some(9000), Some(9010), "tcp")
        ]
    );
    assert_eq!(a.exposed_ports[1].span.text(src), "$P/udp");
    assert_eq!(a.healthcheck.map(|h| h.disabled), Some(false));
    let b = stage(&m, 1);
    assert_eq!(b.healthcheck.map(|h| h.disabled), Some(true));
    assert_eq!(b.shell_at_end.program().as_deref(), Some("bash"));
    // Relative WORKDIR on an image base is unknown.
    let (_, m) = model("FROM alpine\nWORKDIR app\n");
    assert_eq!(final_stage(&m).workdir_at_end.path, None);
}

#[test]
fn copy_from_with_variable_is_not_expanded() {
    let (_, m) = model("ARG IMG=alpine\nFROM alpine\nCOPY --from=$IMG /a /a\n");
    assert_eq!(final_stage(&m).edges[0].target, EdgeTarget::Variable);
}

#[test]
fn backtick_escape_directive() {
    let src = "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV A=`$x\nWORKDIR C:\\app\n";
    let (ast, m) = model(src);
    assert_eq!(m.escape, '`');
    let wd = nth(&ast, &m, InstructionKind::Workdir, 0);
    assert_eq!(expand_at(&m, wd, "$A").value, "$x");
    assert_eq!(
        final_stage(&m).workdir_at_end.path.as_deref(),
        Some("C:\\app")
    );
}

#[test]
fn instruction_lookup_round_trips() {
    let src = "ARG A\nFROM alpine\nRUN true\n";
    let (ast, m) = model(src);
    assert_eq!(m.instructions.len(), 3);
    for (i, ins) in ast.instructions().enumerate() {
        let id = m.id_of(ins).unwrap_or_else(|| panic!("id"));
        assert_eq!(id.index(), i);
        assert_eq!(m.instruction(&ast, id).map(|x| x.span), Some(ins.span));
    }
    assert_eq!(m.info(InstructionId(0)).and_then(|i| i.stage), None);
    assert_eq!(m.stage_of(InstructionId(2)).map(|s| s.index), Some(0));
    let ids: Vec<u32> = m
        .stage_instructions(&ast, stage(&m, 0))
        .map(|(id, _)| id.0)
        .collect();
    assert_eq!(ids, [1, 2]);
}

#[test]
fn model_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<DockerfileModel>();
    check::<VarsView>();
}

#[test]
fn empty_and_fromless_files() {
    let (_, m) = model("");
    assert!(m.stages.is_empty());
    assert_eq!(m.final_stage, None);
    let (_, m) = model("ARG A=1\nRUN echo\n");
    assert!(m.stages.is_empty());
    assert_eq!(m.instructions.len(), 2);
}

/// Runs the model over every Dockerfile of the shared corpus, when it is present:
/// `cargo test -p keelson-model --lib -- --ignored corpus --nocapture`.
#[test]
#[ignore]
fn corpus() {
    let root = std::path::Path::new("/work/shared/corpus/dockerfile");
    if !root.is_dir() {
        eprintln!("corpus not found at {}; skipped", root.display());
        return;
    }
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut stats = CorpusStats::default();
    let verbose = std::env::var_os("KEELSON_CORPUS_VERBOSE").is_some();
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let src = String::from_utf8_lossy(&bytes).into_owned();
        let result = std::panic::catch_unwind(|| {
            let ast = parse(&src);
            let m = DockerfileModel::build(&ast, &src, &BuildOptions::default());
            // Touch every per-instruction view too.
            for info in &m.instructions {
                let _ = m.vars_at(info.id).map(|v| v.iter().count());
            }
            m
        });
        match result {
            Ok(m) => {
                if verbose {
                    print_notable(path, &m);
                }
                stats.add(&m)
            }
            Err(_) => {
                stats.panics += 1;
                eprintln!("PANIC: {}", path.display());
            }
        }
        stats.files += 1;
    }
    eprintln!("{stats:#?}");
    assert_eq!(stats.panics, 0);
}

/// Prints the unresolved `FROM`s, invalid references and unknown users of one file.
fn print_notable(path: &std::path::Path, m: &DockerfileModel) {
    for s in &m.stages {
        if let Base::Image(i) = &s.base {
            if i.resolved.is_none() {
                eprintln!(
                    "UNRESOLVED {} {:?} {:?}",
                    path.display(),
                    i.raw,
                    i.unresolved_vars
                );
            } else if let Some(e) = &i.image_error {
                eprintln!("INVALID {} {:?} {e}", path.display(), i.resolved);
            }
        }
        for e in &s.edges {
            if let EdgeTarget::Invalid(err) = &e.target {
                eprintln!("EDGE {} {:?} {err}", path.display(), e.raw);
            }
        }
    }
    if let Some(f) = m.final_stage() {
        if let Some(set) = f.user_at_end.setting() {
            if set.root_status() != RootStatus::NotRoot {
                eprintln!(
                    "USER {:?} {} {:?} {:?}",
                    set.root_status(),
                    path.display(),
                    set.raw,
                    set.expansion.unresolved_names()
                );
            }
        }
    }
}

#[derive(Debug, Default)]
struct CorpusStats {
    files: usize,
    panics: usize,
    stages: usize,
    froms_image: usize,
    froms_stage: usize,
    froms_scratch: usize,
    froms_unresolved: usize,
    froms_unresolved_stage_candidates: usize,
    froms_invalid_ref: usize,
    final_root: usize,
    final_not_root: usize,
    final_unknown_user_set: usize,
    final_default_image_user: usize,
    unreachable_stages: usize,
    edges_stage: usize,
    edges_image: usize,
    edges_variable: usize,
    edges_invalid: usize,
}

impl CorpusStats {
    fn add(&mut self, m: &DockerfileModel) {
        self.stages += m.stages.len();
        for s in &m.stages {
            match &s.base {
                Base::Scratch => self.froms_scratch += 1,
                Base::Stage(_) => self.froms_stage += 1,
                Base::Image(i) => {
                    self.froms_image += 1;
                    if i.resolved.is_none() {
                        self.froms_unresolved += 1;
                        if !i.candidate_stages.is_empty() {
                            self.froms_unresolved_stage_candidates += 1;
                        }
                    } else if i.image.is_none() {
                        self.froms_invalid_ref += 1;
                    }
                }
                Base::Missing => {}
            }
            if !s.reachable {
                self.unreachable_stages += 1;
            }
            for e in &s.edges {
                match e.target {
                    EdgeTarget::Stage(_) => self.edges_stage += 1,
                    EdgeTarget::Image(_) => self.edges_image += 1,
                    EdgeTarget::Variable => self.edges_variable += 1,
                    EdgeTarget::Invalid(_) => self.edges_invalid += 1,
                }
            }
        }
        if let Some(f) = m.final_stage() {
            match (f.user_at_end.root_status(), f.user_at_end.is_default()) {
                (RootStatus::Root, _) => self.final_root += 1,
                (RootStatus::NotRoot, _) => self.final_not_root += 1,
                (RootStatus::Unknown, true) => self.final_default_image_user += 1,
                (RootStatus::Unknown, false) => self.final_unknown_user_set += 1,
            }
        }
    }
}

#[test]
fn final_lineage_is_the_final_stage_then_its_bases_without_builders() {
    let (_, m) =
        model("FROM alpine:3.20 AS base\nFROM golang:1.23 AS build\nFROM base AS app\nFROM app\n");
    assert_eq!(m.final_lineage(), vec![3, 2, 0]);
    let (_, targeted) = model_with(
        "FROM alpine:3.20 AS base\nFROM base AS test\nFROM base AS app\n",
        &BuildOptions {
            target: Some("test".into()),
            ..BuildOptions::default()
        },
    );
    assert_eq!(targeted.final_lineage(), vec![1, 0]);
    assert!(model("# empty\n").1.final_lineage().is_empty());
}
