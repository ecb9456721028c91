//! Inputs the fuzz targets found (`fuzz/regressions/`), kept as tests.

use yoti_policy_core::json;

/// `policy_json`: numbers beyond a 64-bit float were accepted although serde_json refuses
/// them, so `POLICY_JSON` held a number that the runtime policy of the same struct could only
/// keep as a string. They are now refused where they are written.
#[test]
fn numbers_beyond_a_64_bit_float_are_refused() {
    let found = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../fuzz/regressions/policy_json/number-out-of-range"
    ))
    .unwrap();
    assert_eq!(found, "777777e77772 ");
    let huge_integer = "9".repeat(400);
    for text in [
        found.as_str(),
        "1e400",
        "-1e400",
        "1.5E+309",
        huge_integer.as_str(),
        r#"{"a":[1,2,3e999]}"#,
    ] {
        let error = json::parse(text).unwrap_err();
        assert!(
            error.to_string().contains("out of range"),
            "{text}: {error}"
        );
        assert!(
            serde_json::from_str::<serde_json::Value>(text).is_err(),
            "{text}"
        );
    }
    let error = json::parse(r#"{"a":[1,2,3e999]}"#).unwrap_err();
    assert_eq!((error.line(), error.column()), (1, 15));

    // The edges that do fit, and tiny numbers (which round to zero), are accepted, as the
    // same values serde_json reads.
    for (text, written) in [
        ("1.7976931348623157e308", "1.7976931348623157e+308"),
        ("-1e308", "-1e+308"),
        ("1e-400", "0.0"),
        ("0.0", "0.0"),
        ("18446744073709551615", "18446744073709551615"),
        ("18446744073709551616", "1.8446744073709552e+19"),
    ] {
        let value = json::parse(text).unwrap();
        assert_eq!(value.to_string(), written);
        assert_eq!(
            value,
            serde_json::from_str::<serde_json::Value>(text).unwrap()
        );
    }
}
