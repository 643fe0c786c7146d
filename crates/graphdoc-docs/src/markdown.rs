//! Block structure of a page: headings, tables, fenced code, HTML comments
//! and paragraphs, each with the line it starts on.
//!
//! pulldown-cmark finds the blocks, with GFM tables off: a table is a
//! paragraph (or the end of one) whose first two lines are a pipe row and a
//! delimiter row, and its rows are split from the source lines. The docs'
//! tables are often ragged (more cells than the header, which GFM drops) or
//! have a delimiter row GFM rejects, and GFM's inline parse of every cell
//! would be thrown away.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

/// One block of a page, with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub enum Block<'a> {
    /// A heading.
    Heading {
        /// 1 for `#`, up to 6.
        level: u8,
        /// The heading's text, inline markup dropped and trimmed.
        text: String,
        /// The heading's line.
        line: u32,
    },
    /// A pipe table.
    Table(Table<'a>),
    /// A fenced or indented code block.
    Code {
        /// The info string after the fence (`json`, `http`), empty when none.
        info: String,
        /// The code, verbatim.
        text: String,
        /// The line of the code's first line (the one after the fence).
        line: u32,
    },
    /// An HTML comment, such as an annotation comment (`<!-- { "blockType": … } -->`).
    Comment {
        /// What is between `<!--` and `-->`.
        text: String,
        /// The comment's first line.
        line: u32,
    },
    /// Any other text block.
    Paragraph {
        /// The paragraph's text: links kept as `[text](target)`, other markup dropped, a `> ` in front when quoted.
        text: String,
        /// The paragraph's first line.
        line: u32,
    },
}

impl Block<'_> {
    /// The line the block starts on.
    pub fn line(&self) -> u32 {
        match self {
            Block::Heading { line, .. }
            | Block::Code { line, .. }
            | Block::Comment { line, .. }
            | Block::Paragraph { line, .. } => *line,
            Block::Table(t) => t.line,
        }
    }
}

/// A pipe table: a header row, the delimiter row, then the body rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table<'a> {
    /// The header row's line.
    pub line: u32,
    /// The header's cells, trimmed.
    pub header: Vec<Cow<'a, str>>,
    /// The body rows (the delimiter row left out).
    pub rows: Vec<Row<'a>>,
}

/// One body row of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    /// The row's first line.
    pub line: u32,
    /// Raw cell text (markdown), trimmed, with `\|` unescaped: borrowed
    /// from the page unless unescaping or a continued row changed it.
    pub cells: Vec<Cow<'a, str>>,
    /// 1-based column of each cell's first character.
    pub columns: Vec<u32>,
    /// Lines read as the continuation of this row: a line break inside a
    /// cell ends a Markdown table row, but the next line, with no leading
    /// pipe after a row with no trailing one, is the rest of this one.
    pub continued_on: Vec<u32>,
}

/// Byte offset → 1-based line number. Blocks ask in nearly increasing
/// order, so the index keeps its last answer and counts newlines from there
/// (either way) instead of building a table of every line start.
pub struct LineIndex<'a> {
    bytes: &'a [u8],
    at: std::cell::Cell<(usize, u32)>,
}

impl<'a> LineIndex<'a> {
    /// An index over `text`, starting at line 1.
    pub fn new(text: &'a str) -> Self {
        LineIndex {
            bytes: text.as_bytes(),
            at: std::cell::Cell::new((0, 1)),
        }
    }

    /// The 1-based line of byte `offset` (clamped to the end of the text).
    pub fn line(&self, offset: usize) -> u32 {
        let offset = offset.min(self.bytes.len());
        let (from, line) = self.at.get();
        // A sum, not `filter().count()`: the compiler vectorizes this form.
        let newlines = |range: &[u8]| range.iter().map(|&b| u32::from(b == b'\n')).sum::<u32>();
        let line = if offset >= from {
            line + newlines(&self.bytes[from..offset])
        } else {
            line - newlines(&self.bytes[offset..from])
        };
        self.at.set((offset, line));
        line
    }
}

/// The blocks of a page in order, each with the line it starts on (block quotes read through, their paragraphs marked `> `).
pub fn blocks(text: &str) -> Vec<Block<'_>> {
    let index = LineIndex::new(text);
    let mut out = Vec::new();
    let mut quote_depth = 0usize;
    let mut parser = Parser::new_ext(text, Options::empty()).into_offset_iter();
    while let Some((event, range)) = parser.next() {
        match event {
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::Heading { level, .. }) => {
                let mut heading = String::with_capacity(range.len());
                for (e, _) in parser.by_ref() {
                    match e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => heading.push_str(&t),
                        Event::SoftBreak | Event::HardBreak => heading.push(' '),
                        _ => {}
                    }
                }
                // A no-break space in a heading (`### x\u{a0}values`) is a
                // space to the reader, and to the headings' rules.
                if heading.contains('\u{a0}') {
                    heading = heading.replace('\u{a0}', " ");
                }
                out.push(Block::Heading {
                    level: heading_level(level),
                    text: heading.trim().to_string(),
                    line: index.line(range.start),
                });
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    pulldown_cmark::CodeBlockKind::Fenced(info) => info.trim().to_string(),
                    pulldown_cmark::CodeBlockKind::Indented => String::new(),
                };
                // The block's source is a bound on its text: one allocation.
                let mut code = String::with_capacity(range.len());
                let mut first_text: Option<usize> = None;
                for (e, r) in parser.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => {
                            first_text.get_or_insert(r.start);
                            code.push_str(&t);
                        }
                        _ => {}
                    }
                }
                let line = match first_text {
                    Some(o) => index.line(o),
                    None => index.line(range.start) + 1,
                };
                out.push(Block::Code {
                    info,
                    text: code,
                    line,
                });
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                collect_comments(&html, range.start, text, &index, &mut out);
            }
            Event::Start(Tag::HtmlBlock) => {
                let start = range.start;
                let mut end = range.end;
                for (e, r) in parser.by_ref() {
                    if matches!(e, Event::End(TagEnd::HtmlBlock)) {
                        break;
                    }
                    end = end.max(r.end);
                }
                let html = &text[start..end.min(text.len())];
                push_comments(html, start, &index, &mut out);
            }
            Event::Start(Tag::Paragraph) if looks_like_table(&text[range.clone()]) => {
                skip_to_end(&mut parser, |e| matches!(e, Event::End(TagEnd::Paragraph)));
                if let Some(t) = split_table(text, range.clone(), &index) {
                    out.push(Block::Table(t));
                }
            }
            Event::Start(Tag::Paragraph) => {
                let start = range.start;
                // A table right under a line of text, with no blank line
                // between: the paragraph ends where the table starts.
                let table_at = table_start_within(&text[range.clone()]).map(|at| start + at);
                // Quoted paragraphs (notes, warnings) keep their marker so
                // callers can tell them from the page's own prose.
                let mut para = String::with_capacity(range.len() + 2);
                if quote_depth > 0 {
                    para.push_str("> ");
                }
                let mut cut_at = None;
                while let Some((e, r)) = parser.next() {
                    if let Some(table_start) = table_at.filter(|&at| r.start >= at) {
                        if !matches!(e, Event::End(TagEnd::Paragraph)) {
                            skip_to_end(&mut parser, |e| {
                                matches!(e, Event::End(TagEnd::Paragraph))
                            });
                        }
                        cut_at = Some(table_start);
                        break;
                    }
                    match e {
                        Event::End(TagEnd::Paragraph) => break,
                        Event::Text(t) | Event::Code(t) => para.push_str(&t),
                        Event::SoftBreak | Event::HardBreak => para.push('\n'),
                        Event::InlineHtml(h) if h.starts_with("<!--") => {
                            push_comments(&h, r.start, &index, &mut out);
                        }
                        Event::Start(Tag::Link { dest_url, .. }) => {
                            para.push('[');
                            // Keep the link target: base types are named by links in prose.
                            let mut inner = String::new();
                            for (e2, _) in parser.by_ref() {
                                match e2 {
                                    Event::End(TagEnd::Link) => break,
                                    Event::Text(t) | Event::Code(t) => inner.push_str(&t),
                                    _ => {}
                                }
                            }
                            para.push_str(&inner);
                            para.push_str("](");
                            para.push_str(&dest_url);
                            para.push(')');
                        }
                        _ => {}
                    }
                }
                if cut_at.is_some() && para.ends_with('\n') {
                    para.pop();
                }
                out.push(Block::Paragraph {
                    text: para,
                    line: index.line(start),
                });
                if let Some(table_start) = cut_at {
                    if let Some(t) = split_table(text, table_start..range.end, &index) {
                        out.push(Block::Table(t));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn skip_to_end<'a, I>(parser: &mut I, is_end: impl Fn(&Event<'a>) -> bool)
where
    I: Iterator<Item = (Event<'a>, Range<usize>)>,
{
    for (e, _) in parser.by_ref() {
        if is_end(&e) {
            break;
        }
    }
}

/// An inline `<!--` may be split by pulldown-cmark over several events when
/// the comment spans lines inside a paragraph; gather the source up to `-->`.
fn collect_comments(html: &str, start: usize, text: &str, index: &LineIndex, out: &mut Vec<Block>) {
    if html.trim_start().starts_with("<!--") {
        if let Some(end) = text[start..].find("-->") {
            push_comments(&text[start..start + end + 3], start, index, out);
        }
    }
}

/// Every `<!-- … -->` in an HTML chunk becomes a Comment block.
fn push_comments(html: &str, base: usize, index: &LineIndex, out: &mut Vec<Block>) {
    let mut rest = 0;
    while let Some(open) = html[rest..].find("<!--") {
        let body_start = rest + open + 4;
        let Some(close) = html[body_start..].find("-->") else {
            out.push(Block::Comment {
                text: html[body_start..].to_string(),
                line: index.line(base + rest + open),
            });
            return;
        };
        out.push(Block::Comment {
            text: html[body_start..body_start + close].to_string(),
            line: index.line(base + rest + open),
        });
        rest = body_start + close + 3;
    }
}

/// Splits the source lines of a table into header and rows.
fn split_table<'a>(text: &'a str, range: Range<usize>, index: &LineIndex) -> Option<Table<'a>> {
    let src = &text[range.start..range.end.min(text.len())];
    let first_line = index.line(range.start);
    let mut lines = src
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, header_line) = lines.next()?;
    let header = split_row(header_line).0;
    let outer_pipes = header_line.trim_start().starts_with('|');
    let mut rows: Vec<Row> = Vec::new();
    let mut previous_line_open = false;
    for (i, line) in lines {
        if is_delimiter_row(line) {
            continue;
        }
        let (cells, columns) = split_row(line);
        let continues = outer_pipes && previous_line_open && !line.trim_start().starts_with('|');
        previous_line_open = !line.trim_end().ends_with('|');
        if let (true, Some(row)) = (continues, rows.last_mut()) {
            let mut fragments = cells.into_iter();
            if let (Some(last), Some(first)) = (row.cells.last_mut(), fragments.next()) {
                if !first.is_empty() {
                    let last = last.to_mut();
                    last.push(' ');
                    last.push_str(&first);
                }
            }
            row.cells.extend(fragments);
            row.columns.extend(columns.into_iter().skip(1));
            row.continued_on.push(first_line + i as u32);
            continue;
        }
        rows.push(Row {
            line: first_line + i as u32,
            cells,
            columns,
            continued_on: Vec::new(),
        });
    }
    Some(Table {
        line: first_line,
        header,
        rows,
    })
}

/// Byte offset of the first line after the first that starts a table (see
/// `looks_like_table`).
fn table_start_within(src: &str) -> Option<usize> {
    memchr::memchr(b'|', src.as_bytes())?;
    let mut offset = src.find('\n')? + 1;
    while offset < src.len() {
        if looks_like_table(&src[offset..]) {
            return Some(offset);
        }
        offset += src[offset..].find('\n')? + 1;
    }
    None
}

/// A paragraph whose first two lines are a pipe row and a delimiter row.
fn looks_like_table(src: &str) -> bool {
    let mut lines = src.lines();
    let (Some(header), Some(delimiter)) = (lines.next(), lines.next()) else {
        return false;
    };
    header.contains('|') && is_pipe_delimiter_row(delimiter)
}

/// A table's second line: only pipes, dashes, colons and blanks, with at least one dash.
pub fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// A delimiter row with at least one pipe: what, under a pipe row, starts a
/// table (a line of dashes alone is a setext heading or a rule).
pub fn is_pipe_delimiter_row(line: &str) -> bool {
    line.contains('|') && is_delimiter_row(line)
}

/// Splits one table line on unescaped pipes outside code spans; drops the
/// optional outer pipes.
pub fn split_row(line: &str) -> (Vec<Cow<'_, str>>, Vec<u32>) {
    if memchr::memchr2(b'\\', b'`', line.as_bytes()).is_none() {
        return split_row_simple(line);
    }
    let bytes = line.as_bytes();
    let mut cells = Vec::new();
    let mut columns = Vec::new();
    let mut current = String::new();
    let mut cell_start = 0usize;
    let mut piece_start = 0usize;
    let mut in_code = false;
    let mut i = 0;
    // Bytes: `|`, `\` and backtick are ASCII, so slicing at them keeps UTF-8 intact.
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1) == Some(&b'|') => {
                current.push_str(&line[piece_start..i]);
                current.push('|');
                i += 2;
                piece_start = i;
                continue;
            }
            b'`' => in_code = !in_code,
            b'|' if !in_code => {
                current.push_str(&line[piece_start..i]);
                cells.push(std::mem::take(&mut current));
                columns.push(cell_start as u32 + 1);
                cell_start = i + 1;
                piece_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    // An unbalanced backtick made us swallow pipes: split again ignoring code spans.
    if in_code {
        return split_row_plain(line);
    }
    current.push_str(&line[piece_start..]);
    cells.push(current);
    columns.push(cell_start as u32 + 1);
    trim_outer(cells, columns, line)
}

/// `split_row` for a line with no escapes and no code spans (most rows):
/// each cell is a trimmed slice of the line.
fn split_row_simple(line: &str) -> (Vec<Cow<'_, str>>, Vec<u32>) {
    let trimmed = line.trim();
    let pieces = line.bytes().filter(|&b| b == b'|').count() + 1;
    let skip = usize::from(trimmed.starts_with('|'));
    let take = if trimmed.ends_with('|') && pieces - skip > 1 {
        pieces - skip - 1
    } else {
        pieces - skip
    };
    let mut cells = Vec::with_capacity(take);
    let mut columns = Vec::with_capacity(take);
    for piece in line.split('|').skip(skip).take(take) {
        let at = piece.as_ptr() as usize - line.as_ptr() as usize;
        let content = piece.trim_start();
        columns.push((at + piece.len() - content.len()) as u32 + 1);
        cells.push(Cow::Borrowed(content.trim_end()));
    }
    (cells, columns)
}

fn split_row_plain(line: &str) -> (Vec<Cow<'_, str>>, Vec<u32>) {
    let mut cells = Vec::new();
    let mut columns = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if c == '|' && !line[..i].ends_with('\\') {
            cells.push(line[start..i].replace("\\|", "|"));
            columns.push(start as u32 + 1);
            start = i + 1;
        }
    }
    cells.push(line[start..].replace("\\|", "|"));
    columns.push(start as u32 + 1);
    trim_outer(cells, columns, line)
}

fn trim_outer(
    mut cells: Vec<String>,
    mut columns: Vec<u32>,
    line: &str,
) -> (Vec<Cow<'static, str>>, Vec<u32>) {
    let trimmed = line.trim();
    if trimmed.starts_with('|') && !cells.is_empty() {
        cells.remove(0);
        columns.remove(0);
    }
    if trimmed.ends_with('|') && !trimmed.ends_with("\\|") && cells.len() > 1 {
        cells.pop();
        columns.pop();
    }
    let mut out_columns = Vec::with_capacity(columns.len());
    let cells = cells
        .into_iter()
        .zip(columns)
        .map(|(mut c, col)| {
            let lead = c.len() - c.trim_start().len();
            out_columns.push(col + lead as u32);
            // Trimmed in place: one allocation per cell, not two.
            let end = c.trim_end().len();
            c.truncate(end);
            c.drain(..lead.min(c.len()));
            Cow::Owned(c)
        })
        .collect();
    (cells, out_columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_rows_with_escapes_code_and_missing_outer_pipes() {
        let (cells, cols) = split_row("a | `x|y` | b\\|c");
        assert_eq!(cells, vec!["a", "`x|y`", "b|c"]);
        assert_eq!(cols, vec![1, 5, 13]);
        let (cells, _) = split_row("|id|String||");
        assert_eq!(cells, vec!["id", "String", ""]);
    }

    #[test]
    fn a_line_break_inside_a_cell_continues_the_row() {
        let text = "|Property|Type|Description|\n|:--|:--|:--|\n|mode|String|Sets the mode.\nOnly for LAN. Possible values are: `a`, `b`.|\n|next|Int32|Next.|\n";
        let b = blocks(text);
        let Block::Table(t) = &b[0] else {
            panic!("{:?}", b[0])
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(
            t.rows[0].cells,
            vec![
                "mode",
                "String",
                "Sets the mode. Only for LAN. Possible values are: `a`, `b`."
            ]
        );
        assert_eq!(t.rows[0].continued_on, vec![4]);
        assert_eq!((t.rows[1].line, t.rows[1].cells[0].as_ref()), (5, "next"));
        // Without outer pipes a line without a leading pipe is a row.
        let text = "Property|Type|Description\n--|--|--\nmode|String|Sets\nnext|Int32|Next\n";
        let b = blocks(text);
        let Block::Table(t) = &b[0] else {
            panic!("{:?}", b[0])
        };
        assert_eq!(t.rows.len(), 2);
        assert!(t.rows.iter().all(|r| r.continued_on.is_empty()));
    }

    #[test]
    fn finds_blocks_with_lines() {
        let text = "# Title\n\ntext [a](a.md)\n\n<!-- {\"blockType\": \"resource\"} -->\n```json\n{}\n```\n\n|a|b|\n|-|-|\n|1|2|3|\n";
        let b = blocks(text);
        assert!(matches!(&b[0], Block::Heading { level: 1, text, line: 1 } if text == "Title"));
        assert!(matches!(&b[1], Block::Paragraph { text, line: 3 } if text == "text [a](a.md)"));
        assert!(matches!(&b[2], Block::Comment { line: 5, .. }));
        assert!(
            matches!(&b[3], Block::Code { info, text, line: 7 } if info == "json" && text == "{}\n")
        );
        let Block::Table(t) = &b[4] else {
            panic!("{:?}", b[4])
        };
        assert_eq!(t.header, vec!["a", "b"]);
        assert_eq!(t.rows[0].cells, vec!["1", "2", "3"]);
        assert_eq!(t.rows[0].line, 12);
    }

    #[test]
    fn a_table_right_under_text_ends_the_paragraph() {
        let text =
            "Intro with a [link](x.md).\n| Property | Type |\n|---|---|\n| id | String |\n- item\n";
        let b = blocks(text);
        assert_eq!(
            b[0],
            Block::Paragraph {
                text: "Intro with a [link](x.md).".into(),
                line: 1
            }
        );
        let Block::Table(t) = &b[1] else {
            panic!("no table: {b:?}")
        };
        assert_eq!((t.line, t.header.len(), t.rows.len()), (2, 2, 1));
        assert_eq!((t.rows[0].line, t.rows[0].cells[0].as_ref()), (4, "id"));
        assert_eq!(b.len(), 2, "{b:?}");
        // Pipes in prose are not a table.
        let b = blocks("a | b\nc | d\n");
        assert!(matches!(b.as_slice(), [Block::Paragraph { .. }]), "{b:?}");
    }

    #[test]
    fn a_table_gfm_rejects_is_still_a_table() {
        // The delimiter row has one cell more than the header.
        let text =
            "## Properties\n\n| Property | Type |\n|:--|:--|:--|\n| id | String |\n\nAfter.\n";
        let b = blocks(text);
        let Block::Table(t) = &b[1] else {
            panic!("{:?}", b[1])
        };
        assert_eq!(t.header, vec!["Property", "Type"]);
        assert_eq!(t.rows[0].cells, vec!["id", "String"]);
        assert_eq!(t.rows[0].line, 5);
        assert!(matches!(&b[2], Block::Paragraph { text, line: 7 } if text == "After."));
        // Nor does it need an outer pipe on the header.
        let b = blocks("Property|Type|Description\n----|--|---|--\n|id|String|The id.|\n");
        let Block::Table(t) = &b[0] else {
            panic!("{:?}", b[0])
        };
        assert_eq!(t.header, vec!["Property", "Type", "Description"]);
        assert_eq!(t.rows[0].cells, vec!["id", "String", "The id."]);
    }
}
