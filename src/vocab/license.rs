//! Licences: SPDX ids, what each allows, and where its text is.

use super::{License, LicenseCategory};

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
