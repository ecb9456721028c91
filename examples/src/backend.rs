//! Where share sessions go: the real Yoti API when the `YOTI_*` variables are set, otherwise an
//! emulator of the API started in this process with a freshly generated application key.

use yoti_client::DigitalIdentityClient;
use yoti_client::config::{ENV_KEY_FILE_PATH, ENV_SDK_ID};
use yoti_emulator::{Application, Emulator, EmulatorHandle};
use yoti_protocol::receipt::{KeyError, PrivateKey};

/// The SDK id of the example application in the embedded emulator.
pub const EMULATOR_SDK_ID: &str = "00000000-0000-4000-8000-00000000e4a3";
/// The name of the example application, shown on the emulator's share page.
pub const EMULATOR_APPLICATION_NAME: &str = "Corner Shop";

/// Which API the client talks to.
#[derive(Debug)]
#[non_exhaustive]
pub enum Backend {
    /// The API at the client's base URL, configured by the environment: Yoti's, or an emulator
    /// started separately (`YOTI_DIGITAL_IDENTITY_API_URL`).
    Configured,
    /// An emulator running in this process; it stops when this is dropped.
    Emulator(EmulatorHandle),
}

/// A client and the API it talks to.
#[derive(Debug)]
pub struct Connection {
    /// The client, signing with the application's key.
    pub client: DigitalIdentityClient,
    /// The API behind the client.
    pub backend: Backend,
}

/// Why no client could be set up.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SetupError {
    /// The `YOTI_*` variables are set but incomplete or wrong.
    #[error(
        "the YOTI_* variables do not configure a client: set both YOTI_CLIENT_SDK_ID and \
         YOTI_KEY_FILE_PATH for the Yoti API, or neither for the embedded emulator"
    )]
    Config(#[from] yoti_client::ConfigError),
    /// No key could be generated for the emulator's application.
    #[error("cannot generate a key for the example application")]
    GenerateKey(#[from] yoti_emulator::keys::KeyFileError),
    /// The generated key could not be read back.
    #[error("the generated key is unusable")]
    Key(#[from] KeyError),
    /// The embedded emulator did not start.
    #[error("cannot start the embedded emulator")]
    Emulator(#[from] yoti_emulator::StartError),
}

impl Connection {
    /// The real API when `YOTI_CLIENT_SDK_ID` or `YOTI_KEY_FILE_PATH` is set
    /// ([`from_env`](Self::from_env)), otherwise the embedded emulator
    /// ([`start_emulator`](Self::start_emulator)).
    ///
    /// # Errors
    ///
    /// [`SetupError`] saying which variable is missing or wrong, or why the emulator did not start.
    pub async fn from_env_or_emulator() -> Result<Self, SetupError> {
        if yoti_configured() {
            Self::from_env()
        } else {
            Self::start_emulator().await
        }
    }

    /// A client configured from `YOTI_CLIENT_SDK_ID`, `YOTI_KEY_FILE_PATH` and (optional)
    /// `YOTI_DIGITAL_IDENTITY_API_URL`.
    ///
    /// # Errors
    ///
    /// [`SetupError::Config`] naming the variable that is missing or wrong.
    pub fn from_env() -> Result<Self, SetupError> {
        Ok(Connection {
            client: DigitalIdentityClient::from_env()?,
            backend: Backend::Configured,
        })
    }

    /// Starts an emulator on an ephemeral port of 127.0.0.1, registers an application
    /// ([`EMULATOR_SDK_ID`]) with a newly generated RSA-2048 key, and points a client at it.
    ///
    /// # Errors
    ///
    /// [`SetupError`] when the key cannot be generated or the emulator cannot start.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use yoti_examples::backend::Connection;
    ///
    /// let connection = Connection::start_emulator().await?;
    /// assert!(connection.client.base_url().starts_with("http://127.0.0.1:"));
    /// assert!(connection.emulator().is_some());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn start_emulator() -> Result<Self, SetupError> {
        // The key lives in memory only: the emulator gets its public half, the client all of it.
        let pem = yoti_emulator::keys::generate_private_key_pem()?;
        let key = PrivateKey::from_pem(pem.as_bytes())?;
        let emulator = Emulator::builder()
            .application(
                Application::new(EMULATOR_SDK_ID, key.public_key())
                    .with_name(EMULATOR_APPLICATION_NAME),
            )
            .start()
            .await?;
        let client = DigitalIdentityClient::builder(EMULATOR_SDK_ID, key)
            .base_url(emulator.base_url())
            .build()
            .map_err(SetupError::Config)?;
        Ok(Connection {
            client,
            backend: Backend::Emulator(emulator),
        })
    }

    /// The embedded emulator, when the client talks to one.
    pub fn emulator(&self) -> Option<&EmulatorHandle> {
        match &self.backend {
            Backend::Emulator(handle) => Some(handle),
            Backend::Configured => None,
        }
    }
}

/// Whether the environment asks for the configured API: `YOTI_CLIENT_SDK_ID` or
/// `YOTI_KEY_FILE_PATH` is set to something.
pub fn yoti_configured() -> bool {
    [ENV_SDK_ID, ENV_KEY_FILE_PATH]
        .iter()
        .any(|name| std::env::var(name).is_ok_and(|value| !value.trim().is_empty()))
}
