//! The readiness profile as a dataset page shows it: the badge beside the licence badge, what
//! the terms allow, and the checklist of every criterion with the field to fill in.

use super::view::{Item, href};
use crate::badges;
use crate::model::{Dataset, FacetKind};
use crate::readiness::{self, Profile, Status, Summary};
use serde::Serialize;

/// The path of the page that lists entries by what they lack.
pub const HELP_WANTED_PATH: &str = "help-wanted/";

#[derive(Debug, Clone, Serialize)]
pub struct ReadinessBadge {
    pub src: String,
    pub alt: String,
    pub width: u32,
    /// The facet page of the level.
    pub href: String,
}

impl ReadinessBadge {
    pub fn new(root: &str, summary: &Summary) -> ReadinessBadge {
        ReadinessBadge {
            src: format!("{root}{}", badges::readiness_path(summary.level)),
            alt: badges::readiness_alt(summary.level),
            width: badges::readiness_width(summary.level),
            href: href(
                root,
                &format!("{}/{}/", FacetKind::Readiness.slug(), summary.level_key()),
            ),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckView {
    pub question: &'static str,
    pub group: &'static str,
    /// `pass`, `missing` or `not-applicable`: the row's class.
    pub status: &'static str,
    pub status_label: &'static str,
    pub reason: String,
    /// The field to fill in, shown when the criterion is missing.
    pub field: &'static str,
    pub level: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReadinessView {
    pub badge: ReadinessBadge,
    pub level: u8,
    pub top_level: u8,
    pub level_name: &'static str,
    /// "Commercial use allowed", with the facet page of the answer.
    pub commercial: Item,
    pub derivatives: &'static str,
    pub terms_reason: String,
    pub access_tier: &'static str,
    pub checks: Vec<CheckView>,
    pub missing: usize,
    /// The data-use conditions in words, each linked to its term in the ontology.
    pub data_use: Vec<Item>,
    pub help_wanted: String,
}

impl ReadinessView {
    pub fn new(root: &str, d: &Dataset) -> ReadinessView {
        let profile = Profile::of(d);
        let summary = profile.summary();
        let commercial = profile.terms.commercial;
        ReadinessView {
            badge: ReadinessBadge::new(root, &summary),
            level: profile.level,
            top_level: readiness::TOP_LEVEL,
            level_name: profile.level_name,
            commercial: Item::link(
                commercial.commercial_label(),
                href(
                    root,
                    &format!("{}/{}/", FacetKind::Commercial.slug(), commercial.slug()),
                ),
            ),
            derivatives: profile.terms.derivatives.slug(),
            terms_reason: profile.terms.reason.to_string(),
            access_tier: profile.access_tier.label(),
            missing: profile.missing().len(),
            checks: profile
                .checks
                .iter()
                .map(|c| CheckView {
                    question: c.question,
                    group: c.group.label(),
                    status: match c.status {
                        Status::Pass => "pass",
                        Status::Missing => "missing",
                        Status::NotApplicable => "not-applicable",
                    },
                    status_label: c.status.label(),
                    reason: c.reason.to_string(),
                    field: c.field,
                    level: c.level,
                })
                .collect(),
            data_use: d
                .data_use
                .iter()
                .map(|t| {
                    let mut item = Item::url(t.label, &t.iri());
                    item.note = Some(format!("{} · {}", t.code, t.id));
                    item
                })
                .collect(),
            help_wanted: href(root, HELP_WANTED_PATH),
        }
    }
}

/// How many entries the help-wanted page lists under one criterion; the rest are counted
/// (`faircat check --readiness` lists them all).
pub const HELP_WANTED_ROWS: usize = 100;

/// One criterion on the help-wanted page, with the entries that lack it.
#[derive(Debug, Clone, Serialize)]
pub struct Wanted {
    pub id: &'static str,
    pub question: &'static str,
    pub field: &'static str,
    pub level: u8,
    pub count: usize,
    pub entries: Vec<Item>,
    /// Entries lacking it beyond those listed.
    pub more: usize,
}

/// Every criterion that some entry lacks, most valuable first (the lowest level first, then
/// the table's order), each with the entries that lack it, by name.
pub fn help_wanted(root: &str, catalog: &crate::model::Catalog) -> Vec<Wanted> {
    use rayon::prelude::*;
    let missing: Vec<Vec<&'static str>> = catalog
        .datasets
        .par_iter()
        .map(|d| Profile::of(d).missing().iter().map(|c| c.id).collect())
        .collect();
    let mut wanted: Vec<Wanted> = readiness::CRITERIA
        .iter()
        .map(|c| {
            let lacking: Vec<usize> = (0..catalog.datasets.len())
                .filter(|&i| missing[i].contains(&c.id))
                .collect();
            Wanted {
                id: c.id,
                question: c.question,
                field: c.fields[0].name(),
                level: c.level,
                count: lacking.len(),
                entries: lacking
                    .iter()
                    .take(HELP_WANTED_ROWS)
                    .map(|&i| {
                        let d = &catalog.datasets[i];
                        Item::link(d.name.clone(), href(root, &d.path()))
                    })
                    .collect(),
                more: lacking.len().saturating_sub(HELP_WANTED_ROWS),
            }
        })
        .filter(|w| w.count > 0)
        .collect();
    wanted.sort_by_key(|w| w.level);
    wanted
}
