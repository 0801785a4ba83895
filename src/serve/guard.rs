//! Which requests the preview answers at all.
//!
//! A page on another site can make a browser talk to `127.0.0.1` through DNS rebinding
//! (its own name resolves to the preview's address a moment later), and then it reads the
//! preview, drafts included, as if it were its own site. Such requests carry the other site's
//! name in `Host`, so the preview answers only the names that mean "this machine": the
//! address it listens on, `127.0.0.1`, `[::1]`, `localhost`, and the address the connection
//! arrived at (for `--bind 0.0.0.0`). An IP address cannot be rebound, a name can.
//! Requests made by another site's page directly (`fetch`, `EventSource`) carry that page's
//! `Origin` and are refused too.

use axum::http::{header, Request};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why a request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// `Host` (or the request target's authority) is missing, repeated or another name.
    Host,
    /// `Origin` is another site (or `null`).
    Origin,
}

/// The preview's own address.
#[derive(Debug, Clone)]
pub(crate) struct Guard {
    bind: IpAddr,
    port: u16,
}

impl Guard {
    pub(crate) fn new(bind: IpAddr, port: u16) -> Self {
        Guard { bind, port }
    }

    /// Checks a request that arrived on a connection to `local`.
    pub(crate) fn check<B>(&self, req: &Request<B>, local: IpAddr) -> Result<(), Refusal> {
        let mut hosts = req.headers().get_all(header::HOST).iter();
        let (Some(host), None) = (hosts.next(), hosts.next()) else {
            return Err(Refusal::Host);
        };
        let host = host.to_str().map_err(|_| Refusal::Host)?;
        if !self.authority_ok(host, local, None) {
            return Err(Refusal::Host);
        }
        // `GET http://name/ HTTP/1.1`: the target's authority wins over Host (RFC 9112 3.2.2).
        if let Some(authority) = req.uri().authority() {
            if req.uri().scheme_str() != Some("http")
                || !self.authority_ok(authority.as_str(), local, None)
            {
                return Err(Refusal::Host);
            }
        }
        let mut origins = req.headers().get_all(header::ORIGIN).iter();
        match (origins.next(), origins.next()) {
            (None, _) => Ok(()),
            (Some(origin), None) => {
                let origin = origin.to_str().map_err(|_| Refusal::Origin)?;
                if self.origin_ok(origin, local) {
                    Ok(())
                } else {
                    Err(Refusal::Origin)
                }
            }
            _ => Err(Refusal::Origin),
        }
    }

    /// `http://host[:port]` of one of our names; a missing port is 80, as browsers send it.
    fn origin_ok(&self, origin: &str, local: IpAddr) -> bool {
        let Some((scheme, authority)) = origin.split_once("://") else {
            return false;
        };
        scheme.eq_ignore_ascii_case("http") && self.authority_ok(authority, local, Some(80))
    }

    /// `host[:port]`: one of our names, and our port (or no port, which then means
    /// `default_port` when there is one).
    fn authority_ok(&self, authority: &str, local: IpAddr, default_port: Option<u16>) -> bool {
        let Some((host, port)) = split_authority(authority) else {
            return false;
        };
        let port_ok = match port.or(default_port) {
            Some(p) => p == self.port,
            None => true,
        };
        port_ok && self.host_ok(host, local)
    }

    fn host_ok(&self, host: &str, local: IpAddr) -> bool {
        let ip = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
            match inner.parse::<Ipv6Addr>() {
                Ok(ip) => IpAddr::V6(ip),
                Err(_) => return false,
            }
        } else if host.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            match host.parse::<Ipv4Addr>() {
                Ok(ip) => IpAddr::V4(ip),
                Err(_) => return false,
            }
        } else {
            return host.eq_ignore_ascii_case("localhost");
        };
        let ip = ip.to_canonical();
        ip == IpAddr::V4(Ipv4Addr::LOCALHOST)
            || ip == IpAddr::V6(Ipv6Addr::LOCALHOST)
            || ip == self.bind.to_canonical()
            || ip == local.to_canonical()
    }
}

/// Splits `host[:port]` (`[v6]:port` for IPv6); `None` for anything else (user info, paths,
/// empty or non-numeric ports, spaces).
fn split_authority(s: &str) -> Option<(&str, Option<u16>)> {
    if s.is_empty()
        || s.bytes()
            .any(|b| matches!(b, b'@' | b'/' | b'\\' | b'?' | b'#') || !b.is_ascii_graphic())
    {
        return None;
    }
    let (host, port) = if s.starts_with('[') {
        let end = s.find(']')?;
        let (host, rest) = s.split_at(end + 1);
        match rest {
            "" => (host, None),
            _ => (host, Some(rest.strip_prefix(':')?)),
        }
    } else {
        match s.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (s, None),
        }
    };
    if host.is_empty() {
        return None;
    }
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse::<u16>().ok()?)
        }
        Some(_) => return None,
    };
    Some((host, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOOP: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

    fn req(host: Option<&str>, origin: Option<&str>) -> Request<()> {
        let mut b = Request::builder().uri("/");
        if let Some(h) = host {
            b = b.header(header::HOST, h);
        }
        if let Some(o) = origin {
            b = b.header(header::ORIGIN, o);
        }
        b.body(()).unwrap()
    }

    #[test]
    fn our_names_are_answered() {
        let g = Guard::new(LOOP, 1111);
        for host in [
            "127.0.0.1:1111",
            "127.0.0.1",
            "localhost:1111",
            "localhost",
            "LocalHost:1111",
            "[::1]:1111",
            "[::1]",
            "[0:0:0:0:0:0:0:1]:1111",
        ] {
            assert_eq!(g.check(&req(Some(host), None), LOOP), Ok(()), "{host}");
        }
        for origin in ["http://127.0.0.1:1111", "http://localhost:1111"] {
            assert_eq!(
                g.check(&req(Some("localhost:1111"), Some(origin)), LOOP),
                Ok(()),
                "{origin}"
            );
        }
    }

    #[test]
    fn other_names_are_refused() {
        let g = Guard::new(LOOP, 1111);
        for host in [
            "evil.com",
            "evil.com:1111",
            "localhost.evil.com:1111",
            "127.0.0.1.nip.io:1111",
            "localhost.:1111",
            "a.localhost:1111",
            "127.0.0.1:1112",
            "localhost:80",
            "127.0.0.1:",
            "127.0.0.1:+1111",
            "127.0.0.1:01111x",
            "127.1:1111",
            "0x7f.0.0.1:1111",
            "[::2]:1111",
            "[::1]x",
            "user@127.0.0.1:1111",
            "127.0.0.1:1111@evil.com",
            "127.0.0.1 evil.com",
            "",
            ":1111",
        ] {
            assert_eq!(
                g.check(&req(Some(host), None), LOOP),
                Err(Refusal::Host),
                "{host:?}"
            );
        }
        assert_eq!(g.check(&req(None, None), LOOP), Err(Refusal::Host));
        let two = Request::builder()
            .uri("/")
            .header(header::HOST, "127.0.0.1:1111")
            .header(header::HOST, "evil.com")
            .body(())
            .unwrap();
        assert_eq!(g.check(&two, LOOP), Err(Refusal::Host));
        let absolute = Request::builder()
            .uri("http://evil.com/")
            .header(header::HOST, "127.0.0.1:1111")
            .body(())
            .unwrap();
        assert_eq!(g.check(&absolute, LOOP), Err(Refusal::Host));
        for origin in [
            "http://evil.com",
            "null",
            "https://127.0.0.1:1111",
            "http://127.0.0.1:1112",
            "http://localhost",
            "http://localhost.evil.com:1111",
        ] {
            assert_eq!(
                g.check(&req(Some("127.0.0.1:1111"), Some(origin)), LOOP),
                Err(Refusal::Origin),
                "{origin}"
            );
        }
    }

    #[test]
    fn bind_address_and_arrival_address() {
        let lan: IpAddr = "192.168.1.20".parse().unwrap();
        let g = Guard::new(lan, 1111);
        assert_eq!(g.check(&req(Some("192.168.1.20:1111"), None), lan), Ok(()));
        assert_eq!(
            g.check(&req(Some("192.168.1.21:1111"), None), lan),
            Err(Refusal::Host)
        );
        let any = Guard::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), 1111);
        assert_eq!(g.check(&req(Some("192.168.1.20:1111"), None), lan), Ok(()));
        assert_eq!(
            any.check(&req(Some("192.168.1.20:1111"), None), lan),
            Ok(())
        );
        // Dual-stack socket: the IPv4 client arrives on an IPv4-mapped address.
        let mapped: IpAddr = "::ffff:192.168.1.20".parse().unwrap();
        assert_eq!(
            any.check(&req(Some("192.168.1.20:1111"), None), mapped),
            Ok(())
        );
        assert_eq!(
            any.check(&req(Some("council-pc.local:1111"), None), lan),
            Err(Refusal::Host)
        );
    }
}
