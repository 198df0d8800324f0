//! The entry's fields, one [`Row`] each (the rows are in `table/`, one
//! module per section of an entry, in schema order).
//!
//! A row is a top-level key of `content/datasets/<slug>.yaml` ([`Key`]) with what it means,
//! whether it is required or recommended, how `faircat new` writes it, and the spreadsheet
//! columns ([`Column`], named by [`Field`]) that `faircat import` reads into it and
//! `faircat export` writes from it, each with the header synonyms a curator may use.
//!
//! Everything that lists the fields takes the list from here: the validator's dispatch
//! (`validate::fields`, one handler per [`Key`], an exhaustive `match`), the importer's header
//! matching (`import::fields`), `faircat export`'s and `/catalog.csv`'s columns, the JSON
//! Schema's properties, the `faircat new` template and docs/entry-schema.md
//! ([`schema_doc_section`]). Adding a field is one row here plus its `Dataset` member (and the
//! handler and conversions the compiler then asks for).

use std::sync::LazyLock;

/// A top-level key of an entry file (and `Slug`, the file name), in schema order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Key {
    /// The file name, not a key of the file: only a spreadsheet column.
    Slug,
    Draft,
    Name,
    Acronym,
    AlternateNames,
    Description,
    Homepage,
    Doi,
    Creators,
    Publisher,
    Version,
    Year,
    Released,
    Updated,
    Added,
    Keywords,
    Topic,
    Modalities,
    Anatomy,
    Phantom,
    Subjects,
    Scans,
    Studies,
    Series,
    Sequences,
    FileFormats,
    Scanners,
    Geography,
    Pathologies,
    Targets,
    LabelTypes,
    Complete,
    PathologyAnnotated,
    NormalAnatomyAnnotated,
    AnnotationProtocol,
    License,
    LicenseName,
    LicenseUrl,
    DataUse,
    Access,
    AccessUrl,
    Platform,
    Publishable,
    Provision,
    Contact,
    Downloads,
    Citations,
    DerivedFrom,
    Related,
    Sources,
    Remarks,
}

/// A spreadsheet column: where a column's values go on import, and what `faircat export`
/// writes. The order is the schema's, which is also the order of `faircat export`'s columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Slug,
    Draft,
    Name,
    Acronym,
    AlternateNames,
    Description,
    Homepage,
    Doi,
    /// A JSON list of creator maps, or `;`-separated persons' names.
    Creators,
    /// A JSON object (`name`, `url`, `ror`) or an organisation's name.
    Publisher,
    Version,
    Year,
    Released,
    Updated,
    Added,
    Keywords,
    Topic,
    Modalities,
    Anatomy,
    Phantom,
    Subjects,
    Scans,
    Studies,
    Series,
    Sequences,
    FileFormats,
    Scanners,
    Geography,
    Pathologies,
    TargetsPixel,
    TargetsInstance,
    TargetsImage,
    LabelTypes,
    Complete,
    /// "Any targets not correctly annotated?": the negation of `complete`.
    Incomplete,
    PathologyAnnotated,
    NormalAnatomyAnnotated,
    AnnotationProtocol,
    License,
    LicenseName,
    LicenseUrl,
    /// GA4GH Data Use Ontology codes.
    DataUse,
    Access,
    AccessUrl,
    Platform,
    Publishable,
    Provision,
    ContactName,
    ContactEmail,
    ContactUrl,
    /// A JSON list of download maps (what `faircat export` writes).
    Downloads,
    /// A JSON list of citation maps (what `faircat export` writes).
    Citations,
    /// One citation's text.
    Citation,
    /// One citation's DOI.
    CitationDoi,
    DerivedFrom,
    Related,
    Sources,
    Remarks,
    /// Species of the subjects: "Human" says nothing new; another species becomes a keyword and
    /// a remark.
    Species,
    /// A curator's "Notes" column: its text goes to `remarks`, and the http(s) URLs in it to
    /// `sources` as well (curators keep their links there). Only import reads it; `faircat
    /// export` writes `remarks`, which import reads back as it is.
    Notes,
    /// A column kept in `remarks` under its header, as a fact rather than a problem (a status,
    /// the kinds of supporting data).
    Note,
    /// A column that is known to carry nothing for the entry (a row number).
    Ignore,
}

/// What kind of value a column holds: decides how a cell is normalised on import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Markdown, may span lines.
    Markdown,
    Slug,
    Url,
    Doi,
    Email,
    Integer,
    Year,
    Date,
    Bool,
    /// Free strings; `;`-separated, or `,`-separated when there is no `;`.
    List,
    /// Free strings that may contain commas (names, sources); only `;` separates.
    SemicolonList,
    SlugList,
    Modalities,
    Anatomy,
    LabelTypes,
    License,
    Access,
    Platforms,
    /// GA4GH Data Use Ontology codes (shorthands or ids).
    DataUse,
    /// A JSON array of maps (downloads, citations).
    JsonMaps,
    /// Creators: a JSON array of maps or names, or `;`-separated names.
    Creators,
    /// A publisher: a JSON object or an organisation's name.
    Publisher,
    Species,
    /// Diseases or findings; "phantom" says the images are of phantoms.
    Pathologies,
    /// Remarks whose URLs are sources too.
    Notes,
    Note,
    Ignore,
}

/// Whether a published entry must, should or may have the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// An error when missing (only `name` in a draft).
    Required,
    /// A warning when missing.
    Recommended,
    /// Recommended together with the other rows of this kind: a warning when all are missing
    /// (`subjects` or `scans`).
    RecommendedAny,
    Optional,
}

/// One field of the entry.
#[derive(Debug)]
pub struct Row {
    pub key: Key,
    /// The key in the YAML file (for `Slug`, the column name).
    pub name: &'static str,
    /// `false` only for the slug, which is the file's name.
    pub in_file: bool,
    pub need: Need,
    /// What the value is, for people (docs/entry-schema.md's "type").
    pub ty: &'static str,
    /// One line: what the field means (the JSON Schema's description).
    pub doc: &'static str,
    /// More for docs/entry-schema.md, after `doc` (may be empty).
    pub more: &'static str,
    /// The `faircat new` template: the text after `name:` (a value, or a commented block).
    pub example: &'static str,
    /// The `faircat new` template: the comment line above the field.
    pub comment: &'static str,
    /// The spreadsheet columns that import into this field / export from it.
    pub columns: &'static [Column],
}

/// One spreadsheet column of a field.
#[derive(Debug)]
pub struct Column {
    pub field: Field,
    /// The name `faircat export` writes and `--map` accepts.
    pub id: &'static str,
    pub kind: Kind,
    /// Written by `faircat export` (else only read by `faircat import`).
    pub exported: bool,
    /// Its header in `/catalog.csv`, if it has a column there.
    pub csv: Option<&'static str>,
    /// Other headers that mean this column, as `import::fields::header_key` spells them
    /// (lowercase letters and digits only). The id is always recognised too.
    pub synonyms: &'static [&'static str],
}

/// Every row, in schema order (the order of `faircat new`'s template and of the docs).
pub fn rows() -> impl Iterator<Item = &'static Row> {
    sections().flat_map(|(_, rows)| rows.iter())
}

/// The sections of an entry (Identity, Imaging, Annotations, Rights and access, Provenance):
/// each heading with its rows, in schema order.
pub fn sections() -> impl Iterator<Item = (&'static str, &'static [Row])> {
    super::table::SECTIONS.iter().copied()
}

/// The rows that are keys of an entry file (all but the slug), in schema order.
pub fn entry_rows() -> impl Iterator<Item = &'static Row> {
    rows().filter(|r| r.in_file)
}

/// The keys of an entry file, in schema order.
pub fn entry_names() -> impl Iterator<Item = &'static str> {
    entry_rows().map(|r| r.name)
}

/// Every column, in schema order, and last the column that is ignored.
fn columns() -> impl Iterator<Item = &'static Column> {
    rows()
        .flat_map(|r| r.columns.iter())
        .chain(std::iter::once(&super::table::IGNORED))
}

static ROW_OF_KEY: LazyLock<Vec<&'static Row>> = LazyLock::new(|| {
    let mut rows: Vec<&'static Row> = rows().collect();
    rows.sort_by_key(|r| r.key);
    rows
});

static COLUMN_OF_FIELD: LazyLock<Vec<&'static Column>> = LazyLock::new(|| {
    let mut columns: Vec<&'static Column> = columns().collect();
    columns.sort_by_key(|c| c.field);
    columns
});

impl Key {
    /// Its row (every key has exactly one; a test checks it).
    pub fn row(self) -> &'static Row {
        ROW_OF_KEY[self as usize]
    }

    /// The key as written in the file.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The entry key named `name`, if any (not the slug, which is no key of the file).
    pub fn from_name(name: &str) -> Option<Key> {
        entry_rows().find(|r| r.name == name).map(|r| r.key)
    }
}

impl Field {
    /// Its column (every field has exactly one; a test checks it).
    pub fn column(self) -> &'static Column {
        COLUMN_OF_FIELD[self as usize]
    }

    /// The column name `faircat export` writes and `--map` accepts.
    pub fn id(self) -> &'static str {
        self.column().id
    }

    pub fn kind(self) -> Kind {
        self.column().kind
    }

    /// Every field a column can be mapped to: the exported ones in schema order, then those
    /// only import reads, then `Ignore`.
    pub fn all() -> impl Iterator<Item = Field> {
        Field::exported().chain(columns().filter(|c| !c.exported).map(|c| c.field))
    }

    /// The columns `faircat export` writes, in schema (= column) order.
    pub fn exported() -> impl Iterator<Item = Field> {
        columns().filter(|c| c.exported).map(|c| c.field)
    }

    /// Look a field up by its id (`--map` values); dots and dashes are accepted for
    /// underscores (`targets.pixel`, `contact-email`).
    pub fn from_id(id: &str) -> Option<Field> {
        let wanted = id.trim().replace(['.', '-', ' '], "_").to_ascii_lowercase();
        columns().find(|c| c.id == wanted).map(|c| c.field)
    }

    /// The field whose id or synonym is `key` (lowercase letters and digits only).
    pub fn from_header_key(key: &str) -> Option<Field> {
        if key.is_empty() {
            return None;
        }
        columns()
            .find(|c| c.synonyms.contains(&key) || c.id.replace('_', "") == key)
            .map(|c| c.field)
    }
}

/// The `## Fields` section of docs/entry-schema.md: which fields are required and
/// recommended, and one table line per field, all from the rows.
pub fn schema_doc_section() -> String {
    use std::fmt::Write as _;
    let quoted = |need: Need| -> Vec<String> {
        entry_rows()
            .filter(|r| r.need == need)
            .map(|r| format!("`{}`", r.name))
            .collect()
    };
    let mut recommended = Vec::new();
    let mut any_done = false;
    for r in entry_rows() {
        match r.need {
            Need::Recommended => recommended.push(format!("`{}`", r.name)),
            Need::RecommendedAny if !any_done => {
                any_done = true;
                recommended.push(quoted(Need::RecommendedAny).join(" or "));
            }
            _ => {}
        }
    }
    let mut out = String::new();
    let _ = writeln!(
        out,
        "**Required**: {}. **Recommended** (a warning when missing):\n{}.\n",
        quoted(Need::Required).join(", "),
        recommended.join(", ")
    );
    out.push_str("| field | type | meaning |\n|---|---|---|\n");
    for r in entry_rows() {
        // "(`LIDC-IDRI`)" goes inside the sentence, anything else after it.
        let meaning = match r.doc.strip_suffix('.') {
            _ if r.more.is_empty() => r.doc.to_string(),
            Some(sentence) if r.more.starts_with('(') => format!("{sentence} {}.", r.more),
            _ => format!("{} {}", r.doc, r.more),
        };
        let _ = writeln!(out, "| `{}` | {} | {} |", r.name, r.ty, meaning);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_has_one_row_and_every_field_one_column() {
        for (i, row) in ROW_OF_KEY.iter().enumerate() {
            assert_eq!(
                row.key as usize, i,
                "{}: one row per key, none missing",
                row.name
            );
        }
        for (i, column) in COLUMN_OF_FIELD.iter().enumerate() {
            assert_eq!(
                column.field as usize, i,
                "{}: one column per field",
                column.id
            );
        }
        assert_eq!(ROW_OF_KEY.len(), Key::Remarks as usize + 1);
        assert_eq!(COLUMN_OF_FIELD.len(), Field::Ignore as usize + 1);
    }

    #[test]
    fn names_ids_and_synonyms_are_unambiguous() {
        let mut seen: Vec<String> = Vec::new();
        for row in rows() {
            assert!(!seen.contains(&row.name.to_string()), "{}", row.name);
            seen.push(row.name.to_string());
        }
        let mut keys: Vec<(String, &str)> = Vec::new();
        for c in columns() {
            let own = c.id.replace('_', "");
            for key in std::iter::once(own.as_str()).chain(c.synonyms.iter().copied()) {
                assert!(
                    key.chars()
                        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit()),
                    "{}: synonym '{key}' is not a header key",
                    c.id
                );
                if let Some((_, other)) = keys.iter().find(|(k, _)| k == key) {
                    panic!("'{key}' names both {other} and {}", c.id);
                }
                keys.push((key.to_string(), c.id));
            }
        }
    }

    #[test]
    fn columns_of_a_field_are_named_after_it() {
        // `contact_email` for `contact`, `targets_pixel` for `targets`: a column's id is its
        // field's name, or starts with it (the columns only import reads excepted).
        for row in rows() {
            for c in row.columns.iter().filter(|c| c.exported) {
                assert!(c.id.starts_with(row.name), "{} in {}", c.id, row.name);
            }
        }
    }

    #[test]
    fn the_doc_lists_every_field_as_the_table_says() {
        crate::fixture::check_generated_doc_section(
            "docs/entry-schema.md",
            "fields",
            &schema_doc_section(),
            "the field table",
        );
    }
}
