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
    let description = if c.description.trim().is_empty() {
        &c.title
    } else {
        &c.description
    };
    g.add(cat.clone(), "dct:description", text_lang(description, lang));
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

/// Describe one dataset (and its distributions, named `<dist_base>` for the access route or
/// `<dist_base>-<n>` for downloads) at `subject`; returns the distributions' IRIs.
/// `with_contact` adds the
/// `vcard:Kind` contact point (left out of FAIR Data Point records, whose shapes want a
/// literal e-mail where DCAT-AP practice uses a `mailto:` IRI).
pub(super) fn add_dataset(
    g: &mut Graph,
    catalog: &Catalog,
    d: &Dataset,
    subject: NamedNode,
    dist_base: &str,
    with_contact: bool,
) -> Vec<NamedNode> {
    let lang = catalog.config.language.as_str();
    let s = subject;
    let page = catalog.config.url(&d.path());
    g.typed(s.clone(), "dcat:Dataset");
    g.add(s.clone(), "dct:title", text_lang(&d.name, lang));
    g.add(
        s.clone(),
        "dct:description",
        text_lang(&d.description, lang),
    );
    g.add(
        s.clone(),
        "dct:identifier",
        text(&d.doi_url().unwrap_or_else(|| page.clone())),
    );
    for k in d
        .keywords
        .iter()
        .chain(&d.alternate_names)
        .chain(&d.acronym)
    {
        g.add(s.clone(), "dcat:keyword", text_lang(k, lang));
    }
    for m in &d.modalities {
        g.add(s.clone(), "dcat:keyword", text_lang(m.name, "en"));
    }
    for a in &d.anatomy {
        g.add(s.clone(), "dcat:keyword", text_lang(a.label, "en"));
    }

    // Themes: the EU health theme, DICOM modality codes, SNOMED CT body regions.
    let heal = NamedNode::new_unchecked(format!("{EU_THEMES}/HEAL"));
    g.add(s.clone(), "dcat:theme", heal.clone());
    concept(g, heal.clone(), "Health");
    g.add(heal, "skos:inScheme", NamedNode::new_unchecked(EU_THEMES));
    for m in &d.modalities {
        let code = NamedNode::new_unchecked(format!("{DICOM_CODES}{}", m.code));
        g.add(s.clone(), "dcat:theme", code.clone());
        concept(g, code.clone(), m.name);
        g.add(code, "skos:notation", text(m.code));
    }
    for a in &d.anatomy {
        if a.snomed.is_empty() {
            // No verified SNOMED CT id: the UBERON class is the theme, when there is one.
            if let Some(local) = a.uberon.strip_prefix("UBERON:") {
                let class = NamedNode::new_unchecked(format!("{OBO}UBERON_{local}"));
                g.add(s.clone(), "dcat:theme", class.clone());
                concept(g, class, a.label);
            }
            continue;
        }
        let code = NamedNode::new_unchecked(format!("{SNOMED}{}", a.snomed));
        g.add(s.clone(), "dcat:theme", code.clone());
        concept(g, code.clone(), a.label);
        if let Some(local) = a.uberon.strip_prefix("UBERON:") {
            g.add(
                code,
                "skos:exactMatch",
                NamedNode::new_unchecked(format!("{OBO}UBERON_{local}")),
            );
        }
    }

    if let Some(released) = d.released {
        g.add(
            s.clone(),
            "dct:issued",
            typed(released.to_string(), "xsd:date"),
        );
    } else if let Some(year) = d.year {
        g.add(
            s.clone(),
            "dct:issued",
            typed(year.to_string(), "xsd:gYear"),
        );
    }
    if let Some(updated) = d.updated {
        g.add(
            s.clone(),
            "dct:modified",
            typed(updated.to_string(), "xsd:date"),
        );
    }

    // Landing pages: the dataset's own homepage and its page in this catalog.
    for url in d.homepage.iter().chain(std::iter::once(&page)) {
        if let Some(doc) = iri(url) {
            g.add(s.clone(), "dcat:landingPage", doc.clone());
            g.typed(doc, "foaf:Document");
        }
    }

    if let Some(access) = d.access {
        let right = NamedNode::new_unchecked(format!("{EU_ACCESS}{}", eu_access_right(access)));
        g.add(s.clone(), "dct:accessRights", right.clone());
        g.typed(right.clone(), "dct:RightsStatement");
        g.add(
            right,
            "rdfs:label",
            text_lang(eu_access_label(access), "en"),
        );
    }

    // Data-use conditions: each GA4GH DUO term, by its ontology IRI.
    for t in &d.data_use {
        let term = NamedNode::new_unchecked(t.iri());
        g.add(s.clone(), "dct:rights", term.clone());
        g.typed(term.clone(), "dct:RightsStatement");
        g.add(term.clone(), "rdfs:label", text_lang(t.label, "en"));
        g.add(term, "skos:notation", text(t.code));
    }

    // DCAT-AP 3.0.1 allows at most one dct:publisher on a dcat:Dataset and requires none, so
    // only the dataset's own publisher is stated; without one the dataset has no publisher
    // (its hosting platforms are not taken for its publisher).
    if let Some(p) = &d.publisher {
        let agent = add_agent(g, catalog, d, p, "publisher");
        g.add(s.clone(), "dct:publisher", agent);
    }
    for (i, c) in d.creators.iter().enumerate() {
        let agent = add_agent(g, catalog, d, c, &format!("creator-{}", i + 1));
        g.add(s.clone(), "dct:creator", agent);
    }

    if with_contact && let Some(contact) = &d.contact {
        let kind = blank(&format!("contact-{}", d.slug));
        g.add(s.clone(), "dcat:contactPoint", kind.clone());
        g.typed(kind.clone(), "vcard:Kind");
        if let Some(name) = &contact.name {
            g.add(kind.clone(), "vcard:fn", text(name));
        }
        if let Some(mbox) = contact.email.as_deref().and_then(mailto) {
            g.add(kind.clone(), "vcard:hasEmail", mbox);
        }
        if let Some(url) = contact.url.as_deref().and_then(iri) {
            g.add(kind, "vcard:hasURL", url);
        }
    }

    for parent in &d.derived_from {
        if let Some(other) = catalog.dataset(parent) {
            g.add(s.clone(), "dct:source", dataset_iri(catalog, other));
        }
    }
    for rel in &d.related {
        if let Some(other) = catalog.dataset(rel) {
            g.add(s.clone(), "dct:relation", dataset_iri(catalog, other));
        }
    }
    for c in &d.citations {
        let link = c
            .doi
            .as_ref()
            .map(|doi| format!("https://doi.org/{doi}"))
            .or_else(|| c.url.clone());
        if let Some(node) = link.as_deref().and_then(iri) {
            g.add(s.clone(), "dct:isReferencedBy", node);
        }
    }

    // HealthDCAT-AP counts.
    if let Some(subjects) = d.subjects {
        g.add(
            s.clone(),
            "healthdcatap:numberOfUniqueIndividuals",
            typed(subjects.to_string(), "xsd:nonNegativeInteger"),
        );
    }
    if let Some(scans) = d.scans {
        g.add(
            s.clone(),
            "healthdcatap:numberOfRecords",
            typed(scans.to_string(), "xsd:nonNegativeInteger"),
        );
    }

    add_distributions(g, catalog, d, &s, dist_base, lang)
}

/// Where a dataset without downloads is accessed: its access URL, else its homepage, else its
/// page.
fn access_route(catalog: &Catalog, d: &Dataset) -> Option<NamedNode> {
    let page = catalog.config.url(&d.path());
    d.access_url
        .iter()
        .chain(&d.homepage)
        .chain(std::iter::once(&page))
        .find_map(|u| iri(u))
}

/// The IRIs of the distributions [`add_dataset`] describes for `d`, without describing them:
/// `<dist_base>-<n>` for each download with a valid URL, else `<dist_base>` for the access
/// route.
pub(super) fn distribution_iris(catalog: &Catalog, d: &Dataset, dist_base: &str) -> Vec<NamedNode> {
    let downloads = d.downloads.iter().filter(|f| iri(&f.url).is_some()).count();
    if downloads > 0 {
        (1..=downloads)
            .map(|i| NamedNode::new_unchecked(format!("{dist_base}-{i}")))
            .collect()
    } else {
        access_route(catalog, d)
            .map(|_| NamedNode::new_unchecked(dist_base.to_string()))
            .into_iter()
            .collect()
    }
}

fn add_distributions(
    g: &mut Graph,
    catalog: &Catalog,
    d: &Dataset,
    s: &NamedNode,
    dist_base: &str,
    lang: &str,
) -> Vec<NamedNode> {
    let license = d.license.as_ref().and_then(|l| {
        let doc = iri(l.url.as_deref()?)?;
        g.typed(doc.clone(), "dct:LicenseDocument");
        g.add(doc.clone(), "rdfs:label", text(&l.name));
        g.add(doc.clone(), "dct:identifier", text(&l.id));
        Some(doc)
    });
    let files: Vec<_> = d
        .downloads
        .iter()
        .filter_map(|f| iri(&f.url).map(|u| (f, u)))
        .collect();
    if files.is_empty() {
        let Some(access) = access_route(catalog, d) else {
            return Vec::new();
        };
        let dist = NamedNode::new_unchecked(dist_base.to_string());
        g.add(s.clone(), "dcat:distribution", dist.clone());
        g.typed(dist.clone(), "dcat:Distribution");
        g.add(dist.clone(), "dcat:accessURL", access);
        let title = match d.access {
            Some(a) => format!("{}: {}", a.label(), d.short_name()),
            None => format!("Access to {}", d.short_name()),
        };
        g.add(dist.clone(), "dct:title", text_lang(&title, lang));
        if let Some(doc) = &license {
            g.add(dist.clone(), "dct:license", doc.clone());
        }
        return vec![dist];
    }
    let mut made = Vec::new();
    for (i, (f, url)) in files.into_iter().enumerate() {
        let dist = NamedNode::new_unchecked(format!("{dist_base}-{}", i + 1));
        made.push(dist.clone());
        g.add(s.clone(), "dcat:distribution", dist.clone());
        g.typed(dist.clone(), "dcat:Distribution");
        g.add(dist.clone(), "dcat:accessURL", url.clone());
        g.add(dist.clone(), "dcat:downloadURL", url);
        if let Some(name) = &f.name {
            g.add(dist.clone(), "dct:title", text(name));
        }
        if let Some(media) = f
            .media_type
            .as_deref()
            .and_then(|m| iri(&format!("{IANA_MEDIA}{m}")))
        {
            g.add(dist.clone(), "dcat:mediaType", media.clone());
            g.typed(media, "dct:MediaType");
        }
        if let Some(size) = f.size_bytes {
            g.add(
                dist.clone(),
                "dcat:byteSize",
                typed(size.to_string(), "xsd:nonNegativeInteger"),
            );
        }
        if let Some(sha) = &f.sha256 {
            let sum = blank(&format!("checksum-{}-{}", d.slug, i + 1));
            g.add(dist.clone(), "spdx:checksum", sum.clone());
            g.typed(sum.clone(), "spdx:Checksum");
            g.add(
                sum.clone(),
                "spdx:algorithm",
                n("spdx:checksumAlgorithm_sha256"),
            );
            g.add(
                sum,
                "spdx:checksumValue",
                typed(sha.clone(), "xsd:hexBinary"),
            );
        }
        if let Some(doc) = &license {
            g.add(dist, "dct:license", doc.clone());
        }
    }
    made
}

/// A creator or publisher as a `foaf:Agent` (also `foaf:Person` or `foaf:Organization`) with
/// its `foaf:name`, at a node of the dataset's page (`#<role>`): entries may spell one agent's
/// name differently, and a shared node (its ORCID or ROR IRI) would then carry two names, which
/// the FAIR Data Point shapes forbid. Its ORCID or ROR id is its `dct:identifier`; a homepage
/// becomes `foaf:homepage`.
fn add_agent(
    g: &mut Graph,
    catalog: &Catalog,
    d: &Dataset,
    a: &crate::model::Agent,
    role: &str,
) -> NamedNode {
    let node = NamedNode::new_unchecked(format!("{}#{role}", catalog.config.url(&d.path())));
    if let Some(id) = a.id() {
        g.add(node.clone(), "dct:identifier", text(id));
    }
    g.typed(node.clone(), "foaf:Agent");
    g.typed(
        node.clone(),
        if a.is_person() {
            "foaf:Person"
        } else {
            "foaf:Organization"
        },
    );
    g.add(node.clone(), "foaf:name", text(&a.display_name()));
    if let Some((family, given)) = a.family_given() {
        g.add(node.clone(), "foaf:familyName", text(family));
        g.add(node.clone(), "foaf:givenName", text(given));
    }
    if let Some(url) = a.url.as_deref().and_then(iri) {
        g.add(node.clone(), "foaf:homepage", url.clone());
        g.typed(url, "foaf:Document");
    }
    node
}

fn concept(g: &mut Graph, node: NamedNode, label: &str) {
    g.typed(node.clone(), "skos:Concept");
    g.add(node, "skos:prefLabel", text_lang(label, "en"));
}

/// `mailto:` IRI of an e-mail address, if it makes a valid IRI.
fn mailto(email: &str) -> Option<NamedNode> {
    iri(&format!("mailto:{}", email.trim()))
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
