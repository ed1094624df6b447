//! The rows of a batch file (CSV or JSON Lines), read and checked all at once, so every error
//! of every row is reported before anything is sent. Columns: docs/batch.md.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::network::api::{PinpointRequest, SiteDetails};
use crate::rules::normalize_mac;
use crate::session::parse_position;
use crate::{Error, Result};

/// A column: name and whether every row needs it; [`Column::help`] says what it holds.
pub struct Column {
    pub name: &'static str,
    pub required: bool,
}

impl Column {
    /// What the column holds, in the process's language (for errors; docs/batch.md says the
    /// same).
    pub fn help(&self) -> String {
        match self.name {
            "mac" => crate::t!("rec.batch.col.mac"),
            "activation_password" => crate::t!("rec.batch.col.activation_password"),
            "manufacturer" => crate::t!("rec.batch.col.manufacturer"),
            "model" => crate::t!("rec.batch.col.model"),
            "serial" => crate::t!("rec.batch.col.serial"),
            "firmware" => crate::t!("rec.batch.col.firmware"),
            "gps" => crate::t!("rec.batch.col.gps"),
            "gps_lat" => crate::t!("rec.batch.col.gps_lat"),
            "gps_lon" => crate::t!("rec.batch.col.gps_lon"),
            "address_id" => crate::t!("rec.batch.col.address_id"),
            "pin" => crate::t!("rec.batch.col.pin"),
            "pin_lat" => crate::t!("rec.batch.col.pin_lat"),
            "pin_lon" => crate::t!("rec.batch.col.pin_lon"),
            "charge_box_id" => crate::t!("rec.batch.col.charge_box_id"),
            "car_park" => crate::t!("rec.batch.col.car_park"),
            "building" => crate::t!("rec.batch.col.building"),
            "floor" => crate::t!("rec.batch.col.floor"),
            "restrictions" => crate::t!("rec.batch.col.restrictions"),
            _ => String::new(),
        }
    }
}

/// Every column a batch file may have (docs/batch.md lists the same).
pub const COLUMNS: &[Column] = &[
    Column {
        name: "mac",
        required: true,
    },
    Column {
        name: "activation_password",
        required: true,
    },
    Column {
        name: "manufacturer",
        required: true,
    },
    Column {
        name: "model",
        required: true,
    },
    Column {
        name: "serial",
        required: true,
    },
    Column {
        name: "firmware",
        required: false,
    },
    Column {
        name: "gps",
        required: false,
    },
    Column {
        name: "gps_lat",
        required: false,
    },
    Column {
        name: "gps_lon",
        required: false,
    },
    Column {
        name: "address_id",
        required: true,
    },
    Column {
        name: "pin",
        required: false,
    },
    Column {
        name: "pin_lat",
        required: false,
    },
    Column {
        name: "pin_lon",
        required: false,
    },
    Column {
        name: "charge_box_id",
        required: false,
    },
    Column {
        name: "car_park",
        required: false,
    },
    Column {
        name: "building",
        required: false,
    },
    Column {
        name: "floor",
        required: false,
    },
    Column {
        name: "restrictions",
        required: false,
    },
];

fn column(name: &str) -> Option<&'static Column> {
    COLUMNS.iter().find(|c| c.name == name)
}

/// The help of a column by name; empty for a name that is not a column.
fn column_help(name: &str) -> String {
    column(name).map(Column::help).unwrap_or_default()
}

/// One problem of one row (row 0: the header or the file itself).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RowError {
    pub schema: u32,
    #[serde(rename = "type")]
    pub type_: &'static str,
    /// 1-based data row (the header is not counted); 0 for the header or the file.
    pub row: u64,
    /// 1-based line of the file.
    pub line: u64,
    pub column: String,
    pub value: String,
    pub message: String,
    pub help: String,
}

impl RowError {
    pub fn new(
        row: u64,
        line: u64,
        column: &str,
        value: &str,
        message: String,
        help: &str,
    ) -> Self {
        RowError {
            schema: 1,
            type_: "row_error",
            row,
            line,
            column: column.to_string(),
            value: value.to_string(),
            message,
            help: help.to_string(),
        }
    }

    /// `row 12 (line 13), column mac, value `02:EF:ZZ`: ... (help)`.
    pub fn human(&self) -> String {
        let place = if self.row == 0 {
            crate::t!("rec.batch.place.line", line = self.line)
        } else {
            crate::t!("rec.batch.place.row", row = self.row, line = self.line)
        };
        let col = if self.column.is_empty() {
            String::new()
        } else {
            crate::t!("rec.batch.place.column", column = self.column)
        };
        let val = if self.value.is_empty() {
            String::new()
        } else {
            crate::t!("rec.batch.place.value", value = self.value)
        };
        format!("{place}{col}{val}: {}\n    {}", self.message, self.help)
    }
}

/// A row that passed every local check.
#[derive(Debug, Clone)]
pub struct Row {
    pub row: u64,
    pub line: u64,
    /// The submission; `charge_box_id` is empty when the row leaves it to the identity rule.
    pub request: PinpointRequest,
}

/// CSV or JSON Lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Jsonl,
}

impl Format {
    /// From the file name (.csv, .jsonl/.ndjson/.json), else from the first character.
    pub fn detect(path: &Path, first_bytes: &[u8]) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("csv") => Format::Csv,
            Some("jsonl" | "ndjson" | "json") => Format::Jsonl,
            _ => match first_bytes.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'{') => Format::Jsonl,
                _ => Format::Csv,
            },
        }
    }
}

/// One row's raw values by column (every one a known column: its name from [`COLUMNS`]).
/// A row's values by column: a handful, found by name in a short list (no hashing).
#[derive(Debug, Default)]
struct Raw(Vec<(&'static str, String)>);

impl Raw {
    fn new() -> Raw {
        Raw::default()
    }

    fn get(&self, name: &str) -> Option<&String> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Set a column's value (a second value of a column replaces the first).
    fn insert(&mut self, name: &'static str, value: String) {
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.0.push((name, value)),
        }
    }
}

impl FromIterator<(&'static str, String)> for Raw {
    fn from_iter<I: IntoIterator<Item = (&'static str, String)>>(items: I) -> Raw {
        let mut raw = Raw::new();
        for (k, v) in items {
            raw.insert(k, v);
        }
        raw
    }
}

/// Read and check every row. Returns the sound rows and every error found (all rows are read
/// even after errors, so the errors come all at once).
pub fn read(path: &Path, format: Option<Format>) -> Result<(Vec<Row>, Vec<RowError>)> {
    let bytes = crate::paths::read_file_bounded(path)
        .map_err(|e| Error::io(&crate::t!("rec.io.read_batch"), path, e))?;
    let format = format.unwrap_or_else(|| Format::detect(path, &bytes));
    Ok(parse(&bytes, format))
}

/// Check every row of a batch file's bytes ([`read`] without the file; the fuzz target's entry).
pub fn parse(bytes: &[u8], format: Format) -> (Vec<Row>, Vec<RowError>) {
    let mut errors = Vec::new();
    let raws: Vec<(u64, u64, Raw)> = match format {
        Format::Csv => read_csv(bytes, &mut errors),
        Format::Jsonl => read_jsonl(bytes, &mut errors),
    };
    if raws.is_empty() && errors.is_empty() {
        errors.push(RowError::new(
            0,
            1,
            "",
            "",
            crate::t!("rec.batch.no_rows"),
            &crate::t!("rec.batch.no_rows.help"),
        ));
    }
    let mut rows = Vec::new();
    let mut seen_mac: HashMap<String, u64> = HashMap::new();
    let mut seen_serial: HashMap<String, u64> = HashMap::new();
    // each row on its own (on a few threads for a long file), then the rows against each other
    let checked = super::par_map(&raws, |(row, line, raw)| {
        let mut found = Vec::new();
        let r = check_row(*row, *line, raw, &mut found);
        (r, found)
    });
    for ((row, line, _), (r, found)) in raws.iter().map(|(r, l, x)| (*r, *l, x)).zip(checked) {
        let before = errors.len();
        errors.extend(found);
        if let Some(r) = r {
            if let Some(first) = seen_mac.insert(r.request.mac.clone(), row) {
                errors.push(RowError::new(
                    row,
                    line,
                    "mac",
                    &r.request.mac,
                    crate::t!("rec.batch.same_mac", row = first),
                    &crate::t!("rec.batch.same_mac.help"),
                ));
            }
            if let Some(first) = seen_serial.insert(r.request.serial.clone(), row) {
                errors.push(RowError::new(
                    row,
                    line,
                    "serial",
                    &r.request.serial,
                    crate::t!("rec.batch.same_serial", row = first),
                    &crate::t!("rec.batch.same_serial.help"),
                ));
            }
            if errors.len() == before {
                rows.push(r);
            }
        }
    }
    (rows, errors)
}

fn read_csv(bytes: &[u8], errors: &mut Vec<RowError>) -> Vec<(u64, u64, Raw)> {
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(bytes);
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.to_ascii_lowercase()).collect(),
        Err(e) => {
            errors.push(RowError::new(
                0,
                1,
                "",
                "",
                crate::t!("rec.batch.header", why = e),
                &crate::t!("rec.batch.header.help"),
            ));
            return Vec::new();
        }
    };
    if !check_header(&headers, 1, errors) {
        return Vec::new();
    }
    // every name is a known column now
    let names: Vec<&'static str> = headers
        .iter()
        .filter_map(|h| column(h).map(|c| c.name))
        .collect();
    let mut out = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let row = i as u64 + 1;
        match rec {
            Ok(rec) => {
                let line = rec.position().map(|p| p.line()).unwrap_or(row + 1);
                if rec.len() != headers.len() {
                    errors.push(RowError::new(
                        row,
                        line,
                        "",
                        "",
                        crate::t!(
                            "rec.batch.fields",
                            fields = rec.len(),
                            header = headers.len()
                        ),
                        &crate::t!("rec.batch.fields.help"),
                    ));
                    continue;
                }
                let raw: Raw = names
                    .iter()
                    .zip(rec.iter())
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(k, v)| (*k, v.to_string()))
                    .collect();
                out.push((row, line, raw));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(row + 1);
                errors.push(RowError::new(
                    row,
                    line,
                    "",
                    "",
                    crate::t!("rec.batch.row", why = e),
                    &crate::t!("rec.batch.row.help"),
                ));
            }
        }
    }
    out
}

/// Unknown and missing columns of a header (or of one JSON line's keys).
fn check_header(names: &[String], line: u64, errors: &mut Vec<RowError>) -> bool {
    let mut ok = true;
    // a column given twice would have one value silently replace the other: refused
    for (i, n) in names.iter().enumerate() {
        if let Some(first) = names[..i].iter().position(|x| x == n) {
            errors.push(RowError::new(
                0,
                line,
                n,
                "",
                crate::t!(
                    "panics.batch.duplicate_column",
                    column = n,
                    first = first + 1,
                    second = i + 1
                ),
                &crate::t!("panics.batch.duplicate_column.help"),
            ));
            ok = false;
        }
    }
    for n in names {
        if column(n).is_none() {
            errors.push(RowError::new(
                0,
                line,
                n,
                "",
                crate::t!("rec.batch.unknown_column", column = n),
                &crate::t!(
                    "rec.batch.unknown_column.help",
                    columns = COLUMNS
                        .iter()
                        .map(|c| c.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
            ok = false;
        }
    }
    for c in COLUMNS.iter().filter(|c| c.required) {
        if !names.iter().any(|n| n == c.name) {
            errors.push(RowError::new(
                0,
                line,
                c.name,
                "",
                crate::t!("rec.batch.missing_column", column = c.name),
                &c.help(),
            ));
            ok = false;
        }
    }
    let has = |n: &str| names.iter().any(|x| x == n);
    if !(has("gps") || (has("gps_lat") && has("gps_lon"))) {
        errors.push(RowError::new(
            0,
            line,
            "gps",
            "",
            crate::t!("rec.batch.missing_gps"),
            &column_help("gps"),
        ));
        ok = false;
    }
    ok
}

fn read_jsonl(bytes: &[u8], errors: &mut Vec<RowError>) -> Vec<(u64, u64, Raw)> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    let mut row = 0u64;
    for (i, l) in text.lines().enumerate() {
        let line = i as u64 + 1;
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        row += 1;
        let obj = match serde_json::from_str::<Value>(t) {
            Ok(Value::Object(o)) => o,
            Ok(_) => {
                errors.push(RowError::new(
                    row,
                    line,
                    "",
                    "",
                    crate::t!("rec.batch.not_object"),
                    &crate::t!("rec.batch.jsonl.help"),
                ));
                continue;
            }
            Err(e) => {
                errors.push(RowError::new(
                    row,
                    line,
                    "",
                    "",
                    crate::t!("rec.batch.not_json", why = e),
                    &crate::t!("rec.batch.jsonl.help"),
                ));
                continue;
            }
        };
        let mut raw = Raw::new();
        let before = errors.len();
        // serde_json keeps the last of two equal keys: read the members again, duplicates kept
        let members = serde_json::from_str::<Members>(t)
            .map(|m| m.0)
            .unwrap_or_else(|_| obj.into_iter().collect());
        let mut keys: Vec<String> = Vec::new();
        for (k, v) in members {
            let k = k.to_ascii_lowercase();
            if keys.contains(&k) {
                errors.push(RowError::new(
                    row,
                    line,
                    &k,
                    "",
                    crate::t!("panics.batch.duplicate_key", key = k),
                    &crate::t!("panics.batch.duplicate_key.help"),
                ));
                continue;
            }
            keys.push(k.clone());
            let s = match v {
                Value::Null => continue,
                Value::String(s) => s.trim().to_string(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                other => {
                    errors.push(RowError::new(
                        row,
                        line,
                        &k,
                        &other.to_string(),
                        crate::t!("rec.batch.not_scalar"),
                        &column_help(&k),
                    ));
                    continue;
                }
            };
            let Some(col) = column(&k) else {
                errors.push(RowError::new(
                    row,
                    line,
                    &k,
                    &s,
                    crate::t!("rec.batch.unknown_column", column = k),
                    &crate::t!("rec.batch.unknown_column.help_short"),
                ));
                continue;
            };
            if !s.is_empty() {
                raw.insert(col.name, s);
            }
        }
        if errors.len() == before {
            out.push((row, line, raw));
        }
    }
    out
}

/// A JSON object's members in their order, a key given twice kept twice.
struct Members(Vec<(String, Value)>);

impl<'de> serde::Deserialize<'de> for Members {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Members;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<Members, A::Error> {
                let mut v = Vec::new();
                while let Some(e) = m.next_entry::<String, Value>()? {
                    v.push(e);
                }
                Ok(Members(v))
            }
        }
        d.deserialize_map(Visit)
    }
}

/// A value that cannot be used: (column, value, why).
type BadValue = (String, String, String);

fn position(
    raw: &Raw,
    both: &str,
    lat: &str,
    lon: &str,
) -> Option<std::result::Result<(f64, f64), BadValue>> {
    if let Some(v) = raw.get(both) {
        return Some(parse_position(v).map_err(|e| (both.to_string(), v.clone(), e)));
    }
    match (raw.get(lat), raw.get(lon)) {
        (None, None) => None,
        (a, b) => {
            let joined = format!(
                "{},{}",
                a.map(String::as_str).unwrap_or(""),
                b.map(String::as_str).unwrap_or("")
            );
            let col = if a.is_none() { lat } else { lon };
            Some(parse_position(&joined).map_err(|e| (col.to_string(), joined.clone(), e)))
        }
    }
}

fn check_row(row: u64, line: u64, raw: &Raw, errors: &mut Vec<RowError>) -> Option<Row> {
    let before = errors.len();
    let mut err = |col: &str, value: &str, message: String| {
        errors.push(RowError::new(
            row,
            line,
            col,
            value,
            message,
            &column_help(col),
        ));
    };
    let text = |k: &str| raw.get(k).cloned().unwrap_or_default();
    for c in COLUMNS.iter().filter(|c| c.required) {
        if text(c.name).is_empty() {
            err(c.name, "", crate::t!("rec.batch.required"));
        }
    }
    let mac_raw = text("mac");
    let mac = if mac_raw.is_empty() {
        None
    } else {
        let m = normalize_mac(&mac_raw);
        if m.is_none() {
            err("mac", &mac_raw, crate::t!("rec.batch.bad_mac"));
        }
        m
    };
    let gps = match position(raw, "gps", "gps_lat", "gps_lon") {
        None => {
            err("gps", "", crate::t!("rec.batch.gps_required"));
            None
        }
        Some(Err((col, v, e))) => {
            err(&col, &v, e);
            None
        }
        Some(Ok(p)) => Some(p),
    };
    let pin = match position(raw, "pin", "pin_lat", "pin_lon") {
        None => gps,
        Some(Err((col, v, e))) => {
            err(&col, &v, e);
            None
        }
        Some(Ok(p)) => Some(p),
    };
    let cb = text("charge_box_id");
    if !cb.is_empty() && !cb.chars().all(|c| c.is_ascii_graphic()) {
        err("charge_box_id", &cb, crate::t!("rec.batch.bad_identity"));
    }
    if errors.len() != before {
        return None;
    }
    let (gps, pin) = (gps?, pin?);
    let opt = |k: &str| raw.get(k).cloned().filter(|v| !v.is_empty());
    Some(Row {
        row,
        line,
        request: PinpointRequest {
            mac: mac?,
            activation_password: text("activation_password"),
            manufacturer: text("manufacturer"),
            model: text("model"),
            serial: text("serial"),
            charge_box_id: cb,
            firmware: opt("firmware"),
            gps_lat: gps.0,
            gps_lon: gps.1,
            address_id: text("address_id"),
            pin_lat: pin.0,
            pin_lon: pin.1,
            details: SiteDetails {
                car_park: opt("car_park"),
                building: opt("building"),
                floor: opt("floor"),
                restrictions: opt("restrictions"),
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(name: &str, text: &str) -> (Vec<Row>, Vec<RowError>) {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(name);
        std::fs::write(&p, text).unwrap();
        read(&p, None).unwrap()
    }

    const HEADER: &str = "mac,activation_password,manufacturer,model,serial,gps,address_id,floor\n";

    #[test]
    fn csv_rows_are_read_and_normalised() {
        let (rows, errs) = read_str(
            "a.csv",
            &format!(
                "{HEADER}02ef20000001,WXZNF8LL5,Evfield,SimCharger 22,S1,\"59.9,10.7\",addr-0001,P2\n"
            ),
        );
        assert!(errs.is_empty(), "{errs:?}");
        let r = &rows[0].request;
        assert_eq!(r.mac, "02:EF:20:00:00:01");
        assert_eq!((r.gps_lat, r.gps_lon), (59.9, 10.7));
        assert_eq!((r.pin_lat, r.pin_lon), (59.9, 10.7));
        assert_eq!(r.details.floor.as_deref(), Some("P2"));
        assert_eq!(rows[0].line, 2);
    }

    #[test]
    fn a_long_file_is_checked_in_row_order() {
        // long enough to be checked on several threads: the errors still come row by row
        let mut text = HEADER.to_string();
        for i in 1..=2000u32 {
            let mac = if i % 500 == 7 {
                "bad".to_string()
            } else {
                format!("02:EF:20:00:{:02X}:{:02X}", i >> 8, i & 0xff)
            };
            let serial = if i == 1999 {
                "S1".to_string()
            } else {
                format!("S{i}")
            };
            text.push_str(&format!(
                "{mac},pw,Evfield,SimCharger 22,{serial},\"59.9,10.7\",addr-0001,\n"
            ));
        }
        let (rows, errs) = read_str("long.csv", &text);
        let got: Vec<(u64, &str)> = errs.iter().map(|e| (e.row, e.column.as_str())).collect();
        assert_eq!(
            got,
            [
                (7, "mac"),
                (507, "mac"),
                (1007, "mac"),
                (1507, "mac"),
                (1999, "serial")
            ]
        );
        assert_eq!(rows.len(), 1995);
        assert!(rows.windows(2).all(|w| w[0].row < w[1].row));
    }

    #[test]
    fn every_error_of_every_row_is_reported_at_once() {
        let text = format!(
            "{HEADER}\
             02:EF:ZZ,pw,Evfield,SimCharger 22,S1,\"59.9,10.7\",addr-0001,\n\
             02:EF:20:00:00:02,,Evfield,SimCharger 22,S2,\"0,0\",addr-0001,\n\
             02:EF:20:00:00:03,pw,Evfield,SimCharger 22,S3,\"59.9,10.7\",addr-0001,\n\
             02:EF:20:00:00:03,pw,Evfield,SimCharger 22,S3,\"59.9,10.7\",addr-0001,\n"
        );
        let (rows, errs) = read_str("b.csv", &text);
        assert_eq!(rows.len(), 1, "only row 3 is sound");
        let got: Vec<(u64, &str)> = errs.iter().map(|e| (e.row, e.column.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, "mac"),
                (2, "activation_password"),
                (2, "gps"),
                (4, "mac"),
                (4, "serial")
            ]
        );
        assert_eq!(errs[0].value, "02:EF:ZZ");
        assert_eq!(errs[0].line, 2);
        assert!(errs[2].message.contains("0,0"), "{}", errs[2].message);
        assert!(errs[3].message.contains("row 3"));
    }

    #[test]
    fn header_and_jsonl_errors() {
        let (_, errs) = read_str("c.csv", "mac,serial,colour\n1,2,3\n");
        assert!(errs.iter().any(|e| e.column == "colour" && e.row == 0));
        assert!(errs.iter().any(|e| e.column == "activation_password"));
        let (rows, errs) = read_str(
            "d.jsonl",
            "{\"mac\":\"02:EF:20:00:00:01\",\"activation_password\":\"x\",\"manufacturer\":\"E\",\"model\":\"M\",\"serial\":\"S\",\"gps_lat\":59.9,\"gps_lon\":10.7,\"address_id\":\"a\"}\n\nnot json\n{\"mac\":\"x\",\"size\":3}\n",
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].request.gps_lon, 10.7);
        assert_eq!(errs[0].row, 2);
        assert_eq!(errs[0].line, 3);
        assert!(errs.iter().any(|e| e.column == "size" && e.row == 3));
    }

    #[test]
    fn a_column_or_key_given_twice_is_refused_not_last_wins() {
        let (rows, errs) = read_str(
            "e.csv",
            "mac,activation_password,manufacturer,model,serial,gps,address_id,Serial\n\
             02:EF:20:00:00:01,pw,E,M,S1,\"59.9,10.7\",a,S2\n",
        );
        assert!(rows.is_empty());
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!((errs[0].row, errs[0].column.as_str()), (0, "serial"));
        assert!(errs[0].message.contains("5") && errs[0].message.contains("8"));
        let (rows, errs) = read_str(
            "f.jsonl",
            "{\"mac\":\"02:EF:20:00:00:01\",\"activation_password\":\"x\",\"manufacturer\":\"E\",\"model\":\"M\",\"serial\":\"S1\",\"gps\":\"59.9,10.7\",\"address_id\":\"a\",\"SERIAL\":\"S2\"}\n",
        );
        assert!(rows.is_empty());
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!((errs[0].row, errs[0].column.as_str()), (1, "serial"));
    }
}
