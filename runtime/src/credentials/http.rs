//! What the HTTP-based providers share: clients with the official tools' timeouts, errors that
//! never quote a URL or a body, and the temporary-credentials JSON of the metadata service and
//! credentials URIs.

use std::time::{Duration, SystemTime};

use super::{Credentials, CredentialsError};

/// An HTTP client with these timeouts, no redirects, and no proxy when `direct` (the metadata
/// service is link-local: a proxy cannot reach it).
pub(crate) fn client(connect: Duration, read: Duration, direct: bool) -> Result<reqwest::Client, CredentialsError> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(connect)
        .read_timeout(read)
        .redirect(reqwest::redirect::Policy::none());
    if direct {
        builder = builder.no_proxy();
    }
    builder
        .build()
        .map_err(|e| CredentialsError::new("http", format!("cannot build the HTTP client: {}", describe(&e))))
}

/// A transport error in a few words, without its URL (a query string may hold a token).
pub(crate) fn describe(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "connection failed"
    } else if error.is_body() || error.is_decode() {
        "the response body could not be read"
    } else {
        "request failed"
    };
    let mut text = kind.to_owned();
    let mut source = std::error::Error::source(error);
    // The innermost cause says what happened (connection refused, dns error, ...).
    let mut innermost = None;
    while let Some(s) = source {
        innermost = Some(s.to_string());
        source = s.source();
    }
    if let Some(cause) = innermost {
        text.push_str(": ");
        text.push_str(&cause);
    }
    text
}

/// Parses an RFC 3339 time as the services write it (`2015-04-09T11:52:19Z`).
pub(crate) fn parse_time(text: &str) -> Result<SystemTime, String> {
    time::OffsetDateTime::parse(text.trim(), &time::format_description::well_known::Rfc3339)
        .map(SystemTime::from)
        .map_err(|_| format!("`Expiration` is not a time: {:?}", text.chars().take(40).collect::<String>()))
}

/// The temporary credentials the metadata service and credentials URIs answer:
/// `{"Code": "Success", "AccessKeyId": ..., "AccessKeySecret": ..., "SecurityToken": ...,
/// "Expiration": "2015-04-09T11:52:19Z"}`. Errors name what is missing, never a value.
pub(crate) fn temporary_credentials(body: &[u8]) -> Result<Credentials, String> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Answer {
        code: Option<String>,
        access_key_id: Option<String>,
        access_key_secret: Option<String>,
        security_token: Option<String>,
        expiration: Option<String>,
    }
    let answer: Answer = serde_json::from_slice(body)
        .map_err(|e| format!("the answer is not the expected JSON (line {}, column {})", e.line(), e.column()))?;
    if answer.code.as_deref() != Some("Success") {
        // The code is not a secret: it says why (`Failed`, ...).
        let code: String = answer.code.unwrap_or_default().chars().take(64).collect();
        return Err(format!("the answer's `Code` is {code:?}, not \"Success\""));
    }
    let field = |value: Option<String>, name: &str| {
        value.filter(|v| !v.is_empty()).ok_or(format!("the answer has no `{name}`"))
    };
    let id = field(answer.access_key_id, "AccessKeyId")?;
    let secret = field(answer.access_key_secret, "AccessKeySecret")?;
    let token = field(answer.security_token, "SecurityToken")?;
    let expiration = parse_time(&field(answer.expiration, "Expiration")?)?;
    Ok(Credentials::new(id, secret).with_security_token(token).with_expiration(expiration))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn parses_the_service_time_format() {
        assert_eq!(parse_time("2015-04-09T11:52:19Z").unwrap(), UNIX_EPOCH + Duration::from_secs(1_428_580_339));
        assert!(parse_time("yesterday").unwrap_err().contains("yesterday"));
    }

    #[test]
    fn temporary_credentials_need_every_field_and_success() {
        let ok = br#"{"Code":"Success","AccessKeyId":"STS.id","AccessKeySecret":"s3cr3t","SecurityToken":"t0k3n","Expiration":"2015-04-09T11:52:19Z","LastUpdated":"x"}"#;
        let credentials = temporary_credentials(ok).unwrap();
        assert_eq!(credentials.access_key_id, "STS.id");
        assert_eq!(credentials.expiration, Some(UNIX_EPOCH + Duration::from_secs(1_428_580_339)));
        let failed = br#"{"Code":"Failed","AccessKeySecret":"s3cr3t"}"#;
        assert_eq!(temporary_credentials(failed).unwrap_err(), "the answer's `Code` is \"Failed\", not \"Success\"");
        let partial = br#"{"Code":"Success","AccessKeyId":"STS.id","AccessKeySecret":"s3cr3t","Expiration":"2015-04-09T11:52:19Z"}"#;
        assert_eq!(temporary_credentials(partial).unwrap_err(), "the answer has no `SecurityToken`");
        let broken = temporary_credentials(b"{\"AccessKeySecret\": \"s3cr3t\" oops").unwrap_err();
        assert!(!broken.contains("s3cr3t"), "{broken}");
    }
}
