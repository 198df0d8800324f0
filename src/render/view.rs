//! What templates see: plain, serialisable views of the model with every link already made
//! relative to the page being rendered (`root` is `../../` on `datasets/<slug>/index.html`).

use crate::badges;
use crate::model::{Catalog, Dataset, FacetKind, FacetValue, facet_values, facet_values_with};
use crate::vocab::License;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;

/// Relative link from a page to a site path such as `datasets/x/`: directory paths get an
/// explicit `index.html` so the site also works when opened from `file://`.
pub fn href(root: &str, path: &str) -> String {
    if path.is_empty() || path.ends_with('/') {
        format!("{root}{path}index.html")
    } else {
        format!("{root}{path}")
    }
}

/// Only http(s) and mailto URLs become links; anything else is shown as text.
pub fn external_href(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    matches!(parsed.scheme(), "http" | "https" | "mailto").then(|| url.to_string())
}

/// `12345` → `12,345`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A value shown on a page, optionally a link.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub text: String,
    /// Longer form, shown as a tooltip (`<abbr title>`), e.g. the modality's full name.
    pub title: Option<String>,
    pub href: Option<String>,
    /// The link leaves this site (opens the entry's own external page).
    pub external: bool,
    /// Text after the link, e.g. "(read 2024-01-10)" after a source URL.
    pub note: Option<String>,
}

impl Item {
    pub fn text(text: impl Into<String>) -> Item {
        Item {
            text: text.into(),
            title: None,
            href: None,
            external: false,
            note: None,
        }
    }
    pub fn link(text: impl Into<String>, href: String) -> Item {
        Item {
            href: Some(href),
            ..Item::text(text)
        }
    }
    /// A link to an entry's external page, or plain text if the URL is not http(s)/mailto.
    pub fn url(text: impl Into<String>, url: &str) -> Item {
        Item {
            external: true,
            href: external_href(url),
            ..Item::text(text)
        }
    }
    fn titled(mut self, title: impl Into<String>) -> Item {
        self.title = Some(title.into());
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    pub src: String,
    pub alt: String,
    pub width: u32,
    /// The facet page of this licence (none for "no licence stated").
    pub href: Option<String>,
}

impl Badge {
    pub fn new(root: &str, license: Option<&License>) -> Badge {
        Badge {
            src: format!("{root}{}", badges::badge_path(license)),
            alt: badges::badge_alt(license),
            width: badges::badge_width(license),
            href: license
                .map(|l| href(root, &format!("{}/{}/", FacetKind::License.slug(), l.key()))),
        }
    }
}

/// One row of a dataset table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub slug: String,
    pub href: String,
    pub name: String,
    pub acronym: Option<String>,
    /// Lists of [`Item`]s, from [`FacetLinks`].
    pub modalities: tera::Value,
    pub anatomy: tera::Value,
    pub subjects: Option<String>,
    pub scans: Option<String>,
    /// The counts as numbers, for sorting.
    pub subjects_n: Option<u64>,
    pub scans_n: Option<u64>,
    pub year: Option<i32>,
    /// The readiness level, its name and its facet page.
    pub readiness: Item,
    pub readiness_level: u8,
    pub labels: tera::Value,
    pub badge: Badge,
    pub license_id: String,
    pub access: Option<Item>,
    /// Sort key of the access column: public < registration < application < private.
    pub access_sort: i64,
}

/// The links a dataset has for one facet kind (e.g. its modalities, each to its facet page).
pub fn facet_items(root: &str, kind: FacetKind, d: &Dataset) -> Vec<Item> {
    facet_values(kind, d)
        .into_iter()
        .map(|(key, label)| facet_item(root, kind, &key, label))
        .collect()
}

/// The link to one facet value's page; a modality shows its code, with its name as the title.
fn facet_item(root: &str, kind: FacetKind, key: &str, label: String) -> Item {
    let link = href(root, &format!("{}/{key}/", kind.slug()));
    match kind {
        FacetKind::Modality => {
            let code = label.split(" — ").next().unwrap_or(&label).to_string();
            Item::link(code, link).titled(label)
        }
        _ => Item::link(label, link),
    }
}

/// Every facet value's link as a template value, made once for each folder depth of the pages
/// that show them. A catalog has a few hundred facet values, and its list pages show them tens
/// of thousands of times: making each link and converting it for the templates, row after row,
/// was most of the cost of a list page's rows.
pub struct FacetLinks {
    /// Where each dataset's values are in `values`: those of dataset `i` and the kind at
    /// position `k` of `FacetKind::ALL` are `values[ranges[i * KINDS + k]..ranges[i * KINDS + k + 1]]`.
    ranges: Vec<u32>,
    /// Indices into the kind's `Facet::values`, in the entry's order.
    values: Vec<u32>,
    /// `links[depth][k][v]`: the link from a page `depth` folders deep (root `./` for 0,
    /// `../` repeated otherwise) to value `v` of kind `k`.
    links: Vec<Vec<Vec<tera::Value>>>,
}

const KINDS: usize = FacetKind::ALL.len();

/// The deepest pages that show facet links: the later pages of a facet value's list,
/// `modality/ct/page/2/`.
const LINK_DEPTHS: usize = 5;

impl FacetLinks {
    pub fn new(catalog: &Catalog) -> FacetLinks {
        let keys: Vec<HashMap<&str, u32>> = FacetKind::ALL
            .iter()
            .map(|&kind| {
                let values = &catalog.facet(kind).values;
                (0..values.len() as u32)
                    .map(|v| (values[v as usize].key.as_str(), v))
                    .collect()
            })
            .collect();
        let per_dataset: Vec<[Vec<u32>; KINDS]> = catalog
            .datasets
            .par_iter()
            .zip(&catalog.readiness)
            .map(|(d, summary)| {
                std::array::from_fn(|k| {
                    facet_values_with(FacetKind::ALL[k], d, || *summary)
                        .iter()
                        .filter_map(|(key, _)| keys[k].get(key.as_str()).copied())
                        .collect()
                })
            })
            .collect();
        let mut ranges = Vec::with_capacity(per_dataset.len() * KINDS + 1);
        let mut values = Vec::new();
        ranges.push(0);
        for kinds in &per_dataset {
            for of_kind in kinds {
                values.extend_from_slice(of_kind);
                ranges.push(values.len() as u32);
            }
        }
        let links = (0..LINK_DEPTHS)
            .map(|depth| {
                let root = root_of_depth(depth);
                FacetKind::ALL
                    .iter()
                    .map(|&kind| {
                        catalog
                            .facet(kind)
                            .values
                            .iter()
                            .map(|v| {
                                let item = facet_item(&root, kind, &v.key, v.label.clone());
                                tera::Value::from_serializable(&item)
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        FacetLinks {
            ranges,
            values,
            links,
        }
    }

    /// Dataset `i`'s links of one kind from a page with this root, as a template list: the
    /// cached links when the root is `./` or `../` repeated, else made afresh.
    pub fn items(&self, root: &str, kind: FacetKind, i: usize, d: &Dataset) -> tera::Value {
        let k = FacetKind::ALL.iter().position(|&x| x == kind).unwrap_or(0);
        let cached = depth_of_root(root).and_then(|depth| self.links.get(depth));
        let at = i * KINDS + k;
        match (cached, self.ranges.get(at..=at + 1)) {
            (Some(links), Some(&[start, end])) => self.values[start as usize..end as usize]
                .iter()
                .map(|&v| links[k][v as usize].clone())
                .collect::<Vec<tera::Value>>()
                .into(),
            _ => tera::Value::from_serializable(&facet_items(root, kind, d)),
        }
    }
}

/// The relative path back to the site root from a page `depth` folders deep: `./` for the
/// site root's own pages, else `../` once per folder.
pub fn root_of_depth(depth: usize) -> String {
    if depth == 0 {
        "./".into()
    } else {
        "../".repeat(depth)
    }
}

/// The depth a root of [`root_of_depth`] stands for; `None` for any other root (the 404
/// page's absolute one).
fn depth_of_root(root: &str) -> Option<usize> {
    if root == "./" {
        return Some(0);
    }
    let depth = root.len() / 3;
    (root.len().is_multiple_of(3) && root.as_bytes().chunks(3).all(|c| c == b"../"))
        .then_some(depth)
}

impl Row {
    pub fn new(
        root: &str,
        links: &FacetLinks,
        i: usize,
        d: &Dataset,
        summary: &crate::readiness::Summary,
    ) -> Row {
        Row {
            slug: d.slug.clone(),
            href: href(root, &d.path()),
            name: d.name.clone(),
            acronym: d.acronym.clone().filter(|a| *a != d.name),
            modalities: links.items(root, FacetKind::Modality, i, d),
            anatomy: links.items(root, FacetKind::Anatomy, i, d),
            subjects: d.subjects.map(thousands),
            scans: d.scans.map(thousands),
            subjects_n: d.subjects,
            scans_n: d.scans,
            year: d.year,
            readiness: Item::link(
                crate::readiness::LEVEL_NAMES[usize::from(summary.level)],
                href(
                    root,
                    &format!("{}/{}/", FacetKind::Readiness.slug(), summary.level_key()),
                ),
            ),
            readiness_level: summary.level,
            labels: links.items(root, FacetKind::Label, i, d),
            badge: Badge::new(root, d.license.as_ref()),
            license_id: d.license.as_ref().map_or(String::new(), |l| l.id.clone()),
            access: d
                .access
                .map(|a| Item::link(a.label(), href(root, &format!("access/{}/", a.slug())))),
            access_sort: d.access.map_or(9, |a| a as i64),
        }
    }
}

/// Table rows of the given datasets, in the order given.
pub fn rows(root: &str, catalog: &Catalog, links: &FacetLinks, indices: &[usize]) -> Vec<Row> {
    indices
        .iter()
        .map(|&i| Row::new(root, links, i, &catalog.datasets[i], &catalog.readiness[i]))
        .collect()
}

/// A facet value in a list: label, count and link.
#[derive(Debug, Clone, Serialize)]
pub struct ValueLink {
    pub key: String,
    pub label: String,
    pub count: usize,
    pub href: String,
}

/// A facet kind with its values, for the home page and facet index pages.
#[derive(Debug, Clone, Serialize)]
pub struct FacetList {
    pub slug: &'static str,
    pub title: &'static str,
    pub href: String,
    pub values: Vec<ValueLink>,
}

pub fn value_link(root: &str, kind: FacetKind, v: &FacetValue) -> ValueLink {
    ValueLink {
        key: v.key.clone(),
        label: v.label.clone(),
        count: v.count(),
        href: href(root, &v.path(kind)),
    }
}

/// What a facet value means, where the vocabulary defines it (label types), for its page.
pub fn value_definition(kind: FacetKind, key: &str) -> Option<&'static str> {
    match kind {
        FacetKind::Label => crate::vocab::LabelType::from_slug(key).map(|l| l.definition()),
        _ => None,
    }
}

pub fn facet_list(root: &str, catalog: &Catalog, kind: FacetKind) -> FacetList {
    FacetList {
        slug: kind.slug(),
        title: kind.title(),
        href: href(root, &format!("{}/", kind.slug())),
        values: catalog
            .facet(kind)
            .values
            .iter()
            .map(|v| value_link(root, kind, v))
            .collect(),
    }
}

/// A headline number on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct Total {
    pub value: String,
    pub label: String,
}

pub fn totals(catalog: &Catalog) -> Vec<Total> {
    let ds = &catalog.datasets;
    let sum = |f: fn(&Dataset) -> Option<u64>| -> (u64, usize) {
        ds.iter()
            .filter_map(|d| f(d))
            .fold((0, 0), |(s, n), v| (s.saturating_add(v), n + 1))
    };
    let mut out = vec![Total {
        value: thousands(ds.len() as u64),
        label: if ds.len() == 1 { "dataset" } else { "datasets" }.into(),
    }];
    let (subjects, n) = sum(|d| d.subjects);
    if n > 0 {
        out.push(Total {
            value: thousands(subjects),
            label: format!("subjects in the {n} that report them"),
        });
    }
    let (scans, n) = sum(|d| d.scans);
    if n > 0 {
        out.push(Total {
            value: thousands(scans),
            label: format!("scans in the {n} that report them"),
        });
    }
    let public = ds
        .iter()
        .filter(|d| d.access == Some(crate::vocab::Access::Public))
        .count();
    out.push(Total {
        value: thousands(public as u64),
        label: "downloadable without registration".into(),
    });
    use crate::readiness::{AccessTier, Answer};
    let today: Vec<&crate::readiness::Summary> = catalog
        .readiness
        .iter()
        .filter(|s| s.access_tier >= AccessTier::Registration)
        .collect();
    out.push(Total {
        value: thousands(today.len() as u64),
        label: "downloadable today, without an application".into(),
    });
    out.push(Total {
        value: thousands(today.iter().filter(|s| s.commercial == Answer::Yes).count() as u64),
        label: "of those usable in a commercial model".into(),
    });
    out.push(Total {
        value: thousands(catalog.facet(FacetKind::Modality).values.len() as u64),
        label: "imaging modalities".into(),
    });
    out
}
