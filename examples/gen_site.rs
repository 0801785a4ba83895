//! The synthetic site generator under its old name, for the commands in the docs and
//! scripts: `cargo run --release --example gen_site -- N DIR` is
//! `cargo run --release -p vinhdanh-gen -- N DIR` (the crate `crates/vinhdanh-gen`).

fn main() -> std::process::ExitCode {
    vinhdanh_gen::cli(std::env::args().skip(1))
}
