//! `/catalog.csv`: one row per published dataset, in slug order, with the columns of
//! [`columns`] in that order (documented in `docs/for-machines.md`). Lists are joined with `; `.
//!
//! Quoting and escaping are the `csv` crate's. Because spreadsheets run cells that start with
//! `=`, `+`, `-`, `@` (and tab or carriage return) as formulas, such text cells get a leading `'`
//! (OWASP's advice against CSV injection); number cells are never prefixed.

use super::ExportError;
use crate::entry::Field;
use crate::model::{Catalog, Dataset};

/// A column of `/catalog.csv`: a field of the entry (headed by its row's `csv` name in
/// `crate::entry::fields`), or a fact worked out from the catalog.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Col {
    Field(Field),
    Url,
    LicenseCategory,
    CiteAs,
    ReadinessLevel,
    CommercialUse,
    Derivatives,
    AccessTier,
    ReadinessMissing,
}

/// The columns, in output order. Adding a column appends it; none is ever reordered.
const ORDER: &[Col] = &[
    Col::Field(Field::Slug),
    Col::Field(Field::Name),
    Col::Field(Field::Acronym),
    Col::Url,
    Col::Field(Field::Homepage),
    Col::Field(Field::Doi),
    Col::Field(Field::Year),
    Col::Field(Field::Released),
    Col::Field(Field::Updated),
    Col::Field(Field::Modalities),
    Col::Field(Field::Anatomy),
    Col::Field(Field::Subjects),
    Col::Field(Field::Scans),
    Col::Field(Field::Studies),
    Col::Field(Field::Series),
    Col::Field(Field::FileFormats),
    Col::Field(Field::Sequences),
    Col::Field(Field::Geography),
    Col::Field(Field::Pathologies),
    Col::Field(Field::TargetsPixel),
    Col::Field(Field::TargetsInstance),
    Col::Field(Field::TargetsImage),
    Col::Field(Field::LabelTypes),
    Col::Field(Field::Complete),
    Col::Field(Field::PathologyAnnotated),
    Col::Field(Field::NormalAnatomyAnnotated),
    Col::Field(Field::License),
    Col::Field(Field::LicenseName),
    Col::LicenseCategory,
    Col::Field(Field::DataUse),
    Col::Field(Field::Access),
    Col::Field(Field::AccessUrl),
    Col::Field(Field::Platform),
    Col::Field(Field::Publishable),
    Col::Field(Field::Provision),
    Col::Field(Field::Keywords),
    Col::CiteAs,
    Col::Field(Field::Sources),
    Col::Field(Field::Creators),
    Col::Field(Field::Publisher),
    Col::Field(Field::Version),
    Col::ReadinessLevel,
    Col::CommercialUse,
    Col::Derivatives,
    Col::AccessTier,
    Col::ReadinessMissing,
    Col::Field(Field::Phantom),
];

impl Col {
    fn header(self) -> &'static str {
        match self {
            Col::Field(f) => f
                .column()
                .csv
                .expect("a field in /catalog.csv has a csv name in the field table"),
            Col::Url => "url",
            Col::LicenseCategory => "license_category",
            Col::CiteAs => "cite_as",
            Col::ReadinessLevel => "readiness_level",
            Col::CommercialUse => "commercial_use",
            Col::Derivatives => "derivatives",
            Col::AccessTier => "access_tier",
            Col::ReadinessMissing => "readiness_missing",
        }
    }
}

/// The header row, in output order.
pub fn columns() -> Vec<&'static str> {
    ORDER.iter().map(|c| c.header()).collect()
}

pub fn catalog_csv(catalog: &Catalog) -> Result<Vec<u8>, ExportError> {
    let mut bytes = Vec::new();
    write_catalog_csv(catalog, &mut bytes)?;
    Ok(bytes)
}

/// [`catalog_csv`] into `out`, a row at a time.
pub fn write_catalog_csv(catalog: &Catalog, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut table = Table::new(out, b',', ::csv::Terminator::CRLF);
    table.header(&columns())?;
    for d in &catalog.datasets {
        table.row(row(catalog, d))?;
    }
    table.finish()
}

/// The header line of `catalog.csv`, CRLF-terminated.
pub fn header_line() -> String {
    let mut bytes = Vec::new();
    let mut table = Table::new(&mut bytes, b',', ::csv::Terminator::CRLF);
    // Writing to memory cannot fail.
    let _ = table.header(&columns()).and_then(|()| table.finish());
    String::from_utf8(bytes).unwrap_or_default()
}

/// `d`'s row of `catalog.csv` as one CRLF-terminated line, byte for byte what the file holds:
/// the search page joins these into the CSV of a selection.
pub fn row_line(catalog: &Catalog, d: &Dataset) -> String {
    let mut bytes = Vec::new();
    let mut table = Table::new(&mut bytes, b',', ::csv::Terminator::CRLF);
    let _ = table.row(row(catalog, d)).and_then(|()| table.finish());
    String::from_utf8(bytes).unwrap_or_default()
}

/// The one CSV writer (`/catalog.csv` and `faircat export`'s CSV and TSV): quoting and
/// escaping are the `csv` crate's; text cells a spreadsheet would run as formulas are defused
/// ([`defuse_formula`]); number cells are written as they are.
pub struct Table<'a> {
    writer: ::csv::Writer<&'a mut dyn std::io::Write>,
}

impl<'a> Table<'a> {
    pub fn new(
        out: &'a mut dyn std::io::Write,
        delimiter: u8,
        terminator: ::csv::Terminator,
    ) -> Table<'a> {
        Table {
            writer: ::csv::WriterBuilder::new()
                .delimiter(delimiter)
                .terminator(terminator)
                .from_writer(out),
        }
    }

    pub fn header(&mut self, names: &[&str]) -> std::io::Result<()> {
        Ok(self.writer.write_record(names)?)
    }

    pub fn row(&mut self, cells: impl IntoIterator<Item = Cell>) -> std::io::Result<()> {
        let texts: Vec<std::borrow::Cow<'_, str>> =
            cells.into_iter().map(Cell::into_text).collect();
        Ok(self
            .writer
            .write_record(texts.iter().map(|t| t.as_bytes()))?)
    }

    pub fn finish(mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// A cell of the one CSV writer.
pub enum Cell {
    /// Text: defused when a spreadsheet would run it as a formula.
    Text(String),
    /// A number (or nothing): never prefixed.
    Number(Option<u64>),
}

impl Cell {
    fn into_text(self) -> std::borrow::Cow<'static, str> {
        match self {
            Cell::Text(s) if needs_defusing(&s) => format!("'{s}").into(),
            Cell::Text(s) => s.into(),
            Cell::Number(n) => n.map(|n| n.to_string()).unwrap_or_default().into(),
        }
    }
}

fn row(catalog: &Catalog, d: &Dataset) -> Vec<Cell> {
    let profile = crate::readiness::Profile::of(d);
    ORDER
        .iter()
        .map(|col| match col {
            Col::Field(f) => field_cell(d, *f),
            Col::Url => Cell::Text(catalog.config.url(&d.path())),
            Col::LicenseCategory => Cell::Text(
                d.license
                    .as_ref()
                    .map(|l| l.category.slug().to_string())
                    .unwrap_or_default(),
            ),
            Col::CiteAs => Cell::Text(crate::cite::plain(d)),
            Col::ReadinessLevel => Cell::Text(profile.level.to_string()),
            Col::CommercialUse => Cell::Text(profile.terms.commercial.slug().to_string()),
            Col::Derivatives => Cell::Text(profile.terms.derivatives.slug().to_string()),
            Col::AccessTier => Cell::Text(profile.access_tier.slug().to_string()),
            Col::ReadinessMissing => Cell::Text(join(
                profile.ids(crate::readiness::Status::Missing).into_iter(),
            )),
        })
        .collect()
}

/// A field's cell in `/catalog.csv`: lists joined with `; `.
fn field_cell(d: &Dataset, f: Field) -> Cell {
    use Cell::{Number, Text};
    let opt = |s: &Option<String>| Text(s.clone().unwrap_or_default());
    let flag = |b: Option<bool>| Text(b.map(|b| b.to_string()).unwrap_or_default());
    let list = |v: &[String]| Text(join(v.iter().map(String::as_str)));
    match f {
        Field::Slug => Text(d.slug.clone()),
        Field::Name => Text(d.name.clone()),
        Field::Acronym => opt(&d.acronym),
        Field::Homepage => opt(&d.homepage),
        Field::Doi => opt(&d.doi),
        Field::Year => Text(d.year.map(|y| y.to_string()).unwrap_or_default()),
        Field::Released => Text(d.released.map(|x| x.to_string()).unwrap_or_default()),
        Field::Updated => Text(d.updated.map(|x| x.to_string()).unwrap_or_default()),
        Field::Modalities => Text(join(d.modalities.iter().map(|m| m.code))),
        Field::Anatomy => Text(join(d.anatomy.iter().map(|a| a.id))),
        Field::Subjects => Number(d.subjects),
        Field::Scans => Number(d.scans),
        Field::Studies => Number(d.studies),
        Field::Series => Number(d.series),
        Field::FileFormats => list(&d.file_formats),
        Field::Sequences => list(&d.sequences),
        Field::Geography => list(&d.geography),
        Field::Pathologies => list(&d.pathologies),
        Field::TargetsPixel => list(&d.targets.pixel),
        Field::TargetsInstance => list(&d.targets.instance),
        Field::TargetsImage => list(&d.targets.image),
        Field::LabelTypes => Text(join(d.label_types.iter().map(|l| l.slug()))),
        Field::Complete => flag(d.complete),
        Field::PathologyAnnotated => flag(d.pathology_annotated),
        Field::NormalAnatomyAnnotated => flag(d.normal_anatomy_annotated),
        Field::License => Text(d.license.as_ref().map(|l| l.id.clone()).unwrap_or_default()),
        Field::LicenseName => Text(
            d.license
                .as_ref()
                .map(|l| l.name.clone())
                .unwrap_or_default(),
        ),
        Field::DataUse => Text(join(d.data_use.iter().map(|t| t.code))),
        Field::Access => Text(d.access.map(|a| a.slug().to_string()).unwrap_or_default()),
        Field::AccessUrl => opt(&d.access_url),
        Field::Platform => Text(join(d.platforms.iter().map(|p| p.name))),
        Field::Publishable => flag(d.publishable),
        Field::Phantom => flag(d.phantom),
        Field::Provision => opt(&d.provision),
        Field::Keywords => list(&d.keywords),
        Field::Sources => list(&d.sources),
        Field::Creators => Text(join(d.creators.iter().map(|a| a.name.as_str()))),
        Field::Publisher => Text(
            d.publisher
                .as_ref()
                .map(|p| p.name.clone())
                .unwrap_or_default(),
        ),
        Field::Version => opt(&d.version),
        other => unreachable!("{} has no /catalog.csv column", other.id()),
    }
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join("; ")
}

/// Whether a spreadsheet would run a text cell as a formula (it starts with `=`, `+`, `-`,
/// `@`, tab or carriage return), or the cell starts with `'`s before such a character (so
/// that [`restore_formula`] gives back exactly what was defused).
fn needs_defusing(s: &str) -> bool {
    s.trim_start_matches('\'')
        .starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A text cell a spreadsheet would run as a formula gets a leading `'`.
pub fn defuse_formula(s: &str) -> String {
    if needs_defusing(s) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The text a cell written by [`defuse_formula`] held: its leading `'` removed when one was
/// added. `faircat import` reads `faircat export`'s CSV and TSV back with it.
pub fn restore_formula(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if needs_defusing(rest) => rest,
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_with_a_csv_name_is_a_column_once_and_only_those() {
        for f in Field::all() {
            let n = ORDER.iter().filter(|c| **c == Col::Field(f)).count();
            assert_eq!(n, usize::from(f.column().csv.is_some()), "{}", f.id());
        }
        let mut headers = columns();
        headers.sort_unstable();
        headers.dedup();
        assert_eq!(headers.len(), ORDER.len(), "no header twice");
    }

    #[test]
    fn columns_are_only_ever_appended() {
        // The header as published before the `phantom` column; a program that reads columns by
        // position keeps working as long as this stays the header's start.
        const PUBLISHED: &str = "slug,name,acronym,url,homepage,doi,year,released,updated,\
modalities,anatomy,subjects,scans,studies,series,file_formats,sequences,geography,pathologies,\
targets_pixel,targets_instance,targets_image,label_types,complete,pathology_annotated,\
normal_anatomy_annotated,license,license_name,license_category,data_use,access,access_url,\
platforms,publishable,provision,keywords,cite_as,sources,creators,publisher,version,\
readiness_level,commercial_use,derivatives,access_tier,readiness_missing";
        let header = header_line();
        assert!(
            header.trim_end().starts_with(PUBLISHED),
            "a column was inserted or reordered:\n{header}"
        );
        assert_eq!(header.trim_end(), format!("{PUBLISHED},phantom"));
    }

    #[test]
    fn defusing_is_undone_exactly() {
        for s in [
            "=1+1", "-5", "@x", "'=x", "''+y", "'plain", "plain", "", "'", "\tx",
        ] {
            let defused = defuse_formula(s);
            assert!(!defused.starts_with(['=', '+', '-', '@']), "{defused}");
            assert_eq!(restore_formula(&defused), s, "{s}");
        }
        assert_eq!(defuse_formula("=1+1"), "'=1+1");
        assert_eq!(defuse_formula("plain"), "plain");
    }
}
