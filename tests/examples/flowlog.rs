//! The generated ECR client against the stateful fake flow-log service on 127.0.0.1:
//! create → describe → modify → capture traffic → delete, then the records the flow log
//! delivered to Simple Log Service read back with the generated SLS client (`GetLogs` over a time
//! range and a query, page by page), printing what it does.
//!
//! ```sh
//! cargo run -p integration-tests --example flowlog
//! ```
//!
//! Credentials come from `ALIBABA_CLOUD_ACCESS_KEY_ID` / `ALIBABA_CLOUD_ACCESS_KEY_SECRET` (demo
//! values when they are unset). Nothing leaves the machine: the endpoints are overridden to the
//! fakes, which check the signature of every request with the same secret (ACS3 for ECR, SLS's
//! `LOG` signature for SLS, whose project is part of the host name).

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use alibabacloud_flowlog::ecr::{self, Client, CreateFlowLogError, Tag};
use alibabacloud_flowlog::runtime::credentials::{ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET};
use alibabacloud_flowlog::runtime::{Config, ConfigBuilder, Credentials, RetryConfig, SdkError};
use integration_tests::fake_flowlog::{FakeFlowLogService, FakeSls};
use integration_tests::sls;

const ECR_ID: &str = "ecr-mezk2idmsd0vx2demo";
const PROJECT: &str = "flowlog-project";
const LOGSTORE: &str = "flowlog-logstore";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let from_env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let (id, secret, from_env) = match (from_env(ENV_ACCESS_KEY_ID), from_env(ENV_ACCESS_KEY_SECRET)) {
        (Some(id), Some(secret)) => {
            println!("credentials: AccessKey {id} from {ENV_ACCESS_KEY_ID} / {ENV_ACCESS_KEY_SECRET}");
            (id, secret, true)
        }
        _ => {
            println!(
                "note: {ENV_ACCESS_KEY_ID} / {ENV_ACCESS_KEY_SECRET} are not set; using demo credentials \
                 (the fakes accept whatever they are started with)"
            );
            ("LTAI-demo-access-key-id".to_owned(), "demo-access-key-secret".to_owned(), false)
        }
    };
    // `Config::from_env` reads the same variables (then the aliyun CLI profile file).
    let config = |endpoint: String| -> ConfigBuilder {
        let builder = if from_env {
            Config::from_env()
        } else {
            Config::builder().credentials(Credentials::new(id.clone(), secret.clone()))
        };
        builder
            .region("cn-hangzhou")
            .endpoint(endpoint)
            .connect_timeout(Duration::from_secs(2))
            .read_timeout(Duration::from_secs(5))
            .retry(RetryConfig::default().with_max_attempts(3))
    };

    // Simple Log Service, where flow logs deliver their records: a project to hold the logstore.
    let sls_fake = Arc::new(FakeSls::start(&id, &secret).await?);
    sls_fake.create_project(PROJECT);
    let logs = sls::Client::new(config(sls_fake.endpoint()).build()?);
    logs.create_log_store()
        .project(PROJECT)
        .body(sls::CreateLogStoreBody::default().logstore_name(LOGSTORE).ttl(30).shard_count(2))
        .send()
        .await?;
    println!("logstore  {PROJECT}/{LOGSTORE} created in Simple Log Service ({})", sls_fake.endpoint());

    let fake = FakeFlowLogService::start(&id, &secret).await?;
    fake.deliver_to(sls_fake.clone());
    println!("fake flow-log service listening on {} (every request's signature is checked)", fake.endpoint());
    let client = Client::new(config(fake.endpoint()).build()?);

    // Create: a fluent call. Every documented constraint is checked before anything is sent.
    let created = match client
        .create_flow_log()
        .ecr_id(ECR_ID)
        .instance_type("VBR")
        .instance_id("vbr-bp1demo")
        .flow_log_name("demo-flow-log")
        .description("flow log of vbr-bp1demo")
        .interval(60)
        .project_name(PROJECT)
        .log_store_name(LOGSTORE)
        .tag(Tag::default().key("env").value("demo"))
        // This call only: a longer per-attempt timeout than the client's.
        .customize(|options| options.attempt_timeout(Duration::from_secs(10)))
        .send()
        .await
    {
        Ok(created) => created,
        Err(SdkError::Service(CreateFlowLogError::ResourceAlreadyExistFlowLogId(e))) => {
            return Err(format!("already there: {}", e.message()).into());
        }
        Err(other) => return Err(other.into()),
    };
    let flow_log_id = created.flow_log_id.clone().ok_or("no FlowLogId in the answer")?;
    println!("created   {flow_log_id} (request {})", created.envelope.request_id.as_deref().unwrap_or("?"));

    // Describe.
    let describe = || client.describe_flow_logs().ecr_id(ECR_ID).flow_log_id(&flow_log_id).send();
    for flow_log in describe().await?.flow_logs {
        println!(
            "described {} name={:?} description={:?} interval={:?} status={:?}",
            flow_log.flow_log_id.as_deref().unwrap_or("?"),
            flow_log.flow_log_name.as_deref().unwrap_or(""),
            flow_log.description.as_deref().unwrap_or(""),
            flow_log.interval,
            flow_log.status.as_deref().unwrap_or("?"),
        );
    }

    // Modify, and read it back.
    client
        .modify_flow_log_attribute()
        .ecr_id(ECR_ID)
        .flow_log_id(&flow_log_id)
        .flow_log_name("demo-flow-log-renamed")
        .interval(600)
        .send()
        .await?;
    for flow_log in describe().await?.flow_logs {
        println!(
            "modified  {} name={:?} interval={:?}",
            flow_log.flow_log_id.as_deref().unwrap_or("?"),
            flow_log.flow_log_name.as_deref().unwrap_or(""),
            flow_log.interval,
        );
    }

    // Traffic: three aggregation windows of 10 minutes pass while the flow log is active.
    let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH)?.as_secs();
    let t0 = u32::try_from(now - now % 600 - 3 * 600)?;
    let delivered: usize = (0..3).map(|w| fake.capture(t0 + w * 600)).sum();
    println!("captured  3 windows from {t0}: {delivered} records delivered to {PROJECT}/{LOGSTORE}");

    // Delete: a request built beforehand goes through `Client::send`.
    let request = ecr::DeleteFlowlogRequest::builder().ecr_id(ECR_ID).flow_log_id(&flow_log_id).build()?;
    client.send(request).await?;
    let left = client.describe_flow_logs().ecr_id(ECR_ID).send().await?;
    println!("deleted   {flow_log_id}; flow logs left on {ECR_ID}: {}", left.total_count.unwrap_or(0));
    let calls = fake.calls();
    let verified = calls.iter().filter(|call| call.verification.is_ok()).count();
    println!("{} signed requests sent; the fake verified {verified} signatures", calls.len());

    // Read the captured TCP flows back from Simple Log Service: GetLogs over the capture windows,
    // 4 records a page, until a page comes back short.
    let (from, to) = (i32::try_from(t0)?, i32::try_from(t0 + 3 * 600)?);
    let (mut offset, mut read) = (0, 0);
    loop {
        let page = logs
            .get_logs()
            .project(PROJECT)
            .logstore(LOGSTORE)
            .set_from(from)
            .to(to)
            .query("protocol: 6")
            .line(4)
            .offset(offset)
            .send()
            .await?;
        for record in &page.body {
            let field = |name: &str| record.get(name).and_then(|v| v.as_str()).unwrap_or("?").to_owned();
            println!(
                "flow      {} {}:{} → {}:{} {} packets {} bytes (window {}–{})",
                field("__time__"),
                field("srcaddr"),
                field("srcport"),
                field("dstaddr"),
                field("dstport"),
                field("packets"),
                field("bytes"),
                field("start"),
                field("end"),
            );
        }
        read += page.body.len();
        println!(
            "page      offset {offset}: {} records, progress {} (request {})",
            page.x_log_count.unwrap_or(0),
            page.x_log_progress.as_deref().unwrap_or("?"),
            page.envelope.request_id.as_deref().unwrap_or("?"),
        );
        if page.body.len() < 4 {
            break;
        }
        offset += 4;
    }
    println!("read      {read} TCP flow records of {ECR_ID} back from {PROJECT}/{LOGSTORE}");
    Ok(())
}
