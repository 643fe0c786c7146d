//! A small JSON reader that keeps where each value starts.
//!
//! `serde_json` forgets positions, and lint findings must point at the exact
//! line and column of a sample value. The docs' samples are often not valid
//! JSON (`...` elisions, comments, trailing commas): this reader accepts
//! trailing commas and `//` comments, and gives up (returns `None`) on
//! anything else, so that a malformed sample yields no finding rather than a
//! wrong one.

/// A JSON value with the 1-based line and column (in characters) of its
/// first character, counted from the start of the text given to [`parse`].
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: u32,
    pub column: u32,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written.
    Number(String),
    String(String),
    Array(Vec<Node>),
    /// Members in order; the key is given with the value's node.
    Object(Vec<(String, Node)>),
}

impl Node {
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
}

/// Parses one JSON value; text after it is ignored.
pub fn parse(text: &str) -> Option<Node> {
    let mut p = Parser {
        chars: text.chars().collect(),
        at: 0,
        line: 1,
        column: 1,
        depth: 0,
    };
    p.value()
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    line: u32,
    column: u32,
    depth: usize,
}

/// Deeper samples do not occur; the limit keeps hostile input from
/// overflowing the stack.
const MAX_DEPTH: usize = 128;

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn skip_space(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some('/') if self.chars.get(self.at + 1) == Some(&'/') => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.bump();
                    }
                }
                _ => return,
            }
        }
    }

    fn value(&mut self) -> Option<Node> {
        self.skip_space();
        let (line, column) = (self.line, self.column);
        let value = match self.peek()? {
            '{' => self.object()?,
            '[' => self.array()?,
            '"' => Value::String(self.string()?),
            't' => self.word("true", Value::Bool(true))?,
            'f' => self.word("false", Value::Bool(false))?,
            'n' => self.word("null", Value::Null)?,
            c if c == '-' || c.is_ascii_digit() => self.number()?,
            _ => return None,
        };
        Some(Node {
            line,
            column,
            value,
        })
    }

    fn word(&mut self, word: &str, value: Value) -> Option<Value> {
        for expected in word.chars() {
            if self.bump()? != expected {
                return None;
            }
        }
        Some(value)
    }

    fn number(&mut self) -> Option<Value> {
        let mut s = String::new();
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E') {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        Some(Value::Number(s))
    }

    fn string(&mut self) -> Option<String> {
        self.bump(); // opening quote
        let mut s = String::new();
        loop {
            match self.bump()? {
                '"' => return Some(s),
                '\\' => match self.bump()? {
                    'n' => s.push('\n'),
                    't' => s.push('\t'),
                    'r' => s.push('\r'),
                    'b' => s.push('\u{8}'),
                    'f' => s.push('\u{c}'),
                    'u' => {
                        let hex: String = (0..4).filter_map(|_| self.bump()).collect();
                        let code = u32::from_str_radix(&hex, 16).ok()?;
                        s.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    other => s.push(other),
                },
                '\n' => return None,
                c => s.push(c),
            }
        }
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    fn array(&mut self) -> Option<Value> {
        self.enter()?;
        self.bump();
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.peek()? {
                ']' => {
                    self.bump();
                    break;
                }
                ',' if !items.is_empty() => {
                    self.bump();
                }
                _ => items.push(self.value()?),
            }
        }
        self.depth -= 1;
        Some(Value::Array(items))
    }

    fn object(&mut self) -> Option<Value> {
        self.enter()?;
        self.bump();
        let mut members = Vec::new();
        loop {
            self.skip_space();
            match self.peek()? {
                '}' => {
                    self.bump();
                    break;
                }
                ',' if !members.is_empty() => {
                    self.bump();
                }
                '"' => {
                    let key = self.string()?;
                    self.skip_space();
                    if self.bump()? != ':' {
                        return None;
                    }
                    let value = self.value()?;
                    members.push((key, value));
                }
                _ => return None,
            }
        }
        self.depth -= 1;
        Some(Value::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_nested_values() {
        let text = "{\n  \"a\": \"x\",\n  \"b\": [ { \"c\": true } ],\n}";
        let root = parse(text).unwrap();
        let a = root.get("a").unwrap();
        assert_eq!((a.line, a.column), (2, 8));
        let Value::Array(items) = &root.get("b").unwrap().value else {
            panic!("array")
        };
        let c = items[0].get("c").unwrap();
        assert_eq!((c.line, c.column, &c.value), (3, 17, &Value::Bool(true)));
    }

    #[test]
    fn elisions_are_rejected() {
        assert_eq!(parse("{ \"a\": 1, ... }"), None);
        assert_eq!(parse("{ \"a\": \"unterminated"), None);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let text = "[".repeat(100_000);
        assert_eq!(parse(&text), None);
    }
}
