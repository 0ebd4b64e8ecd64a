//! CloudSSO credentials.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::cache::{Clock, CredentialsCache};
use super::http::{client, describe, parse_time};
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials, Secret};

const SOURCE: &str = "cloud sso";

struct Fetch {
    http: reqwest::Client,
    sign_in_url: String,
    account_id: String,
    access_config: String,
    access_token: Secret,
    access_token_expire: SystemTime,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for Fetch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CloudSso")
            .field("sign_in_url", &self.sign_in_url)
            .field("account_id", &self.account_id)
            .field("access_config", &self.access_config)
            .finish_non_exhaustive()
    }
}

impl Fetch {
    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let error = |message: String| CredentialsError::new(SOURCE, message);
        if self.clock.now() >= self.access_token_expire {
            return Err(error("the CloudSSO access token expired: sign in again with the aliyun CLI".into()));
        }
        let body = serde_json::json!({ "AccountId": self.account_id, "AccessConfigurationId": self.access_config });
        let response = self
            .http
            .post(format!("{}/cloud-credentials", self.sign_in_url))
            .header("accept", "application/json")
            .header("content-type", "application/json")
            .bearer_auth(self.access_token.expose_secret())
            .body(body.to_string())
            .send()
            .await
            .map_err(|e| error(describe(&e)))?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(|e| error(describe(&e)))?;
        if status != 200 {
            return Err(error(format!("the sign-in portal answered HTTP {status}")));
        }
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Answer {
            cloud_credential: Option<Cloud>,
        }
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "PascalCase")]
        struct Cloud {
            access_key_id: Option<String>,
            access_key_secret: Option<String>,
            security_token: Option<String>,
            expiration: Option<String>,
        }
        let answer: Answer =
            serde_json::from_slice(&bytes).map_err(|_| error("the answer is not the expected JSON".into()))?;
        let cloud = answer.cloud_credential.ok_or_else(|| error("the answer has no `CloudCredential`".into()))?;
        let field = |v: Option<String>, name: &str| {
            v.filter(|v| !v.is_empty()).ok_or_else(|| error(format!("the answer has no `{name}`")))
        };
        let expiration = parse_time(&field(cloud.expiration, "Expiration")?).map_err(error)?;
        Ok(Credentials::new(
            field(cloud.access_key_id, "AccessKeyId")?,
            field(cloud.access_key_secret, "AccessKeySecret")?,
        )
        .with_security_token(field(cloud.security_token, "SecurityToken")?)
        .with_expiration(expiration))
    }
}

impl ProvideCredentials for Fetch {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// Credentials of a CloudSSO access configuration.
/// Cached and refreshed 15 minutes before they expire.
///
/// CloudSSO: the `aliyun` CLI's `CloudSSO` mode. With the access token the CLI obtained at sign
/// in, `POST <sign-in URL>/cloud-credentials` (`{"AccountId", "AccessConfigurationId"}`,
/// `Authorization: Bearer <token>`) answers `{"CloudCredential": {AccessKeyId, AccessKeySecret,
/// SecurityToken, Expiration}}`, as in the official tools (5 s to connect, 10 s to read).
#[derive(Debug)]
pub struct CloudSsoProvider {
    cache: CredentialsCache,
}

impl CloudSsoProvider {
    /// A provider for the account and access configuration, with the CLI's access token and its
    /// expiry (Unix seconds). An error when a value is missing.
    pub fn new(
        sign_in_url: &str,
        account_id: &str,
        access_config: &str,
        access_token: Secret,
        access_token_expire: u64,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, CredentialsError> {
        if [sign_in_url, account_id, access_config, access_token.expose_secret()].iter().any(|v| v.is_empty()) {
            return Err(CredentialsError::new(
                SOURCE,
                "the sign-in URL, account id, access configuration and access token are all required",
            ));
        }
        let fetch = Fetch {
            http: client(Duration::from_secs(5), Duration::from_secs(10), false)?,
            sign_in_url: sign_in_url.trim_end_matches('/').to_owned(),
            account_id: account_id.to_owned(),
            access_config: access_config.to_owned(),
            access_token,
            access_token_expire: UNIX_EPOCH + Duration::from_secs(access_token_expire),
            clock: clock.clone(),
        };
        Ok(CloudSsoProvider { cache: CredentialsCache::new(fetch).with_shared_clock(clock) })
    }
}

impl ProvideCredentials for CloudSsoProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.cache.provide_credentials()
    }
}
