//! The fields every Alibaba Cloud response may carry besides its own data.

use serde::{Deserialize, Deserializer, Serialize};

/// The common fields of a response: the request id that support asks for, and the status fields
/// some products add to successful answers. Every generated response exposes them the same way,
/// as its `envelope` field; a field the response does not send is `None`.
///
/// Products disagree on these fields' types (`Success` as `true` or `"true"`, `Code` as `200` or
/// `"200"`), so each is read from any scalar, and a value that cannot mean what the field means
/// (an object, a `Success` of `"maybe"`) reads as `None` instead of failing the response.
///
/// ```
/// let envelope: alibabacloud_runtime::Envelope =
///     serde_json::from_str(r#"{"RequestId": "0ED8D006", "Success": "true", "HttpStatusCode": "200"}"#).unwrap();
/// assert_eq!(envelope.request_id.as_deref(), Some("0ED8D006"));
/// assert_eq!(envelope.success, Some(true));
/// assert_eq!(envelope.http_status_code, Some(200));
/// assert_eq!(envelope.code, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Envelope {
    /// The id of the request (`RequestId`): quote it when asking support about a call.
    #[serde(rename = "RequestId", skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub request_id: Option<String>,
    /// A status code some products put in successful answers (`Code`, often `"200"`).
    #[serde(rename = "Code", skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub code: Option<String>,
    /// A status message some products put in successful answers (`Message`).
    #[serde(rename = "Message", skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub message: Option<String>,
    /// The HTTP status the service reports in the body (`HttpStatusCode`).
    #[serde(rename = "HttpStatusCode", skip_serializing_if = "Option::is_none", deserialize_with = "integer")]
    pub http_status_code: Option<i64>,
    /// Whether the call succeeded, as the body says (`Success`).
    #[serde(rename = "Success", skip_serializing_if = "Option::is_none", deserialize_with = "boolean")]
    pub success: Option<bool>,
    /// The value of a templated code's `%s` (`DynamicCode`).
    #[serde(rename = "DynamicCode", skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub dynamic_code: Option<String>,
    /// The message of a templated code (`DynamicMessage`).
    #[serde(rename = "DynamicMessage", skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub dynamic_message: Option<String>,
    /// Details of a permission check, as JSON text (`AccessDeniedDetail`).
    #[serde(rename = "AccessDeniedDetail", skip_serializing_if = "Option::is_none", deserialize_with = "text")]
    pub access_denied_detail: Option<String>,
}

/// A value as the service sent it: a scalar, or anything else (skipped).
#[derive(Deserialize)]
#[serde(untagged)]
enum Loose {
    Bool(bool),
    Signed(i64),
    Unsigned(u64),
    Float(f64),
    Text(String),
    Other(serde::de::IgnoredAny),
}

fn loose<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Loose>, D::Error> {
    Option::<Loose>::deserialize(deserializer)
}

fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match loose(deserializer)? {
        Some(Loose::Bool(b)) => Some(b.to_string()),
        Some(Loose::Signed(i)) => Some(i.to_string()),
        Some(Loose::Unsigned(u)) => Some(u.to_string()),
        Some(Loose::Float(f)) => Some(crate::wire::python_float(f)),
        Some(Loose::Text(s)) => Some(s),
        Some(Loose::Other(_)) | None => None,
    })
}

fn integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    Ok(match loose(deserializer)? {
        Some(Loose::Signed(i)) => Some(i),
        Some(Loose::Unsigned(u)) => i64::try_from(u).ok(),
        Some(Loose::Text(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

fn boolean<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    Ok(match loose(deserializer)? {
        Some(Loose::Bool(b)) => Some(b),
        Some(Loose::Signed(1) | Loose::Unsigned(1)) => Some(true),
        Some(Loose::Signed(0) | Loose::Unsigned(0)) => Some(false),
        Some(Loose::Text(s)) if s.trim().eq_ignore_ascii_case("true") => Some(true),
        Some(Loose::Text(s)) if s.trim().eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    })
}

impl crate::de::Object for Envelope {
    /// Takes the common members; never fails: a value that cannot mean what the field means
    /// reads as `None`, as with `Deserialize`.
    fn field(&mut self, name: &str, value: serde_json::Value) -> Result<bool, crate::de::Error> {
        use crate::de::FromJson;
        let text = |value| String::from_json(value).ok().flatten();
        match name {
            "RequestId" => self.request_id = text(value),
            "Code" => self.code = text(value),
            "Message" => self.message = text(value),
            "HttpStatusCode" => self.http_status_code = i64::from_json(value).ok().flatten(),
            "Success" => self.success = bool::from_json(value).ok().flatten(),
            "DynamicCode" => self.dynamic_code = text(value),
            "DynamicMessage" => self.dynamic_message = text(value),
            "AccessDeniedDetail" => self.access_denied_detail = text(value),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::Envelope;

    #[test]
    fn scalars_of_any_type_are_read_and_nonsense_is_none() {
        let e: Envelope = serde_json::from_str(
            r#"{"RequestId": 7, "Code": 200, "Message": {"nested": true}, "HttpStatusCode": "OK",
                "Success": "True", "DynamicCode": "Vpc", "DynamicMessage": null, "AccessDeniedDetail": "{}"}"#,
        )
        .unwrap();
        assert_eq!(e.request_id.as_deref(), Some("7"));
        assert_eq!(e.code.as_deref(), Some("200"));
        assert_eq!(e.message, None);
        assert_eq!(e.http_status_code, None);
        assert_eq!(e.success, Some(true));
        assert_eq!(e.dynamic_code.as_deref(), Some("Vpc"));
        assert_eq!(e.dynamic_message, None);
        assert_eq!(e.access_denied_detail.as_deref(), Some("{}"));
    }

    #[test]
    fn read_as_an_object_it_reads_as_deserialize_does() {
        let text = r#"{"RequestId": 7, "Code": 200, "Message": {"nested": true}, "HttpStatusCode": "OK",
            "Success": "True", "DynamicCode": "Vpc", "DynamicMessage": null, "AccessDeniedDetail": "{}",
            "Other": 1}"#;
        let read: Envelope = crate::de::from_slice(text.as_bytes()).unwrap();
        assert_eq!(read, serde_json::from_str::<Envelope>(text).unwrap());
        let read: Envelope = crate::de::from_slice(br#"{"HttpStatusCode": 404, "Success": 0}"#).unwrap();
        assert_eq!((read.http_status_code, read.success), (Some(404), Some(false)));
    }

    #[test]
    fn flattened_into_a_response_it_takes_only_its_own_keys() {
        #[derive(serde::Deserialize, serde::Serialize, Debug, Default, PartialEq)]
        #[serde(default)]
        struct Response {
            #[serde(flatten)]
            envelope: Envelope,
            #[serde(rename = "FlowLogId")]
            flow_log_id: Option<String>,
        }
        let text = r#"{"RequestId": "R-1", "FlowLogId": "fl-1", "Success": false, "Undocumented": [1, 2]}"#;
        let r: Response = serde_json::from_str(text).unwrap();
        assert_eq!(r.flow_log_id.as_deref(), Some("fl-1"));
        assert_eq!(r.envelope.request_id.as_deref(), Some("R-1"));
        assert_eq!(r.envelope.success, Some(false));
        let back = serde_json::to_value(&r).unwrap();
        assert_eq!(back, serde_json::json!({"RequestId": "R-1", "Success": false, "FlowLogId": "fl-1"}));
    }
}
