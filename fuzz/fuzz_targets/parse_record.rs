//! Any bytes, read as a record of any kind: front matter, body, privacy scan and Markdown
//! must give a record or a diagnostic, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;
use vinhdanh::model::Kind;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[first as usize % Kind::ALL.len()];
    if let Err(diags) = vinhdanh::load::parse_record(kind, Path::new("content/x/tệp thử.md"), rest.to_vec(), true) {
        // Messages must render in both languages.
        for d in diags {
            let _ = d.plain(vinhdanh::error::Lang::Vi);
            let _ = d.plain(vinhdanh::error::Lang::En);
        }
    }
});
