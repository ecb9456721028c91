//! The application's RSA key pair: the private key that signs API requests and decrypts receipts,
//! and its public half, which a receipt producer encrypts for.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::der;
use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{
    Pkcs1PrivateDecryptingKey, Pkcs1PublicEncryptingKey, PrivateDecryptingKey, PublicEncryptingKey,
};
use aws_lc_rs::signature::{
    ParsedPublicKey, RSA_PKCS1_2048_8192_SHA256, RSA_PKCS1_SHA256, RsaKeyPair,
};

use super::error::{EncryptError, KeyError};
use super::key_file::read_key_file;
use super::pem::{self, KeyDer};

/// The smallest RSA modulus accepted, in bits.
pub const MIN_KEY_BITS: usize = 2048;
/// The largest RSA modulus accepted, in bits.
pub const MAX_KEY_BITS: usize = 4096;
/// The smallest RSA public exponent accepted: 65537, what every key generator uses. Smaller
/// exponents such as 3 make some padding mistakes exploitable.
pub const MIN_PUBLIC_EXPONENT: u64 = 65537;

/// A signature could not be computed (an internal failure of the crypto library).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the request signature could not be computed")]
#[non_exhaustive]
pub struct SignError;

/// The application's RSA private key, as issued by Yoti Hub: it signs API requests and decrypts
/// receipts.
///
/// Cheap to clone (the key is shared), `Send + Sync`, and never printed: its `Debug` shows only
/// the key size.
///
/// ```
/// use yoti_protocol::receipt::PrivateKey;
///
/// # use aws_lc_rs::{encoding::AsDer, rsa::{KeyPair, KeySize}};
/// # let pkcs8 = KeyPair::generate(KeySize::Rsa2048)?.as_der()?;
/// // An application reads its key file from Yoti Hub: `PrivateKey::from_pem_file(path)`.
/// let key = PrivateKey::from_pkcs8_der(pkcs8.as_ref())?;
/// assert_eq!(key.bits(), 2048);
/// assert_eq!(format!("{key:?}"), "PrivateKey { bits: 2048, .. }");
///
/// let signature = key.sign(b"GET&/v2/receipts/abc?nonce=n&timestamp=1")?;
/// assert!(key.public_key().verify(b"GET&/v2/receipts/abc?nonce=n&timestamp=1", &signature));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct PrivateKey {
    inner: Arc<PrivateKeyInner>,
}

struct PrivateKeyInner {
    signing: RsaKeyPair,
    decrypting: Pkcs1PrivateDecryptingKey,
    public: PublicKey,
    bits: usize,
}

impl PrivateKey {
    /// Loads a private key from PEM text: PKCS#1 (`RSA PRIVATE KEY`, what Yoti Hub issues) or
    /// PKCS#8 (`PRIVATE KEY`), LF or CRLF line endings, 2048 to 4096 bits, a public exponent of
    /// at least [`MIN_PUBLIC_EXPONENT`]. Text around the PEM block, other blocks before it and
    /// spaces or tabs around its lines are ignored.
    ///
    /// Every copy of the key made while reading it is zeroized; the input itself stays the
    /// caller's (pass a `zeroize::Zeroizing<Vec<u8>>` to have it zeroized too).
    ///
    /// # Errors
    ///
    /// A [`KeyError`] saying what is wrong with the input.
    pub fn from_pem(pem: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        match pem::key_block(pem.as_ref(), false)? {
            KeyDer::Pkcs1(der) => Self::from_pkcs1_der(&der),
            KeyDer::Pkcs8(der) => Self::from_pkcs8_der(&der),
            KeyDer::Spki(_) => Err(KeyError::NotAPrivateKey {
                label: "PUBLIC KEY".to_owned(),
            }),
        }
    }

    /// Loads a private key from a PEM file; see [`from_pem`](Self::from_pem). The file is read
    /// by [`read_key_file`](super::read_key_file): a regular file of at most
    /// [`MAX_KEY_FILE_SIZE`](super::MAX_KEY_FILE_SIZE) bytes, zeroized after reading.
    ///
    /// # Errors
    ///
    /// As [`read_key_file`](super::read_key_file), else as [`from_pem`](Self::from_pem).
    pub fn from_pem_file(path: impl AsRef<Path>) -> Result<Self, KeyError> {
        Self::from_pem(&*read_key_file(path)?)
    }

    /// Loads a private key from PKCS#1 `RSAPrivateKey` DER.
    ///
    /// # Errors
    ///
    /// [`KeyError::Corrupted`], [`KeyError::TrailingData`], [`KeyError::TooSmall`],
    /// [`KeyError::TooLarge`] or [`KeyError::WeakExponent`].
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
        check_one_value(der)?;
        let signing = RsaKeyPair::from_der(der).map_err(|rejected| {
            rejected_key(rejected.description_(), || der::pkcs1_modulus_bits(der))
        })?;
        Self::from_key_pair(signing)
    }

    /// Loads a private key from PKCS#8 `PrivateKeyInfo` DER.
    ///
    /// # Errors
    ///
    /// [`KeyError::NotRsa`], [`KeyError::Corrupted`], [`KeyError::TrailingData`],
    /// [`KeyError::TooSmall`], [`KeyError::TooLarge`] or [`KeyError::WeakExponent`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        check_one_value(der)?;
        let signing = RsaKeyPair::from_pkcs8(der).map_err(|rejected| {
            if rejected.description_() == "WrongAlgorithm" {
                KeyError::NotRsa {
                    algorithm: der::pkcs8_algorithm_name(der).to_owned(),
                }
            } else {
                rejected_key(rejected.description_(), || der::pkcs8_modulus_bits(der))
            }
        })?;
        Self::from_key_pair(signing)
    }

    /// A fresh RSA-2048 key, for local development against `yoti-emulator` and for tests. An
    /// application talking to Yoti loads the key of its Yoti Hub application instead
    /// ([`from_pem_file`](Self::from_pem_file)): Yoti knows only that key's public half.
    ///
    /// ```
    /// use yoti_protocol::PrivateKey;
    ///
    /// let key = PrivateKey::generate()?;
    /// assert_eq!(key.bits(), 2048);
    /// # Ok::<(), yoti_protocol::KeyError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`KeyError::Generate`] when the crypto library fails.
    pub fn generate() -> Result<Self, KeyError> {
        let signing = RsaKeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048)
            .map_err(|_| KeyError::Generate)?;
        Self::from_key_pair(signing)
    }

    fn from_key_pair(signing: RsaKeyPair) -> Result<Self, KeyError> {
        let pkcs8 = signing.as_der().map_err(|_| KeyError::Corrupted)?;
        let private =
            PrivateDecryptingKey::from_pkcs8(pkcs8.as_ref()).map_err(|_| KeyError::Corrupted)?;
        let bits = private.key_size_bits();
        if bits < MIN_KEY_BITS {
            return Err(KeyError::TooSmall { bits: Some(bits) });
        }
        if bits > MAX_KEY_BITS {
            return Err(KeyError::TooLarge { bits });
        }
        let spki = private
            .public_key()
            .as_der()
            .map_err(|_| KeyError::Corrupted)?;
        match der::spki_rsa_exponent(spki.as_ref()) {
            Some(exponent) if exponent >= MIN_PUBLIC_EXPONENT => {}
            Some(exponent) => return Err(KeyError::WeakExponent { exponent }),
            None => return Err(KeyError::Corrupted),
        }
        let public = PublicKey::from_spki_der(spki.as_ref())?;
        let decrypting =
            Pkcs1PrivateDecryptingKey::new(private).map_err(|_| KeyError::Corrupted)?;
        Ok(Self {
            inner: Arc::new(PrivateKeyInner {
                signing,
                decrypting,
                public,
                bits,
            }),
        })
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.inner.bits
    }

    /// The public half, e.g. to register with a local emulator of the API.
    pub fn public_key(&self) -> PublicKey {
        self.inner.public.clone()
    }

    /// Signs `message` with RSASSA-PKCS1-v1_5 and SHA-256, the `X-Yoti-Auth-Digest` algorithm.
    /// Deterministic: the same message gives the same signature.
    ///
    /// # Errors
    ///
    /// [`SignError`] only on an internal failure of the crypto library.
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        let signing = &self.inner.signing;
        let mut signature = vec![0; signing.public_modulus_len()];
        signing
            .sign(
                &RSA_PKCS1_SHA256,
                &aws_lc_rs::rand::SystemRandom::new(),
                message,
                &mut signature,
            )
            .map_err(|_| SignError)?;
        Ok(signature)
    }

    /// RSAES-PKCS1-v1_5 decryption into `out`, which must hold at least the modulus size; returns
    /// the number of bytes written, or `None` on any failure (which callers must not reveal).
    pub(crate) fn decrypt_pkcs1_into(&self, ciphertext: &[u8], out: &mut [u8]) -> Option<usize> {
        let decrypting = &self.inner.decrypting;
        if ciphertext.len() != decrypting.key_size_bytes() {
            return None;
        }
        decrypting
            .decrypt(ciphertext, out)
            .ok()
            .map(|plain| plain.len())
    }

    /// The modulus size in bytes: the length of every RSA ciphertext for this key.
    pub(crate) fn modulus_len(&self) -> usize {
        self.inner.decrypting.key_size_bytes()
    }

    /// Signs `message` with RSASSA-PSS and SHA-384 (salt as long as the hash), the JWS `PS384`
    /// algorithm of the client assertion a bearer token is requested with. Randomised: the same
    /// message gives a different signature each time.
    ///
    /// # Errors
    ///
    /// [`SignError`] only on an internal failure of the crypto library.
    pub fn sign_ps384(&self, message: &[u8]) -> Result<Vec<u8>, SignError> {
        let signing = &self.inner.signing;
        let mut signature = vec![0; signing.public_modulus_len()];
        signing
            .sign(
                &aws_lc_rs::signature::RSA_PSS_SHA384,
                &aws_lc_rs::rand::SystemRandom::new(),
                message,
                &mut signature,
            )
            .map_err(|_| SignError)?;
        Ok(signature)
    }
}

/// Refuses DER with bytes after the key: the crypto library would ignore them.
fn check_one_value(der: &[u8]) -> Result<(), KeyError> {
    if der::is_one_value(der) {
        Ok(())
    } else if der::tlv(der).is_some() {
        Err(KeyError::TrailingData)
    } else {
        Err(KeyError::Corrupted)
    }
}

/// Maps a rejection by the crypto library to the error that says what was wrong.
fn rejected_key(reason: &str, bits: impl FnOnce() -> Option<usize>) -> KeyError {
    match reason {
        "TooSmall" => KeyError::TooSmall { bits: bits() },
        "TooLarge" => match bits() {
            Some(bits) => KeyError::TooLarge { bits },
            None => KeyError::Corrupted,
        },
        _ => KeyError::Corrupted,
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("bits", &self.inner.bits)
            .finish_non_exhaustive()
    }
}

/// The public half of an application key pair: verifies request signatures and encrypts item
/// keys for the application (what a receipt producer such as a local emulator needs).
///
/// ```
/// use yoti_protocol::receipt::{PrivateKey, PublicKey};
///
/// # use aws_lc_rs::{encoding::AsDer, rsa::{KeyPair, KeySize}};
/// # let pkcs8 = KeyPair::generate(KeySize::Rsa2048)?.as_der()?;
/// // An application reads its key file from Yoti Hub: `PrivateKey::from_pem_file(path)`.
/// let public = PrivateKey::from_pkcs8_der(pkcs8.as_ref())?.public_key();
/// let again = PublicKey::from_spki_der(public.to_spki_der())?;
/// assert_eq!(again, public);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct PublicKey {
    inner: Arc<PublicKeyInner>,
}

struct PublicKeyInner {
    spki: Vec<u8>,
    verifying: ParsedPublicKey,
    encrypting: Pkcs1PublicEncryptingKey,
    bits: usize,
}

impl PublicKey {
    /// Reads a DER `SubjectPublicKeyInfo` of an RSA key of 2048 to 4096 bits with a public
    /// exponent of at least [`MIN_PUBLIC_EXPONENT`], and nothing after it.
    ///
    /// # Errors
    ///
    /// [`KeyError::InvalidPublicKey`].
    pub fn from_spki_der(der: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        let der = der.as_ref();
        if !der::is_one_value(der)
            || der::spki_rsa_exponent(der).is_none_or(|e| e < MIN_PUBLIC_EXPONENT)
        {
            return Err(KeyError::InvalidPublicKey);
        }
        let encrypting_key =
            PublicEncryptingKey::from_der(der).map_err(|_| KeyError::InvalidPublicKey)?;
        let bits = encrypting_key.key_size_bits();
        if !(MIN_KEY_BITS..=MAX_KEY_BITS).contains(&bits) {
            return Err(KeyError::InvalidPublicKey);
        }
        let verifying = ParsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, der)
            .map_err(|_| KeyError::InvalidPublicKey)?;
        let encrypting = Pkcs1PublicEncryptingKey::new(encrypting_key)
            .map_err(|_| KeyError::InvalidPublicKey)?;
        Ok(Self {
            inner: Arc::new(PublicKeyInner {
                spki: der.to_vec(),
                verifying,
                encrypting,
                bits,
            }),
        })
    }

    /// Reads the public key in PEM text: a `PUBLIC KEY` block (a `SubjectPublicKeyInfo`), or
    /// the public half of an application's private key, whichever block comes first; with the
    /// same rule for the text as [`PrivateKey::from_pem`].
    ///
    /// # Errors
    ///
    /// [`KeyError::InvalidPublicKey`] for a `PUBLIC KEY` block that is not a usable RSA key,
    /// else as [`PrivateKey::from_pem`].
    pub fn from_pem(pem: impl AsRef<[u8]>) -> Result<Self, KeyError> {
        match pem::key_block(pem.as_ref(), true)? {
            KeyDer::Pkcs1(der) => PrivateKey::from_pkcs1_der(&der).map(|key| key.public_key()),
            KeyDer::Pkcs8(der) => PrivateKey::from_pkcs8_der(&der).map(|key| key.public_key()),
            KeyDer::Spki(der) => Self::from_spki_der(der.as_slice()),
        }
    }

    /// The DER `SubjectPublicKeyInfo`.
    pub fn to_spki_der(&self) -> Vec<u8> {
        self.inner.spki.clone()
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.inner.bits
    }

    /// Whether `signature` is a valid RSASSA-PKCS1-v1_5 / SHA-256 signature of `message`.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        self.inner.verifying.verify_sig(message, signature).is_ok()
    }

    /// RSAES-PKCS1-v1_5 encryption (randomised padding), as Yoti wraps item keys.
    ///
    /// # Errors
    ///
    /// [`EncryptError::MessageTooLong`] when `plaintext` exceeds the modulus size less 11 bytes.
    pub fn encrypt_pkcs1(&self, plaintext: &[u8]) -> Result<Vec<u8>, EncryptError> {
        let encrypting = &self.inner.encrypting;
        if plaintext.len() > encrypting.max_plaintext_size() {
            return Err(EncryptError::MessageTooLong);
        }
        let mut out = vec![0; encrypting.ciphertext_size()];
        let len = encrypting
            .encrypt(plaintext, &mut out)
            .map_err(|_| EncryptError::Crypto)?
            .len();
        out.truncate(len);
        Ok(out)
    }

    /// Whether `signature` is a valid RSASSA-PSS / SHA-384 signature of `message` (JWS `PS384`).
    pub fn verify_ps384(&self, message: &[u8], signature: &[u8]) -> bool {
        ParsedPublicKey::new(
            &aws_lc_rs::signature::RSA_PSS_2048_8192_SHA384,
            &self.inner.spki,
        )
        .is_ok_and(|key| key.verify_sig(message, signature).is_ok())
    }
}

impl PartialEq for PublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.inner.spki == other.inner.spki
    }
}

impl Eq for PublicKey {}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &self.inner.spki);
        f.debug_struct("PublicKey")
            .field("bits", &self.inner.bits)
            .field("spki_sha256", &hex_lower(digest.as_ref()))
            .finish()
    }
}

fn hex_lower(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync_clone<T: Send + Sync + Clone>() {}

    #[test]
    fn keys_are_send_sync_and_clone() {
        assert_send_sync_clone::<PrivateKey>();
        assert_send_sync_clone::<PublicKey>();
    }
}
