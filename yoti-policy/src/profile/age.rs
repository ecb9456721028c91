//! Age verifications: the attributes named after an age derivation (docs/protocol.md,
//! "Age verifications").

use std::fmt;
use std::str::FromStr;

/// Which way an age check goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AgeCheck {
    /// `age_over`: at least the age.
    Over,
    /// `age_under`: under the age.
    Under,
}

impl AgeCheck {
    /// `age_over` or `age_under`.
    pub fn as_str(self) -> &'static str {
        match self {
            AgeCheck::Over => "age_over",
            AgeCheck::Under => "age_under",
        }
    }
}

impl fmt::Display for AgeCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The result of an age check (`age_over:18`, `age_under:30`, `age_over:18:5`).
///
/// `Debug` shows the check but not its result, so that a struct holding one can be logged;
/// [`result`](Self::result) gives it.
///
/// ```
/// use yoti_policy::AgeVerification;
/// use yoti_policy::profile::AgeCheck;
///
/// let check = AgeVerification::parse("age_over:18:5", "TRUE")?;
/// assert_eq!(check.check(), AgeCheck::Over);
/// assert_eq!((check.age(), check.buffer(), check.result()), (18, Some(5), true));
/// assert!(AgeVerification::parse("age_over:eighteen", "true").is_err());
/// assert_eq!(
///     format!("{check:?}"),
///     "AgeVerification { check: Over, age: 18, buffer: Some(5), .. }"
/// );
/// # Ok::<(), yoti_policy::profile::AgeVerificationError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct AgeVerification {
    check: AgeCheck,
    age: u32,
    buffer: Option<u32>,
    result: bool,
}

/// Why an attribute is not an age verification. The attribute's name is quoted (names are not
/// personal data); its value never is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AgeVerificationError {
    /// The name is not `age_over:<age>[:<buffer>]` or `age_under:<age>[:<buffer>]`.
    #[error(
        "`{0}` is not an age check name (age_over:<age>[:<buffer>] or age_under:<age>[:<buffer>])"
    )]
    Name(String),
    /// The value is not `true` or `false`.
    #[error("an age check's value must be `true` or `false`, and is another text")]
    Value,
}

impl AgeVerification {
    /// Reads an age check from the attribute's name and value (`true`/`false` in any case).
    ///
    /// # Errors
    ///
    /// [`AgeVerificationError`] when the name or the value does not follow the grammar.
    pub fn parse(name: &str, value: &str) -> Result<Self, AgeVerificationError> {
        let (check, age, buffer) = parse_name(name)?;
        let result = if value.eq_ignore_ascii_case("true") {
            true
        } else if value.eq_ignore_ascii_case("false") {
            false
        } else {
            return Err(AgeVerificationError::Value);
        };
        Ok(AgeVerification {
            check,
            age,
            buffer,
            result,
        })
    }

    /// Over or under.
    pub fn check(&self) -> AgeCheck {
        self.check
    }

    /// The age checked against.
    pub fn age(&self) -> u32 {
        self.age
    }

    /// The buffer of an estimated-age check (`age_over:18:5` → 5).
    pub fn buffer(&self) -> Option<u32> {
        self.buffer
    }

    /// Whether the person passed the check.
    pub fn result(&self) -> bool {
        self.result
    }
}

impl fmt::Debug for AgeVerification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AgeVerification")
            .field("check", &self.check)
            .field("age", &self.age)
            .field("buffer", &self.buffer)
            .finish_non_exhaustive()
    }
}

/// Whether `name` is an age check name.
pub(crate) fn is_age_check_name(name: &str) -> bool {
    parse_name(name).is_ok()
}

fn parse_name(name: &str) -> Result<(AgeCheck, u32, Option<u32>), AgeVerificationError> {
    let error = || AgeVerificationError::Name(name.to_owned());
    let mut parts = name.split(':');
    let check = match parts.next() {
        Some("age_over") => AgeCheck::Over,
        Some("age_under") => AgeCheck::Under,
        _ => return Err(error()),
    };
    let age = parts.next().and_then(number).ok_or_else(error)?;
    let buffer = match parts.next() {
        None => None,
        Some(buffer) => Some(number(buffer).ok_or_else(error)?),
    };
    if parts.next().is_some() {
        return Err(error());
    }
    Ok((check, age, buffer))
}

// Decimal digits only: `u32::from_str` would also take a sign.
fn number(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    u32::from_str(text).ok()
}
