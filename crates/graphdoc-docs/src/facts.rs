//! Facts stated in a property description: read-only, nullability,
//! "Possible values are: …", supported query options, required on create.

/// What a property's description states about it, read once per row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// "Read-only." (the service sets the value).
    pub read_only: bool,
    /// `Some(false)` for "not nullable", `Some(true)` for "nullable", `None` when it says neither.
    pub nullable: Option<bool>,
    /// The values of "Possible values are: …", in the order written.
    pub possible_values: Vec<String>,
    /// How many "Possible values" sentences the description has (the seeds
    /// repeat it: a lint finding).
    pub possible_values_sentences: usize,
    /// Query options the description says the property supports (`$filter`…), lowercased.
    pub query_options: Vec<String>,
    /// The description says the property is required when the object is created.
    pub required_on_create: bool,
}

/// Whether a description says the property is read-only ("Read-only.",
/// "read only", "readonly"), in any case: how [`Facts::read_only`] is read,
/// and how the generated docs know not to say it a second time.
pub fn says_read_only(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    lower.contains("read-only") || lower.contains("read only") || lower.contains("readonly")
}

/// `description` is the plain text of the cell (see `cells::plain`), but
/// `raw` keeps the code marks that delimit possible values.
pub fn facts(description: &str) -> Facts {
    let lower = description.to_ascii_lowercase();
    let mut f = Facts {
        read_only: says_read_only(&lower),
        ..Facts::default()
    };
    // Each phrase search below first checks a word every phrase holds:
    // most descriptions hold none, and this runs for every property row.
    if lower.contains("null")
        && [
            "not nullable",
            "non-nullable",
            "not null.",
            "cannot be null",
            "non nullable",
            "isn't nullable",
            "is not nullable",
        ]
        .iter()
        .any(|p| lower.contains(p))
    {
        f.nullable = Some(false);
    } else if lower.contains("nullable") {
        f.nullable = Some(true);
    }
    let (values, sentences) = possible_values_in(description, &lower);
    f.possible_values = values;
    f.possible_values_sentences = sentences;
    f.query_options = query_options(description);
    f.required_on_create = lower.contains("required")
        && sentences_of(description).any(|s| {
            let s = s.trim_start().to_ascii_lowercase();
            s.starts_with("required") && !s.starts_with("required if")
                || s.contains("required when creating")
                || s.contains("required on create")
        });
    f
}

fn sentences_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(". ")
}

/// The values of the first "Possible values are: …" sentence, and how many
/// such sentences there are.
pub fn possible_values(description: &str) -> (Vec<String>, usize) {
    possible_values_in(description, &description.to_ascii_lowercase())
}

/// `possible_values` with the description's lowercase already at hand.
fn possible_values_in(description: &str, lower: &str) -> (Vec<String>, usize) {
    if !lower.contains("values") {
        return (Vec::new(), 0);
    }
    const MARKERS: [&str; 6] = [
        "possible values are:",
        "possible values are",
        "the possible values are:",
        "possible values:",
        "supported values are:",
        "valid values are:",
    ];
    // Every marker holds "values": the matches are found around its
    // occurrences, then taken in text order without overlaps (the shortest
    // marker first where two start at one place).
    let mut matches: Vec<(usize, usize)> = Vec::new();
    for (v, _) in lower.match_indices("values") {
        for marker in MARKERS {
            let Some(at) = marker.find("values").and_then(|k| v.checked_sub(k)) else {
                continue;
            };
            // Bytes: `at` may fall inside a character before the marker;
            // an ASCII marker that matches there starts on a boundary.
            if lower.as_bytes()[at..].starts_with(marker.as_bytes()) {
                matches.push((at, marker.len()));
            }
        }
    }
    matches.sort_unstable();
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut from = 0;
    for (at, len) in matches {
        if at >= from {
            starts.push((at, len));
            from = at + len;
        }
    }
    let Some(&(at, len)) = starts.first() else {
        return (Vec::new(), 0);
    };
    let rest = description[at + len..].trim_start_matches([':', ' ']);
    let end = sentence_end(rest);
    let list = &rest[..end];
    let values = list
        .split([',', ';'])
        .flat_map(|v| v.split(" or ").flat_map(|w| w.split(" and ")))
        .map(|v| {
            v.trim()
                .trim_matches(|c: char| c == '`' || c == '"' || c == '\'' || c == '*' || c == '.')
                .trim()
        })
        .map(|v| {
            v.strip_prefix("and ")
                .or_else(|| v.strip_prefix("or "))
                .unwrap_or(v)
                .trim()
        })
        .filter(|v| !v.is_empty() && is_member_like(v))
        .map(str::to_string)
        .collect();
    (values, starts.len())
}

fn is_member_like(v: &str) -> bool {
    v.chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// End of the sentence that holds a values list: a period followed by a
/// space and a capital letter, or the end of text. Values never hold
/// sentence punctuation, so a period followed by space ends the list.
fn sentence_end(s: &str) -> usize {
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'.' && (i + 1 == bytes.len() || bytes[i + 1] == b' ') {
            return i;
        }
    }
    s.len()
}

/// `$filter`, `$orderBy`… mentioned in a description, lowercased, sorted.
pub fn query_options(description: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, _) in description.match_indices('$') {
        let word: String = description[i + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let word = word.to_ascii_lowercase();
        if matches!(
            word.as_str(),
            "filter" | "orderby" | "select" | "expand" | "search" | "count" | "top" | "skip"
        ) {
            let option = format!("${word}");
            if !out.contains(&option) {
                out.push(option);
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_facts() {
        let f =
            facts("The id. Read-only. Not nullable. Supports $filter (eq) and $orderBy. Required.");
        assert!(f.read_only);
        assert_eq!(f.nullable, Some(false));
        assert_eq!(f.query_options, vec!["$filter", "$orderby"]);
        assert!(f.required_on_create);
        assert_eq!(facts("Nullable.").nullable, Some(true));
        assert_eq!(facts("Something.").nullable, None);
    }

    #[test]
    fn possible_values_and_repeats() {
        let (v, n) = possible_values("State. Possible values are: unknown, valid, expired. Possible values are: unknown, valid, expired, x.");
        assert_eq!(v, vec!["unknown", "valid", "expired"]);
        assert_eq!(n, 2);
        let (v, _) = possible_values("Possible values are: `business`, `education`.");
        assert_eq!(v, vec!["business", "education"]);
        let (v, _) = possible_values("The possible values are: a, b, or c");
        assert_eq!(v, vec!["a", "b", "c"]);
        // A marker's start counted back from "values" may fall inside a
        // character (found by fuzzing).
        let (v, _) =
            possible_values("Type of conversa   \u{fffd}. Possible values are: team, chat.");
        assert_eq!(v, vec!["team", "chat"]);
        let (v, _) = possible_values("\u{fffd}\u{fffd}values are: x");
        assert!(v.is_empty());
    }
}
