//! Whole flows against the stateful fake flow-log service: what each call changed is read back
//! through the generated client and checked in the fake's state.

use alibabacloud_flowlog::ecr::{self, SamplingRate, Tag};
use alibabacloud_flowlog::runtime::SdkError;
use alibabacloud_flowlog::vpc;
use integration_tests::fake_flowlog::{FakeFlowLogService, Product};

use crate::support::{assert_signed, config, ACCESS_KEY_ID, SECRET};

async fn describe_one(client: &ecr::Client, flow_log_id: &str) -> ecr::FlowLog {
    let request = ecr::DescribeFlowLogsRequest::builder().ecr_id("ecr-0001").flow_log_id(flow_log_id).build().unwrap();
    let mut response = client.send(request).await.unwrap();
    assert_eq!(response.total_count, Some(1));
    response.flow_logs.remove(0)
}

#[tokio::test]
async fn ecr_create_describe_modify_deactivate_activate_delete() {
    let fake = FakeFlowLogService::start(ACCESS_KEY_ID, SECRET).await.unwrap();
    let client = ecr::Client::new(config(&fake.endpoint()).build().unwrap());

    // Create.
    let request = ecr::CreateFlowLogRequest::builder()
        .ecr_id("ecr-0001")
        .instance_type("VBR")
        .instance_id("vbr-0001")
        .flow_log_name("first")
        .description("traffic of vbr-0001")
        .interval(60)
        .sampling_rate(SamplingRate::V12048)
        .project_name("flowlog-project")
        .log_store_name("flowlog-logstore")
        .tag(Tag::default().key("env").value("prod"))
        .build()
        .unwrap();
    let created = client.send(request).await.unwrap();
    assert_eq!(created.envelope.success, Some(true));
    assert_eq!(created.envelope.http_status_code, Some(200));
    let id = created.flow_log_id.unwrap();
    assert_eq!(id, "flowlog-ecr00001");
    let kept = fake.flow_log(&id).unwrap();
    assert_eq!((kept.product, kept.status.as_str()), (Product::Ecr, "Active"));
    assert_eq!(kept.tags, [("env".to_owned(), "prod".to_owned())]);

    // Describe: every attribute as created.
    let f = describe_one(&client, &id).await;
    assert_eq!(f.flow_log_id.as_deref(), Some(id.as_str()));
    assert_eq!(f.flow_log_name.as_deref(), Some("first"));
    assert_eq!(f.description.as_deref(), Some("traffic of vbr-0001"));
    assert_eq!(f.ecr_id.as_deref(), Some("ecr-0001"));
    assert_eq!(f.instance_type.as_deref(), Some("VBR"));
    assert_eq!(f.instance_id.as_deref(), Some("vbr-0001"));
    assert_eq!(f.interval, Some(60));
    assert_eq!(f.sampling_rate.as_deref(), Some("1:2048"));
    assert_eq!(f.project_name.as_deref(), Some("flowlog-project"));
    assert_eq!(f.log_store_name.as_deref(), Some("flowlog-logstore"));
    assert_eq!(f.status.as_deref(), Some("Active"));
    assert_eq!(f.creation_time.as_deref(), Some("2024-06-01T00:01:00Z"));
    assert_eq!((f.tags[0].key.as_deref(), f.tags[0].value.as_deref()), (Some("env"), Some("prod")));

    // Modify.
    let request = ecr::ModifyFlowLogAttributeRequest::builder()
        .ecr_id("ecr-0001")
        .flow_log_id(&id)
        .flow_log_name("renamed")
        .description("new description")
        .interval(600)
        .build()
        .unwrap();
    client.send(request).await.unwrap();
    let f = describe_one(&client, &id).await;
    assert_eq!(f.flow_log_name.as_deref(), Some("renamed"));
    assert_eq!(f.description.as_deref(), Some("new description"));
    assert_eq!(f.interval, Some(600));
    assert_eq!(f.sampling_rate.as_deref(), Some("1:2048"), "unchanged");

    // Deactivate, then activate.
    let request = ecr::DeactivateFlowLogRequest::builder().ecr_id("ecr-0001").flow_log_id(&id).build().unwrap();
    client.send(request).await.unwrap();
    assert_eq!(describe_one(&client, &id).await.status.as_deref(), Some("Inactive"));
    assert_eq!(fake.flow_log(&id).unwrap().status, "Inactive");
    let activate = || ecr::ActivateFlowLogRequest::builder().ecr_id("ecr-0001").flow_log_id(&id).build().unwrap();
    client.send(activate()).await.unwrap();
    assert_eq!(describe_one(&client, &id).await.status.as_deref(), Some("Active"));

    // Activating an active flow log: the service refuses (an undocumented code for ECR).
    let Err(SdkError::Service(ecr::ActivateFlowLogError::Unhandled(e))) = client.send(activate()).await else {
        panic!("expected a refusal")
    };
    assert_eq!(e.code(), "IncorrectStatus.FlowLog");

    // Delete.
    let delete = || ecr::DeleteFlowlogRequest::builder().ecr_id("ecr-0001").flow_log_id(&id).build().unwrap();
    let deleted = client.send(delete()).await.unwrap();
    assert_eq!(deleted.envelope.success, Some(true));
    assert!(fake.flow_logs().is_empty());
    let request = ecr::DescribeFlowLogsRequest::builder().ecr_id("ecr-0001").build().unwrap();
    let listed = client.send(request).await.unwrap();
    assert_eq!((listed.total_count, listed.flow_logs.len()), (Some(0), 0));
    let e = client.send(delete()).await.unwrap_err();
    let e = e.service_error().unwrap();
    assert_eq!(e.code(), "ResourceNotFound.FlowLogId");
    assert_eq!(e.dynamic_code.as_deref(), Some(id.as_str()));

    let calls = fake.calls();
    let actions: Vec<&str> = calls.iter().map(|c| c.header("x-acs-action").unwrap()).collect();
    assert_eq!(
        actions,
        [
            "CreateFlowLog",
            "DescribeFlowLogs",
            "ModifyFlowLogAttribute",
            "DescribeFlowLogs",
            "DeactivateFlowLog",
            "DescribeFlowLogs",
            "ActivateFlowLog",
            "DescribeFlowLogs",
            "ActivateFlowLog",
            "DeleteFlowlog",
            "DescribeFlowLogs",
            "DeleteFlowlog",
        ]
    );
    assert_signed(&calls);
}

#[tokio::test]
async fn vpc_open_create_describe_modify_deactive_active_delete() {
    let fake = FakeFlowLogService::start(ACCESS_KEY_ID, SECRET).await.unwrap();
    let client = vpc::Client::new(config(&fake.endpoint()).build().unwrap());
    let create = || {
        vpc::CreateFlowLogRequest::builder()
            .region_id("cn-hangzhou")
            .flow_log_name("vsw-log")
            .resource_type(vpc::ResourceType::VSwitch)
            .resource_id("vsw-0001")
            .traffic_type(vpc::TrafficType::Drop)
            .traffic_path(vpc::TrafficPath::All)
            .project_name("flowlog-project")
            .log_store_name("flowlog-logstore")
            .aggregation_interval(5)
            .build()
            .unwrap()
    };

    // Before the service is opened, creating is refused with a documented code.
    match client.send(create()).await {
        Err(SdkError::Service(vpc::CreateFlowLogError::OptInRequiredFlowLog(e))) => {
            assert_eq!(e.http_status(), 400);
            assert_eq!(e.request_id(), Some("fake-request-1"));
        }
        other => panic!("{other:?}"),
    }
    let status = || vpc::GetFlowLogServiceStatusRequest::builder().region_id("cn-hangzhou").build().unwrap();
    assert_eq!(client.send(status()).await.unwrap().enabled, Some(false));
    client.send(vpc::OpenFlowLogServiceRequest::builder().region_id("cn-hangzhou").build().unwrap()).await.unwrap();
    assert!(fake.vpc_service_open());
    assert_eq!(client.send(status()).await.unwrap().enabled, Some(true));

    let created = client.send(create()).await.unwrap();
    let id = created.flow_log_id.unwrap();
    assert_eq!(id, "fl-vpc00001");
    assert_eq!(created.resource_group_id.as_deref(), Some("rg-default"));

    let describe = || async {
        let request =
            vpc::DescribeFlowLogsRequest::builder().region_id("cn-hangzhou").flow_log_id(&id).build().unwrap();
        let response = client.send(request).await.unwrap();
        assert_eq!(response.total_count.as_deref(), Some("1"));
        response.flow_logs.unwrap().flow_log.remove(0)
    };
    let f = describe().await;
    assert_eq!(f.flow_log_name.as_deref(), Some("vsw-log"));
    assert_eq!(f.resource_type.as_deref(), Some("VSwitch"));
    assert_eq!(f.resource_id.as_deref(), Some("vsw-0001"));
    assert_eq!(f.traffic_type.as_deref(), Some("Drop"));
    assert_eq!(f.aggregation_interval, Some(5));
    assert_eq!(f.traffic_path.unwrap().traffic_path_list, ["all"]);
    assert_eq!(f.status.as_deref(), Some("Active"));

    let request = vpc::ModifyFlowLogAttributeRequest::builder()
        .region_id("cn-hangzhou")
        .flow_log_id(&id)
        .description("dropped packets")
        .aggregation_interval(1)
        .build()
        .unwrap();
    client.send(request).await.unwrap();
    let f = describe().await;
    assert_eq!((f.description.as_deref(), f.aggregation_interval), (Some("dropped packets"), Some(1)));

    let request = vpc::DeactiveFlowLogRequest::builder().region_id("cn-hangzhou").flow_log_id(&id).build().unwrap();
    client.send(request.clone()).await.unwrap();
    assert_eq!(describe().await.status.as_deref(), Some("Inactive"));
    // Twice: the status does not allow it (a documented code).
    let error = client.send(request).await.unwrap_err();
    assert!(matches!(error, SdkError::Service(vpc::DeactiveFlowLogError::IncorrectStatusFlowlog(_))), "{error:?}");

    let request = vpc::ActiveFlowLogRequest::builder().region_id("cn-hangzhou").flow_log_id(&id).build().unwrap();
    client.send(request).await.unwrap();
    assert_eq!(describe().await.status.as_deref(), Some("Active"));

    let delete = || vpc::DeleteFlowLogRequest::builder().region_id("cn-hangzhou").flow_log_id(&id).build().unwrap();
    assert_eq!(client.send(delete()).await.unwrap().envelope.success, Some(true));
    assert!(fake.flow_logs().is_empty());
    let error = client.send(delete()).await.unwrap_err();
    assert!(matches!(error, SdkError::Service(vpc::DeleteFlowLogError::InvalidInstanceIdNotFound(_))), "{error:?}");
    assert_signed(&fake.calls());
}
