//! People's photos (`photo = "/anh/x.jpg"` in a people record).
//!
//! When the site is read, [`probe`] checks the file: its first bytes must be a JPEG, PNG or
//! WebP (whatever its ending says), it must be at most [`MAX_BYTES`] and its header must
//! state at most [`MAX_SIDE`] pixels a side and [`MAX_PIXELS`] in all (a small file can
//! claim a huge picture: a decompression bomb), all without decoding the picture.
//!
//! When the site is built, [`render`] decodes each photo once, turns it upright (the EXIF
//! orientation phones write instead of rotating the pixels), resizes it to the widths the
//! theme shows ([`WIDTHS`], never wider than the original) and encodes every width as JPEG
//! and as lossy WebP from the decoded pixels alone: no EXIF (with its GPS position), XMP,
//! ICC profile, comment or text chunk of the original is ever copied. The results are kept
//! in `.vinhdanh/cache/anh/` under the site, keyed by a hash of the original's bytes and
//! of [`RECIPE`], so a rebuild resizes only new or changed photos; the published names carry
//! the same hash (`/anh/<slug>-<hash>-240.webp`), so browsers may keep them for ever.

use crate::error::{msg, Diagnostic, Error, Msg, Result};
use crate::render::OutputFile;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use rayon::prelude::*;
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// The largest photo file accepted (a phone's photo is 2–6 MB).
pub(crate) const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// The most pixels a side of a photo may have.
pub(crate) const MAX_SIDE: u32 = 12_000;
/// The most pixels a photo may have in all (a 48-megapixel phone camera fits).
pub(crate) const MAX_PIXELS: u64 = 50_000_000;
/// The widths a portrait is published at: the default theme shows it 240 CSS pixels wide,
/// and 480 serves screens with two device pixels to a CSS pixel.
pub(crate) const WIDTHS: [u32; 2] = [240, 480];
const JPEG_QUALITY: u8 = 80;
const WEBP_QUALITY: f32 = 75.0;
/// What the published copies are made with. Changing any of it (a filter, a quality) must
/// change this text: it is hashed into the names and the cache keys.
const RECIPE: &str = "photo v1: upright, catmull-rom, jpeg q80, webp q75, on white";
/// The output folder of the published copies, and the cache folder under the site.
const FOLDER: &str = "anh";
pub(crate) const CACHE_DIR: &str = ".vinhdanh/cache/anh";

/// The picture formats a photo may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    fn image_format(self) -> ImageFormat {
        match self {
            Format::Jpeg => ImageFormat::Jpeg,
            Format::Png => ImageFormat::Png,
            Format::Webp => ImageFormat::WebP,
        }
    }
}

/// What the first bytes of a file say it is (never its name).
pub(crate) fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Format::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Format::Png)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(Format::Webp)
    } else {
        None
    }
}

/// An ISO media file (HEIC, AVIF: what iPhones save): `ftyp` at byte 4.
fn is_heif(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && &bytes[4..8] == b"ftyp"
}

/// The width and height a file's header states, read without decoding it: JPEG's start of
/// frame, PNG's IHDR, WebP's VP8, VP8L or VP8X chunk. `None` when not found.
pub(crate) fn header_size(format: Format, b: &[u8]) -> Option<(u32, u32)> {
    let be16 = |i: usize| Some(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?]) as u32);
    let le16 = |i: usize| Some(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?]) as u32);
    let le24 = |i: usize| Some(le16(i)? | (*b.get(i + 2)? as u32) << 16);
    match format {
        Format::Png => {
            let word = |i: usize| Some(u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?));
            (b.get(12..16)? == b"IHDR").then_some(())?;
            Some((word(16)?, word(20)?))
        }
        Format::Jpeg => {
            // Segments from after SOI: each FF marker, a two-byte length, its data.
            let mut i = 2;
            loop {
                while *b.get(i)? == 0xFF && *b.get(i + 1)? == 0xFF {
                    i += 1;
                }
                if *b.get(i)? != 0xFF {
                    return None;
                }
                let marker = *b.get(i + 1)?;
                let len = be16(i + 2)? as usize;
                let sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
                if sof {
                    return Some((be16(i + 7)?, be16(i + 5)?));
                }
                if marker == 0xDA || len < 2 {
                    return None;
                }
                i += 2 + len;
            }
        }
        Format::Webp => {
            let chunk = b.get(12..16)?;
            match chunk {
                b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
                b"VP8L" => {
                    let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
                    Some(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
                }
                b"VP8 " => Some((le16(26)? & 0x3FFF, le16(28)? & 0x3FFF)),
                _ => None,
            }
        }
    }
}

/// A person's photo, checked: what the pages need to show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Photo {
    /// As written in the record (`/anh/x.jpg`), under `static/`.
    pub src: String,
    /// The line of the `photo` key, for messages at build time.
    pub line: usize,
    pub format: Format,
    /// Of the original's bytes and the [`RECIPE`].
    pub hash: u64,
    /// The picture's size once upright.
    pub width: u32,
    pub height: u32,
}

/// One published width of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Variant {
    pub width: u32,
    pub height: u32,
    /// Site paths of its JPEG and WebP files.
    pub jpeg: String,
    pub webp: String,
}

impl Photo {
    /// The widths it is published at, smallest first: those of [`WIDTHS`] it is at least
    /// as wide as, and its own width in place of those it is narrower than.
    pub(crate) fn variants(&self, slug: &str) -> Vec<Variant> {
        let mut widths: Vec<u32> = WIDTHS.iter().map(|&w| w.min(self.width)).collect();
        widths.dedup();
        let hash = format!("{:016x}", self.hash);
        widths
            .into_iter()
            .map(|width| {
                let height = ((self.height as u64 * width as u64 + self.width as u64 / 2)
                    / self.width as u64)
                    .max(1) as u32;
                let stem = format!("/{FOLDER}/{slug}-{}-{width}", &hash[..8]);
                Variant {
                    width,
                    height,
                    jpeg: format!("{stem}.jpg"),
                    webp: format!("{stem}.webp"),
                }
            })
            .collect()
    }

    fn cache_name(&self, v: &Variant, ext: &str) -> String {
        format!("{:016x}-{}.{ext}", self.hash, v.width)
    }
}

/// Why a photo cannot be published: a code, a message and a hint.
#[derive(Debug)]
pub(crate) struct Problem {
    pub code: &'static str,
    pub message: Msg,
    pub hint: Msg,
}

/// Checks the photo file `full` (shown as `shown`, e.g. `static/anh/x.jpg`): format by its
/// first bytes, file size, the dimensions its header states. Reads the file once.
pub(crate) fn probe(full: &Path, shown: &str) -> std::result::Result<Probed, Problem> {
    let size = std::fs::metadata(full).map(|m| m.len()).unwrap_or(0);
    if size > MAX_BYTES {
        return Err(Problem {
            code: "photo-too-large",
            message: msg(
                format!("tệp {shown} nặng {:.1} MB, quá giới hạn {} MB của một ảnh", size as f64 / 1e6, MAX_BYTES >> 20),
                format!("file {shown} is {:.1} MB, over the {} MB limit of a photo", size as f64 / 1e6, MAX_BYTES >> 20),
            ),
            hint: msg(
                "thu nhỏ ảnh (chiều rộng 2000 điểm ảnh là đủ) hoặc lưu lại thành JPEG rồi chép đè tệp cũ",
                "make the photo smaller (2,000 pixels wide is plenty) or save it again as JPEG over the old file",
            ),
        });
    }
    let bytes = std::fs::read(full).map_err(|e| Problem {
        code: "photo-unreadable",
        message: msg(
            format!("không đọc được tệp {shown}: {e}"),
            format!("cannot read file {shown}: {e}"),
        ),
        hint: msg(
            "kiểm tra quyền đọc của tệp",
            "check that the file can be read",
        ),
    })?;
    let Some(format) = sniff(&bytes) else {
        let (vi, en) = if is_heif(&bytes) {
            (
                "đây là tệp HEIC/HEIF (ảnh của iPhone): hãy lưu lại thành JPEG (trên iPhone: Cài đặt › Camera › Định dạng › Tương thích nhất), rồi chép đè tệp cũ",
                "this is a HEIC/HEIF file (an iPhone photo): save it again as JPEG (on the iPhone: Settings › Camera › Formats › Most Compatible) and copy it over the old file",
            )
        } else {
            (
                "mở ảnh bằng một chương trình xem ảnh và lưu lại thành JPEG (có thể là tệp HEIC của iPhone, hoặc một tệp khác bị đặt tên .jpg)",
                "open the photo in an image viewer and save it again as JPEG (it may be an iPhone HEIC file, or another file named .jpg)",
            )
        };
        return Err(Problem {
            code: "photo-not-image",
            message: msg(
                format!("tệp {shown} không phải ảnh JPEG, PNG hay WebP"),
                format!("file {shown} is not a JPEG, PNG or WebP picture"),
            ),
            hint: msg(vi, en),
        });
    };
    let unreadable = |why: String| {
        Problem {
        code: "photo-unreadable",
        message: msg(
            format!("tệp ảnh {shown} bị hỏng hoặc không đọc được ({why})"),
            format!("picture {shown} is damaged or cannot be read ({why})"),
        ),
        hint: msg(
            "mở ảnh bằng một chương trình xem ảnh; nếu xem được, lưu lại thành JPEG rồi chép đè tệp cũ, nếu không, lấy lại ảnh gốc",
            "open the photo in an image viewer; if it shows, save it again as JPEG over the old file, otherwise get the original again",
        ),
    }
    };
    let stated = header_size(format, &bytes);
    if let Some((w, h)) = stated {
        check_size(shown, w, h)?;
    }
    let mut decoder = decoder(&bytes, format).map_err(|e| unreadable(e.to_string()))?;
    let (w, h) = decoder.dimensions();
    check_size(shown, w, h)?;
    if w == 0 || h == 0 {
        return Err(unreadable("0 px".into()));
    }
    let turned = matches!(
        decoder.orientation(),
        Ok(image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH)
    );
    let (width, height) = if turned { (h, w) } else { (w, h) };
    Ok(Probed {
        format,
        hash: hash_of(&bytes),
        width,
        height,
    })
}

/// What [`probe`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Probed {
    pub format: Format,
    pub hash: u64,
    pub width: u32,
    pub height: u32,
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(RECIPE.as_bytes());
    h.update(bytes);
    h.digest()
}

fn check_size(shown: &str, w: u32, h: u32) -> std::result::Result<(), Problem> {
    if w > MAX_SIDE || h > MAX_SIDE || w as u64 * h as u64 > MAX_PIXELS {
        return Err(Problem {
            code: "photo-too-many-pixels",
            message: msg(
                format!("ảnh {shown} có kích thước {w}×{h} điểm ảnh, quá giới hạn ({MAX_SIDE} điểm ảnh mỗi chiều, {} triệu điểm ảnh)", MAX_PIXELS / 1_000_000),
                format!("picture {shown} is {w}×{h} pixels, over the limit ({MAX_SIDE} pixels a side, {} megapixels)", MAX_PIXELS / 1_000_000),
            ),
            hint: msg(
                "thu nhỏ ảnh (chiều rộng 2000 điểm ảnh là đủ) rồi chép đè tệp cũ; một tệp nhỏ ghi kích thước lớn như vậy có thể là tệp độc hại",
                "make the photo smaller (2,000 pixels wide is plenty) and copy it over the old file; a small file stating such a size may be a malicious one",
            ),
        });
    }
    Ok(())
}

/// A decoder of `bytes` in `format` that refuses more than the limits.
fn decoder(bytes: &[u8], format: Format) -> image::ImageResult<impl ImageDecoder + '_> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + (64 << 20));
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    reader.limits(limits);
    reader.into_decoder()
}

/// One published file of a photo: its site path and the cache file it is kept in.
struct Planned<'a> {
    person: &'a Path,
    photo: &'a Photo,
    variants: Vec<Variant>,
}

/// What [`render`] did, for `VINHDANH_TIMINGS`.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Counts {
    pub resized: usize,
    pub cached: usize,
}

/// The published copies of every photo in `photos` (person's file, slug, photo): read from
/// the cache, or made (in parallel) and put in it.
pub(crate) fn render(
    root: &Path,
    photos: &[(&Path, &str, &Photo)],
) -> Result<(Vec<OutputFile>, Counts)> {
    let cache = root.join(CACHE_DIR);
    let planned: Vec<Planned> = photos
        .iter()
        .map(|&(person, slug, photo)| Planned {
            person,
            photo,
            variants: photo.variants(slug),
        })
        .collect();
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for p in &planned {
        match cached(&cache, p) {
            Some(files) => out.extend(files),
            None => missing.push(p),
        }
    }
    let counts = Counts {
        resized: missing.len(),
        cached: planned.len() - missing.len(),
    };
    let made: Vec<std::result::Result<Vec<OutputFile>, Diagnostic>> = missing
        .par_iter()
        .map(|p| {
            let files = make(root, p)?;
            // A cache that cannot be written (a read-only site folder) only costs time.
            let _ = store(&cache, p, &files);
            Ok(files)
        })
        .collect();
    let mut errors = Vec::new();
    for m in made {
        match m {
            Ok(files) => out.extend(files),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Content(errors));
    }
    Ok((out, counts))
}

/// The files of `p`, JPEG then WebP for each width, as the cache holds them.
fn cached(cache: &Path, p: &Planned) -> Option<Vec<OutputFile>> {
    let mut out = Vec::with_capacity(2 * p.variants.len());
    for v in &p.variants {
        for (ext, path) in [("jpg", &v.jpeg), ("webp", &v.webp)] {
            let bytes = std::fs::read(cache.join(p.photo.cache_name(v, ext))).ok()?;
            out.push(OutputFile {
                path: path.trim_start_matches('/').to_string(),
                bytes,
            });
        }
    }
    Some(out)
}

fn store(cache: &Path, p: &Planned, files: &[OutputFile]) -> std::io::Result<()> {
    std::fs::create_dir_all(cache)?;
    for (v, pair) in p.variants.iter().zip(files.chunks(2)) {
        for (ext, f) in ["jpg", "webp"].into_iter().zip(pair) {
            let path = cache.join(p.photo.cache_name(v, ext));
            // Written beside and renamed, so a build stopped halfway leaves no half file.
            let tmp: PathBuf = path.with_extension(format!("{ext}.tmp"));
            std::fs::write(&tmp, &f.bytes)?;
            std::fs::rename(&tmp, &path)?;
        }
    }
    Ok(())
}

/// Decodes, turns upright, resizes and encodes one photo.
fn make(root: &Path, p: &Planned) -> std::result::Result<Vec<OutputFile>, Diagnostic> {
    let shown = format!("static{}", p.photo.src);
    let fail = |vi: String, en: String| {
        Diagnostic::error("photo-unreadable", p.person, p.photo.line, msg(vi, en)).with_hint(msg(
            "mở ảnh bằng một chương trình xem ảnh; nếu xem được, lưu lại thành JPEG rồi chép đè tệp cũ, nếu không, lấy lại ảnh gốc",
            "open the photo in an image viewer; if it shows, save it again as JPEG over the old file, otherwise get the original again",
        ))
    };
    let full = root
        .join("static")
        .join(p.photo.src.trim_start_matches('/'));
    let bytes = std::fs::read(&full).map_err(|e| {
        fail(
            format!("không đọc được tệp {shown}: {e}"),
            format!("cannot read file {shown}: {e}"),
        )
    })?;
    let variants = resize(&bytes, p.photo.format, &p.variants).map_err(|e| {
        fail(
            format!("tệp ảnh {shown} bị hỏng hoặc không đọc được ({e})"),
            format!("picture {shown} is damaged or cannot be read ({e})"),
        )
    })?;
    let mut out = Vec::with_capacity(2 * variants.len());
    for (v, (jpeg, webp)) in p.variants.iter().zip(variants) {
        out.push(OutputFile {
            path: v.jpeg.trim_start_matches('/').to_string(),
            bytes: jpeg,
        });
        out.push(OutputFile {
            path: v.webp.trim_start_matches('/').to_string(),
            bytes: webp,
        });
    }
    Ok(out)
}

/// One variant's JPEG and WebP bytes.
pub(crate) type Encoded = (Vec<u8>, Vec<u8>);

/// The JPEG and WebP bytes of each variant of a picture, made from its pixels alone.
pub(crate) fn resize(
    bytes: &[u8],
    format: Format,
    variants: &[Variant],
) -> std::result::Result<Vec<Encoded>, String> {
    let mut decoder = decoder(bytes, format).map_err(|e| e.to_string())?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    picture.apply_orientation(orientation);
    let rgb = on_white(picture);
    // The widest first from the original, each narrower one from the one before: the
    // filter then reads a few pixels per output pixel instead of hundreds.
    let mut out = Vec::with_capacity(variants.len());
    let mut from: Option<image::RgbImage> = None;
    for v in variants.iter().rev() {
        let src = from.as_ref().unwrap_or(&rgb);
        let small = if (src.width(), src.height()) == (v.width, v.height) {
            src.clone()
        } else {
            image::imageops::resize(
                src,
                v.width,
                v.height,
                image::imageops::FilterType::CatmullRom,
            )
        };
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY)
            .encode_image(&small)
            .map_err(|e| e.to_string())?;
        let webp = webp::Encoder::from_rgb(small.as_raw(), small.width(), small.height())
            .encode_simple(false, WEBP_QUALITY)
            .map_err(|e| format!("WebP: {e:?}"))?
            .to_vec();
        out.push((jpeg, webp));
        from = Some(small);
    }
    out.reverse();
    Ok(out)
}

/// The picture as 8-bit RGB, transparent parts laid on white (JPEG has no transparency).
fn on_white(picture: DynamicImage) -> image::RgbImage {
    if !picture.color().has_alpha() {
        return picture.into_rgb8();
    }
    let rgba = picture.into_rgba8();
    let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
    for (o, p) in rgb.pixels_mut().zip(rgba.pixels()) {
        let a = p[3] as u32;
        for c in 0..3 {
            o[c] = ((p[c] as u32 * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    rgb
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `w`×`h` JPEG of a gradient.
    pub(crate) fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x * 255 / w) as u8, (y * 255 / h) as u8, 128])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap();
        out
    }

    /// `jpeg` with an EXIF segment (a GPS IFD, an orientation) and an XMP block after SOI.
    pub(crate) fn with_metadata(jpeg: &[u8], orientation: u16) -> Vec<u8> {
        // TIFF, little-endian: IFD0 with Orientation (0x0112) and the GPS IFD pointer
        // (0x8825), then the GPS IFD with GPSLatitudeRef "N".
        let mut tiff: Vec<u8> = b"II*\0\x08\0\0\0".to_vec();
        tiff.extend(2u16.to_le_bytes());
        tiff.extend([0x12, 0x01, 3, 0, 1, 0, 0, 0]);
        tiff.extend(orientation.to_le_bytes());
        tiff.extend([0, 0]);
        tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0]);
        tiff.extend(38u32.to_le_bytes());
        tiff.extend(0u32.to_le_bytes());
        tiff.extend(1u16.to_le_bytes());
        tiff.extend([1, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
        tiff.extend(0u32.to_le_bytes());
        let mut app1 = b"Exif\0\0".to_vec();
        app1.extend(tiff);
        let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><GPSLatitude>21,1.5N</GPSLatitude></x:xmpmeta>";
        let mut out = jpeg[..2].to_vec();
        for seg in [&app1[..], &xmp[..]] {
            out.extend([0xFF, 0xE1]);
            out.extend(((seg.len() + 2) as u16).to_be_bytes());
            out.extend(seg);
        }
        out.extend(b"\xFF\xFE\0\x0Dcomment GPS");
        out.extend(&jpeg[2..]);
        out
    }

    fn probe_bytes(bytes: &[u8]) -> std::result::Result<Probed, Problem> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.jpg");
        std::fs::write(&path, bytes).unwrap();
        probe(&path, "static/anh/x.jpg")
    }

    #[test]
    fn formats_are_told_by_their_first_bytes() {
        assert_eq!(sniff(&jpeg(4, 4)), Some(Format::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some(Format::Png));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some(Format::Webp));
        assert_eq!(sniff(b"jpeg"), None);
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), None);
        let p = probe_bytes(b"not a picture at all").unwrap_err();
        assert_eq!(p.code, "photo-not-image");
        assert!(p.message.vi.contains("static/anh/x.jpg"));
        let heic = probe_bytes(b"\0\0\0\x18ftypheic\0\0\0\0mif1heic").unwrap_err();
        assert!(heic.hint.vi.contains("HEIC"), "{:?}", heic.hint);
        let ok = probe_bytes(&jpeg(300, 200)).unwrap();
        assert_eq!((ok.format, ok.width, ok.height), (Format::Jpeg, 300, 200));
    }

    #[test]
    fn header_sizes_are_read_without_decoding() {
        let j = with_metadata(&jpeg(64, 48), 1);
        assert_eq!(header_size(Format::Jpeg, &j), Some((64, 48)));
        let mut png = Vec::new();
        image::RgbImage::new(7, 5)
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        assert_eq!(header_size(Format::Png, &png), Some((7, 5)));
        let w = webp::Encoder::from_rgb(&[0; 9 * 3 * 3], 9, 3)
            .encode_simple(false, 50.0)
            .unwrap()
            .to_vec();
        assert_eq!(sniff(&w), Some(Format::Webp));
        assert_eq!(header_size(Format::Webp, &w), Some((9, 3)));
    }

    #[test]
    fn pictures_too_big_are_refused_from_their_header() {
        // A PNG header claiming 100000 × 100000 pixels, and nothing after it.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(100_000u32.to_be_bytes());
        png.extend(100_000u32.to_be_bytes());
        png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        let p = probe_bytes(&png).unwrap_err();
        assert_eq!(p.code, "photo-too-many-pixels");
        assert!(p.message.vi.contains("100000×100000"), "{}", p.message.vi);
        // 10000 × 6000 is within a side but over 50 megapixels.
        let mut j = jpeg(16, 16);
        let sof = (2..j.len())
            .find(|&i| j[i] == 0xFF && j[i + 1] == 0xC0)
            .unwrap();
        j[sof + 5..sof + 7].copy_from_slice(&6000u16.to_be_bytes());
        j[sof + 7..sof + 9].copy_from_slice(&10000u16.to_be_bytes());
        assert_eq!(probe_bytes(&j).unwrap_err().code, "photo-too-many-pixels");
        // Too many bytes.
        let big = vec![0xFFu8; MAX_BYTES as usize + 1];
        assert_eq!(probe_bytes(&big).unwrap_err().code, "photo-too-large");
    }

    #[test]
    fn metadata_is_stripped_and_orientation_applied() {
        // Orientation 6: the camera was turned; shown upright, the picture is 300 × 400.
        let original = with_metadata(&jpeg(400, 300), 6);
        assert!(original.windows(6).any(|w| w == b"Exif\0\0"));
        let probed = probe_bytes(&original).unwrap();
        assert_eq!((probed.width, probed.height), (300, 400));
        let photo = Photo {
            src: "/anh/x.jpg".into(),
            line: 1,
            format: probed.format,
            hash: probed.hash,
            width: probed.width,
            height: probed.height,
        };
        let variants = photo.variants("a");
        assert_eq!(
            variants
                .iter()
                .map(|v| (v.width, v.height))
                .collect::<Vec<_>>(),
            [(240, 320), (300, 400)],
            "never wider than the original"
        );
        let made = resize(&original, Format::Jpeg, &variants).unwrap();
        for (jpeg, webp) in &made {
            for bytes in [jpeg, webp] {
                for needle in [&b"Exif"[..], b"http://ns.adobe.com/xap", b"GPS", b"comment"] {
                    assert!(
                        !bytes.windows(needle.len()).any(|w| w == needle),
                        "{} found",
                        String::from_utf8_lossy(needle)
                    );
                }
            }
            let back = image::load_from_memory(jpeg).unwrap();
            assert_eq!(sniff(webp), Some(Format::Webp));
            assert!(back.height() > back.width(), "turned upright");
        }
    }
}
