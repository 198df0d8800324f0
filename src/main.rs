//! The `faircat` binary: everything lives in the library; this only hands over the arguments.

/// mimalloc: a build makes and drops millions of small strings and JSON values, the load
/// mimalloc is built for (docs/performance.md has the measurement against glibc's).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    faircat::cli::main()
}
