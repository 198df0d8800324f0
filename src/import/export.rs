//! `faircat export`: the catalog as a table in the import format, one column per field
//! (`faircat import` reads every column back without options).
//!
//! CSV and TSV are written by the one CSV writer (`crate::metadata::csv::Table`), so text cells a
//! spreadsheet would run as formulas get a leading `'`, which `faircat import` removes again.
//! Lists are `; `-separated; a list with an item that holds `;` or `,` is written as a JSON
//! array instead, and downloads, citations and creators always are JSON (the publisher a JSON
//! object), so nothing is lost on the way back.

use super::fields::Field;
use crate::model::Dataset;
use std::ops::Deref;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Tsv,
    Json,
}

/// The catalog's entries as text in the chosen format.
pub fn export<D: Deref<Target = Dataset>>(datasets: &[D], format: ExportFormat) -> String {
    match format {
        ExportFormat::Csv => delimited(datasets, b','),
        ExportFormat::Tsv => delimited(datasets, b'\t'),
        ExportFormat::Json => json(datasets),
    }
}

fn delimited<D: Deref<Target = Dataset>>(datasets: &[D], delimiter: u8) -> String {
    use crate::metadata::csv::{Cell as CsvCell, Table};
    let mut bytes = Vec::new();
    let mut table = Table::new(&mut bytes, delimiter, ::csv::Terminator::Any(b'\n'));
    let headers: Vec<&str> = Field::exported().map(Field::id).collect();
    let written = table.header(&headers).and_then(|()| {
        datasets.iter().try_for_each(|d| {
            table.row(Field::exported().map(|f| match cell(d, f) {
                Cell::Int(n) => CsvCell::Number(Some(n)),
                other => CsvCell::Text(cell_text(&other)),
            }))
        })
    });
    // Writing into a Vec cannot fail.
    written
        .and_then(|()| table.finish())
        .expect("writing to memory");
    String::from_utf8(bytes).expect("the cells are UTF-8")
}

fn json<D: Deref<Target = Dataset>>(datasets: &[D]) -> String {
    let items: Vec<serde_json::Value> = datasets
        .iter()
        .map(|d| {
            let mut map = serde_json::Map::new();
            for f in Field::exported() {
                let value = match cell(d, f) {
                    Cell::Empty => continue,
                    Cell::Text(t) => serde_json::Value::String(t),
                    Cell::Int(n) => n.into(),
                    Cell::Bool(b) => b.into(),
                    Cell::List(l) => l.into(),
                    Cell::Maps(m) => m.into(),
                    Cell::Object(o) => o,
                };
                map.insert(f.id().to_string(), value);
            }
            serde_json::Value::Object(map)
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

/// One field of one dataset, typed.
enum Cell {
    Empty,
    Text(String),
    Int(u64),
    Bool(bool),
    List(Vec<String>),
    Maps(Vec<serde_json::Value>),
    /// One map (the publisher), written as a JSON object.
    Object(serde_json::Value),
}

/// A creator (with its `type`, when `creator`) or publisher as the import reads it back.
fn agent_map(a: &crate::model::Agent, creator: bool) -> serde_json::Map<String, serde_json::Value> {
    let mut m = serde_json::Map::new();
    m.insert("name".into(), a.name.clone().into());
    if creator && !a.is_person() {
        m.insert("type".into(), "organization".into());
    }
    if let Some(o) = &a.orcid {
        m.insert("orcid".into(), o.clone().into());
    }
    if let Some(r) = &a.ror {
        m.insert("ror".into(), r.clone().into());
    }
    if !creator && let Some(u) = &a.url {
        m.insert("url".into(), u.clone().into());
    }
    m
}

fn text(v: &Option<String>) -> Cell {
    v.clone().map_or(Cell::Empty, Cell::Text)
}
fn int(v: Option<u64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Int)
}
fn boolean(v: Option<bool>) -> Cell {
    v.map_or(Cell::Empty, Cell::Bool)
}
fn list(v: &[String]) -> Cell {
    if v.is_empty() {
        Cell::Empty
    } else {
        Cell::List(v.to_vec())
    }
}
fn date(v: Option<jiff::civil::Date>) -> Cell {
    v.map_or(Cell::Empty, |d| {
        Cell::Text(d.strftime("%Y-%m-%d").to_string())
    })
}

fn cell(d: &Dataset, field: Field) -> Cell {
    match field {
        Field::Slug => Cell::Text(d.slug.clone()),
        Field::Draft => {
            if d.draft {
                Cell::Bool(true)
            } else {
                Cell::Empty
            }
        }
        Field::Name => Cell::Text(d.name.clone()),
        Field::Acronym => text(&d.acronym),
        Field::AlternateNames => list(&d.alternate_names),
        Field::Description => Cell::Text(d.description.clone()),
        Field::Homepage => text(&d.homepage),
        Field::Doi => text(&d.doi),
        Field::Creators => {
            if d.creators.is_empty() {
                return Cell::Empty;
            }
            Cell::Maps(
                d.creators
                    .iter()
                    .map(|a| serde_json::Value::Object(agent_map(a, true)))
                    .collect(),
            )
        }
        Field::Publisher => d.publisher.as_ref().map_or(Cell::Empty, |p| {
            Cell::Object(serde_json::Value::Object(agent_map(p, false)))
        }),
        Field::Version => text(&d.version),
        Field::Year => d
            .year
            .and_then(|y| u64::try_from(y).ok())
            .map_or(Cell::Empty, Cell::Int),
        Field::Released => date(d.released),
        Field::Updated => date(d.updated),
        Field::Added => date(d.added),
        Field::Keywords => list(&d.keywords),
        Field::Topic => text(&d.topic),
        Field::Modalities => list(
            &d.modalities
                .iter()
                .map(|m| m.code.to_string())
                .collect::<Vec<_>>(),
        ),
        Field::Anatomy => list(
            &d.anatomy
                .iter()
                .map(|a| a.id.to_string())
                .collect::<Vec<_>>(),
        ),
        Field::Subjects => int(d.subjects),
        Field::Scans => int(d.scans),
        Field::Studies => int(d.studies),
        Field::Series => int(d.series),
        Field::Sequences => list(&d.sequences),
        Field::FileFormats => list(&d.file_formats),
        Field::Scanners => list(&d.scanners),
        Field::Geography => list(&d.geography),
        Field::Pathologies => list(&d.pathologies),
        Field::TargetsPixel => list(&d.targets.pixel),
        Field::TargetsInstance => list(&d.targets.instance),
        Field::TargetsImage => list(&d.targets.image),
        Field::LabelTypes => list(
            &d.label_types
                .iter()
                .map(|l| l.slug().to_string())
                .collect::<Vec<_>>(),
        ),
        Field::Complete => boolean(d.complete),
        Field::PathologyAnnotated => boolean(d.pathology_annotated),
        Field::NormalAnatomyAnnotated => boolean(d.normal_anatomy_annotated),
        Field::AnnotationProtocol => text(&d.annotation_protocol),
        Field::License => d
            .license
            .as_ref()
            .map_or(Cell::Empty, |l| Cell::Text(l.id.clone())),
        // Name and URL are part of the entry only for LicenseRef-… licences; SPDX licences
        // get theirs from the SPDX list.
        Field::LicenseName => match &d.license {
            Some(l) if l.id.starts_with("LicenseRef-") => Cell::Text(l.name.clone()),
            _ => Cell::Empty,
        },
        Field::LicenseUrl => match &d.license {
            Some(l) if l.id.starts_with("LicenseRef-") => text(&l.url),
            _ => Cell::Empty,
        },
        Field::Access => d
            .access
            .map_or(Cell::Empty, |a| Cell::Text(a.slug().to_string())),
        Field::AccessUrl => text(&d.access_url),
        Field::DataUse => list(
            &d.data_use
                .iter()
                .map(|t| t.code.to_string())
                .collect::<Vec<_>>(),
        ),
        Field::Platform => list(
            &d.platforms
                .iter()
                .map(|p| p.name.to_string())
                .collect::<Vec<_>>(),
        ),
        Field::Publishable => boolean(d.publishable),
        Field::Phantom => boolean(d.phantom),
        Field::Provision => text(&d.provision),
        Field::ContactName => text(&d.contact.as_ref().and_then(|c| c.name.clone())),
        Field::ContactEmail => text(&d.contact.as_ref().and_then(|c| c.email.clone())),
        Field::ContactUrl => text(&d.contact.as_ref().and_then(|c| c.url.clone())),
        Field::Downloads => {
            if d.downloads.is_empty() {
                return Cell::Empty;
            }
            Cell::Maps(
                d.downloads
                    .iter()
                    .map(|dl| {
                        let mut m = serde_json::Map::new();
                        m.insert("url".into(), dl.url.clone().into());
                        if let Some(n) = &dl.name {
                            m.insert("name".into(), n.clone().into());
                        }
                        if let Some(t) = &dl.media_type {
                            m.insert("media_type".into(), t.clone().into());
                        }
                        if let Some(s) = dl.size_bytes {
                            m.insert("size_bytes".into(), s.into());
                        }
                        if let Some(h) = &dl.sha256 {
                            m.insert("sha256".into(), h.clone().into());
                        }
                        serde_json::Value::Object(m)
                    })
                    .collect(),
            )
        }
        Field::Citations => {
            if d.citations.is_empty() {
                return Cell::Empty;
            }
            Cell::Maps(
                d.citations
                    .iter()
                    .map(|c| {
                        let mut m = serde_json::Map::new();
                        m.insert("text".into(), c.text.clone().into());
                        if let Some(doi) = &c.doi {
                            m.insert("doi".into(), doi.clone().into());
                        }
                        if let Some(u) = &c.url {
                            m.insert("url".into(), u.clone().into());
                        }
                        m.insert("preferred".into(), c.preferred.into());
                        serde_json::Value::Object(m)
                    })
                    .collect(),
            )
        }
        Field::DerivedFrom => list(&d.derived_from),
        Field::Related => list(&d.related),
        Field::Sources => list(&d.sources),
        Field::Remarks => text(&d.remarks),
        Field::Incomplete
        | Field::Citation
        | Field::CitationDoi
        | Field::Species
        | Field::Notes
        | Field::Note
        | Field::Ignore => Cell::Empty,
    }
}

/// A cell as CSV/TSV text.
fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::List(items) => {
            let needs_json = items
                .iter()
                .any(|i| i.contains([';', ',', '\n']) || i.starts_with('[') || i.trim() != i);
            if needs_json {
                serde_json::to_string(items).unwrap_or_default()
            } else {
                items.join("; ")
            }
        }
        Cell::Maps(maps) => serde_json::to_string(maps).unwrap_or_default(),
        Cell::Object(o) => o.to_string(),
    }
}
