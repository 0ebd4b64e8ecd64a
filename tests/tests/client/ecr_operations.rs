//! ExpressConnectRouter 2023-09-01: the success path of its six flow-log operations.

use alibabacloud_flowlog::ecr::{self, Client};
use alibabacloud_flowlog::ecr::{InstanceType, SamplingRate, Tag};

use crate::support::{answering, assert_params, assert_rpc, config, only_call};

const VERSION: &str = "2023-09-01";

#[tokio::test]
async fn create_flow_log() {
    let server = answering(concat!(
        r#"{"RequestId":"6FABF516-FED3-5697-BDA2-B18C5D9A0001","Success":true,"Code":"200","Message":"OK","#,
        r#""HttpStatusCode":200,"DynamicCode":"","DynamicMessage":"","AccessDeniedDetail":"","FlowLogId":"flowlog-m5evbtbpt0001"}"#
    ))
    .await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = ecr::CreateFlowLogRequest::builder()
        .ecr_id("ecr-mezk2idmsd0vx20001")
        .dry_run(false)
        .client_token("02fb3da4-130e-11e9-8e44-00163e0001")
        .flow_log_name("my flow log")
        .description("delivers * to SLS")
        .instance_type(InstanceType::Vbr)
        .instance_id("vbr-bp1x0001")
        .interval(60)
        .sampling_rate(SamplingRate::V14096)
        .project_name("flowlog-project")
        .log_store_name("flowlog_logstore")
        .tag(Tag::default().key("env").value("test"))
        .tag(Tag::default().key("team").value(""))
        .resource_group_id("rg-aek2aq7f4va0001")
        .target_sls_region_id("cn-shanghai")
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();

    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "CreateFlowLog", VERSION);
    assert_params(
        call,
        &[
            ("Description", "delivers * to SLS"),
            ("InstanceId", "vbr-bp1x0001"),
            ("InstanceType", "VBR"),
            ("Interval", "60"),
            ("LogStoreName", "flowlog_logstore"),
            ("ProjectName", "flowlog-project"),
            ("SamplingRate", "1:4096"),
            ("Tag.1.Key", "env"),
            ("Tag.1.Value", "test"),
            ("Tag.2.Key", "team"),
            ("Tag.2.Value", ""),
            ("TargetSlsRegionId", "cn-shanghai"),
        ],
        &[
            ("ClientToken", "02fb3da4-130e-11e9-8e44-00163e0001"),
            ("DryRun", "false"),
            ("EcrId", "ecr-mezk2idmsd0vx20001"),
            ("FlowLogName", "my flow log"),
            ("ResourceGroupId", "rg-aek2aq7f4va0001"),
        ],
    );
    // Percent-encoding as the signature expects it: `*` is `%2A`, a space `%20`, `:` `%3A`.
    assert!(call.query.starts_with("Description=delivers%20%2A%20to%20SLS&"), "{}", call.query);
    assert!(call.query.contains("&SamplingRate=1%3A4096&"), "{}", call.query);

    assert_eq!(response.envelope.request_id.as_deref(), Some("6FABF516-FED3-5697-BDA2-B18C5D9A0001"));
    assert_eq!(response.envelope.success, Some(true));
    assert_eq!(response.envelope.code.as_deref(), Some("200"));
    assert_eq!(response.envelope.message.as_deref(), Some("OK"));
    assert_eq!(response.envelope.http_status_code, Some(200));
    assert_eq!(response.envelope.dynamic_code.as_deref(), Some(""));
    assert_eq!(response.envelope.access_denied_detail.as_deref(), Some(""));
    assert_eq!(response.flow_log_id.as_deref(), Some("flowlog-m5evbtbpt0001"));
}

#[tokio::test]
async fn delete_flowlog() {
    let server = answering(concat!("{", r#""RequestId":"R-DEL","Success":true,"HttpStatusCode":200"#, "}")).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = ecr::DeleteFlowlogRequest::builder()
        .ecr_id("ecr-0001")
        .flow_log_id("flowlog-0001")
        .client_token("token-delete")
        .dry_run(true)
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "DeleteFlowlog", VERSION);
    assert_params(
        call,
        &[("FlowLogId", "flowlog-0001")],
        &[("ClientToken", "token-delete"), ("DryRun", "true"), ("EcrId", "ecr-0001")],
    );
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-DEL"));
    assert_eq!(response.envelope.success, Some(true));
    assert_eq!(response.envelope.http_status_code, Some(200));
    assert_eq!(response.envelope.code, None);
}

#[tokio::test]
async fn modify_flow_log_attribute() {
    let server =
        answering(concat!("{", r#""RequestId":"R-MOD","Success":"true","HttpStatusCode":"200","Code":"OK""#, "}"))
            .await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = ecr::ModifyFlowLogAttributeRequest::builder()
        .ecr_id("ecr-0001")
        .flow_log_id("flowlog-0001")
        .client_token("token-modify")
        .flow_log_name("renamed")
        .description("new description")
        .interval(600)
        .sampling_rate(ecr::SamplingRate::V11024)
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "ModifyFlowLogAttribute", VERSION);
    assert_params(
        call,
        &[
            ("Description", "new description"),
            ("FlowLogId", "flowlog-0001"),
            ("Interval", "600"),
            ("SamplingRate", "1:1024"),
        ],
        &[("ClientToken", "token-modify"), ("EcrId", "ecr-0001"), ("FlowLogName", "renamed")],
    );
    // Scalars sent as strings are read leniently into the documented types.
    assert_eq!(response.envelope.success, Some(true));
    assert_eq!(response.envelope.http_status_code, Some(200));
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-MOD"));
    assert_eq!(response.envelope.code.as_deref(), Some("OK"));
}

#[tokio::test]
async fn describe_flow_logs() {
    let server = answering(concat!(
        "{",
        r#""RequestId":"R-DESC","Success":true,"HttpStatusCode":200,"TotalCount":3,"NextToken":"tok-2","MaxResults":1,"#,
        r#""FlowLogs":[{"FlowLogId":"flowlog-0001","FlowLogName":"myFlowlog","Description":"d","EcrId":"ecr-0001","#,
        r#""InstanceId":"vbr-0001","InstanceType":"VBR","Interval":60,"SamplingRate":"1:4096","ProjectName":"p-1","#,
        r#""LogStoreName":"ls-1","SlsRegionId":"cn-hangzhou","RegionId":"cn-hangzhou","Status":"Active","#,
        r#""CreationTime":"2024-01-01T00:00:00Z","ResourceGroupId":"rg-1","Tags":[{"Key":"env","Value":"prod"}]}]"#,
        "}"
    ))
    .await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let mut builder = ecr::DescribeFlowLogsRequest::builder()
        .ecr_id("ecr-0001")
        .client_token("token-describe")
        .next_token("tok-1")
        .max_results(1)
        .flow_log_id("flowlog-0001")
        .flow_log_name("myFlowlog")
        .project_name("p-1")
        .log_store_name("ls-1")
        .instance_id("vbr-0001")
        .resource_group_id("rg-1");
    for i in 1..=11 {
        builder = builder.tag(ecr::Tag::default().key(format!("k{i}")).value(format!("v{i}")));
    }
    let response = client.send(builder.build().unwrap()).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "DescribeFlowLogs", VERSION);
    // repeatList tags, 1-based; sent in canonical (byte) order, so Tag.10 and Tag.11 precede Tag.2.
    let mut query: Vec<(String, String)> = vec![
        ("FlowLogId".into(), "flowlog-0001".into()),
        ("FlowLogName".into(), "myFlowlog".into()),
        ("InstanceId".into(), "vbr-0001".into()),
        ("LogStoreName".into(), "ls-1".into()),
        ("MaxResults".into(), "1".into()),
        ("NextToken".into(), "tok-1".into()),
        ("ProjectName".into(), "p-1".into()),
        ("ResourceGroupId".into(), "rg-1".into()),
    ];
    for i in 1..=11 {
        query.push((format!("Tag.{i}.Key"), format!("k{i}")));
        query.push((format!("Tag.{i}.Value"), format!("v{i}")));
    }
    query.sort();
    assert_eq!(
        query[8..14].iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        ["Tag.1.Key", "Tag.1.Value", "Tag.10.Key", "Tag.10.Value", "Tag.11.Key", "Tag.11.Value"]
    );
    let query: Vec<(&str, &str)> = query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_params(call, &query, &[("ClientToken", "token-describe"), ("EcrId", "ecr-0001")]);

    assert_eq!(response.envelope.request_id.as_deref(), Some("R-DESC"));
    assert_eq!(response.total_count, Some(3));
    assert_eq!(response.next_token.as_deref(), Some("tok-2"));
    assert_eq!(response.max_results, Some(1));
    assert_eq!(response.flow_logs.len(), 1);
    let flow_log = &response.flow_logs[0];
    assert_eq!(flow_log.flow_log_id.as_deref(), Some("flowlog-0001"));
    assert_eq!(flow_log.flow_log_name.as_deref(), Some("myFlowlog"));
    assert_eq!(flow_log.description.as_deref(), Some("d"));
    assert_eq!(flow_log.ecr_id.as_deref(), Some("ecr-0001"));
    assert_eq!(flow_log.instance_id.as_deref(), Some("vbr-0001"));
    assert_eq!(flow_log.instance_type.as_deref(), Some("VBR"));
    assert_eq!(flow_log.interval, Some(60));
    assert_eq!(flow_log.sampling_rate.as_deref(), Some("1:4096"));
    assert_eq!(flow_log.project_name.as_deref(), Some("p-1"));
    assert_eq!(flow_log.log_store_name.as_deref(), Some("ls-1"));
    assert_eq!(flow_log.sls_region_id.as_deref(), Some("cn-hangzhou"));
    assert_eq!(flow_log.region_id.as_deref(), Some("cn-hangzhou"));
    assert_eq!(flow_log.status.as_deref(), Some("Active"));
    assert_eq!(flow_log.creation_time.as_deref(), Some("2024-01-01T00:00:00Z"));
    assert_eq!(flow_log.resource_group_id.as_deref(), Some("rg-1"));
    assert_eq!(flow_log.tags.len(), 1);
    assert_eq!(flow_log.tags[0].key.as_deref(), Some("env"));
    assert_eq!(flow_log.tags[0].value.as_deref(), Some("prod"));
}

#[tokio::test]
async fn activate_flow_log() {
    let server =
        answering(concat!("{", r#""RequestId":"R-ACT","Success":true,"Code":"Success","HttpStatusCode":200"#, "}"))
            .await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = ecr::ActivateFlowLogRequest::builder()
        .ecr_id("ecr-0001")
        .flow_log_id("flowlog-0001")
        .client_token("token-activate")
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "ActivateFlowLog", VERSION);
    // Every parameter of ActivateFlowLog travels in the form body.
    assert_params(
        call,
        &[],
        &[("ClientToken", "token-activate"), ("EcrId", "ecr-0001"), ("FlowLogId", "flowlog-0001")],
    );
    assert_eq!(call.query, "");
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-ACT"));
    assert_eq!(response.envelope.success, Some(true));
    assert_eq!(response.envelope.code.as_deref(), Some("Success"));
    assert_eq!(response.envelope.http_status_code, Some(200));
}

#[tokio::test]
async fn deactivate_flow_log() {
    let server = answering(concat!(
        r#"{"RequestId":"6FABF516-FED3-5697-BDA2-B18C5D9A0001","Success":true,"Code":"200","Message":"OK","#,
        r#""HttpStatusCode":200,"DynamicCode":"","DynamicMessage":"","AccessDeniedDetail":""}"#
    ))
    .await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = ecr::DeactivateFlowLogRequest::builder()
        .ecr_id("ecr-0001")
        .flow_log_id("flowlog-0001")
        .client_token("token-deactivate")
        .dry_run(false)
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "DeactivateFlowLog", VERSION);
    assert_params(
        call,
        &[],
        &[
            ("ClientToken", "token-deactivate"),
            ("DryRun", "false"),
            ("EcrId", "ecr-0001"),
            ("FlowLogId", "flowlog-0001"),
        ],
    );
    assert_eq!(response.envelope.request_id.as_deref(), Some("6FABF516-FED3-5697-BDA2-B18C5D9A0001"));
    assert_eq!(response.envelope.success, Some(true));
    assert_eq!(response.envelope.message.as_deref(), Some("OK"));
    assert_eq!(response.envelope.dynamic_message.as_deref(), Some(""));
}
