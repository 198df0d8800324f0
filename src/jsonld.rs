//! schema.org JSON-LD, built from the same model as the pages: a `Dataset` for each dataset
//! page and a `DataCatalog` for the home page. Only facts the entry states are emitted.

use crate::markdown;
use crate::model::{Catalog, Contact, Dataset};
use crate::vocab::Access;
use serde_json::{Map, Value, json};

const DICOM_CID_29: &str =
    "https://dicom.nema.org/medical/dicom/current/output/chtml/part16/sect_CID_29.html";
const SNOMED_CT: &str = "http://snomed.info/sct";

/// The `Dataset` of one entry.
pub fn dataset(catalog: &Catalog, d: &Dataset) -> Value {
    let config = &catalog.config;
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("Dataset"));
    let url = config.url(&d.path());
    o.insert("@id".into(), json!(url));
    o.insert("name".into(), json!(d.name));
    let alternate: Vec<&String> = d.acronym.iter().chain(&d.alternate_names).collect();
    if !alternate.is_empty() {
        o.insert("alternateName".into(), json!(alternate));
    }
    o.insert("description".into(), json!(description(&d.description)));
    o.insert("url".into(), json!(url));
    if let (Some(doi), Some(doi_url)) = (&d.doi, d.doi_url()) {
        o.insert(
            "identifier".into(),
            json!({"@type": "PropertyValue", "propertyID": "DOI", "value": doi, "url": doi_url}),
        );
    }
    if let Some(home) = &d.homepage {
        o.insert("sameAs".into(), json!(home));
    }
    if let Some(l) = &d.license {
        let value = if l.id.starts_with("LicenseRef-") {
            let mut work = Map::new();
            work.insert("@type".into(), json!("CreativeWork"));
            work.insert("name".into(), json!(l.name));
            if let Some(u) = &l.url {
                work.insert("url".into(), json!(u));
            }
            Value::Object(work)
        } else {
            json!(l.url.clone().unwrap_or_else(|| l.id.clone()))
        };
        o.insert("license".into(), value);
    }
    if let Some(access) = d.access {
        o.insert("isAccessibleForFree".into(), json!(access.is_free()));
        if matches!(access, Access::Registration | Access::Application) {
            let mut text = access.label().to_string();
            if let Some(u) = &d.access_url {
                text.push_str(": ");
                text.push_str(u);
            }
            o.insert("conditionsOfAccess".into(), json!(text));
        }
    }
    // The creators when the entry names them, else the data owner (the contact) as before.
    let creators: Vec<Value> = d.creators.iter().map(person_or_organization).collect();
    if !creators.is_empty() {
        o.insert("creator".into(), json!(creators));
    } else if let Some(creator) = d.contact.as_ref().and_then(agent) {
        o.insert("creator".into(), creator);
    }
    // The dataset's own publisher; when the entry names none, none is stated (this catalog
    // publishes the DataCatalog of the home page, not the datasets).
    if let Some(p) = &d.publisher {
        o.insert("publisher".into(), person_or_organization(p));
    }
    if let Some(v) = &d.version {
        o.insert("version".into(), json!(v));
    }
    let providers: Vec<Value> = d
        .platforms
        .iter()
        .map(|p| json!({"@type": "Organization", "name": p.name, "url": p.url}))
        .collect();
    if !providers.is_empty() {
        o.insert("provider".into(), json!(providers));
    }
    let keywords: Vec<&String> = d.keywords.iter().chain(&d.topic).collect();
    if !keywords.is_empty() {
        o.insert("keywords".into(), json!(keywords));
    }
    let techniques: Vec<Value> = d
        .modalities
        .iter()
        .map(|m| {
            json!({"@type": "DefinedTerm", "name": m.name, "termCode": m.code,
                   "inDefinedTermSet": DICOM_CID_29})
        })
        .collect();
    if !techniques.is_empty() {
        o.insert("measurementTechnique".into(), json!(techniques));
    }
    let about: Vec<Value> = d
        .anatomy
        .iter()
        .map(|a| {
            let mut term = Map::new();
            term.insert("@type".into(), json!("DefinedTerm"));
            term.insert("name".into(), json!(a.label));
            // Codes only where the vocabulary has a verified one (empty means unverified).
            if !a.snomed.is_empty() {
                term.insert("termCode".into(), json!(a.snomed));
                term.insert("inDefinedTermSet".into(), json!(SNOMED_CT));
            }
            if !a.uberon.is_empty() {
                term.insert("sameAs".into(), json!(uberon_iri(a.uberon)));
            }
            Value::Object(term)
        })
        .collect();
    if !about.is_empty() {
        o.insert("about".into(), json!(about));
    }
    let variables = variables_measured(d);
    if !variables.is_empty() {
        o.insert("variableMeasured".into(), json!(variables));
    }
    let places: Vec<Value> = d
        .geography
        .iter()
        .map(|g| json!({"@type": "Place", "name": g}))
        .collect();
    if !places.is_empty() {
        o.insert("spatialCoverage".into(), json!(places));
    }
    let mut citations: Vec<&crate::model::Citation> = d.citations.iter().collect();
    citations.sort_by_key(|c| !c.preferred);
    let citations: Vec<Value> = citations
        .into_iter()
        .map(|c| {
            let mut work = Map::new();
            work.insert("@type".into(), json!("CreativeWork"));
            work.insert("name".into(), json!(c.text));
            if let Some(doi) = &c.doi {
                work.insert("identifier".into(), json!(format!("https://doi.org/{doi}")));
            }
            if let Some(u) = c
                .doi
                .as_ref()
                .map(|d| format!("https://doi.org/{d}"))
                .or(c.url.clone())
            {
                work.insert("url".into(), json!(u));
            }
            Value::Object(work)
        })
        .collect();
    if !citations.is_empty() {
        o.insert("citation".into(), json!(citations));
    }
    let parents = based_on(catalog, d);
    if !parents.is_empty() {
        o.insert("isBasedOn".into(), json!(parents));
    }
    o.insert(
        "includedInDataCatalog".into(),
        json!({"@type": "DataCatalog", "name": config.title, "url": config.base_url}),
    );
    let downloads: Vec<Value> = d
        .downloads
        .iter()
        .map(|dl| {
            let mut m = Map::new();
            m.insert("@type".into(), json!("DataDownload"));
            m.insert("contentUrl".into(), json!(dl.url));
            if let Some(n) = &dl.name {
                m.insert("name".into(), json!(n));
            }
            if let Some(t) = &dl.media_type {
                m.insert("encodingFormat".into(), json!(t));
            }
            if let Some(s) = dl.size_bytes {
                m.insert("contentSize".into(), json!(format!("{s} B")));
            }
            if let Some(h) = &dl.sha256 {
                m.insert("sha256".into(), json!(h));
            }
            Value::Object(m)
        })
        .collect();
    if !downloads.is_empty() {
        o.insert("distribution".into(), json!(downloads));
    }
    if let Some(released) = d.released {
        o.insert("datePublished".into(), json!(released.to_string()));
    } else if let Some(year) = d.year {
        o.insert("datePublished".into(), json!(format!("{year:04}")));
    }
    if let Some(updated) = d.updated {
        o.insert("dateModified".into(), json!(updated.to_string()));
    }
    Value::Object(o)
}

/// A home page's `DataCatalog`, listing the datasets `listed` on that page (each with a short
/// description: its own page carries the full `Dataset`), so no page grows with the catalog.
pub fn catalog(catalog: &Catalog, listed: &[usize]) -> Value {
    let config = &catalog.config;
    let datasets: Vec<Value> = listed
        .iter()
        .map(|&i| {
            let d = &catalog.datasets[i];
            let url = config.url(&d.path());
            let mut m = Map::new();
            m.insert("@type".into(), json!("Dataset"));
            m.insert("@id".into(), json!(url));
            m.insert("name".into(), json!(d.name));
            m.insert(
                "description".into(),
                json!(markdown::plain_summary(&d.description, 300)),
            );
            m.insert("url".into(), json!(url));
            if let Some(l) = d.license.as_ref().and_then(|l| l.url.as_ref()) {
                m.insert("license".into(), json!(l));
            }
            Value::Object(m)
        })
        .collect();
    let mut o = Map::new();
    o.insert("@context".into(), json!("https://schema.org"));
    o.insert("@type".into(), json!("DataCatalog"));
    o.insert("@id".into(), json!(config.base_url));
    o.insert("name".into(), json!(config.title));
    if !config.description.is_empty() {
        o.insert("description".into(), json!(config.description));
    }
    o.insert("url".into(), json!(config.base_url));
    o.insert("inLanguage".into(), json!(config.language));
    o.insert("publisher".into(), publisher(catalog));
    if let Some(date) = catalog.modified() {
        o.insert("dateModified".into(), json!(date.to_string()));
    }
    o.insert("dataset".into(), json!(datasets));
    Value::Object(o)
}

/// Plain-text description, within Google's 5000-character limit.
fn description(markdown_source: &str) -> String {
    markdown::plain_summary(markdown_source, 4990)
}

fn publisher(catalog: &Catalog) -> Value {
    let p = &catalog.config.publisher;
    let mut m = Map::new();
    m.insert("@type".into(), json!("Organization"));
    m.insert("name".into(), json!(p.name));
    if let Some(u) = &p.url {
        m.insert("url".into(), json!(u));
    }
    if let Some(e) = &p.email {
        m.insert("email".into(), json!(e));
    }
    Value::Object(m)
}

/// A creator or publisher as a schema.org `Person` (with `givenName`/`familyName` when the
/// name is written "Family, Given") or `Organization`; its ORCID or ROR id is its `@id` and
/// `sameAs`.
pub fn person_or_organization(a: &crate::model::Agent) -> Value {
    let mut m = Map::new();
    if let Some(id) = a.id() {
        m.insert("@id".into(), json!(id));
    }
    if a.is_person() {
        m.insert("@type".into(), json!("Person"));
        m.insert("name".into(), json!(a.display_name()));
        if let Some((family, given)) = a.family_given() {
            m.insert("givenName".into(), json!(given));
            m.insert("familyName".into(), json!(family));
        }
    } else {
        m.insert("@type".into(), json!("Organization"));
        m.insert("name".into(), json!(a.name));
    }
    if let Some(id) = a.id() {
        m.insert("sameAs".into(), json!(id));
    }
    if let Some(u) = &a.url {
        m.insert("url".into(), json!(u));
    }
    Value::Object(m)
}

/// The data owner as a schema.org agent, when a name is given. Whether a name is a person or
/// an organisation is not recorded; names with an institution word are taken as organisations.
fn agent(contact: &Contact) -> Option<Value> {
    let name = contact.name.as_ref()?;
    const ORG_WORDS: [&str; 14] = [
        "university",
        "institute",
        "center",
        "centre",
        "hospital",
        "foundation",
        "consortium",
        "laboratory",
        "lab",
        "society",
        "group",
        "inc",
        "ltd",
        "archive",
    ];
    let lower = name.to_lowercase();
    let is_org = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ORG_WORDS.contains(&w));
    let mut m = Map::new();
    m.insert(
        "@type".into(),
        json!(if is_org { "Organization" } else { "Person" }),
    );
    m.insert("name".into(), json!(name));
    if let Some(e) = &contact.email {
        m.insert("email".into(), json!(e));
    }
    if let Some(u) = &contact.url {
        m.insert("url".into(), json!(u));
    }
    Some(Value::Object(m))
}

/// What the annotations measure: one `PropertyValue` per annotated target and level, or the
/// label types alone when no targets are listed.
fn variables_measured(d: &Dataset) -> Vec<Value> {
    let levels = [
        ("pixel-level annotation", &d.targets.pixel),
        ("instance-level annotation", &d.targets.instance),
        ("image-level annotation", &d.targets.image),
    ];
    let mut out: Vec<Value> = levels
        .iter()
        .flat_map(|(level, targets)| {
            targets.iter().map(move |t| {
                json!({"@type": "PropertyValue", "name": t, "measurementTechnique": level})
            })
        })
        .collect();
    if out.is_empty() {
        out = d
            .label_types
            .iter()
            .filter(|l| **l != crate::vocab::LabelType::None)
            .map(|l| json!({"@type": "PropertyValue", "name": l.label()}))
            .collect();
    }
    out
}

/// `UBERON:0001443` → `http://purl.obolibrary.org/obo/UBERON_0001443`.
fn uberon_iri(id: &str) -> String {
    format!("http://purl.obolibrary.org/obo/{}", id.replace(':', "_"))
}

/// The entries `d` is derived from ([`Catalog::parents`]), as schema.org `isBasedOn` datasets:
/// each one's page as `@id` and `url`, its name and DOI.
fn based_on(catalog: &Catalog, d: &Dataset) -> Vec<Value> {
    catalog
        .parents(d)
        .map(|p| {
            let url = catalog.config.url(&p.path());
            let mut m = Map::new();
            m.insert("@type".into(), json!("Dataset"));
            m.insert("@id".into(), json!(url));
            m.insert("name".into(), json!(p.name));
            m.insert("url".into(), json!(url));
            if let Some(doi) = p.doi_url() {
                m.insert("identifier".into(), json!(doi));
            }
            Value::Object(m)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uberon_ids_become_iris() {
        assert_eq!(
            uberon_iri("UBERON:0001443"),
            "http://purl.obolibrary.org/obo/UBERON_0001443"
        );
    }

    #[test]
    fn contact_names_become_people_or_organisations() {
        let person = Contact {
            name: Some("Jane Doe".into()),
            ..Contact::default()
        };
        let org = Contact {
            name: Some("Radboud University Medical Center".into()),
            email: Some("x@example.org".into()),
            url: None,
        };
        assert_eq!(agent(&person).unwrap()["@type"], "Person");
        assert_eq!(agent(&org).unwrap()["@type"], "Organization");
        assert_eq!(agent(&org).unwrap()["email"], "x@example.org");
        assert!(agent(&Contact::default()).is_none());
    }
}
