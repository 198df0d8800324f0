//! Cells that hold lists: free strings, controlled values (each item resolved through
//! `vocab::words`), modalities with their DICOM objects, licences, species and JSON maps.

use super::*;

/// A JSON array of strings (what `faircat export` writes when an item holds a separator).
pub(super) fn json_strings(cell: &str) -> Option<Vec<String>> {
    if !(cell.starts_with('[') && cell.ends_with(']')) {
        return None;
    }
    serde_json::from_str::<Vec<String>>(cell).ok()
}

pub(super) fn string_list(field: Field, cell: &str, commas: bool) -> Outcome {
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

pub(super) fn has_top_level(cell: &str, sep: char) -> bool {
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

/// The text inside the first parentheses: "adrenal (abdomen)" → "abdomen".
pub(super) fn inside_parentheses(s: &str) -> Option<&str> {
    let open = s.find('(')?;
    let close = s[open..].find(')')? + open;
    Some(s[open + 1..close].trim())
}

/// Items of a controlled list: each is resolved as it is, then without its parenthetical
/// remark, then by what the parentheses say. Anything not resolved keeps the cell in remarks.
pub(super) fn resolve_list(
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

pub(super) fn field_noun(field: Field) -> &'static str {
    match field {
        Field::Modalities => "modality",
        Field::Anatomy => "body region",
        Field::LabelTypes => "label type",
        Field::Platform => "platform",
        _ => "value",
    }
}

pub(super) fn dedup(values: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

pub(super) fn license(field: Field, cell: &str) -> Outcome {
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

pub(super) fn json_maps(field: Field, cell: &str) -> Outcome {
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
pub(super) const SEGMENTATION_OBJECTS: &[&str] = &["SEG", "RTSTRUCT"];

/// A modalities cell: image modalities are resolved as usual; DICOM objects that are not images
/// ([`NON_IMAGE_OBJECTS`]) are left out, and segmentations (SEG, RTSTRUCT) imply
/// `label_types: [pixel-level]` unless the row gives its label types.
pub(super) fn modality_cell(field: Field, cell: &str) -> Outcome {
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

/// Pathologies: free strings, except "Phantom", which is not a disease (cancer-imaging indexes
/// list it among cancer types): it says the images are of phantoms, `phantom: true`.
pub(super) fn pathologies(field: Field, cell: &str) -> Outcome {
    let mut o = string_list(field, cell, true);
    if let Some(Value::List(items)) = &mut o.value {
        let before = items.len();
        items.retain(|i| !is_phantom(i));
        if items.len() < before {
            o.implied
                .push(implied_phantom("the pathologies list 'Phantom'"));
        }
        if items.is_empty() {
            o.value = None;
        }
    }
    o
}

fn is_phantom(s: &str) -> bool {
    matches!(alnum(s).as_str(), "phantom" | "phantoms")
}

fn implied_phantom(why: &str) -> Implied {
    Implied {
        field: Field::Phantom,
        value: Value::Bool(true),
        merge: false,
        note: format!("phantom: true, as {why}"),
    }
}

/// Species: "Human" ("Homo sapiens") says nothing an entry of medical images would not;
/// "Phantom" says `phantom: true`; any other species becomes a keyword and a remark.
pub(super) fn species(field: Field, cell: &str) -> Outcome {
    let items = split_top(cell, &[';', ',']);
    let others: Vec<String> = items
        .iter()
        .filter(|s| !matches!(alnum(s).as_str(), "human" | "humans" | "homosapiens"))
        .filter(|s| !is_phantom(s))
        .cloned()
        .collect();
    let mut o = if others.is_empty() {
        Outcome::nothing(field)
    } else {
        let mut o = Outcome::remark(field, &others.join(", "));
        o.implied.push(Implied {
            field: Field::Keywords,
            value: Value::List(others.iter().map(|s| s.to_lowercase()).collect()),
            merge: true,
            note: format!("{} added (species)", others.join(", ").to_lowercase()),
        });
        o
    };
    if items.iter().any(|s| is_phantom(s)) {
        o.implied
            .push(implied_phantom("the species list 'Phantom'"));
    }
    o
}
