//! The query options and request headers an operation's page documents,
//! as methods of [`Request`]. Each is available where the generated
//! operation implements its trait here (`impl query::Top for ListUsers
//! {}`), so an option the page does not list does not compile; the
//! escape hatches [`Request::query`] and [`Request::header`] send anything.
//!
//! `$select`, `$expand` and `$orderby` take the returned type's property
//! names as values of its generated `properties` enum
//! (`properties::User::DisplayName`): a misspelt name does not compile.
//! Their `_raw` forms take the text as written (`microsoft.graph.user/mail`,
//! nested options). An option given nothing (`select(&[])`, `filter("")`)
//! is not sent, and takes off an earlier value.

use super::operation::Operation;
use super::request::Request;

/// A property name of a generated type (its `properties` enum).
pub trait PropertyName: Copy {
    /// The name on the wire (`displayName`).
    fn wire_name(self) -> &'static str;
}

/// The property names of a response that is not an object: none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoProperties {}

impl PropertyName for NoProperties {
    fn wire_name(self) -> &'static str {
        match self {}
    }
}

/// The operation takes `$select`, over the properties of `Property`.
pub trait Select: Operation {
    type Property: PropertyName;
}

/// The operation takes `$expand`, over the properties of `Property`.
pub trait Expand: Operation {
    type Property: PropertyName;
}

/// The operation takes `$orderby`, over the properties of `Property`.
pub trait OrderBy: Operation {
    type Property: PropertyName;
}

/// The operation takes `$filter`.
pub trait Filter: Operation {}
/// The operation takes `$top`.
pub trait Top: Operation {}
/// The operation takes `$skip`.
pub trait Skip: Operation {}
/// The operation takes `$count`.
pub trait Count: Operation {}
/// The operation takes `$search`.
pub trait Search: Operation {}
/// The operation takes `$skipToken`.
pub trait SkipToken: Operation {}
/// The operation takes `$format`.
pub trait Format: Operation {}

/// The page lists the `ConsistencyLevel` header (advanced queries on
/// directory objects: `$count`, `$search`, `$filter` with `endsWith`…).
pub trait ConsistencyLevel: Operation {}
/// The page lists the `Prefer` header.
pub trait Prefer: Operation {}
/// The returned type holds an evolvable enum (one with
/// `unknownFutureValue`), in a property of its own or of a complex value
/// in it: members added after it are sent only to a caller that asks with
/// `Prefer: include-unknown-enum-members`.
pub trait EvolvableEnums: Operation {}

fn names<P: PropertyName>(properties: &[P]) -> String {
    let mut out = String::new();
    for p in properties {
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(p.wire_name());
    }
    out
}

impl<O: Select> Request<O> {
    /// `$select=a,b`: only these properties are returned.
    pub fn select(self, properties: &[O::Property]) -> Self {
        self.option("$select", names(properties))
    }
    /// `$select` as written (`id,microsoft.graph.user/mail`).
    pub fn select_raw(self, select: &str) -> Self {
        self.option("$select", select.to_owned())
    }
}

impl<O: Expand> Request<O> {
    /// `$expand=a,b`: these navigation properties come inline.
    pub fn expand(self, properties: &[O::Property]) -> Self {
        self.option("$expand", names(properties))
    }
    /// `$expand` as written (`members($select=id,displayName)`).
    pub fn expand_raw(self, expand: &str) -> Self {
        self.option("$expand", expand.to_owned())
    }
}

impl<O: OrderBy> Request<O> {
    /// `$orderby=a,b`, ascending.
    pub fn order_by(self, properties: &[O::Property]) -> Self {
        self.option("$orderby", names(properties))
    }
    /// `$orderby=a desc,b desc`.
    pub fn order_by_desc(self, properties: &[O::Property]) -> Self {
        let text = properties
            .iter()
            .map(|p| format!("{} desc", p.wire_name()))
            .collect::<Vec<_>>()
            .join(",");
        self.option("$orderby", text)
    }
    /// `$orderby` as written (`displayName asc,createdDateTime desc`).
    pub fn order_by_raw(self, order_by: &str) -> Self {
        self.option("$orderby", order_by.to_owned())
    }
}

impl<O: Filter> Request<O> {
    /// `$filter=…` (`startswith(displayName,'a')`), encoded on output.
    pub fn filter(self, expression: &str) -> Self {
        self.option("$filter", expression.to_owned())
    }
}

impl<O: Top> Request<O> {
    /// `$top=n`: at most `n` items per page.
    pub fn top(self, n: u32) -> Self {
        self.option("$top", n.to_string())
    }
}

impl<O: Skip> Request<O> {
    /// `$skip=n`.
    pub fn skip(self, n: u32) -> Self {
        self.option("$skip", n.to_string())
    }
}

impl<O: Count> Request<O> {
    /// `$count=true`: the page carries `@odata.count`.
    pub fn count(self, count: bool) -> Self {
        self.option("$count", count.to_string())
    }
}

impl<O: Search> Request<O> {
    /// `$search=…` (`"displayName:room"`, quotes included), encoded on output.
    pub fn search(self, expression: &str) -> Self {
        self.option("$search", expression.to_owned())
    }
}

impl<O: SkipToken> Request<O> {
    /// `$skipToken=…`, as a previous page's link gave it.
    pub fn skip_token(self, token: &str) -> Self {
        self.option("$skipToken", token.to_owned())
    }
}

impl<O: Format> Request<O> {
    /// `$format=…` (`json`, or a conversion such as `pdf` for downloads).
    pub fn format(self, format: &str) -> Self {
        self.option("$format", format.to_owned())
    }
}

impl<O: ConsistencyLevel> Request<O> {
    /// `ConsistencyLevel: eventual`: the advanced queries (`$count`,
    /// `$search`, `$filter` with `endsWith` or with `$orderby`) on
    /// directory objects, answered from an index that may lag recent changes.
    pub fn consistency_level_eventual(self) -> Self {
        self.header("ConsistencyLevel", "eventual")
    }
}

impl<O: Prefer> Request<O> {
    /// Adds a preference to `Prefer` (`Prefer: a, b`) as the page documents it (`return=minimal`,
    /// `outlook.timezone="Pacific Standard Time"`).
    pub fn prefer(self, preference: &str) -> Self {
        self.add_preference(preference)
    }
}

impl<O: EvolvableEnums> Request<O> {
    /// `Prefer: include-unknown-enum-members`: evolvable enums' members
    /// added after `unknownFutureValue` come as themselves, not as
    /// `unknownFutureValue`.
    pub fn include_unknown_enum_members(self) -> Self {
        self.add_preference("include-unknown-enum-members")
    }
}
