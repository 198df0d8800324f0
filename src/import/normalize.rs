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
        Kind::Species => species(field, cell),
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

/// http(s) URLs only; anything else (`javascript:`, bare words) is refused.
pub fn url(cell: &str) -> Option<String> {
    let parsed = url::Url::parse(cell.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| cell.trim().to_string())
}

/// A bare DOI from `10.…`, `doi:10.…`, `https://doi.org/10.…`.
pub fn bare_doi(cell: &str) -> Option<String> {
    let mut s = cell.trim();
    for prefix in [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
        "DOI:",
        "doi.org/",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.trim();
        }
    }
    let (prefix, suffix) = s.split_once('/')?;
    let registrant = prefix.strip_prefix("10.")?;
    let ok = !registrant.is_empty()
        && registrant.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !suffix.is_empty()
        && !s.contains(char::is_whitespace);
    ok.then(|| s.to_string())
}

/// The dataset's DOI, or with a `paper:` prefix the DOI of the paper to cite.
fn doi_cell(field: Field, cell: &str) -> Outcome {
    if let Some(paper) = cell.strip_prefix("paper:") {
        return match bare_doi(paper) {
            Some(d) => Outcome::clean(Field::CitationDoi, Value::Text(d)),
            None => Outcome::failed(field, format!("'{cell}' is not a DOI")),
        };
    }
    match bare_doi(cell) {
        Some(d) => Outcome::clean(field, Value::Text(d)),
        None => Outcome::failed(field, format!("'{cell}' is not a DOI (10.xxxx/…)")),
    }
}

/// "1,810", "16 104", "1810", "1810.0" → the number.
pub fn parse_count(s: &str) -> Option<u64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(whole) = s.strip_suffix(".0").or_else(|| s.strip_suffix(".00"))
        && whole.chars().all(|c| c.is_ascii_digit())
    {
        return whole.parse().ok();
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok();
    }
    // Thousands separators: groups of three digits after the first.
    let groups: Vec<&str> = s
        .split([',', ' ', '\u{a0}', '\u{202f}', '\'', '_'])
        .collect();
    let ok = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3);
    if ok {
        groups.concat().parse().ok()
    } else {
        None
    }
}

/// Unit words that add nothing to a count ("20 CT scans" says no more than 20 scans).
const PLAIN_UNITS: &[&str] = &[
    "ct",
    "mr",
    "mri",
    "pet",
    "pet/ct",
    "scans",
    "scan",
    "volumes",
    "images",
    "patients",
    "subjects",
    "participants",
    "studies",
    "series",
    "cases",
];

/// A count, or a count with a unit ("1,014 PET/CT studies" → studies: 1014).
fn count(field: Field, cell: &str) -> Outcome {
    if let Some(n) = parse_count(cell) {
        return Outcome::clean(field, Value::Int(n));
    }
    let main = without_parentheses(cell);
    let main = main.trim();
    let dropped_parentheses = main.len() != cell.trim().len();
    if main.contains([';', '+', '~', '<', '>', '≈']) {
        return Outcome::failed(field, format!("'{cell}' is not a single count"));
    }
    let number_end = main
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .unwrap_or(main.len());
    let (number, unit) = main.split_at(number_end);
    let unit = unit.trim();
    let Some(n) = parse_count(number) else {
        return Outcome::failed(field, format!("'{cell}' is not a number"));
    };
    if unit.contains(|c: char| c.is_ascii_digit()) {
        return Outcome::failed(field, format!("'{cell}' is not a single count"));
    }
    let unit_lower = unit.to_lowercase();
    let target = if unit_lower.contains("stud") {
        Field::Studies
    } else if unit_lower.contains("series") {
        Field::Series
    } else if ["patient", "subject", "participant"]
        .iter()
        .any(|w| unit_lower.contains(w))
    {
        Field::Subjects
    } else {
        field
    };
    let plain = unit_lower
        .split_whitespace()
        .all(|w| PLAIN_UNITS.contains(&w));
    if plain && !dropped_parentheses {
        Outcome::clean(target, Value::Int(n))
    } else {
        Outcome::partial(
            target,
            Value::Int(n),
            format!("read {} = {n} from '{cell}'", target.id()),
        )
    }
}

fn year(field: Field, cell: &str) -> Outcome {
    let digits = cell.trim().strip_suffix(".0").unwrap_or(cell.trim());
    let candidate = if digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()) {
        Some(digits)
    } else {
        date(cell).map(|_| &cell.trim()[..4])
    };
    match candidate.and_then(|y| y.parse::<u64>().ok()) {
        Some(y) if (1900..=2100).contains(&y) => Outcome::clean(field, Value::Int(y)),
        _ => Outcome::failed(field, format!("'{cell}' is not a year")),
    }
}

/// `YYYY-MM-DD` (also `YYYY/MM/DD`, `DD.MM.YYYY` and a spreadsheet date-time's date part).
pub fn date(cell: &str) -> Option<String> {
    let s = cell.trim();
    let s = s.split_once('T').map_or(s, |(d, _)| d);
    let iso = if let Some((d, rest)) = s.split_once('.') {
        let (m, y) = rest.split_once('.')?;
        format!("{y}-{m:0>2}-{d:0>2}")
    } else {
        s.replace('/', "-")
    };
    iso.parse::<jiff::civil::Date>()
        .ok()
        .map(|d| d.strftime("%Y-%m-%d").to_string())
}

pub fn boolean(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "y" | "yes" | "true" | "1" | "x" | "✓" | "ja" | "oui" => Some(true),
        "n" | "no" | "false" | "0" | "nein" | "non" => Some(false),
        _ => None,
    }
}

/// A JSON array of strings (what `faircat export` writes when an item holds a separator).
fn json_strings(cell: &str) -> Option<Vec<String>> {
    if !(cell.starts_with('[') && cell.ends_with(']')) {
        return None;
    }
    serde_json::from_str::<Vec<String>>(cell).ok()
}

fn string_list(field: Field, cell: &str, commas: bool) -> Outcome {
    if let Some(items) = json_strings(cell) {
        return Outcome::clean(field, Value::List(items));
    }
    let separators: &[char] = if commas && !has_top_level(cell, ';') {
        &[',']
    } else {
        &[';']
    };
    let items = split_top(cell, separators)
        .iter()
        .map(|s| one_line(s))
        .collect();
    Outcome::clean(field, Value::List(items))
}

fn has_top_level(cell: &str, sep: char) -> bool {
    split_top(cell, &[sep]).len() > 1
}

/// Split at separators outside parentheses and brackets; trim and drop empty items.
pub fn split_top(cell: &str, separators: &[char]) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in cell.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                current.push(c);
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                current.push(c);
            }
            c if depth == 0 && separators.contains(&c) => {
                items.push(std::mem::take(&mut current));
            }
            c => current.push(c),
        }
    }
    items.push(current);
    items
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The text without parenthetical remarks: "TCIA (challenge on Grand Challenge)" → "TCIA ".
pub fn without_parentheses(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The text inside the first parentheses: "adrenal (abdomen)" → "abdomen".
fn inside_parentheses(s: &str) -> Option<&str> {
    let open = s.find('(')?;
    let close = s[open..].find(')')? + open;
    Some(s[open + 1..close].trim())
}

/// Items of a controlled list: each is resolved as it is, then without its parenthetical
/// remark, then by what the parentheses say. Anything not resolved keeps the cell in remarks.
fn resolve_list(
    field: Field,
    cell: &str,
    separators: &[char],
    resolve: impl Fn(&str) -> Option<Vec<String>>,
) -> Outcome {
    if let Some(items) = json_strings(cell) {
        let resolved: Vec<Option<Vec<String>>> = items.iter().map(|i| resolve(i)).collect();
        if resolved.iter().all(Option::is_some) {
            let values = dedup(resolved.into_iter().flatten().flatten().collect());
            return Outcome::clean(field, Value::List(values));
        }
    }
    let mut values = Vec::new();
    let mut unresolved = Vec::new();
    let mut approximate = Vec::new();
    let whole = resolve(cell);
    let tokens = match whole {
        Some(v) => {
            return Outcome::clean(field, Value::List(dedup(v)));
        }
        None => split_top(cell, separators),
    };
    for token in tokens {
        if let Some(v) = resolve(&token) {
            values.extend(v);
            continue;
        }
        let main = without_parentheses(&token);
        let main = main.trim();
        if let Some(v) = (!main.is_empty()).then(|| resolve(main)).flatten() {
            values.extend(v);
            approximate.push(token);
            continue;
        }
        if let Some(v) = inside_parentheses(&token).and_then(&resolve) {
            values.extend(v);
            approximate.push(token);
            continue;
        }
        unresolved.push(token);
    }
    let values = dedup(values);
    if values.is_empty() {
        return Outcome::failed(
            field,
            format!("'{cell}' names no known {}", field_noun(field)),
        );
    }
    if unresolved.is_empty() && approximate.is_empty() {
        return Outcome::clean(field, Value::List(values));
    }
    let mut problem = Vec::new();
    if !unresolved.is_empty() {
        problem.push(format!(
            "not a known {}: '{}'",
            field_noun(field),
            unresolved.join("', '")
        ));
    }
    if !approximate.is_empty() {
        problem.push(format!(
            "read '{}' without the remark in parentheses",
            approximate.join("', '")
        ));
    }
    Outcome::partial(field, Value::List(values), problem.join("; "))
}

fn field_noun(field: Field) -> &'static str {
    match field {
        Field::Modalities => "modality",
        Field::Anatomy => "body region",
        Field::LabelTypes => "label type",
        Field::Platform => "platform",
        _ => "value",
    }
}

fn dedup(values: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn alnum(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn license(field: Field, cell: &str) -> Outcome {
    if cell.starts_with("LicenseRef-") && !cell.contains(char::is_whitespace) {
        return Outcome::clean(field, Value::Text(cell.to_string()));
    }
    match spdx_id(cell) {
        Some(id) => Outcome::clean(field, Value::Text(id.to_string())),
        None => Outcome::failed(
            field,
            format!("'{cell}' is not an SPDX licence id (like CC-BY-4.0)"),
        ),
    }
}

fn json_maps(field: Field, cell: &str) -> Outcome {
    let allowed: &[&str] = match field {
        Field::Downloads => &["url", "name", "media_type", "size_bytes", "sha256"],
        _ => &["text", "doi", "url", "preferred"],
    };
    let parsed: Result<Vec<serde_json::Map<String, serde_json::Value>>, _> =
        serde_json::from_str(cell);
    match parsed {
        Ok(maps) => {
            let unknown: Vec<&String> = maps
                .iter()
                .flat_map(|m| m.keys())
                .filter(|k| !allowed.contains(&k.as_str()))
                .collect();
            let nested = maps
                .iter()
                .flat_map(|m| m.values())
                .any(|v| v.is_array() || v.is_object());
            if !unknown.is_empty() || nested {
                Outcome::failed(
                    field,
                    format!(
                        "{} may only have the keys {}",
                        field.id(),
                        allowed.join(", ")
                    ),
                )
            } else {
                Outcome::clean(field, Value::Maps(maps))
            }
        }
        Err(_) => Outcome::failed(
            field,
            format!("'{cell}' is not a JSON list of {}", field.id()),
        ),
    }
}

/// DICOM object types that hold no image of their own (segmentations, structure sets, RT plans
/// and doses, registrations, structured reports, key-object selections, presentation states,
/// documents, real-world value maps, fiducials), as tables list them among the "modalities" of
/// a collection. They are not kept as modalities.
pub const NON_IMAGE_OBJECTS: &[&str] = &[
    "SEG", "RTSTRUCT", "RTPLAN", "PLAN", "RTDOSE", "RTRECORD", "REG", "SR", "KO", "PR", "DOC",
    "RWV", "FID",
];

/// Of [`NON_IMAGE_OBJECTS`], those that are segmentations: the dataset has pixel-level labels.
const SEGMENTATION_OBJECTS: &[&str] = &["SEG", "RTSTRUCT"];

/// A modalities cell: image modalities are resolved as usual; DICOM objects that are not images
/// ([`NON_IMAGE_OBJECTS`]) are left out, and segmentations (SEG, RTSTRUCT) imply
/// `label_types: [pixel-level]` unless the row gives its label types.
fn modality_cell(field: Field, cell: &str) -> Outcome {
    let separators = [';', ',', '/', '+', '&'];
    let tokens = json_strings(cell).unwrap_or_else(|| split_top(cell, &separators));
    let (objects, images): (Vec<String>, Vec<String>) = tokens
        .into_iter()
        .partition(|t| NON_IMAGE_OBJECTS.contains(&alnum(t).to_ascii_uppercase().as_str()));
    if objects.is_empty() {
        return resolve_list(field, cell, &separators, modalities);
    }
    let objects: Vec<String> = objects.iter().map(|o| o.to_ascii_uppercase()).collect();
    let note = format!(
        "{} left out: DICOM objects that are not image modalities",
        objects.join(", ")
    );
    let mut outcome = if images.is_empty() {
        Outcome::noted(field, None, note.clone())
    } else {
        let mut o = resolve_list(field, &images.join(", "), &separators, modalities);
        o.problem = Some(match o.problem.take() {
            Some(p) => format!("{p}; {note}"),
            None => note,
        });
        o
    };
    let segmentations: Vec<&str> = objects
        .iter()
        .map(String::as_str)
        .filter(|o| SEGMENTATION_OBJECTS.contains(o))
        .collect();
    if !segmentations.is_empty() {
        outcome.implied.push(Implied {
            field: Field::LabelTypes,
            value: Value::List(vec![LabelType::PixelLevel.slug().to_string()]),
            merge: false,
            note: format!(
                "pixel-level, as the modalities list {} (segmentations)",
                segmentations.join(" and ")
            ),
        });
    }
    outcome
}

/// Species: "Human" ("Homo sapiens") says nothing an entry of medical images would not; any
/// other species becomes a keyword and a remark.
fn species(field: Field, cell: &str) -> Outcome {
    let items = split_top(cell, &[';', ',']);
    let others: Vec<String> = items
        .iter()
        .filter(|s| !matches!(alnum(s).as_str(), "human" | "humans" | "homosapiens"))
        .cloned()
        .collect();
    if others.is_empty() {
        return Outcome::nothing(field);
    }
    let mut o = Outcome::remark(field, &others.join(", "));
    o.implied.push(Implied {
        field: Field::Keywords,
        value: Value::List(others.iter().map(|s| s.to_lowercase()).collect()),
        merge: true,
        note: format!("{} added (species)", others.join(", ").to_lowercase()),
    });
    o
}

/// The keys a creator map may have, in the order they are written.
pub const CREATOR_KEYS: &[&str] = &["name", "type", "orcid", "ror"];
/// The keys a publisher map may have.
pub const PUBLISHER_KEYS: &[&str] = &["name", "url", "ror"];

/// Creators: a JSON array of maps (`name`, `type`, `orcid`, `ror`) or names, or `;`-separated
/// persons' names ("Family, Given; Other, Name"). ORCID and ROR ids are checked and written as
/// IRIs; a cell with anything that cannot be read is kept whole in remarks.
fn creators(field: Field, cell: &str) -> Outcome {
    let items: Vec<serde_json::Value> = if cell.starts_with('[') {
        match serde_json::from_str(cell) {
            Ok(items) => items,
            Err(_) => return Outcome::failed(field, format!("'{cell}' is not a JSON list")),
        }
    } else {
        split_top(cell, &[';'])
            .into_iter()
            .map(serde_json::Value::String)
            .collect()
    };
    let mut maps = Vec::new();
    for item in items {
        let map = match item {
            serde_json::Value::String(name) => {
                let mut m = serde_json::Map::new();
                m.insert("name".into(), one_line(&name).into());
                m
            }
            serde_json::Value::Object(m) => m,
            _ => return Outcome::failed(field, "each creator must be a name or a JSON object"),
        };
        match agent_map(map, CREATOR_KEYS) {
            Ok(m) => maps.push(m),
            Err(problem) => return Outcome::failed(field, problem),
        }
    }
    if maps.is_empty() {
        return Outcome::failed(field, format!("'{cell}' names nobody"));
    }
    Outcome::clean(field, Value::Maps(maps))
}

/// A publisher: a JSON object (`name`, `url`, `ror`) or an organisation's name.
fn publisher(field: Field, cell: &str) -> Outcome {
    let map = if cell.starts_with('{') {
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(cell) {
            Ok(m) => m,
            Err(_) => return Outcome::failed(field, format!("'{cell}' is not a JSON object")),
        }
    } else {
        let mut m = serde_json::Map::new();
        m.insert("name".into(), one_line(cell).into());
        m
    };
    match agent_map(map, PUBLISHER_KEYS) {
        Ok(m) => Outcome::clean(field, Value::Maps(vec![m])),
        Err(problem) => Outcome::failed(field, problem),
    }
}

/// Check a creator's or publisher's map: only `keys`, string values, a name; `type` is person
/// or organization; ORCID and ROR ids valid (written as IRIs); URLs http(s).
fn agent_map(
    map: serde_json::Map<String, serde_json::Value>,
    keys: &[&str],
) -> Result<serde_json::Map<String, serde_json::Value>, String> {
    let mut out = serde_json::Map::new();
    for (k, v) in map {
        if !keys.contains(&k.as_str()) {
            return Err(format!("unknown key '{k}' (keys: {})", keys.join(", ")));
        }
        let serde_json::Value::String(text) = v else {
            return Err(format!("'{k}' must be text"));
        };
        let text = one_line(&text);
        if text.is_empty() {
            continue;
        }
        let value = match k.as_str() {
            "type" => match alnum(&text).as_str() {
                "person" => "person".to_string(),
                "organization" | "organisation" => "organization".to_string(),
                _ => return Err(format!("type '{text}' is not person or organization")),
            },
            "orcid" => vocab::orcid_iri(&text)
                .ok_or_else(|| format!("'{text}' is not a valid ORCID iD"))?,
            "ror" => vocab::ror_iri(&text).ok_or_else(|| format!("'{text}' is not a ROR id"))?,
            "url" => url(&text).ok_or_else(|| format!("'{text}' is not an http(s) URL"))?,
            _ => text,
        };
        out.insert(k, value.into());
    }
    if !out.contains_key("name") {
        return Err("a creator or publisher needs a name".into());
    }
    let kind = out.get("type").and_then(|t| t.as_str());
    if kind == Some("organization") && out.contains_key("orcid") {
        return Err("an ORCID iD belongs to a person, not an organization".into());
    }
    if kind == Some("person") && out.contains_key("ror") {
        return Err("a ROR id belongs to an organization, not a person".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::Access;

    #[test]
    fn counts_with_separators_and_units() {
        assert_eq!(parse_count("1,810"), Some(1810));
        assert_eq!(parse_count("16 104"), Some(16104));
        assert_eq!(parse_count("1810.0"), Some(1810));
        assert_eq!(parse_count("1,81"), None);
        let o = count(Field::Scans, "1,014 PET/CT studies (501 with lesions)");
        assert_eq!(o.field, Field::Studies);
        assert_eq!(o.value, Some(Value::Int(1014)));
        assert!(o.keep_original);
        let o = count(Field::Scans, "60 CT");
        assert_eq!((o.value, o.keep_original), (Some(Value::Int(60)), false));
        let o = count(Field::Scans, "1000+ CT scans");
        assert_eq!(o.value, None);
        assert!(o.keep_original);
        let o = count(Field::Scans, "65 studies; 124 CT series");
        assert_eq!(o.value, None);
    }

    #[test]
    fn licences_become_spdx_ids() {
        assert_eq!(spdx_id("CC BY 4.0"), Some("CC-BY-4.0"));
        assert_eq!(spdx_id("CC BY-NC 4.0"), Some("CC-BY-NC-4.0"));
        assert_eq!(spdx_id("CC BY-SA 3.0"), Some("CC-BY-SA-3.0"));
        assert_eq!(spdx_id("cc0"), Some("CC0-1.0"));
        assert_eq!(spdx_id("Apache 2.0"), Some("Apache-2.0"));
        assert_eq!(spdx_id("CC BY-NC-SA"), None);
        assert_eq!(spdx_id("TCIA Research"), None);
        assert_eq!(spdx_id("Custom DUA"), None);
    }

    #[test]
    fn access_routes() {
        assert_eq!(access("Public (download)"), Some(Access::Public));
        assert_eq!(access("public-download"), Some(Access::Public));
        assert_eq!(access("On Request"), Some(Access::Application));
        assert_eq!(access("Free with registration"), Some(Access::Registration));
        assert_eq!(access("Private"), Some(Access::Private));
        assert_eq!(access("ask Bob"), None);
    }

    #[test]
    fn dois_and_paper_dois() {
        assert_eq!(
            bare_doi("https://doi.org/10.7937/K9/TCIA.2015.LO9QL9SX").as_deref(),
            Some("10.7937/K9/TCIA.2015.LO9QL9SX")
        );
        let o = normalize(Field::Doi, "paper:10.1109/TPAMI.2021.3100536");
        assert_eq!(o.field, Field::CitationDoi);
        assert_eq!(
            o.value,
            Some(Value::Text("10.1109/TPAMI.2021.3100536".into()))
        );
        assert!(normalize(Field::Doi, "not a doi").value.is_none());
    }

    #[test]
    fn booleans_dates_and_placeholders() {
        assert_eq!(boolean("Y"), Some(true));
        assert_eq!(boolean("Yes"), Some(true));
        assert_eq!(boolean("N"), Some(false));
        assert_eq!(boolean("maybe"), None);
        assert_eq!(date("2022/3/1"), None);
        assert_eq!(date("2022/03/01").as_deref(), Some("2022-03-01"));
        assert_eq!(date("01.03.2022").as_deref(), Some("2022-03-01"));
        let o = normalize(Field::Provision, "Not Defined");
        assert_eq!((o.value, o.keep_original), (None, false));
        assert!(o.problem.unwrap().contains("read as empty"));
    }

    #[test]
    fn names_lose_footnote_marks() {
        assert_eq!(
            strip_footnote_marks("AbdomenCT-1K [1], [2]"),
            ("AbdomenCT-1K".into(), "[1], [2]".into())
        );
        assert_eq!(
            strip_footnote_marks("Adrenal-ACC-Ki67* [3]-[5]"),
            ("Adrenal-ACC-Ki67".into(), "* [3]-[5]".into())
        );
        assert_eq!(strip_footnote_marks("KiTS"), ("KiTS".into(), "".into()));
    }

    #[test]
    fn lists_split_on_semicolons_then_commas_outside_parentheses() {
        assert_eq!(
            split_top("a (x; y); b", &[';']),
            vec!["a (x; y)".to_string(), "b".to_string()]
        );
        let o = normalize(
            Field::TargetsPixel,
            "whole tumor, tumor core, enhancing tumor",
        );
        assert_eq!(
            o.value,
            Some(Value::List(vec![
                "whole tumor".into(),
                "tumor core".into(),
                "enhancing tumor".into()
            ]))
        );
        let o = normalize(Field::Sources, "A, b; C");
        assert_eq!(o.value, Some(Value::List(vec!["A, b".into(), "C".into()])));
        let o = normalize(Field::Keywords, r#"["a; b","c"]"#);
        assert_eq!(o.value, Some(Value::List(vec!["a; b".into(), "c".into()])));
    }

    #[test]
    fn label_types_from_poster_words() {
        let o = normalize(Field::LabelTypes, "Pixel level + Image level");
        assert_eq!(
            o.value,
            Some(Value::List(vec![
                "pixel-level".into(),
                "image-level".into()
            ]))
        );
        let o = normalize(Field::LabelTypes, "Weak (eg. scribbles)");
        assert_eq!(o.value, Some(Value::List(vec!["weak".into()])));
        assert!(!o.keep_original);
        let o = normalize(Field::LabelTypes, "No Label");
        assert_eq!(o.value, Some(Value::List(vec!["none".into()])));
        let o = normalize(Field::LabelTypes, "External Labels");
        assert!(o.value.is_none() && o.keep_original);
    }

    #[test]
    fn idc_cells_become_fields() {
        let o = normalize(Field::Anatomy, "Chest-Abdomen-Pelvis, Head-Neck");
        assert_eq!(
            o.value,
            Some(Value::List(vec![
                "chest".into(),
                "abdomen".into(),
                "pelvis".into(),
                "head-neck".into()
            ]))
        );
        let o = normalize(
            Field::Anatomy,
            "skin of body, bladder organ, uterine cervix",
        );
        assert_eq!(
            o.value,
            Some(Value::List(vec![
                "skin".into(),
                "bladder".into(),
                "cervix".into()
            ]))
        );
        let o = normalize(Field::Modalities, "CT, PT, SEG, RTSTRUCT, SR");
        assert_eq!(o.value, Some(Value::List(vec!["CT".into(), "PT".into()])));
        assert!(!o.keep_original);
        assert_eq!(o.implied[0].field, Field::LabelTypes);
        let o = normalize(Field::Modalities, "MR, SR");
        assert!(o.implied.is_empty(), "SR is no segmentation");
        let o = normalize(Field::Slug, "4d_lung");
        assert_eq!(
            (o.value, o.problem),
            (Some(Value::Text("4d-lung".into())), None)
        );
        assert_eq!(normalize(Field::Slug, "17").value, None);
        assert_eq!(normalize(Field::Species, "Human").remark, None);
        let o = normalize(Field::Species, "Mouse");
        assert_eq!(o.remark.as_deref(), Some("Mouse"));
        assert_eq!(o.implied[0].value, Value::List(vec!["mouse".into()]));
        let o = normalize(Field::Creators, "Doe, Jane; Roe, R.");
        assert_eq!(
            o.value,
            Some(Value::Maps(vec![
                serde_json::json!({"name": "Doe, Jane"})
                    .as_object()
                    .unwrap()
                    .clone(),
                serde_json::json!({"name": "Roe, R."})
                    .as_object()
                    .unwrap()
                    .clone(),
            ]))
        );
        let bad = normalize(
            Field::Creators,
            r#"[{"name": "Doe, J.", "orcid": "0000-0002-1825-0096"}]"#,
        );
        assert!(
            bad.value.is_none() && bad.keep_original,
            "a wrong ORCID keeps the cell"
        );
        let o = normalize(Field::Publisher, "The Cancer Imaging Archive");
        assert_eq!(
            o.value,
            Some(Value::Maps(vec![
                serde_json::json!({"name": "The Cancer Imaging Archive"})
                    .as_object()
                    .unwrap()
                    .clone()
            ]))
        );
    }

    #[test]
    fn hostile_cells_never_panic() {
        let pieces = [
            "ä",
            "(",
            ")",
            "(2016).",
            " (",
            "[Data set].",
            ", ",
            "& ",
            "…",
            "doi.org/",
            "10.1/x",
            "-",
            "_",
            ";",
            "[",
            "{",
            "\"",
            "0000-",
            "https://orcid.org/",
            "ror.org/0",
            "😀",
            " ",
            "SEG",
            "X.",
            "\u{202E}",
        ];
        let fields = [
            Field::Creators,
            Field::Publisher,
            Field::Modalities,
            Field::Anatomy,
            Field::Species,
            Field::Slug,
            Field::License,
        ];
        for n in 0..3000usize {
            let cell: String = (0..(n % 17))
                .map(|k| pieces[(n * 7 + k * k * 13 + k) % pieces.len()])
                .collect();
            for f in fields {
                let _ = normalize(f, &cell);
            }
            let _ = super::super::citation::parse_apa(&cell);
            let _ = super::super::citation::doi_in(&cell);
            let _ = vocab::orcid_iri(&cell);
            let _ = vocab::ror_iri(&cell);
        }
    }

    #[test]
    fn javascript_urls_are_refused() {
        assert!(url("javascript:alert(1)").is_none());
        assert!(url("https://example.org/").is_some());
    }
}
