//! Reading a checklist file: TOML with spans, so every mistake names the file, the line and the
//! key (the approach of `session::answers`). The format is in docs/checklists.md.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{AppliesTo, Checklist, Evidence, Expect, Item, PHASES, Reading, Texts};
use crate::i18n::Lang;
use crate::paths::line_of;
use crate::{Error, Result, t};

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
    "id",
    "text",
    "help",
    "blocking",
    "allow_na",
    "safety",
    "withdraws",
    "evidence",
    "unit",
    "min",
    "max",
    "reading",
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
            t!(
                "checklist.load.err",
                source = self.source,
                line = line_of(self.text, at),
                key = key,
                what = what
            ),
        )
        .with_help(t!("checklist.load.help", help = help))
    }

    fn table<'t, 'i>(&self, v: &'t Value<'i>, key: &str) -> Result<&'t DeTable<'i>> {
        v.get_ref().as_table().ok_or_else(|| {
            self.err(
                v.span().start,
                key,
                t!("checklist.load.not_table", type = type_word(v.get_ref())),
                &t!("checklist.load.not_table_help"),
            )
        })
    }

    fn string(&self, v: &Value, key: &str) -> Result<String> {
        match v.get_ref() {
            DeValue::String(s) if !s.trim().is_empty() => Ok(s.to_string()),
            DeValue::String(_) => Err(self.err(
                v.span().start,
                key,
                t!("checklist.load.empty"),
                &t!("checklist.load.empty_help"),
            )),
            other => Err(self.err(
                v.span().start,
                key,
                t!("checklist.load.not_string", type = type_word(other)),
                &t!("checklist.load.not_string_help"),
            )),
        }
    }

    fn boolean(&self, v: &Value, key: &str) -> Result<bool> {
        v.get_ref().as_bool().ok_or_else(|| {
            self.err(
                v.span().start,
                key,
                t!("checklist.load.not_bool", type = type_word(v.get_ref())),
                &t!("checklist.load.not_bool_help"),
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
                    t!("checklist.load.not_number", type = type_word(other)),
                    &t!("checklist.load.not_number_help"),
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
                    t!("checklist.load.not_finite", value = raw),
                    &t!("checklist.load.not_finite_help"),
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
                t!("checklist.load.bad_id", value = s),
                &t!("checklist.load.bad_id_help"),
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
                        t!("checklist.load.unknown_lang"),
                        &t!("checklist.load.unknown_lang_help"),
                    )
                })?;
            out.0[lang as usize] = Some(self.string(s, &k)?);
        }
        if out.0[0].is_none() {
            return Err(self.err(
                v.span().start,
                key,
                t!("checklist.load.no_english"),
                &t!("checklist.load.no_english_help"),
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
                    t!("checklist.load.unknown_key"),
                    &t!("checklist.load.unknown_key_help", keys = known.join(", ")),
                ));
            }
        }
        Ok(())
    }
}

/// The TOML type of a value, in the installer's language.
fn type_word(v: &DeValue) -> String {
    match v.type_str() {
        "string" => t!("checklist.load.type.string"),
        "integer" => t!("checklist.load.type.integer"),
        "float" => t!("checklist.load.type.float"),
        "boolean" => t!("checklist.load.type.boolean"),
        "datetime" => t!("checklist.load.type.datetime"),
        "array" => t!("checklist.load.type.array"),
        "table" => t!("checklist.load.type.table"),
        other => other.to_string(),
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
            t!("checklist.load.missing"),
            &t!("checklist.load.missing_help", name = name),
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
            t!(
                "checklist.load.not_toml",
                source = source,
                line = line,
                why = e.message().trim()
            ),
        )
        .with_help(t!("checklist.load.not_toml_help"))
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
            t!("checklist.load.not_phase", value = phase),
            &t!("checklist.load.use_one_of", list = PHASES.join(", ")),
        ));
    }
    let order = match get(top, "order") {
        Some(v) => {
            let n = p.number(v, "order")?;
            if n.fract() != 0.0 {
                return Err(p.err(
                    v.span().start,
                    "order",
                    t!("checklist.load.not_whole"),
                    &t!("checklist.load.not_whole_help"),
                ));
            }
            n as i64
        }
        None => 50,
    };
    let gates = match get(top, "gates") {
        Some(v) => {
            let g = p.string(v, "gates")?;
            let here = crate::vocab::Phase::from_name(&phase);
            match crate::vocab::Phase::from_name(&g) {
                Some(gp) if here.is_some_and(|h| gp > h) => Some(g),
                _ => {
                    return Err(p.err(
                        v.span().start,
                        "gates",
                        t!("checklist.load.not_later_phase", value = g, phase = phase),
                        &t!("checklist.load.not_later_phase_help"),
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
                t!("checklist.load.not_table_list"),
                &t!("checklist.load.not_table_list_help"),
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
                        t!("checklist.load.not_string_list"),
                        &t!("checklist.load.not_string_list_help"),
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
                t!("checklist.load.no_items"),
                &t!("checklist.load.no_items_help"),
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
                t!("checklist.load.twice"),
                &t!("checklist.load.twice_help"),
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
                        t!("checklist.load.not_with_evidence", kind = kind),
                        &t!("checklist.load.not_with_evidence_help"),
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
                        t!("checklist.load.min_above_max", min = a, max = b),
                        &t!("checklist.load.min_above_max_help"),
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
                        t!("checklist.load.not_reading", value = rname),
                        &t!("checklist.load.use_one_of", list = names.join(", ")),
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
                                    return Err(p.err(
                                        v.span().start,
                                        &format!("{k}.expect"),
                                        t!("checklist.load.not_expect", value = e),
                                        &t!("checklist.load.not_expect_help"),
                                    ));
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
                    t!("checklist.load.not_evidence", value = other),
                    &t!("checklist.load.use_one_of", list = EVIDENCE.join(", ")),
                ));
            }
        };
        if blocking && help.is_empty() {
            return Err(p.err(
                at,
                &format!("{k}.help"),
                t!("checklist.load.missing"),
                &t!("checklist.load.help_missing_help"),
            ));
        }
        let safety = match get(t, "safety") {
            Some(b) => p.boolean(b, &format!("{k}.safety"))?,
            None => false,
        };
        if safety && !blocking {
            return Err(p.err(
                at,
                &format!("{k}.blocking"),
                t!("safety.load.not_blocking"),
                &t!("safety.load.not_blocking_help"),
            ));
        }
        let withdraws = match get(t, "withdraws") {
            Some(v) => withdrawn_ids(&p, v, &format!("{k}.withdraws"), &evidence, &items)?,
            None => Vec::new(),
        };
        items.push(Item {
            key: format!("{id}.{item_id}"),
            id: item_id,
            text,
            help,
            blocking,
            allow_na,
            safety,
            withdraws,
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

/// The `withdraws` list of an item: ids of earlier confirmation items of the same checklist,
/// on an item whose evidence can prove them false (a number or a reading).
fn withdrawn_ids(
    p: &P,
    v: &Value,
    key: &str,
    evidence: &Evidence,
    earlier: &[Item],
) -> Result<Vec<String>> {
    if !matches!(evidence, Evidence::Number { .. } | Evidence::Reading { .. }) {
        return Err(p.err(
            v.span().start,
            key,
            t!("safety.load.withdraws_not_measured", kind = evidence.kind()),
            &t!("safety.load.withdraws_not_measured_help"),
        ));
    }
    let list = v.get_ref().as_array().ok_or_else(|| {
        p.err(
            v.span().start,
            key,
            t!("checklist.load.not_string_list"),
            &t!("checklist.load.not_string_list_help"),
        )
    })?;
    let mut ids = Vec::new();
    for (j, s) in list.iter().enumerate() {
        let k = format!("{key}[{j}]");
        let id = p.string(s, &k)?;
        match earlier.iter().find(|i| i.id == id) {
            None => {
                let names: Vec<&str> = earlier.iter().map(|i| i.id.as_str()).collect();
                return Err(p.err(
                    s.span().start,
                    &k,
                    t!("safety.load.withdraws_unknown", id = id),
                    &t!("safety.load.withdraws_unknown_help", ids = names.join(", ")),
                ));
            }
            Some(i) if i.evidence != Evidence::Confirmation => {
                return Err(p.err(
                    s.span().start,
                    &k,
                    t!(
                        "safety.load.withdraws_not_confirmation",
                        id = id,
                        kind = i.evidence.kind()
                    ),
                    &t!("safety.load.withdraws_not_confirmation_help"),
                ));
            }
            Some(_) if ids.contains(&id) => {
                return Err(p.err(
                    s.span().start,
                    &k,
                    t!("checklist.load.twice"),
                    &t!("checklist.load.twice_help"),
                ));
            }
            Some(_) => ids.push(id),
        }
    }
    Ok(ids)
}

pub(super) fn with_source(mut c: Checklist, source: String) -> Checklist {
    c.source = source;
    c
}
