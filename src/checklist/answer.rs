//! Answers to checklist items and what they mean: the accepted forms, the check of a number
//! against its range, "not applicable" with its reason, a skip, and a reading against its
//! expectation.
//!
//! An answer is text (so it fits a flag, an answers file and a prompt alike):
//! `yes`/`no` (also `true`/`false`, `ja`/`nei`/`nej`), a number (a decimal comma is accepted,
//! the unit may follow), free text, a file path, `n/a: <reason>`, or `skip`.

use serde::Serialize;
use serde_json::{Value, json};

use super::{Evidence, Expect, Item};
use crate::t;
use crate::vocab::Choice;

/// How an item ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Pass,
    Fail,
    NotApplicable,
    Skipped,
}

impl Status {
    /// Whether the flow may go on past this item when it is blocking.
    pub fn clears(self) -> bool {
        matches!(self, Status::Pass | Status::NotApplicable)
    }

    pub fn word(self) -> String {
        match self {
            Status::Pass => t!("checklist.status.pass"),
            Status::Fail => t!("checklist.status.fail"),
            Status::NotApplicable => t!("checklist.status.na"),
            Status::Skipped => t!("checklist.status.skipped"),
        }
    }
}

/// Yes or no in the words installers type.
pub fn parse_yes_no(v: &str) -> Option<bool> {
    match v.trim().to_lowercase().as_str() {
        "y" | "yes" | "true" | "1" | "ja" | "j" | "ok" => Some(true),
        "n" | "no" | "false" | "0" | "nei" | "nej" => Some(false),
        _ => None,
    }
}

/// A number as typed on site: `0.2`, `0,2`, `0.2 V`.
pub fn parse_number(v: &str, unit: &str) -> Option<f64> {
    let v = v.trim();
    let v = v
        .strip_suffix(unit)
        .or_else(|| v.strip_suffix(&unit.to_lowercase()))
        .unwrap_or(v)
        .trim()
        .replace(',', ".");
    v.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// The reason of a "not applicable" answer (`n/a: reason`, `na: reason`, `n/a - reason`).
pub fn na_reason(v: &str) -> Option<&str> {
    let l = v.trim_start();
    let lower = l.to_ascii_lowercase();
    for p in ["n/a", "na", "not applicable", "i/a", "e/t"] {
        if let Some(rest) = lower.strip_prefix(p)
            && (rest.is_empty() || rest.starts_with([':', ' ', '-']))
        {
            let cut = l.len() - rest.len();
            return Some(l[cut..].trim_start_matches([':', ' ', '-']).trim());
        }
    }
    None
}

fn is_skip(v: &str) -> bool {
    matches!(
        v.trim().to_lowercase().as_str(),
        "skip" | "hopp over" | "hoppa över" | "spring over"
    )
}

/// Check an answer for an item and give it its normal form; the error says what is wrong.
pub fn check(item: &Item, raw: &str) -> Result<String, String> {
    let v = raw.trim();
    if v.is_empty() {
        return if item.blocking {
            Err(t!("checklist.answer.required"))
        } else {
            Ok(String::new())
        };
    }
    if is_skip(v) {
        if item.safety {
            return Err(t!("safety.answer.no_skip"));
        }
        return Ok("skip".into());
    }
    if let Some(reason) = na_reason(v) {
        if !item.allow_na {
            return Err(t!("checklist.answer.na_not_allowed"));
        }
        if reason.is_empty() {
            return Err(t!("checklist.answer.na_reason"));
        }
        return Ok(format!("n/a: {reason}"));
    }
    match &item.evidence {
        Evidence::Confirmation | Evidence::Reading { .. } => match parse_yes_no(v) {
            Some(true) => Ok("yes".into()),
            Some(false) => Ok("no".into()),
            None => Err(t!("checklist.answer.not_yes_no", value = v)),
        },
        Evidence::Number { unit, .. } => parse_number(v, unit)
            .map(|n| n.to_string())
            .ok_or_else(|| t!("checklist.answer.not_number", value = v, unit = unit)),
        Evidence::Text => Ok(v.to_string()),
        Evidence::Photo => {
            if std::path::Path::new(v).is_file() {
                Ok(v.to_string())
            } else {
                Err(t!("checklist.answer.no_file", value = v))
            }
        }
    }
}

/// The choices offered at the terminal for a yes/no item (none for numbers, text, photos).
pub fn choices(item: &Item) -> Vec<Choice> {
    if !matches!(
        item.evidence,
        Evidence::Confirmation | Evidence::Reading { .. }
    ) {
        return Vec::new();
    }
    let mut v = vec![
        Choice {
            id: "yes".into(),
            label: t!("checklist.choice.yes"),
        },
        Choice {
            id: "no".into(),
            label: t!("checklist.choice.no"),
        },
    ];
    if item.allow_na {
        v.push(Choice {
            id: "n/a".into(),
            label: t!("checklist.choice.na"),
        });
    }
    if !item.safety {
        v.push(Choice {
            id: "skip".into(),
            label: t!("checklist.choice.skip"),
        });
    }
    v
}

/// Whether `key` answers a safety item: nothing is proposed for it (no default, no preselected
/// choice, no demo answer at the prompt), so a bare Enter never confirms it.
pub fn is_safety(key: &str) -> bool {
    super::registry()
        .item_by_key(key)
        .is_some_and(|(_, i)| i.safety)
}

/// The result of one item, as journaled and reported.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub checklist: String,
    pub item: String,
    pub key: String,
    pub blocking: bool,
    pub status: Status,
    /// The answer in its normal form, when one was given.
    pub answer: Option<String>,
    /// The reason of "not applicable".
    pub reason: Option<String>,
    /// What was measured, read or stored (number with unit, reading, photo file).
    pub evidence: Value,
    /// Why it failed, in the installer's language.
    pub detail: Option<String>,
}

fn range_text(min: Option<f64>, max: Option<f64>, unit: &str) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{a} … {b} {unit}"),
        (Some(a), None) => format!("≥ {a} {unit}"),
        (None, Some(b)) => format!("≤ {b} {unit}"),
        (None, None) => unit.to_string(),
    }
}

/// An item's text with what was read in its `{value}` (`reading`), or words saying it was not
/// read.
pub fn text(item: &Item, reading: Option<&str>) -> String {
    let unread;
    let value = match reading {
        Some(r) => r,
        None => {
            unread = t!("text.reading.unread");
            &unread
        }
    };
    crate::i18n::fill(item.text.get(), &[("value", &value)])
}

/// The question put for an item (`reading`: what was read, shown as `{value}`).
pub fn question(item: &Item, reading: Option<&str>) -> String {
    let mut q = text(item, reading);
    if let Evidence::Number { unit, min, max } = &item.evidence {
        q.push_str(&format!(" ({})", range_text(*min, *max, unit)));
    }
    if item.allow_na {
        q.push_str(&format!(" [{}]", t!("checklist.answer.na_hint")));
    }
    q
}

/// The confirmations a failed item proves false (its `withdraws`), the reading that proved it
/// (`230 V`) and the notice that tells the installer.
pub struct Withdrawal<'c> {
    pub items: Vec<&'c Item>,
    pub reading: String,
    pub notice: String,
}

/// What the failure `o` of `item` withdraws in `checklist`; `None` when it withdraws nothing.
pub fn withdrawal<'c>(
    checklist: &'c super::Checklist,
    item: &Item,
    o: &Outcome,
) -> Option<Withdrawal<'c>> {
    if item.withdraws.is_empty() || o.status.clears() {
        return None;
    }
    let reading = match (&item.evidence, &o.evidence["value"]) {
        (Evidence::Number { unit, .. }, Value::Number(v)) => {
            format!("{} {unit}", v.as_f64().unwrap_or(f64::NAN))
        }
        (_, Value::Null) => o.answer.clone().unwrap_or_default(),
        (_, v) => reading_text(v),
    };
    let items: Vec<&Item> = checklist
        .items
        .iter()
        .filter(|i| item.withdraws.contains(&i.id))
        .collect();
    let texts: Vec<String> = items
        .iter()
        .map(|i| t!("safety.quoted", text = i.text.get()))
        .collect();
    let notice = t!(
        "safety.withdrawn",
        reading = reading,
        text = question(item, None),
        items = texts.join("; ")
    );
    Some(Withdrawal {
        items,
        reading,
        notice,
    })
}

/// Whether a reading meets an expectation.
pub fn meets(reading: &Value, expect: &Expect) -> bool {
    match expect {
        Expect::Empty => match reading {
            Value::Null => true,
            Value::Array(a) => a.is_empty(),
            Value::String(s) => s.trim().is_empty() || s.eq_ignore_ascii_case("none"),
            _ => false,
        },
        Expect::Equals(x) => reading.as_str().is_some_and(|s| s.eq_ignore_ascii_case(x)),
    }
}

/// What an outcome's evidence says was read, as text (for the item's `{value}`).
pub fn outcome_reading(o: &Outcome) -> Option<String> {
    o.evidence
        .get("reading")
        .and(o.evidence.get("value"))
        .map(reading_text)
}

/// A reading as a short text for questions and messages.
pub fn reading_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) if a.is_empty() => t!("checklist.reading.none"),
        Value::Array(a) => a
            .iter()
            .map(|x| {
                x.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| x.to_string())
            })
            .collect::<Vec<_>>()
            .join("; "),
        Value::Null => t!("checklist.reading.none"),
        other => other.to_string(),
    }
}

/// Evaluate an item from its answer (normal form, see [`check`]) and, for readings, what the
/// tool read. A reading with an expectation decides alone.
pub fn evaluate(
    checklist: &str,
    item: &Item,
    answer: Option<&str>,
    reading: Option<&Value>,
) -> Outcome {
    let mut o = Outcome {
        checklist: checklist.to_string(),
        item: item.id.clone(),
        key: item.key.clone(),
        blocking: item.blocking,
        status: Status::Fail,
        answer: answer.map(str::to_string),
        reason: None,
        evidence: Value::Null,
        detail: None,
    };
    if let (
        Evidence::Reading {
            of,
            expect: Some(exp),
        },
        Some(r),
    ) = (&item.evidence, reading)
    {
        o.evidence = json!({ "reading": of.name(), "value": r });
        if meets(r, exp) {
            o.status = Status::Pass;
        } else {
            o.detail = Some(t!("checklist.reading.unexpected", value = reading_text(r)));
        }
        return o;
    }
    if let (Evidence::Reading { of, .. }, Some(r)) = (&item.evidence, reading) {
        o.evidence = json!({ "reading": of.name(), "value": r });
    }
    let a = answer.unwrap_or("").trim();
    if a.is_empty() || a == "skip" {
        o.status = Status::Skipped;
        o.answer = None;
        return o;
    }
    if let Some(reason) = na_reason(a) {
        o.status = Status::NotApplicable;
        o.reason = Some(reason.to_string());
        return o;
    }
    match &item.evidence {
        Evidence::Confirmation | Evidence::Reading { .. } => {
            o.status = if a == "yes" {
                Status::Pass
            } else {
                Status::Fail
            };
        }
        Evidence::Number { unit, min, max } => {
            let n = parse_number(a, unit).unwrap_or(f64::NAN);
            o.evidence = json!({ "value": n, "unit": unit, "min": min, "max": max });
            let inside = min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m);
            if inside {
                o.status = Status::Pass;
            } else {
                o.detail = Some(t!(
                    "checklist.number.outside",
                    value = format!("{n} {unit}"),
                    range = range_text(*min, *max, unit)
                ));
            }
        }
        Evidence::Text => {
            o.status = Status::Pass;
            o.evidence = json!({ "text": a });
        }
        Evidence::Photo => {
            o.status = Status::Pass;
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checklist::{Reading, Texts};

    fn item(evidence: Evidence, blocking: bool, allow_na: bool) -> Item {
        Item {
            id: "x".into(),
            key: "c.x".into(),
            text: Texts([Some("Reading {value}".into()), None, None, None]),
            help: Texts::default(),
            blocking,
            allow_na,
            safety: false,
            withdraws: Vec::new(),
            evidence,
        }
    }

    /// A blocking multimeter reading, -10 to 10 V.
    fn volt() -> Item {
        item(
            Evidence::Number {
                unit: "V".into(),
                min: Some(-10.0),
                max: Some(10.0),
            },
            true,
            false,
        )
    }

    #[test]
    fn answers_take_their_normal_form() {
        let c = item(Evidence::Confirmation, true, true);
        assert_eq!(check(&c, "J").unwrap(), "yes");
        assert_eq!(check(&c, "nei").unwrap(), "no");
        assert_eq!(check(&c, "N/A: no screen").unwrap(), "n/a: no screen");
        assert_eq!(check(&c, "na - no screen").unwrap(), "n/a: no screen");
        assert!(check(&c, "n/a").is_err(), "not applicable needs a reason");
        assert_eq!(check(&c, "skip").unwrap(), "skip");
        assert!(check(&c, "maybe").is_err());
        assert!(check(&c, "").is_err(), "a blocking item needs an answer");
        let strict = item(Evidence::Confirmation, true, false);
        assert!(check(&strict, "n/a: because").is_err());
        let v = volt();
        assert_eq!(check(&v, "0,2 V").unwrap(), "0.2");
        assert!(check(&v, "low").is_err());
    }

    /// A safety item cannot be skipped or left empty, and offers neither "skip" nor, unless
    /// the file allows it, "not applicable"; other items keep "skip".
    #[test]
    fn safety_items_offer_no_skip() {
        let mut s = item(Evidence::Confirmation, true, false);
        s.safety = true;
        assert!(check(&s, "skip").is_err());
        assert!(check(&s, "hopp over").is_err());
        assert!(check(&s, "").is_err());
        assert_eq!(check(&s, "ja").unwrap(), "yes");
        let ids: Vec<String> = choices(&s).into_iter().map(|c| c.id).collect();
        assert_eq!(ids, ["yes", "no"]);
        let plain = item(Evidence::Confirmation, true, false);
        assert_eq!(check(&plain, "skip").unwrap(), "skip");
        assert!(choices(&plain).iter().any(|c| c.id == "skip"));
        let mut v = volt();
        v.safety = true;
        assert!(check(&v, "skip").is_err());
        assert!(choices(&v).is_empty());
    }

    #[test]
    fn numbers_pass_inside_their_range_only() {
        let v = volt();
        assert_eq!(evaluate("s", &v, Some("0.2"), None).status, Status::Pass);
        let o = evaluate("s", &v, Some("230"), None);
        assert_eq!(o.status, Status::Fail);
        assert_eq!(o.evidence["value"], 230.0);
        assert!(o.detail.unwrap().contains("230"));
        assert_eq!(
            evaluate("s", &v, Some("skip"), None).status,
            Status::Skipped
        );
        assert!(!Status::Skipped.clears() && !Status::Fail.clears());
        assert!(Status::NotApplicable.clears());
    }

    #[test]
    fn readings_with_an_expectation_decide_alone() {
        let r = item(
            Evidence::Reading {
                of: Reading::StationErrors,
                expect: Some(Expect::Empty),
            },
            true,
            false,
        );
        assert_eq!(
            evaluate("v", &r, None, Some(&json!([]))).status,
            Status::Pass
        );
        let o = evaluate("v", &r, Some("yes"), Some(&json!(["E12 RCD tripped"])));
        assert_eq!(
            o.status,
            Status::Fail,
            "a typed yes does not beat the station"
        );
        assert!(o.detail.unwrap().contains("E12"));
        // nothing read: the person's confirmation counts
        assert_eq!(evaluate("v", &r, Some("yes"), None).status, Status::Pass);
        let c = item(
            Evidence::Reading {
                of: Reading::NetworkOcpp,
                expect: Some(Expect::Equals("connected".into())),
            },
            true,
            false,
        );
        assert_eq!(
            evaluate("v", &c, None, Some(&json!("Connected"))).status,
            Status::Pass
        );
        assert_eq!(
            evaluate("v", &c, None, Some(&json!("connecting"))).status,
            Status::Fail
        );
        let m = item(
            Evidence::Reading {
                of: Reading::StationMac,
                expect: None,
            },
            true,
            false,
        );
        assert_eq!(question(&m, Some("02:EF")), "Reading 02:EF");
    }
}
