//! How a spreadsheet's headers are matched to the entry's columns (`crate::entry::fields`,
//! where each column lists its synonyms).
//!
//! A header is compared with every known name after dropping case, spaces and punctuation
//! ("Dataset Name" = "dataset_name" = "DATASET-NAME"), first as it is, then without its
//! parenthetical remarks ("axes (N)" → "axes"), then without a leading count prefix ("No. of
//! patients" = "# patients" = "Number of patients" → "patients"). `--map "Column=field"`
//! overrides the guess.

pub use crate::entry::fields::{Field, Kind};

/// Lowercase letters and digits only: "Data Owner (Email)" → "dataowneremail".
pub fn header_key(header: &str) -> String {
    crate::vocab::words::alnum(header)
}

use crate::vocab::words::without_parentheses;

/// Words before a header that only say it is a count: "No. of patients", "# subjects",
/// "Number of scans", "Total cases".
const COUNT_PREFIXES: &[&[&str]] = &[
    &["total", "number", "of"],
    &["total", "no", "of"],
    &["number", "of"],
    &["no", "of"],
    &["nr", "of"],
    &["num", "of"],
    &["number"],
    &["no"],
    &["nr"],
    &["num"],
    &["n"],
    &["total"],
    &["#"],
];

/// [`header_key`] without a leading count prefix ("No. of patients" → "patients"), if the
/// header has one and more than it.
fn without_count_prefix(header: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in header.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c == '#' {
            words.push("#".into());
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let prefix = COUNT_PREFIXES
        .iter()
        .find(|p| words.len() > p.len() && words.iter().zip(p.iter()).all(|(w, p)| w == p))?;
    Some(words[prefix.len()..].concat()).filter(|k| !k.is_empty() && k != "#")
}

/// The field a header names, if it is a known name or synonym.
pub fn match_header(header: &str) -> Option<Field> {
    if header.trim() == "#" {
        return Some(Field::Ignore);
    }
    let bare = without_parentheses(header);
    Field::from_header_key(&header_key(header))
        .or_else(|| Field::from_header_key(&header_key(&bare)))
        .or_else(|| without_count_prefix(&bare).and_then(|k| Field::from_header_key(&k)))
}

/// Up to three field ids closest to a header that matched nothing, closest first: its
/// words compared with every id and synonym.
pub fn closest(header: &str) -> Vec<&'static str> {
    let bare = without_parentheses(header);
    let key = without_count_prefix(&bare).unwrap_or_else(|| header_key(&bare));
    if key.len() < 3 {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &'static str)> = Field::all()
        .filter(|f| *f != Field::Ignore)
        .map(|f| {
            let column = f.column();
            let best = std::iter::once(column.id.replace('_', ""))
                .chain(column.synonyms.iter().map(|s| s.to_string()))
                .map(|name| strsim::jaro_winkler(&key, &name))
                .fold(0.0, f64::max);
            (best, column.id)
        })
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, id)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poster_headers_map_without_options() {
        let cases = [
            ("row", Field::Ignore),
            ("Dataset Name (might be ambiguous)", Field::Name),
            ("axes (N)", Field::Scans),
            ("Anatomical Region", Field::Anatomy),
            ("Main dataset topic", Field::Topic),
            ("Targets at pixel level", Field::TargetsPixel),
            ("Targets at instance level", Field::TargetsInstance),
            ("Targets at image level", Field::TargetsImage),
            (
                "Any targets not correctly annotated? (e.g. only a subset lesions)",
                Field::Incomplete,
            ),
            ("Label types (entity check)", Field::LabelTypes),
            ("Pathologies annotated?", Field::PathologyAnnotated),
            (
                "Non-Pathological ROI annotated?",
                Field::NormalAnatomyAnnotated,
            ),
            ("Provision Status", Field::Provision),
            ("License", Field::License),
            ("Usable for Scientific publication", Field::Publishable),
            ("Data Owner (Email)", Field::ContactEmail),
            ("Platform", Field::Platform),
            ("Access", Field::Access),
        ];
        for (header, field) in cases {
            assert_eq!(match_header(header), Some(field), "{header}");
        }
        assert_eq!(match_header("Weighted Publishable"), None);
    }

    #[test]
    fn facts_headers_map_without_options() {
        let cases = [
            ("slug", Field::Slug),
            ("modality", Field::Modalities),
            ("anatomical_region", Field::Anatomy),
            ("segmentation_targets", Field::TargetsPixel),
            ("label_type", Field::LabelTypes),
            ("n_subjects", Field::Subjects),
            ("n_scans", Field::Scans),
            ("license_url", Field::LicenseUrl),
            ("homepage_url", Field::Homepage),
            ("source_of_facts", Field::Sources),
            ("citation", Field::Citation),
            ("year", Field::Year),
        ];
        for (header, field) in cases {
            assert_eq!(match_header(header), Some(field), "{header}");
        }
    }

    #[test]
    fn export_column_names_map_to_themselves() {
        for f in Field::all() {
            assert_eq!(match_header(f.id()), Some(f), "{}", f.id());
            assert_eq!(Field::from_id(f.id()), Some(f));
        }
        assert_eq!(Field::from_id("targets.pixel"), Some(Field::TargetsPixel));
    }

    #[test]
    fn names_the_closest_fields() {
        assert_eq!(closest("Licnese")[0], "license");
        assert_eq!(closest("No. of Paitents")[0], "subjects");
        assert!(closest("zz").is_empty());
        assert!(closest("Internal ID").len() <= 3);
    }

    #[test]
    fn count_prefixes_and_case_do_not_matter() {
        let cases = [
            ("No. of patients", Field::Subjects),
            ("# subjects", Field::Subjects),
            ("Number of Participants", Field::Subjects),
            ("Total cases", Field::Subjects),
            ("NO. OF SCANS", Field::Scans),
            ("n_sources", Field::Ignore),
            ("Sources", Field::Sources),
            ("#", Field::Ignore),
        ];
        for (header, field) in cases {
            assert_eq!(match_header(header), Some(field), "{header}");
        }
        assert_eq!(match_header("No."), None);
        assert_eq!(match_header("Number"), None);
    }
}
