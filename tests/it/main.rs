//! The integration tests, in one test binary (as ripgrep and mdBook do): each module runs
//! the real `vinhdanh` binary or library on real site folders and checks the output.
//! `cargo test --test it <module>::` runs one module, e.g. `cargo test --test it safety::`.

mod util;

mod browser;
mod build_demo;
mod builtins;
mod changes;
mod clerk_errors;
mod defaults;
mod deterministic;
mod diagnostics;
mod errors;
mod guide;
mod history;
mod honourees;
mod hostile;
mod large_lists;
mod live;
mod notices;
mod photos;
mod privacy;
mod properties;
mod records;
mod safety;
mod scaffold;
#[cfg(feature = "serve")]
mod serve;
mod spreadsheets;
mod units;
mod vocab;
