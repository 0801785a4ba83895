//! Load stage, for a decision whose recipients are in a spreadsheet beside it
//! (`recipients_file = "2024-168-danh-sach.xlsx"`): reads the sheet into rows of text —
//! `.xlsx` and `.ods` with calamine, `.csv` with csv in UTF-8 (with or without a BOM) or the
//! legacy encoding Excel on Windows writes (Windows-1258, detected by `legacy`) — finds the
//! header row the clerk wrote ("STT", "Họ và tên", "Đơn vị"…), matches its columns loosely
//! and turns each row into a recipient that remembers its sheet, row and columns, so every
//! problem found then, or later while resolving, points at the cell.

use crate::error::{msg, Diagnostic, Msg};
use crate::frontmatter::RecipientFm;
use crate::model::Subject;
use crate::text;
use std::path::{Component, Path, PathBuf};

/// Spreadsheets larger than this are refused rather than read.
const MAX_BYTES: u64 = 10 * 1_048_576;
/// What the parts of an `.xlsx` or `.ods` (zip) archive may hold once unpacked, in all.
const MAX_UNPACKED: u64 = 100 * 1_048_576;
/// Rows read from a sheet; a list of recipients is never longer.
const MAX_ROWS: usize = 20_000;
/// Columns read from a row; the rest are not recipient fields.
const MAX_COLUMNS: usize = 64;
/// Rows looked at for the header row (real lists start with a title and "Kèm theo…").
const HEADER_SEARCH: usize = 25;

/// A recipient field a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Ordinal,
    Name,
    GivenName,
    Position,
    Unit,
    Subject,
    Form,
    Achievement,
    Amount,
    Posthumous,
    DirectWorker,
    Person,
    Id,
    Note,
}

/// Where a recipient read from a spreadsheet came from: its file (relative to the site),
/// sheet, row as the spreadsheet numbers it, and the columns of the fields it has.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowOrigin {
    pub file: PathBuf,
    pub sheet: Option<String>,
    pub row: usize,
    columns: Vec<(FieldKey, usize)>,
}

/// A field as stored in [`RowOrigin`] (a plain copy type without the header variants).
type FieldKey = u8;

fn key(f: Field) -> FieldKey {
    f as u8
}

impl RowOrigin {
    /// The column (0-based) a field was read from.
    pub(crate) fn column(&self, f: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(k, _)| *k == key(f))
            .map(|&(_, c)| c)
    }

    /// `trang "DS", dòng 12, cột D` — where a message about this row points.
    pub(crate) fn place(&self, column: Option<usize>) -> Msg {
        let mut vi = String::new();
        let mut en = String::new();
        if let Some(s) = &self.sheet {
            vi.push_str(&format!("trang “{s}”, "));
            en.push_str(&format!("sheet \"{s}\", "));
        }
        vi.push_str(&format!("dòng {}", self.row));
        en.push_str(&format!("row {}", self.row));
        if let Some(c) = column {
            vi.push_str(&format!(", cột {}", column_name(c)));
            en.push_str(&format!(", column {}", column_name(c)));
        }
        msg(vi, en)
    }

    /// A diagnostic made about this row (by resolving, against the decision's file), moved
    /// to the cell of `field`, its message starting with the place.
    pub(crate) fn relocate(&self, mut d: Diagnostic, field: Option<Field>) -> Diagnostic {
        let column = field.and_then(|f| self.column(f));
        let place = self.place(column);
        d.message = msg(
            format!("{}: {}", place.vi, d.message.vi),
            format!("{}: {}", place.en, d.message.en),
        );
        d.path = self.file.clone();
        d.line = self.row;
        d.column = 0;
        d.len = 0;
        d
    }
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`, as spreadsheets name columns.
pub(crate) fn column_name(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A sheet read as text.
#[derive(Debug, Default)]
pub struct Table {
    /// The sheet's name (none for CSV).
    pub sheet: Option<String>,
    /// The encoding a CSV file was read in, as shown to the clerk.
    pub encoding: Option<&'static str>,
    /// Rows with their number (1-based, as the spreadsheet shows it) and cells.
    pub rows: Vec<(usize, Vec<String>)>,
    /// A fingerprint of the file's bytes, to tell when it changed.
    pub hash: u64,
}

/// The formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Ods,
    Csv,
}

fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" => Some(Format::Xlsx),
        "ods" => Some(Format::Ods),
        "csv" | "txt" => Some(Format::Csv),
        _ => None,
    }
}

/// The file `recipients_file` names, beside the decision `record` (both relative to the
/// site `root`): a relative path inside the site, or an error saying why not.
pub(crate) fn locate(
    root: &Path,
    record: &Path,
    written: &str,
    line: usize,
) -> Result<(PathBuf, PathBuf), Diagnostic> {
    let bad = |vi: String, en: String| {
        Diagnostic::error("bad-recipients-file", record, line, msg(vi, en)).with_hint(msg(
            "đặt tệp danh sách (.xlsx, .ods hoặc .csv) cạnh tệp quyết định và ghi tên tệp, ví dụ recipients_file = \"2024-168-danh-sach.xlsx\"",
            "put the list (.xlsx, .ods or .csv) beside the decision's file and write its name, e.g. recipients_file = \"2024-168-danh-sach.xlsx\"",
        ))
    };
    let written_path = Path::new(written.trim());
    let plain = !written.trim().is_empty()
        && !written.contains('\\')
        && !written.contains(':')
        && written_path
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        return Err(bad(
            format!("recipients_file “{written}” phải là tên một tệp trong thư mục của quyết định (không có .., \\ hay ổ đĩa)"),
            format!("recipients_file \"{written}\" must name a file in the decision's folder (no .., \\ or drive)"),
        ));
    }
    if format_of(written_path).is_none() {
        let xls = written_path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xls"));
        return Err(if xls {
            bad(
                format!("tệp “{written}” là bảng tính Excel đời cũ (.xls)"),
                format!("“{written}” is an old Excel workbook (.xls)"),
            )
            .with_hint(msg(
                "mở tệp trong Excel và lưu lại dạng “Excel Workbook (*.xlsx)” (Tệp → Lưu thành), rồi ghi tên tệp .xlsx",
                "open it in Excel and save it as \"Excel Workbook (*.xlsx)\" (File → Save As), then write the .xlsx name",
            ))
        } else {
            bad(
                format!(
                    "không đọc được danh sách dạng “{written}”: chỉ đọc tệp .xlsx, .ods và .csv"
                ),
                format!(
                    "cannot read a list like \"{written}\": only .xlsx, .ods and .csv are read"
                ),
            )
        });
    }
    let dir = record.parent().unwrap_or(Path::new(""));
    let rel = dir.join(written_path);
    let abs = root.join(&rel);
    // A symbolic link may point anywhere: the file read must be inside the site.
    let root_real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    match abs.canonicalize() {
        Ok(real) if real.starts_with(&root_real) => Ok((abs, rel)),
        Ok(_) => Err(bad(
            format!("tệp “{written}” trỏ ra ngoài thư mục của trang"),
            format!("\"{written}\" points outside the site folder"),
        )),
        Err(_) => Err(Diagnostic::error(
            "missing-file",
            record,
            line,
            msg(
                format!("không có tệp danh sách “{}”", rel.display()),
                format!("the list \"{}\" does not exist", rel.display()),
            ),
        )
        .with_hint(msg(
            "kiểm tra tên tệp (cả phần mở rộng .xlsx, .ods, .csv) và đặt tệp cạnh tệp quyết định",
            "check the file name (with its .xlsx, .ods or .csv ending) and put it beside the decision's file",
        ))),
    }
}

/// Reads sheet `sheet` (the first when none) of the spreadsheet at `abs`; `rel` names it
/// in messages.
pub fn read(abs: &Path, rel: &Path, sheet: Option<&str>) -> Result<Table, Diagnostic> {
    let unreadable = |why: String, why_en: String| {
        Diagnostic::error(
            "unreadable-sheet",
            rel,
            0,
            msg(
                format!("không đọc được bảng tính: {why}"),
                format!("cannot read the spreadsheet: {why_en}"),
            ),
        )
        .with_hint(msg(
            "mở tệp trong Excel hoặc LibreOffice, kiểm tra nội dung rồi lưu lại (Tệp → Lưu thành, dạng .xlsx hoặc CSV UTF-8)",
            "open it in Excel or LibreOffice, check it and save it again (File → Save As, as .xlsx or CSV UTF-8)",
        ))
    };
    let size = std::fs::metadata(abs)
        .map_err(|e| unreadable(e.to_string(), e.to_string()))?
        .len();
    if size > MAX_BYTES {
        let mb = size as f64 / 1_048_576.0;
        return Err(unreadable(
            format!("tệp quá lớn ({mb:.1} MB; tối đa {} MB)", MAX_BYTES >> 20),
            format!(
                "the file is too large ({mb:.1} MB; the limit is {} MB)",
                MAX_BYTES >> 20
            ),
        ));
    }
    let bytes = std::fs::read(abs).map_err(|e| unreadable(e.to_string(), e.to_string()))?;
    let hash = {
        use std::hash::{Hash, Hasher};
        let mut h = crate::hash::FastHasher::default();
        bytes.hash(&mut h);
        h.finish()
    };
    let table = match format_of(abs) {
        Some(Format::Csv) => read_csv(&bytes, rel),
        Some(format) => {
            read_workbook(bytes, format, rel, sheet).map_err(|(vi, en)| unreadable(vi, en))
        }
        None => Err(unreadable(
            "chỉ đọc tệp .xlsx, .ods và .csv".into(),
            "only .xlsx, .ods and .csv are read".into(),
        )),
    }?;
    Ok(Table { hash, ..table })
}

/// The declared unpacked size of a zip archive's parts, refused when too large (a small
/// file that unpacks to gigabytes is an attack, not a list of names).
fn check_archive(bytes: &[u8]) -> Result<(), (String, String)> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        (
            format!("tệp không phải bảng tính .xlsx/.ods hợp lệ ({e})"),
            format!("not a valid .xlsx/.ods workbook ({e})"),
        )
    })?;
    // Parts written with a data descriptor have no size up front (Excel and LibreOffice
    // write sizes); calamine then reads them as they come.
    let total = archive.decompressed_size().unwrap_or(0);
    if total > u128::from(MAX_UNPACKED) {
        return Err((
            format!("tệp giải nén ra hơn {} MB", MAX_UNPACKED >> 20),
            format!("it unpacks to more than {} MB", MAX_UNPACKED >> 20),
        ));
    }
    Ok(())
}

fn read_workbook(
    bytes: Vec<u8>,
    format: Format,
    rel: &Path,
    wanted: Option<&str>,
) -> Result<Table, (String, String)> {
    use calamine::Reader;
    check_archive(&bytes)?;
    let parser = |e: &dyn std::fmt::Display| {
        (
            format!("tệp hỏng hoặc không phải bảng tính ({e})"),
            format!("the file is damaged or not a spreadsheet ({e})"),
        )
    };
    let cursor = std::io::Cursor::new(bytes);
    let _ = rel;
    let choose = |names: Vec<String>| -> Result<String, (String, String)> {
        match wanted {
            Some(w) => names
                .iter()
                .find(|n| n.as_str() == w)
                .or_else(|| {
                    names
                        .iter()
                        .find(|n| text::loose_key(n) == text::loose_key(w))
                })
                .cloned()
                .ok_or_else(|| {
                    let list = names
                        .iter()
                        .map(|n| format!("“{n}”"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    (
                        format!("không có trang “{w}”; các trang: {list}"),
                        format!("there is no sheet \"{w}\"; the sheets are: {list}"),
                    )
                }),
            None => names.into_iter().next().ok_or_else(|| {
                (
                    "bảng tính không có trang nào".to_string(),
                    "the workbook has no sheet".to_string(),
                )
            }),
        }
    };
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut put = |row: usize, col: usize, value: String| -> Result<(), (String, String)> {
        if col >= MAX_COLUMNS || value.trim().is_empty() {
            return Ok(());
        }
        if rows.last().map(|r| r.0) != Some(row) {
            if rows.len() >= MAX_ROWS {
                return Err((
                    format!("trang có hơn {MAX_ROWS} dòng"),
                    format!("the sheet has more than {MAX_ROWS} rows"),
                ));
            }
            rows.push((row, Vec::new()));
        }
        let cells = &mut rows.last_mut().expect("pushed above").1;
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        cells[col] = value;
        Ok(())
    };
    let sheet = match format {
        Format::Xlsx => {
            let mut book: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(cursor).map_err(|e| parser(&e))?;
            let name = choose(book.sheet_names())?;
            let mut cells = book.worksheet_cells_reader(&name).map_err(|e| parser(&e))?;
            // Cells come in reading order, only those written: nothing is allocated for
            // the empty rectangle a hostile file's far corner would span.
            let mut pending: Vec<(usize, usize, String)> = Vec::new();
            while let Some(cell) = cells.next_cell().map_err(|e| parser(&e))? {
                let (r, c) = cell.get_position();
                let value = data_text(&calamine::Data::from(cell.get_value().clone()));
                pending.push((r as usize + 1, c as usize, value));
                if pending.len() > MAX_ROWS * 8 {
                    break;
                }
            }
            pending.sort_by_key(|&(r, c, _)| (r, c));
            for (r, c, v) in pending {
                put(r, c, v)?;
            }
            name
        }
        Format::Ods => {
            let mut book: calamine::Ods<_> =
                calamine::open_workbook_from_rs(cursor).map_err(|e| parser(&e))?;
            let name = choose(book.sheet_names())?;
            let range = book.worksheet_range(&name).map_err(|e| parser(&e))?;
            let (r0, c0) = range.start().unwrap_or((0, 0));
            for (i, row) in range.rows().enumerate() {
                for (j, value) in row.iter().enumerate() {
                    put(r0 as usize + i + 1, c0 as usize + j, data_text(value))?;
                }
            }
            name
        }
        Format::Csv => unreachable!("CSV is read by read_csv"),
    };
    Ok(Table {
        sheet: Some(sheet),
        encoding: None,
        rows,
        hash: 0,
    })
}

/// A cell as text: whole numbers without ".0", errors as Excel shows them (`#N/A`).
fn data_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Reads CSV: UTF-8 with or without a BOM, else the legacy encoding found (Excel on
/// Windows saves "CSV" in the system's code page, Windows-1258 for Vietnamese); the
/// separator is the one of `,` `;` and tab that the first line uses most.
fn read_csv(bytes: &[u8], rel: &Path) -> Result<Table, Diagnostic> {
    let (text, encoding) = decode_csv(bytes);
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |sep: char| {
        text::outside_quotes(first)
            .filter(|&(_, c)| c == sep)
            .count()
    };
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&b| (count(b as char), b == b','))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            Diagnostic::error(
                "unreadable-sheet",
                rel,
                line,
                msg(
                    format!("không đọc được dòng này của tệp CSV ({e})"),
                    format!("cannot read this line of the CSV file ({e})"),
                ),
            )
            .with_hint(msg(
                "kiểm tra dấu ngoặc kép \" trong ô: một ô có dấu \" phải được đóng lại",
                "check the double quotes \" in the cells: a quote opened in a cell must be closed",
            ))
        })?;
        if rows.len() >= MAX_ROWS {
            return Err(Diagnostic::error(
                "unreadable-sheet",
                rel,
                0,
                msg(
                    format!("tệp có hơn {MAX_ROWS} dòng"),
                    format!("the file has more than {MAX_ROWS} rows"),
                ),
            ));
        }
        let line = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        let cells: Vec<String> = record
            .iter()
            .take(MAX_COLUMNS)
            .map(|c| text::nfc(c).into_owned())
            .collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push((line, cells));
    }
    Ok(Table {
        sheet: None,
        encoding: Some(encoding),
        rows,
        hash: 0,
    })
}

/// The text of a CSV file and the name of the encoding it was read in.
pub(crate) fn decode_csv(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8 (có BOM)");
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return (t.to_string(), "UTF-8");
    }
    // Not UTF-8: what Excel writes on a Vietnamese Windows, unless the text says otherwise.
    let found = crate::legacy::detect(bytes).unwrap_or(crate::legacy::Legacy::Windows1258);
    (crate::legacy::decode(bytes, found), found.name())
}

/// The recipient field a header names, loosely ("Họ và tên", "HỌ TÊN", "Ho ten"), and
/// the subject a name column implies ("Tên tập thể").
fn field_of(header: &str) -> Option<(Field, Option<Subject>)> {
    // Without case, marks, spaces and punctuation; a note in brackets dropped
    // ("Số tiền (đồng)").
    let head = header.split('(').next().unwrap_or(header);
    let k = text::loose_key(head);
    let f = |f: Field| Some((f, None));
    exact_field(&k).or_else(|| {
        // "Hình thức khen thưởng đề nghị", "Thành tích chủ yếu", "Họ và tên người được khen".
        [
            ("hovaten", Field::Name),
            ("hoten", Field::Name),
            ("tentapthe", Field::Name),
            ("chucvu", Field::Position),
            ("chucdanh", Field::Position),
            ("donvi", Field::Unit),
            ("doituong", Field::Subject),
            ("hinhthuc", Field::Form),
            ("danhhieu", Field::Form),
            ("thanhtich", Field::Achievement),
            ("noidung", Field::Achievement),
            ("lydo", Field::Achievement),
            ("sotien", Field::Amount),
            ("tienthuong", Field::Amount),
            ("mucthuong", Field::Amount),
            ("truytang", Field::Posthumous),
            ("ghichu", Field::Note),
        ]
        .into_iter()
        .find(|(p, _)| k.starts_with(p))
        .and_then(|(_, field)| f(field))
    })
}

/// The field a header names exactly (as [`field_of`] folds it).
fn exact_field(k: &str) -> Option<(Field, Option<Subject>)> {
    let f = |f: Field| Some((f, None));
    match k {
        "stt" | "tt" | "sott" | "sothutu" | "so" => f(Field::Ordinal),
        // A person's name: the rows are individuals unless they or the decision say not.
        "hovaten" | "hoten" | "hovatenkhaisinh" | "tencanhan" | "tennguoiduockhen" => {
            Some((Field::Name, Some(Subject::Individual)))
        }
        "tencanhantapthe" | "hotententapthe" | "hovatententapthe" | "tencanhanvatapthe" | "ten"
        | "tendonvicanhan" | "tencanhandonvi" => f(Field::Name),
        "hotenchuho" | "chuho" | "tenchuho" => Some((Field::Name, Some(Subject::Household))),
        "tentapthe" | "tendonvi" | "tentapthedonvi" => {
            Some((Field::Name, Some(Subject::Collective)))
        }
        "tenthon" | "tenthontodanpho" => Some((Field::Name, Some(Subject::Village))),
        "tenho" | "tenhogiadinh" | "hogiadinh" => Some((Field::Name, Some(Subject::Household))),
        "tengoi" | "tenrieng" => f(Field::GivenName),
        "chucvu" | "chucdanh" | "chucvudonvi" | "chucvudonvicongtac" | "chucvunghenghiep"
        | "nghenghiep" | "chucvuchucdanh" => f(Field::Position),
        "donvi" | "thon" | "donvicongtac" | "noicongtac" | "thonxom" | "thontodanpho" | "xom"
        | "ap" | "todanpho" | "khupho" | "thonto" | "coquan" | "coquandonvi" | "truong"
        | "chihoi" | "thuocthon" => f(Field::Unit),
        "doituong" | "loaidoituong" | "loai" | "canhantapthe" => f(Field::Subject),
        "hinhthuc" | "danhhieu" | "hinhthuckhenthuong" | "danhhieuthidua" | "hinhthucdanhhieu"
        | "danhhieuhinhthuc" | "hinhthuckhen" | "khenthuong" => f(Field::Form),
        "thanhtich"
        | "thanhtichdatduoc"
        | "noidungthanhtich"
        | "thanhtichkhenthuong"
        | "lydo"
        | "lydokhenthuong"
        | "thanhtichtieubieu"
        | "tomtatthanhtich" => f(Field::Achievement),
        "sotien" | "tienthuong" | "muctien" | "mucthuong" | "sotienthuong" | "thuong" | "tien"
        | "sotiendong" | "thanhtien" => f(Field::Amount),
        "truytang" => f(Field::Posthumous),
        "laodongtructiep" | "tructieplaodong" | "tructiepsanxuat" | "nguoitructieplaodong" => {
            f(Field::DirectWorker)
        }
        "hoso" | "mahoso" | "slug" => f(Field::Person),
        "ma" | "manguoiduockhen" | "maso" | "id" => f(Field::Id),
        "ghichu" | "chuthich" => f(Field::Note),
        _ => None,
    }
}

/// What a header row says about its columns.
struct Columns {
    fields: Vec<(Field, usize)>,
    implied: Option<Subject>,
    /// Headers not matched (published nowhere), for a warning.
    unknown: Vec<(usize, String)>,
}

impl Columns {
    fn of(f: Field, cols: &[(Field, usize)]) -> Option<usize> {
        cols.iter().find(|(g, _)| *g == f).map(|&(_, c)| c)
    }
}

fn header(cells: &[String]) -> Option<Columns> {
    let mut fields = Vec::new();
    let mut implied = None;
    let mut unknown = Vec::new();
    for (c, cell) in cells.iter().enumerate() {
        if cell.trim().is_empty() {
            continue;
        }
        match field_of(cell) {
            // The first column of a field counts ("Đơn vị" twice: the first).
            Some((f, _)) if Columns::of(f, &fields).is_some() => {}
            Some((f, subject)) => {
                if f == Field::Name {
                    implied = subject;
                }
                fields.push((f, c));
            }
            None => unknown.push((c, cell.trim().to_string())),
        }
    }
    Columns::of(Field::Name, &fields).map(|_| Columns {
        fields,
        implied,
        unknown,
    })
}

/// The subject a cell names ("Cá nhân", "tap-the", "Hộ gia đình", "Thôn").
fn subject_of(cell: &str) -> Option<Subject> {
    match text::loose_key(cell).as_str() {
        "canhan" | "individual" | "cn" => Some(Subject::Individual),
        "tapthe" | "collective" | "tt" | "donvi" | "coquan" => Some(Subject::Collective),
        "hogiadinh" | "giadinh" | "ho" | "household" => Some(Subject::Household),
        "thon" | "xom" | "ap" | "todanpho" | "khupho" | "thontodanpho" | "village" => {
            Some(Subject::Village)
        }
        _ => None,
    }
}

/// The subject a section row sets for the rows under it ("I. TẬP THỂ", "B. Cá nhân").
fn section_subject(cells: &[String]) -> Option<Subject> {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    if filled.is_empty() || filled.len() > 2 {
        return None;
    }
    let joined = filled
        .iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let folded = text::fold(&joined);
    // Drop a numbering: "I.", "II -", "1)", "A.".
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    if let Some(first) = words.first() {
        let t = first.trim_end_matches(['.', ')', '-', ':']);
        let numbering = !t.is_empty()
            && (t.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
                || t.chars().all(|c| c.is_ascii_digit())
                || (t.len() == 1 && t.chars().all(|c| c.is_ascii_lowercase())));
        if numbering {
            words.remove(0);
        }
    }
    let rest = words.join(" ");
    let rest = rest.trim_start_matches(['-', '.', ':', ' ']);
    let rest = rest.strip_prefix("khen thuong").unwrap_or(rest).trim();
    let rest = rest.trim_start_matches("cho").trim();
    let first_words = |w: &str| {
        rest == w || rest.starts_with(&format!("{w} ")) || rest.starts_with(&format!("{w}:"))
    };
    if first_words("ca nhan") {
        Some(Subject::Individual)
    } else if first_words("tap the") {
        Some(Subject::Collective)
    } else if first_words("ho gia dinh") || first_words("gia dinh") {
        Some(Subject::Household)
    } else if first_words("thon") || first_words("thon, to dan pho") {
        Some(Subject::Village)
    } else {
        None
    }
}

/// Whether a row ends the list: a total or the signatures under it.
fn is_footer(cells: &[String]) -> bool {
    let Some(first) = cells.iter().find(|c| !c.trim().is_empty()) else {
        return false;
    };
    let f = text::fold(first.trim());
    [
        "tong cong",
        "tong so",
        "cong:",
        "nguoi lap",
        "tm.",
        "tm ",
        "t/m",
        "kt.",
        "kt ",
        "chu tich",
        "xac nhan",
        "danh sach nay co",
        "danh sach co",
        "(an dinh",
        "an dinh danh sach",
        "ky ten",
    ]
    .iter()
    .any(|m| f.starts_with(m))
}

/// A row under the header that numbers the columns: "(1) (2) (3)" or "1 2 3".
fn is_numbering(cells: &[String]) -> bool {
    let filled: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    filled.len() >= 2
        && filled.iter().all(|c| {
            let c = c.trim_start_matches('(').trim_end_matches(')');
            !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit())
        })
        && filled.iter().all(|c| c.len() <= 4)
}

/// Recipients read from a sheet, and the problems of its rows. `allow` is the decision's
/// (the personal data its cells may hold), `subject` its subject for every recipient: a
/// row's subject is its own cell's, else its section's ("II. CÁ NHÂN"), else the
/// decision's, else the one the name column implies ("Họ và tên", "Tên tập thể").
pub(crate) fn recipients(
    table: &Table,
    rel: &Path,
    allow: &[String],
    subject: Option<Subject>,
) -> (Vec<RecipientFm>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut out = Vec::new();
    let origin = |row: usize| RowOrigin {
        file: rel.to_path_buf(),
        sheet: table.sheet.clone(),
        row,
        columns: Vec::new(),
    };
    let Some((at, cols)) = table
        .rows
        .iter()
        .take(HEADER_SEARCH)
        .enumerate()
        .find_map(|(i, (_, cells))| header(cells).map(|c| (i, c)))
    else {
        let row = table.rows.first().map_or(1, |r| r.0);
        diags.push(
            origin(row).relocate(
                Diagnostic::error(
                    "no-header",
                    rel,
                    row,
                    msg(
                        "không tìm thấy dòng tiêu đề có cột “Họ và tên” (hoặc “Họ tên”, “Tên tập thể”)",
                        "no header row with a \"Họ và tên\" (or \"Họ tên\", \"Tên tập thể\") column was found",
                    ),
                )
                .with_hint(msg(
                    "dòng đầu của bảng ghi tên các cột, ví dụ: STT | Họ và tên | Chức vụ | Đơn vị | Hình thức | Thành tích | Số tiền",
                    "the table's first row names the columns, e.g.: STT | Họ và tên | Chức vụ | Đơn vị | Hình thức | Thành tích | Số tiền",
                )),
                None,
            ),
        );
        return (out, diags);
    };
    let header_row = table.rows[at].0;
    for (c, name) in &cols.unknown {
        let mut o = origin(header_row);
        o.columns.push((key(Field::Note), *c));
        diags.push(o.relocate(
            Diagnostic::warning(
                "unknown-column",
                rel,
                header_row,
                msg(
                    format!("cột “{name}” không được dùng và không được đăng"),
                    format!("the column \"{name}\" is not used and not published"),
                ),
            )
            .with_hint(msg(
                "các cột được đọc: STT, Họ và tên (Họ tên, Tên tập thể), Tên gọi, Chức vụ, Đơn vị (Thôn), Đối tượng, Hình thức (Danh hiệu), Thành tích, Số tiền, Truy tặng, Hồ sơ, Ghi chú; đổi tên cột nếu nó là một trong số đó",
                "the columns read: STT, Họ và tên (Họ tên, Tên tập thể), Tên gọi, Chức vụ, Đơn vị (Thôn), Đối tượng, Hình thức (Danh hiệu), Thành tích, Số tiền, Truy tặng, Hồ sơ, Ghi chú; rename the column if it is one of them",
            )),
            Some(Field::Note),
        ));
    }
    let col = |f: Field| Columns::of(f, &cols.fields);
    let mut section: Option<Subject> = None;
    for (i, (row, cells)) in table.rows.iter().enumerate().skip(at + 1) {
        let cell = |f: Field| -> &str {
            col(f)
                .and_then(|c| cells.get(c))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        if i == at + 1 && is_numbering(cells) {
            continue;
        }
        if let Some(s) = section_subject(cells).filter(|_| cell(Field::Form).is_empty()) {
            section = Some(s);
            continue;
        }
        if is_footer(cells) {
            break;
        }
        let mut o = origin(*row);
        o.columns = cols.fields.iter().map(|&(f, c)| (key(f), c)).collect();
        let problem = |code: &'static str, field: Field, vi: String, en: String, hint: Msg| {
            o.relocate(
                Diagnostic::error(code, rel, *row, msg(vi, en)).with_hint(hint),
                Some(field),
            )
        };
        let name = cell(Field::Name)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() {
            let ordinal = cell(Field::Ordinal);
            // A numbered row without a name is a mistake; other rows without one are
            // notes beside the list.
            if !ordinal.is_empty() && ordinal.chars().all(|c| c.is_ascii_digit()) {
                diags.push(problem(
                    "missing-key",
                    Field::Name,
                    format!("dòng số thứ tự {ordinal} chưa có họ và tên"),
                    format!("row number {ordinal} has no name"),
                    msg(
                        "ghi họ và tên vào ô này, hoặc xóa cả dòng",
                        "write the name in this cell, or delete the row",
                    ),
                ));
            }
            continue;
        }
        let mut problems: Vec<Diagnostic> = Vec::new();
        let text_of = |f: Field, problems: &mut Vec<Diagnostic>| -> Option<String> {
            let v = cell(f);
            if v.is_empty() {
                return None;
            }
            if is_cell_error(v) {
                problems.push(problem(
                    "cell-error",
                    f,
                    format!("ô có lỗi công thức {v}"),
                    format!("the cell holds the formula error {v}"),
                    msg(
                        "sửa công thức trong Excel, hoặc chép ô rồi dán lại dạng giá trị (Dán đặc biệt → Giá trị)",
                        "fix the formula in Excel, or copy the cell and paste it back as a value (Paste Special → Values)",
                    ),
                ));
                return None;
            }
            if !matches!(f, Field::Ordinal | Field::Note)
                && crate::privacy::holds_unallowed(v, allow)
            {
                problems.push(problem(
                    "personal-data",
                    f,
                    "ô có dữ liệu cá nhân (số điện thoại, số định danh, thư điện tử…) sẽ bị công bố".to_string(),
                    "the cell holds personal data (a phone or ID number, an e-mail address…) that would be published".to_string(),
                    msg(
                        "xóa dữ liệu này khỏi ô (để nó ở cột Ghi chú, cột này không được đăng), hoặc ghi allow = [...] trong quyết định khi đã được đồng ý công bố",
                        "remove it from the cell (keep it in the Ghi chú column, which is not published), or set allow = [...] on the decision when publishing it was agreed",
                    ),
                ));
                return None;
            }
            Some(v.split_whitespace().collect::<Vec<_>>().join(" "))
        };
        if is_cell_error(&name) {
            text_of(Field::Name, &mut problems);
            diags.append(&mut problems);
            continue;
        }
        let subject_cell = text_of(Field::Subject, &mut problems);
        let subject = match subject_cell.as_deref() {
            None => section.or(subject).or(cols.implied),
            Some(s) => match subject_of(s) {
                Some(s) => Some(s),
                None => {
                    problems.push(problem(
                        "unknown-value",
                        Field::Subject,
                        format!("đối tượng “{s}” không có trong danh mục"),
                        format!("unknown subject \"{s}\""),
                        msg(
                            "ghi một trong: Cá nhân, Tập thể, Hộ gia đình, Thôn",
                            "write one of: Cá nhân, Tập thể, Hộ gia đình, Thôn",
                        ),
                    ));
                    None
                }
            },
        };
        let amount = match text_of(Field::Amount, &mut problems) {
            None => None,
            Some(a) => match parse_amount(&a) {
                Some(n) => Some(n),
                None => {
                    problems.push(problem(
                        "bad-value",
                        Field::Amount,
                        format!("số tiền “{a}” không phải một số đồng"),
                        format!("the amount \"{a}\" is not a sum in đồng"),
                        msg(
                            "ghi số tiền bằng chữ số, ví dụ 700000 hoặc 700.000; không ghi chữ (bảy trăm nghìn)",
                            "write the amount in digits, e.g. 700000 or 700.000, not in words",
                        ),
                    ));
                    None
                }
            },
        };
        // A yes/no cell: x, có, 1… or empty; anything else is a problem at the cell.
        let mut yes_no = |field: Field, column: &str, yes: &str, yes_en: &str| {
            let cell = text_of(field, &mut problems)?;
            parse_yes(&cell).or_else(|| {
                problems.push(problem(
                    "bad-value",
                    field,
                    format!("ô {column} ghi “{cell}”: không rõ có hay không"),
                    format!("the {column} cell says \"{cell}\": neither yes nor no"),
                    msg(
                        format!("ghi x (hoặc “có”) {yes}, để trống khi không"),
                        format!("write x (or \"có\") {yes_en}, leave it empty otherwise"),
                    ),
                ));
                None
            })
        };
        let posthumous = yes_no(
            Field::Posthumous,
            "Truy tặng",
            "khi truy tặng",
            "for a posthumous honour",
        )
        .unwrap_or(false);
        let direct_worker = yes_no(
            Field::DirectWorker,
            "Lao động trực tiếp",
            "với người trực tiếp lao động, sản xuất",
            "for a direct worker",
        )
        .unwrap_or(false);
        let recipient = RecipientFm {
            name: name.clone(),
            given_name: text_of(Field::GivenName, &mut problems),
            subject,
            position: text_of(Field::Position, &mut problems),
            unit: text_of(Field::Unit, &mut problems),
            form: text_of(Field::Form, &mut problems),
            achievement: text_of(Field::Achievement, &mut problems),
            posthumous,
            direct_worker,
            amount,
            person: text_of(Field::Person, &mut problems),
            id: text_of(Field::Id, &mut problems),
            place: None,
            sources: Vec::new(),
            origin: Some(Box::new(o.clone())),
        };
        if problems.is_empty() {
            out.push(recipient);
        }
        diags.append(&mut problems);
    }
    (out, diags)
}

/// `#N/A`, `#REF!`, `#VALUE!`… as a cell shows a formula that failed.
fn is_cell_error(v: &str) -> bool {
    v.starts_with('#')
        && [
            "#N/A",
            "#NA",
            "#REF",
            "#VALUE",
            "#DIV",
            "#NAME",
            "#NUM",
            "#NULL",
            "#GETTINGDATA",
            "#SPILL",
            "#CALC",
        ]
        .iter()
        .any(|e| v.to_ascii_uppercase().starts_with(e))
}

/// A sum in đồng as clerks write it: `700000`, `700.000`, `700,000`, `700 000`,
/// `700.000 đ`, `1.500.000 đồng`, `700000 VNĐ`.
pub(crate) fn parse_amount(s: &str) -> Option<u64> {
    let folded = text::fold(s);
    let t = folded
        .trim()
        .trim_end_matches("dong")
        .trim_end_matches("vnd")
        .trim_end_matches('d')
        .trim();
    let t = t.strip_suffix(".0").unwrap_or(t);
    if t.is_empty() {
        return None;
    }
    if t.chars().all(|c| c.is_ascii_digit()) {
        return t.parse().ok();
    }
    // Thousands separated by dots, commas or spaces: every group after the first has
    // three digits.
    let groups: Vec<&str> = t.split(['.', ',', ' ', '\u{a0}']).collect();
    let ok = groups.len() > 1
        && !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3);
    if ok {
        groups.concat().parse().ok()
    } else {
        None
    }
}

/// Yes or no as a cell says it: `x`, `có`, `1`, `TRUE`, `truy tặng` / empty, `không`, `0`.
fn parse_yes(s: &str) -> Option<bool> {
    match text::loose_key(s).as_str() {
        "x" | "co" | "1" | "true" | "yes" | "truytang" | "v" => Some(true),
        "" | "khong" | "0" | "false" | "no" => Some(false),
        _ if s.trim() == "✓" || s.trim() == "✔" => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn column_names_are_spreadsheet_letters() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(3), "D");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn headers_match_loosely() {
        for (h, f) in [
            ("STT", Field::Ordinal),
            ("Họ và tên", Field::Name),
            ("HỌ VÀ TÊN", Field::Name),
            ("Ho ten", Field::Name),
            (" Họ  tên ", Field::Name),
            ("Chức vụ", Field::Position),
            ("Đơn vị", Field::Unit),
            ("Thôn", Field::Unit),
            ("Thôn/Tổ dân phố", Field::Unit),
            ("Đối tượng", Field::Subject),
            ("Hình thức", Field::Form),
            ("Danh hiệu", Field::Form),
            ("Hình thức khen thưởng", Field::Form),
            ("Thành tích", Field::Achievement),
            ("Số tiền (đồng)", Field::Amount),
            ("Số tiền\n(đồng)", Field::Amount),
            ("Họ và\ntên", Field::Name),
            ("Hình thức khen thưởng đề nghị", Field::Form),
            ("Thành tích chủ yếu", Field::Achievement),
            ("Nội dung khen thưởng", Field::Achievement),
            ("Tiền thưởng (đ)", Field::Amount),
            ("Họ và\ntên", Field::Name),
            ("Hình thức khen thưởng đề nghị", Field::Form),
            ("Thành tích chủ yếu", Field::Achievement),
            ("Nội dung khen thưởng", Field::Achievement),
            ("Tiền thưởng (đ)", Field::Amount),
            ("Truy tặng", Field::Posthumous),
            ("Ghi chú", Field::Note),
        ] {
            assert_eq!(field_of(h).map(|x| x.0), Some(f), "{h}");
        }
        assert_eq!(
            field_of("Tên tập thể"),
            Some((Field::Name, Some(Subject::Collective)))
        );
        assert_eq!(field_of("Số điện thoại"), None);
        assert_eq!(field_of("Ngày sinh"), None);
    }

    #[test]
    fn amounts_as_clerks_write_them() {
        for (s, n) in [
            ("700000", 700_000),
            ("700.000", 700_000),
            ("700,000", 700_000),
            ("700 000", 700_000),
            ("1.500.000 đồng", 1_500_000),
            ("700.000 đ", 700_000),
            ("700000 VNĐ", 700_000),
            ("500000.0", 500_000),
        ] {
            assert_eq!(parse_amount(s), Some(n), "{s}");
        }
        for s in ["bảy trăm nghìn", "7.00", "70.0000", "", ".000", "1,5"] {
            assert_eq!(parse_amount(s), None, "{s}");
        }
    }

    #[test]
    fn sections_footers_and_numbering_rows() {
        assert_eq!(
            section_subject(&row(&["I.", "TẬP THỂ"])),
            Some(Subject::Collective)
        );
        assert_eq!(
            section_subject(&row(&["II. Cá nhân"])),
            Some(Subject::Individual)
        );
        assert_eq!(
            section_subject(&row(&["B", "Hộ gia đình"])),
            Some(Subject::Household)
        );
        assert_eq!(
            section_subject(&row(&["1", "Nguyễn Văn An", "Thôn Đông"])),
            None
        );
        assert!(is_footer(&row(&["", "Tổng cộng: 30 người"])));
        assert!(is_footer(&row(&["", "Người lập biểu", "", "Chủ tịch"])));
        assert!(!is_footer(&row(&["1", "Nguyễn Văn Tổng"])));
        assert!(is_numbering(&row(&["(1)", "(2)", "(3)"])));
        assert!(!is_numbering(&row(&["1", "Nguyễn Văn An"])));
    }

    #[test]
    fn rows_become_recipients_with_their_cells() {
        let table = Table {
            sheet: Some("DS".into()),
            encoding: None,
            hash: 0,
            rows: vec![
                (1, row(&["DANH SÁCH KHEN THƯỞNG"])),
                (2, row(&["(Kèm theo Quyết định số 168/QĐ-UBND)"])),
                (
                    4,
                    row(&[
                        "STT",
                        "Họ và tên",
                        "Chức vụ",
                        "Thôn",
                        "Hình thức",
                        "Số tiền",
                        "Số điện thoại",
                    ]),
                ),
                (5, row(&["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])),
                (6, row(&["I", "TẬP THỂ"])),
                (
                    7,
                    row(&[
                        "1",
                        "Chi hội Phụ nữ thôn Đông",
                        "",
                        "Thôn Đông",
                        "Giấy khen",
                        "1.000.000",
                    ]),
                ),
                (8, row(&["II", "CÁ NHÂN"])),
                (
                    9,
                    row(&[
                        "2",
                        "Nguyễn  Văn Đức",
                        "Trưởng thôn",
                        "Thôn Tây",
                        "giay-khen",
                        "700000",
                    ]),
                ),
                (
                    10,
                    row(&["3", "Lê Thị Hoa", "", "Thôn Tây", "Giấy khen", "bảy trăm"]),
                ),
                (11, row(&["4", ""])),
                (12, row(&["", "Tổng cộng: 3"])),
                (14, row(&["5", "Sau chữ ký"])),
            ],
        };
        let (list, diags) = recipients(&table, Path::new("content/awards/ds.xlsx"), &[], None);
        assert_eq!(list.len(), 2, "{list:?}");
        assert_eq!(list[0].name, "Chi hội Phụ nữ thôn Đông");
        assert_eq!(list[0].subject, Some(Subject::Collective));
        assert_eq!(list[0].amount, Some(1_000_000));
        assert_eq!(list[1].name, "Nguyễn Văn Đức");
        assert_eq!(list[1].subject, Some(Subject::Individual));
        assert_eq!(list[1].position.as_deref(), Some("Trưởng thôn"));
        assert_eq!(list[1].form.as_deref(), Some("giay-khen"));
        let o = list[1].origin.as_deref().unwrap();
        assert_eq!((o.row, o.column(Field::Form)), (9, Some(4)));
        let texts: Vec<String> = diags
            .iter()
            .map(|d| d.plain(crate::error::Lang::Vi))
            .collect();
        assert_eq!(diags.len(), 3, "{texts:#?}");
        assert!(
            texts[0].contains("trang “DS”, dòng 4, cột G: cột “Số điện thoại” không được dùng"),
            "{}",
            texts[0]
        );
        assert!(
            texts[1].starts_with(
                "content/awards/ds.xlsx:10: lỗi: trang “DS”, dòng 10, cột F: số tiền “bảy trăm”"
            ),
            "{}",
            texts[1]
        );
        assert!(
            texts[2].contains("dòng 11, cột B: dòng số thứ tự 4 chưa có họ và tên"),
            "{}",
            texts[2]
        );
    }

    #[test]
    fn yes_no_cells() {
        let table = Table {
            sheet: None,
            encoding: None,
            hash: 0,
            rows: vec![
                (1, row(&["Họ tên", "Truy tặng", "Lao động trực tiếp"])),
                (2, row(&["Trần Văn Ba", "x", ""])),
                (3, row(&["Lê Văn Tư", "", "có"])),
                (4, row(&["Phạm Văn Năm", "hình như", ""])),
            ],
        };
        let (list, diags) = recipients(&table, Path::new("a.csv"), &[], None);
        assert_eq!(list.len(), 2);
        assert!(list[0].posthumous && !list[0].direct_worker);
        assert!(!list[1].posthumous && list[1].direct_worker);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(
            diags[0]
                .message
                .vi
                .starts_with("dòng 4, cột B: ô Truy tặng ghi “hình như”"),
            "{}",
            diags[0].message.vi
        );
    }

    #[test]
    fn personal_data_in_a_cell_is_refused() {
        let table = Table {
            sheet: None,
            encoding: None,
            hash: 0,
            rows: vec![
                (1, row(&["Họ tên", "Thành tích"])),
                (2, row(&["Trần Văn Ba", "Gọi 0912345678 để biết thêm"])),
            ],
        };
        let (list, diags) = recipients(&table, Path::new("a.csv"), &[], None);
        assert!(list.is_empty());
        assert_eq!(diags[0].code, "personal-data");
        assert!(
            diags[0].message.vi.starts_with("dòng 2, cột B:"),
            "{}",
            diags[0].message.vi
        );
    }
}
