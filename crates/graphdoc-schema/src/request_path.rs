//! An operation's path templates and the URLs of its examples, segment by
//! segment: what the front-end's per-path split and model-check's dispatch
//! of examples to operations both match.

/// Whether a template segment is a placeholder (`{user-id}`).
pub fn is_key(segment: &str) -> bool {
    segment.starts_with('{') && segment.ends_with('}')
}

/// A path template's segments, without its query.
pub fn template_segments(path: &str) -> Vec<&str> {
    let path = path.split('?').next().unwrap_or(path);
    path.split('/').filter(|s| !s.is_empty()).collect()
}

/// The method and URL of an HTTP request line (`GET https://graph.microsoft.com/v1.0/me HTTP/1.1`
/// → `GET`, `https://graph.microsoft.com/v1.0/me`); empty where the line
/// has none.
pub fn request_line(line: &str) -> (&str, &str) {
    let mut words = line.split_whitespace();
    let method = words.next().unwrap_or("");
    (method, words.next().unwrap_or(""))
}

/// The versions a request URL's path may start with: the docs also write
/// v1.0 as `v1`, and call a page's paths under the other version's root.
const VERSION_SEGMENTS: [&str; 3] = ["v1.0", "v1", "beta"];

/// A request URL's path and query below the service root and version
/// (`https://graph.microsoft.com/v1.0/me/events?$top=1` → `/me/events?$top=1`;
/// `/beta/users` → `/users`; `/me` as it is).
pub fn below_version(url: &str) -> &str {
    let rest = match url.split_once("://") {
        Some((_, rest)) => rest.find(['/', '?']).map_or("", |i| &rest[i..]),
        None => url,
    };
    let unrooted = rest.strip_prefix('/').unwrap_or(rest);
    VERSION_SEGMENTS
        .iter()
        .find_map(|v| {
            unrooted
                .strip_prefix(v)
                .filter(|r| r.is_empty() || r.starts_with(['/', '?']))
        })
        .unwrap_or(rest)
}

/// A request URL's segments after the service root and version
/// (`https://graph.microsoft.com/v1.0/me/events?$top=1` → `me`, `events`;
/// see [`below_version`]).
pub fn url_segments(url: &str) -> Vec<String> {
    let path = below_version(url);
    let path = path.split('?').next().unwrap_or(path);
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether a URL's segments are an instance of a template's: placeholders
/// match any segment, other segments match without regard to case.
pub fn matches(template: &[&str], url: &[String]) -> bool {
    template.len() == url.len()
        && template
            .iter()
            .zip(url)
            .all(|(t, u)| is_key(t) || t.eq_ignore_ascii_case(u))
}

/// Whether a request to `url` calls the template: [`matches()`], or `/me`
/// (the signed-in user) where the template says `/users/{id}`, as a page
/// documents one and its example calls the other.
pub fn calls(template: &[&str], url: &[String]) -> bool {
    let me_as_user = template.len() >= 2
        && template[0].eq_ignore_ascii_case("users")
        && is_key(template[1])
        && url.first().is_some_and(|s| s.eq_ignore_ascii_case("me"))
        && matches(&template[2..], &url[1..]);
    me_as_user || matches(template, url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_the_service_root_version_and_query() {
        assert_eq!(
            url_segments("https://graph.microsoft.com/v1.0/me/events?$top=1"),
            ["me", "events"]
        );
        assert_eq!(url_segments("/beta/users/u1"), ["users", "u1"]);
        assert_eq!(url_segments("/me/events"), ["me", "events"]);
    }

    #[test]
    fn a_request_line_gives_its_method_and_url_and_a_url_its_path_below_the_version() {
        assert_eq!(
            request_line("GET https://graph.microsoft.com/v1.0/me?$select=id HTTP/1.1"),
            ("GET", "https://graph.microsoft.com/v1.0/me?$select=id")
        );
        assert_eq!(request_line("  POST   /me/events "), ("POST", "/me/events"));
        assert_eq!(request_line(""), ("", ""));
        for (url, below) in [
            (
                "https://graph.microsoft.com/v1.0/me?$select=id",
                "/me?$select=id",
            ),
            ("https://graph.microsoft.com/v1/me", "/me"),
            ("https://graph.microsoft.com/beta", ""),
            ("https://graph.microsoft.com/beta?$top=1", "?$top=1"),
            ("/beta/users/u1", "/users/u1"),
            ("v1.0/users", "/users"),
            ("/betas/x", "/betas/x"),
            ("/me/events", "/me/events"),
            ("https://graph.microsoft.com", ""),
        ] {
            assert_eq!(below_version(url), below, "{url}");
        }
    }

    #[test]
    fn placeholders_match_any_segment_and_names_any_case() {
        let template = template_segments("/users/{user-id}/Events?$select=x");
        assert_eq!(template, ["users", "{user-id}", "Events"]);
        assert!(matches(&template, &url_segments("/users/u1/events")));
        assert!(!matches(&template, &url_segments("/users/u1")));
        assert!(!matches(&template, &url_segments("/groups/g1/events")));
        assert!(!matches(&template, &url_segments("/me/events")));
        assert!(calls(&template, &url_segments("/me/events")));
        assert!(!calls(&template, &url_segments("/me/u1/events")));
        assert_eq!(url_segments("https://graph.microsoft.com/v1/me"), ["me"]);
    }
}
