//! `--max-*`: the bounds every command reads a docs tree within
//! (`graphdoc_docs::Limits`). Command-line flags only: the docs tree's own
//! files (`graphdoc-lint.toml`) come from the pull request under check, and
//! must not be able to lift the bounds that protect the run from it.

use clap::Args;
use graphdoc_docs::Limits;

/// The help section of these flags (set on each: a heading for the group
/// would carry over to the command's flags after it).
const HEADING: &str = "Limits (a page over one is a finding and is not read)";

/// Sizes take a K, M or G suffix (powers of 1024), as ripgrep's
/// `--max-filesize` does.
#[derive(Args, Clone, Debug)]
pub struct LimitArgs {
    /// Largest page file, in bytes or with a K, M or G suffix (over it: GD0903).
    #[arg(long, help_heading = HEADING, value_name = "SIZE", value_parser = size, default_value_t = Size(Limits::default().page_bytes))]
    pub max_page_size: Size,
    /// Longest line of a page (GD0904).
    #[arg(long, help_heading = HEADING, value_name = "SIZE", value_parser = size, default_value_t = Size(Limits::default().line_bytes as u64))]
    pub max_line_length: Size,
    /// Most rows of one table (GD0905).
    #[arg(long, help_heading = HEADING, value_name = "NUM", default_value_t = Limits::default().table_rows)]
    pub max_table_rows: usize,
    /// Deepest nesting of block quotes and list items (GD0906).
    #[arg(long, help_heading = HEADING, value_name = "NUM", default_value_t = Limits::default().nesting_depth)]
    pub max_nesting: usize,
    /// Largest fenced JSON example (GD0907).
    #[arg(long, help_heading = HEADING, value_name = "SIZE", value_parser = size, default_value_t = Size(Limits::default().json_bytes as u64))]
    pub max_json_size: Size,
    /// Deepest nesting of objects and arrays in a JSON example (GD0908).
    #[arg(long, help_heading = HEADING, value_name = "NUM", default_value_t = Limits::default().json_depth)]
    pub max_json_depth: usize,
}

impl LimitArgs {
    pub fn limits(&self) -> Limits {
        let bytes = |s: &Size| usize::try_from(s.0).unwrap_or(usize::MAX);
        Limits {
            page_bytes: self.max_page_size.0,
            line_bytes: bytes(&self.max_line_length),
            table_rows: self.max_table_rows,
            nesting_depth: self.max_nesting,
            json_bytes: bytes(&self.max_json_size),
            json_depth: self.max_json_depth,
        }
    }
}

/// A number of bytes, shown with the largest suffix that divides it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size(pub u64);

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0;
        match [(30, "G"), (20, "M"), (10, "K")]
            .into_iter()
            .find(|(shift, _)| n != 0 && n.is_multiple_of(1 << shift))
        {
            Some((shift, suffix)) => write!(f, "{}{suffix}", n >> shift),
            None => write!(f, "{n}"),
        }
    }
}

/// `4194304`, `4096K`, `4M`, `1G`.
fn size(value: &str) -> Result<Size, String> {
    let value = value.trim();
    let (digits, shift) = match value.char_indices().last() {
        Some((i, 'k' | 'K')) => (&value[..i], 10),
        Some((i, 'm' | 'M')) => (&value[..i], 20),
        Some((i, 'g' | 'G')) => (&value[..i], 30),
        _ => (value, 0),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| "expected a number of bytes, with an optional K, M or G suffix".to_string())?;
    n.checked_mul(1 << shift)
        .map(Size)
        .ok_or_else(|| "too large".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_and_show_with_suffixes() {
        assert_eq!(size("4M"), Ok(Size(4 << 20)));
        assert_eq!(size("512k"), Ok(Size(512 << 10)));
        assert_eq!(size("1G"), Ok(Size(1 << 30)));
        assert_eq!(size("1000"), Ok(Size(1000)));
        assert!(size("4MB").is_err());
        assert!(size("-1").is_err());
        assert!(size("99999999999G").is_err());
        assert_eq!(Size(4 << 20).to_string(), "4M");
        assert_eq!(Size(1536).to_string(), "1536");
        assert_eq!(Size(3 << 10).to_string(), "3K");
        assert_eq!(Size(0).to_string(), "0");
    }

    #[test]
    fn the_defaults_are_the_libraries_defaults() {
        use clap::Parser;
        #[derive(Parser)]
        struct Probe {
            #[command(flatten)]
            limits: LimitArgs,
        }
        let probe = Probe::try_parse_from(["probe"]).expect("no flags");
        assert_eq!(probe.limits.limits(), Limits::default());
        let probe = Probe::try_parse_from([
            "probe",
            "--max-page-size",
            "64M",
            "--max-table-rows",
            "1000000",
            "--max-json-depth",
            "7",
        ])
        .expect("flags");
        let limits = probe.limits.limits();
        assert_eq!(limits.page_bytes, 64 << 20);
        assert_eq!(limits.table_rows, 1_000_000);
        assert_eq!(limits.json_depth, 7);
        assert_eq!(limits.line_bytes, Limits::default().line_bytes);
    }
}
