//! A static, read-only FAIR Data Point under `/fdp/`.
//!
//! Records (IRI → files; each record in Turtle, with a JSON-LD twin):
//!
//! | IRI | what | files |
//! |---|---|---|
//! | `<base>fdp/` | `fdp-o:FAIRDataPoint` root | `fdp/index.ttl`, `fdp/index.jsonld` |
//! | `<base>fdp/catalog/` | `ldp:DirectContainer` of catalogs | `fdp/catalog/index.ttl`, `.jsonld` |
//! | `<base>fdp/catalog/main` | `dcat:Catalog` record | `fdp/catalog/main`, `main.ttl`, `main.jsonld` |
//! | `<base>fdp/dataset/` | `ldp:BasicContainer` of dataset records | `fdp/dataset/index.ttl`, `.jsonld` |
//! | `<base>fdp/dataset/<slug>` | `dcat:Dataset` record | `fdp/dataset/<slug>`, `.ttl`, `.jsonld` |
//! | `<base>fdp/distribution/` | `ldp:BasicContainer` of distribution records | `fdp/distribution/index.ttl`, `.jsonld` |
//! | `<base>fdp/distribution/<slug>[-<n>]` | `dcat:Distribution` record | likewise |
//!
//! Extension-less files hold Turtle so every record IRI dereferences on any static host;
//! `fdp/_headers` (Netlify, Cloudflare Pages) and `fdp/.htaccess` (Apache) add the right media
//! types and content negotiation where the host supports it.
//!
//! The membership of datasets in the catalog and of distributions in datasets is stated by the
//! records themselves (`dcat:dataset`, `dcat:distribution`), so their containers are
//! `ldp:BasicContainer`s; the FDP shapes describe `ldp:DirectContainer` as the container of
//! catalogs only.

use super::ExportError;
use super::dcat;
use super::rdf::{Graph, text_lang, typed};
use crate::model::Catalog;
use crate::output::Output;
use oxrdf::{NamedNode, NamedOrBlankNode};

/// The FDP specification the records follow.
pub const FDP_SPEC: &str = "https://specs.fairdatapoint.org/fdp-specs-v1.2.html";
const FDP_PROFILE: &str = "https://www.purl.org/fairtools/fdp/schema/0.1/fdpMetadata";
const CATALOG_PROFILE: &str = "https://www.purl.org/fairtools/fdp/schema/0.1/catalogMetadata";
const DATASET_PROFILE: &str = "https://www.purl.org/fairtools/fdp/schema/0.1/datasetMetadata";
const DISTRIBUTION_PROFILE: &str =
    "https://www.purl.org/fairtools/fdp/schema/0.1/distributionMetadata";

pub fn write(catalog: &Catalog, out: &mut Output) -> Result<(), ExportError> {
    use rayon::prelude::*;
    let files: Vec<(String, Vec<u8>)> = records(catalog)
        .par_iter()
        .flat_map_iter(|(path, graph)| {
            let turtle = graph.to_turtle();
            let jsonld = graph.to_jsonld();
            match path.strip_suffix('/') {
                Some(dir) => vec![
                    (format!("{dir}/index.ttl"), turtle),
                    (format!("{dir}/index.jsonld"), jsonld),
                ],
                None => vec![
                    (path.clone(), turtle.clone()),
                    (format!("{path}.ttl"), turtle),
                    (format!("{path}.jsonld"), jsonld),
                ],
            }
        })
        .collect();
    out.add_many(files)?;
    out.add("fdp/_headers", HEADERS)?;
    out.add("fdp/.htaccess", HTACCESS)?;
    Ok(())
}

/// Every FDP record: its path under the site root (a trailing `/` for containers and the
/// root) and its graph.
pub fn records(catalog: &Catalog) -> Vec<(String, Graph)> {
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
    let description = if c.description.trim().is_empty() {
        &c.title
    } else {
        &c.description
    };
    g.add(cat.clone(), "dct:description", text_lang(description, lang));
    g.add(cat.clone(), "dct:conformsTo", node(CATALOG_PROFILE.into()));
    g.add(cat.clone(), "dct:isPartOf", root.clone());
    g.add(cat.clone(), "dcat:endPointURL", root.clone());
    let home = node(c.base_url.clone());
    g.add(cat.clone(), "foaf:homepage", home.clone());
    g.typed(home, "foaf:Document");
    for d in &catalog.datasets {
        g.add(
            cat.clone(),
            "dcat:dataset",
            dataset_record_iri(catalog, &d.slug),
        );
    }
    record_metadata(&mut g, catalog, &cat, true);
    records.push(("fdp/catalog/main".to_string(), g));

    // Dataset and distribution records, and their containers.
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
    let mut item_records = Vec::new();
    for d in &catalog.datasets {
        let ds = dataset_record_iri(catalog, &d.slug);
        dataset_list.add(datasets_container.clone(), "ldp:contains", ds.clone());
        let mut g = Graph::new();
        let dist_base = c.url(&format!("fdp/distribution/{}", d.slug));
        let dists = dcat::add_dataset(&mut g, catalog, d, ds.clone(), &dist_base, false);
        g.add(ds.clone(), "dct:conformsTo", node(DATASET_PROFILE.into()));
        g.add(ds.clone(), "dct:isPartOf", cat.clone());
        record_metadata(&mut g, catalog, &ds, false);
        for dist in &dists {
            dist_list.add(dists_container.clone(), "ldp:contains", dist.clone());
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
            item_records.push((dist_path, record));
        }
        item_records.push((format!("fdp/dataset/{}", d.slug), g));
    }
    records.push(("fdp/dataset/".to_string(), dataset_list));
    records.push(("fdp/distribution/".to_string(), dist_list));
    records.extend(item_records);
    records
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
# FAIR Data Point records: Turtle by default, JSON-LD twins beside them.
/fdp/*.ttl
  Content-Type: text/turtle; charset=utf-8
  Access-Control-Allow-Origin: *
/fdp/*.jsonld
  Content-Type: application/ld+json; charset=utf-8
  Access-Control-Allow-Origin: *
/fdp/catalog/main
  Content-Type: text/turtle; charset=utf-8
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
