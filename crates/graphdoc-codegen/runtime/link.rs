//! The one check of a link the service gave (`@odata.nextLink`,
//! `@odata.deltaLink`) against the service root: the request built for it
//! ([`Request::follow`](super::Request::follow)), the [`Pager`](super::Pager)
//! and the client all ask here, so a link to another origin is refused in
//! one way everywhere.
//!
//! Why it matters: whoever sends a request adds credentials for the service
//! (`Authorization: Bearer …`). A response names its links, so a link to
//! another host, followed as it is, would hand that host the token.

use super::error::{Error, ErrorKind};

/// The origin of an absolute `http`/`https` URL (`https://graph.microsoft.com`:
/// scheme, host and port, as written), or `None` when `url` is not one.
///
/// The origin ends at the first `/`, `?` or `#`: anything else up to there
/// (`user@`, a `\`) stays part of it, so such a link never equals a plain
/// service root's origin and is refused rather than read the way one
/// parser or another might.
pub(crate) fn origin(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")?;
    let scheme = &url[..scheme_end];
    if !(scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")) {
        return None;
    }
    let authority = scheme_end + 3;
    let end = url[authority..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| authority + i);
    (end > authority).then(|| &url[..end])
}

/// The part of `link` after its origin (`/v1.0/users?$skiptoken=X`) when
/// `link` is an absolute URL at the origin of `service_root` (compared
/// without case, as schemes and host names are).
pub(crate) fn below_origin<'a>(service_root: &str, link: &'a str) -> Option<&'a str> {
    let root = origin(service_root)?;
    let own = origin(link)?;
    own.eq_ignore_ascii_case(root).then(|| &link[own.len()..])
}

/// Whether `link` is an absolute URL at the origin of `service_root`.
pub fn same_origin(service_root: &str, link: &str) -> bool {
    below_origin(service_root, link).is_some()
}

/// The error for a link that is not followed: another origin than the
/// service root's, or not an absolute URL at all.
pub(crate) fn refused(service_root: &str, link: &str) -> Error {
    let message = match (origin(link), origin(service_root)) {
        (None, _) => return not_absolute(link),
        (Some(_), Some(root)) => format!(
            "the link `{link}` leaves {root}; it is not followed (the service's credentials \
             would go with it)"
        ),
        (Some(_), None) => format!(
            "the link `{link}` cannot be checked against the service root `{service_root}`, \
             which is not an absolute http(s) URL; it is not followed"
        ),
    };
    Error::with_kind(ErrorKind::ForeignLink, message)
}

/// The error for a link that is not an absolute `http(s)` URL: where it
/// would go depends on how it is joined to a base, so it is not followed.
pub(crate) fn not_absolute(link: &str) -> Error {
    Error::with_kind(
        ErrorKind::ForeignLink,
        format!("the link `{link}` is not an absolute http(s) URL; it is not followed"),
    )
}
