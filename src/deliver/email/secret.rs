//! Secrets and the text that may carry them: a password or token that is
//! never shown, and the scrubbing of every text from outside (a server's
//! answer, a token helper's error output) before anyone reads it.
//!
//! A relay may quote what it was sent: a 535 that echoes the base64 AUTH
//! string carries the password base64-encoded. So the secret is scrubbed in
//! every form it is sent in (plain, and base64 of the PLAIN, LOGIN and
//! XOAUTH2 strings), whatever its length, and so is any base64 run that
//! decodes to something holding it or that is a piece of one of those forms.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// What replaces a secret found in a text.
pub(crate) const REDACTED: &str = "[redacted]";

/// The shortest base64 run looked at: shorter ones carry too little of a
/// secret to matter and are mostly words.
const MIN_BASE64_RUN: usize = 8;

/// The shortest word of a helper's output taken for an opaque credential
/// (a token, a client secret) when it mixes letters and digits.
const MIN_OPAQUE_WORD: usize = 24;

/// A password or token: its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    /// Keeps a secret.
    pub(crate) fn new(secret: String) -> Secret {
        Secret(secret)
    }

    /// The secret itself, for the sign-in only.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// Removes one secret, in every form it is sent in, from texts.
#[derive(Clone, Default)]
pub(crate) struct Scrubber {
    /// The secret as it is.
    plain: Option<String>,
    /// Its encodings on the wire: base64 of the secret alone (LOGIN), of
    /// the PLAIN string and of the XOAUTH2 string.
    encoded: Vec<String>,
}

impl fmt::Debug for Scrubber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Scrubber([redacted])")
    }
}

impl Scrubber {
    /// A scrubber for `secret`, sent as `user`'s password or token.
    pub(crate) fn new(user: &str, secret: &Secret) -> Scrubber {
        let s = secret.expose();
        let mut encoded: Vec<String> = [
            s.to_string(),
            format!("\0{user}\0{s}"),
            format!("user={user}\x01auth=Bearer {s}\x01\x01"),
        ]
        .iter()
        .map(|form| STANDARD.encode(form))
        .collect();
        // The longest first: the secret's own encoding may sit inside another.
        encoded.sort_by_key(|form| std::cmp::Reverse(form.len()));
        Scrubber {
            plain: Some(s.to_string()),
            encoded,
        }
    }

    /// `text` with the secret, in any of its forms, replaced by [`REDACTED`].
    pub(crate) fn scrub(&self, text: &str) -> String {
        let Some(plain) = &self.plain else {
            return text.to_string();
        };
        let mut out = text.to_string();
        for form in &self.encoded {
            out = out.replace(form.as_str(), REDACTED);
        }
        out = replace_runs(&out, is_base64, |run| {
            run.len() >= MIN_BASE64_RUN && self.base64_carries_secret(run, plain)
        });
        out.replace(plain.as_str(), REDACTED)
    }

    /// Whether a base64 run is a piece of one of the secret's encodings, or
    /// decodes to something holding the secret.
    fn base64_carries_secret(&self, run: &str, plain: &str) -> bool {
        if self.encoded.iter().any(|form| form.contains(run)) {
            return true;
        }
        // A run cut anywhere: try it from each of the four positions a
        // base64 quantum can start at.
        (0..4.min(run.len())).any(|skip| {
            let body = run[skip..].trim_end_matches('=');
            let whole = &body[..body.len() - body.len() % 4];
            base64::engine::general_purpose::STANDARD_NO_PAD
                .decode(whole)
                .is_ok_and(|bytes| String::from_utf8_lossy(&bytes).contains(plain))
        })
    }
}

fn is_base64(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')
}

/// `text` with each maximal run of characters `in_run` for which `hide`
/// holds replaced by [`REDACTED`].
fn replace_runs(text: &str, in_run: fn(char) -> bool, hide: impl Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (start, in_run(c) && i < text.len()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let run = &text[s..i];
                out.push_str(if hide(run) { REDACTED } else { run });
                start = None;
                if i < text.len() {
                    out.push(c);
                }
            }
            (None, false) => {
                if i < text.len() {
                    out.push(c);
                }
            }
            (Some(_), true) => {}
        }
    }
    out
}

/// Names of things whose value is a credential: `refresh_token=...`,
/// `"client_secret": "..."`, `password: ...`.
const CREDENTIAL_KEYS: [&str; 12] = [
    "token",
    "secret",
    "password",
    "passwd",
    "pwd",
    "credential",
    "assertion",
    "apikey",
    "api_key",
    "code",
    "signature",
    "cookie",
];

/// A token helper's output with whatever looks like a credential replaced
/// by [`REDACTED`]: the value of a `key=value` or `key: value` whose key
/// names a credential, what follows `Bearer` or `Basic`, and long opaque
/// words mixing letters and digits (tokens, client secrets, JWTs). Trace
/// ids (GUIDs) and error codes (`AADSTS70043`) stay readable.
pub(crate) fn scrub_credentials(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Whether the next word is a value to hide, and whether to keep
    // hiding across a space (after `Bearer`).
    let mut hide_next = false;
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(|c: char| !is_separator(c)).unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.is_empty() {
            break;
        }
        let end = rest.find(is_separator).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        if hide_next {
            out.push_str(REDACTED);
            hide_next = false;
            continue;
        }
        let lower = word.to_ascii_lowercase();
        if lower == "bearer" || lower == "basic" {
            out.push_str(word);
            hide_next = true;
            continue;
        }
        // `key=value`, `key:value` in one word.
        if let Some(at) = word.find(['=', ':'])
            && at > 0
            && names_credential(&word[..at])
        {
            let value = &word[at + 1..];
            out.push_str(&word[..=at]);
            if value.trim_matches(['"', '\'']).is_empty() {
                hide_next = true;
            } else {
                out.push_str(REDACTED);
            }
            continue;
        }
        // `key: value`, `"key": "value"`: the value is the next word.
        let bare = word.trim_matches(['"', '\'', ':', '=']);
        if names_credential(bare) && (word.ends_with(':') || word.ends_with('=')) {
            out.push_str(word);
            hide_next = true;
            continue;
        }
        if looks_opaque(word) {
            out.push_str(REDACTED);
        } else {
            out.push_str(word);
        }
    }
    out
}

/// Separators between the words of a helper's output: `a=b` stays one word.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | '&' | '?' | '(' | ')' | '[' | ']' | '{' | '}')
}

fn names_credential(key: &str) -> bool {
    let key = key.trim_matches(['"', '\'']).to_ascii_lowercase();
    !key.is_empty() && CREDENTIAL_KEYS.iter().any(|k| key.contains(k))
}

/// A long word mixing letters and digits that is not a GUID.
fn looks_opaque(word: &str) -> bool {
    let word = word.trim_matches(['"', '\'', '.', ':']);
    if word.len() < MIN_OPAQUE_WORD {
        return false;
    }
    let is_guid = word.len() == 36
        && word.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    !is_guid
        && word.chars().any(|c| c.is_ascii_digit())
        && word.chars().any(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrubber(user: &str, secret: &str) -> Scrubber {
        Scrubber::new(user, &Secret::new(secret.into()))
    }

    #[test]
    fn a_short_password_is_scrubbed_too() {
        let s = scrubber("u@example.com", "k7Q");
        assert_eq!(
            s.scrub("535 5.7.8 failed with password k7Q"),
            "535 5.7.8 failed with password [redacted]"
        );
    }

    #[test]
    fn the_secret_is_scrubbed_in_every_encoding_it_is_sent_in_whole_or_cut() {
        let (user, secret) = ("desk@contoso.test", "Sup3r-Secret!");
        let s = scrubber(user, secret);
        let plain = STANDARD.encode(format!("\0{user}\0{secret}"));
        let login = STANDARD.encode(secret);
        let xoauth2 = STANDARD.encode(format!("user={user}\x01auth=Bearer {secret}\x01\x01"));
        for form in [&plain, &login, &xoauth2] {
            let text = format!("535 5.7.8 Authentication failed for {form}");
            let out = s.scrub(&text);
            assert_eq!(out, "535 5.7.8 Authentication failed for [redacted]");
            // Cut short by the server, or inside other text.
            let cut = &form[..form.len() - 3];
            assert!(!s.scrub(&format!("echo:{cut}")).contains(cut), "{cut}");
        }
        assert_eq!(s.scrub("250 2.0.0 OK queued"), "250 2.0.0 OK queued");
    }

    #[test]
    fn a_helper_output_loses_what_looks_like_a_credential() {
        let out = scrub_credentials(
            "error: refresh_token=RT-SECRET-999-abc expired; client_secret: \"s3cr3t\" \
             Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.e30.sig \
             https://login.example/token?code=0.AXoA-1234&state=x \
             AADSTS70043: The refresh token has expired. Trace ID: 0f3b2c1d-1111-2222-3333-444455556666 \
             ghp_0123456789abcdefghijABCDEFGHIJ",
        );
        for secret in [
            "RT-SECRET-999-abc",
            "s3cr3t",
            "eyJ0eXAi",
            "0.AXoA-1234",
            "ghp_0123",
        ] {
            assert!(!out.contains(secret), "{secret}: {out}");
        }
        for kept in [
            "AADSTS70043",
            "The refresh token has expired",
            "0f3b2c1d-1111-2222-3333-444455556666",
            "state=x",
        ] {
            assert!(out.contains(kept), "{kept}: {out}");
        }
    }

    #[test]
    fn debug_never_shows_a_secret() {
        let secret = Secret::new("hunter22".into());
        assert!(!format!("{secret:?}").contains("hunter22"));
        assert!(!format!("{:?}", Scrubber::new("u", &secret)).contains("hunter22"));
    }
}
