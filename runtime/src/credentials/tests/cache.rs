//! The refresh policy with a controllable clock: refresh before expiry, one refresh for 100
//! concurrent callers, a failed refresh, and secrets absent from every output.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::remote::{clock, imds_answer, sts_answer, text, Imds, STS_SECRET, STS_TOKEN};
use super::*;
use crate::test_util::{FakeResponse, FakeServer};

fn role(sts: &FakeServer, clock: Arc<dyn Clock>) -> RamRoleArnProvider {
    RamRoleArnProvider::builder(Credentials::new("LTAIsource", STS_SECRET))
        .role_arn("acs:ram::1:role/app")
        .sts(StsSettings::new().endpoint(sts.endpoint()))
        .env(env(&[]))
        .clock(clock)
        .build()
        .unwrap()
}

/// An STS that hands out `STS.<n>` valid one hour from the (manual) clock's now.
async fn sts_one_hour(manual: &ManualClock) -> FakeServer {
    let now = manual.clone();
    FakeServer::start(STS_SECRET, move |index, _| {
        sts_answer(&format!("STS.{index}"), now.now() + Duration::from_secs(3600))
    })
    .await
    .unwrap()
}

#[tokio::test]
async fn credentials_are_refreshed_fifteen_minutes_before_they_expire() {
    let (manual, clock) = clock();
    let sts = sts_one_hour(&manual).await;
    let provider = role(&sts, clock);
    assert_eq!(provider.provide_credentials().await.unwrap().access_key_id, "STS.0");
    manual.advance(Duration::from_secs(44 * 60 + 59));
    assert_eq!(provider.provide_credentials().await.unwrap().access_key_id, "STS.0", "still fresh");
    assert_eq!(sts.calls().len(), 1);
    manual.advance(Duration::from_secs(1)); // 45 minutes: within 15 minutes of expiry
    assert_eq!(provider.provide_credentials().await.unwrap().access_key_id, "STS.1");
    assert_eq!(sts.calls().len(), 2);
    assert_eq!(provider.refreshes(), 2);
}

#[derive(Debug)]
struct ShortLived(ManualClock);

impl ProvideCredentials for ShortLived {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        let expiration = self.0.now() + Duration::from_secs(600);
        Box::pin(async move { Ok(Credentials::new("short", "s").with_expiration(expiration)) })
    }
}

#[tokio::test]
async fn credentials_shorter_lived_than_the_margin_are_refreshed_halfway() {
    let (manual, _) = clock();
    let cache = CredentialsCache::new(ShortLived(manual.clone())).with_clock(manual.clone());
    cache.get().await.unwrap();
    manual.advance(Duration::from_secs(299));
    cache.get().await.unwrap();
    assert_eq!(cache.refreshes(), 1);
    manual.advance(Duration::from_secs(1));
    cache.get().await.unwrap();
    assert_eq!(cache.refreshes(), 2);
    // A source answering credentials already expired is an error, not a loop of refreshes.
    let expired = CredentialsCache::new(Credentials::new("old", "s").with_expiration(t0())).with_clock(manual.clone());
    assert_eq!(expired.get().await.unwrap_err().message(), "the source returned expired credentials");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_concurrent_calls_during_expiry_cause_one_refresh() {
    let (manual, clock) = clock();
    let now = manual.clone();
    // The refresh takes a while, so that every caller arrives while it is under way.
    let sts = FakeServer::start(STS_SECRET, move |index, _| {
        sts_answer(&format!("STS.{index}"), now.now() + Duration::from_secs(3600))
            .with_delay(Duration::from_millis(200))
    })
    .await
    .unwrap();
    let provider = Arc::new(role(&sts, clock));
    provider.provide_credentials().await.unwrap();
    manual.advance(Duration::from_secs(50 * 60));
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let provider = provider.clone();
            tokio::spawn(async move { provider.provide_credentials().await.map(|c| c.access_key_id) })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), "STS.1");
    }
    assert_eq!(sts.calls().len(), 2, "the first fetch and one refresh");
    assert_eq!(provider.refreshes(), 2);
}

/// Collects everything `tracing` prints, at every level.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }

    fn install(&self) -> tracing::subscriber::DefaultGuard {
        let writer = self.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_default(subscriber)
    }
}

#[tokio::test]
async fn a_failed_refresh_keeps_valid_credentials_reports_and_backs_off() {
    let captured = Captured::default();
    let _guard = captured.install();
    let (manual, clock) = clock();
    let sts = FakeServer::start(STS_SECRET, |index, _| match index {
        0 => sts_answer("STS.0", t0() + Duration::from_secs(3600)),
        _ => FakeResponse::error(403, "Forbidden.RAM", "the role's trust policy changed"),
    })
    .await
    .unwrap();
    let provider = role(&sts, clock);
    provider.provide_credentials().await.unwrap();
    manual.advance(Duration::from_secs(50 * 60));
    // Stale but valid: the refresh fails, the call still gets the old credentials.
    assert_eq!(provider.provide_credentials().await.unwrap().access_key_id, "STS.0");
    let error = provider.last_refresh_error().unwrap();
    assert!(error.message().starts_with("service error: Forbidden.RAM (HTTP 403)"), "{error}");
    assert_eq!(sts.calls().len(), 2);
    // Within the backoff (10 s), no new call.
    manual.advance(Duration::from_secs(9));
    provider.provide_credentials().await.unwrap();
    assert_eq!(sts.calls().len(), 2);
    manual.advance(Duration::from_secs(1));
    provider.provide_credentials().await.unwrap();
    assert_eq!(sts.calls().len(), 3);
    // Once they expire, the old credentials are never used: the failure is the answer.
    manual.advance(Duration::from_secs(10 * 60));
    let expired = provider.provide_credentials().await.unwrap_err();
    assert_eq!(expired, error);
    assert_eq!(sts.calls().len(), 4);
    let log = captured.text();
    assert!(log.contains("credentials refresh failed"), "{log}");
    assert!(log.contains("keeping_cached=true") && log.contains("keeping_cached=false"), "{log}");
    assert!(!log.contains(STS_SECRET) && !log.contains(STS_TOKEN), "{log}");
}

/// Every provider, run with `tracing` at TRACE: no secret or token in the log, in `Debug`, or
/// in an error.
#[tokio::test]
async fn secrets_never_appear_in_debug_errors_or_tracing() {
    const SOURCE_SECRET: &str = "source-sEcReT-345";
    let captured = Captured::default();
    let _guard = captured.install();
    let (_, clock) = clock();
    let sts =
        FakeServer::start_allowing_anonymous(STS_SECRET, |_, _| sts_answer("STS.x", t0() + Duration::from_secs(3600)))
            .await
            .unwrap();
    let imds = Arc::new(Imds::new(true, true));
    let metadata = imds.start().await;
    let uri = FakeServer::start_plain(|_, _| imds_answer("STS.uri", t0() + Duration::from_secs(3600))).await.unwrap();
    let failing =
        FakeServer::start_plain(|_, _| text(500, &format!("{{\"AccessKeySecret\":\"{STS_SECRET}\"}}"))).await.unwrap();
    let dir = TempDir::new("secrets");
    let token_file = dir.write("token", "oidc-sEcReT-token");

    let role = RamRoleArnProvider::builder(Credentials::new("LTAIsource", STS_SECRET).with_security_token(TOKEN))
        .role_arn("acs:ram::1:role/app")
        .sts(StsSettings::new().endpoint(sts.endpoint()))
        .env(env(&[]))
        .clock(clock.clone())
        .build()
        .unwrap();
    let oidc = OidcRoleProvider::builder()
        .role_arn("acs:ram::1:role/pod")
        .oidc_provider_arn("acs:ram::1:oidc-provider/ack")
        .oidc_token_file(&token_file)
        .sts(StsSettings::new().endpoint(sts.endpoint()))
        .env(env(&[]))
        .clock(clock.clone())
        .build()
        .unwrap();
    let ecs =
        EcsRamRoleProvider::builder().endpoint(metadata.endpoint()).env(env(&[])).clock(clock.clone()).build().unwrap();
    let uri = UriProvider::with_options(
        &format!("{}/c?k={SOURCE_SECRET}", uri.endpoint()),
        Duration::from_secs(5),
        Duration::from_secs(10),
        clock.clone(),
    )
    .unwrap();
    let broken =
        UriProvider::with_options(&failing.endpoint(), Duration::from_secs(5), Duration::from_secs(10), clock.clone())
            .unwrap();

    let mut outputs = Vec::new();
    for provider in [&role as &dyn ProvideCredentials, &oidc, &ecs, &uri] {
        let credentials = provider.provide_credentials().await.unwrap();
        outputs.push(format!("{credentials:?} {credentials} {provider:?}"));
    }
    // The signed STS call failed over to a role whose secret the fake does not know.
    let wrong = RamRoleArnProvider::builder(Credentials::new("LTAIwrong", SOURCE_SECRET))
        .role_arn("acs:ram::1:role/app")
        .sts(StsSettings::new().endpoint(sts.endpoint()))
        .env(env(&[]))
        .build()
        .unwrap();
    for provider in [&wrong as &dyn ProvideCredentials, &broken] {
        let error = provider.provide_credentials().await.unwrap_err();
        outputs.push(format!("{error} {error:?} {provider:?}"));
    }
    outputs.push(captured.text());
    let secrets = [SOURCE_SECRET, TOKEN, STS_SECRET, STS_TOKEN, "oidc-sEcReT-token", "imds-token-1"];
    for output in &outputs {
        for secret in secrets {
            assert!(!output.contains(secret), "{secret} appears in:\n{output}");
        }
    }
    assert!(outputs.last().unwrap().contains("AssumeRoleWithOIDC"), "the log shows the calls");
}
