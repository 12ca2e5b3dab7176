//! K221 setuid-bit-set: a build step or a `COPY`/`ADD --chmod` gives a file the setuid or
//! setgid bit (`chmod u+s`, `chmod 4755`, `--chmod=4755`).
//!
//! Modes are read as `chmod` reads them: octal with four or more digits (`4755`, `02755`) and
//! symbolic clauses (`u+s`, `+s`, `ug=rwxs`); removing the bits (`u-s`, `a-s`) is the opposite
//! and is not reported. A setgid bit alone is information (on a directory it only makes new
//! files inherit the group). See `rules/K221-setuid-bit-set/README.md`.

use keelson_syntax::dockerfile::InstructionKind;
use keelson_syntax::Span;

use crate::commands::{run_commands, run_steps, Command};
use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Privilege,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[],
    fixable: false,
};

pub(crate) struct SetuidBitSet;
pub(crate) static RULE: SetuidBitSet = SetuidBitSet;

/// Which special bits a mode sets.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
struct Bits {
    setuid: bool,
    setgid: bool,
}

impl Check for SetuidBitSet {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for step in run_steps(cx) {
            for cmd in run_commands(cx, step.instruction).iter() {
                if let Some((span, bits)) = chmod_bits(cmd) {
                    let how = if cmd.name() == "install" {
                        "`install -m`"
                    } else {
                        "`chmod`"
                    };
                    report(out, span, bits, how);
                }
            }
        }
        for ins in cx.syntax.instructions() {
            let ins = match ins.kind {
                InstructionKind::Onbuild => match ins.onbuild_inner() {
                    Some(inner) => inner,
                    None => continue,
                },
                _ => ins,
            };
            if !matches!(ins.kind, InstructionKind::Copy | InstructionKind::Add) {
                continue;
            }
            let Some(flag) = ins.flag("chmod") else {
                continue;
            };
            let (Some(value), Some(span)) = (flag.value.as_deref(), flag.value_span) else {
                continue;
            };
            let bits = mode_bits(value);
            if bits != Bits::default() {
                report(
                    out,
                    span,
                    bits,
                    &format!("`{} --chmod`", ins.keyword.to_ascii_uppercase()),
                );
            }
        }
    }
}

/// The mode word of `chmod` (or `install -m`) that sets special bits.
fn chmod_bits(cmd: &Command) -> Option<(Span, Bits)> {
    let mode = match cmd.name() {
        "chmod" => cmd
            .args
            .iter()
            .find(|w| w.literal.as_deref().is_some_and(looks_like_mode))?
            .clone(),
        // `install -d` creates directories, where the bits only steer ownership of new files.
        "install"
            if cmd.has_option(&["--directory"]).is_some()
                || cmd.has_short('d', "mgotSC").is_some() =>
        {
            return None
        }
        "install" => cmd.option_value("--mode", Some('m'))?.1,
        _ => return None,
    };
    let text = mode.literal.as_deref()?;
    let bits = mode_bits(text);
    (bits != Bits::default()).then(|| (mode.value_span(), bits))
}

/// Whether a `chmod` argument is a mode (octal digits or symbolic clauses), not a path.
fn looks_like_mode(s: &str) -> bool {
    if !s.is_empty() && s.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return true;
    }
    !s.is_empty()
        && s.split(',').all(|clause| {
            let who_end = clause
                .find(|c: char| !matches!(c, 'u' | 'g' | 'o' | 'a'))
                .unwrap_or(clause.len());
            let rest = clause.get(who_end..).unwrap_or("");
            rest.starts_with(['+', '-', '='])
                && rest.chars().all(|c| {
                    matches!(
                        c,
                        '+' | '-' | '=' | 'r' | 'w' | 'x' | 'X' | 's' | 't' | 'u' | 'g' | 'o'
                    )
                })
        })
}

/// The special bits a mode sets (`4755`, `u+s`, `g=s`, `+s`).
fn mode_bits(mode: &str) -> Bits {
    let mut bits = Bits::default();
    if !mode.is_empty() && mode.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        if mode.len() >= 4 {
            let special = mode.len() - 4;
            let digit = mode.as_bytes().get(special).map_or(0, |b| b - b'0');
            bits.setuid = digit & 4 != 0;
            bits.setgid = digit & 2 != 0;
        }
        return bits;
    }
    for clause in mode.split(',') {
        let who_end = clause
            .find(|c: char| !matches!(c, 'u' | 'g' | 'o' | 'a'))
            .unwrap_or(clause.len());
        let who = clause.get(..who_end).unwrap_or("");
        let mut op = ' ';
        for c in clause.get(who_end..).unwrap_or("").chars() {
            match c {
                '+' | '-' | '=' => op = c,
                's' if op != '-' => {
                    let all = who.is_empty() || who.contains('a');
                    bits.setuid |= all || who.contains('u');
                    bits.setgid |= all || who.contains('g');
                }
                _ => {}
            }
        }
    }
    bits
}

fn report(out: &mut Reporter<'_>, span: Span, bits: Bits, how: &str) {
    if bits.setuid {
        out.report(
            span,
            format!(
                "{how} sets the setuid bit: the file then runs as its owner (usually root) \
                 whoever starts it, so any flaw in it lets an unprivileged process in the \
                 container become root"
            ),
        )
        .help(
            "drop the setuid bit (`chmod 0755`); grant the program only the capability it needs \
             (`setcap cap_net_bind_service=+ep`) or run that step as root in the image build",
        );
    } else {
        out.report(
            span,
            format!(
                "{how} sets the setgid bit: a program then runs with its group's privileges \
                 whoever starts it (on a directory it only makes new files inherit the group)"
            ),
        )
        .severity(Severity::Info)
        .help("drop the setgid bit unless it is a shared directory that needs group inheritance");
    }
}
