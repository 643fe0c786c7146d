//! Text in lower case byte for byte ([`fold`]): what the phrase search
//! runs over, so that every offset in the fold is an offset in the text.

/// `text` with every letter in lower case where that keeps its length in
/// bytes (ASCII, Latin, Greek, Cyrillic letters…), so that offsets in the
/// fold are offsets in `text`. Two texts fold alike exactly when they are
/// equal ignoring case (character by character in lower case), but for the
/// few letters whose lower case is written in another number of bytes (the
/// Kelvin sign, `ẞ`, `İ`), which are compared as written.
pub fn fold(text: &str) -> Vec<u8> {
    let mut folded = Vec::with_capacity(text.len());
    fold_into(text, &mut folded);
    folded
}

/// [`fold`] of `text` appended to `out`.
pub fn fold_into(text: &str, out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(text.as_bytes());
    let folded = &mut out[start..];
    folded.make_ascii_lowercase();
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(skip) = first_non_ascii(&bytes[at..]) {
        // `at` starts a character: text and fold agree on every character
        // boundary.
        at += skip;
        // Latin-1 letters (`Ä`, `Ç`, `Õ`: U+00C0 to U+00DE but `×`) lower
        // to the letter 0x20 after, in the same two bytes; the rest of that
        // block is lower case or has none.
        if bytes[at] == 0xC3 {
            if let Some(&second) = bytes.get(at + 1) {
                if (0x80..=0x9E).contains(&second) && second != 0x97 {
                    folded[at + 1] = second + 0x20;
                }
            }
            at += 2;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or_default();
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next()) {
            if l != c && l.len_utf8() == c.len_utf8() {
                l.encode_utf8(&mut folded[at..at + c.len_utf8()]);
            }
        }
        at += c.len_utf8();
    }
}

/// Where the first byte that is not ASCII is, eight bytes at a time: most
/// of a page is ASCII.
fn first_non_ascii(bytes: &[u8]) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in words.by_ref() {
        let high = u64::from_le_bytes(word.try_into().unwrap_or_default()) & HIGH;
        if high != 0 {
            return Some(at + high.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|b| !b.is_ascii())
        .map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Equal ignoring case (any script).
    fn eq_ci(a: &str, b: &str) -> bool {
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    }

    #[test]
    fn a_fold_keeps_every_offset_and_ignores_case() {
        for (a, b) in [
            ("Mögliche Werte sind:", "MÖGLICHE WERTE SIND:"),
            ("Os valores possíveis são:", "OS VALORES POSSÍVEIS SÃO:"),
            ("Возможные значения:", "ВОЗМОЖНЫЕ ЗНАЧЕНИЯ:"),
            ("可能的值为：", "可能的值为："),
        ] {
            assert_eq!(fold(a).len(), a.len());
            assert_eq!(fold(a), fold(b), "{a} / {b}");
            assert!(eq_ci(a, b));
        }
        // Every ASCII byte, in a block and one by one.
        let ascii: String = (0u8..128).map(char::from).collect();
        let lower = ascii.to_ascii_lowercase().into_bytes();
        assert_eq!(fold(&ascii), lower);
        let after = format!("é{ascii}");
        assert_eq!(fold(&after), ["é".as_bytes(), &lower].concat());
        // The Kelvin sign lowers to one byte where it takes three: kept.
        assert_eq!(fold("\u{212A}X"), "\u{212A}x".as_bytes());
    }

    #[test]
    fn a_fold_lowers_each_character_as_its_lower_case_of_the_same_length() {
        // Every character of the first three planes' blocks that have case,
        // after ASCII (a block at a time) and on its own.
        let chars: Vec<char> = (0x80u32..0x3000).filter_map(char::from_u32).collect();
        let text: String = chars.iter().flat_map(|&c| ['a', c, 'B']).collect();
        let expected: Vec<u8> = text
            .chars()
            .flat_map(|c| {
                let mut lower = c.to_lowercase();
                let l = match (lower.next(), lower.next()) {
                    (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                    _ => c,
                };
                l.to_string().into_bytes()
            })
            .collect();
        assert_eq!(fold(&text), expected);
        let mut appended = b"x".to_vec();
        fold_into("ÄÖÜ ẞ", &mut appended);
        assert_eq!(appended, "xäöü ẞ".as_bytes());
    }
}
