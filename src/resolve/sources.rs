//! `sources`: where a record's facts were found. Each is a web address, checked so that a
//! link on a public page can only lead to a web page.

use super::*;
use crate::frontmatter::SourceFm;

impl Ctx<'_> {
    /// The checked sources of a record, recipient, nominee or honour: `single` is a lone
    /// `source = "…"` (honours), `list` the `sources` written beside it. `at` is the line
    /// the list is written on, for messages.
    pub(super) fn sources(
        &mut self,
        src: &SourceFile,
        single: Option<&str>,
        list: &[SourceFm],
        at: impl Fn() -> usize,
    ) -> Vec<Source> {
        if single.is_none() && list.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(list.len() + usize::from(single.is_some()));
        let written = single
            .map(|url| (url, None))
            .into_iter()
            .chain(list.iter().map(|s| match s {
                SourceFm::Url(url) => (url.as_str(), None),
                SourceFm::Titled(t) => (t.url.as_str(), t.title.as_deref()),
            }));
        for (url, title) in written {
            let url = url.trim();
            match check_url(url) {
                Ok(()) => {
                    let source = Source {
                        url: url.to_string(),
                        title: title
                            .map(str::trim)
                            .filter(|t| !t.is_empty())
                            .map(str::to_string),
                    };
                    if !out.contains(&source) {
                        out.push(source);
                    }
                }
                Err(why) => {
                    let line = match src.line_of_value(url) {
                        l if !url.is_empty() && src.line_text(l).contains(url) => l,
                        _ => at(),
                    };
                    self.diags.push(
                        Diagnostic::error(
                            "bad-source",
                            &src.path,
                            line,
                            msg(
                                format!("nguồn “{url}” không phải địa chỉ trang web: {}", why.vi),
                                format!("source \"{url}\" is not a web address: {}", why.en),
                            ),
                        )
                        .at(src.column_of(line, url), url.chars().count())
                        .with_hint(msg(
                            "ghi địa chỉ đầy đủ của trang đã lấy thông tin, bắt đầu bằng https:// hoặc http://, ví dụ sources = [\"https://thanhha.haiduong.gov.vn/tin-tuc/123\"]",
                            "write the full address of the page the facts come from, starting with https:// or http://",
                        )),
                    );
                }
            }
        }
        out
    }
}

/// Whether a source may be linked from a public page: an absolute `http`/`https` address
/// (never `javascript:`, `data:` or a file on the clerk's computer).
fn check_url(url: &str) -> Result<(), crate::error::Msg> {
    if url.is_empty() {
        return Err(msg("địa chỉ để trống", "the address is empty"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(msg(
            "địa chỉ có dấu cách hoặc ký tự điều khiển",
            "it holds a space or a control character",
        ));
    }
    let parsed = url::Url::parse(url).map_err(|e| {
        msg(
            format!("không đọc được địa chỉ ({e})"),
            format!("it cannot be read as an address ({e})"),
        )
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(msg(
            format!(
                "địa chỉ phải bắt đầu bằng https:// hoặc http://, không phải {}:",
                parsed.scheme()
            ),
            format!(
                "it must start with https:// or http://, not {}:",
                parsed.scheme()
            ),
        ));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(msg("thiếu tên trang web", "the host name is missing"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(msg(
            "địa chỉ không được chứa tên đăng nhập hay mật khẩu",
            "it must not hold a user name or password",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_web_addresses_are_sources() {
        assert!(super::check_url("https://baochinhphu.vn/a-123.htm").is_ok());
        assert!(super::check_url("http://tanviet.gov.vn/?id=5#x").is_ok());
        for bad in [
            "",
            "javascript:alert(1)",
            "data:text/html,x",
            "file:///C:/x.pdf",
            "C:\\Users\\x.pdf",
            "baochinhphu.vn/a",
            "https://user:pw@x.vn/",
            "https://x.vn/a b",
        ] {
            assert!(super::check_url(bad).is_err(), "{bad}");
        }
    }
}
