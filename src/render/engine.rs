//! The template engine: a minijinja environment for a theme, and the HTML escaping its
//! formatter does.

use crate::error::{Error, Result};
use crate::theme::Theme;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};

/// Builds the template environment from a theme.
pub(crate) fn environment(theme: &Theme) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Chainable);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".svg") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(html_formatter);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
            .expect("default delimiters are valid"),
    );
    for (name, src) in theme.templates() {
        let src = String::from_utf8_lossy(src).into_owned();
        env.add_template_owned(name.to_string(), src)
            .map_err(|e| Error::template(name, &e))?;
    }
    Ok(env)
}

/// A value as `{{ v }}` prints it in an HTML template (the built-in components use this
/// for what is neither text nor an integer).
pub(crate) fn print(v: &Value) -> String {
    static ENV: std::sync::OnceLock<Environment<'static>> = std::sync::OnceLock::new();
    let env = ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Chainable);
        env.set_formatter(html_formatter);
        env.add_template("value.html", "{{ v }}")
            .expect("a one-variable template parses");
        env
    });
    env.get_template("value.html")
        .and_then(|t| t.render(minijinja::context! { v => v.clone() }))
        .unwrap_or_default()
}

/// The bytes HTML text escapes.
const ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'&' as usize] = true;
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t
};

/// Writes `s` escaped for HTML like minijinja does, but leaves `/` alone so URLs stay
/// readable (`&#x2f;` in every link would only make pages heavier).
pub(super) fn escape_into<W: std::fmt::Write>(out: &mut W, s: &str) -> std::fmt::Result {
    // One pass over the bytes; the escaped characters are all ASCII, so every cut falls on
    // a character boundary.
    let bytes = s.as_bytes();
    // Most text has nothing to escape: one scan, one write.
    let Some(first) = bytes.iter().position(|b| ESCAPED[*b as usize]) else {
        return out.write_str(s);
    };
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate().skip(first) {
        let entity = match b {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&s[start..i])?;
        out.write_str(entity)?;
        start = i + 1;
    }
    out.write_str(&s[start..])
}

/// The template formatter: text escaped by [`escape_into`], trusted HTML and numbers
/// written as they are.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> std::result::Result<(), minijinja::Error> {
    if matches!(state.auto_escape(), AutoEscape::Html) && !value.is_safe() {
        if let Some(s) = value.as_str() {
            return escape_into(out, s).map_err(Into::into);
        }
    }
    // Trusted HTML (cached cells and cards, the header, record bodies) and numbers are
    // written as they are, without going through `Display`.
    if value.is_safe() {
        if let Some(s) = value.as_str() {
            return out.write_str(s).map_err(Into::into);
        }
    }
    if value.is_integer() {
        if let Some(n) = value.as_i64() {
            return out
                .write_str(itoa::Buffer::new().format(n))
                .map_err(Into::into);
        }
    }
    minijinja::escape_formatter(out, state, value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::context;

    #[test]
    fn autoescape_keeps_slashes_and_escapes_markup() {
        let mut theme = Theme::default();
        theme.files.insert(
            "templates/x.html".into(),
            b"<a href=\"{{ u }}\">{{ t }}</a>".to_vec(),
        );
        let env = environment(&theme).unwrap();
        let html = env
            .get_template("x.html")
            .unwrap()
            .render(context! { u => "/khen-thuong/45/", t => "<script>\"x\" & 'y'" })
            .unwrap();
        assert_eq!(
            html,
            "<a href=\"/khen-thuong/45/\">&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;</a>"
        );
    }
}
