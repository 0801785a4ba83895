//! `[[changes]]`: later decisions that cancel, amend, correct or replace earlier ones. Each
//! block is resolved with its decision; once every decision is resolved they are linked:
//! the names are found in the decision changed, and each decision learns what changed it.

use super::*;
use crate::frontmatter::ChangeFm;

impl Ctx<'_> {
    /// The changes of one decision, dated `date`; `None` when one of them names an unknown
    /// decision or form, or is incomplete (the messages are collected).
    pub(super) fn changes(&mut self, src: &SourceFile, list: &[ChangeFm]) -> Option<Vec<Change>> {
        let mut out = Vec::with_capacity(list.len());
        let mut broken = false;
        for (k, c) in list.iter().enumerate() {
            let decision = self.award(src, &c.decision);
            let form = c.form.as_deref().and_then(|f| self.form(src, f));
            let line = src.line_of_key_in("changes", k, "action");
            let new_values = c.name.is_some() || c.form.is_some() || c.achievement.is_some();
            let problem = match c.action {
                ChangeAction::Amend | ChangeAction::Correct if !new_values => Some(msg(
                    "sửa đổi, đính chính mà chưa ghi nội dung mới: thêm name, form hoặc achievement với giá trị đúng",
                    "an amendment or correction without new values: add name, form or achievement with the right value",
                )),
                ChangeAction::Cancel | ChangeAction::Replace if new_values => Some(msg(
                    "hủy bỏ, thay thế thì không ghi giá trị mới (name, form, achievement); ghi nội dung mới bằng [[recipients]] của quyết định này",
                    "a cancellation or replacement takes no new values; write the new content as this decision's [[recipients]]",
                )),
                _ if c.name.is_some() && c.recipients.len() != 1 => Some(msg(
                    "đính chính tên (name) cho đúng một người: ghi recipients = [\"tên như trong quyết định cũ\"]",
                    "a corrected name is for exactly one recipient: write recipients = [\"the name as in the earlier decision\"]",
                )),
                _ => None,
            };
            if let Some(why) = problem {
                self.diags.push(
                    Diagnostic::error(
                        "bad-change",
                        &src.path,
                        line,
                        msg(
                            format!("thay đổi thứ {} ({}) không hợp lệ", k + 1, c.action.key()),
                            format!("change {} ({}) is not valid", k + 1, c.action.key()),
                        ),
                    )
                    .with_hint(why),
                );
                broken = true;
            }
            if c.form.is_some() && form.is_none() {
                broken = true;
            }
            let Some(decision) = decision else {
                broken = true;
                continue;
            };
            let text = |v: &Option<String>| {
                v.as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
            };
            out.push(Change {
                action: c.action,
                decision,
                recipients: c.recipients.iter().map(|n| n.trim().to_string()).collect(),
                targets: Vec::new(),
                reason: text(&c.reason),
                name: text(&c.name),
                form,
                achievement: text(&c.achievement),
                line,
            });
        }
        (!broken).then_some(out)
    }
}

/// Links every decision's changes to the decisions they change: finds each name in the
/// decision changed (an unknown name is an error with the closest names), checks that the
/// change is later and not of itself, and fills `changed_by`. Run on complete records,
/// after a full resolve and after a preview patch alike.
pub(super) fn link_changes(records: &mut Records, diags: &mut Diagnostics) {
    for a in &mut records.awards {
        a.changed_by.clear();
    }
    let mut links = Vec::new();
    for (ai, a) in records.awards.iter().enumerate() {
        let this = AwardId::new(ai);
        for (ci, c) in a.changes.iter().enumerate() {
            let target = &records.awards[c.decision.index()];
            if c.decision == this {
                diags.push(
                    Diagnostic::error(
                        "bad-change",
                        &a.meta.path,
                        c.line,
                        msg("quyết định không thể thay đổi chính nó", "a decision cannot change itself"),
                    )
                    .with_hint(msg(
                        "decision là slug của quyết định trước đó bị hủy bỏ, sửa đổi, đính chính hoặc thay thế",
                        "decision is the slug of the earlier decision cancelled, amended, corrected or replaced",
                    )),
                );
                continue;
            }
            if crate::config::last_day(a.date) < target.date.first_day() {
                diags.push(
                    Diagnostic::error(
                        "bad-change",
                        &a.meta.path,
                        c.line,
                        msg(
                            format!(
                                "quyết định ngày {} không thể thay đổi quyết định ban hành sau nó ({}, ngày {})",
                                a.date.vietnamese(),
                                target.number_text(),
                                target.date.vietnamese()
                            ),
                            format!(
                                "the decision of {} cannot change one issued after it ({}, {})",
                                a.date,
                                target.number_text(),
                                target.date
                            ),
                        ),
                    )
                    .with_hint(msg("kiểm tra ngày của hai quyết định và khóa decision", "check both dates and the decision key")),
                );
                continue;
            }
            let mut targets = Vec::with_capacity(c.recipients.len());
            for name in &c.recipients {
                match target.recipients.iter().position(|r| r.name.trim() == name) {
                    Some(k) => targets.push(k),
                    None => diags.push(
                        Diagnostic::error(
                            "unknown-reference",
                            &a.meta.path,
                            c.line,
                            msg(
                                format!(
                                    "quyết định {} không có người được khen tên “{name}”",
                                    target.number_text()
                                ),
                                format!(
                                    "decision {} has no recipient named \"{name}\"",
                                    target.number_text()
                                ),
                            ),
                        )
                        .with_hint(text::did_you_mean(
                            name,
                            target.recipients.iter().map(|r| r.name.as_str()),
                        )),
                    ),
                }
            }
            links.push((ai, ci, c.decision, targets));
        }
    }
    for (ai, ci, target, targets) in links {
        records.awards[ai].changes[ci].targets = targets;
        records.awards[target.index()]
            .changed_by
            .push((AwardId::new(ai), ci));
    }
    // Oldest change first: the latest one decides where several touch one recipient.
    let dates: Vec<crate::date::Date> = records.awards.iter().map(|a| a.date).collect();
    for a in &mut records.awards {
        a.changed_by.sort_by_key(|&(b, _)| (dates[b.index()], b));
    }
}
