//! Reading JSON request bodies: nesting is bounded before parsing, and every failure is a 400
//! `INVALID_PAYLOAD` that says what is wrong.

use serde_json::Value;

use crate::error::ApiError;

/// The deepest nesting of arrays and objects accepted in a request body.
pub(crate) const MAX_DEPTH: usize = 32;

/// Parses a request body as JSON.
pub(crate) fn parse(body: &[u8]) -> Result<Value, ApiError> {
    check_depth(body)?;
    serde_json::from_slice(body)
        .map_err(|e| ApiError::invalid_payload(format!("The request body is not valid JSON: {e}")))
}

/// Refuses bodies nested deeper than [`MAX_DEPTH`], counting brackets outside strings.
fn check_depth(body: &[u8]) -> Result<(), ApiError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for &byte in body {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ApiError::invalid_payload(format!(
                        "The request body is nested more than {MAX_DEPTH} levels deep"
                    )));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_but_brackets_in_strings_are_not_counted() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(
            parse(deep.as_bytes())
                .unwrap_err()
                .message
                .contains("nested")
        );
        let text = format!("{{\"a\":\"{}\"}}", "[".repeat(100));
        assert!(parse(text.as_bytes()).is_ok());
        assert!(parse(b"{").unwrap_err().message.contains("not valid JSON"));
    }
}
