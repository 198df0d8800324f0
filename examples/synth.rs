//! Write a synthetic catalog (the benchmarks' generator) to a folder, to build or serve by hand:
//! `cargo run --release --example synth -- 10000 /tmp/catalog-10k`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (args.first().and_then(|a| a.parse().ok()), args.get(1)) else {
        eprintln!("usage: synth DATASETS FOLDER");
        std::process::exit(2);
    };
    let datasets = faircat::synth::datasets(n, 42);
    faircat::synth::write_catalog(std::path::Path::new(dir), &datasets)
        .unwrap_or_else(|e| panic!("{dir}: {e}"));
    println!("{n} datasets written to {dir}");
}
