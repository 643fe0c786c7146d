//! The vppToken enums as the docs publish them: v1.0 strict, and the beta
//! vppTokenState (with `unknownFutureValue` and `duplicateLocationId`) in
//! forward-compatible mode.

use graphdoc_enum_derive::GraphEnum;

mod v1 {
    use super::GraphEnum;

    #[derive(Clone, Debug, PartialEq, Eq, Hash, GraphEnum)]
    #[graph_enum(name = "vppTokenState")]
    pub enum VppTokenState {
        #[graph_enum(rename = "unknown", value = 0)]
        Unknown,
        #[graph_enum(rename = "valid", value = 1)]
        Valid,
        #[graph_enum(rename = "expired", value = 2)]
        Expired,
        #[graph_enum(rename = "invalid", value = 3)]
        Invalid,
        #[graph_enum(rename = "assignedToExternalMDM", value = 4)]
        AssignedToExternalMdm,
    }

    #[derive(Clone, Debug, PartialEq, Eq, Hash, GraphEnum)]
    #[graph_enum(name = "vppTokenSyncStatus")]
    pub enum VppTokenSyncStatus {
        #[graph_enum(rename = "none", value = 0)]
        None,
        #[graph_enum(rename = "inProgress", value = 1)]
        InProgress,
        #[graph_enum(rename = "completed", value = 2)]
        Completed,
        #[graph_enum(rename = "failed", value = 3)]
        Failed,
    }

    #[derive(Clone, Debug, PartialEq, Eq, Hash, GraphEnum)]
    #[graph_enum(name = "vppTokenAccountType")]
    pub enum VppTokenAccountType {
        #[graph_enum(rename = "business", value = 0)]
        Business,
        #[graph_enum(rename = "education", value = 1)]
        Education,
    }
}

mod beta {
    use super::GraphEnum;

    #[derive(Clone, Debug, PartialEq, Eq, Hash, GraphEnum)]
    #[graph_enum(name = "vppTokenState")]
    pub enum VppTokenState {
        #[graph_enum(rename = "unknown", value = 0)]
        Unknown,
        #[graph_enum(rename = "valid", value = 1)]
        Valid,
        #[graph_enum(rename = "expired", value = 2)]
        Expired,
        #[graph_enum(rename = "invalid", value = 3)]
        Invalid,
        #[graph_enum(rename = "assignedToExternalMDM", value = 4)]
        AssignedToExternalMdm,
        #[graph_enum(rename = "unknownFutureValue", value = 5)]
        UnknownFutureValue,
        #[graph_enum(rename = "duplicateLocationId", value = 6)]
        DuplicateLocationId,
        #[graph_enum(other)]
        Other(::std::string::String),
    }
}

const V1_STATE_ERROR: &str =
    "invalid vppTokenState `String`: expected one of unknown, valid, expired, invalid, assignedToExternalMDM";

#[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct VppToken {
    vpp_token_account_type: v1::VppTokenAccountType,
    state: v1::VppTokenState,
    last_sync_status: v1::VppTokenSyncStatus,
}

#[test]
fn v1_token_round_trips_education_valid_in_progress() {
    let json =
        r#"{"vppTokenAccountType":"education","state":"valid","lastSyncStatus":"inProgress"}"#;
    let token: VppToken = serde_json::from_str(json).unwrap();
    assert_eq!(
        token,
        VppToken {
            vpp_token_account_type: v1::VppTokenAccountType::Education,
            state: v1::VppTokenState::Valid,
            last_sync_status: v1::VppTokenSyncStatus::InProgress,
        }
    );
    assert_eq!(serde_json::to_string(&token).unwrap(), json);
}

#[test]
fn v1_state_rejects_a_type_name_in_strict_mode() {
    let error = "String".parse::<v1::VppTokenState>().unwrap_err();
    assert_eq!(error.to_string(), V1_STATE_ERROR);
    assert_eq!(error.value(), "String");

    let json =
        r#"{"vppTokenAccountType":"education","state":"String","lastSyncStatus":"inProgress"}"#;
    let error = serde_json::from_str::<VppToken>(json)
        .unwrap_err()
        .to_string();
    assert!(error.starts_with(V1_STATE_ERROR), "{error}");
}

#[test]
fn v1_values_follow_the_member_value_tables() {
    assert_eq!(
        v1::VppTokenState::MEMBERS,
        [
            "unknown",
            "valid",
            "expired",
            "invalid",
            "assignedToExternalMDM"
        ]
    );
    assert_eq!(v1::VppTokenState::VALUES, [0, 1, 2, 3, 4]);
    assert_eq!(v1::VppTokenState::AssignedToExternalMdm.value(), 4);
    assert_eq!(
        v1::VppTokenSyncStatus::try_from(3),
        Ok(v1::VppTokenSyncStatus::Failed)
    );
    assert_eq!(
        v1::VppTokenAccountType::try_from(1),
        Ok(v1::VppTokenAccountType::Education)
    );
    assert_eq!(
        v1::VppTokenAccountType::try_from(2)
            .unwrap_err()
            .to_string(),
        "invalid vppTokenAccountType value 2: expected one of 0, 1"
    );
}

#[test]
fn beta_state_keeps_newer_members_and_unknown_strings() {
    use beta::VppTokenState;
    let read: Vec<VppTokenState> =
        serde_json::from_str(r#"["valid","duplicateLocationId","unknownFutureValue","String"]"#)
            .unwrap();
    assert_eq!(
        read,
        [
            VppTokenState::Valid,
            VppTokenState::DuplicateLocationId,
            VppTokenState::UnknownFutureValue,
            VppTokenState::Other("String".to_owned()),
        ]
    );
    assert_eq!(
        serde_json::to_string(&read).unwrap(),
        r#"["valid","duplicateLocationId","unknownFutureValue","String"]"#
    );
    assert_eq!(VppTokenState::EVOLVABLE_MEMBERS, ["duplicateLocationId"]);
    assert!(VppTokenState::DuplicateLocationId.is_evolvable());
    assert!(!VppTokenState::Valid.is_evolvable());
    assert!(!VppTokenState::UnknownFutureValue.is_sendable());
    assert!(read[3].is_sendable());
    assert!(!read[3].is_known());
}

#[test]
fn beta_state_parses_strictly_on_request() {
    assert_eq!(
        "String"
            .parse::<beta::VppTokenState>()
            .unwrap_err()
            .to_string(),
        "invalid vppTokenState `String`: expected one of unknown, valid, expired, invalid, \
         assignedToExternalMDM, unknownFutureValue, duplicateLocationId"
    );
}

#[test]
fn v1_state_does_not_know_the_beta_member() {
    let error = "duplicateLocationId"
        .parse::<v1::VppTokenState>()
        .unwrap_err();
    assert_eq!(error.value(), "duplicateLocationId");
    assert_eq!(v1::VppTokenState::EVOLVABLE_MEMBERS, [] as [&str; 0]);
    assert!(v1::VppTokenState::Valid.is_sendable());
}
