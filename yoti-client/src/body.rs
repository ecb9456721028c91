//! Reading a response body against a size limit, chunk by chunk, so that a broken or hostile
//! server cannot make the client hold more than the limit in memory.

/// Why a body could not be read.
pub(crate) enum BodyError {
    /// The body is larger than the limit (by its `Content-Length`, or as it arrived).
    TooLarge,
    /// The connection failed while the body was read.
    Read(reqwest::Error),
}

/// Reads the whole body if it is at most `limit` bytes long.
///
/// A `Content-Length` over the limit is refused before any of the body is read; without one (a
/// chunked body) the body is refused as soon as the bytes received pass the limit.
pub(crate) async fn read_limited(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Vec<u8>, BodyError> {
    let declared = response
        .content_length()
        .map(|length| usize::try_from(length).unwrap_or(usize::MAX));
    if declared.is_some_and(|length| length > limit) {
        return Err(BodyError::TooLarge);
    }
    // A declared length within the limit is a fair first guess; the limit is still checked
    // below, since the connection may carry more or less than it said.
    let mut body = Vec::with_capacity(declared.unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Read)? {
        if chunk.len() > limit - body.len() {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
