//! Article numbers (Wallbox's `PLP1-0-2-4-9-002` style): decode each field with the model's
//! table and say whether OCPP is fitted, from the vendor profile's `[article]` and the models'
//! `article` tables.

use serde::Serialize;

use super::Profile;
use crate::{Error, Result};

/// Error code: the article number does not follow the vendor's pattern or tables.
pub const E_ARTICLE: &str = "E_ARTICLE";
/// Error code: the article is valid but has no OCPP, so it cannot be re-networked.
pub const E_NO_OCPP: &str = "E_NO_OCPP";

/// One decoded field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub field: String,
    pub code: String,
    pub meaning: String,
}

/// A decoded article number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decoded {
    pub article: String,
    pub vendor: String,
    pub model: String,
    pub fields: Vec<Field>,
    pub ocpp: bool,
    /// The manufacturer's words when OCPP is not fitted.
    pub refusal: Option<String>,
}

/// Decode `article` with the vendor's pattern and the model's tables. A number that does not
/// follow them is an error; a valid number without OCPP decodes with `ocpp: false`.
pub fn decode(profile: &Profile, article: &str) -> Result<Decoded> {
    let spec = profile.article.as_ref().ok_or_else(|| {
        Error::usage(
            E_ARTICLE,
            crate::t!(
                "prof.article.none",
                manufacturer = profile.vendor.manufacturer
            ),
        )
        .with_help(crate::t!("prof.article.none_help"))
    })?;
    let re = spec
        .re
        .as_ref()
        .ok_or_else(|| Error::internal(E_ARTICLE, crate::t!("prof.article.not_compiled")))?;
    let text = article.trim().to_ascii_uppercase();
    let caps = re.captures(&text).ok_or_else(|| {
        Error::validation(
            E_ARTICLE,
            crate::t!(
                "prof.article.bad",
                article = article,
                manufacturer = profile.vendor.manufacturer
            ),
        )
        .with_help(if spec.reference.is_empty() {
            crate::t!("prof.article.bad_help", form = form(profile, re))
        } else {
            crate::t!(
                "prof.article.bad_help_ref",
                form = form(profile, re),
                reference = spec.reference
            )
        })
    })?;
    let code_text = caps
        .name("model")
        .map(|m| m.as_str().replace(' ', ""))
        .unwrap_or_default();
    let code = code_text.as_str();
    let model = profile
        .models
        .iter()
        .find(|m| {
            m.code
                .as_deref()
                .is_some_and(|c| c.replace(' ', "").eq_ignore_ascii_case(code))
        })
        .ok_or_else(|| {
            let codes: Vec<String> = profile
                .models
                .iter()
                .filter_map(|m| m.code.as_ref().map(|c| format!("{c} ({})", m.name)))
                .collect();
            Error::validation(
                E_ARTICLE,
                crate::t!("prof.article.unknown_model", code = code, article = article),
            )
            .with_help(crate::t!(
                "prof.article.unknown_model_help",
                codes = codes.join(", ")
            ))
        })?;
    let mut fields = vec![Field {
        field: "model".into(),
        code: code.to_string(),
        meaning: model.name.clone(),
    }];
    for name in re.capture_names().flatten() {
        if name == "model" {
            continue;
        }
        let Some(m) = caps.name(name) else { continue };
        let value = m.as_str();
        let meaning = match model.article.get(name) {
            Some(table) => match table.iter().find(|(c, _)| c.eq_ignore_ascii_case(value)) {
                Some((_, meaning)) => meaning.get().to_string(),
                // The manufacturer lists only the OCPP versions: another one means no OCPP.
                None if name == spec.ocpp_field => crate::t!("prof.article.not_ocpp_version"),
                None => {
                    let known: Vec<String> =
                        table.iter().map(|(c, m)| format!("{c} = {m}")).collect();
                    return Err(Error::validation(
                        E_ARTICLE,
                        crate::t!(
                            "prof.article.bad_field",
                            value = value,
                            field = name,
                            model = model.name,
                            article = article
                        ),
                    )
                    .with_help(crate::t!(
                        "prof.article.bad_field_help",
                        field = name,
                        model = model.name,
                        known = known.join("; ")
                    )));
                }
            },
            None => String::new(),
        };
        fields.push(Field {
            field: name.to_string(),
            code: value.to_string(),
            meaning,
        });
    }
    let ocpp_code = caps
        .name(&spec.ocpp_field)
        .map(|m| m.as_str())
        .unwrap_or_default();
    let ocpp = model
        .ocpp_codes
        .iter()
        .any(|c| c.eq_ignore_ascii_case(ocpp_code));
    Ok(Decoded {
        article: text,
        vendor: profile.vendor.id.clone(),
        model: model.name.clone(),
        fields,
        ocpp,
        refusal: (!ocpp).then(|| spec.refusal.to_string()),
    })
}

/// How an article number reads, for people: its fields in order (the pattern's named groups,
/// `MODEL-CABLE-...`) and an example made of a model's first codes when it follows the pattern.
fn form(profile: &Profile, re: &regex::Regex) -> String {
    let names: Vec<&str> = re.capture_names().flatten().collect();
    let fields = names
        .iter()
        .map(|n| n.to_uppercase())
        .collect::<Vec<_>>()
        .join("-");
    let example = profile.models.iter().find_map(|m| {
        let mut parts = vec![m.code.as_deref()?.replace(' ', "")];
        for n in names.iter().filter(|n| **n != "model") {
            if let Some(code) = m.article.get(*n).and_then(|t| t.keys().next()) {
                parts.push(code.clone());
            }
        }
        let e = parts.join("-");
        re.is_match(&e).then_some(e)
    });
    match example {
        Some(e) => crate::t!("text.article.form_example", fields = fields, example = e),
        None => fields,
    }
}

/// The error for a decoded article without OCPP, quoting the manufacturer.
pub fn refusal_error(d: &Decoded, ocpp_field: &str) -> Error {
    let code = d
        .fields
        .iter()
        .find(|f| f.field == ocpp_field)
        .map(|f| f.code.clone())
        .unwrap_or_else(|| crate::t!("text.unknown"));
    Error::blocked(
        E_NO_OCPP,
        crate::t!(
            "prof.article.no_ocpp",
            vendor = d.vendor,
            model = d.model,
            article = d.article,
            field = ocpp_field,
            code = code,
            refusal = d.refusal.clone().unwrap_or_default()
        ),
    )
    .with_help(crate::t!("prof.article.no_ocpp_help"))
}
