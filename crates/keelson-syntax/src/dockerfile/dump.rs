//! BuildKit's `Node.Dump()` S-expression format, for conformance tests and debugging.

use std::fmt::Write;

use super::ast::*;

impl Dockerfile {
    /// The instructions in BuildKit's `Node.Dump()` format: one `(keyword ["--flag" …] "arg" …)`
    /// line per instruction, with values quoted like Go's `strconv.Quote`.
    pub fn dump(&self) -> String {
        let lines: Vec<String> = self
            .instructions()
            .map(|i| format!("({})", dump_instruction(i)))
            .collect();
        lines.join("\n")
    }
}

impl Instruction {
    /// This instruction in BuildKit's `Node.Dump()` format (without the outer parentheses).
    pub fn dump(&self) -> String {
        dump_instruction(self)
    }
}

enum Value<'a> {
    Str(&'a str),
    Owned(String),
    Child(&'a Instruction),
}

fn command_values<'a>(command: &'a Option<CommandForm>, out: &mut Vec<Value<'a>>) {
    match command {
        Some(CommandForm::Exec(e)) => out.extend(e.args.iter().map(|w| Value::Str(&w.raw))),
        Some(CommandForm::Shell(s)) => out.push(Value::Str(s.text.as_str())),
        None => {}
    }
}

/// The values BuildKit chains after the keyword node.
fn node_values(i: &Instruction) -> Vec<Value<'_>> {
    let mut out = Vec::new();
    match &i.view {
        InstructionArgs::From(f) => out.extend(f.words.iter().map(|w| Value::Str(&w.raw))),
        InstructionArgs::Expose(l) | InstructionArgs::Volume(l) => {
            out.extend(l.words.iter().map(|w| Value::Str(&w.raw)))
        }
        InstructionArgs::Run(r) => command_values(&r.command, &mut out),
        InstructionArgs::Cmd(c) | InstructionArgs::Entrypoint(c) | InstructionArgs::Shell(c) => {
            command_values(&c.command, &mut out)
        }
        InstructionArgs::Copy(c) | InstructionArgs::Add(c) => {
            out.extend(c.sources.iter().map(|w| Value::Str(&w.raw)));
            out.extend(c.destination.iter().map(|w| Value::Str(&w.raw)));
        }
        InstructionArgs::Env(kv) | InstructionArgs::Label(kv) => {
            for pair in &kv.pairs {
                out.push(Value::Str(&pair.key.raw));
                out.push(Value::Str(pair.value.as_ref().map_or("", |v| &v.raw)));
                out.push(Value::Str(if kv.legacy { "" } else { "=" }));
            }
        }
        InstructionArgs::Arg(a) => {
            for pair in &a.args {
                out.push(match &pair.value {
                    Some(v) => Value::Owned(format!("{}={}", pair.key.raw, v.raw)),
                    None => Value::Str(&pair.key.raw),
                });
            }
        }
        InstructionArgs::User(s)
        | InstructionArgs::Workdir(s)
        | InstructionArgs::Stopsignal(s)
        | InstructionArgs::Maintainer(s) => out.extend(s.value.iter().map(|w| Value::Str(&w.raw))),
        InstructionArgs::Healthcheck(h) => {
            if let Some(k) = &h.kind {
                out.push(Value::Str(&k.raw));
                command_values(&h.command, &mut out);
            }
        }
        InstructionArgs::Onbuild(o) => out.extend(o.inner.as_deref().map(Value::Child)),
        InstructionArgs::Unknown => out.push(Value::Str("")),
    }
    out
}

fn dump_instruction(i: &Instruction) -> String {
    let mut s = i.keyword.to_lowercase();
    if !i.flags.is_empty() {
        s.push_str(" [");
        for (n, f) in i.flags.iter().enumerate() {
            if n > 0 {
                s.push(' ');
            }
            let mut word = format!("--{}", f.name);
            if let Some(v) = &f.value {
                word.push('=');
                word.push_str(v);
            }
            s.push_str(&go_quote(&word));
        }
        s.push(']');
    }
    for v in node_values(i) {
        s.push(' ');
        match v {
            Value::Str(t) => s.push_str(&go_quote(t)),
            Value::Owned(t) => s.push_str(&go_quote(&t)),
            Value::Child(c) => {
                s.push('(');
                s.push_str(&dump_instruction(c));
                s.push(')');
            }
        }
    }
    s.trim().to_string()
}

/// An approximation of Go's `unicode.IsPrint`.
fn is_go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let cp = c as u32;
    !matches!(
        cp,
        0xAD | 0x600..=0x605
            | 0x61C
            | 0x6DD
            | 0x70F
            | 0x180E
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x2064
            | 0x2066..=0x206F
            | 0xE000..=0xF8FF
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0xFFFE..=0xFFFF
            | 0xF0000..
    )
}

/// Go's `strconv.Quote`.
pub(crate) fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn quotes_like_go() {
        assert_eq!(go_quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(go_quote("\u{0}\u{7f}\t"), r#""\x00\x7f\t""#);
        assert_eq!(go_quote("♥ é"), "\"♥ é\"");
        assert_eq!(go_quote("\u{a0}\u{feff}"), r#""\u00a0\ufeff""#);
    }

    #[test]
    fn dumps_like_buildkit() {
        let df = parse(
            "FROM a AS b\nONBUILD RUN [\"x\"]\nCOPY --from=b --link s d\nENV k v w\nARG x=1 y\nFOO bar\nHEALTHCHECK\n",
        );
        assert_eq!(
            df.dump(),
            "(from \"a\" \"AS\" \"b\")\n(onbuild (run \"x\"))\n(copy [\"--from=b\" \"--link\"] \"s\" \"d\")\n(env \"k\" \"v w\" \"\")\n(arg \"x=1\" \"y\")\n(foo \"\")\n(healthcheck)"
        );
    }
}
