//! Any text as a Markdown body: it renders or gives a content error, never a panic, in time
//! linear in its length, and what comes out carries no script: no `<script>`, no event
//! handler or `style` attribute, no URL with another scheme than http, https, mailto or
//! tel.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Checks every tag of rendered HTML (text `<` is always written `&lt;`).
fn check(html: &str) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        let name_len = b[i..].iter().take_while(|c| c.is_ascii_alphanumeric() || **c == b'/').count();
        let name = html[i..i + name_len].to_ascii_lowercase();
        assert!(
            !matches!(name.as_str(), "script" | "style" | "iframe" | "object" | "embed" | "form" | "base" | "meta" | "link" | "svg" | "math"),
            "<{name}> in {html}"
        );
        i += name_len;
        // Attributes up to the tag's end; values are always quoted with `"`.
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let start = i;
            while i < b.len() && !matches!(b[i], b'=' | b'>' | b' ' | b'/') {
                i += 1;
            }
            let attr = html[start..i].to_ascii_lowercase();
            let mut value = "";
            if b.get(i) == Some(&b'=') && b.get(i + 1) == Some(&b'"') {
                let end = html[i + 2..].find('"').map_or(b.len(), |e| i + 2 + e);
                value = &html[i + 2..end];
                i = end + 1;
            }
            assert!(
                !attr.starts_with("on") && !matches!(attr.as_str(), "autofocus" | "tabindex" | "formaction" | "srcdoc"),
                "attribute {attr} in {html}"
            );
            if attr == "style" {
                assert!(value.starts_with("text-align: "), "style=\"{value}\" in {html}");
            }
            if matches!(attr.as_str(), "href" | "src") {
                let squashed: String = value
                    .replace("&amp;", "&")
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .take(40)
                    .collect::<String>()
                    .to_ascii_lowercase();
                if let Some((scheme, _)) = squashed.split_once(':') {
                    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
                    assert!(
                        !is_scheme || matches!(scheme, "http" | "https" | "mailto" | "tel"),
                        "{attr}=\"{value}\" in {html}"
                    );
                }
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(r) = vinhdanh::markdown::render(&text) {
        check(&r.html);
    }
});
