//! Escaping for the two places the pages put data: HTML text and attributes, and a JavaScript
//! string inside a `<script>` element.

/// Escapes text for HTML element content and for quoted attribute values.
///
/// ```
/// use yoti_examples::html::escape;
///
/// assert_eq!(escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
///            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
/// ```
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A JavaScript string literal (with its quotes) that is safe inside a `<script>` element:
/// JSON string escaping, plus `<`, `>` and `&` written as `\u` escapes so that the text can
/// never close the element or open a comment.
///
/// ```
/// use yoti_examples::html::script_string;
///
/// assert_eq!(script_string("ss.v2.abc="), r#""ss.v2.abc=""#);
/// assert_eq!(script_string("</script>"), r#""\u003c/script\u003e""#);
/// ```
pub fn script_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            // Line terminators in JavaScript, but not in JSON.
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_has_no_markup_characters_left() {
        let nasty = "<script>alert('x')</script>\"&";
        let escaped = escape(nasty);
        assert!(!escaped.contains(['<', '>', '"', '\'']));
        assert_eq!(escape("plain text"), "plain text");
    }

    #[test]
    fn script_strings_are_json_strings_that_cannot_end_the_script() {
        for text in ["a\"b\\c\n\u{2028}<!--</script>&", "", "Jane Doe"] {
            let literal = script_string(text);
            assert!(!literal.contains(['<', '>', '&', '\n', '\u{2028}']));
            let parsed: String = serde_json::from_str(&literal).unwrap();
            assert_eq!(parsed, text);
        }
    }
}
