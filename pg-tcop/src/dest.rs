//! DestRemote (PostgreSQL's `access/common/printtup.c`): turns executor
//! rows into RowDescription and DataRow messages in text format.

use pg_error::{PgError, PgResult, SqlState};
use pg_executor::{ColumnInfo, DestReceiver};
use pg_protocol::backend as be;
use pg_types::Datum;

/// Output is written to the socket once this much is buffered.
const OUTPUT_FLUSH_THRESHOLD: usize = 64 * 1024;

/// Writes result rows into the client's output buffer.
pub struct DestRemote<'a> {
    port: &'a mut crate::pqcomm::Port,
    types: Vec<u32>,
    settings: pg_types::OutputSettings,
    rows: u64,
    /// Result format codes as Bind gives them: none (all text), one for
    /// every column, or one per column.
    formats: Vec<i16>,
    /// Simple query sends RowDescription before the rows; Execute does not
    /// (the client got it from Describe).
    send_description: bool,
}

impl<'a> DestRemote<'a> {
    /// A receiver for the simple query protocol: text rows after a RowDescription.
    pub fn new(port: &'a mut crate::pqcomm::Port) -> DestRemote<'a> {
        DestRemote {
            port,
            types: Vec::new(),
            settings: crate::exec::output_settings(),
            rows: 0,
            formats: Vec::new(),
            send_description: true,
        }
    }

    /// A receiver for FETCH in a simple Query: RowDescription, then rows in
    /// the cursor's formats (binary for a BINARY cursor).
    pub fn for_cursor(port: &'a mut crate::pqcomm::Port, formats: Vec<i16>) -> DestRemote<'a> {
        DestRemote { formats, ..DestRemote::new(port) }
    }

    /// A receiver for Execute: rows only, in the portal's result formats,
    /// for columns of the given types.
    pub fn for_portal(port: &'a mut crate::pqcomm::Port, formats: Vec<i16>, types: Vec<u32>) -> DestRemote<'a> {
        DestRemote { send_description: false, formats, types, ..DestRemote::new(port) }
    }

    /// The format code of column `i`.
    pub fn format_of(formats: &[i16], i: usize) -> i16 {
        match formats.len() {
            0 => 0,
            1 => formats[0],
            _ => formats.get(i).copied().unwrap_or(0),
        }
    }

    /// Encodes a RowDescription for `columns` with the given formats.
    pub fn row_description(out: &mut Vec<u8>, columns: &[ColumnInfo], formats: &[i16]) {
        let fields: Vec<be::FieldDescription<'_>> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| be::FieldDescription {
                name: &c.name,
                table_oid: 0,
                column_attnum: 0,
                type_oid: c.type_oid,
                type_len: c.typlen,
                type_modifier: c.typmod,
                format: DestRemote::format_of(formats, i),
            })
            .collect();
        be::encode_row_description(out, &fields);
    }

    /// Sends one row already converted to datums (used for buffered portals).
    pub fn send_row(&mut self, row: &[Datum]) -> PgResult<()> {
        if self.rows == 0 {
            // printtup_prepare_info: the format codes are checked when the
            // first row goes out (Bind and Describe take any code), so a
            // result with no rows never fails on them.
            for i in 0..row.len() {
                let f = DestRemote::format_of(&self.formats, i);
                if f != 0 && f != 1 {
                    return Err(PgError::new(
                        SqlState::INVALID_PARAMETER_VALUE,
                        format!("unsupported format code: {f}"),
                    ));
                }
            }
        }
        let mut values: Vec<Option<Vec<u8>>> = Vec::with_capacity(row.len());
        for (i, (d, &t)) in row.iter().zip(&self.types).enumerate() {
            values.push(if d.is_null() {
                None
            } else if DestRemote::format_of(&self.formats, i) == 1 {
                Some(pg_types::send(t, d)?)
            } else {
                pg_types::check_output_size(d)?;
                Some(pg_types::output(t, d, &self.settings).into_bytes())
            });
        }
        let cols: Vec<Option<&[u8]>> = values.iter().map(|v| v.as_deref()).collect();
        be::encode_data_row(&mut self.port.outbuf, &cols);
        self.rows += 1;
        // Stream large results instead of holding them all (PostgreSQL
        // flushes its 8 kB send buffer the same way).
        if self.port.outbuf.len() >= OUTPUT_FLUSH_THRESHOLD {
            self.port.flush()?;
        }
        Ok(())
    }
}

impl DestReceiver for DestRemote<'_> {
    fn startup(&mut self, columns: &[ColumnInfo]) -> PgResult<()> {
        self.types = columns.iter().map(|c| c.type_oid).collect();
        if self.send_description {
            DestRemote::row_description(&mut self.port.outbuf, columns, &self.formats);
        }
        Ok(())
    }

    fn receive(&mut self, row: &[Datum]) -> PgResult<()> {
        self.send_row(row)
    }

    fn shutdown(&mut self) -> PgResult<()> {
        Ok(())
    }
}
