//! Randomness estimates for candidate secret values.
//!
//! Two measures are offered:
//!
//! - [`shannon_entropy`]: bits per character over the value's own character distribution.
//! - [`p_random`]: an estimate of how likely it is that a string this "unstructured" came out of a
//!   uniform random generator over its alphabet. The idea is borrowed, with credit, from
//!   ripsecrets (MIT, `src/matcher/p_random.rs`): instead of a single entropy threshold, multiply
//!   the probabilities of three observations under the random hypothesis: the number of distinct
//!   characters, the balance of character classes (upper/lower/digit), and how many common
//!   English/source-code bigrams occur. The code here is written from scratch.
//!
//! [`looks_random`] combines them into the yes/no test callers use for generic high-entropy values
//! that have no secret-named key and no provider format.

/// Longest prefix (in bytes) of a value that the probability model looks at.
const MAX_LEN: usize = 256;

/// Common English and source-code bigrams (lowercase). A random string over a letter alphabet
/// rarely contains many of these; words and identifiers contain lots of them.
const COMMON_BIGRAMS: &[&[u8; 2]] = &[
    b"th", b"he", b"in", b"er", b"an", b"re", b"on", b"at", b"en", b"nd", b"ti", b"es", b"or",
    b"te", b"of", b"ed", b"is", b"it", b"al", b"ar", b"st", b"to", b"nt", b"ng", b"se", b"ha",
    b"as", b"ou", b"io", b"le", b"ve", b"co", b"me", b"de", b"hi", b"ri", b"ro", b"ic", b"ne",
    b"ea", b"ra", b"ce", b"li", b"ch", b"ll", b"be", b"ma", b"si", b"om", b"ur", b"ss", b"pa",
    b"wo", b"rd", b"ke", b"ey", b"ok", b"ge", b"ag", b"us", b"ad", b"mi", b"ap", b"pp",
];

/// The alphabet a value appears to be drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alphabet {
    /// `0-9a-f` or `0-9A-F` (one letter case only).
    Hex,
    /// Digits and letters of a single case (`0-9a-z` or `0-9A-Z`).
    Base36,
    /// Anything else: mixed-case letters, digits and punctuation (base64 and friends).
    Base64,
}

impl Alphabet {
    /// Number of symbols assumed for the alphabet.
    pub fn size(self) -> f64 {
        match self {
            Alphabet::Hex => 16.0,
            Alphabet::Base36 => 36.0,
            Alphabet::Base64 => 64.0,
        }
    }
}

/// A summary of how random a value looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Randomness {
    /// Shannon entropy in bits per character ([`shannon_entropy`]).
    pub entropy: f64,
    /// The alphabet the value appears to be drawn from.
    pub alphabet: Alphabet,
    /// Probability estimate under the "uniformly random" hypothesis ([`p_random`]).
    pub p_random: f64,
    /// The verdict of [`looks_random`].
    pub looks_random: bool,
}

/// Shannon entropy of `value` in bits per character, over its own character distribution.
///
/// `""` has entropy 0; `"aaaa"` has 0; `"abcd"` has 2.
pub fn shannon_entropy(value: &str) -> f64 {
    let mut counts = [0u32; 256];
    let mut n = 0u32;
    for b in value.bytes() {
        counts[b as usize] += 1;
        n += 1;
    }
    if n == 0 {
        return 0.0;
    }
    let n = f64::from(n);
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / n;
            -p * p.log2()
        })
        .sum()
}

/// The alphabet `value` appears to be drawn from.
pub fn alphabet(value: &str) -> Alphabet {
    let b = value.as_bytes();
    let lower_hex = b
        .iter()
        .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c));
    let upper_hex = b
        .iter()
        .all(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(c));
    if lower_hex || upper_hex {
        return Alphabet::Hex;
    }
    let lower36 = b
        .iter()
        .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase());
    let upper36 = b
        .iter()
        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
    if lower36 || upper36 {
        Alphabet::Base36
    } else {
        Alphabet::Base64
    }
}

/// Estimated probability that a uniformly random string over [`alphabet`]`(value)` is at least as
/// "structured" as `value` (few distinct characters, unbalanced character classes, many common
/// bigrams). Small values (below about 1e-5) mean "made by a human"; see [`looks_random`].
///
/// Only the first 256 bytes are considered. Returns 1.0 for the empty string.
pub fn p_random(value: &str) -> f64 {
    let value = truncate(value, MAX_LEN);
    let bytes = value.as_bytes();
    if bytes.is_empty() {
        return 1.0;
    }
    let alpha = alphabet(value);
    let mut p = p_distinct(bytes, alpha.size()) * p_char_classes(bytes, alpha);
    if alpha != Alphabet::Hex {
        p *= p_bigrams(bytes, alpha);
    }
    p.clamp(0.0, 1.0)
}

/// Whether `value` looks like the output of a random generator (a key, token, UUID or generated
/// password) rather than something a human typed.
///
/// The separators `-`, `_` and `.` are ignored (a UUID is 32 random hex digits). The rest must
/// have at least 10 characters and 6 distinct ones; must not have the human shapes "letters then
/// digits" (`TaskingAI321`, `postgres123!@#`) or "digits then letters"; read back as letters
/// (`0`→`o`, `4`/`@`→`a`, `3`→`e`, …) it must not look like words (`sTr0NGp4ssw0rd`); it must
/// contain a digit or symbol unless it is at least 20 characters long (`umbrelplane` is a word,
/// not a key); and it must have a [`p_random`] of at least 1e-5 (1e-4 when it has no digit, as
/// ripsecrets does).
pub fn looks_random(value: &str) -> bool {
    let stripped: String = truncate(value, MAX_LEN)
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | '.'))
        .collect();
    let v = stripped.as_str();
    let b = v.as_bytes();
    if b.len() < 10 || distinct(b) < 6 {
        return false;
    }
    let letters_then_digits = {
        let split = b.iter().position(|c| c.is_ascii_digit()).unwrap_or(b.len());
        b[..split].iter().all(u8::is_ascii_alphabetic) && b[split..].iter().all(u8::is_ascii_digit)
    };
    let digits_then_letters = {
        let split = b
            .iter()
            .position(|c| c.is_ascii_alphabetic())
            .unwrap_or(b.len());
        b[..split].iter().all(u8::is_ascii_digit) && b[split..].iter().all(u8::is_ascii_alphabetic)
    };
    if letters_then_digits || digits_then_letters {
        return false;
    }
    // Leetspeak and symbol-decorated words (`sTr0NGp4ssw0rd`, `postgres123!@#`, `B@dP@ssw0rd`):
    // read the value back as letters and test it again.
    let alnum: Vec<u8> = b
        .iter()
        .copied()
        .filter(u8::is_ascii_alphanumeric)
        .collect();
    if alnum.len() < b.len() {
        let split = alnum
            .iter()
            .position(u8::is_ascii_digit)
            .unwrap_or(alnum.len());
        if split > 0 && alnum[split..].iter().all(u8::is_ascii_digit) {
            return false;
        }
    }
    let plain: Vec<u8> = b.iter().filter_map(|&c| unleet(c)).collect();
    if alphabet(v) != Alphabet::Hex && plain.len() >= 8 && p_bigrams_letters(&plain) < 1e-3 {
        return false;
    }
    let has_digit = b.iter().any(u8::is_ascii_digit);
    let has_symbol = b.iter().any(|c| !c.is_ascii_alphanumeric());
    if !has_digit && !has_symbol && b.len() < 20 {
        return false;
    }
    let threshold = if has_digit { 1e-5 } else { 1e-4 };
    p_random(v) >= threshold
}

/// The letter a leetspeak character stands for, lowercased; `None` for other symbols.
fn unleet(c: u8) -> Option<u8> {
    Some(match c {
        b'0' => b'o',
        b'1' | b'!' => b'i',
        b'3' => b'e',
        b'4' | b'@' => b'a',
        b'5' | b'$' => b's',
        b'7' => b't',
        c if c.is_ascii_alphabetic() => c.to_ascii_lowercase(),
        _ => return None,
    })
}

/// P(number of common bigrams >= observed) for uniform lowercase letters.
fn p_bigrams_letters(plain: &[u8]) -> f64 {
    let positions = (plain.len() - 1) as u64;
    let observed = plain
        .windows(2)
        .filter(|w| COMMON_BIGRAMS.iter().any(|bg| bg[..] == w[..]))
        .count() as u64;
    let q = COMMON_BIGRAMS.len() as f64 / 676.0;
    if observed == 0 || (observed as f64) <= positions as f64 * q {
        return 1.0;
    }
    1.0 - binomial_cdf(observed - 1, positions, q)
}

/// All randomness measures of `value` at once.
pub fn randomness(value: &str) -> Randomness {
    Randomness {
        entropy: shannon_entropy(value),
        alphabet: alphabet(value),
        p_random: p_random(value),
        looks_random: looks_random(value),
    }
}

/// Number of distinct bytes in `bytes`.
pub(crate) fn distinct(bytes: &[u8]) -> usize {
    let mut seen = [false; 256];
    let mut n = 0;
    for &b in bytes {
        if !seen[b as usize] {
            seen[b as usize] = true;
            n += 1;
        }
    }
    n
}

fn truncate(value: &str, max: usize) -> &str {
    if value.len() <= max {
        return value;
    }
    let mut end = max;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    &value[..end]
}

/// P(number of distinct symbols <= observed) for `n` uniform draws from `base` symbols.
fn p_distinct(bytes: &[u8], base: f64) -> f64 {
    let n = bytes.len();
    let observed = distinct(bytes);
    let b = base as usize;
    if observed >= b.min(n) {
        return 1.0;
    }
    // dist[k] = probability of exactly k distinct symbols after the draws so far.
    let mut dist = vec![0.0f64; b + 1];
    dist[0] = 1.0;
    for _ in 0..n {
        let mut next = vec![0.0f64; b + 1];
        for k in 0..=b {
            let p = dist[k];
            if p == 0.0 {
                continue;
            }
            let kf = k as f64;
            next[k] += p * kf / base;
            if k < b {
                next[k + 1] += p * (base - kf) / base;
            }
        }
        dist = next;
    }
    dist[..=observed.min(b)].iter().sum::<f64>().min(1.0)
}

/// Product over character classes of P(class count <= observed) when the class is
/// under-represented compared with a uniform draw.
fn p_char_classes(bytes: &[u8], alpha: Alphabet) -> f64 {
    let n = bytes.len() as u64;
    let digits = bytes.iter().filter(|b| b.is_ascii_digit()).count() as u64;
    let upper = bytes.iter().filter(|b| b.is_ascii_uppercase()).count() as u64;
    let lower = bytes.iter().filter(|b| b.is_ascii_lowercase()).count() as u64;
    let classes: Vec<(u64, f64)> = match alpha {
        Alphabet::Hex => vec![(digits, 10.0 / 16.0), (upper + lower, 6.0 / 16.0)],
        Alphabet::Base36 => vec![(digits, 10.0 / 36.0), (upper + lower, 26.0 / 36.0)],
        Alphabet::Base64 => vec![
            (digits, 10.0 / 64.0),
            (upper, 26.0 / 64.0),
            (lower, 26.0 / 64.0),
        ],
    };
    classes
        .into_iter()
        .map(|(count, q)| {
            if (count as f64) < (n as f64) * q {
                binomial_cdf(count, n, q)
            } else {
                1.0
            }
        })
        .product()
}

/// P(number of common bigrams >= observed) for a uniform draw.
fn p_bigrams(bytes: &[u8], alpha: Alphabet) -> f64 {
    if bytes.len() < 2 {
        return 1.0;
    }
    let positions = (bytes.len() - 1) as u64;
    let observed = bytes
        .windows(2)
        .filter(|w| {
            let pair = [w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase()];
            COMMON_BIGRAMS.iter().any(|bg| **bg == pair)
        })
        .count() as u64;
    // Each bigram matches in any letter case: 4 spellings out of base^2 pairs in a mixed-case
    // alphabet, 1 in a single-case one.
    let spellings = if alpha == Alphabet::Base64 { 4.0 } else { 1.0 };
    let base = alpha.size();
    let q = (COMMON_BIGRAMS.len() as f64 * spellings / (base * base)).min(1.0);
    if (observed as f64) <= positions as f64 * q {
        return 1.0;
    }
    if observed == 0 {
        return 1.0;
    }
    1.0 - binomial_cdf(observed - 1, positions, q)
}

/// P(X <= k) for X ~ Binomial(n, q).
fn binomial_cdf(k: u64, n: u64, q: f64) -> f64 {
    if k >= n {
        return 1.0;
    }
    if q <= 0.0 {
        return 1.0;
    }
    if q >= 1.0 {
        return 0.0;
    }
    let ln_q = q.ln();
    let ln_1q = (1.0 - q).ln();
    let mut sum = 0.0;
    for i in 0..=k {
        let ln_pmf = ln_choose(n, i) + i as f64 * ln_q + (n - i) as f64 * ln_1q;
        sum += ln_pmf.exp();
    }
    sum.clamp(0.0, 1.0)
}

fn ln_choose(n: u64, k: u64) -> f64 {
    let k = k.min(n - k);
    (0..k)
        .map(|i| ((n - i) as f64).ln() - ((i + 1) as f64).ln())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_values() {
        assert_eq!(shannon_entropy(""), 0.0);
        assert_eq!(shannon_entropy("aaaa"), 0.0);
        assert!((shannon_entropy("abcd") - 2.0).abs() < 1e-9);
        assert!((shannon_entropy("aabb") - 1.0).abs() < 1e-9);
    }

    #[test]
    fn alphabets() {
        assert_eq!(alphabet("deadbeef0123"), Alphabet::Hex);
        assert_eq!(alphabet("DEADBEEF0123"), Alphabet::Hex);
        assert_eq!(alphabet("deadbeefz"), Alphabet::Base36);
        assert_eq!(alphabet("ABCXYZ019"), Alphabet::Base36);
        assert_eq!(alphabet("aBc+/="), Alphabet::Base64);
    }

    #[test]
    fn binomial_sanity() {
        assert!((binomial_cdf(0, 2, 0.5) - 0.25).abs() < 1e-12);
        assert!((binomial_cdf(1, 2, 0.5) - 0.75).abs() < 1e-12);
        assert_eq!(binomial_cdf(2, 2, 0.5), 1.0);
    }

    #[test]
    fn random_values() {
        for v in [
            "x7Kq9Lm2Pz4Rt8Wv3Ns1",
            "f34be427ebb29de8d88c107a71546019685ed8b241d8f2ed00c3df97ad2566f0",
            "9e45944b37bb41f7aa6fb74195fb58ec",
            "JWD9bxUR7Um9PaGg7FQZ",
            "jcui51lw747yuuk4zrpm",
            "kX2+vB9/qR7mN4pL8sT1wZ5yE3cH6jU0",
            "Tq8vZ3mW1xK9rB2nL7pY",
            "9e45944b-37bb-41f7-aa6f-b74195fb58ec",
            "0c9d2acc-d4f3-423c-8361-86f35cdd3eb2",
        ] {
            assert!(
                looks_random(v),
                "{v} should look random: {:?}",
                randomness(v)
            );
        }
    }

    #[test]
    fn human_values() {
        for v in [
            "hunter2",
            "password",
            "supersecretpassword",
            "correcthorsebatterystaple",
            "mysecretpassword",
            "changeme123456",
            "aaaaaaaaaaaaaaaa",
            "ThisIsMyPassword",
            "administrator",
            "0000000000000000",
            "abcabcabcabcabc",
            "wordpress_password",
            "postgres",
            "umbrelplane",
            "TaskingAI321",
            "difyai123456",
            "celestory_postgres_password_",
            "staticfilesgobrrrr",
            "itworkslocally",
            "B@dP@ssw0rd",
            "sTr0NGp4ssw0rd",
            "k3str4p@ss",
            "postgres123!@#",
            "redis123!@#",
            "P@ssw0rd",
        ] {
            assert!(
                !looks_random(v),
                "{v} should not look random: {:?}",
                randomness(v)
            );
        }
    }

    #[test]
    fn p_random_bounds() {
        assert_eq!(p_random(""), 1.0);
        let p = p_random("passwordpasswordpassword");
        assert!((0.0..1e-6).contains(&p), "{p}");
        let long = "a".repeat(1000);
        assert!(p_random(&long) < 1e-10);
    }
}
