//! The entry file written for a row: a header comment (where it came from, what is
//! missing), then every field that has a value, in schema order, under the section headings.

use super::*;
use crate::entry::Key;
use crate::yaml::write::{self, Style};

/// The entry's sections (`crate::entry::fields::sections`): the first column of each, and
/// its heading.
pub(super) static SECTIONS: std::sync::LazyLock<Vec<(Field, &'static str)>> =
    std::sync::LazyLock::new(|| {
        crate::entry::fields::sections()
            .map(|(heading, rows)| (rows[0].columns[0].field, heading))
            .collect()
    });

/// Short controlled values look best as a flow list: `modalities: [PT, CT]`.
pub(super) fn flow_list(field: Field) -> bool {
    matches!(
        field,
        Field::Modalities
            | Field::Anatomy
            | Field::LabelTypes
            | Field::Platform
            | Field::DataUse
            | Field::FileFormats
            | Field::DerivedFrom
            | Field::Related
    )
}

/// The entry's YAML file: a header comment (where it came from, what is missing), then every
/// field that has a value, in schema order, grouped under section comments.
pub fn to_yaml(entry: &Entry, origin: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {} — imported by `faircat import` from {origin}, row {}.",
        one_line(entry.name()),
        entry.row
    );
    out.push_str(
        "# Fields are described in docs/entry-schema.md; run `faircat check` after editing.\n",
    );
    if entry.is_draft() {
        if entry.missing.is_empty() {
            out.push_str("# Draft: not published until `draft: true` is removed.\n");
        } else {
            out.push_str(
                "# Draft: not published until these are filled in and `draft: true` is removed:\n",
            );
            for m in &entry.missing {
                let _ = writeln!(out, "#   - {m}");
            }
        }
        out.push_str("draft: true\n");
    }

    let remarks = remarks_text(entry);
    let mut section = 0;
    let mut opened: Option<&str> = None;
    for (&field, value) in &entry.values {
        if matches!(
            field,
            Field::Slug | Field::Draft | Field::Remarks | Field::Ignore
        ) {
            continue;
        }
        if let Some(s) = SECTIONS.iter().rposition(|(start, _)| field >= *start)
            && section <= s
        {
            let _ = writeln!(out, "\n# {}", SECTIONS[s].1);
            section = s + 1;
        }
        // `targets_pixel` is written as `pixel:` under `targets:` (once), and so on.
        let key = top_level_key(field);
        let nested = key != field.id();
        if nested && opened != Some(key) {
            let _ = writeln!(out, "{key}:");
            opened = Some(key);
        }
        write_one(&mut out, field, value, nested);
    }
    if let Some(remarks) = remarks {
        if section < SECTIONS.len() {
            let _ = writeln!(out, "\n# {}", SECTIONS[SECTIONS.len() - 1].1);
        }
        write::field(
            &mut out,
            Field::Remarks.id(),
            &Value::Text(remarks),
            Style::default(),
        );
    }
    out
}

/// The top-level key of the entry file a field is written under (`targets_pixel` →
/// `targets`, `contact_email` → `contact`).
pub fn top_level_key(field: Field) -> &'static str {
    match field {
        Field::TargetsPixel | Field::TargetsInstance | Field::TargetsImage => Key::Targets.name(),
        Field::ContactName | Field::ContactEmail | Field::ContactUrl => Key::Contact.name(),
        f => f.id(),
    }
}

/// Some fields of an entry as YAML (no comments or sections), and their top-level keys.
pub struct Added {
    pub yaml: String,
    pub fields: Vec<&'static str>,
}

/// The fields of `entry` that `include` accepts, written as [`to_yaml`] writes them.
pub fn fields_yaml(entry: &Entry, include: impl Fn(Field) -> bool) -> Added {
    let mut yaml = String::new();
    let mut fields: Vec<&'static str> = Vec::new();
    for (&field, value) in &entry.values {
        if !include(field) {
            continue;
        }
        let key = top_level_key(field);
        let nested = key != field.id();
        if !fields.contains(&key) {
            fields.push(key);
            if nested {
                let _ = writeln!(yaml, "{key}:");
            }
        }
        write_one(&mut yaml, field, value, nested);
    }
    Added { yaml, fields }
}

/// One field: `key: value`, or under its parent (`targets:`, `contact:`) when `nested`.
pub(super) fn write_one(out: &mut String, field: Field, value: &Value, nested: bool) {
    let key = if nested {
        field
            .id()
            .trim_start_matches("targets_")
            .trim_start_matches("contact_")
    } else {
        field.id()
    };
    match (field, value) {
        (Field::Publisher, Value::Maps(maps)) if maps.len() == 1 => {
            write::map(out, key, &maps[0], PUBLISHER_KEYS);
        }
        (Field::Creators, Value::Maps(maps)) => {
            write::list_of_maps(out, key, maps, CREATOR_KEYS, 0)
        }
        _ => write::field(
            out,
            key,
            value,
            Style {
                indent: if nested { 2 } else { 0 },
                flow: flow_list(field),
                date: is_date(field),
            },
        ),
    }
}

pub(super) fn is_date(field: Field) -> bool {
    matches!(field, Field::Released | Field::Updated | Field::Added)
}

/// The entry's remarks with the cells that could not be read appended, quoted.
pub fn remarks_text(entry: &Entry) -> Option<String> {
    let own = match entry.values.get(&Field::Remarks) {
        Some(Value::Text(t)) => Some(t.trim_end().to_string()),
        _ => None,
    };
    let mut own = own;
    if !entry.facts.is_empty() {
        let mut text = own.map(|t| format!("{t}\n\n")).unwrap_or_default();
        text.push_str(FACTS_HEADLINE);
        for (column, value) in &entry.facts {
            let _ = write!(text, "\n- {}: {}", one_line(column), one_line(value));
        }
        own = Some(text);
    }
    if entry.kept.is_empty() {
        return own;
    }
    let mut text = own.map(|t| format!("{t}\n\n")).unwrap_or_default();
    text.push_str(KEPT_HEADLINE);
    for (column, value) in &entry.kept {
        let _ = write!(text, "\n- {}: \"{}\"", one_line(column), one_line(value));
    }
    Some(text)
}

pub(super) fn one_line(s: &str) -> String {
    crate::markdown::collapse_whitespace(s)
}
