//! The formatting functions (PostgreSQL's `utils/adt/formatting.c`):
//! `to_char` for numbers, timestamps and intervals, `to_number`, `to_date`
//! and `to_timestamp`, with PostgreSQL's template language.
//!
//! A template is parsed once per call into a list of [`FormatNode`]s, as
//! `parse_format` does: keywords are matched by the first entry of a
//! keyword table that prefixes the remaining template (the tables list the
//! longer spellings first, so `HH24` wins over `HH`), double-quoted text and
//! backslash-escaped characters are literal, and the date/time flavour also
//! knows the prefix modifiers `FM`/`TM` and the suffixes `TH`/`th`/`SP`.
//! The number side (`num.rs`) then walks the nodes as `NUM_processor`
//! does, the date/time side (`dch.rs`) as `DCH_to_char` / `DCH_from_char`.
//!
//! Locale: the cluster's `lc_numeric`, `lc_monetary` and `lc_time` are
//! always C here, so `D` is `.`, `G` is `,`, `L` is a blank, and `TM`
//! names are the English ones, exactly what PostgreSQL prints under C.

mod dch;
mod num;

use crate::fmgr::{FuncDef, Volatility};
use crate::types::oid;

/// One element of a parsed template (PostgreSQL's `FormatNode`).
#[derive(Debug, Clone)]
pub(crate) enum FormatNode<K: 'static> {
    /// A keyword, with its `DCH_S_*` modifier bits (always 0 for numbers).
    Action { key: &'static KeyWord<K>, suffix: u8 },
    /// A literal character (quoted text, letters, anything not a keyword).
    Char(String),
    /// A blank of the template.
    Space(String),
    /// A date/time separator: printable ASCII that is neither a letter nor a digit.
    Separator(String),
}

/// A keyword of a template language.
#[derive(Debug)]
pub(crate) struct KeyWord<K> {
    pub name: &'static str,
    pub id: K,
    /// The field reads digits (`is_digit`: decides fixed-width parsing).
    pub is_digit: bool,
    /// Which date convention the field belongs to.
    pub mode: DateMode,
}

/// `FromCharDateMode`: Gregorian and ISO-week fields must not be mixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateMode {
    None,
    Gregorian,
    IsoWeek,
}

/// Modifier bits of a date/time keyword.
pub(crate) const S_FM: u8 = 0x01;
pub(crate) const S_TH: u8 = 0x02;
pub(crate) const S_LOWER_TH: u8 = 0x04;
pub(crate) const S_SP: u8 = 0x08;
pub(crate) const S_TM: u8 = 0x10;

/// The byte length of the UTF-8 character starting with `b` (`pg_mblen`).
pub(crate) fn mblen(b: u8) -> usize {
    match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// `is_separator_char`: printable ASCII other than letters and digits.
pub(crate) fn is_separator_char(b: u8) -> bool {
    b > 0x20 && b < 0x7F && !b.is_ascii_alphanumeric()
}

/// C's `isspace` in the C locale.
pub(crate) fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// The interrupt check of the template walks, every few thousand nodes
/// (a template may be as long as a text value).
pub(crate) fn check_interrupts_at(i: usize) -> pg_error::PgResult<()> {
    if i.is_multiple_of(4096) {
        pg_error::check_for_interrupts()?;
    }
    Ok(())
}

/// `parse_format`: the template as nodes. `date_time` selects the
/// date/time flavour (modifiers and separator nodes).
pub(crate) fn parse_format<K>(template: &str, keywords: &'static [KeyWord<K>], date_time: bool) -> Vec<FormatNode<K>> {
    let s = template.as_bytes();
    let mut nodes = Vec::new();
    let mut i = 0;
    let prefix = |at: usize| -> Option<(u8, usize)> {
        let rest = &s[at..];
        for (name, bit) in [("FM", S_FM), ("fm", S_FM), ("TM", S_TM), ("tm", S_TM)] {
            if rest.starts_with(name.as_bytes()) {
                return Some((bit, 2));
            }
        }
        None
    };
    let postfix = |at: usize| -> Option<u8> {
        let rest = &s[at..];
        [("TH", S_TH), ("th", S_LOWER_TH), ("SP", S_SP)]
            .into_iter()
            .find(|(name, _)| rest.starts_with(name.as_bytes()))
            .map(|(_, bit)| bit)
    };
    let piece = |at: usize| -> (String, usize) {
        let n = mblen(s[at]).min(s.len() - at);
        (String::from_utf8_lossy(&s[at..at + n]).into_owned(), n)
    };
    while i < s.len() {
        let mut suffix = 0;
        if date_time {
            if let Some((bit, n)) = prefix(i) {
                suffix |= bit;
                i += n;
            }
        }
        if i < s.len() {
            if let Some(key) = keywords.iter().find(|k| s[i..].starts_with(k.name.as_bytes())) {
                i += key.name.len();
                if date_time && i < s.len() {
                    if let Some(bit) = postfix(i) {
                        suffix |= bit;
                        i += 2;
                    }
                }
                nodes.push(FormatNode::Action { key, suffix });
                continue;
            }
        }
        if i >= s.len() {
            break;
        }
        if s[i] == b'"' {
            i += 1;
            while i < s.len() {
                if s[i] == b'"' {
                    i += 1;
                    break;
                }
                // A backslash quotes the next character, if any.
                if s[i] == b'\\' && i + 1 < s.len() {
                    i += 1;
                }
                let (c, n) = piece(i);
                nodes.push(FormatNode::Char(c));
                i += n;
            }
        } else {
            // Outside quotes a backslash only escapes a double quote.
            if s[i] == b'\\' && s.get(i + 1) == Some(&b'"') {
                i += 1;
            }
            let (c, n) = piece(i);
            let b = s[i];
            nodes.push(if date_time && is_separator_char(b) {
                FormatNode::Separator(c)
            } else if is_c_space(b) {
                FormatNode::Space(c)
            } else {
                FormatNode::Char(c)
            });
            i += n;
        }
    }
    nodes
}

/// The functions of this module, for the registry's built-in list.
pub(crate) fn builtins() -> Vec<FuncDef> {
    use oid::*;
    use Volatility::*;
    vec![
        FuncDef::scalar("to_char", &[INT4, TEXT], TEXT, Stable, num::f_int4_to_char),
        FuncDef::scalar("to_char", &[INT8, TEXT], TEXT, Stable, num::f_int8_to_char),
        FuncDef::scalar("to_char", &[NUMERIC, TEXT], TEXT, Stable, num::f_numeric_to_char),
        FuncDef::scalar("to_char", &[FLOAT4, TEXT], TEXT, Stable, num::f_float4_to_char),
        FuncDef::scalar("to_char", &[FLOAT8, TEXT], TEXT, Stable, num::f_float8_to_char),
        FuncDef::scalar("to_number", &[TEXT, TEXT], NUMERIC, Stable, num::f_to_number),
        FuncDef::scalar("to_char", &[TIMESTAMP, TEXT], TEXT, Stable, dch::f_timestamp_to_char),
        FuncDef::scalar("to_char", &[TIMESTAMPTZ, TEXT], TEXT, Stable, dch::f_timestamptz_to_char),
        FuncDef::scalar("to_char", &[INTERVAL, TEXT], TEXT, Stable, dch::f_interval_to_char),
        FuncDef::scalar("to_date", &[TEXT, TEXT], DATE, Stable, dch::f_to_date),
        FuncDef::scalar("to_timestamp", &[TEXT, TEXT], TIMESTAMPTZ, Stable, dch::f_to_timestamp),
        FuncDef::scalar("to_timestamp", &[FLOAT8], TIMESTAMPTZ, Immutable, dch::f_float8_to_timestamptz),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datum::{Datum, Interval};
    use crate::numeric::Numeric;

    fn call(f: fn(&[Datum]) -> pg_error::PgResult<Datum>, v: Datum, fmt: &str) -> Datum {
        f(&[v, Datum::Text(fmt.into())]).expect("formatting call")
    }

    fn text(d: Datum) -> String {
        match d {
            Datum::Text(s) => s,
            other => panic!("not text: {other:?}"),
        }
    }

    /// Outputs recorded from PostgreSQL 15.
    #[test]
    fn number_templates_print_as_postgres() {
        for (v, fmt, want) in [
            (-485, "999PR", "<485>"),
            (1485, "9,999", " 1,485"),
            (3999, "RN", "      MMMCMXCIX"),
            (123, "9.99EEEE", " 1.23e+02"),
            (12, "99V9", " 120"),
            (21, "99th", " 21st"),
            (1234, "999", " ###"),
        ] {
            assert_eq!(text(call(num::f_int4_to_char, Datum::Int4(v), fmt)), want, "{v} {fmt}");
        }
        let tenth = Datum::Numeric(Numeric::parse("0.1").unwrap());
        assert_eq!(text(call(num::f_numeric_to_char, tenth, "FM9.9")), ".1");
    }

    #[test]
    fn date_time_templates_print_as_postgres() {
        let ts = crate::datetime::parse_timestamp(
            "2024-03-05 14:07:09.123456",
            -1,
            false,
            &crate::io::OutputSettings::default(),
        )
        .unwrap();
        let got = call(dch::f_timestamp_to_char, Datum::Timestamp(ts), "YYYY-MM-DD HH12:MI:SS.MS AM FMDay IW IDDD");
        assert_eq!(text(got), "2024-03-05 02:07:09.123 PM Tuesday 10 065");
        let iv = Interval { months: -14, days: 3, micros: 0 };
        assert_eq!(text(call(dch::f_interval_to_char, Datum::Interval(iv), "YYYY MM DD RM")), "-0001 -02 03 XI  ");
    }

    #[test]
    fn parsing_reads_back_as_postgres() {
        let to_date = |s: &str, fmt: &str| dch::f_to_date(&[Datum::Text(s.into()), Datum::Text(fmt.into())]);
        let want = crate::datetime::date_from_ymd(2024, 3, 5) as i32;
        assert_eq!(to_date("5th March 2024", "FMDDth Month YYYY").unwrap(), Datum::Date(want));
        let err = to_date("2024-13-05", "YYYY-MM-DD").unwrap_err();
        assert_eq!(err.code, pg_error::SqlState::DATETIME_FIELD_OVERFLOW);
        let to_number = |s: &str, fmt: &str| num::f_to_number(&[Datum::Text(s.into()), Datum::Text(fmt.into())]);
        assert_eq!(to_number("<123>", "999PR").unwrap(), Datum::Numeric(Numeric::parse("-123").unwrap()));
        assert_eq!(to_number("12,454.8-", "99G999D9S").unwrap(), Datum::Numeric(Numeric::parse("-12454.8").unwrap()));
    }

    #[test]
    fn templates_parse_with_the_longest_keyword_and_quotes() {
        let nodes = parse_format(
            "HH24\"HH\"\\\"x",
            &[KeyWord { name: "HH24", id: 1u8, is_digit: true, mode: DateMode::None }],
            true,
        );
        let shape: Vec<String> = nodes
            .iter()
            .map(|n| match n {
                FormatNode::Action { key, .. } => format!("<{}>", key.name),
                FormatNode::Char(c) | FormatNode::Space(c) | FormatNode::Separator(c) => c.clone(),
            })
            .collect();
        assert_eq!(shape, ["<HH24>", "H", "H", "\"", "x"]);
    }
}
