//! The page a QR code's `uri` points at: the application, what it asks for in plain words, the
//! QR image, and a Share button that shares the persona and sends the browser back to the
//! session's redirect URI with `?receiptId=...`, as the real flow does.

use std::sync::Arc;
use std::time::SystemTime;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, PreEscaped, html};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use qrcode::QrCode;
use qrcode::render::svg;
use yoti_policy::Policy;
use yoti_policy::policy::WantedAttribute;

use crate::error::ApiError;
use crate::share_request::{ShareRequest, identity_requirements};
use crate::state::{Shared, resolve};
use crate::store::SessionStatus;
use crate::{QR_PAGE_PATH, share};

/// The page runs no script, loads nothing and may not be framed: a framing site could lay
/// something over the Share button and have it clicked.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

/// What the page shows, read under the lock.
struct PageData {
    app_name: String,
    policy: Policy,
    status: SessionStatus,
}

/// `GET /emulator/v1/qr/{qrCodeId}`.
pub(crate) async fn page(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path.map_err(|_| qr_not_found())?.0;
    let data = {
        let store = shared.store();
        let qr = store.qr_code(&id).ok_or_else(qr_not_found)?;
        let session = store.session(&qr.session_id).ok_or_else(qr_not_found)?;
        let app_name = shared
            .apps_read()
            .get(&session.sdk_id)
            .map(|entry| entry.app.name.clone())
            .unwrap_or_default();
        PageData {
            app_name,
            policy: session.config.policy().clone(),
            status: session.status(SystemTime::now()),
        }
    };
    let uri = format!("{}{QR_PAGE_PATH}/{id}", shared.settings.public_origin);
    let mut response =
        Html(render(&data, &uri, &format!("{QR_PAGE_PATH}/{id}/share"))).into_response();
    let headers = response.headers_mut();
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    Ok(response)
}

/// `POST /emulator/v1/qr/{qrCodeId}/share`: shares the persona, then 303 to the redirect URI.
pub(crate) async fn share(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let id = path.map_err(|_| qr_not_found())?.0;
    let (session_id, redirect_uri, sdk_id) = {
        let store = shared.store();
        let qr = store.qr_code(&id).ok_or_else(qr_not_found)?;
        let session = store.session(&qr.session_id).ok_or_else(qr_not_found)?;
        (
            session.id.clone(),
            session.config.redirect_uri().to_owned(),
            session.sdk_id.clone(),
        )
    };
    let outcome = share::share(&shared, &session_id, &ShareRequest::default())?;
    let domain = shared
        .apps_read()
        .get(&sdk_id)
        .map(|entry| shared.app_domain(&entry.app))
        .unwrap_or_else(|| shared.settings.public_origin.clone());
    let location = redirect_location(&resolve(&domain, &redirect_uri), &outcome.receipt_id);
    let mut response = StatusCode::SEE_OTHER.into_response();
    let value = HeaderValue::from_str(&location)
        .map_err(|_| ApiError::internal("the redirect URI is not a valid header value"))?;
    response.headers_mut().insert(header::LOCATION, value);
    Ok(response)
}

/// `<redirect>?receiptId=<percent-encoded id>` (or `&receiptId=` when there is a query).
pub(crate) fn redirect_location(redirect: &str, receipt_id: &str) -> String {
    let (base, fragment) = match redirect.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (redirect, None),
    };
    let separator = if base.contains('?') { '&' } else { '?' };
    let mut out = format!(
        "{base}{separator}receiptId={}",
        utf8_percent_encode(receipt_id, NON_ALPHANUMERIC)
    );
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

fn qr_not_found() -> ApiError {
    ApiError::not_found("QR code not found")
}

/// The page's style sheet: ours, so it goes in as it is.
const STYLE: &str = "body{font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;\
    line-height:1.5}button{font-size:1.1rem;padding:.6rem 2rem;background:#2875bc;color:#fff;\
    border:0;border-radius:4px;cursor:pointer}button:focus{outline:3px solid #ffbf47}\
    figure{margin:1rem 0}";

/// The page. The application's name and the policy's wording come from the relying party's
/// requests; the template escapes them, and everything else.
fn render(data: &PageData, uri: &str, action: &str) -> String {
    let mut items: Vec<String> = data
        .policy
        .wanted()
        .iter()
        .map(|wanted| {
            let words = plain_words(wanted);
            if wanted.is_optional() {
                format!("{words} (optional)")
            } else {
                words
            }
        })
        .collect();
    if identity_requirements(&data.policy).is_some() {
        items.push("A verified identity profile".into());
    }
    if data.policy.wanted_remember_me() {
        items.push("To remember you next time".into());
    }
    if items.is_empty() {
        items.push("Nothing but your confirmation".into());
    }
    let name = &data.app_name;
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Share with " (name) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                main {
                    h1 { (name) " would like to see" }
                    ul { @for item in &items { li { (item) } } }
                    figure {
                        // Our own SVG: paths and numbers only.
                        div role="img" aria-label="QR code of this share" {
                            (PreEscaped(qr_svg(uri)))
                        }
                        figcaption {
                            "Scan with the Yoti app, or share as the test persona below."
                        }
                    }
                    @match data.status {
                        SessionStatus::Created | SessionStatus::QrCodeCreated => {
                            form method="post" action=(action) {
                                button type="submit" { "Share" }
                            }
                        }
                        SessionStatus::Completed => {
                            p role="status" { "This share has been completed." }
                        }
                        SessionStatus::Expired => {
                            p role="status" { "This share session has expired." }
                        }
                    }
                }
            }
        }
    }
    .into_string()
}

/// The QR image as inline SVG (without the XML declaration), or nothing if it cannot be made.
fn qr_svg(uri: &str) -> String {
    match QrCode::new(uri.as_bytes()) {
        Ok(code) => {
            let image = code
                .render::<svg::Color<'_>>()
                .min_dimensions(200, 200)
                .build();
            match image.find("<svg") {
                Some(start) => image.get(start..).unwrap_or_default().to_owned(),
                None => image,
            }
        }
        Err(_) => String::new(),
    }
}

/// A wanted attribute in words a person understands.
fn plain_words(wanted: &WantedAttribute) -> String {
    if let Some(derivation) = wanted.derivation() {
        let parts: Vec<_> = derivation.split(':').collect();
        return match parts.as_slice() {
            ["age_over", age] => format!("Whether you are {age} or over"),
            ["age_under", age] => format!("Whether you are under {age}"),
            ["age_over", age, _] => format!("Whether you look {age} or over"),
            _ => format!("Your {}", derivation.replace('_', " ")),
        };
    }
    match wanted.name() {
        "family_name" => "Your family name".into(),
        "given_names" => "Your given names".into(),
        "full_name" => "Your full name".into(),
        "date_of_birth" => "Your date of birth".into(),
        "gender" => "Your gender".into(),
        "postal_address" | "structured_postal_address" => "Your address".into(),
        "nationality" => "Your nationality".into(),
        "phone_number" => "Your mobile number".into(),
        "selfie" => "Your photo".into(),
        "email_address" => "Your email address".into(),
        "document_details" => "Details of your identity document".into(),
        "document_images" => "Images of your identity document".into(),
        other => format!("Your {}", other.replace('_', " ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_carry_the_percent_encoded_receipt_id() {
        assert_eq!(
            redirect_location("https://a/done", "ab+c/d="),
            "https://a/done?receiptId=ab%2Bc%2Fd%3D"
        );
        assert_eq!(
            redirect_location("https://a/done?x=1#top", "a"),
            "https://a/done?x=1&receiptId=a#top"
        );
    }

    #[test]
    fn pages_name_the_application_and_escape_it() {
        let data = PageData {
            app_name: "Shop <&>".into(),
            policy: Policy::builder().full_name().age_over(18).build().unwrap(),
            status: SessionStatus::Created,
        };
        let html = render(&data, "http://x/qr/1", "/share");
        assert!(html.contains("Shop &lt;&amp;&gt; would like to see"));
        assert!(html.contains("<li>Your full name</li>"));
        assert!(html.contains("<li>Whether you are 18 or over</li>"));
        assert!(html.contains("<svg"));
        assert!(html.contains("<form method=\"post\" action=\"/share\">"));
    }

    #[test]
    fn hostile_names_cannot_add_markup_to_the_page() {
        const HOSTILE: &str = "<script>alert(1)</script>\"'&";
        const ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;'&amp;";
        let data = PageData {
            app_name: HOSTILE.into(),
            policy: Policy::builder()
                .wanted(WantedAttribute::new(HOSTILE))
                .build()
                .unwrap(),
            status: SessionStatus::Created,
        };
        let html = render(&data, "http://x/qr/1", HOSTILE);
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains(&format!("<title>Share with {ESCAPED}</title>")));
        assert!(html.contains(&format!("<h1>{ESCAPED} would like to see</h1>")));
        assert!(html.contains(&format!("<li>Your {ESCAPED}</li>")));
        // An attribute value cannot be closed by the text it holds.
        assert!(html.contains(&format!("<form method=\"post\" action=\"{ESCAPED}\">")));
    }
}
