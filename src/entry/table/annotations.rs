//! The fields of the "Annotations" section: what is annotated, how and how completely.

use super::super::fields::{Field, Key, Kind, Need, Row};
use super::col;

pub(in crate::entry) static ROWS: &[Row] = &[
    Row {
        key: Key::Targets,
        name: "targets",
        in_file: true,
        need: Need::Optional,
        ty: "map with `pixel`, `instance`, `image`: lists of strings",
        doc: "Structures annotated at each level.",
        more: "",
        example: "\n#   pixel: [lung nodule]\n#   instance: [lung nodule]\n#   image: [malignancy]",
        comment: "structures annotated at each level",
        columns: &[
            col(
                Field::TargetsPixel,
                "targets_pixel",
                Kind::List,
                &[
                    "targetsatpixellevel",
                    "pixeltargets",
                    "segmentationtargets",
                    "targets",
                    "annotatedstructures",
                    "annotationtargets",
                    "segmentedstructures",
                ],
            )
            .csv("targets_pixel"),
            col(
                Field::TargetsInstance,
                "targets_instance",
                Kind::List,
                &["targetsatinstancelevel", "instancetargets"],
            )
            .csv("targets_instance"),
            col(
                Field::TargetsImage,
                "targets_image",
                Kind::List,
                &["targetsatimagelevel", "imagetargets", "imagelabels"],
            )
            .csv("targets_image"),
        ],
    },
    Row {
        key: Key::LabelTypes,
        name: "label_types",
        in_file: true,
        need: Need::Recommended,
        ty: "list",
        doc: "Kinds of annotation.",
        more: "`pixel-level`, `bounding-box`, `point`, `weak`, `image-level`, `none`.",
        example: " [pixel-level]",
        comment: "recommended: pixel-level, bounding-box, point, weak, image-level, none",
        columns: &[col(
            Field::LabelTypes,
            "label_types",
            Kind::LabelTypes,
            &[
                "labeltype",
                "labeltypesentitycheck",
                "annotationtype",
                "annotationtypes",
            ],
        )
        .csv("label_types")],
    },
    Row {
        key: Key::Complete,
        name: "complete",
        in_file: true,
        need: Need::Optional,
        ty: "bool",
        doc: "Are all targets annotated in every image?",
        more: "",
        example: " true",
        comment: "are all targets annotated in every image?",
        columns: &[
            col(
                Field::Complete,
                "complete",
                Kind::Bool,
                &[
                    "completelyannotated",
                    "alltargetsannotated",
                    "fullyannotated",
                ],
            )
            .csv("complete"),
            col(
                Field::Incomplete,
                "incomplete",
                Kind::Bool,
                &["anytargetsnotcorrectlyannotated", "partiallyannotated"],
            )
            .import_only(),
        ],
    },
    Row {
        key: Key::PathologyAnnotated,
        name: "pathology_annotated",
        in_file: true,
        need: Need::Optional,
        ty: "bool",
        doc: "Are pathologies annotated?",
        more: "",
        example: " true",
        comment: "are pathologies annotated?",
        columns: &[col(
            Field::PathologyAnnotated,
            "pathology_annotated",
            Kind::Bool,
            &["pathologiesannotated"],
        )
        .csv("pathology_annotated")],
    },
    Row {
        key: Key::NormalAnatomyAnnotated,
        name: "normal_anatomy_annotated",
        in_file: true,
        need: Need::Optional,
        ty: "bool",
        doc: "Are non-pathological structures annotated?",
        more: "",
        example: " false",
        comment: "are non-pathological structures annotated?",
        columns: &[col(
            Field::NormalAnatomyAnnotated,
            "normal_anatomy_annotated",
            Kind::Bool,
            &["nonpathologicalroiannotated", "normalanatomy"],
        )
        .csv("normal_anatomy_annotated")],
    },
    Row {
        key: Key::AnnotationProtocol,
        name: "annotation_protocol",
        in_file: true,
        need: Need::Optional,
        ty: "string (Markdown)",
        doc: "How annotations were made (Markdown).",
        more: "",
        example: " How the annotations were made.",
        comment: "Markdown",
        columns: &[col(
            Field::AnnotationProtocol,
            "annotation_protocol",
            Kind::Markdown,
            &["annotationmethod", "labellingprotocol", "labelingprotocol"],
        )],
    },
];
