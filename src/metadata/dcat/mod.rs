//! DCAT-AP 3.0.1: `/catalog.ttl` and `/catalog.jsonld`, the same graph in two syntaxes.
//!
//! Every object is explicitly typed (validators do no inference), every IRI is absolute:
//!
//! - the catalog `<base>#catalog` (`dcat:Catalog`), published by `<base>#publisher`
//!   (`foaf:Agent`), with the EU data-theme scheme as theme taxonomy;
//! - each dataset `<base>datasets/<slug>/#dataset` (`dcat:Dataset`): title, description,
//!   keywords, themes (EU `HEAL`, DICOM modality codes, SNOMED CT body regions with their UBERON
//!   match, all `skos:Concept`), access rights from the EU access-right list (`public` →
//!   `PUBLIC`; `registration` and `application` → `RESTRICTED`; `private` → `NON_PUBLIC`),
//!   contact point (`vcard:Kind`), landing pages (`foaf:Document`), creators and publisher
//!   (`foaf:Agent`, when the entry names them), HealthDCAT-AP `numberOfUniqueIndividuals` (subjects) and `numberOfRecords`
//!   (scans);
//! - its distributions (`dcat:Distribution`): one per download (download URL, media type, byte
//!   size, SHA-256 `spdx:Checksum`), or else one for the access route; each carries the licence
//!   (`dct:LicenseDocument`);
//! - its data-use conditions as `dct:rights`, each the GA4GH DUO term's IRI
//!   (`dct:RightsStatement`);
//! - its AI-readiness profile as W3C Data Quality Vocabulary measurements
//!   (`dqv:hasQualityMeasurement`), against metrics defined in the catalog graph at
//!   `<base>catalog.ttl#readiness-<criterion>` (`dqv:Metric`, by Bridge2AI dimension).

mod dataset;

use dataset::mailto;
pub(super) use dataset::{add_dataset, distribution_iris};

use super::rdf::{Graph, blank, iri, n, text, text_lang, typed, write_documents};
use crate::model::{Catalog, Dataset};
use crate::output::Job;
use crate::readiness;
use crate::vocab::{Access, slugify};
use oxrdf::{Literal, NamedNode};

const EU_THEMES: &str = "http://publications.europa.eu/resource/authority/data-theme";
const EU_ACCESS: &str = "http://publications.europa.eu/resource/authority/access-right/";
const EU_LANGUAGE: &str = "http://publications.europa.eu/resource/authority/language/";
const DICOM_CODES: &str = "http://dicom.nema.org/resources/ontology/DCM/";
const SNOMED: &str = "http://snomed.info/id/";
const OBO: &str = "http://purl.obolibrary.org/obo/";
const IANA_MEDIA: &str = "https://www.iana.org/assignments/media-types/";

/// Datasets per part of the streamed catalog files.
const DATASETS_PER_PART: usize = 256;

/// The job that writes `catalog.ttl` and `catalog.jsonld` together, streamed a part at a time:
/// each part of the graph is made once for both syntaxes.
pub fn jobs(catalog: &Catalog) -> Vec<Job<'_>> {
    vec![Job::new("dcat", move |sink| {
        let parts = catalog.datasets.len().div_ceil(DATASETS_PER_PART);
        sink.stream_each(["catalog.ttl", "catalog.jsonld"], |[turtle, jsonld]| {
            write_documents(turtle, jsonld, &head_graph(catalog), parts, |i| {
                part_graph(catalog, i)
            })
        })
    })]
}

/// IRI of the catalog resource.
pub fn catalog_iri(catalog: &Catalog) -> NamedNode {
    NamedNode::new_unchecked(format!("{}#catalog", catalog.config.base_url))
}

/// IRI of the catalog's publisher.
pub fn publisher_iri(catalog: &Catalog) -> NamedNode {
    NamedNode::new_unchecked(format!("{}#publisher", catalog.config.base_url))
}

/// IRI of a dataset resource (its page plus `#dataset`).
pub fn dataset_iri(catalog: &Catalog, d: &Dataset) -> NamedNode {
    NamedNode::new_unchecked(format!("{}#dataset", catalog.config.url(&d.path())))
}

/// The whole DCAT-AP graph (what the two files hold; they are written a part at a time).
pub fn catalog_graph(catalog: &Catalog) -> Graph {
    let mut g = head_graph(catalog);
    for d in &catalog.datasets {
        add_catalog_dataset(&mut g, catalog, d);
    }
    g
}

/// The catalog, its publisher and its list of datasets.
fn head_graph(catalog: &Catalog) -> Graph {
    let mut g = Graph::new();
    let c = &catalog.config;
    let cat = catalog_iri(catalog);
    let lang = c.language.as_str();
    g.typed(cat.clone(), "dcat:Catalog");
    g.add(cat.clone(), "dct:title", text_lang(&c.title, lang));
    g.add(
        cat.clone(),
        "dct:description",
        text_lang(c.description_or_title(), lang),
    );
    g.add(cat.clone(), "dct:publisher", publisher_iri(catalog));
    add_metadata_license(&mut g, catalog, &cat);
    let home = NamedNode::new_unchecked(c.base_url.clone());
    g.add(cat.clone(), "foaf:homepage", home.clone());
    g.typed(home, "foaf:Document");
    if let Some(language) = eu_language(lang) {
        g.add(cat.clone(), "dct:language", language.clone());
        g.typed(language, "dct:LinguisticSystem");
    }
    if let Some(date) = catalog.modified() {
        g.add(
            cat.clone(),
            "dct:modified",
            typed(date.to_string(), "xsd:date"),
        );
    }
    let themes = NamedNode::new_unchecked(EU_THEMES);
    g.add(cat.clone(), "dcat:themeTaxonomy", themes.clone());
    g.typed(themes.clone(), "skos:ConceptScheme");
    g.add(themes, "dct:title", text_lang("Data theme", "en"));
    for d in &catalog.datasets {
        g.add(cat.clone(), "dcat:dataset", dataset_iri(catalog, d));
    }
    add_publisher(&mut g, catalog);
    add_metrics(&mut g, catalog);
    g
}

/// Part `i` of the datasets, described.
fn part_graph(catalog: &Catalog, i: usize) -> Graph {
    let mut g = Graph::new();
    let start = i * DATASETS_PER_PART;
    let end = (start + DATASETS_PER_PART).min(catalog.datasets.len());
    for d in &catalog.datasets[start.min(end)..end] {
        add_catalog_dataset(&mut g, catalog, d);
    }
    g
}

fn add_catalog_dataset(g: &mut Graph, catalog: &Catalog, d: &Dataset) {
    let dist_base = format!("{}#distribution", catalog.config.url(&d.path()));
    let s = dataset_iri(catalog, d);
    add_dataset(g, catalog, d, s.clone(), &dist_base, true);
    add_quality(g, catalog, d, &s);
}

/// The IRI of a readiness metric: a fragment of the catalog's Turtle file, which defines it.
fn metric_iri(catalog: &Catalog, id: &str) -> NamedNode {
    NamedNode::new_unchecked(format!(
        "{}#readiness-{id}",
        catalog.config.url("catalog.ttl")
    ))
}

/// The readiness metrics (W3C Data Quality Vocabulary): the level, and each criterion as a
/// yes-or-no metric in the dimension of its Bridge2AI group. Defined once, in the catalog.
fn add_metrics(g: &mut Graph, catalog: &Catalog) {
    let category = metric_iri(catalog, "category");
    g.typed(category.clone(), "dqv:Category");
    g.add(
        category.clone(),
        "skos:prefLabel",
        text_lang("AI readiness (after the Bridge2AI criteria)", "en"),
    );
    let level = metric_iri(catalog, "level");
    g.typed(level.clone(), "dqv:Metric");
    g.add(
        level.clone(),
        "skos:definition",
        text_lang(
            &format!(
                "Readiness level from 0 to {}: the highest level all of whose criteria, and those of every lower level, pass or do not apply; the top level also needs a public download.",
                readiness::TOP_LEVEL
            ),
            "en",
        ),
    );
    g.add(level.clone(), "dqv:expectedDataType", n("xsd:integer"));
    g.add(level, "dqv:inCategory", category.clone());
    let mut dimensions = Vec::new();
    for c in readiness::CRITERIA {
        let dimension = metric_iri(catalog, &format!("dimension-{}", slugify(c.group.label())));
        if !dimensions.contains(&dimension) {
            g.typed(dimension.clone(), "dqv:Dimension");
            g.add(
                dimension.clone(),
                "skos:prefLabel",
                text_lang(c.group.label(), "en"),
            );
            g.add(dimension.clone(), "dqv:inCategory", category.clone());
            dimensions.push(dimension.clone());
        }
        let metric = metric_iri(catalog, c.id);
        g.typed(metric.clone(), "dqv:Metric");
        g.add(
            metric.clone(),
            "skos:prefLabel",
            text_lang(c.question, "en"),
        );
        g.add(
            metric.clone(),
            "skos:definition",
            text_lang(
                &format!(
                    "{} True when the entry states {} (fields: {}); needed from level {}.",
                    c.question,
                    c.passes,
                    c.fields
                        .iter()
                        .map(|f| f.name())
                        .collect::<Vec<_>>()
                        .join(", "),
                    c.level
                ),
                "en",
            ),
        );
        g.add(metric.clone(), "dqv:expectedDataType", n("xsd:boolean"));
        g.add(metric, "dqv:inDimension", dimension);
    }
}

/// The dataset's readiness profile as quality measurements: its level, and each criterion
/// that applies to it as true (passes) or false (missing).
fn add_quality(g: &mut Graph, catalog: &Catalog, d: &Dataset, s: &NamedNode) {
    let profile = readiness::Profile::of(d);
    let measure = |g: &mut Graph, id: &str, value: Literal| {
        let m = blank(&format!("quality-{}-{id}", d.slug));
        g.add(s.clone(), "dqv:hasQualityMeasurement", m.clone());
        g.typed(m.clone(), "dqv:QualityMeasurement");
        g.add(m.clone(), "dqv:isMeasurementOf", metric_iri(catalog, id));
        g.add(m, "dqv:value", value);
    };
    measure(g, "level", typed(profile.level.to_string(), "xsd:integer"));
    for c in &profile.checks {
        let value = match c.status {
            readiness::Status::Pass => "true",
            readiness::Status::Missing => "false",
            readiness::Status::NotApplicable => continue,
        };
        measure(g, c.id, typed(value, "xsd:boolean"));
    }
}

/// The catalog's publisher as a `foaf:Agent`.
pub(super) fn add_publisher(g: &mut Graph, catalog: &Catalog) {
    let p = &catalog.config.publisher;
    let agent = publisher_iri(catalog);
    g.typed(agent.clone(), "foaf:Agent");
    g.add(agent.clone(), "foaf:name", text(&p.name));
    if let Some(url) = p.url.as_deref().and_then(iri) {
        g.add(agent.clone(), "foaf:homepage", url.clone());
        g.typed(url, "foaf:Document");
    }
    if let Some(mbox) = p.email.as_deref().and_then(mailto) {
        g.add(agent, "foaf:mbox", mbox);
    }
}

/// `dct:license` of a metadata resource (the catalog, the FDP): `metadata_license` of
/// `faircat.toml`, when it is an SPDX id.
pub(super) fn add_metadata_license(g: &mut Graph, catalog: &Catalog, subject: &NamedNode) {
    let id = &catalog.config.metadata_license;
    if let Some(l) = crate::vocab::spdx_license(id)
        && let Some(doc) = l.url.as_deref().and_then(iri)
    {
        g.add(subject.clone(), "dct:license", doc.clone());
        g.typed(doc.clone(), "dct:LicenseDocument");
        g.add(doc.clone(), "rdfs:label", text(&l.name));
        g.add(doc, "dct:identifier", text(&l.id));
    }
}

/// The EU access-right code for an access route.
pub fn eu_access_right(a: Access) -> &'static str {
    match a {
        Access::Public => "PUBLIC",
        Access::Registration | Access::Application => "RESTRICTED",
        Access::Private => "NON_PUBLIC",
    }
}

fn eu_access_label(a: Access) -> &'static str {
    match a {
        Access::Public => "public",
        Access::Registration | Access::Application => "restricted",
        Access::Private => "non-public",
    }
}

/// The EU language authority IRI of a BCP 47 primary language tag, for the common ones.
fn eu_language(tag: &str) -> Option<NamedNode> {
    let primary = tag.split('-').next()?.to_ascii_lowercase();
    let code = match primary.as_str() {
        "en" => "ENG",
        "de" => "DEU",
        "fr" => "FRA",
        "es" => "SPA",
        "it" => "ITA",
        "nl" => "NLD",
        "pt" => "POR",
        "pl" => "POL",
        "sv" => "SWE",
        "da" => "DAN",
        "fi" => "FIN",
        _ => return None,
    };
    Some(NamedNode::new_unchecked(format!("{EU_LANGUAGE}{code}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxrdf::{Term, Triple};

    /// Triples with blank nodes named by their label, so two parses can be compared.
    fn triples(text: &[u8], jsonld: bool) -> std::collections::BTreeSet<String> {
        let parsed: Vec<Triple> = if jsonld {
            oxjsonld::JsonLdParser::new()
                .for_slice(text)
                .map(|q| q.map(Triple::from))
                .collect::<Result<_, _>>()
                .unwrap()
        } else {
            oxttl::TurtleParser::new()
                .for_slice(text)
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let name = |t: &Term| match t {
            Term::BlankNode(b) => format!("_:{}", b.as_str()),
            other => other.to_string(),
        };
        parsed
            .iter()
            .map(|t| {
                format!(
                    "{} {} {}",
                    name(&t.subject.clone().into()),
                    t.predicate,
                    name(&t.object)
                )
            })
            .collect()
    }

    #[test]
    fn the_files_written_a_part_at_a_time_hold_the_whole_graph() {
        // More datasets than one part, so shared resources (licences, concepts) recur.
        let catalog = crate::synth::catalog(DATASETS_PER_PART * 2 + 17, 5);
        let parts = catalog.datasets.len().div_ceil(DATASETS_PER_PART);
        let whole = catalog_graph(&catalog);
        let (mut turtle, mut jsonld_doc) = (Vec::new(), Vec::new());
        write_documents(
            &mut turtle,
            &mut jsonld_doc,
            &head_graph(&catalog),
            parts,
            |i| part_graph(&catalog, i),
        )
        .unwrap();
        for jsonld in [false, true] {
            let (streamed, expected) = if jsonld {
                (&jsonld_doc, whole.to_jsonld())
            } else {
                (&turtle, whole.to_turtle())
            };
            let (got, want) = (triples(streamed, jsonld), triples(&expected, jsonld));
            assert!(want.len() > 1000, "{}", want.len());
            assert_eq!(got, want, "jsonld: {jsonld}");
        }
    }
}
