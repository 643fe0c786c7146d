//! One linear pass over a page's bytes that checks it against [`Limits`]
//! before anything parses it: line length, table rows, block nesting, and
//! the size and depth of fenced JSON blocks.

use crate::tree::{codes, Limits};

/// The first limit the page exceeds: its line, code and message.
pub type Exceeded = (u32, &'static str, String);

pub fn check(bytes: &[u8], limits: &Limits) -> Result<(), Exceeded> {
    let mut fence: Option<Fence> = None;
    let mut table: Option<(u32, usize)> = None;
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if line.len() > limits.line_bytes {
            return Err((
                number,
                codes::LINE_TOO_LONG,
                format!(
                    "line is longer than the line length limit ({} bytes); page not read",
                    limits.line_bytes
                ),
            ));
        }
        let trimmed = line.trim_ascii_start();
        if let Some(open) = &mut fence {
            if trimmed.starts_with(open.marker) {
                fence = None;
            } else if open.json {
                open.line(line, number, limits)?;
            }
            continue;
        }
        if let Some(marker) = [&b"```"[..], b"~~~"]
            .into_iter()
            .find(|m| trimmed.starts_with(m))
        {
            let info = String::from_utf8_lossy(&trimmed[3..]).to_ascii_lowercase();
            fence = Some(Fence {
                marker,
                json: info.contains("json"),
                start: number,
                bytes: 0,
                depth: 0,
            });
            table = None;
            continue;
        }
        table = match (table, line.contains(&b'|')) {
            (_, false) => None,
            (None, true) => Some((number, 1)),
            (Some((start, rows)), true) if rows >= limits.table_rows => {
                return Err((
                    start,
                    codes::TABLE_TOO_LONG,
                    format!(
                        "table has more rows than the table row limit ({}); page not read",
                        limits.table_rows
                    ),
                ))
            }
            (Some((start, rows)), true) => Some((start, rows + 1)),
        };
        let depth = nesting(line);
        if depth > limits.nesting_depth {
            return Err((
                number,
                codes::NESTED_TOO_DEEP,
                format!(
                    "block quotes and lists nest deeper than the nesting limit ({}); page not read",
                    limits.nesting_depth
                ),
            ));
        }
    }
    Ok(())
}

struct Fence {
    marker: &'static [u8],
    json: bool,
    start: u32,
    bytes: usize,
    depth: usize,
}

impl Fence {
    /// Counts one line of a JSON block: its size and how deep its objects
    /// and arrays nest (brackets inside strings do not count).
    fn line(&mut self, line: &[u8], number: u32, limits: &Limits) -> Result<(), Exceeded> {
        self.bytes += line.len() + 1;
        if self.bytes > limits.json_bytes {
            return Err((
                self.start,
                codes::JSON_TOO_LARGE,
                format!(
                    "JSON example is larger than the JSON example size limit ({} bytes); page not read",
                    limits.json_bytes
                ),
            ));
        }
        let mut in_string = false;
        let mut escaped = false;
        for &b in line {
            match b {
                _ if escaped => escaped = false,
                b'\\' if in_string => escaped = true,
                b'"' => in_string = !in_string,
                b'{' | b'[' if !in_string => {
                    self.depth += 1;
                    if self.depth > limits.json_depth {
                        return Err((
                            number,
                            codes::JSON_TOO_DEEP,
                            format!(
                                "JSON example nests deeper than the JSON depth limit ({}); page not read",
                                limits.json_depth
                            ),
                        ));
                    }
                }
                b'}' | b']' if !in_string => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
        Ok(())
    }
}

/// Block quotes and list items a line is inside of, as far as the line
/// itself shows: its `>` and list markers, and its indentation (a nested
/// list item is indented by its parents' markers, two columns or more each).
fn nesting(line: &[u8]) -> usize {
    let mut depth = 0;
    let mut indent = 0;
    let mut i = 0;
    while i < line.len() {
        match line[i] {
            b' ' => indent += 1,
            b'\t' => indent += 4,
            b'>' => depth += 1,
            b'-' | b'*' | b'+' if matches!(line.get(i + 1), Some(b' ' | b'\t')) => depth += 1,
            b'0'..=b'9' => {
                let digits = line[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                let after = &line[i + digits..];
                if digits <= 9 && matches!(after, [b'.' | b')', b' ' | b'\t', ..]) {
                    depth += 1;
                    i += digits + 1;
                    continue;
                }
                break;
            }
            _ => break,
        }
        i += 1;
    }
    depth + indent / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Limits {
        Limits {
            page_bytes: 1000,
            line_bytes: 40,
            table_rows: 3,
            nesting_depth: 3,
            json_bytes: 30,
            json_depth: 2,
        }
    }

    fn code_of(text: &str) -> Option<(u32, &'static str)> {
        check(text.as_bytes(), &small())
            .err()
            .map(|(l, c, _)| (l, c))
    }

    #[test]
    fn each_limit_is_found_at_its_line() {
        assert_eq!(code_of("# t\n\n|a|b|\n|-|-|\n|1|2|\n"), None);
        assert_eq!(
            code_of("# t\n\n|a|b|\n|-|-|\n|1|2|\n|3|4|\n"),
            Some((3, codes::TABLE_TOO_LONG))
        );
        assert_eq!(
            code_of("ok\n> > > > deep\n"),
            Some((2, codes::NESTED_TOO_DEEP))
        );
        assert_eq!(
            code_of("- a\n  - b\n    - c\n      - d\n        - e\n"),
            Some((4, codes::NESTED_TOO_DEEP))
        );
        assert_eq!(
            code_of(&format!("a\n{}\n", "x".repeat(41))),
            Some((2, codes::LINE_TOO_LONG))
        );
        assert_eq!(code_of("```json\n[[1]]\n```\n"), None);
        assert_eq!(
            code_of("```json\n[[[1]]]\n```\n"),
            Some((2, codes::JSON_TOO_DEEP))
        );
        assert_eq!(code_of("```json\n\"[[[[\"\n```\n"), None);
        assert_eq!(
            code_of("x\n```json\n[1,2,3,4,5,6,7,8,9,\n1,2,3,4,5,6,7,8,9]\n```\n"),
            Some((2, codes::JSON_TOO_LARGE))
        );
        // Inside a fence, pipes and markers are code, not tables or lists.
        assert_eq!(code_of("```\n|a|\n|b|\n|c|\n|d|\n> > > >\n```\n"), None);
    }
}
