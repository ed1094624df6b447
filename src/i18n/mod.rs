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
    (
        "i13-records.toml",
        include_str!("../../locales/i13-records.toml"),
    ),
];

/// One message in every language it has.
pub type Texts = [Option<String>; 4];

/// All messages by id.
pub struct Catalog {
    pub messages: HashMap<String, Texts>,
    /// Problems found while reading the catalogs (the tests fail on any).
    pub problems: Vec<String>,
}

impl Catalog {
    /// Parse catalogs; problems are collected, not fatal (a message falls back to its id).
    pub fn parse(files: &[(&str, &str)]) -> Catalog {
        let mut messages: HashMap<String, Texts> = HashMap::new();
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
                for (code, s) in langs {
                    match (Lang::parse(code).filter(|l| l.code() == code), s.as_str()) {
                        (Some(l), Some(s)) => texts[l.index()] = Some(s.to_string()),
                        (None, _) => problems.push(format!(
                            "locales/{name}: `{id}` has unknown language `{code}` (en, nb, sv, da)"
                        )),
                        (_, None) => {
                            problems.push(format!("locales/{name}: `{id}.{code}` must be a string"))
                        }
                    }
                }
                if messages.insert(id.clone(), texts).is_some() {
                    problems.push(format!("locales/{name}: `{id}` is defined twice"));
                }
            }
        }
        Catalog { messages, problems }
    }

    /// The text of `id` in `lang`, else English.
    pub fn get(&self, id: &str, lang: Lang) -> Option<&str> {
        let t = self.messages.get(id)?;
        t[lang.index()].as_deref().or(t[0].as_deref())
    }
}

/// The built-in catalogs.
pub fn catalog() -> &'static Catalog {
    static C: OnceLock<Catalog> = OnceLock::new();
    C.get_or_init(|| Catalog::parse(CATALOGS))
}

/// Replace each `{name}` by its argument.
pub fn fill(text: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = text.to_string();
    for (name, v) in args {
        let pat = format!("{{{name}}}");
        if out.contains(&pat) {
            out = out.replace(&pat, &v.to_string());
        }
    }
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

#[cfg(test)]
mod tests;
