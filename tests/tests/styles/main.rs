//! The protocols beyond RPC/ROA end to end, over real HTTP on 127.0.0.1, with the runtime's
//! [`Client::call`](alibabacloud_runtime::Client::call) family and the fakes that check each
//! protocol's signature (`FakeSls`, `FakeOss`). Most operations are written by hand in `support`
//! (paths, parameters, locations and body formats as in the 2024 metadata) with serde types, as
//! a caller of the runtime without the generator would write them; `generated` sends the same
//! protocols through the code the generator emits.
//!
//! - `sls`: GetLogs paged through records a shipper appended, CreateLogStore/GetLogStore with
//!   JSON bodies, SLS error bodies classified into the operation's error enum;
//! - `acs3`: a binary body hashed into the V3 signature with a streamed answer (fc
//!   `InvokeFunction`), a `ClientToken` added to the form and kept across a retry;
//! - `oss`: an 8 MiB object put and got through streams that neither side buffers whole, XML
//!   request and answer bodies (PutBucket, ListObjectsV2), OSS `<Error>` documents;
//! - `generated`: the flow-log records read back through the generated SLS client, an object
//!   streamed through generated `PutObject`/`GetObject`, and (with the corpus) FC and V3 calls.

mod support;

mod acs3;
mod generated;
mod oss;
mod sls;
