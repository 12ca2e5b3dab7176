//! Scalar interpretation: compose's boolean table and YAML 1.2 core-schema typing.

use super::tree::{ScalarStyle, Tag};
use super::value::Value;

/// Reads a boolean the way compose-go does (`toBoolean` in `loader/interpolate.go`):
/// `y`, `yes`, `true`, `on` are true and `n`, `no`, `false`, `off` are false, in any case;
/// anything else is `None`.
///
/// YAML 1.2 parsers return `yes` and `on` as strings, and compose still treats them as true, so
/// a rule that checks `privileged` must use this rather than compare with `"true"`.
pub fn truthy(text: &str) -> Option<bool> {
    const TRUE: [&str; 4] = ["y", "yes", "true", "on"];
    const FALSE: [&str; 4] = ["n", "no", "false", "off"];
    if TRUE.iter().any(|t| text.eq_ignore_ascii_case(t)) {
        Some(true)
    } else if FALSE.iter().any(|f| text.eq_ignore_ascii_case(f)) {
        Some(false)
    } else {
        None
    }
}

/// Whether a plain scalar spells null in the YAML 1.2 core schema: `null`, `Null`, `NULL`, `~`
/// (or nothing).
pub fn is_null_word(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

const CORE: &str = "tag:yaml.org,2002:";

/// The typed value of a scalar under the YAML 1.2 core schema.
///
/// Quoted and block scalars are strings. Plain scalars are null, booleans (`true`/`false` in
/// three spellings only: `yes`/`on` stay strings, see [`truthy`]), integers (decimal, `0o`
/// octal, `0x` hex), floats (including `.inf`, `.nan`) or strings. The core tags `!!str`,
/// `!!int`, `!!float`, `!!bool` and `!!null` force a type when the text allows it; other tags
/// (`!reset`, …) do not change the value.
pub fn core_schema_value(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    let core_tag = tag.and_then(|t| t.resolved.strip_prefix(CORE));
    match core_tag {
        Some("str") => return Value::String(text.to_owned()),
        Some("null") => return Value::Null,
        Some("bool") => {
            if let Some(b) = parse_bool(text) {
                return Value::Bool(b);
            }
        }
        Some("int") => {
            if let Some(i) = parse_int(text) {
                return Value::Int(i);
            }
        }
        Some("float") => {
            if let Some(f) = parse_float(text).or_else(|| parse_int(text).map(|i| i as f64)) {
                return Value::Float(f);
            }
        }
        _ => {}
    }
    if style != ScalarStyle::Plain {
        return Value::String(text.to_owned());
    }
    if is_null_word(text) {
        return Value::Null;
    }
    if let Some(b) = parse_bool(text) {
        return Value::Bool(b);
    }
    if let Some(i) = parse_int(text) {
        return Value::Int(i);
    }
    if let Some(f) = parse_float(text) {
        return Value::Float(f);
    }
    Value::String(text.to_owned())
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

fn parse_int(text: &str) -> Option<i64> {
    if let Some(oct) = text.strip_prefix("0o") {
        return digits_only(oct, |c| c.is_digit(8)).and_then(|d| i64::from_str_radix(d, 8).ok());
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return digits_only(hex, |c| c.is_ascii_hexdigit())
            .and_then(|d| i64::from_str_radix(d, 16).ok());
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    digits_only(digits, |c| c.is_ascii_digit())?;
    text.parse().ok()
}

fn digits_only(text: &str, ok: impl Fn(char) -> bool) -> Option<&str> {
    (!text.is_empty() && text.chars().all(ok)).then_some(text)
}

fn parse_float(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let negative = text.starts_with('-');
    match unsigned {
        ".inf" | ".Inf" | ".INF" => {
            return Some(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            })
        }
        ".nan" | ".NaN" | ".NAN" if unsigned.len() == text.len() => return Some(f64::NAN),
        _ => {}
    }
    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let bytes = unsigned.as_bytes();
    let mut i = 0;
    let int_digits = count_digits(bytes, i);
    i += int_digits;
    let mut frac_digits = 0;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        frac_digits = count_digits(bytes, i);
        i += frac_digits;
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        let exp = count_digits(bytes, i);
        if exp == 0 {
            return None;
        }
        i += exp;
    }
    if i != bytes.len() {
        return None;
    }
    text.parse().ok()
}

fn count_digits(bytes: &[u8], from: usize) -> usize {
    bytes.get(from..).map_or(0, |rest| {
        rest.iter().take_while(|b| b.is_ascii_digit()).count()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truthy_follows_compose_go_table() {
        for t in [
            "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
        ] {
            assert_eq!(truthy(t), Some(true), "{t}");
        }
        for f in [
            "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
        ] {
            assert_eq!(truthy(f), Some(false), "{f}");
        }
        for other in ["", "1", "0", "yess", "tru", " true", "enabled", "null"] {
            assert_eq!(truthy(other), None, "{other}");
        }
        // Mixed case is accepted, as `strings.ToLower` does in compose-go.
        assert_eq!(truthy("tRuE"), Some(true));
    }

    #[test]
    fn core_schema_types_plain_scalars() {
        let plain = |t| core_schema_value(t, ScalarStyle::Plain, None);
        assert_eq!(plain("~"), Value::Null);
        assert_eq!(plain("null"), Value::Null);
        assert_eq!(plain("true"), Value::Bool(true));
        assert_eq!(plain("yes"), Value::String("yes".into()));
        assert_eq!(plain("8080"), Value::Int(8080));
        assert_eq!(plain("-12"), Value::Int(-12));
        assert_eq!(plain("0o17"), Value::Int(15));
        assert_eq!(plain("0x1F"), Value::Int(31));
        assert_eq!(plain("1.5"), Value::Float(1.5));
        assert_eq!(plain("1e3"), Value::Float(1000.0));
        assert_eq!(plain(".5"), Value::Float(0.5));
        assert_eq!(plain("-.inf"), Value::Float(f64::NEG_INFINITY));
        assert_eq!(plain("80:80"), Value::String("80:80".into()));
        assert_eq!(plain("1.2.3"), Value::String("1.2.3".into()));
        assert_eq!(plain("99999999999999999999"), Value::Float(1e20));
        assert_eq!(
            core_schema_value("8080", ScalarStyle::DoubleQuoted, None),
            Value::String("8080".into())
        );
    }

    #[test]
    fn core_tags_force_types() {
        let tag = |name: &str| Tag {
            name: format!("!!{name}"),
            resolved: format!("{CORE}{name}"),
            span: Default::default(),
        };
        let str_tag = tag("str");
        assert_eq!(
            core_schema_value("1", ScalarStyle::Plain, Some(&str_tag)),
            Value::String("1".into())
        );
        let int_tag = tag("int");
        assert_eq!(
            core_schema_value("7", ScalarStyle::SingleQuoted, Some(&int_tag)),
            Value::Int(7)
        );
    }
}
