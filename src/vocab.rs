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

// ---- Vocabulary data and lookups (filled in by the vocab work; stubs keep the tree building) ----

/// DICOM CID 29 modalities known to faircat.
pub fn modalities() -> &'static [Modality] {
    &[]
}

/// Look up a modality by its DICOM code (case-insensitive).
pub fn modality(code: &str) -> Option<&'static Modality> {
    modalities()
        .iter()
        .find(|m| m.code.eq_ignore_ascii_case(code))
}

/// The built-in body regions.
pub fn anatomies() -> &'static [Anatomy] {
    &[]
}

/// Look up a body region by id, label or synonym (case-insensitive).
pub fn anatomy(name: &str) -> Option<&'static Anatomy> {
    anatomies().iter().find(|a| {
        a.id.eq_ignore_ascii_case(name)
            || a.label.eq_ignore_ascii_case(name)
            || a.synonyms.iter().any(|s| s.eq_ignore_ascii_case(name))
    })
}

/// The built-in platforms.
pub fn platforms() -> &'static [Platform] {
    &[]
}

/// Look up a platform by id or name (case-insensitive).
pub fn platform(name: &str) -> Option<&'static Platform> {
    platforms()
        .iter()
        .find(|p| p.id.eq_ignore_ascii_case(name) || p.name.eq_ignore_ascii_case(name))
}

/// Resolve an SPDX licence id (exact, case-sensitive as SPDX requires) to a licence with its
/// name, canonical URL and category. `LicenseRef-…` ids are resolved by the validator instead.
pub fn spdx_license(id: &str) -> Option<License> {
    let lic = spdx::license_id(id)?;
    Some(License {
        id: lic.name.to_string(),
        name: lic.full_name.to_string(),
        url: Some(format!("https://spdx.org/licenses/{}.html", lic.name)),
        category: if lic.is_copyleft() {
            LicenseCategory::ShareAlike
        } else {
            LicenseCategory::Permissive
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn slugify_makes_url_segments() {
        assert_eq!(slugify("CC-BY-4.0"), "cc-by-4-0");
        assert_eq!(slugify("  Grand Challenge!! "), "grand-challenge");
        assert_eq!(
            slugify("LicenseRef-TCIA-Restricted"),
            "licenseref-tcia-restricted"
        );
    }
}
