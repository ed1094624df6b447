//! Secrets in the journal as salted commitments (journal format 2, docs/journal.md "Secrets").
//!
//! A secret (the answer of a secret-kind key, [`crate::session::keys::is_secret`]) never enters
//! the hashed part of a journal line. Wherever it occurs in an event's `data`, in any of its
//! forms ([`forms`]: as typed, URL-encoded once or repeatedly, base64), it is replaced by a
//! placeholder `[sealed:C]`, where `C` is the SHA-256 of a random salt, a zero byte and the
//! text it stands for. The text and salt ride in the line's `sealed` member, which comes right
//! after `"v":2,` and is left out of the hash:
//!
//! ```text
//! {"v":2,"sealed":[{"c":C,"salt":S,"text":T}],"seq":…,"data":{…"[sealed:C]"…},"prev":…,"hash":…}
//! ```
//!
//! Reading a line checks every sealed text against its commitment and puts it back in place.
//! An export masks a line by removing its `sealed` member: the line's hash still holds, so a
//! masked line is verified like any other, and its placeholders read `[masked]`.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// What a placeholder reads as when its text was masked (removed by an export).
pub const MASK: &str = "[masked]";
const OPEN: &str = "[sealed:";
/// `{"v":2,"sealed":` — how a line with sealed secrets starts.
pub const SEALED_START: &str = "{\"v\":2,\"sealed\":";

/// Secrets shorter than this (a 4-digit gate code) are sealed only where a whole string is
/// exactly the secret, not inside other text (they would match everywhere, even in hashes).
pub const MIN_LEN: usize = 6;
/// How many times over a secret's URL-encoding is looked for.
const URL_DEPTH: usize = 5;

/// Fields of an event's `data` that name things rather than hold the answer; a secret-kind
/// key's answer is every other string in its event.
const STRUCTURAL: &[&str] = &[
    "key",
    "source",
    "checklist",
    "item",
    "status",
    "version",
    "kind",
    "phase",
    "code",
    "blocking",
];

/// One sealed text of a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    /// Hex SHA-256 of salt (bytes), a zero byte and the text.
    pub c: String,
    /// Hex, 16 random bytes.
    pub salt: String,
    pub text: String,
}

/// The commitment to `text` under `salt` (hex).
pub fn commit(salt: &str, text: &str) -> String {
    let mut h = Sha256::new();
    h.update(hex::decode(salt).unwrap_or_default());
    h.update([0u8]);
    h.update(text.as_bytes());
    hex::encode(h.finalize())
}

fn placeholder(c: &str) -> String {
    format!("{OPEN}{c}]")
}

fn url_encode(s: &str) -> String {
    crate::sticker::url_encode(s)
}

/// Every form of a secret looked for: as is, URL-encoded (upper- and lower-case hex, once and
/// up to [`URL_DEPTH`] times over, also with `+` for a space), and base64 (standard and
/// URL-safe, with and without padding). Longest first, so a form that holds another wins.
pub fn forms(secret: &str) -> Vec<String> {
    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
    let mut out: Vec<String> = vec![secret.to_string()];
    let mut enc = secret.to_string();
    for _ in 0..URL_DEPTH {
        enc = url_encode(&enc);
        out.push(enc.clone());
        out.push(lower_hex_escapes(&enc));
        out.push(enc.replace("%20", "+"));
    }
    for e in [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD] {
        out.push(e.encode(secret.as_bytes()));
    }
    out.retain(|f| f.len() >= MIN_LEN);
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out.dedup();
    out
}

/// `%2B` → `%2b`: the same URL-encoding with lower-case hex.
fn lower_hex_escapes(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push('%');
            out.push((b[i + 1] as char).to_ascii_lowercase());
            out.push((b[i + 2] as char).to_ascii_lowercase());
            i += 3;
        } else {
            out.push(b[i] as char);
            i += 1;
        }
    }
    out
}

/// The secret values an event's data holds when its `key` is secret-kind (`is_secret`): every
/// non-empty string in it but the structural fields.
pub fn secrets_of(data: &Value, is_secret: &dyn Fn(&str) -> bool) -> Vec<String> {
    let Some(key) = data.get("key").and_then(Value::as_str) else {
        return Vec::new();
    };
    if !is_secret(key) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(o) = data.as_object() {
        for (k, v) in o {
            if !STRUCTURAL.contains(&k.as_str()) {
                strings(v, &mut out);
            }
        }
    }
    out.retain(|s| !s.trim().is_empty() && !s.contains(OPEN) && s != MASK);
    out.sort();
    out.dedup();
    out
}

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

/// What to seal: the forms of the secrets of [`MIN_LEN`] or more (wherever they occur, longest
/// first) and the shorter secrets (only a string that is exactly one of them).
#[derive(Debug, Clone, Default)]
pub struct Patterns {
    pub forms: Vec<String>,
    pub exact: Vec<String>,
}

impl Patterns {
    /// Add a secret; whether anything was new.
    pub fn add(&mut self, secret: &str) -> bool {
        if secret.len() < MIN_LEN {
            if self.exact.iter().any(|x| x == secret) {
                return false;
            }
            self.exact.push(secret.to_string());
            return true;
        }
        let mut changed = false;
        for f in forms(secret) {
            if !self.forms.contains(&f) {
                self.forms.push(f);
                changed = true;
            }
        }
        if changed {
            self.forms
                .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        }
        changed
    }

    fn is_empty(&self) -> bool {
        self.forms.is_empty() && self.exact.is_empty()
    }
}

/// Replace every form of every secret in the strings of `data` by placeholders; the sealed
/// texts, one per distinct form. A short secret is sealed only in the event of a secret-kind
/// key itself (`own`), where a string that is exactly it is its answer; elsewhere a "yes" or a
/// "none" is just a word.
pub fn seal(data: &mut Value, p: &Patterns, own: bool) -> Vec<Sealed> {
    let mut sealed = Vec::new();
    if !p.is_empty() {
        let short;
        let p = if own {
            p
        } else {
            short = Patterns {
                forms: p.forms.clone(),
                exact: Vec::new(),
            };
            &short
        };
        seal_value(data, p, &mut sealed);
    }
    sealed
}

/// Whether an event's `data` is that of a secret-kind key (see [`seal`]).
pub fn is_own(data: &Value, is_secret: &dyn Fn(&str) -> bool) -> bool {
    data.get("key")
        .and_then(Value::as_str)
        .is_some_and(is_secret)
}

fn seal_value(v: &mut Value, p: &Patterns, sealed: &mut Vec<Sealed>) {
    match v {
        Value::String(s) if p.exact.contains(s) => {
            let whole = [s.clone()];
            *s = seal_str(s, &whole, sealed);
        }
        Value::String(s) if p.forms.iter().any(|f| s.contains(f.as_str())) => {
            *s = seal_str(s, &p.forms, sealed);
        }
        Value::Array(a) => a.iter_mut().for_each(|x| seal_value(x, p, sealed)),
        Value::Object(o) => o.values_mut().for_each(|x| seal_value(x, p, sealed)),
        _ => {}
    }
}

/// Left to right, the longest form at each place first; what was replaced is never looked at
/// again.
fn seal_str(s: &str, forms: &[String], sealed: &mut Vec<Sealed>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    'outer: while !rest.is_empty() {
        for f in forms {
            if rest.starts_with(f.as_str()) {
                let c = match sealed.iter().find(|x| x.text == *f) {
                    Some(x) => x.c.clone(),
                    None => {
                        let salt = hex::encode(uuid::Uuid::new_v4().as_bytes());
                        let c = commit(&salt, f);
                        sealed.push(Sealed {
                            c: c.clone(),
                            salt,
                            text: f.clone(),
                        });
                        c
                    }
                };
                out.push_str(&placeholder(&c));
                rest = &rest[f.len()..];
                continue 'outer;
            }
        }
        let ch = rest.chars().next().unwrap_or(' ');
        out.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    out
}

/// Put sealed texts back in place of their placeholders (after checking each against its
/// commitment: the error names the one that does not match); a placeholder whose text is not
/// there (masked) reads [`MASK`].
pub fn unseal(data: &mut Value, sealed: &[Sealed]) -> Result<(), String> {
    let text = data.to_string();
    for (i, s) in sealed.iter().enumerate() {
        // each one matches its commitment, stands for a placeholder of the line, and only once
        if commit(&s.salt, &s.text) != s.c
            || !text.contains(&placeholder(&s.c))
            || sealed[..i].iter().any(|x| x.c == s.c)
        {
            return Err(crate::t!("seal.mismatch", c = s.c));
        }
    }
    unseal_value(data, sealed);
    Ok(())
}

fn unseal_value(v: &mut Value, sealed: &[Sealed]) {
    match v {
        Value::String(s) if s.contains(OPEN) => *s = unseal_str(s, sealed),
        Value::Array(a) => a.iter_mut().for_each(|x| unseal_value(x, sealed)),
        Value::Object(o) => o.values_mut().for_each(|x| unseal_value(x, sealed)),
        _ => {}
    }
}

fn unseal_str(s: &str, sealed: &[Sealed]) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(OPEN) {
        out.push_str(&rest[..i]);
        let tail = &rest[i + OPEN.len()..];
        let c = tail.get(..64).filter(|c| {
            c.bytes().all(|b| b.is_ascii_hexdigit()) && tail.as_bytes().get(64) == Some(&b']')
        });
        match c {
            Some(c) => {
                match sealed.iter().find(|x| x.c == c) {
                    Some(x) => out.push_str(&x.text),
                    None => out.push_str(MASK),
                }
                rest = &tail[65..];
            }
            None => {
                out.push_str(OPEN);
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The bytes with every placeholder taken out (so that a secret is not "found" in the hex of
/// a commitment).
pub fn without_placeholders(bytes: &[u8]) -> Vec<u8> {
    let open = OPEN.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(open) {
            i += open.len() + 65;
            out.push(b' ');
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// Whether a string holds a placeholder (a secret sealed, or masked).
pub fn has_placeholder(v: &Value) -> bool {
    match v {
        Value::String(s) => s.contains(OPEN),
        Value::Array(a) => a.iter().any(has_placeholder),
        Value::Object(o) => o.values().any(has_placeholder),
        _ => false,
    }
}

/// Split a format-2 line into its `sealed` member (parsed) and the line without it (the bytes
/// that are hashed). A line without the member is returned whole with no seals.
pub fn split(line: &str) -> Result<(Vec<Sealed>, std::borrow::Cow<'_, str>), String> {
    let Some(rest) = line.strip_prefix(SEALED_START) else {
        return Ok((Vec::new(), std::borrow::Cow::Borrowed(line)));
    };
    let mut de = serde_json::Deserializer::from_str(rest).into_iter::<Vec<Sealed>>();
    let sealed = match de.next() {
        Some(Ok(s)) => s,
        Some(Err(e)) => return Err(crate::t!("seal.bad_member", why = e)),
        None => return Err(crate::t!("seal.bad_member", why = "")),
    };
    let end = de.byte_offset();
    // the member exactly as the writer writes it: nothing in a line may change unseen
    if serde_json::to_string(&sealed).ok().as_deref() != Some(&rest[..end]) || sealed.is_empty() {
        return Err(crate::t!("seal.bad_member", why = "not as written"));
    }
    let after = &rest[end..];
    let Some(after) = after.strip_prefix(',') else {
        return Err(crate::t!("seal.bad_member", why = ","));
    };
    let mut hashed = String::with_capacity(line.len());
    hashed.push_str("{\"v\":2,");
    hashed.push_str(after);
    Ok((sealed, std::borrow::Cow::Owned(hashed)))
}

/// The line with its `sealed` member (when `sealed` is not empty) put in after `"v":2,`.
pub fn join(line: &str, sealed: &[Sealed]) -> String {
    match line.strip_prefix("{\"v\":2,") {
        Some(after) if !sealed.is_empty() => {
            let member = serde_json::to_string(sealed).unwrap_or_else(|_| "[]".into());
            format!("{SEALED_START}{member},{after}")
        }
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn forms_cover_repeated_url_encoding_and_base64() {
        let f = forms("K7+9/QF=2");
        assert!(f.contains(&"K7%2B9%2FQF%3D2".to_string()));
        assert!(f.contains(&"K7%2b9%2fQF%3d2".to_string()));
        assert!(f.contains(&"K7%25252B9%25252FQF%25253D2".to_string()));
        assert!(f.contains(&"SzcrOS9RRj0y".to_string()));
        assert!(f.contains(&"K7+9/QF=2".to_string()));
    }

    #[test]
    fn sealed_text_comes_back_and_masked_reads_masked() {
        let mut d = json!({"key": "activation.password", "value": "K7+9/QF=2",
            "url": "https://x/?password=K7%2B9%2FQF%3D2&mac=1"});
        let mut p = Patterns::default();
        p.add("K7+9/QF=2");
        p.add("2468");
        d["code"] = json!("2468");
        d["text"] = json!("gate 2468");
        let sealed = seal(&mut d, &p, true);
        assert_eq!(
            d["text"], "gate 2468",
            "a short secret only as a whole string"
        );
        assert!(d["code"].as_str().unwrap().starts_with("[sealed:"));
        let sealed: Vec<Sealed> = sealed.into_iter().filter(|s| s.text != "2468").collect();
        assert_eq!(sealed.len(), 2);
        let text = d.to_string();
        assert!(!text.contains("K7"), "{text}");
        let mut back = d.clone();
        unseal(&mut back, &sealed).unwrap();
        assert_eq!(back["value"], "K7+9/QF=2");
        assert_eq!(back["url"], "https://x/?password=K7%2B9%2FQF%3D2&mac=1");
        let mut masked = d.clone();
        unseal(&mut masked, &[]).unwrap();
        assert_eq!(masked["value"], MASK);
        let mut forged = sealed.clone();
        forged[0].text = "48.0".into();
        assert!(unseal(&mut d.clone(), &forged).is_err());
    }

    #[test]
    fn split_and_join_round_trip() {
        let line = r#"{"v":2,"seq":0,"data":{},"prev":"0","hash":"h"}"#;
        let s = vec![Sealed {
            c: "c".into(),
            salt: "00".into(),
            text: "t".into(),
        }];
        let joined = join(line, &s);
        assert!(joined.starts_with(SEALED_START));
        let (back, hashed) = split(&joined).unwrap();
        assert_eq!(back, s);
        assert_eq!(hashed, line);
        assert_eq!(split(line).unwrap().1, line);
    }
}
