//! Checks across records and files: grants of forms by levels, attached files, duplicate slugs, one decision entered twice.

use super::*;

/// Warns when a level may not grant a form, or a form is not for this kind of recipient,
/// according to `site.toml`.
pub(super) fn check_grant(
    diags: &mut Diagnostics,
    settings: &Settings,
    src: &SourceFile,
    form: FormId,
    level: LevelId,
    subject: crate::model::Subject,
    name: &str,
) {
    let f = &settings[form];
    let lv = &settings[level];
    let grantable = f.levels.is_empty() || f.levels.contains(&lv.slug);
    let for_subject = f.subjects.is_empty() || f.subjects.contains(&subject);
    if grantable && for_subject {
        return;
    }
    let (line, col, len) = src.span_of_value(&f.slug);
    if !grantable {
        diags.push(
            Diagnostic::warning(
                "form-not-grantable",
                &src.path,
                line,
                msg(
                    format!(
                        "cấp {} không có thẩm quyền tặng “{}” (cho {name}) theo site.toml",
                        lv.label, f.label
                    ),
                    format!(
                        "level \"{}\" may not grant \"{}\" (to {name}) according to site.toml",
                        lv.slug, f.slug
                    ),
                ),
            )
            .at(col, len)
            .with_hint(msg(
                format!(
                    "cấp được tặng “{}”: {}; kiểm tra issuer, level và form",
                    f.label,
                    f.levels.join(", ")
                ),
                format!(
                    "levels that grant it: {}; check issuer, level and form",
                    f.levels.join(", ")
                ),
            )),
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
                        subject.key()
                    ),
                    format!(
                        "\"{}\" is not for a recipient of kind {} ({name})",
                        f.slug,
                        subject.key()
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
