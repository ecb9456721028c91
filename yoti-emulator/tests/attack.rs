//! The emulator under hostile input: oversized and deeply nested bodies, slow and stalled
//! clients, invalid UTF-8, path traversal and odd ids. Each is answered with an error (or the
//! connection is closed), nothing panics, and a normal signed request still succeeds.

mod common;

use std::time::{Duration, Instant};

use common::{Signer, Tamper, assert_no_panics, still_serving, watch_panics};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use yoti_emulator::EmulatorHandle;

/// Sends `request` on a fresh connection and reads until the server closes it (or `limit`).
/// Returns the status of the answer, `None` when the connection closed without one.
async fn raw(emulator: &EmulatorHandle, request: &[u8], limit: Duration) -> Option<u16> {
    raw_answer(emulator, request, limit).await.0
}

/// As [`raw`], with the whole answer as text.
async fn raw_answer(
    emulator: &EmulatorHandle,
    request: &[u8],
    limit: Duration,
) -> (Option<u16>, String) {
    let mut stream = TcpStream::connect(emulator.local_addr()).await.unwrap();
    // The server may answer and close before everything is written (e.g. 413 on the head).
    let _ = stream.write_all(request).await;
    read_full_answer(&mut stream, limit).await
}

async fn read_answer(stream: &mut TcpStream, limit: Duration) -> Option<u16> {
    read_full_answer(stream, limit).await.0
}

async fn read_full_answer(stream: &mut TcpStream, limit: Duration) -> (Option<u16>, String) {
    let mut answer = Vec::new();
    let read = tokio::time::timeout(limit, stream.read_to_end(&mut answer)).await;
    assert!(
        read.is_ok(),
        "the server kept the connection open past {limit:?}"
    );
    let text = String::from_utf8_lossy(&answer).into_owned();
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok());
    (status, text)
}

fn is_client_error(status: Option<u16>) -> bool {
    status.is_some_and(|status| (400..500).contains(&status))
}

const SESSIONS: &str = "/v2/sessions";

#[tokio::test]
async fn oversized_bodies_are_413() {
    watch_panics();
    let emulator = common::builder().body_limit(4096).start().await.unwrap();
    let signer = Signer::a(&emulator);
    let big = vec![b' '; 64 * 1024];

    // Declared length over the limit: refused from the head.
    let answer = signer.send("POST", SESSIONS, Some(&big)).await;
    assert_eq!(answer.error(413).0, "PAYLOAD_TOO_LARGE");

    // No declared length (chunked): refused once the limit is passed.
    let chunk = format!("{:x}\r\n{}\r\n", 8192, " ".repeat(8192));
    let request = format!(
        "POST /share/v2/sessions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\
         Connection: close\r\n\r\n{}0\r\n\r\n",
        chunk.repeat(4)
    );
    let status = raw(&emulator, request.as_bytes(), Duration::from_secs(10)).await;
    assert_eq!(status, Some(413));

    // The control API has the same limit.
    let answer = common::control_share(&emulator, "ss.v2.x", &" ".repeat(64 * 1024)).await;
    assert_eq!(answer.error(413).0, "PAYLOAD_TOO_LARGE");

    still_serving(&emulator).await;
    assert_no_panics();
}

#[tokio::test]
async fn deeply_nested_json_is_400() {
    watch_panics();
    let emulator = common::start().await;
    let signer = Signer::a(&emulator);
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_object = format!("{}1{}", r#"{"a":"#.repeat(50_000), "}".repeat(50_000));
    for body in [&deep, &deep_object] {
        let answer = signer.send("POST", SESSIONS, Some(body.as_bytes())).await;
        let (code, message) = answer.error(400);
        assert_eq!(code, "INVALID_PAYLOAD");
        assert!(message.contains("nested"), "{message}");

        let answer = common::control_share(&emulator, "ss.v2.x", body).await;
        assert_eq!(answer.error(400).0, "INVALID_PAYLOAD");
    }
    // Unclosed brackets are counted too.
    let answer = signer
        .send("POST", SESSIONS, Some("[".repeat(1000).as_bytes()))
        .await;
    assert_eq!(answer.error(400).0, "INVALID_PAYLOAD");

    let http = reqwest::Client::new();
    for path in ["/faults", "/applications/app-a-sdk-id/state"] {
        let url = format!("{}{path}", emulator.control_url());
        let request = if path == "/faults" {
            http.post(url)
        } else {
            http.put(url)
        };
        let response = request
            .header("Content-Type", "application/json")
            .body(deep.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400, "{path}");
    }

    still_serving(&emulator).await;
    assert_no_panics();
}

#[tokio::test]
async fn slow_and_stalled_clients_do_not_stall_others() {
    watch_panics();
    let timeout = Duration::from_millis(1500);
    let emulator = common::builder()
        .read_timeout(timeout)
        .start()
        .await
        .unwrap();
    let addr = emulator.local_addr();

    // A head that never ends, and a body that never comes, on many connections.
    let mut stalled = Vec::new();
    for i in 0..40 {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        let part: &[u8] = if i % 2 == 0 {
            b"GET /share/v2/sessions/ss.v2.x HTTP/1.1\r\nHost: x\r\nX-Slow: "
        } else {
            b"POST /share/v2/sessions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"po"
        };
        stream.write_all(part).await.unwrap();
        stalled.push((i, stream));
    }
    // A body trickled one byte at a time, slower than the read timeout allows.
    let trickle = tokio::spawn(async move {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(
                b"POST /emulator/v1/faults HTTP/1.1\r\nHost: x\r\nContent-Length: 64\r\n\r\n",
            )
            .await
            .unwrap();
        let started = Instant::now();
        for _ in 0..64 {
            if stream.write_all(b" ").await.is_err() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            if started.elapsed() > Duration::from_secs(10) {
                break;
            }
        }
        read_answer(&mut stream, Duration::from_secs(10)).await
    });

    // Meanwhile normal requests are answered at once, well before any timeout fires.
    let started = Instant::now();
    for _ in 0..3 {
        still_serving(&emulator).await;
    }
    assert!(started.elapsed() < timeout, "{:?}", started.elapsed());

    // Then every stalled connection is answered 408 (body) or closed (head), in bounded time.
    for (i, mut stream) in stalled {
        let status = read_answer(&mut stream, timeout + Duration::from_secs(5)).await;
        if i % 2 == 0 {
            assert!(status.is_none() || status == Some(408), "{i}: {status:?}");
        } else {
            assert_eq!(status, Some(408), "{i}");
        }
    }
    assert_eq!(trickle.await.unwrap(), Some(408));

    still_serving(&emulator).await;
    assert_no_panics();
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_until_one_closes() {
    watch_panics();
    let emulator = common::builder().max_connections(2).start().await.unwrap();
    // Two connections that send nothing hold both slots (until the 30 s head timeout).
    let first = TcpStream::connect(emulator.local_addr()).await.unwrap();
    let _second = TcpStream::connect(emulator.local_addr()).await.unwrap();
    let url = format!("{}/requests", emulator.control_url());
    let mut waiting = tokio::spawn(async move { reqwest::get(url).await.map(|r| r.status()) });
    // However long it waits, it cannot be served while both slots are taken.
    assert!(
        tokio::time::timeout(Duration::from_millis(300), &mut waiting)
            .await
            .is_err(),
        "a third connection was served"
    );
    drop(first);
    let status = tokio::time::timeout(Duration::from_secs(10), waiting)
        .await
        .expect("the waiting connection was not served once a slot was free")
        .unwrap()
        .unwrap();
    assert_eq!(status, 200);
    assert_no_panics();
}

#[tokio::test]
async fn invalid_utf8_in_body_path_and_headers_is_refused() {
    watch_panics();
    let emulator = common::start().await;
    let signer = Signer::a(&emulator);
    let bad: &[u8] = b"{\"policy\":\"\xff\xfe\xc0\xaf\"}";

    // Body: signed correctly over the bytes sent, still not JSON.
    let answer = signer.send("POST", SESSIONS, Some(bad)).await;
    assert_eq!(answer.error(400).0, "INVALID_PAYLOAD");
    let answer = common::control_share(&emulator, "ss.v2.x", "").await;
    assert_eq!(answer.status, 404);
    let response = reqwest::Client::new()
        .post(format!("{}/sessions/ss.v2.x/share", emulator.control_url()))
        .header("Content-Type", "application/json")
        .body(bad.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);

    // Path: percent-encoded invalid UTF-8 (signed over the path as sent), and raw bytes.
    for path in [
        "/v2/sessions/%FF%FE",
        "/v2/qr-codes/%C0%AF",
        "/v2/receipts/%FF",
        "/v2/wrapped-item-keys/%ED%A0%80",
    ] {
        let answer = signer.send("GET", path, None).await;
        assert_eq!(answer.error(404).0, "NOT_FOUND", "{path}");
    }
    let answer = signer
        .send("POST", "/v2/sessions/%FF/qr-codes", Some(b"{}"))
        .await;
    assert_eq!(answer.error(404).0, "NOT_FOUND");
    for control in ["/emulator/v1/qr/%FF", "/emulator/v1/faults/%FF"] {
        let url = format!("{}{control}", emulator.origin());
        let http = reqwest::Client::new();
        let request = if control.contains("faults") {
            http.delete(url)
        } else {
            http.get(url)
        };
        assert_eq!(request.send().await.unwrap().status(), 404, "{control}");
    }
    let status = raw(
        &emulator,
        b"GET /share/v2/sessions/\xff\xfe HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    )
    .await;
    assert!(is_client_error(status), "{status:?}");

    // Headers: an SDK id or digest that is not text is not a credential.
    let tampered = [
        (
            b"X-Yoti-Auth-Id: \xff\xfe\r\n".as_slice(),
            "INVALID_AUTH_HEADER",
        ),
        (
            b"X-Yoti-Auth-Id: app-a-sdk-id\r\nX-Yoti-Auth-Digest: \xff\xfe==\r\n",
            "INVALID_REQUEST_SIGNATURE",
        ),
    ];
    for (headers, code) in tampered {
        let mut request =
            b"GET /share/v2/sessions/ss.v2.x?nonce=n&timestamp=1 HTTP/1.1\r\nHost: x\r\n".to_vec();
        request.extend_from_slice(headers);
        request.extend_from_slice(b"Connection: close\r\n\r\n");
        let (status, text) = raw_answer(&emulator, &request, Duration::from_secs(5)).await;
        assert_eq!(status, Some(401), "{text}");
        assert!(text.contains(code), "{text}");
    }
    let answer = signer
        .send_with(
            "GET",
            "/v2/sessions/ss.v2.x",
            None,
            Tamper {
                digest: Some("not base64 at all \u{fffd}".into()),
                ..Tamper::default()
            },
        )
        .await;
    assert_eq!(answer.error(401).0, "INVALID_REQUEST_SIGNATURE");

    still_serving(&emulator).await;
    assert_no_panics();
}

#[tokio::test]
async fn traversal_and_odd_ids_are_client_errors() {
    watch_panics();
    let emulator = common::start().await;
    let signer = Signer::a(&emulator);
    let long = "A".repeat(16 * 1024);
    let ids = [
        "%2e%2e",
        "%2E%2E%2F%2E%2E%2Femulator%2Fv1%2Ffaults",
        "..%2F..%2Fetc%2Fpasswd",
        "%00",
        "a%00b",
        "%0d%0aX-Injected:%201",
        "%F0%9F%92%A5",
        "%25",
        "'%20OR%201=1--",
        "ss.v2.",
        "====",
        long.as_str(),
    ];
    for id in ids {
        for path in [
            format!("/v2/sessions/{id}"),
            format!("/v2/qr-codes/{id}"),
            format!("/v2/receipts/{id}"),
            format!("/v2/wrapped-item-keys/{id}"),
        ] {
            let answer = signer.send("GET", &path, None).await;
            assert_eq!(answer.error(404).0, "NOT_FOUND", "{path}");
        }
        let answer = signer
            .send("POST", &format!("/v2/sessions/{id}/qr-codes"), Some(b"{}"))
            .await;
        assert_eq!(answer.error(404).0, "NOT_FOUND", "{id}");
        let answer = common::control_share(&emulator, id, "{}").await;
        assert_eq!(answer.error(404).0, "NOT_FOUND", "{id}");
        let page = reqwest::get(format!("{}/qr/{id}", emulator.control_url()))
            .await
            .unwrap();
        assert_eq!(page.status(), 404, "{id}");
    }

    // Dot segments sent as they are (no client normalises them here) reach no other route:
    // in particular not the control API through the share API's prefix.
    for target in [
        "/share/v2/receipts/../../../emulator/v1/faults",
        "/share/v2/sessions/..",
        "/share/v2/sessions/./",
        "/share/../emulator/v1/requests",
        "/share/v2/wrapped-item-keys/..%2F..%2F..%2Femulator%2Fv1%2Frequests",
        "//share//v2//sessions",
    ] {
        let request = format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let status = raw(&emulator, request.as_bytes(), Duration::from_secs(5)).await;
        assert!(
            matches!(status, Some(400 | 401 | 404 | 405)),
            "{target}: {status:?}"
        );
    }

    // Ids far longer than any real one, up to a request head larger than the server reads.
    for length in [64 * 1024, 2 * 1024 * 1024] {
        let request = format!(
            "GET /share/v2/receipts/{} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "C".repeat(length)
        );
        let status = raw(&emulator, request.as_bytes(), Duration::from_secs(10)).await;
        assert!(
            status.is_none() || is_client_error(status),
            "{length}: {status:?}"
        );
    }

    still_serving(&emulator).await;
    assert_no_panics();
}
