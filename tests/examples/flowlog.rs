//! The generated ECR client against the stateful fake flow-log service on 127.0.0.1:
//! create → describe → modify → describe → delete, printing what it does.
//!
//! ```sh
//! cargo run -p integration-tests --example flowlog
//! ```
//!
//! Credentials come from `ALIBABA_CLOUD_ACCESS_KEY_ID` / `ALIBABA_CLOUD_ACCESS_KEY_SECRET` (demo
//! values when they are unset). Nothing leaves the machine: the endpoint is overridden to the
//! fake, which checks the signature of every request with the same secret.

use std::time::Duration;

use alibabacloud_flowlog::ecr::{self, Client, CreateFlowLogError, Tag};
use alibabacloud_flowlog::runtime::credentials::{ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET};
use alibabacloud_flowlog::runtime::{Config, Credentials, RetryConfig, SdkError};
use integration_tests::fake_flowlog::FakeFlowLogService;

const ECR_ID: &str = "ecr-mezk2idmsd0vx2demo";

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let from_env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let (id, secret, config) = match (from_env(ENV_ACCESS_KEY_ID), from_env(ENV_ACCESS_KEY_SECRET)) {
        (Some(id), Some(secret)) => {
            println!("credentials: AccessKey {id} from {ENV_ACCESS_KEY_ID} / {ENV_ACCESS_KEY_SECRET}");
            // `Config::from_env` reads the same variables (then the aliyun CLI profile file).
            (id, secret, Config::from_env())
        }
        _ => {
            println!(
                "note: {ENV_ACCESS_KEY_ID} / {ENV_ACCESS_KEY_SECRET} are not set; using demo credentials \
                 (the fake accepts whatever it is started with)"
            );
            let (id, secret) = ("LTAI-demo-access-key-id".to_owned(), "demo-access-key-secret".to_owned());
            let config = Config::builder().credentials(Credentials::new(id.clone(), secret.clone()));
            (id, secret, config)
        }
    };

    let fake = FakeFlowLogService::start(&id, &secret).await?;
    println!("fake flow-log service listening on {} (every request's signature is checked)", fake.endpoint());

    let client = Client::new(
        config
            .region("cn-hangzhou")
            .endpoint(fake.endpoint())
            .connect_timeout(Duration::from_secs(2))
            .read_timeout(Duration::from_secs(5))
            .retry(RetryConfig::default().with_max_attempts(3))
            .build()?,
    );

    // Create: a fluent call. Every documented constraint is checked before anything is sent.
    let created = match client
        .create_flow_log()
        .ecr_id(ECR_ID)
        .instance_type("VBR")
        .instance_id("vbr-bp1demo")
        .flow_log_name("demo-flow-log")
        .description("flow log of vbr-bp1demo")
        .interval(60)
        .project_name("flowlog-project")
        .log_store_name("flowlog-logstore")
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

    // Delete: a request built beforehand goes through `Client::send`.
    let request = ecr::DeleteFlowlogRequest::builder().ecr_id(ECR_ID).flow_log_id(&flow_log_id).build()?;
    client.send(request).await?;
    let left = client.describe_flow_logs().ecr_id(ECR_ID).send().await?;
    println!("deleted   {flow_log_id}; flow logs left on {ECR_ID}: {}", left.total_count.unwrap_or(0));
    let calls = fake.calls();
    let verified = calls.iter().filter(|call| call.verification.is_ok()).count();
    println!("{} signed requests sent; the fake verified {verified} signatures", calls.len());
    Ok(())
}
