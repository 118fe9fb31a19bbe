//! Deterministic load generator: newspaper issues, date phrases and a ledger of measures.
//!
//! Everything is drawn from a ChaCha8 stream seeded by `(seed, kind, index)`, so issue 17 is
//! the same text at every `--size` and on every machine, and the generator can stream one
//! issue at a time (a year never has to be in memory).

pub mod issue;
pub mod ledger;
pub mod phrases;
pub mod vocab;

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Separate streams for the different kinds of generated data, so adding a draw to one
/// kind never changes another.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    Issue = 1,
    Phrase = 2,
    Ledger = 3,
}

pub fn rng_for(seed: u64, stream: Stream, index: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(((stream as u64) << 48) ^ index);
    rng
}

/// One element of a non-empty pool.
pub fn pick<'a, R: Rng>(rng: &mut R, pool: &'a [&'a str]) -> &'a str {
    pool.choose(rng).copied().expect("pools are never empty")
}

/// A Chinese personal name of two or three characters.
pub fn person<R: Rng>(rng: &mut R) -> String {
    let mut s = String::from(pick(rng, vocab::SURNAMES));
    for _ in 0..rng.random_range(1..=2) {
        s.push_str(pick(rng, vocab::GIVEN));
    }
    s
}

/// Chinese numerals for small counts (一 … 九十九), as in "十二条".
pub fn chinese_count(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    // The unit digit is silent when it is zero (二十, not 二十零).
    let units = match n % 10 {
        0 => "",
        u => D[u as usize],
    };
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{units}"),
        _ => format!("{}十{units}", D[(n / 10 % 10) as usize]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_read_as_a_newspaper_writes_them() {
        for (n, want) in [
            (3, "三"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (35, "三十五"),
        ] {
            assert_eq!(chinese_count(n), want, "{n}");
        }
    }

    #[test]
    fn streams_of_different_kinds_differ() {
        let a: u64 = rng_for(7, Stream::Issue, 0).random();
        let b: u64 = rng_for(7, Stream::Phrase, 0).random();
        let c: u64 = rng_for(7, Stream::Issue, 0).random();
        assert_ne!(a, b);
        assert_eq!(a, c, "the same seed and index give the same stream");
    }
}
