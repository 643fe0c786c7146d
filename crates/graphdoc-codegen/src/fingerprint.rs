//! Formatting is most of what regenerating costs (parsing the tokens back
//! with syn, printing them with prettyplease), and a regeneration usually
//! changes few files. Each formatted file therefore carries, on the line
//! after its header, the fingerprint of the tokens it was formatted from and
//! of its formatted text:
//!
//! ```text
//! // graphdoc-codegen fingerprint: tokens 0123456789abcdef0123456789abcdef, text 0123456789abcdef0123456789abcdef
//! ```
//!
//! When the previous output's file has the same tokens fingerprint and its
//! text still matches its own fingerprint (nobody edited it), its text is
//! what formatting would print, and is taken as it is. The output is the
//! same bytes either way, so `--check` and determinism do not depend on
//! what was there before; an edited or foreign file is formatted anew.

use proc_macro2::TokenStream;
use std::fmt::Write as _;

/// Enters every fingerprint: a new formatter (or a change to how its
/// output is finished, [`crate::emit::format_tokens`]) must change it, so
/// that files formatted by the old one are not taken as they are. A test
/// holds it to the prettyplease version in `Cargo.lock`.
pub const FORMATTER: &str = "prettyplease 0.2.37, rustfmt-skip 1";

const PREFIX: &str = "// graphdoc-codegen fingerprint: tokens ";

/// A 128-bit hash of text, stable across platforms and releases (it is
/// written into the output): two multiply-rotate lanes over 8-byte words.
#[derive(Clone)]
struct Hasher {
    lanes: [u64; 2],
    pending: [u8; 8],
    filled: usize,
    len: u64,
}

const SEEDS: [u64; 2] = [0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344];
const MULTIPLIERS: [u64; 2] = [0x9e37_79b9_7f4a_7c15, 0xc2b2_ae3d_27d4_eb4f];

impl Hasher {
    fn new() -> Hasher {
        Hasher {
            lanes: SEEDS,
            pending: [0; 8],
            filled: 0,
            len: 0,
        }
    }

    fn word(&mut self, word: u64) {
        for (lane, m) in self.lanes.iter_mut().zip(MULTIPLIERS) {
            *lane = (*lane ^ word).wrapping_mul(m).rotate_left(31);
        }
    }

    fn bytes(&mut self, mut bytes: &[u8]) {
        self.len += bytes.len() as u64;
        if self.filled > 0 {
            let take = (8 - self.filled).min(bytes.len());
            self.pending[self.filled..self.filled + take].copy_from_slice(&bytes[..take]);
            self.filled += take;
            bytes = &bytes[take..];
            if self.filled < 8 {
                return;
            }
            self.word(u64::from_le_bytes(self.pending));
            self.filled = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            self.word(u64::from_le_bytes(w.try_into().unwrap_or_default()));
        }
        let rest = words.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.filled = rest.len();
    }

    fn finish(mut self) -> String {
        let mut last = [0u8; 8];
        last[..self.filled].copy_from_slice(&self.pending[..self.filled]);
        self.word(u64::from_le_bytes(last));
        self.word(self.len);
        let [a, b] = self.lanes.map(|mut h| {
            // Avalanche (the murmur3 finaliser).
            h ^= h >> 33;
            h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
            h ^= h >> 33;
            h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
            h ^ (h >> 33)
        });
        format!("{a:016x}{b:016x}")
    }
}

impl std::fmt::Write for Hasher {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.bytes(s.as_bytes());
        Ok(())
    }
}

fn hash_text(text: &str) -> String {
    let mut h = Hasher::new();
    h.bytes(text.as_bytes());
    h.finish()
}

/// The fingerprint of the tokens a file is formatted from (their text,
/// streamed into the hash), with the [`FORMATTER`].
pub fn of_tokens(tokens: &TokenStream) -> String {
    let mut h = Hasher::new();
    h.bytes(FORMATTER.as_bytes());
    h.bytes(b"\n");
    // Writing into the hasher cannot fail.
    let _ = write!(h, "{tokens}");
    h.finish()
}

/// The fingerprint line of `body` formatted from tokens of fingerprint
/// `tokens`.
pub fn line(tokens: &str, body: &str) -> String {
    format!("{PREFIX}{tokens}, text {}\n", hash_text(body))
}

/// The formatted body of `previous` (a whole file: header, fingerprint
/// line, body) if it was formatted from tokens of fingerprint `tokens` and
/// its body is as it was written.
pub fn reusable_body(previous: &str, tokens: &str) -> Option<String> {
    let at = previous.find(PREFIX)?;
    let rest = &previous[at + PREFIX.len()..];
    let (line, body) = rest.split_once('\n')?;
    let (old_tokens, text) = line.split_once(", text ")?;
    (old_tokens == tokens && text == hash_text(body)).then(|| body.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn the_hash_does_not_depend_on_how_the_text_is_cut() {
        let text = "pub struct A { x: u8 } // and a tail that is not a multiple of eight";
        let whole = hash_text(text);
        for cut in 0..text.len() {
            let mut h = Hasher::new();
            h.bytes(&text.as_bytes()[..cut]);
            h.bytes(&text.as_bytes()[cut..]);
            assert_eq!(h.finish(), whole, "cut at {cut}");
        }
        assert_ne!(hash_text("a"), hash_text("a\0"));
        assert_ne!(hash_text(""), hash_text("\0"));
    }

    #[test]
    fn the_hash_is_the_one_written_into_outputs() {
        // Outputs carry it: changing the function makes every file stale.
        assert_eq!(hash_text(""), "7a580b484b01bd3a940dcd3ae79da801");
    }

    #[test]
    fn a_body_is_reused_only_for_the_same_tokens_and_an_unedited_text() {
        let tokens = of_tokens(&quote!(
            pub struct A;
        ));
        let body = "pub struct A;\n";
        let file = format!("// header\n{}{body}", line(&tokens, body));
        assert_eq!(reusable_body(&file, &tokens).as_deref(), Some(body));
        let other = of_tokens(&quote!(
            pub struct B;
        ));
        assert_eq!(reusable_body(&file, &other), None);
        let edited = file.replace("struct A", "struct  A");
        assert_eq!(reusable_body(&edited, &tokens), None);
        assert_eq!(reusable_body(body, &tokens), None);
    }

    #[test]
    fn the_formatter_named_is_the_one_locked() {
        let lock = include_str!("../../../Cargo.lock");
        let version = lock
            .split("[[package]]")
            .find(|p| p.contains("name = \"prettyplease\""))
            .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
            .map(|v| v.trim_end_matches('"'))
            .expect("prettyplease in Cargo.lock");
        assert!(
            FORMATTER.starts_with(&format!("prettyplease {version},")),
            "prettyplease is {version}: update FORMATTER ({FORMATTER})"
        );
    }
}
