//! `yoti-emulator`: runs the local Digital ID share API until Ctrl-C.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use yoti_emulator::{Application, Emulator, keys};

/// The SDK id of the demo application created when no `--app` is given.
const DEMO_SDK_ID: &str = "00000000-0000-4000-8000-00000000d3e0";

/// A local stand-in for the Yoti Digital ID share API.
#[derive(Parser)]
#[command(name = "yoti-emulator", version, about)]
struct Args {
    /// An application as `SDK_ID=PATH`, PATH being a PEM file with its private key (as issued by
    /// Yoti Hub) or its public key. Repeatable. Without it, a demo application is created.
    #[arg(long = "app", value_name = "SDK_ID=PATH")]
    apps: Vec<String>,

    /// The port to listen on, on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8765)]
    port: u16,

    /// The public origin used in links (QR code URIs, relative redirects), e.g.
    /// `http://localhost:8765`. Default: `http://127.0.0.1:PORT`.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,

    /// Where the demo application's private key is kept (created if missing).
    #[arg(
        long,
        value_name = "PATH",
        default_value = "target/yoti-emulator/demo-key.pem"
    )]
    demo_key: PathBuf,

    /// Refuse requests whose `timestamp` is not epoch milliseconds within --timestamp-window of
    /// the clock. Off by default: Yoti does not enforce it (the official Java SDK sends
    /// microseconds of a monotonic clock). Used nonces are then forgotten once their timestamp
    /// has left the window, instead of being remembered for ever (up to --max-nonces).
    #[arg(long)]
    strict_timestamps: bool,

    /// The window of --strict-timestamps, in seconds.
    #[arg(
        long,
        value_name = "SECONDS",
        requires = "strict_timestamps",
        default_value_t = yoti_emulator::DEFAULT_TIMESTAMP_WINDOW.as_secs()
    )]
    timestamp_window: u64,

    /// Require `Authorization: Bearer TOKEN` on the control API. Prefer the environment
    /// variable: a command line is visible to every user of the machine.
    #[arg(
        long,
        env = "YOTI_EMULATOR_CONTROL_TOKEN",
        value_name = "TOKEN",
        hide_env_values = true
    )]
    control_token: Option<String>,

    /// How many used nonces are remembered at once; beyond that, signed requests get 503.
    #[arg(long, value_name = "N", default_value_t = yoti_emulator::DEFAULT_MAX_NONCES)]
    max_nonces: usize,

    /// How many share sessions are held at once; beyond that, new ones get 503.
    #[arg(long, value_name = "N", default_value_t = yoti_emulator::DEFAULT_MAX_SESSIONS)]
    max_sessions: usize,

    /// How many receipts are held at once; beyond that, shares get 503.
    #[arg(long, value_name = "N", default_value_t = yoti_emulator::DEFAULT_MAX_RECEIPTS)]
    max_receipts: usize,

    /// How long a share session, its QR codes and receipt are kept after it expires, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = yoti_emulator::DEFAULT_RETENTION.as_secs())]
    retention: u64,

    /// How many connections are served at once; further ones wait to be accepted.
    #[arg(long, value_name = "N", default_value_t = yoti_emulator::DEFAULT_MAX_CONNECTIONS)]
    max_connections: usize,

    /// How long a bearer token from the token endpoint is valid, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = yoti_emulator::DEFAULT_TOKEN_TTL.as_secs())]
    token_ttl: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_max_level(tracing::Level::INFO)
        .init();
    match run(Args::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("yoti-emulator: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    let control_token_set = args.control_token.is_some();
    let mut builder = Emulator::builder()
        .port(args.port)
        .max_nonces(args.max_nonces)
        .max_sessions(args.max_sessions)
        .max_receipts(args.max_receipts)
        .retention(Duration::from_secs(args.retention))
        .max_connections(args.max_connections)
        .token_ttl(Duration::from_secs(args.token_ttl));
    if let Some(url) = &args.base_url {
        builder = builder.public_base_url(url);
    }
    if args.strict_timestamps {
        builder = builder.strict_timestamps(Duration::from_secs(args.timestamp_window));
    }
    if let Some(token) = args.control_token {
        builder = builder.control_token(token);
    }
    let mut demo_key_path = None;
    if args.apps.is_empty() {
        let key = keys::load_or_create_private_key(&args.demo_key).map_err(|e| e.to_string())?;
        builder = builder.application(
            Application::new(DEMO_SDK_ID, key.public_key()).with_name("Demo application"),
        );
        demo_key_path = Some(absolute(&args.demo_key));
    }
    for app in &args.apps {
        let (sdk_id, path) = app
            .split_once('=')
            .filter(|(id, path)| !id.is_empty() && !path.is_empty())
            .ok_or_else(|| format!("--app `{app}` is not SDK_ID=PATH"))?;
        let public_key = keys::public_key_from_pem_file(path).map_err(|e| e.to_string())?;
        builder = builder.app(sdk_id, public_key);
    }
    let emulator = builder.start().await.map_err(|e| e.to_string())?;

    println!("yoti-emulator is running.");
    println!("  base URL:    {}", emulator.base_url());
    let token_note = if control_token_set {
        " (needs the control token)"
    } else {
        ""
    };
    println!("  control API: {}{token_note}", emulator.control_url());
    println!("  token URL:   {}", emulator.token_url());
    match &demo_key_path {
        Some(path) => {
            println!("  demo application SDK id: {DEMO_SDK_ID}");
            println!("  demo application key:    {}", path.display());
            println!();
            println!("Use it with:");
            println!("  export YOTI_CLIENT_SDK_ID={DEMO_SDK_ID}");
            println!("  export YOTI_KEY_FILE_PATH={}", path.display());
            println!(
                "  export YOTI_DIGITAL_IDENTITY_API_URL={}",
                emulator.base_url()
            );
            println!("  export YOTI_API_URL={}", emulator.base_url());
        }
        None => {
            println!("  applications: {}", args.apps.len());
            println!();
            println!(
                "  export YOTI_DIGITAL_IDENTITY_API_URL={}",
                emulator.base_url()
            );
            println!("  export YOTI_API_URL={}", emulator.base_url());
        }
    }
    println!("  (YOTI_API_URL is the variable the Go and .NET SDKs read.)");
    println!("Press Ctrl-C to stop.");

    tokio::signal::ctrl_c()
        .await
        .map_err(|e| format!("cannot wait for Ctrl-C: {e}"))?;
    emulator.shutdown().await;
    Ok(())
}

fn absolute(path: &std::path::Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_strict_only_when_asked() {
        let default = Args::try_parse_from(["yoti-emulator"]).unwrap();
        assert!(!default.strict_timestamps);
        let strict = Args::try_parse_from(["yoti-emulator", "--strict-timestamps"]).unwrap();
        assert!(strict.strict_timestamps);
        assert_eq!(strict.timestamp_window, 900);
        let narrow = Args::try_parse_from([
            "yoti-emulator",
            "--strict-timestamps",
            "--timestamp-window",
            "60",
        ])
        .unwrap();
        assert_eq!(narrow.timestamp_window, 60);
        // A window alone would silently do nothing.
        assert!(Args::try_parse_from(["yoti-emulator", "--timestamp-window", "60"]).is_err());
        assert!(Args::try_parse_from(["yoti-emulator", "--no-timestamp-window"]).is_err());
    }
}
