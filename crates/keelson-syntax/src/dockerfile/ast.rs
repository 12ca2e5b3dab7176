//! The Dockerfile syntax tree: every node keeps its byte [`Span`] in the original text.
//!
//! The file is a list of [`Item`]s that partition the source: concatenating the text of every
//! item's [`Item::span`] gives the input back byte for byte. Instructions carry a typed view
//! ([`InstructionArgs`]) for rules, plus the *logical* text BuildKit works on ([`LogicalText`]),
//! which maps every logical offset back to the source.
//!
//! Text stored in words is the *raw* text BuildKit hands to its next stage: quotes and escapes
//! are kept, variables are not expanded. Exec-form (JSON) arguments are the decoded JSON strings.

use crate::span::Span;

pub use super::logical::LogicalText;

/// A parsed Dockerfile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dockerfile {
    /// Every part of the file, in order; their spans partition the source.
    pub items: Vec<Item>,
    /// The escape token in effect (`\` unless an `# escape=` directive changed it).
    pub escape: char,
    /// Problems found while parsing. Parsing never stops at the first one.
    pub errors: Vec<ParseError>,
    /// Things BuildKit accepts but warns about (for example empty continuation lines).
    pub warnings: Vec<ParseError>,
}

impl Default for Dockerfile {
    fn default() -> Self {
        Dockerfile {
            items: Vec::new(),
            escape: '\\',
            errors: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// One top-level part of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The bytes this item owns, including its leading whitespace and final line ending.
    pub span: Span,
    /// What the item is.
    pub kind: ItemKind,
}

/// What a top-level [`Item`] holds.
// Instructions are stored inline (not boxed): the enum is public API that callers match on,
// and the parser reserves the item list up front, so the size difference costs little.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// The UTF-8 byte-order mark at the very start of the file.
    Bom,
    /// A parser directive (`# syntax=…`, `# escape=…`, `# check=…`) at the top of the file.
    Directive(Directive),
    /// A whole-line comment outside any instruction.
    Comment(Comment),
    /// A line holding only whitespace.
    Blank,
    /// An instruction with its continuation lines, embedded comments and heredoc bodies.
    Instruction(Instruction),
    /// Text that forms no instruction (for example a lone line continuation at the end of the
    /// file). An error record points at it.
    Unparsed,
}

/// The known parser directives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DirectiveKind {
    /// `# syntax=<frontend image>`.
    Syntax,
    /// `# escape=\` or `` # escape=` ``.
    Escape,
    /// `# check=skip=…;error=…`.
    Check,
}

/// A parser directive line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The line without its line ending (from `#` to the last character).
    pub span: Span,
    /// Which directive this is.
    pub kind: DirectiveKind,
    /// The name as written (`syntax`, `Escape`, …).
    pub name: String,
    /// Span of the name.
    pub name_span: Span,
    /// The value, with surrounding whitespace removed.
    pub value: String,
    /// Span of the value.
    pub value_span: Span,
}

/// A comment line (`#` after optional whitespace).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// From `#` to the end of the line, without the line ending.
    pub span: Span,
    /// The text after `#`, with surrounding whitespace removed.
    pub text: String,
}

/// The instruction keywords.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InstructionKind {
    /// `ADD`.
    Add,
    /// `ARG`.
    Arg,
    /// `CMD`.
    Cmd,
    /// `COPY`.
    Copy,
    /// `ENTRYPOINT`.
    Entrypoint,
    /// `ENV`.
    Env,
    /// `EXPOSE`.
    Expose,
    /// `FROM`.
    From,
    /// `HEALTHCHECK`.
    Healthcheck,
    /// `LABEL`.
    Label,
    /// `MAINTAINER` (deprecated).
    Maintainer,
    /// `ONBUILD`.
    Onbuild,
    /// `RUN`.
    Run,
    /// `SHELL`.
    Shell,
    /// `STOPSIGNAL`.
    Stopsignal,
    /// `USER`.
    User,
    /// `VOLUME`.
    Volume,
    /// `WORKDIR`.
    Workdir,
    /// Anything else. BuildKit accepts it while parsing and fails when building.
    Unknown,
}

/// One instruction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// From the first character of the keyword to the end of the last line the instruction owns
    /// (heredoc terminators included), without the final line ending.
    pub span: Span,
    /// From the keyword to the end of the instruction's own (continued) line, without heredoc
    /// bodies and without the line ending.
    pub header_span: Span,
    /// Which instruction this is.
    pub kind: InstructionKind,
    /// The keyword as written (any case).
    pub keyword: String,
    /// Span of the keyword.
    pub keyword_span: Span,
    /// Leading `--name[=value]` options.
    pub flags: Vec<Flag>,
    /// The whole logical line (keyword included) as BuildKit sees it: continuations removed,
    /// embedded comment lines and empty continuation lines dropped.
    pub line: LogicalText,
    /// The arguments after the keyword and the flags, trimmed, as BuildKit passes them on.
    pub args: LogicalText,
    /// The typed view of the arguments.
    pub view: InstructionArgs,
    /// Heredocs opened on this instruction's line, in order.
    pub heredocs: Vec<Heredoc>,
    /// Comment lines inside the continuation (BuildKit drops them).
    pub embedded_comments: Vec<Comment>,
    /// Whitespace-only lines inside the continuation (allowed, BuildKit warns about them).
    pub empty_continuation_lines: Vec<Span>,
}

/// A leading `--name` or `--name=value` option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flag {
    /// The whole option as written, `--` included.
    pub span: Span,
    /// The option as written (logical text: continuations removed, quotes kept).
    pub raw: String,
    /// The name without `--`, after BuildKit removed quotes and backslashes.
    pub name: String,
    /// Span of the name (without `--`).
    pub name_span: Span,
    /// The value after `=`, after BuildKit removed quotes and backslashes; `None` for `--name`.
    pub value: Option<String>,
    /// Span of the value as written (quotes included), when there is a `=`.
    pub value_span: Option<Span>,
}

/// A word of an instruction's arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The text BuildKit passes on before variable expansion: quotes and escapes kept for shell
    /// form, the decoded string for JSON (exec) form. Continuations are removed.
    pub raw: String,
    /// Where the word is in the source (quotes included).
    pub span: Span,
}

/// A heredoc opened by a `<<EOF` word on a `RUN`, `COPY` or `ADD` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heredoc {
    /// The `<<EOF` word as written (fd prefix, `-` and quotes included).
    pub marker: String,
    /// Span of the marker word.
    pub marker_span: Span,
    /// The file descriptor prefix (`3<<EOF`), if any.
    pub fd: Option<u32>,
    /// `<<-`: leading tabs are stripped from the body and the terminator.
    pub strip_tabs: bool,
    /// The delimiter with quotes removed.
    pub delimiter: String,
    /// Whether variables are expanded in the body (`false` when the delimiter was quoted).
    pub expand: bool,
    /// The body exactly as in the file (line endings included, tabs not stripped).
    pub body: String,
    /// Span of the body lines, including their line endings.
    pub body_span: Span,
    /// Span of the terminator line (without line ending); `None` when the file ended first.
    pub terminator_span: Option<Span>,
}

/// The typed view of an instruction's arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InstructionArgs {
    /// `FROM [--platform=…] image [AS name]`.
    From(FromArgs),
    /// `RUN`.
    Run(RunArgs),
    /// `CMD`.
    Cmd(CommandArgs),
    /// `ENTRYPOINT`.
    Entrypoint(CommandArgs),
    /// `SHELL ["exe", "arg"]`.
    Shell(CommandArgs),
    /// `COPY`.
    Copy(CopyArgs),
    /// `ADD`.
    Add(CopyArgs),
    /// `ENV`.
    Env(KeyValueArgs),
    /// `LABEL`.
    Label(KeyValueArgs),
    /// `ARG name[=default] …`.
    Arg(ArgArgs),
    /// `USER`.
    User(StringArg),
    /// `WORKDIR`.
    Workdir(StringArg),
    /// `STOPSIGNAL`.
    Stopsignal(StringArg),
    /// `MAINTAINER`.
    Maintainer(StringArg),
    /// `EXPOSE`.
    Expose(WordList),
    /// `VOLUME`.
    Volume(WordList),
    /// `HEALTHCHECK`.
    Healthcheck(HealthcheckArgs),
    /// `ONBUILD <instruction>`.
    Onbuild(OnbuildArgs),
    /// An unknown instruction: only the raw arguments are known.
    Unknown,
}

/// `FROM [--platform=…] image [AS name]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FromArgs {
    /// The image reference word.
    pub image: Option<Word>,
    /// The `--platform` option, if given.
    pub platform: Option<Flag>,
    /// The `AS` keyword (any case), when there are three words.
    pub as_keyword: Option<Word>,
    /// The stage name after `AS`.
    pub stage_name: Option<Word>,
    /// Every whitespace-separated word, in order (as BuildKit splits them).
    pub words: Vec<Word>,
}

/// How a command is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandForm {
    /// JSON array form: `["executable", "arg"]`.
    Exec(ExecForm),
    /// Shell form: the text is run by the stage's shell.
    Shell(ShellForm),
}

/// JSON array (exec) form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecForm {
    /// The decoded strings, each with the span of its JSON string literal.
    pub args: Vec<Word>,
    /// From `[` to `]`.
    pub span: Span,
}

/// Shell form: the logical command text with its map back to the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShellForm {
    /// The command text as BuildKit passes it to the shell (before variable expansion).
    pub text: LogicalText,
}

/// Arguments of `CMD`, `ENTRYPOINT` and `SHELL`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandArgs {
    /// The command; `None` when the instruction has no arguments.
    pub command: Option<CommandForm>,
}

/// Arguments of `RUN`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunArgs {
    /// The command; `None` when the instruction has no arguments.
    pub command: Option<CommandForm>,
    /// The parsed `--mount` options, in order.
    pub mounts: Vec<MountSpec>,
}

/// A `--mount=type=…,key=value,…` option split into its fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountSpec {
    /// Span of the whole option value (after `--mount=`).
    pub span: Span,
    /// The comma-separated fields.
    pub fields: Vec<MountField>,
}

/// One `key=value` (or bare `key`) field of a `--mount` option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountField {
    /// The key, lower-cased as BuildKit compares it.
    pub key: String,
    /// Span of the key.
    pub key_span: Span,
    /// The value (quotes removed as in a CSV field); `None` for a bare key such as `readonly`.
    pub value: Option<String>,
    /// Span of the value as written.
    pub value_span: Option<Span>,
}

/// Arguments of `COPY` and `ADD`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CopyArgs {
    /// The sources (every word but the last). Heredoc sources appear here as their `<<EOF` word.
    pub sources: Vec<Word>,
    /// The destination (the last word).
    pub destination: Option<Word>,
    /// Whether the arguments were written as a JSON array.
    pub exec_form: bool,
    /// For each source, the index into [`Instruction::heredocs`] when it is a heredoc marker.
    pub heredoc_sources: Vec<Option<usize>>,
}

/// A `key=value` pair of `ENV`, `LABEL` or `ARG`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyValue {
    /// The whole pair.
    pub span: Span,
    /// The key.
    pub key: Word,
    /// The value; `None` when there is none (`ARG name`).
    pub value: Option<Word>,
}

/// Arguments of `ENV` and `LABEL`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyValueArgs {
    /// The pairs, in order.
    pub pairs: Vec<KeyValue>,
    /// The legacy `ENV key value` form (one pair, the value is the rest of the line).
    pub legacy: bool,
}

/// Arguments of `ARG`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArgArgs {
    /// Each declared argument with its optional default.
    pub args: Vec<KeyValue>,
}

/// An instruction whose argument is the rest of the line (`USER`, `WORKDIR`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StringArg {
    /// The argument; `None` when missing.
    pub value: Option<Word>,
}

/// A list of words (`EXPOSE`, `VOLUME`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordList {
    /// The words.
    pub words: Vec<Word>,
    /// Whether they were written as a JSON array.
    pub exec_form: bool,
}

/// Arguments of `HEALTHCHECK`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HealthcheckArgs {
    /// The first word (`CMD`, `NONE`, or something invalid); `None` for a bare `HEALTHCHECK`.
    pub kind: Option<Word>,
    /// The command after `CMD` (or after whatever first word was given).
    pub command: Option<CommandForm>,
}

impl HealthcheckArgs {
    /// Whether this is `HEALTHCHECK NONE`.
    pub fn is_none(&self) -> bool {
        self.kind
            .as_ref()
            .is_some_and(|w| w.raw.eq_ignore_ascii_case("none"))
    }
}

/// Arguments of `ONBUILD`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OnbuildArgs {
    /// The wrapped instruction, parsed like a top-level one.
    pub inner: Option<Box<Instruction>>,
}

/// What went wrong (or what BuildKit warns about).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ParseErrorKind {
    /// The file holds no instruction.
    NoInstructions,
    /// An instruction keyword BuildKit does not know.
    UnknownInstruction,
    /// Too few (or too many) arguments.
    WrongArgumentCount,
    /// A heredoc whose terminator never came.
    UnterminatedHeredoc,
    /// An `# escape=` value other than `\` or `` ` ``.
    InvalidEscape,
    /// A parser directive given twice.
    DuplicateDirective,
    /// An option the instruction does not accept.
    UnknownFlag,
    /// An option given without a required value, or with a bad one.
    InvalidFlagValue,
    /// A flag given twice where only one is allowed.
    DuplicateFlag,
    /// A malformed `ENV`/`LABEL` argument list (a word without `=`, or `ENV key` with no value).
    InvalidKeyValue,
    /// An empty name in `ENV`, `LABEL` or `ARG` (`=value`).
    BlankName,
    /// A JSON array holding something other than strings.
    InvalidJson,
    /// A form BuildKit rejects (for example `SHELL` not in JSON form).
    InvalidForm,
    /// A line continuation at the end of the file with no instruction.
    DanglingContinuation,
    /// A whitespace-only line inside a continuation (a warning).
    EmptyContinuationLine,
    /// An invalid build stage name.
    InvalidStageName,
}

/// A parse problem: where and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: ParseErrorKind,
    /// A sentence for people.
    pub message: String,
}
