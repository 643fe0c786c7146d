//! The hash that finds a property by its wire name in a generated type's
//! table (`TypeDesc::slots`).
//!
//! This file is std-only and imports nothing from its crate on purpose:
//! the code generator includes the very same file to lay out each type's
//! table and pick its seed, so the runtime looks a name up where the
//! generator put it. Change it and every generated table changes with it.
//!
//! Why a hash and not a search: a binary search over the names takes about
//! as many branches as the table has levels, and which way each goes
//! depends on the key, so a processor mispredicts half of them; reading a
//! page spent more time looking names up than reading their values. The
//! hash takes the name 8 bytes at a time with no branch on its contents,
//! and the generator picks, per type, the seed under which the fewest
//! names sit past their home slot (most types: none).

/// The hash of a wire name under `seed`; its top bits are the home slot.
#[inline]
pub fn name_hash(name: &[u8], seed: u32) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = u64::from(seed) ^ (name.len() as u64).wrapping_mul(K);
    let mut chunks = name.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        let mut word = [0u8; 8];
        word[..tail.len()].copy_from_slice(tail);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    h
}

/// The home slot of a name in a table of `len` slots (a power of two).
#[inline]
pub fn home_slot(name: &[u8], seed: u32, len: usize) -> usize {
    let bits = len.trailing_zeros();
    if bits == 0 {
        return 0;
    }
    // The top bits: the multiplication mixes every input bit into them.
    (name_hash(name, seed) >> (64 - bits)) as usize
}

/// A free slot.
pub const EMPTY_SLOT: u16 = u16::MAX;
