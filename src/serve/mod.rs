//! `vinhdanh serve`: builds the site into memory, serves it on 127.0.0.1 with axum, watches
//! the site's files, rebuilds what changed and tells every open tab to reload (server-sent
//! events). The reload script is injected by the server only; built sites never carry it.
//!
//! The connections are driven with hyper directly (not `axum::serve`) so that: every request
//! passes the Host/Origin check first (`guard`, against DNS rebinding and other sites' pages);
//! a client must send its headers within [`HEADER_TIMEOUT`], also between kept-alive requests
//! (slowloris, idle connections); and Ctrl+C or SIGTERM stops accepting, ends the event
//! streams and exits after at most [`GRACE`], whatever the open tabs do.

mod guard;
mod watch;

pub(crate) use guard::{Guard, Refusal};

use crate::error::{Diagnostic, Lang};
use crate::live::{Pages, Workspace};
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::sync::{broadcast, watch as flag};

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
pub(crate) enum Signal {
    Reload,
}

#[derive(Clone)]
struct AppState {
    pages: Arc<RwLock<Pages>>,
    events: broadcast::Sender<Signal>,
    lang: Lang,
    /// Turns true once on Ctrl+C: the event streams end.
    stopping: flag::Receiver<bool>,
}

/// How long a client may take to send a request's headers, and how long a kept-alive
/// connection may stay idle between requests (slow clients are dropped).
pub(crate) const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Overrides [`HEADER_TIMEOUT`] in milliseconds (1 to 60,000), for tests.
pub(crate) const HEADER_TIMEOUT_ENV: &str = "VINHDANH_SERVE_HEADER_TIMEOUT_MS";
/// After Ctrl+C, how long open requests may take to finish before the connections are closed.
const GRACE: Duration = Duration::from_millis(300);

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
    let mut stop = Stop::new().map_err(|e| crate::Error::io(&root, e))?;
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
    let (stop_tx, stopping) = flag::channel(false);
    let state = AppState {
        pages,
        events,
        lang: opts.lang,
        stopping: stopping.clone(),
    };
    let app = Router::new()
        .route(RELOAD_PATH, get(reload_js))
        .route(EVENTS_PATH, get(sse))
        .route(OVERLAY_PATH, get(overlay_css))
        .fallback(get(page))
        .with_state(state);
    let shared = Arc::new(Shared {
        app,
        guard: Guard::new(opts.bind, local.port()),
        lang: opts.lang,
        url,
        header_timeout: header_timeout(),
    });
    // Every connection task holds a receiver: `closed()` tells when the last one ended.
    let (open_tx, open_rx) = flag::channel(());
    loop {
        let stream = tokio::select! {
            biased;
            _ = stop.wait() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    if !is_connection_error(&e) {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                    }
                    continue;
                }
            },
        };
        tokio::spawn(connection(
            stream,
            shared.clone(),
            stopping.clone(),
            open_rx.clone(),
        ));
    }
    // Stop accepting, end the event streams, let the requests under way finish for a
    // moment, then close whatever is still open (returning drops the runtime and its tasks).
    drop(listener);
    let _ = stop_tx.send(true);
    drop(open_rx);
    tokio::select! {
        _ = open_tx.closed() => {}
        _ = tokio::time::sleep(GRACE) => {}
        _ = stop.wait() => {}
    }
    say(opts.lang, "đã dừng bản xem trước", "preview stopped");
    Ok(())
}

/// What every connection needs.
struct Shared {
    app: Router,
    guard: Guard,
    lang: Lang,
    url: String,
    header_timeout: Duration,
}

/// One HTTP/1.1 connection: headers within the timeout (also between kept-alive requests),
/// every request through the Host/Origin check, closed on shutdown.
async fn connection(
    stream: tokio::net::TcpStream,
    shared: Arc<Shared>,
    mut stopping: flag::Receiver<bool>,
    _open: flag::Receiver<()>,
) {
    let _ = stream.set_nodelay(true);
    let local = stream
        .local_addr()
        .map(|a| a.ip())
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST));
    let timeout = shared.header_timeout;
    let service = hyper::service::service_fn(move |req: Request<Incoming>| {
        let shared = shared.clone();
        async move {
            match shared.guard.check(&req, local) {
                Ok(()) => {
                    let mut app = shared.app.clone();
                    tower_service::Service::call(&mut app, req).await
                }
                Err(refusal) => Ok(refused(refusal, shared.lang, &shared.url)),
            }
        }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(timeout)
        .serve_connection(TokioIo::new(stream), service);
    let mut conn = std::pin::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = stopping.wait_for(|s| *s) => {}
    }
    conn.as_mut().graceful_shutdown();
    let _ = conn.await;
}

/// The answer to a request for another name or from another site: short, in the site's
/// language (Vietnamese first), and the connection is closed.
fn refused(refusal: Refusal, lang: Lang, url: &str) -> Response {
    let (status, vi, en) = match refusal {
        Refusal::Host => (
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "Bản xem trước từ chối yêu cầu này: tên máy (Host) không phải địa chỉ của bản xem trước. Hãy mở {url}/"
            ),
            format!(
                "The preview refuses this request: its Host is not the preview's address. Open {url}/"
            ),
        ),
        Refusal::Origin => (
            StatusCode::FORBIDDEN,
            "Bản xem trước từ chối yêu cầu này: nó đến từ một trang web khác (Origin).".to_string(),
            "The preview refuses this request: it comes from another site (Origin).".to_string(),
        ),
    };
    let text = match lang {
        Lang::Vi => format!("{vi}\n"),
        Lang::En => format!("{vi}\n{en}\n"),
    };
    let mut resp = Response::new(Body::from(text));
    *resp.status_mut() = status;
    let headers = resp.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    resp
}

/// [`HEADER_TIMEOUT`], or the test override.
fn header_timeout() -> Duration {
    std::env::var(HEADER_TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|ms| (1..=60_000).contains(ms))
        .map(Duration::from_millis)
        .unwrap_or(HEADER_TIMEOUT)
}

/// Errors of one connection that `accept` reports; the listener itself is fine.
fn is_connection_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}

/// The first Ctrl+C (SIGINT) or SIGTERM. Registered before the address is printed, so a
/// signal sent as soon as the preview listens is caught.
struct Stop {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
}

impl Stop {
    fn new() -> std::io::Result<Stop> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Stop {
                int: signal(SignalKind::interrupt())?,
                term: signal(SignalKind::terminate())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Stop {})
    }

    async fn wait(&mut self) {
        #[cfg(unix)]
        tokio::select! {
            _ = self.int.recv() => {}
            _ = self.term.recv() => {}
        }
        #[cfg(not(unix))]
        {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }
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
    // The stream ends when the preview stops, so that Ctrl+C need not wait for open tabs.
    let stream =
        futures_util::stream::unfold((rx, state.stopping), |(mut rx, mut stopping)| async move {
            loop {
                let signal = tokio::select! {
                    _ = stopping.wait_for(|s| *s) => return None,
                    signal = rx.recv() => signal,
                };
                match signal {
                    Ok(Signal::Reload) => {
                        return Some((
                            Ok::<_, std::convert::Infallible>(
                                Event::default().event("reload").data("reload"),
                            ),
                            (rx, stopping),
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
pub(crate) fn request_path(raw: &str) -> Option<String> {
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
            let target = redirect_target(&path, req.uri().query());
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
            // Nothing built yet, because the content has errors from the start: a page
            // that shows them (and reloads once they are fixed), not a bare 404.
            None if !errors.is_empty() => (
                StatusCode::SERVICE_UNAVAILABLE,
                "index.html".to_string(),
                std::sync::Arc::new(not_built_page(state.lang).into_bytes()),
            ),
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

/// Characters a path segment cannot hold as they are.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Where `/a` goes when `/a/index.html` exists: built from the normalised output path
/// (`request_path`), never from the raw target, so it is always `/segment/…/` on this host —
/// `//evil.com`, `/%2F%2Fevil.com` or `///a` can never become a protocol-relative URL.
pub(crate) fn redirect_target(path: &str, query: Option<&str>) -> String {
    let mut target = String::from("/");
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        target.extend(percent_encoding::utf8_percent_encode(seg, SEGMENT));
        target.push('/');
    }
    if let Some(q) = query {
        target.push('?');
        target.push_str(q);
    }
    target
}

/// Content type by extension, with UTF-8 for text.
pub(crate) fn content_type(path: &str) -> &'static str {
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
        "ics" => "text/calendar; charset=utf-8",
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

/// The page served while no build has succeeded yet; the overlay lists the errors.
fn not_built_page(lang: Lang) -> String {
    let (code, title, text) = match lang {
        Lang::Vi => (
            "vi",
            "Chưa dựng được trang",
            "Nội dung có lỗi nên chưa dựng được trang nào. Sửa các lỗi dưới đây, lưu tệp, trang sẽ tự tải lại.",
        ),
        Lang::En => (
            "en",
            "The site is not built yet",
            "The content has errors, so no page could be built. Fix the errors below and save; the page reloads by itself.",
        ),
    };
    format!("<!doctype html><html lang=\"{code}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p></main></body></html>")
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
            "Sửa tệp rồi lưu lại, trang sẽ tự tải lại. Trang bên dưới (nếu có) là bản dựng tốt gần nhất.",
            "Gợi ý",
        ),
        Lang::En => (
            "The content has errors",
            "Fix the file and save; the page reloads by itself. The page below (if any) is the last good build.",
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
    fn redirects_stay_on_this_host() {
        for raw in [
            "//khen-thuong",
            "///khen-thuong",
            "/%2F%2Fkhen-thuong",
            "/./khen-thuong",
        ] {
            let path = request_path(raw).unwrap();
            assert_eq!(redirect_target(&path, None), "/khen-thuong/", "{raw}");
        }
        assert_eq!(
            redirect_target(&request_path("//evil.com").unwrap(), Some("a=1")),
            "/evil.com/?a=1"
        );
        assert_eq!(
            redirect_target("nam/2024 x/Đức", None),
            "/nam/2024%20x/%C4%90%E1%BB%A9c/"
        );
    }

    #[test]
    fn header_timeout_is_ten_seconds_unless_a_test_says() {
        assert_eq!(HEADER_TIMEOUT, Duration::from_secs(10));
        if std::env::var_os(HEADER_TIMEOUT_ENV).is_none() {
            assert_eq!(header_timeout(), HEADER_TIMEOUT);
        }
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
