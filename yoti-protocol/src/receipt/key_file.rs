//! Reading a key file with bounds: only a regular file, and at most [`MAX_KEY_FILE_SIZE`]
//! bytes of it, so that a path to `/dev/zero`, a FIFO or a huge file fails at once instead of
//! filling memory or blocking for ever.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use zeroize::Zeroizing;

use super::error::KeyError;

/// The largest key file read, in bytes: 64 KiB. A 4096-bit private key in PEM is about 3.3 KB.
pub const MAX_KEY_FILE_SIZE: usize = 64 * 1024;

/// Reads a key file into a buffer that is zeroized when dropped.
///
/// The path's metadata is checked before the file is opened: anything but a regular file
/// (a directory, a device such as `/dev/zero`, a FIFO, a socket) is refused without opening it,
/// as opening a FIFO blocks until a writer comes. Symbolic links are followed. At most
/// [`MAX_KEY_FILE_SIZE`] bytes are read, whatever the file's size says; the buffer is allocated
/// once, so no reallocation leaves a copy of the key behind.
///
/// # Errors
///
/// [`KeyError::Io`] when the file cannot be read, [`KeyError::NotAFile`] when it is not a
/// regular file, [`KeyError::FileTooLarge`] when it holds more than [`MAX_KEY_FILE_SIZE`] bytes.
pub fn read_key_file(path: impl AsRef<Path>) -> Result<Zeroizing<Vec<u8>>, KeyError> {
    let path = path.as_ref();
    let io = |source| KeyError::Io {
        path: path.to_owned(),
        source,
    };
    let not_a_file = || KeyError::NotAFile {
        path: path.to_owned(),
    };
    let too_large = || KeyError::FileTooLarge {
        path: path.to_owned(),
        limit: MAX_KEY_FILE_SIZE,
    };
    let limit = u64::try_from(MAX_KEY_FILE_SIZE).unwrap_or(u64::MAX);
    let metadata = std::fs::metadata(path).map_err(io)?;
    if !metadata.is_file() {
        return Err(not_a_file());
    }
    if metadata.len() > limit {
        return Err(too_large());
    }
    let file = File::open(path).map_err(io)?;
    // The path may have been replaced between the two looks: check what was opened.
    if !file.metadata().map_err(io)?.is_file() {
        return Err(not_a_file());
    }
    let mut contents = Zeroizing::new(Vec::with_capacity(MAX_KEY_FILE_SIZE + 1));
    file.take(limit + 1)
        .read_to_end(&mut contents)
        .map_err(io)?;
    if contents.len() > MAX_KEY_FILE_SIZE {
        return Err(too_large());
    }
    Ok(contents)
}
