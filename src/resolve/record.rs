//! One record: its front matter turned into the typed model, every reference checked.

use super::*;

/// Resolves one record. `movement_done` finds a resolved movement (awards check their dates
/// against them); none while the movements themselves are resolved, or for a movement with
/// an error.
pub(super) fn resolve_one<'m>(
    settings: &Settings,
    root: &std::path::Path,
    maps: &Maps<'_>,
    movement_done: &(dyn Fn(MovementId) -> Option<&'m Movement> + Sync),
    l: &Loaded,
) -> (Resolved, Diagnostics) {
    let (resolved, mut diags) = resolve_record(settings, root, maps, movement_done, l);
    if !l.patched.is_empty() {
        // A line that only holds a placeholder since its problem was reported (see
        // `recover`) says nothing more about the clerk's file.
        diags
            .items
            .retain(|d| d.path != l.source.path || !l.patched.contains(&d.line));
    }
    (resolved, diags)
}

fn resolve_record<'m>(
    settings: &Settings,
    root: &std::path::Path,
    maps: &Maps<'_>,
    movement_done: &(dyn Fn(MovementId) -> Option<&'m Movement> + Sync),
    l: &Loaded,
) -> (Resolved, Diagnostics) {
    let mut ctx = Ctx {
        settings,
        movements: &maps.movements,
        people: &maps.people,
        awards: &maps.awards,
        broken: &maps.broken,
        diags: Diagnostics::default(),
    };
    let src = &l.source;
    let sources = {
        let list = crate::frontmatter::AnyFm::sources(&l.fm);
        ctx.sources(src, None, list, || src.line_of_key("sources"))
    };
    match &l.fm {
        AnyFm::Plan(f) => {
            let issuer = ctx.body(src, &f.issuer);
            let movements = f
                .movements
                .iter()
                .filter_map(|m| ctx.movement(src, m))
                .collect();
            let Some(issuer) = issuer else {
                return (Resolved::Broken, ctx.diags);
            };
            (
                Resolved::Plan(Plan {
                    meta: meta(
                        settings,
                        l,
                        f.title.clone(),
                        f.summary.clone(),
                        f.draft,
                        sources,
                    ),
                    year: f.year,
                    theme: f.theme.clone(),
                    number: f.number.clone(),
                    date: f.date,
                    issuer,
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
                if crate::config::last_day(end) < f.start.first_day() {
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
            let parent = f.parent.as_deref().and_then(|p| ctx.movement(src, p));
            if f.parent.as_deref() == Some(l.slug.as_str()) {
                ctx.diags.push(
                    Diagnostic::error(
                        "bad-reference",
                        &src.path,
                        src.line_of_key("parent"),
                        msg("phong trào không thể là phong trào cha của chính nó", "a movement cannot be its own parent"),
                    )
                    .with_hint(msg(
                        "parent là slug của phong trào lớn hơn mà phong trào này hưởng ứng, ví dụ parent = \"ca-nuoc-chung-tay-vi-nguoi-ngheo\"",
                        "parent is the slug of the wider movement this one implements",
                    )),
                );
            }
            let Some(level) = level else {
                return (Resolved::Broken, ctx.diags);
            };
            (
                Resolved::Movement(Movement {
                    meta: meta(
                        settings,
                        l,
                        f.title.clone(),
                        f.summary.clone(),
                        f.draft,
                        sources,
                    ),
                    kind: f.kind,
                    level,
                    launched_by: f.launched_by.clone(),
                    document: f.document.clone(),
                    document_date: f.document_date,
                    document_title: f.document_title.clone(),
                    start: f.start,
                    end: f.end,
                    slogan: f.slogan.clone(),
                    parent: parent.filter(|_| f.parent.as_deref() != Some(l.slug.as_str())),
                    place: text_value(&f.place),
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
            let given = crate::collate::filed_under(&f.name, f.given_name.as_deref(), f.subject)
                .to_string();
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
            let photo = f
                .photo
                .as_ref()
                .filter(|p| check_asset(&mut ctx.diags, root, src, "photo", p))
                .and_then(|p| check_photo(&mut ctx.diags, root, src, p));
            let Some(honours) = ctx.honours(src, &f.honours, f.subject, &f.name) else {
                return (Resolved::Broken, ctx.diags);
            };
            let mut meta = meta(
                settings,
                l,
                f.name.clone(),
                f.summary.clone(),
                f.draft,
                sources,
            );
            // A new photo under the same record changes the page (its file names).
            if let Some(p) = &photo {
                meta.hash = meta.hash.rotate_left(1) ^ p.hash;
            }
            (
                Resolved::Person(Person {
                    meta,
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
                    photo,
                    place: text_value(&f.place),
                    honours,
                    name_key: l.name_keys.first().cloned().unwrap_or_default(),
                }),
                ctx.diags,
            )
        }
        AnyFm::Award(f) => {
            let issuer = ctx.body(src, &f.issuer);
            let level = match &f.level {
                Some(lv) => ctx.level(src, lv),
                None => issuer.and_then(|i| {
                    settings
                        .level_ix
                        .get(&settings[i].level)
                        .map(|&l| LevelId::new(l))
                }),
            };
            if let (Some(i), Some(lv)) = (issuer, level) {
                check_in_office(&mut ctx.diags, settings, src, i, lv, f.date);
            }
            let movement = f.movement.as_deref().and_then(|m| ctx.movement(src, m));
            let fields = ctx.field_list(src, &f.fields);
            ctx.require_fields(src, &fields, &f.fields);
            let changes = ctx.changes(src, &f.changes);
            if f.recipients.is_empty() && f.changes.is_empty() {
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
                        "thêm một khối [[recipients]] cho mỗi cá nhân, tập thể được khen (quyết định chỉ hủy bỏ, sửa đổi quyết định khác thì ghi các khối [[changes]])",
                        "add one [[recipients]] block per person or collective honoured (a decision that only changes others has [[changes]] blocks)",
                    )),
                );
            }
            if let Some(m) = movement.and_then(movement_done) {
                // Partial dates at their widest: a decision of "2022" is not outside a
                // movement that starts in March 2022.
                if crate::config::outside_period(f.date, Some(m.start), m.end) {
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
            let mut broken = false;
            for (k, r) in f.recipients.iter().enumerate() {
                // What the recipient leaves out, the decision gives.
                let written = r.form.as_deref().or(f.form.as_deref());
                let subject = r.subject.or(f.subject);
                let achievement = r.achievement.as_ref().or(f.achievement.as_ref());
                let mut missing = Vec::new();
                if written.is_none() {
                    missing.push(("form", "hình thức khen thưởng", "giay-khen"));
                }
                if subject.is_none() {
                    missing.push(("subject", "đối tượng", "ca-nhan"));
                }
                if achievement.is_none() {
                    missing.push(("achievement", "thành tích", "\"Có thành tích xuất sắc …\""));
                }
                let origin = r.origin.as_deref();
                // Messages about a row of the spreadsheet point at its cell.
                let moved = |diags: &mut Diagnostics, from: usize, field| {
                    if let Some(o) = origin {
                        for d in &mut diags.items[from..] {
                            *d = o.relocate(d.clone(), Some(field));
                        }
                    }
                };
                for (key, what, example) in &missing {
                    let d = Diagnostic::error(
                        "missing-key",
                        &src.path,
                        src.line_of_key_in("recipients", k, "name"),
                        msg(
                            format!(
                                "người được khen thứ {} (“{}”) chưa có {what} ({key})",
                                k + 1,
                                r.name
                            ),
                            format!("recipient {} (\"{}\") has no {key}", k + 1, r.name),
                        ),
                    );
                    ctx.diags.push(match origin {
                        None => d.with_hint(msg(
                            format!("thêm dòng {key} = {example} vào khối [[recipients]] này, hoặc một lần cho cả quyết định (trước khối [[recipients]] đầu tiên) nếu mọi người được khen đều như nhau"),
                            format!("add {key} = {example} to this [[recipients]] block, or once for the whole decision (before the first [[recipients]]) when every recipient has the same"),
                        )),
                        Some(o) => {
                            let (column, field) = match *key {
                                "form" => ("Hình thức", crate::sheet::Field::Form),
                                "subject" => ("Đối tượng", crate::sheet::Field::Subject),
                                _ => ("Thành tích", crate::sheet::Field::Achievement),
                            };
                            let d = Diagnostic {
                                message: msg(
                                    format!("“{}” chưa có {what}", r.name),
                                    format!("\"{}\" has no {key}", r.name),
                                ),
                                ..d
                            };
                            o.relocate(d, Some(field)).with_hint(msg(
                                format!("ghi vào cột “{column}” của dòng này, hoặc một lần cho cả quyết định: dòng {key} = {example} trong tệp {}", src.path.display()),
                                format!("fill in the \"{column}\" column of this row, or once for the whole decision: {key} = {example} in {}", src.path.display()),
                            ))
                        }
                    });
                }
                let (Some(written), Some(subject), Some(achievement)) =
                    (written, subject, achievement)
                else {
                    broken = true;
                    continue;
                };
                let mark = ctx.diags.len();
                let form = ctx.form(src, written);
                if r.form.is_some() {
                    moved(&mut ctx.diags, mark, crate::sheet::Field::Form);
                    if origin.is_none() {
                        at_block(&mut ctx.diags, mark, src, k, ("form", written));
                    }
                }
                let mark = ctx.diags.len();
                if let (Some(form), Some(level)) = (form, level) {
                    let g = Grant {
                        form,
                        written,
                        level,
                        issuer,
                        date: f.date,
                        subject,
                        name: &r.name,
                    };
                    check_grant(&mut ctx.diags, settings, src, &g);
                }
                moved(&mut ctx.diags, mark, crate::sheet::Field::Form);
                let mark = ctx.diags.len();
                let person = r.person.as_deref().and_then(|p| ctx.person(src, p));
                moved(&mut ctx.diags, mark, crate::sheet::Field::Person);
                if let (None, Some(p)) = (origin, r.person.as_deref()) {
                    at_block(&mut ctx.diags, mark, src, k, ("person", p));
                }
                let mark = ctx.diags.len();
                check_given_name(
                    &mut ctx.diags,
                    src,
                    ("recipients", k),
                    &r.name,
                    r.given_name.as_deref(),
                );
                moved(&mut ctx.diags, mark, crate::sheet::Field::GivenName);
                let at = || src.line_of_key_in("recipients", k, "sources");
                let sources = ctx.sources(src, None, &r.sources, at);
                let Some(form) = form else {
                    broken = true;
                    continue;
                };
                recipients.push(Recipient {
                    name: r.name.clone(),
                    given_name: text_value(&r.given_name),
                    subject,
                    position: r.position.clone(),
                    unit: r.unit.clone().or_else(|| f.unit.clone()),
                    form,
                    achievement: achievement.clone(),
                    posthumous: r.posthumous,
                    direct_worker: r.direct_worker
                        || (subject == Subject::Individual
                            && r.position
                                .as_deref()
                                .is_some_and(crate::text::direct_position)),
                    amount: r.amount,
                    person,
                    id: text_value(&r.id),
                    place: text_value(&r.place),
                    sources,
                    name_key: l.name_keys.get(k).cloned().unwrap_or_default(),
                });
            }
            if f.number.as_deref().is_some_and(|n| n.trim().is_empty()) {
                ctx.diags.push(
                    Diagnostic::error(
                        "empty-number",
                        &src.path,
                        src.line_of_key("number"),
                        msg("số quyết định để trống", "the decision number is empty"),
                    )
                    .with_hint(msg(
                        "ghi số quyết định, ví dụ number = \"45/QĐ-UBND\"; chưa rõ số thì bỏ hẳn dòng number (trang sẽ ghi “(chưa rõ số)”)",
                        "write the number, e.g. number = \"45/QĐ-UBND\"; when it is not known leave the number line out (the page then says “(chưa rõ số)”)",
                    )),
                );
            }
            let number = f.number.as_ref().map(|n| n.trim().to_string());
            let said = match &number {
                Some(n) => format!("Quyết định số {n}"),
                None => format!("Quyết định {UNKNOWN_NUMBER}"),
            };
            let title = match &f.title {
                Some(t) => format!("{said} – {t}"),
                None => said,
            };
            let (Some(issuer), Some(level), false, Some(changes)) =
                (issuer, level, broken, changes)
            else {
                return (Resolved::Broken, ctx.diags);
            };
            (
                Resolved::Award(Award {
                    meta: meta(settings, l, title, f.summary.clone(), f.draft, sources),
                    number,
                    number_line: src.line_of_key("number").max(1),
                    date: f.date,
                    issuer,
                    level,
                    signer: f.signer.clone(),
                    signer_position: f.signer_position.clone(),
                    award_type: f.award_type,
                    movement,
                    campaign: text_value(&f.campaign),
                    place: text_value(&f.place),
                    fields,
                    year: f.year.unwrap_or(f.date.year),
                    pdf: f.pdf.clone(),
                    pdf_facts,
                    recipients,
                    changes,
                    changed_by: Vec::new(),
                }),
                ctx.diags,
            )
        }
        AnyFm::Notice(f) => {
            let fields = ctx.field_list(src, &f.fields);
            let decision = f.decision.as_deref().and_then(|d| ctx.award(src, d));
            let issuer = f.issuer.as_deref().and_then(|b| ctx.body(src, b));
            let too_early =
                |d: crate::date::Date| crate::config::last_day(d) <= f.posted.first_day();
            if let Some(deadline) = f.deadline.filter(|&d| too_early(d)) {
                ctx.diags.push(
                    Diagnostic::error(
                        "bad-period",
                        &src.path,
                        src.line_of_key("deadline"),
                        msg(
                            format!("hạn góp ý {} phải sau ngày niêm yết {}", deadline.vietnamese(), f.posted.vietnamese()),
                            format!("the comment deadline {deadline} must come after the posting date {}", f.posted),
                        ),
                    )
                    .with_hint(msg(
                        "hạn góp ý phải sau ngày niêm yết (ít nhất 10 ngày với danh hiệu Gia đình văn hóa)",
                        "the deadline must come after the list is posted (at least 10 days for Gia đình văn hóa)",
                    )),
                );
            }
            let mut nominees = Vec::with_capacity(f.nominees.len());
            let mut broken = false;
            for (k, n) in f.nominees.iter().enumerate() {
                check_given_name(
                    &mut ctx.diags,
                    src,
                    ("nominees", k),
                    &n.name,
                    n.given_name.as_deref(),
                );
                let at = || src.line_of_key_in("nominees", k, "sources");
                let sources = ctx.sources(src, None, &n.sources, at);
                let Some(form) = ctx.form(src, &n.form) else {
                    broken = true;
                    continue;
                };
                nominees.push(Nominee {
                    name: n.name.clone(),
                    subject: n.subject,
                    position: text_value(&n.position),
                    unit: n.unit.clone(),
                    form,
                    achievement: n.achievement.clone(),
                    posthumous: n.posthumous,
                    place: text_value(&n.place),
                    sources,
                });
            }
            if broken || (f.issuer.is_some() && issuer.is_none()) {
                return (Resolved::Broken, ctx.diags);
            }
            (
                Resolved::Notice(Notice {
                    meta: meta(
                        settings,
                        l,
                        f.title.clone(),
                        f.summary.clone(),
                        f.draft,
                        sources,
                    ),
                    year: f.year.unwrap_or(f.posted.year),
                    posted: f.posted,
                    issuer,
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
                meta: meta(
                    settings,
                    l,
                    f.title.clone(),
                    f.summary.clone(),
                    f.draft,
                    sources,
                ),
                menu: f.menu,
                weight: f.weight,
            }),
            ctx.diags,
        ),
    }
}

/// Points the messages made since `mark` about recipient `k`'s `key = value` at its own
/// `[[recipients]]` block: the same unknown form in thirty blocks is thirty messages, each
/// at its block's line (a value looked up by its text would be found thirty times in the
/// first). Only when there is a message: a clean file looks up no position.
fn at_block(
    diags: &mut Diagnostics,
    mark: usize,
    src: &SourceFile,
    k: usize,
    (key, value): (&str, &str),
) {
    if diags.len() == mark {
        return;
    }
    let line = src.line_of_key_in("recipients", k, key);
    if line > 0 {
        let column = src.column_of(line, value);
        for d in &mut diags.items[mark..] {
            d.line = line;
            d.column = column;
        }
    }
}

/// A free-text value as published: trimmed, and none when blank.
fn text_value(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
}

/// A stated given name must be the end of the full name it sorts ("Bình Minh" of "Trần
/// Bình Minh"); `at` is the block (`recipients`, `nominees`) and its place.
fn check_given_name(
    diags: &mut Diagnostics,
    src: &SourceFile,
    at: (&str, usize),
    name: &str,
    given: Option<&str>,
) {
    let Some(given) = given.map(str::trim) else {
        return;
    };
    if !given.is_empty() && name.trim_end().ends_with(given) {
        return;
    }
    diags.push(
        Diagnostic::error(
            "bad-given-name",
            &src.path,
            src.line_of_key_in(at.0, at.1, "given_name"),
            msg(
                format!("tên “{given}” không phải phần cuối của họ và tên “{name}”"),
                format!("given_name \"{given}\" is not the end of the name \"{name}\""),
            ),
        )
        .with_hint(msg(
            "given_name là phần tên ở cuối họ và tên, ví dụ name = \"Trần Bình Minh\", given_name = \"Bình Minh\"",
            "given_name is the last part of the full name, e.g. name = \"Trần Bình Minh\", given_name = \"Bình Minh\"",
        )),
    );
}

pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub(super) fn meta(
    settings: &Settings,
    l: &Loaded,
    title: String,
    summary: Option<String>,
    draft: bool,
    sources: Vec<Source>,
) -> Meta {
    Meta {
        slug: l.slug.clone(),
        path: l.source.path.clone(),
        url: crate::render::address::Addresses::new(&settings.paths).record(l.kind, &l.slug),
        title,
        summary,
        body_html: l.body.html.clone(),
        has_code: l.body.has_code,
        draft: draft || l.draft,
        hash: l.hash,
        sources,
    }
}
