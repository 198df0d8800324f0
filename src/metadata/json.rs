//! The JSON API: `/api/catalog.json` (every published entry) and `/api/datasets/<slug>.json`.
//!
//! Every value is normalised: licences as SPDX id + name + URL + category, modalities as DICOM
//! code + name, body regions with SNOMED CT and UBERON codes, counts as numbers, and every link
//! an absolute URL. Field by field documentation: `docs/for-machines.md`. Bump [`API_VERSION`]
//! when a field changes meaning or disappears (adding fields does not bump it).

use super::json_compact_text;
use crate::model::{Catalog, Dataset};
use crate::output::Job;
use serde_json::{Value, json};
use std::io::Write;

/// Version of the JSON layout, the `version` field of every document.
pub const API_VERSION: u32 = 1;

/// The job that writes `api/catalog.json` (streamed) and `api/datasets/<slug>.json`: each
/// record is made once, for both.
pub fn jobs(catalog: &Catalog) -> Vec<Job<'_>> {
    vec![Job::new("api", move |sink| {
        sink.stream("api/catalog.json", |w| {
            write_catalog_document(catalog, w, |d, record| {
                sink.add(dataset_api_path(d), dataset_document(record))
                    .map_err(std::io::Error::other)
            })
        })
    })]
}

/// `api/datasets/<slug>.json` of a dataset whose record, as compact JSON, is `record`: the
/// record with the API version, `{"dataset":…,"version":…}`, which is [`json_compact_text`]
/// of that object (its keys in order).
fn dataset_document(record: &str) -> String {
    format!("{{\"dataset\":{record},\"version\":{API_VERSION}}}\n")
}

/// [`catalog_document`] as compact JSON (see [`json_compact_text`]), written a batch of
/// datasets at a time so the document is never in memory whole. `each` gets every dataset
/// with its record (compact JSON, no newline), from several threads.
pub fn write_catalog_document(
    catalog: &Catalog,
    w: &mut dyn Write,
    each: impl Fn(&Dataset, &str) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let mut head = catalog_head(catalog);
    head.insert("datasets".into(), json!([]));
    let head = json_compact_text(&Value::Object(head));
    // Keys are written in order, and `"datasets":[]` can only be the key (a string holding it
    // would have its quotes escaped), so the records go between its brackets.
    let (before, after) = head
        .split_once(DATASETS_SLOT)
        .expect("the head has a datasets key");
    w.write_all(before.as_bytes())?;
    w.write_all(b"\"datasets\":[")?;
    for (b, batch) in catalog.datasets.chunks(1024).enumerate() {
        let records: Vec<String> = batch
            .par_iter()
            .map(|d| {
                let mut record = json_compact_text(&dataset_record(catalog, d));
                record.truncate(record.trim_end().len());
                each(d, &record)?;
                Ok(record)
            })
            .collect::<std::io::Result<_>>()?;
        for (i, record) in records.iter().enumerate() {
            if b > 0 || i > 0 {
                w.write_all(b",")?;
            }
            w.write_all(record.as_bytes())?;
        }
    }
    w.write_all(b"]")?;
    w.write_all(after.as_bytes())
}

const DATASETS_SLOT: &str = "\"datasets\":[]";

/// `api/datasets/<slug>.json`, relative to the site root.
pub fn dataset_api_path(d: &Dataset) -> String {
    format!("api/datasets/{}.json", d.slug)
}

/// The whole catalog: its description and every published dataset, in slug order.
pub fn catalog_document(catalog: &Catalog) -> Value {
    let mut doc = catalog_head(catalog);
    doc.insert(
        "datasets".into(),
        catalog
            .datasets
            .iter()
            .map(|d| dataset_record(catalog, d))
            .collect(),
    );
    Value::Object(doc)
}

/// [`catalog_document`] without its datasets.
fn catalog_head(catalog: &Catalog) -> serde_json::Map<String, Value> {
    let c = &catalog.config;
    let head = json!({
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
    });
    match head {
        Value::Object(map) => map,
        _ => unreachable!("an object literal"),
    }
}

/// One dataset with every field normalised.
pub fn dataset_record(catalog: &Catalog, d: &Dataset) -> Value {
    let c = &catalog.config;
    // `[output] citation_files = false` leaves the files out, so nothing links to them.
    let citation_files = c.output.citation_files;
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
        "creators": d.creators.iter().map(agent).collect::<Vec<_>>(),
        "publisher": d.publisher.as_ref().map(agent),
        "version": d.version,
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
        "data_use": d.data_use.iter().map(|t| json!({
            "id": t.id,
            "code": t.code,
            "label": t.label,
            "iri": t.iri(),
        })).collect::<Vec<_>>(),
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
        "phantom": d.phantom,
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
        "readiness": crate::readiness::Profile::of(d).to_json(),
        "links": {
            "page": page,
            "json": c.url(&dataset_api_path(d)),
            "croissant": c.url(&format!("{}croissant.json", d.path())),
            "bibtex": citation_files.then(|| c.url(&format!("{}citation.bib", d.path()))),
            "cff": citation_files.then(|| c.url(&format!("{}CITATION.cff", d.path()))),
        },
    });
    if let (Some(record), Value::Object(rest)) = (record.as_object_mut(), rest) {
        record.extend(rest);
    }
    record
}

/// A creator or publisher: its name as written, `person` or `organization`, and its ids.
fn agent(a: &crate::model::Agent) -> Value {
    json!({
        "name": a.name,
        "type": a.kind,
        "orcid": a.orcid,
        "ror": a.ror,
        "url": a.url,
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_streamed_catalog_is_the_catalog_document() {
        let catalog = crate::synth::catalog(2500, 7);
        let mut streamed = Vec::new();
        let records = std::sync::Mutex::new(Vec::new());
        write_catalog_document(&catalog, &mut streamed, |d, record| {
            records
                .lock()
                .unwrap()
                .push((d.slug.clone(), dataset_document(record)));
            Ok(())
        })
        .unwrap();
        let whole = json_compact_text(&catalog_document(&catalog));
        assert_eq!(String::from_utf8(streamed).unwrap(), whole);
        // Each dataset's own document is the record with the version, as compact JSON.
        let mut records = records.into_inner().unwrap();
        records.sort();
        assert_eq!(records.len(), catalog.datasets.len());
        for (d, (slug, document)) in catalog.datasets.iter().zip(&records) {
            assert_eq!(&d.slug, slug);
            let expected = json!({"version": API_VERSION, "dataset": dataset_record(&catalog, d)});
            assert_eq!(document, &json_compact_text(&expected), "{slug}");
        }
        let empty = crate::synth::catalog(0, 7);
        let mut streamed = Vec::new();
        write_catalog_document(&empty, &mut streamed, |_, _| Ok(())).unwrap();
        let parsed: Value = serde_json::from_slice(&streamed).unwrap();
        assert_eq!(parsed["datasets"], json!([]));
    }
}
