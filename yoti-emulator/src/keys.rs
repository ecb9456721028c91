//! Application keys for the command line: the public key from a PEM file holding a private key
//! (what Yoti Hub issues) or a public key, and a generated key pair for the demo application.

use std::path::{Path, PathBuf};

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use yoti_protocol::receipt::{KeyError, PrivateKey, PublicKey};
use zeroize::Zeroizing;

/// Why a key file could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyFileError {
    /// The file could not be read or written.
    #[error("cannot use the key file {}: {source}", .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file holds a private key that cannot be used.
    #[error("the key file {} holds an unusable private key: {source}", .path.display())]
    PrivateKey {
        /// The file.
        path: PathBuf,
        /// Why the key was refused.
        source: KeyError,
    },
    /// The file holds no RSA private key and no usable public key.
    #[error(
        "the key file {} holds neither an RSA private key (`RSA PRIVATE KEY`, `PRIVATE KEY`) nor \
         an RSA public key (`PUBLIC KEY`) of 2048 to 4096 bits with a public exponent of at \
         least 65537",
        .path.display()
    )]
    NoKey {
        /// The file.
        path: PathBuf,
    },
    /// The path is not a regular file, or the file is larger than a key file can be
    /// ([`KeyError::NotAFile`], [`KeyError::FileTooLarge`]); it was not read.
    #[error(transparent)]
    NotAKeyFile(KeyError),
    /// A key pair could not be generated.
    #[error("an RSA key pair could not be generated")]
    Generate,
}

/// Reads the public key of an application from a PEM file holding its private key or its public
/// key (`PUBLIC KEY`, a DER `SubjectPublicKeyInfo`).
///
/// # Errors
///
/// [`KeyFileError`] saying what is wrong with the file.
///
/// ```
/// use yoti_emulator::keys::{load_or_create_private_key, public_key_from_pem_file};
///
/// let path = std::env::temp_dir().join(format!("yoti-doc-key-{}.pem", std::process::id()));
/// let private = load_or_create_private_key(&path)?;
/// let public = public_key_from_pem_file(&path)?;
/// assert_eq!(public, private.public_key());
/// assert_eq!(public.bits(), 2048);
/// # std::fs::remove_file(&path).ok();
/// # Ok::<(), yoti_emulator::keys::KeyFileError>(())
/// ```
pub fn public_key_from_pem_file(path: impl AsRef<Path>) -> Result<PublicKey, KeyFileError> {
    let path = path.as_ref();
    let pem = read_key_file(path)?;
    // The client's reader: the emulator takes every key file an application's client takes.
    PublicKey::from_pem(&*pem).map_err(|error| match error {
        KeyError::NotPem | KeyError::NotAPrivateKey { .. } | KeyError::InvalidPublicKey => {
            KeyFileError::NoKey {
                path: path.to_owned(),
            }
        }
        source => KeyFileError::PrivateKey {
            path: path.to_owned(),
            source,
        },
    })
}

/// Generates an RSA-2048 private key as PKCS#8 PEM (`PRIVATE KEY`).
///
/// # Errors
///
/// [`KeyFileError::Generate`] when the crypto library fails.
pub fn generate_private_key_pem() -> Result<Zeroizing<String>, KeyFileError> {
    const BEGIN: &str = "-----BEGIN PRIVATE KEY-----\n";
    const END: &str = "-----END PRIVATE KEY-----\n";
    let pair = KeyPair::generate(KeySize::Rsa2048).map_err(|_| KeyFileError::Generate)?;
    // aws-lc-rs wipes the DER buffer when it is dropped.
    let der = pair.as_der().map_err(|_| KeyFileError::Generate)?;
    let encoded = Zeroizing::new(STANDARD.encode(der.as_ref()));
    // Sized up front so that it never grows: growing would leave a copy of the key behind.
    let lines = encoded.len().div_ceil(64);
    let mut pem = Zeroizing::new(String::with_capacity(
        BEGIN.len() + encoded.len() + lines + END.len(),
    ));
    pem.push_str(BEGIN);
    for line in encoded.as_bytes().chunks(64) {
        // Base64 is ASCII: no copy is made.
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str(END);
    Ok(pem)
}

/// The private key in `path`, generated and written there first when the file does not exist.
///
/// # Errors
///
/// [`KeyFileError`] when the file cannot be read, written or used.
pub fn load_or_create_private_key(path: impl AsRef<Path>) -> Result<PrivateKey, KeyFileError> {
    let path = path.as_ref();
    let io = |source| KeyFileError::Io {
        path: path.to_owned(),
        source,
    };
    if !path.exists() {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let pem = generate_private_key_pem()?;
        write_private(path, pem.as_bytes()).map_err(io)?;
    }
    let pem = read_key_file(path)?;
    PrivateKey::from_pem(&*pem).map_err(|source| KeyFileError::PrivateKey {
        path: path.to_owned(),
        source,
    })
}

/// Reads a key file with the bounds of [`yoti_protocol::receipt::read_key_file`].
fn read_key_file(path: &Path) -> Result<Zeroizing<Vec<u8>>, KeyFileError> {
    yoti_protocol::receipt::read_key_file(path).map_err(|error| match error {
        KeyError::Io { path, source } => KeyFileError::Io { path, source },
        other => KeyFileError::NotAKeyFile(other),
    })
}

/// Writes a new file readable by its owner only (where the platform has such permissions).
fn write_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents)
}

#[cfg(test)]
mod tests {
    use super::*;
    use yoti_protocol::receipt::MAX_KEY_FILE_SIZE;
    use yoti_test_support::within_a_second;

    fn fixture() -> std::path::PathBuf {
        yoti_test_support::vector_path("keys/node-2048.pem")
    }

    #[test]
    fn public_keys_read_from_private_and_public_pem() {
        let private = PrivateKey::from_pem_file(fixture()).unwrap();
        assert_eq!(
            public_key_from_pem_file(fixture()).unwrap(),
            private.public_key()
        );

        let dir = std::env::temp_dir().join(format!("yoti-emulator-keys-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let spki = private.public_key().to_spki_der();
        let public_pem = format!(
            "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
            STANDARD.encode(&spki)
        );
        let file = dir.join("public.pem");
        std::fs::write(&file, public_pem).unwrap();
        assert_eq!(
            public_key_from_pem_file(&file).unwrap(),
            private.public_key()
        );

        std::fs::write(&file, "hello").unwrap();
        assert!(matches!(
            public_key_from_pem_file(&file),
            Err(KeyFileError::NoKey { .. })
        ));
        std::fs::write(&file, vec![b'A'; MAX_KEY_FILE_SIZE + 1]).unwrap();
        assert!(matches!(
            public_key_from_pem_file(&file),
            Err(KeyFileError::NotAKeyFile(KeyError::FileTooLarge { .. }))
        ));
        assert!(matches!(
            load_or_create_private_key(&file),
            Err(KeyFileError::NotAKeyFile(KeyError::FileTooLarge { .. }))
        ));
        assert!(matches!(
            public_key_from_pem_file(dir.join("missing.pem")),
            Err(KeyFileError::Io { .. })
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn indented_pem_is_read_as_the_client_reads_it() {
        let text = std::fs::read_to_string(fixture()).unwrap();
        let indented: String = text.lines().map(|line| format!("  {line}\n")).collect();
        let private = PrivateKey::from_pem(&indented).unwrap();
        let dir = yoti_test_support::temp_dir("emulator-key-indented");
        let file = dir.join("key.pem");
        std::fs::write(&file, &indented).unwrap();
        assert_eq!(
            public_key_from_pem_file(&file).unwrap(),
            private.public_key()
        );
        let public = format!(
            "  -----BEGIN PUBLIC KEY-----\n  {}\n  -----END PUBLIC KEY-----\n",
            STANDARD.encode(private.public_key().to_spki_der())
        );
        std::fs::write(&file, public).unwrap();
        assert_eq!(
            public_key_from_pem_file(&file).unwrap(),
            private.public_key()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_at_once() {
        let dir = yoti_test_support::temp_dir("emulator-key-fifo");
        let fifo = dir.join("key.pem");
        yoti_test_support::make_fifo(&fifo);
        for path in [std::path::PathBuf::from("/dev/zero"), fifo] {
            let public = path.clone();
            let error = within_a_second(move || public_key_from_pem_file(public)).unwrap_err();
            assert!(
                matches!(error, KeyFileError::NotAKeyFile(KeyError::NotAFile { .. })),
                "{error:?}"
            );
            let error = within_a_second(move || load_or_create_private_key(path)).unwrap_err();
            assert!(
                matches!(error, KeyFileError::NotAKeyFile(KeyError::NotAFile { .. })),
                "{error:?}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn generated_pem_is_sized_exactly_and_reads_back() {
        let pem = generate_private_key_pem().unwrap();
        // The buffer never grew, so no earlier copy of the key was left behind.
        assert_eq!(pem.capacity(), pem.len());
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
        assert!(pem.lines().all(|line| line.len() <= 64));
        assert_eq!(PrivateKey::from_pem(pem.as_bytes()).unwrap().bits(), 2048);
    }

    #[test]
    fn demo_keys_are_generated_once_and_reused() {
        let dir = std::env::temp_dir().join(format!("yoti-emulator-demo-{}", std::process::id()));
        let path = dir.join("demo-key.pem");
        let first = load_or_create_private_key(&path).unwrap();
        let again = load_or_create_private_key(&path).unwrap();
        assert_eq!(first.public_key(), again.public_key());
        assert_eq!(first.bits(), 2048);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
