//! A stateful fake of the flow-log APIs of ExpressConnectRouter 2023-09-01 (ECR) and VPC
//! 2016-04-28, listening on `127.0.0.1`.
//!
//! It stands on the runtime's [`FakeServer`], so every request it receives has its V3 signature
//! recomputed and checked (a wrong signature gets `SignatureDoesNotMatch`), and on top of that it
//! refuses an unknown AccessKey id (`InvalidAccessKeyId.NotFound`) and a reused signature nonce
//! (`SignatureNonceUsed`). It dispatches on `x-acs-version` and `x-acs-action` and keeps its
//! state in memory: the flow logs created, with their attributes and status, whether the VPC
//! flow-log service is opened, and the answers given to each `ClientToken` (a repeated token
//! gets the first answer again, as the real service does, so a retried create creates once).
//!
//! Answers have the services' shapes: ECR's envelope (`Success`, `Code`, `HttpStatusCode`,
//! `DynamicCode` for templated codes such as `MissingParam.%s`) and VPC's (`Success` as the
//! string `"true"`, paging counters as strings). Request ids are deterministic
//! (`fake-request-1`, `fake-request-2`, ...), and so are flow-log ids (`flowlog-ecr00001`,
//! `fl-vpc00001`) and creation times.
//!
//! Faults can be queued per action: [`FakeFlowLogService::fail_next`] answers an error without
//! touching the state; [`FakeFlowLogService::lose_next_answer`] applies the call and then answers
//! an error instead of the result, as when a response is lost on its way back.
//!
//! Delivery: with a fake Simple Log Service attached ([`FakeFlowLogService::deliver_to`]), each
//! [`FakeFlowLogService::capture`] of an aggregation window makes every *active* flow log append
//! the records of its traffic to its `ProjectName`/`LogStoreName` logstore (the records of
//! [`crate::flow_records`]); inactive flow logs deliver nothing, as the real service does.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

pub use alibabacloud_runtime::test_util::sls::FakeSls;
pub use alibabacloud_runtime::test_util::{FakeResponse, FakeServer, ReceivedCall};
use serde_json::{json, Map, Value};

/// The API version of ExpressConnectRouter the fake serves.
pub const ECR_VERSION: &str = "2023-09-01";
/// The API version of VPC the fake serves.
pub const VPC_VERSION: &str = "2016-04-28";
/// The region ECR flow logs are reported in (ECR requests carry no region).
pub const ECR_REGION: &str = "cn-hangzhou";

/// Which API a flow log was created through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Product {
    /// ExpressConnectRouter 2023-09-01.
    Ecr,
    /// VPC 2016-04-28.
    Vpc,
}

/// A flow log as the fake keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowLog {
    /// The API it belongs to.
    pub product: Product,
    /// `flowlog-ecr00001` (ECR) or `fl-vpc00001` (VPC).
    pub flow_log_id: String,
    /// The region (`RegionId` for VPC, [`ECR_REGION`] for ECR).
    pub region_id: String,
    /// `FlowLogName`.
    pub name: Option<String>,
    /// `Description`.
    pub description: Option<String>,
    /// `Active` or `Inactive`.
    pub status: String,
    /// `YYYY-MM-DDThh:mm:ssZ`.
    pub creation_time: String,
    /// `ProjectName`.
    pub project_name: Option<String>,
    /// `LogStoreName`.
    pub log_store_name: Option<String>,
    /// `ResourceGroupId`.
    pub resource_group_id: Option<String>,
    /// Tags (`Tag.N.Key` / `Tag.N.Value`), in the order sent.
    pub tags: Vec<(String, String)>,
    /// ECR: `EcrId`.
    pub ecr_id: Option<String>,
    /// ECR `InstanceType`, VPC `ResourceType`.
    pub instance_type: Option<String>,
    /// ECR `InstanceId`, VPC `ResourceId`.
    pub instance_id: Option<String>,
    /// ECR `Interval`, VPC `AggregationInterval`.
    pub interval: Option<i64>,
    /// ECR: `SamplingRate`.
    pub sampling_rate: Option<String>,
    /// ECR: `TargetSlsRegionId`.
    pub sls_region_id: Option<String>,
    /// VPC: `TrafficType`.
    pub traffic_type: Option<String>,
    /// VPC: `TrafficPath.N`.
    pub traffic_path: Vec<String>,
}

/// An error answer, before it is wrapped in the product's envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Fail {
    status: u16,
    code: String,
    message: String,
    /// The value of the `%s` of a templated code.
    dynamic: Option<String>,
}

impl Fail {
    fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        Fail { status, code: code.to_owned(), message: message.into(), dynamic: None }
    }
}

type Outcome = Result<Map<String, Value>, Fail>;

struct Fault {
    action: String,
    response: FakeResponse,
    apply: bool,
}

#[derive(Default)]
struct State {
    access_key_id: String,
    requests: u64,
    created: u64,
    flow_logs: Vec<FlowLog>,
    /// (product, action, ClientToken) → the answer given.
    tokens: BTreeMap<(Product, String, String), Map<String, Value>>,
    nonces: BTreeSet<String>,
    vpc_service_open: bool,
    faults: VecDeque<Fault>,
    sls: Option<Arc<FakeSls>>,
}

/// The stateful fake flow-log service; stops when dropped.
pub struct FakeFlowLogService {
    server: FakeServer,
    state: Arc<Mutex<State>>,
}

impl std::fmt::Debug for FakeFlowLogService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeFlowLogService").field("addr", &self.server.addr()).finish_non_exhaustive()
    }
}

impl FakeFlowLogService {
    /// Starts the fake on an ephemeral port of `127.0.0.1`, accepting requests signed by
    /// `access_key_id` with `secret`. Call it inside a Tokio runtime.
    pub async fn start(access_key_id: &str, secret: &str) -> std::io::Result<Self> {
        let state = Arc::new(Mutex::new(State { access_key_id: access_key_id.to_owned(), ..State::default() }));
        let shared = state.clone();
        let server = FakeServer::start(secret, move |_, call| respond(&mut lock(&shared), call)).await?;
        Ok(FakeFlowLogService { server, state })
    }

    /// The URL to give the client as its endpoint: `http://127.0.0.1:<port>`.
    pub fn endpoint(&self) -> String {
        self.server.endpoint()
    }

    /// The address listened on.
    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// Every request received so far, in order (refused ones included).
    pub fn calls(&self) -> Vec<ReceivedCall> {
        self.server.calls()
    }

    /// The flow logs that exist now, in creation order.
    pub fn flow_logs(&self) -> Vec<FlowLog> {
        lock(&self.state).flow_logs.clone()
    }

    /// The flow log with this id, if it exists.
    pub fn flow_log(&self, flow_log_id: &str) -> Option<FlowLog> {
        lock(&self.state).flow_logs.iter().find(|f| f.flow_log_id == flow_log_id).cloned()
    }

    /// Whether `OpenFlowLogService` (VPC) was called.
    pub fn vpc_service_open(&self) -> bool {
        lock(&self.state).vpc_service_open
    }

    /// Active flow logs deliver their records to `sls` from now on ([`Self::capture`]).
    pub fn deliver_to(&self, sls: Arc<FakeSls>) {
        lock(&self.state).sls = Some(sls);
    }

    /// One aggregation window, starting at `start` (Unix seconds), passes: every active flow log
    /// that names a project and a logstore delivers that window's records (each window lasts the
    /// flow log's `Interval`/`AggregationInterval`, by default 60 s for ECR and 600 s for VPC).
    /// Returns how many records were delivered (none without [`Self::deliver_to`]).
    pub fn capture(&self, start: u32) -> usize {
        let state = lock(&self.state);
        let Some(sls) = state.sls.clone() else { return 0 };
        let mut delivered = 0;
        for flow_log in state.flow_logs.iter().filter(|f| f.status == "Active") {
            let (Some(project), Some(logstore)) = (&flow_log.project_name, &flow_log.log_store_name) else {
                continue;
            };
            let default = if flow_log.product == Product::Ecr { 60 } else { 600 };
            let interval = flow_log.interval.and_then(|i| u32::try_from(i).ok()).unwrap_or(default);
            let records = crate::flow_records::records(flow_log, start, interval);
            delivered += records.len();
            sls.append(project, logstore, records);
        }
        delivered
    }

    /// The next call of `action` gets `response` and changes nothing.
    pub fn fail_next(&self, action: &str, response: FakeResponse) {
        lock(&self.state).faults.push_back(Fault { action: action.to_owned(), response, apply: false });
    }

    /// The next call of `action` is carried out, but answered with `response` (a lost answer).
    pub fn lose_next_answer(&self, action: &str, response: FakeResponse) {
        lock(&self.state).faults.push_back(Fault { action: action.to_owned(), response, apply: true });
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The parameters of a request: query string and form body together, decoded.
struct Params(Vec<(String, String)>);

impl Params {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn owned(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_owned)
    }

    /// A required parameter; missing or empty gives the product's error.
    fn required(&self, product: Product, name: &str) -> Result<String, Fail> {
        match self.get(name) {
            Some(value) if !value.is_empty() => Ok(value.to_owned()),
            _ => Err(match product {
                Product::Ecr => Fail {
                    dynamic: Some(name.to_owned()),
                    ..Fail::new(400, "MissingParam.%s", "The parameter %s is mandatory for this action.")
                },
                Product::Vpc => Fail::new(
                    400,
                    "MissingParameter",
                    format!(
                        "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."
                    ),
                ),
            }),
        }
    }

    fn int(&self, name: &str) -> Result<Option<i64>, Fail> {
        self.get(name)
            .map(|v| {
                v.parse().map_err(|_| {
                    Fail::new(400, &format!("IllegalParam.{name}"), format!("The param of {name} is illegal."))
                })
            })
            .transpose()
    }

    /// `Prefix.N.Key` / `Prefix.N.Value` pairs, by `N`.
    fn tags(&self, prefix: &str) -> Vec<(String, String)> {
        let mut by_index: BTreeMap<u32, (String, String)> = BTreeMap::new();
        for (key, value) in &self.0 {
            let Some(rest) = key.strip_prefix(prefix).and_then(|r| r.strip_prefix('.')) else { continue };
            let Some((index, field)) = rest.split_once('.') else { continue };
            let Ok(index) = index.parse() else { continue };
            let entry = by_index.entry(index).or_default();
            match field {
                "Key" => entry.0 = value.clone(),
                "Value" => entry.1 = value.clone(),
                _ => {}
            }
        }
        by_index.into_values().collect()
    }

    /// `Prefix.N` values, by `N`.
    fn list(&self, prefix: &str) -> Vec<String> {
        let mut by_index: BTreeMap<u32, String> = BTreeMap::new();
        for (key, value) in &self.0 {
            if let Some(index) = key.strip_prefix(prefix).and_then(|r| r.strip_prefix('.')).and_then(|i| i.parse().ok())
            {
                by_index.insert(index, value.clone());
            }
        }
        by_index.into_values().collect()
    }
}

fn respond(state: &mut State, call: &ReceivedCall) -> FakeResponse {
    state.requests += 1;
    let request_id = format!("fake-request-{}", state.requests);
    let product = match call.header("x-acs-version") {
        Some(ECR_VERSION) => Product::Ecr,
        Some(VPC_VERSION) => Product::Vpc,
        other => {
            let message = format!("Specified parameter Version [{}] is not valid.", other.unwrap_or_default());
            return envelope(Product::Vpc, &request_id, Err(Fail::new(400, "InvalidVersion", message)));
        }
    };
    if let Err(fail) = check_request(state, call) {
        return envelope(product, &request_id, Err(fail));
    }
    let action = call.header("x-acs-action").unwrap_or_default().to_owned();
    let fault = state.faults.iter().position(|f| f.action == action).and_then(|i| state.faults.remove(i));
    if let Some(Fault { response, apply: false, .. }) = fault {
        return response;
    }
    let params = Params(call.query_pairs().into_iter().chain(call.form_pairs()).collect());
    let token = params.get("ClientToken").filter(|t| !t.is_empty()).map(|t| (product, action.clone(), t.to_owned()));
    let outcome = match token.as_ref().and_then(|key| state.tokens.get(key)) {
        Some(earlier) => Ok(earlier.clone()),
        None => {
            let outcome = match product {
                Product::Ecr => ecr(state, &action, &params),
                Product::Vpc => vpc(state, &action, &params),
            };
            if let (Some(key), Ok(answer)) = (token, &outcome) {
                state.tokens.insert(key, answer.clone());
            }
            outcome
        }
    };
    match fault {
        Some(Fault { response, .. }) => response,
        None => envelope(product, &request_id, outcome),
    }
}

/// What every product checks before the action: the caller's AccessKey, a fresh nonce, the route.
fn check_request(state: &mut State, call: &ReceivedCall) -> Result<(), Fail> {
    // The FakeServer answered a request whose signature does not verify before we are called.
    let verified = call.verification.as_ref().map_err(|e| Fail::new(400, "SignatureDoesNotMatch", e.to_string()))?;
    if verified.access_key_id != state.access_key_id {
        return Err(Fail::new(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."));
    }
    let nonce = call.header("x-acs-signature-nonce").unwrap_or_default();
    if !state.nonces.insert(nonce.to_owned()) {
        return Err(Fail::new(400, "SignatureNonceUsed", "Specified signature nonce was used already."));
    }
    if call.method != "POST" || call.path != "/" {
        return Err(Fail::new(
            404,
            "InvalidAction.NotFound",
            "Specified api is not found, please check your url and method.",
        ));
    }
    Ok(())
}

fn envelope(product: Product, request_id: &str, outcome: Outcome) -> FakeResponse {
    match (product, outcome) {
        (Product::Ecr, Ok(fields)) => {
            let mut body = Map::new();
            body.insert("RequestId".into(), json!(request_id));
            body.insert("Success".into(), json!(true));
            body.insert("Code".into(), json!("Success"));
            body.insert("Message".into(), json!("Successful"));
            body.insert("HttpStatusCode".into(), json!(200));
            body.extend(fields);
            FakeResponse::json(200, Value::Object(body).to_string())
        }
        (Product::Vpc, Ok(fields)) => {
            let mut body = Map::new();
            body.insert("RequestId".into(), json!(request_id));
            body.extend(fields);
            FakeResponse::json(200, Value::Object(body).to_string())
        }
        (product, Err(fail)) => {
            let (host, name) = match product {
                Product::Ecr => ("expressconnectrouter.cn-shanghai.aliyuncs.com", "ExpressConnectRouter"),
                Product::Vpc => ("vpc.aliyuncs.com", "Vpc"),
            };
            let mut body = json!({
                "RequestId": request_id,
                "HostId": host,
                "Code": fail.code,
                "Message": fail.message,
                "Recommend": format!("https://api.aliyun.com/troubleshoot?q={}&product={name}", fail.code),
            });
            if product == Product::Ecr {
                body["Success"] = json!(false);
                body["HttpStatusCode"] = json!(fail.status);
            }
            if let Some(dynamic) = fail.dynamic {
                body["DynamicCode"] = json!(dynamic);
                body["DynamicMessage"] = json!(dynamic);
            }
            FakeResponse::json(fail.status, body.to_string())
        }
    }
}

fn fields(pairs: impl IntoIterator<Item = (&'static str, Value)>) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

fn not_found(product: Product, flow_log_id: &str) -> Fail {
    match product {
        Product::Ecr => Fail {
            dynamic: Some(flow_log_id.to_owned()),
            ..Fail::new(
                400,
                "ResourceNotFound.FlowLogId",
                format!("The specified resource of FlowLogId[{flow_log_id}] is not found."),
            )
        },
        Product::Vpc => Fail::new(400, "InvalidInstanceId.NotFound", "The specfied instance is not existed."),
    }
}

impl State {
    fn new_flow_log(&mut self, product: Product, region_id: String) -> FlowLog {
        self.created += 1;
        let n = self.created;
        let flow_log_id = match product {
            Product::Ecr => format!("flowlog-ecr{n:05}"),
            Product::Vpc => format!("fl-vpc{n:05}"),
        };
        FlowLog {
            product,
            flow_log_id,
            region_id,
            name: None,
            description: None,
            status: "Active".to_owned(),
            creation_time: format!("2024-06-01T{:02}:{:02}:00Z", (n / 60) % 24, n % 60),
            project_name: None,
            log_store_name: None,
            resource_group_id: None,
            tags: Vec::new(),
            ecr_id: None,
            instance_type: None,
            instance_id: None,
            interval: None,
            sampling_rate: None,
            sls_region_id: None,
            traffic_type: None,
            traffic_path: Vec::new(),
        }
    }

    fn find(&mut self, product: Product, flow_log_id: &str, owner: &str) -> Result<&mut FlowLog, Fail> {
        self.flow_logs
            .iter_mut()
            .find(|f| {
                f.product == product
                    && f.flow_log_id == flow_log_id
                    && match product {
                        Product::Ecr => f.ecr_id.as_deref() == Some(owner),
                        Product::Vpc => f.region_id == owner,
                    }
            })
            .ok_or_else(|| not_found(product, flow_log_id))
    }

    fn set_status(&mut self, product: Product, id: &str, owner: &str, from: &str, to: &str) -> Outcome {
        let flow_log = self.find(product, id, owner)?;
        if flow_log.status != from {
            return Err(match product {
                Product::Ecr => {
                    Fail::new(400, "IncorrectStatus.FlowLog", "The status of FlowLog does not allow current operation.")
                }
                Product::Vpc => Fail::new(400, "IncorrectStatus.flowlog", "Invalid flowlog status."),
            });
        }
        flow_log.status = to.to_owned();
        Ok(Map::new())
    }

    fn delete(&mut self, product: Product, id: &str, owner: &str) -> Outcome {
        self.find(product, id, owner)?;
        self.flow_logs.retain(|f| !(f.product == product && f.flow_log_id == id));
        Ok(Map::new())
    }
}

/// Whether `flow_log` matches every filter given (absent filters match everything).
fn matches(flow_log: &FlowLog, filters: &[(Option<&str>, Option<&str>)], tags: &[(String, String)]) -> bool {
    filters.iter().all(|(wanted, actual)| wanted.is_none() || wanted == actual)
        && tags.iter().all(|(k, v)| flow_log.tags.iter().any(|(tk, tv)| tk == k && (v.is_empty() || tv == v)))
}

fn ecr(state: &mut State, action: &str, p: &Params) -> Outcome {
    const ECR: Product = Product::Ecr;
    match action {
        "CreateFlowLog" => {
            let ecr_id = p.required(ECR, "EcrId")?;
            let instance_type = p.required(ECR, "InstanceType")?;
            let instance_id = p.required(ECR, "InstanceId")?;
            let project_name = p.required(ECR, "ProjectName")?;
            let log_store_name = p.required(ECR, "LogStoreName")?;
            let interval = p.int("Interval")?;
            if p.get("DryRun") == Some("true") {
                return Err(Fail::new(
                    400,
                    "DryRunOperation",
                    "Request validation has been passed with DryRun flag set.",
                ));
            }
            if let Some(existing) =
                state.flow_logs.iter().find(|f| f.product == ECR && f.instance_id.as_deref() == Some(&instance_id))
            {
                let message = format!("The specified resource of FlowLogId[{}] already exists.", existing.flow_log_id);
                return Err(Fail::new(400, "ResourceAlreadyExist.FlowLogId", message));
            }
            let mut flow_log = state.new_flow_log(ECR, ECR_REGION.to_owned());
            flow_log.ecr_id = Some(ecr_id);
            flow_log.instance_type = Some(instance_type);
            flow_log.instance_id = Some(instance_id);
            flow_log.name = p.owned("FlowLogName");
            flow_log.description = p.owned("Description");
            flow_log.interval = interval;
            flow_log.sampling_rate = p.owned("SamplingRate");
            flow_log.project_name = Some(project_name);
            flow_log.log_store_name = Some(log_store_name);
            flow_log.resource_group_id = p.owned("ResourceGroupId");
            flow_log.sls_region_id = p.owned("TargetSlsRegionId").or_else(|| Some(ECR_REGION.to_owned()));
            flow_log.tags = p.tags("Tag");
            let id = flow_log.flow_log_id.clone();
            state.flow_logs.push(flow_log);
            Ok(fields([("FlowLogId", json!(id))]))
        }
        "DescribeFlowLogs" => {
            let ecr_id = p.required(ECR, "EcrId")?;
            let max_results = p.int("MaxResults")?.unwrap_or(20);
            if !(1..=100).contains(&max_results) {
                return Err(Fail::new(400, "IllegalParam.MaxResults", "The param of MaxResults is illegal."));
            }
            let start: usize = match p.get("NextToken") {
                None | Some("") => 0,
                Some(token) => token
                    .strip_prefix("token-")
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| Fail::new(400, "IllegalParam.NextToken", "The param of NextToken is illegal."))?,
            };
            let tags = p.tags("Tag");
            let found: Vec<&FlowLog> = state
                .flow_logs
                .iter()
                .filter(|f| f.product == ECR && f.ecr_id.as_deref() == Some(ecr_id.as_str()))
                .filter(|f| {
                    let filters = [
                        (p.get("FlowLogId"), Some(f.flow_log_id.as_str())),
                        (p.get("FlowLogName"), f.name.as_deref()),
                        (p.get("InstanceId"), f.instance_id.as_deref()),
                        (p.get("ProjectName"), f.project_name.as_deref()),
                        (p.get("LogStoreName"), f.log_store_name.as_deref()),
                        (p.get("ResourceGroupId"), f.resource_group_id.as_deref()),
                    ];
                    matches(f, &filters, &tags)
                })
                .collect();
            let end = (start + max_results as usize).min(found.len());
            let page: Vec<Value> = found.get(start..end).unwrap_or_default().iter().map(|f| ecr_json(f)).collect();
            let mut answer = fields([
                ("TotalCount", json!(found.len())),
                ("MaxResults", json!(max_results)),
                ("FlowLogs", json!(page)),
            ]);
            if end < found.len() {
                answer.insert("NextToken".into(), json!(format!("token-{end}")));
            }
            Ok(answer)
        }
        "ModifyFlowLogAttribute" => {
            let (ecr_id, id) = (p.required(ECR, "EcrId")?, p.required(ECR, "FlowLogId")?);
            let interval = p.int("Interval")?;
            let flow_log = state.find(ECR, &id, &ecr_id)?;
            if let Some(name) = p.owned("FlowLogName") {
                flow_log.name = Some(name);
            }
            if let Some(description) = p.owned("Description") {
                flow_log.description = Some(description);
            }
            if let Some(rate) = p.owned("SamplingRate") {
                flow_log.sampling_rate = Some(rate);
            }
            if interval.is_some() {
                flow_log.interval = interval;
            }
            Ok(Map::new())
        }
        "ActivateFlowLog" => {
            let (ecr_id, id) = (p.required(ECR, "EcrId")?, p.required(ECR, "FlowLogId")?);
            state.set_status(ECR, &id, &ecr_id, "Inactive", "Active")
        }
        "DeactivateFlowLog" => {
            let (ecr_id, id) = (p.required(ECR, "EcrId")?, p.required(ECR, "FlowLogId")?);
            state.set_status(ECR, &id, &ecr_id, "Active", "Inactive")
        }
        "DeleteFlowlog" => {
            let (ecr_id, id) = (p.required(ECR, "EcrId")?, p.required(ECR, "FlowLogId")?);
            state.delete(ECR, &id, &ecr_id)
        }
        _ => Err(unknown_action(action)),
    }
}

fn unknown_action(action: &str) -> Fail {
    Fail::new(
        404,
        "InvalidAction.NotFound",
        format!("Specified api [{action}] is not found, please check your url and method."),
    )
}

fn ecr_json(f: &FlowLog) -> Value {
    json!({
        "FlowLogId": f.flow_log_id,
        "FlowLogName": f.name,
        "Description": f.description,
        "EcrId": f.ecr_id,
        "InstanceId": f.instance_id,
        "InstanceType": f.instance_type,
        "Interval": f.interval,
        "SamplingRate": f.sampling_rate,
        "ProjectName": f.project_name,
        "LogStoreName": f.log_store_name,
        "SlsRegionId": f.sls_region_id,
        "RegionId": f.region_id,
        "Status": f.status,
        "CreationTime": f.creation_time,
        "ResourceGroupId": f.resource_group_id,
        "Tags": f.tags.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect::<Vec<_>>(),
    })
}

fn vpc(state: &mut State, action: &str, p: &Params) -> Outcome {
    const VPC: Product = Product::Vpc;
    let region = p.required(VPC, "RegionId")?;
    let opened = state.vpc_service_open;
    match action {
        "OpenFlowLogService" => {
            state.vpc_service_open = true;
            Ok(Map::new())
        }
        "GetFlowLogServiceStatus" => Ok(fields([("Enabled", json!(opened))])),
        _ if !opened && action.contains("FlowLog") => Err(Fail::new(
            400,
            "OptInRequired.FlowLog",
            "You are not authorized to use the requested service of flowLog. Ensure that you have subscribed to the service you are trying to use.",
        )),
        "CreateFlowLog" => {
            let resource_type = p.required(VPC, "ResourceType")?;
            let resource_id = p.required(VPC, "ResourceId")?;
            let traffic_type = p.required(VPC, "TrafficType")?;
            let project_name = p.required(VPC, "ProjectName")?;
            let log_store_name = p.required(VPC, "LogStoreName")?;
            let interval = vpc_interval(p)?;
            if state.flow_logs.iter().any(|f| f.product == VPC && f.instance_id.as_deref() == Some(&resource_id)) {
                return Err(Fail::new(
                    400,
                    "InvalidResourceId.NotFound",
                    "This resourceId already has flowlog instance existed.",
                ));
            }
            let mut flow_log = state.new_flow_log(VPC, region);
            flow_log.instance_type = Some(resource_type);
            flow_log.instance_id = Some(resource_id);
            flow_log.traffic_type = Some(traffic_type);
            flow_log.name = p.owned("FlowLogName");
            flow_log.description = p.owned("Description");
            flow_log.project_name = Some(project_name);
            flow_log.log_store_name = Some(log_store_name);
            flow_log.interval = interval.or(Some(10));
            flow_log.traffic_path = p.list("TrafficPath");
            flow_log.resource_group_id = p.owned("ResourceGroupId").or_else(|| Some("rg-default".to_owned()));
            flow_log.tags = p.tags("Tag");
            let answer = fields([
                ("Success", json!("true")),
                ("FlowLogId", json!(flow_log.flow_log_id)),
                ("ResourceGroupId", json!(flow_log.resource_group_id)),
            ]);
            state.flow_logs.push(flow_log);
            Ok(answer)
        }
        "DescribeFlowLogs" => {
            let page_number = p.int("PageNumber")?.unwrap_or(1).max(1);
            let page_size = p.int("PageSize")?.unwrap_or(20);
            if !(1..=50).contains(&page_size) {
                return Err(Fail::new(400, "IllegalParam.PageSize", "The param of PageSize is illegal."));
            }
            let tags = p.tags("Tags");
            let found: Vec<&FlowLog> = state
                .flow_logs
                .iter()
                .filter(|f| f.product == VPC && f.region_id == region)
                .filter(|f| {
                    let filters = [
                        (p.get("FlowLogId"), Some(f.flow_log_id.as_str())),
                        (p.get("FlowLogName"), f.name.as_deref()),
                        (p.get("Description"), f.description.as_deref()),
                        (p.get("ResourceType"), f.instance_type.as_deref()),
                        (p.get("ResourceId"), f.instance_id.as_deref()),
                        (p.get("TrafficType"), f.traffic_type.as_deref()),
                        (p.get("ProjectName"), f.project_name.as_deref()),
                        (p.get("LogStoreName"), f.log_store_name.as_deref()),
                        (p.get("Status"), Some(f.status.as_str())),
                        (p.get("ResourceGroupId"), f.resource_group_id.as_deref()),
                    ];
                    matches(f, &filters, &tags)
                })
                .collect();
            let start = ((page_number - 1) * page_size) as usize;
            let end = (start + page_size as usize).min(found.len());
            let page: Vec<Value> = found.get(start..end).unwrap_or_default().iter().map(|f| vpc_json(f)).collect();
            Ok(fields([
                ("Success", json!("true")),
                ("PageNumber", json!(page_number.to_string())),
                ("PageSize", json!(page_size.to_string())),
                ("TotalCount", json!(found.len().to_string())),
                ("FlowLogs", json!({ "FlowLog": page })),
            ]))
        }
        "ModifyFlowLogAttribute" => {
            let id = p.required(VPC, "FlowLogId")?;
            let interval = vpc_interval(p)?;
            let flow_log = state.find(VPC, &id, &region)?;
            if let Some(name) = p.owned("FlowLogName") {
                flow_log.name = Some(name);
            }
            if let Some(description) = p.owned("Description") {
                flow_log.description = Some(description);
            }
            if interval.is_some() {
                flow_log.interval = interval;
            }
            Ok(fields([("Success", json!("true"))]))
        }
        "ActiveFlowLog" => {
            let id = p.required(VPC, "FlowLogId")?;
            state.set_status(VPC, &id, &region, "Inactive", "Active").map(|_| fields([("Success", json!("true"))]))
        }
        "DeactiveFlowLog" => {
            let id = p.required(VPC, "FlowLogId")?;
            state.set_status(VPC, &id, &region, "Active", "Inactive").map(|_| fields([("Success", json!("true"))]))
        }
        "DeleteFlowLog" => {
            let id = p.required(VPC, "FlowLogId")?;
            state.delete(VPC, &id, &region).map(|_| fields([("Success", json!("true"))]))
        }
        _ => Err(unknown_action(action)),
    }
}

fn vpc_interval(p: &Params) -> Result<Option<i64>, Fail> {
    let interval = p.int("AggregationInterval")?;
    match interval {
        None | Some(1 | 5 | 10) => Ok(interval),
        Some(_) => {
            Err(Fail::new(400, "IllegalParam.AggregationInterval", "The param of aggregationInterval is illegal."))
        }
    }
}

fn vpc_json(f: &FlowLog) -> Value {
    json!({
        "FlowLogId": f.flow_log_id,
        "FlowLogName": f.name,
        "Description": f.description,
        "Status": f.status,
        "BusinessStatus": "Normal",
        "CreationTime": f.creation_time,
        "ResourceType": f.instance_type,
        "ResourceId": f.instance_id,
        "TrafficType": f.traffic_type,
        "ProjectName": f.project_name,
        "LogStoreName": f.log_store_name,
        "RegionId": f.region_id,
        "AggregationInterval": f.interval,
        "TrafficPath": { "TrafficPathList": f.traffic_path },
        "ResourceGroupId": f.resource_group_id,
        "Tags": { "Tag": f.tags.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect::<Vec<_>>() },
    })
}
