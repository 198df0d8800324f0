//! Diagnostics: where a problem is (path, line, column), what it is, and how to fix it.
//!
//! Every stage reports into one [`Diagnostics`] collector so that a run shows every problem in
//! every file at once. Rendering follows the `path:line:col: severity: message` convention,
//! followed by the offending source line and a caret, like `rustc` and `just`.

use serde::Serialize;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A place in a source file. Lines and columns are 1-based and count characters.
/// `len` is the number of characters to underline on that line (at least one caret is drawn).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    pub line: usize,
    pub column: usize,
    pub len: usize,
}

impl Span {
    pub fn new(line: usize, column: usize, len: usize) -> Self {
        Span { line, column, len }
    }
    /// The start of a file, for problems that concern a whole file.
    pub fn file_start() -> Self {
        Span::new(1, 1, 0)
    }
    /// Whether the span stands for the whole file ([`Span::file_start`]) rather than a place
    /// in it: such a problem is shown without a source line, whose caret would point at
    /// whatever happens to be first in the file.
    pub fn is_whole_file(&self) -> bool {
        *self == Span::file_start()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Path as shown to the user: relative to the catalog root where possible.
    pub path: PathBuf,
    pub span: Span,
    pub severity: Severity,
    /// What is wrong, including a "did you mean …?" where one can be offered.
    pub message: String,
    /// How to fix it, in general terms.
    pub help: Option<String>,
    /// The source line the span points into (filled in by the loader), without its newline.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            span,
            severity: Severity::Error,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, span, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attach the source line the span points into, taken from the file's text.
    pub fn with_source(mut self, text: &str) -> Self {
        if self.span.line > 0 {
            self.source_line = text
                .lines()
                .nth(self.span.line - 1)
                .map(|l| l.trim_end_matches('\r').to_string());
        }
        self
    }

    /// `path:line:col: severity: message`, the source line with a caret (not for a problem of
    /// the whole file), and the help line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{}:{}:{}: {}: {}",
            display_path(&self.path),
            self.span.line,
            self.span.column,
            self.severity.as_str(),
            self.message
        );
        if let Some(line) = self
            .source_line
            .as_ref()
            .filter(|_| !self.span.is_whole_file())
        {
            let number = self.span.line.to_string();
            let gutter = " ".repeat(number.len());
            let (shown, before, available) = excerpt(line, self.span.column);
            let carets = self.span.len.clamp(1, available.max(1));
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{number} | {shown}");
            let _ = writeln!(
                out,
                "{gutter} | {}{}",
                " ".repeat(before),
                "^".repeat(carets)
            );
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        out
    }

    /// A GitHub Actions workflow command, so the problem shows on the pull request's changed line.
    pub fn render_github(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = self.message.clone();
        if let Some(help) = &self.help {
            message.push_str(" (help: ");
            message.push_str(help);
            message.push(')');
        }
        format!(
            "::{kind} file={},line={},col={},title=faircat {kind}::{}",
            github_escape_property(&display_path(&self.path)),
            self.span.line,
            self.span.column,
            github_escape_data(&message)
        )
    }
}

/// The part of a source line worth showing: all of it when short, otherwise a window around
/// the column (marked with `…` where cut), so a problem in a 10 MB line prints a few dozen
/// characters. Returns the text, the caret's offset in it and the characters left after the caret.
fn excerpt(line: &str, column: usize) -> (String, usize, usize) {
    const BEFORE: usize = 40;
    const WIDTH: usize = 120;
    let chars: Vec<char> = printable(line).chars().collect();
    let at = column.saturating_sub(1).min(chars.len());
    let start = if chars.len() <= WIDTH {
        0
    } else {
        at.saturating_sub(BEFORE)
    };
    let end = (start + WIDTH).min(chars.len());
    let mut shown = String::new();
    let mut offset = at - start;
    if start > 0 {
        shown.push('…');
        offset += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, offset, end.saturating_sub(at))
}

/// Tabs and control characters would shift the caret or corrupt a terminal: show them as spaces or U+FFFD.
fn printable(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn github_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn github_escape_property(s: &str) -> String {
    github_escape_data(s)
        .replace(':', "%3A")
        .replace(',', "%2C")
}

/// Collects every problem of a run. Rendering sorts them by file, line and column.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
    /// Keep only the problems for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }
    pub fn errors(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }
    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    /// The problems in a stable order: by path, then line, then column, then message.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            (&a.path, a.span, a.severity, &a.message)
                .cmp(&(&b.path, b.span, b.severity, &b.message))
        });
        v
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Every problem, then one summary line, e.g. `error: 2 errors and 1 warning in 2 files`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            out.push_str(&d.render());
            out.push('\n');
        }
        out.push_str(&self.summary());
        out.push('\n');
        out
    }

    pub fn render_github(&self) -> String {
        let mut out = String::new();
        for d in self.sorted() {
            out.push_str(&d.render_github());
            out.push('\n');
        }
        out
    }

    pub fn render_json(&self) -> String {
        serde_json::to_string_pretty(&self.sorted()).unwrap_or_else(|_| "[]".into())
    }

    /// `error: 2 errors and 1 warning in 2 files`, or `ok: no problems`.
    pub fn summary(&self) -> String {
        let (e, w) = (self.errors(), self.warnings());
        let mut files: Vec<&PathBuf> = self.items.iter().map(|d| &d.path).collect();
        files.sort();
        files.dedup();
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        match (e, w) {
            (0, 0) => "ok: no problems".to_string(),
            (0, w) => format!(
                "warning: {} in {}",
                plural(w, "warning"),
                plural(files.len(), "file")
            ),
            (e, 0) => format!(
                "error: {} in {}",
                plural(e, "error"),
                plural(files.len(), "file")
            ),
            (e, w) => format!(
                "error: {} and {} in {}",
                plural(e, "error"),
                plural(w, "warning"),
                plural(files.len(), "file")
            ),
        }
    }
}

/// The closest candidate to `input` among `candidates`, if it is close enough to be a likely typo.
/// Comparison ignores case, spaces, dashes, dots and underscores first, then uses edit distance.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_' | '.' | '/'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = norm(input);
    let mut best: Option<(&str, f64)> = None;
    for c in candidates {
        let n = norm(c);
        let score = if n == wanted {
            1.0
        } else {
            strsim::jaro_winkler(&wanted, &n)
        };
        if score >= 0.85 && best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_source_and_caret() {
        let d = Diagnostic::error(
            "content/datasets/x.yaml",
            Span::new(2, 10, 9),
            "unknown licence 'CC BY 4.0' — did you mean 'CC-BY-4.0'?",
        )
        .with_help("use an SPDX identifier")
        .with_source("name: X\nlicense: CC BY 4.0\n");
        assert_eq!(
            d.render(),
            "content/datasets/x.yaml:2:10: error: unknown licence 'CC BY 4.0' — did you mean 'CC-BY-4.0'?\n  |\n2 | license: CC BY 4.0\n  |          ^^^^^^^^^\n  = help: use an SPDX identifier\n"
        );
    }

    #[test]
    fn a_problem_of_the_whole_file_has_no_source_line() {
        let d = Diagnostic::warning(
            "content/datasets/x.yaml",
            Span::file_start(),
            "recommended field missing: license",
        )
        .with_help("add it")
        .with_source("# a comment\nname: X\n");
        assert_eq!(
            d.render(),
            "content/datasets/x.yaml:1:1: warning: recommended field missing: license\n  = help: add it\n"
        );
        // A one-character problem at the same place keeps its caret.
        let at_start = Diagnostic::error("x.yaml", Span::new(1, 1, 1), "here").with_source("#x\n");
        assert!(
            at_start.render().contains("1 | #x\n  | ^\n"),
            "{}",
            at_start.render()
        );
    }

    #[test]
    fn long_lines_are_cut_to_a_window_around_the_caret() {
        let line = format!("description: {}BAD{}", "a".repeat(5000), "b".repeat(5000));
        let d = Diagnostic::error("x.yaml", Span::new(1, 5014, 3), "here").with_source(&line);
        let out = d.render();
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[2].len() < 200, "{}", lines[2]);
        assert!(lines[2].starts_with("1 | …") && lines[2].ends_with('…'));
        let caret = lines[3].chars().position(|c| c == '^').unwrap();
        let under: String = lines[2].chars().skip(caret).take(3).collect();
        assert_eq!(under, "BAD", "caret under the problem: {out}");
        assert_eq!(lines[3].matches('^').count(), 3);
    }

    #[test]
    fn github_format_escapes_newlines_and_commas() {
        let d = Diagnostic::error("a,b.yaml", Span::new(3, 1, 1), "bad\nthing");
        assert_eq!(
            d.render_github(),
            "::error file=a%2Cb.yaml,line=3,col=1,title=faircat error::bad%0Athing"
        );
    }

    #[test]
    fn summary_counts_errors_warnings_and_files() {
        let mut ds = Diagnostics::new();
        ds.push(Diagnostic::error("a.yaml", Span::file_start(), "x"));
        ds.push(Diagnostic::error("a.yaml", Span::file_start(), "y"));
        ds.push(Diagnostic::warning("b.yaml", Span::file_start(), "z"));
        assert_eq!(ds.summary(), "error: 2 errors and 1 warning in 2 files");
    }

    #[test]
    fn did_you_mean_ignores_punctuation_and_rejects_far_words() {
        assert_eq!(
            did_you_mean("CC BY 4.0", ["CC-BY-4.0", "MIT"]),
            Some("CC-BY-4.0")
        );
        assert_eq!(
            did_you_mean("licence", ["license", "homepage"]),
            Some("license")
        );
        assert_eq!(did_you_mean("zzzz", ["license", "homepage"]), None);
    }
}
