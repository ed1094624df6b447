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
//! To add messages: add tables to the catalog of your area (or a new `locales/<area>.toml`:
//! every file there is built in), then use the id with `t!`. build.rs turns the catalogs into
//! a sorted Rust table ([`catalog`]), so no TOML is read when the tool runs; what is wrong in a
//! catalog is a build warning and fails the tests.
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
//! `tn!("ports.found", count = ports.len())`. Elsewhere ([`Catalog::get`]) such a message
//! reads as its `other` form.
//!
//! Arguments are filled in one pass: a `{name}` inside an argument's value is left as it is
//! (a question quoted in a message keeps its own slots).

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

/// One message of the catalogs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Message {
    pub id: &'static str,
    /// Its text in each language (`Lang` order; `None`: not translated); for a count message,
    /// the `other` form.
    pub text: [Option<&'static str>; 4],
    /// The `one` forms of a count message.
    pub one: Option<[Option<&'static str>; 4]>,
}

/// The catalogs of `locales/*.toml`, turned into Rust by build.rs (src/i18n/source.rs reads
/// them): every file there is built in.
mod compiled {
    include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));
}

/// The catalog files built in (names under `locales/`).
pub fn catalog_files() -> &'static [&'static str] {
    compiled::FILES
}

/// All messages: every text once in one string, each message as spans of it (see
/// [`source::pack`]: a table of integers, which the program does not relocate when it starts).
pub struct Catalog {
    text: &'static str,
    /// Every message, sorted by id.
    packed: &'static [source::Packed],
    /// Problems found while reading the catalogs (the tests fail on any).
    pub problems: &'static [&'static str],
}

impl Catalog {
    fn span(&self, (start, len): source::Span) -> Option<&'static str> {
        let text = self.text;
        ((start, len) != source::ABSENT)
            .then(|| text.get(start as usize..start as usize + len as usize))
            .flatten()
    }

    fn unpack(&self, (spans, one): &source::Packed) -> Message {
        let forms = |from: usize| std::array::from_fn(|i| self.span(spans[from + i]));
        Message {
            id: self.span(spans[0]).unwrap_or_default(),
            text: forms(1),
            one: one.then(|| forms(5)),
        }
    }

    /// Every message, sorted by id.
    pub fn messages(&self) -> impl ExactSizeIterator<Item = Message> + '_ {
        self.packed.iter().map(|p| self.unpack(p))
    }

    /// The message `id`.
    pub fn message(&self, id: &str) -> Option<Message> {
        let all = self.packed;
        all.binary_search_by(|(spans, _)| self.span(spans[0]).unwrap_or_default().cmp(id))
            .ok()
            .map(|i| self.unpack(&all[i]))
    }

    /// The texts of `id` in each language (`Lang` order).
    pub fn texts(&self, id: &str) -> Option<[Option<&'static str>; 4]> {
        self.message(id).map(|m| m.text)
    }

    /// The text of `id` in `lang`, else English.
    pub fn get(&self, id: &str, lang: Lang) -> Option<&'static str> {
        let t = self.texts(id)?;
        t[lang.index()].or(t[0])
    }

    /// The form of `id` for a count of `n` in `lang` (else English): `one` for exactly 1 where
    /// the message has one, else its text.
    pub fn get_n(&self, id: &str, n: u64, lang: Lang) -> Option<&'static str> {
        if n == 1
            && let Some(t) = self.message(id).and_then(|m| m.one)
            && let Some(s) = t[lang.index()].or(t[0])
        {
            return Some(s);
        }
        self.get(id, lang)
    }
}

/// The built-in catalogs.
pub fn catalog() -> &'static Catalog {
    static C: Catalog = Catalog {
        text: compiled::TEXT,
        packed: &compiled::MESSAGES,
        problems: compiled::PROBLEMS,
    };
    &C
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
    tr_n_in(lang(), id, n, args)
}

/// [`tr_n`] in a given language.
pub fn tr_n_in(lang: Lang, id: &str, n: u64, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill(catalog().get_n(id, n, lang).unwrap_or(id), args)
}

/// The message `id` in the process's language, else `english` (for texts whose English lives
/// next to their code, such as the questions of `session::keys`).
pub fn tr_or(id: &str, english: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let l = lang();
    let text = catalog()
        .texts(id)
        .and_then(|t| t[l.index()])
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

// the binary uses its packed form's types; the reading itself serves build.rs and the tests
#[cfg_attr(not(test), allow(dead_code))]
mod source;
#[cfg(test)]
mod tests;
