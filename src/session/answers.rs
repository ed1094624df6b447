//! The answers file (`--answers FILE`): TOML, one table per section of [`super::keys::KEYS`].
//!
//! ```toml
//! [account]
//! username = "me@example.com"
//! [safety]
//! voltage = 0.0
//! ```
//!
//! Every mistake is reported with the file, the line and the key: a TOML syntax error, an
//! unknown section or key, a value of the wrong type. Secrets (the installer password) are
//! refused: they belong in the keyring, an environment variable or standard input.

use std::collections::BTreeMap;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::keys::{self, ValueKind};
use crate::{Error, Result};

/// A value from the answers file and the line it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub value: String,
    pub line: usize,
}

/// Parsed answers: `section.name` → value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    pub source: String,
    pub values: BTreeMap<String, Answer>,
}

pub use crate::paths::line_of;

const SECRET_NAMES: &[&str] = &["password", "token", "secret", "installer_password"];

impl Answers {
    pub fn load(path: &Path) -> Result<Answers> {
        let text = crate::paths::read_to_string_bounded(path).map_err(|e| {
            Error::io(&crate::t!("rec.io.read_answers"), path, e)
                .with_help(crate::t!("rec.answers.check_path"))
        })?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parse answers text; `source` names it in errors.
    pub fn parse(text: &str, source: &str) -> Result<Answers> {
        let bad = |line: usize, what: String, help: String| {
            Error::usage("E_ANSWERS", format!("{source}:{line}: {what}")).with_help(help)
        };
        let root = DeTable::parse(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
            bad(
                line,
                crate::t!("rec.answers.not_toml", why = e.message().trim()),
                crate::t!("rec.answers.not_toml.help"),
            )
        })?;
        let mut values = BTreeMap::new();
        for (section, table) in root.get_ref().iter() {
            let sline = line_of(text, section.span().start);
            let sname: &str = section.get_ref();
            let DeValue::Table(table) = table.get_ref() else {
                return Err(bad(
                    sline,
                    crate::t!("rec.answers.not_table", section = sname),
                    crate::t!("rec.answers.not_table.help"),
                ));
            };
            let known = keys::in_section(sname);
            if known.is_empty() {
                let sections: Vec<&str> = {
                    let mut s: Vec<&str> = keys::KEYS
                        .iter()
                        .map(|d| d.key.split('.').next().unwrap_or(""))
                        .collect();
                    s.dedup();
                    s
                };
                return Err(bad(
                    sline,
                    crate::t!("rec.answers.unknown_section", section = sname),
                    crate::t!("rec.answers.known_sections", sections = sections.join(", ")),
                ));
            }
            for (name, value) in table.iter() {
                let nline = line_of(text, name.span().start);
                let nname: &str = name.get_ref();
                let key = format!("{sname}.{nname}");
                if keys::find(&key).is_none() && SECRET_NAMES.contains(&nname) {
                    return Err(bad(
                        nline,
                        crate::t!("rec.answers.secret", key = key),
                        crate::t!("rec.answers.secret.help"),
                    ));
                }
                let Some(def) = keys::find(&key) else {
                    return Err(bad(
                        nline,
                        crate::t!("rec.answers.unknown_key", name = nname, section = sname),
                        crate::t!(
                            "rec.answers.keys_of",
                            section = sname,
                            keys = known.join(", ")
                        ),
                    ));
                };
                let vline = line_of(text, value.span().start);
                let text_value = match (def.kind, value.get_ref()) {
                    (ValueKind::Confirm | ValueKind::Check, DeValue::Boolean(b)) => {
                        if *b { "yes" } else { "no" }.to_string()
                    }
                    (ValueKind::Check, DeValue::Integer(i)) => i.as_str().replace('_', ""),
                    (ValueKind::Check, DeValue::Float(f)) => f.as_str().replace('_', ""),
                    (ValueKind::Number, DeValue::Integer(i)) => i.as_str().replace('_', ""),
                    (ValueKind::Number, DeValue::Float(f)) => f.as_str().replace('_', ""),
                    (kind, DeValue::String(s))
                        if !matches!(kind, ValueKind::Confirm | ValueKind::Number) =>
                    {
                        s.to_string()
                    }
                    (_, other) => {
                        let example = match def.kind {
                            ValueKind::Confirm => "true",
                            ValueKind::Number => "0.0",
                            _ => "\"...\"",
                        };
                        return Err(bad(
                            vline,
                            crate::t!(
                                "rec.answers.wrong_type",
                                key = key,
                                expected = type_text(def.kind),
                                found = other.type_str()
                            ),
                            crate::t!(
                                "rec.answers.write_eg",
                                example = format!("{nname} = {example}")
                            ),
                        ));
                    }
                };
                if def.kind == ValueKind::Check
                    && let Some((_, item)) = crate::checklist::registry().item_by_key(&key)
                {
                    crate::checklist::answer::check(item, &text_value).map_err(|why| {
                        bad(
                            vline,
                            crate::t!("rec.answers.check_bad", key = key, why = why),
                            crate::t!(
                                "rec.answers.check_bad.help",
                                list = item.key.split('.').next().unwrap_or("")
                            ),
                        )
                    })?;
                }
                values.insert(
                    key,
                    Answer {
                        value: text_value,
                        line: vline,
                    },
                );
            }
        }
        Ok(Answers {
            source: source.to_string(),
            values,
        })
    }

    pub fn get(&self, key: &str) -> Option<&Answer> {
        self.values.get(key)
    }
}

/// The TOML type a kind of value takes, in words of the process's language.
fn type_text(kind: ValueKind) -> String {
    match kind {
        ValueKind::Confirm => crate::t!("rec.answers.type.bool"),
        ValueKind::Number => crate::t!("rec.answers.type.number"),
        ValueKind::Check => crate::t!("rec.answers.type.check"),
        _ => crate::t!("rec.answers.type.string"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sections_and_types() {
        let a = Answers::parse(
            "[account]\nusername = \"a@b.c\"\n\n[safety]\nvoltage = 0\npower_isolated = true\n[pinpoint]\ngps = \"59.9,10.7\"\n",
            "t.toml",
        )
        .unwrap();
        assert_eq!(a.get("account.username").unwrap().value, "a@b.c");
        assert_eq!(
            a.get("safety.voltage").unwrap(),
            &Answer {
                value: "0".into(),
                line: 5
            }
        );
        assert_eq!(a.get("safety.power_isolated").unwrap().value, "yes");
        assert_eq!(a.get("pinpoint.gps").unwrap().line, 8);
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let e = Answers::parse(
            "[account]\nusername = \"x\"\nuser_name = \"y\"\n",
            "site.toml",
        )
        .unwrap_err();
        assert_eq!(e.code, "E_ANSWERS");
        assert!(e.message.starts_with("site.toml:3:"), "{}", e.message);
        assert!(e.message.contains("user_name"), "{}", e.message);
        assert!(e.help.unwrap().contains("account.username"));
    }

    #[test]
    fn unknown_section_is_named() {
        let e = Answers::parse("[acount]\nusername = \"x\"\n", "a.toml").unwrap_err();
        assert!(
            e.message.starts_with("a.toml:1:") && e.message.contains("[acount]"),
            "{}",
            e.message
        );
    }

    #[test]
    fn wrong_type_names_the_expected_type() {
        let e = Answers::parse("[safety]\n\nvoltage = \"zero\"\n", "a.toml").unwrap_err();
        assert!(e.message.starts_with("a.toml:3:"), "{}", e.message);
        assert!(
            e.message.contains("safety.voltage") && e.message.contains("a number"),
            "{}",
            e.message
        );
        let e = Answers::parse("[sim]\nswapped = \"yes\"\n", "a.toml").unwrap_err();
        assert!(e.message.contains("a boolean"), "{}", e.message);
    }

    #[test]
    fn syntax_error_has_a_line() {
        let e = Answers::parse("[account]\nusername = \"x\"\nfoo = \n", "a.toml").unwrap_err();
        assert!(e.message.starts_with("a.toml:3:"), "{}", e.message);
    }

    #[test]
    fn secrets_are_refused() {
        let e = Answers::parse("[account]\npassword = \"hunter2\"\n", "a.toml").unwrap_err();
        assert!(e.message.contains("secrets"));
        assert!(!e.message.contains("hunter2"));
    }
}
