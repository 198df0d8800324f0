//! The JSON API: `/api/catalog.json` (every published entry) and `/api/datasets/<slug>.json`.
//!
//! Every value is normalised: licences as SPDX id + name + URL + category, modalities as DICOM
//! code + name, body regions with SNOMED CT and UBERON codes, counts as numbers, and every link
//! an absolute URL. Field by field documentation: `docs/for-machines.md`. Bump [`API_VERSION`]
//! when a field changes meaning or disappears (adding fields does not bump it).

use super::{ExportError, json_text};
use crate::model::{Catalog, Dataset};
use crate::output::Output;
use serde_json::{Value, json};

/// Version of the JSON layout, the `version` field of every document.
pub const API_VERSION: u32 = 1;

pub fn write(catalog: &Catalog, out: &mut Output) -> Result<(), ExportError> {
    out.add("api/catalog.json", json_text(&catalog_document(catalog)))?;
    super::per_dataset(catalog, out, |d| {
        let doc = json!({
            "version": API_VERSION,
            "dataset": dataset_record(catalog, d),
        });
        vec![(dataset_api_path(d), json_text(&doc))]
    })
}

/// `api/datasets/<slug>.json`, relative to the site root.
pub fn dataset_api_path(d: &Dataset) -> String {
    format!("api/datasets/{}.json", d.slug)
}

/// The whole catalog: its description and every published dataset, in slug order.
pub fn catalog_document(catalog: &Catalog) -> Value {
    let c = &catalog.config;
    json!({
        "version": API_VERSION,
        "generator": "faircat",
        "title": c.title,
        "description": c.description,
        "url": c.base_url,
        "language": c.language,
        "publisher": {
            "name": c.publisher.name,
            "url": c.publisher.url,
            "email": c.publisher.email,
        },
        "modified": catalog.modified().map(|d| d.to_string()),
        "count": catalog.datasets.len(),
        "links": {
            "csv": c.url("catalog.csv"),
            "dcat_turtle": c.url("catalog.ttl"),
            "dcat_jsonld": c.url("catalog.jsonld"),
            "schema": c.url(super::schema::PATH),
            "fdp": c.url("fdp/"),
        },
        "datasets": catalog.datasets.iter().map(|d| dataset_record(catalog, d)).collect::<Vec<_>>(),
    })
}

/// One dataset with every field normalised.
pub fn dataset_record(catalog: &Catalog, d: &Dataset) -> Value {
    let c = &catalog.config;
    let page = c.url(&d.path());
    let mut record = json!({
        "slug": d.slug,
        "url": page,
        "name": d.name,
        "acronym": d.acronym,
        "alternate_names": d.alternate_names,
        "description": d.description,
        "homepage": d.homepage,
        "doi": d.doi,
        "doi_url": d.doi_url(),
        "year": d.year,
        "released": d.released.map(|x| x.to_string()),
        "updated": d.updated.map(|x| x.to_string()),
        "added": d.added.map(|x| x.to_string()),
        "keywords": d.keywords,
        "topic": d.topic,
        "modalities": d.modalities.iter().map(|m| json!({
            "code": m.code,
            "name": m.name,
        })).collect::<Vec<_>>(),
        "anatomy": d.anatomy.iter().map(|a| json!({
            "id": a.id,
            "label": a.label,
            "snomed_ct": a.snomed,
            "uberon": a.uberon,
        })).collect::<Vec<_>>(),
        "subjects": d.subjects,
        "scans": d.scans,
        "studies": d.studies,
        "series": d.series,
        "sequences": d.sequences,
        "file_formats": d.file_formats,
        "scanners": d.scanners,
        "geography": d.geography,
        "pathologies": d.pathologies,
        "targets": {
            "pixel": d.targets.pixel,
            "instance": d.targets.instance,
            "image": d.targets.image,
        },
    });
    let rest = json!({
        "label_types": d.label_types.iter().map(|l| json!({
            "id": l.slug(),
            "label": l.label(),
        })).collect::<Vec<_>>(),
        "complete": d.complete,
        "pathology_annotated": d.pathology_annotated,
        "normal_anatomy_annotated": d.normal_anatomy_annotated,
        "annotation_protocol": d.annotation_protocol,
        "license": d.license.as_ref().map(|l| json!({
            "id": l.id,
            "name": l.name,
            "url": l.url,
            "category": l.category.slug(),
        })),
        "access": d.access.map(|a| json!({
            "id": a.slug(),
            "label": a.label(),
            "free": a.is_free(),
        })),
        "access_url": d.access_url,
        "platforms": d.platforms.iter().map(|p| json!({
            "id": p.id,
            "name": p.name,
            "url": p.url,
        })).collect::<Vec<_>>(),
        "publishable": d.publishable,
        "provision": d.provision,
        "contact": d.contact.as_ref().map(|x| json!({
            "name": x.name,
            "email": x.email,
            "url": x.url,
        })),
        "downloads": d.downloads.iter().map(|x| json!({
            "url": x.url,
            "name": x.name,
            "media_type": x.media_type,
            "size_bytes": x.size_bytes,
            "sha256": x.sha256,
        })).collect::<Vec<_>>(),
        "citations": d.citations.iter().map(|x| json!({
            "text": x.text,
            "doi": x.doi,
            "url": x.url,
            "preferred": x.preferred,
        })).collect::<Vec<_>>(),
        "cite_as": crate::cite::plain(d),
        "derived_from": slug_links(catalog, &d.derived_from),
        "related": slug_links(catalog, &d.related),
        "sources": d.sources,
        "remarks": d.remarks,
        "links": {
            "page": page,
            "json": c.url(&dataset_api_path(d)),
            "croissant": c.url(&format!("{}croissant.json", d.path())),
            "bibtex": c.url(&format!("{}citation.bib", d.path())),
            "cff": c.url(&format!("{}CITATION.cff", d.path())),
        },
    });
    if let (Some(record), Value::Object(rest)) = (record.as_object_mut(), rest) {
        record.extend(rest);
    }
    record
}

/// Other entries by slug, each with its absolute page URL.
fn slug_links(catalog: &Catalog, slugs: &[String]) -> Vec<Value> {
    slugs
        .iter()
        .map(|s| {
            json!({
                "slug": s,
                "url": catalog.dataset(s).map(|o| catalog.config.url(&o.path())),
            })
        })
        .collect()
}
