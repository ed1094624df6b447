//! Every value is checked when it is given (docs/answers.md "Rules"): by its kind's rule
//! (`crate::rules`), then against what the session already knows (the network's area for a
//! position, the station's serial for the type plate's). A refused value is asked again at a
//! terminal, with the reason; with nobody to ask it is an error that names the flag and the
//! answers key. Before a run without a terminal starts, every given value is checked at once.

use serde_json::Value;

use super::Session;
use super::answers::Answers;
use super::keys::{self, KeyDef, ValueKind};
use super::prompt::{Choice, Level};
use crate::{Error, Result, t};

/// What the session knows that a given value is checked against: the network's area (its
/// requirements) and the serial read from the station.
pub(super) struct Known {
    area: Option<crate::rules::Area>,
    /// The site's name and the area its stations span (`renetwork --site`).
    site: Option<(String, crate::journal::sites::Area)>,
    serial: Option<String>,
}

impl Known {
    /// Normalise and check a value given for `def`: its kind's rule, then what is known.
    pub(super) fn check(&self, def: &KeyDef, raw: &str, choices: &[Choice]) -> Result<String> {
        let v = super::check_value(def, raw, choices)?;
        if v.is_empty() {
            return Ok(v);
        }
        match def.key {
            "pinpoint.gps" | "pinpoint.pin" => {
                let pos = crate::rules::position(&v)?;
                if let Some(area) = &self.area {
                    crate::rules::in_area(pos, area)?;
                }
                if let Some((name, area)) = &self.site {
                    area.check(name, pos)?;
                }
            }
            "pinpoint.serial_plate" => {
                if let Some(read) = &self.serial {
                    crate::pinpoint::check_serial(Some(read), &v, None)?;
                }
            }
            _ => {}
        }
        Ok(v)
    }
}

impl Session<'_> {
    /// What given values are checked against, as far as the session has found it.
    pub(super) fn known(&self) -> Known {
        Known {
            area: self
                .facts
                .get("network.requirements")
                .and_then(|r| r.get("service_area"))
                .and_then(|a| serde_json::from_value(a.clone()).ok()),
            site: self
                .inputs
                .site
                .as_ref()
                .and_then(|s| Some((s.name.clone(), s.area_without(Some(&self.id))?))),
            serial: self
                .facts
                .get("station.identity")
                .and_then(|i| i.get("serial"))
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .map(str::to_string),
        }
    }

    /// Normalise and check a value given for `def` (at the prompt, by a flag, the answers file,
    /// the demo or read from the station or network).
    pub(super) fn check_given(
        &self,
        def: &KeyDef,
        raw: &str,
        choices: &[Choice],
    ) -> Result<String> {
        self.known().check(def, raw, choices)
    }

    /// A given value was refused: at a terminal, say why and let the caller ask; else the error
    /// that names where it came from, the flag and the answers key.
    pub(super) fn refuse_given(&mut self, def: &KeyDef, src: &str, e: Error) -> Result<()> {
        let whence = self.whence(def, src);
        let why = crate::rules::reason(&e);
        if self.prompter.can_ask() {
            self.notify(
                Level::Warning,
                t!(
                    "vali.given_refused",
                    key = def.key,
                    whence = whence,
                    why = why
                ),
            );
            return Ok(());
        }
        Err(refused(def, &whence, &e))
    }

    /// Without a terminal, the values checked against what phase 2 found (the network's area,
    /// the station's serial) are checked as soon as it has found it, so a wrong one stops the
    /// run before the SIM swap and commissioning rather than at the pinpoint.
    pub(super) fn check_given_early(&mut self) -> Result<()> {
        if self.prompter.can_ask() {
            return Ok(());
        }
        for key in ["pinpoint.gps", "pinpoint.pin", "pinpoint.serial_plate"] {
            let def = keys::def(key);
            let given = match self.inputs.flags.get(key) {
                Some(v) => Some((v.clone(), "flag".to_string())),
                None => self
                    .inputs
                    .answers
                    .as_ref()
                    .and_then(|a| a.get(key))
                    .map(|a| (a.value.clone(), format!("answers:{}", a.line))),
            };
            if let Some((v, src)) = given
                && let Err(e) = self.check_given(def, &v, &[])
            {
                return Err(refused(def, &self.whence(def, &src), &e));
            }
        }
        Ok(())
    }

    /// Where a value came from, in words: the flag, the answers file and line, or the source.
    pub(super) fn whence(&self, def: &KeyDef, src: &str) -> String {
        match src.strip_prefix("answers:") {
            Some(line) => format!(
                "{}:{line}",
                self.inputs
                    .answers
                    .as_ref()
                    .map(|a| a.source.as_str())
                    .unwrap_or("answers")
            ),
            None if src == "flag" => flag_words(def),
            None => match src.strip_prefix("photo:") {
                Some(file) => t!("vali.whence_photo", file = file, key = def.key),
                None => source_words(src),
            },
        }
    }
}

/// A source of a value as journaled (language-neutral: `demo`, `network`, `gps receiver`, ...)
/// in the installer's language (`vali.source.<source>` in locales/validate.toml), else as is.
fn source_words(src: &str) -> String {
    crate::i18n::tr_or(&format!("vali.source.{}", src.replace(' ', "_")), src, &[])
}

/// `--kit-iccid or --set sim.kit_iccid=...`, or `--set station.mac=...`.
fn flag_words(def: &KeyDef) -> String {
    match def.flag {
        Some(f) => t!("vali.whence_flag", flag = f, key = def.key),
        None => t!("vali.whence_set", key = def.key),
    }
}

/// The error for a refused value: the rule's code, the key, where it came from and why; the help
/// says what to do and how to give the value.
pub(super) fn refused(def: &KeyDef, whence: &str, e: &Error) -> Error {
    let help = match e.help.as_deref().filter(|h| !h.is_empty()) {
        Some(h) => format!("{h}; {}", def.how_to_give()),
        None => def.how_to_give(),
    };
    Error::validation(
        e.code,
        t!(
            "session.bad_value",
            key = def.key,
            whence = whence,
            why = e.message
        ),
    )
    .with_help(help)
}

/// Check every value given by flags, `--set` and the answers file before a run without a
/// terminal starts, so a bad one stops it before a session exists or the station is touched.
/// Values whose check needs the run (a choice from a list, a port, what the station or network
/// says) are checked when they are used. All refusals are listed at once.
pub fn check_inputs(
    flags: &std::collections::BTreeMap<String, String>,
    answers: Option<&Answers>,
    site: Option<&crate::journal::sites::Site>,
) -> Result<()> {
    // what is known before the run: only the site's area (`--site`)
    let known = Known {
        area: None,
        site: site.and_then(|s| Some((s.name.clone(), s.area()?))),
        serial: None,
    };
    let mut given: Vec<(&'static KeyDef, String, String)> = Vec::new();
    for (k, v) in flags {
        if let Some(def) = keys::find(k) {
            given.push((def, v.clone(), flag_words(def)));
        }
    }
    if let Some(a) = answers {
        for (k, ans) in &a.values {
            if let Some(def) = keys::find(k)
                && !flags.contains_key(k)
            {
                given.push((def, ans.value.clone(), format!("{}:{}", a.source, ans.line)));
            }
        }
    }
    let mut errors: Vec<Error> = given
        .into_iter()
        .filter(|(def, _, _)| !matches!(def.kind, ValueKind::Choice | ValueKind::Path))
        .filter_map(|(def, v, whence)| {
            known
                .check(def, &v, &[])
                .err()
                .map(|e| refused(def, &whence, &e))
        })
        .collect();
    match errors.len() {
        0 => Ok(()),
        1 => Err(errors.remove(0)),
        n => {
            let first = errors[0].code;
            let lines: Vec<String> = errors
                .iter()
                .map(|e| format!("  {} ({})", e.message, e.help.clone().unwrap_or_default()))
                .collect();
            Err(Error::validation(
                first,
                t!("vali.many_refused", n = n, list = lines.join("\n")),
            )
            .with_help(t!("vali.many_refused_help")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn known_area_and_serial_refuse_what_the_kind_lets_through() {
        let k = Known {
            area: Some(crate::rules::Area {
                south: 58.9,
                west: 9.7,
                north: 60.9,
                east: 11.8,
            }),
            site: None,
            serial: Some("EVF-2026 0123".into()),
        };
        let gps = keys::def("pinpoint.gps");
        assert_eq!(
            k.check(gps, " 59.9139, 10.7522 ", &[]).unwrap(),
            "59.9139,10.7522"
        );
        assert_eq!(
            k.check(gps, "10.7522,59.9139", &[]).unwrap_err().code,
            "E_POSITION_SWAPPED"
        );
        let pin = keys::def("pinpoint.pin");
        assert_eq!(
            k.check(pin, "", &[]).unwrap(),
            "",
            "empty: the GPS position"
        );
        assert_eq!(
            k.check(pin, "-33.86,151.21", &[]).unwrap_err().code,
            "E_POSITION_OUTSIDE"
        );
        let plate = keys::def("pinpoint.serial_plate");
        assert!(k.check(plate, "evf20260123", &[]).is_ok());
        assert_eq!(
            k.check(plate, "EVF20260124", &[]).unwrap_err().code,
            "E_SERIAL_MISMATCH"
        );
        // nothing known yet: only the kind's rule
        let none = Known {
            area: None,
            site: None,
            serial: None,
        };
        assert!(none.check(gps, "10.7522,59.9139", &[]).is_ok());
        // a site's area: a position far from its stations is refused
        let site = crate::journal::sites::Site {
            name: "P-hus Sentrum".into(),
            positions: [("s1".to_string(), "59.9139,10.7522".to_string())].into(),
            ..Default::default()
        };
        let at_site = Known {
            area: None,
            site: Some((site.name.clone(), site.area().unwrap())),
            serial: None,
        };
        assert!(at_site.check(gps, "59.9141,10.7525", &[]).is_ok());
        assert_eq!(
            at_site.check(gps, "59.95,10.7522", &[]).unwrap_err().code,
            "E_POSITION_OFF_SITE"
        );
        assert!(none.check(plate, "anything", &[]).is_ok());
    }

    #[test]
    fn every_source_of_a_value_has_words() {
        for src in [
            "demo",
            "network",
            "gps receiver",
            "address text",
            "remembered",
            "usb id",
        ] {
            assert_ne!(source_words(src), src, "{src}");
        }
        assert_eq!(source_words("somewhere new"), "somewhere new");
    }

    #[test]
    fn check_inputs_names_the_flag_and_skips_what_needs_the_run() {
        let mut flags = BTreeMap::new();
        flags.insert(
            "sim.kit_iccid".to_string(),
            "8947080000000000016".to_string(),
        );
        flags.insert(
            "pinpoint.address_id".to_string(),
            "not-listed-yet".to_string(),
        );
        flags.insert(
            "station.port".to_string(),
            "/dev/not-plugged-in".to_string(),
        );
        let e = check_inputs(&flags, None, None).unwrap_err();
        assert_eq!(e.code, "E_BAD_ICCID");
        assert_eq!(e.kind, crate::ErrorKind::Validation);
        assert!(e.message.contains("--kit-iccid"), "{}", e.message);
        assert!(e.help.unwrap().contains("kit_iccid = ..."));
        flags.insert(
            "sim.kit_iccid".to_string(),
            "8947080000000000015".to_string(),
        );
        assert!(check_inputs(&flags, None, None).is_ok());
    }
}
