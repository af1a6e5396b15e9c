//! Data page checksums (PostgreSQL's `storage/page/checksum.c`,
//! `checksum_impl.h`).
//!
//! The algorithm is PostgreSQL's: the page is read as 64 rows of 32
//! little-endian u32 columns; each column is folded into its own FNV-1a
//! style hash (`h = (h ^ v) * FNV_PRIME ^ ((h ^ v) >> 17)`, the shift mixing
//! high bits down), started from a fixed per-column base offset; two rounds
//! of zeros finish the mixing, the 32 partial sums are xor-folded, the block
//! number is xored in (so a page written to the wrong place fails), and the
//! result is reduced to 16 bits plus one (0 never appears). `pd_checksum`
//! itself counts as zero.
//!
//! Pages are verified on read and stamped on write when the cluster has
//! checksums enabled (`data_checksums`, recorded in pg_control).
#![forbid(unsafe_code)]

use pg_wal::block::BLCKSZ;

use crate::page::Page;

const N_SUMS: usize = 32;
const FNV_PRIME: u32 = 16_777_619;

/// The per-column starting states, PostgreSQL's fixed constants (part of the
/// algorithm: other values give other checksums).
const BASE_OFFSETS: [u32; N_SUMS] = [
    0x5B1F36E9, 0xB8525960, 0x02AB50AA, 0x1DE66D2A, 0x79FF467A, 0x9BB9F8A3, 0x217E7CD2, 0x83E13D2C, 0xF8D4474F,
    0xE39EB970, 0x42C6AE16, 0x993216FA, 0x7B093B5D, 0x98DAFF3C, 0xF718902A, 0x0B1C9CDB, 0xE58F764B, 0x187636BC,
    0x5D7B3BB1, 0xE73DE7DE, 0x92BEC979, 0xCCA6C0B2, 0x304A0979, 0x85AA43D4, 0x783125BB, 0x6CA8EAA2, 0xE407EAC6,
    0x4B5CFC3E, 0x9FBF8C76, 0x15CA20BE, 0xF2CA9FD3, 0x959BD756,
];

#[inline(always)]
fn mix(sum: u32, value: u32) -> u32 {
    let t = sum ^ value;
    t.wrapping_mul(FNV_PRIME) ^ (t >> 17)
}

/// `pg_checksum_block`: the 32-bit checksum of 8 kB, with the 16-bit word
/// at byte 8 (`pd_checksum`) read as zero.
fn checksum_block(bytes: &[u8; BLCKSZ]) -> u32 {
    let mut sums = BASE_OFFSETS;
    for (r, row) in bytes.chunks_exact(4 * N_SUMS).enumerate() {
        for (j, sum) in sums.iter_mut().enumerate() {
            let at = 4 * j;
            let mut v = u32::from_le_bytes([row[at], row[at + 1], row[at + 2], row[at + 3]]);
            if r == 0 && j == 2 {
                // Bytes 8..12: pd_checksum (low half) and pd_flags (high half).
                v &= 0xffff_0000;
            }
            *sum = mix(*sum, v);
        }
    }
    for _ in 0..2 {
        for sum in sums.iter_mut() {
            *sum = mix(*sum, 0);
        }
    }
    sums.iter().fold(0, |acc, s| acc ^ s)
}

/// `pg_checksum_page`: the checksum of an initialised page stored at block
/// `blkno`, never 0.
pub fn pg_checksum_page(page: &Page, blkno: u32) -> u16 {
    let c = checksum_block(page.bytes()) ^ blkno;
    ((c % 65536) + 1) as u16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_ignores_its_own_field_and_sees_everything_else() {
        let mut p = Page::new_zeroed();
        p.init(0);
        let c0 = pg_checksum_page(&p, 0);
        assert_ne!(c0, 0);
        p.set_checksum(c0);
        assert_eq!(pg_checksum_page(&p, 0), c0, "pd_checksum is not part of the sum");
        assert_ne!(pg_checksum_page(&p, 1), c0, "the block number is");
        for at in [0usize, 10, 11, 12, 100, 4095, 8191] {
            let mut q = Page::new_zeroed();
            q.bytes_mut().copy_from_slice(p.bytes());
            q.bytes_mut()[at] ^= 0x40;
            assert_ne!(pg_checksum_page(&q, 0), c0, "a flip at byte {at} changes the sum");
        }
    }

    #[test]
    fn matches_postgresqls_algorithm_on_a_known_page() {
        // An all-zero block: each column folds 66 zero words from its base
        // offset. Computed independently here the slow way (one column at
        // a time), as a cross-check of the row-major loop above.
        let p = Page::new_zeroed();
        let mut expect = 0u32;
        for base in BASE_OFFSETS {
            let mut s = base;
            for _ in 0..(BLCKSZ / (4 * N_SUMS) + 2) {
                s = mix(s, 0);
            }
            expect ^= s;
        }
        assert_eq!(pg_checksum_page(&p, 7), (((expect ^ 7) % 65536) + 1) as u16);
    }
}
