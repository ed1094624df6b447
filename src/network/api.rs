//! Wire types of the installer API (docs/network-api.md, docs/network-api.openapi.json).
//! Shared by the client ([`super::client`]) and the sandbox server, so both always agree.
//!
//! All paths live under `/api/v1`. Every request but `POST /login` carries
//! `Authorization: Bearer <token>`. Errors come back as [`ApiError`] with a non-2xx status.

use serde::{Deserialize, Serialize};

/// Version of this API; sent as the `Evfield-Api-Version` response header by the sandbox.
pub const API_VERSION: &str = "1";

/// `POST /api/v1/login`
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// Reply to a successful login.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoginResponse {
    pub token: String,
    /// RFC 3339 UTC time after which the token is refused.
    pub expires_at: String,
}

/// `GET /api/v1/installer`: the logged-in installer and their certification.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Installer {
    pub username: String,
    pub name: String,
    pub certified: bool,
    /// RFC 3339 date the certification ends, when certified.
    pub certification_expires: Option<String>,
}

/// `GET /api/v1/requirements?manufacturer=M&model=N`: what the network needs of this station.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Requirements {
    pub manufacturer: String,
    pub model: String,
    /// Lowest firmware the network accepts for re-networking, in the vendor's own notation.
    pub min_firmware: String,
    /// Version of the verification checklist the network expects to be completed.
    pub checklist_version: String,
    /// OCPP 1.6J central-system URL the station must be pointed at (the station appends its id).
    pub ocpp_url: String,
    /// Template that gives the charge box identity, e.g. `EVF-{mac}`: `{mac}` is the MAC in
    /// upper-case hex without separators, `{serial}` the station serial.
    pub identity_rule: String,
    /// Template of the pinpointing page opened by the sticker's QR code: `{mac}` and `{password}`
    /// are replaced by the URL-encoded values.
    pub pinpoint_url_template: String,
    /// The OCPP security profile the network's central system expects (0 none, 1 HTTP Basic,
    /// 2 TLS + HTTP Basic, 3 TLS + client certificate). Absent: the network does not say, and the
    /// station's profile is left as it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_profile: Option<u8>,
    /// The area where the network takes stations (a box in decimal degrees). A position given
    /// for pinpointing far outside it, or inside it only with latitude and longitude exchanged,
    /// is refused when it is given. Absent: the network does not say, and only the ranges are
    /// checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_area: Option<Area>,
}

/// `POST /api/v1/activations/check`
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActivationCheckRequest {
    pub mac: String,
    pub activation_password: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ActivationState {
    /// MAC known, password right, not yet used by a pinpointed station.
    Valid,
    /// MAC unknown, or password wrong (the network does not say which).
    Unknown,
    /// Already used by a pinpointed station.
    Used,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActivationCheckResponse {
    pub status: ActivationState,
    /// Station id at the network when `status` is `used`.
    pub station_id: Option<String>,
}

/// One entry of `GET /api/v1/addresses?lat=..&lon=..&radius_m=..`
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Address {
    pub id: String,
    /// One line, as shown to the installer: street and number, postcode, city.
    pub label: String,
    pub lat: f64,
    pub lon: f64,
    /// Distance from the query point, metres.
    pub distance_m: f64,
    /// What the network's operator registered for the place at this address, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
}

/// The place at an address as the network's operator registered it in its portal (the site,
/// its building, the parking restrictions it sets): proposed to the installer for the station's
/// details, never required.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Place {
    pub car_park: Option<String>,
    pub building: Option<String>,
    pub restrictions: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddressList {
    pub addresses: Vec<Address>,
}

/// Extra details that help a driver find the station.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SiteDetails {
    pub car_park: Option<String>,
    pub building: Option<String>,
    pub floor: Option<String>,
    pub restrictions: Option<String>,
}

/// `POST /api/v1/stations` with header `Idempotency-Key: <uuid>`: the pinpoint submission.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PinpointRequest {
    pub mac: String,
    pub activation_password: String,
    pub manufacturer: String,
    pub model: String,
    pub serial: String,
    pub charge_box_id: String,
    pub firmware: Option<String>,
    /// Where the installer stood (GPS fix).
    pub gps_lat: f64,
    pub gps_lon: f64,
    pub address_id: String,
    /// The pin on the parking space.
    pub pin_lat: f64,
    pub pin_lon: f64,
    #[serde(default)]
    pub details: SiteDetails,
}

/// A station as the network knows it (reply to the submission and to `GET /stations/{id}`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Station {
    pub station_id: String,
    pub charge_box_id: String,
    pub mac: String,
    pub manufacturer: String,
    pub model: String,
    pub serial: String,
    pub address_id: String,
    pub address_label: String,
    pub gps_lat: f64,
    pub gps_lon: f64,
    pub pin_lat: f64,
    pub pin_lon: f64,
    pub details: SiteDetails,
    pub photo: Option<String>,
    /// RFC 3339 UTC.
    pub created_at: String,
    pub installer: String,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum OcppState {
    /// Pinpointed; the station has not (yet) completed a BootNotification.
    Connecting,
    /// BootNotification accepted and the websocket is open.
    Connected,
    /// The last attempt failed; `reason` says why.
    Error,
}

/// The OCPP connection's troubleshooting from the manufacturer's guide (seed 002,
/// "Felsökning") for the state the network reports; `None` when connected.
pub fn ocpp_troubleshooting(state: OcppState) -> Option<String> {
    match state {
        OcppState::Connected => None,
        OcppState::Connecting => Some(crate::t!("net.status.stuck_connecting")),
        OcppState::Error => Some(crate::t!("net.status.on_error")),
    }
}

/// The OCPP connection state in the installer's words.
pub fn ocpp_state_name(s: OcppState) -> String {
    match s {
        OcppState::Connecting => crate::t!("net.state.connecting"),
        OcppState::Connected => crate::t!("net.state.connected"),
        OcppState::Error => crate::t!("net.state.error"),
    }
}

/// `GET /api/v1/stations/{id}/status`
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StationStatus {
    pub station_id: String,
    pub charge_box_id: String,
    pub ocpp: OcppState,
    pub reason: Option<String>,
    /// RFC 3339 UTC of the last message from the station over OCPP.
    pub last_seen: Option<String>,
    /// What the station said in its BootNotification.
    pub boot: Option<BootInfo>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BootInfo {
    pub vendor: String,
    pub model: String,
    pub serial: Option<String>,
    pub firmware: Option<String>,
    pub iccid: Option<String>,
}

/// `POST /api/v1/stations/{id}/photo` (body: the image bytes, `Content-Type: image/jpeg|png`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhotoReceipt {
    pub station_id: String,
    pub photo: String,
    pub bytes: u64,
    pub sha256: String,
}

/// `POST /api/v1/sessions/{session_id}/chain-heads`: a session's journal as it stood (its event
/// count and the hash of its last event), sent with the pinpoint submission and at the end of
/// the session, so a journal or bundle can later be compared with the network's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    pub events: u64,
    /// Hex SHA-256: the `hash` of event `events - 1`.
    pub last_hash: String,
    /// When it was sent: `pinpoint` or `end`.
    pub stage: String,
}

/// One chain head as the network recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHeadRecord {
    pub session_id: String,
    pub installer: String,
    pub events: u64,
    pub last_hash: String,
    pub stage: String,
    pub recorded_at: String,
}

/// `GET /api/v1/sessions/{session_id}/chain-heads`: every chain head recorded for a session,
/// oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHeadList {
    pub session_id: String,
    pub heads: Vec<ChainHeadRecord>,
}

/// Body of every non-2xx reply.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ApiError {
    /// Stable machine code, e.g. `serial_locked`, `activation_used`, `not_certified`.
    pub code: String,
    pub message: String,
}

/// The area where a network takes stations: a box in decimal degrees, as its requirements give
/// it (docs/network-api.md).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Area {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl Area {
    pub fn contains(&self, (lat, lon): (f64, f64)) -> bool {
        (self.south..=self.north).contains(&lat) && (self.west..=self.east).contains(&lon)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_troubleshooting_state_but_connected_has_a_hint() {
        assert!(ocpp_troubleshooting(OcppState::Connected).is_none());
        let c = ocpp_troubleshooting(OcppState::Connecting).unwrap();
        assert!(c.contains("OCPP settings"), "{c}");
        assert!(ocpp_troubleshooting(OcppState::Error).is_some());
    }
}
