//! Croissant 1.1 (MLCommons) metadata of one dataset: `/datasets/<slug>/croissant.json`.
//!
//! Metadata-only unless the entry lists a download with a known SHA-256 and media type: only
//! such files become `cr:FileObject`s (Croissant requires a checksum for each). Responsible-AI
//! facts use the RAI vocabulary: the annotation protocol and label types go to
//! `rai:dataAnnotationProtocol`, incomplete targets to `rai:dataLimitations`.

use crate::model::{Catalog, Dataset};
use crate::vocab::Access;
use serde_json::{Map, Value, json};

pub const CONFORMS_TO: &str = "http://mlcommons.org/croissant/1.1";
pub const RAI_CONFORMS_TO: &str = "http://mlcommons.org/croissant/RAI/1.0";

/// The `@context` Croissant 1.1 documents use (the terms its spec defines).
pub fn context() -> Value {
    json!({
        "@language": "en",
        "@vocab": "https://schema.org/",
        "sc": "https://schema.org/",
        "cr": "http://mlcommons.org/croissant/",
        "rai": "http://mlcommons.org/croissant/RAI/",
        "dct": "http://purl.org/dc/terms/",
        "arrayShape": "cr:arrayShape",
        "citeAs": "cr:citeAs",
        "column": "cr:column",
        "conformsTo": "dct:conformsTo",
        "containedIn": "cr:containedIn",
        "data": {"@id": "cr:data", "@type": "@json"},
        "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
        "examples": {"@id": "cr:examples", "@type": "@json"},
        "equivalentProperty": "cr:equivalentProperty",
        "extract": "cr:extract",
        "field": "cr:field",
        "fileProperty": "cr:fileProperty",
        "fileObject": "cr:fileObject",
        "fileSet": "cr:fileSet",
        "format": "cr:format",
        "includes": "cr:includes",
        "isArray": "cr:isArray",
        "isLiveDataset": "cr:isLiveDataset",
        "jsonPath": "cr:jsonPath",
        "key": "cr:key",
        "md5": "cr:md5",
        "parentField": "cr:parentField",
        "path": "cr:path",
        "recordSet": "cr:recordSet",
        "references": "cr:references",
        "regex": "cr:regex",
        "repeated": "cr:repeated",
        "replace": "cr:replace",
        "samplingRate": "cr:samplingRate",
        "separator": "cr:separator",
        "source": "cr:source",
        "subField": "cr:subField",
        "transform": "cr:transform",
    })
}

/// The Croissant document of `d`.
pub fn croissant(catalog: &Catalog, d: &Dataset) -> Value {
    let config = &catalog.config;
    let page = config.url(&d.path());
    let mut m = Map::new();
    let mut put = |k: &str, v: Value| {
        m.insert(k.to_string(), v);
    };
    put("@context", context());
    put("@type", json!("sc:Dataset"));
    put("@id", json!(page));
    put("conformsTo", json!([CONFORMS_TO, RAI_CONFORMS_TO]));
    put("name", json!(d.name));
    let alternate: Vec<&str> = d
        .acronym
        .iter()
        .chain(d.alternate_names.iter())
        .map(String::as_str)
        .collect();
    if !alternate.is_empty() {
        put("alternateName", json!(alternate));
    }
    put("description", json!(d.description));
    put(
        "url",
        json!(d.homepage.clone().unwrap_or_else(|| page.clone())),
    );
    let mut same_as = vec![page.clone()];
    same_as.extend(d.doi_url());
    put("sameAs", json!(same_as));
    if let Some(doi) = d.doi_url() {
        put("identifier", json!(doi));
    }
    if let Some(l) = &d.license {
        let mut lic = json!({"@type": "sc:CreativeWork", "name": l.name, "identifier": l.id});
        if let Some(url) = &l.url {
            lic["url"] = json!(url);
        }
        put("license", json!([lic]));
    }
    // Data-use conditions: each GA4GH DUO term as a schema.org `usageInfo` work, by its IRI.
    if !d.data_use.is_empty() {
        let terms: Vec<Value> = d
            .data_use
            .iter()
            .map(|t| {
                json!({"@type": "sc:CreativeWork", "@id": t.iri(), "url": t.iri(),
                    "name": t.label, "identifier": t.id})
            })
            .collect();
        put("usageInfo", json!(terms));
    }
    // Croissant 1.1 requires `creator` when it is known: the entry's creators, else the data
    // owner (contact) as before; nothing when neither is known. `publisher` is the dataset's
    // own publisher, left out when the entry names none.
    let creators: Vec<Value> = d.creators.iter().map(agent).collect();
    if !creators.is_empty() {
        put("creator", json!(creators));
    } else if let Some(name) = d.contact.as_ref().and_then(|c| c.name.as_ref()) {
        let c = d.contact.as_ref().expect("checked above");
        let mut creator = json!({"@type": "sc:Organization", "name": name});
        if let Some(url) = &c.url {
            creator["url"] = json!(url);
        }
        if let Some(email) = &c.email {
            creator["email"] = json!(email);
        }
        put("creator", json!([creator]));
    }
    if let Some(p) = &d.publisher {
        put("publisher", json!([agent(p)]));
    }
    put("sdPublisher", {
        let mut p = json!({"@type": "sc:Organization", "name": config.publisher.name});
        if let Some(url) = &config.publisher.url {
            p["url"] = json!(url);
        }
        p
    });
    put("citeAs", json!(crate::cite::bibtex_dataset(d)));
    // The parents' pages as URLs: mlcroissant would read a nested `sc:Dataset` as a second
    // Croissant dataset and ask it for everything a dataset needs.
    let parents: Vec<String> = catalog.parents(d).map(|p| config.url(&p.path())).collect();
    if !parents.is_empty() {
        put("isBasedOn", json!(parents));
    }
    if let Some(released) = d.released {
        put("datePublished", json!(released.to_string()));
    } else if let Some(year) = d.year {
        put("datePublished", json!(format!("{year:04}")));
    }
    if let Some(version) = &d.version {
        put("version", json!(version));
    }
    if let Some(updated) = d.updated {
        put("dateModified", json!(updated.to_string()));
    }
    let keywords = keywords(d);
    if !keywords.is_empty() {
        put("keywords", json!(keywords));
    }
    if let Some(access) = d.access {
        put("isAccessibleForFree", json!(access.is_free()));
        if access != Access::Public {
            let mut usage = json!({"@type": "sc:CreativeWork", "name": access.label()});
            if let Some(url) = &d.access_url {
                usage["url"] = json!(url);
            }
            put("usageInfo", usage);
        }
    }
    if let Some(protocol) = annotation_protocol(d) {
        put("rai:dataAnnotationProtocol", json!(protocol));
    }
    if d.complete == Some(false) {
        put(
            "rai:dataLimitations",
            json!(
                "Not all annotation targets are annotated in every image (the entry marks the \
                 annotations as incomplete)."
            ),
        );
    }
    let files = distribution(d);
    if !files.is_empty() {
        put("distribution", json!(files));
    }
    Value::Object(m)
}

/// A creator or publisher: the page JSON-LD's `Person`/`Organization` with Croissant's `sc:`
/// prefix on the type.
fn agent(a: &crate::model::Agent) -> Value {
    let mut v = crate::jsonld::person_or_organization(a);
    let kind = if a.is_person() {
        "sc:Person"
    } else {
        "sc:Organization"
    };
    v["@type"] = json!(kind);
    v
}

/// Free keywords, then modality names and body regions, without repeats.
fn keywords(d: &Dataset) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let candidates = d
        .keywords
        .iter()
        .cloned()
        .chain(d.modalities.iter().map(|m| m.name.to_string()))
        .chain(d.anatomy.iter().map(|a| a.label.to_string()));
    for k in candidates {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&k)) {
            out.push(k);
        }
    }
    out
}

/// The annotation facts as sentences: label types, targets per level, and the protocol text.
fn annotation_protocol(d: &Dataset) -> Option<String> {
    let mut parts = Vec::new();
    if !d.label_types.is_empty() {
        let labels: Vec<&str> = d.label_types.iter().map(|l| l.label()).collect();
        parts.push(format!("Label types: {}.", labels.join(", ")));
    }
    for (level, targets) in [
        ("pixel", &d.targets.pixel),
        ("instance", &d.targets.instance),
        ("image", &d.targets.image),
    ] {
        if !targets.is_empty() {
            parts.push(format!(
                "Annotated at {level} level: {}.",
                targets.join(", ")
            ));
        }
    }
    if let Some(p) = &d.annotation_protocol {
        parts.push(p.clone());
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Downloads with a SHA-256 and a media type, as Croissant `cr:FileObject`s.
fn distribution(d: &Dataset) -> Vec<Value> {
    d.downloads
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let sha256 = f.sha256.as_ref()?;
            let media_type = f.media_type.as_ref()?;
            let id = format!("file-{}", i + 1);
            let mut o = json!({
                "@type": "cr:FileObject",
                "@id": id,
                "name": f.name.clone().unwrap_or_else(|| id.clone()),
                "contentUrl": f.url,
                "encodingFormat": media_type,
                "sha256": sha256,
            });
            if let Some(size) = f.size_bytes {
                o["contentSize"] = json!(format!("{size} B"));
            }
            Some(o)
        })
        .collect()
}
