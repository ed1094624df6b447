//! The installer-facing texts of a vendor profile (instructions, prompts, guided steps, the
//! manufacturer's refusal, description and notes): a plain string, the same in every language
//! (a field engineer's own profile), or a table of languages with English required:
//!
//! ```toml
//! title.en = "Set OCPP in the app"
//! title.nb = "Still inn OCPP i appen"
//! instructions.en = ["Open the app.", "URL: {url}"]
//! instructions.sv = ["Öppna appen.", "URL: {url}"]
//! ```
//!
//! Shown in the process's language ([`crate::i18n::lang`]), else in English. Serialised (for
//! `--json`) as the text in the run's language, the same shape as a plain string.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::{self, Lang};

/// One text: a string, or language code → string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    Plain(String),
    Langs(BTreeMap<String, String>),
}

/// A list of lines (guided instructions): a list of strings, or language code → list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextList {
    Plain(Vec<String>),
    Langs(BTreeMap<String, Vec<String>>),
}

impl Default for Text {
    fn default() -> Self {
        Text::Plain(String::new())
    }
}

impl Default for TextList {
    fn default() -> Self {
        TextList::Plain(Vec::new())
    }
}

fn pick<T>(map: &BTreeMap<String, T>, lang: Lang) -> Option<&T> {
    map.get(lang.code()).or_else(|| map.get(Lang::En.code()))
}

impl Text {
    /// The text in the process's language, else English.
    pub fn get(&self) -> &str {
        self.get_in(i18n::lang())
    }

    pub fn get_in(&self, lang: Lang) -> &str {
        match self {
            Text::Plain(s) => s,
            Text::Langs(m) => pick(m, lang).map(String::as_str).unwrap_or(""),
        }
    }

    /// Whether the field was left out (an empty plain string).
    pub fn is_unset(&self) -> bool {
        matches!(self, Text::Plain(s) if s.is_empty())
    }
}

impl TextList {
    /// The lines in the process's language, else English.
    pub fn get(&self) -> &[String] {
        self.get_in(i18n::lang())
    }

    pub fn get_in(&self, lang: Lang) -> &[String] {
        match self {
            TextList::Plain(v) => v,
            TextList::Langs(m) => pick(m, lang).map(Vec::as_slice).unwrap_or(&[]),
        }
    }

    /// Every language's lines (a plain list once), for checks that concern all of them.
    pub fn all(&self) -> Vec<&[String]> {
        match self {
            TextList::Plain(v) => vec![v.as_slice()],
            TextList::Langs(m) => m.values().map(Vec::as_slice).collect(),
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.get()
    }
}

impl std::ops::Deref for TextList {
    type Target = [String];
    fn deref(&self) -> &[String] {
        self.get()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Plain(s.to_string())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.get())
    }
}

impl Serialize for TextList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&crate::t!("vtext.expect_text"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text::Plain(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    out.insert(k, v);
                }
                Ok(Text::Langs(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for TextList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TextList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&crate::t!("vtext.expect_list"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TextList, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s);
                }
                Ok(TextList::Plain(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TextList, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, Vec<String>>()? {
                    out.insert(k, v);
                }
                Ok(TextList::Langs(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// A text field of a profile, for checks and the list of missing translations.
#[derive(Debug, Clone, Copy)]
pub enum TextRef<'a> {
    One(&'a Text),
    List(&'a TextList),
}

/// `{name}` and `{name:filter}` placeholders of a text (anything else in braces is not one).
pub fn names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('}') else { break };
        let inner = &rest[..close];
        let name = inner.split(':').next().unwrap_or("");
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            out.insert(format!("{{{inner}}}"));
        }
        rest = &rest[close + 1..];
    }
    out
}

fn list(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        crate::t!("prof.profile.none")
    } else {
        set.iter().cloned().collect::<Vec<_>>().join(", ")
    }
}

impl TextRef<'_> {
    /// The language codes this text has; `None` for a plain string (every language).
    pub fn langs(&self) -> Option<Vec<&str>> {
        match self {
            TextRef::One(Text::Langs(m)) => Some(m.keys().map(String::as_str).collect()),
            TextRef::List(TextList::Langs(m)) => Some(m.keys().map(String::as_str).collect()),
            _ => None,
        }
    }

    /// Check a table of languages: known codes, English present, the same placeholders (and for
    /// a list, as many lines) in every language as in English. `Err((code, message))`: `code`
    /// is the language key at fault, if one.
    pub fn check(&self, key: &str) -> Result<(), (Option<String>, String)> {
        let Some(codes) = self.langs() else {
            return Ok(());
        };
        let known: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        for c in &codes {
            if !known.contains(c) {
                return Err((
                    Some(c.to_string()),
                    crate::t!(
                        "vtext.unknown_lang",
                        key = format!("{key}.{c}"),
                        code = c,
                        known = known.join(", ")
                    ),
                ));
            }
        }
        if !codes.contains(&"en") {
            return Err((None, crate::t!("vtext.no_english", key = key)));
        }
        match self {
            TextRef::One(Text::Langs(m)) => {
                let en = names(&m["en"]);
                for (c, s) in m {
                    let got = names(s);
                    if got != en {
                        return Err((
                            Some(c.clone()),
                            crate::t!(
                                "vtext.placeholders",
                                key = format!("{key}.{c}"),
                                got = list(&got),
                                en = list(&en)
                            ),
                        ));
                    }
                }
            }
            TextRef::List(TextList::Langs(m)) => {
                let en = &m["en"];
                for (c, lines) in m {
                    if lines.len() != en.len() {
                        return Err((
                            Some(c.clone()),
                            crate::t!(
                                "vtext.lines",
                                key = format!("{key}.{c}"),
                                got = lines.len(),
                                en = en.len()
                            ),
                        ));
                    }
                    for (i, (l, e)) in lines.iter().zip(en).enumerate() {
                        let (got, want) = (names(l), names(e));
                        if got != want {
                            return Err((
                                Some(c.clone()),
                                crate::t!(
                                    "vtext.placeholders",
                                    key = format!("{key}.{c}[{}]", i + 1),
                                    got = list(&got),
                                    en = list(&want)
                                ),
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The languages of the tool this text lacks (a plain string lacks all but English).
    pub fn missing(&self) -> Vec<Lang> {
        let codes = self.langs().unwrap_or_else(|| vec!["en"]);
        Lang::ALL
            .into_iter()
            .filter(|l| !codes.contains(&l.code()))
            .collect()
    }
}
