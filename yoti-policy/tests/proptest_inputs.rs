//! The text fuzz targets of `fuzz/` as property tests with a bounded number of cases: the date
//! and document-details grammars against an oracle, and the JSON reader of the policy
//! core (which the derive macro uses). Mutated anchors are in `yoti-protocol`'s tests.

use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::Value;
use yoti_policy::profile::DocumentDetailsError;
use yoti_policy::{Date, DocumentDetails};
use yoti_policy_core::json;

/// The days of a month, written independently of the code under test.
fn days_in(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month as usize - 1]
}

fn is_valid_date(year: u32, month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in(year, month)
}

/// The nesting limit is serde_json's, level for level: the property below reaches it only by chance.
#[test]
fn policy_json_parser_nests_as_deep_as_serde_json() {
    for depth in 120..=136 {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let text = format!("{}0{}", open.repeat(depth), close.repeat(depth));
            assert_eq!(
                json::parse(&text).is_ok(),
                serde_json::from_str::<Value>(&text).is_ok(),
                "depth {depth} of {open}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Dates of the right shape parse exactly when the day exists.
    #[test]
    fn dates_parse_exactly_when_they_exist(year in 0u32..10_000, month in 0u32..100, day in 0u32..100) {
        let text = format!("{year:04}-{month:02}-{day:02}");
        let parsed = text.parse::<Date>();
        prop_assert_eq!(parsed.is_ok(), is_valid_date(year, month, day), "{}", text);
        if let Ok(date) = parsed {
            prop_assert_eq!(date.to_string(), text);
        }
        let partial = format!("{year:04}-{month:02}").parse::<Date>();
        prop_assert_eq!(partial.is_ok(), (1..=12).contains(&month));
    }

    /// `document_details` from tokens joined by one or more spaces: accepted exactly when the
    /// grammar allows it, with the tokens in their places.
    #[test]
    fn document_details_follow_the_grammar(
        tokens in vec("[A-Z0-9*_-]{0,8}", 0..7),
        date in proptest::option::of((1990u32..2040, 0u32..14, 0u32..32)),
        double_space_at in proptest::option::of(0usize..7),
    ) {
        let mut tokens = tokens;
        if let (Some((y, m, d)), true) = (date, tokens.len() >= 4) {
            tokens[3] = format!("{y:04}-{m:02}-{d:02}");
        }
        let mut text = tokens.join(" ");
        if let Some(at) = double_space_at.and_then(|i| text.match_indices(' ').nth(i)).map(|(i, _)| i) {
            text.insert(at, ' ');
        }
        let result = text.parse::<DocumentDetails>();
        let words: Vec<&str> = text.split(' ').collect();
        let valid_date = |token: &str| {
            token == "-"
                || token.parse::<Date>().is_ok_and(|date| date.is_full())
        };
        if text.is_empty() || words.len() < 3 {
            let found = if text.is_empty() { 0 } else { words.len() };
            prop_assert_eq!(result, Err(DocumentDetailsError::TooFewTokens { found }), "{:?}", text);
        } else if let Some(empty) = words.iter().position(|word| word.is_empty()) {
            prop_assert_eq!(result, Err(DocumentDetailsError::EmptyToken { position: empty + 1 }), "{:?}", text);
        } else if words.get(3).is_some_and(|token| !valid_date(token)) {
            prop_assert_eq!(result, Err(DocumentDetailsError::ExpirationDate), "{:?}", text);
        } else {
            let details = result.unwrap();
            prop_assert_eq!(details.document_type(), words[0]);
            prop_assert_eq!(details.issuing_country(), words[1]);
            prop_assert_eq!(details.document_number(), words[2]);
            prop_assert_eq!(details.issuing_authority(), words.get(4).copied());
        }
    }

    /// The policy core's JSON reader on any text: it accepts what serde_json accepts, less
    /// repeated keys, reads the same value, and its writing reads back to that value.
    #[test]
    fn policy_json_parser_on_any_text(
        text in prop_oneof![
            "\\PC{0,40}",
            r#"[\[\]{}",:0-9a-z.+\-eE \\/tnurfl]{0,40}"#,
        ],
        depth in 0usize..200,
    ) {
        for text in [text.clone(), format!("{}{text}{}", "[".repeat(depth), "]".repeat(depth))] {
            let ours = json::parse(&text);
            let theirs = serde_json::from_str::<Value>(&text);
            match (&ours, &theirs) {
                (Ok(value), Ok(theirs)) => {
                    prop_assert_eq!(value, theirs);
                    let again = json::parse(&value.to_string());
                    prop_assert_eq!(again.as_ref().ok(), Some(value));
                }
                (Err(error), Ok(_)) => {
                    prop_assert!(error.to_string().contains("duplicate key"), "{}", error);
                }
                (Err(error), Err(_)) => prop_assert!(error.line() >= 1),
                _ => prop_assert!(false, "{:?}: ours {:?}, serde_json {:?}", text, ours, theirs.is_ok()),
            }
        }
    }
}
