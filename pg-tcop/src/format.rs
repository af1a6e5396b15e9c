//! `format()`, `quote_ident()`, `quote_literal()` and `quote_nullable()`
//! (PostgreSQL's `text_format` in varlena.c and `quote.c`).
//!
//! They live here rather than in pg-types because quoting an identifier
//! needs the keyword table of pg-parser, which the lower layers do not see
//! (PostgreSQL's `quote_identifier` consults the scanner's keyword list too).

use pg_error::{PgError, PgResult, SqlState};
use pg_types::io::{self, OutputSettings};
use pg_types::types::oid;
use pg_types::Datum;

/// PostgreSQL's `quote_identifier`: double quotes unless the name is lower
/// case letters, digits and underscores not starting with a digit, and not a
/// keyword other than an unreserved one.
pub(crate) fn quote_identifier(name: &str) -> String {
    let safe = name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && pg_parser::keywords::lookup(name)
            .is_none_or(|k| k.category == pg_parser::keywords::KeywordCategory::Unreserved);
    if safe {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "\"\""))
    }
}

/// `quote_literal_cstr`: single quotes doubled; with a backslash in the
/// text, an E'' literal with the backslashes doubled too.
fn quote_literal_text(s: &str) -> String {
    let escape = s.contains('\\');
    let mut out = String::with_capacity(s.len() + 3);
    if escape {
        out.push('E');
    }
    out.push('\'');
    for c in s.chars() {
        if c == '\'' || (escape && c == '\\') {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

fn text_arg(args: &[Datum], i: usize) -> PgResult<&str> {
    match args.get(i) {
        Some(Datum::Text(s)) => Ok(s),
        _ => Err(PgError::internal("text argument expected")),
    }
}

/// The text form of an argument of any type (its output function, under
/// the session's DateStyle, TimeZone and extra_float_digits).
fn output_text(d: &Datum) -> String {
    match d {
        Datum::Text(s) => s.clone(),
        d => io::output(io::natural_type(d), d, &io::session_output_settings()),
    }
}

/// `quote_ident(text)`.
pub(crate) fn quote_ident(args: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Text(quote_identifier(text_arg(args, 0)?)))
}

/// `quote_literal(text)`.
pub(crate) fn quote_literal(args: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Text(quote_literal_text(text_arg(args, 0)?)))
}

/// `quote_nullable(text)`: `NULL` for a null value.
pub(crate) fn quote_nullable(args: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Text(match args.first() {
        None | Some(Datum::Null) => "NULL".to_string(),
        Some(_) => quote_literal_text(text_arg(args, 0)?),
    }))
}

/// The text of a value as `$1::text` gives it: its cast to text (`true`
/// for a boolean, the mask always shown for inet), else its output
/// function under the session's settings.
fn cast_to_text(d: &Datum) -> PgResult<String> {
    if let Datum::Text(s) = d {
        return Ok(s.clone());
    }
    let settings = io::session_output_settings();
    match pg_types::perform_cast(io::natural_type(d), oid::TEXT, -1, d, true, &settings)? {
        Datum::Text(s) => Ok(s),
        _ => Err(PgError::internal("a cast to text gave no text")),
    }
}

/// `quote_literal(anyelement)`: PostgreSQL's SQL function
/// `quote_literal($1::text)`.
pub(crate) fn quote_literal_any(args: &[Datum]) -> PgResult<Datum> {
    let value = args.first().ok_or_else(|| PgError::internal("quote_literal without its argument"))?;
    Ok(Datum::Text(quote_literal_text(&cast_to_text(value)?)))
}

/// `quote_nullable(anyelement)`: `quote_nullable($1::text)`.
pub(crate) fn quote_nullable_any(args: &[Datum]) -> PgResult<Datum> {
    Ok(Datum::Text(match args.first() {
        None | Some(Datum::Null) => "NULL".to_string(),
        Some(value) => quote_literal_text(&cast_to_text(value)?),
    }))
}

fn format_error(message: &str) -> PgError {
    PgError::new(SqlState::INVALID_PARAMETER_VALUE, message.to_string())
}

fn unterminated() -> PgError {
    format_error("unterminated format() type specifier").with_hint("For a single \"%\" use \"%%\".")
}

fn too_few_arguments() -> PgError {
    format_error("too few arguments for format()")
}

/// Reads a run of digits (`text_format_parse_digits`); None when there is none.
fn parse_digits(chars: &[char], i: &mut usize) -> PgResult<Option<i32>> {
    let mut value: Option<i32> = None;
    while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
        let v = value
            .unwrap_or(0)
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as i32))
            .ok_or_else(|| PgError::new(SqlState::NUMERIC_VALUE_OUT_OF_RANGE, "number is out of range"))?;
        value = Some(v);
        *i += 1;
        if *i >= chars.len() {
            return Err(unterminated());
        }
    }
    Ok(value)
}

/// One conversion's optional parts (`text_format_parse_format`).
#[derive(Default)]
struct Spec {
    /// Argument position (1-based), 0 for the next one.
    arg: i32,
    /// Position of the argument holding the width: None for none, Some(0)
    /// for the next argument.
    width_arg: Option<i32>,
    width: i32,
    left: bool,
}

fn advance(chars: &[char], i: &mut usize) -> PgResult<()> {
    *i += 1;
    if *i >= chars.len() {
        return Err(unterminated());
    }
    Ok(())
}

fn parse_spec(chars: &[char], i: &mut usize) -> PgResult<Spec> {
    let mut spec = Spec::default();
    if let Some(n) = parse_digits(chars, i)? {
        if chars[*i] != '$' {
            // The digits were a width: nothing else may follow.
            spec.width = n;
            return Ok(spec);
        }
        if n == 0 {
            return Err(format_error("format specifies argument 0, but arguments are numbered from 1"));
        }
        spec.arg = n;
        advance(chars, i)?;
    }
    while chars[*i] == '-' {
        spec.left = true;
        advance(chars, i)?;
    }
    if chars[*i] == '*' {
        advance(chars, i)?;
        match parse_digits(chars, i)? {
            Some(n) => {
                if chars[*i] != '$' {
                    return Err(format_error("width argument position must be ended by \"$\""));
                }
                if n == 0 {
                    return Err(format_error("format specifies argument 0, but arguments are numbered from 1"));
                }
                spec.width_arg = Some(n);
                advance(chars, i)?;
            }
            None => spec.width_arg = Some(0),
        }
    } else if let Some(n) = parse_digits(chars, i)? {
        spec.width = n;
    }
    Ok(spec)
}

/// Pads `s` with spaces to `width` characters, on the left unless `left`.
/// The result is one string buffer, limited to 1 GB as PostgreSQL's
/// StringInfo is ("Cannot enlarge string buffer ...").
fn append_padded(out: &mut String, s: &str, width: i32, left: bool) -> PgResult<()> {
    let pad = (width.max(0) as usize).saturating_sub(s.chars().count());
    pg_mcxt::limits::enlarge_string(out, pad + s.len())?;
    if !left {
        out.extend(std::iter::repeat_n(' ', pad));
    }
    out.push_str(s);
    if left {
        out.extend(std::iter::repeat_n(' ', pad));
    }
    Ok(())
}

/// `format(formatstr [, arg ...])`. Not strict: a null format string gives
/// null; null arguments print as '' (%s) or NULL (%L), and %I refuses them.
pub(crate) fn format(args: &[Datum]) -> PgResult<Datum> {
    let fmt = match args.first() {
        None | Some(Datum::Null) => return Ok(Datum::Null),
        Some(_) => text_arg(args, 0)?,
    };
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len());
    // Argument 0 is the format string itself.
    let mut next_arg: usize = 1;
    let mut take = |position: i32| -> PgResult<&Datum> {
        let arg = if position > 0 { position as usize } else { next_arg };
        next_arg = arg + 1;
        args.get(arg).ok_or_else(too_few_arguments)
    };
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        advance(&chars, &mut i)?;
        if chars[i] == '%' {
            out.push('%');
            i += 1;
            continue;
        }
        let mut spec = parse_spec(&chars, &mut i)?;
        let conversion = chars[i];
        if !matches!(conversion, 's' | 'I' | 'L') {
            return Err(format_error(&format!("unrecognized format() type specifier \"{conversion}\""))
                .with_hint("For a single \"%\" use \"%%\"."));
        }
        if let Some(position) = spec.width_arg {
            let width = match take(position)? {
                Datum::Null => 0,
                Datum::Int2(v) => *v as i32,
                Datum::Int4(v) => *v,
                d => match io::input(oid::INT4, -1, &output_text(d), &OutputSettings::default())? {
                    Datum::Int4(v) => v,
                    _ => 0,
                },
            };
            if width < 0 {
                spec.left = true;
                spec.width = width
                    .checked_neg()
                    .ok_or_else(|| PgError::new(SqlState::NUMERIC_VALUE_OUT_OF_RANGE, "number is out of range"))?;
            } else {
                spec.width = width;
            }
        }
        let value = take(spec.arg)?;
        let text = match (value, conversion) {
            (Datum::Null, 's') => String::new(),
            (Datum::Null, 'L') => "NULL".to_string(),
            (Datum::Null, _) => {
                return Err(PgError::new(
                    SqlState::NULL_VALUE_NOT_ALLOWED,
                    "null values cannot be formatted as an SQL identifier",
                ))
            }
            (d, 'I') => quote_identifier(&output_text(d)),
            (d, 'L') => quote_literal_text(&output_text(d)),
            (d, _) => output_text(d),
        };
        append_padded(&mut out, &text, spec.width, spec.left)?;
        i += 1;
        if i.is_multiple_of(4096) {
            pg_error::check_for_interrupts()?;
        }
    }
    Ok(Datum::Text(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: Vec<Datum>) -> PgResult<String> {
        match format(&args)? {
            Datum::Text(s) => Ok(s),
            d => panic!("format returned {d:?}"),
        }
    }
    fn t(s: &str) -> Datum {
        Datum::Text(s.into())
    }

    /// Outputs from PostgreSQL 15.18.
    #[test]
    fn format_matches_postgres() {
        assert_eq!(
            run(vec![t("Testing %3$s, %2$s, %s"), t("one"), t("two"), t("three")]).unwrap(),
            "Testing three, two, three"
        );
        assert_eq!(
            run(vec![
                t("%L %L %I %I %s|%5s|%-5s|"),
                t("a'b\\c"),
                Datum::Null,
                t("Foo"),
                t("select"),
                Datum::Null,
                t("x"),
                t("y")
            ])
            .unwrap(),
            "E'a''b\\\\c' NULL \"Foo\" \"select\" |    x|y    |"
        );
        assert_eq!(run(vec![t("%*s|%-*s|"), Datum::Int4(5), t("a"), Datum::Int4(4), t("b")]).unwrap(), "    a|b   |");
        assert_eq!(run(vec![t("100%% %s"), Datum::Int4(7)]).unwrap(), "100% 7");
    }

    #[test]
    fn format_errors_are_postgres_errors() {
        let code = |args: Vec<Datum>| run(args).unwrap_err().code.code().to_string();
        assert_eq!(code(vec![t("%s %s"), Datum::Int4(1)]), "22023");
        assert_eq!(code(vec![t("%z"), Datum::Int4(1)]), "22023");
        assert_eq!(code(vec![t("abc %")]), "22023");
        assert_eq!(code(vec![t("%0$s"), Datum::Int4(1)]), "22023");
        assert_eq!(code(vec![t("%I"), Datum::Null]), "22004");
        assert_eq!(code(vec![t("%99999999999s"), Datum::Int4(1)]), "22003");
    }
}
