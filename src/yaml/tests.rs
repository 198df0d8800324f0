//! Tests of parsing entries: values, spans, limits and the messages of broken YAML.

use super::*;

fn map(node: &Node) -> &[(Node, Node)] {
    match &node.value {
        Value::Map(m) => m,
        other => panic!("not a map: {other:?}"),
    }
}

#[test]
fn keys_and_values_have_line_and_column() {
    let doc = parse("name: Tiny CT\nmodalities:\n  - CT\n  - MR\nyear: 2020\n").unwrap();
    let m = map(&doc);
    assert_eq!(m[0].0.span, Span::new(1, 1, 4));
    assert_eq!(m[0].1.span, Span::new(1, 7, 7));
    assert_eq!(m[0].1.value, Value::Str("Tiny CT".into()));
    let Value::Seq(items) = &m[1].1.value else {
        panic!()
    };
    assert_eq!(items[1].span, Span::new(4, 5, 2));
    assert_eq!(m[2].1.value, Value::Int(2020));
    assert_eq!(m[2].1.span.line, 5);
    assert_eq!(m[2].1.span.column, 7);
}

#[test]
fn flow_lists_point_at_each_item() {
    let doc = parse("modalities: [CT, XX]\n").unwrap();
    let Value::Seq(items) = &map(&doc)[0].1.value else {
        panic!()
    };
    assert_eq!(items[1].span, Span::new(1, 18, 2));
}

#[test]
fn duplicate_keys_are_errors_with_a_place() {
    let err = parse("name: a\nyear: 1\nname: b\n").unwrap_err();
    assert_eq!(err.span, Span::new(3, 1, 4));
    assert_eq!(
        err.message,
        "duplicate key 'name' (first written on line 1)"
    );
    let err = parse("contact:\n  name: a\n  name: b\n").unwrap_err();
    assert_eq!(err.span, Span::new(3, 3, 4));
    assert_eq!(
        err.message,
        "duplicate key 'name' (first written on line 2)"
    );
}

#[test]
fn syntax_errors_have_a_place() {
    let err = parse("name: a\nlist: [a, b\nyear: 1\n").unwrap_err();
    assert!(err.span.line >= 2, "{err:?}");
}

#[test]
fn tabs_bom_and_crlf() {
    let err = parse("name: a\n\tyear: 1\n").unwrap_err();
    assert_eq!(err.span, Span::new(2, 1, 1));
    let doc = parse("\u{FEFF}name: a\r\nyear: 1\r\n").unwrap();
    assert_eq!(map(&doc)[1].1.span.line, 2);
    assert_eq!(map(&doc)[0].0.span.column, 1);
}

#[test]
fn empty_document_is_null() {
    assert_eq!(parse("").unwrap().value, Value::Null);
    assert_eq!(parse("# only a comment\n").unwrap().value, Value::Null);
}

#[test]
fn alias_bomb_is_refused() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12 {
        let prev = if i == 0 {
            "a".to_string()
        } else {
            format!("l{}", i - 1)
        };
        bomb.push_str(&format!(
            "l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    let err = parse(&bomb).unwrap_err();
    assert!(
        err.message.starts_with("too many alias expansions"),
        "{err:?}"
    );
}

#[test]
fn several_documents_and_merge_keys_are_refused() {
    let err = parse("name: a\n---\nname: b\n").unwrap_err();
    assert_eq!(err.span.line, 2);
    assert!(parse("base: &b {a: 1}\nx:\n  <<: *b\n").is_err());
}

#[test]
fn deep_nesting_is_refused() {
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert_eq!(
        parse(&deep).unwrap_err().message,
        "nesting is deeper than 16 levels"
    );
    let compact = format!("{}x\n", "- ".repeat(10_000));
    assert!(parse(&compact).is_err());
    let flow_maps = format!("{}{}", "{a: ".repeat(10_000), "}".repeat(10_000));
    assert!(parse(&flow_maps).is_err());
    let mut block = String::new();
    for i in 0..200 {
        block.push_str(&" ".repeat(i));
        block.push_str("a:\n");
    }
    assert!(parse(&block).is_err());
}

/// Whether the fast reader took `text`; when it did, its tree must be serde-saphyr's,
/// spans included (compared as text: NaN is not equal to itself).
fn fast_agrees(text: &str) -> bool {
    let Some((fast, slow)) = both_readers(text) else {
        return false;
    };
    assert_eq!(Ok(fast), slow, "{text:?}");
    true
}

#[test]
fn the_fast_reader_agrees_with_serde_saphyr_on_every_entry_file() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut files, mut taken) = (0, 0);
    for dir in ["content", "tests/fixtures"] {
        for e in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
            let e = e.unwrap();
            if e.path()
                .extension()
                .is_some_and(|x| x == "yaml" || x == "yml")
            {
                let Ok(text) = std::fs::read_to_string(e.path()) else {
                    continue;
                };
                let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
                files += 1;
                taken += usize::from(fast_agrees(text));
            }
        }
    }
    let bundled = std::fs::read_dir(root.join("content/datasets"))
        .unwrap()
        .count();
    assert!(files > bundled && taken >= bundled, "{taken} of {files}");
    for d in crate::synth::datasets(300, 7) {
        let text = crate::synth::to_yaml(&d);
        assert!(fast_agrees(&text), "synthetic entry not read fast:\n{text}");
    }
}

#[test]
fn the_fast_reader_agrees_with_serde_saphyr_on_every_short_plain_scalar() {
    let alphabet: Vec<char> = "019.+-_eExobinfaNIyYt~:# '\"".chars().collect();
    let mut words: Vec<String> = alphabet.iter().map(|c| c.to_string()).collect();
    for a in &alphabet {
        for b in &alphabet {
            words.push(format!("{a}{b}"));
            for c in &alphabet {
                words.push(format!("{a}{b}{c}"));
            }
        }
    }
    words.extend(
        [
            "",
            "null",
            "Null",
            "NULL",
            "true",
            "True",
            "TRUE",
            "false",
            "yes",
            "No",
            "on",
            "OFF",
            "nan",
            "NaN",
            ".nan",
            "inf",
            "-.inf",
            "Infinity",
            "2020",
            "0",
            "007",
            "0x1F",
            "0o17",
            "0b101",
            "1_000",
            "+1",
            "-0",
            "1.",
            ".5",
            "1e3",
            "1E-3",
            "1:30",
            "9223372036854775807",
            "9223372036854775808",
            "99999999999999999999999",
            "2020-03-01",
            "12:30:00",
            "a b",
            "Tiny CT",
            "CC-BY-4.0",
        ]
        .map(String::from),
    );
    let mut taken = 0;
    for w in &words {
        for doc in [
            format!("key: {w}\n"),
            format!("- {w}\n"),
            format!("{w}: value\n"),
            format!("list: [{w}, x]\n"),
            format!("key: '{w}'\n"),
        ] {
            taken += usize::from(fast_agrees(&doc));
        }
    }
    assert!(taken > words.len() * 2, "{taken} of {}", words.len() * 5);
}

#[test]
fn the_fast_reader_agrees_with_serde_saphyr_on_documents_of_every_shape() {
    let docs = [
        "name: Tiny CT\nmodalities:\n  - CT\n  - MR\nyear: 2020\n",
        "---\nname: a\n...\n",
        "name: a\n---\nname: b\n",
        "'name': \"quoted\"\nother: 'single'\n",
        "text: |\n  line one\n  line two\nfolded: >-\n  one\n  two\n",
        "plain: first line\n  continued here\n",
        "empty:\nnext: 1\n",
        "nested:\n  - a: 1\n    b: [x, {c: d}]\n  - e\n",
        "name: a\nname: b\n",
        "\"name\": a\nname: b\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "<<: {a: 1}\n",
        "? [a, b]\n: c\n",
        "1: one\n",
        "null: x\n",
        "# comment\nname: a # trailing\n",
        "name: caf\u{e9} \u{202e}evil\u{202c}\n",
        "emoji: \u{1F600} \u{2003}wide\n",
        "- [a, [b, [c, [d, [e]]]]]\n",
        "key: [unclosed\n",
        "just a scalar\n",
        "- \n- ~\n",
        "k: \"esc\\n\\t\\u00e9\"\n",
        "crlf: a\r\nnext: b\r\n",
    ];
    for doc in docs {
        fast_agrees(doc);
    }
    assert!(fast_agrees(docs[0]) && fast_agrees(docs[4]) && fast_agrees(docs[7]));
    assert!(!fast_agrees(docs[8]) && !fast_agrees(docs[10]) && !fast_agrees(docs[12]));
    let many_keys: String = (0..100).map(|i| format!("k{i}: v\n")).collect();
    assert!(!fast_agrees(&many_keys));
    assert_eq!(map(&parse(&many_keys).unwrap()).len(), 100);
}

#[test]
fn norway_stays_a_string() {
    let doc = parse("geography: [no, NO]\n").unwrap();
    let Value::Seq(items) = &map(&doc)[0].1.value else {
        panic!()
    };
    assert_eq!(items[0].value, Value::Str("no".into()));
}
