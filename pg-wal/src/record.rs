//! The WAL record format (PostgreSQL's `access/xlogrecord.h`, the
//! assembly half of `xloginsert.c` and the decoding half of
//! `xlogreader.c`), as plain byte encoding with no I/O.
//!
//! A record is laid out as PostgreSQL lays it out, with a 64-bit xid:
//!
//! ```text
//! XLogRecord (28 bytes, little-endian, no padding between fields):
//!   0  xl_tot_len u32   whole record, header included
//!   4  xl_xid     u64   top-level transaction id (FullTransactionId)
//!  12  xl_prev    u64   start of the previous record
//!  20  xl_info    u8    high 4 bits for the rmgr, low 4 bits XLR_*
//!  21  xl_rmid    u8    resource manager id
//!  22  2 pad bytes (zero)
//!  24  xl_crc     u32   CRC-32C of bytes 28.. then of bytes 0..24
//! then for each registered block, in block-id order:
//!   XLogRecordBlockHeader: id u8 | fork_flags u8 | data_length u16
//!   [XLogRecordBlockImageHeader: length u16 | hole_offset u16 | bimg_info u8]
//!   [RelFileNode: spc u32 | db u32 | rel u32]   unless BKPBLOCK_SAME_REL
//!   BlockNumber u32
//! then the main-data header: 255 | len u8 (short) or 254 | len u32 (long)
//! then every block's image (without its hole), then its data, block by
//! block, then the main data.
//! ```
//!
//! The CRC is computed as PostgreSQL computes it: first over everything
//! after the header, then over the header up to `xl_crc`, so a torn record
//! whose header arrived but whose body did not fails the check.
//!
//! Images are never compressed (`wal_compression` is off); the hole of a
//! standard page (between `pd_lower` and `pd_upper`) is left out, and then
//! the image header's `length` is `BLCKSZ - hole_length`, as PostgreSQL
//! records an uncompressed image with a hole.

use crate::block::{BlockNumber, ForkNumber, RelFileNode, XLogRecPtr, BLCKSZ};
use pg_proc::xid::TransactionId;

/// The size of the fixed record header (`SizeOfXLogRecord`).
pub const SIZE_OF_XLOG_RECORD: usize = 28;

/// Offset of `xl_crc` in the header.
const XL_CRC_OFFSET: usize = 24;

/// The highest block id a record may register (`XLR_MAX_BLOCK_ID`).
pub const XLR_MAX_BLOCK_ID: u8 = 32;
/// Block id marking the short main-data header (`XLR_BLOCK_ID_DATA_SHORT`).
pub const XLR_BLOCK_ID_DATA_SHORT: u8 = 255;
/// Block id marking the long main-data header (`XLR_BLOCK_ID_DATA_LONG`).
pub const XLR_BLOCK_ID_DATA_LONG: u8 = 254;

/// `xl_info` bits the rmgr may use (the high 4 bits, `XLR_RMGR_INFO_MASK`).
pub const XLR_RMGR_INFO_MASK: u8 = 0xF0;
/// `xl_info` bits reserved for the WAL machinery (`XLR_INFO_MASK`).
pub const XLR_INFO_MASK: u8 = 0x0F;
/// The record changes relation files outside the buffer manager
/// (`XLR_SPECIAL_REL_UPDATE`).
pub const XLR_SPECIAL_REL_UPDATE: u8 = 0x01;

/// Low 4 bits of `fork_flags`: the fork number (`BKPBLOCK_FORK_MASK`).
pub const BKPBLOCK_FORK_MASK: u8 = 0x0F;
/// The block has a full-page image (`BKPBLOCK_HAS_IMAGE`).
pub const BKPBLOCK_HAS_IMAGE: u8 = 0x10;
/// The block has rmgr data (`BKPBLOCK_HAS_DATA`).
pub const BKPBLOCK_HAS_DATA: u8 = 0x20;
/// Redo re-initialises the page (`BKPBLOCK_WILL_INIT`).
pub const BKPBLOCK_WILL_INIT: u8 = 0x40;
/// The RelFileNode is the previous block's and is omitted
/// (`BKPBLOCK_SAME_REL`).
pub const BKPBLOCK_SAME_REL: u8 = 0x80;

/// `bimg_info`: the image leaves out a hole (`BKPIMAGE_HAS_HOLE`).
pub const BKPIMAGE_HAS_HOLE: u8 = 0x01;
/// `bimg_info`: redo must restore the image (`BKPIMAGE_APPLY`); an image
/// taken only for consistency checking would lack it.
pub const BKPIMAGE_APPLY: u8 = 0x02;

/// The largest record the server writes or accepts (`XLogRecordMaxSize`,
/// 1020 MB in PostgreSQL).
pub const XLOG_RECORD_MAX_SIZE: usize = 1020 * 1024 * 1024;

/// One block reference as it goes into a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockRef<'a> {
    /// The block id (0..=XLR_MAX_BLOCK_ID), unique within the record.
    pub block_id: u8,
    /// The relation.
    pub rnode: RelFileNode,
    /// The fork.
    pub fork: ForkNumber,
    /// The block number.
    pub blkno: BlockNumber,
    /// Redo re-initialises the page from the record.
    pub will_init: bool,
    /// A full-page image to include, if any.
    pub image: Option<BlockImage<'a>>,
    /// The rmgr's data about this block, in pieces that are concatenated
    /// (may be empty).
    pub data: &'a [&'a [u8]],
}

impl BlockRef<'_> {
    /// The length of the block's data.
    fn data_len(&self) -> usize {
        self.data.iter().map(|p| p.len()).sum()
    }
}

/// A page image as it goes into a record: the page, and the hole left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockImage<'a> {
    /// The whole page.
    pub page: &'a [u8; BLCKSZ],
    /// Where the hole starts (0 when there is none).
    pub hole_offset: u16,
    /// How long the hole is (0 when there is none).
    pub hole_length: u16,
    /// Whether redo restores it (`BKPIMAGE_APPLY`).
    pub apply: bool,
}

/// Everything but `xl_prev` and `xl_crc`, which are known only once the
/// record has its place in the WAL: the encoded record with those fields
/// zero. [`finish_record`] fills them in. (The WAL insertion path uses
/// [`assemble_into`], which reuses one buffer and takes data in pieces.)
pub fn assemble_record(
    rmid: u8,
    info: u8,
    xid: TransactionId,
    blocks: &[BlockRef<'_>],
    main_data: &[u8],
) -> Result<Vec<u8>, String> {
    let mut rec = Vec::new();
    assemble_into(&mut rec, rmid, info, xid, blocks, &[main_data])?;
    Ok(rec)
}

/// [`assemble_record`] into `rec` (cleared first, its capacity reused),
/// with the main data in pieces that are concatenated (PostgreSQL's rdata
/// chain): nothing is allocated when `rec` is big enough.
pub fn assemble_into(
    rec: &mut Vec<u8>,
    rmid: u8,
    info: u8,
    xid: TransactionId,
    blocks: &[BlockRef<'_>],
    main_data: &[&[u8]],
) -> Result<(), String> {
    // First the lengths, so that an oversized record is refused before
    // anything is copied.
    let main_len: usize = main_data.iter().map(|p| p.len()).sum();
    let mut body_len = main_len;
    let mut prev_rnode: Option<RelFileNode> = None;
    let mut hdr_len = 0usize;
    for b in blocks {
        if b.block_id > XLR_MAX_BLOCK_ID {
            return Err(format!("invalid block_id {}", b.block_id));
        }
        let data_len = b.data_len();
        if data_len > u16::MAX as usize {
            return Err(format!("too much data registered for block {} ({} bytes)", b.block_id, data_len));
        }
        hdr_len += 4 + 4;
        if let Some(img) = &b.image {
            let hole_end = img.hole_offset as usize + img.hole_length as usize;
            if hole_end > BLCKSZ || (img.hole_length > 0 && img.hole_offset == 0) {
                return Err(format!("invalid hole {}+{} in block {}", img.hole_offset, img.hole_length, b.block_id));
            }
            hdr_len += 5;
            body_len += BLCKSZ - img.hole_length as usize;
        }
        if prev_rnode != Some(b.rnode) {
            hdr_len += 12;
        }
        body_len += data_len;
        prev_rnode = Some(b.rnode);
    }
    if main_len > 0 {
        hdr_len += if main_len < 256 { 2 } else { 5 };
    }
    let tot_len = SIZE_OF_XLOG_RECORD + hdr_len + body_len;
    if tot_len > XLOG_RECORD_MAX_SIZE {
        return Err(format!("WAL record would be {tot_len} bytes (of maximum {XLOG_RECORD_MAX_SIZE} bytes)"));
    }
    rec.clear();
    rec.reserve(tot_len);
    rec.extend_from_slice(&(tot_len as u32).to_le_bytes());
    rec.extend_from_slice(&xid.to_le_bytes());
    rec.extend_from_slice(&0u64.to_le_bytes()); // xl_prev, set by finish_record
    rec.push(info);
    rec.push(rmid);
    rec.extend_from_slice(&[0, 0]);
    rec.extend_from_slice(&0u32.to_le_bytes()); // xl_crc, set by finish_record
    let mut prev_rnode: Option<RelFileNode> = None;
    for b in blocks {
        let data_len = b.data_len();
        let mut fork_flags = b.fork as u8;
        if data_len > 0 {
            fork_flags |= BKPBLOCK_HAS_DATA;
        }
        if b.will_init {
            fork_flags |= BKPBLOCK_WILL_INIT;
        }
        if b.image.is_some() {
            fork_flags |= BKPBLOCK_HAS_IMAGE;
        }
        let same_rel = prev_rnode == Some(b.rnode);
        if same_rel {
            fork_flags |= BKPBLOCK_SAME_REL;
        }
        rec.push(b.block_id);
        rec.push(fork_flags);
        rec.extend_from_slice(&(data_len as u16).to_le_bytes());
        if let Some(img) = &b.image {
            let length = BLCKSZ - img.hole_length as usize;
            let mut bimg_info = 0u8;
            if img.hole_length > 0 {
                bimg_info |= BKPIMAGE_HAS_HOLE;
            }
            if img.apply {
                bimg_info |= BKPIMAGE_APPLY;
            }
            // BLCKSZ itself does not fit in u16 only when BLCKSZ > 65535.
            rec.extend_from_slice(&(length as u16).to_le_bytes());
            rec.extend_from_slice(&img.hole_offset.to_le_bytes());
            rec.push(bimg_info);
        }
        if !same_rel {
            rec.extend_from_slice(&b.rnode.spc.to_le_bytes());
            rec.extend_from_slice(&b.rnode.db.to_le_bytes());
            rec.extend_from_slice(&b.rnode.rel.to_le_bytes());
        }
        rec.extend_from_slice(&b.blkno.to_le_bytes());
        prev_rnode = Some(b.rnode);
    }
    if main_len > 0 {
        if main_len < 256 {
            rec.push(XLR_BLOCK_ID_DATA_SHORT);
            rec.push(main_len as u8);
        } else {
            rec.push(XLR_BLOCK_ID_DATA_LONG);
            rec.extend_from_slice(&(main_len as u32).to_le_bytes());
        }
    }
    for b in blocks {
        if let Some(img) = &b.image {
            let off = img.hole_offset as usize;
            let end = off + img.hole_length as usize;
            rec.extend_from_slice(&img.page[..off]);
            rec.extend_from_slice(&img.page[end..]);
        }
        for piece in b.data {
            rec.extend_from_slice(piece);
        }
    }
    for piece in main_data {
        rec.extend_from_slice(piece);
    }
    debug_assert_eq!(rec.len(), tot_len);
    Ok(())
}

/// Sets `xl_prev` and computes `xl_crc` of an assembled record.
pub fn finish_record(rec: &mut [u8], prev: XLogRecPtr) {
    let body_crc = record_body_crc(rec);
    finish_record_with_body_crc(rec, prev, body_crc);
}

/// The CRC-32C of a record's body (everything after the fixed header):
/// the first half of `xl_crc`, which can be computed before the record
/// has its place in the WAL (outside the insert lock).
pub fn record_body_crc(rec: &[u8]) -> u32 {
    crc32c::crc32c(&rec[SIZE_OF_XLOG_RECORD..])
}

/// [`finish_record`] with the body's CRC already computed
/// ([`record_body_crc`]): only the 24 header bytes are added to it.
pub fn finish_record_with_body_crc(rec: &mut [u8], prev: XLogRecPtr, body_crc: u32) {
    rec[12..20].copy_from_slice(&prev.to_le_bytes());
    let crc = crc32c::crc32c_append(body_crc, &rec[..XL_CRC_OFFSET]);
    rec[XL_CRC_OFFSET..SIZE_OF_XLOG_RECORD].copy_from_slice(&crc.to_le_bytes());
}

/// The CRC-32C of a whole record as PostgreSQL computes it: the body, then
/// the header up to `xl_crc`.
pub fn record_crc(rec: &[u8]) -> u32 {
    crc32c::crc32c_append(record_body_crc(rec), &rec[..XL_CRC_OFFSET])
}

/// The fixed header of a record, read from its first 28 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct XLogRecordHeader {
    /// `xl_tot_len`.
    pub tot_len: u32,
    /// `xl_xid`.
    pub xid: TransactionId,
    /// `xl_prev`.
    pub prev: XLogRecPtr,
    /// `xl_info`.
    pub info: u8,
    /// `xl_rmid`.
    pub rmid: u8,
    /// `xl_crc`.
    pub crc: u32,
}

impl XLogRecordHeader {
    /// Reads the header from at least [`SIZE_OF_XLOG_RECORD`] bytes.
    pub fn parse(b: &[u8]) -> Option<XLogRecordHeader> {
        if b.len() < SIZE_OF_XLOG_RECORD {
            return None;
        }
        Some(XLogRecordHeader {
            tot_len: u32::from_le_bytes(b[0..4].try_into().ok()?),
            xid: u64::from_le_bytes(b[4..12].try_into().ok()?),
            prev: u64::from_le_bytes(b[12..20].try_into().ok()?),
            info: b[20],
            rmid: b[21],
            crc: u32::from_le_bytes(b[24..28].try_into().ok()?),
        })
    }
}

/// One block reference of a decoded record (`DecodedBkpBlock`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedBlock {
    /// The block id.
    pub block_id: u8,
    /// The relation.
    pub rnode: RelFileNode,
    /// The fork.
    pub fork: ForkNumber,
    /// The block number.
    pub blkno: BlockNumber,
    /// Redo re-initialises the page (`BKPBLOCK_WILL_INIT`).
    pub will_init: bool,
    /// The image bytes as stored (the page without its hole), if any.
    pub image: Option<Vec<u8>>,
    /// Where the image's hole starts.
    pub hole_offset: u16,
    /// How long the image's hole is.
    pub hole_length: u16,
    /// Whether redo restores the image (`BKPIMAGE_APPLY`).
    pub apply_image: bool,
    /// The rmgr's data about this block.
    pub data: Vec<u8>,
}

impl DecodedBlock {
    /// The full page restored from the image, the hole zero-filled
    /// (`RestoreBlockImage`); None when the block has no image.
    pub fn restore_image(&self) -> Option<Box<[u8; BLCKSZ]>> {
        let img = self.image.as_ref()?;
        let mut page = Box::new([0u8; BLCKSZ]);
        let off = self.hole_offset as usize;
        let end = off + self.hole_length as usize;
        page[..off].copy_from_slice(&img[..off]);
        page[end..].copy_from_slice(&img[off..]);
        Some(page)
    }

    /// Whether the block has an image that redo applies.
    pub fn has_image_to_apply(&self) -> bool {
        self.image.is_some() && self.apply_image
    }
}

/// A decoded record (`DecodedXLogRecord` with the reader's position).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodedRecord {
    /// Where the record starts (`ReadRecPtr`).
    pub lsn: XLogRecPtr,
    /// Where the record ends, padding included (`EndRecPtr`): the LSN a
    /// page changed by this record gets.
    pub end_lsn: XLogRecPtr,
    /// The fixed header.
    pub header: XLogRecordHeader,
    /// The block references, in the order they appear.
    pub blocks: Vec<DecodedBlock>,
    /// The main data.
    pub main_data: Vec<u8>,
}

impl DecodedRecord {
    /// The resource manager (`XLogRecGetRmid`).
    pub fn rmid(&self) -> u8 {
        self.header.rmid
    }

    /// The rmgr's info bits (`XLogRecGetInfo(r) & ~XLR_INFO_MASK`).
    pub fn info(&self) -> u8 {
        self.header.info & XLR_RMGR_INFO_MASK
    }

    /// The record's transaction (`XLogRecGetXid`).
    pub fn xid(&self) -> TransactionId {
        self.header.xid
    }

    /// The block with this id (`XLogRecGetBlockTag` and friends).
    pub fn block(&self, block_id: u8) -> Option<&DecodedBlock> {
        self.blocks.iter().find(|b| b.block_id == block_id)
    }

    /// The data registered for a block (`XLogRecGetBlockData`): empty when
    /// the block is missing or has none.
    pub fn block_data(&self, block_id: u8) -> &[u8] {
        self.block(block_id).map(|b| b.data.as_slice()).unwrap_or(&[])
    }
}

/// Decodes a whole record (`DecodeXLogRecord`), checking its CRC first.
/// `lsn` and `end_lsn` are where the reader found it. The error says what
/// is wrong, in PostgreSQL's words, for the reader's log line.
pub fn decode_record(rec: &[u8], lsn: XLogRecPtr, end_lsn: XLogRecPtr) -> Result<DecodedRecord, String> {
    let header = XLogRecordHeader::parse(rec).ok_or_else(|| format!("invalid record length at {}", fmt_lsn(lsn)))?;
    if header.tot_len as usize != rec.len() || rec.len() < SIZE_OF_XLOG_RECORD {
        return Err(format!("invalid record length at {}", fmt_lsn(lsn)));
    }
    if record_crc(rec) != header.crc {
        return Err(format!("incorrect resource manager data checksum in record at {}", fmt_lsn(lsn)));
    }
    let bad = |what: &str| format!("{what} at {}", fmt_lsn(lsn));
    let mut pos = SIZE_OF_XLOG_RECORD;
    let take = |pos: &mut usize, n: usize| -> Result<&[u8], String> {
        let end = pos.checked_add(n).filter(|e| *e <= rec.len()).ok_or_else(|| bad("record with invalid length"))?;
        let s = &rec[*pos..end];
        *pos = end;
        Ok(s)
    };
    let u16_at = |s: &[u8]| u16::from_le_bytes([s[0], s[1]]);
    let u32_at = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]);

    struct Pending {
        block: DecodedBlock,
        has_image: bool,
        image_len: usize,
        data_len: usize,
    }
    let mut pending: Vec<Pending> = Vec::new();
    let mut main_len = 0usize;
    let mut last_rnode: Option<RelFileNode> = None;
    let mut datatotal = 0usize;
    // Block headers until the main-data header or the end of the headers
    // (known once the lengths add up to the rest of the record).
    while rec.len() - pos > datatotal {
        let id = take(&mut pos, 1)?[0];
        if id == XLR_BLOCK_ID_DATA_SHORT {
            main_len = take(&mut pos, 1)?[0] as usize;
            datatotal += main_len;
            break;
        }
        if id == XLR_BLOCK_ID_DATA_LONG {
            main_len = u32_at(take(&mut pos, 4)?) as usize;
            datatotal += main_len;
            break;
        }
        if id > XLR_MAX_BLOCK_ID {
            return Err(format!("invalid block_id {id} at {}", fmt_lsn(lsn)));
        }
        if pending.iter().any(|p| p.block.block_id >= id) {
            return Err(format!("out-of-order block_id {id} at {}", fmt_lsn(lsn)));
        }
        let fork_flags = take(&mut pos, 1)?[0];
        let data_len = u16_at(take(&mut pos, 2)?) as usize;
        let has_data = fork_flags & BKPBLOCK_HAS_DATA != 0;
        if has_data != (data_len > 0) {
            return Err(format!(
                "BKPBLOCK_HAS_DATA set or not set inconsistently with length {data_len} at {}",
                fmt_lsn(lsn)
            ));
        }
        let fork = ForkNumber::from_u8(fork_flags & BKPBLOCK_FORK_MASK)
            .ok_or_else(|| format!("invalid fork number {} at {}", fork_flags & BKPBLOCK_FORK_MASK, fmt_lsn(lsn)))?;
        let mut block = DecodedBlock {
            block_id: id,
            rnode: RelFileNode::default(),
            fork,
            blkno: 0,
            will_init: fork_flags & BKPBLOCK_WILL_INIT != 0,
            image: None,
            hole_offset: 0,
            hole_length: 0,
            apply_image: false,
            data: Vec::new(),
        };
        let mut image_len = 0;
        if fork_flags & BKPBLOCK_HAS_IMAGE != 0 {
            let ih = take(&mut pos, 5)?;
            image_len = u16_at(&ih[0..2]) as usize;
            let hole_offset = u16_at(&ih[2..4]);
            let bimg_info = ih[4];
            let has_hole = bimg_info & BKPIMAGE_HAS_HOLE != 0;
            let hole_length = BLCKSZ.checked_sub(image_len).ok_or_else(|| bad("invalid image length"))?;
            if has_hole != (hole_length > 0)
                || (has_hole && hole_offset == 0)
                || (!has_hole && hole_offset != 0)
                || hole_offset as usize + hole_length > BLCKSZ
            {
                return Err(format!(
                    "BKPIMAGE_HAS_HOLE set or not set inconsistently, hole offset {hole_offset} length {hole_length} \
                     block image length {image_len} at {}",
                    fmt_lsn(lsn)
                ));
            }
            block.hole_offset = hole_offset;
            block.hole_length = hole_length as u16;
            block.apply_image = bimg_info & BKPIMAGE_APPLY != 0;
            datatotal += image_len;
        }
        if fork_flags & BKPBLOCK_SAME_REL != 0 {
            block.rnode = last_rnode.ok_or_else(|| bad("BKPBLOCK_SAME_REL set but no previous rel"))?;
        } else {
            let r = take(&mut pos, 12)?;
            block.rnode = RelFileNode { spc: u32_at(&r[0..4]), db: u32_at(&r[4..8]), rel: u32_at(&r[8..12]) };
        }
        last_rnode = Some(block.rnode);
        block.blkno = u32_at(take(&mut pos, 4)?);
        datatotal += data_len;
        let has_image = fork_flags & BKPBLOCK_HAS_IMAGE != 0;
        pending.push(Pending { block, has_image, image_len, data_len });
    }
    if rec.len() - pos != datatotal {
        return Err(bad("record with invalid length"));
    }
    let mut blocks = Vec::with_capacity(pending.len());
    for mut p in pending {
        if p.has_image {
            p.block.image = Some(take(&mut pos, p.image_len)?.to_vec());
        }
        p.block.data = take(&mut pos, p.data_len)?.to_vec();
        blocks.push(p.block);
    }
    let main_data = take(&mut pos, main_len)?.to_vec();
    Ok(DecodedRecord { lsn, end_lsn, header, blocks, main_data })
}

/// An LSN as PostgreSQL prints it: `%X/%X`.
pub fn fmt_lsn(lsn: XLogRecPtr) -> String {
    format!("{:X}/{:X}", lsn >> 32, lsn as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn page_with(seed: u8) -> Box<[u8; BLCKSZ]> {
        let mut p = Box::new([0u8; BLCKSZ]);
        for (i, b) in p.iter_mut().enumerate() {
            *b = (i as u8).wrapping_mul(31).wrapping_add(seed);
        }
        p
    }

    #[test]
    fn header_is_28_bytes_and_crc_covers_it() {
        let rnode = RelFileNode { spc: 1663, db: 5, rel: 16384 };
        let blocks = [BlockRef {
            block_id: 0,
            rnode,
            fork: ForkNumber::Main,
            blkno: 7,
            will_init: false,
            image: None,
            data: &[b"ab", b"c"],
        }];
        let mut rec = assemble_record(10, 0x20, 900, &blocks, b"main").expect("fits");
        finish_record(&mut rec, 0x1234);
        // header + block header (4) + rnode (12) + blkno (4) + short main (2) + data (3 + 4)
        assert_eq!(rec.len(), 28 + 4 + 12 + 4 + 2 + 3 + 4);
        let d = decode_record(&rec, 100, 200).expect("valid");
        assert_eq!(d.header.prev, 0x1234);
        assert_eq!(d.rmid(), 10);
        assert_eq!(d.info(), 0x20);
        assert_eq!(d.xid(), 900);
        assert_eq!(d.block_data(0), b"abc");
        assert_eq!(d.main_data, b"main");
        // Flipping any header byte (the CRC's own bytes included) or any
        // body byte is caught.
        for i in 0..rec.len() {
            let mut bad = rec.clone();
            bad[i] ^= 0x40;
            assert!(decode_record(&bad, 100, 200).is_err(), "byte {i}");
        }
    }

    #[test]
    fn image_with_hole_round_trips() {
        let page = page_with(3);
        let rnode = RelFileNode { spc: 1663, db: 1, rel: 1259 };
        let img = BlockImage { page: &page, hole_offset: 100, hole_length: 8000, apply: true };
        let blocks = [BlockRef {
            block_id: 1,
            rnode,
            fork: ForkNumber::Fsm,
            blkno: 2,
            will_init: false,
            image: Some(img),
            data: &[],
        }];
        let mut rec = assemble_record(0, 0xA0, 0, &blocks, &[]).expect("fits");
        finish_record(&mut rec, 8);
        let d = decode_record(&rec, 16, 24).expect("valid");
        let restored = d.blocks[0].restore_image().expect("image");
        assert_eq!(&restored[..100], &page[..100]);
        assert!(restored[100..8100].iter().all(|b| *b == 0));
        assert_eq!(&restored[8100..], &page[8100..]);
    }

    #[derive(Debug, Clone)]
    struct ModelBlock {
        id: u8,
        rel: u32,
        fork: u8,
        blkno: u32,
        will_init: bool,
        image: Option<(u8, u16, u16, bool)>,
        data: Vec<u8>,
    }

    fn model_block() -> impl Strategy<Value = ModelBlock> {
        (
            0u8..=XLR_MAX_BLOCK_ID,
            1u32..4,
            0u8..4,
            any::<u32>(),
            any::<bool>(),
            proptest::option::of((any::<u8>(), 1u16..8000, 0u16..190, any::<bool>())),
            proptest::collection::vec(any::<u8>(), 0..300),
        )
            .prop_map(|(id, rel, fork, blkno, will_init, image, data)| ModelBlock {
                id,
                rel,
                fork,
                blkno,
                will_init,
                image: image.map(|(seed, off, len, apply)| {
                    // A hole of length 0 has offset 0, as PostgreSQL records it.
                    let len = if len == 0 { 0 } else { len * 10 };
                    let off = if len == 0 { 0 } else { off.min((BLCKSZ as u16) - len) };
                    (seed, off.max(u16::from(len > 0)), len, apply)
                }),
                data,
            })
    }

    proptest! {
        #[test]
        fn random_records_round_trip(
            rmid in 0u8..=21,
            info in any::<u8>(),
            xid in any::<u64>(),
            prev in any::<u64>(),
            mut blocks in proptest::collection::vec(model_block(), 0..5),
            main in proptest::collection::vec(any::<u8>(), 0..600),
        ) {
            blocks.sort_by_key(|b| b.id);
            blocks.dedup_by_key(|b| b.id);
            let pages: Vec<Option<Box<[u8; BLCKSZ]>>> =
                blocks.iter().map(|b| b.image.map(|(seed, ..)| page_with(seed))).collect();
            // Each block's data in two pieces, as a caller may register it.
            let pieces: Vec<[&[u8]; 2]> = blocks
                .iter()
                .map(|b| {
                    let (x, y) = b.data.split_at(b.data.len() / 2);
                    [x, y]
                })
                .collect();
            let refs: Vec<BlockRef<'_>> = blocks
                .iter()
                .zip(&pages)
                .zip(&pieces)
                .map(|((b, p), pieces)| BlockRef {
                    block_id: b.id,
                    rnode: RelFileNode { spc: 1663, db: 5, rel: b.rel },
                    fork: ForkNumber::from_u8(b.fork).expect("0..4"),
                    blkno: b.blkno,
                    will_init: b.will_init,
                    image: b.image.map(|(_, off, len, apply)| BlockImage {
                        page: p.as_ref().expect("image page"),
                        hole_offset: off,
                        hole_length: len,
                        apply,
                    }),
                    data: if b.data.is_empty() { &[] } else { pieces },
                })
                .collect();
            let mut rec = assemble_record(rmid, info, xid, &refs, &main).expect("fits");
            finish_record(&mut rec, prev);
            let d = decode_record(&rec, 40, 40 + rec.len() as u64).expect("valid");
            prop_assert_eq!(d.header.tot_len as usize, rec.len());
            prop_assert_eq!(d.header.xid, xid);
            prop_assert_eq!(d.header.prev, prev);
            prop_assert_eq!(d.header.info, info);
            prop_assert_eq!(d.header.rmid, rmid);
            prop_assert_eq!(&d.main_data, &main);
            prop_assert_eq!(d.blocks.len(), refs.len());
            for (got, want) in d.blocks.iter().zip(&refs) {
                prop_assert_eq!(got.block_id, want.block_id);
                prop_assert_eq!(got.rnode, want.rnode);
                prop_assert_eq!(got.fork, want.fork);
                prop_assert_eq!(got.blkno, want.blkno);
                prop_assert_eq!(got.will_init, want.will_init);
                prop_assert_eq!(got.data.clone(), want.data.concat());
                match &want.image {
                    None => prop_assert!(got.image.is_none()),
                    Some(img) => {
                        let page = got.restore_image().expect("image");
                        let (off, end) = (img.hole_offset as usize, img.hole_offset as usize + img.hole_length as usize);
                        prop_assert_eq!(&page[..off], &img.page[..off]);
                        prop_assert_eq!(&page[end..], &img.page[end..]);
                        prop_assert!(page[off..end].iter().all(|b| *b == 0));
                        prop_assert_eq!(got.apply_image, img.apply);
                    }
                }
            }
        }
    }
}
