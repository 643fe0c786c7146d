//! Codes of the front-end's diagnostics.

/// A page with no `# title`, or an enum page whose title names no enum.
pub const NO_TITLE: &str = "GD0001";
/// An annotation comment that is not JSON even when read tolerantly.
pub const BAD_ANNOTATION: &str = "GD0002";
/// A Type cell that names no type graphdoc knows how to read.
pub const BAD_TYPE_CELL: &str = "GD0003";
/// A row with more cells than its header.
pub const RAGGED_ROW: &str = "GD0004";
/// A property row with no Type cell, or an empty one.
pub const MISSING_CELL: &str = "GD0005";
/// A first cell that is not a property name.
pub const BAD_PROPERTY_NAME: &str = "GD0006";
/// `Enumeration` or `enum` as a type, without the enum's name.
pub const UNNAMED_ENUM: &str = "GD0007";
/// A type spelled other than its Edm name (`int`, `DateTime`).
pub const TYPE_ALIAS: &str = "GD0008";
/// A reference to a type or enum no page of the version defines.
pub const UNKNOWN_TYPE: &str = "GD0009";
/// A type or enum defined on more than one page.
pub const DUPLICATE_DEFINITION: &str = "GD0010";
/// A property listed twice for one type.
pub const DUPLICATE_PROPERTY: &str = "GD0011";
/// An enum member row with a bad name or a value that is not a number.
pub const BAD_ENUM_VALUE: &str = "GD0012";
/// A page that defines no type or enum.
pub const NO_ITEMS: &str = "GD0013";
/// A page that is not valid UTF-8.
pub const INVALID_UTF8: &str = "GD0014";
/// A page file that cannot be read.
pub const UNREADABLE: &str = "GD0015";
/// What a page says about a type's kind disagrees with other evidence.
pub const KIND_FROM_TYPE: &str = "GD0016";
/// A table under a properties heading that is not a property table.
pub const UNKNOWN_HEADER: &str = "GD0017";
/// An API page with no `METHOD /path` line under `## HTTP request`.
pub const NO_HTTP_REQUEST: &str = "GD0018";
// GD0019 (an unknown base type) is now a GD0009 like any unknown type.
/// A property only the JSON representation shows.
pub const JSON_ONLY_PROPERTY: &str = "GD0020";
/// A base type read from the other version's page of the type.
pub const BASE_FROM_OTHER_VERSION: &str = "GD0021";
/// A request line whose path cannot be read.
pub const GARBLED_REQUEST_LINE: &str = "GD0022";
/// A property added from a "List x" / "Get x" page's path.
pub const PROPERTY_FROM_PATH: &str = "GD0023";
/// The annotation and the text name different base types.
pub const BASE_STATED_TWICE: &str = "GD0024";
/// A row's last cell continued on the next line.
pub const CELL_LINE_BREAK: &str = "GD0025";
/// An API page whose response is one object in one place and a collection in another.
pub const RESPONSE_SHAPE: &str = "GD0026";

/// What a [`RESPONSE_SHAPE`] note is about, as its key: the kind of
/// disagreement. Its subject is the operation's title; the notes about one
/// example (`WRAPPED_OBJECT`, `EXAMPLE_SHAPE`) stand at that example's
/// body, so that a reader of the examples (model-check) blames the docs
/// for that example only.
pub mod shape_dispute {
    /// The Response section states the other shape than the example shows.
    pub const STATED_SHAPE: &str = "stated-shape";
    /// A `List …` page or a delta function that says and shows one object.
    pub const LIST_ANSWERS_ONE: &str = "list-answers-one";
    /// A GET of one keyed entity that says it answers a collection.
    pub const KEYED_ANSWERS_COLLECTION: &str = "keyed-answers-collection";
    /// This example shows another shape than the operation is read as,
    /// the page's examples disagreeing among themselves.
    pub const EXAMPLE_SHAPE: &str = "example-shape";
    /// This example wraps one object in `{"value": …}`.
    pub const WRAPPED_OBJECT: &str = "wrapped-object";
    /// A download (a `302`, a body that is not JSON) beside a JSON body.
    pub const DOWNLOAD_BESIDE_JSON: &str = "download-beside-json";
    /// A list whose example items do not derive from the stated type.
    pub const ITEMS_OUTSIDE_TYPE: &str = "items-outside-type";
    /// A body shown where the page names no type.
    pub const UNTYPED_BODY: &str = "untyped-body";
    /// The disputes about one example, at its body's line.
    pub const ABOUT_AN_EXAMPLE: [&str; 2] = [EXAMPLE_SHAPE, WRAPPED_OBJECT];
}

/// What each code means and what the page should say instead: the text
/// of `graphdoc explain GDxxxx`.
pub static EXPLANATIONS: &[(&str, &str)] = &[
    (NO_TITLE, "A resource, enum or API page has no `# title` heading (or an enum page's title does not name the enum), so graphdoc cannot tell what it defines. The page is not read. Fix: start the page with `# x resource type`, `# x enum type` or the API's title."),
    (BAD_ANNOTATION, "An annotation comment (`<!-- { \"blockType\": … } -->`) is not valid JSON. A trailing comma is forgiven; anything else makes graphdoc read the block without its annotation (no `@odata.type`, `keyProperty`, `baseType`…). Fix: make the comment valid JSON."),
    (BAD_TYPE_CELL, "A Type cell names no type graphdoc understands (not an Edm primitive, not a link, not a type name). The property is not read. Fix: write the type as `String`, `[x](x.md)`, `x collection`…"),
    (RAGGED_ROW, "A table row has more cells than its header, usually an unescaped `|` in a description. The extra cells are read as part of the description. Fix: escape the pipe as `\\|`."),
    (MISSING_CELL, "A property row has no Type cell, or an empty one. The property is not read. Fix: fill in the type."),
    (BAD_PROPERTY_NAME, "The first cell of a property row is not a property name (it has spaces or punctuation). The row is not read. Fix: put the property name alone in the first cell. An OData annotation (`site@odata.bind`) or a path into a nested object (`files/fileName`) is only a note: the docs mean it, but the schema holds no such rows."),
    (UNNAMED_ENUM, "A Type cell says `Enumeration` or `enum` without naming the enum, so the property's type is unknown. The property is not read. Fix: link the enum by name."),
    (TYPE_ALIAS, "A Type cell uses a spelling that is not the Edm name (`int`, `DateTime`, `Url`…). It is read as the canonical type named in the message. Fix: use the Edm name."),
    (UNKNOWN_TYPE, "A property, base type, request or response refers to a type or enum that no page of this version defines. The reference is kept as written. Fix: add the type's page, or correct the name."),
    (DUPLICATE_DEFINITION, "A type or enum is defined on more than one page (or as both a type and an enum). Types are merged (the page named after the type first); of two enums the longer member list is kept. Fix: define it once."),
    (DUPLICATE_PROPERTY, "A property is listed twice for the same type. The first row is kept. Fix: remove the duplicate row."),
    (BAD_ENUM_VALUE, "An enum members row has a member name that is not an identifier (the row is not read), or a value that is not a number (read without a value). Fix: one member name and its numeric value per row."),
    (NO_ITEMS, "A page defines no type or enum: an enum page without a members table, or a resource page without a title, annotation or property table graphdoc recognizes. Fix: add the table or annotation."),
    (INVALID_UTF8, "The page is not valid UTF-8. Invalid bytes are read as U+FFFD; the line of the first one is given. Fix: save the page as UTF-8."),
    (UNREADABLE, "The page file cannot be read at all (permissions, a directory in its place…). It is skipped."),
    (KIND_FROM_TYPE, "What the page says about a type's kind contradicts other evidence: a `keyProperty` naming no property on a type with no base and no methods (read as a complex type), or a property listed under Properties whose type is an entity (read as navigation) or under Relationships whose type is not. Fix: move the row, or correct the annotation."),
    (UNKNOWN_HEADER, "A table under a properties heading has no Type column, or describes something other than the page's type. Its rows are not read as properties. Fix: use the `Property | Type | Description` header."),
    (NO_HTTP_REQUEST, "An API page has no `METHOD /path` line in a code block under `## HTTP request`. The operation is read without a method or paths."),
    (JSON_ONLY_PROPERTY, "A property appears in the JSON representation but in no table. It is read from the representation's placeholder (`\"x\": \"String\"`) when that tells its type, and not read otherwise or on an open type (whose examples may show anything). Fix: add a table row."),
    (BASE_FROM_OTHER_VERSION, "The page states no base type, but the same type's page in the other version of the docs does; that base is used. Fix: state the base on this page too."),
    (GARBLED_REQUEST_LINE, "A `METHOD path` line under `## HTTP request` is not a readable path: text follows it that is neither a query nor `HTTP/1.1` (`GET /users/{id} | upn/chats`), a `{` or `(` is not closed, or it does not start with `/`. The line's path is not read. Fix: one path per line, alternatives on lines of their own."),
    (PROPERTY_FROM_PATH, "A \"List x\" or \"Get x\" API page reads `GET …/{owner}/x`, but no table of the owner's page lists `x`. graphdoc adds `x` to the owner (navigation when its type is an entity) with the type the API page returns; the note is at the owner's page. Fix: add `x` to the owner's Relationships or Properties table."),
    (CELL_LINE_BREAK, "A table row's last cell goes on over a line break: the next line has no leading pipe and the row no trailing one. Markdown ends a row at the line break and renders the rest as a row of its own (usually with an empty Type cell); graphdoc reads the line as the rest of the row, so the description and its facts (possible values…) are kept. Fix: join the lines, or use `<br>` inside the cell."),
    (RESPONSE_SHAPE, "What an API page says it returns disagrees with itself: the Response section names one object and the example returns a collection (`\"value\": [ … ]`), or the other way round; or the page lists (`List …`, `delta`) or gets one keyed entity (`…/{id}`) but says or shows the other shape. graphdoc follows the example where there is one (it is what the service sent), else the operation (a list or delta answers a page, a keyed get one entity), and says which it chose. Also: an example that wraps one object in `{\"value\": {…}}` (OData wraps only a primitive, an enum or a collection; read as the object, and the generated model refuses the wrapper); a list whose example items do not derive from the stated type (read as a page of their common base); a page showing a download (a `302`, a body that is not JSON) beside a JSON body (read as the JSON body); a GET whose page names no type but shows a body (read as untyped JSON). Fix: make the Response sentence, the example and the title agree."),
    (BASE_STATED_TWICE, "The annotation's `baseType` and the text (\"Inherits from [x]\") name different bases. When the text's base derives from the annotation's, both hold and the nearer one (the text's) is used (a note); otherwise the annotation is kept (a warning). Fix: make them agree."),
];

/// The explanation of a front-end code (`GD0023`), if there is one; the
/// docs walk's and the limits' codes (GD09xx) included.
pub fn explain(code: &str) -> Option<&'static str> {
    EXPLANATIONS
        .iter()
        .chain(crate::tree::codes::EXPLANATIONS)
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, text)| *text)
}
