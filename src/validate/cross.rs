//! Checks between entries: duplicate DOIs, homepages and slugs, and references to other
//! entries (`derived_from`, `related`) that must exist.

use super::{Checked, Places};
use crate::diagnostics::{Diagnostic, Span, did_you_mean};
use std::collections::BTreeMap;
use std::path::Path;

/// Report every cross-entry problem into `out`.
pub fn check(entries: &[Checked], out: &mut Vec<Diagnostic>) {
    let doi = Duplicate {
        what: "DOI",
        help: "a DOI names one dataset; merge the entries or correct one of them",
        linked_may_share: false,
    };
    duplicates(
        entries,
        &doi,
        |e| {
            let doi = e.dataset.doi.as_ref()?;
            Some((doi.to_ascii_lowercase(), e.places.doi))
        },
        out,
    );
    let homepage = Duplicate {
        what: "homepage",
        help: "merge the entries or correct one of them; parts of one resource (e.g. the tasks of a challenge) may share a homepage when they list each other in 'related'",
        linked_may_share: true,
    };
    duplicates(
        entries,
        &homepage,
        |e| {
            let url = e.dataset.homepage.as_ref()?;
            Some((homepage_key(url), e.places.homepage))
        },
        out,
    );
    slug_case_collisions(entries, out);
    references(entries, out);
}

/// `https://Example.org/x/` and `https://example.org/x` are the same page.
fn homepage_key(url: &str) -> String {
    url.trim_end_matches('/').to_ascii_lowercase()
}

fn place(path: &Path, span: Span) -> String {
    format!(
        "{}:{}:{}",
        path.display().to_string().replace('\\', "/"),
        span.line,
        span.column
    )
}

/// A value that must not be shared between entries.
struct Duplicate {
    what: &'static str,
    help: &'static str,
    /// Entries that name each other in `related` or `derived_from` may share the value.
    linked_may_share: bool,
}

fn linked(a: &Checked, b: &Checked) -> bool {
    let names = |x: &Checked, y: &Checked| {
        x.dataset.related.contains(&y.dataset.slug)
            || x.dataset.derived_from.contains(&y.dataset.slug)
    };
    names(a, b) || names(b, a)
}

fn duplicates(
    entries: &[Checked],
    rule: &Duplicate,
    key: impl Fn(&Checked) -> Option<(String, Option<Span>)>,
    out: &mut Vec<Diagnostic>,
) {
    let mut groups: BTreeMap<String, Vec<(&Checked, Span)>> = BTreeMap::new();
    for e in entries {
        if let Some((k, span)) = key(e) {
            groups
                .entry(k)
                .or_default()
                .push((e, span.unwrap_or_else(Span::file_start)));
        }
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        for (i, (e, span)) in members.iter().enumerate() {
            let others: Vec<String> = members
                .iter()
                .enumerate()
                .filter(|(j, (o, _))| *j != i && !(rule.linked_may_share && linked(e, o)))
                .map(|(_, (o, s))| place(&o.dataset.source_path, *s))
                .collect();
            if others.is_empty() {
                continue;
            }
            let message = format!(
                "duplicate {}: also used by {}",
                rule.what,
                others.join(", ")
            );
            out.push(
                Diagnostic::error(&e.dataset.source_path, *span, message).with_help(rule.help),
            );
        }
    }
}

fn slug_case_collisions(entries: &[Checked], out: &mut Vec<Diagnostic>) {
    let mut groups: BTreeMap<String, Vec<&Checked>> = BTreeMap::new();
    for e in entries {
        groups
            .entry(e.dataset.slug.to_ascii_lowercase())
            .or_default()
            .push(e);
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        for e in members {
            let others: Vec<String> = members
                .iter()
                .filter(|o| o.dataset.slug != e.dataset.slug)
                .map(|o| {
                    o.dataset
                        .source_path
                        .display()
                        .to_string()
                        .replace('\\', "/")
                })
                .collect();
            out.push(
                Diagnostic::error(
                    &e.dataset.source_path,
                    Span::file_start(),
                    format!(
                        "slug '{}' collides with {} (file names differ only in case)",
                        e.dataset.slug,
                        others.join(", ")
                    ),
                )
                .with_help("slugs are lowercase; merge or rename one of the files"),
            );
        }
    }
}

fn references(entries: &[Checked], out: &mut Vec<Diagnostic>) {
    let slugs: BTreeMap<&str, &Checked> = entries
        .iter()
        .map(|e| (e.dataset.slug.as_str(), e))
        .collect();
    for e in entries {
        let d = &e.dataset;
        let Places {
            derived_from,
            related,
            ..
        } = &e.places;
        for (field, targets, spans) in [
            ("derived_from", &d.derived_from, derived_from),
            ("related", &d.related, related),
        ] {
            for (target, span) in targets.iter().zip(spans) {
                if let Some(problem) = reference(d.slug.as_str(), d.draft, field, target, &slugs) {
                    let (message, help, warning) = problem;
                    let diag = if warning {
                        Diagnostic::warning(&d.source_path, *span, message)
                    } else {
                        Diagnostic::error(&d.source_path, *span, message)
                    };
                    out.push(diag.with_help(help));
                }
            }
        }
    }
}

/// (message, help, is_warning) for one reference, or `None` when it is fine.
fn reference(
    own: &str,
    own_is_draft: bool,
    field: &str,
    target: &str,
    slugs: &BTreeMap<&str, &Checked>,
) -> Option<(String, String, bool)> {
    if target == own {
        let what = if field == "derived_from" {
            "derive from itself"
        } else {
            "be related to itself"
        };
        return Some((
            format!("entry '{own}' cannot {what}"),
            format!("remove '{own}' from '{field}'"),
            false,
        ));
    }
    match slugs.get(target) {
        Some(t) if t.dataset.draft && !own_is_draft => Some((
            format!("'{target}' in '{field}' is a draft, so the link is not published"),
            format!("publish '{target}' (remove `draft: true`) or remove the reference"),
            true,
        )),
        Some(_) => None,
        None => {
            let message = match did_you_mean(target, slugs.keys().copied()) {
                Some(s) => format!(
                    "'{field}' refers to '{target}', which is not an entry — did you mean '{s}'?"
                ),
                None => format!("'{field}' refers to '{target}', which is not an entry"),
            };
            Some((
                message,
                "use the slug (file name without .yaml) of an entry in content/datasets/".into(),
                false,
            ))
        }
    }
}
