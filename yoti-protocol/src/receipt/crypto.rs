//! The primitives of the decryption chain (docs/protocol.md, "Receipt encryption") and their
//! inverses: RSA PKCS#1 v1.5 for the item key, AES-256-GCM for the receipt key, AES-256-CBC with
//! PKCS#7 for each content blob.
//!
//! Every failure is the one [`DecryptionError`], whichever step failed, so that nothing built on
//! this can serve as a padding or decryption oracle.
//!
//! ```
//! # #[cfg(feature = "produce")] {
//! use yoti_protocol::receipt::crypto;
//!
//! let key = [7u8; 32];
//! let iv = [1u8; 16];
//! let ciphertext = crypto::aes_cbc_encrypt(&key, &iv, b"Hello, World!")?;
//! assert_eq!(ciphertext.len(), 16);
//! assert_eq!(crypto::aes_cbc_decrypt(&key, &iv, &ciphertext)?, b"Hello, World!");
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use aws_lc_rs::aead::{AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use aws_lc_rs::cipher::{AES_256, DecryptingKey, DecryptionContext, UnboundCipherKey};
#[cfg(feature = "produce")]
use aws_lc_rs::cipher::{EncryptingKey, EncryptionContext};
use aws_lc_rs::iv::FixedLength;
use bytes::{Bytes, BytesMut};
use zeroize::Zeroizing;

pub use super::error::DecryptionError;
use super::error::EncryptError;
use super::key::PrivateKey;
use crate::proto::EncryptedData;

/// AES-256 key length in bytes: the length of item keys and receipt keys.
pub const KEY_LEN: usize = 32;
/// AES-CBC IV length in bytes.
pub const CBC_IV_LEN: usize = 16;
/// The GCM nonce length Yoti uses and the one [`aes_gcm_encrypt`] produces.
pub const GCM_NONCE_LEN: usize = 12;
/// The GCM tag length, appended to the ciphertext.
pub const GCM_TAG_LEN: usize = 16;
/// The length of a receipt's `wrappedKey`: the 32-byte receipt key sealed with AES-GCM, with its
/// tag.
pub const WRAPPED_KEY_LEN: usize = KEY_LEN + GCM_TAG_LEN;

macro_rules! secret_key {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Zeroized on drop; `Debug` prints no key material.
        #[derive(Clone)]
        pub struct $name(Zeroizing<[u8; KEY_LEN]>);

        impl $name {
            /// Takes exactly 32 bytes.
            ///
            /// # Errors
            ///
            /// [`DecryptionError`] for any other length.
            pub fn from_slice(bytes: &[u8]) -> Result<Self, DecryptionError> {
                let mut key = Zeroizing::new([0u8; KEY_LEN]);
                if bytes.len() != KEY_LEN {
                    return Err(DecryptionError);
                }
                key.copy_from_slice(bytes);
                Ok(Self(key))
            }

            /// A fresh random key.
            ///
            /// # Errors
            ///
            /// [`EncryptError::Random`] when the system random generator fails.
            // Without `produce` only the item key's is used (by `unwrap_v2`).
            #[cfg_attr(not(feature = "produce"), allow(dead_code))]
            pub fn generate() -> Result<Self, EncryptError> {
                let mut key = Zeroizing::new([0u8; KEY_LEN]);
                aws_lc_rs::rand::fill(&mut key[..]).map_err(|_| EncryptError::Random)?;
                Ok(Self(key))
            }

            /// The key bytes. Handle with care: they decrypt the receipt.
            pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(concat!(stringify!($name), "(..)"))
            }
        }
    };
}

secret_key!(
    /// The per-receipt AES-256 key that the wrapped item key's `value` carries (RSA-encrypted)
    /// and that unwraps the receipt key.
    ItemKey
);

secret_key!(
    /// The AES-256 key that decrypts a receipt's content blobs.
    ReceiptKey
);

impl ItemKey {
    /// RSA-decrypts the wrapped item key's `value` (step 1 of the chain).
    ///
    /// # Errors
    ///
    /// [`DecryptionError`] when decryption fails or does not give 32 bytes.
    #[cfg(feature = "produce")]
    pub fn unwrap(key: &PrivateKey, value: &[u8]) -> Result<Self, DecryptionError> {
        let plain = rsa_decrypt_pkcs1(key, value)?;
        Self::from_slice(&plain)
    }

    /// Unwraps the receipt key from the receipt's `wrappedKey` (`ciphertext || tag`) with the
    /// item key's `iv` as GCM nonce (steps 2 and 3).
    ///
    /// # Errors
    ///
    /// [`DecryptionError`] on a bad tag or when the result is not 32 bytes.
    pub fn unwrap_receipt_key(
        &self,
        iv: &[u8],
        wrapped_key: &[u8],
    ) -> Result<ReceiptKey, DecryptionError> {
        let plain = aes_gcm_decrypt(self.as_bytes(), iv, wrapped_key)?;
        ReceiptKey::from_slice(&plain)
    }

    /// Wraps `receipt_key` the way Yoti does: AES-256-GCM under this item key and a 12-byte
    /// `nonce`, returned as `ciphertext || tag` (the receipt's `wrappedKey`).
    ///
    /// # Errors
    ///
    /// [`EncryptError::Crypto`] on an internal failure.
    #[cfg(feature = "produce")]
    pub fn wrap_receipt_key(
        &self,
        nonce: &[u8; GCM_NONCE_LEN],
        receipt_key: &ReceiptKey,
    ) -> Result<Vec<u8>, EncryptError> {
        aes_gcm_encrypt(self.as_bytes(), nonce, receipt_key.as_bytes())
    }
}

impl ReceiptKey {
    /// The share-v2 unwrapping in one step: RSA-decrypts the item key and GCM-unwraps the receipt
    /// key. A failed RSA step continues with a random item key, so both failures take the same
    /// path and end in the same error. Inputs of other sizes than the protocol's (one RSA block,
    /// a [`GCM_NONCE_LEN`] nonce, a [`WRAPPED_KEY_LEN`] wrapped key) fail before any
    /// cryptography: their sizes are public.
    ///
    /// # Errors
    ///
    /// [`DecryptionError`] whichever step failed.
    pub fn unwrap_v2(
        key: &PrivateKey,
        item_key_value: &[u8],
        item_key_iv: &[u8],
        wrapped_key: &[u8],
    ) -> Result<Self, DecryptionError> {
        if item_key_value.len() != key.modulus_len()
            || item_key_iv.len() != GCM_NONCE_LEN
            || wrapped_key.len() != WRAPPED_KEY_LEN
        {
            return Err(DecryptionError);
        }
        let mut buffer = Zeroizing::new(vec![0u8; key.modulus_len()]);
        let decrypted = key.decrypt_pkcs1_into(item_key_value, &mut buffer);
        let rsa_ok = decrypted == Some(KEY_LEN);
        let item_key = match buffer.get(..KEY_LEN) {
            Some(bytes) if rsa_ok => ItemKey::from_slice(bytes)?,
            _ => ItemKey::generate().map_err(|_| DecryptionError)?,
        };
        let receipt_key = item_key.unwrap_receipt_key(item_key_iv, wrapped_key);
        match receipt_key {
            Ok(receipt_key) if rsa_ok => Ok(receipt_key),
            _ => Err(DecryptionError),
        }
    }

    /// The legacy v1 wrapping: the receipt key RSA-encrypted directly (`wrapped_receipt_key`).
    ///
    /// # Errors
    ///
    /// [`DecryptionError`] when decryption fails or does not give 32 bytes.
    #[cfg(feature = "produce")]
    pub fn unwrap_v1(
        key: &PrivateKey,
        wrapped_receipt_key: &[u8],
    ) -> Result<Self, DecryptionError> {
        let plain = rsa_decrypt_pkcs1(key, wrapped_receipt_key)?;
        Self::from_slice(&plain)
    }

    /// Decrypts one content blob's `cipher_text` with its `iv` (step 5).
    ///
    /// # Errors
    ///
    /// [`DecryptionError`] on a wrong IV length, a length that is not a whole number of blocks,
    /// or bad padding.
    pub fn decrypt_content(
        &self,
        iv: &[u8],
        cipher_text: &[u8],
    ) -> Result<Vec<u8>, DecryptionError> {
        aes_cbc_decrypt(self.as_bytes(), iv, cipher_text)
    }

    /// Decrypts one content blob in the buffer that holds its ciphertext, so the plaintext (and
    /// every image in it) shares that buffer; copies only when the buffer is shared elsewhere.
    pub(crate) fn decrypt_blob(&self, blob: EncryptedData) -> Result<Bytes, DecryptionError> {
        let EncryptedData { iv, cipher_text } = blob;
        let iv_block = <[u8; CBC_IV_LEN]>::try_from(&iv[..]).map_err(|_| DecryptionError)?;
        // The IV is a view of the same buffer: release it so the ciphertext's view is unique.
        drop(iv);
        let mut buffer = BytesMut::from(cipher_text);
        let len = aes_cbc_decrypt_in_place(self.as_bytes(), &iv_block, &mut buffer)?;
        buffer.truncate(len);
        Ok(buffer.freeze())
    }
}

/// RSAES-PKCS1-v1_5 decryption with the application's private key.
///
/// # Errors
///
/// [`DecryptionError`] when the ciphertext length is not the modulus size or the padding is bad.
#[cfg(feature = "produce")]
pub fn rsa_decrypt_pkcs1(
    key: &PrivateKey,
    ciphertext: &[u8],
) -> Result<Zeroizing<Vec<u8>>, DecryptionError> {
    let mut out = Zeroizing::new(vec![0u8; key.modulus_len()]);
    let len = key
        .decrypt_pkcs1_into(ciphertext, &mut out)
        .ok_or(DecryptionError)?;
    out.truncate(len);
    Ok(out)
}

/// AES-256-GCM decryption of `ciphertext || 16-byte tag`, no associated data, under the 12-byte
/// nonce Yoti uses (a receipt's item key must have a 12-byte `iv`, checked before any crypto).
///
/// # Errors
///
/// [`DecryptionError`] on a bad tag, an input shorter than the tag, or a nonce that is not
/// [`GCM_NONCE_LEN`] bytes.
pub fn aes_gcm_decrypt(
    key: &[u8; KEY_LEN],
    nonce: &[u8],
    ciphertext_and_tag: &[u8],
) -> Result<Zeroizing<Vec<u8>>, DecryptionError> {
    let nonce = <[u8; GCM_NONCE_LEN]>::try_from(nonce).map_err(|_| DecryptionError)?;
    let key = UnboundKey::new(&AES_256_GCM, key).map_err(|_| DecryptionError)?;
    let mut in_out = Zeroizing::new(ciphertext_and_tag.to_vec());
    let len = LessSafeKey::new(key)
        .open_in_place(
            Nonce::assume_unique_for_key(nonce),
            Aad::empty(),
            &mut in_out,
        )
        .map_err(|_| DecryptionError)?
        .len();
    in_out.truncate(len);
    Ok(in_out)
}

/// AES-256-GCM encryption under a 12-byte nonce, no associated data; returns
/// `ciphertext || tag`.
///
/// # Errors
///
/// [`EncryptError::Crypto`] on an internal failure.
#[cfg(feature = "produce")]
pub fn aes_gcm_encrypt(
    key: &[u8; KEY_LEN],
    nonce: &[u8; GCM_NONCE_LEN],
    plaintext: &[u8],
) -> Result<Vec<u8>, EncryptError> {
    let key = UnboundKey::new(&AES_256_GCM, key).map_err(|_| EncryptError::Crypto)?;
    let mut in_out = plaintext.to_vec();
    LessSafeKey::new(key)
        .seal_in_place_append_tag(
            Nonce::assume_unique_for_key(*nonce),
            Aad::empty(),
            &mut in_out,
        )
        .map_err(|_| EncryptError::Crypto)?;
    Ok(in_out)
}

/// AES-256-CBC decryption with strict PKCS#7 unpadding, checked in constant time: a pad byte of
/// 0 or above 16, inconsistent pad bytes, or a length that is not a positive multiple of 16 are
/// all rejected.
///
/// # Errors
///
/// [`DecryptionError`] for a wrong IV length, a bad length or bad padding.
pub fn aes_cbc_decrypt(
    key: &[u8; KEY_LEN],
    iv: &[u8],
    ciphertext: &[u8],
) -> Result<Vec<u8>, DecryptionError> {
    let iv = <[u8; CBC_IV_LEN]>::try_from(iv).map_err(|_| DecryptionError)?;
    if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(CBC_IV_LEN) {
        return Err(DecryptionError);
    }
    let mut data = ciphertext.to_vec();
    let len = aes_cbc_decrypt_in_place(key, &iv, &mut data)?;
    data.truncate(len);
    Ok(data)
}

/// [`aes_cbc_decrypt`] in place; returns the length of the unpadded plaintext at the start of
/// `data`.
fn aes_cbc_decrypt_in_place(
    key: &[u8; KEY_LEN],
    iv: &[u8; CBC_IV_LEN],
    data: &mut [u8],
) -> Result<usize, DecryptionError> {
    if data.is_empty() || !data.len().is_multiple_of(CBC_IV_LEN) {
        return Err(DecryptionError);
    }
    let key = UnboundCipherKey::new(&AES_256, key).map_err(|_| DecryptionError)?;
    let key = DecryptingKey::cbc(key).map_err(|_| DecryptionError)?;
    key.decrypt(data, DecryptionContext::Iv128(FixedLength::from(*iv)))
        .map_err(|_| DecryptionError)?;
    pkcs7_unpadded_len(data).ok_or(DecryptionError)
}

/// AES-256-CBC encryption with PKCS#7 padding.
///
/// # Errors
///
/// [`EncryptError::Crypto`] on an internal failure.
#[cfg(feature = "produce")]
pub fn aes_cbc_encrypt(
    key: &[u8; KEY_LEN],
    iv: &[u8; CBC_IV_LEN],
    plaintext: &[u8],
) -> Result<Vec<u8>, EncryptError> {
    let pad = CBC_IV_LEN - plaintext.len() % CBC_IV_LEN;
    let mut data = Vec::with_capacity(plaintext.len() + pad);
    data.extend_from_slice(plaintext);
    // `pad` is 1..=16, so the cast is exact.
    data.resize(plaintext.len() + pad, pad as u8);
    let key = UnboundCipherKey::new(&AES_256, key).map_err(|_| EncryptError::Crypto)?;
    let key = EncryptingKey::cbc(key).map_err(|_| EncryptError::Crypto)?;
    key.less_safe_encrypt(&mut data, EncryptionContext::Iv128(FixedLength::from(*iv)))
        .map_err(|_| EncryptError::Crypto)?;
    Ok(data)
}

/// The unpadded length of a PKCS#7-padded plaintext, if its padding is valid. Inspects the last
/// 16 bytes with masks only, so the time taken does not depend on where the padding is wrong.
fn pkcs7_unpadded_len(data: &[u8]) -> Option<usize> {
    let start = data.len().checked_sub(CBC_IV_LEN)?;
    let last_block = data.get(start..)?;
    let pad = *last_block.last()?;
    // 0xff when a < b, else 0; a and b are bytes, so the u16 difference borrows iff a < b.
    let lt = |a: u8, b: u8| (u16::from(a).wrapping_sub(u16::from(b)) >> 8) as u8;
    let mut bad = !lt(0, pad); // pad == 0
    bad |= lt(16, pad); // pad > 16
    for (i, &byte) in last_block.iter().rev().enumerate() {
        // `i` < 16, so the cast is exact.
        let in_pad = lt(i as u8, pad);
        bad |= in_pad & (byte ^ pad);
    }
    (bad == 0).then(|| data.len() - usize::from(pad))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pkcs7_accepts_every_valid_pad() {
        for pad in 1..=16u8 {
            let mut block = [0xaau8; 32];
            for byte in &mut block[32 - usize::from(pad)..] {
                *byte = pad;
            }
            assert_eq!(pkcs7_unpadded_len(&block), Some(32 - usize::from(pad)));
        }
    }

    #[test]
    fn pkcs7_rejects_bad_pads() {
        let mut zero = [0u8; 16];
        assert_eq!(pkcs7_unpadded_len(&zero), None);
        zero[15] = 17;
        assert_eq!(pkcs7_unpadded_len(&zero), None);
        let mut inconsistent = [3u8; 16];
        inconsistent[13] = 2;
        assert_eq!(pkcs7_unpadded_len(&inconsistent), None);
        assert_eq!(pkcs7_unpadded_len(&[1u8; 15][..]), None);
        assert_eq!(pkcs7_unpadded_len(&[]), None);
        // A full block of padding.
        assert_eq!(pkcs7_unpadded_len(&[16u8; 16]), Some(0));
        let mut almost = [16u8; 16];
        almost[0] = 15;
        assert_eq!(pkcs7_unpadded_len(&almost), None);
    }

    #[cfg(feature = "produce")]
    #[test]
    fn cbc_round_trips_and_rejects_bad_shapes() {
        let key = [5u8; 32];
        let iv = [6u8; 16];
        for len in 0..40 {
            let plain: Vec<u8> = (0..len).map(|i| i as u8).collect();
            let ct = aes_cbc_encrypt(&key, &iv, &plain).unwrap();
            assert_eq!(ct.len() % 16, 0);
            assert_eq!(aes_cbc_decrypt(&key, &iv, &ct).unwrap(), plain);
        }
        let ct = aes_cbc_encrypt(&key, &iv, b"abc").unwrap();
        assert_eq!(aes_cbc_decrypt(&key, &iv[..15], &ct), Err(DecryptionError));
        assert_eq!(aes_cbc_decrypt(&key, &iv, &ct[..15]), Err(DecryptionError));
        assert_eq!(aes_cbc_decrypt(&key, &iv, &[]), Err(DecryptionError));
    }

    #[test]
    fn secret_keys_are_redacted() {
        let key = ReceiptKey::from_slice(&[0x41; 32]).unwrap();
        assert_eq!(format!("{key:?}"), "ReceiptKey(..)");
        assert!(ItemKey::from_slice(&[0; 31]).is_err());
    }
}
