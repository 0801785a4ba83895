//! The built-in components (cards, recipient cells and tables, the page head, field links:
//! `src/render/builtins.rs`) and the theme macros that override them by name.
//!
//! The default markup of each built-in is documented in the theme guide as the macro a theme
//! author copies (`docs/src/giao-dien.md`); these tests read the macros from there.

use crate::util::*;
use std::collections::BTreeMap;
use std::path::Path;

/// The names a theme's macro overrides.
const BUILTINS: [&str; 7] = [
    "card",
    "recipient_cells",
    "award_cell",
    "recipients",
    "page_head",
    "fields",
    "history",
];

/// The default macro of each built-in, from the theme guide's ```jinja blocks.
fn documented_macros() -> BTreeMap<String, String> {
    let guide = std::fs::read_to_string(demo_root().join("docs/src/giao-dien.md")).unwrap();
    let mut out = BTreeMap::new();
    let mut rest = guide.as_str();
    while let Some(i) = rest.find("```jinja\n") {
        rest = &rest[i + "```jinja\n".len()..];
        let end = rest.find("\n```").unwrap();
        let block = &rest[..end];
        rest = &rest[end..];
        if let Some(name) = block
            .strip_prefix("{% macro ")
            .and_then(|b| b.split('(').next())
        {
            out.insert(name.to_string(), format!("{block}\n"));
        }
    }
    let names: Vec<&str> = out.keys().map(String::as_str).collect();
    let mut expected = BUILTINS.to_vec();
    expected.sort();
    assert_eq!(names, expected, "the guide documents every built-in");
    out
}

fn default_template(name: &str) -> String {
    std::fs::read_to_string(demo_root().join("themes/default/templates").join(name)).unwrap()
}

/// A site's own `macros.html`: the default one plus these macros.
fn own_macros(site: &Path, macros: &[String]) {
    put(
        site,
        "templates/macros.html",
        &format!("{}\n{}", default_template("macros.html"), macros.concat()),
    );
}

fn demo_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_demo(tmp.path());
    tmp
}

/// Puts the demo copy in a git repository with a history that shows every part of the
/// `history` built-in: escaped messages, a withheld one, a file with more revisions than
/// are listed. False (and nothing done) without a `git` executable.
fn with_history(root: &Path) -> bool {
    if !have_git() {
        return false;
    }
    git(root, &["init", "-q", "-b", "main"]);
    commit(
        root,
        "Đăng hồ sơ <ban đầu> & quyết định",
        "2024-01-05T09:00:00+07:00",
    );
    let award = root.join("content/awards/2024-172-qd-ubnd.md");
    for i in 1..=11 {
        let text = std::fs::read_to_string(&award).unwrap();
        std::fs::write(&award, format!("{text}\n")).unwrap();
        commit(
            root,
            &format!("Rà soát lần {i}"),
            &format!("2024-02-{i:02}T09:00:00+07:00"),
        );
    }
    let text = std::fs::read_to_string(&award).unwrap();
    std::fs::write(&award, format!("{text}\n")).unwrap();
    commit(
        root,
        "Theo điện thoại 0912 345 678",
        "2024-03-01T09:00:00+07:00",
    );
    true
}

/// Builds the site and returns its HTML pages by path.
fn build_pages(site: &Path, args: &[&str]) -> BTreeMap<String, String> {
    let _ = std::fs::remove_dir_all(site.join("public"));
    vinhdanh_ok(site, &[&["build"], args].concat());
    let out = site.join("public");
    files(&out)
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .map(|f| {
            let text = std::fs::read_to_string(out.join(&f)).unwrap();
            (f, text)
        })
        .collect()
}

/// Pages where `mark` occurs, with how often.
fn counts(pages: &BTreeMap<String, String>, mark: &str) -> BTreeMap<String, usize> {
    pages
        .iter()
        .map(|(p, html)| (p.clone(), html.matches(mark).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// A theme's `card` macro (the documented one with a class added) renders every card on
/// every page: home, lists, years, fields, units, movements, plans, decisions.
#[test]
fn a_card_macro_of_the_theme_renders_every_card_on_every_page() {
    let site = demo_copy();
    let default = build_pages(site.path(), &[]);
    let cards = counts(&default, "class=\"card ");
    assert!(cards.len() > 30, "only {} pages show cards", cards.len());
    let card = documented_macros()["card"].replace(
        "<li class=\"card card-{{ item.kind }}\">",
        "<li class=\"card card-{{ item.kind }} own-card\">",
    );
    own_macros(site.path(), &[card]);
    let own = build_pages(site.path(), &[]);
    assert_eq!(counts(&own, "class=\"card "), cards);
    for (page, n) in &cards {
        assert_eq!(
            own[page].matches("class=\"card card-").count(),
            *n,
            "{page}"
        );
        let classes: Vec<&str> = own[page]
            .split("<li class=\"card card-")
            .skip(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .collect();
        assert!(
            classes.iter().all(|c| c.ends_with(" own-card")),
            "{page}: {classes:?}"
        );
    }
}

/// Overriding the recipient cells, the decision cell, the table, the page head and the
/// field links: each reaches every page showing it, and nothing else changes.
#[test]
fn cell_table_head_and_field_macros_of_the_theme_reach_every_page() {
    let site = demo_copy();
    let history = with_history(site.path());
    let default = build_pages(site.path(), &[]);
    let doc = documented_macros();
    // (macro, what the default markup says, what the theme's says instead)
    let changes = [
        // (At the start of a line: a notice's table of nominees is its template's own.)
        (
            "recipient_cells",
            "\n      <td class=\"c-name\"",
            "\n      <td class=\"c-name own-name\"",
        ),
        (
            "award_cell",
            "<td class=\"c-last\"",
            "<td class=\"c-last own-decision\"",
        ),
        (
            "recipients",
            "\n<table class=\"recipients\">",
            "\n<table class=\"recipients own-table\">",
        ),
        (
            "page_head",
            "<link rel=\"canonical\"",
            "<meta name=\"own-head\">\n<link rel=\"canonical\"",
        ),
        (
            "fields",
            "<p class=\"fields\">",
            "<p class=\"fields own-fields\">",
        ),
        (
            "history",
            "<section aria-labelledby=\"h-history\" class=\"history\">",
            "<section aria-labelledby=\"h-history\" class=\"history own-history\">",
        ),
    ];
    let macros: Vec<String> = changes
        .iter()
        .map(|(name, from, to)| {
            assert!(doc[*name].contains(from), "{name}");
            doc[*name].replace(from, to)
        })
        .collect();
    own_macros(site.path(), &macros);
    let own = build_pages(site.path(), &[]);
    assert_eq!(
        own.keys().collect::<Vec<_>>(),
        default.keys().collect::<Vec<_>>()
    );
    for (name, from, to) in changes {
        if name == "history" && !history {
            continue;
        }
        // A record's field links are in its facts (`<dd>`); those of cards are the card's.
        let at = if name == "fields" { "<dd>" } else { "" };
        let before = counts(&default, &format!("{at}{from}"));
        assert!(before.len() > 5, "{name}: only {} pages", before.len());
        assert_eq!(counts(&own, &format!("{at}{to}")), before, "{name}");
    }
    // With the changes undone, the pages are the default ones again.
    for (page, html) in &own {
        let mut back = html.clone();
        for (_, from, to) in changes {
            back = back.replace(to, from);
        }
        assert!(back == default[page], "{page} changed elsewhere");
    }
}

/// A default template that is not built in (copied to the site's `templates/` and
/// edited) changes every page that uses it: the layout, and the cards wrapper of
/// `macros.html`.
#[test]
fn an_edited_copy_of_a_default_template_changes_every_page_using_it() {
    let site = demo_copy();
    let default = build_pages(site.path(), &[]);
    let base = default_template("base.html");
    let from = "<main id=\"noi-dung\" class=\"wrap\"";
    assert!(base.contains(from));
    put(
        site.path(),
        "templates/base.html",
        &base.replace(from, "<main id=\"noi-dung\" class=\"wrap own-layout\""),
    );
    let macros = default_template("macros.html");
    assert!(macros.contains("<ul class=\"cards\">"));
    put(
        site.path(),
        "templates/macros.html",
        &macros.replace("<ul class=\"cards\">", "<ul class=\"cards own-list\">"),
    );
    let own = build_pages(site.path(), &[]);
    let layout = counts(&default, from);
    assert!(layout.len() > 100, "{} pages", layout.len());
    assert_eq!(counts(&own, "class=\"wrap own-layout\""), layout);
    let lists = counts(&default, "<ul class=\"cards\">");
    assert!(lists.len() > 30, "{} pages", lists.len());
    assert_eq!(counts(&own, "<ul class=\"cards own-list\">"), lists);
}

/// The documented macros, copied into a site's `macros.html`, give the same bytes as the
/// built-ins in every file, with drafts, an open notice, a portrait and a code block, in
/// both interface languages; so does an own template (`footer.html`) beside the built-ins.
#[test]
fn the_documented_macros_build_the_same_site_as_the_builtins() {
    let site = demo_copy();
    let root = site.path();
    // A draft card, a posthumous honour and a recipient without a person page are covered.
    let movement = root.join("content/movements/chuyen-doi-so.md");
    let text = std::fs::read_to_string(&movement).unwrap();
    std::fs::write(&movement, text.replacen("+++\n", "+++\ndraft = true\n", 1)).unwrap();
    // An open notice (no decision yet) as well as the decided ones.
    let notice = root.join("content/notices/gia-dinh-van-hoa-2024-thon-binh-han.md");
    let text = std::fs::read_to_string(&notice).unwrap();
    let open = text.replace("decision = \"2024-168-qd-ubnd\"\n", "");
    assert_ne!(open, text);
    let open = open.replace("+++\n", "+++\nslug = \"mo-2024\"\n");
    put(root, "content/notices/mo-2024.md", &open);
    // A portrait (a link-preview image in the head) and a page with a code block (the
    // highlighting stylesheet in the head).
    put_bytes(root, "static/anh/huong.jpg", &tiny_jpeg());
    let person = root.join("content/people/luong-thi-thanh-huong.md");
    let text = std::fs::read_to_string(&person).unwrap();
    let text = text.replacen("+++\n", "+++\nphoto = \"/anh/huong.jpg\"\n", 1);
    std::fs::write(&person, text).unwrap();
    let page = root.join("content/pages/gioi-thieu.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\n```toml\ntitle = \"Tân Việt\"\n```\n"),
    )
    .unwrap();
    // Every record page's revision history (when git is there to make one).
    let history = with_history(root);
    let documented: Vec<String> = documented_macros().into_values().collect();
    for language in ["vi", "en"] {
        let cfg = std::fs::read_to_string(root.join("site.toml")).unwrap();
        let cfg = cfg.replace("language = \"vi\"", &format!("language = \"{language}\""));
        std::fs::write(root.join("site.toml"), cfg).unwrap();
        let mut builds = Vec::new();
        for own in ["nothing", "footer.html", "every built-in as a macro"] {
            let _ = std::fs::remove_dir_all(root.join("templates"));
            match own {
                "footer.html" => put(
                    root,
                    "templates/footer.html",
                    &format!("{}{{# own footer #}}", default_template("footer.html")),
                ),
                "every built-in as a macro" => own_macros(root, &documented),
                _ => {}
            }
            let _ = std::fs::remove_dir_all(root.join("public"));
            // On the documented date of the demo a notice is open (its tag is compared too).
            vinhdanh_ok(root, &["build", "--drafts", "--today", "2024-12-20"]);
            builds.push((own, listing(&root.join("public"))));
        }
        let (_, builtin) = &builds[0];
        for (own, rendered) in &builds[1..] {
            assert_eq!(builtin.len(), rendered.len());
            for ((path, a), (path_b, b)) in builtin.iter().zip(rendered) {
                assert_eq!(path, path_b);
                assert!(
                    a == b,
                    "{language}, own {own}: {path} differs:\n{}\n---\n{}",
                    String::from_utf8_lossy(a),
                    String::from_utf8_lossy(b)
                );
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for (_, bytes) in builtin {
            let html = String::from_utf8_lossy(bytes);
            for mark in [
                "card card-award",
                "card card-person",
                "card card-movement",
                "card card-notice",
                "card card-plan",
                "tag tag-draft",
                "tag tag-deed",
                "tag tag-open",
                "class=\"c-name\"",
                "class=\"c-last\"",
                "class=\"c-last num\"",
                "is-empty",
                "<span class=\"tag\">",
                "og:image",
                "highlight.css\">",
                "<p class=\"fields\">",
                "class=\"history\"",
                "&lt;ban đầu&gt; &amp; quyết định",
                "<span class=\"msg\">(",
                "</ol>\n<p class=\"sub\">",
            ] {
                if html.contains(mark) {
                    seen.insert(mark);
                }
            }
        }
        let expected = if history { 20 } else { 16 };
        assert_eq!(seen.len(), expected, "{language}: only {seen:?} appear");
    }
}

/// A theme macro that fails makes the build fail with the template error, like any
/// template error (rather than leaving the component out).
#[test]
fn a_failing_override_fails_the_build() {
    let site = demo_copy();
    own_macros(
        site.path(),
        &["{% macro award_cell(a, t) %}{{ a.number + 1 }}{% endmacro %}\n".to_string()],
    );
    let o = vinhdanh(site.path(), &["build"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("(in macros.html:"), "{err}");
}

/// The default templates print what the renderer prepares: no template asks whether a
/// value was handed over, and the built-ins are not written a second time as macros.
#[test]
fn default_templates_have_no_hand_offs_and_no_copy_of_the_builtins() {
    let dir = demo_root().join("themes/default/templates");
    for f in files(&dir) {
        let text = std::fs::read_to_string(dir.join(&f)).unwrap();
        for hand_off in ["is defined", "is string", "item.html and", "r.cells %}"] {
            assert!(!text.contains(hand_off), "{f}: {hand_off}");
        }
        for name in BUILTINS {
            assert!(!text.contains(&format!("macro {name}(")), "{f}: {name}");
        }
    }
}
