/// The identity of a path template for matching operations across schemas.
///
/// * a leading `https://host` and `/v1.0` or `/beta` segment are dropped;
/// * the query string is dropped (`?$select=…` does not make another
///   operation);
/// * every `{placeholder}` becomes `{}`, so `{user-id}`, `{id}` and
///   `{id | userPrincipalName}` match;
/// * repeated and trailing `/` are dropped, and a leading `/` is ensured;
/// * letters are lowercased, since Graph matches URL segments without
///   regard to case and the docs spell them both ways.
///
/// ```
/// use graphdoc_diff::normalize_path;
/// assert_eq!(
///     normalize_path("https://graph.microsoft.com/beta/users/{user-id}/messages?$top=5"),
///     normalize_path("/users/{id}/Messages/"),
/// );
/// ```
pub fn normalize_path(path: &str) -> String {
    let mut rest = path.trim();
    for scheme in ["https://", "http://"] {
        if let Some(after) = rest.strip_prefix(scheme) {
            rest = after.find('/').map_or("", |i| &after[i..]);
        }
    }
    if let Some(i) = rest.find('?') {
        rest = &rest[..i];
    }
    for version in ["/v1.0", "/beta"] {
        if let Some(after) = rest.strip_prefix(version) {
            if after.is_empty() || after.starts_with('/') {
                rest = after;
            }
        }
    }

    let mut out = String::with_capacity(rest.len() + 1);
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if rest_has_closing_brace(chars.clone()) => {
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                }
                out.push_str("{}");
            }
            '/' => {
                if !out.ends_with('/') {
                    out.push('/');
                }
            }
            c if c.is_whitespace() => {}
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    while out.len() > 1 && out.ends_with('/') {
        out.pop();
    }
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    out
}

fn rest_has_closing_brace(mut chars: impl Iterator<Item = char>) -> bool {
    chars.any(|c| c == '}')
}

#[cfg(test)]
mod tests {
    use super::normalize_path;

    #[test]
    fn placeholder_names_do_not_matter() {
        assert_eq!(normalize_path("/users/{user-id}"), "/users/{}");
        assert_eq!(normalize_path("/users/{id}"), "/users/{}");
        assert_eq!(
            normalize_path("/users/{id | userPrincipalName}"),
            "/users/{}"
        );
        assert_eq!(
            normalize_path("/deviceAppManagement/vppTokens('{vppTokenId}')"),
            "/deviceappmanagement/vpptokens('{}')"
        );
    }

    #[test]
    fn host_version_query_and_slashes_are_dropped() {
        assert_eq!(
            normalize_path("  https://graph.microsoft.com/v1.0/me//events/?$top=1 "),
            "/me/events"
        );
        assert_eq!(normalize_path("/beta/me"), "/me");
        assert_eq!(normalize_path("/betaTesters"), "/betatesters");
        assert_eq!(normalize_path("me/events"), "/me/events");
        assert_eq!(normalize_path(""), "/");
        assert_eq!(normalize_path("https://graph.microsoft.com"), "/");
    }

    #[test]
    fn different_operations_stay_different() {
        assert_ne!(
            normalize_path("/users/{id}"),
            normalize_path("/users/{id}/manager")
        );
        assert_ne!(normalize_path("/users/{id}"), normalize_path("/users"));
    }

    #[test]
    fn unbalanced_brace_is_kept() {
        assert_eq!(normalize_path("/users/{id"), "/users/{id");
    }
}
