//! Applying fixes: the engine behind `keelson check --fix`, `--diff` and an editor's
//! "fix all" action.
//!
//! A fix is a set of [`Edit`]s in the file a diagnostic is in. Fixing a file runs passes: lint
//! the text, take every applicable fix of a finding in that file, apply the ones whose edits
//! do not overlap an edit already taken (a conflicting fix waits for the next pass, where it
//! is recomputed against the new text), and lint again, until a pass has nothing left to
//! apply or [`FixOptions::max_passes`] is reached. A pass whose edits would make the file
//! parse worse than before is undone fix by fix: only the fixes that keep the file readable
//! are kept, and a fix that broke it is not tried again.
//!
//! Edits only touch their own spans, so comments and formatting outside them are kept byte
//! for byte. Fixing is pure: it reads and returns strings and never touches the file system.
//!
//! ```
//! use std::path::Path;
//! use keelson_core::fix::FixOptions;
//! use keelson_core::{Config, FileKind, LintOptions, LintRequest, Linter, NoFiles};
//!
//! let text = "services:\n  web:\n    image: nginx:1.27\n";
//! let linter = Linter::new();
//! let fixed = linter.fix(
//!     &LintRequest {
//!         path: Path::new("compose.yaml"),
//!         text,
//!         kind: FileKind::Compose,
//!         config: &Config::default(),
//!         extra: None,
//!         files: &NoFiles,
//!         options: &LintOptions::default(),
//!     },
//!     &FixOptions::default(),
//! );
//! assert!(fixed.text.contains("read_only: true"));
//! assert!(fixed.changed());
//! ```

use std::collections::HashSet;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::lint::{LintOutput, LintRequest, Linter};
use crate::rule::FileKind;

/// The number of passes [`FixOptions::default`] allows.
pub const DEFAULT_MAX_PASSES: usize = 10;

/// What [`Linter::fix`] may apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FixOptions {
    /// Also apply fixes marked [`Applicability::Unsafe`] (they change behaviour).
    pub unsafe_fixes: bool,
    /// The most lint-and-apply passes to run before giving up.
    pub max_passes: usize,
}

impl Default for FixOptions {
    fn default() -> Self {
        FixOptions {
            unsafe_fixes: false,
            max_passes: DEFAULT_MAX_PASSES,
        }
    }
}

impl FixOptions {
    /// Whether a fix of this applicability may be applied.
    pub fn allows(&self, applicability: Applicability) -> bool {
        match applicability {
            Applicability::Safe => true,
            Applicability::Unsafe => self.unsafe_fixes,
        }
    }
}

/// One fix that was applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedFix {
    /// The code of the rule whose finding it fixed.
    pub code: &'static str,
    /// The rule's name.
    pub name: &'static str,
    /// The fix's description.
    pub description: String,
    /// The 1-based line of the finding, in the text of the pass that applied it.
    pub line: u32,
    /// The pass (1-based) that applied it.
    pub pass: usize,
}

/// What fixing one file produced.
#[derive(Clone, Debug)]
pub struct FixOutput {
    /// The fixed text (the input when nothing applied).
    pub text: String,
    /// The fixes applied, in order.
    pub applied: Vec<AppliedFix>,
    /// The passes run (lint + apply), at least 1.
    pub passes: usize,
    /// Whether fixing stopped because nothing applicable was left (`false`: the pass limit was
    /// reached or the fixes went round in a cycle).
    pub converged: bool,
    /// The lint of the fixed text: what is left for a person to look at.
    pub lint: LintOutput,
    original_len_and_hash: (usize, u64),
}

impl FixOutput {
    /// Whether the fixed text differs from the input.
    pub fn changed(&self) -> bool {
        (self.text.len(), hash(&self.text)) != self.original_len_and_hash
    }
}

/// The result of [`apply_fixes`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppliedEdits {
    /// The text with the accepted fixes applied.
    pub text: String,
    /// Indices (into the `fixes` argument) of the fixes applied, in input order.
    pub applied: Vec<usize>,
    /// Indices of the fixes left out: they overlap an accepted fix, or their own edits are
    /// out of range, split a character or overlap each other.
    pub skipped: Vec<usize>,
}

/// Applies every fix whose edits do not overlap an edit of a fix accepted before it (fixes
/// are taken in input order). Two edits overlap when their ranges share a byte, or when both
/// start at the same offset (two insertions there, or an insertion where a replacement
/// starts, have no defined order). A fix whose edits are identical to an accepted fix's is
/// counted as applied without applying it twice.
pub fn apply_fixes(text: &str, fixes: &[&Fix]) -> AppliedEdits {
    let mut taken: Vec<&Edit> = Vec::new();
    let mut taken_fixes: Vec<&[Edit]> = Vec::new();
    let mut applied = Vec::new();
    let mut skipped = Vec::new();
    for (i, fix) in fixes.iter().enumerate() {
        if taken_fixes.iter().any(|f| same_edits(f, &fix.edits)) {
            applied.push(i);
            continue;
        }
        if !edits_are_valid(text, &fix.edits)
            || fix
                .edits
                .iter()
                .any(|e| taken.iter().any(|t| overlaps(e, t)))
        {
            skipped.push(i);
            continue;
        }
        taken.extend(fix.edits.iter());
        taken_fixes.push(&fix.edits);
        applied.push(i);
    }
    taken.sort_by_key(|e| (e.span.start(), e.span.end()));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in taken {
        out.push_str(text.get(at..e.span.start()).unwrap_or(""));
        out.push_str(&e.replacement);
        at = e.span.end();
    }
    out.push_str(text.get(at..).unwrap_or(""));
    AppliedEdits {
        text: out,
        applied,
        skipped,
    }
}

/// Whether two edits cannot both be applied.
fn overlaps(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.span, b.span);
    a.start() == b.start() || (a.start() < b.end() && b.start() < a.end())
}

fn same_edits(a: &[Edit], b: &[Edit]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.span == y.span && x.replacement == y.replacement)
}

/// Whether a fix's own edits are in range, on character boundaries and pairwise disjoint.
fn edits_are_valid(text: &str, edits: &[Edit]) -> bool {
    if edits.is_empty() {
        return false;
    }
    let in_range = edits.iter().all(|e| {
        e.span.end() <= text.len()
            && text.is_char_boundary(e.span.start())
            && text.is_char_boundary(e.span.end())
    });
    in_range
        && edits
            .iter()
            .enumerate()
            .all(|(i, a)| edits.iter().skip(i + 1).all(|b| !overlaps(a, b)))
}

/// How badly `text` parses: the number of syntax errors of its kind. A fix must never raise it.
fn parse_errors(kind: FileKind, text: &str) -> usize {
    match kind {
        FileKind::Dockerfile => keelson_syntax::dockerfile::parse(text).errors.len(),
        FileKind::Compose => keelson_syntax::yaml::parse(text).errors.len(),
    }
}

fn hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// What identifies a fix across passes (offsets move, so they are left out).
fn fix_key(d: &Diagnostic, fix: &Fix) -> String {
    let mut key = format!("{}\u{1f}{}\u{1f}{}", d.code, d.message, fix.description);
    for e in &fix.edits {
        key.push('\u{1f}');
        key.push_str(&e.replacement);
    }
    key
}

impl Linter {
    /// Fixes the file of `req`: lints it, applies the applicable fixes of the findings in that
    /// file (not in other files the lint read), and repeats until nothing applicable is left
    /// or `options.max_passes` passes have run. See the [module documentation](crate::fix).
    pub fn fix(&self, req: &LintRequest<'_>, options: &FixOptions) -> FixOutput {
        let original_len_and_hash = (req.text.len(), hash(req.text));
        let mut text = req.text.to_string();
        let mut applied = Vec::new();
        let mut rejected: HashSet<String> = HashSet::new();
        let mut seen: HashSet<u64> = HashSet::from([hash(&text)]);
        let lint = |text: &str| {
            self.lint(&LintRequest {
                path: req.path,
                text,
                kind: req.kind,
                config: req.config,
                extra: req.extra,
                files: req.files,
                options: req.options,
            })
        };
        let mut current = lint(&text);
        let mut passes = 0;
        let mut converged = false;
        while passes < options.max_passes.max(1) {
            passes += 1;
            let candidates: Vec<(&Diagnostic, &Fix)> = current
                .diagnostics
                .iter()
                .filter(|d| d.file.as_path() == req.path)
                .filter_map(|d| d.fix.as_ref().map(|f| (d, f)))
                .filter(|(d, f)| {
                    options.allows(f.applicability) && !rejected.contains(&fix_key(d, f))
                })
                .collect();
            if candidates.is_empty() {
                converged = true;
                break;
            }
            let fixes: Vec<&Fix> = candidates.iter().map(|(_, f)| *f).collect();
            let mut result = apply_fixes(&text, &fixes);
            let before = parse_errors(req.kind, &text);
            let mut rejected_now = false;
            if parse_errors(req.kind, &result.text) > before {
                // Judge each fix alone against this pass's text; keep the ones that keep the
                // file readable, and never try the others again.
                let mut good: Vec<&Fix> = Vec::new();
                let mut good_index = Vec::new();
                for &i in &result.applied {
                    let Some((d, f)) = candidates.get(i) else {
                        continue;
                    };
                    let alone = apply_fixes(&text, &[*f]);
                    if parse_errors(req.kind, &alone.text) > before {
                        rejected.insert(fix_key(d, f));
                        rejected_now = true;
                    } else {
                        good.push(f);
                        good_index.push(i);
                    }
                }
                let mut together = apply_fixes(&text, &good);
                if parse_errors(req.kind, &together.text) > before {
                    // Fine alone, broken together: one per pass.
                    good.truncate(1);
                    good_index.truncate(1);
                    together = apply_fixes(&text, &good);
                }
                together.applied = together
                    .applied
                    .iter()
                    .filter_map(|&k| good_index.get(k).copied())
                    .collect();
                result = together;
            }
            if result.text == text {
                if rejected_now {
                    // The candidates changed: look again without the rejected fixes.
                    continue;
                }
                // Every remaining fix leaves the text as it is: a fix that fixes nothing.
                break;
            }
            if !seen.insert(hash(&result.text)) {
                // The fixes undo each other; stop at the current text.
                break;
            }
            for &i in &result.applied {
                if let Some((d, f)) = candidates.get(i) {
                    applied.push(AppliedFix {
                        code: d.code,
                        name: d.name,
                        description: f.description.clone(),
                        line: d.start.line,
                        pass: passes,
                    });
                }
            }
            text = result.text;
            current = lint(&text);
        }
        FixOutput {
            text,
            applied,
            passes,
            converged,
            lint: current,
            original_len_and_hash,
        }
    }
}

#[cfg(test)]
mod tests;
