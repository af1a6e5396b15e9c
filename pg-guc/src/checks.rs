//! Built-in check hooks: validation and normalisation that PostgreSQL does in
//! `commands/variable.c` (`check_datestyle`, `check_client_encoding`) and
//! `utils/adt/pg_locale.c` (`check_locale_*`), for settings whose value is a
//! string with structure.
//!
//! A check returns the normalised value, or an error whose empty message the
//! registry fills with PostgreSQL's `invalid value for parameter "x": "v"`
//! (the equivalent of `GUC_check_errdetail`).

use pg_error::{PgError, PgResult, SqlState};

/// A check failure with only a detail: the registry supplies the message.
pub(crate) fn check_failed_detail(detail: impl Into<String>) -> PgError {
    PgError::new(SqlState::INVALID_PARAMETER_VALUE, "").with_detail(detail)
}

/// A check failure with neither message nor detail.
pub(crate) fn check_failed() -> PgError {
    PgError::new(SqlState::INVALID_PARAMETER_VALUE, "")
}

/// Splits a list the way `SplitIdentifierString(.., ',', ..)` does: items are
/// separated by commas, surrounding whitespace is dropped, unquoted items are
/// folded to lower case and double-quoted ones keep their case (`""` is a
/// quote). Returns None for invalid list syntax.
pub fn split_identifier_list(text: &str) -> Option<Vec<String>> {
    let mut items = Vec::new();
    let mut chars = text.chars().peekable();
    let skip_ws = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
    };
    skip_ws(&mut chars);
    if chars.peek().is_none() {
        return Some(items);
    }
    loop {
        let mut item = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next() {
                    None => return None,
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        item.push('"');
                    }
                    Some('"') => break,
                    Some(c) => item.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' || c.is_whitespace() {
                    break;
                }
                item.push(c.to_ascii_lowercase());
                chars.next();
            }
            if item.is_empty() {
                return None;
            }
        }
        items.push(item);
        skip_ws(&mut chars);
        match chars.next() {
            None => return Some(items),
            Some(',') => skip_ws(&mut chars),
            Some(_) => return None,
        }
    }
}

/// `check_datestyle`: a list of output style and field order keywords. Keywords
/// not given keep their part of `current`; `DEFAULT` stands for `reset_value`.
/// The result is canonical, e.g. `German, DMY`.
pub(crate) fn check_datestyle(value: &str, current: &str, reset_value: &str) -> PgResult<String> {
    let (mut style, mut order) = split_datestyle(current);
    let mut have_style = false;
    let mut have_order = false;
    let mut conflict = false;
    let items = split_identifier_list(value).ok_or_else(|| check_failed_detail("List syntax is invalid."))?;
    for item in &items {
        let mut set_style = |s: &'static str, style: &mut &'static str| {
            if have_style && *style != s {
                conflict = true;
            }
            *style = s;
            have_style = true;
        };
        match item.to_ascii_lowercase().as_str() {
            "iso" => set_style("ISO", &mut style),
            "sql" => set_style("SQL", &mut style),
            "postgres" => set_style("Postgres", &mut style),
            "german" => {
                set_style("German", &mut style);
                if !have_order {
                    order = "DMY";
                }
            }
            word @ ("ymd" | "dmy" | "euro" | "european" | "mdy" | "us" | "noneuro" | "noneuropean") => {
                let o = match word {
                    "ymd" => "YMD",
                    "dmy" | "euro" | "european" => "DMY",
                    _ => "MDY",
                };
                if have_order && order != o {
                    conflict = true;
                }
                order = o;
                have_order = true;
            }
            "default" => {
                let canonical = check_datestyle(reset_value, current, "ISO, MDY")?;
                let (s, o) = split_datestyle(&canonical);
                if !have_style {
                    style = s;
                }
                if !have_order {
                    order = o;
                }
            }
            _ => return Err(check_failed_detail(format!("Unrecognized key word: \"{item}\"."))),
        }
    }
    if conflict {
        return Err(check_failed_detail("Conflicting \"datestyle\" specifications."));
    }
    Ok(format!("{style}, {order}"))
}

/// Splits a canonical DateStyle into its style and order parts.
fn split_datestyle(canonical: &str) -> (&'static str, &'static str) {
    let (s, o) = canonical.split_once(", ").unwrap_or(("ISO", "MDY"));
    let style = ["ISO", "SQL", "Postgres", "German"].into_iter().find(|x| *x == s).unwrap_or("ISO");
    let order = ["YMD", "DMY", "MDY"].into_iter().find(|x| *x == o).unwrap_or("MDY");
    (style, order)
}

/// PostgreSQL's encoding names (`pg_enc2name_tbl`) with their accepted
/// aliases, in the "clean" form `clean_encoding_name` produces: lower case with
/// every non-alphanumeric character removed.
const ENCODINGS: &[(&str, &[&str])] = &[
    ("SQL_ASCII", &["sqlascii"]),
    ("UTF8", &["utf8", "unicode"]),
    ("EUC_JP", &["eucjp"]),
    ("EUC_CN", &["euccn"]),
    ("EUC_KR", &["euckr"]),
    ("EUC_TW", &["euctw"]),
    ("EUC_JIS_2004", &["eucjis2004"]),
    ("MULE_INTERNAL", &["muleinternal"]),
    ("LATIN1", &["latin1", "iso88591"]),
    ("LATIN2", &["latin2", "iso88592"]),
    ("LATIN3", &["latin3", "iso88593"]),
    ("LATIN4", &["latin4", "iso88594"]),
    ("LATIN5", &["latin5", "iso88599"]),
    ("LATIN6", &["latin6", "iso885910"]),
    ("LATIN7", &["latin7", "iso885913"]),
    ("LATIN8", &["latin8", "iso885914"]),
    ("LATIN9", &["latin9", "iso885915"]),
    ("LATIN10", &["latin10", "iso885916"]),
    ("ISO_8859_5", &["iso88595"]),
    ("ISO_8859_6", &["iso88596"]),
    ("ISO_8859_7", &["iso88597"]),
    ("ISO_8859_8", &["iso88598"]),
    ("WIN1250", &["win1250", "windows1250"]),
    ("WIN1251", &["win1251", "windows1251", "win"]),
    ("WIN1252", &["win1252", "windows1252"]),
    ("WIN1253", &["win1253", "windows1253"]),
    ("WIN1254", &["win1254", "windows1254"]),
    ("WIN1255", &["win1255", "windows1255"]),
    ("WIN1256", &["win1256", "windows1256"]),
    ("WIN1257", &["win1257", "windows1257"]),
    ("WIN1258", &["win1258", "windows1258", "abc", "tcvn", "tcvn5712", "vscii"]),
    ("WIN866", &["win866", "alt"]),
    ("WIN874", &["win874"]),
    ("KOI8R", &["koi8r", "koi8"]),
    ("KOI8U", &["koi8u"]),
    ("SJIS", &["sjis", "mskanji", "shiftjis"]),
    ("SHIFT_JIS_2004", &["shiftjis2004"]),
    ("BIG5", &["big5"]),
    ("GBK", &["gbk"]),
    ("UHC", &["uhc"]),
    ("GB18030", &["gb18030"]),
    ("JOHAB", &["johab"]),
];

/// The canonical name of an encoding given under any accepted spelling
/// (`utf-8`, `Unicode`, `iso-8859-1`), or None if PostgreSQL does not know it.
pub fn canonical_encoding_name(name: &str) -> Option<&'static str> {
    let clean: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect();
    ENCODINGS.iter().find(|(_, aliases)| aliases.contains(&clean.as_str())).map(|(canonical, _)| *canonical)
}

/// `check_client_encoding`: the server stores UTF8 and converts to nothing
/// else yet, so only UTF8 and SQL_ASCII (no conversion) are accepted; other
/// encodings PostgreSQL knows get its "conversion not supported" detail. A
/// higher layer that implements conversions registers its own check hook.
pub(crate) fn check_client_encoding(value: &str) -> PgResult<String> {
    match canonical_encoding_name(value) {
        Some(name @ ("UTF8" | "SQL_ASCII")) => Ok(name.to_string()),
        Some(name) => Err(check_failed_detail(format!("Conversion between {name} and UTF8 is not supported."))),
        None => Err(check_failed()),
    }
}

/// `check_locale_*`: the server implements only the C locale, so accept its
/// spellings (and the empty string, which means "inherit", here C).
pub(crate) fn check_locale(value: &str) -> PgResult<String> {
    match value {
        "" | "C" | "POSIX" | "C.UTF-8" | "C.utf8" | "C.UTF8" => Ok(value.to_string()),
        _ => Err(check_failed()),
    }
}

/// `check_timezone_abbreviations`: the abbreviation files PostgreSQL ships.
pub(crate) fn check_timezone_abbreviations(value: &str) -> PgResult<String> {
    match value {
        "Default" | "Australia" | "India" => Ok(value.to_string()),
        _ => Err(check_failed()),
    }
}

/// `application_name` and `cluster_name`: printable ASCII only, every other
/// byte replaced by `?` (`pg_clean_ascii`), since the value reaches other
/// sessions and the log whatever their encoding.
pub fn check_clean_ascii(value: &str) -> PgResult<String> {
    Ok(value.bytes().map(|b| if (32..127).contains(&b) { b as char } else { '?' }).collect())
}

/// `application_name`: a `name` in `pg_stat_activity`, so cut to 63 bytes
/// with PostgreSQL's NOTICE 42622 (before the cleaning, as PostgreSQL 15
/// does: a cut multibyte value becomes that many `?`), then clean ASCII.
pub fn check_application_name(value: &str) -> PgResult<String> {
    let mut v = value.to_string();
    pg_error::notice::truncate_identifier(&mut v, true);
    check_clean_ascii(&v)
}

/// `backtrace_functions`: C function names, separated by commas
/// (`check_backtrace_functions`).
pub fn check_backtrace_functions(value: &str) -> PgResult<String> {
    if value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ' ' | '\n' | '\t' | ',')) {
        Ok(value.to_string())
    } else {
        Err(check_failed_detail("invalid character"))
    }
}

/// A list setting whose items must be among `allowed` (case-insensitively):
/// `restrict_nonsystem_relation_kind`, `wal_consistency_checking`.
fn check_keyword_list(value: &str, allowed: &[&str]) -> PgResult<String> {
    let items = split_identifier_list(value).ok_or_else(|| check_failed_detail("List syntax is invalid."))?;
    for item in items {
        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(&item)) {
            return Err(check_failed_detail(format!("Unrecognized key word: \"{item}\".")));
        }
    }
    Ok(value.to_string())
}

/// `restrict_nonsystem_relation_kind`.
pub fn check_restrict_nonsystem_relation_kind(value: &str) -> PgResult<String> {
    check_keyword_list(value, &["view", "foreign-table"])
}

/// `wal_consistency_checking`: `all` or the resource managers whose pages
/// can be masked for comparison (PostgreSQL 15's list).
pub fn check_wal_consistency_checking(value: &str) -> PgResult<String> {
    check_keyword_list(
        value,
        &["all", "Heap2", "Heap", "Btree", "Hash", "Gin", "Gist", "Sequence", "SPGist", "BRIN", "Generic"],
    )
}

/// `default_with_oids` exists only so old dumps that set it to false
/// restore; true is refused as PostgreSQL 12 and later refuse it.
pub fn check_default_with_oids(value: &str) -> PgResult<String> {
    if value == "on" {
        return Err(PgError::new(SqlState::FEATURE_NOT_SUPPORTED, "tables declared WITH OIDS are not supported"));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datestyle() {
        let check = |value: &str, current: &str, expect: Result<&str, &str>| {
            let got = check_datestyle(value, current, "ISO, MDY");
            match (got, expect) {
                (Ok(g), Ok(e)) => assert_eq!(g, e, "{value:?}"),
                (Err(g), Err(e)) => assert_eq!(g.detail.as_deref(), Some(e), "{value:?}"),
                (g, e) => panic!("{value:?}: got {g:?}, expected {e:?}"),
            }
        };
        check("german", "ISO, MDY", Ok("German, DMY"));
        check("sql, dmy", "ISO, MDY", Ok("SQL, DMY"));
        check("ymd", "SQL, DMY", Ok("SQL, YMD"));
        check("postgres", "SQL, YMD", Ok("Postgres, YMD"));
        check("iso,iso", "Postgres, YMD", Ok("ISO, YMD"));
        check("euro", "ISO, MDY", Ok("ISO, DMY"));
        check("US", "ISO, DMY", Ok("ISO, MDY"));
        check("nonEuropean", "ISO, DMY", Ok("ISO, MDY"));
        check("default, sql", "German, DMY", Ok("SQL, MDY"));
        check("", "SQL, DMY", Ok("SQL, DMY"));
        check("german, ymd", "ISO, MDY", Ok("German, YMD"));
        check("iso,german", "ISO, MDY", Err("Conflicting \"datestyle\" specifications."));
        check("bogus", "ISO, MDY", Err("Unrecognized key word: \"bogus\"."));
        check("iso german", "ISO, MDY", Err("List syntax is invalid."));
    }

    #[test]
    fn encodings() {
        for (name, expect) in [
            ("UTF8", Some("UTF8")),
            ("utf-8", Some("UTF8")),
            ("Unicode", Some("UTF8")),
            ("utf8 ", Some("UTF8")),
            ("sql_ascii", Some("SQL_ASCII")),
            ("iso-8859-1", Some("LATIN1")),
            ("latin9", Some("LATIN9")),
            ("euc_jp", Some("EUC_JP")),
            ("bogus", None),
        ] {
            assert_eq!(canonical_encoding_name(name), expect, "{name}");
        }
        assert_eq!(check_client_encoding("unicode"), Ok("UTF8".to_string()));
        let e = check_client_encoding("latin9").unwrap_err();
        assert_eq!(e.detail.as_deref(), Some("Conversion between LATIN9 and UTF8 is not supported."));
    }

    #[test]
    fn identifier_lists() {
        assert_eq!(split_identifier_list(" a , \"B c\",d "), Some(vec!["a".into(), "B c".into(), "d".into()]));
        assert_eq!(split_identifier_list(""), Some(vec![]));
        assert_eq!(split_identifier_list("a,,b"), None);
        assert_eq!(split_identifier_list("a b"), None);
        assert_eq!(split_identifier_list("\"x"), None);
    }
}
