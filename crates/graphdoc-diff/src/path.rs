/// The identity of a path template for matching operations across schemas.
///
/// * a leading `https://host` and `/v1.0` or `/beta` segment are dropped;
/// * the query string is dropped (`?$select=…` does not make another
///   operation);
/// * every `{placeholder}` becomes `{}`, so `{user-id}`, `{id}` and
///   `{id | userPrincipalName}` match; so does a literal GUID, which some
///   pages write where the template has a key;
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
    if out.len() >= GUID_LEN && out.contains('-') {
        out = replace_guids(&out);
    }
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    out
}

const GUID_LEN: usize = 36;

/// Replaces each `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (hex) with `{}`.
fn replace_guids(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = String::with_capacity(path.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes.len() - i >= GUID_LEN && is_guid(&bytes[i..i + GUID_LEN]) {
            out.push_str("{}");
            i += GUID_LEN;
        } else {
            // Copy one whole character (paths may hold non-ASCII text).
            let len = path[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&path[i..i + len]);
            i += len;
        }
    }
    out
}

fn is_guid(b: &[u8]) -> bool {
    b.iter().enumerate().all(|(i, c)| match i {
        8 | 13 | 18 | 23 => *c == b'-',
        _ => c.is_ascii_hexdigit(),
    })
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
    fn literal_guids_are_keys() {
        assert_eq!(
            normalize_path("/education/classes/acdefc6b-2dc6-4e71-b1e9-6d9810ab1793/assignments"),
            normalize_path("/education/classes/{id}/assignments")
        );
        assert_eq!(
            normalize_path("/groups('02bd9fd6-8f93-4758-87c3-1fb73740a315')/members/é"),
            "/groups('{}')/members/é"
        );
        // Not a GUID: wrong length or a non-hex digit.
        assert_eq!(
            normalize_path("/a/acdefc6b-2dc6-4e71-b1e9-6d9810ab179"),
            "/a/acdefc6b-2dc6-4e71-b1e9-6d9810ab179"
        );
        assert_eq!(
            normalize_path("/a/zcdefc6b-2dc6-4e71-b1e9-6d9810ab1793"),
            "/a/zcdefc6b-2dc6-4e71-b1e9-6d9810ab1793"
        );
    }

    #[test]
    fn unbalanced_brace_is_kept() {
        assert_eq!(normalize_path("/users/{id"), "/users/{id");
    }
}
