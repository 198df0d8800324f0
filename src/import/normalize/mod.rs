//! One cell → one field value: "CC BY 4.0" → `CC-BY-4.0`, "PET-CT" → `[PT, CT]`, "1,810" → 1810,
//! "Public (download)" → `public`, "Y" → `true`, anatomy words → anatomy ids.
//!
//! Every function says how faithful its result is: [`Outcome::clean`] when the value says all the
//! cell said, [`Outcome::partial`] when something was left out (the original is then kept in
//! `remarks`), [`Outcome::failed`] when nothing could be read (the original goes to `remarks`).

use super::fields::{Field, Kind};
pub use crate::vocab::words::spdx_id;
use crate::vocab::words::{access, anatomy, label_type, modalities, platform};
use crate::vocab::{self, LabelType};

/// A normalised value, ready to be written as YAML.
pub use crate::yaml::write::Value;

/// What became of a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The field the value goes to: usually the column's, but a count may name its own unit
    /// ("1,014 studies" in a scans column goes to `studies`).
    pub field: Field,
    pub value: Option<Value>,
    /// What was not understood or left out, for the report.
    pub problem: Option<String>,
    /// Keep the cell's original text in `remarks`.
    pub keep_original: bool,
    /// Values the cell implies for other fields (segmentation objects imply pixel-level
    /// labels; a species other than human a keyword): see [`Implied`].
    pub implied: Vec<Implied>,
    /// A fact for `remarks`, under the column's header, that is not a problem ("Mouse").
    pub remark: Option<String>,
}

/// A value one cell implies for another field. Applied once the whole row is read: a list is
/// merged into the field's items (`merge`), anything else fills the field only when the row
/// leaves it empty.
#[derive(Debug, Clone, PartialEq)]
pub struct Implied {
    pub field: Field,
    pub value: Value,
    pub merge: bool,
    /// Said in the report when the value is used.
    pub note: String,
}

impl Outcome {
    fn clean(field: Field, value: Value) -> Outcome {
        Outcome {
            field,
            value: Some(value),
            problem: None,
            keep_original: false,
            implied: Vec::new(),
            remark: None,
        }
    }
    fn partial(field: Field, value: Value, problem: impl Into<String>) -> Outcome {
        Outcome {
            field,
            value: Some(value),
            problem: Some(problem.into()),
            keep_original: true,
            implied: Vec::new(),
            remark: None,
        }
    }
    fn failed(field: Field, problem: impl Into<String>) -> Outcome {
        Outcome {
            field,
            value: None,
            problem: Some(problem.into()),
            keep_original: true,
            implied: Vec::new(),
            remark: None,
        }
    }
    /// A value with a remark for the report only (nothing of substance was lost).
    fn noted(field: Field, value: Option<Value>, problem: impl Into<String>) -> Outcome {
        Outcome {
            field,
            value,
            problem: Some(problem.into()),
            keep_original: false,
            implied: Vec::new(),
            remark: None,
        }
    }
    /// Nothing for the field itself: the cell is kept in `remarks` as a fact.
    fn remark(field: Field, text: &str) -> Outcome {
        Outcome {
            field,
            value: None,
            problem: None,
            keep_original: false,
            implied: Vec::new(),
            remark: Some(text.to_string()),
        }
    }
    /// Nothing at all (an ignored column, a cell that says nothing new).
    fn nothing(field: Field) -> Outcome {
        Outcome {
            field,
            value: None,
            problem: None,
            keep_original: false,
            implied: Vec::new(),
            remark: None,
        }
    }
}

/// A "Notes" cell: its text for `remarks`, and the http(s) URLs in it for `sources` too.
fn notes(cell: &str) -> Outcome {
    let mut o = Outcome::clean(Field::Remarks, Value::Text(cell.to_string()));
    let mut urls: Vec<String> = Vec::new();
    for word in cell.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '(' | ')'))
    {
        let word = word.trim_end_matches(['.', ',', ';', ':']);
        if let Some(u) = scalars::url(word).filter(|u| !urls.contains(u)) {
            urls.push(u);
        }
    }
    if !urls.is_empty() {
        o.implied.push(Implied {
            field: Field::Sources,
            value: Value::List(urls.clone()),
            merge: true,
            note: format!("{} from the notes added to sources", urls.join(", ")),
        });
    }
    o
}

/// Cells that say "nothing known" in words.
fn is_placeholder(cell: &str) -> bool {
    matches!(
        cell.to_ascii_lowercase().as_str(),
        "-" | "--" | "?" | "n/a" | "na" | "n.a." | "not defined" | "undefined" | "unknown" | "tbd"
    )
}

/// Normalise one non-empty cell for a field.
pub fn normalize(field: Field, cell: &str) -> Outcome {
    let cell = cell.trim();
    if is_placeholder(cell) {
        return Outcome::noted(field, None, format!("'{cell}' read as empty"));
    }
    match field.kind() {
        Kind::Ignore => Outcome::nothing(field),
        Kind::Note => Outcome::remark(field, cell),
        Kind::Notes => notes(cell),
        Kind::Species => species(field, cell),
        Kind::Pathologies => pathologies(field, cell),
        Kind::Creators => creators(field, cell),
        Kind::Publisher => publisher(field, cell),
        Kind::Text => text(field, cell),
        Kind::Markdown => Outcome::clean(field, Value::Text(cell.to_string())),
        Kind::Slug => {
            let slug = vocab::slugify(cell);
            if slug.chars().all(|c| c.is_ascii_digit()) && !slug.is_empty() {
                Outcome::noted(
                    field,
                    None,
                    format!("'{cell}' is a number, not a slug: the slug is made from the name"),
                )
            } else if slug.is_empty() {
                Outcome::failed(
                    field,
                    format!("'{cell}' has no letters or digits for a slug"),
                )
            } else if slug != cell && slug != cell.to_ascii_lowercase().replace('_', "-") {
                Outcome::noted(
                    field,
                    Some(Value::Text(slug.clone())),
                    format!("slug '{cell}' written as '{slug}'"),
                )
            } else {
                Outcome::clean(field, Value::Text(slug))
            }
        }
        Kind::Url => match url(cell) {
            Some(u) => Outcome::clean(field, Value::Text(u)),
            None => Outcome::failed(field, format!("'{cell}' is not an http(s) URL")),
        },
        Kind::Doi => doi_cell(field, cell),
        Kind::Email => {
            let e = cell.trim_start_matches("mailto:").trim();
            if e.contains('@') && !e.contains(char::is_whitespace) && !e.starts_with('@') {
                Outcome::clean(field, Value::Text(e.to_string()))
            } else {
                Outcome::failed(field, format!("'{cell}' is not an e-mail address"))
            }
        }
        Kind::Integer => count(field, cell),
        Kind::Year => year(field, cell),
        Kind::Date => match date(cell) {
            Some(d) => Outcome::clean(field, Value::Text(d)),
            None => Outcome::failed(field, format!("'{cell}' is not a date (YYYY-MM-DD)")),
        },
        Kind::Bool => match boolean(cell) {
            Some(b) => Outcome::clean(field, Value::Bool(b)),
            None => Outcome::failed(field, format!("'{cell}' is not yes or no")),
        },
        Kind::List => string_list(field, cell, true),
        Kind::SemicolonList => string_list(field, cell, false),
        Kind::SlugList => {
            let items: Vec<String> = json_strings(cell).unwrap_or_else(|| {
                split_top(cell, &[';', ',', ' '])
                    .into_iter()
                    .map(|s| vocab::slugify(&s))
                    .filter(|s| !s.is_empty())
                    .collect()
            });
            Outcome::clean(field, Value::List(items))
        }
        Kind::Modalities => modality_cell(field, cell),
        Kind::Anatomy => resolve_list(field, cell, &[';', ','], |t| {
            anatomy(t).map(|a| vec![a.to_string()]).or_else(|| {
                // "Chest-Abdomen-Pelvis": every part a body region.
                t.contains('-')
                    .then(|| {
                        t.split('-')
                            .map(|p| anatomy(p).map(str::to_string))
                            .collect()
                    })
                    .flatten()
            })
        }),
        Kind::LabelTypes => resolve_list(field, cell, &[';', ',', '+', '/', '&'], |t| {
            label_type(t).map(|l| vec![l.slug().to_string()])
        }),
        Kind::Platforms => resolve_list(field, cell, &[';', '+', ','], |t| {
            platform(t).map(|p| vec![p.to_string()])
        }),
        Kind::DataUse => resolve_list(field, cell, &[';', '+', ','], |t| {
            crate::readiness::duo::lookup(t).map(|term| vec![term.code.to_string()])
        }),
        Kind::License => license(field, cell),
        Kind::Access => match access(cell) {
            Some(a) => Outcome::clean(field, Value::Text(a.slug().to_string())),
            None => Outcome::failed(
                field,
                format!(
                    "'{cell}' is not an access route (public, registration, application, private)"
                ),
            ),
        },
        Kind::JsonMaps => json_maps(field, cell),
    }
}

fn text(field: Field, cell: &str) -> Outcome {
    if field == Field::Name {
        let (name, marks) = strip_footnote_marks(cell);
        if name.is_empty() {
            return Outcome::failed(field, format!("'{cell}' has no name"));
        }
        if !marks.is_empty() {
            return Outcome::noted(
                field,
                Some(Value::Text(one_line(&name))),
                format!("footnote marks '{marks}' removed from the name"),
            );
        }
        return Outcome::clean(field, Value::Text(one_line(&name)));
    }
    Outcome::clean(field, Value::Text(one_line(cell)))
}

/// Line breaks and runs of spaces become single spaces: entries keep one-line fields on one line.
fn one_line(s: &str) -> String {
    crate::markdown::collapse_whitespace(s)
}

/// "AbdomenCT-1K [1], [2]" → ("AbdomenCT-1K", "[1], [2]"); "WORD*" → ("WORD", "*").
fn strip_footnote_marks(cell: &str) -> (String, String) {
    let mut name = cell.trim_end();
    loop {
        let before = name;
        if let Some(open) = name.rfind('[') {
            let inside = &name[open + 1..];
            if let Some(inner) = inside.strip_suffix(']')
                && !inner.is_empty()
                && inner.chars().all(|c| c.is_ascii_digit())
            {
                name = name[..open].trim_end();
                name = name.trim_end_matches([',', '-', '–']).trim_end();
            }
        }
        name = name.trim_end_matches('*').trim_end();
        if name == before {
            break;
        }
    }
    let marks = cell[name.len()..].trim().to_string();
    (name.to_string(), marks)
}

mod agents;
mod lists;
mod scalars;
#[cfg(test)]
mod tests;

use crate::vocab::words::alnum;
pub(crate) use crate::vocab::words::without_parentheses;
use agents::*;
pub use agents::{CREATOR_KEYS, PUBLISHER_KEYS};
use lists::*;
pub use lists::{NON_IMAGE_OBJECTS, split_top};
use scalars::*;
pub use scalars::{bare_doi, boolean, date, parse_count, url};
