//! The words of a localised reference: section headings, table headers,
//! type words, collection and title patterns, and the phrases the facts
//! reader looks for, one table per language (`locales/<lang>.toml`,
//! embedded at build time). Every lookup maps a localised spelling back to
//! the English one the rest of the front-end reads.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

mod fold;
pub use fold::{fold, fold_into};

/// The vocabulary files, by file stem.
const SOURCES: [(&str, &str); 10] = [
    ("de", include_str!("../locales/de.toml")),
    ("es", include_str!("../locales/es.toml")),
    ("fr", include_str!("../locales/fr.toml")),
    ("it", include_str!("../locales/it.toml")),
    ("ja", include_str!("../locales/ja.toml")),
    ("ko", include_str!("../locales/ko.toml")),
    ("pt-BR", include_str!("../locales/pt-BR.toml")),
    ("ru", include_str!("../locales/ru.toml")),
    ("zh-Hans", include_str!("../locales/zh-Hans.toml")),
    ("zh-Hant", include_str!("../locales/zh-Hant.toml")),
];

/// English words as keys, their localised spellings as values.
type Spellings = BTreeMap<String, Vec<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    tags: Vec<String>,
    headings: Spellings,
    table_headers: Spellings,
    types: Spellings,
    patterns: Patterns,
    phrases: Spellings,
    list_words: Spellings,
    /// Words a translation puts for common enum members (`Keine` → `none`).
    #[serde(default)]
    member_words: Spellings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Patterns {
    collection: Vec<String>,
    resource_title: Vec<String>,
    complex_title: Vec<String>,
    enum_title: Vec<String>,
    values_heading: Vec<String>,
}

/// A pattern with one `{}`: the text around the hole, compared ignoring case.
#[derive(Debug, Clone)]
pub struct Pattern {
    prefix: String,
    suffix: String,
}

impl Pattern {
    fn new(spec: &str) -> Pattern {
        let (prefix, suffix) = spec.split_once("{}").unwrap_or((spec, ""));
        Pattern {
            prefix: prefix.to_string(),
            suffix: suffix.to_string(),
        }
    }

    /// What the hole holds in `text`, when `text` fits the pattern.
    pub fn capture<'t>(&self, text: &'t str) -> Option<&'t str> {
        // ASCII words around the hole take at least their length in any
        // case (a character that lowers to ASCII is no shorter).
        if self.prefix.is_ascii()
            && self.suffix.is_ascii()
            && text.len() < self.prefix.len() + self.suffix.len()
        {
            return None;
        }
        let rest = strip_prefix_ci(text, &self.prefix)?;
        let hole = strip_suffix_ci(rest, &self.suffix)?;
        let hole = hole.trim();
        (!hole.is_empty()).then_some(hole)
    }

    fn len(&self) -> usize {
        self.prefix.len() + self.suffix.len()
    }
}

/// What a localised title says the page defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    /// `x resource type`.
    Resource,
    /// `x complex type`.
    Complex,
    /// `x enum type`.
    Enum,
}

impl TitleKind {
    /// The English title of a page defining `subject`.
    pub fn english(self, subject: &str) -> String {
        match self {
            TitleKind::Resource => format!("{subject} resource type"),
            TitleKind::Complex => format!("{subject} complex type"),
            TitleKind::Enum => format!("{subject} enum type"),
        }
    }
}

/// A phrase found in a text: its bytes, and which of the language's
/// phrases it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    /// Where it starts in the text (bytes).
    pub start: usize,
    /// Where it ends.
    pub end: usize,
    phrase: usize,
}

/// A list of (localised, English) pairs by its spellings in [`lower`]
/// case: a whole word is found in one look-up rather than compared with
/// every spelling ignoring case, the first pair in the list's order winning
/// as it did.
#[derive(Debug, Default)]
struct Lookup {
    index: std::collections::HashMap<String, usize, BuildWordHasher>,
    /// The longest spelling in bytes, lower case: a longer ASCII word is
    /// none of them.
    longest: usize,
}

impl Lookup {
    fn new(pairs: &[(String, String)]) -> Self {
        let mut lookup = Lookup::default();
        for (i, (local, _)) in pairs.iter().enumerate() {
            let key = lower(local);
            lookup.longest = lookup.longest.max(key.len());
            lookup.index.entry(key).or_insert(i);
        }
        lookup
    }

    /// The English of `word` in `pairs` (the list this was built from).
    fn find<'p>(&self, pairs: &'p [(String, String)], word: &str) -> Option<&'p str> {
        let at = if word.is_ascii() {
            if word.len() > self.longest {
                return None;
            }
            // Lower case on the stack: no allocation per look-up.
            const MAX: usize = 64;
            let mut buffer = [0u8; MAX];
            match buffer.get_mut(..word.len()) {
                Some(key) => {
                    key.copy_from_slice(word.as_bytes());
                    key.make_ascii_lowercase();
                    let key = std::str::from_utf8(key).ok()?;
                    self.index.get(key)
                }
                None => self.index.get(&word.to_ascii_lowercase()),
            }
        } else {
            self.index.get(&lower(word))
        };
        at.and_then(|&i| pairs.get(i))
            .map(|(_, english)| english.as_str())
    }
}

/// FNV-1a over the bytes of a word: the look-ups hash short words, for which
/// the standard hasher's setup costs more than the word. The keys are the
/// vocabulary's own spellings, so a page's words cannot crowd one bucket
/// (they are looked up, never inserted).
#[derive(Debug, Clone, Copy)]
struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> Self {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type BuildWordHasher = std::hash::BuildHasherDefault<WordHasher>;

/// One language's vocabulary.
#[derive(Debug)]
pub struct Locale {
    /// The vocabulary file's name: `de`, `pt-BR`, `zh-Hans`…
    pub name: &'static str,
    tags: Vec<String>,
    /// (localised, English), longest localised spelling first.
    headings: Vec<(String, String)>,
    table_headers: Vec<(String, String)>,
    types: Vec<(String, String)>,
    phrases: Vec<(String, String)>,
    /// The localised phrases [`fold`]ed, in the same order.
    phrases_folded: Vec<Vec<u8>>,
    /// One automaton over `phrases_folded`, built on first use: a page is
    /// searched once for every phrase instead of once per phrase and line.
    phrase_matcher: OnceLock<AhoCorasick>,
    /// (localised, English) words between list values: `und` → `and`.
    list_words: Vec<(String, String)>,
    member_words: Vec<(String, String)>,
    /// Each list above by its spellings, for the lookups of a whole word.
    by_heading: Lookup,
    by_table_header: Lookup,
    by_type: Lookup,
    by_member_word: Lookup,
    collection: Vec<Pattern>,
    titles: Vec<(Pattern, TitleKind)>,
    values_heading: Vec<Pattern>,
}

/// Every language the vocabulary covers, in file-name order.
pub fn all() -> &'static [Locale] {
    static ALL: OnceLock<Vec<Locale>> = OnceLock::new();
    ALL.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(name, text)| {
                // The files are part of the build and a unit test parses each,
                // so a bad one cannot reach a user.
                let file: File = toml::from_str(text)
                    .unwrap_or_else(|e| panic!("locales/{name}.toml is not a vocabulary: {e}"));
                Locale::from_file(name, file)
            })
            .collect()
    })
}

/// The vocabulary for an `ms.contentlocale` value (`de-DE`, `pt-br`, `zh-tw`);
/// `None` for English and for a language the vocabulary does not cover.
pub fn for_tag(tag: &str) -> Option<&'static Locale> {
    let tag = tag.trim().trim_matches('"').trim_matches('\'');
    // `get`: a tag is page text, and its first two bytes may end inside a
    // character.
    let english = tag.get(..2).is_some_and(|l| l.eq_ignore_ascii_case("en"));
    if tag.is_empty() || english {
        return None;
    }
    let exact = all()
        .iter()
        .find(|l| l.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)));
    exact.or_else(|| {
        let language = tag.split(['-', '_']).next().unwrap_or(tag);
        all()
            .iter()
            .find(|l| l.tags.iter().any(|t| t.eq_ignore_ascii_case(language)))
    })
}

/// The language of a page: its front matter's `ms.contentlocale`, else the
/// language most of its headings are in (none when they read as English).
pub fn detect(text: &str) -> Option<&'static Locale> {
    if let Some(tag) = front_matter_value(text, "ms.contentlocale") {
        return for_tag(tag);
    }
    // Counted per language through one index of every language's headings
    // (comparing each heading with every language's list cost a quarter of
    // a whole regeneration). Ties go to the first language, as before.
    let index = heading_index();
    let mut hits = vec![0usize; all().len()];
    for line in text.lines().filter(|l| l.starts_with('#')) {
        let heading = visible_heading(line.trim_start_matches('#'));
        let Some(entries) = index.get(&lower(heading)) else {
            continue;
        };
        let mut counted = usize::MAX;
        for &(locale, english) in entries {
            if locale != counted && !english.eq_ignore_ascii_case(heading) {
                hits[locale] += 1;
                counted = locale;
            }
        }
    }
    let mut best: Option<(&'static Locale, usize)> = None;
    for (locale, &n) in all().iter().zip(&hits) {
        if n > 0 && best.is_none_or(|(_, most)| n > most) {
            best = Some((locale, n));
        }
    }
    best.map(|(locale, _)| locale)
}

/// Text in lower case (any script): two texts are equal ignoring case
/// (character by character) exactly when their `lower` forms are equal.
fn lower(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.chars().flat_map(char::to_lowercase).collect()
    }
}

/// Every language's localised headings in [`lower`] case, each with the
/// (language index in [`all`], English heading) pairs it spells, languages
/// in order.
fn heading_index() -> &'static std::collections::HashMap<String, Vec<(usize, &'static str)>> {
    static INDEX: OnceLock<std::collections::HashMap<String, Vec<(usize, &'static str)>>> =
        OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: std::collections::HashMap<String, Vec<(usize, &'static str)>> =
            std::collections::HashMap::new();
        for (i, locale) in all().iter().enumerate() {
            for (local, english) in &locale.headings {
                index
                    .entry(lower(local))
                    .or_default()
                    .push((i, english.as_str()));
            }
        }
        index
    })
}

/// A front-matter field's value (`key: value` between the `---` lines).
pub fn front_matter_value<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    let mut lines = text.lines();
    if lines.next()?.trim_end() != "---" {
        return None;
    }
    for line in lines {
        if line.trim_end() == "---" {
            return None;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.trim().eq_ignore_ascii_case(key) {
                return Some(v.trim().trim_matches('"').trim_matches('\''));
            }
        }
    }
    None
}

/// A heading's text without its HTML anchors (`<a name="x"></a>`).
pub fn visible_heading(text: &str) -> &str {
    let mut t = text.trim();
    while let Some(rest) = t.strip_prefix("<a ") {
        match find_short(rest, "</a>")
            .map(|i| i + 4)
            .or_else(|| find_short(rest, "/>").map(|i| i + 2))
        {
            Some(end) => t = rest[end..].trim_start(),
            None => break,
        }
    }
    t.trim()
}

/// The anchor name a heading carries (`<a name="properties"></a>`): the
/// English heading's slug in translated pages.
pub fn heading_anchor(text: &str) -> Option<&str> {
    let at = find_short(text, "<a ")?;
    let rest = &text[at..];
    let value = find_short(rest, "name=\"")
        .map(|i| &rest[i + 6..])
        .or_else(|| find_short(rest, "id=\"").map(|i| &rest[i + 4..]))?;
    value.split('"').next().filter(|v| !v.is_empty())
}

/// [`str::find`] for a heading: a byte-by-byte scan, where setting up the
/// general substring search costs more than a heading's few bytes.
fn find_short(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w == needle)
}

impl Locale {
    fn from_file(name: &'static str, file: File) -> Locale {
        let pairs = |spellings: Spellings| {
            let mut pairs: Vec<(String, String)> = spellings
                .into_iter()
                .flat_map(|(english, local)| {
                    local
                        .into_iter()
                        .filter(move |l| !l.trim().is_empty())
                        .map(move |l| (l.trim().to_string(), english.clone()))
                })
                .collect();
            pairs.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
            pairs
        };
        let patterns = |specs: &[String]| {
            let mut patterns: Vec<Pattern> = specs.iter().map(|s| Pattern::new(s)).collect();
            patterns.sort_by_key(|p| std::cmp::Reverse(p.len()));
            patterns
        };
        let phrases = pairs(file.phrases);
        let p = &file.patterns;
        let mut titles: Vec<(Pattern, TitleKind)> = [
            (&p.resource_title, TitleKind::Resource),
            (&p.complex_title, TitleKind::Complex),
            (&p.enum_title, TitleKind::Enum),
        ]
        .into_iter()
        .flat_map(|(specs, kind)| specs.iter().map(move |s| (Pattern::new(s), kind)))
        .collect();
        titles.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let headings = pairs(file.headings);
        let table_headers = pairs(file.table_headers);
        let types = pairs(file.types);
        let member_words = pairs(file.member_words);
        Locale {
            name,
            tags: file.tags,
            by_heading: Lookup::new(&headings),
            by_table_header: Lookup::new(&table_headers),
            by_type: Lookup::new(&types),
            by_member_word: Lookup::new(&member_words),
            headings,
            table_headers,
            types,
            phrases_folded: phrases.iter().map(|(l, _)| fold(l)).collect(),
            phrase_matcher: OnceLock::new(),
            phrases,
            list_words: pairs(file.list_words),
            member_words,
            collection: patterns(&p.collection),
            titles,
            values_heading: patterns(&p.values_heading),
        }
    }

    /// The English section heading for a localised one (`Eigenschaften` →
    /// `Properties`); a heading that goes on after the word keeps the rest
    /// (`Antwort 2` → `Response 2`).
    pub fn heading(&self, text: &str) -> Option<String> {
        let text = text.trim();
        if let Some(english) = self.by_heading.find(&self.headings, text) {
            return Some(english.to_string());
        }
        self.headings.iter().find_map(|(local, english)| {
            let rest = strip_prefix_ci(text, local)?;
            rest.starts_with([' ', ':', '(', '-', '：'])
                .then(|| format!("{english}{rest}"))
        })
    }

    /// The English table header for a localised one (`Eigenschaft` → `Property`).
    pub fn table_header(&self, cell: &str) -> Option<&str> {
        let cell = cell.trim().trim_matches('*').trim();
        self.by_table_header.find(&self.table_headers, cell)
    }

    /// The English member a translation's word for a common enum member
    /// stands for (`Keine` → `none`).
    pub fn member_word(&self, word: &str) -> Option<&str> {
        let word = word.trim();
        self.by_member_word.find(&self.member_words, word)
    }

    /// The Edm word for a localised type word (`Zeichenfolge` → `String`).
    pub fn type_word(&self, word: &str) -> Option<&str> {
        let word = word.trim().trim_matches('`').trim();
        self.by_type.find(&self.types, word)
    }

    /// A type cell in English, when the cell is written in this language:
    /// `Zeichenfolge` → `String`, `[x](x.md)-Sammlung` → `[x](x.md) collection`,
    /// `Coleção de cadeias de caracteres` → `String collection`. `None` when
    /// nothing in the cell is localised.
    pub fn type_cell(&self, cell: &str) -> Option<String> {
        let cell = cell.trim();
        if let Some(english) = self.type_word(cell) {
            return Some(english.to_string());
        }
        // The collection word inside the link: `[coleção x](x.md)`.
        if let Some((text, target)) = crate::cells::whole_link(cell) {
            let inner = self.type_cell(text)?;
            let name = inner.strip_suffix(" collection")?;
            return Some(format!("[{name}]({target}) collection"));
        }
        self.collection.iter().find_map(|pattern| {
            let inner = pattern.capture(cell)?;
            let word = self.type_word(inner);
            let inner = word.unwrap_or(inner);
            // A word glued to the collection word (`Benutzersammlung`) is a
            // translated noun, not a type name; a type word or link is not.
            let glued = !pattern.prefix.is_empty() && !pattern.prefix.ends_with([' ', '(', '-'])
                || !pattern.suffix.is_empty() && !pattern.suffix.starts_with([' ', ')', '-']);
            let named = word.is_some()
                || inner.starts_with('[')
                || crate::types::primitive(inner).is_some();
            (is_type_text(inner) && (named || !glued)).then(|| format!("{inner} collection"))
        })
    }

    /// What a localised title defines (`user-Ressourcentyp` → `user`, resource).
    pub fn title<'t>(&self, text: &'t str) -> Option<(&'t str, TitleKind)> {
        let text = text.trim();
        self.titles.iter().find_map(|(pattern, kind)| {
            let subject = pattern.capture(text)?;
            crate::types::is_type_identifier(subject).then_some((subject, *kind))
        })
    }

    /// The enum an `### x values` heading names, in this language.
    pub fn values_heading<'t>(&self, text: &'t str) -> Option<&'t str> {
        let text = text.trim();
        self.values_heading.iter().find_map(|pattern| {
            pattern
                .capture(text)
                .filter(|s| crate::types::is_type_identifier(s))
        })
    }

    /// `text` with this language's phrases replaced by the English ones the
    /// facts reader knows (`Mögliche Werte sind:` → `Possible values are:`);
    /// `None` when it holds none.
    pub fn phrases(&self, text: &str) -> Option<String> {
        let found = self.phrase_matches(text);
        self.replace_phrases(text, 0, &found)
    }

    /// Where this language's phrases are in `text`, in order: at each place
    /// the longest phrase that starts there, ignoring case (compared as
    /// [`fold`]s). One pass over a whole page: [`Locale::replace_phrases`]
    /// then rewrites any line of it from the matches inside the line.
    pub fn phrase_matches(&self, text: &str) -> Vec<PhraseMatch> {
        self.phrase_matches_folded(&fold(text))
    }

    /// [`Locale::phrase_matches`] in a text already [`fold`]ed (offsets
    /// are the text's). No phrase holds a line break, so lines folded one
    /// after the other, each ended by one, have the matches each line has
    /// on its own.
    pub fn phrase_matches_folded(&self, folded: &[u8]) -> Vec<PhraseMatch> {
        self.phrase_matcher()
            .find_iter(folded)
            .map(|m| PhraseMatch {
                start: m.start(),
                end: m.end(),
                phrase: m.pattern().as_usize(),
            })
            .collect()
    }

    /// `text` with the phrases `found` in it in English: `text` starts at
    /// `base` in the text [`Locale::phrase_matches`] found them in, and
    /// `found` are those inside `text`, in order. `None` when that changes
    /// nothing.
    pub fn replace_phrases(
        &self,
        text: &str,
        base: usize,
        found: &[PhraseMatch],
    ) -> Option<String> {
        if found.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(text.len() + 16);
        let mut at = 0;
        for m in found {
            out.push_str(&text[at..m.start - base]);
            out.push_str(&self.phrases[m.phrase].1);
            at = m.end - base;
        }
        out.push_str(&text[at..]);
        let out = self.list_words_in_values(&out);
        (out != text).then_some(out)
    }

    fn phrase_matcher(&self) -> &AhoCorasick {
        self.phrase_matcher.get_or_init(|| {
            // Leftmost-longest: the phrase the earliest place starts, the
            // longest there; among phrases that fold alike, the first.
            AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&self.phrases_folded)
                .expect("the vocabulary's phrases are far below the automaton's limits")
        })
    }

    /// The words between the values of each "Possible values are: …"
    /// sentence in English (`a, b und c` → `a, b and c`), so the facts
    /// reader splits the list; the rest of the text is left alone.
    fn list_words_in_values(&self, text: &str) -> String {
        const MARKER: &str = "Possible values are:";
        if self.list_words.is_empty() || !text.contains(MARKER) {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find(MARKER) {
            let start = at + MARKER.len();
            out.push_str(&rest[..start]);
            let after = &rest[start..];
            let end = after
                .find(". ")
                .or_else(|| after.find('|'))
                .unwrap_or(after.len());
            // Values the translation left without commas: `a` `b`.
            let mut list = after[..end].replace("` `", "`, `");
            for (local, english) in &self.list_words {
                if english == "," {
                    list = list.replace(local.as_str(), ", ");
                } else {
                    list = list.replace(&format!(" {local} "), &format!(" {english} "));
                    list = unglue_after_code(&list, local, english);
                }
            }
            out.push_str(&list);
            rest = &after[end..];
        }
        out.push_str(rest);
        out
    }
}

/// `list` with a list word a translation glued to the end of a code span
/// (`` `returned`e `reassigned` ``) set apart in English (`` `returned` and
/// `reassigned` ``). Only a backtick that closes a span counts: an odd
/// number of backticks before it.
fn unglue_after_code(list: &str, local: &str, english: &str) -> String {
    let glued = format!("`{local} ");
    if !list.contains(&glued) {
        return list.to_string();
    }
    let mut out = String::with_capacity(list.len() + 8);
    let mut rest = list;
    let mut ticks = 0usize;
    while let Some(at) = rest.find(&glued) {
        ticks += rest[..at].matches('`').count();
        out.push_str(&rest[..at]);
        if ticks % 2 == 1 {
            out.push_str(&format!("` {english} "));
        } else {
            out.push_str(&glued);
        }
        ticks += 1;
        rest = &rest[at + glued.len()..];
    }
    out.push_str(rest);
    out
}

/// A type as the English type-cell reader takes it: a word, a link, a name.
fn is_type_text(s: &str) -> bool {
    let plain = crate::cells::plain(s);
    crate::types::primitive(&plain).is_some()
        || crate::types::is_type_identifier(&plain)
        || (s.starts_with('[') && crate::types::is_type_identifier(&plain))
}

/// `s` without `prefix`, compared ignoring case (any script).
pub fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    // Two ASCII first bytes that differ but in case: no match, whatever
    // follows (only a character outside ASCII may lower to an ASCII one).
    if let (Some(a), Some(b)) = (s.as_bytes().first(), prefix.as_bytes().first()) {
        if a.is_ascii() && b.is_ascii() && !a.eq_ignore_ascii_case(b) {
            return None;
        }
    }
    // ASCII facing ASCII: bytes compare as characters do.
    if let Some(head) = s.as_bytes().get(..prefix.len()) {
        if prefix.is_ascii() && head.is_ascii() {
            return head
                .eq_ignore_ascii_case(prefix.as_bytes())
                .then(|| &s[prefix.len()..]);
        }
    }
    let mut rest = s;
    for p in prefix.chars() {
        let c = rest.chars().next()?;
        if c != p && !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
        rest = &rest[c.len_utf8()..];
    }
    Some(rest)
}

/// `s` without `suffix`, compared ignoring case (any script).
pub fn strip_suffix_ci<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    // The last bytes, as the first ones in [`strip_prefix_ci`].
    if let (Some(a), Some(b)) = (s.as_bytes().last(), suffix.as_bytes().last()) {
        if a.is_ascii() && b.is_ascii() && !a.eq_ignore_ascii_case(b) {
            return None;
        }
    }
    // ASCII facing ASCII: bytes compare as characters do.
    if let Some(cut) = s.len().checked_sub(suffix.len()) {
        let tail = &s.as_bytes()[cut..];
        if suffix.is_ascii() && tail.is_ascii() {
            return tail
                .eq_ignore_ascii_case(suffix.as_bytes())
                .then(|| &s[..cut]);
        }
    }
    let mut rest = s;
    for p in suffix.chars().rev() {
        let c = rest.chars().next_back()?;
        if c != p && !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
        rest = &rest[..rest.len() - c.len_utf8()];
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Equal ignoring case (any script): what every look-up and [`fold`]
    /// stand for.
    fn eq_ci(a: &str, b: &str) -> bool {
        if a.is_ascii() && b.is_ascii() {
            return a.eq_ignore_ascii_case(b);
        }
        a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
    }

    #[test]
    fn a_lookup_finds_what_comparing_with_every_spelling_found() {
        for locale in all() {
            for pairs in [&locale.headings, &locale.table_headers, &locale.types] {
                let lookup = Lookup::new(pairs);
                let mut words: Vec<String> = pairs.iter().map(|(l, _)| l.clone()).collect();
                words.extend(pairs.iter().map(|(l, _)| l.to_uppercase()));
                words.extend(
                    ["", "x", "Typ ", "ZEICHENFOLGE", "Cadeia de Caracteres"].map(String::from),
                );
                words.push("a".repeat(100));
                for word in &words {
                    let linear = pairs
                        .iter()
                        .find(|(l, _)| eq_ci(l, word))
                        .map(|(_, e)| e.as_str());
                    assert_eq!(lookup.find(pairs, word), linear, "{}: {word}", locale.name);
                }
            }
        }
    }

    #[test]
    fn no_phrase_holds_a_line_break() {
        // Lines are searched folded one after the other (PhraseLines).
        for locale in all() {
            for (local, _) in &locale.phrases {
                assert!(!local.contains('\n'), "{}: {local:?}", locale.name);
            }
        }
    }

    #[test]
    fn every_vocabulary_parses_and_covers_the_sections() {
        assert_eq!(all().len(), SOURCES.len());
        for locale in all() {
            for english in [
                "Properties",
                "Relationships",
                "JSON representation",
                "Members",
            ] {
                assert!(
                    locale.headings.iter().any(|(_, e)| e == english),
                    "{}: no {english}",
                    locale.name
                );
            }
            for english in ["String", "Boolean", "Int32"] {
                assert!(
                    locale.types.iter().any(|(_, e)| e == english),
                    "{}: no {english}",
                    locale.name
                );
            }
            assert!(!locale.collection.is_empty() && !locale.titles.is_empty());
        }
    }

    /// The detection as it was first written: every heading against every
    /// language's list.
    fn detect_pairwise(text: &str) -> Option<&'static Locale> {
        let headings: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with('#'))
            .map(|l| visible_heading(l.trim_start_matches('#')))
            .collect();
        let mut best: Option<(&'static Locale, usize)> = None;
        for locale in all() {
            let hits = headings
                .iter()
                .filter(|h| {
                    locale
                        .headings
                        .iter()
                        .any(|(local, english)| eq_ci(local, h) && !english.eq_ignore_ascii_case(h))
                })
                .count();
            if hits > 0 && best.is_none_or(|(_, n)| hits > n) {
                best = Some((locale, hits));
            }
        }
        best.map(|(locale, _)| locale)
    }

    #[test]
    fn the_heading_index_detects_what_the_pairwise_comparison_did() {
        let mut pages = vec!["# x\n## Properties\n## Methods\n".to_owned()];
        for locale in all() {
            let headings: Vec<&(String, String)> = locale.headings.iter().collect();
            for (i, (local, english)) in headings.iter().enumerate() {
                let next = &headings[(i + 1) % headings.len()].0;
                pages.push(format!("# t\n## {local}\n## {english}\n"));
                pages.push(format!(
                    "# t\n## {}\n### <a name=\"a\"></a>{next}\n",
                    local.to_uppercase()
                ));
            }
        }
        for page in &pages {
            assert_eq!(
                detect(page).map(|l| l.name),
                detect_pairwise(page).map(|l| l.name),
                "{page}"
            );
        }
    }

    #[test]
    fn tags_and_detection() {
        assert_eq!(for_tag("de-DE").map(|l| l.name), Some("de"));
        assert_eq!(for_tag("pt-br").map(|l| l.name), Some("pt-BR"));
        assert_eq!(for_tag("zh-tw").map(|l| l.name), Some("zh-Hant"));
        assert_eq!(for_tag("fr-CA").map(|l| l.name), Some("fr"));
        assert!(for_tag("en-US").is_none());
        assert!(for_tag("xx-YY").is_none());
        let page = "# x\n\n## Propriedades\n\n## Relações\n";
        assert_eq!(detect(page).map(|l| l.name), Some("pt-BR"));
        assert!(detect("# x resource type\n\n## Properties\n## Methods\n").is_none());
        let front = "---\nms.contentlocale: de-DE\n---\n## Properties\n";
        assert_eq!(detect(front).map(|l| l.name), Some("de"));
    }

    #[test]
    fn a_tag_that_starts_with_a_wide_character_is_no_language() {
        // The first two bytes end inside the character.
        assert!(for_tag("€").is_none());
        assert!(for_tag("eé-FR").is_none());
        let front = "---\nms.contentlocale: d…\n---\n## Eigenschaften\n";
        assert!(detect(front).is_none());
    }

    #[test]
    fn type_cells() {
        let de = for_tag("de").unwrap();
        assert_eq!(de.type_cell("Zeichenfolge").as_deref(), Some("String"));
        assert_eq!(de.type_cell("Boolescher Wert").as_deref(), Some("Boolean"));
        assert_eq!(
            de.type_cell("[x](x.md)-Sammlung").as_deref(),
            Some("[x](x.md) collection")
        );
        assert_eq!(
            de.type_cell("Sammlung von Objekten des Typs [x](x.md)")
                .as_deref(),
            Some("[x](x.md) collection")
        );
        assert_eq!(
            de.type_cell("String-Sammlung").as_deref(),
            Some("String collection")
        );
        assert_eq!(de.type_cell("String"), None);
        assert_eq!(de.type_cell("Benutzersammlung"), None);
        let pt = for_tag("pt-BR").unwrap();
        assert_eq!(
            pt.type_cell("Coleção de cadeias de caracteres").as_deref(),
            Some("String collection")
        );
        assert_eq!(
            pt.type_cell("Coleção [x](x.md)").as_deref(),
            Some("[x](x.md) collection")
        );
        assert_eq!(pt.type_cell("Booliano").as_deref(), Some("Boolean"));
        assert_eq!(
            pt.type_cell("[coleção subjectSet](../resources/subjectset.md)")
                .as_deref(),
            Some("[subjectSet](../resources/subjectset.md) collection")
        );
    }

    #[test]
    fn titles_headings_and_phrases() {
        let de = for_tag("de").unwrap();
        assert_eq!(
            de.title("user-Ressourcentyp"),
            Some(("user", TitleKind::Resource))
        );
        assert_eq!(
            de.title("Ressourcentyp „user“"),
            Some(("user", TitleKind::Resource))
        );
        assert_eq!(de.title("x-Enumerationstyp"), Some(("x", TitleKind::Enum)));
        assert_eq!(
            de.values_heading("freeBusyStatus-Werte"),
            Some("freeBusyStatus")
        );
        assert_eq!(de.heading("Antwort 2").as_deref(), Some("Response 2"));
        assert_eq!(de.heading("Eigenschaften").as_deref(), Some("Properties"));
        assert_eq!(
            de.phrases("Mögliche Werte sind: a, b.").as_deref(),
            Some("Possible values are: a, b.")
        );
        assert_eq!(
            de.phrases("Grund. Mögliche Werte sind: `a`, `b` und `c`. Hund und Katze.")
                .as_deref(),
            Some("Grund. Possible values are: `a`, `b` and `c`. Hund und Katze.")
        );
        let pt = for_tag("pt-BR").unwrap();
        // A list word glued to the value before it is still a list word.
        assert_eq!(
            pt.phrases("Os valores possíveis são: `aberto`, `fechado`e `arquivado`.")
                .as_deref(),
            Some("Possible values are: `aberto`, `fechado` and `arquivado`.")
        );
        assert_eq!(
            pt.phrases("Os valores possíveis são: `e `, `b`.")
                .as_deref(),
            Some("Possible values are: `e `, `b`.")
        );
        assert_eq!(
            pt.title("Tipo de recurso sortProperty"),
            Some(("sortProperty", TitleKind::Resource))
        );
        assert_eq!(
            visible_heading(" <a name=\"p\"></a>Eigenschaften"),
            "Eigenschaften"
        );
        assert_eq!(
            heading_anchor("<a name=\"properties\"></a>Eigenschaften"),
            Some("properties")
        );
    }
}
