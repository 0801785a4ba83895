//! Resolve stage: parsed front matter into the typed model. Every reference (field, level,
//! body, form, movement, person, decision) is checked; every problem is collected.

use crate::config::Settings;
use crate::error::{msg, Diagnostic, Diagnostics};
use crate::frontmatter::AnyFm;
use crate::load::Loaded;
use crate::model::*;
use crate::source::SourceFile;
use crate::text;
use rayon::prelude::*;
use std::collections::HashMap;

/// Site-relative URL of a record.
pub fn record_url(settings: &Settings, kind: Kind, slug: &str) -> String {
    let p = &settings.paths;
    let section = match kind {
        Kind::Plan => &p.plans,
        Kind::Movement => &p.movements,
        Kind::Person => &p.people,
        Kind::Award => &p.awards,
        Kind::Notice => &p.notices,
        Kind::Page => return format!("/{slug}/"),
    };
    format!("/{section}/{slug}/")
}

/// The slug maps every record's references are looked up in.
struct Maps<'a> {
    movements: HashMap<&'a str, usize>,
    people: HashMap<&'a str, usize>,
    awards: HashMap<&'a str, usize>,
}

struct Ctx<'a> {
    settings: &'a Settings,
    movements: &'a HashMap<&'a str, usize>,
    people: &'a HashMap<&'a str, usize>,
    awards: &'a HashMap<&'a str, usize>,
    diags: Diagnostics,
}

impl Ctx<'_> {
    fn field_list(&mut self, src: &SourceFile, slugs: &[String]) -> Vec<usize> {
        let mut out = Vec::with_capacity(slugs.len());
        for s in slugs {
            if let Some(i) = find(
                &mut self.diags,
                src,
                ("lĩnh vực", "field"),
                s,
                &self.settings.field_ix,
            ) {
                if !out.contains(&i) {
                    out.push(i)
                }
            }
        }
        out
    }

    fn level(&mut self, src: &SourceFile, slug: &str) -> Option<usize> {
        find(
            &mut self.diags,
            src,
            ("cấp", "level"),
            slug,
            &self.settings.level_ix,
        )
    }

    fn body(&mut self, src: &SourceFile, slug: &str) -> Option<usize> {
        find(
            &mut self.diags,
            src,
            ("cơ quan ban hành", "issuing body"),
            slug,
            &self.settings.body_ix,
        )
    }

    fn form(&mut self, src: &SourceFile, slug: &str) -> Option<usize> {
        find(
            &mut self.diags,
            src,
            ("hình thức, danh hiệu", "form or title"),
            slug,
            &self.settings.form_ix,
        )
    }

    fn movement(&mut self, src: &SourceFile, slug: &str) -> Option<usize> {
        find(
            &mut self.diags,
            src,
            ("phong trào", "movement"),
            slug,
            self.movements,
        )
    }

    fn person(&mut self, src: &SourceFile, slug: &str) -> Option<usize> {
        find(
            &mut self.diags,
            src,
            ("hồ sơ gương điển hình", "person"),
            slug,
            self.people,
        )
    }

    fn award(&mut self, src: &SourceFile, slug: &str) -> Option<usize> {
        find(
            &mut self.diags,
            src,
            ("quyết định", "decision"),
            slug,
            self.awards,
        )
    }

    fn require_fields(&mut self, src: &SourceFile, fields: &[usize], written: &[String]) {
        if fields.is_empty() && written.is_empty() {
            self.diags.push(
                Diagnostic::error(
                    "missing-field",
                    &src.path,
                    src.line_of_key("fields").max(1),
                    msg("chưa ghi lĩnh vực nào", "no field (lĩnh vực) is given"),
                )
                .with_hint(msg(
                    "ghi ít nhất một lĩnh vực, ví dụ fields = [\"van-hoa\"] (danh sách trong README)",
                    "add at least one field slug, e.g. fields = [\"van-hoa\"] (list in README)",
                )),
            );
        }
    }
}

/// Looks a slug up in one of the slug maps; an unknown slug is reported at the line that
/// names it, with the closest existing slugs.
fn find<K>(
    diags: &mut Diagnostics,
    src: &SourceFile,
    what: (&str, &str),
    slug: &str,
    map: &HashMap<K, usize>,
) -> Option<usize>
where
    K: std::borrow::Borrow<str> + std::hash::Hash + Eq,
{
    let found = map.get(slug).copied();
    if found.is_none() {
        let candidates: Vec<&str> = map.keys().map(|k| k.borrow()).collect();
        let (line, col, len) = src.span_of_value(slug);
        diags.push(
            Diagnostic::error(
                "unknown-reference",
                &src.path,
                line,
                msg(
                    format!("{} “{slug}” không tồn tại", capitalise(what.0)),
                    format!("unknown {} \"{slug}\"", what.1),
                ),
            )
            .at(col, len)
            .with_hint(text::did_you_mean(slug, candidates.iter().copied())),
        );
    }
    found
}

/// One resolved record of any kind.
enum Resolved {
    Plan(Plan),
    Movement(Movement),
    Person(Person),
    Award(Award),
    Notice(Notice),
    Page(Page),
}

/// Resolves one record. `movements_done` are the resolved movements (awards check their
/// dates against them); empty while the movements themselves are resolved.
fn resolve_one(
    settings: &Settings,
    root: &std::path::Path,
    maps: &Maps<'_>,
    movements_done: &[Movement],
    l: &Loaded,
) -> (Resolved, Diagnostics) {
    let mut ctx = Ctx {
        settings,
        movements: &maps.movements,
        people: &maps.people,
        awards: &maps.awards,
        diags: Diagnostics::default(),
    };
    let src = &l.source;
    match &l.fm {
        AnyFm::Plan(f) => {
            let issuer = ctx.body(src, &f.issuer);
            let movements = f
                .movements
                .iter()
                .filter_map(|m| ctx.movement(src, m))
                .collect();
            (
                Resolved::Plan(Plan {
                    meta: meta(settings, l, f.title.clone(), f.summary.clone(), f.draft),
                    year: f.year,
                    theme: f.theme.clone(),
                    number: f.number.clone(),
                    date: f.date,
                    issuer: issuer.unwrap_or(0),
                    signer: f.signer.clone(),
                    signer_position: f.signer_position.clone(),
                    movements,
                }),
                ctx.diags,
            )
        }
        AnyFm::Movement(f) => {
            let level = ctx.level(src, &f.level);
            let fields = ctx.field_list(src, &f.fields);
            ctx.require_fields(src, &fields, &f.fields);
            if let Some(end) = f.end {
                if end < f.start {
                    ctx.diags.push(
                        Diagnostic::error(
                            "bad-period",
                            &src.path,
                            src.line_of_key("end"),
                            msg(
                                format!(
                                    "phong trào kết thúc ({}) trước khi bắt đầu ({})",
                                    end.vietnamese(),
                                    f.start.vietnamese()
                                ),
                                format!("the movement ends ({end}) before it starts ({})", f.start),
                            ),
                        )
                        .with_hint(msg(
                            "kiểm tra ngày start và end",
                            "check the start and end dates",
                        )),
                    );
                }
            }
            (
                Resolved::Movement(Movement {
                    meta: meta(settings, l, f.title.clone(), f.summary.clone(), f.draft),
                    kind: f.kind,
                    level: level.unwrap_or(0),
                    launched_by: f.launched_by.clone(),
                    document: f.document.clone(),
                    document_date: f.document_date,
                    document_title: f.document_title.clone(),
                    start: f.start,
                    end: f.end,
                    slogan: f.slogan.clone(),
                    fields,
                }),
                ctx.diags,
            )
        }
        AnyFm::Person(f) => {
            let fields = ctx.field_list(src, &f.fields);
            ctx.require_fields(src, &fields, &f.fields);
            let movements = f
                .movements
                .iter()
                .filter_map(|m| ctx.movement(src, m))
                .collect();
            let given = f
                .given_name
                .clone()
                .unwrap_or_else(|| text::default_given_name(&f.name).to_string());
            if !f.name.trim_end().ends_with(given.as_str()) {
                ctx.diags.push(
                    Diagnostic::error(
                        "bad-given-name",
                        &src.path,
                        src.line_of_key("given_name"),
                        msg(
                            format!("tên “{given}” không phải phần cuối của họ và tên “{}”", f.name),
                            format!("given_name \"{given}\" is not the end of the name \"{}\"", f.name),
                        ),
                    )
                    .with_hint(msg(
                        "given_name là phần tên ở cuối họ và tên, ví dụ name = \"Trần Bình Minh\", given_name = \"Bình Minh\"",
                        "given_name is the last part of the full name, e.g. name = \"Trần Bình Minh\", given_name = \"Bình Minh\"",
                    )),
                );
            }
            let consent_hint = msg(
                "chỉ ghi consent = true khi người được nêu gương (hoặc gia đình) đã đồng ý bằng văn bản; nếu chưa, bỏ ảnh, câu chuyện và phần tóm tắt (summary), chỉ giữ thông tin khen thưởng",
                "set consent = true only once the person (or family) has agreed in writing; until then remove the photo, the story and the summary and keep only the award facts",
            );
            if f.photo.is_some() && !f.consent {
                ctx.diags.push(
                    Diagnostic::error(
                        "no-consent",
                        &src.path,
                        src.line_of_key("photo"),
                        msg(
                            "không được đăng ảnh khi chưa có sự đồng ý (consent)",
                            "a photo cannot be published without recorded consent",
                        ),
                    )
                    .with_hint(consent_hint.clone()),
                );
            }
            if !f.consent && src.has_body() {
                ctx.diags.push(
                    Diagnostic::error(
                        "no-consent",
                        &src.path,
                        src.body_line(),
                        msg(
                            "không được đăng câu chuyện khi chưa có sự đồng ý (consent)",
                            "a story cannot be published without recorded consent",
                        ),
                    )
                    .with_hint(consent_hint.clone()),
                );
            }
            // A summary is a story in one sentence, shown on lists and in link previews.
            if !f.consent && f.summary.is_some() {
                let line = src.line_of_key("summary");
                ctx.diags.push(
                    Diagnostic::error(
                        "no-consent",
                        &src.path,
                        line,
                        msg(
                            "không được đăng phần tóm tắt (summary) khi chưa có sự đồng ý (consent)",
                            "a summary cannot be published without recorded consent",
                        ),
                    )
                    .at(src.column_of(line, "summary"), "summary".len())
                    .with_hint(consent_hint),
                );
            }
            if let Some(photo) = &f.photo {
                check_asset(&mut ctx.diags, root, src, "photo", photo);
            }
            (
                Resolved::Person(Person {
                    meta: meta(settings, l, f.name.clone(), f.summary.clone(), f.draft),
                    name: f.name.clone(),
                    given_name: given,
                    subject: f.subject,
                    role: f.role.clone(),
                    unit: f.unit.clone(),
                    fields,
                    movements,
                    year: f.year,
                    good_deed: f.good_deed,
                    featured: f.featured,
                    consent: f.consent,
                    photo: f.photo.clone(),
                    name_key: l.name_keys.first().cloned().unwrap_or_default(),
                }),
                ctx.diags,
            )
        }
        AnyFm::Award(f) => {
            let issuer = ctx.body(src, &f.issuer);
            let level = match &f.level {
                Some(lv) => ctx.level(src, lv),
                None => {
                    issuer.and_then(|i| settings.level_ix.get(&settings.bodies[i].level).copied())
                }
            };
            let movement = f.movement.as_deref().and_then(|m| ctx.movement(src, m));
            let fields = ctx.field_list(src, &f.fields);
            ctx.require_fields(src, &fields, &f.fields);
            if f.recipients.is_empty() {
                ctx.diags.push(
                    Diagnostic::error(
                        "no-recipients",
                        &src.path,
                        src.line_of_key("number"),
                        msg(
                            "quyết định chưa có người, tập thể nào được khen",
                            "the decision has no recipients",
                        ),
                    )
                    .with_hint(msg(
                        "thêm một khối [[recipients]] cho mỗi cá nhân, tập thể được khen",
                        "add one [[recipients]] block per person or collective honoured",
                    )),
                );
            }
            if let Some(m) = movement.map(|m| &movements_done[m]) {
                if f.date < m.start || m.end.is_some_and(|e| f.date > e) {
                    let end = m
                        .end
                        .map(|e| e.vietnamese())
                        .unwrap_or_else(|| "nay".into());
                    let end_en = m.end.map(|e| e.iso()).unwrap_or_else(|| "now".into());
                    ctx.diags.push(
                        Diagnostic::warning(
                            "outside-movement",
                            &src.path,
                            src.line_of_key("date"),
                            msg(
                                format!("quyết định ngày {} nằm ngoài thời gian của phong trào “{}” ({} – {end})", f.date.vietnamese(), m.meta.title, m.start.vietnamese()),
                                format!("the decision dated {} falls outside the period of the movement \"{}\" ({} – {end_en})", f.date, m.meta.title, m.start),
                            ),
                        )
                        .with_hint(msg("kiểm tra ngày quyết định và khóa movement", "check the decision date and its movement")),
                    );
                }
            }
            let pdf_facts = f.pdf.as_deref().and_then(|pdf| {
                check_asset(&mut ctx.diags, root, src, "pdf", pdf)
                    .then(|| file_facts(&root.join("static").join(pdf.trim_start_matches('/'))))
                    .flatten()
            });
            let mut recipients = Vec::with_capacity(f.recipients.len());
            for (k, r) in f.recipients.iter().enumerate() {
                let form = ctx.form(src, &r.form);
                if let (Some(fi), Some(lv)) = (form, level) {
                    check_grant(&mut ctx.diags, settings, src, fi, lv, r.subject, &r.name);
                }
                let person = r.person.as_deref().and_then(|p| ctx.person(src, p));
                recipients.push(Recipient {
                    name: r.name.clone(),
                    subject: r.subject,
                    position: r.position.clone(),
                    unit: r.unit.clone(),
                    form: form.unwrap_or(0),
                    achievement: r.achievement.clone(),
                    posthumous: r.posthumous,
                    amount: r.amount,
                    person,
                    name_key: l.name_keys.get(k).cloned().unwrap_or_default(),
                });
            }
            let title = match &f.title {
                Some(t) => format!("Quyết định số {} – {t}", f.number),
                None => format!("Quyết định số {}", f.number),
            };
            (
                Resolved::Award(Award {
                    meta: meta(settings, l, title, f.summary.clone(), f.draft),
                    number: f.number.clone(),
                    number_line: src.line_of_key("number"),
                    date: f.date,
                    issuer: issuer.unwrap_or(0),
                    level: level.unwrap_or(0),
                    signer: f.signer.clone(),
                    signer_position: f.signer_position.clone(),
                    award_type: f.award_type,
                    movement,
                    fields,
                    year: f.year,
                    pdf: f.pdf.clone(),
                    pdf_facts,
                    recipients,
                }),
                ctx.diags,
            )
        }
        AnyFm::Notice(f) => {
            let fields = ctx.field_list(src, &f.fields);
            let decision = f.decision.as_deref().and_then(|d| ctx.award(src, d));
            if f.deadline < f.posted {
                ctx.diags.push(
                    Diagnostic::error(
                        "bad-period",
                        &src.path,
                        src.line_of_key("deadline"),
                        msg(
                            format!("hạn góp ý {} trước ngày niêm yết {}", f.deadline.vietnamese(), f.posted.vietnamese()),
                            format!("the comment deadline {} is before the posting date {}", f.deadline, f.posted),
                        ),
                    )
                    .with_hint(msg(
                        "hạn góp ý phải sau ngày niêm yết (ít nhất 10 ngày với danh hiệu Gia đình văn hóa)",
                        "the deadline must come after the list is posted (at least 10 days for Gia đình văn hóa)",
                    )),
                );
            }
            let mut nominees = Vec::with_capacity(f.nominees.len());
            for n in &f.nominees {
                let form = ctx.form(src, &n.form);
                nominees.push(Nominee {
                    name: n.name.clone(),
                    subject: n.subject,
                    unit: n.unit.clone(),
                    form: form.unwrap_or(0),
                    achievement: n.achievement.clone(),
                });
            }
            (
                Resolved::Notice(Notice {
                    meta: meta(settings, l, f.title.clone(), f.summary.clone(), f.draft),
                    year: f.year,
                    posted: f.posted,
                    place: f.place.clone(),
                    deadline: f.deadline,
                    contact: f.contact.clone(),
                    decision,
                    fields,
                    nominees,
                }),
                ctx.diags,
            )
        }
        AnyFm::Page(f) => (
            Resolved::Page(Page {
                meta: meta(settings, l, f.title.clone(), f.summary.clone(), f.draft),
                menu: f.menu,
                weight: f.weight,
            }),
            ctx.diags,
        ),
    }
}

/// Warns when a level may not grant a form, or a form is not for this kind of recipient,
/// according to `site.toml`.
fn check_grant(
    diags: &mut Diagnostics,
    settings: &Settings,
    src: &SourceFile,
    form: usize,
    level: usize,
    subject: crate::model::Subject,
    name: &str,
) {
    let f = &settings.forms[form];
    let lv = &settings.levels[level];
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
fn file_facts(path: &std::path::Path) -> Option<(u64, String)> {
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
fn check_asset(
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

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn meta(
    settings: &Settings,
    l: &Loaded,
    title: String,
    summary: Option<String>,
    draft: bool,
) -> Meta {
    Meta {
        kind: l.kind,
        slug: l.slug.clone(),
        path: l.source.path.clone(),
        url: record_url(settings, l.kind, &l.slug),
        title,
        summary,
        body_html: l.body.html.clone(),
        has_code: l.body.has_code,
        draft: draft || l.draft,
        hash: l.hash,
    }
}

/// Resolves every loaded record. Records with errors are left out; the diagnostics say why.
pub fn resolve(
    settings: &Settings,
    root: &std::path::Path,
    loaded: &[&Loaded],
    diags: &mut Diagnostics,
) -> Records {
    let loaded = in_order(loaded);
    check_duplicate_slugs(settings, &loaded, diags);
    // A record with a broken reference keeps its place (with index 0 in that slot) so the
    // other indices stay right; a build with errors stops before rendering anyway.
    let maps = maps(&loaded);
    // Movements first (awards check their periods), then everything else, in parallel.
    let (movement_files, other_files): (Vec<&Loaded>, Vec<&Loaded>) =
        loaded.iter().partition(|l| l.kind == Kind::Movement);
    let mut records = Records::default();
    let mut push = |records: &mut Records, (r, d): (Resolved, Diagnostics)| {
        diags.extend(d.items);
        match r {
            Resolved::Plan(x) => records.plans.push(x),
            Resolved::Movement(x) => records.movements.push(x),
            Resolved::Person(x) => records.people.push(x),
            Resolved::Award(x) => records.awards.push(x),
            Resolved::Notice(x) => records.notices.push(x),
            Resolved::Page(x) => records.pages.push(x),
        }
    };
    let done: Vec<(Resolved, Diagnostics)> = movement_files
        .par_iter()
        .map(|l| resolve_one(settings, root, &maps, &[], l))
        .collect();
    for d in done {
        push(&mut records, d);
    }
    let done: Vec<(Resolved, Diagnostics)> = other_files
        .par_iter()
        .map(|l| resolve_one(settings, root, &maps, &records.movements, l))
        .collect();
    for d in done {
        push(&mut records, d);
    }
    check_decision_identity(&records, settings, diags);
    records
}

/// Records in the order they are resolved (by kind, then path): a record's index among
/// those of its kind is its place in [`Records`].
fn in_order<'l>(loaded: &[&'l Loaded]) -> Vec<&'l Loaded> {
    let mut loaded: Vec<&Loaded> = loaded.to_vec();
    loaded.sort_by(|a, b| (a.kind, &a.source.path).cmp(&(b.kind, &b.source.path)));
    loaded
}

/// Slug → index of the records other records refer to.
fn maps<'a>(loaded: &[&'a Loaded]) -> Maps<'a> {
    let slugs_of = |kind: Kind| -> HashMap<&str, usize> {
        loaded
            .iter()
            .filter(|l| l.kind == kind)
            .enumerate()
            .map(|(i, l)| (l.slug.as_str(), i))
            .collect()
    };
    Maps {
        movements: slugs_of(Kind::Movement),
        people: slugs_of(Kind::Person),
        awards: slugs_of(Kind::Award),
    }
}

/// Resolves again only the records of `changed`, in place, when nothing else can have
/// moved: the site has the same files with the same slugs, and none of the changed
/// records is a movement (awards check their dates against movements). The preview uses it
/// so an edit does not resolve ten thousand records again.
///
/// Returns false when a full [`resolve`] is needed instead: a precondition does not hold, or
/// the new records have errors (a full resolve reports every error of the site together).
/// `records` may then be partly updated and must be resolved from scratch.
pub fn patch(
    settings: &Settings,
    root: &std::path::Path,
    loaded: &[&Loaded],
    records: &mut Records,
    changed: &[&Loaded],
    diags: &mut Diagnostics,
) -> bool {
    let loaded = in_order(loaded);
    let maps = maps(&loaded);
    let count = |kind: Kind| loaded.iter().filter(|l| l.kind == kind).count();
    let r = &*records;
    let same_set = count(Kind::Plan) == r.plans.len()
        && count(Kind::Movement) == r.movements.len()
        && count(Kind::Person) == r.people.len()
        && count(Kind::Award) == r.awards.len()
        && count(Kind::Notice) == r.notices.len()
        && count(Kind::Page) == r.pages.len();
    if !same_set {
        return false;
    }
    let mut found = Diagnostics::default();
    for l in changed {
        if l.kind == Kind::Movement {
            return false;
        }
        let key = (l.kind, &l.source.path);
        let Ok(at) = loaded.binary_search_by(|x| (x.kind, &x.source.path).cmp(&key)) else {
            return false;
        };
        let first = loaded.partition_point(|x| x.kind < l.kind);
        let i = at - first;
        let (resolved, d) = resolve_one(settings, root, &maps, &records.movements, l);
        if d.has_errors() {
            return false;
        }
        // The record in that place must be the same file under the same slug.
        let same = |meta: &crate::model::Meta| meta.path == l.source.path && meta.slug == l.slug;
        let ok = match resolved {
            Resolved::Plan(x) => replace(&mut records.plans, i, x, |x| same(&x.meta)),
            Resolved::Movement(_) => false,
            Resolved::Person(x) => replace(&mut records.people, i, x, |x| same(&x.meta)),
            Resolved::Award(x) => replace(&mut records.awards, i, x, |x| same(&x.meta)),
            Resolved::Notice(x) => replace(&mut records.notices, i, x, |x| same(&x.meta)),
            Resolved::Page(x) => replace(&mut records.pages, i, x, |x| same(&x.meta)),
        };
        if !ok {
            return false;
        }
        found.extend(d.items);
    }
    let mut global = Diagnostics::default();
    check_decision_identity(records, settings, &mut global);
    if global.has_errors() {
        return false;
    }
    diags.extend(found.items);
    true
}

/// Puts `x` at `i` when the record there is the same one (`same`).
fn replace<T>(list: &mut [T], i: usize, x: T, same: impl Fn(&T) -> bool) -> bool {
    match list.get_mut(i) {
        Some(old) if same(old) && same(&x) => {
            *old = x;
            true
        }
        _ => false,
    }
}

fn check_duplicate_slugs(settings: &Settings, loaded: &[&Loaded], diags: &mut Diagnostics) {
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

fn check_decision_identity(records: &Records, settings: &Settings, diags: &mut Diagnostics) {
    let mut seen: HashMap<(String, usize, i32), &Award> = HashMap::new();
    for a in &records.awards {
        let key = (
            text::fold(&a.number).replace(' ', ""),
            a.issuer,
            a.date.year,
        );
        if let Some(first) = seen.insert(key, a) {
            let issuer = settings
                .bodies
                .get(a.issuer)
                .map(|b| b.label.as_str())
                .unwrap_or("");
            diags.push(
                Diagnostic::error(
                    "duplicate-decision",
                    &a.meta.path,
                    a.number_line,
                    msg(
                        format!("số quyết định {} của {issuer} năm {} đã dùng ở {}", a.number, a.date.year, first.meta.path.display()),
                        format!("decision number {} of {issuer} in {} is also used by {}", a.number, a.date.year, first.meta.path.display()),
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
