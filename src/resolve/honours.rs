//! `[[honours]]` of a person: honours known without their decision in this site (from the
//! golden book, the press, another portal), checked like a decision's recipients.

use super::*;
use crate::frontmatter::HonourFm;

impl Ctx<'_> {
    /// The person's recorded honours, newest first; `None` when one names an unknown form
    /// or body (the messages are already collected).
    pub(super) fn honours(
        &mut self,
        src: &SourceFile,
        list: &[HonourFm],
        subject: Subject,
        name: &str,
    ) -> Option<Vec<Honour>> {
        let mut out = Vec::with_capacity(list.len());
        let mut broken = false;
        for (k, h) in list.iter().enumerate() {
            let form = self.form(src, &h.form);
            let issuer = self.issuer(src, k, &h.issuer);
            if h.number.as_deref().is_some_and(|n| n.trim().is_empty()) {
                self.diags.push(
                    Diagnostic::error(
                        "empty-number",
                        &src.path,
                        src.line_of_key_in("honours", k, "number"),
                        msg("số quyết định của danh hiệu để trống", "the honour's decision number is empty"),
                    )
                    .with_hint(msg(
                        "ghi số quyết định, ví dụ number = \"45/QĐ-UBND\"; chưa rõ số thì bỏ hẳn dòng number",
                        "write the number, e.g. number = \"45/QĐ-UBND\"; when it is not known leave the number line out",
                    )),
                );
            }
            let at = || src.line_of_key_in("honours", k, "source");
            let sources = self.sources(src, h.source.as_deref(), &h.sources, at);
            let (Some(form), Some(issuer)) = (form, issuer) else {
                broken = true;
                continue;
            };
            // A declared body is held to what it may grant, and when, like a decision.
            if let Issuer::Body(b) = issuer {
                if let Some(&lv) = self.settings.level_ix.get(&self.settings[b].level) {
                    let level = LevelId::new(lv);
                    check_in_office(&mut self.diags, self.settings, src, b, level, h.date);
                    let g = Grant {
                        form,
                        written: &h.form,
                        level,
                        issuer: Some(b),
                        date: h.date,
                        subject,
                        name,
                    };
                    check_grant(&mut self.diags, self.settings, src, &g);
                }
            }
            out.push(Honour {
                form,
                date: h.date,
                issuer,
                number: h
                    .number
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_string),
                achievement: h
                    .achievement
                    .as_deref()
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_string),
                sources,
            });
        }
        // Newest first, as a person's decisions are listed; a stable sort keeps the
        // written order of honours of the same date.
        out.sort_by_key(|h| std::cmp::Reverse(h.date));
        (!broken).then_some(out)
    }

    /// An honour's issuer: a declared body's slug, or a name as written. A value written
    /// like a slug that no body has is a mistyped slug, not a name.
    fn issuer(&mut self, src: &SourceFile, k: usize, written: &str) -> Option<Issuer> {
        let name = written.trim();
        if let Some(&b) = self.settings.body_ix.get(name) {
            return Some(Issuer::Body(BodyId::new(b)));
        }
        // A declared body written by its label ("Chủ tịch UBND tỉnh Hải Dương") is that body.
        if let Some(b) = self.settings.body_labels.find(name) {
            return Some(Issuer::Body(BodyId::new(b)));
        }
        if name.is_empty() {
            self.diags.push(
                Diagnostic::error(
                    "missing-issuer",
                    &src.path,
                    src.line_of_key_in("honours", k, "issuer"),
                    msg("chưa ghi cơ quan khen thưởng (issuer)", "the honour's issuer is empty"),
                )
                .with_hint(msg(
                    "ghi slug của cơ quan đã khai báo trong site.toml (ví dụ issuer = \"ubnd-huyen\") hoặc tên cơ quan như trong nguồn (ví dụ issuer = \"Trung ương Đoàn\")",
                    "write a declared body's slug (issuer = \"ubnd-huyen\") or the issuer's name as the source gives it (issuer = \"Trung ương Đoàn\")",
                )),
            );
            return None;
        }
        let slug_like = name.contains('-')
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if slug_like {
            // Reported like every unknown reference, with the closest slugs.
            return self.body(src, name).map(Issuer::Body);
        }
        Some(Issuer::Named(name.to_string()))
    }
}
