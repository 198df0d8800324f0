//! The dataset page's view: every field of an entry, grouped the way curators read them
//! (identity, imaging, annotations, rights & access, provenance), with links both ways.

use super::readiness::ReadinessView;
use super::view::{Badge, Item, external_href, facet_items, href, thousands};
use crate::markdown;
use crate::model::{Catalog, Dataset, FacetKind};
use crate::vocab::LabelType;
use serde::Serialize;

/// A labelled field with one or more values.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub label: &'static str,
    pub items: Vec<Item>,
}

/// A group of fields shown as one section of the page.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: &'static str,
    pub title: &'static str,
    pub fields: Vec<Field>,
}

/// A citation as shown: its text and the link to its DOI or URL.
#[derive(Debug, Clone, Serialize)]
pub struct CitationView {
    pub text: String,
    pub link: Option<Item>,
    pub preferred: bool,
}

/// "How to cite": one line of plain text and BibTeX records, from `cite`.
#[derive(Debug, Clone, Serialize)]
pub struct Cite {
    pub plain: String,
    pub bibtex: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DatasetView {
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
    pub description_html: String,
    pub badge: Badge,
    pub license: Option<Item>,
    pub access: Option<Item>,
    pub access_url: Option<Item>,
    pub homepage: Option<Item>,
    pub doi: Option<Item>,
    pub groups: Vec<Group>,
    pub cite: Option<Cite>,
    pub citations: Vec<CitationView>,
    pub derived_from: Vec<Item>,
    pub derived_by: Vec<Item>,
    pub related: Vec<Item>,
    pub sources: Vec<Item>,
    pub source_file: Item,
    pub readiness: ReadinessView,
}

fn texts(values: &[String]) -> Vec<Item> {
    values.iter().map(Item::text).collect()
}

/// A creator or publisher: "Given Family" (or the organisation's name), linked to its ORCID or
/// ROR record when it has one, else to its homepage.
fn agent_item(a: &crate::model::Agent) -> Item {
    let name = a.display_name();
    match (&a.orcid, &a.ror, &a.url) {
        (Some(orcid), _, _) => {
            let mut item = Item::url(name, orcid);
            item.note = Some("ORCID".into());
            item
        }
        (None, Some(ror), _) => {
            let mut item = Item::url(name, ror);
            item.note = Some("ROR".into());
            item
        }
        (None, None, Some(url)) => Item::url(name, url),
        _ => Item::text(name),
    }
}

fn yes_no(v: Option<bool>) -> Vec<Item> {
    v.map(|b| Item::text(if b { "Yes" } else { "No" }))
        .into_iter()
        .collect()
}

fn count(v: Option<u64>) -> Vec<Item> {
    v.map(|n| Item::text(thousands(n))).into_iter().collect()
}

/// Fields without values are left out, so the page shows only what the entry states.
fn group(id: &'static str, title: &'static str, fields: Vec<(&'static str, Vec<Item>)>) -> Group {
    Group {
        id,
        title,
        fields: fields
            .into_iter()
            .filter(|(_, items)| !items.is_empty())
            .map(|(label, items)| Field { label, items })
            .collect(),
    }
}

/// A source as a link when it starts with an http(s) URL, the rest as a note.
fn source_item(source: &str) -> Item {
    let (first, rest) = source
        .split_once(char::is_whitespace)
        .unwrap_or((source, ""));
    match external_href(first).filter(|_| first.starts_with("http")) {
        Some(_) => {
            let mut item = Item::url(first, first);
            let rest = rest.trim();
            if !rest.is_empty() {
                item.note = Some(rest.to_string());
            }
            item
        }
        None => Item::text(source),
    }
}

fn size(n: Option<u64>) -> String {
    match n {
        Some(b) if b >= 1 << 30 => format!("{:.1} GiB", b as f64 / (1u64 << 30) as f64),
        Some(b) if b >= 1 << 20 => format!("{:.1} MiB", b as f64 / (1u64 << 20) as f64),
        Some(b) if b >= 1 << 10 => format!("{:.1} KiB", b as f64 / 1024.0),
        Some(b) => format!("{b} bytes"),
        None => String::new(),
    }
}

impl DatasetView {
    pub fn new(catalog: &Catalog, index: usize, root: &str) -> Self {
        let d: &Dataset = &catalog.datasets[index];
        let link_to = |i: &usize| {
            let other = &catalog.datasets[*i];
            Item::link(other.name.clone(), href(root, &other.path()))
        };
        let by_slug = |slug: &String| {
            catalog
                .index_of(slug)
                .map(|i| link_to(&i))
                .unwrap_or_else(|| Item::text(slug.clone()))
        };
        let readiness = ReadinessView::new(root, d);
        // Where the labels are when the dataset's own are not: the derived datasets that carry
        // some (annotations that others made on its images), each with its label types.
        let derived_labels: Vec<Item> = catalog.derived_by[index]
            .iter()
            .filter_map(|i| {
                let labels: Vec<&str> = catalog.datasets[*i]
                    .label_types
                    .iter()
                    .filter(|l| **l != LabelType::None)
                    .map(|l| l.slug())
                    .collect();
                (!labels.is_empty()).then(|| Item {
                    note: Some(labels.join(", ")),
                    ..link_to(i)
                })
            })
            .collect();
        let license = d.license.as_ref().map(|l| {
            let mut item = match &l.url {
                Some(u) => Item::url(l.name.clone(), u),
                None => Item::text(l.name.clone()),
            };
            item.note = Some(format!("{} · {}", l.id, l.category.label()));
            item
        });
        let access = d.access.map(|a| {
            Item::link(
                a.label(),
                href(root, &format!("{}/{}/", FacetKind::Access.slug(), a.slug())),
            )
        });
        let contact: Vec<Item> = d
            .contact
            .iter()
            .flat_map(|c| {
                let mut items = Vec::new();
                if let Some(n) = &c.name {
                    items.push(Item::text(n.clone()));
                }
                if let Some(e) = &c.email {
                    items.push(Item::url(e.clone(), &format!("mailto:{e}")));
                }
                if let Some(u) = &c.url {
                    items.push(Item::url(u.clone(), u));
                }
                items
            })
            .collect();
        let downloads: Vec<Item> = d
            .downloads
            .iter()
            .map(|dl| {
                let mut item =
                    Item::url(dl.name.clone().unwrap_or_else(|| dl.url.clone()), &dl.url);
                let mut note: Vec<String> = Vec::new();
                if let Some(t) = &dl.media_type {
                    note.push(t.clone());
                }
                if dl.size_bytes.is_some() {
                    note.push(size(dl.size_bytes));
                }
                if let Some(h) = &dl.sha256 {
                    note.push(format!("SHA-256 {h}"));
                }
                if !note.is_empty() {
                    item.note = Some(note.join(" · "));
                }
                item
            })
            .collect();

        let groups = vec![
            group(
                "identity",
                "Identity",
                vec![
                    ("Name", vec![Item::text(d.name.clone())]),
                    ("Acronym", d.acronym.iter().map(Item::text).collect()),
                    ("Also known as", texts(&d.alternate_names)),
                    ("Creators", d.creators.iter().map(agent_item).collect()),
                    ("Publisher", d.publisher.iter().map(agent_item).collect()),
                    ("Version", d.version.iter().map(Item::text).collect()),
                    ("Topic", d.topic.iter().map(Item::text).collect()),
                    ("Keywords", texts(&d.keywords)),
                    (
                        "Homepage",
                        d.homepage.iter().map(|h| Item::url(h.clone(), h)).collect(),
                    ),
                    (
                        "DOI",
                        d.doi
                            .iter()
                            .zip(d.doi_url())
                            .map(|(doi, u)| Item::url(doi.clone(), &u))
                            .collect(),
                    ),
                    (
                        "Year",
                        d.year
                            .map(|y| Item::text(y.to_string()))
                            .into_iter()
                            .collect(),
                    ),
                    (
                        "Released",
                        d.released
                            .map(|x| Item::text(x.to_string()))
                            .into_iter()
                            .collect(),
                    ),
                    (
                        "Updated",
                        d.updated
                            .map(|x| Item::text(x.to_string()))
                            .into_iter()
                            .collect(),
                    ),
                    (
                        "Added to the catalog",
                        d.added
                            .map(|x| Item::text(x.to_string()))
                            .into_iter()
                            .collect(),
                    ),
                ],
            ),
            group(
                "imaging",
                "Imaging",
                vec![
                    (
                        "Modalities",
                        facet_items(root, FacetKind::Modality, d)
                            .into_iter()
                            .map(|mut i| {
                                if let Some(t) = i.title.take() {
                                    i.text = t;
                                }
                                i
                            })
                            .collect(),
                    ),
                    ("Anatomy", facet_items(root, FacetKind::Anatomy, d)),
                    ("Phantom study", yes_no(d.phantom)),
                    ("Subjects", count(d.subjects)),
                    ("Scans", count(d.scans)),
                    ("Studies", count(d.studies)),
                    ("Series", count(d.series)),
                    ("Sequences", texts(&d.sequences)),
                    ("File formats", texts(&d.file_formats)),
                    ("Scanners", texts(&d.scanners)),
                    ("Geography", texts(&d.geography)),
                    ("Pathologies", texts(&d.pathologies)),
                ],
            ),
            group(
                "annotations",
                "Annotations",
                vec![
                    ("Label types", facet_items(root, FacetKind::Label, d)),
                    ("Labels in derived datasets", derived_labels),
                    ("Pixel-level targets", texts(&d.targets.pixel)),
                    ("Instance-level targets", texts(&d.targets.instance)),
                    ("Image-level targets", texts(&d.targets.image)),
                    ("All targets annotated", yes_no(d.complete)),
                    ("Pathology annotated", yes_no(d.pathology_annotated)),
                    (
                        "Normal anatomy annotated",
                        yes_no(d.normal_anatomy_annotated),
                    ),
                    (
                        "Annotation protocol",
                        d.annotation_protocol.iter().map(Item::text).collect(),
                    ),
                ],
            ),
            group(
                "rights",
                "Rights & access",
                vec![
                    ("Licence", license.iter().cloned().collect()),
                    ("Data-use conditions", readiness.data_use.clone()),
                    ("Access", access.iter().cloned().collect()),
                    (
                        "Access route",
                        d.access_url
                            .iter()
                            .map(|u| Item::url(u.clone(), u))
                            .collect(),
                    ),
                    ("Platform", facet_items(root, FacetKind::Platform, d)),
                    ("Usable for publication", yes_no(d.publishable)),
                    (
                        "How the curators obtained it",
                        d.provision.iter().map(Item::text).collect(),
                    ),
                    ("Contact", contact),
                    ("Downloads", downloads),
                ],
            ),
            group(
                "provenance",
                "Provenance",
                vec![("Remarks", d.remarks.iter().map(Item::text).collect())],
            ),
        ];

        let cite = Some(Cite {
            plain: crate::cite::plain(d),
            bibtex: Some(crate::cite::bibtex(d)),
        });
        let citations = d
            .citations
            .iter()
            .map(|c| CitationView {
                text: c.text.clone(),
                link: c
                    .doi
                    .as_ref()
                    .map(|doi| Item::url(format!("doi:{doi}"), &format!("https://doi.org/{doi}")))
                    .or_else(|| c.url.as_ref().map(|u| Item::url(u.clone(), u))),
                preferred: c.preferred,
            })
            .collect();

        let source_path = d.source_path.to_string_lossy().replace('\\', "/");
        let source_file = match &catalog.config.repository {
            Some(repo) => Item::url(
                source_path.clone(),
                &format!("{}/blob/HEAD/{source_path}", repo.trim_end_matches('/')),
            ),
            None => Item::text(source_path),
        };

        DatasetView {
            slug: d.slug.clone(),
            name: d.name.clone(),
            acronym: d.acronym.clone().filter(|a| *a != d.name),
            description_html: markdown::to_html(&d.description),
            badge: Badge::new(root, d.license.as_ref()),
            license,
            access,
            access_url: d.access_url.as_ref().map(|u| Item::url(u.clone(), u)),
            homepage: d.homepage.as_ref().map(|u| Item::url(u.clone(), u)),
            doi: d
                .doi
                .as_ref()
                .zip(d.doi_url())
                .map(|(doi, u)| Item::url(doi.clone(), &u)),
            groups,
            cite,
            citations,
            derived_from: d.derived_from.iter().map(by_slug).collect(),
            derived_by: catalog.derived_by[index].iter().map(link_to).collect(),
            related: catalog.related_both_ways[index]
                .iter()
                .map(link_to)
                .collect(),
            sources: d.sources.iter().map(|s| source_item(s)).collect(),
            source_file,
            readiness,
        }
    }
}
