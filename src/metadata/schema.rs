//! JSON Schema (draft 2020-12) of a dataset entry, built from the same vocabularies the
//! validator uses (`vocab`): modality codes, body regions, label types, access routes,
//! platforms, file formats and SPDX licence ids. `faircat schema` prints it; the build publishes
//! it at [`PATH`]; entries made by `faircat new`/`init` point editors at it.
//!
//! The validator stays the authority (it also accepts case variants and common aliases, and
//! checks cross-entry facts); the schema lists the canonical spellings, which is what editors
//! should complete.

use crate::vocab::{self, Access, LabelType};
use serde_json::{Value, json};

/// Where the build publishes the schema, relative to the site root.
pub const PATH: &str = "schema/dataset.schema.json";

/// The schema, with `id` (its absolute URL) as its `$id` when known.
pub fn dataset_schema(id: Option<&str>) -> Value {
    let text =
        |description: &str| json!({"type": "string", "minLength": 1, "description": description});
    let strings = |description: &str| json!({"type": "array", "items": {"type": "string", "minLength": 1}, "description": description});
    let url = |description: &str| json!({"type": "string", "format": "uri", "pattern": "^https?://[^\\s]+$", "description": description});
    let date = |description: &str| json!({"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": description});
    let count =
        |description: &str| json!({"type": "integer", "minimum": 0, "description": description});
    let flag = |description: &str| json!({"type": "boolean", "description": description});
    let doi = |description: &str| json!({"type": "string", "pattern": "^(https?://(dx\\.)?doi\\.org/)?10\\.[0-9]{4,9}/\\S+$", "description": description});
    let slug_list = |description: &str| json!({"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}, "description": description});
    let enum_list = |values: Vec<String>, description: &str| json!({"type": "array", "items": {"enum": values}, "uniqueItems": true, "description": description});

    let modalities: Vec<String> = vocab::modalities()
        .iter()
        .map(|m| m.code.to_string())
        .collect();
    let anatomy: Vec<String> = vocab::anatomies()
        .iter()
        .flat_map(|a| {
            std::iter::once(a.id.to_string())
                .chain(std::iter::once(a.label.to_string()))
                .chain(a.synonyms.iter().map(|s| s.to_string()))
        })
        .collect();
    let platforms: Vec<String> = vocab::platform_spellings().map(str::to_string).collect();
    let labels: Vec<String> = LabelType::ALL
        .iter()
        .map(|l| l.slug().to_string())
        .collect();
    let access: Vec<String> = Access::ALL.iter().map(|a| a.slug().to_string()).collect();
    let data_use: Vec<String> = crate::readiness::duo::spellings()
        .map(str::to_string)
        .collect();
    let file_formats: Vec<String> = vocab::FILE_FORMATS.iter().map(|f| f.to_string()).collect();
    let spdx_ids: Vec<&str> = vocab::spdx_ids().collect();

    let mut modality_items = json!({"type": "array", "minItems": 1, "uniqueItems": true,
        "items": {"enum": modalities},
        "description": "DICOM modality codes (CID 29); PET-CT is [PT, CT]."});
    if vocab::modalities().is_empty() {
        modality_items["items"] = json!({"type": "string"});
    }

    let mut properties = serde_json::Map::new();
    properties.extend(object(json!({
            "draft": flag("true: kept in the repository but not published."),
            "name": text("Full name of the dataset."),
            "acronym": text("Short name."),
            "alternate_names": strings("Other names it is known by."),
            "description": {"type": "string", "minLength": 50, "description": "Markdown, at least 50 characters."},
            "homepage": url("The dataset's main page."),
            "doi": doi("The dataset's own DOI, bare or as https://doi.org/…"),
    })));
    properties.extend(object(json!({
            "creators": {
                "type": "array",
                "description": "Who made the dataset, in citation order: a person's name (\"Family, Given\") or a mapping.",
                "items": {
                    "anyOf": [
                        text("A person's name, \"Family, Given\"."),
                        {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["name"],
                            "properties": {
                                "name": text("\"Family, Given\" for a person; the organisation's name."),
                                "type": {"enum": ["person", "organization"], "description": "person (default) or organization."},
                                "orcid": {"type": "string", "pattern": ORCID_PATTERN, "description": "ORCID iD of a person."},
                                "ror": {"type": "string", "pattern": ROR_PATTERN, "description": "ROR id of an organisation (implies type: organization)."},
                            },
                        },
                    ],
                },
            },
            "publisher": {
                "description": "The dataset's own publisher (not this catalog): an organisation's name or a mapping.",
                "anyOf": [
                    text("The organisation's name."),
                    {
                        "type": "object",
                        "additionalProperties": false,
                        "required": ["name"],
                        "properties": {
                            "name": text("The organisation's name."),
                            "url": url("Its homepage."),
                            "ror": {"type": "string", "pattern": ROR_PATTERN, "description": "Its ROR id."},
                        },
                    },
                ],
            },
            "version": {"type": ["string", "integer"], "description": "The dataset's version, as its publisher names it."},
    })));
    properties.extend(object(json!({
            "year": {"type": "integer", "minimum": 1900, "maximum": 2100, "description": "Year of first release."},
            "released": date("First release date."),
            "updated": date("Last update of the data."),
            "added": date("When the entry was added to this catalog."),
            "keywords": strings("Free keywords."),
    })));
    properties.extend(object(json!({
            "topic": text("The main task or subject, one line."),
            "modalities": modality_items,
            "anatomy": enum_list(anatomy, "Body regions (`faircat vocab anatomy`)."),
            "subjects": count("Number of patients / participants."),
            "scans": count("Number of image volumes."),
            "studies": count("Number of imaging studies."),
            "series": count("Number of DICOM series."),
            "sequences": strings("MR sequences or CT phases."),
            "file_formats": enum_list(file_formats, "File formats."),
            "scanners": strings("Scanner vendors or models."),
            "geography": strings("Countries where the data was acquired."),
            "pathologies": strings("Diseases or findings present."),
    })));
    properties.extend(object(json!({
            "targets": {
                "type": "object",
                "additionalProperties": false,
                "description": "Structures annotated at each level.",
                "properties": {
                    "pixel": strings("Annotated per pixel."),
                    "instance": strings("Annotated per instance."),
                    "image": strings("Annotated per image."),
                },
            },
            "label_types": enum_list(labels, "Kinds of annotation."),
            "complete": flag("Are all targets annotated in every image?"),
            "pathology_annotated": flag("Are pathologies annotated?"),
            "normal_anatomy_annotated": flag("Are non-pathological structures annotated?"),
            "annotation_protocol": text("How annotations were made (Markdown)."),
            "license": {
                "description": "SPDX licence id, or LicenseRef-… with license_name and license_url.",
                "anyOf": [
                    {"enum": spdx_ids},
                    {"type": "string", "pattern": "^LicenseRef-[A-Za-z0-9.-]+$"},
                ],
            },
            "license_name": text("Name of a LicenseRef-… licence."),
            "license_url": url("Where the text of a LicenseRef-… licence is."),
            "data_use": enum_list(data_use, "Data-use conditions: GA4GH Data Use Ontology codes."),
            "access": {"enum": access, "description": "How the data is obtained."},
            "access_url": url("Where to obtain it."),
            "platform": enum_list(platforms, "Hosting platforms (`faircat vocab platforms`)."),
    })));
    properties.extend(object(json!({
            "publishable": flag("Usable for scientific publication."),
            "provision": text("How the curators obtained it."),
            "contact": {
                "type": "object",
                "additionalProperties": false,
                "description": "The data owner.",
                "properties": {
                    "name": text("Name."),
                    "email": {"type": "string", "format": "email", "pattern": "^[^@\\s]+@[^@\\s]+$"},
                    "url": url("Contact page."),
                },
            },
            "downloads": {
                "type": "array",
                "description": "Files that can be downloaded directly.",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["url"],
                    "properties": {
                        "url": url("Download URL."),
                        "name": text("File name."),
                        "media_type": {"type": "string", "pattern": "^[a-z]+/[A-Za-z0-9.+-]+$", "description": "IANA media type."},
                        "size_bytes": count("Size in bytes."),
                        "sha256": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$", "description": "SHA-256 of the file, hex."},
                    },
                },
            },
            "citations": {
                "type": "array",
                "description": "How to cite; one is preferred (the first if none is marked).",
                "items": {
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["text"],
                    "properties": {
                        "text": text("The reference as text."),
                        "doi": doi("DOI of the publication."),
                        "url": url("Link to the publication."),
                        "preferred": flag("The one to cite."),
                    },
                },
            },
            "derived_from": slug_list("Slugs of entries this dataset was derived from."),
            "related": slug_list("Slugs of related entries."),
            "sources": strings("Where the facts of this entry come from."),
            "remarks": text("Anything else: caveats, unverified facts (Markdown)."),

    })));
    let mut schema = json!({
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "faircat dataset entry",
    "description": "One YAML file per dataset: content/datasets/<slug>.yaml. See docs/entry-schema.md.",
    "type": "object",
    "additionalProperties": false,
    "required": ["name"],
    "if": {"properties": {"draft": {"const": true}}, "required": ["draft"]},
    "else": {"required": ["name", "description", "modalities"]},
    "properties": properties,
        });
    if let Some(id) = id {
        schema["$id"] = json!(id);
    }
    schema
}

fn object(v: Value) -> serde_json::Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => unreachable!("a json! object literal"),
    }
}

/// An ORCID iD, bare or as its IRI (the validator also checks the check digit).
const ORCID_PATTERN: &str =
    "^(https?://(www\\.)?orcid\\.org/)?[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9Xx]$";
/// A ROR id, bare or as its IRI.
const ROR_PATTERN: &str = "^(https?://ror\\.org/)?0[0-9a-hjkmnp-tv-zA-HJKMNP-TV-Z]{6}[0-9]{2}$";
const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
