//! What the signature schemes share, written once: the headers a signer signs (the request's own
//! and those it adds), header entries as the canonical forms read them, joined per name (V3, OSS)
//! or a line each with the resource (SLS, ROA), the `Authorization` header of each family (V3 and
//! OSS: `<algorithm> k=v,...`; SLS and ROA: `<scheme> <id>:<signature>`), the constant-time check of a signature, and a signature's `Debug` with the
//! security token masked.

use std::borrow::Cow;
use std::fmt;

use super::{constant_time_eq, CanonicalHeaders, ReceivedRequest, VerifyError};

/// The headers a scheme signs: the request's own but those the signer sets itself (`replaced`,
/// any case), then the ones it adds, in that order.
pub(super) fn with_added<'a>(
    given: &'a [(String, String)],
    replaced: &[&str],
    added: &'a [(&'static str, String)],
) -> Vec<(&'a str, &'a str)> {
    let mut all = Vec::with_capacity(given.len() + added.len());
    all.extend(
        given
            .iter()
            .filter(|(k, _)| !replaced.iter().any(|r| k.eq_ignore_ascii_case(r)))
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );
    all.extend(added.iter().map(|(k, v)| (*k, v.as_str())));
    all
}

/// The value of the added header `name` (names are lowercase).
pub(super) fn added_header<'a>(headers: &'a [(&'static str, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
}

/// Header entries as the canonical forms read them: names trimmed and lowercase, values trimmed,
/// only the headers `include` accepts (given the lowercase name), in the order given.
pub(super) fn lowercase_entries<'a, K: AsRef<str>, V: AsRef<str>>(
    headers: &'a [(K, V)],
    include: impl Fn(&str) -> bool,
) -> Vec<(Cow<'a, str>, &'a str)> {
    headers
        .iter()
        .map(|(k, v)| {
            let k = k.as_ref().trim();
            let k = if k.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(k.to_ascii_lowercase())
            } else {
                Cow::Borrowed(k)
            };
            (k, v.as_ref().trim())
        })
        .filter(|(k, _)| include(k))
        .collect()
}

/// The canonical headers of sorted `entries`: `name:value\n` per name, the values of a repeated
/// header joined with `,` in the order of `entries`, and the names joined with `;` (V3, OSS V4).
pub(super) fn joined_entries(entries: &[(Cow<'_, str>, &str)]) -> CanonicalHeaders {
    let mut canonical = String::with_capacity(entries.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    let mut signed = String::new();
    let mut previous: Option<&str> = None;
    for (name, value) in entries {
        if previous == Some(name.as_ref()) {
            // A repeated header: its values joined with `,`.
            canonical.pop();
            canonical.push(',');
        } else {
            if previous.is_some() {
                signed.push(';');
            }
            signed.push_str(name);
            canonical.push_str(name);
            canonical.push(':');
        }
        canonical.push_str(value);
        canonical.push('\n');
        previous = Some(name);
    }
    CanonicalHeaders { signed, canonical }
}

/// `name:value\n` for every header `include` accepts, sorted by name then value, a line per value
/// of a repeated header: the header lines of the SLS and ROA strings to sign.
pub(super) fn header_lines<K: AsRef<str>, V: AsRef<str>>(headers: &[(K, V)], include: impl Fn(&str) -> bool) -> String {
    let mut entries = lowercase_entries(headers, include);
    entries.sort_unstable();
    let mut out = String::with_capacity(entries.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    for (k, v) in &entries {
        out.push_str(k);
        out.push(':');
        out.push_str(v);
        out.push('\n');
    }
    out
}

/// The resource of the SLS and ROA strings to sign: `path`, then `?` and the pairs sorted by key
/// (then value), joined with `&`, nothing encoded; an empty value gives `key=`, or `key` alone
/// when `bare_empty`.
pub(super) fn canonical_resource<K: AsRef<str>, V: AsRef<str>>(
    path: &str,
    query: &[(K, V)],
    bare_empty: bool,
) -> String {
    let mut pairs: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_ref(), v.as_ref())).collect();
    pairs.sort_unstable();
    let mut out = String::from(path);
    for (i, (k, v)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(k);
        if !(bare_empty && v.is_empty()) {
            out.push('=');
            out.push_str(v);
        }
    }
    out
}

/// The `key=value` parameters of `Authorization: <algorithm> k=v,k=v` (V3, OSS V4; spaces after
/// the commas allowed), in the order given.
pub(super) fn authorization_params<'v>(
    value: &'v str,
    algorithm: &str,
) -> Result<Vec<(&'v str, &'v str)>, VerifyError> {
    let malformed = || VerifyError::MalformedAuthorization(value.to_owned());
    let (found, rest) = value.trim().split_once(' ').ok_or_else(malformed)?;
    if found != algorithm {
        return Err(VerifyError::UnsupportedAlgorithm(found.to_owned()));
    }
    rest.split(',').map(|part| part.trim().split_once('=').ok_or_else(malformed)).collect()
}

/// The AccessKey id and the signature of `Authorization: <scheme> <id>:<signature>` (SLS `LOG`,
/// ROA `acs`), the signature trimmed.
pub(super) fn key_and_signature<'r>(
    request: &'r ReceivedRequest<'_>,
    scheme: &str,
) -> Result<(&'r str, &'r str), VerifyError> {
    let value = request.header("authorization").ok_or(VerifyError::MissingAuthorization)?;
    let malformed = || VerifyError::MalformedAuthorization(value.to_owned());
    let (found, rest) = value.trim().split_once(' ').ok_or_else(malformed)?;
    if found != scheme {
        return Err(VerifyError::UnsupportedAlgorithm(found.to_owned()));
    }
    let (access_key_id, provided) = rest.split_once(':').ok_or_else(malformed)?;
    Ok((access_key_id, provided.trim()))
}

/// `Ok` when the `provided` signature is the `expected` one (compared in constant time), else
/// the mismatch with what the server signed (`signed`: its canonical request or string to sign).
pub(super) fn check_signature(expected: String, provided: &str, signed: String) -> Result<(), VerifyError> {
    if constant_time_eq(expected.as_bytes(), provided.as_bytes()) {
        Ok(())
    } else {
        Err(VerifyError::SignatureMismatch { expected, canonical_request: signed })
    }
}

/// Writes a scheme's `Signature` as `Signature { headers, <texts>..., signature }`, the value of
/// the header `token_header` shown as `***` in `headers` and in the lines of the `texts` (the
/// canonical request, the string to sign) that give it.
pub(super) fn debug_signature(
    f: &mut fmt::Formatter<'_>,
    token_header: &str,
    headers: &[(&'static str, String)],
    texts: &[(&str, &str)],
    signature: &str,
) -> fmt::Result {
    let masked_headers: Vec<(&str, &str)> =
        headers.iter().map(|(k, v)| if *k == token_header { (*k, "***") } else { (*k, v.as_str()) }).collect();
    let token_line = format!("{token_header}:");
    let masked_line = format!("{token_header}:***");
    let mut out = f.debug_struct("Signature");
    out.field("headers", &masked_headers);
    for (name, text) in texts {
        let lines: Vec<&str> =
            text.split('\n').map(|l| if l.starts_with(&token_line) { masked_line.as_str() } else { l }).collect();
        out.field(name, &lines.join("\n"));
    }
    out.field("signature", &signature).finish()
}
