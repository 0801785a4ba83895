//! The theme: templates, strings and static assets. The default theme is embedded in the
//! binary; a site's `themes/<name>/` and `templates/` folders override it file by file.

use crate::error::{Error, Result};
use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::Path;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme's files, keyed by path relative to the theme folder (`templates/base.html`).
#[derive(Debug, Default, Clone)]
pub struct Theme {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The embedded default theme, overlaid with the site's own theme folder and templates.
    pub fn load(site_root: &Path, theme_name: &str) -> Result<Theme> {
        let mut theme = Theme::default();
        add_embedded(&DEFAULT_THEME, &mut theme.files);
        let own = site_root.join("themes").join(theme_name);
        if own.is_dir() {
            overlay(&own, "", &mut theme.files)?;
        } else if theme_name != "default" {
            return Err(Error::usage(
                format!(
                    "không có giao diện “{theme_name}”: thiếu thư mục {}",
                    own.display()
                ),
                format!(
                    "theme \"{theme_name}\" not found: there is no folder {}",
                    own.display()
                ),
            ));
        }
        let templates = site_root.join("templates");
        if templates.is_dir() {
            overlay(&templates, "templates/", &mut theme.files)?;
        }
        Ok(theme)
    }

    /// Templates as (name, source) where name is relative to `templates/`.
    pub(crate) fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("templates/").map(|n| (n, v.as_slice())))
    }

    /// Static files as (output path, bytes).
    pub(crate) fn statics(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("static/").map(|n| (n, v.as_slice())))
    }

    /// The interface strings for a language (`strings/vi.toml`).
    pub fn strings(&self, language: &str) -> Result<toml::Table> {
        let name = format!("strings/{language}.toml");
        let bytes = self.files.get(&name).ok_or_else(|| {
            Error::usage(
                format!("giao diện thiếu tệp {name}"),
                format!("the theme has no {name}"),
            )
        })?;
        let text = String::from_utf8_lossy(bytes);
        toml::from_str(&text).map_err(|e| {
            Error::usage(
                format!("giao diện, tệp {name}: {e}"),
                format!("theme {name}: {e}"),
            )
        })
    }
}

fn add_embedded(dir: &Dir<'static>, out: &mut BTreeMap<String, Vec<u8>>) {
    for f in dir.files() {
        out.insert(
            f.path().to_string_lossy().replace('\\', "/"),
            f.contents().to_vec(),
        );
    }
    for d in dir.dirs() {
        add_embedded(d, out);
    }
}

fn overlay(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) -> Result<()> {
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Error::usage(
                format!("không đọc được {}: {e}", dir.display()),
                format!("cannot read {}: {e}", dir.display()),
            )
        })?;
        if !entry.file_type().is_file() || crate::load::is_ignored(entry.path()) {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let key = format!("{prefix}{}", rel.to_string_lossy().replace('\\', "/"));
        let bytes = std::fs::read(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        out.insert(key, bytes);
    }
    Ok(())
}
