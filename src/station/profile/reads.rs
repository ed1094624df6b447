//! Steps that only read (issue 13 item 9): `station info`, `station status`, `station ocpp get`
//! and `modem check` (without `--set-apn`) run nothing but these steps, and each command of them
//! must be a reading command of the profile, checked when the profile loads (the command's fixed
//! text, its placeholders left empty) and again, with the values filled in, before anything is
//! sent in a read-only run.
//!
//! What reads is structural where the protocol says it (a Modbus read or write function), and
//! declared by the profile where only the manufacturer's document can say it: `[protocol].reads`,
//! regexes over the whole command as sent (a console line, a UDP datagram, `METHOD /path` of an
//! HTTP request). An HTTP method proves nothing by itself: go-e writes with a GET (`/api/set`),
//! a JSON-RPC station reads with a POST.

use super::requests::Kind;
use super::{Action, Profile, Seg};

/// The steps that only read the station.
pub const READ_STEPS: &[&str] = &[
    "identify",
    "read_state",
    "read_sim",
    "read_ocpp",
    "read_errors",
    "read_clock",
    "read_security",
    "wait_ready",
];

/// Whether `step` is one of [`READ_STEPS`].
pub fn is_read_step(step: &str) -> bool {
    READ_STEPS.contains(&step)
}

impl Profile {
    /// Whether the profile's `[protocol].reads` takes `command` whole.
    fn declared_read(&self, command: &str) -> bool {
        self.protocol.reads_re.iter().any(|re| {
            re.find(command)
                .is_some_and(|m| m.start() == 0 && m.end() == command.len())
        })
    }

    /// The command an action sends, as `[protocol].reads` sees it: `sent` is a line command's
    /// text with its values filled in (else the template is taken). `None`: a Modbus request or
    /// a wait for lines, judged by its kind.
    fn command_of(action: &Action, sent: Option<&str>) -> Option<String> {
        match action.kind() {
            Kind::ModbusRead | Kind::ModbusWrite => None,
            Kind::Http => action
                .http
                .as_ref()
                .map(|h| format!("{} {}", h.method.to_ascii_uppercase(), h.path)),
            Kind::Datagram => action.datagram.clone(),
            Kind::Line => sent.map(str::to_string).or_else(|| action.send.clone()),
        }
    }

    /// Whether an action only reads the station (see the module's notes).
    pub fn only_reads(&self, action: &Action, sent: Option<&str>) -> bool {
        match action.kind() {
            Kind::ModbusRead => true,
            Kind::ModbusWrite => false,
            _ => Self::command_of(action, sent).is_none_or(|c| self.declared_read(&c)),
        }
    }

    /// The first command of a reading step that is not a reading command: the step, the index
    /// of the command and what it sends.
    pub(super) fn check_reads(&self) -> std::result::Result<(), (Vec<Seg<'static>>, String)> {
        for (name, step) in &self.steps {
            let Some(name) = READ_STEPS.iter().find(|n| **n == name.as_str()) else {
                continue;
            };
            for (i, action) in step.run.iter().enumerate() {
                // Values are known only when the step runs (then the whole command is judged
                // again): here the command's fixed text is judged, its placeholders left empty.
                let fixed = action.send.as_deref().map(without_placeholders);
                if self.only_reads(action, fixed.as_deref()) {
                    continue;
                }
                let what = Self::command_of(action, None)
                    .unwrap_or_else(|| action.summary().unwrap_or_default());
                return Err((
                    vec![
                        Seg::Key("steps"),
                        Seg::Key(name),
                        Seg::Key("run"),
                        Seg::Idx(i),
                    ],
                    crate::t!(
                        "reads.not_a_read",
                        step = name,
                        n = i + 1,
                        command = what,
                        reads = if self.protocol.reads.is_empty() {
                            crate::t!("prof.profile.none")
                        } else {
                            self.protocol.reads.join("  ")
                        }
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// A command template with its `{name}` / `{name:pct}` placeholders left empty.
fn without_placeholders(template: &str) -> String {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"\{[A-Za-z_][A-Za-z0-9_]*(:[a-z]+)?\}").expect("constant regex")
    })
    .replace_all(template, "")
    .into_owned()
}

/// The error of a read-only run that was about to send a command that writes.
pub fn refused(vendor: &str, step: &str, command: &str) -> crate::Error {
    crate::Error::internal(
        "E_READ_ONLY",
        crate::t!(
            "reads.refused",
            vendor = vendor,
            step = step,
            command = command
        ),
    )
    .with_help(crate::t!("reads.refused.help", vendor = vendor))
}
