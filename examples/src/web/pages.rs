//! The HTML of the pages. Every value that comes from a request, the API or a receipt goes
//! through [`escape`] (or [`script_string`] inside the script).

use yoti_policy::profile::AgeCheck;
use yoti_policy::{AgeVerification, Attribute};
use yoti_protocol::receipt::{FailureReceipt, Receipt};

use super::store::{Outcome, Verification};
use crate::html::{escape, script_string};
use crate::policy::VerifiedVisitor;

/// What the share page shows.
pub(super) struct Share<'a> {
    /// The QR code as an `<svg>` element, made by us from `qr_uri`.
    pub qr_svg: &'a str,
    pub qr_uri: &'a str,
    pub session_id: &'a str,
    /// Present only against Yoti's production API.
    pub web_share: Option<WebShare<'a>>,
}

/// What Yoti's web share client needs.
pub(super) struct WebShare<'a> {
    pub sdk_id: &'a str,
    pub session_id: &'a str,
    pub redirect_uri: &'a str,
}

pub(super) fn share(share: &Share<'_>) -> String {
    let how = match &share.web_share {
        Some(web_share) => yoti_web_share(web_share),
        None => "<p class=\"note\">This page talks to the local Yoti emulator: the link opens its \
                 share page, where <strong>Share</strong> shares the demo persona's details and \
                 brings you back here.</p>"
            .to_owned(),
    };
    layout(
        "Verify with Yoti",
        &format!(
            "<h1>Verify with Yoti</h1>\
             <p>To continue, share with us your <strong>full name</strong>, whether you are \
             <strong>18 or over</strong>, and a <strong>selfie</strong>.</p>\
             <figure class=\"qr\">{svg}<figcaption>Scan with the Yoti app</figcaption></figure>\
             <p><a id=\"open-share\" class=\"button\" href=\"{uri}\">Open the share page</a></p>\
             {how}\
             <p class=\"meta\">Share session <code>{session}</code></p>",
            // Our own SVG: only paths and numbers, nothing from outside but the QR pattern.
            svg = share.qr_svg,
            uri = escape(share.qr_uri),
            session = escape(share.session_id),
        ),
    )
}

/// Yoti's web share client, as Yoti documents it for production: the script from
/// `https://www.yoti.com/share/client/v2` and `Yoti.createWebShare({...})` with the application's
/// SDK id and a hook that resolves the share session id created by the backend. The client
/// renders its own QR code or button in `#yoti-share-button` and, when the share completes,
/// hands over the receipt id, which goes to the redirect URI as `?receiptId=`.
fn yoti_web_share(web_share: &WebShare<'_>) -> String {
    format!(
        r#"<div id="yoti-share-button"></div>
<script src="https://www.yoti.com/share/client/v2"></script>
<script>
  (async () => {{
    const {{ Yoti }} = window;
    if (!Yoti) {{ console.error("Yoti web share client not loaded"); return; }}
    await Yoti.ready();
    await Yoti.createWebShare({{
      name: "Verify with Yoti",
      domId: "yoti-share-button",
      sdkId: {sdk_id},
      hooks: {{
        // The session created for this page load; a long-lived page would fetch a new one.
        sessionIdResolver: () => Promise.resolve({session_id}),
        completionHandler: (receiptId) => {{
          const next = new URL({redirect_uri}, window.location.href);
          next.searchParams.set("receiptId", receiptId);
          window.location.assign(next.toString());
        }},
        errorListener: (errorCode) => console.warn("Yoti web share error", errorCode),
      }},
    }});
  }})().catch((error) => console.error("Yoti web share could not start", error));
</script>"#,
        sdk_id = script_string(web_share.sdk_id),
        session_id = script_string(web_share.session_id),
        redirect_uri = script_string(web_share.redirect_uri),
    )
}

pub(super) fn verified(receipt: &Receipt<VerifiedVisitor>) -> String {
    let visitor = receipt.user();
    let age = &visitor.age_18_or_over;
    layout(
        "Verified",
        &format!(
            "<h1>Verified</h1>\
             <div class=\"profile\">\
             <img id=\"selfie\" src=\"{selfie}\" alt=\"Selfie taken when sharing\" width=\"128\" \
             height=\"128\">\
             <dl>\
             <dt>Full name</dt><dd id=\"full-name\">{name}</dd>\
             <dt>Age check</dt><dd id=\"age-check\" class=\"{age_class}\">{age_question}: \
             <strong>{age_answer}</strong></dd>\
             <dt>Name from</dt><dd id=\"name-anchors\">{anchors}</dd>\
             <dt>Shared at</dt><dd>{timestamp}</dd>\
             </dl></div>\
             <p class=\"meta\">Receipt <code>{receipt_id}</code></p>\
             <p class=\"note\">{KEPT}</p>\
             <p><a class=\"button\" href=\"./\">Start again</a></p>",
            selfie = escape(&visitor.selfie.data_url()),
            name = escape(visitor.full_name.value()),
            age_class = if age.result() { "yes" } else { "no" },
            age_question = escape(&age_question(age)),
            age_answer = if age.result() { "Yes" } else { "No" },
            anchors = escape(&anchors(&visitor.full_name)),
            timestamp = escape(receipt.timestamp()),
            receipt_id = escape(receipt.id()),
        ),
    )
}

/// What the pages say the application keeps.
const KEPT: &str = "This application keeps your verified name and age check, and when you \
    shared them; it does not keep your selfie.";

/// A share as stored: shown on a reload of the callback, without the receipt.
pub(super) fn stored(stored: &Verification) -> String {
    let details = match &stored.outcome {
        Outcome::Verified {
            full_name,
            age_question,
            age_result,
        } => {
            return layout(
                "Verified",
                &format!(
                    "<h1>Verified</h1>\
                     <dl>\
                     <dt>Full name</dt><dd id=\"full-name\">{name}</dd>\
                     <dt>Age check</dt><dd id=\"age-check\" class=\"{class}\">{question}: \
                     <strong>{answer}</strong></dd>\
                     <dt>Shared at</dt><dd>{shared_at}</dd>\
                     </dl>\
                     <p id=\"stored\" class=\"note\">Shown from this application's records, \
                     kept when you shared. {KEPT}</p>\
                     <p><a class=\"button\" href=\"./\">Start again</a></p>",
                    name = escape(full_name),
                    class = if *age_result { "yes" } else { "no" },
                    question = escape(age_question),
                    answer = if *age_result { "Yes" } else { "No" },
                    shared_at = escape(stored.shared_at.as_deref().unwrap_or("—")),
                ),
            );
        }
        Outcome::Failed { error_code } => format!(
            "<dl><dt>Error code</dt><dd id=\"error-code\"><code>{}</code></dd></dl>",
            escape(error_code)
        ),
        Outcome::Pending => String::new(),
    };
    layout(
        "The share did not complete",
        &format!(
            "<h1>The share did not complete</h1>{details}\
             <p id=\"stored\" class=\"note\">Shown from this application's records.</p>\
             <p><a class=\"button\" href=\"./\">Try again</a></p>"
        ),
    )
}

/// The 403 page for a receipt this browser did not start.
pub(super) fn refused() -> String {
    layout(
        "Not your share",
        "<h1>Not your share</h1>\
         <p id=\"refused\">This share was started in another browser, or this browser's \
         session has ended. What was shared is shown only in the browser that started the \
         share: a link with a receipt id is not enough.</p>\
         <p><a class=\"button\" href=\"./\">Start a share here</a></p>",
    )
}

/// The list of stored shares: name and age check at most, never a selfie or a receipt id.
pub(super) fn verifications(list: &[Verification]) -> String {
    let rows: String = list
        .iter()
        .map(|verification| {
            let (outcome, name, age) = match &verification.outcome {
                Outcome::Verified {
                    full_name,
                    age_question,
                    age_result,
                } => (
                    "Verified".to_owned(),
                    escape(full_name),
                    format!(
                        "{}: {}",
                        escape(age_question),
                        if *age_result { "Yes" } else { "No" }
                    ),
                ),
                Outcome::Failed { error_code } => (
                    format!("Failed ({})", escape(error_code)),
                    "—".into(),
                    "—".into(),
                ),
                Outcome::Pending => ("Receipt not read yet".to_owned(), "—".into(), "—".into()),
            };
            format!(
                "<tr><td>{recorded}</td><td>{outcome}</td><td>{name}</td><td>{age}</td>\
                 <td>{status}</td></tr>",
                recorded = escape(&verification.recorded_at),
                status = escape(verification.session_status.as_deref().unwrap_or("—")),
            )
        })
        .collect();
    let table = if rows.is_empty() {
        "<p id=\"none\">No verifications yet.</p>".to_owned()
    } else {
        format!(
            "<table id=\"verifications\"><thead><tr><th>Recorded</th><th>Outcome</th>\
             <th>Full name</th><th>Age check</th><th>Session (webhook)</th></tr></thead>\
             <tbody>{rows}</tbody></table>"
        )
    };
    layout(
        "Verifications",
        &format!(
            "<h1>Verifications</h1>{table}\
             <p class=\"note\">What this application keeps of each share: the verified name \
             and age check, never the selfie. This page opens only with the token set in \
             VERIFICATIONS_TOKEN; a real application shows it to its own staff, behind its \
             login.</p>"
        ),
    )
}

/// The 404 page of `GET /verifications` when no token is configured.
pub(super) fn not_found() -> String {
    layout(
        "Not found",
        "<h1>Not found</h1><p id=\"message\">There is no page at this address.</p>\
         <p><a class=\"button\" href=\"./\">Start a share</a></p>",
    )
}

/// The 401 page of `GET /verifications` without its token.
pub(super) fn token_required() -> String {
    layout(
        "Token required",
        "<h1>Token required</h1><p id=\"message\">This page lists what was shared: it opens \
         only with the application's token, sent as <code>Authorization: Bearer</code>.</p>",
    )
}

/// `18 or over`, `under 21`, `18 or over (estimated, 5-year buffer)`.
pub(super) fn age_question(age: &AgeVerification) -> String {
    let mut question = match age.check() {
        AgeCheck::Under => format!("Under {}", age.age()),
        _ => format!("{} or over", age.age()),
    };
    if let Some(buffer) = age.buffer() {
        question.push_str(&format!(" (estimated, {buffer}-year buffer)"));
    }
    question
}

/// `PASSPORT (NFC), verified by PASSPORT_NFC_SIGNATURE`, or `self-asserted`.
fn anchors(attribute: &Attribute<String>) -> String {
    if attribute.is_self_asserted() {
        return "self-asserted".to_owned();
    }
    let list = |anchors: Vec<String>| {
        if anchors.is_empty() {
            "unknown".to_owned()
        } else {
            anchors.join(", ")
        }
    };
    let sources = attribute
        .sources()
        .map(|anchor| match anchor.sub_type() {
            "" => anchor.value().to_owned(),
            sub_type => format!("{} ({sub_type})", anchor.value()),
        })
        .collect();
    let verifiers = attribute
        .verifiers()
        .map(|anchor| anchor.value().to_owned())
        .collect();
    format!("{}, verified by {}", list(sources), list(verifiers))
}

pub(super) fn failure(failure: &FailureReceipt) -> String {
    let rows: String = failure
        .requirements_not_met
        .iter()
        .map(|requirement| {
            let cell = |value: &Option<String>| escape(value.as_deref().unwrap_or("—"));
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"audit\">{}</td></tr>",
                cell(&requirement.failure_type),
                cell(&requirement.details),
                cell(&requirement.document_type),
                cell(&requirement.document_country_iso_code),
                cell(&requirement.audit_id),
            )
        })
        .collect();
    let table = if rows.is_empty() {
        String::new()
    } else {
        format!(
            "<h2>Requirements not met</h2><table id=\"requirements\"><thead><tr><th>Failure</th>\
             <th>Details</th><th>Document</th><th>Country</th><th>Audit id</th></tr></thead>\
             <tbody>{rows}</tbody></table>"
        )
    };
    layout(
        "The share did not complete",
        &format!(
            "<h1>The share did not complete</h1>\
             <p>Yoti answered with a failure receipt: the share did not meet what this page asks \
             for, so there are no details to show.</p>\
             <dl><dt>Error code</dt><dd id=\"error-code\"><code>{code}</code></dd>\
             <dt>Ended at</dt><dd>{timestamp}</dd></dl>{table}\
             <p class=\"meta\">Receipt <code>{receipt_id}</code></p>\
             <p><a class=\"button\" href=\"./\">Try again</a></p>",
            code = escape(&failure.error),
            timestamp = escape(failure.timestamp()),
            receipt_id = escape(failure.id()),
        ),
    )
}

pub(super) fn error(title: &str, message: &str) -> String {
    layout(
        title,
        &format!(
            "<h1>{title}</h1><p id=\"message\">{message}</p>\
             <p><a class=\"button\" href=\"./\">Start again</a></p>",
            title = escape(title),
            message = escape(message),
        ),
    )
}

const STYLE: &str = "body{margin:0;background:#f4f6f8;color:#1d2939;\
    font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif}\
    main{max-width:36rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;\
    border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12)}\
    h1{font-size:1.6rem;margin-top:0}h2{font-size:1.15rem}\
    .qr{margin:1rem 0;text-align:center}.qr svg{width:240px;height:240px}\
    figcaption{color:#667085;font-size:.9rem}\
    .button{display:inline-block;padding:.6rem 1.4rem;background:#2875bc;color:#fff;\
    border-radius:4px;text-decoration:none}.button:focus{outline:3px solid #f5a623}\
    .note{background:#eef4fb;border-left:4px solid #2875bc;padding:.5rem .9rem}\
    .meta{color:#667085;font-size:.8rem;word-break:break-all}\
    .profile{display:flex;gap:1.5rem;align-items:flex-start}\
    .profile img{border-radius:6px;object-fit:cover;background:#ddd}\
    dl{margin:0;display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem}\
    dt{color:#667085}dd{margin:0}.yes strong{color:#067647}.no strong{color:#b42318}\
    table{border-collapse:collapse;font-size:.85rem;width:100%}\
    th,td{border:1px solid #d0d5dd;padding:.3rem .5rem;text-align:left}\
    td.audit{overflow-wrap:anywhere;font-family:monospace;font-size:.75rem}";

fn layout(title: &str, main: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head>\
         <body><main>{main}</main></body></html>",
        title = escape(title),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share_page(web_share: Option<WebShare<'_>>) -> String {
        share(&Share {
            qr_svg: "<svg></svg>",
            qr_uri: "https://example.com/qr?a=1&b=\"2\"",
            session_id: "ss.v2.abc=",
            web_share,
        })
    }

    #[test]
    fn the_yoti_web_share_client_is_loaded_only_for_the_real_api() {
        let emulator = share_page(None);
        assert!(!emulator.contains("<script"));
        assert!(emulator.contains("href=\"https://example.com/qr?a=1&amp;b=&quot;2&quot;\""));

        let yoti = share_page(Some(WebShare {
            sdk_id: "sdk-</script><script>alert(1)//",
            session_id: "ss.v2.abc=",
            redirect_uri: "/callback",
        }));
        assert!(yoti.contains("<script src=\"https://www.yoti.com/share/client/v2\"></script>"));
        assert!(yoti.contains("await Yoti.createWebShare({"));
        assert!(yoti.contains("sessionIdResolver: () => Promise.resolve(\"ss.v2.abc=\")"));
        assert!(yoti.contains("new URL(\"/callback\", window.location.href)"));
        // The two script elements of the snippet, and no more: the values cannot add any.
        assert_eq!(yoti.matches("<script").count(), 2);
        assert_eq!(yoti.matches("</script>").count(), 2);
    }

    #[test]
    fn failure_pages_escape_what_the_receipt_says() {
        let body = br#"{"id":"r<1>","sessionId":"s","timestamp":"t","error":"<b>FRAUD</b>",
            "errorReason":{"requirements_not_met_details":[{"failure_type":"<i>x</i>"}]}}"#;
        let response = yoti_protocol::receipt::ReceiptResponse::from_json(body).unwrap();
        let yoti_protocol::receipt::ReceiptResponse::Failure(receipt) = response else {
            panic!("not a failure receipt")
        };
        let html = failure(&receipt);
        assert!(html.contains("&lt;b&gt;FRAUD&lt;/b&gt;"));
        assert!(html.contains("<td>&lt;i&gt;x&lt;/i&gt;</td><td>—</td>"));
        assert!(!html.contains("<b>") && !html.contains("<i>"));
    }

    #[test]
    fn error_pages_escape_title_and_message() {
        let html = error("<T>", "a & b");
        assert!(html.contains("<title>&lt;T&gt;</title>"));
        assert!(html.contains("<p id=\"message\">a &amp; b</p>"));
    }
}
