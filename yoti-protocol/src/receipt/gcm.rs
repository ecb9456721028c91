//! AES-256-GCM for nonces of any length (NIST SP 800-38D), needed because one official SDK's own
//! vector uses a 16-byte nonce while the crypto library's AEAD only takes 12 bytes.
//!
//! The block cipher comes from aws-lc-rs (CTR-mode keystream); only GHASH is written here, in
//! constant time: no table lookups and no branches on secret data (the hash key `H` and the
//! counter blocks are secret).

use aws_lc_rs::cipher::{AES_256, EncryptingKey, EncryptionContext, UnboundCipherKey};
use aws_lc_rs::constant_time::verify_slices_are_equal;
use aws_lc_rs::iv::FixedLength;
use zeroize::Zeroizing;

const BLOCK: usize = 16;
/// The GCM tag length used by Yoti: 128 bits.
pub(crate) const TAG_LEN: usize = 16;
/// The reduction constant of GF(2^128) in GCM's bit order.
const R: u128 = 0xe1 << 120;

/// The failure of any GCM step; callers turn it into the one uniform decryption error.
#[derive(Debug)]
pub(crate) struct GcmError;

/// AES-256 in the shapes GCM needs: single blocks and 32-bit-counter CTR.
struct Aes(EncryptingKey);

impl Aes {
    fn new(key: &[u8; 32]) -> Result<Self, GcmError> {
        let key = UnboundCipherKey::new(&AES_256, key).map_err(|_| GcmError)?;
        EncryptingKey::ctr(key).map(Self).map_err(|_| GcmError)
    }

    /// E_K(block): the CTR keystream of one zero block starting at `block`.
    fn encrypt_block(&self, block: [u8; BLOCK]) -> Result<[u8; BLOCK], GcmError> {
        let mut out = [0u8; BLOCK];
        self.ctr_run(block, &mut out)?;
        Ok(out)
    }

    fn ctr_run(&self, counter: [u8; BLOCK], data: &mut [u8]) -> Result<(), GcmError> {
        let context = EncryptionContext::Iv128(FixedLength::from(counter));
        self.0
            .less_safe_encrypt(data, context)
            .map(drop)
            .map_err(|_| GcmError)
    }

    /// GCTR with inc32: the library's CTR mode increments all 128 bits, so the data is split
    /// where the low 32 bits wrap, and each run restarts with the upper 96 bits unchanged.
    fn gctr(&self, mut counter: [u8; BLOCK], data: &mut [u8]) -> Result<(), GcmError> {
        let mut rest = data;
        while !rest.is_empty() {
            let low = u32::from_be_bytes(low32(&counter));
            // Blocks until (and including) counter value u32::MAX.
            let blocks_left = u64::from(u32::MAX - low) + 1;
            let run = usize::try_from(blocks_left.saturating_mul(BLOCK as u64))
                .unwrap_or(usize::MAX)
                .min(rest.len());
            let (now, later) = rest.split_at_mut(run);
            self.ctr_run(counter, now)?;
            let blocks = u32::try_from(run.div_ceil(BLOCK)).unwrap_or(u32::MAX);
            set_low32(&mut counter, low.wrapping_add(blocks));
            rest = later;
        }
        Ok(())
    }
}

fn low32(block: &[u8; BLOCK]) -> [u8; 4] {
    [block[12], block[13], block[14], block[15]]
}

fn set_low32(block: &mut [u8; BLOCK], value: u32) {
    let [a, b, c, d] = value.to_be_bytes();
    block[12] = a;
    block[13] = b;
    block[14] = c;
    block[15] = d;
}

/// Multiplication in GF(2^128) as SP 800-38D algorithm 1, with masks instead of branches.
fn gf_mul(x: u128, y: u128) -> u128 {
    let mut z = 0u128;
    let mut v = y;
    for i in 0..128 {
        let bit = (x >> (127 - i)) & 1;
        z ^= v & 0u128.wrapping_sub(bit);
        let carry = v & 1;
        v = (v >> 1) ^ (R & 0u128.wrapping_sub(carry));
    }
    z
}

/// GHASH state.
struct Ghash {
    h: u128,
    y: u128,
}

impl Ghash {
    fn new(h: [u8; BLOCK]) -> Self {
        Self {
            h: u128::from_be_bytes(h),
            y: 0,
        }
    }

    /// Absorbs `data`, zero-padded to whole blocks.
    fn update_padded(&mut self, data: &[u8]) {
        for chunk in data.chunks(BLOCK) {
            let mut block = [0u8; BLOCK];
            block[..chunk.len()].copy_from_slice(chunk);
            self.y = gf_mul(self.y ^ u128::from_be_bytes(block), self.h);
        }
    }

    /// Absorbs the block `[a_bits]_64 || [b_bits]_64`.
    fn update_lengths(&mut self, a_bytes: usize, b_bytes: usize) {
        let bits = |n: usize| (n as u128).wrapping_mul(8) & u128::from(u64::MAX);
        self.y = gf_mul(self.y ^ ((bits(a_bytes) << 64) | bits(b_bytes)), self.h);
    }

    fn finish(self) -> [u8; BLOCK] {
        self.y.to_be_bytes()
    }
}

/// The pre-counter block J0 of SP 800-38D section 7.1.
fn pre_counter(h: [u8; BLOCK], nonce: &[u8]) -> [u8; BLOCK] {
    if let Ok(twelve) = <[u8; 12]>::try_from(nonce) {
        let mut j0 = [0u8; BLOCK];
        j0[..12].copy_from_slice(&twelve);
        j0[15] = 1;
        j0
    } else {
        let mut ghash = Ghash::new(h);
        ghash.update_padded(nonce);
        ghash.update_lengths(0, nonce.len());
        ghash.finish()
    }
}

fn inc32(block: [u8; BLOCK]) -> [u8; BLOCK] {
    let mut next = block;
    set_low32(&mut next, u32::from_be_bytes(low32(&block)).wrapping_add(1));
    next
}

/// The tag over `ciphertext` with no associated data.
fn tag(
    aes: &Aes,
    h: [u8; BLOCK],
    j0: [u8; BLOCK],
    ciphertext: &[u8],
) -> Result<[u8; BLOCK], GcmError> {
    let mut ghash = Ghash::new(h);
    ghash.update_padded(ciphertext);
    ghash.update_lengths(0, ciphertext.len());
    let s = ghash.finish();
    let mut t = aes.encrypt_block(j0)?;
    for (t, s) in t.iter_mut().zip(s) {
        *t ^= s;
    }
    Ok(t)
}

/// Decrypts `ciphertext || tag` under any non-empty nonce, no associated data. The plaintext
/// is computed only after the tag has been checked.
pub(crate) fn open(
    key: &[u8; 32],
    nonce: &[u8],
    ciphertext_and_tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, GcmError> {
    if nonce.is_empty() {
        return Err(GcmError);
    }
    let split = ciphertext_and_tag
        .len()
        .checked_sub(TAG_LEN)
        .ok_or(GcmError)?;
    let (ciphertext, received) = ciphertext_and_tag.split_at(split);
    let aes = Aes::new(key)?;
    let h = Zeroizing::new(aes.encrypt_block([0; BLOCK])?);
    let j0 = Zeroizing::new(pre_counter(*h, nonce));
    let expected = tag(&aes, *h, *j0, ciphertext)?;
    verify_slices_are_equal(&expected, received).map_err(|_| GcmError)?;
    let mut plaintext = Zeroizing::new(ciphertext.to_vec());
    aes.gctr(inc32(*j0), &mut plaintext)?;
    Ok(plaintext)
}

/// Encrypts under any non-empty nonce, no associated data; returns `ciphertext || tag`. Only
/// tests need it: receipts are produced with 12-byte nonces.
#[cfg(test)]
pub(crate) fn seal(key: &[u8; 32], nonce: &[u8], plaintext: &[u8]) -> Result<Vec<u8>, GcmError> {
    if nonce.is_empty() {
        return Err(GcmError);
    }
    let aes = Aes::new(key)?;
    let h = Zeroizing::new(aes.encrypt_block([0; BLOCK])?);
    let j0 = Zeroizing::new(pre_counter(*h, nonce));
    let mut out = plaintext.to_vec();
    aes.gctr(inc32(*j0), &mut out)?;
    let t = tag(&aes, *h, *j0, &out)?;
    out.extend_from_slice(&t);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};

    fn hex(s: &str) -> Vec<u8> {
        hex::decode(s).unwrap()
    }

    #[test]
    fn gf_mul_by_one_is_identity() {
        // The multiplicative identity of GCM's field is the bit string 1 || 0^127.
        let one = 1u128 << 127;
        let x = 0x0388dace60b6a392f328c2b971b2fe78_u128;
        assert_eq!(gf_mul(x, one), x);
        assert_eq!(gf_mul(one, x), x);
    }

    /// The key, 60-byte nonce and plaintext of the GCM specification's test case 18 (McGrew &
    /// Viega), without its associated data: same ciphertext, and the tag without AAD as computed
    /// by OpenSSL.
    #[test]
    fn nist_test_case_18_long_nonce() {
        let key: [u8; 32] = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
            .try_into()
            .unwrap();
        let nonce = hex(
            "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b",
        );
        let plaintext = hex(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
        );
        let expected = hex(
            "5a8def2f0c9e53f1f75d7853659e2a20eeb2b22aafde6419a058ab4f6f746bf40fc0c3b780f244452da3ebf1c5d82cdea2418997200ef82e44ae7e3f\
             392995c46c67f61b1fee6f14aaadcbce",
        );
        let sealed = seal(&key, &nonce, &plaintext).unwrap();
        assert_eq!(sealed, expected);
        assert_eq!(&open(&key, &nonce, &sealed).unwrap()[..], &plaintext[..]);
    }

    #[test]
    fn twelve_byte_nonce_matches_the_library() {
        let key = [7u8; 32];
        let nonce = [9u8; 12];
        let plaintext = b"a receipt key of thirty-two byte";
        let mut expected = plaintext.to_vec();
        LessSafeKey::new(UnboundKey::new(&AES_256_GCM, &key).unwrap())
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::empty(),
                &mut expected,
            )
            .unwrap();
        assert_eq!(seal(&key, &nonce, plaintext).unwrap(), expected);
    }

    #[test]
    fn counter_wraps_in_the_low_32_bits_only() {
        let aes = Aes::new(&[3u8; 32]).unwrap();
        let mut start = [0xabu8; BLOCK];
        set_low32(&mut start, u32::MAX);
        let mut data = [0u8; 2 * BLOCK];
        aes.gctr(start, &mut data).unwrap();
        let mut wrapped = start;
        set_low32(&mut wrapped, 0);
        assert_eq!(data[..BLOCK], aes.encrypt_block(start).unwrap());
        assert_eq!(data[BLOCK..], aes.encrypt_block(wrapped).unwrap());
    }

    #[test]
    fn bad_tag_short_input_and_empty_nonce_fail() {
        let key = [1u8; 32];
        let nonce = [2u8; 16];
        let mut sealed = seal(&key, &nonce, b"hello").unwrap();
        assert!(open(&key, &nonce, &sealed[..TAG_LEN - 1]).is_err());
        assert!(open(&key, &[], &sealed).is_err());
        assert!(seal(&key, &[], b"x").is_err());
        if let Some(last) = sealed.last_mut() {
            *last ^= 1;
        }
        assert!(open(&key, &nonce, &sealed).is_err());
    }
}
