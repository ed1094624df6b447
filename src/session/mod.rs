//! The guided session: eight phases of one state machine, a journal that survives a kill, and
//! values that are never asked twice.
//!
//! A step takes each value from, in order: the journal (already answered in this session), a
//! flag (`--user`, `--set key=value`, ...), the answers file, a value read from the station or
//! the network (or provided by the demo rig), and last a prompt through [`Prompter`]. With
//! nobody to ask, a missing value is an error that names the flag and the answers key. Any
//! answer can be corrected (a flag or answers-file value on `--resume`, or at a terminal when a
//! step fails because of it): see `correct.rs`.

pub mod answers;
mod chain_head;
mod checklists;
mod correct;
mod given;
#[cfg(unix)]
pub mod hidden;
pub use crate::journal;
pub mod keys;
mod labels;
pub mod phone;
mod pinpoint_step;
pub mod preflight;
mod probe_step;
pub mod prompt;
pub use crate::journal::seal;
pub use crate::journal::sessions;
mod stationflow;
pub(crate) mod steps;
pub mod theme;

pub use given::check_inputs;
pub use steps::charge_box_id;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::{Value, json};

use self::answers::Answers;
use self::journal::{Event, Journal};
use self::keys::{KeyDef, ValueKind};
use self::prompt::{Choice, Level, Notice, Prompter, Question};
use crate::network::client::Client;
use crate::station::StationDriver;
use crate::{Error, ErrorKind, Result};

pub use crate::vocab::Phase;

/// Values given before the session starts.
#[derive(Default)]
pub struct Inputs {
    /// From dedicated flags and `--set key=value`: `section.name` → value.
    pub flags: BTreeMap<String, String>,
    /// Where a flag's value was read rather than typed, journaled as its source: a code in a
    /// photo (`photo:<file name>`, `renetwork --sticker-photo`, ...). Others are `flag`.
    pub flag_sources: BTreeMap<String, String>,
    pub answers: Option<Answers>,
    /// Values the demo rig provides (port, network, photos): consulted after the answers file.
    pub provided: BTreeMap<String, String>,
    /// Proposed answers shown at the prompt (the interactive demo's built-in answers).
    pub defaults: BTreeMap<String, String>,
    /// The installer password, when given on stdin or in the environment. Never journaled.
    pub password: Option<String>,
    /// How long phase 8 waits for the network to see the station.
    pub connect_timeout: Option<Duration>,
    /// Where the installer's token is when the OS keyring has none (docs/account.md).
    pub token: crate::network::account::TokenOptions,
    /// A GPS receiver or gpsd that gives `pinpoint.gps` when no value is given (docs/gps.md).
    pub gps: crate::pinpoint::gps::Options,
    /// Keys whose flag value comes from the config file, and keys whose answers-file value is
    /// the demo's built-in one: defaults when the journal has no answer, never a correction.
    pub weak_flags: BTreeSet<String>,
    pub weak_answers: BTreeSet<String>,
    /// Go on when the station read turns out to have another unfinished session (`--new`, or a
    /// session resumed by choice): see `preflight::same_station_read`.
    pub beside_unfinished: bool,
    /// `--experimental`: a service-port protocol no source documents may be run.
    pub experimental: bool,
    /// `--site NAME`: the site's record, whose values are given values after the answers file
    /// (journaled with the source `site:NAME`).
    pub site: Option<crate::journal::sites::Site>,
}

pub use crate::vocab::State;

/// The closing report of a finished session.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub session_id: String,
    pub state: State,
    pub station: Value,
    pub network: Value,
    pub sim: Value,
    pub journal: PathBuf,
    /// The demo sandbox's state file, when this was a demo.
    pub sandbox_state: Option<PathBuf>,
    /// Values asked at the prompt in this run.
    pub asked: Vec<String>,
    pub elapsed_ms: u64,
}

/// What the session asks of a demo's stand-ins (the simulated station and the sandbox network,
/// src/sandbox/rig.rs). The command hands one in ([`Session::attach_demo`]), so the engine never
/// names the stand-ins (ARCHITECTURE.md).
pub trait Rig {
    /// Values the demo provides (its port or address, network, photos), by key.
    fn provided_values(&self) -> BTreeMap<String, String>;
    /// A phase of the session begins (a fault the demo was asked to inject may start).
    fn phase_started(&self, phase: &str);
    /// The installer's hands: the old SIM out, the network's SIM in.
    fn swap_sim(&self);
    /// The installer's hands in the manufacturer's app: a guided step was confirmed with these
    /// values.
    fn guided_done(
        &self,
        profile: &crate::station::profile::Profile,
        step: &str,
        values: &BTreeMap<String, String>,
    ) -> Result<()>;
    /// The installer points the station at evfield's OCPP probe at `url` (a station whose OCPP
    /// keys are set over OCPP).
    fn point_at_probe(&self, url: &str) -> Result<()>;
    /// The sandbox network's state file, for the closing report.
    fn network_state_path(&self) -> PathBuf;
    /// The demo installer's password (the sandbox's, not a secret).
    fn installer_password(&self) -> String;
}

/// One guided re-networking.
pub struct Session<'p> {
    pub id: String,
    pub dir: PathBuf,
    journal: Journal,
    prompter: &'p mut dyn Prompter,
    inputs: Inputs,
    values: BTreeMap<String, String>,
    facts: BTreeMap<String, Value>,
    done: BTreeSet<String>,
    actions: BTreeMap<String, Value>,
    intents: BTreeMap<String, Value>,
    station: Option<Box<dyn StationDriver>>,
    /// The station's vendor profile, once chosen.
    profile: Option<crate::station::profile::Profile>,
    client: Option<Client>,
    demo: Option<Box<dyn Rig>>,
    demo_mode: bool,
    asked: Vec<String>,
    started: Instant,
    phase: Phase,
    /// Where each answer stands in the journal: the seq of its event, the phase that took it
    /// and its source (docs/journal.md, `correction`).
    answered: BTreeMap<String, correct::Answered>,
    /// Keys already compared with this run's flags and answers file (once per run).
    settled: BTreeSet<String>,
    /// Answers the failing step depends on, named by [`Session::blame`].
    blamed: Vec<String>,
}

pub use crate::paths::sessions_dir;

/// A new session id: UTC time and a random suffix, sortable by start.
fn new_id() -> String {
    let now = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let r = uuid::Uuid::new_v4().simple().to_string();
    format!("{now}-{}", &r[..6])
}

impl<'p> Session<'p> {
    /// Start a new session under `data_dir`.
    pub fn create(
        data_dir: &Path,
        inputs: Inputs,
        prompter: &'p mut dyn Prompter,
        demo: bool,
    ) -> Result<Session<'p>> {
        let root = sessions_dir(data_dir);
        crate::paths::ensure_private_dir(data_dir)?;
        crate::paths::ensure_private_dir(&root)?;
        let id = new_id();
        let dir = root.join(&id);
        crate::paths::ensure_private_dir(&dir)?;
        let mut journal = Journal::create(&dir.join("journal.jsonl"))?;
        journal.append(
            "session",
            "session_started",
            json!({
                "session_id": id,
                "tool": "evfield",
                "version": env!("CARGO_PKG_VERSION"),
                "demo": demo,
                "answers_file": inputs.answers.as_ref().map(|a| a.source.clone()),
                "site": inputs.site.as_ref().map(|s| s.name.clone()),
                "os": std::env::consts::OS,
            }),
        )?;
        set_current_session(&id);
        Ok(Session::assemble(
            id,
            dir,
            journal,
            Vec::new(),
            inputs,
            prompter,
            demo,
        ))
    }

    /// Resume a session: the given id, or the newest one not done.
    pub fn resume(
        data_dir: &Path,
        id: Option<&str>,
        inputs: Inputs,
        prompter: &'p mut dyn Prompter,
    ) -> Result<Session<'p>> {
        let id = match id {
            Some(id) => id.to_string(),
            None => sessions::newest_to_resume(data_dir)?.ok_or_else(|| {
                Error::usage("E_NO_SESSION", crate::t!("common.no_session"))
                    .with_help(crate::t!("common.no_session_help"))
            })?,
        };
        let dir = sessions_dir(data_dir).join(&id);
        let path = dir.join("journal.jsonl");
        if !path.exists() && journal::unborn_path(&path).exists() {
            return Err(sessions::never_started(data_dir, &id));
        }
        if !path.exists() {
            return Err(Error::usage(
                "E_NO_SESSION",
                crate::t!(
                    "rec.session.not_found",
                    id = id,
                    dir = sessions_dir(data_dir).display()
                ),
            )
            .with_help(crate::t!("rec.session.not_found.help")));
        }
        let (mut journal, events, dropped) = Journal::open(&path)?;
        if events.is_empty() {
            // only a first event cut short (a journal from before the journal's first event was
            // written under another name): nothing was asked, done or sent
            drop(journal);
            return Err(sessions::never_started(data_dir, &id));
        }
        let demo = events
            .first()
            .and_then(|e| e.data.get("demo"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        if events.iter().any(|e| e.kind == "session_done") {
            return Err(
                Error::usage("E_SESSION_DONE", crate::t!("common.session_done", id = id))
                    .with_help(crate::t!("common.session_done_help")),
            );
        }
        if let Some(e) = events.iter().find(|e| e.kind == "session_abandoned") {
            let reason = e.data.get("reason").and_then(Value::as_str).unwrap_or("");
            return Err(sessions::abandoned_error(&id, &e.time, reason));
        }
        journal.append(
            "session",
            "session_resumed",
            json!({ "repaired_bytes": dropped, "events": events.len() }),
        )?;
        set_current_session(&id);
        Ok(Session::assemble(
            id, dir, journal, events, inputs, prompter, demo,
        ))
    }

    fn assemble(
        id: String,
        dir: PathBuf,
        journal: Journal,
        events: Vec<Event>,
        inputs: Inputs,
        prompter: &'p mut dyn Prompter,
        demo_mode: bool,
    ) -> Session<'p> {
        let mut s = Session {
            id,
            dir,
            journal,
            prompter,
            inputs,
            values: BTreeMap::new(),
            facts: BTreeMap::new(),
            done: BTreeSet::new(),
            actions: BTreeMap::new(),
            intents: BTreeMap::new(),
            station: None,
            profile: None,
            client: None,
            demo: None,
            demo_mode,
            asked: Vec::new(),
            started: Instant::now(),
            phase: Phase::Account,
            answered: BTreeMap::new(),
            settled: BTreeSet::new(),
            blamed: Vec::new(),
        };
        for e in &events {
            s.replay(e);
        }
        s
    }

    /// Rebuild what the journal says happened.
    fn replay(&mut self, e: &Event) {
        let key = || {
            e.data
                .get("key")
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        match e.kind.as_str() {
            "answer" | "correction" => {
                if let (Some(k), Some(v)) = (key(), e.data.get("value").and_then(Value::as_str)) {
                    self.replay_answer(e, &k);
                    self.values.insert(k, v.to_string());
                }
            }
            "refused" | "withdrawn" => {
                if let Some(k) = key() {
                    self.values.remove(&k);
                }
            }
            "fact" => {
                if let (Some(k), Some(v)) = (key(), e.data.get("value")) {
                    self.facts.insert(k, v.clone());
                }
            }
            "action_started" => {
                if let Some(a) = e.data.get("action").and_then(Value::as_str) {
                    self.intents.insert(a.to_string(), e.data.clone());
                }
            }
            "action_done" => {
                if let Some(a) = e.data.get("action").and_then(Value::as_str) {
                    self.actions.insert(
                        a.to_string(),
                        e.data.get("result").cloned().unwrap_or(Value::Null),
                    );
                }
            }
            "step_done" => {
                self.done.insert(e.step.clone());
            }
            _ => {}
        }
    }

    /// Whether this session runs against the built-in demo.
    pub fn is_demo(&self) -> bool {
        self.demo_mode
    }

    /// Attach the demo rig (simulated station and sandbox network).
    pub fn attach_demo(&mut self, rig: Box<dyn Rig>) {
        // a resumed demo has a new simulated station on a new pseudo-terminal: its path replaces
        // the one journaled by the first run (a real port keeps its answer)
        for key in ["station.port", "station.address"] {
            if let Some(port) = rig.provided_values().get(key)
                && self.values.contains_key(key)
            {
                self.values.insert(key.into(), port.clone());
            }
        }
        for (k, v) in rig.provided_values() {
            // A resumed demo restarts its simulator on a new pseudo-terminal (or port): the one
            // answered before is gone (and its number may belong to another program now).
            if (k == "station.port" || k == "station.address")
                && self.values.get(&k).is_some_and(|old| *old != v)
                && self
                    .journal
                    .append(
                        "session",
                        "answer",
                        json!({ "key": k, "value": v, "source": "demo (simulator restarted)" }),
                    )
                    .is_ok()
            {
                self.values.insert(k.clone(), v.clone());
            }
            self.inputs.provided.entry(k).or_insert(v);
        }
        if self.inputs.password.is_none() {
            self.inputs.password = Some(rig.installer_password());
        }
        self.demo = Some(rig);
    }

    /// The demo's built-in answers: taken as answers when nobody can be asked (under any
    /// answers file given), proposed as defaults at the prompt otherwise. Safety items are never
    /// proposed: at a terminal the installer gives them. With nobody to ask, the demo answers
    /// them itself, journaled with the source `demo` (not as a line of an answers file).
    /// The value given by a flag for `key`, if one was.
    pub fn flag(&self, key: &str) -> Option<&str> {
        self.inputs.flags.get(key).map(String::as_str)
    }

    /// The demo's built-in answer of `key` stands aside (a photo gives it): a given answers
    /// file's own value stays.
    pub fn drop_demo_answer(&mut self, key: &str) {
        self.inputs.defaults.remove(key);
        if self.inputs.weak_answers.remove(key)
            && let Some(a) = self.inputs.answers.as_mut()
        {
            a.values.remove(key);
        }
    }

    pub fn add_demo_answers(&mut self, text: &str, interactive: bool) -> Result<()> {
        let mut demo = Answers::parse(text, &crate::t!("rec.session.demo_answers"))?;
        let safety: Vec<String> = demo
            .values
            .keys()
            .filter(|k| crate::checklist::answer::is_safety(k))
            .cloned()
            .collect();
        for k in safety {
            if let Some(a) = demo.values.remove(&k)
                && !interactive
            {
                self.inputs.provided.entry(k).or_insert(a.value);
            }
        }
        if interactive {
            for (k, a) in demo.values {
                self.inputs.defaults.entry(k).or_insert(a.value);
            }
        } else {
            // the demo's answers fill gaps; they never correct a journaled answer
            match self.inputs.answers.as_mut() {
                Some(given) => {
                    for (k, a) in demo.values {
                        if let std::collections::btree_map::Entry::Vacant(slot) =
                            given.values.entry(k)
                        {
                            self.inputs.weak_answers.insert(slot.key().clone());
                            slot.insert(a);
                        }
                    }
                }
                None => {
                    self.inputs.weak_answers.extend(demo.values.keys().cloned());
                    self.inputs.answers = Some(demo);
                }
            }
        }
        Ok(())
    }

    pub fn journal_path(&self) -> &Path {
        self.journal.path()
    }

    /// The first phase not yet completed.
    pub fn next_phase(&self) -> Option<Phase> {
        Phase::ALL
            .into_iter()
            .find(|p| !self.done.contains(p.name()))
    }

    /// Run every phase not yet done, then write the report.
    pub fn run(&mut self) -> Result<Report> {
        // values given again on --resume correct the journaled ones first, so the phases that
        // used them run again
        if let Some(phase) = self.next_phase() {
            self.phase = phase;
            self.correct_given()?;
        }
        // a correction may reopen an earlier phase: always the first one not done
        let mut kept = 0;
        while let Some(phase) = self.next_phase() {
            self.phase = phase;
            self.notify(
                Level::Info,
                crate::t!(
                    "session.phase.heading",
                    number = phase.number(),
                    title = phase.title()
                ),
            );
            self.event(
                "step_started",
                json!({ "phase": phase.name(), "number": phase.number() }),
            )?;
            if let Some(rig) = &self.demo {
                rig.phase_started(phase.name());
            }
            let r = self.ensure_gates(phase).and_then(|_| self.run_phase(phase));
            self.flush_traffic()?;
            match r {
                Ok(summary) => {
                    self.event(
                        "step_done",
                        json!({ "phase": phase.name(), "summary": summary }),
                    )?;
                    self.done.insert(phase.name().to_string());
                }
                Err(e) => {
                    let blamed = self.take_blamed();
                    if e.kind != ErrorKind::Interrupted {
                        let _ = self.event(
                            "step_failed",
                            json!({ "phase": phase.name(), "kind": e.kind.name(), "code": e.code, "message": e.message, "help": e.help, "blamed": blamed }),
                        );
                    }
                    // the answers kept unchanged three times: stop, resumable
                    if e.kind == ErrorKind::Interrupted
                        || blamed.is_empty()
                        || !self.prompter.can_ask()
                        || kept >= 3
                    {
                        return Err(e);
                    }
                    // at a terminal: the answers behind the failure are asked again, then the
                    // step (or the earlier one a correction reopened) runs again
                    self.notify(
                        Level::Warning,
                        crate::t!("correct.ask_again", code = e.code, message = e.message),
                    );
                    let mut changed = false;
                    for key in blamed {
                        changed |= self.ask_again(&key)?;
                    }
                    kept = if changed { 0 } else { kept + 1 };
                }
            }
        }
        let report = self.report();
        self.phase = Phase::Verify;
        self.journal.append(
            "session",
            "session_done",
            serde_json::to_value(&report).unwrap_or(Value::Null),
        )?;
        self.send_chain_head("end");
        Ok(report)
    }

    fn run_phase(&mut self, phase: Phase) -> Result<Value> {
        match phase {
            Phase::Account => steps::account(self),
            Phase::Precheck => steps::precheck(self),
            Phase::Before => steps::before(self),
            Phase::Sim => steps::sim(self),
            Phase::Commission => steps::commission(self),
            Phase::Labels => steps::labels(self),
            Phase::Pinpoint => steps::pinpoint(self),
            Phase::Verify => steps::verify(self),
        }
    }

    fn report(&self) -> Report {
        let f = |k: &str| self.facts.get(k).cloned().unwrap_or(Value::Null);
        Report {
            session_id: self.id.clone(),
            state: State::Done,
            station: f("station.identity"),
            network: json!({
                "station_id": f("network.station_id"),
                "charge_box_id": f("commission.charge_box_id"),
                "ocpp_url": f("commission.ocpp_url"),
                "ocpp_status": f("network.ocpp_status"),
                "address": f("pinpoint.address_label"),
                "installer": f("account.installer"),
            }),
            sim: json!({ "old_iccid": f("sim.old_iccid"), "new_iccid": f("sim.new_iccid") }),
            journal: self.journal.path().to_path_buf(),
            sandbox_state: self.demo.as_ref().map(|d| d.network_state_path()),
            asked: self.asked.clone(),
            elapsed_ms: self.started.elapsed().as_millis() as u64,
        }
    }

    // ----- journal helpers -----

    fn event(&mut self, kind: &str, data: Value) -> Result<Event> {
        let step = self.phase.name();
        self.journal.append(step, kind, data)
    }

    fn notify(&mut self, level: Level, text: String) {
        let n = Notice {
            phase: self.phase.name().to_string(),
            level,
            text,
        };
        self.prompter.notify(&n);
    }

    /// Record a value read from the station or the network.
    fn fact(&mut self, key: &str, value: Value) -> Result<()> {
        self.event("fact", json!({ "key": key, "value": value }))?;
        self.facts.insert(key.to_string(), value);
        Ok(())
    }

    fn fact_str(&self, key: &str) -> Option<String> {
        self.facts
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
    }

    /// Write the service-port bytes and API calls collected since the last call to the journal.
    fn flush_traffic(&mut self) -> Result<()> {
        if let Some(st) = self.station.as_mut() {
            let port = self
                .values
                .get("station.port")
                .or_else(|| self.values.get("station.address"))
                .cloned()
                .unwrap_or_default();
            for t in st.take_traffic() {
                crate::station::trace_traffic(&port, &t);
                let data = json!({
                    "port": port,
                    "dir": t.dir,
                    "text": escape_bytes(&t.bytes),
                    "at": t.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                });
                self.journal.append(self.phase.name(), "traffic", data)?;
            }
        }
        if let Some(c) = self.client.as_ref() {
            for call in c.take_calls() {
                let data = serde_json::to_value(&call).unwrap_or(Value::Null);
                self.journal.append(self.phase.name(), "api_call", data)?;
            }
        }
        Ok(())
    }

    // ----- values -----

    /// The source a flag's value of `key` is journaled with: `flag`, or where it was read.
    fn flag_source(&self, key: &str) -> String {
        self.inputs
            .flag_sources
            .get(key)
            .cloned()
            .unwrap_or_else(|| "flag".into())
    }

    /// The value of `key`, from the journal, a flag, the answers file, `read` (a value read from
    /// the station or network, with its source name), or a prompt. On a resumed session a flag
    /// or answers-file value that differs from the journaled answer corrects it (`correction`).
    fn value(&mut self, key: &str, ask: Ask) -> Result<String> {
        let def = keys::def(key);
        if let Some(v) = self.values.get(key).cloned() {
            return self.journaled_or_corrected(def, v, &ask);
        }
        let mut candidates: Vec<(String, String)> = Vec::new();
        if let Some(v) = self.inputs.flags.get(key) {
            candidates.push((v.clone(), self.flag_source(key)));
        }
        // the site's record comes after an answers file, but before the demo's built-in answers
        let site = self.inputs.site.as_ref().and_then(|site| {
            let v = site.values.get(key)?;
            Some((v.clone(), format!("site:{}", site.name)))
        });
        let weak = self.inputs.weak_answers.contains(key);
        if weak && let Some(c) = &site {
            candidates.push(c.clone());
        }
        if let Some(a) = self.inputs.answers.as_ref().and_then(|a| a.get(key)) {
            candidates.push((a.value.clone(), format!("answers:{}", a.line)));
        }
        if !weak && let Some(c) = site {
            candidates.push(c);
        }
        if let Some(v) = self.inputs.provided.get(key) {
            candidates.push((v.clone(), "demo".into()));
        }
        if let Some((v, src)) = &ask.read {
            candidates.push((v.clone(), src.clone()));
        }
        self.settled.insert(key.to_string());
        if ask.fresh && self.prompter.can_ask() {
            candidates.clear();
        }
        let mut candidates = candidates.into_iter();
        let mut proposed = None;
        if let Some((v, src)) = candidates.next() {
            match self.check_given(def, &v, &ask.choices) {
                Ok(v) => {
                    self.record_answer(def, &v, &src)?;
                    return Ok(v);
                }
                // refused: asked again at a terminal (a later source's value that passes is
                // proposed), else an error naming the flag and the key
                Err(e) => {
                    self.refuse_given(def, &src, e)?;
                    proposed =
                        candidates.find_map(|(v, _)| self.check_given(def, &v, &ask.choices).ok());
                }
            }
        }
        if !self.prompter.can_ask() {
            // Nobody to ask: an optional value takes its default (or stays empty).
            if def.optional {
                let v = ask.default.unwrap_or_default();
                let v = self.check_given(def, &v, &ask.choices)?;
                self.record_answer(def, &v, "default")?;
                return Ok(v);
            }
            return Err(prompt::missing(def));
        }
        let default = proposed
            .or(ask.default)
            .or_else(|| self.inputs.defaults.get(key).cloned());
        let q = Question {
            def,
            text: ask.text.unwrap_or_else(|| def.question_text()),
            default,
            choices: ask.choices,
        };
        let v = self.ask_until_valid(&q)?;
        self.asked.push(key.to_string());
        self.record_answer(def, &v, "prompt")?;
        Ok(v)
    }

    /// Ask until the answer passes [`check_value`]; a refused one is asked again with the reason.
    fn ask_until_valid(&mut self, q: &Question) -> Result<String> {
        // a refused typed answer is shown with its reason on the prompt and typed again there
        let known = self.known();
        let check = |raw: &str| {
            known
                .check(q.def, raw, &q.choices)
                .map(|_| ())
                .map_err(|e| crate::rules::reason(&e))
        };
        // a photo can come from the phone (kept with the session's photos)
        let photos = self.dir.join("photos");
        let photo = photo_rules(q.def);
        loop {
            let raw = if let Some(rules) = photo {
                self.prompter.ask_photo(q, &check, rules, &photos)?
            } else {
                self.prompter.ask_checked(q, &check)?
            };
            match known.check(q.def, &raw, &q.choices) {
                Ok(v) => return Ok(v),
                Err(e) => self.notify(
                    Level::Warning,
                    crate::t!("session.try_again", why = crate::rules::reason(&e)),
                ),
            }
        }
    }

    /// The error for a value given by flag, answers file or the station that fails its check.
    fn bad_value(&self, key: &str, src: &str, e: &Error) -> Error {
        let def = keys::def(key);
        given::refused(def, &self.whence(def, src), e)
    }

    fn record_answer(&mut self, def: &KeyDef, v: &str, source: &str) -> Result<()> {
        let e = self.event(
            "answer",
            json!({ "key": def.key, "value": v, "source": source }),
        )?;
        self.replay_answer(&e, def.key);
        self.values.insert(def.key.to_string(), v.to_string());
        Ok(())
    }

    /// A confirmation that must be "yes" for the flow to go on. A "no" is journaled as a
    /// refusal (not as an answer), so a resumed session asks again.
    fn confirm(&mut self, key: &str, text: Option<String>, if_no: &str) -> Result<()> {
        let v = self.value(
            key,
            Ask {
                text,
                ..Ask::default()
            },
        )?;
        if v == "yes" {
            return Ok(());
        }
        self.values.remove(key);
        self.event("refused", json!({ "key": key }))?;
        Err(Error::blocked(
            "E_BLOCKED",
            crate::t!("session.answered_no", key = key, if_no = if_no),
        )
        .with_help(crate::t!("session.resume_when_done", id = self.id)))
    }
}

/// Options of one [`Session::value`] call.
#[derive(Default)]
struct Ask {
    text: Option<String>,
    default: Option<String>,
    choices: Vec<Choice>,
    /// A value read from the station or network, and its source name.
    read: Option<(String, String)>,
    /// Asked at the prompt even when a flag, the answers file or the demo gives it (a withdrawn
    /// answer is given again by the person).
    fresh: bool,
}

/// The rules of a question that asks for a photo: the photo before work, the pinpoint photo, a
/// checklist item whose evidence is a photo (any JPEG or PNG).
fn photo_rules(def: &KeyDef) -> Option<crate::pinpoint::photo::Rules> {
    use crate::pinpoint::photo::Rules;
    match def.kind {
        ValueKind::Photo => Some(Rules::BEFORE),
        ValueKind::LandscapePhoto => Some(Rules::PINPOINT),
        ValueKind::Check => crate::checklist::registry()
            .item_by_key(def.key)
            .filter(|(_, item)| item.evidence == crate::checklist::Evidence::Photo)
            .map(|_| Rules::ANY),
        _ => None,
    }
}

/// Normalise and check a value for its kind (the rules of `crate::rules`); the error says what
/// is wrong with it and what to do.
fn check_value(def: &KeyDef, raw: &str, choices: &[Choice]) -> Result<String> {
    let bad = |why: String| Error::validation("E_BAD_VALUE", why);
    let v = raw.trim();
    if v.is_empty() {
        return if def.optional {
            Ok(String::new())
        } else {
            Err(bad(crate::t!("session.value_required")))
        };
    }
    match def.kind {
        ValueKind::Confirm => match v.to_ascii_lowercase().as_str() {
            "y" | "yes" | "true" | "1" | "ja" | "j" => Ok("yes".into()),
            "n" | "no" | "false" | "0" | "nei" | "nej" => Ok("no".into()),
            _ => Err(bad(crate::t!("session.not_yes_no", value = v))),
        },
        ValueKind::Number => v
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(|_| v.to_string())
            .ok_or_else(|| bad(crate::t!("session.not_number", value = v))),
        ValueKind::Position => crate::rules::position(v).map(|(a, b)| format!("{a},{b}")),
        ValueKind::Path => {
            let p = Path::new(v);
            if p.exists() {
                Ok(v.to_string())
            } else {
                Err(bad(crate::t!("session.no_file", value = v)))
            }
        }
        ValueKind::Choice => {
            if choices.is_empty() || choices.iter().any(|c| c.id == v) {
                Ok(v.to_string())
            } else {
                let ids: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
                Err(bad(crate::t!(
                    "session.not_a_choice",
                    value = v,
                    choices = ids.join(", ")
                )))
            }
        }
        ValueKind::Text => Ok(v.to_string()),
        ValueKind::Mac => crate::rules::mac(v),
        ValueKind::Iccid => crate::rules::iccid(v),
        ValueKind::NetworkUrl => crate::rules::network_url(v),
        ValueKind::OcppUrl => crate::rules::ocpp_url(v),
        ValueKind::Photo => crate::rules::photo(v, false),
        ValueKind::LandscapePhoto => crate::rules::photo(v, true),
        ValueKind::Check => match crate::checklist::registry().item_by_key(def.key) {
            Some((_, item)) => crate::checklist::answer::check(item, v).map_err(bad),
            None => Ok(v.to_string()),
        },
    }
}

/// Parse `LAT,LON` in decimal degrees or degrees and minutes (`crate::rules::position`);
/// refuses out-of-range values and 0,0, with a hint when the two look swapped.
pub fn parse_position(v: &str) -> std::result::Result<(f64, f64), String> {
    crate::rules::position(v).map_err(|e| crate::rules::reason(&e))
}

pub use crate::station::escape_bytes;

static CURRENT: std::sync::OnceLock<std::sync::Mutex<Option<String>>> = std::sync::OnceLock::new();

fn set_current_session(id: &str) {
    let m = CURRENT.get_or_init(Default::default);
    if let Ok(mut g) = m.lock() {
        *g = Some(id.to_string());
    }
}

/// The id of the session running in this process, for the Ctrl-C handler's message.
pub fn current_session() -> Option<String> {
    CURRENT
        .get()
        .and_then(|m| m.lock().ok().and_then(|g| g.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        assert_eq!(parse_position("59.9, 10.7").unwrap(), (59.9, 10.7));
        assert!(parse_position("0,0").is_err());
        assert!(parse_position("91,0").is_err());
        assert!(parse_position("10").is_err());
        assert!(parse_position("a,b").is_err());
    }

    #[test]
    fn escape_shows_control_characters() {
        assert_eq!(
            escape_bytes(b"ID\r\nOK a=1\x07\\"),
            "ID\\r\\nOK a=1\\x07\\\\"
        );
    }

    #[test]
    fn confirm_values_normalise() {
        let d = keys::def("sim.swapped");
        assert_eq!(check_value(d, "Y", &[]).unwrap(), "yes");
        assert_eq!(check_value(d, "false", &[]).unwrap(), "no");
        assert!(check_value(d, "maybe", &[]).is_err());
    }

    #[test]
    fn photo_questions_have_their_rules() {
        crate::checklist::init().unwrap();
        let landscape = |key: &str| photo_rules(keys::def(key)).map(|r| (r.landscape, r.min_long));
        assert_eq!(landscape("before.photo"), Some((false, 640)));
        assert_eq!(landscape("pinpoint.photo"), Some((true, 640)));
        // a checklist item whose evidence is a photo: any JPEG or PNG
        assert_eq!(landscape("labels.photo"), Some((false, 1)));
        assert_eq!(landscape("safety.voltage"), None);
        assert_eq!(landscape("sim.kit_iccid"), None);
    }

    #[test]
    fn phases_are_eight_in_order() {
        assert_eq!(Phase::ALL.len(), 8);
        assert_eq!(Phase::from_name("sim"), Some(Phase::Sim));
        assert_eq!(Phase::Verify.number(), 8);
    }
}
