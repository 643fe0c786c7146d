//! Generates a crate from the small fixture schema, builds it with cargo
//! (warnings denied, clippy and rustdoc too) and runs a round trip of the
//! vppToken PATCH body from the docs through the generated types.

mod common;

use common::cargo;
use graphdoc_codegen::{check, generate, write, Options};
use std::path::{Path, PathBuf};

/// The JSON body of the v1.0 Update vppToken request example.
fn vpp_token_patch_body(seeds: &Path) -> String {
    let seeds = std::fs::read_dir(seeds).expect("seeds dir");
    let mut names: Vec<PathBuf> = seeds.map(|e| e.unwrap().path()).collect();
    names.sort();
    let seed = names
        .iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("000_"))
        .expect("seed 000");
    let text = std::fs::read_to_string(seed).unwrap();
    let at = text
        .find("PATCH https://graph.microsoft.com/v1.0/deviceAppManagement/vppTokens/")
        .expect("PATCH line");
    let start = at + text[at..].find("\n{").expect("body") + 1;
    let value: serde_json::Value = serde_json::Deserializer::from_str(&text[start..])
        .into_iter()
        .next()
        .expect("a JSON value")
        .expect("valid JSON");
    serde_json::to_string_pretty(&value).unwrap()
}

const ROUND_TRIP_TEST: &str = r##"
use graph_model::runtime::{self, Field, Method, Nav, Operation, Poly, Wire};
use graph_model::v1_0 as m;

const BODY: &str = include_str!("vpp_token_patch.json");

#[test]
fn vpp_token_patch_body_round_trips() {
    let original: serde_json::Value = serde_json::from_str(BODY).unwrap();
    let token: m::VppToken = serde_json::from_str(BODY).unwrap();
    assert_eq!(token.state, Field::Value(m::VppTokenState::Valid));
    assert_eq!(token.last_sync_status, Field::Value(m::VppTokenSyncStatus::InProgress));
    assert_eq!(token.vpp_token_account_type, Field::Value(m::VppTokenAccountType::Education));
    assert_eq!(token.automatically_update_apps, Field::Value(true));
    assert!(token.id.is_absent() && token.last_modified_date_time.is_absent());
    let expires = token.expiration_date_time.value().unwrap();
    assert_eq!(expires.as_str(), "2016-12-31T23:57:57.2481234-08:00");
    assert_eq!((expires.year(), expires.nanosecond(), expires.offset_minutes()), (2016, 248_123_400, Some(-480)));
    assert_eq!(expires.unix_timestamp(), 1_483_257_477);
    assert_eq!(token.additional_properties["@odata.type"], "#microsoft.graph.vppToken");

    let written = serde_json::to_value(&token).unwrap();
    assert_eq!(written, original);
    // Same order too: annotations first, then schema order.
    assert_eq!(serde_json::to_string(&token).unwrap(), serde_json::to_string(&original).unwrap());
}

#[test]
fn pages_and_error_bodies_read_with_serde_json() {
    let text = serde_json::json!({
        "value": [{"@odata.type": "#microsoft.graph.user", "displayName": "Ada"}, {"id": "2"}],
        "@odata.nextLink": "https://next"
    })
    .to_string();
    let text = text.as_str();
    let page: runtime::Page<m::User> = serde_json::from_str(text).unwrap();
    assert_eq!(page.value[0].display_name, Field::Value("Ada".to_string()));
    assert_eq!(page.next_link(), Some("https://next"));
    assert_eq!(serde_json::to_string(&page).unwrap(), text);
    let polys: runtime::Page<Poly<m::DirectoryObject>> = serde_json::from_str(text).unwrap();
    assert!(polys.value[0].is::<m::User>() && polys.value[1].is::<m::DirectoryObject>());
    let error: runtime::ODataError = serde_json::from_str(r#"{"error":{"code":"c","message":"m","innerError":{"request-id":"r"}}}"#).unwrap();
    assert_eq!((error.to_string(), error.request_id()), ("c: m".to_string(), Some("r")));
}

#[test]
fn a_late_odata_type_still_picks_the_derived_type() {
    let json = serde_json::json!({
        "owner": {"displayName": "Grace", "x": 1, "@odata.type": "#microsoft.graph.user", "id": "7"}
    });
    let query: m::DirectoryQuery = serde_json::from_str(&json.to_string()).unwrap();
    let owner = query.owner.value().unwrap();
    let user = owner.downcast_ref::<m::User>().unwrap();
    assert_eq!(user.display_name, Field::Value("Grace".to_string()));
    assert_eq!(user.id, Field::Value("7".to_string()));
    assert_eq!(user.additional_properties["x"], 1);
    assert_eq!(serde_json::to_value(&query).unwrap(), json);
    let copy = query.clone();
    assert_eq!(copy, query);
    assert_eq!(copy.owner.value().unwrap().downcast_ref::<m::User>().unwrap().additional_properties["x"], 1);
}

#[test]
fn errors_from_serde_json_name_the_json_path() {
    let err = serde_json::from_str::<m::DirectoryQuery>(r#"{"members": [{"id": "1"}, {"id": 5}]}"#).unwrap_err();
    assert!(err.to_string().starts_with("members/1/id: expected a string, found a number"), "{err}");
    let err = serde_json::from_str::<m::DirectoryQuery>(r#"{"members": {"id": "1"}}"#).unwrap_err();
    assert!(err.to_string().starts_with("members: expected an array, found an object"), "{err}");
    let err = m::DirectoryQuery::from_json(serde_json::json!({"owner": [1]})).unwrap_err();
    assert_eq!((err.path(), err.kind()), ("owner".to_string(), runtime::ErrorKind::WrongType));
}

#[test]
fn patch_bodies_send_only_what_was_set_and_null_clears() {
    let mut body = m::VppToken::default();
    body.state = m::VppTokenState::Expired.into();
    body.apple_id = Field::Null;
    assert_eq!(serde_json::to_string(&body).unwrap(), r#"{"appleId":null,"state":"expired"}"#);
    let back: m::VppToken = serde_json::from_str(r#"{"appleId":null}"#).unwrap();
    assert!(back.apple_id.is_null() && back.state.is_absent());
}

#[test]
fn polymorphic_payloads_pick_the_derived_type_and_keep_unknown_ones() {
    let json = serde_json::json!({
        "members": [
            {"@odata.type": "#microsoft.graph.user", "id": "1", "displayName": "Ada"},
            {"@odata.type": "#microsoft.graph.group", "id": "2", "mailEnabled": true},
            {"@odata.type": "#microsoft.graph.device", "id": "3", "deviceId": "x"},
            {"id": "4"}
        ],
        "owner": {"@odata.type": "#microsoft.graph.user", "displayName": "Grace"},
        "colors": "red,blue",
        "futureProperty": {"nested": [1, 2]}
    });
    let query = m::DirectoryQuery::from_json(json.clone()).unwrap();
    let members = query.members.value().unwrap();
    let user = members[0].downcast_ref::<m::User>().unwrap();
    assert_eq!(user.display_name.value().map(String::as_str), Some("Ada"));
    assert_eq!(members[1].downcast_ref::<m::Group>().unwrap().mail_enabled, Field::Value(true));
    assert_eq!(members[2].type_name(), "microsoft.graph.directoryObject");
    let unknown = members[2].downcast_ref::<m::DirectoryObject>().unwrap();
    assert_eq!(unknown.additional_properties["deviceId"], "x");
    assert!(members[3].is::<m::DirectoryObject>());
    assert!(query.owner.value().unwrap().is::<m::User>());
    let colors = query.colors.value().unwrap();
    assert!(colors.contains(&m::Color::Red) && colors.contains(&m::Color::Blue) && !colors.contains(&m::Color::Green));
    assert_eq!(query.to_json(), json);

    let group: Poly<m::DirectoryObject> = Poly::new(m::Group { mail_enabled: true.into(), ..Default::default() }).unwrap();
    assert_eq!(group.to_json(), serde_json::json!({"@odata.type": "#microsoft.graph.group", "mailEnabled": true}));
    assert!(Poly::<m::User>::new(m::Group::default()).is_err());
}

#[test]
fn navigation_properties_are_kept_as_received_and_read_on_demand() {
    let json = serde_json::json!({
        "id": "g",
        "members": [{"@odata.type": "#microsoft.graph.user", "displayName": "Ada"}, {"id": "x"}],
        "createdOnBehalfOf": {"id": "u"}
    });
    let group: m::Group = serde_json::from_value(json.clone()).unwrap();
    let members = group.members.value().unwrap().get().unwrap();
    assert!(members[0].is::<m::User>() && members[1].is::<m::DirectoryObject>());
    assert_eq!(group.created_on_behalf_of.value().unwrap().json()["id"], "u");
    assert_eq!(serde_json::to_value(&group).unwrap(), json);
    // A value of another shape is kept; reading it as the type says why not.
    let odd = m::Group::from_json(serde_json::json!({"members": 5})).unwrap();
    let error = odd.members.value().unwrap().get().unwrap_err();
    assert_eq!(error.kind(), runtime::ErrorKind::WrongType);
    assert_eq!(odd.to_json(), serde_json::json!({"members": 5}));
    // Sending one: a deep insert or a bind body.
    let owner: Poly<m::DirectoryObject> =
        Poly::new(m::User { display_name: "Grace".to_owned().into(), ..Default::default() }).unwrap();
    let body = m::Group { created_on_behalf_of: Nav::new(&owner).into(), ..Default::default() };
    assert_eq!(
        body.to_json(),
        serde_json::json!({"createdOnBehalfOf": {"@odata.type": "#microsoft.graph.user", "displayName": "Grace"}})
    );
}

#[test]
fn hostile_names_and_edm_types() {
    let json = serde_json::json!({
        "type": "t", "self": "9007199254740993", "@odata.type": "#x", "3dModel": "9CEB2F92-2F92-9CEB-922F-EB9C922FEB9C",
        "content-type": "aGVsbG8=", "contentType": "PT1H30M", "additionalProperties": "NaN",
        "when": "2017-09-04", "at": "11:00:00.0000000", "amount": 1.5, "mystery": {"a": 1},
        "result": {"string": "s"}, "anything": [[1, "a"], "b"], "ratio": 4.666666666666667
    });
    let o = m::Option::from_json(json.clone()).unwrap();
    assert_eq!(o.type_, Field::Value("t".to_string()));
    assert_eq!(o.self_, Field::Value(9_007_199_254_740_993));
    assert_eq!(o.odata_type, Field::Value("#x".to_string()));
    assert_eq!(o.n3d_model.value().unwrap().to_u128(), 0x9ceb2f922f929ceb922feb9c922feb9c);
    assert_eq!(o.content_type.value().unwrap().decode().unwrap(), b"hello");
    assert_eq!(o.content_type_2.value().unwrap().to_std(), Some(std::time::Duration::from_secs(5400)));
    assert!(o.additional_properties_2.value().unwrap().is_nan());
    assert_eq!(o.when.value().unwrap().month(), 9);
    assert_eq!(o.at.value().unwrap().hour(), 11);
    assert_eq!(o.result.value().unwrap().string, Field::Value("s".to_string()));
    assert_eq!(o.anything, Field::Value(serde_json::json!([[1, "a"], "b"])));
    assert_eq!(o.ratio, Field::Value(4.666666666666667));
    let mut expected = json;
    expected["self"] = serde_json::json!(9_007_199_254_740_993_i64);
    assert_eq!(o.to_json(), expected);
    let err = m::Option::from_json(serde_json::json!({"when": "2017-13-01"})).unwrap_err();
    assert_eq!(err.path(), "when");
    let err = m::Option::from_json(serde_json::json!({"ratio": "0.5"})).unwrap_err();
    assert_eq!((err.path(), err.kind()), ("ratio".to_string(), runtime::ErrorKind::WrongType));
    let _: m::String = m::String::default();
    assert_eq!(m::Keywords::Self_.as_str(), "self");
    assert_eq!(m::Keywords::Self2.as_str(), "Self");
    assert_eq!(m::Keywords::Other2.as_str(), "other");
    assert_eq!((m::Keywords::Error.as_str(), m::Keywords::Err.as_str()), ("error", "err"));
    assert_eq!("err".parse::<m::Keywords>(), Ok(m::Keywords::Err));
    let future: m::Keywords = serde_json::from_str(r#""newValue""#).unwrap();
    assert_eq!(future, m::Keywords::Other("newValue".into()));
    assert_eq!(serde_json::to_string(&future).unwrap(), r#""newValue""#);
}

#[test]
fn derived_types_match_and_the_base_keeps_the_rest() {
    let page: runtime::Page<Poly<m::DirectoryObject>> = serde_json::from_value(serde_json::json!({"value": [
        {"@odata.type": "#microsoft.graph.user", "id": "1", "displayName": "Ada"},
        {"@odata.type": "#microsoft.graph.group", "id": "2", "mailEnabled": true},
        {"@odata.type": "#microsoft.graph.device", "id": "3", "deviceId": "x"}
    ]}))
    .unwrap();
    let kinds: Vec<String> = page
        .value
        .into_iter()
        .map(|member| match member.into_derived() {
            m::derived::DirectoryObject::User(u) => format!("user {}", u.display_name.value().unwrap()),
            m::derived::DirectoryObject::Group(g) => format!("group {:?}", g.mail_enabled),
            m::derived::DirectoryObject::Other(o) => format!("other {}", o.additional_properties["deviceId"]),
        })
        .collect();
    assert_eq!(kinds, ["user Ada", "group Value(true)", "other \"x\""]);
    // A derived value taken as its base keeps its own properties and type.
    let user = Poly::<m::DirectoryObject>::new(m::User { display_name: "Ada".to_owned().into(), ..Default::default() }).unwrap();
    let base = user.clone().into_base();
    assert_eq!(base.additional_properties["displayName"], "Ada");
    assert_eq!(
        user.downcast::<m::Group>().map(|_| ()).unwrap_err().type_name(),
        "microsoft.graph.user"
    );
    use runtime::PropertyName;
    assert_eq!(m::properties::User::DisplayName.wire_name(), "displayName");
    assert_eq!(format!("{:?}", m::properties::User::Id), "id");
}

#[test]
fn operation_descriptors() {
    type Update = m::operations::UpdateVppToken;
    assert_eq!(Update::METHOD, Method::Patch);
    assert_eq!(Update::METHOD.as_str(), "PATCH");
    assert_eq!(
        runtime::expand_path(Update::PATH, &[("vppTokenId", "a b/c")]).unwrap(),
        "/deviceAppManagement/vppTokens/a%20b%2Fc"
    );
    let body: <Update as Operation>::Request = serde_json::from_str(BODY).unwrap();
    let _: <Update as Operation>::Response = body.clone();
    type Reply = m::operations::ReplyToPost;
    assert_eq!(Reply::PATH, "/groups/{group-id}/threads/{thread-id}/posts/{post-id}/reply");
    let mut reply = m::operations::ReplyToPostBody::default();
    reply.notify = Field::Value(true);
    reply.self_ = Field::Value(vec!["a".to_owned()]);
    let body: <Reply as Operation>::Request = reply;
    assert_eq!(
        body.to_json(),
        serde_json::json!({"notify": true, "self": ["a"]})
    );
    let params = m::operations::ReplyToPostPath {
        group_id: Some("g 1".into()),
        thread_id: Some("t1".into()),
        post_id: Some("p1".into()),
    };
    assert_eq!(
        Reply::path(&params).unwrap(),
        "/groups/g%201/threads/t1/posts/p1/reply"
    );
    assert!(Reply::path(&Default::default()).is_err());
    type List = m::operations::ListMembers;
    assert_eq!(List::PATH, "/groups/{id}/members");
    let page = <List as Operation>::Response::from_json(serde_json::json!({
        "value": [{"@odata.type": "#microsoft.graph.user", "id": "1"}],
        "@odata.nextLink": "https://next"
    }))
    .unwrap();
    assert!(page.value[0].is::<m::User>());
    assert_eq!(page.next_link(), Some("https://next"));
    assert!(graph_model::beta::lookup_type("microsoft.graph.user").is_some());
    // One object refuses a collection response and one object wrapped in
    // `value`: either would end up as one unknown property.
    for (body, found) in [
        (serde_json::json!({"value": [{"id": "1"}]}), "a collection response"),
        (serde_json::json!({"@odata.context": "c", "value": {"id": "1"}}), "it wrapped in `value`"),
    ] {
        let err = m::User::from_json(body).unwrap_err();
        assert_eq!(err.kind(), graph_model::runtime::ErrorKind::WrongShape);
        assert!(err.to_string().contains(found), "{err}");
    }
    assert!(m::User::from_json(serde_json::json!({"id": "1", "value": {"a": 1}})).is_ok());
}
"##;

#[test]
fn generated_crate_builds_and_round_trips_the_vpp_token_patch_body() {
    let Some(seeds) = graphdoc_testdata::shared("seeds") else {
        return;
    };
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("codegen-compile");
    let out = work.join("model");
    // The derive is vendored into the output, as for any user.
    let options = Options {
        crate_name: "graph-model".into(),
        source: "the test fixture schema".into(),
        standalone_workspace: true,
        ..Options::default()
    };
    let generated = generate(
        &[common::small_schema("v1.0"), common::small_schema("beta")],
        &options,
    );
    write(&out, &generated).unwrap();
    check(&out, &generated).unwrap();
    std::fs::create_dir_all(out.join("tests")).unwrap();
    std::fs::write(
        out.join("tests/vpp_token_patch.json"),
        vpp_token_patch_body(&seeds),
    )
    .unwrap();
    std::fs::write(out.join("tests/round_trip.rs"), ROUND_TRIP_TEST).unwrap();
    // Hand-written files beside generated ones are not generated files.
    check(&out, &generated).unwrap();

    let target = common::compile_target_dir();
    cargo(
        &out,
        &target,
        &[
            "test",
            "--offline",
            "--workspace",
            "--all-features",
            "--quiet",
        ],
    );
    cargo(&out, &target, &common::CLIPPY);
    cargo(
        &out,
        &target,
        &[
            "doc",
            "--offline",
            "--workspace",
            "--all-features",
            "--no-deps",
            "--quiet",
        ],
    );
}
