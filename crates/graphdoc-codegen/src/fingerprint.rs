//! Emitting and formatting are most of what regenerating costs (building
//! tokens with quote, parsing them back with syn, printing them with
//! prettyplease), and a regeneration usually changes few files. Each
//! formatted file therefore carries, on the line after its header, the
//! fingerprint of what it was made from and of its formatted text:
//!
//! ```text
//! // graphdoc-codegen fingerprint: input 0123456789abcdef0123456789abcdef, text 0123456789abcdef0123456789abcdef
//! ```
//!
//! The input is the plan of the file's items (their `Debug` form,
//! [`of_plan`]), or the tokens when a file has no plan ([`of_tokens`]). A
//! plan says what a file holds, not how this generator writes it: so the
//! facade's `src/lib.rs` names the generator that made the output (a hash
//! of its source and of the formatter, [`generator_line`]), and a previous
//! output made by another generator is not reused at all.
//!
//! When the previous output was made by this generator and its file has
//! the same input fingerprint and a text that still matches its own
//! fingerprint (nobody edited it), that text is what emitting and
//! formatting would print, and is taken as it is. The output is the same
//! bytes either way, so `--check` and determinism do not depend on what was
//! there before; an edited or foreign file is made anew.

use proc_macro2::TokenStream;
use std::fmt::Write as _;

/// Enters every fingerprint: a new formatter (or a change to how its
/// output is finished, [`crate::emit::format_tokens`]) must change it, so
/// that files formatted by the old one are not taken as they are. The
/// versions of the crates that shape the text (prettyplease, syn, quote,
/// proc-macro2) come from `Cargo.lock` through the build script, so that
/// upgrading any of them makes every file anew; `rustfmt-skip 1` is how
/// this crate finishes prettyplease's output.
pub const FORMATTER: &str = concat!(
    include_str!(concat!(env!("OUT_DIR"), "/formatting_crates.txt")),
    ", rustfmt-skip 1"
);

const PREFIX: &str = "// graphdoc-codegen fingerprint: input ";

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
    h.bytes(b"tokens\n");
    h.bytes(FORMATTER.as_bytes());
    h.bytes(b"\n");
    // Writing into the hasher cannot fail.
    let _ = write!(h, "{tokens}");
    h.finish()
}

/// The generator's source: what a file's tokens are made with besides its
/// plan. Every file of `src/` (listed by the build script), so that after
/// any change to the generator every file is made anew once.
const GENERATOR: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/generator_sources.rs"));

const GENERATOR_PREFIX: &str = "// graphdoc-codegen generator: ";

/// The line naming this generator: a hash of its source and formatter,
/// computed once per process.
pub fn generator_line() -> &'static str {
    static LINE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    LINE.get_or_init(|| {
        let mut h = Hasher::new();
        h.bytes(FORMATTER.as_bytes());
        for (name, text) in GENERATOR {
            h.bytes(name.as_bytes());
            h.bytes(&(text.len() as u64).to_le_bytes());
            h.bytes(text.as_bytes());
        }
        format!("{GENERATOR_PREFIX}{}\n", h.finish())
    })
}

/// Whether `facade` (the previous output's `src/lib.rs`) was made by this
/// generator.
pub fn made_by_this_generator(facade: &str) -> bool {
    facade
        .lines()
        .any(|l| l.starts_with(GENERATOR_PREFIX) && generator_line().strip_suffix('\n') == Some(l))
}

/// The fingerprint of a file's plan: the `Debug` form of everything its
/// tokens are made from besides the generator (its items, the runtime's
/// name, the kind of file).
pub fn of_plan(plan: &dyn std::fmt::Debug) -> String {
    let mut h = Hasher::new();
    h.bytes(b"plan\n");
    // Writing into the hasher cannot fail.
    let _ = write!(h, "{plan:?}");
    h.finish()
}

/// The fingerprint line of `body` made from an input of fingerprint
/// `input`.
pub fn line(input: &str, body: &str) -> String {
    format!("{PREFIX}{input}, text {}\n", hash_text(body))
}

/// `previous` (a whole file: header, fingerprint line, body) under
/// `header`, if it was made from an input of fingerprint `input` and its
/// body is as it was written: what making the file afresh gives, byte for
/// byte. Its fingerprint line is then the one [`line`] would write, so when
/// the header is the same too the file is taken as it is, without a copy.
pub fn reuse(previous: String, header: &str, input: &str) -> Option<String> {
    let at = previous.find(PREFIX)?;
    let rest = &previous[at + PREFIX.len()..];
    let (line, body) = rest.split_once('\n')?;
    let (old_input, text) = line.split_once(", text ")?;
    if old_input != input || text != hash_text(body) {
        return None;
    }
    if &previous[..at] == header {
        return Some(previous);
    }
    Some(format!("{header}{}", &previous[at..]))
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
    fn a_file_is_reused_only_for_the_same_tokens_and_an_unedited_text() {
        let tokens = of_tokens(&quote!(
            pub struct A;
        ));
        let body = "pub struct A;\n";
        let file = format!("// header\n{}{body}", line(&tokens, body));
        let reuse = |file: &str, header: &str, input: &str| reuse(file.to_owned(), header, input);
        assert_eq!(reuse(&file, "// header\n", &tokens), Some(file.clone()));
        // A new header (another docs revision) keeps the body and its line.
        let moved = format!("// other\n{}{body}", line(&tokens, body));
        assert_eq!(reuse(&file, "// other\n", &tokens), Some(moved));
        let other = of_tokens(&quote!(
            pub struct B;
        ));
        assert_eq!(reuse(&file, "// header\n", &other), None);
        let edited = file.replace("struct A", "struct  A");
        assert_eq!(reuse(&edited, "// header\n", &tokens), None);
        assert_eq!(reuse(body, "// header\n", &tokens), None);
    }

    #[test]
    fn the_generator_source_is_every_file_of_src() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let listed: Vec<&str> = GENERATOR.iter().map(|(name, _)| *name).collect();
        assert_eq!(files, listed);
        let this = GENERATOR
            .iter()
            .find(|(n, _)| *n == "fingerprint.rs")
            .unwrap();
        assert!(this
            .1
            .contains("fn the_generator_source_is_every_file_of_src"));
    }

    #[test]
    fn plans_differ_by_plan_and_generators_by_line() {
        let a = of_plan(&("structs", vec!["A"]));
        assert_eq!(a, of_plan(&("structs", vec!["A"])));
        assert_ne!(a, of_plan(&("structs", vec!["B"])));
        assert_ne!(a, of_tokens(&quote!(("structs", vec!["A"]))));
        let facade = format!("// header\n{}pub mod x;\n", generator_line());
        assert!(made_by_this_generator(&facade));
        let other = facade.replace("generator: ", "generator: 0");
        assert!(!made_by_this_generator(&other));
        assert!(!made_by_this_generator("// header\npub mod x;\n"));
    }

    /// The files of the previous output `generate_with` asks for, when its
    /// facade has `facade_line` as its generator line.
    fn files_read(facade_line: &str) -> Vec<String> {
        use graphdoc_schema::{Schema, Source, TypeDef, TypeKind};
        let mut schema = Schema {
            version: "v1.0".into(),
            ..Schema::default()
        };
        let user = TypeDef::new(
            "user",
            "microsoft.graph",
            TypeKind::Entity,
            Source::new("u.md", 1),
        );
        schema.types.insert(user.qualified_name(), user);
        let read = std::sync::Mutex::new(Vec::new());
        let facade = format!("// header\n{facade_line}");
        crate::generate_with(&[schema], &crate::Options::default(), &|path| {
            read.lock().unwrap().push(path.to_owned());
            (path == crate::FACADE_LIB).then(|| facade.clone())
        });
        let mut read = read.into_inner().unwrap();
        read.sort();
        read
    }

    #[test]
    fn only_this_generators_output_is_reused() {
        let mine = files_read(generator_line());
        assert!(
            mine.len() > 1 && mine.iter().any(|p| p.contains("/types/src/")),
            "{mine:?}"
        );
        let other = generator_line().replace("generator: ", "generator: 0");
        assert_eq!(files_read(&other), [crate::FACADE_LIB]);
    }

    #[test]
    fn the_formatter_names_every_locked_version_of_the_crates_that_shape_the_text() {
        let lock = include_str!("../../../Cargo.lock");
        for name in ["prettyplease", "syn", "quote", "proc-macro2"] {
            let versions: Vec<&str> = lock
                .split("[[package]]")
                .filter(|p| p.lines().any(|l| l == format!("name = \"{name}\"")))
                .filter_map(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
                .map(|v| v.trim_end_matches('"'))
                .collect();
            assert!(!versions.is_empty(), "{name} in Cargo.lock");
            for version in versions {
                assert!(
                    FORMATTER.contains(&format!("{name} {version}")),
                    "{name} {version} is locked; FORMATTER is `{FORMATTER}`"
                );
            }
        }
    }
}
