//! Reading a checklist file: TOML with spans, so every mistake names the file, the line and the
//! key (the approach of `session::answers`). The format is in docs/checklists.md.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{AppliesTo, Checklist, Evidence, Expect, Item, PHASES, Reading, Texts};
use crate::i18n::Lang;
use crate::session::answers::line_of;
use crate::{Error, Result};

const TOP_KEYS: &[&str] = &[
    "id",
    "version",
    "phase",
    "order",
    "gates",
    "title",
    "warning",
    "applies_to",
    "item",
];
const ITEM_KEYS: &[&str] = &[
    "id", "text", "help", "blocking", "allow_na", "evidence", "unit", "min", "max", "reading",
    "expect",
];
const EVIDENCE: &[&str] = &["confirmation", "number", "text", "photo", "reading"];

struct P<'a> {
    text: &'a str,
    source: &'a str,
}

type Value<'i> = Spanned<DeValue<'i>>;

impl P<'_> {
    fn err(&self, at: usize, key: &str, what: impl std::fmt::Display, help: &str) -> Error {
        Error::usage(
            "E_CHECKLIST",
            format!(
                "{}:{}: `{key}`: {what}",
                self.source,
                line_of(self.text, at)
            ),
        )
        .with_help(format!("{help} (docs/checklists.md)"))
    }

    fn table<'t, 'i>(&self, v: &'t Value<'i>, key: &str) -> Result<&'t DeTable<'i>> {
        v.get_ref().as_table().ok_or_else(|| {
            self.err(
                v.span().start,
                key,
                format!("must be a table, not {}", v.get_ref().type_str()),
                "write it as `[section]` or `{ ... }`",
            )
        })
    }

    fn string(&self, v: &Value, key: &str) -> Result<String> {
        match v.get_ref() {
            DeValue::String(s) if !s.trim().is_empty() => Ok(s.to_string()),
            DeValue::String(_) => Err(self.err(v.span().start, key, "is empty", "give it a value")),
            other => Err(self.err(
                v.span().start,
                key,
                format!("must be a string, not {}", other.type_str()),
                "put the value in quotes",
            )),
        }
    }

    fn boolean(&self, v: &Value, key: &str) -> Result<bool> {
        v.get_ref().as_bool().ok_or_else(|| {
            self.err(
                v.span().start,
                key,
                format!("must be true or false, not {}", v.get_ref().type_str()),
                "write true or false without quotes",
            )
        })
    }

    fn number(&self, v: &Value, key: &str) -> Result<f64> {
        let raw = match v.get_ref() {
            DeValue::Integer(i) => i.as_str().replace('_', ""),
            DeValue::Float(f) => f.as_str().replace('_', ""),
            other => {
                return Err(self.err(
                    v.span().start,
                    key,
                    format!("must be a number, not {}", other.type_str()),
                    "write a number without quotes, e.g. 10.0",
                ));
            }
        };
        raw.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or_else(|| {
                self.err(
                    v.span().start,
                    key,
                    format!("`{raw}` is not a finite number"),
                    "write a decimal number",
                )
            })
    }

    fn ident(&self, v: &Value, key: &str) -> Result<String> {
        let s = self.string(v, key)?;
        let ok = s.len() <= 40
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !ok {
            return Err(self.err(
                v.span().start,
                key,
                format!("`{s}` is not a valid id"),
                "use lower-case letters, digits and _ (it becomes an answers key), e.g. power_isolated",
            ));
        }
        Ok(s)
    }

    /// `{ en = "...", nb = "...", sv = "...", da = "..." }`, English required.
    fn texts(&self, v: &Value, key: &str) -> Result<Texts> {
        let t = self.table(v, key)?;
        let mut out = Texts::default();
        for (code, s) in t.iter() {
            let k = format!("{key}.{}", code.get_ref());
            let lang = Lang::ALL
                .into_iter()
                .find(|l| l.code() == code.get_ref().as_ref())
                .ok_or_else(|| {
                    self.err(
                        code.span().start,
                        &k,
                        "unknown language",
                        "the languages are en, nb, sv and da",
                    )
                })?;
            out.0[lang as usize] = Some(self.string(s, &k)?);
        }
        if out.0[0].is_none() {
            return Err(self.err(
                v.span().start,
                key,
                "has no English text",
                "add `en = \"...\"`: it is shown where a translation is missing",
            ));
        }
        Ok(out)
    }

    fn unknown(&self, t: &DeTable, known: &[&str], prefix: &str) -> Result<()> {
        for (k, _) in t.iter() {
            if !known.contains(&k.get_ref().as_ref()) {
                return Err(self.err(
                    k.span().start,
                    &format!("{prefix}{}", k.get_ref()),
                    "unknown key",
                    &format!("the keys here are: {}", known.join(", ")),
                ));
            }
        }
        Ok(())
    }
}

fn get<'t, 'i>(t: &'t DeTable<'i>, name: &str) -> Option<&'t Value<'i>> {
    t.iter()
        .find(|(k, _)| k.get_ref().as_ref() == name)
        .map(|(_, v)| v)
}

fn require<'t, 'i>(
    p: &P,
    t: &'t DeTable<'i>,
    name: &str,
    prefix: &str,
    at: usize,
) -> Result<&'t Value<'i>> {
    get(t, name).ok_or_else(|| {
        p.err(
            at,
            &format!("{prefix}{name}"),
            "is missing",
            &format!("add `{name} = ...`"),
        )
    })
}

/// Parse and check one checklist file; `source` names it in errors.
pub fn parse(text: &str, source: &str) -> Result<Checklist> {
    let p = P { text, source };
    let root = DeTable::parse(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
        Error::usage(
            "E_CHECKLIST",
            format!("{source}:{line}: not valid TOML: {}", e.message().trim()),
        )
        .with_help("fix the syntax at that line (docs/checklists.md)")
    })?;
    let top = root.get_ref();
    p.unknown(top, TOP_KEYS, "")?;
    let id = p.ident(require(&p, top, "id", "", 0)?, "id")?;
    let version = p.string(require(&p, top, "version", "", 0)?, "version")?;
    let pv = require(&p, top, "phase", "", 0)?;
    let phase = p.string(pv, "phase")?;
    if !PHASES.contains(&phase.as_str()) {
        return Err(p.err(
            pv.span().start,
            "phase",
            format!("`{phase}` is not a phase that runs checklists"),
            &format!("use one of {}", PHASES.join(", ")),
        ));
    }
    let order = match get(top, "order") {
        Some(v) => {
            let n = p.number(v, "order")?;
            if n.fract() != 0.0 {
                return Err(p.err(
                    v.span().start,
                    "order",
                    "must be a whole number",
                    "e.g. order = 50",
                ));
            }
            n as i64
        }
        None => 50,
    };
    let gates = match get(top, "gates") {
        Some(v) => {
            let g = p.string(v, "gates")?;
            let here = crate::session::Phase::from_name(&phase);
            match crate::session::Phase::from_name(&g) {
                Some(gp) if here.is_some_and(|h| gp > h) => Some(g),
                _ => {
                    return Err(p.err(
                        v.span().start,
                        "gates",
                        format!("`{g}` is not a phase after `{phase}`"),
                        "name the phase that must wait for this checklist, e.g. gates = \"sim\"",
                    ));
                }
            }
        }
        None => None,
    };
    let title = p.texts(require(&p, top, "title", "", 0)?, "title")?;
    let warning = get(top, "warning")
        .map(|v| p.texts(v, "warning"))
        .transpose()?;
    let mut applies_to = Vec::new();
    if let Some(v) = get(top, "applies_to") {
        let arr = v.get_ref().as_array().ok_or_else(|| {
            p.err(
                v.span().start,
                "applies_to",
                "must be a list of tables",
                "write [[applies_to]] sections",
            )
        })?;
        for (n, a) in arr.iter().enumerate() {
            let k = format!("applies_to[{n}]");
            let t = p.table(a, &k)?;
            p.unknown(t, &["manufacturer", "models"], &format!("{k}."))?;
            let manufacturer = p.string(
                require(&p, t, "manufacturer", &format!("{k}."), a.span().start)?,
                &format!("{k}.manufacturer"),
            )?;
            let mut models = Vec::new();
            if let Some(m) = get(t, "models") {
                let list = m.get_ref().as_array().ok_or_else(|| {
                    p.err(
                        m.span().start,
                        &format!("{k}.models"),
                        "must be a list of strings",
                        "e.g. models = [\"Copper SB\"]",
                    )
                })?;
                for (j, s) in list.iter().enumerate() {
                    models.push(p.string(s, &format!("{k}.models[{j}]"))?);
                }
            }
            applies_to.push(AppliesTo {
                manufacturer,
                models,
            });
        }
    }
    let iv = require(&p, top, "item", "", 0)?;
    let arr = iv
        .get_ref()
        .as_array()
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            p.err(
                iv.span().start,
                "item",
                "must be a non-empty list of items",
                "write each item as an [[item]] section",
            )
        })?;
    let mut items: Vec<Item> = Vec::new();
    for (n, v) in arr.iter().enumerate() {
        let at = v.span().start;
        let t = p.table(v, &format!("item[{n}]"))?;
        let idv = require(&p, t, "id", &format!("item[{n}]."), at)?;
        let item_id = p.ident(idv, &format!("item[{n}].id"))?;
        let k = format!("item.{item_id}");
        if items.iter().any(|i| i.id == item_id) {
            return Err(p.err(
                idv.span().start,
                &format!("{k}.id"),
                "is used twice",
                "give each item its own id",
            ));
        }
        p.unknown(t, ITEM_KEYS, &format!("{k}."))?;
        let text = p.texts(
            require(&p, t, "text", &format!("{k}."), at)?,
            &format!("{k}.text"),
        )?;
        let help = match get(t, "help") {
            Some(h) => p.texts(h, &format!("{k}.help"))?,
            None => Texts::default(),
        };
        let blocking = match get(t, "blocking") {
            Some(b) => p.boolean(b, &format!("{k}.blocking"))?,
            None => true,
        };
        let allow_na = match get(t, "allow_na") {
            Some(b) => p.boolean(b, &format!("{k}.allow_na"))?,
            None => false,
        };
        let ev = require(&p, t, "evidence", &format!("{k}."), at)?;
        let kind = p.string(ev, &format!("{k}.evidence"))?;
        let only = |names: &[&str]| -> Result<()> {
            for n in ["unit", "min", "max", "reading", "expect"] {
                if !names.contains(&n)
                    && let Some(v) = get(t, n)
                {
                    return Err(p.err(
                        v.span().start,
                        &format!("{k}.{n}"),
                        format!("does not go with evidence = \"{kind}\""),
                        "remove it, or change the evidence",
                    ));
                }
            }
            Ok(())
        };
        let evidence = match kind.as_str() {
            "confirmation" => {
                only(&[])?;
                Evidence::Confirmation
            }
            "text" => {
                only(&[])?;
                Evidence::Text
            }
            "photo" => {
                only(&[])?;
                Evidence::Photo
            }
            "number" => {
                only(&["unit", "min", "max"])?;
                let unit = p.string(
                    require(&p, t, "unit", &format!("{k}."), at)?,
                    &format!("{k}.unit"),
                )?;
                let min = get(t, "min")
                    .map(|v| p.number(v, &format!("{k}.min")))
                    .transpose()?;
                let max = get(t, "max")
                    .map(|v| p.number(v, &format!("{k}.max")))
                    .transpose()?;
                if let (Some(a), Some(b)) = (min, max)
                    && a > b
                {
                    return Err(p.err(
                        at,
                        &format!("{k}.min"),
                        format!("{a} is above max {b}"),
                        "min must not be above max",
                    ));
                }
                Evidence::Number { unit, min, max }
            }
            "reading" => {
                only(&["reading", "expect"])?;
                let rv = require(&p, t, "reading", &format!("{k}."), at)?;
                let rname = p.string(rv, &format!("{k}.reading"))?;
                let of = Reading::parse(&rname).ok_or_else(|| {
                    let names: Vec<&str> = Reading::ALL.iter().map(|(n, _)| *n).collect();
                    p.err(
                        rv.span().start,
                        &format!("{k}.reading"),
                        format!("`{rname}` is not a value the tool reads"),
                        &format!("use one of {}", names.join(", ")),
                    )
                })?;
                let expect = match get(t, "expect") {
                    None => None,
                    Some(v) => {
                        let e = p.string(v, &format!("{k}.expect"))?;
                        Some(match e.as_str() {
                            "empty" => Expect::Empty,
                            other => match other.strip_prefix("equals:") {
                                Some(x) if !x.trim().is_empty() => {
                                    Expect::Equals(x.trim().to_string())
                                }
                                _ => {
                                    return Err(p.err(v.span().start, &format!("{k}.expect"), format!("`{e}` is not an expectation"), "use \"empty\" or \"equals:VALUE\" (e.g. \"equals:connected\")"));
                                }
                            },
                        })
                    }
                };
                Evidence::Reading { of, expect }
            }
            other => {
                return Err(p.err(
                    ev.span().start,
                    &format!("{k}.evidence"),
                    format!("`{other}` is not an evidence kind"),
                    &format!("use one of {}", EVIDENCE.join(", ")),
                ));
            }
        };
        if blocking && help.is_empty() {
            return Err(p.err(
                at,
                &format!("{k}.help"),
                "is missing",
                "a blocking item says what to do when it fails: add [item.help] with en = \"...\"",
            ));
        }
        items.push(Item {
            key: format!("{id}.{item_id}"),
            id: item_id,
            text,
            help,
            blocking,
            allow_na,
            evidence,
        });
    }
    Ok(Checklist {
        id,
        version,
        phase,
        order,
        gates,
        title,
        warning,
        applies_to,
        items,
        source: source.to_string(),
    })
}

pub(super) fn with_source(mut c: Checklist, source: String) -> Checklist {
    c.source = source;
    c
}
