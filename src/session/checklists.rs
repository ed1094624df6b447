//! The checklists inside `renetwork`: each phase that has checklists (precheck, before, labels,
//! verify) runs those that apply to this station, item by item. Every answer is a session value
//! (key `<checklist>.<item>`, so a flag, the answers file or the prompt gives it); every item's
//! outcome and evidence is journaled (`checklist_item`); a passed checklist is an `action_done`
//! (`checklist.<id>`), so a resumed session does not run it again. A blocking item that fails
//! or is skipped stops the flow with what to do next, and is asked again on resume. A checklist
//! with `gates = "<phase>"` (the safety gate) must have passed before that phase starts.

use serde_json::{Value, json};

use super::prompt::Level;
use super::{Ask, Phase, Session};
use crate::checklist::answer::{
    Outcome, Status, choices, evaluate, outcome_reading, question, reading_text, withdrawal,
};
use crate::checklist::{self, Checklist, Evidence, Item, Reading};
use crate::{Error, Result, t};

impl Session<'_> {
    /// The station's manufacturer and model, once read.
    fn station_kind(&self) -> Option<(String, String)> {
        let v = self.facts.get("station.identity")?;
        Some((
            v.get("manufacturer")?.as_str()?.to_string(),
            v.get("model")?.as_str()?.to_string(),
        ))
    }

    fn applicable(&self, pred: impl Fn(&Checklist) -> bool) -> Vec<&'static Checklist> {
        let kind = self.station_kind();
        let station = kind.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
        checklist::registry()
            .lists
            .iter()
            .filter(|c| pred(c) && c.applies(station))
            .collect()
    }

    /// Run the checklists of `phase` that apply to this station; their results.
    pub(super) fn run_checklists(&mut self, phase: &str) -> Result<Value> {
        let mut out = Vec::new();
        for cl in self.applicable(|c| c.phase == phase) {
            out.push(self.run_checklist(cl)?);
        }
        Ok(Value::Array(out))
    }

    /// Before `phase` starts, every checklist that gates it must have passed in this session:
    /// one not yet run (a gate added to the config dir after its own phase was done) runs now,
    /// and stops the flow if it does not pass.
    pub(super) fn ensure_gates(&mut self, phase: Phase) -> Result<()> {
        for cl in self.applicable(|c| c.gates.as_deref() == Some(phase.name())) {
            if !self.actions.contains_key(&format!("checklist.{}", cl.id)) {
                self.notify(
                    Level::Warning,
                    t!(
                        "checklist.gate_closed",
                        phase = phase.name(),
                        title = cl.title.get()
                    ),
                );
                self.run_checklist(cl)?;
            }
        }
        Ok(())
    }

    fn run_checklist(&mut self, cl: &'static Checklist) -> Result<Value> {
        let action = format!("checklist.{}", cl.id);
        if let Some(done) = self.actions.get(&action) {
            return Ok(done.clone());
        }
        self.notify(
            Level::Info,
            crate::tn!(
                "checklist.heading",
                count = cl.items.len(),
                title = cl.title.get()
            ),
        );
        if let Some(w) = &cl.warning {
            self.notify(Level::Danger, w.get().to_string());
        }
        let mut outcomes: Vec<Outcome> = Vec::new();
        // items withdrawn in this run: asked again at the prompt, never from a flag or file
        let mut fresh: Vec<String> = Vec::new();
        let mut n = 0;
        while let Some(item) = cl.items.get(n) {
            let o = self.check_item(cl, item, fresh.contains(&item.key))?;
            let mut data = serde_json::to_value(&o).unwrap_or(Value::Null);
            data["version"] = json!(cl.version);
            self.event("checklist_item", data)?;
            if !o.status.clears() {
                if item.blocking {
                    // not kept: a resumed session asks again
                    if self.values.remove(&item.key).is_some() {
                        self.event("refused", json!({ "key": item.key }))?;
                    }
                    let withdrawn = self.withdraw(cl, item, &o)?;
                    if let Some(first) = withdrawn.first().filter(|_| self.prompter.can_ask()) {
                        // asked again in place, from the first withdrawn item to this one
                        let from = cl.items.iter().position(|i| i.key == *first).unwrap_or(n);
                        fresh.extend(cl.items[from..=n].iter().map(|i| i.key.clone()));
                        outcomes.truncate(from);
                        n = from;
                        continue;
                    }
                    let mut msg = t!(
                        "checklist.blocked",
                        title = cl.title.get(),
                        text = question(item, outcome_reading(&o).as_deref()),
                        status = o.status.word()
                    );
                    if let Some(d) = &o.detail {
                        msg.push_str(": ");
                        msg.push_str(d);
                    }
                    let mut help = t!(
                        "checklist.blocked_resume",
                        help = item.help.get(),
                        session = self.id
                    );
                    if !withdrawn.is_empty() {
                        let mut again = withdrawn.clone();
                        again.push(item.key.clone());
                        msg.push_str(". ");
                        msg.push_str(&t!("safety.withdrawn_give_again", keys = again.join(", ")));
                        help = t!(
                            "safety.withdrawn_resume",
                            help = item.help.get(),
                            set = again
                                .iter()
                                .map(|k| format!("--set {k}=…"))
                                .collect::<Vec<_>>()
                                .join(" "),
                            session = self.id
                        );
                    }
                    return Err(Error::blocked("E_CHECKLIST_BLOCKED", msg).with_help(help));
                }
                self.notify(
                    Level::Warning,
                    t!(
                        "checklist.advisory",
                        status = o.status.word(),
                        text = crate::checklist::answer::text(item, outcome_reading(&o).as_deref())
                    ),
                );
            }
            outcomes.push(o);
            n += 1;
        }
        let result = json!({
            "checklist": cl.id,
            "version": cl.version,
            "source": cl.source,
            "passed": true,
            "items": outcomes.iter().map(|o| json!({ "item": o.item, "status": o.status })).collect::<Vec<_>>(),
        });
        self.event("action_done", json!({ "action": action, "result": result }))?;
        self.actions.insert(action, result.clone());
        let done = if cl.gates.is_some() {
            t!("checklist.gate_passed")
        } else {
            t!("checklist.passed", title = cl.title.get())
        };
        self.notify(Level::Success, done);
        Ok(result)
    }

    /// A failed item proves the confirmations it `withdraws` false (a reading of 230 V: the
    /// power is not disconnected): each is withdrawn from the session's values and journaled
    /// (`withdrawn`, naming the reading), and the installer is told. The keys withdrawn.
    fn withdraw(&mut self, cl: &Checklist, item: &Item, o: &Outcome) -> Result<Vec<String>> {
        let Some(w) = withdrawal(cl, item, o) else {
            return Ok(Vec::new());
        };
        let mut keys = Vec::new();
        for i in &w.items {
            let was = self.values.remove(&i.key);
            self.event(
                "withdrawn",
                json!({ "key": i.key, "value": was, "by": item.key, "reading": w.reading }),
            )?;
            keys.push(i.key.clone());
        }
        self.notify(Level::Danger, w.notice);
        Ok(keys)
    }

    fn check_item(&mut self, cl: &Checklist, item: &Item, fresh: bool) -> Result<Outcome> {
        let reading = match &item.evidence {
            Evidence::Reading { of, .. } => self.checklist_reading(*of)?,
            _ => None,
        };
        if let (
            Evidence::Reading {
                expect: Some(_), ..
            },
            Some(r),
        ) = (&item.evidence, &reading)
        {
            return Ok(evaluate(&cl.id, item, None, Some(r)));
        }
        let shown = reading.as_ref().map(reading_text);
        // with nobody to ask, the demo answers a safety item itself: said, and journaled so
        let by_demo = item.safety
            && !fresh
            && !self.prompter.can_ask()
            && !self.values.contains_key(&item.key)
            && !self.inputs.flags.contains_key(&item.key)
            && (self.inputs.answers.as_ref()).is_none_or(|a| a.get(&item.key).is_none())
            && self.inputs.provided.contains_key(&item.key);
        let answer = self.value(
            &item.key,
            Ask {
                text: Some(question(item, shown.as_deref())),
                choices: choices(item),
                fresh,
                ..Ask::default()
            },
        )?;
        if by_demo {
            // the answer as the installer would have seen it: the choice's words, or the number
            // with its unit
            let shown = match &item.evidence {
                Evidence::Number { unit, .. } => format!("{answer} {unit}"),
                _ => choices(item)
                    .into_iter()
                    .find(|c| c.id == answer)
                    .map_or_else(|| answer.clone(), |c| c.label),
            };
            self.notify(
                Level::Warning,
                t!(
                    "safety.demo_answered",
                    text = question(item, None),
                    value = shown
                ),
            );
        }
        let mut o = evaluate(&cl.id, item, Some(&answer), reading.as_ref());
        if item.evidence == Evidence::Photo && o.status == Status::Pass {
            let stored = self.store_photo(&item.key.replace('.', "-"), &answer)?;
            o.evidence = json!({ "file": stored });
        }
        Ok(o)
    }

    /// A value the tool reads itself as an item's evidence; `None` when it cannot be read here.
    fn checklist_reading(&mut self, of: Reading) -> Result<Option<Value>> {
        Ok(match of {
            // a station that cannot tell its errors over the port (Wallbox): the installer looks
            Reading::StationErrors => match super::stationflow::read_errors(self)? {
                Some(errors) => {
                    self.fact("checklist.station_errors", json!(errors))?;
                    Some(json!(errors))
                }
                None => None,
            },
            other => other.from_facts(&self.facts),
        })
    }
}
