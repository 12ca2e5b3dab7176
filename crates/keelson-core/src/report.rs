//! The reporter a rule writes its findings to.

use keelson_syntax::Span;

use crate::diagnostic::{Fix, Severity};
use crate::source::FileId;

/// A finding as a rule reports it, before configuration, suppressions and positions are applied.
#[derive(Clone, Debug)]
pub struct Finding {
    pub(crate) rule: usize,
    pub(crate) file: FileId,
    pub(crate) span: Span,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    pub(crate) fix: Option<Fix>,
    pub(crate) related: Vec<(FileId, Span, String)>,
    pub(crate) severity: Option<Severity>,
}

impl Finding {
    /// Overrides the rule's default severity for this finding (for graded rules). A severity
    /// set for the rule in configuration still wins.
    pub fn severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = Some(severity);
        self
    }

    /// Adds the help line: how to fix the problem, in words.
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }

    /// Attaches a machine-applicable fix.
    pub fn fix(&mut self, fix: Fix) -> &mut Self {
        self.fix = Some(fix);
        self
    }

    /// Adds a related location that explains the finding.
    pub fn related(&mut self, file: FileId, span: Span, message: impl Into<String>) -> &mut Self {
        self.related.push((file, span, message.into()));
        self
    }
}

/// Collects the findings of one rule on one file.
pub struct Reporter<'a> {
    rule: usize,
    file: FileId,
    findings: &'a mut Vec<Finding>,
}

impl<'a> Reporter<'a> {
    pub(crate) fn new(rule: usize, file: FileId, findings: &'a mut Vec<Finding>) -> Self {
        Reporter {
            rule,
            file,
            findings,
        }
    }

    /// Reports a finding at `span` of the file being linted.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> &mut Finding {
        let file = self.file;
        self.report_in(file, span, message)
    }

    /// Reports a finding at `span` of another file of the same lint run (a file a compose
    /// project `extends` or `include`s, or the Dockerfile a service builds).
    pub fn report_in(
        &mut self,
        file: FileId,
        span: Span,
        message: impl Into<String>,
    ) -> &mut Finding {
        self.findings.push(Finding {
            rule: self.rule,
            file,
            span,
            message: message.into(),
            help: None,
            fix: None,
            related: Vec::new(),
            severity: None,
        });
        let last = self.findings.len() - 1;
        &mut self.findings[last]
    }
}
