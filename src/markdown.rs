//! Markdown bodies to safe HTML: CommonMark with tables, footnotes, strikethrough, task
//! lists and heading anchors; fenced code highlighted by syntect (loaded only when needed);
//! raw HTML sanitised by ammonia; links and images keep only http, https, mailto and tel
//! URLs (or none); heading attributes only `id` and `class`. Content is untrusted: every
//! pass is linear in the body, and raw HTML nesting is bounded (see [`render`]).

use crate::error::msg;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Prefix of the CSS classes syntect writes.
pub(crate) const HIGHLIGHT_PREFIX: &str = "hl-";
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed {
    prefix: HIGHLIGHT_PREFIX,
};

/// A rendered body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: std::sync::Arc<str>,
    /// The body has a highlighted code block (the page then links the highlight stylesheet).
    pub has_code: bool,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

fn syntax_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// The stylesheet for highlighted code (only generated when a page needs it).
pub(crate) fn highlight_css() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let theme = &themes.themes["InspiredGitHub"];
    syntect::html::css_for_theme_with_class_style(theme, CLASS_STYLE).unwrap_or_default()
}

/// How deep elements may nest in a body that holds raw HTML (the sanitiser's HTML parser
/// gets slow on deep trees: 100,000 nested `<div>` took 20 s). Real records nest a few
/// levels; Markdown without raw HTML is not limited (it never goes through that parser).
pub(crate) const MAX_HTML_DEPTH: usize = 128;
/// Attributes one raw HTML tag may have (the HTML parser checks duplicates pairwise).
pub(crate) const MAX_HTML_ATTRIBUTES: usize = 64;
/// Bytes of fenced code highlighted per body (syntect takes about 5 µs a byte); code
/// beyond this is shown plain, escaped.
pub(crate) const MAX_HIGHLIGHTED_BYTES: usize = 16 * 1024;

/// Why a body cannot be rendered: where in the body (a byte offset) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyError {
    pub offset: usize,
    pub message: crate::error::Msg,
    pub hint: crate::error::Msg,
}

/// Renders a Markdown body. Headings get ids made from their text; a body that uses `#`
/// headings is shifted down one level so the page title stays the only `<h1>`.
///
/// Everything that comes out is safe: the HTML pulldown-cmark builds from Markdown is made
/// safe by construction (heading attributes other than `id` and `class` dropped, link and
/// image URLs with another scheme than http, https, mailto or tel replaced by `#`), and a
/// body with raw HTML goes whole through the sanitiser. One pass, linear in the body.
pub fn render(src: &str) -> Result<Rendered, BodyError> {
    if src.trim().is_empty() {
        return Ok(Rendered::default());
    }
    let mut raw_html = false;
    let mut has_code = false;
    let mut highlighted = 0usize;
    let mut min_level = 7usize;
    let mut out: Vec<Event> = Vec::new();
    let mut anchors = Anchors::default();
    // The heading being read: its index in `out` and its text so far.
    let mut heading: Option<(usize, String)> = None;
    // The code block being read: its language and text.
    let mut code: Option<(String, String)> = None;
    let mut depth = Depth::default();
    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        if let Some((lang, text)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let html =
                        if lang.is_empty() || highlighted + text.len() > MAX_HIGHLIGHTED_BYTES {
                            format!("<pre><code>{}</code></pre>\n", escape(text))
                        } else {
                            highlighted += text.len();
                            has_code = true;
                            highlight(text, lang)
                        };
                    out.push(Event::Html(CowStr::from(html)));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        if let Some((_, text)) = &mut heading {
            if let Event::Text(t) | Event::Code(t) = &event {
                text.push_str(t);
            }
        }
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                depth.open(range.start);
                min_level = min_level.min(level as usize);
                heading = Some((out.len(), String::new()));
                // The id and classes are set at the end of the heading; other
                // attributes (`{onfocus=…}`) are dropped.
                out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes: classes.into_iter().filter(|c| is_class_name(c)).collect(),
                    attrs: Vec::new(),
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                depth.close();
                if let Some((at, text)) = heading.take() {
                    if let Event::Start(Tag::Heading { id, .. }) = &mut out[at] {
                        let base = match id {
                            Some(id) => crate::text::slugify(id),
                            None => crate::text::slugify(&text),
                        };
                        *id = Some(CowStr::from(anchors.unique(base)));
                    }
                }
                out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                raw_html = true;
                depth.raw(&html, range.start)?;
                out.push(Event::Html(html));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                depth.open(range.start);
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: safe_url(dest_url),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                depth.open(range.start);
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: safe_url(dest_url),
                    title,
                    id,
                }));
            }
            Event::Start(tag) => {
                depth.open(range.start);
                out.push(Event::Start(tag));
            }
            Event::End(tag) => {
                depth.close();
                out.push(Event::End(tag));
            }
            other => out.push(other),
        }
    }
    if raw_html {
        if let Some(offset) = depth.too_deep {
            return Err(BodyError {
                offset,
                message: msg(
                    format!("HTML trong nội dung lồng nhau quá sâu (quá {MAX_HTML_DEPTH} tầng)"),
                    format!("the HTML in the body nests too deeply (more than {MAX_HTML_DEPTH} levels)"),
                ),
                hint: msg(
                    "đóng các thẻ đã mở (</div>, </blockquote>…) hoặc bớt các tầng lồng nhau; phần lớn nội dung không cần thẻ HTML",
                    "close the tags you open (</div>, </blockquote>…) or nest fewer levels; most content needs no HTML tags",
                ),
            });
        }
    }
    // Bodies whose headings start at `#` are shifted down one level.
    let shift = 2usize.saturating_sub(min_level);
    if shift > 0 {
        for e in &mut out {
            match e {
                Event::Start(Tag::Heading { level, .. }) | Event::End(TagEnd::Heading(level)) => {
                    *level = shift_level(*level, shift)
                }
                _ => {}
            }
        }
    }
    let mut html = String::with_capacity(src.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    if raw_html {
        html = sanitizer().clean(&html).to_string();
    }
    Ok(Rendered {
        html: html.into(),
        has_code,
    })
}

/// The anchors of one body's headings, each used once: `noi-dung`, `noi-dung-1`, … in
/// linear time (a counter per base remembers where the last search for a free suffix
/// stopped; a suffix passed over is taken for good).
#[derive(Default)]
struct Anchors {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Anchors {
    fn unique(&mut self, base: String) -> String {
        let base = if base.is_empty() {
            "muc".to_string()
        } else {
            base
        };
        if self.used.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(1);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// How deep the body's elements nest (Markdown containers and raw HTML tags), and where
/// it first went beyond [`MAX_HTML_DEPTH`].
#[derive(Default)]
struct Depth {
    depth: usize,
    too_deep: Option<usize>,
}

impl Depth {
    fn open(&mut self, offset: usize) {
        self.depth += 1;
        if self.depth > MAX_HTML_DEPTH && self.too_deep.is_none() {
            self.too_deep = Some(offset);
        }
    }

    fn close(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Counts the tags of a piece of raw HTML: start tags of elements that need an end
    /// tag go one level down, end tags one up. Tags the parser closes by itself (`<p>`,
    /// `<li>`, `<td>`…), void ones and `<x/>` do not count. An estimate on the safe side:
    /// `<div>` in a comment or a script counts too.
    fn raw(&mut self, html: &str, offset: usize) -> Result<(), BodyError> {
        let b = html.as_bytes();
        let mut i = 0;
        while let Some(lt) = memchr::memchr(b'<', &b[i..]) {
            i += lt + 1;
            let closing = b.get(i) == Some(&b'/');
            let name_start = i + usize::from(closing);
            let name_len = b[name_start.min(b.len())..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .count();
            if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
                continue;
            }
            let name = html[name_start..name_start + name_len].to_ascii_lowercase();
            let (end, attributes, self_closing) = tag_end(&b[name_start + name_len..]);
            i = name_start + name_len + end;
            if attributes > MAX_HTML_ATTRIBUTES {
                return Err(BodyError {
                    offset,
                    message: msg(
                        format!("thẻ HTML <{name}> có quá nhiều thuộc tính ({attributes}; tối đa {MAX_HTML_ATTRIBUTES})"),
                        format!("the HTML tag <{name}> has too many attributes ({attributes}; at most {MAX_HTML_ATTRIBUTES})"),
                    ),
                    hint: msg(
                        "bỏ bớt các thuộc tính của thẻ; trang chỉ giữ lại vài thuộc tính an toàn (href, src, alt, title…)",
                        "remove attributes from the tag; the page keeps only a few safe ones (href, src, alt, title…)",
                    ),
                });
            }
            if self_closing || is_void_or_optional(&name) {
                continue;
            }
            if closing {
                self.close();
            } else {
                self.open(offset);
            }
        }
        Ok(())
    }
}

/// After a tag's name: where it ends (past the `>`, or the end of the text), how many
/// attributes it has and whether it ends with `/>`.
fn tag_end(b: &[u8]) -> (usize, usize, bool) {
    let mut attributes = 0;
    let mut quote = None;
    let mut in_word = false;
    for (i, &c) in b.iter().enumerate() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'>' => return (i + 1, attributes, i > 0 && b[i - 1] == b'/'),
                b'"' | b'\'' => quote = Some(c),
                c if c.is_ascii_whitespace() => in_word = false,
                b'=' => in_word = true,
                _ => {
                    if !in_word {
                        attributes += 1;
                        in_word = true;
                    }
                }
            },
        }
    }
    (b.len(), attributes, false)
}

/// Elements without an end tag, and those whose end tag the HTML parser supplies when the
/// next one starts (they do not nest when left open).
fn is_void_or_optional(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "option"
            | "optgroup"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "rb"
            | "rt"
            | "rp"
    )
}

/// A class a heading may keep from `{.name}`: letters, digits, `-` and `_`.
fn is_class_name(c: &str) -> bool {
    !c.is_empty()
        && c.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn shift_level(level: HeadingLevel, shift: usize) -> HeadingLevel {
    let n = (level as usize + shift).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

fn highlight(code: &str, lang: &str) -> String {
    let set = syntax_set();
    let syntax = set
        .find_syntax_by_token(lang)
        .unwrap_or_else(|| set.find_syntax_plain_text());
    let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if gen
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!("<pre><code>{}</code></pre>\n", escape(code));
        }
    }
    let lang_class = crate::text::slugify(lang);
    format!(
        "<pre class=\"code\"><code class=\"language-{lang_class}\">{}</code></pre>\n",
        gen.finalize()
    )
}

/// URL schemes links and images may use; any other (`javascript:`, `vbscript:`, `data:`,
/// `file:`…) is replaced by `#`. URLs without a scheme (`/khen-thuong/`, `#muc`,
/// `tep.pdf`) are kept.
pub(crate) const URL_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Keeps a URL whose scheme is allowed, or that has none; `#` otherwise. The scheme is
/// read as a browser reads it, and then some: character references are already decoded by
/// pulldown-cmark, every whitespace and control character anywhere is dropped (browsers
/// drop tabs and newlines anywhere and trim spaces and controls) and case is ignored.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    if allowed_url(&url) {
        url
    } else {
        CowStr::from("#")
    }
}

/// Whether a URL has an allowed scheme or none (see [`safe_url`]).
fn allowed_url(url: &str) -> bool {
    let squashed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(64)
        .collect();
    match scheme(&squashed) {
        Some(s) => URL_SCHEMES.iter().any(|ok| s.eq_ignore_ascii_case(ok)),
        None => true,
    }
}

/// The scheme of a URL (`https` in `https://…`), if it has one: a letter, then letters,
/// digits, `+`, `-` or `.`, then `:`.
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let s = &url[..colon];
    let valid = s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    valid.then_some(s)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tags(["input"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("th", ["style"])
            .url_schemes(URL_SCHEMES.into_iter().collect())
            .link_rel(Some("noopener noreferrer"))
            // Only what Markdown itself writes: task-list check boxes and table column
            // alignment (`style` could cover the page, `type` make a text field).
            .attribute_filter(|element, attribute, value| match (element, attribute) {
                // The sanitiser reads URLs as browsers do today; a control character inside
                // the scheme (`jav\u{8}ascript:`) makes it a harmless relative URL to
                // them, but not to every reader: such a URL is dropped, as in Markdown.
                (_, "href" | "src" | "cite") => allowed_url(value).then_some(value.into()),
                ("input", "type") => (value == "checkbox").then_some(value.into()),
                ("td" | "th", "style") => [
                    "text-align: left",
                    "text-align: center",
                    "text-align: right",
                ]
                .contains(&value)
                .then_some(value.into()),
                _ => Some(value.into()),
            });
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(src: &str) -> Rendered {
        super::render(src).unwrap()
    }

    #[test]
    fn commonmark_extensions() {
        let r = render("Text ~~cũ~~ mới[^1]\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n- [x] xong\n- [ ] chưa\n\n[^1]: Ghi chú.\n");
        assert!(r.html.contains("<del>cũ</del>"));
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("footnote"));
    }

    #[test]
    fn headings_get_vietnamese_slugs_and_stay_below_h1() {
        let r = render("# Mục đích, yêu cầu\n\n## Nội dung\n\n## Nội dung\n");
        assert!(
            r.html.contains("<h2 id=\"muc-dich-yeu-cau\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h3 id=\"noi-dung\">"));
        assert!(r.html.contains("<h3 id=\"noi-dung-1\">"));
        let r = render("## Một\n");
        assert!(r.html.contains("<h2 id=\"mot\">"));
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let r = render("```rust\nfn main() {}\n```\n");
        assert!(r.has_code);
        assert!(r.html.contains("class=\"hl-"), "{}", r.html);
        let plain = render("```\nplain <b>\n```\n");
        assert!(!plain.has_code);
        assert!(plain.html.contains("plain &lt;b&gt;"));
    }

    #[test]
    fn raw_html_is_sanitised() {
        let r = render("<script>alert(1)</script>\n\n<p onclick=\"x()\">Chào <a href=\"javascript:alert(1)\">link</a></p>\n");
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("onclick"));
        assert!(!r.html.contains("javascript:"));
        assert!(r.html.contains("Chào"));
    }

    #[test]
    fn markdown_links_with_script_schemes_are_neutralised() {
        let r = render("[a](javascript:alert(1)) [b]( JaVaScRiPt:x) ![c](data:text/html,x) [d](/khen-thuong/)\n");
        assert!(!r.html.to_lowercase().contains("javascript"), "{}", r.html);
        assert!(!r.html.contains("data:"));
        assert!(r.html.contains("href=\"/khen-thuong/\""));
    }

    #[test]
    fn heading_attributes_keep_only_id_and_class() {
        let r = render("## Hi {autofocus tabindex=0 onfocus=alert(1)}\n\n## A {#ok .cls .\"x onclick=alert(1) style=color:red}\n\nB {onmouseover=x}\n===\n");
        assert!(r.html.contains("<h3 id=\"hi\">Hi</h3>"), "{}", r.html);
        assert!(
            r.html.contains("<h3 id=\"ok\" class=\"cls\">A</h3>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"b\">B</h2>"), "{}", r.html);
        for bad in [
            "onfocus",
            "autofocus",
            "tabindex",
            "onclick",
            "style",
            "onmouseover",
        ] {
            assert!(!r.html.contains(bad), "{bad} in {}", r.html);
        }
    }

    #[test]
    fn only_safe_url_schemes_survive_in_every_spelling() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "jav&#x09;ascript:alert(1)",
            "jav&#x0A;ascript:alert(1)",
            "java&Tab;script:alert(1)",
            "java&NewLine;script:alert(1)",
            "&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)",
            "&#x6A;avascript:alert(1)",
            "javascript&colon;alert(1)",
            "&#x20;javascript:alert(1)",
            "&#x01;javascript:alert(1)",
            "vbscript:msgbox(1)",
            "livescript:x",
            "data:text/html;base64,PHNjcmlwdD4=",
            "data:image/svg+xml,x",
            "file:///etc/passwd",
            "jar:http://x/a.jar!/",
        ] {
            for md in [
                format!("[a]({url})"),
                format!("[a](<{url}>)"),
                format!("[a]( {url} \"t\")"),
                format!("![a]({url})"),
                format!("[a][r]\n\n[r]: {url}"),
                format!("<{url}>"),
                format!("x[^1]\n\n[^1]: [a]({url})"),
                format!("| [a]({url}) |\n|---|\n| ![b]({url}) |"),
            ] {
                let html = render(&md).html;
                assert!(
                    !html.contains("href=\"j")
                        && !html.contains("src=\"j")
                        && !html.contains("href=\"v")
                        && !html.contains("src=\"v")
                        && !html.contains("href=\"d")
                        && !html.contains("src=\"d")
                        && !html.contains("href=\"f")
                        && !html.contains("src=\"f")
                        && !html.contains("href=\"l")
                        && !html.contains("href=\"&"),
                    "{md} → {html}"
                );
            }
        }
        for url in [
            "https://x.example/a",
            "http://x.example",
            "mailto:a@x.example",
            "tel:+84",
            "/khen-thuong/",
            "#muc",
            "tep.pdf",
            "?q=1",
        ] {
            let html = render(&format!("[a]({url})")).html;
            assert!(html.contains(&format!("href=\"{url}\"")), "{url} → {html}");
        }
    }

    #[test]
    fn raw_html_urls_with_controls_in_the_scheme_are_dropped() {
        // Found by the `markdown` fuzz target: ammonia kept `jav\u{8}ascript:` (a relative
        // URL to the WHATWG parser).
        let r = render("<a href=\"jav&#x08;ascript:alert(1)\">x</a> <img src=\"java\u{1}script:x\"> <a href=\"/ok\">y</a>\n");
        assert!(!r.html.contains("ascript"), "{}", r.html);
        assert!(!r.html.contains("script:"), "{}", r.html);
        assert!(r.html.contains("href=\"/ok\""), "{}", r.html);
    }

    #[test]
    fn raw_html_keeps_only_what_markdown_writes_itself() {
        let r = render("<input type=\"text\" autofocus> <input type=\"checkbox\" checked>\n\n<table><tr><td style=\"position:fixed\">a</td><td style=\"text-align: center\">b</td></tr></table>\n");
        assert!(!r.html.contains("type=\"text\""), "{}", r.html);
        assert!(r.html.contains("type=\"checkbox\""), "{}", r.html);
        assert!(!r.html.contains("position"), "{}", r.html);
        assert!(
            r.html.contains("style=\"text-align: center\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn repeated_headings_get_unique_anchors_in_linear_time() {
        // `Nội dung 1` is a real heading: the second `Nội dung` skips its anchor.
        let r =
            render("## Nội dung\n\n## Nội dung 1\n\n## Nội dung\n\n## Nội dung\n\n## Nội dung 2\n");
        let ids: Vec<&str> = r
            .html
            .match_indices(" id=\"")
            .map(|(i, _)| {
                let rest = &r.html[i + 5..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        assert_eq!(
            ids,
            [
                "noi-dung",
                "noi-dung-1",
                "noi-dung-2",
                "noi-dung-3",
                "noi-dung-2-1"
            ]
        );
        let start = std::time::Instant::now();
        let r = render(&"## Nội dung\n\n".repeat(20_000));
        assert!(r.html.contains("id=\"noi-dung-19999\""));
        assert!(
            start.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn deep_raw_html_is_refused_and_deep_markdown_is_not() {
        let e = super::render(&format!("Đầu\n\n{}x", "<div>".repeat(100_000))).unwrap_err();
        assert_eq!(e.offset, "Đầu\n\n".len(), "points at the raw HTML");
        assert!(e.message.vi.contains("quá sâu"), "{}", e.message.vi);
        let e = super::render(&format!("{}\n\n<b>x</b>", ">".repeat(1_000))).unwrap_err();
        assert!(e.message.en.contains("nests too deeply"));
        assert!(super::render(&format!("{} x\n", ">".repeat(1_000))).is_ok());
        // Tags the parser closes itself do not nest.
        assert!(super::render(&"<p>a\n".repeat(1_000)).is_ok());
        assert!(super::render(&format!("<ul>{}</ul>", "<li>a".repeat(1_000))).is_ok());
        assert!(super::render(&"<div>a</div>\n\n".repeat(1_000)).is_ok());
        let e = super::render(&format!("<div {}>x</div>", "a=1 ".repeat(100))).unwrap_err();
        assert!(
            e.message.vi.contains("quá nhiều thuộc tính"),
            "{}",
            e.message.vi
        );
    }

    #[test]
    fn highlighting_is_bounded() {
        let big = format!("```rust\n{}```\n", "fn main() {}\n".repeat(10_000));
        let r = render(&big);
        assert!(!r.has_code, "too big to highlight");
        assert!(r.html.starts_with("<pre><code>fn main() {}"));
    }
}
