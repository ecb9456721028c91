//! A registered application (relying party): its SDK id, public key, profile and state.

use std::fmt;

use serde::{Deserialize, Serialize};
use yoti_protocol::receipt::PublicKey;

/// The logo shown in the application profile when none is configured (a small PNG).
const DEFAULT_LOGO: &[u8] = include_bytes!("../assets/application-logo.png");

/// The state of an application in Yoti Hub. Anything but [`Active`](Self::Active) makes
/// `POST /v2/sessions` answer 403 with Yoti's documented message (the third-party states only
/// for sessions that involve third-party attributes).
///
/// On the control API the state is written in upper snake case, e.g. `"SERVICE_DISABLED"`.
///
/// ```
/// use yoti_emulator::ApplicationState;
///
/// assert_eq!(ApplicationState::ServiceDisabled.message(), Some("Service is disabled"));
/// assert_eq!(ApplicationState::Active.message(), None);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum ApplicationState {
    /// Shares work.
    #[default]
    Active,
    /// 403 `SERVICE_DISABLED`: "Service is disabled".
    ServiceDisabled,
    /// 403 `NO_ORGANISATION`: "Service does not belong to an organisation".
    NoOrganisation,
    /// 403 `INVALID_ORG_STATUS`: "Organisation status must be PENDING or VERIFIED to perform
    /// shares".
    OrganisationNotVerified,
    /// 403 `THIRD_PARTY_ATTRIBUTE_NOT_ALLOWED` for sessions with a `THIRD_PARTY_ATTRIBUTE`
    /// extension: "Service isn't allowed to issue the specified 3rd party attribute".
    ThirdPartyIssuanceNotAllowed,
    /// 403 `THIRD_PARTY_REQUEST_NOT_ALLOWED` for sessions whose policy wants a third-party
    /// attribute (a name such as `com.thirdparty.id`): "Service isn't allowed to request the
    /// specified 3rd party attribute". In any other state such attributes are shared.
    ThirdPartyRequestNotAllowed,
}

impl ApplicationState {
    /// The error code of the 403 answer, `None` for an active application.
    pub fn code(self) -> Option<&'static str> {
        match self {
            ApplicationState::Active => None,
            ApplicationState::ServiceDisabled => Some("SERVICE_DISABLED"),
            ApplicationState::NoOrganisation => Some("NO_ORGANISATION"),
            ApplicationState::OrganisationNotVerified => Some("INVALID_ORG_STATUS"),
            ApplicationState::ThirdPartyIssuanceNotAllowed => {
                Some("THIRD_PARTY_ATTRIBUTE_NOT_ALLOWED")
            }
            ApplicationState::ThirdPartyRequestNotAllowed => {
                Some("THIRD_PARTY_REQUEST_NOT_ALLOWED")
            }
        }
    }

    /// Yoti's documented message of the 403 answer, `None` for an active application.
    pub fn message(self) -> Option<&'static str> {
        match self {
            ApplicationState::Active => None,
            ApplicationState::ServiceDisabled => Some("Service is disabled"),
            ApplicationState::NoOrganisation => Some("Service does not belong to an organisation"),
            ApplicationState::OrganisationNotVerified => {
                Some("Organisation status must be PENDING or VERIFIED to perform shares")
            }
            ApplicationState::ThirdPartyIssuanceNotAllowed => {
                Some("Service isn't allowed to issue the specified 3rd party attribute")
            }
            ApplicationState::ThirdPartyRequestNotAllowed => {
                Some("Service isn't allowed to request the specified 3rd party attribute")
            }
        }
    }
}

/// An application registered with the emulator: the SDK id it signs requests with, the public
/// half of its key (to verify signatures and encrypt receipts), the profile that appears in the
/// receipt's application content, its domain (for relative redirect URIs) and its state.
///
/// ```
/// use yoti_emulator::{Application, ApplicationState};
/// use yoti_protocol::receipt::PrivateKey;
///
/// // A fresh key for local work; an application loads the key file from Yoti Hub instead.
/// let key = PrivateKey::from_pem(&*yoti_emulator::keys::generate_private_key_pem()?)?;
/// let app = Application::new("my-sdk-id", key.public_key())
///     .with_name("Corner Shop")
///     .with_url("https://shop.example")
///     .with_receipt_bgcolor("#00aa55")
///     .with_domain("https://shop.example")
///     .with_state(ApplicationState::Active);
/// assert_eq!(app.sdk_id(), "my-sdk-id");
/// assert_eq!(app.name(), "Corner Shop");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Application {
    pub(crate) sdk_id: String,
    pub(crate) public_key: PublicKey,
    pub(crate) name: String,
    pub(crate) url: String,
    pub(crate) logo: Option<Logo>,
    pub(crate) receipt_bgcolor: String,
    pub(crate) domain: Option<String>,
    pub(crate) state: ApplicationState,
}

/// An application logo: image bytes and whether they are PNG (else JPEG).
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Logo {
    pub(crate) bytes: Vec<u8>,
    pub(crate) png: bool,
}

impl Application {
    /// An active application called "Emulated application", with a default logo and colour and
    /// the emulator's own origin as domain.
    pub fn new(sdk_id: impl Into<String>, public_key: PublicKey) -> Self {
        Application {
            sdk_id: sdk_id.into(),
            public_key,
            name: "Emulated application".to_owned(),
            url: "https://example.com".to_owned(),
            logo: Some(Logo {
                bytes: DEFAULT_LOGO.to_vec(),
                png: true,
            }),
            receipt_bgcolor: "#2875bc".to_owned(),
            domain: None,
            state: ApplicationState::Active,
        }
    }

    /// The name shown to the person and sent as `application_name`.
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// `application_url`.
    #[must_use]
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = url.into();
        self
    }

    /// `application_logo` as JPEG bytes.
    #[must_use]
    pub fn with_jpeg_logo(mut self, jpeg: impl Into<Vec<u8>>) -> Self {
        self.logo = Some(Logo {
            bytes: jpeg.into(),
            png: false,
        });
        self
    }

    /// `application_logo` as PNG bytes.
    #[must_use]
    pub fn with_png_logo(mut self, png: impl Into<Vec<u8>>) -> Self {
        self.logo = Some(Logo {
            bytes: png.into(),
            png: true,
        });
        self
    }

    /// No `application_logo` in receipts.
    #[must_use]
    pub fn without_logo(mut self) -> Self {
        self.logo = None;
        self
    }

    /// `application_receipt_bgcolor`, e.g. `#2875bc`.
    #[must_use]
    pub fn with_receipt_bgcolor(mut self, colour: impl Into<String>) -> Self {
        self.receipt_bgcolor = colour.into();
        self
    }

    /// The origin that relative redirect URIs and webhook URLs are resolved against, as Yoti
    /// does with the domain set in Yoti Hub (default: the emulator's public base URL).
    #[must_use]
    pub fn with_domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into().trim_end_matches('/').to_owned());
        self
    }

    /// The state at start (default [`ApplicationState::Active`]).
    #[must_use]
    pub fn with_state(mut self, state: ApplicationState) -> Self {
        self.state = state;
        self
    }

    /// The SDK id.
    pub fn sdk_id(&self) -> &str {
        &self.sdk_id
    }

    /// The public key.
    pub fn public_key(&self) -> &PublicKey {
        &self.public_key
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The state.
    pub fn state(&self) -> ApplicationState {
        self.state
    }
}

impl fmt::Debug for Application {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Application")
            .field("sdk_id", &self.sdk_id)
            .field("public_key", &self.public_key)
            .field("name", &self.name)
            .field("url", &self.url)
            .field("domain", &self.domain)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}
