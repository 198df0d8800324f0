//! One dataset in the DCAT-AP graph: its description, its distributions, and the agents and
//! concepts it refers to.

use super::{
    DICOM_CODES, EU_ACCESS, EU_THEMES, IANA_MEDIA, OBO, SNOMED, dataset_iri, eu_access_label,
    eu_access_right,
};
use crate::metadata::rdf::{Graph, blank, iri, n, text, text_lang, typed};
use crate::model::{Catalog, Dataset};
use oxrdf::NamedNode;

/// Describe one dataset (and its distributions, named `<dist_base>` for the access route or
/// `<dist_base>-<n>` for downloads) at `subject`; returns the distributions' IRIs.
/// `with_contact` adds the
/// `vcard:Kind` contact point (left out of FAIR Data Point records, whose shapes want a
/// literal e-mail where DCAT-AP practice uses a `mailto:` IRI).
pub(in crate::metadata) fn add_dataset(
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

    for other in catalog.parents(d) {
        g.add(s.clone(), "dct:source", dataset_iri(catalog, other));
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
pub(in crate::metadata) fn distribution_iris(
    catalog: &Catalog,
    d: &Dataset,
    dist_base: &str,
) -> Vec<NamedNode> {
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
pub(super) fn mailto(email: &str) -> Option<NamedNode> {
    iri(&format!("mailto:{}", email.trim()))
}
