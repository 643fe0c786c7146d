//! GL0016: a relative link that climbs above the docs root. Found by the
//! link scan of [`super::broken_link`]; this module holds the rule.

use super::Rule;
use graphdoc_schema::Severity;

/// The GL0016 link-leaves-tree rule, reported when a relative link climbs above the docs root.
pub const RULE: Rule = Rule {
    code: "GL0016",
    name: "link-leaves-tree",
    default_severity: Severity::Warning,
    enabled: true,
    summary: "a relative link climbs above the docs root",
    explain: "GL0016 link-leaves-tree\n\n\
A relative markdown link `[text](../../x.md)` whose `..` steps climb above\n\
the root of the docs tree. Such a link cannot work on the published site,\n\
and graphdoc checks links inside the docs tree only: the target is never\n\
looked for, so a page cannot learn what exists on the machine that lints\n\
it. The message quotes the link as the page writes it. Fix: link inside\n\
the tree, or use an absolute URL.\n",
    aliases: &["GL016"],
};
