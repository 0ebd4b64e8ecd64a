//! The generated clients end to end, over real HTTP on 127.0.0.1: every request is signed by the
//! client and its signature recomputed and checked by the server (the runtime's `FakeServer`, or
//! the stateful fake flow-log service built on it).
//!
//! - `ecr_operations`, `vpc_operations`, `cbn_operations`: the success path of all 20 operations,
//!   with the exact action, version, method, path, parameters and parsed answer;
//! - `errors`: documented, templated and undocumented codes, non-JSON bodies, matching in one step;
//! - `retries`: 5xx then success, throttling with `x-acs-retry-after`, timeouts, one ClientToken;
//! - `pagination`: the generated `*_pages` streams over three pages, by token and by page number,
//!   and their items through `runtime::paginate::Pages`;
//! - `flows`: create → describe → modify → deactivate → activate → delete on the stateful fake;
//! - `fluent`: fluent calls, `Client::send` and per-call options;
//! - `before_sending`: validation keeps an invalid request from the wire; lenient mode sends it;
//! - `credentials`: an ECS instance and an ACK pod call with no AccessKey (metadata service, STS).

mod support;

mod before_sending;
mod cbn_operations;
mod credentials;
mod ecr_operations;
mod errors;
mod flows;
mod fluent;
mod pagination;
mod retries;
mod vpc_operations;
