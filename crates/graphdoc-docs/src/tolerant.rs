//! A forgiving JSON reader with positions, for doc samples, annotation
//! comments and the linter: the one reader of JSON the docs write.
//!
//! Doc JSON is written for people: it has comments, `...` where content was
//! cut, trailing commas, `{id}` placeholders, single quotes and unquoted
//! keys. [`read`] accepts those, says what it forgave and where, and records
//! the position of every value by JSON pointer so that later findings can
//! point at a doc line. Input it cannot read is a [`ReadError`] with a
//! position, never a panic: nesting is capped at [`MAX_DEPTH`].

use serde::Serialize;
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Deeper nesting is refused rather than risking the stack.
pub const MAX_DEPTH: usize = 64;

/// A 1-based line and column in the text given to [`read`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Pos {
    /// 1-based.
    pub line: u32,
    /// 1-based, in characters.
    pub column: u32,
}

/// What the reader accepted although JSON does not allow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Forgiven {
    /// `// …` or `# …` to the end of the line.
    LineComment,
    /// `/* … */`.
    BlockComment,
    /// `...` or `…` standing for cut content (element, member or value).
    Truncation,
    /// A comma before `]` or `}`, or a doubled comma.
    ExtraComma,
    /// Two members or elements with no comma between them.
    MissingComma,
    /// `"a" | "b"`: the first alternative is kept.
    Alternatives,
    /// `{id}` or `<id>` where a value belongs; read as the string `"{id}"`.
    Placeholder,
    /// `'text'`.
    SingleQuotes,
    /// `key: value`.
    UnquotedKey,
    /// A bare word where a value belongs (`String`, `True`, `undefined`).
    Bareword,
    /// `+1`, `.5`, `01`, `1.`: read as a number.
    LooseNumber,
    /// A raw line break or tab, or an unknown escape, inside a string.
    LooseString,
    /// The same key twice in one object; the last one is kept.
    DuplicateKey,
    /// Text after the top-level value.
    TrailingContent,
    /// Whitespace JSON does not allow (a no-break space, a byte-order
    /// mark); noted once per line.
    UnusualWhitespace,
}

impl Forgiven {
    /// Whether this is one of the docs' conventions for eliding or
    /// annotating an example (`...`, comments, `{id}` placeholders,
    /// `a | b`), which readers recognise, rather than broken JSON (a
    /// missing or extra comma, quotes, keys, numbers or text JSON does not
    /// allow), which a reader who copies the example gets as a parse error.
    pub fn is_doc_convention(self) -> bool {
        matches!(
            self,
            Forgiven::LineComment
                | Forgiven::BlockComment
                | Forgiven::Truncation
                | Forgiven::Placeholder
                | Forgiven::Alternatives
        )
    }

    /// A few words for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Forgiven::LineComment => "line comment",
            Forgiven::BlockComment => "block comment",
            Forgiven::Truncation => "`...` truncation",
            Forgiven::ExtraComma => "extra comma",
            Forgiven::MissingComma => "missing comma",
            Forgiven::Alternatives => "`a | b` alternatives (first kept)",
            Forgiven::Placeholder => "unquoted placeholder",
            Forgiven::SingleQuotes => "single-quoted string",
            Forgiven::UnquotedKey => "unquoted key",
            Forgiven::Bareword => "bare word read as a value",
            Forgiven::LooseNumber => "number not in JSON form",
            Forgiven::LooseString => "raw control character or unknown escape in a string",
            Forgiven::DuplicateKey => "duplicate key (last kept)",
            Forgiven::TrailingContent => "content after the JSON value (ignored)",
            Forgiven::UnusualWhitespace => "whitespace JSON does not allow (no-break space…)",
        }
    }
}

/// One thing forgiven, and where.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Note {
    /// Where the forgiven text starts.
    pub pos: Pos,
    /// What was forgiven.
    pub kind: Forgiven,
}

/// Why a text could not be read as JSON at all.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadError {
    /// Where reading stopped.
    pub pos: Pos,
    /// What was expected there.
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.column, self.message)
    }
}

/// A value read, what was forgiven, and where every value starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    /// The value, with forgiven constructs read as the message of each [`Forgiven`] says.
    pub value: Value,
    /// In text order.
    pub forgiven: Vec<Note>,
    /// Where each value starts, by JSON pointer (`""` is the root).
    pub positions: BTreeMap<String, Pos>,
}

/// Reads `text` as forgiving JSON.
pub fn read(text: &str) -> Result<Read, ReadError> {
    read_with(text, true)
}

/// [`read`] without [`Read::positions`] (left empty): the value and what was
/// forgiven, for a caller that needs a position only now and then (it
/// reads again with [`read`] when it does; the two read alike).
pub fn read_unplaced(text: &str) -> Result<Read, ReadError> {
    read_with(text, false)
}

fn read_with(text: &str, place: bool) -> Result<Read, ReadError> {
    let mut p = Parser {
        text,
        i: 0,
        line: 1,
        column: 1,
        forgiven: Vec::new(),
        positions: BTreeMap::new(),
        place,
        members: Vec::new(),
    };
    p.skip_trivia();
    let start = p.pos();
    if p.at_end() {
        return Err(ReadError {
            pos: start,
            message: "empty block: no JSON value".into(),
        });
    }
    let value = match p.value(&mut String::new(), 0)? {
        Some(v) => v,
        None => {
            // A block that is only `...` reads as null, which needs a position too.
            p.record_position("", start);
            Value::Null
        }
    };
    p.alternatives(0)?;
    p.skip_trivia();
    if !p.at_end() {
        p.note(p.pos(), Forgiven::TrailingContent);
    }
    // A duplicate key is noted only after its value is read, behind the
    // value's own notes. Stable, so notes at one position keep their order.
    p.forgiven.sort_by_key(|n| n.pos);
    Ok(Read {
        value,
        forgiven: p.forgiven,
        positions: p.positions,
    })
}

/// [`read`] under the name fuzz targets and other callers look for.
pub fn parse(text: &str) -> Result<Read, ReadError> {
    read(text)
}

/// Escapes one JSON pointer segment (RFC 6901).
pub fn pointer_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_pointer_segment(&mut out, s);
    out
}

/// Appends `s` escaped as a JSON pointer segment to `pointer` (every key
/// of every sample passes here: no copy when there is nothing to escape).
pub fn push_pointer_segment(pointer: &mut String, s: &str) {
    if !s.contains(['~', '/']) {
        pointer.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// What came next inside an object or array.
enum Step {
    Closed,
    Comma,
    /// The first character of the next element (a value, or a member's key).
    Element(char),
}

/// Reads `text` in place: `i` is a byte offset, always at a character
/// boundary; `line` and `column` count characters.
struct Parser<'t> {
    text: &'t str,
    i: usize,
    line: u32,
    column: u32,
    forgiven: Vec<Note>,
    positions: BTreeMap<String, Pos>,
    /// Whether `positions` is kept (and JSON pointers made for it).
    place: bool,
    /// The members of the objects being read, innermost last, with where
    /// each key starts.
    members: Vec<(String, Value, Pos)>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '$' | '@' | '-' | '.' | '+' | ':' | '/' | '#')
}

impl<'t> Parser<'t> {
    fn at_end(&self) -> bool {
        self.i >= self.text.len()
    }

    /// The text from the cursor on.
    fn rest(&self) -> &str {
        &self.text[self.i..]
    }

    fn peek(&self) -> Option<char> {
        match self.text.as_bytes().get(self.i) {
            Some(&b) if b.is_ascii() => Some(char::from(b)),
            Some(_) => self.rest().chars().next(),
            None => None,
        }
    }

    /// The character after the next one.
    fn peek_second(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    /// Moves past `n` characters, none of them a line break.
    fn bump_in_line(&mut self, n: usize) {
        let skipped: usize = self.rest().chars().take(n).map(char::len_utf8).sum();
        self.i += skipped;
        self.column += n as u32;
    }

    /// Records where the value at `pointer` starts.
    fn record_position(&mut self, pointer: &str, start: Pos) {
        if self.place {
            self.positions.insert(pointer.to_string(), start);
        }
    }

    fn note(&mut self, pos: Pos, kind: Forgiven) {
        self.forgiven.push(Note { pos, kind });
    }

    fn error<T>(&self, pos: Pos, message: impl Into<String>) -> Result<T, ReadError> {
        Err(ReadError {
            pos,
            message: message.into(),
        })
    }

    fn unexpected<T>(&self, wanted: &str) -> Result<T, ReadError> {
        match self.peek() {
            Some(c) => self.error(
                self.pos(),
                format!("expected {wanted}, found `{}`", c.escape_debug()),
            ),
            None => self.error(
                self.pos(),
                format!("expected {wanted}, found the end of the block"),
            ),
        }
    }

    /// Skips whitespace and comments.
    fn skip_trivia(&mut self) {
        loop {
            self.skip_json_whitespace();
            let Some(c) = self.peek() else {
                break;
            };
            if c.is_whitespace() || c == '\u{feff}' {
                let line = self.line;
                let noted = self
                    .forgiven
                    .last()
                    .is_some_and(|n| n.kind == Forgiven::UnusualWhitespace && n.pos.line == line);
                if !noted {
                    self.note(self.pos(), Forgiven::UnusualWhitespace);
                }
                self.bump();
            } else if c == '/' && self.peek_second() == Some('/')
                || c == '#' && self.peek_second().is_none_or(|n| n == ' ' || n == '\n')
            {
                self.note(self.pos(), Forgiven::LineComment);
                let line = self.rest().split('\n').next().unwrap_or("");
                self.bump_in_line(line.chars().count());
            } else if c == '/' && self.peek_second() == Some('*') {
                self.note(self.pos(), Forgiven::BlockComment);
                self.bump();
                self.bump();
                while !self.at_end() && !self.rest().starts_with("*/") {
                    self.bump();
                }
                self.bump();
                self.bump();
            } else {
                break;
            }
        }
    }

    /// Skips the whitespace JSON allows, the bulk of a pretty-printed
    /// sample, a byte at a time.
    fn skip_json_whitespace(&mut self) {
        while let Some(&b) = self.text.as_bytes().get(self.i) {
            match b {
                b' ' | b'\t' | b'\r' => self.column += 1,
                b'\n' => {
                    self.line += 1;
                    self.column = 1;
                }
                _ => return,
            }
            self.i += 1;
        }
    }

    /// Length of a `...`, `..` or `…` run at the cursor, if there is one.
    fn ellipsis_len(&self) -> Option<usize> {
        let n = self
            .rest()
            .chars()
            .take_while(|&c| c == '.' || c == '…')
            .count();
        // `.5` is a number, not a truncation; `…` alone is one.
        (n >= 2 || n == 1 && self.peek() == Some('…')).then_some(n)
    }

    fn skip_ellipsis(&mut self) -> bool {
        match self.ellipsis_len() {
            Some(n) => {
                self.note(self.pos(), Forgiven::Truncation);
                self.bump_in_line(n);
                true
            }
            None => false,
        }
    }

    /// A value at the cursor; `None` for a truncation standing where a value belongs.
    fn value(&mut self, pointer: &mut String, depth: usize) -> Result<Option<Value>, ReadError> {
        if depth > MAX_DEPTH {
            return self.error(
                self.pos(),
                format!("nesting deeper than {MAX_DEPTH} levels"),
            );
        }
        let start = self.pos();
        let Some(c) = self.peek() else {
            return self.unexpected("a value");
        };
        let value = match c {
            '{' => {
                if let Some(placeholder) = self.brace_placeholder() {
                    placeholder
                } else {
                    self.object(pointer, depth)?
                }
            }
            '[' => self.array(pointer, depth)?,
            '"' | '\'' | '“' | '”' => Value::String(self.string()?),
            '<' => self.angle_placeholder()?,
            '.' | '…' if self.ellipsis_len().is_some() => {
                self.skip_ellipsis();
                return Ok(None);
            }
            c if c == '-' || c == '+' || c == '.' || c.is_ascii_digit() => self.number_or_word(),
            c if is_word_char(c) => self.word_value(),
            _ => return self.unexpected("a value"),
        };
        self.record_position(pointer, start);
        Ok(Some(value))
    }

    /// `{id}` where a value belongs (not `{}` and not `{ "a": 1 }`).
    fn brace_placeholder(&mut self) -> Option<Value> {
        let rest = self.rest();
        let inner_len = rest[1..]
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ')))?;
        let inner = &rest[1..1 + inner_len];
        if !rest[1 + inner_len..].starts_with('}')
            || inner.trim().is_empty()
            || inner.trim().contains(' ')
        {
            return None;
        }
        let text = rest[..inner_len + 2].to_string();
        let pos = self.pos();
        self.bump_in_line(text.chars().count());
        self.note(pos, Forgiven::Placeholder);
        Some(Value::String(text))
    }

    fn angle_placeholder(&mut self) -> Result<Value, ReadError> {
        let pos = self.pos();
        let line = self.rest().split('\n').next().unwrap_or("");
        match line.char_indices().skip(1).find(|&(_, c)| c == '>') {
            Some((close, _)) => {
                let text = line[..=close].to_string();
                self.bump_in_line(text.chars().count());
                self.note(pos, Forgiven::Placeholder);
                Ok(Value::String(text))
            }
            None => self.unexpected("a value"),
        }
    }

    /// Between the elements of an object or array opened at `open`: reads
    /// up to the next element, a comma or the closing bracket, forgiving
    /// extra commas and a comma missing at a line break. `after_element`
    /// says whether an element was read since the last comma.
    fn next_in_container(
        &mut self,
        open: Pos,
        close: char,
        what: &str,
        after_element: &mut bool,
    ) -> Result<Step, ReadError> {
        let before_trivia = self.line;
        self.skip_trivia();
        let Some(c) = self.peek() else {
            return self.error(
                open,
                format!("{what} is not closed: no `{close}` before the end of the block"),
            );
        };
        if c == close {
            self.bump();
            return Ok(Step::Closed);
        }
        if c == ',' {
            let pos = self.pos();
            self.bump();
            self.skip_trivia();
            if !*after_element || matches!(self.peek(), Some(n) if n == close || n == ',') {
                self.note(pos, Forgiven::ExtraComma);
            }
            *after_element = false;
            return Ok(Step::Comma);
        }
        if *after_element {
            let pos = self.pos();
            if self.line == before_trivia && !matches!(c, '.' | '…') {
                return self.unexpected(&format!("`,` or `{close}`"));
            }
            self.note(pos, Forgiven::MissingComma);
        }
        *after_element = true;
        Ok(Step::Element(c))
    }

    fn object(&mut self, pointer: &mut String, depth: usize) -> Result<Value, ReadError> {
        let open = self.pos();
        self.bump();
        let first_member = self.members.len();
        let mut after_member = false;
        loop {
            let c = match self.next_in_container(open, '}', "object", &mut after_member)? {
                Step::Closed => return Ok(Value::Object(self.take_members(first_member))),
                Step::Comma => continue,
                Step::Element(c) => c,
            };
            if self.skip_ellipsis() {
                continue;
            }
            let key_pos = self.pos();
            let key = match c {
                '"' | '\'' | '“' | '”' => self.string()?,
                c if is_word_char(c) => {
                    self.note(key_pos, Forgiven::UnquotedKey);
                    self.word(|c| is_word_char(c) && c != ':')
                }
                _ => return self.unexpected("a property name or `}`"),
            };
            self.skip_trivia();
            if self.peek() != Some(':') {
                // `"..."` alone as a member is a truncation too.
                if key.chars().all(|c| c == '.' || c == '…') && !key.is_empty() {
                    self.note(key_pos, Forgiven::Truncation);
                    continue;
                }
                return self.unexpected(&format!("`:` after property name \"{key}\""));
            }
            self.bump();
            self.skip_trivia();
            let len = pointer.len();
            if self.place {
                pointer.push('/');
                push_pointer_segment(pointer, &key);
            }
            let value = self.value(pointer, depth + 1)?;
            self.alternatives(depth + 1)?;
            pointer.truncate(len);
            if let Some(value) = value {
                self.members.push((key, value, key_pos));
            }
        }
    }

    /// The members read since `first` (those of the object being closed),
    /// as its map: made at its size at once. A key that comes again is a
    /// duplicate (noted at the later key; the notes are sorted by position
    /// at the end).
    fn take_members(&mut self, first: usize) -> Map<String, Value> {
        let mut map = Map::with_capacity(self.members.len() - first);
        for (key, value, key_pos) in self.members.drain(first..) {
            if map.insert(key, value).is_some() {
                self.forgiven.push(Note {
                    pos: key_pos,
                    kind: Forgiven::DuplicateKey,
                });
            }
        }
        map
    }

    fn array(&mut self, pointer: &mut String, depth: usize) -> Result<Value, ReadError> {
        let open = self.pos();
        self.bump();
        let mut items = Vec::new();
        let mut after_item = false;
        loop {
            match self.next_in_container(open, ']', "array", &mut after_item)? {
                Step::Closed => return Ok(Value::Array(items)),
                Step::Comma => continue,
                Step::Element(_) => {}
            }
            let len = pointer.len();
            if self.place {
                pointer.push('/');
                let _ = write!(pointer, "{}", items.len());
            }
            let value = self.value(pointer, depth + 1)?;
            self.alternatives(depth + 1)?;
            pointer.truncate(len);
            if let Some(value) = value {
                items.push(value);
            }
        }
    }

    /// `| other` after a value: the other alternatives are read and dropped.
    fn alternatives(&mut self, depth: usize) -> Result<(), ReadError> {
        loop {
            let save = (self.i, self.line, self.column, self.forgiven.len());
            self.skip_trivia();
            if self.peek() != Some('|') {
                (self.i, self.line, self.column) = (save.0, save.1, save.2);
                self.forgiven.truncate(save.3);
                return Ok(());
            }
            self.note(self.pos(), Forgiven::Alternatives);
            self.bump();
            self.skip_trivia();
            // Positions of the dropped alternative must not shadow the kept one.
            let kept = std::mem::take(&mut self.positions);
            let result = self.value(&mut String::from("/-"), depth);
            self.positions = kept;
            result?;
        }
    }

    fn string(&mut self) -> Result<String, ReadError> {
        let start = self.pos();
        let Some(open) = self.bump() else {
            return self.unexpected("a string");
        };
        let close = match open {
            '\'' => {
                self.note(start, Forgiven::SingleQuotes);
                '\''
            }
            '“' | '”' => {
                self.note(start, Forgiven::SingleQuotes);
                '”'
            }
            _ => '"',
        };
        let mut out = String::new();
        loop {
            out.push_str(self.plain_run(close));
            let pos = self.pos();
            let Some(c) = self.bump() else {
                return self.error(start, "string is not closed before the end of the block");
            };
            match c {
                c if c == close || (close == '”' && c == '“') => return Ok(out),
                '\\' => {
                    let Some(e) = self.bump() else {
                        return self
                            .error(start, "string is not closed before the end of the block");
                    };
                    match e {
                        '"' | '\\' | '/' | '\'' => out.push(e),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => out.push(self.unicode_escape(pos)),
                        other => {
                            self.note(pos, Forgiven::LooseString);
                            out.push('\\');
                            out.push(other);
                        }
                    }
                    if e == '\'' && close != '\'' {
                        self.note(pos, Forgiven::LooseString);
                    }
                }
                '\n' if close != '"' || self.string_ends_later(close) => {
                    self.note(pos, Forgiven::LooseString);
                    out.push(c);
                }
                '\n' => return self.error(start, "string is not closed on its line"),
                c if (c as u32) < 0x20 => {
                    self.note(pos, Forgiven::LooseString);
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }

    /// Moves past the characters at the cursor that a string closed by
    /// `close` holds as they are (no quote, backslash or control
    /// character), and returns them: most of a string, copied at once.
    fn plain_run(&mut self, close: char) -> &'t str {
        let text = self.text;
        let bytes = &text.as_bytes()[self.i..];
        // Every byte that ends the run is ASCII, or the run is, so it ends
        // at a character boundary.
        let ascii_close = close.is_ascii().then_some(close as u8);
        let stops = |b: u8| b == b'\\' || b < 0x20 || ascii_close.map_or(!b.is_ascii(), |c| b == c);
        let len = bytes.iter().position(|&b| stops(b)).unwrap_or(bytes.len());
        let run = &text[self.i..self.i + len];
        self.i += len;
        self.column += run.chars().count() as u32;
        run
    }

    /// Whether a line break inside a string is followed, within a few
    /// lines, by its closing quote and then JSON punctuation; otherwise the
    /// quote was simply never closed and reporting that here is clearer.
    fn string_ends_later(&self, close: char) -> bool {
        let line = self.rest().split('\n').next().unwrap_or("");
        match line.find(close) {
            Some(q) => line[q + close.len_utf8()..]
                .chars()
                .find(|c| !c.is_whitespace())
                .is_none_or(|c| matches!(c, ',' | '}' | ']' | ':')),
            None => false,
        }
    }

    fn unicode_escape(&mut self, pos: Pos) -> char {
        let mut code = 0u32;
        for _ in 0..4 {
            match self.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    self.bump();
                    code = code * 16 + d;
                }
                None => {
                    self.note(pos, Forgiven::LooseString);
                    return char::REPLACEMENT_CHARACTER;
                }
            }
        }
        if (0xD800..0xDC00).contains(&code)
            && self.peek() == Some('\\')
            && self.peek_second() == Some('u')
        {
            let save = (self.i, self.line, self.column);
            self.bump();
            self.bump();
            let mut low = 0u32;
            for _ in 0..4 {
                match self.peek().and_then(|c| c.to_digit(16)) {
                    Some(d) => {
                        self.bump();
                        low = low * 16 + d;
                    }
                    None => {
                        (self.i, self.line, self.column) = save;
                        return char::REPLACEMENT_CHARACTER;
                    }
                }
            }
            if (0xDC00..0xE000).contains(&low) {
                return char::from_u32(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
            }
            (self.i, self.line, self.column) = save;
        }
        char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER)
    }

    fn word(&mut self, in_word: impl Fn(char) -> bool) -> String {
        let start = self.i;
        while self.peek().is_some_and(&in_word) {
            self.bump();
        }
        self.text[start..self.i].to_string()
    }

    fn word_value(&mut self) -> Value {
        let pos = self.pos();
        let word = self.word(is_word_char);
        match word.as_str() {
            "true" => return Value::Bool(true),
            "false" => return Value::Bool(false),
            "null" => return Value::Null,
            _ => {}
        }
        self.note(pos, Forgiven::Bareword);
        match word.as_str() {
            "True" | "TRUE" => Value::Bool(true),
            "False" | "FALSE" => Value::Bool(false),
            "Null" | "NULL" | "None" | "undefined" | "nil" => Value::Null,
            _ => Value::String(word),
        }
    }

    fn number_or_word(&mut self) -> Value {
        let pos = self.pos();
        let word = self.word(is_word_char);
        if let Ok(Value::Number(n)) = serde_json::from_str::<Value>(&word) {
            return Value::Number(n);
        }
        let trimmed = word.trim_start_matches('+');
        let loose = trimmed.parse::<i64>().map(Number::from).ok().or_else(|| {
            trimmed
                .parse::<f64>()
                .ok()
                .filter(|f| {
                    f.is_finite()
                        && !trimmed.contains(|c: char| c.is_alphabetic() && c != 'e' && c != 'E')
                })
                .and_then(Number::from_f64)
        });
        match loose {
            Some(n) => {
                self.note(pos, Forgiven::LooseNumber);
                Value::Number(n)
            }
            None => {
                self.note(pos, Forgiven::Bareword);
                Value::String(word)
            }
        }
    }
}

#[cfg(test)]
mod tests;
