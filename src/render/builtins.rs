//! The built-in components: the default theme's most repeated markup, written in Rust
//! straight from the views. A record's card, a recipient's name, form and achievement
//! cells, a decision's cell, whole recipients tables, the page `<head>` and a record's
//! field links exist only here; the default `macros.html` does not define them.
//!
//! Each is overridable by name, the way Zola lets a site replace its built-in templates:
//! a theme whose `macros.html` defines a macro called `card`, `recipient_cells`,
//! `award_cell`, `recipients`, `page_head`, `fields` or `history` gets that macro called in place of
//! the built-in one ([`Overrides`]), with the arguments documented in the theme guide
//! (`docs/src/giao-dien.md`, which also holds each built-in's markup as the macro to copy;
//! `tests/it/builtins.rs` builds a site with those copies and compares every file).
//! Templates print what the renderer prepares (`item.html`, `r.cells`, `head_html`, a
//! table as text), the same way for every theme.
//!
//! Why in Rust: a macro call costs the template engine 15,000–35,000 instructions for a
//! few hundred bytes, and a 10,000-record site has 40,000 of these fragments, an eighth of
//! its whole build.
//!
//! Everything taken from content or from the interface strings is printed the way the
//! templates print it ([`put`]: text escaped by [`escape_into`], trusted HTML as it is).

use super::engine::{escape_into, print};
use super::view::{AwardRef, RecipientRow};
use super::Link;
use minijinja::value::Value;
use minijinja::Environment;

/// Which built-in components the theme's `macros.html` overrides with a macro of the
/// same name.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Overrides {
    pub card: bool,
    pub recipient_cells: bool,
    pub award_cell: bool,
    pub recipients: bool,
    pub page_head: bool,
    pub fields: bool,
    pub history: bool,
}

impl Overrides {
    /// Evaluates the theme's `macros.html` once and looks the built-in names up among
    /// what it defines. A module that does not evaluate overrides nothing (the pages that
    /// import it report its error).
    pub(super) fn of(env: &Environment<'_>) -> Overrides {
        let Ok(module) = env
            .get_template("macros.html")
            .and_then(|t| t.render_captured(minijinja::context! {}))
        else {
            return Overrides::default();
        };
        let defined = module.state().exports();
        let has = |name: &str| defined.contains(&name);
        Overrides {
            card: has("card"),
            recipient_cells: has("recipient_cells"),
            award_cell: has("award_cell"),
            recipients: has("recipients"),
            page_head: has("page_head"),
            fields: has("fields"),
            history: has("history"),
        }
    }
}

/// The interface strings the built-ins show, printed once.
pub(super) struct Builtins {
    name: String,
    form: String,
    achievement: String,
    posthumous: String,
    decision: String,
    amount: String,
    draft: String,
    recipients_count: String,
    good_deed: String,
    from: String,
    posted: String,
    deadline: String,
    deadline_unknown: String,
    recorded: String,
    source: String,
    sources: String,
    /// A record's revision history: its heading, "last updated", "on", "revisions",
    /// a withheld message, the older revisions not listed.
    history: [String; 6],
    /// A notice's status: `t.ui.status_<key>`, and the open one with its days left.
    status: Vec<(&'static str, String)>,
    status_open_days: String,
    /// `t.subjects`: (key, printed label).
    subjects: Vec<(String, String)>,
}

/// `{{ t[group][key] }}` as a template prints it (nothing for a missing key).
fn label(strings: &Value, group: &str, key: &str) -> String {
    let v = strings
        .get_attr(group)
        .and_then(|g| g.get_attr(key))
        .unwrap_or_default();
    let mut out = String::new();
    put(&mut out, &v);
    out
}

impl Builtins {
    /// The built-ins for these interface strings.
    pub(super) fn new(strings: &Value) -> Builtins {
        let ui = |key: &str| label(strings, "ui", key);
        let subjects = crate::model::Subject::ALL
            .iter()
            .map(|s| (s.key().to_string(), label(strings, "subjects", s.key())))
            .collect();
        Builtins {
            name: ui("name"),
            form: ui("form"),
            achievement: ui("achievement"),
            posthumous: ui("posthumous"),
            decision: ui("decision"),
            amount: ui("amount"),
            draft: ui("draft"),
            recipients_count: ui("recipients_count"),
            good_deed: ui("good_deed"),
            from: ui("from"),
            posted: ui("posted"),
            deadline: ui("deadline"),
            deadline_unknown: ui("deadline_unknown"),
            recorded: ui("recorded"),
            source: ui("source"),
            sources: ui("sources"),
            status: ["upcoming", "open", "closed", "decided"]
                .map(|k| (k, ui(&format!("status_{k}"))))
                .into(),
            status_open_days: ui("status_open_days"),
            history: [
                "history",
                "last_updated",
                "on_day",
                "history_times",
                "history_withheld",
                "history_older",
            ]
            .map(ui),
            subjects,
        }
    }

    fn subject(&self, key: &str) -> &str {
        self.subjects
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, l)| l.as_str())
    }

    /// `recipient_cells(r, t)`.
    pub(super) fn recipient_cells(&self, r: &RecipientRow) -> String {
        let mut o = String::with_capacity(
            420 + r.name.len() * 2 + r.achievement.len() + r.form.label.len() + 120,
        );
        o.push_str("      <td class=\"c-name\" data-label=\"");
        o.push_str(&self.name);
        o.push_str("\">\n");
        if r.struck {
            o.push_str("<s>");
        }
        match r.person_url.as_deref().filter(|u| !u.is_empty()) {
            Some(url) => {
                o.push_str("<a href=\"");
                esc(&mut o, url);
                o.push_str("\">");
                esc(&mut o, &r.name);
                o.push_str("</a>");
            }
            None => esc(&mut o, &r.name),
        }
        if r.struck {
            o.push_str("</s>");
        }
        if r.posthumous {
            o.push_str(" <span class=\"tag\">");
            o.push_str(&self.posthumous);
            o.push_str("</span>");
        }
        if let Some(c) = &r.change {
            o.push_str("<span class=\"sub change\">");
            esc(&mut o, &c.label);
            o.push_str(" <a href=\"");
            esc(&mut o, &c.url);
            o.push_str("\">");
            esc(&mut o, &c.number);
            o.push_str("</a>");
            if let Some(reason) = &c.reason {
                o.push_str(": ");
                esc(&mut o, reason);
            }
            o.push_str("</span>");
        }
        o.push_str("        <span class=\"sub\">");
        o.push_str(self.subject(r.subject));
        if let Some(p) = r.position.as_deref().filter(|p| !p.is_empty()) {
            o.push_str(", ");
            esc(&mut o, p);
        }
        if let Some(u) = &r.unit {
            o.push_str(", ");
            link(&mut o, u);
        }
        if let Some(p) = &r.place {
            o.push_str(", ");
            esc(&mut o, p);
        }
        o.push_str("</span>\n      </td>\n      <td class=\"c-form\" data-label=\"");
        o.push_str(&self.form);
        o.push_str("\">");
        link(&mut o, &r.form);
        o.push_str("</td>\n      <td class=\"c-ach\" data-label=\"");
        o.push_str(&self.achievement);
        o.push_str("\">");
        esc(&mut o, &r.achievement);
        for (i, s) in r.sources.iter().enumerate() {
            if i == 0 {
                o.push_str("<span class=\"sub\">");
                o.push_str(&self.sources);
                o.push_str(": ");
            } else {
                o.push_str(", ");
            }
            o.push_str("<a rel=\"nofollow noopener\" href=\"");
            esc(&mut o, &s.url);
            o.push_str("\">");
            esc(&mut o, s.title.as_deref().unwrap_or(&s.url));
            o.push_str("</a>");
            if i + 1 == r.sources.len() {
                o.push_str("</span>");
            }
        }
        o.push_str("</td>\n");
        o
    }

    /// `award_cell(a, t)`.
    pub(super) fn award_cell(&self, a: &AwardRef) -> String {
        let mut o = String::with_capacity(260 + a.url.len() + a.number.len() + a.issuer.len());
        o.push_str("      <td class=\"c-last\" data-label=\"");
        o.push_str(&self.decision);
        o.push_str("\">");
        if a.url.is_empty() {
            esc(&mut o, &a.number);
        } else {
            o.push_str("<a href=\"");
            esc(&mut o, &a.url);
            o.push_str("\">");
            esc(&mut o, &a.number);
            o.push_str("</a>");
        }
        o.push_str("<span class=\"sub\">");
        esc(&mut o, &a.issuer);
        o.push_str(", <time datetime=\"");
        esc(&mut o, &a.iso_date);
        o.push_str("\">");
        esc(&mut o, &a.date);
        o.push_str("</time></span>");
        if a.recorded {
            // Not a decision of this site: say so, and where it was found.
            o.push_str("<span class=\"sub recorded\">");
            o.push_str(&self.recorded);
            for (i, s) in a.sources.iter().enumerate() {
                o.push_str(if i == 0 { " · " } else { ", " });
                o.push_str("<a rel=\"nofollow noopener\" href=\"");
                esc(&mut o, &s.url);
                o.push_str("\">");
                match &s.title {
                    Some(t) => esc(&mut o, t),
                    None => o.push_str(&self.source),
                }
                o.push_str("</a>");
            }
            o.push_str("</span>");
        }
        o.push_str("</td>\n");
        o
    }

    /// A notice's status with the dates the status script reads (`notice_status(item, t)`,
    /// on its card and its page).
    pub(super) fn notice_status(&self, o: &mut String, item: &Value) {
        let get = |key: &str| item.get_attr(key).unwrap_or_default();
        let status = get("status");
        let key = status.as_str().unwrap_or("");
        o.push_str("<span class=\"tag tag-");
        put(o, &status);
        o.push_str("\" data-posted=\"");
        put(o, &get("posted_from"));
        o.push('"');
        let deadline = get("deadline_to");
        if deadline.is_true() {
            o.push_str(" data-deadline=\"");
            put(o, &deadline);
            o.push('"');
        }
        if key == "decided" {
            o.push_str(" data-decided");
        }
        o.push('>');
        let days = get("days_left");
        if days.is_true() {
            o.push_str(&self.status_open_days.replace("{n}", &days.to_string()));
        } else if let Some((_, text)) = self.status.iter().find(|(k, _)| *k == key) {
            o.push_str(text);
        }
        o.push_str("</span>");
    }

    /// `card(item, t)`, from a card's template value.
    pub(super) fn card(&self, item: &Value) -> String {
        let get = |key: &str| item.get_attr(key).unwrap_or_default();
        let kind_value = get("kind");
        let kind = kind_value.as_str().unwrap_or("");
        let mut o = String::with_capacity(1024);
        o.push_str("<li class=\"card card-");
        put(&mut o, &kind_value);
        o.push_str("\">\n");
        if get("draft").is_true() {
            o.push_str("<span class=\"tag tag-draft\">");
            o.push_str(&self.draft);
            o.push_str("</span>");
        }
        o.push_str("  <a class=\"card-title\" href=\"");
        put(&mut o, &get("url"));
        o.push_str("\">");
        put(&mut o, &get("title"));
        o.push_str("</a>\n  <p class=\"meta\">\n");
        let date = |o: &mut String| {
            o.push_str("<time datetime=\"");
            put(o, &get("iso_date"));
            o.push_str("\">");
            put(o, &get("date"));
            o.push_str("</time>");
        };
        match kind {
            "award" => {
                o.push_str("      ");
                put(&mut o, &get("issuer"));
                if get("date").is_true() {
                    o.push_str(", ");
                    date(&mut o);
                }
                o.push_str(" · ");
                put(&mut o, &get("count"));
                o.push(' ');
                o.push_str(&self.recipients_count);
                o.push('\n');
            }
            "person" => {
                o.push_str("      ");
                o.push_str(self.subject(get("subject").as_str().unwrap_or("")));
                let role = get("role");
                if role.is_true() {
                    o.push_str(" · ");
                    put(&mut o, &role);
                }
                let unit = get("unit");
                if unit.is_true() {
                    o.push_str(" · ");
                    put(&mut o, &unit.get_attr("label").unwrap_or_default());
                }
                o.push_str(" · ");
                put(&mut o, &get("year"));
                if get("good_deed").is_true() {
                    o.push_str(" · <span class=\"tag tag-deed\">");
                    o.push_str(&self.good_deed);
                    o.push_str("</span>");
                }
            }
            "movement" => {
                for key in ["issuer", "number"] {
                    let v = get(key);
                    if v.is_true() {
                        put(&mut o, &v);
                        o.push_str(" · ");
                    }
                }
                o.push_str(&self.from);
                o.push(' ');
                put(&mut o, &get("year"));
                o.push('\n');
            }
            "notice" => {
                o.push_str("      ");
                o.push_str(&self.posted);
                o.push(' ');
                date(&mut o);
                o.push_str(" · ");
                o.push_str(&self.deadline);
                o.push(' ');
                match get("deadline") {
                    d if d.is_true() => put(&mut o, &d),
                    _ => o.push_str(&self.deadline_unknown),
                }
                o.push_str(" · ");
                self.notice_status(&mut o, item);
                o.push('\n');
            }
            "plan" => {
                let number = get("number");
                if number.is_true() {
                    put(&mut o, &number);
                    o.push_str(" · ");
                }
                put(&mut o, &get("issuer"));
                o.push_str(", ");
                date(&mut o);
                o.push('\n');
            }
            _ => {}
        }
        o.push_str("  </p>\n");
        let summary = get("summary");
        if summary.is_true() {
            o.push_str("<p class=\"summary\">");
            put(&mut o, &summary);
            o.push_str("</p>");
        }
        chips(&mut o, &get("fields"));
        o.push_str("</li>\n");
        o
    }

    /// `fields(list)`: a record's fields as links, from its card's `fields`.
    pub(super) fn fields(&self, list: &Value) -> String {
        let mut o = String::with_capacity(256);
        chips(&mut o, list);
        o
    }

    /// One revision of `history(history, t)`'s list:
    /// `<li><time datetime="{{ e.iso }}">{{ e.date }}</time> <span class="msg">…</span></li>`.
    pub(super) fn history_item(&self, r: &crate::history::Revision) -> String {
        let mut o = String::with_capacity(160);
        o.push_str("<li><time datetime=\"");
        esc(&mut o, &r.date.iso());
        o.push_str("\">");
        esc(&mut o, &r.date.vietnamese());
        o.push_str("</time> <span class=\"msg\">");
        match &r.summary {
            Some(m) => esc(&mut o, m),
            None => o.push_str(&self.history[4]),
        }
        o.push_str("</span></li>\n");
        o
    }

    /// `history(history, t)`: a record's revision history, from the newest revision, the
    /// list items of those shown (each from [`Builtins::history_item`]) and the count.
    pub(super) fn history(
        &self,
        last: &crate::history::Revision,
        items: &[&str],
        count: usize,
    ) -> String {
        let [heading, updated, on, times, _, older] = &self.history;
        let mut n = itoa::Buffer::new();
        let count_text = n.format(count).to_string();
        let mut o = String::with_capacity(400 + items.iter().map(|i| i.len()).sum::<usize>());
        o.push_str(
            "<section aria-labelledby=\"h-history\" class=\"history\">\n<h2 id=\"h-history\">",
        );
        o.push_str(heading);
        o.push_str("</h2>\n<p class=\"updated\">");
        o.push_str(updated);
        o.push_str(": ");
        o.push_str(on);
        o.push_str(" <time datetime=\"");
        esc(&mut o, &last.date.iso());
        o.push_str("\">");
        esc(&mut o, &last.date.vietnamese());
        o.push_str("</time> · ");
        o.push_str(&count_text);
        o.push(' ');
        o.push_str(times);
        o.push_str("</p>\n<ol class=\"history-list\" reversed start=\"");
        o.push_str(&count_text);
        o.push_str("\">\n");
        for item in items {
            o.push_str(item);
        }
        o.push_str("</ol>\n");
        if count > items.len() {
            o.push_str("<p class=\"sub\">");
            o.push_str(older);
            o.push_str(": ");
            o.push_str(n.format(count - items.len()));
            o.push_str("</p>\n");
        }
        o.push_str("</section>\n");
        o
    }
}

/// What the head of a page says about it.
pub(super) struct PageHead<'a> {
    pub title: &'a str,
    pub section: &'a str,
    pub description: &'a str,
    pub canonical: &'a str,
    pub has_code: bool,
    /// A person's portrait, for link previews.
    pub photo: Option<&'a str>,
}

impl Builtins {
    /// `page_head(page, site, t, photo)`: what every page's head says about the page, from
    /// `<title>` to the icon link (title, description, canonical address, link previews,
    /// stylesheets).
    pub(super) fn page_head(&self, site: &crate::config::Settings, p: &PageHead) -> String {
        let mut o = String::with_capacity(
            1100 + 4 * p.title.len() + 3 * p.description.len() + 3 * site.title.len(),
        );
        o.push_str("<title>");
        if p.section != "home" {
            esc(&mut o, p.title);
            o.push_str(" – ");
        }
        esc(&mut o, &site.title);
        o.push_str("</title>\n<meta name=\"description\" content=\"");
        esc(&mut o, p.description);
        o.push_str("\">\n<link rel=\"canonical\" href=\"");
        esc(&mut o, p.canonical);
        o.push_str("\">\n<meta property=\"og:site_name\" content=\"");
        esc(&mut o, &site.title);
        o.push_str("\">\n<meta property=\"og:title\" content=\"");
        esc(&mut o, p.title);
        o.push_str("\">\n<meta property=\"og:description\" content=\"");
        esc(&mut o, p.description);
        o.push_str("\">\n<meta property=\"og:url\" content=\"");
        esc(&mut o, p.canonical);
        o.push_str("\">\n<meta property=\"og:type\" content=\"");
        o.push_str(if p.section == "home" {
            "website"
        } else {
            "article"
        });
        o.push_str("\">\n<meta property=\"og:locale\" content=\"");
        o.push_str(if site.language == "vi" {
            "vi_VN"
        } else {
            "en_GB"
        });
        o.push_str("\">\n");
        if let Some(photo) = p.photo {
            o.push_str("<meta property=\"og:image\" content=\"");
            esc(&mut o, &site.base_url);
            esc(&mut o, photo);
            o.push_str("\">\n");
        }
        o.push_str("<meta name=\"twitter:card\" content=\"");
        o.push_str(if p.photo.is_some() {
            "summary_large_image"
        } else {
            "summary"
        });
        o.push_str("\">\n<meta name=\"twitter:title\" content=\"");
        esc(&mut o, p.title);
        o.push_str("\">\n<meta name=\"twitter:description\" content=\"");
        esc(&mut o, p.description);
        o.push_str("\">\n<link rel=\"stylesheet\" href=\"/assets/style.css\">\n<link rel=\"stylesheet\" href=\"/assets/print.css\" media=\"print\">\n");
        if p.has_code {
            o.push_str("<link rel=\"stylesheet\" href=\"/assets/highlight.css\">\n");
        }
        o.push_str("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"");
        esc(&mut o, &site.title);
        o.push_str("\" href=\"/atom.xml\">\n<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">\n");
        o
    }
}

/// The last cell of a row in a recipients table.
pub(super) enum LastCell<'v> {
    /// The decision's shared cell (tables listing recipients of many decisions).
    Award(&'v str),
    /// The reward, on a decision's own page (`None`: the cell shows a dash; a decision
    /// without any reward has no such column).
    Amount(Option<&'v str>),
}

impl Builtins {
    /// `recipients(rows, t, show_award, show_amount)`: a recipients table, from each row's
    /// shared cells and its last cell.
    pub(super) fn recipients<'v>(
        &self,
        rows: impl ExactSizeIterator<Item = (&'v str, LastCell<'v>)>,
        show_award: bool,
        show_amount: bool,
    ) -> String {
        let mut o = String::with_capacity(600 + rows.len() * 900);
        o.push_str("<div class=\"table-wrap\">\n<table class=\"recipients\">\n  <thead>\n    <tr>\n      <th scope=\"col\" class=\"c-no\">#</th>\n      <th scope=\"col\" class=\"c-name\">");
        o.push_str(&self.name);
        o.push_str("</th>\n      <th scope=\"col\" class=\"c-form\">");
        o.push_str(&self.form);
        o.push_str("</th>\n      <th scope=\"col\" class=\"c-ach\">");
        o.push_str(&self.achievement);
        o.push_str("</th>\n");
        if show_award {
            o.push_str("<th scope=\"col\" class=\"c-last\">");
            o.push_str(&self.decision);
            o.push_str("</th>");
        } else if show_amount {
            o.push_str("<th scope=\"col\" class=\"c-last num\">");
            o.push_str(&self.amount);
            o.push_str("</th>");
        }
        o.push_str("    </tr>\n  </thead>\n  <tbody>\n");
        let mut n = itoa::Buffer::new();
        for (i, (cells, last)) in rows.enumerate() {
            o.push_str("    <tr>\n      <td class=\"c-no\" data-label=\"#\">");
            o.push_str(n.format(i + 1));
            o.push_str("</td>\n");
            o.push_str(cells);
            match last {
                LastCell::Award(cell) if show_award => o.push_str(cell),
                LastCell::Amount(amount) if !show_award && show_amount => {
                    o.push_str("<td class=\"c-last num");
                    let amount = amount.filter(|a| !a.is_empty());
                    if amount.is_none() {
                        o.push_str(" is-empty");
                    }
                    o.push_str("\" data-label=\"");
                    o.push_str(&self.amount);
                    o.push_str("\">");
                    esc(&mut o, amount.unwrap_or("–"));
                    o.push_str("</td>\n");
                }
                _ => {}
            }
            o.push_str("    </tr>\n");
        }
        o.push_str("  </tbody>\n</table>\n</div>\n");
        o
    }
}

/// Escaped text (writing to a string cannot fail).
fn esc(o: &mut String, s: &str) {
    let _ = escape_into(o, s);
}

/// `{% if list %}<p class="fields">{% for f in list %}<a class="chip" …>…</a>{% endfor %}</p>{% endif %}`.
fn chips(o: &mut String, list: &Value) {
    if list.is_true() {
        o.push_str("<p class=\"fields\">");
        for f in list.try_iter().into_iter().flatten() {
            o.push_str("<a class=\"chip\" href=\"");
            put(o, &f.get_attr("url").unwrap_or_default());
            o.push_str("\">");
            put(o, &f.get_attr("label").unwrap_or_default());
            o.push_str("</a>");
        }
        o.push_str("</p>");
    }
}

/// `<a href="{{ l.url }}">{{ l.label }}</a>`.
fn link(o: &mut String, l: &Link) {
    o.push_str("<a href=\"");
    esc(o, &l.url);
    o.push_str("\">");
    esc(o, &l.label);
    o.push_str("</a>");
}

/// A template value as `{{ v }}` prints it: text escaped (trusted HTML as it is),
/// integers as digits, nothing when undefined, anything else as the engine prints it.
fn put(o: &mut String, v: &Value) {
    if let Some(s) = v.as_str() {
        if v.is_safe() {
            o.push_str(s);
        } else {
            esc(o, s);
        }
        return;
    }
    if v.is_undefined() {
        return;
    }
    if let Some(n) = v.as_i64().filter(|_| v.is_integer()) {
        o.push_str(itoa::Buffer::new().format(n));
        return;
    }
    o.push_str(&print(v));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::Theme;

    #[test]
    fn the_default_macros_override_nothing_and_a_macro_of_a_builtin_name_does() {
        let site = tempfile::tempdir().unwrap();
        let theme = Theme::load(site.path(), "default").unwrap();
        let env = super::super::engine::environment(&theme).unwrap();
        assert_eq!(Overrides::of(&env), Overrides::default());
        let own = site.path().join("templates");
        std::fs::create_dir_all(&own).unwrap();
        let macros = String::from_utf8(theme.files["templates/macros.html"].clone()).unwrap();
        let text = format!("{macros}\n{{% macro card(item, t) %}}x{{% endmacro %}}\n{{% macro fields(list) %}}y{{% endmacro %}}\n");
        std::fs::write(own.join("macros.html"), text).unwrap();
        let env = super::super::engine::environment(&Theme::load(site.path(), "default").unwrap())
            .unwrap();
        let o = Overrides::of(&env);
        assert!(o.card && o.fields && !o.recipients && !o.page_head);
    }

    #[test]
    fn interface_strings_are_printed_as_the_templates_print_them() {
        let strings = |ui: &str| {
            let t: toml::Table = toml::from_str(&format!("[ui]\n{ui}\n[subjects]\n")).unwrap();
            super::super::strings::table(&t)
        };
        assert_eq!(
            label(&strings("name = \"A & <B>\""), "ui", "name"),
            "A &amp; &lt;B&gt;"
        );
        assert_eq!(label(&strings(""), "ui", "name"), "");
        assert_eq!(label(&strings("name = 3"), "ui", "name"), "3");
        assert_eq!(
            label(&strings("name = true"), "ui", "name"),
            print(&Value::from(true))
        );
    }
}
