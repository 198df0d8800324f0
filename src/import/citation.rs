//! What an APA-style reference to a data set says: "Hugo, G. D., Weiss, E., & Williamson, J. F.
//! (2016). Title (Version 2) [Data set]. The Cancer Imaging Archive. https://doi.org/10.…".
//!
//! Conservative by design: the authors are read only when every one of them is "Family,
//! Initials" (or "Family, Given Names"); an organisation as author, an abbreviated list (`…`,
//! "et al.") or anything else that does not split cleanly gives no authors and the reason.

/// The parts of a reference faircat uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Apa {
    /// Persons as "Family, Initials", in the reference's order; or why they were not read.
    pub authors: Result<Vec<String>, String>,
    pub year: Option<u64>,
    /// The text between "[Data set]." and the DOI link, e.g. "The Cancer Imaging Archive".
    pub publisher: Option<String>,
    /// The "(Version 2)" of the title, e.g. "2".
    pub version: Option<String>,
}

/// Read a reference that has the APA shape "<authors> (<year>). <rest>"; `None` for any other
/// text (a Vancouver-style reference, a bare DOI), which says nothing faircat reads.
pub fn parse_apa(text: &str) -> Option<Apa> {
    let text = crate::markdown::collapse_whitespace(text);
    let (authors, year, rest) = split_at_year(&text)?;
    let publisher = publisher(rest);
    Some(Apa {
        authors: persons(authors),
        year: Some(year),
        publisher,
        version: version(rest),
    })
}

/// The first " (YYYY)." (also "(YYYY, Month D).", "(YYYYa).") after some text: the authors
/// before it, the year, and what follows.
fn split_at_year(text: &str) -> Option<(&str, u64, &str)> {
    let mut from = 0;
    while let Some(i) = text[from..].find(" (").map(|i| i + from) {
        let after = &text[i + 2..];
        let digits: String = after.chars().take(4).collect();
        if digits.len() == 4
            && digits.chars().all(|c| c.is_ascii_digit())
            && let Some(close) = after.find(')')
            && after[close + 1..].starts_with('.')
            && !after[4..close].contains('(')
        {
            let inside = &after[4..close];
            let ok = inside.is_empty()
                || inside.starts_with(',')
                || (inside.len() == 1 && inside.chars().all(|c| c.is_ascii_lowercase()));
            if ok {
                let year = digits.parse().ok()?;
                let rest = after[close + 2..].trim_start();
                return Some((text[..i].trim(), year, rest));
            }
        }
        from = i + 2;
    }
    None
}

/// The persons of an APA author list, or why it does not read cleanly.
fn persons(list: &str) -> Result<Vec<String>, String> {
    if list.contains('…') || list.contains("...") || list.contains(". . .") {
        return Err("the author list is abbreviated (…)".into());
    }
    if list.to_lowercase().contains("et al") {
        return Err("the author list ends in et al.".into());
    }
    let pieces: Vec<&str> = list.split(", ").map(str::trim).collect();
    if pieces.len() < 2 || !pieces.len().is_multiple_of(2) {
        return Err(
            "the authors are not all written \"Family, Initials\" (an organisation?)".into(),
        );
    }
    let mut names = Vec::new();
    for pair in pieces.chunks(2) {
        let family = pair[0]
            .strip_prefix("& ")
            .or_else(|| pair[0].strip_prefix("and "))
            .unwrap_or(pair[0])
            .trim();
        let given = pair[1].trim();
        if !is_family(family) || !is_given(given) {
            return Err(format!(
                "'{}, {}' is not written \"Family, Initials\"",
                pair[0], pair[1]
            ));
        }
        names.push(format!("{family}, {given}"));
    }
    Ok(names)
}

/// A family name: at least two letters, no digits, no sentence punctuation, starting with a
/// letter (particles such as "van der" are allowed).
fn is_family(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.'))
        && !s.ends_with('.')
        && !s.contains("&")
}

/// Given names: initials ("G. D.", "J.-P.") or capitalised names ("Samuel G.").
fn is_given(s: &str) -> bool {
    !s.is_empty()
        && s.split(' ').all(|word| {
            let initials = word.split('-').all(|part| {
                let mut chars = part.chars();
                matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
            });
            let name = word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().count() >= 2
                && word
                    .trim_end_matches('.')
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
            initials || name
        })
}

/// "Title [Data set]. Publisher. https://doi.org/…" → "Publisher".
fn publisher(rest: &str) -> Option<String> {
    let marker = ["[Data set].", "[Dataset].", "[Data set]", "[Dataset]"]
        .iter()
        .find_map(|m| rest.find(m).map(|i| i + m.len()))?;
    let after = rest[marker..].trim_start();
    let end = after.find("http").unwrap_or(after.len());
    let name = after[..end].trim().trim_end_matches('.').trim();
    let ok = !name.is_empty() && name.chars().count() <= 120 && !name.contains(['[', ']']);
    ok.then(|| name.to_string())
}

/// "Title (Version 2) [Data set]" → "2": the version the title names, before "[Data set]".
fn version(rest: &str) -> Option<String> {
    let end = rest.find("[Data set]").or_else(|| rest.find("[Dataset]"))?;
    let start = rest[..end].rfind("(Version ")? + "(Version ".len();
    let close = rest[start..end].find(')')? + start;
    let v = rest[start..close].trim();
    let ok = !v.is_empty() && v.len() <= 20 && !v.contains(char::is_whitespace);
    ok.then(|| v.to_string())
}

/// The DOI of a `https://doi.org/…` link in a text (its last one), without a trailing period.
pub fn doi_in(text: &str) -> Option<String> {
    let start = text.rfind("doi.org/")? + "doi.org/".len();
    let doi: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    super::normalize::bare_doi(doi.trim_end_matches(['.', ',', ';', ')']))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FOUR_D_LUNG: &str = "Hugo, G. D., Weiss, E., Sleeman, W. C., Balik, S., Keall, P. J., Lu, J., & Williamson, J. F. (2016). Data from 4D Lung Imaging of NSCLC Patients (Version 2) [Data set]. The Cancer Imaging Archive. https://doi.org/10.7937/K9/TCIA.2016.ELN8YGLE";

    #[test]
    fn apa_reference_gives_authors_year_and_publisher() {
        let apa = parse_apa(FOUR_D_LUNG).unwrap();
        assert_eq!(
            apa.authors.unwrap(),
            [
                "Hugo, G. D.",
                "Weiss, E.",
                "Sleeman, W. C.",
                "Balik, S.",
                "Keall, P. J.",
                "Lu, J.",
                "Williamson, J. F."
            ]
        );
        assert_eq!(apa.year, Some(2016));
        assert_eq!(apa.publisher.as_deref(), Some("The Cancer Imaging Archive"));
        assert_eq!(apa.version.as_deref(), Some("2"));
        assert_eq!(
            doi_in(FOUR_D_LUNG).as_deref(),
            Some("10.7937/K9/TCIA.2016.ELN8YGLE")
        );
    }

    #[test]
    fn given_names_and_two_authors_read() {
        let apa = parse_apa("Armato III, Samuel G., & McLennan, G. (2015). X [Data set]. Zenodo. https://doi.org/10.5281/zenodo.1").unwrap();
        assert_eq!(
            apa.authors.unwrap(),
            ["Armato III, Samuel G.", "McLennan, G."]
        );
        assert_eq!(apa.publisher.as_deref(), Some("Zenodo"));
    }

    #[test]
    fn unclear_author_lists_are_not_guessed() {
        for text in [
            "Cancer Moonshot Biobank. (2022). CMB-CRC (Version 11) [Data set]. The Cancer Imaging Archive. https://doi.org/10.7937/DJG7-GZ87",
            "Tsai, E., Simpson, S., … Wu, C. (2021). X [Data set]. The Cancer Imaging Archive.",
            "Smith, J., et al. (2020). X [Data set]. TCIA.",
            "Tatum, J., Kalen, J., Ileva, lilia, Riffle, L. (2020). X [Data set]. TCIA.",
            "Tatum, J., S, K. (2020). X [Data set]. TCIA.",
        ] {
            let apa = parse_apa(text).unwrap();
            assert!(apa.authors.is_err(), "{text}: {:?}", apa.authors);
            assert!(apa.year.is_some());
        }
        assert!(parse_apa("Armato SG 3rd, et al. Med Phys. 2011;38(2):915-31.").is_none());
        assert!(parse_apa("https://doi.org/10.5555/wbp.2").is_none());
    }
}
