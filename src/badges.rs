//! Licence badges: one small SVG per licence used, made here (no badge service), coloured by
//! what the licence allows, with a `<title>` and an `aria-label` as text alternative; and one
//! readiness badge per level (`readiness`), drawn the same way.
//!
//! Badges live at stable, unfingerprinted URLs (`static/badges/<licence-key>.svg`) so other
//! sites may link them; their content only changes when the licence's facts do.

use crate::model::Catalog;
use crate::output::{Output, OutputError};
use crate::readiness;
use crate::vocab::{License, LicenseCategory};
use std::collections::BTreeMap;

/// Badge file stem for datasets that state no licence.
pub const NO_LICENSE_KEY: &str = "no-license";

/// Where the badge of `license` is written, relative to the site root.
pub fn badge_path(license: Option<&License>) -> String {
    let key = license.map_or_else(|| NO_LICENSE_KEY.to_string(), License::key);
    format!("static/badges/{key}.svg")
}

/// The badge's text alternative, e.g. "Licence: CC-BY-4.0 (permissive)".
pub fn badge_alt(license: Option<&License>) -> String {
    match license {
        Some(l) => format!("Licence: {} ({})", l.id, l.category.label().to_lowercase()),
        None => "No licence stated".to_string(),
    }
}

/// Background colour of a badge's value half. Every colour keeps white text at a contrast of
/// at least 4.5:1 (WCAG AA), checked by a test.
pub fn category_colour(category: Option<LicenseCategory>) -> &'static str {
    match category {
        Some(LicenseCategory::PublicDomain) => "#1b6b3a",
        Some(LicenseCategory::Permissive) => "#1d5fa8",
        Some(LicenseCategory::ShareAlike) => "#6f3a98",
        Some(LicenseCategory::NonCommercial) => "#9a4700",
        Some(LicenseCategory::Restricted) => "#b42318",
        None => "#595959",
    }
}

const LABEL_COLOUR: &str = "#333333";
const LABEL: &str = "licence";

/// The SVG badge of `license` (or of "no licence stated").
pub fn badge_svg(license: Option<&License>) -> String {
    let value = license.map_or("none stated", |l| l.id.as_str());
    let title = match license {
        Some(l) if l.name != l.id => format!(
            "Licence: {} — {} ({})",
            l.id,
            l.name,
            l.category.label().to_lowercase()
        ),
        _ => badge_alt(license),
    };
    let colour = category_colour(license.map(|l| l.category));
    draw(LABEL, value, colour, &badge_alt(license), &title)
}

/// Width in pixels of the badge of `license` (its height is 20).
pub fn badge_width(license: Option<&License>) -> u32 {
    width(LABEL, license.map_or("none stated", |l| l.id.as_str()))
}

const READINESS_LABEL: &str = "AI readiness";

/// Where the readiness badge of `level` is written, relative to the site root.
pub fn readiness_path(level: u8) -> String {
    format!("static/badges/readiness-{level}.svg")
}

/// "AI readiness: level 3 of 5, Characterised".
pub fn readiness_alt(level: u8) -> String {
    format!(
        "AI readiness: level {level} of {}, {}",
        readiness::TOP_LEVEL,
        readiness::LEVEL_NAMES[usize::from(level)]
    )
}

fn readiness_value(level: u8) -> String {
    format!(
        "{level}/{} {}",
        readiness::TOP_LEVEL,
        readiness::LEVEL_NAMES[usize::from(level)]
    )
}

/// Background of a readiness badge's value half, from grey (0) to green (5); white text keeps
/// a contrast of at least 4.5:1 on each, checked by a test.
pub fn readiness_colour(level: u8) -> &'static str {
    match level {
        0 => "#595959",
        1 => "#b42318",
        2 => "#9a4700",
        3 => "#7a5c00",
        4 => "#1d5fa8",
        _ => "#1b6b3a",
    }
}

/// The SVG badge of a readiness level.
pub fn readiness_svg(level: u8) -> String {
    let alt = readiness_alt(level);
    draw(
        READINESS_LABEL,
        &readiness_value(level),
        readiness_colour(level),
        &alt,
        &alt,
    )
}

/// Width in pixels of the readiness badge of `level`.
pub fn readiness_width(level: u8) -> u32 {
    width(READINESS_LABEL, &readiness_value(level))
}

/// A two-part badge: `label` on dark grey, `value` on `colour`, both in white.
fn draw(label: &str, value: &str, colour: &str, alt: &str, title: &str) -> String {
    let label_w = text_width(label) + 12;
    let value_text_w = text_width(value);
    let value_w = value_text_w + 12;
    let width = label_w + value_w;
    format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" viewBox="0 0 {width} 20" role="img" aria-label="{alt}">"#,
            "<title>{title}</title>",
            r#"<rect width="{width}" height="20" rx="3" fill="{label_colour}"/>"#,
            r#"<rect x="{label_w}" width="{value_w}" height="20" rx="3" fill="{colour}"/>"#,
            r#"<rect x="{label_w}" width="4" height="20" fill="{colour}"/>"#,
            r##"<g fill="#ffffff" font-family="system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif" font-size="11">"##,
            r#"<text x="6" y="14">{label}</text>"#,
            r#"<text x="{value_x}" y="14" textLength="{value_text_w}" lengthAdjust="spacingAndGlyphs">{value}</text>"#,
            "</g></svg>\n"
        ),
        width = width,
        alt = crate::escape::xml(alt),
        title = crate::escape::xml(title),
        label_colour = LABEL_COLOUR,
        label_w = label_w,
        value_w = value_w,
        colour = colour,
        label = crate::escape::xml(label),
        value_x = label_w + 6,
        value_text_w = value_text_w,
        value = crate::escape::xml(value),
    )
}

fn width(label: &str, value: &str) -> u32 {
    text_width(label) + 12 + text_width(value) + 12
}

/// Write a badge for every licence used in the catalog, the "no licence stated" badge, and
/// the badge of every readiness level.
pub fn write_badges(catalog: &Catalog, out: &mut Output) -> Result<(), OutputError> {
    let used: BTreeMap<String, &License> = catalog
        .datasets
        .iter()
        .filter_map(|d| d.license.as_ref())
        .map(|l| (l.key(), l))
        .collect();
    for license in used.values() {
        out.add(badge_path(Some(license)), badge_svg(Some(license)))?;
    }
    for level in 0..=readiness::TOP_LEVEL {
        out.add(readiness_path(level), readiness_svg(level))?;
    }
    out.add(badge_path(None), badge_svg(None))
}

/// Approximate rendered width in pixels of `text` in an 11px sans-serif font; the SVG's
/// `textLength` makes the text fit exactly whatever the font.
fn text_width(text: &str) -> u32 {
    let tenths: u32 = text
        .chars()
        .map(|c| match c {
            'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' | 'I' => 30,
            'f' | 't' | 'r' | '-' | ' ' | '(' | ')' | '/' => 40,
            'm' | 'w' | 'M' | 'W' => 95,
            'A'..='Z' => 73,
            '0'..='9' => 65,
            _ => 62,
        })
        .sum();
    tenths.div_ceil(10).max(8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn licence(id: &str, category: LicenseCategory) -> License {
        License {
            id: id.into(),
            name: format!("{id} <full name> & more"),
            url: None,
            category,
        }
    }

    /// WCAG 2 relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let v = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    #[test]
    fn white_text_has_accessible_contrast_on_every_colour() {
        let categories = [
            None,
            Some(LicenseCategory::PublicDomain),
            Some(LicenseCategory::Permissive),
            Some(LicenseCategory::ShareAlike),
            Some(LicenseCategory::NonCommercial),
            Some(LicenseCategory::Restricted),
        ];
        let mut colours: Vec<&str> = categories.iter().map(|c| category_colour(*c)).collect();
        colours.push(LABEL_COLOUR);
        for c in &colours {
            let ratio = (1.0 + 0.05) / (luminance(c) + 0.05);
            assert!(ratio >= 4.5, "{c}: contrast {ratio:.2}");
        }
        colours.sort();
        colours.dedup();
        assert_eq!(colours.len(), 7, "each category has its own colour");
        for level in 0..=readiness::TOP_LEVEL {
            let c = readiness_colour(level);
            assert!(
                (1.0 + 0.05) / (luminance(c) + 0.05) >= 4.5,
                "level {level}: {c}"
            );
        }
    }

    #[test]
    fn readiness_badges_name_the_level_in_words() {
        let svg = readiness_svg(3);
        assert!(svg.contains(r#"aria-label="AI readiness: level 3 of 5, Characterised""#));
        assert!(svg.contains(">3/5 Characterised</text>"));
        assert!(svg.contains(&format!(r#"width="{}""#, readiness_width(3))));
        assert_eq!(readiness_path(5), "static/badges/readiness-5.svg");
    }

    #[test]
    fn badge_is_escaped_and_accessible() {
        let l = licence("LicenseRef-A&B", LicenseCategory::Restricted);
        let svg = badge_svg(Some(&l));
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-label="Licence: LicenseRef-A&amp;B (restricted or custom)""#));
        assert!(svg.contains("&lt;full name&gt; &amp; more"));
        assert!(!svg.contains("<full"));
        assert_eq!(badge_path(Some(&l)), "static/badges/licenseref-a-b.svg");
        assert!(badge_svg(None).contains("<title>No licence stated</title>"));
    }
}
