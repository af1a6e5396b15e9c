// @generated from PostgreSQL 15's pg_class and pg_attribute (see catdef/mod.rs for the query); edit by regenerating
//! The system catalogs' definitions as PostgreSQL 15 has them: one module per
//! catalog with its relation OID, row type, and the 0-based position of each
//! column in a row (`pg_class::RELNAME` is `Anum_pg_class_relname - 1`).

use super::{CatalogColumn, CatalogDef};

/// `pg_default_acl` (OID 826).
pub mod pg_default_acl {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`DefaultAclRelationId`).
    pub const RELATION_ID: u32 = 826;
    /// The number of columns (`Natts_pg_default_acl`).
    pub const NATTS: usize = 5;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `defaclrole` (oid) in a row.
    pub const DEFACLROLE: usize = 1;
    /// Position of `defaclnamespace` (oid) in a row.
    pub const DEFACLNAMESPACE: usize = 2;
    /// Position of `defaclobjtype` (char) in a row.
    pub const DEFACLOBJTYPE: usize = 3;
    /// Position of `defaclacl` (_aclitem) in a row.
    pub const DEFACLACL: usize = 4;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 826,
        name: "pg_default_acl",
        shared: false,
        mapped: false,
        rowtype: 10088,
        rowtype_array: 10087,
        toast_oid: 4143,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "defaclrole",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "defaclnamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "defaclobjtype",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "defaclacl",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_tablespace` (OID 1213, shared).
pub mod pg_tablespace {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`TablespaceRelationId`).
    pub const RELATION_ID: u32 = 1213;
    /// The number of columns (`Natts_pg_tablespace`).
    pub const NATTS: usize = 5;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `spcname` (name) in a row.
    pub const SPCNAME: usize = 1;
    /// Position of `spcowner` (oid) in a row.
    pub const SPCOWNER: usize = 2;
    /// Position of `spcacl` (_aclitem) in a row.
    pub const SPCACL: usize = 3;
    /// Position of `spcoptions` (_text) in a row.
    pub const SPCOPTIONS: usize = 4;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 1213,
        name: "pg_tablespace",
        shared: true,
        mapped: true,
        rowtype: 10056,
        rowtype_array: 10055,
        toast_oid: 4185,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "spcname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "spcowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "spcacl",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "spcoptions",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_shdepend` (OID 1214, shared).
pub mod pg_shdepend {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`ShdependRelationId`).
    pub const RELATION_ID: u32 = 1214;
    /// The number of columns (`Natts_pg_shdepend`).
    pub const NATTS: usize = 7;
    /// Position of `dbid` (oid) in a row.
    pub const DBID: usize = 0;
    /// Position of `classid` (oid) in a row.
    pub const CLASSID: usize = 1;
    /// Position of `objid` (oid) in a row.
    pub const OBJID: usize = 2;
    /// Position of `objsubid` (int4) in a row.
    pub const OBJSUBID: usize = 3;
    /// Position of `refclassid` (oid) in a row.
    pub const REFCLASSID: usize = 4;
    /// Position of `refobjid` (oid) in a row.
    pub const REFOBJID: usize = 5;
    /// Position of `deptype` (char) in a row.
    pub const DEPTYPE: usize = 6;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 1214,
        name: "pg_shdepend",
        shared: true,
        mapped: true,
        rowtype: 10060,
        rowtype_array: 10059,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "dbid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "classid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "objid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "objsubid",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "refclassid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "refobjid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "deptype",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_type` (OID 1247).
pub mod pg_type {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`TypeRelationId`).
    pub const RELATION_ID: u32 = 1247;
    /// The number of columns (`Natts_pg_type`).
    pub const NATTS: usize = 32;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `typname` (name) in a row.
    pub const TYPNAME: usize = 1;
    /// Position of `typnamespace` (oid) in a row.
    pub const TYPNAMESPACE: usize = 2;
    /// Position of `typowner` (oid) in a row.
    pub const TYPOWNER: usize = 3;
    /// Position of `typlen` (int2) in a row.
    pub const TYPLEN: usize = 4;
    /// Position of `typbyval` (bool) in a row.
    pub const TYPBYVAL: usize = 5;
    /// Position of `typtype` (char) in a row.
    pub const TYPTYPE: usize = 6;
    /// Position of `typcategory` (char) in a row.
    pub const TYPCATEGORY: usize = 7;
    /// Position of `typispreferred` (bool) in a row.
    pub const TYPISPREFERRED: usize = 8;
    /// Position of `typisdefined` (bool) in a row.
    pub const TYPISDEFINED: usize = 9;
    /// Position of `typdelim` (char) in a row.
    pub const TYPDELIM: usize = 10;
    /// Position of `typrelid` (oid) in a row.
    pub const TYPRELID: usize = 11;
    /// Position of `typsubscript` (regproc) in a row.
    pub const TYPSUBSCRIPT: usize = 12;
    /// Position of `typelem` (oid) in a row.
    pub const TYPELEM: usize = 13;
    /// Position of `typarray` (oid) in a row.
    pub const TYPARRAY: usize = 14;
    /// Position of `typinput` (regproc) in a row.
    pub const TYPINPUT: usize = 15;
    /// Position of `typoutput` (regproc) in a row.
    pub const TYPOUTPUT: usize = 16;
    /// Position of `typreceive` (regproc) in a row.
    pub const TYPRECEIVE: usize = 17;
    /// Position of `typsend` (regproc) in a row.
    pub const TYPSEND: usize = 18;
    /// Position of `typmodin` (regproc) in a row.
    pub const TYPMODIN: usize = 19;
    /// Position of `typmodout` (regproc) in a row.
    pub const TYPMODOUT: usize = 20;
    /// Position of `typanalyze` (regproc) in a row.
    pub const TYPANALYZE: usize = 21;
    /// Position of `typalign` (char) in a row.
    pub const TYPALIGN: usize = 22;
    /// Position of `typstorage` (char) in a row.
    pub const TYPSTORAGE: usize = 23;
    /// Position of `typnotnull` (bool) in a row.
    pub const TYPNOTNULL: usize = 24;
    /// Position of `typbasetype` (oid) in a row.
    pub const TYPBASETYPE: usize = 25;
    /// Position of `typtypmod` (int4) in a row.
    pub const TYPTYPMOD: usize = 26;
    /// Position of `typndims` (int4) in a row.
    pub const TYPNDIMS: usize = 27;
    /// Position of `typcollation` (oid) in a row.
    pub const TYPCOLLATION: usize = 28;
    /// Position of `typdefaultbin` (pg_node_tree) in a row.
    pub const TYPDEFAULTBIN: usize = 29;
    /// Position of `typdefault` (text) in a row.
    pub const TYPDEFAULT: usize = 30;
    /// Position of `typacl` (_aclitem) in a row.
    pub const TYPACL: usize = 31;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 1247,
        name: "pg_type",
        shared: false,
        mapped: true,
        rowtype: 71,
        rowtype_array: 210,
        toast_oid: 4171,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "typnamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typlen",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typbyval",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typtype",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typcategory",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typispreferred",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typisdefined",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typdelim",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typsubscript",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typelem",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typarray",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typinput",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typoutput",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typreceive",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typsend",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typmodin",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typmodout",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typanalyze",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typalign",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typstorage",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typnotnull",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typbasetype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typtypmod",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typndims",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typcollation",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "typdefaultbin",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "typdefault",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "typacl",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
    ];
}

/// `pg_attribute` (OID 1249).
pub mod pg_attribute {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`AttributeRelationId`).
    pub const RELATION_ID: u32 = 1249;
    /// The number of columns (`Natts_pg_attribute`).
    pub const NATTS: usize = 26;
    /// Position of `attrelid` (oid) in a row.
    pub const ATTRELID: usize = 0;
    /// Position of `attname` (name) in a row.
    pub const ATTNAME: usize = 1;
    /// Position of `atttypid` (oid) in a row.
    pub const ATTTYPID: usize = 2;
    /// Position of `attstattarget` (int4) in a row.
    pub const ATTSTATTARGET: usize = 3;
    /// Position of `attlen` (int2) in a row.
    pub const ATTLEN: usize = 4;
    /// Position of `attnum` (int2) in a row.
    pub const ATTNUM: usize = 5;
    /// Position of `attndims` (int4) in a row.
    pub const ATTNDIMS: usize = 6;
    /// Position of `attcacheoff` (int4) in a row.
    pub const ATTCACHEOFF: usize = 7;
    /// Position of `atttypmod` (int4) in a row.
    pub const ATTTYPMOD: usize = 8;
    /// Position of `attbyval` (bool) in a row.
    pub const ATTBYVAL: usize = 9;
    /// Position of `attalign` (char) in a row.
    pub const ATTALIGN: usize = 10;
    /// Position of `attstorage` (char) in a row.
    pub const ATTSTORAGE: usize = 11;
    /// Position of `attcompression` (char) in a row.
    pub const ATTCOMPRESSION: usize = 12;
    /// Position of `attnotnull` (bool) in a row.
    pub const ATTNOTNULL: usize = 13;
    /// Position of `atthasdef` (bool) in a row.
    pub const ATTHASDEF: usize = 14;
    /// Position of `atthasmissing` (bool) in a row.
    pub const ATTHASMISSING: usize = 15;
    /// Position of `attidentity` (char) in a row.
    pub const ATTIDENTITY: usize = 16;
    /// Position of `attgenerated` (char) in a row.
    pub const ATTGENERATED: usize = 17;
    /// Position of `attisdropped` (bool) in a row.
    pub const ATTISDROPPED: usize = 18;
    /// Position of `attislocal` (bool) in a row.
    pub const ATTISLOCAL: usize = 19;
    /// Position of `attinhcount` (int4) in a row.
    pub const ATTINHCOUNT: usize = 20;
    /// Position of `attcollation` (oid) in a row.
    pub const ATTCOLLATION: usize = 21;
    /// Position of `attacl` (_aclitem) in a row.
    pub const ATTACL: usize = 22;
    /// Position of `attoptions` (_text) in a row.
    pub const ATTOPTIONS: usize = 23;
    /// Position of `attfdwoptions` (_text) in a row.
    pub const ATTFDWOPTIONS: usize = 24;
    /// Position of `attmissingval` (anyarray) in a row.
    pub const ATTMISSINGVAL: usize = 25;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 1249,
        name: "pg_attribute",
        shared: false,
        mapped: true,
        rowtype: 75,
        rowtype_array: 270,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "attrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "atttypid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attstattarget",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attlen",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attnum",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attndims",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attcacheoff",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "atttypmod",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attbyval",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attalign",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attstorage",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attcompression",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attnotnull",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "atthasdef",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "atthasmissing",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attidentity",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attgenerated",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attisdropped",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attislocal",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attinhcount",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attcollation",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "attacl",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "attoptions",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "attfdwoptions",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "attmissingval",
            type_oid: 2277,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'd',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
    ];
}

/// `pg_proc` (OID 1255).
pub mod pg_proc {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`ProcRelationId`).
    pub const RELATION_ID: u32 = 1255;
    /// The number of columns (`Natts_pg_proc`).
    pub const NATTS: usize = 30;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `proname` (name) in a row.
    pub const PRONAME: usize = 1;
    /// Position of `pronamespace` (oid) in a row.
    pub const PRONAMESPACE: usize = 2;
    /// Position of `proowner` (oid) in a row.
    pub const PROOWNER: usize = 3;
    /// Position of `prolang` (oid) in a row.
    pub const PROLANG: usize = 4;
    /// Position of `procost` (float4) in a row.
    pub const PROCOST: usize = 5;
    /// Position of `prorows` (float4) in a row.
    pub const PROROWS: usize = 6;
    /// Position of `provariadic` (oid) in a row.
    pub const PROVARIADIC: usize = 7;
    /// Position of `prosupport` (regproc) in a row.
    pub const PROSUPPORT: usize = 8;
    /// Position of `prokind` (char) in a row.
    pub const PROKIND: usize = 9;
    /// Position of `prosecdef` (bool) in a row.
    pub const PROSECDEF: usize = 10;
    /// Position of `proleakproof` (bool) in a row.
    pub const PROLEAKPROOF: usize = 11;
    /// Position of `proisstrict` (bool) in a row.
    pub const PROISSTRICT: usize = 12;
    /// Position of `proretset` (bool) in a row.
    pub const PRORETSET: usize = 13;
    /// Position of `provolatile` (char) in a row.
    pub const PROVOLATILE: usize = 14;
    /// Position of `proparallel` (char) in a row.
    pub const PROPARALLEL: usize = 15;
    /// Position of `pronargs` (int2) in a row.
    pub const PRONARGS: usize = 16;
    /// Position of `pronargdefaults` (int2) in a row.
    pub const PRONARGDEFAULTS: usize = 17;
    /// Position of `prorettype` (oid) in a row.
    pub const PRORETTYPE: usize = 18;
    /// Position of `proargtypes` (oidvector) in a row.
    pub const PROARGTYPES: usize = 19;
    /// Position of `proallargtypes` (_oid) in a row.
    pub const PROALLARGTYPES: usize = 20;
    /// Position of `proargmodes` (_char) in a row.
    pub const PROARGMODES: usize = 21;
    /// Position of `proargnames` (_text) in a row.
    pub const PROARGNAMES: usize = 22;
    /// Position of `proargdefaults` (pg_node_tree) in a row.
    pub const PROARGDEFAULTS: usize = 23;
    /// Position of `protrftypes` (_oid) in a row.
    pub const PROTRFTYPES: usize = 24;
    /// Position of `prosrc` (text) in a row.
    pub const PROSRC: usize = 25;
    /// Position of `probin` (text) in a row.
    pub const PROBIN: usize = 26;
    /// Position of `prosqlbody` (pg_node_tree) in a row.
    pub const PROSQLBODY: usize = 27;
    /// Position of `proconfig` (_text) in a row.
    pub const PROCONFIG: usize = 28;
    /// Position of `proacl` (_aclitem) in a row.
    pub const PROACL: usize = 29;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 1255,
        name: "pg_proc",
        shared: false,
        mapped: true,
        rowtype: 81,
        rowtype_array: 272,
        toast_oid: 2836,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "proname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "pronamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "proowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prolang",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "procost",
            type_oid: 700,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prorows",
            type_oid: 700,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "provariadic",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prosupport",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prokind",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prosecdef",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "proleakproof",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "proisstrict",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "proretset",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "provolatile",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "proparallel",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "pronargs",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "pronargdefaults",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prorettype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "proargtypes",
            type_oid: 30,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "proallargtypes",
            type_oid: 1028,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "proargmodes",
            type_oid: 1002,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "proargnames",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "proargdefaults",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "protrftypes",
            type_oid: 1028,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "prosrc",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "probin",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "prosqlbody",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "proconfig",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "proacl",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
    ];
}

/// `pg_class` (OID 1259).
pub mod pg_class {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`ClassRelationId`).
    pub const RELATION_ID: u32 = 1259;
    /// The number of columns (`Natts_pg_class`).
    pub const NATTS: usize = 33;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `relname` (name) in a row.
    pub const RELNAME: usize = 1;
    /// Position of `relnamespace` (oid) in a row.
    pub const RELNAMESPACE: usize = 2;
    /// Position of `reltype` (oid) in a row.
    pub const RELTYPE: usize = 3;
    /// Position of `reloftype` (oid) in a row.
    pub const RELOFTYPE: usize = 4;
    /// Position of `relowner` (oid) in a row.
    pub const RELOWNER: usize = 5;
    /// Position of `relam` (oid) in a row.
    pub const RELAM: usize = 6;
    /// Position of `relfilenode` (oid) in a row.
    pub const RELFILENODE: usize = 7;
    /// Position of `reltablespace` (oid) in a row.
    pub const RELTABLESPACE: usize = 8;
    /// Position of `relpages` (int4) in a row.
    pub const RELPAGES: usize = 9;
    /// Position of `reltuples` (float4) in a row.
    pub const RELTUPLES: usize = 10;
    /// Position of `relallvisible` (int4) in a row.
    pub const RELALLVISIBLE: usize = 11;
    /// Position of `reltoastrelid` (oid) in a row.
    pub const RELTOASTRELID: usize = 12;
    /// Position of `relhasindex` (bool) in a row.
    pub const RELHASINDEX: usize = 13;
    /// Position of `relisshared` (bool) in a row.
    pub const RELISSHARED: usize = 14;
    /// Position of `relpersistence` (char) in a row.
    pub const RELPERSISTENCE: usize = 15;
    /// Position of `relkind` (char) in a row.
    pub const RELKIND: usize = 16;
    /// Position of `relnatts` (int2) in a row.
    pub const RELNATTS: usize = 17;
    /// Position of `relchecks` (int2) in a row.
    pub const RELCHECKS: usize = 18;
    /// Position of `relhasrules` (bool) in a row.
    pub const RELHASRULES: usize = 19;
    /// Position of `relhastriggers` (bool) in a row.
    pub const RELHASTRIGGERS: usize = 20;
    /// Position of `relhassubclass` (bool) in a row.
    pub const RELHASSUBCLASS: usize = 21;
    /// Position of `relrowsecurity` (bool) in a row.
    pub const RELROWSECURITY: usize = 22;
    /// Position of `relforcerowsecurity` (bool) in a row.
    pub const RELFORCEROWSECURITY: usize = 23;
    /// Position of `relispopulated` (bool) in a row.
    pub const RELISPOPULATED: usize = 24;
    /// Position of `relreplident` (char) in a row.
    pub const RELREPLIDENT: usize = 25;
    /// Position of `relispartition` (bool) in a row.
    pub const RELISPARTITION: usize = 26;
    /// Position of `relrewrite` (oid) in a row.
    pub const RELREWRITE: usize = 27;
    /// Position of `relfrozenxid` (xid) in a row.
    pub const RELFROZENXID: usize = 28;
    /// Position of `relminmxid` (xid) in a row.
    pub const RELMINMXID: usize = 29;
    /// Position of `relacl` (_aclitem) in a row.
    pub const RELACL: usize = 30;
    /// Position of `reloptions` (_text) in a row.
    pub const RELOPTIONS: usize = 31;
    /// Position of `relpartbound` (pg_node_tree) in a row.
    pub const RELPARTBOUND: usize = 32;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 1259,
        name: "pg_class",
        shared: false,
        mapped: true,
        rowtype: 83,
        rowtype_array: 273,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "relnamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "reltype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "reloftype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relam",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relfilenode",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "reltablespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relpages",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "reltuples",
            type_oid: 700,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relallvisible",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "reltoastrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relhasindex",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relisshared",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relpersistence",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relkind",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relnatts",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relchecks",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relhasrules",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relhastriggers",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relhassubclass",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relrowsecurity",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relforcerowsecurity",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relispopulated",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relreplident",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relispartition",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relrewrite",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relfrozenxid",
            type_oid: 28,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relminmxid",
            type_oid: 28,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "relacl",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "reloptions",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "relpartbound",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_authid` (OID 1260, shared).
pub mod pg_authid {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`AuthidRelationId`).
    pub const RELATION_ID: u32 = 1260;
    /// The number of columns (`Natts_pg_authid`).
    pub const NATTS: usize = 12;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `rolname` (name) in a row.
    pub const ROLNAME: usize = 1;
    /// Position of `rolsuper` (bool) in a row.
    pub const ROLSUPER: usize = 2;
    /// Position of `rolinherit` (bool) in a row.
    pub const ROLINHERIT: usize = 3;
    /// Position of `rolcreaterole` (bool) in a row.
    pub const ROLCREATEROLE: usize = 4;
    /// Position of `rolcreatedb` (bool) in a row.
    pub const ROLCREATEDB: usize = 5;
    /// Position of `rolcanlogin` (bool) in a row.
    pub const ROLCANLOGIN: usize = 6;
    /// Position of `rolreplication` (bool) in a row.
    pub const ROLREPLICATION: usize = 7;
    /// Position of `rolbypassrls` (bool) in a row.
    pub const ROLBYPASSRLS: usize = 8;
    /// Position of `rolconnlimit` (int4) in a row.
    pub const ROLCONNLIMIT: usize = 9;
    /// Position of `rolpassword` (text) in a row.
    pub const ROLPASSWORD: usize = 10;
    /// Position of `rolvaliduntil` (timestamptz) in a row.
    pub const ROLVALIDUNTIL: usize = 11;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 1260,
        name: "pg_authid",
        shared: true,
        mapped: true,
        rowtype: 2842,
        rowtype_array: 10057,
        toast_oid: 4175,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rolname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "rolsuper",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rolinherit",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rolcreaterole",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rolcreatedb",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rolcanlogin",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rolreplication",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rolbypassrls",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rolconnlimit",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rolpassword",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "rolvaliduntil",
            type_oid: 1184,
            typmod: -1,
            len: 8,
            byval: true,
            align: b'd',
            storage: b'p',
            not_null: false,
            collation: 0,
        },
    ];
}

/// `pg_auth_members` (OID 1261, shared).
pub mod pg_auth_members {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`AuthMembersRelationId`).
    pub const RELATION_ID: u32 = 1261;
    /// The number of columns (`Natts_pg_auth_members`).
    pub const NATTS: usize = 4;
    /// Position of `roleid` (oid) in a row.
    pub const ROLEID: usize = 0;
    /// Position of `member` (oid) in a row.
    pub const MEMBER: usize = 1;
    /// Position of `grantor` (oid) in a row.
    pub const GRANTOR: usize = 2;
    /// Position of `admin_option` (bool) in a row.
    pub const ADMIN_OPTION: usize = 3;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 1261,
        name: "pg_auth_members",
        shared: true,
        mapped: true,
        rowtype: 2843,
        rowtype_array: 10058,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "roleid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "member",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "grantor",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "admin_option",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_database` (OID 1262, shared).
pub mod pg_database {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`DatabaseRelationId`).
    pub const RELATION_ID: u32 = 1262;
    /// The number of columns (`Natts_pg_database`).
    pub const NATTS: usize = 16;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `datname` (name) in a row.
    pub const DATNAME: usize = 1;
    /// Position of `datdba` (oid) in a row.
    pub const DATDBA: usize = 2;
    /// Position of `encoding` (int4) in a row.
    pub const ENCODING: usize = 3;
    /// Position of `datlocprovider` (char) in a row.
    pub const DATLOCPROVIDER: usize = 4;
    /// Position of `datistemplate` (bool) in a row.
    pub const DATISTEMPLATE: usize = 5;
    /// Position of `datallowconn` (bool) in a row.
    pub const DATALLOWCONN: usize = 6;
    /// Position of `datconnlimit` (int4) in a row.
    pub const DATCONNLIMIT: usize = 7;
    /// Position of `datfrozenxid` (xid) in a row.
    pub const DATFROZENXID: usize = 8;
    /// Position of `datminmxid` (xid) in a row.
    pub const DATMINMXID: usize = 9;
    /// Position of `dattablespace` (oid) in a row.
    pub const DATTABLESPACE: usize = 10;
    /// Position of `datcollate` (text) in a row.
    pub const DATCOLLATE: usize = 11;
    /// Position of `datctype` (text) in a row.
    pub const DATCTYPE: usize = 12;
    /// Position of `daticulocale` (text) in a row.
    pub const DATICULOCALE: usize = 13;
    /// Position of `datcollversion` (text) in a row.
    pub const DATCOLLVERSION: usize = 14;
    /// Position of `datacl` (_aclitem) in a row.
    pub const DATACL: usize = 15;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 1262,
        name: "pg_database",
        shared: true,
        mapped: true,
        rowtype: 1248,
        rowtype_array: 10052,
        toast_oid: 4177,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "datname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "datdba",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "encoding",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "datlocprovider",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "datistemplate",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "datallowconn",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "datconnlimit",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "datfrozenxid",
            type_oid: 28,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "datminmxid",
            type_oid: 28,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "dattablespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "datcollate",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "datctype",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "daticulocale",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "datcollversion",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "datacl",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
    ];
}

/// `pg_foreign_server` (OID 1417).
pub mod pg_foreign_server {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`ForeignServerRelationId`).
    pub const RELATION_ID: u32 = 1417;
    /// The number of columns (`Natts_pg_foreign_server`).
    pub const NATTS: usize = 8;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `srvname` (name) in a row.
    pub const SRVNAME: usize = 1;
    /// Position of `srvowner` (oid) in a row.
    pub const SRVOWNER: usize = 2;
    /// Position of `srvfdw` (oid) in a row.
    pub const SRVFDW: usize = 3;
    /// Position of `srvtype` (text) in a row.
    pub const SRVTYPE: usize = 4;
    /// Position of `srvversion` (text) in a row.
    pub const SRVVERSION: usize = 5;
    /// Position of `srvacl` (_aclitem) in a row.
    pub const SRVACL: usize = 6;
    /// Position of `srvoptions` (_text) in a row.
    pub const SRVOPTIONS: usize = 7;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 1417,
        name: "pg_foreign_server",
        shared: false,
        mapped: false,
        rowtype: 10078,
        rowtype_array: 10077,
        toast_oid: 4151,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "srvname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "srvowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "srvfdw",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "srvtype",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "srvversion",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "srvacl",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "srvoptions",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_user_mapping` (OID 1418).
pub mod pg_user_mapping {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`UserMappingRelationId`).
    pub const RELATION_ID: u32 = 1418;
    /// The number of columns (`Natts_pg_user_mapping`).
    pub const NATTS: usize = 4;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `umuser` (oid) in a row.
    pub const UMUSER: usize = 1;
    /// Position of `umserver` (oid) in a row.
    pub const UMSERVER: usize = 2;
    /// Position of `umoptions` (_text) in a row.
    pub const UMOPTIONS: usize = 3;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 1418,
        name: "pg_user_mapping",
        shared: false,
        mapped: false,
        rowtype: 10080,
        rowtype_array: 10079,
        toast_oid: 4173,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "umuser",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "umserver",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "umoptions",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_sequence` (OID 2224).
pub mod pg_sequence {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`SequenceRelationId`).
    pub const RELATION_ID: u32 = 2224;
    /// The number of columns (`Natts_pg_sequence`).
    pub const NATTS: usize = 8;
    /// Position of `seqrelid` (oid) in a row.
    pub const SEQRELID: usize = 0;
    /// Position of `seqtypid` (oid) in a row.
    pub const SEQTYPID: usize = 1;
    /// Position of `seqstart` (int8) in a row.
    pub const SEQSTART: usize = 2;
    /// Position of `seqincrement` (int8) in a row.
    pub const SEQINCREMENT: usize = 3;
    /// Position of `seqmax` (int8) in a row.
    pub const SEQMAX: usize = 4;
    /// Position of `seqmin` (int8) in a row.
    pub const SEQMIN: usize = 5;
    /// Position of `seqcache` (int8) in a row.
    pub const SEQCACHE: usize = 6;
    /// Position of `seqcycle` (bool) in a row.
    pub const SEQCYCLE: usize = 7;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2224,
        name: "pg_sequence",
        shared: false,
        mapped: false,
        rowtype: 10105,
        rowtype_array: 10104,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "seqrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "seqtypid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "seqstart",
            type_oid: 20,
            typmod: -1,
            len: 8,
            byval: true,
            align: b'd',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "seqincrement",
            type_oid: 20,
            typmod: -1,
            len: 8,
            byval: true,
            align: b'd',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "seqmax",
            type_oid: 20,
            typmod: -1,
            len: 8,
            byval: true,
            align: b'd',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "seqmin",
            type_oid: 20,
            typmod: -1,
            len: 8,
            byval: true,
            align: b'd',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "seqcache",
            type_oid: 20,
            typmod: -1,
            len: 8,
            byval: true,
            align: b'd',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "seqcycle",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_foreign_data_wrapper` (OID 2328).
pub mod pg_foreign_data_wrapper {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`ForeignDataWrapperRelationId`).
    pub const RELATION_ID: u32 = 2328;
    /// The number of columns (`Natts_pg_foreign_data_wrapper`).
    pub const NATTS: usize = 7;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `fdwname` (name) in a row.
    pub const FDWNAME: usize = 1;
    /// Position of `fdwowner` (oid) in a row.
    pub const FDWOWNER: usize = 2;
    /// Position of `fdwhandler` (oid) in a row.
    pub const FDWHANDLER: usize = 3;
    /// Position of `fdwvalidator` (oid) in a row.
    pub const FDWVALIDATOR: usize = 4;
    /// Position of `fdwacl` (_aclitem) in a row.
    pub const FDWACL: usize = 5;
    /// Position of `fdwoptions` (_text) in a row.
    pub const FDWOPTIONS: usize = 6;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2328,
        name: "pg_foreign_data_wrapper",
        shared: false,
        mapped: false,
        rowtype: 10076,
        rowtype_array: 10075,
        toast_oid: 4149,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "fdwname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "fdwowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "fdwhandler",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "fdwvalidator",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "fdwacl",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "fdwoptions",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_shdescription` (OID 2396, shared).
pub mod pg_shdescription {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`ShdescriptionRelationId`).
    pub const RELATION_ID: u32 = 2396;
    /// The number of columns (`Natts_pg_shdescription`).
    pub const NATTS: usize = 3;
    /// Position of `objoid` (oid) in a row.
    pub const OBJOID: usize = 0;
    /// Position of `classoid` (oid) in a row.
    pub const CLASSOID: usize = 1;
    /// Position of `description` (text) in a row.
    pub const DESCRIPTION: usize = 2;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2396,
        name: "pg_shdescription",
        shared: true,
        mapped: true,
        rowtype: 10062,
        rowtype_array: 10061,
        toast_oid: 2846,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "objoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "classoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "description",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
    ];
}

/// `pg_aggregate` (OID 2600).
pub mod pg_aggregate {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`AggregateRelationId`).
    pub const RELATION_ID: u32 = 2600;
    /// The number of columns (`Natts_pg_aggregate`).
    pub const NATTS: usize = 22;
    /// Position of `aggfnoid` (regproc) in a row.
    pub const AGGFNOID: usize = 0;
    /// Position of `aggkind` (char) in a row.
    pub const AGGKIND: usize = 1;
    /// Position of `aggnumdirectargs` (int2) in a row.
    pub const AGGNUMDIRECTARGS: usize = 2;
    /// Position of `aggtransfn` (regproc) in a row.
    pub const AGGTRANSFN: usize = 3;
    /// Position of `aggfinalfn` (regproc) in a row.
    pub const AGGFINALFN: usize = 4;
    /// Position of `aggcombinefn` (regproc) in a row.
    pub const AGGCOMBINEFN: usize = 5;
    /// Position of `aggserialfn` (regproc) in a row.
    pub const AGGSERIALFN: usize = 6;
    /// Position of `aggdeserialfn` (regproc) in a row.
    pub const AGGDESERIALFN: usize = 7;
    /// Position of `aggmtransfn` (regproc) in a row.
    pub const AGGMTRANSFN: usize = 8;
    /// Position of `aggminvtransfn` (regproc) in a row.
    pub const AGGMINVTRANSFN: usize = 9;
    /// Position of `aggmfinalfn` (regproc) in a row.
    pub const AGGMFINALFN: usize = 10;
    /// Position of `aggfinalextra` (bool) in a row.
    pub const AGGFINALEXTRA: usize = 11;
    /// Position of `aggmfinalextra` (bool) in a row.
    pub const AGGMFINALEXTRA: usize = 12;
    /// Position of `aggfinalmodify` (char) in a row.
    pub const AGGFINALMODIFY: usize = 13;
    /// Position of `aggmfinalmodify` (char) in a row.
    pub const AGGMFINALMODIFY: usize = 14;
    /// Position of `aggsortop` (oid) in a row.
    pub const AGGSORTOP: usize = 15;
    /// Position of `aggtranstype` (oid) in a row.
    pub const AGGTRANSTYPE: usize = 16;
    /// Position of `aggtransspace` (int4) in a row.
    pub const AGGTRANSSPACE: usize = 17;
    /// Position of `aggmtranstype` (oid) in a row.
    pub const AGGMTRANSTYPE: usize = 18;
    /// Position of `aggmtransspace` (int4) in a row.
    pub const AGGMTRANSSPACE: usize = 19;
    /// Position of `agginitval` (text) in a row.
    pub const AGGINITVAL: usize = 20;
    /// Position of `aggminitval` (text) in a row.
    pub const AGGMINITVAL: usize = 21;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2600,
        name: "pg_aggregate",
        shared: false,
        mapped: false,
        rowtype: 10027,
        rowtype_array: 10026,
        toast_oid: 4159,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "aggfnoid",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggkind",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggnumdirectargs",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggtransfn",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggfinalfn",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggcombinefn",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggserialfn",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggdeserialfn",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggmtransfn",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggminvtransfn",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggmfinalfn",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggfinalextra",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggmfinalextra",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggfinalmodify",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggmfinalmodify",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggsortop",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggtranstype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggtransspace",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggmtranstype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "aggmtransspace",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "agginitval",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "aggminitval",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_am` (OID 2601).
pub mod pg_am {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`AmRelationId`).
    pub const RELATION_ID: u32 = 2601;
    /// The number of columns (`Natts_pg_am`).
    pub const NATTS: usize = 4;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `amname` (name) in a row.
    pub const AMNAME: usize = 1;
    /// Position of `amhandler` (regproc) in a row.
    pub const AMHANDLER: usize = 2;
    /// Position of `amtype` (char) in a row.
    pub const AMTYPE: usize = 3;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2601,
        name: "pg_am",
        shared: false,
        mapped: false,
        rowtype: 10015,
        rowtype_array: 10014,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "amhandler",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amtype",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_amop` (OID 2602).
pub mod pg_amop {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`AmopRelationId`).
    pub const RELATION_ID: u32 = 2602;
    /// The number of columns (`Natts_pg_amop`).
    pub const NATTS: usize = 9;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `amopfamily` (oid) in a row.
    pub const AMOPFAMILY: usize = 1;
    /// Position of `amoplefttype` (oid) in a row.
    pub const AMOPLEFTTYPE: usize = 2;
    /// Position of `amoprighttype` (oid) in a row.
    pub const AMOPRIGHTTYPE: usize = 3;
    /// Position of `amopstrategy` (int2) in a row.
    pub const AMOPSTRATEGY: usize = 4;
    /// Position of `amoppurpose` (char) in a row.
    pub const AMOPPURPOSE: usize = 5;
    /// Position of `amopopr` (oid) in a row.
    pub const AMOPOPR: usize = 6;
    /// Position of `amopmethod` (oid) in a row.
    pub const AMOPMETHOD: usize = 7;
    /// Position of `amopsortfamily` (oid) in a row.
    pub const AMOPSORTFAMILY: usize = 8;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2602,
        name: "pg_amop",
        shared: false,
        mapped: false,
        rowtype: 10017,
        rowtype_array: 10016,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amopfamily",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amoplefttype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amoprighttype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amopstrategy",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amoppurpose",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amopopr",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amopmethod",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amopsortfamily",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_amproc` (OID 2603).
pub mod pg_amproc {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`AmprocRelationId`).
    pub const RELATION_ID: u32 = 2603;
    /// The number of columns (`Natts_pg_amproc`).
    pub const NATTS: usize = 6;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `amprocfamily` (oid) in a row.
    pub const AMPROCFAMILY: usize = 1;
    /// Position of `amproclefttype` (oid) in a row.
    pub const AMPROCLEFTTYPE: usize = 2;
    /// Position of `amprocrighttype` (oid) in a row.
    pub const AMPROCRIGHTTYPE: usize = 3;
    /// Position of `amprocnum` (int2) in a row.
    pub const AMPROCNUM: usize = 4;
    /// Position of `amproc` (regproc) in a row.
    pub const AMPROC: usize = 5;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2603,
        name: "pg_amproc",
        shared: false,
        mapped: false,
        rowtype: 10019,
        rowtype_array: 10018,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amprocfamily",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amproclefttype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amprocrighttype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amprocnum",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "amproc",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_attrdef` (OID 2604).
pub mod pg_attrdef {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`AttrdefRelationId`).
    pub const RELATION_ID: u32 = 2604;
    /// The number of columns (`Natts_pg_attrdef`).
    pub const NATTS: usize = 4;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `adrelid` (oid) in a row.
    pub const ADRELID: usize = 1;
    /// Position of `adnum` (int2) in a row.
    pub const ADNUM: usize = 2;
    /// Position of `adbin` (pg_node_tree) in a row.
    pub const ADBIN: usize = 3;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2604,
        name: "pg_attrdef",
        shared: false,
        mapped: false,
        rowtype: 10001,
        rowtype_array: 10000,
        toast_oid: 2830,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "adrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "adnum",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "adbin",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
    ];
}

/// `pg_cast` (OID 2605).
pub mod pg_cast {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`CastRelationId`).
    pub const RELATION_ID: u32 = 2605;
    /// The number of columns (`Natts_pg_cast`).
    pub const NATTS: usize = 6;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `castsource` (oid) in a row.
    pub const CASTSOURCE: usize = 1;
    /// Position of `casttarget` (oid) in a row.
    pub const CASTTARGET: usize = 2;
    /// Position of `castfunc` (oid) in a row.
    pub const CASTFUNC: usize = 3;
    /// Position of `castcontext` (char) in a row.
    pub const CASTCONTEXT: usize = 4;
    /// Position of `castmethod` (char) in a row.
    pub const CASTMETHOD: usize = 5;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2605,
        name: "pg_cast",
        shared: false,
        mapped: false,
        rowtype: 10043,
        rowtype_array: 10042,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "castsource",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "casttarget",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "castfunc",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "castcontext",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "castmethod",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_constraint` (OID 2606).
pub mod pg_constraint {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`ConstraintRelationId`).
    pub const RELATION_ID: u32 = 2606;
    /// The number of columns (`Natts_pg_constraint`).
    pub const NATTS: usize = 26;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `conname` (name) in a row.
    pub const CONNAME: usize = 1;
    /// Position of `connamespace` (oid) in a row.
    pub const CONNAMESPACE: usize = 2;
    /// Position of `contype` (char) in a row.
    pub const CONTYPE: usize = 3;
    /// Position of `condeferrable` (bool) in a row.
    pub const CONDEFERRABLE: usize = 4;
    /// Position of `condeferred` (bool) in a row.
    pub const CONDEFERRED: usize = 5;
    /// Position of `convalidated` (bool) in a row.
    pub const CONVALIDATED: usize = 6;
    /// Position of `conrelid` (oid) in a row.
    pub const CONRELID: usize = 7;
    /// Position of `contypid` (oid) in a row.
    pub const CONTYPID: usize = 8;
    /// Position of `conindid` (oid) in a row.
    pub const CONINDID: usize = 9;
    /// Position of `conparentid` (oid) in a row.
    pub const CONPARENTID: usize = 10;
    /// Position of `confrelid` (oid) in a row.
    pub const CONFRELID: usize = 11;
    /// Position of `confupdtype` (char) in a row.
    pub const CONFUPDTYPE: usize = 12;
    /// Position of `confdeltype` (char) in a row.
    pub const CONFDELTYPE: usize = 13;
    /// Position of `confmatchtype` (char) in a row.
    pub const CONFMATCHTYPE: usize = 14;
    /// Position of `conislocal` (bool) in a row.
    pub const CONISLOCAL: usize = 15;
    /// Position of `coninhcount` (int4) in a row.
    pub const CONINHCOUNT: usize = 16;
    /// Position of `connoinherit` (bool) in a row.
    pub const CONNOINHERIT: usize = 17;
    /// Position of `conkey` (_int2) in a row.
    pub const CONKEY: usize = 18;
    /// Position of `confkey` (_int2) in a row.
    pub const CONFKEY: usize = 19;
    /// Position of `conpfeqop` (_oid) in a row.
    pub const CONPFEQOP: usize = 20;
    /// Position of `conppeqop` (_oid) in a row.
    pub const CONPPEQOP: usize = 21;
    /// Position of `conffeqop` (_oid) in a row.
    pub const CONFFEQOP: usize = 22;
    /// Position of `confdelsetcols` (_int2) in a row.
    pub const CONFDELSETCOLS: usize = 23;
    /// Position of `conexclop` (_oid) in a row.
    pub const CONEXCLOP: usize = 24;
    /// Position of `conbin` (pg_node_tree) in a row.
    pub const CONBIN: usize = 25;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2606,
        name: "pg_constraint",
        shared: false,
        mapped: false,
        rowtype: 10003,
        rowtype_array: 10002,
        toast_oid: 2832,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "conname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "connamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "contype",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "condeferrable",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "condeferred",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "convalidated",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "conrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "contypid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "conindid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "conparentid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "confrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "confupdtype",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "confdeltype",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "confmatchtype",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "conislocal",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "coninhcount",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "connoinherit",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "conkey",
            type_oid: 1005,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "confkey",
            type_oid: 1005,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "conpfeqop",
            type_oid: 1028,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "conppeqop",
            type_oid: 1028,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "conffeqop",
            type_oid: 1028,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "confdelsetcols",
            type_oid: 1005,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "conexclop",
            type_oid: 1028,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "conbin",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_conversion` (OID 2607).
pub mod pg_conversion {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`ConversionRelationId`).
    pub const RELATION_ID: u32 = 2607;
    /// The number of columns (`Natts_pg_conversion`).
    pub const NATTS: usize = 8;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `conname` (name) in a row.
    pub const CONNAME: usize = 1;
    /// Position of `connamespace` (oid) in a row.
    pub const CONNAMESPACE: usize = 2;
    /// Position of `conowner` (oid) in a row.
    pub const CONOWNER: usize = 3;
    /// Position of `conforencoding` (int4) in a row.
    pub const CONFORENCODING: usize = 4;
    /// Position of `contoencoding` (int4) in a row.
    pub const CONTOENCODING: usize = 5;
    /// Position of `conproc` (regproc) in a row.
    pub const CONPROC: usize = 6;
    /// Position of `condefault` (bool) in a row.
    pub const CONDEFAULT: usize = 7;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2607,
        name: "pg_conversion",
        shared: false,
        mapped: false,
        rowtype: 10049,
        rowtype_array: 10048,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "conname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "connamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "conowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "conforencoding",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "contoencoding",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "conproc",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "condefault",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_depend` (OID 2608).
pub mod pg_depend {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`DependRelationId`).
    pub const RELATION_ID: u32 = 2608;
    /// The number of columns (`Natts_pg_depend`).
    pub const NATTS: usize = 7;
    /// Position of `classid` (oid) in a row.
    pub const CLASSID: usize = 0;
    /// Position of `objid` (oid) in a row.
    pub const OBJID: usize = 1;
    /// Position of `objsubid` (int4) in a row.
    pub const OBJSUBID: usize = 2;
    /// Position of `refclassid` (oid) in a row.
    pub const REFCLASSID: usize = 3;
    /// Position of `refobjid` (oid) in a row.
    pub const REFOBJID: usize = 4;
    /// Position of `refobjsubid` (int4) in a row.
    pub const REFOBJSUBID: usize = 5;
    /// Position of `deptype` (char) in a row.
    pub const DEPTYPE: usize = 6;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2608,
        name: "pg_depend",
        shared: false,
        mapped: false,
        rowtype: 10051,
        rowtype_array: 10050,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "classid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "objid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "objsubid",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "refclassid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "refobjid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "refobjsubid",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "deptype",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_description` (OID 2609).
pub mod pg_description {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`DescriptionRelationId`).
    pub const RELATION_ID: u32 = 2609;
    /// The number of columns (`Natts_pg_description`).
    pub const NATTS: usize = 4;
    /// Position of `objoid` (oid) in a row.
    pub const OBJOID: usize = 0;
    /// Position of `classoid` (oid) in a row.
    pub const CLASSOID: usize = 1;
    /// Position of `objsubid` (int4) in a row.
    pub const OBJSUBID: usize = 2;
    /// Position of `description` (text) in a row.
    pub const DESCRIPTION: usize = 3;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2609,
        name: "pg_description",
        shared: false,
        mapped: false,
        rowtype: 10041,
        rowtype_array: 10040,
        toast_oid: 2834,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "objoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "classoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "objsubid",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "description",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
    ];
}

/// `pg_index` (OID 2610).
pub mod pg_index {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`IndexRelationId`).
    pub const RELATION_ID: u32 = 2610;
    /// The number of columns (`Natts_pg_index`).
    pub const NATTS: usize = 21;
    /// Position of `indexrelid` (oid) in a row.
    pub const INDEXRELID: usize = 0;
    /// Position of `indrelid` (oid) in a row.
    pub const INDRELID: usize = 1;
    /// Position of `indnatts` (int2) in a row.
    pub const INDNATTS: usize = 2;
    /// Position of `indnkeyatts` (int2) in a row.
    pub const INDNKEYATTS: usize = 3;
    /// Position of `indisunique` (bool) in a row.
    pub const INDISUNIQUE: usize = 4;
    /// Position of `indnullsnotdistinct` (bool) in a row.
    pub const INDNULLSNOTDISTINCT: usize = 5;
    /// Position of `indisprimary` (bool) in a row.
    pub const INDISPRIMARY: usize = 6;
    /// Position of `indisexclusion` (bool) in a row.
    pub const INDISEXCLUSION: usize = 7;
    /// Position of `indimmediate` (bool) in a row.
    pub const INDIMMEDIATE: usize = 8;
    /// Position of `indisclustered` (bool) in a row.
    pub const INDISCLUSTERED: usize = 9;
    /// Position of `indisvalid` (bool) in a row.
    pub const INDISVALID: usize = 10;
    /// Position of `indcheckxmin` (bool) in a row.
    pub const INDCHECKXMIN: usize = 11;
    /// Position of `indisready` (bool) in a row.
    pub const INDISREADY: usize = 12;
    /// Position of `indislive` (bool) in a row.
    pub const INDISLIVE: usize = 13;
    /// Position of `indisreplident` (bool) in a row.
    pub const INDISREPLIDENT: usize = 14;
    /// Position of `indkey` (int2vector) in a row.
    pub const INDKEY: usize = 15;
    /// Position of `indcollation` (oidvector) in a row.
    pub const INDCOLLATION: usize = 16;
    /// Position of `indclass` (oidvector) in a row.
    pub const INDCLASS: usize = 17;
    /// Position of `indoption` (int2vector) in a row.
    pub const INDOPTION: usize = 18;
    /// Position of `indexprs` (pg_node_tree) in a row.
    pub const INDEXPRS: usize = 19;
    /// Position of `indpred` (pg_node_tree) in a row.
    pub const INDPRED: usize = 20;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2610,
        name: "pg_index",
        shared: false,
        mapped: false,
        rowtype: 10007,
        rowtype_array: 10006,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "indexrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indnatts",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indnkeyatts",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indisunique",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indnullsnotdistinct",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indisprimary",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indisexclusion",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indimmediate",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indisclustered",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indisvalid",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indcheckxmin",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indisready",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indislive",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indisreplident",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indkey",
            type_oid: 22,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indcollation",
            type_oid: 30,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indclass",
            type_oid: 30,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indoption",
            type_oid: 22,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "indexprs",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "indpred",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_inherits` (OID 2611).
pub mod pg_inherits {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`InheritsRelationId`).
    pub const RELATION_ID: u32 = 2611;
    /// The number of columns (`Natts_pg_inherits`).
    pub const NATTS: usize = 4;
    /// Position of `inhrelid` (oid) in a row.
    pub const INHRELID: usize = 0;
    /// Position of `inhparent` (oid) in a row.
    pub const INHPARENT: usize = 1;
    /// Position of `inhseqno` (int4) in a row.
    pub const INHSEQNO: usize = 2;
    /// Position of `inhdetachpending` (bool) in a row.
    pub const INHDETACHPENDING: usize = 3;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2611,
        name: "pg_inherits",
        shared: false,
        mapped: false,
        rowtype: 10005,
        rowtype_array: 10004,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "inhrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "inhparent",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "inhseqno",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "inhdetachpending",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_language` (OID 2612).
pub mod pg_language {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`LanguageRelationId`).
    pub const RELATION_ID: u32 = 2612;
    /// The number of columns (`Natts_pg_language`).
    pub const NATTS: usize = 9;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `lanname` (name) in a row.
    pub const LANNAME: usize = 1;
    /// Position of `lanowner` (oid) in a row.
    pub const LANOWNER: usize = 2;
    /// Position of `lanispl` (bool) in a row.
    pub const LANISPL: usize = 3;
    /// Position of `lanpltrusted` (bool) in a row.
    pub const LANPLTRUSTED: usize = 4;
    /// Position of `lanplcallfoid` (oid) in a row.
    pub const LANPLCALLFOID: usize = 5;
    /// Position of `laninline` (oid) in a row.
    pub const LANINLINE: usize = 6;
    /// Position of `lanvalidator` (oid) in a row.
    pub const LANVALIDATOR: usize = 7;
    /// Position of `lanacl` (_aclitem) in a row.
    pub const LANACL: usize = 8;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2612,
        name: "pg_language",
        shared: false,
        mapped: false,
        rowtype: 10021,
        rowtype_array: 10020,
        toast_oid: 4157,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "lanname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "lanowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "lanispl",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "lanpltrusted",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "lanplcallfoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "laninline",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "lanvalidator",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "lanacl",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
    ];
}

/// `pg_largeobject` (OID 2613).
pub mod pg_largeobject {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`LargeobjectRelationId`).
    pub const RELATION_ID: u32 = 2613;
    /// The number of columns (`Natts_pg_largeobject`).
    pub const NATTS: usize = 3;
    /// Position of `loid` (oid) in a row.
    pub const LOID: usize = 0;
    /// Position of `pageno` (int4) in a row.
    pub const PAGENO: usize = 1;
    /// Position of `data` (bytea) in a row.
    pub const DATA: usize = 2;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2613,
        name: "pg_largeobject",
        shared: false,
        mapped: false,
        rowtype: 10025,
        rowtype_array: 10024,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "loid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "pageno",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "data",
            type_oid: 17,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_namespace` (OID 2615).
pub mod pg_namespace {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`NamespaceRelationId`).
    pub const RELATION_ID: u32 = 2615;
    /// The number of columns (`Natts_pg_namespace`).
    pub const NATTS: usize = 4;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `nspname` (name) in a row.
    pub const NSPNAME: usize = 1;
    /// Position of `nspowner` (oid) in a row.
    pub const NSPOWNER: usize = 2;
    /// Position of `nspacl` (_aclitem) in a row.
    pub const NSPACL: usize = 3;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2615,
        name: "pg_namespace",
        shared: false,
        mapped: false,
        rowtype: 10047,
        rowtype_array: 10046,
        toast_oid: 4163,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "nspname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "nspowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "nspacl",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
    ];
}

/// `pg_opclass` (OID 2616).
pub mod pg_opclass {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`OpclassRelationId`).
    pub const RELATION_ID: u32 = 2616;
    /// The number of columns (`Natts_pg_opclass`).
    pub const NATTS: usize = 9;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `opcmethod` (oid) in a row.
    pub const OPCMETHOD: usize = 1;
    /// Position of `opcname` (name) in a row.
    pub const OPCNAME: usize = 2;
    /// Position of `opcnamespace` (oid) in a row.
    pub const OPCNAMESPACE: usize = 3;
    /// Position of `opcowner` (oid) in a row.
    pub const OPCOWNER: usize = 4;
    /// Position of `opcfamily` (oid) in a row.
    pub const OPCFAMILY: usize = 5;
    /// Position of `opcintype` (oid) in a row.
    pub const OPCINTYPE: usize = 6;
    /// Position of `opcdefault` (bool) in a row.
    pub const OPCDEFAULT: usize = 7;
    /// Position of `opckeytype` (oid) in a row.
    pub const OPCKEYTYPE: usize = 8;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2616,
        name: "pg_opclass",
        shared: false,
        mapped: false,
        rowtype: 10013,
        rowtype_array: 10012,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "opcmethod",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "opcname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "opcnamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "opcowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "opcfamily",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "opcintype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "opcdefault",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "opckeytype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_operator` (OID 2617).
pub mod pg_operator {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`OperatorRelationId`).
    pub const RELATION_ID: u32 = 2617;
    /// The number of columns (`Natts_pg_operator`).
    pub const NATTS: usize = 15;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `oprname` (name) in a row.
    pub const OPRNAME: usize = 1;
    /// Position of `oprnamespace` (oid) in a row.
    pub const OPRNAMESPACE: usize = 2;
    /// Position of `oprowner` (oid) in a row.
    pub const OPROWNER: usize = 3;
    /// Position of `oprkind` (char) in a row.
    pub const OPRKIND: usize = 4;
    /// Position of `oprcanmerge` (bool) in a row.
    pub const OPRCANMERGE: usize = 5;
    /// Position of `oprcanhash` (bool) in a row.
    pub const OPRCANHASH: usize = 6;
    /// Position of `oprleft` (oid) in a row.
    pub const OPRLEFT: usize = 7;
    /// Position of `oprright` (oid) in a row.
    pub const OPRRIGHT: usize = 8;
    /// Position of `oprresult` (oid) in a row.
    pub const OPRRESULT: usize = 9;
    /// Position of `oprcom` (oid) in a row.
    pub const OPRCOM: usize = 10;
    /// Position of `oprnegate` (oid) in a row.
    pub const OPRNEGATE: usize = 11;
    /// Position of `oprcode` (regproc) in a row.
    pub const OPRCODE: usize = 12;
    /// Position of `oprrest` (regproc) in a row.
    pub const OPRREST: usize = 13;
    /// Position of `oprjoin` (regproc) in a row.
    pub const OPRJOIN: usize = 14;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2617,
        name: "pg_operator",
        shared: false,
        mapped: false,
        rowtype: 10009,
        rowtype_array: 10008,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "oprname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "oprnamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "oprowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "oprkind",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "oprcanmerge",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "oprcanhash",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "oprleft",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "oprright",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "oprresult",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "oprcom",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "oprnegate",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "oprcode",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "oprrest",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "oprjoin",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_rewrite` (OID 2618).
pub mod pg_rewrite {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`RewriteRelationId`).
    pub const RELATION_ID: u32 = 2618;
    /// The number of columns (`Natts_pg_rewrite`).
    pub const NATTS: usize = 8;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `rulename` (name) in a row.
    pub const RULENAME: usize = 1;
    /// Position of `ev_class` (oid) in a row.
    pub const EV_CLASS: usize = 2;
    /// Position of `ev_type` (char) in a row.
    pub const EV_TYPE: usize = 3;
    /// Position of `ev_enabled` (char) in a row.
    pub const EV_ENABLED: usize = 4;
    /// Position of `is_instead` (bool) in a row.
    pub const IS_INSTEAD: usize = 5;
    /// Position of `ev_qual` (pg_node_tree) in a row.
    pub const EV_QUAL: usize = 6;
    /// Position of `ev_action` (pg_node_tree) in a row.
    pub const EV_ACTION: usize = 7;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2618,
        name: "pg_rewrite",
        shared: false,
        mapped: false,
        rowtype: 10035,
        rowtype_array: 10034,
        toast_oid: 2838,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rulename",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "ev_class",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "ev_type",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "ev_enabled",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "is_instead",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "ev_qual",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "ev_action",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
    ];
}

/// `pg_statistic` (OID 2619).
pub mod pg_statistic {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`StatisticRelationId`).
    pub const RELATION_ID: u32 = 2619;
    /// The number of columns (`Natts_pg_statistic`).
    pub const NATTS: usize = 31;
    /// Position of `starelid` (oid) in a row.
    pub const STARELID: usize = 0;
    /// Position of `staattnum` (int2) in a row.
    pub const STAATTNUM: usize = 1;
    /// Position of `stainherit` (bool) in a row.
    pub const STAINHERIT: usize = 2;
    /// Position of `stanullfrac` (float4) in a row.
    pub const STANULLFRAC: usize = 3;
    /// Position of `stawidth` (int4) in a row.
    pub const STAWIDTH: usize = 4;
    /// Position of `stadistinct` (float4) in a row.
    pub const STADISTINCT: usize = 5;
    /// Position of `stakind1` (int2) in a row.
    pub const STAKIND1: usize = 6;
    /// Position of `stakind2` (int2) in a row.
    pub const STAKIND2: usize = 7;
    /// Position of `stakind3` (int2) in a row.
    pub const STAKIND3: usize = 8;
    /// Position of `stakind4` (int2) in a row.
    pub const STAKIND4: usize = 9;
    /// Position of `stakind5` (int2) in a row.
    pub const STAKIND5: usize = 10;
    /// Position of `staop1` (oid) in a row.
    pub const STAOP1: usize = 11;
    /// Position of `staop2` (oid) in a row.
    pub const STAOP2: usize = 12;
    /// Position of `staop3` (oid) in a row.
    pub const STAOP3: usize = 13;
    /// Position of `staop4` (oid) in a row.
    pub const STAOP4: usize = 14;
    /// Position of `staop5` (oid) in a row.
    pub const STAOP5: usize = 15;
    /// Position of `stacoll1` (oid) in a row.
    pub const STACOLL1: usize = 16;
    /// Position of `stacoll2` (oid) in a row.
    pub const STACOLL2: usize = 17;
    /// Position of `stacoll3` (oid) in a row.
    pub const STACOLL3: usize = 18;
    /// Position of `stacoll4` (oid) in a row.
    pub const STACOLL4: usize = 19;
    /// Position of `stacoll5` (oid) in a row.
    pub const STACOLL5: usize = 20;
    /// Position of `stanumbers1` (_float4) in a row.
    pub const STANUMBERS1: usize = 21;
    /// Position of `stanumbers2` (_float4) in a row.
    pub const STANUMBERS2: usize = 22;
    /// Position of `stanumbers3` (_float4) in a row.
    pub const STANUMBERS3: usize = 23;
    /// Position of `stanumbers4` (_float4) in a row.
    pub const STANUMBERS4: usize = 24;
    /// Position of `stanumbers5` (_float4) in a row.
    pub const STANUMBERS5: usize = 25;
    /// Position of `stavalues1` (anyarray) in a row.
    pub const STAVALUES1: usize = 26;
    /// Position of `stavalues2` (anyarray) in a row.
    pub const STAVALUES2: usize = 27;
    /// Position of `stavalues3` (anyarray) in a row.
    pub const STAVALUES3: usize = 28;
    /// Position of `stavalues4` (anyarray) in a row.
    pub const STAVALUES4: usize = 29;
    /// Position of `stavalues5` (anyarray) in a row.
    pub const STAVALUES5: usize = 30;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2619,
        name: "pg_statistic",
        shared: false,
        mapped: false,
        rowtype: 10029,
        rowtype_array: 10028,
        toast_oid: 2840,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "starelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "staattnum",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stainherit",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stanullfrac",
            type_oid: 700,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stawidth",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stadistinct",
            type_oid: 700,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stakind1",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stakind2",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stakind3",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stakind4",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stakind5",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "staop1",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "staop2",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "staop3",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "staop4",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "staop5",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stacoll1",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stacoll2",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stacoll3",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stacoll4",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stacoll5",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stanumbers1",
            type_oid: 1021,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "stanumbers2",
            type_oid: 1021,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "stanumbers3",
            type_oid: 1021,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "stanumbers4",
            type_oid: 1021,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "stanumbers5",
            type_oid: 1021,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "stavalues1",
            type_oid: 2277,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'd',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "stavalues2",
            type_oid: 2277,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'd',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "stavalues3",
            type_oid: 2277,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'd',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "stavalues4",
            type_oid: 2277,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'd',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "stavalues5",
            type_oid: 2277,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'd',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
    ];
}

/// `pg_trigger` (OID 2620).
pub mod pg_trigger {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`TriggerRelationId`).
    pub const RELATION_ID: u32 = 2620;
    /// The number of columns (`Natts_pg_trigger`).
    pub const NATTS: usize = 19;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `tgrelid` (oid) in a row.
    pub const TGRELID: usize = 1;
    /// Position of `tgparentid` (oid) in a row.
    pub const TGPARENTID: usize = 2;
    /// Position of `tgname` (name) in a row.
    pub const TGNAME: usize = 3;
    /// Position of `tgfoid` (oid) in a row.
    pub const TGFOID: usize = 4;
    /// Position of `tgtype` (int2) in a row.
    pub const TGTYPE: usize = 5;
    /// Position of `tgenabled` (char) in a row.
    pub const TGENABLED: usize = 6;
    /// Position of `tgisinternal` (bool) in a row.
    pub const TGISINTERNAL: usize = 7;
    /// Position of `tgconstrrelid` (oid) in a row.
    pub const TGCONSTRRELID: usize = 8;
    /// Position of `tgconstrindid` (oid) in a row.
    pub const TGCONSTRINDID: usize = 9;
    /// Position of `tgconstraint` (oid) in a row.
    pub const TGCONSTRAINT: usize = 10;
    /// Position of `tgdeferrable` (bool) in a row.
    pub const TGDEFERRABLE: usize = 11;
    /// Position of `tginitdeferred` (bool) in a row.
    pub const TGINITDEFERRED: usize = 12;
    /// Position of `tgnargs` (int2) in a row.
    pub const TGNARGS: usize = 13;
    /// Position of `tgattr` (int2vector) in a row.
    pub const TGATTR: usize = 14;
    /// Position of `tgargs` (bytea) in a row.
    pub const TGARGS: usize = 15;
    /// Position of `tgqual` (pg_node_tree) in a row.
    pub const TGQUAL: usize = 16;
    /// Position of `tgoldtable` (name) in a row.
    pub const TGOLDTABLE: usize = 17;
    /// Position of `tgnewtable` (name) in a row.
    pub const TGNEWTABLE: usize = 18;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2620,
        name: "pg_trigger",
        shared: false,
        mapped: false,
        rowtype: 10037,
        rowtype_array: 10036,
        toast_oid: 2336,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgparentid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "tgfoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgtype",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgenabled",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgisinternal",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgconstrrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgconstrindid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgconstraint",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgdeferrable",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tginitdeferred",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgnargs",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgattr",
            type_oid: 22,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgargs",
            type_oid: 17,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tgqual",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "tgoldtable",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "tgnewtable",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_opfamily` (OID 2753).
pub mod pg_opfamily {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`OpfamilyRelationId`).
    pub const RELATION_ID: u32 = 2753;
    /// The number of columns (`Natts_pg_opfamily`).
    pub const NATTS: usize = 5;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `opfmethod` (oid) in a row.
    pub const OPFMETHOD: usize = 1;
    /// Position of `opfname` (name) in a row.
    pub const OPFNAME: usize = 2;
    /// Position of `opfnamespace` (oid) in a row.
    pub const OPFNAMESPACE: usize = 3;
    /// Position of `opfowner` (oid) in a row.
    pub const OPFOWNER: usize = 4;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2753,
        name: "pg_opfamily",
        shared: false,
        mapped: false,
        rowtype: 10011,
        rowtype_array: 10010,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "opfmethod",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "opfname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "opfnamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "opfowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_db_role_setting` (OID 2964, shared).
pub mod pg_db_role_setting {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`DbRoleSettingRelationId`).
    pub const RELATION_ID: u32 = 2964;
    /// The number of columns (`Natts_pg_db_role_setting`).
    pub const NATTS: usize = 3;
    /// Position of `setdatabase` (oid) in a row.
    pub const SETDATABASE: usize = 0;
    /// Position of `setrole` (oid) in a row.
    pub const SETROLE: usize = 1;
    /// Position of `setconfig` (_text) in a row.
    pub const SETCONFIG: usize = 2;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2964,
        name: "pg_db_role_setting",
        shared: true,
        mapped: true,
        rowtype: 10054,
        rowtype_array: 10053,
        toast_oid: 2966,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "setdatabase",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "setrole",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "setconfig",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_largeobject_metadata` (OID 2995).
pub mod pg_largeobject_metadata {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`LargeobjectMetadataRelationId`).
    pub const RELATION_ID: u32 = 2995;
    /// The number of columns (`Natts_pg_largeobject_metadata`).
    pub const NATTS: usize = 3;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `lomowner` (oid) in a row.
    pub const LOMOWNER: usize = 1;
    /// Position of `lomacl` (_aclitem) in a row.
    pub const LOMACL: usize = 2;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 2995,
        name: "pg_largeobject_metadata",
        shared: false,
        mapped: false,
        rowtype: 10023,
        rowtype_array: 10022,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "lomowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "lomacl",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
    ];
}

/// `pg_extension` (OID 3079).
pub mod pg_extension {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`ExtensionRelationId`).
    pub const RELATION_ID: u32 = 3079;
    /// The number of columns (`Natts_pg_extension`).
    pub const NATTS: usize = 8;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `extname` (name) in a row.
    pub const EXTNAME: usize = 1;
    /// Position of `extowner` (oid) in a row.
    pub const EXTOWNER: usize = 2;
    /// Position of `extnamespace` (oid) in a row.
    pub const EXTNAMESPACE: usize = 3;
    /// Position of `extrelocatable` (bool) in a row.
    pub const EXTRELOCATABLE: usize = 4;
    /// Position of `extversion` (text) in a row.
    pub const EXTVERSION: usize = 5;
    /// Position of `extconfig` (_oid) in a row.
    pub const EXTCONFIG: usize = 6;
    /// Position of `extcondition` (_text) in a row.
    pub const EXTCONDITION: usize = 7;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3079,
        name: "pg_extension",
        shared: false,
        mapped: false,
        rowtype: 10074,
        rowtype_array: 10073,
        toast_oid: 4147,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "extname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "extowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "extnamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "extrelocatable",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "extversion",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "extconfig",
            type_oid: 1028,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
        CatalogColumn {
            name: "extcondition",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_foreign_table` (OID 3118).
pub mod pg_foreign_table {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`ForeignTableRelationId`).
    pub const RELATION_ID: u32 = 3118;
    /// The number of columns (`Natts_pg_foreign_table`).
    pub const NATTS: usize = 3;
    /// Position of `ftrelid` (oid) in a row.
    pub const FTRELID: usize = 0;
    /// Position of `ftserver` (oid) in a row.
    pub const FTSERVER: usize = 1;
    /// Position of `ftoptions` (_text) in a row.
    pub const FTOPTIONS: usize = 2;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3118,
        name: "pg_foreign_table",
        shared: false,
        mapped: false,
        rowtype: 10082,
        rowtype_array: 10081,
        toast_oid: 4153,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "ftrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "ftserver",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "ftoptions",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_policy` (OID 3256).
pub mod pg_policy {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`PolicyRelationId`).
    pub const RELATION_ID: u32 = 3256;
    /// The number of columns (`Natts_pg_policy`).
    pub const NATTS: usize = 8;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `polname` (name) in a row.
    pub const POLNAME: usize = 1;
    /// Position of `polrelid` (oid) in a row.
    pub const POLRELID: usize = 2;
    /// Position of `polcmd` (char) in a row.
    pub const POLCMD: usize = 3;
    /// Position of `polpermissive` (bool) in a row.
    pub const POLPERMISSIVE: usize = 4;
    /// Position of `polroles` (_oid) in a row.
    pub const POLROLES: usize = 5;
    /// Position of `polqual` (pg_node_tree) in a row.
    pub const POLQUAL: usize = 6;
    /// Position of `polwithcheck` (pg_node_tree) in a row.
    pub const POLWITHCHECK: usize = 7;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3256,
        name: "pg_policy",
        shared: false,
        mapped: false,
        rowtype: 10084,
        rowtype_array: 10083,
        toast_oid: 4167,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "polname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "polrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "polcmd",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "polpermissive",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "polroles",
            type_oid: 1028,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "polqual",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "polwithcheck",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_partitioned_table` (OID 3350).
pub mod pg_partitioned_table {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`PartitionedTableRelationId`).
    pub const RELATION_ID: u32 = 3350;
    /// The number of columns (`Natts_pg_partitioned_table`).
    pub const NATTS: usize = 8;
    /// Position of `partrelid` (oid) in a row.
    pub const PARTRELID: usize = 0;
    /// Position of `partstrat` (char) in a row.
    pub const PARTSTRAT: usize = 1;
    /// Position of `partnatts` (int2) in a row.
    pub const PARTNATTS: usize = 2;
    /// Position of `partdefid` (oid) in a row.
    pub const PARTDEFID: usize = 3;
    /// Position of `partattrs` (int2vector) in a row.
    pub const PARTATTRS: usize = 4;
    /// Position of `partclass` (oidvector) in a row.
    pub const PARTCLASS: usize = 5;
    /// Position of `partcollation` (oidvector) in a row.
    pub const PARTCOLLATION: usize = 6;
    /// Position of `partexprs` (pg_node_tree) in a row.
    pub const PARTEXPRS: usize = 7;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3350,
        name: "pg_partitioned_table",
        shared: false,
        mapped: false,
        rowtype: 10099,
        rowtype_array: 10098,
        toast_oid: 4165,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "partrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "partstrat",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "partnatts",
            type_oid: 21,
            typmod: -1,
            len: 2,
            byval: true,
            align: b's',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "partdefid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "partattrs",
            type_oid: 22,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "partclass",
            type_oid: 30,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "partcollation",
            type_oid: 30,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "partexprs",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_statistic_ext` (OID 3381).
pub mod pg_statistic_ext {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`StatisticExtRelationId`).
    pub const RELATION_ID: u32 = 3381;
    /// The number of columns (`Natts_pg_statistic_ext`).
    pub const NATTS: usize = 9;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `stxrelid` (oid) in a row.
    pub const STXRELID: usize = 1;
    /// Position of `stxname` (name) in a row.
    pub const STXNAME: usize = 2;
    /// Position of `stxnamespace` (oid) in a row.
    pub const STXNAMESPACE: usize = 3;
    /// Position of `stxowner` (oid) in a row.
    pub const STXOWNER: usize = 4;
    /// Position of `stxstattarget` (int4) in a row.
    pub const STXSTATTARGET: usize = 5;
    /// Position of `stxkeys` (int2vector) in a row.
    pub const STXKEYS: usize = 6;
    /// Position of `stxkind` (_char) in a row.
    pub const STXKIND: usize = 7;
    /// Position of `stxexprs` (pg_node_tree) in a row.
    pub const STXEXPRS: usize = 8;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3381,
        name: "pg_statistic_ext",
        shared: false,
        mapped: false,
        rowtype: 10031,
        rowtype_array: 10030,
        toast_oid: 3439,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stxrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stxname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "stxnamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stxowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stxstattarget",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stxkeys",
            type_oid: 22,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stxkind",
            type_oid: 1002,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stxexprs",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_init_privs` (OID 3394).
pub mod pg_init_privs {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`InitPrivsRelationId`).
    pub const RELATION_ID: u32 = 3394;
    /// The number of columns (`Natts_pg_init_privs`).
    pub const NATTS: usize = 5;
    /// Position of `objoid` (oid) in a row.
    pub const OBJOID: usize = 0;
    /// Position of `classoid` (oid) in a row.
    pub const CLASSOID: usize = 1;
    /// Position of `objsubid` (int4) in a row.
    pub const OBJSUBID: usize = 2;
    /// Position of `privtype` (char) in a row.
    pub const PRIVTYPE: usize = 3;
    /// Position of `initprivs` (_aclitem) in a row.
    pub const INITPRIVS: usize = 4;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3394,
        name: "pg_init_privs",
        shared: false,
        mapped: false,
        rowtype: 10090,
        rowtype_array: 10089,
        toast_oid: 4155,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "objoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "classoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "objsubid",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "privtype",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "initprivs",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_statistic_ext_data` (OID 3429).
pub mod pg_statistic_ext_data {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`StatisticExtDataRelationId`).
    pub const RELATION_ID: u32 = 3429;
    /// The number of columns (`Natts_pg_statistic_ext_data`).
    pub const NATTS: usize = 6;
    /// Position of `stxoid` (oid) in a row.
    pub const STXOID: usize = 0;
    /// Position of `stxdinherit` (bool) in a row.
    pub const STXDINHERIT: usize = 1;
    /// Position of `stxdndistinct` (pg_ndistinct) in a row.
    pub const STXDNDISTINCT: usize = 2;
    /// Position of `stxddependencies` (pg_dependencies) in a row.
    pub const STXDDEPENDENCIES: usize = 3;
    /// Position of `stxdmcv` (pg_mcv_list) in a row.
    pub const STXDMCV: usize = 4;
    /// Position of `stxdexpr` (_pg_statistic) in a row.
    pub const STXDEXPR: usize = 5;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3429,
        name: "pg_statistic_ext_data",
        shared: false,
        mapped: false,
        rowtype: 10033,
        rowtype_array: 10032,
        toast_oid: 3430,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "stxoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stxdinherit",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "stxdndistinct",
            type_oid: 3361,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "stxddependencies",
            type_oid: 3402,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "stxdmcv",
            type_oid: 5017,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "stxdexpr",
            type_oid: 10028,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'd',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
    ];
}

/// `pg_collation` (OID 3456).
pub mod pg_collation {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`CollationRelationId`).
    pub const RELATION_ID: u32 = 3456;
    /// The number of columns (`Natts_pg_collation`).
    pub const NATTS: usize = 11;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `collname` (name) in a row.
    pub const COLLNAME: usize = 1;
    /// Position of `collnamespace` (oid) in a row.
    pub const COLLNAMESPACE: usize = 2;
    /// Position of `collowner` (oid) in a row.
    pub const COLLOWNER: usize = 3;
    /// Position of `collprovider` (char) in a row.
    pub const COLLPROVIDER: usize = 4;
    /// Position of `collisdeterministic` (bool) in a row.
    pub const COLLISDETERMINISTIC: usize = 5;
    /// Position of `collencoding` (int4) in a row.
    pub const COLLENCODING: usize = 6;
    /// Position of `collcollate` (text) in a row.
    pub const COLLCOLLATE: usize = 7;
    /// Position of `collctype` (text) in a row.
    pub const COLLCTYPE: usize = 8;
    /// Position of `colliculocale` (text) in a row.
    pub const COLLICULOCALE: usize = 9;
    /// Position of `collversion` (text) in a row.
    pub const COLLVERSION: usize = 10;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3456,
        name: "pg_collation",
        shared: false,
        mapped: false,
        rowtype: 10095,
        rowtype_array: 10094,
        toast_oid: 6175,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "collname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "collnamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "collowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "collprovider",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "collisdeterministic",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "collencoding",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "collcollate",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "collctype",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "colliculocale",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "collversion",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_event_trigger` (OID 3466).
pub mod pg_event_trigger {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`EventTriggerRelationId`).
    pub const RELATION_ID: u32 = 3466;
    /// The number of columns (`Natts_pg_event_trigger`).
    pub const NATTS: usize = 7;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `evtname` (name) in a row.
    pub const EVTNAME: usize = 1;
    /// Position of `evtevent` (name) in a row.
    pub const EVTEVENT: usize = 2;
    /// Position of `evtowner` (oid) in a row.
    pub const EVTOWNER: usize = 3;
    /// Position of `evtfoid` (oid) in a row.
    pub const EVTFOID: usize = 4;
    /// Position of `evtenabled` (char) in a row.
    pub const EVTENABLED: usize = 5;
    /// Position of `evttags` (_text) in a row.
    pub const EVTTAGS: usize = 6;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3466,
        name: "pg_event_trigger",
        shared: false,
        mapped: false,
        rowtype: 10039,
        rowtype_array: 10038,
        toast_oid: 4145,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "evtname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "evtevent",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "evtowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "evtfoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "evtenabled",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "evttags",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_enum` (OID 3501).
pub mod pg_enum {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`EnumRelationId`).
    pub const RELATION_ID: u32 = 3501;
    /// The number of columns (`Natts_pg_enum`).
    pub const NATTS: usize = 4;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `enumtypid` (oid) in a row.
    pub const ENUMTYPID: usize = 1;
    /// Position of `enumsortorder` (float4) in a row.
    pub const ENUMSORTORDER: usize = 2;
    /// Position of `enumlabel` (name) in a row.
    pub const ENUMLABEL: usize = 3;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3501,
        name: "pg_enum",
        shared: false,
        mapped: false,
        rowtype: 10045,
        rowtype_array: 10044,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "enumtypid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "enumsortorder",
            type_oid: 700,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "enumlabel",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
    ];
}

/// `pg_range` (OID 3541).
pub mod pg_range {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`RangeRelationId`).
    pub const RELATION_ID: u32 = 3541;
    /// The number of columns (`Natts_pg_range`).
    pub const NATTS: usize = 7;
    /// Position of `rngtypid` (oid) in a row.
    pub const RNGTYPID: usize = 0;
    /// Position of `rngsubtype` (oid) in a row.
    pub const RNGSUBTYPE: usize = 1;
    /// Position of `rngmultitypid` (oid) in a row.
    pub const RNGMULTITYPID: usize = 2;
    /// Position of `rngcollation` (oid) in a row.
    pub const RNGCOLLATION: usize = 3;
    /// Position of `rngsubopc` (oid) in a row.
    pub const RNGSUBOPC: usize = 4;
    /// Position of `rngcanonical` (regproc) in a row.
    pub const RNGCANONICAL: usize = 5;
    /// Position of `rngsubdiff` (regproc) in a row.
    pub const RNGSUBDIFF: usize = 6;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3541,
        name: "pg_range",
        shared: false,
        mapped: false,
        rowtype: 10101,
        rowtype_array: 10100,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "rngtypid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rngsubtype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rngmultitypid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rngcollation",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rngsubopc",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rngcanonical",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "rngsubdiff",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_transform` (OID 3576).
pub mod pg_transform {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`TransformRelationId`).
    pub const RELATION_ID: u32 = 3576;
    /// The number of columns (`Natts_pg_transform`).
    pub const NATTS: usize = 5;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `trftype` (oid) in a row.
    pub const TRFTYPE: usize = 1;
    /// Position of `trflang` (oid) in a row.
    pub const TRFLANG: usize = 2;
    /// Position of `trffromsql` (regproc) in a row.
    pub const TRFFROMSQL: usize = 3;
    /// Position of `trftosql` (regproc) in a row.
    pub const TRFTOSQL: usize = 4;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3576,
        name: "pg_transform",
        shared: false,
        mapped: false,
        rowtype: 10103,
        rowtype_array: 10102,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "trftype",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "trflang",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "trffromsql",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "trftosql",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_shseclabel` (OID 3592, shared).
pub mod pg_shseclabel {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`ShseclabelRelationId`).
    pub const RELATION_ID: u32 = 3592;
    /// The number of columns (`Natts_pg_shseclabel`).
    pub const NATTS: usize = 4;
    /// Position of `objoid` (oid) in a row.
    pub const OBJOID: usize = 0;
    /// Position of `classoid` (oid) in a row.
    pub const CLASSOID: usize = 1;
    /// Position of `provider` (text) in a row.
    pub const PROVIDER: usize = 2;
    /// Position of `label` (text) in a row.
    pub const LABEL: usize = 3;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3592,
        name: "pg_shseclabel",
        shared: true,
        mapped: true,
        rowtype: 4066,
        rowtype_array: 10093,
        toast_oid: 4060,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "objoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "classoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "provider",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "label",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
    ];
}

/// `pg_seclabel` (OID 3596).
pub mod pg_seclabel {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`SeclabelRelationId`).
    pub const RELATION_ID: u32 = 3596;
    /// The number of columns (`Natts_pg_seclabel`).
    pub const NATTS: usize = 5;
    /// Position of `objoid` (oid) in a row.
    pub const OBJOID: usize = 0;
    /// Position of `classoid` (oid) in a row.
    pub const CLASSOID: usize = 1;
    /// Position of `objsubid` (int4) in a row.
    pub const OBJSUBID: usize = 2;
    /// Position of `provider` (text) in a row.
    pub const PROVIDER: usize = 3;
    /// Position of `label` (text) in a row.
    pub const LABEL: usize = 4;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3596,
        name: "pg_seclabel",
        shared: false,
        mapped: false,
        rowtype: 10092,
        rowtype_array: 10091,
        toast_oid: 3598,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "objoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "classoid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "objsubid",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "provider",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "label",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
    ];
}

/// `pg_ts_dict` (OID 3600).
pub mod pg_ts_dict {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`TsDictRelationId`).
    pub const RELATION_ID: u32 = 3600;
    /// The number of columns (`Natts_pg_ts_dict`).
    pub const NATTS: usize = 6;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `dictname` (name) in a row.
    pub const DICTNAME: usize = 1;
    /// Position of `dictnamespace` (oid) in a row.
    pub const DICTNAMESPACE: usize = 2;
    /// Position of `dictowner` (oid) in a row.
    pub const DICTOWNER: usize = 3;
    /// Position of `dicttemplate` (oid) in a row.
    pub const DICTTEMPLATE: usize = 4;
    /// Position of `dictinitoption` (text) in a row.
    pub const DICTINITOPTION: usize = 5;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3600,
        name: "pg_ts_dict",
        shared: false,
        mapped: false,
        rowtype: 10068,
        rowtype_array: 10067,
        toast_oid: 4169,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "dictname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "dictnamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "dictowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "dicttemplate",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "dictinitoption",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
    ];
}

/// `pg_ts_parser` (OID 3601).
pub mod pg_ts_parser {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`TsParserRelationId`).
    pub const RELATION_ID: u32 = 3601;
    /// The number of columns (`Natts_pg_ts_parser`).
    pub const NATTS: usize = 8;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `prsname` (name) in a row.
    pub const PRSNAME: usize = 1;
    /// Position of `prsnamespace` (oid) in a row.
    pub const PRSNAMESPACE: usize = 2;
    /// Position of `prsstart` (regproc) in a row.
    pub const PRSSTART: usize = 3;
    /// Position of `prstoken` (regproc) in a row.
    pub const PRSTOKEN: usize = 4;
    /// Position of `prsend` (regproc) in a row.
    pub const PRSEND: usize = 5;
    /// Position of `prsheadline` (regproc) in a row.
    pub const PRSHEADLINE: usize = 6;
    /// Position of `prslextype` (regproc) in a row.
    pub const PRSLEXTYPE: usize = 7;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3601,
        name: "pg_ts_parser",
        shared: false,
        mapped: false,
        rowtype: 10070,
        rowtype_array: 10069,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prsname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "prsnamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prsstart",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prstoken",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prsend",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prsheadline",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prslextype",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_ts_config` (OID 3602).
pub mod pg_ts_config {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`TsConfigRelationId`).
    pub const RELATION_ID: u32 = 3602;
    /// The number of columns (`Natts_pg_ts_config`).
    pub const NATTS: usize = 5;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `cfgname` (name) in a row.
    pub const CFGNAME: usize = 1;
    /// Position of `cfgnamespace` (oid) in a row.
    pub const CFGNAMESPACE: usize = 2;
    /// Position of `cfgowner` (oid) in a row.
    pub const CFGOWNER: usize = 3;
    /// Position of `cfgparser` (oid) in a row.
    pub const CFGPARSER: usize = 4;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3602,
        name: "pg_ts_config",
        shared: false,
        mapped: false,
        rowtype: 10064,
        rowtype_array: 10063,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "cfgname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "cfgnamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "cfgowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "cfgparser",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_ts_config_map` (OID 3603).
pub mod pg_ts_config_map {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`TsConfigMapRelationId`).
    pub const RELATION_ID: u32 = 3603;
    /// The number of columns (`Natts_pg_ts_config_map`).
    pub const NATTS: usize = 4;
    /// Position of `mapcfg` (oid) in a row.
    pub const MAPCFG: usize = 0;
    /// Position of `maptokentype` (int4) in a row.
    pub const MAPTOKENTYPE: usize = 1;
    /// Position of `mapseqno` (int4) in a row.
    pub const MAPSEQNO: usize = 2;
    /// Position of `mapdict` (oid) in a row.
    pub const MAPDICT: usize = 3;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3603,
        name: "pg_ts_config_map",
        shared: false,
        mapped: false,
        rowtype: 10066,
        rowtype_array: 10065,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "mapcfg",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "maptokentype",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "mapseqno",
            type_oid: 23,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "mapdict",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_ts_template` (OID 3764).
pub mod pg_ts_template {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`TsTemplateRelationId`).
    pub const RELATION_ID: u32 = 3764;
    /// The number of columns (`Natts_pg_ts_template`).
    pub const NATTS: usize = 5;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `tmplname` (name) in a row.
    pub const TMPLNAME: usize = 1;
    /// Position of `tmplnamespace` (oid) in a row.
    pub const TMPLNAMESPACE: usize = 2;
    /// Position of `tmplinit` (regproc) in a row.
    pub const TMPLINIT: usize = 3;
    /// Position of `tmpllexize` (regproc) in a row.
    pub const TMPLLEXIZE: usize = 4;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 3764,
        name: "pg_ts_template",
        shared: false,
        mapped: false,
        rowtype: 10072,
        rowtype_array: 10071,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tmplname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "tmplnamespace",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tmplinit",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "tmpllexize",
            type_oid: 24,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_replication_origin` (OID 6000, shared).
pub mod pg_replication_origin {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`ReplicationOriginRelationId`).
    pub const RELATION_ID: u32 = 6000;
    /// The number of columns (`Natts_pg_replication_origin`).
    pub const NATTS: usize = 2;
    /// Position of `roident` (oid) in a row.
    pub const ROIDENT: usize = 0;
    /// Position of `roname` (text) in a row.
    pub const RONAME: usize = 1;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 6000,
        name: "pg_replication_origin",
        shared: true,
        mapped: true,
        rowtype: 10086,
        rowtype_array: 10085,
        toast_oid: 4181,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "roident",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "roname",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
    ];
}

/// `pg_subscription` (OID 6100, shared).
pub mod pg_subscription {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`SubscriptionRelationId`).
    pub const RELATION_ID: u32 = 6100;
    /// The number of columns (`Natts_pg_subscription`).
    pub const NATTS: usize = 14;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `subdbid` (oid) in a row.
    pub const SUBDBID: usize = 1;
    /// Position of `subskiplsn` (pg_lsn) in a row.
    pub const SUBSKIPLSN: usize = 2;
    /// Position of `subname` (name) in a row.
    pub const SUBNAME: usize = 3;
    /// Position of `subowner` (oid) in a row.
    pub const SUBOWNER: usize = 4;
    /// Position of `subenabled` (bool) in a row.
    pub const SUBENABLED: usize = 5;
    /// Position of `subbinary` (bool) in a row.
    pub const SUBBINARY: usize = 6;
    /// Position of `substream` (bool) in a row.
    pub const SUBSTREAM: usize = 7;
    /// Position of `subtwophasestate` (char) in a row.
    pub const SUBTWOPHASESTATE: usize = 8;
    /// Position of `subdisableonerr` (bool) in a row.
    pub const SUBDISABLEONERR: usize = 9;
    /// Position of `subconninfo` (text) in a row.
    pub const SUBCONNINFO: usize = 10;
    /// Position of `subslotname` (name) in a row.
    pub const SUBSLOTNAME: usize = 11;
    /// Position of `subsynccommit` (text) in a row.
    pub const SUBSYNCCOMMIT: usize = 12;
    /// Position of `subpublications` (_text) in a row.
    pub const SUBPUBLICATIONS: usize = 13;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 6100,
        name: "pg_subscription",
        shared: true,
        mapped: true,
        rowtype: 6101,
        rowtype_array: 10112,
        toast_oid: 4183,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "subdbid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "subskiplsn",
            type_oid: 3220,
            typmod: -1,
            len: 8,
            byval: true,
            align: b'd',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "subname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "subowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "subenabled",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "subbinary",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "substream",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "subtwophasestate",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "subdisableonerr",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "subconninfo",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "subslotname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "subsynccommit",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "subpublications",
            type_oid: 1009,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
    ];
}

/// `pg_subscription_rel` (OID 6102).
pub mod pg_subscription_rel {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`SubscriptionRelRelationId`).
    pub const RELATION_ID: u32 = 6102;
    /// The number of columns (`Natts_pg_subscription_rel`).
    pub const NATTS: usize = 4;
    /// Position of `srsubid` (oid) in a row.
    pub const SRSUBID: usize = 0;
    /// Position of `srrelid` (oid) in a row.
    pub const SRRELID: usize = 1;
    /// Position of `srsubstate` (char) in a row.
    pub const SRSUBSTATE: usize = 2;
    /// Position of `srsublsn` (pg_lsn) in a row.
    pub const SRSUBLSN: usize = 3;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 6102,
        name: "pg_subscription_rel",
        shared: false,
        mapped: false,
        rowtype: 10114,
        rowtype_array: 10113,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "srsubid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "srrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "srsubstate",
            type_oid: 18,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "srsublsn",
            type_oid: 3220,
            typmod: -1,
            len: 8,
            byval: true,
            align: b'd',
            storage: b'p',
            not_null: false,
            collation: 0,
        },
    ];
}

/// `pg_publication` (OID 6104).
pub mod pg_publication {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`PublicationRelationId`).
    pub const RELATION_ID: u32 = 6104;
    /// The number of columns (`Natts_pg_publication`).
    pub const NATTS: usize = 9;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `pubname` (name) in a row.
    pub const PUBNAME: usize = 1;
    /// Position of `pubowner` (oid) in a row.
    pub const PUBOWNER: usize = 2;
    /// Position of `puballtables` (bool) in a row.
    pub const PUBALLTABLES: usize = 3;
    /// Position of `pubinsert` (bool) in a row.
    pub const PUBINSERT: usize = 4;
    /// Position of `pubupdate` (bool) in a row.
    pub const PUBUPDATE: usize = 5;
    /// Position of `pubdelete` (bool) in a row.
    pub const PUBDELETE: usize = 6;
    /// Position of `pubtruncate` (bool) in a row.
    pub const PUBTRUNCATE: usize = 7;
    /// Position of `pubviaroot` (bool) in a row.
    pub const PUBVIAROOT: usize = 8;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 6104,
        name: "pg_publication",
        shared: false,
        mapped: false,
        rowtype: 10107,
        rowtype_array: 10106,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "pubname",
            type_oid: 19,
            typmod: -1,
            len: 64,
            byval: false,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "pubowner",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "puballtables",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "pubinsert",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "pubupdate",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "pubdelete",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "pubtruncate",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "pubviaroot",
            type_oid: 16,
            typmod: -1,
            len: 1,
            byval: true,
            align: b'c',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_publication_rel` (OID 6106).
pub mod pg_publication_rel {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`PublicationRelRelationId`).
    pub const RELATION_ID: u32 = 6106;
    /// The number of columns (`Natts_pg_publication_rel`).
    pub const NATTS: usize = 5;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `prpubid` (oid) in a row.
    pub const PRPUBID: usize = 1;
    /// Position of `prrelid` (oid) in a row.
    pub const PRRELID: usize = 2;
    /// Position of `prqual` (pg_node_tree) in a row.
    pub const PRQUAL: usize = 3;
    /// Position of `prattrs` (int2vector) in a row.
    pub const PRATTRS: usize = 4;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 6106,
        name: "pg_publication_rel",
        shared: false,
        mapped: false,
        rowtype: 10111,
        rowtype_array: 10110,
        toast_oid: 6228,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prpubid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prrelid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "prqual",
            type_oid: 194,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 950,
        },
        CatalogColumn {
            name: "prattrs",
            type_oid: 22,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'p',
            not_null: false,
            collation: 0,
        },
    ];
}

/// `pg_publication_namespace` (OID 6237).
pub mod pg_publication_namespace {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`PublicationNamespaceRelationId`).
    pub const RELATION_ID: u32 = 6237;
    /// The number of columns (`Natts_pg_publication_namespace`).
    pub const NATTS: usize = 3;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `pnpubid` (oid) in a row.
    pub const PNPUBID: usize = 1;
    /// Position of `pnnspid` (oid) in a row.
    pub const PNNSPID: usize = 2;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 6237,
        name: "pg_publication_namespace",
        shared: false,
        mapped: false,
        rowtype: 10109,
        rowtype_array: 10108,
        toast_oid: 0,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "pnpubid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "pnnspid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
    ];
}

/// `pg_parameter_acl` (OID 6243, shared).
pub mod pg_parameter_acl {
    use super::{CatalogColumn, CatalogDef};
    /// The catalog's OID (`ParameterAclRelationId`).
    pub const RELATION_ID: u32 = 6243;
    /// The number of columns (`Natts_pg_parameter_acl`).
    pub const NATTS: usize = 3;
    /// Position of `oid` (oid) in a row.
    pub const OID: usize = 0;
    /// Position of `parname` (text) in a row.
    pub const PARNAME: usize = 1;
    /// Position of `paracl` (_aclitem) in a row.
    pub const PARACL: usize = 2;
    /// The definition.
    pub static DEF: CatalogDef = CatalogDef {
        oid: 6243,
        name: "pg_parameter_acl",
        shared: true,
        mapped: true,
        rowtype: 10097,
        rowtype_array: 10096,
        toast_oid: 6244,
        columns: COLUMNS,
    };
    static COLUMNS: &[CatalogColumn] = &[
        CatalogColumn {
            name: "oid",
            type_oid: 26,
            typmod: -1,
            len: 4,
            byval: true,
            align: b'i',
            storage: b'p',
            not_null: true,
            collation: 0,
        },
        CatalogColumn {
            name: "parname",
            type_oid: 25,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: true,
            collation: 950,
        },
        CatalogColumn {
            name: "paracl",
            type_oid: 1034,
            typmod: -1,
            len: -1,
            byval: false,
            align: b'i',
            storage: b'x',
            not_null: false,
            collation: 0,
        },
    ];
}

/// Every system catalog, in OID order.
pub static CATALOGS: &[&CatalogDef] = &[
    &pg_default_acl::DEF,
    &pg_tablespace::DEF,
    &pg_shdepend::DEF,
    &pg_type::DEF,
    &pg_attribute::DEF,
    &pg_proc::DEF,
    &pg_class::DEF,
    &pg_authid::DEF,
    &pg_auth_members::DEF,
    &pg_database::DEF,
    &pg_foreign_server::DEF,
    &pg_user_mapping::DEF,
    &pg_sequence::DEF,
    &pg_foreign_data_wrapper::DEF,
    &pg_shdescription::DEF,
    &pg_aggregate::DEF,
    &pg_am::DEF,
    &pg_amop::DEF,
    &pg_amproc::DEF,
    &pg_attrdef::DEF,
    &pg_cast::DEF,
    &pg_constraint::DEF,
    &pg_conversion::DEF,
    &pg_depend::DEF,
    &pg_description::DEF,
    &pg_index::DEF,
    &pg_inherits::DEF,
    &pg_language::DEF,
    &pg_largeobject::DEF,
    &pg_namespace::DEF,
    &pg_opclass::DEF,
    &pg_operator::DEF,
    &pg_rewrite::DEF,
    &pg_statistic::DEF,
    &pg_trigger::DEF,
    &pg_opfamily::DEF,
    &pg_db_role_setting::DEF,
    &pg_largeobject_metadata::DEF,
    &pg_extension::DEF,
    &pg_foreign_table::DEF,
    &pg_policy::DEF,
    &pg_partitioned_table::DEF,
    &pg_statistic_ext::DEF,
    &pg_init_privs::DEF,
    &pg_statistic_ext_data::DEF,
    &pg_collation::DEF,
    &pg_event_trigger::DEF,
    &pg_enum::DEF,
    &pg_range::DEF,
    &pg_transform::DEF,
    &pg_shseclabel::DEF,
    &pg_seclabel::DEF,
    &pg_ts_dict::DEF,
    &pg_ts_parser::DEF,
    &pg_ts_config::DEF,
    &pg_ts_config_map::DEF,
    &pg_ts_template::DEF,
    &pg_replication_origin::DEF,
    &pg_subscription::DEF,
    &pg_subscription_rel::DEF,
    &pg_publication::DEF,
    &pg_publication_rel::DEF,
    &pg_publication_namespace::DEF,
    &pg_parameter_acl::DEF,
];
