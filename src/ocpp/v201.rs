//! The OCPP 2.0.1 messages evfield sends or answers, as typed payloads (OCPP 2.0.1 Part 2,
//! chapter 1 "Messages" and chapter 2 "Datatypes"; the names as in the 2.0.1 JSON schemas).
//!
//! OCPP 2.0.1 has no configuration keys: a station's settings are variables of components in
//! its device model (Part 2, B "Provisioning"). evfield names one as
//! `Component[instance]@evse.Variable[instance]`, the parts in brackets and the `@evse` left
//! out when not used: `OCPPCommCtrlr.HeartbeatInterval`, `EVSE@1.AvailabilityState`,
//! `SecurityCtrlr.Identity`.

use serde::{Deserialize, Serialize};

/// BootNotificationRequest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BootNotificationRequest {
    pub charging_station: ChargingStation,
    /// `PowerUp`, `RemoteReset`, `LocalReset`, `FirmwareUpdate`, ...
    pub reason: String,
}

/// ChargingStationType: `model` at most 20 characters, `vendorName` at most 50,
/// `serialNumber` at most 25.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChargingStation {
    pub model: String,
    pub vendor_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firmware_version: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modem: Option<Modem>,
}

/// ModemType.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Modem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iccid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imsi: Option<String>,
}

/// BootNotificationResponse: `Accepted`, `Pending` or `Rejected`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BootNotificationResponse {
    pub current_time: String,
    pub interval: u64,
    pub status: String,
}

/// HeartbeatResponse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeartbeatResponse {
    pub current_time: String,
}

/// StatusNotificationRequest: `Available`, `Occupied`, `Reserved`, `Unavailable` or
/// `Faulted`, per connector of an EVSE.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusNotificationRequest {
    pub timestamp: String,
    pub connector_status: String,
    pub evse_id: u32,
    pub connector_id: u32,
}

/// ComponentType.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Component {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evse: Option<Evse>,
}

/// EVSEType.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Evse {
    pub id: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connector_id: Option<u32>,
}

/// VariableType.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Variable {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
}

/// A variable of a component: what GetVariables, SetVariables and NotifyReport name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Address {
    pub component: Component,
    pub variable: Variable,
}

/// `Name[instance]` → (name, instance).
fn name_instance(s: &str) -> Option<(String, Option<String>)> {
    let s = s.trim();
    let (name, instance) = match s.split_once('[') {
        Some((n, rest)) => (n, Some(rest.strip_suffix(']')?)),
        None => (s, None),
    };
    let ok = |t: &str| {
        !t.is_empty() && t.len() <= 50 && t.chars().all(|c| !matches!(c, '[' | ']' | '.' | '@'))
    };
    if !ok(name) || instance.is_some_and(|i| !ok(i)) {
        return None;
    }
    Some((name.to_string(), instance.map(str::to_string)))
}

impl Address {
    /// `Component[instance]@evse.Variable[instance]` (see the module's header).
    pub fn parse(s: &str) -> Option<Address> {
        let (component, variable) = s.trim().split_once('.')?;
        let (component, evse) = match component.split_once('@') {
            Some((c, e)) => (c, Some(e.parse::<u32>().ok().filter(|id| *id > 0)?)),
            None => (component, None),
        };
        let (cname, cinstance) = name_instance(component)?;
        let (vname, vinstance) = name_instance(variable)?;
        Some(Address {
            component: Component {
                name: cname,
                instance: cinstance,
                evse: evse.map(|id| Evse {
                    id,
                    connector_id: None,
                }),
            },
            variable: Variable {
                name: vname,
                instance: vinstance,
            },
        })
    }

    /// Whether `other` is the same variable (names are case-insensitive).
    pub fn same(&self, other: &Address) -> bool {
        let eq = |a: &Option<String>, b: &Option<String>| match (a, b) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            (None, None) => true,
            _ => false,
        };
        self.component
            .name
            .eq_ignore_ascii_case(&other.component.name)
            && eq(&self.component.instance, &other.component.instance)
            && self.component.evse.map(|e| e.id) == other.component.evse.map(|e| e.id)
            && self
                .variable
                .name
                .eq_ignore_ascii_case(&other.variable.name)
            && eq(&self.variable.instance, &other.variable.instance)
    }
}

impl std::fmt::Display for Address {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.component.name)?;
        if let Some(i) = &self.component.instance {
            write!(f, "[{i}]")?;
        }
        if let Some(e) = &self.component.evse {
            write!(f, "@{}", e.id)?;
        }
        write!(f, ".{}", self.variable.name)?;
        if let Some(i) = &self.variable.instance {
            write!(f, "[{i}]")?;
        }
        Ok(())
    }
}

/// GetBaseReportRequest: `ConfigurationInventory`, `FullInventory` or
/// `SummaryInventory`; the report itself comes in NotifyReportRequests with the same id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetBaseReportRequest {
    pub request_id: i64,
    pub report_base: String,
}

/// The responses that are a status: GetBaseReportResponse (`Accepted`, `Rejected`,
/// `NotSupported`, `EmptyResultSet`), ResetResponse (`Accepted`, `Rejected`, `Scheduled`),
/// DataTransferResponse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusResponse {
    pub status: String,
}

/// NotifyReportRequest: one part of a report; `tbc` says more parts follow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotifyReportRequest {
    pub request_id: i64,
    pub generated_at: String,
    #[serde(default)]
    pub tbc: bool,
    pub seq_no: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub report_data: Vec<ReportData>,
}

/// ReportDataType.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportData {
    pub component: Component,
    pub variable: Variable,
    pub variable_attribute: Vec<VariableAttribute>,
}

/// VariableAttributeType: `type` defaults to `Actual`, `mutability` to `ReadWrite`;
/// the value is left out only for a `WriteOnly` variable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VariableAttribute {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mutability: Option<String>,
}

/// GetVariablesRequest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetVariablesRequest {
    pub get_variable_data: Vec<GetVariableData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetVariableData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_type: Option<String>,
    pub component: Component,
    pub variable: Variable,
}

/// GetVariablesResponse: `Accepted`, `Rejected`, `UnknownComponent`,
/// `UnknownVariable` or `NotSupportedAttributeType` per variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetVariablesResponse {
    pub get_variable_result: Vec<GetVariableResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GetVariableResult {
    pub attribute_status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_value: Option<String>,
    pub component: Component,
    pub variable: Variable,
}

/// SetVariablesRequest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetVariablesRequest {
    pub set_variable_data: Vec<SetVariableData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetVariableData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_type: Option<String>,
    pub attribute_value: String,
    pub component: Component,
    pub variable: Variable,
}

/// SetVariablesResponse: `Accepted`, `Rejected`, `UnknownComponent`,
/// `UnknownVariable`, `NotSupportedAttributeType` or `RebootRequired` per variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetVariablesResponse {
    pub set_variable_result: Vec<SetVariableResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SetVariableResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute_type: Option<String>,
    pub attribute_status: String,
    pub component: Component,
    pub variable: Variable,
}

/// ResetRequest: `Immediate` or `OnIdle` (2.0.1 has no Soft or Hard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResetType {
    Immediate,
    OnIdle,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ResetRequest {
    #[serde(rename = "type")]
    pub kind: ResetType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evse_id: Option<u32>,
}
