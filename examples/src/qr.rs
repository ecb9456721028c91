//! QR codes rendered on the server: as inline SVG for a page, as text for a terminal.

use qrcode::QrCode;
use qrcode::render::{svg, unicode};

pub use qrcode::types::QrError;

/// The QR code of `uri` as an `<svg>` element to put straight into HTML (no XML declaration),
/// labelled for screen readers.
///
/// # Errors
///
/// [`QrError`] when the text is too long for a QR code.
///
/// ```
/// let svg = yoti_examples::qr::svg("https://example.com/qr/1")?;
/// assert!(svg.starts_with("<svg "));
/// assert!(svg.ends_with("</svg>"));
/// # Ok::<(), yoti_examples::qr::QrError>(())
/// ```
pub fn svg(uri: &str) -> Result<String, QrError> {
    let image = QrCode::new(uri.as_bytes())?
        .render::<svg::Color<'_>>()
        .min_dimensions(240, 240)
        .build();
    let element = image.find("<svg").map_or(image.as_str(), |at| &image[at..]);
    Ok(element.replacen(
        "<svg ",
        "<svg role=\"img\" aria-label=\"QR code to share with Yoti\" ",
        1,
    ))
}

/// The QR code of `uri` drawn with Unicode half blocks, two modules a character, for a terminal.
///
/// # Errors
///
/// [`QrError`] when the text is too long for a QR code.
pub fn terminal(uri: &str) -> Result<String, QrError> {
    Ok(QrCode::new(uri.as_bytes())?
        .render::<unicode::Dense1x2>()
        .dark_color(unicode::Dense1x2::Light)
        .light_color(unicode::Dense1x2::Dark)
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_is_one_labelled_element() {
        let svg = svg("http://127.0.0.1:1/emulator/v1/qr/abc").unwrap();
        assert_eq!(svg.matches("<svg").count(), 1);
        assert!(svg.contains("aria-label=\"QR code to share with Yoti\""));
        assert!(!svg.contains("<?xml"));
    }

    #[test]
    fn text_too_long_for_a_qr_code_is_an_error() {
        let long = "x".repeat(8000);
        assert!(svg(&long).is_err());
        assert!(terminal(&long).is_err());
        assert!(terminal("https://example.com").unwrap().lines().count() > 10);
    }
}
