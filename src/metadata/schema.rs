//! JSON Schema (draft 2020-12) of a dataset entry, built from the same vocabularies the
//! validator uses (`vocab`): modality codes, body regions, label types, access routes,
//! platforms, file formats and SPDX licence ids. `faircat schema` prints it; the build publishes
//! it at [`PATH`]; entries made by `faircat new`/`init` point editors at it.
//!
//! The validator stays the authority (it also accepts case variants and common aliases, and
//! checks cross-entry facts); the schema lists the canonical spellings, which is what editors
//! should complete.

use crate::entry::fields::{Key, Need, Row, entry_rows};
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

    // One property per field of the entry, in schema order, described by its row's `doc`.
    let property = |row: &Row| -> Value {
        let d = row.doc;
        match row.key {
            Key::Slug => unreachable!("the slug is the file name, not a key of the file"),
            Key::Draft => flag(d),
            Key::Name => text(d),
            Key::Acronym => text(d),
            Key::AlternateNames => strings(d),
            Key::Description => json!({"type": "string", "minLength": 50, "description": d}),
            Key::Homepage => url(d),
            Key::Doi => doi(d),
            Key::Creators => json!({
                "type": "array",
                "description": d,
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
            }),
            Key::Publisher => json!({
                "description": d,
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
            }),
            Key::Version => json!({"type": ["string", "integer"], "description": d}),
            Key::Year => {
                json!({"type": "integer", "minimum": 1900, "maximum": 2100, "description": d})
            }
            Key::Released => date(d),
            Key::Updated => date(d),
            Key::Added => date(d),
            Key::Keywords => strings(d),
            Key::Topic => text(d),
            Key::Modalities => {
                let mut items = modality_items.clone();
                items["description"] = json!(d);
                items
            }
            Key::Anatomy => enum_list(anatomy.clone(), d),
            Key::Subjects => count(d),
            Key::Scans => count(d),
            Key::Studies => count(d),
            Key::Series => count(d),
            Key::Sequences => strings(d),
            Key::FileFormats => enum_list(file_formats.clone(), d),
            Key::Scanners => strings(d),
            Key::Geography => strings(d),
            Key::Pathologies => strings(d),
            Key::Targets => json!({
                "type": "object",
                "additionalProperties": false,
                "description": d,
                "properties": {
                    "pixel": strings("Annotated per pixel."),
                    "instance": strings("Annotated per instance."),
                    "image": strings("Annotated per image."),
                },
            }),
            Key::LabelTypes => enum_list(labels.clone(), d),
            Key::Complete => flag(d),
            Key::PathologyAnnotated => flag(d),
            Key::NormalAnatomyAnnotated => flag(d),
            Key::AnnotationProtocol => text(d),
            Key::License => json!({
                "description": d,
                "anyOf": [
                    {"enum": spdx_ids},
                    {"type": "string", "pattern": "^LicenseRef-[A-Za-z0-9.-]+$"},
                ],
            }),
            Key::LicenseName => text(d),
            Key::LicenseUrl => url(d),
            Key::DataUse => enum_list(data_use.clone(), d),
            Key::Access => json!({"enum": access, "description": d}),
            Key::AccessUrl => url(d),
            Key::Platform => enum_list(platforms.clone(), d),
            Key::Publishable => flag(d),
            Key::Phantom => flag(d),
            Key::Provision => text(d),
            Key::Contact => json!({
                "type": "object",
                "additionalProperties": false,
                "description": d,
                "properties": {
                    "name": text("Name."),
                    "email": {"type": "string", "format": "email", "pattern": "^[^@\\s]+@[^@\\s]+$"},
                    "url": url("Contact page."),
                },
            }),
            Key::Downloads => json!({
                "type": "array",
                "description": d,
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
            }),
            Key::Citations => json!({
                "type": "array",
                "description": d,
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
            }),
            Key::DerivedFrom => slug_list(d),
            Key::Related => slug_list(d),
            Key::Sources => strings(d),
            Key::Remarks => text(d),
        }
    };
    let properties: serde_json::Map<String, Value> = entry_rows()
        .map(|row| (row.name.to_string(), property(row)))
        .collect();
    let required: Vec<&str> = entry_rows()
        .filter(|r| r.need == Need::Required)
        .map(|r| r.name)
        .collect();
    let mut schema = json!({
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "faircat dataset entry",
    "description": "One YAML file per dataset: content/datasets/<slug>.yaml. See docs/entry-schema.md.",
    "type": "object",
    "additionalProperties": false,
    "required": [Key::Name.name()],
    "if": {"properties": {Key::Draft.name(): {"const": true}}, "required": [Key::Draft.name()]},
    "else": {"required": required},
    "properties": properties,
        });
    if let Some(id) = id {
        schema["$id"] = json!(id);
    }
    schema
}

/// An ORCID iD, bare or as its IRI (the validator also checks the check digit).
const ORCID_PATTERN: &str =
    "^(https?://(www\\.)?orcid\\.org/)?[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9Xx]$";
/// A ROR id, bare or as its IRI.
const ROR_PATTERN: &str = "^(https?://ror\\.org/)?0[0-9a-hjkmnp-tv-zA-HJKMNP-TV-Z]{6}[0-9]{2}$";
const SLUG_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
