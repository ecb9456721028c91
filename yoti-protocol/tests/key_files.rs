//! Reading key files with bounds: a device, a FIFO, a directory or a file larger than any key
//! file ends at once in a typed error, without reading it.

use yoti_protocol::receipt::{KeyError, MAX_KEY_FILE_SIZE, PrivateKey, read_key_file};
use yoti_test_support::{temp_dir, vector_path, vector_text, within_a_second};

fn load(path: std::path::PathBuf) -> Result<PrivateKey, KeyError> {
    within_a_second(move || PrivateKey::from_pem_file(path))
}

#[cfg(unix)]
#[test]
fn dev_zero_is_not_a_regular_file_and_is_not_read() {
    let error = load("/dev/zero".into()).unwrap_err();
    assert!(
        matches!(&error, KeyError::NotAFile { path } if path.as_os_str() == "/dev/zero"),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "the key file /dev/zero is not a regular file; point to the PEM file of the \
         application's key"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_being_opened() {
    let dir = temp_dir("key-fifo");
    let fifo = dir.join("key.pem");
    yoti_test_support::make_fifo(&fifo);
    let error = load(fifo.clone()).unwrap_err();
    assert!(matches!(error, KeyError::NotAFile { .. }), "{error:?}");
    let error = within_a_second(move || read_key_file(fifo)).unwrap_err();
    assert!(matches!(error, KeyError::NotAFile { .. }), "{error:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_directory_is_not_a_key_file() {
    let dir = temp_dir("key-dir");
    let error = load(dir.clone()).unwrap_err();
    assert!(matches!(error, KeyError::NotAFile { .. }), "{error:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_of_100_kib_is_too_large_and_its_content_is_not_quoted() {
    let dir = temp_dir("key-large");
    let file = dir.join("key.pem");
    // A usable key first: the file is refused for its size, not for what it holds.
    let mut text = vector_text("keys/node-2048.pem");
    text.push_str(&"SECRETSECRET\n".repeat(100 * 1024 / 13 + 1));
    assert!(text.len() > 100 * 1024);
    std::fs::write(&file, &text).unwrap();
    let error = load(file.clone()).unwrap_err();
    assert!(
        matches!(error, KeyError::FileTooLarge { limit, .. } if limit == 64 * 1024),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains("larger than 65536 bytes"), "{message}");
    assert!(
        !message.contains("SECRET") && !message.contains("MII"),
        "{message}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_key_file_of_exactly_the_limit_loads() {
    let dir = temp_dir("key-limit");
    let file = dir.join("key.pem");
    let mut text = vector_text("keys/node-2048.pem");
    text.push_str(&"\n".repeat(MAX_KEY_FILE_SIZE - text.len()));
    std::fs::write(&file, &text).unwrap();
    assert_eq!(load(file.clone()).unwrap().bits(), 2048);
    text.push('\n');
    std::fs::write(&file, &text).unwrap();
    assert!(matches!(
        load(file.clone()),
        Err(KeyError::FileTooLarge { .. })
    ));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn read_key_file_returns_the_bytes_of_a_regular_file() {
    let path = vector_path("keys/node-2048.pem");
    let bytes = read_key_file(&path).unwrap();
    assert_eq!(bytes.as_slice(), std::fs::read(&path).unwrap());
}
