//! HTTP in API pages: request lines, examples, response headers and bodies.

use graphdoc_schema::{Example, ExampleKind, Source};
use serde_json::Value;

const METHODS: [&str; 5] = ["GET", "POST", "PATCH", "PUT", "DELETE"];

/// The path of the `Location` header of an HTTP response block, without
/// scheme, host and version (`/communications/calls/{id}/operations/{id}`).
pub(super) fn location_header(block: &str) -> Option<&str> {
    let mut lines = block.trim_start().lines();
    lines
        .next()
        .filter(|l| l.trim_start().starts_with("HTTP/"))?;
    let value = lines.take_while(|l| !l.trim().is_empty()).find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.trim()
            .eq_ignore_ascii_case("location")
            .then(|| value.trim())
    })?;
    let path = match value.find("://") {
        Some(i) => {
            let after = &value[i + 3..];
            &after[after.find('/')?..]
        }
        None => value,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let rest = path.trim_start_matches('/');
    let first = rest.split('/').next().unwrap_or("");
    // A version segment (`v1.0`, `beta`, `localtest`, `v2`) is not a path step.
    let is_version = first == "beta"
        || first == "localtest"
        || first.starts_with('v') && first[1..].starts_with(|c: char| c.is_ascii_digit());
    Some(if is_version {
        &rest[first.len()..]
    } else {
        path
    })
}

/// The `@odata.type` values of the object a response body returns, or of
/// the objects of its `value` array; nested objects are other properties'
/// values and do not count. A scan rather than a JSON parse, because
/// example bodies are often cut short with `...`.
pub(super) fn returned_odata_types(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !body.contains("@odata.type") {
        return out;
    }
    let bytes = body.as_bytes();
    // Open brackets, and whether each `[` is the value of `value`.
    let mut stack: Vec<(u8, bool)> = Vec::new();
    let mut last_key = "";
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let text = body.get(start..j.min(bytes.len())).unwrap_or("");
                let mut k = j + 1;
                while k < bytes.len() && bytes[k].is_ascii_whitespace() {
                    k += 1;
                }
                let is_key = bytes.get(k) == Some(&b':');
                let returned = matches!(
                    stack.as_slice(),
                    [(b'{', _)] | [(b'{', _), (b'[', true), (b'{', _)]
                );
                if is_key {
                    last_key = text;
                } else if returned && last_key == "@odata.type" {
                    out.push(text.to_string());
                }
                i = j + 1;
                continue;
            }
            b'{' => stack.push((b'{', false)),
            b'[' => stack.push((b'[', last_key == "value" && stack.len() == 1)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => last_key = "",
            _ => {}
        }
        i += 1;
    }
    out
}

/// A `METHOD path` line of an HTTP request block.
#[derive(Debug, PartialEq)]
pub(super) enum RequestLine {
    Path(String, String),
    /// Not a readable path (`GET /users/{user-id} | user-principal-name/chats`,
    /// `DELETE ** Entity URI … not found`): the line as written and why. The
    /// path is not read, since what it addresses is unclear.
    Garbled(String, String, &'static str),
}

/// `GET /users/{id | userPrincipalName}/joinedTeams HTTP/1.1` → (`GET`,
/// `/users/{id|userPrincipalName}/joinedTeams`): a key placeholder may hold
/// spaces, which are not part of the path, and so may a function's
/// parameters or a query.
pub(super) fn request_line(line: &str) -> Option<RequestLine> {
    let line = line.trim();
    let (m, rest) = line.split_once(char::is_whitespace)?;
    let m = m.to_ascii_uppercase();
    if !METHODS.contains(&m.as_str()) {
        return None;
    }
    let rest = rest.trim();
    let rest = match rest.rsplit_once(char::is_whitespace) {
        Some((before, version)) if version.starts_with("HTTP/") => before.trim_end(),
        _ => rest,
    };
    let mut path = String::new();
    let mut depth = 0usize;
    let mut chars = rest.chars();
    for c in chars.by_ref() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth = depth.saturating_sub(1),
            '?' if depth == 0 => {
                path.push(c);
                path.extend(chars.by_ref());
                break;
            }
            c if c.is_whitespace() => {
                if depth == 0 {
                    break;
                }
                continue;
            }
            _ => {}
        }
        path.push(c);
    }
    let garbled = |why| Some(RequestLine::Garbled(m.clone(), rest.to_string(), why));
    if depth > 0 {
        return garbled("a `{` or `(` in it is not closed");
    }
    if !chars.as_str().trim().is_empty() {
        return garbled("text follows the path that is neither a query nor `HTTP/1.1`");
    }
    // `~/onPremisesPublishingProfiles/…`: `~` stands for the service root.
    let path = path.strip_prefix('~').unwrap_or(&path);
    if !path.starts_with(|c: char| c == '/' || c.is_ascii_alphabetic()) {
        return garbled("a path starts with `/` or the service URL");
    }
    Some(RequestLine::Path(m, strip_host(path).to_string()))
}

/// `https://graph.microsoft.com/v1.0/me` → `/me`; `localtest` is beta's test host path.
fn strip_host(p: &str) -> &str {
    let p = p.strip_prefix("https://graph.microsoft.com").unwrap_or(p);
    for v in ["/v1.0/", "/beta/", "/localtest/"] {
        if let Some(rest) = p.strip_prefix(v) {
            return &p[p.len() - rest.len() - 1..];
        }
    }
    p
}

pub(super) fn http_example(
    kind: ExampleKind,
    annotation: Value,
    text: &str,
    line: u32,
    file: &str,
) -> Example {
    let trimmed = text.trim_start_matches('\n');
    let skipped = (text.len() - trimmed.len()) as u32;
    let first = trimmed.lines().next().unwrap_or("").trim();
    let looks_http = first.starts_with("HTTP/") || METHODS.iter().any(|m| first.starts_with(m));
    if !looks_http {
        return Example {
            kind,
            annotation,
            start_line: String::new(),
            body: text.to_string(),
            source: Source::new(file, line),
        };
    }
    // Headers run to the first blank line; the body follows.
    let mut body_line = line + skipped;
    let mut offset = 0;
    let mut seen_blank = false;
    for l in trimmed.split_inclusive('\n') {
        offset += l.len();
        body_line += 1;
        if l.trim().is_empty() {
            seen_blank = true;
            break;
        }
    }
    let body = if seen_blank {
        trimmed[offset..].to_string()
    } else {
        String::new()
    };
    let lead = body.len() - body.trim_start_matches('\n').len();
    Example {
        kind,
        annotation,
        start_line: first.to_string(),
        body: body.trim_start_matches('\n').to_string(),
        source: Source::new(file, body_line + lead as u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_hosts() {
        assert_eq!(
            strip_host("https://graph.microsoft.com/localtest/deviceAppManagement/vppTokens/{id}"),
            "/deviceAppManagement/vppTokens/{id}"
        );
        assert_eq!(strip_host("/me"), "/me");
    }

    #[test]
    fn reads_request_lines() {
        let read = |l: &str| match request_line(l) {
            Some(RequestLine::Path(m, p)) => Some(format!("{m} {p}")),
            Some(RequestLine::Garbled(m, rest, _)) => Some(format!("garbled {m}: {rest}")),
            None => None,
        };
        assert_eq!(
            read("GET /users/{id | userPrincipalName}/joinedTeams HTTP/1.1").as_deref(),
            Some("GET /users/{id|userPrincipalName}/joinedTeams")
        );
        assert_eq!(
            read("patch https://graph.microsoft.com/v1.0/me").as_deref(),
            Some("PATCH /me")
        );
        assert_eq!(
            read("GET /me/events?$filter=subject eq 'a b' HTTP/1.1").as_deref(),
            Some("GET /me/events?$filter=subject eq 'a b'")
        );
        assert_eq!(
            read("GET /users/{user-id} | user-principal-name/chats").as_deref(),
            Some("garbled GET: /users/{user-id} | user-principal-name/chats")
        );
        assert_eq!(
            read("DELETE ** Entity URI not found").as_deref(),
            Some("garbled DELETE: ** Entity URI not found")
        );
        assert_eq!(
            read("GET /users/{id extra").as_deref(),
            Some("garbled GET: /users/{id extra")
        );
        assert_eq!(
            read("GET ~/onPremisesPublishingProfiles/{publishingType}/agentGroups").as_deref(),
            Some("GET /onPremisesPublishingProfiles/{publishingType}/agentGroups")
        );
        assert_eq!(read("or"), None);
        assert_eq!(read("GET"), None);
        assert_eq!(read("Content-type: application/json"), None);
    }
}
