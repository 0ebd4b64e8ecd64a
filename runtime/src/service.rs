//! A product and API version: the static description generated code gives for each module.

/// One Alibaba Cloud product at one API version, with the endpoints it documents.
///
/// Generated code writes one per product module as a `static`:
///
/// ```
/// use alibabacloud_runtime::Service;
///
/// pub static SERVICE: Service = Service {
///     product: "Vpc",
///     version: "2016-04-28",
///     endpoint_prefix: "vpc",
///     endpoints: &[
///         ("cn-hangzhou", "vpc.cn-hangzhou.aliyuncs.com"),
///         ("cn-shanghai-finance-1", "vpc.aliyuncs.com"),
///     ],
/// };
///
/// assert_eq!(SERVICE.endpoint_for("cn-shanghai-finance-1"), "vpc.aliyuncs.com");
/// assert_eq!(SERVICE.endpoint_for("eu-central-1"), "vpc.eu-central-1.aliyuncs.com");
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Service {
    /// The product code, as in the metadata (`Vpc`, `ExpressConnectRouter`, `Cbn`).
    pub product: &'static str,
    /// The API version, sent as `x-acs-version` (`2016-04-28`).
    pub version: &'static str,
    /// The first label of the regional endpoint (`vpc` gives `vpc.<region>.aliyuncs.com`).
    pub endpoint_prefix: &'static str,
    /// Documented endpoints: `(region, host)`, sorted by region. Regions absent from the table
    /// use the regional pattern.
    pub endpoints: &'static [(&'static str, &'static str)],
}

impl Service {
    /// The host name to call for `region`: the table entry when there is one, otherwise
    /// `<endpoint_prefix>.<region>.aliyuncs.com`.
    pub fn endpoint_for(&self, region: &str) -> String {
        match self.documented_endpoint(region) {
            Some(host) => host.to_owned(),
            None => format!("{}.{}.aliyuncs.com", self.endpoint_prefix, region),
        }
    }

    /// The host documented for `region`, if the table has one.
    pub fn documented_endpoint(&self, region: &str) -> Option<&'static str> {
        // The table is sorted, but a few dozen comparisons cost nothing next to a network call,
        // and a scan stays right even if a hand-written table is not sorted.
        self.endpoints.iter().find(|(r, _)| *r == region).map(|(_, host)| *host)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static VPC: Service = Service {
        product: "Vpc",
        version: "2016-04-28",
        endpoint_prefix: "vpc",
        endpoints: &[("cn-hangzhou", "vpc.cn-hangzhou.aliyuncs.com"), ("cn-hangzhou-finance", "vpc.aliyuncs.com")],
    };

    #[test]
    fn table_entries_win() {
        assert_eq!(VPC.endpoint_for("cn-hangzhou-finance"), "vpc.aliyuncs.com");
        assert_eq!(VPC.endpoint_for("cn-hangzhou"), "vpc.cn-hangzhou.aliyuncs.com");
        assert_eq!(VPC.documented_endpoint("cn-hangzhou-finance"), Some("vpc.aliyuncs.com"));
    }

    #[test]
    fn other_regions_use_the_pattern() {
        assert_eq!(VPC.endpoint_for("ap-southeast-1"), "vpc.ap-southeast-1.aliyuncs.com");
        assert_eq!(VPC.documented_endpoint("ap-southeast-1"), None);
    }
}
