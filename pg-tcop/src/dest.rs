//! DestRemote (PostgreSQL's `access/common/printtup.c`): turns executor
//! rows into RowDescription and DataRow messages in text format.

use pg_error::PgResult;
use pg_executor::{ColumnInfo, DestReceiver};
use pg_protocol::backend as be;
use pg_types::Datum;

/// Writes result rows into the client's output buffer.
pub struct DestRemote<'a> {
    out: &'a mut Vec<u8>,
    types: Vec<u32>,
    settings: pg_types::OutputSettings,
    rows: u64,
}

impl<'a> DestRemote<'a> {
    /// A receiver writing into `out`.
    pub fn new(out: &'a mut Vec<u8>) -> DestRemote<'a> {
        DestRemote { out, types: Vec::new(), settings: crate::exec::output_settings(), rows: 0 }
    }
}

impl DestReceiver for DestRemote<'_> {
    fn startup(&mut self, columns: &[ColumnInfo]) -> PgResult<()> {
        self.types = columns.iter().map(|c| c.type_oid).collect();
        let fields: Vec<be::FieldDescription<'_>> = columns
            .iter()
            .map(|c| be::FieldDescription {
                name: &c.name,
                table_oid: 0,
                column_attnum: 0,
                type_oid: c.type_oid,
                type_len: c.typlen,
                type_modifier: c.typmod,
                format: 0,
            })
            .collect();
        be::encode_row_description(self.out, &fields);
        Ok(())
    }

    fn receive(&mut self, row: &[Datum]) -> PgResult<()> {
        let texts: Vec<Option<String>> = row
            .iter()
            .zip(&self.types)
            .map(|(d, &t)| if d.is_null() { None } else { Some(pg_types::output(t, d, &self.settings)) })
            .collect();
        let cols: Vec<Option<&[u8]>> = texts.iter().map(|t| t.as_deref().map(str::as_bytes)).collect();
        be::encode_data_row(self.out, &cols);
        self.rows += 1;
        Ok(())
    }

    fn shutdown(&mut self) -> PgResult<()> {
        Ok(())
    }
}
