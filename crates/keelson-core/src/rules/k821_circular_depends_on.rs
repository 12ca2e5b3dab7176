//! K821 circular-depends-on: services depend on each other in a cycle (through `depends_on`,
//! `links`, `volumes_from` or a `service:NAME` mode); Compose cannot order them and refuses the
//! project. See `rules/K821-circular-depends-on/README.md`.

use super::k816_undefined_service_reference::{service_refs, ServiceRef};
use crate::context::ComposeContext;
use crate::diagnostic::{Category, Severity};
use crate::report::Reporter;
use crate::rule::{Check, RuleSpec, COMPOSE};

pub(crate) const SPEC: RuleSpec = RuleSpec {
    category: Category::Correctness,
    severity: Severity::Error,
    enabled_by_default: true,
    file_kinds: COMPOSE,
    peers: &[],
    fixable: false,
};

pub(crate) struct CircularDependsOn;
pub(crate) static RULE: CircularDependsOn = CircularDependsOn;

/// An edge of the dependency graph: service `from` needs service `to`.
struct Edge {
    from: usize,
    to: usize,
    reference: ServiceRef,
}

impl Check for CircularDependsOn {
    fn compose(&self, cx: &ComposeContext<'_>, out: &mut Reporter<'_>) {
        let services = &cx.project.services;
        let mut edges: Vec<Edge> = Vec::new();
        for (from, service) in services.iter().enumerate() {
            for reference in service_refs(service) {
                if let Some(to) = services.iter().position(|s| s.name == reference.name) {
                    edges.push(Edge {
                        from,
                        to,
                        reference,
                    });
                }
            }
        }
        let mut reported = vec![false; services.len()];
        for start in 0..services.len() {
            if reported.get(start).copied().unwrap_or(true) {
                continue;
            }
            let Some(cycle) = cycle_from(start, services.len(), &edges) else {
                continue;
            };
            for e in &cycle {
                if let Some(r) = reported.get_mut(edges[*e].from) {
                    *r = true;
                }
            }
            report_cycle(cx, out, &edges, &cycle);
        }
    }
}

/// The edges of a cycle that goes through `start` (a shortest one, by breadth-first search),
/// or `None` when `start` is on no cycle.
fn cycle_from(start: usize, nodes: usize, edges: &[Edge]) -> Option<Vec<usize>> {
    // For each node, the edge that first reached it.
    let mut reached_by: Vec<Option<usize>> = vec![None; nodes];
    let mut queue = std::collections::VecDeque::from([start]);
    let mut seen = vec![false; nodes];
    while let Some(node) = queue.pop_front() {
        for (i, e) in edges.iter().enumerate().filter(|(_, e)| e.from == node) {
            if e.to == start {
                let mut path = vec![i];
                let mut at = node;
                while at != start {
                    let prev = reached_by.get(at).copied().flatten()?;
                    path.push(prev);
                    at = edges.get(prev)?.from;
                }
                path.reverse();
                return Some(path);
            }
            if !seen.get(e.to).copied().unwrap_or(true) {
                if let Some(s) = seen.get_mut(e.to) {
                    *s = true;
                }
                if let Some(r) = reached_by.get_mut(e.to) {
                    *r = Some(i);
                }
                queue.push_back(e.to);
            }
        }
    }
    None
}

fn report_cycle(cx: &ComposeContext<'_>, out: &mut Reporter<'_>, edges: &[Edge], cycle: &[usize]) {
    let services = &cx.project.services;
    let name = |i: usize| services.get(i).map_or("", |s| s.name.as_str());
    let Some(first) = cycle.first().and_then(|&e| edges.get(e)) else {
        return;
    };
    let mut chain: Vec<&str> = cycle
        .iter()
        .filter_map(|&e| edges.get(e))
        .map(|e| name(e.from))
        .collect();
    chain.push(name(first.from));
    let chain = chain
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(" -> ");
    let (file, span) = cx.at(first.reference.loc);
    let message = if cycle.len() == 1 {
        format!(
            "service `{}` depends on itself (`{}`): Compose cannot start a service before \
             itself and refuses the project",
            name(first.from),
            first.reference.attribute
        )
    } else {
        format!(
            "services depend on each other in a cycle, {chain}: Compose cannot decide which to \
             start first and refuses the project"
        )
    };
    let finding = out.report_in(file, span, message);
    finding.help(
        "remove one dependency of the cycle; if two services must talk to each other, let one \
         retry its connection instead of depending on the other",
    );
    for &e in cycle.iter().skip(1) {
        let Some(edge) = edges.get(e) else { continue };
        let (rfile, rspan) = cx.at(edge.reference.loc);
        finding.related(
            rfile,
            rspan,
            format!(
                "`{}` needs `{}` here ({})",
                name(edge.from),
                name(edge.to),
                edge.reference.attribute
            ),
        );
    }
}
