//! Recipients straight from the clerk's list (issue 16, item 3): a decision names a
//! spreadsheet beside it (`recipients_file`), an `.xlsx` written here with rust_xlsxwriter
//! or a CSV saved by Excel on Windows in Windows-1258; every row is on the decision's page
//! and in the open data; a problem in a row names the file, sheet, row and column; the
//! preview reads the list again when it is saved; `vinhdanh import` writes the rows into
//! the decision instead.

use crate::util::*;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Thirty different Vietnamese names (family, middle and given names of real lists).
fn names() -> Vec<String> {
    let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"];
    let middle = ["Văn", "Thị", "Đức", "Ngọc", "Quang"];
    let given = [
        "Đức",
        "Hương",
        "Thắng",
        "Nhung",
        "Tuấn",
        "Hoà",
        "Bình",
        "Yến",
        "Khải",
        "Phượng",
    ];
    (0..30)
        .map(|i| {
            format!(
                "{} {} {}",
                family[i % 6],
                middle[i % 5],
                given[(i * 7 + i / 6) % 10]
            )
        })
        .collect()
}

/// A site made by `init`, with a decision made by `new` whose `[[recipients]]` example is
/// replaced by `recipients_file = "<list>"` and which is no longer a draft.
fn site_with_decision(list: &str) -> (tempfile::TempDir, String) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let o = init_site(root, &[]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = vinhdanh_ok(
        root,
        &[
            "--today",
            "2026-03-20",
            "new",
            "quyet-dinh",
            "Về việc tặng Giấy khen năm 2026",
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    let award = out
        .strip_prefix("đã tạo ")
        .and_then(|r| r.split(" (").next())
        .unwrap()
        .to_string();
    let text = std::fs::read_to_string(root.join(&award)).unwrap();
    // As the template's comment says: uncomment the line, name the file, delete the blocks.
    let start = text.find("# Mỗi người hoặc tập thể").unwrap();
    let end = text[start..].find("+++").unwrap() + start;
    let text = format!("{}{}", &text[..start], &text[end..])
        .replace(
            "# recipients_file = \"danh-sach.xlsx\"",
            &format!("recipients_file = \"{list}\""),
        )
        .replace("draft = true ", "");
    assert!(
        text.contains(&format!("recipients_file = \"{list}\"")),
        "{text}"
    );
    std::fs::write(root.join(&award), text).unwrap();
    (tmp, award)
}

/// A list as clerks make it: a title, the decision it goes with, the header, a row
/// numbering the columns, one row per person, a total and the signature.
fn write_xlsx(path: &Path, sheet: &str, rows: &[[&str; 6]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    ws.write_string(0, 0, "DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG")
        .unwrap();
    ws.write_string(1, 0, "(Kèm theo Quyết định số 2/QĐ-UBND ngày 20/3/2026)")
        .unwrap();
    for (c, h) in [
        "STT",
        "Họ và tên",
        "Chức vụ",
        "Thôn",
        "Hình thức",
        "Thành tích",
        "Số tiền (đồng)",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    for c in 0..7u16 {
        ws.write_string(4, c, format!("({})", c + 1)).unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        let row = 5 + i as u32;
        ws.write_number(row, 0, (i + 1) as f64).unwrap();
        for (c, v) in r.iter().enumerate().take(5) {
            if !v.is_empty() {
                ws.write_string(row, c as u16 + 1, *v).unwrap();
            }
        }
        // Amounts as numbers, the way Excel keeps them.
        if let Ok(n) = r[5].parse::<f64>() {
            ws.write_number(row, 6, n).unwrap();
        } else if !r[5].is_empty() {
            ws.write_string(row, 6, r[5]).unwrap();
        }
    }
    let after = 5 + rows.len() as u32;
    ws.write_string(after, 1, format!("Tổng cộng: {} người", rows.len()))
        .unwrap();
    ws.write_string(after + 2, 1, "NGƯỜI LẬP BIỂU").unwrap();
    ws.write_string(after + 2, 4, "CHỦ TỊCH").unwrap();
    book.save(path).unwrap();
}

/// Text as Excel on a Vietnamese Windows saves "CSV (Comma delimited)": Windows-1258,
/// whose letters with a tone are a letter plus a combining tone mark.
fn windows_1258(text: &str) -> Vec<u8> {
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut decomposed = String::new();
    for c in text.chars() {
        let parts: String = c.to_string().nfd().collect();
        let base: String = parts.chars().filter(|c| !TONES.contains(c)).collect();
        decomposed.extend(base.nfc());
        decomposed.extend(parts.chars().filter(|c| TONES.contains(c)));
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&decomposed);
    assert!(!unmappable, "{decomposed}");
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    bytes.into_owned()
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The built page of a decision (its file name is its slug).
fn decision_page(out: &Path, award: &str) -> String {
    let slug = Path::new(award)
        .file_stem()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let page = files(out)
        .into_iter()
        .find(|f| f.ends_with(&format!("{slug}/index.html")))
        .unwrap_or_else(|| panic!("no page for {slug}"));
    read(out, &page)
}

#[test]
fn thirty_rows_of_an_xlsx_and_a_windows_1258_csv_are_on_the_pages_and_in_the_open_data() {
    let names = names();
    let (tmp, award) = site_with_decision("2026-2-danh-sach.xlsx");
    let root = tmp.path();
    let rows: Vec<[String; 6]> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            [
                n.clone(),
                if i % 3 == 0 { "Trưởng thôn".into() } else { String::new() },
                format!("Thôn {}", ["Đông", "Tây", "Nam", "Bắc"][i % 4]),
                if i % 2 == 0 { "Giấy khen".into() } else { "giay-khen".into() },
                "Có thành tích xuất sắc trong phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”.".into(),
                "500000".into(),
            ]
        })
        .collect();
    let refs: Vec<[&str; 6]> = rows
        .iter()
        .map(|r| r.each_ref().map(|s| s.as_str()))
        .collect();
    let dir = root.join(&award).parent().unwrap().to_path_buf();
    write_xlsx(&dir.join("2026-2-danh-sach.xlsx"), "DS", &refs);

    // A second decision whose list Excel saved as CSV in Windows-1258.
    let o = vinhdanh_ok(
        root,
        &[
            "--today",
            "2026-03-21",
            "new",
            "quyet-dinh",
            "Về việc khen thưởng hộ gia đình",
        ],
    );
    let second = String::from_utf8_lossy(&o.stdout)
        .strip_prefix("đã tạo ")
        .and_then(|r| r.split(" (").next())
        .unwrap()
        .to_string();
    let text = read(root, &second);
    let start = text.find("# Mỗi người hoặc tập thể").unwrap();
    let end = text[start..].find("+++").unwrap() + start;
    let text = format!("{}{}", &text[..start], &text[end..])
        .replace("# recipients_file = \"danh-sach.xlsx\"", "recipients_file = \"ho-gia-dinh.csv\"\nsubject = \"ho-gia-dinh\"\nform = \"giay-khen\"\nachievement = \"Gia đình văn hóa tiêu biểu.\"")
        .replace("draft = true ", "");
    std::fs::write(root.join(&second), text).unwrap();
    let households: Vec<String> = names.iter().map(|n| format!("Hộ ông {n}")).collect();
    let mut csv = String::from("STT,Họ và tên,Đơn vị,Ghi chú\r\n");
    for (i, h) in households.iter().enumerate() {
        csv.push_str(&format!(
            "{},{h},Thôn Đồng Hòa,\"gọi trước, sáng thứ Hai\"\r\n",
            i + 1
        ));
    }
    std::fs::write(dir.join("ho-gia-dinh.csv"), windows_1258(&csv)).unwrap();

    let o = vinhdanh(root, &["build"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    // Which encoding was read is said, with the way to make it UTF-8.
    assert!(err.contains("ho-gia-dinh.csv"), "{err}");
    assert!(err.contains("đã đọc theo bảng mã Windows-1258"), "{err}");
    assert!(err.contains("vinhdanh check --fix"), "{err}");
    assert!(!err.contains("lỗi:"), "{err}");

    let out = root.join("public");
    let page = decision_page(&out, &award);
    for n in &names {
        assert!(page.contains(n.as_str()), "{n} on the page of {award}");
    }
    assert!(page.contains("Trưởng thôn"), "positions are read");
    assert!(page.contains("Thôn Bắc"), "units are read");
    let page2 = decision_page(&out, &second);
    for h in &households {
        assert!(page2.contains(h.as_str()), "{h} on the page of {second}");
    }
    assert!(
        !page2.contains("gọi trước"),
        "the Ghi chú column is never published"
    );
    let data = read(&out, "du-lieu/khen-thuong.csv");
    let json = read(&out, "du-lieu/khen-thuong.json");
    for n in names.iter().chain(&households) {
        assert!(data.contains(n.as_str()), "{n} in the open data (CSV)");
        assert!(json.contains(n.as_str()), "{n} in the open data (JSON)");
    }
    // 30 × 500,000 đồng, counted from numbers Excel stored.
    assert!(page.contains("15.000.000"), "the total of the amounts");
}

#[test]
fn a_bad_cell_names_the_file_the_sheet_the_row_and_the_column() {
    let (tmp, award) = site_with_decision("danh-sach.xlsx");
    let root = tmp.path();
    let dir = root.join(&award).parent().unwrap().to_path_buf();
    let mut rows: Vec<[&str; 6]> = vec![
        [
            "Nguyễn Văn An",
            "",
            "Thôn Đông",
            "Giấy khen",
            "Có thành tích.",
            "500000"
        ];
        7
    ];
    // Row 12 of the sheet (the 7th person: five rows above the list).
    rows[6] = [
        "Lê Văn Bảy",
        "",
        "Thôn Đông",
        "Giấy khen huyện",
        "Có thành tích.",
        "500000",
    ];
    rows[2] = [
        "Trần Thị Ba",
        "",
        "Thôn Đông",
        "Giấy khen",
        "Có thành tích.",
        "bảy trăm nghìn",
    ];
    write_xlsx(&dir.join("danh-sach.xlsx"), "DS", &rows);
    let o = vinhdanh(root, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    let file = Path::new(&award).parent().unwrap().join("danh-sach.xlsx");
    let file = file.display().to_string();
    assert!(err.contains(&file), "{err}");
    assert!(
        err.contains(
            "trang “DS”, dòng 12, cột E: Hình thức, danh hiệu “Giấy khen huyện” không tồn tại"
        ),
        "{err}"
    );
    assert!(err.contains("có phải"), "a suggestion: {err}");
    assert!(
        err.contains("trang “DS”, dòng 8, cột G: số tiền “bảy trăm nghìn” không phải một số đồng"),
        "{err}"
    );
    // Both at once, nothing about the decision's own file.
    assert!(err.contains("2 lỗi"), "{err}");
    let (_, v) = check_json(root);
    let lines: Vec<u64> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [8, 12], "{v}");
}

#[test]
fn a_list_that_is_not_there_or_outside_the_site_is_an_error() {
    let (tmp, award) = site_with_decision("khong-co.xlsx");
    let root = tmp.path();
    let o = vinhdanh(root, &["check"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("không có tệp danh sách"), "{err}");
    let text = read(root, &award).replace("khong-co.xlsx", "../../../etc/passwd.csv");
    std::fs::write(root.join(&award), text).unwrap();
    let err = String::from_utf8_lossy(&vinhdanh(root, &["check"]).stderr).to_string();
    assert!(
        err.contains("phải là tên một tệp trong thư mục của quyết định"),
        "{err}"
    );
    let text = read(root, &award).replace("../../../etc/passwd.csv", "ds.xls");
    std::fs::write(root.join(&award), text).unwrap();
    let err = String::from_utf8_lossy(&vinhdanh(root, &["check"]).stderr).to_string();
    assert!(
        err.contains("Excel đời cũ (.xls)") && err.contains(".xlsx"),
        "{err}"
    );
    // Not a workbook at all, with the right ending.
    let text = read(root, &award).replace("ds.xls", "ds.xlsx");
    std::fs::write(root.join(&award), text).unwrap();
    put(root, "content/awards/ds.xlsx", "đây không phải bảng tính");
    let err = String::from_utf8_lossy(&vinhdanh(root, &["check"]).stderr).to_string();
    assert!(err.contains("không đọc được bảng tính"), "{err}");
}

#[test]
fn import_writes_the_rows_into_the_decision() {
    let (tmp, award) = site_with_decision("danh-sach.xlsx");
    let root = tmp.path();
    let dir = root.join(&award).parent().unwrap().to_path_buf();
    let names = names();
    let rows: Vec<[&str; 6]> = names
        .iter()
        .map(|n| {
            [
                n.as_str(),
                "",
                "Thôn \"Đông\"",
                "Giấy khen",
                "Có thành tích.",
                "700000",
            ]
        })
        .collect();
    write_xlsx(&dir.join("danh-sach.xlsx"), "DS", &rows);
    vinhdanh_ok(root, &["build"]);
    let before = decision_page(&root.join("public"), &award);

    let list = dir.join("danh-sach.xlsx");
    let o = vinhdanh_ok(
        root,
        &[
            "import",
            list.to_str().unwrap(),
            "--into",
            root.join(&award).to_str().unwrap(),
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("đã ghi 30 người được khen"), "{out}");
    assert!(out.contains("trang “DS”"), "{out}");
    let text = read(root, &award);
    assert_eq!(text.matches("\n[[recipients]]\n").count(), 30, "{text}");
    assert!(!text.contains("recipients_file"), "{text}");
    assert!(
        text.contains("unit = \"Thôn \\\"Đông\\\"\""),
        "quotes escaped: {text}"
    );
    std::fs::remove_file(&list).unwrap();
    vinhdanh_ok(root, &["build"]);
    let after = decision_page(&root.join("public"), &award);
    for n in &names {
        assert!(after.contains(n.as_str()), "{n}");
    }
    assert_eq!(
        before.matches("<tr").count(),
        after.matches("<tr").count(),
        "the same rows from the file as from the list"
    );
}

#[test]
fn the_preview_reads_the_list_again_when_it_is_saved() {
    let (tmp, award) = site_with_decision("danh-sach.xlsx");
    let root = tmp.path();
    let dir = root.join(&award).parent().unwrap().to_path_buf();
    let list = dir.join("danh-sach.xlsx");
    let row = |n: &'static str| [n, "", "Thôn Đông", "Giấy khen", "Có thành tích.", ""];
    write_xlsx(&list, "DS", &[row("Nguyễn Văn An")]);
    let mut ws = vinhdanh::live::Workspace::open(root, false, None).unwrap();
    let first = ws.build_all().unwrap();
    let page = |u: &vinhdanh::live::Update| {
        u.written
            .iter()
            .find(|f| f.path.ends_with("2026-2-qd-ubnd/index.html"))
            .map(|f| String::from_utf8_lossy(&f.bytes).to_string())
    };
    assert!(page(&first).unwrap().contains("Nguyễn Văn An"));
    write_xlsx(&list, "DS", &[row("Nguyễn Văn An"), row("Phạm Thị Bích")]);
    let next = ws.update(std::slice::from_ref(&list)).unwrap();
    let html = page(&next).expect("the decision's page is rendered again");
    assert!(html.contains("Phạm Thị Bích"), "{html}");
}

/// Hostile lists: a zip bomb named .xlsx, a cell at the sheet's far corner, a CSV with a
/// quote never closed, random bytes, a list that links outside the site. Each is a message
/// (or nothing) in well under a few seconds, never a crash or a read outside the site.
#[test]
fn hostile_lists_are_refused_or_read_safely() {
    use std::io::Write;
    let (tmp, award) = site_with_decision("ds.xlsx");
    let root = tmp.path();
    let dir = root.join(&award).parent().unwrap().to_path_buf();
    let check = |what: &str| -> String {
        let started = std::time::Instant::now();
        let o = vinhdanh(root, &["check"]);
        let took = started.elapsed();
        assert!(took.as_secs() < 20, "{what}: {took:?}");
        assert!(matches!(o.status.code(), Some(0 | 1)), "{what}: {o:?}");
        String::from_utf8_lossy(&o.stderr).to_string()
    };

    // 101 MB of zeros in a few hundred kilobytes.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let zeros = vec![b'0'; 1 << 20];
    for _ in 0..101 {
        zip.write_all(&zeros).unwrap();
    }
    let bomb = zip.finish().unwrap().into_inner();
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());
    std::fs::write(dir.join("ds.xlsx"), &bomb).unwrap();
    let err = check("zip bomb");
    assert!(err.contains("giải nén ra hơn 100 MB"), "{err}");

    // A real list with one more cell at XFD1048576: read as the list it is.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "Họ và tên").unwrap();
    ws.write_string(0, 1, "Hình thức").unwrap();
    ws.write_string(0, 2, "Thành tích").unwrap();
    ws.write_string(1, 0, "Nguyễn Văn An").unwrap();
    ws.write_string(1, 1, "Giấy khen").unwrap();
    ws.write_string(1, 2, "Có thành tích.").unwrap();
    ws.write_string(1_048_575, 16_383, "xa").unwrap();
    book.save(dir.join("ds.xlsx")).unwrap();
    let started = std::time::Instant::now();
    let o = vinhdanh(root, &["check"]);
    assert!(
        o.status.success(),
        "far corner: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        started.elapsed().as_secs() < 5,
        "nothing allocated for the empty rectangle"
    );

    // CSV: a quote never closed, then random bytes.
    let text = read(root, &award).replace("ds.xlsx", "ds.csv");
    std::fs::write(root.join(&award), text).unwrap();
    std::fs::write(
        dir.join("ds.csv"),
        "Họ và tên,Hình thức\n\"Nguyễn Văn An,Giấy khen\n",
    )
    .unwrap();
    let err = check("open quote");
    assert!(err.contains("ds.csv"), "{err}");
    let noise: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(dir.join("ds.csv"), noise).unwrap();
    let err = check("random bytes");
    assert!(err.contains("ds.csv"), "{err}");

    // A link to a list outside the site is not read.
    #[cfg(unix)]
    {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(
            outside.path().join("bi-mat.csv"),
            "Họ và tên\nNgười Ngoài\n",
        )
        .unwrap();
        std::fs::remove_file(dir.join("ds.csv")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("bi-mat.csv"), dir.join("ds.csv")).unwrap();
        let err = check("link outside");
        assert!(err.contains("trỏ ra ngoài thư mục của trang"), "{err}");
        assert!(!err.contains("Người Ngoài"), "{err}");
    }
}

/// An OpenDocument sheet as LibreOffice saves it (mimetype, manifest, content.xml), with
/// the cells given.
fn write_ods(path: &Path, sheet: &str, rows: &[&[&str]]) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#).unwrap();
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    xml.push_str(&format!("<table:table table:name=\"{sheet}\">"));
    for row in rows {
        xml.push_str("<table:table-row>");
        for cell in row.iter() {
            if cell.is_empty() {
                xml.push_str("<table:table-cell/>");
            } else {
                xml.push_str(&format!("<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"));
            }
        }
        xml.push_str("</table:table-row>");
    }
    xml.push_str("</table:table></office:spreadsheet></office:body></office:document-content>");
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    std::fs::write(path, zip.finish().unwrap().into_inner()).unwrap();
}

#[test]
fn an_ods_list_from_libreoffice_is_read_and_a_sheet_chosen_by_name() {
    let (tmp, award) = site_with_decision("ds.ods");
    let root = tmp.path();
    let dir = root.join(&award).parent().unwrap().to_path_buf();
    write_ods(
        &dir.join("ds.ods"),
        "Danh sách",
        &[
            &["DANH SÁCH HỘ GIA ĐÌNH"],
            &[],
            &["TT", "Họ tên chủ hộ", "Thôn", "Danh hiệu", "Thành tích"],
            &[
                "1",
                "Bùi Văn Tám",
                "Thôn Đông",
                "Giấy khen",
                "Gia đình tiêu biểu.",
            ],
            &[
                "2",
                "Đỗ Thị Chín",
                "Thôn Tây",
                "giay-khen",
                "Gia đình tiêu biểu.",
            ],
        ],
    );
    let text = read(root, &award).replace(
        "recipients_file = \"ds.ods\"",
        "recipients_file = \"ds.ods\"\nrecipients_sheet = \"danh sach\"",
    );
    std::fs::write(root.join(&award), text).unwrap();
    vinhdanh_ok(root, &["build"]);
    let page = decision_page(&root.join("public"), &award);
    assert!(
        page.contains("Bùi Văn Tám") && page.contains("Đỗ Thị Chín"),
        "{page}"
    );
    let data = read(&root.join("public"), "du-lieu/khen-thuong.csv");
    assert!(
        data.contains("ho-gia-dinh"),
        "“Họ tên chủ hộ”: households: {data}"
    );
    // A sheet that is not there is named with the sheets that are.
    let text = read(root, &award).replace("\"danh sach\"", "\"DS\"");
    std::fs::write(root.join(&award), text).unwrap();
    let err = String::from_utf8_lossy(&vinhdanh(root, &["check"]).stderr).to_string();
    assert!(
        err.contains("không có trang “DS”; các trang: “Danh sách”"),
        "{err}"
    );
}
