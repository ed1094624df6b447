//! The list of sessions (`evfield sessions`): each one's state read from its journal.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use super::journal;
use super::{Phase, State, sessions_dir};
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
    pub serial: Option<String>,
    /// The last failure, when the session stopped on one.
    pub error: Option<String>,
    /// The journal is damaged (other than a cut-short last line).
    pub damaged: bool,
    pub journal: PathBuf,
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
        serial: None,
        error: None,
        damaged: false,
        journal: path.to_path_buf(),
    };
    let mut done = std::collections::BTreeSet::new();
    let mut finished = false;
    let v = journal::verify_with(f, |e, _| {
        if s.started.is_none() {
            s.started = Some(e.time.clone());
            s.demo = e.data.get("demo").and_then(Value::as_bool).unwrap_or(false);
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
            "fact" if e.data.get("key").and_then(Value::as_str) == Some("station.identity") => {
                s.serial = e.data["value"]
                    .get("serial")
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            _ => {}
        }
    })
    .map_err(|e| Error::io(&crate::t!("rec.io.read_journal"), path, e))?;
    s.damaged = v.fault.as_ref().is_some_and(|f| !f.truncated);
    s.state = if finished {
        State::Done
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
    ids.iter()
        .map(|id| summarize(&root.join(id).join("journal.jsonl"), id))
        .collect()
}

/// The newest session that is not done (and not damaged).
pub fn newest_unfinished(data_dir: &Path) -> Result<Option<String>> {
    Ok(list(data_dir)?
        .into_iter()
        .rev()
        .find(|s| s.state != State::Done && !s.damaged)
        .map(|s| s.id))
}
