//! Generates the VPC flow-log operations this crate calls into `OUT_DIR/vpc.rs`.

fn main() {
    codegen::Builder::new()
        .metadata("../metadata/vpc_2016-04-28.json")
        .operations(["CreateFlowLog", "DescribeFlowLogs"])
        .run();
}
