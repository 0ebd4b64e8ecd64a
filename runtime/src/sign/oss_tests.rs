use std::time::{Duration, UNIX_EPOCH};

use super::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

/// The request of `TestV4AuthHeader`, `TestV4AuthHeaderToken` and
/// `TestV4AuthHeaderWithAdditionalHeaders` in github:aliyun/alibabacloud-oss-go-sdk-v2
/// `oss/signer/signer_test.go` (the same vectors are in github:aliyun/alibabacloud-oss-python-sdk-v2
/// `tests/unit/signer/test_v4.py`): `PUT` of key `1234+-/123/1.txt` in `bucket`, cn-hangzhou,
/// AccessKey `ak`/`sk`.
mod go_sdk_v2 {
    use super::*;

    pub fn headers() -> Vec<(String, String)> {
        pairs(&[
            ("x-oss-head1", "value"),
            ("abc", "value"),
            ("ZAbc", "value"),
            ("XYZ", "value"),
            ("content-type", "text/plain"),
            ("x-oss-content-sha256", "UNSIGNED-PAYLOAD"),
        ])
    }

    pub fn query() -> Vec<(String, String)> {
        pairs(&[
            ("param1", "value1"),
            ("+param1", "value3"),
            ("|param1", "value4"),
            ("+param2", ""),
            ("|param2", ""),
            ("param2", ""),
        ])
    }

    pub fn sign_at(seconds: u64, credentials: &Credentials, additional: &[&str]) -> Signature {
        let (headers, query) = (headers(), query());
        let request = SignableRequest {
            method: "PUT",
            resource_path: &resource_path(Some("bucket"), "1234+-/123/1.txt"),
            query: &query,
            headers: &headers,
            additional_headers: additional,
        };
        sign(&request, credentials, "cn-hangzhou", UNIX_EPOCH + Duration::from_secs(seconds))
    }
}

#[test]
fn go_sdk_v2_auth_header() {
    let signed = go_sdk_v2::sign_at(1_702_743_657, &Credentials::new("ak", "sk"), &[]);
    assert_eq!(
        signed.canonical_request,
        "PUT\n/bucket/1234%2B-/123/1.txt\n%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\n\
         content-type:text/plain\nx-oss-content-sha256:UNSIGNED-PAYLOAD\nx-oss-date:20231216T162057Z\n\
         x-oss-head1:value\n\n\nUNSIGNED-PAYLOAD"
    );
    assert_eq!(
        signed.header("authorization"),
        Some(
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,\
             Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe"
        )
    );
    assert_eq!(signed.header("x-oss-date"), Some("20231216T162057Z"));
    assert_eq!(signed.header("date"), Some("Sat, 16 Dec 2023 16:20:57 GMT"));
    assert_eq!(signed.header("x-oss-content-sha256"), Some("UNSIGNED-PAYLOAD"));
}

#[test]
fn go_sdk_v2_auth_header_with_token() {
    let credentials = Credentials::new("ak", "sk").with_security_token("token");
    let signed = go_sdk_v2::sign_at(1_702_784_856, &credentials, &[]);
    assert_eq!(
        signed.header("authorization"),
        Some(
            "OSS4-HMAC-SHA256 Credential=ak/20231217/cn-hangzhou/oss/aliyun_v4_request,\
             Signature=b94a3f999cf85bcdc00d332fbd3734ba03e48382c36fa4d5af5df817395bd9ea"
        )
    );
    assert_eq!(signed.header("x-oss-security-token"), Some("token"));
    let debug = format!("{signed:?}");
    assert!(!debug.contains("\"token\""), "{debug}");
    assert!(debug.contains("x-oss-security-token:***"), "{debug}");
}

#[test]
fn go_sdk_v2_auth_header_with_additional_headers() {
    let expected = "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,\
                    AdditionalHeaders=abc;zabc,\
                    Signature=4a4183c187c07c8947db7620deb0a6b38d9fbdd34187b6dbaccb316fa251212f";
    let signed = go_sdk_v2::sign_at(1_702_747_512, &Credentials::new("ak", "sk"), &["ZAbc", "abc"]);
    assert_eq!(signed.header("authorization"), Some(expected));
    // Default-signed and absent names are dropped from the list, as in the Go test's second case.
    let signed = go_sdk_v2::sign_at(
        1_702_747_512,
        &Credentials::new("ak", "sk"),
        &["x-oss-no-exist", "ZAbc", "x-oss-head1", "abc"],
    );
    assert_eq!(signed.header("authorization"), Some(expected));
}

#[test]
fn canonical_parts() {
    assert_eq!(resource_path(Some("b"), "/dir/a b.txt"), "/b/dir/a b.txt");
    assert_eq!(resource_path(Some("b"), "/"), "/b/");
    assert_eq!(resource_path(None, "/"), "/");
    assert_eq!(canonical_uri("/b/dir/a b+c~.txt"), "/b/dir/a%20b%2Bc~.txt");
    assert_eq!(
        canonical_query(&[("acl", ""), ("prefix", "a/b c"), ("list-type", "2")]),
        "acl&list-type=2&prefix=a%2Fb%20c"
    );
    assert_eq!(
        canonical_headers(&[("X-Oss-Meta-A", " 1 "), ("x-oss-meta-a", "2"), ("host", "h"), ("Content-MD5", "m")], &[]),
        "content-md5:m\nx-oss-meta-a:1,2\n"
    );
    assert_eq!(
        Authorization::parse("OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request, Signature=ab"),
        Ok(Authorization {
            access_key_id: "ak".into(),
            date: "20231216".into(),
            region: "cn-hangzhou".into(),
            product: "oss".into(),
            additional_headers: vec![],
            signature: "ab".into(),
        })
    );
    assert!(matches!(Authorization::parse("OSS ak:sig"), Err(VerifyError::UnsupportedAlgorithm(_))));
    assert!(matches!(
        Authorization::parse("OSS4-HMAC-SHA256 Credential=ak/x,Signature=ab"),
        Err(VerifyError::MalformedAuthorization(_))
    ));
}

#[test]
fn verify_round_trip_and_tampering() {
    let mut headers = pairs(&[
        ("host", "bucket.oss-cn-hangzhou.aliyuncs.com"),
        ("content-type", "application/octet-stream"),
        ("x-oss-meta-owner", "me"),
        ("range", "bytes=0-9"),
    ]);
    let query = pairs(&[("versionId", "v 1")]);
    let request = SignableRequest {
        method: "GET",
        resource_path: "/bucket/dir/a b.txt",
        query: &query,
        headers: &headers,
        additional_headers: &["range"],
    };
    let signed = sign(&request, &Credentials::new("ak", "sk"), "cn-hangzhou", UNIX_EPOCH + Duration::from_secs(1));
    headers.extend(signed.headers.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    let received = ReceivedRequest {
        method: "GET",
        path: "/dir/a%20b.txt",
        query: "versionId=v%201",
        headers: &headers,
        body: b"",
    };
    let verified = verify(&received, Some("bucket"), "sk").unwrap();
    assert_eq!(verified.access_key_id, "ak");
    assert!(verified.signed_headers.contains(&"range".to_owned()));
    assert!(matches!(verify(&received, Some("bucket"), "other"), Err(VerifyError::SignatureMismatch { .. })));
    assert!(matches!(verify(&received, Some("other-bucket"), "sk"), Err(VerifyError::SignatureMismatch { .. })));
    let moved = ReceivedRequest { path: "/dir/b.txt", ..received };
    assert!(matches!(verify(&moved, Some("bucket"), "sk"), Err(VerifyError::SignatureMismatch { .. })));
    let mut changed = headers.clone();
    changed.iter_mut().filter(|(k, _)| k == "x-oss-meta-owner").for_each(|(_, v)| *v = "you".into());
    let changed = ReceivedRequest { headers: &changed, ..received };
    assert!(matches!(verify(&changed, Some("bucket"), "sk"), Err(VerifyError::SignatureMismatch { .. })));
    // The body is not signed (UNSIGNED-PAYLOAD): another body still verifies.
    let other_body = ReceivedRequest { body: b"anything", ..received };
    assert!(verify(&other_body, Some("bucket"), "sk").is_ok());
}
