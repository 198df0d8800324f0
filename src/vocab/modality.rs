//! Acquisition modalities (DICOM CID 29) and the words contributors write for them.

use super::Modality;

/// Acquisition modalities: the codes of DICOM PS3.16 CID 29 "Acquisition Modality" (code and
/// code meaning as published there), plus `OT` ("Other"), a Defined Term of Modality (0008,0060)
/// in PS3.3 for images no other code fits.
const MODALITIES: &[Modality] = &[
    Modality {
        code: "CT",
        name: "Computed Tomography",
    },
    Modality {
        code: "MR",
        name: "Magnetic Resonance",
    },
    Modality {
        code: "PT",
        name: "Positron emission tomography",
    },
    Modality {
        code: "NM",
        name: "Nuclear Medicine",
    },
    Modality {
        code: "CR",
        name: "Computed Radiography",
    },
    Modality {
        code: "DX",
        name: "Digital Radiography",
    },
    Modality {
        code: "MG",
        name: "Mammography",
    },
    Modality {
        code: "US",
        name: "Ultrasound",
    },
    Modality {
        code: "XA",
        name: "X-Ray Angiography",
    },
    Modality {
        code: "RF",
        name: "Radiofluoroscopy",
    },
    Modality {
        code: "RG",
        name: "Radiographic imaging",
    },
    Modality {
        code: "IO",
        name: "Intra-oral Radiography",
    },
    Modality {
        code: "PX",
        name: "Panoramic X-Ray",
    },
    Modality {
        code: "BMD",
        name: "Bone Mineral Densitometry",
    },
    Modality {
        code: "SM",
        name: "Slide Microscopy",
    },
    Modality {
        code: "GM",
        name: "General Microscopy",
    },
    Modality {
        code: "ES",
        name: "Endoscopy",
    },
    Modality {
        code: "XC",
        name: "External-camera Photography",
    },
    Modality {
        code: "DMS",
        name: "Dermoscopy",
    },
    Modality {
        code: "OP",
        name: "Ophthalmic Photography",
    },
    Modality {
        code: "OPT",
        name: "Ophthalmic Tomography",
    },
    Modality {
        code: "OCT",
        name: "Optical Coherence Tomography",
    },
    Modality {
        code: "IVOCT",
        name: "Intravascular Optical Coherence Tomography",
    },
    Modality {
        code: "IVUS",
        name: "Intravascular Ultrasound",
    },
    Modality {
        code: "PA",
        name: "Photoacoustic",
    },
    Modality {
        code: "TG",
        name: "Thermography",
    },
    Modality {
        code: "DG",
        name: "Diaphanography",
    },
    Modality {
        code: "OT",
        name: "Other",
    },
];

/// DICOM CID 29 modalities known to faircat.
pub fn modalities() -> &'static [Modality] {
    MODALITIES
}

/// Look up a modality by its DICOM code (case-insensitive).
pub fn modality(code: &str) -> Option<&'static Modality> {
    modalities()
        .iter()
        .find(|m| m.code.eq_ignore_ascii_case(code))
}
