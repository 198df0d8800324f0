//! How AI-ready a dataset is, worked out from its entry alone (no network): the readiness
//! profile shown on every dataset page, in the exports and by `faircat check --readiness`.
//!
//! One table, [`CRITERIA`], says everything about a criterion: its Bridge2AI group, the question
//! it answers, the entry fields it reads, what passes, the level that needs it, and how it is
//! judged. The profile, the level, the maintainers' list of what is missing and the criteria table
//! of `docs/ai-readiness.md` all come from it.

pub mod duo;
pub mod report;

use crate::entry::Key;
use crate::model::Dataset;
use crate::vocab::{Access, LabelType, LicenseCategory};
use serde::Serialize;
use std::borrow::Cow;

/// The groups of the Bridge2AI AI-readiness criteria (Bridge2AI Standards Working Group, 2024).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    Fairness,
    Provenance,
    Characterization,
    PreModelExplainability,
    Ethics,
    Sustainability,
    Computability,
}

impl Group {
    pub fn label(self) -> &'static str {
        match self {
            Group::Fairness => "FAIRness",
            Group::Provenance => "Provenance",
            Group::Characterization => "Characterization",
            Group::PreModelExplainability => "Pre-model explainability",
            Group::Ethics => "Ethics",
            Group::Sustainability => "Sustainability",
            Group::Computability => "Computability",
        }
    }
}

/// The outcome of one criterion for one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pass,
    Missing,
    NotApplicable,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Missing => "missing",
            Status::NotApplicable => "not applicable",
        }
    }
}

/// Yes, no, or not known from the entry: never guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    Yes,
    No,
    Unknown,
}

impl Answer {
    pub fn slug(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Unknown => "unknown",
        }
    }

    /// The value's label on the "commercial use" facet.
    pub fn commercial_label(self) -> &'static str {
        match self {
            Answer::Yes => "Commercial use allowed",
            Answer::No => "No commercial use",
            Answer::Unknown => "Commercial use not known",
        }
    }
}

/// How far a program can get the data without a person in the loop, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessTier {
    /// No access route in the entry.
    Unknown,
    /// Not available outside its owners.
    Closed,
    /// An application that someone reviews.
    Application,
    /// Free, after an account or a click-through agreement.
    Registration,
    /// Anyone can download from a public page.
    PublicPage,
    /// Files listed in the entry, each with a SHA-256 checksum: a script can fetch and verify.
    DirectDownload,
}

impl AccessTier {
    pub fn of(d: &Dataset) -> AccessTier {
        match d.access {
            None => AccessTier::Unknown,
            Some(Access::Private) => AccessTier::Closed,
            Some(Access::Application) => AccessTier::Application,
            Some(Access::Registration) => AccessTier::Registration,
            Some(Access::Public)
                if !d.downloads.is_empty() && d.downloads.iter().all(|f| f.sha256.is_some()) =>
            {
                AccessTier::DirectDownload
            }
            Some(Access::Public) => AccessTier::PublicPage,
        }
    }

    /// The tier as exports write it: `public-page`, `direct-download` ….
    pub fn slug(self) -> &'static str {
        match self {
            AccessTier::Unknown => "unknown",
            AccessTier::Closed => "closed",
            AccessTier::Application => "application",
            AccessTier::Registration => "registration",
            AccessTier::PublicPage => "public-page",
            AccessTier::DirectDownload => "direct-download",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AccessTier::Unknown => "unknown",
            AccessTier::Closed => "closed",
            AccessTier::Application => "on application",
            AccessTier::Registration => "after registration",
            AccessTier::PublicPage => "public download page",
            AccessTier::DirectDownload => "direct download with checksums",
        }
    }
}

/// The highest level; levels are cumulative (see [`Profile::level`]).
pub const TOP_LEVEL: u8 = 5;

/// The name of each level, 0 to [`TOP_LEVEL`].
pub const LEVEL_NAMES: [&str; 6] = [
    "Listed",
    "Described",
    "Terms known",
    "Characterised",
    "Traceable",
    "AI-ready",
];

/// One criterion of the profile.
pub struct Criterion {
    /// Stable identifier, used in exports and as the metric's name: `doi`, `license` ….
    pub id: &'static str,
    pub group: Group,
    /// The question it answers, as a team would ask it.
    pub question: &'static str,
    /// The entry fields it reads; the first is the one to fill in when it is missing.
    pub fields: &'static [Key],
    /// What passes.
    pub passes: &'static str,
    /// The lowest level that needs it to pass (or be not applicable).
    pub level: u8,
    judge: fn(&Dataset, &Terms) -> (Status, Reason),
}

/// One criterion judged for one entry.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub id: &'static str,
    pub group: Group,
    pub question: &'static str,
    /// The field to fill in when it is missing.
    pub field: &'static str,
    pub level: u8,
    pub status: Status,
    pub reason: Reason,
}

/// Why a criterion came out as it did, in words: most reasons are fixed texts.
pub type Reason = Cow<'static, str>;

/// What the terms of use allow, from the licence and the DUO codes.
#[derive(Debug, Clone, Serialize)]
pub struct Terms {
    pub commercial: Answer,
    pub derivatives: Answer,
    /// Why, in words.
    pub reason: Reason,
}

impl Terms {
    pub fn of(d: &Dataset, data_use: &[&duo::Term]) -> Terms {
        let excluding = data_use
            .iter()
            .find(|t| t.commercial == duo::CommercialUse::Excluded);
        let open = data_use
            .iter()
            .any(|t| t.commercial == duo::CommercialUse::Allowed);
        let Some(license) = &d.license else {
            return match excluding {
                Some(t) => Terms {
                    commercial: Answer::No,
                    derivatives: Answer::Unknown,
                    reason: format!("data-use condition {} ({})", t.code, t.label).into(),
                },
                None => Terms {
                    commercial: Answer::Unknown,
                    derivatives: Answer::Unknown,
                    reason: "no licence in the entry".into(),
                },
            };
        };
        let spdx = !license.id.starts_with("LicenseRef-");
        let no_derivatives = spdx && license.id.split('-').any(|p| p == "ND");
        let derivatives = if no_derivatives {
            Answer::No
        } else if spdx && license.category != LicenseCategory::Restricted {
            Answer::Yes
        } else {
            Answer::Unknown
        };
        let (commercial, why): (Answer, Reason) = match (excluding, license.category) {
            (Some(t), _) => (
                Answer::No,
                format!("data-use condition {} ({})", t.code, t.label).into(),
            ),
            (None, LicenseCategory::NonCommercial) => (
                Answer::No,
                format!("{} is non-commercial", license.id).into(),
            ),
            (
                None,
                LicenseCategory::PublicDomain
                | LicenseCategory::Permissive
                | LicenseCategory::ShareAlike,
            ) => (
                Answer::Yes,
                format!("{} allows commercial use", license.id).into(),
            ),
            (None, LicenseCategory::Restricted) if no_derivatives => (
                Answer::Yes,
                format!("{} allows commercial use without changes", license.id).into(),
            ),
            (None, LicenseCategory::Restricted) if open => (
                Answer::Yes,
                "data-use condition NRES (no restriction)".into(),
            ),
            (None, LicenseCategory::Restricted) => (
                Answer::Unknown,
                format!("the terms of {} are not classified", license.id).into(),
            ),
        };
        Terms {
            commercial,
            derivatives,
            reason: why,
        }
    }
}

/// What facets, sorting and counts need of a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub level: u8,
    pub commercial: Answer,
    pub access_tier: AccessTier,
}

impl Summary {
    pub fn of(d: &Dataset) -> Summary {
        Profile::of(d).summary()
    }

    /// The key of the level's facet value and its URL segment: `level-3`.
    pub fn level_key(&self) -> String {
        format!("level-{}", self.level)
    }

    /// "Level 3 — Characterised".
    pub fn level_label(&self) -> String {
        format!(
            "Level {} — {}",
            self.level, LEVEL_NAMES[self.level as usize]
        )
    }
}

/// The readiness profile of one entry.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    /// 0 to [`TOP_LEVEL`]: the highest level all of whose criteria (and those of every lower
    /// level) pass or do not apply; level 5 also needs a public download.
    pub level: u8,
    pub level_name: &'static str,
    pub access_tier: AccessTier,
    pub terms: Terms,
    /// One per criterion, in table order.
    pub checks: Vec<Check>,
}

impl Profile {
    pub fn of(d: &Dataset) -> Profile {
        let terms = Terms::of(d, &d.data_use);
        let checks: Vec<Check> = CRITERIA
            .iter()
            .map(|c| {
                let (status, reason) = (c.judge)(d, &terms);
                Check {
                    id: c.id,
                    group: c.group,
                    question: c.question,
                    field: c.fields[0].name(),
                    level: c.level,
                    status,
                    reason,
                }
            })
            .collect();
        let access_tier = AccessTier::of(d);
        let first_short = checks
            .iter()
            .filter(|c| c.status == Status::Missing)
            .map(|c| c.level)
            .min()
            .unwrap_or(TOP_LEVEL + 1);
        let mut level = first_short.saturating_sub(1).min(TOP_LEVEL);
        if level == TOP_LEVEL && access_tier < AccessTier::PublicPage {
            level = TOP_LEVEL - 1;
        }
        Profile {
            level,
            level_name: LEVEL_NAMES[level as usize],
            access_tier,
            terms,
            checks,
        }
    }

    pub fn summary(&self) -> Summary {
        Summary {
            level: self.level,
            commercial: self.terms.commercial,
            access_tier: self.access_tier,
        }
    }

    /// The ids of the criteria with this status, in table order.
    pub fn ids(&self, status: Status) -> Vec<&'static str> {
        self.checks
            .iter()
            .filter(|c| c.status == status)
            .map(|c| c.id)
            .collect()
    }

    /// The profile as the exports carry it: level, access tier, terms, and the criteria that
    /// are missing or do not apply (every other one passes).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "level": self.level,
            "level_name": self.level_name,
            "access_tier": self.access_tier.slug(),
            "commercial_use": self.terms.commercial.slug(),
            "derivatives": self.terms.derivatives.slug(),
            "terms_reason": self.terms.reason,
            "missing": self.ids(Status::Missing),
            "not_applicable": self.ids(Status::NotApplicable),
        })
    }

    /// The criteria that are missing, most valuable first: those the next level needs, then
    /// by level, then in table order.
    pub fn missing(&self) -> Vec<&Check> {
        let mut missing: Vec<&Check> = self
            .checks
            .iter()
            .filter(|c| c.status == Status::Missing)
            .collect();
        missing.sort_by_key(|c| c.level);
        missing
    }
}

fn pass(reason: impl Into<Reason>) -> (Status, Reason) {
    (Status::Pass, reason.into())
}

fn missing(reason: impl Into<Reason>) -> (Status, Reason) {
    (Status::Missing, reason.into())
}

fn not_applicable(reason: impl Into<Reason>) -> (Status, Reason) {
    (Status::NotApplicable, reason.into())
}

/// Whether the entry says it has no labels at all.
fn unlabelled(d: &Dataset) -> bool {
    d.label_types == [LabelType::None]
}

/// Platforms that are the owners' own site or a code host, not a data repository or registry.
const NOT_REPOSITORIES: &[&str] = &["own-website", "github"];

/// Every criterion, grouped by level, in the order pages and the doc list them.
pub const CRITERIA: &[Criterion] = &[
    Criterion {
        id: "coded",
        group: Group::Characterization,
        question: "Are modality and anatomy coded?",
        fields: &[Key::Anatomy, Key::Modalities],
        passes: "at least one DICOM modality and one body region from the built-in list, or none for a phantom",
        level: 1,
        judge: |d, _| {
            if d.anatomy.is_empty() && !d.expects_anatomy() {
                pass(format!(
                    "{} modality codes; a phantom, with no body region",
                    d.modalities.len()
                ))
            } else if d.anatomy.is_empty() {
                missing("not stated")
            } else {
                pass(format!(
                    "{} modality and {} body region codes",
                    d.modalities.len(),
                    d.anatomy.len()
                ))
            }
        },
    },
    Criterion {
        id: "sources",
        group: Group::Provenance,
        question: "Are the sources of its facts named?",
        fields: &[Key::Sources],
        passes: "at least one source",
        level: 1,
        judge: |d, _| match d.sources.len() {
            0 => missing("not stated"),
            n => pass(format!("{n} source(s)")),
        },
    },
    Criterion {
        id: "license",
        group: Group::Fairness,
        question: "Is the licence machine-readable?",
        fields: &[Key::License, Key::LicenseUrl],
        passes: "an SPDX id, or a `LicenseRef-…` with the URL of its terms",
        level: 2,
        judge: |d, _| match &d.license {
            None => missing("not stated"),
            Some(l) if l.id.starts_with("LicenseRef-") => match &l.url {
                Some(url) => pass(format!("{} ({url})", l.name)),
                None => missing(format!("{} has no licence URL", l.id)),
            },
            Some(l) => pass(format!("SPDX {}", l.id)),
        },
    },
    Criterion {
        id: "access",
        group: Group::Computability,
        question: "Is the access route stated, and how machine-actionable is it?",
        fields: &[Key::Access, Key::AccessUrl, Key::Downloads],
        passes: "an access route; its tier is reported: direct download with checksums > public download page > registration > application > closed",
        level: 2,
        judge: |d, _| match AccessTier::of(d) {
            AccessTier::Unknown => missing("not stated"),
            tier => pass(tier.label()),
        },
    },
    Criterion {
        id: "counts",
        group: Group::Characterization,
        question: "Is it known how much data there is?",
        fields: &[Key::Subjects, Key::Scans],
        passes: "the number of subjects or of scans",
        level: 3,
        judge: |d, _| match (d.subjects, d.scans) {
            (None, None) => missing("neither subjects nor scans"),
            (Some(s), None) => pass(format!("{s} subjects")),
            (None, Some(n)) => pass(format!("{n} scans")),
            (Some(s), Some(n)) => pass(format!("{s} subjects, {n} scans")),
        },
    },
    Criterion {
        id: "label-types",
        group: Group::PreModelExplainability,
        question: "Is the annotation type stated?",
        fields: &[Key::LabelTypes],
        passes: "at least one label type (`none` counts: it says there are no labels)",
        level: 3,
        judge: |d, _| match d.label_types.len() {
            0 => missing("not stated"),
            _ => pass(
                d.label_types
                    .iter()
                    .map(|l| l.slug())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        },
    },
    Criterion {
        id: "formats",
        group: Group::Computability,
        question: "Are the file formats declared?",
        fields: &[Key::FileFormats],
        passes: "at least one file format (DICOM, NIfTI …)",
        level: 3,
        judge: |d, _| match d.file_formats.len() {
            0 => missing("not stated"),
            _ => pass(d.file_formats.join(", ")),
        },
    },
    Criterion {
        id: "doi",
        group: Group::Fairness,
        question: "Does it have a persistent identifier?",
        fields: &[Key::Doi],
        passes: "the dataset's own DOI",
        level: 4,
        judge: |d, _| match &d.doi {
            Some(doi) => pass(format!("DOI {doi}")),
            None => missing("not stated"),
        },
    },
    Criterion {
        id: "citation",
        group: Group::Provenance,
        question: "Is it said how to cite it?",
        fields: &[Key::Citations],
        passes: "at least one citation",
        level: 4,
        judge: |d, _| match d.citations.len() {
            0 => missing("not stated"),
            n => pass(format!("{n} citation(s)")),
        },
    },
    Criterion {
        id: "creators",
        group: Group::Provenance,
        question: "Is it said who made it?",
        fields: &[Key::Creators, Key::Publisher],
        passes: "at least one creator (a person or an organisation)",
        level: 4,
        judge: |d, _| match d.creators.len() {
            0 => missing("not stated"),
            n => pass(format!("{n} creator(s)")),
        },
    },
    Criterion {
        id: "repository",
        group: Group::Sustainability,
        question: "Is it kept by a data repository or registry?",
        fields: &[Key::Platform],
        passes: "a platform other than the owners' own website or a code host",
        level: 4,
        judge: |d, _| {
            let hosts: Vec<&str> = d
                .platforms
                .iter()
                .filter(|p| !NOT_REPOSITORIES.contains(&p.id))
                .map(|p| p.name)
                .collect();
            if hosts.is_empty() {
                missing("no repository or registry among the platforms")
            } else {
                pass(hosts.join(", "))
            }
        },
    },
    Criterion {
        id: "dated",
        group: Group::Sustainability,
        question: "Is the date of its last update or release known?",
        fields: &[Key::Updated, Key::Released],
        passes: "`updated` or `released`",
        level: 4,
        judge: |d, _| match (d.updated, d.released) {
            (Some(u), _) => pass(format!("updated {u}")),
            (None, Some(r)) => pass(format!("released {r}")),
            (None, None) => missing("neither an update nor a release date"),
        },
    },
    Criterion {
        id: "use-terms",
        group: Group::Ethics,
        question: "Do the terms settle commercial use and derivatives?",
        fields: &[Key::License, Key::DataUse],
        passes: "commercial use and derivative works each known to be allowed or not",
        level: 5,
        judge: |_, t| {
            let said = format!(
                "commercial use: {}; derivatives: {} ({})",
                t.commercial.slug(),
                t.derivatives.slug(),
                t.reason
            );
            if t.commercial == Answer::Unknown || t.derivatives == Answer::Unknown {
                missing(said)
            } else {
                pass(said)
            }
        },
    },
    Criterion {
        id: "data-use",
        group: Group::Ethics,
        question: "Are the data-use conditions stated?",
        fields: &[Key::DataUse],
        passes: "GA4GH DUO codes; not applicable when an SPDX licence and free access (public or registration) state every condition",
        level: 5,
        judge: |d, _| {
            let open_terms = d
                .license
                .as_ref()
                .is_some_and(|l| !l.id.starts_with("LicenseRef-"))
                && matches!(d.access, Some(Access::Public | Access::Registration));
            match d.data_use.len() {
                0 if open_terms => not_applicable("an SPDX licence and free access"),
                0 => missing("not stated"),
                _ => pass(
                    d.data_use
                        .iter()
                        .map(|t| t.code)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            }
        },
    },
    Criterion {
        id: "annotation-protocol",
        group: Group::PreModelExplainability,
        question: "Is it described how the annotations were made?",
        fields: &[Key::AnnotationProtocol],
        passes: "an annotation protocol; not applicable without labels",
        level: 5,
        judge: |d, _| match &d.annotation_protocol {
            Some(_) => pass("stated"),
            None if unlabelled(d) => not_applicable("no labels"),
            None => missing("not stated"),
        },
    },
    Criterion {
        id: "completeness",
        group: Group::PreModelExplainability,
        question: "Is it said whether every target is annotated in every image?",
        fields: &[Key::Complete],
        passes: "`complete` is true or false; not applicable without labels",
        level: 5,
        judge: |d, _| match d.complete {
            Some(true) => pass("all targets annotated"),
            Some(false) => pass("not all targets annotated"),
            None if unlabelled(d) => not_applicable("no labels"),
            None => missing("not stated"),
        },
    },
];

/// The criteria table of `docs/ai-readiness.md`, made from [`CRITERIA`].
pub fn criteria_markdown() -> String {
    let mut out = String::from(
        "| level | criterion | group | question | fields | passes when |\n|---:|---|---|---|---|---|\n",
    );
    for c in CRITERIA {
        let fields: Vec<String> = c.fields.iter().map(|f| format!("`{}`", f.name())).collect();
        out.push_str(&format!(
            "| {} | `{}` | {} | {} | {} | {} |\n",
            c.level,
            c.id,
            c.group.label(),
            c.question,
            fields.join(", "),
            c.passes
        ));
    }
    out
}

#[cfg(test)]
mod tests;
