//! A ready application for local development: an SDK id and a freshly generated key, so that a
//! first run needs no Yoti Hub account and no key file.

use std::fmt;

use yoti_protocol::{KeyError, PrivateKey};

use crate::Application;

/// The SDK id of every [`DemoApplication`].
pub const DEMO_SDK_ID: &str = "demo-sdk-id";

/// An application to register with an in-process emulator, and the private key a client of it
/// signs with: the two halves of local development in one value.
///
/// Relative redirect URIs (`/callback`) are resolved against the application's domain, as Yoti
/// resolves them against the domain set in Yoti Hub. The domain is the emulator's own origin
/// unless [`with_domain`](Self::with_domain) sets your server's, so a web application on
/// another port sets it (or sends absolute redirect URIs) to have the browser come back to it.
///
/// ```
/// use yoti_emulator::{DemoApplication, Emulator};
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let demo = DemoApplication::generate()?.with_domain("http://localhost:3000");
/// let emulator = Emulator::builder().application(demo.application()).start().await?;
/// // A client: `DigitalIdentityClient::builder(demo.sdk_id(), demo.private_key())`
/// //     `.base_url(emulator.base_url())`.
/// assert_eq!(demo.sdk_id(), "demo-sdk-id");
/// assert_eq!(demo.private_key().bits(), 2048);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct DemoApplication {
    key: PrivateKey,
    domain: Option<String>,
}

impl DemoApplication {
    /// A demo application with a new RSA-2048 key (a few tens of milliseconds).
    ///
    /// # Errors
    ///
    /// [`KeyError::Generate`] when the crypto library fails.
    pub fn generate() -> Result<Self, KeyError> {
        Ok(DemoApplication {
            key: PrivateKey::generate()?,
            domain: None,
        })
    }

    /// The origin of your web application (`http://localhost:3000`): relative redirect URIs
    /// and webhook URLs resolve against it instead of the emulator's origin.
    #[must_use]
    pub fn with_domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// The SDK id the client signs with: [`DEMO_SDK_ID`].
    pub fn sdk_id(&self) -> &'static str {
        DEMO_SDK_ID
    }

    /// The private key the client signs with and decrypts receipts with (cheap to clone).
    pub fn private_key(&self) -> PrivateKey {
        self.key.clone()
    }

    /// The application to register with [`EmulatorBuilder::application`](crate::EmulatorBuilder::application).
    pub fn application(&self) -> Application {
        let application = Application::new(DEMO_SDK_ID, self.key.public_key());
        match &self.domain {
            Some(domain) => application.with_domain(domain.clone()),
            None => application,
        }
    }
}

impl fmt::Debug for DemoApplication {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DemoApplication")
            .field("sdk_id", &DEMO_SDK_ID)
            .field("key", &self.key)
            .field("domain", &self.domain)
            .finish()
    }
}
