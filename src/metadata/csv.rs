//! `/catalog.csv`: one row per published dataset, in slug order, with the columns of
//! [`COLUMNS`] in that order (documented in `docs/for-machines.md`). Lists are joined with `; `.
//!
//! Quoting and escaping are the `csv` crate's. Because spreadsheets run cells that start with
//! `=`, `+`, `-`, `@` (and tab or carriage return) as formulas, such text cells get a leading `'`
//! (OWASP's advice against CSV injection); number cells are never prefixed.

use super::ExportError;
use crate::model::{Catalog, Dataset};

/// The header row, in output order. Adding a column appends it; none is ever reordered.
pub const COLUMNS: &[&str] = &[
    "slug",
    "name",
    "acronym",
    "url",
    "homepage",
    "doi",
    "year",
    "released",
    "updated",
    "modalities",
    "anatomy",
    "subjects",
    "scans",
    "studies",
    "series",
    "file_formats",
    "sequences",
    "geography",
    "pathologies",
    "targets_pixel",
    "targets_instance",
    "targets_image",
    "label_types",
    "complete",
    "pathology_annotated",
    "normal_anatomy_annotated",
    "license",
    "license_name",
    "license_category",
    "data_use",
    "access",
    "access_url",
    "platforms",
    "publishable",
    "provision",
    "keywords",
    "cite_as",
    "sources",
    "creators",
    "publisher",
    "version",
    "readiness_level",
    "commercial_use",
    "derivatives",
    "access_tier",
    "readiness_missing",
];

pub fn catalog_csv(catalog: &Catalog) -> Result<Vec<u8>, ExportError> {
    let mut bytes = Vec::new();
    write_catalog_csv(catalog, &mut bytes)?;
    Ok(bytes)
}

/// [`catalog_csv`] into `out`, a row at a time.
pub fn write_catalog_csv(catalog: &Catalog, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(COLUMNS)?;
    for d in &catalog.datasets {
        let row = row(catalog, d);
        debug_assert_eq!(row.len(), COLUMNS.len());
        w.write_record(row.iter().map(|cell| cell.text()))?;
    }
    w.flush()
}

/// The header line of `catalog.csv`, CRLF-terminated.
pub fn header_line() -> String {
    line(COLUMNS.iter().map(|c| c.to_string()))
}

/// `d`'s row of `catalog.csv` as one CRLF-terminated line, byte for byte what the file holds:
/// the search page joins these into the CSV of a selection.
pub fn row_line(catalog: &Catalog, d: &Dataset) -> String {
    line(row(catalog, d).iter().map(Cell::text))
}

fn line(cells: impl Iterator<Item = String>) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(cells.collect::<Vec<_>>());
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

enum Cell {
    Text(String),
    Number(Option<u64>),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(s) => defuse_formula(s),
            Cell::Number(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        }
    }
}

fn row(catalog: &Catalog, d: &Dataset) -> Vec<Cell> {
    use Cell::{Number, Text};
    let opt = |s: &Option<String>| Text(s.clone().unwrap_or_default());
    let flag = |b: Option<bool>| Text(b.map(|b| b.to_string()).unwrap_or_default());
    let list = |v: &[String]| Text(join(v.iter().map(String::as_str)));
    let profile = crate::readiness::Profile::of(d);
    vec![
        Text(d.slug.clone()),
        Text(d.name.clone()),
        opt(&d.acronym),
        Text(catalog.config.url(&d.path())),
        opt(&d.homepage),
        opt(&d.doi),
        Text(d.year.map(|y| y.to_string()).unwrap_or_default()),
        Text(d.released.map(|x| x.to_string()).unwrap_or_default()),
        Text(d.updated.map(|x| x.to_string()).unwrap_or_default()),
        Text(join(d.modalities.iter().map(|m| m.code))),
        Text(join(d.anatomy.iter().map(|a| a.id))),
        Number(d.subjects),
        Number(d.scans),
        Number(d.studies),
        Number(d.series),
        list(&d.file_formats),
        list(&d.sequences),
        list(&d.geography),
        list(&d.pathologies),
        list(&d.targets.pixel),
        list(&d.targets.instance),
        list(&d.targets.image),
        Text(join(d.label_types.iter().map(|l| l.slug()))),
        flag(d.complete),
        flag(d.pathology_annotated),
        flag(d.normal_anatomy_annotated),
        Text(d.license.as_ref().map(|l| l.id.clone()).unwrap_or_default()),
        Text(
            d.license
                .as_ref()
                .map(|l| l.name.clone())
                .unwrap_or_default(),
        ),
        Text(
            d.license
                .as_ref()
                .map(|l| l.category.slug().to_string())
                .unwrap_or_default(),
        ),
        Text(join(d.data_use.iter().map(|t| t.code))),
        Text(d.access.map(|a| a.slug().to_string()).unwrap_or_default()),
        opt(&d.access_url),
        Text(join(d.platforms.iter().map(|p| p.name))),
        flag(d.publishable),
        opt(&d.provision),
        list(&d.keywords),
        Text(crate::cite::plain(d)),
        list(&d.sources),
        Text(join(d.creators.iter().map(|a| a.name.as_str()))),
        Text(
            d.publisher
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
        ),
        opt(&d.version),
        Text(profile.level.to_string()),
        Text(profile.terms.commercial.slug().to_string()),
        Text(profile.terms.derivatives.slug().to_string()),
        Text(profile.access_tier.slug().to_string()),
        Text(join(
            profile.ids(crate::readiness::Status::Missing).into_iter(),
        )),
    ]
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join("; ")
}

/// A text cell a spreadsheet would run as a formula gets a leading `'`.
pub fn defuse_formula(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}
