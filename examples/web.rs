//! A web application that asks for a verified name, an age check and a selfie:
//!
//! ```sh
//! cargo run --example web
//! ```
//!
//! and open the address it prints. `GET /` creates a share session and shows its QR code and a
//! link to open it; after the share, Yoti sends the browser to `GET /callback?receiptId=...`,
//! which decrypts the receipt into [`VerifiedVisitor`](yoti_examples::policy::VerifiedVisitor)
//! and shows it. The application itself is in `src/web/` so that the browser test drives the
//! same code.
//!
//! With no `YOTI_*` variables it runs an emulator of the Yoti API in this process: the QR link
//! opens the emulator's share page, whose Share button shares as a demo persona. With
//! `YOTI_CLIENT_SDK_ID` and `YOTI_KEY_FILE_PATH` set it uses the real Yoti API, and the page
//! also loads Yoti's web share client; `YOTI_REDIRECT_URI` is then the callback Yoti redirects
//! to (default `/callback`, on the domain set in Yoti Hub, which must reach this server).
//!
//! `PORT` sets the port on 127.0.0.1 (default 3000, or any free port when 3000 is taken).
//!
//! The callback shows a receipt only to the browser that started its share (a cookie), and
//! keeps each share's outcome (name and age check, never the selfie) in SQLite: the file
//! `DATABASE_URL` names (`sqlite://path`, `sqlite:path` or a path), by default
//! `target/yoti-web-example.sqlite3`. `POST /webhook` takes the session's notification, which
//! must carry `Authorization: Bearer $YOTI_WEBHOOK_SECRET` (a random secret, printed, when it
//! is not set); against the real API it is set only when `YOTI_WEBHOOK_URL` gives its public
//! address; it is answered 401 before its body is read, and a body over 8 KiB is a 413.
//! `GET /verifications` lists what was kept, only when `VERIFICATIONS_TOKEN` is set (at least
//! 16 visible ASCII characters) and only to requests with `Authorization: Bearer <token>`;
//! otherwise it is a 404.

use std::error::Error;
use std::process::ExitCode;

use yoti_examples::backend::Connection;
use yoti_examples::web;

const DEFAULT_PORT: u16 = 3000;

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
    let connection = Connection::from_env_or_emulator().await?;
    let settings = web::Settings::from_env()?;
    let app = match std::env::var("PORT") {
        Ok(port) => {
            let port = port
                .parse()
                .map_err(|_| format!("PORT={port} is not a port"))?;
            web::start(&connection, port, &settings).await?
        }
        Err(_) => match web::start(&connection, DEFAULT_PORT, &settings).await {
            Ok(app) => app,
            Err(web::StartError::Bind(_)) => web::start(&connection, 0, &settings).await?,
            Err(other) => return Err(other.into()),
        },
    };

    match connection.emulator() {
        Some(emulator) => println!(
            "No YOTI_* variables set: using an emulator of the Yoti API at {}.",
            emulator.base_url()
        ),
        None if connection.client.base_url() == yoti_client::config::DEFAULT_BASE_URL => {
            println!(
                "Using the real Yoti API at {}.",
                connection.client.base_url()
            )
        }
        None => println!(
            "Using the API at {} (YOTI_DIGITAL_IDENTITY_API_URL).",
            connection.client.base_url()
        ),
    }
    println!("Verifications are kept in {}.", settings.database.display());
    if settings.webhook_secret_generated {
        // A development default: set YOTI_WEBHOOK_SECRET for anything that outlives this run.
        println!(
            "Webhook secret ({} not set, generated for this run): {}",
            web::ENV_WEBHOOK_SECRET,
            settings.webhook_secret
        );
    }
    match settings.verifications_token {
        Some(_) => println!(
            "{}verifications needs `Authorization: Bearer ${}`.",
            app.url(),
            web::ENV_VERIFICATIONS_TOKEN
        ),
        None => println!(
            "{}verifications is off ({} not set).",
            app.url(),
            web::ENV_VERIFICATIONS_TOKEN
        ),
    }
    println!("Open {} (Ctrl-C stops).", app.url());

    tokio::signal::ctrl_c().await?;
    Ok(())
}
