//! The built-in type table: PostgreSQL's `pg_type.dat` rows that this server knows.
//!
//! OIDs, names, `typlen`, `typbyval`, `typalign`, `typcategory`, `typispreferred`,
//! `typelem`/`typarray` follow PostgreSQL 15 exactly: clients (drivers, psql) hard-code them.

/// An object identifier, as in `pg_type.oid`.
pub type Oid = u32;

/// Type OIDs, named as PostgreSQL's `pg_type_d.h` names them (`INT4OID` → `INT4`).
pub mod oid {
    use super::Oid;
    pub const BOOL: Oid = 16;
    pub const BYTEA: Oid = 17;
    pub const CHAR: Oid = 18;
    pub const NAME: Oid = 19;
    pub const INT8: Oid = 20;
    pub const INT2: Oid = 21;
    pub const INT2VECTOR: Oid = 22;
    pub const INT4: Oid = 23;
    pub const REGPROC: Oid = 24;
    pub const TEXT: Oid = 25;
    pub const OID: Oid = 26;
    pub const TID: Oid = 27;
    pub const XID: Oid = 28;
    pub const CID: Oid = 29;
    pub const OIDVECTOR: Oid = 30;
    pub const JSON: Oid = 114;
    pub const PG_NODE_TREE: Oid = 194;
    pub const FLOAT4: Oid = 700;
    pub const FLOAT8: Oid = 701;
    pub const UNKNOWN: Oid = 705;
    pub const CIDR: Oid = 650;
    pub const INET: Oid = 869;
    pub const BPCHAR: Oid = 1042;
    pub const VARCHAR: Oid = 1043;
    pub const DATE: Oid = 1082;
    pub const TIME: Oid = 1083;
    /// `timetz`, time with time zone.
    pub const TIMETZ: Oid = 1266;
    pub const TIMESTAMP: Oid = 1114;
    pub const TIMESTAMPTZ: Oid = 1184;
    pub const INTERVAL: Oid = 1186;
    pub const NUMERIC: Oid = 1700;
    pub const REGCLASS: Oid = 2205;
    pub const REGTYPE: Oid = 2206;
    pub const RECORD: Oid = 2249;
    pub const CSTRING: Oid = 2275;
    pub const ANY: Oid = 2276;
    pub const ANYARRAY: Oid = 2277;
    pub const VOID: Oid = 2278;
    pub const TRIGGER: Oid = 2279;
    pub const INTERNAL: Oid = 2281;
    pub const ANYELEMENT: Oid = 2283;
    pub const ANYNONARRAY: Oid = 2776;
    pub const UUID: Oid = 2950;
    pub const JSONB: Oid = 3802;
    pub const REGNAMESPACE: Oid = 4089;
    pub const REGROLE: Oid = 4096;
    pub const XID8: Oid = 5069;
    /// `pg_snapshot` (xid8funcs.c), kept as its canonical text `xmin:xmax:xip,...`.
    pub const PG_SNAPSHOT: Oid = 5038;
    /// `txid_snapshot`, the older name of the same thing.
    pub const TXID_SNAPSHOT: Oid = 2970;
    pub const PG_LSN: Oid = 3220;
    /// `aclitem`: one entry of an access-control list.
    pub const ACLITEM: Oid = 1033;
    /// `_aclitem`, the type of the catalogs' `*acl` columns.
    pub const ACLITEM_ARRAY: Oid = 1034;

    pub const BOOL_ARRAY: Oid = 1000;
    pub const BYTEA_ARRAY: Oid = 1001;
    pub const CHAR_ARRAY: Oid = 1002;
    pub const NAME_ARRAY: Oid = 1003;
    pub const INT2_ARRAY: Oid = 1005;
    pub const INT4_ARRAY: Oid = 1007;
    pub const REGPROC_ARRAY: Oid = 1008;
    pub const TEXT_ARRAY: Oid = 1009;
    pub const BPCHAR_ARRAY: Oid = 1014;
    pub const VARCHAR_ARRAY: Oid = 1015;
    pub const INT8_ARRAY: Oid = 1016;
    pub const FLOAT4_ARRAY: Oid = 1021;
    pub const FLOAT8_ARRAY: Oid = 1022;
    pub const OID_ARRAY: Oid = 1028;
    pub const XID_ARRAY: Oid = 1011;
    pub const CID_ARRAY: Oid = 1012;
    pub const INET_ARRAY: Oid = 1041;
    pub const DATE_ARRAY: Oid = 1182;
    pub const TIME_ARRAY: Oid = 1183;
    pub const TIMETZ_ARRAY: Oid = 1270;
    pub const TIMESTAMP_ARRAY: Oid = 1115;
    pub const TIMESTAMPTZ_ARRAY: Oid = 1185;
    pub const INTERVAL_ARRAY: Oid = 1187;
    pub const NUMERIC_ARRAY: Oid = 1231;
    pub const CSTRING_ARRAY: Oid = 1263;
    pub const RECORD_ARRAY: Oid = 2287;
    pub const UUID_ARRAY: Oid = 2951;
    pub const JSON_ARRAY: Oid = 199;
    pub const JSONB_ARRAY: Oid = 3807;
}

/// One row of the type table (the columns of `pg_type` the server needs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeInfo {
    /// `pg_type.oid`.
    pub oid: Oid,
    /// `typname` (catalog name, e.g. `int4`, `_int4` for arrays).
    pub name: &'static str,
    /// `typlen`: bytes, -1 varlena, -2 C string.
    pub len: i16,
    /// `typbyval`.
    pub byval: bool,
    /// `typalign`: 'c', 's', 'i' or 'd'.
    pub align: u8,
    /// `typcategory`: 'B','N','S','D','T','I','U','A','P','X','Z'.
    pub category: u8,
    /// `typispreferred`.
    pub preferred: bool,
    /// `typelem`: element type of an array type, else 0.
    pub elem: Oid,
    /// `typarray`: the array type whose elements are this type, else 0.
    pub array: Oid,
    /// `typtype`: 'b' base, 'p' pseudo.
    pub typtype: u8,
    /// Whether `send`/`recv` in this crate implement the binary format.
    pub binary: bool,
}

impl TypeInfo {
    /// SQL-standard display name as `format_type` prints it (`integer`, `character varying`).
    pub fn sql_name(&self) -> &'static str {
        match self.oid {
            oid::BOOL => "boolean",
            oid::INT2 => "smallint",
            oid::INT4 => "integer",
            oid::INT8 => "bigint",
            oid::FLOAT4 => "real",
            oid::FLOAT8 => "double precision",
            oid::BPCHAR => "character",
            oid::VARCHAR => "character varying",
            oid::CHAR => "\"char\"",
            oid::TIME => "time without time zone",
            oid::TIMETZ => "time with time zone",
            oid::TIMESTAMP => "timestamp without time zone",
            oid::TIMESTAMPTZ => "timestamp with time zone",
            _ => self.name,
        }
    }
}

#[allow(clippy::too_many_arguments)] // one positional row per type keeps the table readable
const fn t(
    oid: Oid,
    name: &'static str,
    len: i16,
    byval: bool,
    align: u8,
    category: u8,
    preferred: bool,
    array: Oid,
    binary: bool,
) -> TypeInfo {
    TypeInfo { oid, name, len, byval, align, category, preferred, elem: 0, array, typtype: b'b', binary }
}

const fn p(oid: Oid, name: &'static str, len: i16, byval: bool, align: u8, array: Oid) -> TypeInfo {
    TypeInfo {
        oid,
        name,
        len,
        byval,
        align,
        category: b'P',
        preferred: false,
        elem: 0,
        array,
        typtype: b'p',
        binary: false,
    }
}

const fn a(oid: Oid, name: &'static str, elem: Oid, align: u8) -> TypeInfo {
    TypeInfo {
        oid,
        name,
        len: -1,
        byval: false,
        align,
        category: b'A',
        preferred: false,
        elem,
        array: 0,
        typtype: b'b',
        binary: false,
    }
}

use oid::*;

/// Every built-in type, base types first, then pseudo-types, then array types.
pub static TYPES: &[TypeInfo] = &[
    t(BOOL, "bool", 1, true, b'c', b'B', true, BOOL_ARRAY, true),
    t(BYTEA, "bytea", -1, false, b'i', b'U', false, BYTEA_ARRAY, true),
    t(CHAR, "char", 1, true, b'c', b'Z', false, CHAR_ARRAY, true),
    t(NAME, "name", 64, false, b'c', b'S', false, NAME_ARRAY, true),
    t(INT8, "int8", 8, true, b'd', b'N', false, INT8_ARRAY, true),
    t(INT2, "int2", 2, true, b's', b'N', false, INT2_ARRAY, true),
    t(INT2VECTOR, "int2vector", -1, false, b'i', b'A', false, 1006, false),
    t(INT4, "int4", 4, true, b'i', b'N', false, INT4_ARRAY, true),
    t(REGPROC, "regproc", 4, true, b'i', b'N', false, REGPROC_ARRAY, true),
    t(TEXT, "text", -1, false, b'i', b'S', true, TEXT_ARRAY, true),
    t(OID, "oid", 4, true, b'i', b'N', true, OID_ARRAY, true),
    t(TID, "tid", 6, false, b's', b'U', false, 1010, false),
    t(XID, "xid", 4, true, b'i', b'U', false, XID_ARRAY, true),
    t(CID, "cid", 4, true, b'i', b'U', false, CID_ARRAY, true),
    t(OIDVECTOR, "oidvector", -1, false, b'i', b'A', false, 1013, false),
    t(JSON, "json", -1, false, b'i', b'U', false, JSON_ARRAY, true),
    t(PG_NODE_TREE, "pg_node_tree", -1, false, b'i', b'Z', false, 0, false),
    t(FLOAT4, "float4", 4, true, b'i', b'N', false, FLOAT4_ARRAY, true),
    t(FLOAT8, "float8", 8, true, b'd', b'N', true, FLOAT8_ARRAY, true),
    t(UNKNOWN, "unknown", -2, false, b'c', b'X', false, 0, true),
    t(CIDR, "cidr", -1, false, b'i', b'I', false, 651, true),
    t(INET, "inet", -1, false, b'i', b'I', true, INET_ARRAY, true),
    t(BPCHAR, "bpchar", -1, false, b'i', b'S', false, BPCHAR_ARRAY, true),
    t(VARCHAR, "varchar", -1, false, b'i', b'S', false, VARCHAR_ARRAY, true),
    t(DATE, "date", 4, true, b'i', b'D', false, DATE_ARRAY, true),
    t(TIME, "time", 8, true, b'd', b'D', false, TIME_ARRAY, true),
    t(TIMETZ, "timetz", 12, false, b'd', b'D', false, TIMETZ_ARRAY, true),
    t(TIMESTAMP, "timestamp", 8, true, b'd', b'D', false, TIMESTAMP_ARRAY, true),
    t(TIMESTAMPTZ, "timestamptz", 8, true, b'd', b'D', true, TIMESTAMPTZ_ARRAY, true),
    t(INTERVAL, "interval", 16, false, b'd', b'T', true, INTERVAL_ARRAY, true),
    t(NUMERIC, "numeric", -1, false, b'i', b'N', false, NUMERIC_ARRAY, true),
    t(REGCLASS, "regclass", 4, true, b'i', b'N', false, 2210, true),
    t(REGTYPE, "regtype", 4, true, b'i', b'N', false, 2211, true),
    t(REGNAMESPACE, "regnamespace", 4, true, b'i', b'N', false, 4090, true),
    t(REGROLE, "regrole", 4, true, b'i', b'N', false, 4097, true),
    t(UUID, "uuid", 16, false, b'c', b'U', false, UUID_ARRAY, true),
    t(JSONB, "jsonb", -1, false, b'i', b'U', false, JSONB_ARRAY, false),
    t(XID8, "xid8", 8, true, b'd', b'U', false, 271, true),
    t(PG_SNAPSHOT, "pg_snapshot", -1, false, b'd', b'U', false, 5039, false),
    t(TXID_SNAPSHOT, "txid_snapshot", -1, false, b'd', b'U', false, 2949, false),
    t(PG_LSN, "pg_lsn", 8, true, b'd', b'U', false, 3221, false),
    t(ACLITEM, "aclitem", 12, false, b'i', b'U', false, ACLITEM_ARRAY, false),
    p(RECORD, "record", -1, false, b'd', RECORD_ARRAY),
    p(CSTRING, "cstring", -2, false, b'c', CSTRING_ARRAY),
    p(ANY, "any", 4, true, b'i', 0),
    p(ANYARRAY, "anyarray", -1, false, b'd', 0),
    p(VOID, "void", 4, true, b'i', 0),
    p(TRIGGER, "trigger", 4, true, b'i', 0),
    p(INTERNAL, "internal", 8, true, b'd', 0),
    p(ANYELEMENT, "anyelement", 4, true, b'i', 0),
    p(ANYNONARRAY, "anynonarray", 4, true, b'i', 0),
    a(BOOL_ARRAY, "_bool", BOOL, b'i'),
    a(BYTEA_ARRAY, "_bytea", BYTEA, b'i'),
    a(CHAR_ARRAY, "_char", CHAR, b'i'),
    a(NAME_ARRAY, "_name", NAME, b'i'),
    a(INT2_ARRAY, "_int2", INT2, b'i'),
    a(1006, "_int2vector", INT2VECTOR, b'i'),
    a(INT4_ARRAY, "_int4", INT4, b'i'),
    a(REGPROC_ARRAY, "_regproc", REGPROC, b'i'),
    a(TEXT_ARRAY, "_text", TEXT, b'i'),
    a(1010, "_tid", TID, b's'),
    a(XID_ARRAY, "_xid", XID, b'i'),
    a(CID_ARRAY, "_cid", CID, b'i'),
    a(1013, "_oidvector", OIDVECTOR, b'i'),
    a(BPCHAR_ARRAY, "_bpchar", BPCHAR, b'i'),
    a(VARCHAR_ARRAY, "_varchar", VARCHAR, b'i'),
    a(INT8_ARRAY, "_int8", INT8, b'd'),
    a(FLOAT4_ARRAY, "_float4", FLOAT4, b'i'),
    a(FLOAT8_ARRAY, "_float8", FLOAT8, b'd'),
    a(OID_ARRAY, "_oid", OID, b'i'),
    a(ACLITEM_ARRAY, "_aclitem", ACLITEM, b'i'),
    a(651, "_cidr", CIDR, b'i'),
    a(INET_ARRAY, "_inet", INET, b'i'),
    a(DATE_ARRAY, "_date", DATE, b'i'),
    a(TIME_ARRAY, "_time", TIME, b'd'),
    a(TIMETZ_ARRAY, "_timetz", TIMETZ, b'd'),
    a(TIMESTAMP_ARRAY, "_timestamp", TIMESTAMP, b'd'),
    a(TIMESTAMPTZ_ARRAY, "_timestamptz", TIMESTAMPTZ, b'd'),
    a(INTERVAL_ARRAY, "_interval", INTERVAL, b'd'),
    a(NUMERIC_ARRAY, "_numeric", NUMERIC, b'i'),
    a(CSTRING_ARRAY, "_cstring", CSTRING, b'i'),
    a(2210, "_regclass", REGCLASS, b'i'),
    a(2211, "_regtype", REGTYPE, b'i'),
    a(4090, "_regnamespace", REGNAMESPACE, b'i'),
    a(4097, "_regrole", REGROLE, b'i'),
    a(RECORD_ARRAY, "_record", RECORD, b'd'),
    a(UUID_ARRAY, "_uuid", UUID, b'i'),
    a(JSON_ARRAY, "_json", JSON, b'i'),
    a(JSONB_ARRAY, "_jsonb", JSONB, b'i'),
    a(271, "_xid8", XID8, b'd'),
    a(5039, "_pg_snapshot", PG_SNAPSHOT, b'd'),
    a(2949, "_txid_snapshot", TXID_SNAPSHOT, b'd'),
    a(3221, "_pg_lsn", PG_LSN, b'd'),
];

/// Looks a type up by OID (through a table indexed by OID, built on first
/// use: the heap looks types up for every column of every row).
pub fn lookup_type(oid: Oid) -> Option<&'static TypeInfo> {
    static BY_OID: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    let index = BY_OID.get_or_init(|| {
        let max = TYPES.iter().map(|t| t.oid).max().unwrap_or(0) as usize;
        let mut v = vec![u16::MAX; max + 1];
        for (i, t) in TYPES.iter().enumerate() {
            if v[t.oid as usize] == u16::MAX {
                v[t.oid as usize] = i as u16;
            }
        }
        v
    });
    match index.get(oid as usize) {
        Some(&i) if i != u16::MAX => Some(&TYPES[i as usize]),
        _ => None,
    }
}

/// SQL spellings that are not catalog names, mapped to the catalog name.
const ALIASES: &[(&str, &str)] = &[
    ("int", "int4"),
    ("integer", "int4"),
    ("smallint", "int2"),
    ("bigint", "int8"),
    ("real", "float4"),
    ("float", "float8"),
    ("double precision", "float8"),
    ("boolean", "bool"),
    ("character varying", "varchar"),
    ("char varying", "varchar"),
    ("character", "bpchar"),
    ("nchar", "bpchar"),
    ("decimal", "numeric"),
    ("dec", "numeric"),
    ("timestamp without time zone", "timestamp"),
    ("timestamp with time zone", "timestamptz"),
    ("time without time zone", "time"),
    ("serial", "int4"),
    ("bigserial", "int8"),
    ("smallserial", "int2"),
    ("serial4", "int4"),
    ("serial8", "int8"),
    ("serial2", "int2"),
];

/// Looks a type up by name: catalog names (`int4`, `_int4`, `"char"` as `char`), SQL
/// spellings (`integer`, `double precision`, `timestamp with time zone`), and a trailing
/// `[]` for the array type. Case-insensitive, whitespace-normalised.
///
/// Note `char` is the catalog's one-byte `"char"` (OID 18); the parser maps the SQL keyword
/// `CHAR(n)` to `bpchar` itself, as PostgreSQL's grammar does.
pub fn lookup_type_by_name(name: &str) -> Option<&'static TypeInfo> {
    let norm: String = name.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase();
    let norm = norm.trim_start_matches("pg_catalog.");
    if let Some(elem) = norm.strip_suffix("[]") {
        let e = lookup_type_by_name(elem.trim_end())?;
        return lookup_type(e.array);
    }
    let canonical = ALIASES.iter().find(|(a, _)| *a == norm).map(|(_, c)| *c).unwrap_or(norm);
    let canonical = if canonical == "\"char\"" { "char" } else { canonical };
    TYPES.iter().find(|t| t.name == canonical)
}

/// The array type of `elem`, if any.
pub fn array_type_of(elem: Oid) -> Option<Oid> {
    lookup_type(elem).map(|t| t.array).filter(|&a| a != 0)
}

/// The element type of array type `arr`, if it is one.
pub fn element_type_of(arr: Oid) -> Option<Oid> {
    lookup_type(arr).map(|t| t.elem).filter(|&e| e != 0)
}

/// `format_type(oid, typmod)`: `character varying(3)`, `numeric(10,2)`, `integer[]`.
pub fn format_type(oid: Oid, typmod: i32) -> String {
    let Some(t) = lookup_type(oid) else { return "???".to_string() };
    if t.elem != 0 && t.category == b'A' {
        return format!("{}[]", format_type(t.elem, typmod));
    }
    let base = t.sql_name();
    if typmod < 0 {
        return base.to_string();
    }
    match oid {
        oid::VARCHAR | oid::BPCHAR => format!("{base}({})", typmod - 4),
        oid::NUMERIC => {
            let (p, s) = crate::numeric::typmod_precision_scale(typmod);
            format!("numeric({p},{s})")
        }
        oid::TIMESTAMP => format!("timestamp({typmod}) without time zone"),
        oid::TIMESTAMPTZ => format!("timestamp({typmod}) with time zone"),
        oid::TIME => format!("time({typmod}) without time zone"),
        oid::TIMETZ => format!("time({typmod}) with time zone"),
        oid::INTERVAL => format!("interval{}", crate::interval::typmod_out(typmod)),
        _ => base.to_string(),
    }
}
