//! A static, read-only FAIR Data Point under `/fdp/`.
//!
//! Records (IRI → files; each record in Turtle; all but the dataset and distribution records,
//! of which a large catalog has many, with a JSON-LD twin):
//!
//! | IRI | what | files |
//! |---|---|---|
//! | `<base>fdp/` | `fdp-o:FAIRDataPoint` root | `fdp/index.ttl`, `fdp/index.jsonld` |
//! | `<base>fdp/catalog/` | `ldp:DirectContainer` of catalogs | `fdp/catalog/index.ttl`, `.jsonld` |
//! | `<base>fdp/catalog/main` | `dcat:Catalog` record | `fdp/catalog/main`, `main.ttl`, `main.jsonld` |
//! | `<base>fdp/dataset/` | `ldp:BasicContainer` of dataset records | `fdp/dataset/index.ttl`, `.jsonld` |
//! | `<base>fdp/dataset/<slug>` | `dcat:Dataset` record | `fdp/dataset/<slug>` |
//! | `<base>fdp/distribution/` | `ldp:BasicContainer` of distribution records | `fdp/distribution/index.ttl`, `.jsonld` |
//! | `<base>fdp/distribution/<slug>[-<n>]` | `dcat:Distribution` record | `fdp/distribution/<slug>[-<n>]` |
//!
//! With `[output] fdp_records = false` (`faircat.toml`) the dataset and distribution records
//! and their two containers are left out; the catalog record then points to `catalog.ttl`
//! (`rdfs:seeAlso`) instead of listing `dcat:dataset` records.
//!
//! Extension-less files hold Turtle so every record IRI dereferences on any static host;
//! `fdp/_headers` (Netlify, Cloudflare Pages) and `fdp/.htaccess` (Apache) add the right media
//! types and content negotiation where the host supports it.
//!
//! The membership of datasets in the catalog and of distributions in datasets is stated by the
//! records themselves (`dcat:dataset`, `dcat:distribution`), so their containers are
//! `ldp:BasicContainer`s; the FDP shapes describe `ldp:DirectContainer` as the container of
//! catalogs only.

use super::dcat;
use super::rdf::{Graph, text_lang, typed};
use crate::model::{Catalog, Dataset};
use crate::output::Job;
use oxrdf::{NamedNode, NamedOrBlankNode};

/// The FDP specification the records follow.
pub const FDP_SPEC: &str = "https://specs.fairdatapoint.org/fdp-specs-v1.2.html";
const FDP_PROFILE: &str = "https://www.purl.org/fairtools/fdp/schema/0.1/fdpMetadata";
const CATALOG_PROFILE: &str = "https://www.purl.org/fairtools/fdp/schema/0.1/catalogMetadata";
const DATASET_PROFILE: &str = "https://www.purl.org/fairtools/fdp/schema/0.1/datasetMetadata";
const DISTRIBUTION_PROFILE: &str =
    "https://www.purl.org/fairtools/fdp/schema/0.1/distributionMetadata";

/// The jobs that write the FAIR Data Point: the root, containers and catalog record, then
/// the dataset and distribution records a chunk of datasets at a time.
pub fn jobs(catalog: &Catalog) -> Vec<Job<'_>> {
    let mut jobs = vec![Job::new("fdp containers", move |sink| {
        sink.add_many(record_files(&containers(catalog)))?;
        let headers = if catalog.config.output.fdp_records {
            format!("{HEADERS}{RECORD_HEADERS}")
        } else {
            HEADERS.to_string()
        };
        sink.add("fdp/_headers", headers)?;
        sink.add("fdp/.htaccess", HTACCESS)?;
        Ok(())
    })];
    if catalog.config.output.fdp_records {
        jobs.extend(super::per_dataset_jobs(catalog, "fdp records", |d| {
            record_files(&item_records(catalog, d))
        }));
    }
    jobs
}

/// The files of records: a container's or the root's `index.ttl` and `index.jsonld`; the
/// catalog record's extension-less Turtle with `.ttl` and `.jsonld` twins; a dataset or
/// distribution record's extension-less Turtle only.
fn record_files(records: &[(String, Graph)]) -> Vec<(String, Vec<u8>)> {
    records
        .iter()
        .flat_map(|(path, graph)| {
            let turtle = graph.to_turtle();
            match path.strip_suffix('/') {
                Some(dir) => vec![
                    (format!("{dir}/index.ttl"), turtle),
                    (format!("{dir}/index.jsonld"), graph.to_jsonld()),
                ],
                None if is_item_record(path) => vec![(path.clone(), turtle)],
                None => vec![
                    (path.clone(), turtle.clone()),
                    (format!("{path}.ttl"), turtle),
                    (format!("{path}.jsonld"), graph.to_jsonld()),
                ],
            }
        })
        .collect()
}

/// The root record, the containers and the catalog record.
fn containers(catalog: &Catalog) -> Vec<(String, Graph)> {
    let c = &catalog.config;
    let root = node(c.url("fdp/"));
    let catalogs = node(c.url("fdp/catalog/"));
    let cat = node(c.url("fdp/catalog/main"));
    let datasets_container = node(c.url("fdp/dataset/"));
    let dists_container = node(c.url("fdp/distribution/"));
    let lang = c.language.as_str();
    let mut records = Vec::new();

    // The root record.
    let mut g = Graph::new();
    g.typed(root.clone(), "fdp-o:FAIRDataPoint");
    g.add(
        root.clone(),
        "dct:title",
        text_lang(&format!("{} FAIR Data Point", c.title), lang),
    );
    g.add(
        root.clone(),
        "dct:description",
        text_lang(
            &format!("Static, read-only FAIR Data Point of {}.", c.title),
            lang,
        ),
    );
    g.add(root.clone(), "dct:conformsTo", node(FDP_PROFILE.into()));
    g.add(
        root.clone(),
        "fdp-o:conformsToFdpSpec",
        node(FDP_SPEC.into()),
    );
    g.add(root.clone(), "dct:conformsToFdpSpec", node(FDP_SPEC.into()));
    g.add(root.clone(), "dcat:endPointURL", root.clone());
    g.add(root.clone(), "fdp-o:metadataCatalog", cat.clone());
    record_metadata(&mut g, catalog, &root, true);
    records.push(("fdp/".to_string(), g));

    // The container of catalogs.
    let mut g = Graph::new();
    g.typed(catalogs.clone(), "ldp:DirectContainer");
    g.add(catalogs.clone(), "dct:title", text_lang("Catalogs", "en"));
    g.add(catalogs.clone(), "ldp:membershipResource", root.clone());
    g.add(
        catalogs.clone(),
        "ldp:hasMemberRelation",
        super::rdf::n("fdp-o:metadataCatalog"),
    );
    g.add(catalogs.clone(), "ldp:contains", cat.clone());
    records.push(("fdp/catalog/".to_string(), g));

    // The catalog record.
    let mut g = Graph::new();
    g.typed(cat.clone(), "dcat:Catalog");
    g.add(cat.clone(), "dct:title", text_lang(&c.title, lang));
    g.add(
        cat.clone(),
        "dct:description",
        text_lang(c.description_or_title(), lang),
    );
    g.add(cat.clone(), "dct:conformsTo", node(CATALOG_PROFILE.into()));
    g.add(cat.clone(), "dct:isPartOf", root.clone());
    g.add(cat.clone(), "dcat:endPointURL", root.clone());
    let home = node(c.base_url.clone());
    g.add(cat.clone(), "foaf:homepage", home.clone());
    g.typed(home, "foaf:Document");
    let with_records = c.output.fdp_records;
    if with_records {
        for d in &catalog.datasets {
            g.add(
                cat.clone(),
                "dcat:dataset",
                dataset_record_iri(catalog, &d.slug),
            );
        }
    } else {
        // `[output] fdp_records = false`: no dataset records to list; the datasets are in the
        // DCAT-AP catalog.
        g.add(cat.clone(), "rdfs:seeAlso", node(c.url("catalog.ttl")));
    }
    record_metadata(&mut g, catalog, &cat, true);
    records.push(("fdp/catalog/main".to_string(), g));
    if !with_records {
        return records;
    }

    // The containers of dataset and distribution records.
    let mut dataset_list = Graph::new();
    dataset_list.typed(datasets_container.clone(), "ldp:BasicContainer");
    dataset_list.add(
        datasets_container.clone(),
        "dct:title",
        text_lang("Datasets", "en"),
    );
    let mut dist_list = Graph::new();
    dist_list.typed(dists_container.clone(), "ldp:BasicContainer");
    dist_list.add(
        dists_container.clone(),
        "dct:title",
        text_lang("Distributions", "en"),
    );
    for d in &catalog.datasets {
        let ds = dataset_record_iri(catalog, &d.slug);
        dataset_list.add(datasets_container.clone(), "ldp:contains", ds);
        for dist in dcat::distribution_iris(catalog, d, &distribution_base(catalog, d)) {
            dist_list.add(dists_container.clone(), "ldp:contains", dist);
        }
    }
    records.push(("fdp/dataset/".to_string(), dataset_list));
    records.push(("fdp/distribution/".to_string(), dist_list));
    records
}

fn distribution_base(catalog: &Catalog, d: &Dataset) -> String {
    catalog.config.url(&format!("fdp/distribution/{}", d.slug))
}

/// The records of one dataset: one per distribution, then the dataset's.
fn item_records(catalog: &Catalog, d: &Dataset) -> Vec<(String, Graph)> {
    let c = &catalog.config;
    let cat = node(c.url("fdp/catalog/main"));
    let ds = dataset_record_iri(catalog, &d.slug);
    let mut g = Graph::new();
    let dists = dcat::add_dataset(
        &mut g,
        catalog,
        d,
        ds.clone(),
        &distribution_base(catalog, d),
        false,
    );
    g.add(ds.clone(), "dct:conformsTo", node(DATASET_PROFILE.into()));
    g.add(ds.clone(), "dct:isPartOf", cat);
    record_metadata(&mut g, catalog, &ds, false);
    let mut records = Vec::new();
    for dist in &dists {
        let roots: Vec<NamedOrBlankNode> = vec![dist.clone().into()];
        let mut record = g.subgraph(&roots);
        record.add(dist.clone(), "dct:isPartOf", ds.clone());
        record.add(
            dist.clone(),
            "dct:conformsTo",
            node(DISTRIBUTION_PROFILE.into()),
        );
        record_metadata(&mut record, catalog, dist, false);
        let dist_path = dist
            .as_str()
            .strip_prefix(c.base_url.as_str())
            .expect("records live under base_url")
            .to_string();
        records.push((dist_path, record));
    }
    records.push((format!("fdp/dataset/{}", d.slug), g));
    records
}

/// A dataset or distribution record: one Turtle file at its IRI. There are one or more per
/// dataset, so they get no `.ttl` and `.jsonld` twins (which tripled the files of a large
/// catalog); the root, its containers and the catalog record keep theirs.
fn is_item_record(path: &str) -> bool {
    path.starts_with("fdp/dataset/") || path.starts_with("fdp/distribution/")
}

fn dataset_record_iri(catalog: &Catalog, slug: &str) -> NamedNode {
    node(catalog.config.url(&format!("fdp/dataset/{slug}")))
}

/// What every FDP record carries: identifier and dates; the root and the catalog record (whose
/// resource *is* metadata) also the publisher and the metadata licence. Dataset and
/// distribution records keep the dataset's own publisher and licence.
fn record_metadata(g: &mut Graph, catalog: &Catalog, record: &NamedNode, metadata_resource: bool) {
    if metadata_resource {
        g.add(
            record.clone(),
            "dct:publisher",
            dcat::publisher_iri(catalog),
        );
        dcat::add_publisher(g, catalog);
        dcat::add_metadata_license(g, catalog, record);
    }
    g.add(
        record.clone(),
        "fdp-o:metadataIdentifier",
        node(format!("{}#identifier", record.as_str())),
    );
    // The catalog's own date (never the clock), so builds stay reproducible.
    if let Some(date) = catalog.modified() {
        let stamp = typed(format!("{date}T00:00:00Z"), "xsd:dateTime");
        g.add(record.clone(), "fdp-o:metadataIssued", stamp.clone());
        g.add(record.clone(), "fdp-o:metadataModified", stamp);
    }
}

fn node(iri: String) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// Media types for hosts that read `_headers` (Netlify, Cloudflare Pages). Paths are relative
/// to the site root, so a site served under a sub-path needs them prefixed.
const HEADERS: &str = "\
# FAIR Data Point records: Turtle; the root, containers and catalog record have JSON-LD twins.
/fdp/*.ttl
  Content-Type: text/turtle; charset=utf-8
  Access-Control-Allow-Origin: *
/fdp/*.jsonld
  Content-Type: application/ld+json; charset=utf-8
  Access-Control-Allow-Origin: *
/fdp/catalog/main
  Content-Type: text/turtle; charset=utf-8
";

/// [`HEADERS`] for the dataset and distribution records, when they are written.
const RECORD_HEADERS: &str = "\
/fdp/dataset/*
  Content-Type: text/turtle; charset=utf-8
/fdp/distribution/*
  Content-Type: text/turtle; charset=utf-8
";

/// Content negotiation for Apache (`AllowOverride FileInfo Options Indexes`): the record IRI
/// serves JSON-LD to clients that ask for it and Turtle otherwise.
const HTACCESS: &str = "\
# FAIR Data Point: content negotiation between Turtle and JSON-LD.
AddType text/turtle .ttl
AddType application/ld+json .jsonld
DirectoryIndex index.ttl
Header set Access-Control-Allow-Origin \"*\"
RewriteEngine On
# Extension-less records: JSON-LD when asked for, else Turtle.
RewriteCond %{HTTP_ACCEPT} application/ld\\+json
RewriteCond %{REQUEST_FILENAME}.jsonld -f
RewriteRule ^(.+)$ $1.jsonld [L,T=application/ld+json]
RewriteCond %{REQUEST_FILENAME}.ttl -f
RewriteRule ^(.+)$ $1.ttl [L,T=text/turtle]
# Containers and the root: index.jsonld when asked for.
RewriteCond %{HTTP_ACCEPT} application/ld\\+json
RewriteCond %{REQUEST_FILENAME} -d
RewriteRule ^(.*)$ $1index.jsonld [L,T=application/ld+json]
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn containers_list_the_distributions_the_records_describe() {
        let catalog = super::super::sample::catalog();
        let container = containers(&catalog)
            .into_iter()
            .find(|(path, _)| path == "fdp/distribution/")
            .map(|(_, g)| g.to_turtle())
            .unwrap();
        let mut listed: Vec<String> = oxttl::TurtleParser::new()
            .for_slice(&container)
            .map(Result::unwrap)
            .filter(|t| t.predicate.as_str() == "http://www.w3.org/ns/ldp#contains")
            .map(|t| t.object.to_string())
            .collect();
        let mut described: Vec<String> = catalog
            .datasets
            .iter()
            .flat_map(|d| item_records(&catalog, d))
            .map(|(path, _)| path)
            .filter(|p| p.starts_with("fdp/distribution/"))
            .map(|p| format!("<{}>", catalog.config.url(&p)))
            .collect();
        listed.sort();
        described.sort();
        assert!(described.len() >= 2, "{described:?}");
        assert_eq!(listed, described);
    }
}
