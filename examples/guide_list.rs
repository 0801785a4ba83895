//! Writes the example list of the clerk's "first hour" guide as an Excel file, for
//! `scripts/guide-screenshots.sh`: `cargo run --example guide_list -- OUT.xlsx [--mistake]`
//! (`--mistake` writes a form that is not in the vocabulary on the second person's row).

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first() else {
        eprintln!("usage: guide_list OUT.xlsx [--mistake]");
        std::process::exit(2);
    };
    let mistake = args.iter().any(|a| a == "--mistake");
    let rows: [[&str; 7]; 3] = [
        [
            "STT",
            "Họ và tên",
            "Chức vụ",
            "Thôn",
            "Hình thức",
            "Thành tích",
            "Số tiền",
        ],
        [
            "1",
            "Nguyễn Văn Đức",
            "Trưởng thôn",
            "Thôn Đông",
            "Giấy khen",
            "Có thành tích xuất sắc trong phong trào thi đua năm 2026.",
            "500.000",
        ],
        [
            "2",
            "Trần Thị Hương",
            "",
            "Thôn Tây",
            if mistake {
                "Giấy khen huyện"
            } else {
                "Giấy khen"
            },
            "Có thành tích xuất sắc trong phong trào thi đua năm 2026.",
            "500.000",
        ],
    ];
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("DS").expect("a sheet name");
    ws.write_string(0, 0, "DANH SÁCH CÁ NHÂN ĐƯỢC KHEN THƯỞNG")
        .expect("a cell");
    ws.write_string(1, 0, "(Kèm theo Quyết định số 2/QĐ-UBND)")
        .expect("a cell");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                ws.write_string(4 + r as u32, c as u16, *cell)
                    .expect("a cell");
            }
        }
    }
    book.save(out).expect("the list is written");
}
