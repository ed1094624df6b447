//! Issue 14, "simulators that can catch us": the register contents a manufacturer's document
//! gives as worked examples (tests/fixtures/vendors/<id>/examples.toml) are decoded with the
//! shipped profile, and the simulator given the same state must send the same registers. The
//! simulator does not read the profile, so a wrong fact in either shows here.

use std::collections::BTreeMap;
use std::path::Path;

use evfield::sandbox::station::registers;
use evfield::sandbox::station::{Dialect, SimState};
use evfield::station::modbus::Table;
use evfield::station::modbus::value::{self, Order, RegValue};
use evfield::station::profile::{Profile, Registry};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Examples {
    example: Vec<Example>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Example {
    what: String,
    source: String,
    step: String,
    table: String,
    address: u16,
    registers: Vec<u16>,
    var: String,
    value: String,
    /// The reading that must answer, for values with other readings.
    read_as: Option<String>,
    /// The simulated station's state that must produce `registers`.
    sim: Option<BTreeMap<String, String>>,
}

fn table(name: &str) -> Table {
    match name {
        "holding" => Table::Holding,
        "input" => Table::Input,
        other => panic!("table `{other}` is neither holding nor input"),
    }
}

/// The value spec of `var` read from `address` in the profile's step.
fn value_spec<'a>(p: &'a Profile, e: &Example) -> &'a RegValue {
    let step = p
        .step(&e.step)
        .unwrap_or_else(|| panic!("{}: no step `{}`", p.vendor.id, e.step));
    step.run
        .iter()
        .filter_map(|a| a.read.as_ref().map(|r| (r, &a.values)))
        .filter(|(r, _)| r.table == e.table)
        .flat_map(|(r, vals)| vals.iter().map(move |v| (r, v)))
        .find(|(r, v)| v.var == e.var && r.address + v.offset == e.address)
        .map(|(_, v)| v)
        .unwrap_or_else(|| {
            panic!(
                "{}: step `{}` reads no `{}` at {} {:#06x} ({})",
                p.vendor.id, e.step, e.var, e.table, e.address, e.what
            )
        })
}

fn sim_state(d: Dialect, given: &BTreeMap<String, String>) -> SimState {
    let mut s = d.default_state();
    for (k, v) in given {
        match k.as_str() {
            "serial" => s.serial = v.clone(),
            "firmware" => s.firmware = v.clone(),
            "model" => s.model = v.clone(),
            "manufacturer" => s.manufacturer = v.clone(),
            "evse_state" => s.evse_state = v.parse().expect("evse_state is a number"),
            _ => {
                s.config.insert(k.clone(), v.clone());
            }
        }
    }
    s
}

fn check_vendor(dir: &Path, reg: &Registry) -> usize {
    let id = dir.file_name().unwrap().to_str().unwrap();
    let text = std::fs::read_to_string(dir.join("examples.toml")).unwrap();
    let examples: Examples =
        toml::from_str(&text).unwrap_or_else(|e| panic!("{id}/examples.toml: {e}"));
    let p = reg
        .get(id)
        .unwrap_or_else(|e| panic!("{id}: {}", e.message));
    let modbus = p.modbus.clone().unwrap_or_default();
    let d = Dialect::for_vendor(id).unwrap_or_else(|| panic!("{id}: no simulator"));
    for e in &examples.example {
        assert!(!e.source.is_empty(), "{id}: {} names no source", e.what);
        let v = value_spec(p, e);
        let width = value::width(&v.kind, v.registers).unwrap() as usize;
        assert!(e.registers.len() <= width, "{id}: {}", e.what);
        let mut regs = e.registers.clone();
        regs.resize(width, 0);
        // The profile reads the example as the document says.
        let order = |b: Option<&str>, w: Option<&str>| {
            Order::parse(
                b.unwrap_or(&modbus.byte_order),
                w.unwrap_or(&modbus.word_order),
            )
            .unwrap()
        };
        let (text, read_as) =
            value::read(v, &regs, order).unwrap_or_else(|why| panic!("{id}: {}: {why}", e.what));
        assert_eq!(text, e.value, "{id}: {} ({})", e.what, e.source);
        if let Some(want) = &e.read_as {
            assert_eq!(read_as.as_deref(), Some(want.as_str()), "{id}: {}", e.what);
        }
        // The simulator sends the example for the same state, zero padded.
        if let Some(given) = &e.sim {
            let img = registers::image(d, &sim_state(d, given));
            let t = table(&e.table);
            let sent: Vec<Option<u16>> = (0..width as u16)
                .map(|k| img.get(&(t, e.address + k)).copied())
                .collect();
            let want: Vec<Option<u16>> = regs.iter().map(|r| Some(*r)).collect();
            assert_eq!(
                sent, want,
                "{id}: the simulator for {} ({})",
                e.what, e.source
            );
        }
    }
    examples.example.len()
}

#[test]
fn worked_examples_hold_for_profile_and_simulator() {
    let reg = Registry::shipped().expect("shipped profiles load");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vendors");
    let checked: usize = [
        "abb-terra-ac",
        "bender-cc613",
        "phoenix-ev-charge-control",
        "vestel-evc04",
    ]
    .iter()
    .map(|id| check_vendor(&root.join(id), &reg))
    .sum();
    assert!(checked >= 15, "{checked} examples");
}
