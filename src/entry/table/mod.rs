//! The rows of [`super::fields`]: every field of an entry, in schema order, one module per
//! section of an entry (the sections `faircat import` writes as comments).
//!
//! `doc` is the JSON Schema's description; `ty` and `doc` + `more` are docs/entry-schema.md's
//! columns; `example` and `comment` are what `faircat new` writes. Synonyms are header keys:
//! lowercase letters and digits only ("No. of patients" is looked up as "patients").

use super::fields::{Column, Field, Kind, Row};

/// A column `faircat export` writes, not in `/catalog.csv`.
pub(super) const fn col(
    field: Field,
    id: &'static str,
    kind: Kind,
    synonyms: &'static [&'static str],
) -> Column {
    Column {
        field,
        id,
        kind,
        exported: true,
        csv: None,
        synonyms,
    }
}

impl Column {
    /// Also a column of `/catalog.csv`, with this header.
    pub(super) const fn csv(mut self, header: &'static str) -> Column {
        self.csv = Some(header);
        self
    }

    /// Only read by `faircat import`; `faircat export` does not write it.
    pub(super) const fn import_only(mut self) -> Column {
        self.exported = false;
        self
    }
}

/// Headers whose column carries nothing for the entry (a row number, a count of sources).
pub(super) static IGNORED: Column = col(
    Field::Ignore,
    "ignore",
    Kind::Ignore,
    &["nsources", "row", "rownumber"],
)
.import_only();

mod annotations;
mod identity;
mod imaging;
mod provenance;
mod rights;

/// The sections of an entry, in schema order: a heading and its rows.
pub(super) static SECTIONS: &[(&str, &[Row])] = &[
    ("Identity", identity::ROWS),
    ("Imaging", imaging::ROWS),
    ("Annotations", annotations::ROWS),
    ("Rights and access", rights::ROWS),
    ("Provenance", provenance::ROWS),
];
