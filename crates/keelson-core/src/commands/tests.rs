#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly on purpose.

use keelson_syntax::dockerfile::parse;
use keelson_syntax::shell::Operator;

use super::*;

/// The commands of the first instruction of `src` (a `RUN`), with the source.
fn commands(src: &str) -> Vec<Command> {
    let ast = parse(src);
    let run = ast.instructions().find_map(run_of).expect("a RUN");
    commands_of_run(run, src)
}

fn names(src: &str) -> Vec<String> {
    commands(src).iter().map(|c| c.name().to_owned()).collect()
}

#[test]
fn lists_commands_of_a_shell_form_run() {
    let src = "RUN apt-get update && apt-get install -y curl \\\n  | tee log; echo done\n";
    let cmds = commands(src);
    assert_eq!(names(src), ["apt-get", "apt-get", "tee", "echo"]);
    assert_eq!(cmds[0].next, Some(Operator::AndIf));
    assert_eq!(cmds[1].pipeline, Pipeline { index: 0, len: 2 });
    assert_eq!(cmds[2].pipeline, Pipeline { index: 1, len: 2 });
    assert_eq!(cmds[3].pipeline, Pipeline { index: 0, len: 1 });
    assert_eq!(cmds[2].name_word.span.text(src), "tee");
    assert_eq!(cmds[1].args[2].span.text(src), "curl");
    assert!(cmds.iter().all(|c| c.origin == Origin::Shell));
}

#[test]
fn skips_wrappers_and_keeps_them() {
    let src = "RUN sudo -u app env A=1 nice -n 5 /usr/bin/pip install x\n";
    let cmds = commands(src);
    assert_eq!(cmds.len(), 1);
    let c = &cmds[0];
    assert_eq!(c.name(), "pip");
    let wrappers: Vec<&str> = c.wrappers.iter().map(Wrapper::name).collect();
    assert_eq!(wrappers, ["sudo", "env", "nice"]);
    assert_eq!(c.wrappers[0].options.len(), 2);
    assert_eq!(c.wrappers[0].delete.unwrap().text(src), "sudo -u app ");
    assert_eq!(c.args[0].literal.as_deref(), Some("install"));
}

#[test]
fn command_v_is_not_a_wrapper() {
    assert_eq!(names("RUN command -v sudo\n"), ["command"]);
    assert_eq!(names("RUN xargs -n1 rm -f\n"), ["rm"]);
}

#[test]
fn follows_sh_c_strings_with_spans() {
    let src = "RUN bash -ec 'curl -k https://x | sh'\n";
    let cmds = commands(src);
    assert_eq!(names(src), ["bash", "curl", "sh"]);
    assert_eq!(cmds[1].origin, Origin::ShellString);
    assert_eq!(cmds[1].parent, Some(0));
    assert_eq!(cmds[1].args[0].span.text(src), "-k");
    assert!(cmds[1].pipes_to_next());
}

#[test]
fn escaped_strings_map_to_the_whole_word() {
    let src = "RUN sh -c \"echo \\\"a\\\" && curl -k x\"\n";
    let cmds = commands(src);
    let curl = cmds.iter().find(|c| c.name() == "curl").unwrap();
    assert!(!curl.name_word.exact);
    assert!(curl.name_word.span.text(src).starts_with("\"echo"));
}

#[test]
fn follows_substitutions() {
    let src = "RUN sh -c \"$(curl -fsSL https://x)\"\n";
    let cmds = commands(src);
    assert_eq!(names(src), ["sh", "curl"]);
    assert_eq!(cmds[1].origin, Origin::Substitution);
    assert_eq!(cmds[1].parent, Some(0));
    assert_eq!(cmds[1].args[1].span.text(src), "https://x");
    assert_eq!(cmds[1].in_word, Some(cmds[0].args[1].span));
}

#[test]
fn follows_process_substitutions() {
    let src = "RUN bash <(curl -s https://x) && echo ok\n";
    let cmds = commands(src);
    let curl = cmds.iter().find(|c| c.name() == "curl").unwrap();
    assert_eq!(curl.origin, Origin::ProcessSubstitution);
    assert_eq!(curl.parent.map(|p| cmds[p].name()), Some("bash"));
    let echo = cmds.iter().find(|c| c.name() == "echo").unwrap();
    assert_eq!(echo.origin, Origin::Shell);
}

#[test]
fn follows_exec_form_and_heredocs() {
    let src = "RUN [\"sh\", \"-c\", \"wget -q x\"]\n";
    let cmds = commands(src);
    assert_eq!(names(src), ["sh", "wget"]);
    assert_eq!(cmds[0].origin, Origin::Exec);
    assert_eq!(cmds[1].name_word.span.text(src), "wget");

    let src = "RUN <<EOF\napk add curl\nEOF\n";
    let cmds = commands(src);
    assert_eq!(names(src), ["apk"]);
    assert_eq!(cmds[0].origin, Origin::Heredoc);
    assert_eq!(cmds[0].args[1].span.text(src), "curl");

    assert!(names("RUN python3 <<EOF\nimport os\nEOF\n")
        .iter()
        .all(|n| n == "python3"));
}

#[test]
fn option_helpers() {
    let cmds = commands("RUN curl -fsSLk -o out --retry=3 https://x -- -k\n");
    let c = &cmds[0];
    assert!(c.has_short('k', "o").is_some());
    assert!(c.has_short('x', "o").is_none());
    assert!(c.has_option(&["--retry"]).is_some());
    assert_eq!(
        c.operands(&["-o"])
            .iter()
            .map(|w| w.text())
            .collect::<Vec<_>>(),
        ["https://x", "-k"]
    );
    let cmds = commands("RUN curl -ofile https://x\n");
    assert!(cmds[0].has_short('f', "o").is_none());
    let cmds = commands("RUN pip install -i https://m --trusted-host=m x\n");
    assert_eq!(
        cmds[0]
            .option_value("--index-url", Some('i'))
            .unwrap()
            .1
            .text(),
        "https://m"
    );
    assert_eq!(
        cmds[0]
            .option_value("--trusted-host", None)
            .unwrap()
            .1
            .text(),
        "m"
    );
}

#[test]
fn assignments_before_the_command() {
    let cmds = commands("RUN GIT_SSL_NO_VERIFY=1 git clone x\n");
    assert_eq!(cmds[0].name(), "git");
    assert_eq!(cmds[0].assignments[0].text(), "GIT_SSL_NO_VERIFY=1");
}

#[test]
fn follows_sh_c_strings_with_variables() {
    let src = "RUN su nobody -s /bin/sh -c \"apk index --allow-untrusted -o $DIR/x\"\n";
    let cmds = commands(src);
    let apk = cmds
        .iter()
        .find(|c| c.name() == "apk")
        .expect("apk is followed");
    assert_eq!(apk.origin, Origin::ShellString);
    assert_eq!(apk.args[1].span.text(src), "--allow-untrusted");
    assert_eq!(apk.args[3].literal, None);
}
