//! VPC 2016-04-28: the success path of its eight flow-log operations.

use alibabacloud_flowlog::vpc::{self, Client};

use crate::support::{answering, assert_params, assert_rpc, config, only_call};

const VERSION: &str = "2016-04-28";

#[tokio::test]
async fn open_flow_log_service() {
    let server = answering(r#"{"RequestId":"R-OPEN","Code":"200","Message":"successful"}"#).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request =
        vpc::OpenFlowLogServiceRequest::builder().region_id("cn-hangzhou").client_token("token-open").build().unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "OpenFlowLogService", VERSION);
    assert_params(call, &[("ClientToken", "token-open"), ("RegionId", "cn-hangzhou")], &[]);
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-OPEN"));
    assert_eq!(response.envelope.code.as_deref(), Some("200"));
    assert_eq!(response.envelope.message.as_deref(), Some("successful"));
}

#[tokio::test]
async fn create_flow_log() {
    let server = answering(
        r#"{"RequestId":"R-CREATE","Success":"true","FlowLogId":"fl-m5e8vhz2t21sel1nq0001","ResourceGroupId":"rg-acfmxazb4ph0001"}"#,
    )
    .await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = vpc::CreateFlowLogRequest::builder()
        .region_id("cn-qingdao")
        .flow_log_name("myFlowlog")
        .description("This is my Flowlog.")
        .resource_type(vpc::ResourceType::NetworkInterface)
        .resource_id("eni-askldfas0001")
        .traffic_type(vpc::TrafficType::All)
        .project_name("flowlogsls")
        .log_store_name("flowlogsls")
        .aggregation_interval(10)
        .traffic_path(vpc::TrafficPath::All)
        .traffic_path(vpc::TrafficPath::InternetGateway)
        .resource_group_id("rg-acfmxazb4ph0001")
        .tag(vpc::Tag::default().key("FinanceDept").value("FinanceDeptJoshua"))
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "CreateFlowLog", VERSION);
    assert_params(
        call,
        &[
            ("AggregationInterval", "10"),
            ("Description", "This is my Flowlog."),
            ("FlowLogName", "myFlowlog"),
            ("LogStoreName", "flowlogsls"),
            ("ProjectName", "flowlogsls"),
            ("RegionId", "cn-qingdao"),
            ("ResourceGroupId", "rg-acfmxazb4ph0001"),
            ("ResourceId", "eni-askldfas0001"),
            ("ResourceType", "NetworkInterface"),
            ("Tag.1.Key", "FinanceDept"),
            ("Tag.1.Value", "FinanceDeptJoshua"),
            ("TrafficPath.1", "all"),
            ("TrafficPath.2", "internetGateway"),
            ("TrafficType", "All"),
        ],
        &[],
    );
    // VPC CreateFlowLog has no ClientToken: none is made up.
    assert_eq!(call.param("ClientToken"), None);
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-CREATE"));
    assert_eq!(response.envelope.success, Some(true));
    assert_eq!(response.flow_log_id.as_deref(), Some("fl-m5e8vhz2t21sel1nq0001"));
    assert_eq!(response.resource_group_id.as_deref(), Some("rg-acfmxazb4ph0001"));
}

#[tokio::test]
async fn delete_flow_log() {
    let server = answering(r#"{"RequestId":"R-DELETE","Success":"true"}"#).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = vpc::DeleteFlowLogRequest::builder().region_id("cn-qingdao").flow_log_id("fl-0001").build().unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "DeleteFlowLog", VERSION);
    assert_params(call, &[("FlowLogId", "fl-0001"), ("RegionId", "cn-qingdao")], &[]);
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-DELETE"));
    assert_eq!(response.envelope.success, Some(true));
}

#[tokio::test]
async fn modify_flow_log_attribute() {
    let server = answering(r#"{"RequestId":"R-MODIFY","Success":"true"}"#).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = vpc::ModifyFlowLogAttributeRequest::builder()
        .region_id("cn-qingdao")
        .flow_log_id("fl-0001")
        .flow_log_name("renamed")
        .description("Ünïcode description")
        .aggregation_interval(5)
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "ModifyFlowLogAttribute", VERSION);
    assert_params(
        call,
        &[
            ("AggregationInterval", "5"),
            ("Description", "Ünïcode description"),
            ("FlowLogId", "fl-0001"),
            ("FlowLogName", "renamed"),
            ("RegionId", "cn-qingdao"),
        ],
        &[],
    );
    assert!(call.query.contains("Description=%C3%9Cn%C3%AFcode%20description"), "{}", call.query);
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-MODIFY"));
    assert_eq!(response.envelope.success, Some(true));
}

#[tokio::test]
async fn active_flow_log() {
    let server = answering(r#"{"RequestId":"R-ACTIVE","Success":"true"}"#).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = vpc::ActiveFlowLogRequest::builder().region_id("cn-qingdao").flow_log_id("fl-0001").build().unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "ActiveFlowLog", VERSION);
    assert_params(call, &[("FlowLogId", "fl-0001"), ("RegionId", "cn-qingdao")], &[]);
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-ACTIVE"));
    assert_eq!(response.envelope.success, Some(true));
}

#[tokio::test]
async fn deactive_flow_log() {
    let server = answering(r#"{"RequestId":"R-DEACTIVE","Success":"true"}"#).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request =
        vpc::DeactiveFlowLogRequest::builder().region_id("cn-qingdao").flow_log_id("fl-0001").build().unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "DeactiveFlowLog", VERSION);
    assert_params(call, &[("FlowLogId", "fl-0001"), ("RegionId", "cn-qingdao")], &[]);
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-DEACTIVE"));
    assert_eq!(response.envelope.success, Some(true));
}

#[tokio::test]
async fn get_flow_log_service_status() {
    let server = answering(r#"{"RequestId":"R-STATUS","Enabled":true}"#).await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = vpc::GetFlowLogServiceStatusRequest::builder()
        .region_id("cn-hangzhou")
        .client_token("token-status")
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "GetFlowLogServiceStatus", VERSION);
    assert_params(call, &[("ClientToken", "token-status"), ("RegionId", "cn-hangzhou")], &[]);
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-STATUS"));
    assert_eq!(response.enabled, Some(true));
}

#[tokio::test]
async fn describe_flow_logs() {
    let server = answering(concat!(
        r#"{"RequestId":"R-DESCRIBE","Success":"true","PageNumber":"2","PageSize":"1","TotalCount":"3","#,
        r#""FlowLogs":{"FlowLog":[{"FlowLogId":"fl-0001","FlowLogName":"myFlowlog","Description":"d","#,
        r#""Status":"Active","BusinessStatus":"Normal","CreationTime":"2022-01-21T03:08:50Z","TrafficType":"All","#,
        r#""ResourceType":"NetworkInterface","ResourceId":"eni-0001","ProjectName":"flowlogsls","LogStoreName":"ls","#,
        r#""RegionId":"cn-qingdao","AggregationInterval":10,"TrafficPath":{"TrafficPathList":["all"]},"#,
        r#""ServiceType":"sls","ResourceGroupId":"rg-0001","Tags":{"Tag":[{"Key":"k","Value":"v"}]},"#,
        r#""FlowLogDeliverStatus":"SUCCESS","FlowLogDeliverErrorMessage":""}]}}"#
    ))
    .await;
    let client = Client::new(config(&server.endpoint()).build().unwrap());
    let request = vpc::DescribeFlowLogsRequest::builder()
        .region_id("cn-qingdao")
        .flow_log_name("myFlowlog")
        .flow_log_id("fl-0001")
        .description("d")
        .resource_type(vpc::ResourceType::NetworkInterface)
        .resource_id("eni-0001")
        .traffic_type(vpc::TrafficType::All)
        .project_name("flowlogsls")
        .log_store_name("ls")
        .status(vpc::Status::Active)
        .page_number(2)
        .page_size(1)
        .vpc_id("vpc-0001")
        .resource_group_id("rg-0001")
        .tags(vpc::Tag::default().key("k").value("v"))
        .build()
        .unwrap();
    let response = client.send(request).await.unwrap();
    let calls = server.calls();
    let call = only_call(&calls);
    assert_rpc(call, "DescribeFlowLogs", VERSION);
    assert_params(
        call,
        &[
            ("Description", "d"),
            ("FlowLogId", "fl-0001"),
            ("FlowLogName", "myFlowlog"),
            ("LogStoreName", "ls"),
            ("PageNumber", "2"),
            ("PageSize", "1"),
            ("ProjectName", "flowlogsls"),
            ("RegionId", "cn-qingdao"),
            ("ResourceGroupId", "rg-0001"),
            ("ResourceId", "eni-0001"),
            ("ResourceType", "NetworkInterface"),
            ("Status", "Active"),
            ("Tags.1.Key", "k"),
            ("Tags.1.Value", "v"),
            ("TrafficType", "All"),
            ("VpcId", "vpc-0001"),
        ],
        &[],
    );
    assert_eq!(response.envelope.request_id.as_deref(), Some("R-DESCRIBE"));
    assert_eq!(response.envelope.success, Some(true));
    assert_eq!(response.page_number.as_deref(), Some("2"));
    assert_eq!(response.page_size.as_deref(), Some("1"));
    assert_eq!(response.total_count.as_deref(), Some("3"));
    let flow_logs = &response.flow_logs.as_ref().unwrap().flow_log;
    assert_eq!(flow_logs.len(), 1);
    let f = &flow_logs[0];
    assert_eq!(f.flow_log_id.as_deref(), Some("fl-0001"));
    assert_eq!(f.flow_log_name.as_deref(), Some("myFlowlog"));
    assert_eq!(f.description.as_deref(), Some("d"));
    assert_eq!(f.status.as_deref(), Some("Active"));
    assert_eq!(f.business_status.as_deref(), Some("Normal"));
    assert_eq!(f.creation_time.as_deref(), Some("2022-01-21T03:08:50Z"));
    assert_eq!(f.traffic_type.as_deref(), Some("All"));
    assert_eq!(f.resource_type.as_deref(), Some("NetworkInterface"));
    assert_eq!(f.resource_id.as_deref(), Some("eni-0001"));
    assert_eq!(f.project_name.as_deref(), Some("flowlogsls"));
    assert_eq!(f.log_store_name.as_deref(), Some("ls"));
    assert_eq!(f.region_id.as_deref(), Some("cn-qingdao"));
    assert_eq!(f.aggregation_interval, Some(10));
    assert_eq!(f.traffic_path.as_ref().unwrap().traffic_path_list, ["all"]);
    assert_eq!(f.service_type.as_deref(), Some("sls"));
    assert_eq!(f.resource_group_id.as_deref(), Some("rg-0001"));
    let tags = &f.tags.as_ref().unwrap().tag;
    assert_eq!((tags[0].key.as_deref(), tags[0].value.as_deref()), (Some("k"), Some("v")));
    assert_eq!(f.flow_log_deliver_status.as_deref(), Some("SUCCESS"));
    assert_eq!(f.flow_log_deliver_error_message.as_deref(), Some(""));
}
