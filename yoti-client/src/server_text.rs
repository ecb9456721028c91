//! Text a server wrote that an error keeps (Yoti's `code` and `message`, the OAuth2 `error` and
//! `error_description`): it ends up in logs, so it is made one bounded line, and dropped when it
//! echoes a credential the request carried (a server may quote the request back).

/// The longest run of characters of a secret that a kept text may share with it. Shorter runs
/// occur by chance (`Bearer`, `sdk:`); a longer one is an echo, however much of it was quoted.
const ECHO_RUN: usize = 16;

/// `text` as an error may show it: each control or bidirectional-formatting character (which
/// could forge or reorder a log line) made a space, trimmed, at most `max` characters; `None`
/// when nothing is left or when it shares a run of [`ECHO_RUN`] characters with one of `sent`
/// (the token, assertion, signature or nonce of the request), or all of a shorter one.
pub(crate) fn server_text(text: &str, max: usize, sent: &[&str]) -> Option<String> {
    let line: String = text
        .chars()
        .map(|c| if is_unsafe(c) { ' ' } else { c })
        .collect();
    let kept: String = line.trim().chars().take(max).collect();
    let kept = kept.trim_end();
    // Checked on what would be shown, which bounds the cost of the check.
    let echo = sent.iter().any(|secret| echoes(kept, secret));
    (!kept.is_empty() && !echo).then(|| kept.to_owned())
}

/// Whether `text` holds `secret`, or a run of [`ECHO_RUN`] characters of it.
fn echoes(text: &str, secret: &str) -> bool {
    let secret: Vec<char> = secret.chars().collect();
    if secret.is_empty() {
        return false;
    }
    let run = ECHO_RUN.min(secret.len());
    secret.windows(run).any(|window| {
        let window: String = window.iter().collect();
        text.contains(&window)
    })
}

/// Control characters (C0, DEL, C1) and the invisible marks that reorder or hide text.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || c == '\u{FEFF}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_spaces_and_the_text_is_bounded() {
        assert_eq!(
            server_text("bad\r\nFORGED\u{0}\u{7f}\u{1b}[31m\u{202e}x", 64, &[]).as_deref(),
            Some("bad  FORGED   [31m x")
        );
        assert_eq!(server_text(" \r\n\t ", 64, &[]), None);
        assert_eq!(server_text("ééééé", 3, &[]).as_deref(), Some("ééé"));
        assert_eq!(server_text("ab   cd", 4, &[]).as_deref(), Some("ab"));
    }

    #[test]
    fn a_text_echoing_a_secret_sent_is_dropped_however_little_of_it() {
        let secret = "eyJhbGciOiJQUzM4NCJ9.eyJpc3MiOiJzZGs6eCJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        let sent = [secret];
        assert_eq!(server_text(&format!("bad {secret}"), 512, &sent), None);
        // A prefix, a middle, an end.
        assert_eq!(
            server_text(&format!("x{}", &secret[..20]), 512, &sent),
            None
        );
        assert_eq!(server_text(&secret[25..45], 512, &sent), None);
        assert_eq!(server_text(&secret[50..], 512, &sent), None);
        // A short secret is matched whole.
        assert_eq!(server_text("token tok-1 refused", 512, &["tok-1"]), None);
        // Unrelated text, and a few characters in common, are kept.
        assert_eq!(
            server_text("invalid assertion eyJhbG", 512, &sent).as_deref(),
            Some("invalid assertion eyJhbG")
        );
        assert_eq!(server_text("kept", 512, &[""]).as_deref(), Some("kept"));
    }
}
