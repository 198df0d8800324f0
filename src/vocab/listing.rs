//! The controlled lists as `faircat vocab` prints them.

use super::*;

/// The controlled lists `faircat vocab` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Modalities,
    Anatomy,
    Platforms,
    LabelTypes,
    Access,
    FileFormats,
    DataUse,
}

/// A controlled list as aligned text, one value per line: the value to write first.
pub fn listing(list: List) -> String {
    let rows: Vec<Vec<String>> = match list {
        List::Modalities => modalities()
            .iter()
            .map(|m| vec![m.code.into(), m.name.into()])
            .collect(),
        List::Anatomy => anatomies()
            .iter()
            .map(|a| {
                let code = |label: &str, c: &str| {
                    if c.is_empty() {
                        String::new()
                    } else {
                        format!("{label} {c}")
                    }
                };
                vec![
                    a.id.into(),
                    a.label.into(),
                    code("SNOMED CT", a.snomed),
                    code("", a.uberon).trim().to_string(),
                    if a.synonyms.is_empty() {
                        String::new()
                    } else {
                        format!("also: {}", a.synonyms.join(", "))
                    },
                ]
            })
            .collect(),
        List::Platforms => platforms()
            .iter()
            .map(|p| vec![p.id.into(), p.name.into(), p.url.into()])
            .collect(),
        List::LabelTypes => LabelType::ALL
            .iter()
            .map(|l| vec![l.slug().into(), l.label().into(), l.definition().into()])
            .collect(),
        List::Access => Access::ALL
            .iter()
            .map(|a| vec![a.slug().into(), a.label().into()])
            .collect(),
        List::FileFormats => FILE_FORMATS.iter().map(|f| vec![f.to_string()]).collect(),
        List::DataUse => crate::readiness::duo::TERMS
            .iter()
            .map(|t| {
                let role = match t.role {
                    crate::readiness::duo::Role::Permission => "permission",
                    crate::readiness::duo::Role::Modifier => "modifier",
                };
                vec![t.code.into(), t.id.into(), role.into(), t.label.into()]
            })
            .collect(),
    };
    align(&rows)
}

/// Columns padded to the widest cell, trailing blanks removed.
fn align(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (cell, width) in row.iter().zip(&widths) {
            line.push_str(cell);
            line.push_str(&" ".repeat(width - cell.chars().count() + 2));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
