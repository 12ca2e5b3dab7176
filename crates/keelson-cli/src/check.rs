//! `keelson check`: discover, lint in parallel, render, exit.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use keelson_core::{
    kind_from_content, Config, ConfigCache, Diagnostic, FailureThreshold, FixOptions, LintOptions,
    LintRequest, Linter, OsFileSource, SelectionLayer, Severity, SourceFiles,
};
use rayon::prelude::*;

use crate::args::{CheckArgs, ColorChoice, Format, SeverityArg};
use crate::baseline;
use crate::discover::{discover, Target};
use crate::fix_cmd::{self, FixedFile};
use crate::output::{self, RunReport};
use crate::rules_cmd::write_stdout;
use crate::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};

/// One linted file's result.
struct FileOutcome {
    diagnostics: Vec<Diagnostic>,
    files: SourceFiles,
    error: Option<(PathBuf, String)>,
    linted: bool,
    /// With `--fix`/`--diff`: the file's fixed text, when it differs.
    fixed: Option<FixedFile>,
    /// The linted file.
    path: PathBuf,
    /// The failure threshold its config sets, if any.
    threshold: Option<FailureThreshold>,
}

/// Runs `keelson check`; returns the exit code.
pub fn run(args: &CheckArgs) -> u8 {
    let started = std::time::SystemTime::now();
    let linter = Linter::new();
    let registry = linter.registry();
    let extra =
        match SelectionLayer::from_cli(registry, &args.select, &args.extend_select, &args.ignore) {
            Ok(layer) => layer,
            Err(e) => return usage_error(&e.to_string()),
        };
    let fixed_config: Option<Arc<Config>> = if args.no_config {
        Some(Arc::new(Config::default()))
    } else if let Some(path) = &args.config {
        match Config::load(path, registry) {
            Ok(c) => Some(Arc::new(c)),
            Err(e) => return usage_error(&e.to_string()),
        }
    } else {
        None
    };
    let mut build_args = BTreeMap::new();
    for pair in &args.build_args {
        match pair.split_once('=') {
            Some((k, v)) => {
                build_args.insert(k.to_string(), v.to_string());
            }
            None => match std::env::var(pair) {
                // `--build-arg NAME` takes the value from the environment, as docker build does.
                Ok(v) => {
                    build_args.insert(pair.clone(), v);
                }
                Err(_) => return usage_error(&format!("--build-arg {pair}: expected NAME=VALUE")),
            },
        }
    }
    let options = LintOptions {
        build_args,
        target: args.target.clone(),
        environment: args
            .env_from_process
            .then(|| std::env::vars().collect::<BTreeMap<_, _>>()),
        ..LintOptions::default()
    };
    let cache = ConfigCache::new();
    let config_for = |path: &Path| -> Result<Arc<Config>, String> {
        match &fixed_config {
            Some(c) => Ok(c.clone()),
            None => cache.config_for(path, registry).map_err(|e| e.to_string()),
        }
    };

    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };

    let mut outcomes: Vec<FileOutcome> = Vec::new();
    let mut errors = Vec::new();
    let (file_paths, stdin_requested): (Vec<PathBuf>, bool) = {
        let stdin = paths.iter().any(|p| p.as_os_str() == "-");
        (
            paths.into_iter().filter(|p| p.as_os_str() != "-").collect(),
            stdin,
        )
    };
    let fix_options = (args.fix || args.diff).then(|| FixOptions {
        unsafe_fixes: args.unsafe_fixes,
        ..FixOptions::default()
    });
    if stdin_requested && args.fix {
        return usage_error("--fix cannot write standard input back; use --diff to see the fixes");
    }
    if stdin_requested {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            return usage_error(&format!("cannot read standard input: {e}"));
        }
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("-"));
        let target = Target {
            kind: keelson_core::kind_from_name(&name),
            path: name,
            explicit: true,
        };
        outcomes.push(lint_text(
            &linter,
            &target,
            &text,
            &config_for,
            &extra,
            &options,
            fix_options.as_ref(),
        ));
    }
    let (targets, discover_errors) = discover(&file_paths);
    errors.extend(discover_errors);
    outcomes.extend(
        targets
            .par_iter()
            .map(|t| match std::fs::read(&t.path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => lint_text(
                        &linter,
                        t,
                        &text,
                        &config_for,
                        &extra,
                        &options,
                        fix_options.as_ref(),
                    ),
                    Err(_) => FileOutcome::error(&t.path, "not valid UTF-8 text"),
                },
                Err(e) => FileOutcome::error(&t.path, &format!("cannot read: {e}")),
            })
            .collect::<Vec<_>>(),
    );

    let fixed: Vec<FixedFile> = outcomes.iter_mut().filter_map(|o| o.fixed.take()).collect();
    if args.diff {
        errors.extend(outcomes.iter().filter_map(|o| o.error.clone()));
        return fix_cmd::print_diffs(&fixed, &errors);
    }
    if args.fix {
        errors.extend(fix_cmd::write_fixes(&fixed));
        // A compose file's lint also reports what it read from other files (an `extends` base,
        // an include, the Dockerfile it builds). When one of those was just rewritten, those
        // findings sit at the old positions: lint such files again, from the fixed files.
        let rewritten: HashSet<PathBuf> = fixed.iter().map(|f| same_file_key(&f.path)).collect();
        let stale: Vec<usize> = outcomes
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                o.linted
                    && o.files.iter().any(|(_, f)| {
                        f.path.as_path() != o.path && rewritten.contains(&same_file_key(&f.path))
                    })
            })
            .map(|(i, _)| i)
            .collect();
        let relinted: Vec<(usize, FileOutcome)> = stale
            .par_iter()
            .filter_map(|&i| {
                let target = targets.iter().find(|t| t.path == outcomes[i].path)?;
                let text = std::fs::read_to_string(&target.path).ok()?;
                Some((
                    i,
                    lint_text(&linter, target, &text, &config_for, &extra, &options, None),
                ))
            })
            .collect();
        for (i, outcome) in relinted {
            outcomes[i] = outcome;
        }
    }

    let thresholds: HashMap<PathBuf, FailureThreshold> = outcomes
        .iter()
        .filter_map(|o| o.threshold.map(|t| (o.path.clone(), t)))
        .collect();
    let mut report = RunReport {
        diagnostics: Vec::new(),
        files: SourceFiles::new(),
        errors,
        files_checked: 0,
    };
    for o in outcomes {
        report.files_checked += usize::from(o.linted);
        if let Some(e) = o.error {
            report.errors.push(e);
        }
        for (_, f) in o.files.iter() {
            report.files.add(f.clone());
        }
        report.diagnostics.extend(o.diagnostics);
    }
    // A file pulled in by several projects (a shared `extends` base) reports once.
    report.diagnostics.sort_by(|a, b| {
        (
            a.file.as_path(),
            a.span.start,
            a.code,
            a.span.end,
            &a.message,
        )
            .cmp(&(
                b.file.as_path(),
                b.span.start,
                b.code,
                b.span.end,
                &b.message,
            ))
    });
    report.diagnostics.dedup_by(|a, b| {
        a.file == b.file && a.span == b.span && a.code == b.code && a.message == b.message
    });

    if let Some(file) = &args.baseline {
        if args.write_baseline {
            return match baseline::write(file, &report) {
                Ok(n) => {
                    eprintln!(
                        "keelson: recorded {n} finding{} in {}",
                        if n == 1 { "" } else { "s" },
                        file.display()
                    );
                    if report.errors.is_empty() {
                        EXIT_CLEAN
                    } else {
                        EXIT_ERROR
                    }
                }
                Err(e) => usage_error(&e),
            };
        }
        match baseline::apply(file, &mut report) {
            Ok(n) if n > 0 && args.format == Format::Pretty && !args.statistics => {
                eprintln!(
                    "keelson: {n} finding{} hidden by the baseline {}",
                    if n == 1 { "" } else { "s" },
                    file.display()
                );
            }
            Ok(_) => {}
            Err(e) => return usage_error(&e),
        }
    }

    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    let rendered = match args.format {
        _ if args.statistics && args.format == Format::Json => {
            output::statistics::render_json(&report)
        }
        _ if args.statistics => output::statistics::render_text(&report),
        Format::Pretty => output::pretty::render(&report, color),
        Format::Json => output::json::render(&report),
        Format::Sarif => output::sarif::render(&report, registry),
        Format::Concise => output::concise::render(&report),
        Format::Github => output::github::render(&report),
        Format::Checkstyle => output::checkstyle::render(&report),
        Format::Junit => output::junit::render(&report),
        Format::Codeclimate => output::codeclimate::render(&report),
        Format::Gitlab => output::gitlab::render(&report, started),
    };
    // These formats already list the errors in their own way.
    if !matches!(
        args.format,
        Format::Pretty | Format::Concise | Format::Github
    ) || args.statistics
    {
        for (path, message) in &report.errors {
            eprintln!("keelson: {}: {message}", path.display());
        }
    }
    let write_code = write_stdout(&rendered);
    if write_code != EXIT_CLEAN || !report.errors.is_empty() {
        return EXIT_ERROR;
    }
    let cli_threshold = args.severity.map(|s| match s {
        SeverityArg::Info => Severity::Info,
        SeverityArg::Warning => Severity::Warning,
        SeverityArg::Error => Severity::Error,
    });
    // The command line wins; else the failure threshold of the file's config; else info.
    let fails = |d: &Diagnostic| match cli_threshold {
        Some(t) => d.severity >= t,
        None => match thresholds.get(d.file.as_path()) {
            Some(FailureThreshold::Never) => false,
            Some(FailureThreshold::AtLeast(t)) => d.severity >= *t,
            None => true,
        },
    };
    if !args.exit_zero && report.diagnostics.iter().any(fails) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

impl FileOutcome {
    fn error(path: &Path, message: &str) -> Self {
        FileOutcome {
            diagnostics: Vec::new(),
            files: SourceFiles::new(),
            error: Some((path.to_path_buf(), message.to_string())),
            linted: false,
            fixed: None,
            path: path.to_path_buf(),
            threshold: None,
        }
    }
}

fn lint_text(
    linter: &Linter,
    target: &Target,
    text: &str,
    config_for: &(dyn Fn(&Path) -> Result<Arc<Config>, String> + Sync),
    extra: &SelectionLayer,
    options: &LintOptions,
    fix: Option<&FixOptions>,
) -> FileOutcome {
    let kind = match target.kind.or_else(|| kind_from_content(text)) {
        Some(k) => k,
        None => {
            return FileOutcome::error(
                &target.path,
                "cannot tell whether this is a Dockerfile or a compose file; name it `Dockerfile…`/`compose.yaml`, or give --stdin-filename",
            )
        }
    };
    let config = match config_for(&target.path) {
        Ok(c) => c,
        Err(e) => return FileOutcome::error(&target.path, &e),
    };
    let request = LintRequest {
        path: &target.path,
        text,
        kind,
        config: &config,
        extra: Some(extra),
        files: &OsFileSource,
        options,
    };
    let (output, fixed) = match fix {
        Some(fix) => {
            let out = linter.fix(&request, fix);
            let fixed = out.changed().then(|| FixedFile {
                path: target.path.clone(),
                original: text.to_string(),
                fixed: out.text.clone(),
                applied: out.applied.len(),
            });
            (out.lint, fixed)
        }
        None => (linter.lint(&request), None),
    };
    FileOutcome {
        diagnostics: output.diagnostics,
        files: output.files,
        error: None,
        linted: true,
        fixed,
        path: target.path.clone(),
        threshold: config.failure_threshold,
    }
}

/// The key under which two spellings of one path (`a/b.yml`, `./a/../a/b.yml`) meet: the
/// canonical path when the file exists, else the path as given.
fn same_file_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn usage_error(message: &str) -> u8 {
    eprintln!("keelson: {message}");
    EXIT_ERROR
}
