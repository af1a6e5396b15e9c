//! Reading the WAL back from the segment files (PostgreSQL's
//! `xlogreader.c`: `XLogBeginRead`, `XLogReadRecord`,
//! `XLogReaderValidatePageHeader`, `ValidXLogRecordHeader`,
//! `ValidXLogRecord`).
//!
//! The reader follows the stream record by record from a known record
//! start. Every page it enters must carry our magic, timeline 1, its own
//! address, and, when a record continues onto it, the continuation flag
//! with exactly the bytes still missing; every record must have a sane
//! length, point back (`xl_prev`) at the record read before it, and match
//! its CRC. The first record that fails any check ends the WAL: that is
//! how a crash shows up (a torn last write, a zeroed tail of a new segment,
//! a recycled segment's old pages), and replay stops cleanly there.
//! [`XLogReader::read_record`] then answers `None` and
//! [`XLogReader::end_reason`] says why, in PostgreSQL's words.

use crate::block::XLogRecPtr;
use crate::record::{
    decode_record, fmt_lsn, DecodedRecord, XLogRecordHeader, SIZE_OF_XLOG_RECORD, XLOG_RECORD_MAX_SIZE,
};
use crate::xlog::{
    maxalign64, page_header_size, segment_file_name, segment_of, XLogPageHeader, WAL_SEGMENT_SIZE, XLOG_BLCKSZ,
    XLOG_PAGE_MAGIC, XLP_FIRST_IS_CONTRECORD, XLP_LONG_HEADER,
};
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

/// A reader of the WAL in one `pg_wal` directory.
pub struct XLogReader {
    dir: PathBuf,
    /// The system identifier long page headers must carry (None: any).
    system_identifier: Option<u64>,
    segment: Option<(u64, File)>,
    /// The page last read and validated, by its start LSN.
    page: Option<(XLogRecPtr, Box<[u8; XLOG_BLCKSZ]>)>,
    /// Where the next record starts.
    next: XLogRecPtr,
    /// The start of the record read last (`ReadRecPtr`): the next record's
    /// expected xl_prev. 0 before the first record.
    read_rec_ptr: XLogRecPtr,
    /// The end of the record read last (`EndRecPtr`).
    end_rec_ptr: XLogRecPtr,
    /// Whether the first record's xl_prev is checked against `read_rec_ptr`.
    check_prev: bool,
    end_reason: Option<String>,
}

impl XLogReader {
    /// A reader of `wal_dir` that accepts only WAL of `system_identifier`
    /// (None to accept any, as a tool would).
    pub fn new(wal_dir: &Path, system_identifier: Option<u64>) -> XLogReader {
        XLogReader {
            dir: wal_dir.to_path_buf(),
            system_identifier,
            segment: None,
            page: None,
            next: 0,
            read_rec_ptr: 0,
            end_rec_ptr: 0,
            check_prev: false,
            end_reason: None,
        }
    }

    /// Positions the reader at the record that starts at `start`
    /// (`XLogBeginRead`). When `prev` is given, that record's xl_prev must
    /// equal it.
    pub fn begin_read(&mut self, start: XLogRecPtr, prev: Option<XLogRecPtr>) {
        self.next = start;
        self.read_rec_ptr = prev.unwrap_or(0);
        self.check_prev = prev.is_some();
        self.end_rec_ptr = start;
        self.end_reason = None;
    }

    /// The start of the record read last (`ReadRecPtr`).
    pub fn read_rec_ptr(&self) -> XLogRecPtr {
        self.read_rec_ptr
    }

    /// The end of the record read last (`EndRecPtr`): where the WAL ends
    /// once `read_record` has answered `None`.
    pub fn end_rec_ptr(&self) -> XLogRecPtr {
        self.end_rec_ptr
    }

    /// Why the last `read_record` found no record.
    pub fn end_reason(&self) -> Option<&str> {
        self.end_reason.as_deref()
    }

    /// The next record, or None where the valid WAL ends (see the module
    /// doc); `end_reason` says why.
    pub fn read_record(&mut self) -> Option<DecodedRecord> {
        match self.try_read_record() {
            Ok(r) => Some(r),
            Err(why) => {
                self.end_reason = Some(why);
                None
            }
        }
    }

    fn try_read_record(&mut self) -> Result<DecodedRecord, String> {
        let mut pos = self.next;
        if pos.is_multiple_of(XLOG_BLCKSZ as u64) {
            let hdr = self.load_page(pos)?;
            if hdr.info & XLP_FIRST_IS_CONTRECORD != 0 {
                // A record start was expected here: a continuation is left
                // over from an older WAL stream.
                return Err(format!("contrecord is requested by {}", fmt_lsn(pos)));
            }
            pos += page_header_size(pos) as u64;
        } else {
            self.load_page(pos - pos % XLOG_BLCKSZ as u64)?;
        }
        let start = pos;
        // The first 8 bytes are always on this page (records and page ends
        // are MAXALIGNed), so xl_tot_len can be read before anything else.
        let tot_len = {
            let (page_start, page) = self.page.as_ref().expect("loaded above");
            let off = (pos - page_start) as usize;
            u32::from_le_bytes(page[off..off + 4].try_into().expect("4 bytes")) as usize
        };
        if tot_len < SIZE_OF_XLOG_RECORD {
            return Err(format!(
                "invalid record length at {}: wanted {}, got {}",
                fmt_lsn(start),
                SIZE_OF_XLOG_RECORD,
                tot_len
            ));
        }
        if tot_len > XLOG_RECORD_MAX_SIZE {
            return Err(format!("record length {tot_len} at {} too long", fmt_lsn(start)));
        }
        let mut rec = Vec::with_capacity(tot_len.min(1 << 20));
        loop {
            let (page_start, page) = self.page.as_ref().expect("loaded");
            let off = (pos - page_start) as usize;
            let n = (tot_len - rec.len()).min(XLOG_BLCKSZ - off);
            rec.extend_from_slice(&page[off..off + n]);
            pos += n as u64;
            if rec.len() == tot_len {
                break;
            }
            // Check the header as soon as it is whole, before following a
            // long record over pages that may be another stream's.
            if rec.len() >= SIZE_OF_XLOG_RECORD {
                self.check_header(&rec, start)?;
            }
            let hdr = self.load_page(pos)?;
            let remaining = (tot_len - rec.len()) as u32;
            if hdr.info & XLP_FIRST_IS_CONTRECORD == 0 {
                return Err(format!("there is no contrecord flag at {}", fmt_lsn(pos)));
            }
            if hdr.rem_len != remaining {
                return Err(format!(
                    "invalid contrecord length {} (expected {}) at {}",
                    hdr.rem_len,
                    remaining,
                    fmt_lsn(pos)
                ));
            }
            pos += page_header_size(pos) as u64;
        }
        self.check_header(&rec, start)?;
        let end = maxalign64(pos);
        let decoded = decode_record(&rec, start, end)?;
        self.read_rec_ptr = start;
        self.end_rec_ptr = end;
        self.next = end;
        self.check_prev = true;
        Ok(decoded)
    }

    fn check_header(&self, rec: &[u8], start: XLogRecPtr) -> Result<(), String> {
        let h = XLogRecordHeader::parse(rec).expect("at least the header");
        if self.check_prev && h.prev != self.read_rec_ptr {
            return Err(format!("record with incorrect prev-link {} at {}", fmt_lsn(h.prev), fmt_lsn(start)));
        }
        Ok(())
    }

    /// Reads and validates the page starting at `page_start`
    /// (`XLogReaderValidatePageHeader`).
    fn load_page(&mut self, page_start: XLogRecPtr) -> Result<XLogPageHeader, String> {
        if let Some((s, p)) = &self.page {
            if *s == page_start {
                return Ok(XLogPageHeader::read_from(&p[..]));
            }
        }
        let segno = segment_of(page_start);
        if self.segment.as_ref().is_none_or(|(n, _)| *n != segno) {
            let path = self.dir.join(segment_file_name(segno));
            let f = File::open(&path).map_err(|e| format!("could not open file \"{}\": {e}", path.display()))?;
            self.segment = Some((segno, f));
        }
        let (_, file) = self.segment.as_ref().expect("opened");
        let mut page = self.page.take().map(|(_, p)| p).unwrap_or_else(|| Box::new([0u8; XLOG_BLCKSZ]));
        file.read_exact_at(&mut page[..], page_start % WAL_SEGMENT_SIZE).map_err(|e| {
            format!(
                "could not read from log segment {}, offset {}: {e}",
                segment_file_name(segno),
                page_start % WAL_SEGMENT_SIZE
            )
        })?;
        let h = XLogPageHeader::read_from(&page[..]);
        let where_ = format!("log segment {}, offset {}", segment_file_name(segno), page_start % WAL_SEGMENT_SIZE);
        if h.magic != XLOG_PAGE_MAGIC {
            return Err(format!("invalid magic number {:04X} in {where_}", h.magic));
        }
        if h.info & !(XLP_FIRST_IS_CONTRECORD | XLP_LONG_HEADER) != 0 {
            return Err(format!("invalid info bits {:04X} in {where_}", h.info));
        }
        let long = page_start.is_multiple_of(WAL_SEGMENT_SIZE);
        if long != (h.info & XLP_LONG_HEADER != 0) {
            return Err(format!("invalid info bits {:04X} in {where_}", h.info));
        }
        if long {
            if let Some(sysid) = self.system_identifier {
                if h.sysid != sysid {
                    return Err(format!(
                        "WAL file is from different database system: WAL file database system identifier is {}, \
                         pg_control database system identifier is {}",
                        h.sysid, sysid
                    ));
                }
            }
            if h.seg_size as u64 != WAL_SEGMENT_SIZE {
                return Err("WAL file is from different database system: incorrect segment size in page header".into());
            }
            if h.xlog_blcksz as usize != XLOG_BLCKSZ {
                return Err("WAL file is from different database system: incorrect XLOG_BLCKSZ in page header".into());
            }
        }
        if h.pageaddr != page_start {
            return Err(format!("unexpected pageaddr {} in {where_}", fmt_lsn(h.pageaddr)));
        }
        if h.tli != crate::xlog::TIMELINE {
            return Err(format!("unexpected timeline ID {} in {where_}", h.tli));
        }
        self.page = Some((page_start, page));
        Ok(h)
    }

    /// The bytes of the WAL page starting at `page_start`, as on disk
    /// (recovery hands the last one to the insert position).
    pub fn read_page(&mut self, page_start: XLogRecPtr) -> Result<Box<[u8; XLOG_BLCKSZ]>, String> {
        self.load_page(page_start)?;
        Ok(self.page.as_ref().expect("loaded").1.clone())
    }
}
