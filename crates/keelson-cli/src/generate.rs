//! `keelson completions <shell>` and `keelson man`: generated from the clap definition, so they
//! never drift from the real arguments.

use clap::CommandFactory;

use crate::args::Cli;
use crate::rules_cmd::write_stdout;
use crate::EXIT_ERROR;

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> u8 {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "keelson", &mut buf);
    match String::from_utf8(buf) {
        Ok(text) => write_stdout(&text),
        Err(_) => EXIT_ERROR,
    }
}

/// Prints the man page (roff) of `keelson`, with a section per subcommand.
pub fn man() -> u8 {
    let cmd = Cli::command();
    let mut buf = Vec::new();
    if let Err(e) = render_man(&cmd, &mut buf) {
        eprintln!("keelson: cannot render the man page: {e}");
        return EXIT_ERROR;
    }
    match String::from_utf8(buf) {
        Ok(text) => write_stdout(&text),
        Err(_) => EXIT_ERROR,
    }
}

fn render_man(cmd: &clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    // Each subcommand's options, which the top-level page alone does not list.
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let name = format!("keelson {}", sub.get_name());
        let sub_man = clap_mangen::Man::new(sub.clone().bin_name(name));
        out.extend_from_slice(format!(".SH \"{}\"\n", sub.get_name().to_uppercase()).as_bytes());
        sub_man.render_synopsis_section(out)?;
        sub_man.render_options_section(out)?;
    }
    man.render_version_section(out)?;
    Ok(())
}
