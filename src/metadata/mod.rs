//! The site's machine-readable metadata files (its "exports"), all from the validated
//! [`Catalog`]:
//!
//! | file | module |
//! |---|---|
//! | `/api/catalog.json`, `/api/datasets/<slug>.json` | [`json`] |
//! | `/catalog.csv` | [`csv`] |
//! | `/schema/dataset.schema.json` | [`schema`] |
//! | `/datasets/<slug>/croissant.json` | [`croissant`] |
//! | `/catalog.ttl`, `/catalog.jsonld` (DCAT-AP 3.0.1) | [`dcat`] |
//! | `/fdp/…` (static FAIR Data Point) | [`fdp`] |
//! | `/datasets/<slug>/citation.bib`, `…/CITATION.cff` | [`crate::cite`] |
//!
//! Every text format is written by a library that escapes by construction (serde_json, csv,
//! serde-saphyr), or, for Turtle and JSON-LD, by [`rdf`]'s writer from checked `oxrdf` terms
//! (tested against oxttl and oxjsonld); JSON is additionally made safe to inline in HTML.

pub mod croissant;
pub mod csv;
pub mod dcat;
pub mod fdp;
pub mod json;
mod rdf;
pub mod schema;

use crate::model::{Catalog, Dataset};
use crate::output::Job;

pub type ExportError = Box<dyn std::error::Error + Send + Sync>;

/// The jobs that make every export, the whole-catalog files first (they take longest).
pub fn jobs(catalog: &Catalog) -> Vec<Job<'_>> {
    let mut jobs = dcat::jobs(catalog);
    jobs.extend(json::jobs(catalog));
    jobs.push(Job::new("csv", move |sink| {
        sink.stream("catalog.csv", |w| csv::write_catalog_csv(catalog, w))
    }));
    jobs.push(Job::new("schema", move |sink| {
        let schema_url = catalog.config.url(schema::PATH);
        sink.add(
            schema::PATH,
            json_text(&schema::dataset_schema(Some(&schema_url))),
        )?;
        Ok(())
    }));
    jobs.extend(fdp::jobs(catalog));
    jobs.extend(per_dataset_jobs(catalog, "croissant", |d| {
        vec![(
            format!("{}croissant.json", d.path()),
            json_compact_text(&croissant::croissant(catalog, d)).into_bytes(),
        )]
    }));
    // `[output] citation_files = false` leaves these out (and the JSON API's links to them).
    if catalog.config.output.citation_files {
        jobs.extend(per_dataset_jobs(catalog, "citations", |d| {
            vec![
                (
                    format!("{}citation.bib", d.path()),
                    crate::cite::bibtex(d).into_bytes(),
                ),
                (
                    format!("{}CITATION.cff", d.path()),
                    crate::cite::cff(d, &catalog.config).into_bytes(),
                ),
            ]
        }));
    }
    jobs
}

/// Datasets per job of [`per_dataset_jobs`].
const DATASETS_PER_JOB: usize = 256;

/// Jobs that each make the files `make` gives for a chunk of the datasets.
pub fn per_dataset_jobs<'a>(
    catalog: &'a Catalog,
    kind: &'static str,
    make: impl Fn(&Dataset) -> Vec<(String, Vec<u8>)> + Send + Sync + Copy + 'a,
) -> Vec<Job<'a>> {
    catalog
        .datasets
        .chunks(DATASETS_PER_JOB)
        .map(|chunk| {
            Job::new(kind, move |sink| {
                for d in chunk {
                    sink.add_many(make(d))?;
                }
                Ok(())
            })
        })
        .collect()
}

/// Pretty JSON made safe to sit inside an HTML `<script>` element
/// ([`crate::escape::push_script_safe`]), ending with a newline.
pub fn json_text(value: &serde_json::Value) -> String {
    let text = serde_json::to_string_pretty(value).expect("a JSON value always serialises");
    html_safe_json(&text)
}

/// [`json_text`] without the indentation: for the files programs read (the API, Croissant),
/// smaller, and a site has two of them per dataset.
pub fn json_compact_text(value: &serde_json::Value) -> String {
    let text = serde_json::to_string(value).expect("a JSON value always serialises");
    html_safe_json(&text)
}

/// JSON `text` made safe to sit inside a `<script>` element
/// ([`crate::escape::push_script_safe`]), ending with a newline.
pub fn html_safe_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    crate::escape::push_script_safe(text, &mut out);
    out.push('\n');
    out
}

/// A catalog built directly from the model, with every kind of fact and hostile text, for the
/// exporters' unit tests.
#[cfg(test)]
pub(crate) mod sample {
    use crate::config::Config;
    use crate::fixture::{anatomy, dataset as bare, modality, platform};
    use crate::model::{Catalog, Citation, Contact, Download};
    use crate::vocab::{Access, LabelType};

    /// Text that breaks naive writers of every format faircat exports.
    pub const HOSTILE: &str = "=HYPERLINK(\"x\") \"\"\" </script><b>&amp; a,b\nline2 \\ '''";

    pub fn config() -> Config {
        Config::parse(
            "title = \"Test Catalog\"\ndescription = \"A catalog for tests.\"\n\
             base_url = \"https://example.org/catalog/\"\n\
             [publisher]\nname = \"Test Publisher\"\nurl = \"https://example.org/\"\n\
             email = \"catalog@example.org\"\n",
        )
        .unwrap()
    }

    pub fn catalog() -> Catalog {
        let mut a = bare("chest-ct-nodules", "Synthetic Chest CT Nodules");
        a.acronym = Some("SCTN".into());
        a.doi = Some("10.1234/sctn.2020".into());
        a.homepage = Some("https://example.org/sctn/".into());
        a.year = Some(2020);
        a.released = Some(jiff::civil::date(2020, 3, 1));
        a.updated = Some(jiff::civil::date(2021, 6, 15));
        a.keywords = vec!["nodule".into()];
        a.modalities = vec![modality("CT")];
        a.anatomy = vec![anatomy("chest"), anatomy("lung")];
        a.subjects = Some(120);
        a.scans = Some(130);
        a.file_formats = vec!["DICOM".into()];
        a.targets.pixel = vec!["lung nodule".into()];
        a.label_types = vec![LabelType::PixelLevel, LabelType::BoundingBox];
        a.complete = Some(false);
        a.annotation_protocol = Some("Four readers.".into());
        a.license = crate::vocab::spdx_license("CC-BY-4.0");
        a.access = Some(Access::Public);
        a.platforms = vec![platform("zenodo")];
        a.contact = Some(Contact {
            name: Some("Data Owner".into()),
            email: Some("owner@example.org".into()),
            url: None,
        });
        a.downloads = vec![Download {
            url: "https://example.org/sctn/sctn.zip".into(),
            name: Some("sctn.zip".into()),
            media_type: Some("application/zip".into()),
            size_bytes: Some(1_048_576),
            sha256: Some("ab".repeat(32)),
        }];
        a.citations = vec![Citation {
            text: "Doe J. Synthetic Chest CT Nodules. 2020.".into(),
            doi: Some("10.1234/jot.2020.1".into()),
            url: None,
            preferred: true,
        }];
        a.added = Some(jiff::civil::date(2024, 1, 10));

        let mut b = bare("evil-set", HOSTILE);
        b.description = format!("{HOSTILE} — a description long enough to be valid.");
        b.acronym = Some("-EVIL".into());
        b.keywords = vec![HOSTILE.into(), "@risk".into()];
        b.modalities = vec![modality("PT"), modality("CT")];
        b.subjects = Some(10);
        b.access = Some(Access::Application);
        b.access_url = Some("https://example.org/apply?a=1&b=<2>".into());
        b.license = Some(crate::vocab::License {
            id: "LicenseRef-Test-DUA".into(),
            name: HOSTILE.into(),
            url: Some("https://example.org/dua".into()),
            category: crate::vocab::LicenseCategory::Restricted,
        });
        b.annotation_protocol = Some(HOSTILE.into());
        b.derived_from = vec!["chest-ct-nodules".into()];
        b.related = vec!["chest-ct-nodules".into()];
        b.remarks = Some(HOSTILE.into());

        Catalog::assemble(config(), "About.".into(), vec![b, a])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Output;

    #[test]
    fn the_jobs_make_every_export() {
        let catalog = sample::catalog();
        let mut out = Output::new();
        out.run(jobs(&catalog)).unwrap();
        for path in [
            "api/catalog.json",
            "api/datasets/chest-ct-nodules.json",
            "api/datasets/evil-set.json",
            "catalog.csv",
            "schema/dataset.schema.json",
            "datasets/chest-ct-nodules/croissant.json",
            "datasets/evil-set/croissant.json",
            "datasets/evil-set/citation.bib",
            "datasets/evil-set/CITATION.cff",
            "catalog.ttl",
            "catalog.jsonld",
            "fdp/index.ttl",
            "fdp/index.jsonld",
            "fdp/catalog/index.ttl",
            "fdp/catalog/main",
            "fdp/catalog/main.ttl",
            "fdp/catalog/main.jsonld",
            "fdp/dataset/index.ttl",
            "fdp/dataset/evil-set",
            "fdp/distribution/index.ttl",
            "fdp/distribution/chest-ct-nodules-1",
            "fdp/distribution/evil-set",
            "fdp/_headers",
            "fdp/.htaccess",
        ] {
            assert!(out.get(path).is_some(), "missing {path}");
        }
        hostile_text_survives_every_format(&out);
        // A developer aid: FAIRCAT_EXPORT_DUMP=dir keeps the files for the conformance script.
        if let Ok(dir) = std::env::var("FAIRCAT_EXPORT_DUMP") {
            out.commit(std::path::Path::new(&dir)).unwrap();
        }
    }

    fn text(out: &Output, path: &str) -> String {
        String::from_utf8(out.get(path).unwrap().to_vec()).unwrap()
    }

    fn hostile_text_survives_every_format(out: &Output) {
        use sample::HOSTILE;
        // JSON: nothing that could close a <script> element, and the text comes back intact.
        for path in [
            "api/catalog.json",
            "datasets/evil-set/croissant.json",
            "catalog.jsonld",
        ] {
            let body = text(out, path);
            assert!(!body.contains('<') && !body.contains('>'), "{path}");
            serde_json::from_str::<serde_json::Value>(&body).unwrap();
        }
        let api: serde_json::Value = serde_json::from_str(&text(out, "api/catalog.json")).unwrap();
        let evil = api["datasets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["slug"] == "evil-set")
            .unwrap();
        assert_eq!(evil["name"], HOSTILE);
        assert_eq!(evil["subjects"], 10);
        assert_eq!(evil["access"]["id"], "application");

        // CSV: one record per dataset despite newlines, quotes and commas; formulas defused.
        let body = text(out, "catalog.csv");
        let mut reader = ::csv::Reader::from_reader(body.as_bytes());
        let header = reader.headers().unwrap().clone();
        let col = |n: &str| header.iter().position(|h| h == n).unwrap();
        let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        let row = rows.iter().find(|r| &r[col("slug")] == "evil-set").unwrap();
        assert_eq!(&row[col("name")], format!("'{HOSTILE}"));
        assert_eq!(&row[col("acronym")], "'-EVIL");
        assert_eq!(&row[col("subjects")], "10");
        assert!(row[col("keywords")].starts_with("'=HYPERLINK"));

        // Turtle: the literal parses back to exactly the hostile text.
        let triples: Vec<oxrdf::Triple> = oxttl::TurtleParser::new()
            .for_slice(text(out, "catalog.ttl").as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(triples.iter().any(|t| matches!(&t.object,
            oxrdf::Term::Literal(l) if l.value() == HOSTILE)));
        for twin in ["fdp/dataset/evil-set.ttl", "fdp/dataset/evil-set.jsonld"] {
            assert!(
                out.get(twin).is_none(),
                "{twin}: dataset records have no twins"
            );
        }
        let fdp = text(out, "fdp/dataset/evil-set");
        let parsed: Vec<oxrdf::Triple> = oxttl::TurtleParser::new()
            .for_slice(fdp.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(parsed.iter().any(|t| matches!(&t.object,
            oxrdf::Term::Literal(l) if l.value() == HOSTILE)));
    }
}
