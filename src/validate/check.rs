//! Checks for single values: each takes a YAML node and returns the typed value or a
//! [`Problem`] that says where and what, and how to fix it.

use crate::diagnostics::Span;
use crate::yaml::{Node, Value};
use jiff::civil::Date;

/// What is wrong with one value.
#[derive(Debug, Clone)]
pub struct Problem {
    pub span: Span,
    pub message: String,
    pub help: String,
}

impl Problem {
    pub fn new(span: Span, message: impl Into<String>, help: impl Into<String>) -> Self {
        Problem {
            span,
            message: message.into(),
            help: help.into(),
        }
    }
}

pub type Checked<T> = Result<T, Problem>;

/// `wrong type for 'year': expected a whole number, found a string`.
pub fn wrong_type(node: &Node, field: &str, expected: &str, help: &str) -> Problem {
    Problem::new(
        node.span,
        format!(
            "wrong type for '{field}': expected {expected}, found {}",
            node.value.kind()
        ),
        help,
    )
}

/// A one-line string (names, ids, list items). Surrounding spaces are dropped.
pub fn text(node: &Node, field: &str) -> Checked<String> {
    let s = any_text(node, field)?;
    if s.contains(['\n', '\r']) {
        return Err(Problem::new(
            node.span,
            format!("'{field}' must be a single line"),
            "remove the line breaks (use `>-` or one long line)",
        ));
    }
    Ok(s)
}

/// A string that may span lines (Markdown).
pub fn markdown(node: &Node, field: &str) -> Checked<String> {
    any_text(node, field)
}

fn any_text(node: &Node, field: &str) -> Checked<String> {
    let Value::Str(s) = &node.value else {
        return Err(wrong_type(
            node,
            field,
            "a string",
            "write text; put it in quotes if it looks like a number or a boolean",
        ));
    };
    let s = s.trim();
    if s.is_empty() {
        return Err(Problem::new(
            node.span,
            format!("'{field}' is empty"),
            "fill it in or remove the field",
        ));
    }
    if let Some(c) = s
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        return Err(Problem::new(
            node.span,
            format!(
                "'{field}' contains the control character U+{:04X}",
                c as u32
            ),
            "remove invisible control characters",
        ));
    }
    Ok(s.to_string())
}

pub fn boolean(node: &Node, field: &str) -> Checked<bool> {
    match node.value {
        Value::Bool(b) => Ok(b),
        _ => Err(wrong_type(
            node,
            field,
            "true or false",
            "write true or false, without quotes",
        )),
    }
}

/// A count of subjects, scans, bytes…: a whole number ≥ 0 written as a YAML number.
pub fn count(node: &Node, field: &str) -> Checked<u64> {
    match &node.value {
        Value::Int(i) => u64::try_from(*i).map_err(|_| {
            Problem::new(
                node.span,
                format!("'{field}' is negative ({i})"),
                "a count is a whole number of 0 or more",
            )
        }),
        Value::Str(s) => {
            let digits: String = s.chars().filter(char::is_ascii_digit).collect();
            let help = if digits.is_empty() {
                "write a plain number, e.g. 1810; put anything else in `remarks`".to_string()
            } else {
                format!(
                    "write the number without quotes, separators or words: {digits}; put anything else in `remarks`"
                )
            };
            Err(wrong_type(node, field, "a whole number", &help))
        }
        _ => Err(wrong_type(
            node,
            field,
            "a whole number",
            "write a plain number, e.g. 1810",
        )),
    }
}

pub fn year(node: &Node, field: &str) -> Checked<i32> {
    let Value::Int(y) = node.value else {
        return Err(wrong_type(
            node,
            field,
            "a year",
            "write the year as a number, e.g. 2021",
        ));
    };
    if (1895..=2100).contains(&y) {
        Ok(y as i32)
    } else {
        Err(Problem::new(
            node.span,
            format!("'{field}' {y} is not a plausible year"),
            "write the four-digit year of first release, e.g. 2021",
        ))
    }
}

/// A calendar date written `YYYY-MM-DD`.
pub fn date(node: &Node, field: &str) -> Checked<Date> {
    let help = "write the date as YYYY-MM-DD, e.g. 2021-06-30";
    let Value::Str(s) = &node.value else {
        return Err(wrong_type(node, field, "a date", help));
    };
    let shape_ok = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let parsed = if shape_ok {
        s.parse::<Date>().ok()
    } else {
        None
    };
    parsed.ok_or_else(|| {
        Problem::new(
            node.span,
            format!("'{field}' is not a valid date: '{s}'"),
            help,
        )
    })
}

/// An http(s) URL, returned in normalised form. Anything else — `javascript:`, `data:`,
/// `vbscript:`, `file:`, relative paths, upper-case schemes, leading spaces, control
/// characters — is refused.
pub fn url(node: &Node, field: &str) -> Checked<String> {
    let help = "write a full address starting with https:// (or http://)";
    let Value::Str(raw) = &node.value else {
        return Err(wrong_type(node, field, "a URL", help));
    };
    url_text(raw, node.span, field)
}

pub fn url_text(raw: &str, span: Span, field: &str) -> Checked<String> {
    let help = "write a full address starting with https:// (or http://)";
    let bad = |what: &str| Problem::new(span, format!("'{field}' {what}"), help);
    if raw.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(bad("contains spaces or control characters"));
    }
    let scheme_end = raw.find(':').unwrap_or(0);
    let scheme = &raw[..scheme_end];
    if !(scheme == "https" || scheme == "http") {
        let shown: String = raw.chars().take(40).collect();
        return Err(
            if scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http") {
                bad(&format!("must start with a lowercase scheme: '{shown}'"))
            } else if scheme.is_empty() {
                bad(&format!("is not a full URL: '{shown}'"))
            } else {
                bad(&format!(
                    "uses the scheme '{scheme}:'; only http and https are allowed"
                ))
            },
        );
    }
    let parsed = url::Url::parse(raw).map_err(|e| bad(&format!("is not a valid URL ({e})")))?;
    if parsed.host_str().is_none_or(str::is_empty) || !raw[scheme_end..].starts_with("://") {
        return Err(bad("has no host name"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(bad("must not contain a user name or password"));
    }
    Ok(parsed.to_string())
}

/// A DOI: bare `10.NNNN/…`, or with a `https://doi.org/` or `doi:` prefix (removed).
pub fn doi(node: &Node, field: &str) -> Checked<String> {
    let help = "write the DOI as 10.NNNN/suffix, e.g. 10.7937/K9/TCIA.2015.LO9QL9SX";
    let Value::Str(raw) = &node.value else {
        return Err(wrong_type(node, field, "a DOI", help));
    };
    normalize_doi(raw.trim()).ok_or_else(|| {
        Problem::new(
            node.span,
            format!(
                "'{field}' is not a DOI: '{}'",
                raw.chars().take(60).collect::<String>()
            ),
            help,
        )
    })
}

/// Strip resolver prefixes and check the `10.<registrant>/<suffix>` shape.
pub fn normalize_doi(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    let prefixes = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ];
    let bare = prefixes
        .iter()
        .find(|p| lower.starts_with(*p))
        .map_or(raw, |p| raw[p.len()..].trim_start());
    let (registrant, suffix) = bare.strip_prefix("10.")?.split_once('/')?;
    let registrant_ok = registrant.len() >= 4
        && registrant
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    let suffix_ok =
        !suffix.is_empty() && !suffix.chars().any(|c| c.is_whitespace() || c.is_control());
    (registrant_ok && suffix_ok).then(|| bare.to_string())
}

pub fn email(node: &Node, field: &str) -> Checked<String> {
    let s = text(node, field)?;
    let ok = s.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
    }) && !s.contains(char::is_whitespace);
    if ok {
        Ok(s)
    } else {
        Err(Problem::new(
            node.span,
            format!("'{field}' is not an email address: '{s}'"),
            "write an address such as data-owner@example.org",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(v: Value) -> Node {
        Node {
            span: Span::new(1, 1, 1),
            value: v,
        }
    }
    fn s(x: &str) -> Node {
        node(Value::Str(x.into()))
    }

    #[test]
    fn urls() {
        assert_eq!(
            url(&s("https://example.org/a"), "homepage").unwrap(),
            "https://example.org/a"
        );
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            " https://example.org/",
            "\u{1}https://example.org/",
            "HTTPS://example.org/",
            "example.org",
            "https:example.org",
            "https://user:pw@example.org/",
            "//example.org/",
        ] {
            assert!(url(&s(bad), "homepage").is_err(), "{bad:?} accepted");
        }
        let e = url(&s("javascript:alert(1)"), "homepage").unwrap_err();
        assert_eq!(
            e.message,
            "'homepage' uses the scheme 'javascript:'; only http and https are allowed"
        );
    }

    #[test]
    fn dois() {
        assert_eq!(
            normalize_doi("10.7937/K9/TCIA.2015.LO9QL9SX").unwrap(),
            "10.7937/K9/TCIA.2015.LO9QL9SX"
        );
        assert_eq!(
            normalize_doi("https://doi.org/10.5281/zenodo.123").unwrap(),
            "10.5281/zenodo.123"
        );
        assert_eq!(
            normalize_doi("doi:10.1109/TPAMI.2021.3100536").unwrap(),
            "10.1109/TPAMI.2021.3100536"
        );
        assert_eq!(normalize_doi("DOI: 10.1234/x").unwrap(), "10.1234/x");
        for bad in [
            "10.12/x",
            "11.1234/x",
            "10.1234",
            "10.1234/",
            "10.1234/a b",
            "https://example.org/10.1234/x",
        ] {
            assert!(normalize_doi(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn dates_and_counts() {
        assert!(date(&s("2021-06-30"), "released").is_ok());
        assert!(date(&s("2021-02-30"), "released").is_err());
        assert!(date(&s("2021-6-30"), "released").is_err());
        assert!(date(&s("30.06.2021"), "released").is_err());
        assert_eq!(count(&node(Value::Int(1810)), "scans").unwrap(), 1810);
        assert!(count(&node(Value::Int(-1)), "scans").is_err());
        let e = count(&s("1,810"), "scans").unwrap_err();
        assert_eq!(
            e.message,
            "wrong type for 'scans': expected a whole number, found a string"
        );
        assert!(e.help.contains("1810"));
        assert!(count(&node(Value::Float(1.5)), "scans").is_err());
    }
}
