//! One row → one entry: normalised values, what was kept in `remarks`, what is missing, and the
//! commented YAML file written for it (fields in the schema's order, like `faircat new`).

use super::fields::Field;
use super::normalize::{CREATOR_KEYS, Implied, PUBLISHER_KEYS, Value, normalize};
use super::table::Row;
use crate::vocab;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Something the report says about one cell of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The column's header as written in the file.
    pub column: String,
    pub message: String,
}

/// A row turned into an entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub row: usize,
    pub slug: String,
    pub values: BTreeMap<Field, Value>,
    /// Cells kept verbatim in `remarks`: (header, original text).
    pub kept: Vec<(String, String)>,
    pub notes: Vec<Note>,
    /// Required facts that are missing: the entry is written as a draft.
    pub missing: Vec<&'static str>,
    /// Facts for `remarks` that are not problems: (header, text).
    pub facts: Vec<(String, String)>,
    /// Values cells imply for other fields, applied when the row is read (see [`Implied`]).
    pub implied: Vec<Implied>,
    /// A licence cell that is not an SPDX id: (header, text), made a `LicenseRef-…` when the
    /// row gives the licence's URL.
    license_text: Option<(String, String)>,
}

/// The longest slug made from a name; longer names are cut at a dash.
const MAX_SLUG: usize = 60;

/// Headline of the block that `remarks` gets for cells that could not be read.
pub const KEPT_HEADLINE: &str = "Imported values that faircat could not read into fields:";

/// Headline of the block that `remarks` gets for columns kept as facts (`status`, `species`).
pub const FACTS_HEADLINE: &str = "From the imported table:";

impl Entry {
    pub fn name(&self) -> &str {
        match self.values.get(&Field::Name) {
            Some(Value::Text(t)) => t,
            _ => "",
        }
    }

    pub fn is_draft(&self) -> bool {
        !self.missing.is_empty() || self.values.get(&Field::Draft) == Some(&Value::Bool(true))
    }

    fn text(&self, field: Field) -> Option<&str> {
        match self.values.get(&field) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The slugs this entry names in `related` and `derived_from`.
    pub fn links(&self) -> Vec<String> {
        [Field::Related, Field::DerivedFrom]
            .iter()
            .filter_map(|f| match self.values.get(f) {
                Some(Value::List(l)) => Some(l.clone()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// Take a field's value out and keep it in remarks instead, with a note for the report.
    pub fn move_to_remarks(&mut self, field: Field, message: String) {
        if let Some(Value::Text(v)) = self.values.remove(&field) {
            self.kept.push((field.id().to_string(), v));
            self.notes.push(Note {
                column: field.id().to_string(),
                message,
            });
        }
    }

    /// The identities other rows or entries are compared by: DOI, homepage and name.
    pub fn identities(&self) -> Vec<(&'static str, String)> {
        let mut ids = Vec::new();
        if let Some(doi) = self.text(Field::Doi) {
            ids.push(("DOI", doi.to_ascii_lowercase()));
        }
        if let Some(home) = self.text(Field::Homepage) {
            ids.push(("homepage", normalize_url(home)));
        }
        let name = normalize_name(self.name());
        if !name.is_empty() {
            ids.push(("name", name));
        }
        ids
    }
}

/// A homepage for comparison: no scheme, no `www.`, no trailing slash, lowercase.
pub fn normalize_url(url: &str) -> String {
    let u = url.trim().to_ascii_lowercase();
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(&u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.trim_end_matches('/').to_string()
}

/// A name for comparison: letters and digits only, lowercase.
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Why a row gives no entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    Empty,
    /// Neither a name nor a slug: the cells that were there, as (header, value).
    NoName(Vec<(String, String)>),
}

/// Turn a row into an entry, given which field each column maps to.
pub fn build(headers: &[String], mapping: &[Option<Field>], row: &Row) -> Result<Entry, Skip> {
    build_with(headers, mapping, row, &[])
}

/// [`build`] with `--set` values: each `(field, text)` is read like a cell of every row. The
/// row's own value wins for a single value; list items are added to the row's own.
pub fn build_with(
    headers: &[String],
    mapping: &[Option<Field>],
    row: &Row,
    defaults: &[(Field, String)],
) -> Result<Entry, Skip> {
    if row.is_empty() {
        return Err(Skip::Empty);
    }
    let mut entry = Entry {
        row: row.number,
        slug: String::new(),
        values: BTreeMap::new(),
        kept: Vec::new(),
        notes: Vec::new(),
        missing: Vec::new(),
        facts: Vec::new(),
        implied: Vec::new(),
        license_text: None,
    };
    let mut present = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        let cell = row.cell(i);
        if cell.is_empty() {
            continue;
        }
        let column = if header.is_empty() {
            format!("column {}", i + 1)
        } else {
            header.clone()
        };
        let field = mapping.get(i).copied().flatten();
        if field != Some(Field::Ignore) {
            present.push((column.clone(), cell.to_string()));
        }
        let Some(field) = field else {
            // Said once for the column, in the mapping (not again for every row).
            entry.kept.push((column.clone(), cell.to_string()));
            continue;
        };
        let outcome = normalize(field, cell);
        entry.implied.extend(outcome.implied.iter().cloned());
        if let Some(fact) = &outcome.remark {
            entry.facts.push((column.clone(), fact.clone()));
        }
        if outcome.field == Field::License && outcome.value.is_none() && outcome.keep_original {
            entry.license_text = Some((column.clone(), cell.trim().to_string()));
        }
        let mut keep = outcome.keep_original;
        let mut message = outcome.problem.clone();
        if let Some(value) = outcome.value {
            match entry.values.entry(outcome.field) {
                std::collections::btree_map::Entry::Occupied(_) => {
                    keep = true;
                    message = Some(format!(
                        "{} was already set by another column",
                        outcome.field.id()
                    ));
                }
                std::collections::btree_map::Entry::Vacant(slot) => {
                    slot.insert(value);
                }
            }
        }
        if keep {
            entry.kept.push((column.clone(), cell.to_string()));
        }
        if let Some(mut message) = message {
            if keep {
                message.push_str(": kept in remarks");
            }
            entry.notes.push(Note { column, message });
        }
    }
    if present.is_empty() {
        return Err(Skip::Empty);
    }
    for (field, text) in defaults {
        let outcome = normalize(*field, text);
        entry.implied.extend(outcome.implied);
        if let Some(value) = outcome.value {
            entry.implied.push(Implied {
                field: outcome.field,
                merge: matches!(value, Value::List(_)),
                value,
                note: String::new(),
            });
        }
    }
    combine(&mut entry);
    let slug = match entry.values.get(&Field::Slug) {
        Some(Value::Text(s)) => s.clone(),
        _ => slug_from_name(entry.name()),
    };
    if slug.is_empty() || entry.name().is_empty() && !entry.values.contains_key(&Field::Slug) {
        return Err(Skip::NoName(present));
    }
    entry.slug = slug;
    entry.missing = missing_required(&entry);
    Ok(entry)
}

/// Fields that are made from several columns: `complete` from "incomplete", citations from a
/// citation text and DOI, and a `LicenseRef-…` that needs its name and URL.
fn combine(entry: &mut Entry) {
    apply_implied(entry);
    if let Some(Value::Bool(incomplete)) = entry.values.remove(&Field::Incomplete) {
        entry
            .values
            .entry(Field::Complete)
            .or_insert(Value::Bool(!incomplete));
    }
    let text = match entry.values.remove(&Field::Citation) {
        Some(Value::Text(t)) => Some(t),
        _ => None,
    };
    let doi = match entry.values.remove(&Field::CitationDoi) {
        Some(Value::Text(t)) => Some(t),
        _ => None,
    };
    let doi = doi.or_else(|| text.as_deref().and_then(super::citation::doi_in));
    if let Some(t) = &text {
        from_citation(entry, t);
    }
    if text.is_some() || doi.is_some() {
        let mut map = serde_json::Map::new();
        let text =
            text.unwrap_or_else(|| format!("https://doi.org/{}", doi.as_deref().unwrap_or("")));
        map.insert("text".into(), text.into());
        if let Some(doi) = doi {
            map.insert("doi".into(), doi.into());
        }
        map.insert("preferred".into(), true.into());
        match entry.values.get_mut(&Field::Citations) {
            Some(Value::Maps(maps)) => {
                let new_text = map.get("text").cloned();
                if !maps.iter().any(|m| m.get("text") == new_text.as_ref()) {
                    map.insert("preferred".into(), false.into());
                    maps.push(map);
                }
            }
            _ => {
                entry
                    .values
                    .insert(Field::Citations, Value::Maps(vec![map]));
            }
        }
    }
    if let Some(Value::Text(d)) = entry.values.get(&Field::Description)
        && d.chars().count() < 50
    {
        let d = d.clone();
        entry.values.remove(&Field::Description);
        entry.kept.push(("description".into(), d));
        entry.notes.push(Note {
            column: "description".into(),
            message: "shorter than the 50 characters a description needs: kept in remarks".into(),
        });
    }
    license_from_text(entry);
    if let (None, Some(Value::Text(doi))) = (
        entry.values.get(&Field::Homepage),
        entry.values.get(&Field::Doi),
    ) {
        let home = format!("https://doi.org/{doi}");
        entry.notes.push(Note {
            column: "homepage".into(),
            message: format!("{home}: the DOI's link, as the row gives no homepage"),
        });
        entry.values.insert(Field::Homepage, Value::Text(home));
    }
    if let Some(Value::Text(id)) = entry.values.get(&Field::License).cloned()
        && !id.starts_with("LicenseRef-")
    {
        for field in [Field::LicenseName, Field::LicenseUrl] {
            if let Some(Value::Text(v)) = entry.values.remove(&field) {
                entry.notes.push(Note {
                    column: field.id().into(),
                    message: format!(
                        "'{v}' left out: the SPDX licence {id} brings its own name and URL"
                    ),
                });
            }
        }
    }
    if let Some(Value::Text(id)) = entry.values.get(&Field::License)
        && id.starts_with("LicenseRef-")
        && !(entry.values.contains_key(&Field::LicenseName)
            && entry.values.contains_key(&Field::LicenseUrl))
    {
        let id = id.clone();
        entry.values.remove(&Field::License);
        entry.kept.push(("license".into(), id.clone()));
        entry.notes.push(Note {
            column: "license".into(),
            message: format!(
                "'{id}' needs license_name and license_url, which the row lacks: kept in remarks"
            ),
        });
    }
}

/// Put what cells implied into their fields: lists are merged, other values fill a field only
/// when the row leaves it empty.
fn apply_implied(entry: &mut Entry) {
    for implied in std::mem::take(&mut entry.implied) {
        let used = match (entry.values.get_mut(&implied.field), implied.value) {
            (None, value) => {
                entry.values.insert(implied.field, value);
                true
            }
            (Some(Value::List(items)), Value::List(more)) if implied.merge => {
                let before = items.len();
                for m in more {
                    if !items.contains(&m) {
                        items.push(m);
                    }
                }
                items.len() > before
            }
            _ => false,
        };
        if used && !implied.note.is_empty() {
            entry.notes.push(Note {
                column: implied.field.id().into(),
                message: implied.note,
            });
        }
    }
}

/// A licence written as its name: an SPDX licence in a "license name" column becomes the
/// licence; a licence that is not SPDX becomes `LicenseRef-<its name as a slug>`, with the
/// name as `license_name`, when the row gives its URL (else it stays in remarks).
fn license_from_text(entry: &mut Entry) {
    if !entry.values.contains_key(&Field::License)
        && let Some(Value::Text(name)) = entry.values.get(&Field::LicenseName)
        && let Some(id) = super::normalize::spdx_id(name)
    {
        entry.notes.push(Note {
            column: "license_name".into(),
            message: format!("'{name}' is the SPDX licence {id}"),
        });
        entry.values.remove(&Field::LicenseName);
        entry
            .values
            .insert(Field::License, Value::Text(id.to_string()));
    }
    let Some((column, text)) = entry.license_text.take() else {
        return;
    };
    if entry.values.contains_key(&Field::License) || !entry.values.contains_key(&Field::LicenseUrl)
    {
        return;
    }
    let id = format!("LicenseRef-{}", vocab::slugify(&text));
    if id == "LicenseRef-" {
        return;
    }
    entry
        .kept
        .retain(|(c, v)| !(c == &column && v.trim() == text));
    entry.notes.retain(|n| n.column != column);
    entry.notes.push(Note {
        column: column.clone(),
        message: format!("not an SPDX licence: written as {id}, with license_name '{text}'"),
    });
    entry.values.insert(Field::License, Value::Text(id));
    entry
        .values
        .entry(Field::LicenseName)
        .or_insert(Value::Text(text));
}

/// What an APA-style citation of the dataset says that the row does not: its creators (when
/// the author list reads cleanly as "Family, Initials"), its year, version and publisher.
fn from_citation(entry: &mut Entry, text: &str) {
    let Some(apa) = super::citation::parse_apa(text) else {
        return;
    };
    let column = "citation".to_string();
    if !entry.values.contains_key(&Field::Year)
        && let Some(year) = apa.year
    {
        entry.values.insert(Field::Year, Value::Int(year));
        entry.notes.push(Note {
            column: column.clone(),
            message: format!("year {year} read from the citation"),
        });
    }
    if let std::collections::btree_map::Entry::Vacant(slot) = entry.values.entry(Field::Creators) {
        match &apa.authors {
            Ok(names) => {
                let maps = names
                    .iter()
                    .map(|n| {
                        let mut m = serde_json::Map::new();
                        m.insert("name".into(), n.clone().into());
                        m
                    })
                    .collect();
                slot.insert(Value::Maps(maps));
                entry.notes.push(Note {
                    column: column.clone(),
                    message: format!("{} creators read from the citation", names.len()),
                });
            }
            Err(why) => entry.notes.push(Note {
                column: column.clone(),
                message: format!("creators not read from the citation: {why}; add them by hand"),
            }),
        }
    }
    if !entry.values.contains_key(&Field::Version)
        && let Some(v) = &apa.version
    {
        entry.values.insert(Field::Version, Value::Text(v.clone()));
        entry.notes.push(Note {
            column: column.clone(),
            message: format!("version {v} read from the citation"),
        });
    }
    if !entry.values.contains_key(&Field::Publisher)
        && let Some(p) = &apa.publisher
    {
        let mut m = serde_json::Map::new();
        m.insert("name".into(), p.clone().into());
        entry.values.insert(Field::Publisher, Value::Maps(vec![m]));
        entry.notes.push(Note {
            column,
            message: format!("publisher '{p}' read from the citation"),
        });
    }
}

/// Lowercase letters, digits and dashes from the name, at most 60 characters (cut at a dash).
pub fn slug_from_name(name: &str) -> String {
    let slug = vocab::slugify(name);
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let cut = &slug[..MAX_SLUG];
    match cut.rfind('-') {
        Some(i) if i > 0 => cut[..i].to_string(),
        _ => cut.to_string(),
    }
}

fn missing_required(entry: &Entry) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if entry.name().is_empty() {
        missing.push("name");
    }
    if entry.text(Field::Description).is_none() {
        missing.push("description (what the dataset is, at least 50 characters)");
    }
    if !matches!(entry.values.get(&Field::Modalities), Some(Value::List(l)) if !l.is_empty()) {
        missing.push("modalities (DICOM codes such as CT, MR, PT)");
    }
    missing
}

mod file;

pub use file::{Added, fields_yaml, remarks_text, to_yaml, top_level_key};

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn incomplete_becomes_complete_and_citation_is_assembled() {
        let h = headers(&["name", "incomplete", "citation", "doi"]);
        let mapping = vec![
            Some(Field::Name),
            Some(Field::Incomplete),
            Some(Field::Citation),
            Some(Field::Doi),
        ];
        let row = Row {
            number: 2,
            cells: [
                "X",
                "Y",
                "Ma et al. 2022",
                "paper:10.1109/TPAMI.2021.3100536",
            ]
            .map(String::from)
            .to_vec(),
        };
        let e = build(&h, &mapping, &row).unwrap();
        assert_eq!(e.values.get(&Field::Complete), Some(&Value::Bool(false)));
        assert!(!e.values.contains_key(&Field::Doi));
        let Some(Value::Maps(c)) = e.values.get(&Field::Citations) else {
            panic!("no citations")
        };
        assert_eq!(c[0]["text"], "Ma et al. 2022");
        assert_eq!(c[0]["doi"], "10.1109/TPAMI.2021.3100536");
        assert_eq!(e.slug, "x");
    }

    #[test]
    fn unmapped_columns_go_to_remarks_and_are_not_reported_per_row() {
        let h = headers(&["name", "Weighted Publishable"]);
        let row = Row {
            number: 7,
            cells: vec!["A".into(), "Yes".into()],
        };
        let e = build(&h, &[Some(Field::Name), None], &row).unwrap();
        // The mapping says it once for the column (`map_columns`), not every row.
        assert!(e.notes.is_empty(), "{:?}", e.notes);
        let yaml = to_yaml(&e, "t.csv");
        assert!(
            yaml.contains("- Weighted Publishable: \\\"Yes\\\"")
                || yaml.contains("- Weighted Publishable: \"Yes\""),
            "{yaml}"
        );
        assert!(yaml.contains("draft: true"));
    }

    #[test]
    fn rows_without_a_name_are_skipped_with_their_values() {
        let h = headers(&["name", "Anatomical Region"]);
        let row = Row {
            number: 21,
            cells: vec!["".into(), "Brain".into()],
        };
        assert_eq!(
            build(&h, &[Some(Field::Name), Some(Field::Anatomy)], &row).unwrap_err(),
            Skip::NoName(vec![("Anatomical Region".into(), "Brain".into())])
        );
    }

    #[test]
    fn long_names_make_slugs_cut_at_a_dash() {
        let s = slug_from_name(
            "AMOS: A Large-Scale Abdominal Multi-Organ Benchmark for Versatile Medical Image Segmentation",
        );
        assert!(s.len() <= MAX_SLUG && !s.ends_with('-'), "{s}");
        assert!(s.starts_with("amos-a-large-scale"));
    }
}
