//! JSON lines: one object per finding, its fields as
//! [`graphdoc_schema::Finding`] serializes them, plus the code's `name`
//! and the finding's `identity` (what baselines record).

use graphdoc_schema::Finding;
use std::fmt::Write as _;

/// One JSON object a line per finding, with its code's name and its identity (the baseline file's format).
pub fn render(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let mut v = serde_json::to_value(f).expect("a finding serializes");
        if let Some(o) = v.as_object_mut() {
            let name = crate::registry::lookup(&f.code).map_or("", |c| c.name);
            o.insert("name".into(), name.into());
            o.insert("identity".into(), f.identity().into());
        }
        let _ = writeln!(out, "{v}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::tests::finding;

    #[test]
    fn one_object_per_line() {
        let out = render(&[finding(), finding()]);
        let lines: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["code"], "GL0007");
        assert_eq!(lines[0]["name"], "duplicate-description");
        assert_eq!(lines[0]["line"], 3);
        assert_eq!(lines[0]["column"], 2);
        assert_eq!(lines[0]["severity"], "warning");
        assert_eq!(lines[0]["notes"][0], "earlier: a");
        assert_eq!(lines[0]["identity"], finding().identity());
        let back: Finding = serde_json::from_value(lines[0].clone()).unwrap();
        assert_eq!(back.message, finding().message);
    }
}
