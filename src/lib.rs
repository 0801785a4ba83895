//! vinhdanh: a static site generator that publishes a Vietnamese commune's emulation and
//! commendation work (thi đua – khen thưởng).
//!
//! The pipeline, one module per stage:
//! [`load`] (files → parsed front matter and HTML bodies) → [`resolve`] (references →
//! typed [`model`]) → [`identity`] (who each recipient is) → [`index`] (years, fields,
//! movements, forms, units, honour roll) →
//! [`render`] (minijinja templates of the [`theme`]) → [`output`] (staging folder, swap).
//! [`site`] drives them.

// A `Diagnostic` (file, span, message and hint in two languages) is large, but it is only
// built when something is wrong, so returning it by value costs nothing that matters.
#![allow(clippy::result_large_err)]
// Everything not used by the binary, the tests, the benchmarks, the fuzz targets or the
// generator is private to the crate, and says so.
#![warn(unreachable_pub)]

mod collate;
pub mod config;
pub mod date;
pub mod error;
pub mod fix;
pub mod frontmatter;
mod hash;
mod history;
mod identity;
pub mod import;
mod index;
pub(crate) mod legacy;
pub mod live;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
mod photo;
mod plain_toml;
mod privacy;
mod recover;
pub mod render;
pub mod report;
mod resolve;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
pub mod sheet;
pub mod site;
mod source;
pub mod text;
pub mod theme;
mod units;

pub use error::{Diagnostic, Error, Result};
pub use site::{build, BuildOptions, Site};
