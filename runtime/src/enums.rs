//! [`string_enum!`](crate::string_enum): a generated value-set enum in a few lines.
//!
//! The macro defines the enum (one variant per documented value, plus a fallback variant holding
//! any other string) and implements `as_str`, [`KnownValue`](crate::validate::KnownValue),
//! `Display`, `FromStr` (infallible), `From<&str>`, `From<String>`, `AsRef<str>` and serde's
//! `Serialize` / `Deserialize` (as strings; an unknown string becomes the fallback variant, so a
//! value added by the service never breaks deserialization).

use std::fmt;
use std::marker::PhantomData;

/// Defines a string value-set enum with a fallback variant.
///
/// Grammar:
///
/// ```text
/// string_enum! {
///     <attributes, doc comments included>
///     <visibility> enum <Name> {
///         <attributes> <Variant> => "<wire value>",   // one or more
///     }
///     unknown: <FallbackVariant>                      // optional; default `Unknown`
/// }
/// ```
///
/// The enum derives `Debug`, `Clone`, `PartialEq`, `Eq`, `Hash`, `PartialOrd` and `Ord`, and is
/// `#[non_exhaustive]`. Name the fallback variant when a documented value would clash with
/// `Unknown`.
///
/// ```
/// alibabacloud_runtime::string_enum! {
///     /// The type of traffic to capture.
///     pub enum TrafficType {
///         /// All traffic.
///         All => "All",
///         /// Traffic that access control allows.
///         Allow => "Allow",
///     }
///     unknown: Other
/// }
///
/// use alibabacloud_runtime::KnownValue;
///
/// assert_eq!(TrafficType::Allow.as_str(), "Allow");
/// assert_eq!(TrafficType::from("All"), TrafficType::All);
/// assert_eq!("Drop".parse::<TrafficType>().unwrap(), TrafficType::Other("Drop".into()));
/// assert!(!TrafficType::Other("Drop".into()).is_known());
/// assert_eq!(TrafficType::known_values(), ["All", "Allow"]);
/// assert_eq!(serde_json::to_string(&TrafficType::All).unwrap(), r#""All""#);
/// let parsed: TrafficType = serde_json::from_str(r#""Drop""#).unwrap();
/// assert_eq!(parsed.to_string(), "Drop");
/// ```
#[macro_export]
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident => $value:literal ),+ $(,)?
        }
    ) => {
        $crate::string_enum! {
            $(#[$meta])*
            $vis enum $name {
                $( $(#[$variant_meta])* $variant => $value, )+
            }
            unknown: Unknown
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident => $value:literal ),+ $(,)?
        }
        unknown: $unknown:ident
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )+
            /// A value this version of the SDK does not document, kept as received.
            $unknown(::std::string::String),
        }

        impl $name {
            /// Every documented value, in the documented order.
            pub const VALUES: &'static [&'static str] = &[$($value),+];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )+
                    Self::$unknown(value) => value.as_str(),
                }
            }

            fn known_variant(value: &str) -> ::std::option::Option<Self> {
                match value {
                    $( $value => ::std::option::Option::Some(Self::$variant), )+
                    _ => ::std::option::Option::None,
                }
            }
        }

        $crate::impl_string_enum!($name, $unknown);
    };
}

/// The trait impls of a value-set enum, for an enum written out in full (as generated code does,
/// so that a reviewer reads the variants and the value mapping as plain Rust).
///
/// The enum must have a fallback variant `$unknown(String)`, an inherent `as_str(&self) -> &str`,
/// a `VALUES` constant listing the documented values, and an inherent
/// `known_variant(&str) -> Option<Self>`. The macro implements
/// [`KnownValue`](crate::validate::KnownValue), `Display`, `FromStr` (infallible), `From<&str>`,
/// `From<String>`, `AsRef<str>`, serde's `Serialize` / `Deserialize` (as strings; an unknown
/// string becomes the fallback variant), and the wire traits [`WireValue`](crate::encode::WireValue)
/// and [`FromJson`](crate::de::FromJson) (from any scalar, as text).
///
/// ```
/// #[derive(Debug, Clone, PartialEq, Eq)]
/// pub enum TrafficType {
///     All,
///     Unknown(String),
/// }
///
/// impl TrafficType {
///     pub const VALUES: &'static [&'static str] = &["All"];
///     pub fn as_str(&self) -> &str {
///         match self {
///             Self::All => "All",
///             Self::Unknown(value) => value,
///         }
///     }
///     fn known_variant(value: &str) -> Option<Self> {
///         match value {
///             "All" => Some(Self::All),
///             _ => None,
///         }
///     }
/// }
///
/// alibabacloud_runtime::impl_string_enum!(TrafficType, Unknown);
///
/// assert_eq!(TrafficType::from("All"), TrafficType::All);
/// assert_eq!(TrafficType::from("Drop"), TrafficType::Unknown("Drop".into()));
/// ```
#[macro_export]
macro_rules! impl_string_enum {
    ($name:ident, $unknown:ident) => {
        impl $crate::validate::KnownValue for $name {
            fn is_known(&self) -> bool {
                !::std::matches!(self, Self::$unknown(_))
            }
            fn as_str(&self) -> &str {
                $name::as_str(self)
            }
            fn known_values() -> &'static [&'static str] {
                Self::VALUES
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::known_variant(value).unwrap_or_else(|| Self::$unknown(::std::borrow::ToOwned::to_owned(value)))
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match Self::known_variant(&value) {
                    ::std::option::Option::Some(known) => known,
                    ::std::option::Option::None => Self::$unknown(value),
                }
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl $crate::enums::__private::serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: $crate::enums::__private::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        impl $crate::encode::WireValue for $name {
            fn visit(&self, visitor: &mut dyn $crate::encode::Visitor) {
                visitor.str(self.as_str())
            }
        }

        impl $crate::de::FromJson for $name {
            fn from_json(
                value: $crate::json::Value,
            ) -> ::std::result::Result<::std::option::Option<Self>, $crate::de::Error> {
                $crate::de::string_enum(value)
            }
        }

        impl<'de> $crate::enums::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: $crate::enums::__private::serde::Deserializer<'de>,
            {
                $crate::enums::__private::deserialize_string_enum(deserializer)
            }
        }
    };
}

#[doc(hidden)]
pub mod __private {
    pub use serde;

    use super::*;

    /// Deserializes a string into `T` through `From<&str>` (borrowed input, no allocation for a
    /// known value) or `From<String>`.
    pub fn deserialize_string_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
    where
        D: serde::Deserializer<'de>,
        T: for<'a> From<&'a str> + From<String>,
    {
        deserializer.deserialize_str(StringVisitor(PhantomData))
    }

    struct StringVisitor<T>(PhantomData<T>);

    impl<T> serde::de::Visitor<'_> for StringVisitor<T>
    where
        T: for<'a> From<&'a str> + From<String>,
    {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }

        fn visit_string<E: serde::de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from(value))
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::KnownValue;

    crate::string_enum! {
        /// Statuses.
        #[derive(Default)]
        pub enum Status {
            /// Running.
            #[default]
            Active => "Active",
            /// Not running.
            Inactive => "Inactive",
        }
    }

    crate::string_enum! {
        /// A value set with a documented `Unknown` value.
        enum Health {
            Unknown => "Unknown",
            Ok => "OK",
        }
        unknown: Undocumented
    }

    #[test]
    fn conversions_round_trip() {
        assert_eq!(Status::default(), Status::Active);
        assert_eq!(Status::VALUES, ["Active", "Inactive"]);
        assert_eq!(Status::from("Inactive"), Status::Inactive);
        assert_eq!(Status::from(String::from("Active")), Status::Active);
        assert_eq!(Status::from("Deleting"), Status::Unknown("Deleting".to_owned()));
        assert_eq!("Active".parse::<Status>(), Ok(Status::Active));
        assert_eq!(Status::Inactive.to_string(), "Inactive");
        assert_eq!(Status::Unknown("x".into()).as_ref(), "x");
        assert!(Status::Active.is_known());
        assert!(!Status::Unknown("x".into()).is_known());
        assert_eq!(<Status as KnownValue>::known_values(), Status::VALUES);
        assert_eq!(KnownValue::as_str(&Status::Active), "Active");
        assert_eq!(Health::from("Unknown"), Health::Unknown);
        assert_eq!(Health::from("OK"), Health::Ok);
        assert_eq!(Health::from("Bad"), Health::Undocumented("Bad".into()));
    }

    #[test]
    fn serde_uses_the_wire_string() {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Row {
            status: Vec<Status>,
        }
        let row: Row = serde_json::from_str(r#"{"status":["Active","Deleting","Inactive"]}"#).unwrap();
        assert_eq!(row.status, [Status::Active, Status::Unknown("Deleting".into()), Status::Inactive]);
        assert_eq!(serde_json::to_string(&row).unwrap(), r#"{"status":["Active","Deleting","Inactive"]}"#);
        // Owned strings (from a `Value`) work too.
        let value = serde_json::json!("Inactive");
        assert_eq!(serde_json::from_value::<Status>(value).unwrap(), Status::Inactive);
        assert!(serde_json::from_str::<Status>("12").is_err());
    }
}
