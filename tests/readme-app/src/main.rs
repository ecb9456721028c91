use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Html;
use axum::{Router, routing::get};
use yoti_client::{
    DigitalIdentityClient, ReceiptId, ShareOutcome, SharePolicy, ShareSessionConfiguration,
};

/// What the share asks for; `#[derive(SharePolicy)]` writes the policy and the decoder.
#[derive(SharePolicy)]
struct Visitor {
    #[yoti(full_name)]
    name: String,
    #[yoti(age_over = 18)]
    adult: bool,
}

const CALLBACK: &str = "http://localhost:3000/callback";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // YOTI_CLIENT_SDK_ID, YOTI_KEY_FILE_PATH and, for the emulator, YOTI_DIGITAL_IDENTITY_API_URL.
    let client = DigitalIdentityClient::from_env()?;
    let app = Router::new()
        .route("/", get(start_share))
        .route("/callback", get(callback))
        .with_state(client);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("open http://localhost:3000");
    axum::serve(listener, app).await?;
    Ok(())
}

/// A share session for `Visitor`, and a link to its QR code: Yoti's, or the emulator's page.
async fn start_share(State(client): State<DigitalIdentityClient>) -> Result<Html<String>, Failed> {
    let config = ShareSessionConfiguration::new::<Visitor>(CALLBACK).map_err(failed)?;
    let session = client.create_share_session(&config).await.map_err(failed)?;
    let qr = client
        .create_share_qr_code(&session.id)
        .await
        .map_err(failed)?;
    let uri = qr.uri.ok_or("the QR code has no URI").map_err(failed)?;
    Ok(Html(format!(r#"<a href="{uri}">Share with Yoti</a>"#)))
}

/// Where the browser lands after the share, with `?receiptId=...`: the id as it arrives.
async fn callback(
    State(client): State<DigitalIdentityClient>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<String, Failed> {
    let receipt_id = query
        .get("receiptId")
        .ok_or("no receiptId")
        .and_then(|id| ReceiptId::parse(id).map_err(|_| "not a receipt id"))
        .map_err(failed)?;
    // The person declining, or not meeting the policy, is an outcome to show, not an error.
    let outcome = client
        .get_share_receipt::<Visitor>(&receipt_id)
        .await
        .map_err(failed)?;
    Ok(match outcome {
        ShareOutcome::Shared(receipt) => {
            let visitor = receipt.user();
            format!("Hello {}; 18 or over: {}", visitor.name, visitor.adult)
        }
        ShareOutcome::NotShared(failure) => format!("No share: {}", failure.error),
    })
}

/// Errors name what failed, never the person's data: fine to show while developing.
type Failed = (StatusCode, String);

fn failed(error: impl std::fmt::Display) -> Failed {
    (StatusCode::BAD_GATEWAY, error.to_string())
}
