//! Every answer key: the vocabulary's table (src/vocab/keys.rs) and the checklist items' keys
//! together, and a key's question with a checklist item's own words.

pub use crate::vocab::keys::*;

impl KeyDef {
    /// The question in the process's language (`question.<key>` in locales/questions.toml;
    /// a checklist item's own translations), else English.
    pub fn question_text(&self) -> String {
        self.question_text_with(|_| None)
    }

    /// [`question_text`](Self::question_text) with what the tool read (`reading`) in a
    /// checklist item's `{value}`.
    pub fn question_text_with(
        &self,
        reading: impl Fn(crate::checklist::Reading) -> Option<serde_json::Value>,
    ) -> String {
        use crate::checklist::{Evidence, answer};
        if self.kind == ValueKind::Check
            && let Some((_, item)) = crate::checklist::registry().item_by_key(self.key)
        {
            let read = match &item.evidence {
                Evidence::Reading { of, .. } => reading(*of).map(|v| answer::reading_text(&v)),
                _ => None,
            };
            return answer::text(item, read.as_deref());
        }
        crate::i18n::tr_or(&format!("question.{}", self.key), self.question, &[])
    }
}

/// Look a key up: the session's values above, then the checklist items (`<checklist>.<item>`).
pub fn find(key: &str) -> Option<&'static KeyDef> {
    KEYS.iter()
        .chain(crate::checklist::registry().keys())
        .find(|d| d.key == key)
}

/// Look a key up; an unknown key here is a bug of the tool.
pub fn def(key: &str) -> &'static KeyDef {
    find(key).unwrap_or_else(|| panic!("unknown session key {key}"))
}

/// Keys of a section (`[account]` ...), for "did you mean" help.
pub fn in_section(section: &str) -> Vec<&'static str> {
    KEYS.iter()
        .chain(crate::checklist::registry().keys())
        .filter(|d| d.key.split('.').next() == Some(section))
        .map(|d| d.key)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_list_every_checklist_key() {
        let doc = include_str!("../../docs/answers.md");
        for d in crate::checklist::registry().keys() {
            assert!(
                doc.contains(&format!("`{}`", d.key)),
                "docs/answers.md does not document checklist key {}",
                d.key
            );
        }
        assert!(find("safety.voltage").is_some_and(|d| d.flag == Some("--voltage")));
    }
}
