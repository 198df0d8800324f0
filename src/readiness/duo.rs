//! The GA4GH Data Use Ontology (DUO): the codes an entry's `data_use` may carry.
//!
//! The terms, their shorthands and labels are those of the ontology's own term list
//! (`duo.csv` in the EBISPOT/DUO repository, the source of http://purl.obolibrary.org/obo/duo.owl).
//! The two abstract parents (`DUO:0000001` data use permission, `DUO:0000017` data use modifier)
//! are not listed: an entry names the concrete permission and modifiers that apply.

use serde::Serialize;

/// Whether a term says what the data may be used for (a permission; an entry has at most one)
/// or adds a condition to it (a modifier).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Permission,
    Modifier,
}

/// What a term says about commercial use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommercialUse {
    /// The term rules commercial use out.
    Excluded,
    /// "No restriction on use": commercial use included.
    Allowed,
    /// The term does not speak of commercial use.
    Silent,
}

/// One DUO term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Term {
    /// `DUO:0000042`.
    pub id: &'static str,
    /// The ontology's shorthand, written in entries: `GRU`.
    pub code: &'static str,
    /// The ontology's label: "general research use".
    pub label: &'static str,
    pub role: Role,
    pub commercial: CommercialUse,
}

impl Term {
    /// `http://purl.obolibrary.org/obo/DUO_0000042`.
    pub fn iri(&self) -> String {
        format!(
            "http://purl.obolibrary.org/obo/{}",
            self.id.replace(':', "_")
        )
    }
}

const fn term(
    id: &'static str,
    code: &'static str,
    label: &'static str,
    role: Role,
    commercial: CommercialUse,
) -> Term {
    Term {
        id,
        code,
        label,
        role,
        commercial,
    }
}

use CommercialUse::{Allowed, Excluded, Silent};
use Role::{Modifier, Permission};

/// Every term an entry may use, permissions first, then modifiers, each by id.
pub const TERMS: &[Term] = &[
    term("DUO:0000004", "NRES", "no restriction", Permission, Allowed),
    term(
        "DUO:0000006",
        "HMB",
        "health or medical or biomedical research",
        Permission,
        Silent,
    ),
    term(
        "DUO:0000007",
        "DS",
        "disease specific research",
        Permission,
        Silent,
    ),
    term(
        "DUO:0000011",
        "POA",
        "population origins or ancestry research only",
        Permission,
        Silent,
    ),
    term(
        "DUO:0000042",
        "GRU",
        "general research use",
        Permission,
        Silent,
    ),
    term(
        "DUO:0000012",
        "RS",
        "research specific restrictions",
        Modifier,
        Silent,
    ),
    term(
        "DUO:0000015",
        "NMDS",
        "no general methods research",
        Modifier,
        Silent,
    ),
    term(
        "DUO:0000016",
        "GSO",
        "genetic studies only",
        Modifier,
        Silent,
    ),
    term(
        "DUO:0000018",
        "NPUNCU",
        "not for profit, non commercial use only",
        Modifier,
        Excluded,
    ),
    term(
        "DUO:0000019",
        "PUB",
        "publication required",
        Modifier,
        Silent,
    ),
    term(
        "DUO:0000020",
        "COL",
        "collaboration required",
        Modifier,
        Silent,
    ),
    term(
        "DUO:0000021",
        "IRB",
        "ethics approval required",
        Modifier,
        Silent,
    ),
    term(
        "DUO:0000022",
        "GS",
        "geographical restriction",
        Modifier,
        Silent,
    ),
    term(
        "DUO:0000024",
        "MOR",
        "publication moratorium",
        Modifier,
        Silent,
    ),
    term("DUO:0000025", "TS", "time limit on use", Modifier, Silent),
    term(
        "DUO:0000026",
        "US",
        "user specific restriction",
        Modifier,
        Silent,
    ),
    term(
        "DUO:0000027",
        "PS",
        "project specific restriction",
        Modifier,
        Silent,
    ),
    term(
        "DUO:0000028",
        "IS",
        "institution specific restriction",
        Modifier,
        Silent,
    ),
    term(
        "DUO:0000029",
        "RTN",
        "return to database or resource",
        Modifier,
        Silent,
    ),
    term("DUO:0000043", "CC", "clinical care use", Modifier, Silent),
    term(
        "DUO:0000044",
        "NPOA",
        "population origins or ancestry research prohibited",
        Modifier,
        Silent,
    ),
    term(
        "DUO:0000045",
        "NPU",
        "not for profit organisation use only",
        Modifier,
        Excluded,
    ),
    term(
        "DUO:0000046",
        "NCU",
        "non-commercial use only",
        Modifier,
        Excluded,
    ),
];

/// A term by its shorthand (`GRU`, case-insensitive) or its id (`DUO:0000042`, `DUO_0000042`).
pub fn lookup(name: &str) -> Option<&'static Term> {
    let name = name.trim();
    let as_id = name.replacen('_', ":", 1);
    TERMS
        .iter()
        .find(|t| t.code.eq_ignore_ascii_case(name) || t.id.eq_ignore_ascii_case(&as_id))
}

/// Every way of writing a term that [`lookup`] accepts, for "did you mean …?" hints.
pub fn spellings() -> impl Iterator<Item = &'static str> {
    TERMS.iter().flat_map(|t| [t.code, t.id])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_ids_are_unique() {
        for (i, a) in TERMS.iter().enumerate() {
            for b in &TERMS[i + 1..] {
                assert_ne!(a.id, b.id);
                assert_ne!(a.code, b.code);
            }
        }
    }

    #[test]
    fn lookup_takes_shorthand_or_id() {
        assert_eq!(lookup("gru").unwrap().id, "DUO:0000042");
        assert_eq!(lookup("DUO:0000046").unwrap().code, "NCU");
        assert_eq!(lookup("DUO_0000021").unwrap().code, "IRB");
        assert!(
            lookup("DUO:0000001").is_none(),
            "abstract parents are not usable"
        );
        assert!(lookup("commercial").is_none());
    }

    #[test]
    fn iri_is_the_obo_purl() {
        assert_eq!(
            lookup("NCU").unwrap().iri(),
            "http://purl.obolibrary.org/obo/DUO_0000046"
        );
    }

    #[test]
    fn only_the_not_for_profit_terms_exclude_commercial_use() {
        let excluded: Vec<&str> = TERMS
            .iter()
            .filter(|t| t.commercial == Excluded)
            .map(|t| t.code)
            .collect();
        assert_eq!(excluded, ["NPUNCU", "NPU", "NCU"]);
    }
}
