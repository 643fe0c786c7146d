//! Severities, and the name the front-end knows findings by.

use serde::{Deserialize, Serialize};

pub use crate::finding::Finding;

/// How much a finding matters, ordered `Note < Warning < Error` (what `--deny` compares against).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something graphdoc forgave (tolerant parsing); no action needed.
    Note,
    /// The docs are probably wrong or ambiguous; the output may be incomplete.
    Warning,
    /// Something could not be read at all.
    Error,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

impl Severity {
    /// Every command's exit policy: whether findings of these severities
    /// fail the run (exit status 1), that is whether any is at or above
    /// `deny` (`--deny`; errors when not given). Commands in pull-request
    /// mode pass only the new findings.
    pub fn fails(deny: Option<Severity>, found: impl IntoIterator<Item = Severity>) -> bool {
        let deny = deny.unwrap_or(Severity::Error);
        found.into_iter().any(|s| s >= deny)
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "note" => Ok(Severity::Note),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!("unknown severity `{s}` (note, warning, error)")),
        }
    }
}

/// The front-end's name for a [`Finding`]: what reading the docs reported.
pub type Diagnostic = Finding;
