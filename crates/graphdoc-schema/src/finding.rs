//! The one finding type of graphdoc, and the entry every code has in the
//! registry.
//!
//! Every command (schema, lint, samples, drift, diff, code generation)
//! reports [`Finding`]s: a stable code (`GD0009`, `GL0007`, `GS0003`), a
//! severity, a position in a file relative to the docs root, a message and
//! notes. A finding also says what it is about ([`Finding::subject`]: a
//! type, a property, a JSON pointer) and what kind of problem it is
//! ([`Finding::key`]), so that [`Finding::identity`] recognises the same
//! finding after lines moved (baselines, pull-request mode).
//!
//! Each code is described by a [`Code`], written beside the code that emits
//! it; `graphdoc_lint::registry` gathers them into the one registry that
//! `explain` and the SARIF rules read.

use crate::{Severity, Source};
use serde::{Deserialize, Serialize};

/// One finding at a doc position.
///
/// The field order is the sort order: file, line, column, severity, code,
/// message.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Finding {
    /// Relative to the docs root, `/`-separated (the front-end's
    /// [`Source::file`]).
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 1-based column in characters, when the finding is about a place on
    /// the line rather than the whole line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// How much it matters; `--deny` compares against it.
    pub severity: Severity,
    /// Stable code: `GDxxxx` (reading the docs, generating code), `GLxxxx`
    /// (lint rules), `GSxxxx` (JSON samples).
    pub code: String,
    /// One sentence for a reader, naming the item unless `subject` does.
    pub message: String,
    /// Further lines shown under the message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The item the finding is about: `microsoft.graph.user`,
    /// `microsoft.graph.user/displayName`, a JSON pointer into an example
    /// (`#/value/0/status`)… Empty when the message names it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    /// What kind of problem, in words that do not change when the message
    /// is reworded or the lines move (a drift kind, `repeats-sentence`…).
    /// Empty: the message (without line numbers) is the key.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub key: String,
    /// Characters the caret underlines from `column`; 0 for none.
    #[serde(skip)]
    pub width: u32,
}

impl Finding {
    /// A finding at `source` (the front-end's constructor).
    pub fn new(
        source: &Source,
        severity: Severity,
        code: &str,
        message: impl Into<String>,
    ) -> Self {
        Finding::at_line(code, severity, &source.file, source.line, message)
    }

    /// A finding on line `line` of `file`.
    pub fn at_line(
        code: &str,
        severity: Severity,
        file: &str,
        line: u32,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            file: file.to_string(),
            line,
            column: None,
            severity,
            code: code.to_string(),
            message: message.into(),
            notes: Vec::new(),
            subject: String::new(),
            key: String::new(),
            width: 0,
        }
    }

    /// The finding points at `column` rather than the whole line.
    pub fn with_column(mut self, column: u32) -> Self {
        self.column = Some(column);
        self
    }

    /// The finding underlines `width` characters from `column`.
    pub fn span(mut self, column: u32, width: u32) -> Self {
        self.column = Some(column);
        self.width = width;
        self
    }

    /// Adds a line shown under the message (a hint, the other place involved).
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The item the finding is about (see [`Finding::subject`]).
    pub fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = subject.into();
        self
    }

    /// The kind of problem (see [`Finding::key`]).
    pub fn keyed(mut self, key: impl Into<String>) -> Self {
        self.key = key.into();
        self
    }

    /// What identifies this finding across edits of the docs: code, file,
    /// subject and key (or, without a key, the message with the numbers
    /// after `line ` and `:` blanked), never the line or column. Two
    /// findings of one identity are told apart by how many there are: a
    /// baseline holds each identity with its count.
    pub fn identity(&self) -> String {
        let key = if self.key.is_empty() {
            message_key(&self.message)
        } else {
            self.key.clone()
        };
        format!("{}|{}|{}|{}", self.code, self.file, self.subject, key)
    }
}

/// `message` with the digits of line references (`line 40`, `x.md:40`)
/// replaced by `#`.
fn message_key(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut blank = false;
    for c in message.chars() {
        if c.is_ascii_digit() && blank {
            continue;
        }
        blank = false;
        if c.is_ascii_digit() && (out.ends_with("line ") || out.ends_with(':')) {
            out.push('#');
            blank = true;
            continue;
        }
        out.push(c);
    }
    out
}

impl std::fmt::Display for Finding {
    /// `file:line[:column]: severity[code]: message`, one line (notes are
    /// the renderers' business), its file and message [`printable`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", printable(&self.file), self.line)?;
        if let Some(c) = self.column {
            write!(f, ":{c}")?;
        }
        write!(
            f,
            ": {}[{}]: {}",
            self.severity,
            self.code,
            printable(&self.message)
        )
    }
}

/// `text` (a file name, a message, a line of a page: what the docs tree
/// says) safe to print on a terminal or into a CI log. The tree may come
/// from a pull request: a file name with a line break would start a line
/// of its own (`::error …`, which GitHub Actions runs as a workflow
/// command), an escape sequence would restyle or rewrite the terminal, and
/// a bidirectional override would show other text than is there. Control
/// characters become their Unicode control pictures (`␊`, `␛`), other
/// invisible format characters `<U+202E>`; a tab stays a tab.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c != '\t' && (c.is_control() || is_invisible_format(c));
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push(c),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('\u{2421}'),
            c if unsafe_char(c) => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Characters that change how the text around them is shown without
/// showing themselves: bidirectional embeddings, overrides and isolates,
/// and the line and paragraph separators.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// A code's entry in the registry: what `explain CODE` prints and what the
/// SARIF rules list. Written beside the code that emits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code {
    /// `GD0009`, `GL0007`, `GS0003`: two letters and four digits.
    pub code: &'static str,
    /// Short kebab-case name (`duplicate-description`).
    pub name: &'static str,
    /// One line: what the finding says.
    pub summary: &'static str,
    /// The severity findings of this code have unless their emitter says
    /// otherwise.
    pub default_severity: Severity,
    /// Whether a lint rule runs by default (`--enable CODE` turns on one
    /// that does not); true for every other code.
    pub enabled: bool,
    /// The full explanation: what is found, why it matters, how to fix it.
    pub explain: &'static str,
    /// Former spellings of the code (`GL007` for `GL0007`), still accepted
    /// by `explain`, `--enable` and suppressions.
    pub aliases: &'static [&'static str],
}

impl Code {
    /// A finding of this code at its default severity.
    pub fn finding(&self, file: &str, line: u32, message: impl Into<String>) -> Finding {
        Finding::at_line(self.code, self.default_severity, file, line, message)
    }

    /// Whether `code` names this entry (its code or an alias, any case).
    pub fn is(&self, code: &str) -> bool {
        self.code.eq_ignore_ascii_case(code)
            || self.aliases.iter().any(|a| a.eq_ignore_ascii_case(code))
    }
}

/// Whether `code` is two ASCII capitals and four digits.
pub fn is_well_formed_code(code: &str) -> bool {
    code.len() == 6
        && code[..2].bytes().all(|b| b.is_ascii_uppercase())
        && code[2..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod printable_tests {
    use super::*;

    #[test]
    fn control_and_bidi_characters_are_shown_not_obeyed() {
        assert_eq!(
            printable("api-reference/a b.md\tx"),
            "api-reference/a b.md\tx"
        );
        assert!(matches!(printable("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(
            printable("x\n::error file=a::b.md"),
            "x␊::error file=a::b.md"
        );
        assert_eq!(printable("\u{1b}[31mred\r"), "␛[31mred␍");
        assert_eq!(printable("a\u{202e}b\u{7f}\u{85}"), "a<U+202E>b␡<U+0085>");
        let f = Finding::at_line(
            "GD0001",
            Severity::Warning,
            "x\n::error::y.md",
            1,
            "m\u{1b}",
        );
        assert_eq!(f.to_string(), "x␊::error::y.md:1: warning[GD0001]: m␛");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(line: u32, message: &str) -> Finding {
        Finding::at_line(
            "GL0007",
            Severity::Warning,
            "api-reference/v1.0/x.md",
            line,
            message,
        )
    }

    #[test]
    fn identity_ignores_lines_and_columns() {
        let a = finding(3, "`a` repeats `b` (line 40)").span(4, 2);
        let b = finding(9, "`a` repeats `b` (line 52)");
        assert_eq!(a.identity(), b.identity());
        assert_ne!(
            a.identity(),
            finding(3, "`c` repeats `b` (line 40)").identity()
        );
        assert_eq!(
            a.identity(),
            "GL0007|api-reference/v1.0/x.md||`a` repeats `b` (line #)"
        );
    }

    #[test]
    fn identity_prefers_subject_and_key_over_the_message() {
        let a = finding(3, "says Int32")
            .about("microsoft.graph.x/size")
            .keyed("type-differs");
        let b = finding(8, "says Int64")
            .about("microsoft.graph.x/size")
            .keyed("type-differs");
        assert_eq!(a.identity(), b.identity());
        let c = b.clone().about("microsoft.graph.x/count");
        assert_ne!(b.identity(), c.identity());
    }

    #[test]
    fn message_key_blanks_only_line_references() {
        assert_eq!(
            message_key("Int64 at x.md:120, line 7"),
            "Int64 at x.md:#, line #"
        );
    }

    #[test]
    fn display_is_one_line() {
        let f = finding(3, "m").with_column(5).note("n");
        assert_eq!(
            f.to_string(),
            "api-reference/v1.0/x.md:3:5: warning[GL0007]: m"
        );
    }

    #[test]
    fn serialized_without_empty_parts() {
        let json = serde_json::to_string(&finding(3, "m")).unwrap();
        assert_eq!(
            json,
            r#"{"file":"api-reference/v1.0/x.md","line":3,"severity":"warning","code":"GL0007","message":"m"}"#
        );
        let back: Finding = serde_json::from_str(&json).unwrap();
        assert_eq!(back, finding(3, "m"));
    }

    #[test]
    fn codes_have_two_letters_and_four_digits() {
        assert!(is_well_formed_code("GL0007"));
        assert!(!is_well_formed_code("GL007"));
        assert!(!is_well_formed_code("gl0007"));
    }
}
