//! Buffered temporary files (PostgreSQL's `storage/file/buffile.c`).
//!
//! A [`BufFile`] is one logical byte sequence stored in temporary files of
//! at most [`MAX_PHYSICAL_FILESIZE`] bytes each (PostgreSQL's 1 GB
//! segments, which keep every physical file below the limits of old
//! filesystems), read and written through one [`BLCKSZ`] buffer, so that
//! callers can write and read a tuple at a time without a system call each.
//!
//! The buffer holds the block at logical offset `cur`; `pos` is the
//! position in it and `nbytes` how many bytes of it are valid. A dirty
//! buffer is written out before a read, a seek outside it, or when it
//! fills. Writing after reading continues at the current position.
#![forbid(unsafe_code)]

use crate::fd::TempFile;
use pg_error::{PgError, PgResult};

/// The buffer (and block) size: PostgreSQL's `BLCKSZ`.
pub const BLCKSZ: usize = 8192;
/// The largest physical file of a BufFile (`MAX_PHYSICAL_FILESIZE`, 1 GB).
pub const MAX_PHYSICAL_FILESIZE: u64 = 1 << 30;

/// A buffered temporary file (see the module doc).
pub struct BufFile {
    /// The segments, in order; segment `i` holds logical bytes
    /// `[i * segment_size, (i + 1) * segment_size)`.
    files: Vec<TempFile>,
    segment_size: u64,
    buffer: Vec<u8>,
    cur: u64,
    pos: usize,
    nbytes: usize,
    dirty: bool,
    /// The logical size (highest byte written + 1).
    size: u64,
}

impl BufFile {
    /// Creates an empty temporary BufFile (`BufFileCreateTemp`).
    pub fn create_temp() -> PgResult<BufFile> {
        BufFile::with_segment_size(MAX_PHYSICAL_FILESIZE)
    }

    /// A BufFile with smaller segments (tests of the segment logic).
    pub fn with_segment_size(segment_size: u64) -> PgResult<BufFile> {
        Ok(BufFile {
            files: vec![TempFile::create()?],
            segment_size: segment_size.max(1),
            buffer: vec![0; BLCKSZ],
            cur: 0,
            pos: 0,
            nbytes: 0,
            dirty: false,
            size: 0,
        })
    }

    /// The logical size in bytes.
    pub fn size(&self) -> u64 {
        self.size.max(self.cur + self.pos as u64)
    }

    /// The number of physical files (segments).
    pub fn segments(&self) -> usize {
        self.files.len()
    }

    /// Writes `data` at logical `offset`, split at segment boundaries.
    fn physical_write(&mut self, mut offset: u64, mut data: &[u8]) -> PgResult<()> {
        while !data.is_empty() {
            let seg = (offset / self.segment_size) as usize;
            while self.files.len() <= seg {
                self.files.push(TempFile::create()?);
            }
            let in_seg = offset % self.segment_size;
            let n = ((self.segment_size - in_seg) as usize).min(data.len());
            self.files[seg].write_at(in_seg, &data[..n])?;
            offset += n as u64;
            data = &data[n..];
        }
        Ok(())
    }

    /// Reads into `buf` from logical `offset`; returns bytes read.
    fn physical_read(&mut self, mut offset: u64, buf: &mut [u8]) -> PgResult<usize> {
        let mut done = 0;
        while done < buf.len() {
            let seg = (offset / self.segment_size) as usize;
            let Some(file) = self.files.get_mut(seg) else { break };
            let in_seg = offset % self.segment_size;
            let want = ((self.segment_size - in_seg) as usize).min(buf.len() - done);
            let n = file.read_at(in_seg, &mut buf[done..done + want])?;
            done += n;
            offset += n as u64;
            if n < want {
                break;
            }
        }
        Ok(done)
    }

    /// Writes the dirty buffer out (`BufFileDumpBuffer`) and moves the
    /// block start to the current position.
    fn dump_buffer(&mut self) -> PgResult<()> {
        if self.dirty {
            let end = self.pos.max(self.nbytes);
            let (cur, data) = (self.cur, std::mem::take(&mut self.buffer));
            let r = self.physical_write(cur, &data[..end]);
            self.buffer = data;
            r?;
            crate::instrument::count(|u| u.temp_blks_written += 1);
            self.size = self.size.max(cur + end as u64);
            self.dirty = false;
        }
        self.cur += self.pos as u64;
        self.pos = 0;
        self.nbytes = 0;
        Ok(())
    }

    /// Appends `data` at the current position (`BufFileWrite`).
    pub fn write(&mut self, mut data: &[u8]) -> PgResult<()> {
        if !self.dirty && self.nbytes > 0 {
            // The buffer holds read data: start a new block here.
            self.dump_buffer()?;
        }
        while !data.is_empty() {
            if self.pos >= BLCKSZ {
                self.dump_buffer()?;
            }
            let n = (BLCKSZ - self.pos).min(data.len());
            self.buffer[self.pos..self.pos + n].copy_from_slice(&data[..n]);
            self.pos += n;
            self.dirty = true;
            data = &data[n..];
        }
        Ok(())
    }

    /// Reads up to `buf.len()` bytes from the current position; returns how
    /// many (fewer only at the end of the file) (`BufFileRead`).
    pub fn read(&mut self, buf: &mut [u8]) -> PgResult<usize> {
        if self.dirty {
            self.dump_buffer()?;
        }
        let mut done = 0;
        while done < buf.len() {
            if self.pos >= self.nbytes {
                self.cur += self.pos as u64;
                self.pos = 0;
                let cur = self.cur;
                let mut block = std::mem::take(&mut self.buffer);
                let r = self.physical_read(cur, &mut block);
                self.buffer = block;
                self.nbytes = r?;
                if self.nbytes == 0 {
                    break;
                }
                crate::instrument::count(|u| u.temp_blks_read += 1);
            }
            let n = (self.nbytes - self.pos).min(buf.len() - done);
            buf[done..done + n].copy_from_slice(&self.buffer[self.pos..self.pos + n]);
            self.pos += n;
            done += n;
        }
        Ok(done)
    }

    /// Reads exactly `buf.len()` bytes, or fails: the caller wrote them.
    pub fn read_exact(&mut self, buf: &mut [u8]) -> PgResult<()> {
        let n = self.read(buf)?;
        if n != buf.len() {
            return Err(PgError::internal(format!(
                "could not read from temporary file: read only {n} of {} bytes",
                buf.len()
            )));
        }
        Ok(())
    }

    /// The current logical position (`BufFileTell`).
    pub fn tell(&self) -> u64 {
        self.cur + self.pos as u64
    }

    /// Moves to logical `offset` (`BufFileSeek`).
    pub fn seek(&mut self, offset: u64) -> PgResult<()> {
        if !self.dirty && offset >= self.cur && offset <= self.cur + self.nbytes as u64 {
            self.pos = (offset - self.cur) as usize;
            return Ok(());
        }
        self.dump_buffer()?;
        self.cur = offset;
        Ok(())
    }

    /// Writes any buffered data out (before handing the file to a reader).
    pub fn flush(&mut self) -> PgResult<()> {
        if self.dirty {
            let at = self.tell();
            self.dump_buffer()?;
            self.cur = at;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_read_back_across_blocks_and_segments() {
        let mut f = BufFile::with_segment_size(3 * BLCKSZ as u64 + 100).expect("creates");
        let data: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let before = crate::instrument::buffer_usage();
        for chunk in data.chunks(777) {
            f.write(chunk).expect("writes");
        }
        assert_eq!(f.size(), data.len() as u64);
        f.seek(0).expect("seeks");
        let mut back = vec![0u8; data.len()];
        f.read_exact(&mut back).expect("reads");
        assert_eq!(back, data);
        // EXPLAIN BUFFERS counts a temp block per buffer written or read.
        let used = crate::instrument::buffer_usage().since(&before);
        let blocks = data.len().div_ceil(BLCKSZ) as u64;
        assert!(used.temp_blks_written >= blocks && used.temp_blks_read >= blocks, "{used:?}");
        assert!(f.segments() > 3);
        let mut more = [0u8; 4];
        assert_eq!(f.read(&mut more).expect("reads"), 0);
        // Random access.
        f.seek(54_321).expect("seeks");
        f.read_exact(&mut more).expect("reads");
        assert_eq!(&more, &data[54_321..54_325]);
        // Appending after reading continues at the position.
        f.seek(f.size()).expect("seeks");
        f.write(b"tail").expect("writes");
        f.seek(data.len() as u64).expect("seeks");
        f.read_exact(&mut more).expect("reads");
        assert_eq!(&more, b"tail");
        let paths: Vec<_> = f.files.iter().map(|t| t.path().to_path_buf()).collect();
        drop(f);
        assert!(paths.iter().all(|p| !p.exists()));
    }
}
