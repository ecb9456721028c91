//! Third-party attributes: names outside Yoti's catalogue that a third party issued to the
//! person, written in reverse-domain form such as `com.thirdparty.id`. An application may ask for
//! them in `wanted` unless its state says otherwise; any other name outside the catalogue is
//! unknown, as a typo would be.

/// Whether `name` is a third-party attribute name: at least two non-empty dot-separated parts of
/// ASCII letters, digits, `_` and `-` (e.g. `com.thirdparty.id`).
pub(crate) fn is_attribute_name(name: &str) -> bool {
    let mut parts = 0;
    for part in name.split('.') {
        if part.is_empty()
            || !part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverse_domain_names_are_third_party_and_others_are_not() {
        for name in ["com.thirdparty.id", "com.example.id", "org.a_b-c.x1"] {
            assert!(is_attribute_name(name), "{name}");
        }
        for name in [
            "full_nmae",
            "",
            ".",
            "com.",
            ".id",
            "com..id",
            "com.ex ample",
            "é.x",
        ] {
            assert!(!is_attribute_name(name), "{name}");
        }
    }
}
