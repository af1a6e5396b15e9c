//! Date/time templates: `to_char` of timestamp, timestamptz and interval
//! (PostgreSQL's `DCH_to_char`), and `to_date` / `to_timestamp` (its
//! `DCH_from_char` and `do_to_timestamp`), plus `to_timestamp(float8)`.
//!
//! Parsing is lenient as PostgreSQL's is outside `FX` mode: blanks before
//! fields are skipped, a template separator matches one separator or blank
//! of the input (or nothing), a literal skips one input character whatever
//! it is, and a numeric field followed by a non-digit field reads as many
//! digits as there are. The fields gathered (`TmFromChar`) are then turned
//! into a date in PostgreSQL's order of precedence (`SSSS`, then `HH/MI/SS`,
//! year with century, Julian day, ISO week, day of year, ...).

use super::num::get_th;
use super::{is_c_space, is_separator_char, mblen, parse_format, DateMode, FormatNode, KeyWord};
use super::{S_FM, S_LOWER_TH, S_TH, S_TM};
use crate::datetime::{self, USECS_PER_DAY, USECS_PER_HOUR, USECS_PER_MINUTE, USECS_PER_SEC};
use crate::datum::{Datum, TS_NEG_INFINITY, TS_POS_INFINITY};
use crate::errors;
use crate::funcs::{arg, text};
use pg_error::{PgError, PgResult, SqlState};

/// `DCH_poz`: the keywords of date/time templates. The variants are spelled
/// as the template keywords they stand for, case included (`DAY`, `Day`).
#[allow(clippy::upper_case_acronyms)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dch {
    ADotD,
    ADotM,
    AD,
    AM,
    BDotC,
    BC,
    CC,
    DAY,
    DDD,
    DD,
    DY,
    Day,
    Dy,
    D,
    FF(u8),
    FX,
    HH24,
    HH12,
    HH,
    IDDD,
    ID,
    IW,
    IYYY,
    IYY,
    IY,
    I,
    J,
    MI,
    MM,
    MONTH,
    MON,
    MS,
    Month,
    Mon,
    OF,
    PDotM,
    PM,
    Q,
    RM,
    SSSS,
    SS,
    TZH,
    TZM,
    TZ,
    US,
    WW,
    W,
    YComma,
    YYYY,
    YYY,
    YY,
    Y,
    LowerADotD,
    LowerADotM,
    LowerAD,
    LowerAM,
    LowerBDotC,
    LowerBC,
    LowerDay,
    LowerDy,
    LowerMonth,
    LowerMon,
    LowerPDotM,
    LowerPM,
    LowerRM,
    LowerTZ,
}

use DateMode::{Gregorian as G, IsoWeek as W, None as N};

const fn k(name: &'static str, id: Dch, is_digit: bool, mode: DateMode) -> KeyWord<Dch> {
    KeyWord { name, id, is_digit, mode }
}

/// `DCH_keywords`, in PostgreSQL's search order (longest spelling first
/// among those with the same first letter).
static DCH_KEYWORDS: &[KeyWord<Dch>] = &[
    k("A.D.", Dch::ADotD, false, N),
    k("A.M.", Dch::ADotM, false, N),
    k("AD", Dch::AD, false, N),
    k("AM", Dch::AM, false, N),
    k("B.C.", Dch::BDotC, false, N),
    k("BC", Dch::BC, false, N),
    k("CC", Dch::CC, true, N),
    k("DAY", Dch::DAY, false, N),
    k("DDD", Dch::DDD, true, G),
    k("DD", Dch::DD, true, G),
    k("DY", Dch::DY, false, N),
    k("Day", Dch::Day, false, N),
    k("Dy", Dch::Dy, false, N),
    k("D", Dch::D, true, G),
    k("FF1", Dch::FF(1), true, N),
    k("FF2", Dch::FF(2), true, N),
    k("FF3", Dch::FF(3), true, N),
    k("FF4", Dch::FF(4), true, N),
    k("FF5", Dch::FF(5), true, N),
    k("FF6", Dch::FF(6), true, N),
    k("FX", Dch::FX, false, N),
    k("HH24", Dch::HH24, true, N),
    k("HH12", Dch::HH12, true, N),
    k("HH", Dch::HH, true, N),
    k("IDDD", Dch::IDDD, true, W),
    k("ID", Dch::ID, true, W),
    k("IW", Dch::IW, true, W),
    k("IYYY", Dch::IYYY, true, W),
    k("IYY", Dch::IYY, true, W),
    k("IY", Dch::IY, true, W),
    k("I", Dch::I, true, W),
    k("J", Dch::J, true, N),
    k("MI", Dch::MI, true, N),
    k("MM", Dch::MM, true, G),
    k("MONTH", Dch::MONTH, false, G),
    k("MON", Dch::MON, false, G),
    k("MS", Dch::MS, true, N),
    k("Month", Dch::Month, false, G),
    k("Mon", Dch::Mon, false, G),
    k("OF", Dch::OF, false, N),
    k("P.M.", Dch::PDotM, false, N),
    k("PM", Dch::PM, false, N),
    k("Q", Dch::Q, true, N),
    k("RM", Dch::RM, false, G),
    k("SSSSS", Dch::SSSS, true, N),
    k("SSSS", Dch::SSSS, true, N),
    k("SS", Dch::SS, true, N),
    k("TZH", Dch::TZH, false, N),
    k("TZM", Dch::TZM, true, N),
    k("TZ", Dch::TZ, false, N),
    k("US", Dch::US, true, N),
    k("WW", Dch::WW, true, G),
    k("W", Dch::W, true, G),
    k("Y,YYY", Dch::YComma, true, G),
    k("YYYY", Dch::YYYY, true, G),
    k("YYY", Dch::YYY, true, G),
    k("YY", Dch::YY, true, G),
    k("Y", Dch::Y, true, G),
    k("a.d.", Dch::LowerADotD, false, N),
    k("a.m.", Dch::LowerADotM, false, N),
    k("ad", Dch::LowerAD, false, N),
    k("am", Dch::LowerAM, false, N),
    k("b.c.", Dch::LowerBDotC, false, N),
    k("bc", Dch::LowerBC, false, N),
    k("cc", Dch::CC, true, N),
    k("day", Dch::LowerDay, false, N),
    k("ddd", Dch::DDD, true, G),
    k("dd", Dch::DD, true, G),
    k("dy", Dch::LowerDy, false, N),
    k("d", Dch::D, true, G),
    k("ff1", Dch::FF(1), true, N),
    k("ff2", Dch::FF(2), true, N),
    k("ff3", Dch::FF(3), true, N),
    k("ff4", Dch::FF(4), true, N),
    k("ff5", Dch::FF(5), true, N),
    k("ff6", Dch::FF(6), true, N),
    k("fx", Dch::FX, false, N),
    k("hh24", Dch::HH24, true, N),
    k("hh12", Dch::HH12, true, N),
    k("hh", Dch::HH, true, N),
    k("iddd", Dch::IDDD, true, W),
    k("id", Dch::ID, true, W),
    k("iw", Dch::IW, true, W),
    k("iyyy", Dch::IYYY, true, W),
    k("iyy", Dch::IYY, true, W),
    k("iy", Dch::IY, true, W),
    k("i", Dch::I, true, W),
    k("j", Dch::J, true, N),
    k("mi", Dch::MI, true, N),
    k("mm", Dch::MM, true, G),
    k("month", Dch::LowerMonth, false, G),
    k("mon", Dch::LowerMon, false, G),
    k("ms", Dch::MS, true, N),
    k("of", Dch::OF, false, N),
    k("p.m.", Dch::LowerPDotM, false, N),
    k("pm", Dch::LowerPM, false, N),
    k("q", Dch::Q, true, N),
    k("rm", Dch::LowerRM, false, G),
    k("sssss", Dch::SSSS, true, N),
    k("ssss", Dch::SSSS, true, N),
    k("ss", Dch::SS, true, N),
    k("tzh", Dch::TZH, false, N),
    k("tzm", Dch::TZM, true, N),
    k("tz", Dch::LowerTZ, false, N),
    k("us", Dch::US, true, N),
    k("ww", Dch::WW, true, G),
    k("w", Dch::W, true, G),
    k("y,yyy", Dch::YComma, true, G),
    k("yyyy", Dch::YYYY, true, G),
    k("yyy", Dch::YYY, true, G),
    k("yy", Dch::YY, true, G),
    k("y", Dch::Y, true, G),
];

type Node = FormatNode<Dch>;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTHS_FULL: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const DAYS_SHORT: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
/// Roman month numerals, December first (`rm_months_lower`).
const RM_MONTHS: [&str; 12] = ["xii", "xi", "x", "ix", "viii", "vii", "vi", "v", "iv", "iii", "ii", "i"];
const AMPM: [&str; 4] = ["am", "pm", "AM", "PM"];
const AMPM_LONG: [&str; 4] = ["a.m.", "p.m.", "A.M.", "P.M."];
const ADBC: [&str; 4] = ["ad", "bc", "AD", "BC"];
const ADBC_LONG: [&str; 4] = ["a.d.", "b.c.", "A.D.", "B.C."];

/// The Julian day number of 2000-01-01, PostgreSQL's epoch.
const POSTGRES_EPOCH_JDATE: i64 = 2_451_545;

/// `date2j`: the Julian day of a date (astronomical years), with C's
/// `int` arithmetic so that interval fields (month 0, negative days) give
/// PostgreSQL's numbers too.
fn date2j(year: i64, month: i64, day: i64) -> i64 {
    let (mut y, mut m, d) = (year as i32, month as i32, day as i32);
    if m > 2 {
        m = m.wrapping_add(1);
        y = y.wrapping_add(4800);
    } else {
        m = m.wrapping_add(13);
        y = y.wrapping_add(4799);
    }
    let century = y / 100;
    let mut julian = y.wrapping_mul(365).wrapping_sub(32167);
    julian = julian.wrapping_add(y / 4 - century + century / 4);
    julian = julian.wrapping_add(7834i32.wrapping_mul(m) / 256).wrapping_add(d);
    julian as i64
}

/// `j2date`.
fn j2date(jd: i64) -> (i64, i64, i64) {
    let mut julian = (jd as i32 as u32).wrapping_add(32044);
    let mut quad = julian / 146097;
    let extra = (julian.wrapping_sub(quad.wrapping_mul(146097))).wrapping_mul(4).wrapping_add(3);
    julian = julian.wrapping_add(60 + quad.wrapping_mul(3) + extra / 146097);
    quad = julian / 1461;
    julian = julian.wrapping_sub(quad.wrapping_mul(1461));
    let mut y = (julian.wrapping_mul(4) / 1461) as i32;
    julian = if y != 0 { (julian + 305) % 365 } else { (julian + 306) % 366 } + 123;
    y = y.wrapping_add(quad.wrapping_mul(4) as i32);
    let year = y.wrapping_sub(4800);
    let q = julian.wrapping_mul(2141) / 65536;
    let day = julian.wrapping_sub(7834u32.wrapping_mul(q) / 256);
    let month = (q + 10) % 12 + 1;
    (year as i64, month as i64, day as i64)
}

/// `j2day`: 0 = Sunday.
fn j2day(j: i64) -> i64 {
    (j + 1).rem_euclid(7)
}

/// `isoweek2j`: the Julian day of the Monday of ISO week `week` of `year`.
fn isoweek2j(year: i64, week: i64) -> i64 {
    let day4 = date2j(year, 1, 4);
    let day0 = j2day(day4 - 1);
    (week - 1) * 7 + (day4 - day0)
}

/// `date2isoweek`.
fn date2isoweek(year: i64, mon: i64, mday: i64) -> i64 {
    let dayn = date2j(year, mon, mday);
    let mut day4 = date2j(year, 1, 4);
    let mut day0 = j2day(day4 - 1);
    if dayn < day4 - day0 {
        day4 = date2j(year - 1, 1, 4);
        day0 = j2day(day4 - 1);
    }
    let mut result = (dayn - (day4 - day0)) / 7 + 1;
    if result >= 52 {
        day4 = date2j(year + 1, 1, 4);
        day0 = j2day(day4 - 1);
        if dayn >= day4 - day0 {
            result = (dayn - (day4 - day0)) / 7 + 1;
        }
    }
    result
}

/// `date2isoyear`.
fn date2isoyear(year: i64, mon: i64, mday: i64) -> i64 {
    let mut year = year;
    let dayn = date2j(year, mon, mday);
    let mut day4 = date2j(year, 1, 4);
    let mut day0 = j2day(day4 - 1);
    if dayn < day4 - day0 {
        day4 = date2j(year - 1, 1, 4);
        day0 = j2day(day4 - 1);
        year -= 1;
    }
    let result = (dayn - (day4 - day0)) / 7 + 1;
    if result >= 52 {
        day4 = date2j(year + 1, 1, 4);
        day0 = j2day(day4 - 1);
        if dayn >= day4 - day0 {
            year += 1;
        }
    }
    year
}

/// `date2isoyearday`.
fn date2isoyearday(year: i64, mon: i64, mday: i64) -> i64 {
    date2j(year, mon, mday) - isoweek2j(date2isoyear(year, mon, mday), 1) + 1
}

/// `isoweek2date`.
fn isoweek2date(woy: i64, year: i64) -> (i64, i64, i64) {
    j2date(isoweek2j(year, woy))
}

/// `isoweekdate2date`: `wday` counts from Sunday = 1.
fn isoweekdate2date(isoweek: i64, wday: i64, year: i64) -> (i64, i64, i64) {
    let mut jday = isoweek2j(year, isoweek);
    if wday > 1 {
        jday += wday - 2;
    } else {
        jday += 6;
    }
    j2date(jday)
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

// ----- to_char ------------------------------------------------------------------------

/// `TmToChar`: the broken-down value `DCH_to_char` prints.
struct TmToChar {
    year: i64,
    mon: i64,
    mday: i64,
    hour: i64,
    min: i64,
    sec: i64,
    wday: i64,
    yday: i64,
    gmtoff: i64,
    fsec: i64,
    tzn: Option<String>,
}

fn invalid_for_interval(is_interval: bool) -> PgResult<()> {
    if is_interval {
        return Err(PgError::new(
            SqlState::INVALID_DATETIME_FORMAT,
            "invalid format specification for an interval value",
        )
        .with_hint("Intervals are not tied to specific calendar dates."));
    }
    Ok(())
}

/// `%0*d`: zero-padded to `width` (a minus sign counts).
fn zpad(v: i64, width: usize) -> String {
    format!("{v:0width$}")
}

/// `ADJUST_YEAR`: BC years print as positive numbers, interval years as they are.
fn adjust_year(year: i64, is_interval: bool) -> i64 {
    if is_interval || year > 0 {
        year
    } else {
        -(year - 1)
    }
}

/// C's `%d` of an int (PostgreSQL's year fields are ints).
fn c_int(v: i64) -> i64 {
    v as i32 as i64
}

fn dch_to_char(nodes: &[Node], is_interval: bool, tm: &TmToChar) -> PgResult<String> {
    let mut out = String::new();
    for (i, n) in nodes.iter().enumerate() {
        super::check_interrupts_at(i)?;
        let (key, suffix) = match n {
            FormatNode::Action { key, suffix } => (key, *suffix),
            FormatNode::Char(c) | FormatNode::Space(c) | FormatNode::Separator(c) => {
                out.push_str(c);
                continue;
            }
        };
        let fm = suffix & S_FM != 0;
        let tm_mode = suffix & S_TM != 0;
        let th = suffix & (S_TH | S_LOWER_TH) != 0;
        let pm = tm.hour % 24 >= 12;
        // Numbers take the TH/th suffix.
        let mut number: Option<String> = None;
        let w2 = |v: i64| {
            if fm {
                0
            } else if v >= 0 {
                2
            } else {
                3
            }
        };
        // A name padded to nine characters unless FM or TM.
        let padded = |s: String| if fm || tm_mode { s } else { format!("{s:<9}") };
        match key.id {
            Dch::ADotM | Dch::PDotM => out.push_str(if pm { "P.M." } else { "A.M." }),
            Dch::AM | Dch::PM => out.push_str(if pm { "PM" } else { "AM" }),
            Dch::LowerADotM | Dch::LowerPDotM => out.push_str(if pm { "p.m." } else { "a.m." }),
            Dch::LowerAM | Dch::LowerPM => out.push_str(if pm { "pm" } else { "am" }),
            Dch::HH | Dch::HH12 => {
                let h = if tm.hour % 12 == 0 { 12 } else { tm.hour % 12 };
                number = Some(zpad(h, w2(tm.hour)));
            }
            Dch::HH24 => number = Some(zpad(tm.hour, w2(tm.hour))),
            Dch::MI => number = Some(zpad(tm.min, w2(tm.min))),
            Dch::SS => number = Some(zpad(tm.sec, w2(tm.sec))),
            Dch::FF(d) => {
                let div = 10i64.pow(6 - d as u32);
                number = Some(zpad(tm.fsec / div, d as usize));
            }
            Dch::MS => number = Some(zpad(tm.fsec / 1000, 3)),
            Dch::US => number = Some(zpad(tm.fsec, 6)),
            Dch::SSSS => number = Some((tm.hour * 3600 + tm.min * 60 + tm.sec).to_string()),
            Dch::LowerTZ => {
                invalid_for_interval(is_interval)?;
                if let Some(z) = &tm.tzn {
                    out.push_str(&z.to_ascii_lowercase());
                }
            }
            Dch::TZ => {
                invalid_for_interval(is_interval)?;
                if let Some(z) = &tm.tzn {
                    out.push_str(z);
                }
            }
            Dch::TZH => {
                invalid_for_interval(is_interval)?;
                let sign = if tm.gmtoff >= 0 { '+' } else { '-' };
                out.push_str(&format!("{sign}{:02}", tm.gmtoff.abs() / 3600));
            }
            Dch::TZM => {
                invalid_for_interval(is_interval)?;
                out.push_str(&format!("{:02}", tm.gmtoff.abs() % 3600 / 60));
            }
            Dch::OF => {
                invalid_for_interval(is_interval)?;
                let sign = if tm.gmtoff >= 0 { '+' } else { '-' };
                let width = if fm { 0 } else { 2 };
                out.push_str(&format!("{sign}{:0width$}", tm.gmtoff.abs() / 3600));
                if tm.gmtoff.abs() % 3600 != 0 {
                    out.push_str(&format!(":{:02}", tm.gmtoff.abs() % 3600 / 60));
                }
            }
            Dch::ADotD | Dch::BDotC => {
                invalid_for_interval(is_interval)?;
                out.push_str(if tm.year <= 0 { "B.C." } else { "A.D." });
            }
            Dch::AD | Dch::BC => {
                invalid_for_interval(is_interval)?;
                out.push_str(if tm.year <= 0 { "BC" } else { "AD" });
            }
            Dch::LowerADotD | Dch::LowerBDotC => {
                invalid_for_interval(is_interval)?;
                out.push_str(if tm.year <= 0 { "b.c." } else { "a.d." });
            }
            Dch::LowerAD | Dch::LowerBC => {
                invalid_for_interval(is_interval)?;
                out.push_str(if tm.year <= 0 { "bc" } else { "ad" });
            }
            Dch::MONTH | Dch::Month | Dch::LowerMonth | Dch::MON | Dch::Mon | Dch::LowerMon => {
                invalid_for_interval(is_interval)?;
                if tm.mon == 0 {
                    continue;
                }
                let i = (tm.mon - 1).clamp(0, 11) as usize;
                let full = matches!(key.id, Dch::MONTH | Dch::Month | Dch::LowerMonth);
                let name = if full { MONTHS_FULL[i] } else { MONTHS[i] };
                let name = match key.id {
                    Dch::MONTH | Dch::MON => name.to_ascii_uppercase(),
                    Dch::LowerMonth | Dch::LowerMon => name.to_ascii_lowercase(),
                    _ => name.to_string(),
                };
                out.push_str(&if full { padded(name) } else { name });
            }
            Dch::MM => number = Some(zpad(tm.mon, w2(tm.mon))),
            Dch::DAY | Dch::Day | Dch::LowerDay | Dch::DY | Dch::Dy | Dch::LowerDy => {
                invalid_for_interval(is_interval)?;
                let i = tm.wday.rem_euclid(7) as usize;
                let full = matches!(key.id, Dch::DAY | Dch::Day | Dch::LowerDay);
                let name = if full { DAYS[i] } else { DAYS_SHORT[i] };
                let name = match key.id {
                    Dch::DAY | Dch::DY => name.to_ascii_uppercase(),
                    Dch::LowerDay | Dch::LowerDy => name.to_ascii_lowercase(),
                    _ => name.to_string(),
                };
                out.push_str(&if full { padded(name) } else { name });
            }
            Dch::DDD | Dch::IDDD => {
                let v = if key.id == Dch::DDD { tm.yday } else { date2isoyearday(tm.year, tm.mon, tm.mday) };
                number = Some(zpad(v, if fm { 0 } else { 3 }));
            }
            Dch::DD => number = Some(zpad(tm.mday, if fm { 0 } else { 2 })),
            Dch::D => {
                invalid_for_interval(is_interval)?;
                number = Some((tm.wday + 1).to_string());
            }
            Dch::ID => {
                invalid_for_interval(is_interval)?;
                number = Some((if tm.wday == 0 { 7 } else { tm.wday }).to_string());
            }
            Dch::WW => number = Some(zpad((tm.yday - 1) / 7 + 1, if fm { 0 } else { 2 })),
            Dch::IW => number = Some(zpad(date2isoweek(tm.year, tm.mon, tm.mday), if fm { 0 } else { 2 })),
            Dch::Q => {
                if tm.mon == 0 {
                    continue;
                }
                number = Some(((tm.mon - 1) / 3 + 1).to_string());
            }
            Dch::CC => {
                let i = if is_interval {
                    tm.year / 100
                } else if tm.year > 0 {
                    (tm.year - 1) / 100 + 1
                } else {
                    tm.year / 100 - 1
                };
                number = Some(if (-99..=99).contains(&i) { zpad(i, w2(i)) } else { i.to_string() });
            }
            Dch::YComma => {
                let y = c_int(adjust_year(tm.year, is_interval));
                let i = y / 1000;
                number = Some(format!("{i},{:03}", y - i * 1000));
            }
            Dch::YYYY | Dch::IYYY | Dch::YYY | Dch::IYY | Dch::YY | Dch::IY | Dch::Y | Dch::I => {
                let ay = adjust_year(tm.year, is_interval);
                let iso = matches!(key.id, Dch::IYYY | Dch::IYY | Dch::IY | Dch::I);
                let y = c_int(if iso { adjust_year(date2isoyear(tm.year, tm.mon, tm.mday), is_interval) } else { ay });
                let (modulo, width) = match key.id {
                    Dch::YYYY | Dch::IYYY => (None, 4),
                    Dch::YYY | Dch::IYY => (Some(1000), 3),
                    Dch::YY | Dch::IY => (Some(100), 2),
                    _ => (Some(10), 1),
                };
                let v = modulo.map_or(y, |m| y % m);
                let width = if fm || width == 1 {
                    if width == 1 {
                        1
                    } else {
                        0
                    }
                } else if ay >= 0 {
                    width
                } else {
                    width + 1
                };
                number = Some(zpad(v, width));
            }
            Dch::RM | Dch::LowerRM => {
                if tm.mon == 0 && tm.year == 0 {
                    continue;
                }
                let mon = if tm.mon == 0 {
                    if tm.year >= 0 {
                        0
                    } else {
                        11
                    }
                } else if tm.mon < 0 {
                    -(tm.mon + 1)
                } else {
                    12 - tm.mon
                };
                let name = RM_MONTHS[mon.clamp(0, 11) as usize];
                let name = if key.id == Dch::RM { name.to_ascii_uppercase() } else { name.to_string() };
                out.push_str(&if fm { name } else { format!("{name:<4}") });
            }
            Dch::W => number = Some(((tm.mday - 1) / 7 + 1).to_string()),
            Dch::J => number = Some(date2j(tm.year, tm.mon, tm.mday).to_string()),
            Dch::FX => {}
        }
        if let Some(s) = number {
            out.push_str(&s);
            if th {
                out.push_str(get_th(s.as_bytes(), suffix & S_TH != 0)?);
            }
        }
    }
    Ok(out)
}

/// The template of a date/time `to_char`, or `None` (a NULL result) when it
/// is empty. PostgreSQL sizes the output buffer at `DCH_MAX_ITEM_SIZ` (12)
/// bytes per template byte, hence its limit on the template's length.
fn template(a: &[Datum]) -> PgResult<Option<Vec<Node>>> {
    let fmt = text(a, 1)?;
    if fmt.is_empty() {
        return Ok(None);
    }
    pg_mcxt::limits::check_alloc_size(fmt.len() * 12 + 1)?;
    Ok(Some(parse_format(fmt, DCH_KEYWORDS, true)))
}

/// The `TmToChar` of a local timestamp.
fn tm_of_local(local: i64) -> TmToChar {
    let t = datetime::tm_from_local(local);
    let (year, mon, mday) = (t.year, t.month as i64, t.day as i64);
    let j = date2j(year, mon, mday);
    TmToChar {
        year,
        mon,
        mday,
        hour: t.hour as i64,
        min: t.minute as i64,
        sec: t.second as i64,
        wday: j2day(j),
        yday: j - date2j(year, 1, 1) + 1,
        gmtoff: 0,
        fsec: t.micros as i64,
        tzn: None,
    }
}

pub(super) fn f_timestamp_to_char(a: &[Datum]) -> PgResult<Datum> {
    let Datum::Timestamp(ts) = *arg(a, 0)? else { return Err(errors::wrong_datum("timestamp")) };
    if ts == TS_NEG_INFINITY || ts == TS_POS_INFINITY {
        return Ok(Datum::Null);
    }
    let Some(nodes) = template(a)? else { return Ok(Datum::Null) };
    Ok(Datum::Text(dch_to_char(&nodes, false, &tm_of_local(ts))?))
}

pub(super) fn f_timestamptz_to_char(a: &[Datum]) -> PgResult<Datum> {
    let Datum::TimestampTz(ts) = *arg(a, 0)? else { return Err(errors::wrong_datum("timestamptz")) };
    if ts == TS_NEG_INFINITY || ts == TS_POS_INFINITY {
        return Ok(Datum::Null);
    }
    let Some(nodes) = template(a)? else { return Ok(Datum::Null) };
    let tz = datetime::session_timezone();
    let mut tm = tm_of_local(tz.utc_to_local(ts));
    tm.gmtoff = tz.offset_at_utc(ts) as i64;
    tm.tzn = Some(tz.abbrev_at_utc(ts));
    Ok(Datum::Text(dch_to_char(&nodes, false, &tm)?))
}

pub(super) fn f_interval_to_char(a: &[Datum]) -> PgResult<Datum> {
    let Datum::Interval(iv) = arg(a, 0)? else { return Err(errors::wrong_datum("interval")) };
    let Some(nodes) = template(a)? else { return Ok(Datum::Null) };
    // interval2itm: fields truncated toward zero, each keeping the sign.
    let mut time = iv.micros;
    let hour = time / USECS_PER_HOUR;
    time -= hour * USECS_PER_HOUR;
    let min = time / USECS_PER_MINUTE;
    time -= min * USECS_PER_MINUTE;
    let sec = time / USECS_PER_SEC;
    let fsec = time - sec * USECS_PER_SEC;
    let (year, mon, mday) = ((iv.months / 12) as i64, (iv.months % 12) as i64, iv.days as i64);
    let tm = TmToChar {
        year,
        mon,
        mday,
        hour,
        min,
        sec,
        wday: 0,
        // yday approximates the whole span in days.
        yday: (year * 12 + mon) * 30 + mday,
        gmtoff: 0,
        fsec,
        tzn: None,
    };
    Ok(Datum::Text(dch_to_char(&nodes, true, &tm)?))
}

// ----- to_date / to_timestamp ---------------------------------------------------------

/// `TmFromChar`: the fields read from the input, 0 meaning "not given"
/// (as PostgreSQL's, so a field read as 0 counts as not given too).
#[derive(Default)]
struct TmFromChar {
    mode: Option<DateMode>,
    hh: i64,
    pm: i64,
    mi: i64,
    ss: i64,
    ssss: i64,
    d: i64,
    dd: i64,
    ddd: i64,
    mm: i64,
    ms: i64,
    year: i64,
    bc: i64,
    ww: i64,
    w: i64,
    cc: i64,
    j: i64,
    us: i64,
    yysz: i64,
    clock12: bool,
    tzsign: i64,
    tzh: i64,
    tzm: i64,
    ff: i64,
}

fn bad_format(msg: String) -> PgError {
    PgError::new(SqlState::INVALID_DATETIME_FORMAT, msg)
}

/// `from_char_set_int`: a field given twice must agree with itself.
fn set_int(dest: &mut i64, value: i64, key: &KeyWord<Dch>) -> PgResult<()> {
    if *dest != 0 && *dest != value {
        return Err(bad_format(format!("conflicting values for \"{}\" field in formatting string", key.name))
            .with_detail("This value contradicts a previous setting for the same field type."));
    }
    *dest = value;
    Ok(())
}

/// C's `strtol(s + at, &end, 10)`: (value, end, overflowed).
fn strtol(s: &[u8], at: usize) -> (i64, usize, bool) {
    let mut i = at;
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let digits_start = i;
    let mut v: i128 = 0;
    let mut overflow = false;
    while i < s.len() && s[i].is_ascii_digit() {
        v = v * 10 + (s[i] - b'0') as i128;
        if v > i64::MAX as i128 + 1 {
            overflow = true;
            v = i64::MAX as i128 + 1;
        }
        i += 1;
    }
    if i == digits_start {
        return (0, at, false);
    }
    let v = if neg { -v } else { v };
    if v > i64::MAX as i128 {
        return (i64::MAX, i, true);
    }
    (v as i64, i, overflow)
}

/// `is_next_separator`: the field after node `i` cannot start with a digit,
/// so node `i` may read as many digits as there are.
fn is_next_separator(nodes: &[Node], i: usize) -> bool {
    if let FormatNode::Action { suffix, .. } = &nodes[i] {
        if suffix & (S_TH | S_LOWER_TH) != 0 {
            return true;
        }
    }
    match nodes.get(i + 1) {
        None => true,
        Some(FormatNode::Action { key, .. }) => !key.is_digit,
        Some(FormatNode::Char(c) | FormatNode::Space(c) | FormatNode::Separator(c)) => {
            !(c.len() == 1 && c.as_bytes()[0].is_ascii_digit())
        }
    }
}

/// The parsing cursor of `DCH_from_char`.
struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn at(&self, i: usize) -> u8 {
        self.s.get(i).copied().unwrap_or(0)
    }
    fn cur(&self) -> u8 {
        self.at(self.i)
    }
    fn skip_char(&mut self) {
        if self.i < self.s.len() {
            self.i += mblen(self.s[self.i]).min(self.s.len() - self.i);
        }
    }
    /// `SKIP_THth`: the two letters of an ordinal suffix.
    fn skip_th(&mut self, suffix: u8) {
        if suffix & (S_TH | S_LOWER_TH) != 0 {
            self.skip_char();
            self.skip_char();
        }
    }
}

/// `from_char_parse_int_len`: an integer field of `len` characters (or of
/// any length in fill mode or before a non-digit field). Returns the value
/// and the characters consumed.
fn parse_int_len(c: &mut Cursor, len: usize, nodes: &[Node], i: usize) -> PgResult<(i64, usize)> {
    let FormatNode::Action { key, suffix } = &nodes[i] else { return Err(PgError::internal("not a field")) };
    let init = c.i;
    while c.i < c.s.len() && is_c_space(c.s[c.i]) {
        c.i += 1;
    }
    let rest = &c.s[c.i..];
    let copy_len = rest.len().min(len);
    let copy = String::from_utf8_lossy(&rest[..copy_len]).into_owned();
    let result;
    let erange;
    if suffix & S_FM != 0 || is_next_separator(nodes, i) {
        let (v, end, over) = strtol(c.s, init);
        c.i = end;
        result = v;
        erange = over;
    } else {
        let used = rest.len();
        if used < len {
            return Err(bad_format(format!("source string too short for \"{}\" formatting field", key.name))
                .with_detail(format!("Field requires {len} characters, but only {used} remain."))
                .with_hint("If your source string is not fixed-width, try using the \"FM\" modifier."));
        }
        let (v, end, over) = strtol(&rest[..copy_len], 0);
        let used = end;
        if used > 0 && used < len {
            return Err(bad_format(format!("invalid value \"{copy}\" for \"{}\"", key.name))
                .with_detail(format!("Field requires {len} characters, but only {used} could be parsed."))
                .with_hint("If your source string is not fixed-width, try using the \"FM\" modifier."));
        }
        c.i += used;
        result = v;
        erange = over;
    }
    if c.i == init {
        return Err(bad_format(format!("invalid value \"{copy}\" for \"{}\"", key.name))
            .with_detail("Value must be an integer."));
    }
    if erange || result < i32::MIN as i64 || result > i32::MAX as i64 {
        return Err(PgError::new(
            SqlState::DATETIME_FIELD_OVERFLOW,
            format!("value for \"{}\" in source string is out of range", key.name),
        )
        .with_detail(format!("Value must be in the range {} to {}.", i32::MIN, i32::MAX)));
    }
    Ok((result, c.i - init))
}

/// `from_char_seq_search`: the index of the first word of `words` that
/// prefixes the input, compared without case.
fn seq_search(c: &mut Cursor, words: &[&str], key: &KeyWord<Dch>) -> PgResult<usize> {
    let rest = &c.s[c.i..];
    for (idx, w) in words.iter().enumerate() {
        if rest.len() >= w.len() && rest[..w.len()].eq_ignore_ascii_case(w.as_bytes()) {
            c.i += w.len();
            return Ok(idx);
        }
    }
    let end = rest.iter().position(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)).unwrap_or(rest.len());
    Err(bad_format(format!("invalid value \"{}\" for \"{}\"", String::from_utf8_lossy(&rest[..end]), key.name))
        .with_detail("The given value did not match any of the allowed values for this field."))
}

/// `adjust_partial_year_to_2020`: two- and three-digit years nearest 2020.
fn adjust_partial_year_to_2020(year: i64) -> i64 {
    if year < 70 {
        year + 2000
    } else if year < 100 {
        year + 1900
    } else if year < 520 {
        year + 2000
    } else if year < 1000 {
        year + 1000
    } else {
        year
    }
}

/// `DCH_from_char`: reads the input as the template says.
fn dch_from_char(nodes: &[Node], input: &str, out: &mut TmFromChar) -> PgResult<()> {
    let mut c = Cursor { s: input.as_bytes(), i: 0 };
    let mut fx_mode = false;
    // Characters skipped beyond what the template asked for.
    let mut extra_skip: i64 = 0;
    let mut idx = 0;
    while idx < nodes.len() && c.i < c.s.len() {
        let n = &nodes[idx];
        let i = idx;
        super::check_interrupts_at(i)?;
        idx += 1;
        let is_fx = matches!(n, FormatNode::Action { key, .. } if key.id == Dch::FX);
        if !fx_mode && !is_fx && (matches!(n, FormatNode::Action { .. }) || i == 0) {
            while c.i < c.s.len() && is_c_space(c.cur()) {
                c.i += 1;
                extra_skip += 1;
            }
        }
        let (key, suffix) = match n {
            FormatNode::Space(_) | FormatNode::Separator(_) => {
                if !fx_mode {
                    // One template separator matches one blank or separator, or nothing.
                    extra_skip -= 1;
                    if is_c_space(c.cur()) || is_separator_char(c.cur()) {
                        c.i += 1;
                        extra_skip += 1;
                    }
                } else {
                    c.skip_char();
                }
                continue;
            }
            FormatNode::Char(_) => {
                // A literal consumes one input character, whatever it is, unless
                // blanks beyond the template's were skipped before it.
                if !fx_mode && extra_skip > 0 {
                    extra_skip -= 1;
                } else {
                    c.skip_char();
                }
                continue;
            }
            FormatNode::Action { key, suffix } => (*key, *suffix),
        };
        if key.mode != DateMode::None {
            match out.mode {
                None | Some(DateMode::None) => out.mode = Some(key.mode),
                Some(m) if m != key.mode => {
                    return Err(bad_format("invalid combination of date conventions".into())
                        .with_hint("Do not mix Gregorian and ISO week date conventions in a formatting template."));
                }
                _ => {}
            }
        }
        let keylen = key.name.len();
        match key.id {
            Dch::FX => fx_mode = true,
            Dch::ADotM | Dch::PDotM | Dch::LowerADotM | Dch::LowerPDotM => {
                let v = seq_search(&mut c, &AMPM_LONG, key)?;
                set_int(&mut out.pm, (v % 2) as i64, key)?;
                out.clock12 = true;
            }
            Dch::AM | Dch::PM | Dch::LowerAM | Dch::LowerPM => {
                let v = seq_search(&mut c, &AMPM, key)?;
                set_int(&mut out.pm, (v % 2) as i64, key)?;
                out.clock12 = true;
            }
            Dch::HH | Dch::HH12 | Dch::HH24 => {
                let (v, _) = parse_int_len(&mut c, 2, nodes, i)?;
                set_int(&mut out.hh, v, key)?;
                if key.id != Dch::HH24 {
                    out.clock12 = true;
                }
                c.skip_th(suffix);
            }
            Dch::MI => {
                let (v, _) = parse_int_len(&mut c, keylen, nodes, i)?;
                set_int(&mut out.mi, v, key)?;
                c.skip_th(suffix);
            }
            Dch::SS => {
                let (v, _) = parse_int_len(&mut c, keylen, nodes, i)?;
                set_int(&mut out.ss, v, key)?;
                c.skip_th(suffix);
            }
            Dch::MS => {
                let (v, len) = parse_int_len(&mut c, 3, nodes, i)?;
                set_int(&mut out.ms, v, key)?;
                // 25 is 0.25 and 250 is 0.25 too; 025 is 0.025.
                out.ms *= match len {
                    1 => 100,
                    2 => 10,
                    _ => 1,
                };
                c.skip_th(suffix);
            }
            Dch::FF(_) | Dch::US => {
                let want = match key.id {
                    Dch::FF(d) => {
                        out.ff = d as i64;
                        d as usize
                    }
                    _ => 6,
                };
                let (v, len) = parse_int_len(&mut c, want, nodes, i)?;
                set_int(&mut out.us, v, key)?;
                out.us *= match len {
                    1 => 100000,
                    2 => 10000,
                    3 => 1000,
                    4 => 100,
                    5 => 10,
                    _ => 1,
                };
                c.skip_th(suffix);
            }
            Dch::SSSS => {
                let (v, _) = parse_int_len(&mut c, keylen, nodes, i)?;
                set_int(&mut out.ssss, v, key)?;
                c.skip_th(suffix);
            }
            Dch::TZ | Dch::LowerTZ | Dch::OF => {
                return Err(PgError::not_supported(format!(
                    "formatting field \"{}\" is only supported in to_char",
                    key.name
                )));
            }
            Dch::TZH => {
                // A minus sign taken for a separator belongs to the offset.
                let ch = c.cur();
                if ch == b'+' || ch == b'-' || ch == b' ' {
                    out.tzsign = if ch == b'-' { -1 } else { 1 };
                    c.i += 1;
                } else if extra_skip > 0 && c.i > 0 && c.at(c.i - 1) == b'-' {
                    out.tzsign = -1;
                } else {
                    out.tzsign = 1;
                }
                let (v, _) = parse_int_len(&mut c, 2, nodes, i)?;
                set_int(&mut out.tzh, v, key)?;
            }
            Dch::TZM => {
                if out.tzsign == 0 {
                    out.tzsign = 1;
                }
                let (v, _) = parse_int_len(&mut c, 2, nodes, i)?;
                set_int(&mut out.tzm, v, key)?;
            }
            Dch::ADotD | Dch::BDotC | Dch::LowerADotD | Dch::LowerBDotC => {
                let v = seq_search(&mut c, &ADBC_LONG, key)?;
                set_int(&mut out.bc, (v % 2) as i64, key)?;
            }
            Dch::AD | Dch::BC | Dch::LowerAD | Dch::LowerBC => {
                let v = seq_search(&mut c, &ADBC, key)?;
                set_int(&mut out.bc, (v % 2) as i64, key)?;
            }
            Dch::MONTH | Dch::Month | Dch::LowerMonth => {
                let v = seq_search(&mut c, &MONTHS_FULL, key)?;
                set_int(&mut out.mm, v as i64 + 1, key)?;
            }
            Dch::MON | Dch::Mon | Dch::LowerMon => {
                let v = seq_search(&mut c, &MONTHS, key)?;
                set_int(&mut out.mm, v as i64 + 1, key)?;
            }
            Dch::MM => {
                let (v, _) = parse_int_len(&mut c, keylen, nodes, i)?;
                set_int(&mut out.mm, v, key)?;
                c.skip_th(suffix);
            }
            Dch::DAY | Dch::Day | Dch::LowerDay => {
                let v = seq_search(&mut c, &DAYS, key)?;
                set_int(&mut out.d, v as i64, key)?;
                out.d += 1;
            }
            Dch::DY | Dch::Dy | Dch::LowerDy => {
                let v = seq_search(&mut c, &DAYS_SHORT, key)?;
                set_int(&mut out.d, v as i64, key)?;
                out.d += 1;
            }
            Dch::DDD | Dch::IDDD => {
                let len = if key.id == Dch::IDDD { 3 } else { keylen };
                let (v, _) = parse_int_len(&mut c, len, nodes, i)?;
                set_int(&mut out.ddd, v, key)?;
                c.skip_th(suffix);
            }
            Dch::DD => {
                let (v, _) = parse_int_len(&mut c, keylen, nodes, i)?;
                set_int(&mut out.dd, v, key)?;
                c.skip_th(suffix);
            }
            Dch::D => {
                let (v, _) = parse_int_len(&mut c, keylen, nodes, i)?;
                set_int(&mut out.d, v, key)?;
                c.skip_th(suffix);
            }
            Dch::ID => {
                let (v, _) = parse_int_len(&mut c, 1, nodes, i)?;
                set_int(&mut out.d, v, key)?;
                // ISO numbers Monday 1 .. Sunday 7; the Gregorian field counts from Sunday = 1.
                out.d += 1;
                if out.d > 7 {
                    out.d = 1;
                }
                c.skip_th(suffix);
            }
            Dch::WW | Dch::IW => {
                let (v, _) = parse_int_len(&mut c, keylen, nodes, i)?;
                set_int(&mut out.ww, v, key)?;
                c.skip_th(suffix);
            }
            Dch::Q => {
                // The quarter is read but not used: which day of it would it be?
                parse_int_len(&mut c, keylen, nodes, i)?;
                c.skip_th(suffix);
            }
            Dch::CC => {
                let (v, _) = parse_int_len(&mut c, keylen, nodes, i)?;
                set_int(&mut out.cc, v, key)?;
                c.skip_th(suffix);
            }
            Dch::YComma => {
                // sscanf("%d,%03d"): millennia, a comma, then up to three digits.
                let (millennia, end, _) = strtol(c.s, c.i);
                let ok = end != c.i && c.at(end) == b',';
                let (years, end2) = if ok {
                    let mut j = end + 1;
                    while j < c.s.len() && is_c_space(c.s[j]) {
                        j += 1;
                    }
                    let lim = (j + 3).min(c.s.len());
                    let (v, e, _) = strtol(&c.s[..lim], j);
                    (v, if e == j { None } else { Some(e) })
                } else {
                    (0, None)
                };
                let Some(end2) = end2 else {
                    return Err(bad_format("invalid input string for \"Y,YYY\"".into()));
                };
                let years = (years as i32).wrapping_add((millennia as i32).wrapping_mul(1000)) as i64;
                set_int(&mut out.year, years, key)?;
                out.yysz = 4;
                c.i = end2;
                c.skip_th(suffix);
            }
            Dch::YYYY | Dch::IYYY => {
                let (v, _) = parse_int_len(&mut c, keylen, nodes, i)?;
                set_int(&mut out.year, v, key)?;
                out.yysz = 4;
                c.skip_th(suffix);
            }
            Dch::YYY | Dch::IYY | Dch::YY | Dch::IY | Dch::Y | Dch::I => {
                let (v, len) = parse_int_len(&mut c, keylen, nodes, i)?;
                set_int(&mut out.year, v, key)?;
                if len < 4 {
                    out.year = adjust_partial_year_to_2020(out.year);
                }
                out.yysz = keylen as i64;
                c.skip_th(suffix);
            }
            Dch::RM | Dch::LowerRM => {
                let v = seq_search(&mut c, &RM_MONTHS, key)?;
                set_int(&mut out.mm, 12 - v as i64, key)?;
            }
            Dch::W => {
                let (v, _) = parse_int_len(&mut c, keylen, nodes, i)?;
                set_int(&mut out.w, v, key)?;
                c.skip_th(suffix);
            }
            Dch::J => {
                let (v, _) = parse_int_len(&mut c, keylen, nodes, i)?;
                set_int(&mut out.j, v, key)?;
                c.skip_th(suffix);
            }
        }
        // Blanks after a field are skipped too.
        if !fx_mode {
            extra_skip = 0;
            while c.i < c.s.len() && is_c_space(c.cur()) {
                c.i += 1;
                extra_skip += 1;
            }
        }
    }
    Ok(())
}

/// What `do_to_timestamp` makes of the input: a broken-down time, its
/// fractional-second precision (from `FFn`) and the offset given by
/// `TZH`/`TZM` (seconds east), if any.
struct Parsed {
    year: i64,
    mon: i64,
    mday: i64,
    hour: i64,
    min: i64,
    sec: i64,
    fsec: i64,
    fprec: i64,
    offset: Option<i64>,
}

/// `do_to_timestamp`.
fn do_to_timestamp(input: &str, fmt: &str) -> PgResult<Parsed> {
    let mut f = TmFromChar::default();
    if !fmt.is_empty() {
        let nodes = parse_format(fmt, DCH_KEYWORDS, true);
        dch_from_char(&nodes, input, &mut f)?;
    }
    let overflow = || errors::datetime_field_overflow(input);
    let mut tm = Parsed { year: 0, mon: 1, mday: 1, hour: 0, min: 0, sec: 0, fsec: 0, fprec: 0, offset: None };
    let (mut has_year, mut has_month, mut has_day) = (false, false, false);
    if f.ssss != 0 {
        let x = f.ssss as i32 as i64;
        tm.hour = x / 3600;
        tm.min = x % 3600 / 60;
        tm.sec = x % 60;
    }
    if f.ss != 0 {
        tm.sec = f.ss;
    }
    if f.mi != 0 {
        tm.min = f.mi;
    }
    if f.hh != 0 {
        tm.hour = f.hh;
    }
    if f.clock12 {
        if tm.hour < 1 || tm.hour > 12 {
            return Err(bad_format(format!("hour \"{}\" is invalid for the 12-hour clock", tm.hour))
                .with_hint("Use the 24-hour clock, or give an hour between 1 and 12."));
        }
        if f.pm != 0 && tm.hour < 12 {
            tm.hour += 12;
        } else if f.pm == 0 && tm.hour == 12 {
            tm.hour = 0;
        }
    }
    if f.year != 0 {
        // With CC, YY (or Y) are the low digits of a year of that century;
        // the 21st century is 2001-2100, the 6th century BC 600-501 BC.
        if f.cc != 0 && f.yysz <= 2 {
            if f.bc != 0 {
                f.cc = -f.cc;
            }
            tm.year = f.year % 100;
            if tm.year != 0 {
                if f.cc >= 0 {
                    tm.year += (f.cc - 1) * 100;
                } else {
                    tm.year = (f.cc + 1) * 100 - tm.year + 1;
                }
            } else {
                tm.year = f.cc * 100 + if f.cc >= 0 { 0 } else { 1 };
            }
        } else {
            tm.year = f.year;
            if f.bc != 0 {
                tm.year = -tm.year;
            }
            // Year 1 BC is year 0 internally.
            if tm.year < 0 {
                tm.year += 1;
            }
        }
        has_year = true;
    } else if f.cc != 0 {
        if f.bc != 0 {
            f.cc = -f.cc;
        }
        tm.year = if f.cc >= 0 { (f.cc - 1) * 100 + 1 } else { f.cc * 100 + 1 };
        has_year = true;
    }
    if f.j != 0 {
        (tm.year, tm.mon, tm.mday) = j2date(f.j);
        (has_year, has_month, has_day) = (true, true, true);
    }
    if f.ww != 0 {
        if f.mode == Some(DateMode::IsoWeek) {
            (tm.year, tm.mon, tm.mday) =
                if f.d != 0 { isoweekdate2date(f.ww, f.d, tm.year) } else { isoweek2date(f.ww, tm.year) };
            (has_year, has_month, has_day) = (true, true, true);
        } else {
            f.ddd = (f.ww - 1) * 7 + 1;
        }
    }
    if f.w != 0 {
        f.dd = (f.w - 1) * 7 + 1;
    }
    if f.dd != 0 {
        tm.mday = f.dd;
        has_day = true;
    }
    if f.mm != 0 {
        tm.mon = f.mm;
        has_month = true;
    }
    if f.ddd != 0 && (tm.mon <= 1 || tm.mday <= 1) {
        if tm.year == 0 && f.bc == 0 {
            return Err(bad_format("cannot calculate day of year without year information".into()));
        }
        if f.mode == Some(DateMode::IsoWeek) {
            let j0 = isoweek2j(tm.year, 1) - 1;
            (tm.year, tm.mon, tm.mday) = j2date(j0 + f.ddd);
            (has_year, has_month, has_day) = (true, true, true);
        } else {
            const YSUM: [[i64; 13]; 2] = [
                [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
                [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366],
            ];
            let y = &YSUM[is_leap(tm.year) as usize];
            let mut i = 1;
            while i <= 12 && f.ddd > y[i] {
                i += 1;
            }
            let prev = y[(i - 1).min(12)];
            if tm.mon <= 1 {
                tm.mon = i as i64;
            }
            if tm.mday <= 1 {
                tm.mday = f.ddd - prev;
            }
            (has_month, has_day) = (true, true);
        }
    }
    if f.ms != 0 {
        tm.fsec += f.ms * 1000;
    }
    if f.us != 0 {
        tm.fsec += f.us;
    }
    tm.fprec = f.ff;
    // ValidateDate for the fields given.
    if has_year || has_month || has_day {
        if has_month && !(1..=12).contains(&tm.mon) {
            return Err(overflow());
        }
        if has_day && !(1..=31).contains(&tm.mday) {
            return Err(overflow());
        }
        if has_year && has_month && has_day && tm.mday > datetime::days_in_month(tm.year, tm.mon as u32) as i64 {
            return Err(overflow());
        }
    }
    if !(0..24).contains(&tm.hour)
        || !(0..60).contains(&tm.min)
        || !(0..60).contains(&tm.sec)
        || !(0..USECS_PER_SEC).contains(&tm.fsec)
    {
        return Err(overflow());
    }
    if f.tzsign != 0 {
        if !(0..=15).contains(&f.tzh) || !(0..60).contains(&f.tzm) {
            return Err(PgError::new(
                SqlState::INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
                format!("time zone displacement out of range: \"{input}\""),
            ));
        }
        tm.offset = Some(f.tzsign * (f.tzh * 3600 + f.tzm * 60));
    }
    Ok(tm)
}

/// `IS_VALID_JULIAN`: the dates the Julian-day routines handle.
fn is_valid_julian(y: i64, m: i64) -> bool {
    (y > -4713 || (y == -4713 && m >= 11)) && (y < 5_874_898 || (y == 5_874_898 && m < 6))
}

pub(super) fn f_to_date(a: &[Datum]) -> PgResult<Datum> {
    let (input, fmt) = (text(a, 0)?, text(a, 1)?);
    let tm = do_to_timestamp(input, fmt)?;
    let out_of_range =
        || PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, format!("date out of range: \"{input}\""));
    if !is_valid_julian(tm.year, tm.mon) {
        return Err(out_of_range());
    }
    let date = date2j(tm.year, tm.mon, tm.mday) - POSTGRES_EPOCH_JDATE;
    if !(datetime::DATE_MIN as i64..datetime::DATE_END as i64).contains(&date) {
        return Err(out_of_range());
    }
    Ok(Datum::Date(date as i32))
}

pub(super) fn f_to_timestamp(a: &[Datum]) -> PgResult<Datum> {
    let (input, fmt) = (text(a, 0)?, text(a, 1)?);
    let tm = do_to_timestamp(input, fmt)?;
    if !is_valid_julian(tm.year, tm.mon) {
        return Err(errors::timestamp_out_of_range());
    }
    let days = date2j(tm.year, tm.mon, tm.mday) - POSTGRES_EPOCH_JDATE;
    let local = days as i128 * USECS_PER_DAY as i128
        + (tm.hour * USECS_PER_HOUR + tm.min * USECS_PER_MINUTE + tm.sec * USECS_PER_SEC + tm.fsec) as i128;
    // Far outside the range, a time zone lookup is meaningless.
    if local < datetime::MIN_TIMESTAMP as i128 - 2 * USECS_PER_DAY as i128
        || local > datetime::END_TIMESTAMP as i128 + 2 * USECS_PER_DAY as i128
    {
        return Err(errors::timestamp_out_of_range());
    }
    let utc = match tm.offset {
        Some(east) => local - east as i128 * USECS_PER_SEC as i128,
        None => datetime::session_timezone().local_to_utc(local as i64) as i128,
    };
    if utc < datetime::MIN_TIMESTAMP as i128 || utc >= datetime::END_TIMESTAMP as i128 {
        return Err(errors::timestamp_out_of_range());
    }
    let mut ts = utc as i64;
    if tm.fprec != 0 {
        ts = datetime::adjust_timestamp_typmod(ts, tm.fprec as i32);
    }
    Ok(Datum::TimestampTz(ts))
}

/// `to_timestamp(float8)`: seconds since 1970-01-01 00:00 UTC.
pub(super) fn f_float8_to_timestamptz(a: &[Datum]) -> PgResult<Datum> {
    let seconds = arg(a, 0)?.as_f64().ok_or_else(|| errors::wrong_datum("float8"))?;
    if seconds.is_nan() {
        return Err(PgError::new(SqlState::DATETIME_VALUE_OUT_OF_RANGE, "timestamp cannot be NaN"));
    }
    if seconds.is_infinite() {
        return Ok(Datum::TimestampTz(if seconds < 0.0 { TS_NEG_INFINITY } else { TS_POS_INFINITY }));
    }
    let out_of_range = || {
        PgError::new(
            SqlState::DATETIME_VALUE_OUT_OF_RANGE,
            format!("timestamp out of range: \"{}\"", crate::float::format_g(seconds, 6)),
        )
    };
    const UNIX_EPOCH_JDATE: f64 = 2_440_588.0;
    const TIMESTAMP_END_JULIAN: f64 = 109_203_528.0;
    if !(86400.0 * (0.0 - UNIX_EPOCH_JDATE)..86400.0 * (TIMESTAMP_END_JULIAN - UNIX_EPOCH_JDATE)).contains(&seconds) {
        return Err(out_of_range());
    }
    let shifted = seconds - (POSTGRES_EPOCH_JDATE as f64 - UNIX_EPOCH_JDATE) * 86400.0;
    let ts = crate::float::rint(shifted * USECS_PER_SEC as f64) as i64;
    if !(datetime::MIN_TIMESTAMP..datetime::END_TIMESTAMP).contains(&ts) {
        return Err(out_of_range());
    }
    Ok(Datum::TimestampTz(ts))
}
