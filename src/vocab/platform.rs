//! Hosting platforms and the names they go by.

use super::Platform;

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
