//! The validated catalog: what every output (pages, JSON-LD, search, exports) is built from.
//!
//! Nothing here is raw input: `validate` is the only way in, so every value has been checked
//! against its vocabulary, every URL is http(s), and every cross-reference resolves.

use crate::config::Config;
use crate::vocab::{Access, Anatomy, LabelType, License, Modality, Platform};
use jiff::civil::Date;
use serde::Serialize;
use std::path::PathBuf;
use std::sync::Arc;

/// A dataset entry, one per `content/datasets/<slug>.yaml`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Dataset {
    /// File name without `.yaml`: lowercase letters, digits and dashes.
    pub slug: String,
    /// Path of the source file relative to the catalog root (for "edit this entry" links).
    pub source_path: PathBuf,
    /// Not published: kept in the repository while facts are missing.
    pub draft: bool,

    // identity
    pub name: String,
    pub acronym: Option<String>,
    pub alternate_names: Vec<String>,
    /// Markdown source, at least 50 characters.
    pub description: String,
    pub homepage: Option<String>,
    /// Bare DOI, e.g. `10.7937/K9/TCIA.2015.LO9QL9SX` (no `https://doi.org/` prefix).
    pub doi: Option<String>,
    /// People or organisations who made the dataset, in citation order.
    pub creators: Vec<Agent>,
    /// The dataset's own publisher (TCIA, PhysioNet…), not the catalog's.
    pub publisher: Option<Agent>,
    /// The dataset's version as its publisher names it (`2`, `v1.1`).
    pub version: Option<String>,
    pub year: Option<i32>,
    pub released: Option<Date>,
    pub updated: Option<Date>,
    /// When the entry was added to the catalog (Atom feed order).
    pub added: Option<Date>,
    pub keywords: Vec<String>,
    pub topic: Option<String>,

    // imaging
    pub modalities: Vec<&'static Modality>,
    pub anatomy: Vec<&'static Anatomy>,
    /// The images are of phantoms, not of people or animals.
    pub phantom: Option<bool>,
    pub subjects: Option<u64>,
    pub scans: Option<u64>,
    pub studies: Option<u64>,
    pub series: Option<u64>,
    pub sequences: Vec<String>,
    pub file_formats: Vec<String>,
    pub scanners: Vec<String>,
    /// Countries where the data was acquired.
    pub geography: Vec<String>,
    pub pathologies: Vec<String>,

    // annotations
    pub targets: Targets,
    pub label_types: Vec<LabelType>,
    /// Are all targets annotated in all images?
    pub complete: Option<bool>,
    pub pathology_annotated: Option<bool>,
    pub normal_anatomy_annotated: Option<bool>,
    pub annotation_protocol: Option<String>,

    // rights and access
    pub license: Option<License>,
    pub access: Option<Access>,
    pub access_url: Option<String>,
    pub platforms: Vec<&'static Platform>,
    /// Usable for scientific publication.
    pub publishable: Option<bool>,
    /// How the curators obtained the data.
    pub provision: Option<String>,
    pub contact: Option<Contact>,
    /// Files that can be downloaded directly.
    pub downloads: Vec<Download>,
    /// Data-use conditions as GA4GH Data Use Ontology terms: at most one permission, then modifiers.
    pub data_use: Vec<&'static crate::readiness::duo::Term>,

    // provenance
    pub citations: Vec<Citation>,
    /// Slugs of entries this dataset was derived from (checked to exist).
    pub derived_from: Vec<String>,
    /// Slugs of related entries (checked to exist).
    pub related: Vec<String>,
    /// Where the facts of this entry come from: URLs or references.
    pub sources: Vec<String>,
    pub remarks: Option<String>,
}

/// Structures annotated at each level.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Targets {
    pub pixel: Vec<String>,
    pub instance: Vec<String>,
    pub image: Vec<String>,
}

impl Targets {
    pub fn is_empty(&self) -> bool {
        self.pixel.is_empty() && self.instance.is_empty() && self.image.is_empty()
    }
}

/// Whether an agent is a person or an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgentKind {
    #[default]
    Person,
    Organization,
}

/// A creator or publisher: a person (`name` written "Family, Given") or an organisation.
/// ORCID and ROR ids are full `https://` IRIs whose form (and, for ORCID, checksum) was checked.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Agent {
    pub name: String,
    pub kind: AgentKind,
    pub orcid: Option<String>,
    pub ror: Option<String>,
    pub url: Option<String>,
}

impl Agent {
    pub fn is_person(&self) -> bool {
        self.kind == AgentKind::Person
    }

    /// `(family, given)` of a person whose name is written "Family, Given" (split at the first
    /// comma, both parts non-empty); `None` for organisations and for names without a comma.
    pub fn family_given(&self) -> Option<(&str, &str)> {
        if !self.is_person() {
            return None;
        }
        let (family, given) = self.name.split_once(',')?;
        let (family, given) = (family.trim(), given.trim());
        (!family.is_empty() && !given.is_empty()).then_some((family, given))
    }

    /// "Given Family" for a person written "Family, Given"; the name as written otherwise.
    pub fn display_name(&self) -> String {
        match self.family_given() {
            Some((family, given)) => format!("{given} {family}"),
            None => self.name.clone(),
        }
    }

    /// The agent's identifier IRI: its ORCID or ROR id.
    pub fn id(&self) -> Option<&str> {
        self.orcid.as_deref().or(self.ror.as_deref())
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    pub text: String,
    pub doi: Option<String>,
    pub url: Option<String>,
    /// The one to cite when using the dataset. Exactly one citation is preferred when any exist
    /// (validation makes the first one preferred if none is marked).
    pub preferred: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Download {
    pub url: String,
    pub name: Option<String>,
    /// IANA media type, e.g. `application/zip`.
    pub media_type: Option<String>,
    pub size_bytes: Option<u64>,
    /// Lowercase hex SHA-256 of the file, when known.
    pub sha256: Option<String>,
}

impl Dataset {
    /// `/datasets/<slug>/`, relative to the site root.
    pub fn path(&self) -> String {
        format!("datasets/{}/", self.slug)
    }

    /// The citation marked preferred, if any.
    pub fn preferred_citation(&self) -> Option<&Citation> {
        self.citations.iter().find(|c| c.preferred)
    }

    /// Acronym if there is one, else the name: for tables and badges.
    pub fn short_name(&self) -> &str {
        self.acronym.as_deref().unwrap_or(&self.name)
    }

    /// Whether a body region is expected: a phantom has none unless it represents one.
    pub fn expects_anatomy(&self) -> bool {
        self.phantom != Some(true)
    }

    /// `https://doi.org/<doi>`.
    pub fn doi_url(&self) -> Option<String> {
        self.doi.as_ref().map(|d| format!("https://doi.org/{d}"))
    }
}

/// A facet dimension: which pages exist under `/<kind>/<value>/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FacetKind {
    Modality,
    Anatomy,
    License,
    Access,
    Label,
    Platform,
    /// The readiness level (`readiness::Profile::level`).
    Readiness,
    /// Whether the terms allow commercial use: yes, no or unknown.
    Commercial,
}

impl FacetKind {
    pub const ALL: [FacetKind; 8] = [
        FacetKind::Modality,
        FacetKind::Anatomy,
        FacetKind::License,
        FacetKind::Access,
        FacetKind::Label,
        FacetKind::Platform,
        FacetKind::Readiness,
        FacetKind::Commercial,
    ];

    /// URL segment: `modality`, `anatomy`, `license`, `access`, `label`, `platform`.
    pub fn slug(self) -> &'static str {
        match self {
            FacetKind::Modality => "modality",
            FacetKind::Anatomy => "anatomy",
            FacetKind::License => "license",
            FacetKind::Access => "access",
            FacetKind::Label => "label",
            FacetKind::Platform => "platform",
            FacetKind::Readiness => "readiness",
            FacetKind::Commercial => "commercial-use",
        }
    }

    /// Heading shown to people.
    pub fn title(self) -> &'static str {
        match self {
            FacetKind::Modality => "Modality",
            FacetKind::Anatomy => "Anatomy",
            FacetKind::License => "Licence",
            FacetKind::Access => "Access",
            FacetKind::Label => "Label type",
            FacetKind::Platform => "Platform",
            FacetKind::Readiness => "AI readiness",
            FacetKind::Commercial => "Commercial use",
        }
    }
}

/// One value of a facet with the datasets that have it.
#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    /// URL segment, e.g. `ct`, `cc-by-4-0`.
    pub key: String,
    /// Display label, e.g. "CT — Computed Tomography".
    pub label: String,
    /// Indices into `Catalog::datasets`, in catalog order.
    pub datasets: Vec<usize>,
}

impl FacetValue {
    pub fn count(&self) -> usize {
        self.datasets.len()
    }
    /// `modality/ct/`, relative to the site root.
    pub fn path(&self, kind: FacetKind) -> String {
        format!("{}/{}/", kind.slug(), self.key)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    pub kind: FacetKind,
    /// Sorted by count (descending), then label.
    pub values: Vec<FacetValue>,
}

/// The whole validated, published catalog.
#[derive(Debug, Clone, Serialize)]
pub struct Catalog {
    pub config: Config,
    /// The about text of `content/_index.md`, as Markdown source.
    pub about: String,
    /// Published datasets (drafts removed), sorted by slug.
    pub datasets: Vec<Arc<Dataset>>,
    /// Slugs of drafts: in the repository, not published.
    pub drafts: Vec<String>,
    pub facets: Vec<Facet>,
    /// For each dataset (same index), the indices of datasets derived from it.
    pub derived_by: Vec<Vec<usize>>,
    /// For each dataset, indices of related datasets, in both directions.
    pub related_both_ways: Vec<Vec<usize>>,
    /// For each dataset, its readiness level, commercial use and access tier.
    pub readiness: Vec<crate::readiness::Summary>,
    /// See [`Catalog::modified`]; worked out once, as every FDP record and page asks for it.
    modified: Option<Date>,
}

impl Catalog {
    /// The published entries `d` is derived from (`derived_from`); drafts are left out, as
    /// their pages are not published.
    pub fn parents<'a>(&'a self, d: &'a Dataset) -> impl Iterator<Item = &'a Dataset> + 'a {
        d.derived_from.iter().filter_map(|slug| self.dataset(slug))
    }

    pub fn dataset(&self, slug: &str) -> Option<&Dataset> {
        self.datasets
            .binary_search_by(|d| d.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &*self.datasets[i])
    }

    pub fn index_of(&self, slug: &str) -> Option<usize> {
        self.datasets
            .binary_search_by(|d| d.slug.as_str().cmp(slug))
            .ok()
    }

    pub fn facet(&self, kind: FacetKind) -> &Facet {
        self.facets
            .iter()
            .find(|f| f.kind == kind)
            .expect("every facet kind is built")
    }

    /// The most recent `updated`/`added`/`released` date of any entry: the catalog's date, used
    /// wherever a date is needed so that builds stay reproducible (never the clock).
    pub fn modified(&self) -> Option<Date> {
        self.modified
    }
}

impl Catalog {
    /// Put validated datasets together: sort, drop drafts, build facets and the links that
    /// run both ways. Linear in the number of datasets and their facet values.
    pub fn assemble(
        config: Config,
        about: String,
        datasets: impl IntoIterator<Item = impl Into<Arc<Dataset>>>,
    ) -> Catalog {
        let mut datasets: Vec<Arc<Dataset>> = datasets.into_iter().map(Into::into).collect();
        datasets.sort_by(|a, b| a.slug.cmp(&b.slug));
        let (drafts, datasets): (Vec<Arc<Dataset>>, Vec<Arc<Dataset>>) =
            datasets.into_iter().partition(|d| d.draft);
        let drafts = drafts.into_iter().map(|d| d.slug.clone()).collect();
        let index: std::collections::HashMap<&str, usize> = datasets
            .iter()
            .enumerate()
            .map(|(i, d)| (d.slug.as_str(), i))
            .collect();

        let mut derived_by = vec![Vec::new(); datasets.len()];
        let mut related_both_ways = vec![Vec::new(); datasets.len()];
        for (i, d) in datasets.iter().enumerate() {
            for parent in d.derived_from.iter().filter_map(|s| index.get(s.as_str())) {
                derived_by[*parent].push(i);
            }
            for other in d.related.iter().filter_map(|s| index.get(s.as_str())) {
                if *other != i {
                    related_both_ways[i].push(*other);
                    related_both_ways[*other].push(i);
                }
            }
        }
        for list in derived_by.iter_mut().chain(related_both_ways.iter_mut()) {
            list.sort_unstable();
            list.dedup();
        }

        let readiness: Vec<crate::readiness::Summary> = {
            use rayon::prelude::*;
            datasets
                .par_iter()
                .map(|d| crate::readiness::Summary::of(d))
                .collect()
        };
        let facets = FacetKind::ALL
            .iter()
            .map(|&kind| build_facet(kind, &datasets, &readiness))
            .collect();
        let modified = datasets
            .iter()
            .flat_map(|d| [d.updated, d.added, d.released])
            .flatten()
            .max();
        Catalog {
            modified,
            config,
            about,
            datasets,
            drafts,
            facets,
            derived_by,
            related_both_ways,
            readiness,
        }
    }
}

/// The (key, label) pairs a dataset has for one facet kind.
/// The readiness kinds work out the dataset's readiness profile; the others do not.
pub fn facet_values(kind: FacetKind, d: &Dataset) -> Vec<(String, String)> {
    facet_values_with(kind, d, || crate::readiness::Summary::of(d))
}

/// [`facet_values`] with the dataset's readiness summary from `summary`, which only the
/// readiness kinds call (a catalog has it worked out already: `Catalog::readiness`).
pub fn facet_values_with(
    kind: FacetKind,
    d: &Dataset,
    summary: impl FnOnce() -> crate::readiness::Summary,
) -> Vec<(String, String)> {
    match kind {
        FacetKind::Modality => d
            .modalities
            .iter()
            .map(|m| {
                (
                    m.code.to_ascii_lowercase(),
                    format!("{} — {}", m.code, m.name),
                )
            })
            .collect(),
        FacetKind::Anatomy => d
            .anatomy
            .iter()
            .map(|a| (a.id.to_string(), a.label.to_string()))
            .collect(),
        FacetKind::License => d.license.iter().map(|l| (l.key(), l.id.clone())).collect(),
        FacetKind::Access => d
            .access
            .iter()
            .map(|a| (a.slug().to_string(), a.label().to_string()))
            .collect(),
        FacetKind::Label => d
            .label_types
            .iter()
            .map(|l| (l.slug().to_string(), l.label().to_string()))
            .collect(),
        FacetKind::Platform => d
            .platforms
            .iter()
            .map(|p| (p.id.to_string(), p.name.to_string()))
            .collect(),
        FacetKind::Readiness => {
            let summary = summary();
            vec![(summary.level_key(), summary.level_label())]
        }
        FacetKind::Commercial => {
            let commercial = summary().commercial;
            vec![(
                commercial.slug().to_string(),
                commercial.commercial_label().to_string(),
            )]
        }
    }
}

fn build_facet(
    kind: FacetKind,
    datasets: &[Arc<Dataset>],
    readiness: &[crate::readiness::Summary],
) -> Facet {
    let mut by_key: std::collections::BTreeMap<String, FacetValue> =
        std::collections::BTreeMap::new();
    for (i, d) in datasets.iter().enumerate() {
        for (key, label) in facet_values_with(kind, d, || readiness[i]) {
            let value = by_key.entry(key.clone()).or_insert_with(|| FacetValue {
                key,
                label,
                datasets: Vec::new(),
            });
            if value.datasets.last() != Some(&i) {
                value.datasets.push(i);
            }
        }
    }
    let mut values: Vec<FacetValue> = by_key.into_values().collect();
    if kind == FacetKind::Readiness {
        // Levels read as a scale, highest first ("level-5" … "level-0").
        values.sort_by(|a, b| b.key.cmp(&a.key));
    } else {
        values.sort_by(|a, b| {
            b.count()
                .cmp(&a.count())
                .then_with(|| a.label.cmp(&b.label))
        });
    }
    Facet { kind, values }
}
