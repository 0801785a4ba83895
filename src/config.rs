//! `site.toml`: serde types as written, turned into checked [`Settings`].

use crate::error::{msg, Diagnostic, Diagnostics};
use crate::model::Subject;
use crate::source::line_col;
use crate::text;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;

const DEFAULTS: &str = include_str!("defaults.toml");

/// A named entry of a vocabulary (a field, a level).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub slug: String,
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// A body that may issue decisions (Chủ tịch UBND xã...).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub slug: String,
    pub label: String,
    pub level: String,
}

/// Whether a form is an emulation title or a form of commendation.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
pub enum FormKind {
    #[serde(rename = "danh-hieu", alias = "title")]
    Title,
    #[serde(rename = "hinh-thuc", alias = "form")]
    Form,
}

/// A form of commendation or an emulation title.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Form {
    pub slug: String,
    pub label: String,
    pub kind: FormKind,
    /// Who may receive it; empty means anyone.
    #[serde(default)]
    pub subjects: Vec<Subject>,
    /// Level slugs that may grant it; empty means any.
    #[serde(default)]
    pub levels: Vec<String>,
    /// Reward coefficient times the base salary.
    #[serde(default)]
    pub coefficient: Option<f64>,
}

/// Output section paths, Vietnamese by default.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Paths {
    pub plans: String,
    pub movements: String,
    pub people: String,
    pub awards: String,
    pub notices: String,
    pub years: String,
    pub fields: String,
    pub forms: String,
    pub units: String,
    pub honour_roll: String,
    pub data: String,
    pub stats: String,
    pub search: String,
}

impl Default for Paths {
    fn default() -> Self {
        Paths {
            plans: "ke-hoach".into(),
            movements: "phong-trao".into(),
            people: "guong-dien-hinh".into(),
            awards: "khen-thuong".into(),
            notices: "cong-khai".into(),
            years: "nam".into(),
            fields: "linh-vuc".into(),
            forms: "hinh-thuc".into(),
            units: "don-vi".into(),
            honour_roll: "bang-vang".into(),
            data: "du-lieu".into(),
            stats: "thong-ke".into(),
            search: "tim-kiem".into(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    commune: String,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    description: Option<String>,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    paths: Paths,
    #[serde(default = "default_page_size")]
    page_size: usize,
    #[serde(default)]
    fields: Option<Vec<Term>>,
    #[serde(default)]
    levels: Option<Vec<Term>>,
    #[serde(default)]
    forms: Option<Vec<Form>>,
    #[serde(default)]
    bodies: Vec<Body>,
    /// Personal data `site.toml` may publish (a public office's `phone`, `email`).
    #[serde(default)]
    allow: Vec<String>,
    /// Units with their other spellings and history (`[[units]]`, see `units.rs`).
    #[serde(default)]
    units: Vec<crate::units::UnitDecl>,
}

fn default_language() -> String {
    "vi".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_page_size() -> usize {
    100
}

#[derive(Deserialize)]
struct Defaults {
    fields: Vec<Term>,
    levels: Vec<Term>,
    forms: Vec<Form>,
}

/// The site's checked configuration.
#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub title: String,
    pub commune: String,
    pub location: Option<String>,
    pub description: Option<String>,
    /// Without a trailing slash.
    pub base_url: String,
    pub language: String,
    pub theme: String,
    pub paths: Paths,
    pub page_size: usize,
    pub fields: Vec<Term>,
    pub levels: Vec<Term>,
    pub forms: Vec<Form>,
    pub bodies: Vec<Body>,
    /// `[[units]]` as written.
    pub units: Vec<crate::units::UnitDecl>,
    /// `[[units]]` checked: where each declared name belongs.
    #[serde(skip)]
    pub unit_book: crate::units::Book,
    #[serde(skip)]
    pub field_ix: HashMap<String, usize>,
    #[serde(skip)]
    pub level_ix: HashMap<String, usize>,
    #[serde(skip)]
    pub form_ix: HashMap<String, usize>,
    #[serde(skip)]
    pub body_ix: HashMap<String, usize>,
}

impl Settings {
    /// Reads and checks `site.toml`; `rel` is the path shown in messages.
    pub fn load(path: &Path, rel: &Path) -> Result<Settings, Vec<Diagnostic>> {
        let bytes = std::fs::read(path).map_err(|e| {
            vec![Diagnostic::error(
                "no-config",
                rel,
                0,
                msg(format!("không đọc được tệp cấu hình: {e}"), format!("cannot read the site configuration: {e}")),
            )
            .with_hint(msg(
                "chạy vinhdanh trong thư mục của trang (có site.toml và content/), hoặc dùng --root THƯ_MỤC",
                "run vinhdanh in the site folder (the one holding site.toml and content/), or pass --root DIR",
            ))]
        })?;
        let text = crate::source::decode(rel, bytes).map_err(|d| vec![d])?;
        Settings::parse(&text, rel)
    }

    pub fn parse(text: &str, rel: &Path) -> Result<Settings, Vec<Diagnostic>> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 0));
            vec![crate::source::serde_diagnostic(
                rel,
                line,
                e.message().trim(),
                crate::source::Format::Toml,
            )
            .at(col, 0)]
        })?;
        let defaults: Defaults = toml::from_str(DEFAULTS).expect("built-in defaults.toml is valid");
        let raw_base_url = raw.base_url.clone();
        // Its title, description and labels are published: the privacy guard reads them.
        let mut diags = Diagnostics::default();
        diags.extend(crate::privacy::check_allow(&raw.allow, rel, text));
        diags.extend(crate::privacy::scan_config(text, rel, &raw.allow));
        let mut s = Settings {
            title: raw.title,
            commune: raw.commune,
            location: raw.location,
            description: raw.description,
            base_url: raw.base_url.trim_end_matches('/').to_string(),
            language: raw.language,
            theme: raw.theme,
            paths: raw.paths,
            page_size: raw.page_size.max(1),
            fields: raw.fields.unwrap_or(defaults.fields),
            levels: raw.levels.unwrap_or(defaults.levels),
            forms: raw.forms.unwrap_or(defaults.forms),
            bodies: raw.bodies,
            units: raw.units,
            unit_book: crate::units::Book::default(),
            field_ix: HashMap::new(),
            level_ix: HashMap::new(),
            form_ix: HashMap::new(),
            body_ix: HashMap::new(),
        };
        let line_of = |needle: &str| {
            text.lines()
                .position(|l| l.contains(&format!("\"{needle}\"")))
                .map(|i| i + 1)
                .unwrap_or(0)
        };
        // The line of `key = "value"`, or else of the value alone.
        let line_of_key = |key: &str, value: &str| {
            text.lines()
                .position(|l| {
                    l.trim_start().starts_with(key) && l.contains(&format!("\"{value}\""))
                })
                .or_else(|| {
                    text.lines().position(|l| {
                        l.trim_start()
                            .strip_prefix(key)
                            .is_some_and(|rest| rest.trim_start().starts_with('='))
                    })
                })
                .map(|i| i + 1)
                .unwrap_or_else(|| line_of(value))
        };
        if let Err(why) = check_base_url(&s.base_url) {
            diags.push(
                Diagnostic::error(
                    "bad-value",
                    rel,
                    line_of_key("base_url", raw_base_url.as_str()),
                    msg(
                        format!("base_url = “{raw_base_url}” không dùng được: {}", why.vi),
                        format!("base_url = \"{raw_base_url}\" cannot be used: {}", why.en),
                    ),
                )
                .with_hint(msg(
                    "ghi địa chỉ đầy đủ của website, bắt đầu bằng https:// hoặc http://, ví dụ base_url = \"https://tanviet.thanhha.haiduong.gov.vn\"",
                    "write the site's full address starting with https:// or http://, for example base_url = \"https://example.gov.vn\"",
                )),
            );
        }
        if !matches!(s.language.as_str(), "vi" | "en") {
            diags.push(
                Diagnostic::error(
                    "unknown-language",
                    rel,
                    line_of(&s.language),
                    msg(
                        format!("ngôn ngữ “{}” không được hỗ trợ", s.language),
                        format!("unknown language \"{}\"", s.language),
                    ),
                )
                .with_hint(msg(
                    "viết language = \"vi\" hoặc language = \"en\"",
                    "use language = \"vi\" or language = \"en\"",
                )),
            );
        }
        s.field_ix = index_slugs(
            s.fields.iter().map(|t| t.slug.as_str()),
            "field",
            rel,
            &line_of,
            &mut diags,
        );
        s.level_ix = index_slugs(
            s.levels.iter().map(|t| t.slug.as_str()),
            "level",
            rel,
            &line_of,
            &mut diags,
        );
        s.form_ix = index_slugs(
            s.forms.iter().map(|t| t.slug.as_str()),
            "form",
            rel,
            &line_of,
            &mut diags,
        );
        s.body_ix = index_slugs(
            s.bodies.iter().map(|t| t.slug.as_str()),
            "body",
            rel,
            &line_of,
            &mut diags,
        );
        for body in &s.bodies {
            if !s.level_ix.contains_key(&body.level) {
                diags.push(
                    Diagnostic::error(
                        "unknown-reference",
                        rel,
                        line_of(&body.level),
                        msg(
                            format!(
                                "cơ quan “{}” có cấp không tồn tại “{}”",
                                body.slug, body.level
                            ),
                            format!(
                                "body \"{}\" has unknown level \"{}\"",
                                body.slug, body.level
                            ),
                        ),
                    )
                    .with_hint(text::did_you_mean(
                        &body.level,
                        s.levels.iter().map(|l| l.slug.as_str()),
                    )),
                );
            }
        }
        for form in &s.forms {
            for level in &form.levels {
                if !s.level_ix.contains_key(level) {
                    diags.push(
                        Diagnostic::error(
                            "unknown-reference",
                            rel,
                            line_of(level),
                            msg(
                                format!(
                                    "hình thức “{}” ghi cấp không tồn tại “{level}”",
                                    form.slug
                                ),
                                format!("form \"{}\" names unknown level \"{level}\"", form.slug),
                            ),
                        )
                        .with_hint(text::did_you_mean(
                            level,
                            s.levels.iter().map(|l| l.slug.as_str()),
                        )),
                    );
                }
            }
        }
        let mut section_of: HashMap<&str, &str> = HashMap::new();
        for (name, value) in [
            ("plans", &s.paths.plans),
            ("movements", &s.paths.movements),
            ("people", &s.paths.people),
            ("awards", &s.paths.awards),
            ("notices", &s.paths.notices),
            ("years", &s.paths.years),
            ("fields", &s.paths.fields),
            ("forms", &s.paths.forms),
            ("units", &s.paths.units),
            ("honour_roll", &s.paths.honour_roll),
            ("data", &s.paths.data),
            ("stats", &s.paths.stats),
            ("search", &s.paths.search),
        ] {
            // Two sections at one address would write their pages over each other.
            if let Some(first) = section_of.insert(value.as_str(), name) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-slug",
                        rel,
                        line_of_key(name, value),
                        msg(
                            format!("paths.{name} và paths.{first} cùng là “{value}”: trang của hai mục sẽ ghi đè lên nhau"),
                            format!("paths.{name} and paths.{first} are both \"{value}\": the pages of the two sections would overwrite each other"),
                        ),
                    )
                    .with_hint(msg(
                        format!("đặt cho paths.{name} một đường dẫn khác mọi mục còn lại"),
                        format!("give paths.{name} an address no other section uses"),
                    )),
                );
            }
            if ["assets", "static", "404"].contains(&value.as_str()) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-slug",
                        rel,
                        line_of_key(name, value),
                        msg(
                            format!("paths.{name} = “{value}” trùng với thư mục riêng của website"),
                            format!(
                                "paths.{name} = \"{value}\" is an address the site itself uses"
                            ),
                        ),
                    )
                    .with_hint(msg("chọn một đường dẫn khác", "choose another address")),
                );
            }
            if value.len() > text::MAX_SLUG || value.is_empty() || text::slugify(value) != *value {
                diags.push(
                    Diagnostic::error(
                        "bad-slug",
                        rel,
                        line_of(value),
                        msg(
                            format!("paths.{name} = “{value}” không phải đường dẫn hợp lệ"),
                            format!("paths.{name} = \"{value}\" is not a URL slug"),
                        ),
                    )
                    .with_hint(text::slug_hint(&text::slugify(value))),
                );
            }
        }
        s.unit_book = crate::units::check(&s.units, text, rel, &mut diags);
        if diags.has_errors() {
            return Err(diags.sorted());
        }
        Ok(s)
    }

    pub fn field(&self, slug: &str) -> Option<&Term> {
        self.field_ix.get(slug).map(|&i| &self.fields[i])
    }
    pub fn level(&self, slug: &str) -> Option<&Term> {
        self.level_ix.get(slug).map(|&i| &self.levels[i])
    }
    pub fn form(&self, slug: &str) -> Option<&Form> {
        self.form_ix.get(slug).map(|&i| &self.forms[i])
    }
    pub fn body(&self, slug: &str) -> Option<&Body> {
        self.body_ix.get(slug).map(|&i| &self.bodies[i])
    }
}

/// Whether `base_url` is an absolute `http` or `https` address of a site: it is written
/// into every page's canonical link, the feeds and the sitemap.
fn check_base_url(base_url: &str) -> Result<(), crate::error::Msg> {
    let url = url::Url::parse(base_url).map_err(|e| {
        msg(
            format!("không phải địa chỉ web ({e})"),
            format!("not a web address ({e})"),
        )
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(msg(
            format!(
                "địa chỉ phải bắt đầu bằng https:// hoặc http://, không phải {}:",
                url.scheme()
            ),
            format!(
                "it must start with https:// or http://, not {}:",
                url.scheme()
            ),
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(msg("thiếu tên máy chủ", "the host name is missing"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(msg(
            "địa chỉ không được chứa tên đăng nhập hay mật khẩu",
            "it must not hold a user name or password",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(msg(
            "địa chỉ không được có phần ? hay #",
            "it must not have a ? or # part",
        ));
    }
    if base_url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`".contains(c))
    {
        return Err(msg(
            "địa chỉ có dấu cách hoặc ký tự không được phép",
            "it holds a space or a character that is not allowed",
        ));
    }
    Ok(())
}

fn index_slugs<'a>(
    slugs: impl Iterator<Item = &'a str>,
    what: &str,
    rel: &Path,
    line_of: &dyn Fn(&str) -> usize,
    diags: &mut Diagnostics,
) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, slug) in slugs.enumerate() {
        if slug.len() > text::MAX_SLUG {
            diags.push(
                Diagnostic::error(
                    "slug-too-long",
                    rel,
                    line_of(slug),
                    msg(
                        format!("“{slug}” ({what}) dài quá {} ký tự", text::MAX_SLUG),
                        format!(
                            "{what} slug \"{slug}\" is over {} characters",
                            text::MAX_SLUG
                        ),
                    ),
                )
                .with_hint(msg("chọn đường dẫn ngắn hơn", "choose a shorter slug")),
            );
        }
        if text::slugify(slug) != slug {
            diags.push(
                Diagnostic::error(
                    "bad-slug",
                    rel,
                    line_of(slug),
                    msg(
                        format!("“{slug}” ({what}) không phải đường dẫn hợp lệ"),
                        format!("{what} slug \"{slug}\" is not a URL slug"),
                    ),
                )
                .with_hint(text::slug_hint(&text::slugify(slug))),
            );
        }
        if map.insert(slug.to_string(), i).is_some() {
            diags.push(
                Diagnostic::error(
                    "duplicate-slug",
                    rel,
                    line_of(slug),
                    msg(
                        format!("“{slug}” ({what}) được khai báo hai lần"),
                        format!("{what} \"{slug}\" is declared twice"),
                    ),
                )
                .with_hint(msg(
                    "mỗi mục cần một slug riêng",
                    "give each entry its own slug",
                )),
            );
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: &str = "title = \"T\"\ncommune = \"Xã A\"\nbase_url = \"https://x.example/\"\n";

    #[test]
    fn defaults_fill_vocabularies() {
        let s = Settings::parse(MIN, Path::new("site.toml")).unwrap();
        assert_eq!(s.fields.len(), 13);
        assert_eq!(
            s.field("giao-duc").unwrap().label,
            "Giáo dục – đào tạo, khuyến học"
        );
        assert_eq!(s.base_url, "https://x.example");
        assert_eq!(s.paths.people, "guong-dien-hinh");
        assert!(s
            .form("gia-dinh-van-hoa")
            .unwrap()
            .levels
            .contains(&"xa".to_string()));
    }

    #[test]
    fn bad_body_level_is_reported_with_line() {
        let text =
            format!("{MIN}[[bodies]]\nslug = \"ubnd-xa\"\nlabel = \"UBND\"\nlevel = \"xaa\"\n");
        let e = Settings::parse(&text, Path::new("site.toml")).unwrap_err();
        assert_eq!(e[0].line, 7);
        assert!(e[0].hint.as_ref().unwrap().en.contains("\"xa\""));
    }

    #[test]
    fn path_overrides_must_be_slugs() {
        let text = format!("{MIN}[paths]\npeople = \"../../etc\"\n");
        let e = Settings::parse(&text, Path::new("site.toml")).unwrap_err();
        assert_eq!(e[0].code, "bad-slug");
        assert_eq!(e[0].line, 5);
    }

    #[test]
    fn syntax_error_has_line() {
        let e = Settings::parse("title = \"T\"\ncommune = \n", Path::new("site.toml")).unwrap_err();
        assert_eq!(e[0].line, 2);
    }
}
