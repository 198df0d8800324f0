//! Hostile and broken YAML goes through the whole pipeline as an error with a place:
//! never a panic, never unbounded memory or time.

use crate::common;

use common::TestCatalog;

/// `check` on one entry; the first line of the output.
fn first_line(yaml: &str) -> String {
    let cat = TestCatalog::empty();
    cat.entry("x", yaml);
    let d = cat.check();
    assert!(d.has_errors(), "accepted:\n{yaml}");
    d.render().lines().next().unwrap().to_string()
}

fn billion_laughs() -> String {
    let mut yaml = String::from("name: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    let mut prev = "a".to_string();
    for i in 0..9 {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        yaml.push_str(&format!("l{i}: &l{i} [{refs}]\n"));
        prev = format!("l{i}");
    }
    yaml
}

#[test]
fn alias_bombs_are_refused() {
    assert_eq!(
        first_line(&billion_laughs()),
        "content/datasets/x.yaml:5:10: error: too many alias expansions (`*name`); write the values out instead"
    );
}

#[test]
fn ten_thousand_nested_lists_are_refused() {
    let flow = format!("name: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(
        first_line(&flow),
        "content/datasets/x.yaml:1:23: error: nesting is deeper than 16 levels"
    );
    let block = format!("name:\n{}x\n", "- ".repeat(10_000));
    assert!(first_line(&block).ends_with("error: nesting is deeper than 16 levels"));
    let maps = format!("name: {}{}\n", "{a: ".repeat(10_000), "}".repeat(10_000));
    assert!(first_line(&maps).ends_with("error: nesting is deeper than 16 levels"));
}

#[test]
fn a_second_document_is_refused() {
    assert_eq!(
        first_line("name: a\n---\nname: b\n"),
        "content/datasets/x.yaml:2:1: error: a file holds one entry: '---' starts a second YAML document"
    );
}

#[test]
fn huge_files_are_refused_before_parsing() {
    let huge = format!("name: x\nremarks: \"{}\"\n", "a".repeat(2 * 1024 * 1024));
    assert!(first_line(&huge).contains("an entry may be at most 1048576 bytes"));
}

#[test]
fn a_document_that_is_not_a_mapping() {
    assert_eq!(
        first_line("- name: a\n"),
        "content/datasets/x.yaml:1:1: error: an entry must be a mapping of fields, found a list"
    );
    assert_eq!(
        first_line("just text\n"),
        "content/datasets/x.yaml:1:1: error: an entry must be a mapping of fields, found a string"
    );
}

#[test]
fn odd_but_valid_yaml_is_read() {
    // BOM, CRLF line ends, comments, quoted keys, block scalars.
    let cat = TestCatalog::empty();
    cat.entry(
        "x",
        "\u{FEFF}# comment\r\n\"name\": Odd\r\ndescription: |\r\n  A synthetic chest CT collection used by faircat's tests;\r\n  it exists only here.\r\nmodalities: [CT]\r\ndraft: true\r\n",
    );
    let d = cat.check();
    assert!(d.is_empty(), "{}", d.render());
}

#[test]
fn garbage_never_panics() {
    let inputs: Vec<Vec<u8>> = vec![
        b"{".to_vec(),
        b"]".to_vec(),
        b"name: 'unclosed".to_vec(),
        b"name: \"\\x\"".to_vec(),
        b"? ? ? ?".to_vec(),
        b"&a *a".to_vec(),
        b"name: *undefined".to_vec(),
        b"!!python/object:os.system ls".to_vec(),
        b"name: !!binary ////".to_vec(),
        b"%YAML 9.9\n---\nname: a".to_vec(),
        b"name: .nan\nsubjects: .inf".to_vec(),
        b"subjects: 99999999999999999999999999".to_vec(),
        b"\xff\xfe\x00n\x00a".to_vec(),
        "名前: データ\nname: 名前\n".as_bytes().to_vec(),
        "name: x\n  名前: y\n".as_bytes().to_vec(),
        b"name: x\nname: y\n  name: z".to_vec(),
        vec![b'-'; 5000],
        b": : : :".to_vec(),
        b"[a, b]: c".to_vec(),
        b"{a: 1}: [b]".to_vec(),
    ];
    for input in inputs {
        let cat = TestCatalog::empty();
        cat.write("content/datasets/x.yaml", &input);
        let d = cat.check();
        assert!(
            d.has_errors(),
            "accepted {:?}",
            String::from_utf8_lossy(&input)
        );
        let _ = d.render();
    }
}

/// Thousands of small corruptions of a complete entry (deterministic pseudo-random bytes
/// inserted, deleted or replaced) go through parse and validate without a panic, and every
/// problem found has a line and column inside the file.
#[test]
fn mutated_entries_never_panic() {
    let original = std::fs::read(
        common::fixtures_dir().join("catalogs/full/content/datasets/chest-ct-nodules.yaml"),
    )
    .unwrap();
    let config = faircat::config::Config::parse(common::CONFIG).unwrap();
    let alphabet = b" \t\n:-[]{}#&*!|>'\"%@`,?\\\xc3\xa9\xff0aZ";
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..1000 {
        let mut bytes = original.clone();
        for _ in 0..(1 + next() % 4) {
            let at = (next() as usize) % bytes.len();
            let byte = alphabet[(next() as usize) % alphabet.len()];
            match next() % 3 {
                0 => bytes.insert(at, byte),
                1 => {
                    bytes.remove(at);
                }
                _ => bytes[at] = byte,
            }
        }
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let lines = text.lines().count().max(1);
        let sources = faircat::load::Sources {
            entries: vec![faircat::load::SourceFile::new(
                "content/datasets/x.yaml",
                "x",
                text,
            )],
            ..Default::default()
        };
        let diagnostics = match faircat::validate::validate(config.clone(), sources) {
            Ok((_, warnings)) => warnings,
            Err(errors) => errors,
        };
        for d in diagnostics.iter() {
            assert!(
                d.span.line >= 1 && d.span.line <= lines + 1,
                "{}",
                d.render()
            );
            assert!(d.span.column >= 1, "{}", d.render());
        }
    }
}
