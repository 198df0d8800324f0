//! Benchmark: full `faircat build` of synthetic catalogs (src/synth.rs) of 100, 1,000, 10,000
//! and 100,000 datasets. For each size it prints the build's wall time and peak memory (pages,
//! search index and every export), the output's size and file count, and the time `cp -r` takes
//! to copy that output — the floor — with the ratio build/copy, the figure to drive down, and
//! the CPU time the build used (user and system, over both cores) and the system time of the
//! copy: most of a copy is the kernel creating files, which the build pays too.
//! Stage times (load+validate, generate, commit) are printed beneath, with the time each kind of
//! work took (pages, search index, each export), summed over the jobs that ran in parallel.
//!
//! Run with `cargo bench --bench build [-- [--runs N] [--bin PATH] SIZES…]` (all four sizes
//! by default), e.g. `cargo bench --bench build -- --runs 3 100 1000`. With `--runs N` each
//! size is built and copied N times (the previous output deleted in between) and the table
//! shows the median, with the fastest and slowest build: timings on a shared machine vary from
//! run to run.
//! Each build is a run of the `faircat` binary (`faircat build --timings`), so its peak memory
//! (VmHWM) belongs to that build alone. Cargo builds that binary with the bench profile: the
//! release profile without fat LTO (Cargo.toml), so the shipped binary is somewhat faster;
//! `--bin PATH` times another `faircat` binary instead, such as the shipped one. `cargo bench`
//! writes its own build to `target/release/faircat`, so copy the shipped one out first:
//! `cargo build --release && cp target/release/faircat /tmp/faircat-shipped`, then
//! `cargo bench --bench build -- --bin /tmp/faircat-shipped`.
//!
//! A bench binary, not a test: timings depend on the machine, and on its disk. On this
//! project's 2-core machines /tmp is ext4 without a journal, where creating a file gets slow
//! for minutes after many files were deleted (`recently_deleted` in the kernel's inode
//! allocator; docs/performance.md has what was measured). The bench prints the
//! file system it writes to; `TMPDIR=/dev/shm cargo bench --bench build` takes the disk out.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(1)
        .max(1);
    let faircat: PathBuf = args
        .iter()
        .position(|a| a == "--bin")
        .map(|i| match args.get(i + 1) {
            Some(path) => PathBuf::from(path),
            None => {
                eprintln!("--bin needs the path of a faircat binary");
                std::process::exit(2);
            }
        })
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_faircat").into());
    let mut sizes: Vec<usize> = args
        .iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || !["--runs", "--bin"].contains(&args[i - 1].as_str()))
        .filter_map(|(_, a)| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![100, 1_000, 10_000, 100_000];
    }
    println!("timing {}", faircat.display());
    let temp = std::env::temp_dir();
    println!(
        "writing under {} ({})",
        temp.display(),
        file_system(&temp).unwrap_or_else(|| "file system unknown".into())
    );
    println!("runs per size: {runs} (times: median, and the build's min–max; peak RSS: highest)");
    println!(
        "{:>8} {:>10} {:>15} {:>10} {:>10} {:>8} {:>9} {:>7} {:>9} {:>9} {:>9}",
        "datasets",
        "build",
        "range",
        "peak RSS",
        "output",
        "files",
        "cp -r",
        "ratio",
        "user CPU",
        "sys CPU",
        "cp sys"
    );
    let mut stage_lines = Vec::new();
    // Kept to the end: ext4 is slow to create files just after many were deleted, which
    // would charge one size's clean-up to the next size's build.
    let mut folders = Vec::new();
    for n in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("catalog");
        let datasets = faircat::synth::datasets(n, 42);
        faircat::synth::write_catalog(&root, &datasets).expect("write catalog");
        drop(datasets);

        let (mut builds, mut copies, mut peaks) = (Vec::new(), Vec::new(), Vec::new());
        let (mut users, mut systems, mut copy_systems) = (Vec::new(), Vec::new(), Vec::new());
        let (mut bytes, mut files) = (0, 0);
        for run in 0..runs {
            let out = dir.path().join(format!("public-{run}"));
            let copy_to = dir.path().join(format!("copy-{run}"));
            let before = children_cpu();
            let (build, report) = build_once(&faircat, &root, &out);
            let after = children_cpu();
            builds.push(build);
            users.push(after.0 - before.0);
            systems.push(after.1 - before.1);
            peaks.push(peak_mb(&report));
            if run == 0 {
                stage_lines.push(format!("{n:>8}: {}", field(&report, "stages (wall time)")));
                stage_lines.push(format!(
                    "{:>8}  work (CPU time per kind, summed over parallel jobs): {}",
                    "",
                    field(
                        &report,
                        "work (CPU time per kind, summed over parallel jobs)"
                    )
                ));
            }
            (bytes, files) = tree_size(&out);
            copies.push(copy_tree(&out, &copy_to));
            copy_systems.push(children_cpu().1 - after.1);
            if run + 1 < runs {
                for folder in [&out, &copy_to] {
                    std::fs::remove_dir_all(folder).expect("remove a run's output");
                }
            }
        }
        builds.sort();
        copies.sort();
        for cpu in [&mut users, &mut systems, &mut copy_systems] {
            cpu.sort();
        }
        let (build, copy) = (median(&builds), median(&copies));
        println!(
            "{n:>8} {:>10} {:>15} {:>7} MB {:>7} MB {files:>8} {:>9} {:>6.1}× {:>9} {:>9} {:>9}",
            secs(build),
            format!(
                "{:.2}–{:.2} s",
                builds[0].as_secs_f64(),
                builds[builds.len() - 1].as_secs_f64()
            ),
            peaks.iter().max().copied().unwrap_or(0),
            bytes / (1024 * 1024),
            secs(copy),
            build.as_secs_f64() / copy.as_secs_f64().max(1e-9),
            secs(median(&users)),
            secs(median(&systems)),
            secs(median(&copy_systems)),
        );
        folders.push(dir);
    }
    println!("\nstages (wall time):");
    for line in stage_lines {
        println!("{line}");
    }
}

/// One `faircat build --timings` of `root` into `out`: its wall time and what it printed.
fn build_once(faircat: &Path, root: &Path, out: &Path) -> (Duration, String) {
    let started = Instant::now();
    let child = Command::new(faircat)
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .arg("--timings")
        .output()
        .unwrap_or_else(|e| {
            eprintln!("cannot run {}: {e}", faircat.display());
            std::process::exit(1);
        });
    let build = started.elapsed();
    let report = String::from_utf8_lossy(&child.stderr).into_owned();
    if !child.status.success() {
        eprintln!("build of {} failed:\n{report}", root.display());
        std::process::exit(1);
    }
    (build, report)
}

/// The CPU time (user, system) of this process's finished children so far: the difference
/// around one child is that child's (both the build and `cp -r` are waited for).
fn children_cpu() -> (Duration, Duration) {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given, for a valid `who`.
    let status = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) };
    assert_eq!(status, 0, "getrusage: {}", std::io::Error::last_os_error());
    // SAFETY: zeroed is a valid rusage, and getrusage succeeded.
    let usage = unsafe { usage.assume_init() };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    (time(usage.ru_utime), time(usage.ru_stime))
}

/// The build's peak memory in MB, from its `peak memory: N MB` line.
fn peak_mb(report: &str) -> u64 {
    field(report, "peak memory")
        .trim_end_matches(" MB")
        .parse()
        .unwrap_or(0)
}

/// How long `cp -r` takes to copy `from` to `to`: the floor of writing that output.
fn copy_tree(from: &Path, to: &Path) -> Duration {
    let started = Instant::now();
    let status = Command::new("cp")
        .arg("-r")
        .arg(from)
        .arg(to)
        .status()
        .expect("cp");
    assert!(status.success(), "cp -r failed");
    started.elapsed()
}

/// The middle of sorted durations (the mean of the two middle ones for an even count).
fn median(sorted: &[Duration]) -> Duration {
    let mid = sorted.len() / 2;
    if sorted.len().is_multiple_of(2) {
        (sorted[mid - 1] + sorted[mid]) / 2
    } else {
        sorted[mid]
    }
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
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(": ")))
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
