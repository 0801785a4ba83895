//! Synthetic site generator for vinhdanh: writes a complete, valid content folder
//! with N records, for benchmarks and end-to-end tests.
//!
//! Usage:
//!
//! ```text
//! cargo run --release --example gen_site -- N DIR
//! ```
//!
//! Writes `DIR/site.toml` and `DIR/content/{plans,movements,people,awards,notices,pages}/*.md`
//! (N files under `content/` in total, N >= 30). DIR is created; the program refuses
//! (exit code 2) when DIR exists and is not empty, or when the arguments are bad.
//!
//! The output is deterministic (a splitmix64 generator with a constant seed: the same N
//! gives the same bytes) and uses only `std`. The mix of records:
//!
//! * one plan per year, 2015–2025 (11 files) and 2 free pages;
//! * about 5 % movements (at least 3): the real national movements first, then yearly
//!   commune, district and province campaigns;
//! * about 38 % people (gương điển hình; người tốt, việc tốt);
//! * about 5 % public nominee notices (3–8 nominees; about half are linked to the award
//!   decision that followed, and share its nominees);
//! * the rest (about half) award decisions with 1–12 recipients; about 40 % of the
//!   recipients are linked to an existing people record through `person`.
//!
//! Every reference (movements, fields, forms, people, awards, bodies, levels) exists, forms
//! match the issuer's level and the recipient's subject, award numbers are unique per
//! (issuer, year), award dates lie inside the movement's period, district (huyện) decisions
//! stop before 1 July 2025, and all text is NFC. Slugs are the file names: people
//! `<ascii-name>-<counter>`, awards `<year>-<number>-qd-<issuer>`, notices
//! `cong-khai-<year>-<counter>`.
//!
//! Files are generated on the main thread and written by a few writer threads (file
//! creation, not text generation, dominates); a write error ends the run with exit code 1.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Mutex;
use std::thread;
use std::time::Instant;

// ---------------------------------------------------------------------------------------
// Small deterministic PRNG (splitmix64)
// ---------------------------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % ((hi - lo + 1) as u64)) as i64
    }

    /// True with probability `pct` percent.
    fn chance(&mut self, pct: u64) -> bool {
        self.next_u64() % 100 < pct
    }

    fn pick(&mut self, s: &[&'static str]) -> &'static str {
        s[self.below(s.len())]
    }
}

// ---------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01), proleptic Gregorian
// ---------------------------------------------------------------------------------------

fn days(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Last day of a month as a day number.
fn month_end(y: i32, m: u32) -> i32 {
    if m == 12 {
        days(y + 1, 1, 1) - 1
    } else {
        days(y, m + 1, 1) - 1
    }
}

/// `day == 0` means the last day of the month.
fn day_of(y: i32, m: u32, d: u32) -> i32 {
    if d == 0 {
        month_end(y, m)
    } else {
        days(y, m, d)
    }
}

fn iso(b: &mut String, z: i32) {
    let (y, m, d) = civil(z);
    let _ = write!(b, "{y:04}-{m:02}-{d:02}");
}

fn vn_date(b: &mut String, z: i32) {
    let (y, m, d) = civil(z);
    let _ = write!(b, "{d:02}/{m:02}/{y:04}");
}

// ---------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------

const FIRST_YEAR: i32 = 2015;
const LAST_YEAR: i32 = 2025;
const NYEARS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;
const MIN_N: usize = 30;

const COMMUNE: &str = "Tân Việt";

const XA: usize = 0;
const HUYEN: usize = 1;
const TINH: usize = 2;
const TW: usize = 3;

const LEVEL_SLUG: [&str; 4] = ["xa", "huyen", "tinh", "trung-uong"];
const BODY_SLUG: [&str; 4] = ["ubnd-xa", "ubnd-huyen", "ubnd-tinh", "thu-tuong"];
const BODY_LABEL: [&str; 4] = [
    "Ủy ban nhân dân xã Tân Việt",
    "Ủy ban nhân dân huyện Thanh Hà",
    "Ủy ban nhân dân tỉnh Hải Dương",
    "Thủ tướng Chính phủ",
];
const LAUNCHED_BY: [&str; 4] = [
    "UBND xã Tân Việt",
    "UBND huyện Thanh Hà",
    "UBND tỉnh Hải Dương",
    "Thủ tướng Chính phủ",
];
const FILE_SUFFIX: [&str; 4] = ["qd-ubnd-xa", "qd-ubnd-huyen", "qd-ubnd-tinh", "qd-ttg"];
const NUMBER_SUFFIX: [&str; 4] = ["QĐ-UBND", "QĐ-UBND", "QĐ-UBND", "QĐ-TTg"];
const CHAIR_OF: [&str; 4] = [
    "Chủ tịch UBND xã",
    "Chủ tịch UBND huyện",
    "Chủ tịch UBND tỉnh",
    "Thủ tướng Chính phủ",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Subject {
    CaNhan,
    TapThe,
    HoGiaDinh,
    Thon,
}

impl Subject {
    fn slug(self) -> &'static str {
        match self {
            Subject::CaNhan => "ca-nhan",
            Subject::TapThe => "tap-the",
            Subject::HoGiaDinh => "ho-gia-dinh",
            Subject::Thon => "thon",
        }
    }
    fn idx(self) -> usize {
        self as usize
    }
    fn collective(self) -> bool {
        self != Subject::CaNhan
    }
}

#[rustfmt::skip]
const FAMILY: &[&str] = &[
    "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần",
    "Trần", "Lê", "Lê", "Lê", "Phạm", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Vũ", "Võ",
    "Đặng", "Bùi", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Lương",
    "Mạc", "Ứng", "Âu", "Hoàng Phủ",
];
const MIDDLE_M: &[&str] = &[
    "Văn", "Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Xuân", "Thành", "Công", "Đình",
    "Ngọc", "Mạnh", "Trọng", "Quốc",
];
const MIDDLE_F: &[&str] = &[
    "Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Kim", "Bích", "Minh", "Thúy",
    "Diệu", "Phương",
];
#[rustfmt::skip]
const GIVEN_M: &[&str] = &[
    "Đức", "Anh", "Bình", "Dũng", "Hùng", "Ân", "Ơn", "Ưng", "Ắm", "Cường", "Thắng", "Tuấn",
    "Hải", "Long", "Khoa", "Thịnh", "Lực", "Quý", "Toản", "Trường", "Nghĩa", "Hiếu", "Lộc",
    "Phúc", "Chiến", "Tường", "Hưởng", "Ước", "Ổn", "Kiên", "Khải", "Luận", "Vượng", "Ấn",
    "Quyết", "Thuận", "Đạt", "Đông", "Ưởng", "Ý",
];
#[rustfmt::skip]
const GIVEN_F: &[&str] = &[
    "Hương", "Lan", "Yến", "Hằng", "Thủy", "Nga", "Hoa", "Huyền", "Nhung", "Oanh", "Ánh",
    "Trang", "Thảo", "Hạnh", "Loan", "Ý", "Uyên", "Mỹ", "Ắm", "Ươm", "Nguyệt", "Duyên", "Hường",
    "Liễu", "Xuyến", "Ngát", "Nụ", "Tươi", "Ân", "Ưng", "Yến Nhi", "Ngọc Ánh",
];
/// Two-syllable given names, used without a middle name ("Nguyễn Bình Minh").
const GIVEN_TWO_M: &[&str] = &["Bình Minh", "Quốc Anh", "Minh Đức", "Thiên Ân", "Hải Đăng"];
const GIVEN_TWO_F: &[&str] = &["Hoài An", "Khánh Linh", "Thu Hà", "Ánh Dương", "Bảo Ngọc"];
const THON: &[&str] = &[
    "Bình Hàn",
    "Đông Phan",
    "Văn Tảo",
    "Thượng Đạt",
    "Tiền Tiến",
    "Phú Lương",
    "Hạ Vĩnh",
    "Xuân Úc",
    "Ngọc Uyển",
    "Lãm Khê",
    "Ấp Trại",
    "Ước Lễ",
];

struct Field {
    slug: &'static str,
    label: &'static str,
    units: &'static [&'static str],
    positions: &'static [&'static str],
    deeds: &'static [&'static str],
    story: &'static [&'static str],
    results: &'static [&'static str],
}

const FIELDS: &[Field] = &[
    Field {
        slug: "xay-dung-dang",
        label: "công tác xây dựng Đảng, chính quyền, đoàn thể",
        units: &[
            "Văn phòng Đảng ủy xã",
            "Ủy ban MTTQ Việt Nam xã",
            "Hội Cựu chiến binh xã",
            "Chi bộ thôn {T}",
            "Ban Công tác Mặt trận thôn {T}",
        ],
        positions: &[
            "Bí thư Chi bộ thôn {T}",
            "Trưởng thôn {T}",
            "Chủ tịch Hội Cựu chiến binh xã",
            "Bí thư Đoàn xã",
            "Chi hội trưởng Chi hội Phụ nữ thôn {T}",
        ],
        deeds: &[
            "Đã có thành tích xuất sắc trong công tác xây dựng Đảng, chính quyền và các đoàn thể chính trị – xã hội năm {Y}",
            "Có thành tích tiêu biểu trong việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {Y}",
            "Đã có nhiều đóng góp trong công tác vận động quần chúng, xây dựng khối đại đoàn kết toàn dân tộc ở khu dân cư năm {Y}",
        ],
        story: &[
            "{XX} luôn gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy ước của thôn.",
            "Trong sinh hoạt chi bộ, {X} thẳng thắn góp ý, đề xuất nhiều cách làm mới giúp nâng cao chất lượng sinh hoạt.",
            "{XX} tích cực vận động đoàn viên, hội viên tham gia các phong trào thi đua do xã phát động.",
            "Nhờ cách làm gần dân, sát dân, nhiều vướng mắc ở thôn {T} được giải quyết ngay từ cơ sở.",
        ],
        results: &[
            "Chi bộ thôn {T} nhiều năm liền hoàn thành tốt nhiệm vụ",
            "Kết nạp {N} đoàn viên, hội viên mới",
            "Tổ chức {N} buổi sinh hoạt chuyên đề",
        ],
    },
    Field {
        slug: "kinh-te",
        label: "phát triển kinh tế, sản xuất, kinh doanh",
        units: &[
            "Hợp tác xã Dịch vụ nông nghiệp Tân Việt",
            "Hội Nông dân xã",
            "Tổ hợp tác trồng vải thiều thôn {T}",
            "Chi hội Nông dân thôn {T}",
        ],
        positions: &[
            "Nông dân",
            "Chủ trang trại",
            "Giám đốc Hợp tác xã",
            "Chủ hộ kinh doanh",
            "Hội viên Hội Nông dân",
        ],
        deeds: &[
            "Đã có thành tích xuất sắc trong phong trào nông dân sản xuất, kinh doanh giỏi năm {Y}",
            "Có thành tích tiêu biểu trong phát triển kinh tế hộ gia đình, giúp nhau làm giàu chính đáng năm {Y}",
            "Đã mạnh dạn chuyển đổi cơ cấu cây trồng, vật nuôi, nâng cao thu nhập trên một đơn vị diện tích năm {Y}",
        ],
        story: &[
            "{XX} mạnh dạn chuyển đổi diện tích trồng lúa kém hiệu quả sang trồng vải thiều kết hợp nuôi cá.",
            "Mỗi năm, mô hình của {X} tạo việc làm thường xuyên cho {N} lao động địa phương.",
            "{XX} sẵn sàng chia sẻ kinh nghiệm, cây giống và kỹ thuật chăm sóc cho các hộ trong thôn {T}.",
            "Thu nhập ổn định giúp {X} có điều kiện đóng góp xây dựng các công trình công cộng của thôn.",
        ],
        results: &[
            "Tạo việc làm cho {N} lao động địa phương",
            "Hướng dẫn kỹ thuật cho {N} hộ nông dân",
            "Hỗ trợ {N} hộ khó khăn vay vốn, cây giống",
        ],
    },
    Field {
        slug: "nong-thon-moi",
        label: "xây dựng nông thôn mới",
        units: &[
            "Ban Phát triển thôn {T}",
            "Ban Công tác Mặt trận thôn {T}",
            "Ban Quản lý xây dựng nông thôn mới xã",
        ],
        positions: &[
            "Trưởng thôn {T}",
            "Trưởng Ban Công tác Mặt trận thôn {T}",
            "Công chức Địa chính – Xây dựng",
            "Nông dân",
        ],
        deeds: &[
            "Đã có thành tích xuất sắc trong phong trào thi đua “Cả nước chung sức xây dựng nông thôn mới” năm {Y}",
            "Có thành tích tiêu biểu trong xây dựng xã đạt chuẩn nông thôn mới nâng cao năm {Y}",
            "Đã tích cực vận động nhân dân hiến đất, góp công xây dựng đường giao thông nông thôn năm {Y}",
        ],
        story: &[
            "{XX} đã tự nguyện hiến {N}0 m² đất để mở rộng đường liên thôn.",
            "{XX} vận động các hộ trong thôn {T} góp tiền, ngày công chỉnh trang nhà văn hóa và rãnh thoát nước.",
            "Con đường bê tông mới giúp việc đi lại, vận chuyển nông sản của bà con thuận lợi hơn.",
            "Thôn {T} có thêm nhiều tuyến đường hoa, hàng rào xanh nhờ sự gương mẫu của {X}.",
        ],
        results: &[
            "Hiến {N}0 m² đất làm đường",
            "Vận động {N} hộ chỉnh trang nhà ở, vườn, ao",
            "Đóng góp {N} ngày công lao động",
        ],
    },
    Field {
        slug: "van-hoa",
        label: "xây dựng đời sống văn hóa, thể dục thể thao",
        units: &[
            "Câu lạc bộ Văn nghệ thôn {T}",
            "Đội văn nghệ xã",
            "Câu lạc bộ Dưỡng sinh thôn {T}",
            "Ban Văn hóa – Xã hội xã",
        ],
        positions: &[
            "Chủ nhiệm Câu lạc bộ Văn nghệ thôn {T}",
            "Công chức Văn hóa – Xã hội",
            "Hội viên Câu lạc bộ Dưỡng sinh",
        ],
        deeds: &[
            "Đã có thành tích xuất sắc trong phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” năm {Y}",
            "Có thành tích tiêu biểu trong hoạt động văn hóa, văn nghệ, thể dục thể thao quần chúng năm {Y}",
            "Đã gương mẫu thực hiện nếp sống văn minh trong việc cưới, việc tang và lễ hội năm {Y}",
        ],
        story: &[
            "{XX} duy trì đều đặn các buổi tập văn nghệ, dưỡng sinh vào mỗi tối tại nhà văn hóa thôn {T}.",
            "Đội văn nghệ do {X} phụ trách nhiều lần đạt giải cao trong hội diễn của huyện.",
            "{XX} vận động các gia đình tổ chức việc cưới, việc tang gọn nhẹ, tiết kiệm, văn minh.",
            "Những sân chơi lành mạnh góp phần đẩy lùi tệ nạn xã hội trong thanh, thiếu niên.",
        ],
        results: &[
            "Dàn dựng {N} tiết mục văn nghệ",
            "Duy trì {N} câu lạc bộ thể thao quần chúng",
            "{N} gia đình tổ chức việc cưới theo nếp sống mới",
        ],
    },
    Field {
        slug: "giao-duc",
        label: "giáo dục – đào tạo và khuyến học",
        units: &[
            "Trường Mầm non Tân Việt",
            "Trường Tiểu học Tân Việt",
            "Trường THCS Tân Việt",
            "Hội Khuyến học xã",
            "Trung tâm Học tập cộng đồng xã",
        ],
        positions: &[
            "Giáo viên",
            "Hiệu trưởng",
            "Học sinh lớp 5A",
            "Học sinh lớp 9B",
            "Chi hội trưởng Chi hội Khuyến học thôn {T}",
        ],
        deeds: &[
            "Đã có thành tích xuất sắc trong công tác giảng dạy và giáo dục học sinh năm học {Y}–{Y1}",
            "Có thành tích tiêu biểu trong phong trào khuyến học, khuyến tài, xây dựng xã hội học tập năm {Y}",
            "Đạt giải cao trong kỳ thi học sinh giỏi cấp huyện năm học {Y}–{Y1}",
        ],
        story: &[
            "{XX} luôn tận tụy, đổi mới phương pháp dạy học, quan tâm đến từng học sinh có hoàn cảnh khó khăn.",
            "{XX} vận động các dòng họ trong thôn {T} lập quỹ khuyến học, trao thưởng cho học sinh nghèo vượt khó.",
            "Tỷ lệ học sinh khá, giỏi của đơn vị tăng đều qua từng năm học.",
            "Tủ sách cộng đồng do {X} gây dựng đã có hơn {N}0 đầu sách phục vụ bà con.",
        ],
        results: &[
            "{N} học sinh đạt giải cấp huyện",
            "Trao {N} suất học bổng cho học sinh khó khăn",
            "Tổ chức {N} lớp học tập cộng đồng",
        ],
    },
    Field {
        slug: "y-te",
        label: "y tế, dân số và chăm sóc sức khỏe nhân dân",
        units: &["Trạm Y tế xã", "Ban Dân số xã", "Tổ y tế thôn {T}"],
        positions: &[
            "Trạm trưởng Trạm Y tế xã",
            "Y sĩ",
            "Nhân viên y tế thôn {T}",
            "Cộng tác viên dân số",
        ],
        deeds: &[
            "Đã có thành tích xuất sắc trong công tác chăm sóc sức khỏe ban đầu cho nhân dân năm {Y}",
            "Có thành tích tiêu biểu trong công tác dân số, tiêm chủng mở rộng năm {Y}",
            "Đã có nhiều đóng góp trong công tác phòng, chống dịch bệnh trên địa bàn xã năm {Y}",
        ],
        story: &[
            "{XX} thường xuyên đến từng hộ trong thôn {T} hướng dẫn phòng, chống dịch bệnh.",
            "Không quản ngày đêm, {X} có mặt kịp thời mỗi khi bà con cần sơ cứu, tư vấn sức khỏe.",
            "Tỷ lệ trẻ em được tiêm chủng đầy đủ trên địa bàn luôn đạt trên 98%.",
            "{XX} tích cực tuyên truyền vận động hiến máu tình nguyện, tham gia bảo hiểm y tế.",
        ],
        results: &[
            "Khám, tư vấn sức khỏe cho {N}0 lượt người",
            "Vận động {N} người hiến máu tình nguyện",
            "Tổ chức {N} buổi truyền thông dân số",
        ],
    },
    Field {
        slug: "an-sinh-xa-hoi",
        label: "lao động, an sinh xã hội và giảm nghèo bền vững",
        units: &[
            "Hội Chữ thập đỏ xã",
            "Chi hội Chữ thập đỏ thôn {T}",
            "Ban Vận động Quỹ “Vì người nghèo” xã",
        ],
        positions: &[
            "Công chức Văn hóa – Xã hội",
            "Chủ tịch Hội Chữ thập đỏ xã",
            "Tình nguyện viên",
        ],
        deeds: &[
            "Đã có thành tích xuất sắc trong phong trào “Vì người nghèo – Không để ai bị bỏ lại phía sau” năm {Y}",
            "Có thành tích tiêu biểu trong công tác chăm lo người có công, hộ nghèo, đối tượng bảo trợ xã hội năm {Y}",
            "Đã tích cực ủng hộ xây dựng nhà đại đoàn kết cho hộ nghèo năm {Y}",
        ],
        story: &[
            "{XX} nhiều năm liền vận động các nhà hảo tâm trao quà cho hộ nghèo, người cao tuổi neo đơn.",
            "Từ nguồn quỹ vận động được, thôn {T} đã hỗ trợ {N} hộ sửa chữa nhà ở.",
            "{XX} trực tiếp đến từng gia đình khó khăn để nắm hoàn cảnh, đề xuất hỗ trợ kịp thời.",
            "Tỷ lệ hộ nghèo của thôn giảm rõ rệt qua từng năm.",
        ],
        results: &[
            "Trao {N}0 suất quà cho hộ khó khăn",
            "Hỗ trợ {N} hộ xây mới, sửa chữa nhà ở",
            "Giới thiệu việc làm cho {N} lao động",
        ],
    },
    Field {
        slug: "cai-cach-hanh-chinh",
        label: "cải cách hành chính",
        units: &[
            "Bộ phận Tiếp nhận và Trả kết quả xã",
            "Văn phòng HĐND và UBND xã",
        ],
        positions: &[
            "Công chức Văn phòng – Thống kê",
            "Công chức Tư pháp – Hộ tịch",
            "Công chức Tài chính – Kế toán",
        ],
        deeds: &[
            "Đã có thành tích xuất sắc trong công tác cải cách hành chính năm {Y}",
            "Có thành tích tiêu biểu trong thực hiện cơ chế một cửa, một cửa liên thông năm {Y}",
            "Đã thực hiện tốt văn hóa công sở, nâng cao chỉ số hài lòng của người dân năm {Y}",
        ],
        story: &[
            "{XX} luôn niềm nở, hướng dẫn tận tình người dân đến giải quyết thủ tục hành chính.",
            "Trong năm, không có hồ sơ nào do {X} tiếp nhận bị trễ hẹn.",
            "{XX} chủ động đề xuất rút gọn quy trình, niêm yết công khai thủ tục tại Bộ phận Một cửa.",
            "Mức độ hài lòng của người dân với bộ phận được nâng lên rõ rệt.",
        ],
        results: &[
            "Tiếp nhận và trả đúng hạn {N}0 hồ sơ",
            "Đề xuất {N} sáng kiến cải tiến quy trình",
            "Không có phản ánh, kiến nghị về thái độ phục vụ",
        ],
    },
    Field {
        slug: "chuyen-doi-so",
        label: "chuyển đổi số",
        units: &[
            "Tổ công nghệ số cộng đồng thôn {T}",
            "Đoàn Thanh niên xã",
            "Bộ phận Một cửa xã",
        ],
        positions: &[
            "Tổ trưởng Tổ công nghệ số cộng đồng thôn {T}",
            "Đoàn viên thanh niên",
            "Công chức Văn phòng – Thống kê",
        ],
        deeds: &[
            "Đã có thành tích xuất sắc trong thực hiện Chương trình chuyển đổi số của xã năm {Y}",
            "Có thành tích tiêu biểu trong hướng dẫn người dân sử dụng dịch vụ công trực tuyến, thanh toán không dùng tiền mặt năm {Y}",
            "Đã tích cực hỗ trợ người dân kích hoạt tài khoản định danh điện tử năm {Y}",
        ],
        story: &[
            "{XX} đến từng hộ trong thôn {T} hướng dẫn cài đặt ứng dụng và nộp hồ sơ trực tuyến.",
            "Nhờ sự hỗ trợ của {X}, nhiều người cao tuổi đã biết sử dụng điện thoại thông minh.",
            "Tỷ lệ hồ sơ trực tuyến toàn trình của xã tăng mạnh so với năm trước.",
            "{XX} còn giúp các hộ trồng vải đưa sản phẩm lên sàn thương mại điện tử.",
        ],
        results: &[
            "Hướng dẫn {N}0 người dân nộp hồ sơ trực tuyến",
            "Hỗ trợ {N} hộ mở tài khoản thanh toán điện tử",
            "Đưa {N} sản phẩm nông nghiệp lên sàn thương mại điện tử",
        ],
    },
    Field {
        slug: "quoc-phong-an-ninh",
        label: "quốc phòng – an ninh, bảo đảm trật tự an toàn xã hội",
        units: &[
            "Công an xã",
            "Ban Chỉ huy Quân sự xã",
            "Tổ bảo vệ an ninh, trật tự thôn {T}",
            "Trung đội Dân quân cơ động xã",
        ],
        positions: &[
            "Trưởng Công an xã",
            "Chỉ huy trưởng Ban Chỉ huy Quân sự xã",
            "Tổ trưởng Tổ bảo vệ an ninh, trật tự thôn {T}",
            "Chiến sĩ dân quân",
        ],
        deeds: &[
            "Đã có thành tích xuất sắc trong phong trào “Toàn dân bảo vệ an ninh Tổ quốc” năm {Y}",
            "Có thành tích tiêu biểu trong công tác quân sự, quốc phòng địa phương năm {Y}",
            "Đã có thành tích trong đấu tranh phòng, chống tội phạm, giữ gìn trật tự an toàn xã hội năm {Y}",
        ],
        story: &[
            "{XX} thường xuyên tuần tra, nắm tình hình, kịp thời giải quyết các vụ việc ngay từ cơ sở.",
            "Thôn {T} nhiều năm liền không có tội phạm hình sự nghiêm trọng.",
            "{XX} tham gia huấn luyện dân quân đạt kết quả khá, giỏi.",
            "Mô hình “Camera an ninh” do {X} vận động đã góp phần giữ bình yên cho khu dân cư.",
        ],
        results: &[
            "Tham gia {N}0 buổi tuần tra",
            "Hòa giải thành {N} vụ việc mâu thuẫn",
            "Vận động lắp đặt {N} camera an ninh",
        ],
    },
    Field {
        slug: "tu-phap-thanh-tra",
        label: "tư pháp, thanh tra và tiếp công dân",
        units: &[
            "Tổ hòa giải thôn {T}",
            "Ban Thanh tra nhân dân xã",
            "Bộ phận Tư pháp – Hộ tịch xã",
        ],
        positions: &[
            "Tổ trưởng Tổ hòa giải thôn {T}",
            "Trưởng Ban Thanh tra nhân dân xã",
            "Công chức Tư pháp – Hộ tịch",
        ],
        deeds: &[
            "Đã có thành tích xuất sắc trong công tác hòa giải ở cơ sở năm {Y}",
            "Có thành tích tiêu biểu trong tuyên truyền, phổ biến, giáo dục pháp luật năm {Y}",
            "Đã thực hiện tốt công tác tiếp công dân, giải quyết khiếu nại, tố cáo năm {Y}",
        ],
        story: &[
            "{XX} kiên trì gặp gỡ, phân tích để các bên tranh chấp đất đai tự nguyện hòa giải.",
            "Tủ sách pháp luật ở nhà văn hóa thôn {T} được {X} bổ sung, cập nhật thường xuyên.",
            "Nhiều vụ việc phức tạp đã được giải quyết ổn thỏa, không để phát sinh khiếu kiện vượt cấp.",
            "{XX} là hòa giải viên được bà con tin tưởng, tín nhiệm.",
        ],
        results: &[
            "Hòa giải thành {N} vụ việc",
            "Tổ chức {N} buổi phổ biến pháp luật",
            "Không có đơn thư vượt cấp",
        ],
    },
    Field {
        slug: "tai-nguyen-moi-truong",
        label: "tài nguyên – môi trường",
        units: &[
            "Tổ thu gom rác thải thôn {T}",
            "Chi hội Phụ nữ thôn {T}",
            "Hợp tác xã Dịch vụ môi trường Tân Việt",
        ],
        positions: &[
            "Công chức Địa chính – Xây dựng",
            "Tổ trưởng Tổ vệ sinh môi trường thôn {T}",
            "Hội viên Chi hội Phụ nữ",
        ],
        deeds: &[
            "Đã có thành tích xuất sắc trong công tác bảo vệ môi trường, xây dựng cảnh quan xanh – sạch – đẹp năm {Y}",
            "Có thành tích tiêu biểu trong phân loại, thu gom rác thải tại nguồn năm {Y}",
            "Đã tích cực tham gia quản lý đất đai, tài nguyên trên địa bàn xã năm {Y}",
        ],
        story: &[
            "{XX} vận động chị em trong thôn {T} phân loại rác tại nguồn, ủ phân hữu cơ từ rác thải sinh hoạt.",
            "Mỗi sáng chủ nhật, {X} cùng bà con dọn vệ sinh đường làng, khơi thông cống rãnh.",
            "Tuyến đường hoa do {X} khởi xướng đã trở thành điểm nhấn của thôn.",
            "Ý thức giữ gìn vệ sinh môi trường của người dân được nâng lên rõ rệt.",
        ],
        results: &[
            "Trồng {N}0 cây xanh",
            "Vận động {N}0 hộ phân loại rác tại nguồn",
            "Ra quân dọn vệ sinh {N} lượt",
        ],
    },
    Field {
        slug: "nguoi-tot-viec-tot",
        label: "phong trào người tốt, việc tốt",
        units: &[
            "Đoàn Thanh niên xã",
            "Chi đoàn thôn {T}",
            "Hội Cựu chiến binh xã",
        ],
        positions: &[
            "Học sinh lớp 8A",
            "Đoàn viên thanh niên",
            "Lái xe",
            "Cựu chiến binh",
            "Nông dân",
        ],
        deeds: &[
            "Đã có hành động dũng cảm cứu người bị đuối nước tại sông Thái Bình năm {Y}",
            "Đã nhặt được tài sản có giá trị và trả lại cho người đánh mất năm {Y}",
            "Đã dũng cảm tham gia bắt giữ đối tượng trộm cắp tài sản của nhân dân năm {Y}",
            "Đã kịp thời dập tắt đám cháy, bảo vệ tính mạng và tài sản của nhân dân năm {Y}",
        ],
        story: &[
            "Không chút do dự, {X} đã lao xuống dòng nước chảy xiết để cứu một em nhỏ gặp nạn.",
            "Nhặt được chiếc ví có nhiều giấy tờ và tiền mặt, {X} đã mang đến Công an xã để trả lại người đánh mất.",
            "Việc làm của {X} được bà con thôn {T} hết lời khen ngợi.",
            "{XX} cho rằng đó là việc bình thường mà ai cũng nên làm.",
        ],
        results: &[
            "Trả lại tài sản trị giá {N} triệu đồng",
            "Cứu {N} người gặp nạn",
            "Tham gia {N} đợt hiến máu tình nguyện",
        ],
    },
];

fn field_idx(slug: &str) -> u8 {
    FIELDS
        .iter()
        .position(|f| f.slug == slug)
        .expect("known field") as u8
}

const TAILS: &[&str] = &[
    ", góp phần hoàn thành thắng lợi nhiệm vụ chính trị của địa phương",
    ", góp phần vào thành tích chung của xã Tân Việt",
    ", được nhân dân ghi nhận và đánh giá cao",
    "",
    "",
];
const GDVH_ACH: &[&str] = &[
    "Gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của Nhà nước và quy ước của thôn năm {Y}",
    "Gia đình hòa thuận, hạnh phúc, tiến bộ; tích cực tham gia các phong trào thi đua tại khu dân cư năm {Y}",
    "Giữ gìn vệ sinh môi trường, thực hiện nếp sống văn minh, phát triển kinh tế hộ gia đình năm {Y}",
];
const THONVH_ACH: &[&str] = &[
    "Đạt các tiêu chí công nhận danh hiệu Thôn văn hóa năm {Y}; đời sống vật chất, tinh thần của nhân dân được nâng lên",
    "Giữ vững danh hiệu Thôn văn hóa; an ninh trật tự được bảo đảm, không có tệ nạn xã hội năm {Y}",
    "Thực hiện tốt quy ước, hương ước; cảnh quan môi trường xanh – sạch – đẹp năm {Y}",
];
const THEMES: [&str; NYEARS] = [
    "Đoàn kết, đổi mới, năng động, sáng tạo, hoàn thành thắng lợi nhiệm vụ năm 2015",
    "Kỷ cương, đổi mới, sáng tạo, hiệu quả",
    "Kỷ cương, liêm chính, hành động, sáng tạo, hiệu quả",
    "Kỷ cương, liêm chính, hành động, sáng tạo, bứt phá, hiệu quả",
    "Kỷ cương, liêm chính, hành động, sáng tạo, bứt phá, hiệu quả",
    "Đoàn kết, kỷ cương, liêm chính, hành động, sáng tạo, hiệu quả",
    "Đoàn kết, kỷ cương, đổi mới, sáng tạo, khát vọng phát triển",
    "Đoàn kết, kỷ cương, an toàn thích ứng, khôi phục phát triển",
    "Đoàn kết, kỷ cương, bản lĩnh, linh hoạt, đổi mới, sáng tạo, kịp thời, hiệu quả",
    "Đoàn kết, kỷ cương, sáng tạo, tăng tốc, hiệu quả",
    "Kỷ cương trách nhiệm; chủ động kịp thời; tinh gọn hiệu quả; tăng tốc bứt phá",
];

// ---------------------------------------------------------------------------------------
// Movements
// ---------------------------------------------------------------------------------------

struct CanonMovement {
    slug: &'static str,
    title: &'static str,
    kind: &'static str,
    level: usize,
    launched_by: &'static str,
    document: Option<(&'static str, (i32, u32, u32), &'static str)>,
    start: (i32, u32, u32),
    end: Option<(i32, u32, u32)>,
    slogan: Option<&'static str>,
    fields: &'static [&'static str],
}

const CANON: &[CanonMovement] = &[
    CanonMovement {
        slug: "van-hoa-cong-so",
        title: "Cán bộ, công chức, viên chức, người lao động thi đua thực hiện văn hóa công sở",
        kind: "thuong-xuyen",
        level: TW,
        launched_by: "Thủ tướng Chính phủ",
        document: Some((
            "1847/QĐ-TTg",
            (2018, 12, 27),
            "Quyết định phê duyệt Đề án văn hóa công vụ",
        )),
        start: (2019, 1, 1),
        end: None,
        slogan: Some("Tận tụy, trách nhiệm, chuyên nghiệp, hiệu quả"),
        fields: &["cai-cach-hanh-chinh", "xay-dung-dang"],
    },
    CanonMovement {
        slug: "nong-thon-moi",
        title: "Cả nước chung sức xây dựng nông thôn mới",
        kind: "thuong-xuyen",
        level: TW,
        launched_by: "Thủ tướng Chính phủ",
        document: Some((
            "1600/QĐ-TTg",
            (2016, 8, 16),
            "Quyết định phê duyệt Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
        )),
        start: (2016, 1, 1),
        end: Some((2025, 12, 31)),
        slogan: Some("Nông thôn mới – nông dân văn minh – nông nghiệp sinh thái"),
        fields: &["nong-thon-moi", "kinh-te"],
    },
    CanonMovement {
        slug: "toan-dan-doan-ket-xay-dung-doi-song-van-hoa",
        title: "Toàn dân đoàn kết xây dựng đời sống văn hóa",
        kind: "thuong-xuyen",
        level: TW,
        launched_by: "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        document: None,
        start: (2015, 1, 1),
        end: None,
        slogan: None,
        fields: &["van-hoa"],
    },
    CanonMovement {
        slug: "vi-nguoi-ngheo",
        title: "Vì người nghèo – Không để ai bị bỏ lại phía sau",
        kind: "chuyen-de",
        level: TW,
        launched_by: "Thủ tướng Chính phủ",
        document: Some((
            "19/CT-TTg",
            (2021, 7, 16),
            "Chỉ thị về tổ chức phong trào thi đua “Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau” giai đoạn 2021–2025",
        )),
        start: (2021, 7, 16),
        end: Some((2025, 12, 31)),
        slogan: Some("Không để ai bị bỏ lại phía sau"),
        fields: &["an-sinh-xa-hoi"],
    },
    CanonMovement {
        slug: "chuyen-doi-so",
        title: "Chuyển đổi số giai đoạn 2021–2025",
        kind: "chuyen-de",
        level: TINH,
        launched_by: "UBND tỉnh Hải Dương",
        document: None,
        start: (2021, 1, 1),
        end: Some((2025, 12, 31)),
        slogan: Some("Mỗi người dân là một công dân số"),
        fields: &["chuyen-doi-so", "cai-cach-hanh-chinh"],
    },
    CanonMovement {
        slug: "xa-hoi-hoc-tap",
        title: "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời",
        kind: "chuyen-de",
        level: TW,
        launched_by: "Thủ tướng Chính phủ",
        document: None,
        start: (2023, 1, 1),
        end: Some((2030, 12, 31)),
        slogan: None,
        fields: &["giao-duc"],
    },
    CanonMovement {
        slug: "hoc-tap-va-lam-theo-bac",
        title: "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        kind: "thuong-xuyen",
        level: TW,
        launched_by: "Bộ Chính trị",
        document: Some((
            "05-CT/TW",
            (2016, 5, 15),
            "Chỉ thị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        )),
        start: (2016, 5, 15),
        end: None,
        slogan: None,
        fields: &["xay-dung-dang", "nguoi-tot-viec-tot"],
    },
    CanonMovement {
        slug: "ha-tang-dong-bo-thuc-hanh-tiet-kiem",
        title: "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí",
        kind: "chuyen-de",
        level: TW,
        launched_by: "Thủ tướng Chính phủ",
        document: None,
        start: (2022, 1, 1),
        end: Some((2025, 12, 31)),
        slogan: None,
        fields: &["kinh-te", "nong-thon-moi"],
    },
    CanonMovement {
        slug: "toan-dan-bao-ve-an-ninh-to-quoc",
        title: "Toàn dân bảo vệ an ninh Tổ quốc",
        kind: "thuong-xuyen",
        level: TW,
        launched_by: "Bộ Công an",
        document: None,
        start: (2015, 1, 1),
        end: None,
        slogan: None,
        fields: &["quoc-phong-an-ninh"],
    },
    CanonMovement {
        slug: "phong-chong-dich-covid-19",
        title: "Chung tay phòng, chống dịch COVID-19",
        kind: "theo-dot",
        level: TINH,
        launched_by: "UBND tỉnh Hải Dương",
        document: None,
        start: (2020, 2, 1),
        end: Some((2022, 12, 31)),
        slogan: Some("Đoàn kết, chung tay đẩy lùi dịch bệnh"),
        fields: &["y-te", "an-sinh-xa-hoi"],
    },
    CanonMovement {
        slug: "xa-chuan-tiep-can-phap-luat",
        title: "Xây dựng xã đạt chuẩn tiếp cận pháp luật",
        kind: "chuyen-de",
        level: HUYEN,
        launched_by: "UBND huyện Thanh Hà",
        document: None,
        start: (2017, 1, 1),
        end: Some((2025, 6, 30)),
        slogan: None,
        fields: &["tu-phap-thanh-tra"],
    },
    CanonMovement {
        slug: "xanh-sach-dep",
        title: "Chung tay vì môi trường xanh – sạch – đẹp",
        kind: "chuyen-de",
        level: XA,
        launched_by: "UBND xã Tân Việt",
        document: None,
        start: (2018, 3, 1),
        end: None,
        slogan: Some("Đường làng sạch, ngõ xóm xanh"),
        fields: &["tai-nguyen-moi-truong", "nong-thon-moi"],
    },
];

struct MovementTemplate {
    slug: &'static str,
    title: &'static str,
    kind: &'static str,
    level: usize,
    fields: &'static [&'static str],
    /// (year offset, month, day; day 0 = last day of the month)
    start: (i32, u32, u32),
    end: (i32, u32, u32),
}

const MOVEMENT_TEMPLATES: &[MovementTemplate] = &[
    MovementTemplate {
        slug: "thi-dua-phat-trien-kinh-te-xa-hoi",
        title: "Thi đua hoàn thành thắng lợi nhiệm vụ phát triển kinh tế – xã hội năm {Y}",
        kind: "theo-dot",
        level: XA,
        fields: &["kinh-te", "xay-dung-dang"],
        start: (0, 1, 1),
        end: (0, 12, 31),
    },
    MovementTemplate {
        slug: "cao-diem-nong-thon-moi",
        title: "Thi đua cao điểm 100 ngày đêm xây dựng nông thôn mới năm {Y}",
        kind: "chuyen-de",
        level: HUYEN,
        fields: &["nong-thon-moi"],
        start: (0, 6, 1),
        end: (0, 9, 8),
    },
    MovementTemplate {
        slug: "lam-thuy-loi-dong-xuan",
        title: "Ra quân làm thủy lợi nội đồng vụ Đông Xuân {Y}–{Y1}",
        kind: "theo-dot",
        level: XA,
        fields: &["nong-thon-moi", "kinh-te"],
        start: (0, 11, 1),
        end: (1, 2, 0),
    },
    MovementTemplate {
        slug: "thang-hanh-dong-an-toan-thuc-pham",
        title: "Tháng hành động vì an toàn thực phẩm năm {Y}",
        kind: "theo-dot",
        level: TINH,
        fields: &["y-te"],
        start: (0, 4, 15),
        end: (0, 5, 15),
    },
    MovementTemplate {
        slug: "hien-mau-tinh-nguyen",
        title: "Hiến máu tình nguyện – Giọt hồng Tân Việt năm {Y}",
        kind: "theo-dot",
        level: XA,
        fields: &["y-te", "nguoi-tot-viec-tot"],
        start: (0, 3, 1),
        end: (0, 6, 30),
    },
    MovementTemplate {
        slug: "ngay-hoi-dai-doan-ket",
        title: "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm {Y}",
        kind: "theo-dot",
        level: XA,
        fields: &["van-hoa", "xay-dung-dang"],
        start: (0, 10, 1),
        end: (0, 11, 30),
    },
    MovementTemplate {
        slug: "cai-cach-hanh-chinh",
        title: "Thi đua đẩy mạnh cải cách hành chính, nâng cao chỉ số hài lòng năm {Y}",
        kind: "chuyen-de",
        level: HUYEN,
        fields: &["cai-cach-hanh-chinh"],
        start: (0, 2, 1),
        end: (0, 12, 31),
    },
    MovementTemplate {
        slug: "tuoi-tre-tinh-nguyen-he",
        title: "Chiến dịch Thanh niên tình nguyện hè {Y}",
        kind: "theo-dot",
        level: XA,
        fields: &["nguoi-tot-viec-tot", "tai-nguyen-moi-truong"],
        start: (0, 6, 1),
        end: (0, 8, 31),
    },
    MovementTemplate {
        slug: "day-tot-hoc-tot",
        title: "Thi đua “Dạy tốt – Học tốt” năm học {Y}–{Y1}",
        kind: "theo-dot",
        level: HUYEN,
        fields: &["giao-duc"],
        start: (0, 9, 5),
        end: (1, 5, 31),
    },
    MovementTemplate {
        slug: "tet-trong-cay",
        title: "Tết trồng cây “Đời đời nhớ ơn Bác Hồ” Xuân {Y}",
        kind: "theo-dot",
        level: TINH,
        fields: &["tai-nguyen-moi-truong"],
        start: (0, 1, 15),
        end: (0, 3, 31),
    },
    MovementTemplate {
        slug: "pho-bien-phap-luat",
        title: "Thi đua tuyên truyền, phổ biến, giáo dục pháp luật năm {Y}",
        kind: "chuyen-de",
        level: XA,
        fields: &["tu-phap-thanh-tra"],
        start: (0, 3, 1),
        end: (0, 11, 30),
    },
    MovementTemplate {
        slug: "xoa-nha-tam",
        title: "Chung tay xóa nhà tạm, nhà dột nát năm {Y}",
        kind: "chuyen-de",
        level: TINH,
        fields: &["an-sinh-xa-hoi"],
        start: (0, 4, 1),
        end: (0, 12, 31),
    },
    MovementTemplate {
        slug: "thanh-toan-khong-dung-tien-mat",
        title: "Thi đua chuyển đổi số, thanh toán không dùng tiền mặt năm {Y}",
        kind: "chuyen-de",
        level: XA,
        fields: &["chuyen-doi-so"],
        start: (0, 3, 26),
        end: (0, 12, 31),
    },
    MovementTemplate {
        slug: "tuyen-quan",
        title: "Thi đua hoàn thành công tác tuyển chọn, gọi công dân nhập ngũ năm {Y}",
        kind: "theo-dot",
        level: HUYEN,
        fields: &["quoc-phong-an-ninh"],
        start: (0, 1, 1),
        end: (0, 3, 31),
    },
    MovementTemplate {
        slug: "phong-chong-toi-pham",
        title: "Cao điểm tấn công, trấn áp tội phạm, bảo đảm an ninh trật tự Tết Nguyên đán {Y}",
        kind: "theo-dot",
        level: XA,
        fields: &["quoc-phong-an-ninh", "nguoi-tot-viec-tot"],
        start: (-1, 12, 1),
        end: (0, 2, 28),
    },
];

struct Movement {
    slug: String,
    title: String,
    fields: Vec<u8>,
    start: i32,
    end: Option<i32>,
}

// ---------------------------------------------------------------------------------------
// Awards: decision kinds by level
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum Who {
    Only(Subject),
    Mixed,
}

struct DecisionKind {
    level: usize,
    weight: u32,
    form: &'static str,
    who: Who,
    /// A title (danh hiệu) recognised at the end of the year, rather than a merit award.
    annual_title: bool,
    /// Words after "Về việc ...".
    title: &'static str,
    /// How a notice about it is titled.
    notice: &'static str,
}

const KINDS: &[DecisionKind] = &[
    DecisionKind {
        level: XA,
        weight: 14,
        form: "lao-dong-tien-tien",
        who: Who::Only(Subject::CaNhan),
        annual_title: true,
        title: "công nhận danh hiệu Lao động tiên tiến năm {Y}",
        notice: "công nhận danh hiệu Lao động tiên tiến năm {Y}",
    },
    DecisionKind {
        level: XA,
        weight: 20,
        form: "giay-khen",
        who: Who::Mixed,
        annual_title: false,
        title: "tặng Giấy khen của Chủ tịch UBND xã cho các tập thể, cá nhân có thành tích",
        notice: "tặng Giấy khen của Chủ tịch UBND xã năm {Y}",
    },
    DecisionKind {
        level: XA,
        weight: 12,
        form: "gia-dinh-van-hoa",
        who: Who::Only(Subject::HoGiaDinh),
        annual_title: true,
        title: "công nhận danh hiệu Gia đình văn hóa năm {Y}",
        notice: "công nhận danh hiệu Gia đình văn hóa năm {Y}",
    },
    DecisionKind {
        level: HUYEN,
        weight: 8,
        form: "chien-si-thi-dua-co-so",
        who: Who::Only(Subject::CaNhan),
        annual_title: true,
        title: "công nhận danh hiệu Chiến sĩ thi đua cơ sở năm {Y}",
        notice: "công nhận danh hiệu Chiến sĩ thi đua cơ sở năm {Y}",
    },
    DecisionKind {
        level: HUYEN,
        weight: 7,
        form: "tap-the-lao-dong-tien-tien",
        who: Who::Only(Subject::TapThe),
        annual_title: true,
        title: "công nhận danh hiệu Tập thể lao động tiên tiến năm {Y}",
        notice: "công nhận danh hiệu Tập thể lao động tiên tiến năm {Y}",
    },
    DecisionKind {
        level: HUYEN,
        weight: 4,
        form: "thon-van-hoa",
        who: Who::Only(Subject::Thon),
        annual_title: true,
        title: "công nhận danh hiệu Thôn văn hóa năm {Y}",
        notice: "công nhận danh hiệu Thôn văn hóa năm {Y}",
    },
    DecisionKind {
        level: HUYEN,
        weight: 11,
        form: "giay-khen",
        who: Who::Mixed,
        annual_title: false,
        title: "tặng Giấy khen của Chủ tịch UBND huyện cho các tập thể, cá nhân có thành tích",
        notice: "tặng Giấy khen của Chủ tịch UBND huyện năm {Y}",
    },
    DecisionKind {
        level: TINH,
        weight: 13,
        form: "bang-khen-tinh",
        who: Who::Mixed,
        annual_title: false,
        title: "tặng Bằng khen của Chủ tịch UBND tỉnh cho các tập thể, cá nhân có thành tích",
        notice: "tặng Bằng khen của Chủ tịch UBND tỉnh năm {Y}",
    },
    DecisionKind {
        level: TINH,
        weight: 5,
        form: "tap-the-lao-dong-xuat-sac",
        who: Who::Only(Subject::TapThe),
        annual_title: true,
        title: "tặng danh hiệu Tập thể lao động xuất sắc năm {Y}",
        notice: "tặng danh hiệu Tập thể lao động xuất sắc năm {Y}",
    },
    DecisionKind {
        level: TINH,
        weight: 5,
        form: "chien-si-thi-dua-tinh",
        who: Who::Only(Subject::CaNhan),
        annual_title: true,
        title: "tặng danh hiệu Chiến sĩ thi đua tỉnh năm {Y}",
        notice: "tặng danh hiệu Chiến sĩ thi đua tỉnh năm {Y}",
    },
    DecisionKind {
        level: TW,
        weight: 1,
        form: "bang-khen-thu-tuong",
        who: Who::Mixed,
        annual_title: false,
        title: "tặng Bằng khen của Thủ tướng Chính phủ",
        notice: "tặng Bằng khen của Thủ tướng Chính phủ năm {Y}",
    },
];

/// Coefficient (in tenths of the base salary) and whether collectives get double.
fn coefficient(form: &str) -> Option<(u64, bool)> {
    match form {
        "lao-dong-tien-tien" => Some((3, false)),
        "chien-si-thi-dua-co-so" => Some((10, false)),
        "chien-si-thi-dua-tinh" => Some((30, false)),
        "giay-khen" => Some((3, true)),
        "bang-khen-tinh" => Some((15, true)),
        "bang-khen-thu-tuong" => Some((50, true)),
        "tap-the-lao-dong-tien-tien" => Some((8, false)),
        "tap-the-lao-dong-xuat-sac" => Some((15, false)),
        "thon-van-hoa" => Some((15, false)),
        _ => None,
    }
}

/// Mức lương cơ sở in force on a day.
fn base_salary(z: i32) -> u64 {
    const STEPS: &[((i32, u32, u32), u64)] = &[
        ((2024, 7, 1), 2_340_000),
        ((2023, 7, 1), 1_800_000),
        ((2019, 7, 1), 1_490_000),
        ((2018, 7, 1), 1_390_000),
        ((2017, 7, 1), 1_300_000),
        ((2016, 5, 1), 1_210_000),
    ];
    for &((y, m, d), v) in STEPS {
        if z >= days(y, m, d) {
            return v;
        }
    }
    1_150_000
}

fn signer(level: usize, year: i32, deputy: bool) -> Option<(&'static str, &'static str)> {
    let name = match (level, deputy) {
        (XA, false) if year <= 2020 => "Nguyễn Hữu Thịnh",
        (XA, false) => "Vũ Xuân Hào",
        (XA, true) if year <= 2020 => "Lê Thị Ngát",
        (XA, true) => "Đặng Văn Ước",
        (HUYEN, false) if year <= 2019 => "Trần Đức Thuận",
        (HUYEN, false) => "Phạm Minh Khôi",
        (HUYEN, true) => "Bùi Thị Yến",
        (TINH, false) if year <= 2020 => "Hoàng Ngọc Ấn",
        (TINH, false) => "Lương Văn Ổn",
        (TINH, true) => "Đỗ Thị Ánh Tuyết",
        _ => return None,
    };
    Some((
        name,
        if deputy {
            "Phó Chủ tịch"
        } else {
            "Chủ tịch"
        },
    ))
}

// ---------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------

/// Values substituted into templates: {X} {XX} (subject, lower / capitalised), {T} (thôn),
/// {Y} {Y1} (year, next year), {N} (a small random number), {C} (commune).
struct Tpl<'a> {
    x: &'a str,
    xx: &'a str,
    thon: &'a str,
    year: i32,
}

fn tpl(b: &mut String, t: &str, c: &Tpl, rng: &mut Rng) {
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        b.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let j = after.find('}').expect("closed placeholder");
        match &after[..j] {
            "X" => b.push_str(c.x),
            "XX" => b.push_str(c.xx),
            "T" => b.push_str(c.thon),
            "C" => b.push_str(COMMUNE),
            "Y" => {
                let _ = write!(b, "{}", c.year);
            }
            "Y1" => {
                let _ = write!(b, "{}", c.year + 1);
            }
            "N" => {
                let _ = write!(b, "{}", rng.range(2, 40));
            }
            other => panic!("unknown placeholder {other}"),
        }
        rest = &after[j + 1..];
    }
    b.push_str(rest);
}

/// TOML basic string, escaped.
fn toml_str(b: &mut String, s: &str) {
    b.push('"');
    for ch in s.chars() {
        match ch {
            '"' => b.push_str("\\\""),
            '\\' => b.push_str("\\\\"),
            '\n' => b.push_str("\\n"),
            '\t' => b.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(b, "\\u{:04X}", c as u32);
            }
            c => b.push(c),
        }
    }
    b.push('"');
}

fn kv(b: &mut String, key: &str, val: &str) {
    b.push_str(key);
    b.push_str(" = ");
    toml_str(b, val);
    b.push('\n');
}

fn kv_date(b: &mut String, key: &str, z: i32) {
    b.push_str(key);
    b.push_str(" = ");
    iso(b, z);
    b.push('\n');
}

fn kv_num(b: &mut String, key: &str, n: i64) {
    let _ = writeln!(b, "{key} = {n}");
}

fn kv_list<'a>(b: &mut String, key: &str, vals: impl IntoIterator<Item = &'a str>) {
    b.push_str(key);
    b.push_str(" = [");
    for (i, v) in vals.into_iter().enumerate() {
        if i > 0 {
            b.push_str(", ");
        }
        toml_str(b, v);
    }
    b.push_str("]\n");
}

const SUBJECT_LABELS: [(Subject, &str); 4] = [
    (Subject::CaNhan, "cá nhân"),
    (Subject::TapThe, "tập thể"),
    (Subject::HoGiaDinh, "hộ gia đình"),
    (Subject::Thon, "thôn"),
];

/// "2 tập thể, 5 cá nhân" from a list of recipients.
fn push_subject_counts(b: &mut String, recips: &[Recipient]) {
    let mut per = [0usize; 4];
    for r in recips {
        per[r.subject.expect("filled").idx()] += 1;
    }
    let mut first = true;
    for (s, label) in SUBJECT_LABELS {
        if per[s.idx()] > 0 {
            if !first {
                b.push_str(", ");
            }
            first = false;
            let _ = write!(b, "{} {label}", per[s.idx()]);
        }
    }
}

/// Vietnamese money: 1.730.000
fn push_money(b: &mut String, v: u64) {
    let digits = v.to_string();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            b.push('.');
        }
        b.push(ch);
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn push_lower_first(b: &mut String, s: &str) {
    let mut c = s.chars();
    if let Some(f) = c.next() {
        b.extend(f.to_lowercase());
        b.push_str(c.as_str());
    }
}

/// ASCII base letter of a Vietnamese letter (lowercase input).
fn fold(c: char) -> Option<char> {
    Some(match c {
        'a'..='z' | '0'..='9' => c,
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ' | 'ẩ'
        | 'ẫ' | 'ậ' => 'a',
        'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => 'e',
        'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
        'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ' | 'ở'
        | 'ỡ' | 'ợ' => 'o',
        'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => 'u',
        'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
        'đ' => 'd',
        _ => return None,
    })
}

/// Appends the ASCII slug of `s` (lowercase, hyphens) to `b`.
fn push_slug(b: &mut String, s: &str) {
    let mut pending_hyphen = false;
    let start = b.len();
    for ch in s.chars().flat_map(char::to_lowercase) {
        match fold(ch) {
            Some(a) => {
                if pending_hyphen && b.len() > start {
                    b.push('-');
                }
                pending_hyphen = false;
                b.push(a);
            }
            None => pending_hyphen = true,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------------------

const KIND_DIRS: [&str; 6] = ["plans", "movements", "people", "awards", "notices", "pages"];
const PLANS: usize = 0;
const MOVEMENTS: usize = 1;
const PEOPLE: usize = 2;
const AWARDS: usize = 3;
const NOTICES: usize = 4;
const PAGES: usize = 5;

/// One file to write: its path and bytes.
type Job = (PathBuf, Vec<u8>);

/// File creation dominates on real disks; a few threads hide most of its latency.
const WRITERS: usize = 4;

/// Writes files until the channel closes. After an error it records the first one, raises
/// `failed` and keeps draining, so that the generator never blocks on a full channel.
fn writer(jobs: &Mutex<Receiver<Job>>, failed: &AtomicBool, error: &Mutex<Option<String>>) {
    loop {
        let job = match jobs.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((path, bytes)) = job else {
            return;
        };
        if failed.load(Ordering::Relaxed) {
            continue;
        }
        if let Err(e) = fs::write(&path, bytes) {
            failed.store(true, Ordering::Relaxed);
            if let Ok(mut slot) = error.lock() {
                slot.get_or_insert_with(|| format!("cannot write {}: {e}", path.display()));
            }
        }
    }
}

struct Person {
    slug: String,
    name: String,
    role: String,
    unit: String,
}

#[derive(Default)]
struct Recipient {
    name: String,
    subject: Option<Subject>,
    position: String,
    unit: String,
    form: &'static str,
    achievement: String,
    posthumous: bool,
    amount: Option<u64>,
    person: Option<usize>,
}

/// A generated name: display name plus parts.
struct NameParts {
    female: bool,
    given: &'static str,
    two_syllable_given: bool,
}

struct Counts {
    files: [usize; 6],
    bytes: u64,
}

struct Gen {
    rng: Rng,
    buf: String,
    fname: String,
    dirs: Vec<PathBuf>,
    sink: SyncSender<Job>,
    failed: &'static AtomicBool,
    counts: Counts,
    movements: Vec<Movement>,
    by_year: Vec<Vec<u32>>,
    people: Vec<Person>,
    /// People indices by `subject * FIELDS.len() + field`.
    people_by: Vec<Vec<u32>>,
    numbers: [[u32; NYEARS]; 4],
    recips: Vec<Recipient>,
    notice_seq: usize,
    kind_weight_total: [u32; 4],
}

fn year_idx(y: i32) -> usize {
    (y - FIRST_YEAR) as usize
}

impl Gen {
    /// Hands the finished file (`self.buf`, named `self.fname`) to the writer threads.
    fn write(&mut self, kind: usize) -> Result<(), String> {
        let mut path = self.dirs[kind].clone();
        path.push(&self.fname);
        path.set_extension("md");
        let job = (path, self.buf.as_bytes().to_vec());
        if self.failed.load(Ordering::Relaxed) || self.sink.send(job).is_err() {
            // A writer failed; `run` reports its error.
            return Err("writing stopped".to_string());
        }
        self.counts.files[kind] += 1;
        self.counts.bytes += self.buf.len() as u64;
        Ok(())
    }

    /// Writes a random Vietnamese name into `out`.
    fn name(&mut self, out: &mut String, female: Option<bool>) -> NameParts {
        let rng = &mut self.rng;
        let female = female.unwrap_or_else(|| rng.chance(50));
        out.push_str(rng.pick(FAMILY));
        out.push(' ');
        if rng.chance(4) {
            let g = rng.pick(if female { GIVEN_TWO_F } else { GIVEN_TWO_M });
            out.push_str(g);
            return NameParts {
                female,
                given: g,
                two_syllable_given: true,
            };
        }
        out.push_str(rng.pick(if female { MIDDLE_F } else { MIDDLE_M }));
        out.push(' ');
        let g = rng.pick(if female { GIVEN_F } else { GIVEN_M });
        out.push_str(g);
        NameParts {
            female,
            given: g,
            two_syllable_given: g.contains(' '),
        }
    }

    /// A movement active in `year`, uniformly among them.
    fn movement_in(&mut self, year: i32) -> Option<usize> {
        let list = &self.by_year[year_idx(year)];
        if list.is_empty() {
            None
        } else {
            Some(list[self.rng.below(list.len())] as usize)
        }
    }

    // ---- site.toml ---------------------------------------------------------------------

    fn site_toml(&mut self, root: &Path) -> Result<(), String> {
        let b = &mut self.buf;
        b.clear();
        b.push_str("# Synthetic site written by `cargo run --example gen_site`.\n");
        kv(b, "title", "Vinh danh – Thi đua, khen thưởng xã Tân Việt");
        kv(b, "commune", "Xã Tân Việt");
        kv(b, "location", "huyện Thanh Hà, tỉnh Hải Dương");
        kv(
            b,
            "description",
            "Công khai kế hoạch, phong trào thi đua, quyết định khen thưởng, danh sách đề nghị và gương điển hình tiên tiến của xã Tân Việt.",
        );
        kv(b, "base_url", "https://example.org");
        kv(b, "language", "vi");
        for l in 0..4 {
            b.push_str("\n[[bodies]]\n");
            kv(b, "slug", BODY_SLUG[l]);
            kv(b, "label", BODY_LABEL[l]);
            kv(b, "level", LEVEL_SLUG[l]);
        }
        let path = root.join("site.toml");
        fs::write(&path, b.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    // ---- pages -------------------------------------------------------------------------

    fn pages(&mut self) -> Result<(), String> {
        let b = &mut self.buf;
        b.clear();
        b.push_str("+++\n");
        kv(b, "title", "Giới thiệu");
        kv(
            b,
            "summary",
            "Trang thông tin công khai về công tác thi đua, khen thưởng của xã Tân Việt.",
        );
        b.push_str("menu = true\nweight = 10\n+++\n");
        b.push_str(
            "Trang này công khai kế hoạch, các phong trào thi đua, quyết định khen thưởng, \
             danh sách đề nghị khen thưởng và những gương điển hình tiên tiến của xã Tân Việt, \
             huyện Thanh Hà, tỉnh Hải Dương.\n\n\
             Việc công khai thực hiện theo Luật Thi đua, khen thưởng năm 2022 và Nghị định số \
             98/2023/NĐ-CP, bảo đảm nguyên tắc kịp thời, chính xác, công khai, công bằng.\n\n\
             ## Nội dung chính\n\n\
             - Kế hoạch công tác thi đua, khen thưởng hằng năm;\n\
             - Các phong trào thi đua thường xuyên, theo đợt và chuyên đề;\n\
             - Quyết định khen thưởng và danh sách tập thể, cá nhân được khen;\n\
             - Danh sách đề nghị khen thưởng để nhân dân góp ý;\n\
             - Gương điển hình tiên tiến, người tốt, việc tốt.\n",
        );
        self.fname.clear();
        self.fname.push_str("gioi-thieu");
        self.write(PAGES)?;

        let b = &mut self.buf;
        b.clear();
        b.push_str("+++\n");
        kv(b, "title", "Hướng dẫn tra cứu");
        b.push_str("menu = true\nweight = 20\n+++\n");
        b.push_str(
            "Có thể tìm theo họ tên, tên thôn hoặc số quyết định. Ô tìm kiếm chấp nhận cả chữ \
             không dấu: gõ “duong” sẽ tìm thấy cả “Dương” và “đường”.\n\n\
             | Muốn tìm | Vào mục |\n\
             |---|---|\n\
             | Quyết định khen thưởng theo năm | Khen thưởng |\n\
             | Danh sách đang lấy ý kiến | Công khai |\n\
             | Gương điển hình, người tốt việc tốt | Gương điển hình |\n\
             | Các phong trào thi đua | Phong trào |\n\n\
             Ý kiến góp ý về danh sách đề nghị khen thưởng xin gửi Văn phòng HĐND và UBND xã \
             trong thời hạn ghi tại từng thông báo.\n",
        );
        self.fname.clear();
        self.fname.push_str("huong-dan-tra-cuu");
        self.write(PAGES)
    }

    // ---- movements ---------------------------------------------------------------------

    fn movements(&mut self, n: usize) -> Result<(), String> {
        let ntpl = MOVEMENT_TEMPLATES.len();
        for i in 0..n {
            let mut b = std::mem::take(&mut self.buf);
            b.clear();
            b.push_str("+++\n");
            let mv;
            let kind;
            let level;
            if let Some(c) = CANON.get(i) {
                kv(&mut b, "title", c.title);
                kind = c.kind;
                level = c.level;
                kv(&mut b, "kind", kind);
                kv(&mut b, "level", LEVEL_SLUG[level]);
                kv(&mut b, "launched_by", c.launched_by);
                if let Some((doc, (y, m, d), title)) = c.document {
                    kv(&mut b, "document", doc);
                    kv_date(&mut b, "document_date", days(y, m, d));
                    kv(&mut b, "document_title", title);
                }
                let start = days(c.start.0, c.start.1, c.start.2);
                let end = c.end.map(|(y, m, d)| days(y, m, d));
                kv_date(&mut b, "start", start);
                if let Some(e) = end {
                    kv_date(&mut b, "end", e);
                }
                if let Some(s) = c.slogan {
                    kv(&mut b, "slogan", s);
                }
                kv_list(&mut b, "fields", c.fields.iter().copied());
                mv = Movement {
                    slug: c.slug.to_string(),
                    title: c.title.to_string(),
                    fields: c.fields.iter().map(|f| field_idx(f)).collect(),
                    start,
                    end,
                };
            } else {
                let g = i - CANON.len();
                let t = &MOVEMENT_TEMPLATES[g % ntpl];
                let year = FIRST_YEAR + ((g / ntpl) % NYEARS) as i32;
                let round = g / (ntpl * NYEARS) + 1;
                let mut title = String::new();
                let c = Tpl {
                    x: "",
                    xx: "",
                    thon: "",
                    year,
                };
                tpl(&mut title, t.title, &c, &mut self.rng);
                if round > 1 {
                    let _ = write!(title, " (đợt {round})");
                }
                let mut slug = String::from(t.slug);
                let _ = write!(slug, "-{year}");
                if round > 1 {
                    let _ = write!(slug, "-dot-{round}");
                }
                kind = t.kind;
                level = t.level;
                let start = day_of(year + t.start.0, t.start.1, t.start.2);
                let end = day_of(year + t.end.0, t.end.1, t.end.2);
                kv(&mut b, "title", &title);
                kv(&mut b, "kind", kind);
                kv(&mut b, "level", LEVEL_SLUG[level]);
                kv(&mut b, "launched_by", LAUNCHED_BY[level]);
                let doc_date = start - self.rng.range(5, 25) as i32;
                let _ = writeln!(
                    b,
                    "document = \"{}/KH-{}\"",
                    self.rng.range(3, 180),
                    if level == TW { "TTg" } else { "UBND" }
                );
                kv_date(&mut b, "document_date", doc_date);
                b.push_str("document_title = ");
                let mut dt = String::from("Kế hoạch tổ chức phong trào “");
                dt.push_str(&title);
                dt.push('”');
                toml_str(&mut b, &dt);
                b.push('\n');
                kv_date(&mut b, "start", start);
                kv_date(&mut b, "end", end);
                kv_list(&mut b, "fields", t.fields.iter().copied());
                mv = Movement {
                    slug,
                    title,
                    fields: t.fields.iter().map(|f| field_idx(f)).collect(),
                    start,
                    end: Some(end),
                };
            }
            b.push_str("+++\n");
            self.movement_body(&mut b, &mv, kind, level);
            self.buf = b;
            self.fname.clear();
            self.fname.push_str(&mv.slug);
            self.write(MOVEMENTS)?;
            let idx = self.movements.len() as u32;
            for y in FIRST_YEAR..=LAST_YEAR {
                let ys = days(y, 1, 1);
                let ye = days(y, 12, 31);
                if mv.start <= ye && mv.end.is_none_or(|e| e >= ys) {
                    self.by_year[year_idx(y)].push(idx);
                }
            }
            self.movements.push(mv);
        }
        Ok(())
    }

    fn movement_body(&mut self, b: &mut String, mv: &Movement, kind: &str, level: usize) {
        let r = &mut self.rng;
        b.push_str("Phong trào “");
        b.push_str(&mv.title);
        b.push_str("” do ");
        b.push_str(LAUNCHED_BY[level]);
        b.push_str(" phát động nhằm ");
        b.push_str(r.pick(&[
            "khơi dậy tinh thần yêu nước, ý chí tự lực, tự cường của cán bộ và nhân dân",
            "động viên các tầng lớp nhân dân phát huy sức mạnh đoàn kết, chung sức đồng lòng",
            "cụ thể hóa các chỉ tiêu, nhiệm vụ trọng tâm bằng những việc làm thiết thực",
        ]));
        b.push_str(" trong lĩnh vực ");
        for (i, &f) in mv.fields.iter().enumerate() {
            if i > 0 {
                b.push_str(" và ");
            }
            b.push_str(FIELDS[f as usize].label);
        }
        b.push_str(".\n\n");
        if r.chance(60) {
            b.push_str("## Nội dung thi đua\n\n");
            b.push_str("- Tuyên truyền sâu rộng mục đích, ý nghĩa của phong trào đến từng thôn, từng hộ gia đình;\n");
            b.push_str(
                "- Gắn phong trào với nhiệm vụ chính trị của từng cơ quan, đơn vị và thôn;\n",
            );
            b.push_str(
                "- Kịp thời phát hiện, bồi dưỡng, tổng kết và nhân rộng điển hình tiên tiến;\n",
            );
            b.push_str(
                "- Sơ kết, tổng kết và khen thưởng kịp thời, chính xác, công khai, công bằng.\n\n",
            );
        }
        b.push_str(match kind {
            "thuong-xuyen" => "Phong trào được tổ chức thường xuyên, liên tục, gắn với việc bình xét danh hiệu thi đua cuối năm.",
            "theo-dot" => "Phong trào được tổ chức theo đợt; kết thúc đợt thi đua, các đơn vị tổng kết và đề nghị khen thưởng theo quy định.",
            _ => "Đây là phong trào thi đua chuyên đề; kết quả được đánh giá theo các tiêu chí cụ thể đã đề ra.",
        });
        b.push('\n');
    }

    // ---- plans -------------------------------------------------------------------------

    fn plans(&mut self) -> Result<(), String> {
        for year in FIRST_YEAR..=LAST_YEAR {
            let mut b = std::mem::take(&mut self.buf);
            b.clear();
            b.push_str("+++\n");
            let _ = writeln!(
                b,
                "title = \"Kế hoạch công tác Thi đua, Khen thưởng năm {year}\""
            );
            kv_num(&mut b, "year", year as i64);
            kv(&mut b, "theme", THEMES[year_idx(year)]);
            let _ = writeln!(b, "number = \"{}/KH-UBND\"", self.rng.range(8, 30));
            let date = days(year, 1, 10) + self.rng.range(0, 30) as i32;
            kv_date(&mut b, "date", date);
            kv(&mut b, "issuer", BODY_SLUG[XA]);
            let (s, p) = signer(XA, year, false).expect("commune signer");
            kv(&mut b, "signer", s);
            kv(&mut b, "signer_position", p);
            // The national and provincial movements in force, then the year's own campaigns.
            let active = &self.by_year[year_idx(year)];
            let canon = active.iter().filter(|&&i| (i as usize) < CANON.len());
            let own = active.iter().filter(|&&i| {
                (i as usize) >= CANON.len() && civil(self.movements[i as usize].start).0 == year
            });
            let list: Vec<u32> = canon.take(6).chain(own.take(4)).copied().collect();
            kv_list(
                &mut b,
                "movements",
                list.iter()
                    .map(|&i| self.movements[i as usize].slug.as_str()),
            );
            b.push_str("+++\n");
            let _ = write!(
                b,
                "Thực hiện Luật Thi đua, khen thưởng và các văn bản hướng dẫn, Ủy ban nhân dân xã \
                 Tân Việt ban hành Kế hoạch công tác thi đua, khen thưởng năm {year} với chủ đề \
                 “{}”.\n\n## I. Mục đích, yêu cầu\n\n\
                 - Tạo khí thế thi đua sôi nổi, rộng khắp trong cán bộ, công chức và nhân dân;\n\
                 - Khen thưởng kịp thời, chính xác, công khai, công bằng; chú trọng khen thưởng \
                 tập thể nhỏ, người trực tiếp lao động, sản xuất;\n\
                 - Thực hiện tốt bốn bước: phát hiện – bồi dưỡng – tổng kết – nhân điển hình.\n\n\
                 ## II. Các phong trào thi đua\n\n",
                THEMES[year_idx(year)]
            );
            for (k, &i) in list.iter().enumerate() {
                let _ = writeln!(b, "{}. {}", k + 1, self.movements[i as usize].title);
            }
            if list.is_empty() {
                b.push_str("Các phong trào thi đua thường xuyên của xã.\n");
            }
            let _ = write!(
                b,
                "\n## III. Chỉ tiêu chủ yếu\n\n\
                 | Chỉ tiêu | Năm {year} |\n|---|---|\n\
                 | Hộ đạt danh hiệu Gia đình văn hóa | {}% |\n\
                 | Thôn đạt danh hiệu Thôn văn hóa | {}/12 |\n\
                 | Cán bộ, công chức đạt Lao động tiên tiến | {}% |\n\n\
                 Hội đồng Thi đua – Khen thưởng xã có trách nhiệm theo dõi, đôn đốc, sơ kết và \
                 tổng kết việc thực hiện Kế hoạch này.\n",
                self.rng.range(85, 95),
                self.rng.range(9, 12),
                self.rng.range(80, 95)
            );
            self.buf = b;
            self.fname.clear();
            let _ = write!(self.fname, "ke-hoach-thi-dua-khen-thuong-nam-{year}");
            self.write(PLANS)?;
        }
        Ok(())
    }

    // ---- people ------------------------------------------------------------------------

    fn people(&mut self, n: usize) -> Result<(), String> {
        let mut name = String::new();
        let mut unit = String::new();
        let mut role = String::new();
        let mut x = String::new();
        for i in 0..n {
            let mut b = std::mem::take(&mut self.buf);
            b.clear();
            name.clear();
            unit.clear();
            role.clear();
            x.clear();
            let year = self.rng.range(FIRST_YEAR as i64, LAST_YEAR as i64) as i32;
            let thon = self.rng.pick(THON);
            // The first records cover every field once, so that small sites use them all.
            let mv = if i >= FIELDS.len() && self.rng.chance(55) {
                self.movement_in(year)
            } else {
                None
            };
            let field = match mv {
                Some(m) => {
                    let f = &self.movements[m].fields;
                    f[self.rng.below(f.len())] as usize
                }
                None if i < FIELDS.len() => i,
                None => self.rng.below(FIELDS.len()),
            };
            let fd = &FIELDS[field];
            let c0 = Tpl {
                x: "",
                xx: "",
                thon,
                year,
            };
            let roll = self.rng.below(100);
            let subject = match roll {
                0..=74 => Subject::CaNhan,
                75..=86 => Subject::TapThe,
                87..=94 => Subject::HoGiaDinh,
                _ => Subject::Thon,
            };
            let mut given_two: Option<&'static str> = None;
            match subject {
                Subject::CaNhan => {
                    let np = self.name(&mut name, None);
                    if np.two_syllable_given {
                        given_two = Some(np.given);
                    }
                    let young = self.rng.chance(35);
                    x.push_str(match (np.female, young) {
                        (false, false) => "ông ",
                        (true, false) => "bà ",
                        (false, true) => "anh ",
                        (true, true) => "chị ",
                    });
                    x.push_str(np.given);
                    let p = self.rng.pick(fd.positions);
                    tpl(&mut role, p, &c0, &mut self.rng);
                    if self.rng.chance(50) {
                        let u = self.rng.pick(fd.units);
                        tpl(&mut unit, u, &c0, &mut self.rng);
                    } else {
                        unit.push_str("Thôn ");
                        unit.push_str(thon);
                    }
                }
                Subject::TapThe => {
                    let u = self.rng.pick(fd.units);
                    tpl(&mut name, u, &c0, &mut self.rng);
                    x.push_str("tập thể đơn vị");
                    unit.push_str("Xã Tân Việt");
                }
                Subject::HoGiaDinh => {
                    let mut person = String::new();
                    let np = self.name(&mut person, None);
                    let title = if np.female { "bà" } else { "ông" };
                    let _ = write!(name, "Hộ {title} {person}");
                    let _ = write!(x, "gia đình {title} {}", np.given);
                    unit.push_str("Thôn ");
                    unit.push_str(thon);
                }
                Subject::Thon => {
                    name.push_str("Thôn ");
                    name.push_str(thon);
                    x.push_str("thôn ");
                    x.push_str(thon);
                    unit.push_str("Xã Tân Việt");
                }
            }
            let xx = capitalize(&x);
            let mut slug = String::with_capacity(name.len() + 8);
            push_slug(&mut slug, &name);
            let _ = write!(slug, "-{}", i + 1);

            b.push_str("+++\n");
            kv(&mut b, "name", &name);
            if let Some(g) = given_two {
                kv(&mut b, "given_name", g);
            }
            kv(&mut b, "subject", subject.slug());
            if !role.is_empty() {
                kv(&mut b, "role", &role);
            }
            kv(&mut b, "unit", &unit);
            let second = if self.rng.chance(20) {
                let f2 = self.rng.below(FIELDS.len());
                (f2 != field).then_some(f2)
            } else {
                None
            };
            kv_list(
                &mut b,
                "fields",
                std::iter::once(fd.slug).chain(second.map(|f| FIELDS[f].slug)),
            );
            if let Some(m) = mv {
                kv_list(&mut b, "movements", [self.movements[m].slug.as_str()]);
            }
            kv_num(&mut b, "year", year as i64);
            let good_deed =
                field == field_idx("nguoi-tot-viec-tot") as usize || self.rng.chance(12);
            if good_deed {
                b.push_str("good_deed = true\n");
            }
            if self.rng.below(300) == 0 {
                b.push_str("featured = true\n");
            }
            // Without recorded consent only the award facts may be published: no story.
            let consent = self.rng.chance(70);
            if consent {
                b.push_str("consent = true\n");
            }
            // A summary is a story too: only with consent.
            if self.rng.chance(30) && consent {
                b.push_str("summary = ");
                let mut s = String::new();
                let d = self.rng.pick(fd.deeds);
                tpl(&mut s, d, &c0, &mut self.rng);
                toml_str(&mut b, &s);
                b.push('\n');
            }
            b.push_str("+++\n");
            let front_matter_end = b.len();

            // Story
            let c = Tpl {
                x: &x,
                xx: &xx,
                thon,
                year,
            };
            let rng = &mut self.rng;
            b.push_str(&name);
            match subject {
                Subject::CaNhan => {
                    b.push_str(" hiện là ");
                    push_lower_first(&mut b, &role);
                    b.push_str(", sinh sống và làm việc tại xã Tân Việt. ");
                }
                Subject::TapThe => b.push_str(" là tập thể tiêu biểu của xã Tân Việt. "),
                Subject::HoGiaDinh => {
                    b.push_str(" ở thôn ");
                    b.push_str(thon);
                    b.push_str(" là gia đình nhiều năm liền đạt danh hiệu Gia đình văn hóa. ");
                }
                Subject::Thon => {
                    b.push_str(" là một trong những thôn dẫn đầu phong trào thi đua của xã. ")
                }
            }
            let k = rng.below(fd.story.len());
            let nsent = 2 + rng.below(2);
            for s in 0..nsent {
                if s > 0 {
                    b.push(' ');
                }
                tpl(&mut b, fd.story[(k + s) % fd.story.len()], &c, rng);
            }
            b.push_str("\n\n");
            let extra = rng.below(100);
            if extra < 30 {
                b.push_str("## Những kết quả nổi bật\n\n");
                for (j, r) in fd.results.iter().enumerate() {
                    b.push_str("- ");
                    tpl(&mut b, r, &c, rng);
                    b.push_str(if j + 1 == fd.results.len() {
                        ".\n"
                    } else {
                        ";\n"
                    });
                }
                b.push('\n');
            } else if extra < 45 {
                b.push_str("| Năm | Kết quả |\n|---|---|\n");
                for (j, r) in fd.results.iter().enumerate() {
                    let _ = write!(b, "| {} | ", year - 2 + j as i32);
                    tpl(&mut b, r, &c, rng);
                    b.push_str(" |\n");
                }
                b.push('\n');
            }
            if rng.chance(60) {
                tpl(&mut b, fd.story[(k + nsent) % fd.story.len()], &c, rng);
                b.push(' ');
            }
            let _ = write!(
                b,
                "Năm {year}, {x} được Ủy ban nhân dân xã biểu dương là gương điển hình tiên tiến"
            );
            if let Some(m) = mv {
                b.push_str(" trong phong trào “");
                b.push_str(&self.movements[m].title);
                b.push('”');
            }
            b.push('.');
            if self.rng.chance(50) {
                b.push_str(
                    "\n\nTấm gương ấy góp phần lan tỏa tinh thần “phát hiện – bồi dưỡng – tổng kết – \
                     nhân điển hình” trong toàn xã.",
                );
            }
            b.push('\n');
            if !consent {
                b.truncate(front_matter_end);
            }
            self.buf = b;
            self.fname.clear();
            self.fname.push_str(&slug);
            self.write(PEOPLE)?;
            let idx = self.people.len() as u32;
            self.people_by[subject.idx() * FIELDS.len() + field].push(idx);
            self.people.push(Person {
                slug,
                name: name.clone(),
                role: role.clone(),
                unit: unit.clone(),
            });
        }
        Ok(())
    }

    // ---- recipients --------------------------------------------------------------------

    /// Fills `self.recips[..count]` for a decision of kind `k`; returns the count.
    /// `min` (at most 12) is the smallest count wanted; `link` allows `person` links.
    fn fill_recipients(
        &mut self,
        k: &DecisionKind,
        field: usize,
        year: i32,
        date: i32,
        min: usize,
        link: bool,
    ) -> usize {
        let count = if self.rng.chance(40) {
            1 + self.rng.below(3)
        } else {
            1 + self.rng.below(12)
        };
        let count = count.max(min);
        let count = match k.who {
            Who::Only(Subject::Thon) => count.min(THON.len()),
            _ => count,
        };
        let thon_start = self.rng.below(THON.len());
        let fd = &FIELDS[field];
        let mut recips = std::mem::take(&mut self.recips);
        for (i, r) in recips.iter_mut().enumerate().take(count) {
            r.name.clear();
            r.position.clear();
            r.unit.clear();
            r.achievement.clear();
            r.person = None;
            r.posthumous = false;
            let subject = match k.who {
                Who::Only(s) => s,
                Who::Mixed => match self.rng.below(100) {
                    0..=59 => Subject::CaNhan,
                    60..=84 => Subject::TapThe,
                    85..=92 if k.level <= HUYEN => Subject::HoGiaDinh,
                    85..=92 => Subject::CaNhan,
                    _ => Subject::Thon,
                },
            };
            let thon = if subject == Subject::Thon {
                THON[(thon_start + i) % THON.len()]
            } else {
                self.rng.pick(THON)
            };
            let c0 = Tpl {
                x: "",
                xx: "",
                thon,
                year,
            };
            r.subject = Some(subject);
            r.form = k.form;
            let pool = &self.people_by[subject.idx() * FIELDS.len() + field];
            // Villages are never linked; 42 % of the others gives about 40 % overall.
            let link = link && !pool.is_empty() && subject != Subject::Thon && self.rng.chance(42);
            if link {
                let p = pool[self.rng.below(pool.len())] as usize;
                let person = &self.people[p];
                r.name.push_str(&person.name);
                r.position.push_str(&person.role);
                r.unit.push_str(&person.unit);
                r.person = Some(p);
            } else {
                match subject {
                    Subject::CaNhan => {
                        let mut nm = std::mem::take(&mut r.name);
                        self.name(&mut nm, None);
                        r.name = nm;
                        tpl(
                            &mut r.position,
                            self.rng.pick(fd.positions),
                            &c0,
                            &mut self.rng,
                        );
                        if self.rng.chance(50) {
                            tpl(&mut r.unit, self.rng.pick(fd.units), &c0, &mut self.rng);
                        } else {
                            r.unit.push_str("Thôn ");
                            r.unit.push_str(thon);
                        }
                    }
                    Subject::TapThe => {
                        tpl(&mut r.name, self.rng.pick(fd.units), &c0, &mut self.rng);
                    }
                    Subject::HoGiaDinh => {
                        let mut nm = String::new();
                        let np = self.name(&mut nm, None);
                        r.name
                            .push_str(if np.female { "Hộ bà " } else { "Hộ ông " });
                        r.name.push_str(&nm);
                        r.unit.push_str("Thôn ");
                        r.unit.push_str(thon);
                    }
                    Subject::Thon => {
                        r.name.push_str("Thôn ");
                        r.name.push_str(thon);
                        r.unit.push_str("Xã Tân Việt");
                    }
                }
            }
            let ach = match (k.form, subject) {
                ("gia-dinh-van-hoa", _) => self.rng.pick(GDVH_ACH),
                ("thon-van-hoa", _) => self.rng.pick(THONVH_ACH),
                _ => self.rng.pick(fd.deeds),
            };
            tpl(&mut r.achievement, ach, &c0, &mut self.rng);
            r.achievement.push_str(self.rng.pick(TAILS));
            r.achievement.push('.');
            r.posthumous = subject == Subject::CaNhan
                && !k.annual_title
                && self.rng.below(if fd.slug == "nguoi-tot-viec-tot" {
                    15
                } else {
                    300
                }) == 0;
            r.amount = coefficient(k.form).map(|(coef, double)| {
                let mult = if double && subject.collective() { 2 } else { 1 };
                let raw = coef * base_salary(date) * mult / 10;
                raw.div_ceil(10_000) * 10_000
            });
        }
        self.recips = recips;
        count
    }

    fn pick_kind(&mut self, year: i32) -> &'static DecisionKind {
        // Districts were abolished on 1 July 2025: no district awards in 2025.
        let skip_huyen = year >= 2025;
        let total: u32 = self
            .kind_weight_total
            .iter()
            .enumerate()
            .filter(|&(l, _)| !(skip_huyen && l == HUYEN))
            .map(|(_, w)| *w)
            .sum();
        let mut r = self.rng.below(total as usize) as u32;
        for k in KINDS {
            if skip_huyen && k.level == HUYEN {
                continue;
            }
            if r < k.weight {
                return k;
            }
            r -= k.weight;
        }
        unreachable!("weights add up")
    }

    // ---- awards ------------------------------------------------------------------------

    fn awards(&mut self, n: usize, linked_notices: usize) -> Result<(), String> {
        let mut next_linked = 0usize;
        let stride = n.checked_div(linked_notices).unwrap_or(0);
        let mut slug = String::new();
        let mut title = String::new();
        for i in 0..n {
            let want_notice =
                next_linked < linked_notices && i == next_linked * stride + stride / 2;
            let year = self.rng.range(FIRST_YEAR as i64, LAST_YEAR as i64) as i32;
            let k = self.pick_kind(year);
            let level = k.level;

            // Window for the date inside the year.
            let (mut lo, mut hi) = if k.annual_title {
                (days(year, 11, 20), days(year, 12, 31))
            } else {
                (days(year, 1, 5), days(year, 12, 31))
            };
            let mut mv = if !k.annual_title && self.rng.chance(65) {
                self.movement_in(year)
            } else {
                None
            };
            if let Some(m) = mv {
                let (ms, me) = (self.movements[m].start, self.movements[m].end);
                let (a, z) = (lo.max(ms), me.map_or(hi, |e| hi.min(e)));
                if a <= z {
                    lo = a;
                    hi = z;
                } else {
                    mv = None;
                }
            }
            let date = lo + self.rng.range(0, (hi - lo) as i64) as i32;
            let dyear = civil(date).0;

            let field = match mv {
                Some(m) => {
                    let f = &self.movements[m].fields;
                    f[self.rng.below(f.len())] as usize
                }
                None => match k.form {
                    "gia-dinh-van-hoa" | "thon-van-hoa" => field_idx("van-hoa") as usize,
                    _ => self.rng.below(FIELDS.len()),
                },
            };
            // A notice that preceded the decision lists at least three nominees.
            let min = if want_notice { 3 } else { 1 };
            let count = self.fill_recipients(k, field, year, date, min, true);

            let yi = year_idx(dyear);
            let num = {
                let step = 1 + self.rng.below(if level == XA { 3 } else { 12 }) as u32;
                let base = &mut self.numbers[level][yi];
                *base += step;
                *base
            };
            slug.clear();
            let _ = write!(slug, "{dyear}-{num}-{}", FILE_SUFFIX[level]);

            let mut b = std::mem::take(&mut self.buf);
            b.clear();
            b.push_str("+++\n");
            let _ = writeln!(b, "number = \"{num}/{}\"", NUMBER_SUFFIX[level]);
            title.clear();
            let dot_xuat = !k.annual_title && mv.is_none() && self.rng.chance(25);
            title.push_str(if dot_xuat {
                "Về việc khen thưởng đột xuất: "
            } else {
                "Về việc "
            });
            let c0 = Tpl {
                x: "",
                xx: "",
                thon: "",
                year,
            };
            tpl(&mut title, k.title, &c0, &mut self.rng);
            if !k.annual_title {
                match mv {
                    Some(m) => {
                        title.push_str(" trong phong trào thi đua “");
                        title.push_str(&self.movements[m].title);
                        title.push('”');
                    }
                    None => {
                        title.push_str(" trong ");
                        title.push_str(FIELDS[field].label);
                        let _ = write!(title, " năm {year}");
                    }
                }
            }
            kv(&mut b, "title", &title);
            kv_date(&mut b, "date", date);
            kv(&mut b, "issuer", BODY_SLUG[level]);
            if self.rng.chance(30) {
                kv(&mut b, "level", LEVEL_SLUG[level]);
            }
            if let Some((s, p)) = signer(level, year, self.rng.chance(30)) {
                kv(&mut b, "signer", s);
                kv(&mut b, "signer_position", p);
            }
            let ty = if k.annual_title {
                "cong-trang"
            } else if mv.is_some() {
                "theo-dot-chuyen-de"
            } else if dot_xuat || FIELDS[field].slug == "nguoi-tot-viec-tot" {
                "dot-xuat"
            } else {
                match self.rng.below(20) {
                    0..=13 => "cong-trang",
                    14..=16 => "qua-trinh-cong-hien",
                    17..=18 => "nien-han",
                    _ if level >= TINH => "doi-ngoai",
                    _ => "cong-trang",
                }
            };
            kv(&mut b, "type", ty);
            if let Some(m) = mv {
                kv(&mut b, "movement", &self.movements[m].slug);
            }
            let second = if self.rng.chance(15) {
                Some(self.rng.below(FIELDS.len())).filter(|&f| f != field)
            } else {
                None
            };
            kv_list(
                &mut b,
                "fields",
                std::iter::once(FIELDS[field].slug).chain(second.map(|f| FIELDS[f].slug)),
            );
            kv_num(&mut b, "year", year as i64);
            if self.rng.chance(25) {
                let mut s = String::from(if k.annual_title {
                    "Công nhận danh hiệu cho "
                } else {
                    "Khen thưởng "
                });
                push_subject_counts(&mut s, &self.recips[..count]);
                let _ = write!(s, " năm {year}.");
                kv(&mut b, "summary", &s);
            }
            for r in &self.recips[..count] {
                b.push_str("\n[[recipients]]\n");
                kv(&mut b, "name", &r.name);
                kv(&mut b, "subject", r.subject.expect("filled").slug());
                if !r.position.is_empty() {
                    kv(&mut b, "position", &r.position);
                }
                if !r.unit.is_empty() {
                    kv(&mut b, "unit", &r.unit);
                }
                kv(&mut b, "form", r.form);
                kv(&mut b, "achievement", &r.achievement);
                if r.posthumous {
                    b.push_str("posthumous = true\n");
                }
                if let Some(a) = r.amount {
                    kv_num(&mut b, "amount", a as i64);
                }
                if let Some(p) = r.person {
                    kv(&mut b, "person", &self.people[p].slug);
                }
            }
            b.push_str("+++\n");
            if self.rng.chance(60) {
                self.award_body(&mut b, k, level, year, date, count);
            }
            self.buf = b;
            self.fname.clear();
            self.fname.push_str(&slug);
            self.write(AWARDS)?;

            if want_notice {
                next_linked += 1;
                let nominees = count.min(8);
                let posted = date - self.rng.range(15, 35) as i32;
                self.notice(k, field, year, posted, nominees, Some(&slug))?;
            }
        }
        Ok(())
    }

    fn award_body(
        &mut self,
        b: &mut String,
        k: &DecisionKind,
        level: usize,
        year: i32,
        date: i32,
        count: usize,
    ) {
        if date >= days(2024, 1, 1) {
            b.push_str(
                "- Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n\
                 - Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;\n",
            );
        } else {
            b.push_str(
                "- Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003 và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013;\n\
                 - Căn cứ Nghị định của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;\n",
            );
        }
        let council = match level {
            XA => "Hội đồng Thi đua – Khen thưởng xã",
            HUYEN => "Trưởng phòng Nội vụ huyện",
            TINH => "Giám đốc Sở Nội vụ",
            _ => "Bộ trưởng Bộ Nội vụ",
        };
        let _ = write!(b, "- Xét đề nghị của {council}.\n\n");
        let _ = write!(b, "{} quyết định ", CHAIR_OF[level]);
        let c0 = Tpl {
            x: "",
            xx: "",
            thon: "",
            year,
        };
        tpl(b, k.title, &c0, &mut self.rng);
        let _ = writeln!(
            b,
            " ({count} trường hợp, danh sách kèm theo). Các tập thể, cá nhân có tên trong danh sách được hưởng chế độ theo quy định hiện hành."
        );
        if count >= 4 && self.rng.chance(50) {
            let mut per = [0usize; 4];
            let mut total = 0u64;
            for r in &self.recips[..count] {
                per[r.subject.expect("filled").idx()] += 1;
                total += r.amount.unwrap_or(0);
            }
            b.push_str("\n| Đối tượng | Số lượng |\n|---|---:|\n");
            for (s, label) in SUBJECT_LABELS {
                if per[s.idx()] > 0 {
                    let _ = writeln!(b, "| {} | {} |", capitalize(label), per[s.idx()]);
                }
            }
            if total > 0 {
                b.push_str("| Tổng tiền thưởng (đồng) | ");
                push_money(b, total);
                b.push_str(" |\n");
            }
        }
        b.push_str("\nQuyết định này có hiệu lực kể từ ngày ký.\n");
    }

    // ---- notices -----------------------------------------------------------------------

    /// Writes a notice whose nominees are `self.recips[..nominees]`.
    fn notice(
        &mut self,
        k: &DecisionKind,
        field: usize,
        year: i32,
        posted: i32,
        nominees: usize,
        decision: Option<&str>,
    ) -> Result<(), String> {
        self.notice_seq += 1;
        let deadline = posted + if k.level >= TINH { 14 } else { 10 };
        let mut b = std::mem::take(&mut self.buf);
        b.clear();
        b.push_str("+++\n");
        let mut title = String::from("Công khai danh sách đề nghị ");
        let c0 = Tpl {
            x: "",
            xx: "",
            thon: "",
            year,
        };
        tpl(&mut title, k.notice, &c0, &mut self.rng);
        kv(&mut b, "title", &title);
        kv_num(&mut b, "year", year as i64);
        kv_date(&mut b, "posted", posted);
        let thon = self.rng.pick(THON);
        let mut place = String::new();
        if k.form == "gia-dinh-van-hoa" || self.rng.chance(40) {
            let _ = write!(place, "Nhà văn hóa thôn {thon} và Trụ sở UBND xã Tân Việt");
        } else {
            place.push_str("Trụ sở UBND xã Tân Việt và Trang thông tin điện tử của xã");
        }
        kv(&mut b, "place", &place);
        kv_date(&mut b, "deadline", deadline);
        let mut contact = String::from("Văn phòng HĐND và UBND xã Tân Việt, ");
        let mut nm = String::new();
        let np = self.name(&mut nm, None);
        let _ = write!(
            contact,
            "{} {nm}, công chức Văn phòng – Thống kê",
            if np.female { "bà" } else { "ông" }
        );
        kv(&mut b, "contact", &contact);
        if let Some(d) = decision {
            kv(&mut b, "decision", d);
        }
        kv_list(&mut b, "fields", [FIELDS[field].slug]);
        for r in &self.recips[..nominees] {
            b.push_str("\n[[nominees]]\n");
            kv(&mut b, "name", &r.name);
            kv(&mut b, "subject", r.subject.expect("filled").slug());
            if !r.unit.is_empty() {
                kv(&mut b, "unit", &r.unit);
            }
            kv(&mut b, "form", r.form);
            if self.rng.chance(50) {
                kv(&mut b, "achievement", &r.achievement);
            }
        }
        b.push_str("+++\n");
        b.push_str("Thực hiện quy định về công khai trong công tác thi đua, khen thưởng, Ủy ban nhân dân xã Tân Việt niêm yết công khai danh sách đề nghị ");
        tpl(&mut b, k.notice, &c0, &mut self.rng);
        let _ = write!(b, " tại {place} từ ngày ");
        vn_date(&mut b, posted);
        b.push_str(" đến hết ngày ");
        vn_date(&mut b, deadline);
        b.push_str(".\n\n");
        if self.rng.chance(40) {
            b.push_str("Nhân dân có thể góp ý bằng các hình thức:\n\n- Trực tiếp tại Văn phòng HĐND và UBND xã;\n- Qua hòm thư góp ý đặt tại nhà văn hóa các thôn;\n- Qua Ban Công tác Mặt trận thôn.\n\n");
        }
        b.push_str("Hết thời hạn trên, Hội đồng Thi đua – Khen thưởng xã tổng hợp ý kiến, trình cấp có thẩm quyền xem xét, quyết định.\n");
        self.buf = b;
        self.fname.clear();
        let _ = write!(self.fname, "cong-khai-{year}-{}", self.notice_seq);
        self.write(NOTICES)
    }

    fn standalone_notices(&mut self, n: usize) -> Result<(), String> {
        for _ in 0..n {
            let year = self.rng.range(FIRST_YEAR as i64, LAST_YEAR as i64) as i32;
            let k = self.pick_kind(year);
            let field = match k.form {
                "gia-dinh-van-hoa" | "thon-van-hoa" => field_idx("van-hoa") as usize,
                _ => self.rng.below(FIELDS.len()),
            };
            let posted = if k.annual_title {
                days(year, 11, 1) + self.rng.range(0, 25) as i32
            } else {
                days(year, 2, 1) + self.rng.range(0, 280) as i32
            };
            let count = self.fill_recipients(k, field, year, posted, 3, false);
            self.notice(k, field, year, posted, count.min(8), None)?;
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------

fn usage() -> &'static str {
    "usage: cargo run --release --example gen_site -- N DIR\n\
     \n\
     Writes a synthetic vinhdanh site with N records (N >= 30) into DIR,\n\
     which must not exist or be empty."
}

fn run(n: usize, root: &Path) -> Result<(), String> {
    let t0 = Instant::now();
    let movements = (n / 20).max(3);
    let notices = (n / 20).max(1);
    let people = n * 38 / 100;
    let fixed = NYEARS + 2;
    let awards = n
        .checked_sub(fixed + movements + notices + people)
        .filter(|&a| a >= 1)
        .ok_or_else(|| format!("N = {n} is too small"))?;
    let linked = (notices / 2).min(awards);

    let mut dirs = Vec::new();
    for d in KIND_DIRS {
        let p = root.join("content").join(d);
        fs::create_dir_all(&p).map_err(|e| format!("cannot create {}: {e}", p.display()))?;
        dirs.push(p);
    }
    let mut kind_weight_total = [0u32; 4];
    for k in KINDS {
        kind_weight_total[k.level] += k.weight;
    }
    let (sink, jobs) = sync_channel::<Job>(256);
    let jobs = Mutex::new(jobs);
    static FAILED: AtomicBool = AtomicBool::new(false);
    let error = Mutex::new(None);
    let mut g = Gen {
        rng: Rng(0x05EE_D7A4_E1E7_2024),
        buf: String::with_capacity(16 * 1024),
        fname: String::with_capacity(128),
        dirs,
        sink,
        failed: &FAILED,
        counts: Counts {
            files: [0; 6],
            bytes: 0,
        },
        movements: Vec::with_capacity(movements),
        by_year: vec![Vec::new(); NYEARS],
        people: Vec::with_capacity(people),
        people_by: vec![Vec::new(); 4 * FIELDS.len()],
        numbers: [[0; NYEARS]; 4],
        recips: (0..12).map(|_| Recipient::default()).collect(),
        notice_seq: 0,
        kind_weight_total,
    };
    let generated = thread::scope(|scope| {
        for _ in 0..WRITERS {
            scope.spawn(|| writer(&jobs, &FAILED, &error));
        }
        let generated = (|| {
            g.site_toml(root)?;
            g.pages()?;
            g.movements(movements)?;
            g.plans()?;
            g.people(people)?;
            g.awards(awards, linked)?;
            g.standalone_notices(notices - linked)
        })();
        // Closing the channel lets the writers finish; the scope joins them.
        let (closed, _) = sync_channel(0);
        drop(std::mem::replace(&mut g.sink, closed));
        generated
    });
    if let Some(e) = error.into_inner().ok().flatten() {
        return Err(e);
    }
    generated?;

    let total: usize = g.counts.files.iter().sum();
    println!("wrote site.toml into {}", root.display());
    for (k, d) in KIND_DIRS.iter().enumerate() {
        println!("  content/{d:<10} {:>8} files", g.counts.files[k]);
    }
    println!(
        "  total            {total:>8} files, {:.1} MB, in {:.2?}",
        g.counts.bytes as f64 / 1e6,
        t0.elapsed()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{}", usage());
        return ExitCode::SUCCESS;
    }
    if args.len() != 2 {
        eprintln!(
            "error: expected 2 arguments, got {}\n\n{}",
            args.len(),
            usage()
        );
        return ExitCode::from(2);
    }
    let n: usize = match args[0].parse() {
        Ok(n) if n >= MIN_N => n,
        Ok(n) => {
            eprintln!("error: N must be at least {MIN_N} (got {n})\n\n{}", usage());
            return ExitCode::from(2);
        }
        Err(_) => {
            eprintln!(
                "error: N must be a whole number, got {:?}\n\n{}",
                args[0],
                usage()
            );
            return ExitCode::from(2);
        }
    };
    let root = PathBuf::from(&args[1]);
    if root.exists() {
        if !root.is_dir() {
            eprintln!("error: {} exists and is not a directory", root.display());
            return ExitCode::from(2);
        }
        match fs::read_dir(&root) {
            Ok(mut it) => {
                if it.next().is_some() {
                    eprintln!(
                        "error: {} is not empty; refusing to write into it (choose a new or empty directory)",
                        root.display()
                    );
                    return ExitCode::from(2);
                }
            }
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", root.display());
                return ExitCode::from(2);
            }
        }
    }
    match run(n, &root) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
