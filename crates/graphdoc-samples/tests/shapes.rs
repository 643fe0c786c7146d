//! The generated model refuses a response of the wrong shape instead of
//! keeping it as unknown properties (or an empty page).

use graph_model::runtime::{self, Page, Wire};
use serde_json::json;

#[test]
fn one_entity_refuses_a_collection_response() {
    let desc =
        graph_model::v1_0::lookup_type("microsoft.graph.vppToken").expect("vppToken is generated");
    let page = json!({"@odata.context": "c", "value": [{"id": "1"}]});
    let refused = runtime::poly_from_json(desc, page).unwrap_err();
    assert!(
        refused.to_string().contains("found a collection response"),
        "{refused}"
    );
    // One entity, and a page of them, still read.
    assert!(runtime::poly_from_json(desc, json!({"id": "1"})).is_ok());
    let page = Page::<serde_json::Value>::from_json(json!({"value": [{"id": "1"}]})).unwrap();
    assert_eq!(page.value.len(), 1);
}
