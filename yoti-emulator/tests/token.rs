//! The token endpoint (`POST /v1/oauth/token`, docs/protocol.md, "Bearer tokens") and bearer
//! tokens on the share API: a good client assertion gets a token that authenticates share API
//! requests until it expires; an assertion signed with another key, for another audience, past
//! its `exp`, reused or not PS384 gets an OAuth2 `invalid_client`. Keys come from test-vectors/.

mod common;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use common::{APP_A, key_a, key_b, start};
use serde_json::{Value, json};
use yoti_emulator::EmulatorHandle;
use yoti_protocol::PrivateKey;

const ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

fn now() -> i64 {
    i64::try_from(common::now_ms() / 1000).unwrap()
}

fn b64(json: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(json).unwrap())
}

/// The claims an official SDK sends for application A to this emulator.
fn claims(emulator: &EmulatorHandle) -> Value {
    json!({
        "iss": format!("sdk:{APP_A}"), "sub": format!("sdk:{APP_A}"),
        "jti": common::nonce(), "aud": emulator.token_url(),
        "iat": now(), "exp": now() + 300,
    })
}

/// A JWT of `header` and `claims` signed PS384 with `key`.
fn jwt(key: &PrivateKey, header: &Value, claims: &Value) -> String {
    let signed = format!("{}.{}", b64(header), b64(claims));
    let signature = key.sign_ps384(signed.as_bytes()).unwrap();
    format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature))
}

fn ps384() -> Value {
    json!({"alg": "PS384", "typ": "JWT"})
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            let v = percent_encode(v);
            format!("{k}={v}")
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Posts a token request; the status and JSON body.
async fn token_request(emulator: &EmulatorHandle, body: String) -> (u16, Value) {
    let response = reqwest::Client::new()
        .post(emulator.token_url())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (
        status,
        serde_json::from_slice(&response.bytes().await.unwrap()).unwrap(),
    )
}

async fn request_token(emulator: &EmulatorHandle, assertion: &str) -> (u16, Value) {
    let body = form(&[
        ("grant_type", "client_credentials"),
        ("client_assertion_type", ASSERTION_TYPE),
        ("scope", "digital-identity share"),
        ("client_assertion", assertion),
    ]);
    token_request(emulator, body).await
}

/// The status of a share API GET with `Authorization: Bearer <token>`.
async fn share_api_status(emulator: &EmulatorHandle, token: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{}/v2/sessions/ss.v2.unknown", emulator.base_url()))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Asserts an OAuth2 `invalid_client` refusal and returns its description.
fn refused(answer: &(u16, Value)) -> String {
    assert_eq!(answer.0, 401, "{}", answer.1);
    assert_eq!(answer.1["error"], "invalid_client");
    answer.1["error_description"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_good_assertion_gets_a_bearer_token_that_authenticates_the_share_api() {
    let emulator = start().await;
    let (status, body) =
        request_token(&emulator, &jwt(&key_a(), &ps384(), &claims(&emulator))).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["scope"], "digital-identity share");
    let token = body["access_token"].as_str().unwrap();
    assert!(token.len() >= 40);
    assert_eq!(emulator.request_count("POST /v1/oauth/token"), 1);

    // Authenticated: the unknown session is a 404, not a 401.
    assert_eq!(share_api_status(&emulator, token).await, 404);
    assert_eq!(share_api_status(&emulator, &format!("{token}x")).await, 401);
    assert_eq!(share_api_status(&emulator, "").await, 401);

    emulator.expire_tokens();
    assert_eq!(share_api_status(&emulator, token).await, 401);
}

#[tokio::test]
async fn the_control_api_expires_tokens_and_a_short_ttl_ends_them() {
    let emulator = common::builder()
        .token_ttl(std::time::Duration::from_secs(1))
        .start()
        .await
        .unwrap();
    let issue = async || {
        let (status, body) =
            request_token(&emulator, &jwt(&key_a(), &ps384(), &claims(&emulator))).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["expires_in"], 1);
        body["access_token"].as_str().unwrap().to_owned()
    };
    let token = issue().await;
    assert_eq!(share_api_status(&emulator, &token).await, 404);
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(share_api_status(&emulator, &token).await, 401);

    let token = issue().await;
    let expired = reqwest::Client::new()
        .delete(format!("{}/tokens", emulator.control_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status().as_u16(), 204);
    assert_eq!(share_api_status(&emulator, &token).await, 401);
}

#[tokio::test]
async fn assertions_signed_with_another_key_are_refused() {
    let emulator = start().await;
    let description =
        refused(&request_token(&emulator, &jwt(&key_b(), &ps384(), &claims(&emulator))).await);
    assert!(description.contains("signature"), "{description}");
}

#[tokio::test]
async fn assertions_for_another_audience_are_refused() {
    let emulator = start().await;
    let mut claims = claims(&emulator);
    claims["aud"] = json!("https://auth.api.yoti.com/v1/oauth/token");
    let description = refused(&request_token(&emulator, &jwt(&key_a(), &ps384(), &claims)).await);
    assert!(description.contains("aud"), "{description}");
}

#[tokio::test]
async fn expired_and_future_assertions_are_refused() {
    let emulator = start().await;
    let mut expired = claims(&emulator);
    expired["iat"] = json!(now() - 400);
    expired["exp"] = json!(now() - 100);
    let description = refused(&request_token(&emulator, &jwt(&key_a(), &ps384(), &expired)).await);
    assert!(description.contains("expired"), "{description}");

    let mut future = claims(&emulator);
    future["iat"] = json!(now() + 600);
    future["exp"] = json!(now() + 900);
    let description = refused(&request_token(&emulator, &jwt(&key_a(), &ps384(), &future)).await);
    assert!(description.contains("future"), "{description}");
}

#[tokio::test]
async fn a_jwt_id_is_single_use() {
    let emulator = start().await;
    let assertion = jwt(&key_a(), &ps384(), &claims(&emulator));
    assert_eq!(request_token(&emulator, &assertion).await.0, 200);
    let description = refused(&request_token(&emulator, &assertion).await);
    assert!(description.contains("jti"), "{description}");
    // The same jti in a freshly signed assertion is still a reuse.
    let mut again = claims(&emulator);
    again["jti"] = jwt_claims(&assertion)["jti"].clone();
    refused(&request_token(&emulator, &jwt(&key_a(), &ps384(), &again)).await);
}

fn jwt_claims(jwt: &str) -> Value {
    let part = jwt.split('.').nth(1).unwrap();
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(part).unwrap()).unwrap()
}

#[tokio::test]
async fn only_ps384_is_accepted() {
    let emulator = start().await;
    // RS256: the PKCS#1 v1.5 SHA-256 signature of signed requests, under its own JOSE name.
    let header = json!({"alg": "RS256", "typ": "JWT"});
    let signed = format!("{}.{}", b64(&header), b64(&claims(&emulator)));
    let signature = key_a().sign(signed.as_bytes()).unwrap();
    let rs256 = format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature));
    let description = refused(&request_token(&emulator, &rs256).await);
    assert!(description.contains("PS384"), "{description}");
    // A PS384 signature under a header claiming `none` is refused too.
    let none = jwt(&key_a(), &json!({"alg": "none"}), &claims(&emulator));
    refused(&request_token(&emulator, &none).await);
}

#[tokio::test]
async fn a_critical_header_extension_is_refused() {
    let emulator = start().await;
    for crit in [json!(["exp"]), json!([]), json!("b64"), json!(null)] {
        let header = json!({"alg": "PS384", "typ": "JWT", "crit": crit, "exp": now() + 60});
        let assertion = jwt(&key_a(), &header, &claims(&emulator));
        let description = refused(&request_token(&emulator, &assertion).await);
        assert!(description.contains("crit"), "{crit}: {description}");
    }
    // Without it, the same assertion is accepted.
    let assertion = jwt(&key_a(), &ps384(), &claims(&emulator));
    assert_eq!(request_token(&emulator, &assertion).await.0, 200);
}

/// A JWT of a header given as JSON text (duplicate names are possible) signed PS384 with `key`.
fn jwt_with_header_text(key: &PrivateKey, header: &str, claims: &Value) -> String {
    let signed = format!("{}.{}", URL_SAFE_NO_PAD.encode(header), b64(claims));
    let signature = key.sign_ps384(signed.as_bytes()).unwrap();
    format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature))
}

#[tokio::test]
async fn headers_that_a_jose_library_reads_otherwise_are_refused() {
    let emulator = start().await;
    for (header, says) in [
        // One reader takes the first `alg`, another the last.
        (
            r#"{"alg":"none","alg":"PS384","typ":"JWT"}"#,
            "each name once",
        ),
        (
            r#"{"alg":"PS384","typ":"JWT","typ":"JOSE"}"#,
            "each name once",
        ),
        // RFC 7797: the claims would be read as they are, not as base64url.
        (r#"{"alg":"PS384","b64":false}"#, "b64"),
        (r#"{"alg":"PS384","b64":"yes"}"#, "b64"),
    ] {
        let assertion = jwt_with_header_text(&key_a(), header, &claims(&emulator));
        let description = refused(&request_token(&emulator, &assertion).await);
        assert!(description.contains(says), "{header}: {description}");
    }
    // The same claims under a plain header are accepted.
    let assertion = jwt_with_header_text(&key_a(), r#"{"alg":"PS384"}"#, &claims(&emulator));
    assert_eq!(request_token(&emulator, &assertion).await.0, 200);
}

#[tokio::test]
async fn malformed_assertions_are_refused_with_what_is_wrong() {
    let emulator = start().await;
    let good = jwt(&key_a(), &ps384(), &claims(&emulator));
    let (header, rest) = good.split_once('.').unwrap();
    let (claims_part, _) = rest.split_once('.').unwrap();
    let not_json = URL_SAFE_NO_PAD.encode("{alg");
    let no_iat = {
        let mut claims = claims(&emulator);
        claims.as_object_mut().unwrap().remove("iat");
        jwt(&key_a(), &ps384(), &claims)
    };
    for (assertion, says) in [
        ("abc".to_owned(), "not a JWT"),
        (format!("{header}.{claims_part}"), "not a JWT"),
        (format!("{not_json}.{claims_part}.c2ln"), "header"),
        (format!("{header}.{claims_part}.%%%"), "base64url"),
        (
            format!(
                "{header}.{claims_part}.{}",
                URL_SAFE_NO_PAD.encode([0; 512])
            ),
            "signature",
        ),
        (format!("{header}.e30.c2ln"), "claims"),
        (no_iat, "claims"),
    ] {
        let description = refused(&request_token(&emulator, &assertion).await);
        assert!(description.contains(says), "{says}: {description}");
    }
    // Refusals quote nothing of the assertion.
    let description = refused(&request_token(&emulator, &format!("{good}x")).await);
    assert!(!description.contains(claims_part), "{description}");
}

#[tokio::test]
async fn the_grant_and_assertion_type_must_be_exact() {
    let emulator = start().await;
    let assertion = jwt(&key_a(), &ps384(), &claims(&emulator));
    let (status, body) = token_request(
        &emulator,
        form(&[
            ("grant_type", "password"),
            ("client_assertion_type", ASSERTION_TYPE),
            ("scope", "s"),
            ("client_assertion", &assertion),
        ]),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("unsupported_grant_type"))
    );
    let (status, body) = token_request(
        &emulator,
        form(&[
            ("grant_type", "client_credentials"),
            (
                "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:saml2-bearer",
            ),
            ("scope", "s"),
            ("client_assertion", &assertion),
        ]),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_request"))
    );
    let (status, body) = token_request(
        &emulator,
        form(&[
            ("grant_type", "client_credentials"),
            ("client_assertion_type", ASSERTION_TYPE),
            ("client_assertion", &assertion),
        ]),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (400, Some("invalid_scope"))
    );
    // None of these refusals spent the assertion's jti.
    assert_eq!(request_token(&emulator, &assertion).await.0, 200);
}
