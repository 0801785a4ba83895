//! Property tests: no content, however malformed, makes the loader panic, and every
//! diagnostic points inside the file it names.

use proptest::prelude::*;
use std::path::Path;
use vinhdanh::model::Kind;

fn kinds() -> impl Strategy<Value = Kind> {
    prop::sample::select(Kind::ALL.to_vec())
}

/// Keys the records know, plus misspellings and junk.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "title",
            "name",
            "given_name",
            "subject",
            "fields",
            "year",
            "date",
            "number",
            "issuer",
            "level",
            "type",
            "movement",
            "movements",
            "recipients",
            "nominees",
            "posted",
            "deadline",
            "place",
            "contact",
            "decision",
            "start",
            "end",
            "kind",
            "slug",
            "draft",
            "consent",
            "photo",
            "pdf",
            "allow",
            "decison",
            "feilds",
        ])
        .prop_map(String::from),
        "[a-z_]{1,12}",
    ]
}

/// Values of every TOML shape, with Vietnamese text, dates good and bad, and nesting.
fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        "\\PC{0,20}".prop_map(|s| format!("{s:?}")),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        (1900i32..2100, 0u8..14, 0u8..33).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (0u8..33, 0u8..14, 1900i32..2100).prop_map(|(d, m, y)| format!("\"{d:02}/{m:02}/{y}\"")),
        prop::sample::select(vec![
            "\"ca-nhan\"",
            "\"giao-duc\"",
            "\"Nguyễn Văn Đức\"",
            "\"0912 345 678\"",
            "\"001099012345\""
        ])
        .prop_map(String::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop::collection::vec(inner, 0..4).prop_map(|v| format!("[{}]", v.join(", ")))
    })
}

fn front_matter() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((key(), value()), 0..12),
        prop::collection::vec((key(), value()), 0..4),
        "\\PC{0,200}",
    )
        .prop_map(|(top, table, body)| {
            let mut s = String::from("+++\n");
            for (k, v) in top {
                s.push_str(&format!("{k} = {v}\n"));
            }
            s.push_str("\n[[recipients]]\n");
            for (k, v) in table {
                s.push_str(&format!("{k} = {v}\n"));
            }
            s.push_str("+++\n");
            s.push_str(&body);
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_front_matter_never_panics(kind in kinds(), text in front_matter(), crlf in any::<bool>()) {
        let text = if crlf { text.replace('\n', "\r\n") } else { text };
        let lines = text.lines().count().max(1);
        match vinhdanh::load::parse_record(kind, Path::new("content/x/a.md"), text.into_bytes(), true) {
            Ok(Some(rec)) => {
                for d in rec.problems {
                    prop_assert!(d.line <= lines + 1, "{d}");
                }
            }
            Ok(None) => {}
            Err(diags) => {
                prop_assert!(!diags.is_empty());
                for d in diags {
                    prop_assert!(d.line <= lines + 1, "line {} beyond the file: {d}", d.line);
                    prop_assert!(!d.message.vi.is_empty() && !d.message.en.is_empty());
                }
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(kind in kinds(), bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = vinhdanh::load::parse_record(kind, Path::new("content/x/a.md"), bytes, true);
    }

    #[test]
    fn markdown_output_never_carries_script(body in "(\\PC|<script>|<img src=x onerror=alert(1)>|\\[a\\]\\(javascript:x\\)|```rust\n|\n){0,60}") {
        let html = vinhdanh::markdown::render(&body).unwrap().html.to_lowercase();
        // Text inside code blocks is escaped (&lt;...), so only real tags can match.
        let event_handler = regex::Regex::new(r#"<[^>]*\son[a-z]+\s*="#).unwrap();
        let script_url = regex::Regex::new(r#"(href|src)\s*=\s*["']?\s*javascript:"#).unwrap();
        prop_assert!(!html.contains("<script"), "{html}");
        prop_assert!(!event_handler.is_match(&html), "{html}");
        prop_assert!(!script_url.is_match(&html), "{html}");
    }
}
