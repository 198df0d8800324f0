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

// ---- Vocabulary data and lookups ----

/// Acquisition modalities: the codes of DICOM PS3.16 CID 29 "Acquisition Modality" (code and
/// code meaning as published there), plus `OT` ("Other"), a Defined Term of Modality (0008,0060)
/// in PS3.3 for images no other code fits.
const MODALITIES: &[Modality] = &[
    Modality {
        code: "CT",
        name: "Computed Tomography",
    },
    Modality {
        code: "MR",
        name: "Magnetic Resonance",
    },
    Modality {
        code: "PT",
        name: "Positron emission tomography",
    },
    Modality {
        code: "NM",
        name: "Nuclear Medicine",
    },
    Modality {
        code: "CR",
        name: "Computed Radiography",
    },
    Modality {
        code: "DX",
        name: "Digital Radiography",
    },
    Modality {
        code: "MG",
        name: "Mammography",
    },
    Modality {
        code: "US",
        name: "Ultrasound",
    },
    Modality {
        code: "XA",
        name: "X-Ray Angiography",
    },
    Modality {
        code: "RF",
        name: "Radiofluoroscopy",
    },
    Modality {
        code: "RG",
        name: "Radiographic imaging",
    },
    Modality {
        code: "IO",
        name: "Intra-oral Radiography",
    },
    Modality {
        code: "PX",
        name: "Panoramic X-Ray",
    },
    Modality {
        code: "BMD",
        name: "Bone Mineral Densitometry",
    },
    Modality {
        code: "SM",
        name: "Slide Microscopy",
    },
    Modality {
        code: "GM",
        name: "General Microscopy",
    },
    Modality {
        code: "ES",
        name: "Endoscopy",
    },
    Modality {
        code: "XC",
        name: "External-camera Photography",
    },
    Modality {
        code: "DMS",
        name: "Dermoscopy",
    },
    Modality {
        code: "OP",
        name: "Ophthalmic Photography",
    },
    Modality {
        code: "OPT",
        name: "Ophthalmic Tomography",
    },
    Modality {
        code: "OCT",
        name: "Optical Coherence Tomography",
    },
    Modality {
        code: "IVOCT",
        name: "Intravascular Optical Coherence Tomography",
    },
    Modality {
        code: "IVUS",
        name: "Intravascular Ultrasound",
    },
    Modality {
        code: "PA",
        name: "Photoacoustic",
    },
    Modality {
        code: "TG",
        name: "Thermography",
    },
    Modality {
        code: "DG",
        name: "Diaphanography",
    },
    Modality {
        code: "OT",
        name: "Other",
    },
];

/// DICOM CID 29 modalities known to faircat.
pub fn modalities() -> &'static [Modality] {
    MODALITIES
}

/// Look up a modality by its DICOM code (case-insensitive).
pub fn modality(code: &str) -> Option<&'static Modality> {
    modalities()
        .iter()
        .find(|m| m.code.eq_ignore_ascii_case(code))
}

/// Words contributors write for a modality that are not its DICOM code, with the code to use.
pub const MODALITY_ALIASES: &[(&str, &str)] = &[
    ("MRI", "MR"),
    ("PET", "PT"),
    ("SPECT", "NM"),
    ("CTA", "CT"),
    ("X-ray", "DX"),
    ("Xray", "DX"),
    ("Mammo", "MG"),
    ("Ultrasound", "US"),
    ("Echo", "US"),
    ("Histology", "SM"),
    ("Fundus", "OP"),
];

/// Body regions. SNOMED CT ids are those DICOM PS3.16 uses: CID 4031 "Common Anatomic Region"
/// for whole body, head, head and neck, neck, chest, mediastinum, heart, breast, abdomen,
/// pancreas, colon, pelvis, prostate, spine and knee; CID 4 "Anatomic Region" for lung ("Lung")
/// and kidney (the concept CID 4 uses for "Endo-renal"); CID 644 for brain and liver; the DICOM
/// segmentation property codes for spleen and adrenal gland. UBERON ids were checked against
/// the ontology's labels (chest: no reliable source was found, so it is left empty rather than
/// guessed). The regions from ovary on (added for the body parts of cancer imaging collections)
/// have UBERON ids cross-checked against several ontology-derived sources and no SNOMED CT id
/// yet. An empty string means "not verified", never "no such code".
const ANATOMY: &[Anatomy] = &[
    Anatomy {
        id: "whole-body",
        label: "Whole body",
        snomed: "38266002",
        uberon: "UBERON:0000468",
        synonyms: &["whole body", "entire body", "total body", "full body"],
    },
    Anatomy {
        id: "head",
        label: "Head",
        snomed: "69536005",
        uberon: "UBERON:0000033",
        synonyms: &[],
    },
    Anatomy {
        id: "brain",
        label: "Brain",
        snomed: "12738006",
        uberon: "UBERON:0000955",
        synonyms: &["head (brain)", "neuro"],
    },
    Anatomy {
        id: "head-neck",
        label: "Head and neck",
        snomed: "774007",
        uberon: "UBERON:0007811",
        synonyms: &["head and neck", "head & neck", "head-and-neck", "h&n", "hn"],
    },
    Anatomy {
        id: "neck",
        label: "Neck",
        snomed: "45048000",
        uberon: "UBERON:0000974",
        synonyms: &[],
    },
    Anatomy {
        id: "chest",
        label: "Chest",
        snomed: "816094009",
        uberon: "",
        synonyms: &["thorax", "thoracic"],
    },
    Anatomy {
        id: "lung",
        label: "Lung",
        snomed: "39607008",
        uberon: "UBERON:0002048",
        synonyms: &["lungs", "pulmonary"],
    },
    Anatomy {
        id: "mediastinum",
        label: "Mediastinum",
        snomed: "72410000",
        uberon: "UBERON:0003728",
        synonyms: &[],
    },
    Anatomy {
        id: "heart",
        label: "Heart",
        snomed: "80891009",
        uberon: "UBERON:0000948",
        synonyms: &["cardiac"],
    },
    Anatomy {
        id: "breast",
        label: "Breast",
        snomed: "76752008",
        uberon: "UBERON:0000310",
        synonyms: &["breasts", "mammary"],
    },
    Anatomy {
        id: "abdomen",
        label: "Abdomen",
        snomed: "818981001",
        uberon: "UBERON:0000916",
        synonyms: &["abdominal"],
    },
    Anatomy {
        id: "liver",
        label: "Liver",
        snomed: "10200004",
        uberon: "UBERON:0002107",
        synonyms: &["hepatic"],
    },
    Anatomy {
        id: "kidney",
        label: "Kidney",
        snomed: "64033007",
        uberon: "UBERON:0002113",
        synonyms: &["kidneys", "renal"],
    },
    Anatomy {
        id: "pancreas",
        label: "Pancreas",
        snomed: "15776009",
        uberon: "UBERON:0001264",
        synonyms: &["pancreatic"],
    },
    Anatomy {
        id: "spleen",
        label: "Spleen",
        snomed: "78961009",
        uberon: "UBERON:0002106",
        synonyms: &["splenic"],
    },
    Anatomy {
        id: "adrenal-gland",
        label: "Adrenal gland",
        snomed: "23451007",
        uberon: "UBERON:0002369",
        synonyms: &["adrenal", "adrenal glands", "adrenals"],
    },
    Anatomy {
        id: "colon",
        label: "Colon",
        snomed: "71854001",
        uberon: "UBERON:0001155",
        synonyms: &["colorectal"],
    },
    Anatomy {
        id: "pelvis",
        label: "Pelvis",
        snomed: "816092008",
        uberon: "UBERON:0002355",
        synonyms: &["pelvic"],
    },
    Anatomy {
        id: "prostate",
        label: "Prostate",
        snomed: "41216001",
        uberon: "UBERON:0002367",
        synonyms: &["prostate gland"],
    },
    Anatomy {
        id: "spine",
        label: "Spine",
        snomed: "421060004",
        uberon: "UBERON:0001130",
        synonyms: &[
            "vertebral column",
            "spinal column",
            "cervical spine",
            "thoracic spine",
            "lumbar spine",
            "tspine",
            "lspine",
            "cspine",
        ],
    },
    Anatomy {
        id: "knee",
        label: "Knee",
        snomed: "72696002",
        uberon: "UBERON:0001465",
        synonyms: &["knees"],
    },
    Anatomy {
        id: "ovary",
        label: "Ovary",
        snomed: "",
        uberon: "UBERON:0000992",
        synonyms: &["ovaries", "ovarian"],
    },
    Anatomy {
        id: "uterus",
        label: "Uterus",
        snomed: "",
        uberon: "UBERON:0000995",
        synonyms: &["body of uterus", "uterine corpus", "uterine"],
    },
    Anatomy {
        id: "cervix",
        label: "Uterine cervix",
        snomed: "",
        uberon: "UBERON:0000002",
        synonyms: &["cervix uteri"],
    },
    Anatomy {
        id: "vagina",
        label: "Vagina",
        snomed: "",
        uberon: "UBERON:0000996",
        synonyms: &["vaginal"],
    },
    Anatomy {
        id: "bladder",
        label: "Urinary bladder",
        snomed: "",
        uberon: "UBERON:0001255",
        synonyms: &["bladder organ"],
    },
    Anatomy {
        id: "testis",
        label: "Testis",
        snomed: "",
        uberon: "UBERON:0000473",
        synonyms: &["testes", "testicle", "testicular"],
    },
    Anatomy {
        id: "esophagus",
        label: "Esophagus",
        snomed: "",
        uberon: "UBERON:0001043",
        synonyms: &["oesophagus", "esophageal", "oesophageal"],
    },
    Anatomy {
        id: "stomach",
        label: "Stomach",
        snomed: "",
        uberon: "UBERON:0000945",
        synonyms: &["gastric"],
    },
    Anatomy {
        id: "small-intestine",
        label: "Small intestine",
        snomed: "",
        uberon: "UBERON:0002108",
        synonyms: &["small bowel"],
    },
    Anatomy {
        id: "rectum",
        label: "Rectum",
        snomed: "",
        uberon: "UBERON:0001052",
        synonyms: &["rectal"],
    },
    Anatomy {
        id: "gallbladder",
        label: "Gallbladder",
        snomed: "",
        uberon: "UBERON:0002110",
        synonyms: &["gall bladder"],
    },
    Anatomy {
        id: "thyroid",
        label: "Thyroid gland",
        snomed: "",
        uberon: "UBERON:0002046",
        synonyms: &[],
    },
    Anatomy {
        id: "larynx",
        label: "Larynx",
        snomed: "",
        uberon: "UBERON:0001737",
        synonyms: &["laryngeal"],
    },
    Anatomy {
        id: "oral-cavity",
        label: "Oral cavity",
        snomed: "",
        uberon: "",
        synonyms: &["mouth"],
    },
    Anatomy {
        id: "thymus",
        label: "Thymus",
        snomed: "",
        uberon: "UBERON:0002370",
        synonyms: &[],
    },
    Anatomy {
        id: "lymph-node",
        label: "Lymph node",
        snomed: "",
        uberon: "UBERON:0000029",
        synonyms: &["lymph nodes"],
    },
    Anatomy {
        id: "skin",
        label: "Skin",
        snomed: "",
        uberon: "UBERON:0002097",
        synonyms: &["skin of body", "cutaneous"],
    },
    Anatomy {
        id: "bone",
        label: "Bone",
        snomed: "",
        uberon: "UBERON:0001474",
        synonyms: &["bone element", "bones"],
    },
    Anatomy {
        id: "bone-marrow",
        label: "Bone marrow",
        snomed: "",
        uberon: "UBERON:0002371",
        synonyms: &["marrow"],
    },
    Anatomy {
        id: "soft-tissue",
        label: "Soft tissue",
        snomed: "",
        uberon: "",
        synonyms: &["soft tissues"],
    },
    Anatomy {
        id: "eye",
        label: "Eye",
        snomed: "",
        uberon: "UBERON:0000970",
        synonyms: &["eyes", "ocular"],
    },
    Anatomy {
        id: "arm",
        label: "Arm",
        snomed: "",
        uberon: "UBERON:0001460",
        synonyms: &["arms"],
    },
    Anatomy {
        id: "leg",
        label: "Leg",
        snomed: "",
        uberon: "UBERON:0000978",
        synonyms: &["legs"],
    },
];

/// The built-in body regions.
pub fn anatomies() -> &'static [Anatomy] {
    ANATOMY
}

/// Look up a body region by id, label or synonym (case-insensitive).
pub fn anatomy(name: &str) -> Option<&'static Anatomy> {
    anatomies().iter().find(|a| {
        a.id.eq_ignore_ascii_case(name)
            || a.label.eq_ignore_ascii_case(name)
            || a.synonyms.iter().any(|s| s.eq_ignore_ascii_case(name))
    })
}

const PLATFORMS: &[Platform] = &[
    Platform {
        id: "tcia",
        name: "The Cancer Imaging Archive (TCIA)",
        url: "https://www.cancerimagingarchive.net/",
    },
    Platform {
        id: "idc",
        name: "NCI Imaging Data Commons (IDC)",
        url: "https://imaging.datacommons.cancer.gov/",
    },
    Platform {
        id: "grand-challenge",
        name: "Grand Challenge",
        url: "https://grand-challenge.org/",
    },
    Platform {
        id: "zenodo",
        name: "Zenodo",
        url: "https://zenodo.org/",
    },
    Platform {
        id: "hugging-face",
        name: "Hugging Face",
        url: "https://huggingface.co/",
    },
    Platform {
        id: "github",
        name: "GitHub",
        url: "https://github.com/",
    },
    Platform {
        id: "kaggle",
        name: "Kaggle",
        url: "https://www.kaggle.com/",
    },
    Platform {
        id: "openneuro",
        name: "OpenNeuro",
        url: "https://openneuro.org/",
    },
    Platform {
        id: "physionet",
        name: "PhysioNet",
        url: "https://physionet.org/",
    },
    Platform {
        id: "synapse",
        name: "Synapse",
        url: "https://www.synapse.org/",
    },
    Platform {
        id: "codalab",
        name: "CodaLab",
        url: "https://codalab.lisn.upsaclay.fr/",
    },
    Platform {
        id: "figshare",
        name: "figshare",
        url: "https://figshare.com/",
    },
    Platform {
        id: "mendeley-data",
        name: "Mendeley Data",
        url: "https://data.mendeley.com/",
    },
    Platform {
        id: "own-website",
        name: "Own website",
        url: "",
    },
];

/// Short names contributors use for platforms, besides the ids and display names.
const PLATFORM_ALIASES: &[(&str, &str)] = &[
    ("TCIA", "tcia"),
    ("The Cancer Imaging Archive", "tcia"),
    ("IDC", "idc"),
    ("Imaging Data Commons", "idc"),
    ("Grand Challenge", "grand-challenge"),
    ("grand-challenge.org", "grand-challenge"),
    ("Hugging Face", "hugging-face"),
    ("HuggingFace", "hugging-face"),
    ("Mendeley Data", "mendeley-data"),
    ("Own website", "own-website"),
    ("Open Website", "own-website"),
];

/// The built-in platforms.
pub fn platforms() -> &'static [Platform] {
    PLATFORMS
}

/// Look up a platform by id, name or a common short name (case-insensitive).
pub fn platform(name: &str) -> Option<&'static Platform> {
    let by_alias = PLATFORM_ALIASES
        .iter()
        .find(|(alias, _)| alias.eq_ignore_ascii_case(name))
        .map(|(_, id)| *id);
    platforms().iter().find(|p| {
        p.id.eq_ignore_ascii_case(name)
            || p.name.eq_ignore_ascii_case(name)
            || by_alias == Some(p.id)
    })
}

/// Every spelling [`platform`] accepts, for "did you mean …?".
pub fn platform_spellings() -> impl Iterator<Item = &'static str> {
    platforms()
        .iter()
        .flat_map(|p| [p.id, p.name])
        .chain(PLATFORM_ALIASES.iter().map(|(alias, _)| *alias))
}

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

/// Every SPDX licence id, for "did you mean …?".
pub fn spdx_ids() -> impl Iterator<Item = &'static str> {
    spdx::identifiers::LICENSES.iter().map(|l| l.name)
}

/// Resolve an SPDX licence id (exact, case-sensitive as SPDX requires) to a licence with its
/// name, canonical URL and category. `LicenseRef-…` ids are resolved by the validator instead.
pub fn spdx_license(id: &str) -> Option<License> {
    let lic = spdx::license_id(id).filter(|l| l.name == id)?;
    Some(License {
        id: lic.name.to_string(),
        name: lic.full_name.to_string(),
        url: Some(license_url(lic.name)),
        category: license_category(lic.name, lic.is_copyleft()),
    })
}

/// Whether an SPDX id is deprecated (e.g. `GPL-2.0`, replaced by `GPL-2.0-only`).
pub fn spdx_deprecated(id: &str) -> bool {
    spdx::license_id(id)
        .filter(|l| l.name == id)
        .is_some_and(|l| l.is_deprecated())
}

/// What a licence allows. Non-commercial wins over share-alike (CC-BY-NC-SA is non-commercial);
/// only licences known to be permissive are called permissive, anything unknown is restricted.
pub fn license_category(id: &str, copyleft: bool) -> LicenseCategory {
    const PUBLIC_DOMAIN: &[&str] = &["CC0-1.0", "PDDL-1.0", "Unlicense", "CC-PDDC", "CC-PDM-1.0"];
    const PERMISSIVE_PREFIXES: &[&str] = &[
        "CC-BY-",
        "ODC-By-",
        "MIT",
        "Apache-",
        "BSD-",
        "0BSD",
        "ISC",
        "Zlib",
        "CDLA-Permissive-",
        "BSL-1.0",
        "PostgreSQL",
        "Python-2.0",
        "NCSA",
        "X11",
    ];
    const SHARE_ALIKE: &[&str] = &[
        "ODbL-",
        "GPL-",
        "AGPL-",
        "LGPL-",
        "MPL-",
        "EPL-",
        "EUPL-",
        "CDLA-Sharing-",
        "OGL-UK-",
    ];
    let parts: Vec<&str> = id.split('-').collect();
    if id.starts_with("LicenseRef-") {
        LicenseCategory::Restricted
    } else if PUBLIC_DOMAIN.contains(&id) {
        LicenseCategory::PublicDomain
    } else if parts.contains(&"NC") {
        LicenseCategory::NonCommercial
    } else if parts.contains(&"ND") {
        LicenseCategory::Restricted
    } else if parts.contains(&"SA") || copyleft || SHARE_ALIKE.iter().any(|p| id.starts_with(p)) {
        LicenseCategory::ShareAlike
    } else if PERMISSIVE_PREFIXES.iter().any(|p| id.starts_with(p)) {
        LicenseCategory::Permissive
    } else {
        LicenseCategory::Restricted
    }
}

/// Canonical URL of an SPDX licence: the Creative Commons deed for CC licences
/// (`https://creativecommons.org/licenses/by/4.0/`), else the licence's page on spdx.org.
pub fn license_url(id: &str) -> String {
    if id == "CC0-1.0" {
        return "https://creativecommons.org/publicdomain/zero/1.0/".into();
    }
    if let Some(rest) = id.strip_prefix("CC-")
        && let Some(version_at) = rest.find(|c: char| c.is_ascii_digit())
    {
        let kind = rest[..version_at]
            .trim_end_matches('-')
            .to_ascii_lowercase();
        let mut tail = rest[version_at..].split('-');
        let version = tail.next().unwrap_or_default();
        let port: Vec<String> = tail.map(str::to_ascii_lowercase).collect();
        let is_licence = !kind.is_empty()
            && kind
                .split('-')
                .all(|k| matches!(k, "by" | "nc" | "sa" | "nd"));
        if is_licence {
            let mut url = format!("https://creativecommons.org/licenses/{kind}/{version}/");
            if let Some(jurisdiction) = port.first() {
                url.push_str(jurisdiction);
                url.push('/');
            }
            return url;
        }
    }
    format!("https://spdx.org/licenses/{id}.html")
}

/// File-format, label-type and access values, for `faircat vocab` and messages.
pub fn label_type_slugs() -> impl Iterator<Item = &'static str> {
    LabelType::ALL.into_iter().map(LabelType::slug)
}

pub fn access_slugs() -> impl Iterator<Item = &'static str> {
    Access::ALL.into_iter().map(Access::slug)
}

/// The controlled lists `faircat vocab` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Modalities,
    Anatomy,
    Platforms,
    LabelTypes,
    Access,
    FileFormats,
    DataUse,
}

/// A controlled list as aligned text, one value per line: the value to write first.
pub fn listing(list: List) -> String {
    let rows: Vec<Vec<String>> = match list {
        List::Modalities => modalities()
            .iter()
            .map(|m| vec![m.code.into(), m.name.into()])
            .collect(),
        List::Anatomy => anatomies()
            .iter()
            .map(|a| {
                let code = |label: &str, c: &str| {
                    if c.is_empty() {
                        String::new()
                    } else {
                        format!("{label} {c}")
                    }
                };
                vec![
                    a.id.into(),
                    a.label.into(),
                    code("SNOMED CT", a.snomed),
                    code("", a.uberon).trim().to_string(),
                    if a.synonyms.is_empty() {
                        String::new()
                    } else {
                        format!("also: {}", a.synonyms.join(", "))
                    },
                ]
            })
            .collect(),
        List::Platforms => platforms()
            .iter()
            .map(|p| vec![p.id.into(), p.name.into(), p.url.into()])
            .collect(),
        List::LabelTypes => LabelType::ALL
            .iter()
            .map(|l| vec![l.slug().into(), l.label().into()])
            .collect(),
        List::Access => Access::ALL
            .iter()
            .map(|a| vec![a.slug().into(), a.label().into()])
            .collect(),
        List::FileFormats => FILE_FORMATS.iter().map(|f| vec![f.to_string()]).collect(),
        List::DataUse => crate::readiness::duo::TERMS
            .iter()
            .map(|t| {
                let role = match t.role {
                    crate::readiness::duo::Role::Permission => "permission",
                    crate::readiness::duo::Role::Modifier => "modifier",
                };
                vec![t.code.into(), t.id.into(), role.into(), t.label.into()]
            })
            .collect(),
    };
    align(&rows)
}

/// Columns padded to the widest cell, trailing blanks removed.
fn align(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (cell, width) in row.iter().zip(&widths) {
            line.push_str(cell);
            line.push_str(&" ".repeat(width - cell.chars().count() + 2));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
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
