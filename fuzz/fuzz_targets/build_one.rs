//! Any bytes as the one record of a small site: load, resolve, index and render the whole
//! site in memory. Content errors are fine; panics are not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};
use vinhdanh::model::Kind;

const SITE: &str = r#"
title = "Thử"
commune = "Xã Thử"
base_url = "https://example.org"

[[bodies]]
slug = "ubnd-xa"
label = "Chủ tịch UBND xã"
level = "xa"
"#;

const MOVEMENT: &str = "+++\ntitle = \"Phong trào\"\nkind = \"chuyen-de\"\nlevel = \"xa\"\nstart = 2020-01-01\nfields = [\"van-hoa\"]\n+++\n";
const PERSON: &str = "+++\nname = \"Nguyễn Văn Đức\"\nsubject = \"ca-nhan\"\nfields = [\"kinh-te\"]\nyear = 2024\nconsent = true\n+++\nChuyện.\n";

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let kind = Kind::ALL[first as usize % Kind::ALL.len()];
    let files = vec![
        (Kind::Movement, PathBuf::from("content/movements/pt.md"), MOVEMENT.as_bytes().to_vec()),
        (Kind::Person, PathBuf::from("content/people/nguyen-van-duc.md"), PERSON.as_bytes().to_vec()),
        (kind, PathBuf::from(format!("content/{}/x.md", kind.folder())), rest.to_vec()),
    ];
    if let Ok(site) = vinhdanh::Site::from_memory(Path::new("/nonexistent-vinhdanh-root"), SITE, files, true) {
        let _ = site.render();
    }
});
