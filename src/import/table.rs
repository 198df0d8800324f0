//! Spreadsheets as a header row and rows of text cells: CSV, TSV, XLSX/XLS/ODS (calamine) and
//! JSON (an array of flat objects, what `faircat export --format json` writes).

use std::path::Path;

/// A table read from a file. Cells are text, trimmed of surrounding whitespace.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's number as a spreadsheet program shows it (the header is usually row 1).
    pub number: usize,
    pub cells: Vec<String>,
}

impl Row {
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }
    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.is_empty())
    }
}

/// The file formats `faircat import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Delimited(u8),
    Spreadsheet,
    Json,
}

impl FileFormat {
    /// From the file name's extension; `.csv` and `.txt` are sniffed for `,`, `;` or tab.
    pub fn detect(path: &Path, text_start: &[u8]) -> Result<FileFormat, String> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "tsv" | "tab" => Ok(FileFormat::Delimited(b'\t')),
            "csv" | "txt" | "" => Ok(FileFormat::Delimited(sniff_delimiter(text_start))),
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Ok(FileFormat::Spreadsheet),
            "json" => Ok(FileFormat::Json),
            other => Err(format!(
                "cannot read '.{other}' files: use CSV, TSV, XLSX, XLS, ODS or JSON"
            )),
        }
    }
}

/// The separator that occurs most often in the first line (`,` when none does).
fn sniff_delimiter(start: &[u8]) -> u8 {
    let first_line = start.split(|b| *b == b'\n').next().unwrap_or(&[]);
    [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| (first_line.iter().filter(|b| *b == d).count(), *d == b','))
        .unwrap_or(b',')
}

/// Read a table from a file, choosing the reader by its extension.
pub fn read(path: &Path) -> Result<Table, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    match FileFormat::detect(path, &bytes[..bytes.len().min(4096)])? {
        FileFormat::Delimited(d) => parse_delimited(&bytes, d),
        FileFormat::Spreadsheet => read_spreadsheet(path),
        FileFormat::Json => parse_json(&bytes),
    }
}

/// Parse CSV or TSV bytes. Rows may have fewer or more cells than the header.
pub fn parse_delimited(bytes: &[u8], delimiter: u8) -> Result<Table, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut lines = Vec::new();
    for (index, record) in reader.byte_records().enumerate() {
        let record = record.map_err(|e| format!("cannot parse the table: {e}"))?;
        // Rows are counted as a spreadsheet program counts them (a quoted line break does
        // not start a new row).
        let number = index + 1;
        let mut cells = Vec::with_capacity(record.len());
        for field in record.iter() {
            let text = std::str::from_utf8(field).map_err(|_| {
                format!("line {number}: the text is not UTF-8; save the file as UTF-8")
            })?;
            // `faircat export` defuses cells a spreadsheet would run as formulas.
            cells.push(crate::metadata::csv::restore_formula(text.trim()).to_string());
        }
        lines.push(Row { number, cells });
    }
    Ok(from_lines(lines))
}

/// The first non-empty line is the header; later empty lines are kept (and reported) as rows.
fn from_lines(lines: Vec<Row>) -> Table {
    let mut lines = lines.into_iter().skip_while(Row::is_empty);
    let Some(header) = lines.next() else {
        return Table::default();
    };
    let mut headers = header.cells;
    let rows: Vec<Row> = lines.collect();
    // Drop trailing columns that have neither a header nor any value.
    while headers.last().is_some_and(String::is_empty) {
        let i = headers.len() - 1;
        if rows.iter().any(|r| !r.cell(i).is_empty()) {
            break;
        }
        headers.pop();
    }
    // Drop trailing empty rows (spreadsheets often have them); inner empty rows stay.
    let mut rows = rows;
    while rows.last().is_some_and(Row::is_empty) {
        rows.pop();
    }
    Table { headers, rows }
}

fn read_spreadsheet(path: &Path) -> Result<Table, String> {
    use calamine::{Data, Reader};
    let mut workbook = calamine::open_workbook_auto(path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| format!("{} has no worksheet", path.display()))?
        .map_err(|e| format!("cannot read the first worksheet: {e}"))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let lines = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut texts = vec![String::new(); first_col];
            texts.extend(cells.iter().map(|cell| match cell {
                Data::Empty => String::new(),
                Data::String(s) => s.trim().to_string(),
                Data::Int(i) => i.to_string(),
                Data::Float(f) => format_float(*f),
                Data::Bool(b) => b.to_string(),
                Data::DateTime(dt) => {
                    let (y, m, d, hh, mm, ss, _) = dt.to_ymd_hms_milli();
                    if (hh, mm, ss) == (0, 0, 0) {
                        format!("{y:04}-{m:02}-{d:02}")
                    } else {
                        format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}")
                    }
                }
                Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                Data::Error(e) => format!("#{e:?}"),
            }));
            Row {
                number: first_row + i + 1,
                cells: texts,
            }
        })
        .collect();
    Ok(from_lines(lines))
}

/// Whole numbers without a fractional part (spreadsheets store 1810 as 1810.0).
fn format_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// An array of flat objects. Arrays and objects inside become JSON text in the cell; the
/// importer reads lists and maps back from it.
pub fn parse_json(bytes: &[u8]) -> Result<Table, String> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("cannot parse the JSON: {e}"))?;
    let serde_json::Value::Array(items) = value else {
        return Err("the JSON must be an array of objects, one per dataset".into());
    };
    let mut headers: Vec<String> = Vec::new();
    for item in &items {
        if let serde_json::Value::Object(map) = item {
            for key in map.keys() {
                if !headers.contains(key) {
                    headers.push(key.clone());
                }
            }
        }
    }
    let mut rows = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let serde_json::Value::Object(map) = item else {
            return Err(format!("item {} of the JSON array is not an object", i + 1));
        };
        let cells = headers
            .iter()
            .map(|h| match map.get(h) {
                None | Some(serde_json::Value::Null) => String::new(),
                Some(serde_json::Value::String(s)) => s.trim().to_string(),
                Some(other) => other.to_string(),
            })
            .collect();
        rows.push(Row {
            number: i + 1,
            cells,
        });
    }
    Ok(Table { headers, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_csv_with_bom_quotes_and_ragged_rows() {
        let t =
            parse_delimited(b"\xEF\xBB\xBFName,License\n\"A, b\",CC BY 4.0\nC\n\n", b',').unwrap();
        assert_eq!(t.headers, ["Name", "License"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cell(0), "A, b");
        assert_eq!(t.rows[0].number, 2);
        assert_eq!(t.rows[1].cell(1), "");
    }

    #[test]
    fn sniffs_semicolons_and_tabs() {
        assert_eq!(sniff_delimiter(b"a;b;c\n1;2;3"), b';');
        assert_eq!(sniff_delimiter(b"a\tb,c\tc"), b'\t');
        assert_eq!(sniff_delimiter(b"name"), b',');
    }

    #[test]
    fn rejects_non_utf8_with_line() {
        let err = parse_delimited(b"Name\n\xff\n", b',').unwrap_err();
        assert!(err.contains("line 2"), "{err}");
    }

    #[test]
    fn json_arrays_become_json_cells() {
        let t = parse_json(br#"[{"name":"A","modalities":["CT","MR"],"subjects":3}]"#).unwrap();
        let cell = |h: &str| t.rows[0].cell(t.headers.iter().position(|x| x == h).unwrap());
        assert_eq!(cell("name"), "A");
        assert_eq!(cell("modalities"), "[\"CT\",\"MR\"]");
        assert_eq!(cell("subjects"), "3");
    }

    #[test]
    fn csv_round_trips_through_the_one_writer() {
        use crate::metadata::csv::{Cell, Table};
        let row = ["A, \"b\"", "two\nlines", "=HYPERLINK(\"x\")", "- a list"];
        for delimiter in [b',', b'\t'] {
            let mut bytes = Vec::new();
            let mut table = Table::new(&mut bytes, delimiter, csv::Terminator::Any(b'\n'));
            table.header(&["name", "remarks", "a", "b"]).unwrap();
            table
                .row(row.iter().map(|c| Cell::Text(c.to_string())))
                .unwrap();
            table.finish().unwrap();
            let text = String::from_utf8(bytes).unwrap();
            assert!(
                text.contains("'=HYPERLINK") && text.contains("'- a list"),
                "{text}"
            );
            let t = parse_delimited(text.as_bytes(), delimiter).unwrap();
            assert_eq!(t.rows[0].cells, row);
        }
    }
}
