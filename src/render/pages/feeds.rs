//! Feeds and crawl files: the Atom feeds (of the site, of each kind, of each field), the
//! sitemap and robots.txt.

use super::Page;
use crate::date::Date;
use crate::error::Result;
use crate::model::{FieldId, Kind, Notice, NoticeId, Records};
use crate::render::reader::Reader;
use crate::render::renderer::Renderer;
use crate::render::OutputFile;
use minijinja::context;
use minijinja::value::Value;
use std::sync::Arc;

/// How many entries a feed holds.
const FEED_SIZE: usize = 50;

/// Lists the feeds and crawl files.
pub(super) fn add(r: &Renderer<'_>, pages: &mut Vec<Arc<dyn Page>>) {
    pages.push(Arc::new(Feed(Scope::All)));
    pages.extend(Kind::LISTED.map(|k| Arc::new(Feed(Scope::Kind(k))) as Arc<dyn Page>));
    for f in r.settings.field_ids() {
        pages.push(Arc::new(Feed(Scope::Field(f))));
    }
    pages.push(Arc::new(Calendar));
    pages.push(Arc::new(Sitemap));
    pages.push(Arc::new(Robots));
}

/// What a feed covers.
#[derive(Clone, Copy)]
enum Scope {
    All,
    Kind(Kind),
    Field(FieldId),
}

/// An Atom feed of the newest records.
struct Feed(Scope);

impl Page for Feed {
    fn kind(&self) -> &'static str {
        "feed"
    }

    fn id(&self, r: &Renderer<'_>) -> String {
        match self.0 {
            Scope::All => String::new(),
            Scope::Kind(k) => k.key().to_string(),
            Scope::Field(f) => format!("field:{}", r.settings[f].slug),
        }
    }

    fn address(&self, _r: &Renderer<'_>) -> Option<String> {
        None
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let s = cx.settings();
        let at = cx.at();
        // The page the feed belongs to, and its title.
        let (title, alternate) = match self.0 {
            Scope::All => (s.title.clone(), None),
            Scope::Kind(k) => (
                format!("{} – {}", cx.text("sections", k.key()), s.title),
                Some(at.list(k)),
            ),
            Scope::Field(f) => (
                format!("{} – {}", s[f].label, s.title),
                Some(at.field(&s[f].slug)),
            ),
        };
        let path = at.feed(alternate.as_deref());
        let scope = self.0;
        let entries = cx.select(|r, _| newest(r, scope), |&(_, kind, i)| (kind, i));
        let updated = entries
            .first()
            .map(|e| e.0.iso_day())
            .unwrap_or_else(|| "2000-01-01".into());
        let entries: Vec<Value> = entries
            .iter()
            .map(|&(date, kind, i)| {
                let m = cx.meta(kind, i);
                context! {
                    title => m.title.clone(),
                    url => m.url.clone(),
                    kind => kind.key(),
                    updated => date.iso_day(),
                    summary => m.summary.clone(),
                }
            })
            .collect();
        cx.render_file("atom.xml", path.clone(), || {
            context! {
                feed => context! {
                    title => title,
                    path => format!("/{path}"),
                    alternate => alternate.unwrap_or_else(|| at.home()),
                    updated => updated,
                },
                entries => entries,
            }
        })
    }
}

/// The newest records of a feed: (date, kind, index), newest first.
fn newest(r: &Records, scope: Scope) -> Vec<(Date, Kind, usize)> {
    let in_field = |fields: &[FieldId]| match scope {
        Scope::Field(f) => fields.contains(&f),
        _ => true,
    };
    let wants = |k: Kind| match scope {
        Scope::Kind(x) => x == k,
        Scope::Field(_) => k != Kind::Plan,
        Scope::All => true,
    };
    let mut all = Vec::new();
    let mut add = |kind: Kind, dated: &mut dyn Iterator<Item = (Date, &[FieldId])>| {
        if wants(kind) {
            all.extend(
                dated
                    .enumerate()
                    .filter(|(_, (_, fields))| kind == Kind::Plan || in_field(fields))
                    .map(|(i, (date, _))| (date, kind, i)),
            );
        }
    };
    add(Kind::Plan, &mut r.plans.iter().map(|x| (x.date, &[][..])));
    add(
        Kind::Movement,
        &mut r.movements.iter().map(|x| (x.start, &x.fields[..])),
    );
    // People have a year, not a date: they count from the year's first day.
    let new_year = |year| Date {
        year,
        month: 1,
        day: 1,
    };
    add(
        Kind::Person,
        &mut r.people.iter().map(|x| (new_year(x.year), &x.fields[..])),
    );
    add(
        Kind::Award,
        &mut r.awards.iter().map(|x| (x.date, &x.fields[..])),
    );
    add(
        Kind::Notice,
        &mut r.notices.iter().map(|x| (x.posted, &x.fields[..])),
    );
    let newest_first = |a: &(Date, Kind, usize), b: &(Date, Kind, usize)| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    };
    // Only the newest FEED_SIZE need sorting.
    if all.len() > FEED_SIZE {
        all.select_nth_unstable_by(FEED_SIZE, newest_first);
        all.truncate(FEED_SIZE);
    }
    all.sort_by(newest_first);
    all
}

/// The comment periods of the notices as an iCalendar file (RFC 5545), `cong-khai/lich.ics`:
/// one all-day event per notice with a deadline, from the day it is posted to its deadline.
struct Calendar;

impl Page for Calendar {
    fn kind(&self) -> &'static str {
        "calendar"
    }

    fn address(&self, _r: &Renderer<'_>) -> Option<String> {
        None
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let ids: Vec<NoticeId> = cx.select_ids(|r, ix| {
            let dated = |i: &NoticeId| r[*i].deadline.is_some();
            ix.notices_by_date.iter().copied().filter(dated).collect()
        });
        let today = cx.today();
        let notices: Vec<&Notice> = ids.iter().map(|&i| cx.notice(i)).collect();
        let s = cx.settings();
        let path = format!(
            "{}lich.ics",
            cx.at().list(Kind::Notice).trim_start_matches('/')
        );
        let bytes = cx.compute(|| calendar(s, &notices, today).into_bytes());
        if bytes.is_empty() {
            return Ok(Vec::new());
        }
        Ok(vec![OutputFile { path, bytes }])
    }
}

/// The iCalendar text of `notices`, stamped with the build date (the same bytes for the
/// same records and date).
pub(crate) fn calendar(s: &crate::config::Settings, notices: &[&Notice], today: Date) -> String {
    let host = s
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or(&s.base_url)
        .split('/')
        .next()
        .filter(|h| !h.is_empty())
        .unwrap_or("vinhdanh");
    let day = |d: Date| format!("{:04}{:02}{:02}", d.year, d.month, d.day);
    let mut o = String::new();
    let mut line = |text: String| fold(&mut o, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//vinhdanh//cong-khai//VI".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(&s.title)));
    for n in notices {
        let Some(deadline) = n.deadline else { continue };
        let end = Date::from_days(crate::config::last_day(deadline).days() + 1);
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}@{host}", n.meta.url.trim_matches('/')));
        line(format!("DTSTAMP:{}T000000Z", day(today)));
        line(format!("DTSTART;VALUE=DATE:{}", day(n.posted.first_day())));
        // DTEND of an all-day event is the day after the last one.
        line(format!("DTEND;VALUE=DATE:{}", day(end)));
        line(format!("SUMMARY:{}", escape(&n.meta.title)));
        line(format!("LOCATION:{}", escape(&n.place)));
        line(format!("DESCRIPTION:{}", escape(&n.contact)));
        line(format!("URL:{}{}", s.base_url, n.meta.url));
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    o
}

/// A TEXT value: backslash, comma, semicolon and line breaks escaped.
fn escape(text: &str) -> String {
    let mut o = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            ';' => o.push_str("\\;"),
            ',' => o.push_str("\\,"),
            '\n' => o.push_str("\\n"),
            '\r' => {}
            c => o.push(c),
        }
    }
    o
}

/// One content line ended by CRLF, folded so that no line is longer than 75 octets
/// (continuations start with a space), never inside a character.
fn fold(o: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            o.push_str("\r\n ");
            width = 1;
        }
        o.push(c);
        width += c.len_utf8();
    }
    o.push_str("\r\n");
}

/// `sitemap.xml`: every page of the site.
struct Sitemap;

impl Page for Sitemap {
    fn kind(&self) -> &'static str {
        "sitemap"
    }

    fn address(&self, _r: &Renderer<'_>) -> Option<String> {
        None
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        let urls = cx.page_urls();
        let last_changed = cx.last_changed();
        cx.render_file("sitemap.xml", "sitemap.xml".into(), || {
            context! { urls => urls, last_changed => last_changed }
        })
    }
}

/// `robots.txt`.
struct Robots;

impl Page for Robots {
    fn kind(&self) -> &'static str {
        "robots"
    }

    fn address(&self, _r: &Renderer<'_>) -> Option<String> {
        None
    }

    fn show(&self, cx: &mut Reader<'_, '_, '_>) -> Result<Vec<OutputFile>> {
        cx.render_file("robots.txt", "robots.txt".into(), || context! {})
    }
}
