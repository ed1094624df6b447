//! Reading the catalogs of `locales/*.toml` (see the module documentation of `i18n`). build.rs
//! uses this file to turn the catalogs into the Rust table the binary holds, so no TOML is
//! parsed at run time; the tests use it to check that table and the catalog rules.
//!
//! It stands alone (no `crate::` paths): build.rs includes it with `#[path]`.

use std::collections::BTreeMap;

/// The language codes, in the order of `i18n::Lang`.
pub const CODES: [&str; 4] = ["en", "nb", "sv", "da"];

/// One message as the catalogs give it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Source {
    /// Its text in each language of [`CODES`]; for a count message, the `other` form.
    pub text: [Option<String>; 4],
    /// The `one` forms of a count message.
    pub one: Option<[Option<String>; 4]>,
}

/// Every message of `files` (name, text) by id, and the problems found (a file that is not
/// TOML, an unknown language, an id defined twice, count forms in some languages only).
pub fn parse(files: &[(&str, &str)]) -> (BTreeMap<String, Source>, Vec<String>) {
    let mut messages = BTreeMap::new();
    let mut problems = Vec::new();
    for (name, text) in files {
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                problems.push(format!("locales/{name}: {}", e.message()));
                continue;
            }
        };
        for (id, v) in table {
            let Some(langs) = v.as_table() else {
                problems.push(format!(
                    "locales/{name}: `{id}` must be a table of languages"
                ));
                continue;
            };
            let mut texts: [Option<String>; 4] = Default::default();
            let mut ones: [Option<String>; 4] = Default::default();
            for (code, s) in langs {
                let Some(l) = CODES.iter().position(|c| c == code) else {
                    problems.push(format!(
                        "locales/{name}: `{id}` has unknown language `{code}` (en, nb, sv, da)"
                    ));
                    continue;
                };
                match plural_forms(s) {
                    Ok((o, other)) => {
                        ones[l] = o;
                        texts[l] = Some(other);
                    }
                    Err(why) => problems.push(format!("locales/{name}: `{id}.{code}` {why}")),
                }
            }
            let counted = ones.iter().any(Option::is_some);
            if counted
                && ones
                    .iter()
                    .zip(&texts)
                    .any(|(o, t)| o.is_none() && t.is_some())
            {
                problems.push(format!(
                    "locales/{name}: `{id}` has `one`/`other` forms in some languages only"
                ));
            }
            let message = Source {
                text: texts,
                one: counted.then_some(ones),
            };
            if messages.insert(id.clone(), message).is_some() {
                problems.push(format!("locales/{name}: `{id}` is defined twice"));
            }
        }
    }
    (messages, problems)
}

/// A language's value in a catalog: a text, or `{ one = "...", other = "..." }`.
fn plural_forms(v: &toml::Value) -> Result<(Option<String>, String), String> {
    if let Some(s) = v.as_str() {
        return Ok((None, s.to_string()));
    }
    let t = v
        .as_table()
        .ok_or_else(|| "must be a string or a table of `one` and `other`".to_string())?;
    let form = |k: &str| t.get(k).and_then(toml::Value::as_str).map(str::to_string);
    match (form("one"), form("other")) {
        (Some(one), Some(other)) if t.len() == 2 => Ok((Some(one), other)),
        _ => Err("must have exactly the strings `one` and `other`".to_string()),
    }
}

/// A text's place in the packed catalog: its first byte and its length; [`ABSENT`] for none.
pub type Span = (u32, u32);

/// The span of a text that is not there.
pub const ABSENT: Span = (u32::MAX, 0);

/// One message as the binary holds it: spans of its id, its four texts and its four `one`
/// forms, and whether it has `one` forms at all.
pub type Packed = ([Span; 9], bool);

/// The catalog in the form the binary holds it: every text once in one string, each message as
/// spans into it (integers only, so the table needs no relocation when the program starts).
/// Messages in the order given (by id).
pub fn pack(messages: &BTreeMap<String, Source>) -> (String, Vec<Packed>) {
    fn place<'a>(text: &mut String, seen: &mut HashMap<&'a str, Span>, s: Option<&'a str>) -> Span {
        let Some(s) = s else { return ABSENT };
        *seen.entry(s).or_insert_with(|| {
            let span = (text.len() as u32, s.len() as u32);
            text.push_str(s);
            span
        })
    }
    use std::collections::HashMap;
    let mut text = String::new();
    let mut seen = HashMap::new();
    let mut packed = Vec::with_capacity(messages.len());
    for (id, m) in messages {
        let mut spans = [ABSENT; 9];
        spans[0] = place(&mut text, &mut seen, Some(id));
        for (i, t) in m.text.iter().enumerate() {
            spans[1 + i] = place(&mut text, &mut seen, t.as_deref());
        }
        if let Some(one) = &m.one {
            for (i, t) in one.iter().enumerate() {
                spans[5 + i] = place(&mut text, &mut seen, t.as_deref());
            }
        }
        packed.push((spans, m.one.is_some()));
    }
    assert!(
        u32::try_from(text.len()).is_ok_and(|n| n < u32::MAX),
        "catalog over 4 GiB"
    );
    (text, packed)
}
