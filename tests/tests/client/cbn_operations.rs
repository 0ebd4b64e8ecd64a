//! CBN 2017-09-12: the success path of its six flow-log operations.

use alibabacloud_flowlog::cbn::{self, Client};

use crate::support::{answering, assert_params, assert_rpc, config, only_call};

const VERSION: &str = "2017-09-12";

#[tokio::test]
async fn create_flowlog() {
    let server = answering(r#"{"RequestId":"R-CREATE","Success":"true","FlowLogId":"flowlog-m5evbtbpt0001"}"#).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = cbn::CreateFlowlogRequest::builder()
        .client_token("02fb3da4-130e-11e9-8e44-001")
        .region_id("cn-hangzhou")
        .flow_log_name("myFlowlog")
        .description("myFlowlog")
        .cen_id("cen-7qthudw0ll6jm0001")
        .project_name("flowlog-project")
        .log_store_name("flowlog-logstore")
        .interval(600)
        .transit_router_attachment_id("tr-attach-r6g0m3epjehw0001")
        .tag(cbn::Tag::default().key("tagtest").value("tagtest"))
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "CreateFlowlog", VERSION);
    assert_params(
        call,
        &[
            ("CenId", "cen-7qthudw0ll6jm0001"),
            ("ClientToken", "02fb3da4-130e-11e9-8e44-001"),
            ("Description", "myFlowlog"),
            ("FlowLogName", "myFlowlog"),
            ("Interval", "600"),
            ("LogStoreName", "flowlog-logstore"),
            ("ProjectName", "flowlog-project"),
            ("RegionId", "cn-hangzhou"),
            ("Tag.1.Key", "tagtest"),
            ("Tag.1.Value", "tagtest"),
            ("TransitRouterAttachmentId", "tr-attach-r6g0m3epjehw0001"),
        ],
        &[],
    );
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-CREATE"));
    assert_eq!(response.envelope.success, Some(true));
    assert_eq!(response.flow_log_id.as_deref(), Some("flowlog-m5evbtbpt0001"));
}

#[tokio::test]
async fn delete_flowlog() {
    let server = answering(r#"{"RequestId":"R-DELETE","Success":"true"}"#).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = cbn::DeleteFlowlogRequest::builder()
        .client_token("token-delete")
        .region_id("cn-hangzhou")
        .flow_log_id("flowlog-0001")
        .cen_id("cen-0001")
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "DeleteFlowlog", VERSION);
    assert_params(
        call,
        &[
            ("CenId", "cen-0001"),
            ("ClientToken", "token-delete"),
            ("FlowLogId", "flowlog-0001"),
            ("RegionId", "cn-hangzhou"),
        ],
        &[],
    );
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-DELETE"));
    assert_eq!(response.envelope.success, Some(true));
}

#[tokio::test]
async fn modify_flow_log_attribute() {
    let server = answering(r#"{"RequestId":"R-MODIFY","Success":"true"}"#).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = cbn::ModifyFlowLogAttributeRequest::builder()
        .client_token("token-modify")
        .flow_log_name("renamed")
        .description("")
        .region_id("cn-hangzhou")
        .flow_log_id("flowlog-0001")
        .cen_id("cen-0001")
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "ModifyFlowLogAttribute", VERSION);
    // An empty string is a value, and is sent.
    assert_params(
        call,
        &[
            ("CenId", "cen-0001"),
            ("ClientToken", "token-modify"),
            ("Description", ""),
            ("FlowLogId", "flowlog-0001"),
            ("FlowLogName", "renamed"),
            ("RegionId", "cn-hangzhou"),
        ],
        &[],
    );
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-MODIFY"));
    assert_eq!(response.envelope.success, Some(true));
}

#[tokio::test]
async fn describe_flowlogs() {
    let server = answering(concat!(
        r#"{"RequestId":"R-DESCRIBE","Success":"true","PageNumber":"1","PageSize":"10","TotalCount":"1","#,
        r#""FlowLogs":{"FlowLog":[{"FlowLogId":"flowlog-0001","FlowLogName":"myFlowlog","Description":"d","#,
        r#""Status":"Active","CreationTime":"2021-07-24T12:03:24Z","CenId":"cen-0001","ProjectName":"p-1","#,
        r#""LogStoreName":"ls-1","RegionId":"cn-hangzhou","TransitRouterAttachmentId":"tr-attach-0001","#,
        r#""TransitRouterId":"tr-0001","LogFormatString":"${srcaddr}${dstaddr}","FlowLogVersion":"3","#,
        r#""Interval":600,"Tags":{"Tag":[{"Key":"k","Value":"v"}]}}]}}"#
    ))
    .await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = cbn::DescribeFlowlogsRequest::builder()
        .client_token("token-describe")
        .region_id("cn-hangzhou")
        .flow_log_name("myFlowlog")
        .flow_log_id("flowlog-0001")
        .description("d")
        .cen_id("cen-0001")
        .project_name("p-1")
        .log_store_name("ls-1")
        .status(cbn::Status::Active)
        .page_number(1)
        .page_size(10)
        .tag(cbn::Tag::default().key("k").value("v"))
        .transit_router_attachment_id("tr-attach-0001")
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "DescribeFlowlogs", VERSION);
    assert_params(
        call,
        &[
            ("CenId", "cen-0001"),
            ("ClientToken", "token-describe"),
            ("Description", "d"),
            ("FlowLogId", "flowlog-0001"),
            ("FlowLogName", "myFlowlog"),
            ("LogStoreName", "ls-1"),
            ("PageNumber", "1"),
            ("PageSize", "10"),
            ("ProjectName", "p-1"),
            ("RegionId", "cn-hangzhou"),
            ("Status", "Active"),
            ("Tag.1.Key", "k"),
            ("Tag.1.Value", "v"),
            ("TransitRouterAttachmentId", "tr-attach-0001"),
        ],
        &[],
    );
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-DESCRIBE"));
    assert_eq!(response.envelope.success, Some(true));
    assert_eq!(response.page_number.as_deref(), Some("1"));
    assert_eq!(response.page_size.as_deref(), Some("10"));
    assert_eq!(response.total_count.as_deref(), Some("1"));
    let flow_logs = &response.flow_logs.as_ref().unwrap().flow_log;
    assert_eq!(flow_logs.len(), 1);
    let f = &flow_logs[0];
    assert_eq!(f.flow_log_id.as_deref(), Some("flowlog-0001"));
    assert_eq!(f.flow_log_name.as_deref(), Some("myFlowlog"));
    assert_eq!(f.description.as_deref(), Some("d"));
    assert_eq!(f.status.as_deref(), Some("Active"));
    assert_eq!(f.creation_time.as_deref(), Some("2021-07-24T12:03:24Z"));
    assert_eq!(f.cen_id.as_deref(), Some("cen-0001"));
    assert_eq!(f.project_name.as_deref(), Some("p-1"));
    assert_eq!(f.log_store_name.as_deref(), Some("ls-1"));
    assert_eq!(f.region_id.as_deref(), Some("cn-hangzhou"));
    assert_eq!(f.transit_router_attachment_id.as_deref(), Some("tr-attach-0001"));
    assert_eq!(f.transit_router_id.as_deref(), Some("tr-0001"));
    assert_eq!(f.log_format_string.as_deref(), Some("${srcaddr}${dstaddr}"));
    assert_eq!(f.flow_log_version.as_deref(), Some("3"));
    assert_eq!(f.interval, Some(600));
    let tags = &f.tags.as_ref().unwrap().tag;
    assert_eq!((tags[0].key.as_deref(), tags[0].value.as_deref()), (Some("k"), Some("v")));
}

#[tokio::test]
async fn active_flow_log() {
    let server = answering(r#"{"RequestId":"R-ACTIVE","Success":"true"}"#).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = cbn::ActiveFlowLogRequest::builder()
        .client_token("token-active")
        .region_id("cn-hangzhou")
        .flow_log_id("flowlog-0001")
        .cen_id("cen-0001")
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "ActiveFlowLog", VERSION);
    assert_params(
        call,
        &[
            ("CenId", "cen-0001"),
            ("ClientToken", "token-active"),
            ("FlowLogId", "flowlog-0001"),
            ("RegionId", "cn-hangzhou"),
        ],
        &[],
    );
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-ACTIVE"));
    assert_eq!(response.envelope.success, Some(true));
}

#[tokio::test]
async fn deactive_flow_log() {
    let server = answering(r#"{"RequestId":"R-DEACTIVE","Success":"true"}"#).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = cbn::DeactiveFlowLogRequest::builder()
        .client_token("token-deactive")
        .region_id("cn-hangzhou")
        .flow_log_id("flowlog-0001")
        .cen_id("cen-0001")
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "DeactiveFlowLog", VERSION);
    assert_params(
        call,
        &[
            ("CenId", "cen-0001"),
            ("ClientToken", "token-deactive"),
            ("FlowLogId", "flowlog-0001"),
            ("RegionId", "cn-hangzhou"),
        ],
        &[],
    );
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-DEACTIVE"));
    assert_eq!(response.envelope.success, Some(true));
}
