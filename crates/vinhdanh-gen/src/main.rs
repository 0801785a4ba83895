//! `cargo run --release -p vinhdanh-gen -- N DIR`: see the library's documentation.

fn main() -> std::process::ExitCode {
    vinhdanh_gen::cli(std::env::args().skip(1))
}
