//! The list of sessions (`evfield sessions`): each one's state read from its journal.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use crate::journal;
use crate::paths::sessions_dir;
use crate::vocab::{Phase, State};
use crate::{Error, Result};

/// One line of `evfield sessions`.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub id: String,
    pub state: State,
    /// The first phase not done (for sessions in progress or failed).
    pub step: Option<String>,
    pub started: Option<String>,
    pub updated: Option<String>,
    pub demo: bool,
    /// The site the session belongs to (`renetwork --site`), when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    pub serial: Option<String>,
    /// The last failure, when the session stopped on one.
    pub error: Option<String>,
    /// The journal is damaged (other than a cut-short last line).
    pub damaged: bool,
    pub journal: PathBuf,
    /// Why and when it was abandoned (`evfield sessions abandon`), when it was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abandoned: Option<Abandoned>,
    /// What the journal says about the station and the network, to find a session for the same
    /// station (`renetwork` offers to resume it).
    #[serde(skip)]
    pub known: Known,
    /// The session's answers of the site's keys (`sites::SITE_KEYS`), as last answered.
    #[serde(skip)]
    pub site_values: std::collections::BTreeMap<String, String>,
    /// The station's position as last answered (`pinpoint.gps`), for its site's area.
    #[serde(skip)]
    pub position: Option<String>,
}

/// An abandoned session's record.
#[derive(Debug, Clone, Serialize)]
pub struct Abandoned {
    pub reason: String,
    /// When it was abandoned (the event's time).
    pub at: String,
}

/// Where a session's station is and which network it moves to, as far as its journal tells.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Known {
    pub network: Option<String>,
    pub port: Option<String>,
    pub address: Option<String>,
    pub vendor: Option<String>,
    /// The serial read from the station, else the one given for the type plate.
    pub serial: Option<String>,
    pub mac: Option<String>,
}

/// Read one session's summary from its journal (streamed; memory stays flat).
pub fn summarize(path: &Path, id: &str) -> Result<Summary> {
    let f = std::fs::File::open(path)
        .map_err(|e| Error::io(&crate::t!("rec.io.open_journal"), path, e))?;
    let mut s = Summary {
        id: id.to_string(),
        state: State::InProgress,
        step: None,
        started: None,
        updated: None,
        demo: false,
        site: None,
        serial: None,
        error: None,
        damaged: false,
        journal: path.to_path_buf(),
        abandoned: None,
        known: Known::default(),
        site_values: Default::default(),
        position: None,
    };
    let mut done = std::collections::BTreeSet::new();
    let mut finished = false;
    let mut answers = std::collections::BTreeMap::<String, String>::new();
    let mut stand_in = std::collections::BTreeSet::<String>::new();
    let mut identity: Option<Value> = None;
    let v = journal::verify_with(f, |e, _| {
        if s.started.is_none() {
            s.started = Some(e.time.clone());
            s.demo = e.data.get("demo").and_then(Value::as_bool).unwrap_or(false);
            s.site = str_of(&e.data, "site");
        }
        s.updated = Some(e.time.clone());
        match e.kind.as_str() {
            "step_done" => {
                done.insert(e.step.clone());
                s.error = None;
            }
            "step_failed" => {
                s.error = e
                    .data
                    .get("message")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            }
            "step_started" | "session_resumed" => s.error = None,
            "session_done" => finished = true,
            "session_abandoned" => {
                s.abandoned = Some(Abandoned {
                    reason: str_of(&e.data, "reason").unwrap_or_default(),
                    at: e.time.clone(),
                })
            }
            "fact" if e.data.get("key").and_then(Value::as_str) == Some("station.identity") => {
                s.serial = str_of(&e.data["value"], "serial");
                identity = Some(e.data["value"].clone());
            }
            "answer" => {
                if let (Some(k), Some(v)) = (str_of(&e.data, "key"), str_of(&e.data, "value")) {
                    // the demo rig's stand-in values (its sandbox's address, its account) are
                    // not a place's
                    if str_of(&e.data, "source").as_deref() == Some("demo") {
                        stand_in.insert(k.clone());
                    } else {
                        stand_in.remove(&k);
                    }
                    answers.insert(k, v);
                }
            }
            "refused" => {
                if let Some(k) = str_of(&e.data, "key") {
                    answers.remove(&k);
                }
            }
            _ => {}
        }
    })
    .map_err(|e| Error::io(&crate::t!("rec.io.read_journal"), path, e))?;
    s.damaged = v.fault.as_ref().is_some_and(|f| !f.truncated);
    let answer = |k: &str| answers.get(k).filter(|v| !v.is_empty()).cloned();
    s.site_values = super::sites::SITE_KEYS
        .iter()
        .filter(|k| !stand_in.contains(**k))
        .filter_map(|k| answer(k).map(|v| (k.to_string(), v)))
        .collect();
    s.position = answer("pinpoint.gps").filter(|_| !stand_in.contains("pinpoint.gps"));
    let read = |k: &str| identity.as_ref().and_then(|i| str_of(i, k));
    s.known = Known {
        network: answer("network.url"),
        port: answer("station.port"),
        address: answer("station.address"),
        vendor: answer("station.vendor"),
        serial: read("serial")
            .or_else(|| answer("station.serial"))
            .or_else(|| answer("pinpoint.serial_plate")),
        mac: read("mac").or_else(|| answer("station.mac")),
    };
    s.state = if finished {
        State::Done
    } else if s.abandoned.is_some() {
        State::Abandoned
    } else if s.error.is_some() {
        State::Failed
    } else {
        State::InProgress
    };
    if !finished {
        s.step = Phase::ALL
            .into_iter()
            .find(|p| !done.contains(p.name()))
            .map(|p| p.name().to_string());
    }
    Ok(s)
}

/// Every session under the data directory, oldest first.
pub fn list(data_dir: &Path) -> Result<Vec<Summary>> {
    let root = sessions_dir(data_dir);
    let rd = match std::fs::read_dir(&root) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&crate::t!("rec.io.list_sessions"), &root, e)),
    };
    let mut ids: Vec<String> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("journal.jsonl").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    ids.sort();
    let mut all = ids
        .iter()
        .map(|id| summarize(&root.join(id).join("journal.jsonl"), id))
        .collect::<Result<Vec<_>>>()?;
    // in the order they were started: ids have a second's precision, and two sessions of one
    // second (a demo site's stations) would otherwise be in no order
    all.sort_by(|a, b| {
        let started = |s: &Summary| s.started.clone().unwrap_or_default();
        started(a).cmp(&started(b)).then_with(|| a.id.cmp(&b.id))
    });
    Ok(all)
}

fn str_of(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_string)
}

impl Summary {
    /// Whether `--resume` can take it up: neither done nor abandoned, and not damaged.
    pub fn resumable(&self) -> bool {
        matches!(self.state, State::InProgress | State::Failed) && !self.damaged
    }
}

/// The newest session that can be resumed (not done, not abandoned, not damaged).
pub fn newest_unfinished(data_dir: &Path) -> Result<Option<String>> {
    Ok(list(data_dir)?
        .into_iter()
        .rev()
        .find(Summary::resumable)
        .map(|s| s.id))
}

/// The session `--resume` without an id takes up: the newest one neither done nor abandoned.
/// When that one is damaged it is an error (exit code 6) naming it, never a silent "no
/// unfinished session" or a step back to an older one. A session stopped while its first event
/// was being written (newer than every other) is named too: resuming it says it never started.
pub fn newest_to_resume(data_dir: &Path) -> Result<Option<String>> {
    let all = list(data_dir)?;
    let unborn = newest_unborn(data_dir);
    if let Some(u) = unborn
        && all.last().is_none_or(|s| s.id < u)
    {
        return Ok(Some(u));
    }
    let newest = all
        .into_iter()
        .rev()
        .find(|s| matches!(s.state, State::InProgress | State::Failed));
    match newest {
        Some(s) if s.damaged => Err(Error::journal(
            "E_SESSION_DAMAGED",
            crate::t!(
                "panics.resume.damaged",
                id = s.id,
                journal = s.journal.display()
            ),
        )
        .with_help(crate::t!(
            "panics.resume.damaged.help",
            journal = s.journal.display()
        ))),
        s => Ok(s.map(|s| s.id)),
    }
}

/// The newest session folder whose journal never got its first event (see
/// [`crate::journal::unborn_path`]).
fn newest_unborn(data_dir: &Path) -> Option<String> {
    std::fs::read_dir(sessions_dir(data_dir))
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| {
            let j = e.path().join("journal.jsonl");
            !j.exists() && crate::journal::unborn_path(&j).exists()
        })
        .filter_map(|e| e.file_name().into_string().ok())
        .max()
}

/// A session that never started (stopped in the middle of its first event): its folder holds
/// nothing but the cut first line and the lock, and is removed, under the session's lock (a
/// process creating it right now holds that lock: then that is the error). The answer is an
/// error naming the session and saying to start again.
pub fn never_started(data_dir: &Path, id: &str) -> Error {
    let dir = sessions_dir(data_dir).join(id);
    let journal = dir.join("journal.jsonl");
    let lock = match crate::journal::lock_session(&journal) {
        Ok(lock) => lock,
        Err(e) => return e,
    };
    let _ = std::fs::remove_file(crate::journal::unborn_path(&journal));
    // an old-style journal whose only line was cut short
    if std::fs::metadata(&journal).is_ok_and(|m| m.len() < crate::journal::MAX_LINE as u64)
        && crate::journal::verify(&journal).is_ok_and(|v| v.events == 0)
    {
        let _ = std::fs::remove_file(&journal);
    }
    let _ = std::fs::remove_file(crate::journal::lock_path(&journal));
    drop(lock);
    // only when nothing else is in it
    let _ = std::fs::remove_dir(&dir);
    Error::usage(
        "E_SESSION_NEVER_STARTED",
        crate::t!("unborn.never_started", id = id, dir = dir.display()),
    )
    .with_help(crate::t!("unborn.never_started.help"))
}

/// Abandon a session: a `session_abandoned` event with the reason is appended to its journal (the
/// chain stays whole), the files stay for support, and `--resume` refuses it from then on.
pub fn abandon(data_dir: &Path, id: &str, reason: &str) -> Result<Summary> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(no_reason_error(id));
    }
    let path = journal_of(data_dir, id)?;
    let (mut journal, events, dropped) = journal::Journal::open(&path)?;
    if events.iter().any(|e| e.kind == "session_done") {
        return Err(Error::usage(
            "E_SESSION_DONE",
            crate::t!("sessions.abandon.done", id = id),
        )
        .with_help(crate::t!("sessions.abandon.done.help")));
    }
    if let Some(e) = events.iter().find(|e| e.kind == "session_abandoned") {
        return Err(abandoned_error(
            id,
            &e.time,
            &str_of(&e.data, "reason").unwrap_or_default(),
        ));
    }
    let done: std::collections::BTreeSet<&str> = events
        .iter()
        .filter(|e| e.kind == "step_done")
        .map(|e| e.step.as_str())
        .collect();
    let step = Phase::ALL
        .into_iter()
        .find(|p| !done.contains(p.name()))
        .map(Phase::name);
    journal.append(
        "session",
        "session_abandoned",
        serde_json::json!({ "reason": reason, "step": step, "repaired_bytes": dropped }),
    )?;
    drop(journal);
    summarize(&path, id)
}

/// The journal of session `id`; the error names the sessions folder when there is none.
fn journal_of(data_dir: &Path, id: &str) -> Result<PathBuf> {
    let root = sessions_dir(data_dir);
    let path = root.join(id).join("journal.jsonl");
    // an id is a folder name: no separators, no `..`
    let plain = !id.is_empty() && !id.contains(['/', '\\']) && id != "." && id != "..";
    if plain && path.is_file() {
        return Ok(path);
    }
    Err(Error::usage(
        "E_NO_SESSION",
        crate::t!("rec.session.not_found", id = id, dir = root.display()),
    )
    .with_help(crate::t!("rec.session.not_found.help")))
}

/// The error for a session that was abandoned: it cannot be resumed or abandoned again.
pub fn abandoned_error(id: &str, at: &str, reason: &str) -> Error {
    Error::usage(
        "E_SESSION_ABANDONED",
        crate::t!("sessions.abandoned", id = id, at = at, reason = reason),
    )
    .with_help(crate::t!("sessions.abandoned.help"))
}

/// The error for an abandonment without a reason.
pub fn no_reason_error(id: &str) -> Error {
    Error::usage("E_ABANDON_REASON", crate::t!("sessions.abandon.no_reason"))
        .with_help(crate::t!("sessions.abandon.no_reason.help", id = id))
}

/// The idempotency keys of the session's pinpoint submissions still waiting in the outbox
/// (`evfield sync` would send them).
pub fn outbox_waiting(data_dir: &Path, id: &str) -> Result<Vec<String>> {
    Ok(crate::network::outbox::Outbox::new(data_dir)
        .list()?
        .into_iter()
        .filter(|e| e.session_id.as_deref() == Some(id) && e.state.open())
        .map(|e| e.key)
        .collect())
}

#[cfg(test)]
mod order_tests {
    use super::*;

    /// Two sessions of one second: listed in the order they started, not by their ids' random
    /// part (`--resume` without an id takes the newest).
    #[test]
    fn sessions_of_one_second_are_listed_in_the_order_they_started() {
        let d = tempfile::tempdir().unwrap();
        let root = sessions_dir(d.path());
        for id in ["20261203-120000-zzzzzz", "20261203-120000-aaaaaa"] {
            std::fs::create_dir_all(root.join(id)).unwrap();
            let mut j = journal::Journal::create(&root.join(id).join("journal.jsonl")).unwrap();
            j.append(
                "session",
                "session_started",
                serde_json::json!({ "session_id": id }),
            )
            .unwrap();
            // the journal's clock (milliseconds) moves on between the two
            let before = chrono::Utc::now().timestamp_millis();
            while chrono::Utc::now().timestamp_millis() == before {
                std::hint::spin_loop();
            }
        }
        let ids: Vec<String> = list(d.path()).unwrap().into_iter().map(|s| s.id).collect();
        assert_eq!(ids, ["20261203-120000-zzzzzz", "20261203-120000-aaaaaa"]);
        assert_eq!(
            newest_unfinished(d.path()).unwrap().as_deref(),
            Some("20261203-120000-aaaaaa")
        );
    }
}
