//! Checks across records and files: grants of forms by levels, attached files, duplicate slugs, one decision entered twice.

use super::*;

/// One recipient's grant, as a decision states it.
pub(super) struct Grant<'a> {
    pub form: FormId,
    /// The form as written (a slug, or a label accepted for it), to point at.
    pub written: &'a str,
    pub level: LevelId,
    pub issuer: Option<BodyId>,
    pub date: crate::date::Date,
    pub subject: crate::model::Subject,
    pub name: &'a str,
}

/// Warns when the issuer may not grant a form, or a form is not for this kind of recipient,
/// according to `site.toml`: the issuing body's `grants` when it has them, else what its
/// level may grant under the rules of the decision's date (before 1 July 2025 `levels`,
/// from then `levels_from_2025`).
pub(super) fn check_grant(
    diags: &mut Diagnostics,
    settings: &Settings,
    src: &SourceFile,
    g: &Grant<'_>,
) {
    let f = &settings[g.form];
    let lv = &settings[g.level];
    let body = g.issuer.map(|b| &settings[b]);
    let body_grants = body.and_then(|b| b.grants.as_ref().map(|list| (b, list)));
    let rule = f.grant_levels(g.date);
    let grantable = match (body_grants, &rule) {
        (Some((_, list)), _) => list.contains(&f.slug),
        (None, None) => true,
        (None, Some(levels)) => levels.contains(&lv.slug.as_str()),
    };
    let for_subject = f.subjects.is_empty() || f.subjects.contains(&g.subject);
    if grantable && for_subject {
        return;
    }
    let (line, col, len) = src.span_of_value(g.written);
    let name = g.name;
    if !grantable {
        let period = if g.date.first_day() >= crate::config::TWO_TIER_FROM {
            msg("từ ngày 01/7/2025", "from 1 July 2025")
        } else if crate::config::last_day(g.date) < crate::config::TWO_TIER_FROM {
            msg("trước ngày 01/7/2025", "before 1 July 2025")
        } else {
            msg("năm 2025", "in 2025")
        };
        let (message, hint) = match body_grants {
            Some((b, list)) => {
                let labels: Vec<String> = list
                    .iter()
                    .filter_map(|s| settings.form(s).map(|f| format!("\"{s}\" ({})", f.label)))
                    .collect();
                (
                    msg(
                        format!(
                            "{} không có thẩm quyền tặng “{}” (cho {name}) theo grants trong site.toml",
                            b.label, f.label
                        ),
                        format!(
                            "body \"{}\" may not grant \"{}\" (to {name}) according to its grants in site.toml",
                            b.slug, f.slug
                        ),
                    ),
                    msg(
                        format!(
                            "{} chỉ tặng: {}; kiểm tra issuer và form, hoặc thêm “{}” vào grants của cơ quan",
                            b.label,
                            if labels.is_empty() { "(không hình thức nào)".to_string() } else { labels.join(", ") },
                            f.slug
                        ),
                        format!(
                            "it grants only: {}; check issuer and form, or add \"{}\" to the body's grants",
                            list.join(", "),
                            f.slug
                        ),
                    ),
                )
            }
            None => {
                let levels: Vec<&str> = rule.unwrap_or_default();
                let labels: Vec<String> = levels
                    .iter()
                    .filter_map(|l| settings.level(l).map(|t| format!("\"{l}\" ({})", t.label)))
                    .collect();
                let labels = if labels.is_empty() {
                    "(không cấp nào)".to_string()
                } else {
                    labels.join(", ")
                };
                (
                    msg(
                        format!(
                            "cấp {} không có thẩm quyền tặng “{}” (cho {name}) {} theo site.toml",
                            lv.label, f.label, period.vi
                        ),
                        format!(
                            "level \"{}\" may not grant \"{}\" (to {name}) {} according to site.toml",
                            lv.slug, f.slug, period.en
                        ),
                    ),
                    msg(
                        format!(
                            "cấp được tặng “{}” {}: {labels}; kiểm tra ngày, issuer, level và form",
                            f.label, period.vi
                        ),
                        format!(
                            "levels that grant it {}: {}; check date, issuer, level and form",
                            period.en,
                            levels.join(", ")
                        ),
                    ),
                )
            }
        };
        diags.push(
            Diagnostic::warning("form-not-grantable", &src.path, line, message)
                .at(col, len)
                .with_hint(hint),
        );
    }
    if !for_subject {
        let allowed: Vec<&str> = f.subjects.iter().map(|s| s.key()).collect();
        diags.push(
            Diagnostic::warning(
                "form-wrong-subject",
                &src.path,
                line,
                msg(
                    format!(
                        "“{}” không dành cho đối tượng {} ({name})",
                        f.label,
                        g.subject.key()
                    ),
                    format!(
                        "\"{}\" is not for a recipient of kind {} ({name})",
                        f.slug,
                        g.subject.key()
                    ),
                ),
            )
            .at(col, len)
            .with_hint(msg(
                format!("đối tượng được nhận: {}", allowed.join(", ")),
                format!("it is for: {}", allowed.join(", ")),
            )),
        );
    }
}

/// A decision must be dated within its issuing body's period (`from`, `until` in
/// `site.toml`) and its level's (the district level ends on 30 June 2025): an error at the
/// `date` line otherwise.
pub(super) fn check_in_office(
    diags: &mut Diagnostics,
    settings: &Settings,
    src: &SourceFile,
    issuer: BodyId,
    level: LevelId,
    date: crate::date::Date,
) {
    use crate::config::outside_period;
    let span = |from: Option<crate::date::Date>, until: Option<crate::date::Date>| {
        (
            format!(
                "{} – {}",
                from.map_or("…".into(), |d| d.vietnamese()),
                until.map_or("nay".into(), |d| d.vietnamese())
            ),
            format!(
                "{} – {}",
                from.map_or("…".into(), |d| d.iso()),
                until.map_or("now".into(), |d| d.iso())
            ),
        )
    };
    let b = &settings[issuer];
    let lv = &settings[level];
    let line = src.line_of_key("date");
    if outside_period(date, b.from, b.until) {
        let (vi, en) = span(b.from, b.until);
        diags.push(
            Diagnostic::error(
                "outside-body-period",
                &src.path,
                line,
                msg(
                    format!(
                        "quyết định ngày {} nằm ngoài thời gian {} ban hành quyết định ({vi}) theo site.toml",
                        date.vietnamese(),
                        b.label
                    ),
                    format!(
                        "the decision dated {date} falls outside the period of its issuer \"{}\" ({en}) in site.toml",
                        b.slug
                    ),
                ),
            )
            .with_hint(msg(
                format!(
                    "kiểm tra ngày (date) và cơ quan ban hành (issuer = \"{}\"); cơ quan đã thay đổi (ví dụ sau sắp xếp đơn vị hành chính ngày 01/7/2025) thì khai báo cơ quan mới trong site.toml với from = ... và ghi issuer là slug của cơ quan đó",
                    b.slug
                ),
                format!(
                    "check the date and the issuer (issuer = \"{}\"); when the body changed (as in the reform of 1 July 2025), declare the new body in site.toml with from = ... and name it in issuer",
                    b.slug
                ),
            )),
        );
    } else if outside_period(date, lv.from, lv.until) {
        let (vi, en) = span(lv.from, lv.until);
        diags.push(
            Diagnostic::error(
                "outside-level-period",
                &src.path,
                line,
                msg(
                    format!(
                        "quyết định ngày {} do cấp {} ban hành, nhưng cấp này chỉ có trong thời gian {vi}",
                        date.vietnamese(),
                        lv.label
                    ),
                    format!(
                        "the decision dated {date} is issued at level \"{}\", which exists only {en}",
                        lv.slug
                    ),
                ),
            )
            .with_hint(msg(
                "từ ngày 01/7/2025 không còn cấp huyện: quyết định do cơ quan cấp xã hoặc cấp tỉnh ban hành; kiểm tra ngày (date), cơ quan (issuer) và cấp (level)",
                "from 1 July 2025 there is no district level: decisions come from commune or province bodies; check date, issuer and level",
            )),
        );
    }
}

/// Size and SHA-256 of a file.
pub(super) fn file_facts(path: &std::path::Path) -> Option<(u64, String)> {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(path).ok()?;
    let digest = Sha256::digest(&bytes);
    Some((
        bytes.len() as u64,
        digest.iter().map(|b| format!("{b:02x}")).collect(),
    ))
}

/// A photo or attachment is a site path under `static/` that exists and stays inside it.
/// Returns whether it is fine.
pub(super) fn check_asset(
    diags: &mut Diagnostics,
    root: &std::path::Path,
    src: &SourceFile,
    key: &str,
    value: &str,
) -> bool {
    let (line, col, len) = src.span_of_value(value);
    let bad = |vi: String, en: String| {
        Diagnostic::error("path-escapes", &src.path, line, msg(vi, en)).at(col, len).with_hint(msg(
            format!("đặt tệp trong thư mục static/ và ghi {key} = \"/thu-muc/ten-tep\" (bắt đầu bằng /, không có ..)"),
            format!("put the file under static/ and write {key} = \"/folder/file-name\" (starting with /, without ..)"),
        ))
    };
    let rel = value.trim_start_matches('/');
    let escapes = !value.starts_with('/')
        || value.contains('\\')
        || value.contains("://")
        || std::path::Path::new(rel)
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)));
    if escapes {
        diags.push(bad(
            format!("đường dẫn {key} “{value}” không hợp lệ hoặc ra ngoài thư mục static/"),
            format!("{key} path \"{value}\" is invalid or leaves the static/ folder"),
        ));
        return false;
    }
    let static_dir = root.join("static");
    let full = static_dir.join(rel);
    match (full.canonicalize(), static_dir.canonicalize()) {
        (Ok(target), Ok(base)) if target.starts_with(&base) && target.is_file() => return true,
        (Ok(_), Ok(_)) => diags.push(bad(
            format!("{key} “{value}” trỏ ra ngoài thư mục static/"),
            format!("{key} \"{value}\" points outside the static/ folder"),
        )),
        _ => diags.push(
            Diagnostic::error(
                "missing-file",
                &src.path,
                line,
                msg(
                    format!("không tìm thấy tệp static{value}"),
                    format!("file static{value} not found"),
                ),
            )
            .at(col, len)
            .with_hint(msg(
                format!("chép tệp vào static{value}, hoặc sửa lại khóa {key}"),
                format!("copy the file to static{value}, or correct {key}"),
            )),
        ),
    }
    false
}

/// A photo that [`check_asset`] found is a picture the site can publish (see `photo.rs`):
/// the checked photo, or `None` with an error at the line of `photo`.
pub(super) fn check_photo(
    diags: &mut Diagnostics,
    root: &std::path::Path,
    src: &SourceFile,
    value: &str,
) -> Option<crate::photo::Photo> {
    let (line, col, len) = src.span_of_value(value);
    let full = root.join("static").join(value.trim_start_matches('/'));
    match crate::photo::probe(&full, &format!("static{value}")) {
        Ok(p) => Some(crate::photo::Photo {
            src: value.to_string(),
            line,
            format: p.format,
            hash: p.hash,
            width: p.width,
            height: p.height,
        }),
        Err(problem) => {
            diags.push(
                Diagnostic::error(problem.code, &src.path, line, problem.message)
                    .at(col, len)
                    .with_hint(problem.hint),
            );
            None
        }
    }
}

pub(super) fn check_duplicate_slugs(
    settings: &Settings,
    loaded: &[&Loaded],
    diags: &mut Diagnostics,
) {
    let mut seen: HashMap<(Kind, &str), &Loaded> = HashMap::new();
    for &l in loaded {
        if let Some(first) = seen.insert((l.kind, l.slug.as_str()), l) {
            diags.push(
                Diagnostic::error(
                    "duplicate-slug",
                    &l.source.path,
                    1,
                    msg(
                        format!(
                            "hai hồ sơ cùng đường dẫn “{}”: tệp này và {}",
                            l.slug,
                            first.source.path.display()
                        ),
                        format!(
                            "two records have the slug \"{}\": this file and {}",
                            l.slug,
                            first.source.path.display()
                        ),
                    ),
                )
                .with_hint(msg(
                    "đổi tên một trong hai tệp, hoặc ghi slug = \"...\" riêng trong phần đầu tệp",
                    "rename one file, or give it its own slug = \"...\" in the front matter",
                )),
            );
        }
    }
    let p = &settings.paths;
    let reserved = [
        &p.plans,
        &p.movements,
        &p.people,
        &p.awards,
        &p.notices,
        &p.years,
        &p.fields,
        &p.forms,
        &p.units,
        &p.honour_roll,
        &p.data,
        &p.stats,
        &p.search,
    ];
    for l in loaded.iter().filter(|l| l.kind == Kind::Page) {
        if reserved.iter().any(|r| r.as_str() == l.slug)
            || ["assets", "static", "404"].contains(&l.slug.as_str())
        {
            diags.push(
                Diagnostic::error(
                    "duplicate-slug",
                    &l.source.path,
                    1,
                    msg(
                        format!(
                            "đường dẫn “{}” của trang trùng với một mục của website",
                            l.slug
                        ),
                        format!(
                            "the page slug \"{}\" is used by a section of the site",
                            l.slug
                        ),
                    ),
                )
                .with_hint(msg(
                    "đổi tên tệp hoặc ghi slug = \"...\" khác",
                    "rename the file or set another slug = \"...\"",
                )),
            );
        }
    }
}

pub(super) fn check_decision_identity(
    records: &Records,
    settings: &Settings,
    diags: &mut Diagnostics,
) {
    // By number, issuer and year; a decision whose number is not known, by its title,
    // issuer and date.
    let mut seen: HashMap<(String, BodyId, Option<crate::date::Date>, i32), &Award> =
        HashMap::new();
    for a in &records.awards {
        let folded = |s: &str| text::fold(s).replace(' ', "");
        let key = match &a.number {
            Some(n) => (folded(n), a.issuer, None, a.date.year),
            None => (folded(&a.meta.title), a.issuer, Some(a.date), a.date.year),
        };
        if let Some(first) = seen.insert(key, a) {
            let issuer = settings[a.issuer].label.as_str();
            diags.push(
                Diagnostic::error(
                    "duplicate-decision",
                    &a.meta.path,
                    a.number_line,
                    msg(
                        format!("số quyết định {} của {issuer} năm {} đã dùng ở {}", a.number_text(), a.date.year, first.meta.path.display()),
                        format!("decision number {} of {issuer} in {} is also used by {}", a.number_text(), a.date.year, first.meta.path.display()),
                    ),
                )
                .with_hint(msg(
                    "số quyết định đánh lại từ đầu mỗi năm nhưng không trùng trong cùng một năm, cùng cơ quan; kiểm tra lại số",
                    "decision numbers restart each year but are unique within a year and issuer; check the number",
                )),
            );
        }
    }
}
