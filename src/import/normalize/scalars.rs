//! Cells that hold one value: URLs, DOIs, counts ("1,810 patients"), years, dates and yes/no.

use super::*;

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
pub(super) fn doi_cell(field: Field, cell: &str) -> Outcome {
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
pub(super) const PLAIN_UNITS: &[&str] = &[
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
pub(super) fn count(field: Field, cell: &str) -> Outcome {
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

pub(super) fn year(field: Field, cell: &str) -> Outcome {
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
