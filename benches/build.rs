//! Benchmark: full `faircat build` of synthetic catalogs (src/synth.rs) of 100, 1,000, 10,000
//! and 100,000 datasets. For each size it prints the build's wall time and peak memory (pages,
//! search index and every export), the output's size and file count, and the time `cp -r` takes
//! to copy that output — the floor — with the ratio build/copy, the figure to drive down.
//! Stage times (load+validate, generate, swap) are printed beneath, with the time each kind of
//! work took (pages, search index, each export), summed over the jobs that ran in parallel.
//!
//! Run with `cargo bench --bench build [-- SIZES…]` (all four sizes by default), e.g.
//! `cargo bench --bench build -- 100 1000`.
//! Each build runs in a child process (this binary again, with `--child`) so that peak memory
//! (VmHWM from /proc/self/status) belongs to that build alone.
//!
//! A bench binary, not a test: timings depend on the machine, and on its disk. On this
//! project's 2-core machines /tmp is ext4 without a journal, where creating a file gets slow
//! for minutes after many files were deleted (`recently_deleted` in the kernel's inode
//! allocator): `cp -r` of the same 10,000-dataset site took 1.2 s to 15 s. The bench prints the
//! file system it writes to; `TMPDIR=/dev/shm cargo bench --bench build` takes the disk out.

use faircat::output::Output;

/// The allocator of the `faircat` binary (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        return child(Path::new(&args[1]), Path::new(&args[2]));
    }
    let mut sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![100, 1_000, 10_000, 100_000];
    }
    let temp = std::env::temp_dir();
    println!(
        "writing under {} ({})",
        temp.display(),
        file_system(&temp).unwrap_or_else(|| "file system unknown".into())
    );
    println!(
        "{:>8} {:>10} {:>10} {:>10} {:>8} {:>9} {:>7}",
        "datasets", "build", "peak RSS", "output", "files", "cp -r", "ratio"
    );
    let mut stage_lines = Vec::new();
    // Kept to the end: ext4 is slow to create files just after many were deleted, which
    // would charge one size's clean-up to the next size's build.
    let mut folders = Vec::new();
    for n in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("catalog");
        let out = dir.path().join("public");
        let datasets = faircat::synth::datasets(n, 42);
        faircat::synth::write_catalog(&root, &datasets).expect("write catalog");
        drop(datasets);

        let started = Instant::now();
        let child = Command::new(std::env::current_exe().unwrap())
            .arg("--child")
            .arg(&root)
            .arg(&out)
            .output()
            .expect("run build child");
        let build = started.elapsed();
        let report = String::from_utf8_lossy(&child.stdout).into_owned();
        if !child.status.success() {
            eprintln!(
                "build of {n} datasets failed:\n{report}\n{}",
                String::from_utf8_lossy(&child.stderr)
            );
            std::process::exit(1);
        }
        let peak_kb: u64 = field(&report, "peak_kb").parse().unwrap_or(0);
        stage_lines.push(format!("{n:>8}: {}", field(&report, "stages")));
        stage_lines.push(format!(
            "{:>8}  work (CPU seconds per kind, summed over parallel jobs): {}",
            "",
            field(&report, "work")
        ));

        let (bytes, files) = tree_size(&out);
        let copy_to = dir.path().join("copy");
        let started = Instant::now();
        let status = Command::new("cp")
            .arg("-r")
            .arg(&out)
            .arg(&copy_to)
            .status()
            .expect("cp");
        let copy = started.elapsed();
        assert!(status.success(), "cp -r failed");
        println!(
            "{n:>8} {:>10} {:>7} MB {:>7} MB {files:>8} {:>9} {:>6.1}×",
            secs(build),
            peak_kb / 1024,
            bytes / (1024 * 1024),
            secs(copy),
            build.as_secs_f64() / copy.as_secs_f64().max(1e-9),
        );
        folders.push(dir);
    }
    println!("\nstages (seconds):");
    for line in stage_lines {
        println!("{line}");
    }
}

/// The child: the pipeline of `site::build`, stage by stage (pages, search files and exports
/// are written as they are made), then its peak memory.
fn child(root: &Path, out: &Path) {
    let mut stages = Vec::new();
    let mut t = Instant::now();
    let mut lap = |name: &str, stages: &mut Vec<String>| {
        stages.push(format!("{name} {:.2}", t.elapsed().as_secs_f64()));
        t = Instant::now();
    };
    let (catalog, _warnings) = match faircat::site::load(root, None) {
        Ok(c) => c,
        Err(d) => {
            println!("{}", d.summary());
            std::process::exit(1)
        }
    };
    lap("load+validate", &mut stages);
    let theme = faircat::theme::Theme::load(root, &catalog.config.theme).expect("theme");
    let output = Output::staged(out).expect("staging folder");
    let (output, timings) =
        faircat::site::generate_timed(&catalog, &theme, output).expect("generate");
    lap("generate", &mut stages);
    output.commit(out).expect("write");
    lap("swap", &mut stages);
    let work: Vec<String> = timings
        .iter()
        .map(|(kind, took)| format!("{kind} {:.2}", took.as_secs_f64()))
        .collect();
    println!("work={}", work.join(", "));
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak_kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .unwrap_or(0);
    println!("peak_kb={peak_kb}");
    println!("stages={}", stages.join(", "));
}

/// The type of the file system `path` is on (`ext4`, `tmpfs`, …), from /proc/mounts: the
/// mount point that is the longest prefix of the path.
fn file_system(path: &Path) -> Option<String> {
    let path = path.canonicalize().ok()?;
    let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
    mounts
        .lines()
        .filter_map(|line| {
            let mut parts = line.split_whitespace();
            let (_, point, kind) = (parts.next()?, parts.next()?, parts.next()?);
            path.starts_with(point)
                .then(|| (point.len(), kind.to_string()))
        })
        .max_by_key(|(len, _)| *len)
        .map(|(_, kind)| kind)
}

fn field<'a>(report: &'a str, key: &str) -> &'a str {
    report
        .lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix('=')))
        .unwrap_or("")
}

fn tree_size(dir: &Path) -> (u64, usize) {
    let mut bytes = 0;
    let mut files = 0;
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read output").flatten() {
            let meta = e.metadata().expect("metadata");
            if meta.is_dir() {
                stack.push(e.path());
            } else {
                bytes += meta.len();
                files += 1;
            }
        }
    }
    (bytes, files)
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}
