//! Content written by someone hostile (or pasted from anywhere): issue 12, classes 3 and 4.
//!
//! - Every HTML that comes out of Markdown or front matter is safe: a site is built with
//!   the OWASP filter-evasion vectors in every Markdown construct and every front-matter
//!   text field, and every output file is scanned for event handlers, script URLs,
//!   scripts, frames, forms, styles and the like.
//! - No content crashes or hangs the program: deep nesting in TOML, YAML, Markdown and
//!   raw HTML, and inputs that made a pass quadratic, each build (or fail with a clear
//!   message) within a bounded time, through the real binary so a stack overflow is a
//!   failed test and not a dead test runner.

use crate::util::*;
use std::path::Path;
use std::time::{Duration, Instant};

const SITE: &str = "title = \"Thử\"\ncommune = \"Xã Thử\"\nbase_url = \"https://x.example\"\n\n[[bodies]]\nslug = \"ubnd-xa\"\nlabel = \"Chủ tịch UBND xã\"\nlevel = \"xa\"\n";

/// A TOML basic string holding `s` (JSON's escapes are TOML's).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Script-bearing URLs, spelled every way a browser still reads as a script (entities are
/// decoded by pulldown-cmark in link destinations; tabs and newlines are dropped by the
/// URL parser; case does not matter; leading spaces and controls are trimmed).
const URLS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "jav&#9;ascript:alert(1)",
    "jav&#x0A;ascript:alert(1)",
    "jav&#x0D;ascript:alert(1)",
    "java&Tab;script:alert(1)",
    "java&NewLine;script:alert(1)",
    "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
    "&#0000106&#0000097vascript:alert(1)",
    "javascript&colon;alert(1)",
    "&#x20;javascript:alert(1)",
    "&#x01;javascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBSCRIPT:msgbox(1)",
    "livescript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,alert(1)",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "file:///etc/passwd",
    "jar:http://x.example/a.jar!/",
];

/// Raw HTML and text that tries to break out of where it is put.
const VECTORS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
    "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<img src=\"x\" onerror=\"alert(1)\" style=\"position:fixed;top:0\">",
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
    "<a href=\"javascript:alert(1)\" onclick=\"alert(1)\">x</a>",
    "<a href=\"vbscript:msgbox(1)\">x</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<style>body{background:url(\"javascript:alert(1)\")}</style>",
    "<div style=\"background-image:url(javascript:alert(1))\">x</div>",
    "<table><tr><td style=\"position:fixed;top:0;left:0;width:100%;height:100%\">x</td></tr></table>",
    "<form action=\"javascript:alert(1)\"><input type=\"submit\" formaction=\"javascript:alert(1)\"><button>x</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<link rel=\"stylesheet\" href=\"javascript:alert(1)\">",
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=\"alert(1)\"></video>",
    "<table background=\"javascript:alert(1)\"></table>",
    "<xss style=\"behavior: url(xss.htc);\">",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<textarea><script>alert(1)</script></textarea>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "]]><script>alert(1)</script>",
    "\" onmouseover=\"alert(1)",
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "{{ 7*7 }}{% raw %}",
];

/// A body with every script URL and heading attribute in every Markdown construct, and
/// no raw HTML (the sanitiser once ran only on bodies with raw HTML).
fn markdown_body() -> String {
    let mut b = String::new();
    // Heading attributes (the extension): event handlers, autofocus, style, odd ids.
    for attrs in [
        "{autofocus tabindex=0 onfocus=alert(1)}",
        "{#ok .cls onclick=alert(1) style=color:red}",
        "{onmouseover=\"alert(1)\" data-x=y}",
        "{#x\"onmouseover=alert(1) .y}",
        "{.\"onmouseover=alert(1)}",
        "{href=javascript:alert(1) src=javascript:alert(1)}",
        "{formaction=javascript:alert(1) srcdoc=x}",
    ] {
        b.push_str(&format!("## Hi {attrs}\n\n# Top {attrs}\n\nSetext {attrs}\n======\n\nSetext2 {attrs}\n------\n\n"));
    }
    for (i, u) in URLS.iter().enumerate() {
        b.push_str(&format!(
            "[inline]({u}) [titled]({u} \"t\\\" onmouseover=\\\"alert(1)\") [angled](<{u}>) [sp]( {u} ) \
             [ref][r{i}] [collapsed-{i}][] ![img-{i}]({u} \"title\\\" onerror=\\\"alert(1)\") \
             ![x\" onerror=\"alert(1)]({u}) [![nested]({u})]({u}) <{u}>\n\n\
             [r{i}]: {u} \"t\\\" onerror=\\\"alert(1)\"\n\
             [collapsed-{i}]: <{u}>\n\n\
             | {u} | [c]({u}) | ![d]({u}) |\n|:--|:-:|--:|\n| [e]({u}) | <{u}> | f |\n\n\
             Note[^u{i}].\n\n[^u{i}]: See [here]({u}) and ![i]({u}).\n\n"
        ));
    }
    for auto in [
        "<javascript:alert(1)>",
        "<JAVASCRIPT:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html,x>",
        "<jav&#x09;ascript:alert(1)>",
    ] {
        b.push_str(&format!("Autolink {auto} end.\n\n"));
    }
    b.push_str("```\"><script>alert(1)</script>\ncode\n```\n\n```js onload=alert(1)\nx\n```\n\n");
    b.push_str("Footnote[^\"onmouseover=alert(1)] and [^x onmouseover=alert(1)].\n\n[^\"onmouseover=alert(1)]: a\n\n[^x onmouseover=alert(1)]: b\n\n");
    b
}

/// A body with one raw-HTML vector in every Markdown construct (one vector a body: the
/// tags some leave open add up, and too many open tags are refused).
fn raw_html_body(i: usize) -> String {
    let mut b = String::new();
    let v = VECTORS[i];
    let one_line = v.replace(['\n', '|'], " ");
    b.push_str(&format!(
        "Inline {v} text.\n\n{v}\n\n## {v}\n\nSetext {one_line}\n------\n\n\
             > quoted {v}\n\n- item {v}\n- [x] {v}\n\n1. {v}\n\n\
             *em {v}* **strong {v}** ~~del {v}~~ `code {v}`\n\n\
             | {one_line} | b |\n|---|---|\n| {one_line} | *c* |\n\n\
             Foot[^v{i}] and [^\"><img src=x onerror=alert(1)>].\n\n[^v{i}]: {v}\n\n\
             [link {v}](/a \"{}\") ![alt {v}](/b.png)\n\n\
             ```html\n{v}\n```\n\n```\"><script>alert(1)</script>\n{v}\n```\n\n\
             ```javascript onload=alert(1)\n{v}\n```\n\n    indented {v}\n\n<div>\n{v}\n</div>\n\n",
        v.replace('"', "&quot;")
    ));
    b
}

/// Front-matter files for every kind, the `i`-th vector in every text field.
fn hostile_records(root: &Path) {
    // Attachments whose file names try to leave the attribute they are written in.
    let photo = "/anh/x\" onerror=\"alert(1)\" a='.jpg";
    let pdf = "/van-ban/x\" onclick=\"alert(1)\" a='.pdf";
    put_bytes(root, &format!("static{photo}"), &tiny_jpeg());
    put(root, &format!("static{pdf}"), "%PDF-1.4");
    let markdown = markdown_body();
    for (i, v) in VECTORS.iter().enumerate() {
        let v1 = q(v);
        let v2 = q(&format!("{v} {i}"));
        // The first record of each kind has every URL and heading attribute in a body of
        // Markdown alone; the others their vector in every construct, as raw HTML.
        let body = match i {
            0 => markdown.clone(),
            1 => raw_html_body(0) + &raw_html_body(1),
            _ => raw_html_body(i),
        };
        put(
            root,
            &format!("content/movements/pt-{i}.md"),
            &format!("+++\ntitle = {v1}\nkind = \"chuyen-de\"\nlevel = \"xa\"\nlaunched_by = {v1}\ndocument = {v1}\ndocument_date = 2024-01-01\ndocument_title = {v1}\nstart = 2024-01-01\nslogan = {v1}\nfields = [\"van-hoa\"]\nsummary = {v1}\n+++\n{body}\n"),
        );
        put(
            root,
            &format!("content/plans/kh-{i}.md"),
            &format!("+++\ntitle = {v1}\nyear = {}\ntheme = {v1}\nnumber = {v1}\ndate = 2024-01-02\nissuer = \"ubnd-xa\"\nsigner = {v1}\nsigner_position = {v1}\nmovements = [\"pt-{i}\"]\nsummary = {v1}\n+++\n{body}\n", 1990 + i),
        );
        put(
            root,
            &format!("content/people/ng-{i}.md"),
            &format!("+++\nname = {v2}\nsubject = \"ca-nhan\"\nrole = {v1}\nunit = {v2}\nfields = [\"kinh-te\"]\nmovements = [\"pt-{i}\"]\nyear = 2024\nconsent = true\nphoto = {}\nfeatured = true\ngood_deed = true\nsummary = {v1}\n+++\n{body}\n", q(photo)),
        );
        put(
            root,
            &format!("content/awards/qd-{i}.md"),
            &format!("+++\nnumber = {v2}\ntitle = {v1}\ndate = 2024-03-04\nissuer = \"ubnd-xa\"\nsigner = {v1}\nsigner_position = {v1}\ntype = \"theo-dot-chuyen-de\"\nmovement = \"pt-{i}\"\nfields = [\"van-hoa\"]\nyear = 2024\npdf = {}\nsummary = {v1}\n\n[[recipients]]\nname = {v2}\nsubject = \"ca-nhan\"\nposition = {v1}\nunit = {v2}\nform = \"giay-khen\"\nachievement = {v1}\namount = 500000\nperson = \"ng-{i}\"\n\n[[recipients]]\nname = {v1}\nsubject = \"tap-the\"\nunit = {v1}\nform = \"giay-khen\"\nachievement = {v1}\n+++\n{body}\n", q(pdf)),
        );
        put(
            root,
            &format!("content/notices/tb-{i}.md"),
            &format!("+++\ntitle = {v1}\nyear = 2024\nposted = 2024-02-01\nplace = {v1}\ndeadline = 2024-02-11\ncontact = {v1}\ndecision = \"qd-{i}\"\nfields = [\"van-hoa\"]\nsummary = {v1}\n\n[[nominees]]\nname = {v2}\nsubject = \"ca-nhan\"\nunit = {v2}\nform = \"giay-khen\"\nachievement = {v1}\n+++\n{body}\n"),
        );
        put(
            root,
            &format!("content/pages/tr-{i}.md"),
            &format!(
                "+++\ntitle = {v1}\nmenu = {}\nweight = {i}\nsummary = {v1}\n+++\n{body}\n",
                i < 3
            ),
        );
    }
}

/// One tag of an HTML or XML file: its lower-case name and its attributes, values with
/// character references decoded.
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    raw: String,
}

/// Decodes the character references a browser decodes in an attribute value (numeric, and
/// the named ones that matter for URLs).
fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
            u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
        } else if let Some(num) = name.strip_prefix('#') {
            num.parse::<u32>().ok().and_then(char::from_u32)
        } else {
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "colon" => Some(':'),
                "Tab" => Some('\t'),
                "NewLine" => Some('\n'),
                _ => None,
            }
        };
        match decoded {
            Some(c) if name.len() > 1 => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The tags of a document, skipping comments and the text of `script`, `style` and
/// `textarea` (which is checked separately).
fn tags(doc: &str) -> (Vec<Tag>, Vec<(String, String)>) {
    let b = doc.as_bytes();
    let mut out = Vec::new();
    let mut raw_text = Vec::new();
    let mut i = 0;
    while let Some(off) = doc[i..].find('<') {
        i += off;
        if doc[i..].starts_with("<!--") {
            i += doc[i..].find("-->").map_or(doc.len() - i, |e| e + 3);
            continue;
        }
        let start = i;
        i += 1;
        let closing = b.get(i) == Some(&b'/');
        if closing {
            i += 1;
        }
        if !b
            .get(i)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'?' || *c == b'!')
        {
            continue;
        }
        let name_end = doc[i..]
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .map_or(doc.len(), |e| i + e);
        let name = doc[i..name_end].to_ascii_lowercase();
        i = name_end;
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let an_end = doc[i..]
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .map_or(doc.len(), |e| i + e);
            let an = doc[i..an_end].to_ascii_lowercase();
            i = an_end;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = String::new();
            if b.get(i) == Some(&b'=') {
                i += 1;
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                match b.get(i) {
                    Some(&qc @ (b'"' | b'\'')) => {
                        let end = doc[i + 1..]
                            .find(qc as char)
                            .map_or(doc.len(), |e| i + 1 + e);
                        value = doc[i + 1..end].to_string();
                        i = end + 1;
                    }
                    _ => {
                        let end = doc[i..]
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .map_or(doc.len(), |e| i + e);
                        value = doc[i..end].to_string();
                        i = end;
                    }
                }
            }
            attrs.push((an, decode_entities(&value)));
        }
        let raw = doc[start..i.min(doc.len())].to_string();
        if !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            let end = doc[i.min(doc.len())..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(doc.len(), |e| i + e);
            raw_text.push((raw.clone(), doc[i.min(end)..end].to_string()));
            i = end;
        }
        if !closing {
            out.push(Tag { name, attrs, raw });
        }
    }
    (out, raw_text)
}

/// The URL scheme a browser would see in an attribute value, lower-case: leading and
/// trailing C0 controls and spaces trimmed, tabs and newlines removed anywhere.
fn scheme(value: &str) -> Option<String> {
    let cleaned: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let s = &cleaned[..colon];
    let valid = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| s.to_ascii_lowercase())
}

const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "cite",
    "background",
    "xlink:href",
    "srcset",
    "longdesc",
    "dynsrc",
    "lowsrc",
    "codebase",
    "manifest",
    "ping",
];

/// Every problem in one output file.
fn problems_in(rel: &str, doc: &str) -> Vec<String> {
    let mut found = Vec::new();
    let (all, raw_text) = tags(doc);
    let bad_tags = [
        "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "style", "svg",
        "math", "textarea", "button", "select", "isindex", "template", "xss", "animate", "set",
        "portal", "marquee", "video", "audio", "source", "noscript", "param", "keygen",
    ];
    let mut heads = 0;
    for t in &all {
        let n = t.name.as_str();
        // The theme's own search forms.
        let own_form = (n == "form"
            && (t.raw.starts_with("<form class=\"header-search\" action=\"/tim-kiem/\" method=\"get\" role=\"search\"")
                || t.raw.starts_with("<form class=\"search-form\" id=\"search-form\" action=\"/tim-kiem/\" method=\"get\" role=\"search\"")))
            || t.raw == "<button type=\"submit\">"
            // The statistics page's charts and the search page's note for no script.
            || (rel == "thong-ke/index.html" && t.raw.starts_with("<svg class=\"chart\" viewBox="))
            || (rel == "tim-kiem/index.html" && t.raw == "<noscript>")
            // A portrait's WebP copies, in the theme's <picture> (their addresses are
            // checked as every srcset's).
            || (rel.starts_with("guong-dien-hinh/")
                && t.raw.starts_with("<source type=\"image/webp\" srcset=\"/anh/"));
        if bad_tags.contains(&n) && !own_form {
            found.push(format!("{rel}: tag {}", t.raw));
        }
        if n == "head" {
            heads += 1;
        }
        if n == "script" {
            let own = t.raw == "<script type=\"application/ld+json\">"
                || t.raw == "<script src=\"/assets/search.js\" defer>"
                // The notices' status script, with the theme's strings.
                || t.raw == "<script src=\"/assets/notices.js\" defer data-upcoming=\"Sắp niêm yết\" data-open=\"Đang lấy ý kiến\" data-days=\"Đang lấy ý kiến – còn {n} ngày\" data-closed=\"Hết hạn góp ý – đang chờ quyết định\" data-decided=\"Đã có quyết định\">";
            if !own {
                found.push(format!("{rel}: script {}", t.raw));
            }
        }
        if n == "input" {
            let own = t.raw.starts_with("<input id=\"header-q\"")
                || t.raw.starts_with("<input id=\"search-q\"")
                || t.attrs.iter().all(|(a, v)| match a.as_str() {
                    "type" => v == "checkbox",
                    "disabled" | "checked" => v.is_empty(),
                    _ => false,
                });
            if !own {
                found.push(format!("{rel}: input {}", t.raw));
            }
        }
        if n == "meta" && t.attrs.iter().any(|(a, _)| a == "http-equiv") {
            found.push(format!("{rel}: {}", t.raw));
        }
        if n == "link" {
            let ok = t.attrs.iter().all(|(a, v)| match a.as_str() {
                "href" => v.starts_with('/') || v.starts_with("https://x.example"),
                "rel" => matches!(
                    v.as_str(),
                    "stylesheet" | "alternate" | "icon" | "canonical" | "self"
                ),
                _ => true,
            });
            if !ok {
                found.push(format!("{rel}: {}", t.raw));
            }
        }
        for (a, v) in &t.attrs {
            if a.starts_with("on")
                || matches!(
                    a.as_str(),
                    "autofocus"
                        | "formaction"
                        | "srcdoc"
                        | "http-equiv"
                        | "tabindex"
                        | "contenteditable"
                        | "dynsrc"
                        | "lowsrc"
                        | "background"
                        | "xmlns:xlink"
                        | "is"
                )
            {
                found.push(format!("{rel}: attribute {a} in {}", t.raw));
            }
            if a == "style" {
                let aligned = [
                    "text-align: left",
                    "text-align: center",
                    "text-align: right",
                ]
                .contains(&v.as_str());
                if !(aligned && matches!(n, "td" | "th")) {
                    found.push(format!("{rel}: style in {}", t.raw));
                }
            }
            if a.contains('"') || a.contains('\'') || a.contains('<') {
                found.push(format!("{rel}: odd attribute name in {}", t.raw));
            }
            if URL_ATTRS.contains(&a.as_str()) {
                if let Some(s) = scheme(v) {
                    if !matches!(s.as_str(), "http" | "https" | "mailto" | "tel") {
                        found.push(format!("{rel}: {s}: URL in {}", t.raw));
                    }
                }
            }
            let squashed: String = v
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .flat_map(char::to_lowercase)
                .collect();
            if URL_ATTRS.contains(&a.as_str())
                && ["javascript:", "vbscript:", "data:text/html"]
                    .iter()
                    .any(|s| squashed.contains(s))
            {
                found.push(format!("{rel}: script URL in {}", t.raw));
            }
        }
    }
    if rel.ends_with(".html") && heads > 1 {
        found.push(format!("{rel}: {heads} <head> tags"));
    }
    for (open, text) in raw_text {
        if open.starts_with("<script") {
            if text.contains('<') {
                found.push(format!("{rel}: `<` inside {open}: {text}"));
            }
            if open.contains("ld+json") {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
                    found.push(format!("{rel}: JSON-LD does not parse ({e}): {text}"));
                }
            }
        }
        if open.starts_with("<title") && text.contains('<') {
            found.push(format!("{rel}: `<` inside <title>: {text}"));
        }
    }
    found
}

#[test]
fn no_script_comes_out_of_any_markdown_construct_or_front_matter_field() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    // The site's own texts too: they go into every page's head, the JSON-LD and the feeds.
    let site = format!(
        "title = {}\ncommune = {}\nlocation = {}\ndescription = {}\n{}",
        q("</title><script>alert(1)</script>"),
        q("Xã </script><script>alert(1)</script>"),
        q("\"><img src=x onerror=alert(1)>"),
        q("</script><svg onload=alert(1)> ' onmouseover='alert(1)"),
        SITE.split_once("base_url")
            .map(|(_, rest)| format!("base_url{rest}"))
            .unwrap()
    );
    put(root, "site.toml", &site);
    hostile_records(root);
    let out = root.join("public");
    let o = vinhdanh(root, &["build", "-o", out.to_str().unwrap()]);
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let mut problems = Vec::new();
    let mut pages = 0;
    for rel in files(&out) {
        let bytes = std::fs::read(out.join(&rel)).unwrap();
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if rel.ends_with(".json") {
            if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
                problems.push(format!("{rel}: does not parse as JSON: {e}"));
            }
            continue;
        }
        // The theme's own assets are not content.
        if rel.starts_with("assets/") {
            continue;
        }
        if rel.ends_with(".html") || rel.ends_with(".xml") || rel.ends_with(".svg") {
            pages += 1;
            problems.extend(problems_in(&rel, &text));
        }
    }
    // The hostile records really were published (a build that dropped them proves nothing).
    let duc = std::fs::read_to_string(out.join("guong-dien-hinh/ng-0/index.html")).unwrap();
    assert!(duc.contains("Setext"), "the body is on the page");
    assert!(
        duc.contains("class=\"portrait\""),
        "the photo is on the page"
    );
    let qd = std::fs::read_to_string(out.join("khen-thuong/qd-0/index.html")).unwrap();
    assert!(
        qd.contains("type=\"application/pdf\""),
        "the attachment is on the page"
    );
    assert!(pages > 100, "only {pages} pages");
    // Each kind of problem once, with the first file it is in.
    let mut kinds = std::collections::BTreeMap::new();
    for p in &problems {
        let (file, what) = p.split_once(": ").unwrap_or(("", p));
        kinds.entry(what.to_string()).or_insert(file.to_string());
    }
    assert!(
        problems.is_empty(),
        "{} problems, {} distinct:\n{}",
        problems.len(),
        kinds.len(),
        kinds
            .iter()
            .take(60)
            .map(|(what, file)| format!("{file}: {what}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_scanner_sees_what_it_must() {
    // The scan above is only as good as its parser: it must flag each of these.
    for bad in [
        "<h2 id=\"hi\" onfocus=\"alert(1)\">",
        "<h2 autofocus>",
        "<a href=\"jav&#x09;ascript:alert(1)\">",
        "<a href=\" JaVaScRiPt:x\">",
        "<img src=\"data:text/html,x\">",
        "<script>alert(1)</script>",
        "<p style=\"color:red\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=x\">",
        "<script type=\"application/ld+json\">{\"a\": \"</script><script>\"}</script>",
        "<iframe src=\"/x\">",
    ] {
        assert!(!problems_in("x.html", bad).is_empty(), "not flagged: {bad}");
    }
    for good in [
        "<a href=\"/khen-thuong/\">javascript:alert(1)</a>",
        "<p title=\"javascript: in a title is text\">",
        "<td style=\"text-align: center\">",
        "<a href=\"mailto:a@x.example\">",
        "<script type=\"application/ld+json\">{\"a\": \"\\u003c/script\"}</script>",
    ] {
        assert!(problems_in("x.html", good).is_empty(), "flagged: {good}");
    }
}

/// Front matter and body of a page record.
fn page(front: &str, body: &str) -> String {
    format!("+++\ntitle = \"Trang\"\n{front}+++\n{body}")
}

fn yaml_page(front: &str, body: &str) -> String {
    format!("---\ntitle: Trang\n{front}---\n{body}")
}

/// Shapes that crashed the program, took it tens of seconds, or could: each as one page of
/// a small site, with the code of the error it must give (`None`: it must build).
fn shapes() -> Vec<(&'static str, String, Option<&'static str>)> {
    let n = 100_000;
    let deep = |open: &str, close: &str, k: usize| format!("{}{}", open.repeat(k), close.repeat(k));
    let laughs = "allow: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nslug: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n";
    vec![
        // Stack overflow (exit 134) in the fast TOML reader.
        (
            "toml arrays 100,000 deep",
            page(&format!("weight = {}\n", deep("[", "]", n)), "x\n"),
            Some("too-deep"),
        ),
        (
            "toml arrays unclosed",
            page(&format!("weight = {}\n", "[".repeat(n)), "x\n"),
            Some("too-deep"),
        ),
        (
            "toml inline tables",
            page(
                &format!("weight = {}1{}\n", "{a=".repeat(n), "}".repeat(n)),
                "x\n",
            ),
            Some("too-deep"),
        ),
        (
            "toml arrays of tables",
            page(
                &format!("weight = {}1{}\n", "[{a=".repeat(n / 2), "}]".repeat(n / 2)),
                "x\n",
            ),
            Some("too-deep"),
        ),
        (
            "toml dotted key",
            page(&format!("{} = 1\n", vec!["a"; n].join(".")), "x\n"),
            Some("too-deep"),
        ),
        (
            "toml table header",
            page(&format!("[{}]\n", vec!["a"; n].join(".")), "x\n"),
            Some("too-deep"),
        ),
        (
            "yaml flow 100,000 deep",
            yaml_page(&format!("allow: {}\n", deep("[", "]", n)), "x\n"),
            Some("too-deep"),
        ),
        (
            "yaml maps deep",
            yaml_page(
                &format!("allow: {}1{}\n", "{a: ".repeat(n), "}".repeat(n)),
                "x\n",
            ),
            Some("syntax"),
        ),
        (
            "yaml block deep",
            yaml_page(
                &format!(
                    "allow:\n{}",
                    (0..3000)
                        .map(|i| format!("{}-\n", " ".repeat(i)))
                        .collect::<String>()
                ),
                "x\n",
            ),
            Some("syntax"),
        ),
        (
            "yaml alias bomb",
            yaml_page(&format!("allow: [{}]\n", vec!["*a"; n].join(",")), "x\n")
                .replace("title: Trang", "title: &a Trang"),
            Some("too-large"),
        ),
        (
            "yaml billion laughs",
            yaml_page(laughs, "x\n"),
            Some("syntax"),
        ),
        // Quadratic heading anchors: 22 s and 2 min in a release build.
        (
            "20,000 same headings",
            page("", &"## Nội dung\n\n".repeat(20_000)),
            None,
        ),
        (
            "40,000 same headings",
            page("", &"## Nội dung\n\n".repeat(40_000)),
            None,
        ),
        (
            "headings that collide",
            page(
                "",
                &(0..10_000)
                    .map(|i| format!("## Nội dung\n\n## Nội dung {i}\n\n"))
                    .collect::<String>(),
            ),
            None,
        ),
        (
            "200,000 setext headings",
            page("", &"a\n=\n".repeat(200_000)),
            None,
        ),
        (
            "5,000 long same headings",
            page("", &format!("## {}\n\n", "ă".repeat(200)).repeat(5_000)),
            None,
        ),
        // The sanitiser's HTML parser on deep trees: 20 s and more.
        (
            "100,000 nested div",
            page(
                "",
                &format!("{}x{}\n", "<div>".repeat(n), "</div>".repeat(n)),
            ),
            Some("body-too-complex"),
        ),
        (
            "100,000 open div",
            page("", &"<div>".repeat(n)),
            Some("body-too-complex"),
        ),
        (
            "100,000 div blocks",
            page("", &"<div>\n\n".repeat(n)),
            Some("body-too-complex"),
        ),
        (
            "deep quotes then HTML",
            page("", &format!("{} x\n\n<b>y</b>\n", ">".repeat(5_000))),
            Some("body-too-complex"),
        ),
        (
            "100,000 attributes",
            page(
                "",
                &format!(
                    "<div {}>x</div>\n",
                    (0..n)
                        .map(|i| format!("a{i}=1"))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
            ),
            Some("body-too-complex"),
        ),
        (
            "100,000 nested b i",
            page("", &"<b><i>".repeat(n / 2)),
            Some("body-too-complex"),
        ),
        (
            "nested tables",
            page("", &"<table><tr><td>".repeat(20_000)),
            Some("body-too-complex"),
        ),
        // Highlighting took 5 s a megabyte.
        (
            "big code block",
            page(
                "",
                &format!(
                    "```rust\n{}```\n",
                    "fn main() { let x = \"a\"; }\n".repeat(30_000)
                ),
            ),
            None,
        ),
        (
            "code block long line",
            page("", &format!("```rust\n{}\n```\n", "x".repeat(1_000_000))),
            None,
        ),
        (
            "code block open comments",
            page("", &format!("```rust\n{}\n```\n", "/*".repeat(200_000))),
            None,
        ),
        // Markdown shapes, each a megabyte or so.
        (
            "100,000 quotes",
            page("", &format!("{} x\n", ">".repeat(n))),
            None,
        ),
        (
            "nested lists",
            page("", &format!("{}x\n", "- ".repeat(50_000))),
            None,
        ),
        (
            "nested ordered lists",
            page("", &format!("{}x\n", "1. ".repeat(50_000))),
            None,
        ),
        ("1 MB of *", page("", &"*".repeat(1_000_000)), None),
        ("1 MB of _", page("", &"_".repeat(1_000_000)), None),
        (
            "nested emphasis",
            page(
                "",
                &format!("{}b{}\n", "*a ".repeat(200_000), " c*".repeat(200_000)),
            ),
            None,
        ),
        (
            "alternating emphasis",
            page(
                "",
                &format!("{}x{}\n", "*_".repeat(300_000), "_*".repeat(300_000)),
            ),
            None,
        ),
        ("1 MB of [", page("", &"[".repeat(1_000_000)), None),
        ("open links", page("", &"[a](".repeat(200_000)), None),
        (
            "nested links",
            page("", &format!("{}a{}\n", "[".repeat(n), "](b)".repeat(n))),
            None,
        ),
        (
            "nested images",
            page("", &format!("{}a{}\n", "![".repeat(n), "](b)".repeat(n))),
            None,
        ),
        ("1 MB of `", page("", &"`".repeat(1_000_000)), None),
        (
            "backtick runs",
            page(
                "",
                &(1..1400).map(|i| "`".repeat(i) + " ").collect::<String>(),
            ),
            None,
        ),
        ("1 MB of <", page("", &"<".repeat(1_000_000)), None),
        ("300,000 <a", page("", &"<a ".repeat(300_000)), None),
        (
            "table of 10,000 columns",
            page(
                "",
                &format!(
                    "|{}\n|{}\n{}",
                    "a|".repeat(10_000),
                    "-|".repeat(10_000),
                    format!("|{}\n", "b|".repeat(10_000)).repeat(20)
                ),
            ),
            None,
        ),
        (
            "100,000 table rows",
            page("", &format!("|a|b|\n|-|-|\n{}", "|x|y|\n".repeat(n))),
            None,
        ),
        (
            "100,000 footnote references",
            page("", &format!("{}\n\n[^1]: ghi chú\n", "x[^1] ".repeat(n))),
            None,
        ),
        (
            "100,000 footnotes",
            page(
                "",
                &(0..n).map(|i| format!("[^{i}]: n\n\n")).collect::<String>(),
            ),
            None,
        ),
        (
            "100,000 link definitions",
            page(
                "",
                &format!(
                    "{}\n{}",
                    (0..n)
                        .map(|i| format!("[r{i}]: /x{i}\n"))
                        .collect::<String>(),
                    (0..n).map(|i| format!("[r{i}] ")).collect::<String>()
                ),
            ),
            None,
        ),
        ("1 MB word", page("", &"a".repeat(1_000_000)), None),
        (
            "1 MB heading",
            page("", &format!("## {}\n", "ă".repeat(500_000))),
            None,
        ),
        (
            "entities",
            page(
                "",
                &format!("{}{}\n", "&#x1F600;".repeat(n), "&amp;".repeat(n)),
            ),
            None,
        ),
        (
            "entities in a link",
            page("", &format!("[a]({})\n", "&#x61;".repeat(n))),
            None,
        ),
        (
            "100,000 autolinks",
            page("", &"<http://a.example/c> ".repeat(n)),
            None,
        ),
        ("1 MB of NUL", page("", &"\0".repeat(1_000_000)), None),
        (
            "1 MB title",
            page("", "x\n").replace(
                "title = \"Trang\"",
                &format!("title = \"{}\"", "Nội dung ".repeat(110_000)),
            ),
            None,
        ),
        (
            "1 MB title word",
            page("", "x\n").replace(
                "title = \"Trang\"",
                &format!("title = \"{}\"", "a".repeat(1_000_000)),
            ),
            None,
        ),
        (
            "1 MB summary",
            page(&format!("summary = \"{}\"\n", "từ ".repeat(300_000)), "x\n"),
            None,
        ),
    ]
}

/// Runs the binary, killing it after `limit`: (exit code or `None` if killed or crashed,
/// stdout, time taken).
fn run_bounded(root: &Path, args: &[&str], limit: Duration) -> (Option<i32>, String, Duration) {
    let start = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_vinhdanh"))
        .arg("--root")
        .arg(root)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let out = reader.join().unwrap();
    (status.and_then(|s| s.code()), out, start.elapsed())
}

#[test]
fn no_content_crashes_or_hangs_the_build() {
    // Debug builds are 5–20 times slower than release; every shape takes well under a
    // second in release. Before the fixes, some crashed at once and some took minutes. The
    // slowest shape (200,000 setext headings) takes 2 s of CPU in a debug build, and on
    // this two-core machine under the load of a parallel test run up to 5 s of wall time:
    // the limit leaves room for that and still catches any shape that hangs.
    let limit = Duration::from_secs(10);
    let mut failures = Vec::new();
    for (name, text, expected) in shapes() {
        assert!(text.len() < 10 * 1_048_576, "{name} is over the size limit");
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        put(root, "site.toml", SITE);
        put(root, "content/pages/x.md", &text);
        let out = root.join("public");
        let (code, stdout, took) = run_bounded(
            root,
            &["build", "--format", "json", "-o", out.to_str().unwrap()],
            limit,
        );
        let codes: Vec<String> = serde_json::from_str::<serde_json::Value>(&stdout)
            .ok()
            .and_then(|v| {
                v["diagnostics"].as_array().map(|a| {
                    a.iter()
                        .filter(|d| d["severity"] == "error")
                        .map(|d| d["code"].as_str().unwrap_or("").to_string())
                        .collect()
                })
            })
            .unwrap_or_default();
        let ok = match (code, expected) {
            (Some(0), None) => true,
            // The problem expected is found, and reading goes on only as far as is safe
            // (a later key may have a problem of its own).
            (Some(1), Some(want)) => {
                codes.first().map(String::as_str) == Some(want)
                    || (codes.len() <= 2 && codes.iter().any(|c| c == want))
            }
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{name}: exit {code:?} after {took:.1?}, errors {codes:?}, expected {expected:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Twenty thousand mistakes in one file (a decision whose recipients all name an unknown
/// form, a person whose honours all name a mistyped body and a script as their source) are
/// all reported, each at its own line, without reading the file once per mistake: before,
/// finding each message's line made this take minutes.
#[test]
fn many_mistakes_in_one_file_are_all_reported_quickly() {
    let n = 20_000;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    put(root, "site.toml", SITE);
    let mut award = String::from(
        "+++\nnumber = \"1/QĐ-UBND\"\ndate = 2024-01-02\nissuer = \"ubnd-xa\"\ntype = \"dot-xuat\"\nfields = [\"kinh-te\"]\n",
    );
    for i in 0..n {
        award.push_str(&format!(
            "\n[[recipients]]\nname = \"Lê Văn An\"\nsubject = \"ca-nhan\"\nform = \"khong-co-{i}\"\nachievement = \"Tốt.\"\n"
        ));
    }
    award.push_str("+++\n");
    put(root, "content/awards/1.md", &award);
    let mut person = String::from(
        "+++\nname = \"Lê Văn An\"\nsubject = \"ca-nhan\"\nfields = [\"kinh-te\"]\nyear = 2024\n",
    );
    for i in 0..n {
        person.push_str(&format!(
            "\n[[honours]]\nform = \"giay-khen\"\ndate = \"2020\"\nissuer = \"co-quan-{i}\"\nsource = \"javascript:alert({i})\"\n"
        ));
    }
    person.push_str("+++\n");
    put(root, "content/people/le-van-an.md", &person);
    let (code, stdout, took) = run_bounded(
        root,
        &["check", "--format", "json"],
        Duration::from_secs(60),
    );
    assert_eq!(code, Some(1), "after {took:?}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let diags = report["diagnostics"].as_array().unwrap();
    let count = |code: &str| diags.iter().filter(|d| d["code"] == code).count();
    assert_eq!(count("bad-source"), n);
    assert!(
        count("unknown-reference") >= 2 * n,
        "{}",
        count("unknown-reference")
    );
    // Each at its own line: the last recipient's form, the last honour's source.
    let last = |code: &str, file: &str, needle: &str, text: &str| {
        let line = text.lines().position(|l| l.contains(needle)).unwrap() + 1;
        assert!(
            diags
                .iter()
                .any(|d| d["code"] == code && d["file"] == file && d["line"] == line),
            "{code} at {file}:{line}"
        );
    };
    let i = n - 1;
    last(
        "unknown-reference",
        "content/awards/1.md",
        &format!("\"khong-co-{i}\""),
        &award,
    );
    last(
        "bad-source",
        "content/people/le-van-an.md",
        &format!("alert({i})"),
        &person,
    );
    last(
        "unknown-reference",
        "content/people/le-van-an.md",
        &format!("\"co-quan-{i}\""),
        &person,
    );
    assert!(took < Duration::from_secs(30), "{took:?}");
}
