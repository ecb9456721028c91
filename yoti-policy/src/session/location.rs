//! The `LOCATION_CONSTRAINT` extension: where the person's device must be.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::errors::SessionError;
use super::numbers::serialize_f64;

/// The device location a share must come from (the `expected_device_location` of a
/// `LOCATION_CONSTRAINT` extension). Integral values are written without a fraction, as the
/// official Node SDK writes them.
///
/// ```
/// use yoti_policy::session::{Extension, LocationConstraint};
///
/// let location = LocationConstraint::new(50.8169, 0.1367, 30.0, 40.0)?;
/// assert_eq!(
///     serde_json::to_string(&Extension::from(location)).unwrap(),
///     r#"{"type":"LOCATION_CONSTRAINT","content":{"expected_device_location":{"latitude":50.8169,"longitude":0.1367,"radius":30,"max_uncertainty_radius":40}}}"#
/// );
/// # Ok::<(), yoti_policy::session::SessionError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LocationConstraint {
    latitude: f64,
    longitude: f64,
    radius: f64,
    max_uncertainty_radius: f64,
}

impl LocationConstraint {
    /// The radius and maximum uncertainty radius the official Node SDK uses when none is given,
    /// in metres.
    pub const DEFAULT_RADIUS: f64 = 150.0;

    /// A location: `latitude` in [-90, 90] and `longitude` in [-180, 180] degrees, `radius` and
    /// `max_uncertainty_radius` in metres, 0 or more. All must be finite.
    ///
    /// # Errors
    ///
    /// [`SessionError::LatitudeOutOfRange`], [`SessionError::LongitudeOutOfRange`],
    /// [`SessionError::RadiusOutOfRange`] or [`SessionError::MaxUncertaintyRadiusOutOfRange`]
    /// for the first value out of range (NaN and infinities are out of every range).
    pub fn new(
        latitude: f64,
        longitude: f64,
        radius: f64,
        max_uncertainty_radius: f64,
    ) -> Result<Self, SessionError> {
        // `contains` is false for NaN, and the closed ranges exclude infinities.
        if !(-90.0..=90.0).contains(&latitude) {
            return Err(SessionError::LatitudeOutOfRange { latitude });
        }
        if !(-180.0..=180.0).contains(&longitude) {
            return Err(SessionError::LongitudeOutOfRange { longitude });
        }
        if !(radius.is_finite() && radius >= 0.0) {
            return Err(SessionError::RadiusOutOfRange { radius });
        }
        if !(max_uncertainty_radius.is_finite() && max_uncertainty_radius >= 0.0) {
            return Err(SessionError::MaxUncertaintyRadiusOutOfRange {
                max_uncertainty_radius,
            });
        }
        Ok(LocationConstraint {
            latitude,
            longitude,
            radius,
            max_uncertainty_radius,
        })
    }

    /// Latitude in degrees.
    pub fn latitude(&self) -> f64 {
        self.latitude
    }

    /// Longitude in degrees.
    pub fn longitude(&self) -> f64 {
        self.longitude
    }

    /// Radius around the point, in metres.
    pub fn radius(&self) -> f64 {
        self.radius
    }

    /// Largest acceptable uncertainty of the device's location, in metres.
    pub fn max_uncertainty_radius(&self) -> f64 {
        self.max_uncertainty_radius
    }

    /// Reads the `content` of a `LOCATION_CONSTRAINT` extension.
    pub(super) fn from_content(content: serde_json::Value) -> Result<Self, SessionError> {
        #[derive(Deserialize)]
        struct Content {
            expected_device_location: Location,
        }
        #[derive(Deserialize)]
        struct Location {
            latitude: f64,
            longitude: f64,
            radius: f64,
            max_uncertainty_radius: f64,
        }
        let location = serde_json::from_value::<Content>(content)
            .map_err(|e| SessionError::InvalidExtensionContent {
                extension_type: super::Extension::LOCATION_CONSTRAINT.to_owned(),
                reason: e.to_string(),
            })?
            .expected_device_location;
        LocationConstraint::new(
            location.latitude,
            location.longitude,
            location.radius,
            location.max_uncertainty_radius,
        )
    }

    /// Writes the `content` of the extension.
    pub(super) fn content(&self) -> impl Serialize + '_ {
        struct Content<'a>(&'a LocationConstraint);
        impl Serialize for Content<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut out = serializer.serialize_struct("Content", 1)?;
                out.serialize_field("expected_device_location", self.0)?;
                out.end()
            }
        }
        Content(self)
    }
}

/// Writes the `expected_device_location` object.
impl Serialize for LocationConstraint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Number(f64);
        impl Serialize for Number {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serialize_f64(self.0, serializer)
            }
        }
        let mut out = serializer.serialize_struct("LocationConstraint", 4)?;
        out.serialize_field("latitude", &Number(self.latitude))?;
        out.serialize_field("longitude", &Number(self.longitude))?;
        out.serialize_field("radius", &Number(self.radius))?;
        out.serialize_field(
            "max_uncertainty_radius",
            &Number(self.max_uncertainty_radius),
        )?;
        out.end()
    }
}
