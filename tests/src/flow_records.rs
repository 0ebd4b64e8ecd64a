//! Flow-log records as the flow-log services deliver them to Simple Log Service: one record per
//! flow (a 5-tuple) and aggregation window, with the fields Alibaba Cloud documents.
//!
//! - ECR flow logs (traffic between a VBR and the ECR; Express Connect, "ECR flow logs", log
//!   fields): `version`, `account-id`, `vbr-id`, `ecr-id`, `src-region-id`, `srcaddr`, `srcport`,
//!   `dst-region-id`, `dstaddr`, `dstport`, `protocol`, `packets`, `bytes`, `start`, `end`.
//! - VPC flow logs (per ENI; Simple Log Service, "VPC flow log fields"): `__topic__` (`flow_log`),
//!   `version`, `vswitch-id`, `vm-id`, `vpc-id`, `account-id`, `eni-id`, `region`, `srcaddr`,
//!   `srcport`, `dstaddr`, `dstport`, `protocol`, `direction`, `packets`, `bytes`, `start`, `end`,
//!   `log-status`, `action`, `tcp-flags`.
//!
//! The traffic itself is made up but deterministic: the same flow log and window always give the
//! same records, so tests can assert exact values.

use alibabacloud_runtime::test_util::sls::LogRecord;

use crate::fake_flowlog::{FlowLog, Product};

/// The account the fake reports records under.
pub const ACCOUNT_ID: &str = "1234567890123456";

/// One flow of the made-up traffic: source, destination, protocol, and what it carried.
struct Flow {
    src: (&'static str, u16),
    dst: (&'static str, u16),
    protocol: u8,
    packets: u64,
    bytes: u64,
    direction: &'static str,
    action: &'static str,
    tcp_flags: u8,
}

/// The flows seen in every window: HTTPS both ways, a DNS query, and a refused SSH attempt.
const FLOWS: [Flow; 4] = [
    Flow {
        src: ("10.0.1.15", 51234),
        dst: ("192.168.10.8", 443),
        protocol: 6,
        packets: 120,
        bytes: 98_304,
        direction: "out",
        action: "ACCEPT",
        tcp_flags: 18,
    },
    Flow {
        src: ("192.168.10.8", 443),
        dst: ("10.0.1.15", 51234),
        protocol: 6,
        packets: 96,
        bytes: 1_048_576,
        direction: "in",
        action: "ACCEPT",
        tcp_flags: 18,
    },
    Flow {
        src: ("10.0.1.15", 53011),
        dst: ("192.168.0.2", 53),
        protocol: 17,
        packets: 2,
        bytes: 148,
        direction: "out",
        action: "ACCEPT",
        tcp_flags: 0,
    },
    Flow {
        src: ("203.0.113.7", 40022),
        dst: ("10.0.1.15", 22),
        protocol: 6,
        packets: 3,
        bytes: 180,
        direction: "in",
        action: "REJECT",
        tcp_flags: 2,
    },
];

/// The records `flow_log` delivers for the aggregation window that starts at `start` (Unix
/// seconds) and lasts `interval` seconds, each at `__time__` = `start`.
pub fn records(flow_log: &FlowLog, start: u32, interval: u32) -> Vec<LogRecord> {
    let end = (start + interval.saturating_sub(1)).to_string();
    let start_text = start.to_string();
    FLOWS
        .iter()
        .map(|flow| {
            let (src, dst) = (format!("{}", flow.src.1), format!("{}", flow.dst.1));
            let (protocol, packets, bytes) =
                (flow.protocol.to_string(), flow.packets.to_string(), flow.bytes.to_string());
            let mut fields: Vec<(&str, String)> = vec![
                ("version", "1".into()),
                ("account-id", ACCOUNT_ID.into()),
                ("srcaddr", flow.src.0.into()),
                ("srcport", src),
                ("dstaddr", flow.dst.0.into()),
                ("dstport", dst),
                ("protocol", protocol),
                ("packets", packets),
                ("bytes", bytes),
                ("start", start_text.clone()),
                ("end", end.clone()),
            ];
            match flow_log.product {
                Product::Ecr => {
                    fields.push(("vbr-id", flow_log.instance_id.clone().unwrap_or_default()));
                    fields.push(("ecr-id", flow_log.ecr_id.clone().unwrap_or_default()));
                    fields.push(("src-region-id", flow_log.region_id.clone()));
                    fields.push(("dst-region-id", flow_log.region_id.clone()));
                }
                Product::Vpc => {
                    let resource = flow_log.instance_id.clone().unwrap_or_default();
                    fields.push(("__topic__", "flow_log".into()));
                    fields.push(("vpc-id", "vpc-bp1fake".into()));
                    fields.push(("vswitch-id", "vsw-bp1fake".into()));
                    fields.push(("vm-id", "i-bp1fake".into()));
                    fields.push(("eni-id", format!("eni-{}", resource.trim_start_matches("eni-"))));
                    fields.push(("region", flow_log.region_id.clone()));
                    fields.push(("direction", flow.direction.into()));
                    fields.push(("log-status", "OK".into()));
                    fields.push(("action", flow.action.into()));
                    fields.push(("tcp-flags", flow.tcp_flags.to_string()));
                }
            }
            LogRecord::new(start, "flowlog", fields.iter().map(|(k, v)| (*k, v.as_str())))
        })
        .collect()
}
