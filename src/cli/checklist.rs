//! `evfield checklist list|show|run`: the checklists on their own, outside a session.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use super::Ctx;
use crate::checklist::answer::{self, Outcome, Status};
use crate::checklist::{self, Checklist, Evidence};
use crate::session::answers::Answers;
use crate::session::keys;
use crate::session::prompt::{Level, NoTerminal, Notice, Prompter, Question, Terminal};
use crate::{Error, Result, t};

#[derive(Debug, Args)]
pub struct ChecklistArgs {
    #[command(subcommand)]
    pub command: ChecklistCommand,
}

#[derive(Debug, Subcommand)]
pub enum ChecklistCommand {
    /// List the checklists in use (built-in, or replaced and added from the config dir).
    List(ListArgs),
    /// Show one checklist's items, their evidence and their answers keys.
    Show {
        /// Checklist id (see `evfield checklist list`).
        id: String,
    },
    /// Go through one checklist: at the terminal, or answered by --set and --answers.
    Run(RunArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only the checklists that apply to this manufacturer's stations (with --model: that model).
    #[arg(long)]
    pub manufacturer: Option<String>,
    #[arg(long, requires = "manufacturer")]
    pub model: Option<String>,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Checklist id (see `evfield checklist list`).
    pub id: String,
    /// Answer an item as KEY=VALUE (e.g. `--set safety.voltage=0.1`); repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Answers file (TOML, as for `renetwork`; docs/answers.md).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
}

fn summary(c: &Checklist) -> serde_json::Value {
    json!({
        "id": c.id,
        "version": c.version,
        "phase": c.phase,
        "gates": c.gates,
        "title": c.title.get(),
        "items": c.items.len(),
        "blocking": c.items.iter().filter(|i| i.blocking).count(),
        "applies_to": c.applies_to,
        "source": c.source,
    })
}

/// The evidence of an item as `checklist show` prints it: the kind in the installer's language,
/// the unit, range and reading name as written in the file.
fn evidence_text(e: &Evidence) -> String {
    match e {
        Evidence::Number { unit, min, max } => t!(
            "checklist.cli.evidence.number",
            unit = unit,
            range = match (min, max) {
                (Some(a), Some(b)) => format!(" {a}..{b}"),
                (Some(a), None) => format!(" >= {a}"),
                (None, Some(b)) => format!(" <= {b}"),
                (None, None) => String::new(),
            }
        ),
        Evidence::Reading { of, .. } => t!("checklist.cli.evidence.reading", name = of.name()),
        Evidence::Confirmation => t!("checklist.cli.evidence.confirmation"),
        Evidence::Text => t!("checklist.cli.evidence.text"),
        Evidence::Photo => t!("checklist.cli.evidence.photo"),
    }
}

pub fn run(ctx: &mut Ctx, args: ChecklistArgs) -> Result<()> {
    let reg = checklist::init()?;
    match args.command {
        ChecklistCommand::List(a) => {
            let lists: Vec<&Checklist> = reg
                .lists
                .iter()
                .filter(|c| match &a.manufacturer {
                    None => true,
                    Some(m) => {
                        c.applies_to.is_empty()
                            || c.applies_to.iter().any(|x| {
                                x.manufacturer.eq_ignore_ascii_case(m.trim())
                                    && a.model.as_ref().is_none_or(|md| {
                                        x.models.is_empty()
                                            || x.models
                                                .iter()
                                                .any(|y| y.eq_ignore_ascii_case(md.trim()))
                                    })
                            })
                    }
                })
                .collect();
            let v: Vec<_> = lists.iter().map(|c| summary(c)).collect();
            ctx.out.result(&json!({ "checklists": v }), |_| {
                lists
                    .iter()
                    .map(|c| {
                        crate::tn!(
                            "checklist.cli.list_line",
                            count = c.items.len(),
                            id = format!("{:<20}", c.id),
                            phase = format!("{:<9}", c.phase),
                            title = c.title.get(),
                            source = if c.source.starts_with("built-in") {
                                String::new()
                            } else {
                                format!("  ({})", c.source)
                            }
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            Ok(())
        }
        ChecklistCommand::Show { id } => {
            let c = reg.require(&id)?;
            let items: Vec<_> = c
                .items
                .iter()
                .map(|i| {
                    json!({
                        "id": i.id,
                        "key": i.key,
                        "text": i.text.get(),
                        "help": i.help.get(),
                        "blocking": i.blocking,
                        "allow_na": i.allow_na,
                        "safety": i.safety,
                        "withdraws": i.withdraws,
                        "evidence": i.evidence,
                    })
                })
                .collect();
            let mut v = summary(c);
            v["warning"] = json!(c.warning.as_ref().map(|w| w.get()));
            v["items"] = json!(items);
            ctx.out.result(&v, |_| {
                let mut s = format!("{} ({} {}, {})\n", c.title.get(), c.id, c.version, c.source);
                if let Some(w) = &c.warning {
                    s.push_str(&format!("\n{}\n", w.get()));
                }
                for (n, i) in c.items.iter().enumerate() {
                    s.push_str(&format!(
                        "\n{:>2}. {}\n    {}  [{}{}]  {}\n",
                        n + 1,
                        i.text.get(),
                        i.key,
                        if i.blocking {
                            t!("checklist.cli.blocking")
                        } else {
                            t!("checklist.cli.advisory")
                        },
                        if i.allow_na {
                            t!("checklist.cli.na_allowed")
                        } else {
                            String::new()
                        },
                        evidence_text(&i.evidence)
                    ));
                }
                s
            });
            Ok(())
        }
        ChecklistCommand::Run(a) => run_one(ctx, reg.require(&a.id)?, &a),
    }
}

fn run_one(ctx: &mut Ctx, c: &Checklist, a: &RunArgs) -> Result<()> {
    let mut given: BTreeMap<String, (String, String)> = BTreeMap::new();
    if let Some(path) = &a.answers {
        let ans = Answers::load(path)?;
        for (k, v) in ans.values {
            given.insert(k, (v.value, format!("{}:{}", ans.source, v.line)));
        }
    }
    for s in &a.set {
        let (k, v) = s.split_once('=').ok_or_else(|| {
            Error::usage("E_SET", t!("checklist.cli.set_not_pair", value = s))
                .with_help(t!("checklist.cli.set_not_pair_help"))
        })?;
        let k = k.trim();
        if c.items.iter().all(|i| i.key != k) {
            let ks: Vec<&str> = c.items.iter().map(|i| i.key.as_str()).collect();
            return Err(Error::usage(
                "E_SET",
                t!("checklist.cli.set_not_item", key = k, id = c.id),
            )
            .with_help(t!("checklist.cli.set_not_item_help", keys = ks.join(", "))));
        }
        given.insert(k.to_string(), (v.to_string(), "--set".into()));
    }
    let json = ctx.out.json;
    let mut term = Terminal {
        color: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        phone: None,
    };
    let mut plain = NoTerminal {
        on_notice: move |n: &Notice| {
            if !json {
                eprintln!("{}", crate::output::safe_text(&n.text));
            }
        },
    };
    let prompter: &mut dyn Prompter = if ctx.interactive() {
        &mut term
    } else {
        &mut plain
    };
    let notice = |p: &mut dyn Prompter, level, text: String| {
        p.notify(&Notice {
            phase: "checklist".into(),
            level,
            text,
        })
    };
    notice(
        prompter,
        Level::Info,
        crate::tn!(
            "checklist.heading",
            count = c.items.len(),
            title = c.title.get()
        ),
    );
    if let Some(w) = &c.warning {
        notice(prompter, Level::Danger, w.get().to_string());
    }
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut blocked: Option<Error> = None;
    let mut n = 0;
    while let Some(item) = c.items.get(n) {
        n += 1;
        let def = keys::def(&item.key);
        let raw = match given.get(&item.key) {
            Some((v, whence)) => answer::check(item, v).map_err(|why| {
                Error::validation(
                    "E_BAD_VALUE",
                    t!(
                        "checklist.cli.bad_value",
                        key = item.key,
                        whence = whence,
                        why = why
                    ),
                )
                .with_help(def.how_to_give())
            })?,
            None if prompter.can_ask() => loop {
                let choices = answer::choices(item);
                let q = Question {
                    def,
                    text: answer::question(item, None),
                    default: None,
                    choices,
                };
                let v = prompter.ask(&q)?;
                match answer::check(item, &v) {
                    Ok(v) => break v,
                    Err(why) => notice(prompter, Level::Warning, why),
                }
            },
            None if !item.blocking => String::new(),
            None => return Err(crate::session::prompt::missing(def)),
        };
        let mut o = answer::evaluate(&c.id, item, Some(&raw), None);
        if item.evidence == Evidence::Photo && o.status == Status::Pass {
            let bytes = crate::pinpoint::photo::read_photo(raw.as_ref())?;
            o.evidence = json!({ "file": raw, "sha256": hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&bytes)) });
        }
        let line = t!(
            "checklist.item_result",
            status = o.status.word(),
            text = answer::text(item, None)
        );
        notice(
            prompter,
            if o.status.clears() {
                Level::Success
            } else {
                Level::Warning
            },
            line,
        );
        let stop = item.blocking && !o.status.clears();
        let withdrawn = answer::withdrawal(c, item, &o);
        if let Some(w) = &withdrawn {
            notice(prompter, Level::Danger, w.notice.clone());
        }
        if let Some(w) = withdrawn.as_ref().filter(|_| prompter.can_ask()) {
            // asked again at the prompt, from the first withdrawn item to this one
            let from = c
                .items
                .iter()
                .position(|i| w.items.iter().any(|x| x.key == i.key))
                .unwrap_or(n - 1);
            for i in &c.items[from..n] {
                given.remove(&i.key);
            }
            outcomes.truncate(from);
            n = from;
            continue;
        }
        if stop {
            let mut msg = t!(
                "checklist.blocked",
                title = c.title.get(),
                text = answer::question(item, None),
                status = o.status.word()
            );
            if let Some(d) = &o.detail {
                msg.push_str(": ");
                msg.push_str(d);
            }
            if let Some(w) = &withdrawn {
                let mut again: Vec<&str> = w.items.iter().map(|i| i.key.as_str()).collect();
                again.push(&item.key);
                msg.push_str(". ");
                msg.push_str(&t!("safety.withdrawn_give_again", keys = again.join(", ")));
            }
            blocked = Some(
                Error::blocked("E_CHECKLIST_BLOCKED", msg)
                    .with_help(t!("checklist.blocked_rerun", help = item.help.get())),
            );
        }
        outcomes.push(o);
        if stop {
            break;
        }
    }
    let passed = blocked.is_none();
    let result = json!({
        "checklist": c.id,
        "version": c.version,
        "lang": crate::i18n::lang(),
        "passed": passed,
        "items": outcomes,
    });
    ctx.out.result(&result, |_| {
        if passed {
            t!("checklist.passed", title = c.title.get())
        } else {
            String::new()
        }
    });
    match blocked {
        Some(e) => Err(e),
        None => Ok(()),
    }
}
