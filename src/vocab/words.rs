//! The words people use for controlled values, mapped to the values: "MRI" → `MR`, "PET-CT" →
//! `[PT, CT]`, "lungs" and "pulmonary" → `lung`, "Segmentation" → `pixel-level`, "The Cancer
//! Imaging Archive" → TCIA, "Free with registration" → `registration`, "CC BY 4.0" →
//! `CC-BY-4.0`. One table for both users: `faircat import` reads cells with them, and the
//! validator's "did you mean …?" for a value outside a controlled list asks them first.

use super::{Access, LabelType};

/// Lowercase letters and digits only.
pub(crate) fn alnum(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The text without parenthetical remarks: "segmentation (masks)" → "segmentation ".
pub(crate) fn without_parentheses(s: &str) -> String {
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

/// DICOM modality codes for a word: "MR", "MRI", "PET-CT" → [PT, CT].
pub fn modalities(token: &str) -> Option<Vec<String>> {
    let key = alnum(token);
    let codes: &[&str] = match key.as_str() {
        "petct" | "ctpet" => &["PT", "CT"],
        "petmr" | "petmri" | "mrpet" => &["PT", "MR"],
        "spectct" => &["NM", "CT"],
        "mri" | "magneticresonance" | "magneticresonanceimaging" | "mrimaging" => &["MR"],
        "pet" | "positronemissiontomography" => &["PT"],
        "spect" => &["NM"],
        "ultrasound" | "sonography" | "ultrasonography" => &["US"],
        "mammography" | "mammogram" => &["MG"],
        "computedtomography" | "ctscan" | "cect" | "ncct" | "cta" => &["CT"],
        "angiography" => &["XA"],
        "xray" | "xrays" | "radiography" => &["DX"],
        "mammo" => &["MG"],
        "echo" | "echocardiography" => &["US"],
        "histology" | "histopathology" | "wholeslideimaging" => &["SM"],
        "fundus" | "fundusphotography" => &["OP"],
        _ => {
            return super::modality(token.trim()).map(|m| vec![m.code.to_string()]);
        }
    };
    let found: Option<Vec<String>> = codes
        .iter()
        .map(|c| super::modality(c).map(|m| m.code.to_string()))
        .collect();
    found
}

/// An anatomy id for a word: the vocabulary's ids, labels and synonyms (which hold most
/// adjectives, "abdominal"), the adjectives they lack ("cerebral"), or a plural ("lungs").
pub fn anatomy(token: &str) -> Option<&'static str> {
    let t = token.trim();
    if t.is_empty() {
        return None;
    }
    let lower = t.to_lowercase();
    let noun = match lower.as_str() {
        "cerebral" => "brain",
        "spinal" => "spine",
        other => other,
    };
    let candidates = [
        noun.to_string(),
        super::slugify(noun),
        noun.replace(" and ", "-").replace(' ', "-"),
        noun.replace(" and ", " ").replace(' ', "-"),
        noun.strip_suffix('s').unwrap_or(noun).to_string(),
    ];
    candidates
        .iter()
        .find_map(|c| super::anatomy(c))
        .map(|a| a.id)
}

pub fn label_type(token: &str) -> Option<LabelType> {
    let key = alnum(&without_parentheses(token));
    let full = alnum(token);
    for k in [full, key] {
        let found = match k.as_str() {
            "pixellevel" | "pixel" | "voxellevel" | "segmentation" | "segmentations" | "mask"
            | "masks" | "pixelwise" => Some(LabelType::PixelLevel),
            "boundingbox" | "boundingboxes" | "bbox" | "box" | "boxes" => {
                Some(LabelType::BoundingBox)
            }
            "point" | "points" | "landmarks" | "landmark" => Some(LabelType::Point),
            "weak" | "weakegscribbles" | "scribble" | "scribbles" | "weakscribble" => {
                Some(LabelType::Weak)
            }
            "imagelevel" | "image" | "classification" | "imagelabels" => {
                Some(LabelType::ImageLevel)
            }
            "none" | "nolabel" | "nolabels" | "unlabelled" | "unlabeled" => Some(LabelType::None),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

/// A platform's display name from the vocabulary, from its id, name or a common synonym.
pub fn platform(token: &str) -> Option<&'static str> {
    let key = alnum(token);
    if key.is_empty() {
        return None;
    }
    let synonym = match key.as_str() {
        "openwebsite" | "ownwebsite" | "website" | "projectwebsite" | "homepage" => {
            Some("Own website")
        }
        "thecancerimagingarchive" | "cancerimagingarchive" => Some("TCIA"),
        "imagingdatacommons" | "ncidc" | "nciimagingdatacommons" => Some("IDC"),
        "hf" | "huggingfacehub" => Some("Hugging Face"),
        _ => None,
    };
    if let Some(p) = synonym.and_then(super::platform) {
        return Some(p.name);
    }
    super::platform(token.trim())
        .or_else(|| {
            super::platforms()
                .iter()
                .find(|p| alnum(p.id) == key || alnum(p.name) == key)
        })
        .map(|p| p.name)
}

pub fn access(cell: &str) -> Option<Access> {
    let key = alnum(cell);
    let has = |words: &[&str]| words.iter().any(|w| key.contains(w));
    if has(&["private", "notavailable", "closed", "internal"]) {
        Some(Access::Private)
    } else if has(&["registration", "register", "login", "account", "signup"]) {
        Some(Access::Registration)
    } else if has(&[
        "request",
        "application",
        "apply",
        "dua",
        "agreement",
        "restricted",
        "controlled",
        "approval",
    ]) {
        Some(Access::Application)
    } else if has(&["public", "open", "download", "free"]) {
        Some(Access::Public)
    } else {
        None
    }
}

/// An SPDX id for a licence as people write it: "CC BY 4.0" → `CC-BY-4.0`, "CC0" → `CC0-1.0`.
/// A name without a version ("CC BY-NC-SA") is not guessed.
pub fn spdx_id(cell: &str) -> Option<&'static str> {
    let s = cell.trim();
    if let Some(lic) = spdx::license_id(s) {
        return Some(lic.name);
    }
    let key = alnum(s);
    let key = match key.as_str() {
        "cc0" | "cczero" | "cc010" => "cc010",
        "publicdomaincc0" => "cc010",
        other => other,
    };
    let mut found = None;
    for lic in spdx::identifiers::LICENSES {
        if alnum(lic.name) == key {
            let deprecated = spdx::license_id(lic.name).is_some_and(|l| l.is_deprecated());
            if !deprecated {
                return Some(lic.name);
            }
            found.get_or_insert(lic.name);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjectives_and_plurals_name_their_region() {
        for (word, noun) in [
            ("abdominal", "abdomen"),
            ("thoracic", "thorax"),
            ("pelvic", "pelvis"),
            ("cerebral", "brain"),
            ("pulmonary", "lung"),
            ("hepatic", "liver"),
            ("renal", "kidney"),
            ("cardiac", "heart"),
            ("mammary", "breast"),
            ("spinal", "spine"),
            ("Lungs", "lung"),
        ] {
            assert!(anatomy(noun).is_some(), "{noun}");
            assert_eq!(anatomy(word), anatomy(noun), "{word}");
        }
    }

    #[test]
    fn modality_words_give_dicom_codes() {
        assert_eq!(modalities("MRI"), Some(vec!["MR".to_string()]));
        assert_eq!(modalities("PET/CT"), Some(vec!["PT".into(), "CT".into()]));
        assert_eq!(modalities("X-ray"), Some(vec!["DX".to_string()]));
        assert_eq!(modalities("ct"), Some(vec!["CT".to_string()]));
        assert_eq!(modalities("Photoacoustic"), None);
    }
}
