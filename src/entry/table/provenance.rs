//! The fields of the "Provenance" section: how to cite it, what it comes from, and where the entry's facts come from.

use super::super::fields::{Field, Key, Kind, Need, Row};
use super::col;

pub(in crate::entry) static ROWS: &[Row] = &[
    Row {
        key: Key::Citations,
        name: "citations",
        in_file: true,
        need: Need::Optional,
        ty: "list of maps: `text` (required), `doi`, `url`, `preferred` (bool)",
        doc: "How to cite; one is preferred (the first if none is marked).",
        more: "",
        example: "\n#   - text: Author A, et al. Title. Journal. 2021.\n#     doi: 10.1234/example.paper\n#     preferred: true",
        comment: "how to cite; mark one preferred",
        columns: &[
            col(Field::Citations, "citations", Kind::JsonMaps, &[]),
            col(
                Field::Citation,
                "citation",
                Kind::Text,
                &["reference", "howtocite", "citeas"],
            )
            .import_only(),
            col(
                Field::CitationDoi,
                "citation_doi",
                Kind::Doi,
                &["paperdoi", "publicationdoi", "articledoi"],
            )
            .import_only(),
        ],
    },
    Row {
        key: Key::DerivedFrom,
        name: "derived_from",
        in_file: true,
        need: Need::Optional,
        ty: "list of slugs",
        doc: "Slugs of entries this dataset was derived from.",
        more: "(checked to exist)",
        example: " [other-entry-slug]",
        comment: "entries this dataset was derived from",
        columns: &[col(
            Field::DerivedFrom,
            "derived_from",
            Kind::SlugList,
            &["basedon", "parentdataset"],
        )],
    },
    Row {
        key: Key::Related,
        name: "related",
        in_file: true,
        need: Need::Optional,
        ty: "list of slugs",
        doc: "Slugs of related entries.",
        more: "(linked both ways)",
        example: " [other-entry-slug]",
        comment: "related entries (linked both ways)",
        columns: &[col(
            Field::Related,
            "related",
            Kind::SlugList,
            &["relateddatasets", "seealso"],
        )],
    },
    Row {
        key: Key::Sources,
        name: "sources",
        in_file: true,
        need: Need::Recommended,
        ty: "list of strings",
        doc: "Where the facts of this entry come from.",
        more: "(URLs, documents, dates read)",
        example: " [https://example.org/dataset/ (read 2024-01-10)]",
        comment: "recommended: where the facts of this entry come from",
        columns: &[col(
            Field::Sources,
            "sources",
            Kind::SemicolonList,
            &[
                "source",
                "sourceoffacts",
                "references",
                "links",
                "urls",
                "sourceurls",
            ],
        )
        .csv("sources")],
    },
    Row {
        key: Key::Remarks,
        name: "remarks",
        in_file: true,
        need: Need::Optional,
        ty: "string (Markdown)",
        doc: "Anything else: caveats, unverified facts (Markdown).",
        more: "",
        example: " Caveats, unverified facts.",
        comment: "anything else",
        columns: &[
            col(
                Field::Remarks,
                "remarks",
                Kind::Markdown,
                &["comments", "caveats"],
            ),
            col(Field::Notes, "notes", Kind::Notes, &[]).import_only(),
            col(Field::Species, "species", Kind::Species, &["organism"]).import_only(),
            col(
                Field::Note,
                "note",
                Kind::Note,
                &["status", "collectionstatus", "supportingdata"],
            )
            .import_only(),
        ],
    },
];
