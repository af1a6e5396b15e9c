//! Encoding names and conversions for `convert()`, `convert_from()` and
//! `convert_to()` (PostgreSQL's `common/encnames.c`, `mb/mbutils.c`).
//!
//! The database encoding is always UTF8. Every encoding name PostgreSQL
//! accepts is recognised (its spellings are compared as `clean_encoding_name`
//! does: lower case, letters and digits only); conversions between UTF8,
//! LATIN1 and SQL_ASCII are done, others answer 0A000.

use pg_error::{PgError, PgResult, SqlState};

/// PostgreSQL's encoding name spellings (`pg_encname_tbl`, cleaned) and the
/// canonical name each stands for (`pg_enc2name_tbl`).
static ENCODING_NAMES: &[(&str, &str)] = &[
    ("abc", "WIN1258"),
    ("alt", "WIN866"),
    ("big5", "BIG5"),
    ("euccn", "EUC_CN"),
    ("eucjis2004", "EUC_JIS_2004"),
    ("eucjp", "EUC_JP"),
    ("euckr", "EUC_KR"),
    ("euctw", "EUC_TW"),
    ("gb18030", "GB18030"),
    ("gbk", "GBK"),
    ("iso88591", "LATIN1"),
    ("iso885910", "LATIN6"),
    ("iso885913", "LATIN7"),
    ("iso885914", "LATIN8"),
    ("iso885915", "LATIN9"),
    ("iso885916", "LATIN10"),
    ("iso88592", "LATIN2"),
    ("iso88593", "LATIN3"),
    ("iso88594", "LATIN4"),
    ("iso88595", "ISO_8859_5"),
    ("iso88596", "ISO_8859_6"),
    ("iso88597", "ISO_8859_7"),
    ("iso88598", "ISO_8859_8"),
    ("iso88599", "LATIN5"),
    ("johab", "JOHAB"),
    ("koi8", "KOI8R"),
    ("koi8r", "KOI8R"),
    ("koi8u", "KOI8U"),
    ("latin1", "LATIN1"),
    ("latin10", "LATIN10"),
    ("latin2", "LATIN2"),
    ("latin3", "LATIN3"),
    ("latin4", "LATIN4"),
    ("latin5", "LATIN5"),
    ("latin6", "LATIN6"),
    ("latin7", "LATIN7"),
    ("latin8", "LATIN8"),
    ("latin9", "LATIN9"),
    ("mskanji", "SJIS"),
    ("muleinternal", "MULE_INTERNAL"),
    ("shiftjis", "SJIS"),
    ("shiftjis2004", "SHIFT_JIS_2004"),
    ("sjis", "SJIS"),
    ("sqlascii", "SQL_ASCII"),
    ("tcvn", "WIN1258"),
    ("tcvn5712", "WIN1258"),
    ("uhc", "UHC"),
    ("unicode", "UTF8"),
    ("utf8", "UTF8"),
    ("vscii", "WIN1258"),
    ("win", "WIN1251"),
    ("win1250", "WIN1250"),
    ("win1251", "WIN1251"),
    ("win1252", "WIN1252"),
    ("win1253", "WIN1253"),
    ("win1254", "WIN1254"),
    ("win1255", "WIN1255"),
    ("win1256", "WIN1256"),
    ("win1257", "WIN1257"),
    ("win1258", "WIN1258"),
    ("win866", "WIN866"),
    ("win874", "WIN874"),
    ("win932", "SJIS"),
    ("win936", "GBK"),
    ("win949", "UHC"),
    ("win950", "BIG5"),
    ("windows1250", "WIN1250"),
    ("windows1251", "WIN1251"),
    ("windows1252", "WIN1252"),
    ("windows1253", "WIN1253"),
    ("windows1254", "WIN1254"),
    ("windows1255", "WIN1255"),
    ("windows1256", "WIN1256"),
    ("windows1257", "WIN1257"),
    ("windows1258", "WIN1258"),
    ("windows866", "WIN866"),
    ("windows874", "WIN874"),
    ("windows932", "SJIS"),
    ("windows936", "GBK"),
    ("windows949", "UHC"),
    ("windows950", "BIG5"),
];

/// The canonical name of an encoding spelled `name` (`pg_char_to_encoding`).
pub fn encoding_by_name(name: &str) -> Option<&'static str> {
    let clean: String = name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    ENCODING_NAMES.iter().find(|(spelling, _)| *spelling == clean).map(|(_, canonical)| *canonical)
}

/// `report_invalid_encoding`: the bytes of the character that does not fit.
fn invalid_byte_sequence(encoding: &str, bytes: &[u8]) -> PgError {
    // pg_utf_mblen: the length the lead byte announces.
    let announced = match bytes.first() {
        Some(b) if b & 0xE0 == 0xC0 => 2,
        Some(b) if b & 0xF0 == 0xE0 => 3,
        Some(b) if b & 0xF8 == 0xF0 => 4,
        _ => 1,
    };
    let len = if encoding == "UTF8" { announced.min(bytes.len()) } else { 1 };
    let shown: Vec<String> = bytes[..len].iter().map(|b| format!("0x{b:02x}")).collect();
    PgError::new(
        SqlState::CHARACTER_NOT_IN_REPERTOIRE,
        format!("invalid byte sequence for encoding \"{encoding}\": {}", shown.join(" ")),
    )
}

/// `pg_verify_mbstr`: UTF8 must be valid and NUL-free; single-byte
/// encodings only refuse NUL.
fn verify(encoding: &str, bytes: &[u8]) -> PgResult<()> {
    if encoding == "UTF8" {
        if let Err(e) = std::str::from_utf8(bytes) {
            return Err(invalid_byte_sequence(encoding, &bytes[e.valid_up_to()..]));
        }
    }
    match bytes.iter().position(|&b| b == 0) {
        Some(i) => Err(invalid_byte_sequence(encoding, &bytes[i..])),
        None => Ok(()),
    }
}

/// `pg_convert`: `bytes` in encoding `src` converted to `dest` (both
/// canonical names).
pub fn convert(bytes: &[u8], src: &str, dest: &str) -> PgResult<Vec<u8>> {
    verify(src, bytes)?;
    if src == dest || dest == "SQL_ASCII" || bytes.is_empty() {
        return Ok(bytes.to_vec());
    }
    if src == "SQL_ASCII" {
        // No conversion is possible, but the result must be valid in dest.
        verify(dest, bytes)?;
        return Ok(bytes.to_vec());
    }
    match (src, dest) {
        ("LATIN1", "UTF8") => Ok(bytes.iter().map(|&b| b as char).collect::<String>().into_bytes()),
        ("UTF8", "LATIN1") => {
            let text = std::str::from_utf8(bytes).map_err(|_| invalid_byte_sequence(src, bytes))?;
            text.chars()
                .map(|c| {
                    u8::try_from(c as u32).map_err(|_| {
                        let mut buf = [0u8; 4];
                        let shown: Vec<String> =
                            c.encode_utf8(&mut buf).bytes().map(|b| format!("0x{b:02x}")).collect();
                        PgError::new(
                            SqlState::UNTRANSLATABLE_CHARACTER,
                            format!(
                                "character with byte sequence {} in encoding \"UTF8\" has no equivalent in encoding \"LATIN1\"",
                                shown.join(" ")
                            ),
                        )
                    })
                })
                .collect()
        }
        _ => Err(PgError::not_supported(format!("conversion from {src} to {dest} is not supported yet"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_as_postgres_cleans_them() {
        assert_eq!(encoding_by_name("UTF-8"), Some("UTF8"));
        assert_eq!(encoding_by_name("latin-1"), Some("LATIN1"));
        assert_eq!(encoding_by_name("Windows-1252"), Some("WIN1252"));
        assert_eq!(encoding_by_name("rel_no_such_enc"), None);
    }

    /// Errors as PostgreSQL 15.18 words them.
    #[test]
    fn conversions_and_their_errors() {
        assert_eq!(convert(b"a\xe9", "LATIN1", "UTF8").unwrap(), "aé".as_bytes());
        assert_eq!(convert("é".as_bytes(), "UTF8", "SQL_ASCII").unwrap(), "é".as_bytes());
        let e = convert(b"\xe2\x82", "UTF8", "UTF8").unwrap_err();
        assert_eq!(e.message, "invalid byte sequence for encoding \"UTF8\": 0xe2 0x82");
        let e = convert("a€".as_bytes(), "UTF8", "LATIN1").unwrap_err();
        assert_eq!(
            e.message,
            "character with byte sequence 0xe2 0x82 0xac in encoding \"UTF8\" has no equivalent in encoding \"LATIN1\""
        );
        let e = convert(b"\xe9", "SQL_ASCII", "UTF8").unwrap_err();
        assert_eq!(e.message, "invalid byte sequence for encoding \"UTF8\": 0xe9");
    }
}
