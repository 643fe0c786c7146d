//! Percent-decoding of a URL's path or query component: the one decoder of
//! model-check, shared by the library (which reads the docs' request
//! lines) and the client harness (whose server compares what the client
//! sent with them), so that both sides of that comparison decode alike.

/// `text` with every `%XX` escape decoded (`%20` a space); a `%` not
/// followed by two hex digits is kept as it is, and bytes that do not make
/// UTF-8 are replaced (`U+FFFD`).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn escapes_are_decoded_and_anything_else_kept() {
        assert_eq!(percent_decode("a%20b%2Fc%c3%a9"), "a b/cé");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%2"), "%2");
        assert_eq!(percent_decode("%zz%41"), "%zzA");
        assert_eq!(percent_decode("%ff"), "\u{fffd}");
    }
}
