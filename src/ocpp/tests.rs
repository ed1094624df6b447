use serde_json::json;

use super::*;

#[test]
fn frames_round_trip() {
    for f in [
        Frame::call("a-1", "BootNotification", json!({"x": 1})),
        Frame::result("a-1", json!({})),
        Frame::error(Version::V201, "a-1", ErrorCode::NotImplemented, "no"),
    ] {
        assert_eq!(parse(&f.to_text()).unwrap(), f);
    }
    assert_eq!(
        Frame::call("7", "Heartbeat", json!({})).to_text(),
        r#"[2,"7","Heartbeat",{}]"#
    );
}

#[test]
fn malformed_frames_say_what_to_answer() {
    let m = parse("hello").unwrap_err();
    assert_eq!((m.id.as_str(), m.answer), (UNKNOWN_ID, true));
    assert_eq!(
        m.reply(Version::V201).unwrap().to_text(),
        format!(r#"[4,"-1","RpcFrameworkError","{}",{{}}]"#, m.why)
    );
    // 1.6 has no RpcFrameworkError
    assert!(
        m.reply(Version::V16)
            .unwrap()
            .to_text()
            .contains("FormationViolation")
    );

    let m = parse(r#"[2, "c1", "Heartbeat"]"#).unwrap_err();
    assert_eq!((m.id.as_str(), m.code), ("c1", ErrorCode::FormatViolation));
    let m = parse(r#"[2, "c1", "Heartbeat", []]"#).unwrap_err();
    assert!(m.answer && m.why.contains("Heartbeat"), "{m:?}");
    let m = parse(r#"[2, "c1", 5, {}]"#).unwrap_err();
    assert_eq!(m.code, ErrorCode::FormatViolation);
    let m = parse(r#"[9, "c1", "X", {}]"#).unwrap_err();
    assert_eq!(m.code, ErrorCode::MessageTypeNotSupported);
    assert_eq!(m.reply(Version::V201).unwrap().id(), "c1");
    let long = "x".repeat(MAX_ID_LEN + 1);
    let m = parse(&format!(r#"[2, "{long}", "Heartbeat", {{}}]"#)).unwrap_err();
    assert_eq!(m.id, UNKNOWN_ID);
    assert!(
        parse(&format!(
            r#"[2, "{}", "Heartbeat", {{}}]"#,
            "x".repeat(MAX_ID_LEN)
        ))
        .is_ok()
    );

    // a broken answer is never answered
    for text in [
        r#"[3, "c1"]"#,
        r#"[3, "c1", 1]"#,
        r#"[4, "c1", 1, "x", {}]"#,
        r#"[3, 1, {}]"#,
    ] {
        let m = parse(text).unwrap_err();
        assert!(
            !m.answer && m.reply(Version::V16).is_none(),
            "{text}: {m:?}"
        );
    }
}

#[test]
fn a_callerror_without_details_is_read() {
    assert_eq!(
        parse(r#"[4, "c1", "NotSupported", "no"]"#).unwrap(),
        Frame::Error {
            id: "c1".into(),
            code: "NotSupported".into(),
            description: "no".into(),
            details: json!({}),
        }
    );
}

#[test]
fn error_codes_are_spelled_as_each_version_spells_them() {
    use ErrorCode::*;
    assert_eq!(FormatViolation.name(Version::V16), "FormationViolation");
    assert_eq!(FormatViolation.name(Version::V201), "FormatViolation");
    assert_eq!(
        OccurrenceConstraintViolation.name(Version::V16),
        "OccurenceConstraintViolation"
    );
    assert_eq!(
        OccurrenceConstraintViolation.name(Version::V201),
        "OccurrenceConstraintViolation"
    );
    assert_eq!(RpcFrameworkError.name(Version::V201), "RpcFrameworkError");
    assert_eq!(NotImplemented.name(Version::V16), "NotImplemented");
}

#[test]
fn payloads_decode_or_name_the_violation() {
    let e = decode::<v16::BootNotificationReq>("BootNotification", &json!({})).unwrap_err();
    assert_eq!(e.0, ErrorCode::OccurrenceConstraintViolation);
    assert!(e.1.contains("chargePointVendor"), "{}", e.1);
    let e = decode::<v16::BootNotificationReq>(
        "BootNotification",
        &json!({"chargePointVendor": 1, "chargePointModel": "m"}),
    )
    .unwrap_err();
    assert_eq!(e.0, ErrorCode::TypeConstraintViolation);
    let e = decode::<v16::ResetReq>("Reset", &json!({"type": "Warm"})).unwrap_err();
    assert_eq!(e.0, ErrorCode::PropertyConstraintViolation);
    let r: v201::ResetRequest = decode("Reset", &json!({"type": "OnIdle"})).unwrap();
    assert_eq!(r.kind, v201::ResetType::OnIdle);
}

#[test]
fn versions_are_chosen_from_the_offer_in_our_order() {
    use Version::*;
    assert_eq!(
        Version::choose("ocpp2.0.1, ocpp1.6", &[V16, V201]),
        Some(V16)
    );
    assert_eq!(
        Version::choose("ocpp2.0.1, ocpp1.6", &[V201, V16]),
        Some(V201)
    );
    assert_eq!(Version::choose("OCPP2.0.1", &[V16, V201]), Some(V201));
    assert_eq!(Version::choose("ocpp2.0", &[V16, V201]), None);
    assert_eq!(Version::parse("2.0.1"), Some(V201));
    assert_eq!(Version::parse("ocpp1.6"), Some(V16));
    assert_eq!(Version::parse("2.1"), None);
}

#[test]
fn device_model_addresses_read_and_print() {
    for s in [
        "OCPPCommCtrlr.HeartbeatInterval",
        "EVSE@1.AvailabilityState",
        "ConnectedEV[1]@2.VehicleId[x]",
    ] {
        assert_eq!(v201::Address::parse(s).unwrap().to_string(), s);
    }
    let a = v201::Address::parse("SecurityCtrlr.Identity").unwrap();
    assert_eq!(a.component.name, "SecurityCtrlr");
    assert_eq!(a.variable.name, "Identity");
    assert!(a.same(&v201::Address::parse("securityctrlr.identity").unwrap()));
    assert!(!a.same(&v201::Address::parse("SecurityCtrlr.BasicAuthPassword").unwrap()));
    for bad in [
        "HeartbeatInterval",
        "A.",
        ".B",
        "A@0.B",
        "A@x.B",
        "A[.B",
        "A.B.C",
    ] {
        assert!(v201::Address::parse(bad).is_none(), "{bad}");
    }
}

#[test]
fn both_boot_notifications_give_the_identity() {
    let a = central::boot_identity(
        Version::V16,
        &json!({"chargePointVendor": "V", "chargePointModel": "M",
                "chargeBoxSerialNumber": "S1", "firmwareVersion": "1.0", "iccid": ""}),
    )
    .unwrap();
    assert_eq!((a.serial.as_deref(), a.iccid), (Some("S1"), None));
    let b = central::boot_identity(
        Version::V201,
        &json!({"reason": "PowerUp", "chargingStation": {"vendorName": "V", "model": "M",
                "serialNumber": "S2", "modem": {"iccid": "8947"}}}),
    )
    .unwrap();
    assert_eq!(
        (b.vendor.as_str(), b.serial.as_deref(), b.iccid.as_deref()),
        ("V", Some("S2"), Some("8947"))
    );
    // a 1.6 boot on a 2.0.1 connection is not a 2.0.1 boot
    let e = central::boot_identity(
        Version::V201,
        &json!({"chargePointVendor": "V", "chargePointModel": "M"}),
    )
    .unwrap_err();
    assert_eq!(e.0, ErrorCode::OccurrenceConstraintViolation);
}

#[test]
fn the_central_system_acknowledges_and_authorises_nothing() {
    let now = "2026-12-03T00:00:00.000Z";
    assert_eq!(
        central::answer(Version::V16, "Heartbeat", now),
        Some(json!({"currentTime": now}))
    );
    assert_eq!(
        central::answer(Version::V201, "Authorize", now).unwrap()["idTokenInfo"]["status"],
        "Invalid"
    );
    assert_eq!(
        central::answer(Version::V16, "Authorize", now).unwrap()["idTagInfo"]["status"],
        "Invalid"
    );
    assert_eq!(
        central::answer(Version::V201, "NotifyReport", now),
        Some(json!({}))
    );
    // StartTransaction is 1.6 only; TransactionEvent 2.0.1 only
    assert_eq!(
        central::answer(Version::V201, "StartTransaction", now),
        None
    );
    assert_eq!(central::answer(Version::V16, "TransactionEvent", now), None);
}

#[test]
fn ids_are_unique_and_short() {
    let mut ids = Ids::new(&"p".repeat(100));
    let a = ids.next_id();
    let b = ids.next_id();
    assert_ne!(a, b);
    assert!(a.len() <= MAX_ID_LEN);
}

/// Payloads written by hand from the OCPP 2.0.1 JSON schemas (field names and nesting as the
/// schemas give them, not from our structs): each reads into the typed payload and writes back
/// the same JSON, so a misspelt field in `v201` fails here, not only against a real station.
#[test]
fn the_201_payloads_match_the_schemas_shapes() {
    fn same<T: serde::de::DeserializeOwned + serde::Serialize>(action: &str, v: serde_json::Value) {
        let typed: T = decode(action, &v).unwrap_or_else(|e| panic!("{action}: {e:?}"));
        assert_eq!(encode(&typed), v, "{action}");
    }
    same::<v201::BootNotificationRequest>(
        "BootNotification",
        json!({"chargingStation": {"model": "SingleSocketCharger", "vendorName": "VendorX",
               "serialNumber": "SN-1", "firmwareVersion": "1.2",
               "modem": {"iccid": "8947080000000000015", "imsi": "242010000000000"}},
               "reason": "PowerUp"}),
    );
    same::<v201::BootNotificationResponse>(
        "BootNotification",
        json!({"currentTime": "2026-12-03T10:00:00.000Z", "interval": 300, "status": "Accepted"}),
    );
    same::<v201::NotifyReportRequest>(
        "NotifyReport",
        json!({"requestId": 7, "generatedAt": "2026-12-03T10:00:00Z", "tbc": true, "seqNo": 0,
               "reportData": [{"component": {"name": "EVSE", "evse": {"id": 1, "connectorId": 1}},
                               "variable": {"name": "AvailabilityState"},
                               "variableAttribute": [{"type": "Actual", "value": "Available",
                                                      "mutability": "ReadOnly"}]}]}),
    );
    same::<v201::GetVariablesRequest>(
        "GetVariables",
        json!({"getVariableData": [{"attributeType": "Actual",
               "component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "HeartbeatInterval"}}]}),
    );
    same::<v201::GetVariablesResponse>(
        "GetVariables",
        json!({"getVariableResult": [{"attributeStatus": "Accepted", "attributeValue": "300",
               "component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "HeartbeatInterval"}}]}),
    );
    same::<v201::SetVariablesRequest>(
        "SetVariables",
        json!({"setVariableData": [{"attributeValue": "120",
               "component": {"name": "OCPPCommCtrlr"}, "variable": {"name": "HeartbeatInterval"}}]}),
    );
    same::<v201::SetVariablesResponse>(
        "SetVariables",
        json!({"setVariableResult": [{"attributeStatus": "RebootRequired",
               "component": {"name": "SecurityCtrlr"}, "variable": {"name": "Identity"}}]}),
    );
    same::<v201::ResetRequest>("Reset", json!({"type": "Immediate", "evseId": 1}));
    same::<v201::StatusNotificationRequest>(
        "StatusNotification",
        json!({"timestamp": "2026-12-03T10:00:00Z", "connectorStatus": "Available",
               "evseId": 1, "connectorId": 1}),
    );
    same::<v201::GetBaseReportRequest>(
        "GetBaseReport",
        json!({"requestId": 7, "reportBase": "ConfigurationInventory"}),
    );
    // and 1.6's, from its schemas
    same::<v16::GetConfigurationConf>(
        "GetConfiguration",
        json!({"configurationKey": [{"key": "HeartbeatInterval", "readonly": false, "value": "300"}],
               "unknownKey": ["Nope"]}),
    );
    same::<v16::BootNotificationReq>(
        "BootNotification",
        json!({"chargePointVendor": "V", "chargePointModel": "M",
               "chargeBoxSerialNumber": "CB1", "meterType": "MT", "meterSerialNumber": "MS"}),
    );
}
