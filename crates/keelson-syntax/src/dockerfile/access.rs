//! Convenience accessors over the syntax tree.

use super::ast::*;

impl Dockerfile {
    /// The top-level instructions, in order (`ONBUILD` triggers are inside their `ONBUILD`).
    pub fn instructions(&self) -> impl Iterator<Item = &Instruction> + '_ {
        self.items.iter().filter_map(|item| match &item.kind {
            ItemKind::Instruction(i) => Some(i),
            _ => None,
        })
    }

    /// The parser directives at the top of the file, in order.
    pub fn directives(&self) -> impl Iterator<Item = &Directive> + '_ {
        self.items.iter().filter_map(|item| match &item.kind {
            ItemKind::Directive(d) => Some(d),
            _ => None,
        })
    }

    /// The first directive of `kind` (the one BuildKit uses).
    pub fn directive(&self, kind: DirectiveKind) -> Option<&Directive> {
        self.directives().find(|d| d.kind == kind)
    }

    /// Every top-level comment line (comments inside instructions are in
    /// [`Instruction::embedded_comments`]).
    pub fn comments(&self) -> impl Iterator<Item = &Comment> + '_ {
        self.items.iter().filter_map(|item| match &item.kind {
            ItemKind::Comment(c) => Some(c),
            _ => None,
        })
    }
}

impl InstructionKind {
    /// Every known instruction, in alphabetical order.
    pub const ALL: [InstructionKind; 18] = [
        InstructionKind::Add,
        InstructionKind::Arg,
        InstructionKind::Cmd,
        InstructionKind::Copy,
        InstructionKind::Entrypoint,
        InstructionKind::Env,
        InstructionKind::Expose,
        InstructionKind::From,
        InstructionKind::Healthcheck,
        InstructionKind::Label,
        InstructionKind::Maintainer,
        InstructionKind::Onbuild,
        InstructionKind::Run,
        InstructionKind::Shell,
        InstructionKind::Stopsignal,
        InstructionKind::User,
        InstructionKind::Volume,
        InstructionKind::Workdir,
    ];

    /// The keyword in upper case (`"UNKNOWN"` for unknown instructions).
    pub fn name(self) -> &'static str {
        match self {
            InstructionKind::Add => "ADD",
            InstructionKind::Arg => "ARG",
            InstructionKind::Cmd => "CMD",
            InstructionKind::Copy => "COPY",
            InstructionKind::Entrypoint => "ENTRYPOINT",
            InstructionKind::Env => "ENV",
            InstructionKind::Expose => "EXPOSE",
            InstructionKind::From => "FROM",
            InstructionKind::Healthcheck => "HEALTHCHECK",
            InstructionKind::Label => "LABEL",
            InstructionKind::Maintainer => "MAINTAINER",
            InstructionKind::Onbuild => "ONBUILD",
            InstructionKind::Run => "RUN",
            InstructionKind::Shell => "SHELL",
            InstructionKind::Stopsignal => "STOPSIGNAL",
            InstructionKind::User => "USER",
            InstructionKind::Volume => "VOLUME",
            InstructionKind::Workdir => "WORKDIR",
            InstructionKind::Unknown => "UNKNOWN",
        }
    }

    /// The instruction for a keyword, compared case-insensitively.
    pub fn from_keyword(keyword: &str) -> InstructionKind {
        InstructionKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(keyword))
            .unwrap_or(InstructionKind::Unknown)
    }
}

impl Instruction {
    /// The first flag called `name` (without `--`).
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags.iter().find(|f| f.name == name)
    }

    /// Every flag called `name` (without `--`), for repeatable flags such as `--mount`.
    pub fn flags_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Flag> + 'a {
        self.flags.iter().filter(move |f| f.name == name)
    }

    /// The instruction `ONBUILD` wraps, if this is an `ONBUILD`.
    pub fn onbuild_inner(&self) -> Option<&Instruction> {
        match &self.view {
            InstructionArgs::Onbuild(o) => o.inner.as_deref(),
            _ => None,
        }
    }

    /// The command of `RUN`, `CMD`, `ENTRYPOINT`, `SHELL` or `HEALTHCHECK CMD`.
    pub fn command(&self) -> Option<&CommandForm> {
        match &self.view {
            InstructionArgs::Run(r) => r.command.as_ref(),
            InstructionArgs::Cmd(c)
            | InstructionArgs::Entrypoint(c)
            | InstructionArgs::Shell(c) => c.command.as_ref(),
            InstructionArgs::Healthcheck(h) => h.command.as_ref(),
            _ => None,
        }
    }
}

impl ParseErrorKind {
    /// Whether BuildKit's *parser* rejects the file for this (rather than its later instruction
    /// checks): directive errors, malformed `ENV`/`LABEL`, non-string JSON arrays, unterminated
    /// heredocs, files without instructions. Warnings return `false`.
    pub fn is_parser_level(self) -> bool {
        matches!(
            self,
            ParseErrorKind::NoInstructions
                | ParseErrorKind::UnterminatedHeredoc
                | ParseErrorKind::InvalidEscape
                | ParseErrorKind::DuplicateDirective
                | ParseErrorKind::InvalidJson
                | ParseErrorKind::InvalidKeyValue
        )
    }
}

impl Heredoc {
    /// The body as BuildKit uses it: with leading tabs removed from every line for `<<-`.
    pub fn content(&self) -> String {
        if !self.strip_tabs {
            return self.body.clone();
        }
        let mut out = String::with_capacity(self.body.len());
        for line in self.body.split_inclusive('\n') {
            out.push_str(line.trim_start_matches('\t'));
        }
        out
    }
}

impl MountSpec {
    /// The value of the first field called `key` (lower case), if it has one.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .and_then(|f| f.value.as_deref())
    }

    /// The mount type (`bind` when not given, as in BuildKit).
    pub fn mount_type(&self) -> &str {
        self.get("type").unwrap_or("bind")
    }
}
