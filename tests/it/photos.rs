//! People's photos: checked when read, published resized as JPEG and WebP without any of
//! the original's metadata (EXIF with its GPS position, XMP, comments), the original left
//! out, the resized copies cached between builds.

use crate::util::*;
use std::path::Path;

/// A `w`×`h` JPEG with the texture of a photo (smooth shapes, a little noise), as a phone
/// writes it: quality 92.
fn phone_jpeg(w: u32, h: u32) -> Vec<u8> {
    let mut seed = 0x2545_f491_u32;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        let noise = (seed % 25) as f32 - 12.0;
        let wave = ((x as f32 * 0.013).sin() * (y as f32 * 0.021).cos()) * 60.0;
        let px = |base: f32| (base + wave + noise).clamp(0.0, 255.0) as u8;
        image::Rgb([
            px(x as f32 * 200.0 / w as f32),
            px(y as f32 * 180.0 / h as f32 + 30.0),
            px(120.0),
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .encode_image(&img)
        .unwrap();
    out
}

/// `jpeg` with, after its SOI marker, an EXIF segment holding a GPS IFD (tag 0x8825, a
/// latitude), an XMP packet with a position and a comment, as phones and editors add them.
fn with_metadata(jpeg: &[u8]) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"II*\0\x08\0\0\0".to_vec();
    tiff.extend(1u16.to_le_bytes());
    // IFD0: one entry, the GPS IFD's offset (26).
    tiff.extend([0x25, 0x88, 4, 0, 1, 0, 0, 0]);
    tiff.extend(26u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    // GPS IFD: GPSLatitudeRef = "N".
    tiff.extend(1u16.to_le_bytes());
    tiff.extend([1, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
    tiff.extend(0u32.to_le_bytes());
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend(tiff);
    let xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:exif=\"http://ns.adobe.com/exif/1.0/\"><exif:GPSLatitude>21,1.5N</exif:GPSLatitude></x:xmpmeta>".to_vec();
    let mut out = jpeg[..2].to_vec();
    for seg in [exif, xmp] {
        out.extend([0xFF, 0xE1]);
        out.extend(((seg.len() + 2) as u16).to_be_bytes());
        out.extend(seg);
    }
    let comment = b"Nha ong Duc, GPS 21.02N";
    out.extend([0xFF, 0xFE]);
    out.extend(((comment.len() + 2) as u16).to_be_bytes());
    out.extend(comment);
    out.extend(&jpeg[2..]);
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The one-person site with its person's `photo` (line 7 of the record) at `/anh/duc.jpg`.
fn site_with_photo(bytes: &[u8]) -> tempfile::TempDir {
    let s = fixture("one-person");
    let person = s.path().join("content/people/nguyen-van-duc.md");
    let text = std::fs::read_to_string(&person).unwrap();
    let text = text.replace(
        "consent = true\n",
        "consent = true\nphoto = \"/anh/duc.jpg\"\n",
    );
    std::fs::write(&person, text).unwrap();
    put_bytes(s.path(), "static/anh/duc.jpg", bytes);
    put(s.path(), "static/anh/logo.txt", "not a photo, copied as is");
    s
}

/// Every published file under `out`, path and bytes.
fn published(out: &Path) -> Vec<(String, Vec<u8>)> {
    files(out)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(out.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

#[test]
fn a_phone_photo_is_published_small_and_without_its_metadata() {
    let original = with_metadata(&phone_jpeg(4000, 3000));
    assert!(original.len() > 1_000_000, "{} bytes", original.len());
    let s = site_with_photo(&original);
    let out = s.path().join("public");
    let first = vinhdanh(s.path(), &["build"]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );

    let page =
        std::fs::read_to_string(out.join("guong-dien-hinh/nguyen-van-duc/index.html")).unwrap();
    let picture = &page[page.find("<picture>").expect("a <picture>")..];
    let picture = &picture[..picture.find("</picture>").unwrap()];
    assert!(
        picture.contains("<source type=\"image/webp\" srcset=\"/anh/nguyen-van-duc-"),
        "{picture}"
    );
    for needle in [
        "-240.webp 240w, /anh/",
        "-480.webp 480w",
        "-240.jpg 240w, /anh/",
        "-480.jpg 480w",
    ] {
        assert!(picture.contains(needle), "{needle} in {picture}");
    }
    // 4000 × 3000 at 240 wide: 180 high, reserved before the picture arrives.
    for needle in [
        "width=\"240\"",
        "height=\"180\"",
        "sizes=\"240px\"",
        "loading=\"lazy\"",
        "decoding=\"async\"",
        "alt=\"Nguyễn Văn Đức\"",
    ] {
        assert!(picture.contains(needle), "{needle} in {picture}");
    }
    assert!(page
        .contains("<meta property=\"og:image\" content=\"https://x.example/anh/nguyen-van-duc-"));
    let og = &page[page.find("og:image").unwrap()..];
    assert!(
        og[..og.find('>').unwrap()].contains("-480.jpg"),
        "{og:.200}"
    );

    let files = published(&out);
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert!(
        !paths.contains(&"anh/duc.jpg"),
        "the original is not published"
    );
    assert!(paths.contains(&"anh/logo.txt"), "other static files are");
    // Every file the page names is there, and every published picture is clean.
    let mut pictures = 0;
    for (rel, bytes) in &files {
        if [".jpg", ".jpeg", ".png", ".webp"]
            .iter()
            .any(|e| rel.ends_with(e))
        {
            pictures += 1;
            assert!(
                picture.contains(&format!("/{rel}")),
                "{rel} is one of the page's"
            );
            for needle in [
                &b"Exif\0\0"[..],
                b"http://ns.adobe.com/xap",
                b"GPS",
                b"Nha ong Duc",
            ] {
                assert!(
                    !contains(bytes, needle),
                    "{rel} holds {}",
                    String::from_utf8_lossy(needle)
                );
            }
        }
    }
    assert_eq!(pictures, 4, "{paths:?}");
    let small = files.iter().find(|(p, _)| p.ends_with("-240.jpg")).unwrap();
    assert!(
        small.1.len() <= 60_000,
        "240-wide JPEG is {} bytes",
        small.1.len()
    );
    let img = image::load_from_memory(&small.1).unwrap();
    assert_eq!((img.width(), img.height()), (240, 180));
    let webp = files
        .iter()
        .find(|(p, _)| p.ends_with("-480.webp"))
        .unwrap();
    assert_eq!(&webp.1[..4], b"RIFF");

    // The cache: a second build resizes nothing and leaves the cached files alone.
    let cache = s.path().join(".vinhdanh/cache/anh");
    let times = |dir: &Path| -> Vec<(String, std::time::SystemTime)> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = times(&cache);
    assert_eq!(before.len(), 4, "{before:?}");
    let second = std::process::Command::new(env!("CARGO_BIN_EXE_vinhdanh"))
        .args(["--root".as_ref(), s.path().as_os_str(), "build".as_ref()])
        .env("VINHDANH_TIMINGS", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(second.status.success(), "{err}");
    assert!(err.contains("photos: 0 resized, 1 from the cache"), "{err}");
    assert_eq!(times(&cache), before);
    assert_eq!(published(&out), files, "the same files from the cache");

    // A new photo is a new name: browsers may keep the old one for ever.
    put_bytes(s.path(), "static/anh/duc.jpg", &phone_jpeg(600, 800));
    vinhdanh_ok(s.path(), &["build"]);
    let page2 =
        std::fs::read_to_string(out.join("guong-dien-hinh/nguyen-van-duc/index.html")).unwrap();
    assert_ne!(page, page2);
    assert!(page2.contains("width=\"240\" height=\"320\""), "portrait");

    // Kept on request.
    let cfg = std::fs::read_to_string(s.path().join("site.toml")).unwrap();
    put(
        s.path(),
        "site.toml",
        &format!("{cfg}\n[photos]\nkeep_original = true\n"),
    );
    vinhdanh_ok(s.path(), &["build"]);
    assert!(out.join("anh/duc.jpg").is_file());
}

/// The one problem `check` reports about the photo.
fn photo_problem(bytes: &[u8]) -> serde_json::Value {
    let s = site_with_photo(bytes);
    let (code, r) = check_json(s.path());
    assert_ne!(code, 0, "{r:#}");
    let all = r["diagnostics"].as_array().unwrap();
    assert_eq!(all.len(), 1, "{r:#}");
    let d = all[0].clone();
    assert_eq!(d["file"], "content/people/nguyen-van-duc.md", "{d:#}");
    assert_eq!(d["line"], 7, "the line of `photo`: {d:#}");
    d
}

#[test]
fn a_photo_that_is_no_picture_is_an_error_at_its_line() {
    let d = photo_problem(b"Day la mot tep van ban, khong phai anh.\n");
    assert_eq!(d["code"], "photo-not-image");
    let m = d["message"].as_str().unwrap();
    assert!(
        m.contains("static/anh/duc.jpg") && m.contains("JPEG, PNG hay WebP"),
        "{m}"
    );
    assert!(d["hint"].as_str().unwrap().contains("HEIC"), "{d:#}");
}

#[test]
fn a_picture_claiming_too_many_pixels_is_refused_before_decoding() {
    // A PNG whose header says 100000 × 100000 pixels (ten billion), in 33 bytes.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(100_000u32.to_be_bytes());
    png.extend(100_000u32.to_be_bytes());
    png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    let d = photo_problem(&png);
    assert_eq!(d["code"], "photo-too-many-pixels");
    assert!(
        d["message"].as_str().unwrap().contains("100000×100000"),
        "{d:#}"
    );
}
