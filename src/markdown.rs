//! Markdown bodies to safe HTML: CommonMark with tables, footnotes, strikethrough, task
//! lists and heading anchors; fenced code highlighted by syntect (loaded only when needed);
//! raw HTML sanitised by ammonia; `javascript:` and similar links neutralised.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Prefix of the CSS classes syntect writes.
pub const HIGHLIGHT_PREFIX: &str = "hl-";
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
pub fn highlight_css() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let theme = &themes.themes["InspiredGitHub"];
    syntect::html::css_for_theme_with_class_style(theme, CLASS_STYLE).unwrap_or_default()
}

/// Renders a Markdown body. Headings get ids made from their text; a body that uses `#`
/// headings is shifted down one level so the page title stays the only `<h1>`.
pub fn render(src: &str) -> Rendered {
    if src.trim().is_empty() {
        return Rendered::default();
    }
    let events: Vec<Event> = Parser::new_ext(src, options()).collect();
    let min_level = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let shift = 2usize.saturating_sub(min_level);

    let mut raw_html = false;
    let mut has_code = false;
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                // Gather the heading's text to make its anchor.
                let mut text = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j] {
                        text.push_str(t);
                    }
                    j += 1;
                }
                let base = match id {
                    Some(id) => crate::text::slugify(id),
                    None => crate::text::slugify(&text),
                };
                let base = if base.is_empty() {
                    "muc".to_string()
                } else {
                    base
                };
                let mut anchor = base.clone();
                let mut n = 1;
                while !used_ids.insert(anchor.clone()) {
                    anchor = format!("{base}-{n}");
                    n += 1;
                }
                let level = shift_level(*level, shift);
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(anchor)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
                i += 1;
            }
            Event::End(TagEnd::Heading(level)) => {
                out.push(Event::End(TagEnd::Heading(shift_level(*level, shift))));
                i += 1;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j], Event::End(TagEnd::CodeBlock)) {
                    if let Event::Text(t) = &events[j] {
                        code.push_str(t);
                    }
                    j += 1;
                }
                let html = if lang.is_empty() {
                    format!("<pre><code>{}</code></pre>\n", escape(&code))
                } else {
                    has_code = true;
                    highlight(&code, &lang)
                };
                out.push(Event::Html(CowStr::from(html)));
                i = j + 1;
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                raw_html = true;
                out.push(events[i].clone());
                i += 1;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: safe_url(dest_url),
                    title: title.clone(),
                    id: id.clone(),
                }));
                i += 1;
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: safe_url(dest_url),
                    title: title.clone(),
                    id: id.clone(),
                }));
                i += 1;
            }
            other => {
                out.push(other.clone());
                i += 1;
            }
        }
    }
    let mut html = String::with_capacity(src.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    if raw_html {
        html = sanitizer().clean(&html).to_string();
    }
    Rendered {
        html: html.into(),
        has_code,
    }
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

/// Replaces script-bearing URL schemes by `#`.
fn safe_url<'a>(url: &CowStr<'a>) -> CowStr<'a> {
    let squashed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    if ["javascript:", "vbscript:", "data:", "file:"]
        .iter()
        .any(|s| squashed.starts_with(s))
    {
        CowStr::from("#")
    } else {
        url.clone()
    }
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
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .link_rel(Some("noopener noreferrer"));
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
