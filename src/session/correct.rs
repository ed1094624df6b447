//! Corrections: any answer can be replaced, and the journal says so.
//!
//! A `correction` event supersedes an earlier `answer` (or correction) of the same key; the
//! journal stays append-only. A correction comes from a flag, `--set` or the answers file on
//! `--resume` (when it differs from the journaled answer), from the terminal when a step failed
//! because of earlier answers ([`Session::blame`]), or from the network when a value derived
//! from its rules changes because of another correction (the charge box identity from the MAC).
//!
//! Work already done that used the old value is done again: the correction reopens the phases
//! that consumed the key ([`consumers`]), and the session runs them again in order. What the
//! network has accepted cannot be redone by evfield: once the pinpoint submission was started
//! (it may have reached the network, where the serial is locked), its inputs are refused with
//! `E_CORRECTION_LOCKED`, which says whom to ask instead.

use serde_json::{Value, json};

use super::journal::Event;
use super::keys::KeyDef;
use super::prompt::{Level, Question};
use super::{Ask, Phase, Session, keys};
use crate::{Error, Result, t};

/// The journal's record of the current answer of one key.
#[derive(Debug, Clone)]
pub(super) struct Answered {
    /// The seq of the `answer` or `correction` event that gave the current value.
    pub seq: u64,
    /// The phase that took the first answer (the phase that consumes it).
    pub phase: String,
    /// Where the current value came from (`flag`, `answers:LINE`, `prompt`, `network`, ...).
    pub source: String,
}

/// The submission's action in the journal (see pinpoint_step.rs).
const SUBMIT: &str = "pinpoint.submit";

/// Phases besides the one that took the answer whose work uses the key.
fn consumers(key: &str) -> &'static [Phase] {
    use Phase::*;
    match key {
        "station.vendor" | "station.serial" | "station.mac" | "station.firmware"
        | "station.model" | "station.article" => &[Precheck, Commission, Labels, Pinpoint],
        "activation.password" => &[Commission, Labels, Pinpoint],
        "commission.ocpp_url" => &[Commission],
        "commission.charge_box_id" => &[Commission, Pinpoint],
        k if k.starts_with("pinpoint.") => &[Pinpoint],
        _ => &[],
    }
}

/// Confirmations given for the old value, withdrawn by a correction of the key so they are
/// asked again: the settings entered in the manufacturer's app, a far pin accepted, the
/// activation sticker applied (a new one is printed). A withdrawn checklist item's checklist
/// runs again.
fn withdraws(key: &str) -> &'static [&'static str] {
    match key {
        "station.mac" | "activation.password" => &["labels.sticker_applied"],
        "commission.ocpp_url" | "commission.charge_box_id" => &["commission.guided_done"],
        "pinpoint.pin" | "pinpoint.gps" | "pinpoint.address_id" => &["pinpoint.pin_far_confirmed"],
        _ => &[],
    }
}

/// Whether the key went into the pinpoint submission (which the network locks).
fn in_submission(key: &str) -> bool {
    key.starts_with("pinpoint.")
        || matches!(
            key,
            "station.vendor"
                | "station.serial"
                | "station.mac"
                | "station.model"
                | "station.firmware"
                | "activation.password"
                | "commission.charge_box_id"
        )
}

/// Keys whose value is shown as hidden in error messages (it is masked in exports too).
fn shown(key: &str, value: &str) -> String {
    if crate::replay::bundle::ALWAYS_MASKED.contains(&key) {
        t!("correct.hidden")
    } else {
        value.to_string()
    }
}

/// The strings of an array field of an event's data.
fn strings<'v>(data: &'v Value, field: &str) -> impl Iterator<Item = &'v str> {
    data.get(field)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

impl Session<'_> {
    /// Keep the journal position of an `answer` or `correction` event of `key`.
    pub(super) fn replay_answer(&mut self, e: &Event, key: &str) {
        let source = e
            .data
            .get("source")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let phase = match (e.kind.as_str(), self.answered.get(key)) {
            ("correction", Some(a)) => a.phase.clone(),
            _ => e.step.clone(),
        };
        self.answered.insert(
            key.to_string(),
            Answered {
                seq: e.seq,
                phase,
                source,
            },
        );
        if e.kind == "correction" {
            for k in strings(&e.data, "withdraws") {
                self.values.remove(k);
                if let Some((cl, _)) = crate::checklist::registry().item_by_key(k) {
                    self.actions.remove(&format!("checklist.{}", cl.id));
                }
            }
            for p in strings(&e.data, "reopens") {
                self.done.remove(p);
            }
        }
    }

    /// A journaled answer, unless this run gives another value for it (a flag, `--set` or the
    /// answers file, compared once per run) or the network's rule now derives another one.
    pub(super) fn journaled_or_corrected(
        &mut self,
        def: &KeyDef,
        old: String,
        ask: &Ask,
    ) -> Result<String> {
        let key = def.key;
        if self.settled.insert(key.to_string()) {
            let i = &self.inputs;
            let given = match i.flags.get(key) {
                Some(v) if !i.weak_flags.contains(key) => Some((v.clone(), self.flag_source(key))),
                Some(_) => None,
                None if i.weak_answers.contains(key) => None,
                None => i
                    .answers
                    .as_ref()
                    .and_then(|a| a.get(key))
                    .map(|a| (a.value.clone(), format!("answers:{}", a.line))),
            };
            if let Some((raw, src)) = given {
                match self.check_given(def, &raw, &ask.choices) {
                    Ok(v) if v != old => {
                        self.correct(key, &v, &src)?;
                        return Ok(v);
                    }
                    Ok(_) => {}
                    // at a terminal the refused correction is asked again, in place
                    Err(why) if self.prompter.can_ask() => {
                        let e = self.bad_value(key, &src, &why);
                        self.notify(Level::Warning, e.message);
                        self.ask_again(key)?;
                        return Ok(self.values.get(key).cloned().unwrap_or(old));
                    }
                    Err(why) => return Err(self.bad_value(key, &src, &why)),
                }
            }
        }
        // a value the network's rule gave (the charge box identity from the MAC) follows it
        let derived = self
            .answered
            .get(key)
            .is_some_and(|a| a.source == "network");
        if let Some((read, src)) = &ask.read
            && derived
            && *read != old
            && src == "network"
        {
            let v = self
                .check_given(def, read, &ask.choices)
                .map_err(|e| self.bad_value(key, src, &e))?;
            self.correct(key, &v, src)?;
            return Ok(v);
        }
        Ok(old)
    }

    /// On `--resume`: every journaled answer that this run's flags, `--set` or answers file
    /// give differently is corrected now, in the order they were answered.
    pub(super) fn correct_given(&mut self) -> Result<()> {
        let mut journaled: Vec<(u64, &'static KeyDef, String)> = self
            .values
            .iter()
            .filter_map(|(k, v)| {
                let seq = self.answered.get(k).map_or(0, |a| a.seq);
                keys::find(k).map(|d| (seq, d, v.clone()))
            })
            .collect();
        journaled.sort_by_key(|(seq, _, _)| *seq);
        for (_, def, old) in journaled {
            self.journaled_or_corrected(def, old, &Ask::default())?;
        }
        Ok(())
    }

    /// Journal a correction of `key` and reopen the done phases that used the old value.
    pub(super) fn correct(&mut self, key: &str, value: &str, source: &str) -> Result<()> {
        let old = self.values.get(key).cloned();
        if in_submission(key) && self.intents.contains_key(SUBMIT) {
            let err = Error::validation(
                "E_CORRECTION_LOCKED",
                t!(
                    "correct.locked",
                    key = key,
                    old = shown(key, old.as_deref().unwrap_or("")),
                    new = shown(key, value)
                ),
            )
            .with_help(t!("correct.locked_help", key = key));
            // the refused value is not used again in this run
            self.settled.insert(key.to_string());
            return Err(err);
        }
        let first = self.answered.get(key).cloned();
        let mut reopens: Vec<&'static str> = Vec::new();
        // the way to the station is not the station: a new port or address reopens nothing
        let own = !matches!(key, "station.port" | "station.address");
        let phases = first
            .as_ref()
            .filter(|_| own)
            .and_then(|a| Phase::from_name(&a.phase))
            .into_iter()
            .chain(consumers(key).iter().copied());
        for p in phases {
            if self.done.contains(p.name()) && !reopens.contains(&p.name()) {
                reopens.push(p.name());
            }
        }
        let e = self.event(
            "correction",
            json!({
                "key": key,
                "value": value,
                "source": source,
                "old_value": old,
                "supersedes": first.as_ref().map(|a| a.seq),
                "reopens": reopens,
                "withdraws": withdraws(key)
                    .iter()
                    .filter(|k| self.values.contains_key(**k))
                    .collect::<Vec<_>>(),
            }),
        )?;
        self.replay_answer(&e, key);
        self.values.insert(key.to_string(), value.to_string());
        if matches!(key, "station.vendor" | "station.port" | "station.address") {
            // another station or another way to it: open it again
            self.station = None;
            self.profile = None;
        }
        if key == "network.url" || key == "account.username" {
            self.client = None;
        }
        let shown_value = shown(key, value);
        self.notify(
            Level::Info,
            t!("correct.corrected", key = key, value = shown_value),
        );
        Ok(())
    }

    /// Name the earlier answers a failure depends on: the error says their values and how to
    /// correct them, and at a terminal the session asks them again and retries the step.
    pub(super) fn blame(&mut self, e: Error, keys: &[&str]) -> Error {
        let given: Vec<(&str, String)> = keys
            .iter()
            .filter_map(|k| self.values.get(*k).map(|v| (*k, v.clone())))
            .collect();
        if given.is_empty() {
            return e;
        }
        let list = given
            .iter()
            .map(|(k, v)| format!("{k} = {}", shown(k, v)))
            .collect::<Vec<_>>()
            .join(", ");
        let sets = given
            .iter()
            .map(|(k, _)| format!("--set {k}=VALUE"))
            .collect::<Vec<_>>()
            .join(" ");
        self.blamed = given.iter().map(|(k, _)| k.to_string()).collect();
        let help = t!("correct.how", id = self.id, sets = sets);
        let help = match &e.help {
            Some(h) => format!("{h}; {help}"),
            None => help,
        };
        let message = format!("{} ({})", e.message, t!("correct.depends", answers = list));
        Error { message, ..e }.with_help(help)
    }

    /// The answers blamed for the last failure (taken: named once).
    pub(super) fn take_blamed(&mut self) -> Vec<String> {
        std::mem::take(&mut self.blamed)
    }

    /// Ask a blamed answer again at the terminal, the current value proposed (Enter keeps it);
    /// a different value is journaled as a correction. Whether it changed.
    pub(super) fn ask_again(&mut self, key: &str) -> Result<bool> {
        let def = keys::def(key);
        let old = self.values.get(key).cloned();
        let q = Question {
            def,
            text: def.question_text(),
            default: old.clone().filter(|v| !v.is_empty()),
            choices: Vec::new(),
        };
        let v = self.ask_until_valid(&q)?;
        self.settled.insert(key.to_string());
        self.asked.push(key.to_string());
        match old {
            Some(old) if old == v => return Ok(false),
            Some(_) => self.correct(key, &v, "prompt")?,
            None => self.record_answer(def, &v, "prompt")?,
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::super::prompt::Scripted;
    use super::super::{Inputs, Session, journal};
    use super::*;

    #[test]
    fn a_correction_supersedes_the_answer_and_reopens_its_phase_on_resume() {
        let d = tempfile::tempdir().unwrap();
        let mut front = Scripted::default();
        let mut s = Session::create(d.path(), Inputs::default(), &mut front, false).unwrap();
        let id = s.id.clone();
        s.phase = Phase::Sim;
        s.record_answer(keys::def("sim.kit_iccid"), "111", "flag")
            .unwrap();
        let answered = s.answered["sim.kit_iccid"].seq;
        s.event("step_done", json!({ "phase": "sim" })).unwrap();
        s.done.insert("sim".into());
        s.phase = Phase::Commission;
        s.correct("sim.kit_iccid", "222", "prompt").unwrap();
        let path = s.journal_path().to_path_buf();
        drop(s);
        assert!(journal::verify(&path).unwrap().fault.is_none());

        let s = Session::resume(d.path(), Some(&id), Inputs::default(), &mut front).unwrap();
        assert_eq!(s.values["sim.kit_iccid"], "222");
        assert!(!s.done.contains("sim"), "the SIM phase is to run again");
        assert_eq!(s.next_phase(), Some(Phase::Account));
        let a = &s.answered["sim.kit_iccid"];
        assert_eq!((a.phase.as_str(), a.source.as_str()), ("sim", "prompt"));
        let (events, _) = journal::read_all(&path).unwrap();
        let c = events.iter().find(|e| e.kind == "correction").unwrap();
        assert_eq!(c.data["supersedes"], json!(answered));
        assert_eq!(c.data["old_value"], "111");
        assert_eq!(c.data["reopens"], json!(["sim"]));
    }

    #[test]
    fn a_submitted_value_cannot_be_corrected() {
        let d = tempfile::tempdir().unwrap();
        let mut front = Scripted::default();
        let mut s = Session::create(d.path(), Inputs::default(), &mut front, false).unwrap();
        s.phase = Phase::Pinpoint;
        s.record_answer(keys::def("pinpoint.gps"), "59.9,10.7", "prompt")
            .unwrap();
        s.intents
            .insert(SUBMIT.into(), json!({ "idempotency_key": "k" }));
        let e = s.correct("pinpoint.gps", "59.8,10.7", "flag").unwrap_err();
        assert_eq!(e.code, "E_CORRECTION_LOCKED");
        assert!(e.message.contains("pinpoint.gps"), "{}", e.message);
        assert_eq!(s.values["pinpoint.gps"], "59.9,10.7");
        // what did not go into the submission still can be
        s.record_answer(keys::def("sim.kit_iccid"), "111", "flag")
            .unwrap();
        s.correct("sim.kit_iccid", "222", "flag").unwrap();
    }
}
