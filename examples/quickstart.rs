//! From a Rust struct to a decrypted, typed receipt, in one run:
//!
//! ```sh
//! cargo run --example quickstart
//! ```
//!
//! 1. declare what you want from the person as a struct (`#[derive(SharePolicy)]`);
//! 2. the macro has already written the share policy, at compile time;
//! 3. a client signs requests with the application's key;
//! 4. create a share session and a QR code for it;
//! 5. the person scans the QR code and shares; Yoti gives you a receipt id;
//! 6. fetch the receipt, decrypt it, and get your struct back, filled.
//!
//! With no `YOTI_*` variables set, the API is an emulator started in this process, and step 5 is
//! its demo persona sharing through the emulator's control API: no account, no phone needed.
//!
//! With `YOTI_CLIENT_SDK_ID` and `YOTI_KEY_FILE_PATH` set (your application in Yoti Hub), it
//! talks to the real Yoti API instead: it prints the QR code, you scan it with the Yoti app, and
//! you type the receipt id from the redirect (`...?receiptId=...`) on standard input; or give a
//! receipt id as the first argument to fetch it without a new share. `YOTI_REDIRECT_URI` sets
//! where Yoti sends the browser back (default `/callback`, on the domain set in Yoti Hub).

use std::error::Error;
use std::process::ExitCode;

use tokio::io::AsyncBufReadExt;
use yoti_client::{DigitalIdentityClient, ReceiptId, SessionId, ShareOutcome};
use yoti_emulator::{DemoApplication, Emulator, EmulatorHandle};
use yoti_policy::{Date, Image, SharePolicy, ShareSessionConfiguration};

// Step 1. Each field is a wanted attribute; its type says what comes back. A field that is not an
// `Option` is required: a receipt without it is an error, never a half-filled struct.
#[derive(SharePolicy)]
#[yoti(selfie_authentication)] // the person confirms the share with a selfie check
struct Checkout {
    #[yoti(full_name)]
    name: String,
    #[yoti(date_of_birth)]
    date_of_birth: Date,
    // Yoti derives the answer from the date of birth: you learn "18 or over?", nothing more.
    #[yoti(age_over = 18)]
    adult: bool,
    #[yoti(selfie)]
    selfie: Image,
    // Optional: the share goes ahead without it.
    #[yoti(email_address)]
    email: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // The message, then each cause: errors here name what to fix.
            eprintln!("error: {error}");
            let mut source = error.source();
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn Error>> {
    // Step 2. The share policy is a `&'static str` the macro wrote; nothing is built at run time.
    println!(
        "Share policy (Checkout::POLICY_JSON):\n  {}\n",
        Checkout::POLICY_JSON
    );

    // Step 3. A client for the real API when it is configured, else for an embedded emulator.
    let real_api = ["YOTI_CLIENT_SDK_ID", "YOTI_KEY_FILE_PATH"]
        .iter()
        .any(|name| std::env::var(name).is_ok_and(|value| !value.is_empty()));
    let (client, emulator) = if real_api {
        // Reads YOTI_CLIENT_SDK_ID, YOTI_KEY_FILE_PATH and (optional)
        // YOTI_DIGITAL_IDENTITY_API_URL; an error names the variable that is missing or wrong.
        let client = DigitalIdentityClient::from_env()?;
        if client.base_url() == yoti_client::config::DEFAULT_BASE_URL {
            println!("Talking to the real Yoti API at {}.\n", client.base_url());
        } else {
            println!(
                "Talking to the API at {} (YOTI_DIGITAL_IDENTITY_API_URL).\n",
                client.base_url()
            );
        }
        (client, None)
    } else {
        let (client, emulator) = start_emulator().await?;
        println!(
            "No YOTI_* variables set: talking to an emulator of the Yoti API at {}.\n",
            client.base_url()
        );
        (client, Some(emulator))
    };

    // A receipt id given as argument (real API only) skips straight to step 6.
    let receipt_id = match (&emulator, std::env::args().nth(1)) {
        (None, Some(receipt_id)) => ReceiptId::parse(&receipt_id)?,
        _ => share(&client, emulator.as_ref()).await?,
    };

    // Step 6. One call: fetch the receipt and its wrapped item key (signed GETs), decrypt
    // (RSA -> AES-GCM -> AES-CBC -> protobuf) and decode the person's profile into `Checkout`.
    // A share the person did not complete is an outcome, not an error: one `match` tells them
    // apart. A receipt that cannot be decrypted, or a profile that does not fill the struct, is
    // an error.
    let receipt = match client.get_share_receipt::<Checkout>(&receipt_id).await? {
        ShareOutcome::Shared(receipt) => receipt,
        ShareOutcome::NotShared(failure) => {
            println!("The share did not complete: {failure}");
            return Ok(());
        }
    };
    let checkout: &Checkout = receipt.user();

    println!(
        "Receipt {} of session {}, shared at {}:",
        receipt.id(),
        receipt.session_id(),
        receipt.timestamp()
    );
    println!("Checkout {{");
    println!("    name:          {:?}", checkout.name);
    println!("    date_of_birth: {}", checkout.date_of_birth);
    println!("    adult:         {} (18 or over)", checkout.adult);
    println!(
        "    selfie:        {}, {} bytes",
        checkout.selfie.mime_type(),
        checkout.selfie.data().len()
    );
    println!("    email:         {:?}", checkout.email);
    println!("}}");
    Ok(())
}

/// Steps 4 and 5: a share session and its QR code, then someone shares. Returns the receipt id.
async fn share(
    client: &DigitalIdentityClient,
    emulator: Option<&EmulatorHandle>,
) -> Result<ReceiptId, Box<dyn Error>> {
    // Step 4. A share session asks for exactly the policy of `Checkout`. The redirect URI is
    // where the person's browser goes after sharing, with `?receiptId=...` added.
    let redirect_uri = std::env::var("YOTI_REDIRECT_URI").unwrap_or_else(|_| "/callback".into());
    let config = ShareSessionConfiguration::new::<Checkout>(redirect_uri)?;
    let session = client.create_share_session(&config).await?;
    println!("Share session {} ({})", session.id, session.status);
    let qr_code = client.create_share_qr_code(&session.id).await?;
    let qr_uri = qr_code.uri.ok_or("the QR code has no URI")?;
    println!("QR code URI:  {qr_uri}\n");

    // Step 5. Someone shares, and Yoti answers with a receipt id on the redirect.
    match emulator {
        Some(emulator) => share_as_persona(emulator, &session.id),
        None => {
            // What a web page would show (see `cargo run --example web`).
            println!("{}", yoti_examples::qr::terminal(&qr_uri)?);
            println!("Scan it with the Yoti app and share.");
            receipt_id_from_stdin().await
        }
    }
}

/// Starts an emulator of the Digital ID API on a free port of 127.0.0.1 and registers an
/// application with a key generated for this run. Returns a client for that application.
async fn start_emulator() -> Result<(DigitalIdentityClient, EmulatorHandle), Box<dyn Error>> {
    // Yoti Hub issues the SDK id and key of a real application; the demo application makes a
    // key on the spot. The emulator only gets the public half, as Yoti only has yours.
    let demo = DemoApplication::generate()?;
    let emulator = Emulator::builder()
        .application(demo.application().with_name("Corner Shop"))
        .start()
        .await?;
    // The same client as for Yoti, with another base URL.
    let client = DigitalIdentityClient::builder(demo.sdk_id(), demo.private_key())
        .base_url(emulator.base_url())
        .build()?;
    Ok((client, emulator))
}

/// What the person does on their phone, done by the emulator: share the demo persona's details
/// (Jane Alexandra Doe) for the session. Returns the receipt id.
fn share_as_persona(
    emulator: &EmulatorHandle,
    session_id: &SessionId,
) -> Result<ReceiptId, Box<dyn Error>> {
    let receipt_id = emulator.share_persona(session_id)?.receipt_id;
    println!("The demo persona shared. Receipt id: {receipt_id}\n");
    Ok(receipt_id)
}

/// The receipt id typed on standard input. It may be pasted straight from the redirect URL: the
/// client undoes the URL encoding.
async fn receipt_id_from_stdin() -> Result<ReceiptId, Box<dyn Error>> {
    println!("Then paste the receiptId from the address you were sent to, and press Enter:");
    let line = tokio::io::BufReader::new(tokio::io::stdin())
        .lines()
        .next_line()
        .await?
        .ok_or("no receipt id given")?;
    Ok(ReceiptId::parse(&line)?)
}
