//! The HTML of the pages, as maud templates: every value spliced into them, from a request, the
//! API or a receipt, is escaped by the template engine (and the values of the one inline script
//! go through [`script_string`]).

use maud::{DOCTYPE, Markup, PreEscaped, html};
use yoti_policy::profile::AgeCheck;
use yoti_policy::{AgeVerification, Attribute};
use yoti_protocol::receipt::{FailureReceipt, Receipt};

use super::store::{Outcome, Verification};
use crate::policy::VerifiedVisitor;
use crate::script::script_string;

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
    layout(
        "Verify with Yoti",
        html! {
            h1 { "Verify with Yoti" }
            p {
                "To continue, share with us your " strong { "full name" } ", whether you are "
                strong { "18 or over" } ", and a " strong { "selfie" } "."
            }
            figure class="qr" {
                // Our own SVG: only paths and numbers, nothing from outside but the QR pattern.
                (PreEscaped(share.qr_svg))
                figcaption { "Scan with the Yoti app" }
            }
            p { a id="open-share" class="button" href=(share.qr_uri) { "Open the share page" } }
            @match &share.web_share {
                Some(web_share) => (yoti_web_share(web_share)),
                None => p class="note" {
                    "This page talks to the local Yoti emulator: the link opens its share page, \
                     where " strong { "Share" } " shares the demo persona's details and brings \
                     you back here."
                },
            }
            p class="meta" { "Share session " code { (share.session_id) } }
        },
    )
}

/// Yoti's web share client, as Yoti documents it for production: the script from
/// `https://www.yoti.com/share/client/v2` and `Yoti.createWebShare({...})` with the application's
/// SDK id and a hook that resolves the share session id created by the backend. The client
/// renders its own QR code or button in `#yoti-share-button` and, when the share completes,
/// hands over the receipt id, which goes to the redirect URI as `?receiptId=`.
fn yoti_web_share(web_share: &WebShare<'_>) -> Markup {
    // Script text is not HTML: the values go in as JavaScript strings that cannot end it.
    let script = format!(
        r#"
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
"#,
        sdk_id = script_string(web_share.sdk_id),
        session_id = script_string(web_share.session_id),
        redirect_uri = script_string(web_share.redirect_uri),
    );
    html! {
        div id="yoti-share-button" {}
        script src="https://www.yoti.com/share/client/v2" {}
        script { (PreEscaped(script)) }
    }
}

pub(super) fn verified(receipt: &Receipt<VerifiedVisitor>) -> String {
    let visitor = receipt.user();
    let age = &visitor.age_18_or_over;
    layout(
        "Verified",
        html! {
            h1 { "Verified" }
            div class="profile" {
                img id="selfie" src=(visitor.selfie.data_url()) alt="Selfie taken when sharing"
                    width="128" height="128";
                dl {
                    dt { "Full name" }
                    dd id="full-name" { (visitor.full_name.value()) }
                    dt { "Age check" }
                    (age_check(&age_question(age), age.result()))
                    dt { "Name from" }
                    dd id="name-anchors" { (anchors(&visitor.full_name)) }
                    dt { "Shared at" }
                    dd { (receipt.timestamp()) }
                }
            }
            p class="meta" { "Receipt " code { (receipt.id()) } }
            p class="note" { (KEPT) }
            p { a class="button" href="./" { "Start again" } }
        },
    )
}

/// `<dd>` of the age check: `18 or over: Yes`, coloured by the answer.
fn age_check(question: &str, result: bool) -> Markup {
    html! {
        dd id="age-check" class=(if result { "yes" } else { "no" }) {
            (question) ": " strong { (yes_no(result)) }
        }
    }
}

fn yes_no(result: bool) -> &'static str {
    if result { "Yes" } else { "No" }
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
                html! {
                    h1 { "Verified" }
                    dl {
                        dt { "Full name" }
                        dd id="full-name" { (full_name) }
                        dt { "Age check" }
                        (age_check(age_question, *age_result))
                        dt { "Shared at" }
                        dd { (stored.shared_at.as_deref().unwrap_or("—")) }
                    }
                    p id="stored" class="note" {
                        "Shown from this application's records, kept when you shared. " (KEPT)
                    }
                    p { a class="button" href="./" { "Start again" } }
                },
            );
        }
        Outcome::Failed { error_code } => html! {
            dl { dt { "Error code" } dd id="error-code" { code { (error_code) } } }
        },
        Outcome::Pending => html! {},
    };
    layout(
        "The share did not complete",
        html! {
            h1 { "The share did not complete" }
            (details)
            p id="stored" class="note" { "Shown from this application's records." }
            p { a class="button" href="./" { "Try again" } }
        },
    )
}

/// The 403 page for a receipt this browser did not start.
pub(super) fn refused() -> String {
    layout(
        "Not your share",
        html! {
            h1 { "Not your share" }
            p id="refused" {
                "This share was started in another browser, or this browser's session has \
                 ended. What was shared is shown only in the browser that started the share: a \
                 link with a receipt id is not enough."
            }
            p { a class="button" href="./" { "Start a share here" } }
        },
    )
}

/// The list of stored shares: name and age check at most, never a selfie or a receipt id.
pub(super) fn verifications(list: &[Verification]) -> String {
    let table = html! {
        @if list.is_empty() {
            p id="none" { "No verifications yet." }
        } @else {
            table id="verifications" {
                thead {
                    tr {
                        th { "Recorded" } th { "Outcome" } th { "Full name" } th { "Age check" }
                        th { "Session (webhook)" }
                    }
                }
                tbody {
                    @for verification in list {
                        tr {
                            td { (verification.recorded_at) }
                            @match &verification.outcome {
                                Outcome::Verified { full_name, age_question, age_result } => {
                                    td { "Verified" }
                                    td { (full_name) }
                                    td { (age_question) ": " (yes_no(*age_result)) }
                                }
                                Outcome::Failed { error_code } => {
                                    td { "Failed (" (error_code) ")" } td { "—" } td { "—" }
                                }
                                Outcome::Pending => {
                                    td { "Receipt not read yet" } td { "—" } td { "—" }
                                }
                            }
                            td { (verification.session_status.as_deref().unwrap_or("—")) }
                        }
                    }
                }
            }
        }
    };
    layout(
        "Verifications",
        html! {
            h1 { "Verifications" }
            (table)
            p class="note" {
                "What this application keeps of each share: the verified name and age check, \
                 never the selfie. This page opens only with the token set in \
                 VERIFICATIONS_TOKEN; a real application shows it to its own staff, behind its \
                 login."
            }
        },
    )
}

/// The 404 page of `GET /verifications` when no token is configured.
pub(super) fn not_found() -> String {
    layout(
        "Not found",
        html! {
            h1 { "Not found" }
            p id="message" { "There is no page at this address." }
            p { a class="button" href="./" { "Start a share" } }
        },
    )
}

/// The 401 page of `GET /verifications` without its token.
pub(super) fn token_required() -> String {
    layout(
        "Token required",
        html! {
            h1 { "Token required" }
            p id="message" {
                "This page lists what was shared: it opens only with the application's token, \
                 sent as " code { "Authorization: Bearer" } "."
            }
        },
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
    let requirements = &failure.requirements_not_met;
    let cell = |value: &Option<String>| value.as_deref().unwrap_or("—").to_owned();
    layout(
        "The share did not complete",
        html! {
            h1 { "The share did not complete" }
            p {
                "Yoti answered with a failure receipt: the share did not meet what this page \
                 asks for, so there are no details to show."
            }
            dl {
                dt { "Error code" } dd id="error-code" { code { (failure.error) } }
                dt { "Ended at" } dd { (failure.timestamp()) }
            }
            @if !requirements.is_empty() {
                h2 { "Requirements not met" }
                table id="requirements" {
                    thead {
                        tr {
                            th { "Failure" } th { "Details" } th { "Document" } th { "Country" }
                            th { "Audit id" }
                        }
                    }
                    tbody {
                        @for requirement in requirements {
                            tr {
                                td { (cell(&requirement.failure_type)) }
                                td { (cell(&requirement.details)) }
                                td { (cell(&requirement.document_type)) }
                                td { (cell(&requirement.document_country_iso_code)) }
                                td class="audit" { (cell(&requirement.audit_id)) }
                            }
                        }
                    }
                }
            }
            p class="meta" { "Receipt " code { (failure.id()) } }
            p { a class="button" href="./" { "Try again" } }
        },
    )
}

pub(super) fn error(title: &str, message: &str) -> String {
    layout(
        title,
        html! {
            h1 { (title) }
            p id="message" { (message) }
            p { a class="button" href="./" { "Start again" } }
        },
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

fn layout(title: &str, main: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                // Our own style sheet: CSS is not HTML, so it goes in as it is.
                style { (PreEscaped(STYLE)) }
            }
            body { main { (main) } }
        }
    }
    .into_string()
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
    fn hostile_values_cannot_add_markup_or_script_to_the_share_page() {
        const HOSTILE: &str = "<script>alert(1)</script>\"'&";
        const ESCAPED: &str = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;'&amp;";
        let page = |web_share| {
            share(&Share {
                qr_svg: "<svg></svg>",
                qr_uri: HOSTILE,
                session_id: HOSTILE,
                web_share,
            })
        };
        let emulator = page(None);
        assert!(!emulator.contains("<script"), "{emulator}");
        assert!(emulator.contains(&format!("href=\"{ESCAPED}\"")));
        assert!(emulator.contains(&format!("Share session <code>{ESCAPED}</code>")));

        let yoti = page(Some(WebShare {
            sdk_id: HOSTILE,
            session_id: HOSTILE,
            redirect_uri: HOSTILE,
        }));
        assert_eq!(yoti.matches("<script").count(), 2, "{yoti}");
        assert_eq!(yoti.matches("</script>").count(), 2);
        let literal = r#""\u003cscript\u003ealert(1)\u003c/script\u003e\"'\u0026""#;
        assert!(yoti.contains(&format!("sdkId: {literal},")), "{yoti}");
        assert!(yoti.contains(&format!("Promise.resolve({literal})")));
        assert!(yoti.contains(&format!("new URL({literal}, window.location.href)")));
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
