//! Vendor profiles: what evfield knows about a manufacturer, as data (docs/vendor-profiles.md).
//!
//! A profile is a TOML file: the manufacturer, its models (article-number decoding, minimum
//! firmware, screen, connectors), the rule that compares its version strings, how to reach the
//! service port, where the SIM is, and the **steps** (identify, read the SIM, read and write the
//! OCPP settings, reboot, read errors, modem passthrough) as scripts of send / expect / capture,
//! or as guided manual steps for what the manufacturer only allows in its own app.
//!
//! The files in the repository's `vendors/` are compiled into the binary (see `build.rs`); files
//! in `<config dir>/vendors/` (or `$EVFIELD_VENDORS_DIR`) add profiles or replace a shipped one
//! with the same id. Every file is validated on load; a mistake is reported with the file, the
//! line and the key.

pub mod article;
pub mod reads;
pub mod requests;
pub mod text;
pub mod version;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::{Deserialize, Serialize};
use toml::de::{DeTable, DeValue};

pub use self::text::{Text, TextList, TextRef};
pub use self::version::VersionRule;
use crate::paths::line_of;
use crate::{Error, Result};

mod shipped {
    include!(concat!(env!("OUT_DIR"), "/vendors.rs"));
}

/// Error code: a vendor profile is not valid.
pub const E_PROFILE: &str = "E_PROFILE";
/// Error code: no profile with the given id.
pub const E_UNKNOWN_VENDOR: &str = "E_UNKNOWN_VENDOR";

/// The names of the steps a profile may define, and what each must produce.
pub const STEPS: &[(&str, &[&str], &str)] = &[
    (
        "identify",
        &["manufacturer", "model", "serial", "mac", "firmware"],
        "read who the station is",
    ),
    (
        "read_state",
        &["state"],
        "read the station's operating state",
    ),
    ("read_sim", &["pin"], "read the SIM and modem state"),
    (
        "read_ocpp",
        &["url", "charge_box_id"],
        "read the OCPP settings",
    ),
    ("write_ocpp", &[], "write the OCPP settings"),
    ("reboot", &[], "restart the station"),
    ("wait_ready", &[], "wait for the station after a restart"),
    ("read_errors", &[], "read the station's errors and alarms"),
    ("modem", &[], "pass one AT command to the modem"),
    ("read_clock", &["clock"], "read the station's clock"),
    (
        "read_security",
        &["security_profile"],
        "read the OCPP security profile (and whether an authorization key is set)",
    ),
    (
        "write_security_profile",
        &[],
        "write the OCPP security profile",
    ),
    (
        "write_authorization_key",
        &[],
        "write the OCPP authorization key",
    ),
];

/// What a step does, in the installer's language, as it follows "cannot" (the English is the
/// third column of [`STEPS`]).
pub fn step_purpose(name: &str) -> String {
    match name {
        "identify" => crate::t!("prof.step.identify"),
        "read_state" => crate::t!("prof.step.read_state"),
        "read_sim" => crate::t!("prof.step.read_sim"),
        "read_ocpp" => crate::t!("prof.step.read_ocpp"),
        "write_ocpp" => crate::t!("prof.step.write_ocpp"),
        "reboot" => crate::t!("prof.step.reboot"),
        "wait_ready" => crate::t!("prof.step.wait_ready"),
        "read_errors" => crate::t!("prof.step.read_errors"),
        "modem" => crate::t!("prof.step.modem"),
        "read_clock" => crate::t!("prof.step.read_clock"),
        "read_security" => crate::t!("prof.step.read_security"),
        "write_security_profile" => crate::t!("prof.step.write_security_profile"),
        "write_authorization_key" => crate::t!("prof.step.write_authorization_key"),
        other => other.to_string(),
    }
}

/// Values a step's templates may use besides the step's own captures.
const INPUTS: &[(&str, &[&str])] = &[
    (
        "write_ocpp",
        &[
            "url",
            "charge_box_id",
            "security_profile",
            "authorization_key",
        ],
    ),
    ("modem", &["at"]),
    ("write_security_profile", &["security_profile"]),
    ("write_authorization_key", &["authorization_key"]),
];

/// Session keys a profile may ask for in its `ask` lists (docs/answers.md).
pub const ASKABLE_KEYS: &[&str] = &[
    "station.serial",
    "station.mac",
    "station.firmware",
    "station.model",
    "station.article",
];

/// The `[vendor]` table.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// Short id used on the command line (`--vendor openevse`): lower-case letters, digits, `-`.
    pub id: String,
    pub manufacturer: String,
    /// `station` or `modem`.
    #[serde(default = "default_kind")]
    pub kind: String,
    #[serde(default)]
    pub description: Text,
    /// `dotted` or `regex:PATTERN` (see [`VersionRule`]).
    #[serde(default = "default_version_rule")]
    pub version_rule: String,
    /// How the central system's whitelist must hold RFID UIDs for this vendor:
    /// `le-hex` (little-endian hex, no separators), `be-hex` or `decimal`.
    #[serde(default)]
    pub rfid_uid: Option<String>,
    /// Where the facts come from (manuals, specifications).
    #[serde(default)]
    pub references: Vec<String>,
    /// What this profile models and what it does not, in words.
    #[serde(default)]
    pub notes: Text,
}

fn default_kind() -> String {
    "station".into()
}
fn default_version_rule() -> String {
    "dotted".into()
}

/// One model of the vendor.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    pub name: String,
    /// The model's code in the article number (`PLP1`), when the vendor has article numbers.
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub has_screen: bool,
    #[serde(default)]
    pub connectors: Vec<String>,
    /// `ethernet`, `cellular`, `wifi`.
    #[serde(default)]
    pub connectivity: Vec<String>,
    /// Lowest firmware the manufacturer supports for re-networking (the network may ask more).
    #[serde(default)]
    pub min_firmware: Option<String>,
    /// Article-number field tables: field (a named group of `[article].pattern`) → code → meaning.
    #[serde(default)]
    pub article: BTreeMap<String, BTreeMap<String, Text>>,
    /// Codes of the `[article].ocpp_field` that mean OCPP is fitted.
    #[serde(default)]
    pub ocpp_codes: Vec<String>,
}

/// How article numbers are written and which field says OCPP is fitted.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleSpec {
    /// Regex with named groups; the group `model` holds the model code.
    pub pattern: String,
    /// Named group that says whether OCPP is fitted.
    pub ocpp_field: String,
    /// Why an article without OCPP cannot be re-networked (quoted from the manufacturer).
    pub refusal: Text,
    /// Where the table comes from.
    #[serde(default)]
    pub reference: String,
    #[serde(skip)]
    pub(crate) re: Option<Regex>,
}

/// How to reach the service port.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicePort {
    /// `serial`, or `none` when the manufacturer offers no service port (app-only vendors).
    pub transport: String,
    #[serde(default = "default_baud")]
    pub baud: u32,
    #[serde(default = "default_data_bits")]
    pub data_bits: u8,
    /// `none`, `even` or `odd`.
    #[serde(default = "default_none")]
    pub parity: String,
    #[serde(default = "default_stop_bits")]
    pub stop_bits: u8,
    /// `none`, `hardware` or `software`.
    #[serde(default = "default_none")]
    pub flow_control: String,
    /// What ends a command line (`"\r\n"`, `"\r"`).
    #[serde(default = "default_line_ending")]
    pub line_ending: String,
    /// USB ids of the station's own USB device or of the USB-serial adapters it ships with.
    #[serde(default)]
    pub usb: Vec<UsbId>,
    /// Where the port is and how to connect, for the installer.
    #[serde(default)]
    pub instructions: Text,
    /// The port's protocol is documented by no source the profile can cite (evfield's own
    /// model of it): evfield opens it only with `--experimental` (the demo passes it itself).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub experimental: bool,
}

fn default_baud() -> u32 {
    115_200
}
fn default_data_bits() -> u8 {
    8
}
fn default_stop_bits() -> u8 {
    1
}
fn default_none() -> String {
    "none".into()
}
fn default_line_ending() -> String {
    "\r\n".into()
}

/// A USB vendor and product id (hex, as `lsusb` shows them).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsbId {
    pub vid: String,
    pub pid: String,
    #[serde(default)]
    pub what: Text,
}

impl UsbId {
    pub fn ids(&self) -> Option<(u16, u16)> {
        Some((
            u16::from_str_radix(&self.vid, 16).ok()?,
            u16::from_str_radix(&self.pid, 16).ok()?,
        ))
    }
}

/// How the script runner frames and reads this protocol.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Protocol {
    /// `none`, or `xor` (RAPI: `^XX` appended to what is sent, checked on what is received).
    #[serde(default = "default_none")]
    pub checksum: String,
    /// How values are written into commands and read from captures: `none` or `percent`
    /// (docs/station-console.md).
    #[serde(default = "default_none")]
    pub encoding: String,
    /// Time one command has to be answered, in milliseconds.
    #[serde(default = "default_timeout")]
    pub timeout_ms: u64,
    /// How often a command is sent again after no reply, an unreadable reply or a bad checksum.
    #[serde(default)]
    pub retries: u32,
    /// Lines to skip wherever they come (unsolicited events, boot banners).
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Lines that end any command at once as a refusal (`^\$NK`, `^ERROR$`).
    #[serde(default)]
    pub fail: Vec<String>,
    /// The commands that only read the station, as the manufacturer documents them: regexes
    /// over the whole command (a line, a datagram, `GET /path`). The reading steps may send
    /// nothing else (src/station/profile/reads.rs).
    #[serde(default)]
    pub reads: Vec<String>,
    #[serde(skip)]
    pub(crate) ignore_re: Vec<Regex>,
    #[serde(skip)]
    pub(crate) fail_re: Vec<Regex>,
    #[serde(skip)]
    pub(crate) reads_re: Vec<Regex>,
}

fn default_timeout() -> u64 {
    2000
}

impl Default for Protocol {
    fn default() -> Self {
        Protocol {
            checksum: default_none(),
            encoding: default_none(),
            timeout_ms: default_timeout(),
            retries: 0,
            ignore: Vec::new(),
            fail: Vec::new(),
            reads: Vec::new(),
            ignore_re: Vec::new(),
            fail_re: Vec::new(),
            reads_re: Vec::new(),
        }
    }
}

/// Where the SIM is and how it is read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimAccess {
    /// Whether the station has a cellular modem at all.
    pub modem: bool,
    /// Where the SIM holder is and how to swap the SIM, for the installer.
    #[serde(default)]
    pub instructions: Text,
}

/// What the station's OCPP client expects.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OcppInfo {
    /// `1.5-soap`, `1.6-json`.
    #[serde(default)]
    pub versions: Vec<String>,
    /// The station appends `/<charge box id>` to the URL itself.
    #[serde(default = "default_true")]
    pub appends_identity: bool,
    /// OCPP security profiles (0 none, 1 basic auth, 2 TLS + basic auth, 3 TLS + client cert).
    #[serde(default)]
    pub security_profiles: Vec<u8>,
    /// Longest charge box identity the station accepts (OCPP's CiString is 48 for 1.6 ids,
    /// some stations less).
    #[serde(default = "default_identity_max")]
    pub identity_max: usize,
    /// The station must restart before new settings take effect.
    #[serde(default = "default_true")]
    pub reboot_after_write: bool,
    /// Names of the station's OCPP configuration keys, for reference (`vendors show`).
    #[serde(default)]
    pub keys: BTreeMap<String, String>,
    /// How the session writes the OCPP settings when not by the profile's steps: `probe`, the
    /// way the station's network does it: the station connects to `evfield`'s OCPP probe as its
    /// central system, which sends ChangeConfiguration for [`url_key`](Self::url_key) and
    /// [`identity_key`](Self::identity_key), reads them back with GetConfiguration and resets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_by: Option<String>,
    /// The configuration key that holds the central system's URL (`endpoint` on the EVA).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_key: Option<String>,
    /// The configuration key that holds the charge box identity (`chargeboxidentity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_key: Option<String>,
}

impl OcppInfo {
    /// The keys ChangeConfiguration writes when the settings are set over OCPP (`set_by =
    /// "probe"`): the URL's and the identity's.
    pub fn probe_keys(&self) -> Option<(&str, &str)> {
        if self.set_by.as_deref() != Some("probe") {
            return None;
        }
        Some((self.url_key.as_deref()?, self.identity_key.as_deref()?))
    }
}

fn default_true() -> bool {
    true
}
fn default_identity_max() -> usize {
    48
}

/// One value a step asks the installer for, because the port cannot give it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskSpec {
    /// The variable it sets.
    pub var: String,
    /// The session key it is asked as (one of [`ASKABLE_KEYS`]).
    pub key: String,
    /// The question.
    pub prompt: Text,
}

/// A step the installer does by hand (in the manufacturer's app), with the exact values.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guided {
    pub title: Text,
    /// The instructions, in order; `{url}`, `{charge_box_id}` etc. are filled in.
    pub instructions: TextList,
    /// What the installer confirms once done.
    pub confirm: Text,
    /// What proves it later (shown with the confirmation).
    #[serde(default)]
    pub proof: Text,
}

/// One expected reply line.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Expect {
    Pattern(String),
    Full(ExpectFull),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectFull {
    pub re: String,
    /// The line may be missing (the next expected line may come instead).
    #[serde(default)]
    pub optional: bool,
    /// Collect every match in the line (and in following lines) into lists.
    #[serde(default)]
    pub each: bool,
    /// Read the matched line's `key=value` tokens: wire key → variable. A key missing from the
    /// line leaves its variable unset.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

impl Expect {
    pub fn pattern(&self) -> &str {
        match self {
            Expect::Pattern(p) => p,
            Expect::Full(f) => &f.re,
        }
    }
    pub fn optional(&self) -> bool {
        matches!(self, Expect::Full(f) if f.optional)
    }
    pub fn each(&self) -> bool {
        matches!(self, Expect::Full(f) if f.each)
    }
    pub fn fields(&self) -> Option<&BTreeMap<String, String>> {
        match self {
            Expect::Full(f) if !f.fields.is_empty() => Some(&f.fields),
            _ => None,
        }
    }
}

/// One command of a script: send a line, then read the expected lines.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// The line to send without its ending; `{name}` is replaced by a value.
    #[serde(default)]
    pub send: Option<String>,
    /// Reply lines to wait for, in order; named groups `(?P<name>...)` capture values.
    #[serde(default)]
    pub expect: Vec<Expect>,
    /// Lines that end this command as a refusal (besides `[protocol].fail`).
    #[serde(default)]
    pub fail: Vec<String>,
    #[serde(default)]
    pub timeout_ms: Option<u64>,
    #[serde(default)]
    pub retries: Option<u32>,
    /// Overrides `[protocol].checksum` for this command.
    #[serde(default)]
    pub checksum: Option<String>,
    /// A Modbus register read (docs/vendor-profiles.md, "Modbus, HTTP and UDP").
    #[serde(default)]
    pub read: Option<requests::ReadSpec>,
    /// What the registers of a `read` mean.
    #[serde(default)]
    pub values: Vec<crate::station::modbus::value::RegValue>,
    /// A Modbus register write.
    #[serde(default)]
    pub write: Option<requests::WriteSpec>,
    /// An HTTP request to the station's local API.
    #[serde(default)]
    pub http: Option<requests::HttpRequest>,
    /// A UDP datagram (a template).
    #[serde(default)]
    pub datagram: Option<String>,
    /// Values taken from a JSON reply by JSON pointer.
    #[serde(default)]
    pub capture: BTreeMap<String, requests::Capture>,
    /// JSON pointer → the value the reply must hold there, else the command was refused.
    #[serde(default)]
    pub require: BTreeMap<String, String>,
    /// What it means when this command gets no answer at all while the commands before it in
    /// the step were answered (a setting on the station that turns this reply off): said
    /// instead of a bare timeout.
    #[serde(default, skip_serializing_if = "Text::is_unset")]
    pub silence: Text,
    #[serde(skip)]
    pub(crate) capture_re: BTreeMap<String, Regex>,
    #[serde(skip)]
    pub(crate) expect_re: Vec<Regex>,
    #[serde(skip)]
    pub(crate) fail_re: Vec<Regex>,
}

/// A step: constants, asked values, a script, value tables, or a guided manual step.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Constant values (`manufacturer = "OpenEVSE"`).
    #[serde(default)]
    pub set: BTreeMap<String, String>,
    /// Values asked of the installer before the script runs.
    #[serde(default)]
    pub ask: Vec<AskSpec>,
    /// The script.
    #[serde(default)]
    pub run: Vec<Action>,
    /// Captured value → table of raw value → meaning. For `read_errors`, each match is an error.
    #[serde(default)]
    pub codes: BTreeMap<String, BTreeMap<String, Text>>,
    /// For `read_errors`: value → the raw values that mean "no error"; any other value is an
    /// error, named by its meaning in `codes` when it has one (an error-code register).
    #[serde(default)]
    pub ok: BTreeMap<String, Vec<String>>,
    /// A guided manual step instead of (or besides) a script.
    #[serde(default)]
    pub guided: Option<Guided>,
}

/// A vendor profile as written in its file.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub vendor: Vendor,
    #[serde(default)]
    pub models: Vec<Model>,
    #[serde(default)]
    pub article: Option<ArticleSpec>,
    #[serde(default)]
    pub service_port: Option<ServicePort>,
    #[serde(default)]
    pub protocol: Protocol,
    #[serde(default)]
    pub sim: Option<SimAccess>,
    #[serde(default)]
    pub ocpp: Option<OcppInfo>,
    /// Modbus settings, for transports modbus-rtu and modbus-tcp.
    #[serde(default)]
    pub modbus: Option<requests::ModbusSpec>,
    /// The station's local HTTP API, for transport http.
    #[serde(default)]
    pub http: Option<requests::HttpSpec>,
    /// The station's UDP protocol, for transport udp.
    #[serde(default)]
    pub udp: Option<requests::UdpSpec>,
    #[serde(default)]
    pub steps: BTreeMap<String, Step>,
    /// Where it was loaded from (`vendors/openevse.toml (built in)` or a path).
    #[serde(skip_deserializing)]
    pub source: String,
    #[serde(skip)]
    pub(crate) rule: Option<VersionRule>,
}

/// A step of a path into a TOML document, for line numbers.
#[derive(Debug, Clone)]
enum Seg<'a> {
    Key(&'a str),
    /// A key known only at run time (a step's name, a language code).
    Owned(String),
    Idx(usize),
}

/// The line of the deepest element of `path` found in `text`.
fn line_at(text: &str, path: &[Seg]) -> usize {
    let Ok(root) = DeTable::parse(text) else {
        return 1;
    };
    let mut line = 1;
    let mut cur: Option<&DeValue> = None;
    for (i, seg) in path.iter().enumerate() {
        let seg = match seg {
            Seg::Owned(k) => Seg::Key(k.as_str()),
            other => other.clone(),
        };
        let next = match (i, &seg, cur) {
            (0, Seg::Key(k), _) => root
                .get_ref()
                .iter()
                .find(|(key, _)| key.get_ref() == *k)
                .map(|(key, v)| (key.span(), v)),
            (_, Seg::Key(k), Some(DeValue::Table(t))) => t
                .iter()
                .find(|(key, _)| key.get_ref() == *k)
                .map(|(key, v)| (key.span(), v)),
            (_, Seg::Idx(n), Some(v @ DeValue::Array(_))) => {
                v.get(*n).map(|item| (item.span(), item))
            }
            _ => None,
        };
        match next {
            Some((span, v)) => {
                line = line_of(text, span.start);
                cur = Some(v.get_ref());
            }
            None => break,
        }
    }
    line
}

/// Whether `s` is a valid profile id.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// `{name}` or `{name:filter}` placeholders of a template.
pub fn placeholders(template: &str) -> std::result::Result<Vec<(String, Option<String>)>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| crate::t!("prof.profile.unclosed", template = template))?;
        let inner = &after[..close];
        let (name, filter) = match inner.split_once(':') {
            Some((n, f)) => (n, Some(f.to_string())),
            None => (inner, None),
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return Err(crate::t!(
                "prof.profile.not_placeholder",
                placeholder = format!("{{{inner}}}"),
                template = template
            ));
        }
        if let Some(f) = &filter
            && !matches!(f.as_str(), "pct" | "raw" | "quoted" | "json")
        {
            return Err(crate::t!(
                "prof.profile.not_filter",
                filter = f,
                template = template
            ));
        }
        out.push((name.to_string(), filter));
        rest = &after[close + 1..];
    }
    Ok(out)
}

impl Profile {
    /// Parse and validate a profile; `source` names it in errors.
    pub fn parse(text: &str, source: &str) -> Result<Profile> {
        let bad = |line: usize, what: String| {
            Error::usage(E_PROFILE, format!("{source}:{line}: {what}"))
                .with_help(crate::t!("prof.profile.fix_help"))
        };
        let mut p: Profile = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            bad(line, e.message().trim().to_string())
        })?;
        p.source = source.to_string();
        p.validate()
            .map_err(|(path, what)| bad(line_at(text, &path), what))?;
        Ok(p)
    }

    /// Compile regexes and check what serde cannot: ids, rules, steps, captures, templates.
    fn validate(&mut self) -> std::result::Result<(), (Vec<Seg<'static>>, String)> {
        use Seg::{Idx, Key};
        let err = |path: Vec<Seg<'static>>, what: String| Err((path, what));
        for (mut path, key, text) in self.texts() {
            text.check(&key).map_err(|(code, what)| {
                path.extend(code.map(Seg::Owned));
                (path, what)
            })?;
        }
        if !is_id(&self.vendor.id) {
            return err(
                vec![Key("vendor"), Key("id")],
                crate::t!("prof.profile.bad_id", id = self.vendor.id),
            );
        }
        if !matches!(self.vendor.kind.as_str(), "station" | "modem") {
            return err(
                vec![Key("vendor"), Key("kind")],
                crate::t!("prof.profile.bad_kind", kind = self.vendor.kind),
            );
        }
        if let Some(o) = &self.ocpp
            && let Some(by) = &o.set_by
            && (by != "probe" || o.probe_keys().is_none())
        {
            return err(
                vec![Key("ocpp"), Key("set_by")],
                crate::t!("eva.profile.set_by", value = by),
            );
        }
        if let Some(r) = &self.vendor.rfid_uid
            && !matches!(r.as_str(), "le-hex" | "be-hex" | "decimal")
        {
            return err(
                vec![Key("vendor"), Key("rfid_uid")],
                crate::t!("prof.profile.bad_rfid_uid", value = r),
            );
        }
        let rule = VersionRule::parse(&self.vendor.version_rule).map_err(|e| {
            (
                vec![Key("vendor"), Key("version_rule")],
                format!("`vendor.version_rule`: {e}"),
            )
        })?;
        for (i, m) in self.models.iter().enumerate() {
            if let Some(min) = &m.min_firmware
                && let Err(e) = rule.numbers(min)
            {
                return err(
                    vec![Key("models"), Idx(i), Key("min_firmware")],
                    crate::t!("prof.profile.bad_min_firmware", model = m.name, why = e),
                );
            }
        }
        self.rule = Some(rule);
        if let Some(a) = self.article.as_mut() {
            let re = Regex::new(&a.pattern).map_err(|e| {
                (
                    vec![Key("article"), Key("pattern")],
                    crate::t!("prof.profile.article_regex", why = e),
                )
            })?;
            let names: BTreeSet<&str> = re.capture_names().flatten().collect();
            for need in ["model", a.ocpp_field.as_str()] {
                if !names.contains(need) {
                    return err(
                        vec![Key("article"), Key("pattern")],
                        crate::t!("prof.profile.article_group", need = need),
                    );
                }
            }
            for (i, m) in self.models.iter().enumerate() {
                if m.code.is_none() {
                    return err(
                        vec![Key("models"), Idx(i)],
                        crate::t!("prof.profile.model_code", model = m.name),
                    );
                }
                for field in m.article.keys() {
                    if !names.contains(field.as_str()) {
                        return err(
                            vec![Key("models"), Idx(i), Key("article")],
                            crate::t!(
                                "prof.profile.model_article_field",
                                field = field,
                                model = m.name
                            ),
                        );
                    }
                }
            }
            a.re = Some(re);
        }
        if let Some(sp) = &self.service_port {
            let checks: [(&str, bool, String); 6] = [
                (
                    "transport",
                    requests::TRANSPORTS.contains(&sp.transport.as_str()),
                    requests::TRANSPORTS.join(", "),
                ),
                (
                    "data_bits",
                    (5..=8).contains(&sp.data_bits),
                    or_list(&["5", "6", "7", "8"]),
                ),
                (
                    "parity",
                    matches!(sp.parity.as_str(), "none" | "even" | "odd"),
                    or_list(&["none", "even", "odd"]),
                ),
                (
                    "stop_bits",
                    matches!(sp.stop_bits, 1 | 2),
                    or_list(&["1", "2"]),
                ),
                (
                    "flow_control",
                    matches!(sp.flow_control.as_str(), "none" | "hardware" | "software"),
                    or_list(&["none", "hardware", "software"]),
                ),
                (
                    "line_ending",
                    !sp.line_ending.is_empty()
                        && sp.line_ending.bytes().all(|b| b == b'\r' || b == b'\n'),
                    or_list(&["\"\\r\"", "\"\\n\"", "\"\\r\\n\""]),
                ),
            ];
            for (key, ok, want) in checks {
                if !ok {
                    return err(
                        vec![Key("service_port"), Key(key)],
                        crate::t!("prof.profile.service_port_key", key = key, want = want),
                    );
                }
            }
            if !(50..=4_000_000).contains(&sp.baud) {
                return err(
                    vec![Key("service_port"), Key("baud")],
                    crate::t!("prof.profile.baud", baud = sp.baud),
                );
            }
            for (i, u) in sp.usb.iter().enumerate() {
                if u.ids().is_none() || u.vid.len() != 4 || u.pid.len() != 4 {
                    return err(
                        vec![Key("service_port"), Key("usb"), Idx(i)],
                        crate::t!("prof.profile.usb", vid = u.vid, pid = u.pid),
                    );
                }
            }
        }
        let proto = &mut self.protocol;
        if !matches!(proto.checksum.as_str(), "none" | "xor") {
            return err(
                vec![Key("protocol"), Key("checksum")],
                crate::t!("prof.profile.checksum", value = proto.checksum),
            );
        }
        if !matches!(proto.encoding.as_str(), "none" | "percent") {
            return err(
                vec![Key("protocol"), Key("encoding")],
                crate::t!("prof.profile.encoding", value = proto.encoding),
            );
        }
        proto.ignore_re = compile_all(&proto.ignore, &["protocol", "ignore"])?;
        proto.fail_re = compile_all(&proto.fail, &["protocol", "fail"])?;
        proto.reads_re = compile_all(&proto.reads, &["protocol", "reads"])?;
        let transport = self.transport().to_string();
        let needs_table: Option<(&str, bool)> = match transport.as_str() {
            "modbus-rtu" | "modbus-tcp" => Some(("modbus", true)),
            "http" => Some(("http", true)),
            "udp" => Some(("udp", self.udp.is_some())),
            _ => None,
        };
        if let Some((table, false)) = needs_table {
            return err(
                vec![Key("service_port"), Key("transport")],
                crate::t!(
                    "prof.profile.needs_table",
                    transport = transport,
                    table = table
                ),
            );
        }
        if let Some(m) = &self.modbus
            && crate::station::modbus::value::Order::parse(&m.byte_order, &m.word_order).is_none()
        {
            return err(
                vec![Key("modbus")],
                crate::t!(
                    "prof.profile.modbus_order",
                    bytes = m.byte_order,
                    words = m.word_order
                ),
            );
        }
        let modbus = self.modbus.clone().unwrap_or_default();
        let side = self.side_http();
        let steps: Vec<String> = self.steps.keys().cloned().collect();
        for name in steps {
            let name_static: &'static str = STEPS
                .iter()
                .find(|(n, _, _)| *n == name)
                .map(|(n, _, _)| *n)
                .ok_or_else(|| {
                    let known: Vec<&str> = STEPS.iter().map(|(n, _, _)| *n).collect();
                    (
                        vec![Key("steps")],
                        crate::t!(
                            "prof.profile.unknown_step",
                            name = name,
                            known = known.join(", ")
                        ),
                    )
                })?;
            let has_article = self.article.is_some();
            let step = self.steps.get_mut(&name).expect("listed above");
            validate_step(name_static, step, &transport, side, &modbus, has_article)?;
        }
        self.check_reads()
    }

    /// Every installer-facing text that is written, with its place in the file and its key.
    fn texts(&self) -> Vec<(Vec<Seg<'static>>, String, TextRef<'_>)> {
        use Seg::{Idx, Key, Owned};
        let mut out: Vec<(Vec<Seg<'static>>, TextRef<'_>)> = Vec::new();
        let one = |path: Vec<Seg<'static>>, t| (path, t);
        let v = &self.vendor;
        out.push(one(
            vec![Key("vendor"), Key("description")],
            TextRef::One(&v.description),
        ));
        out.push(one(
            vec![Key("vendor"), Key("notes")],
            TextRef::One(&v.notes),
        ));
        if let Some(a) = &self.article {
            out.push(one(
                vec![Key("article"), Key("refusal")],
                TextRef::One(&a.refusal),
            ));
        }
        for (i, m) in self.models.iter().enumerate() {
            for (field, table) in &m.article {
                for (code, meaning) in table {
                    out.push(one(
                        vec![
                            Key("models"),
                            Idx(i),
                            Key("article"),
                            Owned(field.clone()),
                            Owned(code.clone()),
                        ],
                        TextRef::One(meaning),
                    ));
                }
            }
        }
        if let Some(sp) = &self.service_port {
            out.push(one(
                vec![Key("service_port"), Key("instructions")],
                TextRef::One(&sp.instructions),
            ));
        }
        if let Some(sp) = &self.service_port {
            for (i, u) in sp.usb.iter().enumerate() {
                out.push(one(
                    vec![Key("service_port"), Key("usb"), Idx(i), Key("what")],
                    TextRef::One(&u.what),
                ));
            }
        }
        if let Some(sim) = &self.sim {
            out.push(one(
                vec![Key("sim"), Key("instructions")],
                TextRef::One(&sim.instructions),
            ));
        }
        for (name, step) in &self.steps {
            let at = |rest: &[Seg<'static>]| {
                let mut p = vec![Key("steps"), Owned(name.clone())];
                p.extend_from_slice(rest);
                p
            };
            for (i, a) in step.ask.iter().enumerate() {
                out.push(one(
                    at(&[Key("ask"), Idx(i), Key("prompt")]),
                    TextRef::One(&a.prompt),
                ));
            }
            for (i, a) in step.run.iter().enumerate() {
                out.push(one(
                    at(&[Key("run"), Idx(i), Key("silence")]),
                    TextRef::One(&a.silence),
                ));
            }
            for (var, table) in &step.codes {
                for (raw, meaning) in table {
                    out.push(one(
                        at(&[Key("codes"), Owned(var.clone()), Owned(raw.clone())]),
                        TextRef::One(meaning),
                    ));
                }
            }
            if let Some(g) = &step.guided {
                out.push(one(
                    at(&[Key("guided"), Key("title")]),
                    TextRef::One(&g.title),
                ));
                out.push(one(
                    at(&[Key("guided"), Key("instructions")]),
                    TextRef::List(&g.instructions),
                ));
                out.push(one(
                    at(&[Key("guided"), Key("confirm")]),
                    TextRef::One(&g.confirm),
                ));
                out.push(one(
                    at(&[Key("guided"), Key("proof")]),
                    TextRef::One(&g.proof),
                ));
            }
        }
        out.retain(|(_, t)| !matches!(t, TextRef::One(t) if t.is_unset()));
        out.into_iter()
            .map(|(path, t)| {
                let key = path
                    .iter()
                    .map(|s| match s {
                        Key(k) => format!(".{k}"),
                        Owned(k) => format!(".{k}"),
                        Idx(i) => format!("[{}]", i + 1),
                    })
                    .collect::<String>();
                (path, key.trim_start_matches('.').to_string(), t)
            })
            .collect()
    }

    /// Every installer-facing text that lacks a language of the tool: key → the missing
    /// languages (a plain string lacks all but English).
    pub fn missing_translations(&self) -> Vec<(String, Vec<crate::i18n::Lang>)> {
        self.texts()
            .into_iter()
            .map(|(_, key, t)| (key, t.missing()))
            .filter(|(_, m)| !m.is_empty())
            .collect()
    }

    /// The vendor's version rule.
    pub fn version_rule(&self) -> &VersionRule {
        self.rule.as_ref().unwrap_or(&VersionRule::Dotted)
    }

    pub fn step(&self, name: &str) -> Option<&Step> {
        self.steps.get(name)
    }

    /// Whether the step exists and is guided (done by hand).
    pub fn guided(&self, name: &str) -> Option<&Guided> {
        self.steps
            .get(name)
            .and_then(|s| s.guided.as_ref())
            .filter(|_| self.steps.get(name).is_some_and(|s| s.run.is_empty()))
    }

    /// Whether the step can be run over the service port.
    pub fn scripted(&self, name: &str) -> bool {
        self.steps.get(name).is_some_and(|s| !s.run.is_empty())
            || (name == "identify"
                && self
                    .steps
                    .get(name)
                    .is_some_and(|s| !s.set.is_empty() || !s.ask.is_empty()))
    }

    /// Whether the station is reached through a serial device (a console or Modbus RTU).
    pub fn has_port(&self) -> bool {
        matches!(self.transport(), "serial" | "modbus-rtu")
    }

    /// `[service_port].transport`, or `none` without a service port.
    pub fn transport(&self) -> &str {
        self.service_port
            .as_ref()
            .map(|sp| sp.transport.as_str())
            .unwrap_or("none")
    }

    /// Whether evfield can talk to the station at all (any transport but `none`).
    pub fn reachable(&self) -> bool {
        self.transport() != "none"
    }

    /// Whether the station is reached by a network address rather than a serial device.
    pub fn by_address(&self) -> bool {
        matches!(self.transport(), "modbus-tcp" | "http" | "udp")
    }

    /// Whether the profile reaches a second device over HTTP besides its service port (the
    /// OpenEVSE WiFi module beside the controller's RAPI port): an `[http]` table on another
    /// transport. Its address is the target's `address`.
    pub fn side_http(&self) -> bool {
        self.http.is_some() && !matches!(self.transport(), "http" | "none")
    }

    /// Whether the step's script runs on that second device.
    pub fn on_side(&self, name: &str) -> bool {
        self.side_http()
            && self.steps.get(name).is_some_and(|s| {
                s.run
                    .first()
                    .is_some_and(|a| a.kind() == requests::Kind::Http)
            })
    }

    /// The profile as it is when the second device cannot be reached (no address given): its
    /// steps fall back to their guided form, and steps without one are gone.
    pub fn without_side(&self) -> Profile {
        let mut p = self.clone();
        let names: Vec<String> = p
            .steps
            .keys()
            .filter(|n| self.on_side(n))
            .cloned()
            .collect();
        for n in names {
            match p.steps.get_mut(&n) {
                Some(s) if s.guided.is_some() => s.run.clear(),
                _ => {
                    p.steps.remove(&n);
                }
            }
        }
        p
    }

    /// The profile as the session can run it: without the second device when its address is
    /// not given (see [`Profile::without_side`]).
    pub fn reachable_with(self, address_given: bool) -> Profile {
        if self.side_http() && !address_given {
            self.without_side()
        } else {
            self
        }
    }

    /// The model by name (case and spacing ignored).
    pub fn model(&self, name: &str) -> Option<&Model> {
        let norm = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        self.models.iter().find(|m| norm(&m.name) == norm(name))
    }

    /// Serial line settings for the transport.
    pub fn serial_settings(&self) -> crate::station::transport::SerialSettings {
        use serialport::{DataBits, FlowControl, Parity, StopBits};
        let mut s = crate::station::transport::SerialSettings::default();
        if let Some(sp) = &self.service_port {
            s.baud = sp.baud;
            s.data_bits = match sp.data_bits {
                5 => DataBits::Five,
                6 => DataBits::Six,
                7 => DataBits::Seven,
                _ => DataBits::Eight,
            };
            s.parity = match sp.parity.as_str() {
                "even" => Parity::Even,
                "odd" => Parity::Odd,
                _ => Parity::None,
            };
            s.stop_bits = if sp.stop_bits == 2 {
                StopBits::Two
            } else {
                StopBits::One
            };
            s.flow_control = match sp.flow_control.as_str() {
                "hardware" => FlowControl::Hardware,
                "software" => FlowControl::Software,
                _ => FlowControl::None,
            };
        }
        s
    }
}

/// `a, b or c` in the installer's language.
fn or_list(items: &[&str]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            crate::t!("prof.profile.or", list = rest.join(", "), last = last)
        }
        _ => items.join(", "),
    }
}

fn compile_all(
    patterns: &[String],
    at: &[&'static str],
) -> std::result::Result<Vec<Regex>, (Vec<Seg<'static>>, String)> {
    patterns
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Regex::new(p).map_err(|e| {
                let mut path: Vec<Seg<'static>> = at.iter().map(|k| Seg::Key(k)).collect();
                path.push(Seg::Idx(i));
                (
                    path,
                    crate::t!("prof.profile.not_regex", key = at.join("."), why = e),
                )
            })
        })
        .collect()
}

fn validate_step(
    name: &'static str,
    step: &mut Step,
    transport: &str,
    side_http: bool,
    modbus: &requests::ModbusSpec,
    has_article: bool,
) -> std::result::Result<(), (Vec<Seg<'static>>, String)> {
    use Seg::{Idx, Key};
    let at = |rest: &[Seg<'static>]| {
        let mut p = vec![Key("steps"), Key(name)];
        p.extend_from_slice(rest);
        p
    };
    if step.run.is_empty() && step.guided.is_none() && step.set.is_empty() && step.ask.is_empty() {
        return Err((at(&[]), crate::t!("prof.profile.step_empty", name = name)));
    }
    if !step.run.is_empty() && transport == "none" {
        return Err((
            at(&[Key("run")]),
            crate::t!(
                "prof.profile.run_needs_port",
                name = name,
                transports = requests::TRANSPORTS
                    .iter()
                    .filter(|t| **t != "none")
                    .copied()
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let mut produced: BTreeSet<String> = step.set.keys().cloned().collect();
    for (i, a) in step.ask.iter().enumerate() {
        if !ASKABLE_KEYS.contains(&a.key.as_str()) {
            return Err((
                at(&[Key("ask"), Idx(i), Key("key")]),
                crate::t!(
                    "prof.profile.ask_key",
                    name = name,
                    key = a.key,
                    keys = ASKABLE_KEYS.join(", ")
                ),
            ));
        }
        produced.insert(a.var.clone());
        // The model comes from the article number's decoding.
        if a.var == "article" && has_article {
            produced.insert("model".into());
        }
    }
    let inputs: &[&str] = INPUTS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
        .unwrap_or(&[]);
    for (i, action) in step.run.iter_mut().enumerate() {
        requests::validate_action(action, transport, side_http, modbus, inputs, &mut produced)
            .map_err(|(rest, why)| {
                let mut p = vec![Key("run"), Idx(i)];
                p.extend(rest);
                (
                    at(&p),
                    crate::t!("prof.profile.run_entry", name = name, n = i + 1, why = why),
                )
            })?;
        if action.kind() == requests::Kind::Line
            && action.send.is_none()
            && action.expect.is_empty()
        {
            return Err((
                at(&[Key("run"), Idx(i)]),
                crate::t!("prof.profile.run_entry_empty", name = name, n = i + 1),
            ));
        }
        if let Some(c) = &action.checksum
            && !matches!(c.as_str(), "none" | "xor")
        {
            return Err((
                at(&[Key("run"), Idx(i), Key("checksum")]),
                crate::t!("prof.profile.action_checksum", value = c),
            ));
        }
        if let Some(send) = &action.send {
            let vars =
                placeholders(send).map_err(|e| (at(&[Key("run"), Idx(i), Key("send")]), e))?;
            for (v, _) in vars {
                if !inputs.contains(&v.as_str()) && !produced.contains(&v) {
                    return Err((
                        at(&[Key("run"), Idx(i), Key("send")]),
                        crate::t!(
                            "prof.profile.unknown_var",
                            placeholder = format!("{{{v}}}"),
                            name = name,
                            inputs = if inputs.is_empty() {
                                crate::t!("prof.profile.none")
                            } else {
                                inputs.join(", ")
                            }
                        ),
                    ));
                }
            }
        }
        action.expect_re.clear();
        for (j, e) in action.expect.iter().enumerate() {
            let re = Regex::new(e.pattern()).map_err(|err| {
                (
                    at(&[Key("run"), Idx(i), Key("expect"), Idx(j)]),
                    crate::t!("prof.profile.expect_regex", why = err),
                )
            })?;
            produced.extend(re.capture_names().flatten().map(str::to_string));
            if let Some(fields) = e.fields() {
                produced.extend(fields.values().cloned());
            }
            action.expect_re.push(re);
        }
        action.fail_re.clear();
        for (j, f) in action.fail.iter().enumerate() {
            action.fail_re.push(Regex::new(f).map_err(|err| {
                (
                    at(&[Key("run"), Idx(i), Key("fail"), Idx(j)]),
                    crate::t!("prof.profile.fail_regex", why = err),
                )
            })?);
        }
    }
    // A step talks to one device: all of it over the second device's HTTP API, or none.
    if side_http {
        let on_side = step
            .run
            .iter()
            .filter(|a| a.kind() == requests::Kind::Http)
            .count();
        if on_side > 0 && on_side < step.run.len() {
            return Err((at(&[Key("run")]), crate::t!("i14.side_mixed", name = name)));
        }
    }
    if let Some(g) = &step.guided {
        let lines = g
            .instructions
            .all()
            .into_iter()
            .flat_map(|l| l.iter().enumerate());
        for (i, line) in lines {
            let vars = placeholders(line)
                .map_err(|e| (at(&[Key("guided"), Key("instructions"), Idx(i)]), e))?;
            for (v, _) in vars {
                if !inputs.contains(&v.as_str()) && !produced.contains(&v) {
                    return Err((
                        at(&[Key("guided"), Key("instructions"), Idx(i)]),
                        crate::t!(
                            "prof.profile.unknown_guided_var",
                            placeholder = format!("{{{v}}}"),
                            name = name
                        ),
                    ));
                }
            }
        }
    }
    for var in step.ok.keys() {
        if !produced.contains(var) {
            return Err((
                at(&[Key("ok")]),
                crate::t!(
                    "prof.profile.no_capture",
                    name = name,
                    table = "ok",
                    var = var
                ),
            ));
        }
    }
    for var in step.codes.keys() {
        if !produced.contains(var) {
            return Err((
                at(&[Key("codes")]),
                crate::t!(
                    "prof.profile.no_capture",
                    name = name,
                    table = "codes",
                    var = var
                ),
            ));
        }
    }
    if step.guided.is_none() || !step.run.is_empty() || !step.set.is_empty() {
        let needs = STEPS
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, v, _)| *v)
            .unwrap_or(&[]);
        for need in needs {
            if !produced.contains(*need) {
                return Err((
                    at(&[]),
                    crate::t!("prof.profile.must_produce", name = name, need = need),
                ));
            }
        }
    }
    Ok(())
}

/// All profiles: the shipped ones and the user's.
#[derive(Debug, Clone)]
pub struct Registry {
    pub profiles: Vec<Profile>,
    /// The user's directory that was read, if any.
    pub user_dir: Option<PathBuf>,
}

/// The folder of the user's profiles: `$EVFIELD_VENDORS_DIR`, else `<config dir>/vendors`.
pub fn user_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("EVFIELD_VENDORS_DIR").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    crate::paths::config_dir().map(|d| d.join("vendors"))
}

/// The shipped profiles' file names and texts.
pub fn shipped_files() -> &'static [(&'static str, &'static str)] {
    shipped::FILES
}

impl Registry {
    /// Only the profiles compiled into the binary.
    pub fn shipped() -> Result<Registry> {
        let mut profiles = Vec::new();
        for (name, text) in shipped::FILES {
            profiles.push(Profile::parse(
                text,
                &crate::t!("prof.profile.built_in", name = name),
            )?);
        }
        Ok(Registry {
            profiles,
            user_dir: None,
        })
    }

    /// The shipped profiles, then the user's folder ([`user_dir`]) when it exists: a user's
    /// profile replaces a shipped one with the same id.
    pub fn load() -> Result<Registry> {
        Self::load_with(user_dir().as_deref())
    }

    pub fn load_with(dir: Option<&Path>) -> Result<Registry> {
        let mut reg = Self::shipped()?;
        let Some(dir) = dir.filter(|d| d.is_dir()) else {
            return Ok(reg);
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(&crate::t!("prof.profile.read_dir"), dir, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
        for path in files {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Error::io(&crate::t!("prof.profile.read_file"), &path, e))?;
            let p = Profile::parse(&text, &path.display().to_string())?;
            if let Some(first) = seen.insert(p.vendor.id.clone(), path.clone()) {
                return Err(Error::usage(
                    E_PROFILE,
                    crate::t!(
                        "prof.profile.duplicate",
                        first = first.display(),
                        second = path.display(),
                        id = p.vendor.id
                    ),
                )
                .with_help(crate::t!("prof.profile.duplicate_help")));
            }
            reg.profiles.retain(|q| q.vendor.id != p.vendor.id);
            reg.profiles.push(p);
        }
        reg.profiles.sort_by(|a, b| a.vendor.id.cmp(&b.vendor.id));
        reg.user_dir = Some(dir.to_path_buf());
        Ok(reg)
    }

    pub fn get(&self, id: &str) -> Result<&Profile> {
        self.profiles
            .iter()
            .find(|p| p.vendor.id == id)
            .ok_or_else(|| {
                Error::usage(
                    E_UNKNOWN_VENDOR,
                    crate::t!("prof.profile.unknown_vendor", id = id),
                )
                .with_help(crate::t!(
                    "prof.profile.unknown_vendor_help",
                    ids = self.ids().join(", ")
                ))
            })
    }

    pub fn ids(&self) -> Vec<&str> {
        self.profiles.iter().map(|p| p.vendor.id.as_str()).collect()
    }

    /// The profile for a manufacturer name as a station reports it.
    pub fn by_manufacturer(&self, manufacturer: &str) -> Option<&Profile> {
        let m = manufacturer.trim().to_lowercase();
        self.profiles
            .iter()
            .find(|p| p.vendor.manufacturer.to_lowercase() == m)
    }

    /// Profiles that list this USB id.
    pub fn by_usb(&self, vid: u16, pid: u16) -> Vec<&Profile> {
        self.profiles
            .iter()
            .filter(|p| {
                p.service_port
                    .as_ref()
                    .is_some_and(|sp| sp.usb.iter().any(|u| u.ids() == Some((vid, pid))))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
