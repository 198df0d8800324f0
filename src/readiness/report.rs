//! `faircat check --readiness`: per entry, what is missing, most valuable first; then how the
//! catalog's entries spread over the levels and which criteria are missing most often.

use super::{CRITERIA, LEVEL_NAMES, Profile, TOP_LEVEL};
use crate::model::Catalog;
use serde_json::{Value, json};
use std::fmt::Write as _;

/// The report as text: one block per entry that lacks something, then the totals.
pub fn text(catalog: &Catalog) -> String {
    let mut out = String::new();
    let mut levels = [0usize; TOP_LEVEL as usize + 1];
    let mut lacking = vec![0usize; CRITERIA.len()];
    for d in &catalog.datasets {
        let profile = Profile::of(d);
        levels[usize::from(profile.level)] += 1;
        let missing = profile.missing();
        for c in &missing {
            if let Some(k) = CRITERIA.iter().position(|x| x.id == c.id) {
                lacking[k] += 1;
            }
        }
        if missing.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "{}: level {} of {TOP_LEVEL} ({})",
            d.source_path.to_string_lossy().replace('\\', "/"),
            profile.level,
            profile.level_name
        );
        for c in missing {
            let _ = writeln!(out, "  level {}  {:<20} {}", c.level, c.field, c.question);
        }
    }
    let _ = writeln!(out, "\nreadiness of {} datasets:", catalog.datasets.len());
    for (level, n) in levels.iter().enumerate() {
        let _ = writeln!(out, "  level {level} {:<14} {n}", LEVEL_NAMES[level]);
    }
    let mut most: Vec<(usize, &super::Criterion)> = lacking
        .iter()
        .copied()
        .zip(CRITERIA)
        .filter(|(n, _)| *n > 0)
        .collect();
    most.sort_by_key(|(n, c)| (std::cmp::Reverse(*n), c.level));
    if !most.is_empty() {
        let _ = writeln!(out, "most often missing:");
        for (n, c) in most.iter().take(5) {
            let _ = writeln!(out, "  {n:>6}  {:<20} {}", c.fields[0].name(), c.question);
        }
    }
    out
}

/// The report as JSON: `[{"slug", "path", "level", "missing": [{"id", "field", "level"}]}]`
/// for every published entry.
pub fn json(catalog: &Catalog) -> Value {
    Value::Array(
        catalog
            .datasets
            .iter()
            .map(|d| {
                let profile = Profile::of(d);
                json!({
                    "slug": d.slug,
                    "path": d.source_path.to_string_lossy().replace('\\', "/"),
                    "level": profile.level,
                    "missing": profile.missing().iter().map(|c| json!({
                        "id": c.id,
                        "field": c.field,
                        "level": c.level,
                        "question": c.question,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}
