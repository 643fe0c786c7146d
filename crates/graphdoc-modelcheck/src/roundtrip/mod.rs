//! The samples handed to the round-trip harness, and judging what it
//! wrote back.
//!
//! # Which samples
//!
//! Every request and response body, and every other JSON block, that reads
//! (strictly or tolerantly) and whose context names a structured type the
//! docs define (`graphdoc-samples` decides the type: the operation's request
//! or response type, `isCollection`, `@odata.type`). Samples with validation
//! findings are included: an unknown property or a value that is not an enum
//! member must still survive a round trip. Resource representations are
//! left out: their values are type placeholders (`"String"`), not data.
//!
//! Each sample names the objects in it to read (`items`, JSON pointers),
//! as the validator reads them: the items of `value` (or of a bare array)
//! for a collection; for a single object wrapped in `{"value": {…}}` (an
//! Intune doc habit), the wrapped object, when the type has no `value`
//! property or the object's `@odata.type` names the type; else the
//! payload itself. The type is the one the validator chose, widened to the
//! nearest base shared with every item's `@odata.type`: the validator takes
//! the first item's type, and a list of users and groups is read as
//! `directoryObject`, each item then as its own type.
//!
//! # Who is at fault
//!
//! | reason | blame | meaning |
//! |---|---|---|
//! | `not_an_object` | docs | the payload (or a collection item) is not a JSON object |
//! | `wrong_json_type` | docs | a value of another JSON type than its property's (a string for a boolean) |
//! | `invalid_value` | docs | a malformed timestamp, date, GUID, duration or base64 text, a fraction for an integer |
//! | `out_of_range` | docs | a number outside its type's range |
//! | `not_a_flags_member` | docs | a name that is not a member of a flags enum |
//! | `unknown_type` | graphdoc | the docs define the type but the model has no struct for it |
//! | `wrong_shape` | graphdoc | the model's shape does not fit: a page read as one object, an object without `value` as a page, a body where it expects none |
//! | `disputed_shape` | docs | the same, for an example a GD0026 note is about: it wraps one object in `value`, or shows another shape than the page's other examples |
//! | `read_error` | graphdoc | the runtime refused the value for another reason |
//! | `panic` | graphdoc | the model panicked |
//! | `dropped`, `added`, `type_changed`, `value_changed` | graphdoc | the JSON written back differs from the original (see [`crate::compare`]) |
//!
//! A value the runtime refuses is one the docs' own property table says is
//! wrong, hence the docs; anything lost or changed on the way back is the
//! model's. A plain enum never refuses a value (an unknown one is kept in
//! `Other`), so "not an enum member" never fails a round trip: the
//! validator reports it.

mod judge;
mod reason;
mod samples;

pub use judge::{judge, parse_results, Failure, HarnessError, HarnessResult, Judgement, Summary};
pub use reason::{Blame, Reason};
pub use samples::{collect_samples, items, RoundTripSample};
