//! Bearer-token authentication end to end: against the emulator (tokens obtained once and cached,
//! renewed when they expire, one renewal for many waiting calls, a refused token renewed and a
//! GET retried once, a POST never sent twice) and against a token endpoint that misbehaves on
//! purpose (redirects, endless bodies, garbage, refusals), each ending in its typed error. Keys
//! come from test-vectors/.

#[path = "support/raw_server.rs"]
#[allow(dead_code)]
mod raw_server;

use std::time::Duration;

use raw_server::{Server, Step, answer, redirect};
use yoti_client::auth::{AccessToken, TokenError};
use yoti_client::{ClientBuilder, ClientError, DigitalIdentityClient, RetryPolicy};
use yoti_emulator::{Emulator, EmulatorHandle};
use yoti_policy::{Profile, SharePolicy, ShareSessionConfiguration};
use yoti_protocol::PrivateKey;
use yoti_test_support::{EmulatorControl, test_key};

const SDK_ID: &str = "bearer-sdk-id";
const TOKEN_ROUTE: &str = "POST /v1/oauth/token";
const GET_SESSION: &str = "GET /v2/sessions/{session_id}";

#[derive(SharePolicy)]
#[allow(dead_code)]
struct Named {
    #[yoti(full_name)]
    name: String,
}

fn key() -> PrivateKey {
    test_key("node-2048.pem")
}

async fn emulator(token_ttl: Duration) -> EmulatorHandle {
    Emulator::builder()
        .app(SDK_ID, key().public_key())
        .token_ttl(token_ttl)
        .start()
        .await
        .unwrap()
}

fn builder(emulator: &EmulatorHandle) -> ClientBuilder {
    DigitalIdentityClient::builder(SDK_ID, key())
        .base_url(emulator.base_url())
        .central_auth(["digital-identity"])
        .auth_url(emulator.token_url())
        .retry(RetryPolicy::none())
}

fn config() -> ShareSessionConfiguration {
    ShareSessionConfiguration::new::<Named>("https://example.com/callback").unwrap()
}

#[tokio::test]
async fn a_token_is_obtained_once_and_used_for_every_call_including_receipts() {
    let emulator = emulator(Duration::from_secs(3600)).await;
    let client = builder(&emulator).build().unwrap();
    assert_eq!(
        emulator.request_count(TOKEN_ROUTE),
        0,
        "no token before a call"
    );

    let session = client.create_share_session(&config()).await.unwrap();
    for _ in 0..5 {
        client.get_share_session(&session.id).await.unwrap();
    }
    let qr_code = client.create_share_qr_code(&session.id).await.unwrap();
    client.get_share_qr_code(&qr_code.id).await.unwrap();
    let receipt_id = EmulatorControl::new(&emulator)
        .share_as_persona(&session.id)
        .await
        .unwrap()
        .receipt_id;
    // Fetched with the token, decrypted with the application key.
    let receipt = client
        .get_share_receipt::<Profile>(&receipt_id)
        .await
        .unwrap()
        .into_receipt()
        .expect("shared");
    assert!(receipt.user().full_name().is_some());

    assert_eq!(emulator.request_count(TOKEN_ROUTE), 1);
    assert_eq!(emulator.request_count(GET_SESSION), 5);
}

#[tokio::test]
async fn a_token_is_renewed_before_it_expires_without_a_refusal() {
    // A 1 s token is renewed 0.1 s before it expires.
    let emulator = emulator(Duration::from_secs(1)).await;
    let client = builder(&emulator).build().unwrap();
    let session = client.create_share_session(&config()).await.unwrap();
    client.get_share_session(&session.id).await.unwrap();
    assert_eq!(emulator.request_count(TOKEN_ROUTE), 1);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    client.get_share_session(&session.id).await.unwrap();
    assert_eq!(emulator.request_count(TOKEN_ROUTE), 2);
    // Each call was one request: the renewal came first, not after a 401.
    assert_eq!(emulator.request_count(GET_SESSION), 2);
}

#[tokio::test]
async fn many_waiting_calls_share_one_token_request() {
    let emulator = emulator(Duration::from_secs(3600)).await;
    let client = builder(&emulator).build().unwrap();
    let session = {
        // Signed, so that no token is requested before the race below.
        let signed = DigitalIdentityClient::builder(SDK_ID, key())
            .base_url(emulator.base_url())
            .build()
            .unwrap();
        signed.create_share_session(&config()).await.unwrap()
    };
    let race = async || {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..20 {
            let (client, id) = (client.clone(), session.id.clone());
            tasks.spawn(async move { client.get_share_session(&id).await.map(drop) });
        }
        while let Some(result) = tasks.join_next().await {
            result.unwrap().unwrap();
        }
    };
    // From cold: twenty calls, one token.
    race().await;
    assert_eq!(emulator.request_count(TOKEN_ROUTE), 1);
    // Every token refused at once: each call is refused, and one renewal serves them all.
    emulator.expire_tokens();
    race().await;
    assert_eq!(emulator.request_count(TOKEN_ROUTE), 2);
    assert_eq!(emulator.request_count(GET_SESSION), 20 + 2 * 20);
}

#[tokio::test]
async fn a_refused_token_is_renewed_and_a_get_retried_once_but_a_post_is_not_sent_twice() {
    let emulator = emulator(Duration::from_secs(3600)).await;
    let client = builder(&emulator).build().unwrap();
    let session = client.create_share_session(&config()).await.unwrap();
    assert_eq!(emulator.request_count(TOKEN_ROUTE), 1);

    emulator.expire_tokens();
    client.get_share_session(&session.id).await.unwrap();
    assert_eq!(emulator.request_count(TOKEN_ROUTE), 2);
    assert_eq!(emulator.request_count(GET_SESSION), 2);

    emulator.expire_tokens();
    let error = client.create_share_session(&config()).await.unwrap_err();
    assert!(matches!(error, ClientError::Unauthorized(_)), "{error:?}");
    assert_eq!(emulator.request_count("POST /v2/sessions"), 2);
    // The refused token is forgotten only when a GET is refused, renewing it; the next GET
    // renews and succeeds.
    client.get_share_session(&session.id).await.unwrap();
    assert_eq!(emulator.request_count(TOKEN_ROUTE), 3);
}

#[tokio::test]
async fn a_second_refusal_is_returned_not_retried() {
    const TOKEN: &str = r#"{"access_token":"tok","token_type":"Bearer","expires_in":3600}"#;
    let server = Server::start(|seen| match seen.path() {
        "/v1/oauth/token" => answer(200, TOKEN),
        _ => answer(401, r#"{"error":"INVALID_TOKEN","message":"no"}"#),
    })
    .await;
    let client = DigitalIdentityClient::builder(SDK_ID, key())
        .base_url(server.origin())
        .central_auth(["s"])
        .auth_url(format!("{}/v1/oauth/token", server.origin()))
        .build()
        .unwrap();
    let error = client
        .get_share_session(&"ss.v2.x".parse().unwrap())
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::Unauthorized(_)), "{error:?}");
    assert_eq!(server.count("/v1/oauth/token"), 2);
    assert_eq!(server.count("/v2/sessions/"), 2);
    // The share API got the token, not a signature.
    let share_request = server
        .seen()
        .into_iter()
        .find(|seen| seen.path().starts_with("/v2/"))
        .unwrap();
    let header = |name: &str| {
        share_request
            .headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(header("authorization").as_deref(), Some("Bearer tok"));
    assert_eq!(header("x-yoti-auth-digest"), None);
    assert_eq!(share_request.query(), "");
}

#[tokio::test]
async fn the_token_request_is_the_documented_form_with_a_ps384_assertion() {
    const TOKEN: &str = r#"{"access_token":"tok","token_type":"bearer","expires_in":60}"#;
    let server = Server::start(|_| answer(200, TOKEN)).await;
    let auth_url = format!("{}/v1/oauth/token", server.origin());
    let generator =
        yoti_client::auth::AuthenticationTokenGenerator::new(SDK_ID, key(), &auth_url).unwrap();
    let token = generator.generate(&["a", "b"]).await.unwrap();
    assert_eq!(token.access_token.secret(), "tok");
    assert_eq!(token.expires_in, Duration::from_secs(60));
    let seen = &server.seen()[0];
    assert_eq!(seen.method, "POST");
    let content_type = seen
        .headers
        .iter()
        .find(|(n, _)| n == "content-type")
        .unwrap();
    assert_eq!(content_type.1, "application/x-www-form-urlencoded");
    let form = form_fields(&seen.body);
    let field = |name: &str| form.iter().find(|(k, _)| k == name).unwrap().1.clone();
    assert_eq!(field("grant_type"), "client_credentials");
    assert_eq!(
        field("client_assertion_type"),
        "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    );
    assert_eq!(field("scope"), "a b");
    let assertion = field("client_assertion");
    let (signed, signature) = assertion.rsplit_once('.').unwrap();
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    assert!(
        key()
            .public_key()
            .verify_ps384(signed.as_bytes(), &b64.decode(signature).unwrap())
    );
    let claims: serde_json::Value =
        serde_json::from_slice(&b64.decode(signed.split('.').nth(1).unwrap()).unwrap()).unwrap();
    assert_eq!(claims["aud"], auth_url.as_str());
    assert_eq!(claims["iss"], format!("sdk:{SDK_ID}"));
    assert_eq!(
        claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap(),
        300
    );
    assert_eq!(claims["jti"].as_str().unwrap().len(), 36);
    // Without a scope no request is made.
    let none: [&str; 0] = [];
    assert!(matches!(
        generator.generate(&none).await,
        Err(TokenError::NoScopes)
    ));
    assert_eq!(server.seen().len(), 1);
}

/// The fields of a form-encoded body, decoded as a server decodes them.
fn form_fields(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

#[tokio::test]
async fn a_fixed_token_is_sent_and_never_shown() {
    let emulator = emulator(Duration::from_secs(3600)).await;
    let issued =
        yoti_client::auth::AuthenticationTokenGenerator::new(SDK_ID, key(), &emulator.token_url())
            .unwrap()
            .generate(&["digital-identity"])
            .await
            .unwrap();
    let secret = issued.access_token.secret().to_owned();
    assert!(!format!("{issued:?}").contains(&secret));
    let builder = DigitalIdentityClient::builder(SDK_ID, key())
        .base_url(emulator.base_url())
        .bearer_token(issued.access_token);
    assert!(!format!("{builder:?}").contains(&secret));
    let client = builder.build().unwrap();
    client.create_share_session(&config()).await.unwrap();
    // A fixed token cannot be renewed: once refused, the refusal is the answer.
    emulator.expire_tokens();
    let error = client
        .get_share_session(&"ss.v2.x".parse().unwrap())
        .await
        .unwrap_err();
    assert!(matches!(error, ClientError::Unauthorized(_)), "{error:?}");
    assert!(!error.to_string().contains(&secret));
    assert_eq!(emulator.request_count(TOKEN_ROUTE), 1);

    let blank = DigitalIdentityClient::builder(SDK_ID, key()).bearer_token(AccessToken::new(" "));
    assert!(matches!(
        blank.build(),
        Err(yoti_client::ConfigError::EmptyBearerToken)
    ));
    let no_scope = DigitalIdentityClient::builder(SDK_ID, key()).central_auth([""]);
    assert!(matches!(
        no_scope.build(),
        Err(yoti_client::ConfigError::NoScopes)
    ));
}

// --- A hostile token endpoint ----------------------------------------------------------------

/// A client whose token endpoint is `server`; the error of its first call.
async fn token_failure(server: &Server) -> TokenError {
    let client = DigitalIdentityClient::builder(SDK_ID, key())
        .base_url(raw_server::closed_origin().await)
        .central_auth(["s"])
        .auth_url(format!("{}/v1/oauth/token", server.origin()))
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    match client.get_share_session(&"ss.v2.x".parse().unwrap()).await {
        Err(ClientError::Authentication(error)) => error,
        other => panic!("expected a token error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_redirect_from_the_token_endpoint_is_refused_and_not_followed() {
    let elsewhere = Server::start(|_| answer(200, "{}")).await;
    let target = format!("{}/steal?x=1", elsewhere.origin());
    let server = Server::start(move |_| redirect(307, &target)).await;
    let error = token_failure(&server).await;
    let TokenError::Redirect {
        status, location, ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(*status, 307);
    assert_eq!(
        location.as_deref(),
        Some(format!("{}/steal", elsewhere.origin()).as_str())
    );
    assert_eq!(elsewhere.seen().len(), 0, "the assertion went elsewhere");
}

#[tokio::test]
async fn an_endless_token_answer_is_refused() {
    let server = Server::start(|_| {
        vec![
            raw_server::head(
                200,
                "Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n",
            ),
            Step::Flood {
                total: 8 * 1024 * 1024,
                chunked: true,
            },
        ]
    })
    .await;
    let error = token_failure(&server).await;
    assert!(
        matches!(error, TokenError::ResponseTooLarge { status: 200, limit, .. } if limit == yoti_client::auth::MAX_TOKEN_RESPONSE_SIZE),
        "{error:?}"
    );
    assert!(
        server.flooded() < 4 * 1024 * 1024,
        "read {} bytes",
        server.flooded()
    );
}

#[tokio::test]
async fn garbage_and_incomplete_token_answers_are_typed_errors() {
    let server = Server::start(|_| answer(200, "<html>not json</html>")).await;
    let error = token_failure(&server).await;
    assert!(
        matches!(&error, TokenError::InvalidResponse { reason, .. } if reason.contains("not JSON")),
        "{error:?}"
    );

    let server = Server::start(|_| answer(200, r#"{"token_type":"Bearer","expires_in":60}"#)).await;
    let error = token_failure(&server).await;
    assert!(
        matches!(&error, TokenError::InvalidResponse { reason, .. } if reason.contains("access_token")),
        "{error:?}"
    );

    let server = Server::start(|_| {
        answer(
            200,
            r#"{"access_token":"secret-tok","token_type":"MAC","expires_in":60}"#,
        )
    })
    .await;
    let error = token_failure(&server).await;
    assert!(
        matches!(&error, TokenError::UnsupportedTokenType { token_type } if token_type == "MAC"),
        "{error:?}"
    );
    assert!(!format!("{error} {error:?}").contains("secret-tok"));
}

#[tokio::test]
async fn a_refusal_carries_the_oauth_error_and_the_request_id() {
    let server = Server::start(|_| {
        vec![Step::Write(
            b"HTTP/1.1 401 X\r\nContent-Type: application/json\r\nX-Request-ID: req-77\r\n\
              Content-Length: 61\r\nConnection: close\r\n\r\n\
              {\"error\":\"invalid_client\",\"error_description\":\"bad key 1234\"}"
                .to_vec(),
        )]
    })
    .await;
    let error = token_failure(&server).await;
    let TokenError::Refused {
        status,
        error: code,
        error_description,
        request_id,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(*status, 401);
    assert_eq!(code.as_deref(), Some("invalid_client"));
    assert_eq!(error_description.as_deref(), Some("bad key 1234"));
    assert_eq!(request_id.as_deref(), Some("req-77"));
    assert_eq!(
        error.to_string(),
        "the token endpoint refused the request: HTTP 401 invalid_client: bad key 1234 (request id req-77)"
    );
}

#[tokio::test]
async fn an_unreachable_token_endpoint_is_a_typed_error() {
    let closed = raw_server::closed_origin().await;
    let client = DigitalIdentityClient::builder(SDK_ID, key())
        .base_url(closed.clone())
        .central_auth(["s"])
        .auth_url(format!("{closed}/v1/oauth/token"))
        .build()
        .unwrap();
    let error = client
        .get_share_session(&"ss.v2.x".parse().unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ClientError::Authentication(TokenError::Unreachable { url, .. }) if url.ends_with("/v1/oauth/token")),
        "{error:?}"
    );
}

// --- A token endpoint that issues what it should not, or fails -----------------------------

const SESSION_BODY: &str = r#"{"id":"ss.v2.x","status":"CREATED","created":"2025-01-01T00:00:00Z","updated":"2025-01-01T00:00:00Z"}"#;

/// A client whose token endpoint and share API are both `server`.
fn central_client(server: &Server) -> DigitalIdentityClient {
    DigitalIdentityClient::builder(SDK_ID, key())
        .base_url(server.origin())
        .central_auth(["s"])
        .auth_url(format!("{}/v1/oauth/token", server.origin()))
        .retry(RetryPolicy::none())
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

fn header<'a>(seen: &'a raw_server::Seen, name: &str) -> Option<&'a str> {
    seen.headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

#[tokio::test]
async fn a_lifetime_past_what_the_clock_can_count_is_capped_not_a_panic() {
    for expires_in in ["9223372036854775807", "18446744073709551615"] {
        let token =
            format!(r#"{{"access_token":"tok","token_type":"Bearer","expires_in":{expires_in}}}"#);
        let server = Server::start(move |seen| match seen.path() {
            "/v1/oauth/token" => answer(200, &token),
            _ => answer(200, SESSION_BODY),
        })
        .await;
        let client = central_client(&server);
        for _ in 0..3 {
            client
                .get_share_session(&"ss.v2.x".parse().unwrap())
                .await
                .unwrap();
        }
        // Cached, not asked for again.
        assert_eq!(server.count("/v1/oauth/token"), 1, "{expires_in}");
        assert_eq!(server.count("/v2/sessions/"), 3, "{expires_in}");
    }
}

#[tokio::test]
async fn a_token_that_cannot_be_sent_is_refused_on_arrival_and_never_cached() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    // JSON escapes of CR LF (a header injection), NUL, DEL, another control character, a space.
    for poisoned in [
        r"zz9\r\nX-Injected: 1",
        r"zz9\u0000",
        r"zz9\u007f",
        r"zz9\u001b",
        "zz9 en",
    ] {
        let issued = Arc::new(AtomicUsize::new(0));
        let server = Server::start({
            let issued = issued.clone();
            move |seen| match seen.path() {
                "/v1/oauth/token" => {
                    // The first token is poisoned, the ones after it good.
                    let token = match issued.fetch_add(1, Ordering::SeqCst) {
                        0 => poisoned,
                        _ => "tok-good",
                    };
                    answer(
                        200,
                        &format!(
                            r#"{{"access_token":"{token}","token_type":"Bearer","expires_in":3600}}"#
                        ),
                    )
                }
                _ => answer(200, SESSION_BODY),
            }
        })
        .await;
        let client = central_client(&server);
        let error = client
            .get_share_session(&"ss.v2.x".parse().unwrap())
            .await
            .unwrap_err();
        assert!(
            matches!(&error, ClientError::Authentication(TokenError::InvalidResponse { reason, .. })
                if reason.contains("`access_token`") && !reason.contains("zz9")),
            "{poisoned}: {error:?}"
        );
        assert_eq!(server.count("/v2/"), 0, "{poisoned}: the API was called");
        // The next call asks for a new token rather than reusing the refused one.
        client
            .get_share_session(&"ss.v2.x".parse().unwrap())
            .await
            .unwrap();
        assert_eq!(server.count("/v1/oauth/token"), 2, "{poisoned}");
        let sent = server.seen();
        let share = sent.iter().find(|s| s.path().starts_with("/v2/")).unwrap();
        assert_eq!(header(share, "authorization"), Some("Bearer tok-good"));
    }
}

#[tokio::test]
async fn a_failing_token_endpoint_is_asked_once_for_many_waiting_calls_then_backed_off() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let failing = Arc::new(AtomicBool::new(true));
    let server = Server::start({
        let failing = failing.clone();
        move |seen| match seen.path() {
            "/v1/oauth/token" if failing.load(Ordering::SeqCst) => {
                // Slow to fail, so that every call below is waiting when it does.
                let mut steps = vec![Step::Pause(Duration::from_millis(300))];
                steps.extend(answer(500, r#"{"error":"server_error"}"#));
                steps
            }
            "/v1/oauth/token" => answer(
                200,
                r#"{"access_token":"tok","token_type":"Bearer","expires_in":3600}"#,
            ),
            _ => answer(200, SESSION_BODY),
        }
    })
    .await;
    let client = central_client(&server);
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let client = client.clone();
        calls.spawn(async move {
            client
                .get_share_session(&"ss.v2.x".parse().unwrap())
                .await
                .map(drop)
        });
    }
    while let Some(outcome) = calls.join_next().await {
        let error = outcome.unwrap().unwrap_err();
        assert!(
            matches!(
                error,
                ClientError::Authentication(TokenError::Refused { status: 500, .. })
            ),
            "{error:?}"
        );
    }
    let requests = server.count("/v1/oauth/token");
    assert!(requests <= 3, "{requests} token requests for 100 calls");
    assert_eq!(server.count("/v2/"), 0);

    // Recovered: the next call, after the backoff, gets a token and succeeds.
    failing.store(false, Ordering::SeqCst);
    client
        .get_share_session(&"ss.v2.x".parse().unwrap())
        .await
        .unwrap();
    assert_eq!(server.count("/v1/oauth/token"), requests + 1);
    client
        .get_share_session(&"ss.v2.x".parse().unwrap())
        .await
        .unwrap();
    assert_eq!(server.count("/v1/oauth/token"), requests + 1);
}

// --- What a hostile server writes stays out of errors --------------------------------------

/// No control character, and nothing of `secret` (no 16 characters of it in a row).
fn assert_clean(shown: &str, secret: &str) {
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    let secret: Vec<char> = secret.chars().collect();
    for window in secret.windows(16.min(secret.len())) {
        let window: String = window.iter().collect();
        assert!(!shown.contains(&window), "`{window}` shown in {shown}");
    }
}

#[tokio::test]
async fn a_refusal_keeps_its_oauth_fields_on_one_bounded_line() {
    let server = Server::start(|_| {
        answer(
            400,
            &format!(
                r#"{{"error":"invalid_client\r\nX","error_description":"bad key\r\n2025-01-01 INFO forged line\u0000\u001b[2J{}"}}"#,
                "y".repeat(2000)
            ),
        )
    })
    .await;
    let error = token_failure(&server).await;
    let TokenError::Refused {
        error: code,
        error_description,
        ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(code.as_deref(), Some("invalid_client  X"));
    let description = error_description.as_deref().unwrap();
    assert!(
        description.starts_with("bad key  2025-01-01 INFO forged line  [2J"),
        "{description}"
    );
    assert_eq!(description.chars().count(), 512);
    let shown = error.to_string();
    assert!(!shown.chars().any(char::is_control), "{shown:?}");
    assert!(shown.contains("invalid_client  X: bad key"), "{shown}");
}

#[tokio::test]
async fn a_refusal_quoting_the_assertion_keeps_nothing_of_it() {
    let server = Server::start(|seen| {
        // The first 490 characters of the assertion, as a careless server quotes it.
        let form = String::from_utf8(seen.body.clone()).unwrap();
        let assertion = form
            .split('&')
            .find_map(|pair| pair.strip_prefix("client_assertion="))
            .unwrap()
            .to_owned();
        answer(
            401,
            &format!(
                r#"{{"error":"invalid_client","error_description":"assertion {} is not valid"}}"#,
                &assertion[..490]
            ),
        )
    })
    .await;
    let error = token_failure(&server).await;
    let assertion = form_fields(&server.seen()[0].body)
        .into_iter()
        .find_map(|(name, value)| (name == "client_assertion").then_some(value))
        .unwrap();
    assert!(
        matches!(&error, TokenError::Refused { error: Some(code), error_description: None, .. }
            if code == "invalid_client"),
        "{error:?}"
    );
    assert_clean(&format!("{error} {error:?}"), &assertion);
}

#[tokio::test]
async fn an_api_error_quoting_the_bearer_token_keeps_nothing_of_it() {
    const TOKEN: &str = "tok-5e3cret-0123456789abcdef";
    let server = Server::start(|seen| {
        let authorization = header(seen, "authorization").unwrap_or_default().to_owned();
        match seen.path() {
            "/v1/oauth/token" => answer(
                200,
                &format!(r#"{{"access_token":"{TOKEN}","token_type":"Bearer","expires_in":60}}"#),
            ),
            // A gateway's page quoting the request's headers.
            "/v2/sessions/ss.v2.page" => answer(
                502,
                &format!(
                    "<html><pre>GET / HTTP/1.1\r\nAuthorization: {authorization}\r\n</pre></html>"
                ),
            ),
            // Yoti's JSON, with the token in the message and a forged line in the code.
            _ => answer(
                400,
                &format!(
                    r#"{{"error":"BAD\r\nREQUEST","message":"refused {authorization}","id":"t-1"}}"#
                ),
            ),
        }
    })
    .await;
    let client = central_client(&server);

    let error = client
        .get_share_session(&"ss.v2.page".parse().unwrap())
        .await
        .unwrap_err();
    let ClientError::Server(api) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(api.status, 502);
    assert!(api.body_len.is_some_and(|length| length > 0));
    let shown = format!("{error} {error:?}");
    assert_clean(&shown, TOKEN);
    assert!(!shown.contains("<pre>"), "{shown}");

    let error = client
        .get_share_session(&"ss.v2.json".parse().unwrap())
        .await
        .unwrap_err();
    let ClientError::BadRequest(api) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(api.code.as_deref(), Some("BAD  REQUEST"));
    assert_eq!(api.message, None);
    assert_eq!(api.trace_id.as_deref(), Some("t-1"));
    assert_clean(&format!("{error} {error:?}"), TOKEN);
}
