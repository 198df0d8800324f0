//! The columns a spreadsheet can have, and how its headers are matched to them.
//!
//! A header is compared with every known name after dropping case, spaces and punctuation
//! ("Dataset Name" = "dataset_name" = "DATASET-NAME"), first as it is, then without its
//! parenthetical remarks ("axes (N)" → "axes"). `--map "Column=field"` overrides the guess.

use crate::diagnostics::did_you_mean;

/// Where a column's values go. The order is the entry schema's (docs/entry-schema.md), which is
/// also the order of the columns `faircat export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Slug,
    Draft,
    Name,
    Acronym,
    AlternateNames,
    Description,
    Homepage,
    Doi,
    /// A JSON list of creator maps, or `;`-separated persons' names.
    Creators,
    /// A JSON object (`name`, `url`, `ror`) or an organisation's name.
    Publisher,
    Version,
    Year,
    Released,
    Updated,
    Added,
    Keywords,
    Topic,
    Modalities,
    Anatomy,
    Subjects,
    Scans,
    Studies,
    Series,
    Sequences,
    FileFormats,
    Scanners,
    Geography,
    Pathologies,
    TargetsPixel,
    TargetsInstance,
    TargetsImage,
    LabelTypes,
    Complete,
    /// "Any targets not correctly annotated?": the negation of `complete`.
    Incomplete,
    PathologyAnnotated,
    NormalAnatomyAnnotated,
    AnnotationProtocol,
    License,
    LicenseName,
    LicenseUrl,
    /// GA4GH Data Use Ontology codes.
    DataUse,
    Access,
    AccessUrl,
    Platform,
    Publishable,
    Provision,
    ContactName,
    ContactEmail,
    ContactUrl,
    /// A JSON list of download maps (what `faircat export` writes).
    Downloads,
    /// A JSON list of citation maps (what `faircat export` writes).
    Citations,
    /// One citation's text.
    Citation,
    /// One citation's DOI.
    CitationDoi,
    DerivedFrom,
    Related,
    Sources,
    Remarks,
    /// Species of the subjects: "Human" says nothing new; another species becomes a keyword and
    /// a remark.
    Species,
    /// A column kept in `remarks` under its header, as a fact rather than a problem (a status,
    /// the kinds of supporting data).
    Note,
    /// A column that is known to carry nothing for the entry (a row number).
    Ignore,
}

/// What kind of value a field holds: decides how a cell is normalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Markdown, may span lines.
    Markdown,
    Slug,
    Url,
    Doi,
    Email,
    Integer,
    Year,
    Date,
    Bool,
    /// Free strings; `;`-separated, or `,`-separated when there is no `;`.
    List,
    /// Free strings that may contain commas (names, sources); only `;` separates.
    SemicolonList,
    SlugList,
    Modalities,
    Anatomy,
    LabelTypes,
    License,
    Access,
    Platforms,
    /// GA4GH Data Use Ontology codes (shorthands or ids).
    DataUse,
    /// A JSON array of maps (downloads, citations).
    JsonMaps,
    /// Creators: a JSON array of maps or names, or `;`-separated names.
    Creators,
    /// A publisher: a JSON object or an organisation's name.
    Publisher,
    Species,
    Note,
    Ignore,
}

impl Field {
    /// Every field, in schema order (= export column order), without `Ignore` and the fields
    /// that only exist for import (`incomplete`, `citation`, `citation_doi`, `species`, `note`).
    pub const EXPORTED: [Field; 54] = [
        Field::Slug,
        Field::Draft,
        Field::Name,
        Field::Acronym,
        Field::AlternateNames,
        Field::Description,
        Field::Homepage,
        Field::Doi,
        Field::Creators,
        Field::Publisher,
        Field::Version,
        Field::Year,
        Field::Released,
        Field::Updated,
        Field::Added,
        Field::Keywords,
        Field::Topic,
        Field::Modalities,
        Field::Anatomy,
        Field::Subjects,
        Field::Scans,
        Field::Studies,
        Field::Series,
        Field::Sequences,
        Field::FileFormats,
        Field::Scanners,
        Field::Geography,
        Field::Pathologies,
        Field::TargetsPixel,
        Field::TargetsInstance,
        Field::TargetsImage,
        Field::LabelTypes,
        Field::Complete,
        Field::PathologyAnnotated,
        Field::NormalAnatomyAnnotated,
        Field::AnnotationProtocol,
        Field::License,
        Field::LicenseName,
        Field::LicenseUrl,
        Field::DataUse,
        Field::Access,
        Field::AccessUrl,
        Field::Platform,
        Field::Publishable,
        Field::Provision,
        Field::ContactName,
        Field::ContactEmail,
        Field::ContactUrl,
        Field::Downloads,
        Field::Citations,
        Field::DerivedFrom,
        Field::Related,
        Field::Sources,
        Field::Remarks,
    ];

    /// Every field a column can be mapped to.
    pub fn all() -> impl Iterator<Item = Field> {
        Field::EXPORTED.into_iter().chain([
            Field::Incomplete,
            Field::Citation,
            Field::CitationDoi,
            Field::Species,
            Field::Note,
            Field::Ignore,
        ])
    }

    /// The column name `faircat export` writes and `--map` accepts.
    pub fn id(self) -> &'static str {
        match self {
            Field::Slug => "slug",
            Field::Draft => "draft",
            Field::Name => "name",
            Field::Acronym => "acronym",
            Field::AlternateNames => "alternate_names",
            Field::Description => "description",
            Field::Homepage => "homepage",
            Field::Doi => "doi",
            Field::Creators => "creators",
            Field::Publisher => "publisher",
            Field::Version => "version",
            Field::Year => "year",
            Field::Released => "released",
            Field::Updated => "updated",
            Field::Added => "added",
            Field::Keywords => "keywords",
            Field::Topic => "topic",
            Field::Modalities => "modalities",
            Field::Anatomy => "anatomy",
            Field::Subjects => "subjects",
            Field::Scans => "scans",
            Field::Studies => "studies",
            Field::Series => "series",
            Field::Sequences => "sequences",
            Field::FileFormats => "file_formats",
            Field::Scanners => "scanners",
            Field::Geography => "geography",
            Field::Pathologies => "pathologies",
            Field::TargetsPixel => "targets_pixel",
            Field::TargetsInstance => "targets_instance",
            Field::TargetsImage => "targets_image",
            Field::LabelTypes => "label_types",
            Field::Complete => "complete",
            Field::Incomplete => "incomplete",
            Field::PathologyAnnotated => "pathology_annotated",
            Field::NormalAnatomyAnnotated => "normal_anatomy_annotated",
            Field::AnnotationProtocol => "annotation_protocol",
            Field::License => "license",
            Field::LicenseName => "license_name",
            Field::LicenseUrl => "license_url",
            Field::DataUse => "data_use",
            Field::Access => "access",
            Field::AccessUrl => "access_url",
            Field::Platform => "platform",
            Field::Publishable => "publishable",
            Field::Provision => "provision",
            Field::ContactName => "contact_name",
            Field::ContactEmail => "contact_email",
            Field::ContactUrl => "contact_url",
            Field::Downloads => "downloads",
            Field::Citations => "citations",
            Field::Citation => "citation",
            Field::CitationDoi => "citation_doi",
            Field::DerivedFrom => "derived_from",
            Field::Related => "related",
            Field::Sources => "sources",
            Field::Remarks => "remarks",
            Field::Species => "species",
            Field::Note => "note",
            Field::Ignore => "ignore",
        }
    }

    pub fn kind(self) -> Kind {
        use Field::*;
        match self {
            Slug => Kind::Slug,
            Draft
            | Complete
            | Incomplete
            | PathologyAnnotated
            | NormalAnatomyAnnotated
            | Publishable => Kind::Bool,
            Name | Acronym | Topic | Provision | LicenseName | ContactName | Citation | Version => {
                Kind::Text
            }
            Description | AnnotationProtocol | Remarks => Kind::Markdown,
            Homepage | LicenseUrl | AccessUrl | ContactUrl => Kind::Url,
            Doi | CitationDoi => Kind::Doi,
            ContactEmail => Kind::Email,
            Year => Kind::Year,
            Released | Updated | Added => Kind::Date,
            Subjects | Scans | Studies | Series => Kind::Integer,
            Keywords | Sequences | FileFormats | Scanners | Geography | Pathologies
            | TargetsPixel | TargetsInstance | TargetsImage => Kind::List,
            AlternateNames | Sources => Kind::SemicolonList,
            DerivedFrom | Related => Kind::SlugList,
            Modalities => Kind::Modalities,
            Anatomy => Kind::Anatomy,
            LabelTypes => Kind::LabelTypes,
            License => Kind::License,
            Access => Kind::Access,
            Platform => Kind::Platforms,
            DataUse => Kind::DataUse,
            Downloads | Citations => Kind::JsonMaps,
            Creators => Kind::Creators,
            Publisher => Kind::Publisher,
            Species => Kind::Species,
            Note => Kind::Note,
            Ignore => Kind::Ignore,
        }
    }

    /// Look a field up by its id (`--map` values); dots and dashes are accepted for
    /// underscores (`targets.pixel`, `contact-email`).
    pub fn from_id(id: &str) -> Option<Field> {
        let wanted = id.trim().replace(['.', '-', ' '], "_").to_ascii_lowercase();
        Field::all().find(|f| f.id() == wanted)
    }
}

/// Header names (lowercase letters and digits only) that mean a field. The poster's headers,
/// the MedSAM table's and dataset-facts.tsv's are all here, with common synonyms.
const SYNONYMS: &[(&str, Field)] = &[
    ("slug", Field::Slug),
    ("datasetid", Field::Slug),
    ("collectionid", Field::Slug),
    ("id", Field::Slug),
    ("identifier", Field::Slug),
    ("key", Field::Slug),
    ("shortid", Field::Slug),
    ("draft", Field::Draft),
    ("name", Field::Name),
    ("datasetname", Field::Name),
    ("dataset", Field::Name),
    ("title", Field::Name),
    ("datasettitle", Field::Name),
    ("fullname", Field::Name),
    ("collection", Field::Name),
    ("collectionname", Field::Name),
    ("acronym", Field::Acronym),
    ("shortname", Field::Acronym),
    ("abbreviation", Field::Acronym),
    ("alternatenames", Field::AlternateNames),
    ("alternativenames", Field::AlternateNames),
    ("othernames", Field::AlternateNames),
    ("aliases", Field::AlternateNames),
    ("alias", Field::AlternateNames),
    ("aka", Field::AlternateNames),
    ("description", Field::Description),
    ("summary", Field::Description),
    ("abstract", Field::Description),
    ("homepage", Field::Homepage),
    ("homepageurl", Field::Homepage),
    ("url", Field::Homepage),
    ("website", Field::Homepage),
    ("webpage", Field::Homepage),
    ("link", Field::Homepage),
    ("doi", Field::Doi),
    ("datasetdoi", Field::Doi),
    ("creators", Field::Creators),
    ("creator", Field::Creators),
    ("authors", Field::Creators),
    ("author", Field::Creators),
    ("datasetauthors", Field::Creators),
    ("publisher", Field::Publisher),
    ("publishedby", Field::Publisher),
    ("hostedby", Field::Publisher),
    ("datapublisher", Field::Publisher),
    ("version", Field::Version),
    ("datasetversion", Field::Version),
    ("versionnumber", Field::Version),
    ("year", Field::Year),
    ("releaseyear", Field::Year),
    ("yearofrelease", Field::Year),
    ("released", Field::Released),
    ("releasedate", Field::Released),
    ("updated", Field::Updated),
    ("lastupdated", Field::Updated),
    ("lastmodified", Field::Updated),
    ("lastupdate", Field::Updated),
    ("dateupdated", Field::Updated),
    ("updatedate", Field::Updated),
    ("added", Field::Added),
    ("dateadded", Field::Added),
    ("keywords", Field::Keywords),
    ("keyword", Field::Keywords),
    ("tags", Field::Keywords),
    ("topic", Field::Topic),
    ("maindatasettopic", Field::Topic),
    ("maintopic", Field::Topic),
    ("task", Field::Topic),
    ("modality", Field::Modalities),
    ("modalities", Field::Modalities),
    ("imagingmodality", Field::Modalities),
    ("imagingmodalities", Field::Modalities),
    ("anatomy", Field::Anatomy),
    ("anatomicalregion", Field::Anatomy),
    ("anatomicalregions", Field::Anatomy),
    ("bodyregion", Field::Anatomy),
    ("bodyregions", Field::Anatomy),
    ("bodypart", Field::Anatomy),
    ("region", Field::Anatomy),
    ("regions", Field::Anatomy),
    ("bodyparts", Field::Anatomy),
    ("location", Field::Anatomy),
    ("locations", Field::Anatomy),
    ("tumorlocation", Field::Anatomy),
    ("tumorlocations", Field::Anatomy),
    ("tumourlocation", Field::Anatomy),
    ("tumourlocations", Field::Anatomy),
    ("anatomicalsite", Field::Anatomy),
    ("anatomicallocation", Field::Anatomy),
    ("primarysite", Field::Anatomy),
    ("organ", Field::Anatomy),
    ("organs", Field::Anatomy),
    ("subjects", Field::Subjects),
    ("nsubjects", Field::Subjects),
    ("numberofsubjects", Field::Subjects),
    ("patients", Field::Subjects),
    ("npatients", Field::Subjects),
    ("numberofpatients", Field::Subjects),
    ("participants", Field::Subjects),
    ("scans", Field::Scans),
    ("nscans", Field::Scans),
    ("numberofscans", Field::Scans),
    ("axes", Field::Scans),
    ("axesn", Field::Scans),
    ("volumes", Field::Scans),
    ("nvolumes", Field::Scans),
    ("images", Field::Scans),
    ("nimages", Field::Scans),
    ("studies", Field::Studies),
    ("nstudies", Field::Studies),
    ("numberofstudies", Field::Studies),
    ("series", Field::Series),
    ("nseries", Field::Series),
    ("numberofseries", Field::Series),
    ("sequences", Field::Sequences),
    ("mrsequences", Field::Sequences),
    ("fileformats", Field::FileFormats),
    ("fileformat", Field::FileFormats),
    ("formats", Field::FileFormats),
    ("format", Field::FileFormats),
    ("scanners", Field::Scanners),
    ("scanner", Field::Scanners),
    ("vendors", Field::Scanners),
    ("geography", Field::Geography),
    ("countries", Field::Geography),
    ("country", Field::Geography),
    ("pathologies", Field::Pathologies),
    ("pathology", Field::Pathologies),
    ("diseases", Field::Pathologies),
    ("disease", Field::Pathologies),
    ("cancertype", Field::Pathologies),
    ("cancertypes", Field::Pathologies),
    ("diagnosis", Field::Pathologies),
    ("diagnoses", Field::Pathologies),
    ("conditions", Field::Pathologies),
    ("targetspixel", Field::TargetsPixel),
    ("targetsatpixellevel", Field::TargetsPixel),
    ("pixeltargets", Field::TargetsPixel),
    ("segmentationtargets", Field::TargetsPixel),
    ("targetsinstance", Field::TargetsInstance),
    ("targetsatinstancelevel", Field::TargetsInstance),
    ("instancetargets", Field::TargetsInstance),
    ("targetsimage", Field::TargetsImage),
    ("targetsatimagelevel", Field::TargetsImage),
    ("imagetargets", Field::TargetsImage),
    ("labeltypes", Field::LabelTypes),
    ("labeltype", Field::LabelTypes),
    ("labeltypesentitycheck", Field::LabelTypes),
    ("annotationtype", Field::LabelTypes),
    ("annotationtypes", Field::LabelTypes),
    ("complete", Field::Complete),
    ("completelyannotated", Field::Complete),
    ("alltargetsannotated", Field::Complete),
    ("incomplete", Field::Incomplete),
    ("anytargetsnotcorrectlyannotated", Field::Incomplete),
    ("pathologyannotated", Field::PathologyAnnotated),
    ("pathologiesannotated", Field::PathologyAnnotated),
    ("normalanatomyannotated", Field::NormalAnatomyAnnotated),
    ("nonpathologicalroiannotated", Field::NormalAnatomyAnnotated),
    ("annotationprotocol", Field::AnnotationProtocol),
    ("license", Field::License),
    ("licence", Field::License),
    ("datalicense", Field::License),
    ("datalicence", Field::License),
    ("licenseshortname", Field::License),
    ("licenceshortname", Field::License),
    ("licenseid", Field::License),
    ("spdx", Field::License),
    ("licensename", Field::LicenseName),
    ("licencename", Field::LicenseName),
    ("datause", Field::DataUse),
    ("datauseconditions", Field::DataUse),
    ("duo", Field::DataUse),
    ("duocodes", Field::DataUse),
    ("consentcodes", Field::DataUse),
    ("licenseurl", Field::LicenseUrl),
    ("licenceurl", Field::LicenseUrl),
    ("licenselink", Field::LicenseUrl),
    ("licencelink", Field::LicenseUrl),
    ("access", Field::Access),
    ("accesstype", Field::Access),
    ("availability", Field::Access),
    ("accessurl", Field::AccessUrl),
    ("downloadurl", Field::AccessUrl),
    ("platform", Field::Platform),
    ("platforms", Field::Platform),
    ("hostedon", Field::Platform),
    ("publishable", Field::Publishable),
    ("usableforscientificpublication", Field::Publishable),
    ("usableforpublication", Field::Publishable),
    ("provision", Field::Provision),
    ("provisionstatus", Field::Provision),
    ("contact", Field::ContactName),
    ("contactname", Field::ContactName),
    ("dataowner", Field::ContactName),
    ("contactemail", Field::ContactEmail),
    ("email", Field::ContactEmail),
    ("dataowneremail", Field::ContactEmail),
    ("contacturl", Field::ContactUrl),
    ("downloads", Field::Downloads),
    ("citations", Field::Citations),
    ("citation", Field::Citation),
    ("reference", Field::Citation),
    ("howtocite", Field::Citation),
    ("citationdoi", Field::CitationDoi),
    ("paperdoi", Field::CitationDoi),
    ("derivedfrom", Field::DerivedFrom),
    ("related", Field::Related),
    ("relateddatasets", Field::Related),
    ("sources", Field::Sources),
    ("source", Field::Sources),
    ("sourceoffacts", Field::Sources),
    ("references", Field::Sources),
    ("links", Field::Sources),
    ("remarks", Field::Remarks),
    ("notes", Field::Remarks),
    ("comments", Field::Remarks),
    ("species", Field::Species),
    ("organism", Field::Species),
    ("note", Field::Note),
    ("status", Field::Note),
    ("collectionstatus", Field::Note),
    ("supportingdata", Field::Note),
    ("nsources", Field::Ignore),
    ("row", Field::Ignore),
    ("rownumber", Field::Ignore),
    ("ignore", Field::Ignore),
];

/// Lowercase letters and digits only: "Data Owner (Email)" → "dataowneremail".
pub fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The header without parenthetical remarks: "axes (N)" → "axes ".
fn without_parentheses(header: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::new();
    for c in header.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The field a header names, if it is a known name or synonym.
pub fn match_header(header: &str) -> Option<Field> {
    if header.trim() == "#" {
        return Some(Field::Ignore);
    }
    let lookup = |key: &str| SYNONYMS.iter().find(|(k, _)| *k == key).map(|(_, f)| *f);
    let full = header_key(header);
    if full.is_empty() {
        return None;
    }
    lookup(&full).or_else(|| lookup(&header_key(&without_parentheses(header))))
}

/// A "did you mean …?" field id for a header that matched nothing.
pub fn suggest(header: &str) -> Option<&'static str> {
    let key = header_key(&without_parentheses(header));
    if key.len() < 3 {
        return None;
    }
    let ids: Vec<&'static str> = Field::all().map(Field::id).collect();
    did_you_mean(&key, ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poster_headers_map_without_options() {
        let cases = [
            ("row", Field::Ignore),
            ("Dataset Name (might be ambiguous)", Field::Name),
            ("axes (N)", Field::Scans),
            ("Anatomical Region", Field::Anatomy),
            ("Main dataset topic", Field::Topic),
            ("Targets at pixel level", Field::TargetsPixel),
            ("Targets at instance level", Field::TargetsInstance),
            ("Targets at image level", Field::TargetsImage),
            (
                "Any targets not correctly annotated? (e.g. only a subset lesions)",
                Field::Incomplete,
            ),
            ("Label types (entity check)", Field::LabelTypes),
            ("Pathologies annotated?", Field::PathologyAnnotated),
            (
                "Non-Pathological ROI annotated?",
                Field::NormalAnatomyAnnotated,
            ),
            ("Provision Status", Field::Provision),
            ("License", Field::License),
            ("Usable for Scientific publication", Field::Publishable),
            ("Data Owner (Email)", Field::ContactEmail),
            ("Platform", Field::Platform),
            ("Access", Field::Access),
        ];
        for (header, field) in cases {
            assert_eq!(match_header(header), Some(field), "{header}");
        }
        assert_eq!(match_header("Weighted Publishable"), None);
    }

    #[test]
    fn facts_headers_map_without_options() {
        let cases = [
            ("slug", Field::Slug),
            ("modality", Field::Modalities),
            ("anatomical_region", Field::Anatomy),
            ("segmentation_targets", Field::TargetsPixel),
            ("label_type", Field::LabelTypes),
            ("n_subjects", Field::Subjects),
            ("n_scans", Field::Scans),
            ("license_url", Field::LicenseUrl),
            ("homepage_url", Field::Homepage),
            ("source_of_facts", Field::Sources),
            ("citation", Field::Citation),
            ("year", Field::Year),
        ];
        for (header, field) in cases {
            assert_eq!(match_header(header), Some(field), "{header}");
        }
    }

    #[test]
    fn export_column_names_map_to_themselves() {
        for f in Field::all() {
            assert_eq!(match_header(f.id()), Some(f), "{}", f.id());
            assert_eq!(Field::from_id(f.id()), Some(f));
        }
        assert_eq!(Field::from_id("targets.pixel"), Some(Field::TargetsPixel));
    }

    #[test]
    fn suggests_close_field_names() {
        assert_eq!(suggest("Licnese"), Some("license"));
        assert_eq!(suggest("zz"), None);
    }
}
