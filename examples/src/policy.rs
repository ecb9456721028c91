//! What the web application asks for: the person's verified name, whether they are 18 or over,
//! and a selfie, taken at the share (selfie authentication).

use yoti_policy::{AgeVerification, Attribute, Image, SharePolicy};

/// The verified details the web application shows after a share. The derive writes the share
/// policy at compile time and fills this struct from the decrypted receipt.
///
/// ```
/// use yoti_examples::policy::VerifiedVisitor;
/// use yoti_policy::SharePolicy;
///
/// assert_eq!(
///     VerifiedVisitor::POLICY_JSON,
///     concat!(
///         r#"{"wanted":[{"name":"full_name","optional":false},"#,
///         r#"{"name":"date_of_birth","optional":false,"derivation":"age_over:18"},"#,
///         r#"{"name":"selfie","optional":false}],"#,
///         r#""wanted_auth_types":[1],"wanted_remember_me":false,"wanted_remember_me_optional":false}"#,
///     )
/// );
/// ```
#[derive(Debug, Clone, SharePolicy)]
#[yoti(selfie_authentication)]
pub struct VerifiedVisitor {
    /// The full name, with its anchors (which document it comes from, who verified it).
    #[yoti(full_name)]
    pub full_name: Attribute<String>,
    /// The answer to "18 or over?", derived by Yoti from the date of birth, which is not shared.
    #[yoti(age_over = 18)]
    pub age_18_or_over: AgeVerification,
    /// The selfie taken when the person shared.
    #[yoti(selfie)]
    pub selfie: Image,
}
