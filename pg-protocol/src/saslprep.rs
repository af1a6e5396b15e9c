//! A subset of SASLprep (RFC 4013), applied to passwords before hashing as
//! PostgreSQL's `pg_saslprep` does.
//!
//! Implemented: the ASCII fast path (any pure-ASCII string is used
//! unchanged, as in PostgreSQL), mapping of non-ASCII spaces (RFC 3454 C.1.2)
//! to U+0020, removal of "commonly mapped to nothing" characters (B.1), and
//! the prohibited-output check (C.2.2, C.3, C.4, C.5, C.6, C.7, C.8, C.9).
//! Not implemented: NFKC normalisation and the bidirectional check. A
//! password containing characters that NFKC changes (full-width letters,
//! ligatures, ...) therefore hashes differently here than in PostgreSQL.
//! As in PostgreSQL, a password SASLprep rejects is used as it was given.

/// RFC 3454 C.1.2: non-ASCII space characters.
fn is_non_ascii_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{1680}' | '\u{2000}'..='\u{200B}' | '\u{202F}' | '\u{205F}' | '\u{3000}')
}

/// RFC 3454 B.1: commonly mapped to nothing.
fn is_mapped_to_nothing(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{1806}'
            | '\u{180B}'..='\u{180D}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
    )
}

/// RFC 4013 section 2.3: prohibited output (the non-space tables).
fn is_prohibited(c: char) -> bool {
    matches!(c,
        // C.2.1 / C.2.2 control characters.
        '\u{0000}'..='\u{001F}' | '\u{007F}' | '\u{0080}'..='\u{009F}' | '\u{06DD}' | '\u{070F}' | '\u{180E}'
        | '\u{200C}' | '\u{200D}' | '\u{2028}' | '\u{2029}' | '\u{2060}'..='\u{2063}' | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFC}' | '\u{1D173}'..='\u{1D17A}'
        // C.3 private use.
        | '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}'
        // C.4 non-character code points.
        | '\u{FDD0}'..='\u{FDEF}' | '\u{FFFE}' | '\u{FFFF}'
        // C.6, C.7 inappropriate for plain text / canonical representation.
        | '\u{2FF0}'..='\u{2FFB}'
        // C.8 change display properties.
        | '\u{0340}' | '\u{0341}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
        // C.9 tagging characters.
        | '\u{E0001}' | '\u{E0020}'..='\u{E007F}'
    ) || (c as u32 & 0xFFFE) == 0xFFFE
}

/// SASLprep, or `None` when the result would hold a prohibited character.
pub fn saslprep(input: &str) -> Option<String> {
    if input.is_ascii() {
        return Some(input.to_owned());
    }
    let mapped: String = input
        .chars()
        .filter(|&c| !is_mapped_to_nothing(c))
        .map(|c| if is_non_ascii_space(c) { ' ' } else { c })
        .collect();
    if mapped.chars().any(is_prohibited) {
        return None;
    }
    Some(mapped)
}

/// What PostgreSQL hashes: the SASLprep'ed password, or the password as
/// given when SASLprep rejects it.
pub fn saslprep_or_raw(input: &str) -> std::borrow::Cow<'_, str> {
    match saslprep(input) {
        Some(p) if p == input => std::borrow::Cow::Borrowed(input),
        Some(p) => std::borrow::Cow::Owned(p),
        None => std::borrow::Cow::Borrowed(input),
    }
}
