//! The fuzz targets' bodies: one function per parser that reads outside input. The targets in
//! fuzz_targets/ call them under libFuzzer (benches/fuzz.sh); tests/fuzz_regressions.rs runs
//! them over the seeds and every input a fuzzer ever crashed on, in the normal `cargo test`.
#![allow(clippy::collapsible_if)]

use std::io::Write;
use std::sync::OnceLock;

use evfield::batch::rows::{self, Format};
use evfield::replay::bundle;
use evfield::session::journal::{verify_vouched, verify_with};
use evfield::station::StationDriver;
use evfield::station::at::{
    self, AtReply, bars, luhn, params, parse_apn, parse_cops, parse_cpin, parse_csq, parse_iccid,
    parse_reg,
};
use evfield::station::console::{
    Reply, decode_value, encode_value, format_ok, is_boot_banner, is_unsolicited, parse_reply,
};
use evfield::station::profile::version::VersionRule;
use evfield::station::profile::{Profile, Registry, article};
use evfield::station::profiled::ProfileDriver;
use evfield::station::rapi::{parse_command, strip_checksum, with_checksum, xor};
use evfield::station::rfid::{self, convert};
use evfield::station::transport::MemoryTransport;

fn reply(chunk: &str) -> AtReply {
    let mut lines: Vec<String> = chunk.lines().map(str::to_string).collect();
    let error = match lines.last() {
        Some(l) if l.contains("ERROR") => lines.pop(),
        _ => None,
    };
    AtReply { lines, error }
}

const IDS: [&str; 4] = [
    "evfield-sim",
    "openevse",
    "chargestorm-eva",
    "generic-modem",
];

fn profiles() -> &'static Vec<Profile> {
    static P: OnceLock<Vec<Profile>> = OnceLock::new();
    P.get_or_init(|| {
        let reg = Registry::shipped().unwrap();
        IDS.iter()
            .map(|id| {
                let mut p = reg.get(id).unwrap().clone();
                // a reply that never completes ends the step at once
                p.protocol.timeout_ms = 1;
                p.protocol.retries = 0;
                p
            })
            .collect()
    })
}

fn wallbox() -> &'static Profile {
    static P: OnceLock<Profile> = OnceLock::new();
    P.get_or_init(|| Registry::shipped().unwrap().get("wallbox").unwrap().clone())
}

/// Every target by name.
pub const TARGETS: &[&str] = &[
    "console_reply",
    "rapi_frame",
    "at_reply",
    "station_replies",
    "vendor_profile",
    "checklist",
    "answers",
    "journal_lines",
    "article_number",
    "version_string",
    "batch_rows",
    "support_bundle",
    "clock_reading",
    "rfid_uid",
    "nmea_sentence",
    "gpsd_line",
    "manual_position",
    "photo",
    "modbus_frame",
    "station_address",
];

/// Run target `name` on one input.
pub fn run(name: &str, data: &[u8]) {
    match name {
        "console_reply" => console_reply(data),
        "rapi_frame" => rapi_frame(data),
        "at_reply" => at_reply(data),
        "station_replies" => station_replies(data),
        "vendor_profile" => vendor_profile(data),
        "checklist" => checklist(data),
        "answers" => answers(data),
        "journal_lines" => journal_lines(data),
        "article_number" => article_number(data),
        "version_string" => version_string(data),
        "batch_rows" => batch_rows(data),
        "support_bundle" => support_bundle(data),
        "clock_reading" => clock_reading(data),
        "rfid_uid" => rfid_uid(data),
        "nmea_sentence" => nmea_sentence(data),
        "gpsd_line" => gpsd_line(data),
        "manual_position" => manual_position(data),
        "photo" => photo(data),
        "modbus_frame" => modbus_frame(data),
        "station_address" => station_address(data),
        other => panic!("no fuzz target `{other}`"),
    }
}

/// The console protocol's reply parser (docs/station-console.md): whatever a station sends.
pub fn console_reply(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = is_unsolicited(text);
    let _ = is_boot_banner(text);
    if let Ok(Reply::Ok(fields)) = parse_reply(text) {
        // what was read formats back to a line that reads the same
        let pairs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            parse_reply(&format_ok(&pairs)),
            Ok(Reply::Ok(fields.clone()))
        );
    }
    if let Ok(v) = decode_value(text) {
        assert_eq!(decode_value(&encode_value(&v)).as_deref(), Ok(v.as_str()));
    }
    assert_eq!(decode_value(&encode_value(text)).as_deref(), Ok(text));
}

/// OpenEVSE RAPI frames: checksum and command parsing.
pub fn rapi_frame(data: &[u8]) {
    let _ = xor(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = strip_checksum(text);
    let _ = parse_command(text);
    // a body with its checksum added passes the checksum check
    if !text.contains('^') && !text.contains('\r') {
        let framed = with_checksum(text);
        assert!(strip_checksum(&framed).is_ok(), "{framed:?}");
    }
}

/// AT command replies (3GPP TS 27.007) and the modem check's verdict over any replies.
pub fn at_reply(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let r = reply(text);
    let _ = r.cme();
    let _ = parse_cpin(&r);
    let _ = parse_iccid(&r);
    if let Some((_, dbm)) = parse_csq(&r) {
        let _ = bars(dbm);
    }
    for name in ["+CREG", "+CGREG", "+CEREG"] {
        if let Some(reg) = parse_reg(&r, name) {
            let _ = reg.registered();
        }
    }
    let _ = parse_cops(&r);
    let _ = parse_apn(&r);
    let _ = params(text);
    let _ = luhn(text);
    // the whole check, each command answered by the next chunk
    let mut chunks = text.split('\u{1}');
    let _ = at::check::<()>(|_| Ok(reply(chunks.next().unwrap_or(""))), Some("iot.apn"));
}

/// Every shipped profile's scripted steps against any bytes a station sends: the script
/// runner's matching, captures, checksums and value decoding (RAPI, AT, console, EVA).
pub fn station_replies(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let i = pick as usize % IDS.len();
    let mut t = MemoryTransport::new("fuzz");
    // 0xFF separates the replies released one per command
    for reply in rest.split(|b| *b == 0xFF) {
        t = t.with_reply(reply);
    }
    let mut d = ProfileDriver::new(profiles()[i].clone(), Box::new(t));
    d.provide("mac", "24:0A:C4:11:22:33");
    let _ = d.identify();
    let _ = d.read_sim();
    let _ = d.read_ocpp();
    let _ = d.read_errors();
    if IDS[i] == "generic-modem" {
        let _ = d.modem_check(Some("iot.apn"));
    }
}

/// Vendor profiles (vendors/*.toml, or the user's own in the config dir).
pub fn vendor_profile(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(p) = Profile::parse(text, "fuzz.toml") {
            let _ = p.serial_settings();
            let _ = p.has_port();
        }
    }
}

/// Checklists (checklists/*.toml, or the user's own in the config dir).
pub fn checklist(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = evfield::checklist::load::parse(text, "fuzz.toml");
    }
}

/// Answers files (`renetwork --answers`, docs/answers.md).
pub fn answers(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = evfield::session::answers::Answers::parse(text, "fuzz.toml");
        let _ = evfield::session::answers::line_of(text, data.len() / 2);
    }
}

/// Journal lines as `log verify` and replay stream them (schema and hash chain).
pub fn journal_lines(data: &[u8]) {
    let mut events = 0u64;
    if let Ok(v) = verify_with(data, |_, _| events += 1) {
        assert!(events <= v.events);
    }
    let _ = verify_vouched(data, &|seq, _| seq % 2 == 0, |_, _| {});
}

/// Article numbers decoded by the vendor's table (Wallbox: PLP1-0-2-4-9-002).
pub fn article_number(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(d) = article::decode(wallbox(), text) {
            let _ = article::refusal_error(&d, "ocpp");
        }
    }
}

/// Firmware version strings under each kind of version rule (dotted, regex:...).
pub fn version_string(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // `rule NUL a NUL b`, or a bare pair under the shipped rules
    let mut parts = text.splitn(3, '\0');
    let (spec, a, b) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
        parts.next().unwrap_or(""),
    );
    let mut rules = vec![
        VersionRule::parse("dotted").unwrap(),
        VersionRule::parse(r"regex:R(\d+)\.(\d+)\.(\d+)").unwrap(),
    ];
    if let Ok(r) = VersionRule::parse(spec) {
        rules.push(r);
    }
    for r in &rules {
        let _ = r.numbers(a);
        if let Ok(o) = r.compare(a, b) {
            // comparing is antisymmetric
            assert_eq!(r.compare(b, a), Ok(o.reverse()));
        }
        let _ = r.at_least(a, b);
    }
}

/// `batch pinpoint` files: CSV and JSON Lines rows, all checked before anything is sent.
pub fn batch_rows(data: &[u8]) {
    let format = match data.first() {
        Some(b) if b % 2 == 0 => Format::Csv,
        _ => Format::Jsonl,
    };
    let (rows, errors) = rows::parse(data.get(1..).unwrap_or_default(), format);
    for e in &errors {
        let _ = e.human();
    }
    let _ = rows;
}

/// Support bundles (`evfield import`, `replay` and `log verify` of a .tar.gz): the fuzz input is
/// the tar stream, gzipped here so the fuzzer explores the archive and its record, not gzip.
pub fn support_bundle(data: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evfield-fuzz.tar.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).unwrap();
    std::fs::write(&path, gz.finish().unwrap()).unwrap();
    let _ = bundle::read_manifest_from_archive(&path);
    let _ = bundle::with_archive_journal(&path, |r| {
        let _ = verify_with(r, |_, _| {});
        Ok(())
    });
    let data_dir = dir.path().join("data");
    if let Ok(report) = evfield::replay::import::import(&path, &data_dir, false) {
        let _ = report.valid();
    }
    // nothing may land outside the data dir
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let name = entry.unwrap().file_name();
        assert!(name == "data" || name == "evfield-fuzz.tar.gz", "{name:?}");
    }
}

/// A station's clock as it reads it out (the clock lint).
pub fn clock_reading(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let now = chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap();
        let _ = evfield::station::lint::clock_skew(text, now);
    }
}

/// RFID UIDs as typed or read from a card (hex, little-endian hex, decimal).
pub fn rfid_uid(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        for from in [rfid::From::Hex, rfid::From::LeHex, rfid::From::Decimal] {
            let _ = convert(text, from);
        }
    }
}

/// NMEA 0183 sentences from a GPS receiver (GGA, RMC, GNS, GSA, GLL, any talker, checksums),
/// read into epochs and through the stability rules (mean and spread).
pub fn nmea_sentence(data: &[u8]) {
    use evfield::pinpoint::gps::stable::{Rules, Stabilizer};
    let text = String::from_utf8_lossy(data);
    let mut r = evfield::pinpoint::gps::nmea::Reader::new("fuzz");
    let mut s = Stabilizer::new(Rules::default());
    for line in text.split(['\r', '\n']) {
        if let Some(e) = r.feed(line) {
            let _ = s.push(e);
        }
    }
    if let Some(e) = r.finish() {
        let _ = s.push(e);
    }
    let _ = s.seen.explain(&s.rules);
}

/// gpsd's JSON reports (TPV, SKY) as read from its socket, read into epochs and through the
/// stability rules.
pub fn gpsd_line(data: &[u8]) {
    use evfield::pinpoint::gps::stable::{Rules, Stabilizer};
    let text = String::from_utf8_lossy(data);
    let mut r = evfield::pinpoint::gps::gpsd::Reports::new("127.0.0.1:2947");
    let mut s = Stabilizer::new(Rules {
        epochs: 2,
        ..Rules::default()
    });
    for line in text.lines() {
        if let Some(e) = r.feed(line) {
            let _ = s.push(e);
        }
    }
    if let Some(e) = r.finish() {
        let _ = s.push(e);
    }
}

/// A position typed by hand (decimal or degrees-minutes-seconds).
pub fn manual_position(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok((lat, lon)) = evfield::pinpoint::gps::parse_manual(text) {
            let _ = evfield::pinpoint::gps::plausible(lat, lon);
        }
    }
}

/// Photos: format sniffing, the full decode and the EXIF metadata (orientation, time, GPS).
pub fn photo(data: &[u8]) {
    use evfield::pinpoint::photo::{Rules, check_bytes};
    let _ = evfield::network::outbox::image_type(data);
    let _ = check_bytes(data, "fuzz.jpg", Rules::PINPOINT);
}

/// Modbus frames: RTU and TCP framing, request PDUs (the simulator's side) and replies to a
/// register read (the driver's side), and register values decoded by type.
pub fn modbus_frame(data: &[u8]) {
    use evfield::station::modbus::frame::{self, Request};
    use evfield::station::modbus::value::{self, Shape};
    let _ = frame::rtu_decode(data);
    let _ = frame::rtu_request_len(data);
    let _ = frame::tcp_decode(data);
    let _ = frame::tcp_frame_len(data);
    if let Ok(req) = Request::decode(data) {
        let _ = req.describe();
    }
    for pdu in [
        [0x03, 0, 100, 0, 4],
        [0x04, 0, 0, 0, 1],
        [0x06, 0, 10, 0, 1],
    ] {
        if let Ok(req) = Request::decode(&pdu) {
            let _ = req.reply_len(data);
            let _ = req.parse_reply(data);
        }
    }
    let regs: Vec<u16> = data
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    for kind in [
        "u16", "i16", "u32", "i32", "u64", "f32", "ascii", "hex", "bytes",
    ] {
        let _ = value::decode(kind, &regs, &Shape::default());
        let _ = value::decode(
            kind,
            &regs,
            &Shape {
                mask: Some(0xF0F0),
                scale: Some(0.1),
                format: Some("{0}.{1}"),
                ..Shape::default()
            },
        );
    }
}

/// A station's network address as given (`--address`, answers).
pub fn station_address(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = evfield::station::net::Address::parse(text, 502);
    }
}
