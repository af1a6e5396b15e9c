//! The system catalogs' definitions (PostgreSQL's `catalog/pg_*.h` with
//! `genbki.pl`'s output): for each catalog its OID, its row type, whether it
//! is shared (lives under `global/`), and its columns with the names, types,
//! typmods, `attlen`/`attbyval`/`attalign`/`attstorage`, `attnotnull` and
//! collation PostgreSQL 15 gives them, so that `\d pg_class` shows what it
//! shows there.
//!
//! [`tables`] is generated: it was recorded from a PostgreSQL 15 cluster's
//! `pg_class` and `pg_attribute` with
//!
//! ```sql
//! SELECT c.oid, a.attnum, a.attname, a.atttypid, a.atttypmod, a.attlen, a.attalign,
//!        a.attbyval, a.attstorage, a.attnotnull, a.attcollation
//!   FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
//!  WHERE c.relnamespace = 11 AND c.relkind = 'r' AND a.attnum > 0
//!  ORDER BY c.oid, a.attnum;
//! ```
//!
//! (and `relisshared`, `relfilenode = 0` for "mapped", `reltype`, its
//! `typarray` and `reltoastrelid` per catalog). It is data, like
//! PostgreSQL's `.dat` files: regenerate it rather than editing it.
//!
//! **Relfilenodes.** Every catalog's relfilenode is its OID when initdb
//! makes it. PostgreSQL keeps the "mapped" catalogs' (pg_class,
//! pg_attribute, pg_proc, pg_type and the shared ones) in `pg_filenode.map`
//! instead of `pg_class.relfilenode` (which reads 0 there); this server has
//! no relation mapper, so those catalogs also store their OID in
//! `relfilenode` and can never be rewritten (no VACUUM FULL / CLUSTER of
//! them). [`CatalogDef::mapped`] records PostgreSQL's fact for when a
//! mapper exists.
//!
//! **Rows.** A catalog row is a `Vec<Datum>` in column order; [`new_row`]
//! makes one with every column at its neutral value (false, 0, empty name,
//! NULL where the column is nullable), and the position constants of
//! [`tables`] (`pg_class::RELNAME`) index it. `name` columns hold
//! `Datum::Text`, `"char"` columns `Datum::Char`, `oid`/`regproc` columns
//! `Datum::Oid`, `xid` columns `Datum::Xid`, `oidvector`/`int2vector` and
//! arrays `Datum::Array`, `pg_node_tree` `Datum::Text`.

pub mod tables;

pub use tables::*;

use pg_types::{Datum, Oid, TypeInfo};

/// One column of a system catalog (the `pg_attribute` row genbki makes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CatalogColumn {
    /// `attname`.
    pub name: &'static str,
    /// `atttypid`.
    pub type_oid: Oid,
    /// `atttypmod` (always -1 in the catalogs).
    pub typmod: i32,
    /// `attlen`: bytes, or -1 for varlena.
    pub len: i16,
    /// `attbyval`.
    pub byval: bool,
    /// `attalign`: `c`, `s`, `i` or `d`.
    pub align: u8,
    /// `attstorage`: `p`, `x`, `e` or `m`.
    pub storage: u8,
    /// `attnotnull`.
    pub not_null: bool,
    /// `attcollation` (950 `C` for name and text columns, 0 otherwise).
    pub collation: Oid,
}

/// One system catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CatalogDef {
    /// `pg_class.oid`, which is also its relfilenode (see the module doc).
    pub oid: Oid,
    /// `relname` (every catalog is in `pg_catalog`).
    pub name: &'static str,
    /// `relisshared`: one copy under `global/` for the whole cluster.
    pub shared: bool,
    /// Whether PostgreSQL keeps its relfilenode in the relation map
    /// (`pg_class.relfilenode` is 0 there).
    pub mapped: bool,
    /// `reltype`: the OID of its row type in `pg_type`.
    pub rowtype: Oid,
    /// The row type's array type (`typarray`).
    pub rowtype_array: Oid,
    /// PostgreSQL's `reltoastrelid` for it (0 when it has none). This
    /// server does not make catalog TOAST tables at initdb yet, so
    /// `pg_class.reltoastrelid` says 0 for every catalog.
    pub toast_oid: Oid,
    /// The user columns in `attnum` order (`columns[i]` is attnum `i + 1`).
    pub columns: &'static [CatalogColumn],
}

impl CatalogDef {
    /// The relfilenode initdb gives it: its OID.
    pub fn relfilenode(&self) -> Oid {
        self.oid
    }

    /// `reltablespace` as stored: `pg_global` (1664) for shared catalogs,
    /// 0 (the database's default) otherwise.
    pub fn tablespace(&self) -> Oid {
        if self.shared {
            pg_wal::block::GLOBAL_TABLESPACE_OID
        } else {
            0
        }
    }

    /// The position of the column called `name`.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }
}

/// A catalog by OID.
pub fn catalog_by_oid(oid: Oid) -> Option<&'static CatalogDef> {
    CATALOGS.iter().copied().find(|c| c.oid == oid)
}

/// A catalog by name.
pub fn catalog_by_name(name: &str) -> Option<&'static CatalogDef> {
    CATALOGS.iter().copied().find(|c| c.name == name)
}

/// Whether `relid` is a system catalog (`IsCatalogRelationOid` for the
/// catalogs themselves; indexes and TOAST tables come when they exist).
pub fn is_catalog_relation(relid: Oid) -> bool {
    catalog_by_oid(relid).is_some()
}

/// Whether `relid` is a shared catalog (`IsSharedRelation`).
pub fn is_shared_relation(relid: Oid) -> bool {
    catalog_by_oid(relid).is_some_and(|c| c.shared)
}

/// A system attribute of every heap relation (attnum < 0): name, attnum,
/// type, `attlen`, `attbyval`, `attalign`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SystemAttribute {
    /// `attname`.
    pub name: &'static str,
    /// `attnum` (negative).
    pub attnum: i16,
    /// `atttypid`.
    pub type_oid: Oid,
    /// `attlen`.
    pub len: i16,
    /// `attbyval`.
    pub byval: bool,
    /// `attalign`.
    pub align: u8,
}

/// PostgreSQL 15's system attributes, in the order `heap_create_with_catalog`
/// writes them (`ctid` -1 ... `tableoid` -6). `xmin`/`xmax` keep type `xid`
/// in the catalog, as PostgreSQL's; the 64-bit values are shown modulo 2^32
/// there, while the tuple header stores them whole.
pub static SYSTEM_ATTRIBUTES: &[SystemAttribute] = &[
    SystemAttribute { name: "ctid", attnum: -1, type_oid: 27, len: 6, byval: false, align: b's' },
    SystemAttribute { name: "xmin", attnum: -2, type_oid: 28, len: 4, byval: true, align: b'i' },
    SystemAttribute { name: "cmin", attnum: -3, type_oid: 29, len: 4, byval: true, align: b'i' },
    SystemAttribute { name: "xmax", attnum: -4, type_oid: 28, len: 4, byval: true, align: b'i' },
    SystemAttribute { name: "cmax", attnum: -5, type_oid: 29, len: 4, byval: true, align: b'i' },
    SystemAttribute { name: "tableoid", attnum: -6, type_oid: 26, len: 4, byval: true, align: b'i' },
];

/// A system attribute by name (`SystemAttributeByName`).
pub fn system_attribute_by_name(name: &str) -> Option<&'static SystemAttribute> {
    SYSTEM_ATTRIBUTES.iter().find(|a| a.name == name)
}

/// Types that appear only in catalog columns and are not (yet) among
/// pg-types' built-in types, with PostgreSQL 15's `pg_type` facts, so that
/// initdb can write their rows and the tuple code can store their columns.
pub static CATALOG_ONLY_TYPES: &[TypeInfo] = &[
    catalog_type(3361, "pg_ndistinct", -1, b'Z', 0, 0),
    catalog_type(3402, "pg_dependencies", -1, b'Z', 0, 0),
    catalog_type(5017, "pg_mcv_list", -1, b'Z', 0, 0),
];

const fn catalog_type(oid: Oid, name: &'static str, len: i16, category: u8, elem: Oid, array: Oid) -> TypeInfo {
    TypeInfo {
        oid,
        name,
        len,
        byval: false,
        align: b'i',
        category,
        preferred: false,
        elem,
        array,
        typtype: b'b',
        binary: false,
    }
}

/// A type's `typstorage` as PostgreSQL 15 has it: `p` (plain) for
/// fixed-length types and the two vector types, `m` (main: compressed but
/// kept inline) for numeric, inet and cidr, `x` (extended) for other
/// varlena types.
pub fn type_storage(t: &TypeInfo) -> u8 {
    match t.oid {
        pg_types::oid::INT2VECTOR | pg_types::oid::OIDVECTOR => b'p',
        pg_types::oid::NUMERIC | pg_types::oid::INET | pg_types::oid::CIDR => b'm',
        _ if t.len == -1 => b'x',
        _ => b'p',
    }
}

/// A type by OID among pg-types' built-in types and [`CATALOG_ONLY_TYPES`].
pub fn lookup_type(oid: Oid) -> Option<&'static TypeInfo> {
    pg_types::lookup_type(oid).or_else(|| CATALOG_ONLY_TYPES.iter().find(|t| t.oid == oid))
}

/// The neutral value of a column in a new row: NULL for nullable columns,
/// otherwise false / 0 / `' '` / the empty name or text / an empty vector.
pub fn neutral_value(col: &CatalogColumn) -> Datum {
    use pg_types::oid;
    if !col.not_null {
        return Datum::Null;
    }
    match col.type_oid {
        oid::BOOL => Datum::Bool(false),
        oid::CHAR => Datum::Char(b' '),
        oid::INT2 => Datum::Int2(0),
        oid::INT4 => Datum::Int4(0),
        oid::INT8 => Datum::Int8(0),
        oid::FLOAT4 => Datum::Float4(0.0),
        oid::FLOAT8 => Datum::Float8(0.0),
        oid::OID | oid::REGPROC | oid::REGTYPE | oid::REGCLASS => Datum::Oid(0),
        oid::XID => Datum::Xid(0),
        oid::NAME | oid::TEXT => Datum::Text(String::new()),
        oid::OIDVECTOR | oid::INT2VECTOR => Datum::Array(Default::default()),
        _ => Datum::Null,
    }
}

/// A new row of `def` with every column at its [`neutral_value`].
pub fn new_row(def: &CatalogDef) -> Vec<Datum> {
    def.columns.iter().map(neutral_value).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definitions_match_postgresql() {
        assert_eq!(CATALOGS.len(), 64);
        assert_eq!(pg_class::RELATION_ID, 1259);
        assert_eq!(pg_class::NATTS, 33);
        assert_eq!(pg_class::DEF.columns[pg_class::RELNAME].name, "relname");
        assert_eq!(pg_class::DEF.columns[pg_class::RELNAME].len, 64);
        assert_eq!(pg_attribute::NATTS, 26);
        assert_eq!(pg_type::NATTS, 32);
        assert_eq!(pg_proc::NATTS, 30);
        assert!(pg_authid::DEF.shared && pg_database::DEF.shared && pg_tablespace::DEF.shared);
        assert!(!pg_namespace::DEF.shared);
        assert_eq!(pg_class::DEF.rowtype, 83);
        assert_eq!(pg_authid::DEF.rowtype, 2842);
        for def in CATALOGS {
            assert_eq!(catalog_by_oid(def.oid).unwrap().name, def.name);
            assert_eq!(def.relfilenode(), def.oid);
        }
        assert!(is_shared_relation(1260) && !is_shared_relation(1259));
        assert_eq!(catalog_by_name("pg_depend").unwrap().oid, 2608);
        // Every column's type is known, with the column's length and alignment.
        for def in CATALOGS {
            for c in def.columns {
                if CATALOGS.iter().any(|d| d.rowtype_array == c.type_oid) {
                    continue; // pg_statistic_ext_data.stxdexpr: _pg_statistic
                }
                let t =
                    lookup_type(c.type_oid).unwrap_or_else(|| panic!("{}.{}: type {}", def.name, c.name, c.type_oid));
                if c.type_oid < 10000 {
                    assert_eq!((t.len, t.align), (c.len, c.align), "{}.{}", def.name, c.name);
                    assert_eq!(type_storage(t), c.storage, "{}.{}", def.name, c.name);
                }
            }
        }
    }

    #[test]
    fn new_rows_are_neutral() {
        let row = new_row(&pg_class::DEF);
        assert_eq!(row.len(), 33);
        assert_eq!(row[pg_class::RELHASINDEX], Datum::Bool(false));
        assert_eq!(row[pg_class::RELACL], Datum::Null);
        assert_eq!(row[pg_class::RELNAME], Datum::Text(String::new()));
        assert_eq!(system_attribute_by_name("tableoid").unwrap().attnum, -6);
    }
}
