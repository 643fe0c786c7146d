//! One translation-drift finding: where in the localised page, what, and
//! the English line it departs from.

use graphdoc_schema::Severity;
use serde::Serialize;

/// The kinds of drift, each with a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// An English page the localised tree lacks.
    PageMissing,
    /// A localised page with no English page at its path.
    PageExtra,
    /// An English section (by heading slug) the translation lacks.
    SectionMissing,
    /// A translated section the English page does not have.
    SectionExtra,
    /// An English table row the translation lacks.
    RowMissing,
    /// A translated table row the English table does not have.
    RowExtra,
    /// A property, member or parameter name translated.
    IdentifierTranslated,
    /// A row left with its description only, name and type cells gone.
    NameAndTypeLost,
    /// A Type cell translated.
    TypeTranslated,
    /// A Type cell naming another type than the English row.
    TypeChanged,
    /// A JSON example's key translated or replaced.
    JsonKeyTranslated,
    /// A JSON example that differs from the English one beyond string values.
    JsonDiffers,
    /// A request path with a parameter or segment translated.
    PathParameterTranslated,
    /// A code block that differs from the English one.
    CodeTranslated,
    /// An English code block the translated section lacks.
    CodeBlockMissing,
    /// A translated code block the English section does not have.
    CodeBlockExtra,
    /// The English page changed after the translation was handed off.
    Stale,
    /// A copied description, carried over from the English page.
    CopiedDescription,
    /// Possible values stated twice: carried over from the English page
    /// (a note), or doubled by the translation.
    RepeatedPossibleValues,
}

impl Kind {
    /// Every kind, in code order.
    pub const ALL: [Kind; 19] = [
        Kind::PageMissing,
        Kind::PageExtra,
        Kind::SectionMissing,
        Kind::SectionExtra,
        Kind::RowMissing,
        Kind::RowExtra,
        Kind::IdentifierTranslated,
        Kind::NameAndTypeLost,
        Kind::TypeTranslated,
        Kind::TypeChanged,
        Kind::JsonKeyTranslated,
        Kind::JsonDiffers,
        Kind::PathParameterTranslated,
        Kind::CodeTranslated,
        Kind::CodeBlockMissing,
        Kind::CodeBlockExtra,
        Kind::Stale,
        Kind::CopiedDescription,
        Kind::RepeatedPossibleValues,
    ];

    /// The stable code (`GT0001`…), which suppressions and `explain` use.
    pub fn code(self) -> &'static str {
        match self {
            Kind::PageMissing => "GT0001",
            Kind::PageExtra => "GT0002",
            Kind::SectionMissing => "GT0003",
            Kind::SectionExtra => "GT0004",
            Kind::RowMissing => "GT0005",
            Kind::RowExtra => "GT0006",
            Kind::IdentifierTranslated => "GT0007",
            Kind::NameAndTypeLost => "GT0008",
            Kind::TypeTranslated => "GT0009",
            Kind::TypeChanged => "GT0010",
            Kind::JsonKeyTranslated => "GT0011",
            Kind::JsonDiffers => "GT0012",
            Kind::PathParameterTranslated => "GT0013",
            Kind::CodeTranslated => "GT0014",
            Kind::CodeBlockMissing => "GT0015",
            Kind::CodeBlockExtra => "GT0016",
            Kind::Stale => "GT0017",
            Kind::CopiedDescription => "GT0018",
            Kind::RepeatedPossibleValues => "GT0019",
        }
    }

    /// The kind in words (`row-missing`), as JSON spells it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::PageMissing => "page-missing",
            Kind::PageExtra => "page-extra",
            Kind::SectionMissing => "section-missing",
            Kind::SectionExtra => "section-extra",
            Kind::RowMissing => "row-missing",
            Kind::RowExtra => "row-extra",
            Kind::IdentifierTranslated => "identifier-translated",
            Kind::NameAndTypeLost => "name-and-type-lost",
            Kind::TypeTranslated => "type-translated",
            Kind::TypeChanged => "type-changed",
            Kind::JsonKeyTranslated => "json-key-translated",
            Kind::JsonDiffers => "json-differs",
            Kind::PathParameterTranslated => "path-parameter-translated",
            Kind::CodeTranslated => "code-translated",
            Kind::CodeBlockMissing => "code-block-missing",
            Kind::CodeBlockExtra => "code-block-extra",
            Kind::Stale => "stale",
            Kind::CopiedDescription => "copied-description",
            Kind::RepeatedPossibleValues => "repeated-possible-values",
        }
    }

    /// The text of `--explain GT0xx`.
    pub fn explanation(self) -> &'static str {
        match self {
            Kind::PageMissing => "The English tree has a page the localised tree lacks (pages are aligned by path). Readers of the language do not see it. Fix: translate the page.",
            Kind::PageExtra => "The localised tree has a page the English tree lacks: the English page was removed or renamed since the translation. Fix: remove or rename the translation.",
            Kind::SectionMissing => "A section of the English page (by its heading's slug, which localised headings carry as their anchor) is not in the translation. Fix: translate the section.",
            Kind::SectionExtra => "The translation has a section the English page does not (by the heading's anchor). The English page dropped or renamed it, or the anchor was translated. Fix: follow the English page; keep anchors as they are.",
            Kind::RowMissing => "A table row of the English page has no counterpart in the translation's table. Fix: translate the row.",
            Kind::RowExtra => "The translation's table has a row the English table does not. Fix: follow the English table.",
            Kind::IdentifierTranslated => "The first cell of a row names a property, enum member or parameter; the translation changed it (`jeton` for `token`). Code, payloads and the service use the English name. Fix: keep the identifier as the English page writes it.",
            Kind::NameAndTypeLost => "A row of the translation has no name or type cell where the English row has them: only the description is left, so the row documents nothing a reader can use. Fix: restore the cells from the English row.",
            Kind::TypeTranslated => "A Type cell is translated (`Zeichenfolge`, `Booléen`, `[x](x.md)-Sammlung`). Type cells name the service's types, not words. Fix: keep the English type cell.",
            Kind::TypeChanged => "A Type cell of the translation names another type than the English row. Fix: take the type from the English page.",
            Kind::JsonKeyTranslated => "A key of a JSON example is translated or replaced. Payloads use the English property names. Fix: keep the example's JSON as the English page has it; only string values may be localised.",
            Kind::JsonDiffers => "A JSON example differs from the English one beyond string values: a key or element missing or added, a number, boolean or null changed, or one of the two is not readable JSON. Fix: take the example from the English page.",
            Kind::PathParameterTranslated => "A request line's path differs from the English one: a parameter (`{id}`) or segment was translated. Fix: keep request paths as the English page writes them.",
            Kind::CodeTranslated => "A code block (HTTP headers, SDK snippet…) differs from the English one. Code is not prose: it must run as written. Fix: take the block from the English page.",
            Kind::CodeBlockMissing => "A code block of the English page's section has no counterpart in the translation. Fix: translate the section's examples.",
            Kind::CodeBlockExtra => "The translation's section has a code block the English section does not. Fix: follow the English page.",
            Kind::Stale => "The English page changed after the translation was handed off: by the English history (a commit after `ms.lasthandoff`) when the English tree is a git checkout, else by content (the English page has rows, sections or examples the translation lacks). Fix: update the translation.",
            Kind::CopiedDescription => "Two rows of a translated table have the same description, and so do the English rows: a copy-paste defect of the English page that the translation carried over faithfully. Not translation drift, so a note: fix it in the English page, then in the translation.",
            Kind::RepeatedPossibleValues => "A description of the translation states its possible values twice. When the English description does too, the translation carried a defect of the English page over faithfully: not translation drift, so a note (fix it in the English page, then in the translation). When the English states them once, the translation doubled them: a warning (fix the translation).",
        }
    }

    /// The severity of this kind's findings unless the emitter says
    /// otherwise: a note for the defects of the English page that a
    /// translation carries over (they are not translation drift), else a
    /// warning.
    pub fn default_severity(self) -> Severity {
        match self {
            Kind::CopiedDescription | Kind::RepeatedPossibleValues => Severity::Note,
            _ => Severity::Warning,
        }
    }

    /// The kind of a code (`GT0005`, any case) or a name (`row-missing`).
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(code) || k.name() == code)
    }
}

/// The most characters of the English line a note quotes.
pub const NOTE_CHARS: usize = 400;

/// The English line a finding departs from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Note {
    /// The English page, relative to its docs root.
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// The English line, trimmed.
    pub text: String,
}

/// `English <file>:<line>: <text>`, without the `: ` when the English side
/// is a whole page (a missing or stale page) rather than a line of it.
impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "English {}:{}", self.file, self.line)?;
        if !self.text.is_empty() {
            write!(f, ": {}", self.text)?;
        }
        Ok(())
    }
}

/// One departure of a localised page from the English page it translates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Finding {
    /// The localised page, relative to its docs root.
    pub file: String,
    /// 1-based line in the localised page.
    pub line: u32,
    /// The kind's code (`GT0007`).
    pub code: &'static str,
    /// What departs.
    pub kind: Kind,
    /// One sentence naming what was expected and what was found.
    pub message: String,
    /// The English line it departs from, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Note>,
    /// A warning for translation drift; a note for a defect the English
    /// page has too, which the translation carried over faithfully.
    pub severity: Severity,
    /// 1-based column in characters of what departs (the translated name,
    /// link text or type cell), where the line shows it. Last, so that
    /// findings sort as they did without it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// Characters of what departs, from `column`.
    #[serde(skip)]
    pub width: u32,
}

impl Finding {
    /// A finding at `file:line` of the localised tree, with no English line yet.
    pub fn new(kind: Kind, file: &str, line: u32, message: impl Into<String>) -> Finding {
        Finding {
            file: file.to_string(),
            line,
            code: kind.code(),
            kind,
            message: message.into(),
            note: None,
            severity: Severity::Warning,
            column: None,
            width: 0,
        }
    }

    /// Points at the first `written` on `line` (the localised line the
    /// finding is on): what departs, as the page writes it. Left at the
    /// whole line when the line does not show it as such.
    pub fn pointing_at(mut self, line: &str, written: &str) -> Finding {
        let written = written.trim();
        if let (false, Some(at)) = (written.is_empty(), line.find(written)) {
            let column = line[..at].chars().count() + 1;
            self.column = u32::try_from(column).ok();
            self.width = u32::try_from(written.chars().count()).unwrap_or(0);
        }
        self
    }

    /// A defect of the English page the translation carried over: the
    /// finding is a note, not translation drift.
    pub fn carried_over(mut self) -> Finding {
        self.severity = Severity::Note;
        self
    }

    /// Adds the English line the finding departs from (the note under the
    /// message), trimmed and cut to [`NOTE_CHARS`] characters: many
    /// findings may cite one line (every link of it), and a page's line may
    /// be a megabyte long.
    pub fn english(mut self, file: &str, line: u32, text: &str) -> Finding {
        let text = text.trim();
        let text = match text.char_indices().nth(NOTE_CHARS) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.to_string(),
        };
        self.note = Some(Note {
            file: file.to_string(),
            line,
            text,
        });
        self
    }
}

impl Finding {
    /// The finding in graphdoc's common format: the English line is a
    /// note, the kind is the key that survives rewording.
    pub fn to_common(&self) -> graphdoc_schema::Finding {
        let mut f = graphdoc_schema::Finding::at_line(
            self.code,
            self.severity,
            &self.file,
            self.line,
            self.message.clone(),
        )
        .keyed(self.kind.name());
        if let Some(column) = self.column {
            f = f.span(column, self.width);
        }
        if let Some(note) = &self.note {
            f = f.note(note.to_string());
        }
        f
    }
}

/// The finding as every finding prints on one line (its common format's
/// `file:line[:column]: severity[code]: message`); the renderers of
/// `graphdoc-lint` print it with its English line.
impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.to_common().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::{Finding, Kind, Note, NOTE_CHARS};

    #[test]
    fn a_long_english_line_is_cut_in_the_note() {
        let line = format!("  [a](a.md) {}  ", "é".repeat(1 << 20));
        let f = Finding::new(Kind::IdentifierTranslated, "x.md", 3, "m").english("x.md", 3, &line);
        let text = f.note.unwrap().text;
        assert_eq!(text.chars().count(), NOTE_CHARS + 1);
        assert!(
            text.starts_with("[a](a.md) éé") && text.ends_with("é…"),
            "{text}"
        );
        let short = Finding::new(Kind::RowExtra, "x.md", 3, "m").english("x.md", 3, " |a| ");
        assert_eq!(short.note.unwrap().text, "|a|");
    }

    #[test]
    fn a_note_about_a_whole_page_ends_at_its_line_number() {
        let note = |text: &str| Note {
            file: "api-reference/v1.0/resources/user.md".into(),
            line: 1,
            text: text.into(),
        };
        assert_eq!(
            note("").to_string(),
            "English api-reference/v1.0/resources/user.md:1"
        );
        assert_eq!(
            note("|id|String|The identifier.|").to_string(),
            "English api-reference/v1.0/resources/user.md:1: |id|String|The identifier.|"
        );
    }
}
