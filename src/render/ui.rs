//! The site's own words (search box, buttons, headings, pager, errdocs.js'
//! messages) per language: `templates/i18n/<tag>.toml`, English and
//! Simplified Chinese built in. A translation can also come from the
//! templates folder (`i18n/<tag>.toml`) or a `[[language]]`'s `ui` table;
//! any key it lacks is English.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// The built-in tables.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("../../templates/i18n/en.toml")),
    ("zh-CN", include_str!("../../templates/i18n/zh-CN.toml")),
];

/// Key → text.
pub type Ui = BTreeMap<String, String>;

/// The words for language `tag`: English, then the built-in table that
/// fits the tag best (the same tag, else the same language: `zh-Hans` →
/// `zh-CN`), then `i18n/<tag>.toml` of the templates folder, then
/// `overrides` (errdocs.toml). A key English does not have is an error.
pub fn strings(
    tag: &str,
    templates: Option<&Path>,
    overrides: &BTreeMap<String, String>,
) -> Result<Ui> {
    let mut ui = parse("en.toml", BUILT_IN[0].1)?;
    let lower = tag.to_ascii_lowercase();
    let primary = lower.split('-').next().unwrap_or("");
    let built_in = BUILT_IN
        .iter()
        .skip(1)
        .find(|(t, _)| t.to_ascii_lowercase() == lower)
        .or_else(|| {
            BUILT_IN
                .iter()
                .skip(1)
                .find(|(t, _)| t.to_ascii_lowercase().split('-').next() == Some(primary))
        });
    if let Some((t, body)) = built_in {
        merge(
            &mut ui,
            parse(&format!("{t}.toml"), body)?,
            &format!("the built-in {t}.toml"),
        )?;
    }
    if let Some(file) = templates
        .map(|d| d.join("i18n").join(format!("{tag}.toml")))
        .filter(|p| p.is_file())
    {
        let body = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read {}", file.display()))?;
        let name = file.display().to_string();
        merge(&mut ui, parse(&name, &body)?, &name)?;
    }
    merge(
        &mut ui,
        overrides.clone(),
        &format!("errdocs.toml's [[language]] {tag:?} ui"),
    )?;
    Ok(ui)
}

fn parse(name: &str, body: &str) -> Result<Ui> {
    toml::from_str(body).with_context(|| format!("{name} is not a table of strings"))
}

fn merge(ui: &mut Ui, more: Ui, from: &str) -> Result<()> {
    for (k, v) in more {
        let Some(slot) = ui.get_mut(&k) else {
            let near = crate::text::did_you_mean(&k, ui.keys().map(String::as_str));
            bail!(
                "{from}: unknown key `{k}`{}",
                near.map_or_else(String::new, |n| format!(" (did you mean `{n}`?)"))
            );
        };
        *slot = v;
    }
    Ok(())
}

/// The Tera filter `fill`: `{{ ui.page_of | fill(number=2, count=5) }}`
/// puts each argument in for its `{name}`.
pub fn fill(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let s = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("fill: the value is not a string"))?;
    let texts: Vec<(&str, String)> = args
        .iter()
        .map(|(k, v)| {
            let text = match v {
                tera::Value::String(t) => t.clone(),
                tera::Value::Null => String::new(),
                other => other.to_string(),
            };
            (k.as_str(), text)
        })
        .collect();
    let pairs: Vec<(&str, &str)> = texts.iter().map(|(k, t)| (*k, t.as_str())).collect();
    Ok(tera::Value::String(fill_in(s, &pairs)))
}

/// Puts each `(name, text)` in for `{name}` in `s`, in one pass: a text put
/// in is never read again for placeholders (so the result does not depend
/// on the order of the arguments), and a `{word}` that names none of them
/// stays as it is.
pub fn fill_in(s: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let text = after
            .find('}')
            .and_then(|close| Some((close, args.iter().find(|(k, _)| *k == &after[..close])?.1)));
        match text {
            Some((close, text)) => {
                out.push_str(text);
                rest = &after[close + 1..];
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_table_has_the_english_keys() {
        let en = parse("en", BUILT_IN[0].1).unwrap();
        for (tag, body) in BUILT_IN {
            let t = parse(tag, body).unwrap();
            let missing: Vec<_> = en.keys().filter(|k| !t.contains_key(*k)).collect();
            let extra: Vec<_> = t.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{tag}: {missing:?} {extra:?}"
            );
            // The placeholders are the same.
            for (k, v) in &t {
                let holes = |s: &str| {
                    let mut h: Vec<String> = s
                        .split('{')
                        .skip(1)
                        .filter_map(|p| p.split('}').next().map(str::to_string))
                        .collect();
                    h.sort();
                    h
                };
                assert_eq!(holes(v), holes(&en[k]), "{tag}: {k}");
            }
        }
    }

    #[test]
    fn fill_puts_each_text_in_once_whatever_the_order() {
        assert_eq!(
            fill_in("{a} and {b}", &[("a", "{b}"), ("b", "B")]),
            "{b} and B"
        );
        assert_eq!(
            fill_in("{a} and {b}", &[("b", "B"), ("a", "{b}")]),
            "{b} and B"
        );
        assert_eq!(fill_in("{x} {a}{", &[("a", "1")]), "{x} 1{");
        assert_eq!(fill_in("{{a}}", &[("a", "1")]), "{1}");
        assert_eq!(fill_in("ü{a}ü", &[("a", "é")]), "üéü");
    }

    #[test]
    fn tags_fall_back_to_their_language_then_english() {
        let none = BTreeMap::new();
        assert_eq!(
            strings("zh-Hans", None, &none).unwrap()["copy_link"],
            "复制链接"
        );
        assert_eq!(
            strings("fr", None, &none).unwrap()["copy_link"],
            "Copy link"
        );
        let mine = BTreeMap::from([("copy_link".to_string(), "Copier le lien".to_string())]);
        assert_eq!(
            strings("fr", None, &mine).unwrap()["copy_link"],
            "Copier le lien"
        );
        let bad = BTreeMap::from([("copy_lnk".to_string(), "x".to_string())]);
        let err = strings("fr", None, &bad).unwrap_err().to_string();
        assert!(err.contains("did you mean `copy_link`"), "{err}");
    }
}
