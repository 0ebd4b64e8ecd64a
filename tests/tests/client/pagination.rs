//! The generated `*_pages` streams over three pages: ECR by `NextToken`, VPC and CBN by
//! `PageNumber` / `PageSize` / `TotalCount`.

use alibabacloud_flowlog::runtime::test_util::{FakeResponse, FakeServer};
use alibabacloud_flowlog::runtime::SdkError;
use alibabacloud_flowlog::{cbn, ecr, vpc};
use futures_util::StreamExt;
use integration_tests::fake_flowlog::FakeFlowLogService;

use crate::support::{assert_signed, config, ACCESS_KEY_ID, SECRET};

async fn five_ecr_flow_logs(client: &ecr::Client) {
    for i in 1..=5 {
        let request = ecr::CreateFlowLogRequest::builder()
            .ecr_id("ecr-0001")
            .instance_type("VBR")
            .instance_id(format!("vbr-000{i}"))
            .flow_log_name(format!("log-{i}"))
            .project_name("flowlog-project")
            .log_store_name("flowlog-logstore")
            .build()
            .unwrap();
        client.send(request).await.unwrap();
    }
}

#[tokio::test]
async fn ecr_describe_flow_logs_pages_follow_next_token() {
    let fake = FakeFlowLogService::start(ACCESS_KEY_ID, SECRET).await.unwrap();
    let client = ecr::Client::new(config(&fake.endpoint()).build().unwrap());
    five_ecr_flow_logs(&client).await;

    let request = ecr::DescribeFlowLogsRequest::builder().ecr_id("ecr-0001").max_results(2).build().unwrap();
    let pages: Vec<_> = client.describe_flow_logs_pages(request).collect().await;
    let pages: Vec<ecr::DescribeFlowLogsResponse> = pages.into_iter().map(Result::unwrap).collect();
    assert_eq!(pages.len(), 3);
    let names: Vec<Vec<&str>> =
        pages.iter().map(|p| p.flow_logs.iter().map(|f| f.flow_log_name.as_deref().unwrap()).collect()).collect();
    assert_eq!(names, [vec!["log-1", "log-2"], vec!["log-3", "log-4"], vec!["log-5"]]);
    let tokens: Vec<Option<&str>> = pages.iter().map(|p| p.next_token.as_deref()).collect();
    assert_eq!(tokens, [Some("token-2"), Some("token-4"), None]);
    assert!(pages.iter().all(|p| p.total_count == Some(5) && p.max_results == Some(2)));

    // What the server received: the first page without a token, then each page's token.
    let describes: Vec<_> =
        fake.calls().into_iter().filter(|c| c.header("x-acs-action") == Some("DescribeFlowLogs")).collect();
    assert_eq!(describes.len(), 3);
    assert_signed(&describes);
    let sent: Vec<(Option<String>, Option<String>)> =
        describes.iter().map(|c| (c.param("NextToken"), c.param("MaxResults"))).collect();
    assert_eq!(
        sent,
        [
            (None, Some("2".to_owned())),
            (Some("token-2".to_owned()), Some("2".to_owned())),
            (Some("token-4".to_owned()), Some("2".to_owned())),
        ]
    );
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_after_its_error() {
    let server = FakeServer::start(SECRET, |index, _| match index {
        0 => FakeResponse::json(200, r#"{"RequestId":"R-1","NextToken":"t-2","FlowLogs":[{"FlowLogId":"flowlog-1"}]}"#),
        _ => FakeResponse::error(400, "IllegalParam.NextToken", "The param of NextToken is illegal."),
    })
    .await
    .unwrap();
    let client = ecr::Client::new(config(&server.endpoint()).build().unwrap());
    let request = ecr::DescribeFlowLogsRequest::builder().ecr_id("ecr-0001").build().unwrap();
    let pages: Vec<_> = client.describe_flow_logs_pages(request).collect().await;
    match &pages[..] {
        [Ok(first), Err(SdkError::Service(ecr::DescribeFlowLogsError::Unhandled(e)))] => {
            assert_eq!(first.flow_logs[0].flow_log_id.as_deref(), Some("flowlog-1"));
            assert_eq!(e.code(), "IllegalParam.NextToken");
        }
        other => panic!("{other:?}"),
    }
    let calls = server.calls();
    assert_eq!(calls.len(), 2, "nothing after the error");
    assert_eq!(calls[1].param("NextToken").as_deref(), Some("t-2"));
}

#[tokio::test]
async fn vpc_describe_flow_logs_pages_follow_page_numbers() {
    let fake = FakeFlowLogService::start(ACCESS_KEY_ID, SECRET).await.unwrap();
    let client = vpc::Client::new(config(&fake.endpoint()).build().unwrap());
    client.send(vpc::OpenFlowLogServiceRequest::builder().region_id("cn-hangzhou").build().unwrap()).await.unwrap();
    for i in 1..=5 {
        let request = vpc::CreateFlowLogRequest::builder()
            .region_id("cn-hangzhou")
            .flow_log_name(format!("log-{i}"))
            .resource_type("VSwitch")
            .resource_id(format!("vsw-000{i}"))
            .traffic_type("All")
            .project_name("flowlog-project")
            .log_store_name("flowlog-logstore")
            .build()
            .unwrap();
        client.send(request).await.unwrap();
    }

    let request = vpc::DescribeFlowLogsRequest::builder().region_id("cn-hangzhou").page_size(2).build().unwrap();
    let pages: Vec<vpc::DescribeFlowLogsResponse> =
        client.describe_flow_logs_pages(request).map(Result::unwrap).collect().await;
    assert_eq!(pages.len(), 3);
    let names: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.flow_logs.as_ref().unwrap().flow_log.iter().map(|f| f.flow_log_name.as_deref().unwrap()).collect())
        .collect();
    assert_eq!(names, [vec!["log-1", "log-2"], vec!["log-3", "log-4"], vec!["log-5"]]);
    let counters: Vec<(Option<&str>, Option<&str>, Option<&str>)> =
        pages.iter().map(|p| (p.page_number.as_deref(), p.page_size.as_deref(), p.total_count.as_deref())).collect();
    assert_eq!(
        counters,
        [(Some("1"), Some("2"), Some("5")), (Some("2"), Some("2"), Some("5")), (Some("3"), Some("2"), Some("5"))]
    );

    let describes: Vec<_> =
        fake.calls().into_iter().filter(|c| c.header("x-acs-action") == Some("DescribeFlowLogs")).collect();
    assert_signed(&describes);
    let sent: Vec<(Option<String>, Option<String>)> =
        describes.iter().map(|c| (c.param("PageNumber"), c.param("PageSize"))).collect();
    assert_eq!(
        sent,
        [
            (None, Some("2".to_owned())),
            (Some("2".to_owned()), Some("2".to_owned())),
            (Some("3".to_owned()), Some("2".to_owned())),
        ]
    );
}

#[tokio::test]
async fn cbn_describe_flowlogs_pages_stop_at_the_total() {
    // Seven flow logs, three per page: pages 1, 2 and 3 (one item), then stop.
    let server = FakeServer::start(SECRET, |_, call| {
        let page: usize = call.param("PageNumber").map_or(1, |p| p.parse().unwrap());
        let ids: Vec<String> = ((page - 1) * 3 + 1..=(page * 3).min(7)).map(|i| format!("\"flowlog-{i}\"")).collect();
        let logs: Vec<String> = ids.iter().map(|id| format!("{{\"FlowLogId\":{id}}}")).collect();
        FakeResponse::json(
            200,
            format!(
                r#"{{"RequestId":"R-{page}","PageNumber":"{page}","PageSize":"3","TotalCount":"7","FlowLogs":{{"FlowLog":[{}]}}}}"#,
                logs.join(",")
            ),
        )
    })
    .await
    .unwrap();
    let client = cbn::Client::new(config(&server.endpoint()).build().unwrap());
    let request = cbn::DescribeFlowlogsRequest::builder()
        .region_id("cn-hangzhou")
        .cen_id("cen-0001")
        .page_size(3)
        .client_token("paging-token")
        .build()
        .unwrap();
    let pages: Vec<cbn::DescribeFlowlogsResponse> =
        client.describe_flowlogs_pages(request).map(Result::unwrap).collect().await;
    let ids: Vec<Vec<&str>> = pages
        .iter()
        .map(|p| p.flow_logs.as_ref().unwrap().flow_log.iter().map(|f| f.flow_log_id.as_deref().unwrap()).collect())
        .collect();
    assert_eq!(
        ids,
        [vec!["flowlog-1", "flowlog-2", "flowlog-3"], vec!["flowlog-4", "flowlog-5", "flowlog-6"], vec!["flowlog-7"]]
    );
    let calls = server.calls();
    assert_eq!(calls.len(), 3);
    assert_signed(&calls);
    let sent: Vec<Option<String>> = calls.iter().map(|c| c.param("PageNumber")).collect();
    assert_eq!(sent, [None, Some("2".to_owned()), Some("3".to_owned())]);
    assert!(calls.iter().all(|c| c.param("CenId").as_deref() == Some("cen-0001")));
}

/// The items of every page, through the runtime's `Pages` wrapper: no stream trait imported.
#[tokio::test]
async fn pages_and_items_need_no_futures_import() {
    use alibabacloud_flowlog::runtime::paginate::Pages;

    let fake = FakeFlowLogService::start(ACCESS_KEY_ID, SECRET).await.unwrap();
    let client = ecr::Client::new(config(&fake.endpoint()).build().unwrap());
    five_ecr_flow_logs(&client).await;
    let request = || ecr::DescribeFlowLogsRequest::builder().ecr_id("ecr-0001").max_results(2).build().unwrap();

    let mut pages = Pages::new(client.describe_flow_logs_pages(request()));
    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        sizes.push(page.unwrap().flow_logs.len());
    }
    assert_eq!(sizes, [2, 2, 1]);

    let mut items = Pages::new(client.describe_flow_logs_pages(request())).items(|page| page.flow_logs);
    let mut names = Vec::new();
    while let Some(flow_log) = items.next().await {
        names.push(flow_log.unwrap().flow_log_name.unwrap());
    }
    assert_eq!(names, ["log-1", "log-2", "log-3", "log-4", "log-5"]);

    let all = Pages::new(client.describe_flow_logs_pages(request())).items(|page| page.flow_logs).try_collect().await;
    assert_eq!(all.unwrap().len(), 5);

    // A failing page ends the item stream after its error.
    fake.fail_next("DescribeFlowLogs", FakeResponse::error(400, "IllegalParam.NextToken", "bad token"));
    let mut failing = Pages::new(client.describe_flow_logs_pages(request())).items(|page| page.flow_logs);
    assert!(matches!(failing.next().await, Some(Err(SdkError::Service(_)))));
    assert!(failing.next().await.is_none());
}
