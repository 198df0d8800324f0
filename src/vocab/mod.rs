//! Controlled vocabularies: imaging modalities (DICOM CID 29), body regions (DICOM CID 4031 /
//! SNOMED CT, UBERON), label types, access routes, platforms and licences (SPDX).
//!
//! Every value an entry may use from a controlled list is looked up here; the validator offers
//! "did you mean …?" from the same lists.

use serde::Serialize;

/// An acquisition modality, by its DICOM code (CID 29 "Acquisition Modality").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Modality {
    /// DICOM code, e.g. `CT`, `MR`, `PT`.
    pub code: &'static str,
    /// Human-readable name, e.g. "Computed Tomography".
    pub name: &'static str,
}

/// A body region (DICOM CID 4031 "Common Anatomic Regions"), with its SNOMED CT and UBERON codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Anatomy {
    /// The slug used in entries and URLs, e.g. `chest`, `head-neck`.
    pub id: &'static str,
    /// Display label, e.g. "Chest".
    pub label: &'static str,
    /// SNOMED CT concept id, e.g. "51185008".
    pub snomed: &'static str,
    /// UBERON id, e.g. "UBERON:0001443".
    pub uberon: &'static str,
    /// Other words contributors use for it ("thorax", "lung"); accepted as input and searched.
    pub synonyms: &'static [&'static str],
}

/// What kind of annotation a dataset carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LabelType {
    PixelLevel,
    BoundingBox,
    Point,
    Weak,
    ImageLevel,
    None,
}

/// How a dataset can be obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    /// Downloadable by anyone without an account.
    Public,
    /// Free, but needs an account or a click-through agreement.
    Registration,
    /// Needs an application that a data owner approves (data use agreement, committee).
    Application,
    /// Not available outside its owners.
    Private,
}

/// What a licence allows, which is what its badge colour says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LicenseCategory {
    PublicDomain,
    Permissive,
    ShareAlike,
    NonCommercial,
    Restricted,
}

/// A resolved licence: an SPDX licence, or a `LicenseRef-…` with its name and URL from the entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct License {
    /// SPDX id (`CC-BY-4.0`) or `LicenseRef-…`.
    pub id: String,
    /// Full name, e.g. "Creative Commons Attribution 4.0 International".
    pub name: String,
    /// Canonical URL of the licence text.
    pub url: Option<String>,
    pub category: LicenseCategory,
}

/// A hosting platform or portal (TCIA, Grand Challenge, Zenodo, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Platform {
    /// Slug used in entries' facet URLs, e.g. `tcia`.
    pub id: &'static str,
    /// Display name, e.g. "The Cancer Imaging Archive (TCIA)".
    pub name: &'static str,
    pub url: &'static str,
}

impl LabelType {
    pub const ALL: [LabelType; 6] = [
        LabelType::PixelLevel,
        LabelType::BoundingBox,
        LabelType::Point,
        LabelType::Weak,
        LabelType::ImageLevel,
        LabelType::None,
    ];
    /// The value written in entries and URLs: `pixel-level`, `bounding-box`, ….
    pub fn slug(self) -> &'static str {
        match self {
            LabelType::PixelLevel => "pixel-level",
            LabelType::BoundingBox => "bounding-box",
            LabelType::Point => "point",
            LabelType::Weak => "weak",
            LabelType::ImageLevel => "image-level",
            LabelType::None => "none",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            LabelType::PixelLevel => "Pixel-level (segmentation)",
            LabelType::BoundingBox => "Bounding box",
            LabelType::Point => "Point",
            LabelType::Weak => "Weak / scribble",
            LabelType::ImageLevel => "Image-level",
            LabelType::None => "No labels",
        }
    }
    /// What the value means, in one sentence: `faircat vocab label-types`, the value's facet
    /// page and docs/entry-schema.md show it, so that contributors and readers apply it alike.
    pub fn definition(self) -> &'static str {
        match self {
            LabelType::PixelLevel => {
                "Structures are outlined pixel by pixel or voxel by voxel: segmentation masks, \
                 contours (DICOM RTSTRUCT) or DICOM SEG objects."
            }
            LabelType::BoundingBox => "Findings are marked by boxes drawn around them.",
            LabelType::Point => {
                "Findings are marked by single points: locations, centres, landmarks or \
                 biopsy targets."
            }
            LabelType::Weak => {
                "Partial or rough marks on the images, such as scribbles, that do not outline \
                 a structure fully."
            }
            LabelType::ImageLevel => {
                "A class or finding given for a whole image, series, study or patient without \
                 a location: a diagnosis, a finding present or absent, a grade, a response to \
                 treatment or an outcome."
            }
            LabelType::None => {
                "No labels of any kind: images only, with demographics or acquisition details \
                 at most."
            }
        }
    }
}

impl Access {
    pub const ALL: [Access; 4] = [
        Access::Public,
        Access::Registration,
        Access::Application,
        Access::Private,
    ];
    pub fn slug(self) -> &'static str {
        match self {
            Access::Public => "public",
            Access::Registration => "registration",
            Access::Application => "application",
            Access::Private => "private",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Access::Public => "Public download",
            Access::Registration => "Free with registration",
            Access::Application => "On application",
            Access::Private => "Private",
        }
    }
    /// schema.org `isAccessibleForFree`: free of charge to everyone who follows the route.
    pub fn is_free(self) -> bool {
        !matches!(self, Access::Private)
    }
}

impl LicenseCategory {
    pub fn slug(self) -> &'static str {
        match self {
            LicenseCategory::PublicDomain => "public-domain",
            LicenseCategory::Permissive => "permissive",
            LicenseCategory::ShareAlike => "share-alike",
            LicenseCategory::NonCommercial => "non-commercial",
            LicenseCategory::Restricted => "restricted",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            LicenseCategory::PublicDomain => "Public domain",
            LicenseCategory::Permissive => "Permissive",
            LicenseCategory::ShareAlike => "Share-alike",
            LicenseCategory::NonCommercial => "Non-commercial",
            LicenseCategory::Restricted => "Restricted or custom",
        }
    }
}

impl License {
    /// URL segment and badge file name: `CC-BY-4.0` → `cc-by-4-0`.
    pub fn key(&self) -> String {
        slugify(&self.id)
    }
}

/// Lowercase ASCII letters and digits joined by single dashes: `CC-BY-4.0` → `cc-by-4-0`.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// An ORCID iD as its IRI `https://orcid.org/0000-0002-1825-0097`, from the IRI (http or
/// https, with or without `www.`) or the bare 16-character id; `None` unless it has four groups
/// of four digits (the last may be `X`) and the ISO 7064 MOD 11-2 check character is right.
pub fn orcid_iri(raw: &str) -> Option<String> {
    let s = raw.trim();
    let bare = [
        "https://orcid.org/",
        "http://orcid.org/",
        "https://www.orcid.org/",
        "orcid.org/",
    ]
    .iter()
    .find_map(|p| s.strip_prefix(p))
    .unwrap_or(s);
    let groups: Vec<&str> = bare.split('-').collect();
    let shape_ok = groups.len() == 4 && groups.iter().all(|g| g.len() == 4 && g.is_ascii());
    if !shape_ok {
        return None;
    }
    let chars: Vec<char> = groups.concat().chars().collect();
    let (digits, check) = chars.split_at(15);
    if !digits.iter().all(char::is_ascii_digit) {
        return None;
    }
    let mut total = 0u32;
    for d in digits {
        total = (total + d.to_digit(10)?) * 2;
    }
    let result = (12 - total % 11) % 11;
    let expected = if result == 10 {
        'X'
    } else {
        char::from_digit(result, 10)?
    };
    (check[0].to_ascii_uppercase() == expected)
        .then(|| format!("https://orcid.org/{}", bare.to_ascii_uppercase()))
}

/// A ROR id as its IRI `https://ror.org/05gs8cd61`, from the IRI or the bare id: `0`, six
/// characters of Crockford's base32 (digits and lowercase letters without i, l, o, u), two
/// digits. Only the form is checked.
pub fn ror_iri(raw: &str) -> Option<String> {
    let s = raw.trim();
    let bare = ["https://ror.org/", "http://ror.org/", "ror.org/"]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .unwrap_or(s)
        .trim_end_matches('/');
    let id = bare.to_ascii_lowercase();
    let b = id.as_bytes();
    let base32 = |c: &u8| c.is_ascii_digit() || (c.is_ascii_lowercase() && !b"ilou".contains(c));
    let ok = b.len() == 9
        && b[0] == b'0'
        && b[1..7].iter().all(base32)
        && b[7..].iter().all(u8::is_ascii_digit);
    ok.then(|| format!("https://ror.org/{id}"))
}

mod anatomy;
mod license;
mod listing;
mod modality;
mod platform;
pub mod words;

pub use anatomy::*;
pub use license::*;
pub use listing::*;
pub use modality::*;
pub use platform::*;

/// File formats an entry may list, in their usual spelling.
pub const FILE_FORMATS: &[&str] = &[
    "DICOM",
    "NIfTI",
    "NRRD",
    "MHA",
    "MHD",
    "MINC",
    "Analyze",
    "PNG",
    "JPEG",
    "JPEG 2000",
    "TIFF",
    "BMP",
    "HDF5",
    "NumPy",
    "MAT",
    "CSV",
    "JSON",
    "XML",
    "SVS",
    "Zarr",
    "STL",
    "VTK",
];

/// Look up a file format (case-insensitive) and return its usual spelling.
pub fn file_format(name: &str) -> Option<&'static str> {
    FILE_FORMATS
        .iter()
        .find(|f| f.eq_ignore_ascii_case(name))
        .copied()
}

impl LabelType {
    pub fn from_slug(s: &str) -> Option<LabelType> {
        LabelType::ALL.into_iter().find(|l| l.slug() == s)
    }
}

impl Access {
    pub fn from_slug(s: &str) -> Option<Access> {
        Access::ALL.into_iter().find(|a| a.slug() == s)
    }
}

/// File-format, label-type and access values, for `faircat vocab` and messages.
pub fn label_type_slugs() -> impl Iterator<Item = &'static str> {
    LabelType::ALL.into_iter().map(LabelType::slug)
}

pub fn access_slugs() -> impl Iterator<Item = &'static str> {
    Access::ALL.into_iter().map(Access::slug)
}

/// The label-types section of docs/entry-schema.md: each value with its meaning.
pub fn label_types_doc_section() -> String {
    let mut out = String::from("| value | meaning |\n|---|---|\n");
    for l in LabelType::ALL {
        out.push_str(&format!("| `{}` | {} |\n", l.slug(), l.definition()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_doc_defines_every_label_type_as_the_vocabulary_does() {
        crate::fixture::check_generated_doc_section(
            "docs/entry-schema.md",
            "label-types",
            &label_types_doc_section(),
            "LabelType::definition",
        );
    }
    #[test]
    fn slugify_makes_url_segments() {
        assert_eq!(slugify("CC-BY-4.0"), "cc-by-4-0");
        assert_eq!(slugify("  Grand Challenge!! "), "grand-challenge");
        assert_eq!(
            slugify("LicenseRef-TCIA-Restricted"),
            "licenseref-tcia-restricted"
        );
    }

    #[test]
    fn licence_categories() {
        let cat = |id: &str| spdx_license(id).unwrap().category;
        assert_eq!(cat("CC0-1.0"), LicenseCategory::PublicDomain);
        assert_eq!(cat("PDDL-1.0"), LicenseCategory::PublicDomain);
        assert_eq!(cat("Unlicense"), LicenseCategory::PublicDomain);
        assert_eq!(cat("CC-BY-4.0"), LicenseCategory::Permissive);
        assert_eq!(cat("CC-BY-3.0"), LicenseCategory::Permissive);
        assert_eq!(cat("ODC-By-1.0"), LicenseCategory::Permissive);
        assert_eq!(cat("MIT"), LicenseCategory::Permissive);
        assert_eq!(cat("Apache-2.0"), LicenseCategory::Permissive);
        assert_eq!(cat("BSD-3-Clause"), LicenseCategory::Permissive);
        assert_eq!(cat("CC-BY-SA-4.0"), LicenseCategory::ShareAlike);
        assert_eq!(cat("ODbL-1.0"), LicenseCategory::ShareAlike);
        assert_eq!(cat("GPL-3.0-only"), LicenseCategory::ShareAlike);
        assert_eq!(cat("CC-BY-NC-4.0"), LicenseCategory::NonCommercial);
        assert_eq!(cat("CC-BY-NC-SA-4.0"), LicenseCategory::NonCommercial);
        assert_eq!(cat("CC-BY-NC-ND-4.0"), LicenseCategory::NonCommercial);
        assert_eq!(
            license_category("LicenseRef-TCIA-Restricted", false),
            LicenseCategory::Restricted
        );
    }

    #[test]
    fn licence_urls_use_creative_commons_deeds() {
        assert_eq!(
            spdx_license("CC-BY-4.0").unwrap().url.unwrap(),
            "https://creativecommons.org/licenses/by/4.0/"
        );
        assert_eq!(
            license_url("CC-BY-NC-SA-4.0"),
            "https://creativecommons.org/licenses/by-nc-sa/4.0/"
        );
        assert_eq!(
            license_url("CC-BY-3.0-DE"),
            "https://creativecommons.org/licenses/by/3.0/de/"
        );
        assert_eq!(
            license_url("CC0-1.0"),
            "https://creativecommons.org/publicdomain/zero/1.0/"
        );
        assert_eq!(license_url("MIT"), "https://spdx.org/licenses/MIT.html");
        assert_eq!(
            spdx_license("CC-BY-4.0").unwrap().name,
            "Creative Commons Attribution 4.0 International"
        );
    }

    #[test]
    fn spdx_ids_are_exact() {
        assert!(spdx_license("cc-by-4.0").is_none());
        assert!(spdx_license("MIT+").is_none());
        assert!(spdx_license("CC BY 4.0").is_none());
    }

    #[test]
    fn lookups_accept_synonyms() {
        assert_eq!(anatomy("thorax").unwrap().id, "chest");
        assert_eq!(anatomy("Head and Neck").unwrap().id, "head-neck");
        assert_eq!(modality("ct").unwrap().code, "CT");
        assert_eq!(platform("TCIA").unwrap().id, "tcia");
        assert_eq!(platform("Grand Challenge").unwrap().id, "grand-challenge");
        assert_eq!(file_format("nifti"), Some("NIfTI"));
        for a in anatomies() {
            assert_eq!(slugify(a.id), a.id);
            assert!(a.snomed.chars().all(|c| c.is_ascii_digit()));
            assert!(a.uberon.is_empty() || a.uberon.starts_with("UBERON:"));
        }
        for p in platforms() {
            assert_eq!(slugify(p.id), p.id);
        }
    }

    #[test]
    fn orcid_and_ror_ids_are_checked() {
        let orcid = "https://orcid.org/0000-0002-1825-0097";
        assert_eq!(orcid_iri(orcid).as_deref(), Some(orcid));
        assert_eq!(orcid_iri("0000-0002-1825-0097").as_deref(), Some(orcid));
        assert_eq!(
            orcid_iri("0000-0002-1694-233x").as_deref(),
            Some("https://orcid.org/0000-0002-1694-233X")
        );
        for bad in [
            "0000-0002-1825-0096",
            "0000-0002-1825-009",
            "0000000218250097",
            "ää-0000-0000-0000",
            "0000-0000-0000-00ä",
            "https://example.org/0000-0002-1825-0097",
            "",
        ] {
            assert!(orcid_iri(bad).is_none(), "{bad}");
        }
        assert_eq!(
            ror_iri("https://ror.org/05gs8cd61").as_deref(),
            Some("https://ror.org/05gs8cd61")
        );
        assert_eq!(
            ror_iri("05GS8CD61").as_deref(),
            Some("https://ror.org/05gs8cd61")
        );
        for bad in [
            "15gs8cd61",
            "05gs8cd6",
            "05gs8cdi1",
            "05gs8cd6a",
            "https://ror.org/",
        ] {
            assert!(ror_iri(bad).is_none(), "{bad}");
        }
    }
}
