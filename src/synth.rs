//! Realistic synthetic catalogs for benchmarks and tests: N medical imaging datasets with varied
//! fields, Markdown descriptions of a few hundred words and every facet in use, deterministic
//! from a seed. A catalog can be returned as a [`Catalog`] or written as YAML entries to a folder.

use crate::config::{Config, Publisher};
use crate::model::{Catalog, Citation, Dataset, Targets};
use crate::vocab::{self, Access, Anatomy, LabelType, Modality, Platform};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A small, fast, deterministic random number generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// Skewed towards the start of the list (popular values first), like real catalogs.
    pub fn pick_skewed<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let a = self.below(items.len());
        let b = self.below(items.len());
        &items[a.min(b)]
    }
    /// `k` distinct items (fewer if the list is shorter), skewed towards popular ones.
    pub fn pick_some<T: Clone + PartialEq>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut out: Vec<T> = Vec::new();
        let mut tries = 0;
        while out.len() < k.min(items.len()) && tries < 50 {
            let v = self.pick_skewed(items).clone();
            if !out.contains(&v) {
                out.push(v);
            }
            tries += 1;
        }
        out
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "ve", "tra", "mi", "sor", "den", "qua", "ri", "pel", "ta", "nor", "vis", "gal",
    "be", "mon", "zu", "fra", "chi", "dor", "le", "sa", "ton", "var", "ish", "el", "bru", "cen",
    "dal", "fio", "gre", "hal", "jor", "kel", "lum", "mar", "nes", "or", "pra", "sel",
];

const ORGANS: &[(&str, &str)] = &[
    ("chest", "lung"),
    ("chest", "heart"),
    ("abdomen", "liver"),
    ("abdomen", "kidney"),
    ("abdomen", "pancreas"),
    ("brain", "brain"),
    ("head-neck", "thyroid"),
    ("pelvis", "prostate"),
    ("breast", "breast"),
    ("spine", "vertebra"),
    ("knee", "cartilage"),
    ("whole-body", "lymph node"),
    ("abdomen", "spleen"),
    ("chest", "aorta"),
    ("head-neck", "oral cavity"),
    ("pelvis", "bladder"),
];

const FINDINGS: &[&str] = &[
    "nodule",
    "tumour",
    "lesion",
    "cancer",
    "metastasis",
    "haemorrhage",
    "fracture",
    "stenosis",
    "cyst",
    "glioma",
    "carcinoma",
    "fibrosis",
    "emphysema",
    "pneumonia",
    "aneurysm",
    "infarct",
    "calcification",
    "effusion",
    "adenoma",
    "sarcoma",
];

const TASKS: &[&str] = &[
    "segmentation",
    "detection",
    "classification",
    "registration",
    "survival prediction",
    "reconstruction",
    "report generation",
    "radiomics",
];

const NOUNS: &[&str] = &[
    "Challenge",
    "Collection",
    "Cohort",
    "Benchmark",
    "Archive",
    "Study",
    "Database",
    "Atlas",
    "Trial",
    "Registry",
];

const COUNTRIES: &[&str] = &[
    "United States",
    "Germany",
    "Netherlands",
    "China",
    "United Kingdom",
    "France",
    "Japan",
    "Canada",
    "Brazil",
    "India",
    "Italy",
    "Spain",
    "Sweden",
    "Australia",
    "South Korea",
];

const VENDORS: &[&str] = &[
    "Siemens", "GE", "Philips", "Canon", "Toshiba", "Hitachi", "Fujifilm",
];

const FORMATS: &[&str] = &[
    "DICOM", "NIfTI", "NRRD", "MHA", "PNG", "JPEG", "HDF5", "TIFF",
];

const LICENSES: &[&str] = &[
    "CC-BY-4.0",
    "CC-BY-NC-4.0",
    "CC-BY-SA-4.0",
    "CC-BY-NC-SA-4.0",
    "CC0-1.0",
    "ODbL-1.0",
    "CC-BY-3.0",
    "PDDL-1.0",
    "MIT",
];

const SENTENCES: &[&str] = &[
    "The {organ} images were acquired during routine clinical care at {n} institutions between {y0} and {y1}.",
    "Each study was reviewed by {n} board-certified radiologists who outlined every {finding} larger than {mm} mm.",
    "Annotations include voxel-wise masks of the {organ}, bounding boxes around each {finding} and a patient-level diagnosis.",
    "The collection supports research on {task} of {finding} in the {organ} and on robust foundation models for radiology.",
    "Scans come from {vendor} scanners with slice thickness between 0.6 and {mm} mm and varying reconstruction kernels.",
    "Clinical metadata such as age, sex, smoking history and histopathology results accompany most cases.",
    "Images were de-identified following the DICOM confidentiality profile before release, and burned-in text was removed.",
    "A held-out test set with hidden labels is used for the public leaderboard of the {task} challenge.",
    "Inter-reader agreement was measured with the Dice coefficient and Cohen's kappa on a subset of {n} cases.",
    "Follow-up examinations allow longitudinal analysis of {finding} growth and response to treatment.",
    "The data are split into training, validation and test partitions stratified by centre and {finding} type.",
    "Preprocessing scripts, baseline models and evaluation code are published alongside the images.",
    "Contrast-enhanced and non-contrast acquisitions are both included, covering arterial and portal venous phases.",
    "Quality control excluded scans with severe motion artefacts, incomplete coverage of the {organ} or missing labels.",
    "Pathology confirmation is available for every malignant {finding}, benign cases were confirmed by stable follow-up.",
    "The cohort reflects a screening population with a low prevalence of {finding}, which makes {task} challenging.",
    "Researchers have used the collection to pretrain self-supervised encoders and to evaluate transfer to small datasets.",
    "Labels were produced semi-automatically and then corrected slice by slice in 3D Slicer or ITK-SNAP.",
    "Multi-centre variation in protocols makes the dataset a realistic test of domain shift for {task} methods.",
    "The release notes list known issues, such as a few studies with inverted slice order or duplicated series.",
];

/// The DICOM modalities synthetic entries use, from the built-in vocabulary.
fn modality_pool() -> Vec<&'static Modality> {
    ["CT", "MR", "PT", "US", "CR", "DX", "MG", "NM", "XA"]
        .iter()
        .map(|c| vocab::modality(c).unwrap_or_else(|| panic!("modality {c} is in the vocabulary")))
        .collect()
}

/// The body regions synthetic entries use, from the built-in vocabulary.
fn anatomy_pool() -> Vec<&'static Anatomy> {
    [
        "chest",
        "abdomen",
        "brain",
        "head-neck",
        "pelvis",
        "breast",
        "spine",
        "knee",
        "whole-body",
    ]
    .iter()
    .map(|id| vocab::anatomy(id).unwrap_or_else(|| panic!("anatomy {id} is in the vocabulary")))
    .collect()
}

/// The platforms synthetic entries use, from the built-in vocabulary.
fn platform_pool() -> Vec<&'static Platform> {
    [
        "TCIA",
        "Grand Challenge",
        "Zenodo",
        "Kaggle",
        "PhysioNet",
        "Hugging Face",
        "GitHub",
        "OpenNeuro",
    ]
    .iter()
    .map(|n| vocab::platform(n).unwrap_or_else(|| panic!("platform {n} is in the vocabulary")))
    .collect()
}

/// The configuration of a synthetic catalog.
pub fn config() -> Config {
    Config {
        title: "Synthetic Imaging Catalog".into(),
        description: "A generated catalog for benchmarks.".into(),
        base_url: "https://example.org/synthetic/".into(),
        language: "en".into(),
        theme: "default".into(),
        publisher: Publisher {
            name: "faircat benchmarks".into(),
            url: None,
            email: None,
        },
        repository: None,
        metadata_license: "CC0-1.0".into(),
        output: Default::default(),
    }
}

/// `n` datasets, the same for the same `seed`.
pub fn datasets(n: usize, seed: u64) -> Vec<Dataset> {
    let modalities = modality_pool();
    let anatomies = anatomy_pool();
    let platforms = platform_pool();
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| dataset(i, &mut rng, &modalities, &anatomies, &platforms))
        .collect()
}

/// A whole catalog of `n` generated datasets.
pub fn catalog(n: usize, seed: u64) -> Catalog {
    Catalog::assemble(
        config(),
        "A generated catalog of imaging datasets.".into(),
        datasets(n, seed),
    )
}

/// A made-up project word such as "Veltraso": what makes a synthetic dataset's name findable.
pub fn project_word(rng: &mut Rng) -> String {
    let k = 2 + rng.below(3);
    let mut w = String::new();
    for _ in 0..k {
        let syllable: &&str = rng.pick(SYLLABLES);
        w.push_str(syllable);
    }
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => w,
    }
}

fn fill(template: &str, rng: &mut Rng, organ: &str, finding: &str, task: &str) -> String {
    let mut out = template.to_string();
    for (key, value) in [
        ("{organ}", organ.to_string()),
        ("{finding}", finding.to_string()),
        ("{task}", task.to_string()),
        ("{n}", (2 + rng.below(30)).to_string()),
        ("{mm}", (2 + rng.below(8)).to_string()),
        ("{y0}", (2000 + rng.below(12)).to_string()),
        ("{y1}", (2012 + rng.below(12)).to_string()),
        ("{vendor}", rng.pick(VENDORS).to_string()),
    ] {
        out = out.replace(key, &value);
    }
    out
}

fn dataset(
    i: usize,
    rng: &mut Rng,
    modalities: &[&'static Modality],
    anatomies: &[&'static Anatomy],
    platforms: &[&'static Platform],
) -> Dataset {
    let word = project_word(rng);
    let (region, organ) = *rng.pick_skewed(ORGANS);
    let finding = *rng.pick_skewed(FINDINGS);
    let task = *rng.pick_skewed(TASKS);
    let noun = *rng.pick(NOUNS);
    let mod_count = 1 + rng.below(2).min(rng.below(3));
    let mods = rng.pick_some(modalities, mod_count);
    let organ_title = organ[..1].to_uppercase() + &organ[1..];
    let name = format!(
        "{word} {organ_title} {} {} {noun}",
        mods.first().map_or("", |m| m.code),
        title_case(finding)
    );
    let acronym = format!(
        "{}-{}",
        word.to_uppercase().chars().take(4).collect::<String>(),
        organ.to_uppercase().chars().take(3).collect::<String>()
    );
    let slug = vocab::slugify(&format!("{word}-{organ}-{finding}-{i}"));

    let mut anatomy: Vec<&'static Anatomy> = anatomies
        .iter()
        .filter(|a| a.id == region)
        .copied()
        .collect();
    if rng.chance(20) {
        let extra = *rng.pick(anatomies);
        if !anatomy.contains(&extra) {
            anatomy.push(extra);
        }
    }

    // Description: an intro paragraph, a few paragraphs of sentences, sometimes a list.
    let mut description = format!(
        "**{name}** ({acronym}) is a collection of {} {} examinations of the {organ} for {task} of {finding}.\n\n",
        mods.iter().map(|m| m.code).collect::<Vec<_>>().join("/"),
        if rng.chance(50) {
            "clinical"
        } else {
            "research"
        },
    );
    let paragraphs = 3 + rng.below(3);
    for _ in 0..paragraphs {
        let sentences = 3 + rng.below(4);
        for _ in 0..sentences {
            let template: &str = SENTENCES[rng.below(SENTENCES.len())];
            let s = fill(template, rng, organ, finding, task);
            description.push_str(&s);
            description.push(' ');
        }
        description.push_str("\n\n");
    }
    if rng.chance(60) {
        description.push_str("Contents:\n\n");
        for _ in 0..(2 + rng.below(3)) {
            let _ = writeln!(
                description,
                "- {} {} scans with {} annotations",
                10 + rng.below(2000),
                rng.pick(FORMATS),
                rng.pick(&["pixel-level", "bounding-box", "image-level"])
            );
        }
        description.push('\n');
    }
    let _ = write!(
        description,
        "See the [project page](https://example.org/{slug}/) for details."
    );

    let year = 2005 + rng.below(20) as i32;
    let label_count = 1 + rng.below(2);
    let label_types: Vec<LabelType> = rng.pick_some(&LabelType::ALL, label_count);
    let license_id: &&str = rng.pick_skewed(LICENSES);
    let license = vocab::spdx_license(license_id);
    let access = *rng.pick_skewed(&Access::ALL);
    let subjects = 10 + (rng.next_u64() % 5000) * (1 + rng.below(4) as u64);
    let mut d = Dataset {
        slug: slug.clone(),
        source_path: PathBuf::from(format!("content/datasets/{slug}.yaml")),
        draft: false,
        name: name.clone(),
        acronym: Some(acronym),
        alternate_names: if rng.chance(30) {
            vec![format!("{word} {}", title_case(task))]
        } else {
            vec![]
        },
        description,
        homepage: Some(format!("https://example.org/{slug}/")),
        doi: rng.chance(60).then(|| format!("10.5555/synth.{i}")),
        creators: Vec::new(),
        publisher: None,
        version: None,
        year: Some(year),
        released: None,
        updated: None,
        added: None,
        keywords: vec![
            format!("{organ} {finding}"),
            task.to_string(),
            format!("{organ} imaging"),
        ],
        topic: Some(format!("{} of {finding} in the {organ}", title_case(task))),
        modalities: mods,
        anatomy,
        subjects: Some(subjects),
        scans: Some(subjects * (1 + rng.below(3) as u64)),
        studies: None,
        series: None,
        sequences: vec![],
        file_formats: vec![rng.pick(FORMATS).to_string()],
        scanners: vec![rng.pick(VENDORS).to_string()],
        geography: vec![rng.pick(COUNTRIES).to_string()],
        pathologies: vec![format!("{organ} {finding}")],
        targets: Targets {
            pixel: vec![organ.to_string(), finding.to_string()],
            instance: if rng.chance(50) {
                vec![finding.to_string()]
            } else {
                vec![]
            },
            image: vec![],
        },
        label_types,
        complete: Some(rng.chance(50)),
        pathology_annotated: Some(true),
        normal_anatomy_annotated: Some(rng.chance(40)),
        annotation_protocol: None,
        license,
        access: Some(access),
        access_url: Some(format!("https://example.org/{slug}/download")),
        platforms: rng.pick_some(platforms, 1),
        publishable: Some(rng.chance(80)),
        phantom: None,
        provision: None,
        contact: None,
        downloads: vec![],
        data_use: vec![],
        citations: vec![Citation {
            text: format!("Synthetic authors. {name}. Journal of Generated Data. {year}."),
            doi: None,
            url: None,
            preferred: true,
        }],
        derived_from: vec![],
        related: vec![],
        sources: vec![format!("generated by faircat synth (seed, index {i})")],
        remarks: None,
    };
    // Drawn after every other field, so that adding them left the rest of each entry as it was:
    // enough variety for every readiness level above "Characterised" to occur.
    if rng.chance(50) {
        d.updated = jiff::civil::Date::new(year as i16 + 1, 1 + rng.below(12) as i8, 1).ok();
    }
    if rng.chance(40) {
        d.annotation_protocol = Some(format!(
            "Two readers outlined the {organ} and each {finding}."
        ));
    }
    if rng.chance(20) {
        d.data_use = vec![crate::readiness::duo::lookup("HMB").expect("a DUO term")];
    }
    if rng.chance(70) {
        d.creators = vec![crate::model::Agent {
            name: format!("{}, A.", title_case(&word)),
            kind: crate::model::AgentKind::Person,
            orcid: None,
            ror: None,
            url: None,
        }];
    }
    d
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Write a catalog repository (`faircat.toml`, `content/_index.md`, one YAML file per dataset)
/// for `datasets` under `root`.
pub fn write_catalog(root: &Path, datasets: &[Dataset]) -> std::io::Result<()> {
    let dir = root.join("content").join("datasets");
    std::fs::create_dir_all(&dir)?;
    let c = config();
    std::fs::write(
        root.join("faircat.toml"),
        format!(
            "title = {:?}\ndescription = {:?}\nbase_url = {:?}\n\n[publisher]\nname = {:?}\n",
            c.title, c.description, c.base_url, c.publisher.name
        ),
    )?;
    std::fs::write(
        root.join("content").join("_index.md"),
        "A generated catalog of imaging datasets.\n",
    )?;
    for d in datasets {
        std::fs::write(dir.join(format!("{}.yaml", d.slug)), to_yaml(d))?;
    }
    Ok(())
}

/// One entry in the schema of `docs/entry-schema.md`, written by the one YAML writer.
pub fn to_yaml(d: &Dataset) -> String {
    use crate::entry::Key;
    use crate::yaml::write::{self, Style, Value};
    let mut y = String::new();
    let flow = Style {
        flow: true,
        ..Style::default()
    };
    let mut put = |key: Key, value: Option<Value>, style: Style| {
        if let Some(v) = value {
            write::field(&mut y, key.name(), &v, style);
        }
    };
    let text = |s: &Option<String>| s.clone().map(Value::Text);
    let strings = |v: &[String]| Some(Value::List(v.to_vec()));
    let names = |v: Vec<&str>| Some(Value::List(v.into_iter().map(String::from).collect()));
    let non_empty = |v: &[String]| (!v.is_empty()).then(|| Value::List(v.to_vec()));
    let plain = Style::default();
    put(Key::Name, Some(Value::Text(d.name.clone())), plain);
    put(Key::Acronym, text(&d.acronym), plain);
    put(Key::AlternateNames, non_empty(&d.alternate_names), flow);
    put(
        Key::Description,
        Some(Value::Text(d.description.clone())),
        plain,
    );
    put(Key::Homepage, text(&d.homepage), plain);
    put(Key::Doi, text(&d.doi), plain);
    put(
        Key::Year,
        d.year.and_then(|y| u64::try_from(y).ok()).map(Value::Int),
        plain,
    );
    let date = Style {
        date: true,
        ..Style::default()
    };
    put(
        Key::Updated,
        d.updated.map(|u| Value::Text(u.to_string())),
        date,
    );
    let creators: Vec<&str> = d.creators.iter().map(|a| a.name.as_str()).collect();
    put(
        Key::Creators,
        (!creators.is_empty())
            .then(|| Value::List(creators.iter().map(|s| s.to_string()).collect())),
        flow,
    );
    put(Key::Keywords, strings(&d.keywords), flow);
    put(Key::Topic, text(&d.topic), plain);
    put(
        Key::Modalities,
        names(d.modalities.iter().map(|m| m.code).collect()),
        flow,
    );
    put(
        Key::Anatomy,
        names(d.anatomy.iter().map(|a| a.id).collect()),
        flow,
    );
    put(Key::Subjects, d.subjects.map(Value::Int), plain);
    put(Key::Scans, d.scans.map(Value::Int), plain);
    put(Key::FileFormats, strings(&d.file_formats), flow);
    put(Key::Scanners, strings(&d.scanners), flow);
    put(Key::Geography, strings(&d.geography), flow);
    put(Key::Pathologies, strings(&d.pathologies), flow);
    let _ = writeln!(y, "{}:", Key::Targets.name());
    for (k, v) in [
        ("pixel", &d.targets.pixel),
        ("instance", &d.targets.instance),
        ("image", &d.targets.image),
    ] {
        if !v.is_empty() {
            let nested = Style {
                indent: 2,
                flow: true,
                date: false,
            };
            write::field(&mut y, k, &Value::List(v.clone()), nested);
        }
    }
    let mut put = |key: Key, value: Option<Value>, style: Style| {
        if let Some(v) = value {
            write::field(&mut y, key.name(), &v, style);
        }
    };
    put(
        Key::LabelTypes,
        names(d.label_types.iter().map(|l| l.slug()).collect()),
        flow,
    );
    put(Key::Complete, d.complete.map(Value::Bool), plain);
    put(
        Key::PathologyAnnotated,
        d.pathology_annotated.map(Value::Bool),
        plain,
    );
    put(
        Key::NormalAnatomyAnnotated,
        d.normal_anatomy_annotated.map(Value::Bool),
        plain,
    );
    put(Key::AnnotationProtocol, text(&d.annotation_protocol), plain);
    put(
        Key::License,
        d.license.as_ref().map(|l| Value::Text(l.id.clone())),
        plain,
    );
    let data_use: Vec<&str> = d.data_use.iter().map(|t| t.code).collect();
    put(
        Key::DataUse,
        (!data_use.is_empty()).then(|| names(data_use)).flatten(),
        flow,
    );
    put(
        Key::Access,
        d.access.map(|a| Value::Text(a.slug().to_string())),
        plain,
    );
    put(Key::AccessUrl, text(&d.access_url), plain);
    put(
        Key::Platform,
        names(d.platforms.iter().map(|p| p.name).collect()),
        flow,
    );
    put(Key::Publishable, d.publishable.map(Value::Bool), plain);
    put(Key::Phantom, d.phantom.map(Value::Bool), plain);
    let citations: Vec<serde_json::Map<String, serde_json::Value>> = d
        .citations
        .iter()
        .map(|c| {
            let mut m = serde_json::Map::new();
            m.insert("text".into(), c.text.clone().into());
            m.insert("preferred".into(), c.preferred.into());
            m
        })
        .collect();
    put(
        Key::Citations,
        (!citations.is_empty()).then_some(Value::Maps(citations)),
        plain,
    );
    put(Key::Sources, strings(&d.sources), flow);
    y
}

/// One random edit (substitution, deletion, insertion or transposition) inside `w`, never at its
/// first or last letter: a typo, for the search benchmark and tests. `w` has 3 letters or more.
pub fn one_edit(w: &str, rng: &mut Rng) -> String {
    let mut c: Vec<char> = w.chars().collect();
    let i = 1 + rng.below(c.len() - 2);
    match rng.below(4) {
        0 => c[i] = if c[i] == 'x' { 'q' } else { 'x' },
        1 => {
            c.remove(i);
        }
        2 => c.insert(i, 'e'),
        _ => c.swap(i, i + 1),
    }
    c.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_catalog_and_all_facets_used() {
        let a = datasets(200, 7);
        let b = datasets(200, 7);
        assert_eq!(to_yaml(&a[17]), to_yaml(&b[17]));
        assert_ne!(to_yaml(&datasets(1, 8)[0]), to_yaml(&a[0]));
        let cat = catalog(200, 7);
        for f in &cat.facets {
            assert!(f.values.len() >= 2, "facet {:?} has too few values", f.kind);
        }
        let words: usize = a
            .iter()
            .map(|d| d.description.split_whitespace().count())
            .sum();
        assert!(
            words / a.len() > 150,
            "descriptions are realistic in length"
        );
        let mut slugs: Vec<_> = a.iter().map(|d| d.slug.clone()).collect();
        slugs.sort();
        slugs.dedup();
        assert_eq!(slugs.len(), 200, "slugs are unique");
    }
}
