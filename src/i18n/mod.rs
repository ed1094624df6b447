//! Messages in the installer's language: English, Norwegian Bokmål, Swedish and Danish.
//!
//! Every user-facing text has a message id (`session.phase.account`, `sticker.label.mac`) and
//! its translations in a catalog under `locales/` (TOML, one table per id, one key per language,
//! `{name}` for an argument):
//!
//! ```toml
//! ["sticker.url"]
//! en = "QR code: {url}"
//! nb = "QR-kode: {url}"
//! sv = "QR-kod: {url}"
//! da = "QR-kode: {url}"
//! ```
//!
//! Code asks with [`t!`](crate::t): `t!("sticker.url", url = s.url)`. The language is
//! chosen once per process ([`set_lang`]): `--lang`, else the locale of the environment
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`), else English. A message missing in a language falls back to
//! English; a test lists every missing translation and every id used in code but not in a catalog.
//!
//! To add messages: add tables to the catalog of your area (or a new `locales/<area>.toml` and
//! one line in [`CATALOGS`]), then use the id with `t!`.
//!
//! A message about a count has two forms in each language, `one` (exactly 1) and `other`
//! (0, 2, 3 ...: the rule of English, Norwegian, Swedish and Danish alike), and is asked for
//! with [`tn!`](crate::tn), whose first argument is the count:
//!
//! ```toml
//! ["ports.found"]
//! en.one = "{count} serial port"
//! en.other = "{count} serial ports"
//! nb.one = "{count} seriellport"
//! nb.other = "{count} serielle porter"
//! ```
//!
//! `tn!("ports.found", count = ports.len())`. Elsewhere ([`Catalog::messages`]) such a message
//! reads as its `other` form.
//!
//! Arguments are filled in one pass: a `{name}` inside an argument's value is left as it is
//! (a question quoted in a message keeps its own slots).

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use serde::Serialize;

/// A language of the tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Nb,
    Sv,
    Da,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Nb, Lang::Sv, Lang::Da];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nb => "nb",
            Lang::Sv => "sv",
            Lang::Da => "da",
        }
    }

    /// The language of a `--lang` value or a POSIX locale (`nb_NO.UTF-8`, `sv_SE`, `da`).
    /// Norwegian (`no`) and Nynorsk (`nn`) read Bokmål. `None` for any other language.
    pub fn parse(s: &str) -> Option<Lang> {
        let lang = s
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match lang.as_str() {
            "en" => Some(Lang::En),
            "nb" | "no" | "nn" => Some(Lang::Nb),
            "sv" => Some(Lang::Sv),
            "da" => Some(Lang::Da),
            _ => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    fn from_index(i: u8) -> Lang {
        Lang::ALL.get(i as usize).copied().unwrap_or(Lang::En)
    }
}

/// The language of the environment's locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that
/// is set decides (as POSIX has it); a language the tool does not speak, `C` or `POSIX` is
/// English.
pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Some(v) = get(var).filter(|v| !v.trim().is_empty()) {
            return Lang::parse(v.trim()).unwrap_or(Lang::En);
        }
    }
    Lang::En
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// Choose the language of this process.
pub fn set_lang(l: Lang) {
    LANG.store(l.index() as u8, Ordering::SeqCst);
}

/// The language of this process.
pub fn lang() -> Lang {
    Lang::from_index(LANG.load(Ordering::SeqCst))
}

/// The catalogs built into the binary: (file under `locales/`, text).
pub const CATALOGS: &[(&str, &str)] = &[
    ("common.toml", include_str!("../../locales/common.toml")),
    (
        "vendortext.toml",
        include_str!("../../locales/vendortext.toml"),
    ),
    ("session.toml", include_str!("../../locales/session.toml")),
    (
        "questions.toml",
        include_str!("../../locales/questions.toml"),
    ),
    (
        "checklist.toml",
        include_str!("../../locales/checklist.toml"),
    ),
    ("sticker.toml", include_str!("../../locales/sticker.toml")),
    ("guided.toml", include_str!("../../locales/guided.toml")),
    ("station.toml", include_str!("../../locales/station.toml")),
    ("profiles.toml", include_str!("../../locales/profiles.toml")),
    ("tool.toml", include_str!("../../locales/tool.toml")),
    ("network.toml", include_str!("../../locales/network.toml")),
    ("records.toml", include_str!("../../locales/records.toml")),
    ("help.toml", include_str!("../../locales/help.toml")),
    ("validate.toml", include_str!("../../locales/validate.toml")),
    ("correct.toml", include_str!("../../locales/correct.toml")),
    ("safety.toml", include_str!("../../locales/safety.toml")),
    ("sessions.toml", include_str!("../../locales/sessions.toml")),
    ("waits.toml", include_str!("../../locales/waits.toml")),
    ("panics.toml", include_str!("../../locales/panics.toml")),
    ("text.toml", include_str!("../../locales/text.toml")),
    (
        "i13-records.toml",
        include_str!("../../locales/i13-records.toml"),
    ),
    ("bounds.toml", include_str!("../../locales/bounds.toml")),
    ("i14-gps.toml", include_str!("../../locales/i14-gps.toml")),
    (
        "i14-modbus.toml",
        include_str!("../../locales/i14-modbus.toml"),
    ),
    (
        "i14-console.toml",
        include_str!("../../locales/i14-console.toml"),
    ),
    ("i14-eva.toml", include_str!("../../locales/i14-eva.toml")),
];

/// One message in every language it has.
pub type Texts = [Option<String>; 4];

/// All messages by id.
pub struct Catalog {
    /// The text of each message (for a count message, its `other` form).
    pub messages: HashMap<String, Texts>,
    /// The `one` form of the count messages.
    pub one: HashMap<String, Texts>,
    /// Problems found while reading the catalogs (the tests fail on any).
    pub problems: Vec<String>,
}

impl Catalog {
    /// Parse catalogs; problems are collected, not fatal (a message falls back to its id).
    pub fn parse(files: &[(&str, &str)]) -> Catalog {
        let mut messages: HashMap<String, Texts> = HashMap::new();
        let mut one: HashMap<String, Texts> = HashMap::new();
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
                let mut texts: Texts = Default::default();
                let mut ones: Texts = Default::default();
                for (code, s) in langs {
                    let Some(l) = Lang::parse(code).filter(|l| l.code() == code) else {
                        problems.push(format!(
                            "locales/{name}: `{id}` has unknown language `{code}` (en, nb, sv, da)"
                        ));
                        continue;
                    };
                    match plural_forms(s) {
                        Ok((o, other)) => {
                            ones[l.index()] = o;
                            texts[l.index()] = Some(other);
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
                if messages.insert(id.clone(), texts).is_some() {
                    problems.push(format!("locales/{name}: `{id}` is defined twice"));
                }
                if counted {
                    one.insert(id.clone(), ones);
                }
            }
        }
        Catalog {
            messages,
            one,
            problems,
        }
    }

    /// The text of `id` in `lang`, else English.
    pub fn get(&self, id: &str, lang: Lang) -> Option<&str> {
        let t = self.messages.get(id)?;
        t[lang.index()].as_deref().or(t[0].as_deref())
    }

    /// The form of `id` for a count of `n` in `lang` (else English): `one` for exactly 1 where
    /// the message has one, else its text.
    pub fn get_n(&self, id: &str, n: u64, lang: Lang) -> Option<&str> {
        if n == 1
            && let Some(t) = self.one.get(id)
            && let Some(s) = t[lang.index()].as_deref().or(t[0].as_deref())
        {
            return Some(s);
        }
        self.get(id, lang)
    }
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

/// The built-in catalogs.
pub fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| Catalog::parse(CATALOGS))
}

/// Replace each `{name}` by its argument, in one pass: what an argument brings in is not
/// looked at again (a quoted question keeps its own `{value}`). A `{name}` without an argument
/// stays as it is.
pub fn fill(text: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let arg = after.find('}').and_then(|j| {
            let name = &after[..j];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (j, v.to_string()))
        });
        match arg {
            Some((j, v)) => {
                out.push_str(&v);
                rest = &after[j + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The message `id` in the process's language with its arguments filled in; the id itself when
/// no catalog has it (a test keeps that from happening).
pub fn tr(id: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    tr_in(lang(), id, args)
}

/// [`tr`] in a given language.
pub fn tr_in(lang: Lang, id: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill(catalog().get(id, lang).unwrap_or(id), args)
}

/// The form of the count message `id` for `n`, in the process's language, arguments filled in
/// (see [`tn!`](crate::tn)).
pub fn tr_n(id: &str, n: u64, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill(catalog().get_n(id, n, lang()).unwrap_or(id), args)
}

/// The message `id` in the process's language, else `english` (for texts whose English lives
/// next to their code, such as the questions of `session::keys`).
pub fn tr_or(id: &str, english: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let l = lang();
    let text = catalog()
        .messages
        .get(id)
        .and_then(|t| t[l.index()].as_deref())
        .unwrap_or(english);
    fill(text, args)
}

/// A message in the process's language: `t!("id")` or `t!("id", name = value, ...)`.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::tr($id, &[])
    };
    ($id:literal, $($name:ident = $val:expr),+ $(,)?) => {
        $crate::i18n::tr($id, &[$((stringify!($name), &$val as &dyn ::std::fmt::Display)),+])
    };
}

/// A message about a count, in the process's language: `tn!("id", count = n)` or
/// `tn!("id", count = n, name = value, ...)`; the `one` form when `n` is 1.
#[macro_export]
macro_rules! tn {
    ($id:literal, count = $n:expr $(, $name:ident = $val:expr)* $(,)?) => {{
        let n = $n;
        $crate::i18n::tr_n(
            $id,
            u64::try_from(n).unwrap_or(u64::MAX),
            &[("count", &n as &dyn ::std::fmt::Display)
                $(, (stringify!($name), &$val as &dyn ::std::fmt::Display))*],
        )
    }};
}

#[cfg(test)]
mod tests;
