//! Identifiers as the inputs write them and the stages compare them:
//! partner ids normalised to digits, customer and person ids compared
//! ignoring case but shown as written, workloads and credentials by their
//! rules-file names.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A Microsoft partner's id (MPN id), kept as text.
///
/// Spreadsheets hold partner ids as numbers or as text, sometimes with stray
/// spaces or leading zeros; all of those spellings name the same partner, so
/// the id is normalised on construction.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct PartnerId(Arc<str>);

impl PartnerId {
    /// Normalises a raw partner id; `None` when nothing is left of it.
    pub fn parse(raw: &str) -> Option<PartnerId> {
        let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return None;
        }
        // MPN ids are numeric: 0001000001 and 1000001 are one partner. Other
        // ids are kept as written, apart from case.
        let id = if compact.chars().all(|c| c.is_ascii_digit()) {
            let trimmed = compact.trim_start_matches('0');
            if trimmed.is_empty() {
                "0".to_string()
            } else {
                trimmed.to_string()
            }
        } else {
            compact.to_uppercase()
        };
        Some(PartnerId(id.into()))
    }

    /// The normalised id as text.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PartnerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Text compared ignoring case but kept as written, for ids people type in
/// any case (`C-1001` and `c-1001` are one customer, shown as `C-1001`).
#[derive(Debug, Clone)]
struct Caseless(Arc<str>);

impl Caseless {
    /// The text's characters, lower-cased, for comparing and hashing.
    fn folded(&self) -> impl Iterator<Item = char> + '_ {
        self.0.chars().flat_map(char::to_lowercase)
    }
}

impl PartialEq for Caseless {
    fn eq(&self, other: &Caseless) -> bool {
        // Rows of one customer share one id (see `unify_spellings`).
        if Arc::ptr_eq(&self.0, &other.0) {
            return true;
        }
        if self.0.is_ascii() && other.0.is_ascii() {
            return self.0.eq_ignore_ascii_case(&other.0);
        }
        self.folded().eq(other.folded())
    }
}

impl Eq for Caseless {}

impl PartialOrd for Caseless {
    fn partial_cmp(&self, other: &Caseless) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Caseless {
    fn cmp(&self, other: &Caseless) -> std::cmp::Ordering {
        if Arc::ptr_eq(&self.0, &other.0) {
            return std::cmp::Ordering::Equal;
        }
        caseless_cmp(&self.0, &other.0)
    }
}

/// Compares two texts by their lower-cased characters. ASCII is compared
/// eight bytes at a time and only as far as the texts differ: ids are
/// compared millions of times in the evaluation's ordered maps, and most
/// differ early (tenant GUIDs) or share a prefix and are all ASCII.
pub(super) fn caseless_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let at = ascii_prefix_cmp(a.as_bytes(), b.as_bytes());
    match at {
        Ok(order) => order,
        // Up to `i` both are ASCII and equal ignoring case, so `i` is a
        // character boundary of both and the rest decides.
        Err(i) => a[i..]
            .chars()
            .flat_map(char::to_lowercase)
            .cmp(b[i..].chars().flat_map(char::to_lowercase)),
    }
}

/// Compares two texts ignoring ASCII case while both are ASCII: the order,
/// or `Err(i)` where a non-ASCII byte is met at or after byte `i` with the
/// bytes before equal.
fn ascii_prefix_cmp(a: &[u8], b: &[u8]) -> Result<std::cmp::Ordering, usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut a_chunks = a.chunks_exact(8);
    let mut b_chunks = b.chunks_exact(8);
    let mut i = 0;
    for (x, y) in a_chunks.by_ref().zip(b_chunks.by_ref()) {
        let (x, y) = (
            u64::from_be_bytes(x.try_into().unwrap_or_default()),
            u64::from_be_bytes(y.try_into().unwrap_or_default()),
        );
        if (x | y) & HIGH != 0 {
            return Err(i);
        }
        let (x, y) = (lower_ascii8(x), lower_ascii8(y));
        if x != y {
            // Big-endian: the first differing byte decides, as in a byte
            // by byte comparison.
            return Ok(x.cmp(&y));
        }
        i += 8;
    }
    let (a, b) = (&a[i..], &b[i..]);
    if !a.is_ascii() || !b.is_ascii() {
        return Err(i);
    }
    Ok(a.iter()
        .map(u8::to_ascii_lowercase)
        .cmp(b.iter().map(u8::to_ascii_lowercase)))
}

/// Lower-cases the eight ASCII bytes of `x` at once: a byte from `A` to `Z`
/// gains 0x20.
fn lower_ascii8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let above_z = x + ONES * u64::from(0x7f - b'Z');
    let from_a = x + ONES * u64::from(0x80 - b'A');
    let upper = from_a & !above_z & (ONES * 0x80);
    x | (upper >> 2)
}

impl std::hash::Hash for Caseless {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // The lower-cased text's UTF-8 bytes, a buffer at a time (no
        // allocation, few calls into the hasher); an ASCII id is lower-cased
        // byte by byte, which gives the same bytes the general way would.
        const FLUSH_AT: usize = 60;
        let mut buf = [0u8; 64];
        let mut n = 0;
        if self.0.is_ascii() {
            for b in self.0.bytes() {
                if n > FLUSH_AT {
                    state.write(&buf[..n]);
                    n = 0;
                }
                buf[n] = b.to_ascii_lowercase();
                n += 1;
            }
        } else {
            for c in self.folded() {
                if n > FLUSH_AT {
                    state.write(&buf[..n]);
                    n = 0;
                }
                n += c.encode_utf8(&mut buf[n..]).len();
            }
        }
        state.write(&buf[..n]);
        state.write_u8(0xff);
    }
}

/// A customer tenant's id (usually a GUID), compared ignoring case and shown
/// as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CustomerId(Caseless);

impl CustomerId {
    /// Trims a raw customer id; `None` when it is blank.
    pub fn parse(raw: &str) -> Option<CustomerId> {
        let trimmed = raw.trim();
        (!trimmed.is_empty()).then(|| CustomerId(Caseless(trimmed.into())))
    }

    /// The id as written (its first spelling, once the inputs are read).
    pub(crate) fn as_str(&self) -> &str {
        &self.0.0
    }

    /// Whether the two are the very same text (not only equal ignoring case).
    pub(crate) fn same_text(&self, other: &CustomerId) -> bool {
        Arc::ptr_eq(&self.0.0, &other.0.0) || self.0.0 == other.0.0
    }
}

impl AsRef<str> for CustomerId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for CustomerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A person's id (an email address or MCP id), compared ignoring case and
/// shown as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonId(Caseless);

impl PersonId {
    /// Trims a raw person id; `None` when it is blank.
    pub fn parse(raw: &str) -> Option<PersonId> {
        let trimmed = raw.trim();
        (!trimmed.is_empty()).then(|| PersonId(Caseless(trimmed.into())))
    }

    /// The id as written (its first spelling, once the inputs are read).
    pub(crate) fn as_str(&self) -> &str {
        &self.0.0
    }
}

impl AsRef<str> for PersonId {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A counted workload, named by its canonical name from the rules file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Workload(Arc<str>);

impl Workload {
    /// Wraps a canonical workload name (the rules file is the only source).
    pub(crate) fn new(name: &str) -> Workload {
        Workload(name.into())
    }

    /// The canonical name.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Workload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A credential (exam or certification) the rules file knows, by its id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CredentialId(Arc<str>);

impl CredentialId {
    /// Wraps a credential id, as the rules file would (its ids are
    /// deserialised), for tests.
    #[cfg(test)]
    pub(crate) fn new(id: &str) -> CredentialId {
        CredentialId(id.into())
    }
}

impl fmt::Display for CredentialId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
