//! The time zone abbreviations recognized in datetime input and as zone names
//! (PostgreSQL's `timezone_abbreviations` setting, `utils/misc/tzparser.c`, with
//! its `Default` set).
//!
//! The table below is the `Default` set as facts: each abbreviation with its
//! offset east of UTC and whether it denotes daylight-saving time, as PostgreSQL
//! 15 reports them in `pg_timezone_abbrevs`. A *dynamic* abbreviation names a
//! zone of the tz database instead of one offset: its meaning is what the zone
//! used it for nearest the time in question (`MSK` was UTC+4 in 2011-2014), and
//! where the zone never used it (most of them: the tz database now writes
//! `+08` for `IRKT`), the zone's own offset. For those the offset column is the
//! meaning at the time the table was written; [`crate::TimeZone::from_abbrev`]
//! computes the real one.
//!
//! Only the `Default` set exists: `timezone_abbreviations` accepts PostgreSQL's
//! other set names (pg-guc checks them), but input always uses this table.

/// One abbreviation: the name as PostgreSQL prints it (upper case), seconds east
/// of UTC, whether it is a daylight-saving abbreviation, and for a dynamic one
/// the tz database zone it refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneAbbrev {
    pub name: &'static str,
    pub offset: i32,
    pub is_dst: bool,
    pub zone: Option<&'static str>,
}

/// The abbreviation `lower` (already lower case), if the set has it.
pub fn lookup(lower: &str) -> Option<&'static ZoneAbbrev> {
    DEFAULT_SET
        .binary_search_by(|a| {
            // Sorted by name in the C collation; comparing case-insensitively
            // keeps the same order because names are upper-case letters only.
            a.name.bytes().map(|b| b.to_ascii_lowercase()).cmp(lower.bytes())
        })
        .ok()
        .map(|i| &DEFAULT_SET[i])
}

/// Every abbreviation of the set, in name order (`pg_timezone_abbrevs`).
pub fn all() -> &'static [ZoneAbbrev] {
    DEFAULT_SET
}

const fn a(name: &'static str, offset: i32, is_dst: bool, zone: Option<&'static str>) -> ZoneAbbrev {
    ZoneAbbrev { name, offset, is_dst, zone }
}

/// The `Default` set, sorted by name.
static DEFAULT_SET: &[ZoneAbbrev] = &[
    a("ACDT", 37800, true, None),
    a("ACSST", 37800, true, None),
    a("ACST", 34200, false, None),
    a("ACT", -18000, false, None),
    a("ACWST", 31500, false, None),
    a("ADT", -10800, true, None),
    a("AEDT", 39600, true, None),
    a("AESST", 39600, true, None),
    a("AEST", 36000, false, None),
    a("AFT", 16200, false, None),
    a("AKDT", -28800, true, None),
    a("AKST", -32400, false, None),
    a("ALMST", 25200, true, None),
    a("ALMT", 21600, false, None),
    a("AMST", 14400, false, Some("Asia/Yerevan")),
    a("AMT", -14400, false, None),
    a("ANAST", 43200, false, Some("Asia/Anadyr")),
    a("ANAT", 43200, false, Some("Asia/Anadyr")),
    a("ARST", -10800, false, Some("America/Argentina/Buenos_Aires")),
    a("ART", -10800, false, Some("America/Argentina/Buenos_Aires")),
    a("AST", -14400, false, None),
    a("AWSST", 32400, true, None),
    a("AWST", 28800, false, None),
    a("AZOST", 0, true, None),
    a("AZOT", -3600, false, None),
    a("AZST", 14400, false, Some("Asia/Baku")),
    a("AZT", 14400, false, Some("Asia/Baku")),
    a("BDST", 7200, true, None),
    a("BDT", 21600, false, None),
    a("BNT", 28800, false, None),
    a("BORT", 28800, false, None),
    a("BOT", -14400, false, None),
    a("BRA", -10800, false, None),
    a("BRST", -7200, true, None),
    a("BRT", -10800, false, None),
    a("BST", 3600, true, None),
    a("BTT", 21600, false, None),
    a("CADT", 37800, true, None),
    a("CAST", 34200, false, None),
    a("CCT", 28800, false, None),
    a("CDT", -18000, true, None),
    a("CEST", 7200, true, None),
    a("CET", 3600, false, None),
    a("CETDST", 7200, true, None),
    a("CHADT", 49500, true, None),
    a("CHAST", 45900, false, None),
    a("CHUT", 36000, false, None),
    a("CKT", -36000, false, Some("Pacific/Rarotonga")),
    a("CLST", -10800, true, None),
    a("CLT", -10800, true, Some("America/Santiago")),
    a("COT", -18000, false, None),
    a("CST", -21600, false, None),
    a("CXT", 25200, false, None),
    a("DAVT", 25200, false, Some("Antarctica/Davis")),
    a("DDUT", 36000, false, None),
    a("EASST", -18000, true, Some("Pacific/Easter")),
    a("EAST", -18000, true, Some("Pacific/Easter")),
    a("EAT", 10800, false, None),
    a("EDT", -14400, true, None),
    a("EEST", 10800, true, None),
    a("EET", 7200, false, None),
    a("EETDST", 10800, true, None),
    a("EGST", 0, true, None),
    a("EGT", -3600, false, None),
    a("EST", -18000, false, None),
    a("FET", 10800, false, None),
    a("FJST", 46800, true, None),
    a("FJT", 43200, false, None),
    a("FKST", -10800, false, Some("Atlantic/Stanley")),
    a("FKT", -10800, false, Some("Atlantic/Stanley")),
    a("FNST", -3600, true, None),
    a("FNT", -7200, false, None),
    a("GALT", -21600, false, None),
    a("GAMT", -32400, false, None),
    a("GEST", 14400, false, Some("Asia/Tbilisi")),
    a("GET", 14400, false, Some("Asia/Tbilisi")),
    a("GFT", -10800, false, None),
    a("GILT", 43200, false, None),
    a("GMT", 0, false, None),
    a("GYT", -14400, false, Some("America/Guyana")),
    a("HKT", 28800, false, None),
    a("HST", -36000, false, None),
    a("ICT", 25200, false, None),
    a("IDT", 10800, true, None),
    a("IOT", 21600, false, Some("Indian/Chagos")),
    a("IRKST", 28800, false, Some("Asia/Irkutsk")),
    a("IRKT", 28800, false, Some("Asia/Irkutsk")),
    a("IRT", 12600, false, None),
    a("IST", 7200, false, None),
    a("JAYT", 32400, false, None),
    a("JST", 32400, false, None),
    a("KDT", 36000, true, None),
    a("KGST", 21600, true, None),
    a("KGT", 21600, false, Some("Asia/Bishkek")),
    a("KOST", 39600, false, Some("Pacific/Kosrae")),
    a("KRAST", 25200, false, Some("Asia/Krasnoyarsk")),
    a("KRAT", 25200, false, Some("Asia/Krasnoyarsk")),
    a("KST", 32400, false, None),
    a("LHDT", 39600, true, Some("Australia/Lord_Howe")),
    a("LHST", 37800, false, None),
    a("LIGT", 36000, false, None),
    a("LINT", 50400, false, Some("Pacific/Kiritimati")),
    a("LKT", 19800, false, Some("Asia/Colombo")),
    a("MAGST", 39600, false, Some("Asia/Magadan")),
    a("MAGT", 39600, false, Some("Asia/Magadan")),
    a("MART", -34200, false, None),
    a("MAWT", 18000, false, Some("Antarctica/Mawson")),
    a("MDT", -21600, true, None),
    a("MEST", 7200, true, None),
    a("MESZ", 7200, true, None),
    a("MET", 3600, false, None),
    a("METDST", 7200, true, None),
    a("MEZ", 3600, false, None),
    a("MHT", 43200, false, None),
    a("MMT", 23400, false, None),
    a("MPT", 36000, false, None),
    a("MSD", 14400, true, None),
    a("MSK", 10800, false, Some("Europe/Moscow")),
    a("MST", -25200, false, None),
    a("MUST", 18000, true, None),
    a("MUT", 14400, false, None),
    a("MVT", 18000, false, None),
    a("MYT", 28800, false, None),
    a("NDT", -9000, true, None),
    a("NFT", -12600, false, None),
    a("NOVST", 25200, false, Some("Asia/Novosibirsk")),
    a("NOVT", 25200, false, Some("Asia/Novosibirsk")),
    a("NPT", 20700, false, None),
    a("NST", -12600, false, None),
    a("NUT", -39600, false, Some("Pacific/Niue")),
    a("NZDT", 46800, true, None),
    a("NZST", 43200, false, None),
    a("NZT", 43200, false, None),
    a("OMSST", 21600, false, Some("Asia/Omsk")),
    a("OMST", 21600, false, Some("Asia/Omsk")),
    a("PDT", -25200, true, None),
    a("PET", -18000, false, None),
    a("PETST", 43200, false, Some("Asia/Kamchatka")),
    a("PETT", 43200, false, Some("Asia/Kamchatka")),
    a("PGT", 36000, false, None),
    a("PHT", 28800, false, None),
    a("PKST", 21600, true, None),
    a("PKT", 18000, false, None),
    a("PMDT", -7200, true, None),
    a("PMST", -10800, false, None),
    a("PONT", 39600, false, None),
    a("PST", -28800, false, None),
    a("PWT", 32400, false, None),
    a("PYST", -10800, true, None),
    a("PYT", -10800, false, Some("America/Asuncion")),
    a("RET", 14400, false, None),
    a("SADT", 37800, true, None),
    a("SAST", 7200, false, None),
    a("SCT", 14400, false, None),
    a("SGT", 28800, false, Some("Asia/Singapore")),
    a("TAHT", -36000, false, None),
    a("TFT", 18000, false, None),
    a("TJT", 18000, false, None),
    a("TKT", 46800, false, Some("Pacific/Fakaofo")),
    a("TMT", 18000, false, Some("Asia/Ashgabat")),
    a("TOT", 46800, false, None),
    a("TRUT", 36000, false, None),
    a("TVT", 43200, false, None),
    a("UCT", 0, false, None),
    a("ULAST", 32400, true, None),
    a("ULAT", 28800, false, Some("Asia/Ulaanbaatar")),
    a("UT", 0, false, None),
    a("UTC", 0, false, None),
    a("UYST", -7200, true, None),
    a("UYT", -10800, false, None),
    a("UZST", 21600, true, None),
    a("UZT", 18000, false, None),
    a("VET", -14400, false, Some("America/Caracas")),
    a("VLAST", 36000, false, Some("Asia/Vladivostok")),
    a("VLAT", 36000, false, Some("Asia/Vladivostok")),
    a("VOLT", 10800, false, Some("Europe/Volgograd")),
    a("VUT", 39600, false, None),
    a("WADT", 28800, true, None),
    a("WAKT", 43200, false, None),
    a("WAST", 25200, false, None),
    a("WAT", 3600, false, None),
    a("WDT", 32400, true, None),
    a("WET", 0, false, None),
    a("WETDST", 3600, true, None),
    a("WFT", 43200, false, None),
    a("WGST", -7200, true, None),
    a("WGT", -10800, false, None),
    a("XJT", 21600, false, None),
    a("YAKST", 32400, false, Some("Asia/Yakutsk")),
    a("YAKT", 32400, false, Some("Asia/Yakutsk")),
    a("YAPT", 36000, false, None),
    a("YEKST", 21600, true, None),
    a("YEKT", 18000, false, Some("Asia/Yekaterinburg")),
    a("Z", 0, false, None),
    a("ZULU", 0, false, None),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_set_is_sorted_upper_case_and_found_in_any_case() {
        assert!(DEFAULT_SET.windows(2).all(|w| w[0].name < w[1].name));
        assert!(DEFAULT_SET.iter().all(|a| a.name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())));
        assert_eq!(lookup("est").map(|a| a.offset), Some(-5 * 3600));
        assert_eq!(lookup("msk").and_then(|a| a.zone), Some("Europe/Moscow"));
        assert_eq!(lookup("zulu").map(|a| a.offset), Some(0));
        assert!(lookup("xyz").is_none());
    }
}
