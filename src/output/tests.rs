use super::*;

#[test]
fn rejects_paths_that_escape() {
    let mut out = Output::new();
    for p in ["../x", "/etc/passwd", "a//b", "a/./b", "", "a\\b"] {
        assert!(
            matches!(out.add(p, "x"), Err(OutputError::BadPath(_))),
            "{p}"
        );
    }
    out.add("a/b.html", "x").unwrap();
    assert!(matches!(
        out.add("a/b.html", "y"),
        Err(OutputError::Duplicate(_))
    ));
}

#[test]
fn fingerprint_depends_on_content() {
    let mut out = Output::new();
    let a = out.add_fingerprinted("static/app.js", "one").unwrap();
    let b = out.add_fingerprinted("static/other.js", "two").unwrap();
    assert!(
        a.starts_with("static/app.")
            && a.ends_with(".js")
            && a.len() == "static/app..js".len() + 10
    );
    assert_ne!(a.split('.').nth(1), b.split('.').nth(1));
}

#[test]
fn commit_swaps_in_new_site_and_removes_old() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("public");
    let mut first = Output::new();
    first.add("old.txt", "old").unwrap();
    first.commit(&out_dir).unwrap();
    let mut second = Output::new();
    second.add("index.html", "<p>new</p>").unwrap();
    let report = second.commit(&out_dir).unwrap();
    assert_eq!(report.files, 1);
    assert!(!out_dir.join("old.txt").exists());
    assert!(
        std::fs::read_to_string(out_dir.join("index.html"))
            .unwrap()
            .contains("new")
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no staging or old folders left behind");
}

#[test]
fn a_staged_output_writes_at_once_and_leaves_nothing_when_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("public");
    std::fs::create_dir_all(&out_dir).unwrap();
    std::fs::write(out_dir.join("keep.txt"), "old site").unwrap();

    let mut failed = Output::staged(&out_dir).unwrap();
    failed.add("a.html", "<p>x</p>").unwrap();
    assert_eq!(failed.len(), 1);
    assert!(
        failed.get("a.html").is_none(),
        "written, not kept in memory"
    );
    drop(failed);
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(
        names.len(),
        1,
        "the staging folder is removed with the output"
    );
    assert!(
        out_dir.join("keep.txt").exists(),
        "the old site is untouched"
    );

    let mut out = Output::staged(&out_dir).unwrap();
    out.add_many(vec![
        ("b/index.html".into(), b"<p>y</p>".to_vec()),
        ("c.json".into(), b"{}".to_vec()),
    ])
    .unwrap();
    assert!(matches!(
        out.add("c.json", "again"),
        Err(OutputError::Duplicate(_))
    ));
    out.append("_headers", b"/*\n").unwrap();
    let report = out.commit(&out_dir).unwrap();
    assert_eq!((report.files, report.pages), (3, 1));
    assert!(!out_dir.join("keep.txt").exists());
    assert_eq!(
        std::fs::read_to_string(out_dir.join("b/index.html")).unwrap(),
        "<p>y</p>"
    );
    assert_eq!(
        std::fs::read_to_string(out_dir.join("_headers")).unwrap(),
        "/*\n"
    );
}

#[test]
fn a_framed_hash_is_the_hash_of_the_framed_parts_put_together() {
    let parts: Vec<Vec<u8>> = vec![b"abc".to_vec(), Vec::new(), vec![0; 1000]];
    let mut joined = Vec::new();
    for p in &parts {
        joined.extend_from_slice(&(p.len() as u64).to_le_bytes());
        joined.extend_from_slice(p);
    }
    assert_eq!(framed_content_hash(&parts), content_hash(&joined));
    assert_ne!(
        framed_content_hash(&parts[..2]),
        framed_content_hash(&parts)
    );
    assert_eq!(content_hash(b"").len(), 10);
}

/// An output staged beside `out_dir`, or kept in memory.
fn test_output(staged: bool, out_dir: &Path) -> Output {
    if staged {
        Output::staged(out_dir).unwrap()
    } else {
        Output::new()
    }
}

#[test]
fn files_streamed_together_are_each_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("public");
    for staged in [true, false] {
        let mut out = test_output(staged, &out_dir);
        let job = Job::new("pair", |sink| {
            sink.stream_each(["a/one.txt", "two.txt"], |[one, two]| {
                for i in 0..3 {
                    write!(one, "{i}")?;
                    write!(two, "<{i}>")?;
                }
                Ok(())
            })
        });
        out.run(vec![job]).unwrap();
        assert_eq!(out.len(), 2, "staged: {staged}");
        let again = Job::new("again", |sink| sink.stream_each(["two.txt"], |_| Ok(())));
        assert_eq!(
            out.run(vec![again]).unwrap_err().to_string(),
            "two outputs were written to the same path 'two.txt'"
        );
        let files: Vec<String> = if staged {
            out.commit(&out_dir).unwrap();
            ["a/one.txt", "two.txt"]
                .map(|p| std::fs::read_to_string(out_dir.join(p)).unwrap())
                .into()
        } else {
            ["a/one.txt", "two.txt"]
                .map(|p| String::from_utf8(out.get(p).unwrap().to_vec()).unwrap())
                .into()
        };
        assert_eq!(files, ["012", "<0><1><2>"], "staged: {staged}");
    }
}

/// A file that cannot be written (a link to `/dev/full`) among files streamed together:
/// the error names that file, not the first of the group.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_stream_names_the_file_that_failed() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("public");
    let mut out = Output::staged(&out_dir).unwrap();
    let staging = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::os::unix::fs::symlink("/dev/full", staging.join("two.txt")).unwrap();
    let job = Job::new("pair", |sink| {
        sink.stream_each(["one.txt", "two.txt"], |[one, two]| {
            one.write_all(b"fine")?;
            // More than the buffer holds, so the write itself reaches the file.
            two.write_all(&vec![b'x'; 4 << 20])
        })
    });
    let e = out.run(vec![job]).unwrap_err().to_string();
    assert!(e.contains("two.txt"), "{e}");
    assert!(!e.contains("one.txt"), "{e}");
}

#[test]
fn jobs_run_in_parallel_and_no_path_is_written_twice() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("public");
    for staged in [true, false] {
        let mut out = test_output(staged, &out_dir);
        out.append("_headers", b"/*\n").unwrap();
        let jobs: Vec<Job> = (0..20)
            .map(|i| {
                Job::new("files", move |sink| {
                    sink.add(format!("f/{i}.txt"), format!("{i}"))?;
                    sink.stream(&format!("s/{i}.txt"), |w| w.write_all(b"streamed"))
                })
            })
            .collect();
        let timings = out.run(jobs).unwrap();
        assert!(timings.contains_key("files"));
        assert_eq!(out.len(), 41, "staged: {staged}");
        for (path, clash) in [("f/3.txt", "again"), ("_headers", "in memory")] {
            let e = out
                .run(vec![Job::new("clash", move |sink| {
                    sink.add(path, clash)?;
                    Ok(())
                })])
                .unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("two outputs were written to the same path '{path}'"),
                "staged: {staged}"
            );
        }
        if staged {
            let report = out.commit(&out_dir).unwrap();
            assert_eq!(report.files, 41);
            assert_eq!(
                std::fs::read_to_string(out_dir.join("s/19.txt")).unwrap(),
                "streamed"
            );
        }
    }
}
