//! The id a server gives its answer for tracing (Yoti's answers carry `X-Request-ID`, which the
//! official .NET SDK surfaces for support requests), kept on errors so that a failure can be
//! traced on Yoti's side.

use reqwest::header::HeaderMap;

/// The headers an answer's request id is read from, first match wins. Gateways in front of an
/// API commonly add the second.
const REQUEST_ID_HEADERS: [&str; 2] = ["x-request-id", "x-correlation-id"];

/// The longest request id kept: ids are tens of characters; a longer value is not one.
const MAX_REQUEST_ID_LEN: usize = 128;

/// The answer's request id, when it has one made of visible ASCII (anything else a hostile
/// server could use to forge log lines is dropped).
pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    REQUEST_ID_HEADERS.iter().find_map(|name| {
        let value = headers.get(*name)?.to_str().ok()?.trim();
        let usable = !value.is_empty()
            && value.len() <= MAX_REQUEST_ID_LEN
            && value.bytes().all(|b| b.is_ascii_graphic());
        usable.then(|| value.to_owned())
    })
}

/// ` (request id ...)` after an error's text when the server named its request.
pub(crate) struct RequestIdNote<'a>(pub(crate) Option<&'a str>);

impl std::fmt::Display for RequestIdNote<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(id) => write!(f, " (request id {id})"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn request_ids_are_read_from_the_known_headers_and_checked() {
        let mut headers = HeaderMap::new();
        assert_eq!(request_id(&headers), None);
        headers.insert("x-correlation-id", HeaderValue::from_static("corr-1"));
        assert_eq!(request_id(&headers).as_deref(), Some("corr-1"));
        headers.insert("x-request-id", HeaderValue::from_static("req-1"));
        assert_eq!(request_id(&headers).as_deref(), Some("req-1"));
        headers.insert("x-request-id", HeaderValue::from_static("a b"));
        // Not an id: the next header is used.
        assert_eq!(request_id(&headers).as_deref(), Some("corr-1"));
        headers.insert(
            "x-correlation-id",
            HeaderValue::from_str(&"x".repeat(129)).unwrap(),
        );
        assert_eq!(request_id(&headers), None);
    }
}
