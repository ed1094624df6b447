//! The simulated station's OCPP 2.0.1 device model: the variables GetBaseReport reports and
//! GetVariables / SetVariables read and change, on the same state as its 1.6 configuration keys
//! ([`super::ocpp_config`]).
//!
//! The components and variables are standardised ones of OCPP 2.0.1 Part 2 (appendix
//! "Components and Variables"): `OCPPCommCtrlr.HeartbeatInterval` (seconds, the 1.6 key
//! `HeartbeatInterval`), `AuthCtrlr.AuthorizeRemoteStart` (1.6 `AuthorizeRemoteTxRequests`),
//! `SecurityCtrlr.Identity` (the charge box identity; a change takes effect at the next boot,
//! hence `RebootRequired`), `SecurityCtrlr.BasicAuthPassword` (write-only, 16 to 40
//! characters) and `SecurityCtrlr.SecurityProfile` (read-only here: 2.0.1 changes it with a
//! new network profile, which this simulator does not implement).

use crate::ocpp::v201::{
    Address, Component, GetVariableData, GetVariableResult, ReportData, SetVariableData,
    SetVariableResult, Variable, VariableAttribute,
};

use super::SimState;
use super::dialects::{AUTHORIZATION_KEY, security_profile};

/// One variable: its address, how it may be used, and its 1.6 key in the state's `config`.
struct Var {
    component: &'static str,
    variable: &'static str,
    mutability: &'static str,
}

const VARS: &[Var] = &[
    Var {
        component: "OCPPCommCtrlr",
        variable: "HeartbeatInterval",
        mutability: "ReadWrite",
    },
    Var {
        component: "AuthCtrlr",
        variable: "AuthorizeRemoteStart",
        mutability: "ReadWrite",
    },
    Var {
        component: "SecurityCtrlr",
        variable: "Identity",
        mutability: "ReadWrite",
    },
    Var {
        component: "SecurityCtrlr",
        variable: "BasicAuthPassword",
        mutability: "WriteOnly",
    },
    Var {
        component: "SecurityCtrlr",
        variable: "SecurityProfile",
        mutability: "ReadOnly",
    },
];

impl Var {
    fn address(&self) -> Address {
        Address {
            component: Component {
                name: self.component.into(),
                ..Default::default()
            },
            variable: Variable {
                name: self.variable.into(),
                instance: None,
            },
        }
    }

    fn value(&self, s: &SimState) -> Option<String> {
        let key = |k: &str, default: &str| {
            Some(s.config.get(k).cloned().unwrap_or_else(|| default.into()))
        };
        match self.variable {
            "HeartbeatInterval" => key("HeartbeatInterval", "300"),
            "AuthorizeRemoteStart" => key("AuthorizeRemoteTxRequests", "true"),
            "Identity" => Some(s.charge_box_id.clone().unwrap_or_default()),
            "SecurityProfile" => Some(security_profile(s).to_string()),
            _ => None, // write-only
        }
    }

    /// Change it: the status SetVariables reports.
    fn set(&self, s: &mut SimState, value: &str) -> &'static str {
        match self.variable {
            "HeartbeatInterval" if value.parse::<u32>().is_ok() => {
                s.config.insert("HeartbeatInterval".into(), value.into());
                "Accepted"
            }
            "AuthorizeRemoteStart" if matches!(value, "true" | "false") => {
                s.config
                    .insert("AuthorizeRemoteTxRequests".into(), value.into());
                "Accepted"
            }
            "Identity" if super::check_id(value).is_ok() => {
                s.charge_box_id = Some(value.to_string());
                "RebootRequired"
            }
            "BasicAuthPassword"
                if (16..=40).contains(&value.chars().count())
                    && value.chars().all(|c| c.is_ascii_graphic()) =>
            {
                s.config.insert(AUTHORIZATION_KEY.into(), value.into());
                "Accepted"
            }
            _ => "Rejected",
        }
    }
}

/// The variable at `a`, or the status that says which part is unknown.
fn find(a: &Address) -> Result<&'static Var, &'static str> {
    let known = VARS
        .iter()
        .any(|v| v.component.eq_ignore_ascii_case(&a.component.name));
    VARS.iter().find(|v| v.address().same(a)).ok_or(if known {
        "UnknownVariable"
    } else {
        "UnknownComponent"
    })
}

/// `Actual` is the only attribute type this station has.
fn actual_only(attribute_type: &Option<String>) -> bool {
    attribute_type.as_deref().is_none_or(|t| t == "Actual")
}

/// The report of GetBaseReport `ConfigurationInventory` (or `FullInventory`).
pub fn report(s: &SimState) -> Vec<ReportData> {
    VARS.iter()
        .map(|v| {
            let a = v.address();
            ReportData {
                component: a.component,
                variable: a.variable,
                variable_attribute: vec![VariableAttribute {
                    kind: Some("Actual".into()),
                    value: v.value(s),
                    mutability: Some(v.mutability.into()),
                }],
            }
        })
        .collect()
}

/// One GetVariables entry.
pub fn get(s: &SimState, d: &GetVariableData) -> GetVariableResult {
    let a = Address {
        component: d.component.clone(),
        variable: d.variable.clone(),
    };
    let (status, value) = match find(&a) {
        Err(status) => (status, None),
        Ok(_) if !actual_only(&d.attribute_type) => ("NotSupportedAttributeType", None),
        // a write-only variable is not read out
        Ok(v) if v.mutability == "WriteOnly" => ("Rejected", None),
        Ok(v) => ("Accepted", v.value(s)),
    };
    GetVariableResult {
        attribute_status: status.into(),
        attribute_type: d.attribute_type.clone(),
        attribute_value: value,
        component: d.component.clone(),
        variable: d.variable.clone(),
    }
}

/// One SetVariables entry, carried out on the state.
pub fn set(s: &mut SimState, d: &SetVariableData) -> SetVariableResult {
    let a = Address {
        component: d.component.clone(),
        variable: d.variable.clone(),
    };
    let status = match find(&a) {
        Err(status) => status,
        Ok(_) if !actual_only(&d.attribute_type) => "NotSupportedAttributeType",
        Ok(v) if v.mutability == "ReadOnly" => "Rejected",
        Ok(v) => v.set(s, &d.attribute_value),
    };
    SetVariableResult {
        attribute_type: d.attribute_type.clone(),
        attribute_status: status.into(),
        component: d.component.clone(),
        variable: d.variable.clone(),
    }
}
