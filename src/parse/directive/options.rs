//! Directive options: docutils' converter functions (`nonnegative_int`,
//! `positive_int_list`, `class_option`, `single_char_or_unicode`, …) with
//! their messages, and Python's `int()` as they call it.

use std::path::Path;

use super::{Spec, finding, myst};
use crate::anchors::make_id;
use crate::diag::{Diagnostic, SphinxLevel};
use crate::rules;

/// How an option's value is converted (docutils' converter functions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Converter {
    Flag,
    NonNegInt,
    Int,
    Widths,
    Class,
    Unchanged,
    Required,
    Align,
    Length,
    Char { whitespace: bool },
}

/// A converted option value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptValue {
    /// A flag, or a value kept as text.
    Text(Option<String>),
    /// An integer.
    Int(i64),
    /// Column widths.
    Widths(Vec<u32>),
    /// `:widths: auto`.
    Auto,
    /// Class names.
    Classes(Vec<String>),
    /// One character.
    Char(char),
}

pub(super) fn convert_options(
    file: &Path,
    warnings: &mut Vec<Diagnostic>,
    name: &str,
    spec: &Spec,
    dt: &myst::DirectiveText,
    base: usize,
    col: usize,
) -> Vec<(String, OptValue, usize)> {
    let mut out = Vec::new();
    let Some(raw) = &dt.options else {
        return out;
    };
    for opt in raw {
        let line = base + opt.line;
        let conv = if spec.any_option {
            Some(Converter::Unchanged)
        } else {
            spec.options
                .iter()
                .find(|(k, _)| *k == opt.key)
                .map(|(_, c)| *c)
        };
        let Some(conv) = conv else {
            let allowed: Vec<String> = spec.options.iter().map(|(k, _)| format!("'{k}'")).collect();
            warnings.push(finding(
                file,
                &rules::UNKNOWN_OPTION,
                (line, col + 2),
                Some((line, SphinxLevel::Warning, "myst.directive_option")),
                format!(
                    "'{name}': Unknown option key: '{}' (allowed: [{}])",
                    opt.key,
                    allowed.join(", ")
                ),
            ));
            continue;
        };
        let value = opt.value.as_deref().filter(|v| !v.is_empty());
        match convert(conv, value) {
            Ok(v) => {
                out.retain(|(k, _, _)| *k != opt.key);
                out.push((opt.key.clone(), v, line));
            }
            Err(e) => warnings.push(finding(
                file,
                &rules::INVALID_OPTION,
                (line, col + 2),
                Some((line, SphinxLevel::Warning, "myst.directive_option")),
                format!(
                    "'{name}': Invalid option value for '{}': {}: {e}",
                    opt.key,
                    value.unwrap_or("None")
                ),
            )),
        }
    }
    out
}

fn convert(conv: Converter, value: Option<&str>) -> Result<OptValue, String> {
    let required = || value.ok_or_else(|| "argument required but none supplied".to_string());
    Ok(match conv {
        // MyST ignores a value given to a flag (docutils would reject it).
        Converter::Flag => OptValue::Text(None),
        Converter::Unchanged => OptValue::Text(Some(value.unwrap_or("").to_string())),
        Converter::Required => OptValue::Text(Some(required()?.to_string())),
        Converter::NonNegInt => {
            let n = py_int(value.ok_or(NONE_INT)?)?;
            if n < 0 {
                return Err("negative value; must be positive or zero".into());
            }
            OptValue::Int(n)
        }
        Converter::Int => OptValue::Int(py_int(value.ok_or(NONE_INT)?)?),
        Converter::Widths => {
            let v = value.ok_or("argument required but none supplied")?;
            if v.trim() == "auto" {
                OptValue::Auto
            } else {
                let parts: Vec<&str> = if v.contains(',') {
                    v.split(',').collect()
                } else {
                    v.split_whitespace().collect()
                };
                let mut ws = Vec::new();
                for p in parts {
                    let n = py_int(p)?;
                    if n < 1 {
                        return Err("negative or zero value; must be positive".into());
                    }
                    ws.push(u32::try_from(n).unwrap_or(u32::MAX));
                }
                OptValue::Widths(ws)
            }
        }
        Converter::Class => {
            let v = required()?;
            let mut names = Vec::new();
            for n in v.split_whitespace() {
                let id = make_id(n);
                if id.is_empty() {
                    return Err(format!("cannot make \"{n}\" into a class name"));
                }
                names.push(id);
            }
            OptValue::Classes(names)
        }
        Converter::Align => {
            let v = required()?;
            let l = v.to_lowercase();
            if !matches!(l.as_str(), "left" | "center" | "right") {
                return Err(format!(
                    "\"{l}\" unknown; choose from \"left\", \"center\", or \"right\"."
                ));
            }
            OptValue::Text(Some(l))
        }
        Converter::Length => {
            let v = required()?.trim();
            let num: String = v
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let unit = v[num.len()..].trim();
            const UNITS: &[&str] = &[
                "", "%", "em", "ex", "px", "in", "cm", "mm", "pt", "pc", "ch", "rem", "vw", "vh",
                "vmin", "vmax", "Q",
            ];
            if num.is_empty() || !UNITS.contains(&unit) {
                return Err(format!(
                    "\"{v}\" is not a valid length or percentage (a number with an optional unit)"
                ));
            }
            OptValue::Text(Some(format!("{num}{unit}")))
        }
        Converter::Char { whitespace } => {
            let v = value.ok_or_else(|| {
                "a value is required (Sphinx crashes on an empty one)".to_string()
            })?;
            if whitespace && v == "tab" {
                OptValue::Char('\t')
            } else if whitespace && v == "space" {
                OptValue::Char(' ')
            } else {
                OptValue::Char(unicode_char(v)?)
            }
        }
    })
}

const NONE_INT: &str =
    "int() argument must be a string, a bytes-like object or a real number, not 'NoneType'";

/// Python's `int()` of a string (surrounding whitespace, sign, underscores).
fn py_int(s: &str) -> Result<i64, String> {
    let t = s.trim();
    let err = || format!("invalid literal for int() with base 10: '{s}'");
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return Err(err());
    }
    t.replace('_', "").parse::<i64>().map_err(|_| err())
}

/// docutils' `unicode_code` + `single_char_or_unicode`.
fn unicode_char(v: &str) -> Result<char, String> {
    let code = if v.chars().all(|c| c.is_ascii_digit()) && !v.is_empty() {
        Some((v, 10))
    } else {
        let lower = v.to_ascii_lowercase();
        let hex = ["0x", "x", "\\x", "u+", "u", "\\u"]
            .iter()
            .find_map(|p| lower.strip_prefix(p))
            .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            .or_else(|| {
                lower
                    .strip_prefix("&#x")
                    .and_then(|h| h.strip_suffix(';'))
                    .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
            });
        hex.map(|h| {
            (
                &v[v.len() - h.len() - usize::from(lower.ends_with(';'))..][..h.len()],
                16,
            )
        })
    };
    if let Some((digits, radix)) = code {
        let n = u64::from_str_radix(digits, radix)
            .ok()
            .filter(|n| *n <= i32::MAX as u64)
            .ok_or("code too large (Python int too large to convert to C int)")?;
        return char::from_u32(n as u32).ok_or_else(|| "chr() arg not in range(0x110000)".into());
    }
    let mut chars = v.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(format!(
            "'{v}' invalid; must be a single character or a Unicode code"
        )),
    }
}
