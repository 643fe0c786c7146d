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

/// A request URL's segments after the service root and version
/// (`https://graph.microsoft.com/v1.0/me/events?$top=1` → `me`, `events`;
/// the docs also write the version `v1`).
pub fn url_segments(url: &str) -> Vec<String> {
    let url = url.split('?').next().unwrap_or(url);
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let mut segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if segments
        .first()
        .is_some_and(|s| s == "v1.0" || s == "v1" || s == "beta")
    {
        segments.remove(0);
    }
    segments
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
