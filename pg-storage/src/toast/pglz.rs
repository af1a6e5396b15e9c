//! PostgreSQL's LZ compression (`common/pg_lzcompress.c`), byte-compatible
//! in its output format: a compressed stream is a sequence of control
//! bytes, each followed by up to eight items; control bit 0 (least
//! significant first) is a literal byte, bit 1 a back-reference tag of 2 or
//! 3 bytes:
//!
//! ```text
//! [oooo llll] [oooooooo]              length 3..17 (llll = length - 3)
//! [oooo 1111] [oooooooo] [llllllll]   length 18..273 (third byte = length - 18)
//! ```
//!
//! where the 12 `o` bits are the distance back into the output (1..4095).
//! PostgreSQL decompresses what we write and we decompress what it writes.
//! The compressor is our own (a hash-chain matcher), tuned as
//! `PGLZ_strategy_default`: inputs under 32 bytes are not compressed, the
//! result must save at least 25%, and a stream that finds no match in its
//! first 1 kB gives up.

/// `PGLZ_MAX_OFFSET`.
const MAX_OFFSET: usize = 4095;
/// `PGLZ_MAX_MATCH`.
const MAX_MATCH: usize = 273;
/// The shortest match worth a tag.
const MIN_MATCH: usize = 3;
/// `min_input_size` of the default strategy.
const MIN_INPUT_SIZE: usize = 32;
/// `min_comp_rate`: the percentage the result must save.
const MIN_COMP_RATE: usize = 25;
/// `first_success_by`.
const FIRST_SUCCESS_BY: usize = 1024;
/// `match_size_good`: stop looking once a match is this long.
const MATCH_SIZE_GOOD: usize = 128;
/// How many earlier positions of one hash are tried.
const MAX_CHAIN: usize = 16;

const HASH_BITS: u32 = 13;

fn hash3(b: &[u8], i: usize) -> usize {
    let v = (b[i] as u32) << 16 | (b[i + 1] as u32) << 8 | b[i + 2] as u32;
    (v.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
}

/// `pglz_compress` with the default strategy: the compressed form of
/// `src`, or `None` when it would not save enough (the caller then stores
/// the value uncompressed).
pub fn compress(src: &[u8]) -> Option<Vec<u8>> {
    let slen = src.len();
    if slen < MIN_INPUT_SIZE || slen > i32::MAX as usize {
        return None;
    }
    let result_max = slen - slen * MIN_COMP_RATE / 100;
    let mut out = Vec::with_capacity(result_max + 4);
    // head[h]: the latest position with hash h (+1; 0 = none);
    // prev[i % window]: the position before i with the same hash (+1).
    let mut head = vec![0usize; 1 << HASH_BITS];
    let mut prev = vec![0usize; MAX_OFFSET + 1];
    let mut ctrl_at = 0usize;
    let mut ctrl_bit = 8u32;
    let mut found_match = false;
    let mut i = 0usize;
    let insert = |head: &mut Vec<usize>, prev: &mut Vec<usize>, pos: usize| {
        if pos + MIN_MATCH <= slen {
            let h = hash3(src, pos);
            prev[pos % (MAX_OFFSET + 1)] = head[h];
            head[h] = pos + 1;
        }
    };
    while i < slen {
        if out.len() >= result_max {
            return None;
        }
        if !found_match && out.len() >= FIRST_SUCCESS_BY {
            return None;
        }
        if ctrl_bit == 8 {
            ctrl_at = out.len();
            out.push(0);
            ctrl_bit = 0;
        }
        // The longest match among the recent positions with this hash.
        let (mut best_len, mut best_off) = (0usize, 0usize);
        if i + MIN_MATCH <= slen {
            let mut cand = head[hash3(src, i)];
            let mut tries = 0;
            while cand != 0 && tries < MAX_CHAIN {
                let p = cand - 1;
                let off = i - p;
                if off > MAX_OFFSET {
                    break;
                }
                let max = (slen - i).min(MAX_MATCH);
                let mut l = 0;
                while l < max && src[p + l] == src[i + l] {
                    l += 1;
                }
                if l > best_len {
                    best_len = l;
                    best_off = off;
                    if l >= MATCH_SIZE_GOOD {
                        break;
                    }
                }
                let next = prev[p % (MAX_OFFSET + 1)];
                // A chain entry overwritten by a newer position is stale.
                if next > p {
                    break;
                }
                cand = next;
                tries += 1;
            }
        }
        if best_len >= MIN_MATCH {
            out[ctrl_at] |= 1 << ctrl_bit;
            let hi = ((best_off & 0xF00) >> 4) as u8;
            if best_len > 17 {
                out.extend_from_slice(&[hi | 0x0F, (best_off & 0xFF) as u8, (best_len - 18) as u8]);
            } else {
                out.extend_from_slice(&[hi | (best_len - 3) as u8, (best_off & 0xFF) as u8]);
            }
            for p in i..i + best_len {
                insert(&mut head, &mut prev, p);
            }
            i += best_len;
            found_match = true;
        } else {
            out.push(src[i]);
            insert(&mut head, &mut prev, i);
            i += 1;
        }
        ctrl_bit += 1;
    }
    (out.len() < result_max).then_some(out)
}

/// `pglz_decompress` of a whole value: `rawsize` bytes from `src`, or
/// `None` when the stream is corrupt (a reference before the start, or a
/// result of another size).
pub fn decompress(src: &[u8], rawsize: usize) -> Option<Vec<u8>> {
    let mut dp: Vec<u8> = Vec::with_capacity(rawsize);
    let mut sp = 0usize;
    while sp < src.len() && dp.len() < rawsize {
        let mut ctrl = src[sp];
        sp += 1;
        let mut n = 0;
        while n < 8 && sp < src.len() && dp.len() < rawsize {
            if ctrl & 1 != 0 {
                let b0 = *src.get(sp)?;
                let b1 = *src.get(sp + 1)?;
                sp += 2;
                let mut len = (b0 & 0x0F) as usize + 3;
                let off = ((b0 as usize & 0xF0) << 4) | b1 as usize;
                if len == 18 {
                    len += *src.get(sp)? as usize;
                    sp += 1;
                }
                if off == 0 || off > dp.len() {
                    return None;
                }
                let len = len.min(rawsize - dp.len());
                let start = dp.len() - off;
                // The reference may overlap what it produces: copy bytewise.
                for k in 0..len {
                    let c = dp[start + k];
                    dp.push(c);
                }
            } else {
                dp.push(src[sp]);
                sp += 1;
            }
            ctrl >>= 1;
            n += 1;
        }
    }
    (dp.len() == rawsize).then_some(dp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn repetitive_text_compresses_and_round_trips() {
        let s = "hello world, ".repeat(1000);
        let c = compress(s.as_bytes()).expect("compressible");
        assert!(c.len() < s.len() / 10, "{}", c.len());
        assert_eq!(decompress(&c, s.len()).expect("decompress"), s.as_bytes());
    }

    #[test]
    fn short_and_random_inputs_are_left_alone() {
        assert!(compress(b"abc").is_none());
        let mut x = 12345u64;
        let noise: Vec<u8> = (0..5000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        assert!(compress(&noise).is_none());
    }

    #[test]
    fn reads_postgresqls_stream() {
        // 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' (40 × 'a') as PostgreSQL
        // writes it: control 0b10, literal 'a', tag offset 1 length 39
        // (extended: 0x0F, offset low 0x01, 39 - 18 = 21).
        let pg = [0x02, b'a', 0x0F, 0x01, 21];
        assert_eq!(decompress(&pg, 40).expect("decompress"), vec![b'a'; 40]);
        // A reference before the start is corrupt.
        assert!(decompress(&[0x01, 0x00, 0x05], 3).is_none());
    }

    proptest! {
        #[test]
        fn round_trip(words in proptest::collection::vec(0u8..6, 0..3000), alphabet in proptest::collection::vec(any::<u8>(), 6)) {
            let src: Vec<u8> = words.iter().map(|&w| alphabet[w as usize]).collect();
            if let Some(c) = compress(&src) {
                prop_assert!(c.len() < src.len());
                prop_assert_eq!(decompress(&c, src.len()).expect("decompress"), src);
            }
        }
    }
}
