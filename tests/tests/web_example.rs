//! The web example in a real browser: the emulator and the web application run in this process,
//! and `tests/browser/web-example.mjs` drives Debian's headless Chromium through
//! `playwright-core`: open the page, follow the QR link to the emulator's share page, press
//! Share, land on the callback; then a second, fresh browser context opens the same callback URL
//! and is refused, and the first reloads it and sees the stored outcome. The script reports what
//! the pages showed; this test checks it. The screenshots of the verified and the refused page
//! are kept in `target/test-artifacts/web-example.png` and `web-example-refused.png`.
//!
//! Needs Node.js, `npm ci --prefix tests/browser` and `/usr/bin/chromium`; `.ci/run` installs
//! them.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use yoti_examples::backend::Connection;
use yoti_examples::web::Settings;

const CHROMIUM: &str = "/usr/bin/chromium";
/// Generous for a cold browser start on a busy two-core machine; a hang is killed at this point.
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(120);
const SETUP: &str = "run `bash .ci/run` (it installs them), or by hand: \
    `apt-get install -y chromium nodejs npm && npm ci --prefix tests/browser`";

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("browser")
}

/// `target/test-artifacts`, beside `target/tmp` (wherever the target directory is).
fn artifacts_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("test-artifacts")
}

/// Fails with the setup command when something the browser test needs is missing.
fn check_prerequisites() {
    let node = std::process::Command::new("node")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    assert!(
        node.is_ok_and(|status| status.success()),
        "the browser test needs Node.js (`node` on PATH): {SETUP}"
    );
    let playwright = browser_dir().join("node_modules/playwright-core/package.json");
    assert!(
        playwright.is_file(),
        "the browser test needs the npm packages of tests/browser ({} is missing): {SETUP}",
        playwright.display()
    );
    assert!(
        Path::new(CHROMIUM).is_file(),
        "the browser test needs Debian's Chromium at {CHROMIUM}: {SETUP}"
    );
}

/// Runs the script against `url`; returns its report. Killed after [`SCRIPT_TIMEOUT`].
async fn drive_browser(url: &str, screenshot: &Path) -> Value {
    let mut child = tokio::process::Command::new("node")
        .arg(browser_dir().join("web-example.mjs"))
        .arg(url)
        .arg(screenshot)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run node: {e}; {SETUP}"));
    let stdout = child.stdout.take().unwrap();
    let stderr = child.stderr.take().unwrap();
    let read = |mut pipe: Box<dyn tokio::io::AsyncRead + Unpin + Send>| async move {
        let mut text = String::new();
        tokio::io::AsyncReadExt::read_to_string(&mut pipe, &mut text)
            .await
            .unwrap();
        text
    };
    let outcome = tokio::time::timeout(SCRIPT_TIMEOUT, async {
        let (out, err, status) =
            tokio::join!(read(Box::new(stdout)), read(Box::new(stderr)), child.wait());
        (out, err, status.unwrap())
    })
    .await;
    let Ok((stdout, stderr, status)) = outcome else {
        // Dropping the future dropped the child: `kill_on_drop` ends it.
        panic!("the browser script did not finish within {SCRIPT_TIMEOUT:?}; it was killed");
    };
    let report: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!("the browser script printed no report ({e}).\nstdout: {stdout}\nstderr: {stderr}")
    });
    assert!(
        status.success() && report["ok"] == true,
        "the browser script failed ({status}): {}\nreport: {report:#}\nstderr: {stderr}",
        report["error"].as_str().unwrap_or("no error reported")
    );
    report
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_shares_in_chromium_and_sees_their_verified_details() {
    check_prerequisites();

    let connection = Connection::start_emulator().await.unwrap();
    let emulator_origin = connection.emulator().unwrap().origin().to_owned();
    // Under the target directory, which git ignores.
    std::fs::create_dir_all(artifacts_dir()).unwrap();
    let database = artifacts_dir().join("web-example.sqlite3");
    let _ = std::fs::remove_file(&database);
    let settings = Settings::with_database(&database).unwrap();
    let app = yoti_examples::web::start(&connection, 0, &settings)
        .await
        .unwrap();
    let screenshot = artifacts_dir().join("web-example.png");
    let refused_screenshot = artifacts_dir().join("web-example-refused.png");
    let _ = std::fs::remove_file(&screenshot);
    let _ = std::fs::remove_file(&refused_screenshot);

    let report = drive_browser(&app.url(), &screenshot).await;

    // The first page: a share session with its QR code, and a link to the emulator's page.
    assert_eq!(report["startStatus"], 200, "{report:#}");
    assert_eq!(report["startTitle"], "Verify with Yoti");
    assert_eq!(report["qrCodes"], 1);
    let share_uri = report["shareUri"].as_str().unwrap();
    assert!(
        share_uri.starts_with(&format!("{emulator_origin}/emulator/v1/qr/")),
        "{share_uri}"
    );
    // The emulator's share page lists what the policy asks for.
    assert_eq!(report["sharePageTitle"], "Share with Corner Shop");
    let share_text = report["sharePageText"].as_str().unwrap();
    for asked in ["Your full name", "Whether you are 18 or over", "Your photo"] {
        assert!(share_text.contains(asked), "{asked} not in {share_text:?}");
    }

    // After Share: the callback with the receipt id, decrypted into the typed struct.
    assert_eq!(report["callbackStatus"], 200, "{report:#}");
    let callback = report["callbackUrl"].as_str().unwrap();
    assert!(
        callback.starts_with(&format!("{}callback?receiptId=", app.url())),
        "{callback}"
    );
    assert_eq!(report["callbackTitle"], "Verified");
    assert_eq!(report["fullName"], "Jane Alexandra Doe");
    assert_eq!(report["ageCheck"], "18 or over: Yes");
    assert_eq!(
        report["nameAnchors"],
        "PASSPORT (NFC), verified by PASSPORT_NFC_SIGNATURE"
    );
    // The persona's selfie is a 32×32 JPEG, shown from a data URL.
    assert_eq!(report["selfie"]["loaded"], true);
    assert_eq!(report["selfie"]["naturalWidth"], 32);
    assert_eq!(report["selfie"]["src"], "data:image/jpeg;base64,");

    // Another browser with the same callback URL: refused, and shown nothing of the share.
    assert_eq!(report["otherBrowserStatus"], 403, "{report:#}");
    assert_eq!(report["otherBrowserTitle"], "Not your share");
    let refused_text = report["otherBrowserText"].as_str().unwrap();
    assert!(
        refused_text.contains("shown only in the browser that started the share"),
        "{refused_text}"
    );
    assert!(!refused_text.contains("Jane"), "{refused_text}");
    assert_eq!(report["otherBrowserSeesName"], false);

    // The person's reload: the stored outcome, without the selfie, which is not kept.
    assert_eq!(report["reloadStatus"], 200, "{report:#}");
    assert_eq!(report["reloadTitle"], "Verified");
    assert_eq!(report["reloadFullName"], "Jane Alexandra Doe");
    assert_eq!(report["reloadAgeCheck"], "18 or over: Yes");
    assert!(
        report["reloadStoredNote"]
            .as_str()
            .unwrap()
            .contains("does not keep your selfie"),
        "{report:#}"
    );
    assert_eq!(report["reloadSelfies"], 0);

    for path in [&screenshot, &refused_screenshot] {
        let png = std::fs::read(path).unwrap();
        assert!(
            png.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{} is not a PNG screenshot",
            path.display()
        );
    }
    // One QR code page load and one receipt fetch, though the callback was opened three times:
    // the refused browser cost nothing and the reload came from the database.
    let emulator = connection.emulator().unwrap();
    assert_eq!(emulator.request_count("POST /v2/sessions"), 1);
    assert_eq!(emulator.request_count("GET /v2/receipts/{receipt_id}"), 1);
    assert_eq!(
        emulator.request_count("GET /v2/wrapped-item-keys/{item_key_id}"),
        1
    );
}
