//! Builds the demo site with the real binary and checks the output: every kind of page
//! exists, every internal link and asset resolves, pages cross-link, order is Vietnamese.

use crate::util::*;
use std::path::Path;
use std::sync::OnceLock;

/// The demo site is built once for all tests of this file.
fn built() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let o = vinhdanh(&demo_root(), &["build", "--output", out.to_str().unwrap()]);
        assert!(
            o.status.success(),
            "build failed: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        tmp
    })
    .path()
}

fn out() -> std::path::PathBuf {
    built().join("public")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// How many recipients the demo's decisions name.
/// Every honour of the demo: the recipients of its decisions, and the honours its people's
/// records list without a decision (`[[honours]]`).
fn demo_recipient_count() -> usize {
    demo_count("awards", "[[recipients]]") + demo_recorded_count()
}

/// The demo's honours recorded without their decision.
fn demo_recorded_count() -> usize {
    demo_count("people", "[[honours]]")
}

fn demo_count(folder: &str, block: &str) -> usize {
    content_slugs(folder)
        .iter()
        .map(|slug| {
            std::fs::read_to_string(demo_root().join(format!("content/{folder}/{slug}.md")))
                .unwrap()
                .lines()
                .filter(|l| l.trim() == block)
                .count()
        })
        .sum()
}

fn content_slugs(folder: &str) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(demo_root().join("content").join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn every_record_has_its_page() {
    let files = files(&out());
    for (folder, section) in [
        ("plans", "ke-hoach"),
        ("movements", "phong-trao"),
        ("people", "guong-dien-hinh"),
        ("awards", "khen-thuong"),
        ("notices", "cong-khai"),
    ] {
        let slugs = content_slugs(folder);
        assert!(!slugs.is_empty(), "demo has {folder}");
        for slug in slugs {
            assert!(
                files.contains(&format!("{section}/{slug}/index.html")),
                "missing page for {folder}/{slug}"
            );
        }
        assert!(
            files.contains(&format!("{section}/index.html")),
            "missing list {section}"
        );
    }
    for slug in content_slugs("pages") {
        assert!(files.contains(&format!("{slug}/index.html")));
    }
}

#[test]
fn every_kind_of_index_page_exists() {
    let files = files(&out());
    for f in [
        "index.html",
        "404.html",
        "nam/index.html",
        "nam/2022/index.html",
        "nam/2023/index.html",
        "nam/2024/index.html",
        "linh-vuc/index.html",
        "linh-vuc/giao-duc/index.html",
        "linh-vuc/van-hoa/index.html",
        "hinh-thuc/index.html",
        "hinh-thuc/giay-khen/index.html",
        "hinh-thuc/gia-dinh-van-hoa/index.html",
        "don-vi/index.html",
        // Thôn Bình Hàn was merged into Thôn Tân Bình (`[[units]]` in site.toml).
        "don-vi/thon-tan-binh/index.html",
        "bang-vang/index.html",
        "bang-vang/dd/index.html",
        "assets/style.css",
        "assets/print.css",
    ] {
        assert!(files.contains(f), "missing {f}");
    }
    // One page per declared field and form, even when empty.
    assert_eq!(
        files
            .iter()
            .filter(|f| f.starts_with("linh-vuc/") && f.ends_with("/index.html"))
            .count(),
        14
    );
}

#[test]
fn every_internal_link_and_asset_resolves() {
    let out = out();
    for f in files(&out).iter().filter(|f| f.ends_with(".html")) {
        for link in links(&read(f)) {
            assert!(
                !link.starts_with("http://") && !link.contains("cdn"),
                "{f} loads a third party: {link}"
            );
            // Links out only to the sources records name (the demo's are on `.example`
            // hosts); nothing is loaded from them.
            if link.starts_with("https://") && !link.starts_with("https://vinhdanh.tanviet.example")
            {
                let host = link["https://".len()..].split('/').next().unwrap();
                assert!(host.ends_with(".example"), "{f} links out to {link}");
                assert!(
                    read(f).contains(&format!("rel=\"nofollow noopener\" href=\"{link}\"")),
                    "{f}: a source link without rel=nofollow noopener: {link}"
                );
            }
        }
    }
    let (checked, broken) = check_links(&out);
    assert!(checked > 1000, "only {checked} links checked");
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn person_page_lists_the_awards_linked_to_them() {
    let html = read("guong-dien-hinh/nguyen-van-duc/index.html");
    assert!(html.contains("Nguyễn Văn Đức"));
    // Every award naming this person links back from the person's page.
    let mut expected = 0;
    for slug in content_slugs("awards") {
        let src =
            std::fs::read_to_string(demo_root().join(format!("content/awards/{slug}.md"))).unwrap();
        if src.contains("person = \"nguyen-van-duc\"") {
            expected += 1;
            assert!(
                html.contains(&format!("href=\"/khen-thuong/{slug}/\"")),
                "missing link to {slug}"
            );
        }
    }
    assert!(expected > 0, "the demo links Nguyễn Văn Đức to an award");
}

#[test]
fn award_page_shows_recipients_table_and_links() {
    let html = read("khen-thuong/2024-168-qd-ubnd/index.html");
    assert!(html.contains("<table class=\"recipients\">"));
    assert!(html.contains("<th scope=\"col\""));
    assert!(html.contains("href=\"/hinh-thuc/gia-dinh-van-hoa/\""));
    // The notice that preceded it is linked, and the notice links back.
    assert!(html.contains("href=\"/cong-khai/gia-dinh-van-hoa-2024-thon-binh-han/\""));
    let notice = read("cong-khai/gia-dinh-van-hoa-2024-thon-binh-han/index.html");
    assert!(notice.contains("href=\"/khen-thuong/2024-168-qd-ubnd/\""));
}

#[test]
fn home_page_has_theme_latest_awards_and_browse_links() {
    let html = read("index.html");
    assert!(html.contains("Đoàn kết, kỷ cương, sáng tạo, tăng tốc, hiệu quả"));
    assert!(html.contains("Xã Tân Việt"));
    for link in [
        "/nam/2024/",
        "/nam/2022/",
        "/linh-vuc/giao-duc/",
        "/bang-vang/",
    ] {
        assert!(
            html.contains(&format!("href=\"{link}\"")),
            "home lacks {link}"
        );
    }
    assert!(
        html.contains("href=\"/khen-thuong/2024-"),
        "latest awards are listed"
    );
    assert!(html.contains("lang=\"vi\""));
    // Names first: the latest honoured people and collectives, by name, before the
    // decision cards; a cancelled honour is not among them.
    let names = html
        .find("id=\"h-names\"")
        .expect("the latest honoured by name");
    let cards = html.find("id=\"h-latest\"").unwrap();
    assert!(names < cards);
    let section = &html[names..cards];
    assert!(
        section.contains("Lê Thị Thu Trang"),
        "the newest decision's recipient"
    );
    assert!(section.contains("3560/QĐ-UBND"), "with its decision");
    assert!(
        !section.contains("<s>") && !section.contains("Đã bị hủy bỏ"),
        "{section}"
    );
}

#[test]
fn year_page_groups_everything_of_the_year() {
    let html = read("nam/2023/index.html");
    assert!(html.contains("href=\"/khen-thuong/2023-"));
    assert!(
        !html.contains("href=\"/khen-thuong/2024-"),
        "2024 decisions are not on the 2023 page"
    );
    assert!(html.contains("href=\"/ke-hoach/ke-hoach-thi-dua-khen-thuong-2023/\""));
    // Names first: who was honoured that year opens the page, before the plan and the
    // movements, with every recipient of the year's decisions by name.
    let names_at = html.find("id=\"h-hon\"").expect("the year's honours");
    assert!(names_at < html.find("id=\"h-plan\"").unwrap());
    assert!(names_at < html.find("id=\"h-mv\"").unwrap());
    let mut names = 0;
    for f in content_slugs("awards")
        .iter()
        .filter(|s| s.starts_with("2023-"))
    {
        let text =
            std::fs::read_to_string(demo_root().join(format!("content/awards/{f}.md"))).unwrap();
        for line in text.lines().filter(|l| l.starts_with("name = ")) {
            let name = line.trim_start_matches("name = ").trim_matches('"');
            assert!(html[names_at..].contains(name), "{name} on the 2023 page");
            names += 1;
        }
    }
    assert!(names > 3, "{names}");
}

#[test]
fn movement_page_lists_its_awards_across_years() {
    let html = read("phong-trao/nong-thon-moi/index.html");
    let mut years = std::collections::BTreeSet::new();
    for link in links(&html) {
        if let Some(rest) = link.strip_prefix("/khen-thuong/") {
            if rest.len() > 4 {
                years.insert(rest[..4].to_string());
            }
        }
    }
    assert!(!years.is_empty(), "the movement page lists awards");
    // Names first: who was honoured in the movement, before its decisions' cards.
    let names = html
        .find("id=\"h-hon\"")
        .expect("the movement's honours by name");
    assert!(names < html.find("id=\"h-awards\"").unwrap());
    let field = read("linh-vuc/nong-thon-moi/index.html");
    let at = field
        .find("id=\"h-hon\"")
        .expect("the field's honours by name");
    assert!(at < field.find("id=\"h-aw\"").unwrap());
    for f in std::fs::read_dir(demo_root().join("content/awards")).unwrap() {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
        if text.contains("movement = \"nong-thon-moi\"") {
            let name = text
                .lines()
                .find_map(|l| l.strip_prefix("name = "))
                .unwrap()
                .trim_matches('"')
                .to_string();
            assert!(
                html[names..].contains(&name),
                "{name} on the movement's page"
            );
        }
    }
}

#[test]
fn honour_roll_is_in_vietnamese_order_by_given_name() {
    let html = read("bang-vang/index.html");
    let headings: Vec<&str> = html
        .split("<h2 id=\"chu-")
        .skip(1)
        .map(|s| {
            let s = &s[s.find('>').unwrap() + 1..];
            &s[..s.find('<').unwrap()]
        })
        .collect();
    // The letters of people, then the sections of households, collectives and villages.
    let order = "A Ă Â B C D Đ E Ê G H I K L M N O Ô Ơ P Q R S T U Ư V X Y";
    let sections = ["Hộ gia đình", "Tập thể", "Thôn, tổ dân phố"];
    let pos = |l: &str| {
        order
            .split(' ')
            .position(|x| x == l)
            .or_else(|| sections.iter().position(|s| *s == l).map(|p| 100 + p))
            .unwrap_or_else(|| panic!("an unknown heading {l}"))
    };
    assert!(headings.len() >= 8, "{headings:?}");
    assert!(
        headings.windows(2).all(|w| pos(w[0]) < pos(w[1])),
        "letters out of order: {headings:?}"
    );
    assert!(headings.ends_with(&sections), "{headings:?}");
    // Each honouree once, with all their honours: Lương Thị Thanh Hương holds two.
    let entry = |name: &str| {
        let at = html
            .find(&format!(">{name}</a>"))
            .unwrap_or_else(|| panic!("{name}"));
        let rest = &html[at..];
        rest[..rest.find("</ul>").unwrap()].to_string()
    };
    assert_eq!(html.matches(">Lương Thị Thanh Hương</a>").count(), 1);
    let huong = entry("Lương Thị Thanh Hương");
    assert!(
        huong.contains("2105/QĐ-UBND") && huong.contains("1652/QĐ-UBND"),
        "{huong}"
    );
    // Households by the head's given name: Bình, Hùng, Khánh.
    let (b, h, k) = (
        html.find(">Hộ ông Trần Văn Bình<").unwrap(),
        html.find(">Hộ ông Đào Văn Hùng<").unwrap(),
        html.find(">Hộ ông Nguyễn Văn Khánh<").unwrap(),
    );
    assert!(b < h && h < k);
    // D comes before Đ and Đ before E, which byte order would not give.
    if let (Some(d), Some(dd)) = (html.find("id=\"chu-d\""), html.find("id=\"chu-dd\"")) {
        assert!(d < dd);
    }
}

#[test]
fn pages_without_consent_do_not_publish_a_story() {
    let src = std::fs::read_to_string(demo_root().join("content/people/ngo-thi-lan.md")).unwrap();
    assert!(!src.contains("consent = true"));
    let html = read("guong-dien-hinh/ngo-thi-lan/index.html");
    assert!(html.contains("class=\"note\""));
}

#[test]
fn output_has_no_script_and_no_third_party() {
    for f in files(&out()).iter().filter(|f| f.ends_with(".html")) {
        let html = read(f);
        // The search page's script, and the notices' status script (the page shows the
        // build day's status without it).
        let notices_js = html
            .matches("<script src=\"/assets/notices.js\" defer ")
            .count();
        if f != "tim-kiem/index.html" {
            assert_eq!(
                html.matches("<script src").count(),
                notices_js,
                "{f} needs JavaScript"
            );
        }
        let scripts = html.matches("<script").count();
        assert_eq!(
            scripts,
            (html
                .matches("<script type=\"application/ld+json\">")
                .count()
                + html
                    .matches("<script src=\"/assets/search.js\" defer></script>")
                    .count()
                + notices_js),
            "{f} has a script"
        );
        assert!(!html.contains("style=\""), "{f} has inline style");
    }
}

#[test]
fn feeds_sitemap_and_robots() {
    let out = out();
    let all = files(&out);
    let feeds: Vec<&String> = all.iter().filter(|f| f.ends_with("atom.xml")).collect();
    // The site, five kinds and thirteen fields.
    assert_eq!(feeds.len(), 1 + 5 + 13, "{feeds:?}");
    for f in &feeds {
        let xml = read(f);
        assert!(
            xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>"),
            "{f}"
        );
        assert!(xml.contains(&format!("rel=\"self\" type=\"application/atom+xml\" href=\"https://vinhdanh.tanviet.example/{f}\"")), "{f}");
        assert_eq!(
            xml.matches("<entry>").count(),
            xml.matches("</entry>").count()
        );
        for link in xml.split("<id>https://vinhdanh.tanviet.example").skip(2) {
            let url = &link[..link.find('<').unwrap()];
            assert!(
                all.contains(&target_of(url).unwrap()),
                "{f}: {url} does not exist"
            );
        }
    }
    let site_feed = read("atom.xml");
    assert!(
        site_feed.matches("<entry>").count() >= 40,
        "the site feed holds the newest 50 records"
    );
    let awards_feed = read("khen-thuong/atom.xml");
    assert!(awards_feed.contains("Quyết định số") && !awards_feed.contains("/guong-dien-hinh/"));
    assert!(
        read("index.html").contains("href=\"/atom.xml\""),
        "pages announce the feed"
    );

    let sitemap = read("sitemap.xml");
    let listed: Vec<&str> = sitemap
        .split("<loc>https://vinhdanh.tanviet.example")
        .skip(1)
        .map(|s| &s[..s.find('<').unwrap()])
        .collect();
    let pages: Vec<&String> = all
        .iter()
        .filter(|f| f.ends_with(".html") && *f != "404.html")
        .collect();
    assert_eq!(
        listed.len(),
        pages.len(),
        "every page is in the sitemap once"
    );
    for url in listed {
        assert!(
            all.contains(&target_of(url).unwrap()),
            "sitemap lists a missing page {url}"
        );
    }
    let robots = read("robots.txt");
    assert!(
        robots.contains("Sitemap: https://vinhdanh.tanviet.example/sitemap.xml\n"),
        "{robots}"
    );
}

#[test]
fn security_headers_and_sharing_tags() {
    let headers = read("_headers");
    assert!(headers.contains(
        "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'"
    ));
    assert!(headers.contains("X-Content-Type-Options: nosniff"));
    let html = read("khen-thuong/2024-168-qd-ubnd/index.html");
    assert!(
        html.contains("<meta property=\"og:title\" content=\"Quyết định số 168/QĐ-UBND"),
        "Open Graph title"
    );
    assert!(html.contains("<meta property=\"og:url\" content=\"https://vinhdanh.tanviet.example/khen-thuong/2024-168-qd-ubnd/\">"));
    assert!(html.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    // Nothing the policy would block: no inline script, style or event handler anywhere.
    let handler = regex::Regex::new(r"<[^>]*\son[a-z]+\s*=").unwrap();
    for f in files(&out()).iter().filter(|f| f.ends_with(".html")) {
        let page = read(f);
        // JSON-LD data blocks are not scripts the policy governs; nothing else may be.
        let scripts = page.matches("<script").count();
        let data_blocks = page
            .matches("<script type=\"application/ld+json\">")
            .count()
            + page
                .matches("<script src=\"/assets/search.js\" defer></script>")
                .count()
            + page
                .matches("<script src=\"/assets/notices.js\" defer ")
                .count();
        assert!(
            !page.contains("<style") && !page.contains("style=\"") && scripts == data_blocks,
            "{f}"
        );
        assert!(!handler.is_match(&page), "{f} has an event handler");
    }
}

#[test]
fn open_data_csv_and_json_with_documented_columns() {
    let out = out();
    let recipients: usize = demo_recipient_count();
    let csv = std::fs::read(out.join("du-lieu/khen-thuong.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[0], "decision_number");
    assert!(header.contains(&"achievement".to_string()) && header.contains(&"form".to_string()));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), recipients, "one row per recipient");
    assert!(
        rows.iter().any(|r| r.iter().any(|c| c == "Nguyễn Văn Đức")),
        "Vietnamese survives"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("du-lieu/khen-thuong.json")).unwrap())
            .unwrap();
    assert_eq!(json.as_array().unwrap().len(), recipients);
    for set in ["guong-dien-hinh", "phong-trao"] {
        let json: serde_json::Value = serde_json::from_slice(
            &std::fs::read(out.join(format!("du-lieu/{set}.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(
            json.as_array().unwrap().len(),
            content_slugs(if set == "phong-trao" {
                "movements"
            } else {
                "people"
            })
            .len()
        );
    }
    let page = read("du-lieu/index.html");
    for link in [
        "/du-lieu/khen-thuong.csv",
        "/du-lieu/khen-thuong.json",
        "/du-lieu/guong-dien-hinh.csv",
        "/du-lieu/phong-trao.json",
        "/du-lieu/cong-khai.csv",
        "/du-lieu/cong-khai.json",
    ] {
        assert!(page.contains(&format!("href=\"{link}\"")), "{link}");
    }
    // Every column is documented.
    assert_eq!(
        page.matches("<tr><th scope=\"row\"><code>").count(),
        26 + 12 + 13 + 16
    );
    assert!(!page.contains("<td></td>"), "a column lacks its meaning");
}

#[test]
fn statistics_page_has_svg_charts_with_tables() {
    let html = read("thong-ke/index.html");
    assert_eq!(
        html.matches("<svg class=\"chart\"").count(),
        9,
        "per year, field, form, unit, kind of subject (in all, per year), level (in all, per year), direct workers"
    );
    assert_eq!(html.matches("role=\"img\"").count(), 9);
    assert_eq!(
        html.matches("<table class=\"summary-table\">").count(),
        9,
        "each chart has its numbers in a table"
    );
    // What the 2024 plan asks about: honours to small collectives and direct workers.
    for id in [
        "h-doi-tuong",
        "h-doi-tuong-nam",
        "h-cap",
        "h-cap-nam",
        "h-truc-tiep",
    ] {
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
    let kinds = &html
        [html.find("id=\"h-doi-tuong\"").unwrap()..html.find("id=\"h-doi-tuong-nam\"").unwrap()];
    assert!(
        kinds.contains("Hộ gia đình") && kinds.contains("Cá nhân"),
        "{kinds}"
    );
    // Direct workers by their position: in 2024 a farmer ("Nông dân", 160/QĐ-UBND) and a
    // pupil ("Học sinh Trường THCS Tân Việt", 75/QĐ-UBND) of nine individuals; in 2023 a
    // freelance worker and a pupil ("Lao động tự do", "Học sinh lớp 8", 57/QĐ-UBND); the head
    // of the farmers' association (2022, "Chi hội trưởng Chi hội Nông dân") is not one.
    let direct = &html[html.find("id=\"h-truc-tiep\"").unwrap()..];
    assert!(direct.contains("2024: 2/9 (22%)"), "{direct}");
    assert!(direct.contains("2023: 2/6 (33%)"), "{direct}");
    assert!(direct.contains("2022: 0/3 (0%)"), "{direct}");
    // The per-year table adds up to every honour in force: every recipient of every
    // decision and every recorded honour, less those a later decision cancelled (the open
    // data keeps them, with their status).
    let csv = read("du-lieu/khen-thuong.csv");
    let void = csv
        .lines()
        .filter(|l| l.contains(",da-huy-bo,") || l.contains(",da-thay-the,"))
        .count();
    assert!(void > 0, "the demo cancels an honour");
    // The open data says who is a direct worker, as the chart counts them, and links every
    // recipient to their page.
    let json: serde_json::Value = serde_json::from_str(&read("du-lieu/khen-thuong.json")).unwrap();
    let rows = json.as_array().unwrap();
    let direct = rows.iter().filter(|r| r["direct_worker"] == true).count();
    assert!(direct >= 2, "{direct} direct workers in the open data");
    assert!(rows.iter().all(|r| r["person_url"]
        .as_str()
        .is_some_and(|u| u.contains("/nguoi-duoc-khen/") || u.contains("/guong-dien-hinh/"))));
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .contains(",posthumous,direct_worker,amount,"));
    let recipients: usize = demo_recipient_count() - void;
    let year_table =
        &html[html.find("id=\"h-nam\"").unwrap()..html.find("id=\"h-linh-vuc\"").unwrap()];
    // Each row: the count, then (when any honour is recorded from another source) how many
    // of them are.
    let cells = |col: usize| -> usize {
        year_table
            .split("<tr><th scope=\"row\">")
            .skip(1)
            .map(|row| {
                let cell = row.split("<td class=\"num\">").nth(col).unwrap();
                cell[..cell.find('<').unwrap()].parse::<usize>().unwrap()
            })
            .sum()
    };
    assert_eq!(cells(1), recipients);
    assert_eq!(cells(2), demo_recorded_count());
    assert!(demo_recorded_count() > 0);
}

#[test]
fn json_ld_describes_the_commune_and_people_with_their_awards() {
    let json_of = |html: &str| -> serde_json::Value {
        let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
        let end = start + html[start..].find("</script>").unwrap();
        serde_json::from_str(&html[start..end]).unwrap()
    };
    let home = json_of(&read("index.html"));
    assert_eq!(home["@type"], "GovernmentOrganization");
    assert_eq!(home["name"], "Xã Tân Việt");
    // A decision: `Legislation` with its number, date, body and the honours in force.
    let d = json_of(&read("khen-thuong/2024-168-qd-ubnd/index.html"));
    assert_eq!(d["@type"], "Legislation", "{d}");
    assert_eq!(d["legislationIdentifier"], "168/QĐ-UBND", "{d}");
    assert_eq!(d["legislationDate"], "2024-12-16", "{d}");
    assert_eq!(d["legislationLegalForce"], "InForce", "{d}");
    assert_eq!(
        d["url"],
        "https://vinhdanh.tanviet.example/khen-thuong/2024-168-qd-ubnd/"
    );
    let about = d["about"].as_array().unwrap();
    assert!(!about.is_empty(), "{d}");
    assert!(
        about
            .iter()
            .all(|r| r["award"].as_str().is_some_and(|a| !a.is_empty())),
        "{d}"
    );
    // An honour a later decision cancelled is not among what the decision is about.
    let d = json_of(&read("khen-thuong/2024-172-qd-ubnd/index.html"));
    let names: Vec<&str> = d["about"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert!(
        !names.is_empty() && !names.contains(&"Đỗ Văn Nam"),
        "{names:?}"
    );
    let person = json_of(&read("guong-dien-hinh/nguyen-van-duc/index.html"));
    assert_eq!(person["@type"], "Person");
    assert_eq!(person["name"], "Nguyễn Văn Đức");
    assert!(
        person["award"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a.as_str().unwrap().contains("QĐ-UBND")),
        "{person}"
    );
}
