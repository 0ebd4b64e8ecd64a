//! The report: what changed, per product, with the impact of each change on the generated Rust
//! API. Every type here serialises to the documented JSON schema (`docs/API_DIFF.md`); field names
//! and the `kind` tags are part of that schema.

use serde::Serialize;

/// Version of the JSON schema; bumped on any change that is not an addition.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole report: every product compared, and the verdict over all of them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The verdict over every product.
    pub verdict: Verdict,
    /// One entry per product found on either side, by product code then version.
    pub products: Vec<ProductDiff>,
}

/// What happened to one product (one metadata file per side).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductDiff {
    /// Product code (`Vpc`).
    pub product: String,
    /// API version on the new side (the old one's when the product was removed).
    pub version: String,
    /// API version on the old side when it differs (two files compared directly).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_version: Option<String>,
    /// How the two sides compare.
    pub status: ProductStatus,
    /// Operation counts.
    pub operations: OperationCounts,
    /// Every change but documentation-only ones, ordered by impact (most severe first), then
    /// operation, then place.
    pub changes: Vec<Change>,
    /// Number of documentation-only changes (texts of operations, fields, values, error codes;
    /// examples and defaults).
    pub docs_changes: usize,
    /// The documentation-only changes themselves, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub docs: Vec<Change>,
    /// The verdict for this product alone.
    pub verdict: Verdict,
    /// Operations on both sides (by their new action), for renderers that name the few an
    /// operation-wide change misses rather than the many it hits. Not serialised.
    #[serde(skip)]
    pub common: Vec<String>,
}

/// How the two sides of a product compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProductStatus {
    /// Both sides generated; compared.
    Compared,
    /// Only on the new side (or the old side was refused by the generator: nothing was generated
    /// from it).
    Added {
        /// Why the old side did not count, when there was a file.
        #[serde(skip_serializing_if = "Option::is_none")]
        old_refused: Option<String>,
    },
    /// Only on the old side (or the new side is refused: regenerating would drop the product).
    Removed {
        /// Why the new side was refused, when there was a file.
        #[serde(skip_serializing_if = "Option::is_none")]
        new_refused: Option<String>,
    },
    /// Refused by the generator on both sides: nothing is generated either way.
    Refused {
        /// The old side's reason.
        old: String,
        /// The new side's reason.
        new: String,
    },
}

/// Operations before and after.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct OperationCounts {
    /// Operations on the old side.
    pub before: usize,
    /// Operations on the new side.
    pub after: usize,
    /// Only on the new side.
    pub added: usize,
    /// Only on the old side.
    pub removed: usize,
    /// On both sides, with at least one change that is not documentation-only.
    pub changed: usize,
}

/// What a change means for code written against the old generated crate. Ordered from most to
/// least severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Impact {
    /// Code that compiled may no longer compile (an item is gone or its type changed).
    CompileBreaking,
    /// Code still compiles, but a call that worked may now fail before anything is sent
    /// (`build()` refuses a request it accepted).
    RunTimeBreaking,
    /// New API (operations, fields, setters, variants) or checks that accept more than before.
    Additive,
    /// Nothing changes for code or for what `build()` accepts: wire details that follow the service
    /// (placement, endpoints), deprecation notes, documentation.
    Compatible,
}

impl Impact {
    /// Every impact, most severe first.
    pub const ALL: [Impact; 4] =
        [Impact::CompileBreaking, Impact::RunTimeBreaking, Impact::Additive, Impact::Compatible];

    /// `compile-breaking`, ...
    pub fn label(self) -> &'static str {
        match self {
            Impact::CompileBreaking => "compile-breaking",
            Impact::RunTimeBreaking => "run-time-breaking",
            Impact::Additive => "additive",
            Impact::Compatible => "compatible",
        }
    }

    /// Whether callers may break (at compile time or at run time).
    pub fn is_breaking(self) -> bool {
        self <= Impact::RunTimeBreaking
    }
}

/// Where in a product a change is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// The product as a whole (endpoints, module).
    Product,
    /// An operation as a whole (added, removed, client method, paginator, HTTP).
    Operation,
    /// The request (parameters and their nested fields).
    Request,
    /// The success response.
    Response,
    /// The error enum.
    Errors,
}

impl Part {
    /// `request`, `response`, ...
    pub fn label(self) -> &'static str {
        match self {
            Part::Product => "product",
            Part::Operation => "operation",
            Part::Request => "request",
            Part::Response => "response",
            Part::Errors => "errors",
        }
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// What it means for users of the generated crate.
    pub impact: Impact,
    /// The operation (its action on the new side), or none for product-level changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// Where in the operation or product.
    pub part: Part,
    /// Wire path within the part: `Tag[].Key` (`[]` an item of a list, `{}` a value of a map);
    /// empty for the part itself; the region for endpoints, the code for errors.
    pub path: String,
    /// What changed, with its details.
    #[serde(flatten)]
    pub kind: ChangeKind,
    /// One line saying what changed, without the operation's name (so that the same change in
    /// several operations reads the same).
    pub summary: String,
    /// The Rust items concerned and why the impact is what it is.
    pub rust: String,
}

/// Which way a check moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Accepts less than before.
    Tightened,
    /// Accepts more than before.
    Loosened,
    /// Accepts other values: some that passed may fail (patterns).
    Changed,
}

/// The kinds of change, with their details. Serialised with a `kind` tag (`"kind":
/// "member_added"`) next to the fields of [`Change`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeKind {
    /// A product only on the new side.
    ProductAdded {
        /// Its operations.
        operations: usize,
    },
    /// A product only on the old side.
    ProductRemoved {
        /// Its operations.
        operations: usize,
    },
    /// An operation only on the new side.
    OperationAdded,
    /// An operation only on the old side.
    OperationRemoved,
    /// An action spelled differently (`UnTagResources` → `UntagResources`).
    OperationRenamed {
        /// Old action.
        from: String,
        /// New action.
        to: String,
    },
    /// The operation's deprecation changed.
    OperationDeprecated {
        /// Deprecated now.
        deprecated: bool,
    },
    /// HTTP method or path changed.
    HttpChanged {
        /// Before (`POST /`).
        from: String,
        /// After.
        to: String,
    },
    /// The idempotency token the client fills in changed.
    ClientTokenChanged {
        /// Before.
        from: Option<String>,
        /// After.
        to: Option<String>,
    },
    /// A paginator method appeared.
    PaginatorAdded {
        /// Its name.
        method: String,
    },
    /// A paginator method is gone.
    PaginatorRemoved {
        /// Its name.
        method: String,
    },
    /// The wire name is the same, the Rust name is not.
    RustRenamed {
        /// What is renamed (`client method`, `request type`, `field`, `type`, `variant`).
        item: String,
        /// Old name.
        from: String,
        /// New name.
        to: String,
    },
    /// A parameter or field appeared.
    MemberAdded {
        /// Whether `build()` requires it.
        required: bool,
        /// Its wire type.
        wire_type: String,
    },
    /// A parameter or field is gone.
    MemberRemoved {
        /// Its wire type.
        wire_type: String,
    },
    /// A parameter or field spelled differently on the wire (case only, or a plural with the same
    /// type); compared as one member.
    MemberRenamed {
        /// Old wire name.
        from: String,
        /// New wire name.
        to: String,
        /// Whether only letter case differs.
        case_only: bool,
    },
    /// `build()` now requires it, or no longer does.
    RequiredChanged {
        /// Required now.
        required: bool,
    },
    /// The type changed.
    TypeChanged {
        /// Old wire type.
        from: String,
        /// New wire type.
        to: String,
        /// Old Rust type.
        rust_from: String,
        /// New Rust type.
        rust_to: String,
    },
    /// Location or style on the wire changed.
    PlacementChanged {
        /// Before (`query, simple`).
        from: String,
        /// After.
        to: String,
    },
    /// A checked rule changed.
    ConstraintChanged {
        /// The metadata keyword (`maxLength`, `pattern`, `minimum`, `enum`, ...).
        constraint: String,
        /// Before (none when absent).
        from: Option<String>,
        /// After.
        to: Option<String>,
        /// Which way.
        direction: Direction,
    },
    /// A value joined a value set.
    ValueAdded {
        /// The wire value.
        value: String,
        /// Its variant (string value sets).
        #[serde(skip_serializing_if = "Option::is_none")]
        variant: Option<String>,
    },
    /// A value left a value set.
    ValueRemoved {
        /// The wire value.
        value: String,
        /// Its old variant (string value sets).
        #[serde(skip_serializing_if = "Option::is_none")]
        variant: Option<String>,
        /// Whether that variant name is still in the enum (another value took it).
        variant_kept: bool,
    },
    /// The field's deprecation note changed.
    MemberDeprecated {
        /// Deprecated now.
        deprecated: bool,
    },
    /// Whether validation reports quote the value changed.
    SecretChanged {
        /// Secret now.
        secret: bool,
    },
    /// An error code appeared.
    ErrorAdded {
        /// Its variant.
        variant: String,
    },
    /// An error code is gone.
    ErrorRemoved {
        /// Its old variant.
        variant: String,
    },
    /// Every response field is gone (the new metadata documents no response body).
    ResponseEmptied {
        /// Wire names of the fields removed.
        fields: Vec<String>,
    },
    /// Every documented error code is gone.
    ErrorsEmptied {
        /// Codes removed.
        codes: Vec<String>,
    },
    /// A region's endpoint appeared.
    EndpointAdded {
        /// Host.
        host: String,
        /// The default host the region was called at before.
        before: String,
    },
    /// A region's endpoint is gone.
    EndpointRemoved {
        /// Host.
        host: String,
        /// The default host the region is called at now.
        after: String,
    },
    /// A region's endpoint changed.
    EndpointChanged {
        /// Before.
        from: String,
        /// After.
        to: String,
    },
    /// The default host prefix changed.
    EndpointPrefixChanged {
        /// Before.
        from: String,
        /// After.
        to: String,
    },
    /// The Rust module of the product changed.
    ModuleRenamed {
        /// Before.
        from: String,
        /// After.
        to: String,
    },
    /// Documentation only.
    Docs {
        /// Which texts (`description`, `example`, ...).
        texts: Vec<String>,
    },
}

/// The semver verdict: the most severe impact found, and the version to release next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// Most severe impact; none when nothing changed.
    pub impact: Option<Impact>,
    /// The bump it calls for: `none`, `patch`, `minor`, `major`.
    pub bump: Bump,
    /// Number of changes of each impact (documentation-only changes count as compatible).
    pub counts: ImpactCounts,
    /// The current version, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    /// The next version for the current one, with Cargo's rules for 0.x.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// Number of changes of each impact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImpactCounts {
    /// Compile-breaking changes.
    pub compile_breaking: usize,
    /// Run-time-breaking changes.
    pub run_time_breaking: usize,
    /// Additive changes.
    pub additive: usize,
    /// Compatible changes, documentation-only ones included.
    pub compatible: usize,
}

impl ImpactCounts {
    /// Adds one change of `impact`.
    pub fn add(&mut self, impact: Impact) {
        *self.slot(impact) += 1;
    }

    /// The count for `impact`.
    pub fn get(&self, impact: Impact) -> usize {
        match impact {
            Impact::CompileBreaking => self.compile_breaking,
            Impact::RunTimeBreaking => self.run_time_breaking,
            Impact::Additive => self.additive,
            Impact::Compatible => self.compatible,
        }
    }

    fn slot(&mut self, impact: Impact) -> &mut usize {
        match impact {
            Impact::CompileBreaking => &mut self.compile_breaking,
            Impact::RunTimeBreaking => &mut self.run_time_breaking,
            Impact::Additive => &mut self.additive,
            Impact::Compatible => &mut self.compatible,
        }
    }

    /// Sums two counts.
    pub fn merge(&mut self, other: &ImpactCounts) {
        for i in Impact::ALL {
            *self.slot(i) += other.get(i);
        }
    }
}

/// A semver bump.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Compatible changes only.
    Patch,
    /// Additions.
    Minor,
    /// Breaking changes.
    Major,
}

impl Report {
    /// Whether any change may break callers.
    pub fn is_breaking(&self) -> bool {
        self.verdict.impact.is_some_and(Impact::is_breaking)
    }
}
