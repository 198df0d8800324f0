//! A small RDF graph builder shared by the DCAT-AP and FAIR Data Point exports.
//!
//! Terms are `oxrdf` values, so IRIs and language tags are checked when made; [`syntax`]
//! writes them as Turtle and JSON-LD. Triples are kept grouped by subject in the order
//! subjects first appear, which makes the output deterministic and readable.

mod syntax;

use oxrdf::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term};
/// The maps of a graph hash with foldhash (randomly seeded, like std's) rather than std's
/// SipHash: their keys are short and many (docs/performance.md).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// Prefixes used in every RDF file faircat writes.
pub const PREFIXES: &[(&str, &str)] = &[
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("vcard", "http://www.w3.org/2006/vcard/ns#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("spdx", "http://spdx.org/rdf/terms#"),
    ("adms", "http://www.w3.org/ns/adms#"),
    ("dcatap", "http://data.europa.eu/r5r/"),
    ("healthdcatap", "http://healthdataportal.eu/ns/health#"),
    ("fdp-o", "https://w3id.org/fdp/fdp-o#"),
    ("ldp", "http://www.w3.org/ns/ldp#"),
    ("dqv", "http://www.w3.org/ns/dqv#"),
];

/// `dcat:Dataset` → `<http://www.w3.org/ns/dcat#Dataset>`. Panics on an unknown prefix: only
/// called with the constant names of this crate. Each thread expands a name once and then
/// clones it (a catalog export names the same few dozen terms millions of times).
pub fn n(curie: &'static str) -> NamedNode {
    thread_local! {
        static EXPANDED: std::cell::RefCell<HashMap<&'static str, NamedNode>> =
            std::cell::RefCell::new(HashMap::default());
    }
    EXPANDED.with_borrow_mut(|expanded| {
        expanded
            .entry(curie)
            .or_insert_with(|| {
                let (prefix, local) = curie.split_once(':').expect("a prefixed name");
                let ns = PREFIXES
                    .iter()
                    .find(|(p, _)| *p == prefix)
                    .unwrap_or_else(|| panic!("unknown prefix {prefix}"))
                    .1;
                NamedNode::new_unchecked(format!("{ns}{local}"))
            })
            .clone()
    })
}

/// An IRI from outside (an entry's URL): `None` when it is not a valid absolute IRI, so a bad
/// value can never corrupt the file.
pub fn iri(s: &str) -> Option<NamedNode> {
    NamedNode::new(s).ok()
}

/// A blank node with a stable label (for deterministic output).
pub fn blank(label: &str) -> BlankNode {
    let clean: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    BlankNode::new_unchecked(clean)
}

pub fn text(s: &str) -> Literal {
    Literal::new_simple_literal(s)
}

/// A literal in the catalog's language.
pub fn text_lang(s: &str, lang: &str) -> Literal {
    Literal::new_language_tagged_literal(s, lang.to_ascii_lowercase())
        .unwrap_or_else(|_| Literal::new_simple_literal(s))
}

pub fn typed(value: impl Into<String>, datatype: &'static str) -> Literal {
    Literal::new_typed_literal(value, n(datatype))
}

/// Write one graph, made a part at a time (`parts`, in order), as a Turtle document and a
/// JSON-LD document at once: each part is made once for both, and the whole graph is never in
/// memory. Parts are made in parallel, a batch at a time.
pub fn write_documents(
    turtle: &mut dyn std::io::Write,
    jsonld: &mut dyn std::io::Write,
    head: &Graph,
    parts: usize,
    part: impl Fn(usize) -> Graph + Sync,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    turtle.write_all(&head.to_turtle())?;
    let mut open = Vec::new();
    Graph::jsonld_head(&mut open);
    let opening = open.len();
    head.write_jsonld_nodes(&mut open);
    let mut nodes_written = open.len() > opening;
    jsonld.write_all(&open)?;
    let indices: Vec<usize> = (0..parts).collect();
    for batch in indices.chunks(rayon::current_num_threads().max(1) * 4) {
        let texts: Vec<(Vec<u8>, Vec<u8>)> = batch
            .par_iter()
            .map(|&i| {
                let g = part(i);
                let (mut statements, mut nodes) = (Vec::new(), Vec::new());
                g.write_turtle(&mut statements, false);
                g.write_jsonld_nodes(&mut nodes);
                (statements, nodes)
            })
            .collect();
        for (statements, nodes) in &texts {
            turtle.write_all(statements)?;
            if !nodes.is_empty() {
                if nodes_written {
                    jsonld.write_all(b",")?;
                }
                jsonld.write_all(nodes)?;
                nodes_written = true;
            }
        }
    }
    jsonld.write_all(b"]}\n")?;
    Ok(())
}

#[derive(Default)]
pub struct Graph {
    subjects: Vec<(NamedOrBlankNode, Vec<(NamedNode, Term)>)>,
    index: HashMap<NamedOrBlankNode, usize>,
    /// Hashes of (subject index, predicate, object) of the triples added.
    seen: HashSet<u64>,
}

impl Graph {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a triple unless it is already there.
    pub fn add(
        &mut self,
        subject: impl Into<NamedOrBlankNode>,
        predicate: &'static str,
        object: impl Into<Term>,
    ) {
        self.add_term(subject.into(), n(predicate), object.into());
    }

    /// `subject a class`.
    pub fn typed(&mut self, subject: impl Into<NamedOrBlankNode>, class: &'static str) {
        self.add(subject, "rdf:type", n(class));
    }

    /// The triples of `roots` and, transitively, of every subject their objects name: one
    /// resource with everything that describes it.
    pub fn subgraph(&self, roots: &[NamedOrBlankNode]) -> Graph {
        let mut out = Graph::new();
        let mut todo: Vec<NamedOrBlankNode> = roots.to_vec();
        let mut seen = HashSet::default();
        while let Some(subject) = todo.pop() {
            if !seen.insert(subject.clone()) {
                continue;
            }
            let Some(&i) = self.index.get(&subject) else {
                continue;
            };
            for (p, o) in &self.subjects[i].1 {
                out.add_term(subject.clone(), p.clone(), o.clone());
                match o {
                    Term::NamedNode(n) => todo.push(n.clone().into()),
                    Term::BlankNode(b) => todo.push(b.clone().into()),
                    _ => {}
                }
            }
        }
        out
    }

    fn add_term(&mut self, subject: NamedOrBlankNode, predicate: NamedNode, object: Term) {
        let i = match self.index.get(&subject) {
            Some(&i) => i,
            None => {
                self.subjects.push((subject.clone(), Vec::new()));
                self.index.insert(subject, self.subjects.len() - 1);
                self.subjects.len() - 1
            }
        };
        let entry = (predicate, object);
        // A hash of every triple added, so that the check for duplicates does not compare a
        // new triple with each of its subject's (a catalog's subject has one per dataset).
        let hash = {
            use std::hash::BuildHasher;
            self.seen.hasher().hash_one((i, &entry))
        };
        let list = &mut self.subjects[i].1;
        if self.seen.insert(hash) || !list.contains(&entry) {
            list.push(entry);
        }
    }

    pub fn len(&self) -> usize {
        self.subjects.iter().map(|(_, l)| l.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[cfg(test)]
    fn triples(&self) -> impl Iterator<Item = oxrdf::TripleRef<'_>> {
        self.subjects.iter().flat_map(|(s, list)| {
            list.iter()
                .map(move |(p, o)| oxrdf::TripleRef::new(s.as_ref(), p.as_ref(), o.as_ref()))
        })
    }

    /// The graph as a Turtle document.
    pub fn to_turtle(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_turtle(&mut out, true);
        out
    }

    /// The graph as a JSON-LD document (full IRIs, the prefixes as its context), safe to
    /// inline in HTML.
    pub fn to_jsonld(&self) -> Vec<u8> {
        let mut out = Vec::new();
        Graph::jsonld_head(&mut out);
        self.write_jsonld_nodes(&mut out);
        out.extend_from_slice(b"]}\n");
        out
    }
}
