//! Values inside the page's one inline `<script>`, where HTML escaping does not apply: the
//! template engine escapes everything else.

/// A JavaScript string literal (with its quotes) that is safe inside a `<script>` element:
/// the JSON string `serde_json` writes, with `<`, `>` and `&` written as `\u` escapes so that the
/// text can never close the element or open a comment, and U+2028 and U+2029 so that browsers
/// before ES2019 read it as one line.
///
/// ```
/// use yoti_examples::script::script_string;
///
/// assert_eq!(script_string("ss.v2.abc="), r#""ss.v2.abc=""#);
/// assert_eq!(script_string("</script>"), r#""\u003c/script\u003e""#);
/// ```
pub fn script_string(text: &str) -> String {
    // A JSON string holds these characters only inside the string, never as syntax, so each
    // can be swapped for its escape.
    let json = serde_json::Value::from(text).to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_strings_are_json_strings_that_cannot_end_the_script() {
        for text in [
            "a\"b\\c\n\u{2028}\u{2029}<!--</script>&\u{1}",
            "",
            "Jane Doe",
        ] {
            let literal = script_string(text);
            assert!(!literal.contains(['<', '>', '&', '\n', '\u{1}', '\u{2028}', '\u{2029}']));
            let parsed: String = serde_json::from_str(&literal).unwrap();
            assert_eq!(parsed, text);
        }
    }
}
