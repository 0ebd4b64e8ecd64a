use std::time::{Duration, UNIX_EPOCH};

use super::*;

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

/// The fixed inputs of the worked example in Alibaba Cloud's reference page "Request syntax and
/// signature method V3" (RunInstances on ECS, cn-shanghai).
mod reference_page {
    use super::*;

    pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    pub const CANONICAL_REQUEST: &str = "POST
/
ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai
host:ecs.cn-shanghai.aliyuncs.com
x-acs-action:RunInstances
x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
x-acs-date:2023-10-26T10:22:32Z
x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d
x-acs-version:2014-05-26

host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version
e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    pub const HASHED_CANONICAL_REQUEST: &str = "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259";
    pub const SIGNATURE: &str = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";

    pub fn credentials() -> Credentials {
        Credentials::new("YourAccessKeyId", "YourAccessKeySecret")
    }

    pub fn date() -> SystemTime {
        // 2023-10-26T10:22:32Z
        UNIX_EPOCH + Duration::from_secs(1_698_315_752)
    }

    pub const NONCE: &str = "3156853299f313e23d1673dc12e1703d";

    pub fn query() -> Vec<(String, String)> {
        pairs(&[("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"), ("RegionId", "cn-shanghai")])
    }

    pub fn headers() -> Vec<(String, String)> {
        pairs(&[
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
        ])
    }
}

#[test]
fn reference_page_example_reproduces_every_step() {
    use reference_page::*;
    let (query, headers) = (query(), headers());
    let request = SignableRequest { method: "POST", path: "/", query: &query, headers: &headers, body: b"" };
    let signed = sign(&request, &credentials(), date(), NONCE);

    assert_eq!(hex_sha256(b""), EMPTY_SHA256);
    assert_eq!(signed.canonical_request, CANONICAL_REQUEST);
    assert_eq!(hex_sha256(signed.canonical_request.as_bytes()), HASHED_CANONICAL_REQUEST);
    assert_eq!(signed.string_to_sign, format!("ACS3-HMAC-SHA256\n{HASHED_CANONICAL_REQUEST}"));
    assert_eq!(signed.signature, SIGNATURE);
    assert_eq!(
        signed.header("authorization"),
        Some(
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,\
             SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;\
             x-acs-signature-nonce;x-acs-version,\
             Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        )
    );
    assert_eq!(signed.header("x-acs-date"), Some("2023-10-26T10:22:32Z"));
    assert_eq!(signed.header("x-acs-signature-nonce"), Some(NONCE));
    assert_eq!(signed.header("x-acs-content-sha256"), Some(EMPTY_SHA256));
    assert_eq!(signed.header("x-acs-security-token"), None);
}

#[test]
fn reference_page_example_step_by_step_functions() {
    use reference_page::*;
    assert_eq!(
        canonical_query(&query()),
        "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai"
    );
    assert_eq!(string_to_sign(CANONICAL_REQUEST), format!("ACS3-HMAC-SHA256\n{HASHED_CANONICAL_REQUEST}"));
    assert_eq!(signature("YourAccessKeySecret", &string_to_sign(CANONICAL_REQUEST)), SIGNATURE);
    assert_eq!(format_date(date()), "2023-10-26T10:22:32Z");
}

#[test]
fn reference_page_example_verifies() {
    use reference_page::*;
    let (query, headers) = (query(), headers());
    let request = SignableRequest { method: "POST", path: "/", query: &query, headers: &headers, body: b"" };
    let signed = sign(&request, &credentials(), date(), NONCE);
    let mut received = headers.clone();
    received.extend(signed.headers.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    let raw_query = "RegionId=cn-shanghai&ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd";
    let received = ReceivedRequest { method: "POST", path: "/", query: raw_query, headers: &received, body: b"" };
    let verified = verify(&received, "YourAccessKeySecret").unwrap();
    assert_eq!(verified.access_key_id, "YourAccessKeyId");
    assert!(matches!(verify(&received, "another secret"), Err(VerifyError::SignatureMismatch { .. })));
}

#[test]
fn percent_encoding_keeps_only_unreserved() {
    assert_eq!(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
    assert_eq!(percent_encode(" "), "%20");
    assert_eq!(percent_encode("*"), "%2A");
    assert_eq!(percent_encode("+/=&:,"), "%2B%2F%3D%26%3A%2C");
    assert_eq!(percent_encode("中"), "%E4%B8%AD");
    assert_eq!(percent_encode_path("/a b/c"), "/a%20b/c");
    assert_eq!(percent_decode("a%20b+c%2a%zz%"), "a b c*%zz%");
    assert_eq!(percent_decode(&percent_encode("x y*中~")), "x y*中~");
}

#[test]
fn canonical_query_sorts_by_bytes() {
    let query = pairs(&[("Tag.2.Key", "b"), ("Tag.10.Key", "j"), ("Tag.1.Key", "a"), ("Empty", ""), ("Space", "a b*")]);
    assert_eq!(canonical_query(&query), "Empty=&Space=a%20b%2A&Tag.1.Key=a&Tag.10.Key=j&Tag.2.Key=b");
    assert_eq!(canonical_query::<&str, &str>(&[]), "");
}

#[test]
fn canonical_headers_lowercase_trim_sort_and_filter() {
    let headers = pairs(&[
        ("X-Acs-Version", " 2016-04-28 "),
        ("Host", "vpc.aliyuncs.com"),
        ("User-Agent", "not signed"),
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("x-acs-action", "CreateFlowLog"),
    ]);
    let canonical = canonical_headers(&headers);
    assert_eq!(
        canonical.canonical,
        "content-type:application/x-www-form-urlencoded\nhost:vpc.aliyuncs.com\n\
         x-acs-action:CreateFlowLog\nx-acs-version:2016-04-28\n"
    );
    assert_eq!(canonical.signed, "content-type;host;x-acs-action;x-acs-version");
}

#[test]
fn security_token_is_sent_and_signed() {
    let headers = pairs(&[("host", "vpc.aliyuncs.com"), ("x-acs-action", "A"), ("x-acs-version", "V")]);
    let credentials = Credentials::new("STS.id", "secret").with_security_token("token-value");
    let request = SignableRequest { method: "POST", path: "/", query: &[], headers: &headers, body: b"a=1" };
    let signed = sign(&request, &credentials, UNIX_EPOCH, "n");
    assert_eq!(signed.header("x-acs-security-token"), Some("token-value"));
    assert!(signed.header("authorization").unwrap().contains("x-acs-security-token"));
    assert!(signed.canonical_request.contains("\nx-acs-security-token:token-value\n"));
    assert_eq!(signed.header("x-acs-content-sha256"), Some(hex_sha256(b"a=1").as_str()));
    assert_eq!(signed.header("x-acs-date"), Some("1970-01-01T00:00:00Z"));
    let debug = format!("{signed:?}");
    assert!(!debug.contains("token-value"), "{debug}");
}

#[test]
fn verify_refuses_tampering() {
    let headers = pairs(&[
        ("host", "127.0.0.1:8080"),
        ("x-acs-action", "A"),
        ("x-acs-version", "V"),
        ("content-type", "application/x-www-form-urlencoded"),
    ]);
    let query = pairs(&[("Tag.1.Key", "k v")]);
    let body = b"Name=x";
    let request = SignableRequest { method: "POST", path: "/", query: &query, headers: &headers, body };
    let signed = sign(&request, &Credentials::new("id", "s3cret"), UNIX_EPOCH, "n");
    let mut all = headers.clone();
    all.extend(signed.headers.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
    let received = |query: &'static str, headers: &[(String, String)], body: &'static [u8]| {
        let headers = headers.to_vec();
        move |f: &dyn Fn(&ReceivedRequest<'_>)| {
            f(&ReceivedRequest { method: "POST", path: "/", query, headers: &headers, body })
        }
    };
    received("Tag.1.Key=k%20v", &all, body)(&|r| {
        verify(r, "s3cret").unwrap();
    });
    received("Tag.1.Key=k%20w", &all, body)(&|r| {
        assert!(matches!(verify(r, "s3cret"), Err(VerifyError::SignatureMismatch { .. })));
    });
    received("Tag.1.Key=k%20v", &all, b"Name=y")(&|r| {
        assert!(matches!(verify(r, "s3cret"), Err(VerifyError::ContentHashMismatch { .. })));
    });
    let mut extra = all.clone();
    extra.push(("x-acs-extra".into(), "1".into()));
    received("Tag.1.Key=k%20v", &extra, body)(&|r| {
        assert_eq!(verify(r, "s3cret"), Err(VerifyError::UnsignedHeader("x-acs-extra".into())));
    });
    let without_auth: Vec<_> = all.iter().filter(|(k, _)| k != "authorization").cloned().collect();
    received("", &without_auth, body)(&|r| {
        assert_eq!(verify(r, "s3cret"), Err(VerifyError::MissingAuthorization));
    });
}

#[test]
fn authorization_parses() {
    let parsed =
        Authorization::parse("ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-date,Signature=ab").unwrap();
    assert_eq!(parsed.access_key_id, "id");
    assert_eq!(parsed.signed_headers, ["host", "x-acs-date"]);
    assert_eq!(parsed.signature, "ab");
    assert!(matches!(
        Authorization::parse("ACS3-HMAC-SM3 Credential=id,SignedHeaders=host,Signature=ab"),
        Err(VerifyError::UnsupportedAlgorithm(_))
    ));
    assert!(matches!(
        Authorization::parse("ACS3-HMAC-SHA256 Credential=id"),
        Err(VerifyError::MalformedAuthorization(_))
    ));
}
