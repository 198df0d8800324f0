//! How to cite a dataset: BibTeX, one line of plain text, and a CITATION.cff-style file, all
//! from the entry's `citations`, name, acronym, DOI, year and homepage.
//!
//! The BibTeX and CFF records describe the *dataset* (creators, title, version, year, publisher,
//! DOI, URL) and carry each publication's text (free text: its authors are not split out) as a
//! note or reference title; nothing is made up. Contributors' text is escaped for each format:
//! LaTeX specials in BibTeX, and YAML written by `serde-saphyr` so quoting is right by
//! construction.

use crate::config::Config;
use crate::escape;
use crate::model::{Agent, Citation, Dataset};
use serde::Serialize;

/// A BibTeX `@misc` record for the dataset, followed by one `@misc` record per publication in
/// `citations` (preferred first). Keys are the slug, and `<slug>-ref<N>` for publications.
pub fn bibtex(d: &Dataset) -> String {
    let mut out = bibtex_dataset(d);
    for (i, c) in ordered_citations(d).into_iter().enumerate() {
        let mut fields: Vec<(&str, String)> = vec![("note", braced(&escape::one_line(&c.text)))];
        if let Some(doi) = &c.doi {
            fields.push(("doi", format!("{{{}}}", verbatim(doi))));
        }
        if let Some(url) = &c.url {
            fields.push(("url", format!("{{{}}}", verbatim(url))));
        }
        out.push('\n');
        write_record(&mut out, &format!("{}-ref{}", d.slug, i + 1), &fields);
    }
    out
}

/// The one BibTeX record of the dataset itself (the first record of [`bibtex`]): Croissant's
/// `citeAs`.
pub fn bibtex_dataset(d: &Dataset) -> String {
    let mut out = String::new();
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !d.creators.is_empty() {
        fields.push(("author", format!("{{{}}}", bibtex_authors(&d.creators))));
    }
    fields.push(("title", braced(&title(d))));
    if let Some(year) = d.year.or(d.released.map(|r| r.year() as i32)) {
        fields.push(("year", format!("{{{year}}}")));
    }
    if let Some(version) = &d.version {
        fields.push((
            "version",
            format!("{{{}}}", escape::latex(&escape::one_line(version))),
        ));
    }
    if let Some(p) = &d.publisher {
        fields.push(("publisher", braced(&p.name)));
    }
    fields.push(("howpublished", "{Dataset}".to_string()));
    if let Some(doi) = &d.doi {
        fields.push(("doi", format!("{{{}}}", verbatim(doi))));
    }
    if let Some(url) = landing_url(d) {
        fields.push(("url", format!("{{{}}}", verbatim(&url))));
    }
    if let Some(c) = d.preferred_citation() {
        fields.push((
            "note",
            braced(&format!("Please also cite: {}", escape::one_line(&c.text))),
        ));
    }
    write_record(&mut out, &d.slug, &fields);
    out
}

/// One line to paste into a paper: the preferred citation's text (with its DOI link appended
/// when the text does not already contain it) or, without citations, a data-set reference built
/// from name, acronym, year and DOI (or homepage).
pub fn plain(d: &Dataset) -> String {
    if let Some(c) = d.preferred_citation() {
        let text = escape::one_line(&c.text);
        return match &c.doi {
            Some(doi) if !text.contains(doi.as_str()) => {
                format!("{} https://doi.org/{doi}", with_period(&text))
            }
            _ => text,
        };
    }
    dataset_reference(d)
}

/// "Name (ACRONYM) [Data set]. 2020. https://doi.org/…": the dataset itself as a reference.
pub fn dataset_reference(d: &Dataset) -> String {
    let mut s = format!("{} [Data set].", escape::one_line(&title(d)));
    if let Some(year) = d.year.or(d.released.map(|r| r.year() as i32)) {
        s.push_str(&format!(" {year}."));
    }
    if let Some(url) = landing_url(d) {
        s.push(' ');
        s.push_str(&url);
    }
    s
}

/// A CITATION.cff (version 1.2.0) describing the dataset. CFF requires at least one author;
/// they are, from what the entry states and never made up: its `creators` (persons with
/// `family-names`/`given-names` when written "Family, Given", and their ORCID; organisations as
/// `name`), else its publisher, else its contact (the data owner), else one entity named
/// "Unknown" — an honest placeholder where CFF admits no empty list. Each publication from
/// `citations` becomes a reference (its authors are part of its text, so its `authors` are the
/// same), the preferred one `preferred-citation`. The abstract is the description's plain text
/// (CFF has no Markdown).
pub fn cff(d: &Dataset, config: &Config) -> String {
    let authors: Vec<CffAuthor> = if !d.creators.is_empty() {
        d.creators.iter().map(CffAuthor::from_agent).collect()
    } else if let Some(p) = &d.publisher {
        vec![CffAuthor::from_agent(p)]
    } else {
        let name = d
            .contact
            .as_ref()
            .and_then(|c| c.name.clone())
            .unwrap_or_else(|| "Unknown".to_string());
        vec![CffAuthor::entity(name)]
    };
    let reference = |c: &Citation| CffReference {
        kind: "generic",
        title: escape::one_line(&c.text),
        authors: authors.clone(),
        doi: c.doi.clone(),
        url: c.url.clone(),
    };
    let license = d
        .license
        .as_ref()
        .filter(|l| spdx::license_id(&l.id).is_some());
    let file = CffFile {
        cff_version: "1.2.0",
        message: "If you use this dataset, please cite it using the metadata from this file.",
        kind: "dataset",
        title: escape::one_line(&title(d)),
        abstract_: Some(crate::markdown::to_plain_text(&d.description)),
        authors: authors.clone(),
        version: d.version.as_ref().map(|v| escape::one_line(v)),
        doi: d.doi.clone(),
        url: landing_url(d),
        repository: Some(config.url(&d.path())),
        date_released: d.released.map(|r| r.to_string()),
        license: license.map(|l| l.id.clone()),
        license_url: match license {
            Some(_) => None,
            None => d.license.as_ref().and_then(|l| l.url.clone()),
        },
        keywords: d.keywords.iter().map(|k| escape::one_line(k)).collect(),
        preferred_citation: d.preferred_citation().map(reference),
        references: ordered_citations(d)
            .into_iter()
            .filter(|c| !c.preferred)
            .map(reference)
            .collect(),
    };
    serde_saphyr::to_string(&file).expect("a CITATION.cff of plain strings always serialises")
}

#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct CffFile {
    cff_version: &'static str,
    message: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    #[serde(rename = "abstract", skip_serializing_if = "Option::is_none")]
    abstract_: Option<String>,
    authors: Vec<CffAuthor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doi: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    repository: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_released: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    license_url: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    preferred_citation: Option<CffReference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    references: Vec<CffReference>,
}

/// A CFF person (`family-names`, `given-names`, `orcid`) or entity (`name`). A person whose
/// name is not written "Family, Given" is written as an entity `name`, rather than split by
/// guesswork.
#[derive(Serialize, Clone, Default)]
#[serde(rename_all = "kebab-case")]
struct CffAuthor {
    #[serde(skip_serializing_if = "Option::is_none")]
    family_names: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    given_names: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    orcid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<String>,
}

impl CffAuthor {
    fn entity(name: String) -> CffAuthor {
        CffAuthor {
            name: Some(escape::one_line(&name)),
            ..CffAuthor::default()
        }
    }

    fn from_agent(a: &Agent) -> CffAuthor {
        let mut author = match a.family_given() {
            Some((family, given)) => CffAuthor {
                family_names: Some(escape::one_line(family)),
                given_names: Some(escape::one_line(given)),
                ..CffAuthor::default()
            },
            None => CffAuthor::entity(a.name.clone()),
        };
        if a.is_person() {
            author.orcid = a.orcid.clone();
        }
        author.website = a.url.clone();
        author
    }
}

/// "Family, Given and Other, Name and {Organisation}": BibTeX's author list; organisations (and
/// persons written without a comma) are braced so BibTeX takes the whole as one name.
fn bibtex_authors(agents: &[Agent]) -> String {
    agents
        .iter()
        .map(|a| match a.family_given() {
            Some((family, given)) => format!(
                "{}, {}",
                escape::latex(&escape::one_line(family)),
                escape::latex(&escape::one_line(given))
            ),
            None => format!("{{{}}}", escape::latex(&escape::one_line(&a.name))),
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

#[derive(Serialize)]
struct CffReference {
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    authors: Vec<CffAuthor>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doi: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// "Name (ACRONYM)", or the name alone when it has no acronym or already contains it.
fn title(d: &Dataset) -> String {
    match &d.acronym {
        Some(a) if !d.name.contains(a.as_str()) => format!("{} ({a})", d.name),
        _ => d.name.clone(),
    }
}

/// The DOI link when there is a DOI, else the homepage.
fn landing_url(d: &Dataset) -> Option<String> {
    d.doi_url().or_else(|| d.homepage.clone())
}

/// Preferred citation first, the rest in entry order.
fn ordered_citations(d: &Dataset) -> Vec<&Citation> {
    let mut v: Vec<&Citation> = d.citations.iter().collect();
    v.sort_by_key(|c| !c.preferred);
    v
}

fn with_period(s: &str) -> String {
    if s.ends_with('.') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

fn write_record(out: &mut String, key: &str, fields: &[(&str, String)]) {
    out.push_str(&format!("@misc{{{key},\n"));
    for (name, value) in fields {
        out.push_str(&format!("  {name:<12} = {value},\n"));
    }
    out.push_str("}\n");
}

/// `{{text}}` with LaTeX specials escaped; the double braces keep BibTeX from changing case.
fn braced(text: &str) -> String {
    format!("{{{{{}}}}}", escape::latex(&escape::one_line(text)))
}

/// DOIs and URLs are read verbatim by biblatex; only what could break the record (braces,
/// backslashes, whitespace) is percent-encoded.
fn verbatim(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            c if c.is_whitespace() => out.push_str("%20"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::Contact;
    use crate::vocab::{License, LicenseCategory};

    use crate::fixture::dataset as bare;

    fn config() -> Config {
        Config::parse(
            "title = \"T\"\nbase_url = \"https://example.org/cat/\"\n[publisher]\nname = \"P\"\n",
        )
        .unwrap()
    }

    fn sctn() -> Dataset {
        let mut d = bare("chest-ct-nodules", "Synthetic Chest CT Nodules");
        d.acronym = Some("SCTN".into());
        d.doi = Some("10.1234/sctn_2020".into());
        d.year = Some(2020);
        d.released = Some(jiff::civil::date(2020, 3, 1));
        d.keywords = vec!["lung".into(), "nodule".into()];
        d.license = crate::vocab::spdx_license("CC-BY-4.0");
        d.citations = vec![
            Citation {
                text: "Roe R. Another paper. 2021.".into(),
                doi: None,
                url: Some("https://example.org/paper".into()),
                preferred: false,
            },
            Citation {
                text: "Doe J, et al. Synthetic Chest\nCT Nodules. J Tests. 2020".into(),
                doi: Some("10.1234/jot.2020.1".into()),
                url: None,
                preferred: true,
            },
        ];
        d
    }

    #[test]
    fn plain_prefers_the_preferred_citation_and_adds_its_doi() {
        assert_eq!(
            plain(&sctn()),
            "Doe J, et al. Synthetic Chest CT Nodules. J Tests. 2020. https://doi.org/10.1234/jot.2020.1"
        );
    }

    #[test]
    fn plain_without_citations_cites_the_dataset() {
        let mut d = sctn();
        d.citations.clear();
        assert_eq!(
            plain(&d),
            "Synthetic Chest CT Nodules (SCTN) [Data set]. 2020. https://doi.org/10.1234/sctn_2020"
        );
        let mut d = bare("x", "X Set");
        d.homepage = Some("https://example.org/x".into());
        assert_eq!(plain(&d), "X Set [Data set]. https://example.org/x");
    }

    #[test]
    fn bibtex_has_dataset_and_publication_records() {
        let b = bibtex(&sctn());
        assert!(b.starts_with("@misc{chest-ct-nodules,\n"), "{b}");
        assert!(b.contains("title        = {{Synthetic Chest CT Nodules (SCTN)}},"));
        assert!(b.contains("year         = {2020},"));
        // DOIs are verbatim: the underscore is not escaped.
        assert!(b.contains("doi          = {10.1234/sctn_2020},"));
        assert!(b.contains("url          = {https://doi.org/10.1234/sctn_2020},"));
        // The preferred publication comes first.
        let ref1 = b.find("@misc{chest-ct-nodules-ref1,").unwrap();
        let ref2 = b.find("@misc{chest-ct-nodules-ref2,").unwrap();
        assert!(b[ref1..ref2].contains("Doe J"));
        assert!(b[ref2..].contains("Roe R"));
        assert_eq!(b.matches('{').count(), b.matches('}').count());
    }

    #[test]
    fn bibtex_escapes_hostile_text() {
        let mut d = bare("evil", "100% {evil}\n} @misc{x, & $x$ #1 a_b ~ ^ \\end");
        d.doi = Some("10.1/}{".into());
        let b = bibtex(&d);
        assert!(b.contains(
            r"{{100\% \{evil\} \} @misc\{x, \& \$x\$ \#1 a\_b \textasciitilde{} \textasciicircum{} \textbackslash{}end}}"
        ), "{b}");
        assert!(b.contains("doi          = {10.1/%7D%7B}"));
        // Braces balance once escaped ones are left out, so the record cannot be broken out of.
        let unescaped = b.replace("\\{", "").replace("\\}", "");
        let mut depth = 0i32;
        for c in unescaped.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0);
        }
        assert_eq!(depth, 0);
        assert_eq!(b.lines().filter(|l| l.starts_with('@')).count(), 1);
    }

    #[test]
    fn cff_is_yaml_with_the_facts() {
        let text = cff(&sctn(), &config());
        let v: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(v["cff-version"], "1.2.0");
        assert_eq!(v["type"], "dataset");
        assert_eq!(v["title"], "Synthetic Chest CT Nodules (SCTN)");
        assert_eq!(v["doi"], "10.1234/sctn_2020");
        assert_eq!(v["license"], "CC-BY-4.0");
        assert_eq!(v["date-released"], "2020-03-01");
        assert_eq!(
            v["repository"],
            "https://example.org/cat/datasets/chest-ct-nodules/"
        );
        // No creators, publisher or contact: CFF needs an author, and none is invented.
        assert_eq!(v["authors"][0]["name"], "Unknown");
        assert_eq!(v["preferred-citation"]["doi"], "10.1234/jot.2020.1");
        assert_eq!(v["references"].as_array().unwrap().len(), 1);
        assert_eq!(v["keywords"][1], "nodule");
        assert_eq!(
            v["abstract"],
            "Synthetic Chest CT Nodules: a dataset made up in memory for faircat's tests."
        );
        let mut d = sctn();
        d.description = "**Bold** and a [link](https://example.org/).\n\n- one\n- two".into();
        let v: serde_json::Value = serde_saphyr::from_str(&cff(&d, &config())).unwrap();
        assert_eq!(v["abstract"], "Bold and a link. one two");
    }

    #[test]
    fn cff_uses_license_url_for_license_refs_and_survives_hostile_text() {
        let mut d = bare(
            "evil",
            "Name: with \"quotes\"\n- and: [yaml] # not a comment",
        );
        d.license = Some(License {
            id: "LicenseRef-Test-DUA".into(),
            name: "Test DUA".into(),
            url: Some("https://example.org/dua".into()),
            category: LicenseCategory::Restricted,
        });
        d.contact = Some(Contact {
            name: Some("*alias & anchor".into()),
            email: None,
            url: None,
        });
        let text = cff(&d, &config());
        let v: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(
            v["title"],
            "Name: with \"quotes\" - and: [yaml] # not a comment"
        );
        assert_eq!(v["authors"][0]["name"], "*alias & anchor");
        assert!(v.get("license").is_none());
        assert_eq!(v["license-url"], "https://example.org/dua");
    }

    #[test]
    fn creators_become_bibtex_and_cff_authors() {
        use crate::model::{Agent, AgentKind};
        let mut d = sctn();
        d.creators = vec![
            Agent {
                name: "Armato III, Samuel G.".into(),
                orcid: Some("https://orcid.org/0000-0002-1825-0097".into()),
                ..Agent::default()
            },
            Agent {
                name: "Cancer & Imaging Archive".into(),
                kind: AgentKind::Organization,
                ..Agent::default()
            },
        ];
        d.publisher = Some(Agent {
            name: "The Cancer Imaging Archive".into(),
            kind: AgentKind::Organization,
            ..Agent::default()
        });
        d.version = Some("2".into());
        let b = bibtex_dataset(&d);
        assert!(
            b.contains("author       = {Armato III, Samuel G. and {Cancer \\& Imaging Archive}},"),
            "{b}"
        );
        assert!(
            b.contains("publisher    = {{The Cancer Imaging Archive}},"),
            "{b}"
        );
        assert!(b.contains("version      = {2},"), "{b}");
        let v: serde_json::Value = serde_saphyr::from_str(&cff(&d, &config())).unwrap();
        assert_eq!(v["authors"][0]["family-names"], "Armato III");
        assert_eq!(v["authors"][0]["given-names"], "Samuel G.");
        assert_eq!(
            v["authors"][0]["orcid"],
            "https://orcid.org/0000-0002-1825-0097"
        );
        assert_eq!(v["authors"][1]["name"], "Cancer & Imaging Archive");
        assert_eq!(v["version"], "2");
        // Without creators, the publisher is the author; the catalog is never named.
        d.creators.clear();
        let v: serde_json::Value = serde_saphyr::from_str(&cff(&d, &config())).unwrap();
        assert_eq!(v["authors"][0]["name"], "The Cancer Imaging Archive");
        assert_eq!(v["authors"].as_array().unwrap().len(), 1);
        assert!(!bibtex_dataset(&d).contains("author"));
    }
}
