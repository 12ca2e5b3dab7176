//! K802 invalid-compose: the compose file has text Docker Compose would reject.

use keelson_model::compose::issue::IssueKind;

use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{peer, Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[peer("dclint", "schema"), peer("compose-lint", "parse error")],
    fixable: false,
};

pub(crate) struct InvalidCompose;
pub(crate) static RULE: InvalidCompose = InvalidCompose;

impl Check for InvalidCompose {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        for issue in &cx.project.issues {
            let severity = match issue.kind {
                // A `${VAR:?}` left unset is a fact about the environment keelson does not read
                // by default, not about the file.
                IssueKind::RequiredVariable => continue,
                // Compose reads them, merging in order; worth a look, not a broken file.
                IssueKind::MultipleDocuments | IssueKind::MergeConflict => Severity::Warning,
                _ => Severity::Error,
            };
            let (file, span) = cx.at(issue.loc);
            let finding = out.report_in(file, span, issue.message.clone());
            finding.severity(severity).help(help_for(issue.kind));
            if let Some(related) = issue.related {
                let (rfile, rspan) = cx.at(related);
                finding.related(rfile, rspan, related_note(issue.kind));
            }
        }
    }
}

fn help_for(kind: IssueKind) -> &'static str {
    match kind {
        IssueKind::YamlSyntax | IssueKind::UnknownAlias => {
            "fix the YAML here; keelson checked the part of the file before this point"
        }
        IssueKind::DuplicateKey => "remove one of the two keys; Compose refuses files with duplicate keys",
        IssueKind::AliasBudget => "aliases expand past keelson's limit; simplify the anchors (this looks like an alias bomb)",
        IssueKind::MultipleDocuments => "put the whole project in one YAML document",
        IssueKind::MissingFile => "create the file or correct the path (it is relative to the file that names it)",
        IssueKind::ExtendsMissingService | IssueKind::ExtendsCycle | IssueKind::ExtendsInvalid => {
            "point `extends` at an existing service, without cycles"
        }
        IssueKind::IncludeCycle | IssueKind::IncludeConflict | IssueKind::IncludeInvalid => {
            "fix the `include` list so every project is included once and names each resource once"
        }
        IssueKind::DotEnv => "fix this line of the .env file (KEY=VALUE)",
        _ => "correct the value to the type the Compose specification expects",
    }
}

fn related_note(kind: IssueKind) -> &'static str {
    match kind {
        IssueKind::DuplicateKey => "first written here",
        IssueKind::ExtendsCycle | IssueKind::IncludeCycle => "the cycle starts here",
        IssueKind::IncludeConflict => "also defined here",
        _ => "related",
    }
}
