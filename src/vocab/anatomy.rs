//! Body regions (DICOM CID 4031 / SNOMED CT, UBERON) and their synonyms.

use super::Anatomy;

/// Body regions. SNOMED CT ids are those DICOM PS3.16 uses: CID 4031 "Common Anatomic Region"
/// for whole body, head, head and neck, neck, chest, mediastinum, heart, breast, abdomen,
/// pancreas, colon, pelvis, prostate, spine and knee; CID 4 "Anatomic Region" for lung ("Lung")
/// and kidney (the concept CID 4 uses for "Endo-renal"); CID 644 for brain and liver; the DICOM
/// segmentation property codes for spleen and adrenal gland. UBERON ids were checked against
/// the ontology's labels (chest: no reliable source was found, so it is left empty rather than
/// guessed). The regions from ovary on (added for the body parts of cancer imaging collections)
/// have UBERON ids cross-checked against several ontology-derived sources and no SNOMED CT id
/// yet. An empty string means "not verified", never "no such code".
const ANATOMY: &[Anatomy] = &[
    Anatomy {
        id: "whole-body",
        label: "Whole body",
        snomed: "38266002",
        uberon: "UBERON:0000468",
        synonyms: &["whole body", "entire body", "total body", "full body"],
    },
    Anatomy {
        id: "head",
        label: "Head",
        snomed: "69536005",
        uberon: "UBERON:0000033",
        synonyms: &[],
    },
    Anatomy {
        id: "brain",
        label: "Brain",
        snomed: "12738006",
        uberon: "UBERON:0000955",
        synonyms: &["head (brain)", "neuro"],
    },
    Anatomy {
        id: "head-neck",
        label: "Head and neck",
        snomed: "774007",
        uberon: "UBERON:0007811",
        synonyms: &["head and neck", "head & neck", "head-and-neck", "h&n", "hn"],
    },
    Anatomy {
        id: "neck",
        label: "Neck",
        snomed: "45048000",
        uberon: "UBERON:0000974",
        synonyms: &[],
    },
    Anatomy {
        id: "chest",
        label: "Chest",
        snomed: "816094009",
        uberon: "",
        synonyms: &["thorax", "thoracic"],
    },
    Anatomy {
        id: "lung",
        label: "Lung",
        snomed: "39607008",
        uberon: "UBERON:0002048",
        synonyms: &["lungs", "pulmonary"],
    },
    Anatomy {
        id: "mediastinum",
        label: "Mediastinum",
        snomed: "72410000",
        uberon: "UBERON:0003728",
        synonyms: &[],
    },
    Anatomy {
        id: "heart",
        label: "Heart",
        snomed: "80891009",
        uberon: "UBERON:0000948",
        synonyms: &["cardiac"],
    },
    Anatomy {
        id: "breast",
        label: "Breast",
        snomed: "76752008",
        uberon: "UBERON:0000310",
        synonyms: &["breasts", "mammary"],
    },
    Anatomy {
        id: "abdomen",
        label: "Abdomen",
        snomed: "818981001",
        uberon: "UBERON:0000916",
        synonyms: &["abdominal"],
    },
    Anatomy {
        id: "liver",
        label: "Liver",
        snomed: "10200004",
        uberon: "UBERON:0002107",
        synonyms: &["hepatic"],
    },
    Anatomy {
        id: "kidney",
        label: "Kidney",
        snomed: "64033007",
        uberon: "UBERON:0002113",
        synonyms: &["kidneys", "renal"],
    },
    Anatomy {
        id: "pancreas",
        label: "Pancreas",
        snomed: "15776009",
        uberon: "UBERON:0001264",
        synonyms: &["pancreatic"],
    },
    Anatomy {
        id: "spleen",
        label: "Spleen",
        snomed: "78961009",
        uberon: "UBERON:0002106",
        synonyms: &["splenic"],
    },
    Anatomy {
        id: "adrenal-gland",
        label: "Adrenal gland",
        snomed: "23451007",
        uberon: "UBERON:0002369",
        synonyms: &["adrenal", "adrenal glands", "adrenals"],
    },
    Anatomy {
        id: "colon",
        label: "Colon",
        snomed: "71854001",
        uberon: "UBERON:0001155",
        synonyms: &["colorectal"],
    },
    Anatomy {
        id: "pelvis",
        label: "Pelvis",
        snomed: "816092008",
        uberon: "UBERON:0002355",
        synonyms: &["pelvic"],
    },
    Anatomy {
        id: "prostate",
        label: "Prostate",
        snomed: "41216001",
        uberon: "UBERON:0002367",
        synonyms: &["prostate gland"],
    },
    Anatomy {
        id: "spine",
        label: "Spine",
        snomed: "421060004",
        uberon: "UBERON:0001130",
        synonyms: &[
            "vertebral column",
            "spinal column",
            "cervical spine",
            "thoracic spine",
            "lumbar spine",
            "tspine",
            "lspine",
            "cspine",
        ],
    },
    Anatomy {
        id: "knee",
        label: "Knee",
        snomed: "72696002",
        uberon: "UBERON:0001465",
        synonyms: &["knees"],
    },
    Anatomy {
        id: "ovary",
        label: "Ovary",
        snomed: "",
        uberon: "UBERON:0000992",
        synonyms: &["ovaries", "ovarian"],
    },
    Anatomy {
        id: "uterus",
        label: "Uterus",
        snomed: "",
        uberon: "UBERON:0000995",
        synonyms: &["body of uterus", "uterine corpus", "uterine"],
    },
    Anatomy {
        id: "cervix",
        label: "Uterine cervix",
        snomed: "",
        uberon: "UBERON:0000002",
        synonyms: &["cervix uteri"],
    },
    Anatomy {
        id: "vagina",
        label: "Vagina",
        snomed: "",
        uberon: "UBERON:0000996",
        synonyms: &["vaginal"],
    },
    Anatomy {
        id: "bladder",
        label: "Urinary bladder",
        snomed: "",
        uberon: "UBERON:0001255",
        synonyms: &["bladder organ"],
    },
    Anatomy {
        id: "testis",
        label: "Testis",
        snomed: "",
        uberon: "UBERON:0000473",
        synonyms: &["testes", "testicle", "testicular"],
    },
    Anatomy {
        id: "esophagus",
        label: "Esophagus",
        snomed: "",
        uberon: "UBERON:0001043",
        synonyms: &["oesophagus", "esophageal", "oesophageal"],
    },
    Anatomy {
        id: "stomach",
        label: "Stomach",
        snomed: "",
        uberon: "UBERON:0000945",
        synonyms: &["gastric"],
    },
    Anatomy {
        id: "small-intestine",
        label: "Small intestine",
        snomed: "",
        uberon: "UBERON:0002108",
        synonyms: &["small bowel"],
    },
    Anatomy {
        id: "rectum",
        label: "Rectum",
        snomed: "",
        uberon: "UBERON:0001052",
        synonyms: &["rectal"],
    },
    Anatomy {
        id: "gallbladder",
        label: "Gallbladder",
        snomed: "",
        uberon: "UBERON:0002110",
        synonyms: &["gall bladder"],
    },
    Anatomy {
        id: "bile-duct",
        label: "Bile duct",
        snomed: "",
        uberon: "UBERON:0002394",
        synonyms: &["bile ducts"],
    },
    Anatomy {
        id: "thyroid",
        label: "Thyroid gland",
        snomed: "",
        uberon: "UBERON:0002046",
        synonyms: &[],
    },
    Anatomy {
        id: "larynx",
        label: "Larynx",
        snomed: "",
        uberon: "UBERON:0001737",
        synonyms: &["laryngeal"],
    },
    Anatomy {
        id: "oral-cavity",
        label: "Oral cavity",
        snomed: "",
        uberon: "",
        synonyms: &["mouth"],
    },
    Anatomy {
        id: "thymus",
        label: "Thymus",
        snomed: "",
        uberon: "UBERON:0002370",
        synonyms: &[],
    },
    Anatomy {
        id: "lymph-node",
        label: "Lymph node",
        snomed: "",
        uberon: "UBERON:0000029",
        synonyms: &["lymph nodes"],
    },
    Anatomy {
        id: "skin",
        label: "Skin",
        snomed: "",
        uberon: "UBERON:0002097",
        synonyms: &["skin of body", "cutaneous"],
    },
    Anatomy {
        id: "bone",
        label: "Bone",
        snomed: "",
        uberon: "UBERON:0001474",
        synonyms: &["bone element", "bones"],
    },
    Anatomy {
        id: "bone-marrow",
        label: "Bone marrow",
        snomed: "",
        uberon: "UBERON:0002371",
        synonyms: &["marrow"],
    },
    Anatomy {
        id: "soft-tissue",
        label: "Soft tissue",
        snomed: "",
        uberon: "",
        synonyms: &["soft tissues"],
    },
    Anatomy {
        id: "eye",
        label: "Eye",
        snomed: "",
        uberon: "UBERON:0000970",
        synonyms: &["eyes", "ocular", "intraocular"],
    },
    Anatomy {
        id: "arm",
        label: "Arm",
        snomed: "",
        uberon: "UBERON:0001460",
        synonyms: &["arms"],
    },
    Anatomy {
        id: "leg",
        label: "Leg",
        snomed: "",
        uberon: "UBERON:0000978",
        synonyms: &["legs"],
    },
    Anatomy {
        id: "limb",
        label: "Limb",
        snomed: "",
        uberon: "UBERON:0002101",
        synonyms: &["limbs", "extremity", "extremities"],
    },
];

/// The built-in body regions.
pub fn anatomies() -> &'static [Anatomy] {
    ANATOMY
}

/// Look up a body region by id, label or synonym (case-insensitive).
pub fn anatomy(name: &str) -> Option<&'static Anatomy> {
    anatomies().iter().find(|a| {
        a.id.eq_ignore_ascii_case(name)
            || a.label.eq_ignore_ascii_case(name)
            || a.synonyms.iter().any(|s| s.eq_ignore_ascii_case(name))
    })
}
