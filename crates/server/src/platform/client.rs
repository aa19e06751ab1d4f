//! The client's address, for throttling and the audit trail.
//!
//! The TCP peer is the client, unless it is one of the proxies named in
//! `BRIGADE_TRUST_PROXY` (networks in CIDR notation). Then the hops of the one
//! forwarded header the operator's proxy writes — `X-Forwarded-For` by default, or
//! `Forwarded` (RFC 7239) with `BRIGADE_TRUST_PROXY_HEADER=forwarded` — are read from the
//! right, skipping trusted proxies: the first hop that is not one is the client. Hops
//! further left were written by whoever sent the request and prove nothing, and so is
//! the other header, which the proxy passes through untouched: it is never read. A hop
//! that is not an address (`unknown`, an obfuscated name, bytes that are not text) ends
//! the walk at the proxy that reported it.
//!
//! Throttles count IPv6 clients by their /64 ([`throttle_key`]): one host usually
//! holds the whole prefix.

use std::net::{IpAddr, Ipv6Addr};

use actix_web::http::header::HeaderMap;
use actix_web::{web, HttpRequest};
use ipnet::IpNet;

use super::AppState;
pub use crate::config::ForwardedHeader;

/// The client's address, as the audit trail records it.
pub fn client_addr(request: &HttpRequest) -> Option<String> {
    let peer = request.peer_addr()?.ip();
    let Some(state) = request.app_data::<web::Data<AppState>>() else {
        return Some(canonical(peer).to_string());
    };
    let settings = &state.settings;
    let client = client_of(
        peer,
        request.headers(),
        &settings.trusted_proxies,
        settings.forwarded_header,
    );
    Some(client.to_string())
}

/// The client behind `peer`, given the request's headers, the trusted proxies and the
/// header they write.
pub fn client_of(
    peer: IpAddr,
    headers: &HeaderMap,
    trusted: &[IpNet],
    header: ForwardedHeader,
) -> IpAddr {
    let peer = canonical(peer);
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut client = peer;
    for hop in forwarded_hops(headers, header).into_iter().rev() {
        match hop {
            Some(ip) => {
                client = canonical(ip);
                if !is_trusted(&client) {
                    break;
                }
            }
            None => break,
        }
    }
    client
}

/// The hops `header` lists over all its lines, left to right; `None` for one that is
/// not an address. Bytes that are not UTF-8 are kept as replacement characters, so they
/// spoil only their own hop.
fn forwarded_hops(headers: &HeaderMap, header: ForwardedHeader) -> Vec<Option<IpAddr>> {
    let lines: Vec<String> = headers
        .get_all(header.name())
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
        .collect();
    let elements = lines.iter().flat_map(|line| line.split(','));
    match header {
        ForwardedHeader::XForwardedFor => elements.map(|hop| node(hop.trim())).collect(),
        ForwardedHeader::Forwarded => elements
            .map(|element| {
                element
                    .split(';')
                    .find_map(|pair| {
                        let (name, value) = pair.split_once('=')?;
                        name.trim()
                            .eq_ignore_ascii_case("for")
                            .then(|| node(value.trim().trim_matches('"')))
                    })
                    // An element without `for=` says nothing of its client.
                    .flatten()
            })
            .collect(),
    }
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`,
/// `[2001:db8::1]` or `[2001:db8::1]:4711`.
fn node(text: &str) -> Option<IpAddr> {
    if let Some(rest) = text.strip_prefix('[') {
        let (inside, _port) = rest.split_once(']')?;
        return inside.parse::<Ipv6Addr>().ok().map(IpAddr::V6);
    }
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    let (host, port) = text.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)
}

/// IPv4 written as IPv6 (`::ffff:192.0.2.1`) is IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// What throttles count a client address as: itself for IPv4, its /64 for IPv6.
pub fn throttle_key(client: &str) -> String {
    match client.parse::<IpAddr>() {
        Ok(IpAddr::V6(v6)) => {
            let segments = v6.segments();
            let prefix = Ipv6Addr::new(
                segments[0],
                segments[1],
                segments[2],
                segments[3],
                0,
                0,
                0,
                0,
            );
            format!("{prefix}/64")
        }
        _ => client.to_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_str(value).unwrap(),
            );
        }
        map
    }

    fn nets(list: &[&str]) -> Vec<IpNet> {
        list.iter().map(|net| net.parse().unwrap()).collect()
    }

    const XFF: ForwardedHeader = ForwardedHeader::XForwardedFor;
    const FORWARDED: ForwardedHeader = ForwardedHeader::Forwarded;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let sent = headers(&[("x-forwarded-for", "203.0.113.9")]);
        assert_eq!(
            client_of(ip("198.51.100.1"), &sent, &nets(&["10.0.0.0/8"]), XFF),
            ip("198.51.100.1")
        );
        assert_eq!(client_of(ip("10.0.0.2"), &sent, &[], XFF), ip("10.0.0.2"));
    }

    #[test]
    fn the_right_most_hop_that_is_not_a_trusted_proxy_is_the_client() {
        let trusted = nets(&["10.0.0.0/8", "192.168.1.0/24"]);
        let sent = headers(&[("x-forwarded-for", "6.6.6.6, 203.0.113.9, 192.168.1.4")]);
        assert_eq!(
            client_of(ip("10.1.2.3"), &sent, &trusted, XFF),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn forwarded_is_read_with_ports_quotes_and_ipv6_in_brackets() {
        let trusted = nets(&["10.0.0.0/8"]);
        let sent = headers(&[(
            "forwarded",
            "for=6.6.6.6, for=\"[2001:db8:cafe::17]:4711\";proto=https, for=10.0.0.5:80",
        )]);
        assert_eq!(
            client_of(ip("10.0.0.1"), &sent, &trusted, FORWARDED),
            ip("2001:db8:cafe::17")
        );
        let sent = headers(&[("forwarded", "proto=https;For=192.0.2.60:8080")]);
        assert_eq!(
            client_of(ip("10.0.0.1"), &sent, &trusted, FORWARDED),
            ip("192.0.2.60")
        );
    }

    #[test]
    fn only_the_configured_header_is_read() {
        let sent = headers(&[
            ("x-forwarded-for", "198.51.100.7"),
            ("forwarded", "for=192.0.2.60"),
        ]);
        let trusted = nets(&["127.0.0.1/32"]);
        let peer = ip("127.0.0.1");
        assert_eq!(client_of(peer, &sent, &trusted, XFF), ip("198.51.100.7"));
        assert_eq!(
            client_of(peer, &sent, &trusted, FORWARDED),
            ip("192.0.2.60")
        );
    }

    #[test]
    fn bytes_that_are_not_text_spoil_only_their_own_hop() {
        let mut sent = HeaderMap::new();
        sent.append(
            HeaderName::from_static("x-forwarded-for"),
            HeaderValue::from_bytes(b"\xff, 198.51.100.4").unwrap(),
        );
        assert_eq!(
            client_of(ip("10.0.0.1"), &sent, &nets(&["10.0.0.0/8"]), XFF),
            ip("198.51.100.4")
        );
    }

    #[test]
    fn a_hop_that_is_not_an_address_stops_at_the_proxy_that_wrote_it() {
        let trusted = nets(&["10.0.0.0/8"]);
        let sent = headers(&[("forwarded", "for=192.0.2.1, for=unknown, for=10.0.0.9")]);
        assert_eq!(
            client_of(ip("10.0.0.1"), &sent, &trusted, FORWARDED),
            ip("10.0.0.9")
        );
        let sent = headers(&[("forwarded", "for=_hidden")]);
        assert_eq!(
            client_of(ip("10.0.0.1"), &sent, &trusted, FORWARDED),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn ipv6_clients_are_throttled_by_their_64_and_mapped_ipv4_is_ipv4() {
        assert_eq!(throttle_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(throttle_key("2001:db8:1:2:ffff:1:2:3"), "2001:db8:1:2::/64");
        assert_eq!(throttle_key("192.0.2.1"), "192.0.2.1");
        let sent = headers(&[("x-forwarded-for", "::ffff:192.0.2.8")]);
        assert_eq!(
            client_of(ip("::1"), &sent, &nets(&["::1/128"]), XFF),
            ip("192.0.2.8")
        );
    }
}
