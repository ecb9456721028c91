//! The client against servers that misbehave on purpose: redirects to another origin, bodies
//! without end, bodies that trickle, answers for another receipt, and connections that fail.
//! Each ends in its typed error; nothing signed leaves the configured origin, nothing is
//! downloaded twice, and no error shows a nonce or a receipt id (for trace lines see
//! `trace_text.rs`).

#[path = "support/raw_server.rs"]
mod raw_server;

use std::sync::LazyLock;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use prost::Message;
use raw_server::{Seen, Server, Step, answer, chunked, closed_origin, head, redirect};
use yoti_client::{
    ClientBuilder, ClientError, DigitalIdentityClient, QrCodeId, ReceiptId, RetryPolicy, SessionId,
};
use yoti_policy::SharePolicy;
use yoti_protocol::proto::{Attribute, AttributeList, ContentType};
use yoti_protocol::receipt::ReceiptContent;
use yoti_protocol::receipt::encrypt::{produce_failure_receipt, produce_receipt};
use yoti_protocol::receipt::{PrivateKey, ReceiptMetadata};

const SESSION: &str = "ss.v2.hostile";
const SESSION_BODY: &str = r#"{"id":"ss.v2.hostile","status":"CREATED","created":"2025-01-01T00:00:00Z","updated":"2025-01-01T00:00:00Z"}"#;
const RETRIES: u32 = 3;
/// Far beyond any timeout a client here is given: a call that outlives it has hung.
const HANG: Duration = Duration::from_secs(20);

/// An application key made for this run: these servers check no signature, and the receipts
/// they serve are encrypted to it here.
static KEY: LazyLock<PrivateKey> = LazyLock::new(|| {
    let pem = yoti_emulator::keys::generate_private_key_pem().unwrap();
    PrivateKey::from_pem(pem.as_bytes()).unwrap()
});

fn builder(origin: &str) -> ClientBuilder {
    DigitalIdentityClient::builder("hostile-sdk-id", KEY.clone())
        .base_url(origin)
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy {
            max_retries: RETRIES,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
        })
}

fn client(origin: &str) -> DigitalIdentityClient {
    builder(origin).build().unwrap()
}

/// Runs a call, failing the test if it outlives every timeout used here.
async fn bounded<T>(call: impl Future<Output = T>) -> T {
    tokio::time::timeout(HANG, call)
        .await
        .expect("the call hung past its timeout")
}

fn session_config() -> yoti_policy::ShareSessionConfiguration {
    yoti_policy::ShareSessionConfiguration::new::<Named>("https://example.com/callback").unwrap()
}

// --- Redirects -----------------------------------------------------------------------------

#[tokio::test]
async fn redirects_to_another_origin_are_errors_and_the_other_origin_gets_nothing() {
    let elsewhere = Server::start(|_| answer(200, SESSION_BODY)).await;
    let target = format!(
        "{}/v2/sessions/{SESSION}?nonce=stolen&x=1",
        elsewhere.origin()
    );
    let api = Server::start({
        let target = target.clone();
        move |seen: &Seen| {
            let status = match seen.path() {
                "/v2/sessions" => 307,
                path if path.ends_with("/qr-codes") => 308,
                path if path.starts_with("/v2/qr-codes/") => 301,
                _ => 302,
            };
            redirect(status, &target)
        }
    })
    .await;
    let client = client(api.origin());

    let outcomes = [
        (
            302,
            bounded(client.get_share_session(&session_id(SESSION)))
                .await
                .map(drop),
        ),
        (
            307,
            bounded(client.create_share_session(&session_config()))
                .await
                .map(drop),
        ),
        (
            308,
            bounded(client.create_share_qr_code(&session_id(SESSION)))
                .await
                .map(drop),
        ),
        (
            301,
            bounded(client.get_share_qr_code(&QrCodeId::parse("qr-1").unwrap()))
                .await
                .map(drop),
        ),
    ];
    for (expected, outcome) in outcomes {
        let error = outcome.unwrap_err();
        let ClientError::Redirect {
            status, location, ..
        } = &error
        else {
            panic!("{expected}: {error:?}");
        };
        assert_eq!(*status, expected);
        // Named by its origin and path, never its query.
        let shown = format!("{}/v2/sessions/{SESSION}", elsewhere.origin());
        assert_eq!(location.as_deref(), Some(shown.as_str()));
        let text = error.to_string();
        assert!(
            text.contains(&shown) && text.contains(&expected.to_string()),
            "{text}"
        );
        assert!(
            !text.contains("stolen") && !text.contains("nonce"),
            "{text}"
        );
    }
    // One request each, the POST with its body, none retried; nothing reached the other origin.
    assert_eq!(api.seen().len(), 4);
    let post = &api.seen()[1];
    assert_eq!(
        (post.method.as_str(), post.path()),
        ("POST", "/v2/sessions")
    );
    assert!(!post.body.is_empty());
    assert!(
        post.headers
            .iter()
            .any(|(name, _)| name == "x-yoti-auth-digest")
    );
    assert_eq!(elsewhere.connections(), 0);
}

#[tokio::test]
async fn a_redirect_loop_sends_the_request_once() {
    let api = Server::start(|seen: &Seen| redirect(307, &seen.target)).await;
    let error = bounded(client(api.origin()).create_share_session(&session_config()))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ClientError::Redirect { status: 307, .. }),
        "{error:?}"
    );
    assert_eq!(api.seen().len(), 1);
    assert_eq!(api.connections(), 1);
}

#[tokio::test]
async fn a_redirect_of_a_receipt_shows_only_the_origin() {
    let elsewhere = Server::start(|_| answer(200, "{}")).await;
    let receipt = TestReceipt::new(&[7; 32]);
    let target = format!("{}/v2/receipts/{}", elsewhere.origin(), receipt.path_id());
    let api = Server::start(move |_| redirect(302, &target)).await;
    let error = bounded(
        client(api.origin()).get_share_receipt::<Named>(&ReceiptId::parse(&receipt.id).unwrap()),
    )
    .await
    .unwrap_err();
    let ClientError::Redirect { location, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(location.as_deref(), Some(elsewhere.origin()));
    receipt.assert_absent_from(&error.to_string());
    assert_eq!(elsewhere.connections(), 0);
}

// --- Body limits ---------------------------------------------------------------------------

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_before_the_body() {
    // The default limit, a 2 GB declared body of which a few bytes ever come.
    let api = Server::start(|_| {
        vec![
            head(200, "Content-Length: 2000000000\r\n"),
            Step::Write(b"{\"id\":".to_vec()),
            Step::Pause(HANG),
        ]
    })
    .await;
    let error = bounded(client(api.origin()).get_share_session(&session_id(SESSION)))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            ClientError::ResponseTooLarge { status: 200, limit, .. }
                if limit == yoti_client::config::DEFAULT_MAX_RESPONSE_SIZE
        ),
        "{error:?}"
    );
    assert_eq!(api.seen().len(), 1, "not retried");
}

#[tokio::test]
async fn an_endless_body_is_cut_off_at_the_limit_chunked_or_not() {
    const LIMIT: usize = 1024 * 1024;
    const SENT: usize = 256 * 1024 * 1024;
    for chunked in [true, false] {
        let api = Server::start(move |_| {
            let framing = if chunked {
                "Transfer-Encoding: chunked\r\n"
            } else {
                // No length at all: the body ends when the connection does.
                ""
            };
            vec![
                head(200, framing),
                Step::Flood {
                    total: SENT,
                    chunked,
                },
            ]
        })
        .await;
        let client = builder(api.origin())
            .max_response_size(LIMIT)
            .build()
            .unwrap();
        let error = bounded(client.get_share_session(&session_id(SESSION)))
            .await
            .unwrap_err();
        assert!(
            matches!(
                error,
                ClientError::ResponseTooLarge {
                    status: 200,
                    limit: LIMIT,
                    ..
                }
            ),
            "chunked {chunked}: {error:?}"
        );
        assert_eq!(api.seen().len(), 1, "chunked {chunked}: not retried");
        // The client stopped reading: the server could not write it all.
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert!(api.flooded() < SENT, "chunked {chunked}: {}", api.flooded());
    }
}

#[tokio::test]
async fn a_body_of_exactly_the_limit_is_read_and_one_byte_more_is_not() {
    const LIMIT: usize = 4096;
    let padded = |length: usize| {
        let mut body = SESSION_BODY.as_bytes().to_vec();
        body.resize(length, b' ');
        body
    };
    for (length, fits) in [(LIMIT, true), (LIMIT + 1, false)] {
        for framing in ["length", "chunked"] {
            let body = padded(length);
            let api = Server::start(move |_| match framing {
                "length" => answer(200, std::str::from_utf8(&body).unwrap()),
                _ => chunked(200, &body, 1000),
            })
            .await;
            let client = builder(api.origin())
                .max_response_size(LIMIT)
                .build()
                .unwrap();
            let outcome = bounded(client.get_share_session(&session_id(SESSION))).await;
            match outcome {
                Ok(details) => {
                    assert!(fits, "{length} {framing}");
                    assert_eq!(details.id, SESSION);
                }
                Err(ClientError::ResponseTooLarge { .. }) => assert!(!fits, "{length} {framing}"),
                Err(error) => panic!("{length} {framing}: {error:?}"),
            }
        }
    }
}

#[tokio::test]
async fn an_oversized_error_body_is_read_once_and_not_retried() {
    const SENT: usize = 8 * 1024 * 1024;
    let api = Server::start(|_| {
        vec![
            head(500, "Transfer-Encoding: chunked\r\n"),
            Step::Flood {
                total: SENT,
                chunked: true,
            },
        ]
    })
    .await;
    let error = bounded(client(api.origin()).get_share_session(&session_id(SESSION)))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            ClientError::ResponseTooLarge { status: 500, limit, .. }
                if limit == yoti_client::config::DEFAULT_MAX_ERROR_RESPONSE_SIZE
        ),
        "{error:?}"
    );
    assert_eq!(api.seen().len(), 1);

    // An ordinary 500 is still retried: it is the size that stops the retries.
    let small = Server::start(|_| answer(500, r#"{"error":"INTERNAL","message":"m"}"#)).await;
    let error = bounded(client(small.origin()).get_share_session(&session_id(SESSION)))
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::Server(_)), "{error:?}");
    assert_eq!(small.seen().len(), 1 + RETRIES as usize);
}

// --- Timeouts and the concurrency bound ----------------------------------------------------

#[tokio::test]
async fn a_body_that_trickles_past_the_timeout_is_a_timeout() {
    const TIMEOUT: Duration = Duration::from_millis(300);
    let api = Server::start(|_| {
        let mut steps = vec![head(200, "Content-Length: 100000\r\n")];
        for _ in 0..1000 {
            steps.push(Step::Write(b" ".to_vec()));
            steps.push(Step::Pause(Duration::from_millis(20)));
        }
        steps
    })
    .await;
    let client = builder(api.origin()).timeout(TIMEOUT).build().unwrap();
    let error = bounded(client.get_share_session(&session_id(SESSION)))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ClientError::Timeout(timeout) if timeout == TIMEOUT),
        "{error:?}"
    );
    assert_eq!(api.seen().len(), 1);
}

#[tokio::test]
async fn the_timeout_bounds_the_retries_together() {
    // Each answer is a slow 503; the retries alone would take about two seconds.
    const TIMEOUT: Duration = Duration::from_millis(500);
    let api = Server::start(|_| {
        let mut steps = vec![Step::Pause(Duration::from_millis(200))];
        steps.extend(answer(503, r#"{"error":"UNAVAILABLE"}"#));
        steps
    })
    .await;
    let client = builder(api.origin())
        .timeout(TIMEOUT)
        .retry(RetryPolicy {
            max_retries: 10,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(1),
        })
        .build()
        .unwrap();
    let error = bounded(client.get_share_session(&session_id(SESSION)))
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::Timeout(_)), "{error:?}");
}

#[tokio::test]
async fn requests_in_flight_stay_within_the_bound_shared_by_clones() {
    let api = Server::start(|_| {
        let mut steps = vec![Step::Pause(Duration::from_millis(50))];
        steps.extend(answer(200, SESSION_BODY));
        steps
    })
    .await;
    let client = builder(api.origin())
        .max_concurrent_requests(3)
        .build()
        .unwrap();
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..12 {
        let client = client.clone();
        calls.spawn(async move { client.get_share_session(&session_id(SESSION)).await });
    }
    for outcome in bounded(calls.join_all()).await {
        assert_eq!(outcome.unwrap().id, SESSION);
    }
    assert_eq!(api.seen().len(), 12);
    assert!(api.max_in_flight() <= 3, "{}", api.max_in_flight());
}

#[tokio::test]
async fn waiting_for_a_request_slot_counts_against_the_timeout() {
    // One slot; each answer takes 2 s and the timeout is 3 s: the first call fits, the second
    // waits 2 s for the slot and cannot fit its own 2 s after it (a second to spare either way).
    let api = Server::start(|_| {
        let mut steps = vec![Step::Pause(Duration::from_secs(2))];
        steps.extend(answer(200, SESSION_BODY));
        steps
    })
    .await;
    let client = builder(api.origin())
        .timeout(Duration::from_secs(3))
        .max_concurrent_requests(1)
        .build()
        .unwrap();
    let id = session_id(SESSION);
    let (first, second) = bounded(async {
        tokio::join!(client.get_share_session(&id), async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            client.get_share_session(&id).await
        })
    })
    .await;
    assert_eq!(first.unwrap().id, SESSION);
    let error = second.unwrap_err();
    assert!(matches!(error, ClientError::Timeout(_)), "{error:?}");
    assert_eq!(api.max_in_flight(), 1);
}

#[test]
fn limits_of_zero_are_refused() {
    let error = builder("http://127.0.0.1:1")
        .max_concurrent_requests(0)
        .build()
        .unwrap_err();
    assert!(
        error.to_string().contains("max_concurrent_requests"),
        "{error}"
    );
    let error = builder("http://127.0.0.1:1")
        .max_response_size(0)
        .build()
        .unwrap_err();
    assert!(error.to_string().contains("max_response_size"), "{error}");
}

// --- Receipts ------------------------------------------------------------------------------

#[derive(Debug, SharePolicy)]
struct Named {
    #[yoti(full_name)]
    name: String,
}

const NAME: &str = "Jane Hostile";
const ITEM_KEY_ID: &str = "item-key-1";

/// A receipt encrypted to [`KEY`], with its wrapped item key.
struct TestReceipt {
    /// Standard base64, as receipts carry it.
    id: String,
    receipt_json: String,
    item_key_json: String,
}

impl TestReceipt {
    fn new(id: &[u8]) -> Self {
        Self::with_id(STANDARD.encode(id))
    }

    fn with_id(id: String) -> Self {
        let profile = AttributeList {
            attributes: vec![Attribute {
                name: "full_name".into(),
                value: NAME.as_bytes().to_vec().into(),
                content_type: ContentType::String as i32,
                ..Attribute::default()
            }],
        };
        let produced = produce_receipt(
            &KEY.public_key(),
            &metadata(&id),
            ITEM_KEY_ID,
            &ReceiptContent {
                user_profile: Some(profile.encode_to_vec().into()),
                ..ReceiptContent::default()
            },
        )
        .unwrap();
        TestReceipt {
            id,
            receipt_json: produced.receipt_json,
            item_key_json: produced.wrapped_item_key_json,
        }
    }

    fn path_id(&self) -> String {
        URL_SAFE_NO_PAD.encode(STANDARD.decode(&self.id).unwrap())
    }

    /// As a redirect carries it: percent-encoded standard base64.
    fn as_on_redirect(&self) -> String {
        self.id
            .replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D")
    }

    fn assert_absent_from(&self, text: &str) {
        for form in [self.id.clone(), self.path_id(), self.as_on_redirect()] {
            assert!(!text.contains(&form), "{text}");
        }
    }

    /// A server answering the receipt with `receipt_json` and the item key with this one's.
    async fn serve(&self, receipt_json: String) -> Server {
        let item_key_json = self.item_key_json.clone();
        Server::start(move |seen: &Seen| {
            if seen.path().starts_with("/v2/receipts/") {
                answer(200, &receipt_json)
            } else {
                answer(200, &item_key_json)
            }
        })
        .await
    }
}

fn metadata(id: &str) -> ReceiptMetadata {
    ReceiptMetadata {
        id: id.to_owned(),
        session_id: SESSION.into(),
        timestamp: "2025-01-01T00:00:00Z".into(),
        ..ReceiptMetadata::default()
    }
}

/// Bytes whose standard base64 holds `+` and `/`, so that every received form differs.
const REQUESTED: [u8; 33] = [0xfb; 33];

#[tokio::test]
async fn the_receipt_asked_for_is_accepted_in_every_form_the_redirect_gives() {
    let receipt = TestReceipt::new(&REQUESTED);
    let api = receipt.serve(receipt.receipt_json.clone()).await;
    let client = client(api.origin());
    for asked_as in [
        receipt.id.clone(),
        receipt.path_id(),
        receipt.as_on_redirect(),
    ] {
        let decoded =
            bounded(client.get_share_receipt::<Named>(&ReceiptId::parse(&asked_as).unwrap()))
                .await
                .unwrap_or_else(|error| panic!("{asked_as}: {error:?}"))
                .into_receipt()
                .expect("shared");
        assert_eq!(decoded.user().name, NAME);
        assert_eq!(decoded.id(), receipt.id);
    }
    assert_eq!(api.count("/v2/wrapped-item-keys/"), 3);
}

#[tokio::test]
async fn another_receipt_is_refused_before_its_item_key_is_fetched() {
    let requested = TestReceipt::new(&REQUESTED);
    let mut other_id = REQUESTED;
    other_id[32] ^= 1;
    let other = TestReceipt::new(&other_id);
    let failure = produce_failure_receipt(&metadata(&other.id), "FRAUD_DETECTED", &[]).unwrap();
    for served in [other.receipt_json.clone(), failure] {
        let api = requested.serve(served).await;
        let error = bounded(
            client(api.origin())
                .get_share_receipt::<Named>(&ReceiptId::parse(&requested.id).unwrap()),
        )
        .await
        .unwrap_err();
        assert!(matches!(error, ClientError::ReceiptIdMismatch), "{error:?}");
        let text = error.to_string();
        requested.assert_absent_from(&text);
        other.assert_absent_from(&text);
        assert_eq!(api.count("/v2/receipts/"), 1);
        assert_eq!(api.count("/v2/wrapped-item-keys/"), 0);
    }
}

#[tokio::test]
async fn a_receipt_with_a_huge_id_is_cut_off_or_refused() {
    let requested = TestReceipt::new(&REQUESTED);
    let huge = TestReceipt::with_id("A".repeat(20 * 1024 * 1024));
    let api = requested.serve(huge.receipt_json.clone()).await;

    let error = bounded(
        client(api.origin()).get_share_receipt::<Named>(&ReceiptId::parse(&requested.id).unwrap()),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(error, ClientError::ResponseTooLarge { status: 200, .. }),
        "{error:?}"
    );
    // Under a limit that lets it through, it is still not the receipt asked for.
    let roomy = builder(api.origin())
        .max_response_size(64 * 1024 * 1024)
        .build()
        .unwrap();
    let error =
        bounded(roomy.get_share_receipt::<Named>(&ReceiptId::parse(&requested.id).unwrap()))
            .await
            .unwrap_err();
    assert!(matches!(error, ClientError::ReceiptIdMismatch), "{error:?}");
    assert_eq!(api.count("/v2/receipts/"), 2);
    assert_eq!(api.count("/v2/wrapped-item-keys/"), 0);
}

#[tokio::test]
async fn an_item_key_id_that_is_no_path_segment_is_not_requested() {
    let receipt = TestReceipt::new(&REQUESTED);
    let hostile = receipt
        .receipt_json
        .replace(ITEM_KEY_ID, "../../v2/sessions/x?secret=1");
    let api = receipt.serve(hostile).await;
    let error = bounded(
        client(api.origin()).get_share_receipt::<Named>(&ReceiptId::parse(&receipt.id).unwrap()),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(error, ClientError::InvalidResponse { .. }),
        "{error:?}"
    );
    assert!(!error.to_string().contains("secret"), "{error}");
    assert_eq!(api.seen().len(), 1);
}

// --- Transport errors and traces -----------------------------------------------------------

#[tokio::test]
async fn a_refused_connection_names_its_cause_once_and_no_nonce() {
    let origin = closed_origin().await;
    let client = builder(&origin).retry(RetryPolicy::none()).build().unwrap();

    let error = bounded(client.get_share_session(&session_id(SESSION)))
        .await
        .unwrap_err();
    let ClientError::Transport {
        endpoint,
        url,
        reason,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(*endpoint, "get share session");
    assert_eq!(*url, format!("{origin}/v2/sessions/{SESSION}"));
    assert!(
        reason.to_lowercase().contains("connection refused"),
        "{reason}"
    );
    let text = error.to_string();
    assert_eq!(text.to_lowercase().matches("refused").count(), 1, "{text}");
    assert_eq!(text.matches(url.as_str()).count(), 1, "{text}");
    for shown in [text, format!("{error:?}")] {
        assert!(
            !shown.contains("nonce") && !shown.contains("timestamp=") && !shown.contains('?'),
            "{shown}"
        );
    }
    // The cause is in the message; a reporter that walks the chain shows it once too.
    assert!(std::error::Error::source(&error).is_none());

    let receipt = TestReceipt::new(&REQUESTED);
    let error = bounded(client.get_share_receipt::<Named>(&ReceiptId::parse(&receipt.id).unwrap()))
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::Transport { .. }), "{error:?}");
    let text = error.to_string();
    assert!(text.contains("/v2/receipts/{receipt_id}"), "{text}");
    receipt.assert_absent_from(&text);
    receipt.assert_absent_from(&format!("{error:?}"));
}

#[tokio::test]
async fn a_connection_closed_without_an_answer_is_retried_and_shows_no_nonce() {
    let api = Server::start(|_| Vec::new()).await;
    let error = bounded(client(api.origin()).get_share_session(&session_id(SESSION)))
        .await
        .unwrap_err();
    let ClientError::Transport { reason, .. } = &error else {
        panic!("{error:?}");
    };
    assert!(!reason.is_empty());
    let seen = api.seen();
    assert_eq!(seen.len(), 1 + RETRIES as usize, "a GET is retried");
    let text = format!("{error} {error:?}");
    for request in &seen {
        let nonce = request
            .query()
            .split('&')
            .find_map(|pair| pair.strip_prefix("nonce="))
            .unwrap();
        assert!(!text.contains(nonce), "{text}");
    }
    assert!(!text.contains("timestamp="), "{text}");
}

#[tokio::test]
async fn an_error_answer_quoting_the_signed_request_keeps_nothing_of_it() {
    fn header<'a>(seen: &'a Seen, name: &str) -> &'a str {
        let found = seen.headers.iter().find(|(n, _)| n == name);
        found.map_or("", |(_, value)| value.as_str())
    }
    let api = Server::start(|seen: &Seen| {
        let digest = header(seen, "x-yoti-auth-digest");
        let nonce = seen
            .query()
            .split('&')
            .find_map(|pair| pair.strip_prefix("nonce="))
            .unwrap_or_default();
        match seen.path() {
            "/v2/sessions/ss.v2.digest" => answer(
                401,
                &format!(
                    r#"{{"error":"INVALID_REQUEST_SIGNATURE","message":"{digest} is wrong"}}"#
                ),
            ),
            "/v2/sessions/ss.v2.nonce" => answer(
                401,
                &format!(
                    r#"{{"error":"INVALID_REQUEST_SIGNATURE","message":"nonce {nonce} used\r\n"}}"#
                ),
            ),
            path if path.starts_with("/v2/receipts/") => answer(
                404,
                &format!(r#"{{"error":"NOT_FOUND","message":"nothing at {path}"}}"#),
            ),
            // A gateway's page quoting the request line and headers.
            _ => answer(
                502,
                &format!(
                    "<pre>{} {}\r\nX-Yoti-Auth-Digest: {digest}</pre>",
                    seen.method, seen.target
                ),
            ),
        }
    })
    .await;
    let client = builder(api.origin())
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let receipt = TestReceipt::new(&REQUESTED);
    let errors = [
        bounded(client.get_share_session(&session_id("ss.v2.digest")))
            .await
            .map(drop),
        bounded(client.get_share_session(&session_id("ss.v2.nonce")))
            .await
            .map(drop),
        bounded(client.get_share_receipt::<Named>(&ReceiptId::parse(&receipt.id).unwrap()))
            .await
            .map(drop),
        bounded(client.create_share_session(&session_config()))
            .await
            .map(drop),
    ]
    .map(Result::unwrap_err);
    let seen = api.seen();
    assert_eq!(seen.len(), errors.len());
    for (error, request) in errors.iter().zip(&seen) {
        let shown = format!("{error} {error:?}");
        let nonce = request
            .query()
            .split('&')
            .find_map(|pair| pair.strip_prefix("nonce="));
        let digest = header(request, "x-yoti-auth-digest");
        assert!(!shown.contains(nonce.unwrap()), "{shown}");
        assert!(
            !shown.contains(&digest[..16]) && !shown.contains(&digest[100..116]),
            "{shown}"
        );
        assert!(
            !shown.contains("<pre>") && !shown.contains("\\r"),
            "{shown}"
        );
        receipt.assert_absent_from(&shown);
    }
    for error in &errors[..2] {
        let ClientError::Unauthorized(api) = error else {
            panic!("{error:?}");
        };
        assert_eq!(api.code.as_deref(), Some("INVALID_REQUEST_SIGNATURE"));
        assert_eq!(api.message, None);
    }
    assert!(
        matches!(&errors[2], ClientError::NotFound(api) if api.code.as_deref() == Some("NOT_FOUND") && api.message.is_none()),
        "{:?}",
        errors[2]
    );
    assert!(
        matches!(&errors[3], ClientError::Server(api) if api.status == 502 && api.body_len.is_some()),
        "{:?}",
        errors[3]
    );
}

#[tokio::test]
async fn a_refused_connection_says_what_to_check() {
    let origin = closed_origin().await;
    let client = builder(&origin).retry(RetryPolicy::none()).build().unwrap();
    let error = bounded(client.create_share_session(&session_config()))
        .await
        .unwrap_err();
    let text = error.to_string();
    assert!(
        text.starts_with(&format!(
            "create share session: could not reach the Digital ID API at {origin}/v2/sessions: "
        )),
        "{text}"
    );
    assert!(
        text.ends_with("; check the base URL and that the server (or the emulator) is running"),
        "{text}"
    );
}

// --- A base URL without `/share` ------------------------------------------------------------

#[tokio::test]
async fn a_404_without_yoti_s_body_under_a_base_url_without_share_says_to_add_it() {
    // What the emulator (or any server) answers for a route it does not have.
    let api = Server::start(|_| answer(404, "No route for POST /v2/sessions")).await;
    let error = bounded(client(api.origin()).create_share_session(&session_config()))
        .await
        .unwrap_err();
    let ClientError::NoRoute {
        base_url,
        error: api_error,
        ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(base_url, api.origin());
    assert_eq!(api_error.status, 404);
    assert_eq!(
        error.to_string(),
        format!(
            "create share session: HTTP 404 with no such route under the base URL {}; the share \
             API lives under `/share`: use e.g. https://api.yoti.com/share, or the emulator's \
             `base_url()`",
            api.origin()
        )
    );
}

#[tokio::test]
async fn a_404_with_yoti_s_body_or_under_share_stays_not_found() {
    let api = Server::start(|_| {
        answer(
            404,
            r#"{"error":"NOT_FOUND","message":"Session not found"}"#,
        )
    })
    .await;
    let error = bounded(client(api.origin()).get_share_session(&session_id(SESSION)))
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::NotFound(_)), "{error:?}");

    let api = Server::start(|_| answer(404, "no such thing")).await;
    let base = format!("{}/share", api.origin());
    let error = bounded(client(&base).get_share_session(&session_id(SESSION)))
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::NotFound(_)), "{error:?}");
}

/// A session id of the tests' own, as the client takes it.
fn session_id(id: &str) -> SessionId {
    SessionId::parse(id).unwrap()
}
