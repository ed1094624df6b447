//! What the sandbox network knows (installers, activation records, addresses, stations, OCPP
//! status, tokens, idempotency records), how it is seeded and persisted, and the network's rules
//! as plain functions over it. The HTTP layer (`http.rs`) and the OCPP endpoint (`ocpp.rs`) only
//! translate between the wire and these functions, so the rules are unit-tested without sockets.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::network::api::{
    self, ActivationCheckResponse, ActivationState, Address, AddressList, BootInfo, ChainHead,
    ChainHeadRecord, Installer, LoginResponse, OcppState, PinpointRequest, Requirements, Station,
    StationStatus,
};
use crate::sandbox::demo;
use crate::{Error, Result};

/// Format version of the state file; a file with another version is refused, never guessed at.
pub const STATE_VERSION: u32 = 1;
/// How many generated activation records a new sandbox holds besides the demo one. They are
/// not stored: record `i` is computed from `i` ([`sandbox_activation`]) when asked about, so the
/// count costs neither memory nor time.
pub const SANDBOX_ACTIVATION_COUNT: u32 = 1_000_000;
/// Lifetime of a login token.
pub const TOKEN_LIFETIME_HOURS: i64 = 12;
/// Default and largest radius of the address search, metres.
pub const DEFAULT_RADIUS_M: f64 = 500.0;
pub const MAX_RADIUS_M: f64 = 5000.0;
/// The identity rule the sandbox network uses (see [`Requirements::identity_rule`]).
pub const IDENTITY_RULE: &str = "EVF-{mac}";
pub const CHECKLIST_VERSION: &str = "2026.1";
/// The networking guide's own sentence (seed 001), quoted in every `not_certified` refusal.
pub use crate::network::account::NOT_CERTIFIED_SENTENCE;
/// Where the refusal sends the installer.
pub const CERTIFICATION_HELP: &str = "To become a certified installer, complete the network's online installation training (installer portal, section \"Training\") and log in again. In the sandbox, demo@installer.test is certified.";

/// The generated activation record number `i` (the sandbox seeds `1..=SANDBOX_ACTIVATION_COUNT`):
/// MAC `02:EF:20:xx:xx:xx` holding `i`, and a password derived from `i`, so tests and batch
/// tooling can compute any record without reading the state file.
pub fn sandbox_activation(i: u32) -> (String, String) {
    let mac = format!(
        "02:EF:20:{:02X}:{:02X}:{:02X}",
        (i >> 16) & 0xff,
        (i >> 8) & 0xff,
        i & 0xff
    );
    (mac, generated_password(i))
}

fn generated_password(i: u32) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let digest = Sha256::digest(format!("evfield-sandbox-activation:{i}").as_bytes());
    digest
        .iter()
        .take(9)
        .map(|b| ALPHABET[(*b as usize) % ALPHABET.len()] as char)
        .collect()
}

/// The generated record number of a normalised MAC `02:EF:20:xx:xx:xx` (`i` in its low bytes).
fn generated_number(mac: &str) -> Option<u32> {
    let low = mac.strip_prefix("02:EF:20:")?;
    u32::from_str_radix(&low.replace(':', ""), 16).ok()
}

/// Record a session's chain head. The same head again is answered with the record (200); a
/// different hash for the same number of events is refused (409): the network keeps the first,
/// so a journal rewritten later cannot rewrite its record.
pub fn record_chain_head(
    st: &mut SandboxState,
    installer: &str,
    session_id: &str,
    head: &ChainHead,
    now: DateTime<Utc>,
) -> std::result::Result<(u16, ChainHeadRecord), Reject> {
    let hex64 = |h: &str| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit());
    let id_ok = !session_id.is_empty()
        && session_id.len() <= 128
        && session_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b));
    if !id_ok || !hex64(&head.last_hash) || head.events == 0 {
        return Err(Reject::new(
            400,
            "bad_request",
            "a chain head needs a session id (letters, digits, - _ .), events >= 1 and \
             last_hash as 64 hex digits",
        ));
    }
    if let Some(r) = st
        .chain_heads
        .iter()
        .find(|r| r.session_id == session_id && r.events == head.events)
    {
        if r.last_hash.eq_ignore_ascii_case(&head.last_hash) {
            return Ok((200, r.clone()));
        }
        return Err(Reject::new(
            409,
            "chain_head_conflict",
            format!(
                "session {session_id} already has another hash recorded for {} events \
                 (recorded {}): the journal was changed since",
                head.events, r.recorded_at
            ),
        ));
    }
    let rec = ChainHeadRecord {
        session_id: session_id.to_string(),
        installer: installer.to_string(),
        events: head.events,
        last_hash: head.last_hash.to_ascii_lowercase(),
        stage: head.stage.clone(),
        recorded_at: rfc3339(now),
    };
    st.chain_heads.push(rec.clone());
    Ok((201, rec))
}

/// A pinpoint submission the sandbox accepts, for activation record `i` (see
/// [`sandbox_activation`]) with the demo's station and place and the given serial number.
pub fn sandbox_request(i: u32, serial: String) -> PinpointRequest {
    let (mac, password) = sandbox_activation(i);
    let hex: String = mac.chars().filter(|c| c.is_ascii_hexdigit()).collect();
    PinpointRequest {
        mac,
        activation_password: password,
        manufacturer: demo::MANUFACTURER.into(),
        model: demo::MODEL.into(),
        serial,
        charge_box_id: format!("EVF-{}", hex.to_uppercase()),
        firmware: None,
        gps_lat: demo::GPS_LAT,
        gps_lon: demo::GPS_LON,
        address_id: demo::ADDRESS_ID.into(),
        pin_lat: demo::GPS_LAT,
        pin_lon: demo::GPS_LON,
        details: Default::default(),
    }
}

/// A refusal by the network: HTTP status, stable API code and a message for the installer.
#[derive(Debug, Clone, PartialEq)]
pub struct Reject {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
}

impl Reject {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        Reject {
            status,
            code,
            message: message.into(),
        }
    }
    pub fn to_api(&self) -> api::ApiError {
        api::ApiError {
            code: self.code.to_string(),
            message: self.message.clone(),
        }
    }
}

type Rule<T> = std::result::Result<T, Reject>;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct InstallerRecord {
    pub username: String,
    pub name: String,
    /// Hex SHA-256 of `username NUL password` ([`secret_hash`]); the password is never stored.
    pub password_sha256: String,
    pub certified: bool,
    /// Last day of the certification (`YYYY-MM-DD`).
    pub certification_expires: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ActivationRecord {
    /// Upper-case, colon separated.
    pub mac: String,
    /// Hex SHA-256 of `MAC NUL password` ([`secret_hash`]).
    pub password_sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AddressRecord {
    pub id: String,
    pub label: String,
    pub lat: f64,
    pub lon: f64,
    /// The place the operator registered at this address (its portal's site), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<crate::network::api::Place>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TokenRecord {
    /// Hex SHA-256 of the bearer token; the token itself is only ever in the login reply.
    pub token_sha256: String,
    pub username: String,
    pub expires_at: String,
}

/// A remembered pinpoint submission: the same key with the same body gets this reply again.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IdempotencyRecord {
    pub installer: String,
    pub key: String,
    /// Hex SHA-256 of the canonical JSON of the request (holds the activation password, hence
    /// only its hash is kept).
    pub request_sha256: String,
    pub status: u16,
    pub body: serde_json::Value,
    pub created_at: String,
    /// How many times the same submission came again and got this reply replayed (every POST
    /// with this key is 1 + `replays`: the crash campaign counts them).
    #[serde(default)]
    pub replays: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PhotoRecord {
    pub station_id: String,
    /// File name (next to the state file, in `<state stem>.photos/`), also `Station::photo`.
    pub file: String,
    pub content_type: String,
    pub bytes: u64,
    pub sha256: String,
    pub uploaded_at: String,
}

/// Everything the sandbox network knows; this is what is persisted to the state file.
///
/// The rules find records through an index (by MAC, serial, station id, charge box identity,
/// idempotency key) built on first use and kept up to date by the rules that add records, so a
/// request costs the same however many stations and activation records the network holds.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SandboxState {
    pub version: u32,
    pub installers: Vec<InstallerRecord>,
    /// Activation records besides the generated ones.
    pub activations: Vec<ActivationRecord>,
    /// Generated activation records `1..=generated_activations` ([`sandbox_activation`]); a
    /// state file written before they were counted holds them in `activations` instead.
    #[serde(default)]
    pub generated_activations: u32,
    pub addresses: Vec<AddressRecord>,
    pub stations: Vec<Station>,
    /// OCPP status per station id.
    pub statuses: BTreeMap<String, StationStatus>,
    pub photos: Vec<PhotoRecord>,
    pub tokens: Vec<TokenRecord>,
    pub idempotency: Vec<IdempotencyRecord>,
    /// Sessions' chain heads, as installers sent them (oldest first).
    #[serde(default)]
    pub chain_heads: Vec<ChainHeadRecord>,
    /// Number of the next station id (`STN-000001`, ...).
    pub next_station: u64,
    #[serde(skip)]
    index: Index,
}

/// Positions in the state's lists by key; derived data, so two states with the same records
/// are equal whatever their index holds.
#[derive(Debug, Clone, Default)]
struct Index(OnceLock<Maps>);

impl PartialEq for Index {
    fn eq(&self, _: &Index) -> bool {
        true
    }
}

#[derive(Debug, Clone, Default)]
struct Maps {
    activation_by_mac: HashMap<String, usize>,
    station_by_mac: HashMap<String, usize>,
    station_by_serial: HashMap<String, usize>,
    station_by_id: HashMap<String, usize>,
    station_by_identity: HashMap<String, usize>,
    /// (installer, key)
    idempotency: HashMap<(String, String), usize>,
}

impl Maps {
    fn build(st: &SandboxState) -> Maps {
        let mut m = Maps::default();
        for (i, a) in st.activations.iter().enumerate() {
            m.activation_by_mac.entry(a.mac.clone()).or_insert(i);
        }
        for (i, s) in st.stations.iter().enumerate() {
            m.add_station(i, s);
        }
        for (i, r) in st.idempotency.iter().enumerate() {
            m.idempotency
                .entry((r.installer.clone(), r.key.clone()))
                .or_insert(i);
        }
        m
    }

    /// The first station with a key wins, as a search from the front would find it.
    fn add_station(&mut self, i: usize, s: &Station) {
        self.station_by_mac.entry(s.mac.clone()).or_insert(i);
        self.station_by_serial.entry(s.serial.clone()).or_insert(i);
        self.station_by_id.entry(s.station_id.clone()).or_insert(i);
        self.station_by_identity
            .entry(s.charge_box_id.clone())
            .or_insert(i);
    }
}

/// Hex SHA-256 of `scope NUL secret`: how the sandbox stores passwords and tokens.
pub fn secret_hash(scope: &str, secret: &str) -> String {
    let mut h = Sha256::new();
    h.update(scope.as_bytes());
    h.update([0u8]);
    h.update(secret.as_bytes());
    hex::encode(h.finalize())
}

pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

pub use crate::rules::normalize_mac;

/// The charge box identity the network expects for a station: the identity rule applied.
pub fn expected_identity(mac: &str, serial: &str) -> Option<String> {
    let mac = normalize_mac(mac)?.replace(':', "");
    Some(
        IDENTITY_RULE
            .replace("{mac}", &mac)
            .replace("{serial}", serial),
    )
}

pub use crate::pinpoint::distance_m;

fn position_ok(lat: f64, lon: f64) -> bool {
    lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
        && !(lat == 0.0 && lon == 0.0)
}

/// The sandbox's table of supported stations: (manufacturer, model or `None` for any model,
/// minimum firmware for re-networking).
pub const SUPPORTED_MODELS: &[(&str, Option<&str>, &str)] = &[
    (demo::MANUFACTURER, Some(demo::MODEL), "5.0.0"),
    ("OpenEVSE", None, "7.1.3"),
    ("Wallbox", Some("Copper SB"), "5.17.0"),
    ("Wallbox", Some("Pulsar Plus"), "5.17.0"),
    ("Wallbox", Some("Pulsar Plus NA"), "5.17.0"),
    ("Wallbox", Some("Commander 2"), "5.17.0"),
    ("ChargeStorm", Some("EVA"), "R3.6.10"),
    ("ABB", Some("Terra AC"), "1.6.0"),
    ("Bender", None, "5.20"),
    ("Vestel", Some("EVC04"), "3.150.0"),
    ("Phoenix Contact", None, "4.30"),
    ("go-e", None, "051.4"),
    ("KEBA", None, "3.10.16"),
];

fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

/// The requirements for a station model, or 404 `model_not_supported`.
pub fn requirements(
    manufacturer: &str,
    model: &str,
    base_url: &str,
    ocpp_url: &str,
) -> Rule<Requirements> {
    let found = SUPPORTED_MODELS
        .iter()
        .find(|(m, md, _)| same_name(m, manufacturer) && md.is_none_or(|md| same_name(md, model)));
    let Some((m, md, fw)) = found else {
        return Err(Reject::new(
            404,
            "model_not_supported",
            format!(
                "the network does not support re-networking {manufacturer} {model}; supported: {}",
                supported_list()
            ),
        ));
    };
    Ok(Requirements {
        manufacturer: m.to_string(),
        model: md
            .map(str::to_string)
            .unwrap_or_else(|| model.trim().to_string()),
        min_firmware: fw.to_string(),
        checklist_version: CHECKLIST_VERSION.to_string(),
        ocpp_url: ocpp_url.to_string(),
        identity_rule: IDENTITY_RULE.to_string(),
        pinpoint_url_template: format!("{base_url}/pinpoint?mac={{mac}}&password={{password}}"),
        security_profile: None,
        service_area: Some(SERVICE_AREA),
    })
}

/// The area the sandbox network takes stations in: its seeded addresses (Oslo S) widened by
/// about one degree each way.
pub const SERVICE_AREA: crate::rules::Area = crate::rules::Area {
    south: 58.9,
    west: 9.7,
    north: 60.9,
    east: 11.8,
};

fn supported_list() -> String {
    SUPPORTED_MODELS
        .iter()
        .map(|(m, md, _)| format!("{m} {}", md.unwrap_or("(any model)")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a pinpoint submission led to.
#[derive(Debug, Clone, PartialEq)]
pub struct PinpointOutcome {
    pub status: u16,
    pub body: serde_json::Value,
    /// The reply is a replay of an earlier submission with the same idempotency key.
    pub replayed: bool,
}

/// The reply the OCPP endpoint gives to a BootNotification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BootVerdict {
    Accepted,
    Rejected,
}

impl SandboxState {
    /// A new sandbox: demo installers, the demo activation record plus the generated batch, the
    /// demo site's addresses, no stations.
    pub fn seed() -> SandboxState {
        let installers = vec![
            InstallerRecord {
                username: demo::INSTALLER_USER.to_string(),
                name: "Demo Installer".to_string(),
                password_sha256: secret_hash(demo::INSTALLER_USER, demo::INSTALLER_PASSWORD),
                certified: true,
                certification_expires: Some("2027-12-31".to_string()),
            },
            InstallerRecord {
                username: demo::TRAINEE_USER.to_string(),
                name: "Trainee Installer".to_string(),
                password_sha256: secret_hash(demo::TRAINEE_USER, demo::TRAINEE_PASSWORD),
                certified: false,
                certification_expires: None,
            },
        ];
        let demo_mac = normalize_mac(demo::MAC).expect("demo MAC is valid");
        let activations = vec![ActivationRecord {
            password_sha256: secret_hash(&demo_mac, demo::ACTIVATION_PASSWORD),
            mac: demo_mac,
        }];
        // The demo site (Oslo S area). addr-0001 is the nearest to the demo GPS fix.
        let addresses = [
            (
                "addr-0001",
                "Jernbanetorget 1, 0154 Oslo",
                59.913_930,
                10.752_390,
            ),
            (
                "addr-0002",
                "Karl Johans gate 2, 0154 Oslo",
                59.912_990,
                10.750_460,
            ),
            (
                "addr-0003",
                "Fred. Olsens gate 1, 0152 Oslo",
                59.911_900,
                10.749_900,
            ),
            (
                "addr-0004",
                "Skippergata 9, 0152 Oslo",
                59.912_200,
                10.746_800,
            ),
            (
                "addr-0005",
                "Dronningens gate 40, 0154 Oslo",
                59.911_400,
                10.751_200,
            ),
            (
                "addr-0006",
                "Schweigaards gate 6, 0185 Oslo",
                59.910_800,
                10.759_200,
            ),
            (
                "addr-0007",
                "Rådhusgata 17, 0158 Oslo",
                59.911_100,
                10.739_000,
            ),
        ]
        .into_iter()
        .map(|(id, label, lat, lon)| AddressRecord {
            id: id.to_string(),
            label: label.to_string(),
            lat,
            lon,
            // the demo's car park, registered by the operator at the demo's address
            place: (id == demo::ADDRESS_ID).then(|| crate::network::api::Place {
                car_park: Some(demo::CAR_PARK.to_string()),
                building: Some(demo::BUILDING.to_string()),
                restrictions: Some(demo::RESTRICTIONS.to_string()),
            }),
        })
        .collect();
        SandboxState {
            version: STATE_VERSION,
            installers,
            activations,
            generated_activations: SANDBOX_ACTIVATION_COUNT,
            addresses,
            stations: Vec::new(),
            statuses: BTreeMap::new(),
            photos: Vec::new(),
            tokens: Vec::new(),
            idempotency: Vec::new(),
            chain_heads: Vec::new(),
            next_station: 1,
            index: Index::default(),
        }
    }

    fn maps(&self) -> &Maps {
        self.index.0.get_or_init(|| Maps::build(self))
    }

    /// The index, when it was built (a rule that adds a record keeps it up to date).
    fn maps_mut(&mut self) -> Option<&mut Maps> {
        self.index.0.get_mut()
    }

    fn station_at(&self, i: Option<&usize>) -> Option<&Station> {
        i.and_then(|i| self.stations.get(*i))
    }

    // ----- accounts -----

    /// Checks the credentials and issues a token (only its hash is kept).
    pub fn login(
        &mut self,
        username: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> Rule<LoginResponse> {
        let ok = self.installers.iter().any(|i| {
            i.username == username && i.password_sha256 == secret_hash(username, password)
        });
        if !ok {
            return Err(Reject::new(
                401,
                "bad_credentials",
                "unknown username or wrong password",
            ));
        }
        let now_s = rfc3339(now);
        self.tokens.retain(|t| t.expires_at > now_s);
        let token = format!(
            "{}{}",
            uuid::Uuid::new_v4().simple(),
            uuid::Uuid::new_v4().simple()
        );
        let expires_at = rfc3339(now + chrono::Duration::hours(TOKEN_LIFETIME_HOURS));
        self.tokens.push(TokenRecord {
            token_sha256: secret_hash("token", &token),
            username: username.to_string(),
            expires_at: expires_at.clone(),
        });
        Ok(LoginResponse { token, expires_at })
    }

    /// The installer a bearer token belongs to, or 401 `unauthorized`.
    pub fn authenticate(&self, token: Option<&str>, now: DateTime<Utc>) -> Rule<&InstallerRecord> {
        let unauthorized = |why: &str| {
            Reject::new(
                401,
                "unauthorized",
                format!("{why}; log in with POST /api/v1/login"),
            )
        };
        let token =
            token.ok_or_else(|| unauthorized("no bearer token in the Authorization header"))?;
        let hash = secret_hash("token", token);
        let rec = self
            .tokens
            .iter()
            .find(|t| t.token_sha256 == hash)
            .ok_or_else(|| unauthorized("the token is unknown"))?;
        if rec.expires_at <= rfc3339(now) {
            return Err(unauthorized(&format!(
                "the token expired at {}",
                rec.expires_at
            )));
        }
        self.installers
            .iter()
            .find(|i| i.username == rec.username)
            .ok_or_else(|| unauthorized("the token's account no longer exists"))
    }

    pub fn installer_view(rec: &InstallerRecord, today: NaiveDate) -> Installer {
        Installer {
            username: rec.username.clone(),
            name: rec.name.clone(),
            certified: Self::is_certified(rec, today),
            certification_expires: rec.certification_expires.clone(),
        }
    }

    /// Certified and not expired on `today`.
    pub fn is_certified(rec: &InstallerRecord, today: NaiveDate) -> bool {
        rec.certified
            && match &rec.certification_expires {
                None => true,
                Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok_and(|end| today <= end),
            }
    }

    fn require_certified(rec: &InstallerRecord, today: NaiveDate) -> Rule<()> {
        if Self::is_certified(rec, today) {
            return Ok(());
        }
        let why = match (&rec.certified, &rec.certification_expires) {
            (true, Some(end)) => format!("the certification of {} ended on {end}", rec.username),
            _ => format!("installer {} is not certified", rec.username),
        };
        Err(Reject::new(
            403,
            "not_certified",
            format!("{why}. {NOT_CERTIFIED_SENTENCE} {CERTIFICATION_HELP}"),
        ))
    }

    // ----- activation records, addresses -----

    fn activation_matches(&self, mac: &str, password: &str) -> bool {
        let Some(mac) = normalize_mac(mac) else {
            return false;
        };
        if let Some(a) = self.maps().activation_by_mac.get(&mac) {
            return self.activations[*a].password_sha256 == secret_hash(&mac, password);
        }
        generated_number(&mac)
            .filter(|i| (1..=self.generated_activations).contains(i))
            .is_some_and(|i| generated_password(i) == password)
    }

    fn station_by_mac(&self, mac: &str) -> Option<&Station> {
        let mac = normalize_mac(mac)?;
        self.station_at(self.maps().station_by_mac.get(&mac))
    }

    pub fn check_activation(&self, mac: &str, password: &str) -> ActivationCheckResponse {
        if !self.activation_matches(mac, password) {
            return ActivationCheckResponse {
                status: ActivationState::Unknown,
                station_id: None,
            };
        }
        match self.station_by_mac(mac) {
            Some(s) => ActivationCheckResponse {
                status: ActivationState::Used,
                station_id: Some(s.station_id.clone()),
            },
            None => ActivationCheckResponse {
                status: ActivationState::Valid,
                station_id: None,
            },
        }
    }

    pub fn addresses_near(&self, lat: f64, lon: f64, radius_m: Option<f64>) -> Rule<AddressList> {
        if !position_ok(lat, lon) {
            return Err(Reject::new(
                422,
                "bad_position",
                format!("position {lat},{lon} is not a valid GPS fix"),
            ));
        }
        let radius = radius_m.unwrap_or(DEFAULT_RADIUS_M);
        if !(radius.is_finite() && radius > 0.0 && radius <= MAX_RADIUS_M) {
            return Err(Reject::new(
                400,
                "bad_request",
                format!("radius_m must be between 0 and {MAX_RADIUS_M} metres, got {radius}"),
            ));
        }
        let mut addresses: Vec<Address> = self
            .addresses
            .iter()
            .map(|a| Address {
                id: a.id.clone(),
                label: a.label.clone(),
                lat: a.lat,
                lon: a.lon,
                distance_m: (distance_m(lat, lon, a.lat, a.lon) * 10.0).round() / 10.0,
                place: a.place.clone(),
            })
            .filter(|a| a.distance_m <= radius)
            .collect();
        addresses.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m).then(a.id.cmp(&b.id)));
        Ok(AddressList { addresses })
    }

    // ----- stations -----

    pub fn station(&self, id: &str) -> Rule<&Station> {
        self.station_at(self.maps().station_by_id.get(id))
            .ok_or_else(|| {
                Reject::new(
                    404,
                    "station_not_found",
                    format!("no station {id} at this network"),
                )
            })
    }

    pub fn stations_filtered(&self, mac: Option<&str>) -> Rule<Vec<Station>> {
        match mac {
            None => Ok(self.stations.clone()),
            Some(m) => {
                let m = normalize_mac(m).ok_or_else(|| {
                    Reject::new(400, "bad_mac", format!("{m:?} is not a MAC address"))
                })?;
                Ok(self
                    .station_at(self.maps().station_by_mac.get(&m))
                    .into_iter()
                    .cloned()
                    .collect())
            }
        }
    }

    pub fn status(&self, id: &str) -> Rule<StationStatus> {
        let st = self.station(id)?;
        Ok(self
            .statuses
            .get(id)
            .cloned()
            .unwrap_or_else(|| connecting(st)))
    }

    /// The pinpoint submission with its idempotency key: replays a remembered reply, refuses a
    /// reused key with another body, else applies the network's rules and creates the station.
    /// Only successful submissions are remembered; a refused one is judged again on retry.
    pub fn pinpoint(
        &mut self,
        installer: &str,
        key: &str,
        req: &PinpointRequest,
        now: DateTime<Utc>,
    ) -> Rule<PinpointOutcome> {
        let request_sha256 = hex::encode(Sha256::digest(
            serde_json::to_vec(req).expect("a PinpointRequest always serialises"),
        ));
        let remembered = self
            .maps()
            .idempotency
            .get(&(installer.to_string(), key.to_string()))
            .copied();
        if let Some(rec) = remembered.map(|i| &mut self.idempotency[i]) {
            if rec.request_sha256 != request_sha256 {
                return Err(Reject::new(
                    422,
                    "idempotency_key_reused",
                    format!(
                        "idempotency key {key} was already used on {} for a different submission; \
                         use a new key for a new submission",
                        rec.created_at
                    ),
                ));
            }
            rec.replays = rec.replays.saturating_add(1);
            return Ok(PinpointOutcome {
                status: rec.status,
                body: rec.body.clone(),
                replayed: true,
            });
        }
        let rec = self
            .installers
            .iter()
            .find(|i| i.username == installer)
            .ok_or_else(|| Reject::new(401, "unauthorized", "unknown installer"))?;
        Self::require_certified(rec, now.date_naive())?;

        for (name, value) in [
            ("mac", &req.mac),
            ("activation_password", &req.activation_password),
            ("manufacturer", &req.manufacturer),
            ("model", &req.model),
            ("serial", &req.serial),
            ("charge_box_id", &req.charge_box_id),
            ("address_id", &req.address_id),
        ] {
            if value.trim().is_empty() {
                return Err(Reject::new(
                    422,
                    "missing_field",
                    format!("field {name} is empty"),
                ));
            }
        }
        let mac = normalize_mac(&req.mac).ok_or_else(|| {
            Reject::new(
                422,
                "bad_mac",
                format!("{:?} is not a MAC address", req.mac),
            )
        })?;
        for (what, lat, lon) in [
            ("GPS fix", req.gps_lat, req.gps_lon),
            ("pin", req.pin_lat, req.pin_lon),
        ] {
            if !position_ok(lat, lon) {
                return Err(Reject::new(
                    422,
                    "bad_position",
                    format!("{what} {lat},{lon} is not a valid position (out of range or 0,0)"),
                ));
            }
        }
        let reqs = match requirements(&req.manufacturer, &req.model, "", "") {
            Ok(r) => r,
            Err(r) => return Err(Reject::new(422, r.code, r.message)),
        };
        let address = self.addresses.iter().find(|a| a.id == req.address_id).ok_or_else(|| {
            Reject::new(
                422,
                "unknown_address",
                format!(
                    "address {} is not in the network's address list; pick one from GET /api/v1/addresses",
                    req.address_id
                ),
            )
        })?;
        if !self.activation_matches(&mac, &req.activation_password) {
            return Err(Reject::new(
                422,
                "activation_unknown",
                format!(
                    "MAC {mac} with this activation password is not known to the network; \
                     check both against the activation sticker"
                ),
            ));
        }
        if let Some(existing) = self.station_by_mac(&mac) {
            if existing.serial != req.serial {
                return Err(Reject::new(
                    409,
                    "serial_locked",
                    format!(
                        "MAC {mac} was already pinpointed as station {} with serial {}; \
                         the serial number cannot be changed after it has been submitted (got {})",
                        existing.station_id, existing.serial, req.serial
                    ),
                ));
            }
            return Err(Reject::new(
                409,
                "activation_used",
                format!(
                    "the activation for MAC {mac} is already used by station {} (pinpointed {})",
                    existing.station_id, existing.created_at
                ),
            ));
        }
        if let Some(other) = self.station_at(self.maps().station_by_serial.get(&req.serial)) {
            return Err(Reject::new(
                409,
                "serial_taken",
                format!(
                    "serial {} is already registered to station {} (MAC {})",
                    req.serial, other.station_id, other.mac
                ),
            ));
        }
        let expected = expected_identity(&mac, &req.serial).expect("MAC already normalised");
        if req.charge_box_id != expected {
            return Err(Reject::new(
                422,
                "identity_mismatch",
                format!(
                    "charge_box_id {:?} does not follow the network's identity rule {IDENTITY_RULE}: \
                     expected {expected:?}",
                    req.charge_box_id
                ),
            ));
        }

        let station = Station {
            station_id: format!("STN-{:06}", self.next_station),
            charge_box_id: expected,
            mac,
            manufacturer: reqs.manufacturer,
            model: reqs.model,
            serial: req.serial.clone(),
            address_id: address.id.clone(),
            address_label: address.label.clone(),
            gps_lat: req.gps_lat,
            gps_lon: req.gps_lon,
            pin_lat: req.pin_lat,
            pin_lon: req.pin_lon,
            details: req.details.clone(),
            photo: None,
            created_at: rfc3339(now),
            installer: installer.to_string(),
        };
        self.next_station += 1;
        self.statuses
            .insert(station.station_id.clone(), connecting(&station));
        let body = serde_json::to_value(&station).expect("a Station always serialises");
        let (at, remembered_at) = (self.stations.len(), self.idempotency.len());
        if let Some(m) = self.maps_mut() {
            m.add_station(at, &station);
            m.idempotency
                .insert((installer.to_string(), key.to_string()), remembered_at);
        }
        self.stations.push(station);
        self.idempotency.push(IdempotencyRecord {
            installer: installer.to_string(),
            key: key.to_string(),
            request_sha256,
            status: 201,
            body: body.clone(),
            created_at: rfc3339(now),
            replays: 0,
        });
        Ok(PinpointOutcome {
            status: 201,
            body,
            replayed: false,
        })
    }

    /// Photo uploads are part of station setup: certified installers only.
    pub fn check_photo_allowed(
        &self,
        installer: &InstallerRecord,
        station_id: &str,
        now: DateTime<Utc>,
    ) -> Rule<()> {
        Self::require_certified(installer, now.date_naive())?;
        self.station(station_id).map(|_| ())
    }

    pub fn record_photo(&mut self, rec: PhotoRecord) {
        let at = self.maps().station_by_id.get(&rec.station_id).copied();
        if let Some(st) = at.and_then(|i| self.stations.get_mut(i)) {
            st.photo = Some(rec.file.clone());
        }
        self.photos.retain(|p| p.station_id != rec.station_id);
        self.photos.push(rec);
    }

    // ----- OCPP -----

    /// The station id that owns a charge box identity, if any station was pinpointed with it.
    pub fn station_for_identity(&self, charge_box_id: &str) -> Option<String> {
        self.station_at(self.maps().station_by_identity.get(charge_box_id))
            .map(|s| s.station_id.clone())
    }

    fn status_mut(&mut self, station_id: &str) -> Option<&mut StationStatus> {
        let at = *self.maps().station_by_id.get(station_id)?;
        let st = &self.stations[at];
        Some(
            self.statuses
                .entry(station_id.to_string())
                .or_insert_with(|| connecting(st)),
        )
    }

    /// A BootNotification: accepted unless it names another serial than the pinpointed one.
    pub fn ocpp_boot(
        &mut self,
        station_id: &str,
        boot: BootInfo,
        now: DateTime<Utc>,
    ) -> BootVerdict {
        let pinned = match self.station(station_id) {
            Ok(s) => s.serial.clone(),
            Err(_) => return BootVerdict::Rejected,
        };
        let Some(status) = self.status_mut(station_id) else {
            return BootVerdict::Rejected;
        };
        status.last_seen = Some(rfc3339(now));
        let verdict = match &boot.serial {
            Some(s) if *s != pinned => {
                status.ocpp = OcppState::Error;
                status.reason = Some(format!(
                    "BootNotification rejected: the station reports serial {s} \
                     (chargePointSerialNumber) but it was pinpointed with serial {pinned}; \
                     the station's identity or serial is wrong, call support"
                ));
                BootVerdict::Rejected
            }
            _ => {
                status.ocpp = OcppState::Connected;
                status.reason = None;
                BootVerdict::Accepted
            }
        };
        status.boot = Some(boot);
        verdict
    }

    /// Any message from the station.
    pub fn ocpp_seen(&mut self, station_id: &str, now: DateTime<Utc>) {
        if let Some(s) = self.status_mut(station_id) {
            s.last_seen = Some(rfc3339(now));
        }
    }

    /// The station's websocket closed. A rejection's reason is kept, it says more.
    pub fn ocpp_closed(&mut self, station_id: &str) {
        if let Some(s) = self.status_mut(station_id)
            && s.ocpp != OcppState::Error
        {
            s.ocpp = OcppState::Error;
            s.reason = Some("connection closed".to_string());
        }
    }
}

fn connecting(st: &Station) -> StationStatus {
    StationStatus {
        station_id: st.station_id.clone(),
        charge_box_id: st.charge_box_id.clone(),
        ocpp: OcppState::Connecting,
        reason: None,
        last_seen: None,
        boot: None,
    }
}

pub fn save_state(path: &Path, state: &SandboxState) -> Result<()> {
    let json = serde_json::to_vec_pretty(state).map_err(|e| {
        Error::internal(
            "E_SANDBOX_STATE",
            crate::t!("tool.sandbox.encode_state", why = e),
        )
    })?;
    crate::paths::write_atomic(path, &json)
}

/// Reads a sandbox state file (for tests and inspection; `start` uses it too).
pub fn load_state(path: &Path) -> Result<SandboxState> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::io(&crate::t!("tool.sandbox.read_state"), path, e))?;
    let state: SandboxState = serde_json::from_slice(&bytes).map_err(|e| {
        Error::internal(
            "E_SANDBOX_STATE",
            crate::t!("tool.sandbox.bad_state", path = path.display(), why = e),
        )
        .with_help(crate::t!("tool.sandbox.bad_state_help"))
    })?;
    if state.version != STATE_VERSION {
        return Err(Error::internal(
            "E_SANDBOX_STATE",
            crate::t!(
                "tool.sandbox.state_version",
                path = path.display(),
                version = state.version,
                reads = STATE_VERSION
            ),
        )
        .with_help(crate::t!("tool.sandbox.state_version_help")));
    }
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::api::SiteDetails;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn demo_request() -> PinpointRequest {
        PinpointRequest {
            mac: demo::MAC.to_string(),
            activation_password: demo::ACTIVATION_PASSWORD.to_string(),
            manufacturer: demo::MANUFACTURER.to_string(),
            model: demo::MODEL.to_string(),
            serial: demo::SERIAL.to_string(),
            charge_box_id: expected_identity(demo::MAC, demo::SERIAL).unwrap(),
            firmware: Some(demo::FIRMWARE.to_string()),
            gps_lat: demo::GPS_LAT,
            gps_lon: demo::GPS_LON,
            address_id: demo::ADDRESS_ID.to_string(),
            pin_lat: demo::GPS_LAT,
            pin_lon: demo::GPS_LON,
            details: SiteDetails::default(),
        }
    }

    #[test]
    fn the_service_area_holds_every_address_and_not_the_swapped_demo_fix() {
        for a in &SandboxState::seed().addresses {
            assert!(SERVICE_AREA.contains((a.lat, a.lon)), "{}", a.id);
        }
        assert!(!SERVICE_AREA.contains((demo::GPS_LON, demo::GPS_LAT)));
    }

    fn generated_request(i: u32) -> PinpointRequest {
        let (mac, password) = sandbox_activation(i);
        PinpointRequest {
            charge_box_id: expected_identity(&mac, "x").unwrap(),
            mac,
            activation_password: password,
            serial: format!("GEN{i:06}"),
            ..demo_request()
        }
    }

    fn code(r: Rule<PinpointOutcome>) -> (u16, &'static str) {
        let e = r.unwrap_err();
        (e.status, e.code)
    }

    #[test]
    fn seed_holds_demo_data_and_no_secret_in_clear() {
        let s = SandboxState::seed();
        assert_eq!(s.activations.len(), 1, "only the demo record is stored");
        assert_eq!(s.generated_activations, SANDBOX_ACTIVATION_COUNT);
        let (last, last_pw) = sandbox_activation(SANDBOX_ACTIVATION_COUNT);
        assert_eq!(
            s.check_activation(&last, &last_pw).status,
            ActivationState::Valid
        );
        let (past, past_pw) = sandbox_activation(SANDBOX_ACTIVATION_COUNT + 1);
        assert_eq!(
            s.check_activation(&past, &past_pw).status,
            ActivationState::Unknown
        );
        assert_eq!(
            s.check_activation("02:EF:20:00:00:00", &sandbox_activation(0).1)
                .status,
            ActivationState::Unknown
        );
        assert!(
            s.check_activation(demo::MAC, demo::ACTIVATION_PASSWORD)
                .status
                == ActivationState::Valid
        );
        let (mac, pw) = sandbox_activation(2000);
        assert_eq!(mac, "02:EF:20:00:07:D0");
        assert_eq!(s.check_activation(&mac, &pw).status, ActivationState::Valid);
        assert_eq!(
            s.check_activation(&mac, "wrong").status,
            ActivationState::Unknown
        );
        // Pinned: docs/network-api.md documents the formula and these values.
        assert_eq!(
            sandbox_activation(1),
            ("02:EF:20:00:00:01".to_string(), "WXZNF8LL5".to_string())
        );
        assert_eq!(sandbox_activation(2000).1, "9Y6FVYQ3Z");
        assert_eq!(sandbox_activation(7), sandbox_activation(7));
        assert_ne!(sandbox_activation(7).1, sandbox_activation(8).1);
        let json = serde_json::to_string(&s).unwrap();
        for secret in [
            demo::INSTALLER_PASSWORD,
            demo::TRAINEE_PASSWORD,
            demo::ACTIVATION_PASSWORD,
            &pw,
        ] {
            assert!(!json.contains(secret), "{secret} in clear");
        }
    }

    #[test]
    fn address_search_is_sorted_bounded_and_demo_address_is_nearest() {
        let s = SandboxState::seed();
        let list = s
            .addresses_near(demo::GPS_LAT, demo::GPS_LON, None)
            .unwrap()
            .addresses;
        assert!(list.len() >= 4);
        assert_eq!(list[0].id, demo::ADDRESS_ID);
        assert!(list.windows(2).all(|w| w[0].distance_m <= w[1].distance_m));
        assert!(list.iter().all(|a| a.distance_m <= DEFAULT_RADIUS_M));
        assert!(
            list.len() < s.addresses.len(),
            "some seeded address lies beyond 500 m"
        );
        let all = s
            .addresses_near(demo::GPS_LAT, demo::GPS_LON, Some(2000.0))
            .unwrap();
        assert_eq!(all.addresses.len(), s.addresses.len());
        assert!(s.addresses_near(0.0, 0.0, None).is_err());
        assert!(s.addresses_near(91.0, 0.0, None).is_err());
        assert!(
            s.addresses_near(10.0, 10.0, None)
                .unwrap()
                .addresses
                .is_empty()
        );
    }

    #[test]
    fn login_tokens_are_hashed_and_expire() {
        let mut s = SandboxState::seed();
        assert_eq!(
            s.login(demo::INSTALLER_USER, "nope", now())
                .unwrap_err()
                .code,
            "bad_credentials"
        );
        let r = s
            .login(demo::INSTALLER_USER, demo::INSTALLER_PASSWORD, now())
            .unwrap();
        assert!(!serde_json::to_string(&s).unwrap().contains(&r.token));
        assert_eq!(
            s.authenticate(Some(&r.token), now()).unwrap().username,
            demo::INSTALLER_USER
        );
        let later = now() + chrono::Duration::hours(TOKEN_LIFETIME_HOURS);
        assert_eq!(
            s.authenticate(Some(&r.token), later).unwrap_err().code,
            "unauthorized"
        );
        assert_eq!(s.authenticate(None, now()).unwrap_err().status, 401);
        assert_eq!(
            s.authenticate(Some("made-up"), now()).unwrap_err().code,
            "unauthorized"
        );
    }

    #[test]
    fn certification_and_its_expiry() {
        let s = SandboxState::seed();
        let demo_rec = &s.installers[0];
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap();
        assert!(SandboxState::is_certified(demo_rec, day("2027-12-31")));
        assert!(!SandboxState::is_certified(demo_rec, day("2028-01-01")));
        assert!(!SandboxState::is_certified(
            &s.installers[1],
            day("2026-01-01")
        ));
        let mut s = s;
        let e = s
            .pinpoint(demo::TRAINEE_USER, "k", &demo_request(), now())
            .unwrap_err();
        assert_eq!((e.status, e.code), (403, "not_certified"));
        assert!(e.message.contains(NOT_CERTIFIED_SENTENCE));
        assert!(e.message.contains("training"));
        let expired = DateTime::parse_from_rfc3339("2028-02-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let e = s
            .pinpoint(demo::INSTALLER_USER, "k", &demo_request(), expired)
            .unwrap_err();
        assert_eq!(e.code, "not_certified");
        assert!(e.message.contains("ended on 2027-12-31"), "{}", e.message);
        assert!(s.stations.is_empty());
    }

    #[test]
    fn pinpoint_rules() {
        let mut s = SandboxState::seed();
        let user = demo::INSTALLER_USER;
        let ok = s.pinpoint(user, "k1", &demo_request(), now()).unwrap();
        assert_eq!((ok.status, ok.replayed), (201, false));
        assert_eq!(ok.body["station_id"], "STN-000001");
        assert_eq!(ok.body["charge_box_id"], "EVF-02EF10004D01");
        assert_eq!(s.status("STN-000001").unwrap().ocpp, OcppState::Connecting);
        assert_eq!(
            s.check_activation(demo::MAC, demo::ACTIVATION_PASSWORD)
                .station_id
                .as_deref(),
            Some("STN-000001")
        );

        // Replays and key reuse.
        let again = s.pinpoint(user, "k1", &demo_request(), now()).unwrap();
        assert_eq!(
            (again.status, again.replayed, &again.body),
            (201, true, &ok.body)
        );
        let other_body = PinpointRequest {
            details: floor_changed(),
            ..demo_request()
        };
        assert_eq!(
            code(s.pinpoint(user, "k1", &other_body, now())),
            (422, "idempotency_key_reused")
        );
        assert_eq!(s.stations.len(), 1);

        // The same MAC again under a new key.
        assert_eq!(
            code(s.pinpoint(user, "k2", &demo_request(), now())),
            (409, "activation_used")
        );
        let new_serial = PinpointRequest {
            serial: "OTHER1".into(),
            charge_box_id: "EVF-02EF10004D01".into(),
            ..demo_request()
        };
        let e = s.pinpoint(user, "k3", &new_serial, now()).unwrap_err();
        assert_eq!((e.status, e.code), (409, "serial_locked"));
        assert!(
            e.message
                .contains("cannot be changed after it has been submitted")
        );

        // Another activation with a serial that is taken.
        let taken = PinpointRequest {
            serial: demo::SERIAL.into(),
            ..generated_request(1)
        };
        assert_eq!(
            code(s.pinpoint(user, "k4", &taken, now())),
            (409, "serial_taken")
        );

        let wrong_pw = PinpointRequest {
            activation_password: "nope".into(),
            ..generated_request(2)
        };
        assert_eq!(
            code(s.pinpoint(user, "k5", &wrong_pw, now())),
            (422, "activation_unknown")
        );
        let unknown_mac = PinpointRequest {
            mac: "02:EF:99:00:00:01".into(),
            ..generated_request(2)
        };
        assert_eq!(
            code(s.pinpoint(user, "k5", &unknown_mac, now())),
            (422, "activation_unknown")
        );
        let bad_id = PinpointRequest {
            charge_box_id: "EVF-WRONG".into(),
            ..generated_request(2)
        };
        assert_eq!(
            code(s.pinpoint(user, "k5", &bad_id, now())),
            (422, "identity_mismatch")
        );
        let zero = PinpointRequest {
            pin_lat: 0.0,
            pin_lon: 0.0,
            ..generated_request(2)
        };
        assert_eq!(
            code(s.pinpoint(user, "k5", &zero, now())),
            (422, "bad_position")
        );
        let far = PinpointRequest {
            gps_lat: 95.0,
            ..generated_request(2)
        };
        assert_eq!(
            code(s.pinpoint(user, "k5", &far, now())),
            (422, "bad_position")
        );
        let addr = PinpointRequest {
            address_id: "addr-9999".into(),
            ..generated_request(2)
        };
        assert_eq!(
            code(s.pinpoint(user, "k5", &addr, now())),
            (422, "unknown_address")
        );
        let model = PinpointRequest {
            model: "Unknown 9".into(),
            ..generated_request(2)
        };
        assert_eq!(
            code(s.pinpoint(user, "k5", &model, now())),
            (422, "model_not_supported")
        );
        let empty = PinpointRequest {
            serial: " ".into(),
            ..generated_request(2)
        };
        assert_eq!(
            code(s.pinpoint(user, "k5", &empty, now())),
            (422, "missing_field")
        );
        // A refused submission is not remembered: the key works once the body is right.
        let ok2 = s
            .pinpoint(user, "k5", &generated_request(2), now())
            .unwrap();
        assert_eq!((ok2.status, ok2.replayed), (201, false));
        assert_eq!(s.stations.len(), 2);
        // MAC spelling does not matter.
        let spelled = PinpointRequest {
            mac: "02ef20000003".into(),
            ..generated_request(3)
        };
        assert_eq!(
            s.pinpoint(user, "k6", &spelled, now()).unwrap().body["mac"],
            "02:EF:20:00:00:03"
        );
    }

    fn floor_changed() -> SiteDetails {
        SiteDetails {
            floor: Some("P9".into()),
            ..SiteDetails::default()
        }
    }

    #[test]
    fn requirements_table() {
        let r = requirements("wallbox", "pulsar  plus", "http://b", "ws://b/ocpp").unwrap();
        assert_eq!(
            (
                r.manufacturer.as_str(),
                r.model.as_str(),
                r.min_firmware.as_str()
            ),
            ("Wallbox", "Pulsar Plus", "5.17.0")
        );
        assert_eq!(
            r.pinpoint_url_template,
            "http://b/pinpoint?mac={mac}&password={password}"
        );
        assert_eq!(
            requirements("OpenEVSE", "anything", "", "")
                .unwrap()
                .min_firmware,
            "7.1.3"
        );
        assert_eq!(
            requirements("ChargeStorm", "EVA", "", "")
                .unwrap()
                .min_firmware,
            "R3.6.10"
        );
        assert_eq!(
            requirements(demo::MANUFACTURER, demo::MODEL, "", "")
                .unwrap()
                .min_firmware,
            "5.0.0"
        );
        let e = requirements("Acme", "X", "", "").unwrap_err();
        assert_eq!((e.status, e.code), (404, "model_not_supported"));
    }

    #[test]
    fn ocpp_status_transitions() {
        let mut s = SandboxState::seed();
        s.pinpoint(demo::INSTALLER_USER, "k", &demo_request(), now())
            .unwrap();
        let id = s.station_for_identity("EVF-02EF10004D01").unwrap();
        assert!(s.station_for_identity("EVF-NOPE").is_none());
        let boot = |serial: &str| BootInfo {
            vendor: "Evfield".into(),
            model: "SimCharger 22".into(),
            serial: Some(serial.into()),
            firmware: None,
            iccid: None,
        };
        assert_eq!(
            s.ocpp_boot(&id, boot(demo::SERIAL), now()),
            BootVerdict::Accepted
        );
        assert_eq!(s.status(&id).unwrap().ocpp, OcppState::Connected);
        s.ocpp_closed(&id);
        let st = s.status(&id).unwrap();
        assert_eq!(
            (st.ocpp, st.reason.as_deref()),
            (OcppState::Error, Some("connection closed"))
        );
        assert_eq!(
            s.ocpp_boot(&id, boot("WRONG1"), now()),
            BootVerdict::Rejected
        );
        let st = s.status(&id).unwrap();
        assert_eq!(st.ocpp, OcppState::Error);
        let reason = st.reason.unwrap();
        assert!(
            reason.contains("WRONG1") && reason.contains(demo::SERIAL),
            "{reason}"
        );
        s.ocpp_closed(&id);
        assert!(
            s.status(&id).unwrap().reason.unwrap().contains("WRONG1"),
            "rejection reason kept"
        );
        assert_eq!(
            s.ocpp_boot(&id, boot(demo::SERIAL), now()),
            BootVerdict::Accepted
        );
        assert_eq!(s.status(&id).unwrap().ocpp, OcppState::Connected);
        assert!(s.status(&id).unwrap().last_seen.is_some());
    }

    #[test]
    fn state_file_round_trip_is_atomic_and_versioned() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("net.json");
        let mut s = SandboxState::seed();
        s.pinpoint(demo::INSTALLER_USER, "k", &demo_request(), now())
            .unwrap();
        save_state(&path, &s).unwrap();
        assert_eq!(load_state(&path).unwrap(), s);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temp file left behind");
        let mut v = serde_json::to_value(&s).unwrap();
        v["version"] = serde_json::json!(99);
        std::fs::write(&path, v.to_string()).unwrap();
        assert!(
            load_state(&path)
                .unwrap_err()
                .message
                .contains("version 99")
        );
        std::fs::write(&path, "{not json").unwrap();
        assert_eq!(load_state(&path).unwrap_err().code, "E_SANDBOX_STATE");
    }

    #[test]
    fn mac_forms() {
        assert_eq!(
            normalize_mac("02-ef-10-00-4d-01").as_deref(),
            Some("02:EF:10:00:4D:01")
        );
        assert_eq!(
            normalize_mac("02EF10004D01").as_deref(),
            Some("02:EF:10:00:4D:01")
        );
        assert!(normalize_mac("02:EF:10:00:4D").is_none());
        assert!(normalize_mac("02:EF:10:00:4D:0G").is_none());
        assert_eq!(
            expected_identity(demo::MAC, "s").as_deref(),
            Some("EVF-02EF10004D01")
        );
    }

    #[test]
    fn a_chain_head_is_kept_once_and_never_rewritten() {
        let mut st = SandboxState::seed();
        let head = |h: char| ChainHead {
            events: 5,
            last_hash: h.to_string().repeat(64),
            stage: "end".into(),
        };
        let now = Utc::now();
        let (s, _) = record_chain_head(&mut st, "u", "s-1", &head('a'), now).unwrap();
        assert_eq!(s, 201);
        let (s, _) = record_chain_head(&mut st, "u", "s-1", &head('a'), now).unwrap();
        assert_eq!(s, 200, "the same head again");
        let e = record_chain_head(&mut st, "u", "s-1", &head('b'), now).unwrap_err();
        assert_eq!((e.status, e.code), (409, "chain_head_conflict"));
        assert!(record_chain_head(&mut st, "u", "../x", &head('a'), now).is_err());
        assert_eq!(st.chain_heads.len(), 1);
    }

    #[test]
    fn a_state_file_with_stored_records_still_finds_them() {
        // Files written before the generated records were counted hold them in the list.
        let mut s = SandboxState::seed();
        s.generated_activations = 0;
        let (mac, pw) = sandbox_activation(5);
        s.activations.push(ActivationRecord {
            password_sha256: secret_hash(&mac, &pw),
            mac: mac.clone(),
        });
        let mut json: serde_json::Value = serde_json::to_value(&s).unwrap();
        json.as_object_mut()
            .unwrap()
            .remove("generated_activations");
        let mut back: SandboxState = serde_json::from_value(json).unwrap();
        assert_eq!(back, s);
        assert_eq!(
            back.check_activation(&mac, &pw).status,
            ActivationState::Valid
        );
        let (six, six_pw) = sandbox_activation(6);
        assert_eq!(
            back.check_activation(&six, &six_pw).status,
            ActivationState::Unknown
        );
        back.pinpoint(demo::INSTALLER_USER, "k", &generated_request(5), now())
            .unwrap();
        assert_eq!(
            back.check_activation(&mac, &pw).status,
            ActivationState::Used
        );
    }

    #[test]
    fn the_index_follows_new_stations_and_a_loaded_state() {
        let user = demo::INSTALLER_USER;
        let mut s = SandboxState::seed();
        // Used before and after the first station: the index is built, then kept up to date.
        assert!(s.station("STN-000001").is_err());
        for i in 1..=3 {
            s.pinpoint(user, &format!("k{i}"), &generated_request(i), now())
                .unwrap();
        }
        let loaded: SandboxState =
            serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        for st in [&s, &loaded] {
            let two = st.station("STN-000002").unwrap();
            assert_eq!(two.serial, "GEN000002");
            assert_eq!(
                st.station_for_identity(&two.charge_box_id).as_deref(),
                Some("STN-000002")
            );
            let (mac, _) = sandbox_activation(3);
            let by_mac = st.stations_filtered(Some(&mac)).unwrap();
            assert_eq!(by_mac.len(), 1);
            assert_eq!(by_mac[0].station_id, "STN-000003");
        }
        let mut loaded = loaded;
        // Remembered key, taken serial and used activation, all found through the index.
        let again = loaded
            .pinpoint(user, "k2", &generated_request(2), now())
            .unwrap();
        assert!(again.replayed);
        let taken = PinpointRequest {
            serial: "GEN000001".into(),
            ..generated_request(4)
        };
        assert_eq!(
            code(loaded.pinpoint(user, "k4", &taken, now())),
            (409, "serial_taken")
        );
        assert_eq!(
            code(loaded.pinpoint(user, "k5", &generated_request(1), now())),
            (409, "activation_used")
        );
    }
}
