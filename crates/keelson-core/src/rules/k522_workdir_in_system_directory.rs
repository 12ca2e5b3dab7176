//! K522 workdir-in-system-directory: `WORKDIR` makes a system directory (`/usr/bin`, `/etc`,
//! `/lib`, `/proc`, …) the working directory, so the relative paths of later instructions and of
//! the application write among the system's own files. `WORKDIR /` is reported only when a
//! `COPY`/`ADD` with a relative destination follows it in the stage (the build context then lands
//! in the root directory). See `rules/K522-workdir-in-system-directory/README.md`.

use keelson_model::dockerfile::Workdir;
use keelson_syntax::dockerfile::{InstructionArgs, InstructionKind};

use crate::context::DockerfileContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, DOCKERFILE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Immutability,
    severity: Severity::Warning,
    enabled_by_default: true,
    file_kinds: DOCKERFILE,
    peers: &[peer("trivy", "DS-0030")],
    fixable: false,
};

pub(crate) struct WorkdirInSystemDirectory;
pub(crate) static RULE: WorkdirInSystemDirectory = WorkdirInSystemDirectory;

/// Directories that belong to the operating system: programs, libraries, configuration roots,
/// kernel interfaces.
const SYSTEM_DIRS: &[&str] = &[
    "/bin",
    "/sbin",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/usr",
    "/usr/bin",
    "/usr/sbin",
    "/usr/lib",
    "/usr/lib32",
    "/usr/lib64",
    "/usr/libexec",
    "/usr/include",
    "/usr/share",
    "/usr/local/bin",
    "/usr/local/sbin",
    "/usr/local/lib",
    "/etc",
    "/boot",
    "/dev",
    "/proc",
    "/sys",
    "/var",
    "/var/lib",
];

const HELP: &str = "give the application its own directory (`WORKDIR /app`, `/srv/app`, \
     `/opt/<name>`) and copy into it";

impl Check for WorkdirInSystemDirectory {
    fn dockerfile(&self, cx: &DockerfileContext<'_>, out: &mut Reporter<'_>) {
        for ins in cx.syntax.instructions() {
            if ins.kind != InstructionKind::Workdir {
                continue;
            }
            let InstructionArgs::Workdir(arg) = &ins.view else {
                continue;
            };
            let (Some(word), Some(id)) = (&arg.value, cx.model.id_of(ins)) else {
                continue;
            };
            // The directory this `WORKDIR` sets, as the model resolves it for what follows.
            let expansion = cx.model.expand_at(id, &word.raw);
            let unknown = Workdir {
                instruction: None,
                path: None,
            };
            let before = cx.model.workdir_at(id).unwrap_or(&unknown);
            let Some(path) = before.apply(id, &expansion).path else {
                continue;
            };
            if SYSTEM_DIRS.contains(&path.as_str()) {
                out.report(
                    word.span,
                    format!(
                        "`WORKDIR {path}` makes a system directory the working directory: \
                         relative `COPY`/`ADD` destinations, `RUN` steps and the application's \
                         own files then write among the operating system's files, where they can \
                         replace programs or configuration and are hard to tell apart"
                    ),
                )
                .help(HELP);
                continue;
            }
            if path != "/" {
                continue;
            }
            // `WORKDIR /` only resets the directory; it matters when a copy follows.
            let Some(copy) = cx.syntax.instructions().find(|later| {
                later.span.start() > ins.span.start()
                    && matches!(later.kind, InstructionKind::Copy | InstructionKind::Add)
                    && cx
                        .model
                        .id_of(later)
                        .and_then(|l| cx.model.workdir_at(l))
                        .is_some_and(|w| w.instruction == Some(id))
                    && relative_destination(cx, later)
            }) else {
                continue;
            };
            out.report(
                word.span,
                format!(
                    "`WORKDIR /` makes the root directory the working directory, and line {} \
                     copies into it with a relative destination: the build context's files land \
                     beside `/etc`, `/usr` and `/bin`, where they can replace system files",
                    line_of(cx.source, copy.span.start())
                ),
            )
            .related(cx.file, copy.span, "copies into `/`")
            .help(HELP);
        }
    }
}

/// Whether a `COPY`/`ADD` has a destination that is not absolute (so it is joined to the
/// working directory).
fn relative_destination(
    cx: &DockerfileContext<'_>,
    ins: &keelson_syntax::dockerfile::Instruction,
) -> bool {
    let (InstructionArgs::Copy(args) | InstructionArgs::Add(args)) = &ins.view else {
        return false;
    };
    let Some(dest) = &args.destination else {
        return false;
    };
    let value = match cx.model.id_of(ins) {
        Some(id) => cx.model.expand_at(id, &dest.raw).value,
        None => dest.raw.clone(),
    };
    !value.starts_with('/') && !value.starts_with('$')
}

/// The 1-based line of byte offset `at`.
fn line_of(source: &str, at: usize) -> usize {
    source.get(..at).map_or(1, |s| s.matches('\n').count() + 1)
}
