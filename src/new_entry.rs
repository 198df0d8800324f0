//! `faircat new` with the main facts filled in: from flags, or asked for when run in a
//! terminal (name, homepage, licence, modalities, anatomy). The rest of the file is the
//! commented template of [`crate::scaffold`].

use crate::entry::{Field, Key};
use crate::import::normalize::{self, Value};
use crate::scaffold::{self, ScaffoldError};
use crate::yaml::write::{self, Style};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// The facts `faircat new` can fill in. Text as the user typed it; checked by [`resolve`].
#[derive(Debug, Clone, Default)]
pub struct NewFacts {
    pub name: Option<String>,
    pub homepage: Option<String>,
    pub license: Option<String>,
    /// Comma- or space-separated, e.g. "PET-CT" or "CT, MR".
    pub modalities: Option<String>,
    pub anatomy: Option<String>,
}

/// Checked facts: (field, value).
type Lines = Vec<(Key, Value)>;

/// Check every given fact; the first problem, with a hint, is the error.
pub fn resolve(facts: &NewFacts) -> Result<Lines, String> {
    let mut lines = Vec::new();
    if let Some(name) = facts
        .name
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        lines.push((Key::Name, Value::Text(name.to_string())));
    }
    if let Some(h) = facts
        .homepage
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let url =
            normalize::url(h).ok_or_else(|| format!("homepage '{h}' is not an http(s) URL"))?;
        lines.push((Key::Homepage, Value::Text(url)));
    }
    if let Some(l) = facts
        .license
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        lines.push((Key::License, Value::Text(license(l)?.to_string())));
    }
    for (field, key, text) in [
        (Field::Modalities, Key::Modalities, &facts.modalities),
        (Field::Anatomy, Key::Anatomy, &facts.anatomy),
    ] {
        if let Some(t) = text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let t = t.replace(' ', ",");
            let outcome = normalize::normalize(field, &t);
            match (outcome.value, outcome.keep_original) {
                (Some(list @ Value::List(_)), false) => lines.push((key, list)),
                _ => {
                    return Err(format!(
                        "{}: {} (see `faircat vocab {}`)",
                        key.name(),
                        outcome
                            .problem
                            .unwrap_or_else(|| format!("'{t}' is not known")),
                        key.name()
                    ));
                }
            }
        }
    }
    Ok(lines)
}

/// An SPDX id from what the user typed ("CC BY 4.0" → CC-BY-4.0), or a "did you mean".
fn license(typed: &str) -> Result<&'static str, String> {
    if let Some(id) = normalize::spdx_id(typed) {
        return Ok(id);
    }
    let hint = crate::diagnostics::did_you_mean(typed, crate::vocab::spdx_ids())
        .map(|s| format!(" — did you mean '{s}'?"))
        .unwrap_or_default();
    Err(format!("'{typed}' is not an SPDX licence id{hint}"))
}

/// The entry template with the given facts filled in (uncommented where they were comments),
/// each written by the one YAML writer.
pub fn fill(template: &str, lines: &Lines) -> String {
    let mut out = String::with_capacity(template.len());
    for line in template.lines() {
        let bare = line.strip_prefix("# ").unwrap_or(line);
        match lines
            .iter()
            .find(|(key, _)| bare.starts_with(&format!("{}:", key.name())))
        {
            Some((key, value)) => {
                let style = Style {
                    flow: true,
                    ..Style::default()
                };
                write::field(&mut out, key.name(), value, style);
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// Write `content/datasets/<slug>.yaml` with the facts filled in. In a terminal (and unless
/// `ask` is false) the facts not given are asked for; a wrong answer is asked again.
pub fn new_entry(
    root: &Path,
    slug: &str,
    mut facts: NewFacts,
    ask: bool,
) -> Result<PathBuf, String> {
    let lines = if ask && std::io::stdin().is_terminal() {
        prompt(&mut facts)?
    } else {
        resolve(&facts)?
    };
    let path = scaffold::new_entry(root, slug).map_err(|e: ScaffoldError| e.to_string())?;
    if !lines.is_empty() {
        let text = fill(&scaffold::entry_template(), &lines);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(path)
}

/// Where in [`NewFacts`] an answer goes.
type Slot = fn(&mut NewFacts) -> &mut Option<String>;

/// Ask for each missing fact on the terminal until what is typed can be used (empty skips).
fn prompt(facts: &mut NewFacts) -> Result<Lines, String> {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let questions: [(&str, Slot); 5] = [
        ("Name of the dataset", |f| &mut f.name),
        ("Homepage (http/https)", |f| &mut f.homepage),
        ("Licence of the data (SPDX id, e.g. CC-BY-4.0)", |f| {
            &mut f.license
        }),
        ("Modalities (DICOM codes, e.g. CT, MR or PET-CT)", |f| {
            &mut f.modalities
        }),
        ("Anatomy (e.g. chest, abdomen)", |f| &mut f.anatomy),
    ];
    for (question, slot) in questions {
        if slot(facts).is_some() {
            continue;
        }
        loop {
            eprint!("{question} (Enter to skip): ");
            let _ = std::io::stderr().flush();
            let mut answer = String::new();
            if input.read_line(&mut answer).map_err(|e| e.to_string())? == 0 {
                break;
            }
            *slot(facts) = Some(answer.trim().to_string());
            match resolve(facts) {
                Ok(_) => break,
                Err(problem) => {
                    eprintln!("  {problem}");
                    *slot(facts) = None;
                }
            }
        }
    }
    resolve(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_are_normalised_and_filled_into_the_template() {
        let facts = NewFacts {
            name: Some("LIDC: Lung Image Database".into()),
            homepage: Some("https://example.org/lidc/".into()),
            license: Some("CC BY 3.0".into()),
            modalities: Some("PET-CT".into()),
            anatomy: Some("thorax".into()),
        };
        let lines = resolve(&facts).unwrap();
        let text = fill(&scaffold::entry_template(), &lines);
        assert!(
            text.contains("\nname: \"LIDC: Lung Image Database\"\n"),
            "{text}"
        );
        assert!(text.contains("\nhomepage: https://example.org/lidc/\n"));
        assert!(text.contains("\nlicense: CC-BY-3.0\n"));
        assert!(text.contains("\nmodalities: [PT, CT]\n"));
        assert!(text.contains("\nanatomy: [chest]\n"));
        assert!(text.contains("\n# doi: "), "other fields stay commented");
    }

    #[test]
    fn wrong_facts_are_refused_with_a_hint() {
        let bad = |f: NewFacts| resolve(&f).unwrap_err();
        assert!(
            bad(NewFacts {
                license: Some("CC-BY-4".into()),
                ..Default::default()
            })
            .contains("did you mean")
        );
        assert!(
            bad(NewFacts {
                homepage: Some("javascript:alert(1)".into()),
                ..Default::default()
            })
            .contains("not an http(s) URL")
        );
        assert!(
            bad(NewFacts {
                modalities: Some("CT, XYZ".into()),
                ..Default::default()
            })
            .starts_with("modalities:")
        );
    }
}
