//! `vinhdanh serve`: builds the site into memory, serves it on 127.0.0.1 with axum, watches
//! the site's files, rebuilds what changed and tells every open tab to reload (server-sent
//! events). The reload script is injected by the server only; built sites never carry it.

mod watch;

use crate::error::{Diagnostic, Lang};
use crate::live::{Pages, Workspace};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;

/// Options of `vinhdanh serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
    pub lang: Lang,
}

/// What the watcher tells the browsers.
#[derive(Debug, Clone)]
pub enum Signal {
    Reload,
}

#[derive(Clone)]
struct AppState {
    pages: Arc<RwLock<Pages>>,
    events: broadcast::Sender<Signal>,
    lang: Lang,
}

const RELOAD_PATH: &str = "/__vinhdanh/reload.js";
const EVENTS_PATH: &str = "/__vinhdanh/events";
const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY_PATH: &str = "/__vinhdanh/overlay.css";
const OVERLAY_CSS: &str = include_str!("overlay.css");

/// Runs the preview until the process is stopped.
pub fn serve(opts: ServeOptions) -> crate::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| crate::Error::io(&opts.root, e))?;
    runtime.block_on(run(opts))
}

async fn run(opts: ServeOptions) -> crate::Result<()> {
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        crate::Error::usage(
            format!("không mở được cổng {addr}: {e}; thử --port khác"),
            format!("cannot listen on {addr}: {e}; try another --port"),
        )
    })?;
    let local = listener
        .local_addr()
        .map_err(|e| crate::Error::io(&opts.root, e))?;
    let url = format!("http://{local}");
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| crate::Error::io(&opts.root, e))?;

    let pages = Arc::new(RwLock::new(Pages::default()));
    let (events, _) = broadcast::channel(64);
    let mut workspace = Workspace::open(&root, opts.drafts, Some(url.clone()))?;
    match workspace.build_all() {
        Ok(update) => {
            report_warnings(&update.warnings, &root, opts.lang);
            let files = update.written.len();
            if let Ok(mut p) = pages.write() {
                p.apply(update);
            }
            say(
                opts.lang,
                &format!("đã dựng {files} tệp"),
                &format!("built {files} files"),
            );
        }
        Err(e) => show_error(&pages, &e, &root, opts.lang),
    }
    watch::spawn(workspace, pages.clone(), events.clone(), opts.lang)?;

    if !opts.bind.is_loopback() {
        say(
            opts.lang,
            &format!("CẢNH BÁO: bản xem trước đang mở cho mọi máy trong mạng ở {url}"),
            &format!("WARNING: the preview is visible to the whole network at {url}"),
        );
    }
    // Tests and scripts read this line to find the port.
    println!(
        "{}",
        match opts.lang {
            Lang::Vi => format!("xem trước tại {url}/ (Ctrl+C để dừng)"),
            Lang::En => format!("preview at {url}/ (Ctrl+C to stop)"),
        }
    );
    if opts.open {
        open_browser(&format!("{url}/"));
    }
    let state = AppState {
        pages,
        events,
        lang: opts.lang,
    };
    let app = Router::new()
        .route(RELOAD_PATH, get(reload_js))
        .route(EVENTS_PATH, get(sse))
        .route(OVERLAY_PATH, get(overlay_css))
        .fallback(get(page))
        .with_state(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| crate::Error::io(&root, e))
}

fn say(lang: Lang, vi: &str, en: &str) {
    println!("{}", if lang == Lang::Vi { vi } else { en });
}

fn report_warnings(warnings: &[Diagnostic], root: &std::path::Path, lang: Lang) {
    if !warnings.is_empty() {
        use std::io::Write;
        let _ = std::io::stderr().write_all(&crate::report::human(warnings, root, lang, false));
    }
}

/// Keeps the last good pages and shows the errors over them.
pub(crate) fn show_error(
    pages: &RwLock<Pages>,
    e: &crate::Error,
    root: &std::path::Path,
    lang: Lang,
) {
    use std::io::Write;
    let diags = match e {
        crate::Error::Content(d) => d.clone(),
        other => vec![Diagnostic::error(
            "build",
            "",
            0,
            crate::error::msg(other.message(Lang::Vi), other.message(Lang::En)),
        )],
    };
    let _ = std::io::stderr().write_all(&crate::report::human(&diags, root, lang, false));
    if let Ok(mut p) = pages.write() {
        p.errors = diags;
    }
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "windows") {
        ("cmd", vec!["/C", "start", url])
    } else if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else {
        ("xdg-open", vec![url])
    };
    let _ = std::process::Command::new(cmd.0).args(cmd.1).spawn();
}

async fn reload_js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        RELOAD_JS,
    )
        .into_response()
}

async fn overlay_css() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        OVERLAY_CSS,
    )
        .into_response()
}

async fn sse(State(state): State<AppState>) -> impl IntoResponse {
    let rx = state.events.subscribe();
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        loop {
            match rx.recv().await {
                Ok(Signal::Reload) => {
                    return Some((
                        Ok::<_, std::convert::Infallible>(
                            Event::default().event("reload").data("reload"),
                        ),
                        rx,
                    ))
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The output path a request asks for, or `None` when it tries to leave the site
/// (`..`, backslashes, NUL, percent-encoded or not).
pub fn request_path(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    Some(if decoded.ends_with('/') || joined.is_empty() {
        if joined.is_empty() {
            "index.html".to_string()
        } else {
            format!("{joined}/index.html")
        }
    } else {
        joined
    })
}

async fn page(State(state): State<AppState>, req: Request<Body>) -> Response {
    let raw = req.uri().path().to_string();
    let Some(path) = request_path(&raw) else {
        return (StatusCode::BAD_REQUEST, "bad path").into_response();
    };
    let (found, errors, not_found) = {
        let Ok(pages) = state.pages.read() else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        let found = pages.files.get(&path).cloned();
        // "/a" when "/a/index.html" exists: send the browser to "/a/".
        let dir_index = found.is_none() && pages.files.contains_key(&format!("{path}/index.html"));
        if dir_index {
            let target = format!("{}/", raw.trim_end_matches('/'));
            return (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, target)]).into_response();
        }
        (
            found,
            pages.errors.clone(),
            pages.files.get("404.html").cloned(),
        )
    };
    let (status, path, bytes) = match found {
        Some(b) => (StatusCode::OK, path, b),
        None => match not_found {
            Some(b) => (StatusCode::NOT_FOUND, "404.html".to_string(), b),
            None => return (StatusCode::NOT_FOUND, "404").into_response(),
        },
    };
    let content_type = content_type(&path);
    let body = if content_type.starts_with("text/html") {
        Body::from(inject(&bytes, &errors, state.lang))
    } else {
        Body::from(bytes.as_ref().clone())
    };
    let mut resp = Response::new(body);
    *resp.status_mut() = status;
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    resp
}

/// Content type by extension, with UTF-8 for text.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script, and the error overlay when the last rebuild failed.
fn inject(html: &[u8], errors: &[Diagnostic], lang: Lang) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = format!("<script src=\"{RELOAD_PATH}\" defer></script>");
    if !errors.is_empty() {
        extra.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{OVERLAY_PATH}\">"
        ));
        extra.push_str(&overlay(errors, lang));
    }
    let out = match text.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &text[..i], &text[i..]),
        None => format!("{text}{extra}"),
    };
    out.into_bytes()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The list of errors shown over the page while the content is broken.
pub fn overlay(errors: &[Diagnostic], lang: Lang) -> String {
    let (title, note, hint_label) = match lang {
        Lang::Vi => (
            "Nội dung đang có lỗi",
            "Trang dưới đây là bản dựng tốt gần nhất. Sửa tệp rồi lưu lại, trang sẽ tự tải lại.",
            "Gợi ý",
        ),
        Lang::En => (
            "The content has errors",
            "Below is the last good build. Fix the file and save; the page reloads by itself.",
            "Hint",
        ),
    };
    let mut html = format!(
        "<div id=\"vinhdanh-errors\" role=\"alert\" class=\"vd-overlay\"><h2>{title}</h2><p>{note}</p><ol>"
    );
    for d in errors.iter().filter(|d| d.is_error()) {
        let mut place = escape(&d.path.display().to_string());
        if d.line > 0 {
            place.push_str(&format!(":{}", d.line));
            if d.column > 0 {
                place.push_str(&format!(":{}", d.column));
            }
        }
        html.push_str(&format!(
            "<li><code>{place}</code> {}",
            escape(d.message.get(lang))
        ));
        if let Some(h) = &d.hint {
            html.push_str(&format!(
                "<br><small>{hint_label}: {}</small>",
                escape(h.get(lang))
            ));
        }
        html.push_str("</li>");
    }
    html.push_str("</ol></div>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_inside() {
        assert_eq!(request_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            request_path("/khen-thuong/").as_deref(),
            Some("khen-thuong/index.html")
        );
        assert_eq!(
            request_path("/assets/style.css").as_deref(),
            Some("assets/style.css")
        );
        assert_eq!(request_path("/a/./b/").as_deref(), Some("a/b/index.html"));
        assert_eq!(request_path("/../etc/passwd"), None);
        assert_eq!(request_path("/%2e%2e/etc/passwd"), None);
        assert_eq!(request_path("/a/%2E%2E/%2e%2e/x"), None);
        assert_eq!(request_path("/a%5c..%5cb"), None);
        assert_eq!(request_path("/a\\b"), None);
        assert_eq!(request_path("/a%00b"), None);
    }

    #[test]
    fn content_types_have_utf8() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("data.CSV"), "text/csv; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
    }

    #[test]
    fn injection_and_overlay() {
        let d = Diagnostic::error(
            "x",
            "content/a.md",
            3,
            crate::error::msg("lỗi <b>", "error <b>"),
        )
        .with_hint(crate::error::msg("sửa đi", "fix it"));
        let out = String::from_utf8(inject(
            b"<html><body><p>x</p></body></html>",
            &[d],
            Lang::Vi,
        ))
        .unwrap();
        assert!(out.contains("<script src=\"/__vinhdanh/reload.js\" defer></script>"));
        assert!(out.contains("content/a.md:3"));
        assert!(out.contains("lỗi &lt;b&gt;"));
        assert!(out.ends_with("</body></html>"));
    }
}
